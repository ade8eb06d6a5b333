/* log.c -- the commit log: how committed changes reach other segments.
 *
 * A transaction that modified old objects commits by appending one entry
 * holding their new contents to a singly linked list.  Appending is a
 * CAS on the tail's 'next', done only after the segment has applied
 * every earlier entry to its own view and found no conflict, so commits
 * of disjoint work never wait for each other: no lock, no global pause.
 *
 * Every segment that takes part ("participant") remembers the last
 * entry it applied.  Applying an entry = copying the new contents into
 * the segment's view.  A segment applies entries only at its own
 * validation points (transaction start, commit, safe points while the
 * world is stopped), so a running transaction's view never changes under
 * it: that is what makes transactions opaque.  A conflict is an entry
 * that modified an object whose read marker says the running transaction
 * read it; then that transaction aborts (the committer wins).
 *
 * The master copy (segment 0) lags behind: an entry is written into it
 * only once every other participant has applied it.  By then each of
 * them has a private copy of the pages involved, so changing the master
 * is invisible to them; the segment that applies the entry last writes
 * it into the master instead of its view (trim_through), and
 * log_trim does it for idle segments.  Invariant: a segment whose view
 * shares a page with the master has applied no entry touching that page
 * that the master lacks.  New objects never go through the log (see
 * pages.c).
 *
 * An ENTRY_FREEZE entry is appended by a transaction that becomes
 * inevitable (or a thread that stops the world): nobody else may append
 * after it until its owner appends its commit.  So an inevitable
 * transaction's reads are never invalidated and it never aborts.
 */
#include "core.h"

static struct commit_entry *master_last; /* applied to the master */
static pthread_mutex_t trim_lock = PTHREAD_MUTEX_INITIALIZER;
static stm_thread_local_t trim_borrower; /* marks a borrowed segment */

/* a segment trims after this many entries, or sooner when they hold
   this many bytes (big modified objects are copied whole) */
#define TRIM_THRESHOLD       256
#define TRIM_BYTES_THRESHOLD (4UL << 20)

void log_init(void)
{
    master_last = calloc(1, sizeof(struct commit_entry));
    if (master_last == NULL)
        stm_fatal("out of memory creating the commit log");
    master_last->kind = ENTRY_NORMAL;
    master_last->segment_num = -1;
    master_last->chunk = NULL;
}

/* Entry memory.  A segment carves its entries out of its own chunks; the
   thread that trims the log releases them.  A chunk counts its entries
   not yet released, plus one while the segment still carves from it,
   and goes back to its segment's free list when that count reaches
   zero.  So releasing is one atomic decrement and no allocator lock is
   shared between threads (glibc's arenas contended badly there). */
struct entry_chunk {
    struct entry_chunk *next_free;
    _Atomic long live;
    struct segment *owner;
    size_t used, capacity;
    char data[];
};

#define ENTRY_CHUNK_SIZE (64 * 1024)

static void release_chunk_reference(struct entry_chunk *c)
{
    if (atomic_fetch_sub(&c->live, 1) != 1)
        return;
    struct segment *seg = c->owner;
    struct entry_chunk *head = atomic_load(&seg->free_entry_chunks);
    do {
        c->next_free = head;
    } while (!atomic_compare_exchange_weak(&seg->free_entry_chunks, &head, c));
}

static struct entry_chunk *fresh_chunk(struct segment *seg)
{
    /* only the owner pops, so a plain CAS loop has no ABA problem */
    struct entry_chunk *c = atomic_load(&seg->free_entry_chunks);
    while (c != NULL && !atomic_compare_exchange_weak(&seg->free_entry_chunks,
                                                      &c, c->next_free))
        ;
    if (c == NULL) {
        c = malloc(sizeof(*c) + ENTRY_CHUNK_SIZE);
        if (c == NULL)
            stm_fatal("out of memory allocating the commit log");
        c->owner = seg;
        c->capacity = ENTRY_CHUNK_SIZE;
        list_append(&seg->all_entry_chunks, (uintptr_t)c);
    }
    c->used = 0;
    atomic_store(&c->live, 1);
    return c;
}

static struct commit_entry *allocate_entry(struct segment *seg, size_t size)
{
    size = (size + 15) & ~15UL;
    if (size > ENTRY_CHUNK_SIZE / 4) {
        struct commit_entry *e = malloc(size);
        if (e == NULL)
            stm_fatal("out of memory creating a commit log entry of %zu "
                      "bytes",
                      size);
        e->chunk = NULL;
        return e;
    }
    struct entry_chunk *c = seg->entry_chunk;
    if (c == NULL || c->used + size > c->capacity) {
        if (c != NULL)
            release_chunk_reference(c);
        seg->entry_chunk = c = fresh_chunk(seg);
    }
    struct commit_entry *e = (struct commit_entry *)(c->data + c->used);
    c->used += size;
    atomic_fetch_add(&c->live, 1);
    e->chunk = c;
    return e;
}

static void free_entry(struct commit_entry *e)
{
    if (e->chunk == NULL)
        free(e);
    else
        release_chunk_reference(e->chunk);
}

void free_log_entry(struct commit_entry *e)
{
    free_entry(e);
}

void log_free_segment_chunks(struct segment *seg)
{
    uintptr_t c;
    LIST_FOREACH(&seg->all_entry_chunks, c)
    {
        free((void *)c);
    }
    list_free(&seg->all_entry_chunks);
    seg->entry_chunk = NULL;
    atomic_store(&seg->free_entry_chunks, NULL);
}

void log_teardown(void)
{
    struct commit_entry *e = master_last;
    while (e != NULL) {
        struct commit_entry *next = atomic_load(&e->next);
        free_entry(e);
        e = next;
    }
    master_last = NULL;
}

void log_join(struct segment *seg)
{
    /* the segment has no private page yet: its view is the master's */
    pthread_mutex_lock(&trim_lock);
    atomic_store(&seg->last_applied, master_last);
    seg->participant = true;
    pthread_mutex_unlock(&trim_lock);
}

/* On a page the segment shares with the master, the marker is read by a
   locked add of 0, a write access: a plain load of a marker page the
   segment never wrote maps the zero page, and the segment's own next
   marker write there (its objects are often next door) replaces it with
   a TLB shootdown on every other core.  On its private pages the plain
   load is enough (and cheaper: the locked add costs two threads
   committing to one hot object ~14% of their commits).  (Inline
   assembly: compilers turn an atomic add of 0 back into a load.) */
static bool was_read_by(struct segment *seg, uintptr_t obj)
{
    uint16_t *at = read_marker_in(seg->base, obj), marker = 0;
    if (page_is_private(seg, obj))
        marker = *at;
    else
        __asm__ __volatile__("lock xaddw %0, %1"
                             : "+r"(marker), "+m"(*at)
                             :
                             : "memory");
    return marker == seg->pub->transaction_read_version;
}

static void apply_entry(char *base, struct segment *seg, struct commit_entry *e)
{
    for (size_t i = 0; i < e->nb_objects; i++) {
        struct entry_object *eo = &e->objects[i];
        if (seg != NULL)
            mark_private_pages(seg, eo->obj, eo->size);
        memcpy(REAL_ADDRESS(base, eo->obj), e->data + eo->data_offset,
               eo->size);
    }
}

/* Trim lock held: the entries after master_last up to 'upto' go into
   the master, and out of the log.  The views of 'views' that hold a
   private copy of their pages get each of them too, those of
   'last_views' only 'upto'. */
static void write_master_through(struct commit_entry *upto, uint64_t views,
                                 uint64_t last_views)
{
    while (master_last != upto) {
        struct commit_entry *next = atomic_load(&master_last->next);
        apply_entry(master_base(), NULL, next);
        uint64_t to = views | (next == upto ? last_views : 0);
        for (size_t i = 0; to != 0 && i < next->nb_objects; i++)
            copy_master_into_views(next->objects[i].obj, next->objects[i].size,
                                   to);
        free_entry(master_last);
        master_last = next;
    }
}

/* Trimming at the last application.  When a segment applies an entry
   that every other participant has applied already (so each holds
   private copies of its pages), it writes that entry, and the older ones
   the master lacks, into the master instead of its view: only this
   segment's shared pages see the change, at its validation point, and
   the entries are trimmed on the spot.  Threads committing disjoint
   objects then never copy each other's pages (a copy-on-write fault
   each, and a private page held until the next re-share).  Entries that
   touch only pages the segment holds privately are applied as before
   and left to log_trim: taking the lock and reading the other segments'
   progress at every commit cost more than the copy (small transactions
   from two threads, 170 -> 300 ns).  An idle participant still at the
   master's last entry is carried along: borrowed, so that no transaction
   starts there, it gets the entries on its private pages only. */
struct trim_along {
    bool locked;       /* the trim lock is ours */
    bool lock_owned;   /* ... and taken by this application */
    bool failed;       /* an entry could not be trimmed: nor can later ones */
    uint64_t borrowed; /* idle segments carried along (bit num - 1) */
};

bool log_segment_borrowed(struct segment *seg)
{
    return atomic_load(&seg->owner) == &trim_borrower;
}

/* Every other participant has applied 'e', or is idle at the master's
   last entry and now borrowed, to be carried along. */
static bool others_applied(struct segment *seg, struct commit_entry *e,
                           struct trim_along *t)
{
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        struct segment *other = get_segment(i);
        uint64_t bit = 1ULL << (i - 1);
        if (other == seg || !other->participant || (t->borrowed & bit))
            continue;
        /* entries from master_last on are not freed: the lock is ours */
        struct commit_entry *at = atomic_load(&other->last_applied);
        if (at->seq >= e->seq)
            continue;
        stm_thread_local_t *expected = NULL;
        if (at != master_last || !atomic_compare_exchange_strong(
                                     &other->owner, &expected, &trim_borrower))
            return false; /* behind, and running or only part of the way */
        at = atomic_load(&other->last_applied);
        if (at == master_last) {
            t->borrowed |= bit;
            continue;
        }
        give_back_segment(other); /* it moved on meanwhile */
        if (at->seq < e->seq)
            return false;
    }
    return true;
}

static bool take_trim_lock(struct trim_along *t)
{
    for (int round = 0; round < 64; round++) {
        if (pthread_mutex_trylock(&trim_lock) == 0) {
            t->locked = t->lock_owned = true;
            return true;
        }
        __builtin_ia32_pause();
    }
    return false;
}

/* Write the entries up to 'e' (which the segment is applying) into the
   master.  The earlier ones are in its view already, on private pages. */
static bool trim_through(struct segment *seg, struct commit_entry *e,
                         struct trim_along *t)
{
    if (t->failed || (!t->locked && !take_trim_lock(t)) ||
        !others_applied(seg, e, t)) {
        t->failed = true;
        return false;
    }
    /* (the borrowed segments and this one point at master_last until
       they move on to 'e'; nobody else looks while the lock is ours) */
    write_master_through(e, t->borrowed, 1ULL << (seg->num - 1));
    for (uint64_t b = t->borrowed; b != 0; b &= b - 1)
        atomic_store(&get_segment(__builtin_ctzll(b) + 1)->last_applied, e);
    atomic_store_explicit(&seg->last_applied, e, memory_order_release);
    return true;
}

/* Whether applying 'e' would copy a page of the segment's view that it
   shares with the master (else the entry is left to log_trim, in a
   batch: no lock taken, no line of another segment read). */
static bool touches_shared_pages(struct segment *seg, struct commit_entry *e)
{
    for (size_t i = 0; i < e->nb_objects; i++) {
        uintptr_t start = e->objects[i].obj & ~(PAGE_SIZE - 1);
        uintptr_t end = e->objects[i].obj + e->objects[i].size;
        for (uintptr_t page = start; page < end; page += PAGE_SIZE)
            if (!page_is_private(seg, page))
                return true;
    }
    return false;
}

static void end_trim_along(struct trim_along *t)
{
    for (uint64_t b = t->borrowed; b != 0; b &= b - 1)
        give_back_segment(get_segment(__builtin_ctzll(b) + 1));
    if (t->lock_owned)
        pthread_mutex_unlock(&trim_lock);
}

static void apply_entries_to_segment(struct segment *seg,
                                     struct commit_entry *upto,
                                     bool trim_lock_held)
{
    struct commit_entry *e = atomic_load(&seg->last_applied);
    if (e == upto)
        return; /* nothing new: a thread alone commits this way */
    struct trim_along t = {.locked = trim_lock_held};
    while (e != upto) {
        e = atomic_load(&e->next);
        if (e->segment_num == seg->num)
            continue;
        if (!t.failed && touches_shared_pages(seg, e) &&
            trim_through(seg, e, &t))
            continue;
        apply_entry(seg->base, seg, e);
    }
    atomic_store_explicit(&seg->last_applied, upto, memory_order_release);
    end_trim_along(&t);
}

/* Bring the segment's view up to the current tail.  Returns false, and
   changes nothing, if a newer entry conflicts with the running
   transaction's reads. */
bool validate_segment(struct segment *seg)
{
    struct commit_entry *e = atomic_load(&seg->last_applied);
    struct commit_entry *last = e;
    bool check = seg->state != TS_NONE;
    for (e = atomic_load(&e->next); e != NULL; e = atomic_load(&e->next)) {
        if (check && e->segment_num != seg->num) {
            for (size_t i = 0; i < e->nb_objects; i++)
                if (was_read_by(seg, e->objects[i].obj))
                    return false;
        }
        last = e;
    }
    apply_entries_to_segment(seg, last, false);
    return true;
}

/* Wait until 'freeze', the segment's last applied entry, is followed by
   its owner's commit, staying responsive to abort and pause requests.
   A pause validates the segment, which may move it past 'freeze': then
   nothing protects that entry from the trimmer any more, so stop looking
   at it and let the caller validate again. */
static void wait_for_unfreeze(struct segment *seg, struct commit_entry *freeze)
{
    int round = 0;
    stm_thread_local_t *me = seg->pub->running_thread;
    stm_timing_contention(
        me, STM_CONTENTION_INEVITABLE,
        get_segment(freeze->segment_num)->pub->running_thread);
    stm_timing_event(me, STM_WAIT_CONTENTION);
    while (atomic_load(&freeze->next) == NULL) {
        handle_safe_point_requests();
        if (atomic_load(&seg->last_applied) != freeze)
            break;
        stm_backoff_wait(&round);
    }
    stm_timing_event(me, STM_WAIT_DONE);
}

bool log_append(struct segment *seg, struct commit_entry *entry)
{
    for (;;) {
        if (!validate_segment(seg))
            return false;
        struct commit_entry *tail = atomic_load(&seg->last_applied);
        if (tail->kind == ENTRY_FREEZE && tail->segment_num != seg->num) {
            wait_for_unfreeze(seg, tail);
            continue;
        }
        entry->seq = tail->seq + 1;
        struct commit_entry *expected = NULL;
        if (atomic_compare_exchange_strong(&tail->next, &expected, entry)) {
            atomic_store(&seg->last_applied, entry);
            /* counted per segment: a shared counter would bounce
               between cores at every commit */
            if (++seg->entries_since_trim >= TRIM_THRESHOLD ||
                seg->bytes_since_trim >= TRIM_BYTES_THRESHOLD) {
                seg->entries_since_trim = 0;
                seg->bytes_since_trim = 0;
                log_trim();
            }
            return true;
        }
    }
}

static struct commit_entry *new_entry(struct segment *seg, enum entry_kind kind,
                                      size_t nb_objects, size_t data_size)
{
    size_t header =
        sizeof(struct commit_entry) + nb_objects * sizeof(struct entry_object);
    struct commit_entry *e = allocate_entry(seg, header + data_size);
    seg->bytes_since_trim += header + data_size;
    atomic_store_explicit(&e->next, NULL, memory_order_relaxed);
    e->seq = 0;
    e->kind = kind;
    e->segment_num = seg->num;
    e->nb_objects = nb_objects;
    e->objects = (struct entry_object *)(e + 1);
    e->data = (char *)e + header;
    return e;
}

struct commit_entry *entry_for_modified_objects(struct segment *seg)
{
    size_t n = seg->modified_old.count, total = 0;
    for (size_t i = 0; i < n; i++)
        total += object_size_in(seg->base, seg->modified_old.items[i]);
    struct commit_entry *e = new_entry(seg, ENTRY_NORMAL, n, total);
    total = 0;
    for (size_t i = 0; i < n; i++) {
        uintptr_t obj = seg->modified_old.items[i];
        char *src = REAL_ADDRESS(seg->base, obj);
        size_t size = (size_t)stmcb_size_rounded_up((struct object_s *)src);
        e->objects[i].obj = obj;
        e->objects[i].size = size;
        e->objects[i].data_offset = total;
        memcpy(e->data + total, src, size);
        total += size;
    }
    return e;
}

/* Append a freeze entry: from now on, nobody else commits changes until
   log_unfreeze() or this segment's commit.  Aborts on conflict. */
void log_freeze(struct segment *seg)
{
    struct commit_entry *freeze = new_entry(seg, ENTRY_FREEZE, 0, 0);
    if (!log_append(seg, freeze)) {
        free_entry(freeze);
        abort_with_reason(AR_WRITE_READ);
    }
}

void log_unfreeze(struct segment *seg)
{
    struct commit_entry *e = new_entry(seg, ENTRY_NORMAL, 0, 0);
    if (!log_append(seg, e))
        stm_fatal("internal error: a frozen log changed under its owner");
}

/* Outside a transaction: the waiter is no participant, so entries may be
   freed under it; look at the tail only under the trim lock. */
void wait_while_log_frozen(void)
{
    int round = 0;
    for (;;) {
        pthread_mutex_lock(&trim_lock);
        struct commit_entry *e = master_last, *next;
        while ((next = atomic_load(&e->next)) != NULL)
            e = next;
        bool frozen = e->kind == ENTRY_FREEZE;
        pthread_mutex_unlock(&trim_lock);
        if (!frozen)
            return;
        stm_backoff_wait(&round);
    }
}

/* Borrow an idle participant segment and bring it up to date, so that it
   does not hold back the master forever. */
static void catch_up_idle_segment(struct segment *seg)
{
    stm_thread_local_t *expected = NULL;
    if (!atomic_compare_exchange_strong(&seg->owner, &expected, &trim_borrower))
        return;
    struct commit_entry *e = atomic_load(&seg->last_applied), *next;
    while ((next = atomic_load(&e->next)) != NULL)
        e = next;
    apply_entries_to_segment(seg, e, true);
    give_back_segment(seg); /* wakes a thread waiting for a segment */
}

/* Write into the master every entry that all participants applied, and
   free those entries. */
static void trim_locked(bool catch_up_idle)
{
    /* first, as a catch-up may trim entries and carry other segments */
    for (int i = 1; catch_up_idle && i <= NB_SEGMENTS; i++) {
        struct segment *seg = get_segment(i);
        if (seg->participant && atomic_load(&seg->owner) == NULL)
            catch_up_idle_segment(seg);
    }
    struct commit_entry *oldest = NULL;
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        struct segment *seg = get_segment(i);
        if (!seg->participant)
            continue;
        struct commit_entry *e = atomic_load(&seg->last_applied);
        if (oldest == NULL || e->seq < oldest->seq)
            oldest = e;
    }
    if (oldest != NULL)
        write_master_through(oldest, 0, 0);
}

void log_trim(void)
{
    if (pthread_mutex_trylock(&trim_lock) != 0)
        return;
    trim_locked(true);
    pthread_mutex_unlock(&trim_lock);
}

/* World stopped, log frozen by the caller: every participant is brought
   up to the tail and so is the master. */
void log_catch_up_everything(void)
{
    pthread_mutex_lock(&trim_lock);
    for (int i = 1; i <= NB_SEGMENTS; i++) {
        struct segment *seg = get_segment(i);
        if (!seg->participant)
            continue;
        struct commit_entry *e = atomic_load(&seg->last_applied), *next;
        while ((next = atomic_load(&e->next)) != NULL)
            e = next;
        apply_entries_to_segment(seg, e, true);
    }
    trim_locked(false);
    pthread_mutex_unlock(&trim_lock);
}

long log_count_entries(void)
{
    long n = 0;
    for (struct commit_entry *e = atomic_load(&master_last->next); e != NULL;
         e = atomic_load(&e->next))
        n++;
    return n;
}

void log_fork_lock(bool lock)
{
    if (lock)
        pthread_mutex_lock(&trim_lock);
    else
        pthread_mutex_unlock(&trim_lock);
}
