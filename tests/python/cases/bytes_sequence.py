# bytes and bytearray as sequences: len, items, slices, iteration, in,
# + and *, comparisons, hashing, containers


def show(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


b = b'hello world'
ba = bytearray(b)
print(len(b), len(ba), len(b''), bool(b''), bool(b'\x00'), bool(bytearray()))
print(b[0], b[-1], ba[4], ba[-11], b[1:4], ba[1:4], b[::2], ba[::-1])
print(b[100:], b[-3:], b[:-3], b[5:1], b[::-3], b[10:2:-2], ba[::3])
print(list(b'abc'), tuple(bytearray(b'xy')), sorted(b'banana'))
print([c for c in b'\x00\xff'], sum(b'\x01\x02\x03'), max(b'az'), min(b'az'))
for c in bytearray(b'hi'):
    print(c, end=' ')
print()
it = iter(b'ab')
print(next(it), next(it), next(it, 'end'))
print(type(iter(b'')).__name__, type(iter(bytearray())).__name__)
print(b'll' in b, 111 in b, 120 in b, b'' in b, bytearray(b'wor') in b)
print(b'lo' in ba, 104 in ba, b'xyz' in ba)
print(b + b'!', ba + b'!', b'!' + ba, b * 2, 2 * b, ba * 2, 3 * ba, b * 0, b * -1)
print(b'' + b'', bytearray() * 5)

# comparisons, also between the two types
print(b'abc' == b'abc', b'abc' != b'abd', b'abc' < b'abd', b'ab' < b'abc')
print(b'b' > b'abc', b'abc' <= b'abc', b'abc' >= b'abd', b'\xff' > b'\x00')
print(b'abc' == bytearray(b'abc'), bytearray(b'abc') == b'abc',
      bytearray(b'a') < b'b', b'a' >= bytearray(b'b'))
print(b'abc' == 'abc', b'a' != 'a', b'1' == 1, bytearray() == [])
print(sorted([b'b', b'a', b'ab', b'']), max(b'x', b'xy'))

# hashing: the same as CPython's (and str's for ASCII)
print(hash(b''), hash(b'abc') == hash('abc'), hash(b'abc'))
print(hash(b'hello world'), hash(b'\x00\xff\x80'), hash(b'a' * 100))
d = {b'one': 1, b'two': 2}
print(d[b'one'], d.get(b'three'), b'two' in d, d)
s = {b'x', b'y', b'x', bytes(b'y')}
print(sorted(s), len(s))
print({b'k': 1} == {bytes([107]): 1})

# errors
show(lambda: b[11])
show(lambda: b[-12])
show(lambda: ba[11])
show(lambda: b['x'[0]])
show(lambda: ba[1.5])
show(lambda: b[10**30])
show(lambda: b[::0])
show(lambda: 'a' in b)
show(lambda: 300 in b)
show(lambda: -1 in b)
show(lambda: 1.0 in b)
show(lambda: None in ba)
show(lambda: b + 'b')
show(lambda: b + 1)
show(lambda: 'b' + b)
show(lambda: 1 + b)
show(lambda: ba + 'b')
show(lambda: b + [1])
show(lambda: b * 'x')
show(lambda: b * 1.5)
show(lambda: b - b)
show(lambda: b < 'b')
show(lambda: ba >= 1)
show(lambda: hash(bytearray()))
show(lambda: {bytearray(b'a'): 1})
show(lambda: -b)
show(lambda: b.nope)
