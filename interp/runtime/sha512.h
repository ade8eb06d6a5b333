/* sha512.h -- SHA-512 (FIPS 180-4), for random.seed() of a str. */
#ifndef PYSTM_SHA512_H
#define PYSTM_SHA512_H

#include <stddef.h>
#include <stdint.h>

#define PYSHA512_DIGEST_SIZE 64

/* the digest of 'len' bytes at 'data' */
void pysha512(const void *data, size_t len,
              unsigned char digest[PYSHA512_DIGEST_SIZE]);

#endif
