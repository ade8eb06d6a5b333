/* memoryobject.h -- memoryview: a view of the bytes of a bytes or
 * bytearray object (1-D, format 'B'), sliced without copying. */
#ifndef PYSTM_MEMORYOBJECT_H
#define PYSTM_MEMORYOBJECT_H

#include "../runtime/object.h"
#include "typeobject.h"

typedef TLPREFIX struct pymemview_s PyMemView;

struct pymemview_s {
    struct pyobj_s ob;
    pyval obj;      /* the exporter: bytes or bytearray */
    int64_t start;  /* the first byte's index in obj */
    int64_t length; /* items */
    int64_t step;   /* between items, in obj (never 0) */
    uint8_t readonly;
    uint8_t released; /* the only field that changes (release()) */
    uint8_t pad[6];
};

extern PyType *pytype_memoryview;

/* memoryview(obj) */
pyval pymemview_new(pyval obj);
/* a malloc'ed copy of the view's bytes (1 byte at least); NULL with an
   exception set (released view, MemoryError) */
uint8_t *pymemview_copy(pyval view, int64_t *n);

static inline bool pymemview_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_MEMORYVIEW;
}

void pymemview_gc_trace(struct pyobj_s *o, void visit(object_t **));
/* outside transactions, before pytype_finish_builtins() */
void pymemview_setup_types(void);

#endif
