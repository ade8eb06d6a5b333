/* errors.c -- misuse of the API and exhausted resources, one per mode;
 * each must end with one clear message and exit status 1 (checked by
 * check_errors.sh), never a crash or a hang. */
#include <stdio.h>
#include <string.h>

#include "testobj.h"

static stm_thread_local_t tl;

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    rewind_jmp_buf rjbuf;
    if (strcmp(mode, "start-unregistered") == 0) {
        stm_setup();
        stm_start_inevitable_transaction(&tl);
        return 0;
    }
    stm_setup();
    stm_register_thread_local(&tl);
    stm_rewind_jmp_enterframe(&tl, &rjbuf);
    object_t *o = new_old_node(1, 0);

    if (strcmp(mode, "shadowstack-overflow") == 0) {
        for (;;)
            STM_PUSH_ROOT(tl, o);
    } else if (strcmp(mode, "write-outside") == 0) {
        stm_write(o);
    } else if (strcmp(mode, "allocate-outside") == 0) {
        stm_allocate(16);
    } else if (strcmp(mode, "commit-outside") == 0) {
        stm_commit_transaction();
    } else if (strcmp(mode, "start-twice") == 0) {
        stm_start_transaction(&tl);
        stm_start_transaction(&tl);
    } else if (strcmp(mode, "abort-inevitable") == 0) {
        stm_start_inevitable_transaction(&tl);
        stm_abort_transaction();
    } else if (strcmp(mode, "out-of-memory") == 0) {
        /* run with a small STMGC_MAX_HEAP */
        stm_start_inevitable_transaction(&tl);
        for (;;) {
            object_t *big = new_node(100000, 0);
            NODE(big)->refs[0] = get_ref(o, 0);
            set_ref(o, 0, big);
        }
    } else if (strcmp(mode, "unregister-in-transaction") == 0) {
        stm_start_inevitable_transaction(&tl);
        stm_unregister_thread_local(&tl);
    } else {
        fprintf(stderr, "unknown mode '%s'\n", mode);
        return 2;
    }
    return 0;
}
