/* iterobject.c -- the lazy iterators of the builtins: enumerate, zip,
 * map, filter, reversed, iter(callable, sentinel) and the iterator of
 * the old sequence protocol (__getitem__ only).  Each is a
 * PYL_VALUES-like object: a small fixed header of counters and a few
 * values (the iterators it draws from), all traced.
 */
#include "iterobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "classobject.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <string.h>

PyType *pytype_enumerate, *pytype_zip, *pytype_map, *pytype_filter,
    *pytype_reversed, *pytype_callable_iterator, *pytype_seq_iterator;

size_t pyiterobj_gc_size(struct pyobj_s *o)
{
    struct pyiterobj_s *it = (struct pyiterobj_s *)o;
    return sizeof(struct pyiterobj_s) + (size_t)it->nvals * sizeof(pyval);
}

void pyiterobj_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyiterobj_s *it = (struct pyiterobj_s *)o;
    for (int64_t i = 0; i < it->nvals; i++)
        pyval_visit(&it->val[i], visit);
}

#define SS(i) ((pyval)saved[i].ss)

/* an iterator object of 'type' holding the n values at vals (rooted by
   the caller, e.g. on the shadow stack) */
static pyval make(PyType *type, int64_t n, pyval *vals, int64_t counter)
{
    PyIterObj *it = (PyIterObj *)pyobj_alloc(sizeof(struct pyiterobj_s) +
                                                 (size_t)n * sizeof(pyval),
                                             PYL_ITEROBJ, type);
    it->nvals = n;
    it->counter = counter;
    for (int64_t i = 0; i < n; i++)
        it->val[i] = vals[i];
    return pyval_from_obj((PyObj *)it);
}

static PyIterObj *iterobj(pyval v)
{
    return (PyIterObj *)pyval_obj(v);
}

static pyval iter_self(pyval self)
{
    return self;
}

static int64_t nkw(PyObj *kwnames)
{
    return kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
}

/* ------------------------------------------------------------ enumerate */

static pyval enumerate_new(PyType *type, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    pyval start = nargs > 1 ? args[1] : 0;
    for (int64_t i = 0; i < nkw(kwnames); i++) {
        pyval k = pytuple_get(pyval_from_obj(kwnames), i);
        if (strcmp(pystr_utf8(k), "start") == 0 && start == 0) {
            start = args[nargs + (size_t)i];
        } else {
            return pyerr_format(pyexc_TypeError,
                                "'%U' is an invalid keyword argument for "
                                "enumerate()",
                                k);
        }
    }
    if (nargs < 1)
        return pyerr_format(pyexc_TypeError,
                            "enumerate() missing required argument 'iterable' "
                            "(pos 1)");
    if (nargs > 2)
        return pyerr_format(pyexc_TypeError,
                            "enumerate() takes at most 2 arguments (%d given)",
                            (int)nargs);
    int64_t from = 0;
    if (start != 0) {
        if (!pyint_check(start))
            return pyerr_format(pyexc_TypeError,
                                "'%T' object cannot be interpreted as an "
                                "integer",
                                start);
        if (pyint_as_int64(start, &from) < 0)
            return 0;
    }
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    pyval it = pyobj_iter(args[0]);
    if (it == 0)
        return 0;
    PY_PUSHV(it);
    pyval r = make(type, 1, (pyval *)saved, from);
    pyrt_tl.shadowstack = saved;
    return r;
}

static pyval enumerate_next(pyval self)
{
    PY_PUSHV(self);
    pyval x = pyiter_next(iterobj(self)->val[0]);
    PY_POPV(self);
    if (x == 0)
        return 0;
    PyIterObj *it = iterobj(self);
    pyobj_write((PyObj *)it);
    int64_t n = it->counter++;
    PY_PUSHV(x);
    pyval i = pyint_from_int64(n);
    PY_POPV(x);
    return pytuple_pack(2, i, x);
}

/* ------------------------------------------------------------ zip */

static pyval zip_new(PyType *type, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    bool strict = false;
    for (int64_t i = 0; i < nkw(kwnames); i++) {
        pyval k = pytuple_get(pyval_from_obj(kwnames), i);
        if (strcmp(pystr_utf8(k), "strict") != 0)
            return pyerr_format(pyexc_TypeError,
                                "zip() got an unexpected keyword argument "
                                "'%U'",
                                k);
        int t = pyobj_truth(args[nargs + (size_t)i]);
        if (t < 0)
            return 0;
        strict = t;
    }
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    for (size_t i = 0; i < nargs; i++) {
        pyval it = pyobj_iter(args[i]);
        if (it == 0) {
            /* CPython 3.11 passes iter()'s error on as it is */
            pyrt_tl.shadowstack = saved;
            return 0;
        }
        PY_PUSHV(it);
    }
    pyval r = make(type, (int64_t)nargs, (pyval *)saved, strict);
    pyrt_tl.shadowstack = saved;
    return r;
}

static pyval zip_next(pyval self)
{
    int64_t n = iterobj(self)->nvals;
    if (n == 0)
        return 0;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    for (int64_t i = 0; i < n; i++) {
        pyval x = pyiter_next(iterobj(SS(0))->val[i]);
        if (x == 0) {
            pyval me = SS(0);
            pyrt_tl.shadowstack = saved;
            if (pyerr_occurred() || !iterobj(me)->counter)
                return 0;
            /* strict: every iterator must end here */
            if (i > 0)
                return pyerr_format(pyexc_ValueError,
                                    "zip() argument %d is shorter than "
                                    "argument%s%d",
                                    (int)i + 1, i == 1 ? " " : "s 1-", (int)i);
            for (int64_t k = 1; k < n; k++) {
                PY_PUSHV(me);
                pyval y = pyiter_next(iterobj(me)->val[k]);
                PY_POPV(me);
                if (y != 0)
                    return pyerr_format(pyexc_ValueError,
                                        "zip() argument %d is longer than "
                                        "argument%s%d",
                                        (int)k + 1, k == 1 ? " " : "s 1-",
                                        (int)k);
                if (pyerr_occurred())
                    return 0;
            }
            return 0;
        }
        PY_PUSHV(x);
    }
    pyval t = pytuple_new(n);
    if (t != 0) {
        for (int64_t i = 0; i < n; i++)
            pytuple_init_item(t, i, SS(1 + i));
    }
    pyrt_tl.shadowstack = saved;
    return t;
}

/* ------------------------------------------------------------ map */

static pyval map_new(PyType *type, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pyarg_no_keywords("map", kwnames) < 0)
        return 0;
    if (nargs < 2)
        return pyerr_format(pyexc_TypeError,
                            "map() must have at least two arguments.");
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(args[0]);
    for (size_t i = 1; i < nargs; i++) {
        pyval it = pyobj_iter(args[i]);
        if (it == 0) {
            pyrt_tl.shadowstack = saved;
            return 0;
        }
        PY_PUSHV(it);
    }
    pyval r = make(type, (int64_t)nargs, (pyval *)saved, 0);
    pyrt_tl.shadowstack = saved;
    return r;
}

static pyval map_next(pyval self)
{
    int64_t n = iterobj(self)->nvals;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    for (int64_t i = 1; i < n; i++) {
        pyval x = pyiter_next(iterobj(SS(0))->val[i]);
        if (x == 0) {
            pyrt_tl.shadowstack = saved;
            return 0;
        }
        PY_PUSHV(x);
    }
    pyval r = pyobj_call(iterobj(SS(0))->val[0], (pyval *)saved + 1,
                         (size_t)n - 1, NULL);
    pyrt_tl.shadowstack = saved;
    return r;
}

/* ------------------------------------------------------------ filter */

static pyval filter_new(PyType *type, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("filter", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "filter expected 2 arguments, got %d", (int)nargs);
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(args[0]);
    pyval it = pyobj_iter(args[1]);
    if (it == 0) {
        pyrt_tl.shadowstack = saved;
        return 0;
    }
    PY_PUSHV(it);
    pyval r = make(type, 2, (pyval *)saved, 0);
    pyrt_tl.shadowstack = saved;
    return r;
}

static pyval filter_next(pyval self)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    for (;;) {
        pyval x = pyiter_next(iterobj(SS(0))->val[1]);
        if (x == 0)
            break;
        PY_PUSHV(x);
        pyval fn = iterobj(SS(0))->val[0];
        pyval keep =
            fn == py_None ? x : pyobj_call(fn, (pyval *)saved + 1, 1, NULL);
        if (keep == 0)
            break;
        int t = pyobj_truth(keep);
        x = SS(1);
        pyrt_tl.shadowstack = saved + 1;
        if (t < 0)
            break;
        if (t) {
            pyrt_tl.shadowstack = saved;
            return x;
        }
    }
    pyrt_tl.shadowstack = saved;
    return 0;
}

/* ------------------------------------------------------------ reversed */

static pyval reversed_new(PyType *type, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("reversed", kwnames) < 0 ||
        pyarg_count("reversed", nargs, 1, 1) < 0)
        return 0;
    bool found;
    pyval r = pyobj_call_dunder(args[0], "__reversed__", NULL, 0, &found);
    if (found || pyerr_occurred())
        return r;
    const struct pytype_slots *s = pyval_type(args[0])->slots;
    if (s->len == NULL || s->getitem == NULL ||
        pyval_obj(args[0])->layout == PYL_DICT)
        return pyerr_format(pyexc_TypeError, "'%T' object is not reversible",
                            args[0]);
    int64_t n = pyobj_len(args[0]);
    if (n < 0)
        return 0;
    PY_PUSHV(args[0]);
    r = make(type, 1, (pyval *)pyrt_tl.shadowstack - 1, n);
    PY_DROP();
    return r;
}

static pyval reversed_next(pyval self)
{
    PyIterObj *it = iterobj(self);
    if (it->counter <= 0)
        return 0;
    pyobj_write((PyObj *)it);
    int64_t i = --it->counter;
    PY_PUSHV(self);
    pyval r = pyobj_getitem(it->val[0], pyval_from_int(i));
    PY_POPV(self);
    if (r == 0 && (pyerr_matches(pyexc_IndexError) ||
                   pyerr_matches(pyexc_StopIteration))) {
        pyerr_clear();
        it = iterobj(self);
        pyobj_write((PyObj *)it);
        it->counter = 0;
    }
    return r;
}

/* ------------------------------------------------------------ iter(f, s) */

pyval pyiter_callable(pyval callable, pyval sentinel)
{
    PY_PUSHV(callable);
    PY_PUSHV(sentinel);
    pyval r =
        make(pytype_callable_iterator, 2, (pyval *)pyrt_tl.shadowstack - 2, 0);
    pyrt_tl.shadowstack -= 2;
    return r;
}

static pyval callable_iter_next(pyval self)
{
    PyIterObj *it = iterobj(self);
    if (it->counter)
        return 0;
    PY_PUSHV(self);
    pyval v = pyobj_call(it->val[0], NULL, 0, NULL);
    PY_POPV(self);
    if (v == 0) {
        if (pyerr_matches(pyexc_StopIteration))
            pyerr_clear();
        return 0;
    }
    PY_PUSHV(self);
    PY_PUSHV(v);
    int eq = pyobj_eq(v, iterobj(self)->val[1]);
    PY_POPV(v);
    PY_POPV(self);
    if (eq < 0)
        return 0;
    if (eq) {
        it = iterobj(self);
        pyobj_write((PyObj *)it);
        it->counter = 1;
        return 0;
    }
    return v;
}

/* ------------------------------------------------------------ iter(seq) */

/* counter: the next index, -1 once exhausted (then the sequence is never
   asked again, as CPython drops it) */
pyval pyiter_seq(pyval seq)
{
    PY_PUSHV(seq);
    pyval r = make(pytype_seq_iterator, 1, (pyval *)pyrt_tl.shadowstack - 1, 0);
    PY_DROP();
    return r;
}

static pyval seq_iter_next(pyval self)
{
    PyIterObj *it = iterobj(self);
    if (it->counter < 0)
        return 0;
    PY_PUSHV(self);
    pyval r = pyobj_getitem(it->val[0], pyval_from_int(it->counter));
    PY_POPV(self);
    it = iterobj(self);
    pyobj_write((PyObj *)it);
    if (r != 0) {
        it->counter++;
        return r;
    }
    if (pyerr_matches(pyexc_IndexError) || pyerr_matches(pyexc_StopIteration))
        pyerr_clear();
    it->counter = -1;
    it->val[0] = py_None;
    return 0;
}

static const struct pytype_slots enumerate_slots = {
    .new_ = enumerate_new, .iter = iter_self, .iternext = enumerate_next};
static const struct pytype_slots zip_slots = {
    .new_ = zip_new, .iter = iter_self, .iternext = zip_next};
static const struct pytype_slots map_slots = {
    .new_ = map_new, .iter = iter_self, .iternext = map_next};
static const struct pytype_slots filter_slots = {
    .new_ = filter_new, .iter = iter_self, .iternext = filter_next};
static const struct pytype_slots reversed_slots = {
    .new_ = reversed_new, .iter = iter_self, .iternext = reversed_next};
static const struct pytype_slots callable_iter_slots = {
    .iter = iter_self, .iternext = callable_iter_next};
static const struct pytype_slots seq_iter_slots = {.iter = iter_self,
                                                   .iternext = seq_iter_next};

void pyiterobj_setup_types(void)
{
    pytype_enumerate = pytype_new_builtin("enumerate", &enumerate_slots,
                                          PYL_ITEROBJ, NULL, PYTYPE_BASETYPE);
    pytype_zip = pytype_new_builtin("zip", &zip_slots, PYL_ITEROBJ, NULL,
                                    PYTYPE_BASETYPE);
    pytype_map = pytype_new_builtin("map", &map_slots, PYL_ITEROBJ, NULL,
                                    PYTYPE_BASETYPE);
    pytype_filter = pytype_new_builtin("filter", &filter_slots, PYL_ITEROBJ,
                                       NULL, PYTYPE_BASETYPE);
    pytype_reversed = pytype_new_builtin("reversed", &reversed_slots,
                                         PYL_ITEROBJ, NULL, PYTYPE_BASETYPE);
    pytype_callable_iterator = pytype_new_builtin(
        "callable_iterator", &callable_iter_slots, PYL_ITEROBJ, NULL, 0);
    pytype_seq_iterator =
        pytype_new_builtin("iterator", &seq_iter_slots, PYL_ITEROBJ, NULL, 0);
}
