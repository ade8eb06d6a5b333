/* codeobject.h -- code objects: immutable compiled functions.
 *
 * The instructions, their source positions and the exception table are
 * stored inline after the fixed fields:
 *     uint32_t instr[ninstr];
 *     struct pycode_pos pos[ninstr];
 *     struct pycode_handler handler[nhandlers];
 * A code object never changes, so the VM reads it without barriers.
 */
#ifndef PYSTM_CODEOBJECT_H
#define PYSTM_CODEOBJECT_H

#include "../runtime/object.h"
#include "tupleobject.h"

typedef TLPREFIX struct pycode_s PyCode;
struct pytype_slots;

/* co_flags, CPython's values */
#define PYCODE_OPTIMIZED   0x0001
#define PYCODE_NEWLOCALS   0x0002
#define PYCODE_VARARGS     0x0004
#define PYCODE_VARKEYWORDS 0x0008
#define PYCODE_NESTED      0x0010
#define PYCODE_GENERATOR   0x0020
#define PYCODE_NOFREE      0x0040
#define PYCODE_COROUTINE   0x0080

struct pycode_pos {
    int32_t line, end_line; /* 0: no position (artificial instruction) */
    int32_t col, end_col;   /* UTF-8 byte offsets, -1: unknown */
};

/* instructions [start, end) are protected by 'target'; unwinding keeps
   'depth' stack items, then pushes the exception (and the offset of the
   failing instruction first when 'lasti') */
struct pycode_handler {
    int32_t start, end, target;
    int32_t depth : 31;
    uint32_t lasti : 1;
};

struct pycode_s {
    struct pyobj_s ob;
    pyval consts;   /* tuple */
    pyval names;    /* tuple of interned str: globals, attributes */
    pyval varnames; /* tuple: arguments first, then other locals */
    pyval cellvars; /* tuple: locals captured by inner functions */
    pyval freevars; /* tuple: captured from outer functions */
    pyval filename, name, qualname;
    int32_t argcount, posonlyargcount, kwonlyargcount;
    int32_t flags;
    int32_t nlocals; /* len(varnames) */
    int32_t nslots;  /* locals + cells + frees + stack */
    int32_t stacksize;
    int32_t firstlineno;
    int32_t ninstr, nhandlers;
    /* for each cell, the argument it starts from (-1: none) */
    int32_t cell2arg_offset; /* bytes from data[] to an int32 array, or 0 */
    int32_t pad;
    void *cache; /* C memory: the VM's inline caches (hints, never traced) */
    uint32_t data[];
};

extern PyType *pytype_code;

static inline const uint32_t *pycode_instr_real(PyCode *c)
{
    return (const uint32_t *)(pyobj_real((PyObj *)c) +
                              offsetof(struct pycode_s, data));
}

static inline const struct pycode_pos *pycode_pos_real(PyCode *c)
{
    return (const struct pycode_pos *)(pycode_instr_real(c) +
                                       ((c->ninstr + 1) & ~1));
}

static inline const struct pycode_handler *pycode_handlers_real(PyCode *c)
{
    return (const struct pycode_handler *)(pycode_pos_real(c) + c->ninstr);
}

/* a call with exactly nargs positional arguments binds them to the
   first slots and nothing else: no *args, **kwargs, keyword-only
   parameters, defaults to fill, or cells to make */
static inline bool pycode_is_simple_call(PyCode *c, size_t nargs)
{
    return !(c->flags & (PYCODE_VARARGS | PYCODE_VARKEYWORDS)) &&
           c->kwonlyargcount == 0 && (size_t)c->argcount == nargs &&
           pytuple_size(c->cellvars) == 0 && pytuple_size(c->freevars) == 0;
}

/* codeobject.c: the co_* attributes, co_positions() and the repr */
extern const struct pytype_slots pycode_slots;
/* the line of instruction i (an artificial one: its predecessor's;
   none: co_firstlineno) */
int64_t pycode_line_at(PyCode *c, int64_t i);

size_t pycode_gc_size(struct pyobj_s *o);
void pycode_gc_trace(struct pyobj_s *o, void visit(object_t **));

#endif
