/* errors.h -- raising and catching Python exceptions from C.
 *
 * The current exception is a field of the thread state (a heap object
 * that is the thread's stmgc thread_local_obj, so an abort restores it).
 * A C function that fails sets it and returns 0 (pyval) or -1 (int).
 */
#ifndef PYSTM_ERRORS_H
#define PYSTM_ERRORS_H

#include "object.h"

typedef TLPREFIX struct pythreadstate_s PyThreadState;

struct pythreadstate_s {
    struct pyobj_s ob;
    pyval curexc;  /* the exception being raised, or 0 */
    pyval handled; /* sys.exc_info()'s: the one being handled */
    pyval frame;   /* the innermost Python frame, or 0 */
    int64_t depth; /* Python calls in progress, for RecursionError */
    int64_t recursion_limit;
};

void pythreadstate_gc_trace(struct pyobj_s *o, void visit(object_t **));

static inline PyThreadState *pythreadstate(void)
{
    return (PyThreadState *)pyrt_tl.thread_local_obj;
}

/* Sets the current exception: an instance of 'type' with one argument,
   the message made from 'fmt'.  Formats: printf's %s %d %ld %lld %zd %c
   %x, and for a pyval argument: %T its type's name, %U a str's text,
   %R its repr(), %S its str().  Returns 0, so `return pyerr_format(...)`
   works in pyval functions. */
pyval pyerr_format(PyType *type, const char *fmt, ...);
/* a str made from fmt as pyerr_format makes messages; 0 on error */
pyval pystr_from_format(const char *fmt, ...);
/* the exception object or class 'exc' (a class is called) */
void pyerr_set(pyval exc);
void pyerr_set_none(PyType *type);
pyval pyerr_occurred(void);
/* takes the current exception away (0 if none) */
pyval pyerr_fetch(void);
void pyerr_clear(void);
/* is the current exception an instance of 'type'? */
bool pyerr_matches(PyType *type);
pyval pyerr_no_memory(void);

#endif
