# cmath.log, log10 and isclose: accuracy paths, special values, bases and argument errors
import cmath
inf, nan = float("inf"), float("nan")
vals = [-inf, -2.0, -1.0, -0.0, 0.0, 0.5, 1.0, 2.0, inf, nan]
def show(f, *a):
    try:
        r = f(*a)
        if isinstance(r, complex):
            return "(%r, %r)" % (r.real, r.imag)
        return repr(r)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)
for x in vals:
    for y in vals:
        z = complex(x, y)
        print(x, y, "log", show(cmath.log, z), "log10", show(cmath.log10, z),
              "base", show(cmath.log, z, 3 - 1j), "of2", show(cmath.log, 2, z),
              "close", show(cmath.isclose, z, complex(x, 1e-9)))
for z in [1e-320, 1e-320j, 5e-324 + 5e-324j, 1e308 + 1e308j, 0.8 + 0.6j, 0.7 + 0.01j, 1.7 - 0.1j,
          1.0000001, 0.9999999j, 10 ** 20, 3 + 4j, -1e-10, True]:
    print(repr(z), cmath.log(z), cmath.log10(z), cmath.log(z, 10), cmath.log(z, 2j))
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
t(lambda: cmath.log(2, 1))
t(lambda: cmath.log(0))
t(lambda: cmath.log(0j, 2))
t(lambda: cmath.log(1, 0))
t(lambda: cmath.log10(0))
t(lambda: cmath.log(8, 2))
t(lambda: cmath.log())
t(lambda: cmath.log(1,2,3))
t(lambda: cmath.log(x=1))
t(lambda: cmath.log("a"))
t(lambda: cmath.log(1, "a"))
t(lambda: cmath.isclose(1, 1+1e-10j))
t(lambda: cmath.isclose(1, 1.1, rel_tol=0.2))
t(lambda: cmath.isclose(1, 1.1, rel_tol=-0.2))
t(lambda: cmath.isclose(1, 1.1, abs_tol=-0.2))
t(lambda: cmath.isclose(1, 2, 3))
t(lambda: cmath.isclose(1))
t(lambda: cmath.isclose())
t(lambda: cmath.isclose(1, 2, foo=3))
t(lambda: cmath.isclose(a=1, b=1))
t(lambda: cmath.isclose(1, a=1))
t(lambda: cmath.isclose(1, 1, rel_tol='x'))
t(lambda: cmath.isclose(1, 1, abs_tol=1j))
t(lambda: cmath.isclose(cmath.inf, cmath.inf))
t(lambda: cmath.isclose(cmath.nanj, cmath.nanj))
t(lambda: cmath.isclose(cmath.infj, 1e308j))
t(lambda: cmath.isclose(0, 1e-10, abs_tol=1e-9))
t(lambda: cmath.isclose(1e308+1e308j, -1e308-1e308j, rel_tol=1.0))
t(lambda: cmath.isclose(b=2, a=2.0, abs_tol=0, rel_tol=0))
t(lambda: cmath.isclose(1, 2, a=1))
t(lambda: cmath.isclose(1, foo=1))
t(lambda: cmath.isclose(1, 2, foo=1, a=3))
t(lambda: cmath.isclose(1, 2, b=1, foo=3))
