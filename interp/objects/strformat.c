/* strformat.c -- str % args (printf-style), str.format / format_map and
 * format(value, spec) for the built-in types, exact against CPython 3.11.
 *
 * The format string is copied to C memory first, so its text stays put
 * while fields allocate; the arguments stay on the shadow stack (or in
 * the caller's argument array, which the caller keeps rooted) and are
 * re-read after every step that may allocate.  Output goes to a
 * pyfmt_buf and becomes one str at the end.  The number formatting is
 * format.h's (spec mini-language, '%' conversions) and dtoa.h's; ints
 * give it their magnitude as a digit string in the needed base.
 */
#include "strobject.h"

#include "../runtime/dtoa.h"
#include "../runtime/errors.h"
#include "../runtime/format.h"
#include "../runtime/unicode.h"
#include "../runtime/utf8.h"
#include "abstract.h"
#include "bigint.h"
#include "classobject.h"
#include "complexobject.h"
#include "exceptionobject.h"
#include "floatobject.h"
#include "intobject.h"
#include "listobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROOT(k) ((pyval)(uintptr_t)pyrt_tl.shadowstack[-(k)].ss)

static inline bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

static pyval raise_fmt(int code, const pyfmt_err *err)
{
    switch (code) {
    case PYFMT_NOMEM:
        return pyerr_no_memory();
    case PYFMT_OVERFLOW:
        return pyerr_format(pyexc_OverflowError, "%s", err->msg);
    case PYFMT_TYPE:
        return pyerr_format(pyexc_TypeError, "%s", err->msg);
    default:
        return pyerr_format(pyexc_ValueError, "%s", err->msg);
    }
}

/* an int's sign and magnitude digits in base 2, 8, 10 or 16 (malloc'ed,
   lower case); -1 on error (decimal digit limit, memory) */
static int int_digits(pyval v, int base, bool *neg, char **digits, size_t *n)
{
    v = pyint_value(v);
    if (pyval_is_int(v)) {
        int64_t x = pyval_int(v);
        uint64_t m = x < 0 ? -(uint64_t)x : (uint64_t)x;
        *neg = x < 0;
        char buf[80];
        int len;
        if (base == 2) {
            len = 0;
            char tmp[70];
            do {
                tmp[len++] = (char)('0' + (m & 1));
                m >>= 1;
            } while (m);
            for (int i = 0; i < len; i++)
                buf[i] = tmp[len - 1 - i];
        } else {
            len = snprintf(buf, sizeof(buf),
                           base == 8    ? "%llo"
                           : base == 16 ? "%llx"
                                        : "%llu",
                           (unsigned long long)m);
        }
        *digits = malloc((size_t)len + 1);
        if (*digits == NULL) {
            pyerr_no_memory();
            return -1;
        }
        memcpy(*digits, buf, (size_t)len);
        *n = (size_t)len;
        return 0;
    }
    PyBigInt *b = (PyBigInt *)pyval_obj(v);
    long an = b->size;
    size_t bound = pybig_to_str_bound(an, base);
    char *out = malloc(bound + 1);
    if (out == NULL) {
        pyerr_no_memory();
        return -1;
    }
    size_t len;
    const mp_limb_t *limbs =
        (const mp_limb_t *)(pyobj_real((PyObj *)b) +
                            offsetof(struct pybigint_s, limb));
    int code = pybig_to_str(out, &len, limbs, an, base,
                            base == 10 ? PYBIG_DEFAULT_MAX_STR_DIGITS : 0);
    if (code != PYBIG_OK) {
        free(out);
        char msg[256];
        pybig_str_limit_message(msg, sizeof(msg), code,
                                PYBIG_DEFAULT_MAX_STR_DIGITS, 0);
        pyerr_format(pyexc_ValueError, "%s", msg);
        return -1;
    }
    *neg = out[0] == '-';
    if (*neg) {
        memmove(out, out + 1, len - 1);
        len--;
    }
    *digits = out;
    *n = len;
    return 0;
}

/* ------------------------------------------------------------ format() */

static pyval buf_to_str(pyfmt_buf *b)
{
    pyval s = pystr_from_utf8(b->data ? b->data : "", b->len);
    pyfmt_buf_free(b);
    return s;
}

/* format(v, spec) for spec text (C memory, len bytes) */
static pyval format_value(pyval v, const char *spec, size_t len)
{
    pyfmt_spec ps;
    pyfmt_err err;
    pyfmt_buf out;
    int code;
    PyType *t = pyval_type(v);
    /* every built-in formatter gives str(v) for an empty spec (a
       subclass's __str__ included), as CPython's do */
    if (len == 0)
        return pyobj_str(v);
    if (is_str(v)) {
        code = pyfmt_parse_spec(spec, len, 's', "str", &ps, &err);
        if (code != PYFMT_OK)
            return raise_fmt(code, &err);
        pyfmt_buf_init(&out);
        code = pyfmt_format_str(&out, &ps, pystr_utf8(v),
                                (size_t)pystr_nbytes(v), &err);
    } else if (pyint_check(v)) {
        code = pyfmt_parse_spec(spec, len, 'd', pytype_name(t), &ps, &err);
        if (code != PYFMT_OK)
            return raise_fmt(code, &err);
        int base = pyfmt_int_base(&ps);
        pyfmt_buf_init(&out);
        if (base == 0) {
            double d;
            if (pyint_to_double(v, &d) < 0) {
                if (pyerr_matches(pyexc_OverflowError)) {
                    pyerr_clear();
                    pyerr_format(pyexc_OverflowError,
                                 "int too large to convert to float");
                }
                return 0;
            }
            code = pyfmt_format_float(&out, &ps, d, &err);
        } else {
            bool neg = false;
            char *digits = NULL;
            size_t n = 0;
            if (base > 0 && int_digits(v, base, &neg, &digits, &n) < 0)
                return 0;
            code = pyfmt_format_int(&out, &ps, neg, digits ? digits : "0",
                                    digits ? n : 1, &err);
            free(digits);
        }
    } else if (pyfloat_check(v)) {
        code = pyfmt_parse_spec(spec, len, 0, pytype_name(t), &ps, &err);
        if (code != PYFMT_OK)
            return raise_fmt(code, &err);
        pyfmt_buf_init(&out);
        code = pyfmt_format_float(&out, &ps, pyfloat_value(v), &err);
    } else if (pycomplex_check(v)) {
        return pycomplex_format(v, spec, len);
    } else {
        /* object.__format__ (types with their own __format__ are the
           VM's business: it calls the method) */
        if (len > 0)
            return pyerr_format(pyexc_TypeError,
                                "unsupported format string passed to "
                                "%T.__format__",
                                v);
        return pyobj_str(v);
    }
    if (code != PYFMT_OK) {
        pyfmt_buf_free(&out);
        return raise_fmt(code, &err);
    }
    return buf_to_str(&out);
}

pyval pystr_format_value(pyval v, pyval spec)
{
    size_t len = (size_t)pystr_nbytes(spec);
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return pyerr_no_memory();
    memcpy(copy, pystr_utf8(spec), len);
    pyval r = format_value(v, copy, len);
    free(copy);
    return r;
}

pyval pyobj_format(pyval v, pyval spec)
{
    /* only a class can have a __format__ of its own: a built-in type's
       is one of format_value's cases */
    if (!(pyval_type(v)->tflags & PYTYPE_HEAPTYPE)) {
        if (spec == 0)
            return pyobj_str(v);
        return pystr_format_value(v, spec);
    }
    if (spec == 0) {
        PY_PUSHV(v);
        spec = pystr_from_utf8("", 0);
        PY_POPV(v);
        if (spec == 0)
            return 0;
    }
    bool found;
    pyval r = pyobj_call_dunder(v, "__format__", &spec, 1, &found);
    if (r != 0 && !is_str(r))
        return pyerr_format(pyexc_TypeError,
                            "__format__ must return a str, not %T", r);
    return r;
}

/* int.__format__, float.__format__, str.__format__, object.__format__:
   the checks their argument clinic makes */
static pyval format_dunder(const char *type, pyval self, const pyval *args,
                           size_t nargs, PyObj *kwnames)
{
    if (nargs != 1 || kwnames != NULL)
        return pyerr_format(pyexc_TypeError,
                            "%s.__format__() takes exactly one argument "
                            "(%zd given)",
                            type, (long)nargs);
    if (!is_str(args[0]))
        return pyerr_format(pyexc_TypeError,
                            "__format__() argument must be str, not %T",
                            args[0]);
    return pystr_format_value(self, args[0]);
}

pyval pystr_format_dunder(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    return format_dunder("str", self, args, nargs, kwnames);
}

pyval pyint_format_dunder(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    return format_dunder("int", self, args, nargs, kwnames);
}

pyval pyfloat_format_dunder(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    return format_dunder("float", self, args, nargs, kwnames);
}

/* object.__format__: str(self), any other spec is an error (also for an
   int or float reached through object.__format__ itself) */
pyval pyobject_format_dunder(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (nargs != 1 || kwnames != NULL)
        return pyerr_format(pyexc_TypeError,
                            "object.__format__() takes exactly one argument "
                            "(%zd given)",
                            (long)nargs);
    if (!is_str(args[0]))
        return pyerr_format(pyexc_TypeError,
                            "__format__() argument must be str, not %T",
                            args[0]);
    if (pystr_nbytes(args[0]) > 0)
        return pyerr_format(pyexc_TypeError,
                            "unsupported format string passed to "
                            "%T.__format__",
                            self);
    return pyobj_str(self);
}

/* ------------------------------------------------------------ str.format */

struct fmtstate {
    const pyval *args; /* positional arguments (rooted by the caller) */
    size_t nargs;
    const pyval *kwvalues; /* str.format's keywords */
    pyval *kwnames;        /* their names' tuple, on the shadow stack */
    pyval *mapping;        /* format_map's mapping (a shadow stack slot) */
    int auto_state;        /* 0 unknown, 1 automatic, 2 manual */
    int64_t next_auto;
    pyfmt_buf out;
};

static pyval value_error(const char *msg)
{
    return pyerr_format(pyexc_ValueError, "%s", msg);
}

static pyval keyword_value(struct fmtstate *st, const char *name, size_t len)
{
    if (st->mapping != NULL) {
        pyval key = pystr_from_utf8(name, len);
        if (key == 0)
            return 0;
        return pyobj_getitem(*st->mapping, key);
    }
    pyval names = st->kwnames ? *st->kwnames : 0;
    int64_t nkw = names ? pytuple_size(names) : 0;
    for (int64_t i = 0; i < nkw; i++) {
        pyval n = pytuple_get(names, i);
        if ((size_t)pystr_nbytes(n) == len &&
            memcmp(pystr_utf8(n), name, len) == 0)
            return st->kwvalues[i];
    }
    pyval key = pystr_from_utf8(name, len);
    if (key == 0)
        return 0;
    pyval args = pytuple_pack(1, key);
    if (args != 0)
        pyerr_set(pyexc_new(pyexc_KeyError, args));
    return 0;
}

/* a non-negative decimal number filling [s, s+len), else -1 */
static int64_t parse_index(const char *s, size_t len)
{
    if (len == 0)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        if (v > (INT64_MAX - 9) / 10)
            return -2;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* the object a field name designates: first part, then .attr / [key] */
static pyval field_value(struct fmtstate *st, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] != '.' && s[i] != '[')
        i++;
    pyval obj;
    int64_t index = parse_index(s, i);
    if (i == 0) {
        if (st->auto_state == 2)
            return value_error("cannot switch from manual field "
                               "specification to automatic field numbering");
        st->auto_state = 1;
        index = st->next_auto++;
    } else if (index >= 0) {
        if (st->auto_state == 1)
            return value_error("cannot switch from automatic field "
                               "numbering to manual field specification");
        st->auto_state = 2;
    } else if (index == -2) {
        return value_error("Too many decimal digits in format string");
    }
    if (index >= 0) {
        if ((uint64_t)index >= st->nargs) {
            if (st->mapping != NULL && i > 0)
                return pyerr_format(pyexc_ValueError,
                                    "Format string contains positional "
                                    "fields");
            return pyerr_format(pyexc_IndexError,
                                "Replacement index %zd out of range for "
                                "positional args tuple",
                                (long)index);
        }
        obj = st->args[index];
    } else {
        obj = keyword_value(st, s, i);
        if (obj == 0)
            return 0;
    }
    while (i < len) {
        PY_PUSHV(obj);
        pyval next = 0;
        if (s[i] == '.') {
            size_t j = ++i;
            while (i < len && s[i] != '.' && s[i] != '[')
                i++;
            if (i == j) {
                PY_DROP();
                return value_error("Empty attribute in format string");
            }
            pyval name = pystr_intern_utf8(s + j, i - j);
            if (name != 0)
                next = pyobj_getattr(ROOT(1), name);
        } else if (s[i] == '[') {
            size_t j = ++i;
            while (i < len && s[i] != ']')
                i++;
            if (i >= len) {
                PY_DROP();
                return value_error("Missing ']' in format string");
            }
            if (i == j) {
                PY_DROP();
                return value_error("Empty attribute in format string");
            }
            int64_t k = parse_index(s + j, i - j);
            pyval key =
                k >= 0 ? pyval_from_int(k) : pystr_from_utf8(s + j, i - j);
            i++;
            if (key != 0)
                next = pyobj_getitem(ROOT(1), key);
            if (next != 0 && i < len && s[i] != '.' && s[i] != '[') {
                PY_DROP();
                return value_error("Only '.' or '[' may follow ']' in "
                                   "format field specifier");
            }
        } else {
            PY_DROP();
            return value_error("Only '.' or '[' may follow ']' in format "
                               "field specifier");
        }
        PY_DROP();
        if (next == 0)
            return 0;
        obj = next;
    }
    return obj;
}

static int render(struct fmtstate *st, const char *s, size_t len, int depth);

/* one replacement field, parsed by render() */
static int do_field(struct fmtstate *st, const char *s, size_t name_len,
                    uint32_t conv, const char *spec, size_t spec_len, int depth)
{
    pyval obj = field_value(st, s, name_len);
    if (obj == 0)
        return -1;
    if (conv != 0) {
        PY_PUSHV(obj);
        pyval converted = 0;
        if (conv == 'r')
            converted = pyobj_repr(obj);
        else if (conv == 's')
            converted = pyobj_str(obj);
        else if (conv == 'a')
            converted = pystr_ascii_of(obj);
        else {
            char shown[5];
            shown[pyutf8_put((uint8_t *)shown, conv)] = 0;
            pyerr_format(pyexc_ValueError, "Unknown conversion specifier %s",
                         shown);
        }
        PY_DROP();
        if (converted == 0)
            return -1;
        obj = converted;
    }
    /* a spec with nested fields is rendered first */
    char *spec_text = NULL;
    if (memchr(spec, '{', spec_len) != NULL) {
        PY_PUSHV(obj);
        pyfmt_buf saved = st->out;
        pyfmt_buf_init(&st->out);
        int r = render(st, spec, spec_len, depth - 1);
        pyfmt_buf inner = st->out;
        st->out = saved;
        PY_POPV(obj);
        if (r < 0) {
            pyfmt_buf_free(&inner);
            return -1;
        }
        spec_text = inner.data;
        spec_len = inner.len;
        spec = spec_text ? spec_text : "";
    }
    pyval text;
    if (pyval_type(obj)->tflags & PYTYPE_HEAPTYPE) {
        /* a class may have its own __format__ */
        PY_PUSHV(obj);
        pyval spec_str = pystr_from_utf8(spec, spec_len);
        PY_POPV(obj);
        text = spec_str ? pyobj_format(obj, spec_str) : 0;
    } else {
        text = format_value(obj, spec, spec_len);
    }
    free(spec_text);
    if (text == 0)
        return -1;
    if (pyfmt_buf_append(&st->out, pystr_utf8(text),
                         (size_t)pystr_nbytes(text)) < 0) {
        pyerr_no_memory();
        return -1;
    }
    return 0;
}

static int render(struct fmtstate *st, const char *s, size_t len, int depth)
{
    if (depth <= 0) {
        value_error("Max string recursion exceeded");
        return -1;
    }
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c != '{' && c != '}') {
            size_t j = i;
            while (j < len && s[j] != '{' && s[j] != '}')
                j++;
            if (pyfmt_buf_append(&st->out, s + i, j - i) < 0)
                goto nomem;
            i = j;
            continue;
        }
        if (i + 1 < len && s[i + 1] == c) {
            if (pyfmt_buf_putc(&st->out, c) < 0)
                goto nomem;
            i += 2;
            continue;
        }
        if (c == '}') {
            value_error("Single '}' encountered in format string");
            return -1;
        }
        /* a field: name, then !conversion, then :spec (braces nest in
           the spec, brackets in the name hold anything) */
        if (i + 1 >= len) {
            value_error("Single '{' encountered in format string");
            return -1;
        }
        size_t j = i + 1;
        while (j < len) {
            char d = s[j];
            if (d == '[') {
                while (j < len && s[j] != ']')
                    j++;
                if (j < len)
                    j++;
                continue;
            }
            if (d == '{') {
                value_error("unexpected '{' in field name");
                return -1;
            }
            if (d == '}' || d == ':' || d == '!')
                break;
            j++;
        }
        if (j >= len) {
            value_error("expected '}' before end of string");
            return -1;
        }
        size_t name_len = j - i - 1;
        uint32_t conv = 0;
        if (s[j] == '!') {
            j++;
            if (j >= len) {
                value_error("end of string while looking for conversion "
                            "specifier");
                return -1;
            }
            int n = 1;
            conv = (unsigned char)s[j];
            if (conv >= 0x80)
                conv = pyutf8_get((const uint8_t *)s + j, &n);
            j += (size_t)n;
            if (j >= len) {
                value_error("unmatched '{' in format spec");
                return -1;
            }
            if (s[j] != ':' && s[j] != '}') {
                value_error("expected ':' after conversion specifier");
                return -1;
            }
        }
        const char *spec = s + j;
        size_t spec_len = 0;
        if (s[j] == ':') {
            size_t start = ++j;
            int level = 1;
            while (j < len) {
                if (s[j] == '{')
                    level++;
                else if (s[j] == '}' && --level == 0)
                    break;
                j++;
            }
            if (j >= len) {
                value_error("unmatched '{' in format spec");
                return -1;
            }
            spec = s + start;
            spec_len = j - start;
        }
        if (do_field(st, s + i + 1, name_len, conv, spec, spec_len, depth) < 0)
            return -1;
        i = j + 1;
    }
    return 0;
nomem:
    pyerr_no_memory();
    return -1;
}

static pyval format_with(pyval self, struct fmtstate *st)
{
    size_t len = (size_t)pystr_nbytes(self);
    char *text = malloc(len + 1);
    if (text == NULL)
        return pyerr_no_memory();
    memcpy(text, pystr_utf8(self), len);
    st->auto_state = 0;
    st->next_auto = 0;
    pyfmt_buf_init(&st->out);
    int r = render(st, text, len, 2);
    free(text);
    if (r < 0) {
        pyfmt_buf_free(&st->out);
        return 0;
    }
    return buf_to_str(&st->out);
}

pyval pystr_format_method(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    /* the names may be young: keep them where a collection updates them */
    PY_PUSHV(kwnames ? pyval_from_obj(kwnames) : 0);
    pyval *names = kwnames ? (pyval *)(pyrt_tl.shadowstack - 1) : NULL;
    struct fmtstate st = {args, nargs, args + nargs, names, NULL,
                          0,    0,     {NULL, 0, 0}};
    pyval r = format_with(self, &st);
    PY_DROP();
    return r;
}

pyval pystr_format_map_method(pyval self, const pyval *args, size_t nargs,
                              PyObj *kwnames)
{
    if (nargs != 1 || (kwnames && pytuple_size(pyval_from_obj(kwnames))))
        return pyerr_format(pyexc_TypeError,
                            "str.format_map() takes exactly one argument "
                            "(%zd given)",
                            (long)nargs);
    PY_PUSHV(args[0]);
    struct fmtstate st = {NULL, 0, NULL, NULL, NULL, 0, 0, {NULL, 0, 0}};
    st.mapping = (pyval *)(pyrt_tl.shadowstack - 1);
    pyval r = format_with(self, &st);
    PY_DROP();
    return r;
}

/* ------------------------------------------------------------ % */

/* the argument source of '%': rooted tuple or single value */
struct modargs {
    struct stm_shadowentry_s *root; /* root[0]: args, root[1]: dict */
    int64_t count;                  /* -1: a single value */
    int64_t next;
};

static pyval next_arg(struct modargs *m)
{
    pyval args = (pyval)(uintptr_t)m->root[0].ss;
    if (m->count < 0) {
        if (m->next++ == 0)
            return args;
    } else if (m->next < m->count) {
        return pytuple_get(args, m->next++);
    }
    return pyerr_format(pyexc_TypeError, "not enough arguments for format "
                                         "string");
}

/* int(x) of a float: truncated (exact digits for big ones) */
static int int_of_float(double x, pyval *out)
{
    if (x != x) {
        pyerr_format(pyexc_ValueError, "cannot convert float NaN to integer");
        return -1;
    }
    if (x == HUGE_VAL || x == -HUGE_VAL) {
        pyerr_format(pyexc_OverflowError,
                     "cannot convert float infinity to integer");
        return -1;
    }
    double t = trunc(x);
    if (t > -4e18 && t < 4e18) {
        *out = pyint_from_int64((int64_t)t);
        return 0;
    }
    pyfmt_buf b;
    pyfmt_buf_init(&b);
    bool neg;
    if (pydtoa_format(&b, t, 'f', 0, 0, &neg) != PYDTOA_OK) {
        pyfmt_buf_free(&b);
        pyerr_no_memory();
        return -1;
    }
    *out = pyint_from_digits(b.data, b.len, 10);
    pyfmt_buf_free(&b);
    if (*out != 0 && neg)
        *out = pynum_neg(*out);
    return *out == 0 ? -1 : 0;
}

static int int_of_number(pyval v, char conv, pyval *out)
{
    if (pyint_check(v)) {
        *out = v;
        return 0;
    }
    if (pyfloat_check(v) && conv != 'o' && conv != 'x' && conv != 'X')
        return int_of_float(pyfloat_value(v), out);
    const struct pytype_slots *sl = pyval_type(v)->slots;
    if (conv == 'o' || conv == 'x' || conv == 'X') {
        if (sl->index == NULL) {
            pyerr_format(pyexc_TypeError,
                         "%%%c format: an integer is required, not %T", conv,
                         v);
            return -1;
        }
        *out = sl->index(v);
        return *out == 0 ? -1 : 0;
    }
    if (sl->to_int == NULL && sl->index == NULL) {
        pyerr_format(pyexc_TypeError,
                     "%%%c format: a real number is required, not %T", conv, v);
        return -1;
    }
    *out = sl->to_int ? sl->to_int(v) : sl->index(v);
    return *out == 0 ? -1 : 0;
}

pyval pystr_mod(pyval format, pyval args)
{
    size_t len = (size_t)pystr_nbytes(format);
    char *s = malloc(len + 1);
    if (s == NULL)
        return pyerr_no_memory();
    memcpy(s, pystr_utf8(format), len);
    struct modargs m;
    m.root = pyrt_tl.shadowstack;
    PY_PUSHV(args);
    bool tuple = pyval_is_obj(args) && pyval_obj(args)->layout == PYL_TUPLE;
    bool mapping = !tuple && !is_str(args) && !pyval_is_int(args) &&
                   pyval_type(args)->slots->getitem != NULL;
    PY_PUSHV(mapping ? args : 0);
    m.count = tuple ? pytuple_size(args) : -1;
    m.next = 0;
    pyfmt_buf out;
    pyfmt_buf_init(&out);
    pyfmt_err err;
    pyval result = 0;
    size_t i = 0;
    while (i < len) {
        if (s[i] != '%') {
            size_t j = i;
            while (j < len && s[j] != '%')
                j++;
            if (pyfmt_buf_append(&out, s + i, j - i) < 0)
                goto nomem;
            i = j;
            continue;
        }
        size_t start = i++;
        pyval arg = 0;
        bool from_key = false;
        if (i < len && s[i] == '(') {
            pyval dict = (pyval)(uintptr_t)m.root[1].ss;
            if (dict == 0) {
                pyerr_format(pyexc_TypeError, "format requires a mapping");
                goto fail;
            }
            size_t j = ++i;
            int level = 1;
            while (i < len) {
                if (s[i] == '(')
                    level++;
                else if (s[i] == ')' && --level == 0)
                    break;
                i++;
            }
            if (i >= len) {
                pyerr_format(pyexc_ValueError, "incomplete format key");
                goto fail;
            }
            pyval key = pystr_from_utf8(s + j, i - j);
            i++;
            if (key == 0)
                goto fail;
            arg = pyobj_getitem((pyval)(uintptr_t)m.root[1].ss, key);
            if (arg == 0)
                goto fail;
            from_key = true;
            /* keyed formats use the mapping, never the count check */
            m.count = -2;
        }
        int flags = 0;
        while (i < len) {
            char c = s[i];
            if (c == '-')
                flags |= PYFMT_F_LJUST;
            else if (c == '+')
                flags |= PYFMT_F_SIGN;
            else if (c == ' ')
                flags |= PYFMT_F_BLANK;
            else if (c == '#')
                flags |= PYFMT_F_ALT;
            else if (c == '0')
                flags |= PYFMT_F_ZERO;
            else
                break;
            i++;
        }
        int64_t width = -1, prec = -1;
        for (int part = 0; part < 2; part++) {
            if (part == 1) {
                if (i < len && s[i] == '.') {
                    i++;
                    prec = 0;
                } else {
                    break;
                }
            }
            int64_t *target = part == 0 ? &width : &prec;
            if (i < len && s[i] == '*') {
                i++;
                if (from_key)
                    PY_PUSHV(arg);
                pyval w = m.count == -2 ? 0 : next_arg(&m);
                if (m.count == -2)
                    pyerr_format(pyexc_TypeError,
                                 "not enough arguments for format string");
                if (from_key)
                    PY_POPV(arg);
                if (w == 0)
                    goto fail;
                if (!pyint_check(w)) {
                    pyerr_format(pyexc_TypeError, "* wants int");
                    goto fail;
                }
                int64_t v;
                bool too_big = pyint_as_int64(w, &v) < 0 ||
                               (part == 1 && (v > INT_MAX || v < INT_MIN));
                if (too_big) {
                    pyerr_clear();
                    pyerr_format(pyexc_OverflowError,
                                 part == 0 ? "Python int too large to convert "
                                             "to C ssize_t"
                                           : "Python int too large to convert "
                                             "to C int");
                    goto fail;
                }
                if (part == 0 && v < 0) {
                    flags |= PYFMT_F_LJUST;
                    /* -INT64_MIN overflows in CPython too: no width */
                    v = v == INT64_MIN ? -1 : -v;
                }
                *target = part == 1 && v < 0 ? 0 : v;
            } else {
                bool any = false;
                int64_t v = 0;
                while (i < len && s[i] >= '0' && s[i] <= '9') {
                    int d = s[i] - '0';
                    if (part == 0 ? v > (INT64_MAX - d) / 10
                                  : v * 10 + d > INT_MAX) {
                        pyerr_format(pyexc_ValueError,
                                     part == 0 ? "width too big"
                                               : "precision too big");
                        goto fail;
                    }
                    v = v * 10 + d;
                    any = true;
                    i++;
                }
                if (any || part == 1)
                    *target = v;
            }
        }
        while (i < len && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L'))
            i++;
        if (i >= len) {
            pyerr_format(pyexc_ValueError, "incomplete format");
            goto fail;
        }
        /* the conversion character, a code point */
        uint32_t conv = (unsigned char)s[i];
        size_t conv_at = i;
        if (conv >= 0x80) {
            int n;
            conv = pyutf8_get((const uint8_t *)s + i, &n);
            i += (size_t)n;
        } else {
            i++;
        }
        if (conv == '%' && i - start == 2) {
            if (pyfmt_buf_putc(&out, '%') < 0)
                goto nomem;
            continue;
        }
        if (arg == 0) {
            if (m.count == -2) {
                pyerr_format(pyexc_TypeError,
                             "not enough arguments for format string");
                goto fail;
            }
            arg = next_arg(&m);
            if (arg == 0)
                goto fail;
        }
        int code = PYFMT_OK;
        switch (conv) {
        case 's':
        case 'r':
        case 'a': {
            pyval text = conv == 's'   ? pyobj_str(arg)
                         : conv == 'r' ? pyobj_repr(arg)
                                       : pystr_ascii_of(arg);
            if (text == 0)
                goto fail;
            code = pyfmt_printf_str(&out, flags, width, prec, pystr_utf8(text),
                                    (size_t)pystr_nbytes(text));
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            pyval iv;
            if (int_of_number(arg, (char)conv, &iv) < 0)
                goto fail;
            int base = conv == 'o' ? 8 : conv == 'x' || conv == 'X' ? 16 : 10;
            bool neg;
            char *digits;
            size_t n;
            if (int_digits(iv, base, &neg, &digits, &n) < 0)
                goto fail;
            code = pyfmt_printf_int(&out, (int)conv, flags, width, prec, neg,
                                    digits, n, &err);
            free(digits);
            break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': {
            double d;
            if (pyfloat_check(arg)) {
                d = pyfloat_value(arg);
            } else if (pyint_check(arg)) {
                if (pyint_to_double(arg, &d) < 0)
                    goto fail;
            } else {
                pyval (*tf)(pyval) = pyval_type(arg)->slots->to_float;
                if (tf == NULL) {
                    pyerr_format(pyexc_TypeError, "must be real number, not %T",
                                 arg);
                    goto fail;
                }
                pyval f = tf(arg);
                if (f == 0)
                    goto fail;
                d = pyfloat_value(f);
            }
            code = pyfmt_printf_float(&out, (int)conv, flags, width, prec, d,
                                      &err);
            break;
        }
        case 'c': {
            int64_t cp;
            if (is_str(arg) && pystr_length(arg) == 1) {
                cp = pystr_char_at(arg, 0);
            } else if (pyint_check(arg) ||
                       pyval_type(arg)->slots->index != NULL) {
                arg = pynum_index(arg); /* __index__ may allocate */
                if (arg == 0)
                    goto fail;
                if (pyint_as_int64(arg, &cp) < 0) {
                    pyerr_clear();
                    cp = -1;
                }
            } else {
                pyerr_format(pyexc_TypeError, "%%c requires int or char");
                goto fail;
            }
            code = pyfmt_printf_char(&out, flags, width, cp, &err);
            break;
        }
        default: {
            char shown = conv >= 31 && conv <= 126 ? (char)conv : '?';
            pyerr_format(pyexc_ValueError,
                         "unsupported format character '%c' (0x%x) at index "
                         "%zd",
                         shown, (unsigned)conv,
                         (long)pyutf8_count((const uint8_t *)s, conv_at));
            goto fail;
        }
        }
        if (code != PYFMT_OK) {
            raise_fmt(code, &err);
            goto fail;
        }
    }
    if (m.count >= 0 ? m.next < m.count
                     : (m.count == -1 && m.next == 0 &&
                        (pyval)(uintptr_t)m.root[1].ss == 0)) {
        pyerr_format(pyexc_TypeError, "not all arguments converted during "
                                      "string formatting");
        goto fail;
    }
    result = buf_to_str(&out);
    goto done;
nomem:
    pyerr_no_memory();
fail:
    pyfmt_buf_free(&out);
done:
    free(s);
    pyrt_tl.shadowstack = m.root;
    return result;
}
