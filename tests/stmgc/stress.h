/* stress.h -- shared scaffolding of the multi-threaded stress programs:
 * thread start-up in the c7 style, a time budget (STRESS_SECONDS,
 * default 2; longer runs with a bigger value), the thread count
 * (STRESS_THREADS, default 4: more threads than this machine's cores),
 * xorshift random numbers, and a failure exit. */
#ifndef STRESS_H
#define STRESS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "testobj.h"

static __thread stm_thread_local_t stl;
static _Atomic int stress_stop;
static _Atomic long stress_commits, stress_aborts;

#define STRESS_CHECK(cond, ...)                                               \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "FAILED %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                     \
            fprintf(stderr, "\n");                                            \
            exit(1);                                                          \
        }                                                                     \
    } while (0)

static inline uint64_t xorshift(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

static inline double stress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int env_int(const char *name, int dflt)
{
    const char *s = getenv(name);
    return s && *s ? atoi(s) : dflt;
}

/* The start and end of a worker thread, in the c7 style (macros: the
   rewind frame must be the worker's own). */
#define STRESS_THREAD_ENTER(rjbuf)                 \
    do {                                           \
        stm_register_thread_local(&stl);           \
        stm_rewind_jmp_enterframe(&stl, &(rjbuf)); \
    } while (0)

#define STRESS_THREAD_LEAVE(rjbuf, commits, aborts)   \
    do {                                              \
        stm_rewind_jmp_leaveframe(&stl, &(rjbuf));    \
        stm_unregister_thread_local(&stl);            \
        atomic_fetch_add(&stress_commits, (commits)); \
        atomic_fetch_add(&stress_aborts, (aborts));   \
    } while (0)

/* A worker thread: until the time is up, transactions that each run
   'body' with a fresh random number (drawn before the transaction starts,
   so that a retry after an abort makes the same choice), then
   'committed' (if not NULL) once the transaction committed. */
static __attribute__((unused)) void *
stress_worker_then(long thread, void (*body)(uint64_t r),
                   void (*committed)(void))
{
    rewind_jmp_buf rjbuf;
    uint64_t seed = 0x9E3779B97F4A7C15ULL * (uint64_t)(thread + 1);
    long commits = 0, aborts = 0;
    STRESS_THREAD_ENTER(rjbuf);
    while (!atomic_load(&stress_stop)) {
        uint64_t r = xorshift(&seed);
        aborts += stm_start_transaction(&stl);
        body(r);
        stm_commit_transaction();
        commits++;
        if (committed != NULL)
            committed();
    }
    STRESS_THREAD_LEAVE(rjbuf, commits, aborts);
    return NULL;
}

static __attribute__((unused)) void *stress_worker(long thread,
                                                   void (*body)(uint64_t r))
{
    return stress_worker_then(thread, body, NULL);
}

/* main(): set up the library and this thread around the whole run. */
#define STRESS_MAIN_ENTER(rjbuf)    \
    do {                            \
        stm_setup();                \
        STRESS_THREAD_ENTER(rjbuf); \
    } while (0)

#ifdef STMGC_GIL
#    define STRESS_CHECK_PAGE_MASKS() ((void)0)
#else
#    define STRESS_CHECK_PAGE_MASKS()                                 \
        do {                                                          \
            long bad = _stm_count_unmarked_private_pages();           \
            if (bad != 0) {                                           \
                fprintf(stderr,                                       \
                        "FAIL: %ld private page copies missing from " \
                        "the masks\n",                                \
                        bad);                                         \
                exit(1);                                              \
            }                                                         \
        } while (0)
#endif

/* ends with the check that every private page copy is in the masks */
#define STRESS_MAIN_LEAVE(rjbuf)          \
    do {                                  \
        STM_POP_ROOT_DROP(stl);           \
        STRESS_THREAD_LEAVE(rjbuf, 0, 0); \
        STRESS_CHECK_PAGE_MASKS();        \
        stm_teardown();                   \
    } while (0)

/* Runs 'body(thread_index)' on every thread for the time budget. */
static void stress_run(void *(*body)(void *), int *nthreads_out)
{
    int n = env_int("STRESS_THREADS", 4);
    double seconds = env_int("STRESS_SECONDS", 2);
    pthread_t th[256];
    if (n > 256)
        n = 256;
    for (long i = 0; i < n; i++)
        if (pthread_create(&th[i], NULL, body, (void *)i) != 0) {
            perror("pthread_create");
            exit(1);
        }
    double end = stress_now() + seconds;
    while (stress_now() < end) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    atomic_store(&stress_stop, 1);
    for (int i = 0; i < n; i++)
        pthread_join(th[i], NULL);
    *nthreads_out = n;
}

#endif
