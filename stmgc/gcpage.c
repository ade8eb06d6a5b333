/* gcpage: allocator for old objects (see gcpage.h).
 *
 * This file owns the whole page/size-class layer: the page map, the free-span
 * tree, the runs of small objects, the per-cache allocation cursors, the mark
 * bits and the sweep.  It never dereferences an address it hands out.
 *
 * Design notes
 * ============
 *
 * Pages and spans
 * ---------------
 * The area is cut into 4 KiB pages, numbered from 0.  At any time the pages
 * are tiled by spans, each described by a `struct span` living in malloc'ed
 * memory:
 *
 *   SPAN_FREE  a maximal run of free pages (two free spans are never
 *              adjacent: freeing coalesces with both neighbours);
 *   SPAN_BIG   one object bigger than GCPAGE_SMALL_MAX, page-rounded;
 *   SPAN_RUN   a run of equal-sized slots of one size class
 *              (a `struct run`, which starts with its `struct span`).
 *
 * The page map is an array with one `struct span *` per page of the area,
 * mmap'ed with MAP_NORESERVE so that only the entries of the used part of the
 * area cost memory (8 bytes per 4 KiB page, i.e. 0.2%).  It is exact for the
 * first and last page of every span, and for every page of a run (objects of
 * a run start on any of its pages).  The other entries may be stale; a lookup
 * validates what it finds: the descriptor must be in use, of the expected
 * kind, and its page range must contain the page.  This is sound because
 * descriptors are never given back to malloc before teardown (they are
 * recycled through per-type free lists, so a stale pointer always points to a
 * valid descriptor) and spans in use never overlap: if a live span contains
 * the page, it *is* the span of that page.
 *
 * Free spans are kept in a treap ordered by first page, each node also
 * holding the largest free span of its subtree.  Allocating n pages takes the
 * lowest-addressed free span of at least n pages (address-ordered first fit,
 * O(log #free spans)); this reuses low addresses first and keeps the high
 * water mark down.  The tail of the chosen span stays in the tree in place
 * (cutting from the front of a span does not change its order among the
 * others).  Freeing looks at the page map entries just before and just after
 * the freed range to merge with free neighbours.  All of this is under one
 * mutex, heap_lock; big objects are rare and runs are taken 16+ KiB at a time.
 *
 * Each free span remembers the hull [dirty_first, dirty_end) of its pages
 * that were handed out since they were last given to release_pages().  The
 * sweep reports the hulls of at least GCPAGE_RELEASE_MIN bytes, one call per
 * free span, i.e. one syscall per maximal contiguous free range; the huge
 * never-used tail of the area is clean, so it is never reported.
 *
 * Small objects
 * -------------
 * Sizes up to GCPAGE_SMALL_MAX are rounded to one of 36 size classes:
 * multiples of 16 up to 128, then 4 classes per doubling (160, 192, 224,
 * 256, 320, ...) up to 16384, which bounds the rounding waste by 25%.  Above
 * that, page rounding wastes less than 4 KiB / 16 KiB = 25% too.  A run of a
 * class is 4 to 64 pages, chosen at init to hold at least 8 slots and at most
 * 1024, with the smallest tail waste.
 *
 * A run keeps two bitmaps of up to 16 words: free_slots (1 = free) and
 * mark_bits.  Each cache has, per size class, a cursor: its current run and a
 * private copy of one bitmap word that it took from the run with an atomic
 * exchange (the run's word is left at 0).  Allocating is then
 *     bit = lowest set bit of the private word; clear it;
 *     return word_base + bit * slot_size
 * without any atomic operation; an atomic exchange is paid once per 64 slots.
 * Freeing an object of the private word of the caller's own cursor just sets
 * the bit back in the private word (the common case: a transaction aborting
 * right after allocating); any other free is an atomic OR into the run's
 * word, so frees from any cache are correct.  A slot is allocated iff its bit
 * is clear both in the run and, if the run has an owner that holds that word,
 * in the owner's private word.  The owner changes its (run, claimed word,
 * private word) triple inside a seqlock write section (claim_seq), so another
 * thread asking about a slot never mistakes a live object for a free one.
 *
 * A run is OWNED by one cursor, PARTIAL (in the per-class list of runs with
 * free slots, lowest addresses first after a sweep) or FULL (in no list,
 * found again through the page map when one of its objects is freed).  When a
 * cursor finds no free bit left in its run, it takes the class lock, stores
 * FULL and then rescans the bitmap; a freer ORs its bit and then loads the
 * state, taking the class lock to move a FULL run to the PARTIAL list.  Both
 * sides use sequentially consistent operations, so at least one of them sees
 * the other: a freed slot can never be lost in a FULL run.
 *
 * Marking and sweeping
 * --------------------
 * Mark bits live in the runs (one per slot) and in big spans (one per span),
 * so clearing them costs nothing more than the sweep's walk, which visits the
 * spans in address order through the page map (first page of a span, then
 * skip npages): its cost is proportional to the number of spans, not to the
 * size of the area.  The sweep first gives every cursor's private word back
 * to its run and detaches the cursors, so that all runs are unowned; then per
 * run it frees allocated & ~marked slots, clears the marks, and either gives
 * the run back to the page layer (no live slot left), puts it on its class's
 * PARTIAL list, or leaves it FULL.
 *
 * Accounting
 * ----------
 * Live bytes of small objects are counted per cache (single writer, relaxed
 * atomics so that readers on other threads see a coherent value) as a signed
 * delta since the last sweep, which recomputes the exact total; big objects
 * are counted under heap_lock.  The high water mark is kept the same way.
 */
#include "gcpage.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  GCPAGE_PAGE_SIZE
_Static_assert(PAGE_SIZE == 1 << PAGE_SHIFT, "page size");

#define GRANULE_SHIFT      4 /* all sizes are rounded to 16 bytes */
#define NB_SIZE_CLASSES    36
#define RUN_MAX_SLOTS      1024
#define RUN_BITMAP_WORDS   (RUN_MAX_SLOTS / 64)
#define RUN_MIN_PAGES      4
#define RUN_MIN_SLOTS      8
#define RELEASE_MIN_PAGES  (GCPAGE_RELEASE_MIN / PAGE_SIZE)
#define SLOT_DIVISOR_SHIFT 40 /* slot = (offset * magic) >> 40 */
#define SPANS_PER_CHUNK    512
#define RUNS_PER_CHUNK     64
#define NO_PAGE            UINTPTR_MAX

#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define RELAXED     memory_order_relaxed
#define LOAD(p)     atomic_load_explicit(p, RELAXED)
#define STORE(p, v) atomic_store_explicit(p, v, RELAXED)

enum span_kind { SPAN_UNUSED = 0, SPAN_FREE, SPAN_BIG, SPAN_RUN };
enum run_state { RUN_OWNED, RUN_PARTIAL, RUN_FULL };

struct span {
    uintptr_t first_page;
    uintptr_t npages;
    uint8_t kind;
    bool big_marked;   /* SPAN_BIG */
    uint32_t priority; /* SPAN_FREE: treap heap order (max at the root) */
    /* SPAN_FREE: treap children; `left` also links unused descriptors */
    struct span *left, *right;
    uintptr_t subtree_max_npages; /* SPAN_FREE */
    /* SPAN_FREE: pages possibly touched since their last release */
    uintptr_t dirty_first, dirty_end;
};

struct cursor;

struct run {
    struct span span; /* first member: a run is found as a span */
    uintptr_t base;   /* address of slot 0 */
    uint64_t slot_magic;
    struct run *next; /* PARTIAL list, or list of unused runs */
    _Atomic(struct cursor *) owner;
    uint32_t slot_size;
    uint16_t nslots;
    uint8_t size_class;
    _Atomic uint8_t state;
    _Atomic uint64_t free_slots[RUN_BITMAP_WORDS];
    uint64_t mark_bits[RUN_BITMAP_WORDS];
};

/* Per cache and size class.  Only the thread using the cache writes it (and
 * the sweep, when everything else is stopped).  Other threads read the triple
 * (run, claimed_word, free_slots) to know whether a slot is free; the owner
 * changes the run or the claimed word only inside a claim_seq write section
 * (seqlock: claim_seq is odd meanwhile). */
struct cursor {
    _Atomic uint64_t free_slots; /* private copy of word claimed_word of run */
    uintptr_t word_base;         /* address of the first slot of that word */
    _Atomic(struct run *) run;   /* NULL, or a run owned by this cursor */
    uint32_t slot_size;
    _Atomic uint32_t claim_seq;
    _Atomic int32_t claimed_word; /* -1: none */
    uint32_t next_word;           /* where to look for the next word to claim */
};

struct cache {
    struct cursor cursors[NB_SIZE_CLASSES];
    _Atomic intptr_t live_bytes_delta; /* since the last sweep */
    _Atomic uintptr_t high_water;
} __attribute__((aligned(64)));

struct size_class_pool {
    pthread_mutex_t lock; /* partial list and FULL -> * transitions */
    struct run *partial;
} __attribute__((aligned(64)));

struct span_chunk {
    struct span_chunk *next;
    struct span spans[SPANS_PER_CHUNK];
};

struct run_chunk {
    struct run_chunk *next;
    struct run runs[RUNS_PER_CHUNK];
};

/* Size class tables, filled by init_size_classes(). */
static uint32_t class_size[NB_SIZE_CLASSES];
static uint16_t class_run_pages[NB_SIZE_CLASSES];
static uint16_t class_nslots[NB_SIZE_CLASSES];
static uint64_t class_magic[NB_SIZE_CLASSES];
static uint8_t class_of_granules[(GCPAGE_SMALL_MAX >> GRANULE_SHIFT) + 1];

static struct {
    bool initialized;
    uintptr_t area_start, area_end;
    uintptr_t total_pages;
    void (*release_pages)(uintptr_t start, uintptr_t len);
    struct span **pagemap;
    size_t pagemap_bytes;
    int nb_caches;
    struct cache *caches;
    struct size_class_pool classes[NB_SIZE_CLASSES];

    pthread_mutex_t heap_lock; /* everything below */
    struct span *free_tree;
    uint32_t prng_state;
    struct span *unused_spans;
    struct run *unused_runs;
    struct span_chunk *span_chunks;
    struct run_chunk *run_chunks;
    _Atomic size_t pages_in_use;
    _Atomic size_t big_live_bytes;
    _Atomic uintptr_t big_high_water;

    size_t small_live_bytes_at_sweep; /* written by the sweep only */
} g;


/* ---------- small helpers ---------- */

static void fatal(const char *msg)
{
    fprintf(stderr, "gcpage: %s\n", msg);
    abort();
}

static inline uintptr_t page_address(uintptr_t page)
{
    return g.area_start + (page << PAGE_SHIFT);
}

static inline uintptr_t page_of(uintptr_t addr)
{
    return (addr - g.area_start) >> PAGE_SHIFT;
}

/* Single-writer counters: plain read-modify-write, but through relaxed
 * atomics so that other threads may read them. */
static inline void counter_add(_Atomic intptr_t *counter, intptr_t delta)
{
    atomic_store_explicit(
        counter, atomic_load_explicit(counter, RELAXED) + delta, RELAXED);
}

static inline void raise_high_water(_Atomic uintptr_t *hw, uintptr_t end)
{
    if (end > atomic_load_explicit(hw, RELAXED))
        atomic_store_explicit(hw, end, RELAXED);
}

static inline uint64_t run_word_valid_mask(const struct run *r, unsigned w)
{
    unsigned first_slot = w * 64;
    if (first_slot + 64 <= r->nslots)
        return ~(uint64_t)0;
    if (first_slot >= r->nslots)
        return 0;
    return ((uint64_t)1 << (r->nslots - first_slot)) - 1;
}

static inline unsigned run_nwords(const struct run *r)
{
    return (r->nslots + 63) / 64;
}

static inline unsigned run_slot_index(const struct run *r, uintptr_t addr)
{
    return (unsigned)(((addr - r->base) * r->slot_magic) >> SLOT_DIVISOR_SHIFT);
}


/* ---------- size classes ---------- */

static unsigned choose_run_pages(uint32_t size)
{
    unsigned min_pages = (RUN_MIN_SLOTS * size + PAGE_SIZE - 1) / PAGE_SIZE;
    if (min_pages < RUN_MIN_PAGES)
        min_pages = RUN_MIN_PAGES;
    unsigned best = min_pages;
    double best_waste = 2.0;
    for (unsigned pages = min_pages; pages <= 2 * min_pages; pages++) {
        size_t bytes = (size_t)pages * PAGE_SIZE;
        if (bytes / size > RUN_MAX_SLOTS)
            break;
        double waste = (double)(bytes % size) / (double)bytes;
        if (waste < best_waste) {
            best_waste = waste;
            best = pages;
        }
    }
    return best;
}

static void init_size_classes(void)
{
    unsigned n = 0;
    for (uint32_t size = 16; size <= 128; size += 16)
        class_size[n++] = size;
    for (uint32_t base = 128; base < GCPAGE_SMALL_MAX; base *= 2)
        for (uint32_t step = 1; step <= 4; step++)
            class_size[n++] = base + base / 4 * step;
    if (n != NB_SIZE_CLASSES || class_size[n - 1] != GCPAGE_SMALL_MAX)
        fatal("size class table mismatch");

    unsigned cls = 0;
    for (unsigned granules = 0; granules <= (GCPAGE_SMALL_MAX >> 4);
         granules++) {
        while (class_size[cls] < (granules << GRANULE_SHIFT))
            cls++;
        class_of_granules[granules] = (uint8_t)cls;
    }

    for (cls = 0; cls < NB_SIZE_CLASSES; cls++) {
        uint32_t size = class_size[cls];
        unsigned pages = choose_run_pages(size);
        class_run_pages[cls] = (uint16_t)pages;
        class_nslots[cls] = (uint16_t)((size_t)pages * PAGE_SIZE / size);
        /* exact for offsets < 2^22 and divisors <= 2^14 (see slot index) */
        class_magic[cls] = ((uint64_t)1 << SLOT_DIVISOR_SHIFT) / size + 1;
        assert(class_nslots[cls] >= 1 && class_nslots[cls] <= RUN_MAX_SLOTS);
        assert((size_t)pages * PAGE_SIZE < ((size_t)1 << 22));
    }
}


/* ---------- descriptor pools (under heap_lock, or in the sweep) ---------- */

static struct span *span_new(enum span_kind kind)
{
    if (g.unused_spans == NULL) {
        struct span_chunk *chunk = calloc(1, sizeof(*chunk));
        if (chunk == NULL)
            fatal("out of memory for span descriptors");
        chunk->next = g.span_chunks;
        g.span_chunks = chunk;
        for (int i = SPANS_PER_CHUNK - 1; i >= 0; i--) {
            chunk->spans[i].left = g.unused_spans;
            g.unused_spans = &chunk->spans[i];
        }
    }
    struct span *s = g.unused_spans;
    g.unused_spans = s->left;
    memset(s, 0, sizeof(*s));
    s->kind = (uint8_t)kind;
    return s;
}

static void span_delete(struct span *s)
{
    s->kind = SPAN_UNUSED;
    s->left = g.unused_spans;
    g.unused_spans = s;
}

static struct run *run_new(void)
{
    if (g.unused_runs == NULL) {
        struct run_chunk *chunk = calloc(1, sizeof(*chunk));
        if (chunk == NULL)
            fatal("out of memory for run descriptors");
        chunk->next = g.run_chunks;
        g.run_chunks = chunk;
        for (int i = RUNS_PER_CHUNK - 1; i >= 0; i--) {
            chunk->runs[i].next = g.unused_runs;
            g.unused_runs = &chunk->runs[i];
        }
    }
    struct run *r = g.unused_runs;
    g.unused_runs = r->next;
    r->next = NULL;
    return r;
}

static void run_delete(struct run *r)
{
    r->span.kind = SPAN_UNUSED;
    STORE(&r->owner, NULL);
    r->next = g.unused_runs;
    g.unused_runs = r;
}


/* ---------- treap of free spans, keyed by first_page ---------- */

static inline uintptr_t subtree_max(const struct span *t)
{
    return t ? t->subtree_max_npages : 0;
}

static inline void treap_update(struct span *t)
{
    uintptr_t m = t->npages;
    if (subtree_max(t->left) > m)
        m = subtree_max(t->left);
    if (subtree_max(t->right) > m)
        m = subtree_max(t->right);
    t->subtree_max_npages = m;
}

/* every key of a is below every key of b */
static struct span *treap_merge(struct span *a, struct span *b)
{
    if (a == NULL)
        return b;
    if (b == NULL)
        return a;
    if (a->priority > b->priority) {
        a->right = treap_merge(a->right, b);
        treap_update(a);
        return a;
    }
    b->left = treap_merge(a, b->left);
    treap_update(b);
    return b;
}

/* *below gets the keys < key, *above the others */
static void treap_split(struct span *t, uintptr_t key, struct span **below,
                        struct span **above)
{
    if (t == NULL) {
        *below = *above = NULL;
    } else if (t->first_page < key) {
        treap_split(t->right, key, &t->right, above);
        treap_update(t);
        *below = t;
    } else {
        treap_split(t->left, key, below, &t->left);
        treap_update(t);
        *above = t;
    }
}

static void treap_insert(struct span **link, struct span *node)
{
    struct span *t = *link;
    if (t == NULL || node->priority > t->priority) {
        treap_split(t, node->first_page, &node->left, &node->right);
        treap_update(node);
        *link = node;
        return;
    }
    treap_insert(node->first_page < t->first_page ? &t->left : &t->right, node);
    treap_update(t);
}

static void treap_erase(struct span **link, uintptr_t key)
{
    struct span *t = *link;
    assert(t != NULL);
    if (t->first_page == key) {
        *link = treap_merge(t->left, t->right);
        return;
    }
    treap_erase(key < t->first_page ? &t->left : &t->right, key);
    treap_update(t);
}

/* Sets the size of the node with the given key (its key is unchanged). */
static void treap_resize(struct span *t, uintptr_t key, uintptr_t npages)
{
    assert(t != NULL);
    if (t->first_page == key)
        t->npages = npages;
    else
        treap_resize(key < t->first_page ? t->left : t->right, key, npages);
    treap_update(t);
}

static void clip_dirty_hull(struct span *s)
{
    uintptr_t end = s->first_page + s->npages;
    if (s->dirty_first < s->first_page)
        s->dirty_first = s->first_page;
    if (s->dirty_end > end)
        s->dirty_end = end;
    if (s->dirty_first >= s->dirty_end)
        s->dirty_first = s->dirty_end = 0;
}

/* Removes the first npages pages of the lowest-addressed free span having at
 * least npages, returning their first page in *first_page. */
static bool treap_carve_first_fit(struct span **link, uintptr_t npages,
                                  uintptr_t *first_page)
{
    struct span *t = *link;
    if (t == NULL || t->subtree_max_npages < npages)
        return false;
    if (subtree_max(t->left) >= npages) {
        treap_carve_first_fit(&t->left, npages, first_page);
    } else if (t->npages >= npages) {
        *first_page = t->first_page;
        if (t->npages == npages) {
            *link = treap_merge(t->left, t->right);
            span_delete(t);
            return true;
        }
        /* the rest keeps its place in the tree: no free span starts
         * inside the part we cut off */
        t->first_page += npages;
        t->npages -= npages;
        clip_dirty_hull(t);
        g.pagemap[t->first_page] = t;
    } else {
        treap_carve_first_fit(&t->right, npages, first_page);
    }
    treap_update(t);
    return true;
}


/* ---------- the page layer (heap_lock held) ---------- */

static uint32_t next_priority(void)
{
    uint32_t x = g.prng_state; /* xorshift32 */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    g.prng_state = x;
    return x;
}

static uintptr_t heap_alloc_pages(uintptr_t npages)
{
    uintptr_t first_page;
    if (!treap_carve_first_fit(&g.free_tree, npages, &first_page))
        return NO_PAGE;
    atomic_store_explicit(
        &g.pages_in_use,
        atomic_load_explicit(&g.pages_in_use, RELAXED) + npages, RELAXED);
    return first_page;
}

static void hull_union(uintptr_t *first, uintptr_t *end, uintptr_t other_first,
                       uintptr_t other_end)
{
    if (other_first >= other_end)
        return;
    if (*first >= *end) {
        *first = other_first;
        *end = other_end;
        return;
    }
    if (other_first < *first)
        *first = other_first;
    if (other_end > *end)
        *end = other_end;
}

/* Gives [first, first + npages) back, merged with the free neighbours; the
 * range counts as dirty.  Returns the free span now containing it. */
static struct span *heap_free_pages(uintptr_t first, uintptr_t npages)
{
    uintptr_t end = first + npages;
    uintptr_t dirty_first = first, dirty_end = end;

    atomic_store_explicit(
        &g.pages_in_use,
        atomic_load_explicit(&g.pages_in_use, RELAXED) - npages, RELAXED);
    if (end < g.total_pages) {
        struct span *next = g.pagemap[end];
        if (next != NULL && next->kind == SPAN_FREE &&
            next->first_page == end) {
            treap_erase(&g.free_tree, end);
            hull_union(&dirty_first, &dirty_end, next->dirty_first,
                       next->dirty_end);
            end += next->npages;
            span_delete(next);
        }
    }
    if (first > 0) {
        struct span *prev = g.pagemap[first - 1];
        if (prev != NULL && prev->kind == SPAN_FREE &&
            prev->first_page + prev->npages == first) {
            treap_resize(g.free_tree, prev->first_page, end - prev->first_page);
            hull_union(&prev->dirty_first, &prev->dirty_end, dirty_first,
                       dirty_end);
            g.pagemap[end - 1] = prev;
            return prev;
        }
    }
    struct span *s = span_new(SPAN_FREE);
    s->first_page = first;
    s->npages = end - first;
    s->dirty_first = dirty_first;
    s->dirty_end = dirty_end;
    s->priority = next_priority();
    treap_insert(&g.free_tree, s);
    g.pagemap[first] = s;
    g.pagemap[end - 1] = s;
    return s;
}


/* ---------- span lookups ---------- */

/* The in-use (BIG or RUN) span containing addr, or NULL. */
static struct span *span_containing(uintptr_t addr)
{
    if (!g.initialized || addr < g.area_start || addr >= g.area_end)
        return NULL;
    uintptr_t page = page_of(addr);
    struct span *s = g.pagemap[page];
    if (s == NULL || (s->kind != SPAN_BIG && s->kind != SPAN_RUN))
        return NULL;
    if (page - s->first_page >= s->npages)
        return NULL; /* stale entry */
    return s;
}

/* Whether the owner of r holds slot `bit` of word w free in its private
 * word.  Read under the owner's seqlock: for a live object the answer is
 * always false, even while the owner is allocating. */
static bool owner_holds_free_slot(const struct run *r, unsigned w, uint64_t bit)
{
    const struct cursor *owner =
        atomic_load_explicit(&r->owner, memory_order_acquire);
    if (owner == NULL)
        return false;
    for (int attempt = 0; attempt < 8; attempt++) {
        uint32_t seq =
            atomic_load_explicit(&owner->claim_seq, memory_order_acquire);
        if (seq & 1)
            continue;
        const struct run *run = LOAD(&owner->run);
        int32_t word = LOAD(&owner->claimed_word);
        uint64_t bits = LOAD(&owner->free_slots);
        atomic_thread_fence(memory_order_acquire);
        if (LOAD(&owner->claim_seq) != seq)
            continue;
        return run == r && word == (int32_t)w && (bits & bit) != 0;
    }
    return false; /* the owner keeps switching: the slot was not free */
}

static bool run_slot_is_free(const struct run *r, unsigned slot)
{
    unsigned w = slot / 64;
    uint64_t bit = (uint64_t)1 << (slot % 64);
    if (LOAD(&r->free_slots[w]) & bit)
        return true;
    return owner_holds_free_slot(r, w, bit);
}

/* Finds the live object starting at addr: returns its span, and for a run
 * its slot in *slot. */
static struct span *find_object(uintptr_t addr, unsigned *slot)
{
    struct span *s = span_containing(addr);
    if (s == NULL)
        return NULL;
    if (s->kind == SPAN_BIG)
        return addr == page_address(s->first_page) ? s : NULL;
    struct run *r = (struct run *)s;
    unsigned i = run_slot_index(r, addr);
    if (i >= r->nslots || r->base + (uintptr_t)i * r->slot_size != addr ||
        run_slot_is_free(r, i))
        return NULL;
    *slot = i;
    return s;
}


/* ---------- small objects ---------- */

static struct run *new_run(unsigned cls)
{
    pthread_mutex_lock(&g.heap_lock);
    uintptr_t first = heap_alloc_pages(class_run_pages[cls]);
    if (first == NO_PAGE) {
        pthread_mutex_unlock(&g.heap_lock);
        return NULL;
    }
    struct run *r = run_new();
    r->span.first_page = first;
    r->span.npages = class_run_pages[cls];
    r->span.kind = SPAN_RUN;
    r->span.big_marked = false;
    r->base = page_address(first);
    r->slot_magic = class_magic[cls];
    r->slot_size = class_size[cls];
    r->nslots = class_nslots[cls];
    r->size_class = (uint8_t)cls;
    STORE(&r->owner, NULL);
    r->next = NULL;
    for (unsigned w = 0; w < RUN_BITMAP_WORDS; w++) {
        atomic_store_explicit(&r->free_slots[w], run_word_valid_mask(r, w),
                              RELAXED);
        r->mark_bits[w] = 0;
    }
    for (uintptr_t p = first; p < first + r->span.npages; p++)
        g.pagemap[p] = &r->span;
    pthread_mutex_unlock(&g.heap_lock);
    return r;
}

static void cursor_begin_update(struct cursor *cur)
{
    STORE(&cur->claim_seq, LOAD(&cur->claim_seq) + 1);
    atomic_thread_fence(memory_order_release);
}

static void cursor_end_update(struct cursor *cur)
{
    atomic_store_explicit(&cur->claim_seq, LOAD(&cur->claim_seq) + 1,
                          memory_order_release);
}

static void cursor_attach(struct cursor *cur, struct run *r)
{
    atomic_store_explicit(&r->state, RUN_OWNED, RELAXED);
    cursor_begin_update(cur);
    STORE(&cur->run, r);
    STORE(&cur->free_slots, 0);
    STORE(&cur->claimed_word, -1);
    cur->slot_size = r->slot_size;
    cur->next_word = 0;
    cursor_end_update(cur);
    atomic_store_explicit(&r->owner, cur, memory_order_release);
}

/* Leaves the cursor without a run; its private word must be empty. */
static void cursor_detach(struct cursor *cur)
{
    struct run *r = LOAD(&cur->run);
    STORE(&r->owner, NULL);
    cursor_begin_update(cur);
    STORE(&cur->run, NULL);
    STORE(&cur->free_slots, 0);
    STORE(&cur->claimed_word, -1);
    cur->next_word = 0;
    cursor_end_update(cur);
}

/* Takes the next non-empty bitmap word of the cursor's run, looking from
 * next_word on and then wrapping around.  The private word must be empty. */
static bool cursor_claim_word(struct cursor *cur)
{
    struct run *r = LOAD(&cur->run);
    unsigned nwords = run_nwords(r);
    for (unsigned i = 0; i < nwords; i++) {
        unsigned w = (cur->next_word + i) % nwords;
        if (LOAD(&r->free_slots[w]) == 0)
            continue;
        cursor_begin_update(cur);
        uint64_t bits = atomic_exchange(&r->free_slots[w], 0);
        STORE(&cur->free_slots, bits);
        STORE(&cur->claimed_word, (int32_t)w);
        cursor_end_update(cur);
        if (bits == 0)
            continue;
        cur->word_base = r->base + (uintptr_t)w * 64 * r->slot_size;
        cur->next_word = w + 1;
        return true;
    }
    return false;
}

/* The cursor's run looked full: make it FULL, unless a concurrent free
 * showed up (then the cursor keeps it and returns true). */
static bool cursor_retire_run(struct cursor *cur, unsigned cls)
{
    struct run *r = LOAD(&cur->run);
    bool got_free_slot = false;
    pthread_mutex_lock(&g.classes[cls].lock);
    atomic_store(&r->state, RUN_FULL); /* seq_cst: see the design notes */
    for (unsigned w = 0; w < run_nwords(r); w++)
        if (atomic_load(&r->free_slots[w]) != 0)
            got_free_slot = true;
    if (got_free_slot) {
        atomic_store_explicit(&r->state, RUN_OWNED, RELAXED);
    } else {
        cursor_detach(cur);
    }
    pthread_mutex_unlock(&g.classes[cls].lock);
    return got_free_slot;
}

static bool cursor_acquire_run(struct cursor *cur, unsigned cls)
{
    struct size_class_pool *pool = &g.classes[cls];
    pthread_mutex_lock(&pool->lock);
    struct run *r = pool->partial;
    if (r != NULL) {
        pool->partial = r->next;
        r->next = NULL;
        cursor_attach(cur, r);
    }
    pthread_mutex_unlock(&pool->lock);
    if (r != NULL)
        return true;
    r = new_run(cls);
    if (r == NULL)
        return false;
    cursor_attach(cur, r);
    return true;
}

static inline __attribute__((always_inline)) uintptr_t
take_slot(struct cache *c, struct cursor *cur)
{
    uint64_t bits = LOAD(&cur->free_slots);
    uintptr_t slot_size = cur->slot_size;
    uintptr_t addr =
        cur->word_base + (uintptr_t)__builtin_ctzll(bits) * slot_size;
    STORE(&cur->free_slots, bits & (bits - 1));
    counter_add(&c->live_bytes_delta, (intptr_t)slot_size);
    raise_high_water(&c->high_water, addr + slot_size);
    return addr;
}

static __attribute__((noinline)) uintptr_t
alloc_small_slow(struct cache *c, struct cursor *cur, unsigned cls)
{
    for (;;) {
        if (LOAD(&cur->run) != NULL) {
            if (cursor_claim_word(cur))
                return take_slot(c, cur);
            if (cursor_retire_run(cur, cls))
                continue;
        }
        if (!cursor_acquire_run(cur, cls))
            return 0;
    }
}

/* A slot was freed in a run that may be FULL: put it back in reach. */
static void make_run_partial(struct run *r)
{
    struct size_class_pool *pool = &g.classes[r->size_class];
    pthread_mutex_lock(&pool->lock);
    if (atomic_load_explicit(&r->state, RELAXED) == RUN_FULL) {
        atomic_store_explicit(&r->state, RUN_PARTIAL, RELAXED);
        r->next = pool->partial;
        pool->partial = r;
    }
    pthread_mutex_unlock(&pool->lock);
}

static void free_small(struct cache *c, struct run *r, uintptr_t addr)
{
    unsigned slot = run_slot_index(r, addr);
    assert(slot < r->nslots &&
           r->base + (uintptr_t)slot * r->slot_size == addr);
    assert(!run_slot_is_free(r, slot));
    unsigned w = slot / 64;
    uint64_t bit = (uint64_t)1 << (slot % 64);
    struct cursor *cur = &c->cursors[r->size_class];

    counter_add(&c->live_bytes_delta, -(intptr_t)r->slot_size);
    if (LOAD(&cur->run) == r && LOAD(&cur->claimed_word) == (int32_t)w) {
        STORE(&cur->free_slots, LOAD(&cur->free_slots) | bit);
        return;
    }
    atomic_fetch_or(&r->free_slots[w], bit); /* seq_cst */
    if (atomic_load(&r->state) == RUN_FULL)
        make_run_partial(r);
}


/* ---------- big objects ---------- */

static __attribute__((noinline)) uintptr_t alloc_big(size_t size)
{
    if (size > g.area_end - g.area_start)
        return 0;
    uintptr_t npages = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
    pthread_mutex_lock(&g.heap_lock);
    uintptr_t first = heap_alloc_pages(npages);
    if (first == NO_PAGE) {
        pthread_mutex_unlock(&g.heap_lock);
        return 0;
    }
    struct span *s = span_new(SPAN_BIG);
    s->first_page = first;
    s->npages = npages;
    g.pagemap[first] = s;
    g.pagemap[first + npages - 1] = s;
    uintptr_t addr = page_address(first);
    atomic_store_explicit(&g.big_live_bytes,
                          atomic_load_explicit(&g.big_live_bytes, RELAXED) +
                              (npages << PAGE_SHIFT),
                          RELAXED);
    raise_high_water(&g.big_high_water, addr + (npages << PAGE_SHIFT));
    pthread_mutex_unlock(&g.heap_lock);
    return addr;
}

/* Returns the free span now holding the object's pages. */
static struct span *free_big(struct span *s)
{
    uintptr_t first = s->first_page, npages = s->npages;
    atomic_store_explicit(&g.big_live_bytes,
                          atomic_load_explicit(&g.big_live_bytes, RELAXED) -
                              (npages << PAGE_SHIFT),
                          RELAXED);
    span_delete(s);
    return heap_free_pages(first, npages);
}


/* ---------- API ---------- */

void gcpage_init(uintptr_t area_start, uintptr_t area_end, int nb_caches,
                 void (*release_pages)(uintptr_t start, uintptr_t len))
{
    if (g.initialized)
        fatal("gcpage_init called twice without gcpage_teardown");
    if (area_start == 0 || area_start % PAGE_SIZE != 0 ||
        area_end % PAGE_SIZE != 0 || area_end <= area_start || nb_caches < 1)
        fatal("gcpage_init: bad arguments");
    init_size_classes();

    memset(&g, 0, sizeof(g));
    g.area_start = area_start;
    g.area_end = area_end;
    g.total_pages = (area_end - area_start) >> PAGE_SHIFT;
    g.release_pages = release_pages;
    g.pagemap_bytes = g.total_pages * sizeof(struct span *);
    void *map = mmap(NULL, g.pagemap_bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED)
        fatal("cannot map the page map");
    g.pagemap = map;

    g.nb_caches = nb_caches;
    g.caches = aligned_alloc(64, sizeof(struct cache) * (size_t)nb_caches);
    if (g.caches == NULL)
        fatal("out of memory for caches");
    memset(g.caches, 0, sizeof(struct cache) * (size_t)nb_caches);
    for (int i = 0; i < nb_caches; i++) {
        atomic_store_explicit(&g.caches[i].high_water, area_start, RELAXED);
        for (unsigned cls = 0; cls < NB_SIZE_CLASSES; cls++)
            STORE(&g.caches[i].cursors[cls].claimed_word, -1);
    }
    for (unsigned cls = 0; cls < NB_SIZE_CLASSES; cls++)
        pthread_mutex_init(&g.classes[cls].lock, NULL);
    pthread_mutex_init(&g.heap_lock, NULL);
    g.prng_state = 2463534242u;
    atomic_store_explicit(&g.big_high_water, area_start, RELAXED);

    struct span *all = span_new(SPAN_FREE);
    all->first_page = 0;
    all->npages = g.total_pages;
    all->priority = next_priority();
    treap_insert(&g.free_tree, all);
    g.pagemap[0] = all;
    g.pagemap[g.total_pages - 1] = all;
    g.initialized = true;
}

void gcpage_teardown(void)
{
    if (!g.initialized)
        return;
    munmap(g.pagemap, g.pagemap_bytes);
    free(g.caches);
    while (g.span_chunks != NULL) {
        struct span_chunk *next = g.span_chunks->next;
        free(g.span_chunks);
        g.span_chunks = next;
    }
    while (g.run_chunks != NULL) {
        struct run_chunk *next = g.run_chunks->next;
        free(g.run_chunks);
        g.run_chunks = next;
    }
    for (unsigned cls = 0; cls < NB_SIZE_CLASSES; cls++)
        pthread_mutex_destroy(&g.classes[cls].lock);
    pthread_mutex_destroy(&g.heap_lock);
    memset(&g, 0, sizeof(g));
}

uintptr_t gcpage_alloc(int cache, size_t size)
{
    assert(g.initialized && cache >= 0 && cache < g.nb_caches);
    if (LIKELY(size <= GCPAGE_SMALL_MAX)) {
        unsigned cls = class_of_granules[(size + 15) >> GRANULE_SHIFT];
        struct cache *c = &g.caches[cache];
        struct cursor *cur = &c->cursors[cls];
        if (LIKELY(LOAD(&cur->free_slots) != 0))
            return take_slot(c, cur);
        return alloc_small_slow(c, cur, cls);
    }
    return alloc_big(size);
}

void gcpage_free(int cache, uintptr_t addr)
{
    assert(g.initialized && cache >= 0 && cache < g.nb_caches);
    assert(addr >= g.area_start && addr < g.area_end);
    struct span *s = g.pagemap[page_of(addr)];
    assert(s == span_containing(addr) && s != NULL);
    if (LIKELY(s->kind == SPAN_RUN)) {
        free_small(&g.caches[cache], (struct run *)s, addr);
        return;
    }
    assert(addr == page_address(s->first_page));
    pthread_mutex_lock(&g.heap_lock);
    free_big(s);
    pthread_mutex_unlock(&g.heap_lock);
}

size_t gcpage_object_size(uintptr_t addr)
{
    unsigned slot;
    struct span *s = find_object(addr, &slot);
    if (s == NULL)
        return 0;
    if (s->kind == SPAN_BIG)
        return s->npages << PAGE_SHIFT;
    return ((struct run *)s)->slot_size;
}

bool gcpage_is_allocated(uintptr_t addr)
{
    unsigned slot;
    return find_object(addr, &slot) != NULL;
}

bool gcpage_mark(uintptr_t addr)
{
    unsigned slot;
    struct span *s = find_object(addr, &slot);
    assert(s != NULL);
    if (s == NULL)
        return false;
    if (s->kind == SPAN_BIG) {
        bool was_marked = s->big_marked;
        s->big_marked = true;
        return was_marked;
    }
    struct run *r = (struct run *)s;
    uint64_t bit = (uint64_t)1 << (slot % 64);
    uint64_t old = r->mark_bits[slot / 64];
    r->mark_bits[slot / 64] = old | bit;
    return (old & bit) != 0;
}

bool gcpage_is_marked(uintptr_t addr)
{
    unsigned slot;
    struct span *s = find_object(addr, &slot);
    if (s == NULL)
        return false;
    if (s->kind == SPAN_BIG)
        return s->big_marked;
    struct run *r = (struct run *)s;
    return (r->mark_bits[slot / 64] >> (slot % 64)) & 1;
}

/* Gives every cursor's private word back to its run and detaches it. */
static void detach_all_cursors(void)
{
    for (int i = 0; i < g.nb_caches; i++) {
        for (unsigned cls = 0; cls < NB_SIZE_CLASSES; cls++) {
            struct cursor *cur = &g.caches[i].cursors[cls];
            struct run *r = LOAD(&cur->run);
            if (r == NULL)
                continue;
            int32_t w = LOAD(&cur->claimed_word);
            if (w >= 0)
                atomic_fetch_or_explicit(&r->free_slots[w],
                                         LOAD(&cur->free_slots), RELAXED);
            STORE(&cur->free_slots, 0);
            cursor_detach(cur);
        }
    }
}

/* Frees the unmarked objects of a run and clears its marks; returns the
 * number of live slots left. */
static unsigned sweep_run(struct run *r,
                          void (*on_free)(uintptr_t addr, void *arg), void *arg)
{
    unsigned live = 0;
    for (unsigned w = 0; w < run_nwords(r); w++) {
        uint64_t free_bits = atomic_load_explicit(&r->free_slots[w], RELAXED);
        uint64_t allocated = run_word_valid_mask(r, w) & ~free_bits;
        uint64_t survivors = allocated & r->mark_bits[w];
        uint64_t dead = allocated & ~survivors;
        if (on_free != NULL) {
            uintptr_t word_base = r->base + (uintptr_t)w * 64 * r->slot_size;
            for (uint64_t d = dead; d != 0; d &= d - 1)
                on_free(word_base +
                            (uintptr_t)__builtin_ctzll(d) * r->slot_size,
                        arg);
        }
        atomic_store_explicit(&r->free_slots[w], free_bits | dead, RELAXED);
        r->mark_bits[w] = 0;
        live += (unsigned)__builtin_popcountll(survivors);
    }
    return live;
}

static void release_dirty_pages(struct span *s)
{
    if (s == NULL || s->dirty_end - s->dirty_first < RELEASE_MIN_PAGES)
        return;
    if (g.release_pages != NULL)
        g.release_pages(page_address(s->dirty_first),
                        (s->dirty_end - s->dirty_first) << PAGE_SHIFT);
    s->dirty_first = s->dirty_end = 0;
}

void gcpage_sweep(void (*on_free)(uintptr_t addr, void *arg), void *arg)
{
    assert(g.initialized);
    detach_all_cursors();

    struct run **partial_tail[NB_SIZE_CLASSES];
    for (unsigned cls = 0; cls < NB_SIZE_CLASSES; cls++) {
        g.classes[cls].partial = NULL;
        partial_tail[cls] = &g.classes[cls].partial;
    }

    size_t small_live = 0;
    struct span *pending_free = NULL; /* free span left of `page` */
    uintptr_t page = 0;
    while (page < g.total_pages) {
        struct span *s = g.pagemap[page];
        assert(s != NULL && s->first_page == page && s->npages > 0);
        if (s->kind == SPAN_FREE) {
            pending_free = s;
            page += s->npages;
            continue;
        }
        if (s->kind == SPAN_BIG) {
            if (!s->big_marked) {
                if (on_free != NULL)
                    on_free(page_address(page), arg);
                pending_free = free_big(s);
                page = pending_free->first_page + pending_free->npages;
                continue;
            }
            s->big_marked = false;
        } else {
            struct run *r = (struct run *)s;
            unsigned live = sweep_run(r, on_free, arg);
            if (live == 0) {
                uintptr_t first = s->first_page, npages = s->npages;
                run_delete(r);
                pending_free = heap_free_pages(first, npages);
                page = pending_free->first_page + pending_free->npages;
                continue;
            }
            small_live += (size_t)live * r->slot_size;
            r->next = NULL;
            if (live == r->nslots) {
                atomic_store_explicit(&r->state, RUN_FULL, RELAXED);
            } else {
                atomic_store_explicit(&r->state, RUN_PARTIAL, RELAXED);
                *partial_tail[r->size_class] = r;
                partial_tail[r->size_class] = &r->next;
            }
        }
        release_dirty_pages(pending_free);
        pending_free = NULL;
        page += s->npages;
    }
    release_dirty_pages(pending_free);

    g.small_live_bytes_at_sweep = small_live;
    for (int i = 0; i < g.nb_caches; i++)
        atomic_store_explicit(&g.caches[i].live_bytes_delta, 0, RELAXED);
}

size_t gcpage_bytes_in_use(void)
{
    intptr_t total = (intptr_t)g.small_live_bytes_at_sweep +
                     (intptr_t)atomic_load_explicit(&g.big_live_bytes, RELAXED);
    for (int i = 0; i < g.nb_caches; i++)
        total += atomic_load_explicit(&g.caches[i].live_bytes_delta, RELAXED);
    return total > 0 ? (size_t)total : 0;
}

size_t gcpage_pages_in_use(void)
{
    return atomic_load_explicit(&g.pages_in_use, RELAXED);
}

uintptr_t gcpage_high_water(void)
{
    uintptr_t hw = atomic_load_explicit(&g.big_high_water, RELAXED);
    for (int i = 0; i < g.nb_caches; i++) {
        uintptr_t h = atomic_load_explicit(&g.caches[i].high_water, RELAXED);
        if (h > hw)
            hw = h;
    }
    return hw;
}

void gcpage_for_each_object(void (*fn)(uintptr_t addr, size_t size, void *arg),
                            void *arg)
{
    uintptr_t page = 0;
    while (g.initialized && page < g.total_pages) {
        struct span *s = g.pagemap[page];
        assert(s != NULL && s->first_page == page);
        if (s->kind == SPAN_BIG) {
            fn(page_address(page), s->npages << PAGE_SHIFT, arg);
        } else if (s->kind == SPAN_RUN) {
            struct run *r = (struct run *)s;
            for (unsigned slot = 0; slot < r->nslots; slot++)
                if (!run_slot_is_free(r, slot))
                    fn(r->base + (uintptr_t)slot * r->slot_size, r->slot_size,
                       arg);
        }
        page += s->npages;
    }
}
