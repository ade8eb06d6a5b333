/* gc.c -- stmgc's callbacks for pystm's objects: an object's size and
 * the references it holds, found through its layout in pylayouts[]
 * (object.h): one line per layout, the functions in the type's file.
 */
#include "object.h"

#include "../objects/dictobject.h"
#include "../objects/bytesobject.h"
#include "../objects/memoryobject.h"
#include "../objects/classobject.h"
#include "../objects/codeobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/fileobject.h"
#include "../objects/funcobject.h"
#include "../objects/genobject.h"
#include "../objects/rangeobject.h"
#include "../objects/sliceobject.h"
#include "../vm/frame.h"
#include "../objects/floatobject.h"
#include "../objects/complexobject.h"
#include "../objects/intobject.h"
#include "../objects/iterobject.h"
#include "../objects/listobject.h"
#include "../objects/moduleobject.h"
#include "../objects/setobject.h"
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
    [PYL_COMPLEX] = FIXED(struct pycomplex_s),
    [PYL_STR] = VARIABLE(pystr_gc_size, NULL),
    [PYL_TUPLE] = VARIABLE(pytuple_gc_size, pytuple_gc_trace),
    [PYL_VALUES] = VARIABLE(pyvalues_gc_size, pyvalues_gc_trace),
    [PYL_LIST] = FIXED_TRACED(struct pylist_s, pylist_gc_trace),
    [PYL_ITER] = FIXED_TRACED(struct pyseqiter_s, pyseqiter_gc_trace),
    [PYL_DICT] = FIXED_TRACED(struct pydict_s, pydict_gc_trace),
    [PYL_DICTKEYS] = VARIABLE(pydictkeys_gc_size, pydictkeys_gc_trace),
    [PYL_SET] = FIXED_TRACED(struct pyset_s, pyset_gc_trace),
    [PYL_SETTABLE] = VARIABLE(pysettable_gc_size, pysettable_gc_trace),
    [PYL_TYPE] = FIXED_TRACED(struct pytype_s, pytype_gc_trace),
    [PYL_EXCEPTION] = FIXED_TRACED(struct pyexc_s, pyexc_gc_trace),
    [PYL_THREADSTATE] =
        FIXED_TRACED(struct pythreadstate_s, pythreadstate_gc_trace),
    [PYL_REGISTRY] = FIXED_TRACED(struct pyregistry_s, pyreg_gc_trace),
    [PYL_HTENTRY] = FIXED(struct stm_hashtable_entry_s),
    [PYL_CODE] = VARIABLE(pycode_gc_size, pycode_gc_trace),
    [PYL_FUNCTION] = FIXED_TRACED(struct pyfunc_s, pyfunc_gc_trace),
    [PYL_CELL] = FIXED_TRACED(struct pycell_s, pycell_gc_trace),
    [PYL_METHOD] = FIXED_TRACED(struct pymethod_s, pymethod_gc_trace),
    [PYL_BUILTIN] = FIXED_TRACED(struct pybuiltin_s, pybuiltin_gc_trace),
    [PYL_FRAME] = VARIABLE(pyframe_gc_size, pyframe_gc_trace),
    [PYL_RANGE] = FIXED(struct pyrange_s),
    [PYL_INSTANCE] = VARIABLE(pyinstance_gc_size, pyinstance_gc_trace),
    [PYL_MAP] = FIXED_TRACED(struct pymap_s, pymap_gc_trace),
    [PYL_PROPERTY] = FIXED_TRACED(struct pydescr_s, pydescr_gc_trace),
    [PYL_GENERATOR] = FIXED_TRACED(struct pygen_s, pygen_gc_trace),
    [PYL_ITEROBJ] = VARIABLE(pyiterobj_gc_size, pyiterobj_gc_trace),
    [PYL_TRACEBACK] = FIXED_TRACED(struct pytraceback_s, pytraceback_gc_trace),
    [PYL_MODULE] = FIXED_TRACED(struct pymodule_s, pymodule_gc_trace),
    [PYL_SLICE] = FIXED_TRACED(struct pyslice_s, pyslice_gc_trace),
    [PYL_BYTES] = VARIABLE(pybytes_gc_size, NULL),
    [PYL_BYTEARRAY] = FIXED_TRACED(struct pybytearray_s, pybytearray_gc_trace),
    [PYL_MEMORYVIEW] = FIXED_TRACED(struct pymemview_s, pymemview_gc_trace),
    [PYL_FILE] = FIXED_TRACED(struct pyfile_s, pyfile_gc_trace),
};

static void bad_layout(struct pyobj_s *o) __attribute__((noreturn, cold));
static void bad_layout(struct pyobj_s *o)
{
    fprintf(stderr, "pystm: fatal: object %p has no layout %u\n", (void *)o,
            (unsigned)o->layout);
    abort();
}

size_t pyobj_base_size(struct pyobj_s *o)
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
    size_t size = pyobj_base_size(o);
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
    if (o->flags & PYOBJ_HAS_ATTRS)
        pyval_visit((pyval *)((char *)o +
                              pyobj_attrs_offset(pyobj_base_size(o))),
                    visit);
}

void stmcb_commit_soon(void)
{
}
