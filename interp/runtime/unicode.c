/* The hand-written half of the Unicode database: normalization
   (unicodedata.normalize, NFKC of identifiers), unicodedata's
   decomposition/bidirectional/east_asian_width/mirrored, and character
   names (unicodedata.name, unicodedata.lookup, the "\N{...}" escape).  The
   tables are generated into unicode_db.c (see the comments above them
   there); this file decodes them and does what is algorithmic: Hangul
   syllables (their decomposition, composition and names), canonical
   ordering and composition, and the "PREFIX-XXXX" ideograph names.

   Lookups follow CPython 3.11 exactly, quirks included: stored names and
   aliases match case-insensitively (ASCII), but "HANGUL SYLLABLE ..." and
   "CJK UNIFIED IDEOGRAPH-XXXX" are parsed case-sensitively, the latter
   with 4 or 5 upper-case hex digits (so "...-04E00" is accepted). */

#include "unicode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* from unicode_db.c */
extern const unsigned _pyuni_name_counts[4]; /* names, aliases, sequences,
                                                runs */
extern const unsigned _pyuni_name_block;
extern const unsigned _pyuni_name_one_byte_words;
extern const char *const _pyuni_name_prefixes[4];
extern const uint32_t _pyuni_name_ranges[];
extern const unsigned _pyuni_name_range_count;
extern const uint32_t _pyuni_name_runs[];
extern const uint32_t _pyuni_word_index[];
extern const uint32_t _pyuni_phrase_index[];
extern const uint16_t _pyuni_name_sorted[];
extern const uint32_t _pyuni_alias_targets[];
extern const uint32_t _pyuni_sequences[][4];
extern const uint8_t _pyuni_phrases[];
extern const char _pyuni_lexicon[];

#define N_NAMES     (_pyuni_name_counts[0])
#define N_ALIASES   (_pyuni_name_counts[1])
#define N_SEQUENCES (_pyuni_name_counts[2])
#define N_RUNS      (_pyuni_name_counts[3])
#define N_ENTRIES   (N_NAMES + N_ALIASES + N_SEQUENCES)

/* ---- Hangul syllables (Unicode 14, section 3.12) ---- */

#define HANGUL_BASE  0xAC00
#define HANGUL_COUNT 11172
#define HANGUL_V     21
#define HANGUL_T     28
#define JAMO_L_BASE  0x1100
#define JAMO_V_BASE  0x1161
#define JAMO_T_BASE  0x11A7 /* T index 0 means "no trailing consonant" */

/* ---- normalization ---- */

extern unsigned _pyuni_decomp_offset(uint32_t cp);
extern const uint8_t _pyuni_decomp_data[];
extern const char *const _pyuni_decomp_tags[];
extern unsigned _pyuni_bidi_width(uint32_t cp);
extern const char *const _pyuni_bidi_names[];
extern const char *const _pyuni_width_names[];
extern const unsigned _pyuni_comp_count;
extern const uint64_t _pyuni_comp_keys[];
extern const uint32_t _pyuni_comp_values[];

/* One code point of the (valid) UTF-8 in _pyuni_decomp_data. */
static uint32_t get_utf8(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint32_t cp;
    if (p[0] < 0x80) {
        cp = p[0];
        p += 1;
    } else if (p[0] < 0xE0) {
        cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
        p += 2;
    } else if (p[0] < 0xF0) {
        cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
             (p[2] & 0x3F);
        p += 3;
    } else {
        cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
             (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
        p += 4;
    }
    *pp = p;
    return cp;
}

static bool cp_reserve(struct pyuni_cpbuf *b, size_t n)
{
    if (b->cap - b->len >= n)
        return true;
    size_t cap = b->cap ? b->cap : 16;
    while (cap - b->len < n) {
        if (cap > SIZE_MAX / 8)
            return false;
        cap *= 2;
    }
    uint32_t *data = realloc(b->data, cap * sizeof *data);
    if (!data)
        return false;
    b->data = data;
    b->cap = cap;
    return true;
}

/* Append the full canonical (or, with compat, compatibility)
   decomposition of cp; room for 18 code points must be reserved. */
static void decompose(uint32_t cp, bool compat, struct pyuni_cpbuf *out)
{
    uint32_t *o = out->data + out->len;
    if (cp >= HANGUL_BASE && cp < HANGUL_BASE + HANGUL_COUNT) {
        uint32_t s = cp - HANGUL_BASE;
        *o++ = JAMO_L_BASE + s / (HANGUL_V * HANGUL_T);
        *o++ = JAMO_V_BASE + s % (HANGUL_V * HANGUL_T) / HANGUL_T;
        if (s % HANGUL_T)
            *o++ = JAMO_T_BASE + s % HANGUL_T;
        out->len = (size_t)(o - out->data);
        return;
    }
    unsigned off = _pyuni_decomp_offset(cp);
    const uint8_t *p = _pyuni_decomp_data + off - 1;
    unsigned n = 0;
    if (off) {
        unsigned nd = p[0], nk = p[1];
        p += 4;
        n = nd;
        if (compat && nk) {
            for (unsigned i = 0; i < nd; i++) /* skip the NFD */
                get_utf8(&p);
            n = nk;
        }
    }
    if (!n) {
        *o++ = cp;
    } else {
        for (unsigned i = 0; i < n; i++)
            *o++ = get_utf8(&p);
    }
    out->len = (size_t)(o - out->data);
}

/* Canonical ordering: stable sort of each run of non-starters by
   combining class (insertion sort: runs are short in real text). */
static void reorder(uint32_t *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        int c = pyuni_combining(s[i]);
        if (c == 0)
            continue;
        uint32_t cp = s[i];
        size_t j = i;
        while (j > 0 && pyuni_combining(s[j - 1]) > c) {
            s[j] = s[j - 1];
            j--;
        }
        s[j] = cp;
    }
}

/* The primary composite of a + b, or 0. */
static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    if (a >= JAMO_L_BASE && a < JAMO_L_BASE + 19 && b >= JAMO_V_BASE &&
        b < JAMO_V_BASE + HANGUL_V)
        return HANGUL_BASE +
               ((a - JAMO_L_BASE) * HANGUL_V + (b - JAMO_V_BASE)) * HANGUL_T;
    if (a >= HANGUL_BASE && a < HANGUL_BASE + HANGUL_COUNT &&
        (a - HANGUL_BASE) % HANGUL_T == 0 && b > JAMO_T_BASE &&
        b < JAMO_T_BASE + HANGUL_T)
        return a + (b - JAMO_T_BASE);
    uint64_t key = (uint64_t)a << 21 | b;
    size_t lo = 0, hi = _pyuni_comp_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (_pyuni_comp_keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < _pyuni_comp_count && _pyuni_comp_keys[lo] == key)
        return _pyuni_comp_values[lo];
    return 0;
}

/* Canonical composition in place (UAX #15): each character combines
   with the last starter unless something between them blocks it, i.e.
   has class 0 or a class >= its own.  last_class is that of the last
   character kept after the starter (0: none, so adjacent); 256 marks a
   string that starts with a non-starter, which nothing combines with. */
static size_t compose(uint32_t *s, size_t n)
{
    if (n == 0)
        return 0;
    size_t starter = 0, kept = 1;
    int last_class = pyuni_combining(s[0]) ? 256 : 0;
    for (size_t i = 1; i < n; i++) {
        uint32_t cp = s[i];
        int c = pyuni_combining(cp);
        uint32_t comp = last_class < c || last_class == 0
                            ? compose_pair(s[starter], cp)
                            : 0;
        if (comp && last_class != 256) {
            s[starter] = comp;
            continue;
        }
        if (c == 0)
            starter = kept;
        last_class = c;
        s[kept++] = cp;
    }
    return kept;
}

int pyuni_form_from_name(const char *name)
{
    static const char *const names[] = {"NFC", "NFD", "NFKC", "NFKD"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

bool pyuni_normalize(enum pyuni_form form, const uint32_t *in, size_t n,
                     struct pyuni_cpbuf *out)
{
    bool compat = form == PYUNI_NFKC || form == PYUNI_NFKD;
    out->len = 0;
    /* Fast path: below U+0300 everything is NFC and nothing composes (the
       second half of every composition pair is >= U+0300); below U+00A0
       everything is in all four forms. */
    uint32_t stable = form == PYUNI_NFC ? 0x300 : 0xA0, any = 0;
    for (size_t i = 0; i < n; i++)
        any |= in[i] >= stable;
    if (!any) {
        if (!cp_reserve(out, n))
            return false;
        if (n)
            memcpy(out->data, in, n * sizeof *in);
        out->len = n;
        return true;
    }
    for (size_t i = 0; i < n; i++) {
        if (!cp_reserve(out, 18)) /* the longest decomposition */
            return false;
        decompose(in[i], compat, out);
    }
    reorder(out->data, out->len);
    if (form == PYUNI_NFC || form == PYUNI_NFKC)
        out->len = compose(out->data, out->len);
    return true;
}

int pyuni_is_normalized(enum pyuni_form form, const uint32_t *in, size_t n)
{
    struct pyuni_cpbuf tmp = {0};
    if (!pyuni_normalize(form, in, n, &tmp)) {
        free(tmp.data);
        return -1;
    }
    int same = tmp.len == n && (n == 0 || memcmp(tmp.data, in, n * 4) == 0);
    free(tmp.data);
    return same;
}

/* ---- the rest of unicodedata ---- */

size_t pyuni_decomposition(uint32_t cp, char buf[PYUNI_DECOMPOSITION_MAX])
{
    unsigned off = _pyuni_decomp_offset(cp);
    buf[0] = 0;
    if (!off)
        return 0; /* Hangul syllables included, as in CPython */
    const uint8_t *p = _pyuni_decomp_data + off - 1;
    unsigned nd = p[0], nk = p[1], tag = p[2], ns = p[3];
    p += 4;
    /* the one-level mapping may be stored as "same as the NFD/NFKD" */
    unsigned skip = 0;
    if (ns == 64) {
        ns = nd;
    } else if (ns == 128) {
        skip = nk ? nd : 0; /* NFKD is stored after the NFD, or is it */
        ns = nk ? nk : nd;
    } else {
        skip = nd + nk;
    }
    for (unsigned i = 0; i < skip; i++)
        get_utf8(&p);
    size_t n = 0;
    n += (size_t)snprintf(buf, PYUNI_DECOMPOSITION_MAX, "%s",
                          _pyuni_decomp_tags[tag]);
    for (unsigned i = 0; i < ns; i++)
        n += (size_t)snprintf(buf + n, PYUNI_DECOMPOSITION_MAX - n, "%s%04X",
                              n ? " " : "", get_utf8(&p));
    return n;
}

const char *pyuni_bidirectional(uint32_t cp)
{
    return _pyuni_bidi_names[_pyuni_bidi_width(cp) & 31];
}

const char *pyuni_east_asian_width(uint32_t cp)
{
    return _pyuni_width_names[(_pyuni_bidi_width(cp) >> 5) & 7];
}

bool pyuni_mirrored(uint32_t cp)
{
    return (_pyuni_bidi_width(cp) >> 8) & 1;
}

/* ---- Hangul syllable names ---- */

static const char *const jamo_l[] = {
    "G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
    "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H",
};
static const char *const jamo_v[] = {
    "A",  "AE", "YA", "YAE", "EO", "E",  "YEO", "YE", "O",  "WA", "WAE",
    "OE", "YO", "U",  "WEO", "WE", "WI", "YU",  "EU", "YI", "I",
};
static const char *const jamo_t[] = {
    "",   "G",  "GG", "GS", "N",  "NJ", "NH", "D", "L",  "LG",
    "LM", "LB", "LS", "LT", "LP", "LH", "M",  "B", "BS", "S",
    "SS", "NG", "J",  "C",  "K",  "T",  "P",  "H",
};
static const char hangul_prefix[] = "HANGUL SYLLABLE ";

/* Index of the longest jamo name in names[] that s[0..len) starts with,
   or -1; *used gets its length. */
static int longest_jamo(const char *s, size_t len, const char *const *names,
                        int count, size_t *used)
{
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < count; i++) {
        size_t n = strlen(names[i]);
        if (n <= len && memcmp(s, names[i], n) == 0 &&
            (best < 0 || n > best_len)) {
            best = i;
            best_len = n;
        }
    }
    *used = best_len;
    return best;
}

static bool hangul_lookup(const char *s, size_t len, uint32_t *cp)
{
    size_t a, b, c;
    int l = longest_jamo(s, len, jamo_l, 19, &a);
    int v = longest_jamo(s + a, len - a, jamo_v, HANGUL_V, &b);
    int t = longest_jamo(s + a + b, len - a - b, jamo_t, HANGUL_T, &c);
    if (l < 0 || v < 0 || t < 0 || a + b + c != len)
        return false;
    *cp = HANGUL_BASE + (uint32_t)((l * HANGUL_V + v) * HANGUL_T + t);
    return true;
}

/* ---- stored names ---- */

/* Append word id to buf at *n. */
static void put_word(unsigned id, char *buf, size_t *n)
{
    const char *w = _pyuni_lexicon + _pyuni_word_index[id / 8];
    for (unsigned skip = id % 8; skip; w++)
        if (*w & 0x80)
            skip--;
    do
        buf[(*n)++] = (char)(*w & 0x7F);
    while (!(*w++ & 0x80));
}

/* Write entry k's name, NUL-terminated, to buf (PYUNI_NAME_MAX bytes);
   returns its length.  Entries are front-coded within their block, so
   decode from the block's start. */
static size_t entry_name(unsigned k, char *buf)
{
    const uint8_t *p =
        _pyuni_phrases + _pyuni_phrase_index[k / _pyuni_name_block];
    uint16_t words[32]; /* the generator checks that no name has more */
    unsigned nwords = 0;
    for (unsigned i = k - k % _pyuni_name_block;; i++) {
        unsigned shared = *p >> 4, fresh = *p & 15;
        p++;
        if (fresh == 15)
            fresh = *p++;
        nwords = shared;
        for (unsigned j = 0; j < fresh; j++) {
            unsigned id = *p++;
            if (id >= _pyuni_name_one_byte_words)
                id = _pyuni_name_one_byte_words +
                     ((id - _pyuni_name_one_byte_words) << 8 | *p++);
            words[nwords++] = (uint16_t)id;
        }
        if (i == k)
            break;
    }
    size_t n = 0;
    for (unsigned j = 0; j < nwords; j++) {
        if (j)
            buf[n++] = ' ';
        put_word(words[j], buf, &n);
    }
    buf[n] = 0;
    return n;
}

bool pyuni_name(uint32_t cp, char buf[PYUNI_NAME_MAX])
{
    if (cp >= HANGUL_BASE && cp < HANGUL_BASE + HANGUL_COUNT) {
        uint32_t s = cp - HANGUL_BASE;
        snprintf(buf, PYUNI_NAME_MAX, "%s%s%s%s", hangul_prefix,
                 jamo_l[s / (HANGUL_V * HANGUL_T)],
                 jamo_v[s % (HANGUL_V * HANGUL_T) / HANGUL_T],
                 jamo_t[s % HANGUL_T]);
        return true;
    }
    for (unsigned i = 0; i < _pyuni_name_range_count; i++) {
        const uint32_t *r = _pyuni_name_ranges + 3 * i;
        if (cp >= r[0] && cp <= r[1]) {
            snprintf(buf, PYUNI_NAME_MAX, "%s%04X", _pyuni_name_prefixes[r[2]],
                     cp);
            return true;
        }
    }
    /* binary search for the last run starting at or before cp */
    unsigned lo = 0, hi = N_RUNS;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (_pyuni_name_runs[3 * mid] <= cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return false;
    const uint32_t *run = _pyuni_name_runs + 3 * (lo - 1);
    if (cp - run[0] >= run[1])
        return false;
    entry_name(run[2] + (cp - run[0]), buf);
    return true;
}

/* Code point of name entry k < N_NAMES: find its run. */
static uint32_t entry_cp(unsigned k)
{
    unsigned lo = 0, hi = N_RUNS;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (_pyuni_name_runs[3 * mid + 2] <= k)
            lo = mid + 1;
        else
            hi = mid;
    }
    const uint32_t *run = _pyuni_name_runs + 3 * (lo - 1);
    return run[0] + (k - run[2]);
}

static bool is_upper_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* "PREFIX-XXXX" for range prefix k: the hex digits as the range names
   print them; CJK UNIFIED IDEOGRAPH (k == 0) also takes 5 digits with a
   leading zero, as CPython does. */
static bool range_lookup(const char *s, size_t len, unsigned k, uint32_t *cp)
{
    size_t plen = strlen(_pyuni_name_prefixes[k]);
    if (len <= plen || memcmp(s, _pyuni_name_prefixes[k], plen) != 0)
        return false;
    size_t nd = len - plen;
    if (nd < 4 || nd > (k == 0 ? 5 : 6))
        return false;
    uint32_t v = 0;
    for (size_t i = plen; i < len; i++) {
        if (!is_upper_hex(s[i]))
            return false;
        v = v * 16 + (uint32_t)(s[i] <= '9' ? s[i] - '0' : s[i] - 'A' + 10);
    }
    if (k != 0) {
        /* stored names in CPython: must be spelled exactly */
        char again[8];
        snprintf(again, sizeof again, "%04X", v);
        if (strlen(again) != nd)
            return false;
    }
    for (unsigned i = 0; i < _pyuni_name_range_count; i++) {
        const uint32_t *r = _pyuni_name_ranges + 3 * i;
        if (r[2] == k && v >= r[0] && v <= r[1]) {
            *cp = v;
            return true;
        }
    }
    return false;
}

int pyuni_lookup(const char *name, size_t len, bool sequences, uint32_t out[4])
{
    if (len == 0 || len >= PYUNI_NAME_MAX)
        return 0;
    size_t hp = sizeof hangul_prefix - 1;
    if (len > hp && memcmp(name, hangul_prefix, hp) == 0 &&
        hangul_lookup(name + hp, len - hp, out))
        return 1;
    if (range_lookup(name, len, 0, out))
        return 1;

    /* everything else is stored, and matched case-insensitively */
    char key[PYUNI_NAME_MAX];
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (c == 0)
            return 0;
        key[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    key[len] = 0;
    for (unsigned k = 1; k < 4; k++)
        if (range_lookup(key, len, k, out))
            return 1;

    char buf[PYUNI_NAME_MAX];
    unsigned lo = 0, hi = N_ENTRIES;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        unsigned e = _pyuni_name_sorted[mid];
        entry_name(e, buf);
        int c = strcmp(key, buf);
        if (c == 0) {
            if (e < N_NAMES) {
                out[0] = entry_cp(e);
                return 1;
            }
            if (e < N_NAMES + N_ALIASES) {
                out[0] = _pyuni_alias_targets[e - N_NAMES];
                return 1;
            }
            if (!sequences)
                return 0;
            const uint32_t *seq = _pyuni_sequences[e - N_NAMES - N_ALIASES];
            int n = 0;
            while (n < 4 && seq[n])
                out[n] = seq[n], n++;
            return n;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}
