/* randommodule.c -- _random: the Mersenne Twister (MT19937) behind the
 * random module (interp/lib/random.py), giving CPython's sequences.
 *
 * The generator's state is a Python list of 625 small ints: the 624
 * 32-bit words and the index of the next word to use.  A list rather
 * than a C type because random.Random must be subclassable in Python
 * and pystm cannot subclass built-in types yet: random.py's class
 * Random keeps this list in an attribute and passes it to the
 * functions here.  Words are tagged ints, so reading and writing them
 * never allocates; a corrupted list gives wrong numbers, never a crash.
 *
 * Seeding follows CPython: an int seeds init_by_array() with the 32-bit
 * words of its absolute value (least significant first); a str (seed
 * version 2) is its UTF-8 bytes followed by their SHA-512 digest, read
 * as one big-endian int; other values seed with their hash; None with
 * 624 words from the OS.
 */
#include "../objects/abstract.h"
#include "../objects/exceptionobject.h"
#include "../objects/floatobject.h"
#include "../objects/funcobject.h"
#include "../objects/intobject.h"
#include "../objects/listobject.h"
#include "../objects/oserror.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../runtime/sha512.h"
#include "modules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define MT_N          624
#define MT_M          397
#define MT_MATRIX_A   0x9908b0dfU
#define MT_UPPER_MASK 0x80000000U
#define MT_LOWER_MASK 0x7fffffffU

/* a word of the state list, seen through %gs */
typedef TLPREFIX pyval StateWord;

/* a state held in C while seeding or reading it out */
struct mt {
    uint32_t word[MT_N];
    int64_t index;
};

/* ------------------------------------------------------------ the state list
 */

/* the values array of a state list, ready for writing, or NULL with a
   TypeError (valid until the next allocation) */
static StateWord *state_words(pyval state)
{
    if (!pylist_check(state) || pylist_len(state) != MT_N + 1) {
        pyerr_format(pyexc_TypeError, "_random: not a generator state");
        return NULL;
    }
    PyList *l = pylist(state);
    pyobj_read((PyObj *)l);
    PyValues *v = (PyValues *)l->items;
    pyobj_write((PyObj *)v);
    return v->item;
}

static uint32_t word_of(pyval v)
{
    return pyval_is_int(v) ? (uint32_t)pyval_int(v) : 0;
}

static void load(StateWord *w, struct mt *mt)
{
    for (int i = 0; i < MT_N; i++)
        mt->word[i] = word_of(w[i]);
    pyval index = w[MT_N];
    mt->index = pyval_is_int(index) ? pyval_int(index) : MT_N;
    if (mt->index < 0 || mt->index > MT_N)
        mt->index = MT_N;
}

static void store(StateWord *w, const struct mt *mt)
{
    for (int i = 0; i < MT_N; i++)
        w[i] = pyval_from_int(mt->word[i]);
    w[MT_N] = pyval_from_int(mt->index);
}

/* ------------------------------------------------------------ MT19937 */

static void init_genrand(struct mt *mt, uint32_t seed)
{
    mt->word[0] = seed;
    for (uint32_t i = 1; i < MT_N; i++) {
        uint32_t prev = mt->word[i - 1];
        mt->word[i] = 1812433253U * (prev ^ (prev >> 30)) + i;
    }
    mt->index = MT_N;
}

static void init_by_array(struct mt *mt, const uint32_t *key, size_t len)
{
    init_genrand(mt, 19650218U);
    uint32_t *w = mt->word;
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k > 0; k--) {
        w[i] = (w[i] ^ ((w[i - 1] ^ (w[i - 1] >> 30)) * 1664525U)) + key[j] +
               (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            w[0] = w[MT_N - 1];
            i = 1;
        }
        if (j >= len)
            j = 0;
    }
    for (size_t k = MT_N - 1; k > 0; k--) {
        w[i] = (w[i] ^ ((w[i - 1] ^ (w[i - 1] >> 30)) * 1566083941U)) -
               (uint32_t)i;
        i++;
        if (i >= MT_N) {
            w[0] = w[MT_N - 1];
            i = 1;
        }
    }
    w[0] = 0x80000000U; /* a non-zero initial state whatever the key */
}

static uint32_t twist_one(uint32_t upper, uint32_t lower, uint32_t far)
{
    uint32_t y = (upper & MT_UPPER_MASK) | (lower & MT_LOWER_MASK);
    return far ^ (y >> 1) ^ ((y & 1) ? MT_MATRIX_A : 0);
}

/* the next 624 words at once */
static void twist(uint32_t *w)
{
    int k;
    for (k = 0; k < MT_N - MT_M; k++)
        w[k] = twist_one(w[k], w[k + 1], w[k + MT_M]);
    for (; k < MT_N - 1; k++)
        w[k] = twist_one(w[k], w[k + 1], w[k + MT_M - MT_N]);
    w[MT_N - 1] = twist_one(w[MT_N - 1], w[0], w[MT_M - 1]);
}

/* the next tempered 32-bit output, from the state list's words */
static uint32_t next_word(StateWord *w)
{
    pyval iv = w[MT_N];
    int64_t index = pyval_is_int(iv) ? pyval_int(iv) : MT_N;
    if (index < 0 || index >= MT_N) {
        struct mt mt;
        load(w, &mt);
        twist(mt.word);
        mt.index = 0;
        store(w, &mt);
        index = 0;
    }
    uint32_t y = word_of(w[index]);
    w[MT_N] = pyval_from_int(index + 1);
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

/* ------------------------------------------------------------ seeding */

/* the 32-bit words of a big-endian byte string, least significant first,
   leading zero bytes ignored (at least one word): *len words, malloc'ed */
static uint32_t *words_of_bytes(const unsigned char *bytes, size_t n,
                                size_t *len)
{
    while (n > 0 && bytes[0] == 0) {
        bytes++;
        n--;
    }
    size_t count = n == 0 ? 1 : (n + 3) / 4;
    uint32_t *key = calloc(count, sizeof(uint32_t));
    if (key == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t from_end = n - 1 - i;
        key[from_end / 4] |= (uint32_t)bytes[i] << (8 * (from_end % 4));
    }
    *len = count;
    return key;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return (c | 0x20) - 'a' + 10;
}

/* the words of a non-negative int, through its hex text */
static uint32_t *words_of_int(pyval n, size_t *len)
{
    pyval hex = pyint_to_base(n, 16, false);
    if (hex == 0)
        return NULL;
    const char *text = pystr_utf8(hex);
    size_t digits = (size_t)pystr_nbytes(hex);
    unsigned char *bytes = malloc(digits / 2 + 1);
    if (bytes == NULL) {
        pyerr_no_memory();
        return NULL;
    }
    /* two hex digits a byte, an odd count padded with a leading 0 */
    size_t nbytes = (digits + 1) / 2;
    for (size_t b = 0; b < nbytes; b++) {
        int64_t hi_pos = (int64_t)digits - 2 * (int64_t)(nbytes - b);
        int hi = hi_pos >= 0 ? hex_digit(text[hi_pos]) : 0;
        int lo = hex_digit(text[hi_pos + 1]);
        bytes[b] = (unsigned char)(hi * 16 + lo);
    }
    uint32_t *key = words_of_bytes(bytes, nbytes, len);
    free(bytes);
    if (key == NULL)
        pyerr_no_memory();
    return key;
}

/* seed version 2 of a str: its UTF-8 bytes and their SHA-512 digest */
static uint32_t *words_of_str(pyval s, size_t *len)
{
    size_t n = (size_t)pystr_nbytes(s);
    unsigned char *bytes = malloc(n + PYSHA512_DIGEST_SIZE);
    if (bytes == NULL) {
        pyerr_no_memory();
        return NULL;
    }
    memcpy(bytes, pystr_utf8(s), n);
    pysha512(bytes, n, bytes + n);
    uint32_t *key = words_of_bytes(bytes, n + PYSHA512_DIGEST_SIZE, len);
    free(bytes);
    if (key == NULL)
        pyerr_no_memory();
    return key;
}

/* 624 words from the OS (or, failing that, the time and pid) */
static uint32_t *words_of_os(size_t *len)
{
    uint32_t *key = malloc(MT_N * sizeof(uint32_t));
    if (key == NULL) {
        pyerr_no_memory();
        return NULL;
    }
    size_t got = 0, want = MT_N * sizeof(uint32_t);
    while (got < want) {
        ssize_t r = getrandom((char *)key + got, want - got, 0);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got < want) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        key[0] = (uint32_t)ts.tv_sec;
        key[1] = (uint32_t)ts.tv_nsec;
        key[2] = (uint32_t)getpid();
        *len = 3;
        return key;
    }
    *len = MT_N;
    return key;
}

/* the seeding key for any accepted value */
static uint32_t *key_of(pyval a, size_t *len)
{
    if (a == py_None)
        return words_of_os(len);
    if (pyint_check(a)) {
        pyval n = pynum_abs(pyint_value(a));
        return n ? words_of_int(n, len) : NULL;
    }
    if (pyval_is_obj(a) && pyval_obj(a)->layout == PYL_STR)
        return words_of_str(a, len);
    /* anything else: its hash, as an unsigned word */
    int64_t h;
    if (pyobj_hash(a, &h) < 0)
        return NULL;
    unsigned char bytes[8];
    for (int i = 0; i < 8; i++)
        bytes[i] = (unsigned char)((uint64_t)h >> (8 * (7 - i)));
    uint32_t *key = words_of_bytes(bytes, 8, len);
    if (key == NULL)
        pyerr_no_memory();
    return key;
}

/* ------------------------------------------------------------ functions */

static pyval random_new_state(pyval self, const pyval *args, size_t nargs,
                              PyObj *kwnames)
{
    if (pyarg_count("new_state", nargs, 0, 0) < 0)
        return 0;
    pyval l = pylist_new(MT_N + 1);
    if (l == 0)
        return 0;
    StateWord *w = state_words(l);
    struct mt mt;
    init_genrand(&mt, 5489U);
    store(w, &mt);
    return l;
}

static pyval random_seed(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_count("seed", nargs, 2, 2) < 0)
        return 0;
    if (state_words(args[0]) == NULL)
        return 0;
    size_t len = 0;
    uint32_t *key = key_of(args[1], &len);
    if (key == NULL)
        return 0;
    struct mt mt;
    init_by_array(&mt, key, len);
    free(key);
    StateWord *w = state_words(args[0]);
    store(w, &mt);
    return py_None;
}

static pyval next_float(pyval state)
{
    StateWord *w = state_words(state);
    if (w == NULL)
        return 0;
    /* 53 bits: 27 from one word, 26 from the next */
    uint32_t a = next_word(w) >> 5, b = next_word(w) >> 6;
    return pyfloat_from_double((a * 67108864.0 + b) *
                               (1.0 / 9007199254740992.0));
}

/* random.random of the module's hidden generator: bound to its state */
static pyval random_bound_random(pyval self, const pyval *args, size_t nargs,
                                 PyObj *kwnames)
{
    if (pyarg_no_keywords("Random.random", kwnames) < 0 ||
        pyarg_count("Random.random", nargs, 0, 0) < 0)
        return 0;
    return next_float(self);
}

static const struct pymethod_def bound_random_def = {
    "random", random_bound_random, 0, NULL};

static pyval random_bind_random(pyval self, const pyval *args, size_t nargs,
                                PyObj *kwnames)
{
    if (pyarg_count("bind_random", nargs, 1, 1) < 0 ||
        state_words(args[0]) == NULL)
        return 0;
    return pybuiltin_new(&bound_random_def, args[0]);
}

static pyval random_random(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_count("random", nargs, 1, 1) < 0)
        return 0;
    return next_float(args[0]);
}

static pyval random_getrandbits(pyval self, const pyval *args, size_t nargs,
                                PyObj *kwnames)
{
    if (pyarg_count("getrandbits", nargs, 2, 2) < 0)
        return 0;
    pyval kv = pynum_index(args[1]);
    if (kv == 0)
        return 0;
    int64_t k;
    if (pyint_as_int64(kv, &k) < 0)
        return 0;
    if (k < 0)
        return pyerr_format(pyexc_ValueError,
                            "number of bits must be non-negative");
    StateWord *w = state_words(args[0]);
    if (w == NULL)
        return 0;
    if (k == 0)
        return pyval_from_int(0);
    if (k <= 32)
        return pyint_from_int64(next_word(w) >> (32 - k));
    /* words least significant first; the last one keeps its top bits */
    size_t nwords = (size_t)((k - 1) / 32 + 1);
    char *hex = malloc(nwords * 8 + 1);
    if (hex == NULL)
        return pyerr_no_memory();
    int64_t left = k;
    for (size_t i = 0; i < nwords; i++, left -= 32) {
        uint32_t r = next_word(w);
        if (left < 32)
            r >>= 32 - left;
        char digits[9];
        snprintf(digits, sizeof(digits), "%08x", r);
        memcpy(hex + 8 * (nwords - 1 - i), digits, 8);
    }
    pyval r = pyint_from_digits(hex, nwords * 8, 16);
    free(hex);
    return r;
}

/* SystemRandom's bits: k bits straight from the OS (getrandom) */
static pyval random_os_getrandbits(pyval self, const pyval *args, size_t nargs,
                                   PyObj *kwnames)
{
    if (pyarg_count("os_getrandbits", nargs, 1, 1) < 0)
        return 0;
    pyval kv = pynum_index(args[0]);
    int64_t k;
    if (kv == 0 || pyint_as_int64(kv, &k) < 0)
        return 0;
    if (k < 0)
        return pyerr_format(pyexc_ValueError,
                            "number of bits must be non-negative");
    if (k == 0)
        return pyval_from_int(0);
    size_t nbytes = (size_t)((k + 7) / 8);
    unsigned char *bytes = malloc(nbytes);
    char *hex = malloc(2 * nbytes + 1);
    if (bytes == NULL || hex == NULL) {
        free(bytes);
        free(hex);
        return pyerr_no_memory();
    }
    size_t got = 0;
    while (got < nbytes) {
        ssize_t r = getrandom(bytes + got, nbytes - got, 0);
        if (r <= 0) {
            free(bytes);
            free(hex);
            return pyerr_from_errno(r < 0 ? errno : EIO, 0);
        }
        got += (size_t)r;
    }
    /* the top k bits of the bytes read as one big-endian number */
    unsigned extra = (unsigned)(nbytes * 8 - (size_t)k);
    bytes[0] &= (unsigned char)(0xff >> extra);
    for (size_t i = 0; i < nbytes; i++)
        snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
    free(bytes);
    pyval r = pyint_from_digits(hex, 2 * nbytes, 16);
    free(hex);
    return r;
}

static pyval random_getstate(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_count("getstate", nargs, 1, 1) < 0)
        return 0;
    StateWord *w = state_words(args[0]);
    if (w == NULL)
        return 0;
    struct mt mt;
    load(w, &mt);
    pyval t = pytuple_new(MT_N + 1);
    if (t == 0)
        return 0;
    for (int i = 0; i < MT_N; i++)
        pytuple_init_item(t, i, pyval_from_int(mt.word[i]));
    pytuple_init_item(t, MT_N, pyval_from_int(mt.index));
    return t;
}

static pyval random_setstate(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_count("setstate", nargs, 2, 2) < 0)
        return 0;
    if (state_words(args[0]) == NULL)
        return 0;
    pyval t = args[1];
    if (!pyval_is_obj(t) || pyval_obj(t)->layout != PYL_TUPLE)
        return pyerr_format(pyexc_TypeError, "state vector must be a tuple");
    if (pytuple_size(t) != MT_N + 1)
        return pyerr_format(pyexc_ValueError, "state vector is the wrong size");
    struct mt mt;
    for (int i = 0; i <= MT_N; i++) {
        pyval v = pytuple_get(args[1], i);
        if (!pyint_check(v))
            return pyerr_format(pyexc_TypeError,
                                "an integer is required (got type %T)", v);
        v = pyint_value(v);
        if (pyint_sign(v) < 0)
            return pyerr_format(pyexc_OverflowError,
                                "can't convert negative int to unsigned");
        int64_t x;
        if (pyint_as_int64(v, &x) < 0)
            return 0;
        if (i < MT_N)
            mt.word[i] = (uint32_t)x;
        else if (x > MT_N)
            return pyerr_format(pyexc_ValueError, "invalid state");
        else
            mt.index = x;
    }
    StateWord *w = state_words(args[0]);
    store(w, &mt);
    return py_None;
}

static const struct pymethod_def random_functions[] = {
    {"new_state", random_new_state, 0, NULL},
    {"seed", random_seed, 0, NULL},
    {"random", random_random, 0, NULL},
    {"bind_random", random_bind_random, 0, NULL},
    {"getrandbits", random_getrandbits, 0, NULL},
    {"os_getrandbits", random_os_getrandbits, 0, NULL},
    {"getstate", random_getstate, 0, NULL},
    {"setstate", random_setstate, 0, NULL},
    {NULL, NULL, 0, NULL},
};

int pymod_random_init(pyval module, pyval *dictp)
{
    for (const struct pymethod_def *m = random_functions; m->name; m++) {
        pyval fn = pybuiltin_new(m, 0);
        if (fn == 0 || pymodule_add(dictp, m->name, fn) < 0)
            return -1;
    }
    return 0;
}
