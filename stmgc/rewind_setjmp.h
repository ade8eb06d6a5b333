/* rewind_setjmp.h -- "rewind setjmp": a setjmp/longjmp whose jump target may
 * be inside function frames that have already returned.
 *
 * This is how an aborted transaction restarts: stm_start_transaction() arms
 * the jump point with rewind_jmp_setjmp() and returns to its caller; an abort
 * later calls rewind_jmp_longjmp(), which puts back the C stack (and the
 * user's shadow stack) as it was at setjmp time, so that the setjmp returns
 * again and stm_start_transaction() returns a second time.
 *
 * Only the stack between the setjmp point and the innermost frame registered
 * with rewind_jmp_enterframe() is copied at setjmp time.  When a registered
 * frame returns while armed, rewind_jmp_leaveframe() copies its caller's part
 * of the stack before it can change ("moved off"), so the copies always cover
 * everything a longjmp has to restore.
 *
 * The C stack grows downward (x86-64); the shadow stack is an array of 8-byte
 * words growing upward.  The rewind_jmp_thread must not live on the part of
 * the stack that gets restored (use a global or a heap/thread-local struct).
 * A zero-initialized rewind_jmp_thread is ready to use.
 *
 * This header is included by stmgc.h, so it depends on nothing but the
 * standard headers below and must stay warning-free.
 */
#ifndef STMGC_REWIND_SETJMP_H
#define STMGC_REWIND_SETJMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct _rewind_jmp_buf {
    char *shadowstack_base;       /* shadow stack pointer when the frame was
                                     entered */
    struct _rewind_jmp_buf *prev; /* enclosing registered frame */
    char *frame_base; /* address marking the top of this frame's stack
                         region */
} rewind_jmp_buf;

/* Number of words of the setjmp-time copy kept inside rewind_jmp_thread: the
 * usual slice (a few hundred bytes) then costs no malloc at all. */
#define REWIND_JMP_INLINE_COPY_WORDS 128

typedef struct {
    rewind_jmp_buf *head;         /* innermost registered frame, NULL if none */
    rewind_jmp_buf *initial_head; /* head at setjmp time; NULL when not armed */
    char *moved_off_base;         /* stack address up to which data is saved */
    char *moved_off_ssbase;       /* shadow stack address from which data is
                                     saved */
    struct _rewind_jmp_moved_s *moved_off; /* saved slices (malloc'ed),
                                              innermost first */
    void *jmpbuf[8];   /* registers saved by the asm setjmp */
    long repeat_count; /* how many times setjmp returned after a longjmp */

    /* The setjmp-time slice: stack [setjmp_stack_start, +setjmp_stack_size)
     * and shadow stack [setjmp_ss_start, setjmp_ss).  Its copy holds the
     * shadow stack words first, then the stack bytes; it points to
     * inline_copy when it fits there, else to a malloc'ed block. */
    char *setjmp_ss; /* ss given to rewind_jmp_setjmp */
    char *setjmp_ss_start;
    char *setjmp_stack_start; /* stack pointer where the setjmp resumes */
    size_t setjmp_stack_size;
    void **setjmp_copy;
    void *inline_copy[REWIND_JMP_INLINE_COPY_WORDS];
} rewind_jmp_thread;


/* Internal helpers, defined in rewind_setjmp.c; not part of the API. */
__attribute__((noreturn, cold)) void _rewind_jmp_fatal(const char *message);
void _rewind_jmp_save_left_frame(rewind_jmp_thread *rjthread,
                                 rewind_jmp_buf *rjbuf);

static inline void _rewind_jmp_push_frame(rewind_jmp_thread *rjthread,
                                          rewind_jmp_buf *rjbuf,
                                          void *frame_base, void *ss)
{
    rjbuf->frame_base = (char *)frame_base;
    rjbuf->shadowstack_base = (char *)ss;
    rjbuf->prev = rjthread->head;
    rjthread->head = rjbuf;
}


/* Register the calling function's frame.  A macro, so that the frame address
 * taken is the caller's own. */
#define rewind_jmp_enterframe(rjthread, rjbuf, ss)                          \
    _rewind_jmp_push_frame((rjthread), (rjbuf), __builtin_frame_address(0), \
                           (ss))

/* The same for a frame entered while a setjmp is armed.  Entering a frame
 * never touches the armed state, so nothing more is needed. */
#define rewind_jmp_enterprepframe(rjthread, rjbuf, ss) \
    rewind_jmp_enterframe(rjthread, rjbuf, ss)

/* Unregister rjbuf, which must be the innermost registered frame.  If it is
 * the frame bounding what a longjmp must restore, its caller's part of the
 * stack is copied first, because it may change once this frame returns. */
static inline void rewind_jmp_leaveframe(rewind_jmp_thread *rjthread,
                                         rewind_jmp_buf *rjbuf, void *ss)
{
    (void)ss;
    if (rjthread->head != rjbuf)
        _rewind_jmp_fatal("rewind_jmp_leaveframe: the frame being left is "
                          "not the innermost registered frame");
    if (rjbuf->frame_base == rjthread->moved_off_base)
        _rewind_jmp_save_left_frame(rjthread, rjbuf);
    rjthread->head = rjbuf->prev;
}

/* Arm the jump point.  Returns 0 now, and repeat_count (1, 2, ...) each time
 * rewind_jmp_longjmp() comes back here, even after the caller returned. */
__attribute__((returns_twice)) long
rewind_jmp_setjmp(rewind_jmp_thread *rjthread, void *ss);

/* Restore the saved stack and shadow stack slices and return again from the
 * armed rewind_jmp_setjmp().  It stays armed. */
__attribute__((noreturn)) void rewind_jmp_longjmp(rewind_jmp_thread *rjthread);

/* Disarm (the transaction committed) and free the saved slices. */
void rewind_jmp_forget(rewind_jmp_thread *rjthread);

static inline bool rewind_jmp_armed(rewind_jmp_thread *rjthread)
{
    return rjthread->initial_head != NULL;
}

/* The shadow stack pointer given to the armed rewind_jmp_setjmp(): after a
 * longjmp, the user resets its shadow stack pointer to it. */
static inline char *rewind_jmp_restore_shadowstack(rewind_jmp_thread *rjthread)
{
    return rjthread->setjmp_ss;
}

/* Call callback on every 8-byte word of the saved shadow stack copies, so a
 * garbage collector can use them as roots and update them in place. */
void rewind_jmp_enum_shadowstack(rewind_jmp_thread *rjthread,
                                 void (*callback)(void *slot));

#endif
