/* exceptionattrs.h -- attributes of particular exception classes and the
 * report of a run-time SyntaxError (exceptionattrs.c). */
#ifndef PYSTM_EXCEPTIONATTRS_H
#define PYSTM_EXCEPTIONATTRS_H

#include "typeobject.h"

/* outside transactions, once the exception types exist: their slot
   tables made from the common one */
void pyexc_setup_attrs(const struct pytype_slots *base);
/* for a SyntaxError with a location: prints CPython's "File, line, text,
   caret" lines to stderr and returns true */
bool pyexc_print_syntax_location(pyval exc);

#endif
