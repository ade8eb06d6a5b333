/* Float <-> text: the shortest round-tripping digits behind repr(float),
   fixed/exponent/general formatting with a precision, round(x, n),
   float(str), float.hex() and float.fromhex(), all exact against
   CPython 3.11.

   Exactness rests on glibc where glibc is exact: printf("%.*e" /
   "%.*f") prints the exact, correctly rounded (ties to even on the
   binary value) decimal digits for any precision, and strtod() reads
   any decimal string correctly rounded.  Ours: the shortest digits
   (Grisu3 with a printf/strtod search behind it), CPython's layout
   rules, every syntax check (glibc accepts more than Python does), the
   decimal rounding of round() with negative ndigits, and fromhex's
   rounding (glibc 2.36 misrounds some hex subnormals).  LC_NUMERIC must
   stay "C", as in CPython.  See doc/pystm-numbers.md. */
#include "dtoa.h"
#include "format.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* shortest digits                                                      */

/* The n-significant-digit correctly rounded decimal of x > 0, in
   printf's "d.ddde+XX" form, into tmp; returns whether it reads back
   as x. */
static bool cr_reads_back(double x, int n, char *tmp, size_t size)
{
    snprintf(tmp, size, "%.*e", n - 1, x);
    return strtod(tmp, NULL) == x;
}

/* Splits printf's "d.ddde+XX" into bare digits and the exponent of the
   first digit. */
static int split_e(const char *tmp, char *digits, int *exp10)
{
    int n = 0;
    const char *p = tmp;
    for (; *p != 'e'; p++)
        if (*p != '.')
            digits[n++] = *p;
    *exp10 = atoi(p + 1);
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = 0;
    return n;
}

/* Adds one unit in the last place of an n-digit "d.ddde+XX" string,
   renormalizing 9.99 -> 1.00e+1.  Used where the round-trip interval is
   lopsided (see shortest_slow). */
static void bump_last_digit(char *tmp, size_t size)
{
    char *e = strchr(tmp, 'e');
    int exp10 = atoi(e + 1);
    char *p = e - 1;
    for (;; p--) {
        if (*p == '.')
            continue;
        if (*p != '9') {
            (*p)++;
            return;
        }
        *p = '0';
        if (p == tmp)
            break;
    }
    /* all nines: becomes 1.000...e(exp+1) */
    tmp[0] = '1';
    snprintf(e, size - (size_t)(e - tmp), "e%+03d", exp10 + 1);
}

/* Reference method, always right, slowish: try n = 1, 2, ... digits.
   For a significand that is not a power of two the round-trip interval
   is symmetric, so the correctly rounded n-digit decimal is the best
   n-digit candidate and "it reads back" is monotone in n: a search
   works.  At a power of two the interval below x is half the interval
   above, so the n-digit decimal just above x may read back when the
   nearer one below does not: try both, in increasing n. */
static int shortest_slow(double x, char *digits, int *decpt)
{
    char tmp[40];
    int exp10, n;
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    bool pow2 = (bits & ((1ull << 52) - 1)) == 0 && (bits >> 52) > 1;
    if (pow2) {
        for (n = 1; n < 17; n++) {
            if (cr_reads_back(x, n, tmp, sizeof tmp))
                goto found;
            if (strtod(tmp, NULL) < x) {
                bump_last_digit(tmp, sizeof tmp);
                if (strtod(tmp, NULL) == x)
                    goto found;
            }
        }
        cr_reads_back(x, 17, tmp, sizeof tmp);
        goto found;
    }
    /* most doubles need 16 or 17 digits: probe there first */
    if (!cr_reads_back(x, 16, tmp, sizeof tmp)) {
        cr_reads_back(x, 17, tmp, sizeof tmp);
        goto found;
    }
    int lo = 1, hi = 16; /* hi reads back */
    if (cr_reads_back(x, 15, tmp, sizeof tmp))
        hi = 15;
    else
        lo = 16;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (cr_reads_back(x, mid, tmp, sizeof tmp))
            hi = mid;
        else
            lo = mid + 1;
    }
    cr_reads_back(x, hi, tmp, sizeof tmp);
found:
    n = split_e(tmp, digits, &exp10);
    *decpt = exp10 + 1;
    return n;
}

/* Fast path: Grisu3 (Loitsch, "Printing floating-point numbers quickly
   and accurately with integers", PLDI 2010).  The boundaries of x's
   rounding interval are scaled by a cached power of ten into 64-bit
   fixed point (each scaled value within 1 unit of the truth), digits of
   the upper boundary are generated until a prefix falls inside the
   widened ("unsafe") interval -- the shortest length, since no shorter
   prefix fit even the widened interval -- then the last digit is walked
   down toward x.  Whenever the 1-unit uncertainty could change the
   answer (the candidate might be outside the true interval, or a lower
   candidate might be closer), it gives up and shortest_slow decides:
   about 0.5% of random doubles.  The table holds 10**k for k = -348,
   -340, ..., 340, significands rounded to nearest (generated by
   tests/python/format/gen_pow10.py; build.sh checks it). */
static const struct {
    uint64_t f;
    int16_t e;
} pow10_cache[] = {
    {0xfa8fd5a0081c0288ull, -1220}, /* 1e-348 */
    {0xbaaee17fa23ebf76ull, -1193}, /* 1e-340 */
    {0x8b16fb203055ac76ull, -1166}, /* 1e-332 */
    {0xcf42894a5dce35eaull, -1140}, /* 1e-324 */
    {0x9a6bb0aa55653b2dull, -1113}, /* 1e-316 */
    {0xe61acf033d1a45dfull, -1087}, /* 1e-308 */
    {0xab70fe17c79ac6caull, -1060}, /* 1e-300 */
    {0xff77b1fcbebcdc4full, -1034}, /* 1e-292 */
    {0xbe5691ef416bd60cull, -1007}, /* 1e-284 */
    {0x8dd01fad907ffc3cull, -980},  /* 1e-276 */
    {0xd3515c2831559a83ull, -954},  /* 1e-268 */
    {0x9d71ac8fada6c9b5ull, -927},  /* 1e-260 */
    {0xea9c227723ee8bcbull, -901},  /* 1e-252 */
    {0xaecc49914078536dull, -874},  /* 1e-244 */
    {0x823c12795db6ce57ull, -847},  /* 1e-236 */
    {0xc21094364dfb5637ull, -821},  /* 1e-228 */
    {0x9096ea6f3848984full, -794},  /* 1e-220 */
    {0xd77485cb25823ac7ull, -768},  /* 1e-212 */
    {0xa086cfcd97bf97f4ull, -741},  /* 1e-204 */
    {0xef340a98172aace5ull, -715},  /* 1e-196 */
    {0xb23867fb2a35b28eull, -688},  /* 1e-188 */
    {0x84c8d4dfd2c63f3bull, -661},  /* 1e-180 */
    {0xc5dd44271ad3cdbaull, -635},  /* 1e-172 */
    {0x936b9fcebb25c996ull, -608},  /* 1e-164 */
    {0xdbac6c247d62a584ull, -582},  /* 1e-156 */
    {0xa3ab66580d5fdaf6ull, -555},  /* 1e-148 */
    {0xf3e2f893dec3f126ull, -529},  /* 1e-140 */
    {0xb5b5ada8aaff80b8ull, -502},  /* 1e-132 */
    {0x87625f056c7c4a8bull, -475},  /* 1e-124 */
    {0xc9bcff6034c13053ull, -449},  /* 1e-116 */
    {0x964e858c91ba2655ull, -422},  /* 1e-108 */
    {0xdff9772470297ebdull, -396},  /* 1e-100 */
    {0xa6dfbd9fb8e5b88full, -369},  /* 1e-92 */
    {0xf8a95fcf88747d94ull, -343},  /* 1e-84 */
    {0xb94470938fa89bcfull, -316},  /* 1e-76 */
    {0x8a08f0f8bf0f156bull, -289},  /* 1e-68 */
    {0xcdb02555653131b6ull, -263},  /* 1e-60 */
    {0x993fe2c6d07b7facull, -236},  /* 1e-52 */
    {0xe45c10c42a2b3b06ull, -210},  /* 1e-44 */
    {0xaa242499697392d3ull, -183},  /* 1e-36 */
    {0xfd87b5f28300ca0eull, -157},  /* 1e-28 */
    {0xbce5086492111aebull, -130},  /* 1e-20 */
    {0x8cbccc096f5088ccull, -103},  /* 1e-12 */
    {0xd1b71758e219652cull, -77},   /* 1e-4 */
    {0x9c40000000000000ull, -50},   /* 1e4 */
    {0xe8d4a51000000000ull, -24},   /* 1e12 */
    {0xad78ebc5ac620000ull, 3},     /* 1e20 */
    {0x813f3978f8940984ull, 30},    /* 1e28 */
    {0xc097ce7bc90715b3ull, 56},    /* 1e36 */
    {0x8f7e32ce7bea5c70ull, 83},    /* 1e44 */
    {0xd5d238a4abe98068ull, 109},   /* 1e52 */
    {0x9f4f2726179a2245ull, 136},   /* 1e60 */
    {0xed63a231d4c4fb27ull, 162},   /* 1e68 */
    {0xb0de65388cc8ada8ull, 189},   /* 1e76 */
    {0x83c7088e1aab65dbull, 216},   /* 1e84 */
    {0xc45d1df942711d9aull, 242},   /* 1e92 */
    {0x924d692ca61be758ull, 269},   /* 1e100 */
    {0xda01ee641a708deaull, 295},   /* 1e108 */
    {0xa26da3999aef774aull, 322},   /* 1e116 */
    {0xf209787bb47d6b85ull, 348},   /* 1e124 */
    {0xb454e4a179dd1877ull, 375},   /* 1e132 */
    {0x865b86925b9bc5c2ull, 402},   /* 1e140 */
    {0xc83553c5c8965d3dull, 428},   /* 1e148 */
    {0x952ab45cfa97a0b3ull, 455},   /* 1e156 */
    {0xde469fbd99a05fe3ull, 481},   /* 1e164 */
    {0xa59bc234db398c25ull, 508},   /* 1e172 */
    {0xf6c69a72a3989f5cull, 534},   /* 1e180 */
    {0xb7dcbf5354e9beceull, 561},   /* 1e188 */
    {0x88fcf317f22241e2ull, 588},   /* 1e196 */
    {0xcc20ce9bd35c78a5ull, 614},   /* 1e204 */
    {0x98165af37b2153dfull, 641},   /* 1e212 */
    {0xe2a0b5dc971f303aull, 667},   /* 1e220 */
    {0xa8d9d1535ce3b396ull, 694},   /* 1e228 */
    {0xfb9b7cd9a4a7443cull, 720},   /* 1e236 */
    {0xbb764c4ca7a44410ull, 747},   /* 1e244 */
    {0x8bab8eefb6409c1aull, 774},   /* 1e252 */
    {0xd01fef10a657842cull, 800},   /* 1e260 */
    {0x9b10a4e5e9913129ull, 827},   /* 1e268 */
    {0xe7109bfba19c0c9dull, 853},   /* 1e276 */
    {0xac2820d9623bf429ull, 880},   /* 1e284 */
    {0x80444b5e7aa7cf85ull, 907},   /* 1e292 */
    {0xbf21e44003acdd2dull, 933},   /* 1e300 */
    {0x8e679c2f5e44ff8full, 960},   /* 1e308 */
    {0xd433179d9c8cb841ull, 986},   /* 1e316 */
    {0x9e19db92b4e31ba9ull, 1013},  /* 1e324 */
    {0xeb96bf6ebadf77d9ull, 1039},  /* 1e332 */
    {0xaf87023b9bf0ee6bull, 1066},  /* 1e340 */
};
#define POW10_FIRST (-348)
#define POW10_STEP  8
/* the scaled values' binary exponent must land in [ALPHA, GAMMA] so that
   the integer part fits 32 bits and 10 * fraction fits 64 bits */
#define GRISU_ALPHA (-60)
#define GRISU_GAMMA (-32)

/* high half of a * b, rounded to nearest */
static uint64_t mul_round(uint64_t a, uint64_t b)
{
    unsigned __int128 p = (unsigned __int128)a * b;
    return (uint64_t)(p >> 64) + ((uint64_t)p >> 63);
}

/* All quantities are distances below too_high in units; the candidate
   is too_high - rest, the true x lies strictly between
   too_high - dist_w - unit and too_high - dist_w + unit, and lowering
   the last digit adds ten_kappa to rest.  Moves down while the lower
   candidate is at least as close to the highest possible x (hence
   strictly closer to x), then fails if the lowest possible x could
   still prefer a lower candidate, or if the candidate is not safely
   inside the true interval. */
static bool grisu_weed(char *digits, int n, uint64_t dist_w, uint64_t unsafe,
                       uint64_t rest, uint64_t ten_kappa, uint64_t unit)
{
    uint64_t small = dist_w - unit, big = dist_w + unit;
    while (rest < small && unsafe - rest >= ten_kappa &&
           (rest + ten_kappa < small ||
            small - rest >= rest + ten_kappa - small)) {
        digits[n - 1]--;
        rest += ten_kappa;
    }
    if (rest < big && unsafe - rest >= ten_kappa &&
        (rest + ten_kappa < big || big - rest > rest + ten_kappa - big))
        return false;
    return 2 * unit <= rest && unsafe >= 4 * unit && rest <= unsafe - 4 * unit;
}

/* Returns the digit count, or 0 when the fast path cannot decide. */
static int shortest_fast(double x, char *digits, int *decpt)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    uint64_t frac = bits & ((1ull << 52) - 1);
    int bexp = (int)(bits >> 52 & 0x7ff);
    uint64_t f = bexp ? frac | 1ull << 52 : frac;
    int e = bexp ? bexp - 1075 : -1074;
    /* x and its interval's bounds, in units of 2**(e-2); below a power
       of two the gap to the next double down is half as wide */
    bool lopsided = frac == 0 && bexp > 1;
    uint64_t up = 4 * f + 2, lo = lopsided ? 4 * f - 1 : 4 * f - 2;
    uint64_t mid = 4 * f;
    int be = e - 2;
    int sh = __builtin_clzll(up);
    up <<= sh;
    lo <<= sh;
    mid <<= sh;
    be -= sh;
    /* smallest cached 10**k putting the product exponent >= ALPHA */
    int kmin = (int)ceil((GRISU_ALPHA - be - 1) * 0.30102999566398114);
    int idx = (kmin - POW10_FIRST + POW10_STEP - 1) / POW10_STEP;
    if (idx < 0 || idx >= (int)(sizeof pow10_cache / sizeof pow10_cache[0]))
        return 0;
    int k = POW10_FIRST + idx * POW10_STEP;
    int E = be + pow10_cache[idx].e + 64;
    if (E < GRISU_ALPHA || E > GRISU_GAMMA)
        return 0;
    uint64_t cf = pow10_cache[idx].f;
    uint64_t w_up = mul_round(up, cf), w_lo = mul_round(lo, cf);
    uint64_t w_mid = mul_round(mid, cf);
    if (w_up == UINT64_MAX || w_lo == 0)
        return 0;
    uint64_t too_high = w_up + 1, too_low = w_lo - 1;
    uint64_t unsafe = too_high - too_low, dist_w = too_high - w_mid;
    int one_e = -E;
    uint64_t one = 1ull << one_e;
    uint32_t integrals = (uint32_t)(too_high >> one_e);
    uint64_t fractionals = too_high & (one - 1);
    uint32_t divisor = 1;
    int kappa = 1;
    while (divisor <= integrals / 10) {
        divisor *= 10;
        kappa++;
    }
    int n = 0;
    for (; kappa > 0; divisor /= 10) {
        digits[n++] = (char)('0' + integrals / divisor);
        integrals %= divisor;
        kappa--;
        uint64_t rest = ((uint64_t)integrals << one_e) + fractionals;
        if (rest < unsafe) {
            if (!grisu_weed(digits, n, dist_w, unsafe, rest,
                            (uint64_t)divisor << one_e, 1))
                return 0;
            goto done;
        }
    }
    for (uint64_t unit = 1;;) {
        if (n >= 17 || unit > (UINT64_MAX >> 4) / 10)
            return 0;
        fractionals *= 10;
        unit *= 10;
        unsafe *= 10;
        digits[n++] = (char)('0' + (fractionals >> one_e));
        fractionals &= one - 1;
        kappa--;
        if (fractionals < unsafe) {
            if (!grisu_weed(digits, n, dist_w * unit, unsafe, fractionals, one,
                            unit))
                return 0;
            break;
        }
    }
done:
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = 0;
    *decpt = n + kappa - k;
    return n;
}

int pydtoa_shortest(double x, char digits[18], int *decpt)
{
    char buf[24];
    int n = shortest_fast(fabs(x), buf, decpt);
    if (n > 0) {
        memcpy(digits, buf, (size_t)n + 1);
        return n;
    }
    return shortest_slow(fabs(x), digits, decpt);
}

/* ------------------------------------------------------------------ */
/* layout                                                               */

/* "e+05", "e-300": sign always, at least two digits (printf's %+03d,
   without printf's cost). */
static char *put_exponent(char *p, char e_char, int exp10)
{
    *p++ = e_char;
    *p++ = exp10 < 0 ? '-' : '+';
    unsigned u = (unsigned)(exp10 < 0 ? -exp10 : exp10);
    if (u >= 100)
        *p++ = (char)('0' + u / 100);
    *p++ = (char)('0' + u / 10 % 10);
    *p++ = (char)('0' + u % 10);
    return p;
}

/* Writes digits (n of them, value 0.d1..dn * 10**decpt) in CPython's
   'r'/'g' layout.  mindigits pads with zeros (the '#' of 'g');
   exp_above: exponent form when decpt > exp_above (or decpt <= -4). */
static int layout(pyfmt_buf *out, const char *digits, int n, int decpt,
                  int mindigits, int exp_above, bool alt, bool add_dot_0,
                  char e_char)
{
    int nd = n > mindigits ? n : mindigits;
    if (pyfmt_buf_reserve(out, (size_t)nd + 32) < 0)
        return PYDTOA_NOMEM;
    char *p = out->data + out->len;
    if (decpt <= -4 || decpt > exp_above) {
        *p++ = digits[0];
        if (nd > 1 || alt)
            *p++ = '.';
        for (int i = 1; i < nd; i++)
            *p++ = i < n ? digits[i] : '0';
        p = put_exponent(p, e_char, decpt - 1);
    } else if (decpt <= 0) {
        *p++ = '0';
        *p++ = '.';
        for (int i = decpt; i < 0; i++)
            *p++ = '0';
        for (int i = 0; i < nd; i++)
            *p++ = i < n ? digits[i] : '0';
    } else {
        /* the integer part may reach past the digits (1e15) */
        int end = nd > decpt ? nd : decpt;
        if (pyfmt_buf_reserve(out, (size_t)end + 32) < 0)
            return PYDTOA_NOMEM;
        p = out->data + out->len;
        for (int i = 0; i < decpt; i++)
            *p++ = i < n ? digits[i] : '0';
        if (nd > decpt) {
            *p++ = '.';
            for (int i = decpt; i < nd; i++)
                *p++ = i < n ? digits[i] : '0';
        } else if (add_dot_0) {
            *p++ = '.';
            *p++ = '0';
        } else if (alt) {
            *p++ = '.';
        }
    }
    *p = 0;
    out->len = (size_t)(p - out->data);
    return PYDTOA_OK;
}

size_t pydtoa_repr(double x, char *out)
{
    char *p = out;
    if (isnan(x))
        return (size_t)sprintf(out, "nan");
    if (signbit(x))
        *p++ = '-';
    if (isinf(x))
        return (size_t)(p - out) + (size_t)sprintf(p, "inf");
    if (x == 0)
        return (size_t)(p - out) + (size_t)sprintf(p, "0.0");
    char digits[18];
    int decpt, n = pydtoa_shortest(x, digits, &decpt);
    /* reuse layout() on a stack buffer */
    char space[PYDTOA_REPR_MAX + 40];
    pyfmt_buf b = {space, 0, sizeof space};
    layout(&b, digits, n, decpt, 0, 16, false, true, 'e');
    memcpy(p, space, b.len + 1);
    return (size_t)(p - out) + b.len;
}

/* printf straight into out (exact digits for any precision). */
static int append_printf(pyfmt_buf *out, const char *fmt, int prec, double x)
{
    char small[64];
    int n = snprintf(small, sizeof small, fmt, prec, x);
    if (n < 0)
        return PYDTOA_NOMEM;
    if ((size_t)n < sizeof small)
        return pyfmt_buf_append(out, small, (size_t)n) < 0 ? PYDTOA_NOMEM
                                                           : PYDTOA_OK;
    if (pyfmt_buf_reserve(out, (size_t)n) < 0)
        return PYDTOA_NOMEM;
    snprintf(out->data + out->len, (size_t)n + 1, fmt, prec, x);
    out->len += (size_t)n;
    return PYDTOA_OK;
}

int pydtoa_format(pyfmt_buf *out, double x, int type, int prec, unsigned flags,
                  bool *neg)
{
    bool upper = type == 'E' || type == 'F' || type == 'G';
    bool alt = flags & PYDTOA_ALT;
    size_t start = out->len;
    int rc;
    if (upper)
        type += 'a' - 'A';
    *neg = !isnan(x) && signbit(x);
    if (!isfinite(x)) {
        const char *s =
            isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        return pyfmt_buf_append(out, s, 3) < 0 ? PYDTOA_NOMEM : PYDTOA_OK;
    }
    double ax = fabs(x);
    if (prec < 0)
        prec = 6;
    if (type == 'f' || type == 'e') {
        const char *fmt =
            type == 'f' ? (alt ? "%#.*f" : "%.*f") : (alt ? "%#.*e" : "%.*e");
        rc = append_printf(out, fmt, prec, ax);
    } else {
        char digits[18], tmp[40];
        char *dig = digits;
        int n, decpt, mindigits = 0, exp_above;
        bool add_dot_0 = flags & PYDTOA_ADD_DOT_0;
        char *big = NULL;
        if (type == 'r') {
            if (ax == 0) {
                digits[0] = '0';
                n = 1;
                decpt = 1;
            } else {
                n = pydtoa_shortest(ax, digits, &decpt);
            }
            exp_above = 16;
        } else {
            if (prec == 0)
                prec = 1;
            if (prec <= 17) {
                snprintf(tmp, sizeof tmp, "%.*e", prec - 1, ax);
                n = split_e(tmp, digits, &decpt);
            } else {
                /* long precisions: the digits come in a heap string */
                size_t size = (size_t)prec + 16;
                big = malloc(size);
                if (!big)
                    return PYDTOA_NOMEM;
                snprintf(big, size, "%.*e", prec - 1, ax);
                char *e = strchr(big, 'e');
                int exp10 = atoi(e + 1);
                n = 0;
                for (char *q = big; q < e; q++)
                    if (*q != '.')
                        big[n++] = *q;
                while (n > 1 && big[n - 1] == '0')
                    n--;
                dig = big;
                decpt = exp10;
            }
            decpt += 1;
            if (alt)
                mindigits = prec;
            exp_above = add_dot_0 ? prec - 1 : prec;
        }
        rc = layout(out, dig, n, decpt, mindigits, exp_above, alt, add_dot_0,
                    'e');
        free(big);
    }
    if (rc != PYDTOA_OK)
        return rc;
    if (upper)
        for (size_t i = start; i < out->len; i++)
            if (out->data[i] == 'e')
                out->data[i] = 'E';
    if (*neg && (flags & PYDTOA_NO_NEG_0)) {
        bool zero = true;
        for (size_t i = start; i < out->len; i++) {
            char c = out->data[i];
            if (c == 'e' || c == 'E')
                break;
            if (c >= '1' && c <= '9') {
                zero = false;
                break;
            }
        }
        if (zero)
            *neg = false;
    }
    return PYDTOA_OK;
}

/* ------------------------------------------------------------------ */
/* round()                                                              */

int pydtoa_round(double x, int ndigits, double *result)
{
    /* Past these bounds the answer is x itself (every double is a
       multiple of 10**-323... at that scale) or a signed zero. */
    if (!isfinite(x) || x == 0 || ndigits > 323) {
        *result = x;
        return PYDTOA_OK;
    }
    if (ndigits < -308) {
        *result = copysign(0.0, x);
        return PYDTOA_OK;
    }
    char buf[720];
    double r;
    if (ndigits >= 0) {
        /* printf rounds the exact binary value half to even */
        snprintf(buf, sizeof buf, "%.*f", ndigits, x);
        r = strtod(buf, NULL);
    } else {
        /* Round the exact integer part at 10**k, the fraction only
           breaking ties. */
        int k = -ndigits;
        double ax = fabs(x), ip = trunc(ax);
        bool sticky = ip != ax;
        char s[330];
        int len = snprintf(s, sizeof s, "%.0f", ip);
        int hlen = len - k; /* digits kept */
        char *p = buf;
        if (signbit(x))
            *p++ = '-';
        bool up;
        if (hlen < 0) {
            up = false;
        } else {
            const char *t = s + hlen; /* the k dropped digits */
            int cmp = t[0] > '5' ? 1 : t[0] < '5' ? -1 : 0;
            for (int i = 1; cmp == 0 && i < k; i++)
                if (t[i] != '0')
                    cmp = 1;
            if (cmp == 0 && sticky)
                cmp = 1;
            bool odd = hlen > 0 && (s[hlen - 1] - '0') % 2 == 1;
            up = cmp > 0 || (cmp == 0 && odd);
        }
        if (hlen <= 0) {
            p += sprintf(p, "%de%d", up ? 1 : 0, hlen < 0 ? k : k);
        } else {
            memcpy(p, s, (size_t)hlen);
            if (up) {
                int i = hlen - 1;
                while (i >= 0 && p[i] == '9')
                    p[i--] = '0';
                if (i >= 0) {
                    p[i]++;
                } else {
                    memmove(p + 1, p, (size_t)hlen);
                    p[0] = '1';
                    hlen++;
                }
            }
            sprintf(p + hlen, "e%d", k);
        }
        r = strtod(buf, NULL);
    }
    if (isinf(r))
        return PYDTOA_OVERFLOW;
    *result = r;
    return PYDTOA_OK;
}

/* ------------------------------------------------------------------ */
/* float(str)                                                           */

static bool is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Case-insensitive match of the whole of [p, end) against word. */
static bool word_is(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - p) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != word[i])
            return false;
    return true;
}

/* digitpart ::= digit (["_"] digit)*, copied without the '_' into *q.
   Returns the end of the digitpart, or p when there is none. */
static const char *scan_digits(const char *p, const char *end, char **q)
{
    if (p == end || !is_digit(*p))
        return p;
    *(*q)++ = *p++;
    while (p < end) {
        if (is_digit(*p)) {
            *(*q)++ = *p++;
        } else if (*p == '_' && p + 1 < end && is_digit(p[1])) {
            p++;
        } else {
            break;
        }
    }
    return p;
}

int pydtoa_parse(const char *s, size_t len, double *result)
{
    const char *p = s, *end = s + len;
    while (p < end && is_space(*p))
        p++;
    while (end > p && is_space(end[-1]))
        end--;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    if (word_is(p, end, "inf") || word_is(p, end, "infinity")) {
        *result = neg ? -INFINITY : INFINITY;
        return PYDTOA_OK;
    }
    if (word_is(p, end, "nan")) {
        *result = neg ? -NAN : NAN;
        return PYDTOA_OK;
    }
    /* the cleaned copy is never longer than the input */
    char small[128];
    char *clean = (size_t)(end - p) + 2 <= sizeof small
                      ? small
                      : malloc((size_t)(end - p) + 2);
    if (!clean)
        return PYDTOA_NOMEM;
    char *q = clean;
    *q++ = neg ? '-' : '+';
    const char *a = scan_digits(p, end, &q);
    bool ok = true, any = a != p;
    if (a < end && *a == '.') {
        *q++ = *a++;
        const char *b = scan_digits(a, end, &q);
        any |= b != a;
        a = b;
    }
    if (!any)
        ok = false;
    if (ok && a < end && (*a == 'e' || *a == 'E')) {
        *q++ = *a++;
        if (a < end && (*a == '+' || *a == '-'))
            *q++ = *a++;
        const char *b = scan_digits(a, end, &q);
        if (b == a)
            ok = false;
        a = b;
    }
    if (a != end)
        ok = false;
    *q = 0;
    if (ok)
        *result = strtod(clean, NULL);
    if (clean != small)
        free(clean);
    return ok ? PYDTOA_OK : PYDTOA_INVALID;
}

/* Decodes one UTF-8 sequence leniently (a bad byte stands for itself). */
static uint32_t utf8_next(const unsigned char **pp, const unsigned char *end)
{
    const unsigned char *p = *pp;
    uint32_t c = *p++;
    int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (c >= 0x80 && more && end - p >= more) {
        uint32_t cp = c & (0x3f >> more);
        int i;
        for (i = 0; i < more && (p[i] & 0xc0) == 0x80; i++)
            cp = cp << 6 | (p[i] & 0x3f);
        if (i == more) {
            *pp = p + more;
            return cp;
        }
    }
    *pp = p;
    return c;
}

/* str.__repr__ of a UTF-8 string, appended to out. */
static int append_str_repr(pyfmt_buf *out, const char *s, size_t len,
                           bool (*isprintable)(uint32_t))
{
    bool squote = memchr(s, '\'', len) != NULL;
    bool dquote = memchr(s, '"', len) != NULL;
    char quote = squote && !dquote ? '"' : '\'';
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    if (pyfmt_buf_putc(out, quote) < 0)
        return PYDTOA_NOMEM;
    while (p < end) {
        const unsigned char *start = p;
        uint32_t c = utf8_next(&p, end);
        char esc[12];
        int n;
        if (c == (uint32_t)quote || c == '\\') {
            n = sprintf(esc, "\\%c", (char)c);
        } else if (c == '\t') {
            n = sprintf(esc, "\\t");
        } else if (c == '\n') {
            n = sprintf(esc, "\\n");
        } else if (c == '\r') {
            n = sprintf(esc, "\\r");
        } else if (c < 0x20 || c == 0x7f) {
            n = sprintf(esc, "\\x%02x", c);
        } else if (c < 0x7f) {
            esc[0] = (char)c;
            n = 1;
        } else if (isprintable ? isprintable(c) : (c > 0xa0 && c != 0xad)) {
            if (pyfmt_buf_append(out, (const char *)start,
                                 (size_t)(p - start)) < 0)
                return PYDTOA_NOMEM;
            continue;
        } else if (c < 0x100) {
            n = sprintf(esc, "\\x%02x", c);
        } else if (c < 0x10000) {
            n = sprintf(esc, "\\u%04x", c);
        } else {
            n = sprintf(esc, "\\U%08x", c);
        }
        if (pyfmt_buf_append(out, esc, (size_t)n) < 0)
            return PYDTOA_NOMEM;
    }
    return pyfmt_buf_putc(out, quote) < 0 ? PYDTOA_NOMEM : PYDTOA_OK;
}

int pydtoa_parse_error(pyfmt_buf *out, const char *s, size_t len,
                       bool (*isprintable)(uint32_t cp))
{
    static const char head[] = "could not convert string to float: ";
    size_t start = out->len;
    if (pyfmt_buf_append(out, head, sizeof head - 1) < 0 ||
        append_str_repr(out, s, len, isprintable) < 0)
        return PYDTOA_NOMEM;
    return (int)(out->len - start);
}

/* ------------------------------------------------------------------ */
/* float.hex() / float.fromhex()                                        */

size_t pydtoa_hex(double x, char *out)
{
    if (isnan(x))
        return (size_t)sprintf(out, "nan");
    if (isinf(x))
        return (size_t)sprintf(out, x < 0 ? "-inf" : "inf");
    const char *sign = signbit(x) ? "-" : "";
    if (x == 0)
        return (size_t)sprintf(out, "%s0x0.0p+0", sign);
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int bexp = (int)(bits >> 52 & 0x7ff);
    unsigned long long frac = bits & ((1ull << 52) - 1);
    /* subnormals keep the exponent of the smallest normal: 0x0.xxxp-1022 */
    return (size_t)sprintf(out, "%s0x%d.%013llxp%+d", sign, bexp != 0, frac,
                           bexp ? bexp - 1023 : -1022);
}

int pydtoa_fromhex(const char *s, size_t len, double *result)
{
    const char *p = s, *end = s + len;
    while (p < end && is_space(*p))
        p++;
    while (end > p && is_space(end[-1]))
        end--;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    if (word_is(p, end, "inf") || word_is(p, end, "infinity")) {
        *result = neg ? -INFINITY : INFINITY;
        return PYDTOA_OK;
    }
    if (word_is(p, end, "nan")) {
        *result = neg ? -NAN : NAN;
        return PYDTOA_OK;
    }
    if (end - p >= 2 && p[0] == '0' && (p[1] | 0x20) == 'x')
        p += 2;
    /* Rounded here, not by strtod: glibc 2.36 misrounds some hex
       subnormals (0x213a96a.9320db3p-1048).  The value is
       m * 2**e2 with m the first 15 significant hex digits and sticky
       standing for any nonzero digit after them. */
    uint64_t m = 0;
    int64_t e2 = 0;
    int taken = 0;
    bool sticky = false, any = false, point = false;
    const char *a = p;
    for (; a < end; a++) {
        int d;
        if (is_digit(*a))
            d = *a - '0';
        else if ((*a | 0x20) >= 'a' && (*a | 0x20) <= 'f')
            d = (*a | 0x20) - 'a' + 10;
        else if (*a == '.' && !point) {
            point = true;
            continue;
        } else
            break;
        any = true;
        if (point)
            e2 -= 4;
        if (m == 0 && d == 0)
            continue;
        if (taken < 15) {
            m = m << 4 | (uint64_t)d;
            taken++;
        } else {
            sticky |= d != 0;
            e2 += 4;
        }
    }
    if (!any)
        return PYDTOA_INVALID;
    if (a < end && (*a | 0x20) == 'p') {
        const char *b = a + 1;
        bool eneg = false;
        if (b < end && (*b == '+' || *b == '-'))
            eneg = *b++ == '-';
        if (b == end || !is_digit(*b))
            return PYDTOA_INVALID;
        int64_t ev = 0;
        for (; b < end && is_digit(*b); b++)
            if (ev < (int64_t)1 << 40) /* saturate: far past any range */
                ev = ev * 10 + (*b - '0');
        e2 += eneg ? -ev : ev;
        a = b;
    }
    if (a != end)
        return PYDTOA_INVALID;
    if (m == 0) {
        *result = neg ? -0.0 : 0.0;
        return PYDTOA_OK;
    }
    int nbits = 64 - __builtin_clzll(m);
    int64_t top = e2 + nbits - 1; /* 2**top <= value < 2**(top+1) */
    if (top > 1023)
        return PYDTOA_OVERFLOW;
    if (top < -1075) {
        *result = neg ? -0.0 : 0.0;
        return PYDTOA_OK;
    }
    int keep = top >= -1022 ? 53 : (int)(top + 1075); /* 0..53 bits */
    int shift = nbits - keep;
    if (shift > 0) {
        uint64_t rem = m & ((1ull << shift) - 1), half = 1ull << (shift - 1);
        m >>= shift;
        e2 += shift;
        if (rem > half || (rem == half && (sticky || (m & 1))))
            m++;
    }
    double r = ldexp((double)m, (int)e2);
    if (neg)
        r = -r;
    if (isinf(r))
        return PYDTOA_OVERFLOW;
    *result = r;
    return PYDTOA_OK;
}
