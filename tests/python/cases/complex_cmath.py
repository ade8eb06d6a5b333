# the cmath module: sqrt, exp, phase, polar, rect, the predicates and constants
import cmath

values = [1j, -1, 4, 2.25, -4.0, 3 + 4j, -3 - 4j, 1e-320 + 1e-320j, 5e-324j,
          1e308 + 1e308j, -1e308 + 1e300j, 0.5 - 0.25j, 700 + 1j, 709.5 + 1j, -745 + 2j,
          True, 10 ** 20, 1e-10 - 1e10j]
for v in values:
    row = [cmath.sqrt(v), cmath.phase(v), cmath.polar(v) if abs(complex(v)) < 1e308 else None]
    try:
        row.append(cmath.exp(v))
    except OverflowError as e:
        row.append(f"{type(e).__name__}: {e}")
    print(repr(v), row)

for r, phi in [(1, 0), (2, cmath.pi / 2), (1.5, -0.0), (-2, 1), (3, -2.5), (0, 7), (1e308, 1e308)]:
    print(r, phi, cmath.rect(r, phi))
for z in [3 + 4j, -1 - 1j, 1j, 2.5]:
    r, phi = cmath.polar(z)
    back = cmath.rect(r, phi)
    print(z, abs(back - z) < 1e-12)
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
print(cmath.isfinite(1 + 1j), cmath.isfinite(cmath.infj), cmath.isinf(cmath.infj),
      cmath.isinf(2), cmath.isnan(cmath.nanj), cmath.isnan(1j))

class WithComplex:
    def __complex__(self):
        return 4j

class WithFloat:
    def __float__(self):
        return 9.0

class WithIndex:
    def __index__(self):
        return 16

print(cmath.sqrt(WithComplex()), cmath.sqrt(WithFloat()), cmath.sqrt(WithIndex()),
      cmath.rect(WithFloat(), WithIndex()))

def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

err(lambda: cmath.sqrt())
err(lambda: cmath.sqrt(1, 2))
err(lambda: cmath.sqrt("a"))
err(lambda: cmath.sqrt(x=1))
err(lambda: cmath.exp(None))
err(lambda: cmath.exp(1000))
err(lambda: cmath.exp(710))
err(lambda: cmath.polar(complex(1e308, 1e308)))
err(lambda: cmath.rect(1))
err(lambda: cmath.rect(1, 2, 3))
err(lambda: cmath.rect(1j, 2))
err(lambda: cmath.rect(1, "x"))
err(lambda: cmath.phase([]))
err(lambda: cmath.sqrt(10 ** 400))
