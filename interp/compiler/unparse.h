/* unparse.h -- expressions back to source text, for the string
 * annotations of "from __future__ import annotations". */
#ifndef PYSTM_UNPARSE_H
#define PYSTM_UNPARSE_H

#include "../parser/ast.h"

/* The text of an expression as CPython 3.11 writes an annotation under
   "from __future__ import annotations", in the arena.  Inside a
   transaction (constants are repr()'d as heap objects); NULL with an
   exception set on failure. */
const char *pycomp_unparse(pyast_arena *arena, pyast_node *e);

/* The SyntaxError message if an annotation holds a walrus, yield or
   await (CPython forbids them in string annotations), *at the node;
   NULL if none. */
const char *pycomp_annotation_misuse(pyast_node *e, pyast_node **at);

#endif
