/* future.h -- the "from __future__ import ..." statements of a module. */
#ifndef PYSTM_FUTURE_H
#define PYSTM_FUTURE_H

#include "../parser/ast.h"

/* the features pystm acts on, with CPython's compiler flag values */
#define PYCOMP_FUTURE_BARRY_AS_BDFL 0x400000
#define PYCOMP_FUTURE_ANNOTATIONS   0x1000000
/* every future flag compile() accepts and code objects inherit */
#define PYCOMP_FUTURE_MASK 0x1fe0000

struct pycomp_future {
    int flags;  /* PYCOMP_FUTURE_... of the module */
    int lineno; /* of the last valid future import; 0 if none */
    /* the first error: message and statement */
    const char *error;
    pyast_node *error_at;
};

/* Reads the future imports at the top of a module or interactive
   statement (after a docstring); messages are static or in the arena. */
void pycomp_future_scan(pyast_node *mod, pyast_arena *arena,
                        struct pycomp_future *out);

#endif
