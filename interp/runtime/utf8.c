/* UTF-8 codec: decoding and encoding with CPython 3.11's error ranges,
   reasons and built-in error handlers, and the word-at-a-time scans
   (ASCII check, code point count, validation) behind them.

   CPython's decoder reports each error as the "maximal subpart" of an
   ill-formed sequence (Unicode 14, section 3.9): an invalid start byte
   is 1 byte; otherwise the error covers the start byte and the
   continuation bytes that were still acceptable, ending before the first
   unacceptable one ("invalid continuation byte") or at the end of the
   input ("unexpected end of data").  Acceptable second bytes depend on
   the first (E0: A0..BF, ED: 80..9F, F0: 90..BF, F4: 80..8F), which is
   how overlongs, surrogates and values above 0x10FFFF are refused.  Error
   handlers then replace that range and decoding resumes after it. */

#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static inline uint64_t load64(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline bool is_cont(uint8_t b)
{
    return (b & 0xC0) == 0x80;
}

/* ---- growable output ---- */

bool pyutf8_buf_reserve(struct pyutf8_buf *buf, size_t n)
{
    if (buf->cap - buf->len >= n)
        return true;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap - buf->len < n) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    uint8_t *data = realloc(buf->data, cap);
    if (!data)
        return false;
    buf->data = data;
    buf->cap = cap;
    return true;
}

static bool append(struct pyutf8_buf *buf, const void *p, size_t n)
{
    if (!pyutf8_buf_reserve(buf, n))
        return false;
    memcpy(buf->data + buf->len, p, n);
    buf->len += n;
    return true;
}

int pyutf8_put(uint8_t out[4], uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | (cp >> 6));
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | (cp >> 12));
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | (cp >> 18));
    out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

uint32_t pyutf8_get(const uint8_t *in, int *n)
{
    uint8_t b = in[0];
    if (b < 0x80) {
        *n = 1;
        return b;
    }
    if (b < 0xE0) {
        *n = 2;
        return ((uint32_t)(b & 0x1F) << 6) | (in[1] & 0x3F);
    }
    if (b < 0xF0) {
        *n = 3;
        return ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(in[1] & 0x3F) << 6) |
               (in[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(in[1] & 0x3F) << 12) |
           ((uint32_t)(in[2] & 0x3F) << 6) | (in[3] & 0x3F);
}

/* ---- fast scans ---- */

bool pyutf8_is_ascii(const uint8_t *in, size_t len)
{
    size_t i = 0;
    /* OR whole blocks together (a loop compilers vectorize), testing the
       high bits once per block so non-ASCII input exits early. */
    while (len - i >= 64) {
        uint64_t acc = 0;
        for (int k = 0; k < 8; k++)
            acc |= load64(in + i + 8 * k);
        if (acc & HIGHS)
            return false;
        i += 64;
    }
    uint8_t acc = 0;
    for (; i < len; i++)
        acc |= in[i];
    return acc < 0x80;
}

size_t pyutf8_count(const uint8_t *in, size_t len)
{
    /* Code points = bytes that are not continuation bytes (10xxxxxx).
       Per 8-byte word, mark continuation bytes in bit 7 of each byte and
       add the marks up with one multiply. */
    size_t conts = 0;
    size_t i = 0;
    while (len - i >= 8) {
        uint64_t w = load64(in + i);
        uint64_t c = (w & ~(w << 1)) & HIGHS;
        conts += (size_t)(((c >> 7) * ONES) >> 56);
        i += 8;
    }
    for (; i < len; i++)
        conts += is_cont(in[i]);
    return len - conts;
}

static const char unexpected_end[] = "unexpected end of data";

/* Length of the ill-formed sequence at p (p[0] >= 0x80, not the start of
   a valid sequence), given avail >= 1 bytes; sets *reason. */
static size_t error_length(const uint8_t *p, size_t avail, const char **reason)
{
    uint8_t b0 = p[0];
    if (b0 < 0xC2 || b0 > 0xF4) {
        *reason = "invalid start byte";
        return 1;
    }
    size_t need = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b0 == 0xE0)
        lo = 0xA0;
    else if (b0 == 0xED)
        hi = 0x9F;
    else if (b0 == 0xF0)
        lo = 0x90;
    else if (b0 == 0xF4)
        hi = 0x8F;
    for (size_t k = 1; k < need; k++) {
        if (k == avail) {
            *reason = unexpected_end;
            return k;
        }
        bool ok = k == 1 ? (p[1] >= lo && p[1] <= hi) : is_cont(p[k]);
        if (!ok) {
            *reason = "invalid continuation byte";
            return k;
        }
    }
    /* unreachable for an ill-formed sequence; treat as a start error */
    *reason = "invalid start byte";
    return 1;
}

/* Length of the valid sequence at p (p[0] >= 0x80), or 0 if ill-formed. */
static inline size_t valid_length(const uint8_t *p, size_t avail)
{
    uint8_t b0 = p[0];
    if (b0 < 0xC2)
        return 0;
    if (b0 < 0xE0)
        return avail >= 2 && is_cont(p[1]) ? 2 : 0;
    if (b0 < 0xF0) {
        if (avail < 3 || !is_cont(p[1]) || !is_cont(p[2]))
            return 0;
        if ((b0 == 0xE0 && p[1] < 0xA0) || (b0 == 0xED && p[1] > 0x9F))
            return 0;
        return 3;
    }
    if (b0 > 0xF4 || avail < 4 || !is_cont(p[1]) || !is_cont(p[2]) ||
        !is_cont(p[3]))
        return 0;
    if ((b0 == 0xF0 && p[1] < 0x90) || (b0 == 0xF4 && p[1] > 0x8F))
        return 0;
    return 4;
}

/* Length of the longest valid prefix of in[0..len); *ncp gets its number
   of code points (one pass serves both validation and counting). */
static size_t scan_valid(const uint8_t *in, size_t len, size_t *ncp)
{
    size_t i = 0, n = 0;
    while (i < len) {
        if (in[i] < 0x80) {
            /* an ASCII stretch: 16 bytes at a time, then the tail; only
               tried at an ASCII byte, so text without ASCII skips it */
            size_t start = i;
            while (len - i >= 16 &&
                   !((load64(in + i) | load64(in + i + 8)) & HIGHS))
                i += 16;
            while (i < len && in[i] < 0x80)
                i++;
            n += i - start;
            continue;
        }
        size_t k = valid_length(in + i, len - i);
        if (!k)
            break;
        i += k;
        n++;
    }
    *ncp = n;
    return i;
}

size_t pyutf8_valid_prefix(const uint8_t *in, size_t len)
{
    size_t ncp;
    return scan_valid(in, len, &ncp);
}

/* ---- decoding ---- */

int pyutf8_handler_from_name(const char *name)
{
    static const char *const names[] = {
        "strict",
        "ignore",
        "replace",
        "surrogateescape",
        "surrogatepass",
        "backslashreplace",
        "xmlcharrefreplace",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    return -1;
}

static const char hexdigits[] = "0123456789abcdef";

enum pyutf8_status pyutf8_decode(const uint8_t *in, size_t len,
                                 enum pyutf8_handler handler, bool final,
                                 struct pyutf8_buf *out, size_t *ncodepoints,
                                 size_t *consumed, struct pyutf8_error *err)
{
    size_t i = 0, count = 0;
    enum pyutf8_status status = PYUTF8_OK;
    while (i < len) {
        size_t run_cps;
        size_t run = scan_valid(in + i, len - i, &run_cps);
        if (run) {
            if (!append(out, in + i, run)) {
                status = PYUTF8_NOMEM;
                break;
            }
            count += run_cps;
            i += run;
            if (i == len)
                break;
        }
        const char *reason;
        size_t n = error_length(in + i, len - i, &reason);
        if (!final && (reason == unexpected_end ||
                       (len - i == 2 && in[i] == 0xED && in[i + 1] >= 0xA0 &&
                        in[i + 1] <= 0xBF)))
            break; /* incomplete (or a truncated surrogate, which CPython
                      also holds back): wait for more input */
        uint8_t tmp[4 * 4];
        size_t tlen = 0;
        switch (handler) {
        case PYUTF8_IGNORE:
            break;
        case PYUTF8_REPLACE:
            tlen = (size_t)pyutf8_put(tmp, 0xFFFD);
            count++;
            break;
        case PYUTF8_SURROGATEESCAPE:
            /* error bytes are all >= 0x80, so this always succeeds */
            for (size_t k = 0; k < n; k++)
                tlen += (size_t)pyutf8_put(tmp + tlen, 0xDC00u + in[i + k]);
            count += n;
            break;
        case PYUTF8_BACKSLASHREPLACE:
            for (size_t k = 0; k < n; k++) {
                uint8_t b = in[i + k];
                const uint8_t esc[4] = {'\\', 'x', (uint8_t)hexdigits[b >> 4],
                                        (uint8_t)hexdigits[b & 15]};
                memcpy(tmp + tlen, esc, 4);
                tlen += 4;
            }
            count += 4 * n;
            break;
        case PYUTF8_SURROGATEPASS:
            /* accepts a surrogate's 3-byte form, which is also its
               generalized UTF-8 form, and nothing else */
            if (len - i >= 3 && in[i] == 0xED && in[i + 1] >= 0xA0 &&
                in[i + 1] <= 0xBF && is_cont(in[i + 2])) {
                memcpy(tmp, in + i, 3);
                tlen = 3;
                n = 3;
                count++;
                break;
            }
            status = PYUTF8_ERROR;
            break;
        case PYUTF8_XMLCHARREFREPLACE:
            status = PYUTF8_BAD_HANDLER;
            break;
        case PYUTF8_STRICT:
        default:
            status = PYUTF8_ERROR;
            break;
        }
        if (status != PYUTF8_OK) {
            err->start = i;
            err->end = i + n;
            err->reason = reason;
            break;
        }
        if (tlen && !append(out, tmp, tlen)) {
            status = PYUTF8_NOMEM;
            break;
        }
        i += n;
    }
    if (ncodepoints)
        *ncodepoints = count;
    if (consumed)
        *consumed = i;
    return status;
}

/* ---- encoding ---- */

/* Code points come from generalized UTF-8 or from a uint32_t array. */
struct source {
    const uint8_t *bytes;
    const uint32_t *cps;
};

static uint32_t source_cp(const struct source *src, size_t k)
{
    if (src->cps)
        return src->cps[k];
    int n;
    return pyutf8_get(src->bytes + 3 * k, &n); /* surrogates: 3 bytes */
}

/* Apply handler to the run of n surrogates starting at code point index
   idx (CPython hands the whole run to the handler at once). */
static enum pyutf8_status encode_surrogates(const struct source *src,
                                            size_t idx, size_t n,
                                            enum pyutf8_handler handler,
                                            struct pyutf8_buf *out,
                                            struct pyutf8_error *err)
{
    for (size_t k = 0; k < n; k++) {
        uint32_t cp = source_cp(src, k);
        uint8_t tmp[16];
        int tlen = 0;
        switch (handler) {
        case PYUTF8_IGNORE:
            break;
        case PYUTF8_REPLACE:
            tmp[tlen++] = '?';
            break;
        case PYUTF8_SURROGATEPASS:
            tlen = pyutf8_put(tmp, cp);
            break;
        case PYUTF8_SURROGATEESCAPE:
            if (cp >= 0xDC80 && cp <= 0xDCFF) {
                tmp[tlen++] = (uint8_t)(cp & 0xFF);
                break;
            }
            /* the rest of the run goes to the handler, which refuses it */
            err->start = idx + k;
            err->end = idx + n;
            err->reason = "surrogates not allowed";
            return PYUTF8_ERROR;
        case PYUTF8_BACKSLASHREPLACE:
            tmp[tlen++] = '\\';
            tmp[tlen++] = 'u';
            for (int shift = 12; shift >= 0; shift -= 4)
                tmp[tlen++] = (uint8_t)hexdigits[(cp >> shift) & 15];
            break;
        case PYUTF8_XMLCHARREFREPLACE: {
            char digits[8];
            int nd = 0;
            for (uint32_t v = cp; v; v /= 10)
                digits[nd++] = (char)('0' + v % 10);
            tmp[tlen++] = '&';
            tmp[tlen++] = '#';
            while (nd)
                tmp[tlen++] = (uint8_t)digits[--nd];
            tmp[tlen++] = ';';
            break;
        }
        case PYUTF8_STRICT:
        default:
            err->start = idx;
            err->end = idx + n;
            err->reason = "surrogates not allowed";
            return PYUTF8_ERROR;
        }
        if (tlen && !append(out, tmp, (size_t)tlen))
            return PYUTF8_NOMEM;
    }
    return PYUTF8_OK;
}

static inline bool is_surrogate_at(const uint8_t *p, size_t avail)
{
    return avail >= 3 && p[0] == 0xED && p[1] >= 0xA0;
}

enum pyutf8_status pyutf8_encode(const uint8_t *in, size_t len,
                                 enum pyutf8_handler handler,
                                 struct pyutf8_buf *out,
                                 struct pyutf8_error *err)
{
    size_t i = 0, idx = 0;
    while (i < len) {
        /* copy up to the next surrogate; only ED A0..BF xx starts one */
        size_t j = i;
        for (;;) {
            const uint8_t *p = memchr(in + j, 0xED, len - j);
            if (!p) {
                j = len;
                break;
            }
            j = (size_t)(p - in);
            if (is_surrogate_at(p, len - j))
                break;
            j++;
        }
        if (j > i) {
            if (!append(out, in + i, j - i))
                return PYUTF8_NOMEM;
            idx += pyutf8_count(in + i, j - i);
            i = j;
        }
        if (i == len)
            break;
        size_t n = 0;
        while (is_surrogate_at(in + i + 3 * n, len - i - 3 * n))
            n++;
        struct source src = {in + i, NULL};
        enum pyutf8_status st =
            encode_surrogates(&src, idx, n, handler, out, err);
        if (st != PYUTF8_OK)
            return st;
        i += 3 * n;
        idx += n;
    }
    return PYUTF8_OK;
}

enum pyutf8_status pyutf8_encode_cps(const uint32_t *in, size_t n,
                                     enum pyutf8_handler handler,
                                     struct pyutf8_buf *out,
                                     struct pyutf8_error *err)
{
    size_t i = 0;
    while (i < n) {
        if (in[i] < 0xD800 || in[i] > 0xDFFF) {
            uint8_t tmp[4];
            if (!append(out, tmp, (size_t)pyutf8_put(tmp, in[i])))
                return PYUTF8_NOMEM;
            i++;
            continue;
        }
        size_t m = 1;
        while (i + m < n && in[i + m] >= 0xD800 && in[i + m] <= 0xDFFF)
            m++;
        struct source src = {NULL, in + i};
        enum pyutf8_status st =
            encode_surrogates(&src, i, m, handler, out, err);
        if (st != PYUTF8_OK)
            return st;
        i += m;
    }
    return PYUTF8_OK;
}
