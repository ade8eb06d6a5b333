/* gc.c -- stmgc's callbacks for pystm's objects: an object's size and
 * the references it holds, found through its layout (object.h).  Each
 * type file provides the functions for its layouts.
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

static size_t fixed_size(struct pyobj_s *o)
{
    switch (o->layout) {
    case PYL_PLAIN:
        return sizeof(struct pyobj_s);
    case PYL_TYPE:
        return sizeof(struct pytype_s);
    case PYL_HTENTRY:
        return sizeof(struct stm_hashtable_entry_s);
    case PYL_REGISTRY:
        return sizeof(struct pyregistry_s);
    case PYL_FLOAT:
        return sizeof(struct pyfloat_s);
    case PYL_INTBOX:
        return sizeof(struct pyintbox_s);
    case PYL_EXCEPTION:
        return sizeof(struct pyexc_s);
    case PYL_THREADSTATE:
        return sizeof(struct pythreadstate_s);
    default:
        return 0;
    }
}

static void bad_layout(struct pyobj_s *o) __attribute__((noreturn, cold));
static void bad_layout(struct pyobj_s *o)
{
    fprintf(stderr, "pystm: fatal: object %p has no layout %u\n", (void *)o,
            (unsigned)o->layout);
    abort();
}

ssize_t stmcb_size_rounded_up(struct object_s *obj)
{
    struct pyobj_s *o = (struct pyobj_s *)obj;
    size_t size = fixed_size(o);
    if (size == 0) {
        switch (o->layout) {
        case PYL_STR:
            size = pystr_gc_size(o);
            break;
        case PYL_BIGINT:
            size = pybigint_gc_size(o);
            break;
        case PYL_TUPLE:
            size = pytuple_gc_size(o);
            break;
        default:
            bad_layout(o);
        }
    }
    if (o->flags & PYOBJ_HAS_ATTRS)
        size += sizeof(pyval);
    return (ssize_t)pyrt_round_size(size);
}

static void trace_type(struct pyobj_s *o, void visit(object_t **))
{
    struct pytype_s *t = (struct pytype_s *)o;
    visit((object_t **)&t->name);
    visit((object_t **)&t->qualname);
    visit((object_t **)&t->base);
    visit((object_t **)&t->bases);
    visit((object_t **)&t->mro);
    visit((object_t **)&t->dict);
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
    switch (o->layout) {
    case PYL_PLAIN:
    case PYL_STR:
    case PYL_BIGINT:
    case PYL_FLOAT:
        break;
    case PYL_INTBOX:
        pyintbox_gc_trace(o, visit);
        break;
    case PYL_TUPLE:
        pytuple_gc_trace(o, visit);
        break;
    case PYL_EXCEPTION:
        pyexc_gc_trace(o, visit);
        break;
    case PYL_THREADSTATE: {
        struct pythreadstate_s *ts = (struct pythreadstate_s *)o;
        pyval_visit(&ts->curexc, visit);
        pyval_visit(&ts->handled, visit);
        pyval_visit(&ts->frame, visit);
        break;
    }
    case PYL_TYPE:
        trace_type(o, visit);
        break;
    case PYL_REGISTRY:
        pyreg_gc_trace(o, visit);
        break;
    default:
        bad_layout(o);
    }
    if (o->flags & PYOBJ_HAS_ATTRS) {
        size_t size = (size_t)stmcb_size_rounded_up(obj) - sizeof(pyval);
        pyval_visit((pyval *)((char *)o + size), visit);
    }
}

void stmcb_commit_soon(void)
{
}
