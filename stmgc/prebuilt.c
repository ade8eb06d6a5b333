/* prebuilt.c -- objects that exist before any transaction: static
 * structures copied into the heap (stm_setup_prebuilt) and old objects
 * allocated directly (_stm_allocate_old).  Both are written into the
 * master and into any segment that has a private copy of their pages. */
#include "core.h"
#include "addrmap.h"
#include "gcpage.h"

static struct addrmap static_to_heap;
static pthread_mutex_t prebuilt_lock = PTHREAD_MUTEX_INITIALIZER;
static struct list pending; /* heap copies whose fields still hold
                               static addresses */

void prebuilt_teardown(void)
{
    addrmap_free(&static_to_heap);
    list_free(&pending);
}

/* An old object, written directly into the master. */
static uintptr_t allocate_in_master(size_t size)
{
    uintptr_t obj = gcpage_alloc(0, size);
    if (obj == 0)
        stm_fatal("out of memory: the old generation is full (%zu bytes "
                  "requested)",
                  size);
    return obj;
}

static uintptr_t copy_static_object(uintptr_t staticobj)
{
    uintptr_t done = addrmap_get(&static_to_heap, staticobj);
    if (done != 0)
        return done;
    struct object_s *src = (struct object_s *)staticobj;
    size_t size = (size_t)stmcb_size_rounded_up(src);
    uintptr_t obj = allocate_in_master(size);
    char *dst = REAL_ADDRESS(master_base(), obj);
    memcpy(dst, src, size);
    ((struct object_s *)dst)->stm_flags = GCFLAG_WRITE_BARRIER;
    addrmap_put(&static_to_heap, staticobj, obj);
    list_append(&pending, obj);
    majorgc_add_prebuilt(obj);
    return obj;
}

static void fix_static_reference(object_t **slot)
{
    uintptr_t target = (uintptr_t)*slot;
    if (target != 0)
        *slot = (object_t *)copy_static_object(target);
}

object_t *stm_setup_prebuilt(object_t *staticobj)
{
    if (staticobj == NULL)
        return NULL;
    pthread_mutex_lock(&prebuilt_lock);
    size_t first = 0;
    list_clear(&pending);
    uintptr_t result = copy_static_object((uintptr_t)staticobj);
    /* iterative, so that long static chains cannot overflow the C stack */
    while (first < pending.count) {
        uintptr_t obj = pending.items[first++];
        stmcb_trace((struct object_s *)REAL_ADDRESS(master_base(), obj),
                    fix_static_reference);
    }
    atomic_thread_fence(memory_order_seq_cst);
    for (size_t i = 0; i < pending.count; i++) {
        uintptr_t obj = pending.items[i];
        publish_new_object(obj, object_size_in(master_base(), obj), 0);
    }
    list_clear(&pending);
    pthread_mutex_unlock(&prebuilt_lock);
    return (object_t *)result;
}

object_t *_stm_allocate_old(ssize_t size_rounded_up)
{
    if (size_rounded_up < 16 || (size_rounded_up & 7) != 0)
        stm_fatal("_stm_allocate_old(%ld): the size must be a multiple of 8 "
                  "and at least 16",
                  (long)size_rounded_up);
    pthread_mutex_lock(&prebuilt_lock);
    uintptr_t obj = allocate_in_master((size_t)size_rounded_up);
    char *dst = REAL_ADDRESS(master_base(), obj);
    memset(dst, 0, (size_t)size_rounded_up);
    ((struct object_s *)dst)->stm_flags = GCFLAG_WRITE_BARRIER;
    atomic_thread_fence(memory_order_seq_cst);
    publish_new_object(obj, (size_t)size_rounded_up, 0);
    pthread_mutex_unlock(&prebuilt_lock);
    return (object_t *)obj;
}

char *_stm_real_address(object_t *o)
{
    if (o == NULL)
        return NULL;
    return STM_SEGMENT->segment_base + (uintptr_t)o;
}

/* An old object that every segment sees at once, as if committed long
   ago: written into the master and into the private copies of its
   pages.  Not a root: the caller stores it somewhere reachable before
   the next collection. */
object_t *stm_allocate_preexisting(ssize_t size_rounded_up,
                                   const char *initial_data)
{
    if (size_rounded_up < 16 || (size_rounded_up & 7) != 0)
        stm_fatal("stm_allocate_preexisting(%ld): the size must be a "
                  "multiple of 8 and at least 16",
                  (long)size_rounded_up);
    /* in a transaction, the segment's own allocator cache: no lock (the
       hashtables create their entries this way) */
    struct segment *seg = current_segment();
    bool own_cache = seg->num != 0 && seg->state != TS_NONE;
    uintptr_t obj;
    if (own_cache) {
        obj = allocate_old_for_segment(seg, (size_t)size_rounded_up);
        /* the creator usually writes it next (a hashtable entry): its
           page goes private now, before our view ever reads it, so that
           the copy-on-write finds no page mapped and needs no TLB
           shootdown on the other cores */
        mark_private_pages(seg, obj, (size_t)size_rounded_up);
    } else {
        pthread_mutex_lock(&prebuilt_lock);
        obj = allocate_in_master((size_t)size_rounded_up);
    }
    char *dst = REAL_ADDRESS(master_base(), obj);
    memcpy(dst, initial_data, (size_t)size_rounded_up);
    ((struct object_s *)dst)->stm_flags = GCFLAG_WRITE_BARRIER;
    atomic_thread_fence(memory_order_seq_cst);
    publish_new_object(obj, (size_t)size_rounded_up, 0);
    if (!own_cache)
        pthread_mutex_unlock(&prebuilt_lock);
    return (object_t *)obj;
}

void prebuilt_fork_lock(bool lock)
{
    if (lock)
        pthread_mutex_lock(&prebuilt_lock);
    else
        pthread_mutex_unlock(&prebuilt_lock);
}
