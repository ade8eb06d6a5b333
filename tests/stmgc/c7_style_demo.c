/* c7_style_demo.c -- a program written the way programs for PyPy's stmgc
 * "c7" are written, using only the public API: a __thread
 * stm_thread_local_t, stm_rewind_jmp_enterframe() at the top of each
 * thread, roots made from static structures with stm_setup_prebuilt(),
 * transactions started and committed in a loop.  It builds against
 * `pkg-config --cflags --libs stmgc` (or stmgc-gil) without any change,
 * which is what tests/stmgc/check_c7_compat.sh checks, and it is the
 * flagship demo: several threads transact, throughput for 1 and N
 * threads is printed, and the final state is verified.
 *
 *   c7_style_demo [THREADS [TRANSACTIONS_PER_THREAD]]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <stmgc.h>

#define NB_SLOTS     16 /* the newest nodes kept per thread */
#define NODES_PER_TX 64 /* allocations per transaction */

typedef TLPREFIX struct node_s node_t;
enum { TYPE_NODE = 1, TYPE_ROOT = 2 };

struct node_s {
    struct object_s hdr;
    uint32_t type_id;
    int64_t value;
    node_t *next;
};

/* the root: one list holder per thread (a node whose 'next' is the list),
   so that threads write different objects, and a shared commit counter */
typedef TLPREFIX struct root_s root_t;
struct root_s {
    struct object_s hdr;
    uint32_t type_id;
    int64_t commits;
    node_t *holders[64];
};

/* static image of the root, copied into the heap by stm_setup_prebuilt */
static struct root_s root_image = {.type_id = TYPE_ROOT};
static struct node_s holder_images[64];
static root_t *root;
static __thread stm_thread_local_t stm_thread_local;
static long transactions_per_thread = 20000;

ssize_t stmcb_size_rounded_up(struct object_s *obj)
{
    return ((struct node_s *)obj)->type_id == TYPE_ROOT
               ? (ssize_t)sizeof(struct root_s)
               : (ssize_t)sizeof(struct node_s);
}

void stmcb_trace(struct object_s *obj, void visit(object_t **))
{
    if (((struct node_s *)obj)->type_id == TYPE_ROOT) {
        struct root_s *r = (struct root_s *)obj;
        for (int i = 0; i < 64; i++)
            visit((object_t **)&r->holders[i]);
    } else {
        visit((object_t **)&((struct node_s *)obj)->next);
    }
}

void stmcb_commit_soon(void)
{
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void *thread_main(void *arg)
{
    long id = (long)arg;
    rewind_jmp_buf rjbuf;
    stm_register_thread_local(&stm_thread_local);
    stm_rewind_jmp_enterframe(&stm_thread_local, &rjbuf);

    for (long i = 0; i < transactions_per_thread; i++) {
        stm_start_transaction(&stm_thread_local);
        stm_read((object_t *)root);
        node_t *holder = root->holders[id];
        /* push a few nodes on this thread's own list and cut it after
           NB_SLOTS nodes: allocation, reads and writes */
        for (int k = 0; k < NODES_PER_TX; k++) {
            node_t *n = (node_t *)stm_allocate(sizeof(struct node_s));
            stm_read((object_t *)holder);
            n->type_id = TYPE_NODE;
            n->value = i * NODES_PER_TX + k;
            n->next = holder->next;
            stm_write((object_t *)holder);
            holder->next = n;
        }
        node_t *p = holder->next;
        for (int k = 1; k < NB_SLOTS && p != NULL; k++) {
            stm_read((object_t *)p);
            p = p->next;
        }
        if (p != NULL) {
            stm_write((object_t *)p);
            p->next = NULL;
        }
        if (i % 64 == 0) {
            /* a little sharing: the commit counter, now and then */
            stm_write((object_t *)root);
            root->commits += 64;
        }
        stm_commit_transaction();
    }

    stm_rewind_jmp_leaveframe(&stm_thread_local, &rjbuf);
    stm_unregister_thread_local(&stm_thread_local);
    return NULL;
}

static double run(int nthreads)
{
    pthread_t th[64];
    double t0 = now();
    for (long i = 0; i < nthreads; i++)
        pthread_create(&th[i], NULL, thread_main, (void *)i);
    for (int i = 0; i < nthreads; i++)
        pthread_join(th[i], NULL);
    return now() - t0;
}

static int verify(int nthreads)
{
    rewind_jmp_buf rjbuf;
    int ok = 1;
    stm_register_thread_local(&stm_thread_local);
    stm_rewind_jmp_enterframe(&stm_thread_local, &rjbuf);
    stm_start_transaction(&stm_thread_local);
    stm_read((object_t *)root);
    long per_thread = (transactions_per_thread + 63) / 64 * 64;
    if (root->commits != per_thread * nthreads) {
        printf("ERROR: commit counter %ld, expected %ld\n", (long)root->commits,
               per_thread * nthreads);
        ok = 0;
    }
    for (int t = 0; t < nthreads; t++) {
        /* each list holds exactly its newest NB_SLOTS values */
        node_t *holder = root->holders[t];
        stm_read((object_t *)holder);
        node_t *p = holder->next;
        int64_t expected = transactions_per_thread * NODES_PER_TX - 1;
        for (int k = 0; k < NB_SLOTS; k++) {
            if (p == NULL) {
                printf("ERROR: thread %d's list is too short\n", t);
                ok = 0;
                break;
            }
            stm_read((object_t *)p);
            if (p->value != expected - k) {
                printf("ERROR: thread %d's list is wrong at %d\n", t, k);
                ok = 0;
                break;
            }
            p = p->next;
        }
        if (ok && p != NULL) {
            printf("ERROR: thread %d's list is too long\n", t);
            ok = 0;
        }
        stm_write((object_t *)holder);
        holder->next = NULL;
    }
    stm_write((object_t *)root);
    root->commits = 0;
    stm_commit_transaction();
    stm_rewind_jmp_leaveframe(&stm_thread_local, &rjbuf);
    stm_unregister_thread_local(&stm_thread_local);
    return ok;
}

int main(int argc, char **argv)
{
    int nthreads = argc > 1 ? atoi(argv[1]) : 2;
    if (argc > 2)
        transactions_per_thread = atol(argv[2]);
    if (nthreads < 1 || nthreads > 64 || transactions_per_thread < 1) {
        fprintf(stderr, "usage: %s [THREADS (1..64) [TRANSACTIONS]]\n",
                argv[0]);
        return 2;
    }
    stm_setup();
    for (int i = 0; i < 64; i++) {
        holder_images[i].type_id = TYPE_NODE;
        root_image.holders[i] = (node_t *)(uintptr_t)&holder_images[i];
    }
    root = (root_t *)stm_setup_prebuilt((object_t *)(uintptr_t)&root_image);

    int ok = 1;
    double one = 0;
    int counts[2] = {1, nthreads};
    for (int i = 0; i < (nthreads > 1 ? 2 : 1); i++) {
        int n = counts[i];
        double t = run(n);
        ok &= verify(n);
        if (n == 1)
            one = t;
        printf("%-9s %2d thread%s %9.0f transactions/s  (%.2fx the "
               "throughput of 1 thread)\n",
#ifdef STMGC_GIL
               "stmgc-gil",
#else
               "stmgc",
#endif
               n, n == 1 ? " " : "s", n * transactions_per_thread / t,
               n * one / t);
    }
    stm_teardown();
    return ok ? 0 : 1;
}
