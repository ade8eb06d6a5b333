#!/bin/sh
# Builds the big-int test driver against interp/objects/bigint*.c and runs
# it on cases that gen_cases.py computes with python3 (CPython 3.11), then
# checks recovery from exhausted memory (--oom).
#   tests/python/bigint/build.sh            clang -O2
#   tests/python/bigint/build.sh --asan     clang with ASan + UBSan
#   tests/python/bigint/build.sh --gcc      gcc -O2
#   tests/python/bigint/build.sh --tsan     ThreadSanitizer, threads test only
#   tests/python/bigint/build.sh --bench    speed beside python3 (no tests)
# Extra arguments after these go to gen_cases.py (--seed N, --scale X).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cc=clang
flags="-O2"
oom=yes
tsan=no
case "${1:-}" in
--asan) flags="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"; oom=no; shift ;;
--gcc) cc=gcc; shift ;;
--tsan) flags="-O1 -g -fsanitize=thread"; oom=no; tsan=yes; shift ;;
--bench)
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    clang -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror -O2 \
        -I"$root/interp/objects" "$here/bench.c" \
        "$root/interp/objects/bigint.c" "$root/interp/objects/bigint_pow.c" \
        "$root/interp/objects/bigint_text.c" -o "$out/bench" -lgmp -lm -lpthread
    python3 "$here/bench.py" "$out/bench"
    exit 0 ;;
esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$cc -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror $flags \
    -I"$root/interp/objects" -I"$root/interp/runtime" \
    "$here/bigint_test.c" "$root/interp/objects/bigint.c" \
    "$root/interp/objects/bigint_pow.c" "$root/interp/objects/bigint_text.c" \
    "$root/interp/runtime/unicode_db.c" \
    -o "$out/bigint_test" -lgmp -lm -lpthread
if [ $tsan = yes ]; then "$out/bigint_test" --threads; exit 0; fi
python3 "$here/gen_cases.py" "$@" > "$out/cases.txt"
"$out/bigint_test" < "$out/cases.txt"
"$out/bigint_test" --threads
# ASan reserves terabytes of address space: no address-space limit there
if [ $oom = yes ]; then "$out/bigint_test" --oom; fi
