/* The tokenizer: source bytes -> pytok_token array.

   The source is first normalized into a private copy: BOM dropped,
   latin-1 (by coding cookie) transcoded to UTF-8, \r\n and \r turned into
   \n, and a final \n added, as CPython does before tokenizing.  Tokens
   then point into that copy.  The whole file is tokenized up front; the
   first tokenizer error ends the scan.  That matches CPython, where a
   tokenizer error anywhere in the file takes precedence over any parser
   error (it tokenizes the rest of the file before reporting one).

   Indentation follows CPython: a tab moves to the next multiple of 8, and
   a second measure with tabs counted as 1 column must agree with the
   first about every comparison, else TabError. */
#include "tokenizer.h"

#include <ctype.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/unicode.h"

#define MAXINDENT 100 /* CPython's limits */
#define MAXLEVEL  200

typedef struct tstate {
    const char *src, *p, *end, *line_start;
    int lineno;
    pytok_token *toks;
    int n, cap;
    int indstack[MAXINDENT + 1], altstack[MAXINDENT + 1], indent;
    char parens[MAXLEVEL];
    int paren_line[MAXLEVEL], paren_col[MAXLEVEL], level;
    bool atbol, blankline;
    pytok_error *err;
    pyast_arena *arena;
} tstate;

const char *pytok_error_kind_name(pyerr_kind kind)
{
    switch (kind) {
    case PYERR_SYNTAX:
        return "SyntaxError";
    case PYERR_INDENTATION:
        return "IndentationError";
    case PYERR_TAB:
        return "TabError";
    default:
        return "NoError";
    }
}

const char *pytok_type_name(pytok_type t)
{
    static const char *names[] = {"ENDMARKER",
                                  "NAME",
                                  "NUMBER",
                                  "STRING",
                                  "NEWLINE",
                                  "INDENT",
                                  "DEDENT",
                                  "EOF_IN_BRACKETS",
                                  "UNKNOWN_OP",
                                  "ERRORTOKEN",
#define NAME_(n, s) s,
                                  PYTOK_OPERATORS(NAME_) PYTOK_KEYWORDS(NAME_)
#undef NAME_
    };
    return (unsigned)t < PYTOK_NTYPES ? names[t] : "?";
}

int pytok_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp,
                      int allow_surrogates)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len;
    uint32_t v, min;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2, v = c & 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3, v = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff)
        return 0;
    if (v >= 0xd800 && v <= 0xdfff && !allow_surrogates)
        return 0;
    *cp = v;
    return len;
}

/* Where strict UTF-8 decoding fails: sets *reason like Python's codec. */
const char *pytok_find_bad_utf8(const char *s, size_t n, const char **reason)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    while (p < e) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        uint32_t cp;
        int l = pytok_utf8_decode(p, e - p, &cp, 0);
        if (l) {
            p += l;
            continue;
        }
        unsigned c = *p;
        if (c < 0xc2 || c > 0xf4) {
            *reason = "invalid start byte";
        } else {
            /* a truncated sequence at the very end is "unexpected end of
               data"; anything else is a bad continuation byte */
            int need = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
            int ok = 1;
            for (int i = 1; i < need && p + i < e; i++)
                if ((p[i] & 0xc0) != 0x80)
                    ok = 0;
            *reason = ok && p + need > e ? "unexpected end of data"
                                         : "invalid continuation byte";
        }
        return (const char *)p;
    }
    return NULL;
}

bool pytok_is_printable(uint32_t c)
{
    return pyuni_is_printable(c);
}

/* ---- errors ---- */

/* characters in the first `nbytes` of s, counting each undecodable byte
   as one character (Python decodes the line with errors="replace") */
static int char_count(const char *s, int nbytes)
{
    int n = 0;
    for (int i = 0; i < nbytes && s[i];) {
        uint32_t cp;
        int l =
            pytok_utf8_decode((const unsigned char *)s + i, nbytes - i, &cp, 0);
        i += l ? l : 1;
        n++;
    }
    return n;
}

static const char *line_ptr(const char *src, int lineno)
{
    const char *p = src;
    for (int l = 1; l < lineno && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return p;
}

void pytok_set_error(pytok_error *err, pyast_arena *arena, const char *src,
                     pyerr_kind kind, int lineno, int bcol, int end_lineno,
                     int end_bcol, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->kind = kind;
    err->lineno = lineno;
    err->text = NULL;
    err->offset = err->end_offset = 0;
    err->end_lineno = end_lineno ? end_lineno : lineno;
    if (lineno <= 0 || !src) {
        err->lineno = err->end_lineno = 0;
        return;
    }
    const char *line = line_ptr(src, lineno);
    if (!line) {
        err->offset = bcol + 1;
        err->end_offset = end_bcol + 1;
        return;
    }
    const char *nl = strchr(line, '\n');
    size_t llen = nl ? (size_t)(nl - line + 1) : strlen(line);
    if (bcol < 0)
        bcol = 0;
    if ((size_t)bcol > llen)
        bcol = (int)llen;
    err->offset = char_count(line, bcol) + 1;
    if (arena)
        err->text = pyast_strndup(arena, line, llen);
    const char *eline = line;
    if (err->end_lineno != lineno)
        eline = line_ptr(src, err->end_lineno);
    if (eline && end_bcol >= 0)
        err->end_offset = char_count(eline, end_bcol) + 1;
    else
        err->end_offset = err->offset;
}

#define COL(t, ptr) ((int)((ptr) - (t)->line_start))

/* error located at a byte column of the current line; CPython's "cursor"
   errors report the column of the cursor, which as a 1-based offset
   points at the character before it: pass the cursor column minus 1 */
static int error_at(tstate *t, pyerr_kind kind, int lineno, int bcol,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int error_at(tstate *t, pyerr_kind kind, int lineno, int bcol,
                    const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    pytok_set_error(t->err, t->arena, t->src, kind, lineno, bcol, lineno, bcol,
                    "%s", msg);
    return -1;
}

/* CPython's "cursor" errors report the number of characters before the
   tokenizer's cursor as the 1-based offset (so it points at the character
   just consumed) */
static int cursor_error(tstate *t, const char *cursor, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int cursor_error(tstate *t, const char *cursor, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int bcol = COL(t, cursor);
    pytok_set_error(t->err, t->arena, t->src, PYERR_SYNTAX, t->lineno, bcol,
                    t->lineno, bcol, "%s", msg);
    t->err->offset = t->err->end_offset = char_count(t->line_start, bcol);
    return -1;
}
#define CURSOR_ERROR cursor_error

static int next_line(tstate *t, const char *after_newline)
{
    t->lineno++;
    t->line_start = after_newline;
    return 0;
}

/* ---- token output ---- */

static pytok_token *emit(tstate *t, pytok_type type, const char *start,
                         int lineno, int col, const char *end)
{
    if (t->n == t->cap) {
        int ncap = t->cap ? t->cap * 2 : 256;
        pytok_token *nt = realloc(t->toks, ncap * sizeof *nt);
        if (!nt) {
            fprintf(stderr, "pystm: out of memory in the tokenizer\n");
            abort();
        }
        t->toks = nt;
        t->cap = ncap;
    }
    pytok_token *k = &t->toks[t->n++];
    k->type = type;
    k->lineno = lineno;
    k->col = col;
    k->end_lineno = t->lineno;
    k->end_col = COL(t, end);
    k->start = start;
    k->len = (uint32_t)(end - start);
    return k;
}

/* ---- names, numbers, strings ---- */

static int keyword_type(const char *s, size_t n)
{
    static const struct {
        const char *s;
        int type;
    } kws[] = {
#define KW_(n, s) {s, PYTOK_##n},
        PYTOK_KEYWORDS(KW_)
#undef KW_
    };
    if (n < 2 || n > 8)
        return PYTOK_NAME;
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
        if (kws[i].s[0] == s[0] && strlen(kws[i].s) == n &&
            !memcmp(kws[i].s, s, n))
            return kws[i].type;
    return PYTOK_NAME;
}

/* a valid string prefix (case-insensitive r, u, b, f, br, rb, fr, rf) */
static bool string_prefix(const char *s, size_t n)
{
    char a = n > 0 ? tolower((unsigned char)s[0]) : 0;
    char b = n > 1 ? tolower((unsigned char)s[1]) : 0;
    if (n == 1)
        return a == 'r' || a == 'u' || a == 'b' || a == 'f';
    if (n == 2)
        return (a == 'r' && (b == 'b' || b == 'f')) ||
               ((a == 'b' || a == 'f') && b == 'r');
    return false;
}

static bool is_potential_identifier_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

static int bad_char(tstate *t, const char *p)
{
    uint32_t cp;
    int l = pytok_utf8_decode((const unsigned char *)p, t->end - p, &cp, 0);
    if (l == 0)
        l = 1, cp = (unsigned char)*p;
    if (pytok_is_printable(cp))
        return CURSOR_ERROR(t, p + l, "invalid character '%.*s' (U+%04X)", l, p,
                            cp);
    return CURSOR_ERROR(t, p + l, "invalid non-printable character U+%04X", cp);
}

/* After a number: a letter right after it is an error, except the
   keywords that may follow a number ("1if x else 2": a warning only). */
static int end_of_number(tstate *t, const char *p, const char *kind)
{
    static const char *kws[] = {"and", "else", "for", "if",
                                "in",  "is",   "not", "or"};
    if (!is_potential_identifier_char(*p))
        return 0;
    for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++)
        if (!strncmp(p, kws[i], strlen(kws[i])))
            return 0;
    return CURSOR_ERROR(t, p, "invalid %s literal", kind);
}

static const char *digits(const char *p, int (*ok)(int))
{
    while (ok((unsigned char)*p) || (*p == '_' && ok((unsigned char)p[1])))
        p++;
    return p;
}

static int isdig(int c)
{
    return c >= '0' && c <= '9';
}
static int isoct(int c)
{
    return c >= '0' && c <= '7';
}
static int isbin(int c)
{
    return c == '0' || c == '1';
}

/* decimal digits with single underscores; an underscore not followed by
   a digit is "invalid decimal literal" */
static int decimal_tail(tstate *t, const char **pp)
{
    const char *p = digits(*pp, isdig);
    if (*p == '_')
        return CURSOR_ERROR(t, p + 1, "invalid decimal literal");
    *pp = p;
    return 0;
}

static int scan_number(tstate *t, const char **pp)
{
    const char *s = *pp, *p = s;
    if (*p == '0' && (p[1] == 'x' || p[1] == 'X' || p[1] == 'o' ||
                      p[1] == 'O' || p[1] == 'b' || p[1] == 'B')) {
        char k = tolower((unsigned char)p[1]);
        int (*ok)(int) = k == 'x' ? isxdigit : k == 'o' ? isoct : isbin;
        const char *kind = k == 'x'   ? "hexadecimal"
                           : k == 'o' ? "octal"
                                      : "binary";
        p += 2;
        if (*p == '_')
            p++;
        if (!ok((unsigned char)*p)) {
            if (isdig((unsigned char)*p))
                return CURSOR_ERROR(
                    t, p + 1, "invalid digit '%c' in %s literal", *p, kind);
            return CURSOR_ERROR(t, p, "invalid %s literal", kind);
        }
        p = digits(p, ok);
        if (*p == '_')
            return CURSOR_ERROR(t, p + 1, "invalid %s literal", kind);
        if (isdig((unsigned char)*p))
            return CURSOR_ERROR(t, p + 1, "invalid digit '%c' in %s literal",
                                *p, kind);
        if (end_of_number(t, p, kind))
            return -1;
        *pp = p;
        return 0;
    }
    bool is_float = false;
    if (*p != '.') {
        if (decimal_tail(t, &p))
            return -1;
        /* "0777" is an error unless it turns out to be a float */
        bool leading_zero = false;
        if (*s == '0') {
            for (const char *q = s; q < p; q++)
                if (*q != '0' && *q != '_')
                    leading_zero = true;
        }
        if (leading_zero && *p != '.' && *p != 'e' && *p != 'E' && *p != 'j' &&
            *p != 'J') {
            pytok_set_error(t->err, t->arena, t->src, PYERR_SYNTAX, t->lineno,
                            COL(t, s), t->lineno, COL(t, p),
                            "leading zeros in decimal integer literals are "
                            "not permitted; use an 0o prefix for octal "
                            "integers");
            return -1;
        }
    }
    if (*p == '.') {
        is_float = true;
        p++;
        if (isdig((unsigned char)*p) && decimal_tail(t, &p))
            return -1;
    }
    if (*p == 'e' || *p == 'E') {
        const char *e = p;
        p++;
        if (*p == '+' || *p == '-') {
            p++;
            if (!isdig((unsigned char)*p))
                return CURSOR_ERROR(t, p, "invalid decimal literal");
        } else if (!isdig((unsigned char)*p)) {
            /* "1else": the 'e' starts a keyword */
            if (end_of_number(t, e, "decimal"))
                return -1;
            *pp = e;
            return 0;
        }
        if (decimal_tail(t, &p))
            return -1;
        is_float = true;
    }
    if (*p == 'j' || *p == 'J')
        p++;
    (void)is_float;
    if (end_of_number(t, p, "decimal"))
        return -1;
    *pp = p;
    return 0;
}

static int scan_string(tstate *t, const char *tok_start, const char *q,
                       int start_line, int start_col)
{
    char quote = *q;
    bool triple = q[1] == quote && q[2] == quote;
    const char *p = q + (triple ? 3 : 1);
    for (;;) {
        if (p >= t->end) {
            /* the normalized source ends with \n, so the last line with
               text is the one before */
            if (triple)
                return error_at(t, PYERR_SYNTAX, start_line, start_col,
                                "unterminated triple-quoted string literal "
                                "(detected at line %d)",
                                t->lineno - 1);
            return error_at(t, PYERR_SYNTAX, start_line, start_col,
                            "unterminated string literal (detected at line "
                            "%d)",
                            t->lineno - 1);
        }
        char c = *p;
        if (c == quote) {
            if (!triple) {
                p++;
                break;
            }
            if (p[1] == quote && p[2] == quote) {
                p += 3;
                break;
            }
            p++;
        } else if (c == '\n') {
            if (!triple)
                return error_at(t, PYERR_SYNTAX, start_line, start_col,
                                "unterminated string literal (detected at "
                                "line %d)",
                                t->lineno);
            p++;
            if (next_line(t, p))
                return -1;
        } else if (c == '\\') {
            p++;
            if (*p == '\n') {
                p++;
                if (next_line(t, p))
                    return -1;
            } else if (p < t->end) {
                p++;
            }
        } else {
            p++;
        }
    }
    emit(t, PYTOK_STRING, tok_start, start_line, start_col, p);
    t->p = p;
    return 0;
}

/* ---- operators ---- */

static int operator_type(const char *p, int *len)
{
    static const struct {
        const char *s;
        int type;
    } ops[] = {
#define OP_(n, s) {s, PYTOK_##n},
        PYTOK_OPERATORS(OP_)
#undef OP_
    };
    int best = -1, bestlen = 0;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (ops[i].s[0] != *p)
            continue;
        int l = (int)strlen(ops[i].s);
        if (l > bestlen && !strncmp(p, ops[i].s, l)) {
            best = ops[i].type;
            bestlen = l;
        }
    }
    *len = bestlen;
    return best;
}

/* ---- indentation ---- */

static int indentation(tstate *t)
{
    int col = 0, altcol = 0;
    const char *p = t->p;
    for (;; p++) {
        if (*p == ' ')
            col++, altcol++;
        else if (*p == '\t')
            col = (col / 8 + 1) * 8, altcol++;
        else if (*p == '\f')
            col = altcol = 0;
        else
            break;
    }
    t->p = p;
    if (*p == '#' || *p == '\n' || p >= t->end) {
        /* blank lines, comment lines and the end take no part */
        t->blankline = true;
        return 0;
    }
    t->blankline = false;
    if (t->level > 0)
        return 0;
    int top = t->indstack[t->indent];
    if (col == top) {
        if (altcol != t->altstack[t->indent])
            return error_at(t, PYERR_TAB, t->lineno, 0,
                            "inconsistent use of tabs and spaces in "
                            "indentation");
    } else if (col > top) {
        if (t->indent + 1 >= MAXINDENT)
            return error_at(t, PYERR_INDENTATION, t->lineno, 0,
                            "too many levels of indentation");
        if (altcol <= t->altstack[t->indent])
            return error_at(t, PYERR_TAB, t->lineno, 0,
                            "inconsistent use of tabs and spaces in "
                            "indentation");
        t->indent++;
        t->indstack[t->indent] = col;
        t->altstack[t->indent] = altcol;
        emit(t, PYTOK_INDENT, t->line_start, t->lineno, 0, p);
    } else {
        /* find the level first: on a mismatch CPython emits no DEDENT */
        int level = t->indent;
        while (level > 0 && col < t->indstack[level])
            level--;
        if (col != t->indstack[level]) {
            const char *nl = strchr(p, '\n');
            int len = nl ? COL(t, nl) + 1 : COL(t, t->end);
            return error_at(t, PYERR_INDENTATION, t->lineno, len - 1,
                            "unindent does not match any outer indentation "
                            "level");
        }
        while (t->indent > level) {
            t->indent--;
            emit(t, PYTOK_DEDENT, p, t->lineno, COL(t, p), p);
        }
        if (altcol != t->altstack[t->indent])
            return error_at(t, PYERR_TAB, t->lineno, 0,
                            "inconsistent use of tabs and spaces in "
                            "indentation");
    }
    return 0;
}

/* ---- the main loop ---- */

static int tokenize(tstate *t)
{
    for (;;) {
        if (t->atbol) {
            t->atbol = false;
            if (indentation(t))
                return -1;
        }
        const char *p = t->p;
        while (*p == ' ' || *p == '\t' || *p == '\f')
            p++;
        if (*p == '#') {
            while (*p != '\n' && p < t->end)
                p++;
        }
        t->p = p;
        if (p >= t->end) {
            if (t->level > 0) {
                emit(t, PYTOK_EOF_IN_BRACKETS, p, t->lineno, 0, p);
                return 0;
            }
            if (t->n > 0 && t->toks[t->n - 1].type != PYTOK_NEWLINE &&
                t->toks[t->n - 1].type != PYTOK_DEDENT &&
                t->toks[t->n - 1].type != PYTOK_INDENT)
                emit(t, PYTOK_NEWLINE, p, t->lineno, 0, p);
            while (t->indent > 0) {
                t->indent--;
                emit(t, PYTOK_DEDENT, p, t->lineno, 0, p);
            }
            emit(t, PYTOK_ENDMARKER, p, t->lineno, 0, p);
            return 0;
        }
        unsigned char c = *p;
        int line = t->lineno, col = COL(t, p);
        if (c == '\n') {
            bool blank = t->blankline || t->level > 0;
            if (!blank)
                emit(t, PYTOK_NEWLINE, p, line, col, p + 1);
            t->p = p + 1;
            if (next_line(t, p + 1))
                return -1;
            if (!blank)
                t->toks[t->n - 1].end_lineno = line,
                               t->toks[t->n - 1].end_col = col + 1;
            if (t->level == 0)
                t->atbol = true;
            continue;
        }
        t->blankline = false;
        if (c == '\\') {
            if (p[1] != '\n')
                return CURSOR_ERROR(t, p + 2,
                                    "unexpected character after line "
                                    "continuation character");
            if (p + 2 >= t->end)
                return error_at(t, PYERR_SYNTAX, line, col + 1,
                                "unexpected EOF while parsing");
            t->p = p + 2;
            if (next_line(t, p + 2))
                return -1;
            continue;
        }
        if (isalpha(c) || c == '_' || c >= 0x80) {
            const char *q = p;
            uint32_t cp;
            while (q < t->end) {
                unsigned char d = *q;
                if (isalnum(d) || d == '_') {
                    q++;
                    continue;
                }
                if (d < 0x80)
                    break;
                int l = pytok_utf8_decode((const unsigned char *)q, t->end - q,
                                          &cp, 0);
                if (!l) {
                    /* undecodable bytes outside comments and strings:
                       CPython's decoding error for the identifier */
                    const char *reason;
                    pytok_find_bad_utf8(q, t->end - q, &reason);
                    return error_at(t, PYERR_SYNTAX, t->lineno, COL(t, q),
                                    "(unicode error) 'utf-8' codec can't "
                                    "decode byte 0x%02x in position %d: %s",
                                    (unsigned char)*q, (int)(q - p), reason);
                }
                if (q == p ? !pyuni_is_id_start(cp) : !pyuni_is_id_continue(cp))
                    break;
                q += l;
            }
            if (q == p)
                return bad_char(t, p);
            if ((*q == '\'' || *q == '"') && string_prefix(p, q - p)) {
                if (scan_string(t, p, q, line, col))
                    return -1;
                continue;
            }
            if ((unsigned char)*q >= 0x80) {
                /* an identifier running into a character that cannot
                   continue it: CPython reports that character */
                return bad_char(t, q);
            }
            emit(t, keyword_type(p, q - p), p, line, col, q);
            t->p = q;
            continue;
        }
        if (isdig(c) || (c == '.' && isdig((unsigned char)p[1]))) {
            const char *q = p;
            if (scan_number(t, &q))
                return -1;
            emit(t, PYTOK_NUMBER, p, line, col, q);
            t->p = q;
            continue;
        }
        if (c == '\'' || c == '"') {
            if (scan_string(t, p, p, line, col))
                return -1;
            continue;
        }
        int len;
        int type = operator_type(p, &len);
        if (type < 0 && c > ' ' && c < 0x7f) {
            emit(t, PYTOK_UNKNOWN_OP, p, line, col, p + 1);
            t->p = p + 1;
            continue;
        }
        if (type < 0)
            return bad_char(t, p);
        if (type == PYTOK_LPAR || type == PYTOK_LSQB || type == PYTOK_LBRACE) {
            if (t->level >= MAXLEVEL)
                return CURSOR_ERROR(t, p + 1, "too many nested parentheses");
            t->parens[t->level] = c;
            t->paren_line[t->level] = line;
            t->paren_col[t->level] = col;
            t->level++;
        } else if (type == PYTOK_RPAR || type == PYTOK_RSQB ||
                   type == PYTOK_RBRACE) {
            if (t->level == 0)
                return CURSOR_ERROR(t, p + 1, "unmatched '%c'", c);
            t->level--;
            char open = t->parens[t->level];
            if (!((open == '(' && c == ')') || (open == '[' && c == ']') ||
                  (open == '{' && c == '}'))) {
                if (t->paren_line[t->level] != line)
                    return CURSOR_ERROR(t, p + 1,
                                        "closing parenthesis '%c' does not "
                                        "match opening parenthesis '%c' on "
                                        "line %d",
                                        c, open, t->paren_line[t->level]);
                return CURSOR_ERROR(t, p + 1,
                                    "closing parenthesis '%c' does not match "
                                    "opening parenthesis '%c'",
                                    c, open);
            }
        }
        emit(t, type, p, line, col, p + len);
        t->p = p + len;
    }
}

/* ---- source normalization ---- */

/* The encoding named by a coding cookie in the first two lines, or NULL.
   Writes the name into buf. */
static const char *coding_cookie(const char *s, size_t n, char *buf,
                                 size_t bufsize)
{
    const char *p = s, *end = s + n;
    for (int line = 0; line < 2 && p < end; line++) {
        const char *e = p;
        while (e < end && *e != '\n' && *e != '\r')
            e++;
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t' || *q == '\f'))
            q++;
        if (q < e && *q == '#') {
            for (const char *r = q; r + 6 < e; r++) {
                if (memcmp(r, "coding", 6) || (r[6] != ':' && r[6] != '='))
                    continue;
                const char *v = r + 7;
                while (v < e && (*v == ' ' || *v == '\t'))
                    v++;
                size_t l = 0;
                while (v + l < e && l + 1 < bufsize &&
                       (isalnum((unsigned char)v[l]) || v[l] == '-' ||
                        v[l] == '_' || v[l] == '.'))
                    l++;
                if (l == 0)
                    break;
                memcpy(buf, v, l);
                buf[l] = 0;
                return buf;
            }
        } else if (q < e) {
            /* only a comment or blank line may precede the cookie line */
            return NULL;
        }
        p = e < end && *e == '\r' && e + 1 < end && e[1] == '\n' ? e + 2
                                                                 : e + 1;
    }
    return NULL;
}

/* 0 utf-8, 1 latin-1, -1 something else */
static int encoding_family(const char *enc)
{
    char low[64];
    size_t i;
    for (i = 0; enc[i] && i + 1 < sizeof low; i++)
        low[i] = enc[i] == '_' ? '-' : tolower((unsigned char)enc[i]);
    low[i] = 0;
    if (!strcmp(low, "utf-8") || !strncmp(low, "utf-8-", 6) ||
        !strcmp(low, "utf8"))
        return 0;
    static const char *latin[] = {"latin-1", "iso-8859-1", "iso-latin-1"};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(latin[k]);
        if (!strncmp(low, latin[k], l) && (low[l] == 0 || low[l] == '-'))
            return 1;
    }
    if (!strcmp(low, "latin1") || !strcmp(low, "l1") ||
        !strcmp(low, "iso8859-1") || !strcmp(low, "8859") ||
        !strcmp(low, "cp819") || !strcmp(low, "latin"))
        return 1;
    return -1;
}

/* Source in another encoding goes through iconv (glibc's codecs have the
   same names as Python's, give or take case and '_' vs '-'). */
static int transcode(const char *enc, const char *src, size_t len, char **out,
                     size_t *outlen, pytok_error *err, pyast_arena *arena)
{
    char name[64];
    size_t i;
    for (i = 0; enc[i] && i + 1 < sizeof name; i++)
        name[i] = enc[i] == '_' ? '-' : toupper((unsigned char)enc[i]);
    name[i] = 0;
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) {
        pytok_set_error(err, arena, NULL, PYERR_SYNTAX, 0, 0, 0, 0,
                        "unknown encoding: %s", enc);
        err->offset = err->end_offset = -1;
        return -1;
    }
    size_t cap = len * 4 + 16;
    char *buf = malloc(cap);
    if (!buf) {
        fprintf(stderr, "pystm: out of memory in the tokenizer\n");
        abort();
    }
    char *in = (char *)src, *o = buf;
    size_t inleft = len, oleft = cap;
    size_t r = iconv(cd, &in, &inleft, &o, &oleft);
    iconv_close(cd);
    if (r == (size_t)-1 || inleft) {
        size_t pos = len - inleft;
        pytok_set_error(err, arena, NULL, PYERR_SYNTAX, 0, 0, 0, 0,
                        "'%s' codec can't decode byte 0x%02x in position "
                        "%zu: %s",
                        enc, pos < len ? (unsigned char)src[pos] : 0, pos,
                        strcmp(name, "ASCII") ? "invalid start byte"
                                              : "ordinal not in range(128)");
        err->offset = err->end_offset = -1;
        free(buf);
        return -1;
    }
    *out = buf;
    *outlen = cap - oleft;
    return 0;
}

static bool ascii_compatible(const char *enc)
{
    static const char *wide[] = {"utf-16", "utf16", "utf-32", "utf32", "utf-7",
                                 "utf7",   "ucs-2", "ucs2",   "ucs-4", "ucs4",
                                 "cp037",  "cp500", "cp1140", "ebcdic"};
    char low[64];
    size_t i;
    for (i = 0; enc[i] && i + 1 < sizeof low; i++)
        low[i] = enc[i] == '_' ? '-' : tolower((unsigned char)enc[i]);
    low[i] = 0;
    for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
        if (!strncmp(low, wide[k], strlen(wide[k])))
            return false;
    return true;
}

/* 'text': the source is a str's UTF-8, already decoded: no BOM to drop
   (the caller refuses U+FEFF) and no coding cookie to obey */
static int tokenize_source(const char *source, size_t len, pytok_tokens *out,
                           pytok_error *err, pyast_arena *arena, bool text)
{
    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    if (memchr(source, 0, len)) {
        pytok_set_error(err, arena, NULL, PYERR_SYNTAX, 0, 0, 0, 0,
                        "source code string cannot contain null bytes");
        return -1;
    }
    bool bom = !text && len >= 3 && !memcmp(source, "\xef\xbb\xbf", 3);
    if (bom)
        source += 3, len -= 3;
    char encbuf[64];
    const char *enc =
        text ? NULL : coding_cookie(source, len, encbuf, sizeof encbuf);
    int family = enc ? encoding_family(enc) : 0;
    if (bom && family != 0) {
        pytok_set_error(err, arena, NULL, PYERR_SYNTAX, 0, 0, 0, 0,
                        "encoding problem: %s with BOM",
                        family == 1 ? "iso-8859-1" : enc);
        err->offset = err->end_offset = -1;
        return -1;
    }
    char *converted = NULL;
    if (family < 0) {
        if (!ascii_compatible(enc)) {
            pytok_set_error(err, arena, NULL, PYERR_SYNTAX, 0, 0, 0, 0,
                            "encoding problem: %s", enc);
            return -1;
        }
        if (transcode(enc, source, len, &converted, &len, err, arena))
            return -1;
        source = converted;
        family = 0;
        if (memchr(source, 0, len)) {
            free(converted);
            pytok_set_error(err, arena, NULL, PYERR_SYNTAX, 0, 0, 0, 0,
                            "source code string cannot contain null bytes");
            return -1;
        }
    }
    /* normalize: latin-1 -> UTF-8 (at most doubles), newlines, final \n */
    char *buf = malloc(len * 2 + 2);
    if (!buf) {
        fprintf(stderr, "pystm: out of memory in the tokenizer\n");
        abort();
    }
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = source[i];
        if (c == '\r') {
            buf[n++] = '\n';
            if (i + 1 < len && source[i + 1] == '\n')
                i++;
        } else if (c >= 0x80 && family == 1) {
            buf[n++] = (char)(0xc0 | (c >> 6));
            buf[n++] = (char)(0x80 | (c & 0x3f));
        } else {
            buf[n++] = (char)c;
        }
    }
    free(converted);
    if (n == 0 || buf[n - 1] != '\n') {
        buf[n++] = '\n';
        out->added_newline = true;
    }
    buf[n] = 0;
    out->src = buf;
    out->srclen = n;

    tstate *t = calloc(1, sizeof *t);
    if (!t) {
        fprintf(stderr, "pystm: out of memory in the tokenizer\n");
        abort();
    }
    t->src = t->p = t->line_start = buf;
    t->end = buf + n;
    t->lineno = 1;
    t->atbol = true;
    t->err = err;
    t->arena = arena;
    int r = tokenize(t);
    if (r < 0) {
        emit(t, PYTOK_ERRORTOKEN, t->p, t->lineno, COL(t, t->p), t->p);
        err->soft = err->kind != PYERR_SYNTAX ||
                    !strncmp(err->msg, "unexpected character after line", 31) ||
                    !strcmp(err->msg, "unexpected EOF while parsing");
    }
    out->toks = t->toks;
    out->n = t->n;
    if (r == 0 && t->level > 0) {
        out->open_lineno = t->paren_line[t->level - 1];
        out->open_col = t->paren_col[t->level - 1];
        out->open_char = t->parens[t->level - 1];
    }
    free(t);
    return r;
}

int pytok_tokenize(const char *source, size_t len, pytok_tokens *out,
                   pytok_error *err, pyast_arena *arena)
{
    return tokenize_source(source, len, out, err, arena, false);
}

int pytok_tokenize_text(const char *source, size_t len, pytok_tokens *out,
                        pytok_error *err, pyast_arena *arena)
{
    return tokenize_source(source, len, out, err, arena, true);
}

void pytok_free(pytok_tokens *t)
{
    free(t->toks);
    free(t->src);
    t->toks = NULL;
    t->src = NULL;
    t->n = 0;
}
