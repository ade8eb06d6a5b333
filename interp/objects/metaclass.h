/* metaclass.h -- the class statement's protocol: __build_class__,
 * metaclasses, __prepare__, type.__new__, __set_name__ and
 * __init_subclass__ (metaclass.c). */
#ifndef PYSTM_METACLASS_H
#define PYSTM_METACLASS_H

#include "typeobject.h"

/* __build_class__(func, name, *bases, metaclass=..., **kw) */
pyval pymeta_build_class(const pyval *args, size_t nargs, PyObj *kwnames);
/* type.__new__(meta, name, bases, ns, **kw), and type(x) */
pyval pymeta_type_new(PyType *meta, const pyval *args, size_t nargs,
                      PyObj *kwnames);
int pymeta_type_init(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames);

#endif
