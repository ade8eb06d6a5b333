/* builtins.c -- the built-in forms of DUHTON.md.
 *
 * A form gets its argument expressions unevaluated (a cons chain) and the
 * caller's frame, and evaluates them left to right as it needs them.
 * Evaluating may allocate, so anything kept across an evaluation is on
 * the shadow stack; struct args keeps the remaining expressions and the
 * frame there.
 */
#include "duhton.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

/* ------------------------------------------------ argument helpers */

struct args {
    struct stm_shadowentry_s *roots; /* [0] expressions left, [1] frame */
};

static inline void args_begin(struct args *a, DuObject *exprs, DuObject *frame)
{
    DU_PUSH(exprs);
    DU_PUSH(frame);
    a->roots = du_tl.shadowstack - 2;
}

static inline bool args_more(struct args *a)
{
    return ((DuObject *)a->roots[0].ss)->type == DUTYPE_CONS;
}

/* Evaluates the next expression; the result is not rooted. */
static inline DuObject *args_next(struct args *a)
{
    DuObject *v =
        du_eval(du_car((DuObject *)a->roots[0].ss), (DuObject *)a->roots[1].ss);
    a->roots[0].ss = (object_t *)du_cdr((DuObject *)a->roots[0].ss);
    return v;
}

static inline DuObject *args_frame(struct args *a)
{
    return (DuObject *)a->roots[1].ss;
}

/* Drops the two roots, and anything pushed after them. */
static inline void args_end(struct args *a)
{
    du_tl.shadowstack = a->roots;
}

static int32_t count(DuObject *exprs)
{
    int32_t n = 0;
    for (; exprs->type == DUTYPE_CONS; exprs = du_cdr(exprs))
        n++;
    return n;
}

static void expect_count(DuObject *exprs, int32_t n, const char *form)
{
    static const char *const words[] = {"no argument", "one argument",
                                        "two arguments", "three arguments"};
    if (count(exprs) != n)
        du_fatal("%s: expected %s", form, words[n]);
}

/* The single argument of a one-argument form, evaluated. */
static DuObject *eval_one(DuObject *exprs, DuObject *frame, const char *form)
{
    expect_count(exprs, 1, form);
    return du_eval(du_car(exprs), frame);
}

/* Both arguments of a two-argument form, evaluated in order. */
static void eval_two(DuObject *exprs, DuObject *frame, const char *form,
                     DuObject **a, DuObject **b)
{
    expect_count(exprs, 2, form);
    struct args it;
    args_begin(&it, exprs, frame);
    DuObject *first = args_next(&it);
    DU_PUSH(first);
    *b = args_next(&it);
    DU_POP(first);
    *a = first;
    args_end(&it);
}

/* ------------------------------------------------ control and scope */

static DuObject *du_b_progn(DuObject *exprs, DuObject *frame)
{
    return du_progn(exprs, frame);
}

static DuObject *du_b_setq(DuObject *exprs, DuObject *frame)
{
    if (count(exprs) % 2 != 0)
        du_fatal("setq: number of arguments is odd");
    DuObject *result = Du_None;
    struct args it;
    args_begin(&it, exprs, frame);
    while (args_more(&it)) {
        DuObject *symbol = du_car((DuObject *)it.roots[0].ss);
        if (symbol->type != DUTYPE_SYMBOL)
            du_fatal_type("setq", "symbol", symbol);
        it.roots[0].ss = (object_t *)du_cdr((DuObject *)it.roots[0].ss);
        result = args_next(&it);
        du_frame_set_variable((DuFrame *)args_frame(&it), symbol, result);
    }
    args_end(&it);
    return result;
}

static DuObject *du_b_if(DuObject *exprs, DuObject *frame)
{
    if (count(exprs) < 2)
        du_fatal("if: expected at least two arguments");
    DU_PUSH(exprs);
    DU_PUSH(frame);
    DuObject *cond = du_eval(du_car(exprs), frame);
    DU_POP(frame);
    DU_POP(exprs);
    DuObject *rest = du_cdr(exprs);
    if (du_is_true(cond))
        return du_eval(du_car(rest), frame);
    return du_progn(du_cdr(rest), frame);
}

static DuObject *du_b_while(DuObject *exprs, DuObject *frame)
{
    if (count(exprs) < 1)
        du_fatal("while: expected at least one argument");
    DU_PUSH(exprs);
    DU_PUSH(frame);
    struct stm_shadowentry_s *roots = du_tl.shadowstack - 2;
    while (du_is_true(du_eval(du_car(exprs), frame))) {
        du_progn(du_cdr((DuObject *)roots[0].ss), (DuObject *)roots[1].ss);
        exprs = (DuObject *)roots[0].ss;
        frame = (DuObject *)roots[1].ss;
        stm_safe_point();
    }
    du_tl.shadowstack = roots;
    return Du_None;
}

static DuObject *du_b_defun(DuObject *exprs, DuObject *frame)
{
    if (count(exprs) < 2)
        du_fatal("defun: expected a name, a parameter list and a body");
    DuObject *name = du_car(exprs);
    if (name->type != DUTYPE_SYMBOL)
        du_fatal_type("defun", "symbol", name);
    DuObject *params = du_car(du_cdr(exprs));
    for (DuObject *p = params; p != Du_None; p = du_cdr(p)) {
        if (p->type != DUTYPE_CONS || du_car(p)->type != DUTYPE_SYMBOL)
            du_fatal("defun: the parameters of '%s' must be a list of "
                     "symbols",
                     du_symbol_name(name));
    }
    du_frame_set_function((DuFrame *)frame, name, params,
                          du_cdr(du_cdr(exprs)));
    return Du_None;
}

static DuObject *du_b_quote(DuObject *exprs, DuObject *frame)
{
    (void)frame;
    expect_count(exprs, 1, "quote");
    return du_car(exprs);
}

static DuObject *du_b_defined(DuObject *exprs, DuObject *frame)
{
    expect_count(exprs, 1, "defined?");
    DuObject *symbol = du_car(exprs);
    if (symbol->type != DUTYPE_SYMBOL)
        du_fatal_type("defined?", "symbol", symbol);
    bool found = du_frame_get_variable((DuFrame *)frame, symbol) != NULL ||
                 du_frame_get_variable(du_globals, symbol) != NULL;
    return du_int_new(found);
}

/* --------------------------------------------------------- arithmetic */

enum arith_op {
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_MOD,
    OP_XOR,
    OP_SHL,
    OP_SHR
};

/* C int semantics without C's undefined behaviour: wrap-around, shift
   counts modulo 32 (what x86 does), INT_MIN / -1 == INT_MIN. */
static int32_t apply(enum arith_op op, int32_t a, int32_t b, const char *form)
{
    switch (op) {
    case OP_ADD:
        return (int32_t)((uint32_t)a + (uint32_t)b);
    case OP_SUB:
        return (int32_t)((uint32_t)a - (uint32_t)b);
    case OP_MUL:
        return (int32_t)((uint32_t)a * (uint32_t)b);
    case OP_DIV:
    case OP_MOD:
        if (b == 0)
            du_fatal("%s: division by zero", form);
        if (a == INT32_MIN && b == -1)
            return op == OP_DIV ? INT32_MIN : 0;
        return op == OP_DIV ? a / b : a % b;
    case OP_XOR:
        return a ^ b;
    case OP_SHL:
        return (int32_t)((uint32_t)a << (b & 31));
    case OP_SHR:
        return a >> (b & 31); /* arithmetic on this compiler and target */
    }
    return 0;
}

static DuObject *arith(DuObject *exprs, DuObject *frame, enum arith_op op,
                       const char *form)
{
    int32_t acc = op == OP_MUL ? 1 : 0;
    bool first = true;
    struct args it;
    args_begin(&it, exprs, frame);
    while (args_more(&it)) {
        int32_t v = du_int_value(args_next(&it), form);
        if (first && op != OP_ADD && op != OP_MUL)
            acc = v;
        else
            acc = apply(op, acc, v, form);
        first = false;
    }
    args_end(&it);
    return du_int_new(acc);
}

/* one built-in per operator: 'impl' with the operator and its name */
#define OPERATOR_FORM(name, impl, op, form)                 \
    static DuObject *name(DuObject *exprs, DuObject *frame) \
    {                                                       \
        return impl(exprs, frame, op, form);                \
    }
OPERATOR_FORM(du_b_add, arith, OP_ADD, "+")
OPERATOR_FORM(du_b_sub, arith, OP_SUB, "-")
OPERATOR_FORM(du_b_mul, arith, OP_MUL, "*")
OPERATOR_FORM(du_b_div, arith, OP_DIV, "/")
OPERATOR_FORM(du_b_mod, arith, OP_MOD, "%")
OPERATOR_FORM(du_b_xor, arith, OP_XOR, "^")
OPERATOR_FORM(du_b_shl, arith, OP_SHL, "<<")
OPERATOR_FORM(du_b_shr, arith, OP_SHR, ">>")

enum cmp_op { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };

static DuObject *compare(DuObject *exprs, DuObject *frame, enum cmp_op op,
                         const char *form)
{
    DuObject *oa, *ob;
    eval_two(exprs, frame, form, &oa, &ob);
    int32_t a = du_int_value(oa, form), b = du_int_value(ob, form);
    bool r = false;
    switch (op) {
    case CMP_LT:
        r = a < b;
        break;
    case CMP_LE:
        r = a <= b;
        break;
    case CMP_EQ:
        r = a == b;
        break;
    case CMP_NE:
        r = a != b;
        break;
    case CMP_GT:
        r = a > b;
        break;
    case CMP_GE:
        r = a >= b;
        break;
    }
    return du_int_new(r);
}

OPERATOR_FORM(du_b_lt, compare, CMP_LT, "<")
OPERATOR_FORM(du_b_le, compare, CMP_LE, "<=")
OPERATOR_FORM(du_b_eq, compare, CMP_EQ, "==")
OPERATOR_FORM(du_b_ne, compare, CMP_NE, "!=")
OPERATOR_FORM(du_b_gt, compare, CMP_GT, ">")
OPERATOR_FORM(du_b_ge, compare, CMP_GE, ">=")

/* (&& ...) stops at the first false argument, (|| ...) at the first true */
static DuObject *logic(DuObject *exprs, DuObject *frame, bool stop_when)
{
    bool result = !stop_when;
    struct args it;
    args_begin(&it, exprs, frame);
    while (args_more(&it)) {
        if (du_is_true(args_next(&it)) == stop_when) {
            result = stop_when;
            break;
        }
    }
    args_end(&it);
    return du_int_new(result);
}

static DuObject *du_b_and(DuObject *exprs, DuObject *frame)
{
    return logic(exprs, frame, false);
}

static DuObject *du_b_or(DuObject *exprs, DuObject *frame)
{
    return logic(exprs, frame, true);
}

static DuObject *du_b_not(DuObject *exprs, DuObject *frame)
{
    return du_int_new(!du_is_true(eval_one(exprs, frame, "not")));
}

/* ------------------------------------------------- data structures */

static DuObject *du_b_list(DuObject *exprs, DuObject *frame)
{
    struct args it;
    args_begin(&it, exprs, frame);
    DuObject *list = du_list_new();
    DU_PUSH(list);
    while (args_more(&it)) {
        DuObject *v = args_next(&it);
        du_list_append((DuObject *)it.roots[2].ss, v);
    }
    list = (DuObject *)it.roots[2].ss;
    args_end(&it);
    return list;
}

static DuObject *du_b_container(DuObject *exprs, DuObject *frame)
{
    int32_t n = count(exprs);
    if (n > 1)
        du_fatal("container: expected at most one argument");
    DuObject *v = n == 1 ? du_eval(du_car(exprs), frame) : Du_None;
    return du_container_new(v);
}

static DuObject *du_b_get(DuObject *exprs, DuObject *frame)
{
    int32_t n = count(exprs);
    if (n < 1)
        du_fatal("get: expected one or two arguments");
    struct args it;
    args_begin(&it, exprs, frame);
    DuObject *target = args_next(&it), *result;
    if (target->type == DUTYPE_LIST) {
        if (n != 2)
            du_fatal("get: expected two arguments with a list");
        DU_PUSH(target);
        int32_t index = du_int_value(args_next(&it), "get");
        DU_POP(target);
        result = du_list_get(target, index, "get");
    } else if (target->type == DUTYPE_CONTAINER) {
        if (n != 1)
            du_fatal("get: expected one argument with a container");
        result = du_container_get(target);
    } else {
        du_fatal("get: expected 'list' or 'container' argument, got '%s'",
                 du_type_name(target));
    }
    args_end(&it);
    return result;
}

static DuObject *du_b_set(DuObject *exprs, DuObject *frame)
{
    int32_t n = count(exprs);
    if (n < 2)
        du_fatal("set: expected two or three arguments");
    struct args it;
    args_begin(&it, exprs, frame);
    DuObject *target = args_next(&it);
    DU_PUSH(target);
    if (target->type == DUTYPE_LIST) {
        if (n != 3)
            du_fatal("set: expected three arguments with a list");
        int32_t index = du_int_value(args_next(&it), "set");
        DuObject *v = args_next(&it);
        du_list_set((DuObject *)it.roots[2].ss, index, v, "set");
    } else if (target->type == DUTYPE_CONTAINER) {
        if (n != 2)
            du_fatal("set: expected two arguments with a container");
        DuObject *v = args_next(&it);
        du_container_set((DuObject *)it.roots[2].ss, v);
    } else {
        du_fatal("set: expected 'list' or 'container' argument, got '%s'",
                 du_type_name(target));
    }
    args_end(&it);
    return Du_None;
}

static DuObject *du_b_append(DuObject *exprs, DuObject *frame)
{
    DuObject *list, *v;
    eval_two(exprs, frame, "append", &list, &v);
    if (list->type != DUTYPE_LIST)
        du_fatal_type("append", "list", list);
    DU_PUSH(list);
    du_list_append(list, v);
    DU_POP(list);
    return list;
}

static DuObject *du_b_pop(DuObject *exprs, DuObject *frame)
{
    int32_t n = count(exprs);
    if (n < 1 || n > 2)
        du_fatal("pop: expected one or two arguments");
    struct args it;
    args_begin(&it, exprs, frame);
    DuObject *list = args_next(&it);
    if (list->type != DUTYPE_LIST)
        du_fatal_type("pop", "list", list);
    int32_t index;
    if (n == 2) {
        DU_PUSH(list);
        index = du_int_value(args_next(&it), "pop");
        DU_POP(list);
    } else {
        index = du_list_length(list) - 1;
    }
    DuObject *result = du_list_pop(list, index, "pop");
    args_end(&it);
    return result;
}

static DuObject *du_b_len(DuObject *exprs, DuObject *frame)
{
    DuObject *list = eval_one(exprs, frame, "len");
    if (list->type != DUTYPE_LIST)
        du_fatal_type("len", "list", list);
    return du_int_new(du_list_length(list));
}

static DuObject *du_b_car(DuObject *exprs, DuObject *frame)
{
    DuObject *c = eval_one(exprs, frame, "car");
    if (c->type != DUTYPE_CONS)
        du_fatal_type("car", "cons", c);
    return du_car(c);
}

static DuObject *du_b_cdr(DuObject *exprs, DuObject *frame)
{
    DuObject *c = eval_one(exprs, frame, "cdr");
    if (c->type != DUTYPE_CONS)
        du_fatal_type("cdr", "cons", c);
    return du_cdr(c);
}

static DuObject *du_b_cons(DuObject *exprs, DuObject *frame)
{
    DuObject *a, *b;
    eval_two(exprs, frame, "cons", &a, &b);
    return du_cons_new(a, b);
}

static DuObject *du_b_pairp(DuObject *exprs, DuObject *frame)
{
    return du_int_new(eval_one(exprs, frame, "pair?")->type == DUTYPE_CONS);
}

static DuObject *du_b_type(DuObject *exprs, DuObject *frame)
{
    return du_symbol_intern(du_type_name(eval_one(exprs, frame, "type")));
}

/* ------------------------------------------------- the outside world */

static DuObject *du_b_print(DuObject *exprs, DuObject *frame)
{
    /* all the arguments first, as (list ...) evaluates them */
    DU_PUSH(du_b_list(exprs, frame));
    /* output cannot be taken back: from here on this transaction commits */
    stm_become_inevitable(&du_tl, "print");
    DuObject *values;
    DU_POP(values); /* may have moved */
    int32_t n = du_list_length(values);
    for (int32_t i = 0; i < n; i++) {
        if (i > 0)
            fputc(' ', stdout);
        du_print(du_list_get(values, i, "print"), stdout);
    }
    fputc('\n', stdout);
    return Du_None;
}

static DuObject *du_b_assert(DuObject *exprs, DuObject *frame)
{
    DU_PUSH(exprs);
    DuObject *v = eval_one(exprs, frame, "assert");
    if (!du_is_true(v)) {
        stm_become_inevitable(&du_tl, "assert failed");
        fputs("assert failed: ", stdout);
        du_print(du_car((DuObject *)du_tl.shadowstack[-1].ss), stdout);
        fputc('\n', stdout);
        du_fatal("assert failed");
    }
    DU_DROP();
    return Du_None;
}

static DuObject *du_b_sleepms(DuObject *exprs, DuObject *frame)
{
    int32_t ms = du_int_value(eval_one(exprs, frame, "sleepms"), "sleepms");
    if (ms < 0)
        ms = 0;
    /* the messages may repeat if the transaction is retried: sleeping is
       not made inevitable, so that sleeping transactions overlap */
    fprintf(stderr, "[sleeping %d ms]\n", ms);
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
    fprintf(stderr, "[slept %d ms]\n", ms);
    return Du_None;
}

static DuObject *du_b_time(DuObject *exprs, DuObject *frame)
{
    (void)frame;
    expect_count(exprs, 0, "time");
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
    return du_int_new((int32_t)(ms & 0x7fffffff));
}

/* ------------------------------------------------------ transactions */

static DuObject *du_b_transaction(DuObject *exprs, DuObject *frame)
{
    if (count(exprs) < 1)
        du_fatal("transaction: expected at least one argument");
    DuObject *name = du_car(exprs);
    if (name->type != DUTYPE_SYMBOL)
        du_fatal_type("transaction", "symbol", name);
    DuObject *params, *body;
    if (!du_frame_get_function((DuFrame *)frame, name, &params, &body) &&
        !du_frame_get_function(du_globals, name, &params, &body)) {
        if (((DuSymbol *)name)->info->builtin != NULL)
            du_fatal("transaction: '%s' is a built-in, not a function "
                     "defined with defun",
                     du_symbol_name(name));
        du_fatal("symbol not defined as a function: '%s'",
                 du_symbol_name(name));
    }
    DU_PUSH(body);
    DuFrame *callee = du_bind_call(name, params, du_cdr(exprs), frame);
    DU_POP(body);
    du_transaction_queue(body, callee);
    return Du_None;
}

static DuObject *du_b_run_transactions(DuObject *exprs, DuObject *frame)
{
    (void)frame;
    expect_count(exprs, 0, "run-transactions");
    du_run_transactions();
    return Du_None;
}

void du_builtins_setup(void)
{
    static const struct {
        const char *name;
        du_builtin_fn fn;
    } table[] = {
        {"progn", du_b_progn},
        {"setq", du_b_setq},
        {"print", du_b_print},
        {"+", du_b_add},
        {"-", du_b_sub},
        {"*", du_b_mul},
        {"/", du_b_div},
        {"%", du_b_mod},
        {"^", du_b_xor},
        {"<<", du_b_shl},
        {">>", du_b_shr},
        {"<", du_b_lt},
        {"<=", du_b_le},
        {"==", du_b_eq},
        {"!=", du_b_ne},
        {">", du_b_gt},
        {">=", du_b_ge},
        {"&&", du_b_and},
        {"||", du_b_or},
        {"not", du_b_not},
        {"if", du_b_if},
        {"while", du_b_while},
        {"quote", du_b_quote},
        {"list", du_b_list},
        {"container", du_b_container},
        {"get", du_b_get},
        {"set", du_b_set},
        {"append", du_b_append},
        {"pop", du_b_pop},
        {"len", du_b_len},
        {"car", du_b_car},
        {"cdr", du_b_cdr},
        {"cons", du_b_cons},
        {"pair?", du_b_pairp},
        {"defined?", du_b_defined},
        {"type", du_b_type},
        {"assert", du_b_assert},
        {"sleepms", du_b_sleepms},
        {"time", du_b_time},
        {"defun", du_b_defun},
        {"transaction", du_b_transaction},
        {"run-transactions", du_b_run_transactions},
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        du_symbol_set_builtin(table[i].name, table[i].fn);
    static const char *const type_symbols[] = {"int",  "symbol", "NoneType",
                                               "cons", "list",   "container"};
    for (size_t i = 0; i < 6; i++)
        du_symbol_intern(type_symbols[i]);
    du_frame_set_variable(du_globals, du_symbol_intern("None"), Du_None);
}
