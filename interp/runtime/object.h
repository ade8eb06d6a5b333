/* object.h -- pystm's values and object header (design: doc/pystm.md).
 *
 * A pyval is one word: a small int (low bit 1), a pointer to an object
 * in the stmgc heap (low bits 0), or 0 = "no value, an exception is set".
 * Every object starts with struct pyobj_s: stmgc's header, the layout
 * (the C struct, for the GC callbacks) and the Python type.
 *
 * Rules every C function of the interpreter follows:
 *  - A pointer to a heap object held across anything that may allocate
 *    (or break the transaction) is on the shadow stack (PY_PUSH/PY_POP).
 *    Tagged ints may be pushed too: stmgc skips odd entries.
 *  - Immutable objects (pyobj_is_immutable layouts) are read without a
 *    barrier; others through pyobj_read()/pyobj_write() in the file that
 *    owns their type.
 *  - An object's layout and type never change... except __class__
 *    assignment between compatible heap types, which writes the object.
 */
#ifndef PYSTM_OBJECT_H
#define PYSTM_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stmgc.h>

typedef uintptr_t pyval;

typedef TLPREFIX struct pyobj_s PyObj;
typedef TLPREFIX struct pytype_s PyType;

/* The C shapes of objects.  The GC callbacks dispatch on these through
   pylayouts[] (gc.c). */
enum pylayout {
    PYL_INVALID = 0,
    PYL_PLAIN,       /* the header only: None, NotImplemented, object() */
    PYL_INTBOX,      /* bool, and instances of int subclasses: a pyval int */
    PYL_BIGINT,      /* an int beyond the tagged range: GMP limbs inline */
    PYL_FLOAT,       /* a double */
    PYL_COMPLEX,     /* two doubles */
    PYL_STR,         /* UTF-8 bytes, code point count, optional index */
    PYL_BYTES,       /* bytes and bytearray's storage */
    PYL_BYTEARRAY,   /* length + PYL_BYTES storage */
    PYL_TUPLE,       /* n values inline */
    PYL_VALUES,      /* internal: an array of values (list storage, attrs) */
    PYL_LIST,        /* length + PYL_VALUES storage */
    PYL_DICT,        /* an insertion-ordered hash table */
    PYL_DICTKEYS,    /* internal: a dict's table */
    PYL_SET,         /* set and frozenset */
    PYL_SETTABLE,    /* internal: a set's table */
    PYL_RANGE,       /* range objects and their iterators */
    PYL_SLICE,       /* slice objects */
    PYL_ITEROBJ,     /* enumerate, zip, map...: a counter and n values */
    PYL_TRACEBACK,   /* a traceback entry */
    PYL_ITER,        /* iterators over a sequence: object + index */
    PYL_TYPE,        /* a type object */
    PYL_EXCEPTION,   /* BaseException and its subclasses */
    PYL_THREADSTATE, /* a thread's state (errors.h) */
    PYL_CODE,        /* a code object */
    PYL_FUNCTION,    /* a Python function */
    PYL_BUILTIN,     /* a C function, bound or not, or a method descriptor */
    PYL_METHOD,      /* a bound method */
    PYL_CELL,        /* a closure cell */
    PYL_FRAME,       /* a frame with its value stack */
    PYL_GENERATOR,   /* a generator */
    PYL_MODULE,      /* a module */
    PYL_INSTANCE,    /* an instance of a class: map + attribute values */
    PYL_PROPERTY,    /* property, staticmethod, classmethod, super ... */
    PYL_HTENTRY,     /* an stmgc hashtable entry (userdata == this value) */
    PYL_REGISTRY,    /* a prebuilt holder of an stmgc hashtable */
    PYL_MEMORYVIEW,  /* a view of a bytes or bytearray object */
    PYL_FILE,        /* a file object: name, mode... + C stream state */
    PYL_MAP,         /* the attribute names of instances (instattrs.h) */
    PYL__COUNT
};

struct pyobj_s;

/* What the GC knows of a layout: its size (fixed, or computed from the
   object) and the references it holds (NULL: none besides its type). */
struct pylayout_ops {
    size_t fixed_size;
    size_t (*size)(struct pyobj_s *o);
    void (*trace)(struct pyobj_s *o, void visit(object_t **));
};
extern struct pylayout_ops pylayouts[PYL__COUNT];

/* per-object flags */
#define PYOBJ_HAS_ATTRS 0x0001 /* a pyval 'attrs' word ends the object */
#define PYOBJ_INTERNED  0x0002 /* a str in the interned registry */

struct pyobj_s {
    struct object_s hdr; /* stmgc's flags */
    uint16_t layout;     /* enum pylayout */
    uint16_t flags;      /* PYOBJ_* */
    PyType *type;
};

/* ------------------------------------------------------------ tagging */

#define PYVAL_NONE ((pyval)0) /* "no value": an exception is set */

#define PYINT_TAGGED_MAX ((intptr_t)(INTPTR_MAX >> 1))
#define PYINT_TAGGED_MIN ((intptr_t)(INTPTR_MIN >> 1))

static inline bool pyval_is_int(pyval v)
{
    return (v & 1) != 0;
}

static inline bool pyval_is_obj(pyval v)
{
    return v != 0 && (v & 1) == 0;
}

static inline intptr_t pyval_int(pyval v)
{
    return (intptr_t)v >> 1; /* arithmetic shift: the sign is kept */
}

static inline bool pyint_fits_tagged(intptr_t i)
{
    return i >= PYINT_TAGGED_MIN && i <= PYINT_TAGGED_MAX;
}

/* i must fit (pyint_fits_tagged); pyint_from_long() otherwise */
static inline pyval pyval_from_int(intptr_t i)
{
    return ((uintptr_t)i << 1) | 1;
}

static inline PyObj *pyval_obj(pyval v)
{
    return (PyObj *)v;
}

static inline pyval pyval_from_obj(PyObj *o)
{
    return (pyval)o;
}

/* ------------------------------------------------------------ barriers */

static inline void pyobj_read(PyObj *o)
{
    stm_read((object_t *)o);
}

static inline void pyobj_write(PyObj *o)
{
    stm_write((object_t *)o);
}

/* ------------------------------------------------------------ threads */

extern __thread stm_thread_local_t pyrt_tl;

#define PY_PUSH(p)  STM_PUSH_ROOT(pyrt_tl, (p))
#define PY_POP(p)   STM_POP_ROOT(pyrt_tl, (p))
#define PY_DROP()   STM_POP_ROOT_DROP(pyrt_tl)
#define PY_PUSHV(v) (pyrt_tl.shadowstack++->ss = (object_t *)(uintptr_t)(v))
#define PY_POPV(v)  ((v) = (pyval)(uintptr_t)(--pyrt_tl.shadowstack)->ss)

/* ------------------------------------------------------------ allocation */

static inline size_t pyrt_round_size(size_t size)
{
    return size < 16 ? 16 : (size + 7) & ~(size_t)7;
}

/* A new object of 'size' bytes (rounded up here): header filled, the
   rest to be initialized by the caller before the next allocation. */
static inline PyObj *pyobj_init_header(object_t *raw, enum pylayout layout,
                                       PyType *type)
{
    PyObj *o = (PyObj *)raw;
    o->layout = (uint16_t)layout;
    o->flags = 0;
    o->type = type;
    return o;
}

static inline PyObj *pyobj_alloc(size_t size, enum pylayout layout,
                                 PyType *type)
{
    /* a class made in this transaction is young: it may move */
    pyrt_tl.shadowstack++->ss = (object_t *)type;
    object_t *raw = stm_allocate((ssize_t)pyrt_round_size(size));
    type = (PyType *)(--pyrt_tl.shadowstack)->ss;
    return pyobj_init_header(raw, layout, type);
}

/* Whether an allocation of 'size' bytes comes from the nursery without
   a collection, so that nothing moves during it (false while a safe
   point is requested, and in GC-stress runs) */
static inline bool pyobj_alloc_fits(size_t size)
{
    size = pyrt_round_size(size);
    return size < _STM_FAST_ALLOC &&
           (uintptr_t)STM_SEGMENT->nursery_current + size <=
               STM_SEGMENT->nursery_end;
}

/* pyobj_alloc() for a built-in type (an immortal object, which never
   moves): nothing to keep on the shadow stack */
static inline PyObj *pyobj_alloc_builtin(size_t size, enum pylayout layout,
                                         PyType *type)
{
    return pyobj_init_header(stm_allocate((ssize_t)pyrt_round_size(size)),
                             layout, type);
}

/* Real (non-%gs) address of an object's bytes in this thread's segment,
   for libraries that take plain pointers (GMP, memcpy, printf).  Valid
   until the next allocation or safe point. */
static inline char *pyobj_real(PyObj *o)
{
    return (char *)((uintptr_t)STM_SEGMENT->segment_base + (uintptr_t)o);
}

/* An object's size without its attribute word (o: a real address, as
   the GC callbacks get, or pyobj_real()). */
size_t pyobj_base_size(struct pyobj_s *o);

/* Where the attribute word of a PYOBJ_HAS_ATTRS object is: the last word
   of the object, whose size is its base size plus one word, rounded. */
static inline size_t pyobj_attrs_offset(size_t base_size)
{
    return pyrt_round_size(base_size + sizeof(pyval)) - sizeof(pyval);
}

/* The attribute word of a PYOBJ_HAS_ATTRS object, %gs-relative. */
static inline TLPREFIX pyval *pyobj_attrs_word(PyObj *o)
{
    size_t base = pyobj_base_size((struct pyobj_s *)pyobj_real(o));
    return (TLPREFIX pyval *)((stm_char *)o + pyobj_attrs_offset(base));
}

/* For the GC callbacks: report a value field if it holds an object. */
static inline void pyval_visit(pyval *field, void visit(object_t **))
{
    if (pyval_is_obj(*field))
        visit((object_t **)field);
}

#endif
