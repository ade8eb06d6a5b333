#!/bin/sh
# check_parser.sh -- pystm's tokenizer and parser against CPython's ast
# module on every case of tests/python/parser/cases (valid programs and
# syntax errors), then two libFuzzer targets on random input for a
# bounded time each: the parser alone, and tokenizer + parser + compiler
# (no crash, no leak, no sanitizer report, no input slower than
# PYSTM_FUZZ_TIMEOUT seconds).
#   PYSTM_FUZZ_SECONDS   time per fuzz target (default 30; 0: run the
#                        seed corpus once, no fuzzing)
#   PYSTM_FUZZ_ARTIFACTS where a failing input is kept (default $TMPDIR
#                        or /tmp)
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/pystm-parser.XXXXXX")
trap 'rm -rf "$out"' EXIT
seconds=${PYSTM_FUZZ_SECONDS:-30}
artifacts=${PYSTM_FUZZ_ARTIFACTS:-${TMPDIR:-/tmp}}
OUT=$out "$here/parser/build.sh" >/dev/null
python3 "$here/parser/run.py" --driver "$out/astdump"

# fuzz TARGET SEED-FILE...: runs $out/TARGET on a corpus of the seeds;
# libFuzzer's status is kept (not lost in a pipe) and fails the test
fuzz() {
    target=$1
    shift
    mkdir -p "$out/corpus-$target" "$out/art-$target"
    cp "$@" "$out/corpus-$target/"
    if [ "$seconds" -gt 0 ]; then
        limit="-max_total_time=$seconds"
    else
        limit="-runs=0"
    fi
    status=0
    "$out/$target" $limit -timeout="${PYSTM_FUZZ_TIMEOUT:-30}" \
        -rss_limit_mb=2048 -print_final_stats=1 \
        -dict="$here/parser/python.dict" \
        -artifact_prefix="$out/art-$target/" "$out/corpus-$target" \
        >"$out/$target.log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        tail -60 "$out/$target.log"
        for f in "$out/art-$target"/*; do
            [ -f "$f" ] || continue
            cp "$f" "$artifacts/$target-$(basename "$f")"
            echo "== $target failed on $artifacts/$target-$(basename "$f"):"
            od -c "$f" | head -20
        done
        echo "FAIL: $target exited with status $status"
        exit 1
    fi
    echo "$target: $(grep -E '^(Done|stat::number_of_executed_units)' \
        "$out/$target.log" | head -1)"
}

OUT=$out "$here/parser/build.sh" fuzz >/dev/null
fuzz fuzz_parser "$here/parser/fuzz_corpus/"*
# the compiler's seeds: the parser's, the regressions the compiler's
# fuzzer found (with a module of many names and constants, which the
# compiler once took quadratic time for), and the interpreter's test
# programs
OUT=$out "$here/parser/build.sh" fuzz-compiler >/dev/null
fuzz fuzz_compiler "$here/parser/fuzz_corpus/"* \
    "$here/parser/fuzz_corpus_compiler/"* \
    "$here/parser/cases/torture_many_stmts.py" "$here/cases/"*.py
