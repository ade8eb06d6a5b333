/* compile.c -- pass 2 of the compiler: the AST of each scope becomes
 * blocks of instructions (compile_internal.h), with Python's evaluation
 * order and CPython 3.11's shapes for calls, comprehensions (hidden
 * functions), try/except/finally (exception-table ranges opened and
 * closed by pseudo-instructions), with, and loops.  break, continue and
 * return run the enclosing finally blocks and with-exits inline.
 * assemble.c turns the blocks into a code object.
 */
#include "compile.h"

#include "../objects/abstract.h"
#include "../objects/exceptionobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "compile_internal.h"
#include "unparse.h"

#include <stdio.h>
#include <string.h>

const char *pysym_mangle(pyast_arena *a, const char *classname,
                         const char *name);

#define SEQ_LEN PYAST_SEQ_LEN
#define SEQ_GET PYAST_SEQ_GET

/* ------------------------------------------------------------ errors */

static bool failed(struct compiler *c)
{
    return c->error != NULL;
}

static void syntax_error(struct compiler *c, pyast_node *at, const char *msg)
{
    if (c->error)
        return;
    c->error = msg;
    if (at) {
        c->error_pos.line = at->lineno;
        c->error_pos.end_line = at->end_lineno;
        c->error_pos.col = at->col_offset;
        c->error_pos.end_col = at->end_col_offset;
    } else {
        c->error_pos = c->u->pos;
    }
}

/* ------------------------------------------------------------ blocks */

static void *grow(struct compiler *c, void *old, int count, int *cap,
                  size_t item)
{
    if (count < *cap)
        return old;
    int ncap = *cap ? *cap * 2 : 16;
    void *p = pyast_alloc(c->arena, (size_t)ncap * item);
    if (old)
        memcpy(p, old, (size_t)count * item);
    *cap = ncap;
    return p;
}

static cblock *new_block(struct compiler *c)
{
    cblock *b = pyast_alloc(c->arena, sizeof(*b));
    b->depth = -1;
    return b;
}

/* b follows the current block in the code */
static void use_block(struct compiler *c, cblock *b)
{
    cunit *u = c->u;
    if (u->last)
        u->last->next = b;
    else
        u->first = b;
    u->last = b;
    u->cur = b;
}

static cinstr *emit_raw(struct compiler *c, int op, int arg, cblock *target)
{
    cblock *b = c->u->cur;
    b->instr = grow(c, b->instr, b->n, &b->cap, sizeof(cinstr));
    cinstr *i = &b->instr[b->n++];
    i->op = op;
    i->arg = arg;
    i->target = target;
    i->pos = c->u->pos;
    return i;
}

static void emit(struct compiler *c, int op, int arg)
{
    emit_raw(c, op, arg, NULL);
}

static void emit0(struct compiler *c, int op)
{
    emit_raw(c, op, 0, NULL);
}

static void emit_jump(struct compiler *c, int op, cblock *target)
{
    emit_raw(c, op, 0, target);
}

/* the position instructions get from now on */
static struct pycode_pos set_pos(struct compiler *c, pyast_node *n)
{
    struct pycode_pos saved = c->u->pos;
    if (n && n->lineno > 0) {
        c->u->pos.line = n->lineno;
        c->u->pos.end_line = n->end_lineno;
        c->u->pos.col = n->col_offset;
        c->u->pos.end_col = n->end_col_offset;
    }
    return saved;
}

/* CPython 3.11: an operation on an attribute that ends on a later line
   than the current position starts at the attribute's name, so that a
   traceback shows the line holding the name */
static void pos_at_attr_name(struct compiler *c, pyast_node *attr)
{
    if (c->u->pos.line == attr->end_lineno)
        return;
    c->u->pos.line = attr->end_lineno;
    /* the name's length in characters, taken from a byte offset */
    int len = 0;
    for (const char *p = attr->v.Attribute.attr; *p; p++)
        len += ((unsigned char)*p & 0xC0) != 0x80;
    if (len <= attr->end_col_offset) {
        c->u->pos.col = attr->end_col_offset - len;
    } else {
        c->u->pos.col = -1;
        c->u->pos.end_col = -1;
    }
}

/* ------------------------------------------------------------ tables */

static uint32_t hash_name(const char *name)
{
    return pycomp_hash_bytes(PYCOMP_HASH_INIT, name, strlen(name));
}

static bool name_eq(const void *array, int pos, const void *key)
{
    return strcmp(((const char *const *)array)[pos], key) == 0;
}

static int add_name_to(struct compiler *c, cnames *t, const char *name)
{
    uint32_t h = hash_name(name);
    int i = pycomp_index_find(&t->index, h, name_eq, t->name, name);
    if (i >= 0)
        return i;
    t->name = grow(c, t->name, t->n, &t->cap, sizeof(const char *));
    t->name[t->n] = name;
    pycomp_index_add(&t->index, c->arena, h, t->n);
    return t->n++;
}

static int find_name(cnames *t, const char *name)
{
    return pycomp_index_find(&t->index, hash_name(name), name_eq, t->name,
                             name);
}

static cconst *new_const(struct compiler *c, enum cconst_kind kind)
{
    cunit *u = c->u;
    u->consts = grow(c, u->consts, u->nconsts, &u->capconsts, sizeof(cconst));
    cconst *k = &u->consts[u->nconsts++];
    memset(k, 0, sizeof(*k));
    k->kind = kind;
    return k;
}

static bool same_ast_const(const pyast_constant *a, const pyast_constant *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case PYAST_CONST_INT:
        return a->base == b->base && a->len == b->len &&
               memcmp(a->s, b->s, a->len) == 0;
    case PYAST_CONST_FLOAT:
    case PYAST_CONST_COMPLEX:
        /* 0.0 and -0.0 are different constants */
        return memcmp(&a->f, &b->f, sizeof(double)) == 0;
    case PYAST_CONST_STR:
    case PYAST_CONST_BYTES:
        return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
    default:
        return true;
    }
}

/* agrees with const_eq: what it compares is what is hashed */
static uint32_t const_hash(const cconst *k)
{
    uint32_t h = pycomp_hash_bytes(PYCOMP_HASH_INIT, &k->kind, sizeof(k->kind));
    const pyast_constant *v = k->ast;
    switch (k->kind) {
    case CCONST_AST:
        h = pycomp_hash_bytes(h, &v->kind, sizeof(v->kind));
        switch (v->kind) {
        case PYAST_CONST_INT:
            h = pycomp_hash_bytes(h, &v->base, sizeof(v->base));
            return pycomp_hash_bytes(h, v->s, v->len);
        case PYAST_CONST_FLOAT:
        case PYAST_CONST_COMPLEX:
            return pycomp_hash_bytes(h, &v->f, sizeof(v->f));
        case PYAST_CONST_STR:
        case PYAST_CONST_BYTES:
            return pycomp_hash_bytes(h, v->s, v->len);
        default:
            return h;
        }
    case CCONST_STR:
        return pycomp_hash_bytes(h, k->str, k->len);
    case CCONST_INT:
        return pycomp_hash_bytes(h, &k->integer, sizeof(k->integer));
    default:
        return h;
    }
}

static bool const_eq(const void *array, int pos, const void *key)
{
    const cconst *a = &((const cconst *)array)[pos], *b = key;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case CCONST_AST:
        return same_ast_const(a->ast, b->ast);
    case CCONST_STR:
        return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
    case CCONST_INT:
        return a->integer == b->integer;
    default:
        return true;
    }
}

/* the index of a constant equal to 'k', added if there is none yet
   (code objects and string tuples are never shared: not through here) */
static int intern_const(struct compiler *c, const cconst *k)
{
    cunit *u = c->u;
    uint32_t h = const_hash(k);
    int i = pycomp_index_find(&u->constindex, h, const_eq, u->consts, k);
    if (i >= 0)
        return i;
    *new_const(c, k->kind) = *k;
    pycomp_index_add(&u->constindex, c->arena, h, u->nconsts - 1);
    return u->nconsts - 1;
}

static int const_ast(struct compiler *c, const pyast_constant *v)
{
    cconst k = {.kind = CCONST_AST, .ast = v};
    return intern_const(c, &k);
}

static int const_none(struct compiler *c)
{
    cconst k = {.kind = CCONST_NONE};
    return intern_const(c, &k);
}

static int const_str(struct compiler *c, const char *s)
{
    cconst k = {.kind = CCONST_STR, .str = s, .len = strlen(s)};
    return intern_const(c, &k);
}

static int const_int(struct compiler *c, long v)
{
    cconst k = {.kind = CCONST_INT, .integer = v};
    return intern_const(c, &k);
}

static int const_strtuple(struct compiler *c, const char **strs, int n)
{
    cconst *k = new_const(c, CCONST_STRTUPLE);
    k->strs = strs;
    k->nstrs = n;
    return c->u->nconsts - 1;
}

static void load_const_none(struct compiler *c)
{
    emit(c, OP_LOAD_CONST, const_none(c));
}

/* ------------------------------------------------------------ units */

static const char *concat3(struct compiler *c, const char *a, const char *b,
                           const char *d)
{
    size_t la = strlen(a), lb = strlen(b), ld = strlen(d);
    char *s = pyast_alloc(c->arena, la + lb + ld + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, d, ld + 1);
    return s;
}

/* CPython's __qualname__: outer.name, with .<locals> after functions;
   a name declared global in the enclosing scope is just the name */
static const char *qualname_for(struct compiler *c, const char *name)
{
    cunit *parent = c->u;
    if (parent == NULL || parent->scope->kind == PYSYM_MODULE)
        return name;
    pysym_entry *e = pysym_lookup(parent->scope, name);
    if (e && e->binding == PYSYM_GLOBAL_EXPLICIT)
        return name;
    if (parent->scope->kind == PYSYM_FUNCTION)
        return concat3(c, parent->qualname, ".<locals>.", name);
    return concat3(c, parent->qualname, ".", name);
}

static void enter_unit(struct compiler *c, pysym_scope *scope, const char *name,
                       int firstlineno)
{
    cunit *u = pyast_alloc(c->arena, sizeof(*u));
    u->scope = scope;
    u->name = name;
    u->qualname = qualname_for(c, name);
    u->firstlineno = firstlineno;
    u->parent = c->u;
    u->flags = c->future.flags & PYCOMP_FUTURE_MASK;
    u->pos.line = firstlineno;
    u->pos.end_line = firstlineno;
    u->pos.col = -1;
    u->pos.end_col = -1;
    /* cells and frees in a stable order: sorted like CPython's */
    for (int i = 0; i < scope->nsyms; i++) {
        pysym_entry *e = &scope->syms[i];
        if (e->binding == PYSYM_CELL)
            add_name_to(c, &u->cellvars, e->name);
    }
    for (int i = 0; i < scope->nsyms; i++) {
        pysym_entry *e = &scope->syms[i];
        if (e->binding == PYSYM_FREE ||
            (scope->kind == PYSYM_CLASS && (e->flags & PYSYM_DEF_FREE_CLASS)))
            add_name_to(c, &u->freevars, e->name);
    }
    c->u = u;
    use_block(c, new_block(c));
}

static cunit *leave_unit(struct compiler *c)
{
    cunit *u = c->u;
    c->u = u->parent;
    return u;
}

/* ------------------------------------------------------------ names */

static const char *mangle(struct compiler *c, const char *name)
{
    for (cunit *u = c->u; u; u = u->parent) {
        if (u->scope->kind == PYSYM_CLASS)
            return pysym_mangle(c->arena, u->scope->name, name);
    }
    return name;
}

static int name_index(struct compiler *c, const char *name)
{
    return add_name_to(c, &c->u->names, name);
}

/* index among cells then frees */
static int deref_index(struct compiler *c, const char *name)
{
    cunit *u = c->u;
    int i = find_name(&u->cellvars, name);
    if (i >= 0)
        return i;
    i = find_name(&u->freevars, name);
    if (i >= 0)
        return u->cellvars.n + i;
    return add_name_to(c, &u->freevars, name) + u->cellvars.n;
}

static int varname_index(struct compiler *c, const char *name)
{
    return add_name_to(c, &c->u->varnames, name);
}

/* __debug__ is a constant: never bound nor deleted (CPython's message,
   at the position of what is being compiled) */
static bool forbidden_name(struct compiler *c, const char *name,
                           pyast_expr_context ctx)
{
    if (ctx == PYAST_Load || strcmp(name, "__debug__") != 0)
        return false;
    syntax_error(c, NULL,
                 ctx == PYAST_Del ? "cannot delete __debug__"
                                  : "cannot assign to __debug__");
    return true;
}

static void compile_name(struct compiler *c, const char *id,
                         pyast_expr_context ctx)
{
    if (forbidden_name(c, id, ctx))
        return;
    const char *name = mangle(c, id);
    cunit *u = c->u;
    pysym_entry *e = pysym_lookup(u->scope, name);
    enum pysym_binding b = e ? e->binding : PYSYM_GLOBAL_IMPLICIT;
    bool in_function = u->scope->kind == PYSYM_FUNCTION;
    int op;
    int arg;
    if (b == PYSYM_FREE || b == PYSYM_CELL) {
        arg = deref_index(c, name);
        if (ctx == PYAST_Load)
            op = u->scope->kind == PYSYM_CLASS ? OP_LOAD_CLASSDEREF
                                               : OP_LOAD_DEREF;
        else if (ctx == PYAST_Store)
            op = OP_STORE_DEREF;
        else
            op = OP_DELETE_DEREF;
        if (op == OP_LOAD_CLASSDEREF)
            name_index(c, name); /* looked up in the dict first */
    } else if (b == PYSYM_LOCAL && in_function) {
        arg = varname_index(c, name);
        op = ctx == PYAST_Load    ? OP_LOAD_FAST
             : ctx == PYAST_Store ? OP_STORE_FAST
                                  : OP_DELETE_FAST;
    } else if (b == PYSYM_GLOBAL_EXPLICIT ||
               (b == PYSYM_GLOBAL_IMPLICIT && in_function)) {
        arg = name_index(c, name);
        op = ctx == PYAST_Load    ? OP_LOAD_GLOBAL
             : ctx == PYAST_Store ? OP_STORE_GLOBAL
                                  : OP_DELETE_GLOBAL;
    } else {
        arg = name_index(c, name);
        op = ctx == PYAST_Load    ? OP_LOAD_NAME
             : ctx == PYAST_Store ? OP_STORE_NAME
                                  : OP_DELETE_NAME;
    }
    emit(c, op, arg);
}

/* ------------------------------------------------------------ expressions */

static void compile_expr(struct compiler *c, pyast_node *e);
static void compile_stmts(struct compiler *c, pyast_seq *body);
void pycomp_stmt(struct compiler *c, pyast_node *s);
static void compile_store(struct compiler *c, pyast_node *target);

static int binop_arg(pyast_operator op)
{
    switch (op) {
    case PYAST_Add:
        return 0; /* PYOP_ADD */
    case PYAST_BitAnd:
        return 1;
    case PYAST_FloorDiv:
        return 2;
    case PYAST_LShift:
        return 3;
    case PYAST_MatMult:
        return 4;
    case PYAST_Mult:
        return 5;
    case PYAST_Mod:
        return 6;
    case PYAST_BitOr:
        return 7;
    case PYAST_Pow:
        return 8;
    case PYAST_RShift:
        return 9;
    case PYAST_Sub:
        return 10;
    case PYAST_Div:
        return 11;
    default: /* BitXor */
        return 12;
    }
}

static bool has_starred(pyast_seq *elts)
{
    for (int i = 0; i < SEQ_LEN(elts); i++) {
        pyast_node *e = SEQ_GET(elts, i);
        if (e->kind == PYAST_Starred)
            return true;
    }
    return false;
}

/* [a, *b, c] as BUILD_LIST + LIST_APPEND/LIST_EXTEND ... */
static void compile_sequence(struct compiler *c, pyast_seq *elts, int build_op,
                             bool tuple)
{
    int n = SEQ_LEN(elts);
    if (!has_starred(elts)) {
        for (int i = 0; i < n; i++)
            compile_expr(c, SEQ_GET(elts, i));
        emit(c, build_op, n);
        return;
    }
    int collect = build_op == OP_BUILD_SET ? OP_BUILD_SET : OP_BUILD_LIST;
    int add = build_op == OP_BUILD_SET ? OP_SET_ADD : OP_LIST_APPEND;
    int extend = build_op == OP_BUILD_SET ? OP_SET_UPDATE : OP_LIST_EXTEND;
    emit(c, collect, 0);
    for (int i = 0; i < n; i++) {
        pyast_node *e = SEQ_GET(elts, i);
        if (e->kind == PYAST_Starred) {
            compile_expr(c, e->v.Starred.value);
            emit(c, extend, 1);
        } else {
            compile_expr(c, e);
            emit(c, add, 1);
        }
    }
    if (tuple)
        emit0(c, OP_LIST_TO_TUPLE);
}

static void compile_dict(struct compiler *c, pyast_node *e)
{
    int n = SEQ_LEN(e->v.Dict.keys);
    int pending = 0;
    bool built = false;
    for (int i = 0; i < n; i++) {
        pyast_node *k = SEQ_GET(e->v.Dict.keys, i);
        if (k == NULL) { /* **mapping */
            if (pending || !built) {
                emit(c, OP_BUILD_MAP, pending);
                if (built)
                    emit(c, OP_DICT_UPDATE, 1);
                built = true;
                pending = 0;
            }
            compile_expr(c, SEQ_GET(e->v.Dict.values, i));
            emit(c, OP_DICT_UPDATE, 1);
            continue;
        }
        compile_expr(c, k);
        compile_expr(c, SEQ_GET(e->v.Dict.values, i));
        pending++;
    }
    if (!built || pending) {
        emit(c, OP_BUILD_MAP, pending);
        if (built)
            emit(c, OP_DICT_UPDATE, 1);
    }
}

static void compile_compare(struct compiler *c, pyast_node *e)
{
    int n = SEQ_LEN(e->v.Compare.ops);
    compile_expr(c, e->v.Compare.left);
    cblock *cleanup = n > 1 ? new_block(c) : NULL;
    for (int i = 0; i < n; i++) {
        int op = PYAST_SEQ_OP(e->v.Compare.ops, i);
        compile_expr(c, SEQ_GET(e->v.Compare.comparators, i));
        if (i < n - 1) {
            emit(c, OP_SWAP, 2);
            emit(c, OP_COPY, 2);
        }
        switch (op) {
        case PYAST_Eq:
            emit(c, OP_COMPARE_OP, 2);
            break;
        case PYAST_NotEq:
            emit(c, OP_COMPARE_OP, 3);
            break;
        case PYAST_Lt:
            emit(c, OP_COMPARE_OP, 0);
            break;
        case PYAST_LtE:
            emit(c, OP_COMPARE_OP, 1);
            break;
        case PYAST_Gt:
            emit(c, OP_COMPARE_OP, 4);
            break;
        case PYAST_GtE:
            emit(c, OP_COMPARE_OP, 5);
            break;
        case PYAST_Is:
            emit(c, OP_IS_OP, 0);
            break;
        case PYAST_IsNot:
            emit(c, OP_IS_OP, 1);
            break;
        case PYAST_In:
            emit(c, OP_CONTAINS_OP, 0);
            break;
        default: /* NotIn */
            emit(c, OP_CONTAINS_OP, 1);
            break;
        }
        if (i < n - 1)
            emit_jump(c, OP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
    if (n > 1) {
        cblock *end = new_block(c);
        emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, end);
        use_block(c, cleanup);
        emit(c, OP_SWAP, 2);
        emit0(c, OP_POP_TOP);
        use_block(c, end);
    }
}

static void compile_boolop(struct compiler *c, pyast_node *e)
{
    int op = e->v.BoolOp.op == PYAST_And ? OP_JUMP_IF_FALSE_OR_POP
                                         : OP_JUMP_IF_TRUE_OR_POP;
    cblock *end = new_block(c);
    int n = SEQ_LEN(e->v.BoolOp.values);
    for (int i = 0; i < n - 1; i++) {
        compile_expr(c, SEQ_GET(e->v.BoolOp.values, i));
        emit_jump(c, op, end);
    }
    compile_expr(c, SEQ_GET(e->v.BoolOp.values, n - 1));
    use_block(c, end);
}

/* keyword names of a call as a constant tuple */
static void emit_kw_names(struct compiler *c, pyast_seq *keywords)
{
    int n = SEQ_LEN(keywords);
    const char **names = pyast_alloc(c->arena, (size_t)n * sizeof(char *));
    for (int i = 0; i < n; i++) {
        pyast_node *k = SEQ_GET(keywords, i);
        names[i] = k->v.keyword.arg;
    }
    emit(c, OP_KW_NAMES, const_strtuple(c, names, n));
}

static void check_keywords(struct compiler *c, pyast_seq *keywords)
{
    for (int i = 0; i < SEQ_LEN(keywords); i++) {
        pyast_node *k = SEQ_GET(keywords, i);
        if (k->v.keyword.arg == NULL)
            continue;
        if (forbidden_name(c, k->v.keyword.arg, PYAST_Store))
            return;
        for (int j = i + 1; j < SEQ_LEN(keywords); j++) {
            pyast_node *other = SEQ_GET(keywords, j);
            if (other->v.keyword.arg &&
                strcmp(other->v.keyword.arg, k->v.keyword.arg) == 0) {
                char buf[200];
                snprintf(buf, sizeof(buf), "keyword argument repeated: %s",
                         k->v.keyword.arg);
                syntax_error(c, other,
                             pyast_strndup(c->arena, buf, strlen(buf)));
                return;
            }
        }
    }
}

/* The arguments of a call whose callable (and NULL or self) are on the
   stack already. */
static void compile_call_args(struct compiler *c, pyast_seq *args,
                              pyast_seq *keywords, int extra_positional)
{
    check_keywords(c, keywords);
    bool simple = !has_starred(args);
    for (int i = 0; i < SEQ_LEN(keywords) && simple; i++) {
        pyast_node *k = SEQ_GET(keywords, i);
        if (k->v.keyword.arg == NULL)
            simple = false;
    }
    if (simple) {
        int n = SEQ_LEN(args);
        for (int i = 0; i < n; i++)
            compile_expr(c, SEQ_GET(args, i));
        int nk = SEQ_LEN(keywords);
        for (int i = 0; i < nk; i++) {
            pyast_node *k = SEQ_GET(keywords, i);
            compile_expr(c, k->v.keyword.value);
        }
        if (nk > 0)
            emit_kw_names(c, keywords);
        emit(c, OP_CALL, extra_positional + n + nk);
        return;
    }
    /* *args / **kwargs: a tuple and a dict; a lone *x goes as it is
       (CALL_FUNCTION_EX makes the tuple, naming the function in errors) */
    pyast_node *only = SEQ_LEN(args) == 1 ? SEQ_GET(args, 0) : NULL;
    if (only && only->kind == PYAST_Starred)
        compile_expr(c, only->v.Starred.value);
    else
        compile_sequence(c, args, OP_BUILD_TUPLE, true);
    int nk = SEQ_LEN(keywords);
    if (nk > 0) {
        int pending = 0;
        bool built = false;
        for (int i = 0; i < nk; i++) {
            pyast_node *k = SEQ_GET(keywords, i);
            if (k->v.keyword.arg == NULL) {
                if (pending || !built) {
                    emit(c, OP_BUILD_MAP, pending);
                    if (built)
                        emit(c, OP_DICT_MERGE, 1);
                    built = true;
                    pending = 0;
                }
                compile_expr(c, k->v.keyword.value);
                emit(c, OP_DICT_MERGE, 1);
            } else {
                emit(c, OP_LOAD_CONST, const_str(c, k->v.keyword.arg));
                compile_expr(c, k->v.keyword.value);
                pending++;
            }
        }
        if (pending) {
            emit(c, OP_BUILD_MAP, pending);
            if (built)
                emit(c, OP_DICT_MERGE, 1);
        }
    }
    emit(c, OP_CALL_FUNCTION_EX, nk > 0);
}

static void compile_call(struct compiler *c, pyast_node *e)
{
    pyast_node *f = e->v.Call.func;
    /* obj.meth(...): LOAD_METHOD avoids making a bound method */
    if (f->kind == PYAST_Attribute && !has_starred(e->v.Call.args)) {
        bool kwstar = false;
        for (int i = 0; i < SEQ_LEN(e->v.Call.keywords); i++) {
            pyast_node *k = SEQ_GET(e->v.Call.keywords, i);
            kwstar |= k->v.keyword.arg == NULL;
        }
        if (!kwstar) {
            compile_expr(c, f->v.Attribute.value);
            struct pycode_pos saved = set_pos(c, f);
            pos_at_attr_name(c, f);
            emit(c, OP_LOAD_METHOD,
                 name_index(c, mangle(c, f->v.Attribute.attr)));
            c->u->pos = saved;
            pos_at_attr_name(c, f);
            compile_call_args(c, e->v.Call.args, e->v.Call.keywords, 0);
            c->u->pos = saved;
            return;
        }
    }
    compile_expr(c, f);
    emit0(c, OP_PUSH_NULL);
    compile_call_args(c, e->v.Call.args, e->v.Call.keywords, 0);
}

static void compile_slice_part(struct compiler *c, pyast_node *part)
{
    if (part)
        compile_expr(c, part);
    else
        load_const_none(c);
}

static void compile_subscript_key(struct compiler *c, pyast_node *slice)
{
    if (slice->kind == PYAST_Slice) {
        compile_slice_part(c, slice->v.Slice.lower);
        compile_slice_part(c, slice->v.Slice.upper);
        if (slice->v.Slice.step) {
            compile_expr(c, slice->v.Slice.step);
            emit(c, OP_BUILD_SLICE, 3);
        } else {
            emit(c, OP_BUILD_SLICE, 2);
        }
    } else {
        compile_expr(c, slice);
    }
}

static void compile_fstring(struct compiler *c, pyast_node *e)
{
    int n = SEQ_LEN(e->v.JoinedStr.values);
    for (int i = 0; i < n; i++)
        compile_expr(c, SEQ_GET(e->v.JoinedStr.values, i));
    if (n != 1 || ((pyast_node *)SEQ_GET(e->v.JoinedStr.values, 0))->kind !=
                      PYAST_FormattedValue)
        emit(c, OP_BUILD_STRING, n);
    if (n == 0) {
        /* f"" is the empty string */
        c->u->cur->n--;
        emit(c, OP_LOAD_CONST, const_str(c, ""));
    }
}

static void compile_formatted(struct compiler *c, pyast_node *e)
{
    compile_expr(c, e->v.FormattedValue.value);
    int flags = 0;
    switch (e->v.FormattedValue.conversion) {
    case 's':
        flags = 1;
        break;
    case 'r':
        flags = 2;
        break;
    case 'a':
        flags = 3;
        break;
    default:
        break;
    }
    if (e->v.FormattedValue.format_spec) {
        compile_expr(c, e->v.FormattedValue.format_spec);
        flags |= 4;
    }
    emit(c, OP_FORMAT_VALUE, flags);
}

/* def, async def and lambda: the defaults and annotations evaluated
   here, the body compiled into a unit of its own; leaves the function
   on the stack */
static void compile_function_body(struct compiler *c, pyast_node *node,
                                  pyast_node *args, pyast_seq *body,
                                  pyast_node *lambda_body, const char *name);
static void compile_comprehension(struct compiler *c, pyast_node *e);

static bool in_function(struct compiler *c)
{
    return c->u->scope->kind == PYSYM_FUNCTION;
}

static void compile_expr(struct compiler *c, pyast_node *e)
{
    if (failed(c))
        return;
    struct pycode_pos saved = set_pos(c, e);
    switch (e->kind) {
    case PYAST_BoolOp:
        compile_boolop(c, e);
        break;
    case PYAST_NamedExpr:
        compile_expr(c, e->v.NamedExpr.value);
        emit(c, OP_COPY, 1);
        compile_store(c, e->v.NamedExpr.target);
        break;
    case PYAST_BinOp:
        compile_expr(c, e->v.BinOp.left);
        compile_expr(c, e->v.BinOp.right);
        emit(c, OP_BINARY_OP, binop_arg(e->v.BinOp.op));
        break;
    case PYAST_UnaryOp:
        compile_expr(c, e->v.UnaryOp.operand);
        switch (e->v.UnaryOp.op) {
        case PYAST_Invert:
            emit0(c, OP_UNARY_INVERT);
            break;
        case PYAST_Not:
            emit0(c, OP_UNARY_NOT);
            break;
        case PYAST_UAdd:
            emit0(c, OP_UNARY_POSITIVE);
            break;
        default:
            emit0(c, OP_UNARY_NEGATIVE);
            break;
        }
        break;
    case PYAST_Lambda:
        compile_function_body(c, e, e->v.Lambda.args, NULL, e->v.Lambda.body,
                              "<lambda>");
        break;
    case PYAST_IfExp: {
        cblock *orelse = new_block(c), *end = new_block(c);
        compile_expr(c, e->v.IfExp.test);
        emit_jump(c, OP_POP_JUMP_IF_FALSE, orelse);
        compile_expr(c, e->v.IfExp.body);
        emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, end);
        use_block(c, orelse);
        compile_expr(c, e->v.IfExp.orelse);
        use_block(c, end);
        break;
    }
    case PYAST_Dict:
        compile_dict(c, e);
        break;
    case PYAST_Set:
        compile_sequence(c, e->v.Set.elts, OP_BUILD_SET, false);
        break;
    case PYAST_ListComp:
    case PYAST_SetComp:
    case PYAST_DictComp:
    case PYAST_GeneratorExp:
        compile_comprehension(c, e);
        break;
    case PYAST_Await:
        syntax_error(c, e, "'await' is not supported by pystm yet");
        break;
    case PYAST_Yield:
        if (!in_function(c)) {
            syntax_error(c, e, "'yield' outside function");
            break;
        }
        if (e->v.Yield.value)
            compile_expr(c, e->v.Yield.value);
        else
            load_const_none(c);
        emit0(c, OP_YIELD_VALUE);
        break;
    case PYAST_YieldFrom: {
        if (!in_function(c)) {
            syntax_error(c, e, "'yield' outside function");
            break;
        }
        compile_expr(c, e->v.YieldFrom.value);
        emit0(c, OP_GET_YIELD_FROM_ITER);
        load_const_none(c);
        cblock *loop = new_block(c), *exit = new_block(c);
        use_block(c, loop);
        emit_jump(c, OP_SEND, exit);
        emit0(c, OP_YIELD_VALUE);
        emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, loop);
        use_block(c, exit);
        break;
    }
    case PYAST_Compare:
        compile_compare(c, e);
        break;
    case PYAST_Call:
        compile_call(c, e);
        break;
    case PYAST_FormattedValue:
        compile_formatted(c, e);
        break;
    case PYAST_JoinedStr:
        compile_fstring(c, e);
        break;
    case PYAST_Constant:
        if (e->v.Constant.value.kind == PYAST_CONST_NONE)
            load_const_none(c);
        else
            emit(c, OP_LOAD_CONST, const_ast(c, &e->v.Constant.value));
        break;
    case PYAST_Attribute:
        compile_expr(c, e->v.Attribute.value);
        set_pos(c, e);
        pos_at_attr_name(c, e);
        if (e->v.Attribute.ctx == PYAST_Load)
            emit(c, OP_LOAD_ATTR,
                 name_index(c, mangle(c, e->v.Attribute.attr)));
        break;
    case PYAST_Subscript:
        compile_expr(c, e->v.Subscript.value);
        compile_subscript_key(c, e->v.Subscript.slice);
        if (e->v.Subscript.ctx == PYAST_Load)
            emit0(c, OP_BINARY_SUBSCR);
        break;
    case PYAST_Starred:
        syntax_error(c, e, "can't use starred expression here");
        break;
    case PYAST_Name:
        compile_name(c, e->v.Name.id, e->v.Name.ctx);
        break;
    case PYAST_List:
        if (e->v.List.ctx == PYAST_Load)
            compile_sequence(c, e->v.List.elts, OP_BUILD_LIST, false);
        break;
    case PYAST_Tuple:
        if (e->v.Tuple.ctx == PYAST_Load)
            compile_sequence(c, e->v.Tuple.elts, OP_BUILD_TUPLE, true);
        break;
    case PYAST_Slice:
        compile_slice_part(c, e->v.Slice.lower);
        compile_slice_part(c, e->v.Slice.upper);
        if (e->v.Slice.step) {
            compile_expr(c, e->v.Slice.step);
            emit(c, OP_BUILD_SLICE, 3);
        } else {
            emit(c, OP_BUILD_SLICE, 2);
        }
        break;
    default:
        syntax_error(c, e, "unsupported expression");
        break;
    }
    c->u->pos = saved;
}

/* ------------------------------------------------------------ stores */

static void compile_unpack(struct compiler *c, pyast_node *target,
                           pyast_seq *elts)
{
    int n = SEQ_LEN(elts), star = -1;
    for (int i = 0; i < n; i++) {
        pyast_node *e = SEQ_GET(elts, i);
        if (e->kind == PYAST_Starred) {
            if (star >= 0) {
                /* CPython points at the whole target */
                syntax_error(c, target,
                             "multiple starred expressions in assignment");
                return;
            }
            star = i;
        }
    }
    if (star >= 0) {
        if (star >= 256 || n - star - 1 >= (1 << 16)) {
            syntax_error(c, target,
                         "too many expressions in star-unpacking assignment");
            return;
        }
        emit(c, OP_UNPACK_EX, star | ((n - star - 1) << 8));
    } else {
        emit(c, OP_UNPACK_SEQUENCE, n);
    }
    for (int i = 0; i < n; i++) {
        pyast_node *e = SEQ_GET(elts, i);
        compile_store(c, e->kind == PYAST_Starred ? e->v.Starred.value : e);
    }
}

/* stores the top of the stack into 'target' */
static void compile_store(struct compiler *c, pyast_node *t)
{
    if (failed(c))
        return;
    struct pycode_pos saved = set_pos(c, t);
    switch (t->kind) {
    case PYAST_Name:
        compile_name(c, t->v.Name.id, PYAST_Store);
        break;
    case PYAST_Attribute:
        if (forbidden_name(c, t->v.Attribute.attr, PYAST_Store))
            break;
        compile_expr(c, t->v.Attribute.value);
        set_pos(c, t);
        pos_at_attr_name(c, t);
        emit(c, OP_STORE_ATTR, name_index(c, mangle(c, t->v.Attribute.attr)));
        break;
    case PYAST_Subscript:
        compile_expr(c, t->v.Subscript.value);
        compile_subscript_key(c, t->v.Subscript.slice);
        emit0(c, OP_STORE_SUBSCR);
        break;
    case PYAST_Tuple:
        compile_unpack(c, t, t->v.Tuple.elts);
        break;
    case PYAST_List:
        compile_unpack(c, t, t->v.List.elts);
        break;
    case PYAST_Starred:
        syntax_error(c, t,
                     "starred assignment target must be in a list or tuple");
        break;
    default:
        syntax_error(c, t, "cannot assign to expression");
        break;
    }
    c->u->pos = saved;
}

static void compile_delete(struct compiler *c, pyast_node *t)
{
    struct pycode_pos saved = set_pos(c, t);
    switch (t->kind) {
    case PYAST_Name:
        compile_name(c, t->v.Name.id, PYAST_Del);
        break;
    case PYAST_Attribute:
        compile_expr(c, t->v.Attribute.value);
        pos_at_attr_name(c, t);
        emit(c, OP_DELETE_ATTR, name_index(c, mangle(c, t->v.Attribute.attr)));
        break;
    case PYAST_Subscript:
        compile_expr(c, t->v.Subscript.value);
        compile_subscript_key(c, t->v.Subscript.slice);
        emit0(c, OP_DELETE_SUBSCR);
        break;
    case PYAST_Tuple:
    case PYAST_List: {
        pyast_seq *elts =
            t->kind == PYAST_Tuple ? t->v.Tuple.elts : t->v.List.elts;
        for (int i = 0; i < SEQ_LEN(elts); i++)
            compile_delete(c, SEQ_GET(elts, i));
        break;
    }
    default:
        syntax_error(c, t, "cannot delete expression");
        break;
    }
    c->u->pos = saved;
}

/* ------------------------------------------------------------ functions */

static void add_args(struct compiler *c, pyast_seq *args)
{
    for (int i = 0; i < SEQ_LEN(args); i++) {
        pyast_node *a = SEQ_GET(args, i);
        varname_index(c, mangle(c, a->v.arg.arg));
    }
}

/* "from __future__ import annotations": annotations are kept as their
   source text, never evaluated */
static bool string_annotations(struct compiler *c)
{
    return (c->future.flags & PYCOMP_FUTURE_ANNOTATIONS) != 0;
}

static void compile_annotation_string(struct compiler *c, pyast_node *ann)
{
    pyast_node *at;
    const char *misuse = pycomp_annotation_misuse(ann, &at);
    if (misuse) {
        syntax_error(c, at, misuse);
        return;
    }
    const char *text = pycomp_unparse(c->arena, ann);
    if (text == NULL) {
        /* a MemoryError, kept for pycomp_compile_flags */
        c->unparse_failed = true;
        syntax_error(c, ann, "out of memory");
        return;
    }
    emit(c, OP_LOAD_CONST, const_str(c, text));
}

/* pushes the tuple of name, value pairs; returns false if none */
static bool annotation_pair(struct compiler *c, pyast_node *a, int *count)
{
    if (a == NULL || a->v.arg.annotation == NULL)
        return false;
    emit(c, OP_LOAD_CONST, const_str(c, mangle(c, a->v.arg.arg)));
    pyast_node *ann = a->v.arg.annotation;
    if (string_annotations(c)) {
        compile_annotation_string(c, ann);
    } else if (ann->kind == PYAST_Starred) {
        /* *args: *Ts (PEP 646): the one value that *Ts unpacks to */
        compile_expr(c, ann->v.Starred.value);
        emit(c, OP_UNPACK_SEQUENCE, 1);
    } else {
        compile_expr(c, ann);
    }
    *count += 2;
    return true;
}

static int compile_annotations(struct compiler *c, pyast_node *args,
                               pyast_node *returns)
{
    int count = 0;
    if (args) {
        pyast_seq *lists[3] = {args->v.arguments.posonlyargs,
                               args->v.arguments.args,
                               args->v.arguments.kwonlyargs};
        for (int l = 0; l < 2; l++) {
            for (int i = 0; i < SEQ_LEN(lists[l]); i++)
                annotation_pair(c, SEQ_GET(lists[l], i), &count);
        }
        annotation_pair(c, args->v.arguments.vararg, &count);
        for (int i = 0; i < SEQ_LEN(lists[2]); i++)
            annotation_pair(c, SEQ_GET(lists[2], i), &count);
        annotation_pair(c, args->v.arguments.kwarg, &count);
    }
    if (returns) {
        emit(c, OP_LOAD_CONST, const_str(c, "return"));
        if (string_annotations(c))
            compile_annotation_string(c, returns);
        else
            compile_expr(c, returns);
        count += 2;
    }
    if (count > 0)
        emit(c, OP_BUILD_TUPLE, count);
    return count;
}

/* pushes the cells an inner code object needs; returns whether any */
static bool load_closure(struct compiler *c, cunit *inner)
{
    int n = inner->freevars.n;
    if (n == 0)
        return false;
    for (int i = 0; i < n; i++) {
        const char *name = inner->freevars.name[i];
        /* a class's own __class__ cell, or a cell/free of ours */
        emit(c, OP_LOAD_CLOSURE, deref_index(c, name));
    }
    emit(c, OP_BUILD_TUPLE, n);
    return true;
}

static void make_function(struct compiler *c, cunit *inner, int flags)
{
    if (load_closure(c, inner))
        flags |= PYVM_MAKE_CLOSURE;
    cconst *k = new_const(c, CCONST_CODE);
    k->code = inner;
    emit(c, OP_LOAD_CONST, c->u->nconsts - 1);
    emit(c, OP_MAKE_FUNCTION, flags);
}

static bool is_docstring(pyast_node *s)
{
    return s && s->kind == PYAST_Expr &&
           s->v.Expr.value->kind == PYAST_Constant &&
           s->v.Expr.value->v.Constant.value.kind == PYAST_CONST_STR;
}

/* binding __debug__ as a parameter is an error */
static void check_debug_args(struct compiler *c, pyast_seq *args)
{
    for (int i = 0; i < SEQ_LEN(args); i++) {
        pyast_node *a = SEQ_GET(args, i);
        forbidden_name(c, a->v.arg.arg, PYAST_Store);
    }
}

/* co_firstlineno: a decorated definition starts at its first decorator */
static int first_line(pyast_node *def, pyast_seq *decorators)
{
    if (SEQ_LEN(decorators) > 0)
        return ((pyast_node *)SEQ_GET(decorators, 0))->lineno;
    return def->lineno;
}

static void compile_function_body(struct compiler *c, pyast_node *node,
                                  pyast_node *args, pyast_seq *body,
                                  pyast_node *lambda_body, const char *name)
{
    int flags = 0;
    if (args) {
        /* no parameter may be called __debug__ */
        check_debug_args(c, args->v.arguments.posonlyargs);
        check_debug_args(c, args->v.arguments.args);
        if (args->v.arguments.vararg)
            forbidden_name(c, args->v.arguments.vararg->v.arg.arg, PYAST_Store);
        check_debug_args(c, args->v.arguments.kwonlyargs);
        if (args->v.arguments.kwarg)
            forbidden_name(c, args->v.arguments.kwarg->v.arg.arg, PYAST_Store);
        if (failed(c))
            return;
    }
    /* positional defaults: a tuple */
    if (args && SEQ_LEN(args->v.arguments.defaults) > 0) {
        for (int i = 0; i < SEQ_LEN(args->v.arguments.defaults); i++)
            compile_expr(c, SEQ_GET(args->v.arguments.defaults, i));
        emit(c, OP_BUILD_TUPLE, SEQ_LEN(args->v.arguments.defaults));
        flags |= PYVM_MAKE_DEFAULTS;
    }
    /* keyword-only defaults: a dict */
    if (args) {
        int n = 0;
        for (int i = 0; i < SEQ_LEN(args->v.arguments.kwonlyargs); i++) {
            pyast_node *d = SEQ_GET(args->v.arguments.kw_defaults, i);
            if (d == NULL)
                continue;
            pyast_node *a = SEQ_GET(args->v.arguments.kwonlyargs, i);
            emit(c, OP_LOAD_CONST, const_str(c, mangle(c, a->v.arg.arg)));
            compile_expr(c, d);
            n++;
        }
        if (n > 0) {
            emit(c, OP_BUILD_MAP, n);
            flags |= PYVM_MAKE_KWDEFAULTS;
        }
    }
    if (node->kind != PYAST_Lambda &&
        compile_annotations(c, args, node->v.FunctionDef.returns) > 0)
        flags |= PYVM_MAKE_ANNOTATIONS;
    if (failed(c))
        return;

    pysym_scope *scope = pysym_child_for(c->u->scope, node);
    enter_unit(c, scope, name,
               node->kind == PYAST_Lambda
                   ? node->lineno
                   : first_line(node, node->v.FunctionDef.decorator_list));
    cunit *u = c->u;
    if (args) {
        add_args(c, args->v.arguments.posonlyargs);
        add_args(c, args->v.arguments.args);
        add_args(c, args->v.arguments.kwonlyargs);
        u->posonlyargcount = SEQ_LEN(args->v.arguments.posonlyargs);
        u->argcount = u->posonlyargcount + SEQ_LEN(args->v.arguments.args);
        u->kwonlyargcount = SEQ_LEN(args->v.arguments.kwonlyargs);
        if (args->v.arguments.vararg) {
            varname_index(c, mangle(c, args->v.arguments.vararg->v.arg.arg));
            u->flags |= PYCODE_VARARGS;
        }
        if (args->v.arguments.kwarg) {
            varname_index(c, mangle(c, args->v.arguments.kwarg->v.arg.arg));
            u->flags |= PYCODE_VARKEYWORDS;
        }
    }
    u->flags |= PYCODE_OPTIMIZED | PYCODE_NEWLOCALS;
    if (scope->is_generator)
        u->flags |= PYCODE_GENERATOR;
    if (c->u->parent && c->u->parent->scope->kind == PYSYM_FUNCTION)
        u->flags |= PYCODE_NESTED;
    if (lambda_body) {
        /* a lambda's docstring slot holds nothing */
        const_none(c);
        compile_expr(c, lambda_body);
        if (scope->is_generator)
            emit0(c, OP_POP_TOP), load_const_none(c);
        emit0(c, OP_RETURN_VALUE);
    } else {
        int start = 0;
        pyast_node *first = SEQ_LEN(body) ? SEQ_GET(body, 0) : NULL;
        if (is_docstring(first)) {
            cconst *k = new_const(c, CCONST_AST);
            k->ast = &first->v.Expr.value->v.Constant.value;
            start = 1;
        } else {
            const_none(c);
        }
        for (int i = start; i < SEQ_LEN(body) && !failed(c); i++)
            pycomp_stmt(c, SEQ_GET(body, i));
        /* falling off the end returns None */
        c->u->pos.line = 0;
        load_const_none(c);
        emit0(c, OP_RETURN_VALUE);
    }
    cunit *inner = leave_unit(c);
    if (!failed(c))
        make_function(c, inner, flags);
}

/* ------------------------------------------------------------ comprehensions
 */

static void comprehension_generator(struct compiler *c, pyast_node *e,
                                    pyast_seq *generators, int index, int depth)
{
    pyast_node *g = SEQ_GET(generators, index);
    cblock *start = new_block(c), *anchor = new_block(c),
           *if_cleanup = new_block(c);
    if (index == 0) {
        emit(c, OP_LOAD_FAST, 0); /* .0: the iterator passed in */
    } else {
        compile_expr(c, g->v.comprehension.iter);
        emit0(c, OP_GET_ITER);
    }
    use_block(c, start);
    emit_jump(c, OP_FOR_ITER, anchor);
    compile_store(c, g->v.comprehension.target);
    for (int i = 0; i < SEQ_LEN(g->v.comprehension.ifs); i++) {
        compile_expr(c, SEQ_GET(g->v.comprehension.ifs, i));
        emit_jump(c, OP_POP_JUMP_IF_FALSE, if_cleanup);
    }
    if (index + 1 < SEQ_LEN(generators)) {
        comprehension_generator(c, e, generators, index + 1, depth + 1);
    } else {
        switch (e->kind) {
        case PYAST_GeneratorExp:
            compile_expr(c, e->v.GeneratorExp.elt);
            emit0(c, OP_YIELD_VALUE);
            emit0(c, OP_POP_TOP);
            break;
        case PYAST_ListComp:
            compile_expr(c, e->v.ListComp.elt);
            emit(c, OP_LIST_APPEND, depth + 2);
            break;
        case PYAST_SetComp:
            compile_expr(c, e->v.SetComp.elt);
            emit(c, OP_SET_ADD, depth + 2);
            break;
        default: /* DictComp */
            compile_expr(c, e->v.DictComp.key);
            compile_expr(c, e->v.DictComp.value);
            emit(c, OP_MAP_ADD, depth + 2);
            break;
        }
    }
    use_block(c, if_cleanup);
    emit_jump(c, OP_JUMP, start);
    use_block(c, anchor);
}

static void compile_comprehension(struct compiler *c, pyast_node *e)
{
    pyast_seq *generators;
    const char *name;
    int build = -1;
    switch (e->kind) {
    case PYAST_ListComp:
        generators = e->v.ListComp.generators;
        name = "<listcomp>";
        build = OP_BUILD_LIST;
        break;
    case PYAST_SetComp:
        generators = e->v.SetComp.generators;
        name = "<setcomp>";
        build = OP_BUILD_SET;
        break;
    case PYAST_DictComp:
        generators = e->v.DictComp.generators;
        name = "<dictcomp>";
        build = OP_BUILD_MAP;
        break;
    default:
        generators = e->v.GeneratorExp.generators;
        name = "<genexpr>";
        break;
    }
    for (int i = 0; i < SEQ_LEN(generators); i++) {
        pyast_node *g = SEQ_GET(generators, i);
        if (g->v.comprehension.is_async) {
            syntax_error(c, e,
                         "asynchronous comprehensions are not supported by "
                         "pystm yet");
            return;
        }
    }
    pysym_scope *scope = pysym_child_for(c->u->scope, e);
    enter_unit(c, scope, name, e->lineno);
    c->u->pos = c->u->parent->pos;
    c->u->argcount = 1;
    varname_index(c, ".0");
    c->u->flags |= PYCODE_OPTIMIZED | PYCODE_NEWLOCALS;
    if (scope->is_generator)
        c->u->flags |= PYCODE_GENERATOR;
    if (build >= 0)
        emit(c, build, 0);
    comprehension_generator(c, e, generators, 0, 0);
    if (build < 0)
        load_const_none(c);
    emit0(c, OP_RETURN_VALUE);
    cunit *inner = leave_unit(c);
    if (failed(c))
        return;
    make_function(c, inner, 0);
    emit0(c, OP_PUSH_NULL);
    pyast_node *first = SEQ_GET(generators, 0);
    compile_expr(c, first->v.comprehension.iter);
    emit0(c, OP_GET_ITER);
    emit(c, OP_CALL, 1);
}

/* ------------------------------------------------------------ statements */

static struct fblock *push_fblock(struct compiler *c, int kind, cblock *b,
                                  cblock *exit, pyast_node *datum)
{
    cunit *u = c->u;
    if (u->nfblocks == PYCOMP_MAX_BLOCKS) {
        syntax_error(c, NULL, "too many statically nested blocks");
        return NULL;
    }
    struct fblock *f = &u->fblock[u->nfblocks++];
    f->kind = kind;
    f->block = b;
    f->exit = exit;
    f->datum = datum;
    return f;
}

static void pop_fblock(struct compiler *c)
{
    c->u->nfblocks--;
}

static void call_exit_with_nones(struct compiler *c)
{
    emit0(c, OP_PUSH_NULL);
    load_const_none(c);
    load_const_none(c);
    load_const_none(c);
    emit(c, OP_CALL, 3);
}

/* Leaves one block on the way out of break/continue/return (with the
   return value on top when preserve_tos). */
static void unwind_fblock(struct compiler *c, struct fblock *f,
                          bool preserve_tos)
{
    switch (f->kind) {
    case FB_WHILE:
    case FB_EXCEPTION_HANDLER:
        break;
    case FB_FOR:
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit0(c, OP_POP_TOP);
        break;
    case FB_TRY_EXCEPT:
        emit0(c, PSEUDO_POP_BLOCK);
        break;
    case FB_FINALLY_TRY: {
        /* the finally body runs outside this block's range; the caller
           has hidden this block and those inside it */
        emit0(c, PSEUDO_POP_BLOCK);
        cunit *u = c->u;
        int n = u->nfblocks;
        if (preserve_tos)
            push_fblock(c, FB_POP_VALUE, NULL, NULL, NULL);
        pyast_seq *final = (pyast_seq *)f->datum;
        for (int i = 0; i < SEQ_LEN(final); i++)
            pycomp_stmt(c, SEQ_GET(final, i));
        u->nfblocks = n;
        break;
    }
    case FB_FINALLY_END:
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit0(c, OP_POP_TOP); /* the exception */
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit0(c, PSEUDO_POP_BLOCK);
        emit0(c, OP_POP_EXCEPT);
        break;
    case FB_WITH: {
        /* __exit__ is called at the with statement */
        struct pycode_pos saved = set_pos(c, f->datum);
        emit0(c, PSEUDO_POP_BLOCK);
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        call_exit_with_nones(c);
        emit0(c, OP_POP_TOP);
        c->u->pos = saved;
        break;
    }
    case FB_HANDLER_CLEANUP:
        if (f->datum) { /* except E as name: */
            emit0(c, PSEUDO_POP_BLOCK);
        }
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit0(c, PSEUDO_POP_BLOCK);
        emit0(c, OP_POP_EXCEPT);
        if (f->datum) {
            load_const_none(c);
            compile_name(c, (const char *)f->datum, PYAST_Store);
            compile_name(c, (const char *)f->datum, PYAST_Del);
        }
        break;
    case FB_POP_VALUE:
        if (preserve_tos)
            emit(c, OP_SWAP, 2);
        emit0(c, OP_POP_TOP);
        break;
    }
}

/* Unwinds the blocks inside the innermost loop (or all of them when
   'loop' is NULL); returns that loop's fblock, or NULL. */
static struct fblock *unwind_to_loop(struct compiler *c, bool want_loop,
                                     bool preserve_tos)
{
    cunit *u = c->u;
    for (int i = u->nfblocks - 1; i >= 0 && !failed(c); i--) {
        struct fblock *f = &u->fblock[i];
        if (want_loop && (f->kind == FB_WHILE || f->kind == FB_FOR))
            return f;
        /* the finally body must not see this block again */
        struct fblock saved = *f;
        u->nfblocks = i;
        unwind_fblock(c, &saved, preserve_tos);
        u->nfblocks = i + 1;
        *f = saved;
    }
    return NULL;
}

static void compile_return(struct compiler *c, pyast_node *s)
{
    if (c->u->scope->kind != PYSYM_FUNCTION) {
        syntax_error(c, s, "'return' outside function");
        return;
    }
    if (s->v.Return.value)
        compile_expr(c, s->v.Return.value);
    else
        load_const_none(c);
    int saved = c->u->nfblocks;
    unwind_to_loop(c, false, true);
    c->u->nfblocks = saved;
    emit0(c, OP_RETURN_VALUE);
    /* what follows is unreachable: a fresh block */
    use_block(c, new_block(c));
}

static void compile_break_continue(struct compiler *c, pyast_node *s,
                                   bool is_break)
{
    int saved = c->u->nfblocks;
    struct fblock *loop = unwind_to_loop(c, true, false);
    if (loop == NULL) {
        c->u->nfblocks = saved;
        syntax_error(c, s,
                     is_break ? "'break' outside loop"
                              : "'continue' not properly in loop");
        return;
    }
    if (is_break) {
        unwind_fblock(c, loop, false);
        emit_jump(c, OP_JUMP, loop->exit);
    } else {
        emit_jump(c, OP_JUMP, loop->block);
    }
    c->u->nfblocks = saved;
    use_block(c, new_block(c));
}

static void compile_if(struct compiler *c, pyast_node *s)
{
    cblock *end = new_block(c);
    cblock *orelse = SEQ_LEN(s->v.If.orelse) ? new_block(c) : end;
    compile_expr(c, s->v.If.test);
    emit_jump(c, OP_POP_JUMP_IF_FALSE, orelse);
    compile_stmts(c, s->v.If.body);
    if (orelse != end) {
        emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, end);
        use_block(c, orelse);
        compile_stmts(c, s->v.If.orelse);
    }
    use_block(c, end);
}

static void compile_while(struct compiler *c, pyast_node *s)
{
    cblock *loop = new_block(c), *body = new_block(c), *end = new_block(c);
    cblock *orelse = SEQ_LEN(s->v.While.orelse) ? new_block(c) : end;
    use_block(c, loop);
    compile_expr(c, s->v.While.test);
    emit_jump(c, OP_POP_JUMP_IF_FALSE, orelse);
    use_block(c, body);
    if (!push_fblock(c, FB_WHILE, loop, end, NULL))
        return;
    compile_stmts(c, s->v.While.body);
    pop_fblock(c);
    emit_jump(c, OP_JUMP, loop); /* a backward jump: a safe point */
    if (orelse != end) {
        use_block(c, orelse);
        compile_stmts(c, s->v.While.orelse);
    }
    use_block(c, end);
}

static void compile_for(struct compiler *c, pyast_node *s)
{
    if (s->kind == PYAST_AsyncFor) {
        syntax_error(c, s, "'async for' is not supported by pystm yet");
        return;
    }
    cblock *start = new_block(c), *cleanup = new_block(c), *end = new_block(c);
    compile_expr(c, s->v.For.iter);
    emit0(c, OP_GET_ITER);
    use_block(c, start);
    if (!push_fblock(c, FB_FOR, start, end, NULL))
        return;
    emit_jump(c, OP_FOR_ITER, cleanup);
    compile_store(c, s->v.For.target);
    compile_stmts(c, s->v.For.body);
    emit_jump(c, OP_JUMP, start);
    pop_fblock(c);
    use_block(c, cleanup);
    compile_stmts(c, s->v.For.orelse);
    use_block(c, end);
}

/* The target is read and written at its own position, the operation
   happens at the statement's (CPython's positions). */
static void compile_augassign(struct compiler *c, pyast_node *s)
{
    pyast_node *t = s->v.AugAssign.target;
    int op = binop_arg(s->v.AugAssign.op) + PYVM_INPLACE;
    struct pycode_pos stmt = c->u->pos;
    switch (t->kind) {
    case PYAST_Name:
        set_pos(c, t);
        compile_name(c, t->v.Name.id, PYAST_Load);
        c->u->pos = stmt;
        compile_expr(c, s->v.AugAssign.value);
        emit(c, OP_BINARY_OP, op);
        set_pos(c, t);
        compile_name(c, t->v.Name.id, PYAST_Store);
        break;
    case PYAST_Attribute: {
        int name = name_index(c, mangle(c, t->v.Attribute.attr));
        set_pos(c, t);
        compile_expr(c, t->v.Attribute.value);
        emit(c, OP_COPY, 1);
        pos_at_attr_name(c, t);
        emit(c, OP_LOAD_ATTR, name);
        c->u->pos = stmt;
        compile_expr(c, s->v.AugAssign.value);
        emit(c, OP_BINARY_OP, op);
        set_pos(c, t);
        pos_at_attr_name(c, t);
        emit(c, OP_SWAP, 2);
        emit(c, OP_STORE_ATTR, name);
        break;
    }
    case PYAST_Subscript:
        set_pos(c, t);
        compile_expr(c, t->v.Subscript.value);
        compile_subscript_key(c, t->v.Subscript.slice);
        emit(c, OP_COPY, 2);
        emit(c, OP_COPY, 2);
        emit0(c, OP_BINARY_SUBSCR);
        c->u->pos = stmt;
        compile_expr(c, s->v.AugAssign.value);
        emit(c, OP_BINARY_OP, op);
        set_pos(c, t);
        emit(c, OP_SWAP, 3);
        emit(c, OP_SWAP, 2);
        emit0(c, OP_STORE_SUBSCR);
        break;
    default:
        syntax_error(c, t,
                     "'expression' is an illegal expression for "
                     "augmented assignment");
        break;
    }
}

/* the parts of an annotated subscript target without a value, each
   evaluated and dropped as CPython does (a starred one is an error) */
static void evaluate_subscript(struct compiler *c, pyast_node *e)
{
    if (e->kind == PYAST_Slice) {
        pyast_node *parts[3] = {e->v.Slice.lower, e->v.Slice.upper,
                                e->v.Slice.step};
        for (int i = 0; i < 3; i++) {
            if (parts[i]) {
                compile_expr(c, parts[i]);
                emit0(c, OP_POP_TOP);
            }
        }
    } else if (e->kind == PYAST_Tuple) {
        for (int i = 0; i < SEQ_LEN(e->v.Tuple.elts); i++)
            evaluate_subscript(c, SEQ_GET(e->v.Tuple.elts, i));
    } else {
        compile_expr(c, e);
        emit0(c, OP_POP_TOP);
    }
}

static void compile_annassign(struct compiler *c, pyast_node *s)
{
    pyast_node *t = s->v.AnnAssign.target;
    if (s->v.AnnAssign.value) {
        compile_expr(c, s->v.AnnAssign.value);
        compile_store(c, t);
    }
    /* annotating __debug__ (or x.__debug__) is binding it, value or not */
    if ((t->kind == PYAST_Name &&
         forbidden_name(c, t->v.Name.id, PYAST_Store)) ||
        (t->kind == PYAST_Attribute &&
         forbidden_name(c, t->v.Attribute.attr, PYAST_Store)))
        return;
    bool evaluate = c->u->scope->kind != PYSYM_FUNCTION;
    pyast_node *at;
    const char *misuse;
    if (string_annotations(c) &&
        (misuse = pycomp_annotation_misuse(s->v.AnnAssign.annotation, &at))) {
        syntax_error(c, at, misuse);
        return;
    }
    if (t->kind == PYAST_Name && s->v.AnnAssign.simple) {
        if (evaluate && string_annotations(c)) {
            compile_annotation_string(c, s->v.AnnAssign.annotation);
            compile_name(c, "__annotations__", PYAST_Load);
            emit(c, OP_LOAD_CONST, const_str(c, mangle(c, t->v.Name.id)));
            emit0(c, OP_STORE_SUBSCR);
        } else if (evaluate) {
            compile_expr(c, s->v.AnnAssign.annotation);
            compile_name(c, "__annotations__", PYAST_Load);
            emit(c, OP_LOAD_CONST, const_str(c, mangle(c, t->v.Name.id)));
            emit0(c, OP_STORE_SUBSCR);
        }
    } else {
        if (s->v.AnnAssign.value == NULL && t->kind == PYAST_Attribute) {
            compile_expr(c, t->v.Attribute.value);
            emit0(c, OP_POP_TOP);
        }
        if (s->v.AnnAssign.value == NULL && t->kind == PYAST_Subscript) {
            compile_expr(c, t->v.Subscript.value);
            emit0(c, OP_POP_TOP);
            evaluate_subscript(c, t->v.Subscript.slice);
        }
        if (evaluate && !string_annotations(c)) {
            compile_expr(c, s->v.AnnAssign.annotation);
            emit0(c, OP_POP_TOP);
        }
    }
}

static void compile_decorated(struct compiler *c, pyast_seq *decorators)
{
    for (int i = 0; i < SEQ_LEN(decorators); i++) {
        compile_expr(c, SEQ_GET(decorators, i));
        emit0(c, OP_PUSH_NULL);
    }
}

/* innermost first, each call at its decorator's position */
static void apply_decorators(struct compiler *c, pyast_seq *decorators)
{
    struct pycode_pos saved = c->u->pos;
    for (int i = SEQ_LEN(decorators) - 1; i >= 0; i--) {
        set_pos(c, SEQ_GET(decorators, i));
        emit(c, OP_CALL, 1);
    }
    c->u->pos = saved;
}


static bool has_annotations(pyast_seq *body)
{
    for (int i = 0; i < SEQ_LEN(body); i++) {
        pyast_node *s = SEQ_GET(body, i);
        switch (s->kind) {
        case PYAST_AnnAssign:
            return true;
        case PYAST_For:
        case PYAST_While:
        case PYAST_If:
            if (has_annotations(s->v.For.body) ||
                has_annotations(s->v.For.orelse))
                return true;
            break;
        case PYAST_With:
            if (has_annotations(s->v.With.body))
                return true;
            break;
        case PYAST_Try:
            if (has_annotations(s->v.Try.body) ||
                has_annotations(s->v.Try.orelse) ||
                has_annotations(s->v.Try.finalbody))
                return true;
            for (int k = 0; k < SEQ_LEN(s->v.Try.handlers); k++) {
                pyast_node *h = SEQ_GET(s->v.Try.handlers, k);
                if (has_annotations(h->v.ExceptHandler.body))
                    return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

static void compile_class(struct compiler *c, pyast_node *s)
{
    compile_decorated(c, s->v.ClassDef.decorator_list);
    emit0(c, OP_LOAD_BUILD_CLASS);
    emit0(c, OP_PUSH_NULL);

    pysym_scope *scope = pysym_child_for(c->u->scope, s);
    enter_unit(c, scope, s->v.ClassDef.name,
               first_line(s, s->v.ClassDef.decorator_list));
    cunit *u = c->u;
    compile_name(c, "__name__", PYAST_Load);
    compile_name(c, "__module__", PYAST_Store);
    emit(c, OP_LOAD_CONST, const_str(c, u->qualname));
    compile_name(c, "__qualname__", PYAST_Store);
    pyast_seq *body = s->v.ClassDef.body;
    int start = 0;
    if (SEQ_LEN(body) && is_docstring(SEQ_GET(body, 0))) {
        pyast_node *d = SEQ_GET(body, 0);
        emit(c, OP_LOAD_CONST,
             const_ast(c, &d->v.Expr.value->v.Constant.value));
        compile_name(c, "__doc__", PYAST_Store);
        start = 1;
    }
    if (has_annotations(body))
        emit0(c, OP_SETUP_ANNOTATIONS);
    for (int i = start; i < SEQ_LEN(body) && !failed(c); i++)
        pycomp_stmt(c, SEQ_GET(body, i));
    c->u->pos.line = 0;
    int cell = find_name(&u->cellvars, "__class__");
    if (cell >= 0) {
        emit(c, OP_LOAD_CLOSURE, cell);
        emit(c, OP_COPY, 1);
        compile_name(c, "__classcell__", PYAST_Store);
    } else {
        load_const_none(c);
    }
    emit0(c, OP_RETURN_VALUE);
    cunit *inner = leave_unit(c);
    if (failed(c))
        return;
    make_function(c, inner, 0);
    emit(c, OP_LOAD_CONST, const_str(c, s->v.ClassDef.name));

    /* the bases and keywords: like a call's arguments after two */
    compile_call_args(c, s->v.ClassDef.bases, s->v.ClassDef.keywords, 2);
    apply_decorators(c, s->v.ClassDef.decorator_list);
    compile_name(c, s->v.ClassDef.name, PYAST_Store);
}

static void compile_raise(struct compiler *c, pyast_node *s)
{
    int n = 0;
    if (s->v.Raise.exc) {
        compile_expr(c, s->v.Raise.exc);
        n = 1;
        if (s->v.Raise.cause) {
            compile_expr(c, s->v.Raise.cause);
            n = 2;
        }
    }
    emit(c, OP_RAISE_VARARGS, n);
    use_block(c, new_block(c));
}

/* the handler body's landing pad when it raises: restore the handled
   exception and re-raise with the original offset */
static void emit_cleanup_reraise(struct compiler *c, cblock *cleanup)
{
    use_block(c, cleanup);
    emit(c, OP_COPY, 3);
    emit0(c, OP_POP_EXCEPT);
    emit(c, OP_RERAISE, 1);
}

static void compile_try_except(struct compiler *c, pyast_node *s)
{
    cblock *body = new_block(c), *except = new_block(c), *orelse = new_block(c),
           *end = new_block(c), *cleanup = new_block(c);
    emit_jump(c, PSEUDO_SETUP_FINALLY, except);
    use_block(c, body);
    if (!push_fblock(c, FB_TRY_EXCEPT, body, NULL, NULL))
        return;
    compile_stmts(c, s->v.Try.body);
    pop_fblock(c);
    emit0(c, PSEUDO_POP_BLOCK);
    use_block(c, orelse);
    compile_stmts(c, s->v.Try.orelse);
    emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, end);

    use_block(c, except);
    emit_jump(c, PSEUDO_SETUP_CLEANUP, cleanup);
    emit0(c, OP_PUSH_EXC_INFO);
    if (!push_fblock(c, FB_EXCEPTION_HANDLER, NULL, NULL, NULL))
        return;
    int n = SEQ_LEN(s->v.Try.handlers);
    for (int i = 0; i < n && !failed(c); i++) {
        pyast_node *h = SEQ_GET(s->v.Try.handlers, i);
        struct pycode_pos saved = set_pos(c, h);
        if (h->v.ExceptHandler.type == NULL && i < n - 1) {
            syntax_error(c, h, "default 'except:' must be last");
            return;
        }
        cblock *next = new_block(c);
        if (h->v.ExceptHandler.type) {
            compile_expr(c, h->v.ExceptHandler.type);
            emit0(c, OP_CHECK_EXC_MATCH);
            emit_jump(c, OP_POP_JUMP_IF_FALSE, next);
        }
        const char *name = h->v.ExceptHandler.name;
        if (name) {
            cblock *cleanup_body = new_block(c), *cleanup_end = new_block(c);
            compile_name(c, name, PYAST_Store);
            /* the name is cleared however the body ends */
            emit_jump(c, PSEUDO_SETUP_CLEANUP, cleanup_end);
            use_block(c, cleanup_body);
            if (!push_fblock(c, FB_HANDLER_CLEANUP, cleanup_body, NULL,
                             (pyast_node *)name))
                return;
            compile_stmts(c, h->v.ExceptHandler.body);
            pop_fblock(c);
            emit0(c, PSEUDO_POP_BLOCK);
            emit0(c, PSEUDO_POP_BLOCK);
            emit0(c, OP_POP_EXCEPT);
            load_const_none(c);
            compile_name(c, name, PYAST_Store);
            compile_name(c, name, PYAST_Del);
            emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, end);

            use_block(c, cleanup_end);
            load_const_none(c);
            compile_name(c, name, PYAST_Store);
            compile_name(c, name, PYAST_Del);
            emit(c, OP_RERAISE, 1);
        } else {
            cblock *cleanup_body = new_block(c);
            emit0(c, OP_POP_TOP);
            use_block(c, cleanup_body);
            if (!push_fblock(c, FB_HANDLER_CLEANUP, cleanup_body, NULL, NULL))
                return;
            compile_stmts(c, h->v.ExceptHandler.body);
            pop_fblock(c);
            emit0(c, PSEUDO_POP_BLOCK);
            emit0(c, OP_POP_EXCEPT);
            emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, end);
        }
        use_block(c, next);
        c->u->pos = saved;
    }
    pop_fblock(c);
    /* no clause matched */
    emit(c, OP_RERAISE, 0);
    emit_cleanup_reraise(c, cleanup);
    use_block(c, end);
}

static void compile_try_finally(struct compiler *c, pyast_node *s)
{
    cblock *body = new_block(c), *end = new_block(c), *exit = new_block(c),
           *cleanup = new_block(c);
    emit_jump(c, PSEUDO_SETUP_FINALLY, end);
    use_block(c, body);
    if (!push_fblock(c, FB_FINALLY_TRY, body, end,
                     (pyast_node *)s->v.Try.finalbody))
        return;
    if (SEQ_LEN(s->v.Try.handlers))
        compile_try_except(c, s);
    else
        compile_stmts(c, s->v.Try.body);
    emit0(c, PSEUDO_POP_BLOCK);
    pop_fblock(c);
    compile_stmts(c, s->v.Try.finalbody);
    emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, exit);

    /* the exceptional path */
    use_block(c, end);
    emit_jump(c, PSEUDO_SETUP_CLEANUP, cleanup);
    emit0(c, OP_PUSH_EXC_INFO);
    if (!push_fblock(c, FB_FINALLY_END, end, NULL, NULL))
        return;
    compile_stmts(c, s->v.Try.finalbody);
    pop_fblock(c);
    emit(c, OP_RERAISE, 0);
    emit_cleanup_reraise(c, cleanup);
    use_block(c, exit);
}

static void compile_with(struct compiler *c, pyast_node *s, int item)
{
    if (s->kind == PYAST_AsyncWith) {
        syntax_error(c, s, "'async with' is not supported by pystm yet");
        return;
    }
    pyast_node *w = SEQ_GET(s->v.With.items, item);
    cblock *block = new_block(c), *final = new_block(c), *exit = new_block(c),
           *cleanup = new_block(c);
    compile_expr(c, w->v.withitem.context_expr);
    emit0(c, OP_BEFORE_WITH);
    emit_jump(c, PSEUDO_SETUP_WITH, final);
    use_block(c, block);
    if (!push_fblock(c, FB_WITH, block, final, s))
        return;
    if (w->v.withitem.optional_vars)
        compile_store(c, w->v.withitem.optional_vars);
    else
        emit0(c, OP_POP_TOP);
    if (item + 1 < SEQ_LEN(s->v.With.items))
        compile_with(c, s, item + 1);
    else
        compile_stmts(c, s->v.With.body);
    pop_fblock(c);
    emit0(c, PSEUDO_POP_BLOCK);
    /* normal exit: __exit__(None, None, None) */
    struct pycode_pos saved = set_pos(c, s);
    call_exit_with_nones(c);
    emit0(c, OP_POP_TOP);
    emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, exit);

    /* exceptional exit: __exit__(type, value, traceback) decides */
    use_block(c, final);
    emit_jump(c, PSEUDO_SETUP_CLEANUP, cleanup);
    emit0(c, OP_PUSH_EXC_INFO);
    emit0(c, OP_WITH_EXCEPT_START);
    cblock *suppress = new_block(c);
    emit_jump(c, OP_POP_JUMP_IF_TRUE, suppress);
    emit(c, OP_RERAISE, 0);
    use_block(c, suppress);
    emit0(c, PSEUDO_POP_BLOCK);
    emit0(c, OP_POP_TOP); /* the exception */
    emit0(c, OP_POP_EXCEPT);
    emit0(c, OP_POP_TOP); /* __exit__ */
    emit_jump(c, PSEUDO_JUMP_NO_INTERRUPT, exit);
    emit_cleanup_reraise(c, cleanup);
    c->u->pos = saved;
    use_block(c, exit);
}

/* The last comparison CPython 3.11's compiler_jump_if meets in a
   condition (through not, and/or, if-else): it leaves that comparison's
   position behind, so a failing assert raises there. */
static pyast_node *last_jump_compare(pyast_node *e)
{
    pyast_node *last = NULL, *r;
    switch (e->kind) {
    case PYAST_Compare:
        return e;
    case PYAST_UnaryOp:
        if (e->v.UnaryOp.op == PYAST_Not)
            return last_jump_compare(e->v.UnaryOp.operand);
        return NULL;
    case PYAST_BoolOp:
        for (int i = 0; i < SEQ_LEN(e->v.BoolOp.values); i++) {
            if ((r = last_jump_compare(SEQ_GET(e->v.BoolOp.values, i))))
                last = r;
        }
        return last;
    case PYAST_IfExp:
        if ((r = last_jump_compare(e->v.IfExp.test)))
            last = r;
        if ((r = last_jump_compare(e->v.IfExp.body)))
            last = r;
        if ((r = last_jump_compare(e->v.IfExp.orelse)))
            last = r;
        return last;
    default:
        return NULL;
    }
}

static void compile_assert(struct compiler *c, pyast_node *s)
{
    cblock *end = new_block(c);
    compile_expr(c, s->v.Assert.test);
    set_pos(c, last_jump_compare(s->v.Assert.test));
    emit_jump(c, OP_POP_JUMP_IF_TRUE, end);
    emit0(c, OP_LOAD_ASSERTION_ERROR);
    if (s->v.Assert.msg) {
        emit0(c, OP_PUSH_NULL);
        compile_expr(c, s->v.Assert.msg);
        emit(c, OP_CALL, 1);
    }
    emit(c, OP_RAISE_VARARGS, 1);
    use_block(c, end);
}

static void compile_import(struct compiler *c, pyast_node *s)
{
    for (int i = 0; i < SEQ_LEN(s->v.Import.names); i++) {
        pyast_node *a = SEQ_GET(s->v.Import.names, i);
        const char *full = a->v.alias.name;
        emit(c, OP_LOAD_CONST, const_int(c, 0));
        load_const_none(c);
        emit(c, OP_IMPORT_NAME, name_index(c, full));
        if (a->v.alias.asname) {
            /* the submodule itself: walk down from the top package */
            const char *p = strchr(full, '.');
            while (p) {
                const char *q = strchr(p + 1, '.');
                size_t len = q ? (size_t)(q - p - 1) : strlen(p + 1);
                emit(c, OP_IMPORT_FROM,
                     name_index(c, pyast_strndup(c->arena, p + 1, len)));
                emit(c, OP_SWAP, 2);
                emit0(c, OP_POP_TOP);
                p = q;
            }
            compile_name(c, a->v.alias.asname, PYAST_Store);
        } else {
            const char *dot = strchr(full, '.');
            const char *top =
                dot ? pyast_strndup(c->arena, full, (size_t)(dot - full))
                    : full;
            compile_name(c, top, PYAST_Store);
        }
    }
}

static void compile_import_from(struct compiler *c, pyast_node *s)
{
    /* the valid ones were read by pycomp_future_scan */
    if (s->v.ImportFrom.module &&
        strcmp(s->v.ImportFrom.module, "__future__") == 0 &&
        s->lineno > c->future.lineno) {
        syntax_error(c, s,
                     "from __future__ imports must occur at the beginning of "
                     "the file");
        return;
    }
    int n = SEQ_LEN(s->v.ImportFrom.names);
    const char **names = pyast_alloc(c->arena, (size_t)n * sizeof(char *));
    for (int i = 0; i < n; i++) {
        pyast_node *a = SEQ_GET(s->v.ImportFrom.names, i);
        names[i] = a->v.alias.name;
    }
    emit(c, OP_LOAD_CONST, const_int(c, s->v.ImportFrom.level));
    emit(c, OP_LOAD_CONST, const_strtuple(c, names, n));
    emit(c, OP_IMPORT_NAME,
         name_index(c, s->v.ImportFrom.module ? s->v.ImportFrom.module : ""));
    if (n == 1 && strcmp(names[0], "*") == 0) {
        emit0(c, OP_IMPORT_STAR);
        return;
    }
    for (int i = 0; i < n; i++) {
        pyast_node *a = SEQ_GET(s->v.ImportFrom.names, i);
        emit(c, OP_IMPORT_FROM, name_index(c, a->v.alias.name));
        compile_name(c, a->v.alias.asname ? a->v.alias.asname : a->v.alias.name,
                     PYAST_Store);
    }
    emit0(c, OP_POP_TOP);
}

void pycomp_stmt(struct compiler *c, pyast_node *s)
{
    if (failed(c))
        return;
    struct pycode_pos saved = set_pos(c, s);
    switch (s->kind) {
    case PYAST_FunctionDef:
    case PYAST_AsyncFunctionDef:
        if (s->kind == PYAST_AsyncFunctionDef) {
            syntax_error(c, s, "'async def' is not supported by pystm yet");
            break;
        }
        compile_decorated(c, s->v.FunctionDef.decorator_list);
        compile_function_body(c, s, s->v.FunctionDef.args,
                              s->v.FunctionDef.body, NULL,
                              s->v.FunctionDef.name);
        apply_decorators(c, s->v.FunctionDef.decorator_list);
        compile_name(c, s->v.FunctionDef.name, PYAST_Store);
        break;
    case PYAST_ClassDef:
        compile_class(c, s);
        break;
    case PYAST_Return:
        compile_return(c, s);
        break;
    case PYAST_Delete:
        for (int i = 0; i < SEQ_LEN(s->v.Delete.targets); i++)
            compile_delete(c, SEQ_GET(s->v.Delete.targets, i));
        break;
    case PYAST_Assign: {
        int n = SEQ_LEN(s->v.Assign.targets);
        compile_expr(c, s->v.Assign.value);
        for (int i = 0; i < n; i++) {
            if (i < n - 1)
                emit(c, OP_COPY, 1);
            compile_store(c, SEQ_GET(s->v.Assign.targets, i));
        }
        break;
    }
    case PYAST_AugAssign:
        compile_augassign(c, s);
        break;
    case PYAST_AnnAssign:
        compile_annassign(c, s);
        break;
    case PYAST_For:
    case PYAST_AsyncFor:
        compile_for(c, s);
        break;
    case PYAST_While:
        compile_while(c, s);
        break;
    case PYAST_If:
        compile_if(c, s);
        break;
    case PYAST_With:
    case PYAST_AsyncWith:
        compile_with(c, s, 0);
        break;
    case PYAST_Raise:
        compile_raise(c, s);
        break;
    case PYAST_Try:
        if (SEQ_LEN(s->v.Try.finalbody))
            compile_try_finally(c, s);
        else
            compile_try_except(c, s);
        break;
    case PYAST_TryStar:
        syntax_error(c, s, "'except*' is not supported by pystm yet");
        break;
    case PYAST_Assert:
        compile_assert(c, s);
        break;
    case PYAST_Import:
        compile_import(c, s);
        break;
    case PYAST_ImportFrom:
        compile_import_from(c, s);
        break;
    case PYAST_Expr:
        if (c->interactive && c->u->scope->kind == PYSYM_MODULE &&
            c->u->nfblocks == 0) {
            compile_expr(c, s->v.Expr.value);
            emit0(c, OP_PRINT_EXPR);
        } else if (s->v.Expr.value->kind != PYAST_Constant) {
            compile_expr(c, s->v.Expr.value);
            emit0(c, OP_POP_TOP);
        }
        break;
    case PYAST_Break:
        compile_break_continue(c, s, true);
        break;
    case PYAST_Continue:
        compile_break_continue(c, s, false);
        break;
    case PYAST_Match:
        syntax_error(c, s, "match statements are not supported by pystm yet");
        break;
    default: /* Pass, Global, Nonlocal */
        emit0(c, OP_NOP);
        break;
    }
    c->u->pos = saved;
}

static void compile_stmts(struct compiler *c, pyast_seq *body)
{
    for (int i = 0; i < SEQ_LEN(body) && !failed(c); i++)
        pycomp_stmt(c, SEQ_GET(body, i));
}

/* ------------------------------------------------------------ entry */

/* SyntaxError(msg, (filename, lineno, offset, text, end_lineno,
   end_offset)); offsets are 1-based (byte offsets until the caller, who
   has the source, converts them to characters and adds the text) */
static pyval raise_syntax_error(const char *msg, const char *filename,
                                struct pycode_pos pos)
{
    pyval m = pystr_from_cstr(msg);
    PY_PUSHV(m);
    pyval f = pystr_from_cstr(filename);
    PY_PUSHV(f);
    pyval detail = pytuple_pack(
        6, f, pyval_from_int(pos.line), pyval_from_int(pos.col + 1), py_None,
        pyval_from_int(pos.end_line), pyval_from_int(pos.end_col + 1));
    PY_POPV(f);
    PY_POPV(m);
    pyval args = pytuple_pack(2, m, detail);
    pyerr_set(pyexc_new(pyexc_SyntaxError, args));
    return 0;
}

pyval pycomp_compile(pyast_node *mod, const char *filename, pyparse_mode mode,
                     pyast_arena *arena)
{
    return pycomp_compile_flags(mod, filename, mode, arena, 0);
}

pyval pycomp_compile_flags(pyast_node *mod, const char *filename,
                           pyparse_mode mode, pyast_arena *arena, int flags)
{
    struct compiler comp;
    memset(&comp, 0, sizeof(comp));
    struct compiler *c = &comp;
    c->arena = arena;
    c->filename = filename;
    c->interactive = mode == PYPARSE_SINGLE;
    pycomp_future_scan(mod, arena, &c->future);
    c->future.flags |= flags & PYCOMP_FUTURE_MASK;
    if (c->future.error == NULL &&
        (c->future.flags & PYCOMP_FUTURE_BARRY_AS_BDFL))
        c->future.error =
            "future feature barry_as_FLUFL is not supported by pystm";
    if (c->future.error) {
        /* CPython gives the statement's start only */
        pyast_node *at = c->future.error_at;
        struct pycode_pos pos = {at ? at->lineno : 1, at ? at->lineno : 1,
                                 at ? at->col_offset : 0,
                                 at ? at->col_offset : 0};
        return raise_syntax_error(c->future.error, filename, pos);
    }
    if (!pysym_build(&c->st, mod, arena)) {
        struct pycode_pos pos = {c->st.error_lineno, c->st.error_end_lineno,
                                 c->st.error_col, c->st.error_end_col};
        return raise_syntax_error(c->st.error, filename, pos);
    }
    enter_unit(c, c->st.top, "<module>", 1);
    pyast_seq *body = NULL;
    if (mod->kind == PYAST_Module)
        body = mod->v.Module.body;
    else if (mod->kind == PYAST_Interactive)
        body = mod->v.Interactive.body;
    if (mod->kind == PYAST_Expression) {
        compile_expr(c, mod->v.Expression.body);
        emit0(c, OP_RETURN_VALUE);
    } else {
        if (has_annotations(body))
            emit0(c, OP_SETUP_ANNOTATIONS);
        int start = 0;
        if (mode == PYPARSE_EXEC && SEQ_LEN(body) &&
            is_docstring(SEQ_GET(body, 0))) {
            pyast_node *d = SEQ_GET(body, 0);
            set_pos(c, d);
            emit(c, OP_LOAD_CONST,
                 const_ast(c, &d->v.Expr.value->v.Constant.value));
            compile_name(c, "__doc__", PYAST_Store);
            start = 1;
        }
        for (int i = start; i < SEQ_LEN(body) && !failed(c); i++)
            pycomp_stmt(c, SEQ_GET(body, i));
        c->u->pos.line = 0;
        load_const_none(c);
        emit0(c, OP_RETURN_VALUE);
    }
    cunit *u = leave_unit(c);
    if (c->unparse_failed)
        return 0;
    if (failed(c))
        return raise_syntax_error(c->error, filename, c->error_pos);
    return pycomp_assemble(c, u);
}
