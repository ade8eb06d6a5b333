/* eval.c -- the evaluation loop.
 *
 * One C invocation of run() executes a chain of Python frames: a call of
 * a Python function pushes its frame and continues in the same loop, a
 * return pops back to the caller, so Python recursion does not grow the
 * C stack (RecursionError comes from the thread state's depth count).
 *
 * The running frame is a heap object and may move whenever anything
 * allocates: its address lives in a shadow stack slot ('root') and
 * RELOAD() re-reads it (and re-arms the write barrier, which a minor
 * collection may have set again) after every operation that can
 * allocate.  ip and sp are C variables, stored into the frame when the
 * loop leaves it: a call, an exception, a transaction break.
 *
 * Transaction breaks happen at safe points (backward jumps and calls):
 * every pyvm_tx_ticks of them the transaction commits and the next one
 * starts.  If that next one aborts, stmgc rewinds the C stack to the
 * start and the heap to the state committed: the loop resumes from the
 * frame's stored ip and sp, exactly where it broke.
 */
#include "../objects/abstract.h"
#include "../objects/attrcache.h"
#include "../objects/classobject.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/funcobject.h"
#include "../objects/genobject.h"
#include "../objects/floatobject.h"
#include "../objects/intobject.h"
#include "../objects/listobject.h"
#include "../objects/rangeobject.h"
#include "../objects/moduleobject.h"
#include "../objects/setobject.h"
#include "../objects/sliceobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "../modules/modules.h"
#include "opcodes.h"
#include "vm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pyval pyvm_builtins;
long pyvm_tx_ticks = 20000;
static __thread long ticks;

const char *const pyvm_opcode_names[OP__COUNT] = {
#define PYVM_NAME_(name, a, j) #name,
    PYVM_OPCODES(PYVM_NAME_)
#undef PYVM_NAME_
};

/* ------------------------------------------------------------ helpers */

static pyval name_error(pyval name)
{
    return pyerr_format(pyexc_NameError, "name '%U' is not defined", name);
}

static pyval unbound_local(PyCode *code, int index)
{
    return pyerr_format(pyexc_UnboundLocalError,
                        "cannot access local variable '%U' where it is not "
                        "associated with a value",
                        pytuple_get(code->varnames, index));
}

static pyval unbound_free(PyCode *code, int index)
{
    int ncells = (int)pytuple_size(code->cellvars);
    if (index < ncells)
        return pyerr_format(pyexc_UnboundLocalError,
                            "cannot access local variable '%U' where it is "
                            "not associated with a value",
                            pytuple_get(code->cellvars, index));
    return pyerr_format(pyexc_NameError,
                        "cannot access free variable '%U' where it is not "
                        "associated with a value in enclosing scope",
                        pytuple_get(code->freevars, index - ncells));
}

/* The current exception passes through frame 'f' at instruction lasti:
   a traceback entry, and (when raised here) the exception being handled
   as its __context__. */
static void note_exception(pyval f, int lasti, bool raised_here)
{
    pyval exc = pyerr_occurred();
    if (exc == 0 || !pyval_is_obj(exc) ||
        pyval_obj(exc)->layout != PYL_EXCEPTION)
        return;
    if (raised_here) {
        pyval handled = pythreadstate()->handled;
        PyExc *e = (PyExc *)pyval_obj(exc);
        if (handled != 0 && handled != exc && e->context == 0) {
            pyobj_write((PyObj *)e);
            e->context = handled;
        }
    }
    PY_PUSHV(f);
    pyexc_add_traceback(exc, f, lasti);
    PY_DROP();
}

/* the handler of instruction 'ip' in 'code', or NULL */
static const struct pycode_handler *find_handler(PyCode *code, int ip)
{
    const struct pycode_handler *h = pycode_handlers_real(code);
    for (int i = 0; i < code->nhandlers; i++) {
        if (ip >= h[i].start && ip < h[i].end)
            return &h[i];
    }
    return NULL;
}

/* the sequence's items into the n stack slots from top (reversed) */
static int unpack(pyval seq, int n, int before, int after, pyval *out)
{
    PY_PUSHV(seq);
    pyval it = pyobj_iter(seq);
    PY_POPV(seq);
    if (it == 0) {
        pyvm_error_not_iterable(seq, "cannot unpack non-iterable %T object");
        return -1;
    }
    /* the items go to a list first (the shadow stack keeps them) */
    struct stm_shadowentry_s *base = pyrt_tl.shadowstack;
    PY_PUSHV(it);
    int got = 0;
    int want = before >= 0 ? before : n;
    while (got < want) {
        pyval x = pyiter_next((pyval)base[0].ss);
        if (x == 0) {
            pyrt_tl.shadowstack = base;
            if (pyerr_occurred())
                return -1;
            if (before >= 0)
                pyerr_format(pyexc_ValueError,
                             "not enough values to unpack (expected at least "
                             "%d, got %d)",
                             before + after, got);
            else
                pyerr_format(pyexc_ValueError,
                             "not enough values to unpack (expected %d, got "
                             "%d)",
                             n, got);
            return -1;
        }
        PY_PUSHV(x);
        got++;
    }
    if (before < 0) {
        pyval x = pyiter_next((pyval)base[0].ss);
        if (x != 0 || pyerr_occurred()) {
            pyrt_tl.shadowstack = base;
            if (x != 0)
                pyerr_format(pyexc_ValueError,
                             "too many values to unpack (expected %d)", n);
            return -1;
        }
        for (int i = 0; i < n; i++)
            out[i] = (pyval)base[1 + i].ss;
        pyrt_tl.shadowstack = base;
        return 0;
    }
    /* a starred target: the rest into a list, then 'after' from its end */
    pyval rest = pylist_from_iterable((pyval)base[0].ss);
    if (rest == 0) {
        pyrt_tl.shadowstack = base;
        return -1;
    }
    int64_t len = pylist_len(rest);
    if (len < after) {
        pyrt_tl.shadowstack = base;
        pyerr_format(pyexc_ValueError,
                     "not enough values to unpack (expected at least %d, got "
                     "%d)",
                     before + after, before + (int)len);
        return -1;
    }
    PY_PUSHV(rest);
    pyval head = pylist_get_slice(rest, 0, len - after, 1);
    PY_POPV(rest);
    if (head == 0) {
        pyrt_tl.shadowstack = base;
        return -1;
    }
    /* nothing allocates from here on: the values stay where they are */
    for (int i = 0; i < before; i++)
        out[i] = (pyval)base[1 + i].ss;
    out[before] = head;
    for (int i = 0; i < after; i++)
        out[before + 1 + i] = pylist_get(rest, len - after + i);
    pyrt_tl.shadowstack = base;
    return 0;
}

/* ------------------------------------------------------------ globals

   LOAD_GLOBAL remembers, per thread, where it found a name: the entry
   number in the module's dict, or that the module lacked it (the
   module's table and its stamp, which changes with every added key) and
   the entry number in the builtins.  A hint is checked against the
   dicts themselves (read with their barriers) before it is used, so it
   never needs invalidating. */

struct global_hint {
    pyval globals, builtins, name;
    PyObj *globals_keys; /* set when the name is a builtin */
    uint64_t globals_stamp;
    int64_t index; /* in globals, or in builtins when globals_keys */
};

#define GLOBAL_HINTS 1024
static __thread struct global_hint global_hints[GLOBAL_HINTS];

/* the value of entry 'index' of dict d if its key is 'name', else 0 */
static inline pyval entry_value(pyval d, int64_t index, pyval name)
{
    pyobj_read(pyval_obj(d));
    PyObj *k = pydict(d)->keys;
    if (k == NULL)
        return 0;
    pyobj_read(k);
    if (index >= ((PyDictKeys *)k)->nentries)
        return 0;
    return pydictkeys_entry(k, index)->key == name
               ? pydictkeys_entry(k, index)->value
               : 0;
}

/* 0 without an exception: not found */
static pyval load_global(pyval globals, pyval builtins, pyval name)
{
    struct global_hint *h =
        &global_hints[((globals >> 4) ^ (name >> 3)) & (GLOBAL_HINTS - 1)];
    if (h->globals == globals && h->builtins == builtins && h->name == name) {
        if (h->globals_keys == NULL) {
            pyval v = entry_value(globals, h->index, name);
            if (v != 0)
                return v;
        } else {
            pyobj_read(pyval_obj(globals));
            PyObj *k = pydict(globals)->keys;
            if (k == h->globals_keys) {
                pyobj_read(k);
                if (((PyDictKeys *)k)->stamp == h->globals_stamp) {
                    pyval v = entry_value(builtins, h->index, name);
                    if (v != 0)
                        return v;
                }
            }
        }
    }
    /* the slow way, which refills the hint */
    int64_t index;
    PY_PUSHV(builtins);
    PY_PUSHV(name);
    PY_PUSHV(globals);
    pyval v = pydict_get_str_index(globals, name, &index);
    PY_POPV(globals);
    if (v != 0) {
        PY_POPV(name);
        PY_POPV(builtins);
        h->globals = globals;
        h->builtins = builtins;
        h->name = name;
        h->globals_keys = NULL;
        h->index = index;
        return v;
    }
    if (pyerr_occurred()) {
        pyrt_tl.shadowstack -= 2;
        return 0;
    }
    /* absent from the module: the state of its keys, then the builtins */
    pyobj_read(pyval_obj(globals));
    PyObj *gk = pydict(globals)->keys;
    uint64_t stamp = 0;
    if (gk != NULL) {
        pyobj_read(gk);
        stamp = ((PyDictKeys *)gk)->stamp;
    }
    PY_PUSHV(globals);
    pyval bname = (pyval)pyrt_tl.shadowstack[-2].ss;
    v = pydict_get_str_index((pyval)pyrt_tl.shadowstack[-3].ss, bname, &index);
    PY_POPV(globals);
    PY_POPV(name);
    PY_POPV(builtins);
    if (v != 0 && gk != NULL) {
        /* the module's table was read before the lookup, which may have
           run code: check it is still the one */
        pyobj_read(pyval_obj(globals));
        if (pydict(globals)->keys == gk) {
            h->globals = globals;
            h->builtins = builtins;
            h->name = name;
            h->globals_keys = gk;
            h->globals_stamp = stamp;
            h->index = index;
        }
    }
    return v;
}

/* ------------------------------------------------------------ the loop */

/* Dispatch: with GCC or clang, each operation ends by jumping straight
   to the next one (labels as values); otherwise through the switch. */
#if defined(__GNUC__)
#    define PYVM_THREADED 1
#    define TARGET(op) \
    case op:           \
    op_##op:
#    define TARGET_DEFAULT \
    default:               \
    op_default:
#    define NEXT()                            \
        do {                                  \
            word = instr[ip++];               \
            arg = (int)PYVM_ARG(word);        \
            goto *op_labels[PYVM_OP(word)];   \
        } while (0)
#else
#    define PYVM_THREADED 0
#    define TARGET(op)     case op:
#    define TARGET_DEFAULT default:
#    define NEXT()         break
#endif

/* after anything that may allocate (objects move, and a minor
   collection re-arms the frame's write barrier) or end the transaction */
#define RELOAD()                             \
    do {                                     \
        f = (PyFrame *)root->ss;             \
        pyobj_write((PyObj *)f);             \
        code = (PyCode *)pyval_obj(f->code); \
        instr = pycode_instr_real(code);     \
        base = f->stack_base;                \
    } while (0)

#define TOP()        (f->slot[base + SP - 1])
#define PEEK(i)      (f->slot[base + SP - (i)])
#define PUSH(v)      (f->slot[base + SP++] = (v))
#define POP()        (f->slot[base + --SP])
#define SAVE_STATE() (f->ip = ip, f->sp = SP)

/* Runs 'entry' (already bound) to its return; the result, or 0 with an
   exception set. */
/* the shadow stack slot of the innermost running frame (for super()) */
static __thread struct stm_shadowentry_s *current_root;

PyFrame *pyvm_current_frame(void)
{
    return current_root ? (PyFrame *)current_root->ss : NULL;
}

/* set when run() returns because the entry frame yielded */
static __thread bool yielded;

bool pyvm_yielded(void)
{
    return yielded;
}

static pyval run(PyFrame *entry, bool throwing)
{
    struct stm_shadowentry_s *root = pyrt_tl.shadowstack;
    struct stm_shadowentry_s *outer_root = current_root;
    current_root = root;
    PY_PUSH(entry);
    pyobj_write((PyObj *)entry);
    entry->flags |= PYFRAME_ENTRY;
    /* f_back: the frame that was running (through C) */
    entry->back = outer_root ? pyval_from_obj((PyObj *)outer_root->ss) : 0;
    PyFrame *f;
    PyCode *code;
    const uint32_t *instr; /* code's instructions (a real address) */
    int32_t base, ip;
/* the stack depth lives in the frame: the GC traces the live part only */
#define SP (f->sp)
    pyval kwnames = 0;
    uint32_t word;
    int arg;
#if PYVM_THREADED
    /* threaded dispatch: each operation jumps to the next one's code
       (one indirect jump per operation, each predicted on its own) */
    /* every slot defaults to op_default, then the handled ones */
#    pragma GCC diagnostic push
#    pragma GCC diagnostic ignored "-Wpragmas"
#    pragma GCC diagnostic ignored "-Woverride-init"
#    pragma GCC diagnostic ignored "-Winitializer-overrides"
#    pragma GCC diagnostic ignored "-Wunknown-warning-option"
    static void *const op_labels[256] = {
        [0 ... 255] = &&op_default,
        [OP_NOP] = &&op_OP_NOP,
        [OP_POP_TOP] = &&op_OP_POP_TOP,
        [OP_PUSH_NULL] = &&op_OP_PUSH_NULL,
        [OP_COPY] = &&op_OP_COPY,
        [OP_SWAP] = &&op_OP_SWAP,
        [OP_LOAD_CONST] = &&op_OP_LOAD_CONST,
        [OP_LOAD_FAST] = &&op_OP_LOAD_FAST,
        [OP_STORE_FAST] = &&op_OP_STORE_FAST,
        [OP_DELETE_FAST] = &&op_OP_DELETE_FAST,
        [OP_LOAD_CLOSURE] = &&op_OP_LOAD_CLOSURE,
        [OP_LOAD_DEREF] = &&op_OP_LOAD_DEREF,
        [OP_STORE_DEREF] = &&op_OP_STORE_DEREF,
        [OP_DELETE_DEREF] = &&op_OP_DELETE_DEREF,
        [OP_LOAD_GLOBAL] = &&op_OP_LOAD_GLOBAL,
        [OP_STORE_GLOBAL] = &&op_OP_STORE_GLOBAL,
        [OP_STORE_NAME] = &&op_OP_STORE_NAME,
        [OP_DELETE_GLOBAL] = &&op_OP_DELETE_GLOBAL,
        [OP_DELETE_NAME] = &&op_OP_DELETE_NAME,
        [OP_LOAD_NAME] = &&op_OP_LOAD_NAME,
        [OP_LOAD_CLASSDEREF] = &&op_OP_LOAD_CLASSDEREF,
        [OP_LOAD_ATTR] = &&op_OP_LOAD_ATTR,
        [OP_LOAD_METHOD] = &&op_OP_LOAD_METHOD,
        [OP_STORE_ATTR] = &&op_OP_STORE_ATTR,
        [OP_DELETE_ATTR] = &&op_OP_DELETE_ATTR,
        [OP_BINARY_SUBSCR] = &&op_OP_BINARY_SUBSCR,
        [OP_STORE_SUBSCR] = &&op_OP_STORE_SUBSCR,
        [OP_DELETE_SUBSCR] = &&op_OP_DELETE_SUBSCR,
        [OP_BUILD_SLICE] = &&op_OP_BUILD_SLICE,
        [OP_BINARY_OP] = &&op_OP_BINARY_OP,
        [OP_UNARY_NEGATIVE] = &&op_OP_UNARY_NEGATIVE,
        [OP_UNARY_POSITIVE] = &&op_OP_UNARY_POSITIVE,
        [OP_UNARY_INVERT] = &&op_OP_UNARY_INVERT,
        [OP_UNARY_NOT] = &&op_OP_UNARY_NOT,
        [OP_COMPARE_OP] = &&op_OP_COMPARE_OP,
        [OP_IS_OP] = &&op_OP_IS_OP,
        [OP_CONTAINS_OP] = &&op_OP_CONTAINS_OP,
        [OP_BUILD_TUPLE] = &&op_OP_BUILD_TUPLE,
        [OP_BUILD_LIST] = &&op_OP_BUILD_LIST,
        [OP_BUILD_SET] = &&op_OP_BUILD_SET,
        [OP_BUILD_MAP] = &&op_OP_BUILD_MAP,
        [OP_BUILD_STRING] = &&op_OP_BUILD_STRING,
        [OP_LIST_APPEND] = &&op_OP_LIST_APPEND,
        [OP_SET_ADD] = &&op_OP_SET_ADD,
        [OP_MAP_ADD] = &&op_OP_MAP_ADD,
        [OP_LIST_EXTEND] = &&op_OP_LIST_EXTEND,
        [OP_SET_UPDATE] = &&op_OP_SET_UPDATE,
        [OP_DICT_UPDATE] = &&op_OP_DICT_UPDATE,
        [OP_DICT_MERGE] = &&op_OP_DICT_MERGE,
        [OP_LIST_TO_TUPLE] = &&op_OP_LIST_TO_TUPLE,
        [OP_FORMAT_VALUE] = &&op_OP_FORMAT_VALUE,
        [OP_UNPACK_SEQUENCE] = &&op_OP_UNPACK_SEQUENCE,
        [OP_UNPACK_EX] = &&op_OP_UNPACK_EX,
        [OP_JUMP] = &&op_OP_JUMP,
        [OP_POP_JUMP_IF_FALSE] = &&op_OP_POP_JUMP_IF_FALSE,
        [OP_POP_JUMP_IF_TRUE] = &&op_OP_POP_JUMP_IF_TRUE,
        [OP_POP_JUMP_IF_NONE] = &&op_OP_POP_JUMP_IF_NONE,
        [OP_POP_JUMP_IF_NOT_NONE] = &&op_OP_POP_JUMP_IF_NOT_NONE,
        [OP_JUMP_IF_FALSE_OR_POP] = &&op_OP_JUMP_IF_FALSE_OR_POP,
        [OP_JUMP_IF_TRUE_OR_POP] = &&op_OP_JUMP_IF_TRUE_OR_POP,
        [OP_GET_ITER] = &&op_OP_GET_ITER,
        [OP_FOR_ITER] = &&op_OP_FOR_ITER,
        [OP_KW_NAMES] = &&op_OP_KW_NAMES,
        [OP_CALL] = &&op_OP_CALL,
        [OP_CALL_FUNCTION_EX] = &&op_OP_CALL_FUNCTION_EX,
        [OP_MAKE_FUNCTION] = &&op_OP_MAKE_FUNCTION,
        [OP_RETURN_VALUE] = &&op_OP_RETURN_VALUE,
        [OP_RAISE_VARARGS] = &&op_OP_RAISE_VARARGS,
        [OP_RERAISE] = &&op_OP_RERAISE,
        [OP_PUSH_EXC_INFO] = &&op_OP_PUSH_EXC_INFO,
        [OP_POP_EXCEPT] = &&op_OP_POP_EXCEPT,
        [OP_CHECK_EXC_MATCH] = &&op_OP_CHECK_EXC_MATCH,
        [OP_LOAD_BUILD_CLASS] = &&op_OP_LOAD_BUILD_CLASS,
        [OP_SETUP_ANNOTATIONS] = &&op_OP_SETUP_ANNOTATIONS,
        [OP_BEFORE_WITH] = &&op_OP_BEFORE_WITH,
        [OP_WITH_EXCEPT_START] = &&op_OP_WITH_EXCEPT_START,
        [OP_YIELD_VALUE] = &&op_OP_YIELD_VALUE,
        [OP_GET_YIELD_FROM_ITER] = &&op_OP_GET_YIELD_FROM_ITER,
        [OP_SEND] = &&op_OP_SEND,
        [OP_IMPORT_NAME] = &&op_OP_IMPORT_NAME,
        [OP_IMPORT_FROM] = &&op_OP_IMPORT_FROM,
        [OP_IMPORT_STAR] = &&op_OP_IMPORT_STAR,
        [OP_LOAD_ASSERTION_ERROR] = &&op_OP_LOAD_ASSERTION_ERROR,
        [OP_PRINT_EXPR] = &&op_OP_PRINT_EXPR,
    };
#    pragma GCC diagnostic pop
#endif

enter_frame:
    RELOAD();
    ip = f->ip;
    if (throwing) {
        /* gen.throw(): the exception appears at the yield */
        throwing = false;
        goto error;
    }
    SP = f->sp;

    for (;;) {
        /* every operation that allocates reloads before it ends */
        word = instr[ip++];
        arg = (int)PYVM_ARG(word);
        switch (PYVM_OP(word)) {
        TARGET(OP_NOP)
            NEXT();
        TARGET(OP_POP_TOP)
            SP--;
            NEXT();
        TARGET(OP_PUSH_NULL)
            PUSH(0);
            NEXT();
        TARGET(OP_COPY) {
            pyval v = PEEK(arg);
            PUSH(v);
            NEXT();
        }
        TARGET(OP_SWAP) {
            pyval a = PEEK(1);
            PEEK(1) = PEEK(arg);
            PEEK(arg) = a;
            NEXT();
        }
        TARGET(OP_LOAD_CONST)
            PUSH(pytuple_get(code->consts, arg));
            NEXT();
        TARGET(OP_LOAD_FAST) {
            pyval v = f->slot[arg];
            if (v == 0) {
                unbound_local(code, arg);
                goto error;
            }
            PUSH(v);
            NEXT();
        }
        TARGET(OP_STORE_FAST)
            f->slot[arg] = POP();
            NEXT();
        TARGET(OP_DELETE_FAST)
            if (f->slot[arg] == 0) {
                unbound_local(code, arg);
                goto error;
            }
            f->slot[arg] = 0;
            NEXT();
        TARGET(OP_LOAD_CLOSURE)
            PUSH(f->slot[code->nlocals + arg]);
            NEXT();
        TARGET(OP_LOAD_DEREF) {
            PyCell *cell = (PyCell *)pyval_obj(f->slot[code->nlocals + arg]);
            pyobj_read((PyObj *)cell);
            if (cell->value == 0) {
                unbound_free(code, arg);
                goto error;
            }
            PUSH(cell->value);
            NEXT();
        }
        TARGET(OP_STORE_DEREF) {
            PyCell *cell = (PyCell *)pyval_obj(f->slot[code->nlocals + arg]);
            pyobj_write((PyObj *)cell);
            cell->value = POP();
            NEXT();
        }
        TARGET(OP_DELETE_DEREF) {
            PyCell *cell = (PyCell *)pyval_obj(f->slot[code->nlocals + arg]);
            pyobj_write((PyObj *)cell);
            if (cell->value == 0) {
                unbound_free(code, arg);
                goto error;
            }
            cell->value = 0;
            NEXT();
        }
        TARGET(OP_LOAD_GLOBAL) {
            pyval v = load_global(f->globals, f->builtins,
                                  pytuple_get(code->names, arg));
            RELOAD();
            if (v == 0) {
                if (!pyerr_occurred())
                    name_error(pytuple_get(code->names, arg));
                goto error;
            }
            PUSH(v);
            NEXT();
        }
        TARGET(OP_STORE_GLOBAL)
        TARGET(OP_STORE_NAME) {
            /* the module's dict, or the namespace of a module or class
               body */
            pyval ns =
                PYVM_OP(word) == OP_STORE_GLOBAL ? f->globals : f->locals;
            int r = pydict_set(ns, pytuple_get(code->names, arg), PEEK(1));
            RELOAD();
            if (r < 0)
                goto error;
            SP--;
            NEXT();
        }
        TARGET(OP_DELETE_GLOBAL)
        TARGET(OP_DELETE_NAME) {
            pyval ns =
                PYVM_OP(word) == OP_DELETE_GLOBAL ? f->globals : f->locals;
            int r = pydict_del(ns, pytuple_get(code->names, arg));
            RELOAD();
            if (r < 0) {
                if (pyerr_matches(pyexc_KeyError)) {
                    pyerr_clear();
                    name_error(pytuple_get(code->names, arg));
                }
                goto error;
            }
            NEXT();
        }
        TARGET(OP_LOAD_NAME)
        TARGET(OP_LOAD_CLASSDEREF) {
            pyval name = pytuple_get(code->names, arg);
            pyval v = 0;
            if (PYVM_OP(word) == OP_LOAD_CLASSDEREF) {
                name = 0;
                /* the class namespace first, then the cell */
                int ncells = (int)pytuple_size(code->cellvars);
                pyval cellname =
                    arg < ncells ? pytuple_get(code->cellvars, arg)
                                 : pytuple_get(code->freevars, arg - ncells);
                v = pydict_get_str(f->locals, cellname);
                RELOAD();
                if (v == 0 && !pyerr_occurred()) {
                    PyCell *cell =
                        (PyCell *)pyval_obj(f->slot[code->nlocals + arg]);
                    pyobj_read((PyObj *)cell);
                    v = cell->value;
                    if (v == 0) {
                        unbound_free(code, arg);
                        goto error;
                    }
                }
            } else {
                v = f->locals ? pydict_get_str(f->locals, name) : 0;
                RELOAD();
                if (v == 0 && !pyerr_occurred()) {
                    v = pydict_get_str(f->globals,
                                       pytuple_get(code->names, arg));
                    RELOAD();
                }
                if (v == 0 && !pyerr_occurred()) {
                    v = pydict_get_str(f->builtins,
                                       pytuple_get(code->names, arg));
                    RELOAD();
                }
                if (v == 0 && !pyerr_occurred())
                    name_error(pytuple_get(code->names, arg));
            }
            if (v == 0)
                goto error;
            PUSH(v);
            NEXT();
        }
        TARGET(OP_LOAD_ATTR) {
            pyval v = pyattr_cached_load(PEEK(1), pytuple_get(code->names, arg));
            if (v != 0) {
                PEEK(1) = v;
                NEXT();
            }
            v = pyobj_instance_attr(PEEK(1), pytuple_get(code->names, arg));
            if (v != 0) {
                RELOAD();
                PEEK(1) = v;
                NEXT();
            }
            if (pyerr_occurred()) {
                RELOAD();
                goto error;
            }
            v = pyobj_getattr(PEEK(1), pytuple_get(code->names, arg));
            RELOAD();
            if (v == 0)
                goto error;
            PEEK(1) = v;
            NEXT();
        }
        TARGET(OP_LOAD_METHOD) {
            /* [function, self] when that is what obj.name would bind */
            pyval m =
                pyattr_cached_method(PEEK(1), pytuple_get(code->names, arg));
            if (m != 0) {
                pyval self = PEEK(1);
                PEEK(1) = m;
                PUSH(self);
                NEXT();
            }
            m = pyobj_lookup_method(PEEK(1), pytuple_get(code->names, arg));
            RELOAD();
            if (m != 0) {
                pyval self = PEEK(1);
                PEEK(1) = m;
                PUSH(self);
                NEXT();
            }
            if (pyerr_occurred())
                goto error;
            pyval v = pyobj_getattr(PEEK(1), pytuple_get(code->names, arg));
            RELOAD();
            if (v == 0)
                goto error;
            /* [bound attribute, NULL]: the simple, always right form */
            PEEK(1) = v;
            PUSH(0);
            NEXT();
        }
        TARGET(OP_STORE_ATTR) {
            if (pyattr_cached_store(PEEK(1), pytuple_get(code->names, arg),
                                    PEEK(2))) {
                SP -= 2;
                NEXT();
            }
            pyobj_learn_instance_store(PEEK(1), pytuple_get(code->names, arg));
            RELOAD(); /* learning may have allocated */
            int r =
                pyobj_setattr(PEEK(1), pytuple_get(code->names, arg), PEEK(2));
            RELOAD();
            if (r < 0)
                goto error;
            SP -= 2;
            NEXT();
        }
        TARGET(OP_DELETE_ATTR) {
            int r = pyobj_setattr(PEEK(1), pytuple_get(code->names, arg), 0);
            RELOAD();
            if (r < 0)
                goto error;
            SP--;
            NEXT();
        }
        TARGET(OP_BINARY_SUBSCR) {
            /* list[i] and tuple[i] with a small int: no call, no
               allocation */
            pyval c = PEEK(2), k = PEEK(1);
            if (pyval_is_int(k) && pyval_is_obj(c)) {
                PyType *ct = pyval_obj(c)->type;
                int64_t i = pyval_int(k);
                if (ct == pytype_list) {
                    int64_t n = pylist_length_inline(c);
                    if (i < 0)
                        i += n;
                    if (i >= 0 && i < n) {
                        SP--;
                        PEEK(1) = pylist_item_inline(c, i);
                        NEXT();
                    }
                } else if (ct == pytype_tuple) {
                    int64_t n = pytuple_size(c);
                    if (i < 0)
                        i += n;
                    if (i >= 0 && i < n) {
                        SP--;
                        PEEK(1) = pytuple_get(c, i);
                        NEXT();
                    }
                }
            }
            pyval v = pyobj_getitem(PEEK(2), PEEK(1));
            RELOAD();
            if (v == 0)
                goto error;
            SP--;
            PEEK(1) = v;
            NEXT();
        }
        TARGET(OP_STORE_SUBSCR) {
            /* list[i] = v with a small int in range: no call */
            pyval c = PEEK(2), k = PEEK(1);
            if (pyval_is_int(k) && pyval_is_obj(c) &&
                pyval_obj(c)->type == pytype_list) {
                int64_t i = pyval_int(k), n = pylist_len(c);
                if (i < 0)
                    i += n;
                if (i >= 0 && i < n) {
                    pylist_set(c, i, PEEK(3));
                    SP -= 3;
                    NEXT();
                }
            }
            int r = pyobj_setitem(PEEK(2), PEEK(1), PEEK(3));
            RELOAD();
            if (r < 0)
                goto error;
            SP -= 3;
            NEXT();
        }
        TARGET(OP_DELETE_SUBSCR) {
            int r = pyobj_delitem(PEEK(2), PEEK(1));
            RELOAD();
            if (r < 0)
                goto error;
            SP -= 2;
            NEXT();
        }
        TARGET(OP_BUILD_SLICE) {
            pyval step = arg == 3 ? PEEK(1) : py_None;
            pyval r = pyslice_new(PEEK(arg), PEEK(arg - 1), step);
            RELOAD();
            if (r == 0)
                goto error;
            SP -= arg;
            PUSH(r);
            NEXT();
        }
        TARGET(OP_BINARY_OP) {
            pyval a = PEEK(2), b = PEEK(1), r;
            /* small ints and floats: the arithmetic here (ints and floats
               are immutable, so x op= y is x op y) */
            enum pybinop bop = (enum pybinop)(arg >= PYVM_INPLACE
                                                  ? arg - PYVM_INPLACE
                                                  : arg);
            if (pyval_is_int(a) && pyval_is_int(b) &&
                (bop == PYOP_ADD || bop == PYOP_SUB)) {
                intptr_t x = pyval_int(a), y = pyval_int(b);
                intptr_t z = bop == PYOP_ADD ? x + y : x - y;
                if (pyint_fits_tagged(z)) {
                    SP--;
                    PEEK(1) = pyval_from_int(z);
                    NEXT();
                }
            } else if (pyval_is_obj(a) && pyval_is_obj(b) &&
                       pyval_obj(a)->type == pytype_float &&
                       pyval_obj(b)->type == pytype_float &&
                       (bop == PYOP_ADD || bop == PYOP_SUB ||
                        bop == PYOP_MUL)) {
                double x = pyfloat_value(a), y = pyfloat_value(b);
                double z = bop == PYOP_ADD   ? x + y
                           : bop == PYOP_SUB ? x - y
                                             : x * y;
                r = pyfloat_from_double(z);
                RELOAD();
                if (r == 0)
                    goto error;
                SP--;
                PEEK(1) = r;
                NEXT();
            }
            if (arg >= PYVM_INPLACE)
                r = pynum_inplace(a, b, (enum pybinop)(arg - PYVM_INPLACE));
            else
                r = pynum_binop(a, b, (enum pybinop)arg);
            RELOAD();
            if (r == 0)
                goto error;
            SP--;
            PEEK(1) = r;
            NEXT();
        }
        TARGET(OP_UNARY_NEGATIVE)
        TARGET(OP_UNARY_POSITIVE)
        TARGET(OP_UNARY_INVERT) {
            pyval v = PEEK(1), r;
            int op = PYVM_OP(word);
            r = op == OP_UNARY_NEGATIVE   ? pynum_neg(v)
                : op == OP_UNARY_POSITIVE ? pynum_pos(v)
                                          : pynum_invert(v);
            RELOAD();
            if (r == 0)
                goto error;
            PEEK(1) = r;
            NEXT();
        }
        TARGET(OP_UNARY_NOT) {
            int t = pyobj_truth(PEEK(1));
            RELOAD();
            if (t < 0)
                goto error;
            PEEK(1) = pybool(!t);
            NEXT();
        }
        TARGET(OP_COMPARE_OP) {
            if (pyval_is_int(PEEK(2)) && pyval_is_int(PEEK(1))) {
                intptr_t x = pyval_int(PEEK(2)), y = pyval_int(PEEK(1));
                bool t;
                switch ((enum pycmpop)arg) {
                case PYCMP_LT:
                    t = x < y;
                    break;
                case PYCMP_LE:
                    t = x <= y;
                    break;
                case PYCMP_EQ:
                    t = x == y;
                    break;
                case PYCMP_NE:
                    t = x != y;
                    break;
                case PYCMP_GT:
                    t = x > y;
                    break;
                default:
                    t = x >= y;
                    break;
                }
                SP--;
                PEEK(1) = pybool(t);
                NEXT();
            }
            pyval r = pyobj_richcompare(PEEK(2), PEEK(1), (enum pycmpop)arg);
            RELOAD();
            if (r == 0)
                goto error;
            SP--;
            PEEK(1) = r;
            NEXT();
        }
        TARGET(OP_IS_OP) {
            bool same = PEEK(2) == PEEK(1);
            SP--;
            PEEK(1) = pybool(same != (arg == 1));
            NEXT();
        }
        TARGET(OP_CONTAINS_OP) {
            int r = pyobj_contains(PEEK(1), PEEK(2));
            RELOAD();
            if (r < 0)
                goto error;
            SP--;
            PEEK(1) = pybool((r == 1) != (arg == 1));
            NEXT();
        }
        TARGET(OP_BUILD_TUPLE) {
            pyval t = pytuple_new(arg);
            RELOAD();
            if (t == 0)
                goto error;
            for (int i = 0; i < arg; i++)
                pytuple_init_item(t, i, PEEK(arg - i));
            SP -= arg;
            PUSH(t);
            NEXT();
        }
        TARGET(OP_BUILD_LIST) {
            pyval l = pylist_new(arg);
            RELOAD();
            if (l == 0)
                goto error;
            for (int i = 0; i < arg; i++) {
                pylist_set(l, i, PEEK(arg - i));
                RELOAD();
            }
            SP -= arg;
            PUSH(l);
            NEXT();
        }
        TARGET(OP_BUILD_SET) {
            /* the new set waits on the shadow stack: the frame's stack
               has no room above the items */
            pyval set = pyset_new(0);
            RELOAD();
            if (set == 0)
                goto error;
            PY_PUSHV(set);
            for (int i = 0; i < arg; i++) {
                int r =
                    pyset_add((pyval)pyrt_tl.shadowstack[-1].ss, PEEK(arg - i));
                RELOAD();
                if (r < 0) {
                    PY_DROP();
                    goto error;
                }
            }
            PY_POPV(set);
            SP -= arg;
            PUSH(set);
            NEXT();
        }
        TARGET(OP_BUILD_MAP) {
            pyval d = pydict_new();
            RELOAD();
            if (d == 0)
                goto error;
            PY_PUSHV(d);
            for (int i = 0; i < arg; i++) {
                int r = pydict_set((pyval)pyrt_tl.shadowstack[-1].ss,
                                   PEEK(2 * arg - 2 * i),
                                   PEEK(2 * arg - 2 * i - 1));
                RELOAD();
                if (r < 0) {
                    PY_DROP();
                    goto error;
                }
            }
            PY_POPV(d);
            SP -= 2 * arg;
            PUSH(d);
            NEXT();
        }
        TARGET(OP_BUILD_STRING) {
            pyval s = pystr_from_utf8("", 0);
            PY_PUSHV(s);
            for (int i = 0; i < arg; i++) {
                RELOAD();
                pyval part = PEEK(arg - i);
                pyval acc;
                PY_POPV(acc);
                acc = pystr_concat(acc, part);
                PY_PUSHV(acc);
            }
            PY_POPV(s);
            RELOAD();
            SP -= arg;
            PUSH(s);
            NEXT();
        }
        TARGET(OP_LIST_APPEND) {
            int r = pylist_append(PEEK(arg + 1), PEEK(1));
            RELOAD();
            if (r < 0)
                goto error;
            SP--;
            NEXT();
        }
        TARGET(OP_SET_ADD) {
            int r = pyset_add(PEEK(arg + 1), PEEK(1));
            RELOAD();
            if (r < 0)
                goto error;
            SP--;
            NEXT();
        }
        TARGET(OP_MAP_ADD) {
            int r = pydict_set(PEEK(arg + 2), PEEK(2), PEEK(1));
            RELOAD();
            if (r < 0)
                goto error;
            SP -= 2;
            NEXT();
        }
        TARGET(OP_LIST_EXTEND) {
            int r = pylist_extend(PEEK(arg + 1), PEEK(1));
            RELOAD();
            if (r < 0) {
                pyvm_error_not_iterable(
                    PEEK(1), "Value after * must be an iterable, not %T");
                goto error;
            }
            SP--;
            NEXT();
        }
        TARGET(OP_SET_UPDATE) {
            int r = pyset_update(PEEK(arg + 1), PEEK(1));
            RELOAD();
            if (r < 0)
                goto error;
            SP--;
            NEXT();
        }
        TARGET(OP_DICT_UPDATE)
        TARGET(OP_DICT_MERGE) {
            if (PYVM_OP(word) == OP_DICT_UPDATE &&
                pyvm_check_mapping(PEEK(1)) < 0) {
                RELOAD();
                goto error;
            }
            RELOAD();
            /* DICT_MERGE: f(..., **m) with the callable below the args
               tuple and its NULL/self slot */
            int r =
                PYVM_OP(word) == OP_DICT_UPDATE
                    ? pydict_update(PEEK(arg + 1), PEEK(1))
                    : pyvm_merge_kwargs(PEEK(arg + 4), PEEK(arg + 1), PEEK(1));
            RELOAD();
            if (r < 0)
                goto error;
            SP--;
            NEXT();
        }
        TARGET(OP_LIST_TO_TUPLE) {
            pyval t = pylist_as_tuple(PEEK(1));
            RELOAD();
            if (t == 0)
                goto error;
            PEEK(1) = t;
            NEXT();
        }
        TARGET(OP_FORMAT_VALUE) {
            int conv = arg & 3;
            bool has_spec = (arg & 4) != 0;
            pyval v = PEEK(has_spec ? 2 : 1);
            if (conv == 1)
                v = pyobj_str(v);
            else if (conv == 2)
                v = pyobj_repr(v);
            else if (conv == 3)
                v = pystr_ascii_of(v);
            else if (!has_spec && pyval_type(v) != pytype_str)
                v = pyobj_format(v, 0); /* a class's __format__ */
            RELOAD();
            if (v == 0)
                goto error;
            if (has_spec) {
                v = pyobj_format(v, PEEK(1));
                RELOAD();
                if (v == 0)
                    goto error;
                SP--;
            }
            PEEK(1) = v;
            NEXT();
        }
        TARGET(OP_UNPACK_SEQUENCE)
        TARGET(OP_UNPACK_EX) {
            int before = PYVM_OP(word) == OP_UNPACK_EX ? (arg & 0xFF) : -1;
            int after = PYVM_OP(word) == OP_UNPACK_EX ? (arg >> 8) : 0;
            int n = before >= 0 ? before + 1 + after : arg;
            pyval items[256];
            pyval *out = n <= 256 ? items : malloc((size_t)n * sizeof(pyval));
            int r = unpack(PEEK(1), n, before, after, out);
            RELOAD();
            if (r < 0) {
                if (out != items)
                    free(out);
                goto error;
            }
            SP--;
            for (int i = n - 1; i >= 0; i--)
                PUSH(out[i]);
            if (out != items)
                free(out);
            NEXT();
        }
        TARGET(OP_JUMP)
            if (arg < ip && ++ticks >= pyvm_tx_ticks) {
                /* a safe point: break the transaction */
                ip = arg;
                SAVE_STATE();
                ticks = 0;
                pyrt_commit_transaction();
                pyrt_start_transaction();
                RELOAD();
                ip = f->ip;
                SP = f->sp;
                NEXT();
            }
            ip = arg;
            NEXT();
        TARGET(OP_POP_JUMP_IF_FALSE)
        TARGET(OP_POP_JUMP_IF_TRUE) {
            pyval v = PEEK(1);
            int t;
            if (v == py_True)
                t = 1;
            else if (v == py_False)
                t = 0;
            else {
                t = pyobj_truth(v);
                RELOAD();
                if (t < 0)
                    goto error;
            }
            SP--;
            if (t == (PYVM_OP(word) == OP_POP_JUMP_IF_TRUE))
                ip = arg;
            NEXT();
        }
        TARGET(OP_POP_JUMP_IF_NONE)
        TARGET(OP_POP_JUMP_IF_NOT_NONE) {
            bool none = POP() == py_None;
            if (none == (PYVM_OP(word) == OP_POP_JUMP_IF_NONE))
                ip = arg;
            NEXT();
        }
        TARGET(OP_JUMP_IF_FALSE_OR_POP)
        TARGET(OP_JUMP_IF_TRUE_OR_POP) {
            int t = pyobj_truth(PEEK(1));
            RELOAD();
            if (t < 0)
                goto error;
            if (t == (PYVM_OP(word) == OP_JUMP_IF_TRUE_OR_POP))
                ip = arg;
            else
                SP--;
            NEXT();
        }
        TARGET(OP_GET_ITER) {
            pyval it = pyobj_iter(PEEK(1));
            RELOAD();
            if (it == 0)
                goto error;
            PEEK(1) = it;
            NEXT();
        }
        TARGET(OP_FOR_ITER) {
            /* iterators over lists and ranges step here: no call */
            pyval itv = PEEK(1);
            if (pyval_is_obj(itv)) {
                PyType *itt = pyval_obj(itv)->type;
                if (itt == pytype_list_iterator) {
                    pyval v = pylistiter_next_inline((PySeqIter *)pyval_obj(itv));
                    if (v != 0) {
                        PUSH(v);
                        NEXT();
                    }
                    /* exhausted: the long way ends the loop */
                } else if (itt == pytype_range_iterator) {
                    PyRange *it = (PyRange *)pyval_obj(itv);
                    pyobj_read((PyObj *)it);
                    int64_t v = it->start;
                    if (it->length > 0 && pyint_fits_tagged(v)) {
                        pyobj_write((PyObj *)it);
                        it->start = v + it->step;
                        it->length--;
                        PUSH(pyval_from_int(v));
                        NEXT();
                    }
                }
            }
            pyval v = pyiter_next(PEEK(1));
            RELOAD();
            if (v == 0) {
                if (pyerr_occurred()) {
                    if (!pyerr_matches(pyexc_StopIteration))
                        goto error;
                    pyerr_clear();
                }
                SP--;
                ip = arg;
                NEXT();
            }
            PUSH(v);
            NEXT();
        }
        TARGET(OP_KW_NAMES)
            kwnames = pytuple_get(code->consts, arg);
            f->kwnames = kwnames;
            NEXT();
        TARGET(OP_CALL) {
            int n = arg;
            kwnames = f->kwnames;
            f->kwnames = 0;
            int nkw = kwnames ? (int)pytuple_size(kwnames) : 0;
            pyval callable = PEEK(n + 2), self = PEEK(n + 1);
            if (++ticks >= pyvm_tx_ticks) {
                /* a safe point before the call: re-executed if the next
                   transaction aborts */
                ip--;
                SAVE_STATE();
                f->kwnames = kwnames;
                ticks = 0;
                pyrt_commit_transaction();
                pyrt_start_transaction();
                RELOAD();
                ip = f->ip + 1;
                SP = f->sp;
                kwnames = f->kwnames;
                f->kwnames = 0;
                callable = PEEK(n + 2);
                self = PEEK(n + 1);
            }
            if (self == 0 && pyval_is_obj(callable) &&
                pyval_obj(callable)->layout == PYL_METHOD) {
                /* a bound method: its function, called with its self */
                PyMethod *bound = (PyMethod *)pyval_obj(callable);
                self = bound->self;
                callable = bound->func;
            }
            /* The common call of a Python function: exactly its
               positional parameters, no keywords, no cells.  When the
               frame fits in the nursery nothing can move, and the
               arguments go straight from this stack into it. */
            if (kwnames == 0 && pyval_is_obj(callable) &&
                pyval_obj(callable)->layout == PYL_FUNCTION) {
                PyFunc *fn = (PyFunc *)pyval_obj(callable);
                PyCode *c = (PyCode *)pyval_obj(fn->code);
                size_t size = sizeof(struct pyframe_s) +
                              (size_t)c->nslots * sizeof(pyval);
                PyThreadState *ts = pythreadstate();
                if (!(c->flags & PYCODE_GENERATOR) &&
                    pycode_is_simple_call(c, (size_t)n + (self != 0)) &&
                    pyobj_alloc_fits(size) &&
                    ts->depth < ts->recursion_limit) {
                    PyFrame *nf = (PyFrame *)pyobj_alloc_builtin(
                        size, PYL_FRAME, pytype_frame);
                    pyframe_init(nf, c, fn->code, fn->globals,
                                 fn->builtins ? fn->builtins : pyvm_builtins, 0,
                                 callable);
                    nf->back = pyval_from_obj((PyObj *)f);
                    int k = 0;
                    if (self != 0)
                        nf->slot[k++] = self;
                    for (int i = n; i >= 1; i--)
                        nf->slot[k++] = PEEK(i);
                    for (; k < c->nlocals; k++)
                        nf->slot[k] = 0;
                    SP -= n + 2;
                    SAVE_STATE();
                    root->ss = (object_t *)nf;
                    pyobj_write((PyObj *)ts);
                    ts->depth++;
                    goto enter_frame;
                }
            }
            /* the arguments go to the shadow stack, rooted */
            struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
            PY_PUSHV(kwnames);
            pyval *args = (pyval *)pyrt_tl.shadowstack;
            if (self != 0)
                PY_PUSHV(self);
            for (int i = n; i >= 1; i--)
                PY_PUSHV(PEEK(i));
            size_t nargs = (size_t)(n - nkw) + (self != 0);
            if (pyval_is_obj(callable) &&
                pyval_obj(callable)->layout == PYL_FUNCTION &&
                !(((PyCode *)pyval_obj(((PyFunc *)pyval_obj(callable))->code))
                      ->flags &
                  PYCODE_GENERATOR)) {
                /* a Python function: its frame continues in this loop */
                PyThreadState *ts = pythreadstate();
                if (ts->depth >= ts->recursion_limit) {
                    pyrt_tl.shadowstack = saved;
                    pyerr_format(pyexc_RecursionError,
                                 "maximum recursion depth exceeded");
                    goto error;
                }
                PyFunc *fn = (PyFunc *)pyval_obj(callable);
                PY_PUSHV(callable);
                PyFrame *nf = pyframe_new(
                    fn->code, fn->globals,
                    fn->builtins ? fn->builtins : pyvm_builtins, 0, callable);
                PY_PUSH(nf);
                PyFrame **nfp = (PyFrame **)&pyrt_tl.shadowstack[-1].ss;
                RELOAD();
                int r = pyvm_bind_arguments(
                    nfp, (pyval)pyrt_tl.shadowstack[-2].ss, args, nargs,
                    (PyObj *)pyval_obj((pyval)saved->ss));
                nf = *nfp;
                pyrt_tl.shadowstack = saved;
                RELOAD();
                if (r < 0)
                    goto error;
                SP -= n + 2;
                SAVE_STATE();
                pyobj_write((PyObj *)nf);
                nf->back = pyval_from_obj((PyObj *)f);
                root->ss = (object_t *)nf;
                ts = pythreadstate();
                pyobj_write((PyObj *)ts);
                ts->depth++;
                goto enter_frame;
            }
            f->ip = ip; /* f_lineno, for what the call runs */
            pyval r = pyobj_call(callable, args, nargs,
                                 (PyObj *)pyval_obj((pyval)saved->ss));
            pyrt_tl.shadowstack = saved;
            RELOAD();
            if (r == 0)
                goto error;
            SP -= n + 2;
            PUSH(r);
            NEXT();
        }
        TARGET(OP_CALL_FUNCTION_EX) {
            /* [callable, NULL, args tuple, (kwargs dict)]; f(*x) pushes
               x itself */
            if (pyval_type(PEEK(arg ? 2 : 1)) != pytype_tuple) {
                pyval t = pyvm_star_args(PEEK(arg ? 4 : 3), PEEK(arg ? 2 : 1));
                RELOAD();
                if (t == 0)
                    goto error;
                PEEK(arg ? 2 : 1) = t;
            }
            pyval kw = arg ? PEEK(1) : 0;
            pyval argt = PEEK(arg ? 2 : 1);
            struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
            int64_t npos = pytuple_size(argt);
            int64_t nk = kw ? pydict_len(kw) : 0;
            /* keyword names as a tuple */
            pyval names = 0;
            if (nk > 0) {
                names = pytuple_new(nk);
                RELOAD();
                if (names == 0)
                    goto error;
                kw = PEEK(1);
                int64_t pos = 0, i = 0;
                pyval k, v;
                while (pydict_next(kw, &pos, &k, &v)) {
                    if (!pyval_is_obj(k) || pyval_obj(k)->layout != PYL_STR) {
                        pyerr_format(pyexc_TypeError,
                                     "keywords must be strings");
                        goto error;
                    }
                    pytuple_init_item(names, i++, k);
                }
            }
            PY_PUSHV(names);
            pyval *args = (pyval *)pyrt_tl.shadowstack;
            argt = PEEK(arg ? 2 : 1);
            for (int64_t i = 0; i < npos; i++)
                PY_PUSHV(pytuple_get(argt, i));
            if (nk > 0) {
                int64_t pos = 0;
                pyval k, v;
                while (pydict_next(PEEK(1), &pos, &k, &v))
                    PY_PUSHV(v);
            }
            pyval callable = PEEK(arg ? 4 : 3);
            pyval r =
                pyobj_call(callable, args, (size_t)npos,
                           names ? (PyObj *)pyval_obj((pyval)saved->ss) : NULL);
            pyrt_tl.shadowstack = saved;
            RELOAD();
            if (r == 0)
                goto error;
            SP -= arg ? 4 : 3;
            PUSH(r);
            NEXT();
        }
        TARGET(OP_MAKE_FUNCTION) {
            pyval fn = pyfunc_new(PEEK(1), f->globals, 0);
            RELOAD();
            if (fn == 0)
                goto error;
            PEEK(1) = fn;
            pyval modname = pydict_get_cstr(f->globals, "__name__");
            RELOAD();
            fn = POP();
            PyFunc *func = (PyFunc *)pyval_obj(fn);
            pyobj_write((PyObj *)func);
            func->builtins = f->builtins;
            func->module = modname ? modname : py_None;
            if (arg & PYVM_MAKE_CLOSURE)
                func->closure = POP();
            if (arg & PYVM_MAKE_ANNOTATIONS)
                func->annotations = POP(); /* a tuple until asked for */
            if (arg & PYVM_MAKE_KWDEFAULTS)
                func->kwdefaults = POP();
            if (arg & PYVM_MAKE_DEFAULTS)
                func->defaults = POP();
            PUSH(fn);
            NEXT();
        }
        TARGET(OP_RETURN_VALUE) {
            pyval result = POP();
            SAVE_STATE();
            if (f->flags & PYFRAME_ENTRY) {
                pyrt_tl.shadowstack = root;
                current_root = outer_root;
                yielded = false;
                return result;
            }
            PyFrame *caller = (PyFrame *)pyval_obj(f->back);
            root->ss = (object_t *)caller;
            PyThreadState *ts = pythreadstate();
            pyobj_write((PyObj *)ts);
            ts->depth--;
            RELOAD();
            ip = f->ip;
            SP = f->sp;
            PUSH(result);
            NEXT();
        }
        TARGET(OP_RAISE_VARARGS) {
            if (arg == 0) {
                pyval exc = pythreadstate()->handled;
                if (exc == 0 || exc == py_None) {
                    pyerr_format(pyexc_RuntimeError,
                                 "No active exception to reraise");
                    goto error;
                }
                /* re-raised as it is: no traceback entry for this
                   frame (CPython's do_raise) */
                f->lasti = ip - 1;
                pyerr_set(exc);
                goto reraise;
            }
            pyval exc = PEEK(arg);
            pyval cause = arg == 2 ? PEEK(1) : 0;
            SP -= arg;
            if (pyval_is_obj(exc) && pyval_obj(exc)->layout == PYL_TYPE) {
                PY_PUSHV(cause);
                exc = pyobj_call(exc, NULL, 0, NULL);
                PY_POPV(cause);
                RELOAD();
                if (exc == 0)
                    goto error;
            }
            if (!pyval_is_obj(exc) || pyval_obj(exc)->layout != PYL_EXCEPTION) {
                pyerr_format(pyexc_TypeError,
                             "exceptions must derive from BaseException");
                goto error;
            }
            if (arg == 2) {
                PyExc *e = (PyExc *)pyval_obj(exc);
                pyobj_write((PyObj *)e);
                e->cause = cause == py_None ? 0 : cause;
                e->suppress_context = 1;
            }
            pyerr_set(exc);
            goto error;
        }
        TARGET(OP_RERAISE) {
            pyval exc = POP();
            if (arg)
                f->lasti = (int32_t)pyval_int(POP());
            pyerr_set(exc);
            goto reraise;
        }
        TARGET(OP_PUSH_EXC_INFO) {
            pyval exc = POP();
            PyThreadState *ts = pythreadstate();
            PUSH(ts->handled ? ts->handled : py_None);
            PUSH(exc);
            pyobj_write((PyObj *)ts);
            ts->handled = exc;
            NEXT();
        }
        TARGET(OP_POP_EXCEPT) {
            pyval prev = POP();
            PyThreadState *ts = pythreadstate();
            pyobj_write((PyObj *)ts);
            ts->handled = prev == py_None ? 0 : prev;
            NEXT();
        }
        TARGET(OP_CHECK_EXC_MATCH) {
            pyval type = PEEK(1), exc = PEEK(2);
            bool match = false;
            if (pyval_is_obj(type) && pyval_obj(type)->layout == PYL_TYPE) {
                match = pytype_is_subtype(pyval_type(exc),
                                          (PyType *)pyval_obj(type));
            } else if (pyval_is_obj(type) &&
                       pyval_obj(type)->layout == PYL_TUPLE) {
                for (int64_t i = 0; i < pytuple_size(type) && !match; i++) {
                    pyval t = pytuple_get(type, i);
                    if (pyval_is_obj(t) && pyval_obj(t)->layout == PYL_TYPE)
                        match = pytype_is_subtype(pyval_type(exc),
                                                  (PyType *)pyval_obj(t));
                }
            } else {
                pyerr_format(pyexc_TypeError,
                             "catching classes that do not inherit from "
                             "BaseException is not allowed");
                goto error;
            }
            PEEK(1) = pybool(match);
            NEXT();
        }
        TARGET(OP_SETUP_ANNOTATIONS) {
            /* a module or class body with annotated names: its
               namespace gets an __annotations__ dict unless it has one */
            pyval key = pystr_name("__annotations__");
            RELOAD();
            if (key == 0)
                goto error;
            PY_PUSHV(key);
            int found = pydict_contains(f->locals, key);
            if (found == 0) {
                pyval d = pydict_new();
                RELOAD();
                found = d == 0 ? -1
                               : pydict_set(f->locals,
                                            (pyval)pyrt_tl.shadowstack[-1].ss,
                                            d);
            }
            PY_DROP();
            RELOAD();
            if (found < 0)
                goto error;
            NEXT();
        }
        TARGET(OP_LOAD_BUILD_CLASS) {
            pyval bc = pydict_get_cstr(f->builtins, "__build_class__");
            RELOAD();
            if (bc == 0) {
                if (!pyerr_occurred())
                    pyerr_format(pyexc_NameError, "__build_class__ not found");
                goto error;
            }
            PUSH(bc);
            NEXT();
        }
        TARGET(OP_BEFORE_WITH) {
            /* [mgr] -> [bound __exit__, __enter__()] */
            /* the name first: interning it may allocate (and move mgr) */
            pyval exit_name = pystr_name("__exit__");
            RELOAD();
            pyval exitm =
                exit_name == 0 ? 0 : pyobj_getattr(PEEK(1), exit_name);
            RELOAD();
            if (exitm == 0) {
                if (pyerr_matches(pyexc_AttributeError)) {
                    pyerr_clear();
                    pyerr_format(pyexc_TypeError,
                                 "'%T' object does not support the context "
                                 "manager protocol",
                                 PEEK(1));
                }
                goto error;
            }
            PY_PUSHV(exitm);
            bool found;
            pyval entered =
                pyobj_call_dunder(PEEK(1), "__enter__", NULL, 0, &found);
            PY_POPV(exitm);
            RELOAD();
            if (entered == 0) {
                if (!found && !pyerr_occurred())
                    pyerr_format(pyexc_TypeError,
                                 "'%T' object does not support the context "
                                 "manager protocol",
                                 PEEK(1));
                goto error;
            }
            PEEK(1) = exitm;
            PUSH(entered);
            NEXT();
        }
        TARGET(OP_WITH_EXCEPT_START) {
            /* [exit, prev_exc, exc]: exit(type(exc), exc, tb) */
            pyval exc = PEEK(1);
            pyval exitm = PEEK(3);
            struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
            PY_PUSHV(pyval_from_obj((PyObj *)pyval_type(exc)));
            PY_PUSHV(exc);
            PY_PUSHV(py_None);
            pyval r = pyobj_call(exitm, (pyval *)saved, 3, NULL);
            pyrt_tl.shadowstack = saved;
            RELOAD();
            if (r == 0)
                goto error;
            PUSH(r);
            NEXT();
        }
        TARGET(OP_YIELD_VALUE) {
            /* only generator frames yield, and they run as entries */
            pyval v = POP();
            SAVE_STATE();
            f->back = 0; /* a suspended generator has no f_back */
            pyrt_tl.shadowstack = root;
            current_root = outer_root;
            yielded = true;
            return v;
        }
        TARGET(OP_GET_YIELD_FROM_ITER) {
            pyval v = PEEK(1);
            if (pyval_type(v) != pytype_generator) {
                v = pyobj_iter(v);
                RELOAD();
                if (v == 0)
                    goto error;
                PEEK(1) = v;
            }
            NEXT();
        }
        TARGET(OP_SEND) {
            /* [receiver, value]: resume the receiver with the value */
            pyval receiver = PEEK(2), value = PEEK(1), r;
            bool returned = false;
            if (pyval_type(receiver) == pytype_generator) {
                r = pygen_send(receiver, value, &returned);
            } else if (value == py_None) {
                r = pyiter_next(receiver);
            } else {
                bool found;
                r = pyobj_call_dunder(receiver, "send", &value, 1, &found);
            }
            RELOAD();
            if (r == 0) {
                pyval result = py_None;
                if (pyerr_occurred()) {
                    if (!pyerr_matches(pyexc_StopIteration))
                        goto error;
                    pyval exc = pyerr_fetch();
                    pyval args = ((PyExc *)pyval_obj(exc))->args;
                    if (pytuple_size(args) > 0)
                        result = pytuple_get(args, 0);
                    RELOAD();
                }
                SP -= 2;
                PUSH(result);
                ip = arg;
                NEXT();
            }
            PEEK(1) = r;
            NEXT();
        }
        TARGET(OP_IMPORT_NAME) {
            /* [level, fromlist] -> module */
            int64_t level = pyval_is_int(PEEK(2)) ? pyval_int(PEEK(2)) : 0;
            pyval m = pyimport(pytuple_get(code->names, arg), PEEK(1), level,
                               f->globals);
            RELOAD();
            if (m == 0)
                goto error;
            SP--;
            PEEK(1) = m;
            NEXT();
        }
        TARGET(OP_IMPORT_FROM) {
            pyval v = pyimport_from(PEEK(1), pytuple_get(code->names, arg));
            RELOAD();
            if (v == 0)
                goto error;
            PUSH(v);
            NEXT();
        }
        TARGET(OP_IMPORT_STAR) {
            int r = pyimport_star(PEEK(1), f->locals ? f->locals : f->globals);
            RELOAD();
            if (r < 0)
                goto error;
            SP--;
            NEXT();
        }
        TARGET(OP_LOAD_ASSERTION_ERROR)
            PUSH(pyval_from_obj((PyObj *)pyexc_AssertionError));
            NEXT();
        TARGET(OP_PRINT_EXPR) {
            pyval v = POP();
            if (v != py_None) {
                SAVE_STATE();
                pyval r = pyobj_repr(v);
                RELOAD();
                if (r == 0)
                    goto error;
                stm_become_inevitable(&pyrt_tl, "print");
                fwrite(pystr_utf8(r), 1, (size_t)pystr_nbytes(r), stdout);
                fputc('\n', stdout);
            }
            NEXT();
        }
        TARGET_DEFAULT
            pyerr_format(pyexc_SystemError,
                         "pystm: opcode %s is not implemented yet",
                         pyvm_opcode_names[PYVM_OP(word)]);
            goto error;
        }
        continue;

    error:
        /* the failing instruction is ip - 1 (making the exception may
           have allocated: the frame may have moved) */
        RELOAD();
        f->lasti = ip - 1;
        note_exception(pyval_from_obj((PyObj *)f), ip - 1, true);
    reraise : {
        RELOAD();
        const struct pycode_handler *h = find_handler(code, ip - 1);
        if (h != NULL) {
            pyval exc = pyerr_fetch();
            SP = h->depth;
            if (h->lasti)
                PUSH(pyval_from_int(f->lasti >= 0 ? f->lasti : ip - 1));
            PUSH(exc);
            ip = h->target;
            continue;
        }
        /* not handled here: leave the frame */
        SAVE_STATE();
        if (f->flags & PYFRAME_ENTRY) {
            pyrt_tl.shadowstack = root;
            current_root = outer_root;
            yielded = false;
            return 0;
        }
        PyFrame *caller = (PyFrame *)pyval_obj(f->back);
        root->ss = (object_t *)caller;
        PyThreadState *ts = pythreadstate();
        pyobj_write((PyObj *)ts);
        ts->depth--;
        RELOAD();
        ip = f->ip;
        SP = f->sp;
        f->lasti = ip - 1;
        note_exception(pyval_from_obj((PyObj *)f), ip - 1, false);
        goto reraise;
    }
    }
}

#undef SP

/* ------------------------------------------------------------ entries */

pyval pyvm_run_frame(PyFrame *f)
{
    return run(f, false);
}

pyval pyvm_resume(PyFrame *f, bool throwing)
{
    PyThreadState *ts = pythreadstate();
    if (ts->depth >= ts->recursion_limit)
        return pyerr_format(pyexc_RecursionError,
                            "maximum recursion depth exceeded");
    pyobj_write((PyObj *)ts);
    ts->depth++;
    pyval r = run(f, throwing);
    ts = pythreadstate();
    pyobj_write((PyObj *)ts);
    ts->depth--;
    return r;
}

pyval pyvm_run_code(pyval code, pyval globals, pyval locals)
{
    PyFrame *f = pyframe_new(code, globals, pyvm_builtins, locals, 0);
    /* the module's frame counts toward the recursion limit, as in
       CPython */
    PyThreadState *ts = pythreadstate();
    pyobj_write((PyObj *)ts);
    ts->depth++;
    pyval r = run(f, false);
    ts = pythreadstate();
    pyobj_write((PyObj *)ts);
    ts->depth--;
    return r;
}

pyval pyvm_call_function(pyval func, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    PyFunc *fn = (PyFunc *)pyval_obj(func);
    PY_PUSHV(pyval_from_obj(kwnames));
    PY_PUSHV(func);
    PyFrame *f =
        pyframe_new(fn->code, fn->globals,
                    fn->builtins ? fn->builtins : pyvm_builtins, 0, func);
    PY_PUSH(f);
    PyFrame **fp = (PyFrame **)&pyrt_tl.shadowstack[-1].ss;
    int r = pyvm_bind_arguments(
        fp, (pyval)pyrt_tl.shadowstack[-2].ss, args, nargs,
        (PyObj *)pyval_obj((pyval)pyrt_tl.shadowstack[-3].ss));
    f = *fp;
    func = (pyval)pyrt_tl.shadowstack[-2].ss;
    pyrt_tl.shadowstack -= 3;
    if (r < 0)
        return 0;
    fn = (PyFunc *)pyval_obj(func);
    if (((PyCode *)pyval_obj(fn->code))->flags & PYCODE_GENERATOR)
        return pygen_new(pyval_from_obj((PyObj *)f), fn->name, fn->qualname);
    PyThreadState *ts = pythreadstate();
    if (ts->depth >= ts->recursion_limit)
        return pyerr_format(pyexc_RecursionError,
                            "maximum recursion depth exceeded while calling "
                            "a Python object");
    pyobj_write((PyObj *)ts);
    ts->depth++;
    pyval result = run(f, false);
    ts = pythreadstate();
    pyobj_write((PyObj *)ts);
    ts->depth--;
    return result;
}

/* The builtins dict lives in an immortal cell: a C global may only hold
   an old object, so the dict made in one transaction is read back from
   the cell in the next (old by then, it never moves again). */
void pyvm_setup(void)
{
    const char *ticks_env = getenv("PYSTM_TX_TICKS");
    if (ticks_env && atol(ticks_env) > 0)
        pyvm_tx_ticks = atol(ticks_env);
    pyrt_start_transaction();
    pyimport_setup(0, NULL);
    PyCell *holder = (PyCell *)pyrt_new_immortal(sizeof(struct pycell_s),
                                                 PYL_CELL, pytype_cell);
    pyval d = pymod_builtins_dict();
    pyobj_write((PyObj *)holder);
    holder->value = d;
    pyrt_commit_transaction();
    pyrt_start_transaction();
    stm_collect(0); /* old in the GIL build too (see pystr_setup) */
    holder = (PyCell *)pyval_obj((pyval)holder);
    pyvm_builtins = holder->value;
    pyrt_commit_transaction();
}
