/* Literals: numbers, and string literals with their prefixes, escape
   sequences, implicit concatenation and f-strings (3.11 style: an f-string
   is one STRING token whose {expressions} are parsed here from a copy).

   Decoded text is UTF-8; "\ud800"-style lone surrogates are kept as their
   3-byte generalized UTF-8 form (see ast.h).  Constants and
   FormattedValues inside a JoinedStr carry the position of the whole
   string group, and expressions inside are placed the way CPython 3.11
   places them (fstring_location below). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/unicode.h"
#include "parse_internal.h"

/* ---- numbers ---- */

pyast_node *pyparse_number(P *p, pytok_token *t)
{
    pyast_node *n = pyparse_node_t(p, PYAST_Constant, t);
    pyast_constant *c = &n->v.Constant.value;
    char *buf = pyast_alloc(p->arena, t->len + 1);
    size_t len = 0;
    for (uint32_t i = 0; i < t->len; i++)
        if (t->start[i] != '_')
            buf[len++] = t->start[i];
    buf[len] = 0;
    if (len > 1 && buf[0] == '0' && strchr("xXoObB", buf[1])) {
        char k = tolower((unsigned char)buf[1]);
        c->kind = PYAST_CONST_INT;
        c->base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
        c->s = buf + 2;
        c->len = len - 2;
        return n;
    }
    char last = buf[len - 1];
    if (last == 'j' || last == 'J') {
        buf[len - 1] = 0;
        c->kind = PYAST_CONST_COMPLEX;
        c->f = strtod(buf, NULL);
        return n;
    }
    if (strpbrk(buf, ".eE")) {
        c->kind = PYAST_CONST_FLOAT;
        c->f = strtod(buf, NULL);
        return n;
    }
    c->kind = PYAST_CONST_INT;
    c->base = 10;
    c->s = buf;
    c->len = len;
    return n;
}

/* ---- growable byte buffer in the arena ---- */

typedef struct sbuf {
    char *d;
    size_t n, cap;
} sbuf;

static void sb_reserve(P *p, sbuf *b, size_t extra)
{
    if (b->n + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->n + extra + 1)
        cap *= 2;
    char *d = pyast_alloc(p->arena, cap);
    if (b->n)
        memcpy(d, b->d, b->n);
    b->d = d;
    b->cap = cap;
}

static void sb_add(P *p, sbuf *b, const char *s, size_t n)
{
    sb_reserve(p, b, n);
    memcpy(b->d + b->n, s, n);
    b->n += n;
    b->d[b->n] = 0;
}

static void sb_cp(P *p, sbuf *b, uint32_t cp)
{
    char u[4];
    int n;
    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
    }
    sb_add(p, b, u, n);
}

/* ---- escapes ---- */

typedef struct strtok_info {
    pytok_token *t;
    bool raw, bytes, fstr, u;
    const char *body, *end; /* between the quotes */
} strtok_info;

/* errors about the literal are reported at the token after the string
   group, as CPython does (it has looked at that token already) */
static void *lit_error(P *p, const char *fmt, const char *arg)
{
    pytok_token *t = pyparse_peek(p);
    return pyparse_error_at_tok(p, PYERR_SYNTAX, t, fmt, arg);
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes the escapes of s[0..n) (a non-raw literal or a literal run of an
   f-string) into out. */
static bool decode(P *p, sbuf *out, const char *s, size_t n, bool bytes,
                   const char *body)
{
    const char *e = s + n;
    char msg[200];
    while (s < e) {
        const char *bs = memchr(s, '\\', e - s);
        if (!bs) {
            sb_add(p, out, s, e - s);
            break;
        }
        sb_add(p, out, s, bs - s);
        s = bs + 1;
        if (s >= e) {
            sb_add(p, out, "\\", 1);
            break;
        }
        char c = *s++;
        int pos = (int)(bs - body);
        switch (c) {
        case '\n':
            break;
        case '\\':
        case '\'':
        case '"':
            sb_add(p, out, &c, 1);
            break;
        case 'a':
            sb_add(p, out, "\a", 1);
            break;
        case 'b':
            sb_add(p, out, "\b", 1);
            break;
        case 'f':
            sb_add(p, out, "\f", 1);
            break;
        case 'n':
            sb_add(p, out, "\n", 1);
            break;
        case 'r':
            sb_add(p, out, "\r", 1);
            break;
        case 't':
            sb_add(p, out, "\t", 1);
            break;
        case 'v':
            sb_add(p, out, "\v", 1);
            break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7': {
            uint32_t v = c - '0';
            for (int i = 0; i < 2 && s < e && *s >= '0' && *s <= '7'; i++)
                v = v * 8 + (*s++ - '0');
            if (bytes) {
                char ch = (char)(v & 0xff);
                sb_add(p, out, &ch, 1);
            } else {
                sb_cp(p, out, v);
            }
            break;
        }
        case 'x':
        case 'u':
        case 'U': {
            if (bytes && c != 'x') {
                sb_add(p, out, bs, 2);
                break;
            }
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            uint32_t v = 0;
            int i;
            for (i = 0; i < digits && s + i < e && hexval(s[i]) >= 0; i++)
                v = v * 16 + hexval(s[i]);
            if (i < digits) {
                if (bytes) {
                    snprintf(msg, sizeof msg,
                             "(value error) invalid \\x escape at position %d",
                             pos);
                } else {
                    snprintf(msg, sizeof msg,
                             "(unicode error) 'unicodeescape' codec can't "
                             "decode bytes in position %d-%d: truncated "
                             "\\%c%s escape",
                             pos, pos + 1 + i, c,
                             c == 'x'   ? "XX"
                             : c == 'u' ? "XXXX"
                                        : "XXXXXXXX");
                }
                lit_error(p, "%s", msg);
                return false;
            }
            s += digits;
            if (bytes) {
                char ch = (char)v;
                sb_add(p, out, &ch, 1);
            } else if (v > 0x10ffff) {
                snprintf(msg, sizeof msg,
                         "(unicode error) 'unicodeescape' codec can't decode "
                         "bytes in position %d-%d: illegal Unicode character",
                         pos, pos + 9);
                lit_error(p, "%s", msg);
                return false;
            } else {
                sb_cp(p, out, v);
            }
            break;
        }
        case 'N':
            if (!bytes) {
                const char *close =
                    s < e && *s == '{' ? memchr(s, '}', e - s) : NULL;
                uint32_t cps[4];
                if (!close || close == s + 1) {
                    snprintf(msg, sizeof msg,
                             "(unicode error) 'unicodeescape' codec can't "
                             "decode bytes in position %d-%d: malformed \\N "
                             "character escape",
                             pos, pos + 1);
                    lit_error(p, "%s", msg);
                    return false;
                }
                if (pyuni_lookup(s + 1, close - s - 1, false, cps) != 1) {
                    snprintf(msg, sizeof msg,
                             "(unicode error) 'unicodeescape' codec can't "
                             "decode bytes in position %d-%d: unknown Unicode "
                             "character name",
                             pos, (int)(close - body));
                    lit_error(p, "%s", msg);
                    return false;
                }
                sb_cp(p, out, cps[0]);
                s = close + 1;
                break;
            }
            /* fall through */
        default:
            /* an unknown escape keeps its backslash (a DeprecationWarning
               in CPython) */
            sb_add(p, out, bs, s - bs);
            break;
        }
    }
    return true;
}

/* ---- f-strings ---- */

typedef struct fparts {
    pyparse_vec vals; /* Constant and FormattedValue nodes */
    sbuf lit;         /* pending literal text */
} fparts;

static pyast_node *str_const(P *p, const char *s, size_t n)
{
    pyast_node *c = pyast_new(p->arena, PYAST_Constant);
    c->v.Constant.value.kind = PYAST_CONST_STR;
    c->v.Constant.value.s = s ? s : "";
    c->v.Constant.value.len = n;
    return c;
}

static void flush_lit(P *p, fparts *f)
{
    if (f->lit.n == 0)
        return;
    pyparse_push(p, &f->vals, str_const(p, f->lit.d, f->lit.n));
    f->lit = (sbuf){0};
}

/* Where CPython 3.11 places an f-string expression: lines = newlines in
   the token before the '{'; cols = the '{' column in its line, 0 if only
   whitespace follows the brace up to a newline. */
static void fstring_location(pytok_token *t, const char *brace, int *lines,
                             int *cols)
{
    *lines = 0;
    *cols = 0;
    const char *s = brace + 1;
    bool newline_after = true;
    while (*s != '}' && *s != '\n' && s < t->start + t->len) {
        if (*s != ' ' && *s != '\t' && *s != '\f') {
            newline_after = false;
            break;
        }
        s++;
    }
    if (!newline_after) {
        s = brace;
        while (s > t->start && *s != '\n')
            s--;
        *cols = (int)(brace - s);
        if (*s == '\n')
            *cols -= 1;
    }
    for (const char *q = t->start; q < brace; q++)
        if (*q == '\n')
            (*lines)++;
}

static bool fstring_body(P *p, strtok_info *si, fparts *f, const char **sp,
                         int level);

/* one replacement field; *sp points after '{' */
static bool fstring_field(P *p, strtok_info *si, fparts *f, const char **sp,
                          int level)
{
    const char *start = *sp, *s = start, *e = si->end;
    char stack[200];
    int depth = 0;
    char quote = 0;
    bool triple = false;
    if (level >= 2) {
        lit_error(p, "%s", "f-string: expressions nested too deeply");
        return false;
    }
    for (; s < e; s++) {
        char c = *s;
        if (c == '\\') {
            lit_error(p, "%s",
                      "f-string expression part cannot include a backslash");
            return false;
        }
        if (quote) {
            if (c == quote &&
                (!triple || (s + 2 < e && s[1] == quote && s[2] == quote))) {
                if (triple)
                    s += 2;
                quote = 0;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            triple = s + 2 < e && s[1] == c && s[2] == c;
            if (triple)
                s += 2;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') {
            if (depth >= 200) {
                lit_error(p, "%s", "f-string: too many nested parenthesis");
                return false;
            }
            stack[depth++] = c;
            continue;
        }
        if (c == '#') {
            lit_error(p, "%s", "f-string expression part cannot include '#'");
            return false;
        }
        if (depth == 0 && (c == '!' || c == ':' || c == '}' || c == '=' ||
                           c == '>' || c == '<')) {
            if (s + 1 < e && s[1] == '=' && c != ':' && c != '}') {
                s++;
                continue;
            }
            if (c == '>' || c == '<')
                continue;
            break;
        }
        if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                char m[64];
                snprintf(m, sizeof m, "f-string: unmatched '%c'", c);
                lit_error(p, "%s", m);
                return false;
            }
            char open = stack[--depth];
            if (!((open == '(' && c == ')') || (open == '[' && c == ']') ||
                  (open == '{' && c == '}'))) {
                char m[128];
                snprintf(m, sizeof m,
                         "f-string: closing parenthesis '%c' does not match "
                         "opening parenthesis '%c'",
                         c, open);
                lit_error(p, "%s", m);
                return false;
            }
        }
    }
    if (quote) {
        lit_error(p, "%s", "f-string: unterminated string");
        return false;
    }
    if (s >= e) {
        lit_error(p, "%s",
                  depth ? "f-string: unmatched '('"
                        : "f-string: expecting '}'");
        return false;
    }
    const char *expr_end = s;
    bool blank = true;
    for (const char *q = start; q < expr_end; q++)
        if (!isspace((unsigned char)*q))
            blank = false;
    if (blank) {
        char m[64];
        if (*s == '!' || *s == ':' || *s == '=')
            snprintf(m, sizeof m, "f-string: expression required before '%c'",
                     *s);
        else
            snprintf(m, sizeof m, "f-string: empty expression not allowed");
        lit_error(p, "%s", m);
        return false;
    }
    int lines, cols;
    fstring_location(si->t, start - 1, &lines, &cols);
    pyast_node *expr =
        pyparse_fstring_expr(p, start, expr_end - start, si->t->lineno + lines,
                             lines ? cols : si->t->col + cols);
    if (!expr)
        return false;
    int conversion = -1;
    bool debug = false;
    pyast_node *spec = NULL;
    if (*s == '=') {
        s++;
        while (s < e && isspace((unsigned char)*s))
            s++;
        sb_add(p, &f->lit, start, s - start);
        debug = true;
    }
    if (s < e && *s == '!') {
        s++;
        if (s >= e || (*s != 's' && *s != 'r' && *s != 'a')) {
            lit_error(p, "%s",
                      "f-string: invalid conversion character: expected "
                      "'s', 'r', or 'a'");
            return false;
        }
        conversion = *s++;
    }
    if (s < e && *s == ':') {
        s++;
        fparts sf = {0};
        if (!fstring_body(p, si, &sf, &s, level + 1))
            return false;
        flush_lit(p, &sf);
        spec = pyast_new(p->arena, PYAST_JoinedStr);
        spec->v.JoinedStr.values = pyparse_seq(p, &sf.vals);
        /* a format spec spans the token holding it (its parts: see
           span_all) */
        spec->lineno = si->t->lineno;
        spec->col_offset = si->t->col;
        spec->end_lineno = si->t->end_lineno;
        spec->end_col_offset = si->t->end_col;
    }
    /* "{x=}" shows the repr unless a conversion or a spec is given */
    if (debug && conversion == -1 && !spec)
        conversion = 'r';
    if (s >= e || *s != '}') {
        lit_error(p, "%s", "f-string: expecting '}'");
        return false;
    }
    s++;
    flush_lit(p, f);
    pyast_node *fv = pyast_new(p->arena, PYAST_FormattedValue);
    fv->v.FormattedValue.value = expr;
    fv->v.FormattedValue.conversion = conversion;
    fv->v.FormattedValue.format_spec = spec;
    pyparse_push(p, &f->vals, fv);
    *sp = s;
    return true;
}

/* literal text and fields up to the end of the body or, in a format spec
   (level > 0), up to the closing '}' (not consumed) */
static bool fstring_body(P *p, strtok_info *si, fparts *f, const char **sp,
                         int level)
{
    const char *s = *sp, *e = si->end;
    while (s < e) {
        const char *run = s;
        while (s < e && *s != '{' && *s != '}') {
            if (*s == '\\' && !si->raw && s + 1 < e) {
                /* \N{NAME} braces are not a field */
                if (s[1] == 'N' && s + 2 < e && s[2] == '{') {
                    const char *c = memchr(s, '}', e - s);
                    s = c ? c + 1 : e;
                    continue;
                }
                s += 2;
                continue;
            }
            s++;
        }
        if (si->raw)
            sb_add(p, &f->lit, run, s - run);
        else if (!decode(p, &f->lit, run, s - run, false, si->body))
            return false;
        if (s >= e)
            break;
        if (*s == '{') {
            if (level == 0 && s + 1 < e && s[1] == '{') {
                sb_add(p, &f->lit, "{", 1);
                s += 2;
                continue;
            }
            s++;
            if (!fstring_field(p, si, f, &s, level))
                return false;
            continue;
        }
        /* '}' */
        if (level > 0)
            break;
        if (s + 1 < e && s[1] == '}') {
            sb_add(p, &f->lit, "}", 1);
            s += 2;
            continue;
        }
        lit_error(p, "%s", "f-string: single '}' is not allowed");
        return false;
    }
    *sp = s;
    return true;
}

/* ---- string groups ---- */

static void analyze(pytok_token *t, strtok_info *si)
{
    const char *s = t->start, *e = t->start + t->len;
    memset(si, 0, sizeof *si);
    si->t = t;
    while (*s != '\'' && *s != '"') {
        switch (tolower((unsigned char)*s)) {
        case 'r':
            si->raw = true;
            break;
        case 'b':
            si->bytes = true;
            break;
        case 'f':
            si->fstr = true;
            break;
        case 'u':
            si->u = *s == 'u'; /* CPython: kind='u' for lowercase only */
            break;
        }
        s++;
    }
    int q = (s + 2 < e && s[1] == s[0] && s[2] == s[0] && e - s >= 6) ? 3 : 1;
    si->body = s + q;
    si->end = e - q;
}

static void set_span(pyast_node *n, pytok_token *a, pytok_token *b)
{
    n->lineno = a->lineno;
    n->col_offset = a->col;
    n->end_lineno = b->end_lineno;
    n->end_col_offset = b->end_col;
}

typedef struct span {
    int line, col, end_line, end_col;
} span;

static void set_to(pyast_node *n, span s)
{
    n->lineno = s.line;
    n->col_offset = s.col;
    n->end_lineno = s.end_line;
    n->end_col_offset = s.end_col;
}

/* Positions in a JoinedStr, as CPython 3.11 sets them: its literal parts
   and FormattedValues span the whole string group; a format spec spans
   the token holding it (set in fstring_field), and so does the literal
   text at its end, while its other parts span the group. */
static void span_all(pyast_node *n, span group, bool spec)
{
    if (!spec)
        set_to(n, group);
    span own = {n->lineno, n->col_offset, n->end_lineno, n->end_col_offset};
    int len = PYAST_SEQ_LEN(n->v.JoinedStr.values);
    for (int i = 0; i < len; i++) {
        pyast_node *v = PYAST_SEQ_GET(n->v.JoinedStr.values, i);
        bool trailing = spec && i == len - 1 && v->kind == PYAST_Constant;
        set_to(v, trailing ? own : group);
        if (v->kind == PYAST_FormattedValue && v->v.FormattedValue.format_spec)
            span_all(v->v.FormattedValue.format_spec, group, true);
    }
}

pyast_node *pyparse_strings(P *p)
{
    int first = p->pos;
    while (pyparse_peek(p)->type == PYTOK_STRING)
        p->pos++;
    int last = p->pos - 1;
    pyparse_peek(p); /* CPython looks at the next token too */
    bool any_f = false, any_bytes = false, any_str = false;
    strtok_info si;
    for (int i = first; i <= last; i++) {
        analyze(&p->toks[i], &si);
        any_f |= si.fstr;
        if (si.bytes)
            any_bytes = true;
        else
            any_str = true;
    }
    if (any_bytes && any_str)
        return lit_error(p, "%s", "cannot mix bytes and nonbytes literals");
    fparts f = {0};
    for (int i = first; i <= last; i++) {
        analyze(&p->toks[i], &si);
        const char *reason;
        const char *bad =
            si.bytes ? NULL
                     : pytok_find_bad_utf8(si.body, si.end - si.body, &reason);
        if (bad) {
            char m[160];
            snprintf(m, sizeof m,
                     "(unicode error) 'utf-8' codec can't decode byte 0x%02x "
                     "in position %d: %s",
                     (unsigned char)*bad, (int)(bad - si.body), reason);
            return lit_error(p, "%s", m);
        }
        if (si.bytes) {
            for (const char *c = si.body; c < si.end; c++)
                if ((unsigned char)*c >= 0x80)
                    return pyparse_error_at_tok(
                        p, PYERR_SYNTAX, &p->toks[i],
                        "bytes can only contain ASCII literal characters");
        }
        if (si.fstr) {
            const char *s = si.body;
            if (!fstring_body(p, &si, &f, &s, 0))
                return NULL;
        } else if (si.raw) {
            sb_add(p, &f.lit, si.body, si.end - si.body);
        } else if (!decode(p, &f.lit, si.body, si.end - si.body, si.bytes,
                           si.body)) {
            return NULL;
        }
    }
    pytok_token *a = &p->toks[first], *b = &p->toks[last];
    if (!any_f) {
        pyast_node *c = str_const(p, f.lit.d, f.lit.n);
        if (any_bytes)
            c->v.Constant.value.kind = PYAST_CONST_BYTES;
        analyze(a, &si);
        if (si.u)
            c->v.Constant.kind = "u";
        set_span(c, a, b);
        return c;
    }
    flush_lit(p, &f);
    pyast_node *j = pyast_new(p->arena, PYAST_JoinedStr);
    j->v.JoinedStr.values = pyparse_seq(p, &f.vals);
    span_all(j, (span){a->lineno, a->col, b->end_lineno, b->end_col}, false);
    return j;
}
