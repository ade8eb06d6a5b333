import sys
import math
from math import sqrt, pi as PI
print(type(sys.argv), len(sys.argv), sys.maxsize, sys.byteorder, sys.getrecursionlimit())
print(math.sqrt(16), sqrt(2), PI, math.e, math.floor(-2.5), math.ceil(2.1), math.trunc(-3.7))
print(math.factorial(20), math.gcd(12, 18, 24), math.lcm(4, 6), math.isqrt(10**20 + 5), math.isqrt(99))
print(math.log(math.e), math.log(8, 2), math.log2(1024), math.log10(1000), math.log(10**400) > 920)
print(math.pow(2, 10), math.hypot(3, 4), math.fsum([0.1] * 10), sum([0.1] * 10), math.prod([1, 2, 3, 4]))
print(math.isclose(0.1 + 0.2, 0.3), math.isnan(float("nan")), math.isinf(math.inf), math.copysign(1, -0.0))
print(math.degrees(math.pi), math.radians(180), math.modf(3.5), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.comb if hasattr(math, "comb") else "no comb", "sys" in sys.modules)
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.exp(1000), lambda: math.factorial(-1), lambda: math.factorial(2.5)]:
    try:
        bad()
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
try:
    import no_such_module_here
except ImportError as e:
    print(type(e).__name__, e)
sys.exit(3)
