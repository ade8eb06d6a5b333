/* forksupport.c -- fork() in a program using stmgc (STM build).
 *
 * The heap is a memfd shared by every view: after a plain fork(), parent
 * and child would write into the same master pages.  So, around fork():
 *  - before: the forking thread runs an inevitable transaction (its own,
 *    which must already be inevitable, or one on a private thread local)
 *    and stops the world, so that every other transaction sits at a safe
 *    point; the locks a thread outside transactions may hold are taken;
 *  - in the parent: everything is released, nothing else changes;
 *  - in the child: the heap moves to a new memfd (the used part copied,
 *    each view's private pages saved and put back), the transactions of
 *    the threads that do not exist there are discarded and their thread
 *    locals unregistered; the child goes on with one thread.
 * The cost is a copy of the heap at each fork().
 */
#include "core.h"
#include "gcpage.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

static stm_thread_local_t fork_tl; /* when fork() is called outside one */
static bool fork_started_transaction;
static bool fork_stopped_world; /* false if it was stopped already */
static rewind_jmp_buf fork_rjbuf;

static void prepare_fork(void)
{
    if (stm_object_pages == NULL)
        return; /* not set up */
    struct segment *seg = current_segment();
    fork_started_transaction = false;
    if (seg->num == 0 || seg->state == TS_NONE) {
        stm_register_thread_local(&fork_tl);
        stm_rewind_jmp_enterframe(&fork_tl, &fork_rjbuf);
        stm_start_inevitable_transaction(&fork_tl);
        fork_started_transaction = true;
        seg = current_segment();
    } else if (seg->state != TS_INEVITABLE) {
        stm_fatal("fork() in a transaction that is not inevitable: call "
                  "stm_become_inevitable() first");
    }
    /* a globally unique transaction has the world stopped already */
    fork_stopped_world = !seg->globally_unique;
    if (fork_stopped_world)
        stop_other_threads(seg);
    pthread_mutex_lock(&stm_tl_list_lock);
    log_fork_lock(true);
    prebuilt_fork_lock(true);
    pages_fork_lock(true);
}

static void release_fork_locks(void)
{
    pages_fork_lock(false);
    prebuilt_fork_lock(false);
    log_fork_lock(false);
    pthread_mutex_unlock(&stm_tl_list_lock);
}

static void end_fork_transaction(void)
{
    if (!fork_started_transaction)
        return;
    stm_commit_transaction();
    stm_rewind_jmp_leaveframe(&fork_tl, &fork_rjbuf);
    stm_unregister_thread_local(&fork_tl);
    fork_started_transaction = false;
}

static void parent_after_fork(void)
{
    if (stm_object_pages == NULL)
        return;
    release_fork_locks();
    if (fork_stopped_world)
        resume_other_threads();
    end_fork_transaction();
}

static void remap(char *at, size_t len, int flags, int fd)
{
    if (mmap(at, len, PROT_READ | PROT_WRITE, flags | MAP_FIXED | MAP_NORESERVE,
             fd, 0) == MAP_FAILED)
        stm_fatal_errno("mmap of the heap in a forked child");
}

/* The child's heap: a new memfd with the same contents. */
static void copy_heap_to_new_memfd(void)
{
    uintptr_t end = (gcpage_high_water() + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    int fd = memfd_create("stmgc-heap", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, OLD_END - OLD_START) != 0)
        stm_fatal_errno("memfd_create for a forked child's heap");
    char *src = REAL_ADDRESS(master_base(), OLD_START);
    for (size_t done = 0; done < end - OLD_START;) {
        ssize_t n = pwrite(fd, src + done, end - OLD_START - done, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            stm_fatal_errno("copying the heap for a forked child");
        done += (size_t)n;
    }
    /* each view's private pages: saved, remapped, put back */
    struct list saved = {0};
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        uint64_t bit = 1ULL << (i - 1);
        for (uintptr_t p = OLD_START; p < end; p += PAGE_SIZE) {
            if (!(atomic_load(cow_mask_of_page(p)) & bit))
                continue;
            char *copy = malloc(PAGE_SIZE);
            if (copy == NULL)
                stm_fatal("out of memory saving private pages at fork()");
            memcpy(copy, REAL_ADDRESS(get_segment(i)->base, p), PAGE_SIZE);
            list_append(&saved, (uintptr_t)i);
            list_append(&saved, p);
            list_append(&saved, (uintptr_t)copy);
        }
    }
    remap(REAL_ADDRESS(master_base(), OLD_START), OLD_END - OLD_START,
          MAP_SHARED, fd);
    for (int i = 1; i <= NB_SEGMENTS; i++)
        remap(REAL_ADDRESS(get_segment(i)->base, OLD_START),
              OLD_END - OLD_START, MAP_PRIVATE, fd);
    for (size_t k = 0; k < saved.count; k += 3) {
        char *copy = (char *)saved.items[k + 2];
        memcpy(REAL_ADDRESS(get_segment((int)saved.items[k])->base,
                            saved.items[k + 1]),
               copy, PAGE_SIZE);
        free(copy);
    }
    list_free(&saved);
    close(stm_memfd);
    stm_memfd = fd;
}

static void child_after_fork(void)
{
    if (stm_object_pages == NULL)
        return;
    stm_timing_log_fork_child(); /* before anything flushes a buffer */
    segments_fork_child_reset();
    release_fork_locks();
    copy_heap_to_new_memfd();
    /* the other threads are gone: their transactions never happened,
       their thread locals go */
    void *me = (void *)pthread_self();
    struct segment *mine = current_segment();
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        struct segment *seg = get_segment(i);
        if (seg != mine && atomic_load(&seg->owner) != NULL)
            discard_transaction(seg);
    }
    if (fork_stopped_world)
        resume_other_threads();
    for (;;) {
        stm_thread_local_t *gone = NULL;
        pthread_mutex_lock(&stm_tl_list_lock);
        stm_thread_local_t *tl = stm_all_thread_locals;
        if (tl != NULL) {
            do {
                if (tl->creating_pthread[0] != me) {
                    gone = tl;
                    break;
                }
                tl = tl->next;
            } while (tl != stm_all_thread_locals);
        }
        pthread_mutex_unlock(&stm_tl_list_lock);
        if (gone == NULL)
            break;
        gone->associated_segment_num = -1;
        gone->rjthread.head = NULL;
        stm_unregister_thread_local(gone);
    }
    end_fork_transaction();
}

void forksupport_setup(void)
{
    static bool installed;
    if (!installed) {
        pthread_atfork(prepare_fork, parent_after_fork, child_after_fork);
        installed = true;
    }
}
