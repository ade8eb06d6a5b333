/* core.h -- internal definitions shared by the STM build's files.
 *
 * Address layout (doc/stmgc.md has the picture).  One reservation holds
 * NB_SEGMENTS + 1 segments of SEGMENT_SIZE bytes.  Segment 0 is the
 * "master": the committed state of the old generation, a MAP_SHARED view
 * of one memfd.  Segments 1..N are the views of running transactions:
 * the same memfd mapped MAP_PRIVATE, so pages are shared with the master
 * until the segment writes to them (the kernel's copy-on-write makes the
 * private copy, without splitting the mapping into more VMAs).
 *
 * Offsets inside a segment (an object pointer is such an offset): see
 * the picture in doc/stmgc.md.
 *
 *   [0, 4 KiB)              null page
 *   [4 KiB, 8 KiB)          info page, STM_SEGMENT at 4352
 *   [8 KiB, NURSERY_START)  read markers             (private anonymous)
 *   [NURSERY_START, +1 GiB) nursery, 16 GiB          (private anonymous)
 *   [OLD_START, 128 GiB)    old objects, 17 GiB      (the heap memfd)
 *
 * The read marker of the object at offset p is the 16-bit word at offset
 * p/8, which falls in [NURSERY_START/8, SEGMENT_SIZE/8) -- inside the
 * read marker area, far above the info page.
 */
#ifndef STMGC_CORE_H
#define STMGC_CORE_H

#include "shared.h"
#include "addrmap.h"

#define NB_SEGMENTS      STM_NB_SEGMENTS
#define SEGMENT_SIZE     (1UL << 37) /* 128 GiB of address space each */
#define INFO_PAGE_OFFSET 4096UL
#define NURSERY_START    (SEGMENT_SIZE / 8) /* 16 GiB: above the markers */
#define NURSERY_MAX_SIZE (1UL << 30)
#define OLD_START        (NURSERY_START + NURSERY_MAX_SIZE)
#define OLD_END          SEGMENT_SIZE
#define OLD_PAGES        ((OLD_END - OLD_START) / PAGE_SIZE)

#define DEFAULT_NURSERY_SIZE (4UL << 20)
/* how much a segment allocates before it checks the major GC trigger */
#define MAJOR_CHECK_BYTES (256UL * 1024)

#if NB_SEGMENTS < 1 || NB_SEGMENTS > 64
#    error "STM_NB_SEGMENTS must be between 1 and 64"
#endif

/* stm_flags bits beyond the public write-barrier bit */
#define GCFLAG_WRITE_BARRIER _STM_GCFLAG_WRITE_BARRIER
/* created by the running transaction, outside the nursery */
#define GCFLAG_YOUNG_OUTSIDE 0x02
/* young object outside the nursery whose bytes are in this segment's view
   (not only in the master): the commit copies it (see nursery.c) */
#define GCFLAG_YOUNG_DIRTY 0x08
/* nursery object whose final address was already chosen (stm_id) */
#define GCFLAG_HAS_SHADOW 0x04
/* nursery copy of an object that was moved: new address at offset 8 */
#define GCFLAG_FORWARDED 0x40

/* Real address of an object in a given segment view. */
#define REAL_ADDRESS(base, obj) ((char *)(base) + (uintptr_t)(obj))

/* the read marker of an object, in a given segment (see stmgc.h) */
static inline uint16_t *read_marker_in(char *base, uintptr_t obj)
{
    return (uint16_t *)(base + (obj >> 3));
}

static inline int in_nursery(uintptr_t p)
{
    return p - NURSERY_START < NURSERY_MAX_SIZE;
}

static inline int in_old_area(uintptr_t p)
{
    return p - OLD_START < OLD_END - OLD_START;
}

enum transaction_state {
    TS_NONE,          /* segment held by a thread, no transaction */
    TS_REGULAR,       /* may abort */
    TS_INEVITABLE,    /* never aborts; the log is frozen behind it */
    TS_ABORT_PENDING, /* data already rolled back; jumps at next chance */
};

enum abort_reason {
    AR_NONE,
    AR_USER,        /* stm_abort_transaction() */
    AR_WRITE_WRITE, /* lost a write-write conflict */
    AR_WRITE_READ,  /* something it read was committed by another */
    AR_INEVITABLE,  /* an inevitable transaction needed its object */
    AR_OTHER,
};

/* One entry of the commit log: the new contents of the old objects a
   transaction modified.  Entries are immutable once appended; each
   segment applies them to its own view (see log.c). */
enum entry_kind {
    ENTRY_NORMAL,
    ENTRY_FREEZE, /* an inevitable transaction runs: nobody else appends */
};

struct entry_object {
    uintptr_t obj;
    size_t size;
    size_t data_offset; /* into entry->data */
};

struct commit_entry {
    _Atomic(struct commit_entry *) next;
    struct entry_chunk *chunk; /* where it lives (NULL: malloc'ed alone) */
    uint64_t seq;
    enum entry_kind kind;
    int segment_num;
    size_t nb_objects;
    struct entry_object *objects;
    char *data;
};

struct callback_slot {
    void *key;
    void (*callback)(void *);
};

/* The library's private state for one segment (index = segment_num). */
struct segment {
    int num;
    char *base;
    struct stm_segment_info_s *pub; /* real address of STM_SEGMENT */

    _Atomic(stm_thread_local_t *) owner; /* thread holding the segment */
    enum transaction_state state;
    bool participant; /* its view is kept up to date by the log */
    _Atomic(struct commit_entry *) last_applied;

    /* signals from other threads, seen at safe points */
    _Atomic int must_abort; /* an enum abort_reason */
    /* the last stop of the world it acknowledged, waiting at a safe point
       (see segments.c) */
    _Atomic uint64_t paused_generation;
    uintptr_t real_nursery_end;
    uintptr_t nursery_size;

    /* the running transaction */
    uint64_t start_time;          /* kept across retries: older wins */
    size_t allocated_since_check; /* old-generation bytes, for pacing */
    long entries_since_trim;      /* its log entries since it trimmed */
    size_t bytes_since_trim;      /* and the bytes they hold */
    long repeat_count;
    struct list modified_old; /* old objects written (offsets) */
    struct list backups;      /* char*: their pre-transaction content */
    struct list old_pointing_to_nursery; /* need tracing at minor GC */
    struct list young_outside;           /* young objects outside the nursery */
    /* those of them with GCFLAG_YOUNG_DIRTY */
    struct list young_dirty;
    /* weakrefs allocated since the last minor GC; this transaction's
       weakrefs that left the nursery (weakref.c) */
    struct list young_weakrefs, weakrefs_outside;
    /* this transaction's objects with light / regular finalizers
       (finalizer.c) */
    struct list young_light_finalizers, young_with_finalizers;
    /* pairs (old object, card index) marked by stm_write_card() since
       the last minor collection */
    struct list marked_cards;
    struct list fresh_outside;     /* subset created since the last minor GC */
    struct list commit_survivors;  /* moved to master by the final minor
                                      GC; freed if the commit fails */
    struct list young_ids;         /* pairs (nursery obj, reserved address) */
    struct addrmap young_id_index; /* the same, for lookups */
    struct list on_commit;         /* pairs (key, callback) */
    struct list on_abort;
    struct backup_chunk *backup_chunks;
    /* commit log entries are carved from this segment's chunks and
       recycled here once trimmed (see log.c) */
    struct entry_chunk *entry_chunk;
    _Atomic(struct entry_chunk *) free_entry_chunks;
    struct list all_entry_chunks;
    bool globally_unique; /* others stay stopped until we commit */

    /* statistics */
    uint64_t nb_commits, nb_aborts, nb_minor_collections;
};

/* ---- globals (setup.c) ---- */
extern char *stm_object_pages; /* start of the whole reservation */
extern int stm_memfd;
extern struct segment stm_segments[NB_SEGMENTS + 1];
extern uint8_t *stm_write_locks;        /* one byte per 16 bytes of old area */
extern _Atomic uint64_t *stm_cow_masks; /* per old page: segments with
                                           a private copy */
extern bool stm_gc_stress;

static inline struct segment *get_segment(long num)
{
    return &stm_segments[num];
}

static inline char *master_base(void)
{
    return stm_segments[0].base;
}

static inline uint8_t *write_lock_of(uintptr_t obj)
{
    return &stm_write_locks[(obj - OLD_START) >> 4];
}

static inline _Atomic uint64_t *cow_mask_of_page(uintptr_t page_offset)
{
    return &stm_cow_masks[(page_offset - OLD_START) / PAGE_SIZE];
}

/* whether the segment's view holds a private copy of the page of 'addr'
   (a hint unless the segment is the caller's: only its thread sets its
   bit) */
static inline bool page_is_private(const struct segment *seg, uintptr_t addr)
{
    return (atomic_load_explicit(cow_mask_of_page(addr & ~(PAGE_SIZE - 1)),
                                 memory_order_relaxed) >>
            (seg->num - 1)) &
           1;
}

/* the segment the calling thread runs in (via %gs) */
static inline struct segment *current_segment(void)
{
    return get_segment(STM_SEGMENT->segment_num);
}

static inline size_t object_size_in(char *base, uintptr_t obj)
{
    return (size_t)stmcb_size_rounded_up(
        (struct object_s *)REAL_ADDRESS(base, obj));
}

#ifdef STM_TESTS
extern __thread stm_thread_local_t *stm_test_active_tl;
#endif

/* ---- segments.c: %gs, acquiring segments, safe points, syncing ---- */
void set_gs_to_segment(long num);
void acquire_segment(stm_thread_local_t *tl);
void release_segment(stm_thread_local_t *tl);
void give_back_segment(struct segment *seg);
void signal_segment(struct segment *seg);
void restore_nursery_end(struct segment *seg);
void handle_safe_point_requests(void);
void stop_other_threads(struct segment *leader);
void resume_other_threads(void);
bool sync_requested(void);
bool sync_requested_by_other(struct segment *seg);
void stm_backoff_wait(int *round);

/* ---- log.c ---- */
void log_init(void);
void log_teardown(void);
void log_free_segment_chunks(struct segment *seg);
bool validate_segment(struct segment *seg);
bool log_append(struct segment *seg, struct commit_entry *entry);
struct commit_entry *entry_for_modified_objects(struct segment *seg);
void log_freeze(struct segment *seg);
void log_unfreeze(struct segment *seg);
void log_join(struct segment *seg);
void log_trim(void);
bool log_segment_borrowed(struct segment *seg);
void log_catch_up_everything(void);
long log_count_entries(void);
void wait_while_log_frozen(void);

/* ---- pages.c ---- */
void mark_private_pages(struct segment *seg, uintptr_t obj, size_t size);
void publish_new_object(uintptr_t obj, size_t size, int except_segment);
void copy_master_into_views(uintptr_t obj, size_t size, uint64_t segments);
void reshare_segment_pages(struct segment *seg, bool whole_range);
void release_free_pages(uintptr_t start, uintptr_t len);
void populate_master(uintptr_t needed_end);
void set_release_budget(size_t bytes);
extern _Atomic uintptr_t master_populated_end;
long count_private_pages(int segnum);
/* the private copies of all segments (approximate between major
   collections, which recount them) */
long stm_private_pages_estimate(void);
void recount_private_pages(void);

/* ---- core.c ---- */
void abort_with_reason(enum abort_reason reason) __attribute__((noreturn));
void abort_remotely(struct segment *seg, enum abort_reason reason);
void reset_transaction_data(struct segment *seg);
void free_backups(struct segment *seg, bool all);
void reset_read_markers(struct segment *seg);
void free_log_entry(struct commit_entry *e);
uint64_t stm_now_ticks(void);

/* ---- nursery.c ---- */
void minor_collection(bool commit_mode);
void discard_transaction(struct segment *seg);
void forksupport_setup(void);
void segments_fork_child_reset(void);
/* fork(): the locks a thread outside any transaction may hold */
void log_fork_lock(bool lock);
void prebuilt_fork_lock(bool lock);
void pages_fork_lock(bool lock);
void clear_marked_cards(struct segment *seg);

/* ---- weakref.c, finalizer.c ---- */
void weakrefs_after_minor(struct segment *seg);
void weakrefs_transaction_done(struct segment *seg, bool committed);
void weakrefs_after_mark(void);
void weakrefs_teardown(void);
void light_finalizers_after_minor(struct segment *seg);
void light_finalizers_transaction_done(struct segment *seg, bool committed);
void light_finalizers_after_mark(void);
void finalizers_teardown(void);
void finalizers_mark_pending(void);
void finalizers_after_mark(void);
void finalizers_transaction_done(struct segment *seg, bool committed);
void run_pending_finalizers(stm_thread_local_t *tl);
void majorgc_mark_children(uintptr_t obj);
void majorgc_mark_and_trace(uintptr_t obj);
void nursery_reset_after_abort(struct segment *seg);
uintptr_t allocate_old_for_segment(struct segment *seg, size_t size);
void prepare_young_id(struct segment *seg, uintptr_t obj);

/* ---- majorgc.c ---- */
void maybe_major_collection(void);
void major_collection(void);
void majorgc_init(void);
void majorgc_add_prebuilt(uintptr_t obj);
void majorgc_teardown(void);
bool stm_gc_stress_major(void);

/* ---- prebuilt.c / hash_id.c ---- */
void prebuilt_teardown(void);
void hash_id_teardown(void);

#endif
