/* bigint_text.c -- big ints to and from text, exact against CPython 3.11:
 * str()/format digits in bases 2..36, int(s, base) syntax (whitespace,
 * sign, PEP 515 underscores, prefixes, base 0), the int <-> str digit
 * limit of sys.set_int_max_str_digits, and the ValueError messages.
 * The digit work is GMP's mpn_get_str/mpn_set_str (subquadratic).
 */
#include "bigint.h"
#include "bigint_impl.h"

#include <math.h>
#include <stdio.h>

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* CPython only checks the limit above this many digits
   (_PY_LONG_MAX_STR_DIGITS_THRESHOLD); sys.set_int_max_str_digits refuses
   smaller nonzero limits anyway. */
#define STR_DIGITS_THRESHOLD 640

/* ---- int -> text ---- */

size_t pybig_to_str_bound(long an, int base)
{
    long ma = pybig_abs_size(an);
    /* digits <= bits / log2(base) + 1; the margin covers rounding in
       the double and mpn_get_str's extra character */
    double d = 64.0 * (double)ma / log2((double)base);
    return (size_t)(d + d * 1e-12) + 4;
}

/* Bases 2, 4, 8, 16, 32: each digit is a fixed group of bits, read
   straight from the limbs, most significant first. */
static size_t pow2_to_str(char *out, const mp_limb_t *a, long ma, int base)
{
    unsigned k = (unsigned)__builtin_ctz((unsigned)base); /* bits a digit */
    uint64_t nbits = pybig_bit_length(a, ma);
    size_t n = (size_t)((nbits + k - 1) / k);
    unsigned mask = (unsigned)base - 1;
    if (64 % k == 0) {
        /* digits never straddle limbs: whole limbs, top one partial */
        unsigned per = 64 / k;
        size_t i = 0;
        for (long li = ma - 1; li >= 0; li--) {
            mp_limb_t v = a[li];
            unsigned j =
                li == ma - 1 ? (unsigned)(n - (size_t)(ma - 1) * per) : per;
            while (j-- > 0)
                out[i++] = digit_chars[(v >> (j * k)) & mask];
        }
        return n;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t bit = (uint64_t)(n - 1 - i) * k; /* lowest bit of digit */
        uint64_t li = bit / 64;
        unsigned sh = bit % 64;
        mp_limb_t v = a[li] >> sh;
        if (sh + k > 64 && (long)li + 1 < ma)
            v |= a[li + 1] << (64 - sh);
        out[i] = digit_chars[v & mask];
    }
    return n;
}

static int to_str_inner(char *out, size_t *len, const mp_limb_t *a, long an,
                        int base, long max_str_digits)
{
    long ma = pybig_abs_size(an);
    bool neg = an < 0;
    bool limited = base == 10 && max_str_digits > 0;
    uint64_t nbits = pybig_bit_length(a, ma);
    if (limited) {
        /* digits >= (nbits - 1) * log10(2) + 1: refuse without converting
           when that alone exceeds the limit (CPython too decides huge
           values from their size first) */
        double low = (double)(nbits - 1) * 0.30102999566398114;
        if (low > (double)max_str_digits + 1)
            return PYBIG_ESTR_LIMIT_TO;
    }
    /* mpn_get_str destroys its input */
    mp_limb_t *t = big_limbs(ma + 1);
    big_copy(t, a, ma);
    unsigned char *raw = (unsigned char *)out + neg;
    size_t n = mpn_get_str(raw, base, t, ma);
    big_free(t);
    size_t skip = 0;
    while (skip + 1 < n && raw[skip] == 0)
        skip++;
    n -= skip;
    if (limited && n > (size_t)max_str_digits)
        return PYBIG_ESTR_LIMIT_TO;
    for (size_t i = 0; i < n; i++)
        raw[i] = (unsigned char)digit_chars[raw[i + skip]];
    if (neg)
        out[0] = '-';
    *len = n + neg;
    return PYBIG_OK;
}

static int to_str_cb(struct big_call *c)
{
    return to_str_inner(c->p, c->len, c->a, c->an, c->base, c->n);
}

int pybig_to_str(char *out, size_t *len, const mp_limb_t *a, long an, int base,
                 long max_str_digits)
{
    if (an == 0) {
        out[0] = '0';
        *len = 1;
        return PYBIG_OK;
    }
    if ((base & (base - 1)) == 0) {
        /* no limit, no scratch */
        bool neg = an < 0;
        *len = pow2_to_str(out + neg, a, pybig_abs_size(an), base) + neg;
        if (neg)
            out[0] = '-';
        return PYBIG_OK;
    }
    struct big_call c = {.a = a,
                         .an = an,
                         .p = out,
                         .len = len,
                         .base = base,
                         .n = max_str_digits};
    return op_run(to_str_cb, &c);
}

/* ---- text -> int ---- */

static int digit_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* C's isspace in the C locale, as CPython's Py_ISSPACE. */
static bool is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool prefix_matches(int base, unsigned char c)
{
    c |= 0x20; /* lower case */
    return (base == 16 && c == 'x') || (base == 8 && c == 'o') ||
           (base == 2 && c == 'b');
}

int pybig_parse(pybig_parsed *p, const char *s, size_t len, int base,
                long max_str_digits)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    if ((base != 0 && base < 2) || base > 36)
        return PYBIG_EBASE;
    memset(p, 0, sizeof *p);
    while (i < len && is_space(u[i]))
        i++;
    if (i < len && (u[i] == '+' || u[i] == '-')) {
        p->negative = u[i] == '-';
        i++;
    }
    /* a character past the end reads as NUL, which no rule accepts */
#define AT(k) ((k) < len ? u[k] : 0)
    bool zero_only = false; /* base 0 with a leading 0: "0", "00", "0_0" */
    if (base == 0) {
        if (AT(i) != '0')
            base = 10;
        else if ((AT(i + 1) | 0x20) == 'x')
            base = 16;
        else if ((AT(i + 1) | 0x20) == 'o')
            base = 8;
        else if ((AT(i + 1) | 0x20) == 'b')
            base = 2;
        else {
            base = 10;
            zero_only = true;
        }
    }
    if (AT(i) == '0' && prefix_matches(base, AT(i + 1))) {
        i += 2;
        if (AT(i) == '_') /* one underscore may follow the prefix */
            i++;
    }
    if (AT(i) == '_')
        return PYBIG_EINVALID_LITERAL;
    /* the digit run: single underscores between digits */
    size_t start = i;
    unsigned char prev = 0;
    const char *first_sig = NULL;
    size_t nsig = 0;
    while (i < len && (digit_value(u[i]) < base || u[i] == '_')) {
        if (u[i] == '_') {
            if (prev == '_')
                return PYBIG_EINVALID_LITERAL;
        } else {
            p->ndigits++;
            if (first_sig == NULL && u[i] != '0')
                first_sig = s + i;
            if (first_sig != NULL)
                nsig++;
        }
        prev = u[i];
        i++;
    }
    if (prev == '_' || i == start)
        return PYBIG_EINVALID_LITERAL;
    p->base = base;
    p->end = s + i;
    p->digits = first_sig;
    p->nsig = nsig;
    if ((base & (base - 1)) != 0 && p->ndigits > STR_DIGITS_THRESHOLD &&
        max_str_digits > 0 && p->ndigits > (size_t)max_str_digits)
        return PYBIG_ESTR_LIMIT_FROM;
    if (zero_only && nsig != 0)
        return PYBIG_EINVALID_LITERAL;
    while (i < len && is_space(u[i]))
        i++;
    if (i != len)
        return PYBIG_EINVALID_LITERAL;
#undef AT
    return PYBIG_OK;
}

void pybig_parsed_move(pybig_parsed *p, const char *old_s, const char *new_s)
{
    if (p->digits != NULL)
        p->digits = new_s + (p->digits - old_s);
    if (p->end != NULL)
        p->end = new_s + (p->end - old_s);
}

long pybig_from_str_bound(const pybig_parsed *p)
{
    if (p->nsig == 0)
        return 1;
    double bits = (double)p->nsig * log2((double)p->base);
    /* mpn_set_str may use one limb beyond the value */
    return (long)(bits / 64 + bits * 1e-12) + 2;
}

static int from_str_cb(struct big_call *c)
{
    const pybig_parsed *p = c->p;
    unsigned char *raw = big_alloc(p->nsig);
    size_t n = 0;
    for (const char *d = p->digits; d < p->end; d++)
        if (*d != '_')
            raw[n++] = (unsigned char)digit_value((unsigned char)*d);
    long size = mpn_set_str(c->out, raw, n, p->base);
    big_free(raw);
    size = big_norm(c->out, size);
    *c->rn = p->negative ? -size : size;
    return PYBIG_OK;
}

int pybig_from_str(mp_limb_t *out, long *rn, const pybig_parsed *p)
{
    if (p->nsig == 0) {
        *rn = 0;
        return PYBIG_OK;
    }
    struct big_call c = {.out = out, .rn = rn, .p = (void *)p};
    return op_run(from_str_cb, &c);
}

/* ---- messages ---- */

/* Appends to a NUL-terminated message, counting the full length. */
struct msg {
    char *buf;
    size_t cap, len;
};

static void msg_put(struct msg *m, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, m->len++)
        if (m->len + 1 < m->cap)
            m->buf[m->len] = s[i];
    if (m->cap > 0)
        m->buf[m->len < m->cap ? m->len : m->cap - 1] = '\0';
}

static void msg_str(struct msg *m, const char *s)
{
    msg_put(m, s, strlen(s));
}

/* Decodes one WTF-8 code point (surrogates allowed; a stray byte decodes
   as itself so the message never stops). */
static uint32_t next_cp(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char c = s[*i];
    int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    if (extra == 0 || *i + (size_t)extra >= len) {
        (*i)++;
        return c;
    }
    uint32_t cp = c & (0x3f >> extra);
    for (int k = 1; k <= extra; k++) {
        if ((s[*i + k] & 0xc0) != 0x80) {
            (*i)++;
            return c;
        }
        cp = (cp << 6) | (s[*i + k] & 0x3f);
    }
    *i += 1 + (size_t)extra;
    return cp;
}

/* repr(s) of the first characters of the string, at most limit
   characters of output (CPython's "%.200R" cuts the repr itself). */
static void msg_repr(struct msg *m, const unsigned char *s, size_t len,
                     bool (*is_printable)(uint32_t), size_t limit)
{
    bool squote = false, dquote = false;
    for (size_t i = 0; i < len; i++) {
        squote |= s[i] == '\'';
        dquote |= s[i] == '"';
    }
    char quote = squote && !dquote ? '"' : '\'';
    size_t chars = 0;
    char piece[16];
#define EMIT(str, n)            \
    do {                        \
        size_t n_ = (n);        \
        if (chars + n_ > limit) \
            n_ = limit - chars; \
        msg_put(m, (str), n_);  \
        chars += n_;            \
        if (chars >= limit)     \
            return;             \
    } while (0)
    EMIT(&quote, 1);
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        uint32_t cp = next_cp(s, len, &i);
        int n;
        if (cp == (uint32_t)quote || cp == '\\') {
            piece[0] = '\\';
            piece[1] = (char)cp;
            n = 2;
        } else if (cp == '\t' || cp == '\n' || cp == '\r') {
            piece[0] = '\\';
            piece[1] = cp == '\t' ? 't' : cp == '\n' ? 'n' : 'r';
            n = 2;
        } else if (cp < 0x20 || cp == 0x7f) {
            n = snprintf(piece, sizeof piece, "\\x%02x", cp);
        } else if (cp < 0x80) {
            piece[0] = (char)cp;
            n = 1;
        } else if (is_printable != NULL && is_printable(cp) && i - at > 1) {
            /* printable: the character itself, one character of output */
            if (chars + 1 > limit)
                return;
            msg_put(m, (const char *)s + at, i - at);
            chars++;
            if (chars >= limit)
                return;
            continue;
        } else if (cp < 0x100) {
            n = snprintf(piece, sizeof piece, "\\x%02x", cp);
        } else if (cp < 0x10000) {
            n = snprintf(piece, sizeof piece, "\\u%04x", cp);
        } else {
            n = snprintf(piece, sizeof piece, "\\U%08x", cp);
        }
        EMIT(piece, (size_t)n);
    }
    EMIT(&quote, 1);
#undef EMIT
}

size_t pybig_invalid_literal_message(char *buf, size_t cap, int base,
                                     const char *s, size_t len,
                                     bool (*is_printable)(uint32_t cp))
{
    struct msg m = {buf, cap, 0};
    char head[64];
    snprintf(head, sizeof head,
             "invalid literal for int() with base %d: ", base);
    msg_str(&m, head);
    msg_repr(&m, (const unsigned char *)s, len, is_printable, 200);
    if (cap > 0 && m.len < cap)
        buf[m.len] = '\0';
    return m.len;
}

size_t pybig_str_limit_message(char *buf, size_t cap, int code, long limit,
                               size_t ndigits)
{
    char text[256];
    if (code == PYBIG_ESTR_LIMIT_FROM)
        snprintf(text, sizeof text,
                 "Exceeds the limit (%ld digits) for integer string "
                 "conversion: value has %zu digits; use "
                 "sys.set_int_max_str_digits() to increase the limit",
                 limit, ndigits);
    else
        snprintf(text, sizeof text,
                 "Exceeds the limit (%ld digits) for integer string "
                 "conversion; use sys.set_int_max_str_digits() to increase "
                 "the limit",
                 limit);
    struct msg m = {buf, cap, 0};
    msg_str(&m, text);
    return m.len;
}
