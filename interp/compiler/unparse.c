/* unparse.c -- an expression of the AST back to source text, the way
 * CPython 3.11's compiler does it for "from __future__ import
 * annotations" (Python/ast_unparse.c): normalized spacing, constants as
 * their repr(), and parentheses only where the precedence of the context
 * needs them.
 *
 * Each node is written at a "level", the weakest precedence its context
 * accepts without parentheses; a node whose own precedence is weaker
 * wraps itself.  Constants are made into heap objects just long enough to
 * take their repr(), so numbers and strings read exactly as CPython
 * prints them.
 */
#include "unparse.h"

#include "../objects/abstract.h"
#include "../objects/strobject.h"
#include "../runtime/errors.h"
#include "compile_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* weakest to strongest binding */
enum {
    PR_TUPLE,
    PR_TEST, /* if-else, lambda */
    PR_OR,
    PR_AND,
    PR_NOT,
    PR_CMP,
    PR_EXPR,
    PR_BOR = PR_EXPR,
    PR_BXOR,
    PR_BAND,
    PR_SHIFT,
    PR_ARITH,
    PR_TERM,
    PR_FACTOR,
    PR_POWER,
    PR_AWAIT,
    PR_ATOM
};

struct ubuf {
    char *p;
    size_t n, cap;
    bool failed; /* out of memory, or a repr() raised */
};

static void put_n(struct ubuf *b, const char *s, size_t len)
{
    if (b->failed)
        return;
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, len);
    b->n += len;
    b->p[b->n] = '\0';
}

static void put(struct ubuf *b, const char *s)
{
    put_n(b, s, strlen(s));
}

static void expr(struct ubuf *b, pyast_node *e, int level);

/* repr() of an AST constant, appended; CPython writes an infinite float
   (only constant folding makes one) as 1e309 so the text reads back */
static void constant(struct ubuf *b, const pyast_constant *k)
{
    if (b->failed)
        return;
    pyval v = pycomp_constant_value(k);
    pyval r = v ? pyobj_repr(v) : 0;
    if (r == 0) {
        b->failed = true;
        return;
    }
    const char *s = pystr_utf8(r);
    size_t len = (size_t)pystr_nbytes(r);
    bool inf =
        (k->kind == PYAST_CONST_FLOAT || k->kind == PYAST_CONST_COMPLEX) &&
        isinf(k->f);
    const char *at = inf ? strstr(s, "inf") : NULL;
    if (at == NULL) {
        put_n(b, s, len);
        return;
    }
    put_n(b, s, (size_t)(at - s));
    put(b, "1e309");
    put(b, at + 3);
}

static void open_if(struct ubuf *b, bool cond)
{
    if (cond)
        put(b, "(");
}

static void close_if(struct ubuf *b, bool cond)
{
    if (cond)
        put(b, ")");
}

/* items of a sequence at a level, separated by ", " */
static void items(struct ubuf *b, pyast_seq *s, int level)
{
    for (int i = 0; i < PYAST_SEQ_LEN(s); i++) {
        if (i > 0)
            put(b, ", ");
        expr(b, PYAST_SEQ_GET(s, i), level);
    }
}

static void boolop(struct ubuf *b, pyast_node *e, int level)
{
    bool is_and = e->v.BoolOp.op == PYAST_And;
    int pr = is_and ? PR_AND : PR_OR;
    open_if(b, level > pr);
    for (int i = 0; i < PYAST_SEQ_LEN(e->v.BoolOp.values); i++) {
        if (i > 0)
            put(b, is_and ? " and " : " or ");
        expr(b, PYAST_SEQ_GET(e->v.BoolOp.values, i), pr + 1);
    }
    close_if(b, level > pr);
}

static void binop(struct ubuf *b, pyast_node *e, int level)
{
    static const struct {
        const char *text;
        int pr;
    } ops[] = {
        [PYAST_Add] = {" + ", PR_ARITH},
        [PYAST_Sub] = {" - ", PR_ARITH},
        [PYAST_Mult] = {" * ", PR_TERM},
        [PYAST_MatMult] = {" @ ", PR_TERM},
        [PYAST_Div] = {" / ", PR_TERM},
        [PYAST_Mod] = {" % ", PR_TERM},
        [PYAST_Pow] = {" ** ", PR_POWER},
        [PYAST_LShift] = {" << ", PR_SHIFT},
        [PYAST_RShift] = {" >> ", PR_SHIFT},
        [PYAST_BitOr] = {" | ", PR_BOR},
        [PYAST_BitXor] = {" ^ ", PR_BXOR},
        [PYAST_BitAnd] = {" & ", PR_BAND},
        [PYAST_FloorDiv] = {" // ", PR_TERM},
    };
    int pr = ops[e->v.BinOp.op].pr;
    /* ** groups to the right: its left operand needs the tighter level */
    bool right_assoc = e->v.BinOp.op == PYAST_Pow;
    open_if(b, level > pr);
    expr(b, e->v.BinOp.left, pr + right_assoc);
    put(b, ops[e->v.BinOp.op].text);
    expr(b, e->v.BinOp.right, pr + !right_assoc);
    close_if(b, level > pr);
}

static void unaryop(struct ubuf *b, pyast_node *e, int level)
{
    const char *text = "-";
    int pr = PR_FACTOR;
    switch (e->v.UnaryOp.op) {
    case PYAST_Invert:
        text = "~";
        break;
    case PYAST_Not:
        text = "not ";
        pr = PR_NOT;
        break;
    case PYAST_UAdd:
        text = "+";
        break;
    case PYAST_USub:
        break;
    }
    open_if(b, level > pr);
    put(b, text);
    expr(b, e->v.UnaryOp.operand, pr);
    close_if(b, level > pr);
}

static void compare(struct ubuf *b, pyast_node *e, int level)
{
    static const char *const ops[] = {
        [PYAST_Eq] = " == ", [PYAST_NotEq] = " != ",
        [PYAST_Lt] = " < ",  [PYAST_LtE] = " <= ",
        [PYAST_Gt] = " > ",  [PYAST_GtE] = " >= ",
        [PYAST_Is] = " is ", [PYAST_IsNot] = " is not ",
        [PYAST_In] = " in ", [PYAST_NotIn] = " not in ",
    };
    open_if(b, level > PR_CMP);
    expr(b, e->v.Compare.left, PR_CMP + 1);
    for (int i = 0; i < PYAST_SEQ_LEN(e->v.Compare.ops); i++) {
        put(b, ops[PYAST_SEQ_OP(e->v.Compare.ops, i)]);
        expr(b, PYAST_SEQ_GET(e->v.Compare.comparators, i), PR_CMP + 1);
    }
    close_if(b, level > PR_CMP);
}

/* one parameter: name, annotation, default */
static void param(struct ubuf *b, pyast_node *a, pyast_node *dflt)
{
    put(b, a->v.arg.arg);
    if (a->v.arg.annotation) {
        put(b, ": ");
        expr(b, a->v.arg.annotation, PR_TEST);
    }
    if (dflt) {
        put(b, "=");
        expr(b, dflt, PR_TEST);
    }
}

static void arguments(struct ubuf *b, pyast_node *args)
{
    pyast_seq *posonly = args->v.arguments.posonlyargs;
    pyast_seq *plain = args->v.arguments.args;
    pyast_seq *defaults = args->v.arguments.defaults;
    int npos = PYAST_SEQ_LEN(posonly) + PYAST_SEQ_LEN(plain);
    /* the defaults belong to the last positional parameters */
    int first_default = npos - PYAST_SEQ_LEN(defaults);
    bool first = true;
    for (int i = 0; i < npos; i++) {
        int np = PYAST_SEQ_LEN(posonly);
        pyast_node *a =
            i < np ? PYAST_SEQ_GET(posonly, i) : PYAST_SEQ_GET(plain, i - np);
        if (!first)
            put(b, ", ");
        first = false;
        param(b, a,
              i >= first_default ? PYAST_SEQ_GET(defaults, i - first_default)
                                 : NULL);
        if (i == np - 1)
            put(b, ", /");
    }
    pyast_seq *kwonly = args->v.arguments.kwonlyargs;
    if (args->v.arguments.vararg || PYAST_SEQ_LEN(kwonly)) {
        if (!first)
            put(b, ", ");
        first = false;
        put(b, "*");
        if (args->v.arguments.vararg)
            param(b, args->v.arguments.vararg, NULL);
    }
    for (int i = 0; i < PYAST_SEQ_LEN(kwonly); i++) {
        put(b, ", ");
        param(b, PYAST_SEQ_GET(kwonly, i),
              PYAST_SEQ_GET(args->v.arguments.kw_defaults, i));
    }
    if (args->v.arguments.kwarg) {
        if (!first)
            put(b, ", ");
        put(b, "**");
        param(b, args->v.arguments.kwarg, NULL);
    }
}

/* CPython 3.11 writes the space after "lambda" only before positional
   parameters ("lambda*a: a"): copied, since the text is observable */
static bool has_positional(pyast_node *args)
{
    return PYAST_SEQ_LEN(args->v.arguments.posonlyargs) ||
           PYAST_SEQ_LEN(args->v.arguments.args);
}

static void comprehensions(struct ubuf *b, pyast_seq *gens)
{
    for (int i = 0; i < PYAST_SEQ_LEN(gens); i++) {
        pyast_node *g = PYAST_SEQ_GET(gens, i);
        put(b, g->v.comprehension.is_async ? " async for " : " for ");
        expr(b, g->v.comprehension.target, PR_TUPLE);
        put(b, " in ");
        expr(b, g->v.comprehension.iter, PR_TEST + 1);
        for (int j = 0; j < PYAST_SEQ_LEN(g->v.comprehension.ifs); j++) {
            put(b, " if ");
            expr(b, PYAST_SEQ_GET(g->v.comprehension.ifs, j), PR_TEST + 1);
        }
    }
}

static void call(struct ubuf *b, pyast_node *e)
{
    expr(b, e->v.Call.func, PR_ATOM);
    pyast_seq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    /* f(x for x in y): the generator's parentheses are the call's */
    if (PYAST_SEQ_LEN(args) == 1 && PYAST_SEQ_LEN(kws) == 0 &&
        ((pyast_node *)PYAST_SEQ_GET(args, 0))->kind == PYAST_GeneratorExp) {
        expr(b, PYAST_SEQ_GET(args, 0), PR_TEST);
        return;
    }
    put(b, "(");
    items(b, args, PR_TEST);
    for (int i = 0; i < PYAST_SEQ_LEN(kws); i++) {
        pyast_node *k = PYAST_SEQ_GET(kws, i);
        if (i > 0 || PYAST_SEQ_LEN(args))
            put(b, ", ");
        if (k->v.keyword.arg) {
            put(b, k->v.keyword.arg);
            put(b, "=");
        } else {
            put(b, "**");
        }
        expr(b, k->v.keyword.value, PR_TEST);
    }
    put(b, ")");
}

static void subscript(struct ubuf *b, pyast_node *e)
{
    expr(b, e->v.Subscript.value, PR_ATOM);
    put(b, "[");
    pyast_node *s = e->v.Subscript.slice;
    if (s->kind == PYAST_Tuple && PYAST_SEQ_LEN(s->v.Tuple.elts) > 0) {
        /* x[a, b]: the tuple goes without its parentheses */
        items(b, s->v.Tuple.elts, PR_TEST);
        if (PYAST_SEQ_LEN(s->v.Tuple.elts) == 1)
            put(b, ",");
    } else {
        expr(b, s, PR_TUPLE);
    }
    put(b, "]");
}

/* the text of a piece of f-string, braces doubled */
static void fstring_text(struct ubuf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        put_n(b, s + i, 1);
        if (s[i] == '{' || s[i] == '}')
            put_n(b, s + i, 1);
    }
}

static void fstring_body(struct ubuf *b, pyast_node *e);

static void fstring_element(struct ubuf *b, pyast_node *e)
{
    switch (e->kind) {
    case PYAST_Constant:
        if (e->v.Constant.value.kind == PYAST_CONST_STR)
            fstring_text(b, e->v.Constant.value.s, e->v.Constant.value.len);
        break;
    case PYAST_JoinedStr:
        fstring_body(b, e);
        break;
    case PYAST_FormattedValue: {
        /* above PR_TEST so that a lambda's ':' gets parentheses */
        struct ubuf inner = {0};
        expr(&inner, e->v.FormattedValue.value, PR_TEST + 1);
        if (inner.failed) {
            b->failed = true;
            free(inner.p);
            return;
        }
        /* "{{" would read as an escaped brace */
        put(b, inner.n && inner.p[0] == '{' ? "{ " : "{");
        put_n(b, inner.p, inner.n);
        free(inner.p);
        int conv = e->v.FormattedValue.conversion;
        if (conv == 'a' || conv == 'r' || conv == 's') {
            char text[3] = {'!', (char)conv, '\0'};
            put(b, text);
        }
        if (e->v.FormattedValue.format_spec) {
            put(b, ":");
            fstring_element(b, e->v.FormattedValue.format_spec);
        }
        put(b, "}");
        break;
    }
    default:
        break;
    }
}

static void fstring_body(struct ubuf *b, pyast_node *e)
{
    for (int i = 0; i < PYAST_SEQ_LEN(e->v.JoinedStr.values); i++)
        fstring_element(b, PYAST_SEQ_GET(e->v.JoinedStr.values, i));
}

/* f + the repr() of the body, as CPython writes it */
static void joinedstr(struct ubuf *b, pyast_node *e)
{
    struct ubuf body = {0};
    put(&body, "");
    fstring_body(&body, e);
    if (body.failed) {
        b->failed = true;
        free(body.p);
        return;
    }
    pyast_constant k = {.kind = PYAST_CONST_STR, .s = body.p, .len = body.n};
    put(b, "f");
    constant(b, &k);
    free(body.p);
}

static void expr(struct ubuf *b, pyast_node *e, int level)
{
    if (b->failed)
        return;
    switch (e->kind) {
    case PYAST_BoolOp:
        boolop(b, e, level);
        break;
    case PYAST_NamedExpr:
        open_if(b, level > PR_TUPLE);
        expr(b, e->v.NamedExpr.target, PR_ATOM);
        put(b, " := ");
        expr(b, e->v.NamedExpr.value, PR_ATOM);
        close_if(b, level > PR_TUPLE);
        break;
    case PYAST_BinOp:
        binop(b, e, level);
        break;
    case PYAST_UnaryOp:
        unaryop(b, e, level);
        break;
    case PYAST_Lambda:
        open_if(b, level > PR_TEST);
        put(b, "lambda");
        if (has_positional(e->v.Lambda.args))
            put(b, " ");
        arguments(b, e->v.Lambda.args);
        put(b, ": ");
        expr(b, e->v.Lambda.body, PR_TEST);
        close_if(b, level > PR_TEST);
        break;
    case PYAST_IfExp:
        open_if(b, level > PR_TEST);
        expr(b, e->v.IfExp.body, PR_TEST + 1);
        put(b, " if ");
        expr(b, e->v.IfExp.test, PR_TEST + 1);
        put(b, " else ");
        expr(b, e->v.IfExp.orelse, PR_TEST);
        close_if(b, level > PR_TEST);
        break;
    case PYAST_Dict:
        put(b, "{");
        for (int i = 0; i < PYAST_SEQ_LEN(e->v.Dict.values); i++) {
            pyast_node *k = PYAST_SEQ_GET(e->v.Dict.keys, i);
            if (i > 0)
                put(b, ", ");
            if (k == NULL) {
                put(b, "**");
                expr(b, PYAST_SEQ_GET(e->v.Dict.values, i), PR_EXPR);
            } else {
                expr(b, k, PR_TEST);
                put(b, ": ");
                expr(b, PYAST_SEQ_GET(e->v.Dict.values, i), PR_TEST);
            }
        }
        put(b, "}");
        break;
    case PYAST_Set:
        if (PYAST_SEQ_LEN(e->v.Set.elts) == 0) {
            put(b, "{*()}"); /* no literal for the empty set */
            break;
        }
        put(b, "{");
        items(b, e->v.Set.elts, PR_TEST);
        put(b, "}");
        break;
    case PYAST_ListComp:
    case PYAST_SetComp:
    case PYAST_GeneratorExp: {
        const char *brackets = e->kind == PYAST_ListComp  ? "[]"
                               : e->kind == PYAST_SetComp ? "{}"
                                                          : "()";
        put_n(b, brackets, 1);
        expr(b, e->v.ListComp.elt, PR_TEST);
        comprehensions(b, e->v.ListComp.generators);
        put_n(b, brackets + 1, 1);
        break;
    }
    case PYAST_DictComp:
        put(b, "{");
        expr(b, e->v.DictComp.key, PR_TEST);
        put(b, ": ");
        expr(b, e->v.DictComp.value, PR_TEST);
        comprehensions(b, e->v.DictComp.generators);
        put(b, "}");
        break;
    case PYAST_Await:
        open_if(b, level > PR_AWAIT);
        put(b, "await ");
        expr(b, e->v.Await.value, PR_ATOM);
        close_if(b, level > PR_AWAIT);
        break;
    case PYAST_Yield:
        if (e->v.Yield.value == NULL) {
            put(b, "(yield)");
            break;
        }
        put(b, "(yield ");
        expr(b, e->v.Yield.value, PR_TEST);
        put(b, ")");
        break;
    case PYAST_YieldFrom:
        put(b, "(yield from ");
        expr(b, e->v.YieldFrom.value, PR_TEST);
        put(b, ")");
        break;
    case PYAST_Compare:
        compare(b, e, level);
        break;
    case PYAST_Call:
        call(b, e);
        break;
    case PYAST_JoinedStr:
        joinedstr(b, e);
        break;
    case PYAST_FormattedValue: /* only inside a JoinedStr */
        fstring_element(b, e);
        break;
    case PYAST_Constant:
        if (e->v.Constant.value.kind == PYAST_CONST_ELLIPSIS) {
            put(b, "...");
            break;
        }
        if (e->v.Constant.kind)
            put(b, "u");
        constant(b, &e->v.Constant.value);
        break;
    case PYAST_Attribute: {
        pyast_node *v = e->v.Attribute.value;
        expr(b, v, PR_ATOM);
        /* 1 .real: "1." would read as a float */
        bool int_value = v->kind == PYAST_Constant &&
                         v->v.Constant.value.kind == PYAST_CONST_INT;
        put(b, int_value ? " ." : ".");
        put(b, e->v.Attribute.attr);
        break;
    }
    case PYAST_Subscript:
        subscript(b, e);
        break;
    case PYAST_Starred:
        put(b, "*");
        expr(b, e->v.Starred.value, PR_EXPR);
        break;
    case PYAST_Name:
        put(b, e->v.Name.id);
        break;
    case PYAST_List:
        put(b, "[");
        items(b, e->v.List.elts, PR_TEST);
        put(b, "]");
        break;
    case PYAST_Tuple: {
        int n = PYAST_SEQ_LEN(e->v.Tuple.elts);
        if (n == 0) {
            put(b, "()");
            break;
        }
        open_if(b, level > PR_TUPLE);
        items(b, e->v.Tuple.elts, PR_TEST);
        if (n == 1)
            put(b, ",");
        close_if(b, level > PR_TUPLE);
        break;
    }
    case PYAST_Slice:
        if (e->v.Slice.lower)
            expr(b, e->v.Slice.lower, PR_TEST);
        put(b, ":");
        if (e->v.Slice.upper)
            expr(b, e->v.Slice.upper, PR_TEST);
        if (e->v.Slice.step) {
            put(b, ":");
            expr(b, e->v.Slice.step, PR_TEST);
        }
        break;
    default:
        b->failed = true;
        break;
    }
}

const char *pycomp_unparse(pyast_arena *arena, pyast_node *e)
{
    struct ubuf b = {0};
    put(&b, "");
    expr(&b, e, PR_TEST);
    if (b.failed) {
        free(b.p);
        if (!pyerr_occurred())
            pyerr_no_memory();
        return NULL;
    }
    char *r = pyast_strndup(arena, b.p, b.n);
    free(b.p);
    return r;
}

const char *pycomp_annotation_misuse(pyast_node *e, pyast_node **at)
{
    if (e == NULL)
        return NULL;
    const char *what = NULL;
    switch (e->kind) {
    case PYAST_NamedExpr:
        what = "'named expression' can not be used within an annotation";
        break;
    case PYAST_Yield:
    case PYAST_YieldFrom:
        what = "'yield expression' can not be used within an annotation";
        break;
    case PYAST_Await:
        what = "'await expression' can not be used within an annotation";
        break;
    default:
        break;
    }
    if (what) {
        *at = e;
        return what;
    }
    /* the children, by the kind's field table */
    const pyast_kind_desc *d = pyast_kind_info(e->kind);
    for (int i = 0; i < d->nfields; i++) {
        const pyast_field *f = &d->fields[i];
        void *slot = (char *)e + f->offset;
        if (f->type == PYAST_F_NODE || f->type == PYAST_F_NODE_OPT) {
            const char *m = pycomp_annotation_misuse(*(pyast_node **)slot, at);
            if (m)
                return m;
        } else if (f->type == PYAST_F_NODES) {
            pyast_seq *s = *(pyast_seq **)slot;
            for (int j = 0; j < PYAST_SEQ_LEN(s); j++) {
                const char *m =
                    pycomp_annotation_misuse(PYAST_SEQ_GET(s, j), at);
                if (m)
                    return m;
            }
        }
    }
    return NULL;
}
