/* stress_weakrefs.c -- weakref churn under GC pressure.  A shared table
 * of slots; each slot holds a pair (weakref, strong reference or NULL) to
 * a target whose value is a multiple of 7.  Transactions replace pairs,
 * drop strong references, allocate garbage and now and then force a
 * major collection.  Invariants, checked in every transaction: a target
 * still held strongly is what its weakref refers to, and a weakref that
 * is not NULL refers to a whole target (never a freed or moved object).
 */
#include "stress.h"

#define SLOTS 64

static object_t *table;

static void check_pair(object_t *pair)
{
    object_t *weak = get_ref(pair, 0);
    object_t *strong = get_ref(pair, 1);
    object_t *target = (object_t *)(uintptr_t)get_value(weak);
    STRESS_CHECK(strong == NULL || target == strong,
                 "weakref %p lost a strongly held target %p", (void *)target,
                 (void *)strong);
    if (target != NULL) {
        int64_t v = get_value(target);
        STRESS_CHECK(v > 0 && v % 7 == 0, "weak target %p holds %ld",
                     (void *)target, (long)v);
    }
}

static void churn(uint64_t r)
{
    long slot = (long)(r % SLOTS);
    object_t *pair = get_ref(table, (uint32_t)slot);
    if (pair != NULL)
        check_pair(pair);
    switch ((r >> 8) % 8) {
    case 0:
    case 1:
    case 2: { /* a new pair */
        object_t *target = new_node(0, 7 * (int64_t)(1 + (r >> 16) % 100000));
        STM_PUSH_ROOT(stl, target);
        object_t *weak = stm_allocate_weakref(node_size(0));
        STM_POP_ROOT(stl, target);
        NODE(weak)->nrefs = 0;
        NODE(weak)->value = (int64_t)(uintptr_t)target;
        STM_PUSH_ROOT(stl, weak);
        STM_PUSH_ROOT(stl, target);
        object_t *p = new_node(2, 0);
        STM_POP_ROOT(stl, target);
        STM_POP_ROOT(stl, weak);
        NODE(p)->refs[0] = weak;
        NODE(p)->refs[1] = (r >> 40) & 1 ? target : NULL;
        set_ref(table, (uint32_t)slot, p);
        break;
    }
    case 3: /* the target is only weakly held from now on */
        if (pair != NULL)
            set_ref(pair, 1, NULL);
        break;
    case 4:
        if ((r >> 20) % 64 == 0)
            stm_collect(1);
        break;
    default: /* garbage */
        for (int i = 0; i < 20; i++)
            new_node(3, i);
        break;
    }
}

static void *worker(void *arg)
{
    return stress_worker((long)arg, churn);
}

int main(void)
{
    rewind_jmp_buf rjbuf;
    STRESS_MAIN_ENTER(rjbuf);
    table = new_old_node(SLOTS, 0);
    STM_PUSH_ROOT(stl, table);

    int n;
    stress_run(worker, &n);

    stm_start_transaction(&stl);
    stm_collect(1);
    long weak_alive = 0, pairs = 0;
    for (uint32_t i = 0; i < SLOTS; i++) {
        object_t *pair = get_ref(table, i);
        if (pair == NULL)
            continue;
        check_pair(pair);
        pairs++;
        if (get_value(get_ref(pair, 0)) != 0)
            weak_alive++;
        /* after a major collection, a weak-only target is gone */
        if (get_ref(pair, 1) == NULL)
            STRESS_CHECK(get_value(get_ref(pair, 0)) == 0,
                         "slot %u: a weak-only target survived a major "
                         "collection",
                         i);
    }
    stm_commit_transaction();
    STRESS_MAIN_LEAVE(rjbuf);
    printf("weakrefs: %d threads, %ld commits, %ld aborts, %ld pairs, %ld "
           "targets alive\n",
           n, atomic_load(&stress_commits), atomic_load(&stress_aborts), pairs,
           weak_alive);
    return 0;
}
