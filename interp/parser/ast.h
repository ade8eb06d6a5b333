/* The abstract syntax tree of pystm: CPython 3.11's `ast` node set with the
   same node and field names, in compile-time memory (an arena freed all at
   once after compiling).

   Every node, whatever its category (mod, stmt, expr, pattern and the
   helpers arguments, arg, keyword, ...), is one `pyast_node`: a kind, the
   source span and a union with one struct per kind, named like the Python
   class (`n->v.BinOp.left`).  The category typedefs below only document
   what a field holds.  Sequences are `pyast_seq` (length + pointers); an
   identifier is a NUL-terminated UTF-8 string; a missing optional field
   is NULL.  `pyast_kind_info()` describes the fields of every kind so that
   generic walkers (astdump.c) need no per-kind code.

   Positions: lines are 1-based, columns are 0-based UTF-8 byte offsets in
   the physical line, like CPython's `ast`.  Helper nodes CPython gives no
   position to (arguments, comprehension, withitem, match_case) have 0s. */
#ifndef PYSTM_AST_H
#define PYSTM_AST_H

#include <stddef.h>
#include <stdint.h>

/* ---- arena ---- */

typedef struct pyast_arena pyast_arena;

pyast_arena *pyast_arena_new(void);
void pyast_arena_free(pyast_arena *a);
/* Zeroed, 16-byte aligned memory that lives until the arena is freed.
   Aborts with a message when out of memory. */
void *pyast_alloc(pyast_arena *a, size_t size);
char *pyast_strndup(pyast_arena *a, const char *s, size_t len);
/* Bytes handed out so far (for statistics and tests). */
size_t pyast_arena_used(const pyast_arena *a);

/* ---- sequences ---- */

typedef struct pyast_seq {
    int len;
    void *items[];
} pyast_seq;

pyast_seq *pyast_seq_new(pyast_arena *a, int len);
#define PYAST_SEQ_LEN(s)    ((s) ? (s)->len : 0)
#define PYAST_SEQ_GET(s, i) ((s)->items[i])
/* cmpop sequences hold the operator number cast to a pointer */
#define PYAST_SEQ_OP(s, i) ((int)(intptr_t)(s)->items[i])

/* ---- constants ----
   Literal values without the object model.  Ints keep their digits (no
   prefix, no underscores) and base so big ints stay exact.  Strings are
   UTF-8; a lone surrogate (from "\ud800") is stored as its 3-byte
   generalized UTF-8 form (ED A0 80..ED BF BF), so `len` counts bytes and
   the text may contain NUL.  Bytes are raw. */
typedef enum {
    PYAST_CONST_NONE,
    PYAST_CONST_TRUE,
    PYAST_CONST_FALSE,
    PYAST_CONST_ELLIPSIS,
    PYAST_CONST_INT,
    PYAST_CONST_FLOAT,
    PYAST_CONST_COMPLEX, /* pure imaginary: value is the imaginary part */
    PYAST_CONST_STR,
    PYAST_CONST_BYTES,
} pyast_const_kind;

typedef struct pyast_constant {
    pyast_const_kind kind;
    int base;      /* PYAST_CONST_INT: 2, 8, 10 or 16 */
    const char *s; /* INT: digits; STR/BYTES: the data (NUL-terminated) */
    size_t len;    /* INT: digit count; STR/BYTES: byte length */
    double f;      /* FLOAT value, COMPLEX imaginary part */
} pyast_constant;

/* ---- enumerations (values in CPython's order) ---- */

typedef enum { PYAST_Load = 1, PYAST_Store, PYAST_Del } pyast_expr_context;
typedef enum { PYAST_And = 1, PYAST_Or } pyast_boolop;
typedef enum {
    PYAST_Add = 1,
    PYAST_Sub,
    PYAST_Mult,
    PYAST_MatMult,
    PYAST_Div,
    PYAST_Mod,
    PYAST_Pow,
    PYAST_LShift,
    PYAST_RShift,
    PYAST_BitOr,
    PYAST_BitXor,
    PYAST_BitAnd,
    PYAST_FloorDiv
} pyast_operator;
typedef enum {
    PYAST_Invert = 1,
    PYAST_Not,
    PYAST_UAdd,
    PYAST_USub
} pyast_unaryop;
typedef enum {
    PYAST_Eq = 1,
    PYAST_NotEq,
    PYAST_Lt,
    PYAST_LtE,
    PYAST_Gt,
    PYAST_GtE,
    PYAST_Is,
    PYAST_IsNot,
    PYAST_In,
    PYAST_NotIn
} pyast_cmpop;

/* ---- node kinds ---- */

/* X(kind, category) for every node kind, in CPython's order per category */
#define PYAST_KINDS(X)              \
    X(Module, mod)                  \
    X(Interactive, mod)             \
    X(Expression, mod)              \
    X(FunctionType, mod)            \
    X(FunctionDef, stmt)            \
    X(AsyncFunctionDef, stmt)       \
    X(ClassDef, stmt)               \
    X(Return, stmt)                 \
    X(Delete, stmt)                 \
    X(Assign, stmt)                 \
    X(AugAssign, stmt)              \
    X(AnnAssign, stmt)              \
    X(For, stmt)                    \
    X(AsyncFor, stmt)               \
    X(While, stmt)                  \
    X(If, stmt)                     \
    X(With, stmt)                   \
    X(AsyncWith, stmt)              \
    X(Match, stmt)                  \
    X(Raise, stmt)                  \
    X(Try, stmt)                    \
    X(TryStar, stmt)                \
    X(Assert, stmt)                 \
    X(Import, stmt)                 \
    X(ImportFrom, stmt)             \
    X(Global, stmt)                 \
    X(Nonlocal, stmt)               \
    X(Expr, stmt)                   \
    X(Pass, stmt)                   \
    X(Break, stmt)                  \
    X(Continue, stmt)               \
    X(BoolOp, expr)                 \
    X(NamedExpr, expr)              \
    X(BinOp, expr)                  \
    X(UnaryOp, expr)                \
    X(Lambda, expr)                 \
    X(IfExp, expr)                  \
    X(Dict, expr)                   \
    X(Set, expr)                    \
    X(ListComp, expr)               \
    X(SetComp, expr)                \
    X(DictComp, expr)               \
    X(GeneratorExp, expr)           \
    X(Await, expr)                  \
    X(Yield, expr)                  \
    X(YieldFrom, expr)              \
    X(Compare, expr)                \
    X(Call, expr)                   \
    X(FormattedValue, expr)         \
    X(JoinedStr, expr)              \
    X(Constant, expr)               \
    X(Attribute, expr)              \
    X(Subscript, expr)              \
    X(Starred, expr)                \
    X(Name, expr)                   \
    X(List, expr)                   \
    X(Tuple, expr)                  \
    X(Slice, expr)                  \
    X(comprehension, comprehension) \
    X(ExceptHandler, excepthandler) \
    X(arguments, arguments)         \
    X(arg, arg)                     \
    X(keyword, keyword)             \
    X(alias, alias)                 \
    X(withitem, withitem)           \
    X(match_case, match_case)       \
    X(MatchValue, pattern)          \
    X(MatchSingleton, pattern)      \
    X(MatchSequence, pattern)       \
    X(MatchMapping, pattern)        \
    X(MatchClass, pattern)          \
    X(MatchStar, pattern)           \
    X(MatchAs, pattern)             \
    X(MatchOr, pattern)             \
    X(TypeIgnore, type_ignore)

typedef enum {
#define PYAST_ENUM_(k, c) PYAST_##k,
    PYAST_KINDS(PYAST_ENUM_)
#undef PYAST_ENUM_
        PYAST_NKINDS
} pyast_kind;

typedef struct pyast_node pyast_node;
/* documentation-only aliases for what a field holds */
typedef pyast_node pyast_mod, pyast_stmt, pyast_expr, pyast_pattern;

struct pyast_node {
    pyast_kind kind;
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
        struct {
            pyast_seq *body, *type_ignores;
        } Module;
        struct {
            pyast_seq *body;
        } Interactive;
        struct {
            pyast_expr *body;
        } Expression;
        struct {
            pyast_seq *argtypes;
            pyast_expr *returns;
        } FunctionType;

        /* FunctionDef and AsyncFunctionDef */
        struct {
            const char *name;
            pyast_node *args; /* arguments */
            pyast_seq *body, *decorator_list;
            pyast_expr *returns;
            const char *type_comment;
        } FunctionDef, AsyncFunctionDef;
        struct {
            const char *name;
            pyast_seq *bases, *keywords, *body, *decorator_list;
        } ClassDef;
        struct {
            pyast_expr *value;
        } Return;
        struct {
            pyast_seq *targets;
        } Delete;
        struct {
            pyast_seq *targets;
            pyast_expr *value;
            const char *type_comment;
        } Assign;
        struct {
            pyast_expr *target;
            pyast_operator op;
            pyast_expr *value;
        } AugAssign;
        struct {
            pyast_expr *target, *annotation, *value;
            int simple;
        } AnnAssign;
        struct {
            pyast_expr *target, *iter;
            pyast_seq *body, *orelse;
            const char *type_comment;
        } For, AsyncFor;
        struct {
            pyast_expr *test;
            pyast_seq *body, *orelse;
        } While, If;
        struct {
            pyast_seq *items, *body; /* withitem */
            const char *type_comment;
        } With, AsyncWith;
        struct {
            pyast_expr *subject;
            pyast_seq *cases;
        } Match;
        struct {
            pyast_expr *exc, *cause;
        } Raise;
        struct {
            pyast_seq *body, *handlers, *orelse, *finalbody;
        } Try, TryStar;
        struct {
            pyast_expr *test, *msg;
        } Assert;
        struct {
            pyast_seq *names;
        } Import;
        struct {
            const char *module;
            pyast_seq *names;
            int level;
        } ImportFrom;
        struct {
            pyast_seq *names;
        } Global, Nonlocal;
        struct {
            pyast_expr *value;
        } Expr;

        struct {
            pyast_boolop op;
            pyast_seq *values;
        } BoolOp;
        struct {
            pyast_expr *target, *value;
        } NamedExpr;
        struct {
            pyast_expr *left;
            pyast_operator op;
            pyast_expr *right;
        } BinOp;
        struct {
            pyast_unaryop op;
            pyast_expr *operand;
        } UnaryOp;
        struct {
            pyast_node *args;
            pyast_expr *body;
        } Lambda;
        struct {
            pyast_expr *test, *body, *orelse;
        } IfExp;
        struct {
            pyast_seq *keys, *values;
        } Dict; /* NULL key: **d */
        struct {
            pyast_seq *elts;
        } Set;
        struct {
            pyast_expr *elt;
            pyast_seq *generators;
        } ListComp, SetComp, GeneratorExp;
        struct {
            pyast_expr *key, *value;
            pyast_seq *generators;
        } DictComp;
        struct {
            pyast_expr *value;
        } Await, Yield, YieldFrom;
        struct {
            pyast_expr *left;
            pyast_seq *ops; /* pyast_cmpop, see PYAST_SEQ_OP */
            pyast_seq *comparators;
        } Compare;
        struct {
            pyast_expr *func;
            pyast_seq *args, *keywords;
        } Call;
        struct {
            pyast_expr *value;
            int conversion; /* -1, 's', 'r' or 'a' */
            pyast_expr *format_spec;
        } FormattedValue;
        struct {
            pyast_seq *values;
        } JoinedStr;
        struct {
            pyast_constant value;
            const char *kind; /* "u" for u'' strings, else NULL */
        } Constant;
        struct {
            pyast_expr *value;
            const char *attr;
            pyast_expr_context ctx;
        } Attribute;
        struct {
            pyast_expr *value, *slice;
            pyast_expr_context ctx;
        } Subscript;
        struct {
            pyast_expr *value;
            pyast_expr_context ctx;
        } Starred;
        struct {
            const char *id;
            pyast_expr_context ctx;
        } Name;
        struct {
            pyast_seq *elts;
            pyast_expr_context ctx;
        } List, Tuple;
        struct {
            pyast_expr *lower, *upper, *step;
        } Slice;

        struct {
            pyast_expr *target, *iter;
            pyast_seq *ifs;
            int is_async;
        } comprehension;
        struct {
            pyast_expr *type;
            const char *name;
            pyast_seq *body;
        } ExceptHandler;
        struct {
            pyast_seq *posonlyargs, *args; /* arg */
            pyast_node *vararg;
            pyast_seq *kwonlyargs;
            pyast_seq *kw_defaults; /* NULL item: no default */
            pyast_node *kwarg;
            pyast_seq *defaults;
        } arguments;
        struct {
            const char *arg;
            pyast_expr *annotation;
            const char *type_comment;
        } arg;
        struct {
            const char *arg;
            pyast_expr *value;
        } keyword;
        struct {
            const char *name, *asname;
        } alias;
        struct {
            pyast_expr *context_expr, *optional_vars;
        } withitem;
        struct {
            pyast_pattern *pattern;
            pyast_expr *guard;
            pyast_seq *body;
        } match_case;

        struct {
            pyast_expr *value;
        } MatchValue;
        struct {
            pyast_constant value;
        } MatchSingleton;
        struct {
            pyast_seq *patterns;
        } MatchSequence;
        struct {
            pyast_seq *keys, *patterns;
            const char *rest;
        } MatchMapping;
        struct {
            pyast_expr *cls;
            pyast_seq *patterns, *kwd_attrs, *kwd_patterns;
        } MatchClass;
        struct {
            const char *name;
        } MatchStar;
        struct {
            pyast_pattern *pattern;
            const char *name;
        } MatchAs;
        struct {
            pyast_seq *patterns;
        } MatchOr;
        struct {
            int lineno;
            const char *tag;
        } TypeIgnore;
    } v;
};

/* A fresh zeroed node of the given kind (positions left at 0). */
pyast_node *pyast_new(pyast_arena *a, pyast_kind kind);

/* ---- reflection: the fields of each kind, in CPython's order ---- */

typedef enum {
    PYAST_F_NODE,     /* pyast_node *, required */
    PYAST_F_NODE_OPT, /* pyast_node *, may be NULL */
    PYAST_F_NODES,    /* pyast_seq * of nodes (items may be NULL) */
    PYAST_F_IDENT,    /* const char *, required */
    PYAST_F_IDENT_OPT,
    PYAST_F_IDENTS,  /* pyast_seq * of const char * */
    PYAST_F_STR_OPT, /* const char * (kind, type_comment) */
    PYAST_F_INT,
    PYAST_F_CONST, /* pyast_constant */
    PYAST_F_CTX,   /* pyast_expr_context */
    PYAST_F_BOOLOP,
    PYAST_F_OPERATOR,
    PYAST_F_UNARYOP,
    PYAST_F_CMPOPS, /* pyast_seq * of pyast_cmpop */
} pyast_field_type;

typedef struct pyast_field {
    const char *name;
    pyast_field_type type;
    unsigned short offset; /* from the start of pyast_node */
} pyast_field;

typedef struct pyast_kind_desc {
    const char *name;     /* the Python class name */
    const char *category; /* "stmt", "expr", "arguments", ... */
    int has_position;     /* CPython gives it lineno/col_offset/... */
    int nfields;
    const pyast_field *fields;
} pyast_kind_desc;

const pyast_kind_desc *pyast_kind_info(pyast_kind kind);

/* names of the enumeration members ("Load", "Add", "NotIn", ...) */
const char *pyast_ctx_name(pyast_expr_context c);
const char *pyast_boolop_name(pyast_boolop op);
const char *pyast_operator_name(pyast_operator op);
const char *pyast_unaryop_name(pyast_unaryop op);
const char *pyast_cmpop_name(pyast_cmpop op);

#endif
