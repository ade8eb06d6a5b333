#!/usr/bin/env python3
"""Generates number <-> text test cases with CPython 3.11 as the oracle.

Each line is one case, tab-separated, strings hex-encoded (UTF-8):
  R bits expected-repr              repr(float) / str(float)
  F bits spec expected              format(float, spec)
  I dec hex oct bin neg spec type expected   format(int, spec)
  S str spec expected               format(str, spec)
  P conv flags width prec value expected     '%' formatting of one number
  D bits ndigits expected           round(x, ndigits)
  V str expected                    float(str)
  H bits expected                   float.hex()
  X str expected                    float.fromhex(str)
Expected values that are errors are "!ExceptionName:message"; floats
are 16 hex digits of their bits.  Usage: gen_cases.py [--repr N] [--seed S]
"""
import math
import random
import struct
import sys

out = sys.stdout
w = out.write


def hx(s):
    return s.encode('utf-8', 'surrogatepass').hex() or '-'


def bits(x):
    return '%016x' % struct.unpack('<Q', struct.pack('<d', x))[0]


def frombits(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]


def err(e):
    return '!%s:%s' % (type(e).__name__, e)


def interesting_doubles(rng, n):
    vals = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 1e16, 1e15, 1e-4, 1e-5,
            9.999999999999999e15, 1e22, 1e23, 5e-324, 1e-323, 2.2250738585072014e-308,
            2.225073858507201e-308, 1.7976931348623157e308, math.pi, math.e,
            123456.789, 0.3, 2.0 / 3, 1e300, 1e-300, 12345678901234567890.0,
            float('inf'), float('-inf'), float('nan'), 0.125, 1234.5, 999.5,
            0.05, 0.15, 0.25, 0.35, 9.5, 99.99, 1e100, 4.35, 2.675, 1.005]
    for e in range(-1074, 1024):
        vals.append(math.ldexp(1.0, e))
    for k in range(-325, 310):
        try:
            v = float('1e%d' % k)
        except OverflowError:
            continue
        vals += [v, math.nextafter(v, 0), math.nextafter(v, math.inf)]
    while len(vals) < n:
        r = rng.random()
        if r < 0.4:
            vals.append(frombits(rng.getrandbits(64)))
        elif r < 0.7:
            # short decimals: few digits, any exponent
            nd = rng.randint(1, 17)
            vals.append(float('%de%d' % (rng.randrange(10 ** nd), rng.randint(-330, 310))))
        elif r < 0.85:
            # halfway cases of some precision
            nd = rng.randint(1, 16)
            vals.append(float('%d5e%d' % (rng.randrange(10 ** nd), rng.randint(-30, 30))))
        else:
            vals.append(rng.uniform(-1e6, 1e6) * 10.0 ** rng.randint(-20, 20))
    return vals


def gen_repr(rng, n):
    specials = interesting_doubles(rng, 0)
    # ties between the two closest shortest candidates (x = odd/4 or odd/8
    # in [2**50, 2**51): 17 digits needed, both neighbours read back)
    for _ in range(5000):
        specials.append((rng.randrange(2 ** 52, 2 ** 53) | 1) / rng.choice([4, 8]))
    for x in specials:
        w('R\t%s\t%s\n' % (bits(x), repr(x)))
    for i in range(n):
        r = rng.random()
        if r < 0.6:
            b = rng.getrandbits(64)
        elif r < 0.75:
            b = rng.getrandbits(52) | (rng.randint(0, 1) << 63)  # subnormals
        elif r < 0.9:
            x = float('%de%d' % (rng.randrange(10 ** rng.randint(1, 17)), rng.randint(-330, 310)))
            b = struct.unpack('<Q', struct.pack('<d', x))[0]
        else:
            # near powers of two: the lopsided interval
            b = (rng.randint(1, 2046) << 52) + rng.choice([0, 1, 2, -1, -2]) % (1 << 64)
            b &= (1 << 64) - 1
        x = frombits(b)
        w('R\t%016x\t%s\n' % (b, repr(x)))


FLOAT_TYPES = ['', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%']
INT_TYPES = ['', 'b', 'c', 'd', 'o', 'x', 'X', 'n', 'e', 'f', 'g', '%', 'E', 'G', 'F']


def random_spec(rng, types):
    s = ''
    r = rng.random()
    if r < 0.15:
        s += rng.choice('<>=^')
    elif r < 0.3:
        s += rng.choice(['*', '0', 'x', 'é', ' ', '€']) + rng.choice('<>=^')
    if rng.random() < 0.3:
        s += rng.choice('+- ')
    if rng.random() < 0.15:
        s += 'z'
    if rng.random() < 0.2:
        s += '#'
    if rng.random() < 0.25:
        s += '0'
    if rng.random() < 0.5:
        s += str(rng.choice([0, 1, 2, 5, 8, 10, 12, 15, 16, 17, 20, 25, 40]))
    if rng.random() < 0.25:
        s += rng.choice(',_')
    if rng.random() < 0.5:
        s += '.' + str(rng.choice([0, 1, 2, 3, 5, 6, 10, 15, 16, 17, 20, 30, 60]))
    s += rng.choice(types)
    return s


BAD_SPECS = ['x', 'd', 's', 'c', 'b', 'dd', 'ab', '.', '.x', ',,', ',_', '_,', '__',
             ',.', '.,2', '99999999999999999999', '.99999999999999999999f',
             '.2147483648f', '.2147483648', '.2147483647x', 'é', '\x7f', '\x01',
             '\u1234', 'ab\u1234', 'z+', '0#', '#+', '+ ', ',c', '_c', ',n', '_n',
             ',x', '_x', ',b', '_o', 'zd', 'z.2d', '+zc', '+c', '#c', '.2c', '=5s',
             '==5', '<<', 'x<', '<', '', ',s', '+s', 'zs', '#s', '=s', '0=5', ',d',
             '.0', '.2d', '5,', 'z', '#', '+', '=', '\x00<5', 'é^9', '\U0001f600>3']


def spec_grid(types, precisions):
    """Every combination of the spec fields over a few choices each."""
    for align in ['', '<', '^', '=', '*>']:
        for sign in ['', '+', '-', ' ']:
            for z in ['', 'z']:
                for alt in ['', '#']:
                    for zero in ['', '0']:
                        for width in ['', '12']:
                            for group in ['', ',', '_']:
                                for prec in precisions:
                                    for t in types:
                                        yield (align + sign + z + alt + zero +
                                               width + group + prec + t)


def gen_grids():
    grid = list(spec_grid(FLOAT_TYPES, ['', '.0', '.3']))
    for x in [0.0, -0.0, 1234.5678, -0.000123, 1e20, 1.5, float('inf'), float('nan')]:
        for s in grid:
            try:
                r = format(x, s)
            except Exception as e:
                r = err(e)
            w('F\t%s\t%s\t%s\n' % (bits(x), hx(s), hx(r)))
    grid = list(spec_grid(INT_TYPES, ['', '.2']))
    for v in [0, 7, -1234567, 255, 2 ** 70, -1]:
        for s in grid:
            try:
                r = format(v, s)
            except Exception as e:
                r = err(e)
            w('I\t%s\t%s\tint\t%s\n' % (int_fields(v), hx(s), hx(r)))
    for t in ['', 'abc', 'héllo wörld!']:
        for s in spec_grid(['', 's'], ['', '.0', '.2']):
            try:
                r = format(t, s)
            except Exception as e:
                r = err(e)
            w('S\t%s\t%s\t%s\n' % (hx(t), hx(s), hx(r)))


def gen_float_format(rng, vals, per_value):
    for x in vals:
        specs = [random_spec(rng, FLOAT_TYPES) for _ in range(per_value)]
        if rng.random() < 0.05:
            specs += BAD_SPECS
        for s in specs:
            try:
                r = format(x, s)
            except Exception as e:
                r = err(e)
            w('F\t%s\t%s\t%s\n' % (bits(x), hx(s), hx(r)))
    # big precisions are exact
    for x in [1e300, 0.1, 5e-324, 1.7976931348623157e308, -2.5, 1 / 3]:
        for s in ['.400f', '.1100f', '.350e', '.800g', '#.500g', '.760', ',.330f']:
            w('F\t%s\t%s\t%s\n' % (bits(x), hx(s), hx(format(x, s))))


def int_fields(v):
    m = abs(v)
    return '%d\t%x\t%o\t%s\t%d' % (m, m, m, bin(m)[2:], v < 0)


def gen_int_format(rng, n):
    ints = [0, 1, -1, 7, 10, 65, 255, -255, 1000, 1234, 1234567, -1234567,
            2 ** 31, 2 ** 63, 2 ** 63 - 1, -2 ** 63, -2 ** 63 - 1, 2 ** 64 - 1, 0x10ffff, 0x110000, -5, 10 ** 30,
            -(10 ** 40) + 7, 2 ** 200, 10 ** 400, 2 ** 1100]
    while len(ints) < n:
        ints.append(rng.choice([1, -1]) * rng.getrandbits(rng.randint(1, 300)))
    for v in ints:
        specs = [random_spec(rng, INT_TYPES) for _ in range(25)]
        if rng.random() < 0.2:
            specs += BAD_SPECS
        for s in specs:
            for obj, tname in ((v, 'int'),) + (((True, 'bool'),) if v == 1 and s and rng.random() < 0.3 else ()):
                try:
                    r = format(obj, s)
                except Exception as e:
                    r = err(e)
                w('I\t%s\t%s\t%s\t%s\n' % (int_fields(v), hx(s), tname, hx(r)))


def gen_str_format(rng):
    strs = ['', 'a', 'abc', 'héllo', '€uro', 'x' * 30, '\U0001f600ab', 'tab\there']
    for t in strs:
        specs = [random_spec(rng, ['', 's']) for _ in range(80)] + BAD_SPECS
        for s in specs:
            try:
                r = format(t, s)
            except Exception as e:
                r = err(e)
            w('S\t%s\t%s\t%s\n' % (hx(t), hx(s), hx(r)))


def gen_printf(rng, vals):
    def flagsets():
        return ''.join(rng.sample('-+ #0', rng.randint(0, 3)))
    ints = [0, 1, -1, 7, 255, -255, 12345, 10 ** 25, -(2 ** 100)]
    for v in ints:
        for conv in 'diuoxX':
            for _ in range(30):
                fl = flagsets()
                wd = rng.choice([-1, -1, 0, 1, 5, 12, 40])
                pr = rng.choice([-1, -1, 0, 1, 3, 8, 30])
                f = '%' + fl + (str(wd) if wd >= 0 else '') + ('.%d' % pr if pr >= 0 else '') + conv
                w('P\t%s\t%s\t%d\t%d\tI%s\t%s\n' % (conv, hx(fl), wd, pr,
                  int_fields(v).replace('\t', ','), hx(f % v)))
    for x in vals[:3000]:
        for conv in 'eEfFgG':
            fl = flagsets()
            wd = rng.choice([-1, -1, 0, 5, 12, 30])
            pr = rng.choice([-1, -1, 0, 1, 3, 6, 17, 25])
            f = '%' + fl + (str(wd) if wd >= 0 else '') + ('.%d' % pr if pr >= 0 else '') + conv
            w('P\t%s\t%s\t%d\t%d\tF%s\t%s\n' % (conv, hx(fl), wd, pr, bits(x), hx(f % x)))
    for cp in [65, 0x20ac, 0x1f600, 0, 0x10ffff, 0x110000, -1]:
        for fl in ['', '-', '0', '#', '+']:
            for wd in [-1, 0, 3]:
                f = '%' + fl + (str(wd) if wd >= 0 else '') + 'c'
                try:
                    r = f % cp
                except Exception as e:
                    r = err(e)
                w('P\tc\t%s\t%d\t-1\tI%d\t%s\n' % (hx(fl), wd, cp, hx(r)))
    for t in ['', 'abc', 'héllo wörld', '\U0001f600x']:
        for fl in ['', '-']:
            for wd in [-1, 0, 4, 15]:
                for pr in [-1, 0, 2, 5]:
                    f = '%' + fl + (str(wd) if wd >= 0 else '') + ('.%d' % pr if pr >= 0 else '') + 's'
                    w('P\ts\t%s\t%d\t%d\tS%s\t%s\n' % (hx(fl), wd, pr, hx(t), hx(f % t)))


def gen_round(rng, vals):
    nds = [0, 1, 2, 3, 5, 10, 15, 16, 17, 20, 300, 322, 323, 324, 400, 10 ** 6,
           -1, -2, -3, -5, -10, -15, -20, -100, -307, -308, -309, -400, -10 ** 6]
    for x in vals:
        for nd in rng.sample(nds, 6):
            try:
                r = bits(round(x, nd))
            except Exception as e:
                r = err(e)
            w('D\t%s\t%d\t%s\n' % (bits(x), nd, r))
    # decimal halfway cases, near ties after scaling
    for _ in range(20000):
        nd = rng.randint(-8, 8)
        x = float('%d5e%d' % (rng.randrange(10 ** rng.randint(0, 8)), -nd - 1)) * rng.choice([1, -1])
        try:
            r = bits(round(x, nd))
        except Exception as e:
            r = err(e)
        w('D\t%s\t%d\t%s\n' % (bits(x), nd, r))


def parse_strings(rng):
    fixed = ['1_0', '1__0', '_1', '1_', '1_0.5', '1._5', '1_.5', '1e1_0', '1e_1', '1_e1',
             ' 1 ', '\t1\n', '\x0b1\x0c', '\x1c1', '1\x1f', '-inf', '+Infinity', 'infinit',
             '-nan', '+NaN', 'nAn', '.5', '5.', '.', 'e5', '1e', '1e+', '0x1p0', '1.5E-3',
             '', '  ', '1 2', '0_0', '00', '0001.5', '1e-400', '1e400', '-0', 'infinity_',
             '1_000_000e-1_0', 'nan(1)', 'INF ', ' -1.5e+3 ', '1\x00', 'é1', '1€', "it's",
             'say "hi"', '\'"', 'back\\slash', '\x7f', '\U0001f600', '+-1', '--1', '+',
             '-', '1e+-5', '1.2.3', '1e5.0', 'iNfInItY', '-iNF', 'in f', 'na n', '0e0',
             '4.9406564584124654e-324', '2.4703282292062327e-324', '2.4703282292062328e-324',
             '1.7976931348623158e308', '1.7976931348623159e308', '9' * 400, '0.' + '0' * 400 + '1',
             '1' + '_1' * 50, '1.' + '5' * 30 + 'e-20', '0' * 100 + '1', '1e' + '9' * 30,
             '1e-' + '9' * 30, '.e1', '1.e1', '.1e1', '\r\n 7 \r\n', '\n']
    for s in fixed:
        yield s
    alphabet = '0123456789._eE+- '
    for _ in range(20000):
        yield ''.join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
    for _ in range(20000):
        yield repr(rng.uniform(-1e10, 1e10) * 10.0 ** rng.randint(-300, 300))
    for _ in range(5000):
        digits = str(rng.getrandbits(rng.randint(1, 200)))
        yield digits[:5] + '.' + digits[5:] + 'e%d' % rng.randint(-400, 400)


def midpoint_strings(rng, n):
    """Exact decimal midpoints between neighbouring doubles (subnormal and
    normal), and one unit above and below in the last digit: the hardest
    inputs for correct rounding."""
    from decimal import Decimal, localcontext
    from fractions import Fraction
    for _ in range(n):
        b = rng.getrandbits(52) if rng.random() < 0.5 else rng.getrandbits(63)
        if b >> 52 >= 0x7fe:
            continue
        lo, hi = frombits(b), frombits(b + 1)
        mid = (Fraction(lo) + Fraction(hi)) / 2
        with localcontext() as ctx:
            ctx.prec = 1200
            s = format(Decimal(mid.numerator) / Decimal(mid.denominator), 'e')
        mant, exp = s.split('e')
        yield s
        yield mant + '1e' + exp
        last = int(mant[-1])
        if last:
            yield mant[:-1] + str(last - 1) + 'e' + exp


def gen_parse(rng):
    for s in list(parse_strings(rng)) + list(midpoint_strings(rng, 3000)):
        try:
            r = bits(float(s))
        except Exception as e:
            r = err(e)
        w('V\t%s\t%s\n' % (hx(s), r))


def gen_hex(rng, vals):
    for x in vals:
        w('H\t%s\t%s\n' % (bits(x), x.hex()))
        h = x.hex()
        w('X\t%s\t%s\n' % (hx(h), bits(float.fromhex(h))))
    fixed = ['0x1p0', '1p0', '0x.8', '0X1.8P+1', '  0x1p-1074 ', '0x1p-1075', '0x1.8p-1075',
             '0x1p1024', '0x1.fffffffffffff8p1023', '0x1.fffffffffffff7ffp1023', 'inf',
             '-Infinity', 'nan', '-nan', '0x', '0xp1', '0x1p', '0x1p+', 'x1', '0x1.', '0x.', '.p1',
             '1_0', '0x1p99999999999999999999', '0x0p99999999999999999999',
             '0x0.0000000000000000000001p-99999999999999999999', '0x1p-99999999999999999999',
             '0x1.00000000000008p0', '0x1.00000000000018p0', '0x1.000000000000080000001p0',
             '-0x0p0', '0x10000000000000000000000000000000000000000000000000000p-100', '',
             '0x1p+1 x', '1e1', '0x1e', '0x1P-1022', '0x.0000000000001p-1022',
             '0x0.00000000000008p-1022', '0x0.000000000000081p-1022', '0x0.00000000000018p-1022',
             ' \t-0x1.8p3\n', '0x1p-1', '+0x1p+1', '0x1 p1', '0x1p 1', '0xg', 'infx', '0x1.8p1.5',
             '0x' + '0' * 500 + '1p0', '0x1' + '0' * 300 + 'p-1200', '0x.' + '0' * 300 + '1p1200',
             '0x1p1023', '0x1.fffffffffffffp1023', '0x0.8p-1073', '0x0.8000001p-1073',
             '0x1.0000000000001p0', '0x1.00000000000007ffffffp0', '0x3p-1076', '0x5p-1076']
    for _ in range(5000):
        m = '%x' % rng.getrandbits(rng.randint(1, 80))
        dot = rng.randint(0, len(m))
        fixed.append('0x' + m[:dot] + '.' + m[dot:] + 'p%d' % rng.randint(-1200, 1100))
    for s in fixed:
        try:
            r = bits(float.fromhex(s))
        except Exception as e:
            r = err(e)
        w('X\t%s\t%s\n' % (hx(s), r))


def main():
    nrepr = 1000000
    seed = 20261124
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == '--repr':
            nrepr = int(args.pop(0))
        elif a == '--seed':
            seed = int(args.pop(0))
    rng = random.Random(seed)
    vals = interesting_doubles(rng, 8000)
    gen_repr(rng, nrepr)
    gen_grids()
    gen_float_format(rng, vals, 12)
    gen_int_format(rng, 600)
    gen_str_format(rng)
    gen_printf(rng, vals)
    gen_round(rng, vals)
    gen_parse(rng)
    gen_hex(rng, vals)


if __name__ == '__main__':
    main()
