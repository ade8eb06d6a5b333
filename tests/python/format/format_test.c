/* Test driver for the number <-> text layer (interp/runtime/dtoa.c and
   format.c): reads the cases gen_cases.py printed from CPython on stdin,
   runs each through pystm's code and compares byte for byte.  Prints
   "N passed, N failed" and the first mismatches; exits 1 on any
   failure.  With --bench, times repr() instead. */
#include "../../../interp/runtime/dtoa.h"
#include "../../../interp/runtime/format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long passed, failed;

/* Decodes a hex field in place ("-" is the empty string). */
static size_t unhex(char *s)
{
    if (strcmp(s, "-") == 0) {
        s[0] = 0;
        return 0;
    }
    size_t n = 0;
    for (char *p = s; p[0] && p[1]; p += 2) {
        unsigned v;
        sscanf(p, "%2x", &v);
        s[n++] = (char)v;
    }
    s[n] = 0;
    return n;
}

static double from_bits(const char *h)
{
    uint64_t b = strtoull(h, NULL, 16);
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static void to_bits(double x, char *out)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    sprintf(out, "%016llx", (unsigned long long)b);
}

static const char *exc_name(int code)
{
    switch (code) {
    case PYFMT_VALUE:
        return "ValueError";
    case PYFMT_OVERFLOW:
        return "OverflowError";
    case PYFMT_TYPE:
        return "TypeError";
    default:
        return "MemoryError";
    }
}

/* Sets got to the output or "!Exc:msg". */
static void result(pyfmt_buf *got, int rc, const pyfmt_err *err)
{
    if (rc == PYFMT_OK)
        return;
    got->len = 0;
    char tmp[600];
    int n = snprintf(tmp, sizeof tmp, "!%s:%s", exc_name(rc),
                     rc == PYFMT_NOMEM ? "" : err->msg);
    pyfmt_buf_append(got, tmp, (size_t)n);
}

static void check(const char *what, const char *input, const char *expect,
                  size_t elen, const char *got, size_t glen)
{
    if (elen == glen && memcmp(expect, got, elen) == 0) {
        passed++;
        return;
    }
    if (failed++ < 30)
        printf("FAIL %s %s\n  expected: %.*s\n  got:      %.*s\n", what, input,
               (int)(elen > 300 ? 300 : elen), expect,
               (int)(glen > 300 ? 300 : glen), got);
}

#define MAXF 12

static void run_line(char *line)
{
    char *f[MAXF];
    int nf = 0;
    for (char *p = strtok(line, "\t\n"); p && nf < MAXF;
         p = strtok(NULL, "\t\n"))
        f[nf++] = p;
    if (nf < 2)
        return;
    pyfmt_buf got;
    pyfmt_buf_init(&got);
    pyfmt_err err = {{0}};
    char in[1200];
    char tmp[128];
    switch (f[0][0]) {
    case 'R': {
        char out[PYDTOA_REPR_MAX];
        size_t n = pydtoa_repr(from_bits(f[1]), out);
        check("repr", f[1], f[2], strlen(f[2]), out, n);
        break;
    }
    case 'F': {
        double x = from_bits(f[1]);
        size_t sl = unhex(f[2]);
        size_t el = unhex(f[3]);
        pyfmt_spec spec;
        int rc = pyfmt_parse_spec(f[2], sl, 0, "float", &spec, &err);
        if (rc == PYFMT_OK)
            rc = pyfmt_format_float(&got, &spec, x, &err);
        result(&got, rc, &err);
        snprintf(in, sizeof in, "format(%.17g, '%s')", x, f[2]);
        check("F", in, f[3], el, got.data ? got.data : "", got.len);
        break;
    }
    case 'I': {
        /* I dec hex oct bin neg spec type expected */
        size_t sl = unhex(f[6]);
        size_t el = unhex(f[8]);
        bool neg = f[5][0] == '1';
        pyfmt_spec spec;
        int rc = pyfmt_parse_spec(f[6], sl, 'd', f[7], &spec, &err);
        if (rc == PYFMT_OK) {
            int base = pyfmt_int_base(&spec);
            if (base == 0) {
                double x = strtod(f[1], NULL);
                if (isinf(x)) {
                    rc = PYFMT_OVERFLOW;
                    snprintf(err.msg, sizeof err.msg,
                             "int too large to convert to float");
                } else {
                    rc = pyfmt_format_float(&got, &spec, neg ? -x : x, &err);
                }
            } else {
                const char *d = base == 16  ? f[2]
                                : base == 8 ? f[3]
                                : base == 2 ? f[4]
                                            : f[1];
                rc = pyfmt_format_int(&got, &spec, neg, d, strlen(d), &err);
            }
        }
        result(&got, rc, &err);
        snprintf(in, sizeof in, "format(%s%.40s, '%s') [%s]", neg ? "-" : "",
                 f[1], f[6], f[7]);
        check("I", in, f[8], el, got.data ? got.data : "", got.len);
        break;
    }
    case 'S': {
        size_t tl = unhex(f[1]);
        size_t sl = unhex(f[2]);
        size_t el = unhex(f[3]);
        pyfmt_spec spec;
        int rc = pyfmt_parse_spec(f[2], sl, 's', "str", &spec, &err);
        if (rc == PYFMT_OK)
            rc = pyfmt_format_str(&got, &spec, f[1], tl, &err);
        result(&got, rc, &err);
        snprintf(in, sizeof in, "format('%s', '%s')", f[1], f[2]);
        check("S", in, f[3], el, got.data ? got.data : "", got.len);
        break;
    }
    case 'P': {
        /* P conv flags width prec value expected */
        int conv = f[1][0];
        size_t fl = unhex(f[2]);
        int flags = 0;
        for (size_t i = 0; i < fl; i++)
            flags |= f[2][i] == '-'   ? PYFMT_F_LJUST
                     : f[2][i] == '+' ? PYFMT_F_SIGN
                     : f[2][i] == ' ' ? PYFMT_F_BLANK
                     : f[2][i] == '#' ? PYFMT_F_ALT
                                      : PYFMT_F_ZERO;
        long wd = atol(f[3]), pr = atol(f[4]);
        char *v = f[5];
        size_t el = unhex(f[6]);
        int rc;
        if (v[0] == 'F') {
            rc = pyfmt_printf_float(&got, conv, flags, wd, pr, from_bits(v + 1),
                                    &err);
        } else if (v[0] == 'S') {
            size_t tl = unhex(v + 1);
            rc = pyfmt_printf_str(&got, flags, wd, pr, v + 1, tl);
        } else if (conv == 'c') {
            rc = pyfmt_printf_char(&got, flags, wd, atoll(v + 1), &err);
        } else {
            /* dec,hex,oct,bin,neg */
            char *dec = strtok(v + 1, ","), *hex = strtok(NULL, ",");
            char *oct = strtok(NULL, ","), *bin = strtok(NULL, ",");
            bool neg = strtok(NULL, ",")[0] == '1';
            (void)bin;
            const char *d = conv == 'o'                  ? oct
                            : conv == 'x' || conv == 'X' ? hex
                                                         : dec;
            rc = pyfmt_printf_int(&got, conv, flags, wd, pr, neg, d, strlen(d),
                                  &err);
        }
        result(&got, rc, &err);
        snprintf(in, sizeof in, "'%%%s%ld.%ld%c' %% %.60s", f[2], wd, pr, conv,
                 v);
        check("P", in, f[6], el, got.data ? got.data : "", got.len);
        break;
    }
    case 'D': {
        double x = from_bits(f[1]), r = 0;
        long nd = atol(f[2]);
        if (nd > 1000000)
            nd = 1000000;
        int rc = pydtoa_round(x, (int)nd, &r);
        if (rc == PYDTOA_OVERFLOW)
            snprintf(tmp, sizeof tmp,
                     "!OverflowError:rounded value too large to represent");
        else
            to_bits(r, tmp);
        snprintf(in, sizeof in, "round(%.17g, %ld)", x, nd);
        check("round", in, f[3], strlen(f[3]), tmp, strlen(tmp));
        break;
    }
    case 'V': {
        size_t sl = unhex(f[1]);
        double r = 0;
        int rc = pydtoa_parse(f[1], sl, &r);
        if (rc == PYDTOA_OK) {
            to_bits(r, tmp);
            pyfmt_buf_append(&got, tmp, strlen(tmp));
        } else {
            pyfmt_buf_append(&got, "!ValueError:", 12);
            pydtoa_parse_error(&got, f[1], sl, NULL);
        }
        snprintf(in, sizeof in, "float('%.200s')", f[1]);
        check("float", in, f[2], strlen(f[2]), got.data, got.len);
        break;
    }
    case 'H': {
        char out[PYDTOA_REPR_MAX];
        size_t n = pydtoa_hex(from_bits(f[1]), out);
        check("hex", f[1], f[2], strlen(f[2]), out, n);
        break;
    }
    case 'X': {
        size_t sl = unhex(f[1]);
        double r = 0;
        int rc = pydtoa_fromhex(f[1], sl, &r);
        if (rc == PYDTOA_OK)
            to_bits(r, tmp);
        else if (rc == PYDTOA_OVERFLOW)
            snprintf(tmp, sizeof tmp,
                     "!OverflowError:hexadecimal value too "
                     "large to represent as a float");
        else
            snprintf(tmp, sizeof tmp,
                     "!ValueError:invalid hexadecimal "
                     "floating-point string");
        snprintf(in, sizeof in, "float.fromhex('%.200s')", f[1]);
        check("fromhex", in, f[2], strlen(f[2]), tmp, strlen(tmp));
        break;
    }
    }
    pyfmt_buf_free(&got);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* repr() speed over three kinds of inputs. */
static void bench(void)
{
    enum { N = 1000000 };
    double *v = malloc(N * sizeof *v);
    uint64_t s = 88172645463325252ull;
    const char *names[] = {"random bit patterns", "short decimals (x.yz)",
                           "integers < 2**32"};
    for (int kind = 0; kind < 3; kind++) {
        for (int i = 0; i < N; i++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            uint64_t b = s;
            if (kind == 0) {
                b &= ~(0x7ffull << 52) | ((uint64_t)(s % 2046 + 1) << 52);
                memcpy(&v[i], &b, sizeof b);
            } else if (kind == 1) {
                v[i] = (double)(s % 100000) / 100;
            } else {
                v[i] = (double)(uint32_t)s;
            }
        }
        char out[PYDTOA_REPR_MAX];
        size_t total = 0;
        double t0 = now();
        for (int i = 0; i < N; i++)
            total += pydtoa_repr(v[i], out);
        double t1 = now();
        printf("repr, %-24s %7.1f ns/call (%zu chars)\n", names[kind],
               (t1 - t0) * 1e9 / N, total);
    }
    /* format specs and parsing, on the "random bit patterns" kind */
    for (int i = 0; i < N; i++) {
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        v[i] = (double)(int64_t)s / (double)(1ull << (s % 60));
    }
    static const char *specs[] = {"", ".2f", "g", ".17g", ",.2f", ">20.3e"};
    pyfmt_buf b;
    pyfmt_buf_init(&b);
    for (size_t k = 0; k < sizeof specs / sizeof specs[0]; k++) {
        pyfmt_spec spec;
        pyfmt_err err;
        pyfmt_parse_spec(specs[k], strlen(specs[k]), 0, "float", &spec, &err);
        double t0 = now();
        for (int i = 0; i < N; i++) {
            b.len = 0;
            pyfmt_format_float(&b, &spec, v[i], &err);
        }
        double t1 = now();
        printf("format(x, '%s')%*s %7.1f ns/call\n", specs[k],
               (int)(18 - strlen(specs[k])), "", (t1 - t0) * 1e9 / N);
    }
    char(*texts)[PYDTOA_REPR_MAX] = malloc(N * sizeof *texts);
    for (int i = 0; i < N; i++)
        pydtoa_repr(v[i], texts[i]);
    double sum = 0, t0 = now();
    for (int i = 0; i < N; i++) {
        double r;
        pydtoa_parse(texts[i], strlen(texts[i]), &r);
        sum += r;
    }
    double t1 = now();
    printf("float(repr(x))%21s %7.1f ns/call\n", "", (t1 - t0) * 1e9 / N);
    t0 = now();
    for (int i = 0; i < N; i++) {
        double r;
        pydtoa_round(v[i], 2, &r);
        sum += r;
    }
    t1 = now();
    printf("round(x, 2)%24s %7.1f ns/call (%g)\n", "", (t1 - t0) * 1e9 / N,
           sum);
    free(texts);
    pyfmt_buf_free(&b);
    free(v);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--bench") == 0) {
        bench();
        return 0;
    }
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0)
        run_line(line);
    free(line);
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
