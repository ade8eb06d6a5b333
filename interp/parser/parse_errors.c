/* Syntax errors found by the parser: placing them (byte columns of the
   source become CPython's 1-based character offsets through
   pytok_set_error), CPython's names for expression kinds in messages,
   and the target checks of assignments, del, for and with, which report
   "cannot assign to ..." the way CPython 3.11 does. */
#include <stdarg.h>
#include <stdio.h>

#include "parse_internal.h"

static void *verror(P *p, pyerr_kind kind, int lineno, int col, int end_lineno,
                    int end_col, const char *fmt, va_list ap)
{
    if (p->failed)
        return NULL;
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (p->in_fstring) {
        /* CPython reports these in the coordinates of the "(expr)" copy,
           on the string's line */
        lineno -= p->line_offset;
        end_lineno -= p->line_offset;
        if (lineno == 1)
            col -= p->col_offset;
        if (end_lineno == 1)
            end_col -= p->col_offset;
        pytok_set_error(p->err, p->arena, p->src, kind, lineno, col, end_lineno,
                        end_col, "f-string: %s", msg);
        p->err->lineno += p->line_offset;
        p->err->end_lineno += p->line_offset;
    } else {
        pytok_set_error(p->err, p->arena, p->src, kind, lineno, col, end_lineno,
                        end_col, "%s", msg);
    }
    p->failed = true;
    return NULL;
}

void *pyparse_error_range(P *p, pyerr_kind kind, int lineno, int col,
                          int end_lineno, int end_col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(p, kind, lineno, col, end_lineno, end_col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *pyparse_error_at_tok(P *p, pyerr_kind kind, const pytok_token *t,
                           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(p, kind, t->lineno, t->col, t->end_lineno, t->end_col, fmt, ap);
    va_end(ap);
    return NULL;
}

void *pyparse_error_at_node(P *p, const pyast_node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(p, PYERR_SYNTAX, n->lineno, n->col_offset, n->end_lineno,
           n->end_col_offset, fmt, ap);
    va_end(ap);
    return NULL;
}

bool pyparse_check_depth(P *p)
{
    if (p->depth < PYPARSE_MAX_DEPTH)
        return true;
    if (!p->failed)
        pyparse_error_at_tok(p, PYERR_SYNTAX, pyparse_peek(p),
                             "too many nested expressions (pystm's parser "
                             "limit is %d)",
                             PYPARSE_MAX_DEPTH);
    return false;
}

void *pyparse_error_at_end(P *p, pyerr_kind kind, const pytok_token *t,
                           const char *msg)
{
    /* CPython places errors at the end of input on the last line, after
       its newline; with no statement at all, at offset 0 of the line
       before */
    bool any = false;
    for (int i = (int)(t - p->toks) - 1; i >= 0 && !any; i--)
        any = p->toks[i].type == PYTOK_NEWLINE;
    if (any && !p->in_fstring) {
        const char *src = p->tt->src;
        size_t n = p->tt->srclen;
        int lines = 0;
        for (size_t k = 0; k < n; k++)
            lines += src[k] == '\n';
        size_t start = n - 1;
        while (start > 0 && src[start - 1] != '\n')
            start--;
        return pyparse_error_range(p, kind, lines, (int)(n - start) - 1, lines,
                                   (int)(n - start) - 1, "%s", msg);
    }
    pyparse_error_at_tok(p, kind, t, "%s", msg);
    if (p->failed && p->err->kind == kind) {
        p->err->lineno = p->err->end_lineno =
            t->lineno - (p->tt->added_newline ? 2 : 1);
        p->err->offset = p->err->end_offset = 0;
        p->err->text = NULL;
    }
    return NULL;
}

void pyparse_generic_error(P *p)
{
    if (p->failed)
        return;
    pytok_token *t = &p->toks[p->maxpos < p->ntoks ? p->maxpos : p->ntoks - 1];
    switch (t->type) {
    case PYTOK_INDENT:
        p->keep_error = true;
        /* CPython points after the indentation */
        pyparse_error_range(p, PYERR_INDENTATION, t->lineno, t->end_col - 1,
                            t->lineno, t->end_col - 1, "unexpected indent");
        break;
    case PYTOK_DEDENT:
        p->keep_error = true;
        if (t->lineno > 1 && t->col == 0 &&
            p->toks[p->ntoks - 1].lineno == t->lineno)
            pyparse_error_at_end(p, PYERR_INDENTATION, t,
                                 "unexpected unindent");
        else
            pyparse_error_range(p, PYERR_INDENTATION, t->lineno, t->col - 1,
                                t->lineno, t->col, "unexpected unindent");
        break;
    case PYTOK_ERRORTOKEN:
        if (p->tok_err)
            *p->err = *p->tok_err;
        else
            pyparse_error_at_tok(p, PYERR_SYNTAX, t, "invalid syntax");
        p->failed = p->keep_error = true;
        break;
    case PYTOK_EOF_IN_BRACKETS:
        p->keep_error = true;
        pyparse_error_range(p, PYERR_SYNTAX, p->tt->open_lineno,
                            p->tt->open_col, p->tt->open_lineno,
                            p->tt->open_col, "'%c' was never closed",
                            p->tt->open_char);
        break;
    case PYTOK_ENDMARKER: {
        /* CPython: the last line, offset 0 (no line before an empty
           source) */
        int lines = 0;
        for (size_t k = 0; k < p->tt->srclen; k++)
            lines += p->tt->src[k] == '\n';
        if (p->tt->added_newline && p->tt->srclen == 1)
            lines = 0;
        if (p->in_fstring) {
            pyparse_error_at_tok(p, PYERR_SYNTAX, t, "invalid syntax");
            break;
        }
        pyparse_error_range(p, PYERR_SYNTAX, lines, 0, lines, 0,
                            "invalid syntax");
        p->err->offset = p->err->end_offset = 0;
        break;
    }
    default:
        pyparse_error_at_tok(p, PYERR_SYNTAX, t, "invalid syntax");
    }
}

const char *pyparse_expr_name(const pyast_node *e)
{
    switch (e->kind) {
    case PYAST_Attribute:
        return "attribute";
    case PYAST_Subscript:
        return "subscript";
    case PYAST_Starred:
        return "starred";
    case PYAST_Name:
        return "name";
    case PYAST_List:
        return "list";
    case PYAST_Tuple:
        return "tuple";
    case PYAST_Lambda:
        return "lambda";
    case PYAST_Call:
        return "function call";
    case PYAST_BoolOp:
    case PYAST_BinOp:
    case PYAST_UnaryOp:
        return "expression";
    case PYAST_GeneratorExp:
        return "generator expression";
    case PYAST_Yield:
    case PYAST_YieldFrom:
        return "yield expression";
    case PYAST_Await:
        return "await expression";
    case PYAST_ListComp:
        return "list comprehension";
    case PYAST_SetComp:
        return "set comprehension";
    case PYAST_DictComp:
        return "dict comprehension";
    case PYAST_Dict:
        return "dict literal";
    case PYAST_Set:
        return "set display";
    case PYAST_JoinedStr:
    case PYAST_FormattedValue:
        return "f-string expression";
    case PYAST_Constant:
        switch (e->v.Constant.value.kind) {
        case PYAST_CONST_NONE:
            return "None";
        case PYAST_CONST_TRUE:
            return "True";
        case PYAST_CONST_FALSE:
            return "False";
        case PYAST_CONST_ELLIPSIS:
            return "ellipsis";
        default:
            return "literal";
        }
    case PYAST_Compare:
        return "comparison";
    case PYAST_IfExp:
        return "conditional expression";
    case PYAST_NamedExpr:
        return "named expression";
    default:
        return "expression";
    }
}

/* the first sub-expression that cannot be a target, or NULL */
static const pyast_node *invalid_target(const pyast_node *e,
                                        pyast_expr_context ctx)
{
    switch (e->kind) {
    case PYAST_List:
    case PYAST_Tuple:
        for (int i = 0; i < PYAST_SEQ_LEN(e->v.List.elts); i++) {
            const pyast_node *r =
                invalid_target(PYAST_SEQ_GET(e->v.List.elts, i), ctx);
            if (r)
                return r;
        }
        return NULL;
    case PYAST_Starred:
        if (ctx == PYAST_Del)
            return e;
        return invalid_target(e->v.Starred.value, ctx);
    case PYAST_Name:
    case PYAST_Subscript:
    case PYAST_Attribute:
        return NULL;
    default:
        return e;
    }
}

static void set_ctx(pyast_node *e, pyast_expr_context ctx)
{
    switch (e->kind) {
    case PYAST_List:
    case PYAST_Tuple:
        e->v.List.ctx = ctx;
        for (int i = 0; i < PYAST_SEQ_LEN(e->v.List.elts); i++)
            set_ctx(PYAST_SEQ_GET(e->v.List.elts, i), ctx);
        break;
    case PYAST_Starred:
        e->v.Starred.ctx = ctx;
        set_ctx(e->v.Starred.value, ctx);
        break;
    case PYAST_Name:
        e->v.Name.ctx = ctx;
        break;
    case PYAST_Subscript:
        e->v.Subscript.ctx = ctx;
        break;
    case PYAST_Attribute:
        e->v.Attribute.ctx = ctx;
        break;
    default:
        break;
    }
}

bool pyparse_set_target(P *p, pyast_node *e, pyast_expr_context ctx)
{
    const pyast_node *bad = invalid_target(e, ctx);
    if (bad) {
        pyparse_error_at_node(p, bad,
                              ctx == PYAST_Del ? "cannot delete %s"
                                               : "cannot assign to %s",
                              pyparse_expr_name(bad));
        return false;
    }
    set_ctx(e, ctx);
    return true;
}

bool pyparse_set_assign_target(P *p, pyast_node *e)
{
    const pyast_node *bad = invalid_target(e, PYAST_Store);
    bool below_bitwise_or =
        e->kind != PYAST_IfExp && e->kind != PYAST_Lambda &&
        e->kind != PYAST_Compare && e->kind != PYAST_BoolOp &&
        !(e->kind == PYAST_UnaryOp && e->v.UnaryOp.op == PYAST_Not);
    if (bad && bad == e && below_bitwise_or && e->kind != PYAST_GeneratorExp &&
        !(e->kind == PYAST_Constant &&
          (e->v.Constant.value.kind == PYAST_CONST_NONE ||
           e->v.Constant.value.kind == PYAST_CONST_TRUE ||
           e->v.Constant.value.kind == PYAST_CONST_FALSE))) {
        if (e->kind == PYAST_Yield || e->kind == PYAST_YieldFrom) {
            pyparse_error_at_node(
                p, e, "assignment to yield expression not possible");
            return false;
        }
        pyparse_error_at_node(
            p, e,
            "cannot assign to %s here. Maybe you meant '==' instead "
            "of '='?",
            pyparse_expr_name(e));
        return false;
    }
    return pyparse_set_target(p, e, PYAST_Store);
}
