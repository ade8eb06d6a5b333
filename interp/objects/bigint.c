/* bigint.c -- arithmetic of pystm's big ints on GMP's mpn_* layer: the
 * signed-size conventions, +, -, *, floor division, powers, shifts,
 * two's-complement bit operations, gcd/isqrt, conversions to and from
 * machine numbers and bytes, true division and hash.  Text conversion is
 * in bigint_text.c.  API contract: bigint.h; design: doc/pystm-bigint.md.
 *
 * Memory: results go to caller buffers; scratch comes from big_alloc().
 * Every operation that may need scratch (ours or GMP's own temporaries)
 * runs under op_run(): the GMP allocation functions installed by
 * pybig_setup() link each block into the running operation's list, and
 * an allocation failure siglongjmp()s back to op_run, which frees the
 * whole list and returns PYBIG_ENOMEM.  Operations never nest, so the
 * state is one per thread.
 */
#include "bigint.h"
#include "bigint_impl.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tracked allocation ---- */

/* Every block GMP or we allocate starts with a struct big_blk: a list
   node (16 bytes, so the payload keeps malloc's alignment).  A block
   allocated outside an operation (GMP used elsewhere) points to itself,
   so freeing it anywhere is the same unlink. */

_Thread_local struct big_op big_op;
static _Thread_local long live_blocks; /* for pybig_debug_live_blocks */

long pybig_debug_live_blocks(void)
{
    return live_blocks;
}

static void blk_unlink(struct big_blk *b)
{
    b->prev->next = b->next;
    b->next->prev = b->prev;
    b->prev = b->next = b;
}

static void blk_link(struct big_blk *b)
{
    if (!big_op.active) {
        b->prev = b->next = b;
        return;
    }
    struct big_blk *h = &big_op.head;
    b->next = h->next;
    b->prev = h;
    h->next->prev = b;
    h->next = b;
}

static _Noreturn void out_of_memory(void)
{
    if (big_op.active)
        siglongjmp(big_op.jb, 1);
    /* GMP used outside a pybig operation (not by pystm): nothing to
       unwind to, and GMP itself would abort here too. */
    fputs("pystm: out of memory in GMP\n", stderr);
    abort();
}

void *big_alloc(size_t n)
{
    struct big_blk *b = malloc(sizeof(struct big_blk) + n);
    if (b == NULL)
        out_of_memory();
    live_blocks++;
    blk_link(b);
    return b + 1;
}

void big_free(void *p)
{
    if (p == NULL)
        return;
    struct big_blk *b = (struct big_blk *)p - 1;
    blk_unlink(b);
    live_blocks--;
    free(b);
}

static void *gmp_alloc(size_t n)
{
    return big_alloc(n);
}

static void *gmp_realloc(void *p, size_t old, size_t n)
{
    (void)old;
    struct big_blk *b = (struct big_blk *)p - 1;
    bool linked = b->next != b;
    if (linked)
        blk_unlink(b);
    struct big_blk *nb = realloc(b, sizeof(struct big_blk) + n);
    if (nb == NULL) {
        if (linked)
            blk_link(b); /* still ours: freed with the operation */
        out_of_memory();
    }
    if (linked)
        blk_link(nb);
    else
        nb->prev = nb->next = nb;
    return nb + 1;
}

static void gmp_free(void *p, size_t n)
{
    (void)n;
    big_free(p);
}

static pthread_once_t setup_once = PTHREAD_ONCE_INIT;

static void setup(void)
{
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
}

void pybig_setup(void)
{
    pthread_once(&setup_once, setup);
}

int op_run(int (*fn)(struct big_call *), struct big_call *c)
{
    pybig_setup();
    big_op.active = true;
    big_op.head.prev = big_op.head.next = &big_op.head;
    /* through the thread-local, not locals, across sigsetjmp */
    big_op.fn = fn;
    big_op.call = c;
    if (sigsetjmp(big_op.jb, 0) != 0) {
        struct big_blk *h = &big_op.head;
        while (h->next != h) {
            struct big_blk *b = h->next;
            blk_unlink(b);
            live_blocks--;
            free(b);
        }
        big_op.active = false;
        return PYBIG_ENOMEM;
    }
    int r = big_op.fn(big_op.call);
    big_op.active = false;
    return r;
}

/* ---- errors ---- */

enum pybig_exc pybig_error_type(int code)
{
    switch (code) {
    case PYBIG_OK:
        return PYBIG_EXC_NONE;
    case PYBIG_ENOMEM:
        return PYBIG_EXC_MEMORY;
    case PYBIG_EDIVZERO:
    case PYBIG_EMODZERO:
    case PYBIG_ETRUEDIVZERO:
        return PYBIG_EXC_ZERO_DIVISION;
    case PYBIG_EFLOAT_OVERFLOW:
    case PYBIG_ETRUEDIV_OVERFLOW:
    case PYBIG_ETOO_BIG_BYTES:
    case PYBIG_ENEG_UNSIGNED:
    case PYBIG_EOVERFLOW:
        return PYBIG_EXC_OVERFLOW;
    default:
        return PYBIG_EXC_VALUE;
    }
}

const char *pybig_error_message(int code)
{
    switch (code) {
    case PYBIG_OK:
    case PYBIG_ENOMEM:
        return "";
    case PYBIG_EDIVZERO:
        return "integer division or modulo by zero";
    case PYBIG_EMODZERO:
        return "integer modulo by zero";
    case PYBIG_ETRUEDIVZERO:
        return "division by zero";
    case PYBIG_EFLOAT_OVERFLOW:
        return "int too large to convert to float";
    case PYBIG_ETRUEDIV_OVERFLOW:
        return "integer division result too large for a float";
    case PYBIG_EPOW_MOD_ZERO:
        return "pow() 3rd argument cannot be 0";
    case PYBIG_ENOT_INVERTIBLE:
        return "base is not invertible for the given modulus";
    case PYBIG_ETOO_BIG_BYTES:
        return "int too big to convert";
    case PYBIG_ENEG_UNSIGNED:
        return "can't convert negative int to unsigned";
    case PYBIG_EOVERFLOW:
        return "Python int too large to convert to C long";
    case PYBIG_EISQRT_NEG:
        return "isqrt() argument must be nonnegative";
    case PYBIG_EBASE:
        return "int() base must be >= 2 and <= 36, or 0";
    case PYBIG_EINVALID_LITERAL:
        /* not CPython's text: pybig_invalid_literal_message is */
        return "invalid literal for int()";
    case PYBIG_ESTR_LIMIT_FROM:
    case PYBIG_ESTR_LIMIT_TO:
        /* ditto: pybig_str_limit_message */
        return "Exceeds the limit for integer string conversion";
    default:
        return "unknown error";
    }
}

/* ---- helpers ---- */

/* Operands up to this many limbs are multiplied and divided without
   op_run's sigsetjmp (which costs as much as the arithmetic there): GMP
   needs no heap for them (basecase or Toom-2 code whose few-KB
   temporaries GMP's default build puts on the stack), and our scratch for
   them is on the stack too. */
#define SMALL_LIMBS 32


static long with_sign(long n, bool neg)
{
    return neg ? -n : n;
}


/* Compares magnitudes of normalized sizes. */
static int cmp_mag(const mp_limb_t *a, long an, const mp_limb_t *b, long bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    if (an == 0)
        return 0;
    return mpn_cmp(a, b, an);
}

static long max_l(long a, long b)
{
    return a > b ? a : b;
}

uint64_t pybig_bit_length(const mp_limb_t *a, long an)
{
    long n = pybig_abs_size(an);
    if (n == 0)
        return 0;
    return (uint64_t)(n - 1) * 64 + (64 - (uint64_t)__builtin_clzl(a[n - 1]));
}

uint64_t pybig_bit_count(const mp_limb_t *a, long an)
{
    long n = pybig_abs_size(an);
    return n == 0 ? 0 : mpn_popcount(a, n);
}

int pybig_cmp(const mp_limb_t *a, long an, const mp_limb_t *b, long bn)
{
    if ((an < 0) != (bn < 0) || an == 0 || bn == 0)
        return an < bn ? -1 : an > bn;
    int c = cmp_mag(a, pybig_abs_size(an), b, pybig_abs_size(bn));
    return an < 0 ? -c : c;
}

long pybig_neg(mp_limb_t *out, const mp_limb_t *a, long an)
{
    big_copy(out, a, pybig_abs_size(an));
    return -an;
}

long pybig_abs(mp_limb_t *out, const mp_limb_t *a, long an)
{
    big_copy(out, a, pybig_abs_size(an));
    return pybig_abs_size(an);
}

/* ---- +, - ---- */

/* |a| + |b|; out has max(an, bn) + 1 limbs. */
static long add_mag(mp_limb_t *out, const mp_limb_t *a, long an,
                    const mp_limb_t *b, long bn)
{
    if (an < bn) {
        const mp_limb_t *t = a;
        a = b;
        b = t;
        long tn = an;
        an = bn;
        bn = tn;
    }
    if (bn == 0) {
        big_copy(out, a, an);
        return an;
    }
    mp_limb_t cy = mpn_add(out, a, an, b, bn);
    out[an] = cy;
    return an + (long)cy;
}

/* |a| - |b| as a signed size. */
static long sub_mag(mp_limb_t *out, const mp_limb_t *a, long an,
                    const mp_limb_t *b, long bn)
{
    int c = cmp_mag(a, an, b, bn);
    if (c == 0)
        return 0;
    if (c < 0)
        return -sub_mag(out, b, bn, a, an);
    if (bn == 0) {
        big_copy(out, a, an);
        return an;
    }
    mpn_sub(out, a, an, b, bn);
    return big_norm(out, an);
}

long pybig_add_bound(long an, long bn)
{
    return max_l(pybig_abs_size(an), pybig_abs_size(bn)) + 1;
}

long pybig_add(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
               long bn)
{
    bool na = an < 0, nb = bn < 0;
    long ma = pybig_abs_size(an), mb = pybig_abs_size(bn);
    if (na == nb)
        return with_sign(add_mag(out, a, ma, b, mb), na);
    return with_sign(sub_mag(out, a, ma, b, mb), na);
}

long pybig_sub(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
               long bn)
{
    return pybig_add(out, a, an, b, -bn);
}

/* ---- * ---- */

long pybig_mul_bound(long an, long bn)
{
    long n = pybig_abs_size(an) + pybig_abs_size(bn);
    return n > 0 ? n : 1;
}

/* |a| * |b| into out (an + bn limbs, no overlap); returns the size. */
long mul_mag(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
             long bn)
{
    if (an == 0 || bn == 0)
        return 0;
    if (a == b && an == bn) {
        mpn_sqr(out, a, an);
    } else if (an >= bn) {
        mpn_mul(out, a, an, b, bn);
    } else {
        mpn_mul(out, b, bn, a, an);
    }
    long n = an + bn;
    return out[n - 1] == 0 ? n - 1 : n;
}

static int mul_cb(struct big_call *c)
{
    long n = mul_mag(c->out, c->a, pybig_abs_size(c->an), c->b,
                     pybig_abs_size(c->bn));
    *c->rn = with_sign(n, (c->an < 0) != (c->bn < 0));
    return PYBIG_OK;
}

int pybig_mul(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
              const mp_limb_t *b, long bn)
{
    if (pybig_abs_size(an) <= SMALL_LIMBS &&
        pybig_abs_size(bn) <= SMALL_LIMBS) {
        long n = mul_mag(out, a, pybig_abs_size(an), b, pybig_abs_size(bn));
        *rn = with_sign(n, (an < 0) != (bn < 0));
        return PYBIG_OK;
    }
    struct big_call c = {
        .a = a, .an = an, .b = b, .bn = bn, .out = out, .rn = rn};
    return op_run(mul_cb, &c);
}

/* ---- floor division ---- */

long pybig_floordiv_bound(long an, long bn)
{
    long ma = pybig_abs_size(an), mb = pybig_abs_size(bn);
    return ma >= mb ? ma - mb + 2 : 1;
}

long pybig_mod_bound(long an, long bn)
{
    long mb = pybig_abs_size(bn);
    return mb > 0 ? mb : 1;
}

/* Floor divmod of a by b != 0.  q (floordiv_bound limbs) or r (mod_bound
   limbs) may be NULL when not wanted.  Small operands use stack scratch,
   so that callers may run it outside op_run (see SMALL_LIMBS). */
void divmod_inner(mp_limb_t *q, long *qn, mp_limb_t *r, long *rn,
                  const mp_limb_t *a, long an, const mp_limb_t *b, long bn)
{
    bool na = an < 0, nb = bn < 0;
    long ma = pybig_abs_size(an), mb = pybig_abs_size(bn);
    long qmax = ma >= mb ? ma - mb + 1 : 0;
    mp_limb_t qbuf[SMALL_LIMBS + 2], rbuf[SMALL_LIMBS];
    mp_limb_t *qt = q, *rt = r;
    if (qt == NULL)
        qt = qmax + 1 <= SMALL_LIMBS + 2 ? qbuf : big_limbs(qmax + 1);
    if (rt == NULL)
        rt = mb <= SMALL_LIMBS ? rbuf : big_limbs(mb);
    long qsz, rsz;
    if (ma < mb) {
        /* |a| < |b|: quotient 0, remainder a. */
        big_copy(rt, a, ma);
        qsz = 0;
        rsz = ma;
    } else {
        mpn_tdiv_qr(qt, rt, 0, a, ma, b, mb);
        qsz = big_norm(qt, qmax);
        rsz = big_norm(rt, mb);
    }
    if (na != nb && rsz != 0) {
        /* Truncation rounded toward zero; floor needs one more step. */
        if (qsz == 0) {
            qt[0] = 1;
            qsz = 1;
        } else {
            mp_limb_t cy = mpn_add_1(qt, qt, qsz, 1);
            qt[qsz] = cy;
            qsz += (long)cy;
        }
        if (rsz < mb)
            memset(rt + rsz, 0, (size_t)(mb - rsz) * sizeof(mp_limb_t));
        mpn_sub_n(rt, b, rt, mb);
        rsz = big_norm(rt, mb);
    }
    if (q != NULL)
        *qn = with_sign(qsz, na != nb);
    else if (qt != qbuf)
        big_free(qt);
    if (r != NULL)
        *rn = with_sign(rsz, nb);
    else if (rt != rbuf)
        big_free(rt);
}

static int divmod_cb(struct big_call *c)
{
    divmod_inner(c->out, c->rn, c->out2, c->rn2, c->a, c->an, c->b, c->bn);
    return PYBIG_OK;
}

int pybig_divmod(mp_limb_t *q, long *qn, mp_limb_t *r, long *rn,
                 const mp_limb_t *a, long an, const mp_limb_t *b, long bn)
{
    if (bn == 0)
        return PYBIG_EDIVZERO;
    if (pybig_abs_size(an) <= SMALL_LIMBS) {
        divmod_inner(q, qn, r, rn, a, an, b, bn);
        return PYBIG_OK;
    }
    struct big_call c = {.a = a,
                         .an = an,
                         .b = b,
                         .bn = bn,
                         .out = q,
                         .rn = qn,
                         .out2 = r,
                         .rn2 = rn};
    return op_run(divmod_cb, &c);
}

int pybig_floordiv(mp_limb_t *q, long *qn, const mp_limb_t *a, long an,
                   const mp_limb_t *b, long bn)
{
    return bn == 0 ? PYBIG_EDIVZERO
                   : pybig_divmod(q, qn, NULL, NULL, a, an, b, bn);
}

int pybig_mod(mp_limb_t *r, long *rn, const mp_limb_t *a, long an,
              const mp_limb_t *b, long bn)
{
    return bn == 0 ? PYBIG_EMODZERO
                   : pybig_divmod(NULL, NULL, r, rn, a, an, b, bn);
}

/* ---- shifts ---- */

long pybig_lshift_bound(long an, uint64_t count)
{
    long ma = pybig_abs_size(an);
    if (ma == 0)
        return 1;
    uint64_t n = (uint64_t)ma + count / 64 + 1;
    return n > (uint64_t)PYBIG_MAX_LIMBS ? PYBIG_TOO_BIG : (long)n;
}

/* |a| << count into out; returns the size. */
long lshift_mag(mp_limb_t *out, const mp_limb_t *a, long ma, uint64_t count)
{
    if (ma == 0)
        return 0;
    long limbs = (long)(count / 64);
    unsigned bits = count % 64;
    if (limbs > 0)
        memset(out, 0, (size_t)limbs * sizeof(mp_limb_t));
    if (bits == 0) {
        big_copy(out + limbs, a, ma);
        return limbs + ma;
    }
    mp_limb_t cy = mpn_lshift(out + limbs, a, ma, bits);
    if (cy == 0) /* callers may size out for the exact result */
        return limbs + ma;
    out[limbs + ma] = cy;
    return limbs + ma + 1;
}

long pybig_lshift(mp_limb_t *out, const mp_limb_t *a, long an, uint64_t count)
{
    return with_sign(lshift_mag(out, a, pybig_abs_size(an), count), an < 0);
}

long pybig_rshift_bound(long an, uint64_t count)
{
    long ma = pybig_abs_size(an);
    if (count / 64 >= (uint64_t)ma)
        return 1;
    return ma - (long)(count / 64) + 1;
}

long pybig_rshift(mp_limb_t *out, const mp_limb_t *a, long an, uint64_t count)
{
    long ma = pybig_abs_size(an);
    bool neg = an < 0;
    if (count / 64 >= (uint64_t)ma) {
        /* Everything shifted out: floor gives -1 for a negative. */
        if (!neg)
            return 0;
        out[0] = 1;
        return -1;
    }
    long limbs = (long)(count / 64);
    unsigned bits = count % 64;
    long n = ma - limbs;
    bool lost = false;
    if (neg) {
        for (long i = 0; i < limbs && !lost; i++)
            lost = a[i] != 0;
        if (bits != 0 && (a[limbs] & (((mp_limb_t)1 << bits) - 1)) != 0)
            lost = true;
    }
    if (bits == 0)
        big_copy(out, a + limbs, n);
    else
        mpn_rshift(out, a + limbs, n, bits);
    n = big_norm(out, n);
    if (lost) {
        /* floor(-x / 2**k) = -ceil(x / 2**k) */
        if (n == 0) {
            out[0] = 1;
            n = 1;
        } else {
            mp_limb_t cy = mpn_add_1(out, out, n, 1);
            out[n] = cy;
            n += (long)cy;
        }
    }
    return with_sign(n, neg);
}

/* ---- bitwise ops ---- */

/* Limb i of the infinite two's complement form of a number: magnitude d
   (n limbs), negative or not.  For a negative, ~(|x| - 1); *borrow
   carries the subtraction across limbs (starts at 1). */
static inline mp_limb_t tc_limb(const mp_limb_t *d, long n, long i, bool neg,
                                mp_limb_t *borrow)
{
    mp_limb_t x = i < n ? d[i] : 0;
    if (!neg)
        return x;
    mp_limb_t y = x - *borrow;
    *borrow = x < *borrow;
    return ~y;
}

long pybig_bitop_bound(long an, long bn)
{
    return max_l(pybig_abs_size(an), pybig_abs_size(bn)) + 1;
}

enum bitop { OP_AND, OP_OR, OP_XOR };

static long bitop(mp_limb_t *out, const mp_limb_t *a, long an,
                  const mp_limb_t *b, long bn, enum bitop op)
{
    bool na = an < 0, nb = bn < 0;
    long ma = pybig_abs_size(an), mb = pybig_abs_size(bn);
    bool nr;
    long n;
    switch (op) {
    case OP_AND:
        nr = na && nb;
        /* A nonnegative operand bounds the result. */
        n = !na ? ma : !nb ? mb : max_l(ma, mb) + 1;
        if (!na && !nb && mb < n)
            n = mb;
        break;
    case OP_OR:
        nr = na || nb;
        n = max_l(ma, mb) + 1;
        break;
    default:
        nr = na != nb;
        n = max_l(ma, mb) + 1;
        break;
    }
    mp_limb_t ba = 1, bb = 1, carry = 1;
    for (long i = 0; i < n; i++) {
        mp_limb_t x = tc_limb(a, ma, i, na, &ba);
        mp_limb_t y = tc_limb(b, mb, i, nb, &bb);
        mp_limb_t z = op == OP_AND ? x & y : op == OP_OR ? x | y : x ^ y;
        if (nr) {
            /* Back to a magnitude: -z = ~z + 1. */
            z = ~z + carry;
            carry = carry && z == 0;
        }
        out[i] = z;
    }
    return with_sign(big_norm(out, n), nr);
}

long pybig_and(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
               long bn)
{
    return bitop(out, a, an, b, bn, OP_AND);
}

long pybig_or(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
              long bn)
{
    return bitop(out, a, an, b, bn, OP_OR);
}

long pybig_xor(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
               long bn)
{
    return bitop(out, a, an, b, bn, OP_XOR);
}

long pybig_invert_bound(long an)
{
    return pybig_abs_size(an) + 1;
}

long pybig_invert(mp_limb_t *out, const mp_limb_t *a, long an)
{
    /* ~a == -(a + 1) */
    static const mp_limb_t one = 1;
    return -pybig_add(out, a, an, &one, 1);
}

/* ---- gcd, isqrt ---- */

long pybig_gcd_bound(long an, long bn)
{
    long ma = pybig_abs_size(an), mb = pybig_abs_size(bn);
    long n = ma == 0 ? mb : mb == 0 ? ma : (ma < mb ? ma : mb);
    return n > 0 ? n : 1;
}

static uint64_t trailing_zeros(const mp_limb_t *a, long n)
{
    /* a != 0 */
    return mpn_scan1(a, 0);
    (void)n;
}

/* x >> tz(x) into a fresh scratch copy; returns its size. */
static mp_limb_t *odd_part(const mp_limb_t *a, long n, uint64_t tz, long *on)
{
    long limbs = (long)(tz / 64);
    unsigned bits = tz % 64;
    long m = n - limbs;
    mp_limb_t *t = big_alloc((size_t)m * sizeof(mp_limb_t));
    if (bits)
        mpn_rshift(t, a + limbs, m, bits);
    else
        big_copy(t, a + limbs, m);
    *on = big_norm(t, m);
    return t;
}

long gcd_mag(mp_limb_t *out, const mp_limb_t *a, long ma, const mp_limb_t *b,
             long mb)
{
    if (ma == 0 || mb == 0) {
        const mp_limb_t *s = ma == 0 ? b : a;
        long n = ma == 0 ? mb : ma;
        big_copy(out, s, n);
        return n;
    }
    /* mpn_gcd wants odd operands, the larger first: take the common
       power of two out first. */
    uint64_t ta = trailing_zeros(a, ma), tb = trailing_zeros(b, mb);
    uint64_t k = ta < tb ? ta : tb;
    long xn, yn;
    mp_limb_t *x = odd_part(a, ma, ta, &xn);
    mp_limb_t *y = odd_part(b, mb, tb, &yn);
    if (cmp_mag(x, xn, y, yn) < 0) {
        mp_limb_t *t = x;
        x = y;
        y = t;
        long tn = xn;
        xn = yn;
        yn = tn;
    }
    mp_limb_t *g = big_alloc((size_t)yn * sizeof(mp_limb_t));
    long gn = mpn_gcd(g, x, xn, y, yn);
    gn = big_norm(g, gn);
    long n = lshift_mag(out, g, gn, k);
    big_free(g);
    big_free(y);
    big_free(x);
    return n;
}

static int gcd_cb(struct big_call *c)
{
    *c->rn = gcd_mag(c->out, c->a, pybig_abs_size(c->an), c->b,
                     pybig_abs_size(c->bn));
    return PYBIG_OK;
}

int pybig_gcd(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
              const mp_limb_t *b, long bn)
{
    struct big_call c = {
        .a = a, .an = an, .b = b, .bn = bn, .out = out, .rn = rn};
    return op_run(gcd_cb, &c);
}

long pybig_isqrt_bound(long an)
{
    long n = (pybig_abs_size(an) + 1) / 2;
    return n > 0 ? n : 1;
}

static int isqrt_cb(struct big_call *c)
{
    mpn_sqrtrem(c->out, NULL, c->a, c->an);
    *c->rn = big_norm(c->out, (c->an + 1) / 2);
    return PYBIG_OK;
}

int pybig_isqrt(mp_limb_t *out, long *rn, const mp_limb_t *a, long an)
{
    if (an < 0)
        return PYBIG_EISQRT_NEG;
    if (an == 0) {
        *rn = 0;
        return PYBIG_OK;
    }
    struct big_call c = {.a = a, .an = an, .out = out, .rn = rn};
    return op_run(isqrt_cb, &c);
}

/* ---- machine numbers ---- */

long pybig_from_uint64(mp_limb_t *out, uint64_t v)
{
    out[0] = v;
    return v != 0;
}

long pybig_from_int64(mp_limb_t *out, int64_t v)
{
    /* negate in unsigned arithmetic: INT64_MIN has no positive twin */
    uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    return with_sign(pybig_from_uint64(out, m), v < 0);
}

int pybig_to_int64(const mp_limb_t *a, long an, int64_t *v)
{
    long ma = pybig_abs_size(an);
    if (ma == 0) {
        *v = 0;
        return PYBIG_OK;
    }
    if (ma > 1)
        return PYBIG_EOVERFLOW;
    uint64_t m = a[0];
    if (an > 0) {
        if (m > (uint64_t)INT64_MAX)
            return PYBIG_EOVERFLOW;
        *v = (int64_t)m;
    } else {
        if (m > (uint64_t)INT64_MAX + 1)
            return PYBIG_EOVERFLOW;
        *v = (int64_t)(0 - m);
    }
    return PYBIG_OK;
}

int pybig_to_uint64(const mp_limb_t *a, long an, uint64_t *v)
{
    if (an < 0)
        return PYBIG_ENEG_UNSIGNED;
    if (an > 1)
        return PYBIG_EOVERFLOW;
    *v = an == 0 ? 0 : a[0];
    return PYBIG_OK;
}

long pybig_from_double_bound(double x)
{
    int e;
    frexp(x, &e);
    return e <= 0 ? 1 : e / 64 + 2;
}

long pybig_from_double(mp_limb_t *out, double x)
{
    bool neg = x < 0;
    x = trunc(fabs(x));
    if (x < 1.0)
        return 0;
    int e;
    double f = frexp(x, &e); /* x = f * 2**e, 0.5 <= f < 1 */
    mp_limb_t m = (mp_limb_t)ldexp(f, 53);
    long n;
    if (e <= 53) {
        /* trunc() made x an integer, so the shift loses only zeros */
        out[0] = m >> (53 - e);
        n = 1;
    } else {
        n = lshift_mag(out, &m, 1, (uint64_t)(e - 53));
    }
    return with_sign(n, neg);
}

int pybig_cmp_double(const mp_limb_t *a, long an, double x)
{
    /* x = xi + f exactly, with xi an integer and |f| < 1 of x's sign */
    double xi = trunc(x), f = x - xi;
    mp_limb_t buf[20];
    long xn = pybig_from_double(buf, xi);
    int c = pybig_cmp(a, an, buf, xn);
    if (c != 0)
        return c;
    return f > 0 ? -1 : f < 0 ? 1 : 0;
}

/* Rounds (q + f) * 2**exp to the nearest double, ties to even, where f in
   [0, 1) is nonzero exactly when sticky; subnormal results are rounded
   at 2**-1074.  Callers give q enough bits (>= 55) whenever sticky is
   set, so the rounding position is always inside q.  Returns false on
   overflow. */
bool round_to_double(uint64_t q, bool sticky, long exp, double *out)
{
    if (q == 0) {
        *out = 0.0;
        return true;
    }
    long lead = 63 - __builtin_clzl(q) + exp; /* exponent of the top bit */
    long unit = lead - 52 > -1074 ? lead - 52 : -1074;
    long drop = unit - exp; /* low bits of q below the unit */
    uint64_t m;
    if (drop <= 0) {
        m = q; /* exact: ldexp below cannot round */
        unit = exp;
    } else if (drop > 64) {
        m = 0; /* below half a unit */
    } else {
        uint64_t rem, half;
        if (drop == 64) {
            m = 0;
            rem = q;
            half = (uint64_t)1 << 63;
        } else {
            m = q >> drop;
            rem = q & (((uint64_t)1 << drop) - 1);
            half = (uint64_t)1 << (drop - 1);
        }
        if (rem > half || (rem == half && (sticky || (m & 1))))
            m++;
    }
    if (m == 0) {
        *out = 0.0;
        return true;
    }
    if (unit + (63 - __builtin_clzl(m)) > 1023)
        return false;
    *out = ldexp((double)m, (int)unit);
    return true;
}

int pybig_to_double(const mp_limb_t *a, long an, double *out)
{
    long ma = pybig_abs_size(an);
    if (ma == 0) {
        *out = 0.0;
        return PYBIG_OK;
    }
    uint64_t nbits = pybig_bit_length(a, ma);
    if (nbits > 1100)
        return PYBIG_EFLOAT_OVERFLOW;
    uint64_t q;
    bool sticky = false;
    long exp = 0;
    if (nbits <= 64) {
        q = a[0];
    } else {
        /* the top 64 bits and whether anything below them is set */
        uint64_t shift = nbits - 64;
        long li = (long)(shift / 64);
        unsigned bit = shift % 64;
        if (bit == 0) {
            q = a[li];
        } else {
            q = (a[li] >> bit) | (a[li + 1] << (64 - bit));
            sticky = (a[li] & (((mp_limb_t)1 << bit) - 1)) != 0;
        }
        for (long i = 0; i < li && !sticky; i++)
            sticky = a[i] != 0;
        exp = (long)shift;
    }
    double d;
    if (!round_to_double(q, sticky, exp, &d))
        return PYBIG_EFLOAT_OVERFLOW;
    *out = an < 0 ? -d : d;
    return PYBIG_OK;
}

/* a / b: see doc/pystm-bigint.md.  With e = bits(a) - bits(b), the
   quotient lies in (2**(e-1), 2**(e+1)); scaling by 2**s, s = 56 - e,
   makes the integer quotient Q have 56 or 57 bits, enough to round
   correctly to 53 bits or fewer (subnormals), with the remainder as the
   sticky bit. */
static int truediv_inner(const mp_limb_t *a, long an, const mp_limb_t *b,
                         long bn, double *out)
{
    long ma = pybig_abs_size(an), mb = pybig_abs_size(bn);
    bool neg = (an < 0) != (bn < 0);
    long e = (long)pybig_bit_length(a, ma) - (long)pybig_bit_length(b, mb);
    if (e > 1025)
        return PYBIG_ETRUEDIV_OVERFLOW;
    if (e < -1077) {
        /* less than half the smallest subnormal */
        *out = neg ? -0.0 : 0.0;
        return PYBIG_OK;
    }
    long s = 56 - e;
    const mp_limb_t *np = a, *dp = b;
    long nn = ma, dn = mb;
    mp_limb_t *tmp;
    if (s >= 0) {
        tmp = big_alloc((size_t)(ma + s / 64 + 1) * sizeof(mp_limb_t));
        nn = lshift_mag(tmp, a, ma, (uint64_t)s);
        np = tmp;
    } else {
        tmp = big_alloc((size_t)(mb + (-s) / 64 + 1) * sizeof(mp_limb_t));
        dn = lshift_mag(tmp, b, mb, (uint64_t)-s);
        dp = tmp;
    }
    /* nn >= dn: the quotient is at least 2**55 */
    mp_limb_t *qr = big_alloc((size_t)(nn + 1) * sizeof(mp_limb_t));
    mp_limb_t *q = qr, *r = qr + (nn - dn + 1);
    mpn_tdiv_qr(q, r, 0, np, nn, dp, dn);
    uint64_t qv = q[0];
    bool sticky = !mpn_zero_p(r, dn);
    big_free(qr);
    big_free(tmp);
    double d;
    if (!round_to_double(qv, sticky, -s, &d))
        return PYBIG_ETRUEDIV_OVERFLOW;
    *out = neg ? -d : d;
    return PYBIG_OK;
}

static int truediv_cb(struct big_call *c)
{
    return truediv_inner(c->a, c->an, c->b, c->bn, c->p);
}

int pybig_truediv(const mp_limb_t *a, long an, const mp_limb_t *b, long bn,
                  double *out)
{
    if (bn == 0)
        return PYBIG_ETRUEDIVZERO;
    if (an == 0) {
        *out = bn < 0 ? -0.0 : 0.0;
        return PYBIG_OK;
    }
    long ma = pybig_abs_size(an), mb = pybig_abs_size(bn);
    const uint64_t exact = (uint64_t)1 << 53;
    if (ma == 1 && mb == 1 && a[0] <= exact && b[0] <= exact) {
        /* both exact as doubles: IEEE division rounds correctly */
        double d = (double)a[0] / (double)b[0];
        *out = (an < 0) != (bn < 0) ? -d : d;
        return PYBIG_OK;
    }
    struct big_call c = {.a = a, .an = an, .b = b, .bn = bn, .p = out};
    return op_run(truediv_cb, &c);
}

int64_t pybig_hash(const mp_limb_t *a, long an)
{
    const mp_limb_t modulus = ((mp_limb_t)1 << 61) - 1;
    long ma = pybig_abs_size(an);
    if (ma == 0)
        return 0;
    int64_t h = (int64_t)mpn_mod_1(a, ma, modulus);
    if (an < 0)
        h = -h;
    return h == -1 ? -2 : h;
}

/* ---- bytes ---- */

int pybig_to_bytes(const mp_limb_t *a, long an, unsigned char *out, size_t len,
                   bool little_endian, bool is_signed)
{
    bool neg = an < 0;
    long ma = pybig_abs_size(an);
    if (neg && !is_signed)
        return PYBIG_ENEG_UNSIGNED;
    /* bits needed: of |a| for a nonnegative, of |a| - 1 for a negative
       (-2**(k-1) fits in k signed bits), plus a sign bit if signed */
    uint64_t bits = pybig_bit_length(a, ma);
    if (neg && mpn_popcount(a, ma) == 1)
        bits--;
    /* the sign bit; CPython lets -1 go without one: (-1).to_bytes(0,
       'big', signed=True) == b'' */
    if (is_signed && ma != 0 && bits != 0)
        bits++;
    if (bits > (uint64_t)len * 8 && (len >> 60) == 0)
        return PYBIG_ETOO_BIG_BYTES;
    mp_limb_t borrow = 1, limb = 0;
    for (size_t i = 0; i < len; i++) {
        if (i % 8 == 0)
            limb = tc_limb(a, ma, (long)(i / 8), neg, &borrow);
        unsigned char byte = (unsigned char)(limb >> (8 * (i % 8)));
        out[little_endian ? i : len - 1 - i] = byte;
    }
    return PYBIG_OK;
}

long pybig_from_bytes_bound(size_t len)
{
    return len == 0 ? 1 : (long)((len + 7) / 8);
}

long pybig_from_bytes(mp_limb_t *out, const unsigned char *bytes, size_t len,
                      bool little_endian, bool is_signed)
{
    if (len == 0)
        return 0;
    long n = (long)((len + 7) / 8);
    memset(out, 0, (size_t)n * sizeof(mp_limb_t));
    for (size_t i = 0; i < len; i++) {
        unsigned char byte = bytes[little_endian ? i : len - 1 - i];
        out[i / 8] |= (mp_limb_t)byte << (8 * (i % 8));
    }
    unsigned char top = bytes[little_endian ? len - 1 : 0];
    if (!is_signed || !(top & 0x80))
        return big_norm(out, n);
    /* value - 2**(8*len): the magnitude is the two's complement within
       8*len bits */
    mpn_neg(out, out, n);
    unsigned used = (unsigned)(len % 8) * 8;
    if (used != 0)
        out[n - 1] &= ((mp_limb_t)1 << used) - 1;
    return -big_norm(out, n);
}
