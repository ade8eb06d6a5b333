/* keyindex.c -- see keyindex.h.  Open addressing with linear probing;
 * a slot keeps its element's hash so that growing never calls back
 * into the caller.  Elements are never removed.
 */
#include "keyindex.h"

struct pycomp_index_slot {
    uint32_t hash;
    int pos; /* position + 1; 0: an empty slot */
};

uint32_t pycomp_hash_bytes(uint32_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 16777619u;
    }
    return h;
}

int pycomp_index_find(const pycomp_index *x, uint32_t hash, pycomp_index_eq eq,
                      const void *array, const void *key)
{
    if (x->slot == NULL)
        return -1;
    unsigned mask = x->cap - 1;
    for (unsigned i = hash & mask;; i = (i + 1) & mask) {
        const struct pycomp_index_slot *s = &x->slot[i];
        if (s->pos == 0)
            return -1;
        if (s->hash == hash && eq(array, s->pos - 1, key))
            return s->pos - 1;
    }
}

static void put(struct pycomp_index_slot *slot, unsigned mask, uint32_t hash,
                int pos)
{
    unsigned i = hash & mask;
    while (slot[i].pos != 0)
        i = (i + 1) & mask;
    slot[i].hash = hash;
    slot[i].pos = pos + 1;
}

void pycomp_index_add(pycomp_index *x, pyast_arena *a, uint32_t hash, int pos)
{
    /* at most half full, so probes stay short and always end */
    if (2 * (x->n + 1) > x->cap) {
        unsigned ncap = x->cap ? 2 * x->cap : 16;
        struct pycomp_index_slot *ns = pyast_alloc(a, ncap * sizeof(*ns));
        for (unsigned i = 0; i < x->cap; i++) {
            if (x->slot[i].pos != 0)
                put(ns, ncap - 1, x->slot[i].hash, x->slot[i].pos - 1);
        }
        x->slot = ns; /* the old table stays in the arena until its end */
        x->cap = ncap;
    }
    put(x->slot, x->cap - 1, hash, pos);
    x->n++;
}
