/* funcobject.h -- functions, closure cells, bound methods and C
 * functions (built-ins and methods of built-in types).
 */
#ifndef PYSTM_FUNCOBJECT_H
#define PYSTM_FUNCOBJECT_H

#include "typeobject.h"

typedef TLPREFIX struct pyfunc_s PyFunc;
typedef TLPREFIX struct pycell_s PyCell;
typedef TLPREFIX struct pymethod_s PyMethod;
typedef TLPREFIX struct pybuiltin_s PyBuiltin;

/* A Python function.  Mutable (defaults, __dict__...): barriers. */
struct pyfunc_s {
    struct pyobj_s ob;
    pyval code;
    pyval globals;  /* dict */
    pyval builtins; /* dict */
    pyval name, qualname, module, doc;
    pyval defaults;    /* tuple or 0 */
    pyval kwdefaults;  /* dict or 0 */
    pyval closure;     /* tuple of cells or 0 */
    pyval annotations; /* dict or 0 */
    pyval dict;        /* __dict__ or 0 */
};

struct pycell_s {
    struct pyobj_s ob;
    pyval value; /* 0: empty */
};

/* a function (or any callable) bound to an instance */
struct pymethod_s {
    struct pyobj_s ob;
    pyval func;
    pyval self;
};

/* A C function: a built-in (self 0), a method of a built-in type bound
   to 'self', or, with PYBUILTIN_DESCRIPTOR, the unbound method found in
   the type's dict (binding it on attribute access). */
#define PYBUILTIN_DESCRIPTOR 0x1
#define PYBUILTIN_CLASS      0x2 /* a classmethod: binds the class */
#define PYBUILTIN_STATIC     0x4

struct pybuiltin_s {
    struct pyobj_s ob;
    const struct pymethod_def *def; /* C memory */
    pyval self;
    PyType *owner; /* the type a descriptor belongs to, or NULL */
    int64_t flags;
};

extern PyType *pytype_function, *pytype_cell, *pytype_method, *pytype_builtin,
    *pytype_method_descriptor, *pytype_getset_descriptor;
/* a data descriptor for a C getter/setter */
pyval pygetset_descriptor(const struct pygetset_def *def, PyType *owner);

pyval pyfunc_new(pyval code, pyval globals, pyval qualname);
pyval pycell_new(pyval value);
pyval pymethod_new(pyval func, pyval self);
/* a built-in function from a static definition */
pyval pybuiltin_new(const struct pymethod_def *def, pyval self);
pyval pybuiltin_descriptor(const struct pymethod_def *def, PyType *owner);

void pyfunc_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pycell_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pymethod_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pybuiltin_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pyfunc_setup_types(void);

#endif
