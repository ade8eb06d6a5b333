/* stress_graph.c -- random mutation of a shared object graph under GC
 * pressure, with forced minor and major collections.
 *
 * A table of slots; each slot holds a list: a head node whose value is
 * the list's length, then that many element nodes, each pointing back to
 * its head and holding a value that is a function of its position.
 * Threads replace lists, swap slots, splice elements and verify lists; a
 * consistent view always satisfies every list's invariant. */
#include "stress.h"

#define NB_SLOTS 32

static object_t *table;

static void check_list(object_t *head)
{
    if (head == NULL)
        return;
    int64_t expected = get_value(head);
    int64_t n = 0;
    object_t *p = get_ref(head, 0);
    while (p != NULL) {
        STRESS_CHECK(get_ref(p, 1) == head, "element %ld lost its head",
                     (long)n);
        STRESS_CHECK(get_value(p) == n * 7 + 3, "element %ld has value %ld",
                     (long)n, (long)get_value(p));
        n++;
        p = get_ref(p, 0);
    }
    STRESS_CHECK(n == expected, "list of %ld elements says %ld", (long)n,
                 (long)expected);
}

/* A new list of 'length' elements; keeps its pieces on the shadow stack
   while allocating. */
static object_t *build_list(int length)
{
    object_t *head = new_node(1, length);
    STM_PUSH_ROOT(stl, head);
    for (int i = length - 1; i >= 0; i--) {
        object_t *e = new_node(2, (int64_t)i * 7 + 3);
        STM_POP_ROOT(stl, head);
        NODE(e)->refs[0] = get_ref(head, 0);
        NODE(e)->refs[1] = head;
        set_ref(head, 0, e);
        STM_PUSH_ROOT(stl, head);
    }
    STM_POP_ROOT(stl, head);
    return head;
}

static void mutate_or_check(uint64_t r)
{
    int i = (int)((r >> 4) % NB_SLOTS), j = (int)((r >> 12) % NB_SLOTS);
    switch (r % 8) {
    case 0:
    case 1: {
        object_t *l = build_list((int)((r >> 20) % 40));
        set_ref(table, i, l);
        break;
    }
    case 2: {
        object_t *a = get_ref(table, i), *b = get_ref(table, j);
        set_ref(table, i, b);
        set_ref(table, j, a);
        break;
    }
    case 3: {
        /* append one element at the front of a list */
        object_t *head = get_ref(table, i);
        if (head == NULL)
            break;
        STM_PUSH_ROOT(stl, head);
        object_t *e = new_node(2, 0);
        STM_POP_ROOT(stl, head);
        /* renumber: new element 0, the others shift by one */
        int64_t n = 0;
        for (object_t *p = get_ref(head, 0); p; p = get_ref(p, 0))
            set_value(p, (++n) * 7 + 3);
        NODE(e)->value = 3;
        NODE(e)->refs[0] = get_ref(head, 0);
        NODE(e)->refs[1] = head;
        set_ref(head, 0, e);
        set_value(head, get_value(head) + 1);
        break;
    }
    case 4:
        if ((r >> 30) % 64 == 0)
            stm_collect(1);
        else
            stm_collect(0);
        break;
    default:
        check_list(get_ref(table, i));
        check_list(get_ref(table, j));
        break;
    }
}

static void *worker(void *arg)
{
    return stress_worker((long)arg, mutate_or_check);
}

int main(void)
{
    rewind_jmp_buf rjbuf;
    STRESS_MAIN_ENTER(rjbuf);
    table = new_old_node(NB_SLOTS, 0);
    STM_PUSH_ROOT(stl, table);

    int n;
    stress_run(worker, &n);

    stm_start_transaction(&stl);
    for (int i = 0; i < NB_SLOTS; i++)
        check_list(get_ref(table, i));
    stm_collect(1);
    for (int i = 0; i < NB_SLOTS; i++)
        check_list(get_ref(table, i));
    stm_commit_transaction();
    STRESS_MAIN_LEAVE(rjbuf);
    printf("graph: %d threads, %ld commits, %ld aborts, every list intact\n", n,
           atomic_load(&stress_commits), atomic_load(&stress_aborts));
    return 0;
}
