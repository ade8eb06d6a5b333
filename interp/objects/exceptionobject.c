/* exceptionobject.c -- exception instances and the built-in exception
 * types (the behaviour of their methods: exceptionmethods.c).
 */
#include "exceptionobject.h"
#include "exceptionattrs.h"

#include "../runtime/errors.h"
#include "oserror.h"
#include "abstract.h"
#include "bytesobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "classobject.h"
#include "codeobject.h"
#include "listobject.h"
#include "dictobject.h"
#include "typeobject.h"
#include "../vm/frame.h"
#include "../runtime/runtime.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#define PYEXC_DEFINE_(name, base) PyType *pyexc_##name;
PYEXC_TYPES(PYEXC_DEFINE_)
#undef PYEXC_DEFINE_

size_t pyexc_gc_size(struct pyobj_s *o)
{
    return sizeof(struct pyexc_s);
}

void pyexc_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyexc_s *e = (struct pyexc_s *)o;
    pyval_visit(&e->args, visit);
    pyval_visit(&e->traceback, visit);
    pyval_visit(&e->cause, visit);
    pyval_visit(&e->context, visit);
    pyval_visit(&e->dict, visit);
}

pyval pyexc_new(PyType *type, pyval args)
{
    PY_PUSHV(args);
    PyExc *e =
        (PyExc *)pyobj_alloc(sizeof(struct pyexc_s), PYL_EXCEPTION, type);
    PY_POPV(args);
    e->args = args;
    e->traceback = 0;
    e->cause = 0;
    e->context = 0;
    e->dict = 0;
    e->suppress_context = 0;
    return pyval_from_obj((PyObj *)e);
}

static pyval exc_new(PyType *type, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (kwnames && pytuple_size(pyval_from_obj(kwnames)) > 0)
        return pyerr_format(pyexc_TypeError, "%s() takes no keyword arguments",
                            pytype_name(type));
    type = pyoserror_new_type(type, args, nargs);
    pyval t = pytuple_from_array(args, (int64_t)nargs);
    pyval exc = t ? pyexc_new(type, t) : 0;
    if (exc != 0 && pytype_is_subtype(pyval_type(exc), pyexc_OSError)) {
        PY_PUSHV(exc);
        int r = pyoserror_init(exc, args, nargs);
        PY_POPV(exc);
        if (r < 0)
            return 0;
    }
    return exc;
}

/* str(e): '' without arguments, str(arg) with one, str(args) else;
   KeyError shows its one argument's repr */
static pyval exc_str(pyval self)
{
    if (pytype_is_subtype(pyval_type(self), pyexc_OSError)) {
        PY_PUSHV(self);
        pyval s = pyoserror_str(self);
        PY_POPV(self);
        if (s != py_None)
            return s;
    }
    pyval args = ((PyExc *)pyval_obj(self))->args;
    int64_t n = pytuple_size(args);
    if (n == 0)
        return pystr_from_utf8("", 0);
    if (n == 5 && pytype_is_subtype(pyval_type(self), pyexc_UnicodeError)) {
        pyval s = pycodec_error_str(self);
        if (s != 0 || pyerr_occurred() != 0)
            return s;
    }
    if (n == 1) {
        pyval a = pytuple_get(args, 0);
        if (pytype_is_subtype(pyval_type(self), pyexc_KeyError))
            return pyobj_repr(a);
        return pyobj_str(a);
    }
    return pyobj_str(args);
}

/* ValueError('x') */
static pyval exc_repr(pyval self)
{
    PY_PUSHV(self);
    pyval args = ((PyExc *)pyval_obj(self))->args;
    pyval inner = pytuple_size(args) == 1 ? pyobj_repr(pytuple_get(args, 0))
                                          : pyobj_repr(args);
    PY_POPV(self);
    if (inner == 0)
        return 0;
    const char *name = pytype_name(pyval_type(self));
    const char *text = pystr_utf8(inner);
    size_t n = strlen(name), m = (size_t)pystr_nbytes(inner);
    if (pytuple_size(((PyExc *)pyval_obj(self))->args) == 1) {
        char buf[4096];
        if (n + m + 3 < sizeof(buf)) {
            memcpy(buf, name, n);
            buf[n] = '(';
            memcpy(buf + n + 1, text, m);
            buf[n + 1 + m] = ')';
            return pystr_from_utf8(buf, n + m + 2);
        }
    }
    char buf[4096];
    if (n + m + 1 < sizeof(buf)) {
        memcpy(buf, name, n);
        memcpy(buf + n, text, m);
        return pystr_from_utf8(buf, n + m);
    }
    return pyerr_no_memory();
}

/* BaseException.__init__(self, *args): args replaced */
static int exc_init(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    PY_PUSHV(self);
    pyval t = pytuple_from_array(args, (int64_t)nargs);
    PY_POPV(self);
    if (t == 0)
        return -1;
    PyExc *e = (PyExc *)pyval_obj(self);
    pyobj_write((PyObj *)e);
    e->args = t;
    return pyoserror_init(self, args, nargs);
}

static pyval get_args(pyval self)
{
    return ((PyExc *)pyval_obj(self))->args;
}

static int set_args(pyval self, pyval value)
{
    if (value == 0) {
        pyerr_format(pyexc_TypeError, "args may not be deleted");
        return -1;
    }
    PY_PUSHV(self);
    pyval l = pylist_from_iterable(value);
    pyval t = l ? pylist_as_tuple(l) : 0;
    PY_POPV(self);
    if (t == 0)
        return -1;
    PyExc *e = (PyExc *)pyval_obj(self);
    pyobj_write((PyObj *)e);
    e->args = t;
    return 0;
}

#define EXC_FIELD(NAME, FIELD)                       \
    static pyval get_##NAME(pyval self)              \
    {                                                \
        pyval v = ((PyExc *)pyval_obj(self))->FIELD; \
        return v ? v : py_None;                      \
    }                                                \
    static int set_##NAME(pyval self, pyval value)   \
    {                                                \
        PyExc *e = (PyExc *)pyval_obj(self);         \
        pyobj_write((PyObj *)e);                     \
        e->FIELD = value == py_None ? 0 : value;     \
        return 0;                                    \
    }
EXC_FIELD(traceback, traceback)
EXC_FIELD(context, context)

static pyval get_cause(pyval self)
{
    pyval v = ((PyExc *)pyval_obj(self))->cause;
    return v ? v : py_None;
}

/* setting __cause__ also sets __suppress_context__ */
static int set_cause(pyval self, pyval value)
{
    PyExc *e = (PyExc *)pyval_obj(self);
    pyobj_write((PyObj *)e);
    e->cause = value == py_None ? 0 : value;
    e->suppress_context = 1;
    return 0;
}

static pyval get_suppress(pyval self)
{
    return pybool(((PyExc *)pyval_obj(self))->suppress_context);
}

static int set_suppress(pyval self, pyval value)
{
    int t = pyobj_truth(value);
    if (t < 0)
        return -1;
    PyExc *e = (PyExc *)pyval_obj(self);
    pyobj_write((PyObj *)e);
    e->suppress_context = t;
    return 0;
}

static const struct pygetset_def exc_getset[] = {
    {"args", get_args, set_args},
    {"__traceback__", get_traceback, set_traceback},
    {"__cause__", get_cause, set_cause},
    {"__context__", get_context, set_context},
    {"__suppress_context__", get_suppress, set_suppress},
    {NULL, NULL, NULL},
};

static pyval exc_getattr(pyval self, PyObj *name)
{
    if (pytype_is_subtype(pyval_type(self), pyexc_UnicodeError)) {
        pyval v = pycodec_error_attr(self, pyval_from_obj(name));
        if (v != 0)
            return v;
    }
    return pyobj_getattr_with_dict(self, pyval_from_obj(name));
}

static int exc_setattr(pyval self, PyObj *name, pyval value)
{
    return pyobj_setattr_with_dict(self, pyval_from_obj(name), value);
}

static const struct pytype_slots exc_slots = {
    .getset = exc_getset,
    .getattr = exc_getattr,
    .setattr = exc_setattr,
    .init = exc_init,
    .new_ = exc_new,
    .str = exc_str,
    .repr = exc_repr,
};

void pyexc_setup_types(void)
{
    pytype_traceback = pytype_new_builtin("traceback", &pytraceback_slots,
                                          PYL_TRACEBACK, NULL, 0);
/* BaseException's base is named 'object' in the table */
#define pyexc_object pytype_object
#define PYEXC_MAKE_(name, base)                                            \
    pyexc_##name =                                                         \
        pytype_new_builtin(#name, &exc_slots, PYL_EXCEPTION, pyexc_##base, \
                           PYTYPE_BASETYPE | PYTYPE_EXC_SUB);
    PYEXC_TYPES(PYEXC_MAKE_)
#undef PYEXC_MAKE_
#undef pyexc_object
    pyexc_setup_attrs(&exc_slots);
}

/* ------------------------------------------------------------ tracebacks */

PyType *pytype_traceback;

void pytraceback_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pytraceback_s *tb = (struct pytraceback_s *)o;
    pyval_visit(&tb->next, visit);
    pyval_visit(&tb->frame, visit);
}

static int64_t line_of(pyval frame, int64_t lasti)
{
    PyFrame *f = (PyFrame *)pyval_obj(frame);
    PyCode *code = (PyCode *)pyval_obj(f->code);
    if (lasti < 0 || lasti >= code->ninstr)
        return code->firstlineno;
    return pycode_line_at(code, lasti);
}

int pyexc_add_traceback(pyval exc, pyval frame, int64_t lasti)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(exc);
    PY_PUSHV(frame);
    PyTraceback *tb = (PyTraceback *)pyobj_alloc(
        sizeof(struct pytraceback_s), PYL_TRACEBACK, pytype_traceback);
    exc = (pyval)saved[0].ss;
    frame = (pyval)saved[1].ss;
    pyrt_tl.shadowstack = saved;
    tb->next = ((PyExc *)pyval_obj(exc))->traceback;
    tb->frame = frame;
    tb->lasti = lasti;
    tb->lineno = line_of(frame, lasti);
    PyExc *e = (PyExc *)pyval_obj(exc);
    pyobj_write((PyObj *)e);
    e->traceback = pyval_from_obj((PyObj *)tb);
    return 0;
}

/* CPython shows at most 3 identical entries in a row (same file, line
   and function), then "[Previous line repeated N more times]" */
static void print_repeats(long repeats)
{
    if (repeats > 3)
        fprintf(stderr, "  [Previous line repeated %ld more time%s]\n",
                repeats - 3, repeats - 3 == 1 ? "" : "s");
}

static void print_entries(pyval tb)
{
    pyval last_code = 0;
    int64_t last_line = -1;
    long repeats = 0;
    for (; tb != 0; tb = ((PyTraceback *)pyval_obj(tb))->next) {
        PyTraceback *t = (PyTraceback *)pyval_obj(tb);
        PyFrame *f = (PyFrame *)pyval_obj(t->frame);
        PyCode *code = (PyCode *)pyval_obj(f->code);
        if (f->code == last_code && t->lineno == last_line) {
            if (++repeats > 3)
                continue;
        } else {
            print_repeats(repeats);
            repeats = 1;
            last_code = f->code;
            last_line = t->lineno;
        }
        const char *file = pystr_utf8(code->filename);
        fprintf(stderr, "  File \"%s\", line %ld, in %s\n", file,
                (long)t->lineno, pystr_utf8(code->name));
        pytb_print_source(file, t->lineno, code, t->lasti);
    }
    print_repeats(repeats);
}

/* the message line: "Type: str(exc)", or "Type" when str(exc) is empty;
   the type's module prefix for non-builtin classes */
static void print_message(pyval exc, bool syntax_located)
{
    PY_PUSHV(exc);
    /* a SyntaxError whose place was shown above: its msg only */
    pyval msg = syntax_located
                    ? pyobj_str(pytuple_get(((PyExc *)pyval_obj(exc))->args, 0))
                    : pyobj_str(exc);
    PY_POPV(exc);
    PyType *t = pyval_type(exc);
    char name[512];
    if (t->tflags & PYTYPE_HEAPTYPE) {
        pyval mod = t->dict
                        ? pydict_get_cstr(pyval_from_obj(t->dict), "__module__")
                        : 0;
        t = pyval_type(exc);
        if (mod && pyval_is_obj(mod) && pyval_obj(mod)->layout == PYL_STR &&
            strcmp(pystr_utf8(mod), "builtins") != 0 &&
            strcmp(pystr_utf8(mod), "__main__") != 0)
            snprintf(name, sizeof(name), "%s.%s", pystr_utf8(mod),
                     pystr_utf8(pyval_from_obj(t->qualname)));
        else
            snprintf(name, sizeof(name), "%s",
                     pystr_utf8(pyval_from_obj(t->qualname)));
    } else {
        snprintf(name, sizeof(name), "%s", pytype_name(t));
    }
    if (msg == 0) {
        pyerr_clear();
        fprintf(stderr, "%s: <exception str() failed>\n", name);
    } else if (pystr_nbytes(msg) == 0) {
        fprintf(stderr, "%s\n", name);
    } else {
        fprintf(stderr, "%s: %s\n", name, pystr_utf8(msg));
    }
}

static void print_chain(pyval exc, int depth)
{
    PyExc *e = (PyExc *)pyval_obj(exc);
    if (depth < 50) {
        if (e->cause != 0) {
            PY_PUSHV(exc);
            print_chain(e->cause, depth + 1);
            PY_POPV(exc);
            fprintf(stderr, "\nThe above exception was the direct cause of "
                            "the following exception:\n\n");
        } else if (e->context != 0 && !e->suppress_context) {
            PY_PUSHV(exc);
            print_chain(e->context, depth + 1);
            PY_POPV(exc);
            fprintf(stderr, "\nDuring handling of the above exception, "
                            "another exception occurred:\n\n");
        }
    }
    e = (PyExc *)pyval_obj(exc);
    if (e->traceback != 0) {
        fprintf(stderr, "Traceback (most recent call last):\n");
        print_entries(e->traceback);
    }
    print_message(exc, pyexc_print_syntax_location(exc));
}

void pyexc_print(pyval exc)
{
    fflush(stdout);
    if (pyval_is_obj(exc) && pyval_obj(exc)->layout == PYL_EXCEPTION)
        print_chain(exc, 0);
    else
        print_message(exc, false);
    fflush(stderr);
}
