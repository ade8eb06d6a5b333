/* args.c -- argument count checks with CPython's messages (args.h). */
#include "args.h"

#include "../objects/exceptionobject.h"
#include "../objects/tupleobject.h"
#include "errors.h"

int pyarg_no_keywords(const char *name, PyObj *kwnames)
{
    if (kwnames == NULL || pytuple_size(pyval_from_obj(kwnames)) == 0)
        return 0;
    pyerr_format(pyexc_TypeError, "%s() takes no keyword arguments", name);
    return -1;
}

int pyarg_count(const char *name, size_t nargs, size_t min, size_t max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    if (min == max && min == 0)
        pyerr_format(pyexc_TypeError, "%s() takes no arguments (%zd given)",
                     name, (long)nargs);
    else if (min == max && min == 1)
        pyerr_format(pyexc_TypeError,
                     "%s() takes exactly one argument (%zd given)", name,
                     (long)nargs);
    else if (nargs < min)
        pyerr_format(pyexc_TypeError,
                     "%s expected at least %zd argument%s, "
                     "got %zd",
                     name, (long)min, min == 1 ? "" : "s", (long)nargs);
    else
        pyerr_format(pyexc_TypeError,
                     "%s expected at most %zd argument%s, got %zd", name,
                     (long)max, max == 1 ? "" : "s", (long)nargs);
    return -1;
}
