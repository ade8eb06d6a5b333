/* dictviews.c -- dict's iterators (forward and reversed, over keys,
 * values or items) and views (dict_keys, dict_values, dict_items, with
 * the set operations of keys and items views).
 *
 * Iterators and views are small PYL_SETTABLE-shaped objects (struct
 * pypairiter_s, setobject.h): the dict and a few counters.  An iterator
 * remembers len(d) when made and the number of items it still expects:
 * a different length means "dictionary changed size during iteration"
 * (sticky, as in CPython); finding an item when none is expected means
 * the keys were replaced under it ("dictionary keys changed during
 * iteration").  Entry positions stay valid across inserts and deletes
 * (entries are only appended), and a rebuild keeps the order, so an
 * iterator never skips or repeats an item of an unchanged-size dict.
 */
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/reprguard.h"
#include "abstract.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdlib.h>
#include <string.h>

PyType *pytype_dict_keys, *pytype_dict_values, *pytype_dict_items;
PyType *pytype_dict_keyiterator, *pytype_dict_valueiterator,
    *pytype_dict_itemiterator;
PyType *pytype_dict_reversekeyiterator, *pytype_dict_reversevalueiterator,
    *pytype_dict_reverseitemiterator;

/* The n-th value from the top of the shadow stack: loops that call code
   which may allocate keep their values there and use them in place. */
typedef pyval __attribute__((may_alias)) slotval; /* a shadow-stack slot */
#define SLOT(n) (((slotval *)pyrt_tl.shadowstack)[-(n)])

static inline PyPairIter *pair(pyval v)
{
    return (PyPairIter *)pyval_obj(v);
}

static pyval pair_new(PyType *type, pyval container, int64_t pos, int64_t used)
{
    PY_PUSHV(container);
    PyPairIter *p = (PyPairIter *)pyobj_alloc(sizeof(struct pypairiter_s),
                                              PYL_SETTABLE, type);
    PY_POPV(container);
    p->size = 2;
    p->pos = pos;
    p->container = container;
    p->used = used;
    p->left = pyval_from_int(used);
    return pyval_from_obj((PyObj *)p);
}

static bool is_reversed(PyType *t)
{
    return t == pytype_dict_reversekeyiterator ||
           t == pytype_dict_reversevalueiterator ||
           t == pytype_dict_reverseitemiterator;
}

pyval pydict_iter_new(pyval d, PyType *type)
{
    int64_t used = pydict_len(d);
    int64_t pos = 0;
    if (is_reversed(type)) {
        PyObj *k = pydict(d)->keys;
        if (k != NULL) {
            pyobj_read(k);
            pos = ((PyDictKeys *)k)->nentries - 1;
        } else {
            pos = -1;
        }
    }
    return pair_new(type, d, pos, used);
}

/* the entry 'i' of d's table (which exists) */
static inline TLPREFIX struct pydictentry *entry(pyval d, int64_t i)
{
    PyObj *k = pydict(d)->keys;
    pyobj_read(k);
    return pydictkeys_entry(k, i);
}

static int64_t nentries(pyval d)
{
    PyObj *k = pydict(d)->keys;
    if (k == NULL)
        return 0;
    pyobj_read(k);
    return ((PyDictKeys *)k)->nentries;
}

enum what { KEYS, VALUES, ITEMS };

static pyval result_of(pyval d, int64_t i, enum what what)
{
    TLPREFIX struct pydictentry *e = entry(d, i);
    if (what == KEYS)
        return e->key;
    if (what == VALUES)
        return e->value;
    return pytuple_pack(2, e->key, e->value);
}

static pyval changed_size(pyval it)
{
    pyobj_write(pyval_obj(it));
    pair(it)->used = -1;
    return pyerr_format(pyexc_RuntimeError,
                        "dictionary changed size during iteration");
}

static pyval iter_next(pyval it, enum what what)
{
    pyobj_read(pyval_obj(it));
    PyPairIter *p = pair(it);
    pyval d = p->container;
    if (d == 0)
        return 0;
    if (p->used != pydict_len(d))
        return changed_size(it);
    int64_t i = p->pos, n = nentries(d);
    while (i < n && entry(d, i)->value == 0)
        i++;
    pyobj_write(pyval_obj(it));
    if (i >= n) {
        p->container = 0;
        return 0;
    }
    if (p->left == pyval_from_int(0)) {
        p->container = 0;
        return pyerr_format(pyexc_RuntimeError,
                            "dictionary keys changed during iteration");
    }
    p->pos = i + 1;
    p->left = pyval_from_int(pyval_int(p->left) - 1);
    return result_of(d, i, what);
}

static pyval reviter_next(pyval it, enum what what)
{
    pyobj_read(pyval_obj(it));
    PyPairIter *p = pair(it);
    pyval d = p->container;
    if (d == 0)
        return 0;
    if (p->used != pydict_len(d))
        return changed_size(it);
    int64_t i = p->pos;
    pyobj_write(pyval_obj(it));
    while (i >= 0 && entry(d, i)->value == 0)
        i--;
    if (i < 0) {
        p->container = 0;
        return 0;
    }
    p->pos = i - 1;
    p->left = pyval_from_int(pyval_int(p->left) - 1);
    return result_of(d, i, what);
}

static pyval keyiter_next(pyval it)
{
    return iter_next(it, KEYS);
}

static pyval valueiter_next(pyval it)
{
    return iter_next(it, VALUES);
}

static pyval itemiter_next(pyval it)
{
    return iter_next(it, ITEMS);
}

static pyval rkeyiter_next(pyval it)
{
    return reviter_next(it, KEYS);
}

static pyval rvalueiter_next(pyval it)
{
    return reviter_next(it, VALUES);
}

static pyval ritemiter_next(pyval it)
{
    return reviter_next(it, ITEMS);
}

static pyval iter_self(pyval it)
{
    return it;
}

/* __length_hint__: what is left (0 once changed or exhausted) */
static pyval m_length_hint(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    pyobj_read(pyval_obj(self));
    PyPairIter *p = pair(self);
    if (p->container != 0 && p->used == pydict_len(p->container))
        return p->left;
    return pyval_from_int(0);
}

static const struct pymethod_def iter_methods[] = {
    {"__length_hint__", m_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

#define ITER_SLOTS(name, next)                \
    static const struct pytype_slots name = { \
        .iter = iter_self, .iternext = next, .methods = iter_methods}
ITER_SLOTS(keyiter_slots, keyiter_next);
ITER_SLOTS(valueiter_slots, valueiter_next);
ITER_SLOTS(itemiter_slots, itemiter_next);
ITER_SLOTS(rkeyiter_slots, rkeyiter_next);
ITER_SLOTS(rvalueiter_slots, rvalueiter_next);
ITER_SLOTS(ritemiter_slots, ritemiter_next);

/* ------------------------------------------------------------ views */

static pyval view_new(pyval d, PyType *type)
{
    return pair_new(type, d, 0, 0);
}

pyval pydict_keys_view(pyval d)
{
    return view_new(d, pytype_dict_keys);
}

pyval pydict_values_view(pyval d)
{
    return view_new(d, pytype_dict_values);
}

pyval pydict_items_view(pyval d)
{
    return view_new(d, pytype_dict_items);
}

static pyval view_dict(pyval v)
{
    return pair(v)->container; /* never changes: no barrier needed */
}

static bool is_set_view(pyval v)
{
    return pyval_is_obj(v) && (pyval_type(v) == pytype_dict_keys ||
                               pyval_type(v) == pytype_dict_items);
}

static int64_t view_len(pyval v)
{
    return pydict_len(view_dict(v));
}

static pyval keys_iter(pyval v)
{
    return pydict_iter_new(view_dict(v), pytype_dict_keyiterator);
}

static pyval values_iter(pyval v)
{
    return pydict_iter_new(view_dict(v), pytype_dict_valueiterator);
}

static pyval items_iter(pyval v)
{
    return pydict_iter_new(view_dict(v), pytype_dict_itemiterator);
}

static pyval view_reversed(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    PyType *t = pyval_type(self);
    PyType *it = t == pytype_dict_keys     ? pytype_dict_reversekeyiterator
                 : t == pytype_dict_values ? pytype_dict_reversevalueiterator
                                           : pytype_dict_reverseitemiterator;
    return pydict_iter_new(view_dict(self), it);
}

/* dict_keys([...]): the items are collected first (no code runs while
   collecting), then shown */
static pyval view_repr(pyval v)
{
    int g = pyreprguard_enter(v);
    if (g != 0)
        return g > 0 ? pystr_from_cstr("...") : 0;
    PyType *t = pyval_type(v);
    pyval d = view_dict(v);
    int64_t n = pydict_len(d);
    int per = t == pytype_dict_items ? 2 : 1;
    PY_PUSHV(v);
    pyval items = pytuple_new(n * per);
    PY_POPV(v);
    d = view_dict(v);
    if (items == 0) {
        pyreprguard_leave(v);
        return 0;
    }
    int64_t pos = 0, j = 0;
    pyval key, value;
    while (j < n * per && pydict_next(d, &pos, &key, &value)) {
        if (t != pytype_dict_values)
            pytuple_init_item(items, j++, key);
        if (t != pytype_dict_keys)
            pytuple_init_item(items, j++, value);
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int ok = 0;
    const char *name = pytype_name(t);
    /* text pieces: name "([" items "])" */
    size_t need = strlen(name) + 2;
    buf = malloc(need + 64);
    cap = need + 64;
    if (buf == NULL) {
        pyreprguard_leave(v);
        return pyerr_no_memory();
    }
    memcpy(buf, name, strlen(name));
    len = strlen(name);
    memcpy(buf + len, "([", 2);
    len += 2;
    for (int64_t i = 0; i < n * per && ok == 0; i++) {
        const char *pre = "";
        if (per == 2)
            pre = i % 2 == 0 ? (i ? ", (" : "(") : ", ";
        else if (i)
            pre = ", ";
        PY_PUSHV(v);
        PY_PUSHV(items);
        pyval r = pyobj_repr(pytuple_get(items, i));
        PY_POPV(items);
        PY_POPV(v);
        if (r == 0) {
            ok = -1;
            break;
        }
        size_t plen = strlen(pre), rlen = (size_t)pystr_nbytes(r);
        size_t post = per == 2 && i % 2 == 1 ? 1 : 0;
        if (len + plen + rlen + post + 3 > cap) {
            cap = (len + plen + rlen + post + 3) * 2;
            char *nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                pyreprguard_leave(v);
                return pyerr_no_memory();
            }
            buf = nb;
        }
        memcpy(buf + len, pre, plen);
        len += plen;
        memcpy(buf + len, pystr_utf8(r), rlen);
        len += rlen;
        if (post)
            buf[len++] = ')';
    }
    pyreprguard_leave(v);
    if (ok < 0) {
        free(buf);
        return 0;
    }
    memcpy(buf + len, "])", 2);
    len += 2;
    pyval s = pystr_from_utf8(buf, len);
    free(buf);
    return s;
}

static int keys_contains(pyval v, pyval key)
{
    return pydict_contains(view_dict(v), key);
}

static int items_contains(pyval v, pyval item)
{
    if (!pyval_is_obj(item) || pyval_obj(item)->layout != PYL_TUPLE ||
        pytuple_size(item) != 2)
        return 0;
    PY_PUSHV(item);
    pyval found = pydict_get(view_dict(v), pytuple_get(item, 0));
    PY_POPV(item);
    if (found == 0)
        return pyerr_occurred() ? -1 : 0;
    return pyobj_eq(found, pytuple_get(item, 1));
}

/* every item of 'self' is in 'other' */
static int all_contained_in(pyval self, pyval other)
{
    PY_PUSHV(other); /* SLOT(2) */
    PY_PUSHV(0);     /* SLOT(1): the iterator */
    SLOT(1) = pyobj_iter(self);
    int r = -1;
    while (SLOT(1) != 0) {
        pyval x = pyiter_next(SLOT(1));
        if (x == 0) {
            r = pyerr_occurred() ? -1 : 1;
            break;
        }
        r = pyobj_contains(SLOT(2), x);
        if (r <= 0)
            break;
    }
    PY_DROP();
    PY_DROP();
    return r;
}

static pyval view_richcompare(pyval self, pyval other, enum pycmpop op)
{
    if (!pyset_check_any(other) && !is_set_view(other))
        return py_NotImplemented;
    int64_t ls = pyobj_len(self);
    if (ls < 0)
        return 0;
    int64_t lo = pyobj_len(other);
    if (lo < 0)
        return 0;
    int ok = 0;
    switch (op) {
    case PYCMP_EQ:
    case PYCMP_NE:
        if (ls == lo)
            ok = all_contained_in(self, other);
        if (op == PYCMP_NE && ok >= 0)
            ok = !ok;
        break;
    case PYCMP_LT:
        if (ls < lo)
            ok = all_contained_in(self, other);
        break;
    case PYCMP_LE:
        if (ls <= lo)
            ok = all_contained_in(self, other);
        break;
    case PYCMP_GT:
        if (ls > lo)
            ok = all_contained_in(other, self);
        break;
    case PYCMP_GE:
        if (ls >= lo)
            ok = all_contained_in(other, self);
        break;
    }
    if (ok < 0)
        return 0;
    return pybool(ok);
}

/* set(view), through the dict for a keys view (its hashes are known) */
static pyval view_to_set(pyval v)
{
    if (pyval_is_obj(v) && pyval_type(v) == pytype_dict_keys &&
        pydict_check_exact(view_dict(v)))
        return pyset_new(view_dict(v));
    return pyset_new(v);
}

static pyval view_or(pyval a, pyval b)
{
    PY_PUSHV(b);
    pyval r = view_to_set(a);
    PY_POPV(b);
    if (r == 0)
        return 0;
    PY_PUSHV(r);
    int rc = pyset_update(r, b);
    PY_POPV(r);
    return rc < 0 ? 0 : r;
}

static pyval view_sub(pyval a, pyval b)
{
    PY_PUSHV(b);
    pyval r = view_to_set(a);
    PY_POPV(b);
    if (r == 0)
        return 0;
    PY_PUSHV(r);
    int rc = pyset_difference_update(r, b);
    PY_POPV(r);
    return rc < 0 ? 0 : r;
}

/* items ^ items (CPython's order): the pairs of b's dict that a's lacks
   or holds with another value, in b's order, then what is left of a
   copy of a's dict once the pairs common to both are taken out */
static pyval items_xor(pyval a, pyval b)
{
    slotval *base = (slotval *)pyrt_tl.shadowstack;
#define R(i) base[i]
    PY_PUSHV(view_dict(b)); /* R(0): b's dict */
    PY_PUSHV(0);            /* R(1): the copy of a's dict */
    PY_PUSHV(0);            /* R(2): the result */
    PY_PUSHV(0);            /* R(3), R(4): the current key and value */
    PY_PUSHV(0);
    pyval result = 0;
    R(1) = pydict_copy(view_dict(a));
    if (R(1) == 0)
        goto done;
    R(2) = pyset_new(0);
    if (R(2) == 0)
        goto done;
    int64_t pos = 0, hash;
    pyval key, value;
    while (pydict_next_hash(R(0), &pos, &key, &value, &hash)) {
        R(3) = key;
        R(4) = value;
        pyval v1 = pydict_get_hash(R(1), key, hash);
        int drop = 0;
        if (v1 == 0 && pyerr_occurred())
            goto done;
        if (v1 != 0) {
            drop = pyobj_eq(v1, R(4));
            if (drop < 0)
                goto done;
        }
        if (drop) {
            if (pydict_del(R(1), R(3)) < 0)
                goto done;
        } else {
            pyval pair = pytuple_pack(2, R(3), R(4));
            if (pair == 0 || pyset_add(R(2), pair) < 0)
                goto done;
        }
    }
    R(3) = pydict_items_view(R(1));
    if (R(3) == 0 || pyset_update(R(2), R(3)) < 0)
        goto done;
    result = R(2);
done:
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)base;
#undef R
    return result;
}

static pyval view_xor(pyval a, pyval b)
{
    if (pyval_is_obj(a) && pyval_type(a) == pytype_dict_items &&
        pyval_is_obj(b) && pyval_type(b) == pytype_dict_items)
        return items_xor(a, b);
    PY_PUSHV(b);
    pyval r = view_to_set(a);
    PY_POPV(b);
    if (r == 0)
        return 0;
    PY_PUSHV(r);
    int rc = pyset_symmetric_difference_update(r, b);
    PY_POPV(r);
    return rc < 0 ? 0 : r;
}

/* CPython's _PyDictView_Intersect: a bigger set does the work; else the
   smaller operand is iterated and looked up in the view */
static pyval view_and(pyval self, pyval other)
{
    if (!is_set_view(self)) {
        pyval t = self;
        self = other;
        other = t;
    }
    int64_t ls = view_len(self);
    if (pyval_is_obj(other) && pyval_type(other) == pytype_set &&
        ls <= pyset_len(other))
        return pyset_intersection(other, self);
    if (is_set_view(other) && view_len(other) > ls) {
        pyval t = self;
        self = other;
        other = t;
    }
    PY_PUSHV(self);
    PY_PUSHV(other);
    pyval result = pyset_new(0);
    PY_POPV(other);
    PY_POPV(self);
    if (result == 0)
        return 0;
    bool keys = pyval_type(self) == pytype_dict_keys;
    PY_PUSHV(self);   /* SLOT(4) while an item is held */
    PY_PUSHV(result); /* SLOT(3) */
    PY_PUSHV(0);      /* SLOT(2): the iterator */
    SLOT(1) = pyobj_iter(other);
    result = 0;
    while (SLOT(1) != 0) {
        pyval x = pyiter_next(SLOT(1));
        if (x == 0) {
            result = pyerr_occurred() ? 0 : SLOT(2);
            break;
        }
        PY_PUSHV(x);
        int r = keys ? keys_contains(SLOT(4), SLOT(1))
                     : items_contains(SLOT(4), SLOT(1));
        if (r > 0)
            r = pyset_add(SLOT(3), SLOT(1));
        PY_DROP();
        if (r < 0)
            break;
    }
    PY_DROP();
    PY_DROP();
    PY_DROP();
    return result;
}

static pyval view_isdisjoint(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("isdisjoint", kwnames) < 0 ||
        pyarg_count("isdisjoint", nargs, 1, 1) < 0)
        return 0;
    pyval other = args[0];
    if (self == other)
        return pybool(view_len(self) == 0);
    if (pyset_check_any(other) || is_set_view(other)) {
        int64_t lo = pyobj_len(other);
        if (lo < 0)
            return 0;
        if (lo > view_len(self)) {
            pyval t = self;
            self = other;
            other = t;
        }
    }
    PY_PUSHV(self); /* SLOT(2) */
    PY_PUSHV(0);    /* SLOT(1): the iterator */
    SLOT(1) = pyobj_iter(other);
    pyval result = 0;
    while (SLOT(1) != 0) {
        pyval x = pyiter_next(SLOT(1));
        if (x == 0) {
            result = pyerr_occurred() ? 0 : py_True;
            break;
        }
        int r = pyobj_contains(SLOT(2), x);
        if (r != 0) {
            result = r < 0 ? 0 : py_False;
            break;
        }
    }
    PY_DROP();
    PY_DROP();
    return result;
}

static const struct pymethod_def setview_methods[] = {
    {"isdisjoint", view_isdisjoint, 0, NULL},
    {"__reversed__", view_reversed, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct pymethod_def values_methods[] = {
    {"__reversed__", view_reversed, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct pytype_slots keys_slots = {
    .repr = view_repr,
    .richcompare = view_richcompare,
    .len = view_len,
    .iter = keys_iter,
    .contains = keys_contains,
    .binop[PYOP_AND] = view_and,
    .binop[PYOP_OR] = view_or,
    .binop[PYOP_SUB] = view_sub,
    .binop[PYOP_XOR] = view_xor,
    .methods = setview_methods,
};

static const struct pytype_slots items_slots = {
    .repr = view_repr,
    .richcompare = view_richcompare,
    .len = view_len,
    .iter = items_iter,
    .contains = items_contains,
    .binop[PYOP_AND] = view_and,
    .binop[PYOP_OR] = view_or,
    .binop[PYOP_SUB] = view_sub,
    .binop[PYOP_XOR] = view_xor,
    .methods = setview_methods,
};

static const struct pytype_slots values_slots = {
    .repr = view_repr,
    .len = view_len,
    .iter = values_iter,
    .methods = values_methods,
};

void pydictviews_setup_types(void)
{
#define T(var, name, slots) \
    var = pytype_new_builtin(name, &slots, PYL_SETTABLE, NULL, 0)
    T(pytype_dict_keys, "dict_keys", keys_slots);
    T(pytype_dict_values, "dict_values", values_slots);
    T(pytype_dict_items, "dict_items", items_slots);
    T(pytype_dict_keyiterator, "dict_keyiterator", keyiter_slots);
    T(pytype_dict_valueiterator, "dict_valueiterator", valueiter_slots);
    T(pytype_dict_itemiterator, "dict_itemiterator", itemiter_slots);
    T(pytype_dict_reversekeyiterator, "dict_reversekeyiterator",
      rkeyiter_slots);
    T(pytype_dict_reversevalueiterator, "dict_reversevalueiterator",
      rvalueiter_slots);
    T(pytype_dict_reverseitemiterator, "dict_reverseitemiterator",
      ritemiter_slots);
#undef T
}
