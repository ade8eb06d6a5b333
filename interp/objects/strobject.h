/* strobject.h -- str: immutable Unicode text (design: doc/pystm.md §5).
 *
 * The text is generalized UTF-8 (lone surrogates as their 3-byte form),
 * NUL-terminated for C.  The hash is computed when the string is made
 * (caching it later would be a write to a shared object: a conflict
 * between two threads hashing the same string).  A non-ASCII string
 * ends with an index, the byte offset of every PYSTR_INDEX_STEP-th code
 * point, so that s[i] is O(1).
 */
#ifndef PYSTM_STROBJECT_H
#define PYSTM_STROBJECT_H

#include "../runtime/object.h"
#include "typeobject.h"

#define PYSTR_INDEX_STEP 32

typedef TLPREFIX struct pystr_s PyStr;

struct pystr_s {
    struct pyobj_s ob;
    int64_t hash;
    int64_t length; /* code points */
    int64_t nbytes; /* bytes of text, without the NUL */
    uint8_t width;  /* PEP 393 kind: 1 (all < 256), 2 (< 65536) or 4 */
    uint8_t ascii;  /* all < 128: byte offset == index */
    uint8_t pad[6]; /* the text starts 8-aligned, and so does the index */
    char data[];    /* text, NUL, then (non-ASCII) the index, 8-aligned */
};

_Static_assert(offsetof(struct pystr_s, data) % 8 == 0, "aligned text");

extern PyType *pytype_str;

/* From trusted generalized UTF-8 (the parser's, a codec's output...).
   0 with MemoryError set if it is too big. */
pyval pystr_from_utf8(const char *s, size_t nbytes);
pyval pystr_from_cstr(const char *s);
/* The interned string with this text: one object per text, for names. */
pyval pystr_intern_utf8(const char *s, size_t nbytes);
/* the interned str of a C string whose address never changes (a
   literal, a static table's): remembered per thread, so finding it again
   costs no allocation once it is old */
pyval pystr_name(const char *literal);
pyval pystr_intern(pyval str);

static inline PyStr *pystr(pyval v)
{
    return (PyStr *)pyval_obj(v);
}

static inline int64_t pystr_length(pyval v)
{
    return pystr(v)->length;
}

static inline int64_t pystr_nbytes(pyval v)
{
    return pystr(v)->nbytes;
}

/* a real pointer to the text: valid until the next allocation */
static inline const char *pystr_utf8(pyval v)
{
    return pyobj_real(pyval_obj(v)) + offsetof(struct pystr_s, data);
}

bool pystr_eq(pyval a, pyval b);
/* -1, 0, 1 by code points (== byte order of UTF-8, except surrogates,
   handled) */
int pystr_compare(pyval a, pyval b);
pyval pystr_concat(pyval a, pyval b);
/* the code point at index i (0 <= i < length) */
uint32_t pystr_char_at(pyval s, int64_t i);
/* byte offset of code point i (0 <= i <= length) */
int64_t pystr_offset_of(pyval s, int64_t i);
pyval pystr_substring(pyval s, int64_t start, int64_t stop);
pyval pystr_from_codepoint(uint32_t cp);

/* ---- the methods (strmethods.c) and formatting (strformat.c) ---- */

struct pyutf8_buf;
extern PyType *pytype_str_iterator;
extern const struct pytype_slots pystr_slots;
extern const struct pymethod_def pystr_methods[];
/* outside transactions, before pytype_finish_builtins(): str's
   iterator type (str itself needs pystr_slots in its slots) */
void pystr_setup_types(void);

/* repr(s) with CPython's quoting and escaping */
pyval pystr_repr(pyval s);
/* ascii(v): repr(v) with non-ASCII characters escaped */
pyval pystr_ascii_of(pyval v);
/* sep.join(iterable) */
pyval pystr_join(pyval sep, pyval iterable);
/* s.replace(old, new, count) (count < 0: all) */
pyval pystr_replace(pyval s, pyval old, pyval new_, int64_t count);
/* s[start:stop:step] by C integers (PYSLICE_NONE for None) until slice
   objects exist */
pyval pystr_get_slice(pyval s, int64_t start, int64_t stop, int64_t step);
/* s.encode(encoding, errors) appended to out (C memory): utf-8, ascii,
   latin-1 and their aliases, the built-in error handlers; -1 with
   LookupError / UnicodeEncodeError set.  (str.encode returns bytes once
   the bytes type exists.) */
int pystr_encode(pyval s, const char *encoding, const char *errors,
                 struct pyutf8_buf *out);
/* format % args */
pyval pystr_mod(pyval format, pyval args);
/* format(v, spec) for str, int, bool, float and object.__format__ */
pyval pystr_format_value(pyval v, pyval spec);
/* format(v, spec): a class's own __format__ if it has one; spec 0 is the
   empty spec */
pyval pyobj_format(pyval v, pyval spec);
/* the __format__ methods of int, float and object */
pyval pyint_format_dunder(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames);
pyval pyfloat_format_dunder(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames);
pyval pyobject_format_dunder(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames);

/* gc.c */
size_t pystr_gc_size(struct pyobj_s *o);

void pystr_setup(void);

#endif
