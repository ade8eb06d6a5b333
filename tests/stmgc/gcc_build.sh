#!/bin/sh
# gcc_build.sh -- the library also builds with GCC (its __seg_gs address
# space instead of clang's address_space(256)): compile it, the
# deterministic tests and two stress programs with gcc -O2 -Werror, and
# run them.
set -u
srcdir=${srcdir:-.}
if ! command -v gcc >/dev/null 2>&1; then
    echo "FAIL: gcc is required"; exit 1
fi
tmp=$(mktemp -d /tmp/stmgc-gcc.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
lib=""
for f in "$srcdir"/stmgc/*.c "$srcdir"/stmgc/*.S; do
    case "$f" in */gil.c) continue ;; esac
    lib="$lib $f"
done
flags="-std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror
       -fno-builtin-memset -DSTM_TESTS -DSTM_DEBUG -I$srcdir -I$srcdir/stmgc
       $(pkg-config --cflags libunwind)"
libs="$(pkg-config --libs libunwind) -lpthread"
status=0
for p in test_core stress_transfers stress_graph; do
    extra=""
    [ $p = test_core ] && extra="-lcunit"
    if ! gcc $flags $lib "$srcdir/tests/stmgc/$p.c" -o "$tmp/$p" $extra $libs; then
        echo "FAIL: building $p with gcc"; exit 1
    fi
    for stress in 0 1; do
        if out=$(STMGC_GC_STRESS=$stress STRESS_SECONDS=1 "$tmp/$p" 2>&1); then
            echo "ok   $p (gcc, gc stress $stress): $(printf '%s' "$out" | tail -1)"
        else
            echo "FAIL $p (gcc, gc stress $stress):"; printf '%s\n' "$out" | tail -20
            status=1
        fi
    done
done
exit $status
