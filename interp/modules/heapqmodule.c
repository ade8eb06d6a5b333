/* heapqmodule.c -- _heapq: the heap primitives of heapq in C (heappush,
 * heappop, heapify, heapreplace, heappushpop); interp/lib/heapq.py
 * imports them over its Python versions and keeps nlargest, nsmallest
 * and merge.
 *
 * The items move exactly as in the Python versions (and CPython's), so
 * heaps print the same: sinking a item descends along the smaller
 * children to a leaf, then bubbles the item back up.  Comparing items
 * may run Python code, which may allocate (objects move) and may even
 * change the list: the list and the items being compared stay on the
 * shadow stack, and a change of size is CPython's RuntimeError.
 */
#include "../objects/abstract.h"
#include "../objects/exceptionobject.h"
#include "../objects/funcobject.h"
#include "../objects/listobject.h"
#include "../objects/moduleobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "modules.h"

#include <stdio.h>

/* a < b: 1, 0, or -1 with an exception set */
static int less_than(pyval a, pyval b)
{
    if (pyval_is_int(a) && pyval_is_int(b))
        return pyval_int(a) < pyval_int(b);
    pyval r = pyobj_richcompare(a, b, PYCMP_LT);
    if (r == 0)
        return -1;
    if (r == py_True)
        return 1;
    if (r == py_False)
        return 0;
    return pyobj_truth(r);
}

static int changed_size(void)
{
    pyerr_format(pyexc_RuntimeError, "list changed size during iteration");
    return -1;
}

/* heap[pos] moves towards the root while smaller than its parent
   (the Python version's _bubble_up) */
static int bubble_up(pyval heap, int64_t startpos, int64_t pos)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    int64_t size = pylist_len(heap);
    pyval newitem = pylist_get(heap, pos);
    PY_PUSHV(heap);    /* 0 */
    PY_PUSHV(newitem); /* 1 */
    PY_PUSHV(0);       /* 2: the parent being compared */
    int r = 0;
    while (pos > startpos) {
        int64_t parentpos = (pos - 1) >> 1;
        pyval parent = pylist_get((pyval)saved[0].ss, parentpos);
        saved[2].ss = (object_t *)parent;
        int less = less_than((pyval)saved[1].ss, parent);
        if (less < 0) {
            r = -1;
            break;
        }
        if (pylist_len((pyval)saved[0].ss) != size) {
            r = changed_size();
            break;
        }
        if (!less)
            break;
        pylist_set((pyval)saved[0].ss, pos, (pyval)saved[2].ss);
        pos = parentpos;
    }
    if (r == 0)
        pylist_set((pyval)saved[0].ss, pos, (pyval)saved[1].ss);
    pyrt_tl.shadowstack = saved;
    return r;
}

/* heap[pos] sinks: the smaller child moves up until a leaf is reached,
   the item goes there and bubbles back up (the Python _sink) */
static int sink(pyval heap, int64_t pos)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    int64_t endpos = pylist_len(heap), startpos = pos;
    pyval newitem = pylist_get(heap, pos);
    PY_PUSHV(heap);    /* 0 */
    PY_PUSHV(newitem); /* 1 */
    PY_PUSHV(0);       /* 2, 3: the children being compared */
    PY_PUSHV(0);
    int64_t childpos = 2 * pos + 1;
    while (childpos < endpos) {
        int64_t rightpos = childpos + 1;
        if (rightpos < endpos) {
            saved[2].ss = (object_t *)pylist_get((pyval)saved[0].ss, childpos);
            saved[3].ss = (object_t *)pylist_get((pyval)saved[0].ss, rightpos);
            int less = less_than((pyval)saved[2].ss, (pyval)saved[3].ss);
            if (less < 0) {
                pyrt_tl.shadowstack = saved;
                return -1;
            }
            if (pylist_len((pyval)saved[0].ss) != endpos) {
                pyrt_tl.shadowstack = saved;
                return changed_size();
            }
            if (!less)
                childpos = rightpos;
        }
        pyval child = pylist_get((pyval)saved[0].ss, childpos);
        pylist_set((pyval)saved[0].ss, pos, child);
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    pylist_set((pyval)saved[0].ss, pos, (pyval)saved[1].ss);
    heap = (pyval)saved[0].ss;
    pyrt_tl.shadowstack = saved;
    return bubble_up(heap, startpos, pos);
}

/* CPython's argument messages for the heap functions */
static int check_args(const char *name, size_t nargs, size_t expected,
                      PyObj *kwnames)
{
    if (nargs == expected && !pyarg_has_keywords(kwnames))
        return 0; /* the common case: no message to prepare */
    char qualified[40];
    snprintf(qualified, sizeof(qualified), "_heapq.%s", name);
    if (pyarg_no_keywords(qualified, kwnames) < 0)
        return -1;
    if (expected == 1)
        return pyarg_count(qualified, nargs, 1, 1);
    pyerr_format(pyexc_TypeError, "%s expected %d arguments, got %d", name,
                 (int)expected, (int)nargs);
    return -1;
}

static int check_list(pyval heap, const char *function, bool numbered)
{
    if (pylist_check(heap))
        return 0;
    pyerr_format(pyexc_TypeError, "%s() argument %smust be list, not %T",
                 function, numbered ? "1 " : "", heap);
    return -1;
}

static pyval heapq_heappush(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    if (check_args("heappush", nargs, 2, kwnames) < 0 ||
        check_list(args[0], "heappush", true) < 0)
        return 0;
    if (pylist_append(args[0], args[1]) < 0)
        return 0;
    if (bubble_up(args[0], 0, pylist_len(args[0]) - 1) < 0)
        return 0;
    return py_None;
}

/* removes and returns the last item of a non-empty list */
static pyval pop_last(pyval heap)
{
    int64_t n = pylist_len(heap);
    pyval last = pylist_get(heap, n - 1);
    PY_PUSHV(last);
    int r = pylist_set_slice(heap, n - 1, n, 1, 0);
    PY_POPV(last);
    return r < 0 ? 0 : last;
}

/* returns heap[0] and puts item there, sinking it */
static pyval replace_top(pyval heap, pyval item)
{
    pyval top = pylist_get(heap, 0);
    pylist_set(heap, 0, item);
    PY_PUSHV(top);
    int r = sink(heap, 0);
    PY_POPV(top);
    return r < 0 ? 0 : top;
}

static pyval heapq_heappop(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (check_args("heappop", nargs, 1, kwnames) < 0 ||
        check_list(args[0], "heappop", false) < 0)
        return 0;
    if (pylist_len(args[0]) == 0)
        return pyerr_format(pyexc_IndexError, "index out of range");
    pyval last = pop_last(args[0]);
    if (last == 0 || pylist_len(args[0]) == 0)
        return last;
    return replace_top(args[0], last);
}

static pyval heapq_heapreplace(pyval self, const pyval *args, size_t nargs,
                               PyObj *kwnames)
{
    if (check_args("heapreplace", nargs, 2, kwnames) < 0 ||
        check_list(args[0], "heapreplace", true) < 0)
        return 0;
    if (pylist_len(args[0]) == 0)
        return pyerr_format(pyexc_IndexError, "index out of range");
    return replace_top(args[0], args[1]);
}

static pyval heapq_heappushpop(pyval self, const pyval *args, size_t nargs,
                               PyObj *kwnames)
{
    if (check_args("heappushpop", nargs, 2, kwnames) < 0 ||
        check_list(args[0], "heappushpop", true) < 0)
        return 0;
    if (pylist_len(args[0]) == 0)
        return args[1];
    int less = less_than(pylist_get(args[0], 0), args[1]);
    if (less < 0)
        return 0;
    if (!less)
        return args[1];
    if (pylist_len(args[0]) == 0)
        return pyerr_format(pyexc_IndexError, "index out of range");
    return replace_top(args[0], args[1]);
}

static pyval heapq_heapify(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (check_args("heapify", nargs, 1, kwnames) < 0 ||
        check_list(args[0], "heapify", false) < 0)
        return 0;
    /* the arguments live on the shadow stack: args[0] stays current */
    for (int64_t pos = pylist_len(args[0]) / 2 - 1; pos >= 0; pos--) {
        if (sink(args[0], pos) < 0)
            return 0;
    }
    return py_None;
}

static const struct pymethod_def heapq_functions[] = {
    {"heappush", heapq_heappush, 0, NULL},
    {"heappop", heapq_heappop, 0, NULL},
    {"heapreplace", heapq_heapreplace, 0, NULL},
    {"heappushpop", heapq_heappushpop, 0, NULL},
    {"heapify", heapq_heapify, 0, NULL},
    {NULL, NULL, 0, NULL},
};

int pymod_heapq_init(pyval module, pyval *dictp)
{
    for (const struct pymethod_def *m = heapq_functions; m->name; m++) {
        pyval fn = pybuiltin_new(m, 0);
        if (fn == 0 || pymodule_add(dictp, m->name, fn) < 0)
            return -1;
    }
    return 0;
}
