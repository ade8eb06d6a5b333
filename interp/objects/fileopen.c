/* fileopen.c -- making file objects: open() (its arguments checked in
 * CPython's order and with its messages, the descriptor opened, the
 * stdio stream made on it) and the standard streams (design notes in
 * fileobject.h and doc/pystm.md, "I/O").
 */
#include "fileobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "bytesobject.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "oserror.h"
#include "strobject.h"
#include "tupleobject.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

PyType *pyfile_binary_type(const struct pyfile_state *st)
{
    return st->readable && st->writable ? pytype_bufferedrandom
           : st->readable               ? pytype_bufferedreader
                                        : pytype_bufferedwriter;
}

/* the raw mode string of a binary file, as FileIO's mode says it */
const char *pyfile_binary_mode(const struct pyfile_state *st, bool created)
{
    if (created)
        return st->readable ? "xb+" : "xb";
    if (st->appending)
        return st->readable ? "ab+" : "ab";
    if (st->readable)
        return st->writable ? "rb+" : "rb";
    return "wb";
}


/* ------------------------------------------------------------ making */

/* fields: name, mode, encoding, errors, newline (read after allocating:
   the caller keeps them rooted or they are immortal) */
pyval pyfile_make(PyType *type, struct pyfile_state *st, pyval *fields)
{
    for (int i = 0; i < 5; i++)
        PY_PUSHV(fields[i]);
    PyFile *f = (PyFile *)pyobj_alloc(sizeof(struct pyfile_s), PYL_FILE, type);
    for (int i = 4; i >= 0; i--)
        PY_POPV(fields[i]);
    f->st = st;
    f->name = fields[0];
    f->mode = fields[1];
    f->encoding = fields[2];
    f->errors = fields[3];
    f->newline = fields[4];
    f->buffer = 0;
    if (!st->standard)
        stm_enable_light_finalizer((object_t *)f);
    return pyval_from_obj((PyObj *)f);
}

static bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

/* an encoding name by Python's normalization (case, '-' and ' '), or ""
   if too long to be one of ours */
static void normalize_codec(const char *name, char *norm, size_t size)
{
    size_t n = 0;
    for (; name[n] && n < size - 1; n++) {
        char c = name[n];
        norm[n] = c == '-' || c == ' '     ? '_'
                  : (c >= 'A' && c <= 'Z') ? (char)(c + 32)
                                           : c;
    }
    norm[name[n] ? 0 : n] = 0;
}

bool pyfile_codec_is_utf8(const char *name)
{
    char norm[16];
    normalize_codec(name, norm, sizeof norm);
    return strcmp(norm, "utf_8") == 0 || strcmp(norm, "utf8") == 0 ||
           strcmp(norm, "u8") == 0 || strcmp(norm, "utf") == 0 ||
           strcmp(norm, "cp65001") == 0;
}

/* utf-8-sig: UTF-8 after a byte order mark at the start of the file */
bool pyfile_codec_is_utf8_sig(const char *name)
{
    char norm[16];
    normalize_codec(name, norm, sizeof norm);
    return strcmp(norm, "utf_8_sig") == 0;
}

/* errors as CPython's `C` locale gives them (UTF-8 mode): standard
   streams escape undecodable bytes there, strict under a UTF-8 locale */
static const char *standard_errors(int fd)
{
    if (fd == 2)
        return "backslashreplace";
    const char *loc = getenv("LC_ALL");
    if (loc == NULL || *loc == 0)
        loc = getenv("LC_CTYPE");
    if (loc == NULL || *loc == 0)
        loc = getenv("LANG");
    if (loc == NULL || *loc == 0 || strcmp(loc, "C") == 0 ||
        strcmp(loc, "POSIX") == 0)
        return "surrogateescape";
    return "strict";
}

pyval pyfile_standard_stream(int fd)
{
    static const char *const names[] = {"<stdin>", "<stdout>", "<stderr>"};
    struct pyfile_state *st = calloc(1, sizeof *st);
    if (st == NULL)
        return pyerr_no_memory();
    st->fp = fd == 0 ? stdin : fd == 1 ? stdout : stderr;
    st->fd = fd;
    st->refs = 1;
    st->readable = fd == 0;
    st->writable = fd != 0;
    st->closefd = true;
    st->standard = true;
    st->line_buffering = fd != 0 && isatty(fd); /* as stdio buffers it */
    st->utf8 = true;
    st->newline = PYNL_LF; /* CPython's standard streams: no translation */
    pyval fields[5] = {0, 0, 0, 0, py_None};
    pyval *slots = (pyval *)pyrt_tl.shadowstack;
    for (int i = 0; i < 4; i++)
        PY_PUSHV(0);
    slots[0] = pystr_from_cstr(names[fd]);
    slots[1] = slots[0] ? pystr_from_cstr(fd == 0 ? "r" : "w") : 0;
    slots[2] = slots[1] ? pystr_from_cstr("utf-8") : 0;
    slots[3] = slots[2] ? pystr_from_cstr(standard_errors(fd)) : 0;
    for (int i = 0; i < 4; i++)
        fields[i] = slots[i];
    pyrt_tl.shadowstack -= 4;
    if (fields[3] == 0) {
        free(st);
        return 0;
    }
    return pyfile_make(pytype_textiowrapper, st, fields);
}

/* ------------------------------------------------------------ open() */

enum {
    A_FILE,
    A_MODE,
    A_BUFFERING,
    A_ENCODING,
    A_ERRORS,
    A_NEWLINE,
    A_CLOSEFD,
    A_OPENER,
    A_COUNT
};

static const char *const open_params[A_COUNT] = {
    "file",   "mode",    "buffering", "encoding",
    "errors", "newline", "closefd",   "opener"};

/* Argument Clinic's binding of a function's parameters (the first one
   required) into out[] (0 when absent) */
static int bind_args(const char *fname, const char *const *names,
                     size_t nparams, const pyval *args, size_t nargs,
                     PyObj *kwnames, pyval *out)
{
    if (pyarg_bind(fname, args, nargs, kwnames, names, nparams, out) < 0)
        return -1;
    if (out[0] == 0) {
        pyerr_format(pyexc_TypeError,
                     "%s() missing required argument '%s' (pos 1)", fname,
                     names[0]);
        return -1;
    }
    return 0;
}

struct open_mode {
    bool creating, reading, writing, appending, updating, text, binary;
};

static int parse_mode(pyval modestr, struct open_mode *m)
{
    memset(m, 0, sizeof *m);
    const char *s = pystr_utf8(modestr);
    size_t n = (size_t)pystr_nbytes(modestr);
    for (size_t i = 0; i < n; i++) {
        bool *flag;
        switch (s[i]) {
        case 'x':
            flag = &m->creating;
            break;
        case 'r':
            flag = &m->reading;
            break;
        case 'w':
            flag = &m->writing;
            break;
        case 'a':
            flag = &m->appending;
            break;
        case '+':
            flag = &m->updating;
            break;
        case 't':
            flag = &m->text;
            break;
        case 'b':
            flag = &m->binary;
            break;
        default:
            flag = NULL;
            break;
        }
        if (flag == NULL || *flag || memchr(s, 0, n) != NULL) {
            pyerr_format(pyexc_ValueError, "invalid mode: '%U'", modestr);
            return -1;
        }
        *flag = true;
    }
    if (m->text && m->binary) {
        pyerr_format(pyexc_ValueError,
                     "can't have text and binary mode at once");
        return -1;
    }
    int kinds = m->creating + m->reading + m->writing + m->appending;
    if (kinds > 1) {
        pyerr_format(pyexc_ValueError,
                     "must have exactly one of create/read/write/append mode");
        return -1;
    }
    return 0;
}

/* an optional str argument of open() */
static int str_or_none(const char *fname, pyval v, const char *param)
{
    if (v == 0 || v == py_None || is_str(v))
        return 0;
    pyerr_format(pyexc_TypeError,
                 "%s() argument '%s' must be str or None, not %T", fname, param,
                 v);
    return -1;
}

/* file's path (malloc'ed) or descriptor; *vp may become __fspath__()'s
   result */
static int file_arg(pyval *vp, char **path, int *fd)
{
    pyval v = *vp;
    *path = NULL;
    if (pyint_check(v)) {
        int64_t n;
        if (pyint_as_int64(pyint_value(v), &n) < 0)
            return -1;
        if (n < 0) {
            pyerr_format(pyexc_ValueError, "negative file descriptor");
            return -1;
        }
        if (n > 0x7fffffff) {
            pyerr_format(pyexc_OverflowError,
                         "signed integer is greater than maximum");
            return -1;
        }
        *fd = (int)n;
        return 0;
    }
    pyval s = v;
    if (!is_str(v) && !pybytes_check(v)) {
        pyval key = pystr_name("__fspath__");
        v = *vp; /* making the name may have moved it */
        pyval method = key ? pytype_lookup(pyval_type(v), key) : 0;
        v = *vp;
        if (method == 0) {
            if (pyerr_occurred())
                return -1;
            pyerr_format(pyexc_TypeError,
                         "expected str, bytes or os.PathLike object, not %T",
                         v);
            return -1;
        }
        PY_PUSHV(v);
        s = pyobj_call(method, (pyval *)pyrt_tl.shadowstack - 1, 1, NULL);
        PY_POPV(v);
        if (s == 0)
            return -1;
        if (!is_str(s) && !pybytes_check(s)) {
            pyerr_format(pyexc_TypeError,
                         "expected %T.__fspath__() to return str or bytes, "
                         "not %T",
                         v, s);
            return -1;
        }
        *vp = s; /* the file's name */
    }
    const char *p = is_str(s) ? pystr_utf8(s) : pybytes_data(s);
    size_t n = is_str(s) ? (size_t)pystr_nbytes(s) : (size_t)pybytes_size(s);
    if (memchr(p, 0, n) != NULL) {
        pyerr_format(pyexc_ValueError, "embedded null byte");
        return -1;
    }
    *path = strndup(p, n);
    if (*path == NULL) {
        pyerr_no_memory();
        return -1;
    }
    return 0;
}

int pyfile_newline_mode(pyval v, uint8_t *out)
{
    if (v == 0 || v == py_None) {
        *out = PYNL_UNIVERSAL;
        return 0;
    }
    const char *s = pystr_utf8(v);
    if (strcmp(s, "") == 0)
        *out = PYNL_UNTRANSLATED;
    else if (strcmp(s, "\n") == 0)
        *out = PYNL_LF;
    else if (strcmp(s, "\r") == 0)
        *out = PYNL_CR;
    else if (strcmp(s, "\r\n") == 0)
        *out = PYNL_CRLF;
    else {
        pyerr_format(pyexc_ValueError, "illegal newline value: %U", v);
        return -1;
    }
    return 0;
}

/* the opened descriptor, or -1 with the error set */
static int open_descriptor(pyval *a, const char *path, int flags)
{
    if (a[A_OPENER] != 0 && a[A_OPENER] != py_None) {
        PY_PUSHV(a[A_FILE]);
        PY_PUSHV(pyval_from_int(flags));
        pyval r =
            pyobj_call(a[A_OPENER], (pyval *)pyrt_tl.shadowstack - 2, 2, NULL);
        pyrt_tl.shadowstack -= 2;
        if (r == 0)
            return -1;
        int64_t fd;
        if (!pyint_check(r)) {
            pyerr_format(pyexc_TypeError, "expected integer from opener");
            return -1;
        }
        if (pyint_as_int64(pyint_value(r), &fd) < 0)
            return -1;
        if (fd < 0) {
            pyerr_format(pyexc_ValueError, "opener returned %lld",
                         (long long)fd);
            return -1;
        }
        return (int)fd;
    }
    int fd = open(path, flags | O_CLOEXEC, 0666);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
        /* Files nobody can reach may hold the descriptors: collecting
           closes them (their light finalizers), then try again.  Those
           made by this transaction are only finalized once it commits:
           commit it (it is inevitable, so nothing before this point can
           be replayed) and go on in a new inevitable one. */
        pyrt_commit_transaction();
        stm_start_inevitable_transaction(&pyrt_tl);
        stm_collect(1);
        fd = open(path, flags | O_CLOEXEC, 0666);
    }
    if (fd < 0)
        pyerr_from_errno(errno, a[A_FILE]);
    return fd;
}

pyval pyfile_open(pyval self, const pyval *args, size_t nargs, PyObj *kwnames)
{
    (void)self;
    pyval *saved = (pyval *)pyrt_tl.shadowstack;
    pyval *a = saved;
    for (int i = 0; i < A_COUNT; i++)
        PY_PUSHV(0);
    pyval result = 0;
    char *path = NULL;
    int fd = -1;
    struct pyfile_state *st = NULL;
    if (bind_args("open", open_params, A_COUNT, args, nargs, kwnames, a) < 0)
        goto done;
    if (a[A_MODE] == 0)
        a[A_MODE] = pystr_name("r");
    if (a[A_MODE] == 0)
        goto done;
    if (!is_str(a[A_MODE])) {
        pyerr_format(pyexc_TypeError,
                     "open() argument 'mode' must be str, not %T", a[A_MODE]);
        goto done;
    }
    int64_t buffering = -1;
    if (a[A_BUFFERING] != 0 && pyfile_int_arg(a[A_BUFFERING], &buffering) < 0)
        goto done;
    if (str_or_none("open", a[A_ENCODING], "encoding") < 0 ||
        str_or_none("open", a[A_ERRORS], "errors") < 0 ||
        str_or_none("open", a[A_NEWLINE], "newline") < 0)
        goto done;
    int closefd = a[A_CLOSEFD] == 0 ? 1 : pyobj_truth(a[A_CLOSEFD]);
    if (closefd < 0)
        goto done;
    struct open_mode m;
    if (parse_mode(a[A_MODE], &m) < 0)
        goto done;
    bool binary = m.binary;
#define GIVEN(v) ((v) != 0 && (v) != py_None)
    if (binary && GIVEN(a[A_ENCODING])) {
        pyerr_format(pyexc_ValueError,
                     "binary mode doesn't take an encoding argument");
        goto done;
    }
    if (binary && GIVEN(a[A_ERRORS])) {
        pyerr_format(pyexc_ValueError,
                     "binary mode doesn't take an errors argument");
        goto done;
    }
    if (binary && GIVEN(a[A_NEWLINE])) {
        pyerr_format(pyexc_ValueError,
                     "binary mode doesn't take a newline argument");
        goto done;
    }
    if (m.creating + m.reading + m.writing + m.appending != 1) {
        pyerr_format(pyexc_ValueError,
                     "Must have exactly one of create/read/write/append "
                     "mode and at most one plus");
        goto done;
    }
    if (file_arg(&a[A_FILE], &path, &fd) < 0)
        goto done;
    if (path != NULL && !closefd) {
        pyerr_format(pyexc_ValueError,
                     "Cannot use closefd=False with file name");
        goto done;
    }
    stm_become_inevitable(&pyrt_tl, "open");
    int flags = m.updating ? O_RDWR : m.reading ? O_RDONLY : O_WRONLY;
    if (m.writing)
        flags |= O_CREAT | O_TRUNC;
    if (m.appending)
        flags |= O_CREAT | O_APPEND;
    if (m.creating)
        flags |= O_CREAT | O_EXCL;
    bool own_fd = path != NULL || closefd;
    if (path != NULL) {
        fd = open_descriptor(a, path, flags);
        if (fd < 0)
            goto done;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        pyerr_from_errno(errno, 0);
        if (path != NULL)
            close(fd);
        goto done;
    }
    if (S_ISDIR(sb.st_mode)) {
        if (own_fd)
            close(fd);
        pyerr_from_errno(EISDIR, a[A_FILE]);
        goto done;
    }
    st = calloc(1, sizeof *st);
    if (st == NULL) {
        if (own_fd)
            close(fd);
        pyerr_no_memory();
        goto done;
    }
    st->fd = fd;
    st->refs = 1;
    st->readable = m.reading || m.updating;
    st->writable = !m.reading || m.updating;
    st->appending = m.appending;
    st->closefd = closefd;
    st->regular = S_ISREG(sb.st_mode);
    if (!binary && buffering == 0) {
        pyerr_format(pyexc_ValueError, "can't have unbuffered text I/O");
        goto fail;
    }
    if (!binary) {
        if (pyfile_newline_mode(a[A_NEWLINE], &st->newline) < 0)
            goto fail;
        if (!GIVEN(a[A_ENCODING]))
            a[A_ENCODING] = pystr_from_cstr("UTF-8");
        if (!GIVEN(a[A_ERRORS]))
            a[A_ERRORS] = pystr_name("strict");
        if (a[A_ENCODING] == 0 || a[A_ERRORS] == 0)
            goto fail;
        char encoding[64];
        pyfile_copy_name(a[A_ENCODING], encoding, sizeof encoding);
        st->bom = pyfile_codec_is_utf8_sig(encoding);
        /* an unknown encoding is a LookupError now, as CPython's */
        if (!st->bom &&
            pycodec_decode((const uint8_t *)"", 0, encoding, "strict") == 0)
            goto fail;
        st->utf8 = st->bom || pyfile_codec_is_utf8(encoding);
    }
    /* closefd=False: the stream gets a copy of the descriptor to close */
    int stream_fd = closefd ? fd : dup(fd);
    if (stream_fd < 0) {
        pyerr_from_errno(errno, 0);
        goto fail;
    }
    const char *cmode = m.updating    ? (m.reading     ? "r+"
                                         : m.appending ? "a+"
                                                       : "w+")
                        : m.reading   ? "r"
                        : m.appending ? "a"
                                      : "w";
    st->fp = fdopen(stream_fd, cmode);
    if (st->fp == NULL) {
        pyerr_from_errno(errno, 0);
        if (stream_fd != fd)
            close(stream_fd);
        goto fail;
    }
    if (buffering == 0)
        setvbuf(st->fp, NULL, _IONBF, 0);
    else if (buffering == 1 && !binary) {
        setvbuf(st->fp, NULL, _IOLBF, BUFSIZ);
        st->line_buffering = true;
    } else if (buffering > 1)
        setvbuf(st->fp, NULL, _IOFBF, (size_t)buffering);
    if (m.appending)
        fseeko(st->fp, 0, SEEK_END);
    pyval fields[5];
    if (binary) {
        fields[1] = pystr_from_cstr(pyfile_binary_mode(st, m.creating));
        if (fields[1] == 0) {
            fclose(st->fp);
            free(st);
            goto done;
        }
        fields[2] = fields[3] = fields[4] = py_None;
    } else {
        fields[1] = a[A_MODE];
        fields[2] = a[A_ENCODING];
        fields[3] = a[A_ERRORS];
        fields[4] = GIVEN(a[A_NEWLINE]) ? a[A_NEWLINE] : py_None;
    }
    fields[0] = a[A_FILE]; /* read after the mode's allocation */
    PyType *type = !binary          ? pytype_textiowrapper
                   : buffering == 0 ? pytype_fileio
                                    : pyfile_binary_type(st);
    result = pyfile_make(type, st, fields);
    if (result == 0) {
        fclose(st->fp);
        free(st);
    }
    goto done;
fail:
    if (own_fd)
        close(fd);
    free(st);
done:
#undef GIVEN
    free(path);
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
    return result;
}

/* io.TextIOWrapper(buffer, encoding, errors, newline, line_buffering,
   write_through) over a binary file object of pystm's: the text file
   shares its stream (and the stream's text settings with any other text
   object on it, such as sys.stdout for sys.stdout.buffer) */
pyval pyfile_textiowrapper_new(PyType *type, const pyval *args, size_t nargs,
                               PyObj *kwnames)
{
    (void)type;
    static const char *const names[] = {"buffer",         "encoding",
                                        "errors",         "newline",
                                        "line_buffering", "write_through"};
    pyval *saved = (pyval *)pyrt_tl.shadowstack;
    pyval *a = saved;
    for (int i = 0; i < 6; i++)
        PY_PUSHV(0);
    pyval result = 0;
    if (bind_args("TextIOWrapper", names, 6, args, nargs, kwnames, a) < 0 ||
        str_or_none("TextIOWrapper", a[1], "encoding") < 0 ||
        str_or_none("TextIOWrapper", a[2], "errors") < 0 ||
        str_or_none("TextIOWrapper", a[3], "newline") < 0)
        goto done;
    if (!pyfile_check(a[0]) || pyval_type(a[0]) == pytype_textiowrapper) {
        pyval readable = pystr_name("readable");
        if (readable != 0 && pyobj_getattr(a[0], readable) != 0)
            pyerr_format(pyexc_TypeError,
                         "pystm's io.TextIOWrapper() wraps its binary files "
                         "only, not %T",
                         a[0]);
        goto done;
    }
    struct pyfile_state *st = ((PyFile *)pyval_obj(a[0]))->st;
    if (st->closed) {
        pyerr_format(pyexc_ValueError, "I/O operation on closed file");
        goto done;
    }
    uint8_t newline;
    if (pyfile_newline_mode(a[3], &newline) < 0)
        goto done;
    int line_buffering = a[4] != 0 ? pyobj_truth(a[4]) : 0;
    if (line_buffering < 0)
        goto done;
    if (a[1] == 0 || a[1] == py_None)
        a[1] = pystr_from_cstr("UTF-8");
    if (a[2] == 0 || a[2] == py_None)
        a[2] = pystr_name("strict");
    if (a[1] == 0 || a[2] == 0)
        goto done;
    char encoding[64];
    pyfile_copy_name(a[1], encoding, sizeof encoding);
    bool bom = pyfile_codec_is_utf8_sig(encoding);
    if (!bom && pycodec_decode((const uint8_t *)"", 0, encoding, "strict") == 0)
        goto done;
    st->bom = bom;
    st->utf8 = bom || pyfile_codec_is_utf8(encoding);
    st->newline = newline;
    st->line_buffering = line_buffering;
    pyval fields[5];
    PyFile *b = (PyFile *)pyval_obj(a[0]);
    pyobj_read((PyObj *)b);
    fields[0] = b->name;
    fields[1] = 0; /* no mode: open() did not make it */
    fields[2] = a[1];
    fields[3] = a[2];
    fields[4] = a[3] != 0 ? a[3] : py_None;
    __atomic_add_fetch(&st->refs, 1, __ATOMIC_ACQ_REL);
    result = pyfile_make(pytype_textiowrapper, st, fields);
    if (result == 0) {
        __atomic_sub_fetch(&st->refs, 1, __ATOMIC_ACQ_REL);
        goto done;
    }
    /* its .buffer is the object wrapped */
    PyFile *t = (PyFile *)pyval_obj(result);
    pyobj_write((PyObj *)t);
    t->buffer = a[0];
done:
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
    return result;
}
