/* floatobject.c -- the float type: arithmetic with CPython's rules for
 * division, modulo and powers, exact comparison with ints of any size,
 * CPython's hash, and repr through dtoa.c.
 */
#include "floatobject.h"

#include "../runtime/dtoa.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/format.h"
#include "../runtime/hash.h"
#include "../runtime/unicode.h"
#include "abstract.h"
#include "bigint.h"
#include "bytesobject.h"
#include "complexobject.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <math.h>
#include <stdlib.h>

PyType *pytype_float;

pyval pyfloat_from_double(double d)
{
    PyFloat *f = (PyFloat *)pyobj_alloc_builtin(sizeof(struct pyfloat_s),
                                                PYL_FLOAT, pytype_float);
    f->value = d;
    return pyval_from_obj((PyObj *)f);
}

int pyfloat_operand(pyval v, double *out)
{
    if (pyfloat_check(v)) {
        *out = pyfloat_value(v);
        return 1;
    }
    if (pyint_check(v))
        return pyint_to_double(v, out) < 0 ? -1 : 1;
    return 0;
}

static pyval float_repr(pyval self)
{
    char buf[PYDTOA_REPR_MAX];
    size_t n = pydtoa_repr(pyfloat_value(self), buf);
    return pystr_from_utf8(buf, n);
}

static int float_hash(pyval self, int64_t *out)
{
    *out = pyhash_double(pyfloat_value(self),
                         (uintptr_t)stm_identityhash((object_t *)self));
    return 0;
}

/* x compared with the int i, exactly (a double may exceed any int64
   and an int any double): -1, 0, 1, or 2 when x is NaN */
static int compare_with_int(double x, pyval i)
{
    if (isnan(x))
        return 2;
    if (isinf(x))
        return x > 0 ? 1 : -1;
    i = pyint_value(i);
    if (pyval_is_int(i)) {
        intptr_t v = pyval_int(i);
        const intptr_t exact = (intptr_t)1 << 53;
        if (v > -exact && v < exact) {
            double y = (double)v;
            return x < y ? -1 : x > y;
        }
    }
    /* compare floor(x) as an integer, then the fraction */
    double whole = floor(x);
    mp_limb_t buf[20]; /* 2**1024 < 2**(64 * 17) */
    long wn = pybig_from_double(buf, whole);
    mp_limb_t small[1];
    const mp_limb_t *d;
    long n;
    if (pyval_is_int(i)) {
        n = pybig_from_int64(small, pyval_int(i));
        d = small;
    } else {
        PyBigInt *b = (PyBigInt *)pyval_obj(i);
        n = b->size;
        d = (const mp_limb_t *)(pyobj_real((PyObj *)b) +
                                offsetof(struct pybigint_s, limb));
    }
    int c = pybig_cmp(buf, wn, d, n);
    if (c != 0)
        return c;
    return x > whole ? 1 : 0;
}

static pyval float_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if (!pyfloat_check(a))
        return py_NotImplemented;
    double x = pyfloat_value(a);
    int c;
    if (pyfloat_check(b)) {
        double y = pyfloat_value(b);
        if (isnan(x) || isnan(y))
            c = 2;
        else
            c = x < y ? -1 : x > y;
    } else if (pyint_check(b)) {
        c = compare_with_int(x, b);
    } else {
        return py_NotImplemented;
    }
    if (c == 2) /* NaN: only != holds */
        return pybool(op == PYCMP_NE);
    return pybool(pycmp_result(c, op));
}

static int float_truth(pyval self)
{
    return pyfloat_value(self) != 0.0;
}

#define OPERANDS(a, b, x, y)                 \
    double x, y;                             \
    do {                                     \
        int ka = pyfloat_operand(a, &x), kb; \
        if (ka < 0)                          \
            return 0;                        \
        kb = pyfloat_operand(b, &y);         \
        if (kb < 0)                          \
            return 0;                        \
        if (ka == 0 || kb == 0)              \
            return py_NotImplemented;        \
    } while (0)

static pyval float_add(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    return pyfloat_from_double(x + y);
}

static pyval float_sub(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    return pyfloat_from_double(x - y);
}

static pyval float_mul(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    return pyfloat_from_double(x * y);
}

static pyval float_truediv(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    if (y == 0.0)
        return pyerr_format(pyexc_ZeroDivisionError, "float division by zero");
    return pyfloat_from_double(x / y);
}

/* Python's modulo: the result has the divisor's sign */
static double float_mod_value(double x, double y)
{
    double mod = fmod(x, y);
    if (mod != 0.0) {
        if ((y < 0) != (mod < 0))
            mod += y;
    } else {
        mod = copysign(0.0, y);
    }
    return mod;
}

static double float_floordiv_value(double x, double y)
{
    double mod = fmod(x, y);
    double div = (x - mod) / y;
    if (mod != 0.0 && ((y < 0) != (mod < 0)))
        div -= 1.0;
    if (div == 0.0)
        return copysign(0.0, x / y);
    double floordiv = floor(div);
    if (div - floordiv > 0.5)
        floordiv += 1.0;
    return floordiv;
}

static pyval float_mod(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    if (y == 0.0)
        return pyerr_format(pyexc_ZeroDivisionError, "float modulo");
    return pyfloat_from_double(float_mod_value(x, y));
}

static pyval float_floordiv(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    if (y == 0.0)
        return pyerr_format(pyexc_ZeroDivisionError,
                            "float floor division by zero");
    return pyfloat_from_double(float_floordiv_value(x, y));
}

static pyval float_pow(pyval a, pyval b)
{
    OPERANDS(a, b, x, y);
    if (x == 0.0 && y < 0.0)
        return pyerr_format(pyexc_ZeroDivisionError,
                            "0.0 cannot be raised to a negative power");
    if (x < 0.0 && y != floor(y) && isfinite(y))
        /* a fractional power of a negative number is complex */
        return pycomplex_power(x, 0.0, y, 0.0);
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y))
        return pyerr_format(pyexc_OverflowError,
                            "(34, 'Numerical result out of range')");
    return pyfloat_from_double(r);
}

static pyval float_neg(pyval self)
{
    return pyfloat_from_double(-pyfloat_value(self));
}

static pyval float_pos(pyval self)
{
    return pyfloat_check(self) && pyval_obj(self)->type == pytype_float
               ? self
               : pyfloat_from_double(pyfloat_value(self));
}

static pyval float_abs(pyval self)
{
    return pyfloat_from_double(fabs(pyfloat_value(self)));
}

static pyval float_to_float(pyval self)
{
    return float_pos(self);
}

/* float(b) of bytes or a bytearray: ASCII text; the message shows the
   object's repr */
static pyval float_from_bytes(pyval x)
{
    struct pybuf b;
    pybuf_get(x, &b);
    size_t len = (size_t)b.n;
    char *text = malloc(len + 1);
    if (text == NULL)
        return pyerr_no_memory();
    for (size_t i = 0; i < len; i++) /* NUL and non-ASCII: invalid */
        text[i] = b.p[i] == 0 || b.p[i] >= 0x80 ? '?' : (char)b.p[i];
    text[len] = 0;
    double d;
    int code = pydtoa_parse(text, len, &d);
    free(text);
    if (code == PYDTOA_OK)
        return pyfloat_from_double(d);
    if (code == PYDTOA_NOMEM)
        return pyerr_no_memory();
    return pyerr_format(pyexc_ValueError,
                        "could not convert string to float: %R", x);
}

static pyval float_new(PyType *type, const pyval *args, size_t nargs,
                       PyObj *kwnames);

extern const struct pymethod_def pyfloat_methods[];

/* the numbers protocol's attributes */
static pyval float_get_real(pyval self)
{
    return pyval_obj(self)->type == pytype_float
               ? self
               : pyfloat_from_double(pyfloat_value(self));
}

static pyval float_get_imag(pyval self)
{
    return pyfloat_from_double(0.0);
}

static const struct pygetset_def pyfloat_getset[] = {
    {"real", float_get_real, NULL},
    {"imag", float_get_imag, NULL},
    {NULL, NULL, NULL},
};

const struct pytype_slots pyfloat_slots = {
    .getset = pyfloat_getset,
    .methods = pyfloat_methods,
    .new_ = float_new,
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .truth = float_truth,
    .binop =
        {
            [PYOP_ADD] = float_add,
            [PYOP_SUB] = float_sub,
            [PYOP_MUL] = float_mul,
            [PYOP_TRUEDIV] = float_truediv,
            [PYOP_FLOORDIV] = float_floordiv,
            [PYOP_MOD] = float_mod,
            [PYOP_POW] = float_pow,
        },
    .neg = float_neg,
    .pos = float_pos,
    .absolute = float_abs,
    .to_float = float_to_float,
};

/* ------------------------------------------------------------ float(x) */

static pyval float_from_str(pyval s)
{
    size_t len;
    char *text = pyint_ascii_digits(s, &len);
    if (text == NULL)
        return pyerr_no_memory();
    double d;
    int code = pydtoa_parse(text, len, &d);
    free(text);
    if (code == PYDTOA_OK)
        return pyfloat_from_double(d);
    if (code == PYDTOA_NOMEM)
        return pyerr_no_memory();
    pyfmt_buf msg;
    pyfmt_buf_init(&msg);
    pydtoa_parse_error(&msg, pystr_utf8(s), (size_t)pystr_nbytes(s),
                       pyuni_is_printable);
    pyerr_format(pyexc_ValueError, "%s", pyfmt_buf_cstr(&msg));
    pyfmt_buf_free(&msg);
    return 0;
}

static pyval float_new(PyType *type, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0)
        return pyerr_format(pyexc_TypeError,
                            "float() takes no keyword arguments");
    if (nargs > 1)
        return pyerr_format(pyexc_TypeError,
                            "float expected at most 1 argument, got %d",
                            (int)nargs);
    if (nargs == 0)
        return pyfloat_from_double(0.0);
    pyval x = args[0];
    if (pyfloat_check(x))
        return pyval_obj(x)->type == pytype_float
                   ? x
                   : pyfloat_from_double(pyfloat_value(x));
    if (pyint_check(x)) {
        double d;
        if (pyint_to_double(x, &d) < 0)
            return 0;
        return pyfloat_from_double(d);
    }
    if (pyval_is_obj(x) && pyval_obj(x)->layout == PYL_STR)
        return float_from_str(x);
    if (pybytes_like(x))
        return float_from_bytes(x);
    pyval (*to_float)(pyval) = pyval_type(x)->slots->to_float;
    if (to_float != NULL)
        return to_float(x);
    if (pyval_type(x)->slots->index != NULL) {
        /* no __float__: an __index__ will do */
        double d;
        pyval i = pynum_index(x);
        if (i == 0 || pyint_to_double(i, &d) < 0)
            return 0;
        return pyfloat_from_double(d);
    }
    return pyerr_format(pyexc_TypeError,
                        "float() argument must be a string or a real number, "
                        "not '%T'",
                        x);
}

/* round(x) gives an int (half to even); round(x, n) a float */
static pyval float_round(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    double x = pyfloat_value(self);
    if (nargs == 0 || args[0] == py_None) {
        double r = nearbyint(x); /* the default rounding: half to even */
        if (isnan(x))
            return pyerr_format(pyexc_ValueError,
                                "cannot convert float NaN to integer");
        if (isinf(x))
            return pyerr_format(pyexc_OverflowError,
                                "cannot convert float infinity to integer");
        return pyint_from_double(r);
    }
    PY_PUSHV(self);
    pyval ndigits = pynum_index(args[0]); /* __index__ may allocate */
    PY_POPV(self);
    if (ndigits == 0)
        return 0;
    x = pyfloat_value(self);
    int64_t nd;
    if (pyint_as_int64(ndigits, &nd) < 0) {
        pyerr_clear();
        nd = pyint_sign(ndigits) < 0 ? INT32_MIN : INT32_MAX;
    }
    if (nd > INT32_MAX)
        nd = INT32_MAX;
    if (nd < INT32_MIN)
        nd = INT32_MIN;
    double r;
    int code = pydtoa_round(x, (int)nd, &r);
    if (code == PYDTOA_OVERFLOW)
        return pyerr_format(pyexc_OverflowError,
                            "rounded value too large to represent");
    if (code != PYDTOA_OK)
        return pyerr_no_memory();
    return pyfloat_from_double(r);
}

static pyval float_is_integer(pyval self, const pyval *args, size_t nargs,
                              PyObj *kwnames)
{
    double x = pyfloat_value(self);
    return pybool(isfinite(x) && floor(x) == x);
}

static pyval float_conjugate(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("conjugate", kwnames) < 0 ||
        pyarg_count("conjugate", nargs, 0, 0) < 0)
        return 0;
    return pyval_obj(self)->type == pytype_float
               ? self
               : pyfloat_from_double(pyfloat_value(self));
}

const struct pymethod_def pyfloat_methods[] = {
    {"conjugate", float_conjugate, 0, NULL},
    {"__round__", float_round, 0, NULL},
    {"is_integer", float_is_integer, 0, NULL},
    {"__format__", pyfloat_format_dunder, 0, NULL},
    {NULL, NULL, 0, NULL},
};
