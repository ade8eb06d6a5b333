/* typeobject.h -- type objects and the C slots behind Python's protocols.
 *
 * A built-in type is a prebuilt heap object (stm_setup_prebuilt of a
 * static template) pointing to a C table of slots; the type's dict holds
 * wrappers of those slots under their dunder names, so `int.__add__` and
 * `(1).__add__(2)` work.  A class statement makes a heap type whose slots
 * are generic: they look the dunder up along the MRO.
 */
#ifndef PYSTM_TYPEOBJECT_H
#define PYSTM_TYPEOBJECT_H

#include "../runtime/object.h"

/* binary operators, in the order of the compiler's BINARY_OP argument */
enum pybinop {
    PYOP_ADD,
    PYOP_AND,
    PYOP_FLOORDIV,
    PYOP_LSHIFT,
    PYOP_MATMUL,
    PYOP_MUL,
    PYOP_MOD,
    PYOP_OR,
    PYOP_POW,
    PYOP_RSHIFT,
    PYOP_SUB,
    PYOP_TRUEDIV,
    PYOP_XOR,
    PYOP__COUNT
};

/* rich comparisons, CPython's order */
enum pycmpop { PYCMP_LT, PYCMP_LE, PYCMP_EQ, PYCMP_NE, PYCMP_GT, PYCMP_GE };

/* A method implemented in C: positional arguments args[0..nargs), then
   one per name of the tuple kwnames (NULL if no keywords).  For a
   method, self is the instance; for a PYMETH_CLASS method, the class;
   for a PYMETH_STATIC one, 0. */
typedef pyval (*pycfunc)(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames);

#define PYMETH_CLASS  0x1
#define PYMETH_STATIC 0x2

struct pymethod_def {
    const char *name; /* NULL ends a table */
    pycfunc fn;
    unsigned flags;
    const char *doc;
};

/* a data descriptor implemented in C (set NULL: read-only) */
struct pygetset_def {
    const char *name; /* NULL ends a table */
    pyval (*get)(pyval self);
    int (*set)(pyval self, pyval value);
};

/* Every function returning pyval returns 0 with an exception set on
   error; int-returning ones return -1.  A binary slot returns the
   NotImplemented object when it does not handle the other operand. */
struct pytype_slots {
    pyval (*repr)(pyval self);
    pyval (*str)(pyval self);
    int (*hash)(pyval self, int64_t *out);
    pyval (*richcompare)(pyval a, pyval b, enum pycmpop op);
    /* name is an interned str; 0 without exception: not found */
    pyval (*getattr)(pyval self, PyObj *name);
    /* value 0: delete */
    int (*setattr)(pyval self, PyObj *name, pyval value);
    /* positional arguments, then keyword arguments whose names are the
       tuple kwnames (NULL if none) */
    pyval (*call)(pyval self, const pyval *args, size_t nargs, PyObj *kwnames);
    pyval (*iter)(pyval self);
    /* 0 without an exception set: exhausted */
    pyval (*iternext)(pyval self);
    int (*truth)(pyval self);
    /* -1 on error */
    int64_t (*len)(pyval self);
    pyval (*binop[PYOP__COUNT])(pyval a, pyval b);
    pyval (*inplace[PYOP__COUNT])(pyval a, pyval b);
    pyval (*neg)(pyval self);
    pyval (*pos)(pyval self);
    pyval (*absolute)(pyval self);
    pyval (*invert)(pyval self);
    pyval (*to_int)(pyval self);
    pyval (*to_float)(pyval self);
    pyval (*index)(pyval self);
    pyval (*getitem)(pyval self, pyval key);
    /* value 0: delete */
    int (*setitem)(pyval self, pyval key, pyval value);
    /* 1, 0, or -1 on error */
    int (*contains)(pyval self, pyval item);
    /* descriptors: obj 0 when looked up on the class */
    pyval (*descr_get)(pyval self, pyval obj, pyval type);
    int (*descr_set)(pyval self, pyval obj, pyval value);
    /* construction: type(args) calls new_ then init */
    pyval (*new_)(PyType *type, const pyval *args, size_t nargs,
                  PyObj *kwnames);
    int (*init)(pyval self, const pyval *args, size_t nargs, PyObj *kwnames);
    /* what the type's __dict__ gets besides the slots' wrappers */
    const struct pymethod_def *methods;
    const struct pygetset_def *getset;
};

/* type flags */
#define PYTYPE_HEAPTYPE  0x0001 /* made by a class statement: mutable */
#define PYTYPE_BASETYPE  0x0002 /* may be subclassed */
#define PYTYPE_INT_SUB   0x0010 /* fast subclass checks */
#define PYTYPE_STR_SUB   0x0020
#define PYTYPE_TUPLE_SUB 0x0040
#define PYTYPE_LIST_SUB  0x0080
#define PYTYPE_DICT_SUB  0x0100
#define PYTYPE_EXC_SUB   0x0200 /* BaseException */
#define PYTYPE_TYPE_SUB  0x0400
#define PYTYPE_NO_DICT   0x0800 /* __slots__ without __dict__ */

struct pytype_s {
    struct pyobj_s ob;
    const struct pytype_slots *slots; /* C memory, never traced */
    uint32_t tflags;                  /* PYTYPE_* */
    uint16_t instance_layout;         /* enum pylayout of its instances */
    /* inline values its PYL_INSTANCE instances are made with (instattrs.h):
       the most attributes one of them held, 0 before any */
    uint16_t inline_values;
    PyObj *name;     /* str: __name__ */
    PyObj *qualname; /* str */
    PyType *base;    /* __base__, NULL for object */
    PyObj *bases;    /* tuple */
    PyObj *mro;      /* tuple, starting with this type */
    PyObj *dict;     /* dict: a heap type's may change */
    /* bumped by any change to the dict or bases of this type or its
       bases: caches keyed by (type, version) stay valid until then */
    uint64_t version;
};

/* a new type's version: unique, the method cache's key */
uint64_t pytype_new_version(void);
/* a class's namespace changed: cached lookups are forgotten */
void pytype_modified(void);
/* bumped by every change to a class's namespace: a cache keyed by type
   versions also keeps the epoch it was filled in */
extern uint64_t pytype_epoch;
static inline uint64_t pytype_cache_epoch(void)
{
    return __atomic_load_n(&pytype_epoch, __ATOMIC_ACQUIRE);
}
/* after each commit (the transaction may have changed classes) */
void pytype_after_commit(void);

extern PyType *pytype_type;
extern PyType *pytype_object;

/* Outside transactions, at setup: a built-in type (name and base are set
   by pytype_finish_builtins(), in the setup transaction) */
PyType *pytype_new_builtin(const char *name, const struct pytype_slots *slots,
                           enum pylayout instance_layout, PyType *base,
                           uint32_t flags);
void pytype_finish_builtins(void);
/* slotwrappers.c: a built-in type's dunders as method descriptors, and
   the owner of the descriptor being called (set by the caller) */
int pyslot_add_wrappers(PyType *t);
extern __thread PyType *pyslot_owner;
void pytype_gc_trace(struct pyobj_s *o, void visit(object_t **));
bool pytype_is_subtype(PyType *sub, PyType *base);
pyval pytype_lookup(PyType *t, pyval name);
pyval pyobj_generic_getattr(pyval v, pyval name);
/* "module.qualname" (or the bare name for built-ins) into buf */
void pytype_display_name(pyval type, char *buf, size_t size);
extern const struct pytype_slots pytype_type_slots;


#endif
