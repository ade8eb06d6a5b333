/* bytesformat.c -- bytes % args and bytearray % args (PEP 461).
 *
 * The directives are parsed here; %s/%b (bytes-like or __bytes__),
 * %r/%a (ascii()) and %c make bytes directly, and the numeric ones
 * (%d %i %u %o %x %X %e %E %f %F %g %G) are delegated one at a time to
 * str's '%' with the same flags, width and precision: their text is
 * ASCII, and str's messages for wrong types are the ones bytes gives.
 */
#include "bytesobject.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "memoryobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the value k entries down the shadow stack (1: the top) */
#define ROOT(k) ((pyval)(uintptr_t)pyrt_tl.shadowstack[-(k)].ss)

struct out {
    uint8_t *d;
    int64_t len, cap;
};

static bool put(struct out *o, const void *p, int64_t n)
{
    if (o->len + n > o->cap) {
        int64_t cap = o->cap ? o->cap : 64;
        while (cap < o->len + n)
            cap *= 2;
        uint8_t *d = realloc(o->d, (size_t)cap);
        if (d == NULL) {
            pyerr_no_memory();
            return false;
        }
        o->d = d;
        o->cap = cap;
    }
    memcpy(o->d + o->len, p, (size_t)n);
    o->len += n;
    return true;
}

/* p[0..n) padded to width (left-aligned with '-') */
static bool put_padded(struct out *o, const uint8_t *p, int64_t n,
                       int64_t width, bool left)
{
    static const uint8_t spaces[16] = "                ";
    int64_t fill = width > n ? width - n : 0;
    if (left && !put(o, p, n))
        return false;
    while (fill > 0) {
        int64_t k = fill < 16 ? fill : 16;
        if (!put(o, spaces, k))
            return false;
        fill -= k;
    }
    return left || put(o, p, n);
}

/* the bytes of a %s / %b argument: a new bytes object, or 0 */
static pyval bytes_of(pyval v)
{
    if (pybytes_like(v))
        return v;
    if (pyval_is_obj(v) && pyval_obj(v)->layout == PYL_MEMORYVIEW) {
        int64_t n; /* a strided view: its bytes copied */
        uint8_t *c = pymemview_copy(v, &n);
        if (c == NULL)
            return 0;
        pyval b = pybytes_from_data(c, n);
        free(c);
        return b;
    }
    if (pyval_is_obj(v) && (pyval_type(v)->tflags & PYTYPE_HEAPTYPE)) {
        PY_PUSHV(v);
        pyval name = pystr_intern_utf8("__bytes__", 9);
        PY_POPV(v);
        if (name == 0)
            return 0;
        if (pytype_lookup(pyval_type(v), name) != 0) {
            pyval m = pyobj_getattr(v, name);
            pyval r = m == 0 ? 0 : pyobj_call(m, NULL, 0, NULL);
            if (r != 0 && !pybytes_check(r))
                return pyerr_format(pyexc_TypeError,
                                    "__bytes__ returned non-bytes (type %T)",
                                    r);
            return r;
        }
    }
    return pyerr_format(pyexc_TypeError,
                        "%%b requires a bytes-like object, or an object that "
                        "implements __bytes__, not '%T'",
                        v);
}

/* One numeric directive through str's '%'. */
static bool put_number(struct out *o, const char *spec, pyval v)
{
    PY_PUSHV(v);
    pyval fmt = pystr_from_cstr(spec);
    PY_POPV(v);
    if (fmt == 0)
        return false;
    PY_PUSHV(fmt);
    pyval args = pytuple_pack(1, v);
    PY_POPV(fmt);
    if (args == 0)
        return false;
    pyval s = pystr_mod(fmt, args);
    if (s == 0)
        return false;
    return put(o, pystr_utf8(s), pystr_nbytes(s));
}

/* The format's bytes are copied to C memory first (fmt); the arguments
   are on the shadow stack: ROOT(2) args, ROOT(1) the mapping or 0. */
static int format_all(const uint8_t *fmt, int64_t n, struct out *o,
                      int64_t nargs, bool is_tuple)
{
    int64_t argi = 0;
    bool used_mapping = false;
    for (int64_t i = 0; i < n;) {
        if (fmt[i] != '%') {
            int64_t s = i;
            while (i < n && fmt[i] != '%')
                i++;
            if (!put(o, fmt + s, i - s))
                return -1;
            continue;
        }
        int64_t start = ++i; /* after the '%' */
        pyval value = 0;
        if (i < n && fmt[i] == '(') {
            if (ROOT(1) == 0) {
                pyerr_format(pyexc_TypeError, "format requires a mapping");
                return -1;
            }
            int depth = 1;
            int64_t ks = ++i;
            while (i < n && depth > 0) {
                if (fmt[i] == '(')
                    depth++;
                else if (fmt[i] == ')')
                    depth--;
                i++;
            }
            if (depth > 0) {
                pyerr_format(pyexc_ValueError, "incomplete format key");
                return -1;
            }
            pyval key = pybytes_from_data(fmt + ks, i - 1 - ks);
            if (key == 0)
                return -1;
            value = pyobj_getitem(ROOT(1), key);
            if (value == 0)
                return -1;
            used_mapping = true;
        }
        char flags[8];
        int nflags = 0;
        bool left = false;
        while (i < n && strchr("-+ #0z", fmt[i]) != NULL && fmt[i] != 0) {
            if (fmt[i] == '-')
                left = true;
            if (fmt[i] != 'z' && nflags < 7)
                flags[nflags++] = (char)fmt[i];
            i++;
        }
        flags[nflags] = 0;
        int64_t width = -1, prec = -1;
        for (int part = 0; part < 2; part++) {
            int64_t *dst = part == 0 ? &width : &prec;
            if (part == 1) {
                if (i >= n || fmt[i] != '.')
                    break;
                i++;
                prec = 0;
            }
            if (i < n && fmt[i] == '*') {
                i++;
                if (argi >= nargs) {
                    pyerr_format(pyexc_TypeError,
                                 "not enough arguments for format string");
                    return -1;
                }
                pyval w = is_tuple ? pytuple_get(ROOT(2), argi) : ROOT(2);
                argi++;
                if (!pyval_is_int(w)) {
                    pyerr_format(pyexc_TypeError, "* wants int");
                    return -1;
                }
                *dst = pyval_int(w);
                if (part == 0 && *dst < 0) {
                    left = true;
                    *dst = -*dst;
                }
            } else {
                while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
                    if (*dst < 0)
                        *dst = 0;
                    *dst = *dst * 10 + (fmt[i] - '0');
                    i++;
                }
            }
        }
        while (i < n && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L'))
            i++;
        if (i >= n) {
            pyerr_format(pyexc_ValueError, "incomplete format");
            return -1;
        }
        uint8_t conv = fmt[i++];
        if (conv == '%' && i - 1 == start) { /* only "%%" itself */
            if (!put(o, "%", 1))
                return -1;
            continue;
        }
        if (value == 0) {
            if (argi >= nargs) {
                pyerr_format(pyexc_TypeError,
                             "not enough arguments for format string");
                return -1;
            }
            value = is_tuple ? pytuple_get(ROOT(2), argi) : ROOT(2);
            argi++;
        }
        switch (conv) {
        case 's':
        case 'b': {
            pyval b = bytes_of(value);
            if (b == 0)
                return -1;
            struct pybuf v;
            pybuf_get(b, &v);
            int64_t len = prec >= 0 && prec < v.n ? prec : v.n;
            if (!put_padded(o, v.p, len, width, left))
                return -1;
            break;
        }
        case 'r':
        case 'a': {
            pyval s = pystr_ascii_of(value);
            if (s == 0)
                return -1;
            int64_t len = pystr_nbytes(s);
            if (prec >= 0 && prec < len)
                len = prec;
            if (!put_padded(o, (const uint8_t *)pystr_utf8(s), len, width,
                            left))
                return -1;
            break;
        }
        case 'c': {
            uint8_t c;
            struct pybuf v;
            if (pybuf_get(value, &v) && v.n == 1) {
                c = v.p[0];
            } else if (pyval_is_int(value) ||
                       pyval_type(value)->slots->index != NULL) {
                pyval iv = pynum_index(value);
                if (iv == 0)
                    return -1;
                int64_t k;
                if (pyint_as_int64(iv, &k) < 0 || k < 0 || k > 255) {
                    pyerr_clear();
                    pyerr_format(pyexc_OverflowError,
                                 "%%c arg not in range(256)");
                    return -1;
                }
                c = (uint8_t)k;
            } else {
                pyerr_format(pyexc_TypeError, "%%c requires an integer in "
                                              "range(256) or a single byte");
                return -1;
            }
            if (!put_padded(o, &c, 1, width, left))
                return -1;
            break;
        }
        default:
            if (strchr("diuoxXeEfFgG", conv) == NULL || conv == 0) {
                pyerr_format(pyexc_ValueError,
                             "unsupported format character '%c' (0x%x) at "
                             "index %lld",
                             conv, conv, (long long)(i - 1));
                return -1;
            }
            {
                char spec[64];
                int k = snprintf(spec, sizeof(spec), "%%%s", flags);
                if (width >= 0)
                    k += snprintf(spec + k, sizeof(spec) - (size_t)k, "%lld",
                                  (long long)width);
                if (prec >= 0)
                    k += snprintf(spec + k, sizeof(spec) - (size_t)k, ".%lld",
                                  (long long)prec);
                /* bytes reports %i as %d in its messages */
                snprintf(spec + k, sizeof(spec) - (size_t)k, "%c",
                         conv == 'i' ? 'd' : conv);
                if (left && strchr(flags, '-') == NULL && width >= 0) {
                    /* a negative '*' width: left-aligned */
                    memmove(spec + 2, spec + 1, strlen(spec));
                    spec[1] = '-';
                }
                PY_PUSHV(value);
                bool ok = put_number(o, spec, value);
                PY_POPV(value);
                if (!ok && strchr("eEfFgG", conv) != NULL) {
                    /* any failure to get a float is this TypeError */
                    pyerr_clear();
                    pyerr_format(pyexc_TypeError,
                                 "float argument required, not %T", value);
                }
                if (!ok)
                    return -1;
            }
            break;
        }
    }
    if (!used_mapping && ROOT(1) == 0 && argi < nargs) {
        pyerr_format(pyexc_TypeError,
                     "not all arguments converted during bytes formatting");
        return -1;
    }
    return 0;
}

pyval pybytes_mod(pyval format, pyval args)
{
    if (!pybytes_or_bytearray(format))
        return py_NotImplemented;
    bool is_tuple = pyval_is_obj(args) && pyval_obj(args)->layout == PYL_TUPLE;
    pyval mapping = 0;
    if (!is_tuple && !pybytes_or_bytearray(args) && pyval_is_obj(args) &&
        pyval_obj(args)->layout != PYL_STR &&
        pyval_type(args)->slots->getitem != NULL)
        mapping = args;
    int64_t nargs = is_tuple ? pytuple_size(args) : 1;
    struct pybuf f;
    pybuf_get(format, &f);
    uint8_t *fmt = malloc((size_t)f.n + 1);
    if (fmt == NULL)
        return pyerr_no_memory();
    memcpy(fmt, f.p, (size_t)f.n);
    int64_t n = f.n;
    bool ba = pybytearray_check(format);
    struct out o = {NULL, 0, 0};
    PY_PUSHV(args);
    PY_PUSHV(mapping);
    int r = format_all(fmt, n, &o, nargs, is_tuple);
    pyrt_tl.shadowstack -= 2;
    free(fmt);
    pyval result = 0;
    if (r == 0) {
        const uint8_t *d = o.d ? o.d : (const uint8_t *)"";
        result =
            ba ? pybytearray_from_data(d, o.len) : pybytes_from_data(d, o.len);
    }
    free(o.d);
    return result;
}
