/* bytesmethods.c -- the methods bytes and bytearray share (searching,
 * splitting, case, padding, hex, translate, decode), each written once
 * for both types: a method reads its receiver through a pybuf and makes
 * its result with pybytes_like_from_data(), so bytes give bytes and
 * bytearrays give bytearrays.  (The '%' operator is bytesformat.c;
 * bytearray's mutating methods are bytearrayobject.c.)
 *
 * A view's real address is invalid after any allocation: a method that
 * makes several objects (split, partition) copies the receiver's bytes to
 * C memory first.  Character classes are ASCII only, as in CPython.
 */
#define _GNU_SOURCE /* memmem, memrchr */
#include "bytesobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the value k entries down the shadow stack (1: the top) */
#define ROOT(k) ((pyval)(uintptr_t)pyrt_tl.shadowstack[-(k)].ss)

/* ------------------------------------------------------------ helpers */

static bool is_space(uint8_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}
static bool is_lower(uint8_t c)
{
    return c >= 'a' && c <= 'z';
}
static bool is_upper(uint8_t c)
{
    return c >= 'A' && c <= 'Z';
}
static bool is_alpha(uint8_t c)
{
    return is_lower(c) || is_upper(c);
}
static bool is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}
static uint8_t to_lower(uint8_t c)
{
    return is_upper(c) ? (uint8_t)(c + 32) : c;
}
static uint8_t to_upper(uint8_t c)
{
    return is_lower(c) ? (uint8_t)(c - 32) : c;
}

static bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

/* "bytes.NAME" or "bytearray.NAME", for messages */
static const char *qualified(pyval self, const char *name, char *buf,
                             size_t cap)
{
    snprintf(buf, cap, "%s.%s", pybytearray_check(self) ? "bytearray" : "bytes",
             name);
    return buf;
}

/* a method of no arguments */
static int no_args(pyval self, const char *name, size_t nargs, PyObj *kwnames)
{
    if (nargs == 0 && !pyarg_has_keywords(kwnames))
        return 0; /* the name is only made for a message */
    char q[64];
    qualified(self, name, q, sizeof(q));
    if (pyarg_no_keywords(q, kwnames) < 0)
        return -1;
    return pyarg_count(q, nargs, 0, 0);
}

/* a method of exactly one positional argument */
static int one_arg(pyval self, const char *name, size_t nargs, PyObj *kwnames)
{
    if (nargs == 1 && !pyarg_has_keywords(kwnames))
        return 0;
    char q[64];
    qualified(self, name, q, sizeof(q));
    if (pyarg_no_keywords(q, kwnames) < 0)
        return -1;
    return pyarg_count(q, nargs, 1, 1);
}

/* positional-only parameters checked as Argument Clinic does */
static int clinic_args(pyval self, const char *name, size_t nargs,
                       PyObj *kwnames, size_t min, size_t max)
{
    char q[64];
    if (pyarg_has_keywords(kwnames) &&
        pyarg_no_keywords(qualified(self, name, q, sizeof(q)), kwnames) < 0)
        return -1;
    return pyarg_count(name, nargs, min, max);
}

/* an int argument (through __index__) as a C integer; big values are an
   OverflowError */
static int int_arg(pyval v, int64_t *out)
{
    if (!pyval_is_int(v) && pyval_type(v)->slots->index == NULL) {
        pyerr_format(pyexc_TypeError,
                     "'%T' object cannot be interpreted as an integer", v);
        return -1;
    }
    pyval i = pynum_index(v);
    if (i == 0)
        return -1;
    if (pyint_as_int64(i, out) < 0) {
        pyerr_clear();
        pyerr_format(pyexc_OverflowError,
                     "Python int too large to convert to C ssize_t");
        return -1;
    }
    return 0;
}

/* a malloc'ed copy of v's bytes (1 byte at least); NULL: MemoryError */
static uint8_t *copy_of(pyval v, int64_t *n)
{
    struct pybuf b;
    pybuf_get(v, &b);
    uint8_t *c = malloc((size_t)b.n + 1);
    if (c == NULL) {
        pyerr_no_memory();
        return NULL;
    }
    memcpy(c, b.p, (size_t)b.n);
    *n = b.n;
    return c;
}

/* the result of a method from C memory, which is freed */
static pyval result(pyval self, uint8_t *data, int64_t n)
{
    if (data == NULL)
        return pyerr_no_memory();
    pyval r = pybytes_like_from_data(self, data, n);
    free(data);
    return r;
}

static pyval need_bytes_like(pyval v)
{
    if (pybuf_view_error(v))
        return 0;
    return pyerr_format(pyexc_TypeError,
                        "a bytes-like object is required, not '%T'", v);
}

/* ------------------------------------------------------------ case */

enum casemap { LOWER, UPPER, SWAPCASE, CAPITALIZE, TITLE };

static pyval map_case(pyval self, enum casemap how)
{
    int64_t n;
    uint8_t *d = copy_of(self, &n);
    if (d == NULL)
        return 0;
    bool prev_cased = false;
    for (int64_t i = 0; i < n; i++) {
        uint8_t c = d[i];
        switch (how) {
        case LOWER:
            c = to_lower(c);
            break;
        case UPPER:
            c = to_upper(c);
            break;
        case SWAPCASE:
            c = is_upper(c) ? to_lower(c) : to_upper(c);
            break;
        case CAPITALIZE:
            c = i == 0 ? to_upper(c) : to_lower(c);
            break;
        case TITLE:
            c = prev_cased ? to_lower(c) : to_upper(c);
            prev_cased = is_alpha(c);
            break;
        }
        d[i] = c;
    }
    return result(self, d, n);
}

#define CASE_METHOD(fn, pyname, how)                             \
    static pyval fn(pyval self, const pyval *args, size_t nargs, \
                    PyObj *kwnames)                              \
    {                                                            \
        if (no_args(self, pyname, nargs, kwnames) < 0)           \
            return 0;                                            \
        return map_case(self, how);                              \
    }

CASE_METHOD(m_lower, "lower", LOWER)
CASE_METHOD(m_upper, "upper", UPPER)
CASE_METHOD(m_swapcase, "swapcase", SWAPCASE)
CASE_METHOD(m_capitalize, "capitalize", CAPITALIZE)
CASE_METHOD(m_title, "title", TITLE)

/* ------------------------------------------------------------ predicates */

#define PREDICATE(fn, pyname, test)                              \
    static pyval fn(pyval self, const pyval *args, size_t nargs, \
                    PyObj *kwnames)                              \
    {                                                            \
        if (no_args(self, pyname, nargs, kwnames) < 0)           \
            return 0;                                            \
        struct pybuf b;                                          \
        pybuf_get(self, &b);                                     \
        if (b.n == 0)                                            \
            return py_False;                                     \
        for (int64_t i = 0; i < b.n; i++)                        \
            if (!(test(b.p[i])))                                 \
                return py_False;                                 \
        return py_True;                                          \
    }

static bool is_alnum(uint8_t c)
{
    return is_alpha(c) || is_digit(c);
}

PREDICATE(m_isdigit, "isdigit", is_digit)
PREDICATE(m_isalpha, "isalpha", is_alpha)
PREDICATE(m_isalnum, "isalnum", is_alnum)
PREDICATE(m_isspace, "isspace", is_space)

static pyval m_isascii(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (no_args(self, "isascii", nargs, kwnames) < 0)
        return 0;
    struct pybuf b;
    pybuf_get(self, &b);
    for (int64_t i = 0; i < b.n; i++)
        if (b.p[i] >= 0x80)
            return py_False;
    return py_True;
}

/* isupper / islower: some cased byte, none of the other case */
static pyval cased_test(pyval self, bool upper)
{
    struct pybuf b;
    pybuf_get(self, &b);
    bool cased = false;
    for (int64_t i = 0; i < b.n; i++) {
        if (upper ? is_lower(b.p[i]) : is_upper(b.p[i]))
            return py_False;
        if (upper ? is_upper(b.p[i]) : is_lower(b.p[i]))
            cased = true;
    }
    return pybool(cased);
}

static pyval m_isupper(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (no_args(self, "isupper", nargs, kwnames) < 0)
        return 0;
    return cased_test(self, true);
}

static pyval m_islower(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (no_args(self, "islower", nargs, kwnames) < 0)
        return 0;
    return cased_test(self, false);
}

static pyval m_istitle(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (no_args(self, "istitle", nargs, kwnames) < 0)
        return 0;
    struct pybuf b;
    pybuf_get(self, &b);
    bool cased = false, prev_cased = false;
    for (int64_t i = 0; i < b.n; i++) {
        uint8_t c = b.p[i];
        if (is_upper(c)) {
            if (prev_cased)
                return py_False;
            prev_cased = cased = true;
        } else if (is_lower(c)) {
            if (!prev_cased)
                return py_False;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return pybool(cased);
}

/* ------------------------------------------------------------ searching */

/* a start/end argument of find & co.: None or an index (big values
   clamp) */
static int bound_arg(pyval v, int64_t *out)
{
    if (v == 0 || v == py_None)
        return 0;
    if (!pyval_is_int(v) && pyval_type(v)->slots->index == NULL) {
        pyerr_format(pyexc_TypeError, "slice indices must be integers or "
                                      "None or have an __index__ method");
        return -1;
    }
    pyval i = pynum_index(v);
    if (i == 0)
        return -1;
    if (pyint_as_int64(i, out) < 0) {
        pyerr_clear();
        *out = pyint_sign(i) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    }
    return 0;
}

/* clamps [start, end) to a length as CPython's ADJUST_INDICES (start may
   stay beyond len) */
static void adjust(int64_t *start, int64_t *end, int64_t len)
{
    if (*end > len)
        *end = len;
    else if (*end < 0) {
        *end += len;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = 0;
    }
}

/* The arguments (sub[, start[, end]]) of find, count, index...: the
   needle copied to needle[] (C memory, malloc'ed) */
static int search_args(const char *name, pyval self, const pyval *args,
                       size_t nargs, PyObj *kwnames, uint8_t **needle,
                       int64_t *nlen, int64_t *start, int64_t *end)
{
    char q[64];
    if (pyarg_has_keywords(kwnames) &&
        pyarg_no_keywords(qualified(self, name, q, sizeof(q)), kwnames) < 0)
        return -1;
    if (nargs < 1 || nargs > 3) {
        pyerr_format(pyexc_TypeError,
                     nargs < 1 ? "%s() takes at least 1 argument (%d given)"
                               : "%s() takes at most 3 arguments (%d given)",
                     name, (int)nargs);
        return -1;
    }
    *start = 0;
    *end = INT64_MAX / 2;
    if ((nargs > 1 && bound_arg(args[1], start) < 0) ||
        (nargs > 2 && bound_arg(args[2], end) < 0))
        return -1;
    pyval sub = args[0];
    if (pybytes_like(sub)) {
        *needle = copy_of(sub, nlen);
        return *needle == NULL ? -1 : 0;
    }
    if (pybuf_view_error(sub))
        return -1;
    if (!pyval_is_int(sub) && pyval_type(sub)->slots->index == NULL) {
        pyerr_format(pyexc_TypeError,
                     "argument should be integer or bytes-like object, not "
                     "'%T'",
                     sub);
        return -1;
    }
    pyval i = pynum_index(sub);
    if (i == 0)
        return -1;
    int64_t k;
    if (pyint_as_int64(i, &k) < 0 || k < 0 || k > 255) {
        pyerr_clear();
        pyerr_format(pyexc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    *needle = malloc(1);
    if (*needle == NULL) {
        pyerr_no_memory();
        return -1;
    }
    (*needle)[0] = (uint8_t)k;
    *nlen = 1;
    return 0;
}

/* the index of needle in hay[start:end], or -1 (from the right when
   reverse) */
static int64_t search(const uint8_t *hay, int64_t len, const uint8_t *needle,
                      int64_t nlen, int64_t start, int64_t end, bool reverse)
{
    adjust(&start, &end, len);
    if (end - start < nlen)
        return -1;
    if (nlen == 0)
        return reverse ? end : start;
    if (!reverse) {
        const uint8_t *at =
            memmem(hay + start, (size_t)(end - start), needle, (size_t)nlen);
        return at == NULL ? -1 : at - hay;
    }
    for (int64_t i = end - nlen; i >= start; i--)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)nlen) == 0)
            return i;
    return -1;
}

enum find_kind { FIND, RFIND, INDEX, RINDEX, COUNT };

static pyval find_common(pyval self, const char *name, const pyval *args,
                         size_t nargs, PyObj *kwnames, enum find_kind kind)
{
    uint8_t *needle;
    int64_t nlen, start, end;
    PY_PUSHV(self);
    int r = search_args(name, self, args, nargs, kwnames, &needle, &nlen,
                        &start, &end);
    PY_POPV(self);
    if (r < 0)
        return 0;
    struct pybuf b;
    pybuf_get(self, &b);
    int64_t found;
    if (kind == COUNT) {
        adjust(&start, &end, b.n);
        found = 0;
        if (end - start >= nlen) {
            if (nlen == 0) {
                found = end - start + 1;
            } else {
                int64_t i = start;
                while (i <= end - nlen) {
                    const uint8_t *at = memmem(b.p + i, (size_t)(end - i),
                                               needle, (size_t)nlen);
                    if (at == NULL)
                        break;
                    found++;
                    i = (at - b.p) + nlen;
                }
            }
        }
    } else {
        found = search(b.p, b.n, needle, nlen, start, end,
                       kind == RFIND || kind == RINDEX);
    }
    free(needle);
    if (found < 0 && (kind == INDEX || kind == RINDEX))
        return pyerr_format(pyexc_ValueError, "subsection not found");
    return pyint_from_int64(found);
}

static pyval m_find(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    return find_common(self, "find", args, nargs, kwnames, FIND);
}
static pyval m_rfind(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return find_common(self, "rfind", args, nargs, kwnames, RFIND);
}
static pyval m_index(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return find_common(self, "index", args, nargs, kwnames, INDEX);
}
static pyval m_rindex(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    return find_common(self, "rindex", args, nargs, kwnames, RINDEX);
}
static pyval m_count(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return find_common(self, "count", args, nargs, kwnames, COUNT);
}

/* does self[start:end] start (or end) with the bytes of sub? */
static bool tail_match(pyval self, pyval sub, int64_t start, int64_t end,
                       bool at_end)
{
    struct pybuf b, s;
    pybuf_get(self, &b);
    pybuf_get(sub, &s);
    adjust(&start, &end, b.n);
    if (end - start < s.n)
        return false;
    int64_t at = at_end ? end - s.n : start;
    return memcmp(b.p + at, s.p, (size_t)s.n) == 0;
}

static pyval with_common(pyval self, const char *name, const pyval *args,
                         size_t nargs, PyObj *kwnames, bool at_end)
{
    char q[64];
    if (pyarg_has_keywords(kwnames) &&
        pyarg_no_keywords(qualified(self, name, q, sizeof(q)), kwnames) < 0)
        return 0;
    if (nargs < 1 || nargs > 3)
        return pyerr_format(pyexc_TypeError,
                            nargs < 1
                                ? "%s() takes at least 1 argument (%d given)"
                                : "%s() takes at most 3 arguments (%d given)",
                            name, (int)nargs);
    int64_t start = 0, end = INT64_MAX / 2;
    PY_PUSHV(self);
    int r = 0;
    if ((nargs > 1 && bound_arg(args[1], &start) < 0) ||
        (nargs > 2 && bound_arg(args[2], &end) < 0))
        r = -1;
    PY_POPV(self);
    if (r < 0)
        return 0;
    pyval sub = args[0];
    if (pyval_is_obj(sub) && pyval_obj(sub)->layout == PYL_TUPLE) {
        for (int64_t i = 0; i < pytuple_size(sub); i++) {
            pyval item = pytuple_get(sub, i);
            if (!pybytes_like(item))
                return need_bytes_like(item);
            if (tail_match(self, item, start, end, at_end))
                return py_True;
        }
        return py_False;
    }
    if (pybuf_view_error(sub))
        return 0;
    if (!pybytes_like(sub))
        return pyerr_format(pyexc_TypeError,
                            "%s first arg must be bytes or a tuple of bytes, "
                            "not %T",
                            name, sub);
    return pybool(tail_match(self, sub, start, end, at_end));
}

static pyval m_startswith(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    return with_common(self, "startswith", args, nargs, kwnames, false);
}

static pyval m_endswith(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    return with_common(self, "endswith", args, nargs, kwnames, true);
}

/* ------------------------------------------------------------ split */

/* builds a list of pieces [starts[i], ends[i]) of data (C memory) */
struct pieces {
    int64_t *at; /* pairs: start, end */
    int64_t n, cap;
};

static bool add_piece(struct pieces *p, int64_t start, int64_t end)
{
    if (p->n == p->cap) {
        int64_t cap = p->cap ? p->cap * 2 : 8;
        int64_t *at = realloc(p->at, (size_t)cap * 2 * sizeof(int64_t));
        if (at == NULL)
            return false;
        p->at = at;
        p->cap = cap;
    }
    p->at[2 * p->n] = start;
    p->at[2 * p->n + 1] = end;
    p->n++;
    return true;
}

/* the list of pieces (in reverse order if reversed), data freed */
static pyval make_list(pyval self, uint8_t *data, struct pieces *p,
                       bool reversed, bool failed)
{
    if (failed) {
        free(data);
        free(p->at);
        return pyerr_no_memory();
    }
    bool ba = pybytearray_check(self);
    pyval list = pylist_new(0);
    if (list == 0)
        goto out;
    PY_PUSHV(list);
    for (int64_t k = 0; k < p->n; k++) {
        int64_t i = reversed ? p->n - 1 - k : k;
        int64_t s = p->at[2 * i], e = p->at[2 * i + 1];
        pyval piece = ba ? pybytearray_from_data(data + s, e - s)
                         : pybytes_from_data(data + s, e - s);
        if (piece == 0 || pylist_append(ROOT(1), piece) < 0) {
            PY_DROP();
            list = 0;
            goto out;
        }
    }
    PY_POPV(list);
out:
    free(data);
    free(p->at);
    return list;
}

static const char *const split_names[] = {"sep", "maxsplit"};

static pyval split_common(pyval self, const char *name, const pyval *args,
                          size_t nargs, PyObj *kwnames, bool from_right)
{
    pyval a[2];
    if (pyarg_bind(name, args, nargs, kwnames, split_names, 2, a) < 0)
        return 0;
    int64_t maxsplit = -1;
    if (a[1] != 0) {
        PY_PUSHV(self);
        PY_PUSHV(a[0]);
        int r = int_arg(a[1], &maxsplit);
        PY_POPV(a[0]);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    if (maxsplit < 0)
        maxsplit = INT64_MAX;
    uint8_t *sep = NULL;
    int64_t slen = 0;
    if (a[0] != 0 && a[0] != py_None) {
        if (!pybytes_like(a[0]))
            return need_bytes_like(a[0]);
        sep = copy_of(a[0], &slen);
        if (sep == NULL)
            return 0;
        if (slen == 0) {
            free(sep);
            return pyerr_format(pyexc_ValueError, "empty separator");
        }
    }
    int64_t n;
    uint8_t *d = copy_of(self, &n);
    if (d == NULL) {
        free(sep);
        return 0;
    }
    struct pieces p = {NULL, 0, 0};
    bool failed = false;
    if (sep == NULL) {
        /* runs of whitespace separate; none at the ends */
        if (!from_right) {
            int64_t i = 0;
            while (!failed) {
                while (i < n && is_space(d[i]))
                    i++;
                if (i == n)
                    break;
                if (p.n == maxsplit) { /* the rest, as it is */
                    failed = !add_piece(&p, i, n);
                    break;
                }
                int64_t s = i;
                while (i < n && !is_space(d[i]))
                    i++;
                failed = !add_piece(&p, s, i);
            }
        } else {
            int64_t i = n;
            while (!failed) {
                while (i > 0 && is_space(d[i - 1]))
                    i--;
                if (i == 0)
                    break;
                if (p.n == maxsplit) {
                    failed = !add_piece(&p, 0, i);
                    break;
                }
                int64_t e = i;
                while (i > 0 && !is_space(d[i - 1]))
                    i--;
                failed = !add_piece(&p, i, e);
            }
        }
    } else if (!from_right) {
        int64_t i = 0;
        while (!failed) {
            const uint8_t *at = p.n < maxsplit ? memmem(d + i, (size_t)(n - i),
                                                        sep, (size_t)slen)
                                               : NULL;
            if (at == NULL) {
                failed = !add_piece(&p, i, n);
                break;
            }
            failed = !add_piece(&p, i, at - d);
            i = (at - d) + slen;
        }
    } else {
        int64_t e = n;
        while (!failed) {
            int64_t at =
                p.n < maxsplit ? search(d, e, sep, slen, 0, e, true) : -1;
            if (at < 0) {
                failed = !add_piece(&p, 0, e);
                break;
            }
            failed = !add_piece(&p, at + slen, e);
            e = at;
        }
    }
    free(sep);
    return make_list(self, d, &p, from_right, failed);
}

static pyval m_split(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return split_common(self, "split", args, nargs, kwnames, false);
}

static pyval m_rsplit(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    return split_common(self, "rsplit", args, nargs, kwnames, true);
}

static const char *const splitlines_names[] = {"keepends"};

static pyval m_splitlines(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    pyval a[1];
    if (pyarg_bind("splitlines", args, nargs, kwnames, splitlines_names, 1, a) <
        0)
        return 0;
    bool keepends = false;
    if (a[0] != 0) {
        /* an int, not any truth value (Clinic's bool(accept={int})) */
        int64_t k;
        PY_PUSHV(self);
        int r = int_arg(a[0], &k);
        PY_POPV(self);
        if (r < 0)
            return 0;
        keepends = k != 0;
    }
    int64_t n;
    uint8_t *d = copy_of(self, &n);
    if (d == NULL)
        return 0;
    struct pieces p = {NULL, 0, 0};
    bool failed = false;
    int64_t i = 0;
    while (i < n && !failed) {
        int64_t s = i;
        while (i < n && d[i] != '\n' && d[i] != '\r')
            i++;
        int64_t e = i;
        if (i < n) {
            i += d[i] == '\r' && i + 1 < n && d[i + 1] == '\n' ? 2 : 1;
            if (keepends)
                e = i;
        }
        failed = !add_piece(&p, s, e);
    }
    return make_list(self, d, &p, false, failed);
}

/* (before, sep, after), looking from the left or the right */
/* sep_root: the argument, on the shadow stack (it may move) */
static pyval partition_common(pyval self, const pyval *sep_root,
                              bool from_right)
{
    pyval sep = *sep_root;
    if (!pybytes_like(sep))
        return need_bytes_like(sep);
    int64_t slen, n;
    uint8_t *s = copy_of(sep, &slen);
    if (s == NULL)
        return 0;
    if (slen == 0) {
        free(s);
        return pyerr_format(pyexc_ValueError, "empty separator");
    }
    uint8_t *d = copy_of(self, &n);
    if (d == NULL) {
        free(s);
        return 0;
    }
    int64_t at = search(d, n, s, slen, 0, n, from_right);
    int64_t cuts[3][2];
    if (at < 0 && !from_right) {
        int64_t c[3][2] = {{0, n}, {0, 0}, {0, 0}};
        memcpy(cuts, c, sizeof(cuts));
    } else if (at < 0) {
        int64_t c[3][2] = {{0, 0}, {0, 0}, {0, n}};
        memcpy(cuts, c, sizeof(cuts));
    } else {
        int64_t c[3][2] = {{0, at}, {at, at + slen}, {at + slen, n}};
        memcpy(cuts, c, sizeof(cuts));
    }
    free(s);
    bool ba = pybytearray_check(self);
    pyval parts[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        int64_t st = cuts[k][0], len = cuts[k][1] - cuts[k][0];
        pyval piece = ba ? pybytearray_from_data(d + st, len)
                         : pybytes_from_data(d + st, len);
        if (piece == 0) {
            pyrt_tl.shadowstack -= k;
            free(d);
            return 0;
        }
        PY_PUSHV(piece);
    }
    free(d);
    for (int k = 2; k >= 0; k--)
        PY_POPV(parts[k]);
    /* bytes give back the separator object itself (CPython does) */
    if (!ba && at >= 0)
        parts[1] = *sep_root;
    return pytuple_pack(3, parts[0], parts[1], parts[2]);
}

static pyval m_partition(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (one_arg(self, "partition", nargs, kwnames) < 0)
        return 0;
    return partition_common(self, &args[0], false);
}

static pyval m_rpartition(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (one_arg(self, "rpartition", nargs, kwnames) < 0)
        return 0;
    return partition_common(self, &args[0], true);
}

static pyval m_join(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (one_arg(self, "join", nargs, kwnames) < 0)
        return 0;
    PY_PUSHV(self);
    pyval seq =
        pyval_is_obj(args[0]) && (pyval_obj(args[0])->layout == PYL_LIST ||
                                  pyval_obj(args[0])->layout == PYL_TUPLE)
            ? args[0]
            : 0;
    if (seq == 0 || pyval_obj(seq)->layout == PYL_LIST)
        seq = pylist_from_iterable(args[0]);
    if (seq == 0) {
        PY_POPV(self);
        if (pyerr_matches(pyexc_TypeError) && !pyobj_iterable(args[0])) {
            pyerr_clear();
            pyerr_format(pyexc_TypeError, "can only join an iterable");
        }
        return 0;
    }
    PY_PUSHV(seq);
    bool is_list = pyval_obj(seq)->layout == PYL_LIST;
    int64_t count = is_list ? pylist_len(seq) : pytuple_size(seq);
    /* total size first, checking the items */
    struct pybuf sepb;
    pybuf_get(ROOT(2), &sepb);
    int64_t total = 0;
    for (int64_t i = 0; i < count; i++) {
        pyval item = is_list ? pylist_get(seq, i) : pytuple_get(seq, i);
        struct pybuf b;
        if (!pybuf_get(item, &b)) {
            pyrt_tl.shadowstack -= 2;
            return pyerr_format(pyexc_TypeError,
                                "sequence item %lld: expected a bytes-like "
                                "object, %T found",
                                (long long)i, item);
        }
        total += b.n + (i > 0 ? sepb.n : 0);
    }
    uint8_t *out = malloc((size_t)total + 1);
    if (out == NULL) {
        pyrt_tl.shadowstack -= 2;
        return pyerr_no_memory();
    }
    int64_t k = 0;
    pybuf_get(ROOT(2), &sepb);
    for (int64_t i = 0; i < count; i++) {
        pyval item = is_list ? pylist_get(seq, i) : pytuple_get(seq, i);
        struct pybuf b;
        pybuf_get(item, &b);
        if (i > 0) {
            memcpy(out + k, sepb.p, (size_t)sepb.n);
            k += sepb.n;
        }
        memcpy(out + k, b.p, (size_t)b.n);
        k += b.n;
    }
    pyrt_tl.shadowstack -= 1;
    PY_POPV(self);
    return result(self, out, k);
}

/* ------------------------------------------------------------ strip */

static pyval strip_common(pyval self, const char *name, const pyval *args,
                          size_t nargs, PyObj *kwnames, bool left, bool right)
{
    if (clinic_args(self, name, nargs, kwnames, 0, 1) < 0)
        return 0;
    bool set[256];
    memset(set, 0, sizeof(set));
    if (nargs == 0 || args[0] == py_None) {
        for (int c = 0; c < 256; c++)
            set[c] = is_space((uint8_t)c);
    } else {
        struct pybuf chars;
        if (!pybuf_get(args[0], &chars))
            return need_bytes_like(args[0]);
        for (int64_t i = 0; i < chars.n; i++)
            set[chars.p[i]] = true;
    }
    struct pybuf b;
    pybuf_get(self, &b);
    int64_t s = 0, e = b.n;
    if (left)
        while (s < e && set[b.p[s]])
            s++;
    if (right)
        while (e > s && set[b.p[e - 1]])
            e--;
    uint8_t *d = malloc((size_t)(e - s) + 1);
    if (d != NULL)
        memcpy(d, b.p + s, (size_t)(e - s));
    return result(self, d, e - s);
}

static pyval m_strip(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return strip_common(self, "strip", args, nargs, kwnames, true, true);
}
static pyval m_lstrip(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    return strip_common(self, "lstrip", args, nargs, kwnames, true, false);
}
static pyval m_rstrip(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    return strip_common(self, "rstrip", args, nargs, kwnames, false, true);
}

static pyval remove_affix(pyval self, const char *name, const pyval *args,
                          size_t nargs, PyObj *kwnames, bool suffix)
{
    if (one_arg(self, name, nargs, kwnames) < 0)
        return 0;
    struct pybuf a, b;
    if (!pybuf_get(args[0], &a))
        return need_bytes_like(args[0]);
    int64_t alen = a.n;
    pybuf_get(self, &b);
    int64_t s = 0, e = b.n;
    if (alen <= b.n) {
        pybuf_get(args[0], &a);
        if (!suffix && memcmp(b.p, a.p, (size_t)alen) == 0)
            s = alen;
        if (suffix && alen > 0 &&
            memcmp(b.p + b.n - alen, a.p, (size_t)alen) == 0)
            e = b.n - alen;
    }
    uint8_t *d = malloc((size_t)(e - s) + 1);
    if (d != NULL)
        memcpy(d, b.p + s, (size_t)(e - s));
    return result(self, d, e - s);
}

static pyval m_removeprefix(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    return remove_affix(self, "removeprefix", args, nargs, kwnames, false);
}

static pyval m_removesuffix(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    return remove_affix(self, "removesuffix", args, nargs, kwnames, true);
}

/* ------------------------------------------------------------ replace */

static pyval m_replace(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (clinic_args(self, "replace", nargs, kwnames, 2, 3) < 0)
        return 0;
    if (!pybytes_like(args[0]))
        return need_bytes_like(args[0]);
    if (!pybytes_like(args[1]))
        return need_bytes_like(args[1]);
    int64_t count = -1;
    if (nargs == 3) {
        PY_PUSHV(self);
        int r = int_arg(args[2], &count);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    if (count < 0)
        count = INT64_MAX;
    int64_t olen, nlen, n;
    uint8_t *old = copy_of(args[0], &olen);
    uint8_t *new_ = old ? copy_of(args[1], &nlen) : NULL;
    uint8_t *d = new_ ? copy_of(self, &n) : NULL;
    if (d == NULL) {
        free(old);
        free(new_);
        return 0;
    }
    /* the result's size: count the replacements first */
    int64_t hits = 0;
    if (olen == 0) {
        hits = n + 1 < count ? n + 1 : count;
    } else {
        int64_t i = 0;
        while (hits < count) {
            const uint8_t *at =
                memmem(d + i, (size_t)(n - i), old, (size_t)olen);
            if (at == NULL)
                break;
            hits++;
            i = (at - d) + olen;
        }
    }
    int64_t total = n + hits * (nlen - olen);
    uint8_t *out = malloc((size_t)total + 1);
    if (out == NULL) {
        free(old);
        free(new_);
        free(d);
        return pyerr_no_memory();
    }
    int64_t i = 0, k = 0;
    for (int64_t h = 0; h < hits; h++) {
        int64_t at;
        if (olen == 0) {
            at = i;
        } else {
            at = (const uint8_t *)memmem(d + i, (size_t)(n - i), old,
                                         (size_t)olen) -
                 d;
        }
        memcpy(out + k, d + i, (size_t)(at - i));
        k += at - i;
        memcpy(out + k, new_, (size_t)nlen);
        k += nlen;
        i = at + olen;
        if (olen == 0 && i < n) {
            out[k++] = d[i++];
        }
    }
    memcpy(out + k, d + i, (size_t)(n - i));
    k += n - i;
    free(old);
    free(new_);
    free(d);
    return result(self, out, k);
}

/* ------------------------------------------------------------ padding */

/* width and the fill byte of center/ljust/rjust; *self is updated (the
   width's __index__ may move it) */
static int pad_args(pyval *self, const char *name, const pyval *args,
                    size_t nargs, PyObj *kwnames, int64_t *width, uint8_t *fill)
{
    if (clinic_args(*self, name, nargs, kwnames, 1, 2) < 0)
        return -1;
    PY_PUSHV(*self);
    int r = int_arg(args[0], width);
    PY_POPV(*self);
    if (r < 0)
        return -1;
    *fill = ' ';
    if (nargs == 2) {
        struct pybuf f;
        if (!pybytes_or_bytearray(args[1]) || !pybuf_get(args[1], &f) ||
            f.n != 1) {
            pyerr_format(pyexc_TypeError,
                         "%s() argument 2 must be a byte string of length 1, "
                         "not %T",
                         name, args[1]);
            return -1;
        }
        *fill = f.p[0];
    }
    return 0;
}

static pyval pad(pyval self, int64_t left, int64_t right, uint8_t fill)
{
    struct pybuf b;
    pybuf_get(self, &b);
    if (left < 0)
        left = 0;
    if (right < 0)
        right = 0;
    int64_t total = left + b.n + right;
    uint8_t *d = malloc((size_t)total + 1);
    if (d == NULL)
        return pyerr_no_memory();
    memset(d, fill, (size_t)left);
    memcpy(d + left, b.p, (size_t)b.n);
    memset(d + left + b.n, fill, (size_t)right);
    return result(self, d, total);
}

static pyval m_ljust(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    int64_t width;
    uint8_t fill;
    if (pad_args(&self, "ljust", args, nargs, kwnames, &width, &fill) < 0)
        return 0;
    return pad(self, 0, width - pybytes_len(self), fill);
}

static pyval m_rjust(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    int64_t width;
    uint8_t fill;
    if (pad_args(&self, "rjust", args, nargs, kwnames, &width, &fill) < 0)
        return 0;
    return pad(self, width - pybytes_len(self), 0, fill);
}

static pyval m_center(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    int64_t width;
    uint8_t fill;
    if (pad_args(&self, "center", args, nargs, kwnames, &width, &fill) < 0)
        return 0;
    int64_t marg = width - pybytes_len(self);
    if (marg <= 0)
        return pad(self, 0, 0, fill);
    /* CPython's rounding: the odd byte goes left when width is odd */
    int64_t left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

static pyval m_zfill(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (one_arg(self, "zfill", nargs, kwnames) < 0)
        return 0;
    int64_t width;
    PY_PUSHV(self);
    int r = int_arg(args[0], &width);
    PY_POPV(self);
    if (r < 0)
        return 0;
    struct pybuf b;
    pybuf_get(self, &b);
    int64_t fill = width > b.n ? width - b.n : 0;
    uint8_t *d = malloc((size_t)(b.n + fill) + 1);
    if (d == NULL)
        return pyerr_no_memory();
    memset(d, '0', (size_t)fill);
    memcpy(d + fill, b.p, (size_t)b.n);
    if (fill > 0 && b.n > 0 && (b.p[0] == '+' || b.p[0] == '-')) {
        d[0] = b.p[0];
        d[fill] = '0';
    }
    return result(self, d, b.n + fill);
}

static const char *const expandtabs_names[] = {"tabsize"};

static pyval m_expandtabs(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    pyval a[1];
    if (pyarg_bind("expandtabs", args, nargs, kwnames, expandtabs_names, 1, a) <
        0)
        return 0;
    int64_t tabsize = 8;
    if (a[0] != 0) {
        PY_PUSHV(self);
        int r = int_arg(a[0], &tabsize);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    struct pybuf b;
    pybuf_get(self, &b);
    int64_t total = 0, col = 0;
    for (int64_t i = 0; i < b.n; i++) {
        if (b.p[i] == '\t') {
            if (tabsize > 0) {
                int64_t k = tabsize - col % tabsize;
                total += k;
                col += k;
            }
        } else {
            total++;
            col = b.p[i] == '\n' || b.p[i] == '\r' ? 0 : col + 1;
        }
    }
    uint8_t *d = malloc((size_t)total + 1);
    if (d == NULL)
        return pyerr_no_memory();
    int64_t k = 0;
    col = 0;
    for (int64_t i = 0; i < b.n; i++) {
        if (b.p[i] == '\t') {
            if (tabsize > 0) {
                int64_t m = tabsize - col % tabsize;
                memset(d + k, ' ', (size_t)m);
                k += m;
                col += m;
            }
        } else {
            d[k++] = b.p[i];
            col = b.p[i] == '\n' || b.p[i] == '\r' ? 0 : col + 1;
        }
    }
    return result(self, d, k);
}

/* ------------------------------------------------------------ hex */

static const char hexdigits[] = "0123456789abcdef";

static const char *const hex_names[] = {"sep", "bytes_per_sep"};

static pyval m_hex(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    pyval a[2];
    if (pyarg_bind("hex", args, nargs, kwnames, hex_names, 2, a) < 0)
        return 0;
    int sep = -1;
    int64_t per = 1;
    if (a[1] != 0) { /* converted before sep is looked at, as Clinic does */
        PY_PUSHV(self);
        PY_PUSHV(a[0]);
        int r = int_arg(a[1], &per);
        PY_POPV(a[0]);
        PY_POPV(self);
        if (r < 0) {
            if (pyerr_matches(pyexc_OverflowError)) {
                pyerr_clear();
                pyerr_format(pyexc_OverflowError,
                             "Python int too large to convert to C int");
            }
            return 0;
        }
        if (per > INT32_MAX || per < INT32_MIN)
            return pyerr_format(pyexc_OverflowError,
                                "Python int too large to convert to C int");
    }
    if (a[0] != 0) {
        PY_PUSHV(self);
        PY_PUSHV(a[0]);
        int64_t len = pyobj_len(a[0]);
        PY_POPV(a[0]);
        PY_POPV(self);
        if (len < 0)
            return 0;
        if (len != 1)
            return pyerr_format(pyexc_ValueError, "sep must be length 1.");
        uint32_t c;
        if (is_str(a[0]))
            c = pystr_char_at(a[0], 0);
        else if (pybytes_check(a[0]))
            c = (uint8_t)pybytes_data(a[0])[0];
        else
            return pyerr_format(pyexc_TypeError, "sep must be str or bytes.");
        if (c >= 0x80)
            return pyerr_format(pyexc_ValueError, "sep must be ASCII.");
        sep = (int)c;
    }
    struct pybuf b;
    pybuf_get(self, &b);
    int64_t group = per < 0 ? -per : per;
    if (sep < 0 || group == 0 || b.n == 0)
        sep = -1;
    int64_t nseps = sep < 0 ? 0 : (b.n - 1) / group;
    char *out = malloc((size_t)(2 * b.n + nseps) + 1);
    if (out == NULL)
        return pyerr_no_memory();
    int64_t k = 0;
    for (int64_t i = 0; i < b.n; i++) {
        /* per > 0 groups from the right, per < 0 from the left */
        if (sep >= 0 && i > 0) {
            int64_t pos = per > 0 ? b.n - i : i;
            if (pos % group == 0)
                out[k++] = (char)sep;
        }
        out[k++] = hexdigits[b.p[i] >> 4];
        out[k++] = hexdigits[b.p[i] & 15];
    }
    pyval r = pystr_from_utf8(out, (size_t)k);
    free(out);
    return r;
}

static int hex_value(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return -1;
}

static pyval m_fromhex(pyval cls, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    bool ba = pytype_is_subtype((PyType *)pyval_obj(cls), pytype_bytearray);
    char q[64];
    snprintf(q, sizeof(q), "%s.fromhex", ba ? "bytearray" : "bytes");
    if (pyarg_no_keywords(q, kwnames) < 0 || pyarg_count(q, nargs, 1, 1) < 0)
        return 0;
    if (!is_str(args[0]))
        return pyerr_format(pyexc_TypeError,
                            "fromhex() argument must be str, not %T", args[0]);
    int64_t len = pystr_length(args[0]);
    uint8_t *out = malloc((size_t)len / 2 + 1);
    if (out == NULL)
        return pyerr_no_memory();
    int64_t k = 0, i = 0;
    while (i < len) {
        uint32_t c = pystr_char_at(args[0], i);
        if (c < 0x80 && is_space((uint8_t)c)) {
            i++;
            continue;
        }
        int hi = hex_value(c);
        int lo = i + 1 < len ? hex_value(pystr_char_at(args[0], i + 1)) : -1;
        if (hi < 0 || lo < 0) {
            free(out);
            return pyerr_format(pyexc_ValueError,
                                "non-hexadecimal number found in fromhex() "
                                "arg at position %lld",
                                (long long)(hi < 0 ? i : i + 1));
        }
        out[k++] = (uint8_t)(hi * 16 + lo);
        i += 2;
    }
    PY_PUSHV(cls);
    pyval r = ba ? pybytearray_from_data(out, k) : pybytes_from_data(out, k);
    PY_POPV(cls);
    free(out);
    if (r == 0 || (PyType *)pyval_obj(cls) == pytype_bytes ||
        (PyType *)pyval_obj(cls) == pytype_bytearray)
        return r;
    /* a subclass: cls(value), as CPython */
    PY_PUSHV(r);
    r = pyobj_call(cls, (pyval *)pyrt_tl.shadowstack - 1, 1, NULL);
    PY_DROP();
    return r;
}

/* ------------------------------------------------------------ translate */

static pyval m_translate(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    pyval table = nargs > 0 ? args[0] : 0, del = nargs > 1 ? args[1] : 0;
    for (int64_t k = 0; k < nkw; k++) {
        const char *name = pystr_utf8(pytuple_get(pyval_from_obj(kwnames), k));
        if (strcmp(name, "delete") != 0 || del != 0)
            return pyerr_format(pyexc_TypeError,
                                "'%s' is an invalid keyword argument for "
                                "translate()",
                                name);
        del = args[nargs + (size_t)k];
    }
    if (nargs < 1)
        return pyerr_format(pyexc_TypeError,
                            "translate() takes at least 1 positional "
                            "argument (0 given)");
    if (nargs > 2)
        return pyerr_format(pyexc_TypeError,
                            "translate() takes at most 2 arguments (%d given)",
                            (int)nargs);
    uint8_t map[256];
    for (int c = 0; c < 256; c++)
        map[c] = (uint8_t)c;
    if (table != py_None) {
        struct pybuf t;
        if (!pybuf_get(table, &t))
            return need_bytes_like(table);
        if (t.n != 256)
            return pyerr_format(pyexc_ValueError,
                                "translation table must be 256 characters "
                                "long");
        memcpy(map, t.p, 256);
    }
    bool drop[256];
    memset(drop, 0, sizeof(drop));
    if (del != 0) {
        struct pybuf d;
        if (!pybuf_get(del, &d))
            return need_bytes_like(del);
        for (int64_t i = 0; i < d.n; i++)
            drop[d.p[i]] = true;
    }
    struct pybuf b;
    pybuf_get(self, &b);
    uint8_t *out = malloc((size_t)b.n + 1);
    if (out == NULL)
        return pyerr_no_memory();
    int64_t k = 0;
    for (int64_t i = 0; i < b.n; i++)
        if (!drop[b.p[i]])
            out[k++] = map[b.p[i]];
    return result(self, out, k);
}

static pyval m_maketrans(pyval unused, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("maketrans", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "maketrans expected 2 arguments, got %d",
                            (int)nargs);
    struct pybuf f, t;
    if (!pybuf_get(args[0], &f))
        return need_bytes_like(args[0]);
    if (!pybuf_get(args[1], &t))
        return need_bytes_like(args[1]);
    if (f.n != t.n)
        return pyerr_format(pyexc_ValueError,
                            "maketrans arguments must have same length");
    uint8_t map[256];
    for (int c = 0; c < 256; c++)
        map[c] = (uint8_t)c;
    pybuf_get(args[0], &f);
    for (int64_t i = 0; i < f.n; i++)
        map[f.p[i]] = t.p[i];
    return pybytes_from_data(map, 256);
}

/* ------------------------------------------------------------ decode */

static const char *const decode_names[] = {"encoding", "errors"};

static pyval m_decode(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    pyval a[2];
    if (pyarg_bind("decode", args, nargs, kwnames, decode_names, 2, a) < 0)
        return 0;
    for (int i = 0; i < 2; i++)
        if (a[i] != 0 && !is_str(a[i]))
            return pycodec_not_str("decode", decode_names[i], a[i]);
    char enc[64] = "utf-8", errs[64] = "strict";
    if (a[0] != 0)
        snprintf(enc, sizeof(enc), "%s", pystr_utf8(a[0]));
    if (a[1] != 0)
        snprintf(errs, sizeof(errs), "%s", pystr_utf8(a[1]));
    int64_t n;
    uint8_t *d = copy_of(self, &n);
    if (d == NULL)
        return 0;
    pyval r = pycodec_decode(d, n, enc, errs);
    free(d);
    return r;
}

/* bytes(b) of an exact bytes is b itself; of a subclass, a copy */
static pyval m_bytes(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (no_args(self, "__bytes__", nargs, kwnames) < 0)
        return 0;
    if (pyval_type(self) == pytype_bytes)
        return self;
    int64_t n;
    uint8_t *c = pybytes_copy(self, &n);
    if (c == NULL)
        return 0;
    pyval r = pybytes_from_data(c, n);
    free(c);
    return r;
}

static pyval m_getnewargs(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (no_args(self, "__getnewargs__", nargs, kwnames) < 0)
        return 0;
    return pytuple_pack(1, self);
}

/* ------------------------------------------------------------ tables */

#define SHARED_METHODS                                                        \
    {"capitalize", m_capitalize, 0, NULL}, {"center", m_center, 0, NULL},     \
        {"count", m_count, 0, NULL}, {"decode", m_decode, 0, NULL},           \
        {"endswith", m_endswith, 0, NULL},                                    \
        {"expandtabs", m_expandtabs, 0, NULL}, {"find", m_find, 0, NULL},     \
        {"fromhex", m_fromhex, PYMETH_CLASS, NULL}, {"hex", m_hex, 0, NULL},  \
        {"index", m_index, 0, NULL}, {"isalnum", m_isalnum, 0, NULL},         \
        {"isalpha", m_isalpha, 0, NULL}, {"isascii", m_isascii, 0, NULL},     \
        {"isdigit", m_isdigit, 0, NULL}, {"islower", m_islower, 0, NULL},     \
        {"isspace", m_isspace, 0, NULL}, {"istitle", m_istitle, 0, NULL},     \
        {"isupper", m_isupper, 0, NULL}, {"join", m_join, 0, NULL},           \
        {"ljust", m_ljust, 0, NULL}, {"lower", m_lower, 0, NULL},             \
        {"lstrip", m_lstrip, 0, NULL},                                        \
        {"maketrans", m_maketrans, PYMETH_STATIC, NULL},                      \
        {"partition", m_partition, 0, NULL},                                  \
        {"removeprefix", m_removeprefix, 0, NULL},                            \
        {"removesuffix", m_removesuffix, 0, NULL},                            \
        {"replace", m_replace, 0, NULL}, {"rfind", m_rfind, 0, NULL},         \
        {"rindex", m_rindex, 0, NULL}, {"rjust", m_rjust, 0, NULL},           \
        {"rpartition", m_rpartition, 0, NULL}, {"rsplit", m_rsplit, 0, NULL}, \
        {"rstrip", m_rstrip, 0, NULL}, {"split", m_split, 0, NULL},           \
        {"splitlines", m_splitlines, 0, NULL},                                \
        {"startswith", m_startswith, 0, NULL}, {"strip", m_strip, 0, NULL},   \
        {"swapcase", m_swapcase, 0, NULL}, {"title", m_title, 0, NULL},       \
        {"translate", m_translate, 0, NULL}, {"upper", m_upper, 0, NULL},     \
        {"zfill", m_zfill, 0, NULL},

const struct pymethod_def pybytes_methods[] = {
    SHARED_METHODS{"__bytes__", m_bytes, 0, NULL},
    {"__getnewargs__", m_getnewargs, 0, NULL},
    {NULL, NULL, 0, NULL},
};

const struct pymethod_def pybytearray_methods[] = {
    SHARED_METHODS{"append", pybytearray_append, 0, NULL},
    {"clear", pybytearray_clear, 0, NULL},
    {"copy", pybytearray_copy, 0, NULL},
    {"extend", pybytearray_extend, 0, NULL},
    {"insert", pybytearray_insert, 0, NULL},
    {"pop", pybytearray_pop, 0, NULL},
    {"remove", pybytearray_remove, 0, NULL},
    {"reverse", pybytearray_reverse, 0, NULL},
    {NULL, NULL, 0, NULL},
};
