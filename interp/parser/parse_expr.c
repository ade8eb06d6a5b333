/* Expressions: the precedence ladder from lambda and conditional
   expressions down to atoms, displays and comprehensions, calls and
   subscripts, and def/lambda parameter lists.

   Each function parses one grammar rule at the current token and returns
   its node, or NULL: either p->failed is set (a specific error was
   reported) or the input does not match (the caller may try something
   else or leave the generic "invalid syntax" to the top level).  Nodes
   span from their first to their last token, as CPython's do. */
#include <string.h>

#include "parse_internal.h"

#define AT(t)     pyparse_at(p, PYTOK_##t)
#define ACCEPT(t) pyparse_accept(p, PYTOK_##t)
#define PEEK      pyparse_peek(p)

static pyast_node *name_node(P *p, pytok_token *t, pyast_expr_context ctx)
{
    pyast_node *n = pyparse_node_t(p, PYAST_Name, t);
    n->v.Name.id = pyparse_ident(p, t);
    n->v.Name.ctx = ctx;
    return n;
}

bool pyparse_starts_expression(P *p)
{
    switch (PEEK->type) {
    case PYTOK_NAME:
    case PYTOK_NUMBER:
    case PYTOK_STRING:
    case PYTOK_LPAR:
    case PYTOK_LSQB:
    case PYTOK_LBRACE:
    case PYTOK_MINUS:
    case PYTOK_PLUS:
    case PYTOK_TILDE:
    case PYTOK_NOT:
    case PYTOK_LAMBDA:
    case PYTOK_AWAIT:
    case PYTOK_ELLIPSIS:
    case PYTOK_NONE:
    case PYTOK_TRUE:
    case PYTOK_FALSE:
        return true;
    default:
        return false;
    }
}

/* Inside brackets, an element directly followed by another expression is
   CPython's "invalid syntax. Perhaps you forgot a comma?", spanning both;
   `a_start` is the token index where `a` began.  Returns NULL always. */
static pyast_node *missing_comma(P *p, pyast_node *a, int a_start)
{
    if (p->failed || p->brackets == 0 || !a || !pyparse_starts_expression(p))
        return NULL;
    switch (a->kind) {
    case PYAST_Lambda:
    case PYAST_IfExp:
    case PYAST_NamedExpr:
    case PYAST_Starred:
        return NULL;
    default:
        break;
    }
    pytok_token *s = &p->toks[a_start];
    if (s->type == PYTOK_NAME &&
        (p->toks[a_start + 1].type == PYTOK_STRING ||
         (s->len == 5 && !memcmp(s->start, "match", 5)) ||
         (s->len == 4 && !memcmp(s->start, "case", 4)) ||
         (s->len == 1 && s->start[0] == '_')))
        return NULL;
    int save = p->pos, savemax = p->maxpos;
    pyast_node *b = pyparse_expression(p);
    if (!b || p->failed) {
        p->pos = save;
        p->maxpos = savemax;
        return NULL;
    }
    return pyparse_error_range(p, PYERR_SYNTAX, a->lineno, a->col_offset,
                               b->end_lineno, b->end_col_offset,
                               "invalid syntax. Perhaps you forgot a comma?");
}

/* ---- comprehensions ---- */

static pyast_seq *for_if_clauses(P *p)
{
    pyparse_vec gens = {0};
    while (AT(FOR) || (AT(ASYNC) && pyparse_peekn(p, 1)->type == PYTOK_FOR)) {
        pyast_node *c = pyast_new(p->arena, PYAST_comprehension);
        if (ACCEPT(ASYNC))
            c->v.comprehension.is_async = 1;
        ACCEPT(FOR);
        c->v.comprehension.target = pyparse_star_targets(p);
        if (!c->v.comprehension.target)
            return NULL;
        if (!ACCEPT(IN))
            return NULL;
        c->v.comprehension.iter = pyparse_disjunction(p);
        if (!c->v.comprehension.iter)
            return NULL;
        pyparse_vec ifs = {0};
        while (ACCEPT(IF)) {
            pyast_node *cond = pyparse_disjunction(p);
            if (!cond)
                return NULL;
            pyparse_push(p, &ifs, cond);
        }
        c->v.comprehension.ifs = pyparse_seq(p, &ifs);
        pyparse_push(p, &gens, c);
    }
    return pyparse_seq(p, &gens);
}

static bool at_comprehension(P *p)
{
    return AT(FOR) || (AT(ASYNC) && pyparse_peekn(p, 1)->type == PYTOK_FOR);
}

static pyast_node *comp_node(P *p, pyast_kind kind, pytok_token *open,
                             pyast_node *elt, int close)
{
    if (elt->kind == PYAST_Starred)
        return pyparse_error_at_node(
            p, elt, "iterable unpacking cannot be used in comprehension");
    pyast_seq *gens = for_if_clauses(p);
    if (!gens || !pyparse_accept(p, close))
        return NULL;
    pyast_node *n = pyparse_node_t(p, kind, open);
    n->v.ListComp.elt = elt;
    n->v.ListComp.generators = gens;
    return n;
}

/* ---- atoms ---- */

/* elements of a list/tuple/set display after the first, up to `close`
   (consumed); returns false on error */
static bool display_rest(P *p, pyparse_vec *elts, pyast_node *first,
                         int first_pos, int close)
{
    pyast_node *last = first;
    int last_pos = first_pos;
    for (;;) {
        if (pyparse_accept(p, close))
            return true;
        if (close != PYTOK_RPAR && last != first && at_comprehension(p))
            return pyparse_error_range(
                p, PYERR_SYNTAX, first->lineno, first->col_offset,
                last->end_lineno, last->end_col_offset,
                "did you forget parentheses around the comprehension "
                "target?");
        if (!ACCEPT(COMMA)) {
            missing_comma(p, last, last_pos);
            return false;
        }
        if (close != PYTOK_RPAR && at_comprehension(p)) {
            pytok_token *comma = pyparse_prev(p);
            return pyparse_error_range(
                p, PYERR_SYNTAX, first->lineno, first->col_offset,
                comma->end_lineno, comma->end_col,
                "did you forget parentheses around the comprehension "
                "target?");
        }
        if (pyparse_accept(p, close))
            return true;
        last_pos = p->pos;
        last = pyparse_star_named_expression(p);
        if (!last)
            return false;
        pyparse_push(p, elts, last);
    }
}

static pyast_node *paren_atom(P *p)
{
    pytok_token *open = ACCEPT(LPAR);
    if (ACCEPT(RPAR)) {
        pyast_node *t = pyparse_node_t(p, PYAST_Tuple, open);
        t->v.Tuple.elts = pyparse_seq(p, &(pyparse_vec){0});
        t->v.Tuple.ctx = PYAST_Load;
        return t;
    }
    if (AT(YIELD)) {
        pyast_node *y = pyparse_yield_expr(p);
        if (!y || !ACCEPT(RPAR))
            return NULL;
        return y;
    }
    int first_pos = p->pos;
    pyast_node *first = pyparse_star_named_expression(p);
    if (!first)
        return NULL;
    if (at_comprehension(p))
        return comp_node(p, PYAST_GeneratorExp, open, first, PYTOK_RPAR);
    if (ACCEPT(RPAR)) {
        if (first->kind == PYAST_Starred)
            return pyparse_error_at_node(p, first,
                                         "cannot use starred expression here");
        return first;
    }
    if (!AT(COMMA)) {
        missing_comma(p, first, first_pos);
        return NULL;
    }
    pyparse_vec elts = {0};
    pyparse_push(p, &elts, first);
    if (!display_rest(p, &elts, first, first_pos, PYTOK_RPAR))
        return NULL;
    pyast_node *t = pyparse_node_t(p, PYAST_Tuple, open);
    t->v.Tuple.elts = pyparse_seq(p, &elts);
    t->v.Tuple.ctx = PYAST_Load;
    return t;
}

static pyast_node *list_atom(P *p)
{
    pytok_token *open = ACCEPT(LSQB);
    pyparse_vec elts = {0};
    if (!ACCEPT(RSQB)) {
        int first_pos = p->pos;
        pyast_node *first = pyparse_star_named_expression(p);
        if (!first)
            return NULL;
        if (at_comprehension(p))
            return comp_node(p, PYAST_ListComp, open, first, PYTOK_RSQB);
        pyparse_push(p, &elts, first);
        if (!display_rest(p, &elts, first, first_pos, PYTOK_RSQB))
            return NULL;
    }
    pyast_node *l = pyparse_node_t(p, PYAST_List, open);
    l->v.List.elts = pyparse_seq(p, &elts);
    l->v.List.ctx = PYAST_Load;
    return l;
}

/* a value after "key:", with CPython's messages for what cannot be one */
static pyast_node *dict_value(P *p)
{
    if (AT(STAR))
        return pyparse_error_at_tok(
            p, PYERR_SYNTAX, PEEK,
            "cannot use a starred expression in a dictionary value");
    if (AT(COMMA) || AT(RBRACE))
        return pyparse_error_at_tok(
            p, PYERR_SYNTAX, pyparse_prev(p),
            "expression expected after dictionary key and ':'");
    return pyparse_expression(p);
}

static pyast_node *brace_atom(P *p)
{
    pytok_token *open = ACCEPT(LBRACE);
    pyparse_vec keys = {0}, values = {0};
    if (ACCEPT(RBRACE))
        goto dict;
    int first_pos = p->pos, value_pos = p->pos;
    pyast_node *k, *v;
    pytok_token *dstar = PEEK;
    if (ACCEPT(DOUBLESTAR)) {
        k = NULL;
        v = pyparse_bitwise_or(p);
        if (!v)
            return NULL;
        if (at_comprehension(p))
            return pyparse_error_at_tok(
                p, PYERR_SYNTAX, dstar,
                "dict unpacking cannot be used in dict comprehension");
    } else {
        k = pyparse_star_named_expression(p);
        if (!k)
            return NULL;
        if (!AT(COLON) || k->kind == PYAST_Starred) {
            /* a set */
            if (at_comprehension(p))
                return comp_node(p, PYAST_SetComp, open, k, PYTOK_RBRACE);
            pyparse_vec elts = {0};
            pyparse_push(p, &elts, k);
            if (!display_rest(p, &elts, k, first_pos, PYTOK_RBRACE))
                return NULL;
            pyast_node *s = pyparse_node_t(p, PYAST_Set, open);
            s->v.Set.elts = pyparse_seq(p, &elts);
            return s;
        }
        if (k->kind == PYAST_NamedExpr && p->toks[first_pos].type != PYTOK_LPAR)
            return NULL; /* {a := 1: 2} */
        ACCEPT(COLON);
        value_pos = p->pos;
        v = dict_value(p);
        if (!v)
            return NULL;
        if (at_comprehension(p)) {
            pyast_seq *gens = for_if_clauses(p);
            if (!gens || !ACCEPT(RBRACE))
                return NULL;
            pyast_node *d = pyparse_node_t(p, PYAST_DictComp, open);
            d->v.DictComp.key = k;
            d->v.DictComp.value = v;
            d->v.DictComp.generators = gens;
            return d;
        }
    }
    pyparse_push(p, &keys, k);
    pyparse_push(p, &values, v);
    for (;;) {
        if (ACCEPT(RBRACE))
            break;
        if (!ACCEPT(COMMA)) {
            if (k)
                missing_comma(p, v, value_pos);
            return NULL;
        }
        if (ACCEPT(RBRACE))
            break;
        value_pos = p->pos;
        if (ACCEPT(DOUBLESTAR)) {
            k = NULL;
            v = pyparse_bitwise_or(p);
        } else {
            k = pyparse_expression(p);
            if (!k)
                return NULL;
            if (!ACCEPT(COLON))
                return pyparse_error_range(p, PYERR_SYNTAX, k->lineno,
                                           k->end_col_offset - 1, k->end_lineno,
                                           k->end_col_offset,
                                           "':' expected after dictionary key");
            value_pos = p->pos;
            v = dict_value(p);
        }
        if (!v)
            return NULL;
        pyparse_push(p, &keys, k);
        pyparse_push(p, &values, v);
    }
dict:;
    pyast_node *d = pyparse_node_t(p, PYAST_Dict, open);
    d->v.Dict.keys = pyparse_seq(p, &keys);
    d->v.Dict.values = pyparse_seq(p, &values);
    return d;
}

static pyast_node *constant_node(P *p, pytok_token *t, pyast_const_kind k)
{
    pyast_node *n = pyparse_node_t(p, PYAST_Constant, t);
    n->v.Constant.value.kind = k;
    return n;
}

static pyast_node *atom(P *p)
{
    pytok_token *t = PEEK;
    int saved = p->brackets;
    pyast_node *r;
    switch (t->type) {
    case PYTOK_NAME:
        p->pos++;
        return name_node(p, t, PYAST_Load);
    case PYTOK_TRUE:
        p->pos++;
        return constant_node(p, t, PYAST_CONST_TRUE);
    case PYTOK_FALSE:
        p->pos++;
        return constant_node(p, t, PYAST_CONST_FALSE);
    case PYTOK_NONE:
        p->pos++;
        return constant_node(p, t, PYAST_CONST_NONE);
    case PYTOK_ELLIPSIS:
        p->pos++;
        return constant_node(p, t, PYAST_CONST_ELLIPSIS);
    case PYTOK_NUMBER:
        p->pos++;
        return pyparse_number(p, t);
    case PYTOK_STRING:
        return pyparse_strings(p);
    case PYTOK_LPAR:
        p->brackets++;
        r = paren_atom(p);
        break;
    case PYTOK_LSQB:
        p->brackets++;
        r = list_atom(p);
        break;
    case PYTOK_LBRACE:
        p->brackets++;
        r = brace_atom(p);
        break;
    default:
        return NULL;
    }
    p->brackets = saved;
    return r;
}

/* ---- calls and subscripts ---- */

bool pyparse_call_args(P *p, pyast_seq **args, pyast_seq **keywords,
                       const pytok_token *open)
{
    pyparse_vec a = {0}, k = {0};
    bool seen_kw = false, seen_kwunpack = false;
    bool no_genexp = p->no_genexp; /* for this call only, not nested ones */
    p->no_genexp = false;
    int saved = p->brackets;
    p->brackets++;
    while (!AT(RPAR)) {
        pytok_token *s = PEEK;
        int spos = p->pos;
        if (ACCEPT(STAR)) {
            pyast_node *v = pyparse_expression(p);
            if (!v)
                return false;
            pyast_node *st = pyparse_node_t(p, PYAST_Starred, s);
            st->v.Starred.value = v;
            st->v.Starred.ctx = PYAST_Load;
            if (seen_kwunpack)
                return pyparse_error_at_node(
                    p, st,
                    "iterable argument unpacking follows keyword argument "
                    "unpacking");
            pyparse_push(p, &a, st);
        } else if (ACCEPT(DOUBLESTAR)) {
            pyast_node *v = pyparse_expression(p);
            if (!v)
                return false;
            pyast_node *kw = pyparse_node_t(p, PYAST_keyword, s);
            kw->v.keyword.value = v;
            pyparse_push(p, &k, kw);
            seen_kwunpack = true;
        } else if (s->type == PYTOK_NAME &&
                   pyparse_peekn(p, 1)->type == PYTOK_EQUAL) {
            p->pos += 2;
            pyast_node *v = pyparse_expression(p);
            if (!v)
                return false;
            pyast_node *kw = pyparse_node_t(p, PYAST_keyword, s);
            kw->v.keyword.arg = pyparse_ident(p, s);
            kw->v.keyword.value = v;
            pyparse_push(p, &k, kw);
            seen_kw = true;
        } else {
            if ((s->type == PYTOK_TRUE || s->type == PYTOK_FALSE ||
                 s->type == PYTOK_NONE) &&
                pyparse_peekn(p, 1)->type == PYTOK_EQUAL) {
                pytok_token *eq = pyparse_peekn(p, 1);
                return pyparse_error_range(p, PYERR_SYNTAX, s->lineno, s->col,
                                           eq->end_lineno, eq->end_col,
                                           "cannot assign to %.*s", (int)s->len,
                                           s->start);
            }
            bool saved_hint = p->no_eq_hint;
            p->no_eq_hint = true;
            pyast_node *e = pyparse_named_expression(p);
            p->no_eq_hint = saved_hint;
            if (!e)
                return false;
            if (AT(EQUAL)) {
                pytok_token *eq = PEEK;
                return pyparse_error_range(
                    p, PYERR_SYNTAX, e->lineno, e->col_offset, eq->end_lineno,
                    eq->end_col,
                    "expression cannot contain assignment, perhaps you meant "
                    "\"==\"?");
            }
            if (at_comprehension(p)) {
                if (no_genexp)
                    return false;
                pyast_seq *gens = for_if_clauses(p);
                if (!gens)
                    return false;
                if (a.n > 0 || k.n > 0 || !AT(RPAR)) {
                    pyast_node *g =
                        pyparse_node_t(p, PYAST_GeneratorExp, &p->toks[spos]);
                    return pyparse_error_at_node(
                        p, g, "Generator expression must be parenthesized");
                }
                /* the sole argument: the call's parentheses are the
                   generator's, and so is its span */
                pyast_node *g = pyparse_node_t(p, PYAST_GeneratorExp, open);
                g->end_lineno = PEEK->end_lineno;
                g->end_col_offset = PEEK->end_col;
                g->v.GeneratorExp.elt = e;
                g->v.GeneratorExp.generators = gens;
                e = g;
            }
            if (seen_kw || seen_kwunpack)
                return pyparse_error_at_tok(
                    p, PYERR_SYNTAX, PEEK,
                    seen_kwunpack ? "positional argument follows keyword "
                                    "argument unpacking"
                                  : "positional argument follows keyword "
                                    "argument");
            pyparse_push(p, &a, e);
            if (!AT(COMMA) && !AT(RPAR)) {
                missing_comma(p, e, spos);
                return false;
            }
        }
        if (!ACCEPT(COMMA))
            break;
    }
    p->brackets = saved;
    if (!ACCEPT(RPAR))
        return false;
    *args = pyparse_seq(p, &a);
    *keywords = pyparse_seq(p, &k);
    return true;
}

/* one element of a subscript: a slice, a starred expression or a named
   expression */
static pyast_node *slice_item(P *p)
{
    pytok_token *s = PEEK;
    if (ACCEPT(STAR)) {
        pyast_node *v = pyparse_bitwise_or(p);
        if (!v)
            return NULL;
        pyast_node *st = pyparse_node_t(p, PYAST_Starred, s);
        st->v.Starred.value = v;
        st->v.Starred.ctx = PYAST_Load;
        return st;
    }
    pyast_node *lower = NULL;
    if (!AT(COLON)) {
        if (s->type == PYTOK_NAME &&
            pyparse_peekn(p, 1)->type == PYTOK_COLONEQUAL)
            return pyparse_named_expression(p);
        lower = pyparse_expression(p);
        if (!lower)
            return NULL;
        if (!AT(COLON)) {
            if (AT(COLONEQUAL))
                return pyparse_error_at_node(
                    p, lower, "cannot use assignment expressions with %s",
                    pyparse_expr_name(lower));
            return lower;
        }
    }
    ACCEPT(COLON);
    pyast_node *sl = pyparse_node_t(p, PYAST_Slice, s);
    sl->v.Slice.lower = lower;
    if (!AT(COLON) && !AT(COMMA) && !AT(RSQB)) {
        sl->v.Slice.upper = pyparse_expression(p);
        if (!sl->v.Slice.upper)
            return NULL;
    }
    if (ACCEPT(COLON)) {
        if (!AT(COMMA) && !AT(RSQB)) {
            sl->v.Slice.step = pyparse_expression(p);
            if (!sl->v.Slice.step)
                return NULL;
        }
    }
    pyparse_end_at_prev(p, sl);
    return sl;
}

static pyast_node *slices(P *p)
{
    pytok_token *s = PEEK;
    int spos = p->pos;
    pyast_node *first = slice_item(p);
    if (!first)
        return NULL;
    if (!AT(COMMA)) {
        if (!AT(RSQB)) {
            missing_comma(p, first, spos);
            return NULL;
        }
        if (first->kind != PYAST_Starred)
            return first;
    }
    pyparse_vec elts = {0};
    pyparse_push(p, &elts, first);
    while (ACCEPT(COMMA)) {
        if (AT(RSQB))
            break;
        pyast_node *e = slice_item(p);
        if (!e)
            return NULL;
        pyparse_push(p, &elts, e);
    }
    pyast_node *t = pyparse_node_t(p, PYAST_Tuple, s);
    t->v.Tuple.elts = pyparse_seq(p, &elts);
    t->v.Tuple.ctx = PYAST_Load;
    return t;
}

pyast_node *pyparse_primary(P *p)
{
    pytok_token *s0 = PEEK;
    pyast_node *a = atom(p);
    if (!a)
        return NULL;
    int chain = 0;
    pyast_node *r = NULL;
    for (;;) {
        p->depth++;
        chain++;
        if (!pyparse_check_depth(p))
            break;
        if (AT(DOT)) {
            p->pos++;
            pytok_token *name = PEEK;
            if (name->type != PYTOK_NAME)
                break;
            p->pos++;
            pyast_node *n = pyparse_node_t(p, PYAST_Attribute, s0);
            n->v.Attribute.value = a;
            n->v.Attribute.attr = pyparse_ident(p, name);
            n->v.Attribute.ctx = PYAST_Load;
            a = n;
        } else if (AT(LPAR)) {
            pytok_token *open = PEEK;
            p->pos++;
            pyast_seq *args, *kws;
            if (!pyparse_call_args(p, &args, &kws, open))
                break;
            pyast_node *n = pyparse_node_t(p, PYAST_Call, s0);
            n->v.Call.func = a;
            n->v.Call.args = args;
            n->v.Call.keywords = kws;
            a = n;
        } else if (AT(LSQB)) {
            p->pos++;
            int saved = p->brackets;
            p->brackets++;
            pyast_node *s = slices(p);
            p->brackets = saved;
            if (!s || !ACCEPT(RSQB))
                break;
            pyast_node *n = pyparse_node_t(p, PYAST_Subscript, s0);
            n->v.Subscript.value = a;
            n->v.Subscript.slice = s;
            n->v.Subscript.ctx = PYAST_Load;
            a = n;
        } else {
            r = a;
            break;
        }
    }
    p->depth -= chain;
    return r;
}

/* ---- operators ---- */

static pyast_node *factor(P *p);

static pyast_node *power(P *p)
{
    pyast_node *a;
    pytok_token *s = PEEK;
    if (ACCEPT(AWAIT)) {
        pyast_node *v = pyparse_primary(p);
        if (!v)
            return NULL;
        a = pyparse_node_t(p, PYAST_Await, s);
        a->v.Await.value = v;
    } else {
        a = pyparse_primary(p);
        if (!a)
            return NULL;
    }
    if (ACCEPT(DOUBLESTAR)) {
        if (!pyparse_check_depth(p))
            return NULL;
        p->depth++;
        pyast_node *b = factor(p);
        p->depth--;
        if (!b)
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_BinOp, s);
        n->v.BinOp.left = a;
        n->v.BinOp.op = PYAST_Pow;
        n->v.BinOp.right = b;
        return n;
    }
    return a;
}

static pyast_node *factor(P *p)
{
    pytok_token *s = PEEK;
    pyast_unaryop op;
    switch (s->type) {
    case PYTOK_PLUS:
        op = PYAST_UAdd;
        break;
    case PYTOK_MINUS:
        op = PYAST_USub;
        break;
    case PYTOK_TILDE:
        op = PYAST_Invert;
        break;
    default:
        return power(p);
    }
    if (!pyparse_check_depth(p))
        return NULL;
    p->pos++;
    p->depth++;
    pyast_node *v = factor(p);
    p->depth--;
    if (!v)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_UnaryOp, s);
    n->v.UnaryOp.op = op;
    n->v.UnaryOp.operand = v;
    return n;
}

/* binary operator levels, loosest first */
static int binop_of(int level, int tok)
{
    switch (level) {
    case 0:
        return tok == PYTOK_VBAR ? PYAST_BitOr : 0;
    case 1:
        return tok == PYTOK_CIRCUMFLEX ? PYAST_BitXor : 0;
    case 2:
        return tok == PYTOK_AMPER ? PYAST_BitAnd : 0;
    case 3:
        return tok == PYTOK_LEFTSHIFT    ? PYAST_LShift
               : tok == PYTOK_RIGHTSHIFT ? PYAST_RShift
                                         : 0;
    case 4:
        return tok == PYTOK_PLUS    ? PYAST_Add
               : tok == PYTOK_MINUS ? PYAST_Sub
                                    : 0;
    case 5:
        switch (tok) {
        case PYTOK_STAR:
            return PYAST_Mult;
        case PYTOK_SLASH:
            return PYAST_Div;
        case PYTOK_DOUBLESLASH:
            return PYAST_FloorDiv;
        case PYTOK_PERCENT:
            return PYAST_Mod;
        case PYTOK_AT:
            return PYAST_MatMult;
        }
        return 0;
    }
    return 0;
}

static pyast_node *binary(P *p, int level)
{
    if (level == 6)
        return factor(p);
    pytok_token *s0 = PEEK;
    pyast_node *a = binary(p, level + 1);
    if (!a)
        return NULL;
    int op, chain = 0;
    while ((op = binop_of(level, PEEK->type)) != 0) {
        p->depth += 1;
        chain++;
        if (!pyparse_check_depth(p)) {
            p->depth -= chain;
            return NULL;
        }
        p->pos++;
        pyast_node *b = binary(p, level + 1);
        if (!b) {
            p->depth -= chain;
            return NULL;
        }
        pyast_node *n = pyparse_node_t(p, PYAST_BinOp, s0);
        n->v.BinOp.left = a;
        n->v.BinOp.op = op;
        n->v.BinOp.right = b;
        a = n;
    }
    p->depth -= chain;
    return a;
}

pyast_node *pyparse_bitwise_or(P *p)
{
    return binary(p, 0);
}

static int cmpop(P *p)
{
    switch (PEEK->type) {
    case PYTOK_EQEQUAL:
        return PYAST_Eq;
    case PYTOK_NOTEQUAL:
        return PYAST_NotEq;
    case PYTOK_LESS:
        return PYAST_Lt;
    case PYTOK_LESSEQUAL:
        return PYAST_LtE;
    case PYTOK_GREATER:
        return PYAST_Gt;
    case PYTOK_GREATEREQUAL:
        return PYAST_GtE;
    case PYTOK_IN:
        return PYAST_In;
    case PYTOK_IS:
        return pyparse_peekn(p, 1)->type == PYTOK_NOT ? PYAST_IsNot : PYAST_Is;
    case PYTOK_NOT:
        return pyparse_peekn(p, 1)->type == PYTOK_IN ? PYAST_NotIn : 0;
    default:
        return 0;
    }
}

static pyast_node *comparison(P *p)
{
    pytok_token *s0 = PEEK;
    pyast_node *a = pyparse_bitwise_or(p);
    if (!a)
        return NULL;
    int op = cmpop(p);
    if (!op)
        return a;
    pyparse_vec ops = {0}, comps = {0};
    while ((op = cmpop(p)) != 0) {
        p->pos += (op == PYAST_IsNot || op == PYAST_NotIn) ? 2 : 1;
        pyast_node *b = pyparse_bitwise_or(p);
        if (!b)
            return NULL;
        pyparse_push(p, &ops, (void *)(intptr_t)op);
        pyparse_push(p, &comps, b);
    }
    pyast_node *n = pyparse_node_t(p, PYAST_Compare, s0);
    n->v.Compare.left = a;
    n->v.Compare.ops = pyparse_seq(p, &ops);
    n->v.Compare.comparators = pyparse_seq(p, &comps);
    return n;
}

static pyast_node *inversion(P *p)
{
    pytok_token *s = PEEK;
    if (s->type != PYTOK_NOT)
        return comparison(p);
    if (!pyparse_check_depth(p))
        return NULL;
    p->pos++;
    p->depth++;
    pyast_node *v = inversion(p);
    p->depth--;
    if (!v)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_UnaryOp, s);
    n->v.UnaryOp.op = PYAST_Not;
    n->v.UnaryOp.operand = v;
    return n;
}

static pyast_node *boolop(P *p, int level)
{
    int tok = level == 0 ? PYTOK_OR : PYTOK_AND;
    pytok_token *s0 = PEEK;
    pyast_node *a = level == 0 ? boolop(p, 1) : inversion(p);
    if (!a || !pyparse_at(p, tok))
        return a;
    pyparse_vec vals = {0};
    pyparse_push(p, &vals, a);
    while (pyparse_accept(p, tok)) {
        pyast_node *b = level == 0 ? boolop(p, 1) : inversion(p);
        if (!b)
            return NULL;
        pyparse_push(p, &vals, b);
    }
    pyast_node *n = pyparse_node_t(p, PYAST_BoolOp, s0);
    n->v.BoolOp.op = level == 0 ? PYAST_Or : PYAST_And;
    n->v.BoolOp.values = pyparse_seq(p, &vals);
    return n;
}

pyast_node *pyparse_disjunction(P *p)
{
    return boolop(p, 0);
}

/* ---- parameters ---- */

static pyast_node *param(P *p, bool annotations, bool star)
{
    pytok_token *name = PEEK;
    if (name->type != PYTOK_NAME)
        return NULL;
    p->pos++;
    pyast_node *a = pyparse_node_t(p, PYAST_arg, name);
    a->v.arg.arg = pyparse_ident(p, name);
    if (annotations && ACCEPT(COLON)) {
        pytok_token *s = PEEK;
        if (star && ACCEPT(STAR)) {
            /* def f(*args: *Ts) */
            pyast_node *v = pyparse_expression(p);
            if (!v)
                return NULL;
            pyast_node *st = pyparse_node_t(p, PYAST_Starred, s);
            st->v.Starred.value = v;
            st->v.Starred.ctx = PYAST_Load;
            a->v.arg.annotation = st;
        } else {
            a->v.arg.annotation = pyparse_expression(p);
            if (!a->v.arg.annotation)
                return NULL;
        }
    }
    pyparse_end_at_prev(p, a);
    return a;
}

/* at '(' NAME (',' NAME)* [','] ')': Python 2 style tuple parameters */
static bool parenthesized_params(P *p)
{
    int i = p->pos + 1;
    if (p->toks[i].type != PYTOK_NAME)
        return false;
    while (p->toks[i].type == PYTOK_NAME) {
        i++;
        if (p->toks[i].type != PYTOK_COMMA)
            break;
        i++;
    }
    return p->toks[i].type == PYTOK_RPAR;
}

pyast_node *pyparse_parameters(P *p, bool annotations, int close)
{
    pyparse_vec posonly = {0}, args = {0}, kwonly = {0}, kwdefs = {0},
                defaults = {0};
    pyast_node *vararg = NULL, *kwarg = NULL;
    bool star = false, slash = false;
    pytok_token *star_next = NULL;
    while (!pyparse_at(p, close)) {
        pytok_token *s = PEEK;
        if (s->type == PYTOK_LPAR && parenthesized_params(p))
            return pyparse_error_at_tok(
                p, PYERR_SYNTAX, s, "%s parameters cannot be parenthesized",
                close == PYTOK_COLON ? "Lambda expression" : "Function");
        if (kwarg)
            return pyparse_error_at_tok(
                p, PYERR_SYNTAX, s,
                "arguments cannot follow var-keyword argument");
        if (ACCEPT(SLASH)) {
            if (slash)
                return pyparse_error_at_tok(p, PYERR_SYNTAX, s,
                                            "/ may appear only once");
            if (star)
                return pyparse_error_at_tok(p, PYERR_SYNTAX, s,
                                            "/ must be ahead of *");
            if (args.n == 0)
                return pyparse_error_at_tok(
                    p, PYERR_SYNTAX, s, "at least one argument must precede /");
            slash = true;
            posonly = args;
            args = (pyparse_vec){0};
        } else if (ACCEPT(STAR)) {
            if (star)
                return pyparse_error_at_tok(p, PYERR_SYNTAX, s,
                                            "* argument may appear only once");
            star = true;
            /* def reports the '*', lambda the token after it */
            star_next = close == PYTOK_COLON ? PEEK : s;
            if (AT(COMMA) || pyparse_at(p, close)) {
                /* bare star: keyword-only arguments follow */
            } else {
                vararg = param(p, annotations, true);
                if (!vararg)
                    return NULL;
                if (AT(EQUAL))
                    return pyparse_error_at_tok(
                        p, PYERR_SYNTAX, PEEK,
                        "var-positional argument cannot have default value");
            }
        } else if (ACCEPT(DOUBLESTAR)) {
            kwarg = param(p, annotations, false);
            if (!kwarg)
                return NULL;
            if (AT(EQUAL))
                return pyparse_error_at_tok(
                    p, PYERR_SYNTAX, PEEK,
                    "var-keyword argument cannot have default value");
        } else {
            pyast_node *a = param(p, annotations, false);
            if (!a)
                return NULL;
            pyast_node *def = NULL;
            if (ACCEPT(EQUAL)) {
                def = pyparse_expression(p);
                if (!def)
                    return NULL;
            }
            if (star) {
                pyparse_push(p, &kwonly, a);
                pyparse_push(p, &kwdefs, def);
            } else {
                if (def)
                    pyparse_push(p, &defaults, def);
                else if (defaults.n > 0)
                    return pyparse_error_at_node(
                        p, a, "non-default argument follows default argument");
                pyparse_push(p, &args, a);
            }
        }
        if (!ACCEPT(COMMA))
            break;
    }
    if (!pyparse_at(p, close))
        return NULL;
    if (star && !vararg && kwonly.n == 0)
        return pyparse_error_at_tok(p, PYERR_SYNTAX, star_next,
                                    "named arguments must follow bare *");
    pyast_node *n = pyast_new(p->arena, PYAST_arguments);
    n->v.arguments.posonlyargs = pyparse_seq(p, &posonly);
    n->v.arguments.args = pyparse_seq(p, &args);
    n->v.arguments.vararg = vararg;
    n->v.arguments.kwonlyargs = pyparse_seq(p, &kwonly);
    n->v.arguments.kw_defaults = pyparse_seq(p, &kwdefs);
    n->v.arguments.kwarg = kwarg;
    n->v.arguments.defaults = pyparse_seq(p, &defaults);
    return n;
}

/* ---- expression entry points ---- */

static pyast_node *lambdef(P *p)
{
    pytok_token *s = ACCEPT(LAMBDA);
    pyast_node *args = pyparse_parameters(p, false, PYTOK_COLON);
    if (!args || !ACCEPT(COLON))
        return NULL;
    pyast_node *body = pyparse_expression(p);
    if (!body)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_Lambda, s);
    n->v.Lambda.args = args;
    n->v.Lambda.body = body;
    return n;
}

static pyast_node *expression(P *p)
{
    if (AT(LAMBDA))
        return lambdef(p);
    pytok_token *s0 = PEEK;
    pyast_node *a = pyparse_disjunction(p);
    if (!a || !AT(IF))
        return a;
    p->pos++;
    pyast_node *test = pyparse_disjunction(p);
    if (!test)
        return NULL;
    if (!ACCEPT(ELSE)) {
        if (AT(COLON) || p->failed)
            return NULL;
        return pyparse_error_range(p, PYERR_SYNTAX, a->lineno, a->col_offset,
                                   test->end_lineno, test->end_col_offset,
                                   "expected 'else' after 'if' expression");
    }
    pyast_node *orelse = pyparse_expression(p);
    if (!orelse)
        return NULL;
    pyast_node *n = pyparse_node_t(p, PYAST_IfExp, s0);
    n->v.IfExp.test = test;
    n->v.IfExp.body = a;
    n->v.IfExp.orelse = orelse;
    return n;
}

pyast_node *pyparse_expression(P *p)
{
    if (!pyparse_check_depth(p))
        return NULL;
    p->depth++;
    pyast_node *r = expression(p);
    p->depth--;
    return r;
}

/* "if x = 1:" and the like: CPython's hints for '=' where an expression
   ends; returns NULL (with the error set when a hint applies) */
static pyast_node *eq_hint(P *p, pyast_node *a, pytok_token *s)
{
    int save = p->pos, savemax = p->maxpos;
    p->pos++;
    pyast_node *b = pyparse_bitwise_or(p);
    bool ok = b && !p->failed && !AT(EQUAL) && !AT(COLONEQUAL);
    p->pos = save;
    p->maxpos = savemax;
    if (!ok || p->failed)
        return NULL;
    if (a->kind == PYAST_Name && s->type == PYTOK_NAME)
        return pyparse_error_range(
            p, PYERR_SYNTAX, a->lineno, a->col_offset, b->end_lineno,
            b->end_col_offset,
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    bool excluded =
        a->kind == PYAST_List || a->kind == PYAST_Tuple ||
        a->kind == PYAST_GeneratorExp || a->kind == PYAST_IfExp ||
        a->kind == PYAST_Lambda || a->kind == PYAST_Compare ||
        a->kind == PYAST_BoolOp ||
        (a->kind == PYAST_UnaryOp && a->v.UnaryOp.op == PYAST_Not) ||
        s->type == PYTOK_TRUE || s->type == PYTOK_FALSE ||
        s->type == PYTOK_NONE;
    if (excluded)
        return NULL;
    return pyparse_error_at_node(
        p, a, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
        pyparse_expr_name(a));
}

pyast_node *pyparse_named_expression(P *p)
{
    pytok_token *s = PEEK;
    if (s->type == PYTOK_NAME &&
        pyparse_peekn(p, 1)->type == PYTOK_COLONEQUAL) {
        p->pos += 2;
        pyast_node *v = pyparse_expression(p);
        if (!v)
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_NamedExpr, s);
        n->v.NamedExpr.target = name_node(p, s, PYAST_Store);
        pyparse_copy_pos(n->v.NamedExpr.target, n);
        n->v.NamedExpr.target->end_lineno = s->end_lineno;
        n->v.NamedExpr.target->end_col_offset = s->end_col;
        n->v.NamedExpr.value = v;
        return n;
    }
    pyast_node *e = pyparse_expression(p);
    if (e && AT(COLONEQUAL))
        return pyparse_error_at_node(
            p, e, "cannot use assignment expressions with %s",
            pyparse_expr_name(e));
    if (e && AT(EQUAL) && !p->no_eq_hint)
        return eq_hint(p, e, s);
    return e;
}

pyast_node *pyparse_star_named_expression(P *p)
{
    pytok_token *s = PEEK;
    if (ACCEPT(STAR)) {
        pyast_node *v = pyparse_bitwise_or(p);
        if (!v)
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_Starred, s);
        n->v.Starred.value = v;
        n->v.Starred.ctx = PYAST_Load;
        return n;
    }
    return pyparse_named_expression(p);
}

static pyast_node *star_expression(P *p)
{
    pytok_token *s = PEEK;
    if (ACCEPT(STAR)) {
        pyast_node *v = pyparse_bitwise_or(p);
        if (!v)
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_Starred, s);
        n->v.Starred.value = v;
        n->v.Starred.ctx = PYAST_Load;
        return n;
    }
    return pyparse_expression(p);
}

pyast_node *pyparse_expressions(P *p)
{
    pytok_token *s0 = PEEK;
    pyast_node *first = pyparse_expression(p);
    if (!first || !AT(COMMA))
        return first;
    pyparse_vec elts = {0};
    pyparse_push(p, &elts, first);
    while (ACCEPT(COMMA)) {
        if (!pyparse_starts_expression(p))
            break;
        pyast_node *e = pyparse_expression(p);
        if (!e)
            return NULL;
        pyparse_push(p, &elts, e);
    }
    pyast_node *t = pyparse_node_t(p, PYAST_Tuple, s0);
    t->v.Tuple.elts = pyparse_seq(p, &elts);
    t->v.Tuple.ctx = PYAST_Load;
    return t;
}

pyast_node *pyparse_star_expressions(P *p)
{
    pytok_token *s0 = PEEK;
    pyast_node *first = star_expression(p);
    if (!first || !AT(COMMA))
        return first;
    pyparse_vec elts = {0};
    pyparse_push(p, &elts, first);
    while (ACCEPT(COMMA)) {
        if (!pyparse_starts_expression(p) && !AT(STAR))
            break;
        pyast_node *e = star_expression(p);
        if (!e)
            return NULL;
        pyparse_push(p, &elts, e);
    }
    pyast_node *t = pyparse_node_t(p, PYAST_Tuple, s0);
    t->v.Tuple.elts = pyparse_seq(p, &elts);
    t->v.Tuple.ctx = PYAST_Load;
    return t;
}

static pyast_node *star_target(P *p)
{
    pytok_token *s = PEEK;
    if (ACCEPT(STAR)) {
        if (!pyparse_check_depth(p))
            return NULL;
        p->depth++;
        pyast_node *v = star_target(p);
        p->depth--;
        if (!v)
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_Starred, s);
        n->v.Starred.value = v;
        n->v.Starred.ctx = PYAST_Store;
        return n;
    }
    pyast_node *e = pyparse_bitwise_or(p);
    if (!e)
        return NULL;
    if (!pyparse_set_target(p, e, PYAST_Store))
        return NULL;
    return e;
}

pyast_node *pyparse_star_targets(P *p)
{
    pytok_token *s0 = PEEK;
    pyast_node *first = star_target(p);
    if (!first || !AT(COMMA))
        return first;
    pyparse_vec elts = {0};
    pyparse_push(p, &elts, first);
    while (ACCEPT(COMMA)) {
        if (!pyparse_starts_expression(p) && !AT(STAR))
            break;
        pyast_node *e = star_target(p);
        if (!e)
            return NULL;
        pyparse_push(p, &elts, e);
    }
    pyast_node *t = pyparse_node_t(p, PYAST_Tuple, s0);
    t->v.Tuple.elts = pyparse_seq(p, &elts);
    t->v.Tuple.ctx = PYAST_Store;
    return t;
}

pyast_node *pyparse_yield_expr(P *p)
{
    pytok_token *s = ACCEPT(YIELD);
    if (!s)
        return NULL;
    if (ACCEPT(FROM)) {
        pyast_node *v = pyparse_expression(p);
        if (!v)
            return NULL;
        pyast_node *n = pyparse_node_t(p, PYAST_YieldFrom, s);
        n->v.YieldFrom.value = v;
        return n;
    }
    pyast_node *v = NULL;
    if (pyparse_starts_expression(p) || AT(STAR)) {
        v = pyparse_star_expressions(p);
        if (!v)
            return NULL;
    }
    pyast_node *n = pyparse_node_t(p, PYAST_Yield, s);
    n->v.Yield.value = v;
    return n;
}
