/* floatobject.h -- float: an immutable double. */
#ifndef PYSTM_FLOATOBJECT_H
#define PYSTM_FLOATOBJECT_H

#include "../runtime/object.h"

typedef TLPREFIX struct pyfloat_s PyFloat;

struct pyfloat_s {
    struct pyobj_s ob;
    double value;
};

extern PyType *pytype_float;
extern const struct pytype_slots pyfloat_slots;

pyval pyfloat_from_double(double d);

static inline bool pyfloat_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_FLOAT;
}

static inline double pyfloat_value(pyval v)
{
    return ((PyFloat *)pyval_obj(v))->value;
}

/* float(x) of an int or float operand for mixed arithmetic: 1 and the
   value, 0 if 'v' is neither (NotImplemented), -1 on error (a huge int) */
int pyfloat_operand(pyval v, double *out);

#endif
