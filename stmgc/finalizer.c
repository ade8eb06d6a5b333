/* finalizer.c -- finalizers (STM build).
 *
 * Light finalizers: stmcb_light_finalizer(obj) runs once, when obj dies;
 * it must not allocate nor start anything.
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

/* A committed transaction's objects join a global list. */
static void append_all_locked(struct list *to, struct list *from)
{
    if (from->count == 0)
        return;
    pthread_mutex_lock(&finalizers_lock);
    for (size_t i = 0; i < from->count; i++)
        list_append(to, from->items[i]);
    pthread_mutex_unlock(&finalizers_lock);
}

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
    if (committed) {
        append_all_locked(&old_light_finalizers, young);
    } else {
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

/* ---------------------------------------------- regular finalizers
 *
 * An object from stm_allocate_with_finalizer() is a root of the minor
 * collections of the transaction that made it; if that transaction
 * commits, it joins 'with_finalizers', else it vanishes unfinalized.
 * A major collection, once the roots are marked, looks at the unmarked
 * ones: it marks what each of them reaches; those still unmarked then
 * (reachable from no other finalizable object) are marked too, with
 * everything they reach, and queued: they stay alive until their
 * finalizer ran.  The others wait for a later collection, so a chain is
 * finalized from its outermost object in.  (An object that reaches
 * itself through a cycle of finalizable objects is never finalized.)
 * Queued finalizers run after a commit, each in an inevitable
 * transaction of its own, on whichever thread commits next.
 */

void (*stmcb_finalizer)(object_t *);

static struct list with_finalizers;    /* committed, not finalizable yet */
static struct list pending_finalizers; /* to run: roots until then */
static _Atomic long nb_pending_finalizers;
static __thread bool running_finalizers;

object_t *stm_allocate_with_finalizer(ssize_t size_rounded_up)
{
    object_t *obj = stm_allocate(size_rounded_up);
    list_append(&current_segment()->young_with_finalizers, (uintptr_t)obj);
    return obj;
}

void finalizers_transaction_done(struct segment *seg, bool committed)
{
    if (committed)
        append_all_locked(&with_finalizers, &seg->young_with_finalizers);
    list_clear(&seg->young_with_finalizers);
}

/* Major collection, world stopped: the queued objects are roots. */
void finalizers_mark_pending(void)
{
    pthread_mutex_lock(&finalizers_lock);
    uintptr_t o;
    LIST_FOREACH(&pending_finalizers, o)
    {
        majorgc_mark_and_trace(o);
    }
    pthread_mutex_unlock(&finalizers_lock);
}

/* Major collection, world stopped, roots marked, before sweeping. */
void finalizers_after_mark(void)
{
    pthread_mutex_lock(&finalizers_lock);
    stm_select_finalizable(&with_finalizers, &pending_finalizers,
                           majorgc_mark_children, majorgc_mark_and_trace);
    atomic_store(&nb_pending_finalizers, (long)pending_finalizers.count);
    pthread_mutex_unlock(&finalizers_lock);
}

/* After a commit, outside any transaction. */
void run_pending_finalizers(stm_thread_local_t *tl)
{
    if (atomic_load_explicit(&nb_pending_finalizers, memory_order_relaxed) ==
            0 ||
        running_finalizers)
        return;
    running_finalizers = true; /* their own commits come back here */
    while (1) {
        /* in the transaction first: no collection can run between taking
           the object off the queue and rooting it */
        stm_start_inevitable_transaction(tl);
        uintptr_t obj = 0;
        pthread_mutex_lock(&finalizers_lock);
        if (!list_is_empty(&pending_finalizers)) {
            obj = list_pop(&pending_finalizers);
            atomic_fetch_sub(&nb_pending_finalizers, 1);
        }
        pthread_mutex_unlock(&finalizers_lock);
        stm_call_finalizer(tl, obj);
        stm_commit_transaction();
        if (obj == 0)
            break;
    }
    running_finalizers = false;
}

void finalizers_teardown(void)
{
    list_free(&old_light_finalizers);
    list_free(&with_finalizers);
    list_free(&pending_finalizers);
    atomic_store(&nb_pending_finalizers, 0);
}
