/* list.h -- growable arrays of words, the library's only container.
 *
 * Used for per-transaction sets (modified objects, young objects, ...)
 * that are appended to on hot-ish paths and cleared at commit/abort, so
 * clearing keeps the storage. */
#ifndef STMGC_LIST_H
#define STMGC_LIST_H

#include <stddef.h>
#include <stdint.h>

struct list {
    uintptr_t *items;
    size_t count;
    size_t capacity;
};

void list_grow(struct list *l);
void list_free(struct list *l);

static inline void list_append(struct list *l, uintptr_t item)
{
    if (__builtin_expect(l->count == l->capacity, 0))
        list_grow(l);
    l->items[l->count++] = item;
}

static inline void list_clear(struct list *l)
{
    l->count = 0;
}

static inline uintptr_t list_pop(struct list *l)
{
    return l->items[--l->count];
}

static inline int list_is_empty(const struct list *l)
{
    return l->count == 0;
}

#define LIST_FOREACH(l, var)                                         \
    for (size_t _i_##var = 0;                                        \
         _i_##var < (l)->count && ((var) = (l)->items[_i_##var], 1); \
         _i_##var++)

#endif
