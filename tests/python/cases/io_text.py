# text files: reading, writing, positions, closing, errors
import os

d = os.path.join('/tmp', 'pystm_io_' + str(os.getpid()))
os.mkdir(d)
os.chdir(d)

def show(what, fn):
    try:
        r = fn()
    except Exception as e:
        print(what, type(e).__name__, e)
    else:
        print(what, repr(r))

with open('t.txt', 'w') as f:
    print(f.write('first line\n'), f.write('sécond\n'), f.write(''))
    f.writelines(['a\n', 'b\n', 'last'])
    print(f.name, f.mode, f.encoding, f.errors, f.closed, f.newlines)
    print(f.readable(), f.writable(), f.seekable(), f.isatty())
    print(type(f.fileno()).__name__, f.fileno() > 2)
    print(f.tell())
    show('read', f.read)
    show('readline', f.readline)
    show('next', lambda: next(f))
print(f.closed)

f = open('t.txt')
print(f.readline())
print(repr(f.readline(3)), repr(f.readline(-1)))
print(repr(f.read(2)), repr(f.read(0)), repr(f.read(None)))
print(repr(f.read()), repr(f.readline()))
f.seek(0)
print(f.readlines())
f.seek(0)
print(f.readlines(12))
f.seek(0)
pos = None
for i, line in enumerate(f):
    print(i, repr(line))
print(repr(f.read()))
f.seek(0)
f.readline()
cookie = f.tell()
print(cookie)
rest = f.read()
f.seek(cookie)
print(f.read() == rest)
print(f.seek(0, 2), f.tell(), repr(f.read()))
print(f.seek(0), f.read(5))
show('write', lambda: f.write('x'))
show('writelines', lambda: f.writelines(['x']))
show('seek cur', lambda: f.seek(1, 1))
show('seek end', lambda: f.seek(-1, 2))
show('seek neg', lambda: f.seek(-1))
show('seek whence', lambda: f.seek(0, 3))
show('truncate', f.truncate)
show('read str', lambda: f.read('a'))
print(f.seek(0, 1) >= 0)
f.close()
f.close()
for name in ['read', 'readline', 'readlines', 'tell', 'flush', '__iter__',
             '__enter__', 'fileno', 'isatty', 'readable', 'writable',
             'seekable', 'truncate']:
    show(name, getattr(f, name))
show('write', lambda: f.write('x'))
show('seek', lambda: f.seek(0))
show('next', lambda: next(f))
print(repr(f), f.closed, f.name)

with open('t.txt', 'w') as f:
    show('write bytes', lambda: f.write(b'x'))
    show('write int', lambda: f.write(1))
    show('writelines', lambda: f.writelines(['ok\n', 2]))
print(repr(open('t.txt').read()))

# append and update modes
with open('t.txt', 'a') as f:
    print(f.tell())
    f.write('more\n')
with open('t.txt') as f:
    print(repr(f.read()))
with open('t.txt', 'r+') as f:
    print(repr(f.read(2)))
    f.seek(0)
    f.write('OK')
    f.seek(0)
    print(repr(f.read()))
    f.seek(0, 2)
    f.write('end\n')
    f.seek(0)
    print(f.readlines())
    print(f.truncate(4), f.tell())
    f.seek(0)
    print(repr(f.read()))
with open('t.txt', 'w+') as f:
    f.write('abc\ndef\n')
    f.seek(0)
    print(f.readline(), end='')
    f.seek(0, 2)
    f.write('X')
    f.seek(0)
    print(repr(f.read()))
with open('t.txt', 'a+') as f:
    f.write('tail')
    f.seek(0)
    print(repr(f.read()))
print(f.closed)

# a file object that is never closed is closed by the collector or at exit
f = open('t2.txt', 'w')
f.write('unflushed\n')
g = open('t2.txt')
print(repr(g.read()))
f.flush()
print(repr(g.read()))
g.close()
f = None

# a descriptor
g = open('t.txt')
fd = g.fileno()
f = open(fd, closefd=False)
print(repr(f)[:23], f.name == fd, f.fileno() == fd)
print(repr(f.readline()))
f.close()
print(repr(g.read(3)))
f = open(fd)
f.close()
show('closed fd', g.read)
with open('t.txt', 'rb', buffering=0) as f:
    print(f.read(3), f.closefd, f.mode)
print(repr(f))

for name in os.listdir('.'):
    os.remove(name)
os.chdir('/')
os.rmdir(d)
