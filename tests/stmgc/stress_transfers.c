/* stress_transfers.c -- money moves between accounts; the total never
 * changes, checked by transactions that read every account while the
 * others write, and at the end. */
#include "stress.h"

#define NB_ACCOUNTS 64
#define INITIAL     1000

static object_t *bank; /* node with one reference per account */

static void transfer_or_audit(uint64_t r)
{
    if (r % 16 == 0) {
        /* an audit: a consistent snapshot always sums to the total */
        int64_t sum = 0;
        for (int i = 0; i < NB_ACCOUNTS; i++)
            sum += get_value(get_ref(bank, i));
        STRESS_CHECK(sum == (int64_t)NB_ACCOUNTS * INITIAL, "audit saw %ld",
                     (long)sum);
        return;
    }
    int from = (int)((r >> 8) % NB_ACCOUNTS);
    int to = (int)((r >> 24) % NB_ACCOUNTS);
    int64_t amount = (int64_t)((r >> 40) % 50);
    object_t *a = get_ref(bank, from), *b = get_ref(bank, to);
    set_value(a, get_value(a) - amount);
    set_value(b, get_value(b) + amount);
    /* some garbage, so that minor collections happen */
    for (int i = 0; i < 8; i++)
        new_node(2, i);
}

static void *worker(void *arg)
{
    return stress_worker((long)arg, transfer_or_audit);
}

int main(void)
{
    rewind_jmp_buf rjbuf;
    STRESS_MAIN_ENTER(rjbuf);
    bank = new_old_node(NB_ACCOUNTS, 0);
    STM_PUSH_ROOT(stl, bank);
    stm_start_inevitable_transaction(&stl);
    for (int i = 0; i < NB_ACCOUNTS; i++)
        set_ref(bank, i, new_node(0, INITIAL));
    stm_commit_transaction();

    int n;
    stress_run(worker, &n);

    stm_start_transaction(&stl);
    int64_t sum = 0;
    for (int i = 0; i < NB_ACCOUNTS; i++)
        sum += get_value(get_ref(bank, i));
    stm_commit_transaction();
    STRESS_CHECK(sum == (int64_t)NB_ACCOUNTS * INITIAL, "final sum %ld",
                 (long)sum);
    STRESS_MAIN_LEAVE(rjbuf);
    printf("transfers: %d threads, %ld commits, %ld aborts, total kept\n", n,
           atomic_load(&stress_commits), atomic_load(&stress_aborts));
    return 0;
}
