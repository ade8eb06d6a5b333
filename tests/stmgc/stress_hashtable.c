/* stress_hashtable.c -- concurrent inserts, deletes and reads on one
 * hashtable.  Each thread owns the keys k with k % threads == its number
 * and records, after each commit, what its keys should hold; all of them
 * also read other threads' keys and increment one shared counter key.
 * At the end the table must hold exactly what the owners recorded, and
 * the counter the number of increments committed.
 *
 * Then every thread inserts its share of many more keys (interleaved, so
 * that all of them hit every shard while its arrays grow) and looks up
 * keys another thread is about to insert, racing it to create their
 * entries: every key must end with its owner's value.
 */
#include "stress.h"

#define KEYS        1024
#define COUNTER_KEY 1000000

static object_t *holder;
static int nthreads;
static int64_t expected[KEYS]; /* 0: absent; written by the key's owner */
static _Atomic long increments;

static __thread long my_thread;
static __thread int64_t my_next_value;
static __thread long pending_key;
static __thread int64_t pending_value;
static __thread bool pending_increment;

static void body(uint64_t r)
{
    stm_hashtable_t *h = hashtable_of(holder);
    /* read somebody else's key: its value is whole or absent */
    object_t *other = stm_hashtable_read(holder, h, (r >> 20) % KEYS);
    if (other != NULL)
        STRESS_CHECK(get_value(other) > 0, "a value of %ld",
                     (long)get_value(other));
    long key = (long)((r % (KEYS / nthreads)) * nthreads + my_thread);
    pending_key = key;
    if ((r >> 8) % 3 == 0) {
        stm_hashtable_write(holder, h, (uintptr_t)key, NULL, &stl);
        pending_value = 0;
    } else {
        int64_t v = (my_thread + 1) * 100000000LL + my_next_value;
        object_t *o = new_node(0, v);
        stm_hashtable_write(holder, hashtable_of(holder), (uintptr_t)key, o,
                            &stl);
        pending_value = v;
    }
    pending_increment = (r >> 30) % 8 == 0;
    if (pending_increment) {
        object_t *c = stm_hashtable_read(holder, h, COUNTER_KEY);
        STM_PUSH_ROOT(stl, c);
        object_t *n = new_node(0, (c ? get_value(c) : 0) + 1);
        STM_POP_ROOT_DROP(stl);
        stm_hashtable_write(holder, hashtable_of(holder), COUNTER_KEY, n, &stl);
    }
}

/* after each commit: what the owner's key holds now */
static void committed(void)
{
    my_next_value++;
    expected[pending_key] = pending_value; /* only its owner writes */
    if (pending_increment)
        atomic_fetch_add(&increments, 1);
}

static void *worker(void *arg)
{
    my_thread = (long)arg;
    return stress_worker_then((long)arg, body, committed);
}

#define GROW_BASE       10000000
#define GROW_PER_THREAD 20000
#define GROW_PER_TX     50

static uintptr_t grow_key(long i, long thread)
{
    return (uintptr_t)(GROW_BASE + i * nthreads + thread);
}

static void *grow_worker(void *arg)
{
    long t = (long)arg, commits = 0, aborts = 0;
    rewind_jmp_buf rjbuf;
    STRESS_THREAD_ENTER(rjbuf);
    for (long i = 0; i < GROW_PER_THREAD; i += GROW_PER_TX) {
        aborts += stm_start_transaction(&stl);
        for (long j = i; j < i + GROW_PER_TX; j++) {
            uintptr_t key = grow_key(j, t);
            object_t *o = new_node(0, (int64_t)key);
            stm_hashtable_write(holder, hashtable_of(holder), key, o, &stl);
            stm_hashtable_lookup(holder, hashtable_of(holder),
                                 grow_key(j + 1, (t + 1) % nthreads));
        }
        stm_commit_transaction();
        commits++;
    }
    STRESS_THREAD_LEAVE(rjbuf, commits, aborts);
    return NULL;
}

static void grow_concurrently(void)
{
    pthread_t th[256];
    for (long t = 0; t < nthreads; t++)
        if (pthread_create(&th[t], NULL, grow_worker, (void *)t) != 0) {
            fprintf(stderr, "FAIL: pthread_create\n");
            exit(1);
        }
    for (long t = 0; t < nthreads; t++)
        pthread_join(th[t], NULL);
}

int main(void)
{
    rewind_jmp_buf rjbuf;
    STRESS_MAIN_ENTER(rjbuf);
    holder = new_hashtable_holder();
    STM_PUSH_ROOT(stl, holder);
    nthreads = env_int("STRESS_THREADS", 4);
    if (nthreads > 256)
        nthreads = 256;
    int n;
    stress_run(worker, &n);
    STRESS_CHECK(n == nthreads, "%d threads ran, %d expected", n, nthreads);

    stm_start_transaction(&stl);
    stm_collect(1);
    stm_hashtable_t *h = hashtable_of(holder);
    long present = 0;
    for (long k = 0; k < KEYS; k++) {
        object_t *v = stm_hashtable_read(holder, h, (uintptr_t)k);
        int64_t got = v ? get_value(v) : 0;
        STRESS_CHECK(got == expected[k], "key %ld holds %ld, expected %ld", k,
                     (long)got, (long)expected[k]);
        present += v != NULL;
    }
    object_t *c = stm_hashtable_read(holder, h, COUNTER_KEY);
    long counter = c ? (long)get_value(c) : 0;
    STRESS_CHECK(counter == atomic_load(&increments),
                 "counter %ld, %ld increments committed", counter,
                 atomic_load(&increments));
    long listed = stm_hashtable_list(holder, h, NULL);
    STRESS_CHECK(listed == present + (c != NULL), "list gave %ld, %ld present",
                 listed, present + (c != NULL));
    stm_commit_transaction();

    grow_concurrently();
    stm_start_transaction(&stl);
    h = hashtable_of(holder);
    long grown = (long)nthreads * GROW_PER_THREAD;
    for (long t = 0; t < nthreads; t++)
        for (long i = 0; i < GROW_PER_THREAD; i++) {
            uintptr_t key = grow_key(i, t);
            stm_hashtable_entry_t *e = stm_hashtable_lookup(holder, h, key);
            STRESS_CHECK(e == stm_hashtable_lookup(holder, h, key) &&
                             e->index == key,
                         "key %lu: no single entry", (unsigned long)key);
            object_t *v = stm_hashtable_read(holder, h, key);
            STRESS_CHECK(v != NULL && get_value(v) == (int64_t)key,
                         "key %lu lost its owner's value", (unsigned long)key);
        }
    long all = stm_hashtable_list(holder, h, NULL);
    STRESS_CHECK(all == listed + grown, "list gave %ld, %ld expected", all,
                 listed + grown);
    /* plus the entries of the keys looked up past the ends, absent */
    long bound = stm_hashtable_length_upper_bound(h);
    STRESS_CHECK(bound >= all && bound <= all + KEYS + nthreads + 1,
                 "length upper bound %ld for %ld entries", bound, all);
    stm_commit_transaction();
    stm_hashtable_free(h);
    STRESS_MAIN_LEAVE(rjbuf);
    printf("hashtable: %d threads, %ld commits, %ld aborts, %ld keys "
           "present, counter %ld, then %ld keys inserted concurrently\n",
           n, atomic_load(&stress_commits), atomic_load(&stress_aborts),
           present, counter, (long)nthreads * GROW_PER_THREAD);
    return 0;
}
