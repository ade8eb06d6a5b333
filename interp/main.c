/* main.c -- the pystm command: `pystm file.py [args]`, `pystm -c cmd`,
 * `pystm -V`.  Parses, compiles and runs the program in __main__; a
 * syntax error or an uncaught exception is reported on stderr the way
 * CPython does and the exit status is 1.
 */
#include "compiler/compile.h"
#include "compiler/future.h"
#include "objects/codeobject.h"
#include "objects/abstract.h"
#include "objects/dictobject.h"
#include "objects/exceptionobject.h"
#include "objects/strobject.h"
#include "objects/tupleobject.h"
#include "parser/parser.h"
#include "runtime/errors.h"
#include "runtime/runtime.h"
#include "modules/modules.h"
#include "vm/vm.h"
#include "lineedit.h"

#ifndef PYSTM_LIBDIR
#    define PYSTM_LIBDIR "interp/lib"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *out)
{
    fprintf(out, "usage: pystm [option] ... [-c cmd | file] [arg] ...\n"
                 "-c cmd : program passed in as string\n"
                 "-V     : print the Python version number and exit\n"
                 "-h     : print this help message and exit\n");
}

static char *read_stream(FILE *f, size_t *len);

/* -m: the file of module 'name' in the current directory, PYTHONPATH
   and pystm's library (a package runs its __main__.py); malloc'ed */
static char *find_module_file(const char *name)
{
    char rel[1024];
    snprintf(rel, sizeof(rel), "%s", name);
    for (char *p = rel; *p; p++) {
        if (*p == '.')
            *p = '/';
    }
    const char *pp = getenv("PYTHONPATH");
    const char *lib = getenv("PYSTM_LIB");
    char dirs[4096];
    snprintf(dirs, sizeof(dirs), ".:%s:%s", pp ? pp : "",
             lib ? lib : PYSTM_LIBDIR);
    for (char *d = strtok(dirs, ":"); d; d = strtok(NULL, ":")) {
        const char *forms[] = {"%s/%s.py", "%s/%s/__main__.py"};
        for (int k = 0; k < 2; k++) {
            char path[2048];
            snprintf(path, sizeof(path), forms[k], d, rel);
            if (access(path, R_OK) == 0)
                return realpath(path, NULL);
        }
    }
    return NULL;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *s = read_stream(f, len);
    fclose(f);
    return s;
}

static char *read_stream(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        cap *= 2;
        char *bigger = realloc(buf, cap);
        if (bigger == NULL)
            free(buf);
        buf = bigger;
    }
    *len = n;
    return buf;
}

/* CPython's report of a syntax error:
     File "x.py", line 1
       x = = 1
           ^
   SyntaxError: invalid syntax */
static void print_syntax_error(const char *filename, pyparse_error *err)
{
    fflush(stdout);
    if (err->lineno > 0)
        fprintf(stderr, "  File \"%s\", line %d\n", filename, err->lineno);
    if (err->text && err->text[0]) {
        const char *t = err->text;
        int skipped = 0;
        while (*t == ' ' || *t == '\t' || *t == '\f') {
            t++;
            skipped++;
        }
        size_t n = strcspn(t, "\r\n");
        fprintf(stderr, "    %.*s\n", (int)n, t);
        if (err->offset > 0) {
            int start = err->offset - 1 - skipped;
            int end = err->kind == PYERR_SYNTAX &&
                              err->end_offset > err->offset &&
                              err->end_lineno == err->lineno
                          ? err->end_offset - 1 - skipped
                          : start + 1;
            if (start < 0)
                start = 0;
            fprintf(stderr, "    %*s", start, "");
            for (int i = start; i < end; i++)
                fputc('^', stderr);
            fputc('\n', stderr);
        }
    }
    fprintf(stderr, "%s: %s\n", pytok_error_kind_name(err->kind), err->msg);
}

/* the namespace of __main__ as CPython starts it: *g, a rooted dict */
static void main_globals(pyval *g, const char *filename)
{
    pyval name = pystr_from_cstr("__main__");
    pydict_set_cstr(*g, "__name__", name);
    pydict_set_cstr(*g, "__doc__", py_None);
    pydict_set_cstr(*g, "__package__", py_None);
    pydict_set_cstr(*g, "__loader__", py_None);
    pydict_set_cstr(*g, "__spec__", py_None);
    pyval annotations = pydict_new();
    pydict_set_cstr(*g, "__annotations__", annotations);
    pyval builtins = pystr_from_cstr("builtins");
    pyval module = builtins ? pyimport(builtins, py_None, 0, *g) : 0;
    if (module != 0)
        pydict_set_cstr(*g, "__builtins__", module);
    if (filename[0] != '<') {
        pyval file = pystr_from_cstr(filename);
        pydict_set_cstr(*g, "__file__", file);
        pydict_set_cstr(*g, "__cached__", py_None);
    }
}

/* SystemExit(code): None -> 0, an int -> it, anything else printed to
   stderr -> 1 */
static int exit_status(pyval exc)
{
    pyval args = ((PyExc *)pyval_obj(exc))->args;
    if (pytuple_size(args) == 0)
        return 0;
    pyval code = pytuple_get(args, 0);
    if (code == py_None)
        return 0;
    if (pyval_is_int(code))
        return (int)(pyval_int(code) & 0xff);
    fflush(stdout);
    pyval s = pyobj_str(code);
    if (s != 0)
        fprintf(stderr, "%s\n", pystr_utf8(s));
    return 1;
}

/* A source file that is not UTF-8 and declares no encoding: CPython's
   message, without the usual file/line header; 1 if reported */
static int check_utf8(const char *source, size_t len, const char *filename)
{
    /* a coding cookie in the first two lines is the parser's business */
    const char *second = memchr(source, '\n', len);
    const char *end2 =
        second ? memchr(second + 1, '\n', len - (size_t)(second + 1 - source))
               : NULL;
    size_t head = end2 ? (size_t)(end2 - source) : len;
    for (size_t i = 0; i + 6 < head; i++) {
        if (memcmp(source + i, "coding", 6) == 0 &&
            (source[i + 6] == ':' || source[i + 6] == '='))
            return 0;
    }
    const unsigned char *p = (const unsigned char *)source;
    size_t i = 0;
    int line = 1;
    while (i < len) {
        unsigned char c = p[i];
        size_t n = c < 0x80                 ? 1
                   : c >= 0xC2 && c <= 0xDF ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
        bool ok = n > 0 && i + n <= len;
        for (size_t k = 1; ok && k < n; k++)
            ok = (p[i + k] & 0xC0) == 0x80;
        if (ok && n == 3) {
            unsigned int cp = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6);
            ok = cp >= 0x800;
        } else if (ok && n == 4) {
            unsigned int cp = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12);
            ok = cp >= 0x10000 && cp <= 0x10FFFF;
        }
        if (!ok) {
            fflush(stdout);
            fprintf(stderr,
                    "SyntaxError: Non-UTF-8 code starting with '\\x%02x' in "
                    "file %s on line %d, but no encoding declared; see "
                    "https://peps.python.org/pep-0263/ for details\n",
                    c, filename, line);
            return 1;
        }
        if (c == '\n')
            line++;
        i += n;
    }
    return 0;
}

static int run_source(const char *source, size_t len, const char *filename)
{
    if (filename[0] != '<' && check_utf8(source, len, filename))
        return 1;
    pyast_arena *arena = pyast_arena_new();
    pyparse_error err;
    memset(&err, 0, sizeof(err));
    pyast_mod *mod = pyparse_source(source, len, PYPARSE_EXEC, arena, &err);
    if (mod == NULL) {
        print_syntax_error(filename, &err);
        pyast_arena_free(arena);
        return 1;
    }
    int status = 0;
    pyrt_start_transaction();
    pyval code = pycomp_compile(mod, filename, PYPARSE_EXEC, arena);
    if (code != 0) {
        PY_PUSHV(code);
        pyval globals = pydict_new();
        PY_PUSHV(globals);
        pyval *g = (pyval *)pyrt_tl.shadowstack - 1;
        main_globals(g, filename);
        PY_POPV(globals);
        PY_POPV(code);
        pyval r = pyvm_run_code(code, globals, globals);
        if (r == 0)
            status = 1;
    } else {
        status = 1;
    }
    if (status) {
        pyval exc = pyerr_fetch();
        if (exc != 0 && code == 0 &&
            pytype_is_subtype(pyval_type(exc), pyexc_SyntaxError)) {
            /* a compile-time error: file and line from its details (one
               raised while running, by eval or exec, has a traceback) */
            pyval args = ((PyExc *)pyval_obj(exc))->args;
            if (pytuple_size(args) == 2) {
                pyval detail = pytuple_get(args, 1);
                fflush(stdout);
                fprintf(stderr, "  File \"%s\", line %ld\n", filename,
                        (long)pyval_int(pytuple_get(detail, 1)));
            }
            fprintf(stderr, "SyntaxError: %s\n",
                    pystr_utf8(pytuple_get(args, 0)));
        } else if (exc != 0 &&
                   pytype_is_subtype(pyval_type(exc), pyexc_SystemExit)) {
            status = exit_status(exc);
        } else if (exc != 0) {
            pyexc_print(exc);
        }
    }
    fflush(stdout);
    pyrt_commit_transaction();
    pyast_arena_free(arena);
    return status;
}

/* Is the statement typed so far complete?  Not when a line ends with
   ':' or '\\', brackets are open, or a block is being typed (then an
   empty line ends it). */
static bool needs_more(const char *src, bool in_block, const char *line)
{
    int depth = 0;
    char quote = 0;
    for (const char *p = src; *p; p++) {
        if (quote) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == quote)
                quote = 0;
        } else if (*p == '#') {
            while (*p && *p != '\n')
                p++;
            if (!*p)
                break;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '(' || *p == '[' || *p == '{') {
            depth++;
        } else if (*p == ')' || *p == ']' || *p == '}') {
            depth--;
        }
    }
    if (depth > 0)
        return true;
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == ' '))
        n--;
    if (n > 0 && (line[n - 1] == ':' || line[n - 1] == '\\'))
        return true;
    return in_block && n > 0;
}

/* The interactive loop: statements compiled in 'single' mode (the value
   of an expression statement is printed), run in one __main__ dict kept
   on the shadow stack across transactions. */
static int repl(void)
{
    fprintf(stderr, "Python 3.11.7 (pystm) on linux\n"
                    "Type \"help\", \"copyright\", \"credits\" or "
                    "\"license\" for more information.\n");
    pyrt_start_transaction();
    pyval globals = pydict_new();
    PY_PUSHV(globals);
    pyval *g = (pyval *)pyrt_tl.shadowstack - 1;
    int future = 0;
    main_globals(g, "<stdin>");
    pyrt_commit_transaction();
    for (;;) {
        char *src = NULL;
        size_t len = 0;
        bool in_block = false;
        const char *prompt = ">>> ";
        for (;;) {
            bool interrupted;
            char *line = pyline_read(prompt, &interrupted);
            if (line == NULL && interrupted) {
                /* ^C: what was typed is dropped, as CPython does */
                fputs("\nKeyboardInterrupt\n", stderr);
                free(src);
                src = NULL;
                len = 0;
                in_block = false;
                prompt = ">>> ";
                continue;
            }
            if (line == NULL) {
                fputc('\n', stderr);
                free(src);
                PY_DROP();
                return 0;
            }
            size_t n = strlen(line);
            char *grown = realloc(src, len + n + 1);
            if (grown == NULL) {
                free(line);
                free(src);
                PY_DROP();
                return 1;
            }
            src = grown;
            memcpy(src + len, line, n + 1);
            len += n;
            bool more = needs_more(src, in_block, line);
            free(line);
            if (!more)
                break;
            in_block = true;
            prompt = "... ";
        }
        pyast_arena *arena = pyast_arena_new();
        pyparse_error err;
        memset(&err, 0, sizeof(err));
        pyast_mod *mod = pyparse_source(src, len, PYPARSE_SINGLE, arena, &err);
        if (mod == NULL) {
            print_syntax_error("<stdin>", &err);
        } else {
            pyrt_start_transaction();
            pyval code = pycomp_compile_flags(mod, "<stdin>", PYPARSE_SINGLE,
                                              arena, future);
            /* a future import holds for the rest of the session */
            if (code)
                future |=
                    ((PyCode *)pyval_obj(code))->flags & PYCOMP_FUTURE_MASK;
            pyval r = code ? pyvm_run_code(code, *g, *g) : 0;
            if (r == 0) {
                pyval exc = pyerr_fetch();
                if (exc != 0 &&
                    pytype_is_subtype(pyval_type(exc), pyexc_SystemExit)) {
                    int status = exit_status(exc);
                    pyrt_commit_transaction();
                    pyast_arena_free(arena);
                    free(src);
                    PY_DROP();
                    return status;
                }
                if (exc != 0)
                    pyexc_print(exc);
            }
            fflush(stdout);
            pyrt_commit_transaction();
        }
        pyast_arena_free(arena);
        free(src);
    }
}

int main(int argc, char **argv)
{
    const char *command = NULL, *path = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "-c") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "Argument expected for the -c option\n");
                usage(stderr);
                return 2;
            }
            command = argv[i + 1];
            break;
        } else if (strcmp(argv[i], "-V") == 0 ||
                   strcmp(argv[i], "--version") == 0) {
            printf("Python 3.11.7\n");
            return 0;
        } else if (strcmp(argv[i], "-h") == 0 ||
                   strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "-m") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "Argument expected for the -m option\n");
                usage(stderr);
                return 2;
            }
            char *file = find_module_file(argv[i + 1]);
            if (file == NULL) {
                fprintf(stderr, "%s: No module named %s\n", argv[0],
                        argv[i + 1]);
                return 1;
            }
            /* run like a script: sys.argv[0] is the module's file */
            argv[i + 1] = file;
            path = file;
            i++;
            break;
        } else if (strcmp(argv[i], "-u") == 0) {
            setvbuf(stdout, NULL, _IONBF, 0);
        } else if (strcmp(argv[i], "-X") == 0) {
            i++; /* implementation options: none is needed yet */
        } else if (strcmp(argv[i], "-E") == 0 || strcmp(argv[i], "-s") == 0 ||
                   strcmp(argv[i], "-B") == 0) {
            /* accepted for compatibility: nothing to ignore or write */
        } else if (strcmp(argv[i], "-") == 0) {
            path = "-";
            break;
        } else if (argv[i][0] == '-' && argv[i][1] != 0) {
            fprintf(stderr,
                    "Unknown option: %s\nusage: %s [option] ... [-c cmd | -m "
                    "mod | file | -] [arg] ...\nTry `python -h' for more "
                    "information.\n",
                    argv[i], argv[0]);
            return 2;
        } else {
            path = argv[i];
            break;
        }
    }
    size_t len = 0;
    char *source = NULL;
    const char *filename = "<string>";
    if (command) {
        source = strdup(command);
        len = strlen(command);
    } else if ((path && strcmp(path, "-") == 0) || (!path && !isatty(0))) {
        /* the program on standard input */
        source = read_stream(stdin, &len);
        filename = "<stdin>";
        if (path == NULL)
            i = argc; /* sys.argv == [''] */
    } else if (path) {
        source = read_file(path, &len);
        if (source == NULL) {
            int e = errno;
            char *full = realpath(".", NULL);
            if (path[0] != '/' && full)
                fprintf(stderr, "%s: can't open file '%s/%s': [Errno %d] %s\n",
                        argv[0], full, path, e, strerror(e));
            else
                fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n",
                        argv[0], path, e, strerror(e));
            free(full);
            return 2;
        }
        /* CPython reports the script by its absolute path */
        char *full = realpath(path, NULL);
        filename = full ? full : path;
    } else {
        filename = NULL; /* the interactive loop */
    }

    rewind_jmp_buf rjbuf;
    /* Python programs' heaps are mostly small: the first major
       collection at 24 MiB rather than stmgc's 64 (measured: the
       recursion benchmark's peak RSS halves, its time does not change;
       doc/benchmarks-pystm.md) */
    setenv("STMGC_MAJOR_MIN", "25165824", 0);
    stm_setup();
    pyrt_register_thread();
    stm_rewind_jmp_enterframe(&pyrt_tl, &rjbuf);
    /* sys.argv: the script (or -c) and what follows */
    /* sys.argv: the script (or -c) and what follows, not the command */
    if (command) {
        argv[i + 1] = argv[i];
        i++;
    }
    pymod_sys_argv(argc - i, argv + i);
    pyrt_setup();
    pyvm_setup();
    int status = filename ? run_source(source, len, filename) : repl();
    free(source);
    stm_rewind_jmp_leaveframe(&pyrt_tl, &rjbuf);
    return status;
}
