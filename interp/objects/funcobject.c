/* funcobject.c -- Python functions, cells, bound methods and C functions:
 * construction, calling (Python functions through the VM), binding as
 * descriptors, and reprs.
 */
#include "funcobject.h"

#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../vm/vm.h"
#include "abstract.h"
#include "classobject.h"
#include "dictobject.h"
#include "codeobject.h"
#include "exceptionobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

PyType *pytype_function, *pytype_cell, *pytype_method, *pytype_builtin,
    *pytype_method_descriptor, *pytype_getset_descriptor;

void pyfunc_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyfunc_s *f = (struct pyfunc_s *)o;
    pyval_visit(&f->code, visit);
    pyval_visit(&f->globals, visit);
    pyval_visit(&f->builtins, visit);
    pyval_visit(&f->name, visit);
    pyval_visit(&f->qualname, visit);
    pyval_visit(&f->module, visit);
    pyval_visit(&f->doc, visit);
    pyval_visit(&f->defaults, visit);
    pyval_visit(&f->kwdefaults, visit);
    pyval_visit(&f->closure, visit);
    pyval_visit(&f->annotations, visit);
    pyval_visit(&f->dict, visit);
}

void pycell_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    pyval_visit(&((struct pycell_s *)o)->value, visit);
}

void pymethod_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    pyval_visit(&((struct pymethod_s *)o)->func, visit);
    pyval_visit(&((struct pymethod_s *)o)->self, visit);
}

void pybuiltin_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pybuiltin_s *b = (struct pybuiltin_s *)o;
    pyval_visit(&b->self, visit);
    visit((object_t **)&b->owner);
}

/* ------------------------------------------------------------ making */

pyval pyfunc_new(pyval code, pyval globals, pyval qualname)
{
    PY_PUSHV(code);
    PY_PUSHV(globals);
    PY_PUSHV(qualname);
    PyFunc *f = (PyFunc *)pyobj_alloc(sizeof(struct pyfunc_s), PYL_FUNCTION,
                                      pytype_function);
    PY_POPV(qualname);
    PY_POPV(globals);
    PY_POPV(code);
    PyCode *c = (PyCode *)pyval_obj(code);
    f->code = code;
    f->globals = globals;
    f->builtins = 0;
    f->name = c->name;
    f->qualname = qualname ? qualname : c->qualname;
    f->module = 0;
    pyval consts = c->consts;
    f->doc = pytuple_size(consts) > 0 && pyval_is_obj(pytuple_get(consts, 0)) &&
                     pyval_obj(pytuple_get(consts, 0))->layout == PYL_STR &&
                     !(c->flags & PYCODE_GENERATOR && 0)
                 ? pytuple_get(consts, 0)
                 : py_None;
    f->defaults = 0;
    f->kwdefaults = 0;
    f->closure = 0;
    f->annotations = 0;
    f->dict = 0;
    return pyval_from_obj((PyObj *)f);
}

pyval pycell_new(pyval value)
{
    PY_PUSHV(value);
    PyCell *c =
        (PyCell *)pyobj_alloc(sizeof(struct pycell_s), PYL_CELL, pytype_cell);
    PY_POPV(value);
    c->value = value;
    return pyval_from_obj((PyObj *)c);
}

pyval pymethod_new(pyval func, pyval self)
{
    PY_PUSHV(func);
    PY_PUSHV(self);
    PyMethod *m = (PyMethod *)pyobj_alloc(sizeof(struct pymethod_s), PYL_METHOD,
                                          pytype_method);
    PY_POPV(self);
    PY_POPV(func);
    m->func = func;
    m->self = self;
    return pyval_from_obj((PyObj *)m);
}

static pyval new_builtin(const struct pymethod_def *def, pyval self,
                         PyType *owner, int64_t flags)
{
    PY_PUSHV(self);
    PyBuiltin *b = (PyBuiltin *)pyobj_alloc(
        sizeof(struct pybuiltin_s), PYL_BUILTIN,
        (flags & PYBUILTIN_DESCRIPTOR) ? pytype_method_descriptor
                                       : pytype_builtin);
    PY_POPV(self);
    b->def = def;
    b->self = self;
    b->owner = owner;
    b->flags = flags;
    return pyval_from_obj((PyObj *)b);
}

pyval pybuiltin_new(const struct pymethod_def *def, pyval self)
{
    return new_builtin(def, self, NULL, 0);
}

pyval pybuiltin_descriptor(const struct pymethod_def *def, PyType *owner)
{
    int64_t flags = PYBUILTIN_DESCRIPTOR;
    if (def->flags & PYMETH_CLASS)
        flags |= PYBUILTIN_CLASS;
    if (def->flags & PYMETH_STATIC)
        flags |= PYBUILTIN_STATIC;
    return new_builtin(def, 0, owner, flags);
}

/* ------------------------------------------------------------ calling */

static pyval function_call(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    return pyvm_call_function(self, args, nargs, kwnames);
}

/* self prepended: the arguments are copied to the shadow stack, which
   keeps them rooted and where the callee may read them */
static pyval method_call(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    PyMethod *m = (PyMethod *)pyval_obj(self);
    size_t nkw = kwnames ? (size_t)pytuple_size(pyval_from_obj(kwnames)) : 0;
    struct stm_shadowentry_s *base = pyrt_tl.shadowstack;
    PY_PUSHV(pyval_from_obj(kwnames));
    pyval *copy = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(m->self);
    for (size_t i = 0; i < nargs + nkw; i++)
        PY_PUSHV(args[i]);
    pyval r = pyobj_call(m->func, copy, nargs + 1,
                         (PyObj *)pyval_obj((pyval)base->ss));
    pyrt_tl.shadowstack = base;
    return r;
}

static pyval builtin_call(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    PyBuiltin *b = (PyBuiltin *)pyval_obj(self);
    /* the wrappers of slots need the type they belong to */
    pyslot_owner = b->owner;
    if (b->flags & PYBUILTIN_DESCRIPTOR) {
        /* an unbound method: the first argument is self */
        if (b->flags & PYBUILTIN_STATIC)
            return b->def->fn(0, args, nargs, kwnames);
        if (nargs == 0)
            return pyerr_format(pyexc_TypeError,
                                "unbound method %s.%s() needs an argument",
                                pytype_name(b->owner), b->def->name);
        /* the C function trusts its self's layout: check it */
        if (b->owner != NULL && !(b->flags & PYBUILTIN_CLASS) &&
            !pytype_is_subtype(pyval_type(args[0]), b->owner))
            return pyerr_format(pyexc_TypeError,
                                "descriptor '%s' for '%s' objects doesn't "
                                "apply to a '%T' object",
                                b->def->name, pytype_name(b->owner), args[0]);
        return b->def->fn(args[0], args + 1, nargs - 1, kwnames);
    }
    return b->def->fn(b->self, args, nargs, kwnames);
}

static pyval function_get(pyval self, pyval obj, pyval type)
{
    if (obj == 0 || obj == py_None)
        return self;
    return pymethod_new(self, obj);
}

static pyval builtin_get(pyval self, pyval obj, pyval type)
{
    PyBuiltin *b = (PyBuiltin *)pyval_obj(self);
    if (!(b->flags & PYBUILTIN_DESCRIPTOR))
        return self;
    if (b->flags & PYBUILTIN_STATIC)
        return new_builtin(b->def, 0, b->owner, 0);
    if (b->flags & PYBUILTIN_CLASS)
        return new_builtin(
            b->def, type ? type : pyval_from_obj((PyObj *)pyval_type(obj)),
            b->owner, 0);
    if (obj == 0 || obj == py_None)
        return self;
    return new_builtin(b->def, obj, b->owner, 0);
}

/* ------------------------------------------------------------ reprs */

static pyval function_repr(pyval self)
{
    PyFunc *f = (PyFunc *)pyval_obj(self);
    char buf[300];
    snprintf(buf, sizeof(buf), "<function %s at 0x%lx>",
             pystr_utf8(f->qualname), (unsigned long)stm_id((object_t *)self));
    return pystr_from_cstr(buf);
}

static pyval builtin_repr(pyval self)
{
    PyBuiltin *b = (PyBuiltin *)pyval_obj(self);
    char buf[300];
    if (b->flags & PYBUILTIN_DESCRIPTOR)
        snprintf(buf, sizeof(buf), "<method '%s' of '%s' objects>",
                 b->def->name, pytype_name(b->owner));
    else if (b->self == 0)
        snprintf(buf, sizeof(buf), "<built-in function %s>", b->def->name);
    else if (pyval_is_obj(b->self) && pyval_obj(b->self)->layout == PYL_TYPE)
        snprintf(buf, sizeof(buf),
                 "<built-in method %s of type object at "
                 "0x%lx>",
                 b->def->name, (unsigned long)stm_id((object_t *)b->self));
    else
        snprintf(buf, sizeof(buf), "<built-in method %s of %s object at 0x%lx>",
                 b->def->name, pytype_name(pyval_type(b->self)),
                 (unsigned long)stm_id((object_t *)b->self));
    return pystr_from_cstr(buf);
}

static pyval method_repr(pyval self)
{
    PyMethod *m = (PyMethod *)pyval_obj(self);
    pyval func = m->func;
    pyval name = 0;
    if (pyval_is_obj(func) && pyval_obj(func)->layout == PYL_FUNCTION)
        name = ((PyFunc *)pyval_obj(func))->qualname;
    PY_PUSHV(self);
    PY_PUSHV(name);
    pyval r = pyobj_repr(((PyMethod *)pyval_obj(self))->self);
    PY_POPV(name);
    PY_POPV(self);
    if (r == 0)
        return 0;
    char buf[600];
    snprintf(buf, sizeof(buf), "<bound method %s of %s>",
             name ? pystr_utf8(name) : "?", pystr_utf8(r));
    return pystr_from_cstr(buf);
}

/* getset descriptors: a PYL_BUILTIN whose 'def' is a pygetset_def */
pyval pygetset_descriptor(const struct pygetset_def *def, PyType *owner)
{
    PyBuiltin *b = (PyBuiltin *)pyobj_alloc(
        sizeof(struct pybuiltin_s), PYL_BUILTIN, pytype_getset_descriptor);
    b->def = (const struct pymethod_def *)(const void *)def;
    b->self = 0;
    b->owner = owner;
    b->flags = 0;
    return pyval_from_obj((PyObj *)b);
}

static const struct pygetset_def *getset_of(pyval self)
{
    return (const struct pygetset_def *)(const void *)((PyBuiltin *)pyval_obj(
                                                           self))
        ->def;
}

static pyval getset_get(pyval self, pyval obj, pyval type)
{
    if (obj == 0)
        return self;
    return getset_of(self)->get(obj);
}

static int getset_set(pyval self, pyval obj, pyval value)
{
    const struct pygetset_def *d = getset_of(self);
    if (d->set == NULL) {
        pyerr_format(pyexc_AttributeError,
                     "attribute '%s' of '%s' objects is not writable", d->name,
                     pytype_name(((PyBuiltin *)pyval_obj(self))->owner));
        return -1;
    }
    return d->set(obj, value);
}

static const struct pytype_slots getset_slots = {
    .descr_get = getset_get,
    .descr_set = getset_set,
};

/* ------------------------------------------------------------ attributes */

/* A function's special attributes are data descriptors on its type;
   any other attribute lives in its __dict__ (made on first use). */

static PyFunc *func_of(pyval self)
{
    PyFunc *f = (PyFunc *)pyval_obj(self);
    pyobj_read((PyObj *)f);
    return f;
}

static int set_func_field(pyval self, size_t offset, pyval value)
{
    PyFunc *f = (PyFunc *)pyval_obj(self);
    pyobj_write((PyObj *)f);
    *(TLPREFIX pyval *)((TLPREFIX char *)f + offset) = value;
    return 0;
}

static bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

static pyval func_get_name(pyval self)
{
    return func_of(self)->name;
}

static int func_set_name(pyval self, pyval value)
{
    if (value == 0 || !is_str(value)) {
        pyerr_format(pyexc_TypeError,
                     "__name__ must be set to a string object");
        return -1;
    }
    return set_func_field(self, offsetof(struct pyfunc_s, name), value);
}

static pyval func_get_qualname(pyval self)
{
    return func_of(self)->qualname;
}

static int func_set_qualname(pyval self, pyval value)
{
    if (value == 0 || !is_str(value)) {
        pyerr_format(pyexc_TypeError,
                     "__qualname__ must be set to a string object");
        return -1;
    }
    return set_func_field(self, offsetof(struct pyfunc_s, qualname), value);
}

static pyval func_get_doc(pyval self)
{
    pyval doc = func_of(self)->doc;
    return doc ? doc : py_None;
}

static int func_set_doc(pyval self, pyval value)
{
    return set_func_field(self, offsetof(struct pyfunc_s, doc),
                          value ? value : py_None);
}

static pyval func_get_module(pyval self)
{
    pyval module = func_of(self)->module;
    return module ? module : py_None;
}

static int func_set_module(pyval self, pyval value)
{
    return set_func_field(self, offsetof(struct pyfunc_s, module),
                          value ? value : py_None);
}

static pyval func_get_dict(pyval self)
{
    return pyobj_instance_dict(self, true);
}

static int func_set_dict(pyval self, pyval value)
{
    if (value == 0) {
        pyerr_format(pyexc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!pyval_is_obj(value) ||
        !pytype_is_subtype(pyval_type(value), pytype_dict)) {
        pyerr_format(pyexc_TypeError,
                     "__dict__ must be set to a dictionary, not a '%T'", value);
        return -1;
    }
    return set_func_field(self, offsetof(struct pyfunc_s, dict), value);
}

static pyval func_get_defaults(pyval self)
{
    pyval d = func_of(self)->defaults;
    return d ? d : py_None;
}

static int func_set_defaults(pyval self, pyval value)
{
    if (value == py_None)
        value = 0;
    if (value != 0 &&
        !(pyval_is_obj(value) && pyval_obj(value)->layout == PYL_TUPLE)) {
        pyerr_format(pyexc_TypeError,
                     "__defaults__ must be set to a tuple object");
        return -1;
    }
    if (value != 0 && pytuple_size(value) == 0)
        value = 0;
    return set_func_field(self, offsetof(struct pyfunc_s, defaults), value);
}

static pyval func_get_kwdefaults(pyval self)
{
    pyval d = func_of(self)->kwdefaults;
    return d ? d : py_None;
}

static int func_set_kwdefaults(pyval self, pyval value)
{
    if (value == py_None)
        value = 0;
    if (value != 0 &&
        !(pyval_is_obj(value) && pyval_obj(value)->layout == PYL_DICT)) {
        pyerr_format(pyexc_TypeError,
                     "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    return set_func_field(self, offsetof(struct pyfunc_s, kwdefaults), value);
}

/* MAKE_FUNCTION leaves a tuple (name, value, name, value...): the dict
   is made when first asked for */
static pyval func_get_annotations(pyval self)
{
    pyval a = func_of(self)->annotations;
    if (a != 0 && pyval_obj(a)->layout == PYL_DICT)
        return a;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    pyval d = pydict_new();
    PY_PUSHV(d);
    /* the function, the tuple and the dict move as the dict grows:
       read them again from the shadow stack each time */
    for (int64_t i = 0; d != 0; i += 2) {
        a = func_of((pyval)saved[0].ss)->annotations;
        if (a == 0 || i + 1 >= pytuple_size(a))
            break;
        if (pydict_set((pyval)saved[1].ss, pytuple_get(a, i),
                       pytuple_get(a, i + 1)) < 0)
            d = 0;
    }
    self = (pyval)saved[0].ss;
    if (d != 0)
        d = (pyval)saved[1].ss;
    pyrt_tl.shadowstack = saved;
    if (d == 0)
        return 0;
    set_func_field(self, offsetof(struct pyfunc_s, annotations), d);
    return d;
}

static int func_set_annotations(pyval self, pyval value)
{
    if (value == py_None)
        value = 0;
    if (value != 0 &&
        !(pyval_is_obj(value) && pyval_obj(value)->layout == PYL_DICT)) {
        pyerr_format(pyexc_TypeError,
                     "__annotations__ must be set to a dict object");
        return -1;
    }
    return set_func_field(self, offsetof(struct pyfunc_s, annotations), value);
}

static pyval func_get_globals(pyval self)
{
    return func_of(self)->globals;
}

static pyval func_get_closure(pyval self)
{
    pyval c = func_of(self)->closure;
    return c ? c : py_None;
}

static pyval func_get_code(pyval self)
{
    return func_of(self)->code;
}

static pyval function_get_builtins(pyval self)
{
    return func_of(self)->builtins;
}

static const struct pygetset_def function_getset[] = {
    {"__name__", func_get_name, func_set_name},
    {"__qualname__", func_get_qualname, func_set_qualname},
    {"__doc__", func_get_doc, func_set_doc},
    {"__module__", func_get_module, func_set_module},
    {"__dict__", func_get_dict, func_set_dict},
    {"__defaults__", func_get_defaults, func_set_defaults},
    {"__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults},
    {"__annotations__", func_get_annotations, func_set_annotations},
    {"__globals__", func_get_globals, NULL},
    {"__closure__", func_get_closure, NULL},
    {"__code__", func_get_code, NULL},
    {"__builtins__", function_get_builtins, NULL},
    {NULL, NULL, NULL},
};

static pyval function_getattr(pyval self, PyObj *name)
{
    return pyobj_getattr_with_dict(self, pyval_from_obj(name));
}

static int function_setattr(pyval self, PyObj *name, pyval value)
{
    return pyobj_setattr_with_dict(self, pyval_from_obj(name), value);
}

static const struct pytype_slots function_slots = {
    .repr = function_repr,
    .call = function_call,
    .descr_get = function_get,
    .getattr = function_getattr,
    .setattr = function_setattr,
    .getset = function_getset,
};
/* a bound method: __func__, __self__, and the function's attributes */
static pyval method_get_func(pyval self)
{
    PyMethod *m = (PyMethod *)pyval_obj(self);
    pyobj_read((PyObj *)m);
    return m->func;
}

static pyval method_get_self(pyval self)
{
    PyMethod *m = (PyMethod *)pyval_obj(self);
    pyobj_read((PyObj *)m);
    return m->self;
}

static const struct pygetset_def method_getset[] = {
    {"__func__", method_get_func, NULL},
    {"__self__", method_get_self, NULL},
    {NULL, NULL, NULL},
};

static pyval method_getattr(pyval self, PyObj *name)
{
    pyval key = pyval_from_obj(name);
    PY_PUSHV(self);
    PY_PUSHV(key);
    pyval r = pyobj_generic_getattr(self, key);
    PY_POPV(key);
    PY_POPV(self);
    if (r != 0 || pyerr_occurred())
        return r;
    return pyobj_getattr(method_get_func(self), key);
}

static const struct pytype_slots method_slots = {
    .repr = method_repr,
    .call = method_call,
    .getattr = method_getattr,
    .getset = method_getset,
};
/* a C function's __name__, __qualname__ ("list.append"), __doc__ (None
   when its table has none) and __self__ */
static pyval builtin_name(pyval self)
{
    return pystr_from_cstr(((PyBuiltin *)pyval_obj(self))->def->name);
}

static pyval builtin_qualname(pyval self)
{
    PyBuiltin *b = (PyBuiltin *)pyval_obj(self);
    if (b->owner == NULL)
        return pystr_from_cstr(b->def->name);
    char buf[300];
    snprintf(buf, sizeof(buf), "%s.%s", pytype_name(b->owner), b->def->name);
    return pystr_from_cstr(buf);
}

static pyval builtin_doc(pyval self)
{
    const char *doc = ((PyBuiltin *)pyval_obj(self))->def->doc;
    return doc ? pystr_from_cstr(doc) : py_None;
}

static pyval builtin_self(pyval self)
{
    PyBuiltin *b = (PyBuiltin *)pyval_obj(self);
    return b->self ? b->self : py_None;
}

static const struct pygetset_def builtin_getset[] = {
    {"__name__", builtin_name, NULL},
    {"__qualname__", builtin_qualname, NULL},
    {"__doc__", builtin_doc, NULL},
    {"__self__", builtin_self, NULL},
    {NULL, NULL, NULL},
};

static const struct pytype_slots builtin_slots = {
    .repr = builtin_repr,
    .call = builtin_call,
    .descr_get = builtin_get,
    .getset = builtin_getset,
};
/* cell_contents: ValueError while the cell is empty */
static pyval cell_get_contents(pyval self)
{
    PyCell *c = (PyCell *)pyval_obj(self);
    pyobj_read((PyObj *)c);
    if (c->value == 0)
        return pyerr_format(pyexc_ValueError, "Cell is empty");
    return c->value;
}

static int cell_set_contents(pyval self, pyval value)
{
    PyCell *c = (PyCell *)pyval_obj(self);
    pyobj_write((PyObj *)c);
    c->value = value;
    return 0;
}

static const struct pygetset_def cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents},
    {NULL, NULL, NULL},
};

static const struct pytype_slots cell_slots = {
    .getset = cell_getset,
};

void pyfunc_setup_types(void)
{
    pytype_function =
        pytype_new_builtin("function", &function_slots, PYL_FUNCTION, NULL, 0);
    pytype_cell = pytype_new_builtin("cell", &cell_slots, PYL_CELL, NULL, 0);
    pytype_method =
        pytype_new_builtin("method", &method_slots, PYL_METHOD, NULL, 0);
    pytype_builtin = pytype_new_builtin("builtin_function_or_method",
                                        &builtin_slots, PYL_BUILTIN, NULL, 0);
    pytype_method_descriptor = pytype_new_builtin(
        "method_descriptor", &builtin_slots, PYL_BUILTIN, NULL, 0);
    pytype_getset_descriptor = pytype_new_builtin(
        "getset_descriptor", &getset_slots, PYL_BUILTIN, NULL, 0);
}
