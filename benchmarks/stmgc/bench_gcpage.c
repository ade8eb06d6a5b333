/* Benchmark of stmgc/gcpage.c: nanoseconds per allocation and per free, for
 * small sizes and a mix of them, next to glibc malloc/free.
 *
 * Standalone program.  Every figure is the best of several rounds of N
 * operations, taken after a warm-up round, so both allocators run with their
 * metadata already in place.  Note that gcpage never touches the memory it
 * hands out (the area here is not even mapped), while malloc writes its
 * chunk headers into the heap.  malloc is told not to give memory back to
 * the OS between rounds, so that page faults are not what is measured.
 */
#include "../../stmgc/gcpage.h"

#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define OBJECTS   (1 << 20)
#define ROUNDS    5
#define MIXED_MAX 256

static uintptr_t objects[OBJECTS];
static size_t sizes[OBJECTS];
static size_t count = OBJECTS; /* objects per round */
static volatile uintptr_t sink;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void fill_sizes(size_t fixed, size_t low, size_t high)
{
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < count; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        sizes[i] = fixed ? fixed : low + 8 * (x % ((high - low) / 8 + 1));
    }
}

struct timing {
    double alloc_ns, free_ns;
};

static void keep_best(struct timing *best, double alloc_ns, double free_ns)
{
    if (alloc_ns < best->alloc_ns)
        best->alloc_ns = alloc_ns;
    if (free_ns < best->free_ns)
        best->free_ns = free_ns;
}

static struct timing time_gcpage(int cache)
{
    struct timing best = {1e30, 1e30};
    uintptr_t acc = 0;
    for (int round = 0; round <= ROUNDS; round++) {
        double t0 = now_ns();
        for (size_t i = 0; i < count; i++)
            objects[i] = gcpage_alloc(cache, sizes[i]);
        double t1 = now_ns();
        for (size_t i = 0; i < count; i++) {
            acc ^= objects[i];
            gcpage_free(cache, objects[i]);
        }
        double t2 = now_ns();
        if (round > 0) /* round 0 warms up */
            keep_best(&best, (t1 - t0) / (double)count,
                      (t2 - t1) / (double)count);
    }
    sink = acc;
    return best;
}

static struct timing time_malloc(void)
{
    struct timing best = {1e30, 1e30};
    uintptr_t acc = 0;
    for (int round = 0; round <= ROUNDS; round++) {
        double t0 = now_ns();
        for (size_t i = 0; i < count; i++)
            objects[i] = (uintptr_t)malloc(sizes[i]);
        double t1 = now_ns();
        for (size_t i = 0; i < count; i++) {
            acc ^= objects[i];
            free((void *)objects[i]);
        }
        double t2 = now_ns();
        if (round > 0)
            keep_best(&best, (t1 - t0) / (double)count,
                      (t2 - t1) / (double)count);
    }
    sink = acc;
    return best;
}

/* Sweep instead of explicit frees: the GC's usual way of freeing. */
static double time_sweep_per_object(void)
{
    double best = 1e30;
    for (int round = 0; round <= ROUNDS; round++) {
        for (size_t i = 0; i < OBJECTS; i++)
            objects[i] = gcpage_alloc(0, sizes[i]);
        for (size_t i = 0; i < OBJECTS; i += 2)
            gcpage_mark(objects[i]);
        double t0 = now_ns();
        gcpage_sweep(NULL, NULL);
        double t1 = now_ns();
        gcpage_sweep(NULL, NULL); /* free the survivors too */
        if (round > 0 && (t1 - t0) / OBJECTS < best)
            best = (t1 - t0) / OBJECTS;
    }
    return best;
}

struct thread_job {
    pthread_t thread;
    int cache;
    size_t count;
    double alloc_ns;
};

static void *thread_allocate(void *arg)
{
    struct thread_job *job = arg;
    uintptr_t *mine = malloc(job->count * sizeof(*mine));
    double best = 1e30;
    for (int round = 0; round <= ROUNDS; round++) {
        double t0 = now_ns();
        for (size_t i = 0; i < job->count; i++)
            mine[i] = gcpage_alloc(job->cache, 64);
        double t1 = now_ns();
        for (size_t i = 0; i < job->count; i++)
            gcpage_free(job->cache, mine[i]);
        if (round > 0 && (t1 - t0) / (double)job->count < best)
            best = (t1 - t0) / (double)job->count;
    }
    job->alloc_ns = best;
    free(mine);
    return NULL;
}

int main(void)
{
    static const size_t fixed_sizes[] = {16, 32, 48, 64, 96, 128, 192, 256};
    const uintptr_t area_start = (uintptr_t)1 << 40;
    if (!mallopt(M_TRIM_THRESHOLD, INT_MAX) ||
        !mallopt(M_MMAP_THRESHOLD, 32 << 20))
        fprintf(stderr, "mallopt failed: malloc figures include page faults\n");
    gcpage_init(area_start, area_start + ((uintptr_t)64 << 30), 2, NULL);

    printf("%d objects per round, best of %d rounds (ns per operation)\n\n",
           OBJECTS, ROUNDS);
    printf("%-14s %12s %12s %12s %12s\n", "size", "gcpage_alloc", "gcpage_free",
           "malloc", "free");
    for (size_t k = 0; k <= sizeof(fixed_sizes) / sizeof(fixed_sizes[0]); k++) {
        char label[32];
        if (k < sizeof(fixed_sizes) / sizeof(fixed_sizes[0])) {
            fill_sizes(fixed_sizes[k], 0, 0);
            snprintf(label, sizeof(label), "%zu", fixed_sizes[k]);
        } else {
            fill_sizes(0, 16, MIXED_MAX);
            snprintf(label, sizeof(label), "mixed 16..%d", MIXED_MAX);
        }
        struct timing g = time_gcpage(0);
        struct timing m = time_malloc();
        printf("%-14s %12.2f %12.2f %12.2f %12.2f\n", label, g.alloc_ns,
               g.free_ns, m.alloc_ns, m.free_ns);
    }

    /* medium sizes, fewer objects: malloc touches a page per object */
    static const size_t medium_sizes[] = {1024, 4096, 20000, 65536};
    count = OBJECTS / 64;
    for (size_t k = 0; k < sizeof(medium_sizes) / sizeof(medium_sizes[0]);
         k++) {
        fill_sizes(medium_sizes[k], 0, 0);
        struct timing g = time_gcpage(0);
        struct timing m = time_malloc();
        printf("%-14zu %12.2f %12.2f %12.2f %12.2f\n", medium_sizes[k],
               g.alloc_ns, g.free_ns, m.alloc_ns, m.free_ns);
    }
    count = OBJECTS;

    fill_sizes(0, 16, MIXED_MAX);
    printf("\nsweep, mixed 16..%d, half marked: %.2f ns per object\n",
           MIXED_MAX, time_sweep_per_object());

    struct thread_job jobs[2];
    for (int i = 0; i < 2; i++) {
        jobs[i].cache = i;
        jobs[i].count = OBJECTS / 2;
        pthread_create(&jobs[i].thread, NULL, thread_allocate, &jobs[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(jobs[i].thread, NULL);
    printf("2 threads, 64 bytes, own caches: %.2f / %.2f ns per alloc\n",
           jobs[0].alloc_ns, jobs[1].alloc_ns);

    gcpage_teardown();
    return 0;
}
