/* codeobject.c -- the Python face of code objects: CPython's co_*
 * attributes, co_positions() and the repr.  The code object itself is
 * built by the assembler (compiler/assemble.c) and never changes, so
 * everything here reads it without barriers.
 *
 * co_positions() gives one (line, end_line, col, end_col) per pystm
 * instruction (CPython gives one per code unit: the values agree for the
 * instructions that can fail, not the count).  _pystm_instructions()
 * lists (opname, arg, line, end_line, col, end_col), for comparing the
 * compiler's positions with CPython's dis.
 */
#include "codeobject.h"

#include "../runtime/args.h"
#include "../vm/opcodes.h"
#include "abstract.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "typeobject.h"

#include <stdio.h>

int64_t pycode_line_at(PyCode *c, int64_t i)
{
    const struct pycode_pos *pos = pycode_pos_real(c);
    for (i = i < c->ninstr ? i : c->ninstr - 1; i >= 0; i--) {
        if (pos[i].line > 0)
            return pos[i].line;
    }
    return c->firstlineno;
}

static PyCode *code_of(pyval self)
{
    return (PyCode *)pyval_obj(self);
}

static pyval get_name(pyval self)
{
    return code_of(self)->name;
}

static pyval get_qualname(pyval self)
{
    return code_of(self)->qualname;
}

static pyval get_filename(pyval self)
{
    return code_of(self)->filename;
}

static pyval get_firstlineno(pyval self)
{
    return pyval_from_int(code_of(self)->firstlineno);
}

static pyval get_argcount(pyval self)
{
    return pyval_from_int(code_of(self)->argcount);
}

static pyval get_posonlyargcount(pyval self)
{
    return pyval_from_int(code_of(self)->posonlyargcount);
}

static pyval get_kwonlyargcount(pyval self)
{
    return pyval_from_int(code_of(self)->kwonlyargcount);
}

static pyval get_nlocals(pyval self)
{
    return pyval_from_int(code_of(self)->nlocals);
}

static pyval get_flags(pyval self)
{
    return pyval_from_int(code_of(self)->flags);
}

static pyval get_stacksize(pyval self)
{
    return pyval_from_int(code_of(self)->stacksize);
}

static pyval get_varnames(pyval self)
{
    return code_of(self)->varnames;
}

static pyval get_cellvars(pyval self)
{
    return code_of(self)->cellvars;
}

static pyval get_freevars(pyval self)
{
    return code_of(self)->freevars;
}

static pyval get_names(pyval self)
{
    return code_of(self)->names;
}

static pyval get_consts(pyval self)
{
    return code_of(self)->consts;
}

static const struct pygetset_def code_getset[] = {
    {"co_name", get_name, NULL},
    {"co_qualname", get_qualname, NULL},
    {"co_filename", get_filename, NULL},
    {"co_firstlineno", get_firstlineno, NULL},
    {"co_argcount", get_argcount, NULL},
    {"co_posonlyargcount", get_posonlyargcount, NULL},
    {"co_kwonlyargcount", get_kwonlyargcount, NULL},
    {"co_nlocals", get_nlocals, NULL},
    {"co_flags", get_flags, NULL},
    {"co_stacksize", get_stacksize, NULL},
    {"co_varnames", get_varnames, NULL},
    {"co_cellvars", get_cellvars, NULL},
    {"co_freevars", get_freevars, NULL},
    {"co_names", get_names, NULL},
    {"co_consts", get_consts, NULL},
    {NULL, NULL, NULL},
};

static pyval int_or_none(int32_t v, bool known)
{
    return known ? pyval_from_int(v) : py_None;
}

/* one tuple per instruction, (opname, arg) first when 'with_op' */
static pyval instruction_list(pyval self, bool with_op)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(self);
    pyval list = pylist_new(0);
    if (list == 0)
        goto fail;
    PY_PUSHV(list);
    int32_t n = code_of(self)->ninstr;
    for (int32_t i = 0; i < n; i++) {
        /* copied out: the allocations below may move the code */
        PyCode *code = code_of((pyval)saved[0].ss);
        struct pycode_pos p = pycode_pos_real(code)[i];
        uint32_t word = pycode_instr_real(code)[i];
        bool has_line = p.line > 0;
        pyval line = int_or_none(p.line, has_line);
        pyval end_line = int_or_none(p.end_line, has_line);
        pyval col = int_or_none(p.col, has_line && p.col >= 0);
        pyval end_col = int_or_none(p.end_col, has_line && p.end_col >= 0);
        pyval t;
        if (with_op) {
            pyval name = pystr_from_cstr(pyvm_opcode_names[PYVM_OP(word)]);
            if (name == 0)
                goto fail;
            t = pytuple_pack(6, name, pyval_from_int(PYVM_ARG(word)), line,
                             end_line, col, end_col);
        } else {
            t = pytuple_pack(4, line, end_line, col, end_col);
        }
        if (t == 0 || pylist_append((pyval)saved[1].ss, t) < 0)
            goto fail;
    }
    list = (pyval)saved[1].ss;
    pyrt_tl.shadowstack = saved;
    return list;
fail:
    pyrt_tl.shadowstack = saved;
    return 0;
}

static pyval m_co_positions(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    (void)args;
    if (pyarg_no_keywords("co_positions", kwnames) < 0 ||
        pyarg_count("co_positions", nargs, 0, 0) < 0)
        return 0;
    pyval list = instruction_list(self, false);
    return list ? pyobj_iter(list) : 0;
}

static pyval m_instructions(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    (void)args;
    if (pyarg_no_keywords("_pystm_instructions", kwnames) < 0 ||
        pyarg_count("_pystm_instructions", nargs, 0, 0) < 0)
        return 0;
    return instruction_list(self, true);
}

static const struct pymethod_def code_methods[] = {
    {"co_positions", m_co_positions, 0, NULL},
    {"_pystm_instructions", m_instructions, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static pyval code_repr(pyval self)
{
    PyCode *c = code_of(self);
    char buf[600];
    snprintf(buf, sizeof(buf),
             "<code object %s at 0x%lx, file \"%s\", line %d>",
             pystr_utf8(c->name), (unsigned long)stm_id((object_t *)self),
             pystr_utf8(c->filename), (int)c->firstlineno);
    return pystr_from_cstr(buf);
}

const struct pytype_slots pycode_slots = {
    .repr = code_repr,
    .methods = code_methods,
    .getset = code_getset,
};
