/* callargs.c -- the arguments of f(*x, **m) (CALL_FUNCTION_EX): the
 * positional tuple from any iterable, and keyword mappings merged with
 * duplicates refused, in CPython's words, which name the function as
 * "module.qualname()".
 */
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/listobject.h"
#include "../objects/strobject.h"
#include "../runtime/errors.h"
#include "vm.h"

#include <string.h>

#define SS(i) ((pyval)saved[i].ss)

/* obj.name, or 0 without an exception if it has none */
static pyval attr_or_none(pyval obj, const char *name)
{
    PY_PUSHV(obj);
    pyval key = pystr_name(name);
    PY_POPV(obj);
    if (key == 0)
        return 0;
    pyval r = pyobj_getattr(obj, key);
    if (r == 0 && pyerr_matches(pyexc_AttributeError))
        pyerr_clear();
    return r;
}

/* CPython's name of a callable in call errors: "mod.qualname()",
   "qualname()" for built-ins, str(func) if it has no __qualname__ */
static pyval function_str(pyval func)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(func);
    pyval r = 0;
    pyval qualname = attr_or_none(func, "__qualname__");
    if (qualname == 0) {
        r = pyerr_occurred() ? 0 : pyobj_str(SS(0));
        goto done;
    }
    qualname = pyobj_str(qualname);
    if (qualname == 0)
        goto done;
    PY_PUSHV(qualname);
    pyval module = attr_or_none(SS(0), "__module__");
    if (module == 0 && pyerr_occurred())
        goto done;
    if (module != 0 && module != py_None) {
        module = pyobj_str(module);
        if (module == 0)
            goto done;
        if (strcmp(pystr_utf8(module), "builtins") != 0) {
            r = pystr_from_format("%U.%U()", module, SS(1));
            goto done;
        }
    }
    r = pystr_from_format("%U()", SS(1));
done:
    pyrt_tl.shadowstack = saved;
    return r;
}

pyval pyvm_star_args(pyval func, pyval v)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(v);
    pyval r = 0;
    if (!pyobj_iterable(v)) {
        pyval fs = function_str(func);
        if (fs != 0)
            pyerr_format(pyexc_TypeError,
                         "%U argument after * must be an iterable, not %T", fs,
                         SS(0));
        goto done;
    }
    pyval list = pylist_from_iterable(SS(0));
    r = list ? pylist_as_tuple(list) : 0;
done:
    pyrt_tl.shadowstack = saved;
    return r;
}

int pyvm_merge_kwargs(pyval func, pyval dict, pyval other)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(func);  /* 0 */
    PY_PUSHV(dict);  /* 1 */
    PY_PUSHV(other); /* 2 */
    int r = -1;
    /* a copy first: any mapping's items, then the check for duplicates */
    pyval items = pydict_new();
    PY_PUSHV(items); /* 3 */
    if (items == 0)
        goto done;
    if (pydict_merge(SS(3), SS(2), true) < 0) {
        /* no keys(): not a mapping */
        if (pyerr_matches(pyexc_AttributeError)) {
            pyerr_clear();
            pyval fs = function_str(SS(0));
            if (fs != 0)
                pyerr_format(pyexc_TypeError,
                             "%U argument after ** must be a mapping, not %T",
                             fs, SS(2));
        }
        goto done;
    }
    int64_t pos = 0;
    pyval k, v;
    while (pydict_next(SS(3), &pos, &k, &v)) {
        PY_PUSHV(k); /* 4 */
        int has = pydict_contains(SS(1), k);
        if (has < 0)
            goto done;
        if (has) {
            pyval ks = pyobj_str(SS(4));
            if (ks == 0)
                goto done;
            PY_PUSHV(ks); /* 5 */
            pyval fs = function_str(SS(0));
            if (fs != 0)
                pyerr_format(pyexc_TypeError,
                             "%U got multiple values for keyword argument "
                             "'%U'",
                             fs, SS(5));
            goto done;
        }
        PY_DROP();
    }
    r = pydict_merge(SS(1), SS(3), true);
done:
    pyrt_tl.shadowstack = saved;
    return r;
}
