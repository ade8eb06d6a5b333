/* Unicode character database for pystm: the properties Python's str
   methods, the tokenizer and int()/float() need, generated from
   CPython 3.11's unicodedata (Unicode 14.0) by tools/gen_unicode_db.py
   into unicode_db.c.  Code points are uint32_t; anything above 0x10FFFF
   has no property (predicates false, values none, mappings identity).
   Each predicate is exactly CPython 3.11's str method of the same name
   on a one-character string; doc/pystm-unicode.md gives the rules. */
#ifndef PYSTM_UNICODE_H
#define PYSTM_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* unicodedata.unidata_version of the tables */
#define PYUNI_UNIDATA_VERSION "14.0.0"

/* identifiers (PEP 3131: XID_Start plus '_', XID_Continue) */
bool pyuni_is_id_start(uint32_t cp);
bool pyuni_is_id_continue(uint32_t cp);

/* str.isalpha() and friends, per code point */
bool pyuni_is_alpha(uint32_t cp);
bool pyuni_is_decimal(uint32_t cp);
bool pyuni_is_digit(uint32_t cp);
bool pyuni_is_numeric(uint32_t cp);
bool pyuni_is_alnum(uint32_t cp);
bool pyuni_is_space(uint32_t cp); /* also str.split()/strip() whitespace */
bool pyuni_is_printable(uint32_t cp);
bool pyuni_is_upper(uint32_t cp);
bool pyuni_is_lower(uint32_t cp);

/* Case properties behind str.title(), str.istitle() and the final-sigma
   rule of str.lower(): titlecase = category Lt; cased and case-ignorable
   as in Unicode's Default Case Algorithm (CPython's internal predicates). */
bool pyuni_is_titlecase(uint32_t cp);
bool pyuni_is_cased(uint32_t cp);
bool pyuni_is_case_ignorable(uint32_t cp);

/* str.splitlines() boundary (\r\n is the caller's business) */
bool pyuni_is_linebreak(uint32_t cp);

/* general category */
enum pyuni_category {
    PYUNI_Cn,
    PYUNI_Lu,
    PYUNI_Ll,
    PYUNI_Lt,
    PYUNI_Lm,
    PYUNI_Lo,
    PYUNI_Mn,
    PYUNI_Mc,
    PYUNI_Me,
    PYUNI_Nd,
    PYUNI_Nl,
    PYUNI_No,
    PYUNI_Pc,
    PYUNI_Pd,
    PYUNI_Ps,
    PYUNI_Pe,
    PYUNI_Pi,
    PYUNI_Pf,
    PYUNI_Po,
    PYUNI_Sm,
    PYUNI_Sc,
    PYUNI_Sk,
    PYUNI_So,
    PYUNI_Zs,
    PYUNI_Zl,
    PYUNI_Zp,
    PYUNI_Cc,
    PYUNI_Cf,
    PYUNI_Cs,
    PYUNI_Co,
};
enum pyuni_category pyuni_category(uint32_t cp);
const char *pyuni_category_name(uint32_t cp); /* "Lu", "Nd", ... */

/* values: unicodedata.decimal/digit (-1: none), unicodedata.numeric
   (false: none; note U+0F33 is -0.5, so no sentinel value works) */
int pyuni_decimal(uint32_t cp);
int pyuni_digit(uint32_t cp);
bool pyuni_numeric(uint32_t cp, double *value);

/* Case mappings.  The full ones are what str.lower()/upper()/title()/
   casefold() do to one character (without the final-sigma context rule):
   1 to 3 code points written to out, count returned.  The simple ones
   are CPython's one-code-point mappings (used by re's IGNORECASE): the
   first code point of the full mapping. */
uint32_t pyuni_to_lower(uint32_t cp);
uint32_t pyuni_to_upper(uint32_t cp);
uint32_t pyuni_to_title(uint32_t cp);
int pyuni_to_lower_full(uint32_t cp, uint32_t out[3]);
int pyuni_to_upper_full(uint32_t cp, uint32_t out[3]);
int pyuni_to_title_full(uint32_t cp, uint32_t out[3]);
int pyuni_casefold_full(uint32_t cp, uint32_t out[3]);

/* Normalization (unicode.c): unicodedata.normalize() and
   is_normalized(), and the NFKC the tokenizer applies to non-ASCII
   identifiers.  pyuni_normalize sets out to the normalized form of
   in[0..n) (out->data is malloc'ed and reused; the caller frees it);
   false when out of memory. */
enum pyuni_form { PYUNI_NFC, PYUNI_NFD, PYUNI_NFKC, PYUNI_NFKD };
struct pyuni_cpbuf {
    uint32_t *data;
    size_t len;
    size_t cap;
};
int pyuni_form_from_name(const char *name); /* "NFC".."NFKD", else -1 */
bool pyuni_normalize(enum pyuni_form form, const uint32_t *in, size_t n,
                     struct pyuni_cpbuf *out);
/* 1 normalized, 0 not, -1 out of memory */
int pyuni_is_normalized(enum pyuni_form form, const uint32_t *in, size_t n);
int pyuni_combining(uint32_t cp); /* canonical combining class */

/* The rest of unicodedata (unicode.c): bidirectional() ("" for
   unassigned), east_asian_width(), mirrored(), and decomposition(), whose
   string ("<compat> 0020 0308", "" for none) is written NUL-terminated to
   buf, its length returned. */
#define PYUNI_DECOMPOSITION_MAX 128
const char *pyuni_bidirectional(uint32_t cp);
const char *pyuni_east_asian_width(uint32_t cp);
bool pyuni_mirrored(uint32_t cp);
size_t pyuni_decomposition(uint32_t cp, char buf[PYUNI_DECOMPOSITION_MAX]);

/* Character names (unicode.c).  pyuni_name: unicodedata.name(), written
   NUL-terminated to buf; false if cp has no name (controls, unassigned,
   private use, surrogates).  pyuni_lookup: \N{name} (sequences false)
   or unicodedata.lookup(name) (sequences true): names, name aliases and,
   for lookup, named sequences; len bytes, no NUL needed.  Returns the
   number of code points written to out (1, or 2..4 for a sequence), 0 if
   the name is unknown. */
#define PYUNI_NAME_MAX 128
bool pyuni_name(uint32_t cp, char buf[PYUNI_NAME_MAX]);
int pyuni_lookup(const char *name, size_t len, bool sequences, uint32_t out[4]);

#endif
