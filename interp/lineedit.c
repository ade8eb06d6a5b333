/* lineedit.c -- the interactive prompt's line input (see lineedit.h).
 *
 * libedit gives editing keys (emacs bindings) and a history of the lines
 * typed in this session; a statement spread over several lines is
 * remembered line by line, as CPython's readline does.  Without libedit
 * (configure found none) the prompt goes to stderr and the line is read
 * with stdio, as CPython does when readline is missing.
 */
#include "lineedit.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ^C while a line is typed: the read is interrupted (no SA_RESTART) */
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static char *read_line(const char *prompt);

char *pyline_read(const char *prompt, bool *was_interrupted)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    interrupted = 0;
    char *line = read_line(prompt);
    sigaction(SIGINT, &old, NULL);
    *was_interrupted = interrupted != 0;
    if (*was_interrupted) {
        free(line);
        clearerr(stdin);
        return NULL;
    }
    return line;
}

#ifdef PYSTM_HAVE_LIBEDIT
#    include <histedit.h>

static EditLine *editor;
static History *history_of_session;
static const char *current_prompt = "";

static const char *prompt_of(EditLine *el)
{
    (void)el;
    return current_prompt;
}

/* ^D: the end of input on an empty line (without the "^D" emacs mode
   echoes, which CPython's readline does not), else delete the character
   under the cursor */
static unsigned char end_or_delete(EditLine *el, int ch)
{
    (void)ch;
    const LineInfo *li = el_line(el);
    if (li->buffer == li->lastchar)
        return CC_EOF;
    if (li->cursor == li->lastchar)
        return CC_NORM;
    el_cursor(el, 1);
    el_deletestr(el, 1);
    return CC_REFRESH;
}

static void start_editor(void)
{
    editor = el_init("pystm", stdin, stdout, stderr);
    if (editor == NULL)
        return;
    history_of_session = history_init();
    if (history_of_session != NULL) {
        HistEvent ev;
        history(history_of_session, &ev, H_SETSIZE, 1000);
        el_set(editor, EL_HIST, history, history_of_session);
    }
    el_set(editor, EL_EDITOR, "emacs");
    el_set(editor, EL_SIGNAL, 1);
    el_set(editor, EL_PROMPT, prompt_of);
    el_set(editor, EL_ADDFN, "pystm-eof", "end of input or delete",
           end_or_delete);
    el_set(editor, EL_BIND, "^D", "pystm-eof", NULL);
}

static char *read_line(const char *prompt)
{
    static int started;
    if (!started) {
        started = 1;
        start_editor();
    }
    fflush(stdout);
    fflush(stderr);
    if (editor == NULL) {
        fputs(prompt, stderr);
        fflush(stderr);
        char *line = NULL;
        size_t cap = 0;
        if (getline(&line, &cap, stdin) < 0) {
            free(line);
            return NULL;
        }
        return line;
    }
    current_prompt = prompt;
    int count = 0;
    const char *line = el_gets(editor, &count);
    if (interrupted) {
        el_reset(editor);
        return NULL;
    }
    if (line == NULL || count <= 0)
        return NULL;
    if (history_of_session != NULL && line[strspn(line, " \t\n")] != 0) {
        HistEvent ev;
        history(history_of_session, &ev, H_ENTER, line);
    }
    size_t n = (size_t)count;
    bool newline = line[n - 1] == '\n';
    char *copy = malloc(n + 2);
    if (copy == NULL)
        return NULL;
    memcpy(copy, line, n);
    if (!newline)
        copy[n++] = '\n';
    copy[n] = 0;
    return copy;
}

#else

static char *read_line(const char *prompt)
{
    fputs(prompt, stderr);
    fflush(stderr);
    char *line = NULL;
    size_t cap = 0;
    if (getline(&line, &cap, stdin) < 0) {
        free(line);
        return NULL;
    }
    return line;
}

#endif
