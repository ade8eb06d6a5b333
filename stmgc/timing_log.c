/* timing_log.c -- stm_set_timing_log(): profiling events written to a
 * binary file (format: doc/timing-log.md), both builds.
 *
 * Each thread appends its events to a buffer of its own (no lock per
 * event) and writes it out, under a lock, when it is full, when the
 * thread unregisters, and when the log is closed.  Timestamps are the
 * time-stamp counter: a calibration record (counter and nanoseconds) at
 * the start and at the end lets the reader convert them.
 */
#define _GNU_SOURCE
#include "shared.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOG_MAGIC            "STMLOG\0\3" /* 8 bytes: name, format version 3 */
#define BUFFER_SIZE          (64 * 1024)
#define CHUNK_HEADER         16 /* u32 thread, u32 length, u64 base ticks */
#define SMALL_RECORD_MAX     11 /* u8 event, varint of up to 10 bytes */
#define EVENT_CALIBRATION    255
#define EVENT_COMMIT_UNTIMED 254 /* a commit record without a delta */

struct log_buffer {
    struct log_buffer *next; /* all of them, for closing */
    uint32_t thread;         /* of the records in it */
    size_t used;             /* 0: empty; else CHUNK_HEADER + records */
    uint64_t last_ticks;     /* of the last record, for the next delta */
    char data[BUFFER_SIZE];
};

static int log_fd = -1;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static struct log_buffer *all_buffers;
/* initial-exec: no __tls_get_addr call per event in the shared library */
static __thread struct log_buffer *my_buffer
    __attribute__((tls_model("initial-exec")));
static stm_expand_marker_fn log_expand_marker;
static char *log_path;
static int log_fork_mode;
/* STMGC_LOG_COMMIT_TIMES=1: commit records read the clock too */
static bool log_commit_times;
static bool atexit_installed;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(log_fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* a full disk loses profile data, not the program */
        p += w;
        n -= (size_t)w;
    }
}

/* log_lock held.  The chunk's header was reserved when it was begun. */
static void flush_buffer(struct log_buffer *b)
{
    if (b->used > CHUNK_HEADER && log_fd >= 0) {
        uint32_t length = (uint32_t)(b->used - CHUNK_HEADER);
        memcpy(b->data + 4, &length, 4);
        write_all(b->data, b->used);
    }
    b->used = 0;
}

static struct log_buffer *thread_buffer(void)
{
    if (my_buffer == NULL) {
        struct log_buffer *b = calloc(1, sizeof(*b));
        if (b == NULL)
            return NULL;
        pthread_mutex_lock(&log_lock);
        b->next = all_buffers;
        all_buffers = b;
        pthread_mutex_unlock(&log_lock);
        my_buffer = b;
    }
    return my_buffer;
}

/* Unsigned LEB128 of a zigzag-encoded difference: a clock read on
   another core may be a little behind the previous one. */
static char *put_delta(char *p, uint64_t ticks, uint64_t previous)
{
    int64_t d = (int64_t)(ticks - previous);
    uint64_t v = ((uint64_t)d << 1) ^ (uint64_t)(d >> 63);
    while (v >= 0x80) {
        *p++ = (char)(v | 0x80);
        v >>= 7;
    }
    *p++ = (char)v;
    return p;
}

/* A new chunk of 'thread' with room for 'size' bytes (a thread_local_t
   may move to another OS thread between two registrations: the chunk
   changes), from base 'ticks' (0: the last time known, or the clock).
   NULL if out of memory. */
static __attribute__((noinline)) struct log_buffer *
open_chunk(uint32_t thread, size_t size, uint64_t ticks)
{
    struct log_buffer *b = thread_buffer();
    if (b == NULL)
        return NULL;
    if (ticks == 0)
        ticks = b->last_ticks != 0 ? b->last_ticks : __builtin_ia32_rdtsc();
    if (b->used + size > BUFFER_SIZE || (b->used > 0 && b->thread != thread)) {
        pthread_mutex_lock(&log_lock);
        flush_buffer(b);
        pthread_mutex_unlock(&log_lock);
    }
    if (b->used == 0) {
        b->thread = thread;
        memcpy(b->data, &thread, 4);
        memcpy(b->data + 8, &ticks, 8);
        b->last_ticks = ticks;
        b->used = CHUNK_HEADER;
    }
    return b;
}

/* Room for 'size' more bytes in the open chunk of 'thread', the usual
   case without a call; else open_chunk(). */
static inline struct log_buffer *buffer_for(uint32_t thread, size_t size,
                                            uint64_t ticks)
{
    struct log_buffer *b = my_buffer;
    if (b != NULL && b->used != 0 && b->thread == thread &&
        b->used + size <= BUFFER_SIZE)
        return b;
    return open_chunk(thread, size, ticks);
}

/* Records: u8 event, varint ticks since the previous record of the
   chunk (its base for the first); a contention event adds u32 other
   thread, u8 and u8 marker lengths and the two markers. */
static void append_small(uint32_t thread, uint8_t event, uint64_t ticks)
{
    struct log_buffer *b = buffer_for(thread, SMALL_RECORD_MAX, ticks);
    if (b == NULL)
        return;
    char *start = b->data + b->used, *p = start;
    *p++ = (char)event;
    p = put_delta(p, ticks, b->last_ticks);
    b->last_ticks = ticks;
    b->used += (size_t)(p - start);
}

static void append_contention(uint32_t thread, uint8_t event, uint64_t ticks,
                              uint32_t other, const char *m1, uint8_t n1,
                              const char *m2, uint8_t n2)
{
    struct log_buffer *b =
        buffer_for(thread, SMALL_RECORD_MAX + 6 + n1 + n2, ticks);
    if (b == NULL)
        return;
    char *start = b->data + b->used, *p = start;
    *p++ = (char)event;
    p = put_delta(p, ticks, b->last_ticks);
    b->last_ticks = ticks;
    memcpy(p, &other, 4);
    p[4] = (char)n1;
    p[5] = (char)n2;
    memcpy(p + 6, m1, n1);
    memcpy(p + 6 + n1, m2, n2);
    p += 6 + n1 + n2;
    b->used += (size_t)(p - start);
}

static uint8_t expand(stm_loc_marker_t *m, char *out)
{
    if (log_expand_marker == NULL || m->odd_number == 0)
        return 0;
    int n = log_expand_marker(m, out, 255);
    return n < 0 ? 0 : n > 255 ? 255 : (uint8_t)n;
}

static void record_at(stm_thread_local_t *tl, enum stm_event_e event,
                      stm_loc_marker_t *markers, uint64_t ticks)
{
    uint32_t thread = tl ? (uint32_t)tl->thread_local_counter : 0;
    if (markers == NULL) {
        append_small(thread, (uint8_t)event, ticks);
        return;
    }
    char m1[255], m2[255];
    uint8_t n1 = expand(&markers[0], m1), n2 = expand(&markers[1], m2);
    uint32_t other =
        markers[1].tl ? (uint32_t)markers[1].tl->thread_local_counter : 0;
    append_contention(thread, (uint8_t)event, ticks, other, m1, n1, m2, n2);
}

/* A commit is written without a time unless asked: the clock read was
   7% of the smallest transactions by itself, and the summary needs the
   times of aborts, waits and collections, not of commits. */
static void record_untimed_commit(uint32_t thread)
{
    struct log_buffer *b = buffer_for(thread, 1, 0);
    if (b != NULL)
        b->data[b->used++] = (char)EVENT_COMMIT_UNTIMED;
}

/* The record of an event without markers at 'ticks' (0: read the
   clock). */
void stm_timing_log_event_at(stm_thread_local_t *tl, enum stm_event_e event,
                             uint64_t ticks)
{
    uint32_t thread = tl ? (uint32_t)tl->thread_local_counter : 0;
    if (event == STM_TRANSACTION_COMMIT && !log_commit_times) {
        record_untimed_commit(thread);
        return;
    }
    append_small(thread, (uint8_t)event,
                 ticks != 0 ? ticks : __builtin_ia32_rdtsc());
}

/* stmcb_timing_event while the log is on (the library's own events come
   through stm_timing_event_at directly) */
void stm_timing_log_callback(stm_thread_local_t *tl, enum stm_event_e event,
                             stm_loc_marker_t *markers)
{
    if (markers == NULL)
        stm_timing_log_event_at(tl, event, 0);
    else
        record_at(tl, event, markers, __builtin_ia32_rdtsc());
}

/* a chunk of thread 0 with one record: event 255, delta 0, and the
   clock's nanoseconds, read as close together as possible to the
   chunk's base ticks */
static void write_calibration(void)
{
    uint64_t ticks = __builtin_ia32_rdtsc(), ns = now_ns();
    char rec[CHUNK_HEADER + 10];
    uint32_t header[2] = {0, 10};
    memcpy(rec, header, 8);
    memcpy(rec + 8, &ticks, 8);
    rec[CHUNK_HEADER] = (char)EVENT_CALIBRATION;
    rec[CHUNK_HEADER + 1] = 0;
    memcpy(rec + CHUNK_HEADER + 2, &ns, 8);
    write_all(rec, sizeof(rec));
}

/* log_lock held */
static void close_log_locked(void)
{
    if (log_fd < 0)
        return;
    for (struct log_buffer *b = all_buffers; b != NULL; b = b->next)
        flush_buffer(b);
    write_calibration();
    close(log_fd);
    log_fd = -1;
}

static int open_log_locked(const char *path)
{
    log_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (log_fd < 0)
        return -1;
    write_all(LOG_MAGIC, 8);
    write_calibration();
    return 0;
}

/* In a forked child, first thing (forksupport.c, gil.c): the buffers
   hold the parent's events and the file is the parent's; in fork mode
   the child writes 'path.fork<PID>', otherwise it stops logging. */
void stm_timing_log_fork_child(void)
{
    /* a thread that is gone may have held it */
    pthread_mutex_init(&log_lock, NULL);
    if (log_fd < 0)
        return;
    close(log_fd);
    log_fd = -1;
    for (struct log_buffer *b = all_buffers; b != NULL; b = b->next)
        b->used = 0; /* the parent writes what it had */
    if (!log_fork_mode) {
        stmcb_timing_event = NULL;
        return;
    }
    char name[4096];
    snprintf(name, sizeof(name), "%s.fork%d", log_path, (int)getpid());
    if (open_log_locked(name) != 0)
        stmcb_timing_event = NULL;
}

static void close_at_exit(void)
{
    pthread_mutex_lock(&log_lock);
    close_log_locked();
    pthread_mutex_unlock(&log_lock);
}

int stm_set_timing_log(const char *path, int fork_mode,
                       stm_expand_marker_fn expand_marker)
{
    pthread_mutex_lock(&log_lock);
    if (stmcb_timing_event == stm_timing_log_callback)
        stmcb_timing_event = NULL;
    close_log_locked();
    free(log_path);
    log_path = NULL;
    int result = 0;
    if (path != NULL) {
        log_path = strdup(path);
        log_fork_mode = fork_mode;
        const char *times = getenv("STMGC_LOG_COMMIT_TIMES");
        log_commit_times =
            times != NULL && strcmp(times, "0") != 0 && times[0] != 0;
        log_expand_marker = expand_marker;
        if (log_path == NULL || open_log_locked(path) != 0) {
            result = -1;
        } else {
            if (!atexit_installed) {
                atexit(close_at_exit);
                atexit_installed = true;
            }
            stmcb_timing_event = stm_timing_log_callback;
        }
    }
    pthread_mutex_unlock(&log_lock);
    return result;
}

/* A thread that unregisters writes out what it logged. */
void stm_timing_log_thread_done(void)
{
    if (my_buffer == NULL)
        return;
    pthread_mutex_lock(&log_lock);
    flush_buffer(my_buffer);
    pthread_mutex_unlock(&log_lock);
}
