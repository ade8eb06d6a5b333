/* hash.c -- Python's hash functions (see hash.h): the SipHash-1-3 key
 * and function, numbers modulo 2**61 - 1, the tuple combiner.  Every
 * constant and step follows CPython 3.11's documented algorithms, so
 * hash values (and so set orders) are the same as CPython's.
 */
#include "hash.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

static uint64_t sip_k0, sip_k1;

/* CPython's fixed keys for PYTHONHASHSEED=N: a linear congruential
   generator fills its 24-byte secret, SipHash uses the first 16. */
static void keys_from_seed(uint32_t seed)
{
    unsigned char secret[24];
    uint32_t x = seed;
    for (size_t i = 0; i < sizeof(secret); i++) {
        x = x * 214013u + 2531011u;
        secret[i] = (unsigned char)((x >> 16) & 0xff);
    }
    memcpy(&sip_k0, secret, 8);
    memcpy(&sip_k1, secret + 8, 8);
}

int pyhash_init(const char *seed_env, const char **error)
{
    if (seed_env == NULL || *seed_env == 0 || strcmp(seed_env, "random") == 0) {
        uint64_t k[2];
        if (getrandom(k, sizeof(k), 0) != (ssize_t)sizeof(k)) {
            *error = "cannot read random bytes for the hash key";
            return -1;
        }
        sip_k0 = k[0];
        sip_k1 = k[1];
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long seed = strtoul(seed_env, &end, 10);
    if (*end != 0 || errno != 0 || seed > 4294967295UL || seed_env[0] == '-' ||
        seed_env[0] == '+' || seed_env[0] == ' ') {
        *error = "PYTHONHASHSEED must be \"random\" or an integer in range "
                 "[0; 4294967295]";
        return -1;
    }
    if (seed == 0) {
        sip_k0 = sip_k1 = 0;
    } else {
        keys_from_seed((uint32_t)seed);
    }
    return 0;
}

static inline uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

#define SIPROUND(v0, v1, v2, v3) \
    do {                         \
        v0 += v1;                \
        v1 = rotl(v1, 13);       \
        v1 ^= v0;                \
        v0 = rotl(v0, 32);       \
        v2 += v3;                \
        v3 = rotl(v3, 16);       \
        v3 ^= v2;                \
        v0 += v3;                \
        v3 = rotl(v3, 21);       \
        v3 ^= v0;                \
        v2 += v1;                \
        v1 = rotl(v1, 17);       \
        v1 ^= v2;                \
        v2 = rotl(v2, 32);       \
    } while (0)

/* SipHash with one compression round and three finalization rounds */
static uint64_t siphash13(const unsigned char *p, size_t len)
{
    uint64_t v0 = sip_k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = sip_k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = sip_k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = sip_k1 ^ 0x7465646279746573ULL;
    uint64_t last = (uint64_t)len << 56;
    size_t blocks = len / 8;
    for (size_t i = 0; i < blocks; i++) {
        uint64_t m;
        memcpy(&m, p + 8 * i, 8); /* little-endian machine */
        v3 ^= m;
        SIPROUND(v0, v1, v2, v3);
        v0 ^= m;
    }
    const unsigned char *tail = p + 8 * blocks;
    for (size_t i = 0; i < len % 8; i++)
        last |= (uint64_t)tail[i] << (8 * i);
    v3 ^= last;
    SIPROUND(v0, v1, v2, v3);
    v0 ^= last;
    v2 ^= 0xff;
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

int64_t pyhash_bytes(const void *data, size_t len)
{
    if (len == 0)
        return 0;
    int64_t h = (int64_t)siphash13(data, len);
    return h == -1 ? -2 : h;
}

int64_t pyhash_int64(int64_t v)
{
    uint64_t magnitude = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    int64_t h = (int64_t)(magnitude % PYHASH_MODULUS);
    if (v < 0)
        h = -h;
    return h == -1 ? -2 : h;
}

/* the pointer rotated so that its always-zero low bits matter less */
static int64_t hash_identity(uintptr_t p)
{
    uint64_t h = (p >> 4) | ((uint64_t)p << (64 - 4));
    return (int64_t)h == -1 ? -2 : (int64_t)h;
}

/* x * 2**e reduced modulo 2**61 - 1, 28 bits of the mantissa at a
   time (the documented algorithm of Python's numeric hashing) */
int64_t pyhash_double(double v, uintptr_t identity)
{
    if (!isfinite(v)) {
        if (isinf(v))
            return v > 0 ? PYHASH_INF : -PYHASH_INF;
        return hash_identity(identity);
    }
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m != 0) {
        x = ((x << 28) & PYHASH_MODULUS) | x >> (PYHASH_BITS - 28);
        m *= 268435456.0; /* 2**28 */
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= PYHASH_MODULUS)
            x -= PYHASH_MODULUS;
    }
    e = e >= 0 ? e % PYHASH_BITS : PYHASH_BITS - 1 - ((-1 - e) % PYHASH_BITS);
    x = ((x << e) & PYHASH_MODULUS) | x >> (PYHASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

/* xxHash-style combining (CPython 3.8+) */
#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL

uint64_t pyhash_tuple_start(void)
{
    return XXPRIME_5;
}

uint64_t pyhash_tuple_add(uint64_t acc, int64_t item_hash)
{
    acc += (uint64_t)item_hash * XXPRIME_2;
    acc = rotl(acc, 31);
    return acc * XXPRIME_1;
}

int64_t pyhash_tuple_finish(uint64_t acc, size_t len)
{
    acc += len ^ (XXPRIME_5 ^ 3527539ULL);
    return acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
}
