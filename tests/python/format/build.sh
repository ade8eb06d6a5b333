#!/bin/sh
# Builds the number <-> text test driver with clang and runs it against
# cases CPython generates now (python3 must be CPython 3.11).
#   tests/python/format/build.sh            normal build, 1,000,000 repr cases
#   tests/python/format/build.sh --asan     ASan + UBSan build, fewer cases
#   tests/python/format/build.sh --bench    also time repr(), format(), float()
#   CC=gcc tests/python/format/build.sh     the same with gcc
# Extra arguments after the mode go to gen_cases.py (e.g. --seed 7).
# BUILD_DIR=dir keeps the binary and the cases there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
if [ -n "${BUILD_DIR:-}" ]; then
    out=$BUILD_DIR
    mkdir -p "$out"
else
    out=$(mktemp -d /tmp/pystm-format-test.XXXXXX)
    trap 'rm -rf "$out"' EXIT
fi

mode=normal
case "${1:-}" in
--asan) mode=asan; shift ;;
--bench) mode=bench; shift ;;
esac

# the cached powers of ten in dtoa.c must be exactly what the generator says
# (compared without blanks: clang-format aligns the comments)
python3 "$here/gen_pow10.py" | tr -d ' ' >"$out/pow10.txt"
grep -E '^ +\{0x[0-9a-f]+ull, -?[0-9]+\}, +/\* 1e-?[0-9]+ \*/$' \
    "$root/interp/runtime/dtoa.c" | tr -d ' ' >"$out/pow10.have"
if ! cmp -s "$out/pow10.have" "$out/pow10.txt"; then
    echo "dtoa.c: the pow10_cache table differs from gen_pow10.py" >&2
    exit 1
fi

cflags="-std=gnu11 -g -Wall -Wextra -Wno-unused-parameter -Werror"
srcs="$here/format_test.c $root/interp/runtime/dtoa.c $root/interp/runtime/format.c"
nrepr=1000000
if [ $mode = asan ]; then
    cflags="$cflags -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    nrepr=100000
else
    cflags="$cflags -O2"
fi
# shellcheck disable=SC2086
${CC:-clang} $cflags -o "$out/format_test" $srcs -lm
python3 "$here/gen_cases.py" --repr $nrepr "$@" >"$out/cases.txt"
"$out/format_test" <"$out/cases.txt"
if [ $mode = bench ]; then
    "$out/format_test" --bench
fi
