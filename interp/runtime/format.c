/* The format-spec mini-language (format(), str.format, f-strings) and
   the numeric conversions of printf-style '%' formatting, exact against
   CPython 3.11: spec parsing with CPython's error messages, sign /
   prefix / grouping / fill / alignment for ints (given as a digit
   string), floats (digits from dtoa.c) and strings.  Also pyfmt_buf,
   the growable byte buffer every formatter writes into.

   A formatted number is laid out as [sign][prefix][digits][rest]:
   grouping separators go into the digits, "rest" is the fraction,
   exponent or '%', and padding goes outside (align < > ^) or between
   prefix and digits ('=').  Zero padding with grouping ('0' fill and
   '=') grows the digits themselves, separators included, as CPython
   does: format(1234, '010,') == '00,001,234'. */
#include "format.h"
#include "dtoa.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* pyfmt_buf                                                            */

void pyfmt_buf_init(pyfmt_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void pyfmt_buf_free(pyfmt_buf *b)
{
    free(b->data);
    pyfmt_buf_init(b);
}

int pyfmt_buf_reserve(pyfmt_buf *b, size_t extra)
{
    if (extra > SIZE_MAX / 2 - b->len)
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 32;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int pyfmt_buf_append(pyfmt_buf *b, const char *s, size_t n)
{
    if (pyfmt_buf_reserve(b, n) < 0)
        return -1;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int pyfmt_buf_putc(pyfmt_buf *b, char c)
{
    return pyfmt_buf_append(b, &c, 1);
}

int pyfmt_buf_repeat(pyfmt_buf *b, const char *s, size_t n, size_t count)
{
    if (count == 0)
        return 0;
    if (n != 0 && count > SIZE_MAX / 4 / n)
        return -1;
    if (pyfmt_buf_reserve(b, n * count) < 0)
        return -1;
    char *p = b->data + b->len;
    if (n == 1) {
        memset(p, s[0], count);
    } else {
        for (size_t i = 0; i < count; i++)
            memcpy(p + i * n, s, n);
    }
    b->len += n * count;
    b->data[b->len] = 0;
    return 0;
}

const char *pyfmt_buf_cstr(pyfmt_buf *b)
{
    if (pyfmt_buf_reserve(b, 0) < 0)
        return NULL;
    b->data[b->len] = 0;
    return b->data;
}

/* ------------------------------------------------------------------ */
/* helpers                                                              */

static int fail(pyfmt_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(pyfmt_err *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

static int nomem(pyfmt_err *err)
{
    return fail(err, PYFMT_NOMEM, "out of memory");
}

/* Length of the UTF-8 sequence starting with byte c (1 for stray
   continuation bytes, so that scanning always advances). */
static size_t utf8_len(unsigned char c)
{
    return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

static uint32_t utf8_decode(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n == 1)
        return p[0];
    uint32_t cp = p[0] & (0x7f >> n);
    for (size_t i = 1; i < n; i++)
        cp = cp << 6 | (p[i] & 0x3f);
    return cp;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* CPython prints a format code as itself when it is printable ASCII,
   else as '\x' and bare hex. */
static const char *code_text(uint32_t c, char *buf)
{
    if (c > 32 && c < 128)
        sprintf(buf, "%c", (char)c);
    else
        sprintf(buf, "\\x%x", (unsigned)c);
    return buf;
}

static int unknown_code(const pyfmt_spec *spec, pyfmt_err *err)
{
    char t[16];
    return fail(err, PYFMT_VALUE,
                "Unknown format code '%s' for object of type '%.60s'",
                code_text(spec->type, t), spec->type_name);
}

/* ------------------------------------------------------------------ */
/* spec parsing                                                         */

static bool is_align(char c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Reads a run of decimal digits; -1 when none, -2 on overflow. */
static int64_t read_number(const char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    int64_t v = 0;
    bool overflow = false;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        int d = s[i++] - '0';
        if (v > (INT64_MAX - d) / 10)
            overflow = true;
        else
            v = v * 10 + d;
    }
    if (i == *pos)
        return -1;
    *pos = i;
    return overflow ? -2 : v;
}

int pyfmt_parse_spec(const char *spec, size_t len, uint32_t default_type,
                     const char *type_name, pyfmt_spec *out, pyfmt_err *err)
{
    size_t pos = 0;
    bool fill_given = false, align_given = false;
    memset(out, 0, sizeof *out);
    out->fill[0] = ' ';
    out->fill_len = 1;
    out->width = out->precision = -1;
    out->type = default_type;
    out->type_name = type_name;

    /* [[fill]align]: the fill is any one code point */
    size_t first = len ? utf8_len((unsigned char)spec[0]) : 0;
    if (first > len)
        first = len;
    if (len > first && is_align(spec[first])) {
        memcpy(out->fill, spec, first);
        out->fill_len = (int)first;
        out->align = spec[first];
        fill_given = align_given = true;
        pos = first + 1;
    } else if (len && is_align(spec[0])) {
        out->align = spec[0];
        align_given = true;
        pos = 1;
    }
    if (pos < len && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' '))
        out->sign = spec[pos++];
    if (pos < len && spec[pos] == 'z') {
        out->no_neg_0 = true;
        pos++;
    }
    if (pos < len && spec[pos] == '#') {
        out->alt = true;
        pos++;
    }
    /* '0' before the width: zero fill, and sign-aware unless aligned */
    if (pos < len && spec[pos] == '0') {
        out->zero_pad = true;
        if (!fill_given) {
            out->fill[0] = '0';
            out->fill_len = 1;
        }
        /* str keeps its left alignment: format('a', '03') == 'a00' */
        if (!align_given && default_type != 's')
            out->align = '=';
        pos++;
    }
    int64_t w = read_number(spec, len, &pos);
    if (w == -2)
        return fail(err, PYFMT_VALUE,
                    "Too many decimal digits in format string");
    out->width = w;
    if (pos < len && spec[pos] == ',') {
        out->grouping = ',';
        pos++;
        if (pos < len && spec[pos] == '_')
            return fail(err, PYFMT_VALUE, "Cannot specify both ',' and '_'.");
    } else if (pos < len && spec[pos] == '_') {
        out->grouping = '_';
        pos++;
        if (pos < len && spec[pos] == ',')
            return fail(err, PYFMT_VALUE, "Cannot specify both ',' and '_'.");
    }
    if (pos < len && spec[pos] == '.') {
        pos++;
        int64_t p = read_number(spec, len, &pos);
        if (p == -2)
            return fail(err, PYFMT_VALUE,
                        "Too many decimal digits in format string");
        if (p == -1)
            return fail(err, PYFMT_VALUE, "Format specifier missing precision");
        out->precision = p;
    }
    if (pos < len) {
        size_t n = utf8_len((unsigned char)spec[pos]);
        if (pos + n < len || pos + n > len)
            return fail(err, PYFMT_VALUE,
                        "Invalid format specifier '%.*s' for object of type "
                        "'%.40s'",
                        len > 400 ? 400 : (int)len, spec, type_name);
        out->type = utf8_decode(spec + pos, n);
    }
    if (out->grouping) {
        uint32_t t = out->type;
        bool ok = t == 'd' || t == 'e' || t == 'f' || t == 'g' || t == 'E' ||
                  t == 'G' || t == '%' || t == 'F' || t == 0 ||
                  (out->grouping == '_' &&
                   (t == 'b' || t == 'o' || t == 'x' || t == 'X'));
        if (!ok) {
            char tt[16];
            return fail(err, PYFMT_VALUE, "Cannot specify '%c' with '%s'.",
                        out->grouping, code_text(t, tt));
        }
    }
    return PYFMT_OK;
}

/* ------------------------------------------------------------------ */
/* number layout                                                        */

/* How many digits (padding zeros included) the grouped digits of an
   n-digit number get: n, or under zero padding with grouping
   (min_width > 0) as many as it takes for digits plus separators to
   fill min_width, the leftmost character always a digit. */
static size_t grouped_digits(size_t n, char sep, int every, int64_t min_width)
{
    size_t total = n;
    if (min_width <= 0 || n == 0)
        return total;
    if (!sep)
        return (size_t)min_width > total ? (size_t)min_width : total;
    while ((int64_t)(total + (total - 1) / (size_t)every) < min_width)
        total++;
    return total;
}

static size_t grouped_width(size_t total, char sep, int every)
{
    return sep && total ? total + (total - 1) / (size_t)every : total;
}

/* Writes the n digits, left-padded with '0' to total digits, with a
   separator every `every` digits from the right. */
static int put_grouped(pyfmt_buf *out, const char *digits, size_t n,
                       size_t total, char sep, int every)
{
    size_t width = grouped_width(total, sep, every);
    if (pyfmt_buf_reserve(out, width) < 0)
        return -1;
    char *p = out->data + out->len;
    for (size_t i = 0; i < total; i++) {
        size_t left = total - i; /* digits from here to the end */
        *p++ = i < total - n ? '0' : digits[i - (total - n)];
        if (sep && left > 1 && (left - 1) % (size_t)every == 0)
            *p++ = sep;
    }
    out->len += width;
    out->data[out->len] = 0;
    return 0;
}

/* Lays out sign + prefix + digits (grouped) + rest with the spec's fill,
   alignment and width. */
static int put_number(pyfmt_buf *out, const pyfmt_spec *spec, const char *sign,
                      const char *prefix, const char *digits, size_t ndigits,
                      char sep, int every, const char *rest, size_t nrest,
                      pyfmt_err *err)
{
    size_t lsign = strlen(sign), lprefix = strlen(prefix);
    char align = spec->align ? spec->align : '>';
    /* zero padding grows the grouped digits themselves */
    int64_t min_width = 0;
    if (align == '=' && spec->fill_len == 1 && spec->fill[0] == '0' &&
        spec->width > 0)
        min_width = spec->width - (int64_t)(lsign + lprefix + nrest);
    size_t total = grouped_digits(ndigits, sep, every, min_width);
    size_t body = grouped_width(total, sep, every);
    /* everything here is ASCII but the fill: bytes count code points */
    int64_t used = (int64_t)(lsign + lprefix + body + nrest);
    int64_t pad = spec->width > used ? spec->width - used : 0;
    int64_t before = 0, after = 0, middle = 0;
    if (align == '<')
        after = pad;
    else if (align == '^')
        before = pad / 2, after = pad - pad / 2;
    else if (align == '=')
        middle = pad;
    else
        before = pad;
    size_t fl = (size_t)spec->fill_len;
    int rc = 0;
    rc |= pyfmt_buf_repeat(out, spec->fill, fl, (size_t)before);
    rc |= pyfmt_buf_append(out, sign, lsign);
    rc |= pyfmt_buf_append(out, prefix, lprefix);
    rc |= pyfmt_buf_repeat(out, spec->fill, fl, (size_t)middle);
    rc |= put_grouped(out, digits, ndigits, total, sep, every);
    rc |= pyfmt_buf_append(out, rest, nrest);
    rc |= pyfmt_buf_repeat(out, spec->fill, fl, (size_t)after);
    return rc < 0 ? nomem(err) : PYFMT_OK;
}

static const char *sign_text(char sign, bool neg)
{
    if (neg)
        return "-";
    return sign == '+' ? "+" : sign == ' ' ? " " : "";
}

/* ------------------------------------------------------------------ */
/* int                                                                  */

int pyfmt_int_base(const pyfmt_spec *spec)
{
    switch (spec->type) {
    case 'b':
        return 2;
    case 'o':
        return 8;
    case 'x':
    case 'X':
        return 16;
    case 'd':
    case 'n':
    case 'c':
        return 10;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
        return 0;
    default:
        return -1;
    }
}

/* The value of a decimal digit string as a C long (64 bits here), as
   PyLong_AsLong would see it; false when it does not fit. */
static bool digits_to_long(bool neg, const char *digits, size_t n, int64_t *out)
{
    uint64_t v = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : INT64_MAX;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(digits[i] - '0');
        if (v > (limit - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

int pyfmt_format_int(pyfmt_buf *out, const pyfmt_spec *spec, bool neg,
                     const char *digits, size_t ndigits, pyfmt_err *err)
{
    uint32_t t = spec->type;
    int base = pyfmt_int_base(spec);
    if (base <= 0)
        return unknown_code(spec, err);
    if (spec->precision >= 0)
        return fail(err, PYFMT_VALUE,
                    "Precision not allowed in integer format specifier");
    if (spec->no_neg_0)
        return fail(err, PYFMT_VALUE,
                    "Negative zero coercion (z) not "
                    "allowed in integer format specifier");
    if (t == 'c') {
        if (spec->sign)
            return fail(err, PYFMT_VALUE,
                        "Sign not allowed with integer "
                        "format specifier 'c'");
        if (spec->alt)
            return fail(err, PYFMT_VALUE,
                        "Alternate form (#) not allowed with integer "
                        "format specifier 'c'");
        int64_t cvalue;
        if (!digits_to_long(neg, digits, ndigits, &cvalue))
            return fail(err, PYFMT_OVERFLOW,
                        "Python int too large to convert to C long");
        if (cvalue < 0 || cvalue > 0x10ffff)
            return fail(err, PYFMT_OVERFLOW, "%%c arg not in range(0x110000)");
        char ch[4];
        size_t n = utf8_encode((uint32_t)cvalue, ch);
        /* a character: no sign or digits, but numeric alignment */
        pyfmt_spec s = *spec;
        if (!s.align)
            s.align = '>';
        int64_t pad = s.width > 1 ? s.width - 1 : 0;
        int64_t before = 0, after = 0;
        if (s.align == '<')
            after = pad;
        else if (s.align == '^')
            before = pad / 2, after = pad - pad / 2;
        else
            before = pad;
        size_t fl = (size_t)s.fill_len;
        if (pyfmt_buf_repeat(out, s.fill, fl, (size_t)before) < 0 ||
            pyfmt_buf_append(out, ch, n) < 0 ||
            pyfmt_buf_repeat(out, s.fill, fl, (size_t)after) < 0)
            return nomem(err);
        return PYFMT_OK;
    }
    const char *prefix = "";
    if (spec->alt)
        prefix = t == 'b'   ? "0b"
                 : t == 'o' ? "0o"
                 : t == 'x' ? "0x"
                 : t == 'X' ? "0X"
                            : "";
    char small[64];
    char *d = (char *)digits;
    if (t == 'X') {
        d = ndigits <= sizeof small ? small : malloc(ndigits);
        if (!d)
            return nomem(err);
        for (size_t i = 0; i < ndigits; i++)
            d[i] = digits[i] >= 'a' && digits[i] <= 'f'
                       ? (char)(digits[i] - 'a' + 'A')
                       : digits[i];
    }
    int every = base == 10 ? 3 : 4;
    int rc = put_number(out, spec, sign_text(spec->sign, neg), prefix, d,
                        ndigits, spec->grouping, every, "", 0, err);
    if (d != digits && d != small)
        free(d);
    return rc;
}

/* ------------------------------------------------------------------ */
/* float                                                                */

int pyfmt_format_float(pyfmt_buf *out, const pyfmt_spec *spec, double x,
                       pyfmt_err *err)
{
    uint32_t t = spec->type;
    int64_t prec = spec->precision;
    unsigned flags = 0;
    switch (t) {
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
        break;
    case 'n':
        t = 'g';
        break;
    case 0:
        /* repr's digits, or 'g' that never drops the ".0" */
        flags |= PYDTOA_ADD_DOT_0;
        t = prec < 0 ? 'r' : 'g';
        break;
    default:
        return unknown_code(spec, err);
    }
    if (prec > INT_MAX)
        return fail(err, PYFMT_VALUE, "precision too big");
    if (spec->alt)
        flags |= PYDTOA_ALT;
    if (spec->no_neg_0)
        flags |= PYDTOA_NO_NEG_0;
    bool percent = t == '%';
    if (percent) {
        x *= 100;
        t = 'f';
    }
    /* the magnitude goes to the end of out first, then moves aside */
    size_t start = out->len;
    bool neg;
    if (pydtoa_format(out, x, (int)t, (int)prec, flags, &neg) != PYDTOA_OK ||
        (percent && pyfmt_buf_putc(out, '%') < 0))
        return nomem(err);
    size_t len = out->len - start;
    char small[64];
    char *num = len <= sizeof small ? small : malloc(len);
    if (!num)
        return nomem(err);
    memcpy(num, out->data + start, len);
    out->len = start;
    size_t nd = 0;
    while (nd < len && num[nd] >= '0' && num[nd] <= '9')
        nd++;
    int rc = put_number(out, spec, sign_text(spec->sign, neg), "", num, nd,
                        spec->grouping, 3, num + nd, len - nd, err);
    if (num != small)
        free(num);
    return rc;
}

/* ------------------------------------------------------------------ */
/* str                                                                  */

/* Pads s (len bytes, n code points) to width with fill. */
static int pad_text(pyfmt_buf *out, const char *fill, size_t fill_len,
                    char align, int64_t width, const char *s, size_t len,
                    size_t n)
{
    int64_t pad = width > (int64_t)n ? width - (int64_t)n : 0;
    int64_t before = 0, after = 0;
    if (align == '>')
        before = pad;
    else if (align == '^')
        before = pad / 2, after = pad - pad / 2;
    else
        after = pad;
    if (pyfmt_buf_repeat(out, fill, fill_len, (size_t)before) < 0 ||
        pyfmt_buf_append(out, s, len) < 0 ||
        pyfmt_buf_repeat(out, fill, fill_len, (size_t)after) < 0)
        return -1;
    return 0;
}

int pyfmt_format_str(pyfmt_buf *out, const pyfmt_spec *spec, const char *s,
                     size_t len, pyfmt_err *err)
{
    if (spec->type != 's')
        return unknown_code(spec, err);
    if (spec->sign)
        return fail(err, PYFMT_VALUE,
                    spec->sign == ' '
                        ? "Space not allowed in string format specifier"
                        : "Sign not allowed in string format specifier");
    if (spec->no_neg_0)
        return fail(err, PYFMT_VALUE,
                    "Negative zero coercion (z) not "
                    "allowed in string format specifier");
    if (spec->alt)
        return fail(err, PYFMT_VALUE,
                    "Alternate form (#) not allowed in string format "
                    "specifier");
    if (spec->align == '=')
        return fail(err, PYFMT_VALUE,
                    "'=' alignment not allowed in string format specifier");
    size_t n = 0, cut = len;
    for (size_t i = 0; i < len; i += utf8_len((unsigned char)s[i])) {
        if (spec->precision >= 0 && (int64_t)n == spec->precision) {
            cut = i;
            break;
        }
        n++;
    }
    if (cut > len)
        cut = len;
    if (pad_text(out, spec->fill, (size_t)spec->fill_len, spec->align,
                 spec->width, s, cut, n) < 0)
        return nomem(err);
    return PYFMT_OK;
}

/* ------------------------------------------------------------------ */
/* printf-style                                                         */

/* sign + prefix + body, padded: zeros after the prefix under '0', else
   spaces (left or right under '-'). */
static int printf_pad(pyfmt_buf *out, int flags, int64_t width,
                      const char *sign, const char *prefix, const char *body,
                      size_t nbody, pyfmt_err *err)
{
    size_t ls = strlen(sign), lp = strlen(prefix);
    int64_t used = (int64_t)(ls + lp + nbody);
    int64_t pad = width > used ? width - used : 0;
    bool ljust = flags & PYFMT_F_LJUST;
    bool zero = !ljust && (flags & PYFMT_F_ZERO);
    int rc = 0;
    if (!ljust && !zero)
        rc |= pyfmt_buf_repeat(out, " ", 1, (size_t)pad);
    rc |= pyfmt_buf_append(out, sign, ls);
    rc |= pyfmt_buf_append(out, prefix, lp);
    if (zero)
        rc |= pyfmt_buf_repeat(out, "0", 1, (size_t)pad);
    rc |= pyfmt_buf_append(out, body, nbody);
    if (ljust)
        rc |= pyfmt_buf_repeat(out, " ", 1, (size_t)pad);
    return rc < 0 ? nomem(err) : PYFMT_OK;
}

static const char *printf_sign(int flags, bool neg)
{
    if (neg)
        return "-";
    return flags & PYFMT_F_SIGN ? "+" : flags & PYFMT_F_BLANK ? " " : "";
}

int pyfmt_printf_int(pyfmt_buf *out, int conv, int flags, int64_t width,
                     int64_t prec, bool neg, const char *digits, size_t ndigits,
                     pyfmt_err *err)
{
    const char *prefix = "";
    if (flags & PYFMT_F_ALT)
        prefix = conv == 'o'   ? "0o"
                 : conv == 'x' ? "0x"
                 : conv == 'X' ? "0X"
                               : "";
    /* the precision is a minimum digit count */
    size_t zeros = prec > (int64_t)ndigits ? (size_t)prec - ndigits : 0;
    pyfmt_buf body;
    pyfmt_buf_init(&body);
    if (pyfmt_buf_repeat(&body, "0", 1, zeros) < 0 ||
        pyfmt_buf_append(&body, digits, ndigits) < 0) {
        pyfmt_buf_free(&body);
        return nomem(err);
    }
    if (conv == 'X')
        for (size_t i = 0; i < body.len; i++)
            if (body.data[i] >= 'a' && body.data[i] <= 'f')
                body.data[i] = (char)(body.data[i] - 'a' + 'A');
    int rc = printf_pad(out, flags, width, printf_sign(flags, neg), prefix,
                        body.data, body.len, err);
    pyfmt_buf_free(&body);
    return rc;
}

int pyfmt_printf_float(pyfmt_buf *out, int conv, int flags, int64_t width,
                       int64_t prec, double x, pyfmt_err *err)
{
    if (prec > INT_MAX)
        return fail(err, PYFMT_VALUE, "precision too big");
    pyfmt_buf num;
    pyfmt_buf_init(&num);
    bool neg;
    unsigned f = flags & PYFMT_F_ALT ? PYDTOA_ALT : 0;
    if (pydtoa_format(&num, x, conv, (int)prec, f, &neg) != PYDTOA_OK) {
        pyfmt_buf_free(&num);
        return nomem(err);
    }
    int rc = printf_pad(out, flags, width, printf_sign(flags, neg), "",
                        num.data, num.len, err);
    pyfmt_buf_free(&num);
    return rc;
}

int pyfmt_printf_char(pyfmt_buf *out, int flags, int64_t width, int64_t cp,
                      pyfmt_err *err)
{
    if (cp < 0 || cp > 0x10ffff)
        return fail(err, PYFMT_OVERFLOW, "%%c arg not in range(0x110000)");
    char ch[4];
    size_t n = utf8_encode((uint32_t)cp, ch);
    if (pad_text(out, " ", 1, flags & PYFMT_F_LJUST ? '<' : '>', width, ch, n,
                 1) < 0)
        return nomem(err);
    return PYFMT_OK;
}

int pyfmt_printf_str(pyfmt_buf *out, int flags, int64_t width, int64_t prec,
                     const char *s, size_t len)
{
    size_t n = 0, cut = len;
    for (size_t i = 0; i < len; i += utf8_len((unsigned char)s[i])) {
        if (prec >= 0 && (int64_t)n == prec) {
            cut = i;
            break;
        }
        n++;
    }
    if (cut > len)
        cut = len;
    return pad_text(out, " ", 1, flags & PYFMT_F_LJUST ? '<' : '>', width, s,
                    cut, n);
}
