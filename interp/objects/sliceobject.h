/* sliceobject.h -- slice(start, stop, step): what x[a:b:c] passes to
 * __getitem__. */
#ifndef PYSTM_SLICEOBJECT_H
#define PYSTM_SLICEOBJECT_H

#include "../runtime/object.h"

typedef TLPREFIX struct pyslice_s PySlice;

struct pyslice_s {
    struct pyobj_s ob;
    pyval start, stop, step; /* None when omitted */
};

extern PyType *pytype_slice;

pyval pyslice_new(pyval start, pyval stop, pyval step);

static inline bool pyslice_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_SLICE;
}

/* The slice's bounds for a sequence of 'length' items, clamped as
   CPython's slice.indices(); returns the number of items, or -1 with an
   exception set (a zero step, non-integer bounds). */
int64_t pyslice_unpack(pyval slice, int64_t length, int64_t *start,
                       int64_t *stop, int64_t *step);

void pyslice_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pyslice_setup_types(void);

#endif
