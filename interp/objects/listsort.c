/* listsort.c -- list.sort(): a stable timsort.
 *
 * The algorithm: find natural runs (non-descending, or strictly
 * descending and then reversed), extend short ones to 'minrun' with a
 * binary insertion sort, push them on a stack of pending runs, and
 * merge neighbours.  A merge first
 * gallops to skip the prefix of A and the suffix of B that are already
 * in place, copies the shorter run to a temporary array, and merges from
 * that end; when one side keeps winning, it switches from one-by-one to
 * galloping (exponential then binary search), and min_gallop adapts to
 * how well galloping pays.  Which runs merge when is powersort's rule
 * (CPython 3.11's): any policy gives the same result for consistent
 * comparisons, since a stable sort's output is unique, but the same
 * policy also makes the same comparisons in the same order, so a failing
 * or inconsistent __lt__ behaves as under CPython.
 *
 * Memory.  The list is detached while it is sorted (it looks empty;
 * its storage is replaced by a fresh empty sentinel, so any change by
 * user code is seen afterwards and reported as "list modified during
 * sort", CPython's behaviour).  The items, the keys (key=) and the two
 * temporary arrays are heap objects on the shadow stack: a comparison
 * may run Python code, allocate and move them, so their addresses are
 * re-fetched (with a write barrier) after every comparison, and a value
 * held across a comparison is re-read from its array or rooted.
 *
 * Comparisons go through pyobj_richcompare(LT) unless every key is a
 * small int, an exact str or an exact float: then directly.
 */
#include "listobject.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "floatobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <string.h>

#define MIN_GALLOP 7
#define MAX_RUNS   85

/* what the sort keeps on the shadow stack: its arrays (KEYS == VALS
   without key=) and the list, key function and sentinel storage */
enum { KEYS, VALS, TKEYS, TVALS, LIST, KEYFN, SENTINEL, NROOTS };

#define ROOTED(s, which) ((pyval)(uintptr_t)(s)->root[which].ss)

enum fastcmp { CMP_GENERIC, CMP_INT, CMP_STR, CMP_FLOAT };

struct sortstate {
    struct stm_shadowentry_s *root; /* root[KEYS..SENTINEL] */
    bool has_values;                /* key=: values move with the keys */
    enum fastcmp fast;
    int64_t min_gallop;
    int nruns;
    int64_t run_base[MAX_RUNS];
    int64_t run_len[MAX_RUNS];
    int run_power[MAX_RUNS];
    int64_t n; /* the list's length */
};

/* an array's items, writable: valid until the next comparison */
static inline pyval *arr(struct sortstate *s, int which)
{
    PyObj *o = (PyObj *)s->root[which].ss;
    pyobj_write(o);
    return pyvalues_items_real(o);
}

/* Is a < b?  1, 0, or -1 on error. */
static int lt(struct sortstate *s, pyval a, pyval b)
{
    switch (s->fast) {
    case CMP_INT:
        return pyval_int(a) < pyval_int(b);
    case CMP_STR:
        return pystr_compare(a, b) < 0;
    case CMP_FLOAT:
        return pyfloat_value(a) < pyfloat_value(b);
    default:
        break;
    }
    pyval r = pyobj_richcompare(a, b, PYCMP_LT);
    if (r == 0)
        return -1;
    if (r == py_True)
        return 1;
    if (r == py_False)
        return 0;
    return pyobj_truth(r);
}

/* compare two items given by (array, index): re-read after the call */
static int lt_at(struct sortstate *s, int wa, int64_t ia, int wb, int64_t ib)
{
    return lt(s, arr(s, wa)[ia], arr(s, wb)[ib]);
}

/* copy n items (and their values) between arrays; overlapping is fine */
static void move(struct sortstate *s, int to, int64_t dst, int from,
                 int64_t src, int64_t n)
{
    if (n <= 0)
        return;
    memmove(arr(s, to) + dst, arr(s, from) + src, (size_t)n * sizeof(pyval));
    if (s->has_values)
        memmove(arr(s, to + 1) + dst, arr(s, from + 1) + src,
                (size_t)n * sizeof(pyval));
}

static void put(struct sortstate *s, int to, int64_t dst, int from, int64_t src)
{
    arr(s, to)[dst] = arr(s, from)[src];
    if (s->has_values)
        arr(s, to + 1)[dst] = arr(s, from + 1)[src];
}

static void reverse_range(struct sortstate *s, int64_t lo, int64_t hi)
{
    for (int w = KEYS; w <= (s->has_values ? VALS : KEYS); w++) {
        pyval *a = arr(s, w);
        for (int64_t i = lo, j = hi - 1; i < j; i++, j--) {
            pyval t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

/* [lo, start) is sorted: insert [start, hi) one by one */
static int binary_insertion(struct sortstate *s, int64_t lo, int64_t hi,
                            int64_t start)
{
    for (int64_t i = start; i < hi; i++) {
        int64_t l = lo, r = i;
        while (l < r) {
            int64_t p = l + ((r - l) >> 1);
            int c = lt_at(s, KEYS, i, KEYS, p);
            if (c < 0)
                return -1;
            if (c)
                r = p;
            else
                l = p + 1;
        }
        /* the pivot is still at i: comparisons never move items */
        for (int w = KEYS; w <= (s->has_values ? VALS : KEYS); w++) {
            pyval *a = arr(s, w);
            pyval pivot = a[i];
            memmove(a + l + 1, a + l, (size_t)(i - l) * sizeof(pyval));
            a[l] = pivot;
        }
    }
    return 0;
}

/* the length of the run at lo (reversed in place if descending) */
static int64_t count_run(struct sortstate *s, int64_t lo, int64_t hi)
{
    if (lo + 1 == hi)
        return 1;
    int c = lt_at(s, KEYS, lo + 1, KEYS, lo);
    if (c < 0)
        return -1;
    int64_t i = lo + 2;
    if (c) {
        for (; i < hi; i++) {
            c = lt_at(s, KEYS, i, KEYS, i - 1);
            if (c < 0)
                return -1;
            if (!c)
                break;
        }
        reverse_range(s, lo, i);
    } else {
        for (; i < hi; i++) {
            c = lt_at(s, KEYS, i, KEYS, i - 1);
            if (c < 0)
                return -1;
            if (c)
                break;
        }
    }
    return i - lo;
}

/* The key being galloped is on the shadow stack (ROOTED_KEY) while it
   runs.  gallop_left: the k in [0, n] with a[k-1] < key <= a[k];
   gallop_right: a[k-1] <= key < a[k] (a = array w from base). */
#define ROOTED_KEY ((pyval)(uintptr_t)pyrt_tl.shadowstack[-1].ss)

static int64_t gallop(struct sortstate *s, bool right, pyval key, int w,
                      int64_t base, int64_t n, int64_t hint)
{
    PY_PUSHV(key);
    int64_t lastofs = 0, ofs = 1, result = -1;
    int c;
    /* "goes after a[hint]": left: a[hint] < key; right: !(key < a[hint]) */
#define AFTER(idx)                                                            \
    (right ? ((c = lt(s, ROOTED_KEY, arr(s, w)[base + (idx)])) < 0 ? -1 : !c) \
           : lt(s, arr(s, w)[base + (idx)], ROOTED_KEY))
    c = AFTER(hint);
    if (c < 0)
        goto done;
    if (c) {
        int64_t maxofs = n - hint;
        while (ofs < maxofs) {
            c = AFTER(hint + ofs);
            if (c < 0)
                goto done;
            if (!c)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    } else {
        int64_t maxofs = hint + 1;
        while (ofs < maxofs) {
            c = AFTER(hint - ofs);
            if (c < 0)
                goto done;
            if (c)
                break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs)
            ofs = maxofs;
        int64_t k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    /* the answer is in (lastofs, ofs]: binary search */
    lastofs++;
    while (lastofs < ofs) {
        int64_t m = lastofs + ((ofs - lastofs) >> 1);
        c = AFTER(m);
        if (c < 0)
            goto done;
        if (c)
            lastofs = m + 1;
        else
            ofs = m;
    }
    result = ofs;
#undef AFTER
done:
    PY_DROP();
    return result;
}

static int64_t gallop_left(struct sortstate *s, pyval key, int w, int64_t base,
                           int64_t n, int64_t hint)
{
    return gallop(s, false, key, w, base, n, hint);
}

static int64_t gallop_right(struct sortstate *s, pyval key, int w, int64_t base,
                            int64_t n, int64_t hint)
{
    return gallop(s, true, key, w, base, n, hint);
}

/* merge A = [pa, pa+na) and B = [pb, pb+nb) (adjacent, na <= nb) by
   copying A to the temporary arrays */
static int merge_lo(struct sortstate *s, int64_t pa, int64_t na, int64_t pb,
                    int64_t nb)
{
    int64_t dest = pa;
    move(s, TKEYS, 0, KEYS, pa, na);
    pa = 0; /* now in TKEYS */
    int result = 0;
    int64_t mg = s->min_gallop;
    put(s, KEYS, dest++, KEYS, pb++);
    nb--;
    if (nb == 0)
        goto succeed;
    if (na == 1)
        goto copy_b;
    for (;;) {
        int64_t acount = 0, bcount = 0;
        for (;;) {
            int c = lt_at(s, KEYS, pb, TKEYS, pa);
            if (c < 0)
                goto fail;
            if (c) {
                put(s, KEYS, dest++, KEYS, pb++);
                nb--;
                bcount++;
                acount = 0;
                if (nb == 0)
                    goto succeed;
                if (bcount >= mg)
                    break;
            } else {
                put(s, KEYS, dest++, TKEYS, pa++);
                na--;
                acount++;
                bcount = 0;
                if (na == 1)
                    goto copy_b;
                if (acount >= mg)
                    break;
            }
        }
        mg++;
        do {
            mg -= mg > 1;
            s->min_gallop = mg;
            int64_t k = gallop_right(s, arr(s, KEYS)[pb], TKEYS, pa, na, 0);
            if (k < 0)
                goto fail;
            acount = k;
            if (k) {
                move(s, KEYS, dest, TKEYS, pa, k);
                dest += k;
                pa += k;
                na -= k;
                if (na == 1)
                    goto copy_b;
                if (na == 0) /* only with an inconsistent order */
                    goto succeed;
            }
            put(s, KEYS, dest++, KEYS, pb++);
            nb--;
            if (nb == 0)
                goto succeed;
            k = gallop_left(s, arr(s, TKEYS)[pa], KEYS, pb, nb, 0);
            if (k < 0)
                goto fail;
            bcount = k;
            if (k) {
                move(s, KEYS, dest, KEYS, pb, k);
                dest += k;
                pb += k;
                nb -= k;
                if (nb == 0)
                    goto succeed;
            }
            put(s, KEYS, dest++, TKEYS, pa++);
            na--;
            if (na == 1)
                goto copy_b;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        mg++;
        s->min_gallop = mg;
    }
fail:
    result = -1;
succeed:
    move(s, KEYS, dest, TKEYS, pa, na);
    return result;
copy_b:
    /* the last of A goes after the rest of B */
    move(s, KEYS, dest, KEYS, pb, nb);
    put(s, KEYS, dest + nb, TKEYS, pa);
    return 0;
}

/* the same from the right, copying B (nb <= na) */
static int merge_hi(struct sortstate *s, int64_t pa, int64_t na, int64_t pb,
                    int64_t nb)
{
    int64_t dest = pb + nb - 1;
    move(s, TKEYS, 0, KEYS, pb, nb);
    int64_t basea = pa;
    pa = pa + na - 1; /* last of A, in KEYS */
    pb = nb - 1;      /* last of B, in TKEYS */
    int result = 0;
    int64_t mg = s->min_gallop;
    put(s, KEYS, dest--, KEYS, pa--);
    na--;
    if (na == 0)
        goto succeed;
    if (nb == 1)
        goto copy_a;
    for (;;) {
        int64_t acount = 0, bcount = 0;
        for (;;) {
            int c = lt_at(s, TKEYS, pb, KEYS, pa);
            if (c < 0)
                goto fail;
            if (c) {
                put(s, KEYS, dest--, KEYS, pa--);
                na--;
                acount++;
                bcount = 0;
                if (na == 0)
                    goto succeed;
                if (acount >= mg)
                    break;
            } else {
                put(s, KEYS, dest--, TKEYS, pb--);
                nb--;
                bcount++;
                acount = 0;
                if (nb == 1)
                    goto copy_a;
                if (bcount >= mg)
                    break;
            }
        }
        mg++;
        do {
            mg -= mg > 1;
            s->min_gallop = mg;
            int64_t k =
                gallop_right(s, arr(s, TKEYS)[pb], KEYS, basea, na, na - 1);
            if (k < 0)
                goto fail;
            k = na - k;
            acount = k;
            if (k) {
                dest -= k;
                pa -= k;
                move(s, KEYS, dest + 1, KEYS, pa + 1, k);
                na -= k;
                if (na == 0)
                    goto succeed;
            }
            put(s, KEYS, dest--, TKEYS, pb--);
            nb--;
            if (nb == 1)
                goto copy_a;
            if (nb == 0) /* only with an inconsistent order */
                goto succeed;
            k = gallop_left(s, arr(s, KEYS)[pa], TKEYS, 0, nb, nb - 1);
            if (k < 0)
                goto fail;
            k = nb - k;
            bcount = k;
            if (k) {
                dest -= k;
                pb -= k;
                move(s, KEYS, dest + 1, TKEYS, pb + 1, k);
                nb -= k;
                if (nb == 1)
                    goto copy_a;
                if (nb == 0)
                    goto succeed;
            }
            put(s, KEYS, dest--, KEYS, pa--);
            na--;
            if (na == 0)
                goto succeed;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        mg++;
        s->min_gallop = mg;
    }
fail:
    result = -1;
succeed:
    move(s, KEYS, dest - nb + 1, TKEYS, 0, nb);
    return result;
copy_a:
    /* the first of B goes before the rest of A */
    dest -= na;
    pa -= na;
    move(s, KEYS, dest + 1, KEYS, pa + 1, na);
    put(s, KEYS, dest, TKEYS, pb);
    return 0;
}

/* merge runs i and i+1 of the stack */
static int merge_at(struct sortstate *s, int i)
{
    int64_t pa = s->run_base[i], na = s->run_len[i];
    int64_t pb = s->run_base[i + 1], nb = s->run_len[i + 1];
    s->run_len[i] = na + nb;
    if (i == s->nruns - 3) {
        s->run_base[i + 1] = s->run_base[i + 2];
        s->run_len[i + 1] = s->run_len[i + 2];
        s->run_power[i + 1] = s->run_power[i + 2];
    }
    s->nruns--;
    /* where B's first goes in A: what is before stays */
    int64_t k = gallop_right(s, arr(s, KEYS)[pb], KEYS, pa, na, 0);
    if (k < 0)
        return -1;
    pa += k;
    na -= k;
    if (na == 0)
        return 0;
    /* where A's last goes in B: what is after stays */
    nb = gallop_left(s, arr(s, KEYS)[pa + na - 1], KEYS, pb, nb, nb - 1);
    if (nb <= 0)
        return (int)nb;
    return na <= nb ? merge_lo(s, pa, na, pb, nb) : merge_hi(s, pa, na, pb, nb);
}

/* The "power" of the boundary between the top run [s1, s1+n1) and a new
   run of n2 after it: the first bit where the binary expansions of their
   midpoints, as fractions of the list's length, differ.  Runs are
   merged while the boundary below has a higher power (powersort's
   policy, CPython's since 3.11: the same comparisons in the same
   order, so even inconsistent or failing comparisons behave alike). */
static int boundary_power(int64_t s1, int64_t n1, int64_t n2, int64_t n)
{
    /* twice the midpoints, to stay in integers */
    int64_t a = 2 * s1 + n1, b = a + n1 + n2;
    int power = 0;
    for (;;) {
        power++;
        if (a >= n) {
            a -= n;
            b -= n;
        } else if (b >= n) {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return power;
}

/* a run of n2 items starts after the top one: merge what must be */
static int found_run(struct sortstate *s, int64_t n2)
{
    if (s->nruns == 0)
        return 0;
    int top = s->nruns - 1;
    int power = boundary_power(s->run_base[top], s->run_len[top], n2, s->n);
    while (s->nruns > 1 && s->run_power[s->nruns - 2] > power) {
        if (merge_at(s, s->nruns - 2) < 0)
            return -1;
    }
    s->run_power[s->nruns - 1] = power;
    return 0;
}

static int merge_force_collapse(struct sortstate *s)
{
    int64_t *len = s->run_len;
    while (s->nruns > 1) {
        int k = s->nruns - 2;
        if (k > 0 && len[k - 1] < len[k + 1])
            k--;
        if (merge_at(s, k) < 0)
            return -1;
    }
    return 0;
}

static int64_t min_run(int64_t n)
{
    int64_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

static int timsort(struct sortstate *s, int64_t n)
{
    s->min_gallop = MIN_GALLOP;
    s->nruns = 0;
    s->n = n;
    if (n < 2)
        return 0;
    int64_t minrun = min_run(n), lo = 0, remaining = n;
    while (remaining > 0) {
        int64_t run = count_run(s, lo, lo + remaining);
        if (run < 0)
            return -1;
        if (run < minrun) {
            int64_t force = remaining < minrun ? remaining : minrun;
            if (binary_insertion(s, lo, lo + force, lo + run) < 0)
                return -1;
            run = force;
        }
        if (found_run(s, run) < 0)
            return -1;
        s->run_base[s->nruns] = lo;
        s->run_len[s->nruns] = run;
        s->nruns++;
        lo += run;
        remaining -= run;
    }
    return merge_force_collapse(s);
}

static enum fastcmp choose_compare(const pyval *keys, int64_t n)
{
    bool ints = true, strs = true, floats = true;
    for (int64_t i = 0; i < n; i++) {
        pyval k = keys[i];
        if (pyval_is_int(k)) {
            strs = floats = false;
            continue;
        }
        ints = false;
        PyObj *o = pyval_obj(k);
        if (o->type != pytype_str)
            strs = false;
        if (o->type != pytype_float)
            floats = false;
        if (!strs && !floats)
            return CMP_GENERIC;
    }
    return ints ? CMP_INT : strs ? CMP_STR : floats ? CMP_FLOAT : CMP_GENERIC;
}

int pylist_sort(pyval list, pyval key, bool reverse)
{
    if (key == py_None)
        key = 0;
    struct sortstate s;
    s.root = pyrt_tl.shadowstack;
    for (int i = 0; i < NROOTS; i++)
        PY_PUSHV(0);
    s.root[LIST].ss = (object_t *)list;
    s.root[KEYFN].ss = (object_t *)key;
    s.has_values = key != 0;
    PyObj *sentinel = pyvalues_new(0);
    s.root[SENTINEL].ss = (object_t *)sentinel;

    /* detach: the list looks empty, its storage is the sentinel */
    PyList *l = pylist(ROOTED(&s, LIST));
    pyobj_write((PyObj *)l);
    int64_t n = l->length;
    s.root[VALS].ss = (object_t *)(l->items ? l->items : sentinel);
    l->length = 0;
    l->items = sentinel;
    int result = 0;

    /* the keys: key(item) for each item, or the items themselves */
    if (key != 0) {
        PyObj *keys = pyvalues_new(n);
        s.root[KEYS].ss = (object_t *)keys;
        for (int64_t i = 0; i < n; i++) {
            PY_PUSHV(arr(&s, VALS)[i]);
            pyval k =
                pyobj_call(ROOTED(&s, KEYFN),
                           (const pyval *)(pyrt_tl.shadowstack - 1), 1, NULL);
            PY_DROP();
            if (k == 0) {
                result = -1;
                goto restore;
            }
            arr(&s, KEYS)[i] = k;
        }
    } else {
        s.root[KEYS].ss = s.root[VALS].ss;
    }
    int64_t half = n / 2 + 1;
    PyObj *tmp = pyvalues_new(half);
    s.root[TKEYS].ss = (object_t *)tmp;
    if (key != 0) {
        tmp = pyvalues_new(half);
        s.root[TVALS].ss = (object_t *)tmp;
    }
    s.fast = choose_compare(arr(&s, KEYS), n);

    /* reversed: reverse, sort stably, reverse back (equal items keep
       their order) */
    if (reverse)
        reverse_range(&s, 0, n);
    result = timsort(&s, n);
    if (reverse)
        reverse_range(&s, 0, n);

restore:
    /* the items go back; anything user code put in meanwhile is lost */
    l = pylist(ROOTED(&s, LIST));
    pyobj_write((PyObj *)l);
    bool modified = l->items != (PyObj *)s.root[SENTINEL].ss || l->length != 0;
    PyObj *items = (PyObj *)s.root[VALS].ss;
    l->items = n > 0 ? items : NULL;
    l->length = n;
    pyrt_tl.shadowstack = s.root;
    if (modified && result == 0) {
        pyerr_format(pyexc_ValueError, "list modified during sort");
        result = -1;
    }
    return result;
}

/* list.sort(*, key=None, reverse=False) */
pyval pylist_sort_method(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (nargs > 0)
        return pyerr_format(pyexc_TypeError,
                            "sort() takes no positional arguments");
    pyval key = 0, reverse = 0;
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    if (nkw > 2)
        return pyerr_format(pyexc_TypeError,
                            "sort() takes at most 2 keyword arguments (%zd "
                            "given)",
                            (long)nkw);
    for (int64_t i = 0; i < nkw; i++) {
        pyval name = pytuple_get(pyval_from_obj(kwnames), i);
        const char *text = pystr_utf8(name);
        if (strcmp(text, "key") == 0 && key == 0)
            key = args[nargs + (size_t)i];
        else if (strcmp(text, "reverse") == 0 && reverse == 0)
            reverse = args[nargs + (size_t)i];
        else if (strcmp(text, "key") == 0 || strcmp(text, "reverse") == 0)
            return pyerr_format(pyexc_TypeError,
                                "list.sort() got multiple values for keyword "
                                "argument '%U'",
                                name);
        else
            return pyerr_format(pyexc_TypeError,
                                "'%U' is an invalid keyword argument for "
                                "sort()",
                                name);
    }
    bool rev = false;
    if (reverse != 0) {
        PY_PUSHV(self);
        PY_PUSHV(key);
        pyval r = pynum_index(reverse);
        int64_t v = 0;
        int bad = r == 0 ? -1 : pyint_as_int64(r, &v);
        PY_POPV(key);
        PY_POPV(self);
        if (bad < 0 || v < INT32_MIN || v > INT32_MAX) {
            if (bad == 0 || pyerr_matches(pyexc_OverflowError)) {
                pyerr_clear();
                return pyerr_format(pyexc_OverflowError,
                                    "Python int too large to convert to C "
                                    "int");
            }
            return 0;
        }
        rev = v != 0;
    }
    return pylist_sort(self, key, rev) < 0 ? 0 : py_None;
}
