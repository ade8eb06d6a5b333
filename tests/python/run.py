#!/usr/bin/env python3
"""Runs every program of tests/python/cases under CPython (the oracle) and
under a pystm binary, and compares: stdout, the exit status, and the last
line of stderr (the uncaught exception's type and message).

    tests/python/run.py PYSTM [CASE ...]

Prints one line per failure with a diff, then "N passed, N failed".
Exit status 1 if anything failed.  Both interpreters run with
PYTHONHASHSEED=0, so sets print in the same order."""

import difflib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
TIMEOUT = int(os.environ.get("PYSTM_TEST_TIMEOUT", "120"))


def run(argv, path):
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        p = subprocess.run(argv + [os.path.basename(path)],
                           cwd=os.path.dirname(path), env=env,
                           capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    err = p.stderr.decode("utf-8", "replace").rstrip("\n").split("\n")
    # stderr matters when the program fails (warnings otherwise differ)
    return (p.stdout.decode("utf-8", "replace"), p.returncode,
            err[-1] if p.returncode != 0 else "")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pystm = os.path.abspath(sys.argv[1])
    names = sys.argv[2:] or sorted(
        n for n in os.listdir(CASES) if n.endswith(".py"))
    passed = failed = 0
    for name in names:
        path = os.path.join(CASES, name)
        expected = run([sys.executable], path)
        got = run([pystm], path)
        if got == expected:
            passed += 1
            continue
        failed += 1
        print(f"FAIL {name}")
        if got is None:
            print("  pystm timed out")
            continue
        for label, e, g in (("exit status", expected[1], got[1]),
                            ("last stderr line", expected[2], got[2])):
            if e != g:
                print(f"  {label}: expected {e!r}, got {g!r}")
        if expected[0] != got[0]:
            diff = difflib.unified_diff(
                expected[0].splitlines(), got[0].splitlines(),
                "cpython", "pystm", lineterm="", n=1)
            for line in list(diff)[:40]:
                print("  " + line)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
