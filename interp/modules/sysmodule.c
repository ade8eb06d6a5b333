/* sysmodule.c -- the sys module (argv, path, modules, exit, limits,
 * version) and the table of built-in modules.
 */
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/fileobject.h"
#include "../objects/intobject.h"
#include "../objects/listobject.h"
#include "../objects/funcobject.h"
#include "../objects/moduleobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/args.h"
#include "../vm/vm.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "modules.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* pystm's own Python modules (the build passes the source tree's) */
#ifndef PYSTM_LIBDIR
#    define PYSTM_LIBDIR "interp/lib"
#endif

int pymod_math_init(pyval module, pyval *dictp);
int pymod_random_init(pyval module, pyval *dictp);
int pymod_time_init(pyval module, pyval *dictp);
int pymod_posix_init(pyval module, pyval *dictp);
int pymod_heapq_init(pyval module, pyval *dictp);
int pymod_cmath_init(pyval module, pyval *dictp);
int pymod_io_init(pyval module, pyval *dictp);
static int sys_init(pyval module, pyval *dictp);

/* the builtins module: its dict is the one every function sees */
static int builtins_init(pyval module, pyval *dictp)
{
    PyModule *m = (PyModule *)pyval_obj(module);
    pyobj_write((PyObj *)m);
    m->dict = pyvm_builtins;
    *dictp = pyvm_builtins;
    return 0;
}

const struct pymodule_def pymod_table[] = {
    {"sys", sys_init},
    {"builtins", builtins_init},
    {"math", pymod_math_init},
    {"_random", pymod_random_init},
    {"_time", pymod_time_init},
    {"posix", pymod_posix_init},
    {"_heapq", pymod_heapq_init},
    {"cmath", pymod_cmath_init},
    {"_io", pymod_io_init},
    {NULL, NULL},
};

static int saved_argc;
static char **saved_argv;

void pymod_sys_argv(int argc, char **argv)
{
    saved_argc = argc;
    saved_argv = argv;
}

static pyval sys_exit(pyval self, const pyval *args, size_t nargs,
                      PyObj *kwnames)
{
    if (pyarg_no_keywords("exit", kwnames) < 0 ||
        pyarg_count("exit", nargs, 0, 1) < 0)
        return 0;
    pyval t = pytuple_from_array(args, (int64_t)nargs);
    if (t == 0)
        return 0;
    pyerr_set(pyexc_new(pyexc_SystemExit, t));
    return 0;
}

static pyval sys_getrecursionlimit(pyval self, const pyval *args, size_t nargs,
                                   PyObj *kwnames)
{
    if (pyarg_count("getrecursionlimit", nargs, 0, 0) < 0)
        return 0;
    return pyint_from_int64(pythreadstate()->recursion_limit);
}

static pyval sys_setrecursionlimit(pyval self, const pyval *args, size_t nargs,
                                   PyObj *kwnames)
{
    if (pyarg_no_keywords("setrecursionlimit", kwnames) < 0 ||
        pyarg_count("setrecursionlimit", nargs, 1, 1) < 0)
        return 0;
    if (!pyint_check(args[0]))
        return pyerr_format(pyexc_TypeError,
                            "'%T' object cannot be interpreted as an integer",
                            args[0]);
    int64_t n;
    if (pyint_as_int64(args[0], &n) < 0)
        return 0;
    if (n < 1)
        return pyerr_format(pyexc_ValueError,
                            "recursion limit must be greater or equal than 1");
    PyThreadState *ts = pythreadstate();
    if (n <= ts->depth)
        return pyerr_format(pyexc_RecursionError,
                            "cannot set the recursion limit to %ld at the "
                            "recursion depth %ld: the limit is too low",
                            (long)n, (long)ts->depth);
    pyobj_write((PyObj *)ts);
    ts->recursion_limit = n;
    return py_None;
}

static pyval sys_intern(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("intern", kwnames) < 0 ||
        pyarg_count("intern", nargs, 1, 1) < 0)
        return 0;
    if (!pyval_is_obj(args[0]) || pyval_obj(args[0])->layout != PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "intern() argument must be str, not %T", args[0]);
    return pystr_intern(args[0]);
}

static const struct pymethod_def sys_functions[] = {
    {"exit", sys_exit, 0, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, 0, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, 0, NULL},
    {"intern", sys_intern, 0, NULL},
    {"_getframe", pymod_sys_getframe, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* a list of C strings */
static pyval str_list(char **items, int n)
{
    pyval l = pylist_new(0);
    if (l == 0)
        return 0;
    /* the list moves with the allocations: kept on the shadow stack */
    PY_PUSHV(l);
    pyval *lp = (pyval *)pyrt_tl.shadowstack - 1;
    for (int i = 0; i < n; i++) {
        pyval s = pystr_from_cstr(items[i]);
        if (s == 0 || pylist_append(*lp, s) < 0) {
            PY_DROP();
            return 0;
        }
    }
    PY_POPV(l);
    return l;
}

/* sys.path: the script's directory (or '' for -c), PYTHONPATH, and the
   directory of pystm's own Python modules */
static pyval make_path(void)
{
    char *dirs[64];
    int n = 0;
    char *script = saved_argc > 0 ? saved_argv[0] : NULL;
    char *first = NULL;
    if (script && strcmp(script, "-c") != 0) {
        char *full = realpath(script, NULL);
        if (full) {
            char *slash = strrchr(full, '/');
            if (slash)
                *slash = 0;
            first = full;
        }
    }
    dirs[n++] = first ? first : strdup("");
    const char *pp = getenv("PYTHONPATH");
    char *pcopy = pp ? strdup(pp) : NULL;
    for (char *tok = pcopy ? strtok(pcopy, ":") : NULL; tok && n < 60;
         tok = strtok(NULL, ":"))
        dirs[n++] = strdup(tok);
    const char *lib = getenv("PYSTM_LIB");
    dirs[n++] = strdup(lib ? lib : PYSTM_LIBDIR);
    pyval l = str_list(dirs, n);
    for (int i = 0; i < n; i++)
        free(dirs[i]);
    free(pcopy);
    return l;
}

static int sys_init(pyval module, pyval *dictp)
{
    for (const struct pymethod_def *m = sys_functions; m->name; m++) {
        pyval fn = pybuiltin_new(m, 0);
        if (fn == 0 || pymodule_add(dictp, m->name, fn) < 0)
            return -1;
    }
    pyval argv = str_list(saved_argv, saved_argc);
    if (argv == 0 || pymodule_add(dictp, "argv", argv) < 0)
        return -1;
    pyval path = make_path();
    if (path == 0 || pymodule_add(dictp, "path", path) < 0)
        return -1;
    if (pymodule_add(dictp, "modules", pyimport_modules()) < 0)
        return -1;
    pyval v = pystr_from_cstr("3.11.7 (pystm)");
    if (v == 0 || pymodule_add(dictp, "version", v) < 0)
        return -1;
    v = pytuple_pack(5, pyval_from_int(3), pyval_from_int(11),
                     pyval_from_int(7), pystr_from_cstr("final"),
                     pyval_from_int(0));
    if (v == 0 || pymodule_add(dictp, "version_info", v) < 0)
        return -1;
    v = pyint_from_int64(INT64_MAX);
    if (v == 0 || pymodule_add(dictp, "maxsize", v) < 0)
        return -1;
    v = pystr_from_cstr("little");
    if (v == 0 || pymodule_add(dictp, "byteorder", v) < 0)
        return -1;
    v = pystr_from_cstr("linux");
    if (v == 0 || pymodule_add(dictp, "platform", v) < 0)
        return -1;
    /* sys.stdin/stdout/stderr and their __std*__ copies (fileobject.c) */
    static const char *const streams[3][2] = {
        {"stdin", "__stdin__"}, {"stdout", "__stdout__"}, {"stderr", "__stderr__"}};
    for (int fd = 0; fd < 3; fd++) {
        v = pyfile_standard_stream(fd);
        if (v == 0)
            return -1;
        PY_PUSHV(v);
        int r = pymodule_add(dictp, streams[fd][0], v);
        PY_POPV(v);
        if (r < 0 || pymodule_add(dictp, streams[fd][1], v) < 0)
            return -1;
    }
    return 0;
}
