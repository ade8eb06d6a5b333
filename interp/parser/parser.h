/* The pystm parser: Python 3.11 source -> AST (ast.h), for the three
   compile modes.  Errors come back as a pyparse_error record (CPython's
   SyntaxError / IndentationError / TabError with message and position);
   nothing is printed.  See doc/pystm-parser.md. */
#ifndef PYSTM_PARSER_H
#define PYSTM_PARSER_H

#include <stddef.h>

#include "ast.h"
#include "tokenizer.h"

typedef pytok_error pyparse_error;

typedef enum {
    PYPARSE_EXEC,   /* a module: Module */
    PYPARSE_EVAL,   /* one expression: Expression */
    PYPARSE_SINGLE, /* one interactive statement: Interactive */
} pyparse_mode;

/* Parses `len` bytes of source.  On success returns the tree (allocated in
   `arena`) and leaves err->kind == PYERR_NONE; on failure returns NULL and
   fills `err` (its text also in `arena`).  The caller frees the arena when
   done with both. */
pyast_mod *pyparse_source(const char *source, size_t len, pyparse_mode mode,
                          pyast_arena *arena, pyparse_error *err);
/* The same for the UTF-8 text of a str: no BOM, no coding cookie (see
   pytok_tokenize_text). */
pyast_mod *pyparse_source_text(const char *source, size_t len,
                               pyparse_mode mode, pyast_arena *arena,
                               pyparse_error *err);

#endif
