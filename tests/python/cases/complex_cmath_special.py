# cmath at infinities, NaNs and signed zeros: special values and errors
import cmath
inf, nan = float("inf"), float("nan")
vals = [-inf, -2.0, -0.0, 0.0, 2.0, inf, nan]
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
        print(x, y, "rect", show(cmath.rect, x, y), "exp", show(cmath.exp, complex(x, y)),
              "sqrt", show(cmath.sqrt, complex(x, y)), "polar", show(cmath.polar, complex(x, y)),
              "phase", show(cmath.phase, complex(x, y)))
