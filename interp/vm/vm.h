/* vm.h -- running code: the evaluation loop (eval.c) and calls of
 * Python functions (call.c).
 */
#ifndef PYSTM_VM_H
#define PYSTM_VM_H

#include "frame.h"

/* Runs a module or class body (code with no arguments) in 'globals'
   with 'locals' as its namespace. */
pyval pyvm_run_code(pyval code, pyval globals, pyval locals);
/* Calls a Python function (args may be on the shadow stack or in C
   memory; they are copied into the new frame before any allocation that
   could move them... so callers pass rooted arrays) */
pyval pyvm_call_function(pyval func, const pyval *args, size_t nargs,
                         PyObj *kwnames);

/* Fills a new frame's locals from the arguments of a call, with
   CPython's errors ("f() missing 1 required positional argument: 'x'"),
   and makes the cells.  args[] must stay valid across allocations (the
   shadow stack); returns -1 with an exception set. */
int pyvm_bind_arguments(PyFrame **frame, pyval func, const pyval *args,
                        size_t nargs, PyObj *kwnames);

/* Runs a frame made and bound by the caller (class bodies). */
pyval pyvm_run_frame(PyFrame *f);
/* Resumes a suspended generator frame (its entry): with 'throwing', the
   current exception is raised at the yield.  pyvm_yielded() then says
   whether it yielded (the result is the value) or returned. */
pyval pyvm_resume(PyFrame *f, bool throwing);
bool pyvm_yielded(void);
/* the innermost frame being run by this thread, or NULL */
PyFrame *pyvm_current_frame(void);

/* run.c: source text executed in 'globals' (the result of the module
   code: None, or 0 with an exception set) */
pyval pyrun_source(const char *source, size_t len, const char *filename,
                   pyval globals);
struct pytok_error;
/* the exception of a parse error (SyntaxError, IndentationError...) */
pyval pyrun_syntax_error(struct pytok_error *err, const char *filename);

/* vmerrors.c: after an operation on v failed, CPython's wording when v
   is not iterable at all (fmt has a %T for its type); {**v} requires a
   mapping (-1 and TypeError otherwise) */
void pyvm_error_not_iterable(pyval v, const char *fmt);
int pyvm_check_mapping(pyval v);

/* callargs.c: f(*v): the arguments as a tuple (0 with CPython's
   TypeError naming func if v is not iterable); f(**other): other merged
   into dict, -1 with CPython's TypeError if other is not a mapping or
   repeats a keyword */
pyval pyvm_star_args(pyval func, pyval v);
int pyvm_merge_kwargs(pyval func, pyval dict, pyval other);

/* the builtins dict every function sees */
extern pyval pyvm_builtins;

/* transaction breaks: after this many safe points (backward jumps,
   calls) the running transaction commits and the next one starts */
extern long pyvm_tx_ticks;

void pyvm_setup(void);

#endif
