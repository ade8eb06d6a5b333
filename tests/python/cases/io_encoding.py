# text files: encodings, error handlers, newline modes
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

def write_bytes(data):
    with open('e.txt', 'wb') as f:
        f.write(data)

def raw():
    with open('e.txt', 'rb') as f:
        return f.read()

def read_with(**kw):
    with open('e.txt', **kw) as f:
        return f.read()

# encodings on write
for enc in ['utf-8', 'latin-1', 'latin1', 'ascii', 'UTF8', 'iso-8859-1']:
    with open('e.txt', 'w', encoding=enc) as f:
        print(enc, f.encoding, f.write('abc'))
    print(raw())
with open('e.txt', 'w', encoding='latin-1') as f:
    f.write('café ÿ')
print(raw(), read_with(encoding='latin-1'))
show('utf-8 of latin-1', lambda: read_with())
show('ascii', lambda: read_with(encoding='ascii'))
show('replace', lambda: read_with(encoding='utf-8', errors='replace'))
show('ignore', lambda: read_with(encoding='ascii', errors='ignore'))
show('surrogateescape', lambda: read_with(errors='surrogateescape'))
show('bad handler', lambda: read_with(errors='nonsense'))
f = open('e.txt', 'w', encoding='ascii')
show('encode', lambda: f.write('naïve'))
f.close()
f = open('e.txt', 'w', encoding='ascii', errors='replace')
print(f.write('naïve €'))
f.close()
print(raw())
f = open('e.txt', 'w', encoding='latin-1', errors='ignore')
print(f.write('a€b'))
f.close()
print(raw())
f = open('e.txt', 'w', errors='surrogateescape')
print(f.write('x\udcffy'))
f.close()
print(raw())
f = open('e.txt', 'w')
show('surrogate', lambda: f.write('x\udcffy'))
f.close()
write_bytes(b'ok\n\xff\xfe bad\n')
show('decode error', lambda: read_with())
try:
    read_with()
except UnicodeDecodeError as e:
    print(e.encoding, e.start, e.end, e.reason, e.object)

# multi-byte characters: read(n) counts characters
write_bytes('aé€😀z\nsecond\n'.encode())
with open('e.txt') as f:
    print(repr(f.read(1)), repr(f.read(2)), repr(f.read(2)), f.tell())
    print(repr(f.readline(3)), repr(f.readline()))
    c = f.tell()
    print(repr(f.read()))
    f.seek(c)
    print(repr(f.read(3)))

# newlines on read
write_bytes(b'a\r\nb\rc\nd\r')
for nl in [None, '', '\n', '\r', '\r\n']:
    with open('e.txt', newline=nl) as f:
        lines = f.readlines()
    with open('e.txt', newline=nl) as f:
        whole = f.read()
    print(repr(nl), lines, repr(whole))
with open('e.txt') as f:
    print(repr(f.read(2)), repr(f.read(1)), repr(f.read(1)))

# newlines on write
for nl in [None, '', '\n', '\r', '\r\n']:
    with open('e.txt', 'w', newline=nl) as f:
        print(repr(nl), f.write('1\n2\r\n3\r'), end=' ')
    print(raw())
with open('e.txt', 'w', newline='\r\n') as f:
    print('x', 'y', file=f)
    f.writelines(['p\n', 'q\n'])
print(raw())

# line buffering and explicit buffer sizes
with open('e.txt', 'w', buffering=1) as f:
    f.write('line\n')
    print(read_with())
with open('e.txt', 'w', buffering=64) as f:
    f.write('x' * 100)
print(len(read_with()))
with open('e.txt', 'rb', buffering=4) as f:
    print(f.read(3), f.read())

# utf-8-sig: a byte order mark at the start
p = 'sig.txt'
with open(p, 'w', encoding='utf-8-sig') as f:
    print(f.encoding, f.write('héllo\n'), f.write('x\n'))
print(open(p, 'rb').read())
with open(p, encoding='utf-8-sig') as f:
    print(repr(f.readline()), repr(f.read()))
    f.seek(0)
    print(repr(f.read(2)))
with open(p, encoding='UTF-8-SIG') as f:
    print(list(f))
print(repr(open(p).read()))
with open(p, 'wb') as f:
    f.write(b'no mark\n')
print(repr(open(p, encoding='utf-8-sig').read()))
with open(p, 'a', encoding='utf-8-sig') as f:
    f.write('more\n')
print(open(p, 'rb').read())
os.remove(p)
with open(p, 'a', encoding='utf-8-sig') as f:
    f.write('fresh\n')
print(open(p, 'rb').read())
with open(p, 'r+', encoding='utf-8-sig') as f:
    print(repr(f.read()))
    f.seek(0)
    f.write('X')
print(open(p, 'rb').read())
os.remove(p)

for name in os.listdir('.'):
    os.remove(name)
os.chdir('/')
os.rmdir(d)
