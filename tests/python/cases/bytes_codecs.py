# str.encode and bytes.decode: utf-8, ascii, latin-1, their aliases, the
# error handlers, and UnicodeError messages and attributes


def show(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except UnicodeError as e:
        print(type(e).__name__, e)
        print('  ', e.encoding, repr(e.object), e.start, e.end, e.reason)
    except Exception as e:
        print(type(e).__name__, e)


text = 'aé€😀'
for enc in ('utf-8', 'utf8', 'UTF-8', 'utf_8', 'U8'):
    show(lambda: text.encode(enc))
show(lambda: text.encode())
show(lambda: text.encode(encoding='utf-8', errors='strict'))
show(lambda: 'plain'.encode('ascii'))
show(lambda: 'caf\xe9'.encode('latin-1'))
show(lambda: 'caf\xe9'.encode('latin1'))
show(lambda: 'caf\xe9'.encode('iso-8859-1'))
show(lambda: 'caf\xe9'.encode('L1'))
for errors in ('strict', 'ignore', 'replace', 'backslashreplace',
               'xmlcharrefreplace', 'surrogateescape'):
    show(lambda: text.encode('ascii', errors))
    show(lambda: text.encode('latin-1', errors))
show(lambda: 'a\udc80b'.encode('utf-8'))
show(lambda: 'a\udc80b'.encode('utf-8', 'surrogateescape'))
show(lambda: 'a\udc80b'.encode('ascii', 'surrogateescape'))
show(lambda: 'a\ud800b'.encode('utf-8', 'surrogatepass'))
show(lambda: 'a\ud800b'.encode('utf-8', 'replace'))
show(lambda: 'a\ud800\udfffb'.encode('utf-8', 'backslashreplace'))
show(lambda: 'é'.encode('ascii'))
show(lambda: 'aé'.encode('ascii'))
show(lambda: 'aéé'.encode('ascii'))
show(lambda: '€'.encode('latin-1'))
show(lambda: '😀'.encode('latin-1'))
show(lambda: 'a'.encode('foo'))
show(lambda: 'a'.encode('utf-8', 'foo'))
show(lambda: 'é'.encode('ascii', 'foo'))
show(lambda: 'a'.encode(1))
show(lambda: 'a'.encode('utf-8', None))

data = b'a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80'
show(lambda: data.decode())
show(lambda: data.decode('utf-8'))
show(lambda: bytearray(data).decode('utf8'))
show(lambda: data.decode('latin-1'))
show(lambda: data.decode(encoding='ascii', errors='ignore'))
for errors in ('strict', 'ignore', 'replace', 'backslashreplace',
               'surrogateescape'):
    show(lambda: b'a\xff\xe9b'.decode('utf-8', errors))
    show(lambda: b'a\xff\xe9b'.decode('ascii', errors))
show(lambda: b'\xff'.decode())
show(lambda: b'a\xe9\x80'.decode('utf-8'))
show(lambda: b'a\xe9'.decode('utf-8'))
show(lambda: b'\xed\xa0\x80'.decode('utf-8'))
show(lambda: b'\xed\xa0\x80'.decode('utf-8', 'surrogatepass'))
show(lambda: b'\xc0\x80'.decode('utf-8'))
show(lambda: b'\xf4\x90\x80\x80'.decode('utf-8'))
show(lambda: b'a\x80\x80'.decode('ascii'))
show(lambda: b'a'.decode('foo'))
show(lambda: b'a'.decode('utf-8', 'foo'))
show(lambda: b'a\xff'.decode('utf-8', 'foo'))
show(lambda: b'a\xff'.decode('utf-8', 'xmlcharrefreplace'))
show(lambda: b'a'.decode(1))
show(lambda: b'a'.decode('ascii', errors=1))
show(lambda: b'abc'.decode('ascii', 'strict', 3))
show(lambda: b'a'.decode(x=1))

# round trips, str(bytes, encoding)
for s in ('', 'ascii', 'ünïcödé', '日本語', '😀😁 mixed €', 'a\x00b'):
    assert s.encode().decode() == s
    assert str(s.encode('utf-8'), 'utf-8') == s
    print(len(s), len(s.encode()), s.encode().decode('utf-8') == s)
show(lambda: str(b'abc', 'ascii'))
show(lambda: str(b'\xff', 'utf-8', 'replace'))
show(lambda: str(bytearray(b'x'), encoding='latin-1'))
show(lambda: str(b'\xff', 'utf-8'))
show(lambda: str(b'abc'))
show(lambda: str(b'abc', 1))

# the exception objects themselves
e = UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 2, 'why')
print(e, e.start, e.end, e.reason, e.object, e.args)
e = UnicodeEncodeError('ascii', '\U0001f600x', 0, 1, 'nope')
print(e, e.encoding)
e = UnicodeEncodeError('ascii', '\u1234', 0, 1, 'nope')
print(e)
try:
    'x\xff'.encode('ascii')
except ValueError as e:
    print(type(e).__name__, isinstance(e, UnicodeError), e)

# surrogateescape escapes what it can of a run, then reports the rest
show(lambda: '\x7f\udc80\u0100\U0001f600'.encode('latin-1', 'surrogateescape'))
show(lambda: 'a\udcff\u0100\xff'.encode('latin-1', 'surrogateescape'))
show(lambda: '\udc80\u20ac\x7f\udc80'.encode('ascii', 'surrogateescape'))
show(lambda: '\udc80\udcff'.encode('ascii', 'surrogateescape'))
