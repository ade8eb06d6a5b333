/* exceptionobject.c -- exception instances and the built-in exception
 * types (the behaviour of their methods: exceptionmethods.c).
 */
#include "exceptionobject.h"

#include "typeobject.h"

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

void pyexc_setup_types(void)
{
/* BaseException's base is named 'object' in the table */
#define pyexc_object pytype_object
#define PYEXC_MAKE_(name, base)                                      \
    pyexc_##name =                                                   \
        pytype_new_builtin(#name, NULL, PYL_EXCEPTION, pyexc_##base, \
                           PYTYPE_BASETYPE | PYTYPE_EXC_SUB);
    PYEXC_TYPES(PYEXC_MAKE_)
#undef PYEXC_MAKE_
#undef pyexc_object
}
