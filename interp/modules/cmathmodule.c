/* cmathmodule.c -- the cmath module (a first part): sqrt, exp, phase,
 * polar, rect, isfinite, isinf, isnan and the constants, with CPython's
 * results for finite arguments (its overflow-avoiding sqrt, its exp near
 * the top of the double range) and its special values and errors for
 * infinities and NaNs ("math domain error", "math range error").
 */
#include "../objects/abstract.h"
#include "../objects/complexobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/floatobject.h"
#include "../objects/funcobject.h"
#include "../objects/moduleobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "modules.h"

#include <complex.h>
#include <float.h>
#include <math.h>

static pyval domain_error(void)
{
    return pyerr_format(pyexc_ValueError, "math domain error");
}

static pyval range_error(void)
{
    return pyerr_format(pyexc_OverflowError, "math range error");
}

/* the one argument of NAME(z) as a complex number: 0 or -1 */
static int one_arg(const char *name, const pyval *args, size_t nargs,
                   PyObj *kwnames, double *re, double *im)
{
    if (pyarg_no_keywords(name, kwnames) < 0 ||
        pyarg_count(name, nargs, 1, 1) < 0)
        return -1;
    return pycomplex_arg(args[0], re, im);
}

static pyval cmath_sqrt(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    double x, y;
    if (one_arg("cmath.sqrt", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    if (!isfinite(x) || !isfinite(y)) {
        /* C99 Annex G's special values, which CPython's table follows */
        double complex z;
        /* C11 6.2.5: a complex is laid out as double[2] (real, imag);
           x + y * I would turn an infinite y into a NaN real part */
        ((double *)&z)[0] = x;
        ((double *)&z)[1] = y;
        double complex r = csqrt(z);
        return pycomplex_from_doubles(creal(r), cimag(r));
    }
    if (x == 0.0 && y == 0.0)
        return pycomplex_from_doubles(0.0, y);
    double ax = fabs(x), ay = fabs(y), s;
    if (ax < DBL_MIN && ay < DBL_MIN) {
        /* both subnormal: scale up by 2**53 so hypot keeps its bits */
        ax = ldexp(ax, 53);
        s = ldexp(sqrt(ax + hypot(ax, ldexp(ay, 53))), -27);
    } else {
        /* scaled down by 8 so that ax + hypot() cannot overflow */
        ax /= 8.0;
        s = 2.0 * sqrt(ax + hypot(ax, ay / 8.0));
    }
    double d = ay / (2.0 * s);
    if (x >= 0.0)
        return pycomplex_from_doubles(s, copysign(d, y));
    return pycomplex_from_doubles(d, copysign(s, y));
}

static pyval cmath_exp(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    double x, y, re, im;
    if (one_arg("cmath.exp", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    if (!isfinite(x) || !isfinite(y)) {
        /* an infinite imaginary part has no direction, except under
           exp(-inf) == 0 */
        if (isinf(y) && (isfinite(x) || x > 0))
            return domain_error();
        if (isinf(x) && isfinite(y) && y != 0.0) {
            double big = x > 0 ? INFINITY : 0.0;
            re = copysign(big, cos(y));
            im = copysign(big, sin(y));
        } else if (isinf(x) && x < 0) {
            /* y is +-0, keeping its sign, or infinite or NaN */
            re = 0.0;
            im = y == 0.0 ? y : 0.0;
        } else if (isinf(x)) { /* +inf with y == +-0 or NaN */
            re = INFINITY;
            im = y;
        } else if (y == 0.0) { /* a NaN real part */
            re = NAN;
            im = y;
        } else {
            re = im = NAN;
        }
        return pycomplex_from_doubles(re, im);
    }
    /* exp(x) alone may overflow when the product would not */
    const double log_large = 708.3964185322641; /* log(DBL_MAX / 4) */
    if (x > log_large) {
        double l = exp(x - 1.0);
        re = l * cos(y) * M_E;
        im = l * sin(y) * M_E;
    } else {
        double l = exp(x);
        re = l * cos(y);
        im = l * sin(y);
    }
    if (isinf(re) || isinf(im))
        return range_error();
    return pycomplex_from_doubles(re, im);
}

static pyval cmath_phase(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    double x, y;
    if (one_arg("cmath.phase", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    return pyfloat_from_double(atan2(y, x));
}

static pyval cmath_polar(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    double x, y;
    if (one_arg("cmath.polar", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    double r;
    if (isinf(x) || isinf(y))
        r = INFINITY;
    else if (isnan(x) || isnan(y))
        r = NAN;
    else
        r = hypot(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return range_error();
    pyval mod = pyfloat_from_double(r);
    PY_PUSHV(mod);
    pyval phase = pyfloat_from_double(atan2(y, x));
    PY_PUSHV(phase);
    pyval t = pytuple_new(2);
    PY_POPV(phase);
    PY_POPV(mod);
    if (t == 0)
        return 0;
    pytuple_init_item(t, 0, mod);
    pytuple_init_item(t, 1, phase);
    return t;
}

/* a real argument of rect() */
static int real_arg(pyval v, double *out)
{
    double im;
    if (pycomplex_check(v)) {
        pyerr_format(pyexc_TypeError, "must be real number, not complex");
        return -1;
    }
    return pycomplex_arg(v, out, &im);
}

static pyval cmath_rect(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("rect", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "rect expected 2 arguments, got %d", (int)nargs);
    double r, phi;
    if (real_arg(args[0], &r) < 0 || real_arg(args[1], &phi) < 0)
        return 0;
    double re, im;
    if (!isfinite(r) || !isfinite(phi)) {
        /* a nonzero length in no definite direction */
        if (r != 0.0 && !isnan(r) && isinf(phi))
            return domain_error();
        if (isinf(r) && isfinite(phi) && phi != 0.0) {
            re = copysign(INFINITY, r * cos(phi));
            im = copysign(INFINITY, r * sin(phi));
        } else if (isinf(r) && phi == 0.0) {
            re = r;
            im = r > 0 ? phi : -phi; /* the sign of r * phi (r * 0 is NaN) */
        } else if (isinf(r)) {       /* a NaN angle */
            re = INFINITY;
            im = NAN;
        } else if (isnan(r)) {
            re = NAN;
            im = phi == 0.0 ? 0.0 : NAN;
        } else { /* finite r: a NaN angle, or r == 0 and an infinite one */
            re = im = r == 0.0 ? 0.0 : NAN;
        }
        return pycomplex_from_doubles(re, im);
    }
    if (phi == 0.0) /* keeps the sign of a zero angle */
        return pycomplex_from_doubles(r, r * phi);
    return pycomplex_from_doubles(r * cos(phi), r * sin(phi));
}

static pyval cmath_isfinite(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    double x, y;
    if (one_arg("cmath.isfinite", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    return pybool(isfinite(x) && isfinite(y));
}

static pyval cmath_isinf(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    double x, y;
    if (one_arg("cmath.isinf", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    return pybool(isinf(x) || isinf(y));
}

static pyval cmath_isnan(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    double x, y;
    if (one_arg("cmath.isnan", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    return pybool(isnan(x) || isnan(y));
}

static const struct pymethod_def cmath_functions[] = {
    {"sqrt", cmath_sqrt, 0, NULL},   {"exp", cmath_exp, 0, NULL},
    {"phase", cmath_phase, 0, NULL}, {"polar", cmath_polar, 0, NULL},
    {"rect", cmath_rect, 0, NULL},   {"isfinite", cmath_isfinite, 0, NULL},
    {"isinf", cmath_isinf, 0, NULL}, {"isnan", cmath_isnan, 0, NULL},
    {NULL, NULL, 0, NULL},
};

int pymod_cmath_init(pyval module, pyval *dictp)
{
    for (const struct pymethod_def *m = cmath_functions; m->name; m++) {
        pyval fn = pybuiltin_new(m, 0);
        if (fn == 0 || pymodule_add(dictp, m->name, fn) < 0)
            return -1;
    }
    struct {
        const char *name;
        double value;
        bool imaginary;
    } constants[] = {{"pi", M_PI, false},      {"e", M_E, false},
                     {"tau", 2 * M_PI, false}, {"inf", INFINITY, false},
                     {"nan", NAN, false},      {"infj", INFINITY, true},
                     {"nanj", NAN, true}};
    for (size_t i = 0; i < sizeof(constants) / sizeof(constants[0]); i++) {
        double v = constants[i].value;
        pyval c = constants[i].imaginary ? pycomplex_from_doubles(0.0, v)
                                         : pyfloat_from_double(v);
        if (c == 0 || pymodule_add(dictp, constants[i].name, c) < 0)
            return -1;
    }
    return 0;
}
