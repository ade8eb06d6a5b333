/* stress_counter.c -- every thread increments one shared counter; its
 * final value must equal the number of commits (no lost update). */
#include "stress.h"

static object_t *counter;

static void increment(uint64_t r)
{
    (void)r;
    set_value(counter, get_value(counter) + 1);
}

static void *worker(void *arg)
{
    return stress_worker((long)arg, increment);
}

int main(void)
{
    rewind_jmp_buf rjbuf;
    STRESS_MAIN_ENTER(rjbuf);
    counter = new_old_node(0, 0);
    STM_PUSH_ROOT(stl, counter);

    int n;
    stress_run(worker, &n);

    stm_start_transaction(&stl);
    long final = (long)get_value(counter);
    stm_commit_transaction();
    long commits = atomic_load(&stress_commits);
    STRESS_CHECK(final == commits, "counter %ld but %ld commits", final,
                 commits);
    STRESS_MAIN_LEAVE(rjbuf);
    printf("counter: %d threads, %ld commits, %ld aborts (%.3f per commit)\n",
           n, commits, atomic_load(&stress_aborts),
           commits ? (double)atomic_load(&stress_aborts) / commits : 0.0);
    return 0;
}
