/* builtins_async.c -- aiter() and anext(): the asynchronous iteration
 * protocol's builtins.  pystm compiles no async code yet, but these work
 * with any object implementing __aiter__/__anext__ and awaitables driven
 * by hand; anext()'s awaitable with a default is lib/_pystm_anext.py.
 */
#include "../objects/abstract.h"
#include "../objects/classobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "builtins_exec.h"

/* whether *vp's type has 'name' (*vp is rooted: finding the name's str
   may allocate) */
static bool has_dunder(const pyval *vp, const char *name)
{
    pyval key = pystr_name(name);
    return key != 0 && pytype_lookup(pyval_type(*vp), key) != 0;
}

static pyval builtin_aiter(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("aiter", kwnames) < 0 ||
        pyarg_count("aiter", nargs, 1, 1) < 0)
        return 0;
    bool found;
    pyval it = pyobj_call_dunder(args[0], "__aiter__", NULL, 0, &found);
    if (!found) {
        if (!pyerr_occurred())
            pyerr_format(pyexc_TypeError,
                         "'%T' object is not an async iterable", args[0]);
        return 0;
    }
    if (it == 0)
        return 0;
    PY_PUSHV(it);
    bool ok = has_dunder((pyval *)pyrt_tl.shadowstack - 1, "__anext__");
    PY_POPV(it);
    if (!ok)
        return pyerr_format(pyexc_TypeError,
                            "aiter() returned not an async iterator of type "
                            "'%T'",
                            it);
    return it;
}

static pyval builtin_anext(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("anext", kwnames) < 0)
        return 0;
    if (nargs < 1 || nargs > 2)
        return pyerr_format(pyexc_TypeError,
                            nargs < 1
                                ? "anext expected at least 1 argument, got %zd"
                                : "anext expected at most 2 arguments, got %zd",
                            (long)nargs);
    if (!has_dunder(&args[0], "__anext__")) {
        if (!pyerr_occurred())
            pyerr_format(pyexc_TypeError,
                         "'%T' object is not an async iterator", args[0]);
        return 0;
    }
    bool found;
    pyval awaitable = pyobj_call_dunder(args[0], "__anext__", NULL, 0, &found);
    if (awaitable == 0 || nargs == 1)
        return awaitable;
    /* [awaitable, default]: the awaitable that turns StopAsyncIteration
       into the default */
    pyval *saved = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(awaitable);
    PY_PUSHV(args[1]);
    pyval r = 0;
    pyval modname = pystr_name("_pystm_anext");
    pyval mod = modname ? pyimport(modname, 0, 0, 0) : 0;
    pyval attr = mod ? pystr_name("anext_awaitable") : 0;
    pyval cls = attr ? pyobj_getattr(mod, attr) : 0;
    if (cls != 0)
        r = pyobj_call(cls, saved, 2, NULL);
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
    return r;
}

const struct pymethod_def pybuiltins_async_functions[] = {
    {"aiter", builtin_aiter, 0, NULL},
    {"anext", builtin_anext, 0, NULL},
    {NULL, NULL, 0, NULL},
};
