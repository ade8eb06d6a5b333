/* modules.h -- the built-in modules. */
#ifndef PYSTM_MODULES_H
#define PYSTM_MODULES_H

#include "../runtime/object.h"

/* in a transaction: a fresh builtins namespace */
pyval pymod_builtins_dict(void);

#endif
