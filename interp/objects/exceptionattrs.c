/* exceptionattrs.c -- the attributes particular exception classes add
 * (SystemExit.code, StopIteration.value, SyntaxError's location), read
 * from the exception's args as CPython's constructors store them, and
 * the report of a SyntaxError raised at run time (by compile, exec,
 * eval or an import).
 */
#include "exceptionattrs.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <string.h>

static pyval args_of(pyval self)
{
    return ((PyExc *)pyval_obj(self))->args;
}

/* SystemExit.code: None, the one argument, or the args tuple */
static pyval get_code(pyval self)
{
    pyval args = args_of(self);
    int64_t n = pytuple_size(args);
    return n == 0 ? py_None : n == 1 ? pytuple_get(args, 0) : args;
}

/* StopIteration.value: the first argument or None */
static pyval get_value(pyval self)
{
    pyval args = args_of(self);
    return pytuple_size(args) > 0 ? pytuple_get(args, 0) : py_None;
}

static const struct pygetset_def system_exit_getset[] = {
    {"code", get_code, NULL},
    {NULL, NULL, NULL},
};

static const struct pygetset_def stop_iteration_getset[] = {
    {"value", get_value, NULL},
    {NULL, NULL, NULL},
};

/* SyntaxError(msg, (filename, lineno, offset, text[, end_lineno,
   end_offset])): item i of the details, or None */
static pyval detail(pyval self, int64_t i)
{
    pyval args = args_of(self);
    if (pytuple_size(args) != 2)
        return py_None;
    pyval d = pytuple_get(args, 1);
    if (!pyval_is_obj(d) || pyval_obj(d)->layout != PYL_TUPLE ||
        i >= pytuple_size(d))
        return py_None;
    return pytuple_get(d, i);
}

static pyval get_msg(pyval self)
{
    pyval args = args_of(self);
    return pytuple_size(args) > 0 ? pytuple_get(args, 0) : py_None;
}

#define SYNTAX_DETAIL(NAME, INDEX)          \
    static pyval get_##NAME(pyval self)     \
    {                                       \
        return detail(self, INDEX);         \
    }
SYNTAX_DETAIL(filename, 0)
SYNTAX_DETAIL(lineno, 1)
SYNTAX_DETAIL(offset, 2)
SYNTAX_DETAIL(text, 3)
SYNTAX_DETAIL(end_lineno, 4)
SYNTAX_DETAIL(end_offset, 5)

static pyval get_print_file_and_line(pyval self)
{
    return py_None;
}

static const struct pygetset_def syntax_error_getset[] = {
    {"msg", get_msg, NULL},
    {"filename", get_filename, NULL},
    {"lineno", get_lineno, NULL},
    {"offset", get_offset, NULL},
    {"text", get_text, NULL},
    {"end_lineno", get_end_lineno, NULL},
    {"end_offset", get_end_offset, NULL},
    {"print_file_and_line", get_print_file_and_line, NULL},
    {NULL, NULL, NULL},
};

static bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

/* str(e): "msg (file.py, line 3)", the file's base name only */
static pyval syntax_error_str(pyval self)
{
    pyval msg = get_msg(self);
    pyval file = get_filename(self), line = get_lineno(self);
    bool has_file = is_str(file), has_line = pyval_is_int(line);
    if (!has_file && !has_line)
        return pyobj_str(msg);
    PY_PUSHV(self);
    PY_PUSHV(file);
    pyval text = pyobj_str(msg);
    PY_POPV(file);
    PY_POPV(self);
    if (text == 0)
        return 0;
    const char *base = "";
    if (has_file) {
        base = strrchr(pystr_utf8(file), '/');
        base = base ? base + 1 : pystr_utf8(file);
    }
    if (has_file && has_line)
        return pystr_from_format("%U (%s, line %ld)", text, base,
                                 (long)pyval_int(line));
    if (has_file)
        return pystr_from_format("%U (%s)", text, base);
    return pystr_from_format("%U (line %ld)", text, (long)pyval_int(line));
}

static struct pytype_slots system_exit_slots, stop_iteration_slots,
    syntax_error_slots;

void pyexc_setup_attrs(const struct pytype_slots *base)
{
    system_exit_slots = *base;
    system_exit_slots.getset = system_exit_getset;
    pyexc_SystemExit->slots = &system_exit_slots;
    stop_iteration_slots = *base;
    stop_iteration_slots.getset = stop_iteration_getset;
    pyexc_StopIteration->slots = &stop_iteration_slots;
    syntax_error_slots = *base;
    syntax_error_slots.getset = syntax_error_getset;
    syntax_error_slots.str = syntax_error_str;
    pyexc_SyntaxError->slots = &syntax_error_slots;
    pyexc_IndentationError->slots = &syntax_error_slots;
    pyexc_TabError->slots = &syntax_error_slots;
}

bool pyexc_print_syntax_location(pyval exc)
{
    if (!pytype_is_subtype(pyval_type(exc), pyexc_SyntaxError))
        return false;
    pyval file = get_filename(exc), line = get_lineno(exc);
    if (!is_str(file) || !pyval_is_int(line))
        return false;
    fprintf(stderr, "  File \"%s\", line %ld\n", pystr_utf8(file),
            (long)pyval_int(line));
    pyval text = get_text(exc), offset = get_offset(exc);
    if (is_str(text)) {
        const char *t = pystr_utf8(text);
        int skipped = 0;
        while (*t == ' ' || *t == '\t' || *t == '\f') {
            t++;
            skipped++;
        }
        size_t n = strcspn(t, "\r\n");
        fprintf(stderr, "    %.*s\n", (int)n, t);
        if (pyval_is_int(offset) && pyval_int(offset) > 0) {
            long start = (long)pyval_int(offset) - 1 - skipped;
            pyval end_off = get_end_offset(exc), end_line = get_end_lineno(exc);
            long end = start + 1;
            if (pyval_is_int(end_off) && end_line == line &&
                pyval_int(end_off) > pyval_int(offset))
                end = (long)pyval_int(end_off) - 1 - skipped;
            if (start < 0)
                start = 0;
            if (end > (long)n)
                end = (long)n > start ? (long)n : start + 1;
            fprintf(stderr, "    %*s", (int)start, "");
            for (long i = start; i < end; i++)
                fputc('^', stderr);
            fputc('\n', stderr);
        }
    }
    return true;
}
