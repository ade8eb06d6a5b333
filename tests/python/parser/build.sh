#!/bin/sh
# Builds the parser test driver and (with clang's libFuzzer) the fuzz
# target into $OUT (default tests/python/parser/build).
#   build.sh            driver, -O2
#   build.sh asan       driver with AddressSanitizer + UBSan
#   build.sh fuzz       libFuzzer target with ASan + UBSan
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${OUT:-$here/build}
mkdir -p "$out"
CC=${CC:-clang}
warn="-Wall -Wextra -Wno-unused-parameter"
srcs="$root/interp/parser/tokenizer.c $root/interp/parser/ast.c
      $root/interp/parser/astdump.c $root/interp/parser/parse_stmt.c
      $root/interp/parser/parse_expr.c $root/interp/parser/parse_string.c
      $root/interp/parser/parse_errors.c
      $root/interp/parser/parse_match.c
      $root/interp/runtime/unicode_db.c $root/interp/runtime/unicode.c"
case "${1:-}" in
asan)
    $CC -std=gnu11 $warn -g -O1 -fsanitize=address,undefined \
        -fno-sanitize-recover=all -fno-omit-frame-pointer \
        -o "$out/astdump_asan" "$here/astdump_main.c" $srcs -lm
    echo "$out/astdump_asan" ;;
fuzz)
    clang -std=gnu11 $warn -g -O1 -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=all \
        -o "$out/fuzz_parser" "$here/fuzz_parser.c" $srcs -lm
    echo "$out/fuzz_parser" ;;
*)
    $CC -std=gnu11 $warn -O2 -o "$out/astdump" "$here/astdump_main.c" $srcs -lm
    echo "$out/astdump" ;;
esac
