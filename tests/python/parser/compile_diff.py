"""compile_diff.py -- compile() under pystm and under CPython, over every
file of some directories (a fuzz corpus, say), in the three modes: the
inputs whose outcome differs (ok, or the exception's class, message, line
and offset), grouped by the kind of difference.  A debugging aid for the
fuzzers' corpora, not a test: the parser's error messages for garbage
still differ in many ways (see pystm-parser.md).

    python3 compile_diff.py PYSTM DIR... [--examples N]

Under pystm the script runs itself with --emit to print its outcomes
(pystm has no re nor subprocess: only the driver imports them).
"""
import os
import sys

MODES = ("exec", "eval", "single")


def sources(dirs):
    for d in dirs:
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            try:
                with open(path, encoding="utf-8") as f:
                    src = f.read()
            except (OSError, UnicodeDecodeError):
                continue
            # pystm's compile() takes str only: no null bytes, and no
            # coding cookie, which a str ignores
            if "\0" in src or "coding" in src:
                continue
            yield path, src


def outcome(src, mode):
    try:
        compile(src, "<f>", mode)
        return "ok"
    except SyntaxError as e:
        return "%s: %s %s %s" % (type(e).__name__, e.msg, e.lineno, e.offset)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def emit(dirs):
    for path, src in sources(dirs):
        for mode in MODES:
            print("%s\t%s\t%s" % (path, mode, outcome(src, mode)))


def main():
    args = sys.argv[1:]
    if args and args[0] == "--emit":
        emit(args[1:])
        return
    import collections
    import re
    import subprocess
    import warnings
    warnings.simplefilter("ignore")  # CPython's SyntaxWarnings
    examples = 3
    if "--examples" in args:
        i = args.index("--examples")
        examples = int(args[i + 1])
        del args[i:i + 2]
    pystm, dirs = args[0], args[1:]
    out = subprocess.run([pystm, __file__, "--emit"] + dirs,
                         capture_output=True, text=True,
                         errors="replace").stdout
    theirs = {}
    for line in out.splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            theirs[parts[0], parts[1]] = parts[2]
    kinds = collections.Counter()
    where = collections.defaultdict(list)
    total = 0
    for path, src in sources(dirs):
        for mode in MODES:
            total += 1
            ours = outcome(src, mode)
            got = theirs.get((path, mode), "(no output: crashed?)")
            if got != ours:
                # numbers out, so one kind gathers the same message
                kind = (mode, re.sub(r"\d+", "N", got)[:80],
                        re.sub(r"\d+", "N", ours)[:80])
                kinds[kind] += 1
                where[kind].append(path)
    print("%d of %d differ" % (sum(kinds.values()), total))
    for kind, n in kinds.most_common():
        print("%5d %s\n      pystm:   %s\n      CPython: %s" % (n, *kind))
        for path in where[kind][:examples]:
            print("      e.g. %s" % path)


if __name__ == "__main__":
    main()
