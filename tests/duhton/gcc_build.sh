#!/bin/sh
# gcc_build.sh -- duhton also builds with GCC, warning-free (-Werror),
# against the STM library and the GIL one (both built with GCC here too),
# and passes its test programs.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v gcc >/dev/null 2>&1 || { echo "FAIL: gcc is required"; exit 1; }
tmp=$(mktemp -d /tmp/duhton-gcc.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
flags="-std=gnu11 -O2 -g -fno-builtin-memset -Wall -Wextra
       -Wno-unused-parameter -Werror -DSTM_NB_SEGMENTS=8
       -I$top -I$top/stmgc $(pkg-config --cflags libunwind)"
libs="$(pkg-config --libs libunwind) -lpthread"
common="$top/stmgc/addrmap.c $top/stmgc/fatal.c $top/stmgc/gcpage.c
        $top/stmgc/list.c $top/stmgc/rewind_setjmp.c
        $top/stmgc/rewind_jmp_x86_64.S $top/stmgc/settings.c
        $top/stmgc/threadlocal.c $top/stmgc/timing.c $top/stmgc/timing_log.c $top/stmgc/hashtable.c $top/stmgc/finalizer_order.c"
stm=""
for f in "$top"/stmgc/*.c; do
    case "$f" in */gil.c) continue ;; esac
    stm="$stm $f"
done
status=0
for variant in stm gil; do
    if [ $variant = stm ]; then
        sources="$stm $top/stmgc/rewind_jmp_x86_64.S" vflags=""
    else
        sources="$common $top/stmgc/gil.c" vflags="-DSTMGC_GIL"
    fi
    # shellcheck disable=SC2086
    if ! gcc $flags $vflags $sources "$top"/duhton/*.c -o "$tmp/duhton-$variant" $libs; then
        echo "FAIL: building duhton ($variant) with gcc"
        exit 1
    fi
    DUHTON_TEST_REPEAT=1 "$top/tests/duhton/run.sh" "$tmp/duhton-$variant" 1 2 || status=1
done
exit $status
