/* test_rewind.c -- CUnit tests of the rewind setjmp (stmgc/rewind_setjmp.h,
 * rewind_setjmp.c, rewind_jmp_x86_64.S).
 *
 * Standalone program: run_rewind_tests.sh builds it with several compilers and
 * optimization levels, because what gets copied depends on how each compiler
 * lays out frames.  Exit status is nonzero if anything failed.
 *
 * Whatever must survive a longjmp (what the rewound code saw, counters) is
 * kept in globals: locals of the rewound frames are put back on purpose, and
 * several tests check exactly that.
 */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rewind_setjmp.h"

#define NOINLINE __attribute__((noinline))

/* Global, so that it is never on the part of the stack that gets restored. */
static rewind_jmp_thread rjt;

/* The user's shadow stack: 8-byte words, growing upward. */
#define SHADOW_STACK_WORDS 256
static void *shadow_stack[SHADOW_STACK_WORDS];
static void **shadow_top = shadow_stack;

/* Fake object pointers to put on the shadow stack. */
#define OBJ(n) ((void *)(uintptr_t)(0x1000 * (n)))

static void shadow_push(void *value)
{
    *shadow_top++ = value;
}

static void *shadow_pop(void)
{
    return *--shadow_top;
}

/* The successive values seen by code that runs again after each longjmp. */
#define MAX_RECORDS 64
static long results[MAX_RECORDS];
static int n_results;
static long seen_values[MAX_RECORDS];
static int n_seen_values;

static void record_result(long rc)
{
    if (n_results < MAX_RECORDS)
        results[n_results++] = rc;
}

static void record_seen(long value)
{
    if (n_seen_values < MAX_RECORDS)
        seen_values[n_seen_values++] = value;
}

/* Makes an address escape: the compiler must then keep the variable in
 * memory and reload it after every call. */
static void *volatile escaped_address;
static NOINLINE void escape(void *address)
{
    escaped_address = address;
}

/* Longjmps allowed per test: a broken setjmp that keeps returning the same
 * value must end in failed assertions, not in an endless loop. */
#define MAX_JUMPS_PER_TEST 10000
static long jumps_in_test;

static void setup_test(void)
{
    rewind_jmp_forget(&rjt);
    memset(&rjt, 0, sizeof(rjt));
    memset(shadow_stack, 0, sizeof(shadow_stack));
    shadow_top = shadow_stack;
    n_results = 0;
    n_seen_values = 0;
    jumps_in_test = 0;
}

/* rewind_jmp_longjmp(), unless not armed or over budget: then it records a
 * failure and returns, and the caller's next assertions fail too. */
static void jump_back(void)
{
    if (!rewind_jmp_armed(&rjt)) {
        CU_FAIL("longjmp wanted but not armed");
        return;
    }
    if (++jumps_in_test > MAX_JUMPS_PER_TEST) {
        CU_FAIL("too many longjmps: setjmp keeps returning the same values");
        return;
    }
    rewind_jmp_longjmp(&rjt);
}

/* Every test must end with nothing registered and nothing armed. */
static void check_clean_state(void)
{
    CU_ASSERT_PTR_NULL(rjt.head);
    CU_ASSERT_FALSE(rewind_jmp_armed(&rjt));
    CU_ASSERT_PTR_NULL(rjt.moved_off);
    CU_ASSERT_EQUAL(rjt.repeat_count, 0);
}


/* ---- helpers that arm, jump, or trash the stack ---- */

static long helper_returns;

/* Like stm_start_transaction(): arms the jump point and returns, so that a
 * longjmp has to come back into this frame after it returned. */
static NOINLINE long start_like_transaction(void)
{
    long rc = rewind_jmp_setjmp(&rjt, shadow_top);
    helper_returns++;
    return rc;
}

/* Lowest stack address reached by the last longjmp_from_depth(). */
static char *volatile deepest_jump_address;

/* Longjmps from depth frames below the caller.  Passing the array down keeps
 * every frame alive (no tail call, no recursion turned into a loop). */
static NOINLINE void longjmp_from_depth(int depth, volatile char *outer_filler)
{
    volatile char filler[256];
    filler[0] = (char)depth;
    if (outer_filler != NULL)
        filler[1] = outer_filler[0];
    if (depth > 0) {
        longjmp_from_depth(depth - 1, filler);
    } else {
        deepest_jump_address = (char *)filler;
        jump_back();
    }
}

/* Overwrites the stack below the caller with garbage, so that a frame that
 * was not restored would be noticed. */
static NOINLINE void clobber_stack(int depth, volatile char *outer_filler)
{
    volatile char garbage[512];
    memset((char *)garbage, 0xA5, sizeof(garbage));
    if (outer_filler != NULL)
        garbage[0] = outer_filler[1];
    if (depth > 0)
        clobber_stack(depth - 1, garbage);
}


/* ---- tests ---- */

static void test_plain_live_frame(void)
{
    rewind_jmp_buf rjbuf;
    volatile int local = 10;

    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);
    long rc = rewind_jmp_setjmp(&rjt, shadow_top);
    record_result(rc);
    record_seen(local);
    CU_ASSERT_TRUE(rewind_jmp_armed(&rjt));
    CU_ASSERT_EQUAL(rjt.repeat_count, rc);
    CU_ASSERT_PTR_EQUAL(rjt.head, &rjbuf);
    if (rc < 3) {
        local = 20 + (int)rc;
        longjmp_from_depth(5, NULL);
    }

    CU_ASSERT_EQUAL(n_results, 4);
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(results[i], i);
        CU_ASSERT_EQUAL(seen_values[i], 10);
    }
    rewind_jmp_forget(&rjt);
    CU_ASSERT_FALSE(rewind_jmp_armed(&rjt));
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
    check_clean_state();
}

static void test_setjmp_in_returned_helper(void)
{
    rewind_jmp_buf rjbuf;
    volatile long in_memory = 111;
    long escaped = 5;
    escape(&escaped);
    helper_returns = 0;

    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);
    long rc = start_like_transaction();
    record_result(rc);
    record_seen(in_memory);
    record_seen(escaped);
    /* Both locals lie between the setjmp point and the frame base. */
    CU_ASSERT((char *)&escaped > rjt.setjmp_stack_start);
    CU_ASSERT((char *)&escaped < rjbuf.frame_base);
    CU_ASSERT((char *)&in_memory > rjt.setjmp_stack_start);
    CU_ASSERT((char *)&in_memory < rjbuf.frame_base);

    if (rc == 0) {
        in_memory = 222;
        escaped = 6;
        longjmp_from_depth(20, NULL);
    }
    CU_ASSERT((char *)deepest_jump_address < rjt.setjmp_stack_start - 4000);
    if (rc == 1) {
        in_memory = 333;
        escaped = 7;
        /* From this frame, which is shallower than the setjmp point. */
        jump_back();
    }

    CU_ASSERT_EQUAL(rc, 2);
    CU_ASSERT_EQUAL(helper_returns, 3);
    CU_ASSERT_EQUAL(n_results, 3);
    CU_ASSERT_EQUAL(n_seen_values, 6);
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(results[i], i);
        CU_ASSERT_EQUAL(seen_values[2 * i], 111);
        CU_ASSERT_EQUAL(seen_values[2 * i + 1], 5);
    }
    rewind_jmp_forget(&rjt);
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
    check_clean_state();
}

/* Registers its own frame, arms, modifies a local, and returns: its frame
 * and part of its caller's are then only in the saved copies. */
static NOINLINE long enter_start_and_leave(void)
{
    rewind_jmp_buf inner_buf;
    volatile long inner_local = 1;

    rewind_jmp_enterframe(&rjt, &inner_buf, shadow_top);
    long rc = rewind_jmp_setjmp(&rjt, shadow_top);
    record_seen(inner_local);
    inner_local = 2;
    rewind_jmp_leaveframe(&rjt, &inner_buf, shadow_top);
    return rc;
}

static void test_leaveframe_while_armed(void)
{
    rewind_jmp_buf outer_buf;
    volatile long outer_local = 7;

    rewind_jmp_enterframe(&rjt, &outer_buf, shadow_top);
    long rc = enter_start_and_leave();
    record_result(rc);
    record_seen(outer_local);
    CU_ASSERT_PTR_EQUAL(rjt.head, &outer_buf);
    CU_ASSERT_TRUE(rewind_jmp_armed(&rjt));
    CU_ASSERT_PTR_NOT_NULL(rjt.moved_off);
    CU_ASSERT_PTR_EQUAL(rjt.moved_off_base, outer_buf.frame_base);
    CU_ASSERT_PTR_EQUAL(rjt.moved_off_ssbase, outer_buf.shadowstack_base);

    if (rc < 2) {
        outer_local = 8;
        clobber_stack(8, NULL);
        /* From the outer frame: shallower than everything saved at setjmp,
         * and inside the moved-off slice itself. */
        jump_back();
    }

    CU_ASSERT_EQUAL(n_results, 3);
    CU_ASSERT_EQUAL(n_seen_values, 6);
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(results[i], i);
        CU_ASSERT_EQUAL(seen_values[2 * i], 1);     /* inner_local */
        CU_ASSERT_EQUAL(seen_values[2 * i + 1], 7); /* outer_local */
    }
    rewind_jmp_forget(&rjt);
    rewind_jmp_leaveframe(&rjt, &outer_buf, shadow_top);
    check_clean_state();
}

static void test_shadowstack_restored(void)
{
    rewind_jmp_buf rjbuf;

    shadow_push(OBJ(1));
    shadow_push(OBJ(2));
    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);
    shadow_push(OBJ(3));
    shadow_push(OBJ(4));
    long rc = start_like_transaction();
    record_result(rc);
    CU_ASSERT_PTR_EQUAL(rewind_jmp_restore_shadowstack(&rjt),
                        (char *)&shadow_stack[4]);
    if (rc == 0) {
        shadow_pop();
        shadow_pop();
        shadow_push(OBJ(30));
        shadow_push(OBJ(40));
        shadow_push(OBJ(50));
        longjmp_from_depth(3, NULL);
    }

    CU_ASSERT_EQUAL(rc, 1);
    /* The pointer itself is the user's to reset. */
    CU_ASSERT_PTR_EQUAL(shadow_top, &shadow_stack[5]);
    shadow_top = (void **)rewind_jmp_restore_shadowstack(&rjt);
    CU_ASSERT_PTR_EQUAL(shadow_top, &shadow_stack[4]);
    CU_ASSERT_PTR_EQUAL(shadow_stack[0], OBJ(1));
    CU_ASSERT_PTR_EQUAL(shadow_stack[1], OBJ(2));
    CU_ASSERT_PTR_EQUAL(shadow_stack[2], OBJ(3));
    CU_ASSERT_PTR_EQUAL(shadow_stack[3], OBJ(4));
    /* Above the setjmp-time pointer: not part of any slice. */
    CU_ASSERT_PTR_EQUAL(shadow_stack[4], OBJ(50));

    rewind_jmp_forget(&rjt);
    shadow_pop();
    shadow_pop();
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
    check_clean_state();
}

static void **visited_slots[16];
static void *visited_values[16];
static int n_visited;

static void collect_slot(void *slot)
{
    if (n_visited < 16) {
        visited_slots[n_visited] = slot;
        visited_values[n_visited] = *(void **)slot;
    }
    n_visited++;
}

/* What a moving GC does to its roots: OBJ(n) becomes OBJ(n + 100). */
static void move_object(void *slot)
{
    void **root = slot;
    *root = (char *)*root + 0x1000 * 100;
}

static void enumerate_saved_shadowstack(void)
{
    n_visited = 0;
    rewind_jmp_enum_shadowstack(&rjt, collect_slot);
}

static NOINLINE long enter_push_start_and_leave(void)
{
    rewind_jmp_buf inner_buf;

    rewind_jmp_enterframe(&rjt, &inner_buf, shadow_top);
    shadow_push(OBJ(3));
    long rc = rewind_jmp_setjmp(&rjt, shadow_top);
    if (rc != 0)
        shadow_top = (void **)rewind_jmp_restore_shadowstack(&rjt);
    record_seen((long)(uintptr_t)shadow_pop());
    rewind_jmp_leaveframe(&rjt, &inner_buf, shadow_top);
    return rc;
}

static void test_enum_shadowstack(void)
{
    rewind_jmp_buf rjbuf;

    shadow_push(OBJ(1));
    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);
    shadow_push(OBJ(2));
    enumerate_saved_shadowstack();
    CU_ASSERT_EQUAL(n_visited, 0); /* not armed: nothing saved */

    long rc = enter_push_start_and_leave();
    record_result(rc);
    /* Saved: OBJ(3) at setjmp, then OBJ(2) when the inner frame left. */
    enumerate_saved_shadowstack();
    CU_ASSERT_EQUAL(n_visited, 2);
    for (int i = 0; i < 2 && i < n_visited; i++) {
        /* Copies, not the live shadow stack. */
        CU_ASSERT(visited_slots[i] < shadow_stack ||
                  visited_slots[i] >= shadow_stack + SHADOW_STACK_WORDS);
    }
    if (rc == 0) {
        CU_ASSERT_PTR_EQUAL(visited_values[0], OBJ(3));
        CU_ASSERT_PTR_EQUAL(visited_values[1], OBJ(2));
        rewind_jmp_enum_shadowstack(&rjt, move_object);
        shadow_pop();
        shadow_push(OBJ(98));
        shadow_push(OBJ(99));
        jump_back();
    }

    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT_PTR_EQUAL(visited_values[0], OBJ(103));
    CU_ASSERT_PTR_EQUAL(visited_values[1], OBJ(102));
    /* The updated copies are what got restored. */
    CU_ASSERT_EQUAL(n_seen_values, 2);
    CU_ASSERT_EQUAL(seen_values[0], (long)(uintptr_t)OBJ(3));
    CU_ASSERT_EQUAL(seen_values[1], (long)(uintptr_t)OBJ(103));
    CU_ASSERT_PTR_EQUAL(shadow_top, &shadow_stack[2]);
    CU_ASSERT_PTR_EQUAL(shadow_stack[0], OBJ(1));
    CU_ASSERT_PTR_EQUAL(shadow_stack[1], OBJ(102));

    rewind_jmp_forget(&rjt);
    enumerate_saved_shadowstack();
    CU_ASSERT_EQUAL(n_visited, 0);
    shadow_pop();
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
    shadow_pop();
    check_clean_state();
}

/* Its frame alone is bigger than the copy kept inside rewind_jmp_thread. */
static NOINLINE long start_with_big_frame(void)
{
    char big[3000];
    memset(big, 7, sizeof(big));
    escape(big); /* so the whole array stays in the frame */
    long rc = rewind_jmp_setjmp(&rjt, shadow_top);
    record_seen(big[0] * 10 + big[sizeof(big) - 1]);
    return rc;
}

static long cycles_completed;

static void test_forget_and_cycles(void)
{
    rewind_jmp_buf rjbuf;

    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);

    /* After forget, a new setjmp counts repeats from 1 again. */
    for (int round = 0; round < 2; round++) {
        long rc = start_like_transaction();
        record_result(rc);
        if (rc == 0)
            longjmp_from_depth(2, NULL);
        CU_ASSERT_EQUAL(rc, 1);
        rewind_jmp_forget(&rjt);
        CU_ASSERT_FALSE(rewind_jmp_armed(&rjt));
        CU_ASSERT_EQUAL(rjt.repeat_count, 0);
    }
    CU_ASSERT_EQUAL(n_results, 4);
    CU_ASSERT_EQUAL(results[0] * 1000 + results[1] * 100 + results[2] * 10 +
                        results[3],
                    101);

    /* Many cycles: inline copy, malloc'ed copy, moved-off slices. */
    cycles_completed = 0;
    for (int i = 0; i < 5000; i++) {
        long rc = start_like_transaction();
        if (rc == 0 && i % 2 == 0)
            longjmp_from_depth(1, NULL);
        if (rc == (i % 2 == 0 ? 1 : 0))
            cycles_completed++;
        rewind_jmp_forget(&rjt);
    }
    CU_ASSERT_EQUAL(cycles_completed, 5000);

    cycles_completed = 0;
    n_seen_values = 0;
    for (int i = 0; i < 1000; i++) {
        long rc = start_with_big_frame();
        CU_ASSERT(rjt.setjmp_stack_size > sizeof(rjt.inline_copy));
        if (rc == 0) {
            clobber_stack(10, NULL);
            jump_back();
        }
        if (rc == 1)
            cycles_completed++;
        rewind_jmp_forget(&rjt);
    }
    CU_ASSERT_EQUAL(cycles_completed, 1000);
    CU_ASSERT_EQUAL(n_seen_values, MAX_RECORDS);
    for (int i = 0; i < n_seen_values; i++)
        CU_ASSERT_EQUAL(seen_values[i], 77);

    cycles_completed = 0;
    for (int i = 0; i < 1000; i++) {
        long rc = enter_start_and_leave();
        if (rc == 0)
            jump_back();
        if (rc == 1)
            cycles_completed++;
        rewind_jmp_forget(&rjt);
    }
    CU_ASSERT_EQUAL(cycles_completed, 1000);

    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
    check_clean_state();
}

static long attempts;

/* Deep recursion registering frames as an interpreter would inside a
 * transaction, then an abort from the bottom without leaving them. */
static NOINLINE void recurse_and_abort(int depth)
{
    rewind_jmp_buf rjbuf;
    rewind_jmp_enterprepframe(&rjt, &rjbuf, shadow_top);
    shadow_push(OBJ(depth));
    if (depth > 0)
        recurse_and_abort(depth - 1);
    else
        jump_back();
    /* Only reached if the jump was refused: it discards these frames. */
    shadow_pop();
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
}

static void test_abort_loop_from_deep_recursion(void)
{
    rewind_jmp_buf rjbuf;
    volatile long total_aborts = 0;

    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);
    for (int round = 0; round < 8; round++) {
        attempts = 0;
        long rc = start_like_transaction();
        attempts++;
        if (rc != 0) {
            shadow_top = (void **)rewind_jmp_restore_shadowstack(&rjt);
            CU_ASSERT_PTR_EQUAL(rjt.head, &rjbuf);
        }
        if (rc < round)
            recurse_and_abort(30 + 7 * (int)rc);
        CU_ASSERT_EQUAL(rc, round);
        CU_ASSERT_EQUAL(attempts, round + 1);
        CU_ASSERT_PTR_EQUAL(shadow_top, shadow_stack);
        total_aborts += rc;
        rewind_jmp_forget(&rjt);
    }
    CU_ASSERT_EQUAL(total_aborts, 0 + 1 + 2 + 3 + 4 + 5 + 6 + 7);
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
    check_clean_state();
}

static NOINLINE void enter_and_leave_prepframes(int depth)
{
    rewind_jmp_buf rjbuf;
    rewind_jmp_enterprepframe(&rjt, &rjbuf, shadow_top);
    CU_ASSERT_PTR_EQUAL(rjt.head, &rjbuf);
    if (depth > 0)
        enter_and_leave_prepframes(depth - 1);
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
}

static void test_enterprepframe_keeps_armed_state(void)
{
    rewind_jmp_buf rjbuf;

    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);
    long rc = start_like_transaction();
    record_result(rc);
    rewind_jmp_buf *initial_head = rjt.initial_head;
    char *moved_off_base = rjt.moved_off_base;
    char *setjmp_stack_start = rjt.setjmp_stack_start;

    enter_and_leave_prepframes(10);
    CU_ASSERT_TRUE(rewind_jmp_armed(&rjt));
    CU_ASSERT_PTR_EQUAL(rjt.head, &rjbuf);
    CU_ASSERT_PTR_EQUAL(rjt.initial_head, initial_head);
    CU_ASSERT_PTR_EQUAL(rjt.moved_off_base, moved_off_base);
    CU_ASSERT_PTR_EQUAL(rjt.moved_off_base, rjbuf.frame_base);
    CU_ASSERT_PTR_EQUAL(rjt.setjmp_stack_start, setjmp_stack_start);
    CU_ASSERT_PTR_NULL(rjt.moved_off);
    if (rc == 0)
        longjmp_from_depth(4, NULL);

    CU_ASSERT_EQUAL(n_results, 2);
    CU_ASSERT_EQUAL(results[1], 1);
    rewind_jmp_forget(&rjt);
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
    check_clean_state();
}

/* ---- usage errors: each must abort() with a message ---- */

static NOINLINE void leave_outermost_frame_while_armed(void)
{
    rewind_jmp_buf rjbuf;
    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);
    rewind_jmp_setjmp(&rjt, shadow_top);
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
}

static NOINLINE void leave_frame_that_is_not_head(void)
{
    rewind_jmp_buf outer, inner;
    rewind_jmp_enterframe(&rjt, &outer, shadow_top);
    rewind_jmp_enterframe(&rjt, &inner, shadow_top);
    rewind_jmp_leaveframe(&rjt, &outer, shadow_top);
}

static NOINLINE void setjmp_without_frame(void)
{
    rewind_jmp_setjmp(&rjt, shadow_top);
}

static NOINLINE void longjmp_when_not_armed(void)
{
    rewind_jmp_longjmp(&rjt);
}

static void expect_abort(void (*scenario)(void), const char *expected_message)
{
    int pipe_fds[2];
    CU_ASSERT_EQUAL_FATAL(pipe(pipe_fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        scenario();
        _exit(0);
    }
    close(pipe_fds[1]);
    char message[4096];
    size_t length = 0;
    ssize_t got;
    while ((got = read(pipe_fds[0], message + length,
                       sizeof(message) - 1 - length)) > 0)
        length += (size_t)got;
    message[length] = '\0';
    close(pipe_fds[0]);
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CU_ASSERT_PTR_NOT_NULL(strstr(message, expected_message));
}

static void test_usage_errors_abort(void)
{
    expect_abort(leave_outermost_frame_while_armed,
                 "leaving the outermost registered frame while a setjmp is "
                 "armed");
    expect_abort(leave_frame_that_is_not_head,
                 "not the innermost registered frame");
    expect_abort(setjmp_without_frame, "no frame registered");
    expect_abort(longjmp_when_not_armed, "no armed rewind_jmp_setjmp");
    check_clean_state();
}

/* Timing of the hot path, reported rather than asserted. */
static void test_setjmp_forget_cycle_timing(void)
{
    rewind_jmp_buf rjbuf;
    long iterations = 1000000;
    const char *setting = getenv("REWIND_BENCH_ITERATIONS");
    if (setting != NULL && atol(setting) > 0)
        iterations = atol(setting);

    rewind_jmp_enterframe(&rjt, &rjbuf, shadow_top);
    shadow_push(OBJ(1));
    shadow_push(OBJ(2));
    CU_ASSERT_EQUAL(start_like_transaction(), 0);
    size_t stack_bytes = rjt.setjmp_stack_size;
    size_t ss_bytes = (size_t)(rjt.setjmp_ss - rjt.setjmp_ss_start);
    rewind_jmp_forget(&rjt);

    long nonzero = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < iterations; i++) {
        if (start_like_transaction() != 0)
            nonzero++;
        rewind_jmp_forget(&rjt);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double nanoseconds = (double)(end.tv_sec - start.tv_sec) * 1e9 +
                         (double)(end.tv_nsec - start.tv_nsec);
    printf("\n    setjmp+forget cycle: %.1f ns (stack slice %zu bytes, "
           "shadow stack slice %zu bytes, %ld cycles)\n",
           nanoseconds / (double)iterations, stack_bytes, ss_bytes, iterations);
    CU_ASSERT_EQUAL(nonzero, 0);
    CU_ASSERT_EQUAL(ss_bytes, 2 * sizeof(void *));

    shadow_pop();
    shadow_pop();
    rewind_jmp_leaveframe(&rjt, &rjbuf, shadow_top);
    check_clean_state();
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite suite = CU_add_suite_with_setup_and_teardown(
        "rewind_setjmp", NULL, NULL, setup_test, NULL);
    if (suite == NULL)
        return 2;

    static const struct {
        const char *name;
        void (*test)(void);
    } tests[] = {
        {"plain longjmp into a live frame", test_plain_live_frame},
        {"setjmp in a helper that returned", test_setjmp_in_returned_helper},
        {"frame left while armed", test_leaveframe_while_armed},
        {"shadow stack restored", test_shadowstack_restored},
        {"enum_shadowstack visits the saved words", test_enum_shadowstack},
        {"forget, then setjmp again; many cycles", test_forget_and_cycles},
        {"abort loop from deep recursion", test_abort_loop_from_deep_recursion},
        {"enterprepframe keeps the armed state",
         test_enterprepframe_keeps_armed_state},
        {"usage errors abort", test_usage_errors_abort},
        {"setjmp+forget cycle timing", test_setjmp_forget_cycle_timing},
    };
    for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
        if (CU_add_test(suite, tests[i].name, tests[i].test) == NULL)
            return 2;
    }

    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_ErrorCode run_error = CU_basic_run_tests();
    unsigned int failures = CU_get_number_of_failures();
    unsigned int tests_failed = CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    rewind_jmp_forget(&rjt);
    return (run_error != CUE_SUCCESS || failures != 0 || tests_failed != 0) ? 1
                                                                            : 0;
}
