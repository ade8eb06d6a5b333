#!/bin/sh
# check_runtime.sh -- the object model's C test, plain, under GC stress
# (a collection at every allocation) and with a small poisoned nursery.
set -e
cd "$(dirname "$0")/../.."
t=tests/python/runtime/test_runtime
export PYTHONHASHSEED=0
$t
STMGC_GC_STRESS=1 $t
STMGC_NURSERY=16384 STMGC_POISON_NURSERY=1 $t
