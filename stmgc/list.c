/* list.c -- the growth path of struct list (see list.h). */
#include <stdlib.h>

#include "shared.h"

void list_grow(struct list *l)
{
    size_t new_capacity = l->capacity ? l->capacity * 2 : 64;
    uintptr_t *items = realloc(l->items, new_capacity * sizeof(uintptr_t));
    if (items == NULL)
        stm_fatal("out of memory growing an internal list to %zu items",
                  new_capacity);
    l->items = items;
    l->capacity = new_capacity;
}

void list_free(struct list *l)
{
    free(l->items);
    l->items = NULL;
    l->count = l->capacity = 0;
}
