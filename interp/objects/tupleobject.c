/* tupleobject.c -- the tuple representation (methods: tuplemethods.c). */
#include "tupleobject.h"

#include "../runtime/errors.h"
#include "../runtime/hash.h"
#include "../runtime/reprguard.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "listobject.h"
#include "strobject.h"
#include "typeobject.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_tuple;
pyval pytuple_empty;
extern const struct pymethod_def pytuple_methods[]; /* tuplemethods.c */

size_t pytuple_gc_size(struct pyobj_s *o)
{
    struct pytuple_s *t = (struct pytuple_s *)o;
    return sizeof(struct pytuple_s) + (size_t)t->size * sizeof(pyval);
}

void pytuple_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pytuple_s *t = (struct pytuple_s *)o;
    for (int64_t i = 0; i < t->size; i++)
        pyval_visit(&t->item[i], visit);
}

pyval pytuple_new(int64_t size)
{
    if (size == 0 && pytuple_empty != 0)
        return pytuple_empty;
    PyTuple *t = (PyTuple *)pyobj_alloc_builtin(
        sizeof(struct pytuple_s) + (size_t)size * sizeof(pyval), PYL_TUPLE,
        pytype_tuple);
    t->size = size;
    /* through the real address: clang cannot lower memset on %gs */
    memset(pytuple_items_real(pyval_from_obj((PyObj *)t)), 0,
           (size_t)size * sizeof(pyval));
    return pyval_from_obj((PyObj *)t);
}

/* 'items' must not point into the heap (the allocation may move it) */
pyval pytuple_from_array(const pyval *items, int64_t size)
{
    pyval t = pytuple_new(size);
    memcpy(pytuple_items_real(t), items, (size_t)size * sizeof(pyval));
    return t;
}

/* up to 16 values, which need not be rooted */
pyval pytuple_pack(int64_t size, ...)
{
    pyval items[16];
    if (size > 16)
        abort();
    va_list ap;
    va_start(ap, size);
    for (int64_t i = 0; i < size && i < 16; i++)
        items[i] = va_arg(ap, pyval);
    va_end(ap);
    for (int64_t i = 0; i < size; i++)
        PY_PUSHV(items[i]);
    pyval t = pytuple_new(size);
    for (int64_t i = size - 1; i >= 0; i--)
        PY_POPV(items[i]);
    memcpy(pytuple_items_real(t), items, (size_t)size * sizeof(pyval));
    return t;
}

void pytuple_setup(void)
{
    PyObj *o =
        pyrt_new_immortal(sizeof(struct pytuple_s), PYL_TUPLE, pytype_tuple);
    pytuple_empty = pyval_from_obj(o);
}

/* ------------------------------------------------------------ slots */

PyType *pytype_tuple_iterator;

static pyval tuple_repr(pyval self)
{
    int64_t n = pytuple_size(self);
    if (n == 0)
        return pystr_from_cstr("()");
    int g = pyreprguard_enter(self);
    if (g != 0)
        return g > 0 ? pystr_from_cstr("(...)") : 0;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    pyval acc = pystr_from_cstr("(");
    PY_PUSHV(acc);
    pyval *slot = (pyval *)saved; /* [self, acc] */
    for (int64_t i = 0; i < n; i++) {
        pyval r = pyobj_repr(pytuple_get(slot[0], i));
        if (r == 0)
            goto fail;
        if (i > 0) {
            PY_PUSHV(r);
            pyval comma = pystr_from_cstr(", ");
            slot[1] = pystr_concat(slot[1], comma);
            PY_POPV(r);
        }
        slot[1] = pystr_concat(slot[1], r);
    }
    pyval close = pystr_from_cstr(n == 1 ? ",)" : ")");
    slot[1] = pystr_concat(slot[1], close);
    pyval result = slot[1];
    self = slot[0]; /* it may have moved */
    pyrt_tl.shadowstack = saved;
    pyreprguard_leave(self);
    return result;
fail:
    self = slot[0];
    pyrt_tl.shadowstack = saved;
    pyreprguard_leave(self);
    return 0;
}

static int64_t tuple_len(pyval self)
{
    return pytuple_size(self);
}

static int tuple_hash(pyval self, int64_t *out)
{
    uint64_t acc = pyhash_tuple_start();
    int64_t n = pytuple_size(self);
    PY_PUSHV(self);
    for (int64_t i = 0; i < n; i++) {
        int64_t h;
        if (pyobj_hash(pytuple_get((pyval)pyrt_tl.shadowstack[-1].ss, i), &h) <
            0) {
            PY_DROP();
            return -1;
        }
        acc = pyhash_tuple_add(acc, h);
    }
    PY_DROP();
    *out = pyhash_tuple_finish(acc, (size_t)n);
    return 0;
}

static pyval tuple_getitem(pyval self, pyval key)
{
    if (!pyint_check(key)) {
        pyval k = pyval_type(key)->slots->index ? pynum_index(key) : 0;
        if (k == 0)
            return pyerr_format(pyexc_TypeError,
                                "tuple indices must be integers or slices, "
                                "not %T",
                                key);
        key = k;
    }
    int64_t i;
    if (pyint_as_int64(key, &i) < 0) {
        pyerr_clear();
        return pyerr_format(pyexc_IndexError,
                            "cannot fit 'int' into an index-sized integer");
    }
    int64_t n = pytuple_size(self);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return pyerr_format(pyexc_IndexError, "tuple index out of range");
    return pytuple_get(self, i);
}

static int tuple_contains(pyval self, pyval item)
{
    int64_t n = pytuple_size(self);
    for (int64_t i = 0; i < n; i++) {
        PY_PUSHV(self);
        PY_PUSHV(item);
        int eq = pyobj_eq(pytuple_get(self, i), item);
        PY_POPV(item);
        PY_POPV(self);
        if (eq != 0)
            return eq;
    }
    return 0;
}

/* lexicographic, like CPython: the first differing pair decides */
static pyval tuple_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if (!pyval_is_obj(b) || pyval_obj(b)->layout != PYL_TUPLE)
        return py_NotImplemented;
    int64_t na = pytuple_size(a), nb = pytuple_size(b), i;
    for (i = 0; i < na && i < nb; i++) {
        PY_PUSHV(a);
        PY_PUSHV(b);
        int eq = pyobj_eq(pytuple_get(a, i), pytuple_get(b, i));
        PY_POPV(b);
        PY_POPV(a);
        if (eq < 0)
            return 0;
        if (!eq)
            break;
    }
    if (i >= na || i >= nb)
        return pybool(pycmp_result(na < nb ? -1 : na > nb, op));
    if (op == PYCMP_EQ)
        return py_False;
    if (op == PYCMP_NE)
        return py_True;
    return pyobj_richcompare(pytuple_get(a, i), pytuple_get(b, i), op);
}

static pyval tuple_concat(pyval a, pyval b)
{
    if (!pyval_is_obj(a) || pyval_obj(a)->layout != PYL_TUPLE ||
        !pyval_is_obj(b) || pyval_obj(b)->layout != PYL_TUPLE)
        return py_NotImplemented;
    int64_t na = pytuple_size(a), nb = pytuple_size(b);
    PY_PUSHV(a);
    PY_PUSHV(b);
    pyval t = pytuple_new(na + nb);
    PY_POPV(b);
    PY_POPV(a);
    for (int64_t i = 0; i < na; i++)
        pytuple_init_item(t, i, pytuple_get(a, i));
    for (int64_t i = 0; i < nb; i++)
        pytuple_init_item(t, na + i, pytuple_get(b, i));
    return t;
}

static pyval tuple_iter(pyval self)
{
    PY_PUSHV(self);
    PyTupleIter *it = (PyTupleIter *)pyobj_alloc(
        sizeof(struct pytupleiter_s), PYL_ITER, pytype_tuple_iterator);
    PY_POPV(self);
    it->seq = self;
    it->index = 0;
    return pyval_from_obj((PyObj *)it);
}

static pyval tupleiter_next(pyval self)
{
    PyTupleIter *it = (PyTupleIter *)pyval_obj(self);
    pyobj_read((PyObj *)it);
    if (it->seq == 0 || it->index >= pytuple_size(it->seq)) {
        if (it->seq != 0) {
            pyobj_write((PyObj *)it);
            it->seq = 0;
        }
        return 0;
    }
    pyval v = pytuple_get(it->seq, it->index);
    pyobj_write((PyObj *)it);
    it->index++;
    return v;
}

static pyval iter_self(pyval self)
{
    return self;
}

static pyval tuple_new_(PyType *type, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0)
        return pyerr_format(pyexc_TypeError,
                            "tuple() takes no keyword arguments");
    if (nargs == 0)
        return pytuple_empty;
    if (nargs > 1)
        return pyerr_format(pyexc_TypeError,
                            "tuple expected at most 1 argument, got %d",
                            (int)nargs);
    /* tuple(t) is t itself only for a plain tuple */
    if (pyval_is_obj(args[0]) && pyval_type(args[0]) == pytype_tuple)
        return args[0];
    pyval l = pylist_from_iterable(args[0]);
    return l == 0 ? 0 : pylist_as_tuple(l);
}

const struct pytype_slots pytuple_slots = {
    .repr = tuple_repr,
    .hash = tuple_hash,
    .len = tuple_len,
    .getitem = tuple_getitem,
    .contains = tuple_contains,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .binop = {[PYOP_ADD] = tuple_concat, [PYOP_MUL] = pytuple_repeat},
    .new_ = tuple_new_,
    .methods = pytuple_methods,
};

static const struct pytype_slots tupleiter_slots = {
    .iter = iter_self,
    .iternext = tupleiter_next,
};

void pytuple_setup_types(void)
{
    pytype_tuple = pytype_new_builtin("tuple", &pytuple_slots, PYL_TUPLE, NULL,
                                      PYTYPE_BASETYPE | PYTYPE_TUPLE_SUB);
    pytype_tuple_iterator = pytype_new_builtin(
        "tuple_iterator", &tupleiter_slots, PYL_ITER, NULL, 0);
}
