/* gc.c -- stmgc's callbacks for pystm's objects: an object's size and
 * the references it holds, found through its layout in pylayouts[]
 * (object.h): one line per layout, the functions in the type's file.
 */
#include "object.h"

#include "../objects/exceptionobject.h"
#include "../objects/floatobject.h"
#include "../objects/intobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../objects/typeobject.h"
#include "errors.h"
#include "registry.h"

#include <stdio.h>
#include <stdlib.h>

#define FIXED(type)              \
    {                            \
        sizeof(type), NULL, NULL \
    }
#define FIXED_TRACED(type, trace) \
    {                             \
        sizeof(type), NULL, trace \
    }
#define VARIABLE(size, trace) \
    {                         \
        0, size, trace        \
    }

struct pylayout_ops pylayouts[PYL__COUNT] = {
    [PYL_PLAIN] = FIXED(struct pyobj_s),
    [PYL_INTBOX] = FIXED_TRACED(struct pyintbox_s, pyintbox_gc_trace),
    [PYL_BIGINT] = VARIABLE(pybigint_gc_size, NULL),
    [PYL_FLOAT] = FIXED(struct pyfloat_s),
    [PYL_STR] = VARIABLE(pystr_gc_size, NULL),
    [PYL_TUPLE] = VARIABLE(pytuple_gc_size, pytuple_gc_trace),
    [PYL_TYPE] = FIXED_TRACED(struct pytype_s, pytype_gc_trace),
    [PYL_EXCEPTION] = FIXED_TRACED(struct pyexc_s, pyexc_gc_trace),
    [PYL_THREADSTATE] =
        FIXED_TRACED(struct pythreadstate_s, pythreadstate_gc_trace),
    [PYL_REGISTRY] = FIXED_TRACED(struct pyregistry_s, pyreg_gc_trace),
    [PYL_HTENTRY] = FIXED(struct stm_hashtable_entry_s),
};

static void bad_layout(struct pyobj_s *o) __attribute__((noreturn, cold));
static void bad_layout(struct pyobj_s *o)
{
    fprintf(stderr, "pystm: fatal: object %p has no layout %u\n", (void *)o,
            (unsigned)o->layout);
    abort();
}

static inline size_t base_size(struct pyobj_s *o)
{
    if (o->layout >= PYL__COUNT)
        bad_layout(o);
    const struct pylayout_ops *ops = &pylayouts[o->layout];
    if (ops->fixed_size != 0)
        return ops->fixed_size;
    if (ops->size == NULL)
        bad_layout(o);
    return ops->size(o);
}

ssize_t stmcb_size_rounded_up(struct object_s *obj)
{
    struct pyobj_s *o = (struct pyobj_s *)obj;
    size_t size = base_size(o);
    if (o->flags & PYOBJ_HAS_ATTRS)
        size += sizeof(pyval);
    return (ssize_t)pyrt_round_size(size);
}

void stmcb_trace(struct object_s *obj, void visit(object_t **))
{
    struct pyobj_s *o = (struct pyobj_s *)obj;
    if (o->layout == PYL_HTENTRY) {
        /* not a pyobj_s: its 'index' is where 'type' would be */
        visit(&((struct stm_hashtable_entry_s *)obj)->object);
        return;
    }
    visit((object_t **)&o->type);
    void (*trace)(struct pyobj_s *, void(object_t **)) =
        pylayouts[o->layout].trace;
    if (trace != NULL)
        trace(o, visit);
    if (o->flags & PYOBJ_HAS_ATTRS) {
        size_t size = (size_t)stmcb_size_rounded_up(obj) - sizeof(pyval);
        pyval_visit((pyval *)((char *)o + size), visit);
    }
}

void stmcb_commit_soon(void)
{
}
