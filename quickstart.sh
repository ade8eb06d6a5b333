#!/bin/sh
# quickstart.sh -- build everything on a fresh Debian 12 machine (as root,
# installing what is missing) and then run either the flagship demo or
# the whole test suite.
#
#   ./quickstart.sh demo     build, then run the demo
#   ./quickstart.sh test     build, then run every test (make check)
set -e
cd "$(dirname "$0")"
case "${1:-}" in
demo | test) ;;
*)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac

packages="build-essential clang autoconf automake libtool pkg-config
          libcunit1-dev libunwind-dev libgmp-dev libjemalloc-dev valgrind
          python3 libclang-rt-14-dev libedit-dev"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "== installing:$missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure
make -j"$jobs"

if [ "$1" = demo ]; then
    threads=${DEMO_THREADS:-$jobs}
    [ "$threads" -ge 2 ] || threads=2
    echo "== the stmgc demo: $threads threads transacting on their own data,"
    echo "== with STM (libstmgc) and with one global lock (libstmgc-gil)"
    ./benchmarks/stmgc/demo "$threads" 200000
    ./benchmarks/stmgc/demo_gil "$threads" 200000
    echo "== duhton: n-queens (12), one transaction per placement of the first"
    echo "== three queens, with 1 and $threads worker threads"
    for bin in duhton duhton-gil; do
        for t in 1 "$threads"; do
            start=$(date +%s.%N)
            out=$(./duhton/$bin --num-threads "$t" duhton/demo/nqueens.duh)
            end=$(date +%s.%N)
            echo "$bin, $t thread(s): $out  [$(echo "$start $end" |
                awk '{printf "%.2f s", $2 - $1}')]"
        done
    done
else
    make -j"$jobs" check
fi
