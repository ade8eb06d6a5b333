/* libFuzzer target: random bytes through the tokenizer, the parser and
   the compiler (symbol table, code generation, assembly) in the three
   modes.  Any crash, sanitizer report or leak is a bug; bad input must
   only ever fail with an exception set, and that exception must be a
   SyntaxError (IndentationError, TabError) or a MemoryError.
   Build: build.sh fuzz-compiler; run: build/fuzz_compiler fuzz_corpus/ */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../../interp/compiler/compile.h"
#include "../../../interp/objects/abstract.h"
#include "../../../interp/objects/exceptionobject.h"
#include "../../../interp/objects/typeobject.h"
#include "../../../interp/parser/parser.h"
#include "../../../interp/runtime/errors.h"
#include "../../../interp/runtime/runtime.h"
#include "../../../interp/vm/vm.h"

/* a major collection this often keeps the heap (code objects, strings,
   constants of inputs already done) from growing without bound */
#define INPUTS_PER_MAJOR_GC 256

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    rewind_jmp_buf rjbuf;
    /* the interpreter's setup, as main() does it; nothing is torn down:
       the heap lives as long as the process */
    stm_setup();
    pyrt_register_thread();
    stm_rewind_jmp_enterframe(&pyrt_tl, &rjbuf);
    pyrt_setup();
    pyvm_setup();
    stm_rewind_jmp_leaveframe(&pyrt_tl, &rjbuf);
    return 0;
}

/* the exception a failed parse or compile left: there must be one, and
   of an allowed kind; then it is cleared */
static void check_and_clear_error(void)
{
    pyval exc = pyerr_occurred();
    if (exc == 0) {
        fprintf(stderr, "fuzz_compiler: failure without an exception\n");
        abort();
    }
    PyType *type = pyval_type(exc);
    if (!pytype_is_subtype(type, pyexc_SyntaxError) &&
        !pytype_is_subtype(type, pyexc_MemoryError)) {
        fprintf(stderr, "fuzz_compiler: unexpected exception:\n");
        pyexc_print(pyerr_fetch());
        abort();
    }
    pyerr_clear();
}

static void one_mode(const char *source, size_t size, pyparse_mode mode)
{
    pyast_arena *arena = pyast_arena_new();
    pyparse_error err;
    memset(&err, 0, sizeof(err));
    pyast_mod *mod = pyparse_source(source, size, mode, arena, &err);
    pyrt_start_transaction();
    if (mod == NULL) {
        if (err.kind == PYERR_NONE)
            abort(); /* a parse failure must always say why */
        /* the SyntaxError object run.c makes of it, details and all */
        pyrun_syntax_error(&err, "<fuzz>");
        check_and_clear_error();
    } else {
        pyval code = pycomp_compile(mod, "<fuzz>", mode, arena);
        if (code == 0)
            check_and_clear_error();
        else if (pyerr_occurred() != 0)
            abort(); /* success must leave no exception behind */
    }
    pyrt_commit_transaction();
    pyast_arena_free(arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned long inputs;
    rewind_jmp_buf rjbuf;
    stm_rewind_jmp_enterframe(&pyrt_tl, &rjbuf);
    for (int mode = 0; mode < 3; mode++)
        one_mode((const char *)data, size, (pyparse_mode)mode);
    if (++inputs % INPUTS_PER_MAJOR_GC == 0) {
        pyrt_start_transaction();
        stm_collect(1);
        pyrt_commit_transaction();
    }
    stm_rewind_jmp_leaveframe(&pyrt_tl, &rjbuf);
    return 0;
}
