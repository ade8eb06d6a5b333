/* attrcache.h -- per-thread caches of attribute loads and stores on
 * instances in map mode (instattrs.h), and their hit paths, inline so
 * that the VM's LOAD_ATTR and STORE_ATTR take them without a call.
 *
 * An entry is keyed by (type version, map id, name) and the epoch of
 * class changes: a different shape, class or class namespace misses.
 * classobject.c fills entries only when the class has nothing that
 * would take precedence (a data descriptor, __getattribute__,
 * __setattr__), which a later change would bump the epoch for.  The
 * caches are C memory, hints only: filling one is never a transactional
 * write, and two threads never share one.
 */
#ifndef PYSTM_ATTRCACHE_H
#define PYSTM_ATTRCACHE_H

#include "instattrs.h"

#define PYATTR_CACHE_SIZE 1024

struct pyattr_entry {
    uint64_t version, map_id, epoch;
    pyval name;
    int64_t index;  /* where the value is (or goes: next_map != 0) */
    pyval next_map; /* a store that adds the attribute: the new map */
};
extern __thread struct pyattr_entry pyattr_load_cache[PYATTR_CACHE_SIZE];
extern __thread struct pyattr_entry pyattr_store_cache[PYATTR_CACHE_SIZE];
/* obj.name(...) finding a plain function on the class (next_map holds
   it) that no instance attribute hides */
extern __thread struct pyattr_entry pyattr_method_cache[PYATTR_CACHE_SIZE];

static inline struct pyattr_entry *pyattr_slot(struct pyattr_entry *cache,
                                               uint64_t version,
                                               uint64_t map_id, pyval name)
{
    return &cache[(version * 0x9E3779B1u ^ map_id * 0x85EBCA6Bu ^ (name >> 4)) &
                  (PYATTR_CACHE_SIZE - 1)];
}

static inline bool pyattr_hit(struct pyattr_entry *c, uint64_t version,
                              uint64_t map_id, pyval name)
{
    return c->version == version && c->map_id == map_id && c->name == name &&
           c->epoch == pytype_cache_epoch();
}

/* fills an entry (the epoch read before the lookups it remembers: a
   class changed meanwhile makes the entry stale at once) */
static inline void pyattr_fill(struct pyattr_entry *c, uint64_t version,
                               uint64_t map_id, pyval name, uint64_t epoch,
                               int64_t index, pyval next_map)
{
    c->version = version;
    c->map_id = map_id;
    c->name = name;
    c->epoch = epoch;
    c->index = index;
    c->next_map = next_map;
}

/* the instance in map mode that obj is (read barrier done), or NULL */
static inline PyInstance *pyattr_map_instance(pyval obj)
{
    if (!pyval_is_obj(obj) || pyval_obj(obj)->layout != PYL_INSTANCE)
        return NULL;
    PyInstance *o = (PyInstance *)pyval_obj(obj);
    pyobj_read((PyObj *)o);
    return o->map != 0 ? o : NULL;
}

/* The entry of 'cache' that knows obj.name, or NULL; *inst gets obj as
   an instance in map mode. */
static inline struct pyattr_entry *pyattr_find(struct pyattr_entry *cache,
                                               pyval obj, pyval name,
                                               PyInstance **inst)
{
    PyInstance *o = pyattr_map_instance(obj);
    if (o == NULL)
        return NULL;
    uint64_t version = o->ob.type->version;
    uint64_t map_id = ((PyMap *)pyval_obj(o->map))->id;
    struct pyattr_entry *c = pyattr_slot(cache, version, map_id, name);
    *inst = o;
    return pyattr_hit(c, version, map_id, name) ? c : NULL;
}

/* obj.name when the cache knows it: the value, or 0 (no exception) */
static inline pyval pyattr_cached_load(pyval obj, pyval name)
{
    PyInstance *o;
    struct pyattr_entry *c = pyattr_find(pyattr_load_cache, obj, name, &o);
    return c != NULL ? pyinstance_value_at(o, c->index) : 0;
}

/* the function that obj.name(...) calls with obj first, when the cache
   knows it; 0 otherwise */
static inline pyval pyattr_cached_method(pyval obj, pyval name)
{
    PyInstance *o;
    struct pyattr_entry *c = pyattr_find(pyattr_method_cache, obj, name, &o);
    return c != NULL ? c->next_map : 0;
}

/* obj.name = value when the cache knows the store (to an attribute the
   instance has, or adding one in its inline room): true if done */
static inline bool pyattr_cached_store(pyval obj, pyval name, pyval value)
{
    PyInstance *o;
    struct pyattr_entry *c = pyattr_find(pyattr_store_cache, obj, name, &o);
    if (c == NULL)
        return false;
    if (c->next_map == 0) {
        pyinstance_store_at(o, c->index, value);
        return true;
    }
    if (c->index >= o->ninline)
        return false; /* adding past the inline values: the long way */
    pyobj_write((PyObj *)o);
    o->values[c->index] = value;
    o->map = c->next_map;
    return true;
}

#endif
