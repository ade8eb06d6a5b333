/* intobject.h -- int: small values are tagged words (object.h); larger
 * ones are PYL_BIGINT objects with GMP limbs inline (arithmetic in
 * bigint.c).  bool and instances of int subclasses are PYL_INTBOX
 * objects holding an int value.
 */
#ifndef PYSTM_INTOBJECT_H
#define PYSTM_INTOBJECT_H

#include "../runtime/object.h"

#include <gmp.h>

typedef TLPREFIX struct pybigint_s PyBigInt;
typedef TLPREFIX struct pyintbox_s PyIntBox;

struct pybigint_s {
    struct pyobj_s ob;
    long size;     /* signed limb count: never 0, never tagged-sized */
    long capacity; /* limbs allocated (the GC's size: >= |size|) */
    mp_limb_t limb[];
};

struct pyintbox_s {
    struct pyobj_s ob;
    pyval value; /* an int: tagged or PYL_BIGINT */
};

extern PyType *pytype_int;

pyval pyint_from_int64(int64_t v);
pyval pyint_from_uint64(uint64_t v);
/* an int's value if it fits; else OverflowError */
int pyint_as_int64(pyval v, int64_t *out);
/* is v an int (or bool, or an int subclass instance)? */
bool pyint_check(pyval v);
/* the plain int inside v (unboxes bool / subclass instances) */
pyval pyint_value(pyval v);
/* from digits in a base (the parser's literals) */
pyval pyint_from_digits(const char *digits, size_t len, int base);
/* int(x) of a float: NaN and infinities are errors */
pyval pyint_from_double(double d);
/* a str's text for int()/float() parsing, malloc'ed (see intobject.c) */
char *pyint_ascii_digits(pyval s, size_t *len);
/* bin()/oct()/hex() text in base 2, 8 or 16 (with the 0b/0o/0x prefix) */
pyval pyint_to_base(pyval v, int base, bool prefix);
/* pow(a, b, m) of ints */
pyval pyint_powmod(pyval a, pyval b, pyval m);
bool pyint_is_odd(pyval v);
/* str(int) */
pyval pyint_to_str(pyval v);
int pyint_sign(pyval v);
/* correctly rounded, or OverflowError */
int pyint_to_double(pyval v, double *out);

extern const struct pytype_slots pyint_slots;
size_t pybigint_gc_size(struct pyobj_s *o);
size_t pyintbox_gc_size(struct pyobj_s *o);
void pyintbox_gc_trace(struct pyobj_s *o, void visit(object_t **));

#endif
