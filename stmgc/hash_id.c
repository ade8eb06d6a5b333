/* hash_id.c -- stm_id() and stm_identityhash().
 *
 * Old objects never move, so an id is an address.  A nursery object gets
 * its future address reserved on the first request (nursery.c moves it
 * there).  Hashes mix the id, except for prebuilt objects whose hash was
 * set explicitly; those carry a flag and live in a small table. */
#include "core.h"
#include "addrmap.h"

#define GCFLAG_HAS_PREBUILT_HASH 0x10

static struct addrmap prebuilt_hashes;
static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;

long stm_id(object_t *obj)
{
    uintptr_t o = (uintptr_t)obj;
    if (!in_nursery(o))
        return (long)o;
    struct segment *seg = current_segment();
    prepare_young_id(seg, o);
    uintptr_t reserved = addrmap_get(&seg->young_id_index, o);
    if (reserved != 0)
        return (long)reserved;
    stm_fatal("internal error: stm_id() lost a reserved address");
}

long stm_can_move(object_t *obj)
{
    return in_nursery((uintptr_t)obj);
}

long stm_identityhash(object_t *obj)
{
    if (obj == NULL)
        return 0;
    struct object_s *h = (struct object_s *)_stm_real_address((object_t *)obj);
    if (h->stm_flags & GCFLAG_HAS_PREBUILT_HASH) {
        pthread_mutex_lock(&hash_lock);
        long result = (long)addrmap_get(&prebuilt_hashes, (uintptr_t)obj);
        pthread_mutex_unlock(&hash_lock);
        return result;
    }
    return stm_mix_id((uint64_t)stm_id(obj));
}

void stm_set_prebuilt_identityhash(object_t *obj, long hash)
{
    uintptr_t o = (uintptr_t)obj;
    if (!in_old_area(o))
        stm_fatal("stm_set_prebuilt_identityhash(): %p is not a prebuilt "
                  "object",
                  (void *)o);
    pthread_mutex_lock(&hash_lock);
    addrmap_put(&prebuilt_hashes, o, (uintptr_t)hash);
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
    addrmap_free(&prebuilt_hashes);
}
