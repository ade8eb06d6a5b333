/* addrmap.h -- a map from addresses to words (open addressing, linear
 * probing, never shrinks).  Used for the rare lookups of the library:
 * static images to prebuilt objects, prebuilt objects to their hash,
 * nursery objects to the address reserved for them by stm_id(). */
#ifndef STMGC_ADDRMAP_H
#define STMGC_ADDRMAP_H

#include <stddef.h>
#include <stdint.h>

struct addrmap {
    uintptr_t *keys; /* 0 = empty */
    uintptr_t *values;
    size_t capacity, count;
};

uintptr_t addrmap_get(const struct addrmap *m, uintptr_t key); /* 0: absent */
void addrmap_put(struct addrmap *m, uintptr_t key, uintptr_t value);
void addrmap_free(struct addrmap *m);

#endif
