#!/bin/sh
# check_c7_compat.sh -- install the library into a scratch prefix and
# build a program written in the c7 style against it, with the flags
# pkg-config gives for stmgc and for stmgc-gil, with clang and with gcc;
# run each and check its own verification of the final state.
set -u
srcdir=${srcdir:-.}
tmp=$(mktemp -d /tmp/stmgc-compat.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if ! ${MAKE:-make} install DESTDIR="$tmp/root" >"$tmp/install.log" 2>&1; then
    echo "FAIL: make install"; tail -20 "$tmp/install.log"; exit 1
fi
pcdir=$(dirname "$(find "$tmp/root" -name stmgc.pc | head -1)")
libdir=$(dirname "$pcdir")
status=0
for pkg in stmgc stmgc-gil; do
    for cc in clang gcc; do
        command -v $cc >/dev/null 2>&1 || continue
        flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --define-prefix --cflags --libs $pkg)
        exe="$tmp/demo-$pkg-$cc"
        if ! $cc -O2 -Wall -Wextra -Werror -o "$exe" "$srcdir/tests/stmgc/c7_style_demo.c" \
                $flags -pthread -Wl,-rpath,"$libdir"; then
            echo "FAIL: $cc could not build the c7-style program against $pkg"
            status=1; continue
        fi
        if out=$("$exe" 2 5000 2>&1); then
            echo "ok   $pkg, $cc: $(printf '%s' "$out" | tail -1)"
        else
            echo "FAIL $pkg, $cc:"; printf '%s\n' "$out"; status=1
        fi
    done
done
exit $status
