#!/usr/bin/env bash
# Runs the duhton test programs against one interpreter binary.
#
#   tests/duhton/run.sh BINARY [THREADS...]
#
# forms/NAME.duh    must print exactly NAME.out on stdout, nothing on stderr
#                   (unless the file contains ";; test: ignore-stderr") and
#                   exit with status 0; run once with --num-threads 2.
# errors/NAME.duh   must print exactly NAME.err on stderr and exit with
#                   status 1; stdout is compared with NAME.out when it
#                   exists; run once with --num-threads 2.
# parallel/NAME.duh like forms/, run with each thread count (default 1 2 8),
#                   DUHTON_TEST_REPEAT times each (default 3).
# Then the command-line errors, --help and the REPL are checked.
#
# DUHTON_TEST_SKIP=PATTERN leaves out the programs whose name matches the
# shell pattern (the GC-stress runs use it for the deep-recursion programs,
# whose cost is quadratic when every allocation scans the whole shadow
# stack); the summary counts them.
# DUHTON_TEST_JOBS runs that many test programs at the same time (default 4).
# Prints one line (and a diff) per failure, then
# "duhton tests: N passed, M failed"; exits 1 when something failed.

set -u

if [ $# -lt 1 ]; then
    echo "usage: $0 BINARY [THREADS...]" >&2
    exit 2
fi
bin=$1
shift
case $bin in
    /*) ;;
    *) bin=$PWD/$bin ;;
esac
if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
    echo "run.sh: '$bin' is not an executable file" >&2
    exit 2
fi
threads=("$@")
if [ ${#threads[@]} -eq 0 ]; then
    threads=(1 2 8)
fi
repeat=${DUHTON_TEST_REPEAT:-3}
jobs_max=${DUHTON_TEST_JOBS:-4}

src=${BASH_SOURCE[0]}
case $src in
    */*) srcdir=${src%/*} ;;
    *) srcdir=. ;;
esac
here=$(cd "$srcdir" && pwd) || exit 2

work=${TMPDIR:-/tmp}/duhton-tests.$$.$RANDOM
mkdir "$work" || exit 2
trap 'rm -rf "$work"' EXIT
# every program runs in this empty directory ("nosuch.duh" must not exist)
cd "$work" || exit 2

ncases=0
running=0
nskipped=0

# skipped NAME: true if DUHTON_TEST_SKIP leaves NAME out
skipped() {
    if [ -n "${DUHTON_TEST_SKIP:-}" ] && [[ $1 == $DUHTON_TEST_SKIP ]]; then
        nskipped=$((nskipped + 1))
        return 0
    fi
    return 1
}

# check_case ID LABEL EXP_OUT EXP_ERR EXP_STATUS
#   EXP_OUT, EXP_ERR: a file to compare with, "-" for no check, or
#   "head:TEXT" for "the first line is exactly TEXT"
#   writes $work/ID.res: empty when the case passed, else the report
check_case() {
    local id=$1 label=$2 eo=$3 ee=$4 es=$5 st
    local got_out=$work/$id.out got_err=$work/$id.err res=$work/$id.res
    st=$(<"$work/$id.status")
    : >"$res"
    if [ "$st" = 124 ]; then
        echo "FAIL $label: timed out after 60 s" >>"$res"
        return
    fi
    if [ "$st" != "$es" ]; then
        echo "FAIL $label: exit status $st, expected $es" >>"$res"
        compare_stream "$label" stderr "$ee" "$got_err" "$res" force
        return
    fi
    compare_stream "$label" stdout "$eo" "$got_out" "$res"
    compare_stream "$label" stderr "$ee" "$got_err" "$res"
}

# compare_stream LABEL NAME EXPECTED GOT RESULT [force]
#   with "force" (a wrong exit status already reported) the stream is only
#   shown, as a diff, when it differs; nothing else is reported
compare_stream() {
    local label=$1 name=$2 exp=$3 got=$4 res=$5 force=${6:-} line
    case $exp in
        -) return ;;
        head:*)
            line=
            IFS= read -r line <"$got"
            if [ "$line" != "${exp#head:}" ]; then
                [ -n "$force" ] || echo "FAIL $label: first line of $name differs" >>"$res"
                echo "    expected: ${exp#head:}" >>"$res"
                echo "    got:      $line" >>"$res"
            fi
            ;;
        *)
            if ! diff -q "$exp" "$got" >/dev/null 2>&1; then
                [ -n "$force" ] || echo "FAIL $label: $name differs" >>"$res"
                diff -u --label "expected $name" --label "got $name" "$exp" "$got" |
                    while IFS= read -r line; do
                        echo "    $line"
                    done >>"$res"
            fi
            ;;
    esac
}

# run_case LABEL EXP_OUT EXP_ERR EXP_STATUS STDIN COMMAND...
#   runs COMMAND in the background (at most $jobs_max at a time)
run_case() {
    local label=$1 eo=$2 ee=$3 es=$4 in=$5
    shift 5
    ncases=$((ncases + 1))
    local id
    printf -v id '%05d' "$ncases"
    if [ "$running" -ge "$jobs_max" ]; then
        wait -n
        running=$((running - 1))
    fi
    (
        timeout -k 5 60 "$@" <"$in" >"$work/$id.out" 2>"$work/$id.err"
        echo $? >"$work/$id.status"
        check_case "$id" "$label" "$eo" "$ee" "$es"
    ) &
    running=$((running + 1))
}

missing() {  # LABEL FILE: a test without its expected file is a failure
    ncases=$((ncases + 1))
    local id
    printf -v id '%05d' "$ncases"
    echo "FAIL $1: missing expected file $2" >"$work/$id.res"
}

ignores_stderr() {
    local text
    text=$(<"$1")
    [[ $text == *";; test: ignore-stderr"* ]]
}

# ------------------------------------------------------------------ forms
for f in "$here"/forms/*.duh; do
    [ -e "$f" ] || continue
    name=${f##*/}
    name=${name%.duh}
    if skipped "$name"; then continue; fi
    if [ ! -f "${f%.duh}.out" ]; then
        missing "forms/$name" "${f%.duh}.out"
        continue
    fi
    err=/dev/null
    if ignores_stderr "$f"; then err=-; fi
    run_case "forms/$name" "${f%.duh}.out" "$err" 0 /dev/null \
        "$bin" --num-threads 2 "$f"
done

# ----------------------------------------------------------------- errors
for f in "$here"/errors/*.duh; do
    [ -e "$f" ] || continue
    name=${f##*/}
    name=${name%.duh}
    if skipped "$name"; then continue; fi
    if [ ! -f "${f%.duh}.err" ]; then
        missing "errors/$name" "${f%.duh}.err"
        continue
    fi
    out=-
    if [ -f "${f%.duh}.out" ]; then out=${f%.duh}.out; fi
    run_case "errors/$name" "$out" "${f%.duh}.err" 1 /dev/null \
        "$bin" --num-threads 2 "$f"
done

# --------------------------------------------------------------- parallel
for f in "$here"/parallel/*.duh; do
    [ -e "$f" ] || continue
    name=${f##*/}
    name=${name%.duh}
    if skipped "$name"; then continue; fi
    if [ ! -f "${f%.duh}.out" ]; then
        missing "parallel/$name" "${f%.duh}.out"
        continue
    fi
    for t in "${threads[@]}"; do
        for ((r = 1; r <= repeat; r++)); do
            run_case "parallel/$name (threads $t, run $r)" "${f%.duh}.out" \
                /dev/null 0 /dev/null "$bin" --num-threads "$t" "$f"
        done
    done
done

# ----------------------------------------------------------- command line
empty=$work/empty
: >"$empty"
some_program=$here/forms/add.duh

printf '%s\n' "Error: cannot open 'nosuch.duh': No such file or directory" >"$work/nosuch.err"
run_case "command line: missing file" "$empty" "$work/nosuch.err" 1 /dev/null \
    "$bin" nosuch.duh

printf '%s\n' "Error: unknown option '--foo' (try --help)" >"$work/foo.err"
run_case "command line: --foo" "$empty" "$work/foo.err" 1 /dev/null \
    "$bin" --foo
run_case "command line: --foo FILE" "$empty" "$work/foo.err" 1 /dev/null \
    "$bin" --foo "$some_program"

printf '%s\n' "Error: --num-threads expects a number from 1 to 1000" >"$work/threads.err"
run_case "command line: --num-threads without a value" "$empty" "$work/threads.err" 1 \
    /dev/null "$bin" --num-threads
for v in 0 -3 abc 1001; do
    run_case "command line: --num-threads $v" "$empty" "$work/threads.err" 1 \
        /dev/null "$bin" --num-threads "$v" "$some_program"
done

for v in 1 1000; do
    run_case "command line: --num-threads $v" "${some_program%.duh}.out" /dev/null 0 \
        /dev/null "$bin" --num-threads "$v" "$some_program"
done

run_case "command line: --help" "head:usage: duhton [--help] [--num-threads N] [FILE]" \
    /dev/null 0 /dev/null "$bin" --help

# ------------------------------------------------------------------- REPL
printf '(+ 1 2)\n(setq x 5)\n(print x)\n' >"$work/repl1.in"
printf '))) 3\n))) 5\n))) 5\nNone\n))) \n' >"$work/repl1.out"
run_case "REPL: one form per line" "$work/repl1.out" /dev/null 0 "$work/repl1.in" \
    "$bin"

printf '(setq a 1) (+ a 1)\n' >"$work/repl2.in"
printf '))) 2\n))) \n' >"$work/repl2.out"
run_case "REPL: two forms on a line" "$work/repl2.out" /dev/null 0 "$work/repl2.in" \
    "$bin"

wait

# ---------------------------------------------------------------- summary
passed=0
failed=0
for ((i = 1; i <= ncases; i++)); do
    printf -v id '%05d' "$i"
    if [ -s "$work/$id.res" ]; then
        printf "%s\n" "$(<"$work/$id.res")"
        failed=$((failed + 1))
    elif [ -f "$work/$id.res" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL case $id: no result (the runner itself failed)"
        failed=$((failed + 1))
    fi
done
if [ "$nskipped" -gt 0 ]; then
    echo "duhton tests: $passed passed, $failed failed ($nskipped programs left out by DUHTON_TEST_SKIP='$DUHTON_TEST_SKIP')"
else
    echo "duhton tests: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
