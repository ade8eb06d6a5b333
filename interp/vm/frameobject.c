/* frameobject.c -- the Python face of frames (f_code, f_lineno, f_back,
 * f_globals, f_locals, f_builtins) and sys._getframe().
 *
 * A frame's line is that of the instruction before its saved ip: the VM
 * stores ip when a frame calls (a Python function, or C through CALL),
 * yields, or leaves by an exception, which covers the frames a program
 * can reach (the caller of sys._getframe, the frames above it, a
 * traceback's).  f_back links through C: a frame entered from C (a key
 * function, a dunder, a generator being resumed) has as f_back the frame
 * that was running; a suspended generator's is None.
 */
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/funcobject.h"
#include "../objects/intobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../objects/typeobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "vm.h"

#include <stdio.h>

static PyFrame *frame_of(pyval self)
{
    PyFrame *f = (PyFrame *)pyval_obj(self);
    pyobj_read((PyObj *)f);
    return f;
}

int64_t pyframe_lineno(PyFrame *f)
{
    return pycode_line_at((PyCode *)pyval_obj(f->code), f->ip - 1);
}

/* Module and class bodies run in a dict.  A function's locals are
   copied from its frame into a dict the frame keeps, as CPython does:
   each call refreshes the same dict (names exec() added stay). */
pyval pyframe_locals(pyval frame)
{
    PyFrame *f = frame_of(frame);
    if (f->func == 0)
        return f->locals ? f->locals : py_None;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(frame);
    pyval d = f->locals;
    if (d == 0) {
        d = pydict_new();
        if (d == 0)
            goto fail;
        f = frame_of((pyval)saved[0].ss);
        pyobj_write((PyObj *)f);
        f->locals = d;
    }
    PY_PUSHV(d);
    f = frame_of((pyval)saved[0].ss);
    PyCode *code = (PyCode *)pyval_obj(f->code);
    int64_t nlocals = code->nlocals;
    int64_t ncells = pytuple_size(code->cellvars);
    int64_t nfree = pytuple_size(code->freevars);
    for (int64_t i = 0; i < nlocals + ncells + nfree; i++) {
        f = frame_of((pyval)saved[0].ss);
        code = (PyCode *)pyval_obj(f->code);
        pyval value = f->slot[i];
        pyval name;
        if (i < nlocals) {
            name = pytuple_get(code->varnames, i);
        } else {
            name = i < nlocals + ncells
                       ? pytuple_get(code->cellvars, i - nlocals)
                       : pytuple_get(code->freevars, i - nlocals - ncells);
            /* a cell of an argument replaces the argument's entry */
            if (value != 0) {
                pyobj_read(pyval_obj(value));
                value = ((PyCell *)pyval_obj(value))->value;
            }
        }
        if (value == 0) {
            /* unbound now: not in the snapshot */
            PY_PUSHV(name);
            pyval had = pydict_get_str((pyval)saved[1].ss, name);
            PY_POPV(name);
            if (had != 0 && pydict_del((pyval)saved[1].ss, name) < 0)
                goto fail;
            continue;
        }
        if (pydict_set((pyval)saved[1].ss, name, value) < 0)
            goto fail;
    }
    d = (pyval)saved[1].ss;
    pyrt_tl.shadowstack = saved;
    return d;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

static pyval get_code(pyval self)
{
    return frame_of(self)->code;
}

static pyval get_globals(pyval self)
{
    return frame_of(self)->globals;
}

static pyval get_builtins(pyval self)
{
    return frame_of(self)->builtins;
}

static pyval get_back(pyval self)
{
    pyval back = frame_of(self)->back;
    return back ? back : py_None;
}

static pyval get_lineno(pyval self)
{
    return pyval_from_int(pyframe_lineno(frame_of(self)));
}

static const struct pygetset_def frame_getset[] = {
    {"f_code", get_code, NULL},
    {"f_globals", get_globals, NULL},
    {"f_builtins", get_builtins, NULL},
    {"f_back", get_back, NULL},
    {"f_lineno", get_lineno, NULL},
    {"f_locals", pyframe_locals, NULL},
    {NULL, NULL, NULL},
};

static pyval frame_repr(pyval self)
{
    PyFrame *f = frame_of(self);
    PyCode *code = (PyCode *)pyval_obj(f->code);
    char buf[600];
    snprintf(buf, sizeof(buf), "<frame at 0x%lx, file '%s', line %ld, code %s>",
             (unsigned long)stm_id((object_t *)self),
             pystr_utf8(code->filename), (long)pyframe_lineno(f),
             pystr_utf8(code->name));
    return pystr_from_cstr(buf);
}

const struct pytype_slots pyframe_slots = {
    .repr = frame_repr,
    .getset = frame_getset,
};

/* sys._getframe([depth]): the caller's frame, or one 'depth' calls up */
pyval pymod_sys_getframe(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    (void)self;
    if (pyarg_no_keywords("_getframe", kwnames) < 0 ||
        pyarg_count("_getframe", nargs, 0, 1) < 0)
        return 0;
    int64_t depth = 0;
    if (nargs == 1) {
        if (!pyint_check(args[0]))
            return pyerr_format(pyexc_TypeError,
                                "'%T' object cannot be interpreted as an "
                                "integer",
                                args[0]);
        if (pyint_as_int64(args[0], &depth) < 0)
            return 0;
    }
    PyFrame *f = pyvm_current_frame();
    for (; f != NULL && depth > 0; depth--) {
        pyobj_read((PyObj *)f);
        f = f->back ? (PyFrame *)pyval_obj(f->back) : NULL;
    }
    if (f == NULL)
        return pyerr_format(pyexc_ValueError, "call stack is not deep enough");
    return pyval_from_obj((PyObj *)f);
}
