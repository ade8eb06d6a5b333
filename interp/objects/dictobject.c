/* dictobject.c -- dict: the representation, its C API and slots, and
 * dict's methods (views and iterators: dictviews.c).
 *
 * The table.  A dict keeps its items in an array of entries (hash, key,
 * value) in the order they were inserted, and finds them through a
 * separate, sparse array of small integers, the index: slot s of the
 * index holds the number of the entry whose hash led there, -1 if the
 * slot was never used, -2 if its entry was deleted.  Both live in one
 * PYL_DICTKEYS object: the index first (1, 2, 4 or 8 bytes per slot,
 * whatever the entry numbers need), then the entries.  Iterating walks
 * the entries, so the order is the insertion order whatever the hashes;
 * the index only has to be dense enough that probing stays short.
 *
 * Probing.  A key with hash h starts at slot h & mask; each miss moves
 * to (5 * slot + 1 + perturb) & mask, where perturb starts as h and loses
 * 5 bits per step: the high bits of the hash are mixed in quickly, and
 * once perturb is 0 the recurrence visits every slot (5 is the
 * multiplier of a full-period LCG mod a power of two).  A lookup stops
 * at a -1 slot; -2 slots are skipped (the chain goes on past them).
 *
 * Growth.  An index of n slots takes at most 2n/3 entries ('usable'
 * counts what is left).  Deleting leaves a hole in the entries and a -2
 * in the index, and does not give the entry back; when the entries are
 * used up the table is rebuilt at a size for 3 * len(d) (so a dict that
 * churns through inserts and deletes stays the same size), with the
 * live entries packed in order.  popitem() takes the last live entry and
 * also forgets the entries after it, so a stack-like use does not grow.
 *
 * Comparing keys may run Python code (__eq__), which may change the
 * dict, even rebuild its table.  After such a comparison a lookup checks
 * that the table is the same object and the entry still holds the key
 * it compared; otherwise it starts again (CPython's rule, so the same
 * __eq__ calls happen).  Every object held across a comparison or an
 * allocation is on the shadow stack, and entries are found again by
 * number afterwards (the table may have moved).
 *
 * STM: a dict is one object plus its table, so two threads writing the
 * same dict conflict (doc/pystm-dict.md).
 */
#include "dictobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/hash.h"
#include "../runtime/reprguard.h"
#include "abstract.h"
#include "classobject.h"
#include "exceptionobject.h"
#include "setobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdlib.h>
#include <string.h>

PyType *pytype_dict;

#define IX_EMPTY      (-1)
#define IX_DUMMY      (-2)
#define PERTURB_SHIFT 5
#define MIN_LOG2SIZE  3

typedef TLPREFIX struct pydictentry DictEntry;

/* The n-th value from the top of the shadow stack: loops that call code
   which may allocate keep their values there and use them in place (the
   GC keeps the slots current; a copy in a C local would go stale). */
typedef pyval __attribute__((may_alias)) slotval; /* a shadow-stack slot */
#define SLOT(n) (((slotval *)pyrt_tl.shadowstack)[-(n)])

/* ------------------------------------------------------------ the table */

#define ix_log2width   pydictkeys_ix_log2width
#define entries_offset pydictkeys_entries_offset

static inline int64_t usable_of(int64_t size)
{
    return (size << 1) / 3;
}

static inline DictEntry *entries_of(PyObj *k)
{
    return (DictEntry *)((stm_char *)k +
                         entries_offset(((PyDictKeys *)k)->log2size));
}

static inline DictEntry *entry_at(PyObj *k, int64_t ix)
{
    return entries_of(k) + ix;
}

static inline int64_t ix_get(PyObj *k, int64_t slot)
{
    PyDictKeys *dk = (PyDictKeys *)k;
    switch (ix_log2width(dk->log2size)) {
    case 0:
        return ((TLPREFIX int8_t *)dk->data)[slot];
    case 1:
        return ((TLPREFIX int16_t *)dk->data)[slot];
    case 2:
        return ((TLPREFIX int32_t *)dk->data)[slot];
    default:
        return ((TLPREFIX int64_t *)dk->data)[slot];
    }
}

static inline void ix_set(PyObj *k, int64_t slot, int64_t ix)
{
    PyDictKeys *dk = (PyDictKeys *)k;
    switch (ix_log2width(dk->log2size)) {
    case 0:
        ((TLPREFIX int8_t *)dk->data)[slot] = (int8_t)ix;
        break;
    case 1:
        ((TLPREFIX int16_t *)dk->data)[slot] = (int16_t)ix;
        break;
    case 2:
        ((TLPREFIX int32_t *)dk->data)[slot] = (int32_t)ix;
        break;
    default:
        ((TLPREFIX int64_t *)dk->data)[slot] = ix;
        break;
    }
}

size_t pydictkeys_gc_size(struct pyobj_s *o)
{
    struct pydictkeys_s *k = (struct pydictkeys_s *)o;
    int64_t size = (int64_t)1 << k->log2size;
    return entries_offset(k->log2size) +
           (size_t)usable_of(size) * sizeof(struct pydictentry);
}

void pydictkeys_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pydictkeys_s *k = (struct pydictkeys_s *)o;
    struct pydictentry *e =
        (struct pydictentry *)((char *)o + entries_offset(k->log2size));
    for (int64_t i = 0; i < k->nentries; i++) {
        pyval_visit(&e[i].key, visit);
        pyval_visit(&e[i].value, visit);
    }
}

void pydict_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    visit((object_t **)&((struct pydict_s *)o)->keys);
}

/* stamps: a thread's number in the high bits, its own count below, so
   threads never share a counter's cache line */
static uint64_t stamp_threads;
static __thread uint64_t stamp_next;

static uint64_t new_stamp(void)
{
    if (stamp_next == 0)
        stamp_next = __atomic_add_fetch(&stamp_threads, 1, __ATOMIC_RELAXED)
                     << 40;
    return ++stamp_next;
}

/* an empty table of 1 << log2size index slots (may collect) */
static PyObj *keys_new(int64_t log2size)
{
    int64_t size = (int64_t)1 << log2size;
    size_t off = entries_offset(log2size);
    size_t bytes = off + (size_t)usable_of(size) * sizeof(struct pydictentry);
    PyObj *k = pyobj_alloc(bytes, PYL_DICTKEYS, pytype_object);
    char *real = pyobj_real(k);
    memset(real + offsetof(struct pydictkeys_s, data), 0xff,
           off - offsetof(struct pydictkeys_s, data));
    memset(real + off, 0, bytes - off);
    PyDictKeys *dk = (PyDictKeys *)k;
    dk->log2size = log2size;
    dk->usable = usable_of(size);
    dk->nentries = 0;
    dk->stamp = new_stamp();
    return k;
}

/* smallest table whose index has at least 'minsize' slots */
static int64_t log2_for(int64_t minsize)
{
    int64_t l = MIN_LOG2SIZE;
    while (((int64_t)1 << l) < minsize)
        l++;
    return l;
}

/* smallest table that takes n entries */
static int64_t log2_for_entries(int64_t n)
{
    return log2_for((n * 3 + 1) / 2);
}

/* a slot of the index that is free (never used, or deleted) on the
   probe chain of 'hash' */
static int64_t find_free_slot(PyObj *k, int64_t hash)
{
    uint64_t mask = ((uint64_t)1 << ((PyDictKeys *)k)->log2size) - 1;
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    while (ix_get(k, (int64_t)i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return (int64_t)i;
}

/* the index slot that points to entry 'ix' */
static int64_t find_slot_of(PyObj *k, int64_t hash, int64_t ix)
{
    uint64_t mask = ((uint64_t)1 << ((PyDictKeys *)k)->log2size) - 1;
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    while (ix_get(k, (int64_t)i) != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return (int64_t)i;
}

/* Rebuild d's table with 1 << log2size slots, live entries packed in
   order.  May collect: the caller roots what it holds. */
static int resize(pyval *dp, int64_t log2size)
{
    PY_PUSHV(*dp);
    PyObj *nk = keys_new(log2size);
    PY_POPV(*dp);
    pyval d = *dp;
    pyobj_read(pyval_obj(d));
    PyObj *ok = pydict(d)->keys;
    int64_t n = 0;
    if (ok != NULL) {
        pyobj_read(ok);
        int64_t total = ((PyDictKeys *)ok)->nentries;
        DictEntry *src = entries_of(ok);
        DictEntry *dst = entries_of(nk);
        for (int64_t i = 0; i < total; i++) {
            if (src[i].value == 0)
                continue;
            dst[n] = src[i];
            ix_set(nk, find_free_slot(nk, src[i].hash), n);
            n++;
        }
    }
    PyDictKeys *dk = (PyDictKeys *)nk;
    dk->nentries = n;
    dk->usable -= n;
    pyobj_write(pyval_obj(d));
    pydict(d)->keys = nk;
    return 0;
}

/* ------------------------------------------------------------ keys */

static inline bool is_exact_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR &&
           pyval_obj(v)->type == pytype_str;
}

/* hash(key), with the fast paths of small ints and str (their hash is
   known without a call) */
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

/* the same, keeping *dp and *keyp rooted across a __hash__ call */
static inline int hash_key(pyval *dp, pyval *keyp, int64_t *h)
{
    pyval key = *keyp;
    if (pyval_is_int(key) || is_exact_str(key))
        return key_hash(key, h);
    PY_PUSHV(*dp);
    PY_PUSHV(*keyp);
    int r = pyobj_hash(key, h);
    PY_POPV(*keyp);
    PY_POPV(*dp);
    return r;
}

bool pydict_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_DICT;
}

bool pydict_check_exact(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->type == pytype_dict;
}

/* The entry number of 'key' in d, IX_EMPTY if absent, -3 on error.
   May run __eq__ (and so anything). */
#define IX_ERROR (-3)
static int64_t lookup(pyval *dp, pyval *keyp, int64_t hash)
{
    pyval d, key;
restart:
    d = *dp;
    key = *keyp;
    pyobj_read(pyval_obj(d));
    PyObj *k = pydict(d)->keys;
    if (k == NULL)
        return IX_EMPTY;
    pyobj_read(k);
    uint64_t mask = ((uint64_t)1 << ((PyDictKeys *)k)->log2size) - 1;
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    bool key_is_str = is_exact_str(key);
    for (;;) {
        int64_t ix = ix_get(k, (int64_t)i);
        if (ix == IX_EMPTY)
            return IX_EMPTY;
        if (ix >= 0) {
            DictEntry *e = entry_at(k, ix);
            pyval startkey = e->key;
            if (startkey == key)
                return ix;
            if (e->hash == hash) {
                if (key_is_str && is_exact_str(startkey)) {
                    if (pystr_eq(startkey, key))
                        return ix;
                } else {
                    PY_PUSHV(d);
                    PY_PUSHV(key);
                    PY_PUSH(k);
                    PY_PUSHV(startkey);
                    int cmp = pyobj_eq(startkey, key);
                    PY_POPV(startkey);
                    PY_POP(k);
                    PY_POPV(key);
                    PY_POPV(d);
                    *dp = d;
                    *keyp = key;
                    if (cmp < 0)
                        return IX_ERROR;
                    pyobj_read(pyval_obj(d));
                    if (pydict(d)->keys != k)
                        goto restart;
                    pyobj_read(k);
                    if (entry_at(k, ix)->key != startkey)
                        goto restart;
                    if (cmp > 0)
                        return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* d[key] = value for a key whose hash is known */
static int insert(pyval d, pyval key, int64_t hash, pyval value)
{
    PY_PUSHV(value);
    int64_t ix = lookup(&d, &key, hash);
    PY_POPV(value);
    if (ix == IX_ERROR)
        return -1;
    if (ix >= 0) {
        PyObj *k = pydict(d)->keys;
        pyobj_write(k);
        entry_at(k, ix)->value = value;
        return 0;
    }
    pyobj_read(pyval_obj(d));
    PyObj *k = pydict(d)->keys;
    if (k == NULL || (pyobj_read(k), ((PyDictKeys *)k)->usable <= 0)) {
        PY_PUSHV(key);
        PY_PUSHV(value);
        int r = resize(&d, log2_for(pydict(d)->used * 3));
        PY_POPV(value);
        PY_POPV(key);
        if (r < 0)
            return -1;
        k = pydict(d)->keys;
    }
    pyobj_write(k);
    PyDictKeys *dk = (PyDictKeys *)k;
    int64_t n = dk->nentries;
    DictEntry *e = entry_at(k, n);
    e->hash = hash;
    e->key = key;
    e->value = value;
    ix_set(k, find_free_slot(k, hash), n);
    dk->nentries = n + 1;
    dk->usable--;
    dk->stamp = new_stamp();
    pyobj_write(pyval_obj(d));
    pydict(d)->used++;
    return 0;
}

/* removes entry ix (live) of d's table */
static void delete_at(pyval d, int64_t ix)
{
    PyObj *k = pydict(d)->keys;
    pyobj_write(k);
    DictEntry *e = entry_at(k, ix);
    ix_set(k, find_slot_of(k, e->hash, ix), IX_DUMMY);
    e->key = 0;
    e->value = 0;
    pyobj_write(pyval_obj(d));
    pydict(d)->used--;
}

static pyval raise_key_error(pyval key)
{
    pyval args = pytuple_pack(1, key);
    if (args == 0)
        return 0;
    pyerr_set(pyexc_new(pyexc_KeyError, args));
    return 0;
}

/* ------------------------------------------------------------ C API */

pyval pydict_new(void)
{
    PyDict *d =
        (PyDict *)pyobj_alloc(sizeof(struct pydict_s), PYL_DICT, pytype_dict);
    d->used = 0;
    d->keys = NULL;
    return pyval_from_obj((PyObj *)d);
}

/* an empty dict of type 'type' (a subclass gets its attribute word) */
static pyval dict_new_of_type(PyType *type)
{
    if (type == pytype_dict)
        return pydict_new();
    PyDict *d = (PyDict *)pyobj_alloc(sizeof(struct pydict_s) + sizeof(pyval),
                                      PYL_DICT, type);
    d->used = 0;
    d->keys = NULL;
    d->ob.flags |= PYOBJ_HAS_ATTRS;
    *(TLPREFIX pyval *)((stm_char *)d + sizeof(struct pydict_s)) = 0;
    return pyval_from_obj((PyObj *)d);
}

static pyval get_hashed(pyval d, pyval key, int64_t hash)
{
    int64_t ix = lookup(&d, &key, hash);
    if (ix < 0)
        return 0;
    return entry_at(pydict(d)->keys, ix)->value;
}

pyval pydict_get_hash(pyval d, pyval key, int64_t hash)
{
    return get_hashed(d, key, hash);
}

pyval pydict_get(pyval d, pyval key)
{
    int64_t hash;
    if (hash_key(&d, &key, &hash) < 0)
        return 0;
    return get_hashed(d, key, hash);
}

pyval pydict_get_str(pyval d, pyval key)
{
    return get_hashed(d, key, pystr(key)->hash);
}

pyval pydict_get_str_index(pyval d, pyval key, int64_t *index)
{
    int64_t ix = lookup(&d, &key, pystr(key)->hash);
    if (ix == IX_ERROR) {
        *index = -1;
        return 0;
    }
    *index = ix;
    return ix < 0 ? 0 : entry_at(pydict(d)->keys, ix)->value;
}

pyval pydict_get_str_hinted(pyval d, pyval key, int64_t *hint)
{
    pyobj_read(pyval_obj(d));
    PyObj *k = pydict(d)->keys;
    int64_t ix = *hint;
    if (k != NULL && ix >= 0) {
        pyobj_read(k);
        if (ix < ((PyDictKeys *)k)->nentries) {
            DictEntry *e = entry_at(k, ix);
            if (e->key == key)
                return e->value;
        }
    }
    pyval v = pydict_get_str_index(d, key, &ix);
    if (ix >= 0)
        *hint = ix;
    return v;
}

int pydict_set_str_hinted(pyval d, pyval key, pyval value, int64_t *hint)
{
    pyobj_read(pyval_obj(d));
    PyObj *k = pydict(d)->keys;
    int64_t ix = *hint;
    if (k != NULL && ix >= 0) {
        pyobj_read(k);
        if (ix < ((PyDictKeys *)k)->nentries) {
            DictEntry *e = entry_at(k, ix);
            if (e->key == key) {
                /* the key is there: only its value changes */
                pyobj_write(k);
                entry_at(k, ix)->value = value;
                return 0;
            }
        }
    }
    return pydict_set(d, key, value);
}

pyval pydict_get_cstr(pyval d, const char *key)
{
    PY_PUSHV(d);
    pyval k = pystr_name(key);
    PY_POPV(d);
    if (k == 0)
        return 0;
    return pydict_get_str(d, k);
}

int pydict_contains_hash(pyval d, pyval key, int64_t hash)
{
    int64_t ix = lookup(&d, &key, hash);
    return ix == IX_ERROR ? -1 : ix >= 0;
}

int pydict_contains(pyval d, pyval key)
{
    int64_t hash;
    if (hash_key(&d, &key, &hash) < 0)
        return -1;
    return pydict_contains_hash(d, key, hash);
}

int pydict_set(pyval d, pyval key, pyval value)
{
    int64_t hash;
    PY_PUSHV(value);
    int r = hash_key(&d, &key, &hash);
    PY_POPV(value);
    if (r < 0)
        return -1;
    return insert(d, key, hash, value);
}

int pydict_set_cstr(pyval d, const char *key, pyval value)
{
    PY_PUSHV(d);
    PY_PUSHV(value);
    pyval k = pystr_from_cstr(key);
    PY_POPV(value);
    PY_POPV(d);
    if (k == 0)
        return -1;
    return pydict_set(d, k, value);
}

int pydict_del(pyval d, pyval key)
{
    int64_t hash;
    if (hash_key(&d, &key, &hash) < 0)
        return -1;
    int64_t ix = lookup(&d, &key, hash);
    if (ix == IX_ERROR)
        return -1;
    if (ix < 0) {
        raise_key_error(key);
        return -1;
    }
    delete_at(d, ix);
    return 0;
}

int64_t pydict_len(pyval d)
{
    pyobj_read(pyval_obj(d));
    return pydict(d)->used;
}

bool pydict_next_hash(pyval d, int64_t *pos, pyval *key, pyval *value,
                      int64_t *hash)
{
    pyobj_read(pyval_obj(d));
    PyObj *k = pydict(d)->keys;
    if (k == NULL)
        return false;
    pyobj_read(k);
    int64_t n = ((PyDictKeys *)k)->nentries;
    int64_t i = *pos;
    DictEntry *e = entries_of(k);
    while (i < n && e[i].value == 0)
        i++;
    if (i >= n)
        return false;
    *pos = i + 1;
    if (key)
        *key = e[i].key;
    if (value)
        *value = e[i].value;
    if (hash)
        *hash = e[i].hash;
    return true;
}

bool pydict_next(pyval d, int64_t *pos, pyval *key, pyval *value)
{
    return pydict_next_hash(d, pos, key, value, NULL);
}

void pydict_clear(pyval d)
{
    pyobj_write(pyval_obj(d));
    pydict(d)->keys = NULL;
    pydict(d)->used = 0;
}

/* a copy of d's live entries into a fresh table of the right size
   (no user code runs: the hashes are known) */
static pyval copy_into(pyval d, PyType *type)
{
    PY_PUSHV(d);
    pyval r = dict_new_of_type(type);
    PY_POPV(d);
    int64_t used = pydict_len(d);
    if (used == 0)
        return r;
    PY_PUSHV(r);
    PY_PUSHV(d);
    resize(&r, log2_for_entries(used));
    PY_POPV(d);
    PY_POPV(r);
    pyobj_write(pyval_obj(r));
    /* fill the new table from d's (no allocation below) */
    PyObj *src = pydict(d)->keys;
    PyObj *dst = pydict(r)->keys;
    pyobj_read(src);
    pyobj_write(dst);
    int64_t total = ((PyDictKeys *)src)->nentries, n = 0;
    DictEntry *se = entries_of(src), *de = entries_of(dst);
    for (int64_t i = 0; i < total; i++) {
        if (se[i].value == 0)
            continue;
        de[n] = se[i];
        ix_set(dst, find_free_slot(dst, se[i].hash), n);
        n++;
    }
    ((PyDictKeys *)dst)->nentries = n;
    ((PyDictKeys *)dst)->usable -= n;
    pydict(r)->used = n;
    return r;
}

pyval pydict_copy(pyval d)
{
    return copy_into(d, pytype_dict);
}

pyval pydict_pop(pyval d, pyval key, pyval dflt)
{
    int64_t hash;
    PY_PUSHV(dflt);
    int r = hash_key(&d, &key, &hash);
    int64_t ix = r < 0 ? IX_ERROR : lookup(&d, &key, hash);
    PY_POPV(dflt);
    if (ix == IX_ERROR)
        return 0;
    if (ix < 0) {
        if (dflt != 0)
            return dflt;
        return raise_key_error(key);
    }
    pyval value = entry_at(pydict(d)->keys, ix)->value;
    delete_at(d, ix);
    return value;
}

pyval pydict_setdefault(pyval d, pyval key, pyval dflt)
{
    int64_t hash;
    PY_PUSHV(dflt);
    int r = hash_key(&d, &key, &hash);
    int64_t ix = r < 0 ? IX_ERROR : lookup(&d, &key, hash);
    PY_POPV(dflt);
    if (ix == IX_ERROR)
        return 0;
    if (ix >= 0)
        return entry_at(pydict(d)->keys, ix)->value;
    PY_PUSHV(dflt);
    r = insert(d, key, hash, dflt);
    PY_POPV(dflt);
    return r < 0 ? 0 : dflt;
}

/* ------------------------------------------------------------ merging */

static pyval dict_iter(pyval self);

/* Whether 'other' can be merged entry by entry (a dict whose iteration
   is dict's own). */
static bool is_plain_dict(pyval other)
{
    return pydict_check(other) && pyval_type(other)->slots->iter == dict_iter;
}

static int merge_dict(pyval d, pyval other, bool override)
{
    if (d == other || pydict_len(other) == 0)
        return 0;
    int64_t need = pydict_len(d) + pydict_len(other);
    pyobj_read(pyval_obj(d));
    PyObj *k = pydict(d)->keys;
    if (k == NULL || usable_of((int64_t)1 << ((PyDictKeys *)k)->log2size) <
                         pydict_len(other)) {
        PY_PUSHV(other);
        resize(&d, log2_for_entries(need));
        PY_POPV(other);
    }
    pyobj_read(pyval_obj(other));
    PyObj *ok = pydict(other)->keys;
    pyobj_read(ok);
    int64_t n = ((PyDictKeys *)ok)->nentries;
    for (int64_t i = 0; i < n; i++) {
        pyobj_read(pyval_obj(other));
        ok = pydict(other)->keys;
        pyobj_read(ok);
        DictEntry *e = entry_at(ok, i);
        pyval key = e->key, value = e->value;
        int64_t hash = e->hash;
        if (value == 0)
            continue;
        PY_PUSHV(d);
        PY_PUSHV(other);
        int r = 0;
        if (override) {
            r = insert(d, key, hash, value);
        } else {
            PY_PUSHV(value);
            pyval d2 = d;
            int64_t ix = lookup(&d2, &key, hash);
            PY_POPV(value);
            if (ix == IX_ERROR)
                r = -1;
            else if (ix < 0)
                r = insert(d2, key, hash, value);
        }
        PY_POPV(other);
        PY_POPV(d);
        if (r < 0)
            return -1;
        pyobj_read(pyval_obj(other));
        ok = pydict(other)->keys;
        pyobj_read(ok);
        if (n != ((PyDictKeys *)ok)->nentries) {
            pyerr_format(pyexc_RuntimeError, "dict mutated during update");
            return -1;
        }
    }
    return 0;
}

/* the interned "keys" (looked up each time: a C global would be a root
   the GC does not know about) */
static pyval keys_name(void)
{
    return pystr_name("keys");
}

/* other.keys(), then other[key] for each */
static int merge_mapping(pyval d, pyval other, bool override)
{
    PY_PUSHV(d);     /* SLOT(4) while a key is held */
    PY_PUSHV(other); /* SLOT(3) */
    PY_PUSHV(0);     /* SLOT(2): the iterator */
    int r = -1;
    pyval name = keys_name();
    pyval meth = pyobj_getattr(SLOT(2), name);
    pyval keys = meth ? pyobj_call(meth, NULL, 0, NULL) : 0;
    if (keys != 0)
        SLOT(1) = pyobj_iter(keys);
    if (SLOT(1) != 0) {
        for (;;) {
            pyval key = pyiter_next(SLOT(1));
            if (key == 0) {
                r = pyerr_occurred() ? -1 : 0;
                break;
            }
            PY_PUSHV(key); /* SLOT(1) */
            r = override ? 0 : pydict_contains(SLOT(4), SLOT(1));
            if (r == 0) {
                pyval value = pyobj_getitem(SLOT(3), SLOT(1));
                r = value == 0 ? -1 : pydict_set(SLOT(4), SLOT(1), value);
            }
            PY_DROP();
            if (r < 0)
                break;
            r = -1;
        }
    }
    PY_DROP();
    PY_DROP();
    PY_DROP();
    return r;
}

int pydict_merge(pyval d, pyval other, bool override)
{
    if (is_plain_dict(other))
        return merge_dict(d, other, override);
    return merge_mapping(d, other, override);
}

/* the items of one element of an update sequence: exactly two wanted */
static int pair_of(pyval item, int64_t index, pyval *key, pyval *value)
{
    if (pyval_is_obj(item) && pyval_obj(item)->layout == PYL_TUPLE) {
        int64_t n = pytuple_size(item);
        if (n != 2) {
            pyerr_format(pyexc_ValueError,
                         "dictionary update sequence element #%zd has "
                         "length %zd; 2 is required",
                         (long)index, (long)n);
            return -1;
        }
        *key = pytuple_get(item, 0);
        *value = pytuple_get(item, 1);
        return 0;
    }
    pyval it = pyobj_iter(item);
    if (it == 0) {
        if (pyerr_matches(pyexc_TypeError)) {
            pyerr_clear();
            pyerr_format(pyexc_TypeError,
                         "cannot convert dictionary update sequence "
                         "element #%zd to a sequence",
                         (long)index);
        }
        return -1;
    }
    pyval got[2] = {0, 0};
    int64_t n = 0;
    for (;;) {
        PY_PUSHV(it);
        PY_PUSHV(got[0]);
        PY_PUSHV(got[1]);
        pyval x = pyiter_next(it);
        PY_POPV(got[1]);
        PY_POPV(got[0]);
        PY_POPV(it);
        if (x == 0) {
            if (pyerr_occurred())
                return -1;
            break;
        }
        if (n < 2)
            got[n] = x;
        n++;
    }
    if (n != 2) {
        pyerr_format(pyexc_ValueError,
                     "dictionary update sequence element #%zd has length "
                     "%zd; 2 is required",
                     (long)index, (long)n);
        return -1;
    }
    *key = got[0];
    *value = got[1];
    return 0;
}

static int merge_pairs(pyval d, pyval seq, bool override)
{
    PY_PUSHV(d); /* SLOT(2) */
    pyval it = pyobj_iter(seq);
    if (it == 0) {
        PY_DROP();
        return -1;
    }
    PY_PUSHV(it); /* SLOT(1) */
    int r = 0;
    for (int64_t i = 0;; i++) {
        pyval item = pyiter_next(SLOT(1));
        if (item == 0) {
            r = pyerr_occurred() ? -1 : 0;
            break;
        }
        pyval key, value;
        r = pair_of(item, i, &key, &value);
        if (r == 0) {
            if (override) {
                r = pydict_set(SLOT(2), key, value);
            } else {
                pyval v = pydict_setdefault(SLOT(2), key, value);
                r = v == 0 ? -1 : 0;
            }
        }
        if (r < 0)
            break;
    }
    PY_DROP();
    PY_DROP();
    return r;
}

/* dict.update(arg)'s argument: a dict, anything with keys(), or pairs */
static int update_arg(pyval d, pyval other)
{
    if (is_plain_dict(other))
        return merge_dict(d, other, true);
    PY_PUSHV(d);
    PY_PUSHV(other);
    pyval name = keys_name();
    pyval meth = pyobj_getattr(SLOT(1), name);
    PY_POPV(other);
    PY_POPV(d);
    if (meth == 0) {
        if (!pyerr_matches(pyexc_AttributeError))
            return -1;
        pyerr_clear();
        return merge_pairs(d, other, true);
    }
    return merge_mapping(d, other, true);
}

int pydict_update(pyval d, pyval other)
{
    return update_arg(d, other);
}

/* update(arg, **kwargs) / dict(arg, **kwargs) */
static int update_common(pyval d, const pyval *args, size_t nargs,
                         PyObj *kwnames, const char *name)
{
    if (pyarg_count(name, nargs, 0, 1) < 0)
        return -1;
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    /* the arguments are the caller's (rooted there) */
    if (nargs == 1) {
        PY_PUSH(kwnames);
        PY_PUSHV(d);
        int r = update_arg(d, args[0]);
        PY_POPV(d);
        PY_POP(kwnames);
        if (r < 0)
            return -1;
    }
    for (int64_t i = 0; i < nkw; i++) {
        pyval name = pytuple_get(pyval_from_obj(kwnames), i);
        PY_PUSH(kwnames);
        PY_PUSHV(d);
        int r = pydict_set(d, name, args[nargs + (size_t)i]);
        PY_POPV(d);
        PY_POP(kwnames);
        if (r < 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ text */

struct textbuf {
    char *p;
    size_t len, cap;
    bool failed;
};

static void tb_put(struct textbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n > b->cap) {
        size_t cap = (b->len + n) * 2 + 32;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void tb_cstr(struct textbuf *b, const char *s)
{
    tb_put(b, s, strlen(s));
}

/* appends repr(v); -1 if it failed */
static int tb_repr(struct textbuf *b, pyval v)
{
    pyval r = pyobj_repr(v);
    if (r == 0)
        return -1;
    tb_put(b, pystr_utf8(r), (size_t)pystr_nbytes(r));
    return 0;
}

static pyval tb_finish(struct textbuf *b)
{
    pyval r = b->failed ? pyerr_no_memory()
                        : pystr_from_utf8(b->p ? b->p : "", b->len);
    free(b->p);
    return r;
}

/* ------------------------------------------------------------ slots */

static pyval dict_repr(pyval d)
{
    int g = pyreprguard_enter(d);
    if (g != 0)
        return g > 0 ? pystr_from_cstr("{...}") : 0;
    struct textbuf b = {0};
    tb_cstr(&b, "{");
    int64_t pos = 0;
    pyval key, value;
    bool first = true;
    int ok = 0;
    while (ok == 0 && pydict_next(d, &pos, &key, &value)) {
        if (!first)
            tb_cstr(&b, ", ");
        first = false;
        PY_PUSHV(d);
        PY_PUSHV(value);
        ok = tb_repr(&b, key);
        PY_POPV(value);
        if (ok == 0) {
            tb_cstr(&b, ": ");
            ok = tb_repr(&b, value);
        }
        PY_POPV(d);
    }
    pyreprguard_leave(d);
    if (ok < 0) {
        free(b.p);
        return 0;
    }
    tb_cstr(&b, "}");
    return tb_finish(&b);
}

/* 1 equal, 0 not, -1 error (CPython's dict_equal: every key of a found in
   b with an equal value; a is re-read at each step) */
static int dict_equal(pyval a, pyval b)
{
    if (pydict_len(a) != pydict_len(b))
        return 0;
    for (int64_t i = 0;; i++) {
        pyobj_read(pyval_obj(a));
        PyObj *k = pydict(a)->keys;
        if (k == NULL)
            return 1;
        pyobj_read(k);
        if (i >= ((PyDictKeys *)k)->nentries)
            return 1;
        DictEntry *e = entry_at(k, i);
        pyval key = e->key, aval = e->value;
        int64_t hash = e->hash;
        if (aval == 0)
            continue;
        PY_PUSHV(a);
        PY_PUSHV(b);
        PY_PUSHV(aval);
        pyval b2 = b;
        int64_t ix = lookup(&b2, &key, hash);
        PY_POPV(aval);
        int cmp;
        if (ix == IX_ERROR) {
            cmp = -1;
        } else if (ix < 0) {
            cmp = 0;
        } else {
            pyval bval = entry_at(pydict(b2)->keys, ix)->value;
            cmp = pyobj_eq(aval, bval);
        }
        PY_POPV(b);
        PY_POPV(a);
        if (cmp <= 0)
            return cmp;
    }
}

static pyval dict_richcompare(pyval a, pyval b, enum pycmpop op)
{
    if (!pydict_check(a) || !pydict_check(b) ||
        (op != PYCMP_EQ && op != PYCMP_NE))
        return py_NotImplemented;
    int c = dict_equal(a, b);
    if (c < 0)
        return 0;
    return pybool((c == 1) == (op == PYCMP_EQ));
}

static int64_t dict_len(pyval d)
{
    return pydict_len(d);
}

static pyval dict_getitem(pyval d, pyval key)
{
    int64_t hash;
    if (hash_key(&d, &key, &hash) < 0)
        return 0;
    int64_t ix = lookup(&d, &key, hash);
    if (ix == IX_ERROR)
        return 0;
    if (ix >= 0)
        return entry_at(pydict(d)->keys, ix)->value;
    if (!pydict_check_exact(d)) {
        /* a subclass may define __missing__(key) */
        bool found = false;
        pyval arg[1] = {key}; /* copied to the shadow stack by the call */
        PY_PUSHV(key);
        pyval r = pyobj_call_dunder(d, "__missing__", arg, 1, &found);
        PY_POPV(key);
        if (found || r != 0)
            return r;
    }
    return raise_key_error(key);
}

static int dict_setitem(pyval d, pyval key, pyval value)
{
    if (value == 0)
        return pydict_del(d, key);
    return pydict_set(d, key, value);
}

static int dict_contains(pyval d, pyval key)
{
    return pydict_contains(d, key);
}

/* the iterators are in dictviews.c */
pyval pydict_iter_new(pyval d, PyType *type);

static pyval dict_iter(pyval d)
{
    return pydict_iter_new(d, pytype_dict_keyiterator);
}

static pyval dict_or(pyval a, pyval b)
{
    if (!pydict_check(a) || !pydict_check(b))
        return py_NotImplemented;
    PY_PUSHV(b);
    pyval r = copy_into(a, pytype_dict);
    PY_POPV(b);
    PY_PUSHV(r);
    int rc = update_arg(r, b);
    PY_POPV(r);
    return rc < 0 ? 0 : r;
}

static pyval dict_ior(pyval a, pyval b)
{
    PY_PUSHV(a);
    int rc = update_arg(a, b);
    PY_POPV(a);
    return rc < 0 ? 0 : a;
}

static pyval dict_new_slot(PyType *type, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    return dict_new_of_type(type);
}

static int dict_init(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    return update_common(self, args, nargs, kwnames, "dict");
}

/* ------------------------------------------------------------ methods */

static pyval m_get(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pyarg_no_keywords("get", kwnames) < 0 ||
        pyarg_count("get", nargs, 1, 2) < 0)
        return 0;
    pyval dflt = nargs > 1 ? args[1] : py_None;
    int64_t hash;
    pyval key = args[0];
    PY_PUSHV(dflt);
    int r = hash_key(&self, &key, &hash);
    PY_POPV(dflt);
    if (r < 0)
        return 0;
    PY_PUSHV(dflt);
    int64_t ix = lookup(&self, &key, hash);
    PY_POPV(dflt);
    if (ix == IX_ERROR)
        return 0;
    return ix < 0 ? dflt : entry_at(pydict(self)->keys, ix)->value;
}

static pyval m_setdefault(pyval self, const pyval *args, size_t nargs,
                          PyObj *kwnames)
{
    if (pyarg_no_keywords("setdefault", kwnames) < 0 ||
        pyarg_count("setdefault", nargs, 1, 2) < 0)
        return 0;
    return pydict_setdefault(self, args[0], nargs > 1 ? args[1] : py_None);
}

static pyval m_pop(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pyarg_no_keywords("pop", kwnames) < 0 ||
        pyarg_count("pop", nargs, 1, 2) < 0)
        return 0;
    return pydict_pop(self, args[0], nargs > 1 ? args[1] : 0);
}

static pyval m_popitem(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.popitem", kwnames) < 0 ||
        pyarg_count("dict.popitem", nargs, 0, 0) < 0)
        return 0;
    if (pydict_len(self) == 0)
        return pyerr_format(pyexc_KeyError, "popitem(): dictionary is empty");
    PyObj *k = pydict(self)->keys;
    pyobj_read(k);
    int64_t i = ((PyDictKeys *)k)->nentries - 1;
    while (entry_at(k, i)->value == 0)
        i--;
    DictEntry *e = entry_at(k, i);
    PY_PUSHV(self);
    pyval res = pytuple_pack(2, e->key, e->value);
    PY_POPV(self);
    if (res == 0)
        return 0;
    k = pydict(self)->keys;
    delete_at(self, i);
    ((PyDictKeys *)k)->nentries = i;
    return res;
}

static pyval m_update(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    PY_PUSHV(self);
    int r = update_common(self, args, nargs, kwnames, "update");
    PY_POPV(self);
    return r < 0 ? 0 : py_None;
}

static pyval m_clear(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.clear", kwnames) < 0 ||
        pyarg_count("dict.clear", nargs, 0, 0) < 0)
        return 0;
    pydict_clear(self);
    return py_None;
}

static pyval m_copy(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.copy", kwnames) < 0 ||
        pyarg_count("dict.copy", nargs, 0, 0) < 0)
        return 0;
    return pydict_copy(self);
}

static pyval m_fromkeys(pyval cls, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("fromkeys", kwnames) < 0 ||
        pyarg_count("fromkeys", nargs, 1, 2) < 0)
        return 0;
    pyval iterable = args[0];
    pyval value = nargs > 1 ? args[1] : py_None;
    PyType *type = (PyType *)pyval_obj(cls);
    PY_PUSHV(iterable);
    PY_PUSHV(value);
    pyval d =
        type == pytype_dict ? pydict_new() : pyobj_call(cls, NULL, 0, NULL);
    PY_POPV(value);
    PY_POPV(iterable);
    if (d == 0)
        return 0;
    bool exact = pydict_check_exact(d);
    if (exact && (pydict_check_exact(iterable) ||
                  (pyval_is_obj(iterable) &&
                   (pyval_type(iterable) == pytype_set ||
                    pyval_type(iterable) == pytype_frozenset)))) {
        bool from_dict = pydict_check_exact(iterable);
        int64_t n = from_dict ? pydict_len(iterable) : pyset_len(iterable);
        PY_PUSHV(iterable);
        PY_PUSHV(value);
        resize(&d, log2_for_entries(n));
        PY_POPV(value);
        PY_POPV(iterable);
        int64_t pos = 0, hash;
        pyval key;
        for (;;) {
            bool more =
                from_dict ? pydict_next_hash(iterable, &pos, &key, NULL, &hash)
                          : pyset_next(iterable, &pos, &key, &hash);
            if (!more)
                return d;
            PY_PUSHV(iterable);
            PY_PUSHV(value);
            PY_PUSHV(d);
            int r = insert(d, key, hash, value);
            PY_POPV(d);
            PY_POPV(value);
            PY_POPV(iterable);
            if (r < 0)
                return 0;
        }
    }
    PY_PUSHV(value); /* SLOT(3) */
    PY_PUSHV(d);     /* SLOT(2) */
    PY_PUSHV(0);     /* SLOT(1): the iterator */
    SLOT(1) = pyobj_iter(iterable);
    pyval result = 0;
    while (SLOT(1) != 0) {
        pyval key = pyiter_next(SLOT(1));
        if (key == 0) {
            result = pyerr_occurred() ? 0 : SLOT(2);
            break;
        }
        int r = exact ? pydict_set(SLOT(2), key, SLOT(3))
                      : pyobj_setitem(SLOT(2), key, SLOT(3));
        if (r < 0)
            break;
    }
    PY_DROP();
    PY_DROP();
    PY_DROP();
    return result;
}

static pyval m_contains(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.__contains__", kwnames) < 0 ||
        pyarg_count("dict.__contains__", nargs, 1, 1) < 0)
        return 0;
    int r = pydict_contains(self, args[0]);
    return r < 0 ? 0 : pybool(r);
}

static pyval m_getitem(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.__getitem__", kwnames) < 0 ||
        pyarg_count("dict.__getitem__", nargs, 1, 1) < 0)
        return 0;
    return dict_getitem(self, args[0]);
}

pyval pydict_keys_view(pyval d);
pyval pydict_values_view(pyval d);
pyval pydict_items_view(pyval d);

static pyval m_keys(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.keys", kwnames) < 0 ||
        pyarg_count("dict.keys", nargs, 0, 0) < 0)
        return 0;
    return pydict_keys_view(self);
}

static pyval m_values(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.values", kwnames) < 0 ||
        pyarg_count("dict.values", nargs, 0, 0) < 0)
        return 0;
    return pydict_values_view(self);
}

static pyval m_items(pyval self, const pyval *args, size_t nargs,
                     PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.items", kwnames) < 0 ||
        pyarg_count("dict.items", nargs, 0, 0) < 0)
        return 0;
    return pydict_items_view(self);
}

static pyval m_reversed(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("dict.__reversed__", kwnames) < 0 ||
        pyarg_count("dict.__reversed__", nargs, 0, 0) < 0)
        return 0;
    return pydict_iter_new(self, pytype_dict_reversekeyiterator);
}

const struct pymethod_def pydict_methods[] = {
    {"__contains__", m_contains, 0, NULL},
    {"__getitem__", m_getitem, 0, NULL},
    {"__reversed__", m_reversed, 0, NULL},
    {"keys", m_keys, 0, NULL},
    {"items", m_items, 0, NULL},
    {"values", m_values, 0, NULL},
    {"get", m_get, 0, NULL},
    {"setdefault", m_setdefault, 0, NULL},
    {"pop", m_pop, 0, NULL},
    {"popitem", m_popitem, 0, NULL},
    {"update", m_update, 0, NULL},
    {"clear", m_clear, 0, NULL},
    {"copy", m_copy, 0, NULL},
    {"fromkeys", m_fromkeys, PYMETH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

const struct pytype_slots pydict_slots = {
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .len = dict_len,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .contains = dict_contains,
    .iter = dict_iter,
    .binop[PYOP_OR] = dict_or,
    .inplace[PYOP_OR] = dict_ior,
    .new_ = dict_new_slot,
    .init = dict_init,
    .methods = pydict_methods,
};

void pydictviews_setup_types(void);

void pydict_setup_types(void)
{
    pytype_dict = pytype_new_builtin("dict", &pydict_slots, PYL_DICT, NULL,
                                     PYTYPE_BASETYPE | PYTYPE_DICT_SUB);
    pydictviews_setup_types();
}
