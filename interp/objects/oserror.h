/* oserror.h -- OSError's errno subclasses, attributes and str(), and
 * raising it from a C errno. */
#ifndef PYSTM_OSERROR_H
#define PYSTM_OSERROR_H

#include "exceptionobject.h"

/* the OSError subclass CPython raises for an errno (OSError if none) */
PyType *pyoserror_type_for_errno(int64_t err);
/* the type OSError(args) really makes: the errno's subclass */
PyType *pyoserror_new_type(PyType *type, const pyval *args, size_t nargs);
/* for an instance of OSError or a subclass: errno, strerror, filename,
   filename2 from the arguments (args on the shadow stack) */
int pyoserror_init(pyval exc, const pyval *args, size_t nargs);
/* str() of an OSError: the "[Errno N] ..." text, or None when the
   fields are not set (then BaseException's str() applies) */
pyval pyoserror_str(pyval exc);
/* raise the errno's OSError, naming the file(s) involved (0: none) */
pyval pyerr_from_errno(int err, pyval filename);
pyval pyerr_from_errno2(int err, pyval filename, pyval filename2);

#endif
