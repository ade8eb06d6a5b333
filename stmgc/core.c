/* core.c -- transactions: start, commit, abort, the write barrier's slow
 * path, write-write contention and inevitability.
 *
 * Rules this file enforces (doc/stmgc.md explains why they suffice):
 *  - a transaction sees its segment's view, which only changes at its
 *    own validation points, so it never observes an inconsistent state;
 *  - before its first write to an old object it takes that object's write
 *    lock (one byte per 16 bytes of heap) and saves a backup copy, so an
 *    abort can restore the object;
 *  - a commit publishes new objects, then appends the modified objects to
 *    the commit log after validating against every earlier entry;
 *  - write-write contention: the older transaction (by first start time,
 *    kept across retries) wins; an inevitable one always wins.
 */
#include "core.h"
#include "gcpage.h"

#include <sys/mman.h>

/* Contention priority: the time a transaction first started.  The TSC is
   synchronized between cores on the CPUs we run on and costs no shared
   cache line; the segment number breaks ties. */
uint64_t stm_now_ticks(void)
{
    return __builtin_ia32_rdtsc();
}

/* Every 65535 transactions the read version wraps around: forget every
   marker of the old generation.  The nursery's markers are never
   consulted (nursery objects are private), so they are left alone, which
   saves refaulting them. */
void reset_read_markers(struct segment *seg)
{
    uintptr_t end = gcpage_high_water();
    if (end <= OLD_START)
        return;
    char *start = (char *)read_marker_in(seg->base, OLD_START);
    char *stop = (char *)read_marker_in(seg->base, end + 15);
    size_t len = ((uintptr_t)(stop - start) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    if (madvise(start, len, MADV_DONTNEED) != 0)
        stm_fatal_errno("madvise(MADV_DONTNEED) of the read markers");
}


static void start_transaction_in_segment(stm_thread_local_t *tl, bool retrying)
{
    stm_check_can_start(tl);
    acquire_segment(tl);
    struct segment *seg = current_segment();
    struct stm_tl_private_s *p = tl->_private;

    if (++seg->pub->transaction_read_version == 0) {
        reset_read_markers(seg);
        seg->pub->transaction_read_version = 1;
    }
    seg->state = TS_NONE;
    validate_segment(seg);
    atomic_store_explicit(&seg->must_abort, AR_NONE, memory_order_relaxed);
    if (sync_requested())
        handle_safe_point_requests();
    if (seg->allocated_since_check > MAJOR_CHECK_BYTES) {
        seg->allocated_since_check = 0;
        maybe_major_collection();
    }

    if (!retrying)
        p->first_start_time = stm_now_ticks();
    p->thread_local_obj_at_start = tl->thread_local_obj;
    seg->start_time = p->first_start_time;
    seg->state = TS_REGULAR;
    stm_timing_event_at(tl, STM_TRANSACTION_START,
                        retrying ? 0 : p->first_start_time);
    if (stm_gc_stress)
        seg->real_nursery_end = NURSERY_START; /* every allocation collects */
    restore_nursery_end(seg);
}

long stm_start_transaction(stm_thread_local_t *tl)
{
    stm_check_can_start(tl);
    if (tl->rjthread.head == NULL)
        stm_fatal("stm_start_transaction() needs a frame registered with "
                  "stm_rewind_jmp_enterframe() in an enclosing function");
    long repeat = stm_rewind_jmp_setjmp(tl);
    start_transaction_in_segment(tl, repeat > 0);
    struct stm_tl_private_s *p = tl->_private;
    /* progress guarantee: a transaction that keeps losing runs
       inevitably, where nothing can abort it */
    if (p->consecutive_aborts >= 10)
        _stm_become_inevitable("too many aborts in a row");
    return repeat;
}

void stm_start_inevitable_transaction(stm_thread_local_t *tl)
{
    start_transaction_in_segment(tl, false);
    struct segment *seg = current_segment();
    log_freeze(seg);
    seg->state = TS_INEVITABLE;
}

static void invoke_and_clear_callbacks(struct list *callbacks)
{
    /* a callback may register others: iterate by index */
    for (size_t i = 0; i + 1 < callbacks->count; i += 2) {
        void (*cb)(void *) = (void (*)(void *))callbacks->items[i + 1];
        if (cb != NULL)
            cb((void *)callbacks->items[i]);
    }
    list_clear(callbacks);
}

/* Everything the transaction collected, forgotten (after commit/abort). */
void reset_transaction_data(struct segment *seg)
{
    list_clear(&seg->modified_old);
    list_clear(&seg->backups);
    list_clear(&seg->old_pointing_to_nursery);
    list_clear(&seg->young_outside);
    list_clear(&seg->young_dirty);
    list_clear(&seg->fresh_outside);
    list_clear(&seg->commit_survivors);
    list_clear(&seg->young_ids);
    if (seg->young_id_index.count != 0)
        addrmap_free(&seg->young_id_index);
    list_clear(&seg->on_abort);
    list_clear(&seg->on_commit);
    free_backups(seg, false);
}

static void release_write_locks(struct segment *seg)
{
    uintptr_t obj;
    LIST_FOREACH(&seg->modified_old, obj)
    {
        /* release order: our commit entry is visible before the lock
           looks free */
        atomic_store_explicit((_Atomic uint8_t *)write_lock_of(obj), 0,
                              memory_order_release);
    }
}

void stm_commit_transaction(void)
{
    struct segment *seg = current_segment();
    stm_thread_local_t *tl = seg->pub->running_thread;
    if (tl == NULL || seg->state == TS_NONE)
        _stm_fatal_outside_transaction("stm_commit_transaction");
    if (atomic_load(&seg->must_abort) != AR_NONE)
        handle_safe_point_requests();

    /* 1. survivors of the nursery go straight to the master */
    minor_collection(true);

    /* 2. young objects outside the nursery become old: the dirty ones
       are copied from our view to the master, the others are there
       already and only need their flags changed (nursery.c) */
    uintptr_t obj;
    LIST_FOREACH(&seg->young_outside, obj)
    {
        struct object_s *h = (struct object_s *)REAL_ADDRESS(seg->base, obj);
        uint32_t flags =
            (h->stm_flags & ~(GCFLAG_YOUNG_OUTSIDE | GCFLAG_YOUNG_DIRTY)) |
            GCFLAG_WRITE_BARRIER;
        if (h->stm_flags & GCFLAG_YOUNG_DIRTY) {
            h->stm_flags = flags;
            memcpy(REAL_ADDRESS(master_base(), obj), h,
                   object_size_in(seg->base, obj));
        } else {
            ((struct object_s *)REAL_ADDRESS(master_base(), obj))->stm_flags =
                flags;
        }
    }
    if (!list_is_empty(&seg->young_outside)) {
        atomic_thread_fence(memory_order_seq_cst); /* see pages.c */
        LIST_FOREACH(&seg->young_outside, obj)
        {
            /* the clean ones' new flags reach our view here too */
            publish_new_object(obj, object_size_in(master_base(), obj), 0);
        }
    }

    /* 3. modified old objects: through the log */
    if (!list_is_empty(&seg->modified_old)) {
        LIST_FOREACH(&seg->modified_old, obj)
        {
            ((struct object_s *)REAL_ADDRESS(seg->base, obj))->stm_flags |=
                GCFLAG_WRITE_BARRIER;
        }
        struct commit_entry *entry = entry_for_modified_objects(seg);
        if (!log_append(seg, entry)) {
            free_log_entry(entry);
            abort_with_reason(AR_WRITE_READ);
        }
        release_write_locks(seg);
    } else if (seg->state == TS_INEVITABLE) {
        log_unfreeze(seg);
    }

    /* 4. done: the transaction is now part of history */
    stm_timing_event(tl, STM_TRANSACTION_COMMIT);
    weakrefs_transaction_done(seg, true);
    light_finalizers_transaction_done(seg, true);
    finalizers_transaction_done(seg, true);
    seg->state = TS_NONE;
    if (seg->globally_unique) {
        seg->globally_unique = false;
        resume_other_threads();
    }
    seg->nb_commits++;
    tl->_private->consecutive_aborts = 0;
    stm_rewind_jmp_forget(tl);
    list_clear(&seg->on_abort);
    /* the callbacks run after the segment is released */
    struct list callbacks = seg->on_commit;
    seg->on_commit = (struct list){0};
    reset_transaction_data(seg);
    release_segment(tl);
    if (!list_is_empty(&callbacks))
        invoke_and_clear_callbacks(&callbacks);
    list_free(&callbacks);
    run_pending_finalizers(tl);
}

/* Undo the transaction's effects on the heap: restore the objects it
   modified, release their locks, free the objects it created. */
static void abort_data_of(struct segment *seg)
{
    for (size_t i = 0; i < seg->modified_old.count; i++) {
        uintptr_t obj = seg->modified_old.items[i];
        size_t *backup = (size_t *)seg->backups.items[i];
        memcpy(REAL_ADDRESS(seg->base, obj), backup + 1, backup[0]);
    }
    release_write_locks(seg);

    clear_marked_cards(seg);
    /* the transaction's objects die: finalize them while readable */
    light_finalizers_transaction_done(seg, false);
    weakrefs_transaction_done(seg, false);
    finalizers_transaction_done(seg, false);
    uintptr_t obj;
    LIST_FOREACH(&seg->young_outside, obj)
    {
        gcpage_free(seg->num, obj);
    }
    LIST_FOREACH(&seg->commit_survivors, obj)
    {
        gcpage_free(seg->num, obj);
    }
    for (size_t i = 1; i < seg->young_ids.count; i += 2)
        gcpage_free(seg->num, seg->young_ids.items[i]);
    nursery_reset_after_abort(seg);

    struct list on_abort = seg->on_abort;
    seg->on_abort = (struct list){0};
    reset_transaction_data(seg);
    list_free(&seg->on_abort);
    seg->on_abort = on_abort;
}

/* Undo everything and jump back to stm_start_transaction(). */
void abort_with_reason(enum abort_reason reason)
{
    struct segment *seg = current_segment();
    stm_thread_local_t *tl = seg->pub->running_thread;
    if (tl == NULL)
        _stm_fatal_outside_transaction("stm_abort_transaction");
    if (seg->state == TS_INEVITABLE || !rewind_jmp_armed(&tl->rjthread)) {
        if (reason == AR_USER)
            stm_fatal("stm_abort_transaction() called in an inevitable "
                      "transaction: an inevitable transaction cannot abort");
        stm_fatal("internal error: an inevitable transaction cannot abort "
                  "(reason %d)",
                  (int)reason);
    }
    if (reason == AR_WRITE_READ)
        stm_timing_contention(tl, STM_CONTENTION_WRITE_READ, NULL);
    stm_timing_event(tl, STM_TRANSACTION_ABORT);
    if (seg->state != TS_ABORT_PENDING)
        abort_data_of(seg);

    if (tl->mem_clear_on_abort != NULL)
        memset(tl->mem_clear_on_abort, 0, tl->mem_bytes_to_clear_on_abort);
    tl->thread_local_obj = tl->_private->thread_local_obj_at_start;

    seg->state = TS_NONE;
    seg->nb_aborts++;
    tl->_private->consecutive_aborts++;
    atomic_store(&seg->must_abort, AR_NONE);
    struct list callbacks = seg->on_abort;
    seg->on_abort = (struct list){0};
    reset_transaction_data(seg);
    release_segment(tl);
    invoke_and_clear_callbacks(&callbacks);
    list_free(&callbacks);

    stm_rewind_jmp_restore_shadowstack(tl);
    stm_rewind_jmp_longjmp(tl);
}

/* fork(), in the child: the transaction of a thread that does not exist
   there any more never happened (no callbacks). */
void discard_transaction(struct segment *seg)
{
    stm_thread_local_t *tl = seg->pub->running_thread;
    if (seg->state != TS_NONE && seg->state != TS_ABORT_PENDING)
        abort_data_of(seg);
    seg->state = TS_NONE;
    reset_transaction_data(seg);
    if (tl != NULL)
        tl->associated_segment_num = -1;
    seg->pub->running_thread = NULL;
    atomic_store(&seg->owner, NULL);
}

/* Roll back the transaction of a segment whose thread is not running
   (tests only); it jumps back when it next reaches a safe point. */
void abort_remotely(struct segment *seg, enum abort_reason reason)
{
    abort_data_of(seg);
    seg->state = TS_ABORT_PENDING;
    atomic_store(&seg->must_abort, reason);
    signal_segment(seg);
}

#ifdef STM_TESTS
__thread stm_thread_local_t *stm_test_active_tl;

/* Deterministic tests run several transactions on one OS thread: one
   that is switched out cannot reach a safe point, so its data is aborted
   on its behalf; it jumps back when it is switched in again. */
static bool abort_switched_out(struct segment *other, enum abort_reason r)
{
    stm_thread_local_t *owner = atomic_load(&other->owner);
    if (stm_test_active_tl == NULL || owner == NULL ||
        owner == stm_test_active_tl || other->state != TS_REGULAR)
        return false;
    abort_remotely(other, r);
    return true;
}
#else
static bool abort_switched_out(struct segment *other, enum abort_reason r)
{
    (void)other;
    (void)r;
    return false;
}
#endif

void stm_abort_transaction(void)
{
    abort_with_reason(AR_USER);
}

/* Backups live in chunks that never move while the transaction runs:
   a block is the object's size followed by its bytes. */
struct backup_chunk {
    struct backup_chunk *prev;
    size_t used, capacity;
    char data[];
};

static size_t *save_backup(struct segment *seg, char *src, size_t size)
{
    size_t need = (sizeof(size_t) + size + 15) & ~15UL;
    struct backup_chunk *c = seg->backup_chunks;
    if (c == NULL || c->used + need > c->capacity) {
        size_t cap = 64 * 1024;
        while (cap < need)
            cap *= 2;
        struct backup_chunk *n = malloc(sizeof(*n) + cap);
        if (n == NULL)
            stm_fatal("out of memory saving a backup of %zu bytes", size);
        n->prev = c;
        n->used = 0;
        n->capacity = cap;
        seg->backup_chunks = c = n;
    }
    size_t *block = (size_t *)(c->data + c->used);
    c->used += need;
    block[0] = size;
    memcpy(block + 1, src, size);
    return block;
}

/* Keep the newest chunk for the next transaction, free the others. */
void free_backups(struct segment *seg, bool all)
{
    struct backup_chunk *c = seg->backup_chunks;
    if (c == NULL)
        return;
    struct backup_chunk *older = c->prev;
    while (older != NULL) {
        struct backup_chunk *prev = older->prev;
        free(older);
        older = prev;
    }
    c->prev = NULL;
    c->used = 0;
    if (all) {
        free(c);
        seg->backup_chunks = NULL;
    }
}

/* The write barrier's own safe point.  Unlike an allocation it must never
   move an object: callers hold pointers to young objects across
   stm_write() without the shadow stack.  So instead of pausing (which
   empties the nursery) for another thread's collection, a waiting
   transaction aborts and retries after it. */
static void write_barrier_safe_point(struct segment *seg)
{
    int reason = atomic_load(&seg->must_abort);
    bool can_abort = seg->state == TS_REGULAR || seg->state == TS_ABORT_PENDING;
    if (reason != AR_NONE && can_abort)
        abort_with_reason(reason);
    if (sync_requested_by_other(seg) && can_abort)
        abort_with_reason(AR_OTHER);
}

/* Decide a write-write conflict on 'obj', locked by 'owner_num'.
   Returns when the lock may be retried; aborts if we lose. */
static void write_write_contention(struct segment *seg, int owner_num,
                                   uintptr_t obj)
{
    struct segment *other = get_segment(owner_num);
    stm_thread_local_t *me = seg->pub->running_thread;
    stm_timing_contention(me, STM_CONTENTION_WRITE_WRITE,
                          other->pub->running_thread);
    bool we_win =
        seg->state == TS_INEVITABLE ||
        (other->state != TS_INEVITABLE && seg->start_time < other->start_time);
    _Atomic uint8_t *lock = (_Atomic uint8_t *)write_lock_of(obj);
    int round = 0;
    if (we_win) {
        stm_timing_event(me, STM_ABORTING_OTHER_CONTENTION);
        if (abort_switched_out(other, AR_WRITE_WRITE))
            return;
        /* the owner may abort and take the lock again in its retry before
           we get it: keep asking for as long as it holds it */
        stm_timing_event(me, STM_WAIT_CONTENTION);
        while (atomic_load(lock) == owner_num) {
            atomic_store(&other->must_abort, AR_WRITE_WRITE);
            signal_segment(other);
            write_barrier_safe_point(seg);
            stm_backoff_wait(&round);
        }
        stm_timing_event(me, STM_WAIT_DONE);
        return;
    }
    /* we lose: give the winner a moment, so that our retry does not run
       straight into the same lock again */
    stm_timing_event(me, STM_WAIT_CONTENTION);
    while (atomic_load(lock) == owner_num && round < 100) {
        write_barrier_safe_point(seg);
        stm_backoff_wait(&round);
    }
    stm_timing_event(me, STM_WAIT_DONE);
    abort_with_reason(AR_WRITE_WRITE);
}

/* The old object 'o' joins the transaction's write set: its write lock,
   a backup for an abort, its page made private.  Returns true if it was
   in the write set already. */
static bool take_for_writing(struct segment *seg, uintptr_t o,
                             struct object_s *h)
{
    _Atomic uint8_t *lock = (_Atomic uint8_t *)write_lock_of(o);
    for (;;) {
        uint8_t expected = 0;
        if (atomic_compare_exchange_strong(lock, &expected, (uint8_t)seg->num))
            break;
        if (expected == seg->num)
            return true;
        write_write_contention(seg, expected, o);
    }

    /* a write implies a read: conflicts with later commits of obj */
    *read_marker_in(seg->base, o) = seg->pub->transaction_read_version;
    size_t size = object_size_in(seg->base, o);
    list_append(&seg->backups, (uintptr_t)save_backup(seg, (char *)h, size));
    list_append(&seg->modified_old, o);
    mark_private_pages(seg, o, size);
    return false;
}

void _stm_write_slowpath(object_t *obj)
{
    struct segment *seg = current_segment();
    if (seg->num == 0 || seg->state == TS_NONE)
        _stm_fatal_outside_transaction("stm_write");
    write_barrier_safe_point(seg);
    uintptr_t o = (uintptr_t)obj;
    struct object_s *h = (struct object_s *)REAL_ADDRESS(seg->base, o);

    if (h->stm_flags & GCFLAG_YOUNG_OUTSIDE) {
        /* ours since this transaction began: only the GC must know, and
           the commit must copy it from our view (nursery.c) */
        if (!(h->stm_flags & GCFLAG_YOUNG_DIRTY)) {
            mark_private_pages(seg, o, object_size_in(seg->base, o));
            h->stm_flags |= GCFLAG_YOUNG_DIRTY;
            list_append(&seg->young_dirty, o);
        }
        list_append(&seg->old_pointing_to_nursery, o);
        h->stm_flags &= ~GCFLAG_WRITE_BARRIER;
        return;
    }
    if (!in_old_area(o))
        stm_fatal("stm_write(%p): not an object of the heap", (void *)o);

    /* (if it was ours already, only the flag came back after a minor
       collection) */
    take_for_writing(seg, o, h);
    list_append(&seg->old_pointing_to_nursery, o);
    h->stm_flags &= ~GCFLAG_WRITE_BARRIER;
}

/* Card marking (stmgc.h): an old object that supports cards becomes
   ours as with stm_write(), but keeps its write-barrier flag, and only
   the card is remembered for the next minor collection (nursery.c). */
void _stm_write_card_slowpath(object_t *obj, uintptr_t index)
{
    struct segment *seg = current_segment();
    if (seg->num == 0 || seg->state == TS_NONE)
        _stm_fatal_outside_transaction("stm_write_card");
    uintptr_t o = (uintptr_t)obj;
    struct object_s *h = (struct object_s *)REAL_ADDRESS(seg->base, o);
    if (stmcb_obj_supports_cards == NULL || stmcb_trace_cards == NULL ||
        (h->stm_flags & GCFLAG_YOUNG_OUTSIDE) || !in_old_area(o) ||
        !stmcb_obj_supports_cards(h)) {
        _stm_write_slowpath(obj);
        return;
    }
    write_barrier_safe_point(seg);
    take_for_writing(seg, o, h);
    uintptr_t card = index / STM_CARD_ITEMS;
    *read_marker_in(seg->base, o + 16 * (card + 1)) = 1;
    list_append(&seg->marked_cards, o);
    list_append(&seg->marked_cards, card);
}

void _stm_become_inevitable(const char *msg)
{
    (void)msg;
    struct segment *seg = current_segment();
    stm_thread_local_t *tl = seg->pub->running_thread;
    if (tl == NULL || seg->state == TS_NONE)
        _stm_fatal_outside_transaction("stm_become_inevitable");
    if (seg->state == TS_INEVITABLE)
        return;
    log_freeze(seg); /* may wait for another inevitable, or abort */
    seg->state = TS_INEVITABLE;
    stm_rewind_jmp_forget(tl);
    /* commit callbacks run now; abort callbacks can never run */
    list_clear(&seg->on_abort);
    struct list callbacks = seg->on_commit;
    seg->on_commit = (struct list){0};
    invoke_and_clear_callbacks(&callbacks);
    list_free(&callbacks);
}

void stm_become_globally_unique_transaction(stm_thread_local_t *tl,
                                            const char *msg)
{
    stm_become_inevitable(tl, msg);
    struct segment *seg = current_segment();
    if (!seg->globally_unique) {
        stop_other_threads(seg);
        seg->globally_unique = true;
    }
}

void stm_stop_all_other_threads(void)
{
    struct segment *seg = current_segment();
    stm_thread_local_t *tl = seg->pub->running_thread;
    if (tl == NULL)
        _stm_fatal_outside_transaction("stm_stop_all_other_threads");
    stm_become_inevitable(tl, "stop all other threads");
    stop_other_threads(seg);
}

void stm_resume_all_other_threads(void)
{
    resume_other_threads();
}

void stm_wait_for_current_inevitable_transaction(void)
{
    wait_while_log_frozen();
}

static long register_callback(struct list *callbacks, void *key,
                              void callback(void *))
{
    for (size_t i = 0; i < callbacks->count; i += 2) {
        if (callbacks->items[i] == (uintptr_t)key) {
            if (callback != NULL)
                return 0; /* one callback per key */
            callbacks->items[i + 1] = 0;
            return 1;
        }
    }
    if (callback == NULL)
        return 0;
    list_append(callbacks, (uintptr_t)key);
    list_append(callbacks, (uintptr_t)callback);
    return 1;
}

long stm_call_on_abort(stm_thread_local_t *tl, void *key, void callback(void *))
{
    struct segment *seg = current_segment();
    if (seg->pub->running_thread != tl || seg->state == TS_NONE)
        _stm_fatal_outside_transaction("stm_call_on_abort");
    if (seg->state == TS_INEVITABLE)
        return 0; /* can never abort */
    return register_callback(&seg->on_abort, key, callback);
}

long stm_call_on_commit(stm_thread_local_t *tl, void *key,
                        void callback(void *))
{
    struct segment *seg = current_segment();
    if (seg->pub->running_thread != tl || seg->state == TS_NONE)
        _stm_fatal_outside_transaction("stm_call_on_commit");
    if (seg->state == TS_INEVITABLE) {
        if (callback != NULL)
            callback(key);
        return callback != NULL;
    }
    return register_callback(&seg->on_commit, key, callback);
}
