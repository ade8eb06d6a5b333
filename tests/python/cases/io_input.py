# input() reads a line from sys.stdin and writes its prompt to sys.stdout,
# whatever objects those are
import io
import sys

saved_in, saved_out = sys.stdin, sys.stdout
sys.stdin = io.StringIO("first\nsecond line\nno newline")
out = io.StringIO()
sys.stdout = out
a = input("name? ")
b = input()
c = input(42)
try:
    input("> ")
    eof = None
except EOFError as e:
    eof = str(e)
sys.stdin, sys.stdout = saved_in, saved_out
print(repr(a), repr(b), repr(c), repr(eof))
print(repr(out.getvalue()))


class Lines:
    def __init__(self):
        self.calls = 0

    def readline(self):
        self.calls += 1
        return "from readline\n" if self.calls == 1 else 7


sys.stdin = Lines()
print(repr(input()))
try:
    input()
except TypeError as e:
    print("TypeError", e)
sys.stdin = None
try:
    input()
except RuntimeError as e:
    print("RuntimeError", e)
sys.stdin = saved_in
del sys.stdout
try:
    input("x")
except RuntimeError as e:
    sys.stdout = saved_out
    print("RuntimeError", e)
