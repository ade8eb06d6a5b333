/* builtinsmodule.c -- the builtins namespace: the built-in functions and
 * the names of the built-in types, constants and exceptions.
 */
#include "../objects/abstract.h"
#include "../objects/bytesobject.h"
#include "../objects/memoryobject.h"
#include "../objects/classobject.h"
#include "../objects/codeobject.h"
#include "../objects/complexobject.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/fileobject.h"
#include "../objects/floatobject.h"
#include "../objects/funcobject.h"
#include "../objects/intobject.h"
#include "../objects/iterobject.h"
#include "../objects/listobject.h"
#include "../objects/rangeobject.h"
#include "../objects/setobject.h"
#include "../objects/sliceobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../vm/vm.h"
#include "../objects/metaclass.h"
#include "builtins_exec.h"
#include "modules.h"

#include <stdio.h>
#include <string.h>

static int64_t nkw_of(PyObj *kwnames)
{
    return kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
}

/* where the keyword argument 'name' is in args[] (nargs + i), or -1;
   kwnames is read before anything allocates, args[] stays rooted */
static ssize_t keyword_index(size_t nargs, PyObj *kwnames, const char *name)
{
    int64_t n = nkw_of(kwnames);
    for (int64_t i = 0; i < n; i++) {
        pyval k = pytuple_get(pyval_from_obj(kwnames), i);
        if (strcmp(pystr_utf8(k), name) == 0)
            return (ssize_t)(nargs + (size_t)i);
    }
    return -1;
}

#define ARG_AT(i) ((i) >= 0 ? args[(i)] : 0)

/* the keyword argument 'name' of a call, or 0 (before any allocation:
   kwnames may move) */
static pyval keyword(const pyval *args, size_t nargs, PyObj *kwnames,
                     const char *name)
{
    int64_t n = nkw_of(kwnames);
    for (int64_t i = 0; i < n; i++) {
        pyval k = pytuple_get(pyval_from_obj(kwnames), i);
        if (strcmp(pystr_utf8(k), name) == 0)
            return args[nargs + (size_t)i];
    }
    return 0;
}

static int check_keywords(const char *fname, PyObj *kwnames,
                          const char *const allowed[])
{
    int64_t n = nkw_of(kwnames);
    for (int64_t i = 0; i < n; i++) {
        pyval k = pytuple_get(pyval_from_obj(kwnames), i);
        bool ok = false;
        for (int j = 0; allowed[j] && !ok; j++)
            ok = strcmp(pystr_utf8(k), allowed[j]) == 0;
        if (!ok) {
            pyerr_format(pyexc_TypeError,
                         "'%U' is an invalid keyword argument for %s()", k,
                         fname);
            return -1;
        }
    }
    return 0;
}

/* the text of a str argument, or TypeError */
static int text_arg(pyval v, const char *fname, const char *what)
{
    if (v != 0 && v != py_None &&
        !(pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR)) {
        pyerr_format(pyexc_TypeError, "%s must be None or a string, not %T",
                     what, v);
        return -1;
    }
    (void)fname;
    return 0;
}

static pyval builtin_print(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    static const char *const allowed[] = {"sep", "end", "file", "flush", NULL};
    if (check_keywords("print", kwnames, allowed) < 0)
        return 0;
    ssize_t sep_i = keyword_index(nargs, kwnames, "sep");
    ssize_t end_i = keyword_index(nargs, kwnames, "end");
    ssize_t file_i = keyword_index(nargs, kwnames, "file");
    ssize_t flush_i = keyword_index(nargs, kwnames, "flush");
    if (text_arg(ARG_AT(sep_i), "print", "sep") < 0 ||
        text_arg(ARG_AT(end_i), "print", "end") < 0)
        return 0;
    /* the output goes through the file object (fileobject.c) */
    return pyfile_print(args, nargs, sep_i, end_i, file_i, flush_i);
}

static pyval builtin_len(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("len", kwnames) < 0 ||
        pyarg_count("len", nargs, 1, 1) < 0)
        return 0;
    int64_t n = pyobj_len(args[0]);
    return n < 0 ? 0 : pyint_from_int64(n);
}

static pyval builtin_repr(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("repr", kwnames) < 0 ||
        pyarg_count("repr", nargs, 1, 1) < 0)
        return 0;
    return pyobj_repr(args[0]);
}

static pyval builtin_abs(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("abs", kwnames) < 0 ||
        pyarg_count("abs", nargs, 1, 1) < 0)
        return 0;
    return pynum_abs(args[0]);
}

/* a metaclass's __instancecheck__ or __subclasscheck__ (abc.ABCMeta's):
   1 with its answer in *answer, 0 when the class's metaclass is type or
   has no such method, -1 on error */
static int metaclass_check(pyval cls, const char *hook, pyval arg, int *answer)
{
    if (pyval_type(cls) == pytype_type)
        return 0;
    bool found;
    pyval r = pyobj_call_dunder(cls, hook, &arg, 1, &found);
    if (!found)
        return pyerr_occurred() ? -1 : 0;
    if (r == 0)
        return -1;
    int t = pyobj_truth(r);
    if (t < 0)
        return -1;
    *answer = t;
    return 1;
}

static int is_instance(pyval v, pyval cls)
{
    if (pyval_is_obj(cls) && pyval_obj(cls)->layout == PYL_TYPE) {
        if (pyval_type(v) == (PyType *)pyval_obj(cls))
            return 1;
        int answer;
        PY_PUSHV(v);
        PY_PUSHV(cls);
        int hooked = metaclass_check(cls, "__instancecheck__", v, &answer);
        PY_POPV(cls);
        PY_POPV(v);
        if (hooked != 0)
            return hooked < 0 ? -1 : answer;
        return pytype_is_subtype(pyval_type(v), (PyType *)pyval_obj(cls));
    }
    if (pyval_is_obj(cls) && pyval_obj(cls)->layout == PYL_TUPLE) {
        /* the checks may run Python code: v and the tuple move */
        struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
        PY_PUSHV(v);
        PY_PUSHV(cls);
        int r = 0;
        for (int64_t i = 0; r == 0 && i < pytuple_size((pyval)saved[1].ss); i++)
            r = is_instance((pyval)saved[0].ss,
                            pytuple_get((pyval)saved[1].ss, i));
        pyrt_tl.shadowstack = saved;
        return r;
    }
    pyerr_format(pyexc_TypeError,
                 "isinstance() arg 2 must be a type, a tuple of types, or a "
                 "union");
    return -1;
}

static pyval builtin_isinstance(pyval self, const pyval *args, size_t nargs,
                                PyObj *kwnames)
{
    if (pyarg_no_keywords("isinstance", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "isinstance expected 2 arguments, got %d",
                            (int)nargs);
    int r = is_instance(args[0], args[1]);
    return r < 0 ? 0 : pybool(r);
}

static pyval builtin_hash(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("hash", kwnames) < 0 ||
        pyarg_count("hash", nargs, 1, 1) < 0)
        return 0;
    int64_t h;
    if (pyobj_hash(args[0], &h) < 0)
        return 0;
    return pyint_from_int64(h);
}

static pyval builtin_id(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("id", kwnames) < 0 ||
        pyarg_count("id", nargs, 1, 1) < 0)
        return 0;
    if (pyval_is_int(args[0]))
        return pyint_from_int64((int64_t)args[0]);
    return pyint_from_int64(stm_id((object_t *)args[0]));
}

static pyval builtin_next(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("next", kwnames) < 0 ||
        pyarg_count("next", nargs, 1, 2) < 0)
        return 0;
    if (pyval_type(args[0])->slots->iternext == NULL)
        return pyerr_format(pyexc_TypeError, "'%T' object is not an iterator",
                            args[0]);
    bool is_class_next;
    pyval v = pyclass_next_keeping_stop(args[0], &is_class_next);
    if (is_class_next) {
        /* StopIteration(value) reaches the caller as raised */
        if (v == 0 && nargs == 2 && pyerr_matches(pyexc_StopIteration)) {
            pyerr_clear();
            return args[1];
        }
        return v;
    }
    v = pyiter_next(args[0]);
    if (v == 0 && !pyerr_occurred()) {
        if (nargs == 2)
            return args[1];
        pyerr_set_none(pyexc_StopIteration);
    }
    return v;
}

static pyval builtin_chr(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("chr", kwnames) < 0 ||
        pyarg_count("chr", nargs, 1, 1) < 0)
        return 0;
    pyval v = pynum_index(args[0]);
    if (v == 0)
        return 0;
    int64_t cp;
    if (pyint_as_int64(v, &cp) < 0 || cp < 0 || cp > 0x10FFFF) {
        pyerr_clear();
        return pyerr_format(pyexc_ValueError,
                            "chr() arg not in range(0x110000)");
    }
    return pystr_from_codepoint((uint32_t)cp);
}

static pyval builtin_ord(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("ord", kwnames) < 0 ||
        pyarg_count("ord", nargs, 1, 1) < 0)
        return 0;
    pyval s = args[0];
    struct pybuf b;
    if (pybytes_or_bytearray(s) && pybuf_get(s, &b)) { /* one byte */
        if (b.n != 1)
            return pyerr_format(pyexc_TypeError,
                                "ord() expected a character, but string of "
                                "length %ld found",
                                (long)b.n);
        return pyval_from_int(b.p[0]);
    }
    if (!pyval_is_obj(s) || pyval_obj(s)->layout != PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "ord() expected string of length 1, but %T found",
                            s);
    if (pystr_length(s) != 1)
        return pyerr_format(pyexc_TypeError,
                            "ord() expected a character, but string of length "
                            "%ld found",
                            (long)pystr_length(s));
    return pyval_from_int(pystr_char_at(s, 0));
}

/* min() and max(): an iterable or several arguments, key=, default= */
static pyval min_max(const pyval *args, size_t nargs, PyObj *kwnames,
                     enum pycmpop op, const char *name)
{
    static const char *const allowed[] = {"key", "default", NULL};
    if (check_keywords(name, kwnames, allowed) < 0)
        return 0;
    if (nargs == 0)
        return pyerr_format(pyexc_TypeError,
                            "%s expected at least 1 argument, got 0", name);
    ssize_t dflt_i = keyword_index(nargs, kwnames, "default");
    ssize_t key_i = keyword_index(nargs, kwnames, "key");
    pyval dflt = ARG_AT(dflt_i);
#define KEY() (ARG_AT(key_i) == py_None ? 0 : ARG_AT(key_i))
    if (nargs > 1 && dflt != 0)
        return pyerr_format(pyexc_TypeError,
                            "Cannot specify a default for %s() with multiple "
                            "positional arguments",
                            name);
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    pyval it = nargs == 1 ? pyobj_iter(args[0]) : 0;
    if (nargs == 1 && it == 0)
        return 0;
    /* rooted: [it, best, best_key] */
    PY_PUSHV(it);
    PY_PUSHV(0);
    PY_PUSHV(0);
    pyval *slot = (pyval *)saved;
    for (size_t i = 0;; i++) {
        pyval item;
        if (nargs == 1) {
            item = pyiter_next(slot[0]);
            if (item == 0) {
                if (pyerr_occurred())
                    goto fail;
                break;
            }
        } else {
            if (i >= nargs)
                break;
            item = args[i];
        }
        PY_PUSHV(item);
        pyval k = item;
        if (KEY()) {
            k = pyobj_call(KEY(), (pyval *)pyrt_tl.shadowstack - 1, 1, NULL);
            if (k == 0)
                goto fail;
        }
        item = (pyval)pyrt_tl.shadowstack[-1].ss;
        PY_DROP();
        if (slot[1] == 0) {
            slot[1] = item;
            slot[2] = k;
            continue;
        }
        PY_PUSHV(item);
        PY_PUSHV(k);
        pyval r = pyobj_richcompare(k, slot[2], op);
        PY_POPV(k);
        PY_POPV(item);
        if (r == 0)
            goto fail;
        int t = pyobj_truth(r);
        if (t < 0)
            goto fail;
        if (t) {
            slot[1] = item;
            slot[2] = k;
        }
    }
    pyval best = slot[1];
    pyrt_tl.shadowstack = saved;
    if (best == 0) {
        if (dflt_i >= 0)
            return args[dflt_i];
        return pyerr_format(pyexc_ValueError, "%s() arg is an empty sequence",
                            name);
    }
    return best;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
#undef KEY
}

static pyval builtin_min(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return min_max(args, nargs, kwnames, PYCMP_LT, "min");
}

static pyval builtin_max(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return min_max(args, nargs, kwnames, PYCMP_GT, "max");
}

static pyval builtin_sum(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    static const char *const allowed[] = {"start", NULL};
    if (check_keywords("sum", kwnames, allowed) < 0 ||
        pyarg_count("sum", nargs, 1, 2) < 0)
        return 0;
    pyval start = nargs == 2 ? args[1] : keyword(args, nargs, kwnames, "start");
    if (start == 0)
        start = pyval_from_int(0);
    if (pyval_is_obj(start) && pyval_obj(start)->layout == PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "sum() can't sum strings [use ''.join(seq) "
                            "instead]");
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(start);
    pyval it = pyobj_iter(args[0]);
    if (it == 0)
        goto fail;
    PY_PUSHV(it);
    pyval *slot = (pyval *)saved; /* [total, it] */
    for (;;) {
        pyval item = pyiter_next(slot[1]);
        if (item == 0) {
            if (pyerr_occurred())
                goto fail;
            break;
        }
        pyval total = pynum_binop(slot[0], item, PYOP_ADD);
        if (total == 0)
            goto fail;
        slot[0] = total;
    }
    pyval total = slot[0];
    pyrt_tl.shadowstack = saved;
    return total;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

static pyval builtin_callable(pyval self, const pyval *args, size_t nargs,
                              PyObj *kwnames)
{
    if (pyarg_no_keywords("callable", kwnames) < 0 ||
        pyarg_count("callable", nargs, 1, 1) < 0)
        return 0;
    return pybool(pyval_type(args[0])->slots->call != NULL);
}

static pyval builtin_getattr(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("getattr", kwnames) < 0)
        return 0;
    if (nargs < 2 || nargs > 3)
        return pyerr_format(pyexc_TypeError,
                            "getattr expected %s 2 arguments, got %d",
                            nargs < 2 ? "at least" : "at most", (int)nargs);
    if (!pyval_is_obj(args[1]) || pyval_obj(args[1])->layout != PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "attribute name must be string, not '%T'", args[1]);
    pyval name = pystr_intern(args[1]);
    pyval v = pyobj_getattr(args[0], name);
    if (v == 0 && nargs == 3 && pyerr_matches(pyexc_AttributeError)) {
        pyerr_clear();
        return args[2];
    }
    return v;
}

static pyval builtin_hasattr(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("hasattr", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "hasattr expected 2 arguments, got %d", (int)nargs);
    pyval name = pystr_intern(args[1]);
    pyval v = pyobj_getattr(args[0], name);
    if (v == 0) {
        if (!pyerr_matches(pyexc_AttributeError))
            return 0;
        pyerr_clear();
        return py_False;
    }
    return py_True;
}

static pyval builtin_build_class(pyval self, const pyval *args, size_t nargs,
                                 PyObj *kwnames)
{
    return pymeta_build_class(args, nargs, kwnames);
}

/* super() without arguments: the __class__ cell and the first argument
   of the calling function's frame */
static pyval builtin_super(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("super", kwnames) < 0)
        return 0;
    if (nargs == 2)
        return pyobj_call(pyval_from_obj((PyObj *)pytype_super), args, 2, NULL);
    if (nargs != 0)
        return pyerr_format(pyexc_TypeError, "super() takes 0 or 2 arguments");
    PyFrame *f = pyvm_current_frame();
    if (f == NULL)
        return pyerr_format(pyexc_RuntimeError, "super(): no current frame");
    PyCode *code = (PyCode *)pyval_obj(f->code);
    if (code->argcount == 0)
        return pyerr_format(pyexc_RuntimeError, "super(): no arguments");
    pyval first = f->slot[0];
    int64_t ncells = pytuple_size(code->cellvars);
    /* self may itself live in a cell */
    for (int64_t i = 0; i < ncells; i++) {
        if (pytuple_get(code->cellvars, i) == pytuple_get(code->varnames, 0))
            first = ((PyCell *)pyval_obj(f->slot[code->nlocals + i]))->value;
    }
    pyval cls = 0;
    int64_t nfree = pytuple_size(code->freevars);
    for (int64_t i = 0; i < nfree; i++) {
        if (strcmp(pystr_utf8(pytuple_get(code->freevars, i)), "__class__") ==
            0) {
            PyCell *cell =
                (PyCell *)pyval_obj(f->slot[code->nlocals + ncells + i]);
            cls = cell->value;
        }
    }
    if (cls == 0)
        return pyerr_format(pyexc_RuntimeError,
                            "super(): __class__ cell not found");
    if (first == 0)
        return pyerr_format(pyexc_RuntimeError, "super(): arg[0] deleted");
    pyval pair[2] = {cls, first};
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(pair[0]);
    PY_PUSHV(pair[1]);
    pyval r = pyobj_call(pyval_from_obj((PyObj *)pytype_super), (pyval *)saved,
                         2, NULL);
    pyrt_tl.shadowstack = saved;
    return r;
}

static pyval builtin_format(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    if (pyarg_no_keywords("format", kwnames) < 0 ||
        pyarg_count("format", nargs, 1, 2) < 0)
        return 0;
    pyval spec = nargs == 2 ? args[1] : pystr_from_utf8("", 0);
    if (!pyval_is_obj(spec) || pyval_obj(spec)->layout != PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "format() argument 2 must be str, not %T", spec);
    return pyobj_format(args[0], spec);
}

static pyval builtin_ascii(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("ascii", kwnames) < 0 ||
        pyarg_count("ascii", nargs, 1, 1) < 0)
        return 0;
    return pystr_ascii_of(args[0]);
}

static pyval builtin_sorted(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    static const char *const allowed[] = {"key", "reverse", NULL};
    if (check_keywords("sorted", kwnames, allowed) < 0)
        return 0;
    if (nargs != 1)
        return pyerr_format(pyexc_TypeError,
                            "sorted expected 1 argument, got %d", (int)nargs);
    ssize_t key_i = keyword_index(nargs, kwnames, "key");
    ssize_t rev_i = keyword_index(nargs, kwnames, "reverse");
    pyval l = pylist_from_iterable(args[0]);
    if (l == 0)
        return 0;
    PY_PUSHV(l);
    int reverse = rev_i >= 0 ? pyobj_truth(args[rev_i]) : 0;
    PY_POPV(l);
    if (reverse < 0)
        return 0;
    PY_PUSHV(l);
    pyval key = ARG_AT(key_i);
    int r = pylist_sort(l, key == py_None ? 0 : key, reverse);
    PY_POPV(l);
    return r < 0 ? 0 : l;
}

/* any() and all(): the first item whose truth is 'stop' */
static pyval any_all(const pyval *args, size_t nargs, PyObj *kwnames,
                     const char *name, bool stop)
{
    if (pyarg_no_keywords(name, kwnames) < 0 ||
        pyarg_count(name, nargs, 1, 1) < 0)
        return 0;
    pyval it = pyobj_iter(args[0]);
    if (it == 0)
        return 0;
    for (;;) {
        PY_PUSHV(it);
        pyval x = pyiter_next(it);
        if (x == 0) {
            PY_DROP();
            return pyerr_occurred() ? 0 : pybool(!stop);
        }
        int t = pyobj_truth(x);
        PY_POPV(it);
        if (t < 0)
            return 0;
        if ((bool)t == stop)
            return pybool(stop);
    }
}

static pyval builtin_any(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return any_all(args, nargs, kwnames, "any", true);
}

static pyval builtin_all(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return any_all(args, nargs, kwnames, "all", false);
}

static pyval builtin_divmod(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    if (pyarg_no_keywords("divmod", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "divmod expected 2 arguments, got %d", (int)nargs);
    pyval q = pynum_binop(args[0], args[1], PYOP_FLOORDIV);
    if (q == 0) {
        if (pyerr_matches(pyexc_TypeError)) {
            pyerr_clear();
            pyerr_format(pyexc_TypeError,
                         "unsupported operand type(s) for divmod(): '%T' and "
                         "'%T'",
                         args[0], args[1]);
        }
        return 0;
    }
    PY_PUSHV(q);
    pyval r = pynum_binop(args[0], args[1], PYOP_MOD);
    PY_POPV(q);
    return r == 0 ? 0 : pytuple_pack(2, q, r);
}

static pyval builtin_pow(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("pow", kwnames) < 0 ||
        pyarg_count("pow", nargs, 2, 3) < 0)
        return 0;
    if (nargs == 3 && args[2] != py_None &&
        (pycomplex_check(args[0]) || pycomplex_check(args[1])))
        return pyerr_format(pyexc_ValueError, "complex modulo");
    if (nargs == 3 && args[2] != py_None)
        return pyint_powmod(args[0], args[1], args[2]);
    return pynum_binop(args[0], args[1], PYOP_POW);
}

static pyval builtin_round(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    static const char *const allowed[] = {"number", "ndigits", NULL};
    if (check_keywords("round", kwnames, allowed) < 0 ||
        pyarg_count("round", nargs, 1, 2) < 0)
        return 0;
    pyval nd = nargs == 2 ? args[1] : keyword(args, nargs, kwnames, "ndigits");
    bool found;
    pyval r = nd != 0 && nd != py_None
                  ? pyobj_call_dunder(args[0], "__round__", &nd, 1, &found)
                  : pyobj_call_dunder(args[0], "__round__", NULL, 0, &found);
    if (!found && !pyerr_occurred())
        return pyerr_format(pyexc_TypeError,
                            "type %T doesn't define __round__ method", args[0]);
    return r;
}

static pyval int_text(const pyval *args, size_t nargs, PyObj *kwnames,
                      const char *name, int base)
{
    if (pyarg_no_keywords(name, kwnames) < 0 ||
        pyarg_count(name, nargs, 1, 1) < 0)
        return 0;
    pyval v = pynum_index(args[0]);
    if (v == 0)
        return 0;
    return pyint_to_base(v, base, true);
}

static pyval builtin_bin(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return int_text(args, nargs, kwnames, "bin", 2);
}

static pyval builtin_oct(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return int_text(args, nargs, kwnames, "oct", 8);
}

static pyval builtin_hex(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    return int_text(args, nargs, kwnames, "hex", 16);
}

static int is_subclass(pyval sub, pyval cls)
{
    if (pyval_is_obj(cls) && pyval_obj(cls)->layout == PYL_TUPLE) {
        struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
        PY_PUSHV(sub);
        PY_PUSHV(cls);
        int r = 0;
        for (int64_t i = 0; r == 0 && i < pytuple_size((pyval)saved[1].ss); i++)
            r = is_subclass((pyval)saved[0].ss,
                            pytuple_get((pyval)saved[1].ss, i));
        pyrt_tl.shadowstack = saved;
        return r;
    }
    if (!pyval_is_obj(cls) || pyval_obj(cls)->layout != PYL_TYPE) {
        pyerr_format(pyexc_TypeError,
                     "issubclass() arg 2 must be a class, a tuple of classes, "
                     "or a union");
        return -1;
    }
    int answer;
    PY_PUSHV(sub);
    PY_PUSHV(cls);
    int hooked = metaclass_check(cls, "__subclasscheck__", sub, &answer);
    PY_POPV(cls);
    PY_POPV(sub);
    if (hooked != 0)
        return hooked < 0 ? -1 : answer;
    return pytype_is_subtype((PyType *)pyval_obj(sub),
                             (PyType *)pyval_obj(cls));
}

static pyval builtin_issubclass(pyval self, const pyval *args, size_t nargs,
                                PyObj *kwnames)
{
    if (pyarg_no_keywords("issubclass", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "issubclass expected 2 arguments, got %d",
                            (int)nargs);
    if (!pyval_is_obj(args[0]) || pyval_obj(args[0])->layout != PYL_TYPE)
        return pyerr_format(pyexc_TypeError,
                            "issubclass() arg 1 must be a class");
    int r = is_subclass(args[0], args[1]);
    return r < 0 ? 0 : pybool(r);
}

static pyval builtin_globals(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_count("globals", nargs, 0, 0) < 0)
        return 0;
    PyFrame *f = pyvm_current_frame();
    return f ? f->globals : py_None;
}

static pyval builtin_iter2(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("iter", kwnames) < 0 ||
        pyarg_count("iter", nargs, 1, 2) < 0)
        return 0;
    if (nargs == 2) {
        if (pyval_type(args[0])->slots->call == NULL)
            return pyerr_format(pyexc_TypeError,
                                "iter(v, w): v must be callable");
        return pyiter_callable(args[0], args[1]);
    }
    return pyobj_iter(args[0]);
}

static const struct pymethod_def builtin_functions[] = {
    {"all", builtin_all, 0, NULL},
    {"any", builtin_any, 0, NULL},
    {"bin", builtin_bin, 0, NULL},
    {"divmod", builtin_divmod, 0, NULL},
    {"globals", builtin_globals, 0, NULL},
    {"hex", builtin_hex, 0, NULL},
    {"issubclass", builtin_issubclass, 0, NULL},
    {"oct", builtin_oct, 0, NULL},
    {"pow", builtin_pow, 0, NULL},
    {"round", builtin_round, 0, NULL},
    {"sorted", builtin_sorted, 0, NULL},
    {"ascii", builtin_ascii, 0, NULL},
    {"format", builtin_format, 0, NULL},
    {"__build_class__", builtin_build_class, 0, NULL},
    {"abs", builtin_abs, 0, NULL},
    {"callable", builtin_callable, 0, NULL},
    {"chr", builtin_chr, 0, NULL},
    {"getattr", builtin_getattr, 0, NULL},
    {"hasattr", builtin_hasattr, 0, NULL},
    {"hash", builtin_hash, 0, NULL},
    {"id", builtin_id, 0, NULL},
    {"isinstance", builtin_isinstance, 0, NULL},
    {"iter", builtin_iter2, 0, NULL},
    {"len", builtin_len, 0, NULL},
    {"max", builtin_max, 0, NULL},
    {"min", builtin_min, 0, NULL},
    {"next", builtin_next, 0, NULL},
    {"ord", builtin_ord, 0, NULL},
    {"print", builtin_print, 0, NULL},
    {"open", pyfile_open, 0, NULL},
    {"repr", builtin_repr, 0, NULL},
    {"sum", builtin_sum, 0, NULL},
    {"super", builtin_super, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* dictp: a shadow stack slot (the dict may move) */
static void put(pyval *dictp, const char *name, pyval value)
{
    PY_PUSHV(value);
    pyval key = pystr_intern_utf8(name, strlen(name));
    PY_POPV(value);
    pydict_set(*dictp, key, value);
}

/* In a transaction: the builtins dict (kept by the caller as a root). */
pyval pymod_builtins_dict(void)
{
    pyval d = pydict_new();
    PY_PUSHV(d);
    pyval *dp = (pyval *)pyrt_tl.shadowstack - 1;
    for (const struct pymethod_def *m = builtin_functions; m->name; m++) {
        pyval fn = pybuiltin_new(m, 0);
        put(dp, m->name, fn);
    }
    for (const struct pymethod_def *m = pybuiltins_exec_functions; m->name;
         m++) {
        pyval fn = pybuiltin_new(m, 0);
        put(dp, m->name, fn);
    }
    for (const struct pymethod_def *m = pybuiltins_async_functions; m->name;
         m++) {
        pyval fn = pybuiltin_new(m, 0);
        put(dp, m->name, fn);
    }
    struct {
        const char *name;
        PyType **type;
    } types[] = {
        {"object", &pytype_object},
        {"type", &pytype_type},
        {"int", &pytype_int},
        {"bool", &pytype_bool},
        {"float", &pytype_float},
        {"complex", &pytype_complex},
        {"str", &pytype_str},
        {"tuple", &pytype_tuple},
        {"list", &pytype_list},
        {"dict", &pytype_dict},
        {"set", &pytype_set},
        {"frozenset", &pytype_frozenset},
        {"range", &pytype_range},
        {"slice", &pytype_slice},
        {"property", &pytype_property},
        {"staticmethod", &pytype_staticmethod},
        {"classmethod", &pytype_classmethod},
        {"enumerate", &pytype_enumerate},
        {"zip", &pytype_zip},
        {"map", &pytype_map},
        {"filter", &pytype_filter},
        {"reversed", &pytype_reversed},
        {"bytes", &pytype_bytes},
        {"bytearray", &pytype_bytearray},
        {"memoryview", &pytype_memoryview},
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        put(dp, types[i].name, pyval_from_obj((PyObj *)*types[i].type));
#define PYEXC_PUT_(name, base) \
    put(dp, #name, pyval_from_obj((PyObj *)pyexc_##name));
    PYEXC_TYPES(PYEXC_PUT_)
#undef PYEXC_PUT_
    /* OSError's old names */
    put(dp, "IOError", pyval_from_obj((PyObj *)pyexc_OSError));
    put(dp, "EnvironmentError", pyval_from_obj((PyObj *)pyexc_OSError));
    put(dp, "None", py_None);
    put(dp, "__debug__", py_True);
    put(dp, "__name__", pystr_from_cstr("builtins"));
    put(dp, "True", py_True);
    put(dp, "False", py_False);
    put(dp, "Ellipsis", py_Ellipsis);
    put(dp, "NotImplemented", py_NotImplemented);
    PY_POPV(d);
    return d;
}
