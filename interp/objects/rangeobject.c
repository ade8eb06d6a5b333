/* rangeobject.c -- range(start, stop, step): an immutable arithmetic
 * sequence, and its iterator (a mutable object of the same layout).
 */
#include "rangeobject.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "sliceobject.h"
#include "../runtime/args.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdio.h>

PyType *pytype_range, *pytype_range_iterator;

static int64_t range_length(int64_t start, int64_t stop, int64_t step)
{
    if (step > 0 && start < stop)
        return (int64_t)(((uint64_t)stop - (uint64_t)start - 1) /
                         (uint64_t)step) +
               1;
    if (step < 0 && start > stop)
        return (int64_t)(((uint64_t)start - (uint64_t)stop - 1) /
                         (0 - (uint64_t)step)) +
               1;
    return 0;
}

static pyval make(PyType *type, int64_t start, int64_t stop, int64_t step,
                  int64_t length)
{
    PyRange *r =
        (PyRange *)pyobj_alloc(sizeof(struct pyrange_s), PYL_RANGE, type);
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = length;
    return pyval_from_obj((PyObj *)r);
}

static int as_int64(pyval v, int64_t *out)
{
    if (!pyint_check(v)) {
        pyval i = pynum_index(v);
        if (i == 0)
            return -1;
        v = i;
    }
    return pyint_as_int64(v, out);
}

static pyval range_new(PyType *type, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0)
        return pyerr_format(pyexc_TypeError,
                            "range() takes no keyword arguments");
    int64_t start = 0, stop, step = 1;
    if (nargs == 1) {
        if (as_int64(args[0], &stop) < 0)
            return 0;
    } else if (nargs == 2 || nargs == 3) {
        if (as_int64(args[0], &start) < 0 || as_int64(args[1], &stop) < 0)
            return 0;
        if (nargs == 3) {
            if (as_int64(args[2], &step) < 0)
                return 0;
            if (step == 0)
                return pyerr_format(pyexc_ValueError,
                                    "range() arg 3 must not be zero");
        }
    } else if (nargs == 0) {
        return pyerr_format(pyexc_TypeError,
                            "range expected at least 1 argument, got 0");
    } else {
        return pyerr_format(pyexc_TypeError,
                            "range expected at most 3 arguments, got %d",
                            (int)nargs);
    }
    return make(type, start, stop, step, range_length(start, stop, step));
}

static pyval range_repr(pyval self)
{
    PyRange *r = (PyRange *)pyval_obj(self);
    char buf[100];
    if (r->step == 1)
        snprintf(buf, sizeof(buf), "range(%ld, %ld)", (long)r->start,
                 (long)r->stop);
    else
        snprintf(buf, sizeof(buf), "range(%ld, %ld, %ld)", (long)r->start,
                 (long)r->stop, (long)r->step);
    return pystr_from_cstr(buf);
}

static int64_t range_len(pyval self)
{
    return ((PyRange *)pyval_obj(self))->length;
}

static pyval range_getitem(pyval self, pyval key)
{
    if (pyslice_check(key)) {
        /* a slice of a range is a range: CPython's bounds */
        int64_t lo, hi, st;
        PY_PUSHV(self);
        int64_t n = pyslice_unpack(key, range_len(self), &lo, &hi, &st);
        PY_POPV(self);
        if (n < 0)
            return 0;
        PyRange *r = (PyRange *)pyval_obj(self);
        int64_t start = r->start + lo * r->step;
        return make(pytype_range, start, r->start + hi * r->step, r->step * st,
                    n);
    }
    if (!pyint_check(key) && pyval_type(key)->slots->index == NULL)
        return pyerr_format(pyexc_TypeError,
                            "range indices must be integers or slices, not "
                            "%T",
                            key);
    int64_t i;
    PY_PUSHV(self);
    int failed = as_int64(key, &i); /* __index__ may run Python code */
    PY_POPV(self);
    PyRange *r = (PyRange *)pyval_obj(self);
    if (failed < 0) {
        if (!pyerr_matches(pyexc_OverflowError))
            return 0;
        pyerr_clear(); /* beyond int64: beyond any range */
        i = INT64_MAX;
    }
    if (i < 0)
        i += r->length;
    if (i < 0 || i >= r->length)
        return pyerr_format(pyexc_IndexError,
                            "range object index out of range");
    return pyint_from_int64(r->start + i * r->step);
}

static int range_contains(pyval self, pyval item)
{
    PyRange *r = (PyRange *)pyval_obj(self);
    if (!pyint_check(item) || !pyval_is_int(pyint_value(item))) {
        /* other values compare by iteration (floats equal to a member) */
        for (int64_t k = 0; k < r->length; k++) {
            r = (PyRange *)pyval_obj(self);
            PY_PUSHV(self);
            PY_PUSHV(item);
            int eq = pyobj_eq(pyint_from_int64(r->start + k * r->step), item);
            PY_POPV(item);
            PY_POPV(self);
            if (eq != 0)
                return eq;
        }
        return 0;
    }
    int64_t v = pyval_int(pyint_value(item));
    if (r->step > 0 ? (v < r->start || v >= r->stop)
                    : (v > r->start || v <= r->stop))
        return 0;
    return (v - r->start) % r->step == 0;
}

static pyval range_iter(pyval self)
{
    PyRange *r = (PyRange *)pyval_obj(self);
    return make(pytype_range_iterator, r->start, r->stop, r->step, r->length);
}

static pyval rangeiter_next(pyval self)
{
    PyRange *it = (PyRange *)pyval_obj(self);
    pyobj_read((PyObj *)it);
    if (it->length <= 0)
        return 0;
    int64_t v = it->start;
    pyobj_write((PyObj *)it);
    it->start = v + it->step;
    it->length--;
    return pyint_from_int64(v);
}

static pyval iter_self(pyval self)
{
    return self;
}

static pyval range_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if ((op != PYCMP_EQ && op != PYCMP_NE) || pyval_type(b) != pytype_range)
        return py_NotImplemented;
    PyRange *x = (PyRange *)pyval_obj(a), *y = (PyRange *)pyval_obj(b);
    bool eq = x->length == y->length &&
              (x->length == 0 || (x->start == y->start &&
                                  (x->length == 1 || x->step == y->step)));
    return pybool(eq == (op == PYCMP_EQ));
}

/* CPython's: the hash of (len, start, step), with None for what does
   not matter (so equal ranges hash alike) */
static int range_hash(pyval self, int64_t *out)
{
    PyRange *r = (PyRange *)pyval_obj(self);
    int64_t parts[3] = {r->length, r->start, r->step};
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    for (int i = 0; i < 3; i++) {
        /* each part rooted before the next (a big one allocates) */
        pyval v = i > 0 && parts[0] <= i - 1 ? py_None
                                              : pyint_from_int64(parts[i]);
        if (v == 0) {
            pyrt_tl.shadowstack = saved;
            return -1;
        }
        PY_PUSHV(v);
    }
    pyval t = pytuple_from_array((const pyval *)saved, 3);
    pyrt_tl.shadowstack = saved;
    return t == 0 ? -1 : pyobj_hash(t, out);
}

/* the position of an int item, or -1 */
static int64_t int_position(PyRange *r, pyval item)
{
    int64_t v = pyval_int(pyint_value(item));
    if (r->step > 0 ? (v < r->start || v >= r->stop)
                    : (v > r->start || v <= r->stop))
        return -1;
    if ((v - r->start) % r->step != 0)
        return -1;
    return (v - r->start) / r->step;
}

/* count (want_index false) or index of x: ints by arithmetic, other
   values by comparing with each member */
static pyval range_find(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames, bool want_index)
{
    const char *name = want_index ? "index" : "count";
    if (pyarg_no_keywords(name, kwnames) < 0 ||
        pyarg_count(name, nargs, 1, 1) < 0)
        return 0;
    pyval item = args[0];
    if (pyint_check(item) && pyval_is_int(pyint_value(item))) {
        int64_t k = int_position((PyRange *)pyval_obj(self), item);
        if (!want_index)
            return pyval_from_int(k >= 0);
        if (k >= 0)
            return pyint_from_int64(k);
        return pyerr_format(pyexc_ValueError, "%R is not in range", item);
    }
    int64_t count = 0;
    for (int64_t k = 0; k < range_len(self); k++) {
        PyRange *r = (PyRange *)pyval_obj(self);
        PY_PUSHV(self);
        PY_PUSHV(item);
        int eq = pyobj_eq(pyint_from_int64(r->start + k * r->step), item);
        PY_POPV(item);
        PY_POPV(self);
        if (eq < 0)
            return 0;
        if (eq && want_index)
            return pyint_from_int64(k);
        count += eq;
    }
    if (want_index)
        return pyerr_format(pyexc_ValueError,
                            "sequence.index(x): x not in sequence");
    return pyint_from_int64(count);
}

static pyval range_count(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return range_find(self, args, nargs, kwnames, false);
}

static pyval range_index(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return range_find(self, args, nargs, kwnames, true);
}

static pyval range_reversed(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    PyRange *r = (PyRange *)pyval_obj(self);
    return make(pytype_range_iterator, r->start + (r->length - 1) * r->step,
                r->start - r->step, -r->step, r->length);
}

static const struct pymethod_def range_methods[] = {
    {"count", range_count, 0, NULL},
    {"index", range_index, 0, NULL},
    {"__reversed__", range_reversed, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static pyval range_start(pyval self)
{
    return pyint_from_int64(((PyRange *)pyval_obj(self))->start);
}

static pyval range_stop(pyval self)
{
    return pyint_from_int64(((PyRange *)pyval_obj(self))->stop);
}

static pyval range_step(pyval self)
{
    return pyint_from_int64(((PyRange *)pyval_obj(self))->step);
}

static const struct pygetset_def range_getset[] = {
    {"start", range_start, NULL},
    {"stop", range_stop, NULL},
    {"step", range_step, NULL},
    {NULL, NULL, NULL},
};

static const struct pytype_slots range_slots = {
    .methods = range_methods,
    .getset = range_getset,
    .hash = range_hash,
    .repr = range_repr,
    .len = range_len,
    .getitem = range_getitem,
    .contains = range_contains,
    .iter = range_iter,
    .richcompare = range_richcompare,
    .new_ = range_new,
};

static const struct pytype_slots rangeiter_slots = {
    .iter = iter_self,
    .iternext = rangeiter_next,
};

void pyrange_setup_types(void)
{
    pytype_range =
        pytype_new_builtin("range", &range_slots, PYL_RANGE, NULL, 0);
    pytype_range_iterator = pytype_new_builtin(
        "range_iterator", &rangeiter_slots, PYL_RANGE, NULL, 0);
}
