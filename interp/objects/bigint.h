/* bigint.h -- arbitrary-precision integer arithmetic for pystm's int type,
 * exact against CPython 3.11, on GMP's mpn_* layer.  Design and speed
 * notes: doc/pystm-bigint.md.
 *
 * Shape of the API.  Int objects live in the GC heap with their limbs
 * inline and never change once built, so nothing here allocates a
 * result.  Each operation comes as
 *   - a bound function: an upper bound of the result's limb count from
 *     the operands' sizes (cheap; never reads the limbs unless it says so),
 *   - a write function: the result goes into a caller-provided buffer of
 *     at least that many limbs, and the function gives back the result's
 *     *signed size*: |size| limbs, normalized (no high zero limb), negative
 *     for a negative number, 0 for zero.
 * An operand is (const mp_limb_t *d, long n): little-endian magnitude limbs
 * and a signed size as above.  d may be NULL when n == 0.
 *
 * Rules:
 *   - Pointers are plain C addresses (for GC objects: the real address of
 *     the limbs).  Nothing here allocates GC memory or breaks the
 *     transaction, so the operands cannot move during a call.
 *   - Output buffers must not overlap the operands.
 *   - Scratch memory is malloc'd or on the stack and always freed.  If it
 *     runs out (ours or GMP's own temporaries), the function returns
 *     PYBIG_ENOMEM and leaks nothing: see pybig_setup().
 *   - Thread-safe: the only state is per thread.
 *   - Functions that cannot fail return the signed size (long).  Those that
 *     can return an int status (PYBIG_OK or a PYBIG_E* code) and store the
 *     signed size through a pointer.
 *   - A bound of -1 (PYBIG_TOO_BIG) means the result cannot be built:
 *     the caller raises MemoryError, as CPython does.
 */
#ifndef PYSTM_BIGINT_H
#define PYSTM_BIGINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gmp.h>

/* Results beyond this many limbs (2**62 bits) are refused by the bound
   functions: no machine holds them, and sizes stay far from overflow. */
#define PYBIG_MAX_LIMBS ((long)1 << 56)
#define PYBIG_TOO_BIG   (-1L)

/* Status codes.  Each stands for one CPython exception and message
   (pybig_error_message); the two with parameters have their own
   formatting functions below. */
enum {
    PYBIG_OK = 0,
    PYBIG_ENOMEM = -1,            /* MemoryError */
    PYBIG_EDIVZERO = -2,          /* ZeroDivisionError: integer division or
                                     modulo by zero  (// and divmod) */
    PYBIG_EMODZERO = -3,          /* ZeroDivisionError: integer modulo by
                                     zero  (%) */
    PYBIG_ETRUEDIVZERO = -4,      /* ZeroDivisionError: division by zero */
    PYBIG_EFLOAT_OVERFLOW = -5,   /* OverflowError: int too large to convert
                                     to float */
    PYBIG_ETRUEDIV_OVERFLOW = -6, /* OverflowError: integer division result
                                     too large for a float */
    PYBIG_EPOW_MOD_ZERO = -7,     /* ValueError: pow() 3rd argument cannot
                                     be 0 */
    PYBIG_ENOT_INVERTIBLE = -8,   /* ValueError: base is not invertible for
                                     the given modulus */
    PYBIG_ETOO_BIG_BYTES = -9,    /* OverflowError: int too big to convert */
    PYBIG_ENEG_UNSIGNED = -10,    /* OverflowError: can't convert negative
                                     int to unsigned */
    PYBIG_EOVERFLOW = -11,        /* OverflowError: Python int too large to
                                     convert to C long (int64 conversions;
                                     callers with other C types reword) */
    PYBIG_EISQRT_NEG = -12,       /* ValueError: isqrt() argument must be
                                     nonnegative */
    PYBIG_EBASE = -13,            /* ValueError: int() base must be >= 2 and
                                     <= 36, or 0 */
    PYBIG_EINVALID_LITERAL = -14, /* ValueError: invalid literal for int()
                                     with base B: 'S' (see
                                     pybig_invalid_literal_message) */
    PYBIG_ESTR_LIMIT_FROM = -15,  /* ValueError: Exceeds the limit (L digits)
                                     for integer string conversion: value
                                     has N digits; ... (str -> int) */
    PYBIG_ESTR_LIMIT_TO = -16,    /* ValueError: Exceeds the limit (L digits)
                                     for integer string conversion; ...
                                     (int -> str) */
};

enum pybig_exc {
    PYBIG_EXC_NONE,
    PYBIG_EXC_MEMORY,
    PYBIG_EXC_ZERO_DIVISION,
    PYBIG_EXC_OVERFLOW,
    PYBIG_EXC_VALUE,
};

/* The exception class of a status code, and CPython's message when it
   has no parameters.  PYBIG_EINVALID_LITERAL and PYBIG_ESTR_LIMIT_* get a
   generic text (never NULL); their exact messages come from
   pybig_invalid_literal_message and pybig_str_limit_message. */
enum pybig_exc pybig_error_type(int code);
const char *pybig_error_message(int code);

/* Installs GMP allocation functions that let every pybig_* operation
   recover from an exhausted heap: GMP's temporaries and ours are tracked
   per operation and freed when the operation fails with PYBIG_ENOMEM.
   Call once at start-up, before any other use of GMP in the process
   (each operation also calls it, so forgetting it is safe as long as
   nothing else used GMP first). */
void pybig_setup(void);

/* Blocks this thread allocated through pybig/GMP and not yet freed (for
   tests: 0 after any operation, failed or not). */
long pybig_debug_live_blocks(void);

/* ---- sizes, sign, comparison ---- */

static inline long pybig_abs_size(long n)
{
    return n < 0 ? -n : n;
}

/* -1, 0 or 1 as a < b, a == b, a > b. */
int pybig_cmp(const mp_limb_t *a, long an, const mp_limb_t *b, long bn);

/* neg and abs copy |a| limbs into out and return the new signed size. */
long pybig_neg(mp_limb_t *out, const mp_limb_t *a, long an);
long pybig_abs(mp_limb_t *out, const mp_limb_t *a, long an);

/* ---- +, -, * ---- */

long pybig_add_bound(long an, long bn);
long pybig_add(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
               long bn);
long pybig_sub(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
               long bn); /* bound: pybig_add_bound */
long pybig_mul_bound(long an, long bn);
/* Squares when a and b are the same operand. */
int pybig_mul(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
              const mp_limb_t *b, long bn);

/* ---- //, %, divmod (floor semantics: the remainder has the divisor's
   sign) ---- */

long pybig_floordiv_bound(long an, long bn);
long pybig_mod_bound(long an, long bn);
/* PYBIG_EDIVZERO when b == 0. */
int pybig_floordiv(mp_limb_t *q, long *qn, const mp_limb_t *a, long an,
                   const mp_limb_t *b, long bn);
/* PYBIG_EMODZERO when b == 0. */
int pybig_mod(mp_limb_t *r, long *rn, const mp_limb_t *a, long an,
              const mp_limb_t *b, long bn);
/* Both at once; PYBIG_EDIVZERO when b == 0. */
int pybig_divmod(mp_limb_t *q, long *qn, mp_limb_t *r, long *rn,
                 const mp_limb_t *a, long an, const mp_limb_t *b, long bn);

/* ---- powers ---- */

/* a ** b for b >= 0 (the caller turns a negative b into float
   arithmetic).  The bound reads the operands' limbs; PYBIG_TOO_BIG means
   MemoryError, as in CPython. */
long pybig_pow_bound(const mp_limb_t *a, long an, const mp_limb_t *b, long bn);
int pybig_pow(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
              const mp_limb_t *b, long bn);

/* pow(a, b, m), any signs: the result has m's sign (or is 0); a negative
   b uses the inverse of a modulo m.  Errors: PYBIG_EPOW_MOD_ZERO,
   PYBIG_ENOT_INVERTIBLE (as CPython: checked after "|m| == 1 gives 0"). */
long pybig_powmod_bound(long an, long bn, long mn);
int pybig_powmod(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
                 const mp_limb_t *b, long bn, const mp_limb_t *m, long mn);

/* ---- shifts ----
   Shift counts are the caller's to range-check: a negative count is
   "ValueError: negative shift count"; a count that does not fit in
   uint64_t right-shifts anything to 0 or -1, and left-shifts a nonzero
   value into CPython's MemoryError (for counts below about 6.9e19) or
   "OverflowError: too many digits in integer" (beyond). */
long pybig_lshift_bound(long an, uint64_t count); /* may be PYBIG_TOO_BIG */
long pybig_lshift(mp_limb_t *out, const mp_limb_t *a, long an, uint64_t count);
long pybig_rshift_bound(long an, uint64_t count);
/* Floors: (-1) >> 5 == -1. */
long pybig_rshift(mp_limb_t *out, const mp_limb_t *a, long an, uint64_t count);

/* ---- bitwise, with Python's infinite two's complement ---- */

long pybig_bitop_bound(long an, long bn);
long pybig_and(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
               long bn);
long pybig_or(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
              long bn);
long pybig_xor(mp_limb_t *out, const mp_limb_t *a, long an, const mp_limb_t *b,
               long bn);
long pybig_invert_bound(long an);
long pybig_invert(mp_limb_t *out, const mp_limb_t *a, long an); /* -a-1 */

/* int.bit_length() and int.bit_count() (of |a|). */
uint64_t pybig_bit_length(const mp_limb_t *a, long an);
uint64_t pybig_bit_count(const mp_limb_t *a, long an);

/* ---- number theory ---- */

long pybig_gcd_bound(long an, long bn);
/* math.gcd: never negative. */
int pybig_gcd(mp_limb_t *out, long *rn, const mp_limb_t *a, long an,
              const mp_limb_t *b, long bn);
long pybig_isqrt_bound(long an);
/* math.isqrt; PYBIG_EISQRT_NEG for a < 0. */
int pybig_isqrt(mp_limb_t *out, long *rn, const mp_limb_t *a, long an);

/* ---- machine numbers ---- */

/* Bounds: 1 limb for int64/uint64, pybig_from_double_bound for doubles. */
long pybig_from_int64(mp_limb_t *out, int64_t v);
long pybig_from_uint64(mp_limb_t *out, uint64_t v);
/* PYBIG_EOVERFLOW when out of range.  to_uint64 gives
   PYBIG_ENEG_UNSIGNED for a negative value. */
int pybig_to_int64(const mp_limb_t *a, long an, int64_t *v);
int pybig_to_uint64(const mp_limb_t *a, long an, uint64_t *v);

/* int(x) for a finite double: truncates toward zero.  NaN ("ValueError:
   cannot convert float NaN to integer") and infinities ("OverflowError:
   cannot convert float infinity to integer") are the caller's to
   reject before calling. */
long pybig_from_double_bound(double x);
long pybig_from_double(mp_limb_t *out, double x);

/* a < x, a == x, a > x as -1, 0, 1, exactly (int/float comparisons:
   2**53 + 1 != 2.0**53).  x finite: NaN compares false and infinities
   beyond every int; the caller decides those first. */
int pybig_cmp_double(const mp_limb_t *a, long an, double x);

/* float(a), correctly rounded (round-half-even); PYBIG_EFLOAT_OVERFLOW
   when the rounded value does not fit in a double. */
int pybig_to_double(const mp_limb_t *a, long an, double *out);

/* a / b, correctly rounded like CPython's int true division (subnormal
   results rounded correctly too; a zero result carries the sign of the
   quotient: 0 / -5 == -0.0).  PYBIG_ETRUEDIVZERO, PYBIG_ETRUEDIV_OVERFLOW,
   PYBIG_ENOMEM. */
int pybig_truediv(const mp_limb_t *a, long an, const mp_limb_t *b, long bn,
                  double *out);

/* hash(int) exactly as CPython: |a| mod (2**61 - 1) with a's sign, and
   -1 becomes -2. */
int64_t pybig_hash(const mp_limb_t *a, long an);

/* ---- bytes ---- */

/* int.to_bytes(len, byteorder, signed=is_signed) into out[len].
   PYBIG_ENEG_UNSIGNED (negative and !is_signed) is checked first, then
   PYBIG_ETOO_BIG_BYTES. */
int pybig_to_bytes(const mp_limb_t *a, long an, unsigned char *out, size_t len,
                   bool little_endian, bool is_signed);
/* int.from_bytes(bytes, byteorder, signed=is_signed). */
long pybig_from_bytes_bound(size_t len);
long pybig_from_bytes(mp_limb_t *out, const unsigned char *bytes, size_t len,
                      bool little_endian, bool is_signed);

/* ---- text (bigint_text.c) ---- */

/* CPython 3.11's default for sys.set_int_max_str_digits; 0 means no
   limit.  The limit applies to decimal output, and to input in any base
   that is not a power of two. */
#define PYBIG_DEFAULT_MAX_STR_DIGITS 4300

/* Bytes needed by pybig_to_str for a in base 2..36 (sign included; no
   NUL written). */
size_t pybig_to_str_bound(long an, int base);
/* Lowercase digits, '-' for negatives, no prefix.  *len gets the length
   written.  With base 10 and max_str_digits > 0, more digits than that is
   PYBIG_ESTR_LIMIT_TO (checked before converting when the size alone
   decides it). */
int pybig_to_str(char *out, size_t *len, const mp_limb_t *a, long an, int base,
                 long max_str_digits);

/* int(s, base) in two steps: pybig_parse checks the syntax of the len
   bytes at s (not NUL-terminated; a NUL byte is an invalid character) and
   fills a pybig_parsed; pybig_from_str_bound/pybig_from_str then build the
   value.  The caller hands over pure ASCII: for a str it first keeps
   characters below 127 as they are and replaces the others: Unicode
   whitespace by ' ', decimal digits by their ASCII digit, anything else
   by '?' (as CPython's _PyUnicode_TransformDecimalAndSpaceToASCII does;
   so '\x85' and '\u3000' are whitespace but '\x1c' is not), and keeps
   the original for the error message.  The syntax is Python's: surrounding
   whitespace, one sign, PEP 515 underscores, base 0 prefixes (and no
   leading zeros on a nonzero base-0 decimal), matching prefixes allowed in
   bases 2, 8 and 16.
   Errors: PYBIG_EBASE, PYBIG_EINVALID_LITERAL, PYBIG_ESTR_LIMIT_FROM (the
   digit count is in ->ndigits; like CPython it wins over a syntax error
   after the digits). */
typedef struct {
    const char *digits; /* first significant digit; NULL for a zero */
    const char *end;    /* end of the digit run */
    size_t ndigits;     /* all digits of the run, leading zeros included */
    size_t nsig;        /* digits from ->digits on (no underscores) */
    int base;           /* the effective base, 2..36 */
    bool negative;
} pybig_parsed;

int pybig_parse(pybig_parsed *p, const char *s, size_t len, int base,
                long max_str_digits);
long pybig_from_str_bound(const pybig_parsed *p);
/* Reads the digits again through p, so s must still be where it was: if
   s is inside a heap object and allocating the result may have moved it,
   pybig_parsed_move(p, old_s, new_s) first. */
int pybig_from_str(mp_limb_t *out, long *rn, const pybig_parsed *p);
void pybig_parsed_move(pybig_parsed *p, const char *old_s, const char *new_s);

/* The messages with parameters, NUL-terminated into buf (truncated to
   cap); they return the full length.  The literal is the caller's
   original UTF-8 string (len bytes), shown with repr() and cut to 200
   characters like CPython's %.200R; is_printable is str.isprintable for
   one code point (e.g. pyuni_is_printable), or NULL to escape every
   non-ASCII character. */
size_t pybig_invalid_literal_message(char *buf, size_t cap, int base,
                                     const char *s, size_t len,
                                     bool (*is_printable)(uint32_t cp));
size_t pybig_str_limit_message(char *buf, size_t cap, int code, long limit,
                               size_t ndigits);

#endif
