/* setobject.h -- set and frozenset: CPython's open-addressing table of
 * (hash, key) pairs, so that iteration order is CPython's for the same
 * hashes and the same operations (design notes in setobject.c).
 *
 * A set is a small PYL_SET object (counts, mask, search finger, hash)
 * pointing to a PYL_SETTABLE object: a table of (word, value) pairs.
 * Both are mutable for a set: read them after pyobj_read(), change them
 * after pyobj_write() -- again after anything that may allocate or run
 * Python code.  A frozenset is never changed once built (its hash is
 * computed then).
 */
#ifndef PYSTM_SETOBJECT_H
#define PYSTM_SETOBJECT_H

#include "../runtime/object.h"
#include "typeobject.h"

typedef TLPREFIX struct pyset_s PySet;
typedef TLPREFIX struct pysettable_s PySetTable;
typedef TLPREFIX struct pypairiter_s PyPairIter;

#define PYSET_MINSIZE 8

struct pyset_s {
    struct pyobj_s ob;
    int64_t fill;   /* active + dummy slots */
    int64_t used;   /* active slots: len() */
    int64_t mask;   /* table size - 1 (PYSET_MINSIZE - 1 while no table) */
    int64_t finger; /* where pop() looks next */
    int64_t hash;   /* frozenset: its hash; -1 for a set */
    PyObj *table;   /* PYL_SETTABLE of mask + 1 pairs, NULL while empty */
};

/* A pair: unused (key 0, hash 0), dummy (key 0, hash -1: deleted), or
   active (key != 0; no hash() is -1). */
struct pysetentry {
    int64_t hash;
    pyval key;
};

/* PYL_SETTABLE: 'size' pairs of (raw word, value); the GC traces the
   values.  Set tables use it, and so do the small objects of dict.c and
   set.c that need a few raw words beside a reference (views and
   iterators, struct pypairiter_s) until they get a layout of their
   own. */
struct pysettable_s {
    struct pyobj_s ob;
    int64_t size;
    struct pysetentry entry[];
};

/* An iterator over a dict or set, or a dict view (PYL_SETTABLE shape:
   two pairs). */
struct pypairiter_s {
    struct pyobj_s ob;
    int64_t size;    /* 2, for the GC */
    int64_t pos;     /* next entry to look at (reversed: going down) */
    pyval container; /* the dict or set; 0 once exhausted */
    int64_t used;    /* len(container) when made; -1 after a change */
    pyval left;      /* tagged int: items still expected */
};

extern PyType *pytype_set;
extern PyType *pytype_frozenset;
extern PyType *pytype_set_iterator;

static inline PySet *pyset(pyval v)
{
    return (PySet *)pyval_obj(v);
}

/* set, frozenset, or a subclass of either */
bool pyset_check_any(pyval v);
/* set or a subclass (not frozenset) */
bool pyset_check(pyval v);
bool pyfrozenset_check(pyval v);

/* set(iterable) (iterable 0: empty) */
pyval pyset_new(pyval iterable);
/* frozenset(iterable) (iterable 0: empty) */
pyval pyfrozenset_new(pyval iterable);
/* 0 or -1; 'set' must be a set (not a frozenset being shared) */
int pyset_add(pyval set, pyval key);
/* 1 found and removed, 0 absent, -1 error */
int pyset_discard(pyval set, pyval key);
/* 1, 0, -1 (a set key is looked up as a frozenset) */
int pyset_contains(pyval set, pyval key);
int64_t pyset_len(pyval set);
/* in table order: *pos starts at 0 */
bool pyset_next(pyval set, int64_t *pos, pyval *key, int64_t *hash);
/* set.update(iterable) */
int pyset_update(pyval set, pyval iterable);
void pyset_clear(pyval set);
/* 0 with KeyError "pop from an empty set" */
pyval pyset_pop(pyval set);
/* set.difference_update(other) with one argument */
int pyset_difference_update(pyval set, pyval other);
/* set.symmetric_difference_update(other) */
int pyset_symmetric_difference_update(pyval set, pyval other);
/* set.intersection(other) with one argument */
pyval pyset_intersection(pyval set, pyval other);

extern const struct pytype_slots pyset_slots;
extern const struct pytype_slots pyfrozenset_slots;
extern const struct pymethod_def pyset_methods[];
extern const struct pymethod_def pyfrozenset_methods[];

size_t pysettable_gc_size(struct pyobj_s *o);
void pysettable_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pyset_gc_trace(struct pyobj_s *o, void visit(object_t **));

/* outside transactions, before pytype_finish_builtins(): the types */
void pyset_setup_types(void);

#endif
