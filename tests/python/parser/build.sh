#!/bin/sh
# Builds the parser test driver and (with clang's libFuzzer) the fuzz
# target into $OUT (default tests/python/parser/build).
#   build.sh            driver, -O2
#   build.sh asan       driver with AddressSanitizer + UBSan
#   build.sh fuzz       libFuzzer target with ASan + UBSan
#   build.sh fuzz-compiler
#                       libFuzzer target through the compiler too: all of
#                       the interpreter (Makefile.am's PYSTM_SOURCES but
#                       main.c) on the GIL flavour of stmgc, ASan + UBSan
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
fuzz-compiler)
    # the source lists as Makefile.am has them (make variable VAR: its
    # .c and .S files, one a line)
    make_list() {
        sed -n "/^$1 = /,/[^\\]\$/p" "$root/Makefile.am" |
            tr ' \t\\' '\n\n\n' | grep -E '\.(c|S)$' || true
    }
    objs="$out/fuzz-compiler-objs"
    rm -rf "$objs"
    mkdir -p "$objs"
    # stmgc's GIL flavour: no %gs-relative segment accesses, which the
    # sanitizers do not know; the compiler's behaviour is the same
    gil="-DSTMGC_GIL -DSTM_NB_SEGMENTS=8 -DNDEBUG"
    san="-gline-tables-only -O1 -fsanitize=address,undefined \
         -fno-sanitize-recover=all -fno-omit-frame-pointer"
    # coverage guides the fuzzer only where the input goes: the
    # tokenizer, the parser and the compiler (coverage of the rest would
    # be noise and costs build time)
    cov="-fsanitize=fuzzer-no-link"
    # each source to an object, two compilers at a time ($JOBS)
    compile_all() {
        flags="$1"
        shift
        for f in "$@"; do
            echo "$root/$f $objs/$(echo "$f" | tr / _).o"
        done | xargs -P "${JOBS:-2}" -n 2 sh -c \
            "clang -std=gnu11 -fno-builtin-memset $flags -I'$root' \
                 -I'$root/stmgc' -w -c \"\$0\" -o \"\$1\""
    }
    interp=$(make_list PYSTM_SOURCES | grep -vx interp/main.c)
    front=$(echo "$interp" | grep -E '^interp/(parser|compiler)/')
    # eval.c, which the compiler never reaches, without UBSan: its
    # computed-goto dispatch makes UBSan at -O1 take minutes to build
    rest=$(echo "$interp" | grep -vE '^interp/(parser|compiler)/' |
        grep -vx interp/vm/eval.c)
    compile_all "$gil $san" $(make_list COMMON_SOURCES) stmgc/gil.c
    compile_all "-fno-strict-aliasing $gil $san $cov" $front
    compile_all "-fno-strict-aliasing $gil $san" interp/runtime/gc.c $rest
    compile_all "-fno-strict-aliasing $gil -gline-tables-only -O1 \
        -fsanitize=address -fno-omit-frame-pointer" interp/vm/eval.c
    clang -std=gnu11 $warn $gil $san -fsanitize=fuzzer -I"$root" \
        -I"$root/stmgc" -o "$out/fuzz_compiler" "$here/fuzz_compiler.c" \
        "$objs"/*.o -lgmp $(pkg-config --libs libunwind 2>/dev/null ||
            echo -lunwind) -lm -lpthread
    echo "$out/fuzz_compiler" ;;
*)
    $CC -std=gnu11 $warn -O2 -o "$out/astdump" "$here/astdump_main.c" $srcs -lm
    echo "$out/astdump" ;;
esac
