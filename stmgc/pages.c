/* pages.c -- which segments hold private copies of which pages, and how
 * new objects reach every view.
 *
 * A segment's view of the old generation is a MAP_PRIVATE mapping of the
 * heap memfd: a page is the master's own page until the segment writes
 * to it, then the kernel gives the segment a private copy.  We record
 * that in a per-page bit mask (stm_cow_masks), always BEFORE the write
 * that causes the copy.
 *
 * New objects (nursery survivors at commit, large objects) are written
 * directly into the master, on memory nobody else can reach yet; every
 * segment whose copy of that page is private gets the bytes too.  Order
 * matters: the writer stores into the master, fences, then reads the
 * mask; a segment sets its bit (a locked instruction) before its write
 * makes the kernel copy the page.  Either the writer sees the bit, or
 * the copy sees the new bytes.
 *
 * Major collections give private pages back (reshare_segment_pages):
 * once the master is up to date, a page that holds none of the running
 * transaction's changes is dropped with MADV_DONTNEED and the next
 * access maps the master's page again.  No mapping is ever split, so the
 * process uses a handful of kernel VMAs whatever the heap size.
 */
#include "core.h"
#include "gcpage.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>

/* private copies in all segments, for the collector's budget (exact
   after a major collection recounts them, approximate in between) */
static _Atomic long private_pages;

long stm_private_pages_estimate(void)
{
    return atomic_load_explicit(&private_pages, memory_order_relaxed);
}

void recount_private_pages(void)
{
    long n = 0;
    for (int i = 1; i <= NB_SEGMENTS; i++)
        if (get_segment(i)->participant)
            n += count_private_pages(i);
    atomic_store(&private_pages, n);
}

void mark_private_pages(struct segment *seg, uintptr_t obj, size_t size)
{
    uint64_t bit = 1ULL << (seg->num - 1);
    uintptr_t first = obj & ~(PAGE_SIZE - 1);
    uintptr_t last = (obj + size - 1) & ~(PAGE_SIZE - 1);
    /* the caller writes next: the locked OR orders the bit before the
       write; a bit we set earlier was ordered then */
    for (uintptr_t page = first; page <= last; page += PAGE_SIZE) {
        _Atomic uint64_t *mask = cow_mask_of_page(page);
        if (!(atomic_load_explicit(mask, memory_order_relaxed) & bit) &&
            !(atomic_fetch_or(mask, bit) & bit))
            atomic_fetch_add_explicit(&private_pages, 1, memory_order_relaxed);
    }
}

/* The object's bytes are in the master; copy them into the views of
   'segments' (a bit per segment) that hold a private copy of its pages:
   the others see the master's page itself.  Page by page: a view whose
   copy of one page is private may share the next one with the master,
   and writing there would privatize it behind the mask's back, so that
   later objects published on that page would never reach it (a bug
   found by duhton's GC stress with 8 threads). */
void copy_master_into_views(uintptr_t obj, size_t size, uint64_t segments)
{
    uintptr_t start = obj, end = obj + size;
    while (start < end) {
        uintptr_t page = start & ~(PAGE_SIZE - 1);
        uintptr_t stop = page + PAGE_SIZE < end ? page + PAGE_SIZE : end;
        uint64_t mask =
            atomic_load_explicit(cow_mask_of_page(page), memory_order_relaxed) &
            segments;
        while (mask) {
            int num = __builtin_ctzll(mask) + 1;
            mask &= mask - 1;
            memcpy(REAL_ADDRESS(get_segment(num)->base, start),
                   REAL_ADDRESS(master_base(), start), stop - start);
        }
        start = stop;
    }
}

/* A new object, written into the master: every private view of its pages
   gets it too, except 'except_segment' (which has it already). */
void publish_new_object(uintptr_t obj, size_t size, int except_segment)
{
    copy_master_into_views(obj, size,
                           except_segment > 0 ? ~(1ULL << (except_segment - 1))
                                              : ~0ULL);
}

/* Fresh heap pages are made resident in the master a few megabytes at a
   time with MADV_POPULATE_WRITE (Linux 5.14+): one system call instead of
   a page fault per 4 KiB when commits copy their survivors there. */
_Atomic uintptr_t master_populated_end = OLD_START;
static pthread_mutex_t populate_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic bool populate_unsupported;

#define POPULATE_STEP (4UL << 20)

void populate_master(uintptr_t needed_end)
{
    /* the range is claimed under the lock and populated outside it: a
       thread that needs it meanwhile just takes the page faults, instead
       of waiting a millisecond for the kernel to clear 4 MiB */
    pthread_mutex_lock(&populate_lock);
    uintptr_t start = atomic_load(&master_populated_end);
    uintptr_t end = (needed_end + POPULATE_STEP - 1) & ~(POPULATE_STEP - 1);
    if (needed_end > start)
        atomic_store(&master_populated_end, end);
    pthread_mutex_unlock(&populate_lock);
    if (needed_end <= start || populate_unsupported)
        return;
    if (madvise(REAL_ADDRESS(master_base(), start), end - start,
                MADV_POPULATE_WRITE) != 0) {
        if (errno != EINVAL)
            stm_fatal("out of memory: the kernel could not provide %lu "
                      "bytes of heap (%s)",
                      (unsigned long)(end - start), strerror(errno));
        populate_unsupported = true; /* older kernel: fault lazily */
    }
}

long count_private_pages(int segnum)
{
    uint64_t bit = 1ULL << (segnum - 1);
    uintptr_t end = gcpage_high_water();
    long n = 0;
    for (uintptr_t page = OLD_START; page < end; page += PAGE_SIZE)
        if (atomic_load(cow_mask_of_page(page)) & bit)
            n++;
    return n;
}

static void drop_range(struct segment *seg, uintptr_t start, uintptr_t end)
{
    if (end <= start)
        return;
    if (madvise(REAL_ADDRESS(seg->base, start), end - start, MADV_DONTNEED) !=
        0)
        stm_fatal_errno("madvise(MADV_DONTNEED) while resharing pages");
}

static int compare_words(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return x < y ? -1 : x > y;
}

/* Drops the segment's private copies in [start, end): the whole range
   (one call; shared pages lose their mapping too and fault back in on
   the next access), or only the runs of private pages, which leaves the
   shared ones mapped.  Runs a few shared pages apart are dropped in one
   call: each call sends an interrupt to every other core running the
   process to flush its TLB (two threads inserting into a hashtable made
   ~6000 of them, their private pages interleaved with the other's). */
#define DROP_GAP_PAGES 8

static void drop_private(struct segment *seg, uintptr_t start, uintptr_t end,
                         bool whole_range)
{
    if (whole_range) {
        drop_range(seg, start, end);
        return;
    }
    uintptr_t p = start, from = 0, to = 0;
    while (p < end) {
        while (p < end && !page_is_private(seg, p))
            p += PAGE_SIZE;
        uintptr_t run = p;
        while (p < end && page_is_private(seg, p))
            p += PAGE_SIZE;
        if (run == p)
            break;
        if (to != 0 && run - to <= DROP_GAP_PAGES * PAGE_SIZE) {
            to = p;
            continue;
        }
        drop_range(seg, from, to);
        from = run;
        to = p;
    }
    drop_range(seg, from, to);
}

/* World stopped, master up to date.  Keep only the pages holding this
   segment's uncommitted data; everything else goes back to sharing. */
void reshare_segment_pages(struct segment *seg, bool whole_range)
{
    struct list keep = {0};
    uintptr_t obj;
    LIST_FOREACH(&seg->modified_old, obj)
    {
        size_t size = object_size_in(seg->base, obj);
        for (uintptr_t p = obj & ~(PAGE_SIZE - 1); p < obj + size;
             p += PAGE_SIZE)
            list_append(&keep, p);
    }
    LIST_FOREACH(&seg->young_dirty, obj) /* the clean ones are in the master */
    {
        size_t size = object_size_in(seg->base, obj);
        for (uintptr_t p = obj & ~(PAGE_SIZE - 1); p < obj + size;
             p += PAGE_SIZE)
            list_append(&keep, p);
    }
    if (keep.count > 1)
        qsort(keep.items, keep.count, sizeof(uintptr_t), compare_words);

    uint64_t bit = 1ULL << (seg->num - 1);
    uintptr_t end = gcpage_high_water();
    end = (end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    uintptr_t from = OLD_START;
    size_t k = 0;
    while (from < end) {
        while (k < keep.count && keep.items[k] < from)
            k++;
        uintptr_t stop = k < keep.count ? keep.items[k] : end;
        if (stop > end)
            stop = end;
        drop_private(seg, from, stop, whole_range);
        for (uintptr_t p = from; p < stop; p += PAGE_SIZE)
            atomic_fetch_and(cow_mask_of_page(p), ~bit);
        from = stop + PAGE_SIZE;
    }
    list_free(&keep);
}

/* gcpage found an entirely free range: give its memory back, both the
   master's (a hole in the memfd) and the segments' private copies. */
/* Freed memory is kept for reuse up to a budget per sweep (set by the
   major collection): giving pages back and taking them again costs a
   zeroed page and a fault each. */
static size_t release_budget;

void set_release_budget(size_t bytes)
{
    release_budget = bytes;
}

void release_free_pages(uintptr_t start, uintptr_t len)
{
    if (len <= release_budget) {
        release_budget -= len;
        return;
    }
    if (fallocate(stm_memfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  (off_t)(start - OLD_START), (off_t)len) != 0)
        stm_fatal_errno("fallocate(PUNCH_HOLE) on the heap memfd");
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        struct segment *seg = get_segment(i);
        if (!seg->participant)
            continue;
        drop_range(seg, start, start + len);
    }
    for (uintptr_t p = start; p < start + len; p += PAGE_SIZE)
        atomic_store(cow_mask_of_page(p), 0);
    /* reused later: fault in lazily (populating below the high-water
       mark again would touch everything) */
}

void pages_fork_lock(bool lock)
{
    if (lock)
        pthread_mutex_lock(&populate_lock);
    else
        pthread_mutex_unlock(&populate_lock);
}
