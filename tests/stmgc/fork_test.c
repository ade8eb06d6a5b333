/* fork_test.c -- fork() with stmgc: from inside an inevitable
 * transaction, from outside one and from a globally unique one, while
 * another thread runs transactions.  The child sees the heap as its thread did,
 * reads, writes, collects and commits; the parent never sees the child's writes
 * nor the child the parent's; with a timing log in fork mode the child
 * writes its own file.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testobj.h"

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "FAILED %s:%d (pid %d): %s\n", __FILE__, __LINE__, \
                    (int)getpid(), #cond);                                     \
            exit(1);                                                           \
        }                                                                      \
    } while (0)

static __thread stm_thread_local_t tl;
static object_t *x, *y;
static _Atomic int stop, busy_started;

static void *busy(void *arg)
{
    (void)arg;
    rewind_jmp_buf rj;
    stm_register_thread_local(&tl);
    stm_rewind_jmp_enterframe(&tl, &rj);
    while (!atomic_load(&stop)) {
        stm_start_transaction(&tl);
        set_value(y, get_value(y) + 1);
        STM_PUSH_ROOT(tl, new_node(2, 5)); /* garbage, GC pressure */
        STM_POP_ROOT_DROP(tl);
        stm_commit_transaction();
        atomic_store(&busy_started, 1);
    }
    stm_rewind_jmp_leaveframe(&tl, &rj);
    stm_unregister_thread_local(&tl);
    return NULL;
}

/* in the child: the heap is ours, with one thread */
static void child_work(int64_t expected_x)
{
    stm_start_transaction(&tl);
    CHECK(get_value(x) == expected_x);
    long y_seen = (long)get_value(y);
    set_value(x, 1000);
    for (int i = 0; i < 10000; i++)
        new_node(3, i);
    stm_collect(1);
    stm_commit_transaction();
    stm_start_transaction(&tl);
    CHECK(get_value(x) == 1000);
    CHECK((long)get_value(y) == y_seen);
    stm_commit_transaction();
    exit(0);
}

/* A timing log that is whole: the magic, then chunks (thread, length,
   base ticks, records) up to exactly the end of the file.  Returns the
   chunks. */
static long check_log(const char *path)
{
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    char magic[8];
    CHECK(fread(magic, 1, 8, f) == 8 && memcmp(magic, "STMLOG\0\3", 8) == 0);
    uint32_t header[4];
    long chunks = 0;
    while (fread(header, sizeof(uint32_t), 4, f) == 4) {
        CHECK(header[1] > 0 && header[1] <= 64 * 1024);
        CHECK(fseek(f, header[1], SEEK_CUR) == 0);
        chunks++;
    }
    CHECK(feof(f));
    long end = ftell(f);
    fseek(f, 0, SEEK_END);
    CHECK(ftell(f) == end);
    fclose(f);
    return chunks;
}

static void wait_child(pid_t pid)
{
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
    const char *log = "/tmp/stmgc_fork_test.log";
    stm_setup();
    stm_register_thread_local(&tl);
    rewind_jmp_buf rj;
    stm_rewind_jmp_enterframe(&tl, &rj);
    x = new_old_node(0, 1);
    y = new_old_node(0, 0);
    STM_PUSH_ROOT(tl, x); /* old objects: they do not move, but only */
    STM_PUSH_ROOT(tl, y); /* roots keep them alive */
    CHECK(stm_set_timing_log(log, 1, NULL) == 0);
    pthread_t th;
    pthread_create(&th, NULL, busy, NULL);
    while (!atomic_load(&busy_started))
        ;

    /* 1. from an inevitable transaction with an uncommitted write */
    stm_start_transaction(&tl);
    set_value(x, 2);
    stm_become_inevitable(&tl, "fork");
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        stm_commit_transaction(); /* the child's copy of it */
        child_work(2);
    }
    stm_commit_transaction();
    wait_child(pid);
    stm_start_transaction(&tl);
    CHECK(get_value(x) == 2); /* not the child's 1000 */
    stm_commit_transaction();

    /* 2. from outside any transaction */
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        child_work(2);
    wait_child(pid);
    char name[256];
    snprintf(name, sizeof(name), "%s.fork%d", log, (int)pid);
    struct stat st;
    CHECK(stat(name, &st) == 0 && st.st_size > 8);
    CHECK(check_log(name) > 0);
    unlink(name);

    /* 3. from a transaction that has the world stopped already */
    stm_start_transaction(&tl);
    stm_become_globally_unique_transaction(&tl, "fork");
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        stm_commit_transaction();
        child_work(2);
    }
    stm_commit_transaction();
    wait_child(pid);
    snprintf(name, sizeof(name), "%s.fork%d", log, (int)pid);
    unlink(name);

    stm_start_transaction(&tl);
    CHECK(get_value(x) == 2);
    set_value(x, 3);
    stm_commit_transaction();
    atomic_store(&stop, 1);
    pthread_join(th, NULL);
    stm_set_timing_log(NULL, 0, NULL);
    CHECK(check_log(log) > 0); /* the children did not write into it */
    unlink(log);
    tl.shadowstack -= 2;
    stm_rewind_jmp_leaveframe(&tl, &rj);
    stm_unregister_thread_local(&tl);
    stm_teardown();
    printf("fork: children read, wrote and collected their own heap\n");
    return 0;
}
