/* setup.c -- stm_setup()/stm_teardown(): the address-space reservation,
 * the memfd behind the old generation, the per-segment mappings, and
 * thread registration with its shadow stack.
 *
 * Start-up is lazy: everything is reserved with MAP_NORESERVE and only
 * the pages a program touches ever cost memory, so "hello world" starts
 * in well under a millisecond of library time. */
#include "core.h"
#include "gcpage.h"

#include <errno.h>
#include <sys/mman.h>

char *stm_object_pages;
int stm_memfd = -1;
struct segment stm_segments[NB_SEGMENTS + 1];
uint8_t *stm_write_locks;
_Atomic uint64_t *stm_cow_masks;
bool stm_gc_stress;

static size_t write_locks_size, cow_masks_size;

static void map_fixed(char *addr, size_t size, int prot, int flags, int fd,
                      const char *what)
{
    void *res =
        mmap(addr, size, prot, flags | MAP_FIXED | MAP_NORESERVE, fd, 0);
    if (res == MAP_FAILED)
        stm_fatal("the kernel refused to map %s (%zu bytes): %s", what, size,
                  strerror(errno));
}


static void setup_segment(int num, size_t nursery_size)
{
    struct segment *seg = get_segment(num);
    char *base = stm_object_pages + (size_t)num * SEGMENT_SIZE;
    memset(seg, 0, sizeof(*seg));
    seg->num = num;
    seg->base = base;

    /* info page and read markers: private anonymous memory */
    map_fixed(base + INFO_PAGE_OFFSET, NURSERY_START - INFO_PAGE_OFFSET,
              PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
              "the read markers");
    seg->pub = (struct stm_segment_info_s *)(base + 4352);
    seg->pub->segment_num = num;
    seg->pub->segment_base = base;
    seg->pub->transaction_read_version = 1;

    if (num == 0) {
        /* the master: committed old objects, shared with the memfd.
           Its info page says "no transaction": allocating or writing
           with %gs here ends in a clear fatal error. */
        map_fixed(base + OLD_START, OLD_END - OLD_START, PROT_READ | PROT_WRITE,
                  MAP_SHARED, stm_memfd, "the master heap view");
        seg->pub->nursery_current = (stm_char *)NURSERY_START;
        seg->pub->nursery_end = 0;
        return;
    }
    map_fixed(base + NURSERY_START, NURSERY_MAX_SIZE, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS, -1, "a nursery");
    map_fixed(base + OLD_START, OLD_END - OLD_START, PROT_READ | PROT_WRITE,
              MAP_PRIVATE, stm_memfd, "a segment heap view");
    seg->nursery_size = nursery_size;
    seg->pub->nursery_current = (stm_char *)NURSERY_START;
    seg->real_nursery_end = NURSERY_START + nursery_size;
    seg->pub->nursery_end = seg->real_nursery_end;
    seg->state = TS_NONE;
}

void stm_setup(void)
{
    if (stm_object_pages != NULL)
        stm_fatal("stm_setup() called twice without stm_teardown()");

    size_t nursery_size = stm_env_size("STMGC_NURSERY", DEFAULT_NURSERY_SIZE,
                                       16 * 1024, NURSERY_MAX_SIZE);
    nursery_size &= ~(PAGE_SIZE - 1);
    stm_gc_stress = stm_env_flag("STMGC_GC_STRESS");
    stm_poison_nursery = stm_gc_stress || stm_env_flag("STMGC_POISON_NURSERY");

    size_t total = (NB_SEGMENTS + 1) * SEGMENT_SIZE;
    void *res = mmap(NULL, total, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (res == MAP_FAILED)
        stm_fatal("the kernel refused to reserve %zu GiB of address space "
                  "for %d segments: %s",
                  total >> 30, NB_SEGMENTS, strerror(errno));
    stm_object_pages = res;

    stm_memfd = memfd_create("stmgc-heap", MFD_CLOEXEC);
    if (stm_memfd < 0)
        stm_fatal_errno("memfd_create");
    if (ftruncate(stm_memfd, OLD_END - OLD_START) != 0)
        stm_fatal_errno("ftruncate of the heap memfd");

    for (int i = 0; i <= NB_SEGMENTS; i++)
        setup_segment(i, nursery_size);

    write_locks_size = (OLD_END - OLD_START) / 16;
    stm_write_locks = stm_map_anywhere(write_locks_size, "the write locks");
    cow_masks_size = OLD_PAGES * sizeof(uint64_t);
    stm_cow_masks = stm_map_anywhere(cow_masks_size, "the page masks");

    /* STMGC_MAX_HEAP bounds the old generation (default: all the address
       space of a segment, about 111 GiB) */
    size_t max_heap = stm_env_size("STMGC_MAX_HEAP", OLD_END - OLD_START,
                                   1UL << 20, OLD_END - OLD_START);
    max_heap &= ~(PAGE_SIZE - 1);
    gcpage_init(OLD_START, OLD_START + max_heap, NB_SEGMENTS + 1,
                release_free_pages);
    atomic_store(&master_populated_end, OLD_START);
    log_init();
    majorgc_init();
    stm_install_signal_handlers();
    forksupport_setup();
}

void stm_teardown(void)
{
    if (stm_object_pages == NULL)
        return;
    for (int i = 0; i <= NB_SEGMENTS; i++) {
        struct segment *seg = get_segment(i);
        list_free(&seg->modified_old);
        list_free(&seg->backups);
        list_free(&seg->old_pointing_to_nursery);
        list_free(&seg->young_outside);
        list_free(&seg->young_dirty);
        list_free(&seg->young_weakrefs);
        list_free(&seg->marked_cards);
        list_free(&seg->young_with_finalizers);
        list_free(&seg->weakrefs_outside);
        list_free(&seg->young_light_finalizers);
        list_free(&seg->fresh_outside);
        list_free(&seg->commit_survivors);
        list_free(&seg->young_ids);
        addrmap_free(&seg->young_id_index);
        list_free(&seg->on_commit);
        list_free(&seg->on_abort);
        free_backups(seg, true);
    }
    majorgc_teardown();
    weakrefs_teardown();
    finalizers_teardown();
    prebuilt_teardown();
    hash_id_teardown();
    log_teardown();
    for (int i = 0; i <= NB_SEGMENTS; i++)
        log_free_segment_chunks(get_segment(i));
    gcpage_teardown();
    munmap(stm_write_locks, write_locks_size);
    munmap(stm_cow_masks, cow_masks_size);
    munmap(stm_object_pages, (NB_SEGMENTS + 1) * SEGMENT_SIZE);
    close(stm_memfd);
    stm_object_pages = NULL;
    stm_memfd = -1;
    memset(stm_segments, 0, sizeof(stm_segments));
}

void stm_thread_registered(stm_thread_local_t *tl)
{
    /* no segment yet: the first transaction prefers one that already
       takes part in the log (segments.c) */
    tl->last_associated_segment_num = 0;
    set_gs_to_segment(0); /* "outside a transaction" */
}

bool stm_describe_heap_fault(char *addr, char *buf, size_t size)
{
    if (stm_object_pages == NULL || addr < stm_object_pages ||
        addr >= stm_object_pages + (NB_SEGMENTS + 1) * SEGMENT_SIZE)
        return false;
    uintptr_t offset = (uintptr_t)(addr - stm_object_pages) % SEGMENT_SIZE;
    snprintf(buf, size,
             "segmentation fault at offset 0x%lx of segment %ld: invalid "
             "object pointer (or an stm call outside a transaction)",
             (long)offset, (long)((addr - stm_object_pages) / SEGMENT_SIZE));
    return true;
}
