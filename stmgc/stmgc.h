/* stmgc.h -- the whole public contract of the stmgc library.
 *
 * A generational garbage collector combined with software transactional
 * memory.  Source-compatible with the public API of PyPy's stmgc "c7":
 * a program written for it compiles against this header unchanged.  The
 * same header serves the GIL build (libstmgc-gil, compiled with
 * -DSTMGC_GIL, see `pkg-config --cflags stmgc-gil`), where transactions
 * are sections under one global lock and the read barrier vanishes.
 *
 * How it works is explained in doc/stmgc.md.
 */
#ifndef _STMGC_H
#define _STMGC_H

#include <assert.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <unistd.h>

#include "stmgc/rewind_setjmp.h"

#if LONG_MAX == 2147483647
#    error "stmgc requires a 64-bit environment"
#endif
#if !defined(__x86_64__)
#    error "stmgc requires x86-64"
#endif


/* ==================== INTERNAL ==================== */

/* Object pointers are %gs-relative: one pointer value names "this object
   as the running transaction sees it".  The GIL build has one view of the
   heap, so its pointers are plain. */
#ifdef STMGC_GIL
#    define TLPREFIX /* plain pointers */
#elif defined(__clang__)
#    define TLPREFIX __attribute__((address_space(256)))
#else
#    define TLPREFIX __seg_gs
#endif

typedef TLPREFIX struct object_s object_t;
typedef TLPREFIX struct stm_segment_info_s stm_segment_info_t;
typedef TLPREFIX struct stm_read_marker_s stm_read_marker_t;
typedef TLPREFIX char stm_char;

struct stm_read_marker_s {
    /* One 16-bit marker per 16 bytes of object space, at address/8 in the
       same segment.  It equals STM_SEGMENT->transaction_read_version iff
       the object was read by the running transaction.  (c7 used 8 bits;
       16 bits make the markers wrap around, which costs resetting them
       and a TLB shootdown on every core, 256 times less often.) */
    uint16_t rm;
};

struct stm_segment_info_s {
    uint16_t transaction_read_version;
    int segment_num;
    char *segment_base;
    stm_char *nursery_current;
    uintptr_t nursery_end;
    struct stm_thread_local_s *running_thread;
};

#ifdef STMGC_GIL
extern struct stm_segment_info_s _stm_gil_segment;
#    define STM_SEGMENT (&_stm_gil_segment)
#else
#    define STM_SEGMENT ((stm_segment_info_t *)4352)
#endif

struct stm_shadowentry_s {
    /* a struct, not a bare pointer, for better aliasing analysis */
    object_t *ss;
};

typedef struct stm_thread_local_s {
    /* rewind_setjmp's interface */
    rewind_jmp_thread rjthread;
    /* every thread maintains its shadow stack itself */
    struct stm_shadowentry_s *shadowstack, *shadowstack_base;
    /* a generic optional thread-local object, a root for the GC */
    object_t *thread_local_obj;
    /* if this thread's transaction aborts, this raw region is zeroed */
    char *mem_clear_on_abort;
    size_t mem_bytes_to_clear_on_abort;
    /* after an abort: how many bytes the aborted transaction had
       allocated in the nursery (not modified by a commit) */
    long last_abort__bytes_in_nursery;
    /* the next fields are handled internally by the library */
    int associated_segment_num;
    int last_associated_segment_num;
    int thread_local_counter;
    struct stm_thread_local_s *prev, *next;
    void *creating_pthread[2];
    struct stm_tl_private_s *_private;
} stm_thread_local_t;

#define _STM_GCFLAG_WRITE_BARRIER 0x01
#define _STM_FAST_ALLOC           (66 * 1024)
/* values of nursery_end below this one are signals, not addresses */
#define _STM_NSE_SIGNAL_ABORT 1
#define _STM_NSE_SIGNAL_MAX   2

void _stm_write_slowpath(object_t *);
object_t *_stm_allocate_slowpath(ssize_t);
object_t *_stm_allocate_external(ssize_t);
void _stm_become_inevitable(const char *);
void _stm_collectable_safe_point(void);
void _stm_fatal_outside_transaction(const char *what)
    __attribute__((noreturn, cold));

/* for tests, but also used by interpreters to build their roots */
object_t *_stm_allocate_old(ssize_t size_rounded_up);
char *_stm_real_address(object_t *o);

#ifdef STM_TESTS
bool _stm_was_read(object_t *obj);
bool _stm_was_written(object_t *obj);
bool _stm_in_nursery(object_t *obj);
bool _stm_in_transaction(stm_thread_local_t *tl);
char *_stm_get_segment_base(long index);
void _stm_test_switch(stm_thread_local_t *tl);
long _stm_count_modified_old_objects(void);
object_t *_stm_enum_modified_old_objects(long index);
long _stm_count_young_outside_nursery(void);
bool _stm_is_private_page(long segment_num, uintptr_t pagenum);
long _stm_count_private_pages(long segment_num);
long _stm_count_log_entries(void);
uint64_t _stm_total_allocated(void);
bool _stm_is_live_old_object(object_t *obj);
long _stm_count_unmarked_private_pages(void);
#endif


/* ==================== HELPERS ==================== */

#ifdef NDEBUG
#    define OPT_ASSERT(cond)             \
        do {                             \
            if (!(cond))                 \
                __builtin_unreachable(); \
        } while (0)
#else
#    define OPT_ASSERT(cond) assert(cond)
#endif
#define LIKELY(x)   __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define IMPLY(a, b) (!(a) || (b))

/* With STM_DEBUG, the inline barriers check that a transaction runs. */
#ifdef STM_DEBUG
#    define _STM_CHECK_IN_TRANSACTION(what)                    \
        do {                                                   \
            if (UNLIKELY(STM_SEGMENT->running_thread == NULL)) \
                _stm_fatal_outside_transaction(what);          \
        } while (0)
#else
#    define _STM_CHECK_IN_TRANSACTION(what) ((void)0)
#endif


/* ==================== PUBLIC API ==================== */

/* How many transactions can run in parallel.  Threads beyond this number
   wait for a free segment when they start a transaction. */
#ifndef STM_NB_SEGMENTS
#    define STM_NB_SEGMENTS 8
#endif

/* Objects start with this header; user pointers to them must have the
   TLPREFIX (use object_t-like typedefs). */
struct object_s {
    uint32_t stm_flags; /* reserved for the library */
};

/* Read barrier: call it before reading 'obj' (it may be delayed a little,
   but not across an allocation, a write barrier on another object, a
   safe point or a commit).  Not needed on objects just allocated nor
   after stm_write(). */
__attribute__((always_inline)) static inline void stm_read(object_t *obj)
{
#ifndef STMGC_GIL
    _STM_CHECK_IN_TRANSACTION("stm_read");
    ((stm_read_marker_t *)(((uintptr_t)obj) >> 3))->rm =
        STM_SEGMENT->transaction_read_version;
#else
    (void)obj;
#endif
}

/* Write barrier: call it before any change to 'obj'.  Not needed right
   after stm_allocate().  Unlike c7's, it never moves an object (it may
   abort the transaction instead), so pointers to young objects may be
   held across it without the shadow stack. */
__attribute__((always_inline)) static inline void stm_write(object_t *obj)
{
    _STM_CHECK_IN_TRANSACTION("stm_write");
    if (UNLIKELY((obj->stm_flags & _STM_GCFLAG_WRITE_BARRIER) != 0))
        _stm_write_slowpath(obj);
}

/* The user provides these.  The size is a multiple of 8, at least 16.
   Tracing calls the visitor on the address of every reference field. */
extern ssize_t stmcb_size_rounded_up(struct object_s *);
extern void stmcb_trace(struct object_s *, void(object_t **));
/* called when committing soon would avoid a conflict */
extern void stmcb_commit_soon(void);

/* Allocate 'size_rounded_up' bytes (multiple of 8, >= 16).  Only the
   header is initialized; the caller initializes every other field before
   the next allocation or safe point.  Inline fast path: a bump. */
__attribute__((always_inline)) static inline object_t *
stm_allocate(ssize_t size_rounded_up)
{
    OPT_ASSERT(size_rounded_up >= 16);
    OPT_ASSERT((size_rounded_up & 7) == 0);
    _STM_CHECK_IN_TRANSACTION("stm_allocate");

    if (UNLIKELY(size_rounded_up >= _STM_FAST_ALLOC))
        return _stm_allocate_external(size_rounded_up);

    stm_char *p = STM_SEGMENT->nursery_current;
    stm_char *end = p + size_rounded_up;
    STM_SEGMENT->nursery_current = end;
    if (UNLIKELY((uintptr_t)end > STM_SEGMENT->nursery_end))
        return _stm_allocate_slowpath(size_rounded_up);

    ((object_t *)p)->stm_flags = 0;
    return (object_t *)p;
}

/* Once at program start / end (teardown is mostly for tests). */
void stm_setup(void);
void stm_teardown(void);

/* Shadow stack: the roots.  Each registered thread gets one of this many
   entries; overflowing it is a fatal error with a clear message. */
#define STM_SHADOW_STACK_DEPTH 163840
#define STM_PUSH_ROOT(tl, p)   ((tl).shadowstack++->ss = (object_t *)(p))
#define STM_POP_ROOT(tl, p)    ((p) = (typeof(p))((--(tl).shadowstack)->ss))
#define STM_POP_ROOT_RET(tl)   ((--(tl).shadowstack)->ss)
#define STM_POP_ROOT_DROP(tl)  ((void)(--(tl).shadowstack))

/* Every thread that runs transactions registers its own
   stm_thread_local_t (typically a __thread variable). */
void stm_register_thread_local(stm_thread_local_t *tl);
void stm_unregister_thread_local(stm_thread_local_t *tl);

/* Declare a 'rewind_jmp_buf' local in the thread's entry function (and in
   any function that loops over transactions) and bracket it with these:
   an abort rewinds the C stack up to the innermost such frame. */
#define stm_rewind_jmp_enterprepframe(tl, rjbuf) \
    rewind_jmp_enterprepframe(&(tl)->rjthread, rjbuf, (tl)->shadowstack)
#define stm_rewind_jmp_enterframe(tl, rjbuf) \
    rewind_jmp_enterframe(&(tl)->rjthread, rjbuf, (tl)->shadowstack)
#define stm_rewind_jmp_leaveframe(tl, rjbuf) \
    rewind_jmp_leaveframe(&(tl)->rjthread, rjbuf, (tl)->shadowstack)
#define stm_rewind_jmp_setjmp(tl) \
    rewind_jmp_setjmp(&(tl)->rjthread, (tl)->shadowstack)
#define stm_rewind_jmp_longjmp(tl) rewind_jmp_longjmp(&(tl)->rjthread)
#define stm_rewind_jmp_forget(tl)  rewind_jmp_forget(&(tl)->rjthread)
#define stm_rewind_jmp_restore_shadowstack(tl)                          \
    do {                                                                \
        assert(rewind_jmp_armed(&(tl)->rjthread));                      \
        (tl)->shadowstack =                                             \
            (struct stm_shadowentry_s *)rewind_jmp_restore_shadowstack( \
                &(tl)->rjthread);                                       \
    } while (0)
#define stm_rewind_jmp_enum_shadowstack(tl, callback) \
    rewind_jmp_enum_shadowstack(&(tl)->rjthread, callback)

/* Transactions.  stm_read/stm_write/stm_allocate only inside one.
   stm_start_transaction() returns how many times this transaction was
   aborted and restarted (0 the first time). */
long stm_start_transaction(stm_thread_local_t *tl);
void stm_start_inevitable_transaction(stm_thread_local_t *tl);
void stm_commit_transaction(void);

/* Abort the running transaction: never returns, jumps back into
   stm_start_transaction(). */
void stm_abort_transaction(void) __attribute__((noreturn));

/* Inevitable transactions never abort; at most one runs at a time.
   Becoming inevitable may itself abort, or wait for another one: it is a
   safe point (young objects may move), like an allocation. */
#ifdef STMGC_GIL
static inline int stm_is_inevitable(void)
{
    return 1;
}
#else
static inline int stm_is_inevitable(void)
{
    return !rewind_jmp_armed(&STM_SEGMENT->running_thread->rjthread);
}
#endif
static inline void stm_become_inevitable(stm_thread_local_t *tl,
                                         const char *msg)
{
    assert(STM_SEGMENT->running_thread == tl);
    (void)tl;
    if (!stm_is_inevitable())
        _stm_become_inevitable(msg);
}

/* Inevitable, and no other transaction runs until this one commits. */
void stm_become_globally_unique_transaction(stm_thread_local_t *tl,
                                            const char *msg);

/* Pause every other thread at its next safe point (the current
   transaction becomes inevitable); don't nest; always resume. */
void stm_stop_all_other_threads(void);
void stm_resume_all_other_threads(void);

/* Outside a transaction: wait until no inevitable transaction runs. */
void stm_wait_for_current_inevitable_transaction(void);

/* A safe point: lets a pending GC or abort request through.  Allocation
   does it automatically. */
static inline void stm_safe_point(void)
{
    if (STM_SEGMENT->nursery_end <= _STM_NSE_SIGNAL_MAX)
        _stm_collectable_safe_point();
}

/* Callbacks run once when the current transaction aborts (resp.
   commits), with 'key' as argument.  One callback per key; passing NULL
   cancels (returns 0 if there was none).  'key' must be 8-aligned.  A
   commit callback registered in an inevitable transaction runs now. */
long stm_call_on_abort(stm_thread_local_t *, void *key, void callback(void *));
long stm_call_on_commit(stm_thread_local_t *, void *key, void callback(void *));

/* Force a collection: 0 = minor, 1 = major. */
void stm_collect(long level);

/* Copy a static structure (cast to object_t*) into the heap as an
   immortal object, recursively for the static objects it references.
   Returns the heap object; the same static address always maps to the
   same result. */
object_t *stm_setup_prebuilt(object_t *);

/* Identity: id is the object's final (non-moving) address; the hash is
   derived from it unless set for a prebuilt object. */
long stm_identityhash(object_t *obj);
long stm_id(object_t *obj);
void stm_set_prebuilt_identityhash(object_t *obj, long hash);

/* 1 while the object may still move (it is in the nursery). */
long stm_can_move(object_t *obj);

/* Card marking, for big arrays of references.  stm_write_card(obj, i)
   replaces stm_write(obj) before writing item i: for an old object that
   supports cards, it marks the card of STM_CARD_ITEMS items holding i,
   and the next minor collection traces only the marked cards (through
   stmcb_trace_cards(obj, visit, start, stop), items start <= i < stop)
   instead of the whole object.  The three callbacks are optional (weak):
   without stmcb_obj_supports_cards, stm_write_card is stm_write.  The
   object must be at least 16 * (number of cards + 1) bytes long.
   stmcb_get_card_base_itemsize is for c7 compatibility; it is unused. */
#define STM_CARD_ITEMS 32
extern long stmcb_obj_supports_cards(struct object_s *) __attribute__((weak));
extern void stmcb_trace_cards(struct object_s *, void(object_t **),
                              uintptr_t start, uintptr_t stop)
    __attribute__((weak));
extern void stmcb_get_card_base_itemsize(struct object_s *,
                                         uintptr_t offset_itemsize[2])
    __attribute__((weak));
void _stm_write_card_slowpath(object_t *, uintptr_t index);
#ifdef STMGC_GIL
static inline void stm_write_card(object_t *obj, uintptr_t index)
{
    (void)index;
    stm_write(obj);
}
#else
__attribute__((always_inline)) static inline void
stm_write_card(object_t *obj, uintptr_t index)
{
    _STM_CHECK_IN_TRANSACTION("stm_write_card");
    /* the card's mark: the read-marker slot of the card's 16 * (k + 1)th
       byte, which no read barrier uses (they mark object starts) */
    if (UNLIKELY((obj->stm_flags & _STM_GCFLAG_WRITE_BARRIER) != 0) &&
        ((stm_read_marker_t *)(((uintptr_t)obj +
                                16 * (index / STM_CARD_ITEMS + 1)) >>
                               3))
                ->rm != 1)
        _stm_write_card_slowpath(obj, index);
}
#endif

/* fork() is supported (pthread_atfork): from a thread outside any
   transaction, or in an inevitable one (a regular transaction is a fatal
   error: call stm_become_inevitable() first).  The child goes on with
   the forking thread only, the heap as that thread saw it (its own
   transaction included), the other threads' transactions discarded; the
   STM build copies the heap into a new memfd at each fork(). */

/* Hashtables: maps from integers to objects in which transactions
   conflict per key.  The program keeps the stm_hashtable_t in an object
   of its own ('hobj'), whose stmcb_trace() calls stm_hashtable_tracefn(),
   and frees it with stm_hashtable_free() when that object dies (a light
   finalizer).  Each key has an entry object, created at its first
   lookup, even by a read, and never freed before the table: the
   program's stmcb_size_rounded_up() and stmcb_trace() must recognize
   entries, by their 'userdata' field (at the offset of a typical type
   id) equal to stm_hashtable_entry_userdata, which it sets first; an
   entry is sizeof(struct stm_hashtable_entry_s) bytes and references
   'object'.  NULL means absent.  stm_hashtable_list() reads every entry,
   so it conflicts with a concurrent write to any key that had an entry;
   a key created after it is serialized after it.
   stm_hashtable_length_upper_bound() is the number of entries, not
   transactional: an upper bound of the keys present.  (Unlike c7's,
   stm_hashtable_list() fills a plain C array, or only counts with NULL;
   entries never move, so the array needs no GC care.) */
typedef struct stm_hashtable_s stm_hashtable_t;
typedef TLPREFIX struct stm_hashtable_entry_s stm_hashtable_entry_t;
struct stm_hashtable_entry_s {
    struct object_s header;
    uint32_t userdata;
    uintptr_t index;
    object_t *object;
};
extern uint32_t stm_hashtable_entry_userdata;
stm_hashtable_t *stm_hashtable_create(void);
void stm_hashtable_free(stm_hashtable_t *);
stm_hashtable_entry_t *stm_hashtable_lookup(object_t *hobj, stm_hashtable_t *,
                                            uintptr_t key);
object_t *stm_hashtable_read(object_t *hobj, stm_hashtable_t *, uintptr_t key);
void stm_hashtable_write(object_t *hobj, stm_hashtable_t *, uintptr_t key,
                         object_t *nvalue, stm_thread_local_t *);
void stm_hashtable_write_entry(object_t *hobj, stm_hashtable_entry_t *entry,
                               object_t *nvalue);
long stm_hashtable_length_upper_bound(stm_hashtable_t *);
long stm_hashtable_list(object_t *hobj, stm_hashtable_t *,
                        stm_hashtable_entry_t **results);
void stm_hashtable_tracefn(struct object_s *hobj, stm_hashtable_t *,
                           void visit(object_t **));

/* Profiling.  stmcb_timing_event(tl, event, markers) is called (if set)
   for every event below, on the thread 'tl' it concerns; 'markers' is
   NULL, or for the contention events an array of two: this thread's
   innermost marker and the other thread's (zeroes where unknown).  A
   marker is an odd number and an object that the program pushes with
   STM_PUSH_MARKER (for instance a code position and the code object),
   updates with STM_UPDATE_MARKER_NUM and pops with STM_POP_MARKER. */
enum stm_event_e {
    /* always START, then later COMMIT or ABORT */
    STM_TRANSACTION_START,
    STM_TRANSACTION_COMMIT,
    STM_TRANSACTION_ABORT,
    /* contention, with both markers: this thread writes what the other
       one wrote and holds; a commit of the other one changed what this
       one read (this one aborts: the other marker is unknown); this one
       waits for the other's inevitable transaction */
    STM_CONTENTION_WRITE_WRITE,
    STM_CONTENTION_WRITE_READ,
    STM_CONTENTION_INEVITABLE,
    /* after a contention, this thread wins and aborts the other one */
    STM_ABORTING_OTHER_CONTENTION,
    /* always one WAIT_xxx, then later WAIT_DONE (or an abort) */
    STM_WAIT_FREE_SEGMENT,
    STM_WAIT_SYNC_PAUSE,
    STM_WAIT_CONTENTION,
    STM_WAIT_DONE,
    /* collections */
    STM_GC_MINOR_START,
    STM_GC_MINOR_DONE,
    STM_GC_MAJOR_START,
    STM_GC_MAJOR_DONE,
    _STM_EVENT_N
};

#define STM_EVENT_NAMES                                                   \
    "transaction start", "transaction commit", "transaction abort",       \
        "contention write write", "contention write read",                \
        "contention inevitable", "aborting other contention",             \
        "wait free segment", "wait sync pause", "wait contention",        \
        "wait done", "gc minor start", "gc minor done", "gc major start", \
        "gc major done"

typedef struct {
    stm_thread_local_t *tl;
    char *segment_base; /* where to read 'object' (NULL: the GIL build) */
    uintptr_t odd_number;
    object_t *object;
} stm_loc_marker_t;

extern void (*stmcb_timing_event)(stm_thread_local_t *tl,
                                  enum stm_event_e event,
                                  stm_loc_marker_t *markers);

/* Profiling into a binary file (format: doc/timing-log.md, read it with
   the 'stmlog' tool): sets stmcb_timing_event to a recorder.  With
   fork_mode, a child process writes 'path.fork<PID>', else it stops
   logging.  'expand_marker' (may be NULL) writes a marker's text,
   at most 'output_size' bytes, and returns its length; it is called for
   contention events only, in the thread that has the event.  Call with
   path NULL to stop; the file is complete once logging stopped or the
   process exited normally.  Commits are logged without a time unless
   the environment has STMGC_LOG_COMMIT_TIMES=1 when the log is opened.
   Returns 0, or -1 with errno set. */
typedef int (*stm_expand_marker_fn)(stm_loc_marker_t *marker, char *output,
                                    int output_size);
int stm_set_timing_log(const char *path, int fork_mode,
                       stm_expand_marker_fn expand_marker);

#define STM_PUSH_MARKER(tl, odd_num, p) \
    do {                                \
        uintptr_t _odd_num = (odd_num); \
        assert(_odd_num & 1);           \
        STM_PUSH_ROOT(tl, _odd_num);    \
        STM_PUSH_ROOT(tl, p);           \
    } while (0)

#define STM_POP_MARKER(tl)                        \
    ({                                            \
        object_t *_popped = STM_POP_ROOT_RET(tl); \
        STM_POP_ROOT_DROP(tl);                    \
        _popped;                                  \
    })

#define STM_UPDATE_MARKER_NUM(tl, odd_num)                    \
    do {                                                      \
        uintptr_t _odd_num = (odd_num);                       \
        assert(_odd_num & 1);                                 \
        struct stm_shadowentry_s *_ss = (tl).shadowstack - 2; \
        while (!(((uintptr_t)(_ss->ss)) & 1)) {               \
            _ss--;                                            \
            assert(_ss >= (tl).shadowstack_base);             \
        }                                                     \
        _ss->ss = (object_t *)_odd_num;                       \
    } while (0)

/* An old object with the given contents (header included, its flags
   are overwritten), which every transaction sees at once, as if it had
   been committed long ago.  Not a root: store it somewhere reachable
   before the next collection. */
object_t *stm_allocate_preexisting(ssize_t size_rounded_up,
                                   const char *initial_data);

/* Weak references.  A weakref object's last word, at the byte offset
   stmcb_size_rounded_up(obj) - sizeof(void *), refers to another object
   without keeping it alive: stmcb_trace() must not report that word.
   Set it right after stm_allocate_weakref(), before anything else may
   collect, and never change it: it becomes NULL after the collection
   that frees its target, in every segment.  (The size must be below
   _STM_FAST_ALLOC; c7 assumed 16.) */
object_t *stm_allocate_weakref(ssize_t size_rounded_up);
/* stm_setup_prebuilt() for a static weakref: its target is set up as a
   prebuilt object too. */
object_t *stm_setup_prebuilt_weakref(object_t *);

/* Light finalizers: stmcb_light_finalizer(obj) is called once, when obj
   dies (at the collection that frees it, or when the transaction that
   created it aborts), on any thread; it may read obj but must not
   allocate, use barriers or start transactions.  Set the pointer before
   enabling any. */
extern void (*stmcb_light_finalizer)(object_t *);
void stm_enable_light_finalizer(object_t *);

/* Regular finalizers: an object from stm_allocate_with_finalizer() that
   becomes unreachable is kept alive, with everything it reaches, and
   stmcb_finalizer(obj) runs once, after the major collection that found
   it, in an inevitable transaction of its own, on the next thread to
   commit.  Chains are finalized from the outermost object in (an object
   reachable from another finalizable one waits for a later collection);
   one that reaches itself through finalizable objects never is.  An
   object whose creating transaction aborts is never finalized. */
extern void (*stmcb_finalizer)(object_t *);
object_t *stm_allocate_with_finalizer(ssize_t size_rounded_up);

/* ==================== END ==================== */

#endif
