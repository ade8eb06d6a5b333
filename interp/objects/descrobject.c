/* descrobject.c -- property, staticmethod and classmethod, and classes
 * derived from them.
 *
 * All three are PYL_PROPERTY objects (struct pydescr_s).  A property
 * keeps fget/fset/fdel/doc in get/set/del/doc and the attribute name it
 * was bound to (__set_name__, for error messages) in name; the two
 * wrappers keep their callable in get.  As in CPython, __new__ makes an
 * empty object and __init__ fills it, so a subclass may take arguments
 * of its own in its __init__.  An instance of a subclass ends with an
 * attribute word (PYOBJ_HAS_ATTRS) holding its __dict__.
 * property.getter/setter/deleter call type(self)(fget, fset, fdel, doc),
 * so they make an instance of the subclass through its __init__.
 */
#include "classobject.h"

#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "funcobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <string.h>

/* a property whose doc came from its getter's __doc__ (a copy made by
   .getter() takes the new getter's) */
#define PYDESCR_GETTER_DOC 0x0100

#define SS(i) ((pyval)saved[i].ss)

PyType *pytype_property, *pytype_staticmethod, *pytype_classmethod;

static PyDescr *descr_of(pyval v)
{
    PyDescr *d = (PyDescr *)pyval_obj(v);
    pyobj_read((PyObj *)d);
    return d;
}

/* an empty descriptor of 'type' (a subclass's gets an attribute word) */
static pyval descr_alloc(PyType *type)
{
    bool sub = (type->tflags & PYTYPE_HEAPTYPE) != 0;
    size_t size = sizeof(struct pydescr_s);
    if (sub)
        size = pyobj_attrs_offset(size) + sizeof(pyval);
    PyDescr *d = (PyDescr *)pyobj_alloc(size, PYL_PROPERTY, type);
    d->get = d->set = d->del = d->doc = d->name = 0;
    if (sub) {
        d->ob.flags |= PYOBJ_HAS_ATTRS;
        *pyobj_attrs_word((PyObj *)d) = 0;
    }
    return pyval_from_obj((PyObj *)d);
}

pyval pydescr_wrap(PyType *type, pyval fn)
{
    PY_PUSHV(fn);
    pyval d = descr_alloc(type);
    PY_POPV(fn);
    if (d != 0)
        ((PyDescr *)pyval_obj(d))->get = fn;
    return d;
}

/* __new__ of all three: the arguments are __init__'s business */
static pyval descr_new(PyType *type, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    return descr_alloc(type);
}

/* ------------------------------------------------------------ property */

static pyval none_if_zero(pyval v)
{
    return v ? v : py_None;
}

static pyval zero_if_none(pyval v)
{
    return v == py_None ? 0 : v;
}

static int property_init(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    pyval f[4] = {0, 0, 0, 0};
    static const char *const names[4] = {"fget", "fset", "fdel", "doc"};
    if (nargs > 4) {
        pyerr_format(pyexc_TypeError,
                     "property() takes at most 4 arguments (%d given)",
                     (int)nargs);
        return -1;
    }
    for (size_t i = 0; i < nargs; i++)
        f[i] = zero_if_none(args[i]);
    size_t nkw = kwnames ? (size_t)pytuple_size(pyval_from_obj(kwnames)) : 0;
    for (size_t i = 0; i < nkw; i++) {
        const char *k =
            pystr_utf8(pytuple_get(pyval_from_obj(kwnames), (int64_t)i));
        int j = 0;
        while (j < 4 && strcmp(k, names[j]) != 0)
            j++;
        if (j == 4) {
            pyerr_format(pyexc_TypeError,
                         "'%s' is an invalid keyword argument for property()",
                         k);
            return -1;
        }
        f[j] = zero_if_none(args[nargs + i]);
    }
    bool exact = pyval_type(self) == pytype_property;
    bool getter_doc = false;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    for (int i = 0; i < 4; i++)
        PY_PUSHV(f[i]);
    if (f[3] == 0 && f[0] != 0) {
        /* no doc: the getter's, if it has one */
        pyval key = pystr_from_cstr("__doc__");
        pyval doc = key ? pyobj_getattr(SS(1), key) : 0;
        if (doc == 0) {
            if (!pyerr_matches(pyexc_AttributeError))
                goto fail;
            pyerr_clear();
        }
        doc = zero_if_none(doc);
        getter_doc = doc != 0;
        saved[4].ss = (object_t *)doc;
        if (!exact) {
            /* a subclass's own __doc__ (None without a docstring) would
               hide the property's: the instance gets one (CPython
               3.11.7 does this only for the getter's doc) */
            key = pystr_from_cstr("__doc__");
            if (key == 0 || pyobj_setattr(SS(0), key, none_if_zero(SS(4))) < 0)
                goto fail;
        }
    }
    PyDescr *d = (PyDescr *)pyval_obj(SS(0));
    pyobj_write((PyObj *)d);
    d->get = SS(1);
    d->set = SS(2);
    d->del = SS(3);
    d->doc = SS(4);
    if (getter_doc)
        d->ob.flags |= PYDESCR_GETTER_DOC;
    else
        d->ob.flags &= (uint16_t)~PYDESCR_GETTER_DOC;
    pyrt_tl.shadowstack = saved;
    return 0;
fail:
    pyrt_tl.shadowstack = saved;
    return -1;
}

/* "property 'x' of 'A' object has no getter" (without 'x' before
   __set_name__) */
static void property_missing(pyval self, pyval obj, const char *what)
{
    pyval name = descr_of(self)->name;
    if (name != 0 && pyval_is_obj(name) && pyval_obj(name)->layout == PYL_STR)
        pyerr_format(pyexc_AttributeError,
                     "property '%U' of '%T' object has no %s", name, obj, what);
    else
        pyerr_format(pyexc_AttributeError, "property of '%T' object has no %s",
                     obj, what);
}

static pyval property_get(pyval self, pyval obj, pyval type)
{
    if (obj == 0 || obj == py_None)
        return self;
    PyDescr *d = descr_of(self);
    if (d->get == 0) {
        property_missing(self, obj, "getter");
        return 0;
    }
    PY_PUSHV(obj);
    pyval r = pyobj_call(d->get, (pyval *)pyrt_tl.shadowstack - 1, 1, NULL);
    PY_DROP();
    return r;
}

static int property_set(pyval self, pyval obj, pyval value)
{
    PyDescr *d = descr_of(self);
    pyval fn = value ? d->set : d->del;
    if (fn == 0) {
        property_missing(self, obj, value ? "setter" : "deleter");
        return -1;
    }
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(obj);
    if (value)
        PY_PUSHV(value);
    pyval r = pyobj_call(fn, (pyval *)saved, value ? 2 : 1, NULL);
    pyrt_tl.shadowstack = saved;
    return r == 0 ? -1 : 0;
}

/* property.getter(f) and friends: type(self)(fget, fset, fdel, doc) with
   one function replaced; the copy keeps the name */
static pyval property_copy(pyval self, const pyval *args, size_t nargs,
                           int which)
{
    if (nargs != 1)
        return pyerr_format(pyexc_TypeError, "expected 1 argument, got %d",
                            (int)nargs);
    PyDescr *d = descr_of(self);
    pyval f[4] = {d->get, d->set, d->del, d->doc};
    f[which] = zero_if_none(args[0]);
    if ((d->ob.flags & PYDESCR_GETTER_DOC) && f[0] != 0)
        f[3] = 0; /* the new getter's doc */
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    pyval *call = (pyval *)pyrt_tl.shadowstack;
    for (int i = 0; i < 4; i++)
        PY_PUSHV(none_if_zero(f[i]));
    pyval r =
        pyobj_call(pyval_from_obj((PyObj *)pyval_type(SS(0))), call, 4, NULL);
    if (r != 0 && pyval_is_obj(r) && pyval_obj(r)->layout == PYL_PROPERTY &&
        pytype_is_subtype(pyval_type(r), pytype_property)) {
        pyval name = descr_of(SS(0))->name;
        PyDescr *n = (PyDescr *)pyval_obj(r);
        pyobj_write((PyObj *)n);
        n->name = name;
    }
    pyrt_tl.shadowstack = saved;
    return r;
}

static pyval property_getter(pyval self, const pyval *args, size_t nargs,
                             PyObj *kw)
{
    return property_copy(self, args, nargs, 0);
}

static pyval property_setter(pyval self, const pyval *args, size_t nargs,
                             PyObj *kw)
{
    return property_copy(self, args, nargs, 1);
}

static pyval property_deleter(pyval self, const pyval *args, size_t nargs,
                              PyObj *kw)
{
    return property_copy(self, args, nargs, 2);
}

static pyval property_set_name(pyval self, const pyval *args, size_t nargs,
                               PyObj *kw)
{
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "__set_name__() takes 2 positional arguments but "
                            "%d were given",
                            (int)nargs);
    PyDescr *d = (PyDescr *)pyval_obj(self);
    pyobj_write((PyObj *)d);
    d->name = args[1];
    return py_None;
}

static const struct pymethod_def property_methods[] = {
    {"getter", property_getter, 0, NULL},
    {"setter", property_setter, 0, NULL},
    {"deleter", property_deleter, 0, NULL},
    {"__set_name__", property_set_name, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static pyval property_fget(pyval self)
{
    return none_if_zero(descr_of(self)->get);
}

static pyval property_fset(pyval self)
{
    return none_if_zero(descr_of(self)->set);
}

static pyval property_fdel(pyval self)
{
    return none_if_zero(descr_of(self)->del);
}

static pyval property_doc(pyval self)
{
    return none_if_zero(descr_of(self)->doc);
}

static int property_set_doc(pyval self, pyval value)
{
    PyDescr *d = (PyDescr *)pyval_obj(self);
    pyobj_write((PyObj *)d);
    d->doc = zero_if_none(value);
    return 0;
}

/* f.__isabstractmethod__ as a truth value; no attribute is False */
static int is_abstract(pyval f)
{
    if (f == 0)
        return 0;
    PY_PUSHV(f);
    pyval key = pystr_from_cstr("__isabstractmethod__");
    PY_POPV(f);
    pyval v = key ? pyobj_getattr(f, key) : 0;
    if (v == 0) {
        if (!pyerr_matches(pyexc_AttributeError))
            return -1;
        pyerr_clear();
        return 0;
    }
    return pyobj_truth(v);
}

static pyval property_abstract(pyval self)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    int r = 0;
    for (int i = 0; i < 3 && r == 0; i++) {
        PyDescr *d = descr_of(SS(0));
        r = is_abstract(i == 0 ? d->get : i == 1 ? d->set : d->del);
    }
    pyrt_tl.shadowstack = saved;
    return r < 0 ? 0 : pybool(r);
}

static const struct pygetset_def property_getset[] = {
    {"fget", property_fget, NULL},
    {"fset", property_fset, NULL},
    {"fdel", property_fdel, NULL},
    {"__doc__", property_doc, property_set_doc},
    {"__isabstractmethod__", property_abstract, NULL},
    {NULL, NULL, NULL},
};

/* ------------------------------------------------------------ wrappers */

static int wrapper_init(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    const char *name =
        pyval_type(self) == pytype_staticmethod ||
                pytype_is_subtype(pyval_type(self), pytype_staticmethod)
            ? "staticmethod"
            : "classmethod";
    if (kwnames != NULL) {
        pyerr_format(pyexc_TypeError, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs != 1) {
        pyerr_format(pyexc_TypeError, "%s expected 1 argument, got %d", name,
                     (int)nargs);
        return -1;
    }
    PyDescr *d = (PyDescr *)pyval_obj(self);
    pyobj_write((PyObj *)d);
    d->get = args[0];
    return 0;
}

static pyval wrapper_func(pyval self)
{
    pyval f = descr_of(self)->get;
    if (f == 0)
        return pyerr_format(pyexc_RuntimeError, "uninitialized %T object",
                            self);
    return f;
}

static pyval wrapper_abstract(pyval self)
{
    int r = is_abstract(descr_of(self)->get);
    return r < 0 ? 0 : pybool(r);
}

static const struct pygetset_def wrapper_getset[] = {
    {"__func__", wrapper_func, NULL},
    {"__wrapped__", wrapper_func, NULL},
    {"__isabstractmethod__", wrapper_abstract, NULL},
    {NULL, NULL, NULL},
};

static pyval staticmethod_get(pyval self, pyval obj, pyval type)
{
    return wrapper_func(self);
}

/* a static method is callable itself (3.10+) */
static pyval staticmethod_call(pyval self, const pyval *args, size_t nargs,
                               PyObj *kwnames)
{
    pyval f = wrapper_func(self);
    return f ? pyobj_call(f, args, nargs, kwnames) : 0;
}

static pyval classmethod_get(pyval self, pyval obj, pyval type)
{
    if (type == 0 || type == py_None)
        type = pyval_from_obj((PyObj *)pyval_type(obj));
    pyval f = wrapper_func(self);
    return f ? pymethod_new(f, type) : 0;
}

static const struct pytype_slots property_slots = {
    .new_ = descr_new,
    .init = property_init,
    .descr_get = property_get,
    .descr_set = property_set,
    .methods = property_methods,
    .getset = property_getset,
};
static const struct pytype_slots staticmethod_slots = {
    .new_ = descr_new,
    .init = wrapper_init,
    .call = staticmethod_call,
    .descr_get = staticmethod_get,
    .getset = wrapper_getset,
};
static const struct pytype_slots classmethod_slots = {
    .new_ = descr_new,
    .init = wrapper_init,
    .descr_get = classmethod_get,
    .getset = wrapper_getset,
};

void pydescr_setup_types(void)
{
    pytype_property = pytype_new_builtin("property", &property_slots,
                                         PYL_PROPERTY, NULL, PYTYPE_BASETYPE);
    pytype_staticmethod =
        pytype_new_builtin("staticmethod", &staticmethod_slots, PYL_PROPERTY,
                           NULL, PYTYPE_BASETYPE);
    pytype_classmethod = pytype_new_builtin(
        "classmethod", &classmethod_slots, PYL_PROPERTY, NULL, PYTYPE_BASETYPE);
}
