/* intobject.c -- the int type: tagged small ints with overflow checks
 * on the fast paths, PYL_BIGINT objects through bigint.c beyond them,
 * and the slots (arithmetic, comparison, hash, repr, truth).
 *
 * A big operation: compute the result's limb bound from the operands'
 * sizes, root the operands, allocate the result, re-read the operands'
 * limbs (the allocation may have moved them), compute, then shrink a
 * result that fits a tagged word back into one.
 */
#include "intobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../runtime/hash.h"
#include "../runtime/unicode.h"
#include "abstract.h"
#include "bigint.h"
#include "bytesobject.h"
#include "exceptionobject.h"
#include "floatobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_int;

/* ------------------------------------------------------------ views */

/* an int's limbs: a small one is converted into 'small' */
struct intview {
    mp_limb_t small[1];
    const mp_limb_t *d;
    long n;
};

static void view_of(pyval v, struct intview *w)
{
    v = pyint_value(v);
    if (pyval_is_int(v)) {
        w->n = pybig_from_int64(w->small, pyval_int(v));
        w->d = w->small;
    } else {
        PyBigInt *b = (PyBigInt *)pyval_obj(v);
        w->n = b->size;
        w->d = (const mp_limb_t *)(pyobj_real((PyObj *)b) +
                                   offsetof(struct pybigint_s, limb));
    }
}

static long size_of(pyval v)
{
    v = pyint_value(v);
    if (pyval_is_int(v))
        return pyval_int(v) < 0 ? -1 : pyval_int(v) > 0;
    return ((PyBigInt *)pyval_obj(v))->size;
}

size_t pybigint_gc_size(struct pyobj_s *o)
{
    struct pybigint_s *b = (struct pybigint_s *)o;
    return sizeof(struct pybigint_s) + (size_t)b->capacity * sizeof(mp_limb_t);
}

size_t pyintbox_gc_size(struct pyobj_s *o)
{
    return sizeof(struct pyintbox_s);
}

void pyintbox_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    pyval_visit(&((struct pyintbox_s *)o)->value, visit);
}

/* a bigint of 'limbs' limbs, its size not set yet */
static PyBigInt *alloc_big(long limbs)
{
    if (limbs == PYBIG_TOO_BIG || limbs > PYBIG_MAX_LIMBS) {
        pyerr_no_memory();
        return NULL;
    }
    if (limbs < 1)
        limbs = 1;
    PyBigInt *b = (PyBigInt *)pyobj_alloc(sizeof(struct pybigint_s) +
                                              (size_t)limbs * sizeof(mp_limb_t),
                                          PYL_BIGINT, pytype_int);
    b->size = limbs;
    b->capacity = limbs;
    return b;
}

static mp_limb_t *limbs_of(PyBigInt *b)
{
    return (mp_limb_t *)(pyobj_real((PyObj *)b) +
                         offsetof(struct pybigint_s, limb));
}

/* The finished result of signed size n in b: a tagged int if it fits
   (the object is then garbage). */
static pyval finish_big(PyBigInt *b, long n)
{
    mp_limb_t *d = limbs_of(b);
    if (n == 0)
        return pyval_from_int(0);
    if (n == 1 || n == -1) {
        int64_t v;
        if (pybig_to_int64(d, n, &v) == PYBIG_OK && pyint_fits_tagged(v))
            return pyval_from_int(v);
    }
    b->size = n;
    return pyval_from_obj((PyObj *)b);
}

static pyval raise_big_error(int code)
{
    switch (pybig_error_type(code)) {
    case PYBIG_EXC_MEMORY:
        return pyerr_no_memory();
    case PYBIG_EXC_ZERO_DIVISION:
        return pyerr_format(pyexc_ZeroDivisionError, "%s",
                            pybig_error_message(code));
    case PYBIG_EXC_OVERFLOW:
        return pyerr_format(pyexc_OverflowError, "%s",
                            pybig_error_message(code));
    default:
        return pyerr_format(pyexc_ValueError, "%s", pybig_error_message(code));
    }
}

/* ------------------------------------------------------------ basics */

bool pyint_check(pyval v)
{
    if (pyval_is_int(v))
        return true;
    PyObj *o = pyval_obj(v);
    return o->layout == PYL_BIGINT ||
           (o->layout == PYL_INTBOX && (o->type->tflags & PYTYPE_INT_SUB));
}

pyval pyint_value(pyval v)
{
    if (!pyval_is_int(v) && pyval_obj(v)->layout == PYL_INTBOX)
        return ((PyIntBox *)pyval_obj(v))->value;
    return v;
}

pyval pyint_from_int64(int64_t v)
{
    if (pyint_fits_tagged(v))
        return pyval_from_int(v);
    PyBigInt *b = alloc_big(1);
    return finish_big(b, pybig_from_int64(limbs_of(b), v));
}

pyval pyint_from_uint64(uint64_t v)
{
    if (v <= (uint64_t)PYINT_TAGGED_MAX)
        return pyval_from_int((intptr_t)v);
    PyBigInt *b = alloc_big(1);
    return finish_big(b, pybig_from_uint64(limbs_of(b), v));
}

int pyint_as_int64(pyval v, int64_t *out)
{
    v = pyint_value(v);
    if (pyval_is_int(v)) {
        *out = pyval_int(v);
        return 0;
    }
    struct intview w;
    view_of(v, &w);
    if (pybig_to_int64(w.d, w.n, out) != PYBIG_OK) {
        pyerr_format(pyexc_OverflowError,
                     "Python int too large to convert to C long");
        return -1;
    }
    return 0;
}

int pyint_sign(pyval v)
{
    long n = size_of(v);
    return n < 0 ? -1 : n > 0;
}

int pyint_to_double(pyval v, double *out)
{
    v = pyint_value(v);
    if (pyval_is_int(v)) {
        *out = (double)pyval_int(v);
        return 0;
    }
    struct intview w;
    view_of(v, &w);
    int code = pybig_to_double(w.d, w.n, out);
    if (code != PYBIG_OK) {
        raise_big_error(code);
        return -1;
    }
    return 0;
}

pyval pyint_from_digits(const char *digits, size_t len, int base)
{
    pybig_parsed p;
    int code = pybig_parse(&p, digits, len, base, 0);
    if (code != PYBIG_OK)
        return raise_big_error(code);
    PyBigInt *b = alloc_big(pybig_from_str_bound(&p));
    if (b == NULL)
        return 0;
    long n;
    code = pybig_from_str(limbs_of(b), &n, &p);
    if (code != PYBIG_OK)
        return raise_big_error(code);
    return finish_big(b, n);
}

/* ------------------------------------------------------------ repr */

pyval pyint_to_str(pyval v)
{
    v = pyint_value(v);
    if (pyval_is_int(v)) {
        /* digits from the end of the buffer (snprintf was a hot spot) */
        char buf[24];
        char *p = buf + sizeof(buf);
        intptr_t i = pyval_int(v);
        uintptr_t u = i < 0 ? (uintptr_t)0 - (uintptr_t)i : (uintptr_t)i;
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u != 0);
        if (i < 0)
            *--p = '-';
        return pystr_from_utf8(p, (size_t)(buf + sizeof(buf) - p));
    }
    struct intview w;
    view_of(v, &w);
    size_t bound = pybig_to_str_bound(w.n, 10);
    char *text = malloc(bound);
    if (text == NULL)
        return pyerr_no_memory();
    size_t len;
    int code =
        pybig_to_str(text, &len, w.d, w.n, 10, PYBIG_DEFAULT_MAX_STR_DIGITS);
    if (code != PYBIG_OK) {
        free(text);
        if (code == PYBIG_ESTR_LIMIT_TO) {
            char msg[256];
            pybig_str_limit_message(msg, sizeof(msg), code,
                                    PYBIG_DEFAULT_MAX_STR_DIGITS, 0);
            return pyerr_format(pyexc_ValueError, "%s", msg);
        }
        return raise_big_error(code);
    }
    pyval s = pystr_from_utf8(text, len);
    free(text);
    return s;
}

static pyval int_repr(pyval self)
{
    return pyint_to_str(self);
}

/* ------------------------------------------------------------ hash, compare */

static int int_hash(pyval self, int64_t *out)
{
    pyval v = pyint_value(self);
    if (pyval_is_int(v)) {
        *out = pyhash_int64(pyval_int(v));
        return 0;
    }
    struct intview w;
    view_of(v, &w);
    *out = pybig_hash(w.d, w.n);
    return 0;
}

static int compare_ints(pyval a, pyval b)
{
    a = pyint_value(a);
    b = pyint_value(b);
    if (pyval_is_int(a) && pyval_is_int(b)) {
        intptr_t x = pyval_int(a), y = pyval_int(b);
        return x < y ? -1 : x > y;
    }
    struct intview wa, wb;
    view_of(a, &wa);
    view_of(b, &wb);
    return pybig_cmp(wa.d, wa.n, wb.d, wb.n);
}

bool pycmp_result(int c, enum pycmpop op)
{
    switch (op) {
    case PYCMP_LT:
        return c < 0;
    case PYCMP_LE:
        return c <= 0;
    case PYCMP_EQ:
        return c == 0;
    case PYCMP_NE:
        return c != 0;
    case PYCMP_GT:
        return c > 0;
    default:
        return c >= 0;
    }
}

static pyval int_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if (!pyint_check(a) || !pyint_check(b))
        return py_NotImplemented;
    return pybool(pycmp_result(compare_ints(a, b), op));
}

static int int_truth(pyval self)
{
    return size_of(self) != 0;
}

/* ------------------------------------------------------------ arithmetic */

typedef long (*bound_fn)(long an, long bn);
typedef long (*exact_fn)(mp_limb_t *out, const mp_limb_t *a, long an,
                         const mp_limb_t *b, long bn);
typedef int (*failing_fn)(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
                          const mp_limb_t *b, long bn);

/* the big path of an operation that cannot fail (add, sub, bit ops) */
static pyval big_exact(pyval a, pyval b, bound_fn bound, exact_fn fn)
{
    long limbs = bound(size_of(a), size_of(b));
    PY_PUSHV(a);
    PY_PUSHV(b);
    PyBigInt *r = alloc_big(limbs);
    PY_POPV(b);
    PY_POPV(a);
    if (r == NULL)
        return 0;
    struct intview wa, wb;
    view_of(a, &wa);
    view_of(b, &wb);
    return finish_big(r, fn(limbs_of(r), wa.d, wa.n, wb.d, wb.n));
}

static pyval big_failing(pyval a, pyval b, long limbs, failing_fn fn)
{
    PY_PUSHV(a);
    PY_PUSHV(b);
    PyBigInt *r = alloc_big(limbs);
    PY_POPV(b);
    PY_POPV(a);
    if (r == NULL)
        return 0;
    struct intview wa, wb;
    view_of(a, &wa);
    view_of(b, &wb);
    long n;
    int code = fn(limbs_of(r), &n, wa.d, wa.n, wb.d, wb.n);
    if (code != PYBIG_OK)
        return raise_big_error(code);
    return finish_big(r, n);
}

#define BOTH_INTS_OR_NOT_IMPLEMENTED(a, b)      \
    do {                                        \
        if (!pyint_check(a) || !pyint_check(b)) \
            return py_NotImplemented;           \
        a = pyint_value(a);                     \
        b = pyint_value(b);                     \
    } while (0)

static pyval int_add(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyval_is_int(a) && pyval_is_int(b))
        return pyint_from_int64(pyval_int(a) + pyval_int(b));
    return big_exact(a, b, pybig_add_bound, pybig_add);
}

static pyval int_sub(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyval_is_int(a) && pyval_is_int(b))
        return pyint_from_int64(pyval_int(a) - pyval_int(b));
    return big_exact(a, b, pybig_add_bound, pybig_sub);
}

static pyval int_mul(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyval_is_int(a) && pyval_is_int(b)) {
        int64_t r;
        if (!__builtin_mul_overflow((int64_t)pyval_int(a),
                                    (int64_t)pyval_int(b), &r))
            return pyint_from_int64(r);
    }
    return big_failing(a, b, pybig_mul_bound(size_of(a), size_of(b)),
                       pybig_mul);
}

static pyval int_floordiv(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyval_is_int(a) && pyval_is_int(b)) {
        intptr_t x = pyval_int(a), y = pyval_int(b);
        if (y == 0)
            return pyerr_format(pyexc_ZeroDivisionError,
                                "integer division or modulo by zero");
        intptr_t q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0)))
            q--;
        return pyint_from_int64(q);
    }
    return big_failing(a, b, pybig_floordiv_bound(size_of(a), size_of(b)),
                       pybig_floordiv);
}

static pyval int_mod(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyval_is_int(a) && pyval_is_int(b)) {
        intptr_t x = pyval_int(a), y = pyval_int(b);
        if (y == 0)
            return pyerr_format(pyexc_ZeroDivisionError,
                                "integer modulo by zero");
        intptr_t r = x % y;
        if (r != 0 && ((r < 0) != (y < 0)))
            r += y;
        return pyval_from_int(r);
    }
    return big_failing(a, b, pybig_mod_bound(size_of(a), size_of(b)),
                       pybig_mod);
}

static pyval int_truediv(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    /* exact when both fit a double's 53 bits */
    if (pyval_is_int(a) && pyval_is_int(b)) {
        intptr_t x = pyval_int(a), y = pyval_int(b);
        const intptr_t limit = (intptr_t)1 << 53;
        if (y == 0)
            return pyerr_format(pyexc_ZeroDivisionError, "division by zero");
        if (x > -limit && x < limit && y > -limit && y < limit)
            return pyfloat_from_double((double)x / (double)y);
    }
    struct intview wa, wb;
    view_of(a, &wa);
    view_of(b, &wb);
    double result;
    int code = pybig_truediv(wa.d, wa.n, wb.d, wb.n, &result);
    if (code != PYBIG_OK)
        return raise_big_error(code);
    return pyfloat_from_double(result);
}

static pyval int_pow(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyint_sign(b) < 0) {
        /* a negative exponent: float arithmetic, as CPython */
        double x, y;
        if (pyint_to_double(a, &x) < 0 || pyint_to_double(b, &y) < 0)
            return 0;
        if (x == 0)
            return pyerr_format(pyexc_ZeroDivisionError,
                                "0.0 cannot be raised to a negative power");
        return pyfloat_from_double(pow(x, y));
    }
    if (pyval_is_int(a) && pyval_is_int(b)) {
        int64_t base = pyval_int(a), exp = pyval_int(b), r = 1;
        bool overflow = false;
        while (exp > 0 && !overflow) {
            if (exp & 1)
                overflow |= __builtin_mul_overflow(r, base, &r);
            exp >>= 1;
            if (exp > 0)
                overflow |= __builtin_mul_overflow(base, base, &base);
        }
        if (!overflow)
            return pyint_from_int64(r);
    }
    struct intview wa, wb;
    view_of(a, &wa);
    view_of(b, &wb);
    long limbs = pybig_pow_bound(wa.d, wa.n, wb.d, wb.n);
    return big_failing(a, b, limbs, pybig_pow);
}

static pyval shift(pyval a, pyval b, bool left)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyint_sign(b) < 0)
        return pyerr_format(pyexc_ValueError, "negative shift count");
    if (pyint_sign(a) == 0)
        return pyval_from_int(0);
    uint64_t count;
    if (!pyval_is_int(b)) {
        /* beyond 64 bits: every value shifts right to 0 or -1 */
        if (!left)
            return pyval_from_int(pyint_sign(a) < 0 ? -1 : 0);
        return pyerr_format(pyexc_OverflowError, "too many digits in integer");
    }
    count = (uint64_t)pyval_int(b);
    if (pyval_is_int(a)) {
        intptr_t x = pyval_int(a);
        if (!left)
            return pyval_from_int(count >= 63 ? (x < 0 ? -1 : 0) : x >> count);
        if (count < 62) {
            intptr_t r = (intptr_t)((uintptr_t)x << count);
            if ((r >> count) == x && pyint_fits_tagged(r))
                return pyval_from_int(r);
        }
    }
    long an = size_of(a);
    long limbs =
        left ? pybig_lshift_bound(an, count) : pybig_rshift_bound(an, count);
    PY_PUSHV(a);
    PyBigInt *r = alloc_big(limbs);
    PY_POPV(a);
    if (r == NULL)
        return 0;
    struct intview wa;
    view_of(a, &wa);
    long n = left ? pybig_lshift(limbs_of(r), wa.d, wa.n, count)
                  : pybig_rshift(limbs_of(r), wa.d, wa.n, count);
    return finish_big(r, n);
}

static pyval int_lshift(pyval a, pyval b)
{
    return shift(a, b, true);
}

static pyval int_rshift(pyval a, pyval b)
{
    return shift(a, b, false);
}

static pyval int_and(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyval_is_int(a) && pyval_is_int(b))
        return pyval_from_int(pyval_int(a) & pyval_int(b));
    return big_exact(a, b, pybig_bitop_bound, pybig_and);
}

static pyval int_or(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyval_is_int(a) && pyval_is_int(b))
        return pyval_from_int(pyval_int(a) | pyval_int(b));
    return big_exact(a, b, pybig_bitop_bound, pybig_or);
}

static pyval int_xor(pyval a, pyval b)
{
    BOTH_INTS_OR_NOT_IMPLEMENTED(a, b);
    if (pyval_is_int(a) && pyval_is_int(b))
        return pyval_from_int(pyval_int(a) ^ pyval_int(b));
    return big_exact(a, b, pybig_bitop_bound, pybig_xor);
}

static pyval int_neg(pyval self)
{
    pyval v = pyint_value(self);
    if (pyval_is_int(v))
        return pyint_from_int64(-pyval_int(v));
    return big_exact(pyval_from_int(0), v, pybig_add_bound, pybig_sub);
}

static pyval int_pos(pyval self)
{
    return pyint_value(self);
}

static pyval int_abs(pyval self)
{
    return pyint_sign(self) < 0 ? int_neg(self) : pyint_value(self);
}

static pyval int_invert(pyval self)
{
    pyval v = pyint_value(self);
    if (pyval_is_int(v))
        return pyval_from_int(~pyval_int(v));
    return int_sub(int_neg(v), pyval_from_int(1));
}

static pyval int_index(pyval self)
{
    return pyint_value(self);
}

static pyval int_to_float(pyval self)
{
    double d;
    if (pyint_to_double(self, &d) < 0)
        return 0;
    return pyfloat_from_double(d);
}

static pyval int_new(PyType *type, const pyval *args, size_t nargs,
                     PyObj *kwnames);

extern const struct pymethod_def pyint_methods[];

/* the numbers protocol's attributes: an int is its own real part and
   numerator */
static pyval int_get_self(pyval self)
{
    return pyint_value(self);
}

static pyval int_get_zero(pyval self)
{
    return pyval_from_int(0);
}

static pyval int_get_one(pyval self)
{
    return pyval_from_int(1);
}

static const struct pygetset_def pyint_getset[] = {
    {"real", int_get_self, NULL},
    {"imag", int_get_zero, NULL},
    {"numerator", int_get_self, NULL},
    {"denominator", int_get_one, NULL},
    {NULL, NULL, NULL},
};

const struct pytype_slots pyint_slots = {
    .getset = pyint_getset,
    .methods = pyint_methods,
    .new_ = int_new,
    .repr = int_repr,
    .hash = int_hash,
    .richcompare = int_richcompare,
    .truth = int_truth,
    .binop =
        {
            [PYOP_ADD] = int_add,
            [PYOP_SUB] = int_sub,
            [PYOP_MUL] = int_mul,
            [PYOP_FLOORDIV] = int_floordiv,
            [PYOP_MOD] = int_mod,
            [PYOP_TRUEDIV] = int_truediv,
            [PYOP_POW] = int_pow,
            [PYOP_LSHIFT] = int_lshift,
            [PYOP_RSHIFT] = int_rshift,
            [PYOP_AND] = int_and,
            [PYOP_OR] = int_or,
            [PYOP_XOR] = int_xor,
        },
    .neg = int_neg,
    .pos = int_pos,
    .absolute = int_abs,
    .invert = int_invert,
    .index = int_index,
    .to_int = int_index,
    .to_float = int_to_float,
};

/* ------------------------------------------------------------ int(x) */

/* the text of a str for int()/float(): ASCII, with non-ASCII decimal
   digits and spaces mapped as CPython does (others become '?', which
   the syntax check then rejects); NULL if out of memory */
char *pyint_ascii_digits(pyval s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)pystr_utf8(s);
    size_t n = (size_t)pystr_nbytes(s);
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            out[k++] = (char)p[i++];
            continue;
        }
        int size = p[i] < 0xE0 ? 2 : p[i] < 0xF0 ? 3 : 4;
        uint32_t cp =
            size == 2 ? ((uint32_t)(p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F)
            : size == 3
                ? ((uint32_t)(p[i] & 0x0F) << 12) |
                      ((uint32_t)(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F)
                : ((uint32_t)(p[i] & 0x07) << 18) |
                      ((uint32_t)(p[i + 1] & 0x3F) << 12) |
                      ((uint32_t)(p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
        i += (size_t)size;
        int d = pyuni_decimal(cp);
        out[k++] = d >= 0 ? (char)('0' + d) : pyuni_is_space(cp) ? ' ' : '?';
    }
    out[k] = 0;
    *len = k;
    return out;
}

static pyval int_from_str(pyval s, int base)
{
    size_t len;
    char *text = pyint_ascii_digits(s, &len);
    if (text == NULL)
        return pyerr_no_memory();
    pybig_parsed p;
    int code = pybig_parse(&p, text, len, base, PYBIG_DEFAULT_MAX_STR_DIGITS);
    if (code == PYBIG_EINVALID_LITERAL) {
        free(text);
        char msg[1024];
        pybig_invalid_literal_message(msg, sizeof(msg), base, pystr_utf8(s),
                                      (size_t)pystr_nbytes(s),
                                      pyuni_is_printable);
        return pyerr_format(pyexc_ValueError, "%s", msg);
    }
    if (code == PYBIG_ESTR_LIMIT_FROM) {
        free(text);
        char msg[512];
        pybig_str_limit_message(msg, sizeof(msg), code,
                                PYBIG_DEFAULT_MAX_STR_DIGITS, p.ndigits);
        return pyerr_format(pyexc_ValueError, "%s", msg);
    }
    if (code != PYBIG_OK) {
        free(text);
        return raise_big_error(code);
    }
    PyBigInt *b = alloc_big(pybig_from_str_bound(&p));
    if (b == NULL) {
        free(text);
        return 0;
    }
    long n;
    code = pybig_from_str(limbs_of(b), &n, &p);
    free(text);
    if (code != PYBIG_OK)
        return raise_big_error(code);
    return finish_big(b, n);
}

/* int(b, base) of a bytes-like object: ASCII text */
static pyval int_from_bytes_text(pyval x, int base)
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
    pybig_parsed p;
    int code = pybig_parse(&p, text, len, base, PYBIG_DEFAULT_MAX_STR_DIGITS);
    if (code == PYBIG_EINVALID_LITERAL) {
        /* shown as bytes, whatever the buffer's type (as CPython) */
        free(text);
        int64_t n;
        uint8_t *raw = pybytes_copy(x, &n);
        if (raw == NULL)
            return 0;
        pyval r = pybytes_repr_of(raw, n, "b", "");
        free(raw);
        if (r == 0)
            return 0;
        char shown[201]; /* CPython's %.200R: the repr cut at 200 */
        snprintf(shown, sizeof(shown), "%s", pystr_utf8(r));
        return pyerr_format(pyexc_ValueError,
                            "invalid literal for int() with base %d: %s", base,
                            shown);
    }
    if (code == PYBIG_ESTR_LIMIT_FROM) {
        free(text);
        char msg[512];
        pybig_str_limit_message(msg, sizeof(msg), code,
                                PYBIG_DEFAULT_MAX_STR_DIGITS, p.ndigits);
        return pyerr_format(pyexc_ValueError, "%s", msg);
    }
    if (code != PYBIG_OK) {
        free(text);
        return raise_big_error(code);
    }
    PyBigInt *big = alloc_big(pybig_from_str_bound(&p));
    if (big == NULL) {
        free(text);
        return 0;
    }
    long n;
    code = pybig_from_str(limbs_of(big), &n, &p);
    free(text);
    if (code != PYBIG_OK)
        return raise_big_error(code);
    return finish_big(big, n);
}

pyval pyint_from_double(double d)
{
    if (isnan(d))
        return pyerr_format(pyexc_ValueError,
                            "cannot convert float NaN to integer");
    if (isinf(d))
        return pyerr_format(pyexc_OverflowError,
                            "cannot convert float infinity to integer");
    if (d > -4e18 && d < 4e18)
        return pyint_from_int64((int64_t)d);
    PyBigInt *b = alloc_big(pybig_from_double_bound(d));
    if (b == NULL)
        return 0;
    return finish_big(b, pybig_from_double(limbs_of(b), d));
}

static pyval int_new(PyType *type, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    size_t nkw = kwnames ? (size_t)pytuple_size(pyval_from_obj(kwnames)) : 0;
    pyval x = nargs > 0 ? args[0] : 0, base_arg = nargs > 1 ? args[1] : 0;
    for (size_t i = 0; i < nkw; i++) {
        pyval k = pytuple_get(pyval_from_obj(kwnames), (int64_t)i);
        if (strcmp(pystr_utf8(k), "base") == 0 && base_arg == 0)
            base_arg = args[nargs + i];
        else
            return pyerr_format(pyexc_TypeError,
                                "'%U' is an invalid keyword argument for "
                                "int()",
                                k);
    }
    if (nargs > 2)
        return pyerr_format(pyexc_TypeError,
                            "int() takes at most 2 arguments (%d given)",
                            (int)nargs);
    if (x == 0) {
        if (base_arg != 0)
            return pyerr_format(pyexc_TypeError, "int() missing string "
                                                 "argument");
        return pyval_from_int(0);
    }
    if (base_arg != 0) {
        int64_t base;
        base_arg = pynum_index(base_arg); /* __index__ may allocate */
        if (base_arg == 0)
            return 0;
        x = args[0];
        if (pyint_as_int64(base_arg, &base) < 0 || base == 1 || base < 0 ||
            base > 36) {
            pyerr_clear();
            return pyerr_format(pyexc_ValueError,
                                "int() base must be >= 2 and <= 36, or 0");
        }
        if (pybytes_like(x))
            return int_from_bytes_text(x, (int)base);
        if (!pyval_is_obj(x) || pyval_obj(x)->layout != PYL_STR)
            return pyerr_format(pyexc_TypeError,
                                "int() can't convert non-string with "
                                "explicit base");
        return int_from_str(x, (int)base);
    }
    if (pyint_check(x))
        return pyint_value(x);
    if (pyfloat_check(x))
        return pyint_from_double(pyfloat_value(x));
    if (pyval_is_obj(x) && pyval_obj(x)->layout == PYL_STR)
        return int_from_str(x, 10);
    if (pybytes_like(x))
        return int_from_bytes_text(x, 10);
    pyval (*to_int)(pyval) = pyval_type(x)->slots->to_int;
    if (to_int == NULL)
        to_int = pyval_type(x)->slots->index;
    if (to_int != NULL)
        return to_int(x);
    return pyerr_format(pyexc_TypeError,
                        "int() argument must be a string, a bytes-like "
                        "object or a real number, not '%T'",
                        x);
}


/* ------------------------------------------------------------ text, pow */

pyval pyint_to_base(pyval v, int base, bool prefix)
{
    v = pyint_value(v);
    struct intview w;
    view_of(v, &w);
    size_t bound = pybig_to_str_bound(w.n, base) + 3;
    char *text = malloc(bound);
    if (text == NULL)
        return pyerr_no_memory();
    size_t len;
    int code = pybig_to_str(text + 2, &len, w.d, w.n, base, 0);
    if (code != PYBIG_OK) {
        free(text);
        return raise_big_error(code);
    }
    /* "-0x1f": the sign before the prefix */
    char *digits = text + 2;
    bool negative = digits[0] == '-';
    const char *pfx = base == 2 ? "0b" : base == 8 ? "0o" : "0x";
    char *start;
    if (!prefix) {
        start = digits;
    } else if (negative) {
        /* "-ddd" -> "-0xddd" */
        memmove(text + 1, digits + 1, len - 1);
        text[0] = '-';
        memmove(text + 3, text + 1, len - 1);
        text[1] = pfx[0];
        text[2] = pfx[1];
        start = text;
        len += 2;
    } else {
        text[0] = pfx[0];
        text[1] = pfx[1];
        start = text;
        len += 2;
    }
    pyval s = pystr_from_utf8(start, len);
    free(text);
    return s;
}

pyval pyint_powmod(pyval a, pyval b, pyval m)
{
    if (!pyint_check(a) || !pyint_check(b) || !pyint_check(m))
        return pyerr_format(pyexc_TypeError,
                            "pow() 3rd argument not allowed unless all "
                            "arguments are integers");
    a = pyint_value(a);
    b = pyint_value(b);
    m = pyint_value(m);
    long limbs = pybig_powmod_bound(size_of(a), size_of(b), size_of(m));
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(a);
    PY_PUSHV(b);
    PY_PUSHV(m);
    PyBigInt *r = alloc_big(limbs);
    a = (pyval)saved[0].ss;
    b = (pyval)saved[1].ss;
    m = (pyval)saved[2].ss;
    pyrt_tl.shadowstack = saved;
    if (r == NULL)
        return 0;
    struct intview wa, wb, wm;
    view_of(a, &wa);
    view_of(b, &wb);
    view_of(m, &wm);
    long n;
    int code =
        pybig_powmod(limbs_of(r), &n, wa.d, wa.n, wb.d, wb.n, wm.d, wm.n);
    if (code != PYBIG_OK)
        return raise_big_error(code);
    return finish_big(r, n);
}

/* round(int, ndigits): a negative ndigits rounds half to even at 10**-n */
static pyval int_round(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (nargs == 0 || args[0] == py_None)
        return pyint_value(self);
    PY_PUSHV(self);
    pyval ndigits = pynum_index(args[0]); /* __index__ may allocate */
    PY_POPV(self);
    int64_t nd;
    if (ndigits == 0 || pyint_as_int64(ndigits, &nd) < 0)
        return 0;
    if (nd >= 0)
        return pyint_value(self);
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    pyval p = int_pow(pyval_from_int(10), pyint_from_int64(-nd));
    if (p == 0)
        goto fail;
    PY_PUSHV(p);
    pyval half = int_floordiv(p, pyval_from_int(2));
    PY_PUSHV(half);
    /* q, r = divmod(self, p); round r against half, ties to even q */
    pyval q = int_floordiv((pyval)saved[0].ss, (pyval)saved[1].ss);
    if (q == 0)
        goto fail;
    PY_PUSHV(q);
    pyval r = int_mod((pyval)saved[0].ss, (pyval)saved[1].ss);
    if (r == 0)
        goto fail;
    int c = compare_ints(r, (pyval)saved[2].ss);
    q = (pyval)saved[3].ss;
    bool up = c > 0 || (c == 0 && pyint_is_odd(q));
    if (up) {
        q = int_add(q, pyval_from_int(1));
        if (q == 0)
            goto fail;
    }
    PY_PUSHV(q);
    pyval result = int_mul(q, (pyval)saved[1].ss);
    pyrt_tl.shadowstack = saved;
    return result;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

bool pyint_is_odd(pyval v)
{
    v = pyint_value(v);
    if (pyval_is_int(v))
        return (pyval_int(v) & 1) != 0;
    struct intview w;
    view_of(v, &w);
    return (w.d[0] & 1) != 0;
}

static pyval int_bit_length(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    struct intview w;
    view_of(self, &w);
    return pyint_from_uint64(pybig_bit_length(w.d, w.n));
}

static pyval int_bit_count(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    struct intview w;
    view_of(self, &w);
    return pyint_from_uint64(pybig_bit_count(w.d, w.n));
}

/* ---------------------------------------------- to_bytes / from_bytes */

/* (p0, byteorder, *, signed) of to_bytes/from_bytes: out[] 0 when absent */
static int bytes_conv_args(const char *fname, const char *p0, const pyval *args,
                           size_t nargs, PyObj *kwnames, pyval out[3])
{
    const char *names[3] = {p0, "byteorder", "signed"};
    if (nargs > 2) {
        pyerr_format(pyexc_TypeError,
                     "%s() takes at most 2 positional arguments (%d given)",
                     fname, (int)nargs);
        return -1;
    }
    out[0] = nargs > 0 ? args[0] : 0;
    out[1] = nargs > 1 ? args[1] : 0;
    out[2] = 0;
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    for (int64_t k = 0; k < nkw; k++) {
        const char *name = pystr_utf8(pytuple_get(pyval_from_obj(kwnames), k));
        int i = 0;
        while (i < 3 && strcmp(names[i], name) != 0)
            i++;
        if (i == 3) {
            pyerr_format(pyexc_TypeError,
                         "'%s' is an invalid keyword argument for %s()", name,
                         fname);
            return -1;
        }
        if ((size_t)i < nargs) {
            pyerr_format(pyexc_TypeError,
                         "argument for %s() given by name ('%s') and "
                         "position (%d)",
                         fname, name, i + 1);
            return -1;
        }
        out[i] = args[nargs + (size_t)k];
    }
    return 0;
}

/* byteorder: 1 little, 0 big, -1 error */
static int little_endian_arg(const char *fname, pyval v)
{
    if (v == 0)
        return 0;
    if (!(pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR)) {
        pycodec_not_str(fname, "byteorder", v);
        return -1;
    }
    if (strcmp(pystr_utf8(v), "little") == 0)
        return 1;
    if (strcmp(pystr_utf8(v), "big") == 0)
        return 0;
    pyerr_format(pyexc_ValueError,
                 "byteorder must be either 'little' or 'big'");
    return -1;
}

static pyval int_to_bytes(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    pyval a[3];
    if (bytes_conv_args("to_bytes", "length", args, nargs, kwnames, a) < 0)
        return 0;
    int64_t length = 1;
    /* __index__ and __bool__ may run Python code: the values are rooted */
    PY_PUSHV(self);
    PY_PUSHV(a[1]);
    PY_PUSHV(a[2]);
    int failed = 0;
    if (a[0] != 0) {
        if (!pyval_is_int(a[0]) && pyval_type(a[0])->slots->index == NULL) {
            pyerr_format(pyexc_TypeError,
                         "'%T' object cannot be interpreted as an integer",
                         a[0]);
            failed = 1;
        } else {
            pyval i = pynum_index(a[0]);
            failed = i == 0 || pyint_as_int64(i, &length) < 0;
            if (!failed && length < 0) {
                pyerr_format(pyexc_ValueError,
                             "length argument must be non-negative");
                failed = 1;
            }
        }
    }
    PY_POPV(a[2]);
    PY_POPV(a[1]);
    int little = failed ? -1 : little_endian_arg("to_bytes", a[1]);
    int is_signed = 0;
    if (little >= 0 && a[2] != 0) {
        PY_PUSHV(self);
        is_signed = pyobj_truth(a[2]);
        PY_POPV(self);
    }
    PY_POPV(self);
    if (little < 0 || is_signed < 0)
        return 0;
    unsigned char *out = malloc((size_t)length + 1);
    if (out == NULL)
        return pyerr_no_memory();
    struct intview w;
    view_of(self, &w);
    int code = pybig_to_bytes(w.d, w.n, out, (size_t)length, little == 1,
                              is_signed == 1);
    pyval r = code == PYBIG_OK ? pybytes_from_data(out, length)
                               : raise_big_error(code);
    free(out);
    return r;
}

static pyval int_from_bytes(pyval cls, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    pyval a[3];
    if (bytes_conv_args("from_bytes", "bytes", args, nargs, kwnames, a) < 0)
        return 0;
    if (a[0] == 0)
        return pyerr_format(pyexc_TypeError,
                            "from_bytes() missing required argument 'bytes' "
                            "(pos 1)");
    int little = little_endian_arg("from_bytes", a[1]);
    if (little < 0)
        return 0;
    int is_signed = 0;
    if (a[2] != 0) {
        /* __bool__ may run Python code */
        PY_PUSHV(cls);
        PY_PUSHV(a[0]);
        is_signed = pyobj_truth(a[2]);
        PY_POPV(a[0]);
        PY_POPV(cls);
        if (is_signed < 0)
            return 0;
    }
    /* bytes(x) but for a count or a str */
    if (pyval_is_int(a[0]) || pyval_obj(a[0])->layout == PYL_STR ||
        pyval_type(a[0])->slots->index != NULL)
        return pyerr_format(pyexc_TypeError,
                            "cannot convert '%T' object to bytes", a[0]);
    PY_PUSHV(cls);
    uint8_t *data;
    int64_t n;
    if (pybytes_from_object(a[0], "bytes", &data, &n) < 0) {
        PY_DROP();
        return 0;
    }
    PyBigInt *b = alloc_big(pybig_from_bytes_bound((size_t)n));
    if (b == NULL) {
        PY_DROP();
        free(data);
        return 0;
    }
    long size = pybig_from_bytes(limbs_of(b), data, (size_t)n, little == 1,
                                 is_signed == 1);
    free(data);
    pyval v = finish_big(b, size);
    PY_POPV(cls);
    if ((PyType *)pyval_obj(cls) == pytype_int)
        return v;
    return pyobj_call(cls, &v, 1, NULL);
}

static pyval int_conjugate(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("conjugate", kwnames) < 0 ||
        pyarg_count("conjugate", nargs, 0, 0) < 0)
        return 0;
    return pyint_value(self);
}

const struct pymethod_def pyint_methods[] = {
    {"conjugate", int_conjugate, 0, NULL},
    {"__round__", int_round, 0, NULL},
    {"to_bytes", int_to_bytes, 0, NULL},
    {"from_bytes", int_from_bytes, PYMETH_CLASS, NULL},
    {"bit_length", int_bit_length, 0, NULL},
    {"bit_count", int_bit_count, 0, NULL},
    {"__format__", pyint_format_dunder, 0, NULL},
    {NULL, NULL, 0, NULL},
};
