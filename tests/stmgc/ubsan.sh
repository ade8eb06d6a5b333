#!/bin/sh
# ubsan.sh -- the library, the deterministic tests and the stress programs
# built with clang's UndefinedBehaviorSanitizer (any report is fatal), run
# normally and in GC-stress mode.  The segment tricks (%gs-relative
# pointers, aliased mappings) are compatible with it: see doc/testing.md.
set -u
srcdir=${srcdir:-.}
if ! command -v clang >/dev/null 2>&1; then
    echo "FAIL: clang is required for the UBSan build"; exit 1
fi
tmp=$(mktemp -d /tmp/stmgc-ubsan.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
lib=""
for f in "$srcdir"/stmgc/*.c "$srcdir"/stmgc/*.S; do
    case "$f" in */gil.c) continue ;; esac
    lib="$lib $f"
done
flags="-std=gnu11 -O1 -g -fsanitize=undefined -fno-sanitize-recover=all
       -fno-builtin-memset -DSTM_TESTS -DSTM_DEBUG -I$srcdir -I$srcdir/stmgc
       $(pkg-config --cflags libunwind)"
libs="$(pkg-config --libs libunwind) -lpthread"
status=0
for p in test_core stress_transfers stress_counter stress_graph; do
    extra=""
    [ $p = test_core ] && extra="-lcunit"
    if ! clang $flags $lib "$srcdir/tests/stmgc/$p.c" -o "$tmp/$p" $extra $libs; then
        echo "FAIL: building $p with UBSan"; exit 1
    fi
    for stress in 0 1; do
        if out=$(STMGC_GC_STRESS=$stress STRESS_SECONDS=1 "$tmp/$p" 2>&1); then
            echo "ok   $p (ubsan, gc stress $stress): $(printf '%s' "$out" | tail -1)"
        else
            echo "FAIL $p (ubsan, gc stress $stress):"; printf '%s\n' "$out" | tail -20
            status=1
        fi
    done
done
exit $status
