/* segments.c -- which thread runs in which segment, and the signals
 * between them.
 *
 * A thread owns a segment for the duration of one transaction; %gs then
 * points at that segment, so object pointers resolve into its view.
 * Ownership is a CAS on segment->owner, so threads that keep using
 * their own segment never touch a shared cache line.  Outside a
 * transaction %gs points at segment 0, whose info page says "no
 * transaction": a barrier or allocation there ends in a clear error.
 *
 * Other threads ask a segment's owner to do something (abort, pause for
 * a global collection) by setting a flag and then lowering its
 * nursery_end below _STM_NSE_SIGNAL_MAX: the owner's next allocation or
 * stm_safe_point() takes the slow path and looks at the flags.  The
 * owner re-checks the flags after restoring nursery_end, so a signal is
 * never lost in between. */
#include "core.h"

#include <asm/prctl.h>
#include <sched.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <time.h>

static pthread_mutex_t sync_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sync_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t segment_freed_cond = PTHREAD_COND_INITIALIZER;
static _Atomic int segment_waiters;
static _Atomic int sync_leader;  /* segment num of the stopping thread */
static uint64_t sync_generation; /* one per stop, under sync_lock */
static int fsgsbase_state;       /* 0 unknown, 1 available, -1 not */
static __thread char *current_gs_base;

void set_gs_to_segment(long num)
{
    char *base = get_segment(num)->base;
    if (current_gs_base == base)
        return;
    if (fsgsbase_state == 0) {
        /* the wrgsbase instruction where the kernel allows it (Linux 5.9+
           and a CPU with FSGSBASE), else the system call; the variable
           STMGC_NO_FSGSBASE=1 forces the system call (tests) */
        bool forced_off = stm_env_flag("STMGC_NO_FSGSBASE");
        fsgsbase_state = !forced_off && (getauxval(AT_HWCAP2) & 2) ? 1 : -1;
    }
    if (fsgsbase_state > 0)
        __asm__ volatile("wrgsbase %0" ::"r"(base) : "memory");
    else if (syscall(SYS_arch_prctl, ARCH_SET_GS, base) != 0)
        stm_fatal_errno("arch_prctl(ARCH_SET_GS)");
    current_gs_base = base;
}

bool sync_requested(void)
{
    return atomic_load(&sync_leader) != 0;
}

bool sync_requested_by_other(struct segment *seg)
{
    int leader = atomic_load(&sync_leader);
    return leader != 0 && leader != seg->num;
}

void signal_segment(struct segment *seg)
{
    atomic_thread_fence(memory_order_seq_cst);
    ((_Atomic uintptr_t *)&seg->pub->nursery_end)[0] = _STM_NSE_SIGNAL_ABORT;
}

void restore_nursery_end(struct segment *seg)
{
    /* an exchange is a full barrier on x86, cheaper than store + mfence */
    atomic_exchange((_Atomic uintptr_t *)&seg->pub->nursery_end,
                    seg->real_nursery_end);
    if (atomic_load(&seg->must_abort) != AR_NONE ||
        sync_requested_by_other(seg))
        signal_segment(seg);
}

static bool try_take(struct segment *seg, stm_thread_local_t *tl)
{
    stm_thread_local_t *expected = NULL;
    return atomic_compare_exchange_strong(&seg->owner, &expected, tl);
}

/* A thread keeps the segment it had (its private pages are there);
   otherwise a free segment that already takes part in the log comes
   before one that does not: every participant must be kept up to date,
   and one left idle costs the log trimmer a copy of every commit (and
   memory for its private pages), so short-lived threads must not make
   the set grow. */
static int try_take_any(stm_thread_local_t *tl)
{
    int preferred = tl->last_associated_segment_num;
    if (preferred >= 1 && preferred <= NB_SEGMENTS) {
        struct segment *seg = get_segment(preferred);
        if (try_take(seg, tl))
            return preferred;
        /* the log borrows idle segments for a moment: wait for ours
           rather than make another segment a participant */
        for (int round = 0; round < 10000 && log_segment_borrowed(seg); round++)
            __builtin_ia32_pause();
        if (try_take(seg, tl))
            return preferred;
    }
    for (int pass = 0; pass < 2; pass++)
        for (int i = 1; i <= NB_SEGMENTS; i++) {
            struct segment *seg = get_segment(i);
            if (i != preferred && seg->participant == (pass == 0) &&
                try_take(seg, tl))
                return i;
        }
    return 0;
}

void give_back_segment(struct segment *seg)
{
    atomic_store(&seg->owner, NULL);
    if (atomic_load(&segment_waiters) > 0) {
        pthread_mutex_lock(&sync_lock);
        pthread_cond_broadcast(&segment_freed_cond);
        pthread_mutex_unlock(&sync_lock);
    }
}

void acquire_segment(stm_thread_local_t *tl)
{
    int num;
    for (;;) {
        if (!sync_requested()) {
            num = try_take_any(tl);
            if (num != 0) {
                /* the CAS ordered our ownership before this load */
                if (!sync_requested())
                    break;
                give_back_segment(
                    get_segment(num)); /* a sync started meanwhile */
            }
        }
        stm_timing_event(tl, STM_WAIT_FREE_SEGMENT);
        pthread_mutex_lock(&sync_lock);
        atomic_fetch_add(&segment_waiters, 1);
        while (sync_requested() || (num = try_take_any(tl)) == 0)
            pthread_cond_wait(&segment_freed_cond, &sync_lock);
        atomic_fetch_sub(&segment_waiters, 1);
        pthread_mutex_unlock(&sync_lock);
        stm_timing_event(tl, STM_WAIT_DONE);
        break;
    }
    struct segment *seg = get_segment(num);
    tl->associated_segment_num = num;
    tl->last_associated_segment_num = num;
    seg->pub->running_thread = tl;
    set_gs_to_segment(num);
    if (!seg->participant)
        log_join(seg);
}

char *stm_segment_base_of(stm_thread_local_t *tl)
{
    int num = tl->associated_segment_num;
    return num > 0 ? get_segment(num)->base : NULL;
}

void release_segment(stm_thread_local_t *tl)
{
    struct segment *seg = get_segment(tl->associated_segment_num);
    seg->pub->running_thread = NULL;
    tl->associated_segment_num = -1;
#ifdef STM_DEBUG
    /* catch barriers used outside a transaction (wrgsbase costs a few
       dozen cycles, so release builds keep %gs where it is) */
    set_gs_to_segment(0);
#endif
    give_back_segment(seg);
}

/* Waiting at a safe point while another thread has the world stopped.
   A leader counts this segment as stopped only once it acknowledged the
   leader's own generation, after validating against the log that the
   leader froze: a thread still asleep from an earlier stop must validate
   again, or the new leader would apply newer commits under its running
   transaction without looking for conflicts. */
static void pause_for_sync(struct segment *seg)
{
    for (;;) {
        if (seg->state != TS_NONE)
            minor_collection(false);
        if (!validate_segment(seg))
            abort_with_reason(AR_WRITE_READ);
        pthread_mutex_lock(&sync_lock);
        if (!sync_requested_by_other(seg)) {
            pthread_mutex_unlock(&sync_lock);
            return;
        }
        uint64_t generation = sync_generation;
        atomic_store(&seg->paused_generation, generation);
        pthread_cond_broadcast(&sync_cond);
        pthread_mutex_unlock(&sync_lock);
        stm_timing_event(seg->pub->running_thread, STM_WAIT_SYNC_PAUSE);
        pthread_mutex_lock(&sync_lock);
        while (sync_requested_by_other(seg) && sync_generation == generation)
            pthread_cond_wait(&sync_cond, &sync_lock);
        bool again = sync_requested_by_other(seg);
        pthread_mutex_unlock(&sync_lock);
        stm_timing_event(seg->pub->running_thread, STM_WAIT_DONE);
        if (!again)
            return;
    }
}

void handle_safe_point_requests(void)
{
    struct segment *seg = current_segment();
    for (;;) {
        int reason = atomic_load(&seg->must_abort);
        if (reason != AR_NONE &&
            (seg->state == TS_REGULAR || seg->state == TS_ABORT_PENDING))
            abort_with_reason(reason);
        if (sync_requested_by_other(seg)) {
            pause_for_sync(seg);
            continue;
        }
        break;
    }
    restore_nursery_end(seg);
}

void _stm_collectable_safe_point(void)
{
    if (STM_SEGMENT->running_thread == NULL)
        _stm_fatal_outside_transaction("stm_safe_point");
    handle_safe_point_requests();
}

#ifdef STM_TESTS
/* Deterministic tests run several transactions on one OS thread: those
   switched out sit between two API calls, which is a safe point, but they
   cannot run the pause themselves, so the leader does it in their place. */
static bool pause_switched_out(struct segment *seg, struct segment *leader)
{
    stm_thread_local_t *owner = atomic_load(&seg->owner);
    if (stm_test_active_tl == NULL || owner == NULL ||
        owner == stm_test_active_tl || owner->_private == NULL)
        return false;
    if (atomic_load(&seg->paused_generation) == sync_generation)
        return true;
    set_gs_to_segment(seg->num);
    if (seg->state == TS_REGULAR || seg->state == TS_INEVITABLE)
        minor_collection(false);
    if (!validate_segment(seg))
        abort_remotely(seg, AR_WRITE_READ);
    set_gs_to_segment(leader->num);
    atomic_store(&seg->paused_generation, sync_generation);
    return true;
}
#else
static bool pause_switched_out(struct segment *seg, struct segment *leader)
{
    (void)seg;
    (void)leader;
    return false;
}
#endif

void stop_other_threads(struct segment *leader)
{
    pthread_mutex_lock(&sync_lock);
    if (atomic_load(&sync_leader) != 0)
        stm_fatal("internal error: two threads stopping the world");
    atomic_store(&sync_leader, leader->num);
    sync_generation++;
    for (;;) {
        bool all_stopped = true;
        for (int i = 1; i <= NB_SEGMENTS; i++) {
            struct segment *seg = get_segment(i);
            if (seg == leader || atomic_load(&seg->owner) == NULL ||
                atomic_load(&seg->paused_generation) == sync_generation ||
                pause_switched_out(seg, leader))
                continue;
            signal_segment(seg);
            all_stopped = false;
        }
        if (all_stopped)
            break;
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += 200 * 1000;
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&sync_cond, &sync_lock, &deadline);
    }
    pthread_mutex_unlock(&sync_lock);
}

void resume_other_threads(void)
{
    pthread_mutex_lock(&sync_lock);
    atomic_store(&sync_leader, 0);
    pthread_cond_broadcast(&sync_cond);
    pthread_cond_broadcast(&segment_freed_cond);
    pthread_mutex_unlock(&sync_lock);
}

/* Polling wait used by every "wait for another transaction" loop: the
   waiter stays responsive to abort and sync requests. */
void stm_backoff_wait(int *round)
{
    if (*round < 10) {
        sched_yield();
    } else {
        struct timespec ts = {0, (*round < 50 ? 20 : 200) * 1000};
        nanosleep(&ts, NULL);
    }
    (*round)++;
}

/* fork(), in the child: the threads that are gone may have held the
   lock or waited on the conditions. */
void segments_fork_child_reset(void)
{
    pthread_mutex_init(&sync_lock, NULL);
    pthread_cond_init(&sync_cond, NULL);
    pthread_cond_init(&segment_freed_cond, NULL);
    atomic_store(&segment_waiters, 0);
}
