# bytes and bytearray: literals, construction, repr, errors


def show(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


# literals, escapes and adjacent concatenation
print(b'abc', rb'a\nb', b'a' b'b' rb'\c', br'\x41')
print(b'\x00\t\n\r\\\'"\x7f\x80\xff\x1f ~')
print(repr(b''), repr(b"'"), repr(b'"'), repr(b'\'"'), repr(b'it\'s'))
print(repr(bytearray(b"'")), repr(bytearray(b'"')), repr(bytearray(b'\'"')))
print(repr(bytearray()), repr(bytearray(b'\x00a\xff')))
print(b"""tri
ple""")
print(str(b'x'), f'{b"y"}', f'{b"z"!r}', f'{bytearray(b"q")}', '%s' % b'w')
print(bytes, bytearray, type(b''), type(bytearray()))
print(isinstance(b'', bytes), isinstance(bytearray(), bytearray),
      isinstance(b'', bytearray), isinstance(bytearray(), bytes))

# construction
show(lambda: bytes())
show(lambda: bytes(3))
show(lambda: bytes(True))
show(lambda: bytes([1, 2, 255]))
show(lambda: bytes((65, 66)))
show(lambda: bytes(range(5)))
show(lambda: bytes(x for x in [104, 105]))
show(lambda: bytes({7}))
show(lambda: bytes(b'abc'))
show(lambda: bytes(bytearray(b'abc')))
show(lambda: bytes('abc', 'ascii'))
show(lambda: bytes('é', 'utf8'))
show(lambda: bytes('é', encoding='latin-1'))
show(lambda: bytes(source='é', encoding='utf-8', errors='strict'))
show(lambda: bytearray())
show(lambda: bytearray(4))
show(lambda: bytearray([0, 128]))
show(lambda: bytearray(b'xyz'))
show(lambda: bytearray('é', 'utf-8'))
show(lambda: bytearray(range(250, 256)))


class WithBytes:
    def __bytes__(self):
        return b'from dunder'


class BadBytes:
    def __bytes__(self):
        return 'str'


class Idx:
    def __index__(self):
        return 2


show(lambda: bytes(WithBytes()))
show(lambda: bytes(BadBytes()))
show(lambda: bytes(Idx()))
show(lambda: bytes([Idx(), 1]))

# construction errors
show(lambda: bytes('abc'))
show(lambda: bytes(1.5))
show(lambda: bytes(None))
show(lambda: bytes(-1))
show(lambda: bytes([256]))
show(lambda: bytes([-1]))
show(lambda: bytes([10**30]))
show(lambda: bytes(['a']))
show(lambda: bytes([1.0]))
show(lambda: bytes(5, 'utf-8'))
show(lambda: bytes('a', errors='strict'))
show(lambda: bytes(encoding='utf-8'))
show(lambda: bytes(errors='strict'))
show(lambda: bytes(b'a', 'utf-8'))
show(lambda: bytes('a', 1))
show(lambda: bytes('a', 'utf-8', 2))
show(lambda: bytes('a', 'nope'))
show(lambda: bytes(10**30))
show(lambda: bytes(x=1))
show(lambda: bytes(1, 2, 3, 4))
show(lambda: bytes(WithBytes))
show(lambda: bytearray('abc'))
show(lambda: bytearray(1.5))
show(lambda: bytearray(-1))
show(lambda: bytearray([256]))
show(lambda: bytearray(['a']))
show(lambda: bytearray(5, 'utf-8'))
show(lambda: bytearray(encoding='utf-8'))
show(lambda: bytearray(1, 2, 3, 4))

# fromhex
show(lambda: bytes.fromhex('0a0B ff'))
show(lambda: bytes.fromhex(' 0a 0b '))
show(lambda: bytes.fromhex(''))
show(lambda: bytearray.fromhex('00ff'))
show(lambda: bytes.fromhex('zz'))
show(lambda: bytes.fromhex('a'))
show(lambda: bytes.fromhex('0 a'))
show(lambda: bytes.fromhex('0ag'))
show(lambda: bytes.fromhex(b'00'))
show(lambda: bytes.fromhex())
show(lambda: b'ab'.fromhex('41'))
