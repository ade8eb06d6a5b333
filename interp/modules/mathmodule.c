/* mathmodule.c -- the math module: libm's functions with CPython's
 * argument conversion and errors ("math domain error" for arguments
 * outside the domain, "math range error" for overflow), exact integer
 * functions (factorial, gcd, lcm, isqrt, comb, perm) on the int type's
 * arithmetic, and fsum by exact partial sums.
 */
#include "../objects/abstract.h"
#include "../objects/bigint.h"
#include "../objects/exceptionobject.h"
#include "../objects/floatobject.h"
#include "../objects/funcobject.h"
#include "../objects/intobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "modules.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* a real number argument as a double (int, float, or __float__) */
static int real_arg(pyval v, double *out)
{
    int k = pyfloat_operand(v, out);
    if (k > 0)
        return 0;
    if (k < 0)
        return -1;
    pyval (*to_float)(pyval) = pyval_type(v)->slots->to_float;
    if (to_float != NULL) {
        pyval f = to_float(v);
        if (f == 0)
            return -1;
        *out = pyfloat_value(f);
        return 0;
    }
    if (pyval_type(v)->slots->index != NULL) {
        /* as PyFloat_AsDouble: an __index__ will do */
        pyval i = pynum_index(v);
        return i == 0 ? -1 : pyint_to_double(i, out);
    }
    pyerr_format(pyexc_TypeError, "must be real number, not %T", v);
    return -1;
}

static pyval domain_error(void)
{
    return pyerr_format(pyexc_ValueError, "math domain error");
}

static pyval range_error(void)
{
    return pyerr_format(pyexc_OverflowError, "math range error");
}

/* f(x) with CPython's checks: a NaN result from a non-NaN argument is a
   domain error; an infinite one from a finite argument a range error
   (or a domain error when 'can_overflow' is false: log(0)) */
static pyval unary(const pyval *args, size_t nargs, PyObj *kwnames,
                   const char *name, double (*fn)(double), bool can_overflow)
{
    if (pyarg_no_keywords(name, kwnames) < 0 ||
        pyarg_count(name, nargs, 1, 1) < 0)
        return 0;
    double x;
    if (real_arg(args[0], &x) < 0)
        return 0;
    errno = 0;
    double r = fn(x);
    if (isnan(r) && !isnan(x))
        return domain_error();
    if (isinf(r) && isfinite(x))
        return can_overflow ? range_error() : domain_error();
    return pyfloat_from_double(r);
}

#define UNARY(NAME, FN, OVERFLOW)                                         \
    static pyval math_##NAME(pyval self, const pyval *args, size_t nargs, \
                             PyObj *kwnames)                              \
    {                                                                     \
        return unary(args, nargs, kwnames, #NAME, FN, OVERFLOW);          \
    }
UNARY(sqrt, sqrt, false)
UNARY(exp, exp, true)
UNARY(expm1, expm1, true)
UNARY(sin, sin, false)
UNARY(cos, cos, false)
UNARY(tan, tan, false)
UNARY(asin, asin, false)
UNARY(acos, acos, false)
UNARY(atan, atan, false)
UNARY(sinh, sinh, true)
UNARY(cosh, cosh, true)
UNARY(tanh, tanh, false)
UNARY(asinh, asinh, false)
UNARY(acosh, acosh, false)
UNARY(atanh, atanh, false)
UNARY(fabs, fabs, false)
UNARY(erf, erf, false)
UNARY(erfc, erfc, false)
UNARY(log1p, log1p, false)

static double degrees_fn(double x)
{
    return x * (180.0 / M_PI);
}

static double radians_fn(double x)
{
    return x * (M_PI / 180.0);
}
UNARY(degrees, degrees_fn, true)
UNARY(radians, radians_fn, false)

static double gamma_fn(double x)
{
    if (x <= 0 && floor(x) == x)
        return NAN;
    return tgamma(x);
}
UNARY(gamma, gamma_fn, true)

static double lgamma_fn(double x)
{
    if (x <= 0 && floor(x) == x)
        return INFINITY; /* a pole: domain error below */
    return lgamma(x);
}

static pyval math_lgamma(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_count("lgamma", nargs, 1, 1) < 0)
        return 0;
    double x;
    if (real_arg(args[0], &x) < 0)
        return 0;
    if (x <= 0 && floor(x) == x)
        return domain_error();
    double r = lgamma_fn(x);
    if (isinf(r) && isfinite(x))
        return range_error();
    return pyfloat_from_double(r);
}

/* log of an int of any size (*vp rooted): ln(m * 2**e) */
static int log_of_int(pyval *vp, double *out)
{
    if (pyint_sign(*vp) <= 0) {
        domain_error();
        return -1;
    }
    double d;
    if (pyint_to_double(*vp, &d) == 0) {
        *out = log(d);
        return 0;
    }
    pyerr_clear();
    /* too big for a double: shift right 1000 bits at a time */
    int64_t shift = 0;
    PY_PUSHV(*vp);
    for (;;) {
        shift += 1000;
        pyval y = pynum_binop((pyval)pyrt_tl.shadowstack[-1].ss,
                              pyval_from_int(1000), PYOP_RSHIFT);
        if (y == 0) {
            PY_DROP();
            return -1;
        }
        pyrt_tl.shadowstack[-1].ss = (object_t *)y;
        if (pyint_to_double(y, &d) == 0)
            break;
        pyerr_clear();
    }
    PY_DROP();
    *out = log(d) + (double)shift * M_LN2;
    return 0;
}

static int log_of(pyval v, double *out)
{
    if (pyint_check(v)) {
        PY_PUSHV(v);
        int r = log_of_int((pyval *)pyrt_tl.shadowstack - 1, out);
        PY_DROP();
        return r;
    }
    double x;
    if (real_arg(v, &x) < 0)
        return -1;
    if (x <= 0) {
        domain_error();
        return -1;
    }
    *out = log(x);
    return 0;
}

static pyval math_log(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("log", kwnames) < 0 ||
        pyarg_count("log", nargs, 1, 2) < 0)
        return 0;
    double num, den = 1;
    if (log_of(args[0], &num) < 0)
        return 0;
    if (nargs == 2) {
        if (log_of(args[1], &den) < 0)
            return 0;
        if (den == 0)
            return pyerr_format(pyexc_ZeroDivisionError, "float division by "
                                                         "zero");
        return pyfloat_from_double(num / den);
    }
    return pyfloat_from_double(num);
}

static pyval log_base(const pyval *args, size_t nargs, const char *name,
                      double scale)
{
    if (pyarg_count(name, nargs, 1, 1) < 0)
        return 0;
    double x;
    if (log_of(args[0], &x) < 0)
        return 0;
    return pyfloat_from_double(x / scale);
}

static pyval math_log2(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyint_check(args[0]) || !pyfloat_check(args[0])) {
        /* exact for powers of two */
        double x;
        if (nargs == 1 && pyfloat_operand(args[0], &x) > 0 && x > 0) {
            int e;
            double m = frexp(x, &e);
            if (m == 0.5)
                return pyfloat_from_double((double)(e - 1));
        }
    }
    if (nargs == 1 && pyfloat_check(args[0]) && pyfloat_value(args[0]) > 0)
        return pyfloat_from_double(log2(pyfloat_value(args[0])));
    return log_base(args, nargs, "log2", M_LN2);
}

static pyval math_log10(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (nargs == 1 && pyfloat_check(args[0]) && pyfloat_value(args[0]) > 0)
        return pyfloat_from_double(log10(pyfloat_value(args[0])));
    double x;
    if (nargs == 1 && pyint_check(args[0]) &&
        pyfloat_operand(args[0], &x) > 0 && x > 0)
        return pyfloat_from_double(log10(x));
    pyerr_clear();
    return log_base(args, nargs, "log10", M_LN10);
}

static pyval two_args(const pyval *args, size_t nargs, PyObj *kwnames,
                      const char *name, double *x, double *y)
{
    if (pyarg_no_keywords(name, kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError, "%s expected 2 arguments, got %d",
                            name, (int)nargs);
    if (real_arg(args[0], x) < 0 || real_arg(args[1], y) < 0)
        return 0;
    return py_None;
}

static pyval math_pow(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    double x, y;
    if (two_args(args, nargs, kwnames, "pow", &x, &y) == 0)
        return 0;
    if (x == 0 && y < 0)
        return domain_error();
    if (x < 0 && isfinite(x) && isfinite(y) && floor(y) != y)
        return domain_error();
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return range_error();
    return pyfloat_from_double(r);
}

static pyval math_atan2(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    double y, x;
    if (two_args(args, nargs, kwnames, "atan2", &y, &x) == 0)
        return 0;
    return pyfloat_from_double(atan2(y, x));
}

static pyval math_copysign(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    double x, y;
    if (two_args(args, nargs, kwnames, "copysign", &x, &y) == 0)
        return 0;
    return pyfloat_from_double(copysign(x, y));
}

static pyval math_fmod(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    double x, y;
    if (two_args(args, nargs, kwnames, "fmod", &x, &y) == 0)
        return 0;
    if (y == 0 && !isnan(x))
        return domain_error();
    if (isinf(x) && !isnan(y))
        return domain_error();
    return pyfloat_from_double(fmod(x, y));
}

static pyval math_hypot(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("hypot", kwnames) < 0)
        return 0;
    double acc = 0;
    for (size_t i = 0; i < nargs; i++) {
        double x;
        if (real_arg(args[i], &x) < 0)
            return 0;
        acc = hypot(acc, x);
    }
    return pyfloat_from_double(acc);
}

/* floor, ceil, trunc: ints of any size */
static pyval rounding(const pyval *args, size_t nargs, const char *name,
                      double (*fn)(double))
{
    if (pyarg_count(name, nargs, 1, 1) < 0)
        return 0;
    if (pyint_check(args[0]))
        return pyint_value(args[0]);
    double x;
    if (real_arg(args[0], &x) < 0)
        return 0;
    return pyint_from_double(fn(x));
}

static pyval math_floor(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    return rounding(args, nargs, "floor", floor);
}

static pyval math_ceil(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    return rounding(args, nargs, "ceil", ceil);
}

static pyval math_trunc(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    return rounding(args, nargs, "trunc", trunc);
}

static pyval predicate(const pyval *args, size_t nargs, const char *name,
                       int (*test)(double))
{
    if (pyarg_count(name, nargs, 1, 1) < 0)
        return 0;
    double x;
    if (real_arg(args[0], &x) < 0)
        return 0;
    return pybool(test(x));
}

static int is_nan(double x)
{
    return isnan(x);
}

static int is_inf(double x)
{
    return isinf(x);
}

static int is_finite(double x)
{
    return isfinite(x);
}

static pyval math_isnan(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    return predicate(args, nargs, "isnan", is_nan);
}

static pyval math_isinf(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    return predicate(args, nargs, "isinf", is_inf);
}

static pyval math_isfinite(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    return predicate(args, nargs, "isfinite", is_finite);
}

static pyval math_modf(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_count("modf", nargs, 1, 1) < 0)
        return 0;
    double x, ip;
    if (real_arg(args[0], &x) < 0)
        return 0;
    double fp = isinf(x) ? copysign(0.0, x) : modf(x, &ip);
    if (isinf(x))
        ip = x;
    pyval a = pyfloat_from_double(fp);
    PY_PUSHV(a);
    pyval b = pyfloat_from_double(ip);
    PY_POPV(a);
    return pytuple_pack(2, a, b);
}

static pyval math_frexp(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_count("frexp", nargs, 1, 1) < 0)
        return 0;
    double x;
    if (real_arg(args[0], &x) < 0)
        return 0;
    int e = 0;
    double m = isfinite(x) ? frexp(x, &e) : x;
    pyval a = pyfloat_from_double(m);
    return pytuple_pack(2, a, pyval_from_int(e));
}

static pyval math_ldexp(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "ldexp expected 2 arguments, got %d", (int)nargs);
    double x;
    if (real_arg(args[0], &x) < 0)
        return 0;
    if (!pyint_check(args[1]))
        return pyerr_format(pyexc_TypeError,
                            "Expected an int as second argument to ldexp.");
    int64_t e;
    if (pyint_as_int64(args[1], &e) < 0) {
        pyerr_clear();
        e = pyint_sign(args[1]) < 0 ? -100000 : 100000;
    }
    if (e > 100000)
        e = 100000;
    if (e < -100000)
        e = -100000;
    double r = ldexp(x, (int)e);
    if (isinf(r) && isfinite(x))
        return range_error();
    return pyfloat_from_double(r);
}

/* fsum: exact partial sums (Shewchuk), rounded once at the end */
static pyval math_fsum(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_count("fsum", nargs, 1, 1) < 0)
        return 0;
    pyval it = pyobj_iter(args[0]);
    if (it == 0)
        return 0;
    double partials[512];
    int n = 0;
    double special = 0;
    bool have_special = false;
    for (;;) {
        PY_PUSHV(it);
        pyval v = pyiter_next(it);
        PY_POPV(it);
        if (v == 0) {
            if (pyerr_occurred())
                return 0;
            break;
        }
        double x;
        if (real_arg(v, &x) < 0)
            return 0;
        if (!isfinite(x)) {
            if (have_special && isinf(special) && isinf(x) && special != x)
                special = NAN;
            else if (!have_special || !isnan(special))
                special = have_special && isnan(special) ? special : x;
            have_special = true;
            continue;
        }
        int i = 0;
        for (int j = 0; j < n; j++) {
            double y = partials[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0)
                partials[i++] = lo;
            x = hi;
        }
        if (i >= 511)
            return pyerr_format(pyexc_MemoryError, "math.fsum partials");
        partials[i++] = x;
        n = i;
    }
    if (have_special) {
        if (isnan(special))
            return pyerr_format(pyexc_ValueError, "-inf + inf in fsum");
        return pyfloat_from_double(special);
    }
    double hi = 0;
    if (n > 0) {
        hi = partials[--n];
        double lo = 0;
        while (n > 0) {
            double x = hi, y = partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0)
                break;
        }
        /* correct rounding when the next partial is of the same sign */
        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) ||
                      (lo > 0 && partials[n - 1] > 0))) {
            double y = lo * 2;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr)
                hi = x;
        }
    }
    return pyfloat_from_double(hi);
}

/* ------------------------------------------------------------ integers */

static int int_arg(pyval v, const char *name)
{
    if (pyint_check(v))
        return 0;
    if (pyfloat_check(v)) {
        pyerr_format(pyexc_TypeError,
                     "'float' object cannot be interpreted as an integer");
        return -1;
    }
    pyerr_format(pyexc_TypeError,
                 "'%T' object cannot be interpreted as an integer", v);
    return -1;
}

static pyval math_factorial(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    if (pyarg_count("factorial", nargs, 1, 1) < 0 ||
        int_arg(args[0], "factorial") < 0)
        return 0;
    if (pyint_sign(args[0]) < 0)
        return pyerr_format(pyexc_ValueError,
                            "factorial() not defined for negative values");
    int64_t n;
    if (pyint_as_int64(args[0], &n) < 0)
        return 0;
    pyval acc = pyval_from_int(1);
    for (int64_t i = 2; i <= n; i++) {
        acc = pynum_binop(acc, pyval_from_int(i), PYOP_MUL);
        if (acc == 0)
            return 0;
    }
    return acc;
}

static pyval gcd2(pyval a, pyval b)
{
    /* Euclid on Python ints (values stay rooted on the shadow stack) */
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    a = pynum_abs(a);
    if (a == 0)
        return 0;
    PY_PUSHV(a);
    b = pynum_abs(b);
    if (b == 0) {
        pyrt_tl.shadowstack = saved;
        return 0;
    }
    PY_PUSHV(b);
    while (pyint_sign((pyval)saved[1].ss) != 0) {
        pyval r = pynum_binop((pyval)saved[0].ss, (pyval)saved[1].ss, PYOP_MOD);
        if (r == 0) {
            pyrt_tl.shadowstack = saved;
            return 0;
        }
        saved[0].ss = saved[1].ss;
        saved[1].ss = (object_t *)r;
    }
    pyval g = (pyval)saved[0].ss;
    pyrt_tl.shadowstack = saved;
    return g;
}

static pyval math_gcd(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    pyval g = pyval_from_int(0);
    for (size_t i = 0; i < nargs; i++) {
        if (int_arg(args[i], "gcd") < 0)
            return 0;
        g = gcd2(g, pyint_value(args[i]));
        if (g == 0)
            return 0;
    }
    return g;
}

static pyval math_lcm(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    pyval acc = pyval_from_int(1);
    for (size_t i = 0; i < nargs; i++) {
        if (int_arg(args[i], "lcm") < 0)
            return 0;
        pyval v = pyint_value(args[i]);
        if (pyint_sign(v) == 0)
            return pyval_from_int(0);
        PY_PUSHV(acc);
        PY_PUSHV(v);
        pyval g = gcd2(acc, v);
        PY_POPV(v);
        PY_POPV(acc);
        if (g == 0)
            return 0;
        PY_PUSHV(v);
        pyval q = pynum_binop(acc, g, PYOP_FLOORDIV);
        PY_POPV(v);
        if (q == 0)
            return 0;
        acc = pynum_abs(pynum_binop(q, v, PYOP_MUL));
        if (acc == 0)
            return 0;
    }
    return acc;
}

static pyval math_isqrt(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_count("isqrt", nargs, 1, 1) < 0 || int_arg(args[0], "isqrt") < 0)
        return 0;
    if (pyint_sign(args[0]) < 0)
        return pyerr_format(pyexc_ValueError,
                            "isqrt() argument must be nonnegative");
    /* Newton's method on ints */
    pyval n = pyint_value(args[0]);
    if (pyint_sign(n) == 0)
        return pyval_from_int(0);
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(n);
    double d;
    pyval x;
    if (pyint_to_double(n, &d) == 0 && d < 4e15) {
        int64_t r = (int64_t)sqrt(d);
        int64_t v;
        pyint_as_int64(n, &v);
        while (r * r > v)
            r--;
        while ((r + 1) * (r + 1) <= v)
            r++;
        pyrt_tl.shadowstack = saved;
        return pyint_from_int64(r);
    }
    pyerr_clear();
    x = n;
    PY_PUSHV(x);
    for (;;) {
        /* y = (x + n // x) // 2 */
        pyval q =
            pynum_binop((pyval)saved[0].ss, (pyval)saved[1].ss, PYOP_FLOORDIV);
        if (q == 0)
            break;
        pyval s = pynum_binop(q, (pyval)saved[1].ss, PYOP_ADD);
        if (s == 0)
            break;
        pyval y = pynum_binop(s, pyval_from_int(1), PYOP_RSHIFT);
        if (y == 0)
            break;
        pyval cmp = pyobj_richcompare(y, (pyval)saved[1].ss, PYCMP_GE);
        if (cmp == py_True) {
            pyval r = (pyval)saved[1].ss;
            pyrt_tl.shadowstack = saved;
            return r;
        }
        saved[1].ss = (object_t *)y;
    }
    pyrt_tl.shadowstack = saved;
    return 0;
}

static pyval math_isclose(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    double rel = 1e-9, abs_tol = 0;
    size_t nkw = kwnames ? (size_t)pytuple_size(pyval_from_obj(kwnames)) : 0;
    for (size_t i = 0; i < nkw; i++) {
        const char *k =
            pystr_utf8(pytuple_get(pyval_from_obj(kwnames), (int64_t)i));
        double v;
        if (real_arg(args[nargs + i], &v) < 0)
            return 0;
        if (strcmp(k, "rel_tol") == 0)
            rel = v;
        else if (strcmp(k, "abs_tol") == 0)
            abs_tol = v;
        else
            return pyerr_format(pyexc_TypeError,
                                "isclose() got an unexpected keyword "
                                "argument '%s'",
                                k);
    }
    double a, b;
    if (two_args(args, nargs, NULL, "isclose", &a, &b) == 0)
        return 0;
    if (rel < 0 || abs_tol < 0)
        return pyerr_format(pyexc_ValueError, "tolerances must be "
                                              "non-negative");
    if (a == b)
        return py_True;
    if (isinf(a) || isinf(b))
        return py_False;
    double diff = fabs(b - a);
    return pybool((diff <= fabs(rel * b)) || (diff <= fabs(rel * a)) ||
                  diff <= abs_tol);
}

static pyval math_prod(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_count("prod", nargs, 1, 1) < 0)
        return 0;
    pyval it = pyobj_iter(args[0]);
    if (it == 0)
        return 0;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(it);
    PY_PUSHV(pyval_from_int(1));
    for (;;) {
        pyval v = pyiter_next((pyval)saved[0].ss);
        if (v == 0)
            break;
        pyval r = pynum_binop((pyval)saved[1].ss, v, PYOP_MUL);
        if (r == 0)
            break;
        saved[1].ss = (object_t *)r;
    }
    pyval r = pyerr_occurred() ? 0 : (pyval)saved[1].ss;
    pyrt_tl.shadowstack = saved;
    return r;
}

/* comb(n, k) and perm(n, k): products on ints */
static pyval comb_perm(const pyval *args, size_t nargs, const char *name,
                       bool comb)
{
    if (nargs != 2 && !(nargs == 1 && !comb))
        return pyerr_format(pyexc_TypeError,
                            "%s expected %s2 arguments, "
                            "got %d",
                            name, comb ? "" : "at most ", (int)nargs);
    if (int_arg(args[0], name) < 0 ||
        (nargs == 2 && int_arg(args[1], name) < 0))
        return 0;
    int64_t n, k;
    if (pyint_as_int64(args[0], &n) < 0)
        return 0;
    k = n;
    if (nargs == 2 && pyint_as_int64(args[1], &k) < 0)
        return 0;
    if (n < 0)
        return pyerr_format(pyexc_ValueError, "n must be a non-negative "
                                              "integer");
    if (k < 0)
        return pyerr_format(pyexc_ValueError, "k must be a non-negative "
                                              "integer");
    if (k > n)
        return pyval_from_int(0);
    if (comb && k > n - k)
        k = n - k;
    pyval acc = pyval_from_int(1);
    for (int64_t i = 0; i < k; i++) {
        acc = pynum_binop(acc, pyval_from_int(n - i), PYOP_MUL);
        if (acc == 0)
            return 0;
        if (comb) {
            acc = pynum_binop(acc, pyval_from_int(i + 1), PYOP_FLOORDIV);
            if (acc == 0)
                return 0;
        }
    }
    return acc;
}

static pyval math_comb(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    return comb_perm(args, nargs, "comb", true);
}

static pyval math_perm(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    return comb_perm(args, nargs, "perm", false);
}

/* The integer functions take any object with __index__: the arguments
   are converted first, onto the shadow stack (__index__ may allocate),
   then the function proper runs on ints. */
static pyval with_ints(pycfunc fn, pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    for (size_t i = 0; i < nargs; i++)
        PY_PUSHV(args[i]);
    pyval *ints = (pyval *)saved;
    for (size_t i = 0; i < nargs; i++) {
        pyval v = ints[i];
        if (pyint_check(v) || pyfloat_check(v) ||
            pyval_type(v)->slots->index == NULL)
            continue; /* int_arg's business */
        v = pynum_index(v);
        if (v == 0) {
            pyrt_tl.shadowstack = saved;
            return 0;
        }
        ints[i] = v;
    }
    pyval r = fn(self, ints, nargs, kwnames);
    pyrt_tl.shadowstack = saved;
    return r;
}

#define WITH_INTS(name)                                             \
    static pyval math_##name##_index(pyval self, const pyval *args, \
                                     size_t nargs, PyObj *kwnames)  \
    {                                                               \
        return with_ints(math_##name, self, args, nargs, kwnames);  \
    }
WITH_INTS(comb)
WITH_INTS(perm)
WITH_INTS(factorial)
WITH_INTS(gcd)
WITH_INTS(lcm)
WITH_INTS(isqrt)

static const struct pymethod_def math_functions[] = {
    {"comb", math_comb_index, 0, NULL},
    {"perm", math_perm_index, 0, NULL},
    {"sqrt", math_sqrt, 0, NULL},
    {"exp", math_exp, 0, NULL},
    {"expm1", math_expm1, 0, NULL},
    {"log", math_log, 0, NULL},
    {"log2", math_log2, 0, NULL},
    {"log10", math_log10, 0, NULL},
    {"log1p", math_log1p, 0, NULL},
    {"pow", math_pow, 0, NULL},
    {"sin", math_sin, 0, NULL},
    {"cos", math_cos, 0, NULL},
    {"tan", math_tan, 0, NULL},
    {"asin", math_asin, 0, NULL},
    {"acos", math_acos, 0, NULL},
    {"atan", math_atan, 0, NULL},
    {"atan2", math_atan2, 0, NULL},
    {"sinh", math_sinh, 0, NULL},
    {"cosh", math_cosh, 0, NULL},
    {"tanh", math_tanh, 0, NULL},
    {"asinh", math_asinh, 0, NULL},
    {"acosh", math_acosh, 0, NULL},
    {"atanh", math_atanh, 0, NULL},
    {"fabs", math_fabs, 0, NULL},
    {"floor", math_floor, 0, NULL},
    {"ceil", math_ceil, 0, NULL},
    {"trunc", math_trunc, 0, NULL},
    {"hypot", math_hypot, 0, NULL},
    {"degrees", math_degrees, 0, NULL},
    {"radians", math_radians, 0, NULL},
    {"isnan", math_isnan, 0, NULL},
    {"isinf", math_isinf, 0, NULL},
    {"isfinite", math_isfinite, 0, NULL},
    {"copysign", math_copysign, 0, NULL},
    {"fmod", math_fmod, 0, NULL},
    {"modf", math_modf, 0, NULL},
    {"frexp", math_frexp, 0, NULL},
    {"ldexp", math_ldexp, 0, NULL},
    {"fsum", math_fsum, 0, NULL},
    {"factorial", math_factorial_index, 0, NULL},
    {"gcd", math_gcd_index, 0, NULL},
    {"lcm", math_lcm_index, 0, NULL},
    {"isqrt", math_isqrt_index, 0, NULL},
    {"isclose", math_isclose, 0, NULL},
    {"prod", math_prod, 0, NULL},
    {"erf", math_erf, 0, NULL},
    {"erfc", math_erfc, 0, NULL},
    {"gamma", math_gamma, 0, NULL},
    {"lgamma", math_lgamma, 0, NULL},
    {NULL, NULL, 0, NULL},
};

int pymod_math_init(pyval module, pyval *dictp)
{
    for (const struct pymethod_def *m = math_functions; m->name; m++) {
        pyval fn = pybuiltin_new(m, 0);
        if (fn == 0 || pymodule_add(dictp, m->name, fn) < 0)
            return -1;
    }
    struct {
        const char *name;
        double value;
    } constants[] = {{"pi", M_PI},
                     {"e", M_E},
                     {"tau", 2 * M_PI},
                     {"inf", INFINITY},
                     {"nan", NAN}};
    for (size_t i = 0; i < sizeof(constants) / sizeof(constants[0]); i++) {
        pyval v = pyfloat_from_double(constants[i].value);
        if (v == 0 || pymodule_add(dictp, constants[i].name, v) < 0)
            return -1;
    }
    return 0;
}
