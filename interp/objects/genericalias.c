/* genericalias.c -- subscripting a class: C[x] calls the class's
 * __class_getitem__; the built-in containers answer with a generic alias
 * (list[int]), which prints as written, compares by origin and
 * arguments, and calls its origin.
 */
#include "genericalias.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "classobject.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "listobject.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <string.h>

PyType *pytype_generic_alias;

/* PYL_PROPERTY: get = the origin class, set = the arguments (a tuple) */
static pyval origin_of(pyval alias)
{
    return ((PyDescr *)pyval_obj(alias))->get;
}

static pyval args_of(pyval alias)
{
    return ((PyDescr *)pyval_obj(alias))->set;
}

static pyval alias_new(pyval origin, pyval args)
{
    if (!(pyval_is_obj(args) && pyval_obj(args)->layout == PYL_TUPLE)) {
        PY_PUSHV(origin);
        args = pytuple_pack(1, args);
        PY_POPV(origin);
        if (args == 0)
            return 0;
    }
    PY_PUSHV(origin);
    PY_PUSHV(args);
    PyDescr *d = (PyDescr *)pyobj_alloc(sizeof(struct pydescr_s), PYL_PROPERTY,
                                        pytype_generic_alias);
    PY_POPV(args);
    PY_POPV(origin);
    d->get = origin;
    d->set = args;
    d->del = d->doc = d->name = 0;
    return pyval_from_obj((PyObj *)d);
}

/* how an argument prints: classes by (module-qualified) name, ... as
   '...', anything else by repr */
static pyval arg_text(pyval v)
{
    if (v == py_Ellipsis)
        return pystr_from_cstr("...");
    if (pyval_is_obj(v) && pyval_obj(v)->layout == PYL_TYPE) {
        PyType *t = (PyType *)pyval_obj(v);
        pyval mod = 0;
        if ((t->tflags & PYTYPE_HEAPTYPE) && t->dict)
            mod = pydict_get_cstr(pyval_from_obj(t->dict), "__module__");
        t = (PyType *)pyval_obj(v);
        if (mod && pyval_is_obj(mod) && pyval_obj(mod)->layout == PYL_STR &&
            strcmp(pystr_utf8(mod), "builtins") != 0)
            return pystr_from_format("%U.%U", mod, pyval_from_obj(t->qualname));
        return pyval_from_obj(t->qualname);
    }
    return pyobj_repr(v);
}

static pyval alias_repr(pyval self)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    pyval text = arg_text(origin_of(self));
    if (text == 0)
        goto fail;
    PY_PUSHV(text);
    pyval *acc = (pyval *)pyrt_tl.shadowstack - 1;
    pyval args = args_of((pyval)saved[0].ss);
    int64_t n = pytuple_size(args);
    for (int64_t i = 0; i < n; i++) {
        pyval part = arg_text(pytuple_get(args_of((pyval)saved[0].ss), i));
        if (part == 0)
            goto fail;
        *acc = pystr_from_format(i == 0 ? "%U[%U" : "%U, %U", *acc, part);
        if (*acc == 0)
            goto fail;
    }
    *acc = n == 0 ? pystr_from_format("%U[()]", *acc)
                  : pystr_from_format("%U]", *acc);
    pyval r = *acc;
    pyrt_tl.shadowstack = saved;
    return r;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

static pyval alias_call(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    return pyobj_call(origin_of(self), args, nargs, kwnames);
}

static pyval alias_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if ((op != PYCMP_EQ && op != PYCMP_NE) || pyval_type(b) != pyval_type(a))
        return py_NotImplemented;
    if (origin_of(a) != origin_of(b))
        return pybool(op == PYCMP_NE);
    pyval r = pyobj_richcompare(args_of(a), args_of(b), op);
    return r;
}

static int alias_hash(pyval self, int64_t *out)
{
    int64_t h1, h2;
    PY_PUSHV(self);
    int r = pyobj_hash(origin_of(self), &h1);
    PY_POPV(self);
    if (r < 0 || pyobj_hash(args_of(self), &h2) < 0)
        return -1;
    *out = h1 ^ h2;
    if (*out == -1)
        *out = -2;
    return 0;
}

static pyval alias_getattr(pyval self, PyObj *name)
{
    const char *n = pystr_utf8(pyval_from_obj(name));
    if (strcmp(n, "__origin__") == 0)
        return origin_of(self);
    if (strcmp(n, "__args__") == 0)
        return args_of(self);
    if (strcmp(n, "__parameters__") == 0)
        return pytuple_new(0);
    if (strcmp(n, "__class__") == 0)
        return pyval_from_obj((PyObj *)pytype_generic_alias);
    /* anything else is the origin's */
    return pyobj_getattr(origin_of(self), pyval_from_obj(name));
}

/* types.GenericAlias(origin, args): what a class's __class_getitem__
   written in Python returns (collections.deque[int]) */
static pyval alias_new_(PyType *type, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0)
        return pyerr_format(pyexc_TypeError,
                            "GenericAlias() takes no keyword arguments");
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "GenericAlias expected 2 arguments, got %d",
                            (int)nargs);
    return alias_new(args[0], args[1]);
}

static const struct pytype_slots alias_slots = {
    .new_ = alias_new_,
    .repr = alias_repr,
    .call = alias_call,
    .richcompare = alias_richcompare,
    .hash = alias_hash,
    .getattr = alias_getattr,
};

void pygeneric_setup_types(void)
{
    pytype_generic_alias = pytype_new_builtin("types.GenericAlias",
                                              &alias_slots, PYL_PROPERTY, NULL,
                                              0);
}

/* the built-in classes that are generic (PEP 585) */
static bool builtin_generic(pyval cls)
{
    PyType *t = (PyType *)pyval_obj(cls);
    return t == pytype_list || t == pytype_dict || t == pytype_tuple ||
           t == pytype_set || t == pytype_frozenset || t == pytype_type;
}

static bool generic_subclass(object_t *cls)
{
    PyType *t = (PyType *)pyval_obj((pyval)cls);
    return pytype_is_subtype(t, pytype_list) ||
           pytype_is_subtype(t, pytype_dict) ||
           pytype_is_subtype(t, pytype_tuple) ||
           pytype_is_subtype(t, pytype_set) ||
           pytype_is_subtype(t, pytype_frozenset);
}

pyval pygeneric_class_getitem(pyval cls, pyval key)
{
    if (builtin_generic(cls))
        return alias_new(cls, key);
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(cls);
    PY_PUSHV(key);
    pyval name = pystr_name("__class_getitem__");
    pyval hook = name ? pytype_lookup((PyType *)pyval_obj((pyval)saved[0].ss),
                                      name)
                      : 0;
    pyval r = 0;
    if (hook == 0 && !pyerr_occurred() && generic_subclass(saved[0].ss)) {
        /* a subclass of list, dict...: their __class_getitem__ */
        r = alias_new((pyval)saved[0].ss, (pyval)saved[1].ss);
    } else if (hook == 0) {
        if (!pyerr_occurred())
            pyerr_format(pyexc_TypeError, "type '%U' is not subscriptable",
                         pyval_from_obj(
                             ((PyType *)pyval_obj((pyval)saved[0].ss))->name));
    } else if (pyval_type(hook) == pytype_classmethod) {
        r = pyobj_call(((PyDescr *)pyval_obj(hook))->get, (pyval *)saved, 2,
                       NULL);
    } else {
        r = pyobj_call(hook, (pyval *)saved + 1, 1, NULL);
    }
    pyrt_tl.shadowstack = saved;
    return r;
}
