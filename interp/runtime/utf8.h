/* UTF-8 codec for pystm: bytes.decode('utf-8') and str.encode('utf-8')
   with CPython 3.11's error positions, reasons and built-in error
   handlers, plus fast scans (pure ASCII?, code point count).

   Strings on the pystm side are "generalized UTF-8": UTF-8 in which a
   lone surrogate U+D800..U+DFFF is stored as its 3-byte form ED A0 80 ..
   ED BF BF (the same convention as interp/parser/ast.h).  Decoding
   produces that form; encoding reads it (or an array of code points).

   No object model here: output goes to a pyutf8_buf, a malloc'ed growable
   byte buffer the caller owns (free(buf.data) when done). */
#ifndef PYSTM_UTF8_H
#define PYSTM_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pyutf8_buf {
    uint8_t *data;
    size_t len;
    size_t cap;
};

/* The built-in error handlers, by their Python names. */
enum pyutf8_handler {
    PYUTF8_STRICT,
    PYUTF8_IGNORE,
    PYUTF8_REPLACE,
    PYUTF8_SURROGATEESCAPE,
    PYUTF8_SURROGATEPASS,
    PYUTF8_BACKSLASHREPLACE,
    PYUTF8_XMLCHARREFREPLACE, /* encode only */
};

/* "strict" -> PYUTF8_STRICT, ...; -1 for a name that is not built in
   (the caller then decodes strictly and runs its own handler on the
   reported error, resuming at the position the handler returns). */
int pyutf8_handler_from_name(const char *name);

enum pyutf8_status {
    PYUTF8_OK,
    PYUTF8_ERROR,       /* err holds what UnicodeDecodeError/EncodeError
                           reports: start, end, reason */
    PYUTF8_BAD_HANDLER, /* decode with xmlcharrefreplace: CPython raises
                           TypeError("don't know how to handle
                           UnicodeDecodeError in error callback") */
    PYUTF8_NOMEM,
};

struct pyutf8_error {
    size_t start; /* decode: byte offsets; encode: code point indexes */
    size_t end;
    const char *reason; /* CPython's text, e.g. "invalid start byte" */
};

/* Decode in[0..len) appending generalized UTF-8 to out; *ncodepoints
   (optional) gets the number of code points appended.  With final false
   (an incremental decoder), a truncated but so far valid sequence at the
   end is not an error: it is left unconsumed.  *consumed (optional) gets
   the number of input bytes used; on PYUTF8_ERROR, out holds the decoded
   text before err->start and *consumed == err->start. */
enum pyutf8_status pyutf8_decode(const uint8_t *in, size_t len,
                                 enum pyutf8_handler handler, bool final,
                                 struct pyutf8_buf *out, size_t *ncodepoints,
                                 size_t *consumed, struct pyutf8_error *err);

/* Encode generalized UTF-8 text (as produced by pyutf8_decode: only the
   surrogates differ from plain UTF-8) to UTF-8 bytes, appending to out.
   Error positions are code point indexes, as in UnicodeEncodeError. */
enum pyutf8_status pyutf8_encode(const uint8_t *in, size_t len,
                                 enum pyutf8_handler handler,
                                 struct pyutf8_buf *out,
                                 struct pyutf8_error *err);

/* The same from an array of code points (each <= 0x10FFFF). */
enum pyutf8_status pyutf8_encode_cps(const uint32_t *in, size_t n,
                                     enum pyutf8_handler handler,
                                     struct pyutf8_buf *out,
                                     struct pyutf8_error *err);

/* Write cp (<= 0x10FFFF, surrogates allowed) as 1..4 bytes to out[];
   returns the count. */
int pyutf8_put(uint8_t out[4], uint32_t cp);

/* Read one code point of valid generalized UTF-8 at in (no checks);
 *n gets its length in bytes. */
uint32_t pyutf8_get(const uint8_t *in, int *n);

/* Fast scans. */
bool pyutf8_is_ascii(const uint8_t *in, size_t len);
/* number of code points in valid (generalized) UTF-8 */
size_t pyutf8_count(const uint8_t *in, size_t len);
/* length of the longest valid strict UTF-8 prefix */
size_t pyutf8_valid_prefix(const uint8_t *in, size_t len);

/* Grow buf so that n more bytes fit; false when out of memory. */
bool pyutf8_buf_reserve(struct pyutf8_buf *buf, size_t n);

#endif
