#!/usr/bin/env python3
"""repl_session.py BINARY: drives BINARY's interactive loop through a
pseudo-terminal with a fixed session and prints what the terminal showed,
without the two banner lines (check_cli.sh compares pystm's with
CPython's)."""
import os, pty, sys, time, select
def run(binary, lines):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(binary, [binary])
    out = b""
    def drain(t=0.3):
        nonlocal out
        end = time.time() + t
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    out += os.read(fd, 4096)
                except OSError:
                    return
    drain(1.0)
    for l in lines:
        # a line ending in ^C is interrupted, not entered
        os.write(fd, (l if l.endswith("\x03") else l + "\n").encode())
        drain()
    os.write(fd, b"\x04")
    drain(0.5)
    os.waitpid(pid, 0)
    return out.decode(errors="replace")
text = run(sys.argv[1], ["1 + 2", "x = [i * i for i in range(4)]", "x", "def f(n):", "    return n * 2", "", "f(21)", "print('hi')", "if 1:", "  x = 1\x03", "1/0", "p = 'tests/python/tracebacks/lambda_map.py'", "exec(compile(open(p).read(), p, 'exec'))", "None", "'done'"])
print("\n".join(text.replace("\r", "").split("\n")[2:]))
