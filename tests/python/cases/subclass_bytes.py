# Classes derived from bytes and bytearray: __new__/__init__ overrides,
# base methods give plain bytes/bytearray, repr, fromhex makes the
# subclass, bytes() of one is a plain copy, instance attributes.
class B(bytes):
    def __new__(cls, v, tag="t"):
        self = super().__new__(cls, v)
        self.tag = tag
        return self
b = B(b"abc", "x")
print(b, repr(b), b.tag, isinstance(b, bytes), type(b).__name__, len(b), b[0], b[1:], type(b[1:]).__name__)
print(type(b + b"d").__name__, type(b.upper()).__name__, b.upper(), b == b"abc", hash(b) == hash(b"abc"), b.decode())
class BA(bytearray):
    def __init__(self, *a, **k):
        super().__init__(*a)
        self.n = len(self)
ba = BA(b"xyz")
ba.append(65)
print(ba, repr(ba), ba.n, isinstance(ba, bytearray), type(ba[0:2]).__name__, type(ba + b"1").__name__, ba.upper())
class C(complex):
    def __repr__(self): return "C" + super().__repr__()
    def norm(self): return abs(self)
c = C(3, 4)
print(c, repr(c), c.norm(), c.real, type(c + 1).__name__, c == 3+4j, isinstance(c, complex), str(c))
class C2(complex):
    def __new__(cls, r, i=0):
        return super().__new__(cls, r * 2, i)
print(C2(1, 1), type(C2(1)).__name__, C2(1).real)
class B2(bytes): pass
print(B2(3), B2([65, 66]), repr(B2(b"q")), B2(b"a") + b"b", B2.fromhex("41"), type(B2.fromhex("41")).__name__)
x = B2(b"hi"); x.attr = 1; print(x.attr, x.__dict__)
class BA2(bytearray): pass
y = BA2(b"hi"); y.extend(b"!"); y.attr = 2; print(y, y.attr, y * 2, type(y * 2).__name__, y.hex(), bytes(y))
print(type(bytes(B2(b"z"))).__name__, type(bytearray(BA2(b"z"))).__name__, B2(b"ab").split(b"a"), BA2.fromhex("4142"))
print(complex(C(1,2)), type(complex(C(1, 2))).__name__, C(1,2).conjugate(), type(C(1,2).conjugate()).__name__)
print(f"{C(1,2)}", f"{B2(b'x')}", "%s" % BA2(b"y"), str(B2(b"s")))
class B3(bytes):
    def __str__(self): return "B3!"
print(str(B3(b"k")), f"{B3(b'k')}", format(B3(b'k')))
import copy
print(b"abc" in [B2(b"abc")], {B2(b"k"): 1}[b"k"], B2(b"abc").startswith(b"a"), sorted([B2(b"b"), B2(b"a")]))
print(memoryview(B2(b"mv")).tobytes(), bytes(memoryview(BA2(b"ww"))))
class C3(complex):
    pass
z = C3(1.5); z.k = 1; print(z.k, z, C3("1+2j"), C3(), C3(real=2, imag=3))
class Tagged(bytes):
    def __new__(cls, *parts):
        self = super().__new__(cls, b"-".join(parts))
        self.parts = [p.decode() * 3 for p in parts]
        return self
ts = [Tagged(b"a", bytes([97 + i])) for i in range(5)]
print([t for t in ts], ts[4].parts, [type(t).__name__ for t in ts[:2]], ts[1] in {b"a-b"})
class Buf(bytearray):
    def push(self, s):
        self.extend(s.encode())
        return self
b = Buf()
for i in range(40):
    b.push(str(i))
print(b[-10:], len(b), type(b).__name__, repr(Buf(b"q")), Buf(3), Buf([1, 2]), bytes(Buf(b"k")))
b[0:2] = b"__"; del b[2:]
print(b, b == b"__", b.decode(), Buf(b"x") + Buf(b"y"))
