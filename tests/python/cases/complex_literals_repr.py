# complex literals, repr/str, attributes, bool, hash and isinstance

vals = [1j, 2.5e3J, 0j, -1j, 1 + 2j, 1 - 2j, -1 - 2j, 1.5 + 0j, -0.0 - 1j,
        1e300 + 1e-300j, 1e16 + 1.5j, 123456789012345678 + 0j, 1e-5j, 10j,
        0.1 + 0.2j, 3.0 + 4.0j, .5j, 1_000j, 0o17 + 1j, 1e22j]
for v in vals:
    print(repr(v), str(v), v.real, v.imag, bool(v), hash(v))

nan = float("nan")
inf = float("inf")
specials = [complex(nan, inf), complex(inf, nan), complex(-inf, -inf),
            complex(nan, -nan), complex(-nan, 1), complex(0.0, -0.0),
            complex(-0.0, 0.0), complex(-0.0, -0.0), complex(0.0, 0.0),
            complex(1, nan), complex(inf, 0), complex(0, -inf)]
for v in specials:
    print(repr(v), str(v), bool(v))
print(hash(complex(inf, 2)), hash(complex(-inf, 0)), hash(complex(1, -1)))
print(hash(complex(-1, 0)), hash(complex(1.5, -2.25)), hash(2j))
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5))
print({1 + 0j: "a", 1: "b", 1.0: "c", 2j: "d"})
print(sorted({3j, 1 + 0j, 1, 1.0, True}, key=lambda c: c.imag))

print(type(1j), type(1j).__name__, complex.__name__)
print(isinstance(1j, complex), isinstance(1, complex), isinstance(1j, (int, float)))
print(type((1 + 2j).real), type((1 + 2j).imag), type(abs(1j)))
print((1 + 2j).conjugate(), (1 - 2j).conjugate(), (0j).conjugate(), 1j.conjugate())
print((3 + 4j).__complex__(), (1 + 1j).__getnewargs__())
print([bool(c) for c in (0j, -0j, complex(0.0, -0.0), 1e-300j, complex(1e-300, 0))])
x = 2 + 3j
print(x.real + x.imag, -x, +x, abs(-3 - 4j), abs(1j), abs(complex(inf, nan)),
      abs(complex(nan, 1)), abs(complex(nan, -inf)))
try:
    x.real = 5
except AttributeError as e:
    print(type(e).__name__)
try:
    abs(complex(1e308, 1e308) * 10)
except OverflowError as e:
    print(type(e).__name__, e)
print(abs(complex(1e308, 1e308)))
