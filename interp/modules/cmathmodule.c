/* cmathmodule.c -- the cmath module: sqrt, exp, log, log10, the
 * trigonometric and hyperbolic functions and their inverses, phase,
 * polar, rect, isclose, isfinite, isinf, isnan and the constants, with
 * CPython's results for finite arguments (its overflow-avoiding sqrt and
 * log, its paths for huge and tiny arguments and near the branch points)
 * and its special values and errors for infinities and NaNs ("math
 * domain error", "math range error").  C's Annex G functions give the
 * special values where CPython's tables agree with them; the cells where
 * C leaves a sign open are CPython's choice.
 */
#include "../objects/abstract.h"
#include "../objects/complexobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/floatobject.h"
#include "../objects/funcobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "modules.h"

#include <complex.h>
#include <float.h>
#include <math.h>
#include <string.h>

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

static double complex make_complex(double x, double y);

static void c_sqrt(double x, double y, double *re, double *im)
{
    if (!isfinite(x) || !isfinite(y)) {
        /* C99 Annex G's special values, which CPython's table follows */
        double complex r = csqrt(make_complex(x, y));
        *re = creal(r);
        *im = cimag(r);
        return;
    }
    if (x == 0.0 && y == 0.0) {
        *re = 0.0;
        *im = y;
        return;
    }
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
    if (x >= 0.0) {
        *re = s;
        *im = copysign(d, y);
    } else {
        *re = d;
        *im = copysign(s, y);
    }
}

static pyval cmath_sqrt(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    double x, y, re, im;
    if (one_arg("cmath.sqrt", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    c_sqrt(x, y, &re, &im);
    return pycomplex_from_doubles(re, im);
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
    double r = pycomplex_abs(x, y);
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

/* ------------------------------------------------------------ hyperbolic */

/* What CPython would raise for a result: nothing, ValueError "math
   domain error" or OverflowError "math range error". */
enum cm_error { CM_OK, CM_DOMAIN, CM_RANGE };

static const double log_large_double = 708.3964185322641; /* log(DBL_MAX/4) */

static double complex make_complex(double x, double y)
{
    double complex z;
    /* C11 6.2.5: laid out as double[2]; x + y * I would spoil infinities */
    ((double *)&z)[0] = x;
    ((double *)&z)[1] = y;
    return z;
}

static enum cm_error overflow_check(double re, double im)
{
    return isinf(re) || isinf(im) ? CM_RANGE : CM_OK;
}

static enum cm_error c_cosh(double x, double y, double *re, double *im)
{
    if (!isfinite(x) || !isfinite(y)) {
        if (isinf(x) && isfinite(y) && y != 0.0) {
            *re = copysign(INFINITY, cos(y));
            *im = copysign(INFINITY, sin(y));
            if (x < 0)
                *im = -*im;
        } else if (isnan(x) && y == 0.0) {
            /* where C leaves the sign open, CPython's table chooses */
            *re = NAN;
            *im = 0.0;
        } else {
            double complex r = ccosh(make_complex(x, y));
            *re = creal(r);
            *im = cimag(r);
        }
        return isinf(y) && !isnan(x) ? CM_DOMAIN : CM_OK;
    }
    if (fabs(x) > log_large_double) {
        /* cosh(x) alone would overflow before the product does */
        double x1 = x - copysign(1.0, x);
        *re = cos(y) * cosh(x1) * M_E;
        *im = sin(y) * sinh(x1) * M_E;
    } else {
        *re = cos(y) * cosh(x);
        *im = sin(y) * sinh(x);
    }
    return overflow_check(*re, *im);
}

static enum cm_error c_sinh(double x, double y, double *re, double *im)
{
    if (!isfinite(x) || !isfinite(y)) {
        if (isinf(x) && isfinite(y) && y != 0.0) {
            *re = copysign(INFINITY, cos(y));
            *im = copysign(INFINITY, sin(y));
            if (x < 0)
                *re = -*re;
        } else if (x == 0.0 && isnan(y)) {
            *re = 0.0;
            *im = NAN;
        } else {
            double complex r = csinh(make_complex(x, y));
            *re = creal(r);
            *im = cimag(r);
        }
        return isinf(y) && !isnan(x) ? CM_DOMAIN : CM_OK;
    }
    if (fabs(x) > log_large_double) {
        double x1 = x - copysign(1.0, x);
        *re = cos(y) * sinh(x1) * M_E;
        *im = sin(y) * cosh(x1) * M_E;
    } else {
        *re = cos(y) * sinh(x);
        *im = sin(y) * cosh(x);
    }
    return overflow_check(*re, *im);
}

static enum cm_error c_tanh(double x, double y, double *re, double *im)
{
    if (!isfinite(x) || !isfinite(y)) {
        if (isinf(x) && isfinite(y) && y != 0.0) {
            *re = x > 0 ? 1.0 : -1.0;
            *im = copysign(0.0, 2.0 * sin(y) * cos(y));
        } else if (isinf(x) && !isfinite(y)) {
            *re = copysign(1.0, x);
            *im = 0.0;
        } else if (x == 0.0 && isnan(y)) {
            *re = *im = NAN; /* C99's answer, which CPython keeps */
        } else {
            double complex r = ctanh(make_complex(x, y));
            *re = creal(r);
            *im = cimag(r);
        }
        return isinf(y) && isfinite(x) ? CM_DOMAIN : CM_OK;
    }
    if (fabs(x) > log_large_double) {
        /* tanh(x) is +-1 here; the imaginary part underflows gently */
        *re = copysign(1.0, x);
        *im = 4.0 * sin(y) * cos(y) * exp(-2.0 * fabs(x));
    } else {
        double tx = tanh(x), ty = tan(y), cx = 1.0 / cosh(x);
        double txty = tx * ty, denom = 1.0 + txty * txty;
        *re = tx * (1.0 + ty * ty) / denom;
        *im = ((ty / denom) * cx) * cx;
    }
    return CM_OK;
}

/* cos(z) = cosh(iz), sin(z) = -i sinh(iz), tan(z) = -i tanh(iz) */
static enum cm_error c_cos(double x, double y, double *re, double *im)
{
    return c_cosh(-y, x, re, im);
}

static enum cm_error c_sin(double x, double y, double *re, double *im)
{
    double sr, si;
    enum cm_error e = c_sinh(-y, x, &sr, &si);
    *re = si;
    *im = -sr;
    return e;
}

static enum cm_error c_tan(double x, double y, double *re, double *im)
{
    double tr, ti;
    enum cm_error e = c_tanh(-y, x, &tr, &ti);
    *re = ti;
    *im = -tr;
    return e;
}

#define CM_FUNCTION(NAME)                                                  \
    static pyval cmath_##NAME(pyval self, const pyval *args, size_t nargs, \
                              PyObj *kwnames)                              \
    {                                                                      \
        double x, y, re, im;                                               \
        if (one_arg("cmath." #NAME, args, nargs, kwnames, &x, &y) < 0)     \
            return 0;                                                      \
        enum cm_error e = c_##NAME(x, y, &re, &im);                        \
        if (e == CM_DOMAIN)                                                \
            return domain_error();                                         \
        if (e == CM_RANGE)                                                 \
            return range_error();                                          \
        return pycomplex_from_doubles(re, im);                             \
    }
CM_FUNCTION(cosh)
CM_FUNCTION(sinh)
CM_FUNCTION(tanh)
CM_FUNCTION(cos)
CM_FUNCTION(sin)
CM_FUNCTION(tan)

/* ------------------------------------------------------------ inverses */

static const double large_double = DBL_MAX / 4;

/* the special values of an inverse function: C's, except the cells
   where C leaves a sign open */
static bool special(double complex (*fn)(double complex), double x, double y,
                    double *re, double *im)
{
    if (isfinite(x) && isfinite(y))
        return false;
    /* CPython's tables ignore a NaN's sign (asin and atan negate one) */
    if (isnan(x))
        x = fabs(x);
    if (isnan(y))
        y = fabs(y);
    double complex r = fn(make_complex(x, y));
    *re = creal(r);
    *im = cimag(r);
    return true;
}

static enum cm_error c_acos(double x, double y, double *re, double *im)
{
    if (isinf(x) && isnan(y)) { /* C leaves the sign open */
        *re = NAN;
        *im = INFINITY;
        return CM_OK;
    }
    if (special(cacos, x, y, re, im))
        return CM_OK;
    if (fabs(x) > large_double || fabs(y) > large_double) {
        /* log |z| + log 2, computed without overflowing */
        double l = log(hypot(x / 2.0, y / 2.0)) + M_LN2 * 2.0;
        *re = atan2(fabs(y), x);
        *im = x < 0.0 ? -copysign(l, y) : copysign(l, -y);
    } else {
        double s1r, s1i, s2r, s2i;
        c_sqrt(1.0 - x, -y, &s1r, &s1i);
        c_sqrt(1.0 + x, y, &s2r, &s2i);
        *re = 2.0 * atan2(s1r, s2r);
        *im = asinh(s2r * s1i - s2i * s1r);
    }
    return CM_OK;
}

static enum cm_error c_acosh(double x, double y, double *re, double *im)
{
    if (x == 0.0 && isnan(y)) { /* C99's answer, which CPython keeps */
        *re = *im = NAN;
        return CM_OK;
    }
    if (special(cacosh, x, y, re, im))
        return CM_OK;
    if (fabs(x) > large_double || fabs(y) > large_double) {
        *re = log(hypot(x / 2.0, y / 2.0)) + M_LN2 * 2.0;
        *im = atan2(y, x);
    } else {
        double s1r, s1i, s2r, s2i;
        c_sqrt(x - 1.0, y, &s1r, &s1i);
        c_sqrt(x + 1.0, y, &s2r, &s2i);
        *re = asinh(s1r * s2r + s1i * s2i);
        *im = 2.0 * atan2(s1i, s2r);
    }
    return CM_OK;
}

static enum cm_error c_asinh(double x, double y, double *re, double *im)
{
    if (special(casinh, x, y, re, im))
        return CM_OK;
    if (fabs(x) > large_double || fabs(y) > large_double) {
        double l = log(hypot(x / 2.0, y / 2.0)) + M_LN2 * 2.0;
        *re = y >= 0.0 ? copysign(l, x) : -copysign(l, -x);
        *im = atan2(y, fabs(x));
    } else {
        double s1r, s1i, s2r, s2i;
        c_sqrt(1.0 + y, -x, &s1r, &s1i);
        c_sqrt(1.0 - y, x, &s2r, &s2i);
        *re = asinh(s1r * s2i - s2r * s1i);
        *im = atan2(y, s1r * s2r - s1i * s2i);
    }
    return CM_OK;
}

static enum cm_error c_atanh(double x, double y, double *re, double *im)
{
    if (special(catanh, x, y, re, im))
        return CM_OK;
    if (x < 0.0) { /* atanh(z) = -atanh(-z), so that x >= 0 below */
        enum cm_error e = c_atanh(-x, -y, re, im);
        *re = -*re;
        *im = -*im;
        return e;
    }
    double ay = fabs(y);
    if (x > sqrt(large_double) || ay > sqrt(large_double)) {
        /* atanh(z) ~ 1/z +- i pi/2 for a large z */
        double h = hypot(x / 2.0, y / 2.0);
        *re = x / 4.0 / h / h;
        *im = -copysign(M_PI / 2.0, -y);
    } else if (x == 1.0 && ay < sqrt(DBL_MIN)) {
        if (ay == 0.0) {
            *re = INFINITY;
            *im = y;
            return CM_DOMAIN;
        }
        *re = -log(sqrt(ay) / sqrt(hypot(ay, 2.0)));
        *im = copysign(atan2(2.0, -ay) / 2.0, y);
    } else {
        *re = log1p(4.0 * x / ((1 - x) * (1 - x) + ay * ay)) / 4.0;
        *im = -atan2(-2.0 * y, (1 - x) * (1 + x) - ay * ay) / 2.0;
    }
    return CM_OK;
}

/* asin(z) = -i asinh(iz), atan(z) = -i atanh(iz) */
static enum cm_error c_asin(double x, double y, double *re, double *im)
{
    double sr, si;
    enum cm_error e = c_asinh(-y, x, &sr, &si);
    *re = si;
    *im = -sr;
    return e;
}

static enum cm_error c_atan(double x, double y, double *re, double *im)
{
    double sr, si;
    enum cm_error e = c_atanh(-y, x, &sr, &si);
    *re = si;
    *im = -sr;
    return e;
}

CM_FUNCTION(acos)
CM_FUNCTION(acosh)
CM_FUNCTION(asin)
CM_FUNCTION(asinh)
CM_FUNCTION(atan)
CM_FUNCTION(atanh)

/* ------------------------------------------------------------ logarithms */

/* the natural logarithm, with CPython's care for accuracy: halved parts
   near overflow, scaled-up subnormals, log1p when |z| is near 1.  *edom
   is set for log(0). */
static void c_log(double x, double y, double *re, double *im, bool *edom)
{
    *edom = false;
    if (!isfinite(x) || !isfinite(y)) {
        /* C99 Annex G's special values, which CPython's table follows */
        double complex z;
        ((double *)&z)[0] = x;
        ((double *)&z)[1] = y;
        double complex r = clog(z);
        *re = creal(r);
        *im = cimag(r);
        return;
    }
    double ax = fabs(x), ay = fabs(y);
    if (ax > DBL_MAX / 4 || ay > DBL_MAX / 4) {
        *re = log(hypot(ax / 2.0, ay / 2.0)) + M_LN2;
    } else if (ax < DBL_MIN && ay < DBL_MIN) {
        if (ax > 0.0 || ay > 0.0) {
            *re = log(hypot(ldexp(ax, DBL_MANT_DIG), ldexp(ay, DBL_MANT_DIG))) -
                  DBL_MANT_DIG * M_LN2;
        } else {
            *re = -INFINITY;
            *edom = true;
        }
    } else {
        double h = hypot(ax, ay);
        if (0.71 <= h && h <= 1.73) {
            double big = ax > ay ? ax : ay, small = ax > ay ? ay : ax;
            *re = log1p((big - 1) * (big + 1) + small * small) / 2.0;
        } else {
            *re = log(h);
        }
    }
    *im = atan2(y, x);
}

static pyval cmath_log(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("cmath.log", kwnames) < 0)
        return 0;
    if (nargs < 1 || nargs > 2)
        return pyerr_format(pyexc_TypeError,
                            nargs < 1
                                ? "log expected at least 1 argument, got %d"
                                : "log expected at most 2 arguments, got %d",
                            (int)nargs);
    double x, y, re, im;
    bool edom;
    if (pycomplex_arg(args[0], &x, &y) < 0)
        return 0;
    c_log(x, y, &re, &im, &edom);
    if (nargs == 2) {
        /* only the base's error counts then, or a zero log(base) */
        double bx, by, bre, bim;
        if (pycomplex_arg(args[1], &bx, &by) < 0)
            return 0;
        c_log(bx, by, &bre, &bim, &edom);
        if (!pycomplex_quotient(re, im, bre, bim, &re, &im))
            edom = true;
    }
    if (edom)
        return domain_error();
    return pycomplex_from_doubles(re, im);
}

static pyval cmath_log10(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    double x, y, re, im;
    bool edom;
    if (one_arg("cmath.log10", args, nargs, kwnames, &x, &y) < 0)
        return 0;
    c_log(x, y, &re, &im, &edom);
    if (edom)
        return domain_error();
    return pycomplex_from_doubles(re / M_LN10, im / M_LN10);
}

/* isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0) */
static pyval cmath_isclose(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    pyval given[4] = {0, 0, 0, 0};
    if (nargs > 2)
        return pyerr_format(pyexc_TypeError,
                            "isclose() takes exactly 2 positional arguments "
                            "(%d given)",
                            (int)nargs);
    for (size_t i = 0; i < nargs; i++)
        given[i] = args[i];
    /* as CPython's argument parser: a missing argument is reported
       before a bad keyword */
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    int64_t bad = -1; /* the first keyword that is unknown or a duplicate */
    for (int64_t k = 0; k < nkw; k++) {
        pyval name = pytuple_get(pyval_from_obj(kwnames), k);
        int which = -1;
        for (int j = 0; j < 4; j++)
            if (strcmp(pystr_utf8(name), names[j]) == 0)
                which = j;
        if (which < 0 || given[which] != 0) {
            if (bad < 0)
                bad = k;
            continue;
        }
        given[which] = args[nargs + (size_t)k];
    }
    for (int j = 0; j < 2; j++)
        if (given[j] == 0)
            return pyerr_format(pyexc_TypeError,
                                "isclose() missing required argument '%s' "
                                "(pos %d)",
                                names[j], j + 1);
    if (bad >= 0) {
        /* a positional argument named again comes first, then the
           first unknown keyword */
        for (size_t j = 0; j < nargs; j++)
            for (int64_t k = 0; k < nkw; k++)
                if (strcmp(pystr_utf8(pytuple_get(pyval_from_obj(kwnames), k)),
                           names[j]) == 0)
                    return pyerr_format(pyexc_TypeError,
                                        "argument for isclose() given by name "
                                        "('%s') and position (%d)",
                                        names[j], (int)j + 1);
        return pyerr_format(pyexc_TypeError,
                            "'%U' is an invalid keyword argument for "
                            "isclose()",
                            pytuple_get(pyval_from_obj(kwnames), bad));
    }
    /* the values are all read before anything may allocate (a
       __complex__ method): they are copied to the shadow stack */
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    for (int j = 0; j < 4; j++)
        PY_PUSHV(given[j]);
    double ax, ay, bx, by, rel_tol = 1e-09, abs_tol = 0.0;
    int rc = pycomplex_arg((pyval)saved[0].ss, &ax, &ay);
    if (rc == 0)
        rc = pycomplex_arg((pyval)saved[1].ss, &bx, &by);
    if (rc == 0 && saved[2].ss != NULL)
        rc = real_arg((pyval)saved[2].ss, &rel_tol);
    if (rc == 0 && saved[3].ss != NULL)
        rc = real_arg((pyval)saved[3].ss, &abs_tol);
    pyrt_tl.shadowstack = saved;
    if (rc < 0)
        return 0;
    if (rel_tol < 0.0 || abs_tol < 0.0)
        return pyerr_format(pyexc_ValueError,
                            "tolerances must be non-negative");
    if (ax == bx && ay == by)
        return py_True;
    if (isinf(ax) || isinf(ay) || isinf(bx) || isinf(by))
        return py_False;
    double diff = pycomplex_abs(ax - bx, ay - by);
    return pybool(diff <= rel_tol * pycomplex_abs(bx, by) ||
                  diff <= rel_tol * pycomplex_abs(ax, ay) || diff <= abs_tol);
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
    {"sqrt", cmath_sqrt, 0, NULL},         {"exp", cmath_exp, 0, NULL},
    {"phase", cmath_phase, 0, NULL},       {"polar", cmath_polar, 0, NULL},
    {"rect", cmath_rect, 0, NULL},         {"cosh", cmath_cosh, 0, NULL},
    {"sinh", cmath_sinh, 0, NULL},         {"tanh", cmath_tanh, 0, NULL},
    {"cos", cmath_cos, 0, NULL},           {"sin", cmath_sin, 0, NULL},
    {"tan", cmath_tan, 0, NULL},           {"acos", cmath_acos, 0, NULL},
    {"acosh", cmath_acosh, 0, NULL},       {"asin", cmath_asin, 0, NULL},
    {"asinh", cmath_asinh, 0, NULL},       {"atan", cmath_atan, 0, NULL},
    {"atanh", cmath_atanh, 0, NULL},       {"log", cmath_log, 0, NULL},
    {"log10", cmath_log10, 0, NULL},       {"isclose", cmath_isclose, 0, NULL},
    {"isfinite", cmath_isfinite, 0, NULL}, {"isinf", cmath_isinf, 0, NULL},
    {"isnan", cmath_isnan, 0, NULL},       {NULL, NULL, 0, NULL},
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
