/* events_threads.c -- the profiling events that need real threads: a
 * thread waiting for a free segment, a thread paused by another's major
 * collection, and a commit waiting for another thread's inevitable
 * transaction (with both threads' markers).
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "testobj.h"

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                          \
        }                                                                     \
    } while (0)

static __thread stm_thread_local_t tl;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    stm_thread_local_t *tl;
    enum stm_event_e event;
    stm_loc_marker_t markers[2];
} seen[4096];
static _Atomic int nb_seen;
static _Atomic int waiting_for_segment, paused;

static void record(stm_thread_local_t *t, enum stm_event_e e,
                   stm_loc_marker_t *m)
{
    pthread_mutex_lock(&lock);
    int i = atomic_load(&nb_seen);
    if (i < 4096) {
        seen[i].tl = t;
        seen[i].event = e;
        if (m) {
            seen[i].markers[0] = m[0];
            seen[i].markers[1] = m[1];
        }
        atomic_store(&nb_seen, i + 1);
    }
    pthread_mutex_unlock(&lock);
    if (e == STM_WAIT_FREE_SEGMENT)
        atomic_store(&waiting_for_segment, 1);
    if (e == STM_WAIT_SYNC_PAUSE)
        atomic_store(&paused, 1);
}

/* index of the first 'event' of thread 't' at or after 'from', or -1 */
static int find(stm_thread_local_t *t, enum stm_event_e event, int from)
{
    for (int i = from; i < atomic_load(&nb_seen); i++)
        if (seen[i].event == event && (t == NULL || seen[i].tl == t))
            return i;
    return -1;
}

/* ---------------------------------------------- waiting for a segment */

static _Atomic int holders_ready;
static stm_thread_local_t *waiter_tl;

static void *holder(void *arg)
{
    (void)arg;
    rewind_jmp_buf rj;
    stm_register_thread_local(&tl);
    stm_rewind_jmp_enterframe(&tl, &rj);
    stm_start_transaction(&tl);
    atomic_fetch_add(&holders_ready, 1);
    while (!atomic_load(&waiting_for_segment)) {
        stm_safe_point();
        sched_yield();
    }
    stm_commit_transaction();
    stm_rewind_jmp_leaveframe(&tl, &rj);
    stm_unregister_thread_local(&tl);
    return NULL;
}

static void *segment_waiter(void *arg)
{
    (void)arg;
    rewind_jmp_buf rj;
    stm_register_thread_local(&tl);
    waiter_tl = &tl;
    stm_rewind_jmp_enterframe(&tl, &rj);
    stm_start_transaction(&tl);
    stm_commit_transaction();
    stm_rewind_jmp_leaveframe(&tl, &rj);
    stm_unregister_thread_local(&tl);
    return NULL;
}

static void test_wait_free_segment(void)
{
    /* with every segment taken, one more thread must wait for one */
    pthread_t th[STM_NB_SEGMENTS + 1];
    for (int i = 0; i < STM_NB_SEGMENTS; i++)
        pthread_create(&th[i], NULL, holder, NULL);
    while (atomic_load(&holders_ready) < STM_NB_SEGMENTS)
        sched_yield();
    pthread_create(&th[STM_NB_SEGMENTS], NULL, segment_waiter, NULL);
    for (int i = 0; i <= STM_NB_SEGMENTS; i++)
        pthread_join(th[i], NULL);
    int w = find(waiter_tl, STM_WAIT_FREE_SEGMENT, 0);
    CHECK(w >= 0);
    int done = find(waiter_tl, STM_WAIT_DONE, w);
    CHECK(done > w);
    CHECK(find(waiter_tl, STM_TRANSACTION_START, done) > done);
    printf("ok   wait free segment\n");
}

/* ------------------------------------------ paused by a collection */

static _Atomic int runner_ready;
static stm_thread_local_t *runner_tl;

static void *runner(void *arg)
{
    (void)arg;
    rewind_jmp_buf rj;
    stm_register_thread_local(&tl);
    runner_tl = &tl;
    stm_rewind_jmp_enterframe(&tl, &rj);
    stm_start_transaction(&tl);
    atomic_store(&runner_ready, 1);
    while (!atomic_load(&paused)) {
        stm_safe_point();
        sched_yield();
    }
    stm_commit_transaction();
    stm_rewind_jmp_leaveframe(&tl, &rj);
    stm_unregister_thread_local(&tl);
    return NULL;
}

static void test_sync_pause(void)
{
    pthread_t th;
    pthread_create(&th, NULL, runner, NULL);
    while (!atomic_load(&runner_ready))
        sched_yield();
    rewind_jmp_buf rj;
    stm_register_thread_local(&tl);
    stm_rewind_jmp_enterframe(&tl, &rj);
    stm_start_transaction(&tl);
    stm_collect(1); /* stops the runner at its next safe point */
    stm_commit_transaction();
    stm_rewind_jmp_leaveframe(&tl, &rj);
    stm_unregister_thread_local(&tl);
    pthread_join(th, NULL);
    int p = find(runner_tl, STM_WAIT_SYNC_PAUSE, 0);
    CHECK(p >= 0);
    CHECK(find(runner_tl, STM_WAIT_DONE, p) > p);
    CHECK(find(NULL, STM_GC_MAJOR_START, 0) >= 0);
    printf("ok   wait sync pause\n");
}

/* ---------------------------- waiting for an inevitable transaction */

static object_t *shared_obj;
static _Atomic int inevitable_ready, contention_seen;
static stm_thread_local_t *inevitable_tl, *writer_tl;

static void *inevitable_holder(void *arg)
{
    (void)arg;
    rewind_jmp_buf rj;
    stm_register_thread_local(&tl);
    inevitable_tl = &tl;
    stm_rewind_jmp_enterframe(&tl, &rj);
    stm_start_transaction(&tl);
    STM_PUSH_MARKER(tl, 71, shared_obj);
    stm_become_inevitable(&tl, "test");
    atomic_store(&inevitable_ready, 1);
    while (!atomic_load(&contention_seen)) {
        stm_safe_point();
        sched_yield();
    }
    STM_POP_MARKER(tl);
    stm_commit_transaction();
    stm_rewind_jmp_leaveframe(&tl, &rj);
    stm_unregister_thread_local(&tl);
    return NULL;
}

static void record_and_notice(stm_thread_local_t *t, enum stm_event_e e,
                              stm_loc_marker_t *m)
{
    record(t, e, m);
    if (e == STM_CONTENTION_INEVITABLE)
        atomic_store(&contention_seen, 1);
}

static void test_inevitable_contention(void)
{
    rewind_jmp_buf rj;
    stm_register_thread_local(&tl);
    writer_tl = &tl;
    stm_rewind_jmp_enterframe(&tl, &rj);
    shared_obj = new_old_node(0, 0);
    object_t *other = new_old_node(0, 0);
    stmcb_timing_event = record_and_notice;
    pthread_t th;
    pthread_create(&th, NULL, inevitable_holder, NULL);
    while (!atomic_load(&inevitable_ready))
        sched_yield();
    stm_start_transaction(&tl);
    STM_PUSH_MARKER(tl, 73, other);
    set_value(other, 1);
    STM_POP_MARKER(tl);
    STM_PUSH_MARKER(tl, 75, other);
    stm_commit_transaction(); /* waits for the inevitable one */
    tl.shadowstack -= 2;
    pthread_join(th, NULL);
    stm_rewind_jmp_leaveframe(&tl, &rj);
    stm_unregister_thread_local(&tl);
    int c = find(writer_tl, STM_CONTENTION_INEVITABLE, 0);
    CHECK(c >= 0);
    CHECK(seen[c].markers[0].odd_number == 75);
    CHECK(seen[c].markers[1].tl == inevitable_tl);
    CHECK(seen[c].markers[1].odd_number == 71);
    int w = find(writer_tl, STM_WAIT_CONTENTION, c);
    CHECK(w > c);
    CHECK(find(writer_tl, STM_WAIT_DONE, w) > w);
    printf("ok   contention inevitable, with both markers\n");
}

int main(void)
{
    stm_setup();
    stmcb_timing_event = record;
    test_wait_free_segment();
    test_sync_pause();
    test_inevitable_contention();
    stmcb_timing_event = NULL;
    stm_teardown();
    printf("events: every event that needs threads seen\n");
    return 0;
}
