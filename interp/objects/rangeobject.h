/* rangeobject.h -- range and its iterator (int64 bounds; a range beyond
 * them raises OverflowError until big ranges exist). */
#ifndef PYSTM_RANGEOBJECT_H
#define PYSTM_RANGEOBJECT_H

#include "../runtime/object.h"

typedef TLPREFIX struct pyrange_s PyRange;

/* PYL_RANGE: a range, or a range iterator (start = the next value,
   length = what remains) */
struct pyrange_s {
    struct pyobj_s ob;
    int64_t start, stop, step, length;
};

extern PyType *pytype_range, *pytype_range_iterator;
void pyrange_setup_types(void);

#endif
