/* args.h -- checking the arguments of C functions called from Python,
 * with CPython's messages.  (Messages differ between CPython's built-ins;
 * these cover the common shapes, a function with its own wording raises
 * its own.)
 */
#ifndef PYSTM_ARGS_H
#define PYSTM_ARGS_H

#include "object.h"

#include <stddef.h>

/* "NAME() takes no keyword arguments" when kwnames is not NULL/empty */
int pyarg_no_keywords(const char *name, PyObj *kwnames);
/* "NAME() takes exactly one argument (N given)",
   "NAME() takes no arguments (N given)",
   "NAME expected at least MIN argument(s), got N",
   "NAME expected at most MAX argument(s), got N" */
int pyarg_count(const char *name, size_t nargs, size_t min, size_t max);

#endif
