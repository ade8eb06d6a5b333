/* strobject.c -- the str type's representation: making strings from
 * generalized UTF-8, their hash (CPython's, over the PEP 393 form),
 * indexing through the offset index, equality, order, concatenation,
 * slicing by code points, and the interned-string registry.
 * (The Python-level methods are in strmethods.c.)
 */
#include "strobject.h"

#include "../runtime/hash.h"
#include "../runtime/registry.h"
#include "../runtime/runtime.h"

#include <stdlib.h>
#include <string.h>

PyType *pytype_str;
static PyRegistry *interned;
static pyval latin1_chars[256]; /* one-character strings, prebuilt */

/* ------------------------------------------------------------ decoding */

/* The code point at p (valid generalized UTF-8) and its byte length. */
static inline uint32_t decode_at(const unsigned char *p, int *size)
{
    unsigned char c = p[0];
    if (c < 0x80) {
        *size = 1;
        return c;
    }
    if (c < 0xE0) {
        *size = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c < 0xF0) {
        *size = 3;
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
               (p[2] & 0x3F);
    }
    *size = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
           ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

static inline int encode_at(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

struct text_shape {
    int64_t length;
    uint32_t max_cp;
};

static struct text_shape shape_of(const unsigned char *p, size_t nbytes)
{
    struct text_shape sh = {0, 0};
    size_t i = 0;
    /* ASCII runs a word at a time */
    while (i < nbytes) {
        if (i + 8 <= nbytes) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ULL) == 0) {
                uint32_t top = 0;
                for (int k = 0; k < 8; k++)
                    top |= p[i + k];
                if (top > sh.max_cp)
                    sh.max_cp = top;
                i += 8;
                sh.length += 8;
                continue;
            }
        }
        int size;
        uint32_t cp = decode_at(p + i, &size);
        if (cp > sh.max_cp)
            sh.max_cp = cp;
        i += (size_t)size;
        sh.length++;
    }
    return sh;
}

/* ------------------------------------------------------------ building */

static size_t index_offset(int64_t nbytes)
{
    return ((size_t)nbytes + 1 + 7) & ~(size_t)7;
}

static int64_t index_entries(int64_t length)
{
    return (length + PYSTR_INDEX_STEP - 1) / PYSTR_INDEX_STEP;
}

size_t pystr_gc_size(struct pyobj_s *o)
{
    struct pystr_s *s = (struct pystr_s *)o;
    size_t size = sizeof(struct pystr_s) + index_offset(s->nbytes);
    if (!s->ascii)
        size += (size_t)index_entries(s->length) * sizeof(int64_t);
    return pyrt_round_size(size);
}

/* CPython hashes the PEP 393 form: 1, 2 or 4 bytes per code point */
static int64_t hash_text(const unsigned char *p, size_t nbytes, bool ascii,
                         int width, int64_t length)
{
    if (ascii)
        return pyhash_bytes(p, nbytes);
    size_t size = (size_t)length * (size_t)width;
    unsigned char stackbuf[512];
    unsigned char *buf = size <= sizeof(stackbuf) ? stackbuf : malloc(size);
    if (buf == NULL)
        return -1; /* caller reports MemoryError */
    memset(buf, 0, size); /* gcc cannot see that the loop fills it all */
    size_t i = 0, k = 0;
    while (i < nbytes) {
        int n;
        uint32_t cp = decode_at(p + i, &n);
        i += (size_t)n;
        if (width == 1) {
            buf[k++] = (unsigned char)cp;
        } else if (width == 2) {
            buf[k++] = (unsigned char)cp;
            buf[k++] = (unsigned char)(cp >> 8);
        } else {
            memcpy(buf + k, &cp, 4);
            k += 4;
        }
    }
    int64_t h = pyhash_bytes(buf, k); /* k == size */
    if (buf != stackbuf)
        free(buf);
    return h;
}

/* A string of this shape with uninitialized text (to be written next,
   then finish_string()). */
static PyStr *allocate_string(int64_t nbytes, struct text_shape sh)
{
    bool ascii = sh.max_cp < 0x80;
    size_t size = sizeof(struct pystr_s) + index_offset(nbytes);
    if (!ascii)
        size += (size_t)index_entries(sh.length) * sizeof(int64_t);
    PyStr *s = (PyStr *)pyobj_alloc(size, PYL_STR, pytype_str);
    s->length = sh.length;
    s->nbytes = nbytes;
    s->ascii = ascii;
    s->width = sh.max_cp < 0x100 ? 1 : sh.max_cp < 0x10000 ? 2 : 4;
    s->hash = 0;
    return s;
}

/* the text is in place: NUL, index, hash */
static void finish_string(PyStr *s)
{
    char *base = pyobj_real((PyObj *)s);
    struct pystr_s *r = (struct pystr_s *)base;
    r->data[r->nbytes] = 0;
    if (!r->ascii) {
        int64_t *index = (int64_t *)(r->data + index_offset(r->nbytes));
        const unsigned char *p = (const unsigned char *)r->data;
        int64_t offset = 0;
        for (int64_t i = 0; i < r->length; i++) {
            if (i % PYSTR_INDEX_STEP == 0)
                index[i / PYSTR_INDEX_STEP] = offset;
            int n;
            decode_at(p + offset, &n);
            offset += n;
        }
    }
    r->hash = hash_text((const unsigned char *)r->data, (size_t)r->nbytes,
                        r->ascii, r->width, r->length);
}

pyval pystr_from_utf8(const char *text, size_t nbytes)
{
    if (nbytes == 1 && latin1_chars[(unsigned char)text[0]] != 0)
        return latin1_chars[(unsigned char)text[0]];
    struct text_shape sh = shape_of((const unsigned char *)text, nbytes);
    PyStr *s = allocate_string((int64_t)nbytes, sh);
    memcpy(pyobj_real((PyObj *)s) + offsetof(struct pystr_s, data), text,
           nbytes);
    finish_string(s);
    return pyval_from_obj((PyObj *)s);
}

pyval pystr_from_cstr(const char *text)
{
    return pystr_from_utf8(text, strlen(text));
}

pyval pystr_from_codepoint(uint32_t cp)
{
    if (cp < 256 && latin1_chars[cp] != 0)
        return latin1_chars[cp];
    char buf[4];
    int n = encode_at(cp, buf);
    return pystr_from_utf8(buf, (size_t)n);
}

/* ------------------------------------------------------------ reading */

int64_t pystr_offset_of(pyval v, int64_t i)
{
    PyStr *s = pystr(v);
    if (s->ascii || i == 0)
        return i;
    if (i >= s->length)
        return s->nbytes;
    const struct pystr_s *r = (const struct pystr_s *)pyobj_real((PyObj *)s);
    const int64_t *index = (const int64_t *)(r->data + index_offset(r->nbytes));
    int64_t offset = index[i / PYSTR_INDEX_STEP];
    const unsigned char *p = (const unsigned char *)r->data;
    for (int64_t k = i % PYSTR_INDEX_STEP; k > 0; k--) {
        int n;
        decode_at(p + offset, &n);
        offset += n;
    }
    return offset;
}

uint32_t pystr_char_at(pyval v, int64_t i)
{
    const unsigned char *p = (const unsigned char *)pystr_utf8(v);
    if (pystr(v)->ascii)
        return p[i];
    int n;
    return decode_at(p + pystr_offset_of(v, i), &n);
}

bool pystr_eq(pyval a, pyval b)
{
    if (a == b)
        return true;
    PyStr *x = pystr(a), *y = pystr(b);
    if (x->hash != y->hash || x->nbytes != y->nbytes)
        return false;
    return memcmp(pystr_utf8(a), pystr_utf8(b), (size_t)x->nbytes) == 0;
}

/* UTF-8 byte order is code point order, and generalized UTF-8 keeps
   surrogates (ED A0..BF) in their place between U+D7FF and U+E000. */
int pystr_compare(pyval a, pyval b)
{
    int64_t na = pystr_nbytes(a), nb = pystr_nbytes(b);
    int c = memcmp(pystr_utf8(a), pystr_utf8(b), (size_t)(na < nb ? na : nb));
    if (c != 0)
        return c < 0 ? -1 : 1;
    return na < nb ? -1 : na > nb;
}

/* ------------------------------------------------------------ building from
 * strings */

pyval pystr_concat(pyval a, pyval b)
{
    if (pystr_length(a) == 0)
        return b;
    if (pystr_length(b) == 0)
        return a;
    int64_t na = pystr_nbytes(a), nb = pystr_nbytes(b);
    struct text_shape sh = {pystr_length(a) + pystr_length(b),
                            pystr(a)->ascii && pystr(b)->ascii ? 0x7F : 0x80};
    int width =
        pystr(a)->width > pystr(b)->width ? pystr(a)->width : pystr(b)->width;
    if (width == 2)
        sh.max_cp = 0xFFFF;
    else if (width == 4)
        sh.max_cp = 0x10FFFF;
    PY_PUSHV(a);
    PY_PUSHV(b);
    PyStr *s = allocate_string(na + nb, sh);
    PY_POPV(b);
    PY_POPV(a);
    char *dst = pyobj_real((PyObj *)s) + offsetof(struct pystr_s, data);
    memcpy(dst, pystr_utf8(a), (size_t)na);
    memcpy(dst + na, pystr_utf8(b), (size_t)nb);
    finish_string(s);
    return pyval_from_obj((PyObj *)s);
}

pyval pystr_substring(pyval v, int64_t start, int64_t stop)
{
    if (start <= 0 && stop >= pystr_length(v))
        return v;
    if (stop <= start)
        return pystr_from_utf8("", 0);
    int64_t from = pystr_offset_of(v, start), to = pystr_offset_of(v, stop);
    if (to - from == 1)
        return latin1_chars[(unsigned char)pystr_utf8(v)[from]];
    struct text_shape sh = shape_of((const unsigned char *)pystr_utf8(v) + from,
                                    (size_t)(to - from));
    PY_PUSHV(v);
    PyStr *s = allocate_string(to - from, sh);
    PY_POPV(v);
    memcpy(pyobj_real((PyObj *)s) + offsetof(struct pystr_s, data),
           pystr_utf8(v) + from, (size_t)(to - from));
    finish_string(s);
    return pyval_from_obj((PyObj *)s);
}

/* ------------------------------------------------------------ interning */

/* Registry keys are the hash, then the next keys on a collision of two
   different texts (open addressing over the registry's keys). */
pyval pystr_intern(pyval v)
{
    uint64_t key = (uint64_t)pystr(v)->hash;
    while (1) {
        pyval found = pyreg_get(interned, key);
        if (found == 0)
            break;
        if (pystr_eq(found, v))
            return found;
        key++;
    }
    /* the flag lets caches keyed by names trust the address */
    pyobj_write(pyval_obj(v));
    pyval_obj(v)->flags |= PYOBJ_INTERNED;
    PY_PUSHV(v);
    pyreg_set(interned, key, v);
    PY_POPV(v);
    return v;
}

pyval pystr_intern_utf8(const char *text, size_t nbytes)
{
    pyval s = pystr_from_utf8(text, nbytes);
    return s == 0 ? 0 : pystr_intern(s);
}

#define NAME_CACHE_SIZE 512

static __thread struct {
    const char *literal;
    pyval str;
} name_cache[NAME_CACHE_SIZE];

pyval pystr_name(const char *literal)
{
    size_t i = ((uintptr_t)literal >> 3) & (NAME_CACHE_SIZE - 1);
    if (name_cache[i].literal == literal)
        return name_cache[i].str;
    pyval s = pystr_intern_utf8(literal, strlen(literal));
    /* interned strs live for ever; young ones may still move */
    if (s != 0 && !stm_can_move((object_t *)s)) {
        name_cache[i].literal = literal;
        name_cache[i].str = s;
    }
    return s;
}

/* ------------------------------------------------------------ setup */

/* Outside transactions: C globals may only point to old objects (they
   never move), so the one-character strings are made in a transaction
   and picked up from the registry in the next one. */
void pystr_setup(void)
{
    interned = pyreg_new();
    for (int pass = 0; pass < 2; pass++) {
        pyrt_start_transaction();
        /* the GIL build does not empty the nursery at commits: a minor
           collection makes the strings of pass 0 old before pass 1 */
        if (pass == 1)
            stm_collect(0);
        for (uint32_t cp = 0; cp < 256; cp++) {
            char buf[2];
            int n = encode_at(cp, buf);
            pyval s = pystr_intern_utf8(buf, (size_t)n);
            if (pass == 1)
                latin1_chars[cp] = s;
        }
        pyrt_commit_transaction();
    }
}
