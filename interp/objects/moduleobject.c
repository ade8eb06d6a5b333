/* moduleobject.c -- modules and import.
 *
 * sys.modules is a dict made at setup and kept in an immortal cell.
 * `import a.b` imports a, then a.b, each found in sys.modules, else among
 * the built-in modules (pymod_table), else as a/__init__.py or a.py along
 * sys.path; a module is in sys.modules while its code runs (so circular
 * imports see it) and taken out again if that code fails.
 */
#include "moduleobject.h"

#include "../compiler/compile.h"
#include "../modules/modules.h"
#include "../parser/parser.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../vm/vm.h"
#include "abstract.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "funcobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

PyType *pytype_module;
static PyCell *modules_holder; /* immortal: .value is sys.modules */

void pymodule_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pymodule_s *m = (struct pymodule_s *)o;
    pyval_visit(&m->dict, visit);
    pyval_visit(&m->name, visit);
}

pyval pyimport_modules(void)
{
    return modules_holder->value;
}

int pymodule_add(pyval *dictp, const char *name, pyval value)
{
    PY_PUSHV(value);
    pyval key = pystr_intern_utf8(name, strlen(name));
    PY_POPV(value);
    if (key == 0)
        return -1;
    return pydict_set(*dictp, key, value);
}

pyval pymodule_new(pyval name)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(name);
    pyval d = pydict_new();
    if (d == 0)
        goto fail;
    PY_PUSHV(d);
    PyModule *m = (PyModule *)pyobj_alloc(sizeof(struct pymodule_s), PYL_MODULE,
                                          pytype_module);
    m->dict = (pyval)saved[1].ss;
    m->name = (pyval)saved[0].ss;
    PY_PUSHV(pyval_from_obj((PyObj *)m));
    pyval *dp = (pyval *)&saved[1];
    if (pymodule_add(dp, "__name__", (pyval)saved[0].ss) < 0 ||
        pymodule_add(dp, "__doc__", py_None) < 0)
        goto fail;
    pyval r = (pyval)saved[2].ss;
    pyrt_tl.shadowstack = saved;
    return r;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

static pyval module_getattr(pyval self, PyObj *name)
{
    PyModule *m = (PyModule *)pyval_obj(self);
    pyval v = pydict_get_str(m->dict, pyval_from_obj(name));
    if (v != 0 || pyerr_occurred())
        return v;
    if (strcmp(pystr_utf8(pyval_from_obj(name)), "__dict__") == 0)
        return ((PyModule *)pyval_obj(self))->dict;
    m = (PyModule *)pyval_obj(self);
    return pyerr_format(pyexc_AttributeError,
                        "module '%U' has no attribute '%U'", m->name,
                        pyval_from_obj(name));
}

static int module_setattr(pyval self, PyObj *name, pyval value)
{
    PyModule *m = (PyModule *)pyval_obj(self);
    if (value != 0)
        return pydict_set(m->dict, pyval_from_obj(name), value);
    return pydict_del(m->dict, pyval_from_obj(name));
}

static pyval module_repr(pyval self)
{
    PyModule *m = (PyModule *)pyval_obj(self);
    pyval file = pydict_get_cstr(m->dict, "__file__");
    m = (PyModule *)pyval_obj(self);
    char buf[1024];
    if (file != 0 && pyval_is_obj(file) && pyval_obj(file)->layout == PYL_STR)
        snprintf(buf, sizeof(buf), "<module '%s' from '%s'>",
                 pystr_utf8(m->name), pystr_utf8(file));
    else
        snprintf(buf, sizeof(buf), "<module '%s' (built-in)>",
                 pystr_utf8(m->name));
    return pystr_from_cstr(buf);
}

static const struct pytype_slots module_slots = {
    .repr = module_repr,
    .getattr = module_getattr,
    .setattr = module_setattr,
};

void pymodule_setup_types(void)
{
    pytype_module =
        pytype_new_builtin("module", &module_slots, PYL_MODULE, NULL, 0);
}

/* ------------------------------------------------------------ finding */

static char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        char *bigger = realloc(buf, cap);
        if (bigger == NULL)
            free(buf);
        buf = bigger;
    }
    fclose(f);
    *len = n;
    return buf;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The source file of module 'last' (the last part of a dotted name)
   in the directories of 'path' (a list of str): malloc'ed, or NULL.
   *package is set for a directory with __init__.py. */
static char *find_source(pyval path, const char *last, bool *package)
{
    int64_t n = pyval_is_obj(path) && pyval_obj(path)->layout == PYL_LIST
                    ? pylist_len(path)
                    : 0;
    for (int64_t i = 0; i < n; i++) {
        pyval dir = pylist_get(path, i);
        if (!pyval_is_obj(dir) || pyval_obj(dir)->layout != PYL_STR)
            continue;
        const char *d = pystr_utf8(dir);
        size_t len = strlen(d) + strlen(last) + 20;
        char *p = malloc(len);
        if (p == NULL)
            return NULL;
        snprintf(p, len, "%s%s%s/__init__.py", d, *d ? "/" : "", last);
        if (is_file(p)) {
            *package = true;
            return p;
        }
        snprintf(p, len, "%s%s%s.py", d, *d ? "/" : "", last);
        if (is_file(p)) {
            *package = false;
            return p;
        }
        free(p);
    }
    return NULL;
}

/* Runs a source file's code in a module's dict (compile errors are
   SyntaxErrors). */
static pyval exec_file(const char *file, pyval module)
{
    size_t len;
    char *source = read_whole(file, &len);
    if (source == NULL)
        return pyerr_format(pyexc_ImportError, "cannot read %s", file);
    PY_PUSHV(module);
    pyval r =
        pyrun_source(source, len, file, ((PyModule *)pyval_obj(module))->dict);
    PY_POPV(module);
    free(source);
    return r == 0 ? 0 : module;
}

/* imports one module whose parents are imported; 'parent' is the parent
   package module or 0 */
static pyval import_one(pyval fullname, pyval parent, const char *last)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(fullname);
    PY_PUSHV(parent);
    pyval found = pydict_get_str(pyimport_modules(), fullname);
    if (found != 0 || pyerr_occurred()) {
        pyrt_tl.shadowstack = saved;
        return found;
    }
    /* built-in modules */
    for (const struct pymodule_def *d = pymod_table; parent == 0 && d->name;
         d++) {
        if (strcmp(d->name, pystr_utf8((pyval)saved[0].ss)) != 0)
            continue;
        pyval m = pymodule_new((pyval)saved[0].ss);
        if (m == 0)
            goto fail;
        PY_PUSHV(m);
        PY_PUSHV(((PyModule *)pyval_obj(m))->dict);
        if (d->init(m, (pyval *)&saved[3]) < 0 ||
            pydict_set(pyimport_modules(), (pyval)saved[0].ss,
                       (pyval)saved[2].ss) < 0)
            goto fail;
        m = (pyval)saved[2].ss;
        pyrt_tl.shadowstack = saved;
        return m;
    }
    /* a .py file along sys.path, or the package's __path__ */
    pyval path;
    if ((pyval)saved[1].ss != 0) {
        PyModule *p = (PyModule *)pyval_obj((pyval)saved[1].ss);
        path = pydict_get_cstr(p->dict, "__path__");
    } else {
        pyval sys = pydict_get_cstr(pyimport_modules(), "sys");
        if (sys == 0 && !pyerr_occurred()) {
            /* sys.path lives in sys: made on first need */
            pyval name = pystr_from_cstr("sys");
            sys = name ? import_one(name, 0, "sys") : 0;
        }
        path = sys ? pydict_get_cstr(((PyModule *)pyval_obj(sys))->dict, "path")
                   : 0;
    }
    bool package = false;
    char *file = path ? find_source(path, last, &package) : NULL;
    if (file == NULL) {
        pyval name = (pyval)saved[0].ss;
        pyrt_tl.shadowstack = saved;
        if (pyerr_occurred())
            return 0;
        return pyerr_format(pyexc_ModuleNotFoundError, "No module named '%U'",
                            name);
    }
    pyval m = pymodule_new((pyval)saved[0].ss);
    if (m == 0) {
        free(file);
        goto fail;
    }
    PY_PUSHV(m);                                /* 2 */
    PY_PUSHV(((PyModule *)pyval_obj(m))->dict); /* 3 */
    pyval *dp = (pyval *)&saved[3];
    pyval f = pystr_from_cstr(file);
    if (f == 0 || pymodule_add(dp, "__file__", f) < 0)
        goto fail_free;
    if (package) {
        /* __path__: the package's directory */
        char *slash = strrchr(file, '/');
        pyval dir = pystr_from_utf8(file, slash ? (size_t)(slash - file) : 0);
        if (dir == 0)
            goto fail_free;
        PY_PUSHV(dir);
        pyval l = pylist_new(0);
        PY_POPV(dir);
        if (l == 0)
            goto fail_free;
        PY_PUSHV(l);
        int r = pylist_append(l, dir);
        PY_POPV(l);
        if (r < 0 || pymodule_add(dp, "__path__", l) < 0)
            goto fail_free;
    }
    if (pydict_set(pyimport_modules(), (pyval)saved[0].ss, (pyval)saved[2].ss) <
        0)
        goto fail_free;
    if (exec_file(file, (pyval)saved[2].ss) == 0) {
        /* a failed import leaves no module behind */
        pyval exc = pyerr_fetch();
        PY_PUSHV(exc);
        pydict_del(pyimport_modules(), (pyval)saved[0].ss);
        pyerr_clear();
        PY_POPV(exc);
        pyerr_set(exc);
        goto fail_free;
    }
    free(file);
    /* the parent package gets the submodule as an attribute */
    if ((pyval)saved[1].ss != 0) {
        pyval attr = pystr_intern_utf8(last, strlen(last));
        if (attr == 0 ||
            pyobj_setattr((pyval)saved[1].ss, attr, (pyval)saved[2].ss) < 0)
            goto fail;
    }
    m = (pyval)saved[2].ss;
    pyrt_tl.shadowstack = saved;
    return m;
fail_free:
    free(file);
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

pyval pyimport(pyval name, pyval fromlist, int64_t level, pyval globals)
{
    if (level > 0)
        return pyerr_format(pyexc_ImportError,
                            "pystm does not support relative imports yet");
    if (!pyval_is_obj(name) || pyval_obj(name)->layout != PYL_STR ||
        pystr_nbytes(name) == 0)
        return pyerr_format(pyexc_ValueError, "Empty module name");
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(name);     /* 0 */
    PY_PUSHV(fromlist); /* 1 */
    PY_PUSHV(0);        /* 2: the top module */
    PY_PUSHV(0);        /* 3: the last module */
    const char *text = pystr_utf8(name);
    size_t total = (size_t)pystr_nbytes(name);
    char *copy = malloc(total + 1);
    if (copy == NULL) {
        pyrt_tl.shadowstack = saved;
        return pyerr_no_memory();
    }
    memcpy(copy, text, total + 1);
    size_t start = 0;
    while (start <= total) {
        size_t end = start;
        while (end < total && copy[end] != '.')
            end++;
        pyval prefix = pystr_from_utf8(copy, end);
        if (prefix == 0)
            goto fail;
        char last[256];
        size_t n = end - start < 255 ? end - start : 255;
        memcpy(last, copy + start, n);
        last[n] = 0;
        pyval m = import_one(prefix, (pyval)saved[3].ss, last);
        if (m == 0)
            goto fail;
        saved[3].ss = (object_t *)m;
        if ((pyval)saved[2].ss == 0)
            saved[2].ss = (object_t *)m;
        start = end + 1;
    }
    free(copy);
    fromlist = (pyval)saved[1].ss;
    pyval r = fromlist != 0 && fromlist != py_None && pytuple_size(fromlist) > 0
                  ? (pyval)saved[3].ss
                  : (pyval)saved[2].ss;
    pyrt_tl.shadowstack = saved;
    return r;
fail:
    free(copy);
    pyrt_tl.shadowstack = saved;
    return 0;
}

pyval pyimport_from(pyval module, pyval name)
{
    PY_PUSHV(module);
    PY_PUSHV(name);
    pyval v = pyobj_getattr(module, name);
    PY_POPV(name);
    PY_POPV(module);
    if (v != 0 || !pyerr_matches(pyexc_AttributeError))
        return v;
    pyerr_clear();
    /* a submodule not imported yet */
    if (pyval_obj(module)->layout == PYL_MODULE) {
        PyModule *m = (PyModule *)pyval_obj(module);
        char full[512];
        snprintf(full, sizeof(full), "%s.%s", pystr_utf8(m->name),
                 pystr_utf8(name));
        PY_PUSHV(module);
        PY_PUSHV(name);
        pyval fn = pystr_from_cstr(full);
        /* a non-empty fromlist: the submodule itself comes back */
        PY_PUSHV(fn);
        pyval fl = fn ? pytuple_pack(1, (pyval)pyrt_tl.shadowstack[-2].ss) : 0;
        PY_POPV(fn);
        pyval sub = fl ? pyimport(fn, fl, 0, 0) : 0;
        PY_POPV(name);
        PY_POPV(module);
        if (sub != 0)
            return sub;
        if (!pyerr_matches(pyexc_ModuleNotFoundError))
            return 0;
        pyerr_clear();
        m = (PyModule *)pyval_obj(module);
        PY_PUSHV(name);
        PY_PUSHV(module);
        pyval file = pydict_get_cstr(m->dict, "__file__");
        PY_POPV(module);
        PY_POPV(name);
        m = (PyModule *)pyval_obj(module);
        if (file != 0 && pyval_is_obj(file) &&
            pyval_obj(file)->layout == PYL_STR)
            return pyerr_format(pyexc_ImportError,
                                "cannot import name '%U' from '%U' (%U)", name,
                                m->name, file);
        return pyerr_format(pyexc_ImportError,
                            "cannot import name '%U' from '%U' (unknown "
                            "location)",
                            name, m->name);
    }
    return pyerr_format(pyexc_ImportError, "cannot import name '%U'", name);
}

pyval pyimport_setup(int argc, char **argv)
{
    modules_holder = (PyCell *)pyrt_new_immortal(sizeof(struct pycell_s),
                                                 PYL_CELL, pytype_cell);
    pyval d = pydict_new();
    pyobj_write((PyObj *)modules_holder);
    modules_holder->value = d;
    return d;
}

/* from module import *: __all__, or the names not starting with '_' */
int pyimport_star(pyval module, pyval into)
{
    if (!pyval_is_obj(module) || pyval_obj(module)->layout != PYL_MODULE) {
        pyerr_format(pyexc_TypeError, "import * needs a module");
        return -1;
    }
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(module);
    PY_PUSHV(into);
    pyval d = ((PyModule *)pyval_obj(module))->dict;
    pyval all = pydict_get_cstr(d, "__all__");
    int r = 0;
    if (all != 0) {
        PY_PUSHV(all);
        pyval it = pyobj_iter(all);
        if (it == 0)
            goto fail;
        PY_PUSHV(it);
        for (;;) {
            pyval name = pyiter_next((pyval)saved[3].ss);
            if (name == 0) {
                if (pyerr_occurred())
                    goto fail;
                break;
            }
            PY_PUSHV(name);
            pyval v = pyobj_getattr((pyval)saved[0].ss, name);
            PY_POPV(name);
            if (v == 0 || pydict_set((pyval)saved[1].ss, name, v) < 0)
                goto fail;
        }
    } else {
        int64_t pos = 0;
        pyval k, v;
        d = ((PyModule *)pyval_obj((pyval)saved[0].ss))->dict;
        PY_PUSHV(d);
        while (pydict_next((pyval)saved[2].ss, &pos, &k, &v)) {
            if (pyval_is_obj(k) && pyval_obj(k)->layout == PYL_STR &&
                pystr_utf8(k)[0] == '_')
                continue;
            if (pydict_set((pyval)saved[1].ss, k, v) < 0)
                goto fail;
        }
    }
    pyrt_tl.shadowstack = saved;
    return r;
fail:
    pyrt_tl.shadowstack = saved;
    return -1;
}
