/* finalizer.c -- light finalizers (STM build): stmcb_light_finalizer(obj)
 * runs once, when obj dies; it must not allocate nor start anything.
 *
 * An object registered by the transaction that created it stays on that
 * segment's list until the transaction ends: a minor collection that
 * finds it dead in the nursery finalizes it, one that moves it keeps the
 * new address; a successful commit hands the survivors to the global
 * list, an abort (even one decided at commit time) finalizes them all:
 * they die with it.  The global list is
 * checked by every major collection, after marking, before sweeping.
 */
#include "core.h"
#include "gcpage.h"

void (*stmcb_light_finalizer)(object_t *);

static struct list old_light_finalizers;
static pthread_mutex_t finalizers_lock = PTHREAD_MUTEX_INITIALIZER;

static void call_light_finalizer(uintptr_t obj)
{
    if (stmcb_light_finalizer != NULL)
        stmcb_light_finalizer((object_t *)obj);
}

void stm_enable_light_finalizer(object_t *obj)
{
    struct segment *seg = current_segment();
    uintptr_t o = (uintptr_t)obj;
    struct object_s *h = (struct object_s *)REAL_ADDRESS(seg->base, o);
    if (seg->num != 0 &&
        (in_nursery(o) || (h->stm_flags & GCFLAG_YOUNG_OUTSIDE))) {
        list_append(&seg->young_light_finalizers, o);
        return;
    }
    pthread_mutex_lock(&finalizers_lock);
    list_append(&old_light_finalizers, o);
    pthread_mutex_unlock(&finalizers_lock);
}

/* During a minor collection, after tracing, while the nursery is still
   readable. */
void light_finalizers_after_minor(struct segment *seg)
{
    size_t kept = 0;
    struct list *young = &seg->young_light_finalizers;
    for (size_t i = 0; i < young->count; i++) {
        uintptr_t o = young->items[i];
        if (in_nursery(o)) {
            struct object_s *h = (struct object_s *)REAL_ADDRESS(seg->base, o);
            if (!(h->stm_flags & GCFLAG_FORWARDED)) {
                call_light_finalizer(o);
                continue;
            }
            o = ((uintptr_t *)h)[1];
        }
        young->items[kept++] = o;
    }
    young->count = kept;
}

/* The transaction of 'seg' committed: its survivors join the global
   list.  Or it aborted: its objects all die (called before the nursery
   is reset and the objects outside it freed, so they are readable). */
void light_finalizers_transaction_done(struct segment *seg, bool committed)
{
    struct list *young = &seg->young_light_finalizers;
    if (committed && young->count > 0) {
        pthread_mutex_lock(&finalizers_lock);
        for (size_t i = 0; i < young->count; i++)
            list_append(&old_light_finalizers, young->items[i]);
        pthread_mutex_unlock(&finalizers_lock);
    } else if (!committed) {
        for (size_t i = 0; i < young->count; i++)
            call_light_finalizer(young->items[i]);
    }
    list_clear(young);
}

/* Major collection, world stopped, after marking, before sweeping. */
void light_finalizers_after_mark(void)
{
    size_t kept = 0;
    for (size_t i = 0; i < old_light_finalizers.count; i++) {
        uintptr_t o = old_light_finalizers.items[i];
        if (gcpage_is_marked(o))
            old_light_finalizers.items[kept++] = o;
        else
            call_light_finalizer(o);
    }
    old_light_finalizers.count = kept;
}

void finalizers_teardown(void)
{
    list_free(&old_light_finalizers);
}
