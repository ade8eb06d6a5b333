# bytes: constants in code, and corner cases of the methods

def f(x=b'dflt'):
    return (b'a', 1, x), b'a' in (b'a', b'b'), [b'q', b'r']
print(f())
class C:
    b'not a docstring'
    k = b'a' b'b'
print(C.k)
def g():
    b'not doc'
print(1)
print({b'a': 1}.get(b'a'), b'ab'[0] == 97, b'a' * 3 == b'aaa')
x = b'\x00' * 10
x += b'!'
print(x, len(x))
print(b'%d%%' % 50, '%r' % b"'")
print(b'\N{DASH}' if False else 1)
print(b'abc'.split(b'b', maxsplit=-5), b''.split(b'a'), b'a' in b'', b'' in b'')
print(bytearray(b'\x01\x02').hex(':'))
print(bytearray(b'abc') == bytearray(b'abc'), bytearray(b'b') > bytearray(b'a'))
print(b'-0'.zfill(4), b'+'.zfill(2), bytearray(b'12').zfill(4))
print(b'a\tb'.expandtabs(-1), b''.center(3, b'x'))
print(b'aaa'.replace(b'a', b'bb', 2), b'abc'.replace(b'', b'', 2), b''.replace(b'', b'x'))
print(b'abcabc'.rfind(b'c', 0, -1), b'abc'.rindex(99), b'abc'.count(b'abc', 1))
print(b'a,b'.partition(bytearray(b',')), bytearray(b'a,b').rpartition(b','))
print(b'xAx'.strip(b'x'), bytearray(b'  y ').strip(), b'abc'.lstrip(bytearray(b'ab')))
print(b'AbC'.swapcase(), bytearray(b'hello world').capitalize(), b'HELLO'.capitalize())
print(b'abc'.startswith(b'bc', 1, 3), b'abc'.endswith(b'ab', 0, -1), b'abc'.endswith(b'', 3))
print(b'abc'.startswith(b'a', -10), b'abc'.find(b'c', -1), b'abc'.find(b'', 4), b'abc'.find(b'', 3))
print(b'abc'.count(b'', 4), b'abc'.rfind(b'', 1, 2), b'ab'.index(b'', 2))


def show(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


b = b'ab'
show(lambda: b.hex('é'))
show(lambda: b.hex('::', 'x'))
show(lambda: b.hex([1]))
show(lambda: b.hex([1, 2]))
show(lambda: b.hex(1))
show(lambda: b.hex(bytearray(b'-')))
show(lambda: b.hex(':', 10**30))
show(lambda: b.hex(bytes_per_sep=2))
sep = bytearray(b',')
parts = b'a,b'.partition(sep)
print(parts, parts[1] is sep)
parts = bytearray(b'a,b').partition(sep)
print(parts, parts[1] is sep)
print(b'a,b'.rpartition(b';'), bytearray(b'a').partition(b';'))


# sizes beyond memory, and the pickling helpers
show(lambda: b'ab' * (2**62))
show(lambda: b'ab' * (2**63))
show(lambda: bytearray(b'ab') * (2**62))
show(lambda: bytes(2**62))
show(lambda: bytes(2**63))
show(lambda: bytearray(2**63))
show(lambda: b'ab'.ljust(2**62))
show(lambda: b'ab'.zfill(2**63))
show(lambda: b'a'.__bytes__())
show(lambda: b'ab'.__getnewargs__())
show(lambda: b''.join([b'a'] * 3))
show(lambda: b'a\nb'.splitlines(2))
show(lambda: b'a\nb'.splitlines(keepends=0))
show(lambda: b'a\nb'.splitlines(None))
show(lambda: b'a\nb'.splitlines(b'x'))
show(lambda: b'a\nb'.splitlines(1.0))

# int() and float() of bytes
show(lambda: int(b'42'))
show(lambda: int(b' -42_0 '))
show(lambda: int(bytearray(b'ff'), 16))
show(lambda: int(b'x'))
show(lambda: int(b'\xff'))
show(lambda: int(b'0x1f', 0))
show(lambda: float(b'1.5'))
show(lambda: float(bytearray(b' -2e3 ')))
show(lambda: float(b'x'))
show(lambda: float(b'\xff'))
show(lambda: int(b'1' * 5000))
show(lambda: str(b'a', 'ascii') + str(bytearray(b'b'), 'ascii'))
show(lambda: list(map(int, b'12')))
show(lambda: bool(bytes(1)))
show(lambda: len(repr(bytes(range(256)))))
show(lambda: repr(bytes(range(256))))
show(lambda: int(b'1\x002'))
show(lambda: float(b'1_0'))
show(lambda: int(b'x' * 300))

# bytes among the builtins and str's operations
show(lambda: ord(b'a'))
show(lambda: ord(bytearray(b'\xff')))
show(lambda: ord(b'ab'))
show(lambda: ord(b''))
show(lambda: format(b'x', '10'))
show(lambda: format(b'x'))
show(lambda: '{}|{!r}|{!s}'.format(b'x', bytearray(b'y'), b'z'))
show(lambda: '{:>10}'.format(b'x'))
show(lambda: '%s|%r|%a' % (b'x', b'y', b'\xff'))
show(lambda: ''.join([b'a']))
show(lambda: 'abc'.startswith(b'a'))
show(lambda: 'a' + b'b')
show(lambda: isinstance(b'', (bytes, bytearray)))
show(lambda: chr(b'a'[0]))
show(lambda: 'abc'.encode().hex())
show(lambda: bytes.fromhex('abc'.encode().hex()).decode())
show(lambda: min(b'xyz'), )
show(lambda: any(b'\x00\x00'))
show(lambda: all(b'\x01\x02'))
show(lambda: list(enumerate(b'ab')))
show(lambda: b'ab'.__len__())
show(lambda: sorted([b'b', b'a'], key=len))
show(lambda: {b'a', bytearray(b'a')})
show(lambda: 'abc'.translate({97: 'x'}))
show(lambda: 'x'.maketrans('a', 'b'))
show(lambda: str.encode('abc'))
show(lambda: bytes.decode(b'abc'))

# unbound methods check their self
show(lambda: bytes.upper('x'))
show(lambda: bytes.hex(1))
show(lambda: bytes.decode(bytearray(b'abc')))
show(lambda: bytearray.decode(b'abc'))
show(lambda: bytearray.append(b'a', 1))
show(lambda: bytes.upper(b'x'))
show(lambda: bytearray.upper(bytearray(b'x')))
show(lambda: str.encode(b'x'))

# int() shows any buffer's text as bytes, float() the object
show(lambda: int(memoryview(b'x')))
show(lambda: int(memoryview(b'12')[::-1]))
show(lambda: float(bytearray(b'x')))
show(lambda: int(bytearray(b'x'), 16))
show(lambda: int(bytearray(b' 1_0 '), 0))
