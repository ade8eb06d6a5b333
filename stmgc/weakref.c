/* weakref.c -- weak references (STM build).
 *
 * A weakref is a small object whose last word (at stmcb_size_rounded_up()
 * - 8) refers to its target without keeping it alive: the user's
 * stmcb_trace() must not report that word.  The reference is set right
 * after stm_allocate_weakref(), before anything can collect, and never
 * changes afterwards, except that the GC clears it when the target dies:
 *  - the minor collection after the weakref's allocation moves the
 *    weakref out of the nursery and updates or clears its target, if that
 *    was young too;
 *  - from then on both are outside the nursery, and the major collection
 *    clears the reference when the target was not marked, in the master
 *    and in every view holding a private copy of the weakref's page.
 * A weakref that left the nursery waits on its segment's list until its
 * transaction commits (then the major collections know it) or aborts
 * (then it is freed with the rest).  Major collections also look at the
 * weakrefs of the transactions running meanwhile.
 */
#include "core.h"
#include "gcpage.h"

static struct list all_weakrefs; /* outside the nursery, maybe dead */
static pthread_mutex_t weakrefs_lock = PTHREAD_MUTEX_INITIALIZER;

object_t *stm_allocate_weakref(ssize_t size_rounded_up)
{
    stm_check_weakref_size(size_rounded_up);
    object_t *obj = stm_allocate(size_rounded_up);
    list_append(&current_segment()->young_weakrefs, (uintptr_t)obj);
    return obj;
}

object_t *stm_setup_prebuilt_weakref(object_t *staticobj)
{
    /* prebuilt objects never die: nothing to register */
    object_t *obj = stm_setup_prebuilt(staticobj);
    size_t size = object_size_in(master_base(), (uintptr_t)obj);
    object_t **field =
        (object_t **)REAL_ADDRESS(master_base(), (uintptr_t)obj + size - 8);
    *field = stm_setup_prebuilt(*field);
    atomic_thread_fence(memory_order_seq_cst);
    publish_new_object((uintptr_t)obj, size, 0);
    return obj;
}

/* During a minor collection of 'seg', after tracing, before the moved
   objects are published: the young weakrefs follow their targets. */
void weakrefs_after_minor(struct segment *seg)
{
    uintptr_t w;
    LIST_FOREACH(&seg->young_weakrefs, w)
    {
        struct object_s *h = (struct object_s *)REAL_ADDRESS(seg->base, w);
        if (!(h->stm_flags & GCFLAG_FORWARDED))
            continue; /* the weakref itself died */
        uintptr_t moved = ((uintptr_t *)h)[1];
        size_t size = object_size_in(master_base(), moved);
        uintptr_t *field =
            (uintptr_t *)REAL_ADDRESS(master_base(), moved + size - 8);
        uintptr_t target = *field;
        if (in_nursery(target)) {
            struct object_s *t =
                (struct object_s *)REAL_ADDRESS(seg->base, target);
            *field =
                (t->stm_flags & GCFLAG_FORWARDED) ? ((uintptr_t *)t)[1] : 0;
        }
        list_append(&seg->weakrefs_outside, moved);
    }
    list_clear(&seg->young_weakrefs);
}

/* The transaction of 'seg' committed, or aborted. */
void weakrefs_transaction_done(struct segment *seg, bool committed)
{
    if (committed && seg->weakrefs_outside.count > 0) {
        pthread_mutex_lock(&weakrefs_lock);
        uintptr_t w;
        LIST_FOREACH(&seg->weakrefs_outside, w)
        {
            list_append(&all_weakrefs, w);
        }
        pthread_mutex_unlock(&weakrefs_lock);
    }
    list_clear(&seg->weakrefs_outside);
    list_clear(&seg->young_weakrefs);
}

/* Clears the weakref's reference where its target was not marked. */
static void clear_if_dead_target(uintptr_t w)
{
    size_t size = object_size_in(master_base(), w);
    uintptr_t at = w + size - 8;
    uintptr_t target = *(uintptr_t *)REAL_ADDRESS(master_base(), at);
    if (target == 0 || gcpage_is_marked(target))
        return;
    *(uintptr_t *)REAL_ADDRESS(master_base(), at) = 0;
    uint64_t mask = atomic_load(cow_mask_of_page(at & ~(PAGE_SIZE - 1)));
    while (mask) {
        int num = __builtin_ctzll(mask) + 1;
        mask &= mask - 1;
        *(uintptr_t *)REAL_ADDRESS(get_segment(num)->base, at) = 0;
    }
}

/* Major collection, world stopped, after marking, before sweeping. */
void weakrefs_after_mark(void)
{
    size_t kept = 0;
    for (size_t i = 0; i < all_weakrefs.count; i++) {
        uintptr_t w = all_weakrefs.items[i];
        if (!gcpage_is_marked(w))
            continue; /* dead */
        all_weakrefs.items[kept++] = w;
        clear_if_dead_target(w);
    }
    all_weakrefs.count = kept;
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        uintptr_t w;
        LIST_FOREACH(&get_segment(i)->weakrefs_outside, w)
        {
            clear_if_dead_target(w);
        }
    }
}

void weakrefs_teardown(void)
{
    list_free(&all_weakrefs);
}
