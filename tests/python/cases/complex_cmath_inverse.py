# cmath acos, acosh, asin, asinh, atan, atanh: finite values, large and tiny
# arguments, the branch cuts' signed zeros, special values and errors
import cmath

inf, nan = float("inf"), float("nan")
vals = [-inf, -800.0, -2.0, -0.0, 0.0, 0.5, 2.0, 710.0, inf, nan]
names = ["acos", "acosh", "asin", "asinh", "atan", "atanh"]

def show(f, *a):
    try:
        r = f(*a)
        return "(%r, %r)" % (r.real, r.imag)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)

for name in names:
    f = getattr(cmath, name)
    for x in vals:
        print(name, x, [show(f, complex(x, y)) for y in vals])
extra = [1j, -1j, 1, -1, 1 + 1j, -2.5 + 0.3j, 3, 1e-8 - 1e-8j, 20 + 1j, 355 / 113, 10j,
         1e300j, -1e300, 1e200 + 1e200j, 1e-200j, 1 + 1e-200j, 1 - 1e-170j, -1 + 1e-200j,
         complex(2, -0.0), complex(-2, 0.0), complex(0.5, -0.0), True]
for z in extra:
    print(repr(z), [show(getattr(cmath, n), z) for n in names])
for name in names:
    for bad in ["x", None, []]:
        print(name, repr(bad), show(getattr(cmath, name), bad))
print(show(cmath.atanh), show(cmath.acos, 1, 2))
