#!/bin/sh
# check_parser.sh -- pystm's tokenizer and parser against CPython's ast
# module on every case of tests/python/parser/cases (valid programs and
# syntax errors), then the libFuzzer target on random input for a
# bounded time (no crash, no leak, no sanitizer report).
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/pystm-parser.XXXXXX")
trap 'rm -rf "$out"' EXIT
OUT=$out "$here/parser/build.sh" >/dev/null
python3 "$here/parser/run.py" --driver "$out/astdump"
OUT=$out "$here/parser/build.sh" fuzz >/dev/null
mkdir -p "$out/corpus"
cp "$here/parser/fuzz_corpus/"* "$out/corpus/" 2>/dev/null || true
"$out/fuzz_parser" -max_total_time="${PYSTM_FUZZ_SECONDS:-30}" \
    -rss_limit_mb=2048 -print_final_stats=1 "$out/corpus" 2>&1 | tail -3
