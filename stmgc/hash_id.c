/* hash_id.c -- stm_id() and stm_identityhash().
 *
 * Old objects never move, so an id is an address.  A nursery object gets
 * its future address reserved on the first request (nursery.c moves it
 * there).  Hashes mix the id, except for prebuilt objects whose hash was
 * set explicitly; those carry a flag and live in a small table. */
#include "core.h"

#define GCFLAG_HAS_PREBUILT_HASH 0x10

static uintptr_t *hash_keys;
static long *hash_values;
static size_t hash_capacity, hash_count;
static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;

long stm_id(object_t *obj)
{
    uintptr_t o = (uintptr_t)obj;
    if (!in_nursery(o))
        return (long)o;
    struct segment *seg = current_segment();
    prepare_young_id(seg, o);
    for (size_t i = 0; i < seg->young_ids.count; i += 2)
        if (seg->young_ids.items[i] == o)
            return (long)seg->young_ids.items[i + 1];
    stm_fatal("internal error: stm_id() lost a reserved address");
}

long stm_can_move(object_t *obj)
{
    return in_nursery((uintptr_t)obj);
}

static size_t hash_slot(uintptr_t key)
{
    size_t mask = hash_capacity - 1;
    size_t i = (size_t)((key >> 3) * 0x9E3779B97F4A7C15ULL) & mask;
    while (hash_keys[i] != 0 && hash_keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

long stm_identityhash(object_t *obj)
{
    if (obj == NULL)
        return 0;
    struct object_s *h =
        (struct object_s *)_stm_real_address((object_t *)obj);
    if (h->stm_flags & GCFLAG_HAS_PREBUILT_HASH) {
        pthread_mutex_lock(&hash_lock);
        long result = hash_values[hash_slot((uintptr_t)obj)];
        pthread_mutex_unlock(&hash_lock);
        return result;
    }
    uint64_t x = (uint64_t)stm_id(obj);
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 32;
    return (long)(x & 0x7FFFFFFFFFFFFFFFULL);
}

void stm_set_prebuilt_identityhash(object_t *obj, long hash)
{
    uintptr_t o = (uintptr_t)obj;
    if (!in_old_area(o))
        stm_fatal("stm_set_prebuilt_identityhash(): %p is not a prebuilt "
                  "object",
                  (void *)o);
    pthread_mutex_lock(&hash_lock);
    if ((hash_count + 1) * 2 > hash_capacity) {
        uintptr_t *old_keys = hash_keys;
        long *old_values = hash_values;
        size_t old_capacity = hash_capacity;
        hash_capacity = hash_capacity ? hash_capacity * 2 : 64;
        hash_keys = calloc(hash_capacity, sizeof(uintptr_t));
        hash_values = calloc(hash_capacity, sizeof(long));
        if (hash_keys == NULL || hash_values == NULL)
            stm_fatal("out of memory in stm_set_prebuilt_identityhash()");
        for (size_t i = 0; i < old_capacity; i++)
            if (old_keys[i] != 0) {
                size_t j = hash_slot(old_keys[i]);
                hash_keys[j] = old_keys[i];
                hash_values[j] = old_values[i];
            }
        free(old_keys);
        free(old_values);
    }
    size_t i = hash_slot(o);
    if (hash_keys[i] == 0)
        hash_count++;
    hash_keys[i] = o;
    hash_values[i] = hash;
    pthread_mutex_unlock(&hash_lock);
    /* the flag lives in the header: set it in the master and in the
       private copies (prebuilt objects are set up before threads run) */
    ((struct object_s *)REAL_ADDRESS(master_base(), o))->stm_flags |=
        GCFLAG_HAS_PREBUILT_HASH;
    atomic_thread_fence(memory_order_seq_cst);
    uint64_t mask = atomic_load(cow_mask_of_page(o & ~(PAGE_SIZE - 1)));
    for (int s = 1; s <= NB_SEGMENTS; s++)
        if (mask & (1ULL << (s - 1)))
            ((struct object_s *)REAL_ADDRESS(get_segment(s)->base, o))
                ->stm_flags |= GCFLAG_HAS_PREBUILT_HASH;
}

void hash_id_teardown(void)
{
    free(hash_keys);
    free(hash_values);
    hash_keys = NULL;
    hash_values = NULL;
    hash_capacity = hash_count = 0;
}
