# cmath cosh, sinh, tanh, cos, sin, tan: finite values, the large-argument paths, special values
import cmath
inf, nan = float("inf"), float("nan")
vals = [-inf, -800.0, -2.0, -0.0, 0.0, 0.5, 2.0, 710.0, inf, nan]
def show(f, *a):
    try:
        r = f(*a)
        return "(%r, %r)" % (r.real, r.imag)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)
for name in ["cosh", "sinh", "tanh", "cos", "sin", "tan"]:
    f = getattr(cmath, name)
    for x in vals:
        print(name, x, [show(f, complex(x, y)) for y in vals])
for z in [1j, 1 + 1j, -2.5 + 0.3j, 3, 1e-8 - 1e-8j, 20 + 1j, 355 / 113, 10j]:
    print(repr(z), [getattr(cmath, n)(z) for n in ["cosh", "sinh", "tanh", "cos", "sin", "tan"]])
for name in ["cosh", "sinh", "cos", "sin", "tanh", "tan"]:
    for bad in [1e10j, 1e10, "x", None]:
        try:
            print(name, repr(bad), getattr(cmath, name)(bad))
        except Exception as e:
            print(name, repr(bad), type(e).__name__ + ":", e)
try:
    cmath.cos()
except TypeError as e:
    print(e)
