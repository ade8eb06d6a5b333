/* abstract.c -- the protocols of abstract.h: dispatch to the slots of
 * the operands' types with CPython's rules (a right operand whose type
 * is a proper subclass of the left's goes first; comparisons reflect),
 * and CPython's messages when nothing handles an operation.  Also the
 * singletons None, True, False, NotImplemented and Ellipsis.
 */
#include "abstract.h"

#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "classobject.h"
#include "exceptionobject.h"
#include "floatobject.h"
#include "intobject.h"
#include "iterobject.h"
#include "listobject.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <string.h>

PyType *pytype_bool;
PyType *pytype_none;
PyType *pytype_notimplemented;
PyType *pytype_ellipsis;
pyval py_None, py_True, py_False, py_NotImplemented, py_Ellipsis;

const char *const pybinop_symbol[PYOP__COUNT] = {
    [PYOP_ADD] = "+",     [PYOP_AND] = "&",    [PYOP_FLOORDIV] = "//",
    [PYOP_LSHIFT] = "<<", [PYOP_MATMUL] = "@", [PYOP_MUL] = "*",
    [PYOP_MOD] = "%",     [PYOP_OR] = "|",     [PYOP_POW] = "**",
    [PYOP_RSHIFT] = ">>", [PYOP_SUB] = "-",    [PYOP_TRUEDIV] = "/",
    [PYOP_XOR] = "^",
};

const char *const pycmpop_symbol[6] = {"<", "<=", "==", "!=", ">", ">="};

const char *pytype_name(PyType *t)
{
    return pystr_utf8(pyval_from_obj(t->name));
}

static const struct pytype_slots *slots_of(pyval v)
{
    return pyval_type(v)->slots;
}

/* ------------------------------------------------------------ repr, str */

static pyval default_repr(pyval v)
{
    char name[260], buf[300];
    PY_PUSHV(v);
    pytype_display_name(pyval_from_obj((PyObj *)pyval_type(v)), name,
                        sizeof(name));
    PY_POPV(v);
    snprintf(buf, sizeof(buf), "<%s object at 0x%lx>", name,
             (unsigned long)stm_id((object_t *)v));
    return pystr_from_cstr(buf);
}

pyval pyobj_repr(pyval v)
{
    pyval (*repr)(pyval) = slots_of(v)->repr;
    return repr ? repr(v) : default_repr(v);
}

pyval pyobj_str(pyval v)
{
    const struct pytype_slots *s = slots_of(v);
    if (s->str)
        return s->str(v);
    if (!pyval_is_int(v) && pyval_obj(v)->layout == PYL_STR &&
        pyval_obj(v)->type == pytype_str)
        return v;
    return pyobj_repr(v);
}

/* ------------------------------------------------------------ hash */

int pyobj_hash(pyval v, int64_t *out)
{
    int (*hash)(pyval, int64_t *) = slots_of(v)->hash;
    if (hash == NULL) {
        if (slots_of(v)->richcompare != NULL &&
            pyval_type(v) != pytype_object) {
            pyerr_format(pyexc_TypeError, "unhashable type: '%T'", v);
            return -1;
        }
        /* object.__hash__: by identity */
        *out = (int64_t)(stm_identityhash((object_t *)v) >> 4);
        return 0;
    }
    return hash(v, out);
}

/* ------------------------------------------------------------ comparison */

static const enum pycmpop swapped[6] = {PYCMP_GT, PYCMP_GE, PYCMP_EQ,
                                        PYCMP_NE, PYCMP_LT, PYCMP_LE};

pyval pyobj_richcompare(pyval a, pyval b, enum pycmpop op)
{
    PyType *ta = pyval_type(a), *tb = pyval_type(b);
    pyval (*fa)(pyval, pyval, enum pycmpop) = ta->slots->richcompare;
    pyval (*fb)(pyval, pyval, enum pycmpop) = tb->slots->richcompare;
    bool reflected_first = ta != tb && pytype_is_subtype(tb, ta) && fb != NULL;
    /* each attempt may run Python code: a and b move */
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(a);
    PY_PUSHV(b);
    pyval r = py_NotImplemented;
    if (reflected_first)
        r = fb(b, a, swapped[op]);
    if (r == py_NotImplemented && fa != NULL)
        r = fa((pyval)saved[0].ss, (pyval)saved[1].ss, op);
    if (r == py_NotImplemented && !reflected_first && fb != NULL)
        r = fb((pyval)saved[1].ss, (pyval)saved[0].ss, swapped[op]);
    a = (pyval)saved[0].ss;
    b = (pyval)saved[1].ss;
    pyrt_tl.shadowstack = saved;
    if (r != py_NotImplemented)
        return r;
    /* == and != fall back to identity */
    if (op == PYCMP_EQ)
        return pybool(a == b);
    if (op == PYCMP_NE)
        return pybool(a != b);
    return pyerr_format(pyexc_TypeError,
                        "'%s' not supported between instances of '%T' and "
                        "'%T'",
                        pycmpop_symbol[op], a, b);
}

int pyobj_eq(pyval a, pyval b)
{
    if (a == b)
        return 1;
    if (pyval_is_int(a) && pyval_is_int(b))
        return 0;
    pyval r = pyobj_richcompare(a, b, PYCMP_EQ);
    if (r == 0)
        return -1;
    if (r == py_True)
        return 1;
    if (r == py_False)
        return 0;
    return pyobj_truth(r);
}

int pyobj_truth(pyval v)
{
    if (v == py_True)
        return 1;
    if (v == py_False || v == py_None)
        return 0;
    if (pyval_is_int(v))
        return pyval_int(v) != 0;
    const struct pytype_slots *s = slots_of(v);
    if (s->truth)
        return s->truth(v);
    if (s->len) {
        int64_t n = s->len(v);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ------------------------------------------------------------ numbers */

static pyval binop1(pyval a, pyval b, enum pybinop op)
{
    PyType *ta = pyval_type(a), *tb = pyval_type(b);
    pyval (*fa)(pyval, pyval) = ta->slots->binop[op];
    pyval (*fb)(pyval, pyval) = ta == tb ? NULL : tb->slots->binop[op];
    if (fa == fb)
        fb = NULL;
    if (fa != NULL) {
        if (fb != NULL && pytype_is_subtype(tb, ta)) {
            pyval r = fb(a, b);
            if (r != py_NotImplemented)
                return r;
            fb = NULL;
        }
        pyval r = fa(a, b);
        if (r != py_NotImplemented)
            return r;
    }
    if (fb != NULL)
        return fb(a, b);
    return py_NotImplemented;
}

static bool is_sequence(pyval v)
{
    if (!pyval_is_obj(v))
        return false;
    uint16_t l = pyval_obj(v)->layout;
    return l == PYL_STR || l == PYL_LIST || l == PYL_TUPLE || l == PYL_BYTES ||
           l == PYL_BYTEARRAY;
}

pyval pyseq_binop_error(pyval a, pyval b, enum pybinop op)
{
    if (op == PYOP_ADD && is_sequence(a)) {
        uint16_t l = pyval_obj(a)->layout;
        if (l == PYL_BYTES || l == PYL_BYTEARRAY)
            return pyerr_format(pyexc_TypeError, "can't concat %T to %T", b, a);
        const char *n = l == PYL_STR ? "str" : l == PYL_LIST ? "list" : "tuple";
        return pyerr_format(pyexc_TypeError,
                            "can only concatenate %s (not \"%T\") to %s", n, b,
                            n);
    }
    if (op == PYOP_MUL && (is_sequence(a) || is_sequence(b)))
        return pyerr_format(pyexc_TypeError,
                            "can't multiply sequence by non-int of type '%T'",
                            is_sequence(a) ? b : a);
    return py_NotImplemented;
}

/* CPython tries a sequence's concatenation or repetition after the
   number slots of both operands: their errors come last */
static pyval binop_type_error(pyval a, pyval b, enum pybinop op)
{
    pyval r = pyseq_binop_error(a, b, op);
    if (r != py_NotImplemented)
        return r;
    if (op == PYOP_POW)
        return pyerr_format(pyexc_TypeError,
                            "unsupported operand type(s) for ** or pow(): "
                            "'%T' and '%T'",
                            a, b);
    return pyerr_format(pyexc_TypeError,
                        "unsupported operand type(s) for %s: '%T' and '%T'",
                        pybinop_symbol[op], a, b);
}

pyval pynum_binop(pyval a, pyval b, enum pybinop op)
{
    pyval r = binop1(a, b, op);
    if (r == py_NotImplemented)
        return binop_type_error(a, b, op);
    return r;
}

pyval pynum_inplace(pyval a, pyval b, enum pybinop op)
{
    pyval (*f)(pyval, pyval) = slots_of(a)->inplace[op];
    if (f != NULL) {
        pyval r = f(a, b);
        if (r != py_NotImplemented)
            return r;
    }
    pyval r = binop1(a, b, op);
    if (r != py_NotImplemented)
        return r;
    r = pyseq_binop_error(a, b, op);
    if (r != py_NotImplemented)
        return r;
    if (op == PYOP_POW)
        return pyerr_format(pyexc_TypeError,
                            "unsupported operand type(s) for **=: '%T' and "
                            "'%T'",
                            a, b);
    return pyerr_format(pyexc_TypeError,
                        "unsupported operand type(s) for %s=: '%T' and '%T'",
                        pybinop_symbol[op], a, b);
}

static pyval unary(pyval v, pyval (*f)(pyval), const char *symbol)
{
    if (f == NULL)
        return pyerr_format(pyexc_TypeError, "bad operand type for %s: '%T'",
                            symbol, v);
    return f(v);
}

pyval pynum_neg(pyval v)
{
    if (pyval_is_int(v))
        return pyint_from_int64(-pyval_int(v));
    return unary(v, slots_of(v)->neg, "unary -");
}

pyval pynum_pos(pyval v)
{
    if (pyval_is_int(v))
        return v;
    return unary(v, slots_of(v)->pos, "unary +");
}

pyval pynum_invert(pyval v)
{
    if (pyval_is_int(v))
        return pyval_from_int(~pyval_int(v));
    return unary(v, slots_of(v)->invert, "unary ~");
}

pyval pynum_abs(pyval v)
{
    return unary(v, slots_of(v)->absolute, "abs()");
}

pyval pynum_index(pyval v)
{
    if (pyval_is_int(v))
        return v;
    pyval (*f)(pyval) = slots_of(v)->index;
    if (f == NULL)
        return pyerr_format(pyexc_TypeError,
                            "'%T' object cannot be interpreted as an integer",
                            v);
    return f(v);
}

/* ------------------------------------------------------------ attributes */

pyval pyobj_getattr(pyval v, pyval name)
{
    pyval (*f)(pyval, PyObj *) = slots_of(v)->getattr;
    PY_PUSHV(v);
    PY_PUSHV(name);
    pyval r = f ? f(v, pyval_obj(name)) : pyobj_generic_getattr(v, name);
    PY_POPV(name);
    PY_POPV(v);
    if (r == 0 && pyerr_occurred() == 0) {
        if (pyval_is_obj(v) && pyval_obj(v)->layout == PYL_TYPE)
            return pyerr_format(
                pyexc_AttributeError, "type object '%U' has no attribute '%U'",
                pyval_from_obj(((PyType *)pyval_obj(v))->name), name);
        return pyerr_format(pyexc_AttributeError,
                            "'%T' object has no attribute '%U'", v, name);
    }
    return r;
}

int pyobj_setattr(pyval v, pyval name, pyval value)
{
    int (*f)(pyval, PyObj *, pyval) = slots_of(v)->setattr;
    if (f == NULL) {
        /* a built-in object: only its type's data descriptors */
        PY_PUSHV(v);
        PY_PUSHV(name);
        PY_PUSHV(value);
        pyval d = pytype_lookup(pyval_type(v), name);
        PY_POPV(value);
        PY_POPV(name);
        PY_POPV(v);
        if (d != 0 && pyval_is_obj(d) && pyval_type(d)->slots->descr_set)
            return pyval_type(d)->slots->descr_set(d, v, value);
        if (pyerr_occurred())
            return -1;
        pyerr_format(pyexc_AttributeError, "'%T' object has no attribute '%U'",
                     v, name);
        return -1;
    }
    return f(v, pyval_obj(name), value);
}

/* ------------------------------------------------------------ calls */

pyval pyobj_call(pyval callable, const pyval *args, size_t nargs,
                 PyObj *kwnames)
{
    pyval (*f)(pyval, const pyval *, size_t, PyObj *) =
        slots_of(callable)->call;
    if (f == NULL)
        return pyerr_format(pyexc_TypeError, "'%T' object is not callable",
                            callable);
    return f(callable, args, nargs, kwnames);
}

/* ------------------------------------------------------------ items */

/* A slice's raw bounds for the sequence types' C slice functions
   (PYSLICE_NONE for None); -1 with TypeError for bad bounds. */
static int raw_bounds(pyval slice, int64_t b[3])
{
    /* __index__ may run Python code: the slice is rooted, re-read after */
    PY_PUSHV(slice);
    for (int i = 0; i < 3; i++) {
        PySlice *s = (PySlice *)pyval_obj((pyval)pyrt_tl.shadowstack[-1].ss);
        pyval v = i == 0 ? s->start : i == 1 ? s->stop : s->step;
        if (v == py_None) {
            b[i] = i == 2 ? 1 : PYSLICE_NONE;
        } else if (pyseq_slice_index(v, &b[i]) < 0) {
            PY_DROP();
            return -1;
        }
    }
    PY_DROP();
    if (b[2] == 0) {
        pyerr_format(pyexc_ValueError, "slice step cannot be zero");
        return -1;
    }
    return 0;
}

/* x[a:b:c] on the built-in sequences (their getitem slots take only
   integers so far) */
static pyval get_slice(pyval v, pyval slice, bool *handled)
{
    int layout = pyval_obj(v)->layout;
    *handled = layout == PYL_LIST || layout == PYL_STR || layout == PYL_TUPLE;
    if (!*handled)
        return 0;
    int64_t b[3];
    PY_PUSHV(v);
    int r = raw_bounds(slice, b);
    PY_POPV(v); /* it may have moved */
    if (r < 0)
        return 0;
    if (layout == PYL_LIST)
        return pylist_get_slice(v, b[0], b[1], b[2]);
    if (layout == PYL_STR)
        return pystr_get_slice(v, b[0], b[1], b[2]);
    int64_t start = b[0], stop = b[1], step = b[2];
    int64_t n = pyseq_slice_indices(pytuple_size(v), &start, &stop, &step);
    /* t[:] is t itself, for an exact tuple only */
    if (step == 1 && start == 0 && n == pytuple_size(v) &&
        pyval_obj(v)->type == pytype_tuple)
        return v;
    PY_PUSHV(v);
    pyval t = pytuple_new(n);
    PY_POPV(v);
    if (t == 0)
        return 0;
    for (int64_t i = 0; i < n; i++)
        pytuple_init_item(t, i, pytuple_get(v, start + i * step));
    return t;
}

pyval pyobj_getitem(pyval v, pyval key)
{
    if (pyslice_check(key) && pyval_is_obj(v)) {
        bool handled;
        pyval r = get_slice(v, key, &handled);
        if (handled)
            return r;
    }
    pyval (*f)(pyval, pyval) = slots_of(v)->getitem;
    if (f == NULL) {
        if (pyval_is_obj(v) && pyval_obj(v)->layout == PYL_TYPE)
            return pyerr_format(pyexc_TypeError,
                                "type '%U' is not subscriptable",
                                pyval_from_obj(((PyType *)pyval_obj(v))->name));
        return pyerr_format(pyexc_TypeError, "'%T' object is not subscriptable",
                            v);
    }
    return f(v, key);
}

int pyobj_setitem(pyval v, pyval key, pyval value)
{
    if (pyslice_check(key) && pyval_is_obj(v) &&
        pyval_obj(v)->layout == PYL_LIST) {
        int64_t b[3];
        PY_PUSHV(v);
        PY_PUSHV(value);
        int r = raw_bounds(key, b);
        PY_POPV(value);
        PY_POPV(v); /* they may have moved */
        if (r < 0)
            return -1;
        return pylist_set_slice(v, b[0], b[1], b[2], value);
    }
    int (*f)(pyval, pyval, pyval) = slots_of(v)->setitem;
    if (f == NULL) {
        pyerr_format(pyexc_TypeError,
                     "'%T' object does not support item assignment", v);
        return -1;
    }
    return f(v, key, value);
}

int pyobj_delitem(pyval v, pyval key)
{
    if (pyslice_check(key) && pyval_is_obj(v) &&
        pyval_obj(v)->layout == PYL_LIST) {
        int64_t b[3];
        if (raw_bounds(key, b) < 0)
            return -1;
        return pylist_set_slice(v, b[0], b[1], b[2], 0);
    }
    int (*f)(pyval, pyval, pyval) = slots_of(v)->setitem;
    if (f == NULL) {
        pyerr_format(pyexc_TypeError,
                     "'%T' object doesn't support item deletion", v);
        return -1;
    }
    return f(v, key, 0);
}

int64_t pyobj_len(pyval v)
{
    int64_t (*f)(pyval) = slots_of(v)->len;
    if (f == NULL) {
        pyerr_format(pyexc_TypeError, "object of type '%T' has no len()", v);
        return -1;
    }
    return f(v);
}

/* ------------------------------------------------------------ iteration */

/* a type without __iter__ but with __getitem__ is a sequence: iterated
   by index; a class is one only if its metaclass defines __getitem__
   (type's own, list[int], is no sequence) */
static bool iter_by_index(pyval v)
{
    pyval (*f)(pyval, pyval) = slots_of(v)->getitem;
    if (f == NULL || !pyval_is_obj(v))
        return false;
    return pyval_obj(v)->layout != PYL_TYPE || f != pytype_type->slots->getitem;
}

bool pyobj_iterable(pyval v)
{
    return slots_of(v)->iter != NULL || iter_by_index(v);
}

pyval pyobj_iter(pyval v)
{
    pyval (*f)(pyval) = slots_of(v)->iter;
    if (f == NULL) {
        if (iter_by_index(v))
            return pyiter_seq(v);
        return pyerr_format(pyexc_TypeError, "'%T' object is not iterable", v);
    }
    pyval it = f(v);
    if (it != 0 && slots_of(it)->iternext == NULL)
        return pyerr_format(pyexc_TypeError,
                            "iter() returned non-iterator of type '%T'", it);
    return it;
}

pyval pyiter_next(pyval it)
{
    pyval (*f)(pyval) = slots_of(it)->iternext;
    if (f == NULL)
        return pyerr_format(pyexc_TypeError, "'%T' object is not an iterator",
                            it);
    return f(it);
}

int pyobj_contains_not_iterable(pyval container)
{
    if (pyerr_matches(pyexc_TypeError)) {
        pyerr_clear();
        pyerr_format(pyexc_TypeError, "argument of type '%T' is not iterable",
                     container);
    }
    return -1;
}

int pyobj_contains(pyval container, pyval item)
{
    int (*f)(pyval, pyval) = slots_of(container)->contains;
    if (f != NULL)
        return f(container, item);
    if (slots_of(container)->iter == NULL &&
        slots_of(container)->getitem == NULL) {
        pyerr_format(pyexc_TypeError, "argument of type '%T' is not iterable",
                     container);
        return -1;
    }
    /* by iteration */
    PY_PUSHV(item);
    PY_PUSHV(container);
    pyval it = pyobj_iter(container);
    PY_POPV(container);
    PY_POPV(item);
    if (it == 0)
        return pyobj_contains_not_iterable(container);
    while (1) {
        PY_PUSHV(item);
        PY_PUSHV(it);
        pyval x = pyiter_next(it);
        PY_POPV(it);
        PY_POPV(item);
        if (x == 0)
            return pyerr_occurred() ? -1 : 0;
        PY_PUSHV(item);
        PY_PUSHV(it);
        int eq = pyobj_eq(x, item);
        PY_POPV(it);
        PY_POPV(item);
        if (eq != 0)
            return eq;
    }
}

/* ------------------------------------------------------------ singletons */

static pyval none_repr(pyval v)
{
    return pystr_from_cstr("None");
}

static pyval notimplemented_repr(pyval v)
{
    return pystr_from_cstr("NotImplemented");
}

static pyval ellipsis_repr(pyval v)
{
    return pystr_from_cstr("Ellipsis");
}

static pyval bool_repr(pyval v)
{
    return pystr_from_cstr(v == py_True ? "True" : "False");
}

static pyval bool_new(PyType *type, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0)
        return pyerr_format(pyexc_TypeError,
                            "bool() takes no keyword arguments");
    if (nargs > 1)
        return pyerr_format(pyexc_TypeError,
                            "bool expected at most 1 argument, got %d",
                            (int)nargs);
    if (nargs == 0)
        return py_False;
    int t = pyobj_truth(args[0]);
    return t < 0 ? 0 : pybool(t);
}

static pyval object_new(PyType *type, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (nargs > 0 || (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0))
        return pyerr_format(pyexc_TypeError, "object() takes no arguments");
    return pyval_from_obj(pyobj_alloc(sizeof(struct pyobj_s), PYL_PLAIN, type));
}

const struct pytype_slots pyobject_slots = {.new_ = object_new,
                                            .getset = pyobject_getset};

static int none_truth(pyval v)
{
    return 0;
}

static const struct pytype_slots none_slots = {.repr = none_repr,
                                               .truth = none_truth};
static const struct pytype_slots notimplemented_slots = {
    .repr = notimplemented_repr};
static const struct pytype_slots ellipsis_slots = {.repr = ellipsis_repr};
static struct pytype_slots bool_slots;

/* outside transactions */
void pyabstract_setup_types(void)
{
    pytype_int = pytype_new_builtin("int", &pyint_slots, PYL_INTBOX, NULL,
                                    PYTYPE_BASETYPE | PYTYPE_INT_SUB);
    bool_slots = pyint_slots;
    bool_slots.repr = bool_repr;
    bool_slots.new_ = bool_new;
    pytype_bool = pytype_new_builtin("bool", &bool_slots, PYL_INTBOX,
                                     pytype_int, PYTYPE_INT_SUB);
    pytype_float = pytype_new_builtin("float", &pyfloat_slots, PYL_FLOAT, NULL,
                                      PYTYPE_BASETYPE);
    pytype_none =
        pytype_new_builtin("NoneType", &none_slots, PYL_PLAIN, NULL, 0);
    pytype_notimplemented = pytype_new_builtin(
        "NotImplementedType", &notimplemented_slots, PYL_PLAIN, NULL, 0);
    pytype_ellipsis =
        pytype_new_builtin("ellipsis", &ellipsis_slots, PYL_PLAIN, NULL, 0);
}

/* in the setup transaction */
void pyabstract_setup_objects(void)
{
    py_None = pyval_from_obj(
        pyrt_new_immortal(sizeof(struct pyobj_s), PYL_PLAIN, pytype_none));
    py_NotImplemented = pyval_from_obj(pyrt_new_immortal(
        sizeof(struct pyobj_s), PYL_PLAIN, pytype_notimplemented));
    py_Ellipsis = pyval_from_obj(
        pyrt_new_immortal(sizeof(struct pyobj_s), PYL_PLAIN, pytype_ellipsis));
    for (int i = 0; i < 2; i++) {
        PyIntBox *b = (PyIntBox *)pyrt_new_immortal(sizeof(struct pyintbox_s),
                                                    PYL_INTBOX, pytype_bool);
        b->value = pyval_from_int(i);
        if (i)
            py_True = pyval_from_obj((PyObj *)b);
        else
            py_False = pyval_from_obj((PyObj *)b);
    }
}
