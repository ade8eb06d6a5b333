/* genobject.c -- generator objects: resuming the suspended frame with a
 * value (next, send), with an exception (throw), and closing it.  The
 * frame is an ordinary heap frame; while suspended it holds the ip after
 * its YIELD_VALUE and its stack, and resuming pushes the sent value as
 * the result of that yield.
 */
#include "genobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../vm/vm.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdio.h>

PyType *pytype_generator;

void pygen_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pygen_s *g = (struct pygen_s *)o;
    pyval_visit(&g->frame, visit);
    pyval_visit(&g->name, visit);
    pyval_visit(&g->qualname, visit);
}

pyval pygen_new(pyval frame, pyval name, pyval qualname)
{
    PY_PUSHV(frame);
    PY_PUSHV(name);
    PY_PUSHV(qualname);
    PyGen *g = (PyGen *)pyobj_alloc(sizeof(struct pygen_s), PYL_GENERATOR,
                                    pytype_generator);
    PY_POPV(qualname);
    PY_POPV(name);
    PY_POPV(frame);
    g->frame = frame;
    g->name = name;
    g->qualname = qualname;
    g->state = PYGEN_CREATED;
    PyFrame *f = (PyFrame *)pyval_obj(frame);
    pyobj_write((PyObj *)f);
    f->flags |= PYFRAME_GENERATOR;
    return pyval_from_obj((PyObj *)g);
}

static void set_state(pyval gen, int64_t state)
{
    PyGen *g = (PyGen *)pyval_obj(gen);
    pyobj_write((PyObj *)g);
    g->state = state;
    if (state == PYGEN_CLOSED)
        g->frame = 0;
}

/* resumes: value pushed (not at the first start), or an exception
   thrown in when 'throwing' */
static pyval resume(pyval gen, pyval value, bool throwing, bool *returned)
{
    *returned = false;
    PyGen *g = (PyGen *)pyval_obj(gen);
    pyobj_read((PyObj *)g);
    if (g->state == PYGEN_RUNNING)
        return pyerr_format(pyexc_ValueError, "generator already executing");
    if (g->state == PYGEN_CLOSED || g->frame == 0) {
        if (throwing)
            return 0; /* the exception goes on as it is */
        return 0;     /* exhausted: StopIteration without value */
    }
    if (g->state == PYGEN_CREATED && value != py_None && !throwing)
        return pyerr_format(pyexc_TypeError,
                            "can't send non-None value to a just-started "
                            "generator");
    PyFrame *f = (PyFrame *)pyval_obj(g->frame);
    pyobj_write((PyObj *)f);
    if (g->state == PYGEN_SUSPENDED && !throwing)
        f->slot[f->stack_base + f->sp++] = value;
    set_state(gen, PYGEN_RUNNING);
    PY_PUSHV(gen);
    g = (PyGen *)pyval_obj(gen);
    pyval r = pyvm_resume((PyFrame *)pyval_obj(g->frame), throwing);
    bool y = pyvm_yielded();
    PY_POPV(gen);
    if (r != 0 && y) {
        set_state(gen, PYGEN_SUSPENDED);
        return r;
    }
    set_state(gen, PYGEN_CLOSED);
    if (r == 0) {
        /* an exception: StopIteration raised inside becomes RuntimeError */
        if (pyerr_matches(pyexc_StopIteration)) {
            /* ... caused by it, as CPython chains them */
            pyval stop = pyerr_fetch();
            PY_PUSHV(stop);
            pyerr_format(pyexc_RuntimeError, "generator raised StopIteration");
            PY_POPV(stop);
            pyval exc = pyerr_occurred();
            if (exc != 0 && pyval_is_obj(exc) &&
                pyval_obj(exc)->layout == PYL_EXCEPTION && pyval_is_obj(stop) &&
                pyval_obj(stop)->layout == PYL_EXCEPTION) {
                PyExc *e = (PyExc *)pyval_obj(exc);
                pyobj_write((PyObj *)e);
                e->cause = stop;
                e->context = stop;
                e->suppress_context = 1;
            }
            return 0;
        }
        return 0;
    }
    /* returned */
    if (r != py_None) {
        *returned = true;
        PY_PUSHV(r);
        pyval args = pytuple_pack(1, r);
        PY_DROP();
        if (args == 0)
            return 0;
        pyerr_set(pyexc_new(pyexc_StopIteration, args));
    }
    return 0;
}

pyval pygen_send(pyval gen, pyval value, bool *returned)
{
    return resume(gen, value, false, returned);
}

static pyval gen_iternext(pyval self)
{
    bool returned;
    return resume(self, py_None, false, &returned);
}

static pyval gen_iter(pyval self)
{
    return self;
}

static pyval gen_send_method(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("send", kwnames) < 0 ||
        pyarg_count("send", nargs, 1, 1) < 0)
        return 0;
    bool returned;
    pyval r = resume(self, args[0], false, &returned);
    if (r == 0 && !pyerr_occurred())
        pyerr_set_none(pyexc_StopIteration);
    return r;
}

static pyval gen_throw(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("throw", kwnames) < 0 ||
        pyarg_count("throw", nargs, 1, 3) < 0)
        return 0;
    pyval exc = args[0];
    if (pyval_is_obj(exc) && pyval_obj(exc)->layout == PYL_TYPE) {
        PY_PUSHV(self);
        exc = nargs > 1 && args[1] != py_None
                  ? pyobj_call(exc, args + 1, 1, NULL)
                  : pyobj_call(exc, NULL, 0, NULL);
        PY_POPV(self);
        if (exc == 0)
            return 0;
    }
    if (!pyval_is_obj(exc) || pyval_obj(exc)->layout != PYL_EXCEPTION)
        return pyerr_format(pyexc_TypeError,
                            "exceptions must be classes or instances deriving "
                            "from BaseException, not %T",
                            exc);
    PyGen *g = (PyGen *)pyval_obj(self);
    pyerr_set(exc);
    if (g->state == PYGEN_CREATED) {
        /* never started: it closes, and the exception escapes */
        set_state(self, PYGEN_CLOSED);
        return 0;
    }
    bool returned;
    pyval r = resume(self, py_None, true, &returned);
    if (r == 0 && !pyerr_occurred())
        pyerr_set_none(pyexc_StopIteration);
    return r;
}

static pyval gen_close(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_count("close", nargs, 0, 0) < 0)
        return 0;
    PyGen *g = (PyGen *)pyval_obj(self);
    if (g->state != PYGEN_SUSPENDED) {
        set_state(self, PYGEN_CLOSED);
        return py_None;
    }
    PY_PUSHV(self);
    pyval exc = pyexc_new(pyexc_GeneratorExit, pytuple_empty);
    PY_POPV(self);
    pyerr_set(exc);
    bool returned;
    pyval r = resume(self, py_None, true, &returned);
    if (r != 0)
        return pyerr_format(pyexc_RuntimeError,
                            "generator ignored GeneratorExit");
    if (pyerr_occurred() == 0 || pyerr_matches(pyexc_GeneratorExit) ||
        pyerr_matches(pyexc_StopIteration)) {
        pyerr_clear();
        return py_None;
    }
    return 0;
}

static pyval gen_repr(pyval self)
{
    PyGen *g = (PyGen *)pyval_obj(self);
    char buf[300];
    snprintf(buf, sizeof(buf), "<generator object %s at 0x%lx>",
             pystr_utf8(g->qualname), (unsigned long)stm_id((object_t *)self));
    return pystr_from_cstr(buf);
}

static const struct pymethod_def gen_methods[] = {
    {"send", gen_send_method, 0, NULL},
    {"throw", gen_throw, 0, NULL},
    {"close", gen_close, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct pytype_slots gen_slots = {
    .repr = gen_repr,
    .iter = gen_iter,
    .iternext = gen_iternext,
    .methods = gen_methods,
};

void pygen_setup_types(void)
{
    pytype_generator =
        pytype_new_builtin("generator", &gen_slots, PYL_GENERATOR, NULL, 0);
}
