#!/bin/sh
# make check: the duhton test programs under the two GC stress modes, for
# both interpreters:
#  - STMGC_GC_STRESS=1: a minor collection at every allocation, a major
#    one every 500;
#  - a 16 KiB nursery poisoned after each collection: objects stay young
#    for a few hundred allocations, then move, and their old copies read
#    as garbage -- this finds pointers to young objects kept in C
#    variables across an allocation.
# The deep-recursion programs are left out of the first mode only: each
# allocation there scans the whole (deep) shadow stack.
top=$(cd "$(dirname "$0")/../.." && pwd)
status=0
for bin in duhton duhton-gil; do
    echo "== $bin, STMGC_GC_STRESS=1"
    STMGC_GC_STRESS=1 DUHTON_TEST_REPEAT=1 DUHTON_TEST_SKIP='recursion*' \
        "$top/tests/duhton/run.sh" "$top/duhton/$bin" 1 2 8 || status=1
    echo "== $bin, STMGC_NURSERY=16384 STMGC_POISON_NURSERY=1"
    STMGC_NURSERY=16384 STMGC_POISON_NURSERY=1 DUHTON_TEST_REPEAT=1 \
        "$top/tests/duhton/run.sh" "$top/duhton/$bin" 1 2 8 || status=1
done
exit $status
