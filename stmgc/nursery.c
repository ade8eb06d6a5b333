/* nursery.c -- allocation slow paths and the minor collection.
 *
 * Each segment bump-allocates in its own nursery.  A minor collection
 * copies the live nursery objects out, always straight into the master
 * (and, as pages.c does for every new object, into the views holding
 * private copies of those pages): nobody else can reach them before the
 * transaction commits, and writing them through the segment's own view
 * would cost a copy-on-write fault per page and a copy at commit.
 *  - At commit ("commit mode") they simply become old.
 *  - In the middle of a transaction they stay "young outside the
 *    nursery" (GCFLAG_YOUNG_OUTSIDE).  The first write to one of them
 *    (the write barrier's slow path) makes its page private in our view
 *    and flags it GCFLAG_YOUNG_DIRTY: the commit copies the dirty ones
 *    from our view to the master, and for the clean ones only updates
 *    the flags.  Large objects allocated outside the nursery are dirty
 *    from the start (their creator fills them in our view).
 * Roots: the shadow stack, thread_local_obj, the old objects written
 * since the last minor collection, and the young objects outside the
 * nursery created since then.  Everything a minor collection leaves
 * behind gets the write-barrier flag again, so later writes are seen.
 */
#include "core.h"
#include "gcpage.h"

/* the collection in progress on this thread */
static __thread struct segment *gc_seg;
static __thread bool gc_commit_mode;
static __thread struct list gc_scan;
static __thread struct list gc_sizes; /* size of each commit survivor */

uintptr_t allocate_old_for_segment(struct segment *seg, size_t size)
{
    uintptr_t obj = gcpage_alloc(seg->num, size);
    seg->allocated_since_check += size;
    if (obj == 0)
        stm_fatal("out of memory: the old generation is full (%zu bytes in "
                  "use, %zu requested)",
                  gcpage_bytes_in_use(), size);
    if (obj + size >
        atomic_load_explicit(&master_populated_end, memory_order_relaxed))
        populate_master(obj + size);
    return obj;
}

static uintptr_t reserved_address_of(struct segment *seg, uintptr_t young)
{
    uintptr_t reserved = addrmap_get(&seg->young_id_index, young);
    if (reserved != 0)
        return reserved;
    stm_fatal("internal error: nursery object %p has no reserved address",
              (void *)young);
}

static void minor_visit(object_t **slot)
{
    uintptr_t young = (uintptr_t)*slot;
    if (!in_nursery(young))
        return;
    struct segment *seg = gc_seg;
    char *src = REAL_ADDRESS(seg->base, young);
    struct object_s *h = (struct object_s *)src;
    if (h->stm_flags & GCFLAG_FORWARDED) {
        *slot = ((object_t **)src)[1];
        return;
    }
    size_t size = (size_t)stmcb_size_rounded_up(h);
    uintptr_t moved = (h->stm_flags & GCFLAG_HAS_SHADOW)
                          ? reserved_address_of(seg, young)
                          : allocate_old_for_segment(seg, size);
    char *dst = REAL_ADDRESS(master_base(), moved);
    if (size <= 64) {
        /* most objects are small: no call to memcpy */
        for (size_t i = 0; i < size; i += 8)
            *(uint64_t *)(dst + i) = *(uint64_t *)(src + i);
    } else {
        memcpy(dst, src, size);
    }
    ((struct object_s *)dst)->stm_flags =
        gc_commit_mode ? GCFLAG_WRITE_BARRIER
                       : GCFLAG_WRITE_BARRIER | GCFLAG_YOUNG_OUTSIDE;
    h->stm_flags = GCFLAG_FORWARDED;
    ((object_t **)src)[1] = (object_t *)moved;
    *slot = (object_t *)moved;
    list_append(&gc_scan, moved);
    list_append(gc_commit_mode ? &seg->commit_survivors : &seg->young_outside,
                moved);
    list_append(&gc_sizes, size);
}

static void trace_in(char *base, uintptr_t obj)
{
    stmcb_trace((struct object_s *)REAL_ADDRESS(base, obj), minor_visit);
}

static void visit_shadowstack(stm_thread_local_t *tl)
{
    for (struct stm_shadowentry_s *p = tl->shadowstack_base;
         p < tl->shadowstack; p++) {
        uintptr_t v = (uintptr_t)p->ss;
        if ((v & 7) == 0) /* skip markers (odd numbers) */
            minor_visit(&p->ss);
    }
}

/* The cards that stm_write_card() marked: trace them, unless the whole
   object is traced anyway, and forget them. */
static void trace_marked_cards(struct segment *seg)
{
    for (size_t i = 0; i < seg->marked_cards.count; i += 2) {
        uintptr_t obj = seg->marked_cards.items[i];
        uintptr_t card = seg->marked_cards.items[i + 1];
        struct object_s *h = (struct object_s *)REAL_ADDRESS(seg->base, obj);
        if (h->stm_flags & GCFLAG_WRITE_BARRIER)
            stmcb_trace_cards(h, minor_visit, card * STM_CARD_ITEMS,
                              (card + 1) * STM_CARD_ITEMS);
    }
}

void clear_marked_cards(struct segment *seg)
{
    for (size_t i = 0; i < seg->marked_cards.count; i += 2) {
        uintptr_t obj = seg->marked_cards.items[i];
        uintptr_t card = seg->marked_cards.items[i + 1];
        *read_marker_in(seg->base, obj + 16 * (card + 1)) = 0;
    }
    list_clear(&seg->marked_cards);
}

void minor_collection(bool commit_mode)
{
    struct segment *seg = current_segment();
    stm_thread_local_t *tl = seg->pub->running_thread;
    uintptr_t used = (uintptr_t)seg->pub->nursery_current - NURSERY_START;
    struct list *moved_to =
        commit_mode ? &seg->commit_survivors : &seg->young_outside;
    size_t first_moved = moved_to->count;

    if (used == 0 && list_is_empty(&seg->fresh_outside)) {
        /* nothing young can be referenced: only re-arm the barriers */
        uintptr_t obj;
        LIST_FOREACH(&seg->old_pointing_to_nursery, obj)
        {
            ((struct object_s *)REAL_ADDRESS(seg->base, obj))->stm_flags |=
                GCFLAG_WRITE_BARRIER;
        }
        list_clear(&seg->old_pointing_to_nursery);
        clear_marked_cards(seg);
        return;
    }
    stm_timing_event(tl, STM_GC_MINOR_START);
    gc_seg = seg;
    gc_commit_mode = commit_mode;

    visit_shadowstack(tl);
    minor_visit(&tl->thread_local_obj);
    /* objects with finalizers live until finalized (finalizer.c) */
    for (size_t i = 0; i < seg->young_with_finalizers.count; i++)
        minor_visit((object_t **)&seg->young_with_finalizers.items[i]);
    uintptr_t obj;
    LIST_FOREACH(&seg->old_pointing_to_nursery, obj)
    {
        trace_in(seg->base, obj);
    }
    LIST_FOREACH(&seg->fresh_outside, obj)
    {
        trace_in(seg->base, obj);
    }
    trace_marked_cards(seg);
    while (!list_is_empty(&gc_scan)) {
        obj = list_pop(&gc_scan);
        trace_in(master_base(), obj);
    }

    /* what the collection looked at must come back through the barrier
       when written again */
    LIST_FOREACH(&seg->old_pointing_to_nursery, obj)
    {
        ((struct object_s *)REAL_ADDRESS(seg->base, obj))->stm_flags |=
            GCFLAG_WRITE_BARRIER;
    }
    LIST_FOREACH(&seg->fresh_outside, obj)
    {
        ((struct object_s *)REAL_ADDRESS(seg->base, obj))->stm_flags |=
            GCFLAG_WRITE_BARRIER;
    }
    list_clear(&seg->old_pointing_to_nursery);
    list_clear(&seg->fresh_outside);
    clear_marked_cards(seg);

    /* reserved addresses of objects that died are free again */
    for (size_t i = 0; i < seg->young_ids.count; i += 2) {
        struct object_s *h =
            (struct object_s *)REAL_ADDRESS(seg->base, seg->young_ids.items[i]);
        if (!(h->stm_flags & GCFLAG_FORWARDED))
            gcpage_free(seg->num, seg->young_ids.items[i + 1]);
    }
    list_clear(&seg->young_ids);
    if (seg->young_id_index.count != 0)
        addrmap_free(&seg->young_id_index);

    weakrefs_after_minor(seg);
    light_finalizers_after_minor(seg);

    /* the moved objects are in the master: also into the views (ours
       included) that hold private copies of their pages */
    atomic_thread_fence(memory_order_seq_cst); /* see pages.c */
    for (size_t i = first_moved; i < moved_to->count; i++)
        publish_new_object(moved_to->items[i], gc_sizes.items[i - first_moved],
                           0);
    list_clear(&gc_sizes);

    if (stm_poison_nursery && used > 0)
        memset(REAL_ADDRESS(seg->base, NURSERY_START), 0xDD, used);
    seg->pub->nursery_current = (stm_char *)NURSERY_START;
    seg->nb_minor_collections++;
    gc_seg = NULL;
    stm_timing_event(tl, STM_GC_MINOR_DONE);
    /* these per-thread work lists stay allocated between collections;
       give back what a big collection made them grow to */
    if (gc_scan.capacity > 65536)
        list_free(&gc_scan);
    if (gc_sizes.capacity > 65536)
        list_free(&gc_sizes);
}

void nursery_reset_after_abort(struct segment *seg)
{
    stm_thread_local_t *tl = seg->pub->running_thread;
    uintptr_t used = (uintptr_t)seg->pub->nursery_current - NURSERY_START;
    tl->last_abort__bytes_in_nursery = (long)used;
    if (stm_poison_nursery && used > 0)
        memset(REAL_ADDRESS(seg->base, NURSERY_START), 0xDD, used);
    seg->pub->nursery_current = (stm_char *)NURSERY_START;
}

static struct segment *segment_for_allocation(const char *what)
{
    struct segment *seg = current_segment();
    if (seg->num == 0 || seg->state == TS_NONE)
        _stm_fatal_outside_transaction(what);
    return seg;
}

object_t *_stm_allocate_slowpath(ssize_t size)
{
    struct segment *seg = segment_for_allocation("stm_allocate");
    seg->pub->nursery_current -= size; /* undo the inline bump */
    if (seg->pub->nursery_end <= _STM_NSE_SIGNAL_MAX)
        handle_safe_point_requests();

    uintptr_t cur = (uintptr_t)seg->pub->nursery_current;
    if (stm_gc_stress || cur + (uintptr_t)size > seg->real_nursery_end) {
        if ((size_t)size > seg->nursery_size)
            return _stm_allocate_external(size);
        minor_collection(false);
        maybe_major_collection();
        cur = (uintptr_t)seg->pub->nursery_current;
    }
    seg->pub->nursery_current = (stm_char *)(cur + (uintptr_t)size);
    if (stm_gc_stress) {
        /* next allocation takes this path again: a collection each time */
        seg->real_nursery_end = cur + (uintptr_t)size;
        restore_nursery_end(seg);
    }
    object_t *o = (object_t *)cur;
    o->stm_flags = 0;
    return o;
}

object_t *_stm_allocate_external(ssize_t size)
{
    struct segment *seg = segment_for_allocation("stm_allocate");
    if (seg->pub->nursery_end <= _STM_NSE_SIGNAL_MAX)
        handle_safe_point_requests();
    if (stm_gc_stress) {
        minor_collection(false);
        maybe_major_collection();
    }
    uintptr_t obj = allocate_old_for_segment(seg, (size_t)size);
    mark_private_pages(seg, obj, (size_t)size);
    char *real = REAL_ADDRESS(seg->base, obj);
    memset(real, 0, (size_t)size);
    ((struct object_s *)real)->stm_flags =
        GCFLAG_YOUNG_OUTSIDE | GCFLAG_YOUNG_DIRTY;
    list_append(&seg->young_outside, obj);
    list_append(&seg->young_dirty, obj);
    list_append(&seg->fresh_outside, obj);
    return (object_t *)obj;
}

/* stm_id() of a nursery object: choose now where it will live. */
void prepare_young_id(struct segment *seg, uintptr_t obj)
{
    struct object_s *h = (struct object_s *)REAL_ADDRESS(seg->base, obj);
    if (h->stm_flags & GCFLAG_HAS_SHADOW)
        return;
    uintptr_t reserved =
        allocate_old_for_segment(seg, (size_t)stmcb_size_rounded_up(h));
    list_append(&seg->young_ids, obj);
    list_append(&seg->young_ids, reserved);
    addrmap_put(&seg->young_id_index, obj, reserved);
    h->stm_flags |= GCFLAG_HAS_SHADOW;
}
