/* prebuilt.c -- objects that exist before any transaction: static
 * structures copied into the heap (stm_setup_prebuilt) and old objects
 * allocated directly (_stm_allocate_old).  Both are written into the
 * master and into any segment that has a private copy of their pages. */
#include "core.h"
#include "gcpage.h"

/* static address -> heap object, open addressing, grows by doubling */
static uintptr_t *map_keys, *map_values;
static size_t map_capacity, map_count;
static pthread_mutex_t prebuilt_lock = PTHREAD_MUTEX_INITIALIZER;
static struct list pending; /* heap copies whose fields still hold
                               static addresses */

static size_t slot_of(uintptr_t key)
{
    size_t mask = map_capacity - 1;
    size_t i = (size_t)((key >> 3) * 0x9E3779B97F4A7C15ULL) & mask;
    while (map_keys[i] != 0 && map_keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

static void map_put(uintptr_t key, uintptr_t value);

static void map_grow(void)
{
    uintptr_t *old_keys = map_keys, *old_values = map_values;
    size_t old_capacity = map_capacity;
    map_capacity = map_capacity ? map_capacity * 2 : 64;
    map_keys = calloc(map_capacity, sizeof(uintptr_t));
    map_values = calloc(map_capacity, sizeof(uintptr_t));
    if (map_keys == NULL || map_values == NULL)
        stm_fatal("out of memory in stm_setup_prebuilt()");
    map_count = 0;
    for (size_t i = 0; i < old_capacity; i++)
        if (old_keys[i] != 0)
            map_put(old_keys[i], old_values[i]);
    free(old_keys);
    free(old_values);
}

static void map_put(uintptr_t key, uintptr_t value)
{
    if ((map_count + 1) * 2 > map_capacity)
        map_grow();
    size_t i = slot_of(key);
    if (map_keys[i] == 0)
        map_count++;
    map_keys[i] = key;
    map_values[i] = value;
}

static uintptr_t map_get(uintptr_t key)
{
    if (map_capacity == 0)
        return 0;
    size_t i = slot_of(key);
    return map_keys[i] == key ? map_values[i] : 0;
}

void prebuilt_teardown(void)
{
    free(map_keys);
    free(map_values);
    map_keys = map_values = NULL;
    map_capacity = map_count = 0;
    list_free(&pending);
}

/* An old object, written directly into the master. */
static uintptr_t allocate_in_master(size_t size)
{
    uintptr_t obj = gcpage_alloc(0, size);
    if (obj == 0)
        stm_fatal("out of memory: the old generation is full (%zu bytes "
                  "requested)",
                  size);
    return obj;
}

static uintptr_t copy_static_object(uintptr_t staticobj)
{
    uintptr_t done = map_get(staticobj);
    if (done != 0)
        return done;
    struct object_s *src = (struct object_s *)staticobj;
    size_t size = (size_t)stmcb_size_rounded_up(src);
    uintptr_t obj = allocate_in_master(size);
    char *dst = REAL_ADDRESS(master_base(), obj);
    memcpy(dst, src, size);
    ((struct object_s *)dst)->stm_flags = GCFLAG_WRITE_BARRIER;
    map_put(staticobj, obj);
    list_append(&pending, obj);
    majorgc_add_prebuilt(obj);
    return obj;
}

static void fix_static_reference(object_t **slot)
{
    uintptr_t target = (uintptr_t)*slot;
    if (target != 0)
        *slot = (object_t *)copy_static_object(target);
}

object_t *stm_setup_prebuilt(object_t *staticobj)
{
    if (staticobj == NULL)
        return NULL;
    pthread_mutex_lock(&prebuilt_lock);
    size_t first = 0;
    list_clear(&pending);
    uintptr_t result = copy_static_object((uintptr_t)staticobj);
    /* iterative, so that long static chains cannot overflow the C stack */
    while (first < pending.count) {
        uintptr_t obj = pending.items[first++];
        stmcb_trace((struct object_s *)REAL_ADDRESS(master_base(), obj),
                    fix_static_reference);
    }
    atomic_thread_fence(memory_order_seq_cst);
    for (size_t i = 0; i < pending.count; i++) {
        uintptr_t obj = pending.items[i];
        publish_new_object(obj, object_size_in(master_base(), obj), 0);
    }
    list_clear(&pending);
    pthread_mutex_unlock(&prebuilt_lock);
    return (object_t *)result;
}

object_t *_stm_allocate_old(ssize_t size_rounded_up)
{
    if (size_rounded_up < 16 || (size_rounded_up & 7) != 0)
        stm_fatal("_stm_allocate_old(%ld): the size must be a multiple of 8 "
                  "and at least 16",
                  (long)size_rounded_up);
    pthread_mutex_lock(&prebuilt_lock);
    uintptr_t obj = allocate_in_master((size_t)size_rounded_up);
    char *dst = REAL_ADDRESS(master_base(), obj);
    memset(dst, 0, (size_t)size_rounded_up);
    ((struct object_s *)dst)->stm_flags = GCFLAG_WRITE_BARRIER;
    atomic_thread_fence(memory_order_seq_cst);
    publish_new_object(obj, (size_t)size_rounded_up, 0);
    pthread_mutex_unlock(&prebuilt_lock);
    return (object_t *)obj;
}

char *_stm_real_address(object_t *o)
{
    if (o == NULL)
        return NULL;
    return STM_SEGMENT->segment_base + (uintptr_t)o;
}
