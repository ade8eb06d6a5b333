#!/bin/sh
# gcc_build.sh -- the library also builds with GCC (its __seg_gs address
# space instead of clang's address_space(256)): compile it, the
# deterministic tests and two stress programs with gcc -O2 -Werror, and
# run them.
exec sh "${srcdir:-.}/tests/stmgc/build_variant.sh" gcc gcc \
    "-O2 -Wall -Wextra -Wno-unused-parameter -Werror" \
    test_core stress_transfers stress_graph
