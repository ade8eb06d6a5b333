/* iterobject.h -- enumerate, zip, map, filter, reversed, the
 * iter(callable, sentinel) iterator and the sequence iterator. */
#ifndef PYSTM_ITEROBJECT_H
#define PYSTM_ITEROBJECT_H

#include "../runtime/object.h"

typedef TLPREFIX struct pyiterobj_s PyIterObj;

/* PYL_ITEROBJ */
struct pyiterobj_s {
    struct pyobj_s ob;
    int64_t counter; /* enumerate's next index, reversed's position... */
    int64_t nvals;
    pyval val[];
};

extern PyType *pytype_enumerate, *pytype_zip, *pytype_map, *pytype_filter,
    *pytype_reversed, *pytype_callable_iterator, *pytype_seq_iterator;

pyval pyiter_callable(pyval callable, pyval sentinel);
/* iter(seq) for a sequence without __iter__: seq[0], seq[1], ... until
   IndexError or StopIteration */
pyval pyiter_seq(pyval seq);

size_t pyiterobj_gc_size(struct pyobj_s *o);
void pyiterobj_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pyiterobj_setup_types(void);

#endif
