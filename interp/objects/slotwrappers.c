/* slotwrappers.c -- the dunder methods of built-in types: each C slot of
 * a built-in type appears in its dict as a method descriptor (so
 * `int.__add__`, `object.__init__(self)`, `super().__repr__()` work).
 *
 * A wrapper must call the slot of the type it belongs to, not of the
 * instance's type (which may be a subclass whose slot calls back into
 * Python).  The descriptor's owner is passed through pyslot_owner, set
 * by the C-function call just before it calls the wrapper.
 */
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "builtinsub.h"
#include "classobject.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "funcobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdio.h>
#include <string.h>

__thread PyType *pyslot_owner;

static const struct pytype_slots *owner_slots(void)
{
    return pyslot_owner ? pyslot_owner->slots : pytype_object->slots;
}

static int want(const char *name, size_t nargs, size_t n)
{
    if (nargs == n)
        return 0;
    pyerr_format(pyexc_TypeError, "expected %d argument%s, got %d", (int)n,
                 n == 1 ? "" : "s", (int)nargs);
    (void)name;
    return -1;
}

static pyval w_init(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    int (*init)(pyval, const pyval *, size_t, PyObj *) = owner_slots()->init;
    if (init == NULL || init == pyval_type(self)->slots->init) {
        /* object.__init__, or the same C initializer */
        if (init != NULL && pyslot_owner != pytype_object)
            return init(self, args, nargs, kwnames) < 0 ? 0 : py_None;
        return py_None;
    }
    return init(self, args, nargs, kwnames) < 0 ? 0 : py_None;
}

static pyval w_new(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (nargs == 0)
        return pyerr_format(
            pyexc_TypeError, "%s.__new__(): not enough arguments",
            pyslot_owner ? pytype_name(pyslot_owner) : "object");
    pyval cls = args[0];
    if (!pyval_is_obj(cls) || pyval_obj(cls)->layout != PYL_TYPE)
        return pyerr_format(pyexc_TypeError,
                            "%s.__new__(X): X is not a type object (%T)",
                            pytype_name(pyslot_owner), cls);
    PyType *owner = pyslot_owner ? pyslot_owner : pytype_object;
    pyval (*new_)(PyType *, const pyval *, size_t, PyObj *) =
        owner->slots->new_;
    if (new_ == NULL)
        return pyerr_format(pyexc_TypeError, "cannot create '%s' instances",
                            pytype_name(owner));
    if (owner == pytype_object) {
        /* object.__new__(cls): a bare instance of the class */
        PyType *t = (PyType *)pyval_obj(cls);
        if (t->instance_layout == PYL_INSTANCE) {
            return pyinstance_new(t);
        }
    }
    pyval made = new_((PyType *)pyval_obj(cls), args + 1, nargs - 1, kwnames);
    /* tuple.__new__(cls, ...): the value as an instance of the subclass
       (cls was rooted by the caller's argument array) */
    return pyclass_adopt((PyType *)pyval_obj(args[0]), made);
}

static pyval w_repr(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    pyval (*repr)(pyval) = owner_slots()->repr;
    if (repr == NULL) {
        /* object.__repr__: the default form, never the subclass's */
        char buf[200];
        PyType *t = pyval_type(self);
        pyval mod = 0;
        if ((t->tflags & PYTYPE_HEAPTYPE) && t->dict)
            mod = pydict_get_cstr(pyval_from_obj(t->dict), "__module__");
        t = pyval_type(self);
        if (mod && pyval_is_obj(mod) && pyval_obj(mod)->layout == PYL_STR &&
            strcmp(pystr_utf8(mod), "builtins") != 0)
            snprintf(buf, sizeof(buf), "<%s.%s object at 0x%lx>",
                     pystr_utf8(mod), pystr_utf8(pyval_from_obj(t->qualname)),
                     (unsigned long)stm_id((object_t *)self));
        else
            snprintf(buf, sizeof(buf), "<%s object at 0x%lx>", pytype_name(t),
                     (unsigned long)stm_id((object_t *)self));
        return pystr_from_cstr(buf);
    }
    return repr(self);
}

static pyval w_str(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    pyval (*str)(pyval) = owner_slots()->str;
    if (str == NULL)
        return pyobj_repr(self); /* object.__str__ calls repr() */
    return str(self);
}

static pyval w_hash(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    int (*hash)(pyval, int64_t *) = owner_slots()->hash;
    int64_t h;
    if (hash == NULL)
        h = (int64_t)(stm_identityhash((object_t *)self) >> 4);
    else if (hash(self, &h) < 0)
        return 0;
    return pyint_from_int64(h);
}

static pyval compare(pyval self, const pyval *args, size_t nargs,
                     enum pycmpop op)
{
    if (want("comparison", nargs, 1) < 0)
        return 0;
    pyval (*cmp)(pyval, pyval, enum pycmpop) = owner_slots()->richcompare;
    if (cmp == NULL) {
        /* object's: identity for == and !=, NotImplemented else */
        if (op == PYCMP_EQ)
            return self == args[0] ? py_True : py_NotImplemented;
        if (op == PYCMP_NE)
            return self == args[0] ? py_False : py_NotImplemented;
        return py_NotImplemented;
    }
    return cmp(self, args[0], op);
}

#define CMP_WRAPPER(NAME, OP)                                      \
    static pyval NAME(pyval self, const pyval *args, size_t nargs, \
                      PyObj *kwnames)                              \
    {                                                              \
        return compare(self, args, nargs, OP);                     \
    }
CMP_WRAPPER(w_lt, PYCMP_LT)
CMP_WRAPPER(w_le, PYCMP_LE)
CMP_WRAPPER(w_eq, PYCMP_EQ)
CMP_WRAPPER(w_ne, PYCMP_NE)
CMP_WRAPPER(w_gt, PYCMP_GT)
CMP_WRAPPER(w_ge, PYCMP_GE)

static pyval w_len(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    int64_t n = owner_slots()->len(self);
    return n < 0 ? 0 : pyint_from_int64(n);
}

static pyval w_getitem(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (want("__getitem__", nargs, 1) < 0)
        return 0;
    return owner_slots()->getitem(self, args[0]);
}

static pyval w_setitem(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (want("__setitem__", nargs, 2) < 0)
        return 0;
    return owner_slots()->setitem(self, args[0], args[1]) < 0 ? 0 : py_None;
}

static pyval w_delitem(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (want("__delitem__", nargs, 1) < 0)
        return 0;
    return owner_slots()->setitem(self, args[0], 0) < 0 ? 0 : py_None;
}

static pyval w_contains(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (want("__contains__", nargs, 1) < 0)
        return 0;
    int r = owner_slots()->contains(self, args[0]);
    return r < 0 ? 0 : pybool(r);
}

static pyval w_iter(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    return owner_slots()->iter(self);
}

static pyval w_next(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    pyval r = owner_slots()->iternext(self);
    if (r == 0 && !pyerr_occurred())
        pyerr_set_none(pyexc_StopIteration);
    return r;
}

static pyval w_call(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    return owner_slots()->call(self, args, nargs, kwnames);
}

static pyval w_bool(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    int t = owner_slots()->truth(self);
    return t < 0 ? 0 : pybool(t);
}

/* binary operators: __add__(self, other) and __radd__(self, other) */
static pyval binop(pyval self, const pyval *args, size_t nargs, enum pybinop op,
                   bool reflected)
{
    if (want("operator", nargs, 1) < 0)
        return 0;
    pyval (*f)(pyval, pyval) = owner_slots()->binop[op];
    if (f == NULL)
        return py_NotImplemented;
    return reflected ? f(args[0], self) : f(self, args[0]);
}

#define BINOP_WRAPPERS(NAME, OP)                                        \
    static pyval w_##NAME(pyval self, const pyval *args, size_t nargs,  \
                          PyObj *kwnames)                               \
    {                                                                   \
        return binop(self, args, nargs, OP, false);                     \
    }                                                                   \
    static pyval w_r##NAME(pyval self, const pyval *args, size_t nargs, \
                           PyObj *kwnames)                              \
    {                                                                   \
        return binop(self, args, nargs, OP, true);                      \
    }
BINOP_WRAPPERS(add, PYOP_ADD)
BINOP_WRAPPERS(sub, PYOP_SUB)
BINOP_WRAPPERS(mul, PYOP_MUL)
BINOP_WRAPPERS(truediv, PYOP_TRUEDIV)
BINOP_WRAPPERS(floordiv, PYOP_FLOORDIV)
BINOP_WRAPPERS(mod, PYOP_MOD)
BINOP_WRAPPERS(pow, PYOP_POW)
BINOP_WRAPPERS(lshift, PYOP_LSHIFT)
BINOP_WRAPPERS(rshift, PYOP_RSHIFT)
BINOP_WRAPPERS(and, PYOP_AND)
BINOP_WRAPPERS(or, PYOP_OR)
BINOP_WRAPPERS(xor, PYOP_XOR)
BINOP_WRAPPERS(matmul, PYOP_MATMUL)

#define UNARY_WRAPPER(NAME, FIELD)                                     \
    static pyval w_##NAME(pyval self, const pyval *args, size_t nargs, \
                          PyObj *kwnames)                              \
    {                                                                  \
        return owner_slots()->FIELD(self);                             \
    }
UNARY_WRAPPER(neg, neg)
UNARY_WRAPPER(pos, pos)
UNARY_WRAPPER(abs, absolute)
UNARY_WRAPPER(invert, invert)
UNARY_WRAPPER(index, index)
UNARY_WRAPPER(int, to_int)
UNARY_WRAPPER(float, to_float)

/* object's attribute protocol, callable from subclasses' overrides */
static pyval w_getattribute(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    if (want("__getattribute__", nargs, 1) < 0)
        return 0;
    pyval r = pyobj_getattr_with_dict(self, args[0]);
    if (r == 0 && !pyerr_occurred())
        return pyerr_format(pyexc_AttributeError,
                            "'%T' object has no attribute '%U'", self, args[0]);
    return r;
}

static pyval w_setattr(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (want("__setattr__", nargs, 2) < 0)
        return 0;
    return pyobj_setattr_with_dict(self, args[0], args[1]) < 0 ? 0 : py_None;
}

static pyval w_delattr(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (want("__delattr__", nargs, 1) < 0)
        return 0;
    return pyobj_setattr_with_dict(self, args[0], 0) < 0 ? 0 : py_None;
}

static pyval w_init_subclass(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    return py_None;
}

static pyval w_format(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (want("__format__", nargs, 1) < 0)
        return 0;
    return pystr_format_value(self, args[0]);
}

/* which wrapper goes with which slot (NULL test: the slot exists) */
struct slot_wrapper {
    const char *name;
    pycfunc fn;
    size_t offset; /* of the slot in struct pytype_slots */
    unsigned flags;
};

#define SLOT(field) offsetof(struct pytype_slots, field)
#define BIN(op)     (offsetof(struct pytype_slots, binop) + (op) * sizeof(void *))

static const struct slot_wrapper wrappers[] = {
    {"__init__", w_init, SLOT(init), 0},
    {"__repr__", w_repr, SLOT(repr), 0},
    {"__str__", w_str, SLOT(str), 0},
    {"__hash__", w_hash, SLOT(hash), 0},
    {"__lt__", w_lt, SLOT(richcompare), 0},
    {"__le__", w_le, SLOT(richcompare), 0},
    {"__eq__", w_eq, SLOT(richcompare), 0},
    {"__ne__", w_ne, SLOT(richcompare), 0},
    {"__gt__", w_gt, SLOT(richcompare), 0},
    {"__ge__", w_ge, SLOT(richcompare), 0},
    {"__len__", w_len, SLOT(len), 0},
    {"__getitem__", w_getitem, SLOT(getitem), 0},
    {"__setitem__", w_setitem, SLOT(setitem), 0},
    {"__delitem__", w_delitem, SLOT(setitem), 0},
    {"__contains__", w_contains, SLOT(contains), 0},
    {"__iter__", w_iter, SLOT(iter), 0},
    {"__next__", w_next, SLOT(iternext), 0},
    {"__call__", w_call, SLOT(call), 0},
    {"__bool__", w_bool, SLOT(truth), 0},
    {"__add__", w_add, BIN(PYOP_ADD), 0},
    {"__radd__", w_radd, BIN(PYOP_ADD), 0},
    {"__sub__", w_sub, BIN(PYOP_SUB), 0},
    {"__rsub__", w_rsub, BIN(PYOP_SUB), 0},
    {"__mul__", w_mul, BIN(PYOP_MUL), 0},
    {"__rmul__", w_rmul, BIN(PYOP_MUL), 0},
    {"__truediv__", w_truediv, BIN(PYOP_TRUEDIV), 0},
    {"__rtruediv__", w_rtruediv, BIN(PYOP_TRUEDIV), 0},
    {"__floordiv__", w_floordiv, BIN(PYOP_FLOORDIV), 0},
    {"__rfloordiv__", w_rfloordiv, BIN(PYOP_FLOORDIV), 0},
    {"__mod__", w_mod, BIN(PYOP_MOD), 0},
    {"__rmod__", w_rmod, BIN(PYOP_MOD), 0},
    {"__pow__", w_pow, BIN(PYOP_POW), 0},
    {"__rpow__", w_rpow, BIN(PYOP_POW), 0},
    {"__lshift__", w_lshift, BIN(PYOP_LSHIFT), 0},
    {"__rlshift__", w_rlshift, BIN(PYOP_LSHIFT), 0},
    {"__rshift__", w_rshift, BIN(PYOP_RSHIFT), 0},
    {"__rrshift__", w_rrshift, BIN(PYOP_RSHIFT), 0},
    {"__and__", w_and, BIN(PYOP_AND), 0},
    {"__rand__", w_rand, BIN(PYOP_AND), 0},
    {"__or__", w_or, BIN(PYOP_OR), 0},
    {"__ror__", w_ror, BIN(PYOP_OR), 0},
    {"__xor__", w_xor, BIN(PYOP_XOR), 0},
    {"__rxor__", w_rxor, BIN(PYOP_XOR), 0},
    {"__matmul__", w_matmul, BIN(PYOP_MATMUL), 0},
    {"__rmatmul__", w_rmatmul, BIN(PYOP_MATMUL), 0},
    {"__neg__", w_neg, SLOT(neg), 0},
    {"__pos__", w_pos, SLOT(pos), 0},
    {"__abs__", w_abs, SLOT(absolute), 0},
    {"__invert__", w_invert, SLOT(invert), 0},
    {"__index__", w_index, SLOT(index), 0},
    {"__int__", w_int, SLOT(to_int), 0},
    {"__float__", w_float, SLOT(to_float), 0},
};

/* object's own, present even though its slots are empty */
static const struct pymethod_def object_methods[] = {
    {"__init__", w_init, 0, NULL},
    {"__new__", w_new, PYMETH_STATIC, NULL},
    {"__repr__", w_repr, 0, NULL},
    {"__str__", w_str, 0, NULL},
    {"__hash__", w_hash, 0, NULL},
    {"__eq__", w_eq, 0, NULL},
    {"__ne__", w_ne, 0, NULL},
    {"__getattribute__", w_getattribute, 0, NULL},
    {"__setattr__", w_setattr, 0, NULL},
    {"__delattr__", w_delattr, 0, NULL},
    {"__init_subclass__", w_init_subclass, PYMETH_CLASS, NULL},
    {"__format__", w_format, 0, NULL},
};

/* the wrapper definitions, one per (wrapper) as static data */
static struct pymethod_def defs[sizeof(wrappers) / sizeof(wrappers[0])];
static const struct pymethod_def new_def = {"__new__", w_new, PYMETH_STATIC,
                                            NULL};

static int add(PyType *t, const struct pymethod_def *def)
{
    pyval dict = pyval_from_obj(t->dict);
    pyval key = pystr_intern_utf8(def->name, strlen(def->name));
    if (key == 0)
        return -1;
    dict = pyval_from_obj(t->dict);
    pyval old = pydict_get_str(dict, key);
    if (old != 0)
        return 0; /* the type's own method wins */
    PY_PUSHV(key);
    pyval d = pybuiltin_descriptor(def, t);
    PY_POPV(key);
    if (d == 0)
        return -1;
    return pydict_set(pyval_from_obj(t->dict), key, d);
}

/* In the setup transaction, for each built-in type (old objects: they
   do not move). */
int pyslot_add_wrappers(PyType *t)
{
    for (size_t i = 0; i < sizeof(wrappers) / sizeof(wrappers[0]); i++) {
        defs[i].name = wrappers[i].name;
        defs[i].fn = wrappers[i].fn;
        defs[i].flags = wrappers[i].flags;
    }
    if (t == pytype_object) {
        for (size_t i = 0;
             i < sizeof(object_methods) / sizeof(object_methods[0]); i++) {
            if (add(t, &object_methods[i]) < 0)
                return -1;
        }
        return 0;
    }
    const char *slots = (const char *)t->slots;
    for (size_t i = 0; i < sizeof(wrappers) / sizeof(wrappers[0]); i++) {
        void *fn;
        memcpy(&fn, slots + wrappers[i].offset, sizeof(fn));
        /* type's getitem is C[x] for classes (__class_getitem__), not a
           method of type */
        if (t == pytype_type && strcmp(wrappers[i].name, "__getitem__") == 0)
            continue;
        if (fn != NULL && add(t, &defs[i]) < 0)
            return -1;
    }
    if (t->slots->new_ != NULL && add(t, &new_def) < 0)
        return -1;
    return 0;
}
