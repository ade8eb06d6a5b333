/* timing.c -- profiling events: stmcb_timing_event(tl, event, markers),
 * both builds.  A marker is the innermost pair (odd number, object) that
 * STM_PUSH_MARKER put on a thread's shadow stack; contention events pass
 * two, this thread's and the other one's (zeroes where unknown).
 */
#include "shared.h"

#include <pthread.h>

void (*stmcb_timing_event)(stm_thread_local_t *tl, enum stm_event_e event,
                           stm_loc_marker_t *markers);

/* The innermost marker of 'tl' (whose shadow stack may be changing under
   us if it is another thread's: the entries read are stale at worst). */
static void current_marker(stm_thread_local_t *tl, stm_loc_marker_t *out)
{
    out->tl = tl;
    out->segment_base = NULL;
    out->odd_number = 0;
    out->object = NULL;
    if (tl == NULL)
        return;
    out->segment_base = stm_segment_base_of(tl);
    struct stm_shadowentry_s *top = tl->shadowstack;
    for (struct stm_shadowentry_s *p = top - 2; p >= tl->shadowstack_base;
         p--) {
        uintptr_t v = (uintptr_t)p->ss;
        if (v & 1) {
            out->odd_number = v;
            out->object = p[1].ss;
            return;
        }
    }
}

void stm_timing_contention(stm_thread_local_t *tl, enum stm_event_e event,
                           stm_thread_local_t *other)
{
    void (*cb)(stm_thread_local_t *, enum stm_event_e, stm_loc_marker_t *) =
        stmcb_timing_event;
    if (cb == NULL)
        return;
    stm_loc_marker_t markers[2];
    current_marker(tl, &markers[0]);
    /* the other thread cannot unregister (and unmap its shadow stack)
       while we read its marker */
    pthread_mutex_lock(&stm_tl_list_lock);
    current_marker(other, &markers[1]);
    cb(tl, event, markers);
    pthread_mutex_unlock(&stm_tl_list_lock);
}
