/* frame.h -- frames: the state of one Python call, in the heap (so that
 * the GC sees every value, and an abort restores it).
 *
 * slot[] holds the locals (code->nlocals), then the cells and free
 * variables (cells of this frame first), then the value stack.  The VM
 * keeps ip and sp in C variables while it runs a frame and stores them
 * here when it leaves it (a call, a yield, a transaction break, an
 * exception).
 */
#ifndef PYSTM_FRAME_H
#define PYSTM_FRAME_H

#include "../objects/codeobject.h"

typedef TLPREFIX struct pyframe_s PyFrame;

struct pyframe_s {
    struct pyobj_s ob;
    pyval code;
    pyval func;     /* the function, or 0 (module and class bodies) */
    pyval globals;  /* dict */
    pyval builtins; /* dict */
    pyval locals;   /* dict for module and class bodies, else 0 */
    pyval back;     /* the calling frame, or 0 */
    pyval kwnames;  /* between KW_NAMES and CALL */
    int32_t ip;     /* the next instruction */
    int32_t sp;     /* values on the stack */
    int32_t nslots;
    int32_t lasti;      /* the instruction that raised, for tracebacks */
    int32_t stack_base; /* index of the first stack slot */
    int32_t flags;      /* PYFRAME_* */
    pyval slot[];
};

#define PYFRAME_ENTRY     0x1 /* returning from it leaves the C eval loop */
#define PYFRAME_GENERATOR 0x2 /* owned by a generator */

extern PyType *pytype_frame;

/* the fields of a frame just allocated for 'code' (a nursery object:
   no barrier); its locals and cells (stack_base slots) are for the
   caller to fill */
static inline void pyframe_init(PyFrame *f, PyCode *c, pyval code,
                                pyval globals, pyval builtins, pyval locals,
                                pyval func)
{
    f->code = code;
    f->func = func;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals;
    f->back = 0;
    f->kwnames = 0;
    f->ip = 0;
    f->sp = 0;
    f->nslots = c->nslots;
    f->lasti = -1;
    f->stack_base = c->nlocals + (int32_t)pytuple_size(c->cellvars) +
                    (int32_t)pytuple_size(c->freevars);
    f->flags = 0;
}

/* a frame for running 'code' (slots zeroed) */
PyFrame *pyframe_new(pyval code, pyval globals, pyval builtins, pyval locals,
                     pyval func);

/* frameobject.c: the line a frame is at, its f_locals (a function's
   locals copied into the dict it keeps), the type's slots, and
   sys._getframe() */
int64_t pyframe_lineno(PyFrame *f);
pyval pyframe_locals(pyval frame);
extern const struct pytype_slots pyframe_slots;
pyval pymod_sys_getframe(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames);

size_t pyframe_gc_size(struct pyobj_s *o);
void pyframe_gc_trace(struct pyobj_s *o, void visit(object_t **));

#endif
