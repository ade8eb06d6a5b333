/* Float <-> text for pystm, exact against CPython 3.11: repr(float),
   correctly rounded e/f/g formatting, round(x, n), float(str) parsing,
   float.hex() and float.fromhex().  Plain C buffers in and out; nothing
   here knows about Python objects.  See doc/pystm-numbers.md. */
#ifndef PYSTM_DTOA_H
#define PYSTM_DTOA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pyfmt_buf pyfmt_buf; /* defined in format.h */

/* Longest repr(): "-2.2250738585072014e-308" plus NUL, rounded up. */
#define PYDTOA_REPR_MAX 32

/* Result codes shared by the functions below. */
enum {
    PYDTOA_OK = 0,
    PYDTOA_NOMEM = -1,    /* malloc failed */
    PYDTOA_INVALID = -2,  /* ValueError: bad syntax */
    PYDTOA_OVERFLOW = -3, /* OverflowError: result too large */
};

/* The shortest decimal digit string that reads back as x (x finite and
   nonzero; its sign is ignored), closest to x among equally short ones:
   x ~= 0.d1d2...dn * 10**decpt.  digits gets n <= 17 ASCII digits and a
   NUL, with no trailing zeros; returns n. */
int pydtoa_shortest(double x, char digits[18], int *decpt);

/* repr(x) and str(x): writes at most PYDTOA_REPR_MAX bytes including the
   NUL; returns the length. */
size_t pydtoa_repr(double x, char *out);

/* Flags for pydtoa_format. */
enum {
    PYDTOA_ALT = 1,       /* '#': keep the point and 'g' trailing zeros */
    PYDTOA_ADD_DOT_0 = 2, /* empty format type: '1.0' not '1' */
    PYDTOA_NO_NEG_0 = 4,  /* 'z': a result that shows as zero is positive */
};

/* Formats |x| and appends it to out, without a sign: type is one of
   'e' 'E' 'f' 'F' 'g' 'G' (prec < 0 means 6) or 'r' (repr's digits; prec
   ignored).  The empty format type of format() maps to 'r' with
   PYDTOA_ADD_DOT_0 when no precision is given, and to 'g' with
   PYDTOA_ADD_DOT_0 otherwise.  inf and nan come out as "inf"/"nan"
   ("INF"/"NAN" for upper-case types).  *neg says whether the caller must
   show a minus sign: true for negative x (including -0.0) except nan, and
   except, under PYDTOA_NO_NEG_0, when every digit written is zero.
   Precision is unbounded (exact digits, as glibc printf gives them). */
int pydtoa_format(pyfmt_buf *out, double x, int type, int prec, unsigned flags,
                  bool *neg);

/* round(x, ndigits) as CPython's float.__round__ with an int ndigits
   (clamp a huge Python int to INT_MIN/INT_MAX first: anything beyond
   +-400 behaves the same).  Returns PYDTOA_OK and *result, or
   PYDTOA_OVERFLOW ("rounded value too large to represent"). */
int pydtoa_round(double x, int ndigits, double *result);

/* float(s) for s of len bytes (not NUL-terminated; embedded NULs are
   invalid).  The caller first maps non-ASCII Unicode whitespace to ' '
   and non-ASCII decimal digits to '0'..'9' (CPython's
   _PyUnicode_TransformDecimalAndSpaceToASCII); anything else non-ASCII
   is then invalid here.  Returns PYDTOA_OK or PYDTOA_INVALID. */
int pydtoa_parse(const char *s, size_t len, double *result);

/* Builds "could not convert string to float: <repr(s)>" into out (the
   original UTF-8 str, before any transformation).  isprintable decides
   which non-ASCII code points str.__repr__ shows as themselves (pass the
   Unicode database's; NULL treats all of them as printable).  Returns
   the message length, or PYDTOA_NOMEM. */
int pydtoa_parse_error(pyfmt_buf *out, const char *s, size_t len,
                       bool (*isprintable)(uint32_t cp));

/* float.hex(x): writes at most PYDTOA_REPR_MAX bytes; returns length. */
size_t pydtoa_hex(double x, char *out);

/* float.fromhex(s): PYDTOA_OK, PYDTOA_INVALID ("invalid hexadecimal
   floating-point string") or PYDTOA_OVERFLOW ("hexadecimal value too
   large to represent as a float"). */
int pydtoa_fromhex(const char *s, size_t len, double *result);

#endif
