/* call.c -- frames, and binding a call's arguments to a Python
 * function's parameters with CPython 3.11's rules and messages.
 */
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/funcobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "vm.h"

#include <stdio.h>
#include <string.h>

PyType *pytype_frame;

size_t pyframe_gc_size(struct pyobj_s *o)
{
    struct pyframe_s *f = (struct pyframe_s *)o;
    return sizeof(struct pyframe_s) + (size_t)f->nslots * sizeof(pyval);
}

void pyframe_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyframe_s *f = (struct pyframe_s *)o;
    pyval_visit(&f->code, visit);
    pyval_visit(&f->func, visit);
    pyval_visit(&f->globals, visit);
    pyval_visit(&f->builtins, visit);
    pyval_visit(&f->locals, visit);
    pyval_visit(&f->back, visit);
    pyval_visit(&f->kwnames, visit);
    /* only the live part: locals, cells, and the stack up to sp */
    int32_t live = f->stack_base + f->sp;
    for (int32_t i = 0; i < live && i < f->nslots; i++)
        pyval_visit(&f->slot[i], visit);
}

PyFrame *pyframe_new(pyval code, pyval globals, pyval builtins, pyval locals,
                     pyval func)
{
    PyCode *c = (PyCode *)pyval_obj(code);
    int32_t nslots = c->nslots;
    PY_PUSHV(code);
    PY_PUSHV(globals);
    PY_PUSHV(builtins);
    PY_PUSHV(locals);
    PY_PUSHV(func);
    PyFrame *f = (PyFrame *)pyobj_alloc_builtin(
        sizeof(struct pyframe_s) + (size_t)nslots * sizeof(pyval), PYL_FRAME,
        pytype_frame);
    PY_POPV(func);
    PY_POPV(locals);
    PY_POPV(builtins);
    PY_POPV(globals);
    PY_POPV(code);
    pyframe_init(f, (PyCode *)pyval_obj(code), code, globals, builtins,
                 locals, func);
    /* locals and cells start empty; the stack above sp is never read
       (nor traced) before it is pushed to */
    memset(pyobj_real((PyObj *)f) + offsetof(struct pyframe_s, slot), 0,
           (size_t)f->stack_base * sizeof(pyval));
    return f;
}

/* ------------------------------------------------------------ errors */

static const char *qualname_of(pyval func)
{
    return pystr_utf8(((PyFunc *)pyval_obj(func))->qualname);
}

/* "'a'", "'a' and 'b'", "'a', 'b', and 'c'" into buf */
static void name_list(char *buf, size_t size, pyval names[], int n)
{
    size_t used = 0;
    buf[0] = 0;
    for (int i = 0; i < n && used < size; i++) {
        const char *sep = i == 0       ? ""
                          : n == 2     ? " and "
                          : i == n - 1 ? ", and "
                                       : ", ";
        used += (size_t)snprintf(buf + used, size - used, "%s'%s'", sep,
                                 pystr_utf8(names[i]));
    }
}

static int missing_error(pyval func, pyval names[], int n, bool kwonly)
{
    char list[512];
    name_list(list, sizeof(list), names, n);
    pyerr_format(pyexc_TypeError, "%s() missing %d required %s argument%s: %s",
                 qualname_of(func), n, kwonly ? "keyword-only" : "positional",
                 n == 1 ? "" : "s", list);
    return -1;
}

static int too_many_positional(pyval func, PyCode *c, size_t given,
                               int ndefaults, int kwonly_given)
{
    int argcount = c->argcount;
    char takes[128], kw[128] = "";
    const char *qn = qualname_of(func);
    if (ndefaults > 0)
        snprintf(takes, sizeof(takes), "from %d to %d positional arguments",
                 argcount - ndefaults, argcount);
    else
        snprintf(takes, sizeof(takes), "%d positional argument%s", argcount,
                 argcount == 1 ? "" : "s");
    if (kwonly_given > 0)
        snprintf(kw, sizeof(kw),
                 " positional argument%s (and %d keyword-only "
                 "argument%s)",
                 given == 1 ? "" : "s", kwonly_given,
                 kwonly_given == 1 ? "" : "s");
    pyerr_format(pyexc_TypeError, "%s() takes %s but %ld%s %s given", qn, takes,
                 (long)given, kw, given == 1 && !kwonly_given ? "was" : "were");
    return -1;
}

/* ------------------------------------------------------------ binding */

#define FRAME() (*frame)
#define SLOT(i) (FRAME()->slot[i])

static int bind(PyFrame **frame, pyval *funcp, const pyval *args, size_t nargs,
                PyObj *kwnames)
{
#define func (*funcp)
    PyFunc *fn = (PyFunc *)pyval_obj(func);
    PyCode *c = (PyCode *)pyval_obj(fn->code);
    int argcount = c->argcount, kwonly = c->kwonlyargcount;
    int total = argcount + kwonly;
    bool varargs = c->flags & PYCODE_VARARGS;
    bool varkw = c->flags & PYCODE_VARKEYWORDS;
    size_t nkw = kwnames ? (size_t)pytuple_size(pyval_from_obj(kwnames)) : 0;
    int varargs_slot = total, varkw_slot = total + (varargs ? 1 : 0);

    if (nkw == 0 && pycode_is_simple_call(c, nargs)) {
        pyobj_write((PyObj *)FRAME());
        for (size_t i = 0; i < nargs; i++)
            SLOT(i) = args[i];
        return 0;
    }

    /* **kwargs first: keywords may land in it */
    if (varkw) {
        PY_PUSHV(pyval_from_obj(kwnames));
        pyval d = pydict_new();
        PY_POPV(*(pyval *)&kwnames);
        if (d == 0)
            return -1;
        pyobj_write((PyObj *)FRAME());
        SLOT(varkw_slot) = d;
    }
    size_t npos = nargs < (size_t)argcount ? nargs : (size_t)argcount;
    pyobj_write((PyObj *)FRAME());
    for (size_t i = 0; i < npos; i++)
        SLOT(i) = args[i];
    if (varargs) {
        size_t extra = nargs > npos ? nargs - npos : 0;
        PY_PUSHV(pyval_from_obj(kwnames));
        pyval t = pytuple_new((int64_t)extra);
        PY_POPV(*(pyval *)&kwnames);
        if (t == 0)
            return -1;
        for (size_t i = 0; i < extra; i++)
            pytuple_init_item(t, (int64_t)i, args[npos + i]);
        pyobj_write((PyObj *)FRAME());
        SLOT(varargs_slot) = t;
    } else if (nargs > (size_t)argcount) {
        int kwonly_given = 0;
        for (size_t k = 0; k < nkw; k++) {
            pyval name = pytuple_get(pyval_from_obj(kwnames), (int64_t)k);
            pyval varnames = c->varnames;
            for (int j = argcount; j < total; j++) {
                if (pystr_eq(pytuple_get(varnames, j), name))
                    kwonly_given++;
            }
        }
        fn = (PyFunc *)pyval_obj(func);
        pyval defaults = fn->defaults;
        return too_many_positional(func, c, nargs,
                                   defaults ? (int)pytuple_size(defaults) : 0,
                                   kwonly_given);
    }

    /* keyword arguments */
    for (size_t k = 0; k < nkw; k++) {
        fn = (PyFunc *)pyval_obj(func);
        c = (PyCode *)pyval_obj(fn->code);
        pyval name = pytuple_get(pyval_from_obj(kwnames), (int64_t)k);
        pyval value = args[nargs + k];
        int found = -1;
        for (int j = c->posonlyargcount; j < total; j++) {
            pyval p = pytuple_get(c->varnames, j);
            if (p == name || pystr_eq(p, name)) {
                found = j;
                break;
            }
        }
        if (found >= 0) {
            if (FRAME()->slot[found] != 0) {
                pyerr_format(pyexc_TypeError,
                             "%s() got multiple values for argument '%U'",
                             qualname_of(func), name);
                return -1;
            }
            pyobj_write((PyObj *)FRAME());
            SLOT(found) = value;
            continue;
        }
        if (varkw) {
            PY_PUSHV(pyval_from_obj(kwnames));
            int r = pydict_set(FRAME()->slot[varkw_slot], name, value);
            PY_POPV(*(pyval *)&kwnames);
            if (r < 0)
                return -1;
            continue;
        }
        /* a positional-only parameter named by keyword? */
        for (int j = 0; j < c->posonlyargcount; j++) {
            if (pystr_eq(pytuple_get(c->varnames, j), name)) {
                pyerr_format(pyexc_TypeError,
                             "%s() got some positional-only arguments "
                             "passed as keyword arguments: '%U'",
                             qualname_of(func), name);
                return -1;
            }
        }
        pyerr_format(pyexc_TypeError,
                     "%s() got an unexpected keyword argument '%U'",
                     qualname_of(func), name);
        return -1;
    }

    /* defaults, and what is still missing */
    fn = (PyFunc *)pyval_obj(func);
    c = (PyCode *)pyval_obj(fn->code);
    pyval defaults = fn->defaults;
    int ndefaults = defaults ? (int)pytuple_size(defaults) : 0;
    pyval missing[64];
    int nmissing = 0;
    for (int j = (int)npos; j < argcount; j++) {
        if (FRAME()->slot[j] != 0)
            continue;
        int d = j - (argcount - ndefaults);
        if (d >= 0) {
            pyobj_write((PyObj *)FRAME());
            SLOT(j) = pytuple_get(defaults, d);
        } else if (nmissing < 64) {
            missing[nmissing++] = pytuple_get(c->varnames, j);
        }
    }
    if (nmissing > 0)
        return missing_error(func, missing, nmissing, false);
    for (int j = argcount; j < total; j++) {
        if (FRAME()->slot[j] != 0)
            continue;
        pyval name = pytuple_get(c->varnames, j);
        pyval dflt = fn->kwdefaults ? pydict_get_str(fn->kwdefaults, name) : 0;
        if (dflt != 0) {
            pyobj_write((PyObj *)FRAME());
            SLOT(j) = dflt;
        } else if (nmissing < 64) {
            missing[nmissing++] = name;
        }
    }
    if (nmissing > 0)
        return missing_error(func, missing, nmissing, true);

    /* cells (an argument captured by an inner function starts its cell)
       and the free variables from the closure */
    int ncells = (int)pytuple_size(c->cellvars);
    int nfree = (int)pytuple_size(c->freevars);
    for (int i = 0; i < ncells; i++) {
        fn = (PyFunc *)pyval_obj(func);
        c = (PyCode *)pyval_obj(fn->code);
        pyval cellname = pytuple_get(c->cellvars, i);
        pyval init = 0;
        for (int j = 0; j < c->nlocals; j++) {
            if (pytuple_get(c->varnames, j) == cellname) {
                init = FRAME()->slot[j];
                break;
            }
        }
        pyval cell = pycell_new(init);
        if (cell == 0)
            return -1;
        c = (PyCode *)pyval_obj(((PyFunc *)pyval_obj(func))->code);
        pyobj_write((PyObj *)FRAME());
        SLOT(c->nlocals + i) = cell;
    }
    fn = (PyFunc *)pyval_obj(func);
    for (int i = 0; i < nfree; i++) {
        pyobj_write((PyObj *)FRAME());
        SLOT(c->nlocals + ncells + i) = pytuple_get(fn->closure, i);
    }
    return 0;
#undef func
}

/* 'frame' points to a shadow stack entry (the frame may move); func is
   rooted here for the same reason */
int pyvm_bind_arguments(PyFrame **frame, pyval func, const pyval *args,
                        size_t nargs, PyObj *kwnames)
{
    PY_PUSHV(func);
    pyval *funcp = (pyval *)(pyrt_tl.shadowstack - 1);
    int r = bind(frame, funcp, args, nargs, kwnames);
    PY_DROP();
    return r;
}
