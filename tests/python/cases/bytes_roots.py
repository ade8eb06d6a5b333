# __index__, __bytes__ and __bool__ that allocate, called from inside the
# bytes code (GC stress: every value held across them must be rooted)

class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        junk = [str(i) * 3 for i in range(50)]
        return self.v + len(junk) - 50
class B:
    def __bytes__(self):
        junk = [bytes(i) for i in range(30)]
        return b'<' + bytes(len(junk)) + b'>'
class T:
    def __bool__(self):
        junk = {i: str(i) for i in range(30)}
        return len(junk) > 0
def gen(n):
    for i in range(n):
        junk = [i] * 20
        yield Idx(i % 256)
for round in range(20):
    b = bytes(gen(10))
    ba = bytearray(gen(12))
    ba[Idx(1)] = Idx(200)
    ba[Idx(0):Idx(3)] = gen(5)
    del ba[Idx(2)]
    ba.append(Idx(7)); ba.insert(Idx(1), Idx(9)); ba.extend(gen(3))
    print(b, ba, bytes(B()), b'%s|%d|%c' % (B(), Idx(5), Idx(66)))
    print(b.find(Idx(3)), b.count(Idx(4), Idx(0)), Idx(3) in b, b[Idx(2)], b[Idx(1):Idx(8):Idx(2)])
    print((1000 + round).to_bytes(Idx(4), 'little', signed=T()), int.from_bytes(gen(3), signed=T()))
    print(b.split(maxsplit=Idx(1)), b.ljust(Idx(12), b'*'), b.hex(':', Idx(3)), b * Idx(2), ba.pop(Idx(0)))
    print(b.replace(b'\x01', b'', Idx(1)), b.splitlines(Idx(1)), bytes(Idx(3)), bytearray(Idx(2)))
print([1, 2, 3, 4][Idx(1):Idx(4):Idx(2)], 'abcdef'[Idx(0):Idx(5):Idx(2)])
l = [1, 2, 3, 4, 5]
l[Idx(1):Idx(3)] = [Idx(7).v, 8, 9]
del l[Idx(0):Idx(2)]
print(l, (1, 2, 3)[Idx(0):Idx(2)])


class B2:
    def __bytes__(self):
        junk = [bytes(i) for i in range(30)]
        return b'[' + bytes(len(junk) // 10) + b']'


def gen2(n):
    for i in range(n):
        junk = [i] * 20
        yield bytes([65 + i % 26]) * (i % 3)
for round in range(15):
    b = b'ab\tcd ef'
    ba = bytearray(b)
    print(b.center(Idx(12), b'*'), ba.rjust(Idx(10)), b.zfill(Idx(11)), b.expandtabs(Idx(4)))
    print(Idx(2) * b, ba * Idx(2), b.rsplit(None, Idx(1)), b.index(Idx(100)), b.rfind(b'c', Idx(0), Idx(5)))
    ba *= Idx(2)
    ba.remove(Idx(97))
    ba.insert(Idx(-1), Idx(33))
    print(ba, ba.pop(Idx(-2)), b.startswith(b'b', Idx(1)), b.endswith((b'x', b'f'), Idx(0), Idx(8)))
    print(b'-'.join(gen2(6)), bytearray(b'|').join(gen2(4)), b'%x %c %s %b' % (Idx(255), Idx(67), B2(), B2()))
    print(b.translate(bytes.maketrans(b'abc', b'xyz'), b' '), b.decode('ascii'), bytes(B2()).hex(), list(bytes(gen2(0))))
    print(bytearray(gen2(3)) if False else bytes(Idx(2)), bytes(x for x in [Idx(1), Idx(2)]), b[Idx(-1)], ba[Idx(0)])
