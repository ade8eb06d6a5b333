/* main.c -- the duhton command line: run a program file, or a REPL on
 * standard input.
 *
 * The program runs on a thread of its own with a known stack size (the
 * recursion limit depends on it), in inevitable transactions: it is alone
 * while it runs, and (run-transactions) commits, lets the workers run,
 * and starts a new one.
 */
#include "duhton.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

__thread stm_thread_local_t du_tl;
DuFrame *du_globals;

static const char *program_path;

static void usage(void)
{
    printf("usage: duhton [--help] [--num-threads N] [FILE]\n"
           "\n"
           "Runs the duhton program FILE, or reads forms from standard input\n"
           "(a REPL) when no FILE is given.\n"
           "\n"
           "  --help            this help\n"
           "  --num-threads N   worker threads of run-transactions, 1 to 1000\n"
           "                    (default: %d, the number of segments)\n",
           STM_NB_SEGMENTS);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        du_fatal("cannot open '%s': %s", path, strerror(errno));
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    if (buf == NULL)
        du_fatal("out of memory reading '%s'", path);
    if (ferror(f))
        du_fatal("cannot read '%s': %s", path, strerror(errno));
    fclose(f);
    *len = n;
    return buf;
}

static void run_program(const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    DuObject *program = du_parse(text, len, NULL);
    free(text);
    du_progn(program, (DuObject *)du_globals);
}

/* Each line's forms are evaluated and the last one's value printed; a
   line that leaves a '(' open continues on the next one. */
static void run_repl(void)
{
    char *text = NULL, *line = NULL;
    size_t len = 0, line_cap = 0;
    while (1) {
        fputs("))) ", stdout);
        fflush(stdout);
        ssize_t got = getline(&line, &line_cap, stdin);
        if (got < 0) {
            fputc('\n', stdout);
            break;
        }
        DuObject *program;
        bool incomplete;
        len = 0;
        while (1) {
            text = realloc(text, len + (size_t)got + 1);
            if (text == NULL)
                du_fatal("out of memory (REPL input)");
            memcpy(text + len, line, (size_t)got);
            len += (size_t)got;
            program = du_parse(text, len, &incomplete);
            if (!incomplete)
                break;
            got = getline(&line, &line_cap, stdin);
            if (got < 0)
                du_fatal("more '(' than ')'");
        }
        DuObject *result = du_progn(program, (DuObject *)du_globals);
        du_print(result, stdout);
        fputc('\n', stdout);
        du_run_transactions();
    }
    free(text);
    free(line);
}

static void *interpreter_main(void *arg)
{
    (void)arg;
    rewind_jmp_buf rjbuf;
    stm_register_thread_local(&du_tl);
    stm_rewind_jmp_enterframe(&du_tl, &rjbuf);
    du_thread_started();
    du_is_main_thread = true;
    stm_start_inevitable_transaction(&du_tl);

    static struct du_frame_s globals_template = {.ob.type = DUTYPE_FRAME};
    du_globals =
        (DuFrame *)stm_setup_prebuilt((object_t *)(uintptr_t)&globals_template);
    du_objects_setup();
    du_builtins_setup();

    if (program_path != NULL)
        run_program(program_path);
    else
        run_repl();
    /* calls still queued run before the program ends */
    du_run_transactions();

    stm_commit_transaction();
    stm_rewind_jmp_leaveframe(&du_tl, &rjbuf);
    stm_unregister_thread_local(&du_tl);
    return NULL;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0) {
            usage();
            return 0;
        } else if (strcmp(a, "--num-threads") == 0) {
            char *end;
            long n = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
            if (i + 1 >= argc || *end != 0 || n < 1 || n > 1000)
                du_fatal("--num-threads expects a number from 1 to 1000");
            du_num_threads = (int)n;
            i++;
        } else if (strncmp(a, "--", 2) == 0 && a[2] != 0) {
            du_fatal("unknown option '%s' (try --help)", a);
        } else if (program_path != NULL) {
            du_fatal("only one program file can be given ('%s' and '%s')",
                     program_path, a);
        } else {
            program_path = a;
        }
    }
    stm_setup();
    pthread_join(du_start_thread(interpreter_main, NULL), NULL);
    fflush(stdout);
    stm_teardown(); /* prints STMGC_STATS=1's counters */
    return 0;
}
