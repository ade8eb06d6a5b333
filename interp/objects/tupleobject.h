/* tupleobject.h -- tuple: an immutable array of values, inline. */
#ifndef PYSTM_TUPLEOBJECT_H
#define PYSTM_TUPLEOBJECT_H

#include "../runtime/object.h"

typedef TLPREFIX struct pytuple_s PyTuple;

struct pytuple_s {
    struct pyobj_s ob;
    int64_t size;
    pyval item[];
};

extern PyType *pytype_tuple;
extern pyval pytuple_empty;

/* items 0 (no value) until filled: fill them before the next
   allocation or safe point */
pyval pytuple_new(int64_t size);
pyval pytuple_from_array(const pyval *items, int64_t size);
pyval pytuple_pack(int64_t size, ...);

static inline PyTuple *pytuple(pyval v)
{
    return (PyTuple *)pyval_obj(v);
}

static inline int64_t pytuple_size(pyval v)
{
    return pytuple(v)->size;
}

static inline pyval pytuple_get(pyval v, int64_t i)
{
    return pytuple(v)->item[i];
}

/* the items' real address: valid until the next allocation */
static inline pyval *pytuple_items_real(pyval t)
{
    return (pyval *)(pyobj_real(pyval_obj(t)) +
                     offsetof(struct pytuple_s, item));
}

/* Only while the tuple is being built (nobody else sees it yet).  The
   write barrier is needed all the same: any allocation since the tuple
   was made may have moved it out of the nursery, and the collector must
   learn that an old object now refers to a young one. */
static inline void pytuple_init_item(pyval t, int64_t i, pyval item)
{
    pyobj_write(pyval_obj(t));
    pytuple(t)->item[i] = item;
}

/* PYL_ITER, the same shape as the list's iterator */
typedef TLPREFIX struct pytupleiter_s PyTupleIter;
struct pytupleiter_s {
    struct pyobj_s ob;
    pyval seq;
    int64_t index;
};

extern PyType *pytype_tuple_iterator;
extern const struct pytype_slots pytuple_slots;
/* tuplemethods.c: tuple * n (its methods table is declared where the
   type is made: it needs typeobject.h) */
pyval pytuple_repeat(pyval a, pyval b);
void pytuple_setup_types(void);

size_t pytuple_gc_size(struct pyobj_s *o);
void pytuple_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pytuple_setup(void);

#endif
