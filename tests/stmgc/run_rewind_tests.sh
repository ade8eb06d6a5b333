#!/bin/sh
# run_rewind_tests.sh -- builds tests/stmgc/test_rewind.c with the rewind
# setjmp sources under each compiler and optimization level we support, runs
# every build, and runs one build under valgrind (leaks, bad accesses).
#
# The stack copying depends on how each compiler lays out frames, hence the
# whole matrix.  Exit status is nonzero if any build or run fails.
set -u

tests_dir=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$tests_dir/../../stmgc" && pwd)
build_root=$(mktemp -d /tmp/rewind_tests.XXXXXX) || exit 1
trap 'rm -rf "$build_root"' EXIT

common_flags="-std=gnu11 -Wall -Wextra -Werror -g"
failed=""

for config in "gcc -O0" "gcc -O2" "clang -O0" "clang -O2" "clang -O3"; do
    set -- $config
    compiler=$1
    optimization=$2
    build_dir="$build_root/$compiler$optimization"
    mkdir -p "$build_dir"
    echo "=== $compiler $optimization"
    # shellcheck disable=SC2086
    if ! "$compiler" $common_flags "$optimization" -I"$source_dir" \
        -o "$build_dir/test_rewind" "$tests_dir/test_rewind.c" \
        "$source_dir/rewind_setjmp.c" "$source_dir/rewind_jmp_x86_64.S" \
        -lcunit; then
        failed="$failed [$config: build]"
        continue
    fi
    if ! "$build_dir/test_rewind"; then
        failed="$failed [$config: run]"
    fi
done

if command -v valgrind >/dev/null 2>&1; then
    echo "=== valgrind (gcc -O2 build)"
    if [ -x "$build_root/gcc-O2/test_rewind" ]; then
        if ! REWIND_BENCH_ITERATIONS=20000 valgrind --quiet \
            --leak-check=full --errors-for-leak-kinds=definite,indirect \
            --error-exitcode=1 --child-silent-after-fork=yes \
            "$build_root/gcc-O2/test_rewind"; then
            failed="$failed [valgrind]"
        fi
    else
        failed="$failed [valgrind: no gcc -O2 build]"
    fi
else
    echo "=== valgrind not found: leak check skipped"
fi

if [ -n "$failed" ]; then
    echo "FAILED:$failed"
    exit 1
fi
echo "all rewind_setjmp test builds passed"
