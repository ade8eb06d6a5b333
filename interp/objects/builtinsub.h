/* builtinsub.h -- instances of classes derived from built-in types: the
 * built-in layout plus an attribute word (see builtinsub.c). */
#ifndef PYSTM_BUILTINSUB_H
#define PYSTM_BUILTINSUB_H

#include "typeobject.h"

/* can a class statement derive from a type whose instances have this
   layout? */
bool pyclass_layout_subclassable(uint16_t layout);
/* the built-in type a class derives its layout from */
PyType *pyclass_builtin_base(PyType *t);
/* v, made by a built-in constructor for cls, as an instance of cls */
pyval pyclass_adopt(PyType *cls, pyval v);
/* cls(...) for a class with a built-in base and no __new__ of its own */
pyval pyclass_builtin_new(PyType *cls, const pyval *args, size_t nargs,
                          PyObj *kwnames);

#endif
