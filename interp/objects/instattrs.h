/* instattrs.h -- where instances of classes keep their attributes: a
 * shared map and an array of values (doc/pystm.md §3).
 *
 * A map says which attribute name is at which index.  Maps never change
 * once made: instances whose attributes were added in the same order
 * share one, and the map with one more name is found through a registry
 * (an stmgc hashtable), so two threads never conflict on maps unless
 * they create the same one at the same time.
 *
 * An instance holds its map and its values: the first ones inline (as
 * many as its class's instances came to need when it was made), the
 * rest in an overflow array.  It gives up the map for a dict of its own
 * ("dict mode") when its __dict__ is asked for, an attribute is deleted,
 * or it gets an attribute named by a str subclass or more than
 * PYMAP_MAX_ATTRS attributes.
 */
#ifndef PYSTM_INSTATTRS_H
#define PYSTM_INSTATTRS_H

#include "../runtime/object.h"
#include "listobject.h"
#include "typeobject.h"

/* beyond this many attributes an instance uses a dict */
#define PYMAP_MAX_ATTRS 48

typedef TLPREFIX struct pymap_s PyMap;

/* PYL_MAP */
struct pymap_s {
    struct pyobj_s ob;
    int64_t nattrs;
    uint64_t id;  /* unique: the registry's keys are made of it */
    pyval parent; /* the map with one name less (0 for the empty map) */
    pyval names;  /* tuple of the nattrs names (interned str) */
};

/* PYL_INSTANCE */
typedef TLPREFIX struct pyinstance_s PyInstance;
struct pyinstance_s {
    struct pyobj_s ob;
    pyval map;   /* PYL_MAP; 0 in dict mode */
    pyval dict;  /* dict mode: the dict; map mode: 0 or the PYL_VALUES
                    holding the values past the inline ones */
    pyval slots; /* 0, or a dict of the values of __slots__ members */
    int64_t ninline;
    pyval values[]; /* ninline values: map mode's first ones */
};

/* a new instance of a class (layout PYL_INSTANCE), without attributes */
pyval pyinstance_new(PyType *type);

/* in map mode (read barrier done by the caller)? */
static inline bool pyinstance_has_map(PyInstance *o)
{
    return o->map != 0;
}

/* Map mode only.  The value of attribute 'name', or 0 (no exception)
   when the instance has none.  Allocates nothing. */
pyval pyinstance_get(pyval obj, pyval name);
/* Map mode only: where 'name' is in the instance's map, or -1 */
int64_t pyinstance_index(pyval obj, pyval name);
/* Map mode only: the map the instance's would become by adding 'name'
   (an interned str), if one was made already; 0 otherwise */
pyval pyinstance_next_map(pyval obj, pyval name);

/* value i of a map-mode instance (read barrier done by the caller) */
static inline pyval pyinstance_value_at(PyInstance *o, int64_t i)
{
    if (i < o->ninline)
        return o->values[i];
    PyObj *overflow = pyval_obj(o->dict);
    pyobj_read(overflow);
    return ((PyValues *)overflow)->item[i - o->ninline];
}

/* value i of a map-mode instance (i < its map's nattrs) set, with the
   write barrier of the object that holds it */
static inline void pyinstance_store_at(PyInstance *o, int64_t i, pyval value)
{
    if (i < o->ninline) {
        pyobj_write((PyObj *)o);
        o->values[i] = value;
        return;
    }
    PyObj *overflow = pyval_obj(o->dict);
    pyobj_write(overflow);
    ((PyValues *)overflow)->item[i - o->ninline] = value;
}
/* Map mode only.  Sets (value != 0) or deletes attribute 'name': 0, or
   -1 with an exception; 1 when the instance had to switch to dict mode
   first, the caller then sets or deletes in pyinstance_dict(). */
int pyinstance_set(pyval obj, pyval name, pyval value);
/* The instance's dict, made from its map and values (switching it to
   dict mode for good) when it has none: 0 with an exception. */
pyval pyinstance_dict(pyval obj);
/* obj.__dict__ = dict */
void pyinstance_set_dict(pyval obj, pyval dict);

size_t pyinstance_gc_size(struct pyobj_s *o);
void pyinstance_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pymap_gc_trace(struct pyobj_s *o, void visit(object_t **));
/* at setup, outside any transaction */
void pyinstattrs_setup(void);

#endif
