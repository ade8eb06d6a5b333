/* bench.c -- times pybig operations on operands of a given number of
 * decimal digits; bench.py runs it beside the same operations in python3.
 * Output: one line per operation, "name nanoseconds-per-call".
 */
#include "bigint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    mp_limb_t *d;
    long n;
} big;

static big from_digits(size_t ndigits, unsigned seed)
{
    char *s = malloc(ndigits + 1);
    srand(seed);
    for (size_t i = 0; i < ndigits; i++)
        s[i] = (char)('0' + (i == 0 ? 1 + rand() % 9 : rand() % 10));
    pybig_parsed p;
    if (pybig_parse(&p, s, ndigits, 10, 0) != PYBIG_OK)
        abort();
    big b = {malloc(pybig_from_str_bound(&p) * sizeof(mp_limb_t)), 0};
    if (pybig_from_str(b.d, &b.n, &p) != PYBIG_OK)
        abort();
    free(s);
    return b;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Repeats body until 0.2 s have passed; prints ns per call. */
#define BENCH(name, body)                           \
    do {                                            \
        long iters = 0;                             \
        double t0 = now(), t;                       \
        do {                                        \
            for (int k_ = 0; k_ < 16; k_++) {       \
                body;                               \
            }                                       \
            iters += 16;                            \
            t = now() - t0;                         \
        } while (t < 0.2);                          \
        printf("%s %.0f\n", name, t / iters * 1e9); \
    } while (0)

int main(void)
{
    pybig_setup();
    big a1k = from_digits(1000, 1), b1k = from_digits(1000, 2);
    big a2k = from_digits(2000, 3);
    big a10k = from_digits(10000, 4), b10k = from_digits(10000, 5);
    big a100k = from_digits(100000, 6);
    big m309 = from_digits(309, 7), e309 = from_digits(309, 8),
        x309 = from_digits(300, 9);
    mp_limb_t *r = malloc(40000 * sizeof(mp_limb_t));
    mp_limb_t *r2 = malloc(40000 * sizeof(mp_limb_t));
    char *text = malloc(pybig_to_str_bound(a100k.n, 10));
    long rn, rn2;
    size_t len;
    double d;

    big a40 = from_digits(40, 10), b30 = from_digits(30, 11);
    BENCH("mul_40_30", pybig_mul(r, &rn, a40.d, a40.n, b30.d, b30.n));
    BENCH("divmod_40_30",
          pybig_divmod(r, &rn, r2, &rn2, a40.d, a40.n, b30.d, b30.n));
    BENCH("add_1000", pybig_add(r, a1k.d, a1k.n, b1k.d, b1k.n));
    BENCH("mul_1000", pybig_mul(r, &rn, a1k.d, a1k.n, b1k.d, b1k.n));
    BENCH("mul_10000", pybig_mul(r, &rn, a10k.d, a10k.n, b10k.d, b10k.n));
    BENCH("divmod_2000_1000",
          pybig_divmod(r, &rn, r2, &rn2, a2k.d, a2k.n, b1k.d, b1k.n));
    BENCH("truediv_10000", pybig_truediv(a10k.d, a10k.n, b10k.d, b10k.n, &d));
    BENCH("str_1000", pybig_to_str(text, &len, a1k.d, a1k.n, 10, 0));
    BENCH("str_10000", pybig_to_str(text, &len, a10k.d, a10k.n, 10, 0));
    BENCH("str_100000", pybig_to_str(text, &len, a100k.d, a100k.n, 10, 0));
    BENCH("hex_10000", pybig_to_str(text, &len, a10k.d, a10k.n, 16, 0));
    pybig_to_str(text, &len, a10k.d, a10k.n, 10, 0);
    BENCH("int_10000", {
        pybig_parsed p;
        pybig_parse(&p, text, len, 10, 0);
        pybig_from_str(r, &rn, &p);
    });
    pybig_to_str(text, &len, a100k.d, a100k.n, 10, 0);
    BENCH("int_100000", {
        pybig_parsed p;
        pybig_parse(&p, text, len, 10, 0);
        pybig_from_str(r, &rn, &p);
    });
    mp_limb_t e = 10000, three = 3;
    BENCH("pow_3_10000", pybig_pow(r, &rn, &three, 1, &e, 1));
    BENCH("powmod_1024bit",
          pybig_powmod(r, &rn, x309.d, x309.n, e309.d, e309.n, m309.d, m309.n));
    BENCH("gcd_1000", pybig_gcd(r, &rn, a1k.d, a1k.n, b1k.d, b1k.n));
    BENCH("isqrt_10000", pybig_isqrt(r, &rn, a10k.d, a10k.n));
    BENCH("float_300", pybig_to_double(x309.d, x309.n, &d));
    (void)rn;
    return 0;
}
