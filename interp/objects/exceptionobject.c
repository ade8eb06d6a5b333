/* exceptionobject.c -- exception instances and the built-in exception
 * types (the behaviour of their methods: exceptionmethods.c).
 */
#include "exceptionobject.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <string.h>

#define PYEXC_DEFINE_(name, base) PyType *pyexc_##name;
PYEXC_TYPES(PYEXC_DEFINE_)
#undef PYEXC_DEFINE_

size_t pyexc_gc_size(struct pyobj_s *o)
{
    return sizeof(struct pyexc_s);
}

void pyexc_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyexc_s *e = (struct pyexc_s *)o;
    pyval_visit(&e->args, visit);
    pyval_visit(&e->traceback, visit);
    pyval_visit(&e->cause, visit);
    pyval_visit(&e->context, visit);
    pyval_visit(&e->dict, visit);
}

pyval pyexc_new(PyType *type, pyval args)
{
    PY_PUSHV(args);
    PyExc *e =
        (PyExc *)pyobj_alloc(sizeof(struct pyexc_s), PYL_EXCEPTION, type);
    PY_POPV(args);
    e->args = args;
    e->traceback = 0;
    e->cause = 0;
    e->context = 0;
    e->dict = 0;
    e->suppress_context = 0;
    return pyval_from_obj((PyObj *)e);
}

static pyval exc_new(PyType *type, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0)
        return pyerr_format(pyexc_TypeError, "%s() takes no keyword arguments",
                            pytype_name(type));
    pyval t = pytuple_from_array(args, (int64_t)nargs);
    return pyexc_new(type, t);
}

/* str(e): '' without arguments, str(arg) with one, str(args) else;
   KeyError shows its one argument's repr */
static pyval exc_str(pyval self)
{
    pyval args = ((PyExc *)pyval_obj(self))->args;
    int64_t n = pytuple_size(args);
    if (n == 0)
        return pystr_from_utf8("", 0);
    if (n == 1) {
        pyval a = pytuple_get(args, 0);
        if (pytype_is_subtype(pyval_type(self), pyexc_KeyError))
            return pyobj_repr(a);
        return pyobj_str(a);
    }
    return pyobj_str(args);
}

/* ValueError('x') */
static pyval exc_repr(pyval self)
{
    PY_PUSHV(self);
    pyval args = ((PyExc *)pyval_obj(self))->args;
    pyval inner = pytuple_size(args) == 1 ? pyobj_repr(pytuple_get(args, 0))
                                          : pyobj_repr(args);
    PY_POPV(self);
    if (inner == 0)
        return 0;
    const char *name = pytype_name(pyval_type(self));
    const char *text = pystr_utf8(inner);
    size_t n = strlen(name), m = (size_t)pystr_nbytes(inner);
    if (pytuple_size(((PyExc *)pyval_obj(self))->args) == 1) {
        char buf[4096];
        if (n + m + 3 < sizeof(buf)) {
            memcpy(buf, name, n);
            buf[n] = '(';
            memcpy(buf + n + 1, text, m);
            buf[n + 1 + m] = ')';
            return pystr_from_utf8(buf, n + m + 2);
        }
    }
    char buf[4096];
    if (n + m + 1 < sizeof(buf)) {
        memcpy(buf, name, n);
        memcpy(buf + n, text, m);
        return pystr_from_utf8(buf, n + m);
    }
    return pyerr_no_memory();
}

static const struct pytype_slots exc_slots = {
    .new_ = exc_new,
    .str = exc_str,
    .repr = exc_repr,
};

void pyexc_setup_types(void)
{
/* BaseException's base is named 'object' in the table */
#define pyexc_object pytype_object
#define PYEXC_MAKE_(name, base)                                            \
    pyexc_##name =                                                         \
        pytype_new_builtin(#name, &exc_slots, PYL_EXCEPTION, pyexc_##base, \
                           PYTYPE_BASETYPE | PYTYPE_EXC_SUB);
    PYEXC_TYPES(PYEXC_MAKE_)
#undef PYEXC_MAKE_
#undef pyexc_object
}
