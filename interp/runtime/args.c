/* args.c -- argument count checks with CPython's messages (args.h). */
#include "args.h"

#include "../objects/exceptionobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "errors.h"

#include <string.h>

bool pyarg_has_keywords(PyObj *kwnames)
{
    return kwnames != NULL && pytuple_size(pyval_from_obj(kwnames)) != 0;
}

int pyarg_bind(const char *fname, const pyval *args, size_t nargs,
               PyObj *kwnames, const char *const *names, size_t nparams,
               pyval *out)
{
    if (nargs > nparams) {
        pyerr_format(pyexc_TypeError,
                     "%s() takes at most %zd argument%s (%zd given)", fname,
                     (long)nparams, nparams == 1 ? "" : "s", (long)nargs);
        return -1;
    }
    for (size_t i = 0; i < nparams; i++)
        out[i] = i < nargs ? args[i] : 0;
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    for (int64_t k = 0; k < nkw; k++) {
        const char *name = pystr_utf8(pytuple_get(pyval_from_obj(kwnames), k));
        size_t i = 0;
        while (i < nparams && strcmp(names[i], name) != 0)
            i++;
        if (i == nparams) {
            pyerr_format(pyexc_TypeError,
                         "'%s' is an invalid keyword argument for %s()", name,
                         fname);
            return -1;
        }
        if (i < nargs) {
            pyerr_format(pyexc_TypeError,
                         "argument for %s() given by name ('%s') and "
                         "position (%zd)",
                         fname, name, (long)i + 1);
            return -1;
        }
        out[i] = args[nargs + (size_t)k];
    }
    return 0;
}

int pyarg_no_keywords(const char *name, PyObj *kwnames)
{
    if (!pyarg_has_keywords(kwnames))
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
