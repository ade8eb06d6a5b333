#!/usr/bin/env python3
"""run_duhton.py -- the duhton benchmark harness.

Runs every demo program of duhton/demo/ with both interpreters (duhton, on
libstmgc, and duhton-gil, the same interpreter on libstmgc-gil) at 1, 2
and 8 worker threads, several times each, alternating the builds, and
prints the medians of the wall-clock times and their ratios as a Markdown
table (also written to doc/benchmarks-duhton.md with --write).

Every demo prints a short deterministic result: all the runs of a demo,
whatever the build and the thread count, must print exactly the same
bytes, or the harness stops with an error.

    benchmarks/run_duhton.py [--runs 5] [--write] [--only NAME]
"""
import argparse
import glob
import os
import re
import statistics
import subprocess
import sys
import time

import harness

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
STM = os.path.join(TOP, "duhton/duhton")
GIL = os.path.join(TOP, "duhton/duhton-gil")
DEMOS = os.path.join(TOP, "duhton/demo")
OUTPUT = os.path.join(TOP, "doc/benchmarks-duhton.md")

# the table's order; any other demo found in duhton/demo/ comes after these
ORDER = ["square_roots", "sort", "trees", "nqueens", "micro"]
THREADS = (1, 2, 8)


def demo_names():
    found = sorted(os.path.splitext(os.path.basename(p))[0]
                   for p in glob.glob(os.path.join(DEMOS, "*.duh")))
    return [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]


def fail(message):
    sys.exit(f"run_duhton.py: ERROR: {message}")


def describe(exe, threads, demo):
    return f"{os.path.basename(exe)} --num-threads {threads} {os.path.basename(demo)}"


def check_result(exe, threads, demo, returncode, out, err):
    if returncode != 0:
        fail(f"{describe(exe, threads, demo)} exited with status {returncode}\n"
             f"stdout:\n{out}stderr:\n{err}")


def run(exe, threads, demo):
    """One run: (wall-clock seconds, stdout)."""
    start = time.perf_counter()
    p = subprocess.run([exe, "--num-threads", str(threads), demo],
                       capture_output=True, text=True)
    seconds = time.perf_counter() - start
    check_result(exe, threads, demo, p.returncode, p.stdout, p.stderr)
    return seconds, p.stdout


def run_concurrently(exe, threads, demo):
    """Two processes started together: each one's wall-clock seconds and
    stdout."""
    start = time.perf_counter()
    procs = [subprocess.Popen([exe, "--num-threads", str(threads), demo],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    results = []
    # poll both, so that each one's end time is taken when it ends
    ends = [None, None]
    while None in ends:
        for i, p in enumerate(procs):
            if ends[i] is None and p.poll() is not None:
                ends[i] = time.perf_counter()
        time.sleep(0.001)
    for i, p in enumerate(procs):
        out, err = p.communicate()
        check_result(exe, threads, demo, p.returncode, out, err)
        results.append((ends[i] - start, out))
    return results


class Outputs:
    """Every run of a demo must print the same bytes as the first one."""

    def __init__(self, demo):
        self.demo = demo
        self.expected = None
        self.first = None

    def check(self, out, exe, threads):
        if self.expected is None:
            self.expected, self.first = out, describe(exe, threads, self.demo)
        elif out != self.expected:
            fail(f"different outputs for {os.path.basename(self.demo)}:\n"
                 f"  {self.first} printed:\n    {self.expected!r}\n"
                 f"  {describe(exe, threads, self.demo)} printed:\n    {out!r}")


def measure(name, runs):
    """Times of runs alternating the builds, per round: for each thread
    count the STM build, then the GIL build; then two GIL 1-thread runs at
    once.  Returns the medians and paired ratios."""
    demo = os.path.join(DEMOS, name + ".duh")
    outputs = Outputs(demo)
    stm = {t: [] for t in THREADS}
    gil = {t: [] for t in THREADS}
    machine = []
    for r in range(runs):
        for t in THREADS:
            for exe, times in ((STM, stm), (GIL, gil)):
                seconds, out = run(exe, t, demo)
                outputs.check(out, exe, t)
                times[t].append(seconds)
        pair = run_concurrently(GIL, 1, demo)
        for _, out in pair:
            outputs.check(out, GIL, 1)
        # what this machine gives to two independent single-threaded runs:
        # 2.0 when both run as fast as one alone
        machine.append(2 * gil[1][-1] / max(s for s, _ in pair))
        print(f"  {name} round {r + 1}/{runs}: "
              + " ".join(f"stm{t}={stm[t][-1]:.2f}s gil{t}={gil[t][-1]:.2f}s"
                         for t in THREADS)
              + f" machine={machine[-1]:.2f}x", file=sys.stderr, flush=True)
    med = statistics.median
    return {
        "stm": {t: med(stm[t]) for t in THREADS},
        "gil": {t: med(gil[t]) for t in THREADS},
        "speedup": med(a / b for a, b in zip(stm[1], stm[2])),
        "machine": med(machine),
        "ratio": med(a / b for a, b in zip(stm[1], gil[1])),
        "output": outputs.expected.strip(),
    }


def micro_note(res):
    """Time per transaction of the micro demo (from the counts it prints:
    'micro:' N 'private' ... 'shared' M ...)."""
    m = re.match(r"'micro:' (\d+) 'private' -?\d+ 'shared' (\d+) ", res["output"])
    if m is None:
        return None
    n = int(m.group(1)) + int(m.group(2))
    per = lambda s: s / n * 1e6
    return (f"micro runs {n} tiny transactions: per transaction (whole "
            f"program time / transactions), duhton {per(res['stm'][1]):.2f} µs, "
            f"duhton-gil {per(res['gil'][1]):.2f} µs at 1 thread; duhton "
            f"{per(res['stm'][2]):.2f} µs at 2 threads.")


def main():
    ap = argparse.ArgumentParser(description="duhton benchmarks: demos run "
                                 "with duhton and duhton-gil")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--write", action="store_true",
                    help="also write the table to doc/benchmarks-duhton.md")
    ap.add_argument("--only", metavar="NAME", help="run only this demo")
    a = ap.parse_args()
    if a.runs < 1:
        fail("--runs must be at least 1")
    for exe in (STM, GIL):
        if not os.access(exe, os.X_OK):
            fail(f"{exe} is missing: run make first")
    names = demo_names()
    if a.only is not None:
        if a.only not in names:
            fail(f"no demo named '{a.only}' (have: {', '.join(names)})")
        names = [a.only]
    if not names:
        fail(f"no demo programs in {DEMOS}")
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"run_duhton.py: warning: load average {load:.2f}: other "
              "processes are running, the times will be noisy",
              file=sys.stderr)

    results = {}
    for name in names:
        results[name] = measure(name, a.runs)

    rows = []
    rows.append("Wall-clock seconds of the whole program (start-up, the "
                "main program's sequential parts and the parallel phases), "
                "medians; the ratios are medians of the ratios of runs made "
                "side by side.  'machine' is what this machine gives to two "
                "independent single-threaded processes run at the same time "
                "(the GIL build's 1-thread run, twice at once: 2.00x when "
                "both run as fast as one alone): the ceiling a 2-thread "
                "speedup is measured against.  Every run of a demo printed "
                "the same output.\n")
    rows.append("| demo | duhton 1t | duhton 2t | duhton 8t | speedup 1->2 | "
                "machine | gil 1t | gil 2t | gil 8t | duhton / gil, 1t |")
    rows.append("|---|---|---|---|---|---|---|---|---|---|")
    for name in names:
        r = results[name]
        s, g = r["stm"], r["gil"]
        rows.append(f"| {name} | {s[1]:.3f} | {s[2]:.3f} | {s[8]:.3f} | "
                    f"**{r['speedup']:.2f}x** | {r['machine']:.2f}x | "
                    f"{g[1]:.3f} | {g[2]:.3f} | {g[8]:.3f} | "
                    f"**{r['ratio']:.2f}x** |")
    rows.append("")
    rows.append("The demos' outputs:\n")
    rows.append("```")
    for name in names:
        rows.append(results[name]["output"])
    rows.append("```")
    rows.append("")
    if "micro" in results:
        note = micro_note(results["micro"])
        if note:
            rows.append(note)
            rows.append("")

    harness.report("duhton benchmarks", a.runs,
                   "make && benchmarks/run_duhton.py", rows, OUTPUT, a.write)


if __name__ == "__main__":
    main()
