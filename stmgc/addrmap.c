/* addrmap.c -- see addrmap.h. */
#include <stdlib.h>

#include "addrmap.h"

void stm_fatal(const char *fmt, ...)
    __attribute__((noreturn, cold, format(printf, 1, 2)));

static size_t first_slot(const struct addrmap *m, uintptr_t key)
{
    return (size_t)((key >> 3) * 0x9E3779B97F4A7C15ULL) & (m->capacity - 1);
}

static size_t find_slot(const struct addrmap *m, uintptr_t key)
{
    size_t mask = m->capacity - 1;
    size_t i = first_slot(m, key);
    while (m->keys[i] != 0 && m->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

uintptr_t addrmap_get(const struct addrmap *m, uintptr_t key)
{
    if (m->capacity == 0)
        return 0;
    size_t i = find_slot(m, key);
    return m->keys[i] == key ? m->values[i] : 0;
}

static void grow(struct addrmap *m)
{
    struct addrmap old = *m;
    m->capacity = old.capacity ? old.capacity * 2 : 64;
    m->count = 0;
    m->keys = calloc(m->capacity, sizeof(uintptr_t));
    m->values = calloc(m->capacity, sizeof(uintptr_t));
    if (m->keys == NULL || m->values == NULL)
        stm_fatal("out of memory growing an address map to %zu entries",
                  m->capacity);
    for (size_t i = 0; i < old.capacity; i++)
        if (old.keys[i] != 0)
            addrmap_put(m, old.keys[i], old.values[i]);
    free(old.keys);
    free(old.values);
}

void addrmap_put(struct addrmap *m, uintptr_t key, uintptr_t value)
{
    if ((m->count + 1) * 2 > m->capacity)
        grow(m);
    size_t i = find_slot(m, key);
    if (m->keys[i] == 0)
        m->count++;
    m->keys[i] = key;
    m->values[i] = value;
}

void addrmap_free(struct addrmap *m)
{
    free(m->keys);
    free(m->values);
    m->keys = m->values = NULL;
    m->capacity = m->count = 0;
}
