/* codeattrs.c -- the attributes a code object shows to Python (co_name,
 * co_argcount, co_varnames, ...): read-only views of its fixed fields.
 * Code objects never change, so no barriers.
 */
#include "codeobject.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "intobject.h"
#include "typeobject.h"

static PyCode *code_of(pyval self)
{
    return (PyCode *)pyval_obj(self);
}

static pyval code_name(pyval self)
{
    return code_of(self)->name;
}

static pyval code_qualname(pyval self)
{
    return code_of(self)->qualname;
}

static pyval code_filename(pyval self)
{
    return code_of(self)->filename;
}

static pyval code_varnames(pyval self)
{
    return code_of(self)->varnames;
}

static pyval code_cellvars(pyval self)
{
    return code_of(self)->cellvars;
}

static pyval code_freevars(pyval self)
{
    return code_of(self)->freevars;
}

static pyval code_names(pyval self)
{
    return code_of(self)->names;
}

static pyval code_argcount(pyval self)
{
    return pyval_from_int(code_of(self)->argcount);
}

static pyval code_posonlyargcount(pyval self)
{
    return pyval_from_int(code_of(self)->posonlyargcount);
}

static pyval code_kwonlyargcount(pyval self)
{
    return pyval_from_int(code_of(self)->kwonlyargcount);
}

static pyval code_nlocals(pyval self)
{
    return pyval_from_int(code_of(self)->nlocals);
}

static pyval code_flags(pyval self)
{
    return pyval_from_int(code_of(self)->flags);
}

static pyval code_firstlineno(pyval self)
{
    return pyval_from_int(code_of(self)->firstlineno);
}

static const struct pygetset_def code_getset[] = {
    {"co_name", code_name, NULL},
    {"co_qualname", code_qualname, NULL},
    {"co_filename", code_filename, NULL},
    {"co_varnames", code_varnames, NULL},
    {"co_cellvars", code_cellvars, NULL},
    {"co_freevars", code_freevars, NULL},
    {"co_names", code_names, NULL},
    {"co_argcount", code_argcount, NULL},
    {"co_posonlyargcount", code_posonlyargcount, NULL},
    {"co_kwonlyargcount", code_kwonlyargcount, NULL},
    {"co_nlocals", code_nlocals, NULL},
    {"co_flags", code_flags, NULL},
    {"co_firstlineno", code_firstlineno, NULL},
    {NULL, NULL, NULL},
};

const struct pytype_slots pycode_slots = {
    .getset = code_getset,
};
