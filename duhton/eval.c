/* eval.c -- evaluation: symbols look up the running call's frame, then
 * the globals; a cons is a call; everything else evaluates to itself.
 */
#include "duhton.h"

static DuObject *lookup_variable(DuObject *symbol, DuObject *frame)
{
    DuObject *v = du_frame_get_variable((DuFrame *)frame, symbol);
    if (v == NULL && frame != (DuObject *)du_globals)
        v = du_frame_get_variable(du_globals, symbol);
    if (UNLIKELY(v == NULL))
        du_fatal("symbol not defined as a variable: '%s'",
                 du_symbol_name(symbol));
    return v;
}

DuFrame *du_bind_call(DuObject *name, DuObject *params, DuObject *args,
                      DuObject *caller)
{
    int32_t nparams = 0;
    for (DuObject *p = params; p->type == DUTYPE_CONS; p = du_cdr(p))
        nparams++;
    DU_PUSH(name);
    DU_PUSH(params);
    DU_PUSH(args);
    DU_PUSH(caller);
    DuFrame *callee = du_frame_new(nparams);
    DU_PUSH(callee);
    /* shadow stack: name, params, args, caller, callee */
    struct stm_shadowentry_s *roots = du_tl.shadowstack - 5;
    params = (DuObject *)roots[1].ss; /* the allocation may have moved them */
    args = (DuObject *)roots[2].ss;
    while (params->type == DUTYPE_CONS) {
        if (args->type != DUTYPE_CONS)
            du_fatal("call to '%s': not enough arguments",
                     du_symbol_name(name));
        DuObject *v = du_eval(du_car(args), (DuObject *)roots[3].ss);
        params = (DuObject *)roots[1].ss;
        du_frame_set_variable((DuFrame *)roots[4].ss, du_car(params), v);
        params = du_cdr((DuObject *)roots[1].ss);
        args = du_cdr((DuObject *)roots[2].ss);
        roots[1].ss = (object_t *)params;
        roots[2].ss = (object_t *)args;
    }
    if (args != Du_None)
        du_fatal("call to '%s': too many arguments", du_symbol_name(name));
    DU_POP(callee);
    du_tl.shadowstack -= 4;
    return callee;
}

static DuObject *call(DuObject *expr, DuObject *frame)
{
    du_check_depth();
    DuObject *head = du_car(expr);
    if (UNLIKELY(head->type != DUTYPE_SYMBOL))
        du_fatal("expected a symbol to call, got '%s'", du_type_name(head));
    struct du_symbol_info *info = ((DuSymbol *)head)->info;
    if (atomic_load_explicit(&info->maybe_function, memory_order_relaxed)) {
        DuObject *params, *body;
        if (du_frame_get_function((DuFrame *)frame, head, &params, &body) ||
            (frame != (DuObject *)du_globals &&
             du_frame_get_function(du_globals, head, &params, &body))) {
            DU_PUSH(body);
            DuFrame *callee = du_bind_call(head, params, du_cdr(expr), frame);
            DU_POP(body);
            return du_progn(body, (DuObject *)callee);
        }
    }
    if (LIKELY(info->builtin != NULL))
        return info->builtin(du_cdr(expr), frame);
    du_fatal("symbol not defined as a function: '%s'", info->name);
}

DuObject *du_eval(DuObject *expr, DuObject *frame)
{
    switch (expr->type) {
    case DUTYPE_SYMBOL:
        return lookup_variable(expr, frame);
    case DUTYPE_CONS:
        return call(expr, frame);
    default:
        return expr;
    }
}

DuObject *du_progn(DuObject *body, DuObject *frame)
{
    DuObject *result = Du_None;
    DU_PUSH(body);
    DU_PUSH(frame);
    struct stm_shadowentry_s *roots = du_tl.shadowstack - 2;
    while (body->type == DUTYPE_CONS) {
        result = du_eval(du_car(body), frame);
        body = du_cdr((DuObject *)roots[0].ss);
        roots[0].ss = (object_t *)body;
        frame = (DuObject *)roots[1].ss;
    }
    du_tl.shadowstack = roots;
    return result;
}
