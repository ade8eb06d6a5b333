#!/usr/bin/env python3
"""Compares pystm's parser with CPython's on every case in cases/.

For each cases/**/*.py the expected output is made now by this python3
(CPython 3.11): ast.dump(ast.parse(src, mode), include_attributes=True),
or "<Kind>: <msg> (line L, offset O)" for a SyntaxError.  The driver
prints the same from pystm's parser.  A file named x.eval.py or
x.single.py is parsed in that mode.  Where CPython itself gives up with
MemoryError or RecursionError (deep nesting), pystm passes if it exits
normally with a SyntaxError or a tree: what is checked is that it does
not crash.

usage: run.py [--driver PATH] [case files or directories...]
prints a diff per failure, then "N passed, N failed"; exit status 1 on
any failure.
"""
import ast
import warnings
import difflib
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def expected(src, mode):
    try:
        return ast.dump(ast.parse(src, mode=mode), include_attributes=True)
    except SyntaxError as e:
        return f"{type(e).__name__}: {e.msg} (line {e.lineno or 0}, offset {e.offset or 0})"
    except (MemoryError, RecursionError) as e:
        return f"!{type(e).__name__}"
    except ValueError:
        # CPython 3.11.2 (Debian 12's) raised ValueError for a NUL byte;
        # later 3.11 releases raise this SyntaxError, which pystm follows
        return ("SyntaxError: source code string cannot contain null bytes "
                "(line 0, offset 0)")


# Cases whose expected output changed between CPython 3.11 patch
# releases (offsets fixed after 3.11.2): the output of CPython 3.11.7,
# which pystm follows, is used when the python3 running this is older.
NEWER_3_11 = {
    "syntax_006.py": "SyntaxError: iterable argument unpacking follows "
                     "keyword argument unpacking (line 1, offset 8)",
    "tokenizer_049.py": "SyntaxError: bytes can only contain ASCII literal "
                        "characters (line 1, offset 1)",
}


def mode_of(path):
    base = os.path.basename(path)
    for m in ("eval", "single"):
        if base.endswith(f".{m}.py"):
            return m
    return "exec"


def collect(args):
    out = []
    for a in args:
        if os.path.isdir(a):
            for d, _, files in os.walk(a):
                out += [os.path.join(d, f) for f in files if f.endswith(".py")]
        else:
            out.append(a)
    return sorted(out)


def main():
    warnings.simplefilter("ignore")
    args = sys.argv[1:]
    driver = os.path.join(HERE, "build", "astdump")
    if args[:1] == ["--driver"]:
        driver, args = args[1], args[2:]
    files = collect(args or [os.path.join(HERE, "cases")])
    passed = failed = 0
    for f in files:
        with open(f, "rb") as fh:
            src = fh.read()
        mode = mode_of(f)
        exp = expected(src, mode)
        if sys.version_info < (3, 11, 7) and \
                os.path.basename(f) in NEWER_3_11:
            exp = NEWER_3_11[os.path.basename(f)]
        r = subprocess.run([driver, "--attrs", "--mode", mode, f],
                           capture_output=True, timeout=60)
        got = r.stdout.decode("utf-8", "replace").rstrip("\n")
        if r.returncode != 0:
            got += f"\n[driver exit status {r.returncode}] " + \
                r.stderr.decode("utf-8", "replace")
        # CPython out of memory/recursion: pystm passes if it neither
        # crashes nor hangs (a tree, or a SyntaxError at its own limit)
        ok = got == exp or (exp.startswith("!") and r.returncode == 0 and
                            (got.startswith("SyntaxError:") or
                             got.startswith("Module(")))
        if ok:
            passed += 1
            continue
        failed += 1
        rel = os.path.relpath(f, HERE)
        print(f"FAIL {rel} (mode {mode})")
        e = exp.replace("), ", "),\n").splitlines()
        g = got.replace("), ", "),\n").splitlines()
        for line in list(difflib.unified_diff(e, g, "cpython", "pystm",
                                              lineterm="", n=1))[:40]:
            print("   ", line)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
