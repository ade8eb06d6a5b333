/* tracebackobject.c -- what a traceback entry shows under its "File ..."
 * line: the source line and CPython 3.11's indicator line below it.
 *
 * The indicators mark the columns of the failing instruction (its
 * pycode_pos: UTF-8 byte offsets, turned into characters):
 *
 *     return a + b * 2          a binary operation: the operands with
 *                ~~^~~          '~', the operator with '^'
 *     d["a"][2]["b"]["c"]       a subscript: the value with '~', the
 *     ~~~~~~~~~~~~~~^^^^^       brackets and index with '^'
 *     return f(x, None)         anything else: '^' throughout
 *            ^^^^^^^^^^
 *
 * The two kinds are told apart by parsing the marked text again, as
 * CPython does.  No line is printed when the marks would cover the whole
 * stripped line.  A range over several lines marks the first line up to
 * its last non-blank character.  CPython's quirks are kept on purpose
 * (they show in the output): the stripped length counts trailing blanks,
 * and the multi-line end is found by indexing bytes with a character
 * count.
 */
#include "exceptionobject.h"

#include "abstract.h"
#include "strobject.h"
#include "typeobject.h"

#include "../parser/parser.h"
#include "../runtime/unicode.h"
#include "../vm/frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the text of line 'lineno' of a file (its newline removed), or NULL */
static char *read_source_line(const char *path, int64_t lineno)
{
    /* "<string>", "<stdin>": not files */
    size_t plen = strlen(path);
    if (plen > 0 && path[0] == '<' && path[plen - 1] == '>')
        return NULL;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = 0;
    for (int64_t i = 1; i <= lineno; i++) {
        n = getline(&line, &cap, f);
        if (n < 0)
            break;
    }
    fclose(f);
    if (n < 0) {
        free(line);
        return NULL;
    }
    /* universal newlines: "\n", "\r\n" and "\r" all end a line */
    if (n > 0 && line[n - 1] == '\n')
        line[--n] = 0;
    if (n > 0 && line[n - 1] == '\r')
        line[--n] = 0;
    return line;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

/* characters in the first 'nbytes' bytes of s (CPython's
   byte-offset-to-character-offset: at most one past the end) */
static long chars_in(const char *s, long nbytes)
{
    long len = (long)strlen(s);
    if (nbytes > len + 1)
        nbytes = len + 1;
    long n = 0;
    for (long i = 0; i < nbytes; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* the byte offset of character 'ch' of s (its end when shorter) */
static long byte_of_char(const char *s, long ch)
{
    long i = 0;
    for (; s[i] && ch > 0; i++) {
        if (((unsigned char)s[i + 1] & 0xC0) != 0x80)
            ch--;
    }
    return i;
}

/* Parses the marked text alone; for a binary operation or a subscript
   sets the characters [*left, *right) (in the line) that get '^'. */
static bool find_anchors(const char *line, long start, long end, long *left,
                         long *right)
{
    long b0 = byte_of_char(line, start);
    long b1 = byte_of_char(line, end);
    if (b1 < b0)
        b1 = b0;
    char *seg = strndup(line + b0, (size_t)(b1 - b0));
    if (seg == NULL)
        return false;
    pyast_arena *arena = pyast_arena_new();
    pyparse_error err;
    pyast_mod *mod =
        pyparse_source(seg, strlen(seg), PYPARSE_EXEC, arena, &err);
    bool found = false;
    long l = -1, r = -1;
    if (mod != NULL && PYAST_SEQ_LEN(mod->v.Module.body) == 1) {
        pyast_stmt *s = PYAST_SEQ_GET(mod->v.Module.body, 0);
        pyast_expr *e = s->kind == PYAST_Expr ? s->v.Expr.value : NULL;
        if (e != NULL && e->kind == PYAST_BinOp) {
            /* the operator: the first non-blank between the operands,
               and the next character unless blank */
            int rcol = e->v.BinOp.right->col_offset;
            for (int i = e->v.BinOp.left->end_col_offset; i < rcol; i++) {
                if (is_blank(seg[i]))
                    continue;
                l = i;
                r = i + 1;
                if (i + 1 < rcol && !is_blank(seg[i + 1]))
                    r++;
                /* the ')' closing a parenthesized left operand is not
                   the operator (3.11.4 and later) */
                if (i + 1 < rcol && seg[i] == ')')
                    continue;
                break;
            }
            found = l >= 0;
        } else if (e != NULL && e->kind == PYAST_Subscript) {
            /* from the '[' after the value to the ']' after the index,
               past parentheses and blanks */
            long len = (long)strlen(seg);
            l = e->v.Subscript.value->end_col_offset;
            while (l < len && seg[l] != '[')
                l++;
            r = e->v.Subscript.slice->end_col_offset;
            while (r < len && seg[r] != ']')
                r++;
            if (r < len)
                r++;
            found = true;
        }
    }
    if (found) {
        *left = chars_in(seg, l) + start;
        *right = chars_in(seg, r) + start;
    }
    pyast_arena_free(arena);
    free(seg);
    return found;
}

/* the position of instruction 'lasti' (an artificial one has its
   predecessor's, as in CPython's location table), or NULL */
static const struct pycode_pos *pos_of(PyCode *code, int64_t lasti)
{
    if (lasti < 0 || lasti >= code->ninstr)
        return NULL;
    const struct pycode_pos *pos = pycode_pos_real(code);
    for (int64_t i = lasti; i >= 0; i--) {
        if (pos[i].line > 0)
            return &pos[i];
    }
    return NULL;
}

/* the code point starting at s (advanced past it); a malformed byte
   counts as one character */
static uint32_t next_cp(const unsigned char **s)
{
    const unsigned char *p = *s;
    uint32_t cp = *p++;
    int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : cp >= 0xC0 ? 1 : 0;
    if (more)
        cp &= 0x3F >> more;
    for (; more > 0 && (*p & 0xC0) == 0x80; more--)
        cp = (cp << 6) | (*p++ & 0x3F);
    *s = p;
    return cp;
}

/* the columns the first 'nchars' characters of the line take on a
   terminal: wide and full-width characters count two (CPython 3.11.7
   prints the indicators in these units, -1 stays -1) */
static long display_width(const char *line, long nchars)
{
    if (nchars < 0)
        return nchars;
    const unsigned char *p = (const unsigned char *)line;
    long width = 0, i = 0;
    bool ascii = true;
    for (; i < nchars && *p; i++) {
        uint32_t cp = next_cp(&p);
        const char *w = cp < 0x80 ? "N" : pyuni_east_asian_width(cp);
        ascii &= cp < 0x80;
        width += (w[0] == 'W' || w[0] == 'F') && w[1] == 0 ? 2 : 1;
    }
    /* an ASCII prefix is measured by the offset itself, even past the end */
    return ascii ? nchars : width;
}

static void print_carets(const char *line, long indent,
                         const struct pycode_pos *p)
{
    if (p->line <= 0 || p->end_line <= 0 || p->col < 0 || p->end_col < 0)
        return;
    long nchars = chars_in(line, (long)strlen(line));
    long start = chars_in(line, p->col);
    long end = chars_in(line, p->end_col);
    long left = -1, right = -1;
    if (p->line == p->end_line) {
        find_anchors(line, start, end, &left, &right);
    } else {
        long i = nchars;
        while (--i >= 0 && is_blank(line[i]))
            ;
        end = i + 1;
    }
    bool anchored = left != -1 || right != -1;
    if (end - start == nchars - indent && !anchored)
        return;
    start = display_width(line, start);
    end = display_width(line, end);
    left = display_width(line, left);
    right = display_width(line, right);
    for (long off = indent - 4 + 1; off <= end; off++) {
        if (off <= start)
            fputc(' ', stderr);
        else if (anchored && left < off && off <= right)
            fputc('^', stderr);
        else
            fputc(anchored ? '~' : '^', stderr);
    }
    fputc('\n', stderr);
}

void pytb_print_source(const char *file, int64_t lineno, PyCode *code,
                       int64_t lasti)
{
    char *line = read_source_line(file, lineno);
    if (line == NULL)
        return;
    long indent = 0;
    while (is_blank(line[indent]))
        indent++;
    fprintf(stderr, "    %s\n", line + indent);
    const struct pycode_pos *p = pos_of(code, lasti);
    if (p != NULL && p->line == lineno)
        print_carets(line, indent, p);
    free(line);
}

/* ------------------------------------------------ the traceback type */

static PyTraceback *tb_of(pyval self)
{
    return (PyTraceback *)pyval_obj(self);
}

static pyval get_tb_frame(pyval self)
{
    return tb_of(self)->frame;
}

static pyval get_tb_next(pyval self)
{
    pyval next = tb_of(self)->next;
    return next ? next : py_None;
}

static pyval get_tb_lineno(pyval self)
{
    return pyval_from_int(tb_of(self)->lineno);
}

static const struct pygetset_def traceback_getset[] = {
    {"tb_frame", get_tb_frame, NULL},
    {"tb_next", get_tb_next, NULL},
    {"tb_lineno", get_tb_lineno, NULL},
    {NULL, NULL, NULL},
};

static pyval traceback_repr(pyval self)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "<traceback object at 0x%lx>",
             (unsigned long)stm_id((object_t *)self));
    return pystr_from_cstr(buf);
}

const struct pytype_slots pytraceback_slots = {
    .repr = traceback_repr,
    .getset = traceback_getset,
};
