"""Test cases for pystm's big-int layer (interp/objects/bigint*.c), with
the expected results computed here by CPython 3.11 at test time.

Writes one case per line on stdout, tab-separated: op, arguments, expected
(encodings in bigint_test.c).  Random operands of many sizes and shapes
(0..3 limbs, word boundaries, long runs of 0/1 bits, thousands of
digits), plus hand-made edge cases.  Usage:
    python3 gen_cases.py [--seed N] [--scale X] | bigint_test
"""
import math
import random
import struct
import sys

SPECIAL = [0, 1, 2, 3, 10, 2**31, 2**32 - 1, 2**32, 2**53 - 1, 2**53,
           2**53 + 1, 2**62, 2**63 - 1, 2**63, 2**63 + 1, 2**64 - 1, 2**64,
           2**64 + 1, 2**65, 2**127, 2**128 - 1, 2**128, 2**128 + 1,
           2**192 - 1, 10**19, 10**20, 10**38, 2**1023, 2**1024,
           2**1024 - 2**970, 2**1024 - 2**970 - 1, 2**1024 - 2**971]


def enc_int(x):
    return format(x, 'x')


def enc_float(d):
    return 'x%016x' % struct.unpack('<Q', struct.pack('<d', d))[0]


def enc_bytes(b):
    return 's' + b.hex()


def enc_str(s):
    return enc_bytes(s.encode('utf-8', 'surrogatepass'))


def enc_err(e):
    return 'E%s:%s' % (type(e).__name__, e)


class Gen:
    def __init__(self, seed, scale):
        self.r = random.Random(seed)
        self.scale = scale
        self.out = []

    def case(self, op, *args_and_expected):
        self.out.append('\t'.join((op,) + args_and_expected))

    # ---- operands ----

    def nbits(self):
        r = self.r
        k = r.random()
        if k < 0.30:
            return r.randint(1, 64)
        if k < 0.55:
            return r.randint(65, 200)
        if k < 0.85:
            return r.randint(200, 3000)
        return r.randint(3000, 20000)

    def mag(self, bits=None):
        r = self.r
        if bits is None:
            bits = self.nbits()
        kind = r.random()
        if kind < 0.12:
            return r.choice(SPECIAL)
        if kind < 0.2:
            # a power of two, plus or minus a little
            return max(0, 2**r.randint(0, bits) + r.randint(-2, 2))
        if kind < 0.4:
            # long runs of ones and zeros: carries and borrows across limbs
            x, n = 0, 0
            while n < bits:
                run = r.randint(1, 150)
                x = (x << run) | (((1 << run) - 1) if r.random() < 0.5 else 0)
                n += run
            return x >> (n - bits) if n > bits else x
        return r.getrandbits(bits) | (1 << (bits - 1))

    def num(self, bits=None):
        x = self.mag(bits)
        return -x if self.r.random() < 0.5 else x

    def count(self, n):
        return max(1, int(n * self.scale))

    # ---- arithmetic ----

    def arith(self):
        ops = {
            'add': lambda a, b: a + b,
            'sub': lambda a, b: a - b,
            'mul': lambda a, b: a * b,
            'floordiv': lambda a, b: a // b,
            'mod': lambda a, b: a % b,
            'divmod': lambda a, b: '%s,%s' % tuple(map(enc_int, divmod(a, b))),
            'and': lambda a, b: a & b,
            'or': lambda a, b: a | b,
            'xor': lambda a, b: a ^ b,
            'cmp': lambda a, b: (a > b) - (a < b),
            'gcd': lambda a, b: math.gcd(a, b),
        }
        for op, f in ops.items():
            for i in range(self.count(2500)):
                a = self.num()
                if op in ('floordiv', 'mod', 'divmod') and i % 3 == 0:
                    # divisor smaller than the dividend, often by a little
                    b = self.num(max(1, abs(a).bit_length() -
                                     self.r.randint(0, 130)))
                elif op == 'cmp' and i % 3 == 0:
                    b = a + self.r.choice([0, 1, -1])
                else:
                    b = self.num()
                if i % 50 == 0:
                    b = 0
                self.expect(op, f, a, b)
        for i in range(self.count(500)):
            a = self.num()
            self.expect('sqr', lambda a: a * a, a)
        for op, f in (('neg', lambda a: -a), ('abs', abs),
                      ('invert', lambda a: ~a),
                      ('bit_length', lambda a: a.bit_length()),
                      ('bit_count', lambda a: a.bit_count()),
                      ('hash', hash), ('isqrt', math.isqrt)):
            for i in range(self.count(1500)):
                x = self.num()
                self.expect(op, f, abs(x) if op == 'isqrt' and i % 5 else x)
        for x in SPECIAL:
            for y in (x, -x, x - 1, -x + 1):
                self.expect('hash', hash, y)
                self.expect('isqrt', math.isqrt, y)
        self.expect('hash', hash, -1)
        self.expect('hash', hash, 2**61 - 1)
        self.expect('hash', hash, -(2**61 - 1))
        self.expect('hash', hash, 2**61 - 2)

    def expect(self, op, f, *args):
        try:
            res = f(*args)
            exp = res if isinstance(res, str) else enc_int(res)
        except Exception as e:
            exp = enc_err(e)
        self.case(op, *map(enc_int, args), exp)

    def huge(self):
        """Operands of 10**4..10**5 digits: GMP's subquadratic paths
        (Toom/FFT multiplication, divide-and-conquer division, half-gcd,
        fast radix conversion)."""
        r = self.r
        for i in range(self.count(12)):
            bits = r.choice([40000, 100000, 300000])
            a, b = self.num(bits), self.num(bits // r.choice([1, 2, 3]))
            self.expect('mul', lambda a, b: a * b, a, b)
            self.expect('divmod', lambda a, b: '%s,%s' % tuple(
                map(enc_int, divmod(a, b))), a * r.choice([1, b]) + 1, b)
            self.expect('truediv', lambda a, b: enc_float(a / b), a, b)
            if bits <= 100000:
                self.expect('gcd', math.gcd, a * b, b * 12345)
                self.expect('isqrt', math.isqrt, abs(a))
                base = r.choice([10, 10, 7, 16])
                exp = enc_str(self.in_base(a, base))
                self.case('to_str', enc_int(a), enc_int(base), enc_int(0),
                          exp)
                self.from_str_case(self.in_base(a, base), base, 0)

    def shifts(self):
        r = self.r
        for i in range(self.count(3000)):
            a = self.num()
            n = r.choice([0, 1, 63, 64, 65, 127, 128, 129, r.randint(0, 300),
                          r.randint(0, 5000),
                          abs(a).bit_length() + r.randint(-3, 3)])
            n = max(n, 0)
            if i % 2:
                self.expect('rshift', lambda a, n: a >> n, a, n)
            else:
                self.expect('lshift', lambda a, n: a << n, a, n)
        for a in (0, 1, -1, 5, -5, 2**64, -(2**64), -(2**64) - 1):
            for n in (2**40, 2**63 - 1, 2**63, 2**64 - 1):
                self.expect('rshift', lambda a, n: a >> n, a, n)
            self.case('lshift', enc_int(a), enc_int(2**64 - 1),
                      enc_int(0) if a == 0 else 'EMemoryError:')

    def powers(self):
        r = self.r
        for i in range(self.count(1500)):
            a = self.num(r.randint(1, 300))
            b = r.randint(0, max(1, 20000 // max(1, abs(a).bit_length())))
            if i % 5 == 0:
                b = r.randint(0, 5)
            self.expect('pow', pow, a, b)
        for a in (0, 1, -1):
            for b in (0, 1, 2, 3, 2**64, 2**64 + 1, 2**200, 2**200 + 1):
                self.expect('pow', pow, a, b)
        # refused up front: CPython runs out of memory on these
        for a, b in ((2, 2**64), (3, 2**63), (-2, 2**70), (10**30, 2**60)):
            self.case('pow', enc_int(a), enc_int(b), 'EMemoryError:')
        for i in range(self.count(1500)):
            a = self.num(r.randint(1, 1500))
            b = self.num(r.choice([1, 5, 64, 200, 1000]))
            m = self.num(r.choice([1, 2, 3, 10, 64, 65, 200, 1000, 2000]))
            if i % 4 == 0:
                b = abs(b)
            if i % 7 == 0:
                # an even or tiny modulus, and shared factors
                m = r.choice([1, -1, 2, -2, 4, 6, 2**64, -(2**64), 12, 0])
            if i % 11 == 0:
                a = a * m
            self.expect('powmod', pow, a, b, m)
        for a in (0, 1, 2, -3, 4):
            for b in (0, -1, 1, -2):
                for m in (0, 1, -1, 2, 5, -5, 7):
                    self.expect('powmod', pow, a, b, m)

    # ---- machine numbers ----

    def machine(self):
        r = self.r
        edges = [0, 1, -1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1,
                 2**64 - 1, 2**64, -(2**64), 2**100]
        for x in edges + [self.num() for _ in range(self.count(1000))]:
            exp = enc_int(x) if -2**63 <= x < 2**63 else \
                'EOverflowError:Python int too large to convert to C long'
            self.case('to_int64', enc_int(x), exp)
            if x < 0:
                exp = "EOverflowError:can't convert negative int to unsigned"
            elif x >= 2**64:
                exp = 'EOverflowError:Python int too large to convert to C long'
            else:
                exp = enc_int(x)
            self.case('to_uint64', enc_int(x), exp)

        def rnd_double():
            k = r.random()
            if k < 0.4:
                bits = r.getrandbits(64)
                d = struct.unpack('<d', struct.pack('<Q', bits))[0]
                return d if math.isfinite(d) else 1.5
            if k < 0.7:
                return r.uniform(-1e20, 1e20)
            return r.choice([0.0, -0.0, 0.5, -0.5, 0.99, 1.0, -1.0, 1.5,
                             2.0**52 + 0.5, 2.0**53, 2.0**63, -2.0**63,
                             2.0**64, 1e308, -1.7976931348623157e308,
                             5e-324, 123456.789])
        for i in range(self.count(3000)):
            d = rnd_double()
            self.case('from_double', enc_float(d), enc_int(int(d)))

        def to_double_case(x):
            try:
                exp = enc_float(float(x))
            except Exception as e:
                exp = enc_err(e)
            self.case('to_double', enc_int(x), exp)
        for i in range(self.count(3000)):
            x = self.num()
            if i % 2:
                # exactly halfway (and next to it) between two doubles
                m = r.getrandbits(54) | (1 << 53)
                k = r.choice([0, 1, 10, 64, r.randint(0, 1000), 970, 971])
                x = (m << k) + r.choice([0, 0, 1, -1]) * (k > 0)
                x = -x if r.random() < 0.5 else x
            to_double_case(x)
        for x in SPECIAL:
            to_double_case(x)
            to_double_case(-x)

        for i in range(self.count(3000)):
            # int == float exactly: near-equal pairs, fractions, huge
            x = rnd_double()
            k = i % 4
            if k == 0 and abs(x) < 1e300:
                a = int(x) + r.choice([-1, 0, 0, 1])
            elif k == 1:
                a = self.num()
                try:
                    x = float(a)
                except OverflowError:
                    x = r.choice([1e308, -1e308])
            else:
                a = self.num(r.randint(1, 1100))
            self.case('cmp_double', enc_int(a), enc_float(x),
                      enc_int((a > x) - (a < x)))

        def truediv_case(a, b):
            try:
                exp = enc_float(a / b)
            except Exception as e:
                exp = enc_err(e)
            self.case('truediv', enc_int(a), enc_int(b), exp)
        for i in range(self.count(5000)):
            a, b = self.num(), self.num()
            k = i % 5
            if k == 1:
                # quotient near the overflow or underflow boundary
                e = r.choice([1020, 1023, 1024, 1025, -1020, -1022, -1060,
                              -1074, -1075, -1076, -1080])
                b = self.num(r.randint(1, 2000))
                a = (b << e) if e >= 0 else (b >> -e)
                a += r.randint(-3, 3)
            elif k == 2:
                # exact halfway quotients: (2m+1) * 2**j / 2**k
                a = (2 * r.getrandbits(53) + 1) << r.randint(0, 200)
                b = 1 << r.randint(0, 300)
            elif k == 3:
                b = self.num(r.randint(1, 80))
                a = self.num(r.randint(1, 80))
            if i % 97 == 0:
                b = 0
            truediv_case(a, b)
        truediv_case(10**400, 10**399)
        truediv_case(0, -5)
        truediv_case(-1, 10**400)
        truediv_case(2**1024, 1)
        truediv_case(2**1024 - 2**970, 1)
        truediv_case(2**1024 - 2**970 - 1, 1)
        truediv_case(1, 2**1074)
        truediv_case(1, 2**1075)
        truediv_case(3, 2**1076)

    # ---- bytes ----

    def bytes_(self):
        r = self.r
        for i in range(self.count(3000)):
            x = self.num(r.choice([1, 7, 8, 9, 16, 63, 64, 65, 100,
                                   r.randint(1, 2000)]))
            need = (x.bit_length() + 8) // 8
            length = max(0, need + r.randint(-2, 2))
            little = r.random() < 0.5
            sgn = r.random() < 0.6
            try:
                exp = enc_bytes(x.to_bytes(length, 'little' if little else
                                           'big', signed=sgn))
            except Exception as e:
                exp = enc_err(e)
            self.case('to_bytes', enc_int(x), enc_int(length),
                      enc_int(little), enc_int(sgn), exp)
        for x in (0, -1, 127, 128, -128, -129, 255, 256, -256, 2**63,
                  -(2**63), 2**64 - 1, -(2**64)):
            for length in (0, 1, 2, 8, 9):
                for sgn in (0, 1):
                    try:
                        exp = enc_bytes(x.to_bytes(length, 'big', signed=sgn))
                    except Exception as e:
                        exp = enc_err(e)
                    self.case('to_bytes', enc_int(x), enc_int(length),
                              enc_int(0), enc_int(sgn), exp)
        for i in range(self.count(3000)):
            n = r.choice([0, 1, 2, 7, 8, 9, 15, 16, 17, r.randint(0, 300)])
            b = bytes(r.getrandbits(8) for _ in range(n))
            if n and r.random() < 0.3:
                b = bytes([r.choice([0, 0x80, 0xff, 0x7f])]) + b[1:]
            little = r.random() < 0.5
            sgn = r.random() < 0.5
            x = int.from_bytes(b, 'little' if little else 'big', signed=sgn)
            self.case('from_bytes', enc_bytes(b), enc_int(little),
                      enc_int(sgn), enc_int(x))

    # ---- text ----

    @staticmethod
    def in_base(x, base):
        if base == 10:
            return str(x)
        if base in (2, 8, 16):
            return format(x, {2: 'b', 8: 'o', 16: 'x'}[base])
        digits = '0123456789abcdefghijklmnopqrstuvwxyz'
        neg, x = x < 0, abs(x)

        def conv(x, ndig):
            # x < base**ndig, exactly ndig digits (divide and conquer)
            if ndig <= 20:
                s = []
                for _ in range(ndig):
                    x, d = divmod(x, base)
                    s.append(digits[d])
                return ''.join(reversed(s))
            h = ndig // 2
            hi, lo = divmod(x, base**h)
            return conv(hi, ndig - h) + conv(lo, h)
        n = 1
        while base**n <= x:
            n *= 2
        s = conv(x, n).lstrip('0') or '0'
        return '-' + s if neg else s

    def to_str(self):
        r = self.r
        for i in range(self.count(3000)):
            x = self.num()
            base = r.choice([2, 8, 10, 10, 10, 16, r.randint(2, 36)])
            limit = r.choice([0, 4300, 4300, 640, 1000, 100000])
            if base == 10:
                sys.set_int_max_str_digits(limit)
                try:
                    exp = enc_str(str(x))
                except Exception as e:
                    exp = enc_err(e)
                sys.set_int_max_str_digits(0)
            else:
                exp = enc_str(self.in_base(x, base))
            self.case('to_str', enc_int(x), enc_int(base), enc_int(limit),
                      exp)
        # around the default limit
        for nd in (640, 641, 4299, 4300, 4301, 5000, 20000):
            for x in (10**(nd - 1), 10**nd - 1, -(10**nd - 1)):
                for limit in (4300, 640, 5000):
                    sys.set_int_max_str_digits(limit)
                    try:
                        exp = enc_str(str(x))
                    except Exception as e:
                        exp = enc_err(e)
                    sys.set_int_max_str_digits(0)
                    self.case('to_str', enc_int(x), enc_int(10),
                              enc_int(limit), exp)

    def from_str_case(self, s, base, limit):
        sys.set_int_max_str_digits(limit)
        try:
            exp = enc_int(int(s, base))
        except Exception as e:
            exp = enc_err(e)
        sys.set_int_max_str_digits(0)
        self.case('from_str', enc_str(s), enc_int(base), enc_int(limit), exp)

    def from_str(self):
        r = self.r
        noise = [' ', '\t', '\n', '\x0b', '\x0c', '\r', '_', '__', '+', '-',
                 '0', '0x', '0X', '0o', '0b', '0B', 'x', 'z', 'Z', '.', 'e',
                 '\x00', "'", '"', '\\', 'é', '٣', '\u2003', '\u00a0',
                 '\U0001d7d9', '\ud800', '\x7f', '\x85', '\u200b', '1', '9',
                 'a', 'F', '\x1c', '\x1f', '\u3000', '\u2028']
        for i in range(self.count(8000)):
            base = r.choice([0, 0, 2, 8, 10, 10, 10, 16, r.randint(2, 36)])
            if i % 200 == 0:
                base = r.choice([1, 37, -1, 100])
            x = self.num(r.choice([1, 10, 64, 100, r.randint(1, 3000)]))
            b = base if 2 <= base <= 36 else r.choice([2, 8, 10, 16])
            digits = self.in_base(abs(x), b)
            if r.random() < 0.3:
                digits = digits.upper()
            if r.random() < 0.3:
                # PEP 515 underscores between digits
                digits = '_'.join(digits[j:j + r.randint(1, 5)]
                                  for j in range(0, len(digits), 5))
            prefix = ''
            if (base == 0 and b != 10) or (base in (2, 8, 16) and
                                           r.random() < 0.3):
                prefix = {2: '0b', 8: '0o', 16: '0x'}[b]
                if r.random() < 0.3:
                    prefix = prefix.upper()
                if r.random() < 0.2:
                    prefix += '_'
            sign = r.choice(['', '', '-', '+'])
            s = (r.choice(['', ' ', ' \t\n', '\u2003']) + sign + prefix +
                 digits + r.choice(['', ' ', '\n ', '\u00a0']))
            if r.random() < 0.35:
                # break it somewhere
                for _ in range(r.randint(1, 2)):
                    j = r.randint(0, len(s))
                    s = s[:j] + r.choice(noise) + s[j + r.randint(0, 1):]
            if r.random() < 0.05:
                s = '0' * r.randint(1, 3) + s.strip()
            self.from_str_case(s, base, r.choice([0, 4300, 4300, 640]))
        # digit-count limit, leading zeros, base-0 zero rules, long reprs
        for s in ('1' * 4300, '1' * 4301, '1' * 5000 + 'x', '1__1' * 3000,
                  '0' * 5000 + '1', '0' * 4299 + '1', ' ' + '9' * 4301 + ' ',
                  '1_' * 4300 + '1', 'f' * 10000, 'a' * 300, 'é' * 300,
                  '0', '00', '0_0', '0_7', '010', '0x', '0x_', '0x__1',
                  '_1', '1_', '', ' ', '+', '-', '--1', '+-1', '0b1', '0o7',
                  '0x1f', '0X1F', '0b', '1 2', '\x001', "a'b", 'a"b', 'a\'"',
                  '٣', '١٢٣', '\u2003 12 \u2003', '1\u200b', '\ud800'):
            for base in (0, 10, 16, 2, 36):
                for limit in (4300, 0, 640):
                    self.from_str_case(s, base, limit)


def main():
    seed = 20261124
    scale = 1.0
    args = sys.argv[1:]
    while args:
        if args[0] == '--seed':
            seed = int(args[1])
            args = args[2:]
        elif args[0] == '--scale':
            scale = float(args[1])
            args = args[2:]
        else:
            sys.exit('usage: gen_cases.py [--seed N] [--scale X]')
    sys.set_int_max_str_digits(0)
    g = Gen(seed, scale)
    print('# seed %d' % seed)
    g.arith()
    g.huge()
    g.shifts()
    g.powers()
    g.machine()
    g.bytes_()
    g.to_str()
    g.from_str()
    sys.stdout.write('\n'.join(g.out) + '\n')


if __name__ == '__main__':
    main()
