/* bench_stmgc.c -- the stmgc micro-benchmarks, built twice: against
 * libstmgc (bench_stmgc) and libstmgc-gil (bench_stmgc_gil), so that the
 * harness (benchmarks/run_stmgc.py) can put them side by side.
 *
 *   bench_stmgc barriers            ns per barrier/allocation vs plain C
 *   bench_stmgc smalltx  THREADS    10 reads + 2 writes per transaction
 *   bench_stmgc timinglog [PATH]    the same on one thread, the timing log
 *                                   off and on in turn
 *   bench_stmgc parallel THREADS [TREES_PER_TRANSACTION]
 *                                   conflict-free, allocation-heavy work
 *   bench_stmgc hotspot  THREADS    everybody increments one counter
 *   bench_stmgc memory   MIB        a live heap of MIB MiB, then writes
 *   bench_stmgc hashtable THREADS   disjoint inserts into one hashtable,
 *                                   then lookups against a plain C table
 *
 * Each prints one line of "key=value" pairs; times are wall-clock.
 * BENCH_TIMING_LOG=FILE records every event with stm_set_timing_log():
 * the harness measures what the log costs.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../tests/stmgc/testobj.h"

static __thread stm_thread_local_t stl;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

/* Macros, not functions: the rewind frame registered must be the thread
   function's own, which stays alive while it runs transactions. */
#define ENTER_THREAD(rjbuf)                        \
    do {                                           \
        stm_register_thread_local(&stl);           \
        stm_rewind_jmp_enterframe(&stl, &(rjbuf)); \
    } while (0)

#define LEAVE_THREAD(rjbuf)                        \
    do {                                           \
        stm_rewind_jmp_leaveframe(&stl, &(rjbuf)); \
        stm_unregister_thread_local(&stl);         \
    } while (0)

static void run_threads(int n, void *(*fn)(void *))
{
    pthread_t th[64];
    for (long i = 0; i < n; i++)
        pthread_create(&th[i], NULL, fn, (void *)i);
    for (int i = 0; i < n; i++)
        pthread_join(th[i], NULL);
}

/* ------------------------------------------------------------ barriers */

#define NB_BARRIER_OBJS 1024
#define BARRIER_ROUNDS  20000

static volatile int64_t sink;

static void bench_barriers(void)
{
    rewind_jmp_buf rjbuf;
    ENTER_THREAD(rjbuf);
    object_t *objs[NB_BARRIER_OBJS];
    int64_t *plain = calloc(NB_BARRIER_OBJS, 16);
    for (int i = 0; i < NB_BARRIER_OBJS; i++)
        objs[i] = new_old_node(0, i);

    stm_start_inevitable_transaction(&stl);
    for (int i = 0; i < NB_BARRIER_OBJS; i++)
        stm_write(objs[i]); /* the slow path once: we time the fast one */
    long n = (long)NB_BARRIER_OBJS * BARRIER_ROUNDS;

    double t0 = now();
    int64_t acc = 0;
    for (int r = 0; r < BARRIER_ROUNDS; r++)
        for (int i = 0; i < NB_BARRIER_OBJS; i++) {
            stm_read(objs[i]);
            acc += NODE(objs[i])->value;
        }
    double t_read = now() - t0;
    sink = acc;

    t0 = now();
    for (int r = 0; r < BARRIER_ROUNDS; r++)
        for (int i = 0; i < NB_BARRIER_OBJS; i++) {
            stm_write(objs[i]);
            NODE(objs[i])->value = r;
        }
    double t_write = now() - t0;

    t0 = now();
    acc = 0;
    for (int r = 0; r < BARRIER_ROUNDS; r++)
        for (int i = 0; i < NB_BARRIER_OBJS; i++)
            acc += ((volatile int64_t *)plain)[2 * i];
    double t_plain_read = now() - t0;
    sink = acc;

    t0 = now();
    for (int r = 0; r < BARRIER_ROUNDS; r++)
        for (int i = 0; i < NB_BARRIER_OBJS; i++)
            ((volatile int64_t *)plain)[2 * i] = r;
    double t_plain_write = now() - t0;
    stm_commit_transaction();

    long nalloc = 20 * 1000 * 1000;
    stm_start_inevitable_transaction(&stl);
    t0 = now();
    for (long i = 0; i < nalloc; i++) {
        object_t *o = stm_allocate(16);
        NODE(o)->nrefs = 0;
    }
    double t_alloc = now() - t0;
    stm_commit_transaction();

    t0 = now();
    for (long i = 0; i < nalloc; i++) {
        void *p = malloc(16);
        *(volatile long *)p = 0;
        free(p);
    }
    double t_malloc = now() - t0;

    printf("read_ns=%.3f write_ns=%.3f alloc_ns=%.3f plain_read_ns=%.3f "
           "plain_write_ns=%.3f malloc_free_ns=%.3f\n",
           t_read * 1e9 / n, t_write * 1e9 / n, t_alloc * 1e9 / nalloc,
           t_plain_read * 1e9 / n, t_plain_write * 1e9 / n,
           t_malloc * 1e9 / nalloc);
    free(plain);
    LEAVE_THREAD(rjbuf);
}

/* --------------------------------------------------- small transactions */

#define SMALLTX_SHARED 64
static object_t *smalltx_shared; /* read by everyone */
static object_t *smalltx_private[64];
static long smalltx_count;
static _Atomic long total_aborts;

/* transactions number first .. first + n - 1; returns the aborts */
static long smalltx_run(object_t *mine, long first, long n)
{
    long aborts = 0;
    for (long i = first; i < first + n; i++) {
        aborts += stm_start_transaction(&stl);
        int64_t sum = 0;
        for (int k = 0; k < 10; k++)
            sum += get_value(get_ref(smalltx_shared, (i + k) % SMALLTX_SHARED));
        set_value(get_ref(mine, 0), sum);
        set_value(get_ref(mine, 1), i);
        stm_commit_transaction();
    }
    return aborts;
}

static void *smalltx_worker(void *arg)
{
    long id = (long)arg;
    rewind_jmp_buf rjbuf;
    ENTER_THREAD(rjbuf);
    long aborts = smalltx_run(smalltx_private[id], 0, smalltx_count);
    atomic_fetch_add(&total_aborts, aborts);
    LEAVE_THREAD(rjbuf);
    return NULL;
}

static void smalltx_setup(int threads)
{
    smalltx_shared = new_old_node(SMALLTX_SHARED, 0);
    STM_PUSH_ROOT(stl, smalltx_shared);
    for (int t = 0; t < threads; t++) {
        /* old from the start: the workers find them through a global */
        smalltx_private[t] = new_old_node(2, 0);
        STM_PUSH_ROOT(stl, smalltx_private[t]);
    }
    stm_start_inevitable_transaction(&stl);
    for (int i = 0; i < SMALLTX_SHARED; i++)
        set_ref(smalltx_shared, i, new_node(0, i));
    for (int t = 0; t < threads; t++) {
        set_ref(smalltx_private[t], 0, new_node(0, 0));
        set_ref(smalltx_private[t], 1, new_node(0, 0));
    }
    stm_commit_transaction();
}

static void bench_smalltx(int threads)
{
    rewind_jmp_buf rjbuf;
    ENTER_THREAD(rjbuf);
    smalltx_setup(threads);
    smalltx_count = 2000000 / threads;
    double t0 = now();
    run_threads(threads, smalltx_worker);
    double elapsed = now() - t0;
    long total = smalltx_count * threads;
    printf("threads=%d transactions=%ld seconds=%.4f tx_per_sec=%.0f "
           "ns_per_tx=%.1f aborts=%ld\n",
           threads, total, elapsed, total / elapsed, elapsed * 1e9 / total,
           atomic_load(&total_aborts));
    LEAVE_THREAD(rjbuf);
}

/* The cost of the timing log: rounds of small transactions on one thread,
   the log off and on in turn (in both orders), so that the machine's
   drifts in speed hit both alike; the ratio is the median of the rounds'. */
#define TIMINGLOG_ROUNDS 21
#define TIMINGLOG_TX     100000

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const char *timinglog_path;
static double timinglog_off[TIMINGLOG_ROUNDS], timinglog_on[TIMINGLOG_ROUNDS],
    timinglog_ratio[TIMINGLOG_ROUNDS];

/* on a thread of its own, as in bench_smalltx: a transaction's start
   saves the stack between it and the thread's outermost frame */
static void *timinglog_worker(void *arg)
{
    (void)arg;
    rewind_jmp_buf rjbuf;
    ENTER_THREAD(rjbuf);
    long next = 0;
    for (int r = 0; r < TIMINGLOG_ROUNDS; r++) {
        for (int half = 0; half < 2; half++) {
            bool logging = (half == 0) == (r % 2 == 0);
            if (logging && stm_set_timing_log(timinglog_path, 0, NULL) != 0) {
                perror(timinglog_path);
                exit(1);
            }
            double t0 = now();
            smalltx_run(smalltx_private[0], next, TIMINGLOG_TX);
            double ns = (now() - t0) * 1e9 / TIMINGLOG_TX;
            next += TIMINGLOG_TX;
            if (logging)
                stm_set_timing_log(NULL, 0, NULL);
            *(logging ? &timinglog_on[r] : &timinglog_off[r]) = ns;
        }
        timinglog_ratio[r] = timinglog_on[r] / timinglog_off[r];
    }
    LEAVE_THREAD(rjbuf);
    return NULL;
}

static void bench_timinglog(const char *path)
{
    rewind_jmp_buf rjbuf;
    ENTER_THREAD(rjbuf);
    smalltx_setup(1);
    timinglog_path = path;
    run_threads(1, timinglog_worker);
    size_t n = TIMINGLOG_ROUNDS;
    qsort(timinglog_off, n, sizeof(double), compare_doubles);
    qsort(timinglog_on, n, sizeof(double), compare_doubles);
    qsort(timinglog_ratio, n, sizeof(double), compare_doubles);
    printf("rounds=%d ns_per_tx_off=%.1f ns_per_tx_on=%.1f ratio=%.3f\n",
           TIMINGLOG_ROUNDS, timinglog_off[n / 2], timinglog_on[n / 2],
           timinglog_ratio[n / 2]);
    unlink(path);
    LEAVE_THREAD(rjbuf);
}

/* ------------------------------------------------- conflict-free work */

#define PARALLEL_TOTAL_TREES 2000000
static long trees_per_tx = 20;
/* Transactions left to run: threads claim them one at a time, so a thread
   slowed down by the machine does not leave the other idle at the end. */
static atomic_long parallel_left;

/* Each transaction builds 20 small binary trees of 63 nodes and checks
   them (temporary data, as an interpreter makes between two transaction
   breaks), then links the last one into the thread's own ring of 16
   slots, so it survives and later becomes garbage. */
static object_t *build_tree(int depth, int64_t v)
{
    object_t *n = new_node(2, v);
    if (depth == 0)
        return n;
    /* n may have left the nursery during the recursive allocations: write
       through the barrier */
    STM_PUSH_ROOT(stl, n);
    object_t *l = build_tree(depth - 1, v * 2);
    STM_POP_ROOT(stl, n);
    set_ref(n, 0, l);
    STM_PUSH_ROOT(stl, n);
    object_t *r = build_tree(depth - 1, v * 2 + 1);
    STM_POP_ROOT(stl, n);
    set_ref(n, 1, r);
    return n;
}

static int64_t sum_tree(object_t *n)
{
    if (n == NULL)
        return 0;
    return get_value(n) + sum_tree(get_ref(n, 0)) + sum_tree(get_ref(n, 1));
}

static void *parallel_worker(void *arg)
{
    rewind_jmp_buf rjbuf;
    (void)arg;
    ENTER_THREAD(rjbuf);
    stm_start_inevitable_transaction(&stl);
    object_t *ring = new_node(16, 0);
    STM_PUSH_ROOT(stl, ring);
    stm_commit_transaction();
    long aborts = 0;
    for (long i = 0; atomic_fetch_sub(&parallel_left, 1) > 0; i++) {
        aborts += stm_start_transaction(&stl);
        object_t *t = NULL;
        for (long k = 0; k < trees_per_tx; k++) {
            t = build_tree(5, 1);
            int64_t s = sum_tree(t);
            if (s != 2016) {
                fprintf(stderr, "bad tree sum %ld\n", (long)s);
                exit(1);
            }
        }
        STM_POP_ROOT(stl, ring);
        set_ref(ring, (int)(i % 16), t);
        set_value(ring, get_value(ring) + 1);
        STM_PUSH_ROOT(stl, ring);
        stm_commit_transaction();
    }
    STM_POP_ROOT_DROP(stl);
    atomic_fetch_add(&total_aborts, aborts);
    LEAVE_THREAD(rjbuf);
    return NULL;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void bench_parallel(int threads)
{
    long transactions = PARALLEL_TOTAL_TREES / trees_per_tx;
    atomic_store(&parallel_left, transactions);
    double t0 = now(), c0 = cpu_seconds();
    run_threads(threads, parallel_worker);
    double elapsed = now() - t0, cpu = cpu_seconds() - c0;
    printf("threads=%d trees_per_tx=%ld transactions=%ld seconds=%.4f "
           "cpu_seconds=%.4f aborts=%ld\n",
           threads, trees_per_tx, transactions, elapsed, cpu,
           atomic_load(&total_aborts));
}

/* -------------------------------------------------------------- hotspot */

static object_t *hot_counter;
static long hot_per_thread = 500000;

static void *hotspot_worker(void *arg)
{
    rewind_jmp_buf rjbuf;
    (void)arg;
    ENTER_THREAD(rjbuf);
    long aborts = 0;
    for (long i = 0; i < hot_per_thread; i++) {
        aborts += stm_start_transaction(&stl);
        set_value(hot_counter, get_value(hot_counter) + 1);
        stm_commit_transaction();
    }
    atomic_fetch_add(&total_aborts, aborts);
    LEAVE_THREAD(rjbuf);
    return NULL;
}

static void bench_hotspot(int threads)
{
    rewind_jmp_buf rjbuf;
    ENTER_THREAD(rjbuf);
    hot_counter = new_old_node(0, 0);
    STM_PUSH_ROOT(stl, hot_counter);
    double t0 = now();
    run_threads(threads, hotspot_worker);
    double elapsed = now() - t0;
    stm_start_transaction(&stl);
    long final = (long)get_value(hot_counter);
    stm_commit_transaction();
    long commits = hot_per_thread * threads;
    if (final != commits) {
        fprintf(stderr, "lost updates: %ld != %ld\n", final, commits);
        exit(1);
    }
    printf("threads=%d commits=%ld seconds=%.4f commits_per_sec=%.0f "
           "aborts=%ld aborts_per_commit=%.4f\n",
           threads, commits, elapsed, commits / elapsed,
           atomic_load(&total_aborts),
           (double)atomic_load(&total_aborts) / commits);
    LEAVE_THREAD(rjbuf);
}

/* --------------------------------------------------------------- memory */

static long read_status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof(line), f))
        if (strncmp(line, field, n) == 0)
            v = atol(line + n + 1);
    if (f)
        fclose(f);
    return v;
}

static long read_pss_kb(void)
{
    FILE *f = fopen("/proc/self/smaps_rollup", "r");
    char line[256];
    long v = -1;
    while (f && fgets(line, sizeof(line), f))
        if (strncmp(line, "Pss:", 4) == 0)
            v = atol(line + 4);
    if (f)
        fclose(f);
    return v;
}

/* A live heap: chunks of 20 KiB (a node with 500 references to small
   nodes), reachable from a two-level index (root -> 1024 index nodes ->
   chunks), so that a transaction writing one chunk's slot does not make
   the next minor collection trace a huge array (card marking, which
   would, is issue 4). */
#define INDEX_FANOUT 1024
static object_t *mem_root;
static long mem_chunks;

static object_t *chunk_slot_holder(long c)
{
    return get_ref(mem_root, (uint32_t)(c / INDEX_FANOUT));
}

static void *memory_writer(void *arg)
{
    rewind_jmp_buf rjbuf;
    uint64_t seed = 12345 + (uint64_t)(long)arg;
    ENTER_THREAD(rjbuf);
    for (int i = 0; i < 20000; i++) {
        stm_start_transaction(&stl);
        long c = (long)(xorshift(&seed) % mem_chunks);
        object_t *chunk = get_ref(chunk_slot_holder(c), c % INDEX_FANOUT);
        object_t *leaf = get_ref(chunk, (uint32_t)(xorshift(&seed) % 500));
        set_value(leaf, get_value(leaf) + 1);
        stm_commit_transaction();
    }
    LEAVE_THREAD(rjbuf);
    return NULL;
}

static void bench_memory(long mib)
{
    rewind_jmp_buf rjbuf;
    ENTER_THREAD(rjbuf);
    mem_chunks = mib * 1024 * 1024 / (20 * 1024);
    long nb_index = (mem_chunks + INDEX_FANOUT - 1) / INDEX_FANOUT;
    mem_root = new_old_node((uint32_t)nb_index, 0);
    STM_PUSH_ROOT(stl, mem_root);
    stm_start_inevitable_transaction(&stl);
    for (long i = 0; i < nb_index; i++)
        set_ref(mem_root, (uint32_t)i, new_node(INDEX_FANOUT, i));
    stm_commit_transaction();
    for (long c = 0; c < mem_chunks; c++) {
        stm_start_inevitable_transaction(&stl);
        object_t *chunk = new_node(500, c);
        for (int k = 0; k < 500; k++) {
            STM_PUSH_ROOT(stl, chunk);
            object_t *leaf = new_node(2, k);
            STM_POP_ROOT(stl, chunk);
            set_ref(chunk, (uint32_t)k, leaf);
        }
        STM_PUSH_ROOT(stl, chunk);
        object_t *holder = chunk_slot_holder(c);
        STM_POP_ROOT(stl, chunk);
        set_ref(holder, (uint32_t)(c % INDEX_FANOUT), chunk);
        stm_commit_transaction();
    }
    long rss_built = read_status_kb("VmRSS:");
    long pss_built = read_pss_kb();
    run_threads(2, memory_writer);
    long rss_written = read_status_kb("VmRSS:");
    long pss_written = read_pss_kb();
    stm_start_inevitable_transaction(&stl);
    stm_collect(1);
    stm_commit_transaction();
    long rss_after_gc = read_status_kb("VmRSS:");
    long pss_after_gc = read_pss_kb();
    long hwm = read_status_kb("VmHWM:");
    printf("live_mib=%ld chunks=%ld pss_built_mib=%.1f pss_written_mib=%.1f "
           "pss_after_major_mib=%.1f rss_built_mib=%.1f rss_written_mib=%.1f "
           "rss_after_major_mib=%.1f peak_rss_mib=%.1f\n",
           mib, mem_chunks, pss_built / 1024.0, pss_written / 1024.0,
           pss_after_gc / 1024.0, rss_built / 1024.0, rss_written / 1024.0,
           rss_after_gc / 1024.0, hwm / 1024.0);
    STM_POP_ROOT_DROP(stl);
    LEAVE_THREAD(rjbuf);
}

/* ------------------------------------------------------------ hashtable */

#define HT_KEYS   2000000
#define HT_PER_TX 100
static object_t *ht_holder, *ht_value;
static atomic_long ht_next; /* the next batch of keys to insert */

static void *hashtable_worker(void *arg)
{
    rewind_jmp_buf rjbuf;
    (void)arg;
    ENTER_THREAD(rjbuf);
    long first;
    while ((first = atomic_fetch_add(&ht_next, HT_PER_TX)) < HT_KEYS) {
        stm_start_transaction(&stl);
        for (long k = first; k < first + HT_PER_TX; k++)
            stm_hashtable_write(ht_holder, hashtable_of(ht_holder),
                                (uintptr_t)k * 7919, ht_value, &stl);
        stm_commit_transaction();
    }
    LEAVE_THREAD(rjbuf);
    return NULL;
}

/* the baseline for lookups: open addressing, keys and values inline */
struct plain_table {
    uintptr_t mask;
    uintptr_t *keys, *values;
};

static uintptr_t plain_hash(uintptr_t key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    return key ^ (key >> 33);
}

static uintptr_t plain_lookup(struct plain_table *t, uintptr_t key)
{
    for (uintptr_t i = plain_hash(key) & t->mask;; i = (i + 1) & t->mask) {
        if (t->keys[i] == key)
            return t->values[i];
        if (t->keys[i] == 0)
            return 0;
    }
}

static void bench_hashtable(int threads)
{
    rewind_jmp_buf rjbuf;
    ENTER_THREAD(rjbuf);
    ht_holder = new_hashtable_holder();
    ht_value = new_old_node(0, 1);
    STM_PUSH_ROOT(stl, ht_holder);
    double t0 = now();
    run_threads(threads, hashtable_worker);
    double insert_seconds = now() - t0;

    struct plain_table plain = {(1UL << 23) - 1, NULL, NULL};
    plain.keys = calloc(plain.mask + 1, sizeof(uintptr_t));
    plain.values = calloc(plain.mask + 1, sizeof(uintptr_t));
    for (long k = 0; k < HT_KEYS; k++) {
        uintptr_t key = (uintptr_t)k * 7919, i = plain_hash(key) & plain.mask;
        while (plain.keys[i] != 0)
            i = (i + 1) & plain.mask;
        plain.keys[i] = key;
        plain.values[i] = (uintptr_t)ht_value;
    }
    /* random lookups of present keys */
    uint64_t seed = 12345;
    long rounds = 4000000, found = 0;
    stm_start_transaction(&stl);
    t0 = now();
    for (long i = 0; i < rounds; i++) {
        uintptr_t key = (uintptr_t)(xorshift(&seed) % HT_KEYS) * 7919;
        found += stm_hashtable_read(ht_holder, hashtable_of(ht_holder), key) ==
                 ht_value;
    }
    double stm_ns = (now() - t0) * 1e9 / rounds;
    stm_commit_transaction();
    seed = 12345;
    t0 = now();
    for (long i = 0; i < rounds; i++) {
        uintptr_t key = (uintptr_t)(xorshift(&seed) % HT_KEYS) * 7919;
        found += plain_lookup(&plain, key) == (uintptr_t)ht_value;
    }
    double plain_ns = (now() - t0) * 1e9 / rounds;
    if (found != 2 * rounds) {
        fprintf(stderr, "hashtable: %ld of %ld lookups found\n", found,
                2 * rounds);
        exit(1);
    }
    printf("threads=%d inserts=%d insert_seconds=%.4f lookup_ns=%.1f "
           "plain_lookup_ns=%.1f aborts=%ld\n",
           threads, HT_KEYS, insert_seconds, stm_ns, plain_ns,
           atomic_load(&total_aborts));
    free(plain.keys);
    free(plain.values);
    STM_POP_ROOT_DROP(stl);
    LEAVE_THREAD(rjbuf);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr,
                "usage: %s barriers|smalltx N|parallel N|hotspot "
                "N|memory MIB|hashtable N|timinglog [PATH]\n",
                argv[0]);
        return 2;
    }
    int arg = argc > 2 ? atoi(argv[2]) : 1;
    if (strcmp(argv[1], "memory") != 0 && strcmp(argv[1], "timinglog") != 0 &&
        (arg < 1 || arg > 64)) {
        fprintf(stderr, "%s: the number must be 1..64\n", argv[0]);
        return 2;
    }
    stm_setup();
    const char *log = getenv("BENCH_TIMING_LOG");
    if (log != NULL && stm_set_timing_log(log, 0, NULL) != 0) {
        perror(log);
        return 1;
    }
    if (strcmp(argv[1], "barriers") == 0)
        bench_barriers();
    else if (strcmp(argv[1], "smalltx") == 0)
        bench_smalltx(arg);
    else if (strcmp(argv[1], "timinglog") == 0)
        bench_timinglog(argc > 2 ? argv[2] : "/tmp/bench_stmgc_timing.log");
    else if (strcmp(argv[1], "parallel") == 0) {
        if (argc > 3)
            trees_per_tx = atol(argv[3]);
        if (trees_per_tx < 1 || trees_per_tx > 1000000) {
            fprintf(stderr, "%s: trees per transaction must be 1..1000000\n",
                    argv[0]);
            return 2;
        }
        bench_parallel(arg);
    } else if (strcmp(argv[1], "hotspot") == 0)
        bench_hotspot(arg);
    else if (strcmp(argv[1], "hashtable") == 0)
        bench_hashtable(arg);
    else if (strcmp(argv[1], "memory") == 0)
        bench_memory(argc > 2 ? atol(argv[2]) : 1024);
    else {
        fprintf(stderr, "%s: unknown benchmark '%s'\n", argv[0], argv[1]);
        return 2;
    }
    if (log != NULL)
        stm_set_timing_log(NULL, 0, NULL);
    stm_teardown();
    return 0;
}
