/* finalizer_order.c -- which unreachable objects with finalizers are
 * finalized now (both builds; finalizer.c explains the rule).
 */
#include "shared.h"
#include "gcpage.h"

/* After the roots are marked: the unmarked objects of 'with' that no
   other of them reaches move to 'pending', marked with all they reach;
   the others stay in 'with' for a later collection. */
void stm_select_finalizable(struct list *with, struct list *pending,
                            void (*mark_children)(uintptr_t),
                            void (*mark_and_trace)(uintptr_t))
{
    struct list unreachable = {0};
    size_t kept = 0;
    uintptr_t o;
    LIST_FOREACH(with, o)
    {
        if (gcpage_is_marked(o))
            with->items[kept++] = o;
        else
            list_append(&unreachable, o);
    }
    with->count = kept;
    LIST_FOREACH(&unreachable, o)
    {
        mark_children(o);
    }
    LIST_FOREACH(&unreachable, o)
    {
        if (gcpage_is_marked(o)) {
            list_append(with, o); /* an inner one: later */
        } else {
            mark_and_trace(o);
            list_append(pending, o);
        }
    }
    list_free(&unreachable);
}
