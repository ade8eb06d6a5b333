/* run.c -- running source text: parse, compile and execute in a
 * namespace (the main program, imported modules, exec()).  A parse
 * error becomes a SyntaxError (or IndentationError, TabError) with
 * CPython's details (filename, line, offset, text).
 */
#include "../compiler/compile.h"
#include "../objects/abstract.h"
#include "../objects/exceptionobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../parser/parser.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "vm.h"

#include <string.h>

pyval pyrun_syntax_error(pyparse_error *err, const char *filename)
{
    PyType *type = err->kind == PYERR_INDENTATION ? pyexc_IndentationError
                   : err->kind == PYERR_TAB       ? pyexc_TabError
                                                  : pyexc_SyntaxError;
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    pyval msg = pystr_from_cstr(err->msg);
    PY_PUSHV(msg);
    pyval file = pystr_from_cstr(filename);
    PY_PUSHV(file);
    pyval text = py_None;
    if (err->text != NULL) {
        const char *t = err->text;
        size_t n = strcspn(t, "\n");
        text = pystr_from_utf8(t, n + (t[n] == '\n'));
    }
    PY_PUSHV(text);
    pyval detail = pytuple_pack(
        6, (pyval)saved[1].ss, pyval_from_int(err->lineno),
        pyval_from_int(err->offset), (pyval)saved[2].ss,
        pyval_from_int(err->end_lineno), pyval_from_int(err->end_offset));
    pyval args = detail ? pytuple_pack(2, (pyval)saved[0].ss, detail) : 0;
    pyrt_tl.shadowstack = saved;
    if (args != 0)
        pyerr_set(pyexc_new(type, args));
    return 0;
}

pyval pyrun_source(const char *source, size_t len, const char *filename,
                   pyval globals)
{
    pyast_arena *arena = pyast_arena_new();
    pyparse_error err;
    memset(&err, 0, sizeof(err));
    pyast_mod *mod = pyparse_source(source, len, PYPARSE_EXEC, arena, &err);
    if (mod == NULL) {
        pyrun_syntax_error(&err, filename);
        pyast_arena_free(arena);
        return 0;
    }
    PY_PUSHV(globals);
    pyval code = pycomp_compile(mod, filename, PYPARSE_EXEC, arena);
    pyast_arena_free(arena);
    PY_POPV(globals);
    if (code == 0)
        return 0;
    return pyvm_run_code(code, globals, globals);
}
