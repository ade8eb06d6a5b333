/* bigint_impl.h -- internals shared by bigint.c, bigint_pow.c and
 * bigint_text.c: the per-thread operation state that makes scratch
 * allocation failures recoverable, and the magnitude helpers.
 * Not for use outside interp/objects/bigint*.c. */
#ifndef PYSTM_BIGINT_IMPL_H
#define PYSTM_BIGINT_IMPL_H

#include "bigint.h"

#include <setjmp.h>
#include <string.h>

struct big_blk {
    struct big_blk *prev, *next;
};

/* The running operation of this thread (operations never nest). */
/* The arguments of one operation, for op_run(); each operation uses the
   fields it needs. */
struct big_call {
    const mp_limb_t *a, *b, *m;
    long an, bn, mn;
    mp_limb_t *out, *out2;
    long *rn, *rn2;
    void *p;     /* operation-specific pointer */
    size_t *len; /* text output length */
    long n;      /* operation-specific number */
    int base;    /* text conversions */
};

/* The running operation of this thread (operations never nest). */
struct big_op {
    bool active;
    struct big_blk head; /* blocks allocated since the operation began */
    int (*fn)(struct big_call *);
    struct big_call *call;
    sigjmp_buf jb; /* where an allocation failure lands */
};
extern _Thread_local struct big_op big_op;

/* Runs fn(c) as an operation: inside it, big_alloc() and GMP never
   return NULL; running out of memory unwinds to op_run, which frees every
   block the operation allocated and returns PYBIG_ENOMEM.  Otherwise it
   returns fn's status.  (A callback, so that no local variable of the
   function calling sigsetjmp lives across it.) */
int op_run(int (*fn)(struct big_call *), struct big_call *c);

/* Scratch memory inside an operation (never NULL there). */
void *big_alloc(size_t n);
void big_free(void *p);

static inline mp_limb_t *big_limbs(long n)
{
    return big_alloc((size_t)(n > 0 ? n : 1) * sizeof(mp_limb_t));
}

static inline long big_norm(const mp_limb_t *d, long n)
{
    while (n > 0 && d[n - 1] == 0)
        n--;
    return n;
}

static inline void big_copy(mp_limb_t *out, const mp_limb_t *a, long n)
{
    if (n > 0)
        memcpy(out, a, (size_t)n * sizeof(mp_limb_t));
}

/* Magnitude helpers (sizes >= 0, normalized), from bigint.c. */
long mul_mag(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
             long bn);
void divmod_inner(mp_limb_t *q, long *qn, mp_limb_t *r, long *rn,
                  const mp_limb_t *a, long an, const mp_limb_t *b, long bn);
long lshift_mag(mp_limb_t *out, const mp_limb_t *a, long ma, uint64_t count);

#endif
