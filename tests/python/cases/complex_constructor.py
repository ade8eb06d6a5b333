# complex(real, imag), complex(str) and their errors

print(complex(), complex(1), complex(1.5), complex(True), complex(1, 2), complex(1.5, -2.5))
print(complex(real=1, imag=2), complex(imag=3), complex(real=4), complex(1, imag=2))
print(complex(1j), complex(1j, 1j), complex(1 + 2j, 3 + 4j), complex(1, 1j), complex(1j, 2))
print(complex(2 ** 60, -(2 ** 70)), complex(-0.0), complex(0, -0.0), complex(-0.0, 0))
print(complex(float("inf"), float("-inf")), complex(float("nan")))
z = 3 + 4j
print(complex(z) is z)

class WithComplex:
    def __complex__(self):
        return 1 + 2j

class WithFloat:
    def __float__(self):
        return 2.5

class WithIndex:
    def __index__(self):
        return 7

print(complex(WithComplex()), complex(WithFloat()), complex(WithIndex()))
print(complex(WithFloat(), WithIndex()), complex(1, WithFloat()), complex(WithComplex(), 1))

strings = ["1+2j", "1-2j", "-1.5e3+2.5E-2J", "j", "-j", "+j", "3j", "3", "(1+2j)",
           "  ( 1.5e1-2J )  ", "\t1+j\n", "infj", "-InFiNiTy+NaNj", "nan", "-inf-infj",
           "1.e1j", ".5j", "5.j", "1_000_000j", "1e1_0j", "1_0+2_0j", "0.1+0.2j",
           "1e500j", "-1e-500", "\u0661+\u0662j", "\u20031+2j\u2003", "1+1J", "(j)"]
for s in strings:
    print(repr(s), complex(s))

bad = ["", " ", "1+", "1e", "1e+j", "(1", "1)", "()", "1 +2j", "1+ 2j", ".j", "j1",
       "1jj", "+", "0x1j", "1.5.3j", "1+2", "1+-2j", "--1j", "(1+2j", "1+2j)", "\x00",
       "1\x00j", "ab", "1+2k", "1+2jj", "j+1", "( )", "infinit", "1_j", "_1j", "1__0",
       "1_", "1+2_j", "1._5j"]
for s in bad:
    try:
        print(repr(s), complex(s))
    except ValueError as e:
        print(repr(s), type(e).__name__ + ":", e)

def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

class BadComplex:
    def __complex__(self):
        return 5

class BadFloat:
    def __float__(self):
        return 5

class Raising:
    def __complex__(self):
        raise KeyError("boom")

err(lambda: complex(1, 2, 3))
err(lambda: complex(foo=1))
err(lambda: complex(1, real=2))
err(lambda: complex(1, 2, imag=3))
err(lambda: complex("1", 2))
err(lambda: complex("1+2j", imag=3))
err(lambda: complex(1, "2"))
err(lambda: complex(imag="2"))
err(lambda: complex([]))
err(lambda: complex(1, []))
err(lambda: complex(None))
err(lambda: complex(1, None))
err(lambda: complex({}))
err(lambda: complex(BadComplex()))
err(lambda: complex(BadFloat()))
err(lambda: complex(Raising()))
err(lambda: complex(10 ** 400))
err(lambda: complex(1, 10 ** 400))
