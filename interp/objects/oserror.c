/* oserror.c -- what OSError adds to exceptions: OSError(errno, ...)
 * making the subclass for that errno (FileNotFoundError for ENOENT...),
 * the errno, strerror, filename and filename2 attributes, its str()
 * ("[Errno 2] No such file or directory: 'nope'"), and raising one from
 * a C errno for the os module.
 *
 * The attributes are ordinary instance attributes (in the exception's
 * dict), set from the arguments when the exception is made or
 * initialised: OSError(errno, strerror[, filename[, winerror[,
 * filename2]]]).  With a filename, args keeps only (errno, strerror),
 * as in CPython.
 */
#include "oserror.h"

#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "classobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

PyType *pyoserror_type_for_errno(int64_t err)
{
    switch (err) {
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS:
        return pyexc_BlockingIOError;
    case ECHILD:
        return pyexc_ChildProcessError;
    case EPIPE:
    case ESHUTDOWN:
        return pyexc_BrokenPipeError;
    case ECONNABORTED:
        return pyexc_ConnectionAbortedError;
    case ECONNREFUSED:
        return pyexc_ConnectionRefusedError;
    case ECONNRESET:
        return pyexc_ConnectionResetError;
    case EEXIST:
        return pyexc_FileExistsError;
    case ENOENT:
        return pyexc_FileNotFoundError;
    case EISDIR:
        return pyexc_IsADirectoryError;
    case ENOTDIR:
        return pyexc_NotADirectoryError;
    case EINTR:
        return pyexc_InterruptedError;
    case EACCES:
    case EPERM:
        return pyexc_PermissionError;
    case ESRCH:
        return pyexc_ProcessLookupError;
    case ETIMEDOUT:
        return pyexc_TimeoutError;
    default:
        return pyexc_OSError;
    }
}

PyType *pyoserror_new_type(PyType *type, const pyval *args, size_t nargs)
{
    if (type != pyexc_OSError || nargs < 2 || !pyint_check(args[0]))
        return type;
    int64_t err;
    if (pyint_as_int64(pyint_value(args[0]), &err) < 0) {
        pyerr_clear();
        return type;
    }
    return pyoserror_type_for_errno(err);
}

static int set_field(pyval exc, const char *name, pyval value)
{
    PY_PUSHV(exc);
    PY_PUSHV(value);
    pyval key = pystr_intern_utf8(name, strlen(name));
    PY_POPV(value);
    PY_POPV(exc);
    if (key == 0)
        return -1;
    return pyobj_setattr_with_dict(exc, key, value);
}

int pyoserror_init(pyval exc, const pyval *args, size_t nargs)
{
    if (!pytype_is_subtype(pyval_type(exc), pyexc_OSError))
        return 0;
    bool parsed = nargs >= 2 && nargs <= 5;
    pyval filename = parsed && nargs >= 3 ? args[2] : py_None;
    /* the values go on the shadow stack: setting each one allocates */
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(exc);
    PY_PUSHV(parsed ? args[0] : py_None);
    PY_PUSHV(parsed ? args[1] : py_None);
    PY_PUSHV(filename);
    PY_PUSHV(parsed && nargs == 5 && filename != py_None ? args[4] : py_None);
    static const char *const names[4] = {"errno", "strerror", "filename",
                                         "filename2"};
    for (int i = 0; i < 4; i++) {
        if (set_field((pyval)saved[0].ss, names[i], (pyval)saved[1 + i].ss) <
            0) {
            pyrt_tl.shadowstack = saved;
            return -1;
        }
    }
    if (filename != py_None) {
        pyval t = pytuple_pack(2, (pyval)saved[1].ss, (pyval)saved[2].ss);
        if (t == 0) {
            pyrt_tl.shadowstack = saved;
            return -1;
        }
        PyExc *e = (PyExc *)pyval_obj((pyval)saved[0].ss);
        pyobj_write((PyObj *)e);
        e->args = t;
    }
    pyrt_tl.shadowstack = saved;
    return 0;
}

/* the attribute 'name' of exc, or None (0 and an exception on error) */
static pyval get_field(pyval exc, const char *name)
{
    PY_PUSHV(exc);
    pyval key = pystr_intern_utf8(name, strlen(name));
    PY_POPV(exc);
    if (key == 0)
        return 0;
    pyval v = pyobj_getattr(exc, key);
    if (v == 0 && pyerr_matches(pyexc_AttributeError)) {
        pyerr_clear();
        return py_None;
    }
    return v;
}

/* text gathered in C memory while str() is built */
struct textbuf {
    char *data;
    size_t len;
};

static int append_text(struct textbuf *b, const char *s, size_t n)
{
    char *bigger = realloc(b->data, b->len + n + 1);
    if (bigger == NULL) {
        pyerr_no_memory();
        return -1;
    }
    b->data = bigger;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return 0;
}

/* str(v) or repr(v), appended */
static int append_value(struct textbuf *b, pyval v, bool repr)
{
    pyval s = repr ? pyobj_repr(v) : pyobj_str(v);
    if (s == 0)
        return -1;
    return append_text(b, pystr_utf8(s), (size_t)pystr_nbytes(s));
}

pyval pyoserror_str(pyval exc)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(exc);
    static const char *const names[4] = {"errno", "strerror", "filename",
                                         "filename2"};
    for (int i = 0; i < 4; i++) {
        pyval v = get_field((pyval)saved[0].ss, names[i]);
        if (v == 0) {
            pyrt_tl.shadowstack = saved;
            return 0;
        }
        PY_PUSHV(v);
    }
    pyval file = (pyval)saved[3].ss, file2 = (pyval)saved[4].ss;
    if (file == py_None &&
        ((pyval)saved[1].ss == py_None || (pyval)saved[2].ss == py_None)) {
        pyrt_tl.shadowstack = saved;
        return py_None; /* BaseException's str() */
    }
    /* "[Errno %S] %S", then ": %R" and " -> %R" for the file names */
    struct textbuf b = {NULL, 0};
    int ok = append_text(&b, "[Errno ", 7) == 0 &&
             append_value(&b, (pyval)saved[1].ss, false) == 0 &&
             append_text(&b, "] ", 2) == 0 &&
             append_value(&b, (pyval)saved[2].ss, false) == 0;
    if (ok && file != py_None)
        ok = append_text(&b, ": ", 2) == 0 &&
             append_value(&b, (pyval)saved[3].ss, true) == 0;
    if (ok && file != py_None && file2 != py_None)
        ok = append_text(&b, " -> ", 4) == 0 &&
             append_value(&b, (pyval)saved[4].ss, true) == 0;
    pyrt_tl.shadowstack = saved;
    pyval r = ok ? pystr_from_utf8(b.data, b.len) : 0;
    free(b.data);
    return r;
}

static pyval raise_errno(int err, pyval filename, pyval filename2)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(filename);
    PY_PUSHV(filename2);
    pyval msg = pystr_from_cstr(strerror(err));
    if (msg == 0) {
        pyrt_tl.shadowstack = saved;
        return 0;
    }
    PY_PUSHV(msg);
    size_t nargs = filename2 ? 5 : filename ? 3 : 2;
    pyval t = pytuple_pack(2, pyval_from_int(err), msg);
    if (t == 0) {
        pyrt_tl.shadowstack = saved;
        return 0;
    }
    PyType *type = pyoserror_type_for_errno(err);
    pyval exc = pyexc_new(type, t);
    PY_PUSHV(exc);
    /* the arguments again, from the shadow stack (allocation moved them) */
    pyval argv[5] = {pyval_from_int(err), (pyval)saved[2].ss,
                     (pyval)saved[0].ss, py_None, (pyval)saved[1].ss};
    for (int i = 0; i < 5; i++)
        PY_PUSHV(argv[i]);
    int r = pyoserror_init(exc, (const pyval *)&saved[4], nargs);
    exc = (pyval)saved[3].ss;
    pyrt_tl.shadowstack = saved;
    if (r < 0)
        return 0;
    pyerr_set(exc);
    return 0;
}

pyval pyerr_from_errno(int err, pyval filename)
{
    return raise_errno(err, filename, 0);
}

pyval pyerr_from_errno2(int err, pyval filename, pyval filename2)
{
    return raise_errno(err, filename, filename2);
}
