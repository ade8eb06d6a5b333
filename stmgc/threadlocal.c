/* threadlocal.c -- registering threads: each gets a shadow stack with a
 * guard page (an overflow becomes a clear fatal error, see fatal.c) and
 * joins the list the collectors walk to find every root. */
#include "shared.h"

#include <errno.h>
#include <sys/mman.h>

pthread_mutex_t stm_tl_list_lock = PTHREAD_MUTEX_INITIALIZER;
stm_thread_local_t *stm_all_thread_locals;
static int registrations;
static __thread int registered_here; /* thread locals of this OS thread */

void *stm_map_anywhere(size_t size, const char *what)
{
    void *res = mmap(NULL, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (res == MAP_FAILED)
        stm_fatal("the kernel refused to map %s (%zu bytes): %s", what, size,
                  strerror(errno));
    return res;
}

void stm_register_thread_local(stm_thread_local_t *tl)
{
    struct stm_tl_private_s *p = calloc(1, sizeof(*p));
    if (p == NULL)
        stm_fatal("out of memory registering a thread");

    /* the shadow stack grows upward; a guard page above it turns an
       overflow into a clear fatal error (see fatal.c) */
    size_t size = STM_SHADOW_STACK_DEPTH * sizeof(struct stm_shadowentry_s);
    size = (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    char *mapping = stm_map_anywhere(size + PAGE_SIZE, "a shadow stack");
    if (mprotect(mapping + size, PAGE_SIZE, PROT_NONE) != 0)
        stm_fatal_errno("mprotect of the shadow stack guard page");
    p->shadowstack_mapping = mapping;
    p->shadowstack_mapping_size = size + PAGE_SIZE;

    memset(&tl->rjthread, 0, sizeof(tl->rjthread));
    tl->shadowstack_base = (struct stm_shadowentry_s *)mapping;
    tl->shadowstack = tl->shadowstack_base;
    tl->thread_local_obj = NULL;
    tl->mem_clear_on_abort = NULL;
    tl->mem_bytes_to_clear_on_abort = 0;
    tl->last_abort__bytes_in_nursery = 0;
    tl->associated_segment_num = -1;
    tl->_private = p;

    pthread_mutex_lock(&stm_tl_list_lock);
    tl->thread_local_counter = ++registrations;
    tl->creating_pthread[0] = (void *)pthread_self(); /* for fork() */
    if (stm_all_thread_locals == NULL) {
        tl->prev = tl->next = tl;
        stm_all_thread_locals = tl;
    } else {
        tl->next = stm_all_thread_locals;
        tl->prev = stm_all_thread_locals->prev;
        tl->prev->next = tl;
        tl->next->prev = tl;
    }
    pthread_mutex_unlock(&stm_tl_list_lock);
    registered_here++;
    stm_setup_thread_altstack();
    stm_thread_registered(tl);
}

void stm_unregister_thread_local(stm_thread_local_t *tl)
{
    if (tl->associated_segment_num != -1)
        stm_fatal("stm_unregister_thread_local() called while the thread "
                  "is running a transaction");
    stm_timing_log_thread_done();
    pthread_mutex_lock(&stm_tl_list_lock);
    if (tl->next == tl) {
        stm_all_thread_locals = NULL;
    } else {
        tl->prev->next = tl->next;
        tl->next->prev = tl->prev;
        if (stm_all_thread_locals == tl)
            stm_all_thread_locals = tl->next;
    }
    pthread_mutex_unlock(&stm_tl_list_lock);
    struct stm_tl_private_s *p = tl->_private;
    munmap(p->shadowstack_mapping, p->shadowstack_mapping_size);
    if (--registered_here == 0)
        stm_release_thread_altstack();
    free(p);
    tl->_private = NULL;
    tl->shadowstack = tl->shadowstack_base = NULL;
    tl->prev = tl->next = NULL;
}

void stm_check_can_start(stm_thread_local_t *tl)
{
    if (tl->_private == NULL)
        stm_fatal("stm_start_transaction(): the thread local was not "
                  "registered with stm_register_thread_local()");
    if (tl->associated_segment_num != -1)
        stm_fatal("stm_start_transaction(): this thread is already running "
                  "a transaction");
}

void stm_for_each_root_slot(void (*visit)(stm_thread_local_t *tl,
                                          object_t **slot))
{
    pthread_mutex_lock(&stm_tl_list_lock);
    stm_thread_local_t *tl = stm_all_thread_locals;
    if (tl != NULL) {
        do {
            for (struct stm_shadowentry_s *p = tl->shadowstack_base;
                 p < tl->shadowstack; p++)
                if (((uintptr_t)p->ss & 7) == 0) /* not a marker */
                    visit(tl, &p->ss);
            visit(tl, &tl->thread_local_obj);
            if (tl->_private->thread_local_obj_at_start != NULL)
                visit(tl, &tl->_private->thread_local_obj_at_start);
            tl = tl->next;
        } while (tl != stm_all_thread_locals);
    }
    pthread_mutex_unlock(&stm_tl_list_lock);
}
