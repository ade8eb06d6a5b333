/* bigint_pow.c -- a ** b and pow(a, b, m) for pystm's big ints, with
 * CPython 3.11's rules: the modular result takes the modulus' sign, a
 * negative exponent uses the modular inverse, |m| == 1 gives 0 before
 * invertibility is checked.  a ** b squares the odd part of a (the power
 * of two becomes a shift); pow(a, b, m) is a sliding-window
 * exponentiation with GMP's division for the reductions.
 */
#include "bigint.h"
#include "bigint_impl.h"

/* ---- a ** b ---- */

static bool is_one(const mp_limb_t *a, long ma)
{
    return ma == 1 && a[0] == 1;
}

long pybig_pow_bound(const mp_limb_t *a, long an, const mp_limb_t *b, long bn)
{
    long ma = pybig_abs_size(an);
    if (bn == 0 || ma == 0 || is_one(a, ma))
        return 1;
    if (bn > 1)
        return PYBIG_TOO_BIG;
    uint64_t bits = pybig_bit_length(a, ma);
    uint64_t e = b[0];
    if (e > (uint64_t)PYBIG_MAX_LIMBS * 64 / bits)
        return PYBIG_TOO_BIG;
    /* |a|**e < 2**(bits*e); one more limb for lshift_mag's carry limb */
    return (long)(bits * e / 64 + 2);
}

/* x**e into out for odd x > 1, e >= 1: left-to-right binary powering,
   alternating between two scratch buffers; returns the size. */
static long pow_odd(mp_limb_t *out, const mp_limb_t *x, long xn, uint64_t e)
{
    long cap = (long)(pybig_bit_length(x, xn) * e / 64 + 2);
    mp_limb_t *u = big_limbs(cap), *v = big_limbs(cap);
    big_copy(u, x, xn);
    long un = xn;
    for (int i = 62 - __builtin_clzl(e); i >= 0; i--) {
        mpn_sqr(v, u, un);
        long vn = big_norm(v, 2 * un);
        if ((e >> i) & 1) {
            mpn_mul(u, v, vn, x, xn);
            un = big_norm(u, vn + xn);
        } else {
            mp_limb_t *t = u;
            u = v;
            v = t;
            un = vn;
        }
    }
    big_copy(out, u, un);
    big_free(v);
    big_free(u);
    return un;
}

static long pow_inner(mp_limb_t *out, const mp_limb_t *a, long an,
                      const mp_limb_t *b, long bn)
{
    long ma = pybig_abs_size(an);
    if (bn == 0) {
        out[0] = 1;
        return 1;
    }
    if (ma == 0)
        return 0;
    uint64_t e = b[0]; /* the bound refused anything larger */
    bool neg = an < 0 && (e & 1);
    /* a = x * 2**k with x odd: x**e * 2**(k*e) */
    uint64_t k = mpn_scan1(a, 0);
    long n;
    if (pybig_bit_length(a, ma) == k + 1) {
        static const mp_limb_t one = 1;
        n = lshift_mag(out, &one, 1, k * e);
    } else if (k == 0) {
        n = pow_odd(out, a, ma, e);
    } else {
        long xn = ma - (long)(k / 64);
        mp_limb_t *x = big_limbs(xn);
        if (k % 64)
            mpn_rshift(x, a + k / 64, xn, k % 64);
        else
            big_copy(x, a + k / 64, xn);
        xn = big_norm(x, xn);
        long cap = (long)(pybig_bit_length(x, xn) * e / 64 + 2);
        mp_limb_t *t = big_limbs(cap);
        long tn = pow_odd(t, x, xn, e);
        n = lshift_mag(out, t, tn, k * e);
        big_free(t);
        big_free(x);
    }
    return neg ? -n : n;
}

static int pow_cb(struct big_call *c)
{
    *c->rn = pow_inner(c->out, c->a, c->an, c->b, c->bn);
    return PYBIG_OK;
}

int pybig_pow(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
              const mp_limb_t *b, long bn)
{
    long ma = pybig_abs_size(an);
    if (bn != 0 && ma == 1 && a[0] == 1) {
        /* (+-1) ** b, for any b */
        out[0] = 1;
        *rn = an < 0 && (b[0] & 1) ? -1 : 1;
        return PYBIG_OK;
    }
    if (pybig_pow_bound(a, an, b, bn) == PYBIG_TOO_BIG)
        return PYBIG_ENOMEM;
    struct big_call c = {
        .a = a, .an = an, .b = b, .bn = bn, .out = out, .rn = rn};
    return op_run(pow_cb, &c);
}

/* ---- pow(a, b, m) ---- */

long pybig_powmod_bound(long an, long bn, long mn)
{
    long n = pybig_abs_size(mn);
    return n > 0 ? n : 1;
}

/* A residue modulo m: mn limbs of room, size rn (normalized). */
struct modctx {
    const mp_limb_t *m;
    long mn;
    mp_limb_t *prod; /* 2 * mn limbs */
    mp_limb_t *quot; /* mn + 1 limbs */
};

/* r = x * y mod m; r may be x or y. */
static long mulmod(struct modctx *c, mp_limb_t *r, const mp_limb_t *x, long xn,
                   const mp_limb_t *y, long yn)
{
    long pn = mul_mag(c->prod, x, xn, y, yn);
    if (pn < c->mn) {
        big_copy(r, c->prod, pn);
        return pn;
    }
    mpn_tdiv_qr(c->quot, r, 0, c->prod, pn, c->m, c->mn);
    return big_norm(r, c->mn);
}

static inline unsigned bit_at(const mp_limb_t *e, long i)
{
    return (unsigned)(e[i / 64] >> (i % 64)) & 1;
}

/* x**e mod m for 0 <= x < m, m > 1, e > 0 (en limbs): sliding windows
   over the exponent bits with the odd powers x, x**3, ... precomputed. */
static long powmod_mag(mp_limb_t *out, struct modctx *c, const mp_limb_t *x,
                       long xn, const mp_limb_t *e, long en)
{
    uint64_t ebits = pybig_bit_length(e, en);
    int w = ebits < 8      ? 1
            : ebits < 64   ? 3
            : ebits < 256  ? 4
            : ebits < 1024 ? 5
                           : 6;
    long mn = c->mn;
    int nodd = 1 << (w - 1);
    mp_limb_t *tab = big_limbs(mn * (nodd + 2));
    long tabn[32];
    mp_limb_t *acc = tab + mn * nodd, *sq = acc + mn;
    /* tab[i] = x**(2i+1); sq = x**2 */
    big_copy(tab, x, xn);
    tabn[0] = xn;
    long sqn = mulmod(c, sq, x, xn, x, xn);
    for (int i = 1; i < nodd; i++)
        tabn[i] =
            mulmod(c, tab + mn * i, tab + mn * (i - 1), tabn[i - 1], sq, sqn);
    long accn = 0;
    bool started = false;
    long i = (long)ebits - 1;
    while (i >= 0) {
        if (!bit_at(e, i)) {
            if (started)
                accn = mulmod(c, acc, acc, accn, acc, accn);
            i--;
            continue;
        }
        /* the longest window [j, i] of at most w bits ending in a 1 */
        long j = i - w + 1 < 0 ? 0 : i - w + 1;
        while (!bit_at(e, j))
            j++;
        unsigned val = 0;
        for (long k = i; k >= j; k--)
            val = (val << 1) | bit_at(e, k);
        const mp_limb_t *t = tab + mn * (val >> 1);
        long tn = tabn[val >> 1];
        if (!started) {
            big_copy(acc, t, tn);
            accn = tn;
            started = true;
        } else {
            for (long k = i; k >= j; k--)
                accn = mulmod(c, acc, acc, accn, acc, accn);
            accn = mulmod(c, acc, acc, accn, t, tn);
        }
        i = j - 1;
    }
    big_copy(out, acc, accn);
    big_free(tab);
    return accn;
}

/* The inverse of x modulo m (0 < x < m) into out (mn limbs), or -1 when
   gcd(x, m) != 1.  mpn_gcdext gives s with g = s*m + t*x; the inverse is
   t = (g - s*m) / x, reduced modulo m. */
static long inverse(mp_limb_t *out, const mp_limb_t *x, long xn,
                    const mp_limb_t *m, long mn)
{
    mp_limb_t *u = big_limbs(mn + 1), *v = big_limbs(xn + 1);
    mp_limb_t *g = big_limbs(xn + 1), *s = big_limbs(xn + 1);
    big_copy(u, m, mn);
    big_copy(v, x, xn);
    mp_size_t sn;
    long gn = mpn_gcdext(g, s, &sn, u, mn, v, xn);
    gn = big_norm(g, gn);
    long result = -1;
    if (gn == 1 && g[0] == 1) {
        /* t*x = 1 - s*m */
        long sa = sn < 0 ? -sn : sn;
        mp_limb_t *p = big_limbs(mn + sa + 1);
        long pn = mul_mag(p, s, sa, m, mn);
        static const mp_limb_t one = 1;
        long tn_num = sn > 0 ? -pn : pn; /* -s*m as a signed size */
        mp_limb_t *num = big_limbs(mn + sa + 2);
        long nn = pybig_add(num, p, tn_num, &one, 1);
        mp_limb_t *t = big_limbs(mn + sa + 2);
        long tn;
        divmod_inner(t, &tn, NULL, NULL, num, nn, x, xn); /* exact */
        long rn;
        divmod_inner(NULL, NULL, out, &rn, t, tn, m, mn);
        result = rn;
        big_free(t);
        big_free(num);
        big_free(p);
    }
    big_free(s);
    big_free(g);
    big_free(v);
    big_free(u);
    return result;
}

static int powmod_inner(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
                        const mp_limb_t *b, long bn, const mp_limb_t *m,
                        long mn)
{
    long mm = pybig_abs_size(mn);
    /* base = a mod |m|, in [0, |m|) */
    mp_limb_t *base = big_limbs(mm);
    long basen;
    divmod_inner(NULL, NULL, base, &basen, a, an, m, mm);
    if (bn < 0) {
        mp_limb_t *inv = big_limbs(mm);
        long invn = basen == 0 ? -1 : inverse(inv, base, basen, m, mm);
        if (invn < 0) {
            big_free(inv);
            big_free(base);
            return PYBIG_ENOT_INVERTIBLE;
        }
        big_free(base);
        base = inv;
        basen = invn;
    }
    long n;
    if (bn == 0) {
        out[0] = 1;
        n = 1;
    } else if (basen == 0) {
        n = 0;
    } else {
        struct modctx c = {m, mm, big_limbs(2 * mm), big_limbs(mm + 1)};
        n = powmod_mag(out, &c, base, basen, b, pybig_abs_size(bn));
        big_free(c.quot);
        big_free(c.prod);
    }
    big_free(base);
    if (mn < 0 && n != 0) {
        /* the result takes the modulus' sign: r - |m| */
        if (n < mm)
            memset(out + n, 0, (size_t)(mm - n) * sizeof(mp_limb_t));
        mpn_sub_n(out, m, out, mm);
        n = -big_norm(out, mm);
    }
    *rn = n;
    return PYBIG_OK;
}

static int powmod_cb(struct big_call *c)
{
    return powmod_inner(c->out, c->rn, c->a, c->an, c->b, c->bn, c->m, c->mn);
}

int pybig_powmod(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
                 const mp_limb_t *b, long bn, const mp_limb_t *m, long mn)
{
    if (mn == 0)
        return PYBIG_EPOW_MOD_ZERO;
    if (is_one(m, pybig_abs_size(mn))) {
        *rn = 0;
        return PYBIG_OK;
    }
    struct big_call c = {.a = a,
                         .an = an,
                         .b = b,
                         .bn = bn,
                         .m = m,
                         .mn = mn,
                         .out = out,
                         .rn = rn};
    return op_run(powmod_cb, &c);
}
