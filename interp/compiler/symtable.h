/* symtable.h -- scopes and the binding of every name (pass 1 of the
 * compiler): which names of a function are locals, cells (captured by
 * an inner function), free (captured from an outer one), or globals.
 * Python's rules: an assignment anywhere in a function makes the name
 * local to it, unless declared `global` or `nonlocal`; class bodies do
 * not provide bindings to the functions inside them.
 */
#ifndef PYSTM_SYMTABLE_H
#define PYSTM_SYMTABLE_H

#include "../parser/ast.h"
#include "keyindex.h"

#include <stdbool.h>

enum pysym_scope_kind {
    PYSYM_MODULE,
    PYSYM_FUNCTION, /* def, lambda, and the hidden comprehension functions */
    PYSYM_CLASS,
};

/* how a name is accessed in a scope, after analysis */
enum pysym_binding {
    PYSYM_LOCAL = 1,       /* a fast local (functions) or locals dict */
    PYSYM_GLOBAL_EXPLICIT, /* `global x` */
    PYSYM_GLOBAL_IMPLICIT, /* not bound here nor in enclosing functions */
    PYSYM_FREE,            /* bound in an enclosing function */
    PYSYM_CELL,            /* local, and captured by an inner function */
};

/* what the source does with a name in a scope (bits) */
#define PYSYM_DEF_LOCAL      0x001 /* assigned, imported, def, class, del */
#define PYSYM_DEF_PARAM      0x002
#define PYSYM_DEF_GLOBAL     0x004
#define PYSYM_DEF_NONLOCAL   0x008
#define PYSYM_USE            0x010
#define PYSYM_DEF_ANNOT      0x020 /* annotated (x: int) */
#define PYSYM_DEF_COMPITER   0x040 /* comprehension iteration variable */
#define PYSYM_DEF_FREE_CLASS 0x080 /* free in a method, seen from a class */

typedef struct pysym_entry {
    const char *name;
    unsigned flags;
    enum pysym_binding binding;
    pyast_node *declared; /* the global or nonlocal statement, if any */
} pysym_entry;

typedef struct pysym_scope pysym_scope;

struct pysym_scope {
    enum pysym_scope_kind kind;
    const char *name; /* "<module>", the function's or class's name */
    pyast_node *node; /* the node that opens it (NULL for the module) */
    pysym_scope *parent;
    pysym_entry *syms; /* in order of first appearance */
    int nsyms, capsyms;
    pycomp_index symindex;  /* of syms, by name */
    pysym_scope **children; /* in source order */
    int nchildren, capchildren;
    bool is_generator;
    bool is_coroutine;
    bool is_comprehension;
    bool is_lambda;
    bool has_varargs, has_varkeywords;
    bool needs_class_closure; /* a method uses __class__ or super() */
    bool child_free;          /* some child has free variables */
    int comp_inlined;         /* unused: comprehensions are functions */
    int comp_iter_expr;       /* > 0: in a comprehension's iterable (no :=) */
    int lineno;
};

typedef struct pysym_table {
    pyast_arena *arena;
    pysym_scope *top;
    /* error: a SyntaxError with position */
    const char *error;
    int error_lineno, error_col, error_end_lineno, error_end_col;
} pysym_table;

/* Builds the scopes of a module (mode exec/single) or an expression.
   Returns false with table->error set (message, position) on a
   SyntaxError such as "name 'x' is parameter and global". */
bool pysym_build(pysym_table *table, pyast_node *mod, pyast_arena *arena);

/* the scope opened by 'node' (a FunctionDef, Lambda, ClassDef or
   comprehension) among the children of 'parent' */
pysym_scope *pysym_child_for(pysym_scope *parent, pyast_node *node);
pysym_entry *pysym_lookup(pysym_scope *s, const char *name);

#endif
