#!/bin/sh
# ubsan.sh -- the library, the deterministic tests and the stress programs
# built with clang's UndefinedBehaviorSanitizer (any report is fatal), run
# normally and in GC-stress mode.  The segment tricks (%gs-relative
# pointers, aliased mappings) are compatible with it: see doc/testing.md.
exec sh "${srcdir:-.}/tests/stmgc/build_variant.sh" ubsan clang \
    "-O1 -fsanitize=undefined -fno-sanitize-recover=all" \
    test_core stress_transfers stress_counter stress_graph
