/* assemble.c -- pass 3 of the compiler: a unit's blocks become a code
 * object.
 *
 *  1. Walk the control-flow graph from the entry with the stack of open
 *     SETUP_* pseudo-instructions: each instruction learns the handler
 *     that protects it, each handler block starts with the stack of
 *     handlers outside its SETUP.
 *  2. Walk it again with stack depths (a SETUP_*'s handler starts at the
 *     depth of the setup, plus the exception, plus the offset of the
 *     failing instruction for cleanups) to get the maximum depth and
 *     each handler's depth.
 *  3. Drop the pseudo-instructions, give every reachable instruction its
 *     index, resolve jumps, and merge consecutive instructions with the
 *     same handler into ranges of the exception table.
 *  4. Make the constants (nested code objects first) and names into heap
 *     objects, rooted on the shadow stack while the next ones are made,
 *     and the code object last.
 */
#include "../objects/abstract.h"
#include "../objects/bytesobject.h"
#include "../objects/complexobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/floatobject.h"
#include "../objects/intobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "compile_internal.h"

#include <stdlib.h>
#include <string.h>

PyType *pytype_code;

static bool is_jump(int op)
{
    switch (op) {
    case OP_JUMP:
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE:
    case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE:
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP:
    case OP_FOR_ITER:
    case OP_SEND:
    case PSEUDO_JUMP_NO_INTERRUPT:
        return true;
    default:
        return false;
    }
}

static bool is_setup(int op)
{
    return op == PSEUDO_SETUP_FINALLY || op == PSEUDO_SETUP_CLEANUP ||
           op == PSEUDO_SETUP_WITH;
}

/* control never reaches the next instruction */
static bool ends_block(int op)
{
    return op == OP_JUMP || op == PSEUDO_JUMP_NO_INTERRUPT ||
           op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS || op == OP_RERAISE;
}

int pycomp_stack_effect(int op, int arg, bool jump)
{
    switch (op) {
    case OP_NOP:
    case OP_SWAP:
    case OP_DELETE_FAST:
    case OP_DELETE_DEREF:
    case OP_DELETE_GLOBAL:
    case OP_DELETE_NAME:
    case OP_LOAD_ATTR:
    case OP_UNARY_NEGATIVE:
    case OP_UNARY_POSITIVE:
    case OP_UNARY_INVERT:
    case OP_UNARY_NOT:
    case OP_LIST_TO_TUPLE:
    case OP_JUMP:
    case OP_GET_ITER:
    case OP_KW_NAMES:
    case OP_SETUP_ANNOTATIONS:
    case OP_CHECK_EXC_MATCH:
    case OP_YIELD_VALUE:
    case OP_GET_YIELD_FROM_ITER:
    case OP_DELETE_LOCALS_ENTRY:
    case PSEUDO_SETUP_FINALLY:
    case PSEUDO_SETUP_CLEANUP:
    case PSEUDO_SETUP_WITH:
    case PSEUDO_POP_BLOCK:
    case PSEUDO_JUMP_NO_INTERRUPT:
        return 0;
    case OP_PUSH_NULL:
    case OP_COPY:
    case OP_LOAD_CONST:
    case OP_LOAD_FAST:
    case OP_LOAD_DEREF:
    case OP_LOAD_CLOSURE:
    case OP_LOAD_CLASSDEREF:
    case OP_LOAD_GLOBAL:
    case OP_LOAD_NAME:
    case OP_LOAD_METHOD:
    case OP_LOAD_BUILD_CLASS:
    case OP_PUSH_EXC_INFO:
    case OP_LOAD_ASSERTION_ERROR:
    case OP_BEFORE_WITH:
    case OP_WITH_EXCEPT_START:
    case OP_IMPORT_FROM:
    case OP_GET_LEN:
        return 1;
    case OP_POP_TOP:
    case OP_STORE_FAST:
    case OP_STORE_DEREF:
    case OP_STORE_GLOBAL:
    case OP_STORE_NAME:
    case OP_DELETE_ATTR:
    case OP_BINARY_SUBSCR:
    case OP_BINARY_OP:
    case OP_COMPARE_OP:
    case OP_IS_OP:
    case OP_CONTAINS_OP:
    case OP_LIST_APPEND:
    case OP_SET_ADD:
    case OP_LIST_EXTEND:
    case OP_SET_UPDATE:
    case OP_DICT_UPDATE:
    case OP_DICT_MERGE:
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE:
    case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE:
    case OP_RETURN_VALUE:
    case OP_RERAISE:
    case OP_POP_EXCEPT:
    case OP_IMPORT_NAME:
    case OP_IMPORT_STAR:
    case OP_PRINT_EXPR:
        return -1;
    case OP_STORE_ATTR:
    case OP_DELETE_SUBSCR:
    case OP_MAP_ADD:
        return -2;
    case OP_STORE_SUBSCR:
        return -3;
    case OP_BUILD_SLICE:
    case OP_BUILD_TUPLE:
    case OP_BUILD_LIST:
    case OP_BUILD_SET:
    case OP_BUILD_STRING:
        return 1 - arg;
    case OP_BUILD_MAP:
        return 1 - 2 * arg;
    case OP_BUILD_CONST_KEY_MAP:
        return -arg;
    case OP_FORMAT_VALUE:
        return (arg & 4) ? -1 : 0;
    case OP_UNPACK_SEQUENCE:
        return arg - 1;
    case OP_UNPACK_EX:
        return (arg & 0xFF) + (arg >> 8);
    case OP_JUMP_IF_FALSE_OR_POP:
    case OP_JUMP_IF_TRUE_OR_POP:
        return jump ? 0 : -1;
    case OP_FOR_ITER:
        return jump ? -1 : 1;
    case OP_SEND:
        return jump ? -1 : 0;
    case OP_CALL:
        return -arg - 1;
    case OP_CALL_FUNCTION_EX:
        return -2 - (arg & 1);
    case OP_MAKE_FUNCTION:
        return -__builtin_popcount((unsigned)arg & 0xF);
    case OP_RAISE_VARARGS:
        return -arg;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------ handlers */

struct worklist {
    cblock **items;
    int n, cap;
};

static void push_block(struct worklist *w, cblock *b)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->items = realloc(w->items, (size_t)w->cap * sizeof(cblock *));
    }
    w->items[w->n++] = b;
}

/* the handler of each instruction, by (block, index) */
struct labels {
    cinstr ***of; /* per block (by visit order), per instruction */
};

static cinstr **copy_stack(pyast_arena *a, cinstr **stack, int n)
{
    cinstr **s = pyast_alloc(a, (size_t)(n + 1) * sizeof(cinstr *));
    memcpy(s, stack, (size_t)n * sizeof(cinstr *));
    return s;
}

/* Gives every block its handler stack on entry; instructions get their
   handler when emitted (step 3) by replaying the block's stack. */
static void label_handlers(struct compiler *c, cunit *u)
{
    struct worklist w = {NULL, 0, 0};
    u->first->handlers = NULL;
    u->first->nhandlers = 0;
    u->first->visited = true;
    push_block(&w, u->first);
    cinstr *stack[256];
    while (w.n > 0) {
        cblock *b = w.items[--w.n];
        int depth = b->nhandlers;
        if (depth > 0) /* the entry block's handlers are NULL */
            memcpy(stack, b->handlers, (size_t)depth * sizeof(cinstr *));
        bool falls_through = true;
        for (int i = 0; i < b->n; i++) {
            cinstr *in = &b->instr[i];
            if (is_setup(in->op)) {
                /* the handler runs outside this setup */
                cblock *t = in->target;
                if (!t->visited) {
                    t->visited = true;
                    t->handlers = copy_stack(c->arena, stack, depth);
                    t->nhandlers = depth;
                    push_block(&w, t);
                }
                if (depth < 255)
                    stack[depth++] = in;
            } else if (in->op == PSEUDO_POP_BLOCK) {
                if (depth > 0)
                    depth--;
            } else if (is_jump(in->op)) {
                cblock *t = in->target;
                if (!t->visited) {
                    t->visited = true;
                    t->handlers = copy_stack(c->arena, stack, depth);
                    t->nhandlers = depth;
                    push_block(&w, t);
                }
            }
            if (ends_block(in->op)) {
                falls_through = false;
                break;
            }
        }
        if (falls_through && b->next && !b->next->visited) {
            b->next->visited = true;
            b->next->handlers = copy_stack(c->arena, stack, depth);
            b->next->nhandlers = depth;
            push_block(&w, b->next);
        }
    }
    free(w.items);
}

/* ------------------------------------------------------------ depths */

static bool set_depth(struct worklist *w, cblock *b, int depth)
{
    if (b->depth >= 0)
        return b->depth == depth;
    b->depth = depth;
    push_block(w, b);
    return true;
}

/* the depth each SETUP's handler unwinds to, by the SETUP instruction */
static int handler_depth(cinstr *setup, int depth)
{
    return setup->op == PSEUDO_SETUP_WITH ? depth - 1 : depth;
}

static int compute_depths(cunit *u)
{
    for (cblock *b = u->first; b; b = b->next)
        b->depth = -1;
    struct worklist w = {NULL, 0, 0};
    int max = 0;
    set_depth(&w, u->first, 0);
    while (w.n > 0) {
        cblock *b = w.items[--w.n];
        int depth = b->depth;
        bool falls_through = true;
        for (int i = 0; i < b->n; i++) {
            cinstr *in = &b->instr[i];
            if (is_setup(in->op)) {
                int hd = handler_depth(in, depth);
                /* the handler starts with the exception pushed (and the
                   offset below it for a cleanup) */
                int entry = hd + 1 + (in->op == PSEUDO_SETUP_CLEANUP);
                if (entry > max)
                    max = entry;
                set_depth(&w, in->target, entry);
                in->arg = hd; /* remembered for the table */
            }
            if (is_jump(in->op)) {
                int jd = depth + pycomp_stack_effect(in->op, in->arg, true);
                if (jd > max)
                    max = jd;
                set_depth(&w, in->target, jd);
            }
            depth += pycomp_stack_effect(in->op, in->arg, false);
            if (depth > max)
                max = depth;
            if (ends_block(in->op)) {
                falls_through = false;
                break;
            }
        }
        if (falls_through && b->next)
            set_depth(&w, b->next, depth);
    }
    free(w.items);
    return max;
}

/* ------------------------------------------------------------ layout */

struct emitted {
    uint32_t *instr;
    struct pycode_pos *pos;
    cinstr **handler; /* per instruction: its SETUP, or NULL */
    int n, cap;
};

static void emit_final(struct emitted *e, uint32_t word, struct pycode_pos pos,
                       cinstr *handler)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 256;
        e->instr = realloc(e->instr, (size_t)e->cap * sizeof(uint32_t));
        e->pos = realloc(e->pos, (size_t)e->cap * sizeof(*e->pos));
        e->handler = realloc(e->handler, (size_t)e->cap * sizeof(cinstr *));
    }
    e->instr[e->n] = word;
    e->pos[e->n] = pos;
    e->handler[e->n] = handler;
    e->n++;
}

/* Two passes: offsets, then instructions with resolved targets. */
static void layout(cunit *u, struct emitted *out)
{
    int offset = 0;
    for (cblock *b = u->first; b; b = b->next) {
        b->offset = offset;
        if (b->depth < 0)
            continue; /* unreachable: dropped */
        for (int i = 0; i < b->n; i++) {
            int op = b->instr[i].op;
            if (op < OP__COUNT || op == PSEUDO_JUMP_NO_INTERRUPT)
                offset++;
        }
    }
    for (cblock *b = u->first; b; b = b->next) {
        if (b->depth < 0)
            continue;
        cinstr *stack[256];
        int depth = b->nhandlers;
        if (depth > 0) /* the entry block's handlers are NULL */
            memcpy(stack, b->handlers, (size_t)depth * sizeof(cinstr *));
        for (int i = 0; i < b->n; i++) {
            cinstr *in = &b->instr[i];
            if (is_setup(in->op)) {
                if (depth < 255)
                    stack[depth++] = in;
                continue;
            }
            if (in->op == PSEUDO_POP_BLOCK) {
                if (depth > 0)
                    depth--;
                continue;
            }
            int op = in->op == PSEUDO_JUMP_NO_INTERRUPT ? OP_JUMP : in->op;
            int arg = in->arg;
            if (is_jump(in->op)) {
                /* a jump to an empty or unreachable block goes on to the
                   next block with code */
                cblock *t = in->target;
                arg = t->offset;
            }
            emit_final(out, (uint32_t)op | ((uint32_t)arg << 8), in->pos,
                       depth ? stack[depth - 1] : NULL);
        }
    }
}

/* ------------------------------------------------------------ objects */

static pyval const_value(struct compiler *c, cconst *k);

pyval pycomp_constant_value(const pyast_constant *v)
{
    switch (v->kind) {
    case PYAST_CONST_NONE:
        return py_None;
    case PYAST_CONST_TRUE:
        return py_True;
    case PYAST_CONST_FALSE:
        return py_False;
    case PYAST_CONST_ELLIPSIS:
        return py_Ellipsis;
    case PYAST_CONST_INT:
        return pyint_from_digits(v->s, v->len, v->base);
    case PYAST_CONST_FLOAT:
        return pyfloat_from_double(v->f);
    case PYAST_CONST_COMPLEX:
        return pycomplex_from_doubles(0.0, v->f);
    case PYAST_CONST_STR:
        return pystr_from_utf8(v->s, v->len);
    case PYAST_CONST_BYTES:
        return pybytes_from_data(v->s, (int64_t)v->len);
    default:
        return pyerr_format(pyexc_SystemError,
                            "pystm cannot make this constant yet (bytes "
                            "literals are not supported)");
    }
}

/* a tuple of interned strings, from C names */
static pyval name_tuple(const char **names, int n)
{
    pyval t = pytuple_new(n);
    for (int i = 0; i < n; i++) {
        PY_PUSHV(t);
        pyval s = pystr_intern_utf8(names[i], strlen(names[i]));
        PY_POPV(t);
        if (s == 0)
            return 0;
        pytuple_init_item(t, i, s);
    }
    return t;
}

static pyval const_value(struct compiler *c, cconst *k)
{
    switch (k->kind) {
    case CCONST_AST:
        return pycomp_constant_value(k->ast);
    case CCONST_NONE:
        return py_None;
    case CCONST_STR:
        return pystr_from_utf8(k->str, k->len);
    case CCONST_INT:
        return pyint_from_int64(k->integer);
    case CCONST_CODE:
        return pycomp_assemble(c, k->code);
    default: /* CCONST_STRTUPLE */
        return name_tuple(k->strs, k->nstrs);
    }
}

size_t pycode_gc_size(struct pyobj_s *o)
{
    struct pycode_s *code = (struct pycode_s *)o;
    size_t n = (size_t)code->ninstr;
    return sizeof(struct pycode_s) + ((n + 1) & ~(size_t)1) * 4 +
           n * sizeof(struct pycode_pos) +
           (size_t)code->nhandlers * sizeof(struct pycode_handler);
}

void pycode_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pycode_s *code = (struct pycode_s *)o;
    pyval_visit(&code->consts, visit);
    pyval_visit(&code->names, visit);
    pyval_visit(&code->varnames, visit);
    pyval_visit(&code->cellvars, visit);
    pyval_visit(&code->freevars, visit);
    pyval_visit(&code->filename, visit);
    pyval_visit(&code->name, visit);
    pyval_visit(&code->qualname, visit);
}

/* the exception table: ranges of instructions with the same handler */
static int build_handlers(struct emitted *e, struct pycode_handler *out)
{
    int n = 0;
    for (int i = 0; i < e->n;) {
        cinstr *h = e->handler[i];
        int j = i + 1;
        while (j < e->n && e->handler[j] == h)
            j++;
        if (h != NULL) {
            if (out) {
                out[n].start = i;
                out[n].end = j;
                out[n].target = h->target->offset;
                out[n].depth = h->arg;
                out[n].lasti = h->op == PSEUDO_SETUP_CLEANUP;
            }
            n++;
        }
        i = j;
    }
    return n;
}

pyval pycomp_assemble(struct compiler *c, cunit *u)
{
    label_handlers(c, u);
    int stacksize = compute_depths(u);
    struct emitted e = {NULL, NULL, NULL, 0, 0};
    layout(u, &e);
    if (e.n > PYVM_MAX_ARG || u->nconsts > PYVM_MAX_ARG) {
        free(e.instr);
        free(e.pos);
        free(e.handler);
        return pyerr_format(pyexc_SystemError, "function too big to compile");
    }
    int nhandlers = build_handlers(&e, NULL);

    /* the constants, then every name tuple, each rooted in turn */
    pyval consts = pytuple_new(u->nconsts);
    for (int i = 0; i < u->nconsts && consts; i++) {
        PY_PUSHV(consts);
        pyval v = const_value(c, &u->consts[i]);
        PY_POPV(consts);
        if (v == 0)
            consts = 0;
        else
            pytuple_init_item(consts, i, v);
    }
    pyval parts[8] = {consts};
    int nparts = 1;
    const cnames *tables[4] = {&u->names, &u->varnames, &u->cellvars,
                               &u->freevars};
    for (int t = 0; t < 4 && parts[0]; t++) {
        for (int k = 0; k < nparts; k++)
            PY_PUSHV(parts[k]);
        pyval v = name_tuple(tables[t]->name, tables[t]->n);
        for (int k = nparts - 1; k >= 0; k--)
            PY_POPV(parts[k]);
        if (v == 0)
            parts[0] = 0;
        parts[nparts++] = v;
    }
    const char *texts[3] = {c->filename, u->name, u->qualname};
    for (int t = 0; t < 3 && parts[0]; t++) {
        for (int k = 0; k < nparts; k++)
            PY_PUSHV(parts[k]);
        pyval v = t == 0 ? pystr_from_cstr(texts[t])
                         : pystr_intern_utf8(texts[t], strlen(texts[t]));
        for (int k = nparts - 1; k >= 0; k--)
            PY_POPV(parts[k]);
        if (v == 0)
            parts[0] = 0;
        parts[nparts++] = v;
    }
    if (parts[0] == 0) {
        free(e.instr);
        free(e.pos);
        free(e.handler);
        return 0;
    }

    size_t ninstr = (size_t)e.n;
    size_t size = sizeof(struct pycode_s) + ((ninstr + 1) & ~(size_t)1) * 4 +
                  ninstr * sizeof(struct pycode_pos) +
                  (size_t)nhandlers * sizeof(struct pycode_handler);
    for (int k = 0; k < nparts; k++)
        PY_PUSHV(parts[k]);
    PyCode *code = (PyCode *)pyobj_alloc(size, PYL_CODE, pytype_code);
    for (int k = nparts - 1; k >= 0; k--)
        PY_POPV(parts[k]);
    struct pycode_s *r = (struct pycode_s *)pyobj_real((PyObj *)code);
    r->consts = parts[0];
    r->names = parts[1];
    r->varnames = parts[2];
    r->cellvars = parts[3];
    r->freevars = parts[4];
    r->filename = parts[5];
    r->name = parts[6];
    r->qualname = parts[7];
    r->argcount = u->argcount;
    r->posonlyargcount = u->posonlyargcount;
    r->kwonlyargcount = u->kwonlyargcount;
    r->flags = u->flags | (u->freevars.n == 0 ? PYCODE_NOFREE : 0);
    r->nlocals = u->varnames.n;
    r->stacksize = stacksize;
    r->nslots = u->varnames.n + u->cellvars.n + u->freevars.n + stacksize;
    r->firstlineno = u->firstlineno;
    r->ninstr = (int32_t)ninstr;
    r->nhandlers = nhandlers;
    r->cell2arg_offset = 0;
    r->pad = 0;
    r->cache = NULL;
    memcpy(r->data, e.instr, ninstr * 4);
    char *pos = (char *)r->data + ((ninstr + 1) & ~(size_t)1) * 4;
    memcpy(pos, e.pos, ninstr * sizeof(struct pycode_pos));
    build_handlers(
        &e,
        (struct pycode_handler *)(pos + ninstr * sizeof(struct pycode_pos)));
    free(e.instr);
    free(e.pos);
    free(e.handler);
    return pyval_from_obj((PyObj *)code);
}
