/* tuplemethods.c -- tuple's methods (count, index) and repetition
 * (tuple * n, n * tuple).  Items are compared with ==, which may run
 * Python code: the tuple and the item searched for stay on the shadow
 * stack and are read back from it after each comparison.
 */
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "listobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdint.h>

/* the first i in [start, stop) with self[i] == x; -1: none, -2: error */
static int64_t find_item(pyval self, pyval x, int64_t start, int64_t stop)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    PY_PUSHV(x);
    int64_t found = -1;
    for (int64_t i = start; i < stop; i++) {
        self = (pyval)saved[0].ss;
        if (i >= pytuple_size(self))
            break;
        int eq = pyobj_eq(pytuple_get(self, i), (pyval)saved[1].ss);
        if (eq != 0) {
            found = eq < 0 ? -2 : i;
            break;
        }
    }
    pyrt_tl.shadowstack = saved;
    return found;
}

static pyval tuple_index(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("tuple.index", kwnames) < 0 ||
        pyarg_count("index", nargs, 1, 3) < 0)
        return 0;
    int64_t start = 0, stop = INT64_MAX;
    PY_PUSHV(self);
    int r = 0;
    if (nargs > 1)
        r = pyseq_slice_index(args[1], &start);
    if (r == 0 && nargs > 2)
        r = pyseq_slice_index(args[2], &stop);
    PY_POPV(self);
    if (r < 0)
        return 0;
    int64_t n = pytuple_size(self);
    if (start < 0 && (start += n) < 0)
        start = 0;
    if (stop < 0 && (stop += n) < 0)
        stop = 0;
    int64_t i = find_item(self, args[0], start, stop);
    if (i == -2)
        return 0;
    if (i < 0)
        return pyerr_format(pyexc_ValueError, "tuple.index(x): x not in tuple");
    return pyval_from_int(i);
}

static pyval tuple_count(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("tuple.count", kwnames) < 0 ||
        pyarg_count("tuple.count", nargs, 1, 1) < 0)
        return 0;
    int64_t count = 0;
    for (int64_t i = 0;; i++) {
        int64_t found = find_item(self, args[0], i, INT64_MAX);
        if (found == -2)
            return 0;
        if (found < 0)
            break;
        count++;
        i = found;
    }
    return pyval_from_int(count);
}

const struct pymethod_def pytuple_methods[] = {
    {"count", tuple_count, 0, NULL},
    {"index", tuple_index, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static bool is_tuple(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_TUPLE;
}

/* tuple * n and n * tuple (a subclass repeats into a plain tuple) */
pyval pytuple_repeat(pyval a, pyval b)
{
    pyval tuple = is_tuple(a) ? a : b;
    pyval count = tuple == a ? b : a;
    if (!pyval_is_int(count) && pyval_type(count)->slots->index == NULL)
        return py_NotImplemented; /* count's __rmul__, or the error */
    PY_PUSHV(tuple);
    pyval index = pynum_index(count);
    PY_POPV(tuple);
    if (index == 0)
        return 0;
    if (!pyval_is_int(index))
        return pyerr_format(pyexc_OverflowError,
                            "cannot fit 'int' into an index-sized integer");
    int64_t n = pyval_int(index), m = pytuple_size(tuple);
    if (n <= 0 || m == 0)
        return pytuple_empty;
    if (n == 1 && pyval_type(tuple) == pytype_tuple)
        return tuple;
    if (n > INT64_MAX / 8 / m)
        return pyerr_no_memory();
    PY_PUSHV(tuple);
    pyval result = pytuple_new(m * n);
    PY_POPV(tuple);
    if (result == 0)
        return 0;
    for (int64_t i = 0; i < m * n; i++)
        pytuple_init_item(result, i, pytuple_get(tuple, i % m));
    return result;
}
