/* gcpage: allocator for old objects (survivors of the nursery, and large
 * objects) of the generational GC.
 *
 * It hands out addresses inside a caller-provided virtual range, remembers
 * which ones are allocated, carries the major collector's mark bits, sweeps
 * unmarked objects and reports page ranges that became entirely free so the
 * caller can give the memory back to the OS.  It never reads or writes the
 * heap itself: every piece of metadata lives in the allocator's own memory.
 */
#ifndef STMGC_GCPAGE_H
#define STMGC_GCPAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Granularity of the page layer, of release_pages() ranges and of the area
 * bounds. */
#define GCPAGE_PAGE_SIZE 4096

/* Objects up to this size come from per-cache runs of equal-sized slots;
 * bigger ones get their own page-granular span. */
#define GCPAGE_SMALL_MAX 16384

/* release_pages() is called only for contiguous free ranges of at least this
 * many bytes; smaller free holes stay resident until they merge into a bigger
 * free range (or are reused). */
#define GCPAGE_RELEASE_MIN (64 * 1024)

/* Sets up an empty allocator over [area_start, area_end).  Both bounds must
 * be multiples of GCPAGE_PAGE_SIZE and area_start must not be 0 (0 is the
 * "exhausted" return value of gcpage_alloc).  nb_caches >= 1 is the number of
 * per-thread caches.  release_pages is called from gcpage_sweep() only; it
 * may be NULL. */
void gcpage_init(uintptr_t area_start, uintptr_t area_end, int nb_caches,
                 void (*release_pages)(uintptr_t start, uintptr_t len));

/* Frees all metadata.  gcpage_init() may be called again afterwards. */
void gcpage_teardown(void);

/* Returns a 16-byte-aligned address of a block of at least `size` bytes
 * (`size` should be a multiple of 8 and >= 16; smaller or odd sizes are
 * rounded up), or 0 if the area is exhausted.  Calls with different `cache`
 * values may run concurrently; one cache is used by one thread at a time. */
uintptr_t gcpage_alloc(int cache, size_t size);

/* Frees a live object.  The object may come from any cache; `cache` is the
 * caller's own cache. */
void gcpage_free(int cache, uintptr_t addr);

/* Rounded size of the live object starting at addr (its size class, or its
 * page-rounded size for big objects); 0 if addr is not a live object. */
size_t gcpage_object_size(uintptr_t addr);

/* True iff addr is the start of a live object.
 *
 * gcpage_object_size, gcpage_is_allocated and gcpage_is_marked accept any
 * address and may run concurrently with allocations and frees on other
 * threads: for an object that stays live meanwhile the answer is exact.  For
 * an object being allocated or freed at the same moment, it is either. */
bool gcpage_is_allocated(uintptr_t addr);

/* Marking: only while no other thread uses the allocator.  gcpage_mark sets
 * the mark bit of the live object at addr and returns whether it was already
 * set. */
bool gcpage_mark(uintptr_t addr);
bool gcpage_is_marked(uintptr_t addr);

/* Frees every live object that is not marked, calling on_free(addr, arg) (if
 * not NULL) for each while it is still allocated, then clears all mark bits.
 * Then, for each maximal range of free pages, the part that was handed out
 * since it was last reported (the hull of such pages) is passed to
 * release_pages(), in one call, if it is at least GCPAGE_RELEASE_MIN bytes;
 * smaller ones are kept for a later sweep.  Never-used pages are never
 * reported.  Must not run concurrently with any other gcpage call; on_free
 * may call the query functions above. */
void gcpage_sweep(void (*on_free)(uintptr_t addr, void *arg), void *arg);

/* Sum of gcpage_object_size() over live objects. */
size_t gcpage_bytes_in_use(void);

/* Pages currently given out by the page layer: those of runs of small
 * objects (even partially used ones) and those of big objects. */
size_t gcpage_pages_in_use(void);

/* max(addr + gcpage_object_size(addr)) over every object ever handed out;
 * area_start if none was. */
uintptr_t gcpage_high_water(void);

/* Calls fn on each live object, in increasing address order.  Must not run
 * concurrently with allocation or freeing. */
void gcpage_for_each_object(void (*fn)(uintptr_t addr, size_t size, void *arg),
                            void *arg);

#endif
