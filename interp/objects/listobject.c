/* listobject.c -- the list type: storage, C API, slots and methods
 * (the sort is in listsort.c).
 *
 * Storage.  A list points to a PYL_VALUES object of some capacity; the
 * items are its first 'length' slots, the rest hold 0.  Growing
 * allocates a new storage object with about 1/8 spare room and copies
 * the items over (amortized O(1) append); clear() drops the storage.
 * Two objects instead of one inline array: a list that grows keeps its
 * identity, and a thread that only reads a list's length does not
 * conflict with one that writes an item.
 *
 * Rules in this file.  Every function that allocates or runs Python
 * code (==, repr, iteration) keeps its lists on the shadow stack and
 * re-reads the length and storage afterwards: user code may have
 * changed the list (CPython's behaviours are kept: a loop bound is
 * re-checked on each step).  A barrier is taken again after any such
 * call, since a minor collection re-arms the write barrier of objects it
 * moves.  Real addresses of the items live only between allocations.
 */
#include "listobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/reprguard.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdlib.h>
#include <string.h>

PyType *pytype_list;
PyType *pytype_list_iterator;
PyType *pytype_list_reverseiterator;

/* beyond this many items, MemoryError (the heap would not hold them) */
#define MAX_ITEMS ((int64_t)1 << 36)

/* the value k entries down the shadow stack (1: the top) */
#define ROOT(k) ((pyval)(uintptr_t)pyrt_tl.shadowstack[-(k)].ss)

/* ------------------------------------------------------------ storage */

size_t pyvalues_gc_size(struct pyobj_s *o)
{
    struct pyvalues_s *v = (struct pyvalues_s *)o;
    return sizeof(struct pyvalues_s) + (size_t)v->capacity * sizeof(pyval);
}

void pyvalues_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyvalues_s *v = (struct pyvalues_s *)o;
    for (int64_t i = 0; i < v->capacity; i++)
        pyval_visit(&v->item[i], visit);
}

void pylist_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pylist_s *l = (struct pylist_s *)o;
    visit((object_t **)&l->items);
}

void pyseqiter_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    pyval_visit(&((struct pyseqiter_s *)o)->seq, visit);
}

PyObj *pyvalues_new(int64_t capacity)
{
    PyValues *v = (PyValues *)pyobj_alloc_builtin(
        sizeof(struct pyvalues_s) + (size_t)capacity * sizeof(pyval),
        PYL_VALUES, pytype_object);
    v->capacity = capacity;
    memset(pyvalues_items_real((PyObj *)v), 0,
           (size_t)capacity * sizeof(pyval));
    return (PyObj *)v;
}

static int64_t capacity_of(PyObj *storage)
{
    /* a storage object's capacity never changes: no barrier */
    return storage == NULL ? 0 : ((PyValues *)storage)->capacity;
}

/* The items for reading (after the list's read barrier); NULL when the
   list has no storage. */
static pyval *items_for_read(PyList *l)
{
    pyobj_read((PyObj *)l);
    PyObj *st = l->items;
    if (st == NULL)
        return NULL;
    pyobj_read(st);
    return pyvalues_items_real(st);
}

static pyval *items_for_write(PyList *l)
{
    pyobj_read((PyObj *)l);
    PyObj *st = l->items;
    if (st == NULL)
        return NULL;
    pyobj_write(st);
    return pyvalues_items_real(st);
}

static int64_t length_of(pyval list)
{
    return pylist_length_inline(list);
}

static void set_length(pyval list, int64_t n)
{
    PyList *l = pylist(list);
    pyobj_write((PyObj *)l);
    l->length = n;
}

/* Room for 'need' items (the length is unchanged).  May allocate: *plist
   is updated if the list moved; the caller's other values must be
   rooted. */
static int reserve(pyval *plist, int64_t need)
{
    pyval list = *plist;
    PyList *l = pylist(list);
    pyobj_read((PyObj *)l);
    if (need <= capacity_of(l->items))
        return 0;
    if (need > MAX_ITEMS) {
        pyerr_no_memory();
        return -1;
    }
    int64_t cap = need + (need >> 3) + (need < 9 ? 3 : 6);
    PY_PUSHV(list);
    PyObj *st = pyvalues_new(cap);
    PY_POPV(list);
    *plist = list;
    l = pylist(list);
    int64_t n = length_of(list);
    pyval *old = items_for_read(l);
    if (old != NULL)
        memcpy(pyvalues_items_real(st), old, (size_t)n * sizeof(pyval));
    pyobj_write((PyObj *)l);
    l->items = st;
    return 0;
}

/* ------------------------------------------------------------ C API */

static pyval new_empty(void)
{
    PyList *l = (PyList *)pyobj_alloc_builtin(sizeof(struct pylist_s),
                                              PYL_LIST, pytype_list);
    l->length = 0;
    l->items = NULL;
    return pyval_from_obj((PyObj *)l);
}

pyval pylist_new(int64_t size)
{
    if (size < 0 || size > MAX_ITEMS)
        return pyerr_no_memory();
    pyval list = new_empty();
    if (size == 0)
        return list;
    if (reserve(&list, size) < 0)
        return 0;
    pyval *items = items_for_write(pylist(list));
    for (int64_t i = 0; i < size; i++)
        items[i] = py_None;
    set_length(list, size);
    return list;
}

pyval pylist_from_array(const pyval *items, int64_t size)
{
    pyval list = new_empty();
    if (size == 0)
        return list;
    if (reserve(&list, size) < 0)
        return 0;
    memcpy(items_for_write(pylist(list)), items, (size_t)size * sizeof(pyval));
    set_length(list, size);
    return list;
}

int64_t pylist_len(pyval list)
{
    return length_of(list);
}

pyval pylist_get(pyval list, int64_t i)
{
    PyList *l = pylist(list);
    pyval *items = items_for_read(l);
    if (i < 0 || i >= l->length)
        return pyerr_format(pyexc_IndexError, "list index out of range");
    return items[i];
}

int pylist_set(pyval list, int64_t i, pyval item)
{
    PyList *l = pylist(list);
    pyobj_read((PyObj *)l);
    if (i < 0 || i >= l->length) {
        pyerr_format(pyexc_IndexError, "list assignment index out of range");
        return -1;
    }
    items_for_write(l)[i] = item;
    return 0;
}

int pylist_append(pyval list, pyval item)
{
    int64_t n = length_of(list);
    PY_PUSHV(item);
    int r = reserve(&list, n + 1);
    PY_POPV(item);
    if (r < 0)
        return -1;
    items_for_write(pylist(list))[n] = item;
    set_length(list, n + 1);
    return 0;
}

int pylist_insert(pyval list, int64_t where, pyval item)
{
    int64_t n = length_of(list);
    PY_PUSHV(item);
    int r = reserve(&list, n + 1);
    PY_POPV(item);
    if (r < 0)
        return -1;
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    pyval *items = items_for_write(pylist(list));
    memmove(items + where + 1, items + where,
            (size_t)(n - where) * sizeof(pyval));
    items[where] = item;
    set_length(list, n + 1);
    return 0;
}

void pylist_reverse(pyval list)
{
    int64_t n = length_of(list);
    pyval *items = items_for_write(pylist(list));
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        pyval t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}

/* Appends items[0..n) of a list or tuple 'src' (which may be 'list'). */
static int extend_from_sequence(pyval list, pyval src)
{
    bool is_list = pylist_check(src);
    int64_t n = is_list ? length_of(src) : pytuple_size(src);
    if (n == 0)
        return 0;
    int64_t len = length_of(list);
    PY_PUSHV(src);
    int r = reserve(&list, len + n);
    PY_POPV(src);
    if (r < 0)
        return -1;
    const pyval *from =
        is_list ? items_for_read(pylist(src)) : pytuple_items_real(src);
    pyval *to = items_for_write(pylist(list));
    memmove(to + len, from, (size_t)n * sizeof(pyval));
    set_length(list, len + n);
    return 0;
}

/* exactly a list or a tuple: a subclass may define its own __iter__ */
static bool is_list_or_tuple(pyval v)
{
    if (!pyval_is_obj(v))
        return false;
    PyType *t = pyval_type(v);
    return t == pytype_list || t == pytype_tuple;
}

int pylist_extend(pyval list, pyval iterable)
{
    if (is_list_or_tuple(iterable))
        return extend_from_sequence(list, iterable);
    PY_PUSHV(list);
    pyval it = pyobj_iter(iterable);
    if (it == 0) {
        PY_DROP();
        return -1;
    }
    PY_PUSHV(it);
    int result = 0;
    while (1) {
        pyval x = pyiter_next(ROOT(1));
        if (x == 0) {
            if (pyerr_occurred())
                result = -1;
            break;
        }
        if (pylist_append(ROOT(2), x) < 0) {
            result = -1;
            break;
        }
    }
    PY_DROP();
    PY_DROP();
    return result;
}

pyval pylist_from_iterable(pyval iterable)
{
    PY_PUSHV(iterable);
    pyval list = new_empty();
    PY_POPV(iterable);
    PY_PUSHV(list);
    int r = pylist_extend(list, iterable);
    PY_POPV(list);
    return r < 0 ? 0 : list;
}

pyval pylist_as_tuple(pyval list)
{
    int64_t n = length_of(list);
    PY_PUSHV(list);
    pyval t = pytuple_new(n);
    PY_POPV(list);
    /* no user code ran: the length is the same */
    if (n > 0)
        memcpy(pytuple_items_real(t), items_for_read(pylist(list)),
               (size_t)n * sizeof(pyval));
    return t;
}

/* ------------------------------------------------------------ indexes */

int64_t pyseq_slice_indices(int64_t length, int64_t *start, int64_t *stop,
                            int64_t *step)
{
    if (*step == 0)
        return -1;
    /* unpack: None (and beyond-range values) as CPython's extremes */
    if (*step < -INT64_MAX)
        *step = -INT64_MAX;
    bool back = *step < 0;
    if (*start == PYSLICE_NONE)
        *start = back ? INT64_MAX : 0;
    if (*stop == PYSLICE_NONE)
        *stop = back ? INT64_MIN : INT64_MAX;
    /* adjust */
    if (*start < 0) {
        *start += length;
        if (*start < 0)
            *start = back ? -1 : 0;
    } else if (*start >= length) {
        *start = back ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0)
            *stop = back ? -1 : 0;
    } else if (*stop >= length) {
        *stop = back ? length - 1 : length;
    }
    if (back) {
        if (*stop < *start)
            return (*start - *stop - 1) / (-*step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / *step + 1;
    }
    return 0;
}

static bool has_index(pyval v)
{
    return pyval_is_int(v) || pyval_type(v)->slots->index != NULL;
}

int pyseq_slice_index(pyval v, int64_t *out)
{
    if (!has_index(v)) {
        pyerr_format(pyexc_TypeError,
                     "slice indices must be integers or have an __index__ "
                     "method");
        return -1;
    }
    pyval i = pynum_index(v);
    if (i == 0)
        return -1;
    int sign = pyint_sign(i); /* before the OverflowError moves i */
    if (pyint_as_int64(i, out) < 0) {
        pyerr_clear();
        *out = sign < 0 ? INT64_MIN + 1 : INT64_MAX;
    }
    return 0;
}

/* v.__index__() as a C integer; too big: 'overflow' with CPython's
   "cannot fit 'int' into an index-sized integer" (or
   'overflow_message') */
static int index_of(pyval v, PyType *overflow, const char *overflow_message,
                    int64_t *out)
{
    pyval i = pynum_index(v);
    if (i == 0)
        return -1;
    if (pyint_as_int64(i, out) < 0) {
        pyerr_clear();
        pyerr_format(overflow, "%s",
                     overflow_message
                         ? overflow_message
                         : "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ slices */

pyval pylist_get_slice(pyval list, int64_t start, int64_t stop, int64_t step)
{
    int64_t n = pyseq_slice_indices(length_of(list), &start, &stop, &step);
    if (n < 0)
        return pyerr_format(pyexc_ValueError, "slice step cannot be zero");
    PY_PUSHV(list);
    pyval result = new_empty();
    if (n > 0 && reserve(&result, n) < 0)
        result = 0;
    PY_POPV(list);
    if (result == 0 || n == 0)
        return result;
    const pyval *from = items_for_read(pylist(list));
    pyval *to = items_for_write(pylist(result));
    if (step == 1)
        memcpy(to, from + start, (size_t)n * sizeof(pyval));
    else
        for (int64_t i = 0, k = start; i < n; i++, k += step)
            to[i] = from[k];
    set_length(result, n);
    return result;
}

/* the value of a slice assignment as a list or tuple (a copy when it
   is the list itself); 0 with TypeError 'message' if not iterable */
static pyval assigned_sequence(pyval list, pyval value, const char *message)
{
    if (value == list)
        return pylist_get_slice(list, PYSLICE_NONE, PYSLICE_NONE, 1);
    if (is_list_or_tuple(value))
        return value;
    if (!pyobj_iterable(value))
        return pyerr_format(pyexc_TypeError, "%s", message);
    return pylist_from_iterable(value);
}

static const pyval *sequence_items(pyval seq, int64_t *n)
{
    if (pylist_check(seq)) {
        *n = length_of(seq);
        return items_for_read(pylist(seq));
    }
    *n = pytuple_size(seq);
    return pytuple_items_real(seq);
}

/* list[lo:hi] = seq's items (a list or tuple, not 'list') */
static int replace_range(pyval list, int64_t lo, int64_t hi, pyval seq)
{
    int64_t k;
    if (seq != 0)
        sequence_items(seq, &k);
    else
        k = 0;
    int64_t n = length_of(list);
    /* converting the value may have run user code: clamp again */
    lo = lo < 0 ? 0 : lo > n ? n : lo;
    hi = hi < lo ? lo : hi > n ? n : hi;
    int64_t grow = k - (hi - lo);
    if (grow > 0) {
        PY_PUSHV(seq);
        int r = reserve(&list, n + grow);
        PY_POPV(seq);
        if (r < 0)
            return -1;
    }
    pyval *items = items_for_write(pylist(list));
    memmove(items + hi + grow, items + hi, (size_t)(n - hi) * sizeof(pyval));
    if (k > 0) {
        int64_t k2;
        const pyval *from = sequence_items(seq, &k2);
        memcpy(items + lo, from, (size_t)k * sizeof(pyval));
    }
    if (grow < 0)
        memset(items + n + grow, 0, (size_t)(-grow) * sizeof(pyval));
    set_length(list, n + grow);
    return 0;
}

int pylist_set_slice(pyval list, int64_t start, int64_t stop, int64_t step,
                     pyval value)
{
    int64_t len = length_of(list);
    int64_t n = pyseq_slice_indices(len, &start, &stop, &step);
    if (n < 0) {
        pyerr_format(pyexc_ValueError, "slice step cannot be zero");
        return -1;
    }
    if (step == 1) {
        pyval seq = 0;
        if (value != 0) {
            PY_PUSHV(list);
            seq = assigned_sequence(list, value, "can only assign an iterable");
            PY_POPV(list);
            if (seq == 0)
                return -1;
        }
        return replace_range(list, start, stop, seq);
    }
    if (value == 0) {
        /* del with a step: keep the others, in order */
        if (n == 0)
            return 0;
        if (step < 0) {
            start = start + step * (n - 1);
            step = -step;
        }
        pyval *items = items_for_write(pylist(list));
        int64_t out = start;
        for (int64_t i = start; i < len; i++) {
            bool dropped = i < start + step * n && (i - start) % step == 0;
            if (!dropped)
                items[out++] = items[i];
        }
        memset(items + out, 0, (size_t)(len - out) * sizeof(pyval));
        set_length(list, out);
        return 0;
    }
    PY_PUSHV(list);
    pyval seq = assigned_sequence(list, value,
                                  "must assign iterable to extended slice");
    PY_POPV(list);
    if (seq == 0)
        return -1;
    int64_t k;
    sequence_items(seq, &k);
    if (k != n) {
        pyerr_format(pyexc_ValueError,
                     "attempt to assign sequence of size %zd to extended "
                     "slice of size %zd",
                     (long)k, (long)n);
        return -1;
    }
    if (n == 0)
        return 0;
    /* building the sequence may have run user code: re-check */
    len = length_of(list);
    const pyval *from = sequence_items(seq, &k);
    pyval copy[64];
    pyval *tmp = n <= 64 ? copy : malloc((size_t)n * sizeof(pyval));
    if (tmp == NULL) {
        pyerr_no_memory();
        return -1;
    }
    memcpy(tmp, from, (size_t)n * sizeof(pyval));
    pyval *items = items_for_write(pylist(list));
    for (int64_t i = 0, at = start; i < n; i++, at += step)
        if (at >= 0 && at < len)
            items[at] = tmp[i];
    if (tmp != copy)
        free(tmp);
    return 0;
}

/* ------------------------------------------------------------ slots */

struct textbuf {
    char *data;
    size_t len, cap;
};

static bool put(struct textbuf *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2 + 16;
        char *d = realloc(b->data, cap);
        if (d == NULL)
            return false;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return true;
}

static pyval list_repr(pyval self)
{
    if (length_of(self) == 0)
        return pystr_from_cstr("[]");
    int busy = pyreprguard_enter(self);
    if (busy < 0)
        return 0;
    if (busy)
        return pystr_from_cstr("[...]");
    struct textbuf b = {NULL, 0, 0};
    bool ok = put(&b, "[", 1);
    pyval result = 0;
    PY_PUSHV(self);
    for (int64_t i = 0; ok && i < length_of(self); i++) {
        pyval item = items_for_read(pylist(self))[i];
        pyval r = pyobj_repr(item);
        self = ROOT(1);
        if (r == 0)
            goto done;
        if (i > 0)
            ok = put(&b, ", ", 2);
        ok = ok && put(&b, pystr_utf8(r), (size_t)pystr_nbytes(r));
    }
    ok = ok && put(&b, "]", 1);
    if (!ok)
        pyerr_no_memory();
    else
        result = pystr_from_utf8(b.data, b.len);
done:
    PY_POPV(self);
    pyreprguard_leave(self);
    free(b.data);
    return result;
}

/* list == / != / < ... other list: the first differing item decides */
static pyval list_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if (!pylist_check(a) || !pylist_check(b))
        return py_NotImplemented;
    if ((op == PYCMP_EQ || op == PYCMP_NE) && length_of(a) != length_of(b))
        return pybool(op == PYCMP_NE);
    PY_PUSHV(a);
    PY_PUSHV(b);
    int64_t i = 0;
    pyval result = 0;
    while (1) {
        b = ROOT(1);
        a = ROOT(2);
        int64_t na = length_of(a), nb = length_of(b);
        if (i >= na || i >= nb) {
            int c = na < nb ? -1 : na > nb;
            result = pybool(pycmp_result(c, op));
            break;
        }
        pyval x = items_for_read(pylist(a))[i];
        pyval y = items_for_read(pylist(b))[i];
        PY_PUSHV(x);
        PY_PUSHV(y);
        int eq = pyobj_eq(x, y);
        PY_POPV(y);
        PY_POPV(x);
        if (eq < 0)
            break;
        if (!eq) {
            if (op == PYCMP_EQ)
                result = py_False;
            else if (op == PYCMP_NE)
                result = py_True;
            else
                result = pyobj_richcompare(x, y, op);
            break;
        }
        i++;
    }
    PY_POPV(b);
    PY_POPV(a);
    return result;
}

static int64_t list_len(pyval self)
{
    return length_of(self);
}

static int list_truth(pyval self)
{
    return length_of(self) != 0;
}

static pyval list_getitem(pyval self, pyval key)
{
    if (!has_index(key))
        return pyerr_format(pyexc_TypeError,
                            "list indices must be integers or slices, not %T",
                            key);
    int64_t i;
    PY_PUSHV(self);
    int r = index_of(key, pyexc_IndexError, NULL, &i);
    PY_POPV(self);
    if (r < 0)
        return 0;
    int64_t n = length_of(self);
    if (i < 0)
        i += n;
    return pylist_get(self, i);
}

static int list_setitem(pyval self, pyval key, pyval value)
{
    if (!has_index(key)) {
        pyerr_format(pyexc_TypeError,
                     "list indices must be integers or slices, not %T", key);
        return -1;
    }
    int64_t i;
    PY_PUSHV(self);
    PY_PUSHV(value);
    int r = index_of(key, pyexc_IndexError, NULL, &i);
    PY_POPV(value);
    PY_POPV(self);
    if (r < 0)
        return -1;
    int64_t n = length_of(self);
    if (i < 0)
        i += n;
    if (value != 0)
        return pylist_set(self, i, value);
    if (i < 0 || i >= n) {
        pyerr_format(pyexc_IndexError, "list assignment index out of range");
        return -1;
    }
    return pylist_set_slice(self, i, i + 1, 1, 0);
}

static int list_contains(pyval self, pyval item)
{
    PY_PUSHV(self);
    PY_PUSHV(item);
    int result = 0;
    for (int64_t i = 0;; i++) {
        item = ROOT(1);
        self = ROOT(2);
        if (i >= length_of(self))
            break;
        pyval x = items_for_read(pylist(self))[i];
        result = pyobj_eq(x, item);
        if (result != 0)
            break;
    }
    PY_POPV(item);
    PY_POPV(self);
    return result;
}

static pyval new_iter(PyType *type, pyval seq, int64_t index)
{
    PY_PUSHV(seq);
    PySeqIter *it =
        (PySeqIter *)pyobj_alloc(sizeof(struct pyseqiter_s), PYL_ITER, type);
    PY_POPV(seq);
    it->seq = seq;
    it->index = index;
    return pyval_from_obj((PyObj *)it);
}

static pyval list_iter(pyval self)
{
    return new_iter(pytype_list_iterator, self, 0);
}

static pyval self_iter(pyval self)
{
    return self;
}

static pyval listiter_next(pyval self)
{
    return pylistiter_next_inline((PySeqIter *)pyval_obj(self));
}

static pyval listreviter_next(pyval self)
{
    PySeqIter *it = (PySeqIter *)pyval_obj(self);
    pyobj_read((PyObj *)it);
    pyval seq = it->seq;
    if (seq == 0)
        return 0;
    int64_t i = it->index;
    pyobj_write((PyObj *)it);
    if (i >= 0 && i < length_of(seq)) {
        it->index = i - 1;
        return items_for_read(pylist(seq))[i];
    }
    it->seq = 0;
    it->index = -1;
    return 0;
}

static pyval list_concat(pyval a, pyval b)
{
    if (!pylist_check(a))
        return py_NotImplemented;
    if (!pylist_check(b))
        return py_NotImplemented; /* b's __radd__, or the error */
    int64_t na = length_of(a), nb = length_of(b);
    PY_PUSHV(a);
    PY_PUSHV(b);
    pyval r = new_empty();
    if (na + nb > 0 && reserve(&r, na + nb) < 0)
        r = 0;
    PY_POPV(b);
    PY_POPV(a);
    if (r == 0)
        return 0;
    pyval *to = items_for_write(pylist(r));
    if (na)
        memcpy(to, items_for_read(pylist(a)), (size_t)na * sizeof(pyval));
    if (nb)
        memcpy(to + na, items_for_read(pylist(b)), (size_t)nb * sizeof(pyval));
    set_length(r, na + nb);
    return r;
}

/* the count of seq * count, or -1 (error set) */
static int repeat_count(pyval count, int64_t *out)
{
    if (!has_index(count)) {
        pyerr_format(pyexc_TypeError,
                     "can't multiply sequence by non-int of type '%T'", count);
        return -1;
    }
    return index_of(count, pyexc_OverflowError, NULL, out);
}

/* n copies of the m items of 'src' into 'dst' (a doubling copy) */
static void fill_repeated(pyval *dst, const pyval *src, int64_t m, int64_t n)
{
    if (m == 0 || n == 0)
        return;
    memmove(dst, src, (size_t)m * sizeof(pyval));
    int64_t done = m, total = m * n;
    while (done < total) {
        int64_t k = done < total - done ? done : total - done;
        memcpy(dst + done, dst, (size_t)k * sizeof(pyval));
        done += k;
    }
}

static pyval list_repeat(pyval a, pyval b)
{
    pyval list = pylist_check(a) ? a : b;
    pyval count = list == a ? b : a;
    if (!has_index(count))
        return py_NotImplemented; /* count's __rmul__, or the error */
    int64_t n;
    PY_PUSHV(list);
    int r = repeat_count(count, &n);
    PY_POPV(list);
    if (r < 0)
        return 0;
    int64_t m = length_of(list);
    if (n < 0)
        n = 0;
    if (m > 0 && n > MAX_ITEMS / m)
        return pyerr_no_memory();
    PY_PUSHV(list);
    pyval result = new_empty();
    if (m * n > 0 && reserve(&result, m * n) < 0)
        result = 0;
    PY_POPV(list);
    if (result == 0 || m * n == 0)
        return result;
    fill_repeated(items_for_write(pylist(result)), items_for_read(pylist(list)),
                  m, n);
    set_length(result, m * n);
    return result;
}

static pyval list_inplace_concat(pyval a, pyval b)
{
    PY_PUSHV(a);
    int r = pylist_extend(a, b);
    PY_POPV(a);
    return r < 0 ? 0 : a;
}

static pyval list_inplace_repeat(pyval a, pyval b)
{
    int64_t n;
    PY_PUSHV(a);
    int r = repeat_count(b, &n);
    PY_POPV(a);
    if (r < 0)
        return 0;
    int64_t m = length_of(a);
    if (n <= 0 || m == 0) {
        if (m > 0) {
            pyval *items = items_for_write(pylist(a));
            memset(items, 0, (size_t)m * sizeof(pyval));
            set_length(a, 0);
        }
        return a;
    }
    if (n > MAX_ITEMS / m)
        return pyerr_no_memory();
    r = reserve(&a, m * n);
    if (r < 0)
        return 0;
    pyval *items = items_for_write(pylist(a));
    fill_repeated(items, items, m, n);
    set_length(a, m * n);
    return a;
}

/* ------------------------------------------------------------ methods */

static pyval m_append(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("list.append", kwnames) < 0 ||
        pyarg_count("list.append", nargs, 1, 1) < 0)
        return 0;
    PY_PUSHV(self);
    int r = pylist_append(self, args[0]);
    PY_POPV(self);
    return r < 0 ? 0 : py_None;
}

static pyval m_extend(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("list.extend", kwnames) < 0 ||
        pyarg_count("list.extend", nargs, 1, 1) < 0)
        return 0;
    return pylist_extend(self, args[0]) < 0 ? 0 : py_None;
}

/* CPython's "n" argument converter: __index__, OverflowError beyond a
   C ssize_t */
static int ssize_arg(pyval v, int64_t *out)
{
    return index_of(v, pyexc_OverflowError,
                    "Python int too large to convert to C ssize_t", out);
}

static pyval m_insert(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("list.insert", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "insert expected 2 arguments, got %zd",
                            (long)nargs);
    pyval item = args[1];
    int64_t i;
    PY_PUSHV(self);
    PY_PUSHV(item);
    int r = ssize_arg(args[0], &i);
    PY_POPV(item);
    PY_POPV(self);
    if (r < 0)
        return 0;
    return pylist_insert(self, i, item) < 0 ? 0 : py_None;
}

static pyval m_pop(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pyarg_no_keywords("list.pop", kwnames) < 0 ||
        pyarg_count("pop", nargs, 0, 1) < 0)
        return 0;
    int64_t i = -1;
    if (nargs == 1) {
        PY_PUSHV(self);
        int r = ssize_arg(args[0], &i);
        PY_POPV(self);
        if (r < 0)
            return 0;
    }
    int64_t n = length_of(self);
    if (n == 0)
        return pyerr_format(pyexc_IndexError, "pop from empty list");
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return pyerr_format(pyexc_IndexError, "pop index out of range");
    pyval *items = items_for_write(pylist(self));
    pyval item = items[i];
    memmove(items + i, items + i + 1, (size_t)(n - i - 1) * sizeof(pyval));
    items[n - 1] = 0;
    set_length(self, n - 1);
    return item;
}

static pyval m_clear(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pyarg_no_keywords("list.clear", kwnames) < 0 ||
        pyarg_count("list.clear", nargs, 0, 0) < 0)
        return 0;
    PyList *l = pylist(self);
    pyobj_write((PyObj *)l);
    l->length = 0;
    l->items = NULL;
    return py_None;
}

static pyval m_copy(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pyarg_no_keywords("list.copy", kwnames) < 0 ||
        pyarg_count("list.copy", nargs, 0, 0) < 0)
        return 0;
    return pylist_get_slice(self, PYSLICE_NONE, PYSLICE_NONE, 1);
}

static pyval m_reverse(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("list.reverse", kwnames) < 0 ||
        pyarg_count("list.reverse", nargs, 0, 0) < 0)
        return 0;
    pylist_reverse(self);
    return py_None;
}

/* the index of the first item == x in [start, stop), -1 if none, -2 on
   error; user code may change the list between comparisons */
static int64_t find_item(pyval self, pyval x, int64_t start, int64_t stop)
{
    PY_PUSHV(self);
    PY_PUSHV(x);
    int64_t found = -1;
    for (int64_t i = start; i < stop; i++) {
        x = ROOT(1);
        self = ROOT(2);
        if (i >= length_of(self))
            break;
        int eq = pyobj_eq(items_for_read(pylist(self))[i], x);
        if (eq != 0) {
            found = eq < 0 ? -2 : i;
            break;
        }
    }
    PY_POPV(x);
    PY_POPV(self);
    return found;
}

static pyval m_index(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pyarg_no_keywords("list.index", kwnames) < 0 ||
        pyarg_count("index", nargs, 1, 3) < 0)
        return 0;
    pyval x = args[0];
    int64_t start = 0, stop = INT64_MAX;
    PY_PUSHV(self);
    PY_PUSHV(x);
    int r = 0;
    if (nargs > 1)
        r = pyseq_slice_index(args[1], &start);
    if (r == 0 && nargs > 2)
        r = pyseq_slice_index(args[2], &stop);
    PY_POPV(x);
    PY_POPV(self);
    if (r < 0)
        return 0;
    int64_t n = length_of(self);
    if (start < 0) {
        start += n;
        if (start < 0)
            start = 0;
    }
    if (stop < 0) {
        stop += n;
        if (stop < 0)
            stop = 0;
    }
    PY_PUSHV(x);
    int64_t i = find_item(self, x, start, stop);
    PY_POPV(x);
    if (i == -2)
        return 0;
    if (i < 0)
        return pyerr_format(pyexc_ValueError, "%R is not in list", x);
    return pyval_from_int(i);
}

static pyval m_count(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pyarg_no_keywords("list.count", kwnames) < 0 ||
        pyarg_count("list.count", nargs, 1, 1) < 0)
        return 0;
    pyval x = args[0];
    int64_t count = 0;
    PY_PUSHV(self);
    PY_PUSHV(x);
    for (int64_t i = 0;; i++) {
        x = ROOT(1);
        self = ROOT(2);
        if (i >= length_of(self))
            break;
        int eq = pyobj_eq(items_for_read(pylist(self))[i], x);
        if (eq < 0) {
            count = -1;
            break;
        }
        count += eq;
    }
    PY_POPV(x);
    PY_POPV(self);
    return count < 0 ? 0 : pyval_from_int(count);
}

static pyval m_remove(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("list.remove", kwnames) < 0 ||
        pyarg_count("list.remove", nargs, 1, 1) < 0)
        return 0;
    PY_PUSHV(self);
    int64_t i = find_item(self, args[0], 0, INT64_MAX);
    PY_POPV(self);
    if (i == -2)
        return 0;
    if (i < 0)
        return pyerr_format(pyexc_ValueError, "list.remove(x): x not in list");
    if (pylist_set_slice(self, i, i + 1, 1, 0) < 0)
        return 0;
    return py_None;
}

static pyval m_reversed(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_count("list.__reversed__", nargs, 0, 0) < 0)
        return 0;
    return new_iter(pytype_list_reverseiterator, self, length_of(self) - 1);
}

/* listsort.c */
pyval pylist_sort_method(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames);

const struct pymethod_def pylist_methods[] = {
    {"append", m_append, 0, NULL},
    {"extend", m_extend, 0, NULL},
    {"insert", m_insert, 0, NULL},
    {"pop", m_pop, 0, NULL},
    {"remove", m_remove, 0, NULL},
    {"index", m_index, 0, NULL},
    {"count", m_count, 0, NULL},
    {"clear", m_clear, 0, NULL},
    {"copy", m_copy, 0, NULL},
    {"reverse", m_reverse, 0, NULL},
    {"sort", pylist_sort_method, 0, NULL},
    {"__reversed__", m_reversed, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* list.__new__: an empty list of the (sub)class; list.__init__ fills it */
static pyval list_new_(PyType *type, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    /* an instance of a subclass ends with its attribute word */
    bool sub = type != pytype_list;
    size_t size = sub ? pyobj_attrs_offset(sizeof(struct pylist_s)) +
                            sizeof(pyval)
                      : sizeof(struct pylist_s);
    PyList *l = (PyList *)pyobj_alloc(size, PYL_LIST, type);
    l->length = 0;
    l->items = NULL;
    if (sub) {
        l->ob.flags = PYOBJ_HAS_ATTRS;
        *pyobj_attrs_word((PyObj *)l) = 0;
    }
    return pyval_from_obj((PyObj *)l);
}

static int list_init(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pyarg_no_keywords("list", kwnames) < 0)
        return -1;
    if (nargs > 1) {
        pyerr_format(pyexc_TypeError,
                     "list expected at most 1 argument, got "
                     "%zd",
                     (long)nargs);
        return -1;
    }
    PyList *l = pylist(self);
    pyobj_write((PyObj *)l);
    l->length = 0;
    l->items = NULL;
    return nargs == 1 ? pylist_extend(self, args[0]) : 0;
}

const struct pytype_slots pylist_slots = {
    .new_ = list_new_,
    .init = list_init,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .len = list_len,
    .truth = list_truth,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .contains = list_contains,
    .iter = list_iter,
    .binop = {[PYOP_ADD] = list_concat, [PYOP_MUL] = list_repeat},
    .inplace =
        {[PYOP_ADD] = list_inplace_concat, [PYOP_MUL] = list_inplace_repeat},
    .methods = pylist_methods,
};

static const struct pytype_slots listiter_slots = {
    .iter = self_iter,
    .iternext = listiter_next,
};

static const struct pytype_slots listreviter_slots = {
    .iter = self_iter,
    .iternext = listreviter_next,
};

void pylist_setup_types(void)
{
    pytype_list = pytype_new_builtin("list", &pylist_slots, PYL_LIST, NULL,
                                     PYTYPE_BASETYPE | PYTYPE_LIST_SUB);
    pytype_list_iterator =
        pytype_new_builtin("list_iterator", &listiter_slots, PYL_ITER, NULL, 0);
    pytype_list_reverseiterator = pytype_new_builtin(
        "list_reverseiterator", &listreviter_slots, PYL_ITER, NULL, 0);
}
