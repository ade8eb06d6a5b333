/* Test driver of the pystm parser: parses a file (or stdin) and prints
   ast.dump() of the tree, or the error as
       <Kind>: <msg> (line L, offset O)
   which run.py also produces from CPython's exception.
   Usage: astdump_main [--mode exec|eval|single] [--attrs] [file]
          astdump_main --bench file...   (parse only; prints lines/s) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../../interp/parser/astdump.h"
#include "../../../interp/parser/parser.h"

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    for (;;) {
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    *len = n;
    return buf;
}

static char *read_path(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        perror(path);
        return NULL;
    }
    char *buf = read_all(f, len);
    if (f != stdin)
        fclose(f);
    return buf;
}

static int bench(int argc, char **argv)
{
    long lines = 0, bytes = 0, errors = 0;
    double secs = 0;
    for (int i = 0; i < argc; i++) {
        size_t len;
        char *src = read_path(argv[i], &len);
        if (!src)
            continue;
        for (size_t k = 0; k < len; k++)
            lines += src[k] == '\n';
        bytes += len;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        pyast_arena *arena = pyast_arena_new();
        pyparse_error err;
        if (!pyparse_source(src, len, PYPARSE_EXEC, arena, &err))
            errors++;
        pyast_arena_free(arena);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        secs += (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        free(src);
    }
    printf("%d files, %ld lines, %ld bytes, %ld errors, %.3f s, %.0f "
           "lines/s\n",
           argc, lines, bytes, errors, secs, secs > 0 ? lines / secs : 0.0);
    return 0;
}

int main(int argc, char **argv)
{
    pyparse_mode mode = PYPARSE_EXEC;
    bool attrs = false;
    const char *path = "-";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--bench"))
            return bench(argc - i - 1, argv + i + 1);
        if (!strcmp(argv[i], "--attrs")) {
            attrs = true;
        } else if (!strcmp(argv[i], "--mode") && i + 1 < argc) {
            const char *m = argv[++i];
            if (!strcmp(m, "exec"))
                mode = PYPARSE_EXEC;
            else if (!strcmp(m, "eval"))
                mode = PYPARSE_EVAL;
            else if (!strcmp(m, "single"))
                mode = PYPARSE_SINGLE;
            else {
                fprintf(stderr, "unknown mode %s\n", m);
                return 2;
            }
        } else {
            path = argv[i];
        }
    }
    size_t len;
    char *src = read_path(path, &len);
    if (!src)
        return 2;
    pyast_arena *arena = pyast_arena_new();
    pyparse_error err;
    pyast_mod *mod = pyparse_source(src, len, mode, arena, &err);
    if (mod) {
        pyast_dump(stdout, mod, attrs);
        putchar('\n');
    } else {
        printf("%s: %s (line %d, offset %d)\n", pytok_error_kind_name(err.kind),
               err.msg, err.lineno, err.offset);
    }
    pyast_arena_free(arena);
    free(src);
    return 0;
}
