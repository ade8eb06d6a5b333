/* duhton.h -- the duhton interpreter: a tiny Lisp whose every object lives
 * in the stmgc heap (language: ../shared/DUHTON.md, design: doc/duhton.md).
 *
 * Built twice from the same sources: `duhton` against libstmgc and
 * `duhton-gil` against libstmgc-gil (-DSTMGC_GIL).
 *
 * Rules every C function here follows:
 *  - A pointer to a heap object held across anything that may allocate
 *    (or become inevitable, or commit) is on the shadow stack: DU_PUSH /
 *    DU_POP around the call.  Allocation may move young objects.
 *  - Ints, symbols and cons cells never change after they are built: they
 *    are read without a read barrier.  Lists, containers and frames
 *    change: du_read() before reading them, du_write() before changing.
 *  - The type of an object never changes, so reading it needs no barrier.
 */
#ifndef DUHTON_H
#define DUHTON_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stmgc.h>

typedef TLPREFIX struct du_object_s DuObject;
typedef TLPREFIX struct du_int_s DuInt;
typedef TLPREFIX struct du_symbol_s DuSymbol;
typedef TLPREFIX struct du_cons_s DuCons;
typedef TLPREFIX struct du_list_s DuList;
typedef TLPREFIX struct du_items_s DuItems;
typedef TLPREFIX struct du_container_s DuContainer;
typedef TLPREFIX struct du_frame_s DuFrame;
typedef TLPREFIX struct du_bindings_s DuBindings;
typedef TLPREFIX struct du_binding DuBinding;

enum du_type {
    DUTYPE_NONE = 1,
    DUTYPE_INT,
    DUTYPE_SYMBOL,
    DUTYPE_CONS,
    DUTYPE_LIST,
    DUTYPE_CONTAINER,
    DUTYPE_ITEMS,    /* internal: the item array of a list */
    DUTYPE_FRAME,    /* internal: a scope */
    DUTYPE_BINDINGS, /* internal: the sorted bindings of a frame */
    DUTYPE__END
};

struct du_object_s {
    struct object_s hdr;
    uint32_t type;
};

struct du_int_s {
    struct du_object_s ob;
    int32_t value;
};

/* A built-in form gets its arguments unevaluated. */
typedef DuObject *(*du_builtin_fn)(DuObject *args, DuObject *frame);

/* What a symbol knows outside the heap: symbols are immortal and unique
   per name, created only while no worker thread runs (by the parser). */
struct du_symbol_info {
    char *name;
    int32_t id;
    du_builtin_fn builtin; /* NULL if not a built-in form */
    /* set once some defun named this symbol: until then a call goes
       straight to the built-in without looking into frames */
    _Atomic bool maybe_function;
    DuSymbol *heap;
};

struct du_symbol_s {
    struct du_object_s ob;
    int32_t id;
    struct du_symbol_info *info;
};

struct du_cons_s {
    struct du_object_s ob;
    DuObject *car, *cdr;
};

struct du_list_s {
    struct du_object_s ob;
    DuItems *items;
};

struct du_items_s {
    struct du_object_s ob;
    int32_t count, capacity;
    DuObject *item[];
};

struct du_container_s {
    struct du_object_s ob;
    DuObject *value;
};

struct du_frame_s {
    struct du_object_s ob;
    DuBindings *bindings; /* NULL while empty */
};

/* One name in a frame: a variable, a function, or both (separate
   namespaces).  Absent parts are NULL. */
struct du_binding {
    DuSymbol *symbol;
    DuObject *value;
    DuObject *params, *body;
};

struct du_bindings_s {
    struct du_object_s ob;
    int32_t count, capacity; /* sorted by symbol id */
    struct du_binding entry[];
};

/* ------------------------------------------------------------ threads */

extern __thread stm_thread_local_t du_tl;

#define DU_PUSH(p) STM_PUSH_ROOT(du_tl, (p))
#define DU_POP(p)  STM_POP_ROOT(du_tl, (p))
#define DU_DROP()  STM_POP_ROOT_DROP(du_tl)

static inline void du_read(DuObject *o)
{
    stm_read((object_t *)o);
}

static inline void du_write(DuObject *o)
{
    stm_write((object_t *)o);
}

/* ------------------------------------------------------------ objects */

extern DuObject *Du_None;
extern DuFrame *du_globals;

void du_objects_setup(void);
const char *du_type_name(DuObject *o);
bool du_is_true(DuObject *o);
void du_print(DuObject *o, FILE *out);

void du_ints_setup(void);
DuObject *du_int_new(int32_t v);
int32_t du_int_value(DuObject *o, const char *form);

DuObject *du_symbol_intern(const char *name);
DuObject *du_symbol_intern_len(const char *name, size_t len);
void du_symbol_set_builtin(const char *name, du_builtin_fn fn);
static inline const char *du_symbol_name(DuObject *o)
{
    return ((DuSymbol *)o)->info->name;
}

DuObject *du_cons_new(DuObject *car, DuObject *cdr);
static inline DuObject *du_car(DuObject *o)
{
    return ((DuCons *)o)->car;
}
static inline DuObject *du_cdr(DuObject *o)
{
    return ((DuCons *)o)->cdr;
}

DuObject *du_list_new(void);
int32_t du_list_length(DuObject *list);
DuObject *du_list_get(DuObject *list, int32_t index, const char *form);
void du_list_set(DuObject *list, int32_t index, DuObject *v, const char *form);
void du_list_append(DuObject *list, DuObject *v);
DuObject *du_list_pop(DuObject *list, int32_t index, const char *form);

DuObject *du_container_new(DuObject *v);
DuObject *du_container_get(DuObject *c);
void du_container_set(DuObject *c, DuObject *v);

DuFrame *du_frame_new(int32_t capacity);
/* the variable bound to 'symbol' in 'frame' only, or NULL */
DuObject *du_frame_get_variable(DuFrame *frame, DuObject *symbol);
void du_frame_set_variable(DuFrame *frame, DuObject *symbol, DuObject *value);
void du_frame_set_function(DuFrame *frame, DuObject *symbol, DuObject *params,
                           DuObject *body);
/* the function bound to 'symbol' in 'frame' only: true and its parts */
bool du_frame_get_function(DuFrame *frame, DuObject *symbol, DuObject **params,
                           DuObject **body);

/* ------------------------------------------------------------ runtime */

void du_fatal(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));
void du_fatal_type(const char *form, const char *expected, DuObject *got)
    __attribute__((noreturn));
void du_check_depth(void);
void du_thread_started(void);

/* parser.c: all the forms of a source text as a cons chain (Du_None if
   there are none).  Unbalanced parentheses are fatal, except that with
   'incomplete' non-NULL a missing ')' sets it and returns NULL (the REPL
   then reads another line). */
DuObject *du_parse(const char *text, size_t len, bool *incomplete);

/* eval.c */
DuObject *du_eval(DuObject *expr, DuObject *frame);
DuObject *du_progn(DuObject *body, DuObject *frame);
/* a fresh frame for calling the user function 'name' with the
   unevaluated 'args' evaluated in 'caller' */
DuFrame *du_bind_call(DuObject *name, DuObject *params, DuObject *args,
                      DuObject *caller);

/* builtins.c */
void du_builtins_setup(void);

/* transaction.c */
extern int du_num_threads;
extern size_t du_stack_size;
extern __thread bool du_is_main_thread;
#include <pthread.h>
pthread_t du_start_thread(void *(*fn)(void *), void *arg);
void du_transaction_queue(DuObject *body, DuFrame *frame);
void du_run_transactions(void);
bool du_transactions_pending(void);

#endif
