/* majorgc.c -- the major collection: stop the world, mark, sweep, and
 * give private page copies back.
 *
 * The collecting thread first freezes the commit log (like an inevitable
 * transaction) and stops every other thread at a safe point.  A stopped
 * thread empties its nursery and validates, so afterwards every
 * segment's view and the master hold the same committed state; the only
 * differences left are each running transaction's own changes: its
 * modified old objects and the young objects it created outside the
 * nursery.  Marking therefore traces each root in the view of the
 * segment whose thread holds it, and traces both versions of every
 * modified object.  Old objects never move.
 */
#include "core.h"
#include "gcpage.h"

#include <time.h>

static size_t major_threshold, major_minimum;
static long nb_major_collections;
static long nb_reshares;     /* reshare_private_pages() runs */
static double major_seconds; /* for STMGC_STATS */

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
static double major_growth;
static struct list prebuilt_roots;
static struct list mark_stack; /* pairs (object, view base) */
static char *mark_view;
static pthread_mutex_t prebuilt_lock = PTHREAD_MUTEX_INITIALIZER;

void majorgc_init(void)
{
    stm_major_gc_settings(&major_minimum, &major_growth);
    major_threshold = major_minimum;
}

void majorgc_teardown(void)
{
    if (stm_env_flag("STMGC_STATS")) {
        uint64_t commits = 0, aborts = 0, minors = 0;
        for (int i = 1; i <= NB_SEGMENTS; i++) {
            commits += get_segment(i)->nb_commits;
            aborts += get_segment(i)->nb_aborts;
            minors += get_segment(i)->nb_minor_collections;
        }
        fprintf(stderr,
                "stmgc stats: %lu commits, %lu aborts, %lu minor and %ld "
                "major collections (%.1f ms), %ld page resharings, %zu bytes "
                "live\n",
                (unsigned long)commits, (unsigned long)aborts,
                (unsigned long)minors, nb_major_collections,
                major_seconds * 1e3, nb_reshares, gcpage_bytes_in_use());
    }
    nb_major_collections = 0;
    nb_reshares = 0;
    major_seconds = 0;
    list_free(&prebuilt_roots);
    list_free(&mark_stack);
}

void majorgc_add_prebuilt(uintptr_t obj)
{
    pthread_mutex_lock(&prebuilt_lock);
    list_append(&prebuilt_roots, obj);
    pthread_mutex_unlock(&prebuilt_lock);
}

static void mark_push(uintptr_t obj, char *view)
{
    if (!in_old_area(obj) || !gcpage_is_allocated(obj))
        return;
    if (gcpage_mark(obj))
        return;
    list_append(&mark_stack, obj);
    list_append(&mark_stack, (uintptr_t)view);
}

static void mark_visit(object_t **slot)
{
    mark_push((uintptr_t)*slot, mark_view);
}

static void trace_for_mark(uintptr_t obj, char *view)
{
    mark_view = view;
    stmcb_trace((struct object_s *)REAL_ADDRESS(view, obj), mark_visit);
}

static void drain_mark_stack(void)
{
    while (!list_is_empty(&mark_stack)) {
        char *view = (char *)list_pop(&mark_stack);
        uintptr_t obj = list_pop(&mark_stack);
        trace_for_mark(obj, view);
    }
}

/* For finalizer.c (committed objects, read in the master, which the
   collection brought up to date). */
void majorgc_mark_children(uintptr_t obj)
{
    trace_for_mark(obj, master_base());
    drain_mark_stack();
}

void majorgc_mark_and_trace(uintptr_t obj)
{
    mark_push(obj, master_base());
    drain_mark_stack();
}

static void mark_saved_root(void *slot)
{
    mark_push(*(uintptr_t *)slot, master_base());
}

static void mark_root_slot(stm_thread_local_t *tl, object_t **slot)
{
    /* a root is read in the view of the segment its thread runs in */
    int num = tl->associated_segment_num;
    mark_push((uintptr_t)*slot,
              num > 0 ? get_segment(num)->base : master_base());
    drain_mark_stack();
}

static void mark_saved_roots(stm_thread_local_t *tl)
{
    /* roots saved for an abort are from before the transaction */
    if (rewind_jmp_armed(&tl->rjthread))
        stm_rewind_jmp_enum_shadowstack(tl, mark_saved_root);
}

static void mark_everything(void)
{
    for (size_t i = 0; i < prebuilt_roots.count; i++)
        mark_push(prebuilt_roots.items[i], master_base());
    drain_mark_stack();

    /* both versions of every object a running transaction modified */
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        struct segment *seg = get_segment(i);
        if (seg->state == TS_NONE)
            continue;
        uintptr_t obj;
        LIST_FOREACH(&seg->modified_old, obj)
        {
            gcpage_mark(obj);
            trace_for_mark(obj, seg->base);
            trace_for_mark(obj, master_base());
            drain_mark_stack();
        }
        /* the transaction's own objects stay allocated even when nothing
           points to them: its commit copies them and its abort frees
           them */
        LIST_FOREACH(&seg->young_outside, obj)
        {
            mark_push(obj, seg->base);
        }
        LIST_FOREACH(&seg->commit_survivors, obj)
        {
            mark_push(obj, master_base());
        }
        drain_mark_stack();
    }

    stm_for_each_root_slot(mark_root_slot);
    pthread_mutex_lock(&stm_tl_list_lock);
    stm_thread_local_t *tl = stm_all_thread_locals;
    if (tl != NULL) {
        do {
            mark_saved_roots(tl);
            drain_mark_stack();
            tl = tl->next;
        } while (tl != stm_all_thread_locals);
    }
    pthread_mutex_unlock(&stm_tl_list_lock);
}

static void on_object_freed(uintptr_t obj, void *arg)
{
    (void)arg;
    (void)obj;
}

/* Freezes the log (unless the inevitable transaction holds it) and
   stops the other threads: the answer is for resume_the_world(). */
static bool stop_the_world(struct segment *seg)
{
    bool had_frozen_log = seg->state == TS_INEVITABLE;
    if (!had_frozen_log)
        log_freeze(seg);
    stop_other_threads(seg);
    return had_frozen_log;
}

static void resume_the_world(struct segment *seg, bool had_frozen_log)
{
    resume_other_threads();
    if (!had_frozen_log)
        log_unfreeze(seg);
}

/* World stopped, master up to date: every participant keeps only the
   pages of its running transaction's changes (whole_range: see
   reshare_segment_pages), and a segment without a transaction, which
   has no read set, loses its read markers too (1/8 of the heap it
   read).  'self' is included only when its next transaction's read
   version is already new (called from a transaction's start). */
static void reshare_every_segment(struct segment *self, bool whole_range,
                                  bool reset_self_markers)
{
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        struct segment *other = get_segment(i);
        if (!other->participant)
            continue;
        reshare_segment_pages(other, whole_range);
        if (other->state == TS_NONE && (other != self || reset_self_markers))
            reset_read_markers(other);
    }
    recount_private_pages();
}

void major_collection(void)
{
    struct segment *seg = current_segment();
    if (seg->num == 0)
        _stm_fatal_outside_transaction("stm_collect");
    double start = monotonic_seconds();
    stm_timing_event(seg->pub->running_thread, STM_GC_MAJOR_START);
    bool had_frozen_log = stop_the_world(seg);
    if (seg->state != TS_NONE)
        minor_collection(false);

    log_catch_up_everything();
    mark_everything();
    finalizers_mark_pending();
    /* weakrefs go before finalizers bring objects back to life */
    weakrefs_after_mark();
    finalizers_after_mark();
    light_finalizers_after_mark();
    /* keep what the heap will grow back to before the next collection */
    set_release_budget(2 * major_threshold);
    gcpage_sweep(on_object_freed, NULL);
    reshare_every_segment(seg, true, false);
    size_t live = gcpage_bytes_in_use();
    major_threshold = (size_t)((double)live * major_growth);
    if (major_threshold < major_minimum)
        major_threshold = major_minimum;

    nb_major_collections++;
    major_seconds += monotonic_seconds() - start;
    resume_the_world(seg, had_frozen_log);
    stm_timing_event(seg->pub->running_thread, STM_GC_MAJOR_DONE);
}

/* A segment keeps a private copy of every page it wrote, and of every
   page it replayed someone else's commit onto, until the copies are
   given back: the master has the same bytes by then, so a program that
   writes all over its heap would otherwise hold it twice.  Without a
   collection that costs a stopped world, the catching up of every
   segment and one madvise per run of private pages (the shared pages
   stay mapped); the next write to a page given back copies it again. */
static void reshare_private_pages(void)
{
    struct segment *seg = current_segment();
    bool had_frozen_log = stop_the_world(seg);
    log_catch_up_everything();
    /* this segment is between transactions only at a transaction's
       start, whose read version is already new */
    reshare_every_segment(seg, false, true);
    nb_reshares++;
    resume_the_world(seg, had_frozen_log);
}

/* private copies beyond an eighth of the heap (and 4 MiB) are given
   back; the major collection gives back all of them too */
static bool too_many_private_pages(void)
{
    size_t copies = (size_t)stm_private_pages_estimate() * PAGE_SIZE;
    size_t budget = gcpage_bytes_in_use() / 8;
    if (budget < (4UL << 20))
        budget = 4UL << 20;
    return copies > budget;
}

void maybe_major_collection(void)
{
    if (gcpage_bytes_in_use() > major_threshold || stm_gc_stress_major())
        major_collection();
    else if (too_many_private_pages())
        reshare_private_pages();
}

void stm_collect(long level)
{
    struct segment *seg = current_segment();
    if (seg->num == 0 || seg->state == TS_NONE)
        _stm_fatal_outside_transaction("stm_collect");
    if (level <= 0)
        minor_collection(false);
    else
        major_collection();
}

/* GC-stress builds (STMGC_GC_STRESS=1) also run a major collection every
   so many allocations, to exercise marking with every kind of root. */
bool stm_gc_stress_major(void)
{
    static _Atomic long countdown = 500;
    if (!stm_gc_stress)
        return false;
    if (atomic_fetch_sub(&countdown, 1) > 0)
        return false;
    atomic_store(&countdown, 500);
    return true;
}
