/* compile_internal.h -- the compiler's intermediate form, shared by
 * compile.c (AST -> blocks of instructions) and assemble.c (blocks ->
 * code object).  Everything here is plain C memory in the AST's arena:
 * no heap object exists until assembly, so nothing needs rooting while
 * compiling.
 */
#ifndef PYSTM_COMPILE_INTERNAL_H
#define PYSTM_COMPILE_INTERNAL_H

#include "../objects/codeobject.h"
#include "../parser/ast.h"
#include "../vm/opcodes.h"
#include "future.h"
#include "symtable.h"

#include <stdbool.h>

/* pseudo-instructions, removed by the assembler: they open and close
   the ranges of the exception table */
enum {
    PSEUDO_SETUP_FINALLY = OP__COUNT, /* handler: depth at setup */
    PSEUDO_SETUP_CLEANUP,             /* handler: depth, lasti pushed */
    PSEUDO_SETUP_WITH,                /* like finally, depth - 1 */
    PSEUDO_POP_BLOCK,
    PSEUDO_JUMP_NO_INTERRUPT, /* a jump that is not a safe point */
    PSEUDO__END
};

typedef struct cblock cblock;

typedef struct cinstr {
    int op;
    int arg;
    cblock *target; /* jumps and SETUP_* */
    struct pycode_pos pos;
} cinstr;

struct cblock {
    cinstr *instr;
    int n, cap;
    cblock *next; /* in emission order */
    int offset;   /* first instruction's index, after assembly */
    int depth;    /* stack depth on entry, -1: not reached yet */
    bool visited;
    /* the handler stack on entry (exception table labelling) */
    cinstr **handlers;
    int nhandlers;
};

enum cconst_kind {
    CCONST_AST, /* a literal of the AST */
    CCONST_NONE,
    CCONST_STR, /* a C string (docstrings, names as values) */
    CCONST_INT,
    CCONST_CODE,    /* a nested unit's code object */
    CCONST_STRTUPLE /* a tuple of str: keyword names, __slots__ ... */
};

typedef struct cunit cunit;

/* loops, try and with statements nested in one function: CPython's
   limit (CO_MAXBLOCKS), "too many statically nested blocks" beyond */
#define PYCOMP_MAX_BLOCKS 20

typedef struct cconst {
    enum cconst_kind kind;
    const pyast_constant *ast;
    const char *str;
    size_t len;
    long integer;
    cunit *code;
    const char **strs;
    int nstrs;
} cconst;

/* a growable array of names */
typedef struct cnames {
    const char **name;
    int n, cap;
    pycomp_index index;
} cnames;

struct cunit {
    pysym_scope *scope;
    const char *name, *qualname;
    cblock *first, *last, *cur;
    cconst *consts;
    int nconsts, capconsts;
    pycomp_index constindex; /* of the shared constants */
    cnames names, varnames, cellvars, freevars;
    int argcount, posonlyargcount, kwonlyargcount;
    int flags;
    int firstlineno;
    struct pycode_pos pos; /* of the node being compiled */
    /* loops and try blocks open around the current point, for break,
       continue and return through finally/with */
    struct fblock {
        enum {
            FB_WHILE,
            FB_FOR,
            FB_TRY_EXCEPT,
            FB_FINALLY_TRY,
            FB_FINALLY_END,
            FB_WITH,
            FB_HANDLER_CLEANUP,
            FB_POP_VALUE,
            FB_EXCEPTION_HANDLER
        } kind;
        cblock *block, *exit;
        pyast_node *datum; /* the finally body, the with statement */
    } fblock[PYCOMP_MAX_BLOCKS];
    int nfblocks;
    cunit *parent;
};

struct compiler {
    pyast_arena *arena;
    pysym_table st;
    const char *filename;
    cunit *u;
    bool interactive;
    struct pycomp_future future; /* flags: also compile()'s */
    bool unparse_failed;         /* an exception is set */
    /* the first SyntaxError: message and position */
    const char *error;
    struct pycode_pos error_pos;
};

/* assemble.c: the code object of a finished unit (and its children).
   Returns 0 with an exception set. */
pyval pycomp_assemble(struct compiler *c, cunit *u);
int pycomp_stack_effect(int op, int arg, bool jump);
/* the value of an AST constant (0 with an exception) */
pyval pycomp_constant_value(const pyast_constant *v);

#endif
