/* The match statement (PEP 634): "match" and "case" are soft keywords, so
   a line starting with the name "match" is a match statement only if
   "match <subject>:" NEWLINE INDENT parses; otherwise the parser backs up
   and reads the line as an ordinary statement.  Patterns become the
   Match* nodes of ast.h. */
#include <string.h>

#include "parse_internal.h"

#define AT(t)     pyparse_at(p, PYTOK_##t)
#define ACCEPT(t) pyparse_accept(p, PYTOK_##t)
#define PEEK      pyparse_peek(p)

static pyast_node *pattern(P *p);
static pyast_node *maybe_star_pattern(P *p);

static bool is_underscore(const pytok_token *t)
{
    return t->type == PYTOK_NAME && t->len == 1 && t->start[0] == '_';
}

static pyast_node *name_load(P *p, pytok_token *t)
{
    pyast_node *n = pyparse_node_t(p, PYAST_Name, t);
    n->v.Name.id = pyparse_ident(p, t);
    n->v.Name.ctx = PYAST_Load;
    return n;
}

/* NAME ('.' NAME)* as a Name or an Attribute chain */
static pyast_node *name_or_attr(P *p, bool *dotted)
{
    pytok_token *s = ACCEPT(NAME);
    if (!s)
        return NULL;
    pyast_node *e = name_load(p, s);
    *dotted = false;
    while (AT(DOT)) {
        p->pos++;
        pytok_token *t = ACCEPT(NAME);
        if (!t)
            return NULL;
        pyast_node *a = pyparse_node_t(p, PYAST_Attribute, s);
        a->v.Attribute.value = e;
        a->v.Attribute.attr = pyparse_ident(p, t);
        a->v.Attribute.ctx = PYAST_Load;
        e = a;
        *dotted = true;
    }
    return e;
}

/* signed_number, or a complex literal real +/- imaginary */
static pyast_node *number_expr(P *p)
{
    pytok_token *s = PEEK;
    bool neg = ACCEPT(MINUS) != NULL;
    pytok_token *nt = ACCEPT(NUMBER);
    if (!nt)
        return NULL;
    pyast_node *e = pyparse_number(p, nt);
    if (neg) {
        pyast_node *u = pyparse_node_t(p, PYAST_UnaryOp, s);
        u->v.UnaryOp.op = PYAST_USub;
        u->v.UnaryOp.operand = e;
        e = u;
    }
    if (AT(PLUS) || AT(MINUS)) {
        int op = PEEK->type == PYTOK_PLUS ? PYAST_Add : PYAST_Sub;
        if (nt->start[nt->len - 1] == 'j' || nt->start[nt->len - 1] == 'J')
            return pyparse_error_at_node(
                p, e, "real number required in complex literal");
        p->pos++;
        pytok_token *it = ACCEPT(NUMBER);
        if (!it)
            return NULL;
        pyast_node *imag = pyparse_number(p, it);
        if (imag->v.Constant.value.kind != PYAST_CONST_COMPLEX)
            return pyparse_error_at_node(
                p, imag, "imaginary number required in complex literal");
        pyast_node *b = pyparse_node_t(p, PYAST_BinOp, s);
        b->v.BinOp.left = e;
        b->v.BinOp.op = op;
        b->v.BinOp.right = imag;
        e = b;
    }
    return e;
}

/* a literal usable as a value pattern or a mapping key */
static pyast_node *literal_expr(P *p)
{
    pytok_token *s = PEEK;
    switch (s->type) {
    case PYTOK_NUMBER:
    case PYTOK_MINUS:
        return number_expr(p);
    case PYTOK_STRING:
        /* f-strings too: the compiler rejects them, not the parser */
        return pyparse_strings(p);
    case PYTOK_NONE:
    case PYTOK_TRUE:
    case PYTOK_FALSE: {
        p->pos++;
        pyast_node *c = pyparse_node_t(p, PYAST_Constant, s);
        c->v.Constant.value.kind = s->type == PYTOK_NONE   ? PYAST_CONST_NONE
                                   : s->type == PYTOK_TRUE ? PYAST_CONST_TRUE
                                                           : PYAST_CONST_FALSE;
        return c;
    }
    default:
        return NULL;
    }
}

static pyast_node *sequence_until(P *p, pytok_token *open, int close)
{
    pyparse_vec pats = {0};
    while (!pyparse_at(p, close)) {
        pyast_node *e = maybe_star_pattern(p);
        if (!e)
            return NULL;
        pyparse_push(p, &pats, e);
        if (!ACCEPT(COMMA))
            break;
    }
    if (!pyparse_accept(p, close))
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_MatchSequence, open);
    n->v.MatchSequence.patterns = pyparse_seq(p, &pats);
    return n;
}

static pyast_node *class_pattern(P *p, pytok_token *s, pyast_node *cls)
{
    ACCEPT(LPAR);
    pyparse_vec pats = {0}, attrs = {0}, kpats = {0};
    while (!AT(RPAR)) {
        pytok_token *t = PEEK;
        if (t->type == PYTOK_NAME && pyparse_peekn(p, 1)->type == PYTOK_EQUAL) {
            p->pos += 2;
            pyast_node *v = pattern(p);
            if (!v)
                return NULL;
            pyparse_push(p, &attrs, (void *)pyparse_ident(p, t));
            pyparse_push(p, &kpats, v);
        } else {
            pyast_node *v = pattern(p);
            if (!v)
                return NULL;
            if (attrs.n)
                return pyparse_error_at_node(
                    p, v, "positional patterns follow keyword patterns");
            pyparse_push(p, &pats, v);
        }
        if (!ACCEPT(COMMA))
            break;
    }
    if (!ACCEPT(RPAR))
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_MatchClass, s);
    n->v.MatchClass.cls = cls;
    n->v.MatchClass.patterns = pyparse_seq(p, &pats);
    n->v.MatchClass.kwd_attrs = pyparse_seq(p, &attrs);
    n->v.MatchClass.kwd_patterns = pyparse_seq(p, &kpats);
    return n;
}

static pyast_node *mapping_pattern(P *p)
{
    pytok_token *open = ACCEPT(LBRACE);
    pyparse_vec keys = {0}, pats = {0};
    const char *rest = NULL;
    while (!AT(RBRACE)) {
        if (rest)
            return NULL;
        if (ACCEPT(DOUBLESTAR)) {
            pytok_token *t = ACCEPT(NAME);
            if (!t || is_underscore(t))
                return NULL;
            rest = pyparse_ident(p, t);
        } else {
            pyast_node *k;
            if (AT(NAME)) {
                bool dotted;
                k = name_or_attr(p, &dotted);
                if (!k || !dotted)
                    return NULL;
            } else {
                k = literal_expr(p);
                if (!k)
                    return NULL;
            }
            if (!ACCEPT(COLON))
                return NULL;
            pyast_node *v = pattern(p);
            if (!v)
                return NULL;
            pyparse_push(p, &keys, k);
            pyparse_push(p, &pats, v);
        }
        if (!ACCEPT(COMMA))
            break;
    }
    if (!ACCEPT(RBRACE))
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_MatchMapping, open);
    n->v.MatchMapping.keys = pyparse_seq(p, &keys);
    n->v.MatchMapping.patterns = pyparse_seq(p, &pats);
    n->v.MatchMapping.rest = rest;
    return n;
}

static pyast_node *closed_pattern(P *p)
{
    pytok_token *s = PEEK;
    switch (s->type) {
    case PYTOK_NONE:
    case PYTOK_TRUE:
    case PYTOK_FALSE: {
        p->pos++;
        pyast_node *n = pyparse_node_t(p, PYAST_MatchSingleton, s);
        n->v.MatchSingleton.value.kind =
            s->type == PYTOK_NONE   ? PYAST_CONST_NONE
            : s->type == PYTOK_TRUE ? PYAST_CONST_TRUE
                                    : PYAST_CONST_FALSE;
        return n;
    }
    case PYTOK_NUMBER:
    case PYTOK_MINUS:
    case PYTOK_STRING: {
        pyast_node *v = literal_expr(p);
        if (!v)
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_MatchValue, s);
        n->v.MatchValue.value = v;
        return n;
    }
    case PYTOK_NAME: {
        int next = pyparse_peekn(p, 1)->type;
        if (is_underscore(s) && next != PYTOK_DOT && next != PYTOK_LPAR &&
            next != PYTOK_EQUAL) {
            p->pos++;
            return pyparse_node_t(p, PYAST_MatchAs, s);
        }
        bool dotted;
        pyast_node *e = name_or_attr(p, &dotted);
        if (!e)
            return NULL;
        if (AT(LPAR))
            return class_pattern(p, s, e);
        if (dotted) {
            pyast_node *n = pyparse_node_t(p, PYAST_MatchValue, s);
            n->v.MatchValue.value = e;
            return n;
        }
        if (AT(EQUAL))
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_MatchAs, s);
        n->v.MatchAs.name = e->v.Name.id;
        return n;
    }
    case PYTOK_LPAR: {
        p->pos++;
        if (AT(RPAR) || AT(STAR)) {
            p->pos--;
            ACCEPT(LPAR);
            return sequence_until(p, s, PYTOK_RPAR);
        }
        pyast_node *first = pattern(p);
        if (!first)
            return NULL;
        if (ACCEPT(RPAR))
            return first; /* a group keeps the inner position */
        if (!ACCEPT(COMMA))
            return NULL;
        pyparse_vec pats = {0};
        pyparse_push(p, &pats, first);
        while (!AT(RPAR)) {
            pyast_node *e = maybe_star_pattern(p);
            if (!e)
                return NULL;
            pyparse_push(p, &pats, e);
            if (!ACCEPT(COMMA))
                break;
        }
        if (!ACCEPT(RPAR))
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_MatchSequence, s);
        n->v.MatchSequence.patterns = pyparse_seq(p, &pats);
        return n;
    }
    case PYTOK_LSQB:
        p->pos++;
        return sequence_until(p, s, PYTOK_RSQB);
    case PYTOK_LBRACE:
        return mapping_pattern(p);
    default:
        return NULL;
    }
}

static pyast_node *or_pattern(P *p)
{
    pytok_token *s = PEEK;
    pyast_node *first = closed_pattern(p);
    if (!first || !AT(VBAR))
        return first;
    pyparse_vec alts = {0};
    pyparse_push(p, &alts, first);
    while (ACCEPT(VBAR)) {
        pyast_node *e = closed_pattern(p);
        if (!e)
            return NULL;
        pyparse_push(p, &alts, e);
    }
    pyast_node *n = pyparse_node_t(p, PYAST_MatchOr, s);
    n->v.MatchOr.patterns = pyparse_seq(p, &alts);
    return n;
}

static pyast_node *pattern(P *p)
{
    if (!pyparse_check_depth(p))
        return NULL;
    p->depth++;
    pytok_token *s = PEEK;
    pyast_node *e = or_pattern(p);
    if (e && AT(AS)) {
        p->pos++;
        pytok_token *t = PEEK;
        if (is_underscore(t)) {
            p->depth--;
            return pyparse_error_at_tok(p, PYERR_SYNTAX, t,
                                        "cannot use '_' as a target");
        }
        if (!ACCEPT(NAME)) {
            p->depth--;
            return NULL;
        }
        pyast_node *n = pyparse_node_t(p, PYAST_MatchAs, s);
        n->v.MatchAs.pattern = e;
        n->v.MatchAs.name = pyparse_ident(p, t);
        e = n;
    }
    p->depth--;
    return e;
}

static pyast_node *maybe_star_pattern(P *p)
{
    pytok_token *s = PEEK;
    if (!ACCEPT(STAR))
        return pattern(p);
    pytok_token *t = ACCEPT(NAME);
    if (!t)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_MatchStar, s);
    if (!is_underscore(t))
        n->v.MatchStar.name = pyparse_ident(p, t);
    return n;
}

/* the patterns of a case: an open sequence or one pattern */
static pyast_node *case_patterns(P *p)
{
    pytok_token *s = PEEK;
    pyast_node *first = maybe_star_pattern(p);
    if (!first)
        return NULL;
    if (!AT(COMMA)) {
        if (first->kind == PYAST_MatchStar)
            return NULL;
        return first;
    }
    pyparse_vec pats = {0};
    pyparse_push(p, &pats, first);
    while (ACCEPT(COMMA)) {
        if (AT(COLON) || AT(IF))
            break;
        pyast_node *e = maybe_star_pattern(p);
        if (!e)
            return NULL;
        pyparse_push(p, &pats, e);
    }
    pyast_node *n = pyparse_node_t(p, PYAST_MatchSequence, s);
    n->v.MatchSequence.patterns = pyparse_seq(p, &pats);
    return n;
}

static pyast_node *case_block(P *p)
{
    pytok_token *c = PEEK;
    p->pos++;
    pyast_node *mc = pyast_new(p->arena, PYAST_match_case);
    mc->v.match_case.pattern = case_patterns(p);
    if (!mc->v.match_case.pattern)
        return NULL;
    if (ACCEPT(IF)) {
        mc->v.match_case.guard = pyparse_named_expression(p);
        if (!mc->v.match_case.guard)
            return NULL;
    }
    if (!ACCEPT(COLON)) {
        if (AT(NEWLINE))
            pyparse_error_at_tok(p, PYERR_SYNTAX, PEEK, "expected ':'");
        return NULL;
    }
    mc->v.match_case.body = pyparse_block(p, "'case' statement", c->lineno);
    if (!mc->v.match_case.body)
        return NULL;
    return mc;
}

pyast_node *pyparse_match_stmt(P *p, bool *not_match)
{
    pytok_token *s = PEEK;
    int save = p->pos, savemax = p->maxpos, savebr = p->brackets;
    pyparse_error saveerr = *p->err;
    *not_match = false;
    p->pos++;
    /* subject: a named expression or an open tuple */
    pytok_token *ss = PEEK;
    pyast_node *subject = pyparse_star_named_expression(p);
    if (subject && AT(COMMA)) {
        pyparse_vec elts = {0};
        pyparse_push(p, &elts, subject);
        while (ACCEPT(COMMA)) {
            if (AT(COLON))
                break;
            pyast_node *e = pyparse_star_named_expression(p);
            if (!e) {
                subject = NULL;
                break;
            }
            pyparse_push(p, &elts, e);
        }
        if (subject) {
            pyast_node *t = pyparse_node_t(p, PYAST_Tuple, ss);
            t->v.Tuple.elts = pyparse_seq(p, &elts);
            t->v.Tuple.ctx = PYAST_Load;
            subject = t;
        }
    }
    bool header = subject && !p->failed && ACCEPT(COLON) && ACCEPT(NEWLINE);
    if (header && !AT(INDENT)) {
        pyparse_error_at_tok(p, PYERR_INDENTATION, PEEK,
                             "expected an indented block after 'match' "
                             "statement on line %d",
                             s->lineno);
        return NULL;
    }
    if (!header || !ACCEPT(INDENT)) {
        p->pos = save;
        p->maxpos = savemax;
        p->brackets = savebr;
        p->failed = false;
        *p->err = saveerr;
        *not_match = true;
        return NULL;
    }
    pyparse_vec cases = {0};
    while (pyparse_at_name(p, "case")) {
        pyast_node *c = case_block(p);
        if (!c)
            return NULL;
        pyparse_push(p, &cases, c);
    }
    if (cases.n == 0 || !ACCEPT(DEDENT))
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_Match, s);
    n->v.Match.subject = subject;
    n->v.Match.cases = pyparse_seq(p, &cases);
    return n;
}
