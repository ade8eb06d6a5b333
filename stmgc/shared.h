/* shared.h -- what both builds of the library (STM and GIL) share:
 * fatal errors, thread registration and the thread list, the private
 * part of stm_thread_local_t.  core.h adds the STM build's internals. */
#ifndef STMGC_SHARED_H
#define STMGC_SHARED_H

#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stmgc.h"
#include "list.h"

#define PAGE_SIZE 4096UL

/* Private per-thread state behind stm_thread_local_t._private. */
struct stm_tl_private_s {
    char *shadowstack_mapping;
    size_t shadowstack_mapping_size;
    uint64_t first_start_time; /* of the transaction being retried */
    long consecutive_aborts;
    /* thread_local_obj when the transaction started: an abort puts it
       back (c7 semantics); a root meanwhile */
    object_t *thread_local_obj_at_start;
};

extern pthread_mutex_t stm_tl_list_lock;
extern stm_thread_local_t *stm_all_thread_locals;

/* both builds: run obj's regular finalizer (if any) in the running
   transaction, obj rooted meanwhile (the finalizer may allocate) */
static inline void stm_call_finalizer(stm_thread_local_t *tl, uintptr_t obj)
{
    if (obj == 0 || stmcb_finalizer == NULL)
        return;
    STM_PUSH_ROOT(*tl, obj);
    stmcb_finalizer((object_t *)obj);
    STM_POP_ROOT_DROP(*tl);
}

/* ---- finalizer_order.c ---- */
void stm_select_finalizable(struct list *with, struct list *pending,
                            void (*mark_children)(uintptr_t),
                            void (*mark_and_trace)(uintptr_t));

/* ---- timing.c ---- */
void stm_timing_log_event_at(stm_thread_local_t *tl, enum stm_event_e event,
                             uint64_t ticks);
void stm_timing_log_callback(stm_thread_local_t *tl, enum stm_event_e event,
                             stm_loc_marker_t *markers);

/* An event for stmcb_timing_event at 'ticks', a time-stamp counter read
   just before, which the timing log then need not read again (0: it
   reads it).  Inline: a transaction reports two events. */
static inline void stm_timing_event_at(stm_thread_local_t *tl,
                                       enum stm_event_e event, uint64_t ticks)
{
    void (*cb)(stm_thread_local_t *, enum stm_event_e, stm_loc_marker_t *) =
        stmcb_timing_event;
    if (cb == stm_timing_log_callback)
        stm_timing_log_event_at(tl, event, ticks);
    else if (cb != NULL)
        cb(tl, event, NULL);
}

static inline void stm_timing_event(stm_thread_local_t *tl,
                                    enum stm_event_e event)
{
    stm_timing_event_at(tl, event, 0);
}

void stm_timing_contention(stm_thread_local_t *tl, enum stm_event_e event,
                           stm_thread_local_t *other);
void stm_timing_log_thread_done(void);
void stm_timing_log_fork_child(void);
/* each build: the view a thread's objects are read in (NULL: plain) */
char *stm_segment_base_of(stm_thread_local_t *tl);

/* ---- fatal.c ---- */
void stm_fatal(const char *fmt, ...)
    __attribute__((noreturn, cold, format(printf, 1, 2)));
void stm_fatal_errno(const char *what) __attribute__((noreturn, cold));

/* both builds' stm_allocate_weakref(): weakrefs stay in the nursery
   until their first collection */
static inline void stm_check_weakref_size(ssize_t size)
{
    if (size < 16 || size >= _STM_FAST_ALLOC)
        stm_fatal("stm_allocate_weakref(%ld): the size must be at least 16 "
                  "and below %d",
                  (long)size, _STM_FAST_ALLOC);
}
void stm_install_signal_handlers(void);
void stm_setup_thread_altstack(void);
void stm_release_thread_altstack(void);
/* each build explains a fault inside its heap (fatal.c's handler) */
bool stm_describe_heap_fault(char *addr, char *buf, size_t size);

/* ---- threadlocal.c ---- */
void *stm_map_anywhere(size_t size, const char *what);
/* the checks both builds make before starting a transaction */
void stm_check_can_start(stm_thread_local_t *tl);
/* calls visit() on every root slot of every registered thread (shadow
   stack entries that are not markers, thread_local_obj); 'tl' is the
   thread, for builds whose roots depend on it */
void stm_for_each_root_slot(void (*visit)(stm_thread_local_t *tl,
                                          object_t **slot));

/* ---- settings.c: the STMGC_* environment variables ---- */
size_t stm_env_size(const char *name, size_t dflt, size_t min, size_t max);
/* STMGC_POISON_NURSERY=1 (implied by STMGC_GC_STRESS): fill the nursery
   with 0xDD after each minor collection, so that a pointer to a young
   object kept without the shadow stack reads garbage once it moved */
extern bool stm_poison_nursery;
bool stm_env_flag(const char *name);
void stm_major_gc_settings(size_t *minimum, double *growth);

/* The identity hash of an object with this id: the id's bits mixed, so
   that nearby objects do not collide in hash tables (splitmix64's
   finalizer). */
static inline long stm_mix_id(uint64_t x)
{
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 32;
    return (long)(x & 0x7FFFFFFFFFFFFFFFULL);
}
/* each build's own part of registering a thread */
void stm_thread_registered(stm_thread_local_t *tl);

#endif
