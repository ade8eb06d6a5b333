/* hashtable.c -- stm_hashtable_*: a map from integers to objects whose
 * transactions conflict per key (both builds).
 *
 * Each key has an entry, a small immortal-looking old object {index,
 * object}: reading a key is a read of its entry, writing it a write of
 * its entry, so transactions touching different keys never conflict.
 * Entries are created outside the transactions' rules, as preexisting
 * objects that every segment sees at once, holding NULL ("absent"),
 * even by a read: a transaction that read a key as absent then conflicts
 * with any transaction that writes it.
 *
 * The table (keys to entries, open addressing) is plain C memory, in 64
 * shards chosen by the key's hash: a shard changes only under its lock
 * (so that threads inserting different keys rarely wait for each other),
 * readers probe it without locking, and a grown shard replaces its
 * array, the old one kept until the hashtable is freed (readers may
 * still be probing it).  The hashtable's owner
 * object must report the entries to the GC with stm_hashtable_tracefn().
 */
#include "shared.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>

uint32_t stm_hashtable_entry_userdata;

/* A slot: the key inline (probing compares keys without touching the
   entries, a cache miss each), and the entry, 0 while the slot is empty.
   A writer stores the key, then the entry (release). */
struct table_slot {
    _Atomic uintptr_t key;
    _Atomic uintptr_t entry;
};

struct table_array {
    struct table_array *older; /* replaced arrays, freed with the table */
    uintptr_t mask;            /* slots - 1 */
    struct table_slot slot[];
};

#define SHARDS 64

struct shard {
    _Atomic(struct table_array *) array;
    _Atomic bool lock; /* a spinlock: held for a probe and an insert */
    _Atomic long count;
    char padding[64]; /* keep the shards' locks on separate lines */
};

struct stm_hashtable_s {
    struct shard shard[SHARDS];
};

static struct table_array *new_array(uintptr_t slots)
{
    size_t size =
        sizeof(struct table_array) + slots * sizeof(struct table_slot);
    struct table_array *a = malloc(size);
    if (a == NULL)
        stm_fatal("out of memory: a hashtable of %lu slots",
                  (unsigned long)slots);
    /* written, not calloc'ed: fresh pages that are read first map the
       zero page, and the first write then replaces it with a TLB
       shootdown on every core running this process */
    memset(a, 0, size);
    a->mask = slots - 1;
    return a;
}

stm_hashtable_t *stm_hashtable_create(void)
{
    stm_hashtable_t *h = calloc(1, sizeof(*h));
    if (h == NULL)
        stm_fatal("out of memory: a hashtable");
    for (int i = 0; i < SHARDS; i++) {
        atomic_store(&h->shard[i].array, new_array(8));
    }
    return h;
}

void stm_hashtable_free(stm_hashtable_t *h)
{
    if (h == NULL)
        return;
    for (int i = 0; i < SHARDS; i++) {
        struct table_array *a = atomic_load(&h->shard[i].array);
        while (a != NULL) {
            struct table_array *older = a->older;
            free(a);
            a = older;
        }
    }
    free(h);
}

static uintptr_t hash_key(uintptr_t key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return key;
}

/* The entry of 'key' in 'a', or 0; *free_slot gets where it would go. */
static uintptr_t probe(struct table_array *a, uintptr_t key,
                       uintptr_t *free_slot)
{
    for (uintptr_t i = hash_key(key) & a->mask;; i = (i + 1) & a->mask) {
        uintptr_t e =
            atomic_load_explicit(&a->slot[i].entry, memory_order_acquire);
        if (e == 0) {
            *free_slot = i;
            return 0;
        }
        if (atomic_load_explicit(&a->slot[i].key, memory_order_relaxed) == key)
            return e;
    }
}

static void fill_slot(struct table_slot *slot, uintptr_t key, uintptr_t e)
{
    atomic_store_explicit(&slot->key, key, memory_order_relaxed);
    atomic_store_explicit(&slot->entry, e, memory_order_release);
}

static void lock_shard(struct shard *h)
{
    int round = 0;
    while (atomic_exchange_explicit(&h->lock, true, memory_order_acquire)) {
        if (++round < 100)
            __builtin_ia32_pause();
        else
            sched_yield();
    }
}

static void unlock_shard(struct shard *h)
{
    atomic_store_explicit(&h->lock, false, memory_order_release);
}

static struct shard *shard_of(stm_hashtable_t *h, uintptr_t key)
{
    return &h->shard[hash_key(key) >> 58]; /* the top bits: the slot
                                               index uses the low ones */
}

/* lock held: a twice bigger array, published; the old one is kept */
static struct table_array *grow(struct shard *h, struct table_array *a)
{
    struct table_array *b = new_array(2 * (a->mask + 1));
    for (uintptr_t i = 0; i <= a->mask; i++) {
        uintptr_t e =
            atomic_load_explicit(&a->slot[i].entry, memory_order_relaxed);
        if (e == 0)
            continue;
        uintptr_t key =
            atomic_load_explicit(&a->slot[i].key, memory_order_relaxed);
        uintptr_t j = hash_key(key) & b->mask;
        while (atomic_load_explicit(&b->slot[j].entry, memory_order_relaxed) !=
               0)
            j = (j + 1) & b->mask;
        fill_slot(&b->slot[j], key, e);
    }
    b->older = a;
    atomic_store_explicit(&h->array, b, memory_order_release);
    return b;
}

stm_hashtable_entry_t *
stm_hashtable_lookup(object_t *hobj, stm_hashtable_t *table, uintptr_t key)
{
    (void)hobj;
    struct shard *h = shard_of(table, key);
    uintptr_t slot;
    struct table_array *a =
        atomic_load_explicit(&h->array, memory_order_acquire);
    uintptr_t e = probe(a, key, &slot);
    if (e != 0)
        return (stm_hashtable_entry_t *)e;

    /* made before taking the lock, which stays short; if another thread
       inserts the key meanwhile, this one is garbage for the next major
       collection */
    struct stm_hashtable_entry_s init;
    memset(&init, 0, sizeof(init));
    init.userdata = stm_hashtable_entry_userdata;
    init.index = key;
    init.object = NULL;
    uintptr_t fresh =
        (uintptr_t)stm_allocate_preexisting(sizeof(init), (const char *)&init);

    lock_shard(h);
    a = atomic_load_explicit(&h->array, memory_order_relaxed);
    e = probe(a, key, &slot);
    if (e == 0) {
        if ((uintptr_t)(atomic_load(&h->count) + 1) * 2 > a->mask + 1) {
            a = grow(h, a);
            probe(a, key, &slot);
        }
        e = fresh;
        fill_slot(&a->slot[slot], key, e);
        atomic_fetch_add(&h->count, 1);
    }
    unlock_shard(h);
    return (stm_hashtable_entry_t *)e;
}

object_t *stm_hashtable_read(object_t *hobj, stm_hashtable_t *h, uintptr_t key)
{
    stm_hashtable_entry_t *e = stm_hashtable_lookup(hobj, h, key);
    stm_read((object_t *)e);
    return e->object;
}

void stm_hashtable_write_entry(object_t *hobj, stm_hashtable_entry_t *e,
                               object_t *nvalue)
{
    (void)hobj;
    stm_write((object_t *)e);
    e->object = nvalue;
}

void stm_hashtable_write(object_t *hobj, stm_hashtable_t *h, uintptr_t key,
                         object_t *nvalue, stm_thread_local_t *tl)
{
    (void)tl;
    stm_hashtable_write_entry(hobj, stm_hashtable_lookup(hobj, h, key), nvalue);
}

long stm_hashtable_length_upper_bound(stm_hashtable_t *h)
{
    long n = 0;
    for (int i = 0; i < SHARDS; i++)
        n += atomic_load(&h->shard[i].count);
    return n;
}

long stm_hashtable_list(object_t *hobj, stm_hashtable_t *h,
                        stm_hashtable_entry_t **results)
{
    (void)hobj;
    long n = 0;
    for (int s = 0; s < SHARDS; s++) {
        struct table_array *a =
            atomic_load_explicit(&h->shard[s].array, memory_order_acquire);
        for (uintptr_t i = 0; i <= a->mask; i++) {
            uintptr_t e =
                atomic_load_explicit(&a->slot[i].entry, memory_order_acquire);
            if (e == 0)
                continue;
            /* a read of every entry: the list conflicts with their
               writes */
            stm_read((object_t *)e);
            if (((stm_hashtable_entry_t *)e)->object == NULL)
                continue;
            if (results != NULL)
                results[n] = (stm_hashtable_entry_t *)e;
            n++;
        }
    }
    return n;
}

void stm_hashtable_tracefn(struct object_s *hobj, stm_hashtable_t *h,
                           void visit(object_t **))
{
    (void)hobj;
    if (h == NULL)
        return;
    for (int s = 0; s < SHARDS; s++) {
        struct table_array *a = atomic_load(&h->shard[s].array);
        for (uintptr_t i = 0; i <= a->mask; i++) {
            uintptr_t e =
                atomic_load_explicit(&a->slot[i].entry, memory_order_relaxed);
            if (e != 0) {
                object_t *o = (object_t *)e;
                visit(&o); /* entries are old: they never move */
            }
        }
    }
}
