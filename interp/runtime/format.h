/* The format-spec mini-language and printf-style conversions for pystm,
   exact against CPython 3.11: parse "[[fill]align][sign][z][#][0][width]
   [grouping][.precision][type]" and apply it to ints (sign plus digit
   string), floats and strings; format one '%' conversion of a number.
   Plain C buffers in and out; errors come back as a code plus a message
   (the text CPython puts in its exception).  See doc/pystm-numbers.md. */
#ifndef PYSTM_FORMAT_H
#define PYSTM_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer (malloc'd); data is NUL-terminated whenever
   len > 0 or after pyfmt_buf_cstr. */
struct pyfmt_buf {
    char *data;
    size_t len, cap;
};
typedef struct pyfmt_buf pyfmt_buf;

void pyfmt_buf_init(pyfmt_buf *b);
void pyfmt_buf_free(pyfmt_buf *b);
/* Make room for extra more bytes plus a NUL; 0 or -1 (no memory). */
int pyfmt_buf_reserve(pyfmt_buf *b, size_t extra);
int pyfmt_buf_append(pyfmt_buf *b, const char *s, size_t n);
int pyfmt_buf_putc(pyfmt_buf *b, char c);
/* count copies of the n-byte sequence s (a fill character in UTF-8) */
int pyfmt_buf_repeat(pyfmt_buf *b, const char *s, size_t n, size_t count);
const char *pyfmt_buf_cstr(pyfmt_buf *b);

/* Error codes; the message (CPython's exception text) goes into the
   caller's pyfmt_err. */
enum {
    PYFMT_OK = 0,
    PYFMT_NOMEM = -1,    /* MemoryError */
    PYFMT_VALUE = -2,    /* ValueError */
    PYFMT_OVERFLOW = -3, /* OverflowError */
    PYFMT_TYPE = -4,     /* TypeError */
};

typedef struct {
    char msg[512]; /* NUL-terminated */
} pyfmt_err;

/* A parsed format spec.  fill is one code point in UTF-8 (fill_len
   bytes); align is 0 (none given), '<', '>', '=' or '^'; sign is 0, '+',
   '-' or ' '; grouping is 0, ',' or '_'; width and precision are -1
   when absent; type is 0 when absent. */
typedef struct {
    char fill[5];
    int fill_len;
    char align;
    char sign;
    bool no_neg_0; /* 'z' */
    bool alt;      /* '#' */
    bool zero_pad; /* '0' before the width */
    char grouping;
    int64_t width;
    int64_t precision;
    uint32_t type;         /* a code point: unknown ones are reported */
    const char *type_name; /* the object's type, for messages */
} pyfmt_spec;

/* Parses spec (UTF-8, len bytes) for an object of type type_name (kept
   by pointer in out, for later messages).  default_type is what the
   object's __format__ assumes: 's' for str, 'd' for int and bool, 0 for
   float.  Errors (PYFMT_VALUE): "Invalid format specifier '...' for
   object of type '...'", "Too many decimal digits in format string",
   "Format specifier missing precision", "Cannot specify ',' with 'x'.",
   "Cannot specify both ',' and '_'.".  An empty spec means str(obj):
   the caller answers that itself (format(True, '') is 'True'). */
int pyfmt_parse_spec(const char *spec, size_t len, uint32_t default_type,
                     const char *type_name, pyfmt_spec *out, pyfmt_err *err);

/* The base an int's magnitude must be converted to for this spec type
   before pyfmt_format_int: 2 for 'b', 8 for 'o', 16 for 'x'/'X', 10 for
   'd', 'n', 'c' and no type.  0 means the type takes a float: convert the
   int to double (with OverflowError "int too large to convert to float"
   as int.__float__) and call pyfmt_format_float ('e' 'E' 'f' 'F' 'g' 'G'
   '%'); -1 means the type is unknown for int (pyfmt_format_int reports
   it). */
int pyfmt_int_base(const pyfmt_spec *spec);

/* format(int, spec).  neg is the sign; digits (ndigits bytes, ASCII,
   lower-case for base 16, no leading zeros except the number zero
   itself "0") is the magnitude in pyfmt_int_base's base (decimal for
   'c': its C-long and range checks are done here, in CPython's order:
   "Python int too large to convert to C long", "%c arg not in
   range(0x110000)"). */
int pyfmt_format_int(pyfmt_buf *out, const pyfmt_spec *spec, bool neg,
                     const char *digits, size_t ndigits, pyfmt_err *err);

/* format(float, spec) (also int with a float type, after converting). */
int pyfmt_format_float(pyfmt_buf *out, const pyfmt_spec *spec, double x,
                       pyfmt_err *err);

/* format(str, spec): s is UTF-8; width and precision count code points. */
int pyfmt_format_str(pyfmt_buf *out, const pyfmt_spec *spec, const char *s,
                     size_t len, pyfmt_err *err);

/* printf-style ('%') conversions of one number.  flags is a set of
   PYFMT_F_* read from the conversion; width and prec are -1 when absent
   (a '*' is resolved by the caller); the caller's parser rejects values
   above INT_MAX ("width too big", "precision too big") as CPython's
   does.  The caller handles %s %r %a (str() / repr() / ascii() of the
   object, then pyfmt_printf_str for width and precision) and the
   TypeErrors for wrong argument types. */
enum {
    PYFMT_F_LJUST = 1, /* '-' */
    PYFMT_F_SIGN = 2,  /* '+' */
    PYFMT_F_BLANK = 4, /* ' ' */
    PYFMT_F_ALT = 8,   /* '#' */
    PYFMT_F_ZERO = 16, /* '0' */
};

/* %d %i %u %o %x %X: neg plus the magnitude's digits in base 10, 8 or 16
   (lower case).  The caller converts the argument with __index__ (%o %x
   %X) or int() (%d %i %u, which accept floats). */
int pyfmt_printf_int(pyfmt_buf *out, int conv, int flags, int64_t width,
                     int64_t prec, bool neg, const char *digits, size_t ndigits,
                     pyfmt_err *err);

/* %e %E %f %F %g %G on a double (the caller converts with __float__). */
int pyfmt_printf_float(pyfmt_buf *out, int conv, int flags, int64_t width,
                       int64_t prec, double x, pyfmt_err *err);

/* %c of an int: range check ("%c arg not in range(0x110000)"; pass an
   int beyond int64 as -1, CPython gives the same message), then the
   character padded like %s.  %c of a str of length 1: pass its code
   point; anything else is the caller's TypeError "%c requires int or
   char". */
int pyfmt_printf_char(pyfmt_buf *out, int flags, int64_t width, int64_t cp,
                      pyfmt_err *err);

/* %s %r %a after the caller made the str: precision truncates and width
   pads, both in code points. */
int pyfmt_printf_str(pyfmt_buf *out, int flags, int64_t width, int64_t prec,
                     const char *s, size_t len);

#endif
