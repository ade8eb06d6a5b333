/* complexobject.h -- complex: an immutable pair of doubles. */
#ifndef PYSTM_COMPLEXOBJECT_H
#define PYSTM_COMPLEXOBJECT_H

#include "../runtime/object.h"

#include <stddef.h>

typedef TLPREFIX struct pycomplex_s PyComplex;

struct pycomplex_s {
    struct pyobj_s ob;
    double real;
    double imag;
};

extern PyType *pytype_complex;

pyval pycomplex_from_doubles(double real, double imag);

static inline bool pycomplex_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_COMPLEX;
}

static inline double pycomplex_real(pyval v)
{
    return ((PyComplex *)pyval_obj(v))->real;
}

static inline double pycomplex_imag(pyval v)
{
    return ((PyComplex *)pyval_obj(v))->imag;
}

/* a ** b of two complex numbers given by their parts, with CPython's
   errors (float ** float whose result is complex comes here) */
pyval pycomplex_power(double ar, double ai, double br, double bi);

/* (ar + ai j) / (br + bi j) as the / operator computes it (Smith's
   method): false, with zeros, when dividing by zero */
bool pycomplex_quotient(double ar, double ai, double br, double bi, double *re,
                        double *im);

/* abs(re + im j): an infinite part wins over a NaN; infinite when the
   modulus overflows (the caller decides whether that is an error) */
double pycomplex_abs(double re, double im);

/* v as a complex number for functions taking one (cmath): a complex,
   v.__complex__(), or float(v) as the real part; TypeError "must be
   real number, not T" otherwise.  0 or -1. */
int pycomplex_arg(pyval v, double *real, double *imag);

/* format(v, spec) of a complex, spec being C text of len bytes */
pyval pycomplex_format(pyval v, const char *spec, size_t len);

void pycomplex_setup_types(void);

#endif
