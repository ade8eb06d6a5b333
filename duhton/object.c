/* object.c -- what every duhton object has: its type's name, size and
 * references (the stmgc callbacks), truth, printing; None; fatal errors
 * and the recursion limit.
 */
#include "duhton.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const type_names[DUTYPE__END] = {
    [DUTYPE_NONE] = "NoneType",     [DUTYPE_INT] = "int",
    [DUTYPE_SYMBOL] = "symbol",     [DUTYPE_CONS] = "cons",
    [DUTYPE_LIST] = "list",         [DUTYPE_CONTAINER] = "container",
    [DUTYPE_ITEMS] = "items",       [DUTYPE_FRAME] = "frame",
    [DUTYPE_BINDINGS] = "bindings",
};

const char *du_type_name(DuObject *o)
{
    return type_names[o->type];
}

/* ------------------------------------------------- stmgc's callbacks */

ssize_t stmcb_size_rounded_up(struct object_s *obj)
{
    struct du_object_s *o = (struct du_object_s *)obj;
    switch (o->type) {
    case DUTYPE_NONE:
        return 16;
    case DUTYPE_INT:
        return (sizeof(struct du_int_s) + 7) & ~7;
    case DUTYPE_SYMBOL:
        return sizeof(struct du_symbol_s);
    case DUTYPE_CONS:
        return sizeof(struct du_cons_s);
    case DUTYPE_LIST:
        return sizeof(struct du_list_s);
    case DUTYPE_CONTAINER:
        return sizeof(struct du_container_s);
    case DUTYPE_FRAME:
        return sizeof(struct du_frame_s);
    case DUTYPE_ITEMS:
        return sizeof(struct du_items_s) +
               ((struct du_items_s *)o)->capacity * sizeof(DuObject *);
    case DUTYPE_BINDINGS:
        return sizeof(struct du_bindings_s) +
               ((struct du_bindings_s *)o)->capacity *
                   sizeof(struct du_binding);
    }
    fprintf(stderr, "duhton: internal error: object of unknown type %u\n",
            o->type);
    abort();
}

void stmcb_trace(struct object_s *obj, void visit(object_t **))
{
    struct du_object_s *o = (struct du_object_s *)obj;
    switch (o->type) {
    case DUTYPE_CONS:
        visit((object_t **)&((struct du_cons_s *)o)->car);
        visit((object_t **)&((struct du_cons_s *)o)->cdr);
        break;
    case DUTYPE_LIST:
        visit((object_t **)&((struct du_list_s *)o)->items);
        break;
    case DUTYPE_CONTAINER:
        visit((object_t **)&((struct du_container_s *)o)->value);
        break;
    case DUTYPE_FRAME:
        visit((object_t **)&((struct du_frame_s *)o)->bindings);
        break;
    case DUTYPE_ITEMS: {
        struct du_items_s *it = (struct du_items_s *)o;
        for (int32_t i = 0; i < it->count; i++)
            visit((object_t **)&it->item[i]);
        break;
    }
    case DUTYPE_BINDINGS: {
        struct du_bindings_s *b = (struct du_bindings_s *)o;
        for (int32_t i = 0; i < b->count; i++) {
            visit((object_t **)&b->entry[i].symbol);
            visit((object_t **)&b->entry[i].value);
            visit((object_t **)&b->entry[i].params);
            visit((object_t **)&b->entry[i].body);
        }
        break;
    }
    default: /* None, int, symbol: no references */
        break;
    }
}

void stmcb_commit_soon(void)
{
}

/* ------------------------------------------------------ None, truth */

DuObject *Du_None;

void du_objects_setup(void)
{
    static struct du_object_s none_template = {.type = DUTYPE_NONE};
    Du_None =
        (DuObject *)stm_setup_prebuilt((object_t *)(uintptr_t)&none_template);
    du_ints_setup();
}

bool du_is_true(DuObject *o)
{
    switch (o->type) {
    case DUTYPE_NONE:
        return false;
    case DUTYPE_INT:
        return ((DuInt *)o)->value != 0;
    case DUTYPE_LIST:
        return du_list_length(o) != 0;
    default:
        return true;
    }
}

/* ---------------------------------------------------------- printing */

static void print_cons(DuObject *o, FILE *out)
{
    fputs("( ", out);
    while (1) {
        du_print(du_car(o), out);
        DuObject *next = du_cdr(o);
        if (next->type != DUTYPE_CONS) {
            if (next != Du_None) {
                fputs(" . ", out);
                du_print(next, out);
            }
            break;
        }
        fputc(' ', out);
        o = next;
    }
    fputs(" )", out);
}

/* Does not allocate: the caller's pointers stay valid. */
void du_print(DuObject *o, FILE *out)
{
    du_check_depth();
    switch (o->type) {
    case DUTYPE_NONE:
        fputs("None", out);
        break;
    case DUTYPE_INT:
        fprintf(out, "%d", ((DuInt *)o)->value);
        break;
    case DUTYPE_SYMBOL:
        fprintf(out, "'%s'", du_symbol_name(o));
        break;
    case DUTYPE_CONS:
        print_cons(o, out);
        break;
    case DUTYPE_LIST: {
        int32_t n = du_list_length(o);
        if (n == 0) {
            fputs("[]", out);
            break;
        }
        fputs("[ ", out);
        for (int32_t i = 0; i < n; i++) {
            du_print(du_list_get(o, i, "print"), out);
            fputc(' ', out);
        }
        fputc(']', out);
        break;
    }
    case DUTYPE_CONTAINER:
        fputs("<container ", out);
        du_print(du_container_get(o), out);
        fputc('>', out);
        break;
    default:
        fprintf(out, "<%s>", du_type_name(o));
        break;
    }
}

/* ------------------------------------------------------------ errors */

/* The error is reported from an inevitable transaction: becoming one
   validates what this transaction read, so an error seen in a state that
   another commit made obsolete is retried instead of reported. */
void du_fatal(const char *fmt, ...)
{
    if (du_tl.associated_segment_num > 0) /* in a transaction */
        stm_become_inevitable(&du_tl, "fatal error");
    fflush(stdout);
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fprintf(stderr, "Error: %s\n", msg);
    fflush(stderr);
    /* other threads may be running: leave without running atexit code */
    _exit(1);
}

void du_fatal_type(const char *form, const char *expected, DuObject *got)
{
    du_fatal("%s: expected '%s' argument, got '%s'", form, expected,
             du_type_name(got));
}

/* ------------------------------------------------- recursion limit */

/* Every duhton thread runs on a stack of DU_STACK_SIZE bytes; deep
   recursion stops with an error well before either the C stack or the
   shadow stack overflows. */
static __thread char *stack_limit;
static __thread struct stm_shadowentry_s *shadowstack_limit;

#define DU_STACK_MARGIN (512 * 1024)
#define DU_ROOTS_MARGIN 4096

extern size_t du_stack_size;

void du_thread_started(void)
{
    char *here = __builtin_frame_address(0);
    stack_limit = here - (du_stack_size - DU_STACK_MARGIN);
    shadowstack_limit =
        du_tl.shadowstack_base + STM_SHADOW_STACK_DEPTH - DU_ROOTS_MARGIN;
}

void du_check_depth(void)
{
    char *here = __builtin_frame_address(0);
    if (UNLIKELY(here < stack_limit || du_tl.shadowstack > shadowstack_limit))
        du_fatal("maximum recursion depth exceeded");
}
