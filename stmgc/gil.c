/* gil.c -- libstmgc-gil: the stmgc API with one global lock.
 *
 * The honest baseline for "what does STM cost" and "how well does it
 * scale": a transaction is a section under one mutex, so it can never
 * conflict nor abort and is always inevitable.  Objects are plain
 * pointers (the header defines TLPREFIX as nothing under STMGC_GIL), the
 * read barrier is empty, and the write barrier only feeds the
 * generational GC's remembered set.  The GC is the same design as the
 * STM build's without the segments: one nursery, a copying minor
 * collection (when the nursery is full, not at every commit), and a
 * mark-and-sweep major collection over the same gcpage allocator.
 */
#include "shared.h"
#include "addrmap.h"
#include "gcpage.h"

#include <errno.h>
#include <sys/mman.h>

#ifndef STMGC_GIL
#    error "gil.c is the GIL build: compile it with -DSTMGC_GIL"
#endif

#define NURSERY_MAX_SIZE     (1UL << 30)
#define OLD_AREA_SIZE        (1UL << 37)
#define DEFAULT_NURSERY_SIZE (4UL << 20)

#define GCFLAG_WRITE_BARRIER     _STM_GCFLAG_WRITE_BARRIER
#define GCFLAG_HAS_SHADOW        0x04
#define GCFLAG_HAS_PREBUILT_HASH 0x10
#define GCFLAG_FORWARDED         0x40

struct stm_segment_info_s _stm_gil_segment;

static char *reservation;
static uintptr_t nursery_start, nursery_size, old_start, old_end;
static pthread_mutex_t gil = PTHREAD_MUTEX_INITIALIZER;
static bool gc_stress;

/* collector state, protected by the GIL */
static struct list remembered;  /* old objects written since last minor */
static struct list young_large; /* large objects since the last minor */
static struct list scan;        /* copied, not yet traced */
static struct list mark_stack;
static struct list prebuilt_roots;
static struct list on_commit;
static struct addrmap young_ids; /* nursery object -> reserved address */
/* weakrefs (see weakref.c for the rules): allocated since the last minor
   collection, and all the others */
static struct list young_weakrefs, old_weakrefs;
/* objects with a light finalizer, in the nursery and outside it */
static struct list young_light_finalizers, old_light_finalizers;
void (*stmcb_light_finalizer)(object_t *);
/* regular finalizers (see finalizer.c): young ones, committed ones, and
   the ones found unreachable, to run after the next commit */
static struct list young_with_finalizers, with_finalizers, pending_finalizers;
static __thread bool running_finalizers;
void (*stmcb_finalizer)(object_t *);
static struct addrmap static_to_heap, prebuilt_hashes;
static size_t major_threshold, major_minimum;
static double major_growth;
static uint64_t nb_commits, nb_minor, nb_major;

static inline int in_nursery(uintptr_t p)
{
    return p - nursery_start < nursery_size;
}

static inline int in_old_area(uintptr_t p)
{
    return p - old_start < old_end - old_start;
}

/* ---------------------------------------------------------------- setup */

/* fork(): no section may be half-way in another thread; the child
   keeps the heap (plain memory, copied by fork) and one thread. */
static bool fork_took_gil;

static void gil_prepare_fork(void)
{
    stm_thread_local_t *t = _stm_gil_segment.running_thread;
    fork_took_gil =
        !(t != NULL && t->creating_pthread[0] == (void *)pthread_self());
    if (fork_took_gil)
        pthread_mutex_lock(&gil);
}

static void gil_after_fork(void)
{
    if (fork_took_gil)
        pthread_mutex_unlock(&gil);
}

static void gil_child_after_fork(void)
{
    stm_timing_log_fork_child();
    gil_after_fork();
}

void stm_setup(void)
{
    static bool atfork_installed;
    if (!atfork_installed) {
        pthread_atfork(gil_prepare_fork, gil_after_fork, gil_child_after_fork);
        atfork_installed = true;
    }
    if (reservation != NULL)
        stm_fatal("stm_setup() called twice without stm_teardown()");
    nursery_size = stm_env_size("STMGC_NURSERY", DEFAULT_NURSERY_SIZE, 16384,
                                NURSERY_MAX_SIZE) &
                   ~(PAGE_SIZE - 1);
    gc_stress = stm_env_flag("STMGC_GC_STRESS");
    stm_poison_nursery = gc_stress || stm_env_flag("STMGC_POISON_NURSERY");
    stm_major_gc_settings(&major_minimum, &major_growth);
    major_threshold = major_minimum;

    reservation =
        stm_map_anywhere(NURSERY_MAX_SIZE + OLD_AREA_SIZE, "the heap");
    nursery_start = (uintptr_t)reservation;
    old_start = nursery_start + NURSERY_MAX_SIZE;
    old_end = old_start + OLD_AREA_SIZE;
    gcpage_init(old_start, old_end, 1, NULL);

    memset(&_stm_gil_segment, 0, sizeof(_stm_gil_segment));
    _stm_gil_segment.segment_num = 1;
    _stm_gil_segment.transaction_read_version = 1;
    _stm_gil_segment.nursery_current = (stm_char *)nursery_start;
    /* outside transactions, allocation takes the slow path and fails */
    _stm_gil_segment.nursery_end = 0;
    stm_install_signal_handlers();
}

void stm_teardown(void)
{
    if (reservation == NULL)
        return;
    if (stm_env_flag("STMGC_STATS"))
        fprintf(stderr,
                "stmgc-gil stats: %lu commits, %lu minor and %lu major "
                "collections, %zu bytes live\n",
                (unsigned long)nb_commits, (unsigned long)nb_minor,
                (unsigned long)nb_major, gcpage_bytes_in_use());
    gcpage_teardown();
    munmap(reservation, NURSERY_MAX_SIZE + OLD_AREA_SIZE);
    reservation = NULL;
    list_free(&remembered);
    list_free(&young_large);
    list_free(&scan);
    list_free(&mark_stack);
    list_free(&prebuilt_roots);
    list_free(&young_weakrefs);
    list_free(&old_weakrefs);
    list_free(&young_light_finalizers);
    list_free(&old_light_finalizers);
    list_free(&young_with_finalizers);
    list_free(&with_finalizers);
    list_free(&pending_finalizers);
    list_free(&on_commit);
    addrmap_free(&young_ids);
    addrmap_free(&static_to_heap);
    addrmap_free(&prebuilt_hashes);
    nb_commits = nb_minor = nb_major = 0;
}

void stm_thread_registered(stm_thread_local_t *tl)
{
    (void)tl;
}

bool stm_describe_heap_fault(char *addr, char *buf, size_t size)
{
    if (reservation == NULL || addr < reservation ||
        addr >= reservation + NURSERY_MAX_SIZE + OLD_AREA_SIZE)
        return false;
    snprintf(buf, size,
             "segmentation fault at %p inside the heap: invalid object "
             "pointer",
             (void *)addr);
    return true;
}

/* --------------------------------------------------------- transactions */

static stm_thread_local_t *running(const char *what)
{
    stm_thread_local_t *tl = _stm_gil_segment.running_thread;
    if (tl == NULL)
        _stm_fatal_outside_transaction(what);
    return tl;
}

static void maybe_major_collection(void);

char *stm_segment_base_of(stm_thread_local_t *tl)
{
    (void)tl;
    return NULL;
}

/* Profiling: the one "segment" here is the lock, so waiting for it is
   STM_WAIT_FREE_SEGMENT. */
void stm_start_inevitable_transaction(stm_thread_local_t *tl)
{
    stm_check_can_start(tl);
    if (pthread_mutex_trylock(&gil) != 0) {
        stm_timing_event(tl, STM_WAIT_FREE_SEGMENT);
        pthread_mutex_lock(&gil);
        stm_timing_event(tl, STM_WAIT_DONE);
    }
    tl->associated_segment_num = 1;
    tl->last_associated_segment_num = 1;
    _stm_gil_segment.running_thread = tl;
    _stm_gil_segment.nursery_end =
        gc_stress ? (uintptr_t)_stm_gil_segment.nursery_current
                  : nursery_start + nursery_size;
    stm_timing_event(tl, STM_TRANSACTION_START);
    maybe_major_collection();
}

long stm_start_transaction(stm_thread_local_t *tl)
{
    stm_start_inevitable_transaction(tl);
    return 0;
}

static _Atomic long nb_pending_finalizers;

static void end_section(void)
{
    stm_thread_local_t *tl = running("stm_commit_transaction");
    stm_timing_event(tl, STM_TRANSACTION_COMMIT);
    struct list callbacks = on_commit;
    on_commit = (struct list){0};
    nb_commits++;
    _stm_gil_segment.running_thread = NULL;
    _stm_gil_segment.nursery_end = 0;
    tl->associated_segment_num = -1;
    pthread_mutex_unlock(&gil);
    for (size_t i = 0; i + 1 < callbacks.count; i += 2)
        ((void (*)(void *))callbacks.items[i + 1])((void *)callbacks.items[i]);
    list_free(&callbacks);
}

/* Queued finalizers run after a commit, each in a section of its own,
   on the thread that committed ('running_finalizers' keeps their own
   commits from coming back here). */
void stm_commit_transaction(void)
{
    stm_thread_local_t *tl = _stm_gil_segment.running_thread;
    end_section();
    if (atomic_load_explicit(&nb_pending_finalizers, memory_order_relaxed) ==
            0 ||
        running_finalizers)
        return;
    running_finalizers = true;
    while (1) {
        stm_start_inevitable_transaction(tl);
        uintptr_t obj = 0;
        if (!list_is_empty(&pending_finalizers)) {
            obj = list_pop(&pending_finalizers);
            atomic_fetch_sub(&nb_pending_finalizers, 1);
        }
        stm_call_finalizer(tl, obj);
        end_section();
        if (obj == 0)
            break;
    }
    running_finalizers = false;
}

void stm_abort_transaction(void)
{
    running("stm_abort_transaction");
    stm_fatal("stm_abort_transaction(): the GIL build runs every transaction "
              "inevitably and cannot abort one");
}

void _stm_become_inevitable(const char *msg)
{
    (void)msg;
}

void stm_become_globally_unique_transaction(stm_thread_local_t *tl,
                                            const char *msg)
{
    (void)tl;
    (void)msg;
    running("stm_become_globally_unique_transaction");
}

void stm_stop_all_other_threads(void)
{
    running("stm_stop_all_other_threads");
}

void stm_resume_all_other_threads(void)
{
}

void stm_wait_for_current_inevitable_transaction(void)
{
    pthread_mutex_lock(&gil);
    pthread_mutex_unlock(&gil);
}

void _stm_collectable_safe_point(void)
{
    running("stm_safe_point");
}

long stm_call_on_abort(stm_thread_local_t *tl, void *key, void callback(void *))
{
    (void)tl;
    (void)key;
    (void)callback;
    running("stm_call_on_abort");
    return 0; /* an inevitable transaction never aborts */
}

long stm_call_on_commit(stm_thread_local_t *tl, void *key,
                        void callback(void *))
{
    (void)tl;
    running("stm_call_on_commit");
    if (callback != NULL)
        callback(key); /* inevitable: right now */
    return callback != NULL;
}

/* ------------------------------------------------------- minor collection */

static uintptr_t allocate_old(size_t size)
{
    uintptr_t obj = gcpage_alloc(0, size);
    if (obj == 0)
        stm_fatal("out of memory: the old generation is full (%zu bytes in "
                  "use, %zu requested)",
                  gcpage_bytes_in_use(), size);
    return obj;
}

static void minor_visit(object_t **slot)
{
    uintptr_t young = (uintptr_t)*slot;
    if (!in_nursery(young))
        return;
    struct object_s *h = (struct object_s *)young;
    if (h->stm_flags & GCFLAG_FORWARDED) {
        *slot = ((object_t **)young)[1];
        return;
    }
    size_t size = (size_t)stmcb_size_rounded_up(h);
    uintptr_t moved = (h->stm_flags & GCFLAG_HAS_SHADOW)
                          ? addrmap_get(&young_ids, young)
                          : allocate_old(size);
    memcpy((char *)moved, h, size);
    ((struct object_s *)moved)->stm_flags = GCFLAG_WRITE_BARRIER;
    h->stm_flags = GCFLAG_FORWARDED;
    ((object_t **)young)[1] = (object_t *)moved;
    *slot = (object_t *)moved;
    list_append(&scan, moved);
}

static void minor_visit_root(stm_thread_local_t *tl, object_t **slot)
{
    (void)tl;
    minor_visit(slot);
}

/* After a minor collection's tracing: weakrefs follow their targets,
   light finalizers run for the objects that died in the nursery. */
static void weakrefs_and_finalizers_after_minor(void)
{
    uintptr_t obj;
    LIST_FOREACH(&young_weakrefs, obj)
    {
        struct object_s *h = (struct object_s *)obj;
        if (!(h->stm_flags & GCFLAG_FORWARDED))
            continue;
        uintptr_t moved = ((uintptr_t *)obj)[1];
        size_t size = (size_t)stmcb_size_rounded_up((struct object_s *)moved);
        uintptr_t *field = (uintptr_t *)(moved + size - 8);
        if (in_nursery(*field)) {
            struct object_s *t = (struct object_s *)*field;
            *field =
                (t->stm_flags & GCFLAG_FORWARDED) ? ((uintptr_t *)t)[1] : 0;
        }
        list_append(&old_weakrefs, moved);
    }
    list_clear(&young_weakrefs);
    LIST_FOREACH(&young_light_finalizers, obj)
    {
        struct object_s *h = (struct object_s *)obj;
        if (h->stm_flags & GCFLAG_FORWARDED)
            list_append(&old_light_finalizers, ((uintptr_t *)obj)[1]);
        else if (stmcb_light_finalizer != NULL)
            stmcb_light_finalizer((object_t *)obj);
    }
    list_clear(&young_light_finalizers);
}

static void find_finalizable(void);

/* After a major collection's marking, before sweeping. */
static void weakrefs_and_finalizers_after_mark(void)
{
    size_t kept = 0;
    for (size_t i = 0; i < old_weakrefs.count; i++) {
        uintptr_t w = old_weakrefs.items[i];
        if (!gcpage_is_marked(w))
            continue;
        old_weakrefs.items[kept++] = w;
        size_t size = (size_t)stmcb_size_rounded_up((struct object_s *)w);
        uintptr_t *field = (uintptr_t *)(w + size - 8);
        if (*field != 0 && !gcpage_is_marked(*field))
            *field = 0;
    }
    old_weakrefs.count = kept;
    find_finalizable();
    kept = 0;
    for (size_t i = 0; i < old_light_finalizers.count; i++) {
        uintptr_t o = old_light_finalizers.items[i];
        if (gcpage_is_marked(o))
            old_light_finalizers.items[kept++] = o;
        else if (stmcb_light_finalizer != NULL)
            stmcb_light_finalizer((object_t *)o);
    }
    old_light_finalizers.count = kept;
}

object_t *stm_allocate_with_finalizer(ssize_t size_rounded_up)
{
    object_t *obj = stm_allocate(size_rounded_up);
    list_append(&young_with_finalizers, (uintptr_t)obj);
    return obj;
}

object_t *stm_allocate_weakref(ssize_t size_rounded_up)
{
    stm_check_weakref_size(size_rounded_up);
    object_t *obj = stm_allocate(size_rounded_up);
    list_append(&young_weakrefs, (uintptr_t)obj);
    return obj;
}

object_t *stm_setup_prebuilt_weakref(object_t *staticobj)
{
    object_t *obj = stm_setup_prebuilt(staticobj);
    size_t size = (size_t)stmcb_size_rounded_up((struct object_s *)obj);
    object_t **field = (object_t **)((char *)obj + size - 8);
    *field = stm_setup_prebuilt(*field);
    return obj;
}

void stm_enable_light_finalizer(object_t *obj)
{
    list_append(in_nursery((uintptr_t)obj) ? &young_light_finalizers
                                           : &old_light_finalizers,
                (uintptr_t)obj);
}

static void minor_collection(void)
{
    stm_thread_local_t *tl = _stm_gil_segment.running_thread;
    stm_timing_event(tl, STM_GC_MINOR_START);
    stm_for_each_root_slot(minor_visit_root);
    for (size_t i = 0; i < young_with_finalizers.count; i++) {
        minor_visit((object_t **)&young_with_finalizers.items[i]);
        list_append(&with_finalizers, young_with_finalizers.items[i]);
    }
    list_clear(&young_with_finalizers);

    uintptr_t obj;
    LIST_FOREACH(&remembered, obj)
    {
        stmcb_trace((struct object_s *)obj, minor_visit);
    }
    LIST_FOREACH(&young_large, obj)
    {
        stmcb_trace((struct object_s *)obj, minor_visit);
    }
    while (!list_is_empty(&scan))
        stmcb_trace((struct object_s *)list_pop(&scan), minor_visit);
    weakrefs_and_finalizers_after_minor();

    LIST_FOREACH(&remembered, obj)
    {
        ((struct object_s *)obj)->stm_flags |= GCFLAG_WRITE_BARRIER;
    }
    LIST_FOREACH(&young_large, obj)
    {
        ((struct object_s *)obj)->stm_flags |= GCFLAG_WRITE_BARRIER;
    }
    list_clear(&remembered);
    list_clear(&young_large);
    /* reserved addresses of objects that died are free again */
    for (size_t i = 0; i < young_ids.capacity; i++) {
        uintptr_t young = young_ids.keys[i];
        if (young != 0 &&
            !(((struct object_s *)young)->stm_flags & GCFLAG_FORWARDED))
            gcpage_free(0, young_ids.values[i]);
    }
    addrmap_free(&young_ids);

    uintptr_t used =
        (uintptr_t)_stm_gil_segment.nursery_current - nursery_start;
    if (stm_poison_nursery && used > 0)
        memset((char *)nursery_start, 0xDD, used);
    _stm_gil_segment.nursery_current = (stm_char *)nursery_start;
    nb_minor++;
    stm_timing_event(tl, STM_GC_MINOR_DONE);
}

object_t *_stm_allocate_external(ssize_t size)
{
    running("stm_allocate");
    if (gc_stress)
        minor_collection();
    maybe_major_collection();
    uintptr_t obj = allocate_old((size_t)size);
    memset((char *)obj, 0, (size_t)size);
    list_append(&young_large, obj);
    return (object_t *)obj;
}

object_t *_stm_allocate_slowpath(ssize_t size)
{
    running("stm_allocate");
    _stm_gil_segment.nursery_current -= size; /* undo the inline bump */
    if ((size_t)size > nursery_size)
        return _stm_allocate_external(size);
    minor_collection();
    maybe_major_collection();
    uintptr_t p = (uintptr_t)_stm_gil_segment.nursery_current;
    _stm_gil_segment.nursery_current = (stm_char *)(p + (uintptr_t)size);
    _stm_gil_segment.nursery_end =
        gc_stress ? p + (uintptr_t)size : nursery_start + nursery_size;
    ((object_t *)p)->stm_flags = 0;
    return (object_t *)p;
}

void _stm_write_slowpath(object_t *obj)
{
    running("stm_write");
    obj->stm_flags &= ~GCFLAG_WRITE_BARRIER;
    list_append(&remembered, (uintptr_t)obj);
}

/* ------------------------------------------------------- major collection */

static void mark_push(uintptr_t obj)
{
    if (!in_old_area(obj) || !gcpage_is_allocated(obj) || gcpage_mark(obj))
        return;
    list_append(&mark_stack, obj);
}

static void mark_visit(object_t **slot)
{
    mark_push((uintptr_t)*slot);
}

static void mark_root(stm_thread_local_t *tl, object_t **slot)
{
    (void)tl;
    mark_push((uintptr_t)*slot);
}

static void drain_marks(void)
{
    while (!list_is_empty(&mark_stack))
        stmcb_trace((struct object_s *)list_pop(&mark_stack), mark_visit);
}

/* After the roots are marked (and weakrefs cleared): the unreachable
   objects with finalizers that no other one reaches are kept alive and
   queued (finalizer.c explains). */
static void mark_children(uintptr_t obj)
{
    stmcb_trace((struct object_s *)obj, mark_visit);
    drain_marks();
}

static void mark_and_trace(uintptr_t obj)
{
    mark_push(obj);
    drain_marks();
}

static void find_finalizable(void)
{
    stm_select_finalizable(&with_finalizers, &pending_finalizers, mark_children,
                           mark_and_trace);
    atomic_store(&nb_pending_finalizers, (long)pending_finalizers.count);
}

static void major_collection(void)
{
    stm_thread_local_t *tl = _stm_gil_segment.running_thread;
    stm_timing_event(tl, STM_GC_MAJOR_START);
    minor_collection();
    for (size_t i = 0; i < prebuilt_roots.count; i++)
        mark_push(prebuilt_roots.items[i]);
    stm_for_each_root_slot(mark_root);
    uintptr_t o;
    LIST_FOREACH(&pending_finalizers, o)
    {
        mark_push(o);
    }
    drain_marks();
    weakrefs_and_finalizers_after_mark();
    gcpage_sweep(NULL, NULL);
    size_t live = gcpage_bytes_in_use();
    major_threshold = (size_t)((double)live * major_growth);
    if (major_threshold < major_minimum)
        major_threshold = major_minimum;
    nb_major++;
    stm_timing_event(tl, STM_GC_MAJOR_DONE);
}

static void maybe_major_collection(void)
{
    static long stress_countdown = 500;
    if (gcpage_bytes_in_use() > major_threshold ||
        (gc_stress && --stress_countdown <= 0)) {
        stress_countdown = 500;
        major_collection();
    }
}

void stm_collect(long level)
{
    running("stm_collect");
    if (level <= 0)
        minor_collection();
    else
        major_collection();
}

/* ------------------------------------------------ prebuilt objects, ids */

object_t *_stm_allocate_old(ssize_t size_rounded_up)
{
    if (size_rounded_up < 16 || (size_rounded_up & 7) != 0)
        stm_fatal("_stm_allocate_old(%ld): the size must be a multiple of 8 "
                  "and at least 16",
                  (long)size_rounded_up);
    uintptr_t obj = allocate_old((size_t)size_rounded_up);
    memset((char *)obj, 0, (size_t)size_rounded_up);
    ((struct object_s *)obj)->stm_flags = GCFLAG_WRITE_BARRIER;
    return (object_t *)obj;
}

object_t *stm_allocate_preexisting(ssize_t size_rounded_up,
                                   const char *initial_data)
{
    object_t *o = _stm_allocate_old(size_rounded_up);
    memcpy((char *)o, initial_data, (size_t)size_rounded_up);
    o->stm_flags = GCFLAG_WRITE_BARRIER;
    return o;
}

char *_stm_real_address(object_t *o)
{
    return (char *)o;
}

static struct list pending_statics;

static uintptr_t copy_static_object(uintptr_t staticobj)
{
    uintptr_t done = addrmap_get(&static_to_heap, staticobj);
    if (done != 0)
        return done;
    size_t size = (size_t)stmcb_size_rounded_up((struct object_s *)staticobj);
    uintptr_t obj = allocate_old(size);
    memcpy((char *)obj, (char *)staticobj, size);
    ((struct object_s *)obj)->stm_flags = GCFLAG_WRITE_BARRIER;
    addrmap_put(&static_to_heap, staticobj, obj);
    list_append(&pending_statics, obj);
    list_append(&prebuilt_roots, obj);
    return obj;
}

static void fix_static_reference(object_t **slot)
{
    if (*slot != NULL)
        *slot = (object_t *)copy_static_object((uintptr_t)*slot);
}

object_t *stm_setup_prebuilt(object_t *staticobj)
{
    if (staticobj == NULL)
        return NULL;
    uintptr_t result = copy_static_object((uintptr_t)staticobj);
    for (size_t i = 0; i < pending_statics.count; i++)
        stmcb_trace((struct object_s *)pending_statics.items[i],
                    fix_static_reference);
    list_free(&pending_statics);
    return (object_t *)result;
}

long stm_id(object_t *obj)
{
    uintptr_t o = (uintptr_t)obj;
    if (!in_nursery(o))
        return (long)o;
    struct object_s *h = (struct object_s *)o;
    if (!(h->stm_flags & GCFLAG_HAS_SHADOW)) {
        addrmap_put(&young_ids, o,
                    allocate_old((size_t)stmcb_size_rounded_up(h)));
        h->stm_flags |= GCFLAG_HAS_SHADOW;
    }
    return (long)addrmap_get(&young_ids, o);
}

long stm_identityhash(object_t *obj)
{
    if (obj == NULL)
        return 0;
    if (obj->stm_flags & GCFLAG_HAS_PREBUILT_HASH)
        return (long)addrmap_get(&prebuilt_hashes, (uintptr_t)obj);
    return stm_mix_id((uint64_t)stm_id(obj));
}

void stm_set_prebuilt_identityhash(object_t *obj, long hash)
{
    if (!in_old_area((uintptr_t)obj))
        stm_fatal("stm_set_prebuilt_identityhash(): %p is not a prebuilt "
                  "object",
                  (void *)obj);
    addrmap_put(&prebuilt_hashes, (uintptr_t)obj, (uintptr_t)hash);
    obj->stm_flags |= GCFLAG_HAS_PREBUILT_HASH;
}

long stm_can_move(object_t *obj)
{
    return in_nursery((uintptr_t)obj);
}

/* ------------------------------------------------------------- testing */

#ifdef STM_TESTS
bool _stm_in_nursery(object_t *obj)
{
    return in_nursery((uintptr_t)obj);
}

bool _stm_in_transaction(stm_thread_local_t *tl)
{
    return _stm_gil_segment.running_thread == tl;
}

void _stm_test_switch(stm_thread_local_t *tl)
{
    (void)tl;
}

uint64_t _stm_total_allocated(void)
{
    return gcpage_bytes_in_use();
}

bool _stm_is_live_old_object(object_t *obj)
{
    return in_old_area((uintptr_t)obj) && gcpage_is_allocated((uintptr_t)obj);
}
#endif
