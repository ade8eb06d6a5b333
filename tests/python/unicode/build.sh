#!/bin/sh
# Build the Unicode/UTF-8 test driver with clang and compare it with
# python3 (CPython 3.11) over every code point and the codec cases.
#   tests/python/unicode/build.sh           optimized build
#   SAN=1 tests/python/unicode/build.sh     with ASan + UBSan
#   CC=gcc tests/python/unicode/build.sh    with another compiler
#   BENCH=1 tests/python/unicode/build.sh   also print codec speed
#   REGEN=1 tests/python/unicode/build.sh   also check that unicode_db.c is
#                                           what the generator writes now
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cc=${CC:-clang}
# a private directory, so that concurrent runs do not race
dir=$(mktemp -d "${TMPDIR:-/tmp}/pystm-unicode.XXXXXX")
trap 'rm -rf "$dir"' EXIT
out=$dir/unicode_test
flags="-std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror"
if [ "${SAN:-0}" = 1 ]; then
    flags="$flags -fsanitize=address,undefined -fno-sanitize-recover=all"
fi
# shellcheck disable=SC2086
$cc $flags -o "$out" "$here/unicode_test.c" \
    "$root/interp/runtime/unicode_db.c" "$root/interp/runtime/unicode.c" \
    "$root/interp/runtime/utf8.c"
"$out" selftest
python3 "$here/check_unicode.py" "$out"
if [ "${REGEN:-0}" = 1 ]; then
    (cd "$root" && python3 tools/gen_unicode_db.py --output "$dir/db.c")
    cmp "$dir/db.c" "$root/interp/runtime/unicode_db.c"
    echo "unicode_db.c is up to date"
fi
if [ "${BENCH:-0}" = 1 ]; then
    "$out" bench
fi
