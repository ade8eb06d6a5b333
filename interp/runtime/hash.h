/* hash.h -- Python's hash functions, bit for bit CPython 3.11's (so that
 * sets iterate in CPython's order for the same PYTHONHASHSEED): SipHash-1-3
 * for str and bytes, the modular scheme for numbers, tuples' combiner.
 */
#ifndef PYSTM_HASH_H
#define PYSTM_HASH_H

#include <stddef.h>
#include <stdint.h>

#define PYHASH_BITS    61
#define PYHASH_MODULUS (((uint64_t)1 << PYHASH_BITS) - 1)
#define PYHASH_INF     314159
#define PYHASH_IMAG    1000003

/* Sets the SipHash key from PYTHONHASHSEED: unset or "random" gives a
   random key, "0" the zero key (CPython's "no randomization"), N another
   fixed key exactly like CPython's.  Returns -1 with *error set to a
   message if the variable is malformed. */
int pyhash_init(const char *seed_env, const char **error);

/* hash() of bytes, or of a str given as its PEP 393 representation
   (1, 2 or 4 bytes per code point, little-endian) */
int64_t pyhash_bytes(const void *data, size_t len);

int64_t pyhash_int64(int64_t v);
/* hash() of a float; 'identity' is used for NaN (CPython hashes a NaN
   by its object's address) */
int64_t pyhash_double(double v, uintptr_t identity);

/* tuple hashing: start, add each item's hash, finish with the length */
uint64_t pyhash_tuple_start(void);
uint64_t pyhash_tuple_add(uint64_t acc, int64_t item_hash);
int64_t pyhash_tuple_finish(uint64_t acc, size_t len);

#endif
