/* listobject.h -- list: a mutable array of values.
 *
 * A list is a small PYL_LIST object (length + a pointer to its storage)
 * and a PYL_VALUES storage object (capacity + the items).  Both are
 * mutable: read them after pyobj_read(), change them after pyobj_write()
 * -- again after anything that may allocate or run Python code (a minor
 * collection re-arms the write barrier of the objects it moves).
 * Storage slots past the length hold 0, so the GC traces the whole
 * capacity.  The sort (timsort) is in listsort.c.
 */
#ifndef PYSTM_LISTOBJECT_H
#define PYSTM_LISTOBJECT_H

#include "../runtime/object.h"
#include "typeobject.h"

typedef TLPREFIX struct pylist_s PyList;
typedef TLPREFIX struct pyvalues_s PyValues;
typedef TLPREFIX struct pyseqiter_s PySeqIter;

struct pylist_s {
    struct pyobj_s ob;
    int64_t length;
    PyObj *items; /* PYL_VALUES, NULL while the capacity is 0 */
};

struct pyvalues_s {
    struct pyobj_s ob;
    int64_t capacity;
    pyval item[]; /* [length, capacity) hold 0 */
};

/* PYL_ITER: an iterator over a sequence by index (list, list reversed,
   str).  seq is 0 once exhausted. */
struct pyseqiter_s {
    struct pyobj_s ob;
    pyval seq;
    int64_t index;
};

extern PyType *pytype_list;
extern PyType *pytype_list_iterator;
extern PyType *pytype_list_reverseiterator;

static inline PyList *pylist(pyval v)
{
    return (PyList *)pyval_obj(v);
}

static inline bool pylist_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_LIST;
}

/* a list of 'size' items, all None */
pyval pylist_new(int64_t size);
/* 'items' must not point into the heap, and the values must survive
   an allocation unmoved or be updated by the GC (old objects, or an
   array the GC traces, like the shadow stack) */
pyval pylist_from_array(const pyval *items, int64_t size);
int64_t pylist_len(pyval list);
/* IndexError "list index out of range" outside [0, len) */
pyval pylist_get(pyval list, int64_t i);
int pylist_set(pyval list, int64_t i, pyval item);
int pylist_append(pyval list, pyval item);
int pylist_insert(pyval list, int64_t i, pyval item);
/* from any iterable (pyobj_iter/pyiter_next; lists and tuples directly) */
int pylist_extend(pyval list, pyval iterable);
/* list(iterable) */
pyval pylist_from_iterable(pyval iterable);
pyval pylist_as_tuple(pyval list);
/* key: a callable or 0; stable; "list modified during sort" */
int pylist_sort(pyval list, pyval key, bool reverse);
void pylist_reverse(pyval list);

/* Slices by C integers until slice objects exist.  start and stop are
   as in Python, None passed as PYSLICE_NONE; step 0 is a ValueError
   ("slice step cannot be zero"). */
#define PYSLICE_NONE INT64_MIN
pyval pylist_get_slice(pyval list, int64_t start, int64_t stop, int64_t step);
/* value 0: del list[start:stop:step] */
int pylist_set_slice(pyval list, int64_t start, int64_t stop, int64_t step,
                     pyval value);

/* CPython's PySlice_Unpack + PySlice_AdjustIndices on C integers: from
   Python-level start/stop/step (PYSLICE_NONE for None) to clamped
   indices; returns the slice length, or -1 when step is 0 (the caller
   raises).  Shared by the sequence types. */
int64_t pyseq_slice_indices(int64_t length, int64_t *start, int64_t *stop,
                            int64_t *step);

/* a Python int (or __index__) to a C index, clamping big values (as
   slice bounds and list.index's start/stop); -1 on error with the
   TypeError "slice indices must be integers or have an __index__
   method" */
int pyseq_slice_index(pyval v, int64_t *out);

/* the items' real address after pyobj_read(storage): valid until the
   next allocation */
static inline pyval *pyvalues_items_real(PyObj *storage)
{
    return (pyval *)(pyobj_real(storage) + offsetof(struct pyvalues_s, item));
}

/* a storage object with room for 'capacity' values, all 0 */
PyObj *pyvalues_new(int64_t capacity);

extern const struct pytype_slots pylist_slots;
extern const struct pymethod_def pylist_methods[];

size_t pyvalues_gc_size(struct pyobj_s *o);
void pyvalues_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pylist_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pyseqiter_gc_trace(struct pyobj_s *o, void visit(object_t **));

/* outside transactions, before pytype_finish_builtins(): the types */
void pylist_setup_types(void);

/* For the VM's fast paths: the length of a list, and item i (0 <= i <
   length, which the caller checked), with their barriers, inline */
static inline int64_t pylist_length_inline(pyval list)
{
    PyList *l = (PyList *)pyval_obj(list);
    pyobj_read((PyObj *)l);
    return l->length;
}

static inline pyval pylist_item_inline(pyval list, int64_t i)
{
    PyObj *storage = ((PyList *)pyval_obj(list))->items;
    pyobj_read(storage);
    return ((PyValues *)storage)->item[i];
}

/* next(list iterator): the item, or 0 (no exception) once exhausted,
   when the iterator lets go of its list */
static inline pyval pylistiter_next_inline(PySeqIter *it)
{
    pyobj_read((PyObj *)it);
    pyval seq = it->seq;
    if (seq == 0)
        return 0;
    int64_t i = it->index;
    pyobj_write((PyObj *)it);
    if (i < pylist_length_inline(seq)) {
        it->index = i + 1;
        return pylist_item_inline(seq, i);
    }
    it->seq = 0;
    return 0;
}

#endif
