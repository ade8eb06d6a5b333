#!/usr/bin/env python3
"""Prints the table of cached powers of ten used by the shortest-digits
fast path in interp/runtime/dtoa.c: 10**k for k = -348, -340, ..., 340
as a 64-bit significand f (top bit set, rounded to nearest) and a binary
exponent e with 10**k ~= f * 2**e.  build.sh checks that dtoa.c holds
exactly this output."""
from fractions import Fraction

for k in range(-348, 341, 8):
    v = Fraction(10) ** k
    e = v.numerator.bit_length() - v.denominator.bit_length() - 64
    # adjust e so that 2**63 <= v / 2**e < 2**64
    while v / Fraction(2) ** e >= 2 ** 64:
        e += 1
    while v / Fraction(2) ** e < 2 ** 63:
        e -= 1
    q = v / Fraction(2) ** e
    f = q.numerator // q.denominator
    if q - f >= Fraction(1, 2):
        f += 1
    if f == 2 ** 64:
        f //= 2
        e += 1
    print('    {0x%016xull, %d}, /* 1e%d */' % (f, e, k))
