/* builtinsub.c -- instances of classes derived from built-in types
 * (class L(list), class P(tuple), class I(int), ...).
 *
 * Such an instance has the built-in type's layout, so every C function
 * of the built-in type works on it unchanged, plus one attribute word
 * at its end (PYOBJ_HAS_ATTRS) holding its __dict__.  Mutable types
 * (list, dict, set) allocate that word themselves when asked for a
 * subtype (complex and property too); the constructors of immutable
 * ones (int, float, str, bytes, tuple, frozenset) make a plain value,
 * which pyclass_adopt() copies into an instance of the subclass: the
 * value is immutable, so the copy cannot be told apart from it.  A new
 * bytearray is copied the same way: nothing else refers to it yet.
 */
#include "builtinsub.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "intobject.h"
#include "tupleobject.h"

#include <string.h>

bool pyclass_layout_subclassable(uint16_t layout)
{
    switch (layout) {
    case PYL_LIST:
    case PYL_DICT:
    case PYL_SET:
    case PYL_TUPLE:
    case PYL_STR:
    case PYL_FLOAT:
    case PYL_COMPLEX:
    case PYL_BYTES:
    case PYL_BYTEARRAY:
    case PYL_INTBOX:
    case PYL_PROPERTY: /* property, classmethod, staticmethod */
    case PYL_TYPE: /* metaclasses */
        return true;
    default:
        return false;
    }
}

PyType *pyclass_builtin_base(PyType *t)
{
    while (t != NULL && (t->tflags & PYTYPE_HEAPTYPE))
        t = t->base;
    return t;
}

/* a copy of the immutable object v (same layout) as an instance of cls */
static pyval copy_as(PyType *cls, pyval v)
{
    PyObj *src = pyval_obj(v);
    size_t base = pyobj_base_size((struct pyobj_s *)pyobj_real(src));
    size_t attrs = pyobj_attrs_offset(base);
    PY_PUSHV(v);
    PyObj *o = pyobj_alloc(attrs + sizeof(pyval), (enum pylayout)src->layout,
                           cls);
    PY_POPV(v);
    src = pyval_obj(v);
    size_t header = sizeof(struct pyobj_s);
    memcpy(pyobj_real(o) + header, pyobj_real(src) + header, base - header);
    memset(pyobj_real(o) + base, 0, attrs + sizeof(pyval) - base);
    o->flags = (uint16_t)((src->flags & ~PYOBJ_HAS_ATTRS) | PYOBJ_HAS_ATTRS);
    return pyval_from_obj(o);
}

pyval pyclass_adopt(PyType *cls, pyval v)
{
    if (v == 0 || !(cls->tflags & PYTYPE_HEAPTYPE) || pyval_type(v) == cls)
        return v;
    uint16_t layout = cls->instance_layout;
    if (layout == PYL_INTBOX && pyint_check(v)) {
        /* ints are tagged words or big ints: the box holds the value */
        pyval value = pyint_value(v);
        PY_PUSHV(value);
        PyIntBox *b = (PyIntBox *)pyobj_alloc(
            pyobj_attrs_offset(sizeof(struct pyintbox_s)) + sizeof(pyval),
            PYL_INTBOX, cls);
        PY_POPV(value);
        b->value = value;
        b->ob.flags = PYOBJ_HAS_ATTRS;
        *pyobj_attrs_word((PyObj *)b) = 0;
        return pyval_from_obj((PyObj *)b);
    }
    if (!pyval_is_obj(v) || pyval_obj(v)->layout != layout)
        return v; /* __new__ made something else: returned as it is */
    switch (layout) {
    case PYL_TUPLE:
    case PYL_STR:
    case PYL_FLOAT:
    case PYL_COMPLEX:
    case PYL_BYTES:
    /* a bytearray just made: the copy takes over its storage */
    case PYL_BYTEARRAY:
    case PYL_SET: /* a frozenset: its table is never written again */
        return copy_as(cls, v);
    default:
        return v; /* mutable layouts allocate the subtype themselves */
    }
}

pyval pyclass_builtin_new(PyType *cls, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    PyType *base = pyclass_builtin_base(cls);
    pyval cls_v = pyval_from_obj((PyObj *)cls);
    PY_PUSHV(cls_v); /* a class made in this transaction may move */
    pyval v = base->slots->new_(cls, args, nargs, kwnames);
    PY_POPV(cls_v);
    return pyclass_adopt((PyType *)pyval_obj(cls_v), v);
}
