#!/usr/bin/env python3
"""run_python.py -- the Python benchmark harness.

Runs every program of benchmarks/python/ with pystm (interp/pystm, on
libstmgc), pystm-gil (the same interpreter on libstmgc-gil), CPython 3.11
and PyPy3 (a column left out, with a note, when pypy3 is not installed),
several times each, alternating the interpreters, and prints the medians of
the wall-clock times, the peak resident memory of each run and the ratios
as a Markdown table (also written to doc/benchmarks-pystm.md with --write),
beside the targets the project must reach.

Every program prints a short deterministic result: all the interpreters
must print exactly the same bytes as CPython.  An interpreter that prints
something else, or fails, gets FAIL for that program (with the difference
shown below the table) and is not timed on it; the harness then exits with
status 1.

    benchmarks/run_python.py [--runs 5] [--write] [--quick] [--only NAME]...
"""
import argparse
import glob
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import harness

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "python")
OUTPUT = os.path.join(TOP, "doc/benchmarks-pystm.md")
CPYTHON = "/usr/bin/python3"
TIME = "/usr/bin/time"  # GNU time (Debian package `time`): the peak RSS

# the table's order; any other program found in benchmarks/python/ comes after
ORDER = ["nbody", "spectral_norm", "fannkuch", "richards", "raytrace", "text",
         "generators", "recursion", "small_objects"]

# the argument of each program for --quick (a smoke test of a second or so);
# the full runs use each program's own default size
QUICK_ARGS = {"nbody": "2000", "spectral_norm": "40", "fannkuch": "7",
              "richards": "1", "raytrace": "30", "text": "1000",
              "generators": "20000", "recursion": "2", "small_objects": "1"}

# (interpreter, program) -> why it is not run: a program that needs a
# feature pystm does not have yet.  The reason is printed with the table.
SKIP = {}

# what the project must reach (doc/pystm.md): geometric means over the programs
TARGETS = {"pystm/CPython": 1.5, "pystm/pystm-gil": 1.15, "RSS pystm/CPython": 2.0}


class Interpreter:
    def __init__(self, name, exe):
        self.name = name
        self.exe = exe


def fail(message):
    sys.exit(f"run_python.py: ERROR: {message}")


def program_names():
    found = sorted(os.path.splitext(os.path.basename(p))[0]
                   for p in glob.glob(os.path.join(PROGRAMS, "*.py")))
    return [n for n in ORDER if n in found] + [n for n in found if n not in ORDER]


def find_interpreters(notes):
    interps = []
    for name, exe in (("pystm", os.path.join(TOP, "interp/pystm")),
                      ("pystm-gil", os.path.join(TOP, "interp/pystm-gil"))):
        if not os.access(exe, os.X_OK):
            fail(f"{exe} is missing: run make interp/pystm interp/pystm-gil first")
        interps.append(Interpreter(name, exe))
    if not os.access(TIME, os.X_OK):
        fail(f"{TIME} is missing (`apt-get install -y time`): it measures the peak RSS")
    if not os.access(CPYTHON, os.X_OK):
        fail(f"{CPYTHON} (CPython 3.11) is missing")
    version = subprocess.run([CPYTHON, "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True).stdout.strip()
    if version != "(3, 11)":
        fail(f"{CPYTHON} is not CPython 3.11 ({version})")
    interps.append(Interpreter("CPython", CPYTHON))
    pypy = shutil.which("pypy3")
    if pypy is None:
        notes.append("PyPy3 is not installed (`apt-get install -y pypy3`): "
                     "its column is left out.")
    else:
        interps.append(Interpreter("PyPy", pypy))
    return interps


def sample_pss(time_pid):
    """The PSS in KiB of the program /usr/bin/time (time_pid) runs, or 0
    when it cannot be read (not started yet, or finished)."""
    try:
        with open(f"/proc/{time_pid}/task/{time_pid}/children") as f:
            children = f.read().split()
        if not children:
            return 0
        with open(f"/proc/{children[0]}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_once(exe, path, args):
    """One run: (wall-clock seconds, CPU seconds, peak RSS in KiB, exit
    status, stdout, stderr).  The peak RSS comes from /usr/bin/time: Linux
    keeps a process's peak across fork and exec, so a child forked from
    this harness would report at least the harness's own size, while
    /usr/bin/time is a small C program.  The CPU time is the rusage of
    wait4 (this child alone, unlike getrusage(RUSAGE_CHILDREN))."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        proc = subprocess.Popen([TIME, "-f", "%M", "-o", peak.name, exe, path, *args],
                                stdout=out, stderr=err, env=env)
        # the interpreter's peak PSS, sampled every 10 ms: unlike RSS it
        # counts a page mapped twice by one process (stmgc maps its heap
        # file in the master and in each segment's view) once
        pss = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            pss = max(pss, sample_pss(proc.pid))
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # /usr/bin/time writes "Command exited with non-zero status N"
        # before the figure when the program fails
        kib = int(peak.read().split()[-1])
        return (seconds, usage.ru_utime + usage.ru_stime, (kib, pss),
                proc.returncode, out.read().decode(errors="replace"),
                err.read().decode(errors="replace"))


def describe_failure(interp, expected, status, out, err):
    if status != 0:
        tail = err.strip().splitlines()[-3:]
        return f"{interp.name} exited with status {status}: " + " / ".join(tail)
    want, got = expected.splitlines(), out.splitlines()
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else "<no line>"
        g = got[i] if i < len(got) else "<no line>"
        if w != g:
            return (f"{interp.name} printed something else than CPython, "
                    f"line {i + 1}: {g!r} instead of {w!r}")
    return f"{interp.name} printed something else than CPython"


def measure(name, interps, runs, args, clock, failures):
    """Runs name with every interpreter, runs times, the interpreters
    alternated in each round.  Returns {interpreter: (median seconds,
    median peak RSS KiB)}; an interpreter that fails is dropped from the
    rounds and recorded in failures."""
    path = os.path.join(PROGRAMS, name + ".py")
    active = [i for i in interps if (i.name, name) not in SKIP]
    times = {i.name: [] for i in active}
    rss = {i.name: [] for i in active}
    pss = {i.name: [] for i in active}
    expected = None
    for r in range(runs):
        # CPython first: its output is the reference
        for interp in sorted(active, key=lambda i: i.name != "CPython"):
            wall, cpu, peak, status, out, err = run_once(interp.exe, path, args)
            if interp.name == "CPython":
                if status != 0:
                    fail(f"CPython failed on {name}.py:\n{err}")
                if expected is None:
                    expected = out
            if status != 0 or out != expected:
                failures.append((name, describe_failure(interp, expected, status, out, err)))
                active.remove(interp)
                del times[interp.name], rss[interp.name], pss[interp.name]
                continue
            times[interp.name].append(wall if clock == "wall" else cpu)
            rss[interp.name].append(peak[0])
            pss[interp.name].append(peak[1])
        print(f"  {name} round {r + 1}/{runs}: "
              + " ".join(f"{n}={t[-1]:.2f}s/{rss[n][-1] // 1024}MB" for n, t in times.items()),
              file=sys.stderr, flush=True)
    med = statistics.median
    result = {n: (med(times[n]), med(rss[n]), med(pss[n])) for n in times}
    return result, (expected or "").strip()


def ratio(results, a, b, index=0):
    if a in results and b in results:
        return results[a][index] / results[b][index]
    return None


def geomean(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def cell(value, fmt, suffix=""):
    return "—" if value is None else f"{value:{fmt}}{suffix}"


def table(names, results, interps, clock):
    has_pypy = any(i.name == "PyPy" for i in interps)
    head = ["program", "pystm", "pystm-gil", "CPython"] + (["PyPy"] if has_pypy else [])
    head += ["pystm/CPython", "pystm/pystm-gil"] + (["PyPy/CPython"] if has_pypy else [])
    head += ["RSS pystm", "RSS CPython", "RSS pystm/CPython",
             "PSS pystm", "PSS CPython", "PSS pystm/CPython"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    columns = {"pystm/CPython": [], "pystm/pystm-gil": [], "PyPy/CPython": [],
               "RSS pystm/CPython": [], "PSS pystm/CPython": []}
    for name in names:
        res = results[name]
        line = [name]
        for interp in interps:
            line.append(cell(res[interp.name][0], ".3f") if interp.name in res else
                        ("skip" if (interp.name, name) in SKIP else "FAIL"))
        r_cpy = ratio(res, "pystm", "CPython")
        r_gil = ratio(res, "pystm", "pystm-gil")
        r_pypy = ratio(res, "PyPy", "CPython")
        r_rss = ratio(res, "pystm", "CPython", 1)
        r_pss = ratio(res, "pystm", "CPython", 2)
        columns["PSS pystm/CPython"].append(r_pss)
        columns["pystm/CPython"].append(r_cpy)
        columns["pystm/pystm-gil"].append(r_gil)
        columns["PyPy/CPython"].append(r_pypy)
        columns["RSS pystm/CPython"].append(r_rss)
        line += [cell(r_cpy, ".2f", "x"), cell(r_gil, ".2f", "x")]
        if has_pypy:
            line.append(cell(r_pypy, ".2f", "x"))
        mb = lambda n: cell(res[n][1] / 1024, ".1f", " MB") if n in res else "—"
        line += [mb("pystm"), mb("CPython"), cell(r_rss, ".2f", "x")]
        mbp = lambda n: cell(res[n][2] / 1024, ".1f", " MB") if n in res else "—"
        line += [mbp("pystm"), mbp("CPython"), cell(r_pss, ".2f", "x")]
        rows.append("| " + " | ".join(line) + " |")
    means = {k: geomean(v) for k, v in columns.items()}
    line = ["**geometric mean**", "", "", ""] + ([""] if has_pypy else [])
    line += [f"**{cell(means['pystm/CPython'], '.2f', 'x')}**",
             f"**{cell(means['pystm/pystm-gil'], '.2f', 'x')}**"]
    if has_pypy:
        line.append(f"**{cell(means['PyPy/CPython'], '.2f', 'x')}**")
    line += ["", "", f"**{cell(means['RSS pystm/CPython'], '.2f', 'x')}**",
             "", "", f"**{cell(means['PSS pystm/CPython'], '.2f', 'x')}**"]
    rows.append("| " + " | ".join(line) + " |")
    line = ["target", "", "", ""] + ([""] if has_pypy else [])
    line += [f"≤ {TARGETS['pystm/CPython']}x", f"≤ {TARGETS['pystm/pystm-gil']}x"]
    if has_pypy:
        line.append("")
    line += ["", "", f"≤ {TARGETS['RSS pystm/CPython']}x", "", "", ""]
    rows.append("| " + " | ".join(line) + " |")
    verdicts = []
    for key, target in TARGETS.items():
        mean = means[key]
        if mean is None:
            verdicts.append(f"{key}: not measured (target ≤ {target}x)")
        else:
            verdicts.append(f"{key}: {mean:.2f}x, target ≤ {target}x: "
                            + ("**met**" if mean <= target else "**not met**"))
    return rows, verdicts


def main():
    ap = argparse.ArgumentParser(description="Python benchmarks: pystm, "
                                 "pystm-gil, CPython 3.11 and PyPy3")
    ap.add_argument("--runs", type=int, default=5, help="runs per interpreter (median)")
    ap.add_argument("--write", action="store_true",
                    help="also write the table to doc/benchmarks-pystm.md")
    ap.add_argument("--quick", action="store_true",
                    help="a smoke test: one run each at a small size")
    ap.add_argument("--only", metavar="NAME", action="append",
                    help="run only this program (may be repeated)")
    ap.add_argument("--cpu", action="store_true",
                    help="time user+system CPU seconds instead of wall-clock "
                    "seconds (steadier on a loaded machine)")
    a = ap.parse_args()
    if a.runs < 1:
        fail("--runs must be at least 1")
    runs = 1 if a.quick else a.runs
    clock = "cpu" if a.cpu else "wall"
    notes = []
    interps = find_interpreters(notes)
    names = program_names()
    if a.only:
        for n in a.only:
            if n not in names:
                fail(f"no program named '{n}' (have: {', '.join(names)})")
        names = [n for n in names if n in a.only]
    if not names:
        fail(f"no programs in {PROGRAMS}")
    load = os.getloadavg()[0]
    if load > 0.5:
        notes.append(f"Load average {load:.2f} when the runs started: other "
                     "processes were running, the times are noisy.")

    results, outputs, failures = {}, {}, []
    for name in names:
        args = [QUICK_ARGS[name]] if a.quick and name in QUICK_ARGS else []
        results[name], outputs[name] = measure(name, interps, runs, args, clock, failures)

    rows = []
    what = "wall-clock" if clock == "wall" else "user+system CPU"
    size = "small sizes (--quick)" if a.quick else "each program's default size"
    rows.append(f"Seconds ({what}) of the whole program, medians, at {size}; "
                "peak RSS is the median of each run's maximum resident set "
                "(GNU time's %M).  The ratios are ratios of the medians; the "
                "geometric means are over the programs where both sides ran.  "
                "Every interpreter printed the same output as CPython unless "
                "marked FAIL.\n")
    table_rows, verdicts = table(names, results, interps, clock)
    rows += table_rows
    rows.append("")
    rows.append("Targets (geometric means): " + "; ".join(verdicts) + ".")
    rows.append("")
    for (interp, name), why in sorted(SKIP.items()):
        if name in names:
            notes.append(f"{name} is skipped for {interp}: {why}")
    for name, why in failures:
        notes.append(f"FAIL {name}: {why}")
    if notes:
        rows += [f"- {n}" for n in notes]
        rows.append("")
    rows.append("Versions: " + "; ".join(
        f"{i.name} `{os.path.relpath(i.exe, TOP) if i.exe.startswith(TOP) else i.exe}`"
        for i in interps) + ".")
    rows.append("")
    rows.append("The programs' outputs:\n")
    rows.append("```")
    for name in names:
        rows.append(f"# {name}")
        rows.append(outputs[name])
    rows.append("```")
    rows.append("")
    command = "make interp/pystm interp/pystm-gil && benchmarks/run_python.py"
    command += "".join(f" --only {n}" for n in a.only or [])
    command += (" --quick" if a.quick else f" --runs {runs}") + (" --cpu" if a.cpu else "")
    harness.report("pystm benchmarks", runs, command, rows, OUTPUT, a.write)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
