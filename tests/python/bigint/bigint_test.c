/* bigint_test.c -- checks interp/objects/bigint*.c against CPython.
 *
 * Reads cases made by gen_cases.py on stdin, one per line, tab-separated:
 *     op  arg...  expected
 * Values are encoded as text so both sides compare strings:
 *     ints    signed hex ("-1f", "0")
 *     floats  "x" + the 16 hex digits of the IEEE bits
 *     bytes   "s" + hex of the bytes (str arguments are UTF-8 bytes)
 *     errors  "E" + exception class + ":" + message
 * Every result buffer is malloc'd at exactly the size the bound function
 * asked for, so ASan catches any write past a bound; results are also
 * checked to be normalized.  Prints "N passed, N failed" and the first
 * mismatches; exits 1 on any failure.
 */
#include "bigint.h"
#include "unicode.h"

#include <inttypes.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- growable text ---- */

typedef struct {
    char *s;
    size_t len, cap;
} text;

static void t_putn(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        if (t->s == NULL)
            abort();
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void t_puts(text *t, const char *s)
{
    t_putn(t, s, strlen(s));
}

static void t_printf(text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void t_printf(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    t_puts(t, buf);
}

/* ---- values ---- */

typedef struct {
    mp_limb_t *d;
    long n;
} big;

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return (c | 0x20) - 'a' + 10;
}

/* Signed hex to limbs, independent of the code under test. */
static big parse_int(const char *s)
{
    bool neg = *s == '-';
    s += neg;
    size_t len = strlen(s);
    long n = (long)((len + 15) / 16);
    big b = {calloc((size_t)n + 1, sizeof(mp_limb_t)), 0};
    for (size_t i = 0; i < len; i++) {
        size_t bit = (len - 1 - i) * 4;
        b.d[bit / 64] |= (mp_limb_t)hexval(s[i]) << (bit % 64);
    }
    while (n > 0 && b.d[n - 1] == 0)
        n--;
    b.n = neg ? -n : n;
    return b;
}

static int64_t parse_small(const char *s)
{
    big b = parse_int(s);
    int64_t v = b.n == 0 ? 0 : (int64_t)b.d[0];
    if (b.n < 0)
        v = -v;
    free(b.d);
    return v;
}

static unsigned char *parse_bytes(const char *s, size_t *len)
{
    s++; /* 's' */
    *len = strlen(s) / 2;
    unsigned char *b = malloc(*len + 1);
    for (size_t i = 0; i < *len; i++)
        b[i] = (unsigned char)(hexval(s[2 * i]) * 16 + hexval(s[2 * i + 1]));
    b[*len] = 0;
    return b;
}

static double parse_float(const char *s)
{
    uint64_t bits = strtoull(s + 1, NULL, 16);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static void put_int(text *t, const mp_limb_t *d, long n)
{
    long m = n < 0 ? -n : n;
    if (m == 0) {
        t_puts(t, "0");
        return;
    }
    if (n < 0)
        t_puts(t, "-");
    t_printf(t, "%" PRIx64, (uint64_t)d[m - 1]);
    for (long i = m - 2; i >= 0; i--)
        t_printf(t, "%016" PRIx64, (uint64_t)d[i]);
}

static void put_small(text *t, int64_t v)
{
    if (v < 0)
        t_printf(t, "-%" PRIx64, (uint64_t)0 - (uint64_t)v);
    else
        t_printf(t, "%" PRIx64, (uint64_t)v);
}

static void put_float(text *t, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof d);
    t_printf(t, "x%016" PRIx64, bits);
}

static void put_bytes(text *t, const unsigned char *b, size_t n)
{
    t_puts(t, "s");
    for (size_t i = 0; i < n; i++)
        t_printf(t, "%02x", b[i]);
}

static const char *exc_name(int code)
{
    switch (pybig_error_type(code)) {
    case PYBIG_EXC_MEMORY:
        return "MemoryError";
    case PYBIG_EXC_ZERO_DIVISION:
        return "ZeroDivisionError";
    case PYBIG_EXC_OVERFLOW:
        return "OverflowError";
    case PYBIG_EXC_VALUE:
        return "ValueError";
    default:
        return "?";
    }
}

static void put_error(text *t, int code)
{
    t_printf(t, "E%s:%s", exc_name(code), pybig_error_message(code));
}

/* ---- checks on results ---- */

static int internal_errors;
static const char *cur_line;

static void check_result(const mp_limb_t *d, long n, long bound,
                         const char *what)
{
    long m = n < 0 ? -n : n;
    if (m > bound || (m > 0 && d[m - 1] == 0)) {
        if (internal_errors++ < 10)
            fprintf(stderr,
                    "%s: size %ld, bound %ld, top limb zero: %d\n  %s\n", what,
                    n, bound, m > 0 && d[m - 1] == 0, cur_line);
    }
}

static mp_limb_t *alloc_limbs(long bound)
{
    if (bound < 1) {
        fprintf(stderr, "bound %ld < 1\n  %s\n", bound, cur_line);
        internal_errors++;
        bound = 1;
    }
    return malloc((size_t)bound * sizeof(mp_limb_t));
}

/* ---- operations ---- */

typedef long (*binfn)(mp_limb_t *, const mp_limb_t *, long, const mp_limb_t *,
                      long);
typedef int (*binfn_st)(mp_limb_t *, long *, const mp_limb_t *, long,
                        const mp_limb_t *, long);

static void do_binary(text *out, big a, big b, long bound, binfn f)
{
    mp_limb_t *r = alloc_limbs(bound);
    long n = f(r, a.d, a.n, b.d, b.n);
    check_result(r, n, bound, "binary");
    put_int(out, r, n);
    free(r);
}

static void do_binary_st(text *out, big a, big b, long bound, binfn_st f)
{
    mp_limb_t *r = alloc_limbs(bound);
    long n;
    int st = f(r, &n, a.d, a.n, b.d, b.n);
    if (st != PYBIG_OK) {
        put_error(out, st);
    } else {
        check_result(r, n, bound, "binary_st");
        put_int(out, r, n);
    }
    free(r);
}

/* int(s, base) as pystm's int() will do it: Unicode whitespace and
   decimal digits made ASCII first, the original kept for the message. */
static void do_from_str(text *out, const unsigned char *s, size_t len, int base,
                        long limit)
{
    unsigned char *ascii = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
        uint32_t cp = extra == 0 ? c : c & (0x3f >> extra);
        for (int k = 1; k <= extra && i + k < len; k++)
            cp = (cp << 6) | (s[i + k] & 0x3f);
        i += 1 + (size_t)extra;
        if (cp < 0x7f)
            ascii[n++] = (unsigned char)cp;
        else if (pyuni_is_space(cp))
            ascii[n++] = ' ';
        else if (pyuni_decimal(cp) >= 0)
            ascii[n++] = (unsigned char)('0' + pyuni_decimal(cp));
        else
            ascii[n++] = '?';
    }
    pybig_parsed p;
    int st = pybig_parse(&p, (const char *)ascii, n, base, limit);
    if (st == PYBIG_OK) {
        long bound = pybig_from_str_bound(&p);
        mp_limb_t *r = alloc_limbs(bound);
        long rn;
        /* as if a collection had moved the string meanwhile */
        unsigned char *moved = malloc(n + 1);
        memcpy(moved, ascii, n);
        memset(ascii, '#', n);
        pybig_parsed_move(&p, (const char *)ascii, (const char *)moved);
        st = pybig_from_str(r, &rn, &p);
        free(moved);
        if (st == PYBIG_OK) {
            check_result(r, rn, bound, "from_str");
            put_int(out, r, rn);
        }
        free(r);
    }
    if (st == PYBIG_EINVALID_LITERAL) {
        char small[8];
        size_t need = pybig_invalid_literal_message(small, sizeof small, base,
                                                    (const char *)s, len,
                                                    pyuni_is_printable);
        char *msg = malloc(need + 1);
        size_t got = pybig_invalid_literal_message(
            msg, need + 1, base, (const char *)s, len, pyuni_is_printable);
        if (got != need || strlen(msg) != need || strlen(small) != 7)
            internal_errors++;
        t_printf(out, "EValueError:");
        t_puts(out, msg);
        free(msg);
    } else if (st == PYBIG_ESTR_LIMIT_FROM) {
        char msg[300];
        pybig_str_limit_message(msg, sizeof msg, st, limit, p.ndigits);
        t_printf(out, "EValueError:%s", msg);
    } else if (st != PYBIG_OK) {
        put_error(out, st);
    }
    free(ascii);
}

static void run_op(text *out, char **f, int nf)
{
    const char *op = f[0];
    big a = {0}, b = {0}, c = {0};
    if (nf > 1 && f[1][0] != 's' && f[1][0] != 'x')
        a = parse_int(f[1]);
    if (nf > 2 && f[2][0] != 's' && f[2][0] != 'x')
        b = parse_int(f[2]);
    if (nf > 3 && f[3][0] != 's' && f[3][0] != 'x')
        c = parse_int(f[3]);

    if (!strcmp(op, "add")) {
        do_binary(out, a, b, pybig_add_bound(a.n, b.n), pybig_add);
    } else if (!strcmp(op, "sub")) {
        do_binary(out, a, b, pybig_add_bound(a.n, b.n), pybig_sub);
    } else if (!strcmp(op, "mul")) {
        do_binary_st(out, a, b, pybig_mul_bound(a.n, b.n), pybig_mul);
    } else if (!strcmp(op, "sqr")) {
        do_binary_st(out, a, a, pybig_mul_bound(a.n, a.n), pybig_mul);
    } else if (!strcmp(op, "floordiv")) {
        do_binary_st(out, a, b, pybig_floordiv_bound(a.n, b.n), pybig_floordiv);
    } else if (!strcmp(op, "mod")) {
        do_binary_st(out, a, b, pybig_mod_bound(a.n, b.n), pybig_mod);
    } else if (!strcmp(op, "divmod")) {
        long qb = pybig_floordiv_bound(a.n, b.n);
        long rb = pybig_mod_bound(a.n, b.n);
        mp_limb_t *q = alloc_limbs(qb), *r = alloc_limbs(rb);
        long qn, rn;
        int st = pybig_divmod(q, &qn, r, &rn, a.d, a.n, b.d, b.n);
        if (st != PYBIG_OK) {
            put_error(out, st);
        } else {
            check_result(q, qn, qb, "divmod q");
            check_result(r, rn, rb, "divmod r");
            put_int(out, q, qn);
            t_puts(out, ",");
            put_int(out, r, rn);
        }
        free(q);
        free(r);
    } else if (!strcmp(op, "neg") || !strcmp(op, "abs")) {
        long bound = pybig_abs_size(a.n) > 0 ? pybig_abs_size(a.n) : 1;
        mp_limb_t *r = alloc_limbs(bound);
        long n = op[0] == 'n' ? pybig_neg(r, a.d, a.n) : pybig_abs(r, a.d, a.n);
        put_int(out, r, n);
        free(r);
    } else if (!strcmp(op, "cmp")) {
        put_small(out, pybig_cmp(a.d, a.n, b.d, b.n));
    } else if (!strcmp(op, "pow")) {
        long bound = pybig_pow_bound(a.d, a.n, b.d, b.n);
        if (bound == PYBIG_TOO_BIG) {
            put_error(out, PYBIG_ENOMEM);
        } else {
            do_binary_st(out, a, b, bound, pybig_pow);
        }
    } else if (!strcmp(op, "powmod")) {
        long bound = pybig_powmod_bound(a.n, b.n, c.n);
        mp_limb_t *r = alloc_limbs(bound);
        long n;
        int st = pybig_powmod(r, &n, a.d, a.n, b.d, b.n, c.d, c.n);
        if (st != PYBIG_OK) {
            put_error(out, st);
        } else {
            check_result(r, n, bound, "powmod");
            put_int(out, r, n);
        }
        free(r);
    } else if (!strcmp(op, "lshift") || !strcmp(op, "rshift")) {
        uint64_t count = (uint64_t)parse_small(f[2]);
        bool left = op[0] == 'l';
        long bound = left ? pybig_lshift_bound(a.n, count)
                          : pybig_rshift_bound(a.n, count);
        if (bound == PYBIG_TOO_BIG) {
            put_error(out, PYBIG_ENOMEM);
        } else {
            mp_limb_t *r = alloc_limbs(bound);
            long n = left ? pybig_lshift(r, a.d, a.n, count)
                          : pybig_rshift(r, a.d, a.n, count);
            check_result(r, n, bound, "shift");
            put_int(out, r, n);
            free(r);
        }
    } else if (!strcmp(op, "and")) {
        do_binary(out, a, b, pybig_bitop_bound(a.n, b.n), pybig_and);
    } else if (!strcmp(op, "or")) {
        do_binary(out, a, b, pybig_bitop_bound(a.n, b.n), pybig_or);
    } else if (!strcmp(op, "xor")) {
        do_binary(out, a, b, pybig_bitop_bound(a.n, b.n), pybig_xor);
    } else if (!strcmp(op, "invert")) {
        long bound = pybig_invert_bound(a.n);
        mp_limb_t *r = alloc_limbs(bound);
        long n = pybig_invert(r, a.d, a.n);
        check_result(r, n, bound, "invert");
        put_int(out, r, n);
        free(r);
    } else if (!strcmp(op, "bit_length")) {
        put_small(out, (int64_t)pybig_bit_length(a.d, a.n));
    } else if (!strcmp(op, "bit_count")) {
        put_small(out, (int64_t)pybig_bit_count(a.d, a.n));
    } else if (!strcmp(op, "gcd")) {
        do_binary_st(out, a, b, pybig_gcd_bound(a.n, b.n), pybig_gcd);
    } else if (!strcmp(op, "isqrt")) {
        long bound = pybig_isqrt_bound(a.n);
        mp_limb_t *r = alloc_limbs(bound);
        long n;
        int st = pybig_isqrt(r, &n, a.d, a.n);
        if (st != PYBIG_OK) {
            put_error(out, st);
        } else {
            check_result(r, n, bound, "isqrt");
            put_int(out, r, n);
        }
        free(r);
    } else if (!strcmp(op, "to_int64") || !strcmp(op, "to_uint64")) {
        int st;
        if (op[3] == 'i') {
            int64_t v;
            st = pybig_to_int64(a.d, a.n, &v);
            if (st == PYBIG_OK) {
                /* and back */
                mp_limb_t r[1];
                long n = pybig_from_int64(r, v);
                put_int(out, r, n);
            }
        } else {
            uint64_t v;
            st = pybig_to_uint64(a.d, a.n, &v);
            if (st == PYBIG_OK) {
                mp_limb_t r[1];
                long n = pybig_from_uint64(r, v);
                put_int(out, r, n);
            }
        }
        if (st != PYBIG_OK)
            put_error(out, st);
    } else if (!strcmp(op, "from_double")) {
        double x = parse_float(f[1]);
        long bound = pybig_from_double_bound(x);
        mp_limb_t *r = alloc_limbs(bound);
        long n = pybig_from_double(r, x);
        check_result(r, n, bound, "from_double");
        put_int(out, r, n);
        free(r);
    } else if (!strcmp(op, "cmp_double")) {
        put_small(out, pybig_cmp_double(a.d, a.n, parse_float(f[2])));
    } else if (!strcmp(op, "to_double")) {
        double d;
        int st = pybig_to_double(a.d, a.n, &d);
        if (st != PYBIG_OK)
            put_error(out, st);
        else
            put_float(out, d);
    } else if (!strcmp(op, "truediv")) {
        double d;
        int st = pybig_truediv(a.d, a.n, b.d, b.n, &d);
        if (st != PYBIG_OK)
            put_error(out, st);
        else
            put_float(out, d);
    } else if (!strcmp(op, "hash")) {
        put_small(out, pybig_hash(a.d, a.n));
    } else if (!strcmp(op, "to_bytes")) {
        /* to_bytes a len little signed */
        size_t len = (size_t)parse_small(f[2]);
        bool little = parse_small(f[3]) != 0, sgn = parse_small(f[4]) != 0;
        unsigned char *buf = malloc(len + 1);
        int st = pybig_to_bytes(a.d, a.n, buf, len, little, sgn);
        if (st != PYBIG_OK)
            put_error(out, st);
        else
            put_bytes(out, buf, len);
        free(buf);
    } else if (!strcmp(op, "from_bytes")) {
        size_t len;
        unsigned char *bytes = parse_bytes(f[1], &len);
        bool little = parse_small(f[2]) != 0, sgn = parse_small(f[3]) != 0;
        long bound = pybig_from_bytes_bound(len);
        mp_limb_t *r = alloc_limbs(bound);
        long n = pybig_from_bytes(r, bytes, len, little, sgn);
        check_result(r, n, bound, "from_bytes");
        put_int(out, r, n);
        free(r);
        free(bytes);
    } else if (!strcmp(op, "to_str")) {
        /* to_str a base limit */
        int base = (int)parse_small(f[2]);
        long limit = (long)parse_small(f[3]);
        size_t bound = pybig_to_str_bound(a.n, base);
        char *buf = malloc(bound);
        size_t len;
        int st = pybig_to_str(buf, &len, a.d, a.n, base, limit);
        if (st == PYBIG_ESTR_LIMIT_TO) {
            char msg[300];
            pybig_str_limit_message(msg, sizeof msg, st, limit, 0);
            t_printf(out, "EValueError:%s", msg);
        } else if (st != PYBIG_OK) {
            put_error(out, st);
        } else {
            if (len > bound)
                internal_errors++;
            put_bytes(out, (unsigned char *)buf, len);
        }
        free(buf);
    } else if (!strcmp(op, "from_str")) {
        /* from_str s base limit */
        size_t len;
        unsigned char *s = parse_bytes(f[1], &len);
        do_from_str(out, s, len, (int)parse_small(f[2]),
                    (long)parse_small(f[3]));
        free(s);
    } else {
        t_printf(out, "unknown op %s", op);
    }
    free(a.d);
    free(b.d);
    free(c.d);
}

/* ---- running out of memory ----
   Under an address-space limit just above what is mapped, operations on
   big operands must fail with PYBIG_ENOMEM (GMP's temporaries and ours
   cannot be allocated), free every block they took, and work again once
   memory is back. */

static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

static size_t mapped_bytes(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    return pages * 4096;
}

static int oom_test(void)
{
    const long n = 1 << 19; /* 4 MB operands */
    mp_limb_t *a = malloc(n * sizeof(mp_limb_t)), *b = malloc(n * sizeof *b);
    mp_limb_t *r = malloc(2 * n * sizeof *r), *q = malloc(2 * n * sizeof *q);
    char *text = malloc(pybig_to_str_bound(n, 10));
    for (long i = 0; i < n; i++) {
        a[i] = (mp_limb_t)i * 0x9e3779b97f4a7c15u + 1;
        b[i] = (mp_limb_t)i * 0xc2b2ae3d27d4eb4fu + 7;
    }
    long passed = 0, failed = 0;
    mapped_bytes(); /* stdio's first-use allocations out of the way */
    size_t before = heap_in_use();
    struct rlimit old;
    getrlimit(RLIMIT_AS, &old);
    long nomem = 0;
    for (int step = 0; step < 28; step++) {
        /* headroom from 1 MB to 64 MB: some operations fail at their
           first allocation, some after several */
        int round = step % 4;
        struct rlimit lim = old;
        lim.rlim_cur = mapped_bytes() + ((size_t)1 << (20 + step / 4));
        setrlimit(RLIMIT_AS, &lim);
        long rn, qn;
        size_t len;
        int st;
        switch (round) {
        case 0:
            st = pybig_mul(r, &rn, a, n, b, n);
            break;
        case 1:
            st = pybig_mul(r, &rn, a, n, a, n);
            break;
        case 2:
            st = pybig_divmod(q, &qn, r, &rn, r, 2 * n - 1, b, n / 2);
            break;
        default:
            st = pybig_to_str(text, &len, a, n, 10, 0);
            break;
        }
        setrlimit(RLIMIT_AS, &old);
        size_t after = heap_in_use();
        nomem += st == PYBIG_ENOMEM;
        /* glibc keeps a few KB of its own when mmap fails; a leak of the
           operation's blocks would be megabytes */
        if ((st == PYBIG_ENOMEM || st == PYBIG_OK) &&
            pybig_debug_live_blocks() == 0 && after < before + 65536) {
            passed++;
        } else {
            fprintf(stderr, "oom step %d: status %d, heap %zu -> %zu\n", step,
                    st, before, after);
            failed++;
        }
    }
    if (nomem < 4) {
        fprintf(stderr, "oom: only %ld operations ran out of memory\n", nomem);
        failed++;
    }
    /* and everything works again */
    long rn;
    mp_limb_t small[2] = {3, 0};
    if (pybig_mul(r, &rn, a, n, small, 1) == PYBIG_OK && rn >= n &&
        pybig_mul(r, &rn, a, n, b, n) == PYBIG_OK && rn >= 2 * n - 1)
        passed++;
    else
        failed++;
    printf("out of memory: %ld passed, %ld failed\n", passed, failed);
    fflush(stdout);
    free(a);
    free(b);
    free(r);
    free(q);
    free(text);
    return failed != 0;
}

/* ---- threads ----
   The only state is per thread: four threads (more than this machine's
   cores) run big multiplications, divisions and radix conversions at once
   and check identities on their results. */

static void *thread_main(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    long bad = 0;
    enum { N = 600 };
    mp_limb_t *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
    mp_limb_t *p = malloc(2 * N * sizeof *p), *q = malloc(2 * N * sizeof *q);
    mp_limb_t *r = malloc(2 * N * sizeof *r);
    char *text = malloc(pybig_to_str_bound(N, 10));
    for (int iter = 0; iter < 300; iter++) {
        long an = 1 + rand_r(&seed) % N, bn = 1 + rand_r(&seed) % N;
        for (long i = 0; i < an; i++)
            a[i] = (mp_limb_t)rand_r(&seed) << 33 ^ (mp_limb_t)rand_r(&seed);
        for (long i = 0; i < bn; i++)
            b[i] = (mp_limb_t)rand_r(&seed) << 33 ^ (mp_limb_t)rand_r(&seed);
        a[an - 1] |= 1;
        b[bn - 1] |= 1;
        long pn, qn, rn;
        size_t len;
        /* (a * b) // b == a, remainder 0 */
        if (pybig_mul(p, &pn, a, an, b, -bn) != PYBIG_OK ||
            pybig_divmod(q, &qn, r, &rn, p, pn, b, -bn) != PYBIG_OK ||
            qn != an || rn != 0 || mpn_cmp(q, a, an) != 0)
            bad++;
        /* int(str(a)) == a */
        pybig_parsed parsed;
        if (pybig_to_str(text, &len, a, an, 10, 0) != PYBIG_OK ||
            pybig_parse(&parsed, text, len, 10, 0) != PYBIG_OK ||
            pybig_from_str(q, &qn, &parsed) != PYBIG_OK || qn != an ||
            mpn_cmp(q, a, an) != 0)
            bad++;
        if (pybig_debug_live_blocks() != 0)
            bad++;
    }
    free(a);
    free(b);
    free(p);
    free(q);
    free(r);
    free(text);
    return (void *)(uintptr_t)bad;
}

static int thread_test(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, thread_main, (void *)(uintptr_t)(i + 1));
    long bad = 0;
    for (int i = 0; i < 4; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        bad += (long)(uintptr_t)ret;
    }
    printf("threads: %d passed, %ld failed\n", bad ? 0 : 4, bad);
    return bad != 0;
}

int main(int argc, char **argv)
{
    pybig_setup();
    if (argc > 1 && strcmp(argv[1], "--oom") == 0)
        return oom_test();
    if (argc > 1 && strcmp(argv[1], "--threads") == 0)
        return thread_test();
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long passed = 0, failed = 0;
    text out = {0};
    while ((got = getline(&line, &cap, stdin)) > 0) {
        if (line[got - 1] == '\n')
            line[--got] = '\0';
        if (got == 0 || line[0] == '#')
            continue;
        cur_line = line;
        char *f[8];
        int nf = 0;
        char *save = NULL;
        for (char *tok = strtok_r(line, "\t", &save); tok && nf < 8;
             tok = strtok_r(NULL, "\t", &save))
            f[nf++] = tok;
        if (nf < 2)
            continue;
        out.len = 0;
        t_puts(&out, "");
        int before = internal_errors;
        run_op(&out, f, nf - 1);
        const char *expected = f[nf - 1];
        if (strcmp(out.s, expected) == 0 && internal_errors == before) {
            passed++;
        } else {
            if (failed < 20) {
                fprintf(stderr, "FAIL %s", f[0]);
                for (int i = 1; i < nf - 1; i++)
                    fprintf(stderr, " %.200s", f[i]);
                fprintf(stderr, "\n  expected %.300s\n  got      %.300s\n",
                        expected, out.s);
            }
            failed++;
        }
    }
    free(line);
    free(out.s);
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed != 0 || passed == 0;
}
