/* registry.h -- maps from 64-bit keys to objects, shared by every thread,
 * in which transactions conflict per key (an stmgc hashtable held by a
 * prebuilt object).  Interned strings and instance maps live in them:
 * two threads creating different ones never conflict.
 */
#ifndef PYSTM_REGISTRY_H
#define PYSTM_REGISTRY_H

#include "object.h"

typedef TLPREFIX struct pyregistry_s PyRegistry;

struct pyregistry_s {
    struct pyobj_s ob;
    stm_hashtable_t *table;
};

/* at setup, outside any transaction */
PyRegistry *pyreg_new(void);
/* the object under 'key', or 0 (no exception) */
pyval pyreg_get(PyRegistry *r, uint64_t key);
void pyreg_set(PyRegistry *r, uint64_t key, pyval value);

/* gc.c */
void pyreg_gc_trace(struct pyobj_s *o, void visit(object_t **));

#endif
