/* keyindex.h -- a hash index over an array the caller owns (a unit's
 * names, its constants, a scope's symbols), so that finding whether a
 * key is already there does not scan the array: without it, compiling
 * a module of n statements took time in n squared.
 *
 * The index maps a key's hash to positions in the array; the caller
 * hashes its keys and says when the key at a position equals the one
 * looked up.  It lives in the compile's arena, as the array does.
 */
#ifndef PYSTM_KEYINDEX_H
#define PYSTM_KEYINDEX_H

#include "../parser/ast.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pycomp_index {
    struct pycomp_index_slot *slot; /* NULL until the first add */
    unsigned cap;                   /* a power of two */
    unsigned n;
} pycomp_index;

/* does the array's element at 'pos' equal 'key'? */
typedef bool (*pycomp_index_eq)(const void *array, int pos, const void *key);

/* the position of the element equal to 'key' (of hash 'hash'), or -1 */
int pycomp_index_find(const pycomp_index *x, uint32_t hash, pycomp_index_eq eq,
                      const void *array, const void *key);
/* records that the element at 'pos' has hash 'hash' */
void pycomp_index_add(pycomp_index *x, pyast_arena *a, uint32_t hash, int pos);

/* FNV-1a of n bytes, continuing from 'h' (start with PYCOMP_HASH_INIT) */
#define PYCOMP_HASH_INIT 2166136261u
uint32_t pycomp_hash_bytes(uint32_t h, const void *p, size_t n);

#endif
