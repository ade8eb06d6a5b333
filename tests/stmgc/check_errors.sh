#!/bin/sh
# check_errors.sh -- every misuse ends with its own message and status 1.
# Usage: check_errors.sh [ERRORS_BINARY]   (default: the one built here)
errors=${1:-tests/stmgc/errors}
status=0
expect() { # mode, expected text, [env...]
    mode=$1; text=$2; shift 2
    out=$(env STMGC_NO_BACKTRACE=1 "$@" "$errors" "$mode" 2>&1 </dev/null)
    rc=$?
    if [ $rc -ne 1 ]; then
        echo "FAIL $mode: exit status $rc (expected 1); output: $out"; status=1
    elif ! printf '%s' "$out" | grep -qF -- "$text"; then
        echo "FAIL $mode: no '$text' in: $out"; status=1
    else
        echo "ok   $mode: $(printf '%s' "$out" | head -1)"
    fi
}
expect shadowstack-overflow "shadow stack overflow"
expect write-outside "stm_write() called outside a transaction"
expect allocate-outside "stm_allocate() called outside a transaction"
expect commit-outside "stm_commit_transaction() called outside a transaction"
expect start-twice "already running a transaction"
expect abort-inevitable "an inevitable transaction cannot abort"
expect start-unregistered "was not registered"
expect unregister-in-transaction "while the thread is running a transaction"
expect out-of-memory "out of memory: the old generation is full" STMGC_MAX_HEAP=64M
# the kernel refusing the address-space reservation
out=$(sh -c "ulimit -v 2000000; STMGC_NO_BACKTRACE=1 $errors write-outside" 2>&1)
rc=$?
if [ $rc -eq 1 ] && printf '%s' "$out" | grep -q "refused to reserve"; then
    echo "ok   mmap refused: $out"
else
    echo "FAIL mmap refused: status $rc, output: $out"; status=1
fi
exit $status
