/* strmethods.c -- the str type's Python-level methods and slots (the
 * representation is strobject.c; '%' and str.format are strformat.c).
 *
 * Working on generalized UTF-8.  Searching (find, count, replace, split
 * by a separator, startswith, partition) is byte search: UTF-8 is
 * self-synchronizing, so a match of a valid needle's bytes is always at
 * a code point boundary, and memchr/memmem do the work.  Code point
 * positions are needed only at the edges: start/end arguments are turned
 * into byte offsets through the string's index (pystr_offset_of, O(1)
 * per call) and a found byte offset back into a code point index by
 * counting the bytes between (skipped entirely for ASCII strings, whose
 * byte offsets are their indexes).  Per-character work (case mappings,
 * predicates, whitespace split, strip with a set) has an ASCII fast path
 * byte by byte and decodes code points otherwise.
 *
 * Results are built in C memory and made into one string at the end
 * (one allocation); methods returning several strings (split, partition)
 * record byte ranges first and copy each out.  A str's bytes are real
 * addresses valid only until the next allocation: pieces are copied to
 * C memory before the string that holds them is allocated.
 */
#define _GNU_SOURCE /* memmem, memrchr */
#include "strobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/unicode.h"
#include "../runtime/utf8.h"
#include "abstract.h"
#include "bytesobject.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "listobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROOT(k) ((pyval)(uintptr_t)pyrt_tl.shadowstack[-(k)].ss)

/* ------------------------------------------------------------ helpers */

static inline bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

static inline const unsigned char *U(pyval s)
{
    return (const unsigned char *)pystr_utf8(s);
}

static inline uint32_t get_cp(const unsigned char *p, int64_t *i)
{
    if (p[*i] < 0x80)
        return p[(*i)++];
    int n;
    uint32_t cp = pyutf8_get(p + *i, &n);
    *i += n;
    return cp;
}

/* a growable C buffer for results */
struct sb {
    char *d;
    size_t len, cap;
    bool failed;
};

static bool sb_reserve(struct sb *b, size_t n)
{
    if (b->failed)
        return false;
    if (b->len + n <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n)
        cap *= 2;
    char *d = realloc(b->d, cap);
    if (d == NULL) {
        b->failed = true;
        return false;
    }
    b->d = d;
    b->cap = cap;
    return true;
}

static void sb_put(struct sb *b, const void *s, size_t n)
{
    if (n && sb_reserve(b, n)) {
        memcpy(b->d + b->len, s, n);
        b->len += n;
    }
}

static void sb_putc(struct sb *b, char c)
{
    if (sb_reserve(b, 1))
        b->d[b->len++] = c;
}

static void sb_cp(struct sb *b, uint32_t cp)
{
    if (cp < 0x80) {
        sb_putc(b, (char)cp);
        return;
    }
    uint8_t tmp[4];
    sb_put(b, tmp, (size_t)pyutf8_put(tmp, cp));
}

/* the string, and the buffer freed */
static pyval sb_done(struct sb *b)
{
    if (b->failed) {
        free(b->d);
        return pyerr_no_memory();
    }
    pyval s = pystr_from_utf8(b->d ? b->d : "", b->len);
    free(b->d);
    return s;
}

/* the bytes [from, to) of s as a new string (s itself if whole) */
static pyval sub_bytes(pyval s, int64_t from, int64_t to)
{
    if (from == 0 && to == pystr_nbytes(s) && pyval_obj(s)->type == pytype_str)
        return s;
    size_t n = (size_t)(to - from);
    char stackbuf[256];
    char *buf = n <= sizeof(stackbuf) ? stackbuf : malloc(n);
    if (buf == NULL)
        return pyerr_no_memory();
    memcpy(buf, pystr_utf8(s) + from, n);
    pyval r = pystr_from_utf8(buf, n);
    if (buf != stackbuf)
        free(buf);
    return r;
}

/* an exact str with the same text (str subclasses' results are str) */
static pyval exact(pyval s)
{
    if (pyval_obj(s)->type == pytype_str)
        return s;
    return sub_bytes(s, 0, pystr_nbytes(s)); /* copies: not 'exact' */
}

/* code point index of byte offset 'off' (a boundary) */
static int64_t index_of_offset(pyval s, int64_t off)
{
    if (pystr(s)->ascii)
        return off;
    return (int64_t)pyutf8_count(U(s), (size_t)off);
}

static pyval bad_type(const char *fmt, pyval v)
{
    return pyerr_format(pyexc_TypeError, fmt, v);
}

/* Argument Clinic's binding of positional-or-keyword parameters:
   out[0..nparams) (0 when absent), the first 'required' present */
static int bind(const char *fname, const pyval *args, size_t nargs,
                PyObj *kwnames, const char *const *names, size_t nparams,
                size_t required, pyval *out)
{
    if (pyarg_bind(fname, args, nargs, kwnames, names, nparams, out) < 0)
        return -1;
    for (size_t i = 0; i < required; i++) {
        if (out[i] == 0) {
            pyerr_format(pyexc_TypeError,
                         "%s() missing required argument '%s' (pos %zd)", fname,
                         names[i], (long)i + 1);
            return -1;
        }
    }
    return 0;
}

/* "str.NAME() takes no keyword arguments" (the name is only made for
   the message: these checks run on every call) */
static int str_no_keywords(const char *fname, PyObj *kwnames)
{
    if (!pyarg_has_keywords(kwnames))
        return 0;
    char qualified[64];
    snprintf(qualified, sizeof(qualified), "str.%s", fname);
    return pyarg_no_keywords(qualified, kwnames);
}

/* old-style "O|OO:name" parsing: counts, no keywords */
static int old_args(const char *fname, size_t nargs, PyObj *kwnames, size_t min,
                    size_t max)
{
    if (str_no_keywords(fname, kwnames) < 0)
        return -1;
    if (nargs < min) {
        pyerr_format(pyexc_TypeError,
                     "%s() takes at least %zd argument%s (%zd given)", fname,
                     (long)min, min == 1 ? "" : "s", (long)nargs);
        return -1;
    }
    if (nargs > max) {
        pyerr_format(pyexc_TypeError,
                     "%s() takes at most %zd argument%s (%zd given)", fname,
                     (long)max, max == 1 ? "" : "s", (long)nargs);
        return -1;
    }
    return 0;
}

/* Argument Clinic's positional-only: "str.NAME() takes no keyword
   arguments", "NAME expected at least N arguments, got M" */
static int pos_args(const char *fname, size_t nargs, PyObj *kwnames, size_t min,
                    size_t max)
{
    if (str_no_keywords(fname, kwnames) < 0)
        return -1;
    if (min == max && min <= 1) {
        if (nargs == min)
            return 0;
        char qualified[64];
        snprintf(qualified, sizeof(qualified), "str.%s", fname);
        return pyarg_count(qualified, nargs, min, max);
    }
    if (min == max && nargs != min) {
        pyerr_format(pyexc_TypeError, "%s expected %zd arguments, got %zd",
                     fname, (long)min, (long)nargs);
        return -1;
    }
    return pyarg_count(fname, nargs, min, max);
}

/* CPython's "n" converter: __index__, OverflowError beyond ssize_t */
static int ssize_arg(pyval v, int64_t *out)
{
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

/* the "i" converter (C int) */
static int int_arg(pyval v, int64_t *out)
{
    pyval i = pynum_index(v);
    if (i == 0)
        return -1;
    if (pyint_as_int64(i, out) < 0 || *out < INT32_MIN || *out > INT32_MAX) {
        pyerr_clear();
        pyerr_format(pyexc_OverflowError,
                     "Python int too large to convert to C int");
        return -1;
    }
    return 0;
}

/* start/end of find() & co: None or an index, clamped */
static int slice_arg(pyval v, int64_t *out)
{
    if (v == 0 || v == py_None)
        return 0;
    if (!pyval_is_int(v) && pyval_type(v)->slots->index == NULL) {
        pyerr_format(pyexc_TypeError,
                     "slice indices must be integers or None or have an "
                     "__index__ method");
        return -1;
    }
    return pyseq_slice_index(v, out);
}

/* CPython's ADJUST_INDICES: end clamped to [0, len], start to >= 0 */
static void adjust(int64_t len, int64_t *start, int64_t *end)
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

/* ------------------------------------------------------------ searching */

/* byte search for n bytes of 'needle' in [from, to) of hay */
static const unsigned char *search(const unsigned char *hay, int64_t from,
                                   int64_t to, const unsigned char *needle,
                                   int64_t n)
{
    if (n == 0)
        return hay + from;
    if (to - from < n)
        return NULL;
    if (n == 1)
        return memchr(hay + from, needle[0], (size_t)(to - from));
    return memmem(hay + from, (size_t)(to - from), needle, (size_t)n);
}

static const unsigned char *rsearch(const unsigned char *hay, int64_t from,
                                    int64_t to, const unsigned char *needle,
                                    int64_t n)
{
    if (n == 0)
        return hay + to;
    if (to - from < n)
        return NULL;
    if (n == 1)
        return memrchr(hay + from, needle[0], (size_t)(to - from));
    for (int64_t i = to - n; i >= from; i--) {
        if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)n) == 0)
            return hay + i;
    }
    return NULL;
}

/* the code point range [start, end) of s as byte offsets; false when
   empty in the sense of CPython (start > len) */
static void byte_range(pyval s, int64_t start, int64_t end, int64_t *from,
                       int64_t *to)
{
    int64_t len = pystr_length(s);
    *from = start >= len ? pystr_nbytes(s) : pystr_offset_of(s, start);
    *to = end >= len ? pystr_nbytes(s) : pystr_offset_of(s, end);
}

enum findkind { FIND, RFIND, INDEX, RINDEX, COUNT };

static pyval find_common(const char *fname, enum findkind kind, pyval self,
                         const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (old_args(fname, nargs, kwnames, 1, 3) < 0)
        return 0;
    pyval sub = args[0];
    if (!is_str(sub))
        return bad_type("must be str, not %T", sub);
    /* start/end: roots kept, an __index__ or an OverflowError allocates */
    int64_t start = 0, end = INT64_MAX;
    PY_PUSHV(self);
    PY_PUSHV(sub);
    int r = slice_arg(nargs > 1 ? args[1] : 0, &start);
    if (r == 0)
        r = slice_arg(nargs > 2 ? args[2] : 0, &end);
    PY_POPV(sub);
    PY_POPV(self);
    if (r < 0)
        return 0;
    int64_t len = pystr_length(self), sublen = pystr_length(sub);
    adjust(len, &start, &end);
    if (kind == COUNT) {
        if (end - start < sublen)
            return pyval_from_int(0);
        if (sublen == 0)
            return pyval_from_int(end - start + 1);
        int64_t from, to, count = 0;
        byte_range(self, start, end, &from, &to);
        const unsigned char *h = U(self), *n = U(sub);
        int64_t nb = pystr_nbytes(sub);
        while (1) {
            const unsigned char *f = search(h, from, to, n, nb);
            if (f == NULL)
                break;
            count++;
            from = (f - h) + nb;
        }
        return pyval_from_int(count);
    }
    int64_t result = -1;
    if (end - start >= sublen) {
        int64_t from, to;
        byte_range(self, start, end, &from, &to);
        const unsigned char *h = U(self);
        const unsigned char *f =
            kind == FIND || kind == INDEX
                ? search(h, from, to, U(sub), pystr_nbytes(sub))
                : rsearch(h, from, to, U(sub), pystr_nbytes(sub));
        if (f != NULL)
            result = index_of_offset(self, f - h);
    }
    if (result < 0 && (kind == INDEX || kind == RINDEX))
        return pyerr_format(pyexc_ValueError, "substring not found");
    return pyval_from_int(result);
}

#define FIND_METHOD(fn, name, kind)                                 \
    static pyval fn(pyval self, const pyval *args, size_t nargs,    \
                    PyObj *kwnames)                                 \
    {                                                               \
        return find_common(name, kind, self, args, nargs, kwnames); \
    }
FIND_METHOD(s_find, "find", FIND)
FIND_METHOD(s_rfind, "rfind", RFIND)
FIND_METHOD(s_index, "index", INDEX)
FIND_METHOD(s_rindex, "rindex", RINDEX)
FIND_METHOD(s_count, "count", COUNT)

static pyval tailmatch_common(const char *fname, bool end_side, pyval self,
                              const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (old_args(fname, nargs, kwnames, 1, 3) < 0)
        return 0;
    pyval prefix = args[0];
    int64_t start = 0, end = INT64_MAX;
    PY_PUSHV(self);
    PY_PUSHV(prefix);
    int r = slice_arg(nargs > 1 ? args[1] : 0, &start);
    if (r == 0)
        r = slice_arg(nargs > 2 ? args[2] : 0, &end);
    PY_POPV(prefix);
    PY_POPV(self);
    if (r < 0)
        return 0;
    bool tuple = pyval_is_obj(prefix) && pyval_obj(prefix)->layout == PYL_TUPLE;
    if (!tuple && !is_str(prefix))
        return pyerr_format(pyexc_TypeError,
                            "%s first arg must be str or a tuple of str, "
                            "not %T",
                            fname, prefix);
    int64_t count = tuple ? pytuple_size(prefix) : 1;
    int64_t len = pystr_length(self);
    adjust(len, &start, &end);
    for (int64_t i = 0; i < count; i++) {
        pyval p = tuple ? pytuple_get(prefix, i) : prefix;
        if (!is_str(p))
            return pyerr_format(pyexc_TypeError,
                                "tuple for %s must only contain str, not %T",
                                fname, p);
        int64_t plen = pystr_length(p);
        if (end - start < plen)
            continue;
        int64_t from, to;
        byte_range(self, start, end, &from, &to);
        int64_t nb = pystr_nbytes(p);
        if (to - from < nb)
            continue;
        int64_t at = end_side ? to - nb : from;
        if (memcmp(U(self) + at, U(p), (size_t)nb) == 0) {
            /* for non-ASCII, a byte match at 'at' is the right length in
               code points as well (equal bytes, equal text) */
            return py_True;
        }
    }
    return py_False;
}

static pyval s_startswith(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    return tailmatch_common("startswith", false, self, args, nargs, kwnames);
}

static pyval s_endswith(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    return tailmatch_common("endswith", true, self, args, nargs, kwnames);
}

static int str_contains(pyval self, pyval item)
{
    if (!is_str(item)) {
        pyerr_format(pyexc_TypeError,
                     "'in <string>' requires string as left operand, not %T",
                     item);
        return -1;
    }
    return search(U(self), 0, pystr_nbytes(self), U(item),
                  pystr_nbytes(item)) != NULL;
}

/* ------------------------------------------------------------ split */

/* byte ranges of the pieces */
struct ranges {
    int64_t *r; /* pairs */
    size_t n, cap;
    bool failed;
};

static void add_range(struct ranges *rs, int64_t from, int64_t to)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 16;
        int64_t *r = realloc(rs->r, cap * 2 * sizeof(int64_t));
        if (r == NULL) {
            rs->failed = true;
            return;
        }
        rs->r = r;
        rs->cap = cap;
    }
    rs->r[2 * rs->n] = from;
    rs->r[2 * rs->n + 1] = to;
    rs->n++;
}

/* a list of the pieces of s (in reverse order if 'reversed') */
static pyval ranges_to_list(pyval s, struct ranges *rs, bool reversed)
{
    if (rs->failed) {
        free(rs->r);
        return pyerr_no_memory();
    }
    PY_PUSHV(s);
    pyval list = pylist_new((int64_t)rs->n); /* Nones, replaced below */
    PY_PUSHV(list);
    for (size_t k = 0; list != 0 && k < rs->n; k++) {
        size_t i = reversed ? rs->n - 1 - k : k;
        pyval piece = sub_bytes(ROOT(2), rs->r[2 * i], rs->r[2 * i + 1]);
        if (piece == 0 || pylist_set(ROOT(1), (int64_t)k, piece) < 0)
            list = 0;
    }
    if (list != 0)
        list = ROOT(1);
    PY_DROP();
    PY_DROP();
    free(rs->r);
    return list;
}

static bool is_space_at(const unsigned char *p, int64_t i, int64_t *next)
{
    int64_t j = i;
    uint32_t cp = get_cp(p, &j);
    *next = j;
    return cp < 0x80 ? (cp == ' ' || (cp >= 9 && cp <= 13) ||
                        (cp >= 0x1C && cp <= 0x1F))
                     : pyuni_is_space(cp);
}

/* start offset of the code point ending at byte 'end' */
static int64_t prev_start(const unsigned char *p, int64_t end)
{
    int64_t i = end - 1;
    while (i > 0 && (p[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static bool space_before(const unsigned char *p, int64_t end, int64_t *start)
{
    *start = prev_start(p, end);
    int64_t next;
    return is_space_at(p, *start, &next);
}

static void split_whitespace(pyval s, int64_t maxsplit, struct ranges *rs)
{
    const unsigned char *p = U(s);
    int64_t n = pystr_nbytes(s), i = 0, next;
    while (1) {
        while (i < n && is_space_at(p, i, &next))
            i = next;
        if (i >= n)
            return;
        if (maxsplit-- == 0) {
            add_range(rs, i, n); /* the rest as it is */
            return;
        }
        int64_t j = i;
        while (j < n && !is_space_at(p, j, &next))
            j = next;
        add_range(rs, i, j);
        i = j;
    }
}

static void rsplit_whitespace(pyval s, int64_t maxsplit, struct ranges *rs)
{
    const unsigned char *p = U(s);
    int64_t end = pystr_nbytes(s), st;
    while (1) {
        while (end > 0 && space_before(p, end, &st))
            end = st;
        if (end <= 0)
            return;
        if (maxsplit-- == 0) {
            add_range(rs, 0, end);
            return;
        }
        int64_t j = end;
        while (j > 0 && !space_before(p, j, &st))
            j = st;
        add_range(rs, j, end);
        end = j;
    }
}

static const char *const split_names[] = {"sep", "maxsplit"};

static pyval split_common(const char *fname, bool right, pyval self,
                          const pyval *args, size_t nargs, PyObj *kwnames)
{
    pyval a[2];
    if (bind(fname, args, nargs, kwnames, split_names, 2, 0, a) < 0)
        return 0;
    pyval sep = a[0];
    int64_t maxsplit = -1;
    if (sep != 0 && sep != py_None && !is_str(sep))
        return bad_type("must be str or None, not %T", sep);
    if (a[1] != 0) {
        PY_PUSHV(self);
        PY_PUSHV(sep);
        int r = ssize_arg(a[1], &maxsplit);
        PY_POPV(sep);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    if (maxsplit < 0)
        maxsplit = INT64_MAX;
    struct ranges rs = {NULL, 0, 0, false};
    if (sep == 0 || sep == py_None) {
        if (right)
            rsplit_whitespace(self, maxsplit, &rs);
        else
            split_whitespace(self, maxsplit, &rs);
        return ranges_to_list(self, &rs, right);
    }
    int64_t nb = pystr_nbytes(sep);
    if (nb == 0)
        return pyerr_format(pyexc_ValueError, "empty separator");
    const unsigned char *h = U(self), *n = U(sep);
    int64_t len = pystr_nbytes(self);
    if (!right) {
        int64_t i = 0;
        while (maxsplit-- > 0) {
            const unsigned char *f = search(h, i, len, n, nb);
            if (f == NULL)
                break;
            add_range(&rs, i, f - h);
            i = (f - h) + nb;
        }
        add_range(&rs, i, len);
    } else {
        int64_t j = len;
        while (maxsplit-- > 0) {
            const unsigned char *f = rsearch(h, 0, j, n, nb);
            if (f == NULL)
                break;
            add_range(&rs, (f - h) + nb, j);
            j = f - h;
        }
        add_range(&rs, 0, j);
    }
    return ranges_to_list(self, &rs, right);
}

static pyval s_split(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return split_common("split", false, self, args, nargs, kwnames);
}

static pyval s_rsplit(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    return split_common("rsplit", true, self, args, nargs, kwnames);
}

static const char *const keepends_names[] = {"keepends"};

static pyval s_splitlines(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    pyval a[1];
    if (bind("splitlines", args, nargs, kwnames, keepends_names, 1, 0, a) < 0)
        return 0;
    int64_t keep = 0;
    if (a[0] != 0) {
        PY_PUSHV(self);
        int r = int_arg(a[0], &keep);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    struct ranges rs = {NULL, 0, 0, false};
    const unsigned char *p = U(self);
    int64_t n = pystr_nbytes(self), i = 0;
    while (i < n) {
        int64_t start = i, eol = -1;
        while (i < n) {
            int64_t at = i;
            uint32_t cp = get_cp(p, &i);
            bool brk = cp < 0x80 ? (cp == '\n' || cp == '\r' ||
                                    (cp >= 0x0B && cp <= 0x0C) ||
                                    (cp >= 0x1C && cp <= 0x1E))
                                 : pyuni_is_linebreak(cp);
            if (brk) {
                eol = at;
                if (cp == '\r' && i < n && p[i] == '\n')
                    i++;
                break;
            }
        }
        if (eol < 0)
            eol = i;
        add_range(&rs, start, keep ? i : eol);
    }
    return ranges_to_list(self, &rs, false);
}

static pyval partition_common(const char *fname, bool right, pyval self,
                              const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pos_args(fname, nargs, kwnames, 1, 1) < 0)
        return 0;
    pyval sep = args[0];
    if (!is_str(sep))
        return bad_type("must be str, not %T", sep);
    int64_t nb = pystr_nbytes(sep), len = pystr_nbytes(self);
    if (nb == 0)
        return pyerr_format(pyexc_ValueError, "empty separator");
    const unsigned char *h = U(self);
    const unsigned char *f =
        right ? rsearch(h, 0, len, U(sep), nb) : search(h, 0, len, U(sep), nb);
    int64_t r[3][2];
    pyval parts[3];
    if (f == NULL) {
        int64_t whole[2] = {0, len}, none[2] = {0, 0};
        memcpy(r[right ? 2 : 0], whole, sizeof(whole));
        memcpy(r[1], none, sizeof(none));
        memcpy(r[right ? 0 : 2], none, sizeof(none));
    } else {
        int64_t at = f - h;
        r[0][0] = 0;
        r[0][1] = at;
        r[1][0] = -1; /* the separator itself */
        r[2][0] = at + nb;
        r[2][1] = len;
    }
    PY_PUSHV(self);
    PY_PUSHV(sep);
    struct stm_shadowentry_s *base = pyrt_tl.shadowstack;
    for (int i = 0; i < 3; i++) {
        pyval piece = r[i][0] < 0 ? exact((pyval)(uintptr_t)base[-1].ss)
                                  : sub_bytes((pyval)(uintptr_t)base[-2].ss,
                                              r[i][0], r[i][1]);
        parts[i] = piece;
        PY_PUSHV(piece);
        if (piece == 0) {
            pyrt_tl.shadowstack -= i + 1 + 2;
            return 0;
        }
    }
    pyval t = pytuple_new(3);
    for (int i = 2; i >= 0; i--)
        PY_POPV(parts[i]);
    PY_DROP();
    PY_DROP();
    if (t == 0)
        return 0;
    memcpy(pytuple_items_real(t), parts, sizeof(parts));
    return t;
}

static pyval s_partition(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return partition_common("partition", false, self, args, nargs, kwnames);
}

static pyval s_rpartition(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    return partition_common("rpartition", true, self, args, nargs, kwnames);
}

/* ------------------------------------------------------------ join */

pyval pystr_join(pyval sep, pyval iterable)
{
    pyval seq = iterable;
    PY_PUSHV(sep);
    if (!(pyval_is_obj(seq) && (pyval_obj(seq)->layout == PYL_LIST ||
                                pyval_obj(seq)->layout == PYL_TUPLE))) {
        if (!pyobj_iterable(seq)) {
            PY_DROP();
            return pyerr_format(pyexc_TypeError, "can only join an iterable");
        }
        seq = pylist_from_iterable(seq);
        if (seq == 0) {
            PY_DROP();
            return 0;
        }
    }
    PY_POPV(sep);
    bool is_list = pyval_obj(seq)->layout == PYL_LIST;
    int64_t n = is_list ? pylist_len(seq) : pytuple_size(seq);
    if (n == 1) {
        pyval only = is_list ? pylist_get(seq, 0) : pytuple_get(seq, 0);
        if (is_str(only) && pyval_obj(only)->type == pytype_str)
            return only;
    }
    /* sizes and types first: no allocation until the copy */
    int64_t total = 0, seplen = pystr_nbytes(sep);
    for (int64_t i = 0; i < n; i++) {
        pyval item = is_list ? pylist_get(seq, i) : pytuple_get(seq, i);
        if (!is_str(item))
            return pyerr_format(pyexc_TypeError,
                                "sequence item %zd: expected str instance, %T "
                                "found",
                                (long)i, item);
        total += pystr_nbytes(item) + (i > 0 ? seplen : 0);
    }
    char *buf = malloc((size_t)total + 1);
    if (buf == NULL)
        return pyerr_no_memory();
    char *out = buf;
    const char *septext = pystr_utf8(sep);
    for (int64_t i = 0; i < n; i++) {
        pyval item = is_list ? pylist_get(seq, i) : pytuple_get(seq, i);
        if (i > 0 && seplen > 0) {
            memcpy(out, septext, (size_t)seplen);
            out += seplen;
        }
        int64_t k = pystr_nbytes(item);
        memcpy(out, pystr_utf8(item), (size_t)k);
        out += k;
    }
    pyval r = pystr_from_utf8(buf, (size_t)total);
    free(buf);
    return r;
}

static pyval s_join(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pos_args("join", nargs, kwnames, 1, 1) < 0)
        return 0;
    return pystr_join(self, args[0]);
}

/* ------------------------------------------------------------ strip */

static inline bool in_others(uint32_t cp, const uint64_t *ascii_set,
                             const uint32_t *others, int64_t n)
{
    if (cp < 128)
        return (ascii_set[cp >> 6] >> (cp & 63)) & 1;
    for (int64_t i = 0; i < n; i++)
        if (others[i] == cp)
            return true;
    return false;
}

/* which side: 1 left, 2 right, 3 both */
static pyval strip_common(const char *fname, int sides, pyval self,
                          const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (str_no_keywords(fname, kwnames) < 0 ||
        pyarg_count(fname, nargs, 0, 1) < 0)
        return 0;
    pyval chars = nargs > 0 ? args[0] : py_None;
    if (chars != py_None && !is_str(chars))
        return pyerr_format(pyexc_TypeError, "%s arg must be None or str",
                            fname);
    const unsigned char *p = U(self);
    int64_t n = pystr_nbytes(self), i = 0, j = n;
    /* the set: ASCII in a bitmap, others decoded */
    uint64_t ascii_set[2] = {0, 0};
    uint32_t *others = NULL;
    int64_t nothers = 0;
    bool spaces = chars == py_None;
    if (!spaces) {
        const unsigned char *c = U(chars);
        int64_t cn = pystr_nbytes(chars), k = 0;
        if (!pystr(chars)->ascii) {
            others = malloc((size_t)pystr_length(chars) * sizeof(uint32_t));
            if (others == NULL)
                return pyerr_no_memory();
        }
        while (k < cn) {
            uint32_t cp = get_cp(c, &k);
            if (cp < 128)
                ascii_set[cp >> 6] |= (uint64_t)1 << (cp & 63);
            else
                others[nothers++] = cp;
        }
    }
#define IN_SET(cp)                                                        \
    (spaces ? ((cp) < 0x80 ? ((cp) == ' ' || ((cp) >= 9 && (cp) <= 13) || \
                              ((cp) >= 0x1C && (cp) <= 0x1F))             \
                           : pyuni_is_space(cp))                          \
            : in_others(cp, ascii_set, others, nothers))
    if (sides & 1) {
        while (i < j) {
            int64_t k = i;
            uint32_t cp = get_cp(p, &k);
            if (!IN_SET(cp))
                break;
            i = k;
        }
    }
    if (sides & 2) {
        while (j > i) {
            int64_t st = prev_start(p, j), k = st;
            uint32_t cp = get_cp(p, &k);
            if (!IN_SET(cp))
                break;
            j = st;
        }
    }
#undef IN_SET
    free(others);
    return sub_bytes(self, i, j);
}


static pyval s_strip(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return strip_common("strip", 3, self, args, nargs, kwnames);
}

static pyval s_lstrip(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    return strip_common("lstrip", 1, self, args, nargs, kwnames);
}

static pyval s_rstrip(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    return strip_common("rstrip", 2, self, args, nargs, kwnames);
}


/* ------------------------------------------------------------ replace */

pyval pystr_replace(pyval self, pyval old, pyval new, int64_t count)
{
    if (count < 0)
        count = INT64_MAX;
    const unsigned char *h = U(self), *o = U(old), *nw = U(new);
    int64_t len = pystr_nbytes(self), on = pystr_nbytes(old),
            nn = pystr_nbytes(new);
    if (count == 0 || (on == 0 && nn == 0) ||
        pystr_length(old) > pystr_length(self))
        return exact(self);
    struct sb b = {NULL, 0, 0, false};
    if (on == 0) {
        /* new before each code point and at the end */
        int64_t i = 0;
        while (i < len && count > 0) {
            sb_put(&b, nw, (size_t)nn);
            int64_t k = i;
            get_cp(h, &k);
            sb_put(&b, h + i, (size_t)(k - i));
            i = k;
            count--;
        }
        if (count > 0)
            sb_put(&b, nw, (size_t)nn);
        sb_put(&b, h + i, (size_t)(len - i));
        return sb_done(&b);
    }
    const unsigned char *f = search(h, 0, len, o, on);
    if (f == NULL)
        return exact(self);
    int64_t i = 0;
    sb_reserve(&b, (size_t)len);
    while (f != NULL && count > 0) {
        sb_put(&b, h + i, (size_t)((f - h) - i));
        sb_put(&b, nw, (size_t)nn);
        i = (f - h) + on;
        count--;
        f = search(h, i, len, o, on);
    }
    sb_put(&b, h + i, (size_t)(len - i));
    return sb_done(&b);
}

static pyval s_replace(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pos_args("replace", nargs, kwnames, 2, 3) < 0)
        return 0;
    if (!is_str(args[0]))
        return bad_type("replace() argument 1 must be str, not %T", args[0]);
    if (!is_str(args[1]))
        return bad_type("replace() argument 2 must be str, not %T", args[1]);
    int64_t count = -1;
    pyval old = args[0], new = args[1];
    if (nargs > 2) {
        PY_PUSHV(self);
        PY_PUSHV(old);
        PY_PUSHV(new);
        int r = ssize_arg(args[2], &count);
        PY_POPV(new);
        PY_POPV(old);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    return pystr_replace(self, old, new, count);
}

static pyval affix_common(const char *fname, bool suffix, pyval self,
                          const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pos_args(fname, nargs, kwnames, 1, 1) < 0)
        return 0;
    pyval a = args[0];
    if (!is_str(a))
        return pyerr_format(pyexc_TypeError,
                            "%s() argument must be str, not %T", fname, a);
    int64_t n = pystr_nbytes(self), k = pystr_nbytes(a);
    if (k <= n && k > 0) {
        int64_t at = suffix ? n - k : 0;
        if (memcmp(U(self) + at, U(a), (size_t)k) == 0)
            return suffix ? sub_bytes(self, 0, n - k) : sub_bytes(self, k, n);
    }
    return exact(self);
}

static pyval s_removeprefix(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    return affix_common("removeprefix", false, self, args, nargs, kwnames);
}

static pyval s_removesuffix(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    return affix_common("removesuffix", true, self, args, nargs, kwnames);
}

/* ------------------------------------------------------------ case */

/* the code points of s (malloc'ed), or NULL with MemoryError */
static uint32_t *code_points(pyval s, int64_t *n)
{
    *n = pystr_length(s);
    uint32_t *cps = malloc((size_t)(*n + 1) * sizeof(uint32_t));
    if (cps == NULL) {
        pyerr_no_memory();
        return NULL;
    }
    const unsigned char *p = U(s);
    int64_t i = 0;
    for (int64_t k = 0; k < *n; k++)
        cps[k] = get_cp(p, &i);
    return cps;
}

/* Greek capital sigma at k lowers to final sigma when a cased letter
   precedes it and none follows (case-ignorable ones skipped). */
static uint32_t lower_sigma(const uint32_t *cps, int64_t n, int64_t k)
{
    int64_t j = k - 1;
    while (j >= 0 && pyuni_is_case_ignorable(cps[j]))
        j--;
    bool before = j >= 0 && pyuni_is_cased(cps[j]);
    j = k + 1;
    while (j < n && pyuni_is_case_ignorable(cps[j]))
        j++;
    bool after = j < n && pyuni_is_cased(cps[j]);
    return before && !after ? 0x3C2 : 0x3C3;
}

static void put_lower(struct sb *b, const uint32_t *cps, int64_t n, int64_t k)
{
    if (cps[k] == 0x3A3) {
        sb_cp(b, lower_sigma(cps, n, k));
        return;
    }
    uint32_t out[3];
    int m = pyuni_to_lower_full(cps[k], out);
    for (int i = 0; i < m; i++)
        sb_cp(b, out[i]);
}

static void put_mapped(struct sb *b, uint32_t cp,
                       int (*map)(uint32_t, uint32_t[3]))
{
    uint32_t out[3];
    int m = map(cp, out);
    for (int i = 0; i < m; i++)
        sb_cp(b, out[i]);
}

enum casekind { LOWER, UPPER, CASEFOLD, SWAPCASE, TITLE, CAPITALIZE };

static pyval change_case(pyval self, enum casekind kind)
{
    int64_t nb = pystr_nbytes(self);
    if (pystr(self)->ascii) {
        char *buf = malloc((size_t)nb + 1);
        if (buf == NULL)
            return pyerr_no_memory();
        const unsigned char *p = U(self);
        bool prev_cased = false;
        for (int64_t i = 0; i < nb; i++) {
            unsigned char c = p[i];
            bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
            bool to_upper;
            switch (kind) {
            case UPPER:
                to_upper = true;
                break;
            case SWAPCASE:
                to_upper = low;
                break;
            case TITLE:
                to_upper = !prev_cased;
                break;
            case CAPITALIZE:
                to_upper = i == 0;
                break;
            default:
                to_upper = false;
            }
            if (to_upper && low)
                c = (unsigned char)(c - 32);
            else if (!to_upper && up)
                c = (unsigned char)(c + 32);
            prev_cased = up || low;
            buf[i] = (char)c;
        }
        pyval r = pystr_from_utf8(buf, (size_t)nb);
        free(buf);
        return r;
    }
    int64_t n;
    uint32_t *cps = code_points(self, &n);
    if (cps == NULL)
        return 0;
    struct sb b = {NULL, 0, 0, false};
    sb_reserve(&b, (size_t)nb + 8);
    bool prev_cased = false;
    for (int64_t k = 0; k < n; k++) {
        uint32_t cp = cps[k];
        switch (kind) {
        case LOWER:
            put_lower(&b, cps, n, k);
            break;
        case UPPER:
            put_mapped(&b, cp, pyuni_to_upper_full);
            break;
        case CASEFOLD:
            put_mapped(&b, cp, pyuni_casefold_full);
            break;
        case SWAPCASE:
            if (pyuni_is_upper(cp))
                put_lower(&b, cps, n, k);
            else if (pyuni_is_lower(cp))
                put_mapped(&b, cp, pyuni_to_upper_full);
            else
                sb_cp(&b, cp);
            break;
        case TITLE:
            if (prev_cased)
                put_lower(&b, cps, n, k);
            else
                put_mapped(&b, cp, pyuni_to_title_full);
            prev_cased = pyuni_is_cased(cp);
            break;
        case CAPITALIZE:
            if (k == 0)
                put_mapped(&b, cp, pyuni_to_title_full);
            else
                put_lower(&b, cps, n, k);
            break;
        }
    }
    free(cps);
    return sb_done(&b);
}

#define CASE_METHOD(fn, name, kind)                              \
    static pyval fn(pyval self, const pyval *args, size_t nargs, \
                    PyObj *kwnames)                              \
    {                                                            \
        if (pos_args(name, nargs, kwnames, 0, 0) < 0)            \
            return 0;                                            \
        return change_case(self, kind);                          \
    }
CASE_METHOD(s_lower, "lower", LOWER)
CASE_METHOD(s_upper, "upper", UPPER)
CASE_METHOD(s_casefold, "casefold", CASEFOLD)
CASE_METHOD(s_swapcase, "swapcase", SWAPCASE)
CASE_METHOD(s_title, "title", TITLE)
CASE_METHOD(s_capitalize, "capitalize", CAPITALIZE)

/* ------------------------------------------------------------ predicates */

enum predicate {
    P_ALPHA,
    P_DIGIT,
    P_DECIMAL,
    P_NUMERIC,
    P_ALNUM,
    P_SPACE,
    P_PRINTABLE,
    P_UPPER,
    P_LOWER,
    P_TITLE,
    P_IDENTIFIER,
    P_ASCII,
};

static bool check_all(pyval self, bool (*pred)(uint32_t))
{
    const unsigned char *p = U(self);
    int64_t n = pystr_nbytes(self), i = 0;
    if (n == 0)
        return false;
    while (i < n)
        if (!pred(get_cp(p, &i)))
            return false;
    return true;
}

static bool test(pyval self, enum predicate which)
{
    const unsigned char *p = U(self);
    int64_t n = pystr_nbytes(self), i = 0;
    switch (which) {
    case P_ALPHA:
        return check_all(self, pyuni_is_alpha);
    case P_DIGIT:
        return check_all(self, pyuni_is_digit);
    case P_DECIMAL:
        return check_all(self, pyuni_is_decimal);
    case P_NUMERIC:
        return check_all(self, pyuni_is_numeric);
    case P_ALNUM:
        return check_all(self, pyuni_is_alnum);
    case P_SPACE:
        return check_all(self, pyuni_is_space);
    case P_PRINTABLE:
        return n == 0 || check_all(self, pyuni_is_printable);
    case P_ASCII:
        return pystr(self)->ascii;
    case P_IDENTIFIER: {
        if (n == 0 || !pyuni_is_id_start(get_cp(p, &i)))
            return false;
        while (i < n)
            if (!pyuni_is_id_continue(get_cp(p, &i)))
                return false;
        return true;
    }
    case P_UPPER:
    case P_LOWER: {
        bool cased = false;
        while (i < n) {
            uint32_t cp = get_cp(p, &i);
            bool up = pyuni_is_upper(cp), low = pyuni_is_lower(cp);
            if (pyuni_is_titlecase(cp) || (which == P_UPPER ? low : up))
                return false;
            if (which == P_UPPER ? up : low)
                cased = true;
        }
        return cased;
    }
    case P_TITLE: {
        bool cased = false, prev = false;
        while (i < n) {
            uint32_t cp = get_cp(p, &i);
            if (pyuni_is_upper(cp) || pyuni_is_titlecase(cp)) {
                if (prev)
                    return false;
                prev = cased = true;
            } else if (pyuni_is_lower(cp)) {
                if (!prev)
                    return false;
                prev = cased = true;
            } else {
                prev = false;
            }
        }
        return cased;
    }
    }
    return false;
}

#define PRED_METHOD(fn, name, which)                             \
    static pyval fn(pyval self, const pyval *args, size_t nargs, \
                    PyObj *kwnames)                              \
    {                                                            \
        if (pos_args(name, nargs, kwnames, 0, 0) < 0)            \
            return 0;                                            \
        return pybool(test(self, which));                        \
    }
PRED_METHOD(s_isalpha, "isalpha", P_ALPHA)
PRED_METHOD(s_isdigit, "isdigit", P_DIGIT)
PRED_METHOD(s_isdecimal, "isdecimal", P_DECIMAL)
PRED_METHOD(s_isnumeric, "isnumeric", P_NUMERIC)
PRED_METHOD(s_isalnum, "isalnum", P_ALNUM)
PRED_METHOD(s_isspace, "isspace", P_SPACE)
PRED_METHOD(s_isprintable, "isprintable", P_PRINTABLE)
PRED_METHOD(s_isupper, "isupper", P_UPPER)
PRED_METHOD(s_islower, "islower", P_LOWER)
PRED_METHOD(s_istitle, "istitle", P_TITLE)
PRED_METHOD(s_isidentifier, "isidentifier", P_IDENTIFIER)
PRED_METHOD(s_isascii, "isascii", P_ASCII)

/* ------------------------------------------------------------ padding */

static pyval pad(pyval self, int64_t left, int64_t right, uint32_t fill)
{
    if (left < 0)
        left = 0;
    if (right < 0)
        right = 0;
    if (left == 0 && right == 0)
        return exact(self);
    uint8_t f[4];
    int fn = pyutf8_put(f, fill);
    int64_t nb = pystr_nbytes(self);
    size_t total = (size_t)(nb + (left + right) * fn);
    char *buf = malloc(total + 1);
    if (buf == NULL)
        return pyerr_no_memory();
    char *o = buf;
    for (int64_t i = 0; i < left; i++, o += fn)
        memcpy(o, f, (size_t)fn);
    memcpy(o, pystr_utf8(self), (size_t)nb);
    o += nb;
    for (int64_t i = 0; i < right; i++, o += fn)
        memcpy(o, f, (size_t)fn);
    pyval r = pystr_from_utf8(buf, total);
    free(buf);
    return r;
}

/* 0: centre, 1: ljust, 2: rjust */
static pyval justify(const char *fname, int how, pyval self, const pyval *args,
                     size_t nargs, PyObj *kwnames)
{
    if (pos_args(fname, nargs, kwnames, 1, 2) < 0)
        return 0;
    uint32_t fill = ' ';
    if (nargs > 1) {
        pyval f = args[1];
        if (!is_str(f))
            return bad_type("The fill character must be a unicode character, "
                            "not %T",
                            f);
        if (pystr_length(f) != 1)
            return pyerr_format(pyexc_TypeError, "The fill character must be "
                                                 "exactly one character long");
        fill = pystr_char_at(f, 0);
    }
    int64_t width;
    PY_PUSHV(self);
    int r = ssize_arg(args[0], &width);
    PY_POPV(self);
    if (r < 0)
        return 0;
    int64_t len = pystr_length(self);
    if (width <= len)
        return exact(self);
    int64_t marg = width - len, left;
    if (how == 0)
        left = marg / 2 + (marg & width & 1);
    else
        left = how == 1 ? 0 : marg;
    return pad(self, left, marg - left, fill);
}

static pyval s_center(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    return justify("center", 0, self, args, nargs, kwnames);
}

static pyval s_ljust(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return justify("ljust", 1, self, args, nargs, kwnames);
}

static pyval s_rjust(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return justify("rjust", 2, self, args, nargs, kwnames);
}

static pyval s_zfill(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pos_args("zfill", nargs, kwnames, 1, 1) < 0)
        return 0;
    int64_t width;
    PY_PUSHV(self);
    int r = ssize_arg(args[0], &width);
    PY_POPV(self);
    if (r < 0)
        return 0;
    int64_t len = pystr_length(self);
    if (width <= len)
        return exact(self);
    int64_t fill = width - len, nb = pystr_nbytes(self);
    char *buf = malloc((size_t)(nb + fill) + 1);
    if (buf == NULL)
        return pyerr_no_memory();
    const char *p = pystr_utf8(self);
    int64_t sign = nb > 0 && (p[0] == '+' || p[0] == '-');
    memcpy(buf, p, (size_t)sign);
    memset(buf + sign, '0', (size_t)fill);
    memcpy(buf + sign + fill, p + sign, (size_t)(nb - sign));
    pyval s = pystr_from_utf8(buf, (size_t)(nb + fill));
    free(buf);
    return s;
}

static const char *const tabsize_names[] = {"tabsize"};

static pyval s_expandtabs(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    pyval a[1];
    if (bind("expandtabs", args, nargs, kwnames, tabsize_names, 1, 0, a) < 0)
        return 0;
    int64_t tabsize = 8;
    if (a[0] != 0) {
        PY_PUSHV(self);
        int r = int_arg(a[0], &tabsize);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    const unsigned char *p = U(self);
    int64_t n = pystr_nbytes(self), i = 0, col = 0;
    if (memchr(p, '\t', (size_t)n) == NULL)
        return exact(self);
    struct sb b = {NULL, 0, 0, false};
    while (i < n) {
        int64_t at = i;
        uint32_t cp = get_cp(p, &i);
        if (cp == '\t') {
            if (tabsize > 0) {
                int64_t k = tabsize - col % tabsize;
                if (!sb_reserve(&b, (size_t)k))
                    break;
                memset(b.d + b.len, ' ', (size_t)k);
                b.len += (size_t)k;
                col += k;
            }
        } else {
            sb_put(&b, p + at, (size_t)(i - at));
            col++;
            if (cp == '\n' || cp == '\r')
                col = 0;
        }
    }
    return sb_done(&b);
}

/* ------------------------------------------------------------ encode */

static void normalize_name(const char *name, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < cap; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c == '-' || c == ' ')
            c = '_';
        out[k++] = c;
    }
    out[k] = 0;
}

static int codec_of(const char *encoding)
{
    char n[64];
    normalize_name(encoding, n, sizeof(n));
    static const char *const utf8[] = {"utf_8", "utf8",    "u8",
                                       "utf",   "cp65001", NULL};
    static const char *const ascii[] = {"ascii", "us_ascii", "646", NULL};
    static const char *const latin1[] = {
        "latin_1", "latin1", "iso_8859_1", "iso8859_1",  "8859",
        "cp819",   "latin",  "l1",         "iso_ir_100", NULL};
    const char *const *lists[] = {utf8, ascii, latin1};
    for (int c = 0; c < 3; c++)
        for (int i = 0; lists[c][i]; i++)
            if (strcmp(n, lists[c][i]) == 0)
                return c;
    return -1;
}

static pyval encode_error(const char *codec, pyval s, int64_t start,
                          int64_t end, const char *reason)
{
    PY_PUSHV(s);
    pyval enc = pystr_from_cstr(codec);
    PY_PUSHV(enc);
    pyval why = pystr_from_cstr(reason);
    PY_PUSHV(why);
    pyval args = pytuple_pack(5, ROOT(2), ROOT(3), pyval_from_int(start),
                              pyval_from_int(end), ROOT(1));
    pyrt_tl.shadowstack -= 3;
    if (args != 0)
        pyerr_set(pyexc_new(pyexc_UnicodeEncodeError, args));
    return 0;
}

/* s.encode(encoding, errors) into out (C memory); 0 or -1 */
int pystr_encode(pyval s, const char *encoding, const char *errors,
                 struct pyutf8_buf *out)
{
    int codec = codec_of(encoding);
    if (codec < 0) {
        pyerr_format(pyexc_LookupError, "unknown encoding: %s", encoding);
        return -1;
    }
    int handler = pyutf8_handler_from_name(errors);
    if (handler < 0) {
        pyerr_format(pyexc_LookupError, "unknown error handler name '%s'",
                     errors);
        return -1;
    }
    const unsigned char *p = U(s);
    int64_t n = pystr_nbytes(s);
    if (codec == 0) {
        struct pyutf8_error err;
        enum pyutf8_status st = pyutf8_encode(
            p, (size_t)n, (enum pyutf8_handler)handler, out, &err);
        if (st == PYUTF8_NOMEM) {
            pyerr_no_memory();
            return -1;
        }
        if (st == PYUTF8_ERROR) {
            encode_error("utf-8", s, (int64_t)err.start, (int64_t)err.end,
                         err.reason);
            return -1;
        }
        return 0;
    }
    uint32_t limit = codec == 1 ? 0x80 : 0x100;
    const char *name = codec == 1 ? "ascii" : "latin-1";
    const char *reason =
        codec == 1 ? "ordinal not in range(128)" : "ordinal not in range(256)";
    int64_t i = 0, k = 0;
    while (i < n) {
        uint32_t cp = get_cp(p, &i);
        k++;
        if (cp < limit) {
            if (!pyutf8_buf_reserve(out, 1))
                goto nomem;
            out->data[out->len++] = (uint8_t)cp;
            continue;
        }
        /* a run of unencodable characters goes to the handler at once */
        int64_t start = k - 1, end = k, j = i;
        while (j < n) {
            int64_t jj = j;
            uint32_t c2 = get_cp(p, &jj);
            if (c2 < limit)
                break;
            j = jj;
            end++;
        }
        char tmp[16];
        switch (handler) {
        case PYUTF8_IGNORE:
            break;
        case PYUTF8_REPLACE:
            for (int64_t m = start; m < end; m++) {
                if (!pyutf8_buf_reserve(out, 1))
                    goto nomem;
                out->data[out->len++] = '?';
            }
            break;
        case PYUTF8_SURROGATEESCAPE:
        case PYUTF8_BACKSLASHREPLACE:
        case PYUTF8_XMLCHARREFREPLACE: {
            int64_t at = prev_start(p, i); /* the first bad one */
            for (int64_t m = start; m < end; m++) {
                uint32_t c = get_cp(p, &at);
                int len;
                if (handler == PYUTF8_SURROGATEESCAPE) {
                    if (c < 0xDC80 || c > 0xDCFF) {
                        /* the handler gives up: the rest of the run
                           is reported */
                        encode_error(name, s, m, end, reason);
                        return -1;
                    }
                    tmp[0] = (char)(c - 0xDC00);
                    len = 1;
                } else if (handler == PYUTF8_BACKSLASHREPLACE) {
                    len = snprintf(tmp, sizeof(tmp),
                                   c < 0x100     ? "\\x%02x"
                                   : c < 0x10000 ? "\\u%04x"
                                                 : "\\U%08x",
                                   c);
                } else {
                    len = snprintf(tmp, sizeof(tmp), "&#%u;", c);
                }
                if (!pyutf8_buf_reserve(out, (size_t)len))
                    goto nomem;
                memcpy(out->data + out->len, tmp, (size_t)len);
                out->len += (size_t)len;
            }
            break;
        }
        default:
            encode_error(name, s, start, end, reason);
            return -1;
        }
        i = j;
        k = end;
    }
    return 0;
nomem:
    pyerr_no_memory();
    return -1;
}

/* ------------------------------------------------------------ translate */

static const char *const encode_names[] = {"encoding", "errors"};

/* str.encode(): the codec's bytes (codecs.c) */
static pyval s_encode(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    pyval a[2];
    if (bind("encode", args, nargs, kwnames, encode_names, 2, 0, a) < 0)
        return 0;
    if (a[0] != 0 && !is_str(a[0]))
        return pycodec_not_str("encode", "encoding", a[0]);
    if (a[1] != 0 && !is_str(a[1]))
        return pycodec_not_str("encode", "errors", a[1]);
    char enc[64] = "utf-8", errs[64] = "strict";
    if (a[0] != 0)
        snprintf(enc, sizeof(enc), "%s", pystr_utf8(a[0]));
    if (a[1] != 0)
        snprintf(errs, sizeof(errs), "%s", pystr_utf8(a[1]));
    return pycodec_encode(self, enc, errs);
}

static pyval s_translate(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pos_args("translate", nargs, kwnames, 1, 1) < 0)
        return 0;
    pyval table = args[0];
    PY_PUSHV(self);
    PY_PUSHV(table);
    struct sb b = {NULL, 0, 0, false};
    int64_t i = 0;
    pyval result = 0;
    while (i < pystr_nbytes(ROOT(2))) {
        uint32_t cp = get_cp(U(ROOT(2)), &i);
        pyval m = pyobj_getitem(ROOT(1), pyval_from_int(cp));
        if (m == 0) {
            if (!pyerr_matches(pyexc_LookupError))
                goto done;
            pyerr_clear();
            sb_cp(&b, cp);
            continue;
        }
        if (m == py_None)
            continue;
        if (pyint_check(m)) {
            int64_t v;
            if (pyint_as_int64(m, &v) < 0 || v < 0 || v > 0x10FFFF) {
                pyerr_clear();
                pyerr_format(pyexc_ValueError,
                             "character mapping must be in range(0x110000)");
                goto done;
            }
            sb_cp(&b, (uint32_t)v);
        } else if (is_str(m)) {
            sb_put(&b, pystr_utf8(m), (size_t)pystr_nbytes(m));
        } else {
            pyerr_format(pyexc_TypeError,
                         "character mapping must return integer, None or "
                         "str");
            goto done;
        }
    }
    result = sb_done(&b);
    b.d = NULL;
done:
    free(b.d);
    PY_DROP();
    PY_DROP();
    return result;
}

static pyval s_maketrans(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("maketrans", kwnames) < 0 ||
        pyarg_count("maketrans", nargs, 1, 3) < 0)
        return 0;
    pyval x = args[0];
    pyval d = pydict_new();
    if (d == 0)
        return 0;
    PY_PUSHV(d);
    pyval result = 0;
    if (nargs == 1) {
        if (!pydict_check(args[0])) {
            pyerr_format(pyexc_TypeError, "if you give only one argument to "
                                          "maketrans it must be a dict");
            goto done;
        }
        int64_t pos = 0;
        pyval k, v;
        while (pydict_next(args[0], &pos, &k, &v)) {
            PY_PUSHV(v);
            if (is_str(k)) {
                if (pystr_length(k) != 1) {
                    PY_DROP();
                    pyerr_format(pyexc_ValueError,
                                 "string keys in translate table must be of "
                                 "length 1");
                    goto done;
                }
                k = pyval_from_int(pystr_char_at(k, 0));
            } else if (!pyint_check(k)) {
                PY_DROP();
                pyerr_format(pyexc_TypeError,
                             "keys in translate table must be strings or "
                             "integers");
                goto done;
            }
            PY_POPV(v);
            if (pydict_set(ROOT(1), k, v) < 0)
                goto done;
        }
    } else {
        x = args[0];
        pyval y = args[1];
        if (!is_str(x)) {
            bad_type("maketrans() argument 1 must be str, not %T", x);
            goto done;
        }
        if (!is_str(y)) {
            bad_type("maketrans() argument 2 must be str, not %T", y);
            goto done;
        }
        if (nargs > 2 && !is_str(args[2])) {
            bad_type("maketrans() argument 3 must be str, not %T", args[2]);
            goto done;
        }
        if (pystr_length(x) != pystr_length(y)) {
            pyerr_format(pyexc_ValueError, "the first two maketrans arguments "
                                           "must have equal length");
            goto done;
        }
        for (int64_t i = 0; i < pystr_length(args[0]); i++) {
            pyval k = pyval_from_int(pystr_char_at(args[0], i));
            pyval v = pyval_from_int(pystr_char_at(args[1], i));
            if (pydict_set(ROOT(1), k, v) < 0)
                goto done;
        }
        if (nargs > 2)
            for (int64_t i = 0; i < pystr_length(args[2]); i++) {
                pyval k = pyval_from_int(pystr_char_at(args[2], i));
                if (pydict_set(ROOT(1), k, py_None) < 0)
                    goto done;
            }
    }
    result = ROOT(1);
done:
    PY_DROP();
    return result;
}

/* ------------------------------------------------------------ repr */

/* repr(s): CPython's quotes (' unless the text has ' and no ") and
   escapes (\\, the quote, \t \n \r, \xNN below 0x20 / 0x7f and for
   non-printable latin-1, \uNNNN, \UNNNNNNNN for other non-printables) */
static void repr_into(struct sb *b, pyval s, bool ascii_only)
{
    const unsigned char *p = U(s);
    int64_t n = pystr_nbytes(s), i = 0;
    bool sq = memchr(p, '\'', (size_t)n) != NULL,
         dq = memchr(p, '"', (size_t)n) != NULL;
    char quote = sq && !dq ? '"' : '\'';
    sb_reserve(b, (size_t)n + 2);
    sb_putc(b, quote);
    while (i < n) {
        int64_t at = i;
        uint32_t cp = get_cp(p, &i);
        char tmp[16];
        if (cp == (uint32_t)quote || cp == '\\') {
            sb_putc(b, '\\');
            sb_putc(b, (char)cp);
        } else if (cp == '\t') {
            sb_put(b, "\\t", 2);
        } else if (cp == '\n') {
            sb_put(b, "\\n", 2);
        } else if (cp == '\r') {
            sb_put(b, "\\r", 2);
        } else if (cp < 0x20 || cp == 0x7F) {
            snprintf(tmp, sizeof(tmp), "\\x%02x", cp);
            sb_put(b, tmp, 4);
        } else if (cp < 0x7F) {
            sb_putc(b, (char)cp);
        } else if (!ascii_only && pyuni_is_printable(cp)) {
            sb_put(b, p + at, (size_t)(i - at));
        } else {
            int len = snprintf(tmp, sizeof(tmp),
                               cp < 0x100     ? "\\x%02x"
                               : cp < 0x10000 ? "\\u%04x"
                                              : "\\U%08x",
                               cp);
            sb_put(b, tmp, (size_t)len);
        }
    }
    sb_putc(b, quote);
}

pyval pystr_repr(pyval s)
{
    struct sb b = {NULL, 0, 0, false};
    repr_into(&b, s, false);
    return sb_done(&b);
}

/* ascii(): repr with every non-ASCII character escaped */
pyval pystr_ascii_of(pyval v)
{
    pyval r = pyobj_repr(v);
    if (r == 0 || pystr(r)->ascii)
        return r;
    const unsigned char *p = U(r);
    int64_t n = pystr_nbytes(r), i = 0;
    struct sb b = {NULL, 0, 0, false};
    while (i < n) {
        int64_t at = i;
        uint32_t cp = get_cp(p, &i);
        if (cp < 0x80) {
            sb_put(&b, p + at, 1);
            continue;
        }
        char tmp[16];
        int len = snprintf(tmp, sizeof(tmp),
                           cp < 0x100     ? "\\x%02x"
                           : cp < 0x10000 ? "\\u%04x"
                                          : "\\U%08x",
                           cp);
        sb_put(&b, tmp, (size_t)len);
    }
    return sb_done(&b);
}

/* ------------------------------------------------------------ slots */

static pyval str_str(pyval self)
{
    return exact(self);
}

static int str_hash(pyval self, int64_t *out)
{
    *out = pystr(self)->hash;
    return 0;
}

static pyval str_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if (!is_str(a) || !is_str(b))
        return py_NotImplemented;
    if (op == PYCMP_EQ || op == PYCMP_NE)
        return pybool(pystr_eq(a, b) == (op == PYCMP_EQ));
    return pybool(pycmp_result(pystr_compare(a, b), op));
}

static int64_t str_len(pyval self)
{
    return pystr_length(self);
}

pyval pystr_get_slice(pyval s, int64_t start, int64_t stop, int64_t step)
{
    int64_t n = pyseq_slice_indices(pystr_length(s), &start, &stop, &step);
    if (n < 0)
        return pyerr_format(pyexc_ValueError, "slice step cannot be zero");
    if (step == 1)
        return n == 0 ? pystr_from_utf8("", 0)
                      : pystr_substring(s, start, start + n);
    if (n == 0)
        return pystr_from_utf8("", 0);
    struct sb b = {NULL, 0, 0, false};
    if (pystr(s)->ascii) {
        const unsigned char *p = U(s);
        if (sb_reserve(&b, (size_t)n))
            for (int64_t i = 0, k = start; i < n; i++, k += step)
                b.d[b.len++] = (char)p[k];
        return sb_done(&b);
    }
    for (int64_t i = 0, k = start; i < n; i++, k += step)
        sb_cp(&b, pystr_char_at(s, k));
    return sb_done(&b);
}

static pyval str_getitem(pyval self, pyval key)
{
    if (!pyval_is_int(key) && pyval_type(key)->slots->index == NULL)
        return pyerr_format(pyexc_TypeError,
                            "string indices must be integers, not '%T'", key);
    PY_PUSHV(self);
    pyval i = pynum_index(key);
    PY_POPV(self);
    if (i == 0)
        return 0;
    int64_t k;
    if (pyint_as_int64(i, &k) < 0) {
        pyerr_clear();
        return pyerr_format(pyexc_IndexError,
                            "cannot fit 'int' into an index-sized integer");
    }
    int64_t n = pystr_length(self);
    if (k < 0)
        k += n;
    if (k < 0 || k >= n)
        return pyerr_format(pyexc_IndexError, "string index out of range");
    return pystr_substring(self, k, k + 1);
}

static pyval str_add(pyval a, pyval b)
{
    if (!is_str(a))
        return py_NotImplemented;
    if (!is_str(b))
        return py_NotImplemented; /* b's __radd__, else pyseq_binop_error */
    return pystr_concat(a, b);
}

static pyval str_mul(pyval a, pyval b)
{
    pyval s = is_str(a) ? a : b, count = s == a ? b : a;
    if (!pyval_is_int(count) && pyval_type(count)->slots->index == NULL)
        return py_NotImplemented; /* count's __rmul__, or the error */
    PY_PUSHV(s);
    pyval i = pynum_index(count);
    PY_POPV(s);
    if (i == 0)
        return 0;
    int64_t n;
    if (pyint_as_int64(i, &n) < 0) {
        pyerr_clear();
        return pyerr_format(pyexc_OverflowError,
                            "cannot fit 'int' into an index-sized integer");
    }
    int64_t nb = pystr_nbytes(s);
    if (n <= 0 || nb == 0)
        return pystr_from_utf8("", 0);
    if (n == 1)
        return exact(s);
    if (n > ((int64_t)1 << 40) / nb)
        return pyerr_no_memory();
    size_t total = (size_t)(nb * n);
    char *buf = malloc(total);
    if (buf == NULL)
        return pyerr_no_memory();
    memcpy(buf, pystr_utf8(s), (size_t)nb);
    size_t done = (size_t)nb;
    while (done < total) {
        size_t k = done < total - done ? done : total - done;
        memcpy(buf + done, buf, k);
        done += k;
    }
    pyval r = pystr_from_utf8(buf, total);
    free(buf);
    return r;
}

/* strformat.c */
pyval pystr_mod(pyval format, pyval args);

static pyval str_mod(pyval a, pyval b)
{
    if (!is_str(a))
        return py_NotImplemented;
    return pystr_mod(a, b);
}

static pyval str_iter(pyval self)
{
    PY_PUSHV(self);
    PySeqIter *it = (PySeqIter *)pyobj_alloc(sizeof(struct pyseqiter_s),
                                             PYL_ITER, pytype_str_iterator);
    PY_POPV(self);
    it->seq = self;
    it->index = 0; /* a byte offset */
    return pyval_from_obj((PyObj *)it);
}

static pyval striter_next(pyval self)
{
    PySeqIter *it = (PySeqIter *)pyval_obj(self);
    pyobj_read((PyObj *)it);
    pyval s = it->seq;
    if (s == 0)
        return 0;
    int64_t at = it->index;
    pyobj_write((PyObj *)it);
    if (at >= pystr_nbytes(s)) {
        it->seq = 0;
        return 0;
    }
    int64_t next = at;
    uint32_t cp = get_cp(U(s), &next);
    it->index = next;
    return pystr_from_codepoint(cp);
}

static pyval self_iter(pyval self)
{
    return self;
}

static int str_truth(pyval self)
{
    return pystr_length(self) != 0;
}

/* strformat.c */
pyval pystr_format_method(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames);
pyval pystr_format_map_method(pyval self, const pyval *args, size_t nargs,
                              PyObj *kwnames);
pyval pystr_format_dunder(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames);

const struct pymethod_def pystr_methods[] = {
    {"find", s_find, 0, NULL},
    {"rfind", s_rfind, 0, NULL},
    {"index", s_index, 0, NULL},
    {"rindex", s_rindex, 0, NULL},
    {"count", s_count, 0, NULL},
    {"startswith", s_startswith, 0, NULL},
    {"endswith", s_endswith, 0, NULL},
    {"split", s_split, 0, NULL},
    {"rsplit", s_rsplit, 0, NULL},
    {"splitlines", s_splitlines, 0, NULL},
    {"partition", s_partition, 0, NULL},
    {"rpartition", s_rpartition, 0, NULL},
    {"join", s_join, 0, NULL},
    {"strip", s_strip, 0, NULL},
    {"lstrip", s_lstrip, 0, NULL},
    {"rstrip", s_rstrip, 0, NULL},
    {"replace", s_replace, 0, NULL},
    {"removeprefix", s_removeprefix, 0, NULL},
    {"removesuffix", s_removesuffix, 0, NULL},
    {"lower", s_lower, 0, NULL},
    {"upper", s_upper, 0, NULL},
    {"casefold", s_casefold, 0, NULL},
    {"swapcase", s_swapcase, 0, NULL},
    {"title", s_title, 0, NULL},
    {"capitalize", s_capitalize, 0, NULL},
    {"isalpha", s_isalpha, 0, NULL},
    {"isdigit", s_isdigit, 0, NULL},
    {"isdecimal", s_isdecimal, 0, NULL},
    {"isnumeric", s_isnumeric, 0, NULL},
    {"isalnum", s_isalnum, 0, NULL},
    {"isspace", s_isspace, 0, NULL},
    {"isprintable", s_isprintable, 0, NULL},
    {"isupper", s_isupper, 0, NULL},
    {"islower", s_islower, 0, NULL},
    {"istitle", s_istitle, 0, NULL},
    {"isidentifier", s_isidentifier, 0, NULL},
    {"isascii", s_isascii, 0, NULL},
    {"center", s_center, 0, NULL},
    {"ljust", s_ljust, 0, NULL},
    {"rjust", s_rjust, 0, NULL},
    {"zfill", s_zfill, 0, NULL},
    {"expandtabs", s_expandtabs, 0, NULL},
    {"encode", s_encode, 0, NULL},
    {"translate", s_translate, 0, NULL},
    {"maketrans", s_maketrans, PYMETH_STATIC, NULL},
    {"format", pystr_format_method, 0, NULL},
    {"format_map", pystr_format_map_method, 0, NULL},
    {"__format__", pystr_format_dunder, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const char *const str_new_names[] = {"object", "encoding", "errors"};

/* str(object='') / str(object, encoding, errors): decoding waits for
   the bytes type.  (A subclass instance still comes out as an exact str:
   the VM's type call is to wrap it.) */
static pyval str_new(PyType *type, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    pyval a[3];
    if (bind("str", args, nargs, kwnames, str_new_names, 3, 0, a) < 0)
        return 0;
    if (a[1] != 0 || a[2] != 0) {
        if (a[0] == 0)
            return pystr_from_utf8("", 0);
        if (is_str(a[0]))
            return pyerr_format(pyexc_TypeError,
                                "decoding str is not supported");
        if (pybytes_like(a[0]))
            return pystr_decode_args(a[0], a[1], a[2]);
        return pyerr_format(pyexc_TypeError,
                            "decoding to str: need a bytes-like object, %T "
                            "found",
                            a[0]);
    }
    if (a[0] == 0)
        return pystr_from_utf8("", 0);
    return pyobj_str(a[0]);
}

const struct pytype_slots pystr_slots = {
    .new_ = str_new,
    .repr = pystr_repr,
    .str = str_str,
    .hash = str_hash,
    .richcompare = str_richcompare,
    .len = str_len,
    .truth = str_truth,
    .getitem = str_getitem,
    .contains = str_contains,
    .iter = str_iter,
    .binop = {[PYOP_ADD] = str_add, [PYOP_MUL] = str_mul, [PYOP_MOD] = str_mod},
    .methods = pystr_methods,
};

PyType *pytype_str_iterator;

static const struct pytype_slots striter_slots = {
    .iter = self_iter,
    .iternext = striter_next,
};

void pystr_setup_types(void)
{
    pytype_str_iterator = pytype_new_builtin("str_ascii_iterator",
                                             &striter_slots, PYL_ITER, NULL, 0);
}
