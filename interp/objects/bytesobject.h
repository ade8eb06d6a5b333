/* bytesobject.h -- bytes (immutable) and bytearray (mutable) byte strings
 * (design: doc/pystm.md, "Bytes").
 *
 * One payload layout, PYL_BYTES: a length, a hash and the bytes inline,
 * NUL-terminated for C.  A bytes object is one PYL_BYTES object, hashed
 * when made (caching the hash later would be a write to a shared
 * object) and read without barriers.  A bytearray is a PYL_BYTEARRAY
 * object (length + storage) pointing to a PYL_BYTES storage object whose
 * 'length' is its capacity; both are mutable and go through barriers,
 * like list and its PYL_VALUES storage.
 *
 * Code that only reads either kind takes a pybuf: a real pointer to the
 * bytes and their count, valid until the next allocation.
 */
#ifndef PYSTM_BYTESOBJECT_H
#define PYSTM_BYTESOBJECT_H

#include "../runtime/object.h"
#include "typeobject.h"

typedef TLPREFIX struct pybytes_s PyBytes;
typedef TLPREFIX struct pybytearray_s PyByteArray;

struct pybytes_s {
    struct pyobj_s ob;
    int64_t hash;   /* bytes: hash(b); bytearray storage: unused */
    int64_t length; /* bytes: its length; bytearray storage: capacity */
    char data[];    /* the bytes, then a NUL */
};

struct pybytearray_s {
    struct pyobj_s ob;
    int64_t length;
    PyObj *storage; /* PYL_BYTES, NULL while the capacity is 0 */
};

extern PyType *pytype_bytes;
extern PyType *pytype_bytearray;
extern PyType *pytype_bytes_iterator;
extern PyType *pytype_bytearray_iterator;

static inline bool pybytes_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_BYTES;
}

static inline bool pybytearray_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_BYTEARRAY;
}

/* a memoryview that pybuf_get() can read: live and contiguous */
bool pymemview_is_buffer(pyval v);

/* bytes or bytearray, the two types of this file */
static inline bool pybytes_or_bytearray(pyval v)
{
    return pybytes_check(v) || pybytearray_check(v);
}

/* what CPython calls a bytes-like object: bytes, bytearray, and
   memoryviews that pybuf_get() reads */
static inline bool pybytes_like(pyval v)
{
    return pybytes_or_bytearray(v) ||
           (pyval_is_obj(v) && pyval_obj(v)->layout == PYL_MEMORYVIEW &&
            pymemview_is_buffer(v));
}

/* A read-only view of the bytes of a bytes or bytearray: valid until the
   next allocation or anything that may run Python code. */
struct pybuf {
    const uint8_t *p;
    int64_t n;
};

/* false (no exception) if v is not bytes-like (pybytes_like) */
bool pybuf_get(pyval v, struct pybuf *out);
/* If v is a memoryview pybuf_get() refuses, sets CPython's error for it
   (ValueError: released; BufferError: not contiguous) and returns true. */
bool pybuf_view_error(pyval v);

/* a malloc'ed copy of a bytes-like v's bytes (1 byte at least); NULL
   with MemoryError set */
uint8_t *pybytes_copy(pyval v, int64_t *n);

/* A bytes object of n bytes copied from data, which must not point into
   the heap (copy it to C memory first). */
pyval pybytes_from_data(const void *data, int64_t n);
pyval pybytearray_from_data(const void *data, int64_t n);
/* bytes if like is bytes, else a bytearray: the result type of the
   methods the two types share */
pyval pybytes_like_from_data(pyval like, const void *data, int64_t n);

static inline int64_t pybytes_size(pyval v)
{
    return ((PyBytes *)pyval_obj(v))->length;
}

/* the real address of a bytes object's data: valid until the next
   allocation */
static inline char *pybytes_data(pyval v)
{
    return pyobj_real(pyval_obj(v)) + offsetof(struct pybytes_s, data);
}

/* repr() of the bytes: b'...' with CPython's quoting and escapes */
pyval pybytes_repr_of(const uint8_t *p, int64_t n, const char *prefix,
                      const char *suffix);

/* bytes(x) / bytearray(x) of one source object into C memory (malloc'd
   *out, the caller frees): int count, iterable of ints, bytes-like;
   type_name is "bytes" or "bytearray" for the messages. */
int pybytes_from_object(pyval x, const char *type_name, uint8_t **out,
                        int64_t *n);

/* the slots bytes and bytearray share (bytesobject.c) */
pyval pybytes_repr(pyval self);
pyval pybytes_richcompare(pyval a, pyval b, enum pycmpop op);
int64_t pybytes_len(pyval self);
int pybytes_truth(pyval self);
pyval pybytes_getitem(pyval self, pyval key);
pyval pybytes_iter(pyval self);
/* bytes()/bytearray()'s (source, encoding, errors), bound into a[] (0
   when absent), and the bytes they make, in C memory (malloc'ed) */
int pybytes_bind_new(const char *fname, const pyval *args, size_t nargs,
                     PyObj *kwnames, pyval a[3]);
int pybytes_new_data(const char *fname, const pyval a[3], uint8_t **out,
                     int64_t *n);

/* ---- bytesmethods.c ---- */
extern const struct pymethod_def pybytes_methods[];
extern const struct pymethod_def pybytearray_methods[];
/* b % args for bytes and bytearray */
pyval pybytes_mod(pyval format, pyval args);
/* the shared implementations of +, in, comparisons */
pyval pybytes_concat(pyval a, pyval b);
int pybytes_contains(pyval self, pyval item);
pyval pybytes_repeat(pyval a, pyval b);

/* ---- bytearrayobject.c: the mutating methods and slots ---- */
pyval pybytearray_append(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames);
pyval pybytearray_extend(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames);
pyval pybytearray_insert(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames);
pyval pybytearray_pop(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames);
pyval pybytearray_remove(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames);
pyval pybytearray_clear(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames);
pyval pybytearray_copy(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames);
pyval pybytearray_reverse(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames);
extern const struct pytype_slots pybytearray_slots;

/* ---- codecs.c: str.encode / bytes.decode ---- */
/* s.encode(encoding, errors) as bytes */
pyval pycodec_encode(pyval s, const char *encoding, const char *errors);
/* data[0..n).decode(encoding, errors) as str (data is C memory) */
pyval pycodec_decode(const uint8_t *data, int64_t n, const char *encoding,
                     const char *errors);
/* TypeError "NAME() argument 'PARAM' must be str, not T" (Argument
   Clinic's wording: None is "None") */
pyval pycodec_not_str(const char *fname, const char *param, pyval v);
/* str(obj, encoding, errors) for a bytes-like obj (encoding and errors
   0 when absent) */
pyval pystr_decode_args(pyval obj, pyval encoding, pyval errors);
/* e.encoding, e.object, e.start, e.end, e.reason of a Unicode error made
   with those five arguments; 0 without an exception otherwise */
pyval pycodec_error_attr(pyval exc, pyval name);
/* str(e) of a UnicodeEncodeError / UnicodeDecodeError with the five
   standard arguments; 0 without an exception if args are not those */
pyval pycodec_error_str(pyval exc);

/* gc.c */
size_t pybytes_gc_size(struct pyobj_s *o);
void pybytearray_gc_trace(struct pyobj_s *o, void visit(object_t **));

/* outside transactions, before pytype_finish_builtins() */
void pybytes_setup_types(void);

#endif
