#!/bin/sh
# gcc_build.sh -- every C file of the interpreter compiles with GCC
# (__seg_gs instead of clang's address_space) without a warning.
set -e
cd "$(dirname "$0")/../.."
ls interp/*/*.c interp/main.c interp/lineedit.c | xargs -P 2 -I{} sh -c \
    'gcc -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Werror -O2 \
         -fno-strict-aliasing -I. -Istmgc -DSTM_NB_SEGMENTS=8 \
         -c {} -o /dev/null || { echo "gcc: {} fails" >&2; exit 255; }'
echo "gcc: interp/ compiles without warnings"
