/* Shared state and helpers of the parser files (parse_stmt.c,
   parse_expr.c, parse_string.c, parse_errors.c); not a public header. */
#ifndef PYSTM_PARSE_INTERNAL_H
#define PYSTM_PARSE_INTERNAL_H

#include <stdbool.h>

#include "parser.h"

/* C-stack guard: nesting deeper than this (brackets are already capped at
   200 by the tokenizer) is a SyntaxError, not a stack overflow.  Chains
   like a+b+c or a.b.c count too: they nest in the tree, and whoever walks
   the tree recurses.  CPython 3.11 compiles about 2500 levels. */
#define PYPARSE_MAX_DEPTH 3000

typedef struct pyparse_state {
    pytok_token *toks;
    int ntoks, pos, maxpos;
    pytok_tokens *tt;
    pyast_arena *arena;
    pyparse_error *err;
    bool failed; /* err is set: unwind */
    int depth;
    int brackets;    /* open brackets at the current position */
    const char *src; /* the normalized source, for error positions */
    /* f-string expressions are parsed from a copy: positions there get
       these added (the column only on the copy's first line) */
    int line_offset, col_offset;
    bool in_fstring;
    /* the tokenizer's error, reported when the parser reaches the
       ERRORTOKEN, or instead of most parser errors (as CPython does) */
    const pyparse_error *tok_err;
    bool keep_error; /* an error CPython does not let the tokenizer's
                        override (unexpected indent, unclosed bracket) */
    bool no_eq_hint; /* in call arguments, '=' has its own messages */
    bool no_genexp;  /* class bases: no bare generator argument */
} pyparse_state;

typedef pyparse_state P;

/* ---- tokens ---- */

static inline pytok_token *pyparse_peek(P *p)
{
    if (p->pos > p->maxpos)
        p->maxpos = p->pos;
    return &p->toks[p->pos];
}
static inline pytok_token *pyparse_peekn(P *p, int k)
{
    int i = p->pos + k;
    if (i >= p->ntoks)
        i = p->ntoks - 1;
    if (i > p->maxpos)
        p->maxpos = i;
    return &p->toks[i];
}
static inline pytok_token *pyparse_prev(P *p)
{
    return &p->toks[p->pos > 0 ? p->pos - 1 : 0];
}
bool pyparse_at(P *p, int type);
pytok_token *pyparse_accept(P *p, int type);
bool pyparse_at_name(P *p, const char *s); /* soft keywords */
const char *pyparse_ident(P *p, pytok_token *t);

/* ---- nodes ---- */

typedef struct pyparse_vec {
    void **items;
    int n, cap;
} pyparse_vec;
void pyparse_push(P *p, pyparse_vec *v, void *item);
pyast_seq *pyparse_seq(P *p, pyparse_vec *v);
pyast_seq *pyparse_seq1(P *p, void *item);

/* node starting at a token, ending at the last consumed token (CPython's
   EXTRA) */
pyast_node *pyparse_node_t(P *p, pyast_kind k, const pytok_token *start);
void pyparse_end_at_prev(P *p, pyast_node *n);
void pyparse_copy_pos(pyast_node *to, const pyast_node *from);

/* ---- errors (parse_errors.c) ---- */

/* all return NULL so callers can `return pyparse_error_at_tok(...)` */
void *pyparse_error_at_tok(P *p, pyerr_kind kind, const pytok_token *t,
                           const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void *pyparse_error_range(P *p, pyerr_kind kind, int lineno, int col,
                          int end_lineno, int end_col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void *pyparse_error_at_node(P *p, const pyast_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* an error found at ENDMARKER, placed where CPython places it */
void *pyparse_error_at_end(P *p, pyerr_kind kind, const pytok_token *t,
                           const char *msg);
/* "invalid syntax" at the furthest token looked at */
void pyparse_generic_error(P *p);
/* CPython's name of an expression kind in messages ("function call") */
const char *pyparse_expr_name(const pyast_node *e);
/* Makes e a target (Store or Del context, recursively); on an invalid
   target reports CPython's "cannot assign to X" / "cannot delete X" and
   returns false. */
bool pyparse_set_target(P *p, pyast_node *e, pyast_expr_context ctx);
/* the "cannot assign to X here. Maybe you meant '==' ..." variant for the
   left-hand sides of '=' */
bool pyparse_set_assign_target(P *p, pyast_node *e);
bool pyparse_check_depth(P *p);

/* ---- expressions (parse_expr.c) ---- */

pyast_node *pyparse_expression(P *p);
pyast_node *pyparse_named_expression(P *p);
pyast_node *pyparse_star_expressions(P *p);
pyast_node *pyparse_expressions(P *p); /* no starred items: eval mode */
pyast_node *pyparse_star_named_expression(P *p);
pyast_node *pyparse_star_targets(P *p);
pyast_node *pyparse_yield_expr(P *p);
pyast_node *pyparse_bitwise_or(P *p);
pyast_node *pyparse_disjunction(P *p);
pyast_node *pyparse_primary(P *p);
/* def/lambda parameters; `annotations` for def */
pyast_node *pyparse_parameters(P *p, bool annotations, int close);
/* call arguments after '(' up to and including ')' */
bool pyparse_call_args(P *p, pyast_seq **args, pyast_seq **keywords,
                       const pytok_token *open);
bool pyparse_starts_expression(P *p);

/* ---- strings (parse_string.c) ---- */

/* consecutive STRING tokens at the current position -> Constant or
   JoinedStr */
pyast_node *pyparse_strings(P *p);
/* a NUMBER token -> Constant */
pyast_node *pyparse_number(P *p, pytok_token *t);

/* ---- statements (parse_stmt.c) ---- */

pyast_seq *pyparse_statements(P *p);
/* the block after a compound statement's ':'; `what` and `line` name the
   header for "expected an indented block after ..." */
pyast_seq *pyparse_block(P *p, const char *what, int line);

/* ---- match statements (parse_match.c) ---- */

/* At the name "match": a whole match statement, or NULL with *not_match
   set (nothing consumed, no error) when the line is not one. */
pyast_node *pyparse_match_stmt(P *p, bool *not_match);
/* runs a sub-parse of an f-string expression's text */
pyast_node *pyparse_fstring_expr(P *p, const char *text, size_t len, int lineno,
                                 int col);

#endif
