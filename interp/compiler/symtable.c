/* symtable.c -- pass 1 of the compiler: scopes and name bindings.
 *
 * Collect: one walk of the AST opens a scope per module, def, lambda,
 * class and comprehension, and records what each scope does with each
 * name (assign, use, declare global/nonlocal, parameter).  Analyze: from
 * the top down, knowing which names enclosing functions bind, decide
 * each name's binding; from the bottom up, a name free in an inner
 * function becomes a cell of the function that binds it (and free in
 * every scope in between, classes included, so closures pass through).
 */
#include "symtable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct collector {
    pysym_table *t;
    pysym_scope *cur;
    bool failed;
};

static void fail(struct collector *c, pyast_node *at, const char *fmt,
                 const char *name)
{
    if (c->failed)
        return;
    c->failed = true;
    char buf[256];
    snprintf(buf, sizeof(buf), fmt, name);
    c->t->error = pyast_strndup(c->t->arena, buf, strlen(buf));
    c->t->error_lineno = at ? at->lineno : 1;
    c->t->error_col = at ? at->col_offset : 0;
    c->t->error_end_lineno = at ? at->end_lineno : 1;
    c->t->error_end_col = at ? at->end_col_offset : 0;
}

static void *grow(pyast_arena *a, void *old, int count, int *cap, size_t item)
{
    if (count < *cap)
        return old;
    int ncap = *cap ? *cap * 2 : 8;
    void *p = pyast_alloc(a, (size_t)ncap * item);
    if (old)
        memcpy(p, old, (size_t)count * item);
    *cap = ncap;
    return p;
}

static bool sym_eq(const void *array, int pos, const void *key)
{
    return strcmp(((const pysym_entry *)array)[pos].name, key) == 0;
}

static uint32_t sym_hash(const char *name)
{
    return pycomp_hash_bytes(PYCOMP_HASH_INIT, name, strlen(name));
}

pysym_entry *pysym_lookup(pysym_scope *s, const char *name)
{
    int i =
        pycomp_index_find(&s->symindex, sym_hash(name), sym_eq, s->syms, name);
    return i >= 0 ? &s->syms[i] : NULL;
}

static pysym_entry *entry(struct collector *c, pysym_scope *s, const char *name)
{
    pysym_entry *e = pysym_lookup(s, name);
    if (e)
        return e;
    s->syms =
        grow(c->t->arena, s->syms, s->nsyms, &s->capsyms, sizeof(pysym_entry));
    pycomp_index_add(&s->symindex, c->t->arena, sym_hash(name), s->nsyms);
    e = &s->syms[s->nsyms++];
    e->name = name;
    e->flags = 0;
    e->binding = 0;
    e->declared = NULL;
    return e;
}

/* Private names (__x in a class body, not __x__) are mangled to
   _Class__x; the compiler does the same when it emits the names. */
const char *pysym_mangle(pyast_arena *a, const char *classname,
                         const char *name)
{
    size_t n = strlen(name);
    if (classname == NULL || n < 3 || name[0] != '_' || name[1] != '_')
        return name;
    if (name[n - 1] == '_' && name[n - 2] == '_')
        return name;
    if (strchr(name, '.'))
        return name;
    while (*classname == '_')
        classname++;
    if (*classname == 0)
        return name;
    size_t cn = strlen(classname);
    char *m = pyast_alloc(a, cn + n + 2);
    m[0] = '_';
    memcpy(m + 1, classname, cn);
    memcpy(m + 1 + cn, name, n + 1);
    return m;
}

static const char *class_of(pysym_scope *s)
{
    for (; s; s = s->parent) {
        if (s->kind == PYSYM_CLASS)
            return s->name;
    }
    return NULL;
}

static void add_flag(struct collector *c, pyast_node *at, const char *name,
                     unsigned flag)
{
    name = pysym_mangle(c->t->arena, class_of(c->cur), name);
    pysym_entry *e = entry(c, c->cur, name);
    if ((flag & PYSYM_DEF_PARAM) && (e->flags & PYSYM_DEF_PARAM)) {
        fail(c, at, "duplicate argument '%s' in function definition", name);
        return;
    }
    e->flags |= flag;
}

static pysym_scope *open_scope(struct collector *c, enum pysym_scope_kind k,
                               const char *name, pyast_node *node)
{
    pysym_scope *s = pyast_alloc(c->t->arena, sizeof(*s));
    s->kind = k;
    s->name = name;
    s->node = node;
    s->parent = c->cur;
    s->lineno = node ? node->lineno : 1;
    /* a lambda or comprehension inside an iterable is inside it too */
    s->comp_iter_expr = c->cur ? c->cur->comp_iter_expr : 0;
    if (c->cur) {
        pysym_scope *p = c->cur;
        p->children = grow(c->t->arena, p->children, p->nchildren,
                           &p->capchildren, sizeof(pysym_scope *));
        p->children[p->nchildren++] = s;
    }
    c->cur = s;
    return s;
}

static void close_scope(struct collector *c)
{
    c->cur = c->cur->parent;
}

static void visit_expr(struct collector *c, pyast_node *e);
static void visit_stmts(struct collector *c, pyast_seq *body);

static void visit_exprs(struct collector *c, pyast_seq *seq)
{
    for (int i = 0; i < PYAST_SEQ_LEN(seq); i++)
        visit_expr(c, PYAST_SEQ_GET(seq, i));
}

static void visit_arguments_defaults(struct collector *c, pyast_node *args)
{
    if (args == NULL)
        return;
    visit_exprs(c, args->v.arguments.defaults);
    pyast_seq *kwd = args->v.arguments.kw_defaults;
    for (int i = 0; i < PYAST_SEQ_LEN(kwd); i++) {
        if (PYAST_SEQ_GET(kwd, i))
            visit_expr(c, PYAST_SEQ_GET(kwd, i));
    }
}

static void visit_arg_annotations(struct collector *c, pyast_seq *args)
{
    for (int i = 0; i < PYAST_SEQ_LEN(args); i++) {
        pyast_node *a = PYAST_SEQ_GET(args, i);
        if (a->v.arg.annotation)
            visit_expr(c, a->v.arg.annotation);
    }
}

static void visit_annotations(struct collector *c, pyast_node *args,
                              pyast_node *returns)
{
    if (args) {
        visit_arg_annotations(c, args->v.arguments.posonlyargs);
        visit_arg_annotations(c, args->v.arguments.args);
        if (args->v.arguments.vararg &&
            args->v.arguments.vararg->v.arg.annotation)
            visit_expr(c, args->v.arguments.vararg->v.arg.annotation);
        visit_arg_annotations(c, args->v.arguments.kwonlyargs);
        if (args->v.arguments.kwarg &&
            args->v.arguments.kwarg->v.arg.annotation)
            visit_expr(c, args->v.arguments.kwarg->v.arg.annotation);
    }
    if (returns)
        visit_expr(c, returns);
}

static void add_params(struct collector *c, pyast_seq *args)
{
    for (int i = 0; i < PYAST_SEQ_LEN(args); i++) {
        pyast_node *a = PYAST_SEQ_GET(args, i);
        add_flag(c, a, a->v.arg.arg, PYSYM_DEF_PARAM);
    }
}

static void visit_params(struct collector *c, pyast_node *args)
{
    add_params(c, args->v.arguments.posonlyargs);
    add_params(c, args->v.arguments.args);
    add_params(c, args->v.arguments.kwonlyargs);
    if (args->v.arguments.vararg) {
        add_flag(c, args->v.arguments.vararg,
                 args->v.arguments.vararg->v.arg.arg, PYSYM_DEF_PARAM);
        c->cur->has_varargs = true;
    }
    if (args->v.arguments.kwarg) {
        add_flag(c, args->v.arguments.kwarg, args->v.arguments.kwarg->v.arg.arg,
                 PYSYM_DEF_PARAM);
        c->cur->has_varkeywords = true;
    }
}

/* A comprehension: the first iterable is evaluated outside, the rest
   inside a function of its own with the hidden parameter ".0". */
static void visit_comprehension(struct collector *c, pyast_node *e,
                                pyast_seq *generators, pyast_expr *elt,
                                pyast_expr *value, const char *name)
{
    pyast_node *first = PYAST_SEQ_GET(generators, 0);
    c->cur->comp_iter_expr++;
    visit_expr(c, first->v.comprehension.iter);
    c->cur->comp_iter_expr--;
    pysym_scope *s = open_scope(c, PYSYM_FUNCTION, name, e);
    s->is_comprehension = true;
    if (e->kind == PYAST_GeneratorExp)
        s->is_generator = true;
    add_flag(c, e, ".0", PYSYM_DEF_PARAM);
    for (int i = 0; i < PYAST_SEQ_LEN(generators); i++) {
        pyast_node *g = PYAST_SEQ_GET(generators, i);
        if (g->v.comprehension.is_async)
            s->is_coroutine = true;
        /* the target is stored: a local of the comprehension */
        visit_expr(c, g->v.comprehension.target);
        if (i > 0) {
            s->comp_iter_expr++;
            visit_expr(c, g->v.comprehension.iter);
            s->comp_iter_expr--;
        }
        visit_exprs(c, g->v.comprehension.ifs);
    }
    if (value)
        visit_expr(c, value);
    visit_expr(c, elt);
    close_scope(c);
}

/* the := target binds in the nearest enclosing scope that is not a
   comprehension */
static void visit_named_target(struct collector *c, pyast_node *target)
{
    pysym_scope *s = c->cur;
    if (!s->is_comprehension) {
        visit_expr(c, target);
        return;
    }
    const char *name = target->v.Name.id;
    for (pysym_scope *p = s; p && p->is_comprehension; p = p->parent) {
        pysym_entry *e = pysym_lookup(p, name);
        if (e && (e->flags & PYSYM_DEF_COMPITER)) {
            fail(c, target,
                 "assignment expression cannot rebind comprehension "
                 "iteration variable '%s'",
                 name);
            return;
        }
    }
    pysym_scope *outer = s;
    while (outer->is_comprehension)
        outer = outer->parent;
    if (outer->kind == PYSYM_CLASS) {
        fail(c, target,
             "assignment expression within a comprehension cannot be used "
             "in a class body%s",
             "");
        return;
    }
    /* declared in every comprehension on the way as nonlocal-like free
       names, and bound in the outer scope */
    pysym_scope *saved = c->cur;
    c->cur = outer;
    add_flag(c, target, name, PYSYM_DEF_LOCAL);
    c->cur = saved;
    for (pysym_scope *p = s; p != outer; p = p->parent) {
        pysym_scope *keep = c->cur;
        c->cur = p;
        add_flag(c, target, name,
                 outer->kind == PYSYM_MODULE ? PYSYM_DEF_GLOBAL
                                             : PYSYM_DEF_NONLOCAL);
        c->cur = keep;
    }
}

/* a comprehension's kind as CPython's messages name it */
static const char *comprehension_kind(pysym_scope *s)
{
    switch (s->node->kind) {
    case PYAST_ListComp:
        return "list comprehension";
    case PYAST_SetComp:
        return "set comprehension";
    case PYAST_DictComp:
        return "dict comprehension";
    default:
        return "generator expression";
    }
}

static void visit_expr(struct collector *c, pyast_node *e)
{
    if (e == NULL || c->failed)
        return;
    switch (e->kind) {
    case PYAST_BoolOp:
        visit_exprs(c, e->v.BoolOp.values);
        break;
    case PYAST_NamedExpr:
        if (c->cur->comp_iter_expr > 0) {
            fail(c, e,
                 "assignment expression cannot be used in a comprehension "
                 "iterable expression%s",
                 "");
            break;
        }
        visit_expr(c, e->v.NamedExpr.value);
        visit_named_target(c, e->v.NamedExpr.target);
        break;
    case PYAST_BinOp:
        visit_expr(c, e->v.BinOp.left);
        visit_expr(c, e->v.BinOp.right);
        break;
    case PYAST_UnaryOp:
        visit_expr(c, e->v.UnaryOp.operand);
        break;
    case PYAST_Lambda: {
        visit_arguments_defaults(c, e->v.Lambda.args);
        pysym_scope *s = open_scope(c, PYSYM_FUNCTION, "<lambda>", e);
        s->is_lambda = true;
        visit_params(c, e->v.Lambda.args);
        visit_expr(c, e->v.Lambda.body);
        close_scope(c);
        break;
    }
    case PYAST_IfExp:
        visit_expr(c, e->v.IfExp.test);
        visit_expr(c, e->v.IfExp.body);
        visit_expr(c, e->v.IfExp.orelse);
        break;
    case PYAST_Dict:
        for (int i = 0; i < PYAST_SEQ_LEN(e->v.Dict.keys); i++) {
            if (PYAST_SEQ_GET(e->v.Dict.keys, i))
                visit_expr(c, PYAST_SEQ_GET(e->v.Dict.keys, i));
            visit_expr(c, PYAST_SEQ_GET(e->v.Dict.values, i));
        }
        break;
    case PYAST_Set:
        visit_exprs(c, e->v.Set.elts);
        break;
    case PYAST_ListComp:
        visit_comprehension(c, e, e->v.ListComp.generators, e->v.ListComp.elt,
                            NULL, "<listcomp>");
        break;
    case PYAST_SetComp:
        visit_comprehension(c, e, e->v.SetComp.generators, e->v.SetComp.elt,
                            NULL, "<setcomp>");
        break;
    case PYAST_GeneratorExp:
        visit_comprehension(c, e, e->v.GeneratorExp.generators,
                            e->v.GeneratorExp.elt, NULL, "<genexpr>");
        break;
    case PYAST_DictComp:
        visit_comprehension(c, e, e->v.DictComp.generators, e->v.DictComp.key,
                            e->v.DictComp.value, "<dictcomp>");
        break;
    case PYAST_Await:
        visit_expr(c, e->v.Await.value);
        break;
    case PYAST_Yield:
    case PYAST_YieldFrom:
        if (c->cur->is_comprehension) {
            /* it would make the hidden function the generator */
            fail(c, e, "'yield' inside %s", comprehension_kind(c->cur));
            break;
        }
        c->cur->is_generator = true;
        visit_expr(c, e->v.Yield.value);
        break;
    case PYAST_Compare:
        visit_expr(c, e->v.Compare.left);
        visit_exprs(c, e->v.Compare.comparators);
        break;
    case PYAST_Call:
        visit_expr(c, e->v.Call.func);
        visit_exprs(c, e->v.Call.args);
        for (int i = 0; i < PYAST_SEQ_LEN(e->v.Call.keywords); i++) {
            pyast_node *k = PYAST_SEQ_GET(e->v.Call.keywords, i);
            visit_expr(c, k->v.keyword.value);
        }
        break;
    case PYAST_FormattedValue:
        visit_expr(c, e->v.FormattedValue.value);
        visit_expr(c, e->v.FormattedValue.format_spec);
        break;
    case PYAST_JoinedStr:
        visit_exprs(c, e->v.JoinedStr.values);
        break;
    case PYAST_Constant:
        break;
    case PYAST_Attribute:
        visit_expr(c, e->v.Attribute.value);
        break;
    case PYAST_Subscript:
        visit_expr(c, e->v.Subscript.value);
        visit_expr(c, e->v.Subscript.slice);
        break;
    case PYAST_Starred:
        visit_expr(c, e->v.Starred.value);
        break;
    case PYAST_Name: {
        const char *id = e->v.Name.id;
        if (e->v.Name.ctx == PYAST_Load) {
            add_flag(c, e, id, PYSYM_USE);
            /* super() and __class__ in a method need the class cell */
            if (c->cur->kind == PYSYM_FUNCTION &&
                (strcmp(id, "super") == 0 || strcmp(id, "__class__") == 0))
                c->cur->needs_class_closure = true;
        } else {
            unsigned flag = PYSYM_DEF_LOCAL;
            if (c->cur->is_comprehension && e->v.Name.ctx == PYAST_Store)
                flag |= PYSYM_DEF_COMPITER;
            add_flag(c, e, id, flag);
        }
        break;
    }
    case PYAST_List:
        visit_exprs(c, e->v.List.elts);
        break;
    case PYAST_Tuple:
        visit_exprs(c, e->v.Tuple.elts);
        break;
    case PYAST_Slice:
        visit_expr(c, e->v.Slice.lower);
        visit_expr(c, e->v.Slice.upper);
        visit_expr(c, e->v.Slice.step);
        break;
    default:
        break;
    }
}

static void declare(struct collector *c, pyast_node *s, bool global)
{
    pyast_seq *names = global ? s->v.Global.names : s->v.Nonlocal.names;
    if (!global && c->cur->kind == PYSYM_MODULE) {
        fail(c, s, "nonlocal declaration not allowed at module level%s", "");
        return;
    }
    for (int i = 0; i < PYAST_SEQ_LEN(names); i++) {
        const char *name = pysym_mangle(c->t->arena, class_of(c->cur),
                                        PYAST_SEQ_GET(names, i));
        pysym_entry *e = entry(c, c->cur, name);
        const char *kw = global ? "global" : "nonlocal";
        char fmt[128];
        if (e->flags & PYSYM_DEF_PARAM) {
            snprintf(fmt, sizeof(fmt), "name '%%s' is parameter and %s", kw);
            fail(c, s, fmt, name);
        } else if (global ? (e->flags & PYSYM_DEF_NONLOCAL)
                          : (e->flags & PYSYM_DEF_GLOBAL)) {
            fail(c, s, "name '%s' is nonlocal and global", name);
        } else if (e->flags & (PYSYM_DEF_LOCAL | PYSYM_DEF_ANNOT)) {
            snprintf(fmt, sizeof(fmt),
                     (e->flags & PYSYM_DEF_ANNOT)
                         ? "annotated name '%%s' can't be %s"
                         : "name '%%s' is assigned to before %s declaration",
                     kw);
            fail(c, s, fmt, name);
        } else if (e->flags & PYSYM_USE) {
            snprintf(fmt, sizeof(fmt),
                     "name '%%s' is used prior to %s declaration", kw);
            fail(c, s, fmt, name);
        }
        e->flags |= global ? PYSYM_DEF_GLOBAL : PYSYM_DEF_NONLOCAL;
        if (e->declared == NULL)
            e->declared = s;
    }
}

static void visit_target_names_of_import(struct collector *c, pyast_node *s,
                                         pyast_seq *names)
{
    for (int i = 0; i < PYAST_SEQ_LEN(names); i++) {
        pyast_node *a = PYAST_SEQ_GET(names, i);
        const char *store = a->v.alias.asname;
        if (store == NULL) {
            /* import a.b.c binds a */
            const char *full = a->v.alias.name;
            if (strcmp(full, "*") == 0)
                continue;
            const char *dot = strchr(full, '.');
            store = dot ? pyast_strndup(c->t->arena, full, (size_t)(dot - full))
                        : full;
        }
        add_flag(c, a, store, PYSYM_DEF_LOCAL);
    }
}

static void visit_stmt(struct collector *c, pyast_node *s)
{
    if (s == NULL || c->failed)
        return;
    switch (s->kind) {
    case PYAST_FunctionDef:
    case PYAST_AsyncFunctionDef: {
        visit_exprs(c, s->v.FunctionDef.decorator_list);
        visit_arguments_defaults(c, s->v.FunctionDef.args);
        visit_annotations(c, s->v.FunctionDef.args, s->v.FunctionDef.returns);
        add_flag(c, s, s->v.FunctionDef.name, PYSYM_DEF_LOCAL);
        pysym_scope *f =
            open_scope(c, PYSYM_FUNCTION, s->v.FunctionDef.name, s);
        f->is_coroutine = s->kind == PYAST_AsyncFunctionDef;
        visit_params(c, s->v.FunctionDef.args);
        visit_stmts(c, s->v.FunctionDef.body);
        close_scope(c);
        break;
    }
    case PYAST_ClassDef: {
        visit_exprs(c, s->v.ClassDef.decorator_list);
        visit_exprs(c, s->v.ClassDef.bases);
        for (int i = 0; i < PYAST_SEQ_LEN(s->v.ClassDef.keywords); i++) {
            pyast_node *k = PYAST_SEQ_GET(s->v.ClassDef.keywords, i);
            visit_expr(c, k->v.keyword.value);
        }
        add_flag(c, s, s->v.ClassDef.name, PYSYM_DEF_LOCAL);
        open_scope(c, PYSYM_CLASS, s->v.ClassDef.name, s);
        visit_stmts(c, s->v.ClassDef.body);
        close_scope(c);
        break;
    }
    case PYAST_Return:
        visit_expr(c, s->v.Return.value);
        break;
    case PYAST_Delete:
        visit_exprs(c, s->v.Delete.targets);
        break;
    case PYAST_Assign:
        visit_expr(c, s->v.Assign.value);
        visit_exprs(c, s->v.Assign.targets);
        break;
    case PYAST_AugAssign:
        visit_expr(c, s->v.AugAssign.value);
        if (s->v.AugAssign.target->kind == PYAST_Name) {
            /* x += 1 both uses and binds x */
            add_flag(c, s->v.AugAssign.target, s->v.AugAssign.target->v.Name.id,
                     PYSYM_DEF_LOCAL | PYSYM_USE);
        } else {
            visit_expr(c, s->v.AugAssign.target);
        }
        break;
    case PYAST_AnnAssign: {
        pyast_node *t = s->v.AnnAssign.target;
        if (t->kind == PYAST_Name) {
            pysym_entry *e = entry(
                c, c->cur,
                pysym_mangle(c->t->arena, class_of(c->cur), t->v.Name.id));
            if (e->flags & (PYSYM_DEF_GLOBAL | PYSYM_DEF_NONLOCAL)) {
                fail(c, s,
                     (e->flags & PYSYM_DEF_GLOBAL)
                         ? "annotated name '%s' can't be global"
                         : "annotated name '%s' can't be nonlocal",
                     t->v.Name.id);
                break;
            }
            add_flag(c, t, t->v.Name.id,
                     PYSYM_DEF_ANNOT |
                         (s->v.AnnAssign.value ? PYSYM_DEF_LOCAL : 0));
            if (s->v.AnnAssign.simple && c->cur->kind != PYSYM_FUNCTION)
                add_flag(c, t, "__annotations__", PYSYM_USE);
        } else {
            visit_expr(c, t);
        }
        /* annotations of locals are not evaluated in functions */
        if (!(c->cur->kind == PYSYM_FUNCTION && t->kind == PYAST_Name))
            visit_expr(c, s->v.AnnAssign.annotation);
        visit_expr(c, s->v.AnnAssign.value);
        break;
    }
    case PYAST_For:
    case PYAST_AsyncFor:
        visit_expr(c, s->v.For.target);
        visit_expr(c, s->v.For.iter);
        visit_stmts(c, s->v.For.body);
        visit_stmts(c, s->v.For.orelse);
        break;
    case PYAST_While:
    case PYAST_If:
        visit_expr(c, s->v.While.test);
        visit_stmts(c, s->v.While.body);
        visit_stmts(c, s->v.While.orelse);
        break;
    case PYAST_With:
    case PYAST_AsyncWith:
        for (int i = 0; i < PYAST_SEQ_LEN(s->v.With.items); i++) {
            pyast_node *w = PYAST_SEQ_GET(s->v.With.items, i);
            visit_expr(c, w->v.withitem.context_expr);
            visit_expr(c, w->v.withitem.optional_vars);
        }
        visit_stmts(c, s->v.With.body);
        break;
    case PYAST_Raise:
        visit_expr(c, s->v.Raise.exc);
        visit_expr(c, s->v.Raise.cause);
        break;
    case PYAST_Try:
    case PYAST_TryStar:
        visit_stmts(c, s->v.Try.body);
        for (int i = 0; i < PYAST_SEQ_LEN(s->v.Try.handlers); i++) {
            pyast_node *h = PYAST_SEQ_GET(s->v.Try.handlers, i);
            visit_expr(c, h->v.ExceptHandler.type);
            if (h->v.ExceptHandler.name)
                add_flag(c, h, h->v.ExceptHandler.name, PYSYM_DEF_LOCAL);
            visit_stmts(c, h->v.ExceptHandler.body);
        }
        visit_stmts(c, s->v.Try.orelse);
        visit_stmts(c, s->v.Try.finalbody);
        break;
    case PYAST_Assert:
        visit_expr(c, s->v.Assert.test);
        visit_expr(c, s->v.Assert.msg);
        break;
    case PYAST_Import:
        visit_target_names_of_import(c, s, s->v.Import.names);
        break;
    case PYAST_ImportFrom:
        for (int i = 0; i < PYAST_SEQ_LEN(s->v.ImportFrom.names); i++) {
            pyast_node *a = PYAST_SEQ_GET(s->v.ImportFrom.names, i);
            if (strcmp(a->v.alias.name, "*") == 0) {
                if (c->cur->kind != PYSYM_MODULE) {
                    fail(c, a, "import * only allowed at module level%s", "");
                }
                continue;
            }
            add_flag(c, a,
                     a->v.alias.asname ? a->v.alias.asname : a->v.alias.name,
                     PYSYM_DEF_LOCAL);
        }
        break;
    case PYAST_Global:
        declare(c, s, true);
        break;
    case PYAST_Nonlocal:
        declare(c, s, false);
        break;
    case PYAST_Expr:
        visit_expr(c, s->v.Expr.value);
        break;
    case PYAST_Match:
        fail(c, s, "match statements are not supported by pystm yet%s", "");
        break;
    default: /* Pass, Break, Continue */
        break;
    }
}

static void visit_stmts(struct collector *c, pyast_seq *body)
{
    for (int i = 0; i < PYAST_SEQ_LEN(body); i++)
        visit_stmt(c, PYAST_SEQ_GET(body, i));
}

/* ------------------------------------------------------------ analysis */

/* Is 'name' bound by an enclosing function of s (class scopes are
   skipped: their names are not visible to inner functions)? */
static bool bound_outside(pysym_scope *s, const char *name)
{
    for (pysym_scope *p = s->parent; p; p = p->parent) {
        if (p->kind != PYSYM_FUNCTION)
            continue;
        pysym_entry *e = pysym_lookup(p, name);
        if (e && (e->flags & PYSYM_DEF_GLOBAL))
            return false;
        if (e && (e->flags &
                  (PYSYM_DEF_LOCAL | PYSYM_DEF_PARAM | PYSYM_DEF_NONLOCAL)))
            return true;
    }
    return false;
}

static void analyze_scope(struct collector *c, pysym_scope *s);

/* a child needs 'name' from outside: it becomes a cell here if bound
   here, else it is free here too (passing through) */
static void need_from_child(struct collector *c, pysym_scope *s,
                            const char *name)
{
    pysym_entry *e = pysym_lookup(s, name);
    if (s->kind == PYSYM_FUNCTION && e &&
        (e->binding == PYSYM_LOCAL || e->binding == PYSYM_CELL)) {
        e->binding = PYSYM_CELL;
        return;
    }
    if (s->kind == PYSYM_MODULE)
        return;
    if (e == NULL) {
        e = entry(c, s, name);
        e->flags |= PYSYM_DEF_FREE_CLASS;
        e->binding = PYSYM_FREE;
    } else if (s->kind == PYSYM_CLASS) {
        /* a class that binds the name itself still passes the outer
           binding through to its methods */
        e->flags |= PYSYM_DEF_FREE_CLASS;
    } else if (e->binding != PYSYM_FREE) {
        e->binding = PYSYM_FREE;
    }
}

static void analyze_scope(struct collector *c, pysym_scope *s)
{
    for (int i = 0; i < s->nsyms && !c->failed; i++) {
        pysym_entry *e = &s->syms[i];
        unsigned f = e->flags;
        if (f & PYSYM_DEF_GLOBAL) {
            e->binding = PYSYM_GLOBAL_EXPLICIT;
        } else if (f & PYSYM_DEF_NONLOCAL) {
            if (!bound_outside(s, e->name)) {
                c->failed = false;
                /* where CPython says: the nonlocal statement */
                fail(c, e->declared ? e->declared : s->node,
                     "no binding for nonlocal '%s' found", e->name);
                return;
            }
            e->binding = PYSYM_FREE;
        } else if (f & (PYSYM_DEF_LOCAL | PYSYM_DEF_PARAM)) {
            e->binding =
                s->kind == PYSYM_MODULE ? PYSYM_GLOBAL_IMPLICIT : PYSYM_LOCAL;
        } else if (s->kind != PYSYM_MODULE && bound_outside(s, e->name)) {
            e->binding = PYSYM_FREE;
        } else {
            e->binding = PYSYM_GLOBAL_IMPLICIT;
        }
    }
    for (int i = 0; i < s->nchildren && !c->failed; i++) {
        pysym_scope *child = s->children[i];
        analyze_scope(c, child);
        for (int k = 0; k < child->nsyms; k++) {
            pysym_entry *e = &child->syms[k];
            if (e->binding == PYSYM_FREE || (child->kind == PYSYM_CLASS &&
                                             (e->flags & PYSYM_DEF_FREE_CLASS)))
                need_from_child(c, s, e->name);
        }
        /* a method using super()/__class__: the class makes the cell */
        if (child->kind == PYSYM_FUNCTION && child->needs_class_closure) {
            if (s->kind == PYSYM_CLASS) {
                pysym_entry *e = entry(c, s, "__class__");
                e->binding = PYSYM_CELL;
                pysym_entry *ce = entry(c, child, "__class__");
                if (ce->binding != PYSYM_CELL)
                    ce->binding = PYSYM_FREE;
            } else if (s->kind == PYSYM_FUNCTION) {
                /* nested deeper: pass the need up */
                s->needs_class_closure = true;
                pysym_entry *ce = entry(c, child, "__class__");
                ce->binding = PYSYM_FREE;
                need_from_child(c, s, "__class__");
            }
        }
    }
}

bool pysym_build(pysym_table *t, pyast_node *mod, pyast_arena *arena)
{
    struct collector c = {t, NULL, false};
    t->arena = arena;
    t->error = NULL;
    t->top = open_scope(&c, PYSYM_MODULE, "<module>", NULL);
    switch (mod->kind) {
    case PYAST_Module:
        visit_stmts(&c, mod->v.Module.body);
        break;
    case PYAST_Interactive:
        visit_stmts(&c, mod->v.Interactive.body);
        break;
    case PYAST_Expression:
        visit_expr(&c, mod->v.Expression.body);
        break;
    default:
        break;
    }
    if (!c.failed)
        analyze_scope(&c, t->top);
    return !c.failed;
}

pysym_scope *pysym_child_for(pysym_scope *parent, pyast_node *node)
{
    for (int i = 0; i < parent->nchildren; i++) {
        if (parent->children[i]->node == node)
            return parent->children[i];
    }
    return NULL;
}
