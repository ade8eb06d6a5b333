/* Tests for stmgc/gcpage.c, the old-object allocator.
 *
 * Standalone CUnit program.  The allocator never touches the heap, so the
 * areas used here are plain address ranges that are not even mapped: this is
 * also how the tests check that the allocator keeps its hands off the heap.
 */
#include "../../stmgc/gcpage.h"

#include <CUnit/Basic.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define KiB ((uintptr_t)1024)
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

/* Never mapped by anything: the tests would crash if the allocator wrote
 * there. */
#define AREA_START ((uintptr_t)1 << 40)


/* ---------- helpers ---------- */

struct object {
    uintptr_t addr;
    size_t size;
};

struct object_list {
    struct object *items;
    size_t count, capacity;
};

static void list_push(struct object_list *list, uintptr_t addr, size_t size)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? 2 * list->capacity : 1024;
        list->items =
            realloc(list->items, list->capacity * sizeof(*list->items));
        if (list->items == NULL)
            abort();
    }
    list->items[list->count].addr = addr;
    list->items[list->count].size = size;
    list->count++;
}

static void list_remove_at(struct object_list *list, size_t index)
{
    list->items[index] = list->items[--list->count];
}

static void list_free(struct object_list *list)
{
    free(list->items);
    memset(list, 0, sizeof(*list));
}

static int compare_objects(const void *a, const void *b)
{
    uintptr_t x = ((const struct object *)a)->addr;
    uintptr_t y = ((const struct object *)b)->addr;
    return (x > y) - (x < y);
}

static void collect_object(uintptr_t addr, size_t size, void *arg)
{
    list_push(arg, addr, size);
}

/* Sorts `list` and checks that its objects are pairwise disjoint. */
static bool objects_are_disjoint(struct object_list *list)
{
    qsort(list->items, list->count, sizeof(*list->items), compare_objects);
    for (size_t i = 1; i < list->count; i++)
        if (list->items[i - 1].addr + list->items[i - 1].size >
            list->items[i].addr)
            return false;
    return true;
}

/* Checks that the allocator's view (for_each_object, is_allocated,
 * object_size, bytes_in_use) is exactly `expected`, and that it is
 * disjoint. */
static bool heap_matches(struct object_list *expected)
{
    struct object_list seen = {0};
    bool ok = true;
    size_t total = 0;
    gcpage_for_each_object(collect_object, &seen);
    if (!objects_are_disjoint(expected) || seen.count != expected->count)
        ok = false;
    for (size_t i = 0; ok && i < seen.count; i++) {
        /* for_each_object walks in address order */
        if (i > 0 && seen.items[i - 1].addr >= seen.items[i].addr)
            ok = false;
        if (seen.items[i].addr != expected->items[i].addr ||
            seen.items[i].size != expected->items[i].size ||
            !gcpage_is_allocated(seen.items[i].addr) ||
            gcpage_object_size(seen.items[i].addr) != seen.items[i].size)
            ok = false;
        total += seen.items[i].size;
    }
    if (gcpage_bytes_in_use() != total)
        ok = false;
    list_free(&seen);
    return ok;
}

static uint64_t rng_state = 88172645463325252ull;

static uint64_t rng_next(uint64_t *state)
{
    uint64_t x = *state; /* xorshift64 */
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

static size_t random_size(uint64_t *state)
{
    uint64_t r = rng_next(state) % 1000;
    if (r < 800)
        return 16 + 8 * (rng_next(state) % 31); /* 16..256 */
    if (r < 950)
        return 264 + 8 * (rng_next(state) % 2016); /* ..16 KiB */
    if (r < 999)
        return 16392 + 8 * (rng_next(state) % 6700); /* ..70 KiB */
    return MiB;
}

static size_t resident_bytes(void)
{
    long pages_total = 0, pages_resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return 0;
    if (fscanf(f, "%ld %ld", &pages_total, &pages_resident) != 2)
        pages_resident = 0;
    fclose(f);
    return (size_t)pages_resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* Records release_pages() calls. */
static struct object_list released;

static void record_release(uintptr_t start, uintptr_t len)
{
    list_push(&released, start, len);
}

/* Records on_free() calls of the sweep. */
struct free_log {
    struct object_list freed;
    bool saw_unallocated; /* on_free called on something not allocated */
};

static void record_free(uintptr_t addr, void *arg)
{
    struct free_log *log = arg;
    if (!gcpage_is_allocated(addr))
        log->saw_unallocated = true;
    list_push(&log->freed, addr, gcpage_object_size(addr));
}


/* ---------- tests ---------- */

static void test_size_round_trip(void)
{
    gcpage_init(AREA_START, AREA_START + 4 * GiB, 1, NULL);
    struct object_list live = {0};
    bool size_ok = true, aligned = true, queries_ok = true;

    for (size_t size = 16; size <= 70000; size += 8) {
        uintptr_t a = gcpage_alloc(0, size);
        size_t rounded = gcpage_object_size(a);
        if (a == 0 || a % 16 != 0)
            aligned = false;
        if (rounded < size || (double)rounded >= (double)size * 1.3 + 16)
            size_ok = false;
        if (!gcpage_is_allocated(a) || gcpage_is_allocated(a + 8) ||
            gcpage_is_marked(a))
            queries_ok = false;
        gcpage_free(0, a);
        if (gcpage_is_allocated(a) || gcpage_object_size(a) != 0)
            queries_ok = false;
    }
    CU_ASSERT(size_ok);
    CU_ASSERT(aligned);
    CU_ASSERT(queries_ok);
    CU_ASSERT_EQUAL(gcpage_bytes_in_use(), 0);

    /* the same sizes all alive at once */
    for (size_t size = 16; size <= 70000; size += 8) {
        uintptr_t a = gcpage_alloc(0, size);
        CU_ASSERT_FATAL(a != 0);
        list_push(&live, a, gcpage_object_size(a));
    }
    CU_ASSERT(heap_matches(&live));
    CU_ASSERT(gcpage_high_water() > AREA_START);
    CU_ASSERT(gcpage_pages_in_use() * GCPAGE_PAGE_SIZE >=
              gcpage_bytes_in_use());
    list_free(&live);
    gcpage_teardown();
}

static void test_random_alloc_free(void)
{
    gcpage_init(AREA_START, AREA_START + 8 * GiB, 3, NULL);
    struct object_list live = {0};
    uint64_t rng = rng_state;
    bool all_allocated = true;

    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 5000; i++) {
            if (live.count > 0 && rng_next(&rng) % 100 < 45) {
                size_t k = rng_next(&rng) % live.count;
                /* free through any cache: cross-cache frees are legal */
                gcpage_free((int)(rng_next(&rng) % 3), live.items[k].addr);
                list_remove_at(&live, k);
            } else {
                int cache = (int)(rng_next(&rng) % 3);
                uintptr_t a = gcpage_alloc(cache, random_size(&rng));
                if (a == 0)
                    all_allocated = false;
                else
                    list_push(&live, a, gcpage_object_size(a));
            }
        }
        CU_ASSERT(all_allocated);
        CU_ASSERT(heap_matches(&live));
    }
    /* free everything: nothing may remain */
    while (live.count > 0) {
        gcpage_free(0, live.items[live.count - 1].addr);
        live.count--;
    }
    CU_ASSERT(heap_matches(&live));
    CU_ASSERT_EQUAL(gcpage_bytes_in_use(), 0);
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL(gcpage_pages_in_use(), 0);
    list_free(&live);
    gcpage_teardown();
}

static void test_mark_and_sweep(void)
{
    gcpage_init(AREA_START, AREA_START + 8 * GiB, 2, NULL);
    struct object_list marked = {0}, unmarked = {0};
    uint64_t rng = rng_state ^ 0x1234;
    bool mark_results_ok = true;

    for (int i = 0; i < 40000; i++) {
        uintptr_t a = gcpage_alloc(i % 2, random_size(&rng));
        CU_ASSERT_FATAL(a != 0);
        if (rng_next(&rng) % 3 == 0)
            list_push(&unmarked, a, gcpage_object_size(a));
        else
            list_push(&marked, a, gcpage_object_size(a));
    }
    for (size_t i = 0; i < marked.count; i++) {
        if (gcpage_mark(marked.items[i].addr) != false ||
            gcpage_mark(marked.items[i].addr) != true ||
            !gcpage_is_marked(marked.items[i].addr))
            mark_results_ok = false;
    }
    for (size_t i = 0; i < unmarked.count; i++)
        if (gcpage_is_marked(unmarked.items[i].addr))
            mark_results_ok = false;
    CU_ASSERT(mark_results_ok);

    struct free_log log = {0};
    gcpage_sweep(record_free, &log);
    CU_ASSERT(!log.saw_unallocated);
    /* on_free called exactly once for exactly the unmarked objects */
    CU_ASSERT_EQUAL(log.freed.count, unmarked.count);
    qsort(log.freed.items, log.freed.count, sizeof(struct object),
          compare_objects);
    qsort(unmarked.items, unmarked.count, sizeof(struct object),
          compare_objects);
    bool same = log.freed.count == unmarked.count;
    for (size_t i = 0; same && i < unmarked.count; i++)
        same = log.freed.items[i].addr == unmarked.items[i].addr &&
               log.freed.items[i].size == unmarked.items[i].size;
    CU_ASSERT(same);

    bool freed_ok = true, survivors_ok = true;
    for (size_t i = 0; i < unmarked.count; i++)
        if (gcpage_is_allocated(unmarked.items[i].addr))
            freed_ok = false;
    for (size_t i = 0; i < marked.count; i++)
        if (!gcpage_is_allocated(marked.items[i].addr) ||
            gcpage_is_marked(marked.items[i].addr))
            survivors_ok = false;
    CU_ASSERT(freed_ok);
    CU_ASSERT(survivors_ok);
    CU_ASSERT(heap_matches(&marked));

    /* slots freed by the sweep inside surviving runs are reused before any
     * new page: every other 64-byte object survives, so no run empties */
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL_FATAL(gcpage_pages_in_use(), 0);
    list_free(&marked);
    for (int i = 0; i < 10000; i++)
        list_push(&marked, gcpage_alloc(0, 64), 64);
    for (size_t i = 0; i < marked.count; i += 2)
        gcpage_mark(marked.items[i].addr);
    gcpage_sweep(NULL, NULL);
    size_t pages = gcpage_pages_in_use();
    uintptr_t high_water = gcpage_high_water();
    for (int i = 0; i < 5000; i++)
        gcpage_alloc(i % 2, 64);
    CU_ASSERT_EQUAL(gcpage_pages_in_use(), pages);
    CU_ASSERT_EQUAL(gcpage_high_water(), high_water);
    CU_ASSERT_EQUAL(gcpage_bytes_in_use(), 10000 * 64);
    for (size_t i = 0; i < marked.count; i += 2)
        gcpage_mark(marked.items[i].addr);
    list_free(&log.freed);
    gcpage_sweep(record_free, &log);
    CU_ASSERT_EQUAL(log.freed.count, 5000);
    CU_ASSERT_EQUAL(gcpage_bytes_in_use(), 5000 * 64);

    /* a sweep with nothing marked frees everything */
    list_free(&log.freed);
    gcpage_sweep(record_free, &log);
    CU_ASSERT_EQUAL(log.freed.count, marked.count / 2);
    CU_ASSERT_EQUAL(gcpage_bytes_in_use(), 0);
    CU_ASSERT_EQUAL(gcpage_pages_in_use(), 0);

    list_free(&log.freed);
    list_free(&marked);
    list_free(&unmarked);
    gcpage_teardown();
}

/* No released range may share a page with a live object, and each must be
 * page aligned and inside what was ever handed out. */
static bool releases_are_safe(void)
{
    struct object_list live = {0};
    bool ok = true;
    gcpage_for_each_object(collect_object, &live);
    for (size_t r = 0; r < released.count; r++) {
        uintptr_t start = released.items[r].addr;
        uintptr_t end = start + released.items[r].size;
        if (start % GCPAGE_PAGE_SIZE || end % GCPAGE_PAGE_SIZE ||
            start >= end || start < AREA_START ||
            end > gcpage_high_water() + GCPAGE_PAGE_SIZE)
            ok = false;
        for (size_t i = 0; i < live.count; i++) {
            uintptr_t first_page = live.items[i].addr & ~(uintptr_t)4095;
            uintptr_t end_page =
                (live.items[i].addr + live.items[i].size + 4095) &
                ~(uintptr_t)4095;
            if (first_page < end && start < end_page)
                ok = false;
        }
    }
    list_free(&live);
    return ok;
}

static void test_release_pages(void)
{
    gcpage_init(AREA_START, AREA_START + 1 * GiB, 1, record_release);
    list_free(&released);

    /* A: 1000 objects of 1 KiB; fence: a 1 MiB object; B: 512-byte ones */
    struct object_list a_objects = {0}, b_objects = {0};
    for (int i = 0; i < 1000; i++)
        list_push(&a_objects, gcpage_alloc(0, 1024), 1024);
    uintptr_t fence = gcpage_alloc(0, MiB);
    for (int i = 0; i < 1000; i++)
        list_push(&b_objects, gcpage_alloc(0, 512), 512);
    CU_ASSERT_FATAL(fence != 0);
    /* low addresses first: A's runs fill the area up to the fence */
    for (size_t i = 0; i < a_objects.count; i++)
        CU_ASSERT_FATAL(a_objects.items[i].addr < fence);

    gcpage_mark(fence);
    for (size_t i = 0; i < b_objects.count; i++)
        gcpage_mark(b_objects.items[i].addr);
    gcpage_sweep(NULL, NULL);
    /* exactly one call, for exactly the pages of A */
    CU_ASSERT_EQUAL_FATAL(released.count, 1);
    CU_ASSERT_EQUAL(released.items[0].addr, AREA_START);
    CU_ASSERT_EQUAL(released.items[0].size, fence - AREA_START);
    CU_ASSERT(releases_are_safe());

    /* nothing new became free: nothing is reported again */
    list_free(&released);
    gcpage_mark(fence);
    for (size_t i = 0; i < b_objects.count; i++)
        gcpage_mark(b_objects.items[i].addr);
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL(released.count, 0);

    /* freeing the fence explicitly: its pages merge with A's old pages and
     * are reported (only the part that was dirty) at the next sweep */
    gcpage_free(0, fence);
    CU_ASSERT_EQUAL(released.count, 0);
    for (size_t i = 0; i < b_objects.count; i++)
        gcpage_mark(b_objects.items[i].addr);
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL_FATAL(released.count, 1);
    CU_ASSERT_EQUAL(released.items[0].addr, fence);
    CU_ASSERT_EQUAL(released.items[0].size, MiB);
    CU_ASSERT(releases_are_safe());

    /* random heap, random survivors: never a live page */
    uint64_t rng = rng_state ^ 0x777;
    struct object_list live = {0};
    for (int i = 0; i < 30000; i++)
        list_push(&live, gcpage_alloc(0, random_size(&rng)), 0);
    for (int cycle = 0; cycle < 4; cycle++) {
        list_free(&released);
        for (size_t i = 0; i < live.count; i++)
            if (rng_next(&rng) % 4 != 0)
                gcpage_mark(live.items[i].addr);
        gcpage_sweep(NULL, NULL);
        if (cycle == 0)
            CU_ASSERT(released.count > 0);
        CU_ASSERT(releases_are_safe());
        list_free(&live);
        gcpage_for_each_object(collect_object, &live);
    }
    /* everything dies: the whole used part comes back, merged */
    list_free(&released);
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL(gcpage_pages_in_use(), 0);
    CU_ASSERT_EQUAL(released.count, 1);

    list_free(&live);
    list_free(&released);
    list_free(&a_objects);
    list_free(&b_objects);
    gcpage_teardown();
}

/* Free ranges below GCPAGE_RELEASE_MIN are held back until they grow, and
 * the part of a dirty free range that gets reused is never reported. */
static void test_release_threshold(void)
{
    gcpage_init(AREA_START, AREA_START + GiB, 1, record_release);
    list_free(&released);
    uintptr_t left = gcpage_alloc(0, 64 * KiB);
    uintptr_t x = gcpage_alloc(0, 48 * KiB);
    uintptr_t y = gcpage_alloc(0, 48 * KiB);
    uintptr_t z = gcpage_alloc(0, 48 * KiB);
    uintptr_t right = gcpage_alloc(0, 64 * KiB);
    CU_ASSERT_FATAL(left == AREA_START && x == left + 64 * KiB &&
                    y == x + 48 * KiB && z == y + 48 * KiB &&
                    right == z + 48 * KiB);

    /* y alone: 48 KiB, not reported */
    gcpage_mark(left);
    gcpage_mark(x);
    gcpage_mark(z);
    gcpage_mark(right);
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL(released.count, 0);

    /* w reuses the front of y's dirty hole; then z dies: the free range
     * (rest of y, z) is 56 KiB, still not reported, and w's pages never */
    uintptr_t w = gcpage_alloc(0, 40 * KiB);
    CU_ASSERT_EQUAL_FATAL(w, y);
    gcpage_mark(left);
    gcpage_mark(x);
    gcpage_mark(w);
    gcpage_mark(right);
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL(released.count, 0);
    CU_ASSERT(releases_are_safe());

    /* x and w die: x, w, rest of y and z merge into one 144 KiB range */
    gcpage_mark(left);
    gcpage_mark(right);
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL_FATAL(released.count, 1);
    CU_ASSERT_EQUAL(released.items[0].addr, x);
    CU_ASSERT_EQUAL(released.items[0].size, 144 * KiB);
    CU_ASSERT(releases_are_safe());

    list_free(&released);
    gcpage_teardown();
}

static void test_memory_reuse(void)
{
    gcpage_init(AREA_START, AREA_START + 4 * GiB, 2, NULL);
    struct object_list live = {0};
    uintptr_t high_water_after_first = 0;
    size_t pages_after_first = 0;
    bool stable = true, pages_stable = true;

    /* explicit free cycles, same sizes each time: no new page is ever
     * needed after the first cycle.  Slots inside the runs may be taken in
     * another order in the second cycle (it starts in the cursor's current
     * run, the highest one), so the object-precise high water is compared
     * from the second cycle on. */
    for (int cycle = 0; cycle < 10; cycle++) {
        uint64_t sizes = 42;
        for (int i = 0; i < 20000; i++)
            list_push(&live, gcpage_alloc(0, random_size(&sizes)), 0);
        while (live.count > 0)
            gcpage_free(0, live.items[--live.count].addr);
        if (cycle == 0)
            pages_after_first = gcpage_pages_in_use();
        else if (gcpage_pages_in_use() != pages_after_first)
            pages_stable = false;
        if (cycle <= 1)
            high_water_after_first = gcpage_high_water();
        else if (gcpage_high_water() != high_water_after_first)
            stable = false;
    }
    CU_ASSERT(pages_stable);
    CU_ASSERT(stable);

    /* sweep cycles: objects die by not being marked.  The first cycle
     * starts from the fragmented heap above; each later one from an empty
     * heap, so they all must lay the objects out the same way. */
    for (int cycle = 0; cycle < 10; cycle++) {
        uint64_t sizes = 43;
        for (int i = 0; i < 20000; i++)
            gcpage_alloc(1, random_size(&sizes));
        gcpage_sweep(NULL, NULL);
        if (cycle <= 1)
            high_water_after_first = gcpage_high_water();
        else if (gcpage_high_water() != high_water_after_first)
            stable = false;
    }
    CU_ASSERT(stable);
    CU_ASSERT_EQUAL(gcpage_pages_in_use(), 0);

    /* big objects: a freed range is reused by the next fitting request, and
     * the lowest address wins */
    uintptr_t a = gcpage_alloc(0, MiB);
    uintptr_t b = gcpage_alloc(0, MiB);
    uintptr_t c = gcpage_alloc(0, MiB);
    CU_ASSERT(a == AREA_START);
    gcpage_free(0, b);
    gcpage_free(0, a);
    CU_ASSERT_EQUAL(gcpage_alloc(0, 300 * KiB), a);
    CU_ASSERT_EQUAL(gcpage_alloc(0, 1700 * KiB), a + 300 * KiB);
    CU_ASSERT_EQUAL(gcpage_alloc(0, 20 * KiB), a + 2000 * KiB);
    CU_ASSERT(gcpage_alloc(0, 100 * KiB) > c);

    /* a full run whose object is freed by another cache is reused before
     * the heap grows */
    gcpage_sweep(NULL, NULL);
    struct object_list first_run = {0};
    for (int i = 0; i < 1024; i++) /* one 16 KiB run of 16-byte slots */
        list_push(&first_run, gcpage_alloc(0, 16), 16);
    uintptr_t second_run = gcpage_alloc(0, 16);
    CU_ASSERT(second_run >= first_run.items[1023].addr + 16);
    uintptr_t victim = first_run.items[517].addr;
    gcpage_free(1, victim); /* the run is FULL and cache 1 does not own it */
    for (int i = 1; i < 1024; i++)
        gcpage_alloc(0, 16); /* exhausts the second run */
    uintptr_t hw = gcpage_high_water();
    CU_ASSERT_EQUAL(gcpage_alloc(0, 16), victim);
    CU_ASSERT_EQUAL(gcpage_high_water(), hw);

    list_free(&first_run);
    list_free(&live);
    gcpage_teardown();
}

static void test_big_objects(void)
{
    size_t resident_before = resident_bytes();
    gcpage_init(AREA_START, AREA_START + 120 * GiB, 4, NULL);

    uintptr_t one_mib = gcpage_alloc(0, MiB);
    uintptr_t hundred = gcpage_alloc(1, 100 * MiB);
    uintptr_t two_gib = gcpage_alloc(2, 2 * GiB);
    CU_ASSERT(one_mib != 0 && hundred != 0 && two_gib != 0);
    CU_ASSERT(one_mib % GCPAGE_PAGE_SIZE == 0);
    CU_ASSERT_EQUAL(gcpage_object_size(one_mib), MiB);
    CU_ASSERT_EQUAL(gcpage_object_size(hundred), 100 * MiB);
    CU_ASSERT_EQUAL(gcpage_object_size(two_gib), 2 * GiB);
    CU_ASSERT_EQUAL(gcpage_bytes_in_use(), MiB + 100 * MiB + 2 * GiB);
    CU_ASSERT_EQUAL(gcpage_pages_in_use(),
                    (MiB + 100 * MiB + 2 * GiB) / GCPAGE_PAGE_SIZE);
    CU_ASSERT_EQUAL(gcpage_high_water(), two_gib + 2 * GiB);
    struct object_list live = {0};
    gcpage_for_each_object(collect_object, &live);
    CU_ASSERT(heap_matches(&live));
    /* interior addresses are not objects */
    CU_ASSERT(!gcpage_is_allocated(two_gib + 16));
    CU_ASSERT(!gcpage_is_allocated(two_gib + GiB));
    CU_ASSERT(!gcpage_is_allocated(two_gib + 2 * GiB - 4096));
    CU_ASSERT(!gcpage_is_allocated(AREA_START + 120 * GiB));
    CU_ASSERT(!gcpage_is_allocated(AREA_START - 4096));

    /* the address space is there; memory for it is not */
    uintptr_t huge = gcpage_alloc(3, 100 * GiB);
    CU_ASSERT(huge != 0);
    CU_ASSERT_EQUAL(gcpage_alloc(3, 20 * GiB), 0);
    CU_ASSERT(resident_bytes() < resident_before + 16 * MiB);

    /* free + realloc: same place */
    gcpage_free(3, huge);
    gcpage_free(2, two_gib);
    CU_ASSERT(!gcpage_is_allocated(two_gib));
    CU_ASSERT_EQUAL(gcpage_alloc(2, 2 * GiB), two_gib);
    /* a small object landing inside the old big range */
    gcpage_free(1, hundred);
    uintptr_t small = gcpage_alloc(1, 64);
    CU_ASSERT_EQUAL(small, hundred);
    CU_ASSERT(!gcpage_is_allocated(hundred + 50 * MiB));

    /* stale page map entries: pages that held runs, now inside a big object */
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL(gcpage_pages_in_use(), 0);
    struct object_list smalls = {0};
    for (int i = 0; i < 5000; i++)
        list_push(&smalls, gcpage_alloc(0, 48), 48);
    gcpage_sweep(NULL, NULL);
    uintptr_t big = gcpage_alloc(0, 4 * MiB);
    CU_ASSERT_EQUAL(big, AREA_START);
    bool interior_ok = true;
    for (size_t i = 0; i < smalls.count; i++)
        if (smalls.items[i].addr != big &&
            gcpage_is_allocated(smalls.items[i].addr))
            interior_ok = false;
    CU_ASSERT(interior_ok);

    list_free(&smalls);
    list_free(&live);
    gcpage_teardown();
}

static void test_exhaustion(void)
{
    gcpage_init(AREA_START, AREA_START + MiB, 2, NULL);
    size_t count = 0;
    uintptr_t a, last = 0;
    while ((a = gcpage_alloc(0, 16)) != 0) {
        count++;
        last = a;
    }
    /* 16-byte slots tile the area exactly */
    CU_ASSERT_EQUAL(count, MiB / 16);
    CU_ASSERT_EQUAL(gcpage_alloc(0, 16), 0);
    CU_ASSERT_EQUAL(gcpage_alloc(1, 16), 0);
    CU_ASSERT_EQUAL(gcpage_alloc(1, 1024), 0);
    CU_ASSERT_EQUAL(gcpage_alloc(1, 100000), 0);
    CU_ASSERT_EQUAL(gcpage_high_water(), AREA_START + MiB);
    gcpage_free(1, last);
    CU_ASSERT_EQUAL(gcpage_alloc(0, 16), last);
    gcpage_sweep(NULL, NULL);
    CU_ASSERT_EQUAL(gcpage_pages_in_use(), 0);

    /* big requests: exactly the area fits, one byte more does not */
    CU_ASSERT_EQUAL(gcpage_alloc(0, MiB + 8), 0);
    CU_ASSERT_EQUAL(gcpage_alloc(0, (size_t)-8), 0);
    a = gcpage_alloc(0, MiB);
    CU_ASSERT_EQUAL(a, AREA_START);
    CU_ASSERT_EQUAL(gcpage_alloc(1, 32), 0);
    gcpage_free(0, a);

    /* mixed sizes until full: every success is distinct, then all fail */
    uint64_t rng = rng_state ^ 0x99;
    struct object_list live = {0};
    int failures = 0;
    for (int i = 0; i < 20000; i++) {
        size_t size = random_size(&rng);
        a = gcpage_alloc(i % 2, size);
        if (a == 0)
            failures++;
        else
            list_push(&live, a, gcpage_object_size(a));
    }
    CU_ASSERT(failures > 0);
    CU_ASSERT(heap_matches(&live));
    CU_ASSERT(gcpage_high_water() <= AREA_START + MiB);

    list_free(&live);
    gcpage_teardown();
}

static void test_teardown_and_reinit(void)
{
    for (int round = 0; round < 3; round++) {
        uintptr_t start = AREA_START + (uintptr_t)round * 64 * GiB;
        gcpage_init(start, start + GiB, 1 + round, NULL);
        CU_ASSERT_EQUAL(gcpage_bytes_in_use(), 0);
        CU_ASSERT_EQUAL(gcpage_pages_in_use(), 0);
        CU_ASSERT_EQUAL(gcpage_high_water(), start);
        CU_ASSERT_EQUAL(gcpage_alloc(0, 32), start);
        CU_ASSERT_EQUAL(gcpage_alloc(0, 20000), start + 16 * KiB);
        CU_ASSERT(!gcpage_is_allocated(AREA_START - 16));
        gcpage_teardown();
    }
}


/* ---------- threads ---------- */

/* One bit per 16 bytes of the test area, set while an object covers it:
 * catches overlapping live objects at the moment they are handed out. */
static _Atomic uint64_t *granule_owned;

static bool claim_granules(uintptr_t addr, size_t size, bool claim)
{
    uintptr_t first = (addr - AREA_START) / 16, end = first + size / 16;
    bool ok = true;
    for (uintptr_t g = first; g < end;) {
        unsigned bit = g % 64;
        unsigned n = end - g < 64 - bit ? (unsigned)(end - g) : 64 - bit;
        uint64_t mask = (n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1)
                        << bit;
        uint64_t old;
        if (claim) {
            old = atomic_fetch_or(&granule_owned[g / 64], mask);
            ok &= (old & mask) == 0;
        } else {
            old = atomic_fetch_and(&granule_owned[g / 64], ~mask);
            ok &= (old & mask) == mask;
        }
        g += n;
    }
    return ok;
}

struct mailbox {
    pthread_mutex_t lock;
    struct object_list objects;
};

struct worker {
    pthread_t thread;
    int cache;
    int operations;
    uint64_t rng;
    struct mailbox *mailbox;
    struct object_list live;
    bool ok;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    w->ok = true;
    for (int i = 0; i < w->operations; i++) {
        uint64_t r = rng_next(&w->rng) % 100;
        if (r < 55 || w->live.count == 0) {
            uintptr_t a = gcpage_alloc(w->cache, random_size(&w->rng));
            size_t size = gcpage_object_size(a);
            if (a == 0 || a % 16 != 0 || !claim_granules(a, size, true))
                w->ok = false;
            else
                list_push(&w->live, a, size);
        } else if (r < 90) {
            size_t k = rng_next(&w->rng) % w->live.count;
            struct object o = w->live.items[k];
            list_remove_at(&w->live, k);
            if (!claim_granules(o.addr, o.size, false))
                w->ok = false;
            gcpage_free(w->cache, o.addr);
        } else {
            /* hand an object to another thread, or free one handed to us:
             * frees from a cache that did not allocate the object */
            pthread_mutex_lock(&w->mailbox->lock);
            struct object_list *box = &w->mailbox->objects;
            struct object o = {0, 0};
            if (r < 95) {
                size_t k = rng_next(&w->rng) % w->live.count;
                list_push(box, w->live.items[k].addr, w->live.items[k].size);
                list_remove_at(&w->live, k);
            } else if (box->count > 0) {
                o = box->items[--box->count];
            }
            pthread_mutex_unlock(&w->mailbox->lock);
            if (o.addr != 0) {
                if (!claim_granules(o.addr, o.size, false))
                    w->ok = false;
                gcpage_free(w->cache, o.addr);
            }
        }
    }
    return NULL;
}

static void run_threads(int nb_threads, int operations)
{
    uintptr_t area = 16 * GiB;
    size_t map_bytes = area / 16 / 8;
    void *map = mmap(NULL, map_bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CU_ASSERT_FATAL(map != MAP_FAILED);
    granule_owned = map;
    gcpage_init(AREA_START, AREA_START + area, nb_threads, NULL);

    struct mailbox mailbox = {PTHREAD_MUTEX_INITIALIZER, {0}};
    struct worker *workers = calloc((size_t)nb_threads, sizeof(*workers));
    for (int i = 0; i < nb_threads; i++) {
        workers[i].cache = i;
        workers[i].operations = operations;
        workers[i].rng = rng_state * (uint64_t)(2 * i + 1);
        workers[i].mailbox = &mailbox;
        CU_ASSERT_FATAL(pthread_create(&workers[i].thread, NULL, worker_main,
                                       &workers[i]) == 0);
    }
    struct object_list all = {0};
    for (int i = 0; i < nb_threads; i++) {
        pthread_join(workers[i].thread, NULL);
        CU_ASSERT(workers[i].ok);
        for (size_t k = 0; k < workers[i].live.count; k++)
            list_push(&all, workers[i].live.items[k].addr,
                      workers[i].live.items[k].size);
        list_free(&workers[i].live);
    }
    for (size_t k = 0; k < mailbox.objects.count; k++)
        list_push(&all, mailbox.objects.items[k].addr,
                  mailbox.objects.items[k].size);
    CU_ASSERT(all.count > 0);
    CU_ASSERT(heap_matches(&all));

    /* the marked half survives a sweep */
    struct object_list kept = {0};
    for (size_t k = 0; k < all.count; k += 2) {
        gcpage_mark(all.items[k].addr);
        list_push(&kept, all.items[k].addr, all.items[k].size);
    }
    gcpage_sweep(NULL, NULL);
    CU_ASSERT(heap_matches(&kept));

    list_free(&kept);
    list_free(&all);
    list_free(&mailbox.objects);
    free(workers);
    gcpage_teardown();
    munmap(map, map_bytes);
}

/* One thread allocates objects of one size from cache 0, the other frees
 * them `lag` allocations later from cache 1.  With 16 KiB objects (8 slots
 * per run) and a lag of a run or two, cache 0 keeps finding its run full
 * while cache 1 frees into it, so frees race with the run being retired.  No
 * freed slot may end up out of reach: afterwards, cache 0 can fill every
 * free slot without a new page.  The 16-byte case hammers remote frees into
 * the run that cache 0 is allocating from. */
#define RING_CAPACITY 4096

struct ring {
    _Atomic uintptr_t slots[RING_CAPACITY];
    _Atomic size_t head, tail;
    size_t lag, object_size;
    long count;
};

static void *ring_producer(void *arg)
{
    struct ring *ring = arg;
    for (long i = 0; i <= ring->count; i++) {
        uintptr_t a = i < ring->count ? gcpage_alloc(0, ring->object_size) : 0;
        size_t head = atomic_load(&ring->head);
        for (unsigned spins = 1; head - atomic_load(&ring->tail) >= ring->lag;
             spins++)
            if (spins % 256 == 0)
                sched_yield(); /* lets valgrind's serialized threads run */
        atomic_store(&ring->slots[head % RING_CAPACITY], a);
        atomic_store(&ring->head, head + 1);
    }
    return NULL;
}

static void *ring_consumer(void *arg)
{
    struct ring *ring = arg;
    for (;;) {
        size_t tail = atomic_load(&ring->tail);
        for (unsigned spins = 1; atomic_load(&ring->head) == tail; spins++)
            if (spins % 256 == 0)
                sched_yield();
        uintptr_t a = atomic_load(&ring->slots[tail % RING_CAPACITY]);
        atomic_store(&ring->tail, tail + 1);
        if (a == 0)
            return NULL;
        gcpage_free(1, a);
    }
}

static void test_racing_remote_frees(void)
{
    static const struct {
        size_t object_size, lag;
        long count;
    } runs[] = {{16, 64, 500000},
                {16, 3000, 500000},
                {16384, 9, 200000},
                {16384, 12, 200000},
                {16384, 20, 200000}};
    static struct ring ring;
    const char *env = getenv("GCPAGE_TEST_OPERATIONS");
    for (size_t k = 0; k < sizeof(runs) / sizeof(runs[0]); k++) {
        gcpage_init(AREA_START, AREA_START + GiB, 2, NULL);
        ring.count = env ? atol(env) : runs[k].count;
        ring.lag = runs[k].lag;
        ring.object_size = runs[k].object_size;
        atomic_store(&ring.head, 0);
        atomic_store(&ring.tail, 0);
        pthread_t producer, consumer;
        pthread_create(&producer, NULL, ring_producer, &ring);
        pthread_create(&consumer, NULL, ring_consumer, &ring);
        pthread_join(producer, NULL);
        pthread_join(consumer, NULL);
        CU_ASSERT_EQUAL(gcpage_bytes_in_use(), 0);

        size_t pages = gcpage_pages_in_use();
        size_t capacity = pages * GCPAGE_PAGE_SIZE / ring.object_size;
        bool all_allocated = true;
        for (size_t i = 0; i < capacity; i++)
            if (gcpage_alloc(0, ring.object_size) == 0)
                all_allocated = false;
        CU_ASSERT(all_allocated);
        CU_ASSERT_EQUAL(gcpage_pages_in_use(), pages);
        CU_ASSERT_EQUAL(gcpage_bytes_in_use(), capacity * ring.object_size);
        gcpage_teardown();
    }
}

static int thread_operations(void)
{
    const char *env = getenv("GCPAGE_TEST_OPERATIONS");
    return env ? atoi(env) : 200000;
}

static void test_two_threads(void)
{
    run_threads(2, thread_operations());
}

static void test_eight_threads(void)
{
    run_threads(8, thread_operations() / 2);
}


int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite suite = CU_add_suite("gcpage", NULL, NULL);
    if (suite == NULL ||
        !CU_add_test(suite, "size classes round trip", test_size_round_trip) ||
        !CU_add_test(suite, "random alloc/free, no overlap",
                     test_random_alloc_free) ||
        !CU_add_test(suite, "mark and sweep", test_mark_and_sweep) ||
        !CU_add_test(suite, "release_pages", test_release_pages) ||
        !CU_add_test(suite, "release threshold", test_release_threshold) ||
        !CU_add_test(suite, "memory reuse", test_memory_reuse) ||
        !CU_add_test(suite, "big objects", test_big_objects) ||
        !CU_add_test(suite, "area exhaustion", test_exhaustion) ||
        !CU_add_test(suite, "teardown and re-init", test_teardown_and_reinit) ||
        !CU_add_test(suite, "2 threads", test_two_threads) ||
        !CU_add_test(suite, "8 threads", test_eight_threads) ||
        !CU_add_test(suite, "racing remote frees", test_racing_remote_frees)) {
        CU_cleanup_registry();
        return 1;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures =
        CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failures != 0;
}
