#!/bin/sh
# many_threads.sh -- the stress programs with many more threads than this
# machine has cores, and more threads than segments (8): threads wait for
# a free segment, and every parallel path is exercised.
status=0
for threads in 8 16; do
    for p in stress_transfers stress_counter stress_graph stress_weakrefs \
             stress_hashtable; do
        if out=$(STRESS_THREADS=$threads STRESS_SECONDS=${STRESS_SECONDS:-2} tests/stmgc/$p 2>&1); then
            echo "ok   $p with $threads threads: $out"
        else
            echo "FAIL $p with $threads threads: $out"; status=1
        fi
    done
done
exit $status
