#!/bin/sh
# make check: the duhton test programs against both interpreters.
top=$(cd "$(dirname "$0")/../.." && pwd)
status=0
for bin in duhton duhton-gil; do
    echo "== $bin"
    "$top/tests/duhton/run.sh" "$top/duhton/$bin" || status=1
done
exit $status
