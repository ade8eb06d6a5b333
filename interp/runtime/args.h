/* args.h -- checking the arguments of C functions called from Python,
 * with CPython's messages.  (Messages differ between CPython's built-ins;
 * these cover the common shapes, a function with its own wording raises
 * its own.)
 */
#ifndef PYSTM_ARGS_H
#define PYSTM_ARGS_H

#include "object.h"

#include <stddef.h>

/* kwnames is a non-empty tuple: a caller whose message needs a name it
   must build (snprintf) checks this first, as the common call has none */
bool pyarg_has_keywords(PyObj *kwnames);
/* "NAME() takes no keyword arguments" when kwnames is not NULL/empty */
int pyarg_no_keywords(const char *name, PyObj *kwnames);
/* Argument Clinic's binding of positional-or-keyword parameters named
   names[0..nparams) into out[] (0 when absent), with CPython's messages
   for too many arguments, an unknown keyword, and a parameter given by
   name and position */
int pyarg_bind(const char *fname, const pyval *args, size_t nargs,
               PyObj *kwnames, const char *const *names, size_t nparams,
               pyval *out);
/* "NAME() takes exactly one argument (N given)",
   "NAME() takes no arguments (N given)",
   "NAME expected at least MIN argument(s), got N",
   "NAME expected at most MAX argument(s), got N" */
int pyarg_count(const char *name, size_t nargs, size_t min, size_t max);

#endif
