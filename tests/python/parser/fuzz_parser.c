/* libFuzzer target: random bytes through the tokenizer and the parser in
   the three modes, and the dump of whatever parses.  Any crash, sanitizer
   report or leak is a bug: bad input must only ever give an error record.
   Build: build.sh fuzz; run: build/fuzz_parser fuzz_corpus/ */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../../interp/parser/astdump.h"
#include "../../../interp/parser/parser.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");
    for (int mode = 0; mode < 3; mode++) {
        pyast_arena *arena = pyast_arena_new();
        pyparse_error err;
        pyast_mod *m = pyparse_source((const char *)data, size,
                                      (pyparse_mode)mode, arena, &err);
        if (m && null_out)
            pyast_dump(null_out, m, mode == 0);
        else if (!m && err.kind == PYERR_NONE)
            __builtin_trap(); /* a failure must always say why */
        if (!m && err.text)
            (void)strlen(err.text);
        pyast_arena_free(arena);
    }
    return 0;
}
