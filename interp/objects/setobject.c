/* setobject.c -- set and frozenset: representation, C API, slots and
 * methods, and the set iterator.
 *
 * The table.  Open addressing over a power-of-two table of (hash, key)
 * pairs, the keys stored in the slots themselves (no separate entry
 * array as in dict): so iteration walks the slots, and the order of a
 * set is an accident of its hashes, its history and this file's rules.
 * Programs print sets, so those rules are CPython 3.11's, step for step:
 *
 *  - Probing: from slot h & mask, look at that slot and the 9 after it
 *    (when they fit before the end of the table), then jump to
 *    (5 * i + 1 + perturb) & mask, perturb starting at h and losing 5
 *    bits per jump.  The linear run is cheap (one cache line or two);
 *    the jumps break up clusters.
 *  - Deleting leaves a dummy (key 0, hash -1): lookups go past it.  An
 *    insert that probed past dummies reuses the last one it saw before
 *    reaching a never-used slot.  'fill' counts used + dummies.
 *  - After an insert into a never-used slot, when fill * 5 >= mask * 3
 *    the table is rebuilt for 4 * used (2 * used past 50000): the
 *    smallest power of two above that, at least 8.  A rebuild walks the
 *    old slots in order and drops the dummies.
 *  - Building from another set copies its table slot for slot when the
 *    sizes match and it has no dummies, else re-inserts in slot order;
 *    several operations (|, &, -, ^, copy(), set(a_set)...) are defined
 *    by which operand is copied, iterated or probed, as in CPython
 *    (noted at each one).
 *  - pop() scans from a finger that it leaves after the slot it took.
 *
 * Comparing keys may run Python code (__eq__) that changes the set: a
 * probe then checks that the table object and the slot's key are what
 * they were, and starts again otherwise.  Slots are found again by
 * number after anything that may allocate (tables move).
 *
 * A frozenset is built like a set and never changed afterwards; its hash
 * (CPython's: the xor of a bit-shuffle of each entry's hash, mixed with
 * the size) is computed when it is complete, so hashing it later writes
 * nothing (a cached hash written on first use would make two threads
 * hashing the same frozenset conflict).
 */
#include "setobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/hash.h"
#include "../runtime/reprguard.h"
#include "abstract.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_set;
PyType *pytype_frozenset;
PyType *pytype_set_iterator;

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define LOOKUP_ERROR  (-2)
#define NOT_FOUND     (-1)

typedef TLPREFIX struct pysetentry SetEntry;

/* The n-th value from the top of the shadow stack: loops that call code
   which may allocate keep their values there and use them in place (the
   GC keeps the slots current; a copy in a C local would go stale). */
typedef pyval __attribute__((may_alias)) slotval; /* a shadow-stack slot */
#define SLOT(n) (((slotval *)pyrt_tl.shadowstack)[-(n)])

/* ------------------------------------------------------------ GC */

size_t pysettable_gc_size(struct pyobj_s *o)
{
    return sizeof(struct pysettable_s) +
           (size_t)((struct pysettable_s *)o)->size * sizeof(struct pysetentry);
}

void pysettable_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pysettable_s *t = (struct pysettable_s *)o;
    for (int64_t i = 0; i < t->size; i++)
        pyval_visit(&t->entry[i].key, visit);
}

void pyset_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    visit((object_t **)&((struct pyset_s *)o)->table);
}

/* ------------------------------------------------------------ basics */

bool pyset_check_any(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_SET;
}

bool pyset_check(pyval v)
{
    return pyset_check_any(v) && pytype_is_subtype(pyval_type(v), pytype_set);
}

bool pyfrozenset_check(pyval v)
{
    return pyset_check_any(v) &&
           pytype_is_subtype(pyval_type(v), pytype_frozenset);
}

static inline bool is_exact_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR &&
           pyval_obj(v)->type == pytype_str;
}

static inline SetEntry *slots_of(PyObj *t)
{
    return ((PySetTable *)t)->entry;
}

/* a table of 'size' unused slots */
static PyObj *table_new(int64_t size)
{
    size_t bytes =
        sizeof(struct pysettable_s) + (size_t)size * sizeof(struct pysetentry);
    PyObj *t = pyobj_alloc(bytes, PYL_SETTABLE, pytype_object);
    memset(pyobj_real(t) + sizeof(struct pysettable_s), 0,
           bytes - sizeof(struct pysettable_s));
    ((PySetTable *)t)->size = size;
    return t;
}

/* an empty set of 'type' (a set or frozenset subclass gets its
   attribute word) */
static pyval set_alloc(PyType *type)
{
    bool sub = type != pytype_set && type != pytype_frozenset;
    size_t size = sizeof(struct pyset_s) + (sub ? sizeof(pyval) : 0);
    PySet *s = (PySet *)pyobj_alloc(size, PYL_SET, type);
    s->fill = 0;
    s->used = 0;
    s->mask = PYSET_MINSIZE - 1;
    s->finger = 0;
    s->hash = -1;
    s->table = NULL;
    if (sub) {
        s->ob.flags |= PYOBJ_HAS_ATTRS;
        *(TLPREFIX pyval *)((stm_char *)s + sizeof(struct pyset_s)) = 0;
    }
    return pyval_from_obj((PyObj *)s);
}

/* hash(key), with the fast paths of small ints and str */
static inline int key_hash(pyval key, int64_t *h)
{
    if (pyval_is_int(key)) {
        *h = pyhash_int64(pyval_int(key));
        return 0;
    }
    if (is_exact_str(key)) {
        *h = pystr(key)->hash;
        return 0;
    }
    return pyobj_hash(key, h);
}

/* the same, keeping *sop and *keyp rooted across a __hash__ call */
static int hash_key(pyval *sop, pyval *keyp, int64_t *h)
{
    if (pyval_is_int(*keyp) || is_exact_str(*keyp))
        return key_hash(*keyp, h);
    PY_PUSHV(*sop);
    PY_PUSHV(*keyp);
    int r = pyobj_hash(*keyp, h);
    PY_POPV(*keyp);
    PY_POPV(*sop);
    return r;
}

/* ------------------------------------------------------------ probing */

/* Slot number holding 'key', NOT_FOUND, or LOOKUP_ERROR.  *sop and
 *keyp are updated if a comparison moved them. */
static int64_t lookkey(pyval *sop, pyval *keyp, int64_t hash)
{
    pyval so, key;
restart:
    so = *sop;
    key = *keyp;
    pyobj_read(pyval_obj(so));
    PyObj *t = pyset(so)->table;
    if (t == NULL)
        return NOT_FOUND;
    pyobj_read(t);
    uint64_t mask = (uint64_t)pyset(so)->mask;
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    bool key_is_str = is_exact_str(key);
    for (;;) {
        uint64_t j = i;
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            SetEntry *e = &slots_of(t)[j];
            if (e->hash == 0 && e->key == 0)
                return NOT_FOUND;
            if (e->hash == hash) {
                pyval startkey = e->key;
                if (startkey == key)
                    return (int64_t)j;
                if (key_is_str && is_exact_str(startkey)) {
                    if (pystr_eq(startkey, key))
                        return (int64_t)j;
                } else {
                    PY_PUSHV(so);
                    PY_PUSHV(key);
                    PY_PUSH(t);
                    PY_PUSHV(startkey);
                    int cmp = pyobj_eq(startkey, key);
                    PY_POPV(startkey);
                    PY_POP(t);
                    PY_POPV(key);
                    PY_POPV(so);
                    *sop = so;
                    *keyp = key;
                    if (cmp < 0)
                        return LOOKUP_ERROR;
                    pyobj_read(pyval_obj(so));
                    if (pyset(so)->table != t)
                        goto restart;
                    pyobj_read(t);
                    if (slots_of(t)[j].key != startkey)
                        goto restart;
                    if (cmp > 0)
                        return (int64_t)j;
                    mask = (uint64_t)pyset(so)->mask;
                }
            }
            j++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* put a key known to be absent into a table without dummies */
static void insert_clean(PyObj *t, uint64_t mask, pyval key, int64_t hash)
{
    SetEntry *slots = slots_of(t);
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    for (;;) {
        if (slots[i].key == 0)
            break;
        if (i + LINEAR_PROBES <= mask) {
            uint64_t j;
            for (j = 1; j <= LINEAR_PROBES; j++) {
                if (slots[i + j].key == 0)
                    break;
            }
            if (j <= LINEAR_PROBES) {
                i += j;
                break;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
    slots[i].key = key;
    slots[i].hash = hash;
}

/* Rebuild the table for 'minused' keys: the smallest power of two above
   it (at least 8); dummies dropped, keys re-inserted in slot order. */
static int table_resize(pyval *sop, int64_t minused)
{
    int64_t newsize = PYSET_MINSIZE;
    while (newsize <= minused)
        newsize <<= 1;
    pyval so = *sop;
    pyobj_read(pyval_obj(so));
    PySet *s = pyset(so);
    if (newsize == PYSET_MINSIZE && s->mask == PYSET_MINSIZE - 1 &&
        s->fill == s->used)
        return 0; /* the small table has no dummies: nothing to gain */
    PY_PUSHV(*sop);
    PyObj *nt = table_new(newsize);
    PY_POPV(*sop);
    so = *sop;
    pyobj_read(pyval_obj(so));
    s = pyset(so);
    PyObj *ot = s->table;
    uint64_t newmask = (uint64_t)newsize - 1;
    if (ot != NULL) {
        pyobj_read(ot);
        SetEntry *old = slots_of(ot);
        int64_t oldsize = s->mask + 1;
        for (int64_t i = 0; i < oldsize; i++) {
            if (old[i].key != 0)
                insert_clean(nt, newmask, old[i].key, old[i].hash);
        }
    }
    pyobj_write(pyval_obj(so));
    s->table = nt;
    s->mask = (int64_t)newmask;
    s->fill = s->used;
    return 0;
}

/* the table, made if the set has none yet */
static PyObj *table_for_insert(pyval *sop)
{
    pyobj_read(pyval_obj(*sop));
    PyObj *t = pyset(*sop)->table;
    if (t != NULL)
        return t;
    PY_PUSHV(*sop);
    t = table_new(pyset(*sop)->mask + 1);
    PY_POPV(*sop);
    pyobj_write(pyval_obj(*sop));
    pyset(*sop)->table = t;
    return t;
}

/* add a key whose hash is known; 0 or -1 */
static int add_entry(pyval so, pyval key, int64_t hash)
{
restart:;
    PY_PUSHV(key);
    PyObj *t = table_for_insert(&so);
    PY_POPV(key);
    pyobj_read(t);
    uint64_t mask = (uint64_t)pyset(so)->mask;
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    int64_t freeslot = -1;
    bool key_is_str = is_exact_str(key);
    uint64_t j;
    for (;;) {
        j = i;
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            SetEntry *e = &slots_of(t)[j];
            if (e->hash == 0 && e->key == 0)
                goto found_unused_or_dummy;
            if (e->hash == hash) {
                pyval startkey = e->key;
                if (startkey == key)
                    return 0;
                if (key_is_str && is_exact_str(startkey)) {
                    if (pystr_eq(startkey, key))
                        return 0;
                } else {
                    PY_PUSHV(so);
                    PY_PUSHV(key);
                    PY_PUSH(t);
                    PY_PUSHV(startkey);
                    int cmp = pyobj_eq(startkey, key);
                    PY_POPV(startkey);
                    PY_POP(t);
                    PY_POPV(key);
                    PY_POPV(so);
                    if (cmp > 0)
                        return 0;
                    if (cmp < 0)
                        return -1;
                    pyobj_read(pyval_obj(so));
                    if (pyset(so)->table != t)
                        goto restart;
                    pyobj_read(t);
                    if (slots_of(t)[j].key != startkey)
                        goto restart;
                    mask = (uint64_t)pyset(so)->mask;
                }
            } else if (e->hash == -1) {
                freeslot = (int64_t)j;
            }
            j++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    pyobj_write(t);
    pyobj_write(pyval_obj(so));
    PySet *s = pyset(so);
    if (freeslot >= 0) {
        slots_of(t)[freeslot].key = key;
        slots_of(t)[freeslot].hash = hash;
        s->used++;
        return 0;
    }
    slots_of(t)[j].key = key;
    slots_of(t)[j].hash = hash;
    s->fill++;
    s->used++;
    if ((uint64_t)s->fill * 5 < mask * 3)
        return 0;
    return table_resize(&so, s->used > 50000 ? s->used * 2 : s->used * 4);
}

/* 1 removed, 0 absent, -1 error */
static int discard_entry(pyval so, pyval key, int64_t hash)
{
    int64_t j = lookkey(&so, &key, hash);
    if (j == LOOKUP_ERROR)
        return -1;
    if (j == NOT_FOUND)
        return 0;
    PyObj *t = pyset(so)->table;
    pyobj_write(t);
    slots_of(t)[j].key = 0;
    slots_of(t)[j].hash = -1;
    pyobj_write(pyval_obj(so));
    pyset(so)->used--;
    return 1;
}

static int contains_entry(pyval so, pyval key, int64_t hash)
{
    int64_t j = lookkey(&so, &key, hash);
    return j == LOOKUP_ERROR ? -1 : j >= 0;
}

bool pyset_next(pyval so, int64_t *pos, pyval *key, int64_t *hash)
{
    pyobj_read(pyval_obj(so));
    PyObj *t = pyset(so)->table;
    if (t == NULL)
        return false;
    pyobj_read(t);
    int64_t i = *pos, mask = pyset(so)->mask;
    SetEntry *slots = slots_of(t);
    while (i <= mask && slots[i].key == 0)
        i++;
    *pos = i + 1;
    if (i > mask)
        return false;
    *key = slots[i].key;
    if (hash)
        *hash = slots[i].hash;
    return true;
}

int64_t pyset_len(pyval so)
{
    pyobj_read(pyval_obj(so));
    return pyset(so)->used;
}

/* ------------------------------------------------------------ frozen */

static uint64_t shuffle_bits(uint64_t h)
{
    return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL;
}

static int64_t compute_hash(pyval so)
{
    uint64_t h = 0;
    int64_t pos = 0, eh;
    pyval key;
    while (pyset_next(so, &pos, &key, &eh))
        h ^= shuffle_bits((uint64_t)eh);
    h ^= ((uint64_t)pyset_len(so) + 1) * 1927868237ULL;
    h ^= (h >> 11) ^ (h >> 25);
    h = h * 69069U + 907133923ULL;
    if (h == (uint64_t)-1)
        h = 590923713ULL;
    return (int64_t)h;
}

/* a frozenset is complete: its hash now (never written again) */
static pyval finish(pyval so)
{
    if (so != 0 && pyfrozenset_check(so) && pyset(so)->hash == -1) {
        int64_t h = compute_hash(so);
        pyobj_write(pyval_obj(so));
        pyset(so)->hash = h;
    }
    return so;
}

/* ------------------------------------------------------------ building */

static int set_merge(pyval so, pyval other);

/* CPython's set_update_internal: a set is merged table to table, a dict
   by its stored hashes after one resize, anything else key by key */
static int update_internal(pyval so, pyval other)
{
    if (pyset_check_any(other))
        return set_merge(so, other);
    if (pydict_check_exact(other)) {
        int64_t n = pydict_len(other);
        pyobj_read(pyval_obj(so));
        PySet *s = pyset(so);
        if ((s->fill + n) * 5 >= s->mask * 3) {
            PY_PUSHV(other);
            int r = table_resize(&so, (s->used + n) * 2);
            PY_POPV(other);
            if (r < 0)
                return -1;
        }
        int64_t pos = 0, hash;
        pyval key;
        while (pydict_next_hash(other, &pos, &key, NULL, &hash)) {
            PY_PUSHV(so);
            PY_PUSHV(other);
            int r = add_entry(so, key, hash);
            PY_POPV(other);
            PY_POPV(so);
            if (r < 0)
                return -1;
        }
        return 0;
    }
    PY_PUSHV(so);
    pyval it = pyobj_iter(other);
    PY_POPV(so);
    if (it == 0)
        return -1;
    PY_PUSHV(so); /* SLOT(2) */
    PY_PUSHV(it); /* SLOT(1) */
    int r = 0;
    for (;;) {
        pyval key = pyiter_next(SLOT(1));
        if (key == 0) {
            r = pyerr_occurred() ? -1 : 0;
            break;
        }
        if (pyset_add(SLOT(2), key) < 0) {
            r = -1;
            break;
        }
    }
    PY_DROP();
    PY_DROP();
    return r;
}

static int set_merge(pyval so, pyval other)
{
    if (so == other || pyset_len(other) == 0)
        return 0;
    PySet *s = pyset(so);
    pyobj_read(pyval_obj(so));
    int64_t oused = pyset_len(other);
    if ((s->fill + oused) * 5 >= s->mask * 3) {
        PY_PUSHV(other);
        int r = table_resize(&so, (s->used + oused) * 2);
        PY_POPV(other);
        if (r < 0)
            return -1;
    }
    PY_PUSHV(other);
    PyObj *t = table_for_insert(&so);
    PY_POPV(other);
    s = pyset(so);
    PySet *o = pyset(other);
    pyobj_read(pyval_obj(other));
    PyObj *ot = o->table;
    pyobj_read(ot);
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        /* same size, no dummies: slot for slot */
        pyobj_write(t);
        memcpy(pyobj_real(t) + sizeof(struct pysettable_s),
               pyobj_real(ot) + sizeof(struct pysettable_s),
               (size_t)(o->mask + 1) * sizeof(struct pysetentry));
        pyobj_write(pyval_obj(so));
        s->fill = o->fill;
        s->used = o->used;
        return 0;
    }
    if (s->fill == 0) {
        /* empty: no duplicates possible */
        pyobj_write(t);
        pyobj_write(pyval_obj(so));
        s->fill = o->used;
        s->used = o->used;
        SetEntry *src = slots_of(ot);
        for (int64_t i = 0; i <= o->mask; i++) {
            if (src[i].key != 0)
                insert_clean(t, (uint64_t)s->mask, src[i].key, src[i].hash);
        }
        return 0;
    }
    for (int64_t i = 0;; i++) {
        pyobj_read(pyval_obj(other));
        if (i > pyset(other)->mask)
            return 0;
        ot = pyset(other)->table;
        pyobj_read(ot);
        pyval key = slots_of(ot)[i].key;
        int64_t hash = slots_of(ot)[i].hash;
        if (key == 0)
            continue;
        PY_PUSHV(so);
        PY_PUSHV(other);
        int r = add_entry(so, key, hash);
        PY_POPV(other);
        PY_POPV(so);
        if (r < 0)
            return -1;
    }
}

/* a new empty set or frozenset, of the base type of 'like' */
static PyType *base_type(PyType *t)
{
    return pytype_is_subtype(t, pytype_set) ? pytype_set : pytype_frozenset;
}

/* make_new_set: a set of 'type' holding the items of 'iterable' */
static pyval make_new(PyType *type, pyval iterable)
{
    PY_PUSHV(iterable);
    pyval so = set_alloc(type);
    PY_POPV(iterable);
    if (iterable == 0)
        return so;
    PY_PUSHV(so);
    int r = update_internal(so, iterable);
    PY_POPV(so);
    return r < 0 ? 0 : so;
}

static pyval make_new_basetype(pyval like, pyval iterable)
{
    return make_new(base_type(pyval_type(like)), iterable);
}

pyval pyset_new(pyval iterable)
{
    return make_new(pytype_set, iterable);
}

pyval pyfrozenset_new(pyval iterable)
{
    if (iterable != 0 && pyval_is_obj(iterable) &&
        pyval_type(iterable) == pytype_frozenset)
        return iterable;
    return finish(make_new(pytype_frozenset, iterable));
}

/* set.copy() (not finished: callers may add to a frozenset result) */
static pyval set_copy(pyval so)
{
    return make_new_basetype(so, so);
}

int pyset_add(pyval so, pyval key)
{
    int64_t hash;
    if (hash_key(&so, &key, &hash) < 0)
        return -1;
    return add_entry(so, key, hash);
}

int pyset_update(pyval so, pyval iterable)
{
    return update_internal(so, iterable);
}

void pyset_clear(pyval so)
{
    pyobj_write(pyval_obj(so));
    PySet *s = pyset(so);
    s->table = NULL;
    s->fill = 0;
    s->used = 0;
    s->mask = PYSET_MINSIZE - 1;
}

/* a set key that is unhashable is looked up as a frozenset */
static int retry_as_frozen(pyval *keyp)
{
    if (!pyset_check(*keyp) || !pyerr_matches(pyexc_TypeError))
        return -1;
    pyerr_clear();
    pyval f = make_new(pytype_frozenset, *keyp);
    if (f == 0)
        return -1;
    *keyp = finish(f);
    return 0;
}

int pyset_contains(pyval so, pyval key)
{
    int64_t hash;
    if (hash_key(&so, &key, &hash) < 0) {
        PY_PUSHV(so);
        int r = retry_as_frozen(&key);
        PY_POPV(so);
        if (r < 0)
            return -1;
        hash = pyset(key)->hash;
    }
    return contains_entry(so, key, hash);
}

int pyset_discard(pyval so, pyval key)
{
    int64_t hash;
    if (hash_key(&so, &key, &hash) < 0) {
        PY_PUSHV(so);
        int r = retry_as_frozen(&key);
        PY_POPV(so);
        if (r < 0)
            return -1;
        hash = pyset(key)->hash;
    }
    return discard_entry(so, key, hash);
}

pyval pyset_pop(pyval so)
{
    pyobj_read(pyval_obj(so));
    PySet *s = pyset(so);
    if (s->used == 0)
        return pyerr_format(pyexc_KeyError, "pop from an empty set");
    PyObj *t = s->table;
    pyobj_write(t);
    pyobj_write(pyval_obj(so));
    SetEntry *slots = slots_of(t);
    int64_t i = s->finger & s->mask;
    while (slots[i].key == 0) {
        i++;
        if (i > s->mask)
            i = 0;
    }
    pyval key = slots[i].key;
    slots[i].key = 0;
    slots[i].hash = -1;
    s->used--;
    s->finger = i + 1;
    return key;
}

/* ------------------------------------------------------------ algebra */

/* CPython's set_intersection: iterate the smaller set, probe the
   bigger; a non-set is iterated and probed in so */
static pyval intersection(pyval so, pyval other)
{
    if (so == other)
        return set_copy(so);
    PY_PUSHV(so);
    PY_PUSHV(other);
    pyval result = make_new_basetype(so, 0);
    PY_POPV(other);
    PY_POPV(so);
    if (pyset_check_any(other)) {
        if (pyset_len(other) > pyset_len(so)) {
            pyval tmp = so;
            so = other;
            other = tmp;
        }
        int64_t pos = 0, hash;
        pyval key;
        while (pyset_next(other, &pos, &key, &hash)) {
            PY_PUSHV(so);
            PY_PUSHV(other);
            PY_PUSHV(result);
            PY_PUSHV(key);
            int r = contains_entry(so, key, hash);
            PY_POPV(key);
            PY_POPV(result);
            if (r > 0) {
                PY_PUSHV(result);
                r = add_entry(result, key, hash);
                PY_POPV(result);
            }
            PY_POPV(other);
            PY_POPV(so);
            if (r < 0)
                return 0;
        }
        return result;
    }
    PY_PUSHV(so);
    PY_PUSHV(result);
    pyval it = pyobj_iter(other);
    PY_POPV(result);
    PY_POPV(so);
    if (it == 0)
        return 0;
    PY_PUSHV(so);     /* SLOT(4) while a key is held */
    PY_PUSHV(result); /* SLOT(3) */
    PY_PUSHV(it);     /* SLOT(2) */
    for (;;) {
        pyval key = pyiter_next(SLOT(1));
        if (key == 0) {
            result = pyerr_occurred() ? 0 : SLOT(2);
            break;
        }
        PY_PUSHV(key); /* SLOT(1) */
        int64_t hash;
        pyval so_ = SLOT(4), key_ = SLOT(1);
        int r = hash_key(&so_, &key_, &hash);
        if (r == 0)
            r = contains_entry(SLOT(4), SLOT(1), hash);
        if (r > 0)
            r = add_entry(SLOT(3), SLOT(1), hash);
        PY_DROP();
        if (r < 0) {
            result = 0;
            break;
        }
    }
    PY_DROP();
    PY_DROP();
    PY_DROP();
    return result;
}

pyval pyset_intersection(pyval so, pyval other)
{
    return finish(intersection(so, other));
}

/* replace so's contents (and table) with those of 'tmp' */
static void swap_bodies(pyval so, pyval tmp)
{
    pyobj_read(pyval_obj(tmp));
    pyobj_write(pyval_obj(so));
    PySet *a = pyset(so), *b = pyset(tmp);
    a->fill = b->fill;
    a->used = b->used;
    a->mask = b->mask;
    a->table = b->table;
}

/* CPython's set_difference_update_internal */
static int difference_update(pyval so, pyval other)
{
    if (so == other) {
        pyset_clear(so);
        return 0;
    }
    if (pyset_check_any(other)) {
        if ((pyset_len(other) >> 3) > pyset_len(so)) {
            PY_PUSHV(so);
            other = intersection(so, other);
            PY_POPV(so);
            if (other == 0)
                return -1;
        }
        int64_t pos = 0, hash;
        pyval key;
        while (pyset_next(other, &pos, &key, &hash)) {
            PY_PUSHV(so);
            PY_PUSHV(other);
            int r = discard_entry(so, key, hash);
            PY_POPV(other);
            PY_POPV(so);
            if (r < 0)
                return -1;
        }
    } else {
        PY_PUSHV(so);
        pyval it = pyobj_iter(other);
        PY_POPV(so);
        if (it == 0)
            return -1;
        PY_PUSHV(so); /* SLOT(3) while a key is held */
        PY_PUSHV(it); /* SLOT(2) */
        int r = 0;
        for (;;) {
            pyval key = pyiter_next(SLOT(1));
            if (key == 0) {
                r = pyerr_occurred() ? -1 : 0;
                break;
            }
            PY_PUSHV(key);
            int64_t hash;
            pyval so_ = SLOT(3), key_ = SLOT(1);
            r = hash_key(&so_, &key_, &hash);
            if (r == 0)
                r = discard_entry(SLOT(3), SLOT(1), hash);
            PY_DROP();
            if (r < 0)
                break;
        }
        PY_DROP();
        PY_POPV(so);
        if (r < 0)
            return -1;
    }
    pyobj_read(pyval_obj(so));
    PySet *s = pyset(so);
    if ((uint64_t)(s->fill - s->used) <= (uint64_t)s->mask / 4)
        return 0;
    return table_resize(&so, s->used > 50000 ? s->used * 2 : s->used * 4);
}

int pyset_difference_update(pyval so, pyval other)
{
    return difference_update(so, other);
}

/* so.copy() minus other */
static pyval copy_and_difference(pyval so, pyval other)
{
    PY_PUSHV(other);
    pyval result = set_copy(so);
    PY_POPV(other);
    if (result == 0)
        return 0;
    PY_PUSHV(result);
    int r = difference_update(result, other);
    PY_POPV(result);
    return r < 0 ? 0 : result;
}

/* CPython's set_difference */
static pyval difference(pyval so, pyval other)
{
    int64_t other_size;
    if (pyset_check_any(other))
        other_size = pyset_len(other);
    else if (pydict_check_exact(other))
        other_size = pydict_len(other);
    else
        return copy_and_difference(so, other);
    if ((pyset_len(so) >> 2) > other_size)
        return copy_and_difference(so, other);
    PY_PUSHV(so);
    PY_PUSHV(other);
    pyval result = make_new_basetype(so, 0);
    PY_POPV(other);
    PY_POPV(so);
    bool is_dict = pydict_check_exact(other);
    int64_t pos = 0, hash;
    pyval key;
    while (pyset_next(so, &pos, &key, &hash)) {
        PY_PUSHV(so);
        PY_PUSHV(other);
        PY_PUSHV(result);
        PY_PUSHV(key);
        int r = is_dict ? pydict_contains_hash(other, key, hash)
                        : contains_entry(other, key, hash);
        PY_POPV(key);
        PY_POPV(result);
        if (r == 0) {
            PY_PUSHV(result);
            r = add_entry(result, key, hash);
            PY_POPV(result);
        }
        PY_POPV(other);
        PY_POPV(so);
        if (r < 0)
            return 0;
    }
    return result;
}

/* CPython's set_symmetric_difference_update (no final resize) */
static int symmetric_difference_update(pyval so, pyval other)
{
    if (so == other) {
        pyset_clear(so);
        return 0;
    }
    int64_t pos = 0, hash;
    pyval key;
    if (pydict_check_exact(other)) {
        while (pydict_next_hash(other, &pos, &key, NULL, &hash)) {
            PY_PUSHV(so);
            PY_PUSHV(other);
            PY_PUSHV(key);
            int r = discard_entry(so, key, hash);
            PY_POPV(key);
            PY_POPV(other);
            PY_POPV(so);
            if (r == 0) {
                PY_PUSHV(so);
                PY_PUSHV(other);
                r = add_entry(so, key, hash);
                PY_POPV(other);
                PY_POPV(so);
            }
            if (r < 0)
                return -1;
        }
        return 0;
    }
    if (!pyset_check_any(other)) {
        PY_PUSHV(so);
        other = make_new_basetype(so, other);
        PY_POPV(so);
        if (other == 0)
            return -1;
    }
    while (pyset_next(other, &pos, &key, &hash)) {
        PY_PUSHV(so);
        PY_PUSHV(other);
        PY_PUSHV(key);
        int r = discard_entry(so, key, hash);
        PY_POPV(key);
        PY_POPV(other);
        PY_POPV(so);
        if (r == 0) {
            PY_PUSHV(so);
            PY_PUSHV(other);
            r = add_entry(so, key, hash);
            PY_POPV(other);
            PY_POPV(so);
        }
        if (r < 0)
            return -1;
    }
    return 0;
}

int pyset_symmetric_difference_update(pyval so, pyval other)
{
    return symmetric_difference_update(so, other);
}

/* set(other) ^= so */
static pyval symmetric_difference(pyval so, pyval other)
{
    PY_PUSHV(so);
    pyval result = make_new_basetype(so, other);
    PY_POPV(so);
    if (result == 0)
        return 0;
    PY_PUSHV(result);
    int r = symmetric_difference_update(result, so);
    PY_POPV(result);
    return r < 0 ? 0 : result;
}

static int issubset(pyval so, pyval other);

/* other made a set when it is not one */
static int with_set(pyval *other)
{
    if (pyset_check_any(*other))
        return 0;
    pyval t = make_new(pytype_set, *other);
    if (t == 0)
        return -1;
    *other = t;
    return 0;
}

static int issubset(pyval so, pyval other)
{
    PY_PUSHV(so);
    int r = with_set(&other);
    PY_POPV(so);
    if (r < 0)
        return -1;
    if (pyset_len(so) > pyset_len(other))
        return 0;
    int64_t pos = 0, hash;
    pyval key;
    while (pyset_next(so, &pos, &key, &hash)) {
        PY_PUSHV(so);
        PY_PUSHV(other);
        r = contains_entry(other, key, hash);
        PY_POPV(other);
        PY_POPV(so);
        if (r <= 0)
            return r;
    }
    return 1;
}

static int issuperset(pyval so, pyval other)
{
    PY_PUSHV(so);
    int r = with_set(&other);
    PY_POPV(so);
    if (r < 0)
        return -1;
    return issubset(other, so);
}

static int isdisjoint(pyval so, pyval other)
{
    if (so == other)
        return pyset_len(so) == 0;
    if (pyval_is_obj(other) && (pyval_type(other) == pytype_set ||
                                pyval_type(other) == pytype_frozenset)) {
        if (pyset_len(other) > pyset_len(so)) {
            pyval tmp = so;
            so = other;
            other = tmp;
        }
        int64_t pos = 0, hash;
        pyval key;
        while (pyset_next(other, &pos, &key, &hash)) {
            PY_PUSHV(so);
            PY_PUSHV(other);
            int r = contains_entry(so, key, hash);
            PY_POPV(other);
            PY_POPV(so);
            if (r != 0)
                return r < 0 ? -1 : 0;
        }
        return 1;
    }
    PY_PUSHV(so);
    pyval it = pyobj_iter(other);
    PY_POPV(so);
    if (it == 0)
        return -1;
    PY_PUSHV(so); /* SLOT(3) while a key is held */
    PY_PUSHV(it); /* SLOT(2) */
    int result;
    for (;;) {
        pyval key = pyiter_next(SLOT(1));
        if (key == 0) {
            result = pyerr_occurred() ? -1 : 1;
            break;
        }
        PY_PUSHV(key);
        int64_t hash;
        pyval so_ = SLOT(3), key_ = SLOT(1);
        int r = hash_key(&so_, &key_, &hash);
        if (r == 0)
            r = contains_entry(SLOT(3), SLOT(1), hash);
        PY_DROP();
        if (r != 0) {
            result = r < 0 ? -1 : 0;
            break;
        }
    }
    PY_DROP();
    PY_DROP();
    return result;
}

/* ------------------------------------------------------------ slots */

static pyval set_repr(pyval so)
{
    PyType *type = pyval_type(so);
    int g = pyreprguard_enter(so);
    if (g != 0) {
        if (g < 0)
            return 0;
        char buf[160];
        snprintf(buf, sizeof(buf), "%s(...)", pytype_name(type));
        return pystr_from_cstr(buf);
    }
    int64_t n = pyset_len(so);
    bool exact = type == pytype_set;
    struct {
        char *p;
        size_t len, cap;
    } b = {NULL, 0, 0};
#define PUT(s, n)                                  \
    do {                                           \
        size_t n_ = (n);                           \
        if (b.len + n_ + 1 > b.cap) {              \
            size_t c_ = (b.len + n_ + 1) * 2 + 32; \
            char *p_ = realloc(b.p, c_);           \
            if (p_ == NULL)                        \
                goto nomem;                        \
            b.p = p_;                              \
            b.cap = c_;                            \
        }                                          \
        memcpy(b.p + b.len, (s), n_);              \
        b.len += n_;                               \
    } while (0)
    const char *name = pytype_name(type);
    if (n == 0) {
        PUT(name, strlen(name));
        PUT("()", 2);
    } else {
        /* the keys first (no code runs while collecting), then shown */
        PY_PUSHV(so);
        pyval keys = pytuple_new(n);
        PY_POPV(so);
        if (keys == 0)
            goto fail;
        int64_t pos = 0, j = 0;
        pyval key;
        while (j < n && pyset_next(so, &pos, &key, NULL))
            pytuple_init_item(keys, j++, key);
        if (!exact) {
            name = pytype_name(type);
            PUT(name, strlen(name));
            PUT("(", 1);
        }
        PUT("{", 1);
        for (int64_t i = 0; i < j; i++) {
            if (i)
                PUT(", ", 2);
            PY_PUSHV(so);
            PY_PUSHV(keys);
            pyval r = pyobj_repr(pytuple_get(keys, i));
            PY_POPV(keys);
            PY_POPV(so);
            if (r == 0)
                goto fail;
            PUT(pystr_utf8(r), (size_t)pystr_nbytes(r));
        }
        PUT("}", 1);
        if (!exact)
            PUT(")", 1);
    }
#undef PUT
    pyreprguard_leave(so);
    pyval r = pystr_from_utf8(b.p, b.len);
    free(b.p);
    return r;
nomem:
    pyerr_no_memory();
fail:
    pyreprguard_leave(so);
    free(b.p);
    return 0;
}

static int64_t set_len(pyval so)
{
    return pyset_len(so);
}

static int set_contains(pyval so, pyval key)
{
    return pyset_contains(so, key);
}

static int frozenset_hash(pyval so, int64_t *out)
{
    int64_t h = pyset(so)->hash;
    *out = h != -1 ? h : compute_hash(so);
    return 0;
}

static pyval set_richcompare(pyval v, pyval w, enum pycmpop op)
{
    if (!pyset_check_any(w))
        return py_NotImplemented;
    int r;
    switch (op) {
    case PYCMP_EQ:
    case PYCMP_NE:
        if (pyset_len(v) != pyset_len(w))
            r = 0;
        else
            r = issubset(v, w);
        if (r >= 0 && op == PYCMP_NE)
            r = !r;
        break;
    case PYCMP_LE:
        r = issubset(v, w);
        break;
    case PYCMP_GE:
        r = issuperset(v, w);
        break;
    case PYCMP_LT:
        r = pyset_len(v) >= pyset_len(w) ? 0 : issubset(v, w);
        break;
    default:
        r = pyset_len(v) <= pyset_len(w) ? 0 : issuperset(v, w);
        break;
    }
    return r < 0 ? 0 : pybool(r);
}

/* the iterator */
static pyval set_iter(pyval so)
{
    int64_t used = pyset_len(so);
    PY_PUSHV(so);
    PyPairIter *p = (PyPairIter *)pyobj_alloc(
        sizeof(struct pypairiter_s), PYL_SETTABLE, pytype_set_iterator);
    PY_POPV(so);
    p->size = 2;
    p->pos = 0;
    p->container = so;
    p->used = used;
    p->left = pyval_from_int(used);
    return pyval_from_obj((PyObj *)p);
}

static pyval setiter_next(pyval it)
{
    pyobj_read(pyval_obj(it));
    PyPairIter *p = (PyPairIter *)pyval_obj(it);
    pyval so = p->container;
    if (so == 0)
        return 0;
    pyobj_write(pyval_obj(it));
    if (p->used != pyset_len(so)) {
        p->used = -1;
        return pyerr_format(pyexc_RuntimeError,
                            "Set changed size during iteration");
    }
    int64_t pos = p->pos;
    pyval key;
    if (!pyset_next(so, &pos, &key, NULL)) {
        p->pos = pos;
        p->container = 0;
        return 0;
    }
    p->pos = pos;
    p->left = pyval_from_int(pyval_int(p->left) - 1);
    return key;
}

static pyval iter_self(pyval it)
{
    return it;
}

static pyval setiter_length_hint(pyval self, const pyval *args, size_t nargs,
                                 PyObj *kwnames)
{
    pyobj_read(pyval_obj(self));
    PyPairIter *p = (PyPairIter *)pyval_obj(self);
    if (p->container != 0 && p->used == pyset_len(p->container))
        return p->left;
    return pyval_from_int(0);
}

static const struct pymethod_def setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct pytype_slots setiter_slots = {
    .iter = iter_self,
    .iternext = setiter_next,
    .methods = setiter_methods,
};

/* operators: both operands sets (or frozensets), else NotImplemented */
static pyval set_or(pyval a, pyval b)
{
    if (!pyset_check_any(a) || !pyset_check_any(b))
        return py_NotImplemented;
    bool same = a == b; /* before a moves */
    PY_PUSHV(b);
    pyval result = set_copy(a);
    PY_POPV(b);
    if (result == 0 || same)
        return finish(result);
    PY_PUSHV(result);
    int r = update_internal(result, b);
    PY_POPV(result);
    return r < 0 ? 0 : finish(result);
}

static pyval set_and(pyval a, pyval b)
{
    if (!pyset_check_any(a) || !pyset_check_any(b))
        return py_NotImplemented;
    return finish(intersection(a, b));
}

static pyval set_sub(pyval a, pyval b)
{
    if (!pyset_check_any(a) || !pyset_check_any(b))
        return py_NotImplemented;
    return finish(difference(a, b));
}

static pyval set_xor(pyval a, pyval b)
{
    if (!pyset_check_any(a) || !pyset_check_any(b))
        return py_NotImplemented;
    return finish(symmetric_difference(a, b));
}

static pyval set_ior(pyval a, pyval b)
{
    if (!pyset_check_any(b))
        return py_NotImplemented;
    PY_PUSHV(a);
    int r = update_internal(a, b);
    PY_POPV(a);
    return r < 0 ? 0 : a;
}

/* intersection_update: so takes the intersection's table */
static int intersection_update(pyval so, pyval other)
{
    PY_PUSHV(so);
    pyval tmp = intersection(so, other);
    PY_POPV(so);
    if (tmp == 0)
        return -1;
    swap_bodies(so, tmp);
    return 0;
}

static pyval set_iand(pyval a, pyval b)
{
    if (!pyset_check_any(b))
        return py_NotImplemented;
    PY_PUSHV(a);
    int r = intersection_update(a, b);
    PY_POPV(a);
    return r < 0 ? 0 : a;
}

static pyval set_isub(pyval a, pyval b)
{
    if (!pyset_check_any(b))
        return py_NotImplemented;
    PY_PUSHV(a);
    int r = difference_update(a, b);
    PY_POPV(a);
    return r < 0 ? 0 : a;
}

static pyval set_ixor(pyval a, pyval b)
{
    if (!pyset_check_any(b))
        return py_NotImplemented;
    PY_PUSHV(a);
    int r = symmetric_difference_update(a, b);
    PY_POPV(a);
    return r < 0 ? 0 : a;
}

/* construction */
static pyval set_new_slot(PyType *type, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    return set_alloc(type);
}

static int set_init(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pyarg_no_keywords("set", kwnames) < 0 ||
        pyarg_count("set", nargs, 0, 1) < 0)
        return -1;
    if (pyset_len(self) > 0)
        pyset_clear(self);
    if (nargs == 0)
        return 0;
    return update_internal(self, args[0]);
}

static pyval frozenset_new_slot(PyType *type, const pyval *args, size_t nargs,
                                PyObj *kwnames)
{
    if ((type == pytype_frozenset &&
         pyarg_no_keywords("frozenset", kwnames) < 0) ||
        pyarg_count("frozenset", nargs, 0, 1) < 0)
        return 0;
    pyval iterable = nargs ? args[0] : 0;
    if (type == pytype_frozenset)
        return pyfrozenset_new(iterable);
    return finish(make_new(type, iterable));
}

/* ------------------------------------------------------------ methods */

/* The arguments of a method are rooted for its duration: read them as
   ARG(i) after anything that may allocate. */
#define ROOT_ARGS(args, n)                                    \
    struct stm_shadowentry_s *argbase_ = pyrt_tl.shadowstack; \
    for (size_t i_ = 0; i_ < (n); i_++)                       \
    PY_PUSHV((args)[i_])
#define ARG(i)        ((pyval)(uintptr_t)argbase_[i].ss)
#define UNROOT_ARGS() (pyrt_tl.shadowstack = argbase_)

static int check(const char *name, PyObj *kwnames, size_t nargs, size_t min,
                 size_t max)
{
    if (pyarg_no_keywords(name, kwnames) < 0 ||
        pyarg_count(name, nargs, min, max) < 0)
        return -1;
    return 0;
}

static pyval m_add(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (check("set.add", kwnames, nargs, 1, 1) < 0)
        return 0;
    return pyset_add(self, args[0]) < 0 ? 0 : py_None;
}

static pyval m_discard(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (check("set.discard", kwnames, nargs, 1, 1) < 0)
        return 0;
    return pyset_discard(self, args[0]) < 0 ? 0 : py_None;
}

static pyval m_remove(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (check("set.remove", kwnames, nargs, 1, 1) < 0)
        return 0;
    pyval key = args[0];
    PY_PUSHV(key);
    int r = pyset_discard(self, key);
    PY_POPV(key);
    if (r < 0)
        return 0;
    if (r == 0) {
        pyval t = pytuple_pack(1, key);
        if (t == 0)
            return 0;
        pyerr_set(pyexc_new(pyexc_KeyError, t));
        return 0;
    }
    return py_None;
}

static pyval m_pop(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (check("set.pop", kwnames, nargs, 0, 0) < 0)
        return 0;
    return pyset_pop(self);
}

static pyval m_clear(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (check("set.clear", kwnames, nargs, 0, 0) < 0)
        return 0;
    pyset_clear(self);
    return py_None;
}

static pyval m_copy(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (check(pyfrozenset_check(self) ? "frozenset.copy" : "set.copy", kwnames,
              nargs, 0, 0) < 0)
        return 0;
    if (pyval_type(self) == pytype_frozenset)
        return self;
    return finish(set_copy(self));
}

static pyval m_contains(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (check(pyfrozenset_check(self) ? "frozenset.__contains__"
                                      : "set.__contains__",
              kwnames, nargs, 1, 1) < 0)
        return 0;
    int r = pyset_contains(self, args[0]);
    return r < 0 ? 0 : pybool(r);
}

static pyval m_union(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pyarg_no_keywords("union", kwnames) < 0)
        return 0;
    ROOT_ARGS(args, nargs);
    PY_PUSHV(self);
    pyval result = set_copy(self);
    for (size_t i = 0; i < nargs && result != 0; i++) {
        /* self as rooted now: both sides of == have moved alike */
        if (ARG(i) == ARG(nargs))
            continue;
        PY_PUSHV(result);
        int r = update_internal(result, ARG(i));
        PY_POPV(result);
        if (r < 0)
            result = 0;
    }
    UNROOT_ARGS();
    return finish(result);
}

static pyval m_update(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("update", kwnames) < 0)
        return 0;
    ROOT_ARGS(args, nargs);
    int r = 0;
    for (size_t i = 0; i < nargs && r == 0; i++) {
        PY_PUSHV(self);
        r = update_internal(self, ARG(i));
        PY_POPV(self);
    }
    UNROOT_ARGS();
    return r < 0 ? 0 : py_None;
}

/* intersection of self and every argument (a copy for none) */
static pyval intersection_multi(pyval self, const pyval *args, size_t nargs)
{
    if (nargs == 0)
        return set_copy(self);
    ROOT_ARGS(args, nargs);
    pyval result = self;
    for (size_t i = 0; i < nargs && result != 0; i++)
        result = intersection(result, ARG(i));
    UNROOT_ARGS();
    return result;
}

static pyval m_intersection(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    if (pyarg_no_keywords("intersection", kwnames) < 0)
        return 0;
    return finish(intersection_multi(self, args, nargs));
}

static pyval m_intersection_update(pyval self, const pyval *args, size_t nargs,
                                   PyObj *kwnames)
{
    if (pyarg_no_keywords("intersection_update", kwnames) < 0)
        return 0;
    PY_PUSHV(self);
    pyval tmp = intersection_multi(self, args, nargs);
    PY_POPV(self);
    if (tmp == 0)
        return 0;
    swap_bodies(self, tmp);
    return py_None;
}

static pyval m_difference(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("difference", kwnames) < 0)
        return 0;
    if (nargs == 0)
        return finish(set_copy(self));
    ROOT_ARGS(args, nargs);
    pyval result = difference(self, ARG(0));
    for (size_t i = 1; i < nargs && result != 0; i++) {
        PY_PUSHV(result);
        int r = difference_update(result, ARG(i));
        PY_POPV(result);
        if (r < 0)
            result = 0;
    }
    UNROOT_ARGS();
    return finish(result);
}

static pyval m_difference_update(pyval self, const pyval *args, size_t nargs,
                                 PyObj *kwnames)
{
    if (pyarg_no_keywords("difference_update", kwnames) < 0)
        return 0;
    ROOT_ARGS(args, nargs);
    int r = 0;
    for (size_t i = 0; i < nargs && r == 0; i++) {
        PY_PUSHV(self);
        r = difference_update(self, ARG(i));
        PY_POPV(self);
    }
    UNROOT_ARGS();
    return r < 0 ? 0 : py_None;
}

static pyval m_symmetric_difference(pyval self, const pyval *args, size_t nargs,
                                    PyObj *kwnames)
{
    if (check(pyfrozenset_check(self) ? "frozenset.symmetric_difference"
                                      : "set.symmetric_difference",
              kwnames, nargs, 1, 1) < 0)
        return 0;
    return finish(symmetric_difference(self, args[0]));
}

static pyval m_symmetric_difference_update(pyval self, const pyval *args,
                                           size_t nargs, PyObj *kwnames)
{
    if (check("set.symmetric_difference_update", kwnames, nargs, 1, 1) < 0)
        return 0;
    return symmetric_difference_update(self, args[0]) < 0 ? 0 : py_None;
}

static const char *kind(pyval self, const char *set_name,
                        const char *frozen_name)
{
    return pyfrozenset_check(self) ? frozen_name : set_name;
}

static pyval m_issubset(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (check(kind(self, "set.issubset", "frozenset.issubset"), kwnames, nargs,
              1, 1) < 0)
        return 0;
    int r = issubset(self, args[0]);
    return r < 0 ? 0 : pybool(r);
}

static pyval m_issuperset(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (check(kind(self, "set.issuperset", "frozenset.issuperset"), kwnames,
              nargs, 1, 1) < 0)
        return 0;
    int r = issuperset(self, args[0]);
    return r < 0 ? 0 : pybool(r);
}

static pyval m_isdisjoint(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (check(kind(self, "set.isdisjoint", "frozenset.isdisjoint"), kwnames,
              nargs, 1, 1) < 0)
        return 0;
    int r = isdisjoint(self, args[0]);
    return r < 0 ? 0 : pybool(r);
}

const struct pymethod_def pyset_methods[] = {
    {"add", m_add, 0, NULL},
    {"clear", m_clear, 0, NULL},
    {"__contains__", m_contains, 0, NULL},
    {"copy", m_copy, 0, NULL},
    {"discard", m_discard, 0, NULL},
    {"difference", m_difference, 0, NULL},
    {"difference_update", m_difference_update, 0, NULL},
    {"intersection", m_intersection, 0, NULL},
    {"intersection_update", m_intersection_update, 0, NULL},
    {"isdisjoint", m_isdisjoint, 0, NULL},
    {"issubset", m_issubset, 0, NULL},
    {"issuperset", m_issuperset, 0, NULL},
    {"pop", m_pop, 0, NULL},
    {"remove", m_remove, 0, NULL},
    {"symmetric_difference", m_symmetric_difference, 0, NULL},
    {"symmetric_difference_update", m_symmetric_difference_update, 0, NULL},
    {"union", m_union, 0, NULL},
    {"update", m_update, 0, NULL},
    {NULL, NULL, 0, NULL},
};

const struct pymethod_def pyfrozenset_methods[] = {
    {"__contains__", m_contains, 0, NULL},
    {"copy", m_copy, 0, NULL},
    {"difference", m_difference, 0, NULL},
    {"intersection", m_intersection, 0, NULL},
    {"isdisjoint", m_isdisjoint, 0, NULL},
    {"issubset", m_issubset, 0, NULL},
    {"issuperset", m_issuperset, 0, NULL},
    {"symmetric_difference", m_symmetric_difference, 0, NULL},
    {"union", m_union, 0, NULL},
    {NULL, NULL, 0, NULL},
};

const struct pytype_slots pyset_slots = {
    .repr = set_repr,
    .richcompare = set_richcompare,
    .len = set_len,
    .contains = set_contains,
    .iter = set_iter,
    .binop[PYOP_OR] = set_or,
    .binop[PYOP_AND] = set_and,
    .binop[PYOP_SUB] = set_sub,
    .binop[PYOP_XOR] = set_xor,
    .inplace[PYOP_OR] = set_ior,
    .inplace[PYOP_AND] = set_iand,
    .inplace[PYOP_SUB] = set_isub,
    .inplace[PYOP_XOR] = set_ixor,
    .new_ = set_new_slot,
    .init = set_init,
    .methods = pyset_methods,
};

const struct pytype_slots pyfrozenset_slots = {
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .len = set_len,
    .contains = set_contains,
    .iter = set_iter,
    .binop[PYOP_OR] = set_or,
    .binop[PYOP_AND] = set_and,
    .binop[PYOP_SUB] = set_sub,
    .binop[PYOP_XOR] = set_xor,
    .new_ = frozenset_new_slot,
    .methods = pyfrozenset_methods,
};

void pyset_setup_types(void)
{
    pytype_set =
        pytype_new_builtin("set", &pyset_slots, PYL_SET, NULL, PYTYPE_BASETYPE);
    pytype_frozenset = pytype_new_builtin("frozenset", &pyfrozenset_slots,
                                          PYL_SET, NULL, PYTYPE_BASETYPE);
    pytype_set_iterator = pytype_new_builtin("set_iterator", &setiter_slots,
                                             PYL_SETTABLE, NULL, 0);
}
