#!/bin/sh
# Parses every .py file of the installed CPython standard library with
# pystm's parser and compares ast.dump() with CPython's (with positions).
# Files CPython itself cannot parse are skipped.  Prints the counts, the
# first differences, and the parse speed (lines/second, parse only).
#   stdlib_check.sh [driver]      (default: build/astdump; run build.sh)
# Environment: STDLIB_LIMIT=N checks only the first N files.
here=$(cd "$(dirname "$0")" && pwd)
driver=${1:-$here/build/astdump}
exec python3 - "$driver" <<'PY'
import ast, os, subprocess, sys, sysconfig
driver = sys.argv[1]
root = sysconfig.get_paths()["stdlib"]
files = []
for d, dirs, fs in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x not in ("site-packages",))
    files += [os.path.join(d, f) for f in sorted(fs) if f.endswith(".py")]
limit = int(os.environ.get("STDLIB_LIMIT", "0") or 0)
if limit:
    files = files[:limit]
same = pos_only = differ = skipped = crashed = 0
shown = 0
checked = []
for f in files:
    src = open(f, "rb").read()
    try:
        tree = ast.parse(src)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        skipped += 1
        continue
    checked.append(f)
    exp = ast.dump(tree, include_attributes=True)
    r = subprocess.run([driver, "--attrs", f], capture_output=True)
    if r.returncode != 0:
        crashed += 1
        print(f"driver failed ({r.returncode}) on {f}")
    got = r.stdout.decode("utf-8", "replace").rstrip("\n")
    if r.returncode == 0 and got == exp:
        same += 1
        continue
    r2 = subprocess.run([driver, f], capture_output=True)
    got2 = r2.stdout.decode("utf-8", "replace").rstrip("\n")
    if r2.returncode == 0 and got2 == ast.dump(tree):
        pos_only += 1
        kind = "positions differ"
        e, g = exp, got
    else:
        differ += 1
        kind = "tree differs"
        e, g = ast.dump(tree), got2
    if shown < 15:
        shown += 1
        i = next((k for k in range(min(len(e), len(g))) if e[k] != g[k]),
                 min(len(e), len(g)))
        print(f"{kind}: {f}\n   cpython: ...{e[max(0,i-150):i+150]}\n   pystm:   ...{g[max(0,i-150):i+150]}")
print(f"stdlib: {len(files)} files, {skipped} skipped (CPython fails), "
      f"{same} identical, {pos_only} with only positions differing, "
      f"{differ} with different trees")
# speed: parse only, all checked files in one process
out = subprocess.run([driver, "--bench"] + checked, capture_output=True)
print("speed:", out.stdout.decode().strip())
# a report, not a gate: known differences (see doc/pystm-parser.md) keep
# some files apart; only a driver crash fails
sys.exit(1 if crashed else 0)
PY
