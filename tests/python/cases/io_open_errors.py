# open(): argument checks, mode errors and the OSError subclasses
import os

d = os.path.join('/tmp', 'pystm_io_' + str(os.getpid()))
os.mkdir(d)
os.chdir(d)
with open('f.txt', 'w') as f:
    f.write('data\n')

def attempt(*args, **kwargs):
    try:
        f = open(*args, **kwargs)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print('ok', repr(f))
        f.close()

attempt('f.txt', 'rw')
attempt('f.txt', 'z')
attempt('f.txt', 'rr')
attempt('f.txt', 'U')
attempt('f.txt', '')
attempt('f.txt', '+')
attempt('f.txt', 'r++')
attempt('f.txt', 'rb', encoding='utf-8')
attempt('f.txt', 'rbt')
attempt('f.txt', 'rb', errors='strict')
attempt('f.txt', 'rb', newline='')
attempt('f.txt', 'r', buffering=0)
attempt('f.txt', 'r', newline='x')
attempt('f.txt', 'r', encoding='nope')
attempt('f.txt', 'r', encoding='latin-1')
attempt('f.txt', 'r', encoding='ascii', errors='replace')
attempt('f.txt', 1)
attempt('f.txt', 'r', newline=5)
attempt('f.txt', 'r', encoding=5)
attempt('f.txt', 'r', errors=5)
attempt('f.txt', 'r', buffering='x')
attempt('f.txt', 'r', closefd=False)
attempt('f.txt', mode='r', bogus=1)
attempt()
attempt(1.5)
attempt(None)
attempt(-1)
attempt('nope.txt')
attempt('nope.txt', 'r', newline='x')
attempt('.')
attempt('.', 'w')
attempt('f.txt', 'x')
attempt('sub/f.txt', 'w')
attempt('f\0.txt')
attempt(b'f.txt')
attempt('f.txt', 'rt')
attempt('f.txt', 'tr')
attempt('f.txt', 'r+')
attempt('f.txt', 'a+')
attempt('f.txt', 'r+b')
attempt('f.txt', 'w+b')
attempt('f.txt', 'ab')
attempt('f.txt', 'a+b')
attempt('f.txt', 'rb', buffering=0)
attempt('f.txt', 'wb', 0)

class P:
    def __fspath__(self):
        return 'f.txt'
    def __repr__(self):
        return 'P()'

with open(P()) as f:
    print(f.read(), f.name)

class Bad:
    def __fspath__(self):
        return 5

attempt(Bad())
os.chmod('f.txt', 0o000)
if os.getuid() != 0:
    attempt('f.txt')
else:
    print('PermissionError [Errno 13] Permission denied: \'f.txt\'')
os.chmod('f.txt', 0o644)
os.remove('f.txt')
attempt('new.txt', 'x')
attempt('new.txt', 'x')
try:
    open('new.txt')
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename)
else:
    print('exists')
try:
    open('nope.txt')
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename)
try:
    open('.', 'w')
except IsADirectoryError as e:
    print(e.errno, e.strerror, e.filename, isinstance(e, OSError))
os.remove('new.txt')
os.chdir('/')
os.rmdir(d)

# opener, line buffering
d = os.path.join('/tmp', 'pystm_io_' + str(os.getpid()))
os.mkdir(d)
os.chdir(d)
with open('f.txt', 'w', buffering=1) as f:
    print(f.line_buffering)
with open('f.txt', 'w') as f:
    print(f.line_buffering)
attempt('f.txt', opener=lambda path, flags: -1)
attempt('f.txt', opener=lambda path, flags: 'x')
attempt('f.txt', opener=lambda path, flags: 1 / 0)
keep = open('f.txt')
attempt('f.txt', opener=lambda path, flags: keep.fileno())
print(keep.closed)
os.remove('f.txt')
os.chdir('/')
os.rmdir(d)
