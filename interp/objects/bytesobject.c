/* bytesobject.c -- the bytes type: the representation, construction
 * (bytes(x), literals), repr, hash, comparisons and the sequence protocol
 * shared with bytearray (methods: bytesmethods.c; bytearray's storage and
 * mutation: bytearrayobject.c).
 *
 * A bytes object never changes after it is made, so it is read without
 * barriers and its hash is computed once, when it is made.  Results are
 * built in C memory and copied into one object at the end: a view's real
 * address is invalid after any allocation.
 */
#define _GNU_SOURCE /* memmem */
#include "bytesobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/hash.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "listobject.h"
#include "memoryobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_bytes;
PyType *pytype_bytes_iterator;

/* beyond this many bytes, MemoryError (the heap would not hold them) */
#define MAX_BYTES ((int64_t)1 << 40)

/* the value k entries down the shadow stack (1: the top) */
#define ROOT(k) ((pyval)(uintptr_t)pyrt_tl.shadowstack[-(k)].ss)

size_t pybytes_gc_size(struct pyobj_s *o)
{
    struct pybytes_s *b = (struct pybytes_s *)o;
    return sizeof(struct pybytes_s) + (size_t)b->length + 1;
}

static PyBytes *alloc_bytes(int64_t n)
{
    if (n > MAX_BYTES) {
        pyerr_no_memory();
        return NULL;
    }
    PyBytes *b = (PyBytes *)pyobj_alloc(
        sizeof(struct pybytes_s) + (size_t)n + 1, PYL_BYTES, pytype_bytes);
    b->length = n;
    pybytes_data(pyval_from_obj((PyObj *)b))[n] = 0;
    return b;
}

pyval pybytes_from_data(const void *data, int64_t n)
{
    PyBytes *b = alloc_bytes(n);
    if (b == NULL)
        return 0;
    pyval v = pyval_from_obj((PyObj *)b);
    char *d = pybytes_data(v);
    if (n > 0)
        memcpy(d, data, (size_t)n);
    b->hash = pyhash_bytes(d, (size_t)n);
    return v;
}

pyval pybytes_like_from_data(pyval like, const void *data, int64_t n)
{
    if (pybytearray_check(like))
        return pybytearray_from_data(data, n);
    return pybytes_from_data(data, n);
}

/* a live contiguous memoryview's bytes, within its exporter's */
static bool memview_buf(pyval v, struct pybuf *out)
{
    PyMemView *m = (PyMemView *)pyval_obj(v);
    pyobj_read((PyObj *)m);
    /* CPython's contiguity: step 1, or exactly one item */
    if (m->released || (m->step != 1 && m->length != 1))
        return false;
    struct pybuf base;
    pybuf_get(m->obj, &base);
    if (m->length > 0 && m->start + m->length > base.n)
        return false; /* a bytearray resized under the view */
    out->p = base.p + (m->length > 0 ? m->start : 0);
    out->n = m->length;
    return true;
}

bool pybuf_view_error(pyval v)
{
    if (!pyval_is_obj(v) || pyval_obj(v)->layout != PYL_MEMORYVIEW ||
        pymemview_is_buffer(v))
        return false;
    PyMemView *m = (PyMemView *)pyval_obj(v);
    pyobj_read((PyObj *)m);
    if (m->released)
        pyerr_format(pyexc_ValueError,
                     "operation forbidden on released memoryview object");
    else
        pyerr_format(pyexc_BufferError,
                     "memoryview: underlying buffer is not C-contiguous");
    return true;
}

bool pymemview_is_buffer(pyval v)
{
    struct pybuf b;
    return memview_buf(v, &b);
}

bool pybuf_get(pyval v, struct pybuf *out)
{
    static const uint8_t empty[1] = {0};
    if (pybytes_check(v)) {
        out->p = (const uint8_t *)pybytes_data(v);
        out->n = pybytes_size(v);
        return true;
    }
    if (pyval_is_obj(v) && pyval_obj(v)->layout == PYL_MEMORYVIEW)
        return memview_buf(v, out);
    if (!pybytearray_check(v))
        return false;
    PyByteArray *ba = (PyByteArray *)pyval_obj(v);
    pyobj_read((PyObj *)ba);
    out->n = ba->length;
    if (ba->storage == NULL) {
        out->p = empty;
        return true;
    }
    pyobj_read(ba->storage);
    out->p = (const uint8_t *)pybytes_data(pyval_from_obj(ba->storage));
    return true;
}

/* a malloc'ed copy of v's bytes (at least 1 byte allocated); NULL with
   MemoryError set */
uint8_t *pybytes_copy(pyval v, int64_t *n)
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

/* ------------------------------------------------------------ repr */

pyval pybytes_repr_of(const uint8_t *p, int64_t n, const char *prefix,
                      const char *suffix)
{
    /* bytearray's repr escapes ' even inside "..." (CPython does) */
    bool escape_squote_always = strcmp(prefix, "b") != 0;
    bool has_squote = memchr(p, '\'', (size_t)n) != NULL;
    bool has_dquote = memchr(p, '"', (size_t)n) != NULL;
    char quote = has_squote && !has_dquote ? '"' : '\'';
    size_t plen = strlen(prefix), slen = strlen(suffix);
    char *buf = malloc(plen + slen + 4 * (size_t)n + 4);
    if (buf == NULL)
        return pyerr_no_memory();
    size_t k = 0;
    memcpy(buf, prefix, plen);
    k += plen;
    buf[k++] = quote;
    for (int64_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c == quote || c == '\\' || (c == '\'' && escape_squote_always)) {
            buf[k++] = '\\';
            buf[k++] = (char)c;
        } else if (c == '\t') {
            buf[k++] = '\\';
            buf[k++] = 't';
        } else if (c == '\n') {
            buf[k++] = '\\';
            buf[k++] = 'n';
        } else if (c == '\r') {
            buf[k++] = '\\';
            buf[k++] = 'r';
        } else if (c < 0x20 || c >= 0x7f) {
            static const char hex[] = "0123456789abcdef";
            buf[k++] = '\\';
            buf[k++] = 'x';
            buf[k++] = hex[c >> 4];
            buf[k++] = hex[c & 15];
        } else {
            buf[k++] = (char)c;
        }
    }
    buf[k++] = quote;
    memcpy(buf + k, suffix, slen);
    k += slen;
    pyval r = pystr_from_utf8(buf, k);
    free(buf);
    return r;
}

pyval pybytes_repr(pyval self)
{
    int64_t n;
    uint8_t *c = pybytes_copy(self, &n);
    if (c == NULL)
        return 0;
    bool ba = pybytearray_check(self);
    /* a subclass of bytearray shows its own name */
    char prefix[128];
    snprintf(prefix, sizeof(prefix), "%s(b", pytype_name(pyval_type(self)));
    pyval r = pybytes_repr_of(c, n, ba ? prefix : "b", ba ? ")" : "");
    free(c);
    return r;
}

static int bytes_hash(pyval self, int64_t *out)
{
    *out = ((PyBytes *)pyval_obj(self))->hash;
    return 0;
}

/* ------------------------------------------------------------ compare */

pyval pybytes_richcompare(pyval a, pyval b, enum pycmpop op)
{
    struct pybuf x, y;
    /* bytes compare with bytes and bytearray; bytearray with any buffer
       (CPython's rules: bytes leave memoryviews to memoryview's ==) */
    if (!pybytearray_check(a) && !pybytearray_check(b) &&
        !(pybytes_check(a) && pybytes_check(b)))
        return py_NotImplemented;
    if (!pybuf_get(a, &x) || !pybuf_get(b, &y))
        return py_NotImplemented;
    if (op == PYCMP_EQ || op == PYCMP_NE) {
        bool eq = x.n == y.n && memcmp(x.p, y.p, (size_t)x.n) == 0;
        return pybool(op == PYCMP_EQ ? eq : !eq);
    }
    int64_t m = x.n < y.n ? x.n : y.n;
    int c = memcmp(x.p, y.p, (size_t)m);
    if (c == 0)
        c = x.n < y.n ? -1 : x.n > y.n;
    return pybool(pycmp_result(c < 0 ? -1 : c > 0, op));
}

/* ------------------------------------------------------------ sequence */

int64_t pybytes_len(pyval self)
{
    struct pybuf b;
    pybuf_get(self, &b);
    return b.n;
}

int pybytes_truth(pyval self)
{
    return pybytes_len(self) != 0;
}

/* An index argument as a C integer: 1 done, 0 not an index (no error
   set), -1 error. */
static int index_value(pyval key, int64_t *out, PyType *overflow)
{
    if (!pyval_is_int(key) && pyval_type(key)->slots->index == NULL)
        return 0;
    pyval i = pynum_index(key);
    if (i == 0)
        return -1;
    if (pyint_as_int64(i, out) < 0) {
        pyerr_clear();
        pyerr_format(overflow, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    return 1;
}

/* self[key] for bytes and bytearray */
pyval pybytes_getitem(pyval self, pyval key)
{
    bool ba = pybytearray_check(self);
    if (pyslice_check(key)) {
        PY_PUSHV(self);
        int64_t start, stop, step;
        int64_t len = pybytes_len(self);
        int64_t n = pyslice_unpack(key, len, &start, &stop, &step);
        PY_POPV(self);
        if (n < 0)
            return 0;
        uint8_t *tmp = malloc((size_t)n + 1);
        if (tmp == NULL)
            return pyerr_no_memory();
        struct pybuf b;
        pybuf_get(self, &b);
        for (int64_t i = 0, k = start; i < n; i++, k += step)
            tmp[i] = b.p[k];
        pyval r = pybytes_like_from_data(self, tmp, n);
        free(tmp);
        return r;
    }
    PY_PUSHV(self);
    int64_t k;
    int got = index_value(key, &k, pyexc_IndexError);
    PY_POPV(self);
    if (got < 0)
        return 0;
    if (got == 0)
        return pyerr_format(pyexc_TypeError,
                            "%s indices must be integers or slices, not %T",
                            ba ? "bytearray" : "byte", key);
    struct pybuf b;
    pybuf_get(self, &b);
    if (k < 0)
        k += b.n;
    if (k < 0 || k >= b.n)
        return pyerr_format(pyexc_IndexError, "%s",
                            ba ? "bytearray index out of range"
                               : "index out of range");
    return pyval_from_int(b.p[k]);
}

int pybytes_contains(pyval self, pyval item)
{
    struct pybuf b, needle;
    if (pybuf_get(item, &needle)) {
        pybuf_get(self, &b);
        if (needle.n == 0)
            return 1;
        return memmem(b.p, (size_t)b.n, needle.p, (size_t)needle.n) != NULL;
    }
    PY_PUSHV(self);
    int64_t k;
    int got = index_value(item, &k, pyexc_OverflowError);
    PY_POPV(self);
    if (got < 0) {
        if (pyerr_matches(pyexc_OverflowError)) {
            pyerr_clear();
            pyerr_format(pyexc_ValueError, "byte must be in range(0, 256)");
        }
        return -1;
    }
    if (got == 0) {
        if (!pybuf_view_error(item))
            pyerr_format(pyexc_TypeError,
                         "a bytes-like object is required, not '%T'", item);
        return -1;
    }
    if (k < 0 || k > 255) {
        pyerr_format(pyexc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    pybuf_get(self, &b);
    return memchr(b.p, (int)k, (size_t)b.n) != NULL;
}

pyval pybytes_concat(pyval a, pyval b)
{
    struct pybuf x, y;
    if (!pybytes_or_bytearray(a)) /* memoryview + bytes: unsupported */
        return py_NotImplemented;
    pybuf_get(a, &x);
    if (!pybuf_get(b, &y))
        return py_NotImplemented; /* b's __radd__, or the error */
    int64_t n = x.n + y.n;
    uint8_t *tmp = malloc((size_t)n + 1);
    if (tmp == NULL)
        return pyerr_no_memory();
    memcpy(tmp, x.p, (size_t)x.n);
    memcpy(tmp + x.n, y.p, (size_t)y.n);
    pyval r = pybytes_like_from_data(a, tmp, n);
    free(tmp);
    return r;
}

pyval pybytes_repeat(pyval a, pyval b)
{
    pyval s = pybytes_or_bytearray(a) ? a : b, count = s == a ? b : a;
    if (!pybytes_or_bytearray(s))
        return py_NotImplemented;
    if (!pyval_is_int(count) && pyval_type(count)->slots->index == NULL)
        return py_NotImplemented; /* count's __rmul__, or the error */
    PY_PUSHV(s);
    int64_t k;
    int got = index_value(count, &k, pyexc_OverflowError);
    PY_POPV(s);
    if (got < 0)
        return 0;
    struct pybuf x;
    pybuf_get(s, &x);
    if (k < 0)
        k = 0;
    if (x.n > 0 && k > INT64_MAX / x.n && pybytes_check(s))
        return pyerr_format(pyexc_OverflowError, "repeated bytes are too long");
    if (x.n > 0 && k > MAX_BYTES / x.n)
        return pyerr_no_memory();
    int64_t n = x.n * k;
    uint8_t *tmp = malloc((size_t)n + 1);
    if (tmp == NULL)
        return pyerr_no_memory();
    for (int64_t i = 0; i < k; i++)
        memcpy(tmp + i * x.n, x.p, (size_t)x.n);
    pyval r = pybytes_like_from_data(s, tmp, n);
    free(tmp);
    return r;
}

/* ------------------------------------------------------------ iteration */

PyType *pytype_bytearray_iterator;

pyval pybytes_iter(pyval self)
{
    PyType *type = pybytearray_check(self) ? pytype_bytearray_iterator
                                           : pytype_bytes_iterator;
    PY_PUSHV(self);
    PySeqIter *it =
        (PySeqIter *)pyobj_alloc(sizeof(struct pyseqiter_s), PYL_ITER, type);
    PY_POPV(self);
    it->seq = self;
    it->index = 0;
    return pyval_from_obj((PyObj *)it);
}

static pyval bytesiter_next(pyval self)
{
    PySeqIter *it = (PySeqIter *)pyval_obj(self);
    pyobj_read((PyObj *)it);
    pyval seq = it->seq;
    if (seq == 0)
        return 0;
    int64_t i = it->index;
    struct pybuf b;
    pybuf_get(seq, &b);
    pyobj_write((PyObj *)it);
    if (i < b.n) {
        it->index = i + 1;
        return pyval_from_int(b.p[i]);
    }
    it->seq = 0;
    return 0;
}

static pyval self_iter(pyval self)
{
    return self;
}

/* ------------------------------------------------------------ bytes(x) */

static pyval bad_range(const char *type_name)
{
    /* bytes says "bytes must be...", bytearray "byte must be..." */
    return pyerr_format(pyexc_ValueError, "%s must be in range(0, 256)",
                        strcmp(type_name, "bytes") == 0 ? "bytes" : "byte");
}

/* grows *buf (of capacity *cap) to hold one more byte */
static bool push_byte(uint8_t **buf, int64_t *n, int64_t *cap, uint8_t c)
{
    if (*n == *cap) {
        int64_t ncap = *cap ? *cap * 2 : 16;
        uint8_t *nb = realloc(*buf, (size_t)ncap);
        if (nb == NULL) {
            pyerr_no_memory();
            return false;
        }
        *buf = nb;
        *cap = ncap;
    }
    (*buf)[(*n)++] = c;
    return true;
}

static int from_iterable(pyval x, const char *type_name, uint8_t **out,
                         int64_t *n)
{
    PY_PUSHV(x);
    pyval it = pyobj_iter(x);
    PY_POPV(x);
    if (it == 0) {
        if (pyerr_matches(pyexc_TypeError)) {
            pyerr_clear();
            pyerr_format(pyexc_TypeError, "cannot convert '%T' object to %s", x,
                         type_name);
        }
        return -1;
    }
    uint8_t *buf = NULL;
    int64_t len = 0, cap = 0;
    PY_PUSHV(it);
    for (;;) {
        pyval item = pyiter_next(ROOT(1));
        if (item == 0) {
            if (pyerr_occurred() != 0)
                goto fail;
            break;
        }
        int64_t k;
        int got = index_value(item, &k, pyexc_ValueError);
        if (got == 0)
            pyerr_format(pyexc_TypeError,
                         "'%T' object cannot be interpreted as an integer",
                         item);
        if (got <= 0) {
            if (got < 0 && pyerr_matches(pyexc_ValueError)) {
                pyerr_clear();
                bad_range(type_name);
            }
            goto fail;
        }
        if (k < 0 || k > 255) {
            bad_range(type_name);
            goto fail;
        }
        if (!push_byte(&buf, &len, &cap, (uint8_t)k))
            goto fail;
    }
    PY_DROP();
    if (buf == NULL)
        buf = malloc(1);
    if (buf == NULL) {
        pyerr_no_memory();
        return -1;
    }
    *out = buf;
    *n = len;
    return 0;
fail:
    PY_DROP();
    free(buf);
    return -1;
}

int pybytes_from_object(pyval x, const char *type_name, uint8_t **out,
                        int64_t *n)
{
    if (pybytes_like(x)) {
        *out = pybytes_copy(x, n);
        return *out == NULL ? -1 : 0;
    }
    if (pymemview_check(x)) {
        *out = pymemview_copy(x, n);
        return *out == NULL ? -1 : 0;
    }
    if (pyval_is_int(x) || pyval_type(x)->slots->index != NULL) {
        int64_t k;
        if (index_value(x, &k, pyexc_OverflowError) < 0)
            return -1;
        if (k < 0) {
            pyerr_format(pyexc_ValueError, "negative count");
            return -1;
        }
        if (k > MAX_BYTES) {
            pyerr_no_memory();
            return -1;
        }
        *out = calloc((size_t)k + 1, 1);
        if (*out == NULL) {
            pyerr_no_memory();
            return -1;
        }
        *n = k;
        return 0;
    }
    if (pyval_obj(x)->layout == PYL_STR) {
        pyerr_format(pyexc_TypeError, "string argument without an encoding");
        return -1;
    }
    return from_iterable(x, type_name, out, n);
}

static const char *const new_names[] = {"source", "encoding", "errors"};

/* bytes(source, encoding, errors) / bytearray(...)'s arguments, bound as
   Argument Clinic does; out[] 0 when absent */
int pybytes_bind_new(const char *fname, const pyval *args, size_t nargs,
                     PyObj *kwnames, pyval out[3])
{
    if (pyarg_bind(fname, args, nargs, kwnames, new_names, 3, out) < 0)
        return -1;
    for (int i = 1; i < 3; i++) {
        if (out[i] != 0 &&
            !(pyval_is_obj(out[i]) && pyval_obj(out[i])->layout == PYL_STR)) {
            pycodec_not_str(fname, new_names[i], out[i]);
            return -1;
        }
    }
    return 0;
}

/* The bytes of bytes(a[0], a[1], a[2]) / bytearray(...) in C memory */
int pybytes_new_data(const char *fname, const pyval a[3], uint8_t **out,
                     int64_t *n)
{
    pyval x = a[0];
    if (x == 0) {
        if (a[1] != 0 || a[2] != 0) {
            pyerr_format(pyexc_TypeError, "%s without a string argument",
                         a[1] != 0 ? "encoding" : "errors");
            return -1;
        }
        *out = malloc(1);
        *n = 0;
        return *out == NULL ? (pyerr_no_memory(), -1) : 0;
    }
    bool is_str = pyval_is_obj(x) && pyval_obj(x)->layout == PYL_STR;
    if (is_str && a[1] != 0) {
        char enc[64], errs[64] = "strict";
        snprintf(enc, sizeof(enc), "%s", pystr_utf8(a[1]));
        if (a[2] != 0)
            snprintf(errs, sizeof(errs), "%s", pystr_utf8(a[2]));
        pyval b = pycodec_encode(x, enc, errs);
        if (b == 0)
            return -1;
        *out = pybytes_copy(b, n);
        return *out == NULL ? -1 : 0;
    }
    if (a[1] != 0 || a[2] != 0) {
        pyerr_format(pyexc_TypeError, "%s",
                     is_str      ? "string argument without an encoding"
                     : a[1] != 0 ? "encoding without a string argument"
                                 : "errors without a string argument");
        return -1;
    }
    return pybytes_from_object(x, fname, out, n);
}

/* x.__bytes__() if x's class defines it: 1 done (*out set), 0 no such
   method, -1 error */
static int call_dunder_bytes(pyval x, pyval *out)
{
    if (!pyval_is_obj(x) || !(pyval_type(x)->tflags & PYTYPE_HEAPTYPE))
        return 0;
    PY_PUSHV(x);
    pyval name = pystr_intern_utf8("__bytes__", 9);
    PY_POPV(x);
    if (name == 0)
        return -1;
    if (pytype_lookup(pyval_type(x), name) == 0)
        return 0;
    pyval m = pyobj_getattr(x, name);
    if (m == 0)
        return -1;
    pyval r = pyobj_call(m, NULL, 0, NULL);
    if (r == 0)
        return -1;
    if (!pybytes_check(r)) {
        pyerr_format(pyexc_TypeError, "__bytes__ returned non-bytes (type %T)",
                     r);
        return -1;
    }
    *out = r;
    return 1;
}

static pyval bytes_new(PyType *type, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    pyval a[3];
    if (pybytes_bind_new("bytes", args, nargs, kwnames, a) < 0)
        return 0;
    if (a[0] != 0 && a[1] == 0 && a[2] == 0) {
        if (pyval_is_obj(a[0]) && pyval_type(a[0]) == pytype_bytes)
            return a[0]; /* a subclass's value is copied */
        pyval r;
        PY_PUSHV(a[0]);
        int got = call_dunder_bytes(a[0], &r);
        PY_POPV(a[0]); /* it may have moved */
        if (got != 0)
            return got < 0 ? 0 : r;
    }
    uint8_t *data;
    int64_t n;
    if (pybytes_new_data("bytes", a, &data, &n) < 0)
        return 0;
    pyval r = pybytes_from_data(data, n);
    free(data);
    return r;
}

/* ------------------------------------------------------------ type */

const struct pytype_slots pybytes_slots = {
    .new_ = bytes_new,
    .repr = pybytes_repr,
    .str = pybytes_repr,
    .hash = bytes_hash,
    .richcompare = pybytes_richcompare,
    .len = pybytes_len,
    .truth = pybytes_truth,
    .getitem = pybytes_getitem,
    .contains = pybytes_contains,
    .iter = pybytes_iter,
    .binop = {[PYOP_ADD] = pybytes_concat,
              [PYOP_MUL] = pybytes_repeat,
              [PYOP_MOD] = pybytes_mod},
    .methods = pybytes_methods,
};

static const struct pytype_slots bytesiter_slots = {
    .iter = self_iter,
    .iternext = bytesiter_next,
};

void pybytes_setup_types(void)
{
    pytype_bytes =
        pytype_new_builtin("bytes", &pybytes_slots, PYL_BYTES, NULL,
                           PYTYPE_BASETYPE);
    pytype_bytearray = pytype_new_builtin("bytearray", &pybytearray_slots,
                                          PYL_BYTEARRAY, NULL, PYTYPE_BASETYPE);
    pytype_bytes_iterator = pytype_new_builtin(
        "bytes_iterator", &bytesiter_slots, PYL_ITER, NULL, 0);
    pytype_bytearray_iterator = pytype_new_builtin(
        "bytearray_iterator", &bytesiter_slots, PYL_ITER, NULL, 0);
}
