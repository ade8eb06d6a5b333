#!/bin/sh
# build_variant.sh -- build the STM library, the deterministic tests and
# some stress programs in another way than make does, and run each with
# and without GC stress.  Used by ubsan.sh and gcc_build.sh.
#
#   build_variant.sh LABEL COMPILER "FLAGS" PROGRAM...
set -u
label=$1 cc=$2 variant_flags=$3
shift 3
srcdir=${srcdir:-.}
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "FAIL: $cc is required for the $label build"; exit 1
fi
tmp=$(mktemp -d /tmp/stmgc-variant.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
lib=""
for f in "$srcdir"/stmgc/*.c "$srcdir"/stmgc/*.S; do
    case "$f" in */gil.c) continue ;; esac
    lib="$lib $f"
done
flags="-std=gnu11 -g -fno-builtin-memset -DSTM_TESTS -DSTM_DEBUG
       -I$srcdir -I$srcdir/stmgc $(pkg-config --cflags libunwind) $variant_flags"
libs="$(pkg-config --libs libunwind) -lpthread"
status=0
for p in "$@"; do
    extra=""
    [ "$p" = test_core ] && extra="-lcunit"
    if ! $cc $flags $lib "$srcdir/tests/stmgc/$p.c" -o "$tmp/$p" $extra $libs; then
        echo "FAIL: building $p ($label)"; exit 1
    fi
    for stress in 0 1; do
        if out=$(STMGC_GC_STRESS=$stress STRESS_SECONDS=1 "$tmp/$p" 2>&1); then
            echo "ok   $p ($label, gc stress $stress): $(printf '%s' "$out" | tail -1)"
        else
            echo "FAIL $p ($label, gc stress $stress):"; printf '%s\n' "$out" | tail -20
            status=1
        fi
    done
done
exit $status
