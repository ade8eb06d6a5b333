/* sliceobject.c -- slice objects: making them, their repr and attributes,
 * and turning them into clamped indices (CPython's rules: None bounds
 * default by the step's sign, negative bounds count from the end).
 */
#include "sliceobject.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdio.h>
#include <string.h>

PyType *pytype_slice;

void pyslice_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyslice_s *s = (struct pyslice_s *)o;
    pyval_visit(&s->start, visit);
    pyval_visit(&s->stop, visit);
    pyval_visit(&s->step, visit);
}

pyval pyslice_new(pyval start, pyval stop, pyval step)
{
    PY_PUSHV(start);
    PY_PUSHV(stop);
    PY_PUSHV(step);
    PySlice *s = (PySlice *)pyobj_alloc(sizeof(struct pyslice_s), PYL_SLICE,
                                        pytype_slice);
    PY_POPV(step);
    PY_POPV(stop);
    PY_POPV(start);
    s->start = start;
    s->stop = stop;
    s->step = step;
    return pyval_from_obj((PyObj *)s);
}

/* a bound as a C integer (huge ones clamp, as CPython's do) */
static int bound(pyval v, int64_t *out)
{
    if (!pyint_check(v)) {
        if (pyval_type(v)->slots->index == NULL) {
            pyerr_format(pyexc_TypeError,
                         "slice indices must be integers or None or have an "
                         "__index__ method");
            return -1;
        }
        v = pynum_index(v);
        if (v == 0)
            return -1;
    }
    if (pyint_as_int64(v, out) < 0) {
        pyerr_clear();
        *out = pyint_sign(v) < 0 ? INT64_MIN + 1 : INT64_MAX;
    }
    return 0;
}

/* pyslice_unpack() with the slice on top of the shadow stack */
static int64_t unpack_rooted(int64_t length, int64_t *start, int64_t *stop,
                             int64_t *step)
{
#define SLICE() ((PySlice *)pyval_obj((pyval)pyrt_tl.shadowstack[-1].ss))
    PySlice *s = SLICE();
    int64_t st = 1;
    if (s->step != py_None) {
        if (bound(s->step, &st) < 0)
            return -1;
        if (st == 0) {
            pyerr_format(pyexc_ValueError, "slice step cannot be zero");
            return -1;
        }
    }
    s = SLICE();
    int64_t lo, hi;
    if (s->start == py_None) {
        lo = st < 0 ? length - 1 : 0;
    } else {
        if (bound(s->start, &lo) < 0)
            return -1;
        if (lo < 0) {
            lo += length;
            if (lo < 0)
                lo = st < 0 ? -1 : 0;
        } else if (lo >= length) {
            lo = st < 0 ? length - 1 : length;
        }
    }
    s = SLICE();
    if (s->stop == py_None) {
        hi = st < 0 ? -1 : length;
    } else {
        if (bound(s->stop, &hi) < 0)
            return -1;
        if (hi < 0) {
            hi += length;
            if (hi < 0)
                hi = st < 0 ? -1 : 0;
        } else if (hi >= length) {
            hi = st < 0 ? length - 1 : length;
        }
    }
    *start = lo;
    *stop = hi;
    *step = st;
    if (st < 0)
        return hi < lo ? (lo - hi - 1) / (-st) + 1 : 0;
    return lo < hi ? (hi - lo - 1) / st + 1 : 0;
#undef SLICE
}

int64_t pyslice_unpack(pyval slice, int64_t length, int64_t *start,
                       int64_t *stop, int64_t *step)
{
    /* __index__ may run Python code: the slice is rooted, re-read after */
    PY_PUSHV(slice);
    int64_t r = unpack_rooted(length, start, stop, step);
    PY_DROP();
    return r;
}

static pyval slice_repr(pyval self)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    for (int i = 0; i < 3; i++) {
        PySlice *s = (PySlice *)pyval_obj((pyval)saved[0].ss);
        pyval field = i == 0 ? s->start : i == 1 ? s->stop : s->step;
        pyval r = pyobj_repr(field);
        if (r == 0) {
            pyrt_tl.shadowstack = saved;
            return 0;
        }
        PY_PUSHV(r);
    }
    char buf[1024];
    snprintf(buf, sizeof(buf), "slice(%s, %s, %s)",
             pystr_utf8((pyval)saved[1].ss), pystr_utf8((pyval)saved[2].ss),
             pystr_utf8((pyval)saved[3].ss));
    pyrt_tl.shadowstack = saved;
    return pystr_from_cstr(buf);
}

static pyval slice_getattr(pyval self, PyObj *name)
{
    const char *n = pystr_utf8(pyval_from_obj(name));
    PySlice *s = (PySlice *)pyval_obj(self);
    if (strcmp(n, "start") == 0)
        return s->start;
    if (strcmp(n, "stop") == 0)
        return s->stop;
    if (strcmp(n, "step") == 0)
        return s->step;
    return pyobj_generic_getattr(self, pyval_from_obj(name));
}

static pyval slice_new_(PyType *type, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0)
        return pyerr_format(pyexc_TypeError,
                            "slice() takes no keyword arguments");
    if (nargs == 0 || nargs > 3)
        return pyerr_format(pyexc_TypeError,
                            nargs == 0 ? "slice expected at least 1 argument, "
                                         "got %d"
                                       : "slice expected at most 3 arguments, "
                                         "got %d",
                            (int)nargs);
    if (nargs == 1)
        return pyslice_new(py_None, args[0], py_None);
    return pyslice_new(args[0], args[1], nargs == 3 ? args[2] : py_None);
}

/* slice.indices(length): the clamped (start, stop, step) */
static pyval slice_indices(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (nargs != 1 || kwnames != NULL)
        return pyerr_format(pyexc_TypeError,
                            "slice.indices() takes exactly one argument "
                            "(%d given)",
                            (int)nargs);
    int64_t length;
    PY_PUSHV(self);
    pyval n = pynum_index(args[0]); /* __index__ may allocate */
    PY_POPV(self);
    if (n == 0 || pyint_as_int64(n, &length) < 0)
        return 0;
    if (length < 0)
        return pyerr_format(pyexc_ValueError, "length should not be negative");
    int64_t start, stop, step;
    if (pyslice_unpack(self, length, &start, &stop, &step) < 0)
        return 0;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    int64_t parts[3] = {start, stop, step};
    for (int i = 0; i < 3; i++) {
        pyval v = pyint_from_int64(parts[i]);
        if (v == 0) {
            pyrt_tl.shadowstack = saved;
            return 0;
        }
        PY_PUSHV(v);
    }
    pyval t = pytuple_from_array((const pyval *)saved, 3);
    pyrt_tl.shadowstack = saved;
    return t;
}

static const struct pymethod_def slice_methods[] = {
    {"indices", slice_indices, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct pytype_slots slice_slots = {
    .methods = slice_methods,
    .repr = slice_repr,
    .getattr = slice_getattr,
    .new_ = slice_new_,
};

void pyslice_setup_types(void)
{
    pytype_slice =
        pytype_new_builtin("slice", &slice_slots, PYL_SLICE, NULL, 0);
}
