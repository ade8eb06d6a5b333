#!/bin/sh
# check_pystm.sh -- the Python corpus (tests/python/cases) compared with
# CPython: pystm, pystm-gil, pystm under GC stress and with a small
# poisoned nursery (objects move often; their old copies are garbage).
set -e
cd "$(dirname "$0")/../.."
run=tests/python/run.py
status=0
echo "== pystm"
python3 $run interp/pystm || status=1
echo "== pystm-gil"
python3 $run interp/pystm-gil || status=1
echo "== pystm, GC stress"
STMGC_GC_STRESS=1 python3 $run interp/pystm || status=1
echo "== pystm, poisoned 16 KiB nursery"
STMGC_NURSERY=16384 STMGC_POISON_NURSERY=1 python3 $run interp/pystm || status=1
exit $status
