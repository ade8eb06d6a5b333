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
 * shards chosen by the key's hash.  A slot is written once, key and
 * entry together by a 16-byte compare-and-swap, so inserts take no lock
 * and threads inserting different keys share no cache line but the
 * slots'.  Readers probe without locking.  A shard grows when an insert
 * has to probe too far (no shared counter to bump at every insert): the
 * grower, under the shard's lock, freezes the empty slots of the old
 * array (inserts that meet one wait for the new array), copies the
 * others and publishes the new array; the old one is kept until the
 * hashtable is freed, as readers may still be probing it.  The
 * hashtable's owner object must report the entries to the GC with
 * stm_hashtable_tracefn().
 */
#include "shared.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

uint32_t stm_hashtable_entry_userdata;

/* A slot: the key inline (probing compares keys without touching the
   entries, a cache miss each), and the entry: 0 while the slot is empty,
   FROZEN once its array is being replaced.  Both are written at once. */
struct table_slot {
    _Alignas(16) _Atomic uintptr_t key;
    _Atomic uintptr_t entry;
};

#define FROZEN ((uintptr_t)1) /* entries are 16-byte aligned: never 1 */

static bool is_entry(uintptr_t e)
{
    return e > FROZEN;
}

struct table_array {
    struct table_array *older; /* replaced arrays, freed with the table */
    uintptr_t mask;            /* slots - 1 */
    uintptr_t max_probes;      /* an insert probing further grows it */
    struct table_slot slot[];
};

/* Arrays come from the kernel with their pages populated (one system
   call): clearing them page by page faulted 256 times per MiB.  Small
   ones are carved out of the table's own chunks, which grow with it:
   from malloc, each growth of its per-thread heaps was an mprotect, a
   writer of the process's memory-map lock, which the other threads'
   page faults then waited for. */
#define MAPPED_ARRAY_BYTES (64 * 1024)
#define FIRST_CHUNK_BYTES  (16 * 1024)
#define MAX_CHUNK_BYTES    (1024 * 1024)

#define SHARDS 64

struct shard {
    _Atomic(struct table_array *) array;
    _Atomic bool lock; /* a spinlock, held by a grower */
    char padding[48];  /* a shard per cache line: 'array' is read by every
                          lookup and written only when the shard grows */
};

struct array_chunk {
    struct array_chunk *next;
    size_t bytes;
};

struct stm_hashtable_s {
    struct shard shard[SHARDS];
    _Atomic bool chunk_lock; /* a spinlock, for the fields below */
    char *chunk_free, *chunk_end;
    struct array_chunk *chunks;
    size_t next_chunk_bytes;
};

static void backoff(int *round)
{
    if (++*round < 100)
        __builtin_ia32_pause();
    else
        sched_yield();
}

/* the table's locks are spinlocks: held for an array's carving or
   growth, never across a transaction's work */
static void spin_lock(_Atomic bool *lock)
{
    int round = 0;
    while (atomic_exchange_explicit(lock, true, memory_order_acquire))
        backoff(&round);
}

static void spin_unlock(_Atomic bool *lock)
{
    atomic_store_explicit(lock, false, memory_order_release);
}

/* the bytes of an array of 'slots', which is mapped alone from this size
   on (a page multiple), else carved from a chunk */
static size_t array_bytes(uintptr_t slots)
{
    size_t size =
        sizeof(struct table_array) + slots * sizeof(struct table_slot);
    return size >= MAPPED_ARRAY_BYTES ? (size + 4095) & ~(size_t)4095 : size;
}

static void *map_populated(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED)
        stm_fatal("out of memory: %zu bytes for a hashtable", bytes);
    return p;
}

static void *carve(stm_hashtable_t *h, size_t size)
{
    spin_lock(&h->chunk_lock);
    size = (size + 15) & ~(size_t)15;
    if (h->chunk_free == NULL ||
        size > (size_t)(h->chunk_end - h->chunk_free)) {
        size_t bytes = h->next_chunk_bytes;
        if (bytes < MAX_CHUNK_BYTES)
            h->next_chunk_bytes = 2 * bytes;
        while (bytes < size + 16)
            bytes *= 2;
        struct array_chunk *c = map_populated(bytes);
        c->next = h->chunks;
        c->bytes = bytes;
        h->chunks = c;
        h->chunk_free = (char *)c + 16;
        h->chunk_end = (char *)c + bytes;
    }
    void *p = h->chunk_free;
    h->chunk_free += size;
    spin_unlock(&h->chunk_lock);
    return p;
}

static struct table_array *new_array(stm_hashtable_t *h, uintptr_t slots)
{
    size_t size = array_bytes(slots);
    struct table_array *a = size >= MAPPED_ARRAY_BYTES
                                ? map_populated(size)
                                : carve(h, size); /* freed with its chunk */
    a->mask = slots - 1;
    /* linear probing with a good hash: runs this long appear at a load
       of about 0.55-0.75 (simulated); small arrays probe up to half */
    uintptr_t log2_slots = (uintptr_t)__builtin_ctzll(slots);
    a->max_probes = slots <= 32 ? slots / 2 : 2 * (log2_slots + 2);
    return a;
}

stm_hashtable_t *stm_hashtable_create(void)
{
    stm_hashtable_t *h = calloc(1, sizeof(*h));
    if (h == NULL)
        stm_fatal("out of memory: a hashtable");
    h->next_chunk_bytes = FIRST_CHUNK_BYTES;
    for (int i = 0; i < SHARDS; i++)
        atomic_store(&h->shard[i].array, new_array(h, 8));
    return h;
}

void stm_hashtable_free(stm_hashtable_t *h)
{
    if (h == NULL)
        return;
    for (int i = 0; i < SHARDS; i++) {
        for (struct table_array *a = atomic_load(&h->shard[i].array), *older;
             a != NULL; a = older) {
            older = a->older;
            size_t size = array_bytes(a->mask + 1);
            if (size >= MAPPED_ARRAY_BYTES)
                munmap(a, size);
        }
    }
    for (struct array_chunk *c = h->chunks, *next; c != NULL; c = next) {
        next = c->next;
        munmap(c, c->bytes);
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

/* The entry of 'key' in 'a', or 0.  (A small array may be full.) */
static uintptr_t probe(struct table_array *a, uintptr_t key)
{
    uintptr_t i = hash_key(key) & a->mask;
    for (uintptr_t n = 0; n <= a->mask; n++, i = (i + 1) & a->mask) {
        uintptr_t e =
            atomic_load_explicit(&a->slot[i].entry, memory_order_acquire);
        if (!is_entry(e))
            return 0;
        if (atomic_load_explicit(&a->slot[i].key, memory_order_relaxed) == key)
            return e;
    }
    return 0;
}

/* Fill an empty slot with (key, entry), both at once; false if it was
   not empty any more. */
static bool fill_slot(struct table_slot *slot, uintptr_t key, uintptr_t entry)
{
    uintptr_t seen_key = 0, seen_entry = 0;
    bool filled;
    __asm__ __volatile__("lock cmpxchg16b %1"
                         : "=@ccz"(filled), "+m"(*slot), "+a"(seen_key),
                           "+d"(seen_entry)
                         : "b"(key), "c"(entry)
                         : "memory");
    return filled;
}

static struct shard *shard_of(stm_hashtable_t *h, uintptr_t key)
{
    return &h->shard[hash_key(key) >> 58]; /* the top bits: the slot
                                               index uses the low ones */
}

/* Replace 'a', the shard's array, by one twice as big (unless another
   thread did it already). */
static void grow(stm_hashtable_t *table, struct shard *h, struct table_array *a)
{
    spin_lock(&h->lock);
    if (atomic_load_explicit(&h->array, memory_order_relaxed) == a) {
        struct table_array *b = new_array(table, 2 * (a->mask + 1));
        for (uintptr_t i = 0; i <= a->mask; i++) {
            uintptr_t e;
            /* an empty slot is frozen, so that no insert lands behind us */
            while ((e = atomic_load_explicit(&a->slot[i].entry,
                                             memory_order_acquire)) == 0 &&
                   !fill_slot(&a->slot[i], 0, FROZEN))
                ;
            if (!is_entry(e))
                continue;
            uintptr_t key =
                atomic_load_explicit(&a->slot[i].key, memory_order_relaxed);
            uintptr_t j = hash_key(key) & b->mask;
            while (atomic_load_explicit(&b->slot[j].entry,
                                        memory_order_relaxed) != 0)
                j = (j + 1) & b->mask;
            atomic_store_explicit(&b->slot[j].key, key, memory_order_relaxed);
            atomic_store_explicit(&b->slot[j].entry, e, memory_order_relaxed);
        }
        b->older = a;
        atomic_store_explicit(&h->array, b, memory_order_release);
    }
    spin_unlock(&h->lock);
}

static void wait_for_new_array(struct shard *h, struct table_array *a)
{
    int round = 0;
    while (atomic_load_explicit(&h->array, memory_order_acquire) == a)
        backoff(&round);
}

/* The entry of 'key', 'fresh' if it had none: the first insert wins. */
static uintptr_t insert(stm_hashtable_t *table, struct shard *h, uintptr_t key,
                        uintptr_t fresh)
{
    for (;;) {
        struct table_array *a =
            atomic_load_explicit(&h->array, memory_order_acquire);
        uintptr_t i = hash_key(key) & a->mask, probes = 0;
        for (;;) {
            uintptr_t e =
                atomic_load_explicit(&a->slot[i].entry, memory_order_acquire);
            if (e == FROZEN) {
                wait_for_new_array(h, a);
                break;
            }
            if (e == 0) {
                if (probes > a->max_probes) {
                    grow(table, h, a);
                    break;
                }
                if (fill_slot(&a->slot[i], key, fresh))
                    return fresh;
                continue; /* filled meanwhile: look at it again */
            }
            if (atomic_load_explicit(&a->slot[i].key, memory_order_relaxed) ==
                key)
                return e;
            i = (i + 1) & a->mask;
            if (++probes > a->mask) { /* full */
                grow(table, h, a);
                break;
            }
        }
    }
}

stm_hashtable_entry_t *
stm_hashtable_lookup(object_t *hobj, stm_hashtable_t *table, uintptr_t key)
{
    (void)hobj;
    struct shard *h = shard_of(table, key);
    uintptr_t e =
        probe(atomic_load_explicit(&h->array, memory_order_acquire), key);
    if (e != 0)
        return (stm_hashtable_entry_t *)e;

    /* made first; if another thread inserts the key meanwhile, this one is
       garbage for the next major collection */
    struct stm_hashtable_entry_s init;
    memset(&init, 0, sizeof(init));
    init.userdata = stm_hashtable_entry_userdata;
    init.index = key;
    init.object = NULL;
    uintptr_t fresh =
        (uintptr_t)stm_allocate_preexisting(sizeof(init), (const char *)&init);
    return (stm_hashtable_entry_t *)insert(table, h, key, fresh);
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
    for (int s = 0; s < SHARDS; s++) {
        struct table_array *a =
            atomic_load_explicit(&h->shard[s].array, memory_order_acquire);
        for (uintptr_t i = 0; i <= a->mask; i++)
            n += is_entry(
                atomic_load_explicit(&a->slot[i].entry, memory_order_relaxed));
    }
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
            if (!is_entry(e))
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
            if (is_entry(e)) {
                object_t *o = (object_t *)e;
                visit(&o); /* entries are old: they never move */
            }
        }
    }
}
