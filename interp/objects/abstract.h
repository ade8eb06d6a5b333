/* abstract.h -- the protocols every value supports (repr, hash,
 * comparison, arithmetic, attributes, calls, items, iteration), found
 * through the type's slots, with CPython's rules for operand order and
 * its error messages.
 */
#ifndef PYSTM_ABSTRACT_H
#define PYSTM_ABSTRACT_H

#include "typeobject.h"

extern PyType *pytype_int;
extern PyType *pytype_bool;
extern PyType *pytype_none;
extern PyType *pytype_notimplemented;
extern PyType *pytype_ellipsis;
extern pyval py_None, py_True, py_False, py_NotImplemented, py_Ellipsis;

static inline PyType *pyval_type(pyval v)
{
    if (pyval_is_int(v))
        return pytype_int;
    return pyval_obj(v)->type;
}

static inline pyval pybool(bool b)
{
    return b ? py_True : py_False;
}

/* a type's name as C text, for messages (valid until the next
   allocation) */
const char *pytype_name(PyType *t);

pyval pyobj_repr(pyval v);
pyval pyobj_str(pyval v);
int pyobj_hash(pyval v, int64_t *out);
pyval pyobj_richcompare(pyval a, pyval b, enum pycmpop op);
/* 1, 0, or -1 on error; identity implies equality (as CPython's
   containers assume) */
int pyobj_eq(pyval a, pyval b);
int pyobj_truth(pyval v);
pyval pynum_binop(pyval a, pyval b, enum pybinop op);
/* the TypeError of a + b or a * b whose sequence operand refuses the
   other (0), or NotImplemented when neither is a sequence */
pyval pyseq_binop_error(pyval a, pyval b, enum pybinop op);
pyval pynum_inplace(pyval a, pyval b, enum pybinop op);
pyval pynum_neg(pyval v);
pyval pynum_pos(pyval v);
pyval pynum_invert(pyval v);
pyval pynum_abs(pyval v);
/* operator.index(): an int, or TypeError */
pyval pynum_index(pyval v);

pyval pyobj_getattr(pyval v, pyval name);
int pyobj_setattr(pyval v, pyval name, pyval value);
pyval pyobj_call(pyval callable, const pyval *args, size_t nargs,
                 PyObj *kwnames);
pyval pyobj_getitem(pyval v, pyval key);
int pyobj_setitem(pyval v, pyval key, pyval value);
int pyobj_delitem(pyval v, pyval key);
int pyobj_contains(pyval container, pyval item);
/* -1 after iter(container) failed for 'in': a TypeError becomes CPython's
   "argument of type ... is not iterable" */
int pyobj_contains_not_iterable(pyval container);
int64_t pyobj_len(pyval v);
pyval pyobj_iter(pyval v);
/* v has __iter__ or is a sequence (__getitem__): iter(v) may work */
bool pyobj_iterable(pyval v);
/* 0 without an exception: exhausted */
pyval pyiter_next(pyval it);

/* the comparison's outcome from a three-way result */
bool pycmp_result(int c, enum pycmpop op);

/* symbols for binop messages: "+", "**", ... */
extern const char *const pybinop_symbol[PYOP__COUNT];
extern const char *const pycmpop_symbol[6];

extern const struct pytype_slots pyobject_slots;
void pyabstract_setup_types(void);
void pyabstract_setup_objects(void);

#endif
