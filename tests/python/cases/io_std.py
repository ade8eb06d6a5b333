# sys.stdout/stderr/stdin as file objects, and print() through them
import io
import sys

print(sys.stdout)
print(sys.stderr)
print(sys.stdin)
print(sys.__stdout__ is sys.stdout, sys.__stderr__ is sys.stderr,
      sys.__stdin__ is sys.stdin)
print(sys.stdout.fileno(), sys.stderr.fileno(), sys.stdin.fileno())
print(sys.stdout.name, sys.stdout.mode, sys.stdout.encoding, sys.stdin.mode)
print(sys.stdout.writable(), sys.stdout.readable(), sys.stdin.readable(),
      sys.stdin.writable(), sys.stdout.closed)
n = sys.stdout.write('written\n')
print(n)
print(sys.stdout.write('é€\n'))
print('a', end='')
sys.stdout.write('b')
print('c', end='')
sys.stdout.write('d\n')
print('flushed', flush=True)
sys.stdout.flush()
print(sys.stdout.write(''))
try:
    sys.stdout.write(b'x')
except TypeError as e:
    print('TypeError', e)
try:
    sys.stdin.write('x')
except Exception as e:
    print(type(e).__name__, e)
try:
    sys.stdout.read()
except Exception as e:
    print(type(e).__name__, e)
sys.stderr.write('to stderr\n')
print('via print', file=sys.stderr)
print('explicit stdout', file=sys.stdout)
print('file None', file=None)

class Recorder:
    def __init__(self):
        self.calls = []
    def write(self, s):
        self.calls.append(s)
        return len(s)
    def flush(self):
        self.calls.append('<flush>')

r = Recorder()
print('x', 1, [2], sep=', ', end='.\n', file=r, flush=True)
print(file=r)
print(r.calls)
try:
    print('x', file=object())
except AttributeError as e:
    print('AttributeError', e)
try:
    print('x', sep=5)
except TypeError as e:
    print('TypeError', e)

saved = sys.stdout
sys.stdout = io.StringIO()
print('captured', 42)
sys.stdout.write('more\n')
value = sys.stdout.getvalue()
sys.stdout = saved
print(repr(value))
sys.stdout = None
print('lost')
sys.stdout = saved
print('back')
sys.stdout.write('no newline at the end')
