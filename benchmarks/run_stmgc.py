#!/usr/bin/env python3
"""run_stmgc.py -- the stmgc benchmark harness.

Runs every benchmark of benchmarks/stmgc/bench_stmgc against both builds
(libstmgc and libstmgc-gil), several times each, alternating the builds,
and prints the medians and ratios as a Markdown table (also written to
doc/benchmarks-stmgc.md with --write).

    benchmarks/run_stmgc.py [--runs 5] [--write] [--only NAME]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

import harness

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
STM = os.path.join(TOP, "benchmarks/stmgc/bench_stmgc")
GIL = os.path.join(TOP, "benchmarks/stmgc/bench_stmgc_gil")


def run(exe, *args):
    out = subprocess.run([exe, *map(str, args)], check=True,
                         capture_output=True, text=True).stdout
    return {k: float(v) for k, v in re.findall(r"(\w+)=([-\d.]+)", out)}


def run_env(exe, env, *args):
    out = subprocess.run([exe, *map(str, args)], check=True,
                         capture_output=True, text=True,
                         env={**os.environ, **env}).stdout
    return {k: float(v) for k, v in re.findall(r"(\w+)=([-\d.]+)", out)}


def run_concurrently(exe, *args, field="seconds"):
    """Two processes at once; returns each one's 'seconds' (or 'field')."""
    procs = [subprocess.Popen([exe, *map(str, args)], stdout=subprocess.PIPE,
                              text=True) for _ in range(2)]
    times = []
    for p in procs:
        out, _ = p.communicate()
        if p.returncode != 0:
            sys.exit(f"{exe} {args} failed")
        times.append(float(re.search(rf"\b{field}=([\d.]+)", out).group(1)))
    return times


def median_of(runs, exe, *args):
    results = [run(exe, *args) for _ in range(runs)]
    keys = results[0].keys()
    return {k: statistics.median(r[k] for r in results) for k in keys}


def both(runs, *args):
    """Alternate the builds so that machine noise hits both alike."""
    stm, gil = [], []
    for _ in range(runs):
        stm.append(run(STM, *args))
        gil.append(run(GIL, *args))
    med = lambda rs: {k: statistics.median(r[k] for r in rs) for k in rs[0]}
    return med(stm), med(gil)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--only")
    a = ap.parse_args()
    for exe in (STM, GIL):
        if not os.access(exe, os.X_OK):
            sys.exit(f"{exe} is missing: run make first")
    rows = []

    def want(name):
        return a.only is None or a.only == name

    if want("barriers"):
        s, g = both(a.runs, "barriers")
        rows.append("### 1. Barrier fast paths (ns per operation, one thread)\n")
        rows.append("| operation | stmgc | stmgc-gil | plain C |")
        rows.append("|---|---|---|---|")
        rows.append(f"| read barrier + load | {s['read_ns']:.2f} | {g['read_ns']:.2f} | {s['plain_read_ns']:.2f} |")
        rows.append(f"| write barrier + store | {s['write_ns']:.2f} | {g['write_ns']:.2f} | {s['plain_write_ns']:.2f} |")
        rows.append(f"| allocate 16 bytes | {s['alloc_ns']:.2f} | {g['alloc_ns']:.2f} | {s['malloc_free_ns']:.2f} (malloc+free) |")
        rows.append("")
    if want("smalltx"):
        rows.append("### 2. Small transactions (10 reads, 2 writes): ns per transaction\n")
        rows.append("| threads | stmgc | stmgc-gil | stmgc / gil | stmgc aborts |")
        rows.append("|---|---|---|---|---|")
        for t in (1, 2):
            s, g = both(a.runs, "smalltx", t)
            rows.append(f"| {t} | {s['ns_per_tx']:.0f} | {g['ns_per_tx']:.0f} | {s['ns_per_tx'] / g['ns_per_tx']:.2f}x | {s['aborts']:.0f} |")
        rows.append("")
    if want("hashtable"):
        rows.append("### Hashtable: 2 000 000 disjoint inserts (100 per transaction), then random lookups\n")
        one, two, machine = [], [], []
        for _ in range(a.runs):
            one.append(run(STM, "hashtable", 1))
            two.append(run(STM, "hashtable", 2))
            pair = run_concurrently(STM, "hashtable", 1,
                                    field="insert_seconds")
            machine.append(2 * one[-1]["insert_seconds"] / max(pair))
        med = statistics.median
        rows.append("| inserts, 1 thread (s) | 2 threads (s) | speedup | machine | lookup (ns) | plain C open addressing (ns) |")
        rows.append("|---|---|---|---|---|---|")
        rows.append(f"| {med(r['insert_seconds'] for r in one):.3f} | "
                    f"{med(r['insert_seconds'] for r in two):.3f} | "
                    f"**{med(x['insert_seconds'] / y['insert_seconds'] for x, y in zip(one, two)):.2f}x** | "
                    f"{med(machine):.2f}x | "
                    f"{med(r['lookup_ns'] for r in one):.0f} | "
                    f"{med(r['plain_lookup_ns'] for r in one):.0f} |")
        rows.append("")
        rows.append("Target: >= 1.7x from 1 to 2 threads.  'machine': two "
                    "single-threaded processes inserting at once, the "
                    "ceiling of a 2-thread speedup on this machine.")
        rows.append("")
    if want("timinglog"):
        rows.append("### Cost of the timing log (small transactions, 1 thread)\n")
        rows.append("Each run alternates rounds of 100 000 transactions with the "
                    "log off and on (21 rounds, both orders) in one process, so "
                    "that the machine's drifts in speed hit both alike; the "
                    "ratio is the median of the rounds', then of the runs'.\n")
        log = "/dev/shm/bench_stmgc_timing.log" if os.path.isdir("/dev/shm") \
            else "/tmp/bench_stmgc_timing.log"
        results = [run(STM, "timinglog", log) for _ in range(a.runs)]
        med = statistics.median
        rows.append("| ns per transaction, no log | with stm_set_timing_log | ratio |")
        rows.append("|---|---|---|")
        rows.append(f"| {med(r['ns_per_tx_off'] for r in results):.0f} | "
                    f"{med(r['ns_per_tx_on'] for r in results):.0f} | "
                    f"**{med(r['ratio'] for r in results):.2f}x** |")
        rows.append("")
        rows.append("Target: <= 1.10x with the log enabled; with it disabled "
                    "the cost is a compare and a test of a NULL callback per "
                    "event.")
        rows.append("")
    if want("parallel"):
        rows.append("### 3–4. Conflict-free, allocation-heavy work\n")
        rows.append("2 000 000 binary trees of 63 nodes are built and summed (3 read "
                    "barriers per node, a write barrier per link); threads claim "
                    "transactions from a shared counter; each transaction builds N "
                    "trees and links the last one into its thread's ring, so 1/N of "
                    "the work survives the commit.  Wall-clock seconds, medians; the "
                    "ratios are medians of the ratios of runs made side by side.  "
                    "'machine' is what this machine gives to two independent "
                    "single-threaded processes run at the same time (the GIL "
                    "build's 1-thread run, twice at once): the ceiling any "
                    "2-thread speedup is measured against.\n")
        rows.append("| trees per transaction | stmgc 1 thread | stmgc 2 threads | speedup | machine | stmgc-gil 1 thread | stmgc-gil 2 threads | stmgc / gil, 1 thread |")
        rows.append("|---|---|---|---|---|---|---|---|")
        for n in (5, 20, 100, 1000):
            s1, s2, g1, g2, ceiling = [], [], [], [], []
            for _ in range(a.runs):
                s1.append(run(STM, "parallel", 1, n)["seconds"])
                g1.append(run(GIL, "parallel", 1, n)["seconds"])
                s2.append(run(STM, "parallel", 2, n)["seconds"])
                g2.append(run(GIL, "parallel", 2, n)["seconds"])
                pair = run_concurrently(GIL, "parallel", 1, n)
                ceiling.append(2 * g1[-1] / max(pair))
            med = statistics.median
            speedup = med(x / y for x, y in zip(s1, s2))
            overhead = med(x / y for x, y in zip(s1, g1))
            rows.append(f"| {n} | {med(s1):.3f} | {med(s2):.3f} | **{speedup:.2f}x** | "
                        f"{med(ceiling):.2f}x | {med(g1):.3f} | {med(g2):.3f} | "
                        f"**{overhead:.2f}x** |")
        rows.append("")
        rows.append("Targets: speedup >= 1.8x from 1 to 2 threads; single-thread overhead "
                    "of stmgc over stmgc-gil <= 15% (ratio <= 1.15x).")
        rows.append("")
    if want("hotspot"):
        rows.append("### 5. Hot spot: 2 threads increment one counter\n")
        s, g = both(a.runs, "hotspot", 2)
        rows.append("| build | commits/s | aborts per commit |")
        rows.append("|---|---|---|")
        rows.append(f"| stmgc | {s['commits_per_sec']:.0f} | {s['aborts_per_commit']:.4f} |")
        rows.append(f"| stmgc-gil | {g['commits_per_sec']:.0f} | 0 |")
        rows.append("")
    if want("memory"):
        rows.append("### 6. Memory: a 1 GiB live heap (MiB)\n")
        s = median_of(min(a.runs, 3), STM, "memory", 1024)
        g = median_of(min(a.runs, 3), GIL, "memory", 1024)
        rows.append("| measure | stmgc | stmgc-gil |")
        rows.append("|---|---|---|")
        for key, label in (("pss_built_mib", "PSS after building"),
                           ("pss_written_mib", "PSS after 2 threads wrote 40 000 random objects"),
                           ("pss_after_major_mib", "PSS after a major collection"),
                           ("rss_built_mib", "RSS after building (counts each mapping of a page)"),
                           ("peak_rss_mib", "peak RSS")):
            rows.append(f"| {label} | {s[key]:.0f} | {g[key]:.0f} |")
        rows.append("")

    harness.report("stmgc benchmarks", a.runs,
                   "make && benchmarks/run_stmgc.py", rows,
                   os.path.join(TOP, "doc/benchmarks-stmgc.md"), a.write)


if __name__ == "__main__":
    main()
