/* bytearrayobject.c -- bytearray: its storage, construction and every
 * operation that changes it (the read-only methods are bytesmethods.c,
 * shared with bytes).
 *
 * Storage.  A bytearray points to a PYL_BYTES object whose 'length' is
 * the capacity; the first 'length' bytes are the contents.  Growing
 * allocates a new storage with about 1/8 spare room and copies (amortized
 * O(1) append), as list does.  Both objects are mutable: read after
 * pyobj_read(), written after pyobj_write(), again after anything that
 * allocates or runs Python code (the array may have moved, or changed).
 * New contents are computed in C memory first, then stored in one step.
 */
#include "bytesobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "listobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdlib.h>
#include <string.h>

PyType *pytype_bytearray;

#define MAX_BYTES ((int64_t)1 << 40)

/* the value k entries down the shadow stack (1: the top) */
#define ROOT(k) ((pyval)(uintptr_t)pyrt_tl.shadowstack[-(k)].ss)

void pybytearray_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    visit((object_t **)&((struct pybytearray_s *)o)->storage);
}

static PyByteArray *ba_of(pyval v)
{
    return (PyByteArray *)pyval_obj(v);
}

/* Makes room for 'need' bytes (keeping the contents); false with
   MemoryError set.  self must be rooted by the caller if it is used
   afterwards: re-read it from the root. */
static bool reserve(pyval *self, int64_t need)
{
    PyByteArray *ba = ba_of(*self);
    pyobj_read((PyObj *)ba);
    int64_t cap = ba->storage ? ((PyBytes *)ba->storage)->length : 0;
    if (ba->storage)
        pyobj_read(ba->storage);
    if (need <= cap)
        return true;
    if (need > MAX_BYTES) {
        pyerr_no_memory();
        return false;
    }
    int64_t ncap = need + (need >> 3) + 8;
    PY_PUSHV(*self);
    PyBytes *st = (PyBytes *)pyobj_alloc(
        sizeof(struct pybytes_s) + (size_t)ncap + 1, PYL_BYTES, pytype_bytes);
    PY_POPV(*self);
    st->hash = -1;
    st->length = ncap;
    ba = ba_of(*self);
    pyobj_read((PyObj *)ba);
    char *dst = pybytes_data(pyval_from_obj((PyObj *)st));
    memset(dst, 0, (size_t)ncap + 1);
    if (ba->storage != NULL) {
        pyobj_read(ba->storage);
        memcpy(dst, pybytes_data(pyval_from_obj(ba->storage)),
               (size_t)ba->length);
    }
    pyobj_write((PyObj *)ba);
    ba->storage = (PyObj *)st;
    return true;
}

/* the writable real address of the contents (after reserve()): valid
   until the next allocation */
static uint8_t *data_for_write(pyval self)
{
    PyByteArray *ba = ba_of(self);
    pyobj_read((PyObj *)ba);
    pyobj_write(ba->storage);
    return (uint8_t *)pybytes_data(pyval_from_obj(ba->storage));
}

static void set_length(pyval self, int64_t n)
{
    PyByteArray *ba = ba_of(self);
    pyobj_write((PyObj *)ba);
    ba->length = n;
}

/* Replaces the contents by data[0..n) (C memory); -1 on error. */
static int set_contents(pyval self, const uint8_t *data, int64_t n)
{
    if (!reserve(&self, n))
        return -1;
    if (n > 0)
        memcpy(data_for_write(self), data, (size_t)n);
    set_length(self, n);
    return 0;
}

pyval pybytearray_from_data(const void *data, int64_t n)
{
    PyByteArray *ba = (PyByteArray *)pyobj_alloc(
        sizeof(struct pybytearray_s), PYL_BYTEARRAY, pytype_bytearray);
    ba->length = 0;
    ba->storage = NULL;
    pyval self = pyval_from_obj((PyObj *)ba);
    if (n == 0)
        return self;
    /* data is C memory: it stays put */
    PY_PUSHV(self);
    bool ok = reserve(&self, n);
    PY_POPV(self);
    if (!ok)
        return 0;
    memcpy(data_for_write(self), data, (size_t)n);
    set_length(self, n);
    return self;
}

/* a malloc'ed copy of the contents (1 byte at least) */
static uint8_t *contents(pyval self, int64_t *n)
{
    struct pybuf b;
    pybuf_get(self, &b);
    uint8_t *c = malloc((size_t)b.n + 1);
    if (c == NULL) {
        pyerr_no_memory();
        return NULL;
    }
    memcpy(c, b.p, (size_t)b.n);
    *n = b.n;
    return c;
}

/* ------------------------------------------------------------ helpers */

/* an int in range(256) from v: 0..255, or -1 with the exception set */
static int byte_value(pyval v)
{
    if (!pyval_is_int(v) && pyval_type(v)->slots->index == NULL) {
        pyerr_format(pyexc_TypeError,
                     "'%T' object cannot be interpreted as an integer", v);
        return -1;
    }
    pyval i = pynum_index(v);
    if (i == 0)
        return -1;
    int64_t k;
    if (pyint_as_int64(i, &k) < 0 || k < 0 || k > 255) {
        pyerr_clear();
        pyerr_format(pyexc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return (int)k;
}

/* an index argument as a C integer; 0 or -1 */
static int index_arg(pyval v, int64_t *out)
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

/* Replaces [start, stop) by data[0..n) (C memory, not the array's own
   bytes) in place: the tail moves, the storage grows if needed.  -1 on
   error. */
static int splice(pyval self, int64_t start, int64_t stop, const uint8_t *data,
                  int64_t n)
{
    int64_t len = pybytes_len(self);
    int64_t nlen = len - (stop - start) + n;
    if (!reserve(&self, nlen))
        return -1;
    if (nlen == 0 && len == 0)
        return 0; /* maybe no storage at all */
    uint8_t *d = data_for_write(self);
    memmove(d + start + n, d + stop, (size_t)(len - stop));
    if (n > 0)
        memcpy(d + start, data, (size_t)n);
    set_length(self, nlen);
    return 0;
}

/* ------------------------------------------------------------ methods */

pyval pybytearray_append(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("bytearray.append", kwnames) < 0 ||
        pyarg_count("bytearray.append", nargs, 1, 1) < 0)
        return 0;
    PY_PUSHV(self);
    int c = byte_value(args[0]);
    PY_POPV(self);
    if (c < 0)
        return 0;
    struct pybuf b;
    pybuf_get(self, &b);
    int64_t n = b.n;
    PY_PUSHV(self);
    bool ok = reserve(&self, n + 1);
    PY_POPV(self);
    if (!ok)
        return 0;
    data_for_write(self)[n] = (uint8_t)c;
    set_length(self, n + 1);
    return py_None;
}

pyval pybytearray_extend(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("bytearray.extend", kwnames) < 0 ||
        pyarg_count("bytearray.extend", nargs, 1, 1) < 0)
        return 0;
    pyval x = args[0];
    if (pyval_is_int(x) || !pyobj_iterable(x))
        return pyerr_format(pyexc_TypeError, "can't extend bytearray with %T",
                            x);
    uint8_t *data;
    int64_t n;
    PY_PUSHV(self);
    int r;
    if (pyval_is_obj(x) && pyval_obj(x)->layout == PYL_STR) {
        pyerr_format(pyexc_TypeError,
                     "'str' object cannot be interpreted as an integer");
        r = -1;
    } else {
        r = pybytes_from_object(x, "bytearray", &data, &n);
    }
    PY_POPV(self);
    if (r < 0)
        return 0;
    int64_t len = pybytes_len(self);
    r = splice(self, len, len, data, n);
    free(data);
    return r < 0 ? 0 : py_None;
}

pyval pybytearray_insert(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("bytearray.insert", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "insert expected 2 arguments, got %d", (int)nargs);
    int64_t i;
    PY_PUSHV(self);
    int r = index_arg(args[0], &i);
    int c = r < 0 ? -1 : byte_value(args[1]);
    PY_POPV(self);
    if (c < 0)
        return 0;
    int64_t len = pybytes_len(self);
    if (i < 0) {
        i += len;
        if (i < 0)
            i = 0;
    }
    if (i > len)
        i = len;
    uint8_t byte = (uint8_t)c;
    return splice(self, i, i, &byte, 1) < 0 ? 0 : py_None;
}

pyval pybytearray_pop(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("bytearray.pop", kwnames) < 0 ||
        pyarg_count("pop", nargs, 0, 1) < 0)
        return 0;
    int64_t i = -1;
    if (nargs == 1) {
        PY_PUSHV(self);
        int r = index_arg(args[0], &i);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    struct pybuf b;
    pybuf_get(self, &b);
    if (b.n == 0)
        return pyerr_format(pyexc_IndexError, "pop from empty bytearray");
    if (i < 0)
        i += b.n;
    if (i < 0 || i >= b.n)
        return pyerr_format(pyexc_IndexError, "pop index out of range");
    int c = b.p[i];
    if (splice(self, i, i + 1, NULL, 0) < 0)
        return 0;
    return pyval_from_int(c);
}

pyval pybytearray_remove(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("bytearray.remove", kwnames) < 0 ||
        pyarg_count("bytearray.remove", nargs, 1, 1) < 0)
        return 0;
    PY_PUSHV(self);
    int c = byte_value(args[0]);
    PY_POPV(self);
    if (c < 0)
        return 0;
    struct pybuf b;
    pybuf_get(self, &b);
    const uint8_t *at = memchr(b.p, c, (size_t)b.n);
    if (at == NULL)
        return pyerr_format(pyexc_ValueError, "value not found in bytearray");
    int64_t i = at - b.p;
    return splice(self, i, i + 1, NULL, 0) < 0 ? 0 : py_None;
}

pyval pybytearray_clear(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("bytearray.clear", kwnames) < 0 ||
        pyarg_count("bytearray.clear", nargs, 0, 0) < 0)
        return 0;
    PyByteArray *ba = ba_of(self);
    pyobj_write((PyObj *)ba);
    ba->length = 0;
    ba->storage = NULL;
    return py_None;
}

pyval pybytearray_copy(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("bytearray.copy", kwnames) < 0 ||
        pyarg_count("bytearray.copy", nargs, 0, 0) < 0)
        return 0;
    int64_t n;
    uint8_t *c = contents(self, &n);
    if (c == NULL)
        return 0;
    pyval r = pybytearray_from_data(c, n);
    free(c);
    return r;
}

pyval pybytearray_reverse(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("bytearray.reverse", kwnames) < 0 ||
        pyarg_count("bytearray.reverse", nargs, 0, 0) < 0)
        return 0;
    int64_t n = pybytes_len(self);
    if (n == 0)
        return py_None;
    uint8_t *d = data_for_write(self);
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        uint8_t t = d[i];
        d[i] = d[j];
        d[j] = t;
    }
    return py_None;
}

/* ------------------------------------------------------------ slots */

/* the bytes of a value assigned to a slice, in C memory */
static int assigned_bytes(pyval value, uint8_t **out, int64_t *n)
{
    /* numbers (CPython's PyNumber_Check) and str are refused */
    const struct pytype_slots *slots = pyval_type(value)->slots;
    if (pyval_is_int(value) ||
        (pyval_is_obj(value) && pyval_obj(value)->layout == PYL_STR) ||
        slots->index != NULL || slots->to_int != NULL ||
        slots->to_float != NULL) {
        pyerr_format(pyexc_TypeError, "can assign only bytes, buffers, or "
                                      "iterables of ints in range(0, 256)");
        return -1;
    }
    return pybytes_from_object(value, "bytearray", out, n);
}

static int set_slice(pyval self, pyval key, pyval value)
{
    uint8_t *data = NULL;
    int64_t n = 0;
    /* the slice is unpacked first, as CPython does (its errors win) */
    PY_PUSHV(self);
    PY_PUSHV(value);
    int64_t start, stop, step;
    int64_t count =
        pyslice_unpack(key, pybytes_len(self), &start, &stop, &step);
    PY_POPV(value);
    int r = count < 0 ? -1 : 0;
    if (r == 0 && value != 0)
        r = assigned_bytes(value, &data, &n);
    PY_POPV(self);
    if (r < 0) {
        free(data);
        return -1;
    }
    if (step == 1) {
        if (stop < start)
            stop = start;
        r = splice(self, start, stop, data, n);
        free(data);
        return r;
    }
    /* CPython: assigning nothing to an extended slice deletes it */
    bool deleting = value == 0 || n == 0;
    if (!deleting && n != count) {
        free(data);
        pyerr_format(pyexc_ValueError,
                     "attempt to assign bytes of size %zd to extended slice "
                     "of size %zd",
                     (long)n, (long)count);
        return -1;
    }
    int64_t len;
    uint8_t *cur = contents(self, &len);
    if (cur == NULL) {
        free(data);
        return -1;
    }
    if (!deleting) {
        for (int64_t i = 0, k = start; i < count; i++, k += step)
            cur[k] = data[i];
        free(data);
        r = set_contents(self, cur, len);
        free(cur);
        return r;
    }
    /* deletion: keep the bytes not in the slice */
    uint8_t *keep = calloc((size_t)len + 1, 1);
    if (keep == NULL) {
        free(cur);
        pyerr_no_memory();
        return -1;
    }
    for (int64_t i = 0, k = start; i < count; i++, k += step)
        keep[k] = 1;
    int64_t m = 0;
    for (int64_t i = 0; i < len; i++)
        if (!keep[i])
            cur[m++] = cur[i];
    free(keep);
    r = set_contents(self, cur, m);
    free(cur);
    return r;
}

static int bytearray_setitem(pyval self, pyval key, pyval value)
{
    if (pyslice_check(key))
        return set_slice(self, key, value);
    if (!pyval_is_int(key) && pyval_type(key)->slots->index == NULL) {
        pyerr_format(pyexc_TypeError,
                     "bytearray indices must be integers or slices, not %T",
                     key);
        return -1;
    }
    /* the index first, then the value, as CPython */
    PY_PUSHV(self);
    PY_PUSHV(value);
    pyval i = pynum_index(key);
    int64_t k = 0;
    if (i != 0 && pyint_as_int64(i, &k) < 0) {
        pyerr_clear();
        pyerr_format(pyexc_IndexError,
                     "cannot fit 'int' into an index-sized integer");
        i = 0;
    }
    PY_POPV(value);
    int c = 0;
    if (i != 0 && value != 0)
        c = byte_value(value);
    PY_POPV(self);
    if (i == 0 || c < 0)
        return -1;
    int64_t len = pybytes_len(self);
    if (k < 0)
        k += len;
    if (k < 0 || k >= len) {
        pyerr_format(pyexc_IndexError, "bytearray index out of range");
        return -1;
    }
    if (value == 0)
        return splice(self, k, k + 1, NULL, 0);
    data_for_write(self)[k] = (uint8_t)c;
    return 0;
}

static pyval bytearray_iadd(pyval self, pyval other)
{
    struct pybuf b;
    if (!pybuf_get(other, &b))
        return pyerr_format(pyexc_TypeError, "can't concat %T to %T", other,
                            self);
    /* CPython holds a buffer of 'other' while resizing self: itself */
    if (other == self && b.n > 0)
        return pyerr_format(pyexc_BufferError,
                            "Existing exports of data: object cannot be "
                            "re-sized");
    int64_t n;
    PY_PUSHV(self);
    uint8_t *c = contents(other, &n);
    PY_POPV(self);
    if (c == NULL)
        return 0;
    int64_t len = pybytes_len(self);
    PY_PUSHV(self);
    int r = splice(self, len, len, c, n);
    PY_POPV(self);
    free(c);
    return r < 0 ? 0 : self;
}

static pyval bytearray_imul(pyval self, pyval count)
{
    PY_PUSHV(self);
    pyval r = pybytes_repeat(self, count);
    PY_POPV(self);
    if (r == 0 || r == py_NotImplemented)
        return r;
    int64_t n;
    PY_PUSHV(self);
    uint8_t *c = contents(r, &n);
    int ok = c == NULL ? -1 : set_contents(ROOT(1), c, n);
    PY_POPV(self);
    free(c);
    return ok < 0 ? 0 : self;
}

static pyval bytearray_new(PyType *type, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    pyval a[3];
    if (pybytes_bind_new("bytearray", args, nargs, kwnames, a) < 0)
        return 0;
    uint8_t *data;
    int64_t n;
    if (pybytes_new_data("bytearray", a, &data, &n) < 0)
        return 0;
    pyval r = pybytearray_from_data(data, n);
    free(data);
    return r;
}

const struct pytype_slots pybytearray_slots = {
    .new_ = bytearray_new,
    .repr = pybytes_repr,
    .str = pybytes_repr,
    .richcompare = pybytes_richcompare,
    .len = pybytes_len,
    .truth = pybytes_truth,
    .getitem = pybytes_getitem,
    .setitem = bytearray_setitem,
    .contains = pybytes_contains,
    .iter = pybytes_iter,
    .binop = {[PYOP_ADD] = pybytes_concat,
              [PYOP_MUL] = pybytes_repeat,
              [PYOP_MOD] = pybytes_mod},
    .inplace = {[PYOP_ADD] = bytearray_iadd, [PYOP_MUL] = bytearray_imul},
    .methods = pybytearray_methods,
};
