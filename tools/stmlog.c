/* stmlog -- summarize a timing log written by stm_set_timing_log()
 * (format: doc/timing-log.md): time lost per pair of markers, top
 * conflicts first (an aborted transaction's whole duration, or the time a
 * committed one waited after the conflict); commits, aborts and waits
 * per thread; GC pauses.
 *
 *   stmlog FILE
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stmgc.h"

#define MAX_THREADS          4096
#define EVENT_COMMIT_UNTIMED 254 /* a commit without a delta (version 3) */

struct thread_stats {
    uint32_t id;
    long commits, aborts, untimed_commits;
    uint64_t tx_start;   /* ticks; 0 outside a transaction */
    uint64_t wait_start; /* ticks; 0 when not waiting */
    uint64_t committed_ticks, aborted_ticks, wait_ticks;
    int last_conflict;      /* index in conflicts, -1 if none */
    uint64_t conflict_wait; /* waited since that conflict, if it commits */
};

struct conflict {
    uint8_t event;
    char m1[256], m2[256];
    long count;
    uint64_t lost_ticks; /* aborted transactions and waits it caused */
};

static struct thread_stats threads[MAX_THREADS];
static int nb_threads;
static struct conflict *conflicts;
static int nb_conflicts, cap_conflicts;
static long minor_count, major_count;
static uint64_t minor_ticks, major_ticks, gc_start[MAX_THREADS][2];

static const char *const event_names[] = {STM_EVENT_NAMES};

static void die(const char *msg, const char *path)
{
    fprintf(stderr, "stmlog: %s: %s\n", path, msg);
    exit(1);
}

static struct thread_stats *thread_of(uint32_t id)
{
    for (int i = 0; i < nb_threads; i++)
        if (threads[i].id == id)
            return &threads[i];
    if (nb_threads == MAX_THREADS)
        return NULL;
    struct thread_stats *t = &threads[nb_threads];
    memset(t, 0, sizeof(*t));
    t->id = id;
    t->last_conflict = -1;
    return &threads[nb_threads++];
}

static int conflict_index(uint8_t event, const char *m1, const char *m2)
{
    for (int i = 0; i < nb_conflicts; i++)
        if (conflicts[i].event == event && strcmp(conflicts[i].m1, m1) == 0 &&
            strcmp(conflicts[i].m2, m2) == 0)
            return i;
    if (nb_conflicts == cap_conflicts) {
        cap_conflicts = cap_conflicts ? 2 * cap_conflicts : 64;
        conflicts = realloc(conflicts, cap_conflicts * sizeof(*conflicts));
        if (conflicts == NULL) {
            fprintf(stderr, "stmlog: out of memory\n");
            exit(1);
        }
    }
    struct conflict *c = &conflicts[nb_conflicts];
    memset(c, 0, sizeof(*c));
    c->event = event;
    strcpy(c->m1, m1);
    strcpy(c->m2, m2);
    return nb_conflicts++;
}

static int by_lost_time(const void *a, const void *b)
{
    const struct conflict *x = a, *y = b;
    if (x->lost_ticks != y->lost_ticks)
        return x->lost_ticks < y->lost_ticks ? 1 : -1;
    return x->count < y->count ? 1 : x->count > y->count ? -1 : 0;
}

/* unsigned LEB128 at data[*pos]; false if the chunk ends inside it */
static bool read_varint(const unsigned char *data, size_t len, size_t *pos,
                        uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64 && *pos < len; shift += 7) {
        unsigned char byte = data[(*pos)++];
        v |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *out = v;
            return true;
        }
    }
    return false;
}

int main(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: stmlog FILE\n"
                        "Summarizes a timing log of stm_set_timing_log().\n");
        return argc == 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
    }
    const char *path = argv[1];
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        die("cannot open", path);
    char magic[8];
    if (fread(magic, 1, 8, f) != 8 || memcmp(magic, "STMLOG\0", 7) != 0)
        die("not a timing log (bad magic)", path);
    if (magic[7] != 2 && magic[7] != 3) /* 3 adds untimed commits */
        die("unsupported format version", path);

    uint64_t first_ticks = 0, last_ticks = 0, cal_ticks[2] = {0, 0},
             cal_ns[2] = {0, 0};
    int nb_cal = 0;
    long nb_events = 0;
    unsigned char *data = NULL;
    size_t pos = 0, len = 0;
    uint32_t thread = 0;
    uint64_t ticks = 0; /* of the previous record of the chunk */
    while (1) {
        if (pos == len) { /* the next chunk: thread, length, base ticks */
            uint32_t chunk[2];
            if (fread(chunk, sizeof(uint32_t), 2, f) != 2)
                break;
            if (fread(&ticks, 8, 1, f) != 1)
                die("truncated chunk", path);
            thread = chunk[0];
            len = chunk[1];
            pos = 0;
            free(data);
            data = malloc(len ? len : 1);
            if (data == NULL || fread(data, 1, len, f) != len)
                die("truncated chunk", path);
            continue;
        }
        uint8_t event = data[pos++];
        bool timed = event != EVENT_COMMIT_UNTIMED;
        uint64_t delta = 0;
        if (timed && !read_varint(data, len, &pos, &delta))
            die("truncated record", path);
        /* zigzag: a clock read on another core may be a little behind */
        ticks += (delta >> 1) ^ (0 - (delta & 1));
        if (!timed)
            event = STM_TRANSACTION_COMMIT;
        char m1[256] = "", m2[256] = "";
        if (event == 255) { /* calibration: ticks and nanoseconds */
            if (len - pos < 8)
                die("truncated calibration record", path);
            uint64_t ns;
            memcpy(&ns, data + pos, 8);
            pos += 8;
            int k = nb_cal == 0 ? 0 : 1;
            cal_ticks[k] = ticks;
            cal_ns[k] = ns;
            nb_cal++;
            continue;
        }
        if (event == STM_CONTENTION_WRITE_WRITE ||
            event == STM_CONTENTION_WRITE_READ ||
            event == STM_CONTENTION_INEVITABLE) {
            if (len - pos < 6)
                die("truncated record", path);
            uint8_t n1 = data[pos + 4], n2 = data[pos + 5];
            pos += 6;
            if (len - pos < (size_t)n1 + n2)
                die("truncated record", path);
            memcpy(m1, data + pos, n1);
            m1[n1] = 0;
            memcpy(m2, data + pos + n1, n2);
            m2[n2] = 0;
            pos += (size_t)n1 + n2;
        }
        if (event >= _STM_EVENT_N)
            die("unknown event", path);
        nb_events++;
        if (first_ticks == 0 || ticks < first_ticks)
            first_ticks = ticks;
        if (ticks > last_ticks)
            last_ticks = ticks;
        struct thread_stats *t = thread_of(thread);
        if (t == NULL)
            continue;
        int ti = (int)(t - threads);
        switch (event) {
        case STM_TRANSACTION_START:
            t->tx_start = ticks;
            t->last_conflict = -1;
            t->conflict_wait = 0;
            break;
        case STM_TRANSACTION_COMMIT:
            /* a conflict that made a committed transaction wait */
            if (t->last_conflict >= 0)
                conflicts[t->last_conflict].lost_ticks += t->conflict_wait;
            t->commits++;
            if (!timed)
                t->untimed_commits++;
            else if (t->tx_start)
                t->committed_ticks += ticks - t->tx_start;
            t->tx_start = 0;
            break;
        case STM_TRANSACTION_ABORT:
            t->aborts++;
            if (t->tx_start) {
                t->aborted_ticks += ticks - t->tx_start;
                if (t->last_conflict >= 0)
                    conflicts[t->last_conflict].lost_ticks +=
                        ticks - t->tx_start;
            }
            t->tx_start = 0;
            break;
        case STM_CONTENTION_WRITE_WRITE:
        case STM_CONTENTION_WRITE_READ:
        case STM_CONTENTION_INEVITABLE:
            t->last_conflict = conflict_index(event, m1, m2);
            conflicts[t->last_conflict].count++;
            break;
        case STM_WAIT_FREE_SEGMENT:
        case STM_WAIT_SYNC_PAUSE:
        case STM_WAIT_CONTENTION:
            t->wait_start = ticks;
            break;
        case STM_WAIT_DONE:
            if (t->wait_start) {
                t->wait_ticks += ticks - t->wait_start;
                if (t->last_conflict >= 0)
                    t->conflict_wait += ticks - t->wait_start;
            }
            t->wait_start = 0;
            break;
        case STM_GC_MINOR_START:
        case STM_GC_MAJOR_START:
            gc_start[ti][event == STM_GC_MAJOR_START] = ticks;
            break;
        case STM_GC_MINOR_DONE:
            minor_count++;
            if (gc_start[ti][0])
                minor_ticks += ticks - gc_start[ti][0];
            break;
        case STM_GC_MAJOR_DONE:
            major_count++;
            if (gc_start[ti][1])
                major_ticks += ticks - gc_start[ti][1];
            break;
        default:
            break;
        }
    }
    free(data);
    fclose(f);

    /* seconds per tick, from the two calibration records */
    double spt = 1e-9;
    const char *unit_note = "";
    if (nb_cal >= 2 && cal_ticks[1] > cal_ticks[0])
        spt = (double)(cal_ns[1] - cal_ns[0]) * 1e-9 /
              (double)(cal_ticks[1] - cal_ticks[0]);
    else
        unit_note = " (log not closed: 1 tick counted as 1 ns)";

    printf("stmlog: %s%s\n", path, unit_note);
    printf("%ld events, %d threads, %.6f s\n", nb_events, nb_threads,
           (double)(last_ticks - first_ticks) * spt);
    printf("\nper thread:\n");
    for (int i = 0; i < nb_threads; i++) {
        struct thread_stats *t = &threads[i];
        char committed[64] = "commit times not recorded";
        if (t->untimed_commits == 0)
            snprintf(committed, sizeof(committed), "%.6f s committed",
                     (double)t->committed_ticks * spt);
        printf("  thread %u: %ld commits, %ld aborts; %s, %.6f s lost in "
               "aborts, %.6f s waiting\n",
               t->id, t->commits, t->aborts, committed,
               (double)t->aborted_ticks * spt, (double)t->wait_ticks * spt);
    }
    qsort(conflicts, (size_t)nb_conflicts, sizeof(*conflicts), by_lost_time);
    printf("\nconflicts, most time lost first:\n");
    if (nb_conflicts == 0)
        printf("  none\n");
    for (int i = 0; i < nb_conflicts; i++) {
        struct conflict *c = &conflicts[i];
        printf("  %.6f s lost, %ld x %s: '%s' / '%s'\n",
               (double)c->lost_ticks * spt, c->count, event_names[c->event],
               c->m1[0] ? c->m1 : "?", c->m2[0] ? c->m2 : "?");
    }
    printf("\nGC: %ld minor collections, %.6f s; %ld major, %.6f s\n",
           minor_count, (double)minor_ticks * spt, major_count,
           (double)major_ticks * spt);
    return 0;
}
