/* complexobject.c -- the complex type: two doubles, immutable.
 *
 * Arithmetic follows CPython 3.11 to the bit: an int or float operand is
 * first made a complex with a +0.0 imaginary part, products use the
 * textbook formula, quotients Smith's scaled algorithm, and powers with a
 * small integral exponent repeated squaring (polar form otherwise).  Only
 * == and != compare.  repr() writes each part with float's shortest
 * digits but without float's ".0", and leaves the real part out when it
 * is +0.0: "1j", "(1+2j)", "(-0-1j)".
 */
#include "complexobject.h"

#include "../runtime/args.h"
#include "../runtime/dtoa.h"
#include "../runtime/errors.h"
#include "../runtime/format.h"
#include "../runtime/hash.h"
#include "abstract.h"
#include "classobject.h"
#include "exceptionobject.h"
#include "floatobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_complex;

pyval pycomplex_from_doubles(double real, double imag)
{
    PyComplex *c = (PyComplex *)pyobj_alloc(sizeof(struct pycomplex_s),
                                            PYL_COMPLEX, pytype_complex);
    c->real = real;
    c->imag = imag;
    return pyval_from_obj((PyObj *)c);
}

/* an instance of complex or of a subclass (which gets an attribute word) */
static pyval complex_of_type(PyType *type, double real, double imag)
{
    if (type == pytype_complex)
        return pycomplex_from_doubles(real, imag);
    PyComplex *c = (PyComplex *)pyobj_alloc(
        sizeof(struct pycomplex_s) + sizeof(pyval), PYL_COMPLEX, type);
    c->real = real;
    c->imag = imag;
    c->ob.flags |= PYOBJ_HAS_ATTRS;
    *(TLPREFIX pyval *)((stm_char *)c + sizeof(struct pycomplex_s)) = 0;
    return pyval_from_obj((PyObj *)c);
}

/* C arithmetic on (real, imag) pairs */
typedef struct {
    double re, im;
} cnum;

static cnum c_prod(cnum a, cnum b)
{
    cnum r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
    return r;
}

/* a / b by Smith's method: divide by the larger part of b first, so
   that no intermediate overflows needlessly.  *zero is set when b is 0;
   NaN parts give NaN. */
static cnum c_quot(cnum a, cnum b, bool *zero)
{
    double abs_re = fabs(b.re), abs_im = fabs(b.im);
    cnum r;
    if (abs_re >= abs_im) {
        if (abs_re == 0.0) {
            *zero = true;
            r.re = r.im = 0.0;
        } else {
            double ratio = b.im / b.re;
            double denom = b.re + b.im * ratio;
            r.re = (a.re + a.im * ratio) / denom;
            r.im = (a.im - a.re * ratio) / denom;
        }
    } else if (abs_im >= abs_re) {
        double ratio = b.re / b.im;
        double denom = b.re * ratio + b.im;
        r.re = (a.re * ratio + a.im) / denom;
        r.im = (a.im * ratio - a.re) / denom;
    } else {
        /* a NaN in b: neither comparison holds */
        r.re = r.im = NAN;
    }
    return r;
}

bool pycomplex_quotient(double ar, double ai, double br, double bi, double *re,
                        double *im)
{
    cnum a = {ar, ai}, b = {br, bi};
    bool zero = false;
    cnum r = c_quot(a, b, &zero);
    *re = r.re;
    *im = r.im;
    return !zero;
}

/* x ** n for n >= 0 by repeated squaring */
static cnum c_pow_unsigned(cnum x, long n)
{
    cnum r = {1.0, 0.0};
    cnum p = x;
    for (long bit = 1; bit > 0 && n >= bit; bit <<= 1) {
        if (n & bit)
            r = c_prod(r, p);
        p = c_prod(p, p);
    }
    return r;
}

/* x ** y in polar form; *zero is set for 0 to a negative or complex
   power */
static cnum c_pow_polar(cnum x, cnum y, bool *zero)
{
    cnum r;
    if (y.re == 0.0 && y.im == 0.0) {
        r.re = 1.0;
        r.im = 0.0;
    } else if (x.re == 0.0 && x.im == 0.0) {
        if (y.im != 0.0 || y.re < 0.0)
            *zero = true;
        r.re = r.im = 0.0;
    } else {
        double modulus = hypot(x.re, x.im);
        double len = pow(modulus, y.re);
        double angle = atan2(x.im, x.re);
        double phase = angle * y.re;
        if (y.im != 0.0) {
            len /= exp(angle * y.im);
            phase += y.im * log(modulus);
        }
        r.re = len * cos(phase);
        r.im = len * sin(phase);
    }
    return r;
}

pyval pycomplex_power(double ar, double ai, double br, double bi)
{
    cnum a = {ar, ai}, r;
    bool zero = false;
    /* a small integral exponent: exact products, as CPython does */
    if (bi == 0.0 && br == floor(br) && fabs(br) <= 100.0) {
        long n = (long)br;
        if (n > 0) {
            r = c_pow_unsigned(a, n);
        } else {
            cnum one = {1.0, 0.0};
            r = c_quot(one, c_pow_unsigned(a, -n), &zero);
        }
    } else {
        cnum b = {br, bi};
        r = c_pow_polar(a, b, &zero);
    }
    if (zero)
        return pyerr_format(pyexc_ZeroDivisionError,
                            "0.0 to a negative or complex power");
    if (isinf(r.re) || isinf(r.im))
        return pyerr_format(pyexc_OverflowError, "complex exponentiation");
    return pycomplex_from_doubles(r.re, r.im);
}

/* ------------------------------------------------------------ operands */

/* an int, float or complex operand as a pair: 1, 0 for another type
   (NotImplemented), -1 on error (an int too large for a double) */
static int complex_operand(pyval v, cnum *out)
{
    if (pycomplex_check(v)) {
        out->re = pycomplex_real(v);
        out->im = pycomplex_imag(v);
        return 1;
    }
    out->im = 0.0;
    return pyfloat_operand(v, &out->re);
}

#define OPERANDS(a, b, x, y)                 \
    cnum x, y;                               \
    do {                                     \
        int ka = complex_operand(a, &x), kb; \
        if (ka < 0)                          \
            return 0;                        \
        kb = complex_operand(b, &y);         \
        if (kb < 0)                          \
            return 0;                        \
        if (ka == 0 || kb == 0)              \
            return py_NotImplemented;        \
    } while (0)

static pyval complex_add(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    return pycomplex_from_doubles(x.re + y.re, x.im + y.im);
}

static pyval complex_sub(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    return pycomplex_from_doubles(x.re - y.re, x.im - y.im);
}

static pyval complex_mul(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    cnum r = c_prod(x, y);
    return pycomplex_from_doubles(r.re, r.im);
}

static pyval complex_truediv(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    bool zero = false;
    cnum r = c_quot(x, y, &zero);
    if (zero)
        return pyerr_format(pyexc_ZeroDivisionError,
                            "complex division by zero");
    return pycomplex_from_doubles(r.re, r.im);
}

static pyval complex_pow(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    return pycomplex_power(x.re, x.im, y.re, y.im);
}

static pyval complex_neg(pyval self)
{
    return pycomplex_from_doubles(-pycomplex_real(self), -pycomplex_imag(self));
}

static pyval complex_pos(pyval self)
{
    if (pyval_obj(self)->type == pytype_complex)
        return self;
    return pycomplex_from_doubles(pycomplex_real(self), pycomplex_imag(self));
}

double pycomplex_abs(double re, double im)
{
    /* an infinite part wins over a NaN in the other */
    if (isinf(re) || isinf(im))
        return INFINITY;
    if (isnan(re) || isnan(im))
        return NAN;
    return hypot(re, im);
}

static pyval complex_abs(pyval self)
{
    double re = pycomplex_real(self), im = pycomplex_imag(self);
    double r = pycomplex_abs(re, im);
    if (isinf(r) && isfinite(re) && isfinite(im))
        return pyerr_format(pyexc_OverflowError, "absolute value too large");
    return pyfloat_from_double(r);
}

static int complex_truth(pyval self)
{
    return pycomplex_real(self) != 0.0 || pycomplex_imag(self) != 0.0;
}

/* ------------------------------------------------------------ compare, hash */

static pyval complex_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if (!pycomplex_check(a) || (op != PYCMP_EQ && op != PYCMP_NE))
        return py_NotImplemented;
    double re = pycomplex_real(a), im = pycomplex_imag(a);
    bool equal;
    if (pycomplex_check(b)) {
        equal = re == pycomplex_real(b) && im == pycomplex_imag(b);
    } else if (pyfloat_check(b)) {
        equal = im == 0.0 && re == pyfloat_value(b);
    } else if (pyint_check(b)) {
        if (im != 0.0) {
            equal = false;
        } else {
            /* exactly, as float == int does: 2**53 + 1 != 2.0**53 */
            PY_PUSHV(b);
            pyval f = pyfloat_from_double(re);
            PY_POPV(b);
            pyval r = pyfloat_slots.richcompare(f, b, op);
            return r;
        }
    } else {
        return py_NotImplemented;
    }
    return pybool(op == PYCMP_EQ ? equal : !equal);
}

static int complex_hash(pyval self, int64_t *out)
{
    uintptr_t id = (uintptr_t)stm_identityhash((object_t *)pyval_obj(self));
    uint64_t re = (uint64_t)pyhash_double(pycomplex_real(self), id);
    uint64_t im = (uint64_t)pyhash_double(pycomplex_imag(self), id);
    int64_t h = (int64_t)(re + (uint64_t)PYHASH_IMAG * im);
    *out = h == -1 ? -2 : h;
    return 0;
}

/* ------------------------------------------------------------ repr, format */

/* One part as text: type is a pydtoa_format type ('r' for repr's
   digits); sign is what a non-negative value shows ('+', ' ' or 0);
   grouping (',' or '_', or 0) separates thousands of the integral
   digits.  0, or -1 when out of memory. */
static int format_part(pyfmt_buf *out, double x, int type, int prec,
                       unsigned flags, char sign, char grouping)
{
    pyfmt_buf digits;
    pyfmt_buf_init(&digits);
    bool neg;
    if (pydtoa_format(&digits, x, type, prec, flags, &neg) != PYDTOA_OK) {
        pyfmt_buf_free(&digits);
        return -1;
    }
    const char *s = digits.data ? digits.data : "";
    size_t n = digits.len;
    int rc = 0;
    char mark = neg ? '-' : sign;
    if (mark)
        rc = pyfmt_buf_putc(out, mark);
    size_t whole = 0; /* the integral digits: the ones grouping splits */
    while (whole < n && s[whole] >= '0' && s[whole] <= '9')
        whole++;
    for (size_t i = 0; rc == 0 && i < whole; i++) {
        if (grouping && i > 0 && (whole - i) % 3 == 0)
            rc = pyfmt_buf_putc(out, grouping);
        if (rc == 0)
            rc = pyfmt_buf_putc(out, s[i]);
    }
    if (rc == 0)
        rc = pyfmt_buf_append(out, s + whole, n - whole);
    pyfmt_buf_free(&digits);
    return rc;
}

static pyval buf_to_str(pyfmt_buf *b)
{
    pyval s = pystr_from_utf8(b->data ? b->data : "", b->len);
    pyfmt_buf_free(b);
    return s;
}

static bool skips_real_part(double re)
{
    return re == 0.0 && !signbit(re);
}

static pyval complex_repr(pyval self)
{
    double re = pycomplex_real(self), im = pycomplex_imag(self);
    pyfmt_buf out;
    pyfmt_buf_init(&out);
    int rc;
    if (skips_real_part(re)) {
        rc = format_part(&out, im, 'r', 0, 0, 0, 0);
    } else {
        rc = pyfmt_buf_putc(&out, '(');
        if (rc == 0)
            rc = format_part(&out, re, 'r', 0, 0, 0, 0);
        if (rc == 0)
            rc = format_part(&out, im, 'r', 0, 0, '+', 0);
    }
    if (rc == 0)
        rc = pyfmt_buf_putc(&out, 'j');
    if (rc == 0 && !skips_real_part(re))
        rc = pyfmt_buf_putc(&out, ')');
    if (rc < 0) {
        pyfmt_buf_free(&out);
        return pyerr_no_memory();
    }
    return buf_to_str(&out);
}

static pyval format_error(const char *msg)
{
    return pyerr_format(pyexc_ValueError, "%s", msg);
}

pyval pycomplex_format(pyval v, const char *spec, size_t len)
{
    if (len == 0)
        return pyobj_str(v);
    pyfmt_spec ps;
    pyfmt_err err;
    int code = pyfmt_parse_spec(spec, len, 0, "complex", &ps, &err);
    if (code != PYFMT_OK)
        return code == PYFMT_NOMEM ? pyerr_no_memory() : format_error(err.msg);
    if (ps.zero_pad || (ps.fill_len == 1 && ps.fill[0] == '0'))
        return format_error(
            "Zero padding is not allowed in complex format specifier");
    if (ps.align == '=')
        return format_error(
            "'=' alignment flag is not allowed in complex format specifier");
    int type;
    bool parens = false;
    switch (ps.type) {
    case 0:
        /* like str(): repr's digits, or 'g' digits with a precision */
        type = ps.precision < 0 ? 'r' : 'g';
        parens = true;
        break;
    case 'n':
        type = 'g';
        break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
        type = (int)ps.type;
        break;
    default: {
        /* CPython names a code outside printable ASCII by its number */
        uint32_t t = ps.type;
        if (t > 32 && t < 128)
            return pyerr_format(pyexc_ValueError,
                                "Unknown format code '%c' for object of type "
                                "'complex'",
                                (int)t);
        return pyerr_format(pyexc_ValueError,
                            "Unknown format code '\\x%x' for object of type "
                            "'complex'",
                            (unsigned)t);
    }
    }
    if (ps.precision > 0x7fffffff)
        return format_error("precision too big");
    unsigned flags = 0;
    if (ps.alt)
        flags |= PYDTOA_ALT;
    if (ps.no_neg_0)
        flags |= PYDTOA_NO_NEG_0;
    int prec = (int)ps.precision;
    double re = pycomplex_real(v), im = pycomplex_imag(v);
    /* without a type, a +0.0 real part is left out (as repr does), and
       the imaginary part then takes the spec's sign */
    bool skip_re = parens && skips_real_part(re);
    char sign = ps.sign == '-' ? 0 : ps.sign; /* '-' is the default */
    if (skip_re)
        parens = false;
    pyfmt_buf body;
    pyfmt_buf_init(&body);
    int rc = 0;
    if (parens)
        rc = pyfmt_buf_putc(&body, '(');
    if (rc == 0 && !skip_re)
        rc = format_part(&body, re, type, prec, flags, sign, ps.grouping);
    if (rc == 0)
        rc = format_part(&body, im, type, prec, flags, skip_re ? sign : '+',
                         ps.grouping);
    if (rc == 0)
        rc = pyfmt_buf_putc(&body, 'j');
    if (rc == 0 && parens)
        rc = pyfmt_buf_putc(&body, ')');
    if (rc < 0) {
        pyfmt_buf_free(&body);
        return pyerr_no_memory();
    }
    /* the padding: right-aligned unless told otherwise, done by str's
       formatter on a spec with only fill, align and width */
    pyfmt_spec pad;
    memset(&pad, 0, sizeof pad);
    memcpy(pad.fill, ps.fill, sizeof pad.fill);
    pad.fill_len = ps.fill_len;
    pad.align = ps.align ? ps.align : '>';
    pad.width = ps.width;
    pad.precision = -1;
    pad.type = 's';
    pad.type_name = "complex";
    pyfmt_buf out;
    pyfmt_buf_init(&out);
    code = pyfmt_format_str(&out, &pad, body.data ? body.data : "", body.len,
                            &err);
    pyfmt_buf_free(&body);
    if (code != PYFMT_OK) {
        pyfmt_buf_free(&out);
        return code == PYFMT_NOMEM ? pyerr_no_memory() : format_error(err.msg);
    }
    return buf_to_str(&out);
}

/* ------------------------------------------------------------ complex(str) */

static bool is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool starts_with_word(const char *s, const char *end, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(end - s) < n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return false;
    }
    return true;
}

/* The longest prefix of [s, end) that is a float literal as float()
   reads one (sign, digits with an optional point, exponent; inf,
   infinity, nan), read into *x: its end, or s if there is none. */
static const char *read_float(const char *s, const char *end, double *x)
{
    const char *p = s;
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    const char *q;
    if (starts_with_word(p, end, "infinity")) {
        q = p + 8;
    } else if (starts_with_word(p, end, "inf") ||
               starts_with_word(p, end, "nan")) {
        q = p + 3;
    } else {
        q = p;
        size_t ndigits = 0;
        while (q < end && is_digit(*q))
            q++, ndigits++;
        if (q < end && *q == '.') {
            q++;
            while (q < end && is_digit(*q))
                q++, ndigits++;
        }
        if (ndigits == 0)
            return s;
        if (q < end && (*q == 'e' || *q == 'E')) {
            const char *e = q + 1;
            if (e < end && (*e == '+' || *e == '-'))
                e++;
            if (e < end && is_digit(*e)) {
                while (e < end && is_digit(*e))
                    e++;
                q = e;
            }
        }
    }
    if (pydtoa_parse(s, (size_t)(q - s), x) != PYDTOA_OK)
        return s;
    return q;
}

/* Parses "[ws][(][ws]<complex>[ws][)][ws]" where <complex> is one of
   <float>, <float>j, <float><signed float>j, <float><sign>j, <sign>j
   or j.  0 or -1 (malformed). */
static int parse_complex(const char *s, const char *end, cnum *out)
{
    double x = 0.0, y = 0.0, z;
    while (s < end && is_space(*s))
        s++;
    bool bracket = s < end && *s == '(';
    if (bracket) {
        s++;
        while (s < end && is_space(*s))
            s++;
    }
    const char *after = read_float(s, end, &z);
    if (after != s) {
        s = after;
        if (s < end && (*s == '+' || *s == '-')) {
            x = z;
            after = read_float(s, end, &y);
            if (after != s) {
                s = after;
            } else {
                y = *s == '+' ? 1.0 : -1.0;
                s++;
            }
            if (s == end || (*s != 'j' && *s != 'J'))
                return -1;
            s++;
        } else if (s < end && (*s == 'j' || *s == 'J')) {
            s++;
            y = z;
        } else {
            x = z;
        }
    } else {
        if (s < end && (*s == '+' || *s == '-')) {
            y = *s == '+' ? 1.0 : -1.0;
            s++;
        } else {
            y = 1.0;
        }
        if (s == end || (*s != 'j' && *s != 'J'))
            return -1;
        s++;
    }
    while (s < end && is_space(*s))
        s++;
    if (bracket) {
        if (s == end || *s != ')')
            return -1;
        s++;
        while (s < end && is_space(*s))
            s++;
    }
    if (s != end)
        return -1;
    out->re = x;
    out->im = y;
    return 0;
}

/* Removes the underscores of text in place; false if one is not
   between two digits. */
static bool drop_underscores(char *text, size_t *len)
{
    size_t k = 0;
    char prev = 0;
    for (size_t i = 0; i < *len; i++) {
        char c = text[i];
        if (c == '_') {
            if (!is_digit(prev))
                return false;
        } else {
            if (prev == '_' && !is_digit(c))
                return false;
            text[k++] = c;
        }
        prev = c;
    }
    if (prev == '_')
        return false;
    *len = k;
    return true;
}

static pyval complex_from_str(PyType *type, pyval s)
{
    /* the type is rooted by pyobj_alloc; the str is an argument, rooted */
    size_t len;
    char *text = pyint_ascii_digits(s, &len);
    if (text == NULL)
        return pyerr_no_memory();
    if (memchr(text, '_', len) != NULL && !drop_underscores(text, &len)) {
        free(text);
        return pyerr_format(pyexc_ValueError,
                            "could not convert string to complex: %R", s);
    }
    cnum c;
    int rc = parse_complex(text, text + len, &c);
    free(text);
    if (rc < 0)
        return pyerr_format(pyexc_ValueError,
                            "complex() arg is a malformed string");
    return complex_of_type(type, c.re, c.im);
}

/* ------------------------------------------------------------ complex(x, y) */

static bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

/* does v convert with float(), as complex() accepts it? */
static bool is_real_number(pyval v)
{
    const struct pytype_slots *s = pyval_type(v)->slots;
    return s != NULL && (s->to_float != NULL || s->index != NULL);
}

/* float(v) of a value is_real_number accepts */
static int real_value(pyval v, double *out)
{
    int k = pyfloat_operand(v, out);
    if (k != 0)
        return k < 0 ? -1 : 0;
    const struct pytype_slots *s = pyval_type(v)->slots;
    if (s->to_float != NULL) {
        PY_PUSHV(v); /* for the message: __float__ may move it */
        pyval f = s->to_float(v);
        PY_POPV(v);
        if (f == 0)
            return -1;
        if (!pyfloat_check(f)) {
            pyerr_format(pyexc_TypeError,
                         "%T.__float__ returned non-float (type %T)", v, f);
            return -1;
        }
        *out = pyfloat_value(f);
        return 0;
    }
    pyval i = s->index(v);
    if (i == 0)
        return -1;
    if (!pyint_check(i)) {
        pyerr_format(pyexc_TypeError, "__index__ returned non-int (type %T)",
                     i);
        return -1;
    }
    return pyint_to_double(i, out) < 0 ? -1 : 0;
}

/* v.__complex__() when v's type has one: 1 with *out set, 0 without
   such a method, -1 on error */
static int call_complex_dunder(pyval v, pyval *out)
{
    bool found;
    pyval r = pyobj_call_dunder(v, "__complex__", NULL, 0, &found);
    if (!found)
        return pyerr_occurred() ? -1 : 0;
    if (r == 0)
        return -1;
    if (!pycomplex_check(r)) {
        pyerr_format(pyexc_TypeError,
                     "__complex__ returned non-complex (type %T)", r);
        return -1;
    }
    *out = r;
    return 1;
}

int pycomplex_arg(pyval v, double *real, double *imag)
{
    pyval c = v;
    PY_PUSHV(v); /* looking __complex__ up allocates: v may move */
    int k = pycomplex_check(v) ? 1 : call_complex_dunder(v, &c);
    PY_POPV(v);
    if (k < 0)
        return -1;
    if (k > 0) {
        *real = pycomplex_real(c);
        *imag = pycomplex_imag(c);
        return 0;
    }
    *imag = 0.0;
    if (!is_real_number(v)) {
        pyerr_format(pyexc_TypeError, "must be real number, not %T", v);
        return -1;
    }
    return real_value(v, real);
}

/* the arguments real and imag, from positions or keywords */
static int complex_args(const pyval *args, size_t nargs, PyObj *kwnames,
                        pyval *real, pyval *imag)
{
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    if (nargs + (size_t)nkw > 2) {
        pyerr_format(pyexc_TypeError,
                     "complex() takes at most 2 arguments (%d given)",
                     (int)(nargs + (size_t)nkw));
        return -1;
    }
    *real = nargs > 0 ? args[0] : 0;
    *imag = nargs > 1 ? args[1] : 0;
    for (int64_t i = 0; i < nkw; i++) {
        pyval name = pytuple_get(pyval_from_obj(kwnames), i);
        const char *text = pystr_utf8(name);
        int position;
        pyval *slot;
        if (strcmp(text, "real") == 0) {
            position = 1;
            slot = real;
        } else if (strcmp(text, "imag") == 0) {
            position = 2;
            slot = imag;
        } else {
            pyerr_format(pyexc_TypeError,
                         "'%U' is an invalid keyword argument for complex()",
                         name);
            return -1;
        }
        if (*slot != 0) {
            pyerr_format(pyexc_TypeError,
                         "argument for complex() given by name ('%s') and "
                         "position (%d)",
                         text, position);
            return -1;
        }
        *slot = args[nargs + (size_t)i];
    }
    return 0;
}

/* complex_new's work; the type is in the shadow stack slot 'root' (a
   class made in this transaction may move while __complex__ or
   __float__ run) */
static pyval complex_new_rooted(struct stm_shadowentry_s *root,
                                const pyval *args, size_t nargs, PyObj *kwnames)
{
#define TYPE ((PyType *)root->ss)
    pyval r, i;
    if (complex_args(args, nargs, kwnames, &r, &i) < 0)
        return 0;
    if (r == 0) {
        if (i == 0)
            return complex_of_type(TYPE, 0.0, 0.0);
        r = pyval_from_int(0);
    }
    if (TYPE == pytype_complex && i == 0 && pycomplex_check(r) &&
        pyval_obj(r)->type == pytype_complex)
        return r;
    if (is_str(r)) {
        if (i != 0)
            return pyerr_format(pyexc_TypeError,
                                "complex() can't take second arg if first is "
                                "a string");
        return complex_from_str(TYPE, r);
    }
    if (i != 0 && is_str(i))
        return pyerr_format(pyexc_TypeError,
                            "complex() second arg can't be a string");
    /* r and i are re-read from the shadow stack after anything that
       allocates (a __complex__ or __float__ may run): objects move */
    PY_PUSHV(r);
    PY_PUSHV(i);
    pyval converted;
    int k = call_complex_dunder(r, &converted);
    PY_POPV(i);
    PY_POPV(r);
    if (k < 0)
        return 0;
    if (k > 0)
        r = converted;
    if (!pycomplex_check(r) && !is_real_number(r))
        return pyerr_format(pyexc_TypeError,
                            "complex() first argument must be a string or a "
                            "number, not '%T'",
                            r);
    if (i != 0 && !pycomplex_check(i) && !is_real_number(i))
        return pyerr_format(pyexc_TypeError,
                            "complex() second argument must be a number, not "
                            "'%T'",
                            i);
    cnum cr = {0.0, 0.0}, ci = {0.0, 0.0};
    bool r_complex = pycomplex_check(r);
    if (r_complex) {
        cr.re = pycomplex_real(r);
        cr.im = pycomplex_imag(r);
    } else {
        PY_PUSHV(i);
        int rc = real_value(r, &cr.re);
        PY_POPV(i);
        if (rc < 0)
            return 0;
    }
    if (i == 0) {
        ci.re = cr.im;
    } else if (pycomplex_check(i)) {
        ci.re = pycomplex_real(i);
        ci.im = pycomplex_imag(i);
        /* (a + bj) * 1j = -b + aj */
        cr.re -= ci.im;
    } else if (real_value(i, &ci.re) < 0) {
        return 0;
    }
    if (r_complex && i != 0)
        ci.re += cr.im;
    return complex_of_type(TYPE, cr.re, ci.re);
#undef TYPE
}

static pyval complex_new(PyType *type, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSH(type);
    pyval r = complex_new_rooted(saved, args, nargs, kwnames);
    pyrt_tl.shadowstack = saved;
    return r;
}

/* ------------------------------------------------------------ methods */

static pyval complex_get_real(pyval self)
{
    return pyfloat_from_double(pycomplex_real(self));
}

static pyval complex_get_imag(pyval self)
{
    return pyfloat_from_double(pycomplex_imag(self));
}

static pyval complex_conjugate(pyval self, const pyval *args, size_t nargs,
                               PyObj *kwnames)
{
    if (pyarg_no_keywords("conjugate", kwnames) < 0 ||
        pyarg_count("conjugate", nargs, 0, 0) < 0)
        return 0;
    return pycomplex_from_doubles(pycomplex_real(self), -pycomplex_imag(self));
}

static pyval complex_complex(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("__complex__", kwnames) < 0 ||
        pyarg_count("__complex__", nargs, 0, 0) < 0)
        return 0;
    return self;
}

static pyval complex_format_method(pyval self, const pyval *args, size_t nargs,
                                   PyObj *kwnames)
{
    if (pyarg_no_keywords("__format__", kwnames) < 0 ||
        pyarg_count("__format__", nargs, 1, 1) < 0)
        return 0;
    if (!is_str(args[0]))
        return pyerr_format(pyexc_TypeError,
                            "__format__() argument must be str, not %T",
                            args[0]);
    size_t len = (size_t)pystr_nbytes(args[0]);
    char *spec = malloc(len + 1);
    if (spec == NULL)
        return pyerr_no_memory();
    memcpy(spec, pystr_utf8(args[0]), len);
    spec[len] = 0;
    pyval r = pycomplex_format(self, spec, len);
    free(spec);
    return r;
}

static pyval complex_getnewargs(pyval self, const pyval *args, size_t nargs,
                                PyObj *kwnames)
{
    if (pyarg_no_keywords("__getnewargs__", kwnames) < 0 ||
        pyarg_count("__getnewargs__", nargs, 0, 0) < 0)
        return 0;
    /* both parts read before the first allocation moves self */
    double real = pycomplex_real(self), imag = pycomplex_imag(self);
    pyval re = pyfloat_from_double(real);
    PY_PUSHV(re);
    pyval im = pyfloat_from_double(imag);
    PY_PUSHV(im);
    pyval t = pytuple_new(2);
    PY_POPV(im);
    PY_POPV(re);
    if (t == 0)
        return 0;
    pytuple_init_item(t, 0, re);
    pytuple_init_item(t, 1, im);
    return t;
}

static const struct pymethod_def complex_methods[] = {
    {"conjugate", complex_conjugate, 0, NULL},
    {"__complex__", complex_complex, 0, NULL},
    {"__format__", complex_format_method, 0, NULL},
    {"__getnewargs__", complex_getnewargs, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct pygetset_def complex_getset[] = {
    {"real", complex_get_real, NULL},
    {"imag", complex_get_imag, NULL},
    {NULL, NULL, NULL},
};

static const struct pytype_slots complex_slots = {
    .methods = complex_methods,
    .getset = complex_getset,
    .new_ = complex_new,
    .repr = complex_repr,
    .hash = complex_hash,
    .richcompare = complex_richcompare,
    .truth = complex_truth,
    .binop =
        {
            [PYOP_ADD] = complex_add,
            [PYOP_SUB] = complex_sub,
            [PYOP_MUL] = complex_mul,
            [PYOP_TRUEDIV] = complex_truediv,
            [PYOP_POW] = complex_pow,
        },
    .neg = complex_neg,
    .pos = complex_pos,
    .absolute = complex_abs,
};

/* outside transactions */
void pycomplex_setup_types(void)
{
    pytype_complex = pytype_new_builtin("complex", &complex_slots, PYL_COMPLEX,
                                        NULL, PYTYPE_BASETYPE);
}
