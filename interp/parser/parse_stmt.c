/* Statements, blocks and the parser's entry points (pyparse_source for
   the exec/eval/single modes, and the sub-parser of f-string
   expressions), plus the small token and node helpers every parser file
   uses.

   The parser is recursive descent over the token array with a little
   lookahead and one backtracking point (parenthesized with-items).  When
   nothing specific was reported, a failed parse becomes CPython's
   generic "invalid syntax" at the furthest token the parser looked at,
   which is where CPython's PEG parser reports it too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/unicode.h"
#include "parse_internal.h"

#define AT(t)     pyparse_at(p, PYTOK_##t)
#define ACCEPT(t) pyparse_accept(p, PYTOK_##t)
#define PEEK      pyparse_peek(p)

/* ---- helpers shared by the parser files ---- */

bool pyparse_at(P *p, int type)
{
    pytok_token *t = pyparse_peek(p);
    if ((t->type == PYTOK_EOF_IN_BRACKETS || t->type == PYTOK_ERRORTOKEN) &&
        !p->failed) {
        /* CPython reports an unclosed bracket or a tokenizer error as soon
           as the parser needs the token */
        p->maxpos = p->pos;
        pyparse_generic_error(p);
    }
    return (int)t->type == type;
}

pytok_token *pyparse_accept(P *p, int type)
{
    if (!pyparse_at(p, type))
        return NULL;
    return &p->toks[p->pos++];
}

bool pyparse_at_name(P *p, const char *s)
{
    pytok_token *t = pyparse_peek(p);
    return t->type == PYTOK_NAME && strlen(s) == t->len &&
           !memcmp(t->start, s, t->len);
}

/* Identifiers are NFKC-normalized (PEP 3131), as CPython does for any
   identifier with a non-ASCII character. */
const char *pyparse_ident(P *p, pytok_token *t)
{
    bool ascii = true;
    for (uint32_t i = 0; i < t->len; i++)
        if ((unsigned char)t->start[i] >= 0x80)
            ascii = false;
    if (ascii)
        return pyast_strndup(p->arena, t->start, t->len);
    uint32_t *cps = pyast_alloc(p->arena, t->len * sizeof(uint32_t));
    size_t n = 0;
    for (uint32_t i = 0; i < t->len;) {
        int l = pytok_utf8_decode((const unsigned char *)t->start + i,
                                  t->len - i, &cps[n], 0);
        if (!l) /* cannot happen: the tokenizer checked the name */
            return pyast_strndup(p->arena, t->start, t->len);
        i += l;
        n++;
    }
    struct pyuni_cpbuf norm = {0};
    if (!pyuni_normalize(PYUNI_NFKC, cps, n, &norm)) {
        fprintf(stderr, "pystm: out of memory in the parser\n");
        abort();
    }
    char *out = pyast_alloc(p->arena, norm.len * 4 + 1);
    size_t k = 0;
    for (size_t i = 0; i < norm.len; i++) {
        uint32_t c = norm.data[i];
        if (c < 0x80) {
            out[k++] = (char)c;
        } else if (c < 0x800) {
            out[k++] = (char)(0xc0 | (c >> 6));
            out[k++] = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out[k++] = (char)(0xe0 | (c >> 12));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[k++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[k++] = (char)(0xf0 | (c >> 18));
            out[k++] = (char)(0x80 | ((c >> 12) & 0x3f));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[k++] = (char)(0x80 | (c & 0x3f));
        }
    }
    out[k] = 0;
    free(norm.data);
    return out;
}

void pyparse_push(P *p, pyparse_vec *v, void *item)
{
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 8;
        void **items = pyast_alloc(p->arena, cap * sizeof(void *));
        if (v->n)
            memcpy(items, v->items, v->n * sizeof(void *));
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
}

pyast_seq *pyparse_seq(P *p, pyparse_vec *v)
{
    pyast_seq *s = pyast_seq_new(p->arena, v->n);
    if (v->n)
        memcpy(s->items, v->items, v->n * sizeof(void *));
    return s;
}

pyast_seq *pyparse_seq1(P *p, void *item)
{
    pyast_seq *s = pyast_seq_new(p->arena, 1);
    s->items[0] = item;
    return s;
}

/* A node ends with the last token before the current one that is not
   NEWLINE, INDENT or DEDENT (a block ends with those), as in CPython. */
void pyparse_end_at_prev(P *p, pyast_node *n)
{
    int i = p->pos - 1;
    while (i > 0 &&
           (p->toks[i].type == PYTOK_NEWLINE ||
            p->toks[i].type == PYTOK_INDENT || p->toks[i].type == PYTOK_DEDENT))
        i--;
    pytok_token *e = &p->toks[i > 0 ? i : 0];
    n->end_lineno = e->end_lineno;
    n->end_col_offset = e->end_col;
}

pyast_node *pyparse_node_t(P *p, pyast_kind k, const pytok_token *start)
{
    pyast_node *n = pyast_new(p->arena, k);
    n->lineno = start->lineno;
    n->col_offset = start->col;
    pyparse_end_at_prev(p, n);
    return n;
}

void pyparse_copy_pos(pyast_node *to, const pyast_node *from)
{
    to->lineno = from->lineno;
    to->col_offset = from->col_offset;
    to->end_lineno = from->end_lineno;
    to->end_col_offset = from->end_col_offset;
}

/* ---- blocks ---- */

/* an error at the next token; at the end of the input (after DEDENTs),
   where CPython puts it */
static void error_at_next(P *p, pyerr_kind kind, const char *msg)
{
    int i = p->pos;
    while (p->toks[i].type == PYTOK_DEDENT && i + 1 < p->ntoks)
        i++;
    if (p->toks[i].type == PYTOK_ENDMARKER)
        pyparse_error_at_end(p, kind, &p->toks[i], msg);
    else
        pyparse_error_at_tok(p, kind, PEEK, "%s", msg);
}

static pyast_node *statement_into(P *p, pyparse_vec *out);

static bool expect_colon(P *p)
{
    if (ACCEPT(COLON))
        return true;
    if (AT(NEWLINE))
        pyparse_error_at_tok(p, PYERR_SYNTAX, PEEK, "expected ':'");
    return false;
}

/* CPython's forced tokens (&&':' in its grammar): "expected ':'" whatever
   comes instead */
static bool expect_forced(P *p, int type, const char *text)
{
    if (pyparse_accept(p, type))
        return true;
    if (!p->failed)
        pyparse_error_at_tok(p, PYERR_SYNTAX, PEEK, "expected '%s'", text);
    return false;
}

static pyast_seq *simple_stmts(P *p);

/* block after ':'; `what` and `line` name the header for CPython's
   "expected an indented block after ..." */
pyast_seq *pyparse_block(P *p, const char *what, int line)
{
    if (!ACCEPT(NEWLINE))
        return simple_stmts(p);
    if (!ACCEPT(INDENT)) {
        if (!p->failed) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "expected an indented block after %s on line %d", what,
                     line);
            error_at_next(p, PYERR_INDENTATION, msg);
        }
        return NULL;
    }
    pyparse_vec body = {0};
    while (!AT(DEDENT) && !AT(ENDMARKER)) {
        if (!statement_into(p, &body))
            return NULL;
    }
    ACCEPT(DEDENT);
    return pyparse_seq(p, &body);
}

/* ---- simple statements ---- */

static int augassign_op(int tok)
{
    switch (tok) {
    case PYTOK_PLUSEQUAL:
        return PYAST_Add;
    case PYTOK_MINEQUAL:
        return PYAST_Sub;
    case PYTOK_STAREQUAL:
        return PYAST_Mult;
    case PYTOK_ATEQUAL:
        return PYAST_MatMult;
    case PYTOK_SLASHEQUAL:
        return PYAST_Div;
    case PYTOK_PERCENTEQUAL:
        return PYAST_Mod;
    case PYTOK_AMPEREQUAL:
        return PYAST_BitAnd;
    case PYTOK_VBAREQUAL:
        return PYAST_BitOr;
    case PYTOK_CIRCUMFLEXEQUAL:
        return PYAST_BitXor;
    case PYTOK_LEFTSHIFTEQUAL:
        return PYAST_LShift;
    case PYTOK_RIGHTSHIFTEQUAL:
        return PYAST_RShift;
    case PYTOK_DOUBLESTAREQUAL:
        return PYAST_Pow;
    case PYTOK_DOUBLESLASHEQUAL:
        return PYAST_FloorDiv;
    default:
        return 0;
    }
}

static pyast_node *rhs(P *p)
{
    if (AT(YIELD))
        return pyparse_yield_expr(p);
    return pyparse_star_expressions(p);
}

static pyast_node *expr_or_assign(P *p)
{
    pytok_token *s = PEEK;
    pyast_node *e =
        AT(YIELD) ? pyparse_yield_expr(p) : pyparse_star_expressions(p);
    if (!e)
        return NULL;
    if (AT(COLON)) {
        /* the annotation must parse before the target is judged; if it
           does not, CPython's generic error is at the ':' unless the
           target was a valid one */
        ACCEPT(COLON);
        int savemax = p->maxpos;
        pyast_node *ann = pyparse_expression(p);
        if (!ann) {
            if (!p->failed && e->kind != PYAST_Name &&
                e->kind != PYAST_Attribute && e->kind != PYAST_Subscript)
                p->maxpos = savemax;
            return NULL;
        }
        if (e->kind == PYAST_Tuple || e->kind == PYAST_List)
            return pyparse_error_at_node(
                p, e, "only single target (not %s) can be annotated",
                e->kind == PYAST_Tuple ? "tuple" : "list");
        if (e->kind != PYAST_Name && e->kind != PYAST_Attribute &&
            e->kind != PYAST_Subscript)
            return pyparse_error_at_node(p, e, "illegal target for annotation");
        pyast_node *value = NULL;
        if (ACCEPT(EQUAL)) {
            value = rhs(p);
            if (!value)
                return NULL;
        }
        pyparse_set_target(p, e, PYAST_Store);
        pyast_node *n = pyparse_node_t(p, PYAST_AnnAssign, s);
        n->v.AnnAssign.target = e;
        n->v.AnnAssign.annotation = ann;
        n->v.AnnAssign.value = value;
        n->v.AnnAssign.simple = e->kind == PYAST_Name && s->type != PYTOK_LPAR;
        return n;
    }
    if (AT(EQUAL)) {
        pyparse_vec targets = {0};
        pyast_node *value = e;
        bool single = true;
        while (ACCEPT(EQUAL)) {
            pyparse_push(p, &targets, value);
            value = rhs(p);
            if (!value)
                return NULL;
            if (AT(EQUAL))
                single = false;
        }
        for (int i = 0; i < targets.n; i++) {
            pyast_node *t = targets.items[i];
            if (t->kind == PYAST_Yield || t->kind == PYAST_YieldFrom)
                return pyparse_error_at_node(
                    p, t, "assignment to yield expression not possible");
            bool ok = single ? pyparse_set_assign_target(p, t)
                             : pyparse_set_target(p, t, PYAST_Store);
            if (!ok)
                return NULL;
        }
        pyast_node *n = pyparse_node_t(p, PYAST_Assign, s);
        n->v.Assign.targets = pyparse_seq(p, &targets);
        n->v.Assign.value = value;
        return n;
    }
    int op = augassign_op(PEEK->type);
    if (op) {
        if (e->kind != PYAST_Name && e->kind != PYAST_Attribute &&
            e->kind != PYAST_Subscript)
            return pyparse_error_at_node(
                p, e, "'%s' is an illegal expression for augmented assignment",
                pyparse_expr_name(e));
        p->pos++;
        pyast_node *value = rhs(p);
        if (!value)
            return NULL;
        pyparse_set_target(p, e, PYAST_Store);
        pyast_node *n = pyparse_node_t(p, PYAST_AugAssign, s);
        n->v.AugAssign.target = e;
        n->v.AugAssign.op = op;
        n->v.AugAssign.value = value;
        return n;
    }
    /* print "x": CPython's hint for Python 2 code */
    if (e->kind == PYAST_Name && !strcmp(e->v.Name.id, "print") &&
        pyparse_starts_expression(p) && !p->failed) {
        int save = p->pos;
        pyast_node *arg = pyparse_star_expressions(p);
        if (arg && !p->failed)
            return pyparse_error_range(
                p, PYERR_SYNTAX, e->lineno, e->col_offset, arg->end_lineno,
                arg->end_col_offset,
                "Missing parentheses in call to 'print'. Did you mean "
                "print(...)?");
        p->pos = save;
    }
    pyast_node *n = pyparse_node_t(p, PYAST_Expr, s);
    n->v.Expr.value = e;
    return n;
}

static pyast_node *dotted_name(P *p, pytok_token **first)
{
    pytok_token *t = ACCEPT(NAME);
    if (!t)
        return NULL;
    *first = t;
    pyparse_vec parts = {0};
    const char *part = pyparse_ident(p, t);
    size_t len = strlen(part);
    pyparse_push(p, &parts, (void *)part);
    while (AT(DOT) && pyparse_peekn(p, 1)->type == PYTOK_NAME) {
        p->pos++;
        part = pyparse_ident(p, ACCEPT(NAME));
        pyparse_push(p, &parts, (void *)part);
        len += 1 + strlen(part);
    }
    /* the name is the parts joined by dots, whatever the spacing */
    char *buf = pyast_alloc(p->arena, len + 1);
    size_t n = 0;
    for (int i = 0; i < parts.n; i++) {
        const char *pt = parts.items[i];
        if (i)
            buf[n++] = '.';
        memcpy(buf + n, pt, strlen(pt));
        n += strlen(pt);
    }
    buf[n] = 0;
    pyast_node *a = pyparse_node_t(p, PYAST_alias, t);
    a->v.alias.name = buf;
    return a;
}

static pyast_node *import_stmt(P *p)
{
    pytok_token *s = ACCEPT(IMPORT);
    pyparse_vec names = {0};
    do {
        pytok_token *first;
        pyast_node *a = dotted_name(p, &first);
        if (!a)
            return NULL;
        if (ACCEPT(AS)) {
            pytok_token *as = ACCEPT(NAME);
            if (!as)
                return NULL;
            a->v.alias.asname = pyparse_ident(p, as);
            pyparse_end_at_prev(p, a);
        }
        pyparse_push(p, &names, a);
    } while (ACCEPT(COMMA));
    pyast_node *n = pyparse_node_t(p, PYAST_Import, s);
    n->v.Import.names = pyparse_seq(p, &names);
    return n;
}

static pyast_node *from_stmt(P *p)
{
    pytok_token *s = ACCEPT(FROM);
    int level = 0;
    for (;;) {
        if (ACCEPT(DOT))
            level++;
        else if (ACCEPT(ELLIPSIS))
            level += 3;
        else
            break;
    }
    const char *module = NULL;
    if (AT(NAME)) {
        pytok_token *first;
        pyast_node *m = dotted_name(p, &first);
        module = m->v.alias.name;
    } else if (level == 0) {
        return NULL;
    }
    if (!ACCEPT(IMPORT))
        return NULL;
    pyparse_vec names = {0};
    pytok_token *star = PEEK;
    if (ACCEPT(STAR)) {
        pyast_node *a = pyparse_node_t(p, PYAST_alias, star);
        a->v.alias.name = "*";
        pyparse_push(p, &names, a);
    } else {
        bool paren = ACCEPT(LPAR) != NULL;
        for (;;) {
            pytok_token *t = ACCEPT(NAME);
            if (!t)
                return NULL;
            pyast_node *a = pyparse_node_t(p, PYAST_alias, t);
            a->v.alias.name = pyparse_ident(p, t);
            if (ACCEPT(AS)) {
                pytok_token *as = ACCEPT(NAME);
                if (!as)
                    return NULL;
                a->v.alias.asname = pyparse_ident(p, as);
                pyparse_end_at_prev(p, a);
            }
            pyparse_push(p, &names, a);
            if (!AT(COMMA))
                break;
            ACCEPT(COMMA);
            if (paren && AT(RPAR))
                break;
            if (!paren && (AT(NEWLINE) || AT(SEMI)))
                return pyparse_error_at_tok(
                    p, PYERR_SYNTAX, PEEK,
                    "trailing comma not allowed without surrounding "
                    "parentheses");
        }
        if (paren && !ACCEPT(RPAR))
            return NULL;
    }
    pyast_node *n = pyparse_node_t(p, PYAST_ImportFrom, s);
    n->v.ImportFrom.module = module;
    n->v.ImportFrom.names = pyparse_seq(p, &names);
    n->v.ImportFrom.level = level;
    return n;
}

static pyast_node *names_stmt(P *p, pyast_kind kind)
{
    pytok_token *s = &p->toks[p->pos++];
    pyparse_vec names = {0};
    do {
        pytok_token *t = ACCEPT(NAME);
        if (!t)
            return NULL;
        pyparse_push(p, &names, (void *)pyparse_ident(p, t));
    } while (ACCEPT(COMMA));
    pyast_node *n = pyparse_node_t(p, kind, s);
    n->v.Global.names = pyparse_seq(p, &names);
    return n;
}

static pyast_node *del_stmt(P *p)
{
    pytok_token *s = ACCEPT(DEL);
    pyparse_vec targets = {0};
    do {
        if (AT(NEWLINE) || AT(SEMI))
            break;
        pytok_token *st = PEEK;
        pyast_node *t;
        if (ACCEPT(STAR)) {
            pyast_node *v = pyparse_bitwise_or(p);
            if (!v)
                return NULL;
            t = pyparse_node_t(p, PYAST_Starred, st);
            t->v.Starred.value = v;
        } else {
            t = pyparse_bitwise_or(p);
        }
        if (!t)
            return NULL;
        if (!pyparse_set_target(p, t, PYAST_Del))
            return NULL;
        pyparse_push(p, &targets, t);
    } while (ACCEPT(COMMA));
    if (targets.n == 0)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_Delete, s);
    n->v.Delete.targets = pyparse_seq(p, &targets);
    return n;
}

static pyast_node *simple_stmt(P *p)
{
    pytok_token *s = PEEK;
    pyast_node *n, *v;
    switch (s->type) {
    case PYTOK_PASS:
    case PYTOK_BREAK:
    case PYTOK_CONTINUE:
        p->pos++;
        return pyparse_node_t(p,
                              s->type == PYTOK_PASS    ? PYAST_Pass
                              : s->type == PYTOK_BREAK ? PYAST_Break
                                                       : PYAST_Continue,
                              s);
    case PYTOK_RETURN:
        p->pos++;
        v = NULL;
        if (pyparse_starts_expression(p) || AT(STAR)) {
            v = pyparse_star_expressions(p);
            if (!v)
                return NULL;
        }
        n = pyparse_node_t(p, PYAST_Return, s);
        n->v.Return.value = v;
        return n;
    case PYTOK_RAISE:
        p->pos++;
        n = pyast_new(p->arena, PYAST_Raise);
        if (pyparse_starts_expression(p)) {
            n->v.Raise.exc = pyparse_expression(p);
            if (!n->v.Raise.exc)
                return NULL;
            if (ACCEPT(FROM)) {
                n->v.Raise.cause = pyparse_expression(p);
                if (!n->v.Raise.cause)
                    return NULL;
            }
        }
        n->lineno = s->lineno;
        n->col_offset = s->col;
        pyparse_end_at_prev(p, n);
        return n;
    case PYTOK_GLOBAL:
        return names_stmt(p, PYAST_Global);
    case PYTOK_NONLOCAL:
        return names_stmt(p, PYAST_Nonlocal);
    case PYTOK_DEL:
        return del_stmt(p);
    case PYTOK_ASSERT:
        p->pos++;
        n = pyast_new(p->arena, PYAST_Assert);
        n->v.Assert.test = pyparse_expression(p);
        if (!n->v.Assert.test)
            return NULL;
        if (ACCEPT(COMMA)) {
            n->v.Assert.msg = pyparse_expression(p);
            if (!n->v.Assert.msg)
                return NULL;
        }
        n->lineno = s->lineno;
        n->col_offset = s->col;
        pyparse_end_at_prev(p, n);
        return n;
    case PYTOK_IMPORT:
        return import_stmt(p);
    case PYTOK_FROM:
        return from_stmt(p);
    default:
        return expr_or_assign(p);
    }
}

static pyast_seq *simple_stmts(P *p)
{
    pyparse_vec v = {0};
    for (;;) {
        pyast_node *s = simple_stmt(p);
        if (!s)
            return NULL;
        pyparse_push(p, &v, s);
        if (!ACCEPT(SEMI))
            break;
        if (AT(NEWLINE))
            break;
    }
    if (!ACCEPT(NEWLINE))
        return NULL;
    return pyparse_seq(p, &v);
}

/* ---- compound statements ---- */

static pyast_seq *else_block(P *p)
{
    pytok_token *e = ACCEPT(ELSE);
    if (!e)
        return pyparse_seq(p, &(pyparse_vec){0});
    if (!expect_forced(p, PYTOK_COLON, ":"))
        return NULL;
    return pyparse_block(p, "'else' statement", e->lineno);
}

static pyast_node *if_stmt(P *p)
{
    pytok_token *s = &p->toks[p->pos++]; /* 'if' or 'elif' */
    pyast_node *test = pyparse_named_expression(p);
    if (!test || !expect_colon(p))
        return NULL;
    pyast_seq *body = pyparse_block(
        p, s->type == PYTOK_IF ? "'if' statement" : "'elif' statement",
        s->lineno);
    if (!body)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_If, s);
    n->v.If.test = test;
    n->v.If.body = body;
    if (AT(ELIF)) {
        pyast_node *e = if_stmt(p);
        if (!e)
            return NULL;
        n->v.If.orelse = pyparse_seq1(p, e);
    } else {
        n->v.If.orelse = else_block(p);
        if (!n->v.If.orelse)
            return NULL;
    }
    pyparse_end_at_prev(p, n);
    return n;
}

static pyast_node *while_stmt(P *p)
{
    pytok_token *s = ACCEPT(WHILE);
    pyast_node *test = pyparse_named_expression(p);
    if (!test || !expect_colon(p))
        return NULL;
    pyast_seq *body = pyparse_block(p, "'while' statement", s->lineno);
    if (!body)
        return NULL;
    pyast_seq *orelse = else_block(p);
    if (!orelse)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_While, s);
    n->v.While.test = test;
    n->v.While.body = body;
    n->v.While.orelse = orelse;
    pyparse_end_at_prev(p, n);
    return n;
}

static pyast_node *for_stmt(P *p, pytok_token *async)
{
    pytok_token *s = ACCEPT(FOR);
    pyast_node *target = pyparse_star_targets(p);
    if (!target || !ACCEPT(IN))
        return NULL;
    pyast_node *iter = pyparse_star_expressions(p);
    if (!iter || !expect_colon(p))
        return NULL;
    pyast_seq *body = pyparse_block(p, "'for' statement", s->lineno);
    if (!body)
        return NULL;
    pyast_seq *orelse = else_block(p);
    if (!orelse)
        return NULL;
    pyast_node *n = pyparse_node_t(p, async ? PYAST_AsyncFor : PYAST_For,
                                   async ? async : s);
    n->v.For.target = target;
    n->v.For.iter = iter;
    n->v.For.body = body;
    n->v.For.orelse = orelse;
    pyparse_end_at_prev(p, n);
    return n;
}

static pyast_node *with_item(P *p)
{
    pyast_node *e = pyparse_expression(p);
    if (!e)
        return NULL;
    pyast_node *w = pyast_new(p->arena, PYAST_withitem);
    w->v.withitem.context_expr = e;
    if (ACCEPT(AS)) {
        pytok_token *s = PEEK;
        pyast_node *t;
        if (ACCEPT(STAR)) {
            pyast_node *v = pyparse_bitwise_or(p);
            if (!v)
                return NULL;
            t = pyparse_node_t(p, PYAST_Starred, s);
            t->v.Starred.value = v;
        } else {
            t = pyparse_bitwise_or(p);
            if (!t)
                return NULL;
        }
        if (!AT(COMMA) && !AT(RPAR) && !AT(COLON))
            return NULL;
        if (!pyparse_set_target(p, t, PYAST_Store))
            return NULL;
        w->v.withitem.optional_vars = t;
    }
    return w;
}

static pyast_seq *with_items_parenthesized(P *p)
{
    if (!ACCEPT(LPAR))
        return NULL;
    pyparse_vec items = {0};
    do {
        if (AT(RPAR) && items.n > 0)
            break;
        pyast_node *w = with_item(p);
        if (!w)
            return NULL;
        pyparse_push(p, &items, w);
    } while (ACCEPT(COMMA));
    if (!ACCEPT(RPAR) || !AT(COLON))
        return NULL;
    return pyparse_seq(p, &items);
}

static pyast_node *with_stmt(P *p, pytok_token *async)
{
    pytok_token *s = ACCEPT(WITH);
    pyast_seq *items = NULL;
    if (AT(LPAR)) {
        /* "with (a as b, c):" or an expression starting with '(' */
        int save = p->pos, savemax = p->maxpos, savebr = p->brackets;
        pyparse_error saveerr = *p->err;
        items = with_items_parenthesized(p);
        if (!items) {
            p->pos = save;
            p->maxpos = savemax;
            p->brackets = savebr;
            p->failed = false;
            *p->err = saveerr;
        }
    }
    if (!items) {
        pyparse_vec v = {0};
        do {
            pyast_node *w = with_item(p);
            if (!w)
                return NULL;
            pyparse_push(p, &v, w);
        } while (ACCEPT(COMMA));
        items = pyparse_seq(p, &v);
    }
    if (!expect_colon(p))
        return NULL;
    pyast_seq *body = pyparse_block(p, "'with' statement", s->lineno);
    if (!body)
        return NULL;
    pyast_node *n = pyparse_node_t(p, async ? PYAST_AsyncWith : PYAST_With,
                                   async ? async : s);
    n->v.With.items = items;
    n->v.With.body = body;
    pyparse_end_at_prev(p, n);
    return n;
}

static pyast_node *try_stmt(P *p)
{
    pytok_token *s = ACCEPT(TRY);
    if (!expect_forced(p, PYTOK_COLON, ":"))
        return NULL;
    pyast_seq *body = pyparse_block(p, "'try' statement", s->lineno);
    if (!body)
        return NULL;
    pyparse_vec handlers = {0};
    int star_kind = -1; /* 0 except, 1 except* */
    while (AT(EXCEPT)) {
        pytok_token *e = ACCEPT(EXCEPT);
        bool star = ACCEPT(STAR) != NULL;
        if (star_kind >= 0 && star_kind != star)
            return pyparse_error_at_tok(p, PYERR_SYNTAX, e,
                                        "cannot have both 'except' and "
                                        "'except*' on the same 'try'");
        star_kind = star;
        pyast_node *h = pyast_new(p->arena, PYAST_ExceptHandler);
        if (!AT(COLON)) {
            pyast_node *type = pyparse_expression(p);
            if (!type)
                return NULL;
            if (AT(COMMA)) {
                int save = p->pos;
                p->pos++;
                pyast_node *more = pyparse_expression(p);
                if (more && !p->failed)
                    return pyparse_error_range(
                        p, PYERR_SYNTAX, type->lineno, type->col_offset,
                        more->end_lineno, more->end_col_offset,
                        "multiple exception types must be parenthesized");
                p->pos = save;
                return NULL;
            }
            h->v.ExceptHandler.type = type;
            if (ACCEPT(AS)) {
                pytok_token *name = ACCEPT(NAME);
                if (!name)
                    return NULL;
                h->v.ExceptHandler.name = pyparse_ident(p, name);
            }
        } else if (star) {
            return pyparse_error_at_tok(p, PYERR_SYNTAX, PEEK,
                                        "expected one or more exception "
                                        "types");
        }
        if (!expect_colon(p))
            return NULL;
        pyast_seq *hb = pyparse_block(
            p, star ? "'except*' statement" : "'except' statement", e->lineno);
        if (!hb)
            return NULL;
        h->v.ExceptHandler.body = hb;
        h->lineno = e->lineno;
        h->col_offset = e->col;
        pyparse_end_at_prev(p, h);
        pyparse_push(p, &handlers, h);
    }
    pyast_seq *orelse = pyparse_seq(p, &(pyparse_vec){0});
    if (handlers.n > 0 && AT(ELSE)) {
        orelse = else_block(p);
        if (!orelse)
            return NULL;
    }
    pyast_seq *finalbody = pyparse_seq(p, &(pyparse_vec){0});
    pytok_token *f = ACCEPT(FINALLY);
    if (f) {
        if (!expect_forced(p, PYTOK_COLON, ":"))
            return NULL;
        finalbody = pyparse_block(p, "'finally' statement", f->lineno);
        if (!finalbody)
            return NULL;
    }
    if (handlers.n == 0 && !f) {
        if (!p->failed)
            error_at_next(p, PYERR_SYNTAX,
                          "expected 'except' or 'finally' block");
        return NULL;
    }
    pyast_node *n =
        pyparse_node_t(p, star_kind == 1 ? PYAST_TryStar : PYAST_Try, s);
    n->v.Try.body = body;
    n->v.Try.handlers = pyparse_seq(p, &handlers);
    n->v.Try.orelse = orelse;
    n->v.Try.finalbody = finalbody;
    pyparse_end_at_prev(p, n);
    return n;
}

static pyast_node *funcdef(P *p, pyast_seq *decorators, pytok_token *async)
{
    pytok_token *s = ACCEPT(DEF);
    pytok_token *name = ACCEPT(NAME);
    if (!name || !expect_forced(p, PYTOK_LPAR, "("))
        return NULL;
    int saved = p->brackets;
    p->brackets++;
    pyast_node *args = pyparse_parameters(p, true, PYTOK_RPAR);
    p->brackets = saved;
    if (!args || !ACCEPT(RPAR))
        return NULL;
    pyast_node *returns = NULL;
    if (ACCEPT(RARROW)) {
        returns = pyparse_expression(p);
        if (!returns)
            return NULL;
    }
    if (!expect_forced(p, PYTOK_COLON, ":"))
        return NULL;
    pyast_seq *body = pyparse_block(p, "function definition", s->lineno);
    if (!body)
        return NULL;
    pyast_node *n =
        pyparse_node_t(p, async ? PYAST_AsyncFunctionDef : PYAST_FunctionDef,
                       async ? async : s);
    n->v.FunctionDef.name = pyparse_ident(p, name);
    n->v.FunctionDef.args = args;
    n->v.FunctionDef.body = body;
    n->v.FunctionDef.decorator_list = decorators;
    n->v.FunctionDef.returns = returns;
    pyparse_end_at_prev(p, n);
    return n;
}

static pyast_node *classdef(P *p, pyast_seq *decorators)
{
    pytok_token *s = ACCEPT(CLASS);
    pytok_token *name = ACCEPT(NAME);
    if (!name)
        return NULL;
    pyast_seq *bases = NULL, *keywords = NULL;
    pytok_token *open = ACCEPT(LPAR);
    if (open) {
        p->no_genexp = true;
        bool ok = pyparse_call_args(p, &bases, &keywords, open);
        p->no_genexp = false;
        if (!ok)
            return NULL;
    } else {
        bases = pyparse_seq(p, &(pyparse_vec){0});
        keywords = bases;
    }
    if (!expect_colon(p))
        return NULL;
    pyast_seq *body = pyparse_block(p, "class definition", s->lineno);
    if (!body)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_ClassDef, s);
    n->v.ClassDef.name = pyparse_ident(p, name);
    n->v.ClassDef.bases = bases;
    n->v.ClassDef.keywords = keywords;
    n->v.ClassDef.body = body;
    n->v.ClassDef.decorator_list = decorators;
    pyparse_end_at_prev(p, n);
    return n;
}

static pyast_node *decorated(P *p)
{
    pyparse_vec decs = {0};
    while (ACCEPT(AT)) {
        pyast_node *d = pyparse_named_expression(p);
        if (!d || !ACCEPT(NEWLINE))
            return NULL;
        pyparse_push(p, &decs, d);
    }
    pyast_seq *ds = pyparse_seq(p, &decs);
    if (AT(DEF))
        return funcdef(p, ds, NULL);
    if (AT(ASYNC) && pyparse_peekn(p, 1)->type == PYTOK_DEF) {
        pytok_token *a = ACCEPT(ASYNC);
        return funcdef(p, ds, a);
    }
    if (AT(CLASS))
        return classdef(p, ds);
    return NULL;
}

static pyast_node *compound_or_simple(P *p, pyparse_vec *out)
{
    pytok_token *s = PEEK;
    pyast_node *n = NULL;
    switch (s->type) {
    case PYTOK_IF:
        n = if_stmt(p);
        break;
    case PYTOK_WHILE:
        n = while_stmt(p);
        break;
    case PYTOK_FOR:
        n = for_stmt(p, NULL);
        break;
    case PYTOK_WITH:
        n = with_stmt(p, NULL);
        break;
    case PYTOK_TRY:
        n = try_stmt(p);
        break;
    case PYTOK_DEF:
        n = funcdef(p, pyparse_seq(p, &(pyparse_vec){0}), NULL);
        break;
    case PYTOK_CLASS:
        n = classdef(p, pyparse_seq(p, &(pyparse_vec){0}));
        break;
    case PYTOK_AT:
        n = decorated(p);
        break;
    case PYTOK_ASYNC: {
        int next = pyparse_peekn(p, 1)->type;
        p->pos++;
        if (next == PYTOK_DEF)
            n = funcdef(p, pyparse_seq(p, &(pyparse_vec){0}), s);
        else if (next == PYTOK_FOR)
            n = for_stmt(p, s);
        else if (next == PYTOK_WITH)
            n = with_stmt(p, s);
        break;
    }
    default:
        if (pyparse_at_name(p, "match")) {
            bool not_match;
            n = pyparse_match_stmt(p, &not_match);
            if (!not_match)
                break;
        }
        {
            pyast_seq *ss = simple_stmts(p);
            if (!ss)
                return NULL;
            for (int i = 0; i < ss->len; i++)
                pyparse_push(p, out, ss->items[i]);
            return ss->items[0];
        }
    }
    if (n)
        pyparse_push(p, out, n);
    return n;
}

static pyast_node *statement_into(P *p, pyparse_vec *out)
{
    if (!pyparse_check_depth(p))
        return NULL;
    p->depth++;
    pyast_node *r = compound_or_simple(p, out);
    p->depth--;
    return r;
}

pyast_seq *pyparse_statements(P *p)
{
    pyparse_vec body = {0};
    while (!AT(ENDMARKER)) {
        if (!statement_into(p, &body))
            return NULL;
    }
    return pyparse_seq(p, &body);
}

/* ---- entry points ---- */

static void init_state(P *p, pytok_tokens *tt, pyast_arena *arena,
                       pyparse_error *err)
{
    memset(p, 0, sizeof *p);
    p->toks = tt->toks;
    p->ntoks = tt->n;
    p->tt = tt;
    p->arena = arena;
    p->err = err;
    p->src = tt->src;
}

static pyast_mod *parse_mode(P *p, pyparse_mode mode)
{
    pyast_node *m;
    switch (mode) {
    case PYPARSE_EVAL: {
        pyast_node *e = pyparse_expressions(p);
        if (!e)
            return NULL;
        while (ACCEPT(NEWLINE))
            ;
        if (!AT(ENDMARKER))
            return NULL;
        m = pyast_new(p->arena, PYAST_Expression);
        m->v.Expression.body = e;
        return m;
    }
    case PYPARSE_SINGLE: {
        pyparse_vec body = {0};
        if (!ACCEPT(NEWLINE) || !AT(ENDMARKER)) {
            if (!statement_into(p, &body))
                return NULL;
            while (ACCEPT(NEWLINE))
                ;
            if (!AT(ENDMARKER)) {
                int i = 0;
                while (i < p->pos && p->toks[i].type != PYTOK_NEWLINE)
                    i++;
                if (!p->failed)
                    pyparse_error_at_tok(p, PYERR_SYNTAX, &p->toks[i],
                                         "multiple statements found while "
                                         "compiling a single statement");
                return NULL;
            }
        }
        m = pyast_new(p->arena, PYAST_Interactive);
        m->v.Interactive.body = pyparse_seq(p, &body);
        return m;
    }
    default: {
        pyast_seq *body = pyparse_statements(p);
        if (!body)
            return NULL;
        m = pyast_new(p->arena, PYAST_Module);
        m->v.Module.body = body;
        m->v.Module.type_ignores = pyparse_seq(p, &(pyparse_vec){0});
        return m;
    }
    }
}

/* CPython tokenizes the rest of the file after most parser errors: a
   tokenizer error there wins, and so does a bracket left open on a line
   before the one the parser stopped at. */
static void override_error(P *p)
{
    if (p->keep_error)
        return;
    if (p->tok_err && !p->tok_err->soft) {
        *p->err = *p->tok_err;
        return;
    }
    pytok_token *last = &p->toks[p->ntoks - 1];
    int stop_line =
        p->toks[p->maxpos < p->ntoks ? p->maxpos : p->ntoks - 1].lineno;
    if (last->type == PYTOK_EOF_IN_BRACKETS && p->tt->open_lineno < stop_line) {
        p->failed = false;
        pyparse_error_range(p, PYERR_SYNTAX, p->tt->open_lineno,
                            p->tt->open_col, p->tt->open_lineno,
                            p->tt->open_col, "'%c' was never closed",
                            p->tt->open_char);
    }
}

static pyast_mod *parse_source(const char *source, size_t len,
                               pyparse_mode mode, pyast_arena *arena,
                               pyparse_error *err, bool text)
{
    pytok_tokens tt;
    pyparse_error tok_err;
    bool tok_failed =
        (text ? pytok_tokenize_text(source, len, &tt, &tok_err, arena)
              : pytok_tokenize(source, len, &tt, &tok_err, arena)) < 0;
    if (tok_failed && tt.n == 0) {
        *err = tok_err;
        pytok_free(&tt);
        return NULL;
    }
    P p;
    memset(err, 0, sizeof *err);
    init_state(&p, &tt, arena, err);
    p.tok_err = tok_failed ? &tok_err : NULL;
    pyast_mod *m = parse_mode(&p, mode);
    if (!m || p.failed) {
        if (!p.failed)
            pyparse_generic_error(&p);
        override_error(&p);
        m = NULL;
    }
    pytok_free(&tt);
    return m;
}

pyast_mod *pyparse_source(const char *source, size_t len, pyparse_mode mode,
                          pyast_arena *arena, pyparse_error *err)
{
    return parse_source(source, len, mode, arena, err, false);
}

pyast_mod *pyparse_source_text(const char *source, size_t len,
                               pyparse_mode mode, pyast_arena *arena,
                               pyparse_error *err)
{
    return parse_source(source, len, mode, arena, err, true);
}

pyast_node *pyparse_fstring_expr(P *p, const char *text, size_t len, int lineno,
                                 int col)
{
    char *buf = pyast_alloc(p->arena, len + 3);
    buf[0] = '(';
    memcpy(buf + 1, text, len);
    buf[len + 1] = ')';
    pytok_tokens tt;
    pyparse_error sub = {0};
    if (pytok_tokenize(buf, len + 2, &tt, &sub, p->arena) < 0) {
        pytok_free(&tt);
        pyparse_error_range(p, sub.kind, lineno, 0, lineno, 0, "f-string: %s",
                            sub.msg);
        if (p->err->kind) {
            p->err->lineno = lineno + sub.lineno - 1;
            p->err->offset = sub.offset;
            p->err->end_offset = sub.end_offset;
            p->err->text = sub.text;
        }
        return NULL;
    }
    /* place the tokens where CPython 3.11 places them in the file */
    for (int i = 0; i < tt.n; i++) {
        pytok_token *t = &tt.toks[i];
        if (t->lineno == 1)
            t->col += col;
        if (t->end_lineno == 1)
            t->end_col += col;
        t->lineno += lineno - 1;
        t->end_lineno += lineno - 1;
    }
    P q;
    init_state(&q, &tt, p->arena, p->err);
    q.in_fstring = true;
    q.line_offset = lineno - 1;
    q.col_offset = col;
    q.depth = p->depth;
    pyast_node *e = pyparse_star_expressions(&q);
    if (e && !q.failed) {
        while (pyparse_accept(&q, PYTOK_NEWLINE))
            ;
        if (!pyparse_at(&q, PYTOK_ENDMARKER))
            e = NULL;
    }
    if (!e || q.failed) {
        if (!q.failed)
            pyparse_generic_error(&q);
        p->failed = true;
        e = NULL;
    }
    pytok_free(&tt);
    return e;
}
