/* classobject.h -- classes made by class statements (heap types) and
 * their instances; property, staticmethod, classmethod and super.
 *
 * An instance keeps its attributes in a shared map and an array of
 * values, or in a dict of its own (instattrs.h).
 * A heap type gets its own C slot table: the base's slots, with a
 * generic slot for every dunder defined along its MRO ("call the
 * dunder found on the type").
 */
#ifndef PYSTM_CLASSOBJECT_H
#define PYSTM_CLASSOBJECT_H

#include "instattrs.h"
#include "typeobject.h"

typedef TLPREFIX struct pydescr_s PyDescr;

/* PYL_PROPERTY: property (get, set, del, doc, and the name it was bound
   to), staticmethod and classmethod (get = the function), super (get =
   the type, set = the object or 0) */
struct pydescr_s {
    struct pyobj_s ob;
    pyval get, set, del, doc, name;
};

extern PyType *pytype_property, *pytype_staticmethod, *pytype_classmethod,
    *pytype_super;

/* descrobject.c: a staticmethod or classmethod of fn */
pyval pydescr_wrap(PyType *type, pyval fn);
void pydescr_setup_types(void);

/* type(name, bases, dict) */
pyval pyclass_new(PyType *meta, pyval name, pyval bases, pyval dict);

/* the instance dict of v (made if 'create'), or 0 */
pyval pyobj_instance_dict(pyval v, bool create);
/* attribute access of objects that may have an instance dict */
pyval pyobj_getattr_with_dict(pyval v, pyval name);
int pyobj_setattr_with_dict(pyval v, pyval name, pyval value);
/* obj.name(...) without a bound method: the function or method
   descriptor that obj's type provides, to be called with obj first; 0
   (no exception, unless one occurred) when the attribute is anything
   else or obj's own attributes hide it */
pyval pyobj_lookup_method(pyval obj, pyval name);
/* obj.name when it is simply in the instance's dict (no class
   attribute of that name); 0 otherwise (no exception unless one
   occurred): the VM's fast path */
pyval pyobj_instance_attr(pyval obj, pyval name);
/* After a miss of pyattr_cached_store(): learns what obj.name = ...
   does on obj's shape, for the next stores (it does not store; no
   exception; may allocate) */
void pyobj_learn_instance_store(pyval obj, pyval name);
/* next(it) for an instance of a class defining __next__: its result,
   a StopIteration it raised kept with its value (*is_class_next false,
   nothing done, for other iterators) */
pyval pyclass_next_keeping_stop(pyval it, bool *is_class_next);
/* calls v's dunder 'name' found on its type: 0 with no exception if the
   type has none */
pyval pyobj_call_dunder(pyval v, const char *name, const pyval *args,
                        size_t nargs, bool *found);

/* object's __class__ and __dict__ */
extern const struct pygetset_def pyobject_getset[];

void pydescr_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pyclass_setup_types(void);

#endif
