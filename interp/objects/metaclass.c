/* metaclass.c -- how a class statement makes a class: __build_class__
 * picks the metaclass (the most derived of the explicit one and the
 * bases' types), asks it for a namespace (__prepare__), runs the body in
 * it and calls metaclass(name, bases, namespace, **keywords).  type's
 * own __new__ builds the class (pyclass_new), then gives descriptors
 * their names (__set_name__) and lets the parent classes react
 * (__init_subclass__), as CPython's type.__new__ does.
 */
#include "metaclass.h"

#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../vm/vm.h"
#include "abstract.h"
#include "classobject.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "funcobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <string.h>

#define SS(i) ((pyval)saved[i].ss)

static bool is_type(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_TYPE;
}

/* the metaclass deriving from all of meta and the bases' types; NULL
   with TypeError when there is none */
static PyType *winner(PyType *meta, pyval bases)
{
    for (int64_t i = 0; i < pytuple_size(bases); i++) {
        PyType *bt = pyval_type(pytuple_get(bases, i));
        if (pytype_is_subtype(meta, bt))
            continue;
        if (pytype_is_subtype(bt, meta)) {
            meta = bt;
            continue;
        }
        pyerr_format(pyexc_TypeError,
                     "metaclass conflict: the metaclass of a derived class "
                     "must be a (non-strict) subclass of the metaclasses of "
                     "all its bases");
        return NULL;
    }
    return meta;
}

/* __set_name__(owner, name) of every attribute defining it */
static int set_names(pyval cls)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(cls); /* 0 */
    PyType *t = (PyType *)pyval_obj(cls);
    pyval items = pylist_from_iterable(pyval_from_obj(t->dict));
    if (items == 0)
        goto fail;
    PY_PUSHV(items); /* 1: the names (a copy: __set_name__ may add some) */
    for (int64_t i = 0; i < pylist_len(SS(1)); i++) {
        pyval name = pylist_get(SS(1), i);
        t = (PyType *)pyval_obj(SS(0));
        pyval value = pydict_get_str(pyval_from_obj(t->dict), name);
        /* of the built-in types only property has one */
        if (value == 0 || !pyval_is_obj(value) ||
            !((pyval_type(value)->tflags & PYTYPE_HEAPTYPE) ||
              pyval_type(value) == pytype_property))
            continue;
        bool found;
        pyval args[2] = {SS(0), name};
        pyval r = pyobj_call_dunder(value, "__set_name__", args, 2, &found);
        if (r == 0 && pyerr_occurred())
            goto fail;
    }
    pyrt_tl.shadowstack = saved;
    return 0;
fail:
    pyrt_tl.shadowstack = saved;
    return -1;
}

/* super(cls, cls).__init_subclass__(**kw): the first definition after
   cls along its MRO; object's accepts no keywords */
static int init_subclass(pyval cls, const pyval *kwvalues, PyObj *kwnames)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(cls);                      /* 0 */
    PY_PUSHV(pyval_from_obj(kwnames)); /* 1 */
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    pyval key = pystr_name("__init_subclass__");
    if (key == 0)
        goto fail;
    PyType *t = (PyType *)pyval_obj(SS(0));
    pyval mro = pyval_from_obj(t->mro);
    pyval hook = 0;
    for (int64_t i = 1; hook == 0 && i < pytuple_size(mro); i++) {
        PyType *k = (PyType *)pyval_obj(pytuple_get(mro, i));
        if (k->dict != NULL)
            hook = pydict_get_str(pyval_from_obj(k->dict), key);
    }
    if (hook == 0 || pyval_type(hook) != pytype_classmethod) {
        /* object.__init_subclass__ */
        pyrt_tl.shadowstack = saved;
        if (nkw > 0) {
            pyerr_format(pyexc_TypeError,
                         "%s.__init_subclass__() takes no keyword arguments",
                         pytype_name((PyType *)pyval_obj(cls)));
            return -1;
        }
        return 0;
    }
    pyval fn = ((PyDescr *)pyval_obj(hook))->get;
    pyval *call = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(SS(0));
    for (int64_t i = 0; i < nkw; i++)
        PY_PUSHV(kwvalues[i]);
    pyval r = pyobj_call(fn, call, 1, (PyObj *)pyval_obj(SS(1)));
    pyrt_tl.shadowstack = saved;
    return r == 0 ? -1 : 0;
fail:
    pyrt_tl.shadowstack = saved;
    return -1;
}

pyval pymeta_type_new(PyType *meta, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    if (nargs == 1 && nkw == 0 && meta == pytype_type)
        return pyval_from_obj((PyObj *)pyval_type(args[0]));
    if (nargs != 3)
        return pyerr_format(pyexc_TypeError,
                            meta == pytype_type
                                ? "type() takes 1 or 3 arguments"
                                : "type.__new__() takes exactly 3 arguments "
                                  "(%d given)",
                            (int)nargs);
    if (!pyval_is_obj(args[0]) || pyval_obj(args[0])->layout != PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "type.__new__() argument 1 must be str, not %T",
                            args[0]);
    if (!pyval_is_obj(args[1]) || pyval_obj(args[1])->layout != PYL_TUPLE)
        return pyerr_format(pyexc_TypeError,
                            "type.__new__() argument 2 must be tuple, not %T",
                            args[1]);
    if (!pydict_check(args[2]))
        return pyerr_format(pyexc_TypeError,
                            "type.__new__() argument 3 must be dict, not %T",
                            args[2]);
    meta = winner(meta, args[1]);
    if (meta == NULL)
        return 0;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(pyval_from_obj(kwnames)); /* 0 */
    pyval cls = pyclass_new(meta, args[0], args[1], args[2]);
    if (cls == 0)
        goto fail;
    PY_PUSHV(cls); /* 1 */
    if (set_names(cls) < 0 ||
        init_subclass(SS(1), args + 3, (PyObj *)pyval_obj(SS(0))) < 0)
        goto fail;
    cls = SS(1);
    pyrt_tl.shadowstack = saved;
    return cls;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

int pymeta_type_init(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (nargs != 1 && nargs != 3) {
        pyerr_format(pyexc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

/* the class keywords other than metaclass=, as a kwnames tuple */
static pyval class_keywords(PyObj *kwnames, int64_t skip)
{
    int64_t n = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    if (n - (skip >= 0) == 0)
        return 0;
    PY_PUSHV(pyval_from_obj(kwnames));
    pyval t = pytuple_new(n - (skip >= 0));
    pyval kw;
    PY_POPV(kw);
    if (t == 0)
        return 0;
    for (int64_t i = 0, k = 0; i < n; i++) {
        if (i != skip)
            pytuple_init_item(t, k++, pytuple_get(kw, i));
    }
    return t;
}

pyval pymeta_build_class(const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (nargs < 2)
        return pyerr_format(pyexc_TypeError,
                            "__build_class__: not enough arguments");
    if (!pyval_is_obj(args[0]) || pyval_obj(args[0])->layout != PYL_FUNCTION)
        return pyerr_format(pyexc_TypeError,
                            "__build_class__: func must be a function");
    if (!pyval_is_obj(args[1]) || pyval_obj(args[1])->layout != PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "__build_class__: name is not a string");
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    int64_t meta_index = -1;
    for (int64_t i = 0; i < nkw; i++) {
        pyval k = pytuple_get(pyval_from_obj(kwnames), i);
        if (strcmp(pystr_utf8(k), "metaclass") == 0)
            meta_index = i;
    }
    PY_PUSHV(args[0]); /* 0: the body function */
    PY_PUSHV(args[1]); /* 1: the name */
    PY_PUSHV(pyval_from_obj(kwnames)); /* 2 */
    pyval bases = pytuple_from_array(args + 2, (int64_t)nargs - 2);
    if (bases == 0)
        goto fail;
    PY_PUSHV(bases); /* 3 */
    pyval meta = meta_index >= 0 ? args[nargs + (size_t)meta_index]
                                 : pyval_from_obj((PyObj *)pytype_type);
    if (meta_index < 0 && pytuple_size(bases) > 0)
        meta = pyval_from_obj((PyObj *)pyval_type(pytuple_get(bases, 0)));
    if (is_type(meta)) {
        PyType *w = winner((PyType *)pyval_obj(meta), bases);
        if (w == NULL)
            goto fail;
        meta = pyval_from_obj((PyObj *)w);
    }
    PY_PUSHV(meta); /* 4 */
    pyval kw = class_keywords((PyObj *)pyval_obj(SS(2)), meta_index);
    if (kw == 0 && pyerr_occurred())
        goto fail;
    PY_PUSHV(kw); /* 5: kwnames of the other keywords, or 0 */
    /* the keyword values, in kw's order */
    struct stm_shadowentry_s *kwvalues = pyrt_tl.shadowstack;
    for (int64_t i = 0; i < nkw; i++) {
        if (i != meta_index)
            PY_PUSHV(args[nargs + (size_t)i]);
    }
    int64_t nclass_kw = kw ? pytuple_size(kw) : 0;
    /* the namespace: meta.__prepare__(name, bases, **kw) or a dict */
    pyval ns = 0;
    pyval prepare_name = pystr_name("__prepare__");
    if (prepare_name == 0)
        goto fail;
    pyval prepare = is_type(SS(4)) ? pytype_lookup(((PyType *)pyval_obj(SS(4))),
                                                   prepare_name)
                                   : 0;
    if (prepare != 0 && pyval_obj(prepare)->layout != PYL_BUILTIN) {
        pyval *call = (pyval *)pyrt_tl.shadowstack;
        PY_PUSHV(SS(1));
        PY_PUSHV(SS(3));
        for (int64_t i = 0; i < nclass_kw; i++)
            PY_PUSHV((pyval)kwvalues[i].ss);
        pyval fn = prepare;
        if (pyval_type(fn) == pytype_classmethod ||
            pyval_type(fn) == pytype_staticmethod)
            fn = ((PyDescr *)pyval_obj(fn))->get;
        if (pyval_type(prepare) == pytype_classmethod) {
            /* bound to the metaclass: it goes first */
            pyval *with_cls = (pyval *)pyrt_tl.shadowstack;
            PY_PUSHV(SS(4));
            for (int64_t i = 0; i < 2 + nclass_kw; i++)
                PY_PUSHV(call[i]);
            call = with_cls;
            ns = pyobj_call(fn, call, 3, (PyObj *)pyval_obj(SS(5)));
        } else {
            ns = pyobj_call(fn, call, 2, (PyObj *)pyval_obj(SS(5)));
        }
        pyrt_tl.shadowstack = kwvalues + nclass_kw;
        if (ns != 0 && !pydict_check(ns)) {
            pyerr_format(pyexc_TypeError,
                         "%U.__prepare__() must return a mapping, not %T",
                         pyval_from_obj(((PyType *)pyval_obj(SS(4)))->name), ns);
            goto fail;
        }
    } else {
        ns = pydict_new();
    }
    if (ns == 0)
        goto fail;
    PY_PUSHV(ns);
    pyval *nsp = (pyval *)pyrt_tl.shadowstack - 1;
    /* the body, run with the namespace as its locals */
    PyFunc *body = (PyFunc *)pyval_obj(SS(0));
    PyFrame *f = pyframe_new(body->code, body->globals,
                             body->builtins ? body->builtins : pyvm_builtins,
                             *nsp, SS(0));
    PY_PUSH(f);
    PyFrame **fp = (PyFrame **)&pyrt_tl.shadowstack[-1].ss;
    if (pyvm_bind_arguments(fp, SS(0), NULL, 0, NULL) < 0)
        goto fail;
    if (pyvm_run_frame(*fp) == 0)
        goto fail;
    PY_DROP();
    /* meta(name, bases, ns, **kw) */
    pyval *call = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(SS(1));
    PY_PUSHV(SS(3));
    PY_PUSHV(*nsp);
    for (int64_t i = 0; i < nclass_kw; i++)
        PY_PUSHV((pyval)kwvalues[i].ss);
    pyval cls = pyobj_call(SS(4), call, 3, (PyObj *)pyval_obj(SS(5)));
    pyrt_tl.shadowstack = saved;
    return cls;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}
