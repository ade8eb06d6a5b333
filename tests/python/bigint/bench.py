"""Times the operations of bench.c in python3 and prints both side by side
(best of three runs each).
Usage: python3 bench.py path/to/bench   (build.sh --bench does it all)."""
import math
import random
import subprocess
import sys
import time

sys.set_int_max_str_digits(0)


def digits(n, seed):
    r = random.Random(seed)
    return int(str(r.randint(1, 9)) + ''.join(r.choice('0123456789')
                                              for _ in range(n - 1)))


a1k, b1k, a2k = digits(1000, 1), digits(1000, 2), digits(2000, 3)
a10k, b10k, a100k = digits(10000, 4), digits(10000, 5), digits(100000, 6)
m309, e309, x309 = digits(309, 7), digits(309, 8), digits(300, 9)
s10k, s100k = str(a10k), str(a100k)

a40, b30 = digits(40, 10), digits(30, 11)
CASES = [
    ('mul_40_30', lambda: a40 * b30),
    ('divmod_40_30', lambda: divmod(a40, b30)),
    ('add_1000', lambda: a1k + b1k),
    ('mul_1000', lambda: a1k * b1k),
    ('mul_10000', lambda: a10k * b10k),
    ('divmod_2000_1000', lambda: divmod(a2k, b1k)),
    ('truediv_10000', lambda: a10k / b10k),
    ('str_1000', lambda: str(a1k)),
    ('str_10000', lambda: str(a10k)),
    ('str_100000', lambda: str(a100k)),
    ('hex_10000', lambda: format(a10k, 'x')),
    ('int_10000', lambda: int(s10k)),
    ('int_100000', lambda: int(s100k)),
    ('pow_3_10000', lambda: 3 ** 10000),
    ('powmod_1024bit', lambda: pow(x309, e309, m309)),
    ('gcd_1000', lambda: math.gcd(a1k, b1k)),
    ('isqrt_10000', lambda: math.isqrt(a10k)),
    ('float_300', lambda: float(x309)),
]


def py_time(f):
    n, t = 0, 0.0
    t0 = time.perf_counter()
    while t < 0.2:
        for _ in range(4):
            f()
        n += 4
        t = time.perf_counter() - t0
    return t / n * 1e9


def main():
    # the best of three runs on each side: other processes only slow
    # things down
    c = {}
    for _ in range(3):
        out = subprocess.run([sys.argv[1]], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            name, ns = line.split()
            c[name] = min(c.get(name, float('inf')), float(ns))
    print('%-18s %14s %14s %9s' % ('operation', 'pybig ns', 'python3 ns',
                                    'speedup'))
    for name, f in CASES:
        p = min(py_time(f) for _ in range(3))
        ns = c[name]
        print('%-18s %14.0f %14.0f %8.1fx' % (name, ns, p, p / ns))


if __name__ == '__main__':
    main()
