/* test_core.c -- deterministic tests of stmgc's rules.
 *
 * Several stm_thread_local_t run on this one OS thread; _stm_test_switch()
 * chooses which one the next calls act for, so every interleaving is
 * exact.  An abort jumps back into the stm_start_transaction() call of
 * the aborted thread and restores the test function's stack frame as it
 * was then: state that must survive an abort lives in static variables.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "testobj.h"

static stm_thread_local_t tl1, tl2, tl3;

static int setup_each(void)
{
    stm_setup();
    stm_register_thread_local(&tl1);
    stm_register_thread_local(&tl2);
    stm_register_thread_local(&tl3);
    _stm_test_switch(&tl1);
    return 0;
}

static int teardown_each(void)
{
    stm_unregister_thread_local(&tl3);
    stm_unregister_thread_local(&tl2);
    stm_unregister_thread_local(&tl1);
    stm_teardown();
    return 0;
}

#define ENTER_FRAMES()                     \
    rewind_jmp_buf rj1, rj2, rj3;          \
    stm_rewind_jmp_enterframe(&tl1, &rj1); \
    stm_rewind_jmp_enterframe(&tl2, &rj2); \
    stm_rewind_jmp_enterframe(&tl3, &rj3)

#define LEAVE_FRAMES()                     \
    stm_rewind_jmp_leaveframe(&tl3, &rj3); \
    stm_rewind_jmp_leaveframe(&tl2, &rj2); \
    stm_rewind_jmp_leaveframe(&tl1, &rj1)

static void begin(stm_thread_local_t *tl)
{
    _stm_test_switch(tl);
}

/* the objects and counters tests keep across aborts */
static object_t *x, *y;

/* ---------------------------------------------------------------- */

static void test_minor_gc_moves_and_fixes_roots(void)
{
    ENTER_FRAMES();
    x = new_old_node(2, 0);
    begin(&tl1);
    stm_start_transaction(&tl1);
    /* every pointer held across an allocation is reachable from a root:
       this test also runs with a collection at every allocation */
    object_t *a = new_node(1, 100);
    CU_ASSERT(_stm_in_nursery(a));
    set_ref(x, 0, a); /* old-to-young */
    object_t *b = new_node(0, 200);
    set_ref(get_ref(x, 0), 0, b);
    object_t *c = new_node(0, 300);
    STM_PUSH_ROOT(tl1, c);
    object_t *d = new_node(0, 400);
    tl1.thread_local_obj = d;
    stm_collect(0);
    STM_POP_ROOT(tl1, c);
    CU_ASSERT(!_stm_in_nursery(c));
    CU_ASSERT_EQUAL(get_value(c), 300);
    CU_ASSERT(!_stm_in_nursery(tl1.thread_local_obj));
    CU_ASSERT_EQUAL(get_value(tl1.thread_local_obj), 400);
    a = get_ref(x, 0);
    CU_ASSERT(!_stm_in_nursery(a));
    CU_ASSERT_EQUAL(get_value(a), 100);
    b = get_ref(a, 0);
    CU_ASSERT(!_stm_in_nursery(b));
    CU_ASSERT_EQUAL(get_value(b), 200);
    /* written again after the collection: still tracked */
    set_ref(x, 1, new_node(0, 500));
    set_ref(a, 0, new_node(0, 600));
    stm_commit_transaction();

    begin(&tl2);
    stm_start_transaction(&tl2);
    CU_ASSERT_EQUAL(get_value(get_ref(x, 1)), 500);
    CU_ASSERT_EQUAL(get_value(get_ref(get_ref(x, 0), 0)), 600);
    stm_commit_transaction();
    tl1.thread_local_obj = NULL;
    LEAVE_FRAMES();
}

static void test_major_gc_frees_unreachable_keeps_reachable(void)
{
    static object_t *kept_by_t2, *garbage;
    ENTER_FRAMES();
    x = new_old_node(1, 0); /* kept by tl1's shadow stack */
    begin(&tl1);
    STM_PUSH_ROOT(tl1, x);
    stm_start_transaction(&tl1);
    set_ref(x, 0, new_node(0, 11));
    garbage = new_node(0, 12);
    STM_PUSH_ROOT(tl1, garbage);
    stm_collect(0);
    STM_POP_ROOT(tl1, garbage);
    stm_commit_transaction();
    CU_ASSERT(_stm_is_live_old_object(garbage));

    begin(&tl2);
    stm_start_transaction(&tl2);
    kept_by_t2 = new_node(0, 13);
    STM_PUSH_ROOT(tl2, kept_by_t2);
    stm_collect(0);
    STM_POP_ROOT(tl2, kept_by_t2);
    STM_PUSH_ROOT(tl2, kept_by_t2);
    /* tl2 is in the middle of a transaction: its young object must live */
    stm_collect(1);
    CU_ASSERT(!_stm_is_live_old_object(garbage));
    CU_ASSERT(_stm_is_live_old_object(x));
    CU_ASSERT(_stm_is_live_old_object(get_ref(x, 0)));
    CU_ASSERT(_stm_is_live_old_object(kept_by_t2));
    CU_ASSERT_EQUAL(get_value(kept_by_t2), 13);
    CU_ASSERT_EQUAL(get_value(get_ref(x, 0)), 11);
    stm_commit_transaction();
    STM_POP_ROOT_DROP(tl2);
    begin(&tl1);
    STM_POP_ROOT_DROP(tl1);
    LEAVE_FRAMES();
}

static void test_identity_hash_stable_across_moves(void)
{
    static long id, hash;
    ENTER_FRAMES();
    begin(&tl1);
    stm_start_transaction(&tl1);
    object_t *a = new_node(0, 1);
    CU_ASSERT(stm_can_move(a));
    id = stm_id(a);
    hash = stm_identityhash(a);
    CU_ASSERT_EQUAL(stm_id(a), id);
    STM_PUSH_ROOT(tl1, a);
    stm_collect(0);
    STM_POP_ROOT(tl1, a);
    CU_ASSERT(!stm_can_move(a));
    CU_ASSERT_EQUAL((long)(uintptr_t)a, id);
    CU_ASSERT_EQUAL(stm_id(a), id);
    CU_ASSERT_EQUAL(stm_identityhash(a), hash);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* a static image of a node: same layout, but its references are plain
   addresses of other static images (clang cannot put a cast to the %gs
   address space into a static initializer) */
struct static_node {
    struct object_s hdr;
    uint32_t nrefs;
    int64_t value;
    struct static_node *refs[1];
};

static void test_many_young_ids(void)
{
    /* ids of many nursery objects: each one moves exactly to its id */
    static long ids[300];
    ENTER_FRAMES();
    begin(&tl1);
    stm_start_transaction(&tl1);
    object_t *head = NULL;
    for (int i = 0; i < 300; i++) {
        STM_PUSH_ROOT(tl1, head);
        object_t *n = new_node(1, i);
        STM_POP_ROOT(tl1, head);
        NODE(n)->refs[0] = head;
        head = n;
        ids[i] = stm_id(n);
    }
    for (object_t *p = head; p != NULL; p = get_ref(p, 0))
        CU_ASSERT_EQUAL(stm_id(p), ids[get_value(p)]);
    STM_PUSH_ROOT(tl1, head);
    stm_collect(0);
    STM_POP_ROOT(tl1, head);
    int seen = 0;
    for (object_t *p = head; p != NULL; p = get_ref(p, 0)) {
        CU_ASSERT_EQUAL((long)(uintptr_t)p, ids[get_value(p)]);
        seen++;
    }
    CU_ASSERT_EQUAL(seen, 300);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_prebuilt_objects(void)
{
    static struct static_node s2 = {{0}, 1, 22, {NULL}};
    static struct static_node s1 = {{0}, 1, 11, {&s2}};
    ENTER_FRAMES();
    object_t *p1 = stm_setup_prebuilt((object_t *)(uintptr_t)&s1);
    object_t *p1_again = stm_setup_prebuilt((object_t *)(uintptr_t)&s1);
    CU_ASSERT_PTR_EQUAL(p1, p1_again);
    stm_set_prebuilt_identityhash(p1, 12345);
    x = p1;
    begin(&tl1);
    stm_start_transaction(&tl1);
    CU_ASSERT_EQUAL(get_value(x), 11);
    y = get_ref(x, 0);
    CU_ASSERT_EQUAL(get_value(y), 22);
    CU_ASSERT_PTR_NULL(get_ref(y, 0));
    CU_ASSERT_EQUAL(stm_identityhash(x), 12345);
    set_ref(y, 0, x); /* make a cycle */
    stm_collect(1);   /* prebuilt objects are immortal */
    CU_ASSERT(_stm_is_live_old_object(x));
    CU_ASSERT(_stm_is_live_old_object(y));
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* A weakref in these tests: a node without references, whose value (its
   last word) is the weak pointer. */
static object_t *new_weakref_to(object_t *target)
{
    STM_PUSH_ROOT(tl1, target);
    object_t *w = stm_allocate_weakref(node_size(0));
    STM_POP_ROOT(tl1, target);
    NODE(w)->nrefs = 0;
    NODE(w)->value = (int64_t)(uintptr_t)target;
    return w;
}

static object_t *weak_target(object_t *w)
{
    return (object_t *)(uintptr_t)get_value(w);
}

static void test_weakref_minor_collection(void)
{
    ENTER_FRAMES();
    begin(&tl1);
    stm_start_transaction(&tl1);
    /* the target survives: the weakref follows it out of the nursery */
    object_t *t = new_node(0, 7);
    STM_PUSH_ROOT(tl1, t);
    object_t *w = new_weakref_to(t);
    STM_PUSH_ROOT(tl1, w);
    stm_collect(0);
    STM_POP_ROOT(tl1, w);
    STM_POP_ROOT(tl1, t);
    CU_ASSERT(!_stm_in_nursery(t));
    CU_ASSERT_PTR_EQUAL(weak_target(w), t);
    CU_ASSERT_EQUAL(get_value(weak_target(w)), 7);
    /* the target dies young: the reference is cleared (with GC stress the
       weakref's own allocation already moved the target out of the
       nursery: then a later major collection clears it) */
    w = new_weakref_to(new_node(0, 8));
    bool target_was_young = _stm_in_nursery(weak_target(w));
    STM_PUSH_ROOT(tl1, w);
    stm_collect(0);
    if (target_was_young)
        CU_ASSERT_PTR_NULL(weak_target(tl1.shadowstack[-1].ss));
    /* (a running transaction's own objects stay alive until it ends) */
    stm_commit_transaction();
    stm_start_transaction(&tl1);
    stm_collect(1);
    CU_ASSERT_PTR_NULL(weak_target(tl1.shadowstack[-1].ss));
    STM_POP_ROOT_DROP(tl1);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_weakref_major_collection(void)
{
    ENTER_FRAMES();
    begin(&tl1);
    stm_start_transaction(&tl1);
    object_t *t1 = new_node(0, 1);
    STM_PUSH_ROOT(tl1, t1);
    object_t *w1 = new_weakref_to(t1);
    STM_PUSH_ROOT(tl1, w1);
    object_t *w2 = new_weakref_to(new_node(0, 2));
    STM_PUSH_ROOT(tl1, w2);
    stm_commit_transaction(); /* w2's target is garbage */
    stm_start_transaction(&tl1);
    stm_collect(1);
    CU_ASSERT_PTR_NULL(weak_target(tl1.shadowstack[-1].ss));
    /* an old target that only a weakref refers to dies at the next major
       collection; one still referenced stays */
    object_t *t3 = new_node(0, 3);
    STM_PUSH_ROOT(tl1, t3);
    object_t *w3 = new_weakref_to(t3);
    STM_PUSH_ROOT(tl1, w3);
    stm_commit_transaction(); /* both old now */
    stm_start_transaction(&tl1);
    w3 = tl1.shadowstack[-1].ss;
    CU_ASSERT(weak_target(w3) != NULL);
    CU_ASSERT_EQUAL(get_value(weak_target(w3)), 3);
    stm_commit_transaction();
    /* t3 is garbage from now on (between transactions: the shadow stack
       saved at a transaction's start is a root too, for aborts) */
    tl1.shadowstack[-2].ss = NULL;
    stm_start_transaction(&tl1);
    stm_collect(1);
    CU_ASSERT_PTR_NULL(weak_target(tl1.shadowstack[-1].ss));
    w1 = tl1.shadowstack[-4].ss;
    t1 = tl1.shadowstack[-5].ss;
    CU_ASSERT_PTR_EQUAL(weak_target(w1), t1);
    CU_ASSERT_EQUAL(get_value(weak_target(w1)), 1);
    stm_commit_transaction();
    tl1.shadowstack -= 5;
    LEAVE_FRAMES();
}

static void test_prebuilt_weakref(void)
{
    static struct static_node target = {{0}, 0, 42, {NULL}};
    static struct static_node weak = {{0}, 0, 0, {NULL}};
    weak.value = (int64_t)(uintptr_t)&target;
    ENTER_FRAMES();
    object_t *w = stm_setup_prebuilt_weakref((object_t *)(uintptr_t)&weak);
    object_t *t = stm_setup_prebuilt((object_t *)(uintptr_t)&target);
    x = w;
    begin(&tl1);
    stm_start_transaction(&tl1);
    CU_ASSERT_PTR_EQUAL(weak_target(x), t);
    stm_collect(1); /* prebuilt targets never die */
    CU_ASSERT_PTR_EQUAL(weak_target(x), t);
    CU_ASSERT_EQUAL(get_value(weak_target(x)), 42);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* light finalizers record what they saw */
static long finalized_count;
static int64_t finalized_values[16];

static void record_finalizer(object_t *obj)
{
    if (finalized_count < 16)
        finalized_values[finalized_count] = NODE(obj)->value;
    finalized_count++;
}

static void test_light_finalizers(void)
{
    ENTER_FRAMES();
    stmcb_light_finalizer = record_finalizer;
    finalized_count = 0;
    begin(&tl1);
    stm_start_transaction(&tl1);
    object_t *dies_young = new_node(0, 10);
    stm_enable_light_finalizer(dies_young);
    object_t *lives = new_node(0, 11);
    stm_enable_light_finalizer(lives);
    STM_PUSH_ROOT(tl1, lives);
    object_t *dies_old = new_node(0, 12);
    stm_enable_light_finalizer(dies_old);
    STM_PUSH_ROOT(tl1, dies_old);
    stm_collect(0);
    CU_ASSERT_EQUAL(finalized_count, 1);
    CU_ASSERT_EQUAL(finalized_values[0], 10);
    stm_commit_transaction();
    STM_POP_ROOT_DROP(tl1); /* dies_old is garbage now */
    stm_start_transaction(&tl1);
    stm_collect(1);
    CU_ASSERT_EQUAL(finalized_count, 2);
    CU_ASSERT_EQUAL(finalized_values[1], 12);
    stm_collect(1); /* once only */
    CU_ASSERT_EQUAL(finalized_count, 2);
    stm_commit_transaction();
    STM_POP_ROOT_DROP(tl1);
    stm_start_transaction(&tl1);
    stm_collect(1);
    CU_ASSERT_EQUAL(finalized_count, 3);
    CU_ASSERT_EQUAL(finalized_values[2], 11);
    stm_commit_transaction();
    stmcb_light_finalizer = NULL;
    LEAVE_FRAMES();
}

/* regular finalizers record the value of the object and of its first
   reference (the object must still be whole) */
static long regular_count;
static int64_t regular_values[8], regular_referents[8];

static void record_regular_finalizer(object_t *obj)
{
    CU_ASSERT(stm_is_inevitable());
    if (regular_count < 8) {
        regular_values[regular_count] = get_value(obj);
        object_t *ref = NODE(obj)->nrefs > 0 ? get_ref(obj, 0) : NULL;
        regular_referents[regular_count] = ref ? get_value(ref) : -1;
    }
    regular_count++;
}

static object_t *new_finalized_node(uint32_t nrefs, int64_t value)
{
    object_t *o = stm_allocate_with_finalizer(node_size(nrefs));
    NODE(o)->nrefs = nrefs;
    NODE(o)->value = value;
    for (uint32_t i = 0; i < nrefs; i++)
        NODE(o)->refs[i] = NULL;
    return o;
}

static void collect_and_commit(void)
{
    stm_start_transaction(&tl1);
    stm_collect(1);
    stm_commit_transaction(); /* queued finalizers run after this */
}

static void test_regular_finalizers(void)
{
    ENTER_FRAMES();
    stmcb_finalizer = record_regular_finalizer;
    regular_count = 0;
    begin(&tl1);
    stm_start_transaction(&tl1);
    /* a chain: a -> b, both with finalizers, and c reachable from b */
    object_t *b = new_finalized_node(1, 2);
    STM_PUSH_ROOT(tl1, b);
    object_t *c = new_node(0, 3);
    STM_POP_ROOT(tl1, b);
    set_ref(b, 0, c);
    STM_PUSH_ROOT(tl1, b);
    object_t *a = new_finalized_node(1, 1);
    STM_POP_ROOT(tl1, b);
    set_ref(a, 0, b);
    STM_PUSH_ROOT(tl1, a);
    stm_commit_transaction();
    collect_and_commit(); /* still reachable */
    CU_ASSERT_EQUAL(regular_count, 0);
    STM_POP_ROOT_DROP(tl1);
    collect_and_commit(); /* a first: b is reachable from it */
    CU_ASSERT_EQUAL(regular_count, 1);
    CU_ASSERT_EQUAL(regular_values[0], 1);
    CU_ASSERT_EQUAL(regular_referents[0], 2);
    collect_and_commit(); /* then b, whole, with c */
    CU_ASSERT_EQUAL(regular_count, 2);
    CU_ASSERT_EQUAL(regular_values[1], 2);
    CU_ASSERT_EQUAL(regular_referents[1], 3);
    collect_and_commit(); /* never twice */
    collect_and_commit();
    CU_ASSERT_EQUAL(regular_count, 2);
    stmcb_finalizer = NULL;
    LEAVE_FRAMES();
}

/* Writing two items of a big old array marks two cards: the minor
   collection traces those 2 x 32 items, and finds the young objects
   stored there (nothing else refers to them). */
static void test_card_marking(void)
{
    ENTER_FRAMES();
    x = new_old_node(1000, 0);
    begin(&tl1);
    stm_start_transaction(&tl1);
    cards_traced_items = 0;
    object_t *a = new_node(0, 1);
    stm_write_card(x, 5);
    NODE(x)->refs[5] = a;
    object_t *b = new_node(0, 2);
    stm_write_card(x, 900);
    NODE(x)->refs[900] = b;
    stm_collect(0);
    CU_ASSERT(!_stm_in_nursery(get_ref(x, 5)));
    CU_ASSERT_EQUAL(get_value(get_ref(x, 5)), 1);
    CU_ASSERT_EQUAL(get_value(get_ref(x, 900)), 2);
#ifndef STMGC_GIL
    CU_ASSERT_EQUAL(cards_traced_items, 2 * STM_CARD_ITEMS);
#endif
    stm_commit_transaction();
    stm_start_transaction(&tl1);
    CU_ASSERT_EQUAL(get_value(get_ref(x, 900)), 2);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* profiling events, recorded */
struct recorded_event {
    stm_thread_local_t *tl;
    enum stm_event_e event;
    bool with_markers;
    stm_loc_marker_t markers[2];
};
static struct recorded_event events[64];
static int nb_events;

static void record_event(stm_thread_local_t *tl, enum stm_event_e event,
                         stm_loc_marker_t *markers)
{
    if (nb_events >= 64)
        return;
    struct recorded_event *e = &events[nb_events++];
    e->tl = tl;
    e->event = event;
    e->with_markers = markers != NULL;
    if (markers != NULL) {
        e->markers[0] = markers[0];
        e->markers[1] = markers[1];
    }
}

/* the index of the first recorded 'event' at or after 'from', or -1 */
static int find_event(enum stm_event_e event, int from)
{
    for (int i = from; i < nb_events; i++)
        if (events[i].event == event)
            return i;
    return -1;
}

static void test_timing_events(void)
{
    ENTER_FRAMES();
    nb_events = 0;
    stmcb_timing_event = record_event;
    begin(&tl1);
    stm_start_transaction(&tl1);
    STM_PUSH_ROOT(tl1, new_node(0, 1));
    stm_collect(0);
    stm_collect(1);
    STM_POP_ROOT_DROP(tl1);
    stm_commit_transaction();
    stmcb_timing_event = NULL;
    int start = find_event(STM_TRANSACTION_START, 0);
    int minor = find_event(STM_GC_MINOR_START, 0);
    int major = find_event(STM_GC_MAJOR_START, 0);
    int major_done = find_event(STM_GC_MAJOR_DONE, 0);
    int commit = find_event(STM_TRANSACTION_COMMIT, 0);
    CU_ASSERT_EQUAL(start, 0);
    CU_ASSERT(start < minor && minor < major && major < major_done &&
              major_done < commit);
    CU_ASSERT(find_event(STM_GC_MINOR_DONE, minor) > minor);
    CU_ASSERT_EQUAL(find_event(STM_TRANSACTION_ABORT, 0), -1);
    for (int i = 0; i < nb_events; i++) {
        CU_ASSERT_PTR_EQUAL(events[i].tl, &tl1);
        CU_ASSERT(!events[i].with_markers);
    }
    LEAVE_FRAMES();
}

static void test_hashtable_basics(void)
{
    ENTER_FRAMES();
    x = new_hashtable_holder();
    begin(&tl1);
    stm_start_transaction(&tl1);
    for (uintptr_t k = 1; k <= 100; k++) {
        object_t *v = new_node(0, (int64_t)k * 10);
        stm_hashtable_write(x, hashtable_of(x), k, v, &tl1);
    }
    CU_ASSERT_PTR_NULL(stm_hashtable_read(x, hashtable_of(x), 1000));
    stm_commit_transaction();
    stm_start_transaction(&tl1);
    stm_collect(1); /* entries and values live through the holder */
    long bad = 0;
    for (uintptr_t k = 1; k <= 100; k++) {
        object_t *v = stm_hashtable_read(x, hashtable_of(x), k);
        if (v == NULL || get_value(v) != (int64_t)k * 10)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    stm_hashtable_write(x, hashtable_of(x), 50, NULL, &tl1); /* delete */
    CU_ASSERT_EQUAL(stm_hashtable_list(x, hashtable_of(x), NULL), 99);
    CU_ASSERT(stm_hashtable_length_upper_bound(hashtable_of(x)) >= 99);
    stm_hashtable_entry_t *entries[128];
    long n = stm_hashtable_list(x, hashtable_of(x), entries);
    int64_t sum = 0;
    for (long i = 0; i < n; i++)
        sum += (int64_t)entries[i]->index;
    CU_ASSERT_EQUAL(sum, 5050 - 50);
    stm_commit_transaction();
    stm_hashtable_free(hashtable_of(x));
    LEAVE_FRAMES();
}

/* The tests below need transactions running side by side or aborts:
   the GIL build has neither. */
#ifndef STMGC_GIL
#    define STM_ONLY_TEST(fn) fn

static long aborts1, aborts2, phase;

static void test_read_own_writes(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 10);
    begin(&tl1);
    CU_ASSERT_EQUAL(stm_start_transaction(&tl1), 0);
    CU_ASSERT_EQUAL(get_value(x), 10);
    set_value(x, 11);
    CU_ASSERT_EQUAL(get_value(x), 11);
    CU_ASSERT(_stm_was_written(x));
    CU_ASSERT_EQUAL(_stm_count_modified_old_objects(), 1);
    stm_commit_transaction();
    CU_ASSERT_EQUAL(stm_start_transaction(&tl1), 0);
    CU_ASSERT(!_stm_was_written(x));
    CU_ASSERT(!_stm_was_read(x));
    CU_ASSERT_EQUAL(get_value(x), 11);
    CU_ASSERT(_stm_was_read(x));
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_isolation_of_uncommitted_writes(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 1);
    begin(&tl1);
    stm_start_transaction(&tl1);
    set_value(x, 2);

    begin(&tl2);
    stm_start_transaction(&tl2);
    CU_ASSERT_EQUAL(get_value(x), 1); /* not tl1's uncommitted 2 */
    stm_commit_transaction();         /* read-only: commits fine */

    begin(&tl1);
    stm_commit_transaction();

    begin(&tl2);
    stm_start_transaction(&tl2);
    CU_ASSERT_EQUAL(get_value(x), 2); /* now committed */
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_snapshot_stays_consistent(void)
{
    /* opacity: after another commit, a running transaction keeps
       seeing the old values of everything, not a mix */
    ENTER_FRAMES();
    x = new_old_node(0, 1);
    y = new_old_node(0, 1);
    begin(&tl2);
    if (stm_start_transaction(&tl2) == 0) {
        CU_ASSERT_EQUAL(get_value(x), 1);

        begin(&tl1);
        stm_start_transaction(&tl1);
        set_value(x, 5);
        set_value(y, 5);
        stm_commit_transaction();

        begin(&tl2);
        CU_ASSERT_EQUAL(get_value(y), 1); /* same snapshot as x */
        CU_ASSERT_EQUAL(NODE(x)->value, 1);
        stm_abort_transaction();
    }
    CU_ASSERT_EQUAL(get_value(x), 5);
    CU_ASSERT_EQUAL(get_value(y), 5);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_read_write_conflict(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 1);
    y = new_old_node(0, 0);
    aborts2 = 0;
    begin(&tl2);
    if (stm_start_transaction(&tl2) > 0) {
        /* restarted after the abort: now sees the committed value */
        aborts2++;
        CU_ASSERT_EQUAL(get_value(x), 7);
        CU_ASSERT_EQUAL(get_value(y), 0); /* its write was undone */
        stm_commit_transaction();
    } else {
        CU_ASSERT_EQUAL(get_value(x), 1);
        set_value(y, 1); /* y = f(x): must not commit after x changed */
        begin(&tl1);
        stm_start_transaction(&tl1);
        set_value(x, 7);
        stm_commit_transaction(); /* the writer wins */
        begin(&tl2);
        stm_commit_transaction(); /* must abort: it read x */
        CU_FAIL("the reader committed although x changed under it");
    }
    CU_ASSERT_EQUAL(aborts2, 1);
    LEAVE_FRAMES();
}

static void test_read_only_transaction_serializes_at_its_start(void)
{
    /* a transaction that wrote nothing commits even if what it read
       changed since: it is ordered before the writer */
    ENTER_FRAMES();
    x = new_old_node(0, 1);
    begin(&tl2);
    CU_ASSERT_EQUAL(stm_start_transaction(&tl2), 0);
    CU_ASSERT_EQUAL(get_value(x), 1);
    begin(&tl1);
    stm_start_transaction(&tl1);
    set_value(x, 7);
    stm_commit_transaction();
    begin(&tl2);
    CU_ASSERT_EQUAL(get_value(x), 1);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_write_write_conflict_younger_loses(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    aborts2 = 0;
    phase = 0;
    begin(&tl1);
    stm_start_transaction(&tl1); /* older */
    set_value(x, 1);
    begin(&tl2);
    if (stm_start_transaction(&tl2) == 0) {
        set_value(x, 2); /* tl1 holds the lock and is older */
        CU_FAIL("the younger writer did not abort");
    }
    aborts2++;
    if (phase == 0) {
        phase = 1;
        /* tl2 restarted (from a snapshot where tl1 has not committed);
           let tl1 commit, then tl2 does its work in a new transaction */
        begin(&tl1);
        stm_commit_transaction();
        begin(&tl2);
        CU_ASSERT_EQUAL(get_value(x), 0);
        stm_commit_transaction();
        CU_ASSERT_EQUAL(stm_start_transaction(&tl2), 0);
        CU_ASSERT_EQUAL(get_value(x), 1);
        set_value(x, 2);
        stm_commit_transaction();
    }
    CU_ASSERT_EQUAL(aborts2, 1);
    begin(&tl3);
    stm_start_transaction(&tl3);
    CU_ASSERT_EQUAL(get_value(x), 2);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_write_write_conflict_older_wins(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    aborts2 = 0;
    phase = 0;
    begin(&tl1);
    stm_start_transaction(&tl1); /* older */
    begin(&tl2);
    if (stm_start_transaction(&tl2) > 0) {
        /* tl1 took the object from us; our write was undone */
        aborts2++;
        CU_ASSERT_EQUAL(get_value(x), 1);
        stm_commit_transaction();
    } else {
        set_value(x, 2);
        begin(&tl1);
        CU_ASSERT_EQUAL(get_value(x), 0);
        set_value(x, 1); /* aborts tl2, takes the lock */
        stm_commit_transaction();
        begin(&tl2);
        stm_safe_point(); /* tl2 notices and restarts */
        CU_FAIL("the younger transaction survived");
    }
    CU_ASSERT_EQUAL(aborts2, 1);
    LEAVE_FRAMES();
}

static void test_reading_what_another_commits_conflicts(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    y = new_old_node(0, 0);
    begin(&tl1);
    if (stm_start_transaction(&tl1) == 0) {
        set_value(x, 1);
        begin(&tl2);
        CU_ASSERT_EQUAL(stm_start_transaction(&tl2), 0);
        set_value(y, 2);
        CU_ASSERT_EQUAL(get_value(x), 0);
        begin(&tl1);
        CU_ASSERT_EQUAL(get_value(y), 0);
        begin(&tl2);
        stm_commit_transaction();
        begin(&tl1);
        stm_commit_transaction(); /* read y, which tl2 committed */
        CU_FAIL("tl1 committed although y changed under it");
    }
    /* restarted after tl2's commit */
    CU_ASSERT_EQUAL(get_value(y), 2);
    CU_ASSERT_EQUAL(get_value(x), 0);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_disjoint_commits_both_succeed(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    y = new_old_node(0, 0);
    begin(&tl1);
    CU_ASSERT_EQUAL(stm_start_transaction(&tl1), 0);
    set_value(x, 1);
    begin(&tl2);
    CU_ASSERT_EQUAL(stm_start_transaction(&tl2), 0);
    set_value(y, 2);
    stm_commit_transaction();
    begin(&tl1);
    stm_commit_transaction();
    begin(&tl3);
    CU_ASSERT_EQUAL(stm_start_transaction(&tl3), 0);
    CU_ASSERT_EQUAL(get_value(x), 1);
    CU_ASSERT_EQUAL(get_value(y), 2);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_inevitable_never_aborts(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    aborts2 = 0;
    begin(&tl1);
    stm_start_transaction(&tl1);
    CU_ASSERT(!stm_is_inevitable());
    stm_become_inevitable(&tl1, "test");
    CU_ASSERT(stm_is_inevitable());
    set_value(x, 3);

    begin(&tl2);
    if (stm_start_transaction(&tl2) == 0) {
        set_value(x, 9); /* x is the inevitable transaction's */
        CU_FAIL("wrote an object locked by the inevitable transaction");
    }
    aborts2++;
    CU_ASSERT_EQUAL(get_value(x), 0); /* tl1 has not committed yet */
    stm_commit_transaction();         /* read-only: no need to wait */

    begin(&tl1);
    CU_ASSERT(stm_is_inevitable());
    stm_commit_transaction();
    begin(&tl3);
    stm_start_transaction(&tl3);
    CU_ASSERT_EQUAL(get_value(x), 3);
    stm_commit_transaction();
    CU_ASSERT_EQUAL(aborts2, 1);
    LEAVE_FRAMES();
}

static void test_inevitable_wins_against_older(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    aborts1 = 0;
    begin(&tl1);
    if (stm_start_transaction(&tl1) > 0) {
        aborts1++;
        CU_ASSERT_EQUAL(get_value(x), 3);
        stm_commit_transaction();
    } else {
        set_value(x, 1); /* tl1 is older and holds x */
        begin(&tl2);
        stm_start_inevitable_transaction(&tl2);
        CU_ASSERT(stm_is_inevitable());
        set_value(x, 3); /* inevitable: tl1 must give way */
        stm_commit_transaction();
        begin(&tl1);
        stm_safe_point();
        CU_FAIL("tl1 kept an object the inevitable transaction wrote");
    }
    CU_ASSERT_EQUAL(aborts1, 1);
    LEAVE_FRAMES();
}

static void test_keeps_losing_then_runs_inevitably(void)
{
    /* progress: after 10 aborts in a row, the retry is inevitable and
       can no longer be aborted */
    static long attempts, repeat;
    ENTER_FRAMES();
    attempts = 0;
    begin(&tl1);
    repeat = stm_start_transaction(&tl1);
    attempts++;
    if (!stm_is_inevitable())
        stm_abort_transaction(); /* lose again */
    CU_ASSERT_EQUAL(repeat, 10);
    CU_ASSERT_EQUAL(attempts, 11);
    stm_commit_transaction();
    /* and the count starts again after a commit */
    CU_ASSERT_EQUAL(stm_start_transaction(&tl1), 0);
    CU_ASSERT(!stm_is_inevitable());
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_abort_restores_shadowstack_and_clears_memory(void)
{
    static char scratch[32];
    static struct stm_shadowentry_s *ss_at_start;
    ENTER_FRAMES();
    x = new_old_node(0, 5);
    memset(scratch, 'A', sizeof(scratch));
    begin(&tl1);
    STM_PUSH_ROOT(tl1, x);
    ss_at_start = tl1.shadowstack;
    tl1.mem_clear_on_abort = scratch;
    tl1.mem_bytes_to_clear_on_abort = 16;
    if (stm_start_transaction(&tl1) == 0) {
        STM_POP_ROOT_DROP(tl1);
        STM_PUSH_ROOT(tl1, NULL);
        STM_PUSH_ROOT(tl1, NULL);
        set_value(x, 6);
        stm_abort_transaction();
    }
    CU_ASSERT_PTR_EQUAL(tl1.shadowstack, ss_at_start);
    CU_ASSERT_PTR_EQUAL(tl1.shadowstack[-1].ss, x);
    CU_ASSERT_EQUAL(scratch[0], 0);
    CU_ASSERT_EQUAL(scratch[15], 0);
    CU_ASSERT_EQUAL(scratch[16], 'A');
    CU_ASSERT_EQUAL(get_value(x), 5);
    tl1.mem_clear_on_abort = NULL;
    stm_commit_transaction();
    STM_POP_ROOT_DROP(tl1);
    LEAVE_FRAMES();
}

/* c7 semantics: an abort puts back the thread_local_obj the transaction
   started with, and that object stays alive meanwhile. */
static void test_abort_restores_thread_local_obj(void)
{
    ENTER_FRAMES();
    begin(&tl1);
    stm_start_inevitable_transaction(&tl1);
    tl1.thread_local_obj = new_node(0, 41);
    stm_commit_transaction();
    static object_t *at_start;
    at_start = tl1.thread_local_obj;
    if (stm_start_transaction(&tl1) == 0) {
        tl1.thread_local_obj = new_node(0, 42);
        stm_collect(1); /* the replaced object must survive */
        stm_abort_transaction();
    }
    CU_ASSERT_PTR_EQUAL(tl1.thread_local_obj, at_start);
    CU_ASSERT_EQUAL(get_value(tl1.thread_local_obj), 41);
    tl1.thread_local_obj = NULL;
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_objects_of_aborted_transaction_are_gone(void)
{
    static uint64_t before;
    static object_t *big;
    ENTER_FRAMES();
    x = new_old_node(1, 0);
    before = _stm_total_allocated();
    begin(&tl1);
    if (stm_start_transaction(&tl1) == 0) {
        y = new_node(0, 1);
        set_ref(x, 0, y);
        big = new_node(20000, 3); /* a large object, outside the nursery */
        CU_ASSERT(!_stm_in_nursery(big));
        CU_ASSERT(_stm_is_live_old_object(big));
        stm_collect(0); /* y moves out of the nursery */
        CU_ASSERT(!_stm_in_nursery(get_ref(x, 0)));
        CU_ASSERT(_stm_total_allocated() > before);
        stm_abort_transaction();
    }
    CU_ASSERT_PTR_NULL(get_ref(x, 0));
    CU_ASSERT(!_stm_is_live_old_object(big));
    CU_ASSERT_EQUAL(_stm_total_allocated(), before);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static void test_major_gc_keeps_uncommitted_changes(void)
{
    ENTER_FRAMES();
    x = new_old_node(1, 0);
    begin(&tl1);
    STM_PUSH_ROOT(tl1, x);
    stm_start_transaction(&tl1);
    set_ref(x, 0, new_node(0, 42)); /* only in tl1's view */
    begin(&tl2);
    STM_PUSH_ROOT(tl2, x);
    stm_start_transaction(&tl2);
    stm_collect(1);
    CU_ASSERT_PTR_NULL(get_ref(x, 0)); /* tl2 sees the committed x */
    stm_commit_transaction();
    begin(&tl1);
    CU_ASSERT_EQUAL(get_value(get_ref(x, 0)), 42);
    stm_commit_transaction();
    begin(&tl3);
    stm_start_transaction(&tl3);
    CU_ASSERT_EQUAL(get_value(get_ref(x, 0)), 42);
    stm_commit_transaction();
    begin(&tl2);
    STM_POP_ROOT_DROP(tl2);
    begin(&tl1);
    STM_POP_ROOT_DROP(tl1);
    LEAVE_FRAMES();
}

static void test_major_gc_keeps_running_transactions_objects(void)
{
    /* an object created by a running transaction and referenced from
       nowhere yet must survive another thread's major collection: the
       commit copies it and an abort frees it (found by stress_transfers
       under STMGC_GC_STRESS) */
    static object_t *young;
    ENTER_FRAMES();
    begin(&tl1);
    if (stm_start_transaction(&tl1) == 0) {
        young = new_node(20000, 5); /* outside the nursery */
        begin(&tl2);
        stm_start_transaction(&tl2);
        stm_collect(1);
        stm_commit_transaction();
        begin(&tl1);
        CU_ASSERT(_stm_is_live_old_object(young));
        CU_ASSERT_EQUAL(_stm_count_young_outside_nursery(), 1);
        stm_abort_transaction(); /* frees it exactly once */
    }
    CU_ASSERT(!_stm_is_live_old_object(young));
    stm_commit_transaction();
    LEAVE_FRAMES();
}

static long commit_calls, abort_calls;
static void on_commit_cb(void *key)
{
    commit_calls += (long)(uintptr_t)key;
}
static void on_abort_cb(void *key)
{
    abort_calls += (long)(uintptr_t)key;
}

static void test_commit_and_abort_callbacks(void)
{
    ENTER_FRAMES();
    commit_calls = abort_calls = 0;
    begin(&tl1);
    if (stm_start_transaction(&tl1) == 0) {
        CU_ASSERT_EQUAL(stm_call_on_commit(&tl1, (void *)8, on_commit_cb), 1);
        CU_ASSERT_EQUAL(stm_call_on_abort(&tl1, (void *)16, on_abort_cb), 1);
        CU_ASSERT_EQUAL(stm_call_on_abort(&tl1, (void *)16, on_abort_cb), 0);
        stm_abort_transaction();
    }
    CU_ASSERT_EQUAL(commit_calls, 0);
    CU_ASSERT_EQUAL(abort_calls, 16);
    CU_ASSERT_EQUAL(stm_call_on_commit(&tl1, (void *)8, on_commit_cb), 1);
    CU_ASSERT_EQUAL(stm_call_on_abort(&tl1, (void *)16, on_abort_cb), 1);
    CU_ASSERT_EQUAL(stm_call_on_abort(&tl1, (void *)16, NULL), 1);
    stm_commit_transaction();
    CU_ASSERT_EQUAL(commit_calls, 8);
    CU_ASSERT_EQUAL(abort_calls, 16);
    /* inevitable: a commit callback runs at once */
    stm_start_inevitable_transaction(&tl1);
    CU_ASSERT_EQUAL(stm_call_on_commit(&tl1, (void *)24, on_commit_cb), 1);
    CU_ASSERT_EQUAL(commit_calls, 32);
    stm_commit_transaction();
    CU_ASSERT_EQUAL(commit_calls, 32);
    LEAVE_FRAMES();
}

static void test_page_privatization_and_resharing(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    uintptr_t page = (uintptr_t)x / 4096;
    begin(&tl1);
    stm_start_transaction(&tl1);
    CU_ASSERT(!_stm_is_private_page(STM_SEGMENT->segment_num, page));
    CU_ASSERT_EQUAL(get_value(x), 0);
    CU_ASSERT(!_stm_is_private_page(STM_SEGMENT->segment_num, page));
    set_value(x, 1);
    CU_ASSERT(_stm_is_private_page(STM_SEGMENT->segment_num, page));
    stm_commit_transaction();
    begin(&tl2);
    stm_start_transaction(&tl2);
    /* tl2's segment applied tl1's commit: its page is private too */
    CU_ASSERT_EQUAL(get_value(x), 1);
    CU_ASSERT(_stm_is_private_page(STM_SEGMENT->segment_num, page));
    stm_collect(1); /* master catches up; the copies go away */
    CU_ASSERT(!_stm_is_private_page(1, page));
    CU_ASSERT(!_stm_is_private_page(2, page));
    CU_ASSERT_EQUAL(get_value(x), 1);
    CU_ASSERT_EQUAL(_stm_count_log_entries(), 1); /* only an unfreeze */
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* 'tl' starts a transaction; returns the segment it runs in. */
static long start_in_segment(stm_thread_local_t *tl)
{
    begin(tl);
    stm_start_transaction(tl);
    return STM_SEGMENT->segment_num;
}

/* 'tl' starts again in its segment 'seg' and sees x's commit, with the
   log trimmed and the page shared with the master */
static void restart_sees_the_master(stm_thread_local_t *tl, long seg)
{
    CU_ASSERT_EQUAL(start_in_segment(tl), seg);
    CU_ASSERT_EQUAL(get_value(x), 1);
    CU_ASSERT(!_stm_is_private_page(seg, (uintptr_t)x / 4096));
    CU_ASSERT_EQUAL(_stm_count_log_entries(), 0);
}

/* The last segment to apply a commit writes it into the master: its
   view shares the page, which never gets private there, and the entry
   is trimmed at once. */
static void test_last_applier_writes_the_master(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    long s1 = start_in_segment(&tl1);
    long s2 = start_in_segment(&tl2);
    CU_ASSERT_NOT_EQUAL(s1, s2);
    CU_ASSERT_EQUAL(get_value(x), 0);
    stm_commit_transaction(); /* s2: an idle participant, behind */
    begin(&tl1);
    set_value(x, 1);
    stm_commit_transaction();
    CU_ASSERT_EQUAL(_stm_count_log_entries(), 1);
    restart_sees_the_master(&tl2, s2);
    CU_ASSERT(_stm_is_private_page(s1, (uintptr_t)x / 4096));
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* A running transaction that has not applied the commit must not see it
   in the master: the segment applying it before gets a private copy,
   and the running one, applying it last, writes the master. */
static void test_running_participant_keeps_its_snapshot(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    long s3 = start_in_segment(&tl3);
    long s2 = start_in_segment(&tl2);
    stm_commit_transaction();
    start_in_segment(&tl1);
    set_value(x, 1);
    stm_commit_transaction();
    CU_ASSERT_EQUAL(start_in_segment(&tl2), s2);
    CU_ASSERT_EQUAL(get_value(x), 1);
    CU_ASSERT(_stm_is_private_page(s2, (uintptr_t)x / 4096));
    CU_ASSERT_EQUAL(_stm_count_log_entries(), 1);
    stm_commit_transaction();
    begin(&tl3);
    CU_ASSERT_EQUAL(get_value(x), 0); /* its snapshot */
    CU_ASSERT(!_stm_is_private_page(s3, (uintptr_t)x / 4096));
    stm_commit_transaction();
    restart_sees_the_master(&tl3, s3);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* An idle participant behind the log is carried along by the segment
   that applies a commit last: it gets the commit without a copy. */
static void test_idle_participant_carried_along(void)
{
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    long s3 = start_in_segment(&tl3);
    long s2 = start_in_segment(&tl2);
    start_in_segment(&tl1);
    begin(&tl3);
    stm_commit_transaction();
    begin(&tl2);
    stm_commit_transaction();
    begin(&tl1);
    set_value(x, 1);
    stm_commit_transaction();
    restart_sees_the_master(&tl2, s2);
    CU_ASSERT(!_stm_is_private_page(s3, (uintptr_t)x / 4096));
    stm_commit_transaction();
    restart_sees_the_master(&tl3, s3);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* Private copies beyond the budget (an eighth of the heap, at least
   4 MiB) are given back when a transaction starts, without a major
   collection: the data stays, the pages are shared again, and an idle
   segment that replayed the commit gives its copies back too. */
static long nb_major_events;

static void count_majors(stm_thread_local_t *tl, enum stm_event_e event,
                         stm_loc_marker_t *markers)
{
    (void)tl;
    (void)markers;
    if (event == STM_GC_MAJOR_START)
        nb_major_events++;
}

static void test_private_pages_given_back(void)
{
    enum { NODES = 1300, REFS = 500, YOUNG = 80 };
    static object_t *head;
    static long seg1, seg2;
    ENTER_FRAMES();
    /* a chain of old nodes, one page each */
    object_t *next = NULL;
    for (int i = 0; i < NODES; i++) {
        object_t *o = new_old_node(REFS, 0);
        ((struct node_s *)_stm_real_address(o))->refs[0] = next;
        next = o;
    }
    head = next;
    begin(&tl2);
    stm_start_transaction(&tl2); /* a second participant, then idle */
    seg2 = STM_SEGMENT->segment_num;
    stm_commit_transaction();

    begin(&tl1);
    stm_start_transaction(&tl1);
    seg1 = STM_SEGMENT->segment_num;
    STM_PUSH_ROOT(tl1, head);
    for (object_t *o = head; o != NULL; o = get_ref(o, 0))
        set_value(o, 1);
    /* survivors enough for the next start to check the budget */
    for (int i = 0; i < YOUNG; i++)
        STM_PUSH_ROOT(tl1, new_node(REFS, i));
    stm_commit_transaction();
    CU_ASSERT(_stm_count_private_pages(seg1) >= NODES);
    nb_major_events = 0;
    stmcb_timing_event = count_majors;

    stm_start_transaction(&tl1);
    CU_ASSERT(_stm_count_private_pages(seg1) < NODES / 10);
    CU_ASSERT(_stm_count_private_pages(seg2) < NODES / 10);
    CU_ASSERT_EQUAL(nb_major_events, 0);
    stmcb_timing_event = NULL;
    long sum = 0;
    for (object_t *o = tl1.shadowstack[-YOUNG - 1].ss; o != NULL;
         o = get_ref(o, 0))
        sum += get_value(o);
    CU_ASSERT_EQUAL(sum, NODES);
    for (int i = 0; i < YOUNG; i++)
        CU_ASSERT_EQUAL(get_value(tl1.shadowstack[-1 - i].ss), YOUNG - 1 - i);
    /* reading shared pages does not copy them */
    CU_ASSERT(_stm_count_private_pages(seg1) < NODES / 10);
    stm_commit_transaction();

    begin(&tl2);
    stm_start_transaction(&tl2);
    sum = 0;
    for (object_t *o = head; o != NULL; o = get_ref(o, 0))
        sum += get_value(o);
    CU_ASSERT_EQUAL(sum, NODES);
    stm_commit_transaction();
    begin(&tl1);
    tl1.shadowstack -= YOUNG + 1;
    LEAVE_FRAMES();
}

/* A new object that straddles two pages, published while another
   segment has a private copy of the first page only: that segment gets
   the bytes of the first page, and its second page stays shared (it
   used to be written through, which made it private behind the page
   masks: new objects published there later were never seen). */
static void test_publish_object_across_pages(void)
{
    static uintptr_t last;
    static long pushed, seg2;
    ENTER_FRAMES();
    begin(&tl1);
    pushed = 0;
    /* commit one survivor at a time until the next one will straddle */
    while (1) {
        stm_start_transaction(&tl1);
        STM_PUSH_ROOT(tl1, new_node(4, 0));
        stm_commit_transaction();
        pushed++;
        last = (uintptr_t)tl1.shadowstack[-1].ss;
        uintptr_t next = last + node_size(4);
        if ((next & 4095) + node_size(4) > 4096 &&
            (last & ~4095UL) == (next & ~4095UL))
            break;
        CU_ASSERT_FATAL(pushed < 1000);
    }
    uintptr_t first_page = (last & ~4095UL) / 4096;
    begin(&tl2);
    stm_start_transaction(&tl2);
    seg2 = STM_SEGMENT->segment_num;
    set_value((object_t *)last, 7); /* only the first page is written */
    stm_commit_transaction();
    CU_ASSERT(_stm_is_private_page(seg2, first_page));
    CU_ASSERT(!_stm_is_private_page(seg2, first_page + 1));

    begin(&tl1);
    stm_start_transaction(&tl1);
    STM_PUSH_ROOT(tl1, new_node(4, 8));
    stm_commit_transaction();
    pushed++;
    CU_ASSERT_EQUAL((uintptr_t)tl1.shadowstack[-1].ss, last + node_size(4));
    CU_ASSERT_EQUAL(_stm_count_unmarked_private_pages(), 0);

    begin(&tl2);
    stm_start_transaction(&tl2);
    CU_ASSERT_EQUAL(get_value(tl1.shadowstack[-1].ss), 8);
    CU_ASSERT_EQUAL(get_value((object_t *)last), 7);
    stm_commit_transaction();
    begin(&tl1);
    tl1.shadowstack -= pushed;
    LEAVE_FRAMES();
}

/* A major collection clears a dead target's weakref in every view,
   including that of a running transaction which made the weakref's page
   private (by writing another object there): the collection keeps that
   copy. */
static void test_weakref_cleared_in_every_segment(void)
{
    static long seg2, pushed;
    static uintptr_t page;
    ENTER_FRAMES();
    begin(&tl1);
    stm_start_transaction(&tl1);
    object_t *t = new_node(0, 5);
    STM_PUSH_ROOT(tl1, t);
    /* a weakref and a neighbour on the same page */
    pushed = 1;
    while (1) {
        object_t *w = new_weakref_to(tl1.shadowstack[-pushed].ss);
        STM_PUSH_ROOT(tl1, w);
        object_t *n = new_node(0, 6);
        STM_PUSH_ROOT(tl1, n);
        pushed += 2;
        stm_commit_transaction();
        x = tl1.shadowstack[-2].ss;
        y = tl1.shadowstack[-1].ss;
        stm_start_transaction(&tl1);
        if ((uintptr_t)x / 4096 == (uintptr_t)y / 4096)
            break;
        CU_ASSERT_FATAL(pushed < 100);
    }
    stm_commit_transaction();
    page = (uintptr_t)x / 4096;
    begin(&tl2);
    stm_start_transaction(&tl2);
    seg2 = STM_SEGMENT->segment_num;
    set_value(y, 7); /* the page goes private; the transaction goes on */
    CU_ASSERT_PTR_EQUAL(weak_target(x), tl1.shadowstack[-pushed].ss);
    begin(&tl1);
    tl1.shadowstack[-pushed].ss = NULL; /* the target is garbage now */
    stm_start_transaction(&tl1);
    stm_collect(1);
    CU_ASSERT_PTR_NULL(weak_target(x));
    stm_commit_transaction();
    begin(&tl2);
    CU_ASSERT(_stm_is_private_page(seg2, page));
    CU_ASSERT_PTR_NULL(weak_target(x));
    stm_commit_transaction();
    begin(&tl1);
    tl1.shadowstack -= pushed;
    LEAVE_FRAMES();
}

/* An object whose transaction aborted never lived: no finalizer. */
static void test_no_finalizer_after_abort(void)
{
    ENTER_FRAMES();
    stmcb_finalizer = record_regular_finalizer;
    regular_count = 0;
    begin(&tl1);
    if (stm_start_transaction(&tl1) == 0) {
        object_t *o = new_finalized_node(0, 9);
        STM_PUSH_ROOT(tl1, o);
        stm_collect(0);
        stm_abort_transaction();
    }
    stm_commit_transaction();
    collect_and_commit();
    collect_and_commit();
    CU_ASSERT_EQUAL(regular_count, 0);
    stmcb_finalizer = NULL;
    LEAVE_FRAMES();
}

/* Contention events carry both threads' innermost markers. */
static void test_timing_write_write_markers(void)
{
    static long aborts;
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    y = new_old_node(0, 0);
    nb_events = 0;
    begin(&tl1);
    stm_start_transaction(&tl1);
    STM_PUSH_MARKER(tl1, 29, x);
    STM_UPDATE_MARKER_NUM(tl1, 31);
    set_value(x, 1); /* tl1 started first: it wins */
    begin(&tl2);
    aborts = stm_start_transaction(&tl2);
    if (aborts == 0) {
        stmcb_timing_event = record_event;
        STM_PUSH_MARKER(tl2, 41, y);
        set_value(x, 2);
        CU_FAIL("the younger writer should have aborted");
    }
    stmcb_timing_event = NULL;
    int c = find_event(STM_CONTENTION_WRITE_WRITE, 0);
    CU_ASSERT_FATAL(c >= 0);
    CU_ASSERT_PTR_EQUAL(events[c].tl, &tl2);
    CU_ASSERT(events[c].with_markers);
    CU_ASSERT_PTR_EQUAL(events[c].markers[0].tl, &tl2);
    CU_ASSERT_EQUAL(events[c].markers[0].odd_number, 41);
    CU_ASSERT_PTR_EQUAL(events[c].markers[0].object, y);
    CU_ASSERT_PTR_EQUAL(events[c].markers[1].tl, &tl1);
    CU_ASSERT_EQUAL(events[c].markers[1].odd_number, 31);
    CU_ASSERT_PTR_EQUAL(events[c].markers[1].object, x);
    int wait = find_event(STM_WAIT_CONTENTION, c);
    CU_ASSERT(wait > c);
    CU_ASSERT(find_event(STM_WAIT_DONE, wait) > wait);
    CU_ASSERT(find_event(STM_TRANSACTION_ABORT, c) > c);
    stm_commit_transaction();
    begin(&tl1);
    CU_ASSERT_PTR_EQUAL(STM_POP_MARKER(tl1), x);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* A commit that changed what a transaction read: at its own commit, a
   write-read contention event, then its abort. */
static void test_timing_write_read(void)
{
    static long aborts;
    ENTER_FRAMES();
    x = new_old_node(0, 0);
    y = new_old_node(0, 0);
    nb_events = 0;
    begin(&tl1);
    aborts = stm_start_transaction(&tl1);
    if (aborts == 0) {
        STM_PUSH_MARKER(tl1, 51, x);
        CU_ASSERT_EQUAL(get_value(x), 0);
        set_value(y, 1); /* a writer: read-only ones serialize at start */
        begin(&tl2);
        stm_start_transaction(&tl2);
        set_value(x, 5);
        stm_commit_transaction();
        begin(&tl1);
        stmcb_timing_event = record_event;
        stm_commit_transaction();
        CU_FAIL("the reader should have aborted");
    }
    stmcb_timing_event = NULL;
    int c = find_event(STM_CONTENTION_WRITE_READ, 0);
    CU_ASSERT_FATAL(c >= 0);
    CU_ASSERT_PTR_EQUAL(events[c].tl, &tl1);
    CU_ASSERT_EQUAL(events[c].markers[0].odd_number, 51);
    CU_ASSERT_PTR_NULL(events[c].markers[1].tl);
    CU_ASSERT_EQUAL(find_event(STM_TRANSACTION_ABORT, c), c + 1);
    CU_ASSERT_EQUAL(get_value(x), 5);
    stm_commit_transaction();
    LEAVE_FRAMES();
}

/* Conflicts are per key: writers of different keys both commit; a key
   read as absent and then written by another commit is a conflict; a
   list conflicts with a write to a listed key. */
static void test_hashtable_conflicts(void)
{
    static long aborts;
    ENTER_FRAMES();
    x = new_hashtable_holder();
    y = new_old_node(0, 0);
    begin(&tl1);
    stm_start_transaction(&tl1);
    stm_hashtable_write(x, hashtable_of(x), 1, y, &tl1);
    begin(&tl2);
    stm_start_transaction(&tl2);
    stm_hashtable_write(x, hashtable_of(x), 2, y, &tl2);
    stm_commit_transaction();
    begin(&tl1);
    stm_commit_transaction(); /* different keys: both commit */

    aborts = stm_start_transaction(&tl1);
    if (aborts == 0) {
        CU_ASSERT_PTR_NULL(stm_hashtable_read(x, hashtable_of(x), 3));
        set_value(y, 1); /* a writer, so that it validates */
        begin(&tl2);
        stm_start_transaction(&tl2);
        stm_hashtable_write(x, hashtable_of(x), 3, y, &tl2);
        stm_commit_transaction();
        begin(&tl1);
        stm_commit_transaction();
        CU_FAIL("reading key 3 as absent should conflict");
    }
    CU_ASSERT_PTR_EQUAL(stm_hashtable_read(x, hashtable_of(x), 3), y);
    stm_commit_transaction();

    aborts = stm_start_transaction(&tl1);
    if (aborts == 0) {
        CU_ASSERT_EQUAL(stm_hashtable_list(x, hashtable_of(x), NULL), 3);
        set_value(y, 2);
        begin(&tl2);
        stm_start_transaction(&tl2);
        stm_hashtable_write(x, hashtable_of(x), 2, NULL, &tl2);
        stm_commit_transaction();
        begin(&tl1);
        stm_commit_transaction();
        CU_FAIL("listing should conflict with a write to a listed key");
    }
    CU_ASSERT_EQUAL(stm_hashtable_list(x, hashtable_of(x), NULL), 2);
    stm_commit_transaction();
    stm_hashtable_free(hashtable_of(x));
    LEAVE_FRAMES();
}

/* A preexisting object is visible at once to a transaction that started
   before it was made, and written through the write barrier as usual. */
static void test_preexisting_object(void)
{
    static struct node_s data;
    ENTER_FRAMES();
    begin(&tl2);
    stm_start_transaction(&tl2);
    begin(&tl1);
    stm_start_transaction(&tl1);
    memset(&data, 0, sizeof(data));
    data.value = 99;
    x = stm_allocate_preexisting(node_size(0), (const char *)&data);
    CU_ASSERT(!_stm_in_nursery(x));
    CU_ASSERT_EQUAL(get_value(x), 99);
    STM_PUSH_ROOT(tl1, x);
    begin(&tl2);
    CU_ASSERT_EQUAL(get_value(x), 99); /* not a commit: it preexists */
    stm_commit_transaction();
    begin(&tl1);
    set_value(x, 100);
    CU_ASSERT(_stm_was_written(x));
    stm_commit_transaction();
    begin(&tl2);
    stm_start_transaction(&tl2);
    CU_ASSERT_EQUAL(get_value(x), 100);
    stm_commit_transaction();
    begin(&tl1);
    STM_POP_ROOT_DROP(tl1);
    LEAVE_FRAMES();
}

/* The objects of an aborted transaction die with it. */
static void test_light_finalizer_at_abort(void)
{
    ENTER_FRAMES();
    stmcb_light_finalizer = record_finalizer;
    finalized_count = 0;
    begin(&tl1);
    if (stm_start_transaction(&tl1) == 0) {
        object_t *o = new_node(0, 20);
        stm_enable_light_finalizer(o);
        STM_PUSH_ROOT(tl1, o);
        stm_collect(0); /* out of the nursery: young outside */
        object_t *young = new_node(0, 21);
        stm_enable_light_finalizer(young);
        CU_ASSERT_EQUAL(finalized_count, 0);
        stm_abort_transaction();
    }
    CU_ASSERT_EQUAL(finalized_count, 2);
    CU_ASSERT(finalized_values[0] + finalized_values[1] == 41);
    stm_commit_transaction();
    stmcb_light_finalizer = NULL;
    LEAVE_FRAMES();
}

#else
#    define STM_ONLY_TEST(fn) NULL
#endif

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite_with_setup_and_teardown(
        "stmgc core", NULL, NULL, (CU_SetUpFunc)setup_each,
        (CU_TearDownFunc)teardown_each);
    /* stm_only: needs concurrent transactions or aborts, which the GIL
       build does not have */
    struct {
        const char *name;
        void (*fn)(void);
        bool stm_only;
    } tests[] = {
        {"read own writes", STM_ONLY_TEST(test_read_own_writes), true},
        {"isolation of uncommitted writes",
         STM_ONLY_TEST(test_isolation_of_uncommitted_writes), true},
        {"snapshot stays consistent",
         STM_ONLY_TEST(test_snapshot_stays_consistent), true},
        {"read-write conflict", STM_ONLY_TEST(test_read_write_conflict), true},
        {"read-only transaction serializes at its start",
         STM_ONLY_TEST(test_read_only_transaction_serializes_at_its_start),
         true},
        {"write-write: younger loses",
         STM_ONLY_TEST(test_write_write_conflict_younger_loses), true},
        {"write-write: older wins",
         STM_ONLY_TEST(test_write_write_conflict_older_wins), true},
        {"disjoint commits both succeed",
         STM_ONLY_TEST(test_disjoint_commits_both_succeed), true},
        {"reading what another commits conflicts",
         STM_ONLY_TEST(test_reading_what_another_commits_conflicts), true},
        {"inevitable never aborts", STM_ONLY_TEST(test_inevitable_never_aborts),
         true},
        {"inevitable wins against older",
         STM_ONLY_TEST(test_inevitable_wins_against_older), true},
        {"keeps losing, then runs inevitably",
         STM_ONLY_TEST(test_keeps_losing_then_runs_inevitably), true},
        {"abort restores shadow stack, clears memory",
         STM_ONLY_TEST(test_abort_restores_shadowstack_and_clears_memory),
         true},
        {"abort restores thread_local_obj",
         STM_ONLY_TEST(test_abort_restores_thread_local_obj), true},
        {"aborted transaction's objects are gone",
         STM_ONLY_TEST(test_objects_of_aborted_transaction_are_gone), true},
        {"minor GC moves objects, fixes roots",
         test_minor_gc_moves_and_fixes_roots, false},
        {"major GC frees garbage, keeps reachable",
         test_major_gc_frees_unreachable_keeps_reachable, false},
        {"major GC keeps uncommitted changes",
         STM_ONLY_TEST(test_major_gc_keeps_uncommitted_changes), true},
        {"major GC keeps a running transaction's objects",
         STM_ONLY_TEST(test_major_gc_keeps_running_transactions_objects), true},
        {"identity hash stable across moves",
         test_identity_hash_stable_across_moves, false},
        {"commit and abort callbacks",
         STM_ONLY_TEST(test_commit_and_abort_callbacks), true},
        {"prebuilt objects", test_prebuilt_objects, false},
        {"many young ids", test_many_young_ids, false},
        {"weakref: minor collection", test_weakref_minor_collection, false},
        {"weakref: major collection", test_weakref_major_collection, false},
        {"weakref: prebuilt", test_prebuilt_weakref, false},
        {"weakref cleared in every segment",
         STM_ONLY_TEST(test_weakref_cleared_in_every_segment), true},
        {"light finalizers", test_light_finalizers, false},
        {"card marking", test_card_marking, false},
        {"hashtable: write, read, delete, list", test_hashtable_basics, false},
        {"hashtable: per-key conflicts",
         STM_ONLY_TEST(test_hashtable_conflicts), true},
        {"timing events: transactions, collections", test_timing_events, false},
        {"timing events: write-write contention and markers",
         STM_ONLY_TEST(test_timing_write_write_markers), true},
        {"timing events: write-read contention",
         STM_ONLY_TEST(test_timing_write_read), true},
        {"regular finalizers: order, once, objects whole",
         test_regular_finalizers, false},
        {"no finalizer after an abort",
         STM_ONLY_TEST(test_no_finalizer_after_abort), true},
        {"preexisting object", STM_ONLY_TEST(test_preexisting_object), true},
        {"light finalizer at abort",
         STM_ONLY_TEST(test_light_finalizer_at_abort), true},
        {"page privatization and resharing",
         STM_ONLY_TEST(test_page_privatization_and_resharing), true},
        {"the last segment to apply a commit writes the master",
         STM_ONLY_TEST(test_last_applier_writes_the_master), true},
        {"a running transaction keeps its snapshot of the master",
         STM_ONLY_TEST(test_running_participant_keeps_its_snapshot), true},
        {"an idle participant is carried along",
         STM_ONLY_TEST(test_idle_participant_carried_along), true},
        {"private pages given back without a collection",
         STM_ONLY_TEST(test_private_pages_given_back), true},
        {"publishing an object across two pages",
         STM_ONLY_TEST(test_publish_object_across_pages), true},
    };
    int not_applicable = 0;
    for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
#ifdef STMGC_GIL
        if (tests[i].stm_only) {
            not_applicable++;
            continue;
        }
#endif
        CU_add_test(s, tests[i].name, tests[i].fn);
    }
    if (not_applicable)
        printf("%d tests of transactions running side by side do not apply "
               "to the GIL build\n",
               not_applicable);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failures ? 1 : 0;
}
