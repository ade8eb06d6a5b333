#!/bin/sh
# check_timing_log.sh -- a timing log round trip: timing_log_demo writes
# a log with known events, stmlog must summarize exactly those.
set -u
log=$(mktemp /tmp/stmlog.XXXXXX)
out=$(mktemp /tmp/stmlog-out.XXXXXX)
trap 'rm -f "$log" "$out"' EXIT
status=0
tests/stmgc/timing_log_demo "$log" || { echo "FAIL: timing_log_demo"; exit 1; }
tools/stmlog "$log" >"$out" || { echo "FAIL: stmlog"; cat "$out"; exit 1; }
expect() {
    if grep -q -- "$1" "$out"; then
        echo "ok   $1"
    else
        echo "FAIL: no line matching: $1"; status=1
    fi
}
expect "^  thread 1: 4 commits, 0 aborts;"
expect "^  thread 2: 1 commits, 1 aborts;"
expect "lost, 1 x contention write write: 'line 41' / 'line 29'$"
expect "^[0-9]* events, 2 threads"
# commits carry no time unless STMGC_LOG_COMMIT_TIMES=1
expect "^  thread 1: 4 commits, 0 aborts; commit times not recorded,"
STMGC_LOG_COMMIT_TIMES=1 tests/stmgc/timing_log_demo "$log" ||
    { echo "FAIL: timing_log_demo with commit times"; exit 1; }
tools/stmlog "$log" >"$out" || { echo "FAIL: stmlog"; cat "$out"; exit 1; }
expect "^  thread 1: 4 commits, 0 aborts; [0-9]*\.[0-9]* s committed,"
expect "^  thread 2: 1 commits, 1 aborts; [0-9]*\.[0-9]* s committed,"
expect "lost, 1 x contention write write: 'line 41' / 'line 29'$"
# bad input: a clear message and status 1
printf 'not a log' >"$log"
if tools/stmlog "$log" >/dev/null 2>"$out"; then
    echo "FAIL: stmlog accepted a file that is not a log"; status=1
elif grep -q "not a timing log" "$out"; then
    echo "ok   bad input rejected"
else
    echo "FAIL: bad input message:"; cat "$out"; status=1
fi
[ $status = 0 ] || cat "$out"
exit $status
