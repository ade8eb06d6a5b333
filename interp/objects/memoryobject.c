/* memoryobject.c -- memoryview over bytes and bytearray: a 1-D view of
 * unsigned bytes (format 'B') with a start, a length and a step, so that
 * slicing never copies.
 *
 * A view refers to the exporting object itself (bytes or bytearray) and
 * reads it through pybuf_get() at each access.  pystm does not count a
 * bytearray's exports (nothing tells when an unreleased view becomes
 * garbage), so a bytearray may still be resized under a view: accesses
 * beyond its current end are refused instead of reading stale memory.
 * The 'released' flag is the only field that changes: barriers.
 *
 * Views are not (yet) accepted everywhere a bytes-like object is: they
 * convert with bytes(m), bytearray(m), m.tobytes(), and compare with ==.
 */
#include "memoryobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/hash.h"
#include "abstract.h"
#include "bytesobject.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "listobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_memoryview;
PyType *pytype_memory_iterator;

void pymemview_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    pyval_visit(&((struct pymemview_s *)o)->obj, visit);
}

static PyMemView *mv(pyval v)
{
    return (PyMemView *)pyval_obj(v);
}

static pyval new_view(pyval obj, int64_t start, int64_t length, int64_t step,
                      bool readonly)
{
    PY_PUSHV(obj);
    PyMemView *m = (PyMemView *)pyobj_alloc(sizeof(struct pymemview_s),
                                            PYL_MEMORYVIEW, pytype_memoryview);
    PY_POPV(obj);
    m->obj = obj;
    m->start = start;
    m->length = length;
    m->step = step;
    m->readonly = readonly;
    m->released = 0;
    return pyval_from_obj((PyObj *)m);
}

pyval pymemview_new(pyval obj)
{
    if (pyval_is_obj(obj) && pyval_obj(obj)->layout == PYL_MEMORYVIEW) {
        PyMemView *m = mv(obj);
        pyobj_read((PyObj *)m);
        if (m->released)
            return pyerr_format(pyexc_ValueError,
                                "operation forbidden on released memoryview "
                                "object");
        return new_view(m->obj, m->start, m->length, m->step, m->readonly);
    }
    struct pybuf b;
    if (!pybuf_get(obj, &b))
        return pyerr_format(pyexc_TypeError,
                            "memoryview: a bytes-like object is required, not "
                            "'%T'",
                            obj);
    return new_view(obj, 0, b.n, 1, pybytes_check(obj));
}

/* The view's fields after checking it is not released; -1 with the
   ValueError otherwise. */
static int live(pyval self, struct pymemview_s *out)
{
    PyMemView *m = mv(self);
    pyobj_read((PyObj *)m);
    if (m->released) {
        pyerr_format(pyexc_ValueError,
                     "operation forbidden on released memoryview object");
        return -1;
    }
    out->obj = m->obj;
    out->start = m->start;
    out->length = m->length;
    out->step = m->step;
    out->readonly = m->readonly;
    return 0;
}

/* The exporter's bytes for the view v (checked live): false with an
   error if a resized bytearray no longer holds them */
static bool base_of(const struct pymemview_s *v, struct pybuf *b)
{
    pybuf_get(v->obj, b);
    int64_t last =
        v->length == 0 ? v->start : v->start + (v->length - 1) * v->step;
    if (v->length > 0 && (last >= b->n || last < 0 || v->start >= b->n)) {
        pyerr_format(pyexc_IndexError,
                     "memoryview: the underlying bytearray was resized");
        return false;
    }
    return true;
}

/* a malloc'ed copy of the view's bytes (1 byte at least) */
static uint8_t *copy_view(pyval self, int64_t *n)
{
    struct pymemview_s v;
    struct pybuf b;
    if (live(self, &v) < 0 || !base_of(&v, &b))
        return NULL;
    uint8_t *c = malloc((size_t)v.length + 1);
    if (c == NULL) {
        pyerr_no_memory();
        return NULL;
    }
    for (int64_t i = 0; i < v.length; i++)
        c[i] = b.p[v.start + i * v.step];
    *n = v.length;
    return c;
}

uint8_t *pymemview_copy(pyval self, int64_t *n)
{
    return copy_view(self, n);
}

/* ------------------------------------------------------------ slots */

static pyval memview_new(PyType *type, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    /* Argument Clinic's checks, in its order */
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    if (nargs + (size_t)nkw > 1)
        return pyerr_format(pyexc_TypeError,
                            "memoryview() takes at most 1 argument (%d given)",
                            (int)(nargs + (size_t)nkw));
    pyval obj = nargs > 0 ? args[0] : 0;
    if (nkw == 1 && strcmp(pystr_utf8(pytuple_get(pyval_from_obj(kwnames), 0)),
                           "object") == 0)
        obj = args[nargs];
    if (obj == 0)
        return pyerr_format(pyexc_TypeError, "memoryview() missing required "
                                             "argument 'object' (pos 1)");
    return pymemview_new(obj);
}

static pyval memview_repr(pyval self)
{
    PyMemView *m = mv(self);
    pyobj_read((PyObj *)m);
    char buf[80];
    snprintf(buf, sizeof(buf), "<%smemory at 0x%lx>",
             m->released ? "released " : "",
             (unsigned long)stm_id((object_t *)self));
    return pystr_from_cstr(buf);
}

static int64_t memview_len(pyval self)
{
    struct pymemview_s v;
    return live(self, &v) < 0 ? -1 : v.length;
}

static int index_of(pyval key, int64_t length, int64_t *out)
{
    pyval i = pynum_index(key);
    if (i == 0)
        return -1;
    int64_t k;
    if (pyint_as_int64(i, &k) < 0) {
        pyerr_clear();
        pyerr_format(pyexc_IndexError,
                     "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    if (k < 0)
        k += length;
    if (k < 0 || k >= length) {
        pyerr_format(pyexc_IndexError, "index out of bounds on dimension 1");
        return -1;
    }
    *out = k;
    return 0;
}

static bool is_index(pyval key)
{
    return pyval_is_int(key) || pyval_type(key)->slots->index != NULL;
}

static pyval memview_getitem(pyval self, pyval key)
{
    struct pymemview_s v;
    if (live(self, &v) < 0)
        return 0;
    if (pyslice_check(key)) {
        PY_PUSHV(self);
        int64_t start, stop, step;
        int64_t n = pyslice_unpack(key, v.length, &start, &stop, &step);
        PY_POPV(self);
        if (n < 0 || live(self, &v) < 0)
            return 0;
        return new_view(v.obj, v.start + start * v.step, n, v.step * step,
                        v.readonly);
    }
    if (!is_index(key))
        return pyerr_format(pyexc_TypeError, "memoryview: invalid slice key");
    PY_PUSHV(self);
    int64_t k;
    int r = index_of(key, v.length, &k);
    PY_POPV(self);
    struct pybuf b;
    if (r < 0 || live(self, &v) < 0 || !base_of(&v, &b))
        return 0;
    return pyval_from_int(b.p[v.start + k * v.step]);
}

/* a byte value for an item assignment (an int or __index__) */
static int item_value(pyval value)
{
    if (!pyval_is_int(value) && pyval_type(value)->slots->index == NULL) {
        pyerr_format(pyexc_TypeError, "memoryview: invalid type for format "
                                      "'B'");
        return -1;
    }
    pyval i = pynum_index(value);
    if (i == 0)
        return -1;
    int64_t k;
    if (pyint_as_int64(i, &k) < 0 || k < 0 || k > 255) {
        pyerr_clear();
        pyerr_format(pyexc_ValueError,
                     "memoryview: invalid value for format 'B'");
        return -1;
    }
    return (int)k;
}

/* writes data[0..n) at the view's positions first, first + step...: the
   exporter is a bytearray (the view is writable) */
static int write_through(pyval self, int64_t first, int64_t step,
                         const uint8_t *data, int64_t n)
{
    struct pymemview_s v;
    struct pybuf b;
    if (live(self, &v) < 0 || !base_of(&v, &b))
        return -1;
    if (n == 0)
        return 0; /* an empty array may have no storage */
    PyByteArray *ba = (PyByteArray *)pyval_obj(v.obj);
    pyobj_write(ba->storage);
    uint8_t *d = (uint8_t *)pybytes_data(pyval_from_obj(ba->storage));
    for (int64_t i = 0; i < n; i++)
        d[v.start + (first + i * step) * v.step] = data[i];
    return 0;
}

static int memview_setitem(pyval self, pyval key, pyval value)
{
    struct pymemview_s v;
    if (live(self, &v) < 0)
        return -1;
    if (v.readonly) {
        pyerr_format(pyexc_TypeError, "cannot modify read-only memory");
        return -1;
    }
    if (value == 0) {
        pyerr_format(pyexc_TypeError, "cannot delete memory");
        return -1;
    }
    if (pyslice_check(key)) {
        PY_PUSHV(self);
        PY_PUSHV(value);
        int64_t start, stop, step;
        int64_t n = pyslice_unpack(key, v.length, &start, &stop, &step);
        PY_POPV(value);
        PY_POPV(self);
        if (n < 0)
            return -1;
        int64_t len;
        uint8_t *data;
        if (pyval_is_obj(value) && pyval_obj(value)->layout == PYL_MEMORYVIEW)
            data = copy_view(value, &len);
        else if (pybytes_like(value))
            data = pybytes_copy(value, &len);
        else {
            pyerr_format(pyexc_TypeError,
                         "a bytes-like object is required, not '%T'", value);
            return -1;
        }
        if (data == NULL)
            return -1;
        if (len != n) {
            free(data);
            pyerr_format(pyexc_ValueError, "memoryview assignment: lvalue "
                                           "and rvalue have different "
                                           "structures");
            return -1;
        }
        int r = write_through(self, start, step, data, n);
        free(data);
        return r;
    }
    if (!is_index(key)) {
        pyerr_format(pyexc_TypeError, "memoryview: invalid slice key");
        return -1;
    }
    PY_PUSHV(self);
    PY_PUSHV(value);
    int64_t k;
    int r = index_of(key, v.length, &k);
    PY_POPV(value);
    int c = r < 0 ? -1 : item_value(value);
    PY_POPV(self); /* both may run Python code */
    if (c < 0)
        return -1;
    uint8_t byte = (uint8_t)c;
    return write_through(self, k, 1, &byte, 1);
}

static bool is_released(pyval self)
{
    pyobj_read(pyval_obj(self));
    return mv(self)->released != 0;
}

static pyval memview_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if (op != PYCMP_EQ && op != PYCMP_NE)
        return py_NotImplemented;
    bool a_mv = pyval_is_obj(a) && pyval_obj(a)->layout == PYL_MEMORYVIEW;
    bool b_mv = pyval_is_obj(b) && pyval_obj(b)->layout == PYL_MEMORYVIEW;
    if ((!a_mv && !pybytes_like(a)) || (!b_mv && !pybytes_like(b)))
        return py_NotImplemented;
    /* a released view only equals itself */
    if ((a_mv && is_released(a)) || (b_mv && is_released(b)))
        return pybool((a == b) == (op == PYCMP_EQ));
    int64_t na, nb;
    uint8_t *x = a_mv ? copy_view(a, &na) : pybytes_copy(a, &na);
    uint8_t *y = x == NULL ? NULL
                 : b_mv    ? copy_view(b, &nb)
                           : pybytes_copy(b, &nb);
    if (y == NULL) {
        free(x);
        return 0;
    }
    bool eq = na == nb && memcmp(x, y, (size_t)na) == 0;
    free(x);
    free(y);
    return pybool(eq == (op == PYCMP_EQ));
}

static int memview_hash(pyval self, int64_t *out)
{
    struct pymemview_s v;
    if (live(self, &v) < 0)
        return -1;
    if (!v.readonly) {
        pyerr_format(pyexc_ValueError, "cannot hash writable memoryview "
                                       "object");
        return -1;
    }
    int64_t n;
    uint8_t *c = copy_view(self, &n);
    if (c == NULL)
        return -1;
    *out = pyhash_bytes(c, (size_t)n);
    free(c);
    return 0;
}

static pyval memview_iter(pyval self)
{
    struct pymemview_s v;
    if (live(self, &v) < 0)
        return 0;
    PY_PUSHV(self);
    PySeqIter *it = (PySeqIter *)pyobj_alloc(sizeof(struct pyseqiter_s),
                                             PYL_ITER, pytype_memory_iterator);
    PY_POPV(self);
    it->seq = self;
    it->index = 0;
    return pyval_from_obj((PyObj *)it);
}

static pyval memiter_next(pyval self)
{
    PySeqIter *it = (PySeqIter *)pyval_obj(self);
    pyobj_read((PyObj *)it);
    pyval seq = it->seq;
    if (seq == 0)
        return 0;
    int64_t i = it->index;
    struct pymemview_s v;
    struct pybuf b;
    if (live(seq, &v) < 0 || !base_of(&v, &b))
        return 0;
    pyobj_write((PyObj *)it);
    if (i < v.length) {
        it->index = i + 1;
        return pyval_from_int(b.p[v.start + i * v.step]);
    }
    it->seq = 0;
    return 0;
}

static pyval self_iter(pyval self)
{
    return self;
}

/* ------------------------------------------------------------ methods */

static pyval m_tobytes(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    if (nargs + (size_t)nkw > 1)
        return pyerr_format(pyexc_TypeError,
                            "tobytes() takes at most 1 argument (%d given)",
                            (int)(nargs + (size_t)nkw));
    int64_t n;
    uint8_t *c = copy_view(self, &n);
    if (c == NULL)
        return 0;
    pyval r = pybytes_from_data(c, n);
    free(c);
    return r;
}

static pyval m_tolist(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("memoryview.tolist", kwnames) < 0 ||
        pyarg_count("memoryview.tolist", nargs, 0, 0) < 0)
        return 0;
    int64_t n;
    uint8_t *c = copy_view(self, &n);
    if (c == NULL)
        return 0;
    pyval list = pylist_new(n);
    if (list != 0)
        for (int64_t i = 0; i < n; i++)
            pylist_set(list, i, pyval_from_int(c[i]));
    free(c);
    return list;
}

static pyval m_hex(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    int64_t n;
    uint8_t *c = copy_view(self, &n);
    if (c == NULL)
        return 0;
    pyval b = pybytes_from_data(c, n);
    free(c);
    if (b == 0)
        return 0;
    /* bytes.hex does the rest, with the same arguments and messages */
    PY_PUSHV(b);
    pyval name = pystr_intern_utf8("hex", 3);
    pyval m =
        name == 0 ? 0 : pyobj_getattr((pyval)pyrt_tl.shadowstack[-1].ss, name);
    PY_DROP();
    return m == 0 ? 0 : pyobj_call(m, args, nargs, kwnames);
}

static pyval m_release(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("memoryview.release", kwnames) < 0 ||
        pyarg_count("memoryview.release", nargs, 0, 0) < 0)
        return 0;
    PyMemView *m = mv(self);
    pyobj_write((PyObj *)m);
    m->released = 1;
    return py_None;
}

static pyval m_toreadonly(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("memoryview.toreadonly", kwnames) < 0 ||
        pyarg_count("memoryview.toreadonly", nargs, 0, 0) < 0)
        return 0;
    struct pymemview_s v;
    if (live(self, &v) < 0)
        return 0;
    return new_view(v.obj, v.start, v.length, v.step, true);
}

static pyval m_enter(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    struct pymemview_s v;
    return live(self, &v) < 0 ? 0 : self;
}

static pyval m_exit(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    return m_release(self, NULL, 0, NULL);
}

static const struct pymethod_def memview_methods[] = {
    {"tobytes", m_tobytes, 0, NULL},
    {"tolist", m_tolist, 0, NULL},
    {"hex", m_hex, 0, NULL},
    {"release", m_release, 0, NULL},
    {"toreadonly", m_toreadonly, 0, NULL},
    {"__enter__", m_enter, 0, NULL},
    {"__exit__", m_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ------------------------------------------------------------ attributes */

#define GETTER(fname, expr)        \
    static pyval fname(pyval self) \
    {                              \
        struct pymemview_s v;      \
        if (live(self, &v) < 0)    \
            return 0;              \
        return expr;               \
    }

GETTER(get_obj, v.obj)
GETTER(get_nbytes, pyint_from_int64(v.length))
GETTER(get_readonly, pybool(v.readonly))
GETTER(get_itemsize, pyval_from_int(1))
GETTER(get_format, pystr_from_cstr("B"))
GETTER(get_ndim, pyval_from_int(1))
GETTER(get_shape, pytuple_pack(1, pyint_from_int64(v.length)))
GETTER(get_strides, pytuple_pack(1, pyint_from_int64(v.step)))
GETTER(get_suboffsets, pytuple_empty)
GETTER(get_contiguous, pybool(v.step == 1 || v.length == 1))

static const struct pygetset_def memview_getset[] = {
    {"obj", get_obj, NULL},
    {"nbytes", get_nbytes, NULL},
    {"readonly", get_readonly, NULL},
    {"itemsize", get_itemsize, NULL},
    {"format", get_format, NULL},
    {"ndim", get_ndim, NULL},
    {"shape", get_shape, NULL},
    {"strides", get_strides, NULL},
    {"suboffsets", get_suboffsets, NULL},
    {"contiguous", get_contiguous, NULL},
    {"c_contiguous", get_contiguous, NULL},
    {"f_contiguous", get_contiguous, NULL},
    {NULL, NULL, NULL},
};

static const struct pytype_slots memview_slots = {
    .new_ = memview_new,
    .repr = memview_repr,
    .hash = memview_hash,
    .richcompare = memview_richcompare,
    .len = memview_len,
    .getitem = memview_getitem,
    .setitem = memview_setitem,
    .iter = memview_iter,
    .methods = memview_methods,
    .getset = memview_getset,
};

static const struct pytype_slots memiter_slots = {
    .iter = self_iter,
    .iternext = memiter_next,
};

void pymemview_setup_types(void)
{
    pytype_memoryview = pytype_new_builtin("memoryview", &memview_slots,
                                           PYL_MEMORYVIEW, NULL, 0);
    pytype_memory_iterator = pytype_new_builtin(
        "memory_iterator", &memiter_slots, PYL_ITER, NULL, 0);
}
