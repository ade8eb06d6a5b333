/* timing_log_demo.c -- writes a timing log with a known content for
 * check_timing_log.sh: thread 1 commits 4 transactions, thread 2 loses a
 * write-write conflict once (markers 41 against 29), then commits.
 *
 *   timing_log_demo FILE
 */
#include <stdio.h>
#include <string.h>

#include "testobj.h"

static stm_thread_local_t tl1, tl2;

static int expand(stm_loc_marker_t *marker, char *output, int size)
{
    return snprintf(output, (size_t)size, "line %lu",
                    (unsigned long)marker->odd_number);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    stm_setup();
    stm_register_thread_local(&tl1);
    stm_register_thread_local(&tl2);
    rewind_jmp_buf rj1, rj2;
    stm_rewind_jmp_enterframe(&tl1, &rj1);
    stm_rewind_jmp_enterframe(&tl2, &rj2);
    if (stm_set_timing_log(argv[1], 0, expand) != 0) {
        perror("stm_set_timing_log");
        return 1;
    }
    static object_t *x;
    x = new_old_node(0, 0);
    _stm_test_switch(&tl1);
    for (int i = 0; i < 3; i++) {
        stm_start_transaction(&tl1);
        set_value(x, i);
        stm_commit_transaction();
    }
    stm_start_transaction(&tl1);
    STM_PUSH_MARKER(tl1, 29, x);
    set_value(x, 10);
    _stm_test_switch(&tl2);
    if (stm_start_transaction(&tl2) == 0) {
        STM_PUSH_MARKER(tl2, 41, x);
        set_value(x, 20); /* loses against the older tl1: aborts */
    }
    stm_commit_transaction(); /* the retry, which did nothing */
    _stm_test_switch(&tl1);
    STM_POP_MARKER(tl1);
    stm_commit_transaction();
    stm_set_timing_log(NULL, 0, NULL);
    stm_rewind_jmp_leaveframe(&tl2, &rj2);
    stm_rewind_jmp_leaveframe(&tl1, &rj1);
    stm_unregister_thread_local(&tl2);
    stm_unregister_thread_local(&tl1);
    stm_teardown();
    return 0;
}
