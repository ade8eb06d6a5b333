/* Printing an AST exactly like CPython 3.11's ast.dump(tree) with its
   default arguments (field names shown, no positions, no indent). */
#ifndef PYSTM_ASTDUMP_H
#define PYSTM_ASTDUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"

/* include_attributes: also the positions, like
   ast.dump(tree, include_attributes=True) */
void pyast_dump(FILE *out, const pyast_node *node, bool include_attributes);

/* Python's repr() of a literal value, in a malloc'd string */
char *pyast_constant_repr(const pyast_constant *c);

#endif
