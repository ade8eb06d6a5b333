/* vmerrors.c -- CPython's wording for errors of the VM's operations that
 * the object helpers phrase generically: "cannot unpack non-iterable X
 * object" (a, b = x), "Value after * must be an iterable, not X" ([*x]),
 * "'X' object is not a mapping" ({**x}: checked first, as only a
 * mapping may be unpacked there).
 */
#include "../objects/abstract.h"
#include "../objects/exceptionobject.h"
#include "../objects/strobject.h"
#include "../objects/typeobject.h"
#include "../runtime/errors.h"
#include "vm.h"

#include <string.h>

/* does the type of *v have 'name'?  (errors count as yes) */
static bool type_has(const pyval *v, const char *name)
{
    pyval key = pystr_name(name);
    if (key == 0) {
        pyerr_clear();
        return true;
    }
    pyval r = pytype_lookup(pyval_type(*v), key);
    if (r == 0 && pyerr_occurred()) {
        pyerr_clear();
        return true;
    }
    return r != 0;
}

/* Replaces the current TypeError by 'fmt' (with %T for v's type) when v
   has neither method (a built-in type: has_slot false); leaves any other
   error as it is. */
static void rephrase(pyval v, const char *m1, const char *m2, bool has_slot,
                     const char *fmt)
{
    if (!pyerr_matches(pyexc_TypeError))
        return;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(pyerr_fetch());
    PY_PUSHV(v);
    const pyval *vp = (const pyval *)&saved[1].ss;
    bool has;
    if (pyval_type(v)->tflags & PYTYPE_HEAPTYPE)
        has = type_has(vp, m1) || type_has(vp, m2);
    else
        has = has_slot;
    v = *vp;
    pyval exc = (pyval)saved[0].ss;
    pyrt_tl.shadowstack = saved;
    if (has)
        pyerr_set(exc);
    else
        pyerr_format(pyexc_TypeError, fmt, v);
}

void pyvm_error_not_iterable(pyval v, const char *fmt)
{
    const struct pytype_slots *s = pyval_type(v)->slots;
    rephrase(v, "__iter__", "__getitem__",
             s == NULL || s->iter != NULL || s->getitem != NULL, fmt);
}

int pyvm_check_mapping(pyval v)
{
    if (pyval_is_obj(v) && pyval_obj(v)->layout == PYL_DICT)
        return 0;
    const struct pytype_slots *s = pyval_type(v)->slots;
    bool has = false;
    if (pyval_type(v)->tflags & PYTYPE_HEAPTYPE) {
        PY_PUSHV(v);
        has = type_has((const pyval *)&pyrt_tl.shadowstack[-1].ss, "keys");
        PY_POPV(v);
    } else {
        for (const struct pymethod_def *m = s ? s->methods : NULL; m && m->name;
             m++)
            has |= strcmp(m->name, "keys") == 0;
    }
    if (has)
        return 0;
    pyerr_format(pyexc_TypeError, "'%T' object is not a mapping", v);
    return -1;
}
