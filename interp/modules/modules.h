/* modules.h -- the built-in modules. */
#ifndef PYSTM_MODULES_H
#define PYSTM_MODULES_H

#include "../objects/moduleobject.h"
#include "../runtime/object.h"

/* in a transaction: a fresh builtins namespace */
pyval pymod_builtins_dict(void);

/* the built-in modules, ended by a NULL name */
extern const struct pymodule_def pymod_table[];
/* sys.argv's C strings, kept for the sys module */
void pymod_sys_argv(int argc, char **argv);

#endif
