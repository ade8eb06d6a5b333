/* fatal.c -- the one way the library dies: a clear message naming the
 * cause, a native backtrace (libunwind) and exit status 1.  Also the
 * SIGSEGV handler that turns a shadow stack overflow or a C stack
 * overflow into such a message instead of a silent crash. */
#include "shared.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#define UNW_LOCAL_ONLY
#include <libunwind.h>

static void print_backtrace(void)
{
    unw_cursor_t cursor;
    unw_context_t context;
    if (unw_getcontext(&context) != 0 || unw_init_local(&cursor, &context))
        return;
    fprintf(stderr, "native backtrace:\n");
    int depth = 0;
    while (unw_step(&cursor) > 0 && depth < 40) {
        unw_word_t ip, offset;
        char name[256];
        unw_get_reg(&cursor, UNW_REG_IP, &ip);
        if (unw_get_proc_name(&cursor, name, sizeof(name), &offset) == 0)
            fprintf(stderr, "  #%d 0x%lx %s+0x%lx\n", depth, (long)ip, name,
                    (long)offset);
        else
            fprintf(stderr, "  #%d 0x%lx ?\n", depth, (long)ip);
        depth++;
    }
}

void stm_fatal(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "stmgc: fatal error: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    if (getenv("STMGC_NO_BACKTRACE") == NULL)
        print_backtrace();
    fflush(stderr);
    _exit(1);
}

void stm_fatal_errno(const char *what)
{
    stm_fatal("%s failed: %s", what, strerror(errno));
}

void _stm_fatal_outside_transaction(const char *what)
{
    stm_fatal("%s() called outside a transaction", what);
}

/* Which shadow stack guard page, if any, contains 'addr'. */
static stm_thread_local_t *shadowstack_owning_guard(char *addr)
{
    stm_thread_local_t *tl = stm_all_thread_locals;
    if (tl == NULL)
        return NULL;
    do {
        struct stm_tl_private_s *p = tl->_private;
        char *guard =
            p->shadowstack_mapping + p->shadowstack_mapping_size - PAGE_SIZE;
        if (addr >= guard && addr < guard + PAGE_SIZE)
            return tl;
        tl = tl->next;
    } while (tl != stm_all_thread_locals);
    return NULL;
}

static void segv_handler(int sig, siginfo_t *info, void *context)
{
    (void)context;
    char *addr = info->si_addr;
    /* no locking: we are about to die and only read the list */
    if (shadowstack_owning_guard(addr) != NULL)
        stm_fatal("shadow stack overflow: more than %d roots pushed "
                  "(STM_SHADOW_STACK_DEPTH)",
                  STM_SHADOW_STACK_DEPTH);
    char message[200];
    if (stm_describe_heap_fault(addr, message, sizeof(message)))
        stm_fatal("%s", message);
    if (addr != NULL && (uintptr_t)addr < PAGE_SIZE * 16)
        stm_fatal("segmentation fault at address %p: NULL pointer "
                  "dereference (or a barrier called outside a transaction)",
                  (void *)addr);
    /* anything else: restore the default action and let it happen again,
       so that debuggers and core dumps see the original fault */
    signal(sig, SIG_DFL);
}

void stm_install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) != 0)
        stm_fatal_errno("sigaction(SIGSEGV)");
}

/* An alternate signal stack, so that a C stack overflow still reaches
   the handler.  Once per OS thread. */
static __thread bool altstack_done;
static __thread void *altstack_memory; /* ours, if we installed one */

void stm_setup_thread_altstack(void)
{
    if (altstack_done)
        return;
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE)) {
        altstack_done = true; /* the program installed its own */
        return;
    }
    size_t size = 64 * 1024;
    stack_t ss;
    ss.ss_sp = malloc(size);
    if (ss.ss_sp == NULL)
        stm_fatal("out of memory allocating a signal stack");
    ss.ss_size = size;
    ss.ss_flags = 0;
    if (sigaltstack(&ss, NULL) != 0)
        stm_fatal_errno("sigaltstack");
    altstack_memory = ss.ss_sp;
    altstack_done = true;
}

/* When the thread unregisters: threads come and go in thread pools, and
   64 KiB each would add up. */
void stm_release_thread_altstack(void)
{
    if (altstack_memory == NULL)
        return;
    stack_t ss;
    memset(&ss, 0, sizeof(ss));
    ss.ss_flags = SS_DISABLE;
    if (sigaltstack(&ss, NULL) == 0)
        free(altstack_memory);
    altstack_memory = NULL;
    altstack_done = false;
}
