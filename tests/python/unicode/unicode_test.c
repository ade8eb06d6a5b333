/* Test driver for interp/runtime/unicode_db.c and utf8.c.  It only
   prints what pystm's tables and codec answer; check_unicode.py produces
   CPython's answers and compares.  Modes:
     props        one line per code point 0..0x10FFFF (format below)
     codec        read cases from stdin, one answer line per case:
                    D <handler> <final 0/1> <hex bytes|->   decode
                    E <handler> <hex generalized UTF-8|->   encode
                    C <handler> <hex code points, '.'-separated|->
                                                         encode_cps
     names        "<cp> <name|->" per code point 0..0x10FFFF
     lookup       read "<0|1> <name>" lines (1: allow named sequences),
                  answer the code points ('.'-separated hex) or "-"
     norms        "<cp> <NFC> <NFD> <NFKC> <NFKD>" per code point
     norm         read "<form> <hex code points, '.'-separated|->" lines,
                  answer "<normalized code points|-> <is_normalized>"
     extra        "<cp> <bidi|-> <east asian width> <mirrored>
                  <decomposition, '_' for ' '|->" per code point
     selftest     checks that need no oracle (out-of-range code points,
                  pyutf8_get/put round trips); exit status says
     bench        codec speed in MB/s */

#include "../../../interp/runtime/unicode.h"
#include "../../../interp/runtime/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void put_mapping(int n, const uint32_t *m)
{
    for (int i = 0; i < n; i++)
        printf(i ? ".%x" : " %x", m[i]);
}

/* <cp> <flags> <cat> <decimal> <digit> <numeric bits|-> <lower> <upper>
   <title> <casefold> <simple lower> <simple upper> <simple title> */
static void dump_props(void)
{
    static char line[256];
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        bool f[] = {
            pyuni_is_alpha(cp),     pyuni_is_decimal(cp),
            pyuni_is_digit(cp),     pyuni_is_numeric(cp),
            pyuni_is_alnum(cp),     pyuni_is_space(cp),
            pyuni_is_printable(cp), pyuni_is_upper(cp),
            pyuni_is_lower(cp),     pyuni_is_titlecase(cp),
            pyuni_is_cased(cp),     pyuni_is_case_ignorable(cp),
            pyuni_is_id_start(cp),  pyuni_is_id_continue(cp),
            pyuni_is_linebreak(cp),
        };
        size_t nf = sizeof f / sizeof f[0];
        for (size_t i = 0; i < nf; i++)
            line[i] = f[i] ? '1' : '0';
        line[nf] = 0;
        printf("%x %s %s %d %d", cp, line, pyuni_category_name(cp),
               pyuni_decimal(cp), pyuni_digit(cp));
        double v;
        if (pyuni_numeric(cp, &v)) {
            uint64_t bits;
            memcpy(&bits, &v, 8);
            printf(" %llx", (unsigned long long)bits);
        } else {
            printf(" -");
        }
        uint32_t m[3];
        put_mapping(pyuni_to_lower_full(cp, m), m);
        put_mapping(pyuni_to_upper_full(cp, m), m);
        put_mapping(pyuni_to_title_full(cp, m), m);
        put_mapping(pyuni_casefold_full(cp, m), m);
        printf(" %x %x %x\n", pyuni_to_lower(cp), pyuni_to_upper(cp),
               pyuni_to_title(cp));
    }
}

static int hexval(int c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

static size_t parse_bytes(const char *s, uint8_t *out)
{
    size_t n = 0;
    if (*s == '-')
        return 0;
    for (; s[0] && s[1] && s[0] != '\n'; s += 2)
        out[n++] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
    return n;
}

static size_t parse_cps(const char *s, uint32_t *out)
{
    size_t n = 0;
    if (*s == '-')
        return 0;
    while (*s && *s != '\n') {
        out[n++] = (uint32_t)strtoul(s, (char **)&s, 16);
        if (*s == '.')
            s++;
    }
    return n;
}

static void put_hex(const uint8_t *p, size_t n)
{
    if (!n)
        fputs("-", stdout);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
}

/* "ok <hex output>" is left open for the caller's extra fields */
static void report(enum pyutf8_status st, struct pyutf8_buf *out,
                   struct pyutf8_error *err)
{
    if (st == PYUTF8_OK) {
        fputs("ok ", stdout);
        put_hex(out->data, out->len);
    } else if (st == PYUTF8_ERROR) {
        printf("err %zu %zu %s\n", err->start, err->end, err->reason);
    } else if (st == PYUTF8_BAD_HANDLER) {
        printf("bad\n");
    } else {
        printf("nomem\n");
    }
}

static void run_codec(void)
{
    static char line[1 << 16];
    static uint8_t bytes[1 << 15];
    static uint32_t cps[1 << 15];
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    while (fgets(line, sizeof line, stdin)) {
        char kind = line[0], handler_name[32];
        int pos = 0;
        if (sscanf(line + 2, "%31s %n", handler_name, &pos) != 1) {
            printf("badline\n");
            continue;
        }
        char *rest = line + 2 + pos;
        int handler = pyutf8_handler_from_name(handler_name);
        struct pyutf8_buf out = {0};
        struct pyutf8_error err = {0};
        if (kind == 'D') {
            int final = rest[0] == '1';
            size_t n = parse_bytes(rest + 2, bytes);
            size_t ncp = 0, consumed = 0;
            enum pyutf8_status st =
                pyutf8_decode(bytes, n, (enum pyutf8_handler)handler, final,
                              &out, &ncp, &consumed, &err);
            /* the scans ride along: they must agree with the decoder */
            if (st == PYUTF8_OK && handler == PYUTF8_STRICT && final &&
                (pyutf8_count(out.data, out.len) != ncp ||
                 pyutf8_valid_prefix(bytes, n) != n))
                printf("scan-mismatch ");
            if (handler == PYUTF8_STRICT && final && st == PYUTF8_ERROR &&
                pyutf8_valid_prefix(bytes, n) != err.start)
                printf("prefix-mismatch ");
            report(st, &out, &err);
            if (st == PYUTF8_OK)
                printf(" %d %zu %zu\n", pyutf8_is_ascii(bytes, n), consumed,
                       ncp);
        } else if (kind == 'E') {
            size_t n = parse_bytes(rest, bytes);
            enum pyutf8_status st = pyutf8_encode(
                bytes, n, (enum pyutf8_handler)handler, &out, &err);
            report(st, &out, &err);
            if (st == PYUTF8_OK)
                printf("\n");
        } else if (kind == 'C') {
            size_t n = parse_cps(rest, cps);
            enum pyutf8_status st = pyutf8_encode_cps(
                cps, n, (enum pyutf8_handler)handler, &out, &err);
            report(st, &out, &err);
            if (st == PYUTF8_OK)
                printf("\n");
        } else {
            printf("badline\n");
        }
        free(out.data);
    }
}

static void dump_names(void)
{
    char buf[PYUNI_NAME_MAX];
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    for (uint32_t cp = 0; cp < 0x110000; cp++)
        printf("%x %s\n", cp, pyuni_name(cp, buf) ? buf : "-");
}

static void run_lookups(void)
{
    static char line[1024];
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n')
            line[--len] = 0;
        uint32_t out[4];
        int n =
            len >= 2 ? pyuni_lookup(line + 2, len - 2, line[0] == '1', out) : 0;
        if (!n)
            printf("-");
        for (int i = 0; i < n; i++)
            printf(i ? ".%x" : "%x", out[i]);
        printf("\n");
    }
}

static void put_cps(const uint32_t *cps, size_t n)
{
    if (!n)
        fputs("-", stdout);
    for (size_t i = 0; i < n; i++)
        printf(i ? ".%x" : "%x", cps[i]);
}

static void dump_norms(void)
{
    struct pyuni_cpbuf out = {0};
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        printf("%x", cp);
        for (int form = 0; form < 4; form++) {
            pyuni_normalize((enum pyuni_form)form, &cp, 1, &out);
            putchar(' ');
            put_cps(out.data, out.len);
        }
        putchar('\n');
    }
    free(out.data);
}

static void run_norms(void)
{
    static char line[1 << 16];
    static uint32_t cps[1 << 15];
    struct pyuni_cpbuf out = {0};
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    while (fgets(line, sizeof line, stdin)) {
        char form_name[8];
        int pos = 0;
        if (sscanf(line, "%7s %n", form_name, &pos) != 1) {
            printf("badline\n");
            continue;
        }
        int form = pyuni_form_from_name(form_name);
        size_t n = parse_cps(line + pos, cps);
        if (form < 0 || !pyuni_normalize((enum pyuni_form)form, cps, n, &out)) {
            printf("badline\n");
            continue;
        }
        put_cps(out.data, out.len);
        printf(" %d\n", pyuni_is_normalized((enum pyuni_form)form, cps, n));
    }
    free(out.data);
}

static void dump_extra(void)
{
    char buf[PYUNI_DECOMPOSITION_MAX];
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        const char *bidi = pyuni_bidirectional(cp);
        size_t n = pyuni_decomposition(cp, buf);
        for (size_t i = 0; i < n; i++)
            if (buf[i] == ' ')
                buf[i] = '_';
        printf("%x %s %s %d %s\n", cp, *bidi ? bidi : "-",
               pyuni_east_asian_width(cp), pyuni_mirrored(cp), n ? buf : "-");
    }
}

static int selftest(void)
{
    int failed = 0, passed = 0;
#define CHECK(c)                                                     \
    do {                                                             \
        if (c) {                                                     \
            passed++;                                                \
        } else {                                                     \
            failed++;                                                \
            printf("selftest FAILED: %s (line %d)\n", #c, __LINE__); \
        }                                                            \
    } while (0)
    uint32_t m[3];
    double v;
    const uint32_t beyond[] = {0x110000, 0x7FFFFFFF, 0xFFFFFFFF};
    for (size_t i = 0; i < 3; i++) {
        uint32_t cp = beyond[i];
        CHECK(!pyuni_is_alpha(cp) && !pyuni_is_printable(cp) &&
              !pyuni_is_id_continue(cp) && !pyuni_is_space(cp));
        CHECK(pyuni_decimal(cp) == -1 && !pyuni_numeric(cp, &v));
        CHECK(pyuni_to_upper(cp) == cp);
        CHECK(pyuni_to_upper_full(cp, m) == 1 && m[0] == cp);
        CHECK(strcmp(pyuni_category_name(cp), "Cn") == 0);
    }
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        uint8_t b[4];
        int n = pyutf8_put(b, cp), k;
        if (pyutf8_get(b, &k) != cp || k != n) {
            failed++;
            printf("selftest FAILED: put/get U+%04X\n", cp);
            break;
        }
    }
    passed++;

    /* every scalar value, encoded back to back, decodes strictly to
       itself; with the surrogates added it needs surrogatepass */
    struct pyutf8_buf all = {0}, out = {0};
    struct pyutf8_error err;
    size_t ncp = 0, consumed = 0;
    for (int pass = 0; pass < 2; pass++) {
        all.len = 0;
        size_t count = 0, first_surrogate = 0;
        for (uint32_t cp = 0; cp < 0x110000; cp++) {
            if (pass == 0 && cp >= 0xD800 && cp <= 0xDFFF)
                continue;
            if (cp == 0xD800)
                first_surrogate = all.len;
            pyutf8_buf_reserve(&all, 4);
            all.len += (size_t)pyutf8_put(all.data + all.len, cp);
            count++;
        }
        out.len = 0;
        enum pyutf8_status st = pyutf8_decode(
            all.data, all.len, pass ? PYUTF8_SURROGATEPASS : PYUTF8_STRICT,
            true, &out, &ncp, &consumed, &err);
        CHECK(st == PYUTF8_OK && ncp == count && consumed == all.len &&
              out.len == all.len && memcmp(out.data, all.data, all.len) == 0);
        CHECK(pyutf8_count(all.data, all.len) == count);
        CHECK(pyutf8_valid_prefix(all.data, all.len) ==
              (pass ? first_surrogate : all.len));
        out.len = 0;
        st = pyutf8_encode(all.data, all.len,
                           pass ? PYUTF8_SURROGATEPASS : PYUTF8_STRICT, &out,
                           &err);
        CHECK(st == PYUTF8_OK && out.len == all.len &&
              memcmp(out.data, all.data, all.len) == 0);
    }
    free(all.data);
    free(out.data);
    printf("selftest: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Rate of f over buf, in MB/s (10^6 bytes), best of a few rounds. */
#define BENCH(label, size, expr)                                  \
    do {                                                          \
        double best = 1e9;                                        \
        volatile size_t sink = 0;                                 \
        for (int r = 0; r < 5; r++) {                             \
            double t0 = now();                                    \
            for (int k = 0; k < 20; k++)                          \
                sink += (size_t)(expr);                           \
            double t = (now() - t0) / 20;                         \
            if (t < best)                                         \
                best = t;                                         \
        }                                                         \
        (void)sink;                                               \
        printf("%-40s %8.0f MB/s\n", label, (size) / best / 1e6); \
    } while (0)

static void bench(void)
{
    size_t n = 16 << 20;
    uint8_t *ascii = malloc(n), *mixed = malloc(n);
    for (size_t i = 0; i < n; i++)
        ascii[i] = (uint8_t)('a' + i % 26);
    /* mixed: Latin, Greek, CJK, emoji -- about 2.4 bytes per code point */
    size_t m = 0;
    for (uint32_t k = 0; m + 4 <= n; k++) {
        static const uint32_t sample[] = {'x',     0xE9, 0x3B1, 0x4E2D,
                                          0x1F600, ' ',  0x416, 'Z'};
        m += (size_t)pyutf8_put(mixed + m, sample[k % 8]);
    }
    struct pyutf8_buf out = {0};
    pyutf8_buf_reserve(&out, n);
    struct pyutf8_error err;
    BENCH("is_ascii (ASCII)", n, pyutf8_is_ascii(ascii, n));
    BENCH("count (mixed)", m, pyutf8_count(mixed, m));
    BENCH("valid_prefix (ASCII)", n, pyutf8_valid_prefix(ascii, n));
    BENCH("valid_prefix (mixed)", m, pyutf8_valid_prefix(mixed, m));
    BENCH("decode strict (ASCII)", n,
          (out.len = 0, pyutf8_decode(ascii, n, PYUTF8_STRICT, true, &out, NULL,
                                      NULL, &err)));
    BENCH("decode strict (mixed)", m,
          (out.len = 0, pyutf8_decode(mixed, m, PYUTF8_STRICT, true, &out, NULL,
                                      NULL, &err)));
    BENCH("encode strict (mixed)", m,
          (out.len = 0, pyutf8_encode(mixed, m, PYUTF8_STRICT, &out, &err)));
    free(out.data);
    free(ascii);
    free(mixed);

    /* property and name lookups, in lookups per second */
    double t0 = now();
    size_t hits = 0;
    for (int r = 0; r < 10; r++)
        for (uint32_t cp = 0; cp < 0x110000; cp++)
            hits += pyuni_is_alpha(cp);
    double t = now() - t0;
    printf("%-40s %8.2f ns/lookup (%zu)\n", "is_alpha, all code points",
           t / (10.0 * 0x110000) * 1e9, hits);
    char name[PYUNI_NAME_MAX];
    t0 = now();
    hits = 0;
    for (uint32_t cp = 0; cp < 0x30000; cp++)
        hits += pyuni_name(cp, name);
    t = now() - t0;
    printf("%-40s %8.2f us/name (%zu)\n", "name, U+0000..U+2FFFF",
           t / 0x30000 * 1e6, hits);
    static const char *const samples[] = {
        "LATIN SMALL LETTER A",
        "GREEK CAPITAL LETTER OMEGA",
        "SNOWMAN",
        "EM DASH",
        "CJK UNIFIED IDEOGRAPH-4E00",
        "HANGUL SYLLABLE GA",
        "line feed",
        "no such name",
    };
    uint32_t cps[4];
    t0 = now();
    hits = 0;
    for (int r = 0; r < 20000; r++)
        for (int i = 0; i < 8; i++)
            hits +=
                (size_t)pyuni_lookup(samples[i], strlen(samples[i]), true, cps);
    t = now() - t0;
    printf("%-40s %8.2f us/lookup (%zu)\n", "lookup by name", t / 160000 * 1e6,
           hits);

    /* normalization, in million code points per second */
    size_t ncp = 1 << 20;
    uint32_t *text = malloc(ncp * sizeof *text);
    static const uint32_t latin[] = {'c', 'a', 'f', 0xE9, ' ',    'n',   0xE4,
                                     'i', 'v', 'e', ' ',  0x1E9B, 0x323, '.'};
    for (size_t i = 0; i < ncp; i++)
        text[i] = latin[i % 14];
    struct pyuni_cpbuf nout = {0};
    static const char *const form_names[] = {"NFC", "NFD", "NFKC", "NFKD"};
    for (int form = 0; form < 4; form++) {
        t0 = now();
        pyuni_normalize((enum pyuni_form)form, text, ncp, &nout);
        t = now() - t0;
        char label[64];
        snprintf(label, sizeof label, "%s (accented Latin)", form_names[form]);
        printf("%-40s %8.1f M code points/s\n", label, ncp / t / 1e6);
    }
    for (size_t i = 0; i < ncp; i++)
        text[i] = 'a' + i % 26;
    t0 = now();
    pyuni_normalize(PYUNI_NFC, text, ncp, &nout);
    t = now() - t0;
    printf("%-40s %8.1f M code points/s\n", "NFC (ASCII, fast path)",
           ncp / t / 1e6);
    free(nout.data);
    free(text);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "props") == 0)
        dump_props();
    else if (strcmp(mode, "codec") == 0)
        run_codec();
    else if (strcmp(mode, "names") == 0)
        dump_names();
    else if (strcmp(mode, "lookup") == 0)
        run_lookups();
    else if (strcmp(mode, "norms") == 0)
        dump_norms();
    else if (strcmp(mode, "norm") == 0)
        run_norms();
    else if (strcmp(mode, "extra") == 0)
        dump_extra();
    else if (strcmp(mode, "selftest") == 0)
        return selftest();
    else if (strcmp(mode, "bench") == 0)
        bench();
    else {
        fprintf(stderr,
                "usage: %s "
                "props|codec|names|lookup|norms|norm|extra|selftest|bench\n",
                argv[0]);
        return 2;
    }
    return 0;
}
