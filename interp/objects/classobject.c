/* classobject.c -- class statements: __build_class__, type(name, bases,
 * dict) with CPython's C3 MRO, instances and their attributes, and the
 * generic slots through which Python-level dunders (__add__, __len__,
 * __eq__, ...) serve the C protocols; also property, staticmethod,
 * classmethod and super.
 *
 * Every pyval held across a call that may allocate or run Python code
 * sits on the shadow stack: the slot functions copy their operands
 * there first and read them back from it.
 */
#include "classobject.h"

#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../vm/vm.h"
#include "abstract.h"
#include "dictobject.h"
#include "builtinsub.h"
#include "oserror.h"
#include "exceptionobject.h"
#include "attrcache.h"
#include "slotsdescr.h"
#include "funcobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_super;

void pydescr_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pydescr_s *d = (struct pydescr_s *)o;
    pyval_visit(&d->get, visit);
    pyval_visit(&d->set, visit);
    pyval_visit(&d->del, visit);
    pyval_visit(&d->doc, visit);
    pyval_visit(&d->name, visit);
}

static pyval intern(const char *name)
{
    return pystr_name(name);
}

#define SS(i) ((pyval)saved[i].ss)

/* ------------------------------------------------------------ calling dunders
 */

/* type(v).name(v, *args): the value, or 0 with *found false and no
   exception when the type has no such attribute */
pyval pyobj_call_dunder(pyval v, const char *name, const pyval *args,
                        size_t nargs, bool *found)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(v);
    for (size_t i = 0; i < nargs; i++)
        PY_PUSHV(args[i]);
    pyval key = intern(name);
    pyval meth = key ? pytype_lookup(pyval_type(SS(0)), key) : 0;
    *found = meth != 0;
    if (meth == 0) {
        pyrt_tl.shadowstack = saved;
        return 0;
    }
    pyval r;
    if (pyval_is_obj(meth) && pyval_obj(meth)->layout == PYL_FUNCTION) {
        /* a plain function: called with self first */
        r = pyobj_call(meth, (pyval *)saved, nargs + 1, NULL);
    } else {
        pyval (*get)(pyval, pyval, pyval) = pyval_type(meth)->slots->descr_get;
        pyval bound = meth;
        if (get != NULL) {
            bound =
                get(meth, SS(0), pyval_from_obj((PyObj *)pyval_type(SS(0))));
            if (bound == 0) {
                pyrt_tl.shadowstack = saved;
                return 0;
            }
        }
        r = pyobj_call(bound, (pyval *)saved + 1, nargs, NULL);
    }
    pyrt_tl.shadowstack = saved;
    return r;
}

/* ------------------------------------------------------------ attributes */

pyval pyobj_instance_dict(pyval v, bool create)
{
    if (!pyval_is_obj(v))
        return 0;
    PyObj *o = pyval_obj(v);
    TLPREFIX pyval *slot;
    if (o->layout == PYL_INSTANCE) {
        pyobj_read(o);
        PyInstance *inst = (PyInstance *)o;
        /* an instance in map mode has no dict until one is asked for */
        if (inst->map != 0 && !create &&
            ((PyMap *)pyval_obj(inst->map))->nattrs == 0)
            return 0;
        return pyinstance_dict(v);
    } else if (o->layout == PYL_EXCEPTION)
        slot = &((TLPREFIX struct pyexc_s *)o)->dict;
    else if (o->layout == PYL_FUNCTION)
        slot = &((PyFunc *)o)->dict;
    else if (o->flags & PYOBJ_HAS_ATTRS)
        slot = pyobj_attrs_word(o);
    else
        return 0;
    pyobj_read(o);
    if (*slot != 0 || !create)
        return *slot;
    size_t offset = (size_t)((stm_char *)slot - (stm_char *)o);
    PY_PUSHV(v);
    pyval d = pydict_new();
    PY_POPV(v);
    if (d == 0)
        return 0;
    o = pyval_obj(v);
    pyobj_write(o);
    *(TLPREFIX pyval *)((stm_char *)o + offset) = d;
    return d;
}

static pyval object_get_class(pyval self)
{
    return pyval_from_obj((PyObj *)pyval_type(self));
}

/* obj.__class__ = C: between classes whose instances have the same
   layout */
static int object_set_class(pyval self, pyval value)
{
    if (value == 0) {
        pyerr_format(pyexc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!pyval_is_obj(value) || pyval_obj(value)->layout != PYL_TYPE) {
        pyerr_format(pyexc_TypeError,
                     "__class__ must be set to a class, not '%T' object",
                     value);
        return -1;
    }
    PyType *from = pyval_type(self), *to = (PyType *)pyval_obj(value);
    if (!pyval_is_obj(self) || !(from->tflags & PYTYPE_HEAPTYPE) ||
        !(to->tflags & PYTYPE_HEAPTYPE)) {
        pyerr_format(pyexc_TypeError,
                     "__class__ assignment only supported for mutable types "
                     "or ModuleType subclasses");
        return -1;
    }
    if (from->instance_layout != to->instance_layout ||
        pyclass_builtin_base(from) != pyclass_builtin_base(to)) {
        pyerr_format(pyexc_TypeError,
                     "__class__ assignment: '%s' object layout differs from "
                     "'%s'",
                     pytype_name(to), pytype_name(from));
        return -1;
    }
    PyObj *o = pyval_obj(self);
    pyobj_write(o);
    o->type = to;
    return 0;
}

static pyval object_get_dict(pyval self)
{
    if (!pyval_is_obj(self) || (pyval_type(self)->tflags & PYTYPE_NO_DICT))
        return 0;
    return pyobj_instance_dict(self, true);
}

static int object_set_dict(pyval self, pyval value)
{
    if (value == 0 || !pydict_check(value)) {
        if (value == 0)
            pyerr_format(pyexc_TypeError, "cannot delete __dict__");
        else
            pyerr_format(pyexc_TypeError,
                         "__dict__ must be set to a dictionary, not a '%T'",
                         value);
        return -1;
    }
    PY_PUSHV(value);
    pyval dict = object_get_dict(self);
    PY_POPV(value);
    if (dict == 0) {
        if (!pyerr_occurred())
            pyerr_format(pyexc_AttributeError,
                         "'%T' object has no attribute '__dict__'", self);
        return -1;
    }
    PyObj *o = pyval_obj(self);
    TLPREFIX pyval *slot; /* declared first: GCC's __seg_gs wants that */
    if (o->layout == PYL_INSTANCE) {
        pyinstance_set_dict(self, value);
        return 0;
    }
    slot = o->layout == PYL_EXCEPTION ? &((PyExc *)o)->dict
                                      : pyobj_attrs_word(o);
    pyobj_write(o);
    *slot = value;
    return 0;
}

const struct pygetset_def pyobject_getset[] = {
    {"__class__", object_get_class, object_set_class},
    {"__dict__", object_get_dict, object_set_dict},
    {NULL, NULL, NULL},
};

static bool is_data_descriptor(pyval d)
{
    return pyval_is_obj(d) && pyval_type(d)->slots->descr_set != NULL;
}

/* Where instances of a class keep an attribute: the entry number in
   their dicts, which is the same for instances whose attributes were
   set in the same order (per thread; keyed by type version and name;
   only a hint, checked by the dict). */
#define ATTR_HINTS 2048

struct attr_hint {
    uint64_t version;
    pyval name;
    int64_t index;
};
static __thread struct attr_hint attr_hints[ATTR_HINTS];

static int64_t *attr_hint(PyType *t, pyval name)
{
    struct attr_hint *h =
        &attr_hints[(t->version * 0x9E3779B1u ^ (name >> 4)) &
                    (ATTR_HINTS - 1)];
    if (h->version != t->version || h->name != name) {
        h->version = t->version;
        h->name = name;
        h->index = -1;
    }
    return &h->index;
}

pyval pyobj_getattr_with_dict(pyval v, pyval name)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(v);
    PY_PUSHV(name);
    pyval descr = pytype_lookup(pyval_type(v), name);
    PY_PUSHV(descr);
    pyval r = 0;
    if (descr != 0 && is_data_descriptor(descr)) {
        r = pyval_type(descr)->slots->descr_get(
            descr, SS(0), pyval_from_obj((PyObj *)pyval_type(SS(0))));
        goto done;
    }
    if (pyattr_map_instance(SS(0)) != NULL) {
        r = pyinstance_get(SS(0), SS(1));
        if (r != 0)
            goto done;
    } else {
        pyval dict = pyobj_instance_dict(SS(0), false);
        if (dict != 0) {
            r = pydict_get_str_hinted(dict, SS(1),
                                      attr_hint(pyval_type(SS(0)), SS(1)));
            if (r != 0 || pyerr_occurred())
                goto done;
        }
    }
    descr = SS(2);
    if (descr != 0) {
        pyval (*get)(pyval, pyval, pyval) = pyval_type(descr)->slots->descr_get;
        r = get ? get(descr, SS(0), pyval_from_obj((PyObj *)pyval_type(SS(0))))
                : descr;
    }
done:
    pyrt_tl.shadowstack = saved;
    return r;
}

int pyobj_setattr_with_dict(pyval v, pyval name, pyval value)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(v);
    PY_PUSHV(name);
    PY_PUSHV(value);
    pyval descr = pytype_lookup(pyval_type(v), name);
    int r;
    if (descr != 0 && is_data_descriptor(descr)) {
        r = pyval_type(descr)->slots->descr_set(descr, SS(0), SS(2));
        pyrt_tl.shadowstack = saved;
        return r;
    }
    if (!(pyval_type(SS(0))->tflags & PYTYPE_NO_DICT) && pyattr_map_instance(SS(0)) != NULL) {
        if (SS(2) == 0 && pyinstance_get(SS(0), SS(1)) == 0) {
            pyerr_format(pyexc_AttributeError,
                         "'%T' object has no attribute '%U'", SS(0), SS(1));
            pyrt_tl.shadowstack = saved;
            return -1;
        }
        r = pyinstance_set(SS(0), SS(1), SS(2));
        if (r <= 0) {
            pyrt_tl.shadowstack = saved;
            return r;
        }
        /* now in dict mode: the dict does it */
    }
    pyval dict = (pyval_type(SS(0))->tflags & PYTYPE_NO_DICT)
                     ? 0
                     : pyobj_instance_dict(SS(0), SS(2) != 0);
    if (dict == 0) {
        pyrt_tl.shadowstack = saved;
        if (pyerr_occurred())
            return -1;
        pyerr_format(pyexc_AttributeError, "'%T' object has no attribute '%U'",
                     v, name);
        return -1;
    }
    if (SS(2) != 0) {
        r = pydict_set_str_hinted(dict, SS(1), SS(2),
                                  attr_hint(pyval_type(SS(0)), SS(1)));
    } else {
        r = pydict_del(dict, SS(1));
        if (r < 0 && pyerr_matches(pyexc_KeyError)) {
            pyerr_clear();
            pyerr_format(pyexc_AttributeError,
                         "'%T' object has no attribute '%U'", SS(0), SS(1));
        }
    }
    pyrt_tl.shadowstack = saved;
    return r;
}

/* ------------------------------------------------------------ generic slots */

static pyval slot_repr(pyval self)
{
    bool found;
    pyval r = pyobj_call_dunder(self, "__repr__", NULL, 0, &found);
    if (r != 0 && !(pyval_is_obj(r) && pyval_obj(r)->layout == PYL_STR))
        return pyerr_format(pyexc_TypeError,
                            "__repr__ returned non-string (type %T)", r);
    return r;
}

static pyval slot_str(pyval self)
{
    bool found;
    pyval r = pyobj_call_dunder(self, "__str__", NULL, 0, &found);
    if (!found && r == 0 && !pyerr_occurred())
        return slot_repr(self);
    if (r != 0 && !(pyval_is_obj(r) && pyval_obj(r)->layout == PYL_STR))
        return pyerr_format(pyexc_TypeError,
                            "__str__ returned non-string (type %T)", r);
    return r;
}

static int slot_hash(pyval self, int64_t *out)
{
    /* __hash__ = None (also set for classes defining only __eq__) */
    PY_PUSHV(self);
    pyval key = intern("__hash__");
    pyval hook = key ? pytype_lookup(pyval_type(self), key) : 0;
    PY_POPV(self);
    if (hook == py_None) {
        pyerr_format(pyexc_TypeError, "unhashable type: '%T'", self);
        return -1;
    }
    bool found;
    pyval r = pyobj_call_dunder(self, "__hash__", NULL, 0, &found);
    if (r == 0)
        return -1;
    if (!pyval_is_int(r)) {
        pyerr_format(pyexc_TypeError,
                     "__hash__ method should return an integer");
        return -1;
    }
    *out = pyval_int(r) == -1 ? -2 : pyval_int(r);
    return 0;
}

static const char *const cmp_names[6] = {"__lt__", "__le__", "__eq__",
                                         "__ne__", "__gt__", "__ge__"};

static pyval slot_richcompare(pyval a, pyval b, enum pycmpop op)
{
    bool found;
    PY_PUSHV(a);
    PY_PUSHV(b);
    pyval r = pyobj_call_dunder(a, cmp_names[op], &b, 1, &found);
    /* the lookup may have allocated: a and b moved */
    PY_POPV(b);
    PY_POPV(a);
    if (!found && !pyerr_occurred()) {
        /* != defaults to the inverse of == */
        if (op == PYCMP_NE) {
            r = pyobj_call_dunder(a, "__eq__", &b, 1, &found);
            if (found && r != 0 && r != py_NotImplemented) {
                int t = pyobj_truth(r);
                return t < 0 ? 0 : pybool(!t);
            }
            if (found)
                return r;
        }
        return py_NotImplemented;
    }
    return r;
}

static int slot_truth(pyval self)
{
    bool found;
    pyval r = pyobj_call_dunder(self, "__bool__", NULL, 0, &found);
    if (found) {
        if (r == 0)
            return -1;
        if (r != py_True && r != py_False) {
            pyerr_format(pyexc_TypeError,
                         "__bool__ should return bool, returned %T", r);
            return -1;
        }
        return r == py_True;
    }
    if (pyerr_occurred())
        return -1;
    r = pyobj_call_dunder(self, "__len__", NULL, 0, &found);
    if (!found)
        return pyerr_occurred() ? -1 : 1;
    if (r == 0)
        return -1;
    return pyobj_truth(r);
}

static int64_t slot_len(pyval self)
{
    bool found;
    pyval r = pyobj_call_dunder(self, "__len__", NULL, 0, &found);
    if (r == 0)
        return -1;
    if (!pyval_is_int(r)) {
        pyerr_format(pyexc_TypeError,
                     "'%T' object cannot be interpreted as an integer", r);
        return -1;
    }
    if (pyval_int(r) < 0) {
        pyerr_format(pyexc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return pyval_int(r);
}

static pyval slot_call(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    size_t nkw = kwnames ? (size_t)pytuple_size(pyval_from_obj(kwnames)) : 0;
    PY_PUSHV(pyval_from_obj(kwnames));
    PY_PUSHV(self);
    for (size_t i = 0; i < nargs + nkw; i++)
        PY_PUSHV(args[i]);
    pyval key = intern("__call__");
    pyval meth = key ? pytype_lookup(pyval_type(SS(1)), key) : 0;
    pyval r;
    if (meth == 0) {
        r = pyerr_occurred()
                ? 0
                : pyerr_format(pyexc_TypeError, "'%T' object is not callable",
                               SS(1));
    } else if (pyval_obj(meth)->layout == PYL_FUNCTION) {
        r = pyobj_call(meth, (pyval *)saved + 1, nargs + 1,
                       (PyObj *)pyval_obj(SS(0)));
    } else {
        r = pyobj_call(meth, (pyval *)saved + 2, nargs,
                       (PyObj *)pyval_obj(SS(0)));
    }
    pyrt_tl.shadowstack = saved;
    return r;
}

static pyval slot_iter(pyval self)
{
    PY_PUSHV(self);
    pyval key = intern("__iter__");
    PY_POPV(self);
    if (key == 0)
        return 0;
    /* __iter__ = None declares the class not iterable */
    if (pytype_lookup(pyval_type(self), key) == py_None)
        return pyerr_format(pyexc_TypeError, "'%T' object is not iterable",
                            self);
    bool found;
    return pyobj_call_dunder(self, "__iter__", NULL, 0, &found);
}

static pyval slot_iternext(pyval self)
{
    bool found;
    pyval r = pyobj_call_dunder(self, "__next__", NULL, 0, &found);
    if (r == 0 && pyerr_matches(pyexc_StopIteration))
        pyerr_clear();
    return r;
}

pyval pyclass_next_keeping_stop(pyval it, bool *is_class_next)
{
    *is_class_next = pyval_type(it)->slots->iternext == slot_iternext;
    if (!*is_class_next)
        return 0;
    bool found;
    return pyobj_call_dunder(it, "__next__", NULL, 0, &found);
}

static pyval slot_getitem(pyval self, pyval key)
{
    bool found;
    return pyobj_call_dunder(self, "__getitem__", &key, 1, &found);
}

static int slot_setitem(pyval self, pyval key, pyval value)
{
    bool found;
    pyval args[2] = {key, value};
    pyval r = value ? pyobj_call_dunder(self, "__setitem__", args, 2, &found)
                    : pyobj_call_dunder(self, "__delitem__", args, 1, &found);
    if (!found && !pyerr_occurred())
        pyerr_format(pyexc_TypeError,
                     value ? "'%T' object does not support item assignment"
                           : "'%T' object doesn't support item deletion",
                     self);
    return r == 0 ? -1 : 0;
}

static int slot_contains(pyval self, pyval item)
{
    bool found;
    pyval r = pyobj_call_dunder(self, "__contains__", &item, 1, &found);
    if (!found && !pyerr_occurred()) {
        /* by iteration */
        const struct pytype_slots *s = pyval_type(self)->slots;
        (void)s;
        PY_PUSHV(item);
        PY_PUSHV(self);
        pyval it = pyobj_iter(self);
        PY_POPV(self);
        PY_POPV(item);
        if (it == 0)
            return pyobj_contains_not_iterable(self);
        for (;;) {
            PY_PUSHV(item);
            PY_PUSHV(it);
            pyval x = pyiter_next(it);
            if (x == 0) {
                pyrt_tl.shadowstack -= 2;
                return pyerr_occurred() ? -1 : 0;
            }
            int eq = pyobj_eq(x, (pyval)pyrt_tl.shadowstack[-2].ss);
            PY_POPV(it);
            PY_POPV(item);
            if (eq != 0)
                return eq;
        }
    }
    if (r == 0)
        return -1;
    return pyobj_truth(r);
}

/* binary operators: self may be either operand */
static const char *const binop_names[PYOP__COUNT][2] = {
    [PYOP_ADD] = {"__add__", "__radd__"},
    [PYOP_AND] = {"__and__", "__rand__"},
    [PYOP_FLOORDIV] = {"__floordiv__", "__rfloordiv__"},
    [PYOP_LSHIFT] = {"__lshift__", "__rlshift__"},
    [PYOP_MATMUL] = {"__matmul__", "__rmatmul__"},
    [PYOP_MUL] = {"__mul__", "__rmul__"},
    [PYOP_MOD] = {"__mod__", "__rmod__"},
    [PYOP_OR] = {"__or__", "__ror__"},
    [PYOP_POW] = {"__pow__", "__rpow__"},
    [PYOP_RSHIFT] = {"__rshift__", "__rrshift__"},
    [PYOP_SUB] = {"__sub__", "__rsub__"},
    [PYOP_TRUEDIV] = {"__truediv__", "__rtruediv__"},
    [PYOP_XOR] = {"__xor__", "__rxor__"},
};

static const char *const inplace_names[PYOP__COUNT] = {
    [PYOP_ADD] = "__iadd__",           [PYOP_AND] = "__iand__",
    [PYOP_FLOORDIV] = "__ifloordiv__", [PYOP_LSHIFT] = "__ilshift__",
    [PYOP_MATMUL] = "__imatmul__",     [PYOP_MUL] = "__imul__",
    [PYOP_MOD] = "__imod__",           [PYOP_OR] = "__ior__",
    [PYOP_POW] = "__ipow__",           [PYOP_RSHIFT] = "__irshift__",
    [PYOP_SUB] = "__isub__",           [PYOP_TRUEDIV] = "__itruediv__",
    [PYOP_XOR] = "__ixor__",
};

static bool is_heap_instance(pyval v)
{
    return pyval_is_obj(v) && (pyval_type(v)->tflags & PYTYPE_HEAPTYPE);
}

static pyval binop_generic(pyval a, pyval b, enum pybinop op)
{
    bool found = false;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(a);
    PY_PUSHV(b);
    pyval r = py_NotImplemented;
    bool b_first = is_heap_instance(b) && pyval_type(a) != pyval_type(b) &&
                   pytype_is_subtype(pyval_type(b), pyval_type(a));
    if (b_first) {
        pyval arg = SS(0);
        r = pyobj_call_dunder(SS(1), binop_names[op][1], &arg, 1, &found);
        if ((r == 0 && pyerr_occurred()) || (found && r != py_NotImplemented))
            goto done;
        r = py_NotImplemented;
    }
    if (is_heap_instance(SS(0))) {
        pyval arg = SS(1);
        r = pyobj_call_dunder(SS(0), binop_names[op][0], &arg, 1, &found);
        if (r == 0 && pyerr_occurred())
            goto done;
        if (!found || r == 0)
            r = py_NotImplemented;
        if (r != py_NotImplemented)
            goto done;
    }
    if (!b_first && is_heap_instance(SS(1)) &&
        pyval_type(SS(0)) != pyval_type(SS(1))) {
        pyval arg = SS(0);
        r = pyobj_call_dunder(SS(1), binop_names[op][1], &arg, 1, &found);
        if (r == 0 && pyerr_occurred())
            goto done;
        if (!found || r == 0)
            r = py_NotImplemented;
    }
done:
    pyrt_tl.shadowstack = saved;
    return r;
}

#define BINOP_SLOT(NAME, OP)            \
    static pyval NAME(pyval a, pyval b) \
    {                                   \
        return binop_generic(a, b, OP); \
    }
BINOP_SLOT(slot_add, PYOP_ADD)
BINOP_SLOT(slot_and, PYOP_AND)
BINOP_SLOT(slot_floordiv, PYOP_FLOORDIV)
BINOP_SLOT(slot_lshift, PYOP_LSHIFT)
BINOP_SLOT(slot_matmul, PYOP_MATMUL)
BINOP_SLOT(slot_mul, PYOP_MUL)
BINOP_SLOT(slot_mod, PYOP_MOD)
BINOP_SLOT(slot_or, PYOP_OR)
BINOP_SLOT(slot_pow, PYOP_POW)
BINOP_SLOT(slot_rshift, PYOP_RSHIFT)
BINOP_SLOT(slot_sub, PYOP_SUB)
BINOP_SLOT(slot_truediv, PYOP_TRUEDIV)
BINOP_SLOT(slot_xor, PYOP_XOR)

static pyval (*const binop_slots[PYOP__COUNT])(pyval, pyval) = {
    slot_add, slot_and,     slot_floordiv, slot_lshift, slot_matmul,
    slot_mul, slot_mod,     slot_or,       slot_pow,    slot_rshift,
    slot_sub, slot_truediv, slot_xor,
};

static pyval inplace_generic(pyval a, pyval b, enum pybinop op)
{
    bool found;
    pyval r = pyobj_call_dunder(a, inplace_names[op], &b, 1, &found);
    if (!found && !pyerr_occurred())
        return py_NotImplemented;
    return r;
}

#define INPLACE_SLOT(NAME, OP)            \
    static pyval NAME(pyval a, pyval b)   \
    {                                     \
        return inplace_generic(a, b, OP); \
    }
INPLACE_SLOT(islot_add, PYOP_ADD)
INPLACE_SLOT(islot_and, PYOP_AND)
INPLACE_SLOT(islot_floordiv, PYOP_FLOORDIV)
INPLACE_SLOT(islot_lshift, PYOP_LSHIFT)
INPLACE_SLOT(islot_matmul, PYOP_MATMUL)
INPLACE_SLOT(islot_mul, PYOP_MUL)
INPLACE_SLOT(islot_mod, PYOP_MOD)
INPLACE_SLOT(islot_or, PYOP_OR)
INPLACE_SLOT(islot_pow, PYOP_POW)
INPLACE_SLOT(islot_rshift, PYOP_RSHIFT)
INPLACE_SLOT(islot_sub, PYOP_SUB)
INPLACE_SLOT(islot_truediv, PYOP_TRUEDIV)
INPLACE_SLOT(islot_xor, PYOP_XOR)

static pyval (*const inplace_slots[PYOP__COUNT])(pyval, pyval) = {
    islot_add, islot_and,     islot_floordiv, islot_lshift, islot_matmul,
    islot_mul, islot_mod,     islot_or,       islot_pow,    islot_rshift,
    islot_sub, islot_truediv, islot_xor,
};

#define UNARY_SLOT(NAME, DUNDER)                                 \
    static pyval NAME(pyval self)                                \
    {                                                            \
        bool found;                                              \
        return pyobj_call_dunder(self, DUNDER, NULL, 0, &found); \
    }
UNARY_SLOT(slot_neg, "__neg__")
UNARY_SLOT(slot_pos, "__pos__")
UNARY_SLOT(slot_abs, "__abs__")
UNARY_SLOT(slot_invert, "__invert__")
UNARY_SLOT(slot_index, "__index__")
UNARY_SLOT(slot_int, "__int__")
UNARY_SLOT(slot_float, "__float__")

static pyval slot_getattr(pyval self, PyObj *name)
{
    pyval r = pyobj_getattr_with_dict(self, pyval_from_obj(name));
    if (r != 0 || pyerr_occurred())
        return r;
    bool found;
    pyval n = pyval_from_obj(name);
    r = pyobj_call_dunder(self, "__getattr__", &n, 1, &found);
    return r;
}

__thread struct pyattr_entry pyattr_load_cache[PYATTR_CACHE_SIZE];
__thread struct pyattr_entry pyattr_store_cache[PYATTR_CACHE_SIZE];
__thread struct pyattr_entry pyattr_method_cache[PYATTR_CACHE_SIZE];

/* entries only name things that no longer move */
static inline bool cacheable(PyType *t, pyval name)
{
    return t->version != 0 && (pyval_obj(name)->flags & PYOBJ_INTERNED) &&
           !stm_can_move((object_t *)name);
}

pyval pyobj_instance_attr(pyval obj, pyval name)
{
    if (!pyval_is_obj(obj))
        return 0;
    PyObj *o = pyval_obj(obj);
    if (o->layout != PYL_INSTANCE || o->type->slots->getattr != slot_getattr)
        return 0;
    pyobj_read(o);
    PyInstance *inst = (PyInstance *)o;
    if (inst->map != 0) {
        /* the VM tried the cache (pyattr_cached_load): a miss */
        PyType *t = o->type;
        uint64_t map_id = ((PyMap *)pyval_obj(inst->map))->id;
        uint64_t epoch = pytype_cache_epoch();
        int64_t i = pyinstance_index(obj, name);
        if (i < 0)
            return 0;
        uint64_t version = t->version;
        bool can_cache = cacheable(t, name);
        /* nothing on the class may take precedence (a data descriptor) */
        PY_PUSHV(obj);
        PY_PUSHV(name);
        pyval d = pytype_lookup(t, name);
        PY_POPV(name);
        PY_POPV(obj);
        if (d != 0)
            return 0;
        if (can_cache)
            pyattr_fill(pyattr_slot(pyattr_load_cache, version, map_id, name),
                        version, map_id, name, epoch, i, 0);
        o = pyval_obj(obj);
        pyobj_read(o);
        return pyinstance_value_at((PyInstance *)o, i);
    }
    pyval dict = ((PyInstance *)o)->dict;
    if (dict == 0)
        return 0;
    PY_PUSHV(obj);
    PY_PUSHV(name);
    PY_PUSHV(dict);
    /* nothing on the class may take precedence (a data descriptor) */
    pyval d = pytype_lookup(pyval_type(obj), name);
    pyval r = 0;
    if (d == 0 && !pyerr_occurred()) {
        PyType *t = pyval_type((pyval)pyrt_tl.shadowstack[-3].ss);
        pyval key = (pyval)pyrt_tl.shadowstack[-2].ss;
        r = pydict_get_str_hinted((pyval)pyrt_tl.shadowstack[-1].ss, key,
                                  attr_hint(t, key));
    }
    pyrt_tl.shadowstack -= 3;
    return r;
}

pyval pyobj_lookup_method(pyval obj, pyval name)
{
    PyType *t = pyval_type(obj);
    pyval (*getattr)(pyval, PyObj *) = t->slots->getattr;
    if (getattr != NULL && getattr != slot_getattr)
        return 0; /* a type with its own attribute access */
    PY_PUSHV(obj);
    PY_PUSHV(name);
    pyval d = pytype_lookup(t, name);
    pyval r = 0;
    if (d == 0 || !pyval_is_obj(d))
        goto done;
    PyObj *o = pyval_obj(d);
    bool plain = o->layout == PYL_FUNCTION ||
                 (o->layout == PYL_BUILTIN &&
                  (((PyBuiltin *)o)->flags &
                   (PYBUILTIN_DESCRIPTOR | PYBUILTIN_CLASS |
                    PYBUILTIN_STATIC)) == PYBUILTIN_DESCRIPTOR);
    if (!plain)
        goto done;
    /* an instance attribute of that name would hide the method */
    pyval self = (pyval)pyrt_tl.shadowstack[-2].ss;
    PyInstance *inst = pyattr_map_instance(self);
    if (inst != NULL) {
        name = (pyval)pyrt_tl.shadowstack[-1].ss;
        if (pyinstance_get(self, name) != 0)
            goto done;
        r = d;
        /* remembered for this shape when nothing here moves */
        t = inst->ob.type;
        if (cacheable(t, name) && !stm_can_move((object_t *)d)) {
            uint64_t map_id = ((PyMap *)pyval_obj(inst->map))->id;
            pyattr_fill(
                pyattr_slot(pyattr_method_cache, t->version, map_id, name),
                t->version, map_id, name, pytype_cache_epoch(), 0, d);
        }
        goto done;
    }
    pyval dict = pyobj_instance_dict(self, false);
    if (dict != 0) {
        PY_PUSHV(d);
        pyval shadow =
            pydict_get_str(dict, (pyval)pyrt_tl.shadowstack[-2].ss);
        PY_POPV(d);
        if (shadow != 0 || pyerr_occurred())
            goto done;
    }
    r = d;
done:
    pyrt_tl.shadowstack -= 2;
    return r;
}

static int slot_setattr(pyval self, PyObj *name, pyval value)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    PY_PUSHV(pyval_from_obj(name));
    PY_PUSHV(value);
    pyval key = intern(value ? "__setattr__" : "__delattr__");
    pyval hook = key ? pytype_lookup(pyval_type(SS(0)), key) : 0;
    int r;
    if (hook != 0 && pyval_obj(hook)->layout != PYL_BUILTIN) {
        bool found;
        pyval args[2] = {SS(1), SS(2)};
        pyval res =
            pyobj_call_dunder(SS(0), value ? "__setattr__" : "__delattr__",
                              args, value ? 2 : 1, &found);
        r = res == 0 ? -1 : 0;
    } else if (pyerr_occurred()) {
        r = -1;
    } else {
        r = pyobj_setattr_with_dict(SS(0), SS(1), SS(2));
    }
    pyrt_tl.shadowstack = saved;
    return r;
}

void pyobj_learn_instance_store(pyval obj, pyval name)
{
    PyInstance *inst = pyattr_map_instance(obj);
    if (inst == NULL)
        return;
    PyType *t = inst->ob.type;
    uint64_t map_id = ((PyMap *)pyval_obj(inst->map))->id;
    uint64_t epoch = pytype_cache_epoch();
    if (t->slots->setattr != slot_setattr || (t->tflags & PYTYPE_NO_DICT) ||
        !cacheable(t, name))
        return;
    uint64_t version = t->version;
    PY_PUSHV(obj);
    PY_PUSHV(name);
    pyval key = intern("__setattr__");
    /* the class moves if it is young and that allocated */
    t = pyval_type((pyval)pyrt_tl.shadowstack[-2].ss);
    pyval hook = key ? pytype_lookup(t, key) : 0;
    t = pyval_type((pyval)pyrt_tl.shadowstack[-2].ss);
    pyval d = pytype_lookup(t, (pyval)pyrt_tl.shadowstack[-1].ss);
    PY_POPV(name);
    PY_POPV(obj);
    if (pyerr_occurred()) {
        pyerr_clear(); /* the long way meets it again */
        return;
    }
    if ((hook != 0 && pyval_obj(hook)->layout != PYL_BUILTIN) ||
        (d != 0 && is_data_descriptor(d)))
        return;
    int64_t i = pyinstance_index(obj, name);
    pyval next = 0;
    if (i < 0) {
        next = pyinstance_next_map(obj, name);
        if (next == 0 || stm_can_move((object_t *)next))
            return;
        i = ((PyMap *)pyval_obj(next))->nattrs - 1;
    }
    pyattr_fill(pyattr_slot(pyattr_store_cache, version, map_id, name),
                version, map_id, name, epoch, i, next);
}

static pyval slot_descr_get(pyval self, pyval obj, pyval type)
{
    bool found;
    pyval args[2] = {obj ? obj : py_None, type ? type : py_None};
    return pyobj_call_dunder(self, "__get__", args, 2, &found);
}

static int slot_descr_set(pyval self, pyval obj, pyval value)
{
    bool found;
    pyval args[2] = {obj, value};
    pyval r = value ? pyobj_call_dunder(self, "__set__", args, 2, &found)
                    : pyobj_call_dunder(self, "__delete__", args, 1, &found);
    return r == 0 ? -1 : 0;
}

/* instances: object.__new__ for classes (exceptions keep theirs) */
static pyval instance_new(PyType *type, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    size_t nkw = kwnames ? (size_t)pytuple_size(pyval_from_obj(kwnames)) : 0;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(pyval_from_obj((PyObj *)type));
    PY_PUSHV(pyval_from_obj(kwnames)); /* it may move too */
    pyval cls = pyval_from_obj((PyObj *)type);
    pyval key = intern("__new__");
    type = (PyType *)pyval_obj(SS(0));
    pyval user_new = key ? pytype_lookup(type, key) : 0;
    if (user_new != 0 && !(pyval_obj(user_new)->layout == PYL_BUILTIN)) {
        /* a Python __new__ (a staticmethod): called with the class */
        pyval *call_args = (pyval *)pyrt_tl.shadowstack;
        PY_PUSHV(SS(0));
        for (size_t i = 0; i < nargs + nkw; i++)
            PY_PUSHV(args[i]);
        pyval fn = user_new;
        if (pyval_type(fn) == pytype_staticmethod)
            fn = ((PyDescr *)pyval_obj(fn))->get;
        pyval r =
            pyobj_call(fn, call_args, nargs + 1, (PyObj *)pyval_obj(SS(1)));
        pyrt_tl.shadowstack = saved;
        return r;
    }
    type = (PyType *)pyval_obj(SS(0));
    if (pyclass_layout_subclassable(type->instance_layout)) {
        PyObj *kw = pyval_obj(SS(1));
        pyrt_tl.shadowstack = saved;
        return pyclass_builtin_new(type, args, nargs, kw);
    }
    key = (nargs > 0 || nkw > 0) ? intern("__init__") : 0;
    type = (PyType *)pyval_obj(SS(0));
    if ((nargs > 0 || nkw > 0) && type->instance_layout != PYL_EXCEPTION &&
        pytype_lookup(type, key) == 0) {
        pyrt_tl.shadowstack = saved;
        return pyerr_format(pyexc_TypeError, "%s() takes no arguments",
                            pytype_name(type));
    }
    cls = SS(0);
    pyrt_tl.shadowstack = saved;
    type = (PyType *)pyval_obj(cls);
    if (type->instance_layout == PYL_EXCEPTION) {
        pyval t = pytuple_from_array(args, (int64_t)nargs);
        pyval exc = t ? pyexc_new((PyType *)pyval_obj(cls), t) : 0;
        if (exc == 0)
            return 0;
        /* OSError subclasses get errno, strerror, filename... */
        PY_PUSHV(exc);
        int r = pyoserror_init(exc, args, nargs);
        PY_POPV(exc);
        return r < 0 ? 0 : exc;
    }
    return pyinstance_new(type);
}

static int instance_init(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    size_t nkw = kwnames ? (size_t)pytuple_size(pyval_from_obj(kwnames)) : 0;
    PY_PUSHV(pyval_from_obj(kwnames));
    pyval *call_args = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(self);
    for (size_t i = 0; i < nargs + nkw; i++)
        PY_PUSHV(args[i]);
    pyval key = intern("__init__");
    pyval init = key ? pytype_lookup(pyval_type(SS(1)), key) : 0;
    if (init == 0 || pyval_obj(init)->layout == PYL_BUILTIN) {
        if (pyerr_occurred()) {
            pyrt_tl.shadowstack = saved;
            return -1;
        }
        /* the built-in base's initializer (list, dict and set have one) */
        PyType *base = pyclass_builtin_base(pyval_type(SS(1)));
        int r = 0;
        if (base != NULL && pyclass_layout_subclassable(base->instance_layout) &&
            base->slots->init != NULL)
            r = base->slots->init(SS(1), args, nargs,
                                  (PyObj *)pyval_obj(SS(0)));
        pyrt_tl.shadowstack = saved;
        return r;
    }
    pyval r = pyobj_call(init, call_args, nargs + 1, (PyObj *)pyval_obj(SS(0)));
    pyrt_tl.shadowstack = saved;
    if (r == 0)
        return -1;
    if (r != py_None) {
        pyerr_format(pyexc_TypeError, "__init__() should return None, not '%T'",
                     r);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ the MRO */

/* C3: the class, then a merge of its bases' MROs and the bases list */
static pyval compute_mro(pyval cls, pyval bases)
{
    int64_t nb = pytuple_size(bases);
    /* the sequences to merge, as C arrays of types (bases are old or
       rooted through 'bases', and nothing allocates while merging) */
    int64_t nseq = nb + 1;
    PyType ***seqs = calloc((size_t)nseq, sizeof(PyType **));
    int64_t *lens = calloc((size_t)nseq, sizeof(int64_t));
    int64_t *heads = calloc((size_t)nseq, sizeof(int64_t));
    PyType **out = calloc(64 + 64 * (size_t)nseq, sizeof(PyType *));
    int64_t nout = 0;
    if (!seqs || !lens || !heads || !out)
        goto nomem;
    for (int64_t i = 0; i < nb; i++) {
        PyType *b = (PyType *)pyval_obj(pytuple_get(bases, i));
        pyval m = b->mro ? pyval_from_obj(b->mro) : 0;
        lens[i] = m ? pytuple_size(m) : 1;
        seqs[i] = calloc((size_t)lens[i], sizeof(PyType *));
        if (seqs[i] == NULL)
            goto nomem;
        for (int64_t k = 0; k < lens[i]; k++)
            seqs[i][k] = m ? (PyType *)pyval_obj(pytuple_get(m, k)) : b;
    }
    lens[nb] = nb;
    seqs[nb] = calloc((size_t)(nb ? nb : 1), sizeof(PyType *));
    if (seqs[nb] == NULL)
        goto nomem;
    for (int64_t i = 0; i < nb; i++)
        seqs[nb][i] = (PyType *)pyval_obj(pytuple_get(bases, i));
    out[nout++] = (PyType *)pyval_obj(cls);
    for (;;) {
        PyType *next = NULL;
        bool remaining = false;
        for (int64_t i = 0; i < nseq && next == NULL; i++) {
            if (heads[i] >= lens[i])
                continue;
            remaining = true;
            PyType *cand = seqs[i][heads[i]];
            bool in_tail = false;
            for (int64_t j = 0; j < nseq && !in_tail; j++) {
                for (int64_t k = heads[j] + 1; k < lens[j]; k++) {
                    if (seqs[j][k] == cand) {
                        in_tail = true;
                        break;
                    }
                }
            }
            if (!in_tail)
                next = cand;
        }
        if (!remaining)
            break;
        if (next == NULL) {
            char names[512] = "";
            size_t used = 0;
            for (int64_t i = 0; i < nb; i++) {
                PyType *b = (PyType *)pyval_obj(pytuple_get(bases, i));
                used += (size_t)snprintf(names + used, sizeof(names) - used,
                                         "%s%s", i ? ", " : "", pytype_name(b));
                if (used >= sizeof(names))
                    break;
            }
            pyerr_format(pyexc_TypeError,
                         "Cannot create a consistent method resolution\n"
                         "order (MRO) for bases %s",
                         names);
            goto fail;
        }
        out[nout++] = next;
        for (int64_t i = 0; i < nseq; i++) {
            if (heads[i] < lens[i] && seqs[i][heads[i]] == next)
                heads[i]++;
        }
    }
    /* cls and the classes of this transaction among out[] may move while
       the tuple is allocated: all of them are rooted across it */
    struct stm_shadowentry_s *roots = pyrt_tl.shadowstack;
    PY_PUSHV(cls);
    for (int64_t i = 1; i < nout; i++)
        PY_PUSHV(pyval_from_obj((PyObj *)out[i]));
    pyval t = pytuple_new(nout);
    if (t != 0) {
        for (int64_t i = 0; i < nout; i++)
            pytuple_init_item(t, i, (pyval)roots[i].ss);
    }
    pyrt_tl.shadowstack = roots;
    for (int64_t i = 0; i < nseq; i++)
        free(seqs[i]);
    free(seqs);
    free(lens);
    free(heads);
    free(out);
    return t;
nomem:
    pyerr_no_memory();
fail:
    if (seqs)
        for (int64_t i = 0; i < nseq; i++)
            free(seqs[i]);
    free(seqs);
    free(lens);
    free(heads);
    free(out);
    return 0;
}

/* ------------------------------------------------------------ classes */

/* mrop: a shadow stack slot (interning a name may move the tuple) */
static bool defines(pyval *mrop, const char *name)
{
    pyval key = intern(name);
    pyval mro = *mrop;
    for (int64_t i = 0; i < pytuple_size(mro) - 1; i++) {
        PyType *t = (PyType *)pyval_obj(pytuple_get(mro, i));
        if (!(t->tflags & PYTYPE_HEAPTYPE))
            continue;
        if (t->dict && pydict_get_str(pyval_from_obj(t->dict), key) != 0)
            return true;
    }
    return false;
}

/* the C slots of a new class: its base's, plus a generic slot for each
   dunder defined by a class along its MRO */
static struct pytype_slots *make_slots(PyType *base, pyval *mro)
{
    struct pytype_slots *s = malloc(sizeof(*s));
    if (s == NULL)
        return NULL;
    *s = *base->slots;
    s->methods = NULL;
    s->getset = NULL;
    if (base->instance_layout != PYL_TYPE) {
        /* a metaclass keeps type's attribute access */
        s->getattr = slot_getattr;
        s->setattr = slot_setattr;
    }
    if (base->instance_layout != PYL_EXCEPTION) {
        s->new_ = instance_new;
        s->init = instance_init;
    } else {
        s->new_ = instance_new;
        s->init = instance_init;
    }
    if (defines(mro, "__repr__"))
        s->repr = slot_repr;
    if (defines(mro, "__str__"))
        s->str = slot_str;
    if (defines(mro, "__hash__"))
        s->hash = slot_hash;
    else if (defines(mro, "__eq__"))
        s->hash = NULL; /* __eq__ without __hash__: unhashable */
    for (int i = 0; i < 6; i++) {
        if (defines(mro, cmp_names[i]))
            s->richcompare = slot_richcompare;
    }
    if (defines(mro, "__bool__") || defines(mro, "__len__"))
        s->truth = slot_truth;
    if (defines(mro, "__len__"))
        s->len = slot_len;
    if (defines(mro, "__call__"))
        s->call = slot_call;
    if (defines(mro, "__iter__"))
        s->iter = slot_iter;
    if (defines(mro, "__next__"))
        s->iternext = slot_iternext;
    if (defines(mro, "__getitem__"))
        s->getitem = slot_getitem;
    if (defines(mro, "__setitem__") || defines(mro, "__delitem__"))
        s->setitem = slot_setitem;
    if (defines(mro, "__contains__"))
        s->contains = slot_contains;
    for (int op = 0; op < PYOP__COUNT; op++) {
        if (defines(mro, binop_names[op][0]) ||
            defines(mro, binop_names[op][1]))
            s->binop[op] = binop_slots[op];
        if (defines(mro, inplace_names[op]))
            s->inplace[op] = inplace_slots[op];
    }
    if (defines(mro, "__neg__"))
        s->neg = slot_neg;
    if (defines(mro, "__pos__"))
        s->pos = slot_pos;
    if (defines(mro, "__abs__"))
        s->absolute = slot_abs;
    if (defines(mro, "__invert__"))
        s->invert = slot_invert;
    if (defines(mro, "__index__"))
        s->index = slot_index;
    if (defines(mro, "__int__"))
        s->to_int = slot_int;
    if (defines(mro, "__float__"))
        s->to_float = slot_float;
    if (defines(mro, "__get__"))
        s->descr_get = slot_descr_get;
    if (defines(mro, "__set__") || defines(mro, "__delete__"))
        s->descr_set = slot_descr_set;
    return s;
}

pyval pyclass_new(PyType *meta, pyval name, pyval bases, pyval ns)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(pyval_from_obj((PyObj *)meta)); /* 0 */
    PY_PUSHV(name);                          /* 1 */
    PY_PUSHV(bases);                         /* 2 */
    PY_PUSHV(ns);                            /* 3 */
    PY_PUSHV(0);                             /* 4: the class */
    if (pytuple_size(bases) == 0) {
        bases = pytuple_pack(1, pyval_from_obj((PyObj *)pytype_object));
        if (bases == 0)
            goto fail;
        saved[2].ss = (object_t *)bases;
    }
    PyType *base = NULL;
    int64_t base_index = 0;
    for (int64_t i = 0; i < pytuple_size(bases); i++) {
        pyval b = pytuple_get(bases, i);
        if (!pyval_is_obj(b) || pyval_obj(b)->layout != PYL_TYPE) {
            pyerr_format(pyexc_TypeError, "bases must be types");
            goto fail;
        }
        PyType *bt = (PyType *)pyval_obj(b);
        if (!(bt->tflags & PYTYPE_BASETYPE)) {
            pyerr_format(pyexc_TypeError,
                         "type '%s' is not an acceptable base type",
                         pytype_name(bt));
            goto fail;
        }
        uint16_t lay = bt->instance_layout;
        PyType *bb = pyclass_builtin_base(bt);
        if ((lay != PYL_PLAIN && lay != PYL_INSTANCE && lay != PYL_EXCEPTION &&
             !pyclass_layout_subclassable(lay)) ||
            (lay == PYL_PROPERTY && bb != pytype_property &&
             bb != pytype_staticmethod && bb != pytype_classmethod)) {
            pyerr_format(pyexc_TypeError, "pystm cannot subclass '%s' yet",
                         pytype_name(bt));
            goto fail;
        }
        /* the base whose layout the instances take: the first one with
           a built-in layout (two different ones cannot be combined),
           else the first class */
        bool solid = lay != PYL_PLAIN && lay != PYL_INSTANCE;
        bool base_solid = base != NULL && base->instance_layout != PYL_PLAIN &&
                          base->instance_layout != PYL_INSTANCE;
        if (solid && base_solid && base->instance_layout != lay) {
            pyerr_format(pyexc_TypeError,
                         "multiple bases have instance lay-out conflict");
            goto fail;
        }
        if (base == NULL || (solid && !base_solid) ||
            (base->instance_layout == PYL_PLAIN && lay == PYL_INSTANCE)) {
            base = bt;
            base_index = i;
        }
    }
    PyType *t = (PyType *)pyobj_alloc(sizeof(struct pytype_s), PYL_TYPE,
                                      (PyType *)pyval_obj(SS(0)));
    /* the base may have moved (a class made in this transaction) */
    base = (PyType *)pyval_obj(pytuple_get(SS(2), base_index));
    memset(pyobj_real((PyObj *)t) + sizeof(struct pyobj_s), 0,
           sizeof(struct pytype_s) - sizeof(struct pyobj_s));
    t->slots = pytype_object->slots;
    t->tflags = PYTYPE_HEAPTYPE | PYTYPE_BASETYPE |
                (base->tflags & (PYTYPE_INT_SUB | PYTYPE_STR_SUB | PYTYPE_TUPLE_SUB |
                                 PYTYPE_LIST_SUB | PYTYPE_DICT_SUB |
                                 PYTYPE_EXC_SUB | PYTYPE_TYPE_SUB));
    t->instance_layout = base->instance_layout == PYL_PLAIN
                             ? PYL_INSTANCE
                             : base->instance_layout;
    t->version = pytype_new_version();
    t->name = pyval_obj(SS(1));
    t->qualname = pyval_obj(SS(1));
    t->base = base;
    t->bases = pyval_obj(SS(2));
    saved[4].ss = (object_t *)t;
    /* the namespace, copied; __qualname__ and __classcell__ come out */
    pyval dict = pydict_copy(SS(3));
    if (dict == 0)
        goto fail;
    t = (PyType *)pyval_obj(SS(4));
    pyobj_write((PyObj *)t);
    t->dict = pyval_obj(dict);
    pyval qn = pydict_get_cstr(dict, "__qualname__");
    if (qn != 0) {
        t = (PyType *)pyval_obj(SS(4));
        pyobj_write((PyObj *)t);
        t->qualname = pyval_obj(qn);
        pyval key = intern("__qualname__");
        t = (PyType *)pyval_obj(SS(4));
        if (key == 0 || pydict_del(pyval_from_obj(t->dict), key) < 0)
            goto fail;
    }
    /* a class without a docstring has __doc__ None of its own (so it
       does not show its base's) */
    t = (PyType *)pyval_obj(SS(4));
    if (pydict_get_cstr(pyval_from_obj(t->dict), "__doc__") == 0) {
        pyval key = intern("__doc__");
        t = (PyType *)pyval_obj(SS(4));
        if (key == 0 || pydict_set(pyval_from_obj(t->dict), key, py_None) < 0)
            goto fail;
    }
    /* __new__ is a static method, __init_subclass__ and
       __class_getitem__ class methods */
    static const struct {
        const char *name;
        PyType **wrapper;
    } implicit[] = {{"__new__", &pytype_staticmethod},
                    {"__init_subclass__", &pytype_classmethod},
                    {"__class_getitem__", &pytype_classmethod}};
    for (size_t k = 0; k < sizeof(implicit) / sizeof(implicit[0]); k++) {
        t = (PyType *)pyval_obj(SS(4));
        pyval fn = pydict_get_cstr(pyval_from_obj(t->dict), implicit[k].name);
        if (fn == 0 || !pyval_is_obj(fn) ||
            pyval_obj(fn)->layout != PYL_FUNCTION)
            continue;
        pyval w = pydescr_wrap(*implicit[k].wrapper, fn);
        if (w == 0)
            goto fail;
        PY_PUSHV(w);
        pyval key = intern(implicit[k].name);
        PY_POPV(w);
        t = (PyType *)pyval_obj(SS(4));
        if (key == 0 || pydict_set(pyval_from_obj(t->dict), key, w) < 0)
            goto fail;
    }
    pyval mro = compute_mro(SS(4), SS(2));
    if (mro == 0)
        goto fail;
    t = (PyType *)pyval_obj(SS(4));
    pyobj_write((PyObj *)t);
    t->mro = pyval_obj(mro);
    PY_PUSHV(mro); /* 5 */
    struct pytype_slots *slots =
        make_slots((PyType *)pyval_obj(pytuple_get(SS(2), base_index)),
                   (pyval *)&saved[5]);
    if (slots == NULL) {
        pyerr_no_memory();
        goto fail;
    }
    t = (PyType *)pyval_obj(SS(4));
    pyobj_write((PyObj *)t);
    t->slots = slots;
    if (pyslots_apply(t) < 0)
        goto fail;
    t = (PyType *)pyval_obj(SS(4));
    /* the __class__ cell of methods using super() */
    pyval cell = pydict_get_cstr(pyval_from_obj(t->dict), "__classcell__");
    if (cell != 0 && pyval_is_obj(cell) &&
        pyval_obj(cell)->layout == PYL_CELL) {
        PyCell *c = (PyCell *)pyval_obj(cell);
        pyobj_write((PyObj *)c);
        c->value = SS(4);
        pyval key = intern("__classcell__");
        t = (PyType *)pyval_obj(SS(4));
        if (key == 0 || pydict_del(pyval_from_obj(t->dict), key) < 0)
            goto fail;
    }
    pytype_modified(); /* lookups made while it was built are forgotten */
    pyval result = SS(4);
    pyrt_tl.shadowstack = saved;
    return result;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

/* ------------------------------------------------------------ descriptors */

static pyval new_descr(PyType *type, pyval get, pyval set, pyval del, pyval doc)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(get);
    PY_PUSHV(set);
    PY_PUSHV(del);
    PY_PUSHV(doc);
    PyDescr *d =
        (PyDescr *)pyobj_alloc(sizeof(struct pydescr_s), PYL_PROPERTY, type);
    d->get = SS(0);
    d->set = SS(1);
    d->del = SS(2);
    d->doc = SS(3);
    d->name = 0;
    pyrt_tl.shadowstack = saved;
    return pyval_from_obj((PyObj *)d);
}

/* super() and super(type, obj) */
static pyval super_new(PyType *type, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (nargs != 2)
        return pyerr_format(pyexc_RuntimeError,
                            "super(): __class__ cell not found");
    return new_descr(type, args[0], args[1], 0, 0);
}

/* super(start, obj) searches obj's MRO when obj is a class deriving from
   start (a class method's super()), else the MRO of obj's type */
static bool super_on_class(PyDescr *s)
{
    pyval obj = s->set;
    return pyval_is_obj(obj) && pyval_obj(obj)->layout == PYL_TYPE &&
           pytype_is_subtype((PyType *)pyval_obj(obj),
                             (PyType *)pyval_obj(s->get));
}

static PyType *super_objtype(PyDescr *s)
{
    return super_on_class(s) ? (PyType *)pyval_obj(s->set)
                             : pyval_type(s->set);
}

static pyval super_getattr(pyval self, PyObj *name)
{
    PyDescr *s = (PyDescr *)pyval_obj(self);
    PyType *start = (PyType *)pyval_obj(s->get);
    PyType *objtype = super_objtype(s);
    pyval mro = objtype->mro ? pyval_from_obj(objtype->mro) : 0;
    int64_t n = mro ? pytuple_size(mro) : 0, i = 0;
    while (i < n && pytuple_get(mro, i) != pyval_from_obj((PyObj *)start))
        i++;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    PY_PUSHV(pyval_from_obj(name));
    for (i++; i < n; i++) {
        s = (PyDescr *)pyval_obj(SS(0));
        objtype = super_objtype(s);
        PyType *t =
            (PyType *)pyval_obj(pytuple_get(pyval_from_obj(objtype->mro), i));
        if (t->dict == NULL)
            continue;
        pyval v = pydict_get_str(pyval_from_obj(t->dict), SS(1));
        if (v == 0) {
            if (pyerr_occurred())
                break;
            continue;
        }
        s = (PyDescr *)pyval_obj(SS(0));
        pyval (*get)(pyval, pyval, pyval) = pyval_type(v)->slots->descr_get;
        pyval r = v;
        if (get != NULL) {
            bool on_class = super_on_class(s);
            r = get(v, on_class ? 0 : s->set,
                    on_class ? s->set
                             : pyval_from_obj((PyObj *)pyval_type(s->set)));
        }
        pyrt_tl.shadowstack = saved;
        return r;
    }
    pyval nm = SS(1);
    pyrt_tl.shadowstack = saved;
    if (pyerr_occurred())
        return 0;
    return pyerr_format(pyexc_AttributeError,
                        "'super' object has no attribute '%U'", nm);
}

static const struct pytype_slots super_slots = {
    .new_ = super_new,
    .getattr = super_getattr,
};

void pyclass_setup_types(void)
{
    pydescr_setup_types();
    pytype_super = pytype_new_builtin("super", &super_slots, PYL_PROPERTY, NULL,
                                      PYTYPE_BASETYPE);
}
