/* builtins_exec.c -- the built-in functions that run source text or
 * look at namespaces: compile, exec, eval, locals, vars, dir, setattr,
 * delattr, __import__, input, exit and quit.
 */
#include "../compiler/compile.h"
#include "../compiler/future.h"
#include "../objects/abstract.h"
#include "../objects/bytesobject.h"
#include "../objects/classobject.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/fileobject.h"
#include "../objects/codeobject.h"
#include "../objects/funcobject.h"
#include "../objects/intobject.h"
#include "../objects/listobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../parser/parser.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../vm/vm.h"
#include "builtins_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the index in args[] of keyword 'name', or -1 (kwnames read before any
   allocation: it may move) */
static ssize_t kw_index(size_t nargs, PyObj *kwnames, const char *name)
{
    int64_t n = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    for (int64_t i = 0; i < n; i++) {
        pyval k = pytuple_get(pyval_from_obj(kwnames), i);
        if (strcmp(pystr_utf8(k), name) == 0)
            return (ssize_t)(nargs + (size_t)i);
    }
    return -1;
}

/* Positional-or-keyword parameters: idx[i] = where parameter i is in
   args[] (-1: absent).  Indexes stay valid across allocations, values
   copied out of args[] would not. */
static int bind_params(const char *fname, size_t nargs, PyObj *kwnames,
                       const char *const *names, size_t nparams,
                       size_t required, ssize_t *idx)
{
    if (nargs > nparams) {
        pyerr_format(pyexc_TypeError,
                     "%s() takes at most %zd arguments (%zd given)", fname,
                     (long)nparams, (long)nargs);
        return -1;
    }
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    for (int64_t k = 0; k < nkw; k++) {
        const char *n = pystr_utf8(pytuple_get(pyval_from_obj(kwnames), k));
        size_t i = 0;
        while (i < nparams && strcmp(names[i], n) != 0)
            i++;
        if (i == nparams) {
            pyerr_format(pyexc_TypeError,
                         "%s() got an unexpected keyword argument '%s'", fname,
                         n);
            return -1;
        }
        if (i < nargs) {
            pyerr_format(pyexc_TypeError,
                         "argument for %s() given by name ('%s') and position "
                         "(%zd)",
                         fname, n, (long)i + 1);
            return -1;
        }
    }
    for (size_t i = 0; i < nparams; i++) {
        idx[i] = i < nargs ? (ssize_t)i : kw_index(nargs, kwnames, names[i]);
        if (idx[i] < 0 && i < required) {
            pyerr_format(pyexc_TypeError,
                         "%s() missing required argument '%s' (pos %zd)", fname,
                         names[i], (long)i + 1);
            return -1;
        }
    }
    return 0;
}

#define ARG(i) (idx[(i)] >= 0 ? args[idx[(i)]] : 0)

static bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

static bool is_code(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_CODE;
}

/* ------------------------------------------------------------ compiling */

/* the future features of the running code, which compile(), exec() and
   eval() pass on to the code they compile unless told not to */
static int inherited_flags(void)
{
    PyFrame *f = pyvm_current_frame();
    if (f == NULL || !is_code(f->code))
        return 0;
    return ((PyCode *)pyval_obj(f->code))->flags & PYCOMP_FUTURE_MASK;
}

/* the code object of source text (a str, or bytes-like: then decoded as
   a file is, BOM and coding cookie included) in a mode: 0 with
   SyntaxError; 'lstrip': leading spaces and tabs ignored, as eval() does
   (compile() and exec() do not) */
static pyval compile_text(pyval source, pyval filename, pyparse_mode mode,
                          bool lstrip, int flags)
{
    /* the parser works on C memory: the source may move */
    char *copy;
    size_t len;
    bool is_text = is_str(source);
    if (is_text) {
        len = (size_t)pystr_nbytes(source);
        copy = malloc(len + 1);
        if (copy != NULL)
            memcpy(copy, pystr_utf8(source), len);
    } else {
        struct pybuf buf;
        if (!pybuf_get(source, &buf))
            return pyerr_format(pyexc_TypeError,
                                "compile() arg 1 must be a string, bytes or "
                                "AST object");
        len = (size_t)buf.n;
        copy = malloc(len + 1);
        if (copy != NULL)
            memcpy(copy, buf.p, len);
    }
    char *name = strdup(pystr_utf8(filename));
    if (copy == NULL || name == NULL) {
        free(copy);
        free(name);
        return pyerr_no_memory();
    }
    copy[len] = '\0';
    if (memchr(copy, '\0', len) != NULL) {
        free(copy);
        free(name);
        /* SyntaxError as in later CPython 3.11 releases (3.11.2: ValueError) */
        return pyerr_format(pyexc_SyntaxError,
                            "source code string cannot contain null bytes");
    }
    char *text = copy;
    if (lstrip) {
        while (len > 0 && (*text == ' ' || *text == '\t')) {
            text++;
            len--;
        }
    }
    pyast_arena *arena = pyast_arena_new();
    pyparse_error err;
    memset(&err, 0, sizeof(err));
    pyast_mod *mod = NULL;
    if (is_text && len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        /* a str has no BOM: U+FEFF is a character the tokenizer refuses
           (which would drop it, as it does a file's BOM) */
        pytok_set_error(&err, arena, text, PYERR_SYNTAX, 1, 0, 1, 0,
                        "invalid non-printable character U+FEFF");
    } else {
        mod = is_text ? pyparse_source_text(text, len, mode, arena, &err)
                      : pyparse_source(text, len, mode, arena, &err);
    }
    pyval code = 0;
    if (mod == NULL)
        pyrun_syntax_error(&err, name);
    else
        code = pycomp_compile_flags(mod, name, mode, arena, flags);
    pyast_arena_free(arena);
    free(copy);
    free(name);
    return code;
}

static int mode_of(pyval mode, pyparse_mode *out, const char *fname)
{
    if (!is_str(mode)) {
        pyerr_format(pyexc_TypeError,
                     "%s() argument 'mode' must be str, not %T", fname, mode);
        return -1;
    }
    const char *m = pystr_utf8(mode);
    if (strcmp(m, "exec") == 0)
        *out = PYPARSE_EXEC;
    else if (strcmp(m, "eval") == 0)
        *out = PYPARSE_EVAL;
    else if (strcmp(m, "single") == 0)
        *out = PYPARSE_SINGLE;
    else {
        pyerr_format(pyexc_ValueError,
                     "compile() mode must be 'exec', 'eval' or 'single'");
        return -1;
    }
    return 0;
}

static pyval builtin_compile(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    static const char *const names[] = {"source",       "filename", "mode",
                                        "flags",        "dont_inherit",
                                        "optimize",     "_feature_version"};
    ssize_t idx[7];
    if (bind_params("compile", nargs, kwnames, names, 7, 3, idx) < 0)
        return 0;
    pyparse_mode mode;
    if (mode_of(ARG(2), &mode, "compile") < 0)
        return 0;
    if (is_code(ARG(0)))
        return ARG(0);
    if (!is_str(ARG(0)) && !pybytes_like(ARG(0)))
        return pyerr_format(pyexc_TypeError,
                            "compile() arg 1 must be a string, bytes or AST "
                            "object");
    if (!is_str(ARG(1)))
        return pyerr_format(pyexc_TypeError,
                            "compile() argument 'filename' must be str, not %T",
                            ARG(1));
    int64_t flags = 0;
    if (ARG(3) != 0) {
        if (!pyint_check(ARG(3)))
            return pyerr_format(pyexc_TypeError,
                                "'%T' object cannot be interpreted as an "
                                "integer",
                                ARG(3));
        if (pyint_as_int64(ARG(3), &flags) < 0)
            return 0;
    }
    int dont_inherit = ARG(4) != 0 ? pyobj_truth(ARG(4)) : 0;
    if (dont_inherit < 0)
        return 0;
    if (!dont_inherit)
        flags |= inherited_flags();
    return compile_text(ARG(0), ARG(1), mode, false,
                        (int)(flags & PYCOMP_FUTURE_MASK));
}

/* ------------------------------------------------------------ namespaces */

/* the caller's locals as a dict: module and class bodies have one; a
   function's are copied from its frame into a dict the frame keeps, as
   CPython does: each call refreshes the same dict (names exec() added
   stay) */
static pyval frame_locals(PyFrame *f)
{
    return pyframe_locals(pyval_from_obj((PyObj *)f));
}

static pyval builtin_locals(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    if (pyarg_no_keywords("locals", kwnames) < 0 ||
        pyarg_count("locals", nargs, 0, 0) < 0)
        return 0;
    PyFrame *f = pyvm_current_frame();
    return f ? frame_locals(f) : py_None;
}

static pyval builtin_vars(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("vars", kwnames) < 0 ||
        pyarg_count("vars", nargs, 0, 1) < 0)
        return 0;
    if (nargs == 0)
        return builtin_locals(self, args, 0, NULL);
    pyval key = pystr_name("__dict__");
    if (key == 0)
        return 0;
    pyval d = pyobj_getattr(args[0], key);
    if (d == 0 && pyerr_matches(pyexc_AttributeError)) {
        pyerr_clear();
        return pyerr_format(pyexc_TypeError,
                            "vars() argument must have __dict__ attribute");
    }
    return d;
}

/* the keys of a dict, appended to a list */
static int add_keys(pyval *listp, pyval dict)
{
    PY_PUSHV(dict);
    pyval keys = pylist_from_iterable(dict);
    PY_POPV(dict);
    return keys == 0 ? -1 : pylist_extend(*listp, keys);
}

/* dir(obj) without __dir__: the instance's attributes, then those of
   its class and the classes of the MRO (or of a class and its MRO) */
static pyval default_dir(pyval obj)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(obj);
    pyval list = pylist_new(0);
    if (list == 0)
        goto fail;
    PY_PUSHV(list);
    pyval *listp = (pyval *)&saved[1];
    obj = (pyval)saved[0].ss;
    if (pyval_is_obj(obj) && pyval_obj(obj)->layout == PYL_MODULE) {
        PyModule *m = (PyModule *)pyval_obj(obj);
        if (add_keys(listp, m->dict) < 0)
            goto fail;
    } else {
        bool is_type = pyval_is_obj(obj) && pyval_obj(obj)->layout == PYL_TYPE;
        if (!is_type) {
            pyval d = pyobj_instance_dict(obj, false);
            if (d != 0 && add_keys(listp, d) < 0)
                goto fail;
            obj = (pyval)saved[0].ss;
        }
        PyType *t = is_type ? (PyType *)pyval_obj(obj) : pyval_type(obj);
        pyval mro = pyval_from_obj(t->mro);
        PY_PUSHV(mro);
        for (int64_t i = 0; i < pytuple_size((pyval)saved[2].ss); i++) {
            PyType *c = (PyType *)pyval_obj(pytuple_get((pyval)saved[2].ss, i));
            if (c->dict != 0 && add_keys(listp, pyval_from_obj(c->dict)) < 0)
                goto fail;
        }
    }
    pyval r = *listp;
    pyrt_tl.shadowstack = saved;
    return r;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

static pyval builtin_dir(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("dir", kwnames) < 0 ||
        pyarg_count("dir", nargs, 0, 1) < 0)
        return 0;
    pyval names;
    if (nargs == 0) {
        names = builtin_locals(self, args, 0, NULL);
        names = names ? pylist_from_iterable(names) : 0;
    } else {
        bool found = false;
        pyval r = pyobj_call_dunder(args[0], "__dir__", NULL, 0, &found);
        if (found || r != 0 || pyerr_occurred()) {
            names = r ? pylist_from_iterable(r) : 0;
        } else {
            /* no duplicates: through a set's worth of dict */
            pyval all = default_dir(args[0]);
            if (all == 0)
                return 0;
            PY_PUSHV(all);
            pyval seen = pydict_new();
            PY_PUSHV(seen);
            /* all and seen move with each insertion: read from the
               shadow stack each time */
#define ALL_NAMES ((pyval)pyrt_tl.shadowstack[-2].ss)
#define SEEN      ((pyval)pyrt_tl.shadowstack[-1].ss)
            int64_t n = pylist_len(ALL_NAMES);
            for (int64_t i = 0; SEEN != 0 && i < n; i++) {
                if (pydict_set(SEEN, pylist_get(ALL_NAMES, i), py_None) < 0)
                    pyrt_tl.shadowstack[-1].ss = NULL;
            }
            seen = SEEN;
#undef ALL_NAMES
#undef SEEN
            PY_DROP();
            PY_DROP();
            names = seen ? pylist_from_iterable(seen) : 0;
        }
    }
    if (names == 0)
        return 0;
    PY_PUSHV(names);
    int r = pylist_sort(names, 0, false);
    PY_POPV(names);
    return r < 0 ? 0 : names;
}

static int attr_name(pyval name, pyval *out)
{
    if (!is_str(name)) {
        pyerr_format(pyexc_TypeError, "attribute name must be string, not '%T'",
                     name);
        return -1;
    }
    *out = pystr_intern(name);
    return *out == 0 ? -1 : 0;
}

static pyval builtin_setattr(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("setattr", kwnames) < 0)
        return 0;
    if (nargs != 3)
        return pyerr_format(pyexc_TypeError,
                            "setattr expected 3 arguments, got %d", (int)nargs);
    pyval name;
    if (attr_name(args[1], &name) < 0)
        return 0;
    return pyobj_setattr(args[0], name, args[2]) < 0 ? 0 : py_None;
}

static pyval builtin_delattr(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("delattr", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "delattr expected 2 arguments, got %d", (int)nargs);
    pyval name;
    if (attr_name(args[1], &name) < 0)
        return 0;
    return pyobj_setattr(args[0], name, 0) < 0 ? 0 : py_None;
}

/* ------------------------------------------------------------ exec, eval */

/* exec/eval's namespaces: the caller's when omitted; globals must be a
   dict, locals any mapping (a dict here) */
static int namespaces(const char *fname, pyval g, pyval l, pyval *gout,
                      pyval *lout)
{
    if (g == py_None)
        g = 0;
    if (l == py_None)
        l = 0;
    if (g != 0 && !pydict_check(g)) {
        pyerr_format(pyexc_TypeError,
                     strcmp(fname, "exec") == 0
                         ? "exec() globals must be a dict, not %T"
                         : "globals must be a dict",
                     g);
        return -1;
    }
    if (l != 0 && !pydict_check(l)) {
        pyerr_format(pyexc_TypeError,
                     strcmp(fname, "exec") == 0
                         ? "locals must be a mapping"
                         : "locals must be a mapping",
                     l);
        return -1;
    }
    if (g == 0) {
        PyFrame *f = pyvm_current_frame();
        if (f == NULL) {
            pyerr_format(pyexc_SystemError, "%s(): no current frame", fname);
            return -1;
        }
        g = f->globals;
        if (l == 0) {
            PY_PUSHV(g);
            l = frame_locals(f);
            PY_POPV(g);
            if (l == 0)
                return -1;
        }
    }
    *gout = g;
    *lout = l ? l : g;
    return 0;
}

static pyval run_in(const char *fname, const pyval *args, size_t nargs,
                    PyObj *kwnames, pyparse_mode mode)
{
    static const char *const names[] = {"source", "globals", "locals"};
    ssize_t idx[3];
    if (nargs > 3)
        return pyerr_format(pyexc_TypeError,
                            "%s expected at most 3 arguments, got %zd", fname,
                            (long)nargs);
    if (bind_params(fname, nargs, kwnames, names, 3, 1, idx) < 0)
        return 0;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    pyval g, l;
    if (namespaces(fname, ARG(1), ARG(2), &g, &l) < 0)
        return 0;
    PY_PUSHV(g);
    PY_PUSHV(l);
    pyval code = ARG(0);
    if (!is_code(code)) {
        if (!is_str(code) && !pybytes_like(code)) {
            pyrt_tl.shadowstack = saved;
            return pyerr_format(pyexc_TypeError,
                                strcmp(fname, "exec") == 0
                                    ? "exec() arg 1 must be a string, bytes "
                                      "or code object"
                                    : "eval() arg 1 must be a string, bytes "
                                      "or code object");
        }
        pyval filename = pystr_from_cstr("<string>");
        code = filename ? compile_text(ARG(0), filename, mode,
                                       mode == PYPARSE_EVAL, inherited_flags())
                        : 0;
    }
    if (code == 0) {
        pyrt_tl.shadowstack = saved;
        return 0;
    }
    pyval r = pyvm_run_code(code, (pyval)saved[0].ss, (pyval)saved[1].ss);
    pyrt_tl.shadowstack = saved;
    if (r == 0)
        return 0;
    return mode == PYPARSE_EVAL ? r : py_None;
}

static pyval builtin_exec(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    return run_in("exec", args, nargs, kwnames, PYPARSE_EXEC);
}

static pyval builtin_eval(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    return run_in("eval", args, nargs, kwnames, PYPARSE_EVAL);
}

/* ------------------------------------------------------------ the rest */

static pyval builtin_import(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    static const char *const names[] = {"name", "globals", "locals",
                                        "fromlist", "level"};
    ssize_t idx[5];
    if (bind_params("__import__", nargs, kwnames, names, 5, 1, idx) < 0)
        return 0;
    if (!is_str(ARG(0)))
        return pyerr_format(pyexc_TypeError,
                            "__import__() argument 1 must be str, not %T",
                            ARG(0));
    int64_t level = 0;
    if (ARG(4) != 0) {
        if (!pyval_is_int(ARG(4)))
            return pyerr_format(pyexc_TypeError,
                                "'%T' object cannot be interpreted as an "
                                "integer",
                                ARG(4));
        level = pyval_int(ARG(4));
        if (level < 0)
            return pyerr_format(pyexc_ValueError, "level must be >= 0");
    }
    pyval fromlist = ARG(3) ? ARG(3) : py_None;
    if (fromlist != py_None && !(pyval_is_obj(fromlist) &&
                                 pyval_obj(fromlist)->layout == PYL_TUPLE)) {
        fromlist = pylist_from_iterable(fromlist);
        fromlist = fromlist ? pylist_as_tuple(fromlist) : 0;
        if (fromlist == 0)
            return 0;
    }
    pyval globals = ARG(1);
    if (globals == 0 || !pydict_check(globals)) {
        PyFrame *f = pyvm_current_frame();
        globals = f ? f->globals : py_None;
    }
    return pyimport(ARG(0), fromlist, level, globals);
}

static pyval builtin_input(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("input", kwnames) < 0 ||
        pyarg_count("input", nargs, 0, 1) < 0)
        return 0;
    /* through sys.stdin and sys.stdout (fileobject.c) */
    return pyfile_input(args, nargs);
}

/* exit() and quit(): SystemExit with the code (site's helpers in
   CPython; here plain functions) */
static pyval builtin_exit(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("exit", kwnames) < 0 ||
        pyarg_count("exit", nargs, 0, 1) < 0)
        return 0;
    pyval t = pytuple_from_array(args, (int64_t)nargs);
    if (t == 0)
        return 0;
    pyerr_set(pyexc_new(pyexc_SystemExit, t));
    return 0;
}

const struct pymethod_def pybuiltins_exec_functions[] = {
    {"compile", builtin_compile, 0, NULL},
    {"delattr", builtin_delattr, 0, NULL},
    {"dir", builtin_dir, 0, NULL},
    {"eval", builtin_eval, 0, NULL},
    {"exec", builtin_exec, 0, NULL},
    {"exit", builtin_exit, 0, NULL},
    {"input", builtin_input, 0, NULL},
    {"locals", builtin_locals, 0, NULL},
    {"quit", builtin_exit, 0, NULL},
    {"setattr", builtin_setattr, 0, NULL},
    {"vars", builtin_vars, 0, NULL},
    {"__import__", builtin_import, 0, NULL},
    {NULL, NULL, 0, NULL},
};
