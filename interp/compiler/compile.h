/* compile.h -- the compiler: AST -> code object (design: doc/pystm.md).
 */
#ifndef PYSTM_COMPILE_H
#define PYSTM_COMPILE_H

#include "../parser/parser.h"
#include "../runtime/object.h"

/* Inside a transaction.  The code object of a module (PYPARSE_EXEC), an
   expression (PYPARSE_EVAL) or an interactive statement (PYPARSE_SINGLE,
   whose expression statements print their values).  Returns 0 with a
   SyntaxError set (or MemoryError). */
pyval pycomp_compile(pyast_node *mod, const char *filename, pyparse_mode mode,
                     pyast_arena *arena);
/* the same with compile()'s flags (CPython's values: the future features
   of future.h) */
pyval pycomp_compile_flags(pyast_node *mod, const char *filename,
                           pyparse_mode mode, pyast_arena *arena, int flags);

#endif
