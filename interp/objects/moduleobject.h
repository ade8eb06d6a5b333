/* moduleobject.h -- module objects and the import system: built-in
 * modules (C tables), and .py files found along sys.path. */
#ifndef PYSTM_MODULEOBJECT_H
#define PYSTM_MODULEOBJECT_H

#include "typeobject.h"

typedef TLPREFIX struct pymodule_s PyModule;

/* PYL_MODULE */
struct pymodule_s {
    struct pyobj_s ob;
    pyval dict;
    pyval name;
};

extern PyType *pytype_module;

/* a built-in module: its name and the function filling its dict */
struct pymodule_def {
    const char *name;
    int (*init)(pyval module, pyval *dictp);
};

pyval pymodule_new(pyval name);
/* import NAME (dotted), CPython's IMPORT_NAME: the top package unless
   fromlist is a non-empty tuple */
pyval pyimport(pyval name, pyval fromlist, int64_t level, pyval globals);
/* `from module import name` */
pyval pyimport_from(pyval module, pyval name);
/* from module import * into a namespace dict */
int pyimport_star(pyval module, pyval into);
/* sys.modules, and the sys module (made at setup) */
pyval pyimport_modules(void);
int pymodule_add(pyval *dictp, const char *name, pyval value);

void pymodule_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pymodule_setup_types(void);
/* in the setup transaction: sys.modules (kept alive by the caller) */
pyval pyimport_setup(int argc, char **argv);

#endif
