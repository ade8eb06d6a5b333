# binary files: BufferedReader/Writer/Random and FileIO
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

with open('b.bin', 'wb') as f:
    print(repr(f), f.mode, f.name, f.closed)
    print(f.write(b'abc\n'), f.write(bytearray(b'\x00\xff\r\n')), f.write(b''))
    f.writelines([b'line2\n', bytearray(b'end')])
    print(f.tell(), f.readable(), f.writable(), f.seekable(), f.isatty())
    show('write str', lambda: f.write('x'))
    show('write int', lambda: f.write(5))
    show('read', f.read)
    show('read1', f.read1)
    show('readline', f.readline)
    show('readlines', f.readlines)
    show('next', lambda: next(f))
    show('truncate', lambda: f.truncate(100))
print(repr(f), f.closed)

with open('b.bin', 'rb') as f:
    print(repr(f), f.mode)
    print(f.read(2), f.read1(2), f.readline(), f.tell())
    print(f.readline(3), f.readline())
    print(f.read(), f.read(), f.read(5))
    f.seek(0)
    print(f.readlines())
    f.seek(0)
    print(list(f))
    print(f.seek(-3, 2), f.read())
    print(f.seek(2), f.seek(1, 1), f.read(2))
    print(f.seek(0, 2))
    f.seek(0)
    ba = bytearray(5)
    print(f.readinto(ba), ba)
    ba = bytearray(50)
    print(f.readinto(ba), ba[:12])
    show('seek neg', lambda: f.seek(-1))
    show('read str', lambda: f.read('x'))
    show('write', lambda: f.write(b'x'))
    show('truncate', f.truncate)
    show('readinto bytes', lambda: f.readinto(b'xx'))
    f.seek(0)
    print(f.readlines(6))

f = open('b.bin', 'rb')
f.close()
for name in ['read', 'read1', 'readline', 'readlines', 'tell', 'flush',
             'fileno', 'isatty', 'readable', 'writable', 'seekable',
             '__iter__', '__enter__', 'truncate']:
    show(name, getattr(f, name))
show('seek', lambda: f.seek(0))
show('write', lambda: f.write(b'x'))
show('next', lambda: next(f))

f = open('b.bin', 'wb')
f.close()
for name in ['read', 'readline', 'flush', 'writable', 'readable', 'truncate']:
    show(name, getattr(f, name))
show('write', lambda: f.write(b'x'))

with open('b.bin', 'r+b') as f:
    print(repr(f), f.mode)
    print(f.read(3))
    f.write(b'XYZ')
    f.seek(0)
    print(f.read())
    print(f.truncate(5), f.tell())
    f.seek(0)
    print(f.read())
    f.seek(10)
    f.write(b'!')
    f.seek(0)
    print(f.read())
with open('b.bin', 'w+b') as f:
    print(f.read(), f.mode)
    f.write(b'hello')
    f.seek(1)
    print(f.read(2))
with open('b.bin', 'ab') as f:
    print(f.tell(), f.mode)
    f.write(b' world')
with open('b.bin', 'a+b') as f:
    f.seek(0)
    print(f.read(), f.mode)
    f.write(b'!')
    f.seek(0)
    print(f.read())
with open('c.bin', 'xb') as f:
    print(repr(f), f.mode)
with open('c.bin', 'x+b' if False else 'rb+') as f:
    print(f.mode)

with open('b.bin', 'rb', buffering=0) as f:
    print(repr(f), f.mode, f.closefd)
    print(f.read(5), f.read())
print(repr(f))
with open('u.bin', 'wb', buffering=0) as f:
    print(f.write(b'unbuffered'))
    with open('u.bin', 'rb') as g:
        print(g.read())

# a text file's buffer
with open('t.txt', 'w') as f:
    f.write('text ')
    f.flush()
    print(repr(f.buffer), f.buffer.mode)
    f.buffer.write(b'bytes\n')
print(f.buffer.closed)
with open('t.txt') as f:
    print(repr(f.read()), repr(f.buffer))

# memoryviews
with open('m.bin', 'wb') as f:
    print(f.write(memoryview(b'abcdef')[1:4]))
with open('m.bin', 'rb') as f:
    ba = bytearray(5)
    print(f.readinto(memoryview(ba)), ba)
    show('readonly view', lambda: f.readinto(memoryview(b'xx')))

for name in sorted(os.listdir('.')):
    os.remove(name)
os.chdir('/')
os.rmdir(d)
