/* transaction.c -- (transaction f args...) and (run-transactions): queued
 * calls run on worker threads, each call one transaction.
 *
 * Each worker owns a queue shard, a prebuilt container holding a cons
 * chain of cells (body . frame).  A worker fetches its next cell in a
 * small transaction that only touches its own shard: no fetch waits for
 * another worker's, unlike the original duhton's single queue taken under
 * an inevitable transaction.  An empty-handed worker takes a cell from
 * another shard in the same small transaction.
 *
 * Calls queued by a running transaction go to the thread's
 * thread_local_obj (which an abort puts back as it was) and reach the
 * shard in the next fetch: the long transaction never writes a shard, so
 * a thief can never make it abort.
 *
 * 'pending' counts cells queued and not yet finished: a worker adds what
 * its transaction queued minus the one it ran, after the commit, so the
 * count cannot reach zero while work exists; zero means everybody stops.
 */
#include "duhton.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int du_num_threads = STM_NB_SEGMENTS;
size_t du_stack_size = 64UL << 20;
__thread bool du_is_main_thread;

/* DUHTON_QUEUE=single: the original design, for measurements only: one
   queue, taken from in inevitable transactions (doc/duhton.md) */
static bool single_inevitable_queue;

static DuContainer **shards;
static int nb_shards;
static _Atomic long pending;
static __thread long queued_by_this_transaction;

void du_transaction_queue(DuObject *body, DuFrame *frame)
{
    DuObject *cell = du_cons_new(body, (DuObject *)frame);
    DuObject *chain = (DuObject *)du_tl.thread_local_obj;
    du_tl.thread_local_obj =
        (object_t *)du_cons_new(cell, chain != NULL ? chain : Du_None);
    queued_by_this_transaction++;
}

bool du_transactions_pending(void)
{
    return du_tl.thread_local_obj != NULL;
}

static void make_shards(int n)
{
    if (n <= nb_shards)
        return;
    shards = realloc(shards, n * sizeof(*shards));
    if (shards == NULL)
        du_fatal("out of memory (queue shards)");
    for (int i = nb_shards; i < n; i++) {
        /* a template per shard: stm_setup_prebuilt maps each static
           address to one heap object */
        struct du_container_s *t = calloc(1, sizeof(*t));
        if (t == NULL)
            du_fatal("out of memory (queue shards)");
        t->ob.type = DUTYPE_CONTAINER;
        shards[i] = (DuContainer *)stm_setup_prebuilt((object_t *)(uintptr_t)t);
        du_container_set((DuObject *)shards[i], Du_None);
    }
    nb_shards = n;
}

static void push_cell(int shard, DuObject *cell)
{
    DuObject *s = (DuObject *)shards[shard];
    DuObject *link = du_cons_new(cell, du_container_get(s));
    du_container_set(s, link);
}

/* Moves the cells this thread queued into the shards: all into 'shard',
   or with 'spread', round-robin from it.  Returns how many. */
static long move_queued(int shard, bool spread)
{
    long n = 0;
    while (du_tl.thread_local_obj != NULL &&
           (DuObject *)du_tl.thread_local_obj != Du_None) {
        push_cell(shard, du_car((DuObject *)du_tl.thread_local_obj));
        /* re-read: the push allocated, the chain may have moved */
        du_tl.thread_local_obj =
            (object_t *)du_cdr((DuObject *)du_tl.thread_local_obj);
        if (spread)
            shard = (shard + 1) % nb_shards;
        n++;
    }
    du_tl.thread_local_obj = NULL;
    return n;
}

static void idle_wait(unsigned *rounds)
{
    if (++*rounds < 64) {
        sched_yield();
        return;
    }
    struct timespec ts = {0, *rounds < 1024 ? 20000 : 500000};
    nanosleep(&ts, NULL);
}

/* Takes up to 'want' cells off shard w, or one from another shard.
   Returns the chain starting at the first taken cell and sets *taken;
   the chain goes on past them (cons cells never change, so sharing the
   tail with the shard is harmless). */
static DuObject *take_cells(int w, long want, long *taken)
{
    DuObject *s = (DuObject *)shards[w];
    DuObject *first = du_container_get(s), *rest = first;
    long n = 0;
    while (n < want && rest->type == DUTYPE_CONS) {
        rest = du_cdr(rest);
        n++;
    }
    if (n > 0) {
        du_container_set(s, rest);
        *taken = n;
        return first;
    }
    for (int i = 1; i < nb_shards; i++) {
        DuObject *other = (DuObject *)shards[(w + i) % nb_shards];
        DuObject *head = du_container_get(other);
        if (head->type == DUTYPE_CONS) {
            du_container_set(other, du_cdr(head));
            *taken = 1;
            return head;
        }
    }
    *taken = 0;
    return NULL;
}

/* The next cells for worker w, in one small transaction: publishes
   what its last transactions queued, then takes up to 'want' cells into
   the shadow-stack slot 'batch' (set inside the transaction: in the GIL
   build, objects may move as soon as it ends).  Returns false when all
   the work is done. */
static bool fetch(int w, long want, long *taken,
                  struct stm_shadowentry_s *batch)
{
    unsigned rounds = 0;
    if (single_inevitable_queue)
        w = 0, want = 1;
    while (1) {
        if (single_inevitable_queue)
            stm_start_inevitable_transaction(&du_tl);
        else
            stm_start_transaction(&du_tl);
        /* an aborted attempt may have left a young object there */
        batch->ss = (object_t *)Du_None;
        move_queued(w, false);
        DuObject *chain = take_cells(w, want, taken);
        bool found = chain != NULL;
        if (found)
            batch->ss = (object_t *)chain;
        stm_commit_transaction();
        if (found)
            return true;
        if (atomic_load(&pending) == 0)
            return false;
        idle_wait(&rounds);
    }
}

/* Short transactions are fetched several at a time: a fetch is a
   transaction of its own, with a commit that every other segment
   replays.  Long ones one at a time, so that no worker sits on work
   that an idle one could take. */
#define BATCH_MAX         32
#define SHORT_TRANSACTION 100000 /* time-stamp counter ticks: ~50 us */

static void *worker_main(void *arg)
{
    int w = (int)(intptr_t)arg;
    rewind_jmp_buf rjbuf;
    stm_register_thread_local(&du_tl);
    stm_rewind_jmp_enterframe(&du_tl, &rjbuf);
    du_thread_started();
    /* the chain of cells fetched last, kept alive by this shadow-stack
       slot; heap objects are only touched inside transactions (the GIL
       build moves them at any collection), so between transactions only
       the count of cells already run changes */
    DU_PUSH(Du_None);
    struct stm_shadowentry_s *batch = du_tl.shadowstack - 1;
    long batch_size = 1, batch_count = 0, batch_done = 0;
    while (1) {
        if (batch_done == batch_count) {
            if (!fetch(w, batch_size, &batch_count, batch))
                break;
            batch_done = 0;
        }
        uint64_t start = __builtin_ia32_rdtsc();
        stm_start_transaction(&du_tl);
        /* after an abort we come back here: the same cell again */
        queued_by_this_transaction = 0;
        DuObject *link = (DuObject *)batch->ss;
        for (long i = 0; i < batch_done; i++)
            link = du_cdr(link);
        DuObject *cell = du_car(link);
        du_progn(du_car(cell), du_cdr(cell));
        stm_commit_transaction();
        batch_done++;
        atomic_fetch_add(&pending, queued_by_this_transaction - 1);
        if (__builtin_ia32_rdtsc() - start < SHORT_TRANSACTION) {
            if (batch_size < BATCH_MAX)
                batch_size *= 2;
        } else {
            batch_size = 1;
        }
    }
    DU_DROP();
    stm_rewind_jmp_leaveframe(&du_tl, &rjbuf);
    stm_unregister_thread_local(&du_tl);
    return NULL;
}

pthread_t du_start_thread(void *(*fn)(void *), void *arg)
{
    pthread_attr_t attr;
    pthread_t th;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, du_stack_size);
    int err = pthread_create(&th, &attr, fn, arg);
    pthread_attr_destroy(&attr);
    if (err != 0)
        du_fatal("cannot start a thread (pthread_create: error %d)", err);
    return th;
}

/* In the main program's (inevitable) transaction: spread the queued
   calls over the shards, commit, let the workers run them all, start a
   new transaction.  Objects move at the commit: callers keep theirs on
   the shadow stack. */
void du_run_transactions(void)
{
    if (!du_is_main_thread)
        du_fatal("run-transactions: only the main program can run "
                 "transactions, not a transaction");
    if (!du_transactions_pending())
        return;
    const char *mode = getenv("DUHTON_QUEUE");
    single_inevitable_queue = mode != NULL && strcmp(mode, "single") == 0;
    make_shards(single_inevitable_queue ? 1 : du_num_threads);
    atomic_store(&pending, move_queued(0, true));
    stm_commit_transaction();

    pthread_t *threads = malloc(du_num_threads * sizeof(pthread_t));
    if (threads == NULL)
        du_fatal("out of memory (threads)");
    for (int i = 0; i < du_num_threads; i++)
        threads[i] = du_start_thread(worker_main, (void *)(intptr_t)i);
    for (int i = 0; i < du_num_threads; i++)
        pthread_join(threads[i], NULL);
    free(threads);

    stm_start_inevitable_transaction(&du_tl);
}
