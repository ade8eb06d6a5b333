/* rewind_setjmp.c -- the stack copying behind the rewind setjmp (see
 * rewind_setjmp.h for the model).
 *
 * It owns the saved slices: the setjmp-time copy of the stack and shadow
 * stack, the "moved off" copies made when registered frames return while
 * armed, and putting all of them back before jumping.  Saving and restoring
 * registers is done by rewind_jmp_x86_64.S.
 *
 * Because the jump target may be a frame that returned, the stack is copied
 * from inside the asm setjmp (through its after_save hook), before the C
 * caller resumes: the copy then matches exactly what the caller's code
 * expects when the setjmp returns a second time, whatever the compiler does
 * with that frame afterwards.
 */
#include "rewind_setjmp.h"

#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A slice saved by rewind_jmp_leaveframe(): the caller's part of the stack
 * and shadow stack, belonging to a frame that returned while armed. */
struct _rewind_jmp_moved_s {
    struct _rewind_jmp_moved_s *next; /* the next outer slice */
    char *stack_start;
    size_t stack_size;
    char *ss_start;
    size_t ss_size;
    void *words[]; /* ss_size bytes of shadow stack, then the stack bytes */
};

/* rewind_jmp_x86_64.S.  The first saves rbx, rbp, r12-r15, the caller's
 * stack pointer and return address in jmpbuf, calls after_save(arg, the
 * caller's stack pointer) if not NULL, and returns 0; the second makes it
 * return value (nonzero) again. */
__attribute__((returns_twice)) long _rewind_jmp_asm_setjmp(
    void **jmpbuf, void (*after_save)(void *arg, char *resume_sp), void *arg);
__attribute__((noreturn)) void _rewind_jmp_asm_longjmp(void **jmpbuf,
                                                       long value);

/* How far below the lowest restored address the restoring code must run:
 * room for its own frame and memcpy's, with a wide margin. */
#define RESTORE_STACK_CLEARANCE 512


void _rewind_jmp_fatal(const char *message)
{
    fprintf(stderr, "rewind_setjmp: %s\n", message);
    abort();
}

static void *malloc_or_die(size_t size)
{
    void *result = malloc(size);
    if (result == NULL)
        _rewind_jmp_fatal("out of memory while saving the stack");
    return result;
}

static size_t shadowstack_copy_words(rewind_jmp_thread *rjthread)
{
    return (size_t)(rjthread->setjmp_ss - rjthread->setjmp_ss_start) /
           sizeof(void *);
}

/* The after_save hook of the asm setjmp: runs while the frames from
 * resume_sp up to head->frame_base are exactly as the resumed code will
 * expect them. */
static void save_setjmp_slice(void *arg, char *resume_sp)
{
    rewind_jmp_thread *rjthread = arg;
    rewind_jmp_buf *head = rjthread->head;

    if (head->frame_base <= resume_sp)
        _rewind_jmp_fatal("rewind_jmp_setjmp: the innermost registered frame "
                          "is not a caller of rewind_jmp_setjmp");

    size_t stack_size = (size_t)(head->frame_base - resume_sp);
    size_t ss_size = (size_t)(rjthread->setjmp_ss - head->shadowstack_base);
    void **copy = rjthread->inline_copy;
    if (ss_size + stack_size > sizeof(rjthread->inline_copy))
        copy = malloc_or_die(ss_size + stack_size);
    memcpy(copy, head->shadowstack_base, ss_size);
    memcpy((char *)copy + ss_size, resume_sp, stack_size);

    rjthread->setjmp_copy = copy;
    rjthread->setjmp_ss_start = head->shadowstack_base;
    rjthread->setjmp_stack_start = resume_sp;
    rjthread->setjmp_stack_size = stack_size;
    rjthread->initial_head = head;
    rjthread->moved_off_base = head->frame_base;
    rjthread->moved_off_ssbase = head->shadowstack_base;
    rjthread->moved_off = NULL;
    rjthread->repeat_count = 0;
}

/* noinline: its frame must be below the frames it copies, which the C
 * callers cannot see if it is inlined into them. */
__attribute__((noinline)) long rewind_jmp_setjmp(rewind_jmp_thread *rjthread,
                                                 void *ss)
{
    rewind_jmp_buf *head = rjthread->head;
    if (head == NULL)
        _rewind_jmp_fatal("rewind_jmp_setjmp: no frame registered with "
                          "rewind_jmp_enterframe");
    if (rjthread->initial_head != NULL)
        _rewind_jmp_fatal("rewind_jmp_setjmp: already armed (missing "
                          "rewind_jmp_forget?)");
    if ((char *)ss < head->shadowstack_base)
        _rewind_jmp_fatal("rewind_jmp_setjmp: shadow stack pointer below the "
                          "innermost registered frame's");

    rjthread->setjmp_ss = ss;
    return _rewind_jmp_asm_setjmp(rjthread->jmpbuf, save_setjmp_slice,
                                  rjthread);
}

void _rewind_jmp_save_left_frame(rewind_jmp_thread *rjthread,
                                 rewind_jmp_buf *rjbuf)
{
    rewind_jmp_buf *outer = rjbuf->prev;
    if (outer == NULL)
        _rewind_jmp_fatal("rewind_jmp_leaveframe: leaving the outermost "
                          "registered frame while a setjmp is armed (call "
                          "rewind_jmp_forget first)");
    if (outer->frame_base < rjbuf->frame_base ||
        outer->shadowstack_base > rjbuf->shadowstack_base)
        _rewind_jmp_fatal("rewind_jmp_leaveframe: the enclosing frame is not "
                          "above the frame being left");

    size_t stack_size = (size_t)(outer->frame_base - rjbuf->frame_base);
    size_t ss_size =
        (size_t)(rjbuf->shadowstack_base - outer->shadowstack_base);
    struct _rewind_jmp_moved_s *moved =
        malloc_or_die(sizeof(*moved) + ss_size + stack_size);
    moved->next = NULL;
    moved->stack_start = rjbuf->frame_base;
    moved->stack_size = stack_size;
    moved->ss_start = outer->shadowstack_base;
    moved->ss_size = ss_size;
    memcpy(moved->words, moved->ss_start, ss_size);
    memcpy((char *)moved->words + ss_size, moved->stack_start, stack_size);

    /* Each new slice lies outside the previous ones: append, keeping the
     * list innermost first. */
    struct _rewind_jmp_moved_s **link = &rjthread->moved_off;
    while (*link != NULL)
        link = &(*link)->next;
    *link = moved;

    rjthread->moved_off_base = outer->frame_base;
    rjthread->moved_off_ssbase = outer->shadowstack_base;
}

/* Runs with its frame below every address it writes (rewind_jmp_longjmp
 * made sure of it); below_restored is the caller's alloca block, passed only
 * so that it stays in use until here. */
__attribute__((noinline, noreturn)) static void
restore_slices_and_jump(rewind_jmp_thread *rjthread, char *below_restored)
{
    (void)below_restored;
    if ((char *)__builtin_frame_address(0) >= rjthread->setjmp_stack_start)
        _rewind_jmp_fatal("rewind_jmp_longjmp: internal error, restoring "
                          "over the running frame");

    size_t ss_size = (size_t)(rjthread->setjmp_ss - rjthread->setjmp_ss_start);
    memcpy(rjthread->setjmp_ss_start, rjthread->setjmp_copy, ss_size);
    memcpy(rjthread->setjmp_stack_start,
           (char *)rjthread->setjmp_copy + ss_size,
           rjthread->setjmp_stack_size);
    for (struct _rewind_jmp_moved_s *moved = rjthread->moved_off; moved != NULL;
         moved = moved->next) {
        memcpy(moved->ss_start, moved->words, moved->ss_size);
        memcpy(moved->stack_start, (char *)moved->words + moved->ss_size,
               moved->stack_size);
    }

    /* Frames registered after the setjmp are gone; the moved-off copies stay,
     * as the frames they belong to will return again. */
    rjthread->head = rjthread->initial_head;
    rjthread->repeat_count++;
    _rewind_jmp_asm_longjmp(rjthread->jmpbuf, rjthread->repeat_count);
}

void rewind_jmp_longjmp(rewind_jmp_thread *rjthread)
{
    if (!rewind_jmp_armed(rjthread))
        _rewind_jmp_fatal("rewind_jmp_longjmp: no armed rewind_jmp_setjmp");

    /* Called from shallower than the setjmp point (or not deep enough), the
     * copying code would overwrite its own frame: move below first. */
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    uintptr_t lowest = (uintptr_t)rjthread->setjmp_stack_start;
    char *below_restored = NULL;
    if (here + RESTORE_STACK_CLEARANCE > lowest) {
        below_restored = alloca(here - lowest + 2 * RESTORE_STACK_CLEARANCE);
        /* The block is otherwise unused: keep the compiler from dropping
         * it (and with it, the move below the restored area). */
        __asm__ volatile("" : : "r"(below_restored) : "memory");
    }
    restore_slices_and_jump(rjthread, below_restored);
}

void rewind_jmp_forget(rewind_jmp_thread *rjthread)
{
    struct _rewind_jmp_moved_s *moved = rjthread->moved_off;
    while (moved != NULL) {
        struct _rewind_jmp_moved_s *next = moved->next;
        free(moved);
        moved = next;
    }
    if (rjthread->setjmp_copy != rjthread->inline_copy)
        free(rjthread->setjmp_copy);
    rjthread->setjmp_copy = NULL;
    rjthread->moved_off = NULL;
    rjthread->initial_head = NULL;
    rjthread->moved_off_base = NULL;
    rjthread->moved_off_ssbase = NULL;
    rjthread->repeat_count = 0;
}

void rewind_jmp_enum_shadowstack(rewind_jmp_thread *rjthread,
                                 void (*callback)(void *slot))
{
    if (!rewind_jmp_armed(rjthread))
        return;
    size_t words = shadowstack_copy_words(rjthread);
    for (size_t i = 0; i < words; i++)
        callback(&rjthread->setjmp_copy[i]);
    for (struct _rewind_jmp_moved_s *moved = rjthread->moved_off; moved != NULL;
         moved = moved->next) {
        for (size_t i = 0; i < moved->ss_size / sizeof(void *); i++)
            callback(&moved->words[i]);
    }
}
