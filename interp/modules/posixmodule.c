/* posixmodule.c -- posix: the operating system calls behind the os
 * module (interp/lib/os.py adds os.path, environ's mapping, makedirs,
 * walk, scandir and stat_result on top, as CPython's os.py does).
 *
 * Paths are str or os.PathLike (bytes paths wait for bytes).  Failures
 * raise the errno's OSError subclass naming the path given, as CPython:
 * FileNotFoundError: [Errno 2] No such file or directory: 'nope'.
 * Calls that change the file system or the process (mkdir, remove,
 * rename, chdir, putenv...) make the running transaction inevitable
 * first: an aborted and replayed transaction must not repeat them.
 * Arguments are parsed with Argument Clinic's messages.
 */
#include "../objects/abstract.h"
#include "../objects/dictobject.h"
#include "../objects/exceptionobject.h"
#include "../objects/floatobject.h"
#include "../objects/funcobject.h"
#include "../objects/intobject.h"
#include "../objects/listobject.h"
#include "../objects/oserror.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "modules.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ------------------------------------------------------------ arguments */

/* a function's parameters: 'npos' positional-or-keyword ones, then
   'nkwonly' keyword-only ones; the first 'nrequired' have no default */
struct argspec {
    const char *fname;
    const char *const *names;
    int npos, nkwonly, nrequired;
};

/* out[i]: the argument for parameter i, or 0 when not given */
static int parse_args(const struct argspec *s, const pyval *args, size_t nargs,
                      PyObj *kwnames, pyval *out)
{
    int n = s->npos + s->nkwonly;
    for (int i = 0; i < n; i++)
        out[i] = 0;
    if (nargs > (size_t)s->npos) {
        const char *how = s->nrequired == s->npos ? "exactly" : "at most";
        if (s->nkwonly == 0)
            pyerr_format(pyexc_TypeError,
                         "%s() takes %s %d argument%s (%zu given)", s->fname,
                         how, s->npos, s->npos == 1 ? "" : "s", nargs);
        else
            pyerr_format(pyexc_TypeError,
                         "%s() takes %s %d positional argument%s (%zu given)",
                         s->fname, how, s->npos, s->npos == 1 ? "" : "s",
                         nargs);
        return -1;
    }
    for (size_t i = 0; i < nargs; i++)
        out[i] = args[i];
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    for (int64_t k = 0; k < nkw; k++) {
        const char *key = pystr_utf8(pytuple_get(pyval_from_obj(kwnames), k));
        int i = 0;
        while (i < n && strcmp(s->names[i], key) != 0)
            i++;
        if (i == n) {
            pyerr_format(pyexc_TypeError,
                         "'%s' is an invalid keyword argument for %s()", key,
                         s->fname);
            return -1;
        }
        if ((size_t)i < nargs) {
            pyerr_format(pyexc_TypeError,
                         "argument for %s() given by name ('%s') and "
                         "position (%d)",
                         s->fname, key, i + 1);
            return -1;
        }
        out[i] = args[nargs + (size_t)k];
    }
    for (int i = 0; i < s->nrequired; i++) {
        if (out[i] == 0) {
            pyerr_format(pyexc_TypeError,
                         "%s() missing required argument '%s' (pos %d)",
                         s->fname, s->names[i], i + 1);
            return -1;
        }
    }
    return 0;
}

/* dir_fd and the like: only their default is supported */
static int default_only(const char *fname, const char *name, pyval v)
{
    if (v == 0 || v == py_None)
        return 0;
    pyerr_format(pyexc_NotImplementedError,
                 "%s: %s unavailable on this platform", fname, name);
    return -1;
}

/* Parses the arguments into slots on the shadow stack (so they stay
   valid across allocations, and path_arg can put converted paths
   there) and runs impl on them. */
typedef pyval (*parsed_impl)(const struct argspec *spec, pyval *a,
                             const void *data);

static pyval call_parsed(const struct argspec *spec, const pyval *args,
                         size_t nargs, PyObj *kwnames, parsed_impl impl,
                         const void *data)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    pyval *a = (pyval *)pyrt_tl.shadowstack;
    for (int i = 0; i < spec->npos + spec->nkwonly; i++)
        PY_PUSHV(0);
    pyval r =
        parse_args(spec, args, nargs, kwnames, a) < 0 ? 0 : impl(spec, a, data);
    pyrt_tl.shadowstack = saved;
    return r;
}

/* A path argument (*vp, a shadow stack slot) as a malloc'ed C string:
   a str, or an os.PathLike's __fspath__() (then *vp becomes that str,
   which errors show).  With allow_fd an int is a file descriptor (*fd
   set, *out NULL). */
static int path_arg(const char *fname, const char *argname, pyval *vp,
                    bool allow_fd, char **out, int *fd)
{
    pyval v = *vp;
    *out = NULL;
    if (allow_fd && pyint_check(v)) {
        int64_t n;
        if (pyint_as_int64(pyint_value(v), &n) < 0)
            return -1;
        if (n < 0 || n > INT_MAX) {
            pyerr_format(pyexc_ValueError, "fd is out of range");
            return -1;
        }
        *fd = (int)n;
        return 0;
    }
    pyval s = v;
    if (!pyval_is_obj(v) || pyval_obj(v)->layout != PYL_STR) {
        pyval key = pystr_intern_utf8("__fspath__", 10);
        v = *vp; /* the interning may have moved it */
        pyval method = key ? pytype_lookup(pyval_type(v), key) : 0;
        v = *vp;
        if (method == 0) {
            if (pyerr_occurred())
                return -1;
            pyerr_format(pyexc_TypeError,
                         "%s: %s should be string, bytes%s os.PathLike%s, "
                         "not %T",
                         fname, argname, allow_fd ? "," : " or",
                         allow_fd ? " or integer" : "", v);
            return -1;
        }
        PY_PUSHV(v);
        s = pyobj_call(method, (pyval *)pyrt_tl.shadowstack - 1, 1, NULL);
        PY_POPV(v);
        if (s == 0)
            return -1;
        if (!pyval_is_obj(s) || pyval_obj(s)->layout != PYL_STR) {
            pyerr_format(pyexc_TypeError,
                         "expected %T.__fspath__() to return str or bytes, "
                         "not %T",
                         v, s);
            return -1;
        }
    }
    size_t n = (size_t)pystr_nbytes(s);
    if (memchr(pystr_utf8(s), 0, n) != NULL) {
        pyerr_format(pyexc_ValueError, "embedded null byte");
        return -1;
    }
    *vp = s; /* errors name the path as a str */
    *out = strdup(pystr_utf8(s));
    if (*out == NULL) {
        pyerr_no_memory();
        return -1;
    }
    return 0;
}

static int int_arg(pyval v, int64_t *out)
{
    pyval i = pynum_index(v);
    return i == 0 ? -1 : pyint_as_int64(i, out);
}

/* ------------------------------------------------------------ results */

/* the stat fields in os.py's stat_result order: mode, ino, dev, nlink,
   uid, gid, size, the three times in whole seconds, as floats and in
   nanoseconds, then blksize, blocks, rdev */
static pyval stat_tuple(const struct stat *st)
{
    enum { NFIELDS = 19 };
    const struct timespec *times[3] = {&st->st_atim, &st->st_mtim,
                                       &st->st_ctim};
    int64_t ints[NFIELDS] = {st->st_mode,         (int64_t)st->st_ino,
                             (int64_t)st->st_dev, (int64_t)st->st_nlink,
                             st->st_uid,          st->st_gid,
                             st->st_size};
    for (int i = 0; i < 3; i++) {
        ints[7 + i] = times[i]->tv_sec;
        ints[13 + i] =
            (int64_t)times[i]->tv_sec * 1000000000 + times[i]->tv_nsec;
    }
    ints[16] = st->st_blksize;
    ints[17] = st->st_blocks;
    ints[18] = (int64_t)st->st_rdev;
    pyval t = pytuple_new(NFIELDS);
    if (t == 0)
        return 0;
    for (int i = 0; i < NFIELDS; i++)
        pytuple_init_item(t, i, py_None);
    for (int i = 0; i < NFIELDS; i++) {
        PY_PUSHV(t);
        pyval v;
        if (i >= 10 && i < 13) {
            const struct timespec *ts = times[i - 10];
            v = pyfloat_from_double((double)ts->tv_sec + ts->tv_nsec * 1e-9);
        } else {
            v = pyint_from_int64(ints[i]);
        }
        PY_POPV(t);
        if (v == 0)
            return 0;
        pytuple_init_item(t, i, v);
    }
    return t;
}

/* ------------------------------------------------------------ functions */

#define POSIX_FUNCTION(NAME)                                               \
    static pyval posix_##NAME(pyval self, const pyval *args, size_t nargs, \
                              PyObj *kwnames)

static pyval no_args(const char *name, size_t nargs, PyObj *kwnames)
{
    if (pyarg_no_keywords(name, kwnames) < 0 ||
        pyarg_count(name, nargs, 0, 0) < 0)
        return 0;
    return py_None;
}

POSIX_FUNCTION(getcwd)
{
    if (no_args("posix.getcwd", nargs, kwnames) == 0)
        return 0;
    char *cwd = getcwd(NULL, 0);
    if (cwd == NULL)
        return pyerr_from_errno(errno, 0);
    pyval r = pystr_from_cstr(cwd);
    free(cwd);
    return r;
}

#define SIMPLE_ID(NAME, CALL)                             \
    POSIX_FUNCTION(NAME)                                  \
    {                                                     \
        if (no_args("posix." #NAME, nargs, kwnames) == 0) \
            return 0;                                     \
        return pyint_from_int64((int64_t)CALL);           \
    }
SIMPLE_ID(getpid, getpid())
SIMPLE_ID(getppid, getppid())
SIMPLE_ID(getuid, getuid())
SIMPLE_ID(geteuid, geteuid())
SIMPLE_ID(getgid, getgid())
SIMPLE_ID(getegid, getegid())

POSIX_FUNCTION(cpu_count)
{
    if (no_args("posix.cpu_count", nargs, kwnames) == 0)
        return 0;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? pyint_from_int64(n) : py_None;
}

static const char *const path_dirfd[] = {"path", "dir_fd"};

/* f(path) for the one-path calls that change the file system */
struct path_op {
    int (*call)(const char *);
};

static pyval one_path_impl(const struct argspec *spec, pyval *a,
                           const void *data)
{
    const struct path_op *op = data;
    if (default_only(spec->fname, "dir_fd", a[1]) < 0)
        return 0;
    char *path;
    int fd;
    if (path_arg(spec->fname, "path", &a[0], false, &path, &fd) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, spec->fname);
    int r = op->call(path);
    int err = errno;
    free(path);
    if (r < 0)
        return pyerr_from_errno(err, a[0]);
    return py_None;
}

/* f(path, *, dir_fd=None) for the calls that change the file system */
#define ONE_PATH_FUNCTION(NAME, CALL)                                        \
    POSIX_FUNCTION(NAME)                                                     \
    {                                                                        \
        static const struct argspec spec = {#NAME, path_dirfd, 1, 1, 1};     \
        static const struct path_op op = {CALL};                             \
        return call_parsed(&spec, args, nargs, kwnames, one_path_impl, &op); \
    }
ONE_PATH_FUNCTION(rmdir, rmdir)
ONE_PATH_FUNCTION(remove, unlink)
ONE_PATH_FUNCTION(unlink, unlink)

static pyval chdir_impl(const struct argspec *spec, pyval *a, const void *data)
{
    char *path;
    int fd = -1;
    if (path_arg("chdir", "path", &a[0], true, &path, &fd) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "chdir");
    int r = path ? chdir(path) : fchdir(fd);
    int err = errno;
    free(path);
    if (r < 0)
        return pyerr_from_errno(err, a[0]);
    return py_None;
}

POSIX_FUNCTION(chdir)
{
    static const char *const names[] = {"path"};
    static const struct argspec spec = {"chdir", names, 1, 0, 1};
    return call_parsed(&spec, args, nargs, kwnames, chdir_impl, NULL);
}

static pyval mkdir_impl(const struct argspec *spec, pyval *a, const void *data)
{
    if (default_only("mkdir", "dir_fd", a[2]) < 0)
        return 0;
    int64_t mode = 0777;
    if (a[1] != 0 && int_arg(a[1], &mode) < 0)
        return 0;
    char *path;
    int fd;
    if (path_arg("mkdir", "path", &a[0], false, &path, &fd) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "mkdir");
    int r = mkdir(path, (mode_t)mode);
    int err = errno;
    free(path);
    if (r < 0)
        return pyerr_from_errno(err, a[0]);
    return py_None;
}

POSIX_FUNCTION(mkdir)
{
    static const char *const names[] = {"path", "mode", "dir_fd"};
    static const struct argspec spec = {"mkdir", names, 2, 1, 1};
    return call_parsed(&spec, args, nargs, kwnames, mkdir_impl, NULL);
}

struct two_path_op {
    int (*call)(const char *, const char *);
};

static pyval two_path_impl(const struct argspec *spec, pyval *a,
                           const void *data)
{
    const struct two_path_op *op = data;
    for (int i = 2; i < spec->npos + spec->nkwonly; i++) {
        if (a[i] != 0 && strstr(spec->names[i], "dir_fd") != NULL &&
            default_only(spec->fname, spec->names[i], a[i]) < 0)
            return 0;
    }
    char *src, *dst;
    int fd;
    if (path_arg(spec->fname, "src", &a[0], false, &src, &fd) < 0)
        return 0;
    if (path_arg(spec->fname, "dst", &a[1], false, &dst, &fd) < 0) {
        free(src);
        return 0;
    }
    stm_become_inevitable(&pyrt_tl, spec->fname);
    int r = op->call(src, dst);
    int err = errno;
    free(src);
    free(dst);
    if (r < 0)
        return pyerr_from_errno2(err, a[0], a[1]);
    return py_None;
}

static const char *const src_dst_names[] = {"src", "dst", "src_dir_fd",
                                            "dst_dir_fd"};

POSIX_FUNCTION(rename)
{
    static const struct argspec spec = {"rename", src_dst_names, 2, 2, 2};
    static const struct two_path_op op = {rename};
    return call_parsed(&spec, args, nargs, kwnames, two_path_impl, &op);
}

POSIX_FUNCTION(replace)
{
    static const struct argspec spec = {"replace", src_dst_names, 2, 2, 2};
    static const struct two_path_op op = {rename};
    return call_parsed(&spec, args, nargs, kwnames, two_path_impl, &op);
}

POSIX_FUNCTION(symlink)
{
    /* target_is_directory matters on Windows only */
    static const char *const names[] = {"src", "dst", "target_is_directory",
                                        "dir_fd"};
    static const struct argspec spec = {"symlink", names, 3, 1, 2};
    static const struct two_path_op op = {symlink};
    return call_parsed(&spec, args, nargs, kwnames, two_path_impl, &op);
}

static pyval stat_impl(const struct argspec *spec, pyval *a, const void *data)
{
    const bool *follow_default = data;
    if (default_only(spec->fname, "dir_fd", a[1]) < 0)
        return 0;
    bool follow = *follow_default;
    if (spec->nkwonly == 2 && a[2] != 0) { /* stat's follow_symlinks */
        int t = pyobj_truth(a[2]);
        if (t < 0)
            return 0;
        follow = t;
    }
    char *path;
    int fd = -1;
    if (path_arg(spec->fname, "path", &a[0], true, &path, &fd) < 0)
        return 0;
    struct stat st;
    int r = path == NULL ? fstat(fd, &st)
            : follow     ? stat(path, &st)
                         : lstat(path, &st);
    int err = errno;
    free(path);
    if (r < 0)
        return pyerr_from_errno(err, a[0]);
    return stat_tuple(&st);
}

static const char *const stat_names[] = {"path", "dir_fd", "follow_symlinks"};

POSIX_FUNCTION(stat)
{
    static const struct argspec spec = {"stat", stat_names, 1, 2, 1};
    static const bool follow = true;
    return call_parsed(&spec, args, nargs, kwnames, stat_impl, &follow);
}

POSIX_FUNCTION(lstat)
{
    static const struct argspec spec = {"lstat", stat_names, 1, 1, 1};
    static const bool follow = false;
    return call_parsed(&spec, args, nargs, kwnames, stat_impl, &follow);
}

static pyval listdir_impl(const struct argspec *spec, pyval *a,
                          const void *data)
{
    char *path = NULL;
    int fd = -1;
    if (a[0] == 0 || a[0] == py_None) {
        a[0] = pystr_from_cstr(".");
        if (a[0] == 0)
            return 0;
    }
    if (path_arg("listdir", "path", &a[0], false, &path, &fd) < 0)
        return 0;
    DIR *dir = opendir(path);
    int err = errno;
    free(path);
    if (dir == NULL)
        return pyerr_from_errno(err, a[0]);
    /* the list stays on the shadow stack: appending may move it */
    PY_PUSHV(pylist_new(0));
    pyval *lp = (pyval *)pyrt_tl.shadowstack - 1;
    pyval result = *lp;
    while (result != 0) {
        errno = 0;
        struct dirent *e = readdir(dir);
        if (e == NULL) {
            if (errno != 0)
                result = pyerr_from_errno(errno, a[0]);
            break;
        }
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        pyval name = pystr_from_cstr(e->d_name);
        if (name == 0 || pylist_append(*lp, name) < 0)
            result = 0;
    }
    closedir(dir);
    if (result != 0)
        result = *lp;
    PY_DROP();
    return result;
}

POSIX_FUNCTION(listdir)
{
    static const char *const names[] = {"path"};
    static const struct argspec spec = {"listdir", names, 1, 0, 0};
    return call_parsed(&spec, args, nargs, kwnames, listdir_impl, NULL);
}

static pyval readlink_impl(const struct argspec *spec, pyval *a,
                           const void *data)
{
    if (default_only("readlink", "dir_fd", a[1]) < 0)
        return 0;
    char *path;
    int fd;
    if (path_arg("readlink", "path", &a[0], false, &path, &fd) < 0)
        return 0;
    char target[PATH_MAX + 1];
    ssize_t n = readlink(path, target, PATH_MAX);
    int err = errno;
    free(path);
    if (n < 0)
        return pyerr_from_errno(err, a[0]);
    return pystr_from_utf8(target, (size_t)n);
}

POSIX_FUNCTION(readlink)
{
    static const struct argspec spec = {"readlink", path_dirfd, 1, 1, 1};
    return call_parsed(&spec, args, nargs, kwnames, readlink_impl, NULL);
}

static pyval access_impl(const struct argspec *spec, pyval *a, const void *data)
{
    if (default_only("access", "dir_fd", a[2]) < 0)
        return 0;
    int64_t mode;
    if (int_arg(a[1], &mode) < 0)
        return 0;
    char *path;
    int fd;
    if (path_arg("access", "path", &a[0], false, &path, &fd) < 0)
        return 0;
    int r = access(path, (int)mode);
    free(path);
    return pybool(r == 0);
}

POSIX_FUNCTION(access)
{
    static const char *const names[] = {"path", "mode", "dir_fd",
                                        "effective_ids", "follow_symlinks"};
    static const struct argspec spec = {"access", names, 2, 3, 2};
    return call_parsed(&spec, args, nargs, kwnames, access_impl, NULL);
}

static pyval chmod_impl(const struct argspec *spec, pyval *a, const void *data)
{
    if (default_only("chmod", "dir_fd", a[2]) < 0)
        return 0;
    int64_t mode;
    if (int_arg(a[1], &mode) < 0)
        return 0;
    char *path;
    int fd = -1;
    if (path_arg("chmod", "path", &a[0], true, &path, &fd) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "chmod");
    int r = path ? chmod(path, (mode_t)mode) : fchmod(fd, (mode_t)mode);
    int err = errno;
    free(path);
    if (r < 0)
        return pyerr_from_errno(err, a[0]);
    return py_None;
}

POSIX_FUNCTION(chmod)
{
    static const char *const names[] = {"path", "mode", "dir_fd",
                                        "follow_symlinks"};
    static const struct argspec spec = {"chmod", names, 2, 2, 2};
    return call_parsed(&spec, args, nargs, kwnames, chmod_impl, NULL);
}

static pyval mknod_impl(const struct argspec *spec, pyval *a, const void *data)
{
    if (default_only("mknod", "dir_fd", a[3]) < 0)
        return 0;
    int64_t mode = 0600, device = 0;
    if ((a[1] != 0 && int_arg(a[1], &mode) < 0) ||
        (a[2] != 0 && int_arg(a[2], &device) < 0))
        return 0;
    char *path;
    int fd;
    if (path_arg("mknod", "path", &a[0], false, &path, &fd) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "mknod");
    int r = mknod(path, (mode_t)mode, (dev_t)device);
    int err = errno;
    free(path);
    if (r < 0) /* CPython names no file here */
        return pyerr_from_errno(err, 0);
    return py_None;
}

POSIX_FUNCTION(mknod)
{
    static const char *const names[] = {"path", "mode", "device", "dir_fd"};
    static const struct argspec spec = {"mknod", names, 3, 1, 1};
    return call_parsed(&spec, args, nargs, kwnames, mknod_impl, NULL);
}

static pyval truncate_impl(const struct argspec *spec, pyval *a,
                           const void *data)
{
    int64_t length;
    if (int_arg(a[1], &length) < 0)
        return 0;
    char *path;
    int fd = -1;
    if (path_arg("truncate", "path", &a[0], true, &path, &fd) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "truncate");
    int r = path ? truncate(path, (off_t)length) : ftruncate(fd, (off_t)length);
    int err = errno;
    free(path);
    if (r < 0)
        return pyerr_from_errno(err, a[0]);
    return py_None;
}

POSIX_FUNCTION(truncate)
{
    static const char *const names[] = {"path", "length"};
    static const struct argspec spec = {"truncate", names, 2, 0, 2};
    return call_parsed(&spec, args, nargs, kwnames, truncate_impl, NULL);
}

POSIX_FUNCTION(link)
{
    static const char *const names[] = {"src", "dst", "src_dir_fd",
                                        "dst_dir_fd", "follow_symlinks"};
    static const struct argspec spec = {"link", names, 2, 3, 2};
    static const struct two_path_op op = {link};
    return call_parsed(&spec, args, nargs, kwnames, two_path_impl, &op);
}

/* a time in seconds (int or float) as a timespec, rounded to even like
   CPython's utime() */
static int timespec_of(pyval v, struct timespec *ts)
{
    if (pyint_check(v)) {
        int64_t secs;
        if (pyint_as_int64(pyint_value(v), &secs) < 0)
            return -1;
        ts->tv_sec = (time_t)secs;
        ts->tv_nsec = 0;
        return 0;
    }
    if (!pyfloat_check(v)) {
        pyerr_format(pyexc_TypeError,
                     "'%T' object cannot be interpreted as an integer", v);
        return -1;
    }
    double d = pyfloat_value(v);
    double whole = floor(d);
    ts->tv_sec = (time_t)whole;
    ts->tv_nsec = (long)nearbyint((d - whole) * 1e9);
    if (ts->tv_nsec >= 1000000000) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000;
    }
    return 0;
}

static pyval utime_impl(const struct argspec *spec, pyval *a, const void *data)
{
    if (default_only("utime", "dir_fd", a[3]) < 0)
        return 0;
    struct timespec times[2];
    struct timespec *tp = NULL;
    pyval t = a[1] != 0 ? a[1] : py_None;
    if (t != py_None && a[2] != 0 && a[2] != py_None)
        return pyerr_format(pyexc_ValueError,
                            "utime: you may specify either 'times' or 'ns' "
                            "but not both");
    if (t != py_None) {
        if (!pyval_is_obj(t) || pyval_obj(t)->layout != PYL_TUPLE ||
            pytuple_size(t) != 2)
            return pyerr_format(pyexc_TypeError,
                                "utime: 'times' must be either a tuple of "
                                "two ints or None");
        if (timespec_of(pytuple_get(t, 0), &times[0]) < 0 ||
            timespec_of(pytuple_get(a[1], 1), &times[1]) < 0)
            return 0;
        tp = times;
    } else if (a[2] != 0 && a[2] != py_None) {
        pyval ns = a[2];
        if (!pyval_is_obj(ns) || pyval_obj(ns)->layout != PYL_TUPLE ||
            pytuple_size(ns) != 2)
            return pyerr_format(pyexc_TypeError,
                                "utime: 'ns' must be a tuple of two ints");
        for (int i = 0; i < 2; i++) {
            int64_t n;
            if (int_arg(pytuple_get(a[2], i), &n) < 0)
                return 0;
            times[i].tv_sec = (time_t)(n / 1000000000);
            times[i].tv_nsec = (long)(n % 1000000000);
            if (times[i].tv_nsec < 0) {
                times[i].tv_sec--;
                times[i].tv_nsec += 1000000000;
            }
        }
        tp = times;
    }
    char *path;
    int fd;
    if (path_arg("utime", "path", &a[0], false, &path, &fd) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "utime");
    int r = utimensat(AT_FDCWD, path, tp, 0);
    int err = errno;
    free(path);
    if (r < 0) /* CPython names no file here */
        return pyerr_from_errno(err, 0);
    return py_None;
}

POSIX_FUNCTION(utime)
{
    static const char *const names[] = {"path", "times", "ns", "dir_fd",
                                        "follow_symlinks"};
    static const struct argspec spec = {"utime", names, 2, 3, 1};
    return call_parsed(&spec, args, nargs, kwnames, utime_impl, NULL);
}

POSIX_FUNCTION(system)
{
    static const char *const names[] = {"command"};
    struct argspec spec = {"system", names, 1, 0, 1};
    pyval a[1];
    if (parse_args(&spec, args, nargs, kwnames, a) < 0)
        return 0;
    if (!pyval_is_obj(a[0]) || pyval_obj(a[0])->layout != PYL_STR)
        return pyerr_format(pyexc_TypeError,
                            "expected str, bytes or os.PathLike object, not %T",
                            a[0]);
    if (memchr(pystr_utf8(a[0]), 0, (size_t)pystr_nbytes(a[0])) != NULL)
        return pyerr_format(pyexc_ValueError, "embedded null byte");
    stm_become_inevitable(&pyrt_tl, "system");
    fflush(stdout); /* pystm's own buffered output first */
    int status = system(pystr_utf8(a[0]));
    return pyint_from_int64(status);
}

POSIX_FUNCTION(isatty)
{
    if (pyarg_no_keywords("posix.isatty", kwnames) < 0 ||
        pyarg_count("posix.isatty", nargs, 1, 1) < 0)
        return 0;
    int64_t fd;
    if (int_arg(args[0], &fd) < 0)
        return 0;
    return pybool(fd >= 0 && fd <= INT_MAX && isatty((int)fd));
}

POSIX_FUNCTION(kill)
{
    if (pyarg_no_keywords("kill", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "kill expected 2 arguments, got %zu", nargs);
    int64_t pid, sig;
    if (int_arg(args[0], &pid) < 0 || int_arg(args[1], &sig) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "kill");
    if (kill((pid_t)pid, (int)sig) < 0)
        return pyerr_from_errno(errno, 0);
    return py_None;
}

/* (sysname, nodename, release, version, machine) */
POSIX_FUNCTION(uname)
{
    if (no_args("posix.uname", nargs, kwnames) == 0)
        return 0;
    struct utsname u;
    if (uname(&u) < 0)
        return pyerr_from_errno(errno, 0);
    const char *fields[5] = {u.sysname, u.nodename, u.release, u.version,
                             u.machine};
    pyval t = pytuple_new(5);
    if (t == 0)
        return 0;
    for (int i = 0; i < 5; i++)
        pytuple_init_item(t, i, py_None);
    for (int i = 0; i < 5; i++) {
        PY_PUSHV(t);
        pyval s = pystr_from_cstr(fields[i]);
        PY_POPV(t);
        if (s == 0)
            return 0;
        pytuple_init_item(t, i, s);
    }
    return t;
}

POSIX_FUNCTION(strerror)
{
    if (pyarg_no_keywords("posix.strerror", kwnames) < 0 ||
        pyarg_count("posix.strerror", nargs, 1, 1) < 0)
        return 0;
    int64_t code;
    if (int_arg(args[0], &code) < 0)
        return 0;
    return pystr_from_cstr(strerror((int)code));
}

POSIX_FUNCTION(umask)
{
    if (pyarg_no_keywords("posix.umask", kwnames) < 0 ||
        pyarg_count("posix.umask", nargs, 1, 1) < 0)
        return 0;
    int64_t mask;
    if (int_arg(args[0], &mask) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "umask");
    return pyint_from_int64(umask((mode_t)mask));
}

/* a str for the environment: no NUL inside, as CPython checks */
static int env_text(pyval v)
{
    if (!pyval_is_obj(v) || pyval_obj(v)->layout != PYL_STR) {
        pyerr_format(pyexc_TypeError,
                     "expected str, bytes or os.PathLike object, not %T", v);
        return -1;
    }
    if (memchr(pystr_utf8(v), 0, (size_t)pystr_nbytes(v)) != NULL) {
        pyerr_format(pyexc_ValueError, "embedded null byte");
        return -1;
    }
    return 0;
}

POSIX_FUNCTION(putenv)
{
    if (pyarg_no_keywords("posix.putenv", kwnames) < 0)
        return 0;
    if (nargs != 2)
        return pyerr_format(pyexc_TypeError,
                            "putenv expected 2 arguments, got %zu", nargs);
    if (env_text(args[0]) < 0 || env_text(args[1]) < 0)
        return 0;
    /* an empty name is left to setenv (EINVAL), as CPython does */
    if (strchr(pystr_utf8(args[0]), '=') != NULL)
        return pyerr_format(pyexc_ValueError,
                            "illegal environment variable name");
    stm_become_inevitable(&pyrt_tl, "putenv");
    if (setenv(pystr_utf8(args[0]), pystr_utf8(args[1]), 1) < 0)
        return pyerr_from_errno(errno, 0);
    return py_None;
}

POSIX_FUNCTION(unsetenv)
{
    if (pyarg_no_keywords("posix.unsetenv", kwnames) < 0 ||
        pyarg_count("posix.unsetenv", nargs, 1, 1) < 0)
        return 0;
    if (env_text(args[0]) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "unsetenv");
    if (unsetenv(pystr_utf8(args[0])) < 0)
        return pyerr_from_errno(errno, 0);
    return py_None;
}

static pyval exit_impl(const struct argspec *spec, pyval *a, const void *data)
{
    int64_t status;
    if (int_arg(a[0], &status) < 0)
        return 0;
    stm_become_inevitable(&pyrt_tl, "_exit");
    _exit((int)status);
}

POSIX_FUNCTION(_exit)
{
    static const char *const names[] = {"status"};
    static const struct argspec spec = {"_exit", names, 1, 0, 1};
    return call_parsed(&spec, args, nargs, kwnames, exit_impl, NULL);
}

/* a user's home directory, for os.path.expanduser: None if unknown */
POSIX_FUNCTION(_home_directory)
{
    if (pyarg_count("_home_directory", nargs, 1, 1) < 0)
        return 0;
    struct passwd *pw;
    if (args[0] == py_None)
        pw = getpwuid(getuid());
    else if (pyval_is_obj(args[0]) && pyval_obj(args[0])->layout == PYL_STR)
        pw = getpwnam(pystr_utf8(args[0]));
    else
        return pyerr_format(pyexc_TypeError, "expected str or None");
    if (pw == NULL || pw->pw_dir == NULL)
        return py_None;
    return pystr_from_cstr(pw->pw_dir);
}

static const struct pymethod_def posix_functions[] = {
    {"getcwd", posix_getcwd, 0, NULL},
    {"chdir", posix_chdir, 0, NULL},
    {"listdir", posix_listdir, 0, NULL},
    {"mkdir", posix_mkdir, 0, NULL},
    {"rmdir", posix_rmdir, 0, NULL},
    {"remove", posix_remove, 0, NULL},
    {"unlink", posix_unlink, 0, NULL},
    {"rename", posix_rename, 0, NULL},
    {"replace", posix_replace, 0, NULL},
    {"symlink", posix_symlink, 0, NULL},
    {"readlink", posix_readlink, 0, NULL},
    {"stat", posix_stat, 0, NULL},
    {"lstat", posix_lstat, 0, NULL},
    {"access", posix_access, 0, NULL},
    {"getpid", posix_getpid, 0, NULL},
    {"getppid", posix_getppid, 0, NULL},
    {"getuid", posix_getuid, 0, NULL},
    {"geteuid", posix_geteuid, 0, NULL},
    {"getgid", posix_getgid, 0, NULL},
    {"getegid", posix_getegid, 0, NULL},
    {"cpu_count", posix_cpu_count, 0, NULL},
    {"strerror", posix_strerror, 0, NULL},
    {"umask", posix_umask, 0, NULL},
    {"putenv", posix_putenv, 0, NULL},
    {"unsetenv", posix_unsetenv, 0, NULL},
    {"_exit", posix__exit, 0, NULL},
    {"_home_directory", posix__home_directory, 0, NULL},
    {"chmod", posix_chmod, 0, NULL},
    {"mknod", posix_mknod, 0, NULL},
    {"truncate", posix_truncate, 0, NULL},
    {"link", posix_link, 0, NULL},
    {"utime", posix_utime, 0, NULL},
    {"system", posix_system, 0, NULL},
    {"isatty", posix_isatty, 0, NULL},
    {"kill", posix_kill, 0, NULL},
    {"uname", posix_uname, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* posix.environ: the environment at start-up, a dict of str (the first
   definition of a name wins, as in CPython) */
static pyval environ_dict(void)
{
    pyval d = pydict_new();
    for (char **e = environ; d != 0 && e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (eq == NULL)
            continue;
        PY_PUSHV(d);
        pyval key = pystr_from_utf8(*e, (size_t)(eq - *e));
        PY_PUSHV(key);
        pyval value = key ? pystr_from_cstr(eq + 1) : 0;
        PY_POPV(key);
        PY_POPV(d);
        if (value == 0)
            return 0;
        PY_PUSHV(d);
        PY_PUSHV(key);
        PY_PUSHV(value);
        pyval *slots = (pyval *)pyrt_tl.shadowstack - 3;
        pyval old = pydict_get_str(slots[0], slots[1]);
        int r = old != 0 || pyerr_occurred()
                    ? (pyerr_occurred() ? -1 : 0)
                    : pydict_set(slots[0], slots[1], slots[2]);
        PY_POPV(value);
        PY_POPV(key);
        PY_POPV(d);
        if (r < 0)
            return 0;
    }
    return d;
}

int pymod_posix_init(pyval module, pyval *dictp)
{
    for (const struct pymethod_def *m = posix_functions; m->name; m++) {
        pyval fn = pybuiltin_new(m, 0);
        if (fn == 0 || pymodule_add(dictp, m->name, fn) < 0)
            return -1;
    }
    struct {
        const char *name;
        int64_t value;
    } constants[] = {{"F_OK", F_OK},         {"R_OK", R_OK},
                     {"W_OK", W_OK},         {"X_OK", X_OK},
                     {"SEEK_SET", SEEK_SET}, {"SEEK_CUR", SEEK_CUR},
                     {"SEEK_END", SEEK_END}};
    for (size_t i = 0; i < sizeof(constants) / sizeof(constants[0]); i++) {
        if (pymodule_add(dictp, constants[i].name,
                         pyval_from_int(constants[i].value)) < 0)
            return -1;
    }
    pyval env = environ_dict();
    if (env == 0 || pymodule_add(dictp, "environ", env) < 0)
        return -1;
    return 0;
}
