#!/bin/sh
# gc_stress.sh -- the GC-stress runs: every suite again with
# STMGC_GC_STRESS=1 (a minor collection at every allocation, the old
# nursery poisoned, a major collection every 500 allocations), for both
# builds.  Run from the build directory (make check does).
status=0
run() {
    if env STMGC_GC_STRESS=1 STRESS_SECONDS=${STRESS_SECONDS:-2} "$@" >/tmp/gc_stress.$$ 2>&1; then
        echo "ok   $*: $(tail -1 /tmp/gc_stress.$$)"
    else
        echo "FAIL $*:"; cat /tmp/gc_stress.$$; status=1
    fi
}
for p in test_core gil_test_core stress_transfers stress_counter stress_graph \
         stress_weakrefs stress_hashtable gil_stress_transfers \
         gil_stress_counter gil_stress_graph gil_stress_weakrefs \
         gil_stress_hashtable fork_test gil_fork_test; do
    run tests/stmgc/$p
done
# the same without the wrgsbase instruction (older kernels and CPUs)
if STMGC_NO_FSGSBASE=1 tests/stmgc/test_core >/tmp/gc_stress.$$ 2>&1; then
    echo "ok   test_core with arch_prctl instead of wrgsbase"
else
    echo "FAIL test_core with arch_prctl:"; cat /tmp/gc_stress.$$; status=1
fi
rm -f /tmp/gc_stress.$$
exit $status
