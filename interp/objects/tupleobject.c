/* tupleobject.c -- the tuple representation (methods: tuplemethods.c). */
#include "tupleobject.h"

#include "../runtime/runtime.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_tuple;
pyval pytuple_empty;

size_t pytuple_gc_size(struct pyobj_s *o)
{
    struct pytuple_s *t = (struct pytuple_s *)o;
    return sizeof(struct pytuple_s) + (size_t)t->size * sizeof(pyval);
}

void pytuple_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pytuple_s *t = (struct pytuple_s *)o;
    for (int64_t i = 0; i < t->size; i++)
        pyval_visit(&t->item[i], visit);
}

pyval pytuple_new(int64_t size)
{
    if (size == 0 && pytuple_empty != 0)
        return pytuple_empty;
    PyTuple *t = (PyTuple *)pyobj_alloc(sizeof(struct pytuple_s) +
                                            (size_t)size * sizeof(pyval),
                                        PYL_TUPLE, pytype_tuple);
    t->size = size;
    /* through the real address: clang cannot lower memset on %gs */
    memset(pytuple_items_real(pyval_from_obj((PyObj *)t)), 0,
           (size_t)size * sizeof(pyval));
    return pyval_from_obj((PyObj *)t);
}

/* 'items' must not point into the heap (the allocation may move it) */
pyval pytuple_from_array(const pyval *items, int64_t size)
{
    pyval t = pytuple_new(size);
    memcpy(pytuple_items_real(t), items, (size_t)size * sizeof(pyval));
    return t;
}

/* up to 16 values, which need not be rooted */
pyval pytuple_pack(int64_t size, ...)
{
    pyval items[16];
    if (size > 16)
        abort();
    va_list ap;
    va_start(ap, size);
    for (int64_t i = 0; i < size && i < 16; i++)
        items[i] = va_arg(ap, pyval);
    va_end(ap);
    for (int64_t i = 0; i < size; i++)
        PY_PUSHV(items[i]);
    pyval t = pytuple_new(size);
    for (int64_t i = size - 1; i >= 0; i--)
        PY_POPV(items[i]);
    memcpy(pytuple_items_real(t), items, (size_t)size * sizeof(pyval));
    return t;
}

void pytuple_setup(void)
{
    PyObj *o =
        pyrt_new_immortal(sizeof(struct pytuple_s), PYL_TUPLE, pytype_tuple);
    pytuple_empty = pyval_from_obj(o);
}
