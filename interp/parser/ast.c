/* The AST's memory and its reflection tables.

   The arena hands out zeroed memory from big blocks and frees them all at
   once: the parser never frees a node (backtracking just abandons them)
   and the compiler drops the whole tree when it is done.  The field tables
   say, for each node kind, the CPython field names in order with their
   types and offsets, so generic walkers like astdump.c stay small. */
#include "ast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (64 * 1024)

typedef struct block {
    struct block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} block;

struct pyast_arena {
    block *head;
    size_t total;
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "pystm: out of memory in the parser (%zu bytes)\n", n);
        abort();
    }
    return p;
}

pyast_arena *pyast_arena_new(void)
{
    pyast_arena *a = xmalloc(sizeof *a);
    a->head = NULL;
    a->total = 0;
    return a;
}

void pyast_arena_free(pyast_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *pyast_alloc(pyast_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    block *b = a->head;
    if (!b || b->size - b->used < size) {
        /* A big request gets its own block behind the current one so the
           space left in the current block is not wasted. */
        size_t bsize = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
        block *nb = xmalloc(sizeof(block) + bsize);
        nb->size = bsize;
        nb->used = 0;
        if (b && bsize != BLOCK_SIZE) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *pyast_strndup(pyast_arena *a, const char *s, size_t len)
{
    char *p = pyast_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = 0;
    return p;
}

size_t pyast_arena_used(const pyast_arena *a)
{
    return a->total;
}

pyast_seq *pyast_seq_new(pyast_arena *a, int len)
{
    pyast_seq *s = pyast_alloc(a, sizeof(pyast_seq) + len * sizeof(void *));
    s->len = len;
    return s;
}

pyast_node *pyast_new(pyast_arena *a, pyast_kind kind)
{
    pyast_node *n = pyast_alloc(a, sizeof(pyast_node));
    n->kind = kind;
    return n;
}

/* ---- field tables ---- */

#define F(k, f, t)                                   \
    {                                                \
#        f, PYAST_F_##t, offsetof(pyast_node, v.k.f) \
    }

static const pyast_field f_Module[] = {F(Module, body, NODES),
                                       F(Module, type_ignores, NODES)};
static const pyast_field f_Interactive[] = {F(Interactive, body, NODES)};
static const pyast_field f_Expression[] = {F(Expression, body, NODE)};
static const pyast_field f_FunctionType[] = {F(FunctionType, argtypes, NODES),
                                             F(FunctionType, returns, NODE)};
static const pyast_field f_FunctionDef[] = {
    F(FunctionDef, name, IDENT),       F(FunctionDef, args, NODE),
    F(FunctionDef, body, NODES),       F(FunctionDef, decorator_list, NODES),
    F(FunctionDef, returns, NODE_OPT), F(FunctionDef, type_comment, STR_OPT)};
static const pyast_field f_ClassDef[] = {
    F(ClassDef, name, IDENT), F(ClassDef, bases, NODES),
    F(ClassDef, keywords, NODES), F(ClassDef, body, NODES),
    F(ClassDef, decorator_list, NODES)};
static const pyast_field f_Return[] = {F(Return, value, NODE_OPT)};
static const pyast_field f_Delete[] = {F(Delete, targets, NODES)};
static const pyast_field f_Assign[] = {F(Assign, targets, NODES),
                                       F(Assign, value, NODE),
                                       F(Assign, type_comment, STR_OPT)};
static const pyast_field f_AugAssign[] = {F(AugAssign, target, NODE),
                                          F(AugAssign, op, OPERATOR),
                                          F(AugAssign, value, NODE)};
static const pyast_field f_AnnAssign[] = {
    F(AnnAssign, target, NODE), F(AnnAssign, annotation, NODE),
    F(AnnAssign, value, NODE_OPT), F(AnnAssign, simple, INT)};
static const pyast_field f_For[] = {F(For, target, NODE), F(For, iter, NODE),
                                    F(For, body, NODES), F(For, orelse, NODES),
                                    F(For, type_comment, STR_OPT)};
static const pyast_field f_While[] = {
    F(While, test, NODE), F(While, body, NODES), F(While, orelse, NODES)};
static const pyast_field f_If[] = {F(If, test, NODE), F(If, body, NODES),
                                   F(If, orelse, NODES)};
static const pyast_field f_With[] = {F(With, items, NODES),
                                     F(With, body, NODES),
                                     F(With, type_comment, STR_OPT)};
static const pyast_field f_Match[] = {F(Match, subject, NODE),
                                      F(Match, cases, NODES)};
static const pyast_field f_Raise[] = {F(Raise, exc, NODE_OPT),
                                      F(Raise, cause, NODE_OPT)};
static const pyast_field f_Try[] = {
    F(Try, body, NODES), F(Try, handlers, NODES), F(Try, orelse, NODES),
    F(Try, finalbody, NODES)};
static const pyast_field f_Assert[] = {F(Assert, test, NODE),
                                       F(Assert, msg, NODE_OPT)};
static const pyast_field f_Import[] = {F(Import, names, NODES)};
static const pyast_field f_ImportFrom[] = {F(ImportFrom, module, IDENT_OPT),
                                           F(ImportFrom, names, NODES),
                                           F(ImportFrom, level, INT)};
static const pyast_field f_Global[] = {F(Global, names, IDENTS)};
static const pyast_field f_Expr[] = {F(Expr, value, NODE)};

static const pyast_field f_BoolOp[] = {F(BoolOp, op, BOOLOP),
                                       F(BoolOp, values, NODES)};
static const pyast_field f_NamedExpr[] = {F(NamedExpr, target, NODE),
                                          F(NamedExpr, value, NODE)};
static const pyast_field f_BinOp[] = {
    F(BinOp, left, NODE), F(BinOp, op, OPERATOR), F(BinOp, right, NODE)};
static const pyast_field f_UnaryOp[] = {F(UnaryOp, op, UNARYOP),
                                        F(UnaryOp, operand, NODE)};
static const pyast_field f_Lambda[] = {F(Lambda, args, NODE),
                                       F(Lambda, body, NODE)};
static const pyast_field f_IfExp[] = {
    F(IfExp, test, NODE), F(IfExp, body, NODE), F(IfExp, orelse, NODE)};
static const pyast_field f_Dict[] = {F(Dict, keys, NODES),
                                     F(Dict, values, NODES)};
static const pyast_field f_Set[] = {F(Set, elts, NODES)};
static const pyast_field f_ListComp[] = {F(ListComp, elt, NODE),
                                         F(ListComp, generators, NODES)};
static const pyast_field f_DictComp[] = {F(DictComp, key, NODE),
                                         F(DictComp, value, NODE),
                                         F(DictComp, generators, NODES)};
static const pyast_field f_Await[] = {F(Await, value, NODE)};
static const pyast_field f_Yield[] = {F(Yield, value, NODE_OPT)};
static const pyast_field f_YieldFrom[] = {F(YieldFrom, value, NODE)};
static const pyast_field f_Compare[] = {F(Compare, left, NODE),
                                        F(Compare, ops, CMPOPS),
                                        F(Compare, comparators, NODES)};
static const pyast_field f_Call[] = {F(Call, func, NODE), F(Call, args, NODES),
                                     F(Call, keywords, NODES)};
static const pyast_field f_FormattedValue[] = {
    F(FormattedValue, value, NODE), F(FormattedValue, conversion, INT),
    F(FormattedValue, format_spec, NODE_OPT)};
static const pyast_field f_JoinedStr[] = {F(JoinedStr, values, NODES)};
static const pyast_field f_Constant[] = {F(Constant, value, CONST),
                                         F(Constant, kind, STR_OPT)};
static const pyast_field f_Attribute[] = {F(Attribute, value, NODE),
                                          F(Attribute, attr, IDENT),
                                          F(Attribute, ctx, CTX)};
static const pyast_field f_Subscript[] = {F(Subscript, value, NODE),
                                          F(Subscript, slice, NODE),
                                          F(Subscript, ctx, CTX)};
static const pyast_field f_Starred[] = {F(Starred, value, NODE),
                                        F(Starred, ctx, CTX)};
static const pyast_field f_Name[] = {F(Name, id, IDENT), F(Name, ctx, CTX)};
static const pyast_field f_List[] = {F(List, elts, NODES), F(List, ctx, CTX)};
static const pyast_field f_Slice[] = {F(Slice, lower, NODE_OPT),
                                      F(Slice, upper, NODE_OPT),
                                      F(Slice, step, NODE_OPT)};

static const pyast_field f_comprehension[] = {
    F(comprehension, target, NODE), F(comprehension, iter, NODE),
    F(comprehension, ifs, NODES), F(comprehension, is_async, INT)};
static const pyast_field f_ExceptHandler[] = {F(ExceptHandler, type, NODE_OPT),
                                              F(ExceptHandler, name, IDENT_OPT),
                                              F(ExceptHandler, body, NODES)};
static const pyast_field f_arguments[] = {
    F(arguments, posonlyargs, NODES), F(arguments, args, NODES),
    F(arguments, vararg, NODE_OPT),   F(arguments, kwonlyargs, NODES),
    F(arguments, kw_defaults, NODES), F(arguments, kwarg, NODE_OPT),
    F(arguments, defaults, NODES)};
static const pyast_field f_arg[] = {F(arg, arg, IDENT),
                                    F(arg, annotation, NODE_OPT),
                                    F(arg, type_comment, STR_OPT)};
static const pyast_field f_keyword[] = {F(keyword, arg, IDENT_OPT),
                                        F(keyword, value, NODE)};
static const pyast_field f_alias[] = {F(alias, name, IDENT),
                                      F(alias, asname, IDENT_OPT)};
static const pyast_field f_withitem[] = {F(withitem, context_expr, NODE),
                                         F(withitem, optional_vars, NODE_OPT)};
static const pyast_field f_match_case[] = {F(match_case, pattern, NODE),
                                           F(match_case, guard, NODE_OPT),
                                           F(match_case, body, NODES)};
static const pyast_field f_MatchValue[] = {F(MatchValue, value, NODE)};
static const pyast_field f_MatchSingleton[] = {F(MatchSingleton, value, CONST)};
static const pyast_field f_MatchSequence[] = {
    F(MatchSequence, patterns, NODES)};
static const pyast_field f_MatchMapping[] = {F(MatchMapping, keys, NODES),
                                             F(MatchMapping, patterns, NODES),
                                             F(MatchMapping, rest, IDENT_OPT)};
static const pyast_field f_MatchClass[] = {
    F(MatchClass, cls, NODE), F(MatchClass, patterns, NODES),
    F(MatchClass, kwd_attrs, IDENTS), F(MatchClass, kwd_patterns, NODES)};
static const pyast_field f_MatchStar[] = {F(MatchStar, name, IDENT_OPT)};
static const pyast_field f_MatchAs[] = {F(MatchAs, pattern, NODE_OPT),
                                        F(MatchAs, name, IDENT_OPT)};
static const pyast_field f_MatchOr[] = {F(MatchOr, patterns, NODES)};
static const pyast_field f_TypeIgnore[] = {F(TypeIgnore, lineno, INT),
                                           F(TypeIgnore, tag, IDENT)};

/* Kinds sharing a struct share the table (FunctionDef/AsyncFunctionDef,
   For/AsyncFor, ...): the union members have identical layouts. */
#define f_AsyncFunctionDef f_FunctionDef
#define f_AsyncFor         f_For
#define f_AsyncWith        f_With
#define f_TryStar          f_Try
#define f_Nonlocal         f_Global
#define f_SetComp          f_ListComp
#define f_GeneratorExp     f_ListComp
#define f_Tuple            f_List
#define NOFIELDS           NULL
#define f_Pass             NOFIELDS
#define f_Break            NOFIELDS
#define f_Continue         NOFIELDS

/* which categories CPython gives lineno/col_offset/... */
#define POS_mod           0
#define POS_stmt          1
#define POS_expr          1
#define POS_comprehension 0
#define POS_excepthandler 1
#define POS_arguments     0
#define POS_arg           1
#define POS_keyword       1
#define POS_alias         1
#define POS_withitem      0
#define POS_match_case    0
#define POS_pattern       1
#define POS_type_ignore   0

/* sizeof(NULL) / sizeof(pyast_field) is 0 for the field-less kinds */
static const pyast_kind_desc descs[PYAST_NKINDS] = {
#define DESC_(k, c) \
    {#k, #c, POS_##c, (int)(sizeof(f_##k) / sizeof(pyast_field)), f_##k},
    PYAST_KINDS(DESC_)
#undef DESC_
};

const pyast_kind_desc *pyast_kind_info(pyast_kind kind)
{
    if ((unsigned)kind >= PYAST_NKINDS)
        return NULL;
    return &descs[kind];
}

const char *pyast_ctx_name(pyast_expr_context c)
{
    static const char *n[] = {"?", "Load", "Store", "Del"};
    return (unsigned)c < 4 ? n[c] : "?";
}

const char *pyast_boolop_name(pyast_boolop op)
{
    static const char *n[] = {"?", "And", "Or"};
    return (unsigned)op < 3 ? n[op] : "?";
}

const char *pyast_operator_name(pyast_operator op)
{
    static const char *n[] = {"?",     "Add",    "Sub",    "Mult",    "MatMult",
                              "Div",   "Mod",    "Pow",    "LShift",  "RShift",
                              "BitOr", "BitXor", "BitAnd", "FloorDiv"};
    return (unsigned)op < 14 ? n[op] : "?";
}

const char *pyast_unaryop_name(pyast_unaryop op)
{
    static const char *n[] = {"?", "Invert", "Not", "UAdd", "USub"};
    return (unsigned)op < 5 ? n[op] : "?";
}

const char *pyast_cmpop_name(pyast_cmpop op)
{
    static const char *n[] = {"?",   "Eq", "NotEq", "Lt", "LtE",  "Gt",
                              "GtE", "Is", "IsNot", "In", "NotIn"};
    return (unsigned)op < 11 ? n[op] : "?";
}
