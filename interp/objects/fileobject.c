/* fileobject.c -- file objects on C stdio streams: the text and binary
 * file types, their methods, and print()'s output (open() and the
 * standard streams are made in fileopen.c; design notes in fileobject.h
 * and doc/pystm.md, "I/O").
 *
 * Text files read bytes from the stream and decode them a line (or a
 * read()) at a time: the three codecs (utf-8, ascii, latin-1) keep '\n'
 * and '\r' as single bytes, so universal newlines work on the bytes, and
 * tell() is the byte offset (seek(tell()) round trips).  Writes encode
 * (UTF-8 text without surrogates is written as it is stored).
 */
#include "fileobject.h"

#include "../runtime/args.h"
#include "../runtime/errors.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "bytesobject.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "listobject.h"
#include "memoryobject.h"
#include "moduleobject.h"
#include "oserror.h"
#include "sliceobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

PyType *pytype_textiowrapper, *pytype_bufferedreader, *pytype_bufferedwriter,
    *pytype_bufferedrandom, *pytype_fileio;
PyType *pytype_iobase, *pytype_rawiobase, *pytype_bufferediobase,
    *pytype_textiobase;

static const char closed_dot[] = "I/O operation on closed file.";
static const char closed_nodot[] = "I/O operation on closed file";

void pyfile_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyfile_s *f = (struct pyfile_s *)o;
    pyval_visit(&f->name, visit);
    pyval_visit(&f->mode, visit);
    pyval_visit(&f->encoding, visit);
    pyval_visit(&f->errors, visit);
    pyval_visit(&f->newline, visit);
    pyval_visit(&f->buffer, visit);
}

/* the object's fields (reconfigure() may change a text file's encoding,
   errors and newline: read through the barrier) */
static PyFile *file_of(pyval v)
{
    PyFile *f = (PyFile *)pyval_obj(v);
    pyobj_read((PyObj *)f);
    return f;
}

/* the C state: set when the object is made and never changed, so read
   without a barrier */
static struct pyfile_state *state_of(pyval v)
{
    return ((PyFile *)pyval_obj(v))->st;
}

static bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

static bool is_text(pyval v)
{
    return pyval_type(v) == pytype_textiowrapper;
}

static void state_release(struct pyfile_state *st)
{
    if (__atomic_sub_fetch(&st->refs, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    if (!st->closed && !st->standard && st->fp != NULL)
        fclose(st->fp);
    free(st);
}

/* a file object nobody can reach any more is closed, as CPython's
   deallocation does (no allocation, no barrier: stmgc's rule) */
static void file_light_finalizer(object_t *obj)
{
    PyFile *f = (PyFile *)obj;
    if (f->ob.layout == PYL_FILE && f->st != NULL)
        state_release(f->st);
}

/* ------------------------------------------------------------ checks */

pyval pyfile_unsupported(const char *message)
{
    pyval mod = pyimport(pystr_name("_io"), 0, 0, 0);
    if (mod == 0)
        return 0;
    PY_PUSHV(mod);
    pyval name = pystr_name("UnsupportedOperation");
    PY_POPV(mod);
    pyval cls = name ? pyobj_getattr(mod, name) : 0;
    if (cls == 0)
        return 0;
    if (!pyval_is_obj(cls) || pyval_obj(cls)->layout != PYL_TYPE)
        return pyerr_format(pyexc_TypeError, "bad io.UnsupportedOperation");
    return pyerr_format((PyType *)pyval_obj(cls), "%s", message);
}

static int check_open(pyval self, const char *message)
{
    if (state_of(self)->closed) {
        pyerr_format(pyexc_ValueError, "%s", message);
        return -1;
    }
    return 0;
}

/* Text files say "closed" first, binary files "unsupported" first, as
   CPython's layers do; binary messages name the operation. */
static int check_mode(pyval self, bool allowed, const char *text_message,
                      const char *binary_op, const char *closed_message)
{
    if (is_text(self)) {
        if (check_open(self, closed_dot) < 0)
            return -1;
    } else if (allowed && check_open(self, closed_message) < 0) {
        return -1;
    }
    if (!allowed) {
        pyfile_unsupported(is_text(self) ? text_message : binary_op);
        return -1;
    }
    return 0;
}

static int check_readable(pyval self, const char *op, const char *closed)
{
    return check_mode(self, state_of(self)->readable, "not readable", op,
                      closed);
}

static int check_writable(pyval self)
{
    return check_mode(self, state_of(self)->writable, "not writable", "write",
                      "write to closed file");
}

/* the stream is about to be read (or written): irreversible from here;
   stdio wants a flush or a seek between output and input */
static void start_op(struct pyfile_state *st, int op)
{
    stm_become_inevitable(&pyrt_tl, "file I/O");
    if (st->last_op == PYFILE_OP_WRITE && op == PYFILE_OP_READ)
        fflush(st->fp);
    else if (op == PYFILE_OP_WRITE && st->appending &&
             st->last_op != PYFILE_OP_WRITE)
        fseeko(st->fp, 0, SEEK_END); /* where O_APPEND writes go */
    else if (st->last_op == PYFILE_OP_READ && op == PYFILE_OP_WRITE)
        fseeko(st->fp, 0, SEEK_CUR);
    st->last_op = op;
}

static pyval stream_error(struct pyfile_state *st)
{
    int err = errno ? errno : EIO;
    clearerr(st->fp);
    return pyerr_from_errno(err, 0);
}

/* ------------------------------------------------------------ buffers */

/* bytes gathered in C memory */
struct bbuf {
    char *p;
    size_t n, cap;
};

static int bbuf_reserve(struct bbuf *b, size_t more)
{
    if (b->n + more <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->n + more)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (p == NULL) {
        pyerr_no_memory();
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

static int bbuf_put(struct bbuf *b, int c)
{
    if (bbuf_reserve(b, 1) < 0)
        return -1;
    b->p[b->n++] = (char)c;
    return 0;
}

/* ------------------------------------------------------------ reading */

static int read_binary_bytes(struct pyfile_state *st, int64_t limit, bool line,
                             struct bbuf *b);

/* A whole line of a regular file whose lines end at \n (and \r and \r\n
   unless newline='\n'): stdio's getdelim, then a lone \r found inside
   ends the line there and the rest goes back to the stream (a seek
   within its buffer). */
static int read_line_fast(struct pyfile_state *st, struct bbuf *b)
{
    FILE *fp = st->fp;
    enum pyfile_newline nl = (enum pyfile_newline)st->newline;
    errno = 0;
    ssize_t n = getdelim(&b->p, &b->cap, '\n', fp);
    if (n < 0) {
        b->n = 0;
        if (ferror(fp))
            return stream_error(st), -1;
        clearerr(fp);
        return 0;
    }
    b->n = (size_t)n;
    char *cr = nl == PYNL_LF ? NULL : memchr(b->p, '\r', (size_t)n);
    if (cr == NULL)
        return 0;
    size_t i = (size_t)(cr - b->p);
    if (i + 2 == (size_t)n && b->p[i + 1] == '\n') {
        if (nl == PYNL_UNIVERSAL) {
            b->p[i] = '\n';
            b->n = i + 1;
        }
        return 0;
    }
    if (nl == PYNL_UNIVERSAL)
        b->p[i] = '\n';
    b->n = i + 1;
    if (b->n < (size_t)n && fseeko(fp, -(off_t)((size_t)n - b->n), SEEK_CUR))
        return stream_error(st), -1;
    return 0;
}

/* Up to 'limit' characters (< 0: no limit) of a text file, up to and
   including the end of the line if 'line', newlines translated by the
   file's mode.  A character is a UTF-8 sequence for a UTF-8 file, a byte
   otherwise. */
static int read_text_bytes(struct pyfile_state *st, int64_t limit, bool line,
                           struct bbuf *b)
{
    FILE *fp = st->fp;
    enum pyfile_newline nl = (enum pyfile_newline)st->newline;
    if (limit < 0 && !line) {
        /* all of it: read in bulk, then translate the line ends */
        if (read_binary_bytes(st, -1, false, b) < 0)
            return -1;
        if (nl == PYNL_UNIVERSAL && b->n > 0 && memchr(b->p, '\r', b->n)) {
            size_t out = 0;
            for (size_t i = 0; i < b->n; i++) {
                char c = b->p[i];
                if (c == '\r') {
                    c = '\n';
                    if (i + 1 < b->n && b->p[i + 1] == '\n')
                        i++;
                }
                b->p[out++] = c;
            }
            b->n = out;
        }
        return 0;
    }
    if (line && limit < 0 && st->regular && nl != PYNL_CR && nl != PYNL_CRLF)
        return read_line_fast(st, b);
    int64_t chars = 0;
    errno = 0;
    while (limit < 0 || chars < limit) {
        int c = getc_unlocked(fp);
        if (c == EOF)
            break;
        chars++;
        if (st->utf8 && c >= 0xC0) {
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            if (bbuf_put(b, c) < 0)
                return -1;
            while (more-- > 0) {
                int c2 = getc_unlocked(fp);
                if (c2 == EOF)
                    break;
                if ((c2 & 0xC0) != 0x80) {
                    ungetc(c2, fp);
                    break;
                }
                if (bbuf_put(b, c2) < 0)
                    return -1;
            }
            continue;
        }
        if (c == '\r' && (nl == PYNL_UNIVERSAL || nl == PYNL_UNTRANSLATED ||
                          nl == PYNL_CRLF)) {
            int c2 = getc_unlocked(fp);
            if (c2 == '\n' && nl != PYNL_UNIVERSAL && limit >= 0 &&
                chars >= limit) {
                /* kept as two characters: the limit falls between them */
                ungetc(c2, fp);
                if (bbuf_put(b, '\r') < 0)
                    return -1;
                break;
            }
            if (c2 == '\n') {
                if (nl != PYNL_UNIVERSAL) {
                    if (bbuf_put(b, '\r') < 0)
                        return -1;
                    chars++;
                }
                if (bbuf_put(b, '\n') < 0)
                    return -1;
                if (line)
                    break;
                continue;
            }
            if (c2 != EOF)
                ungetc(c2, fp);
            if (bbuf_put(b, nl == PYNL_UNIVERSAL ? '\n' : '\r') < 0)
                return -1;
            if (line && nl != PYNL_CRLF)
                break;
            continue;
        }
        if (bbuf_put(b, c) < 0)
            return -1;
        if (line && ((c == '\n' && nl != PYNL_CR && nl != PYNL_CRLF) ||
                     (c == '\r' && nl == PYNL_CR)))
            break;
    }
    if (ferror(fp))
        return stream_error(st), -1;
    clearerr(fp); /* a terminal may be read again after an end of file */
    return 0;
}

/* up to 'limit' bytes (< 0: to the end), or a line if 'line' */
static int read_binary_bytes(struct pyfile_state *st, int64_t limit, bool line,
                             struct bbuf *b)
{
    FILE *fp = st->fp;
    errno = 0;
    if (line && limit < 0) {
        ssize_t n = getdelim(&b->p, &b->cap, '\n', fp);
        b->n = n < 0 ? 0 : (size_t)n;
    } else if (line) {
        while (limit < 0 || (int64_t)b->n < limit) {
            int c = getc_unlocked(fp);
            if (c == EOF)
                break;
            if (bbuf_put(b, c) < 0)
                return -1;
            if (c == '\n')
                break;
        }
    } else {
        while (limit < 0 || (int64_t)b->n < limit) {
            size_t want = limit < 0 ? 65536 : (size_t)limit - b->n;
            if (bbuf_reserve(b, want) < 0)
                return -1;
            size_t got = fread(b->p + b->n, 1, want, fp);
            b->n += got;
            if (got < want)
                break;
        }
    }
    if (ferror(fp))
        return stream_error(st), -1;
    clearerr(fp);
    return 0;
}

/* the C text of a str attribute (encoding, errors) of a file */
void pyfile_copy_name(pyval s, char *out, size_t size)
{
    size_t n = (size_t)pystr_nbytes(s);
    if (n >= size)
        n = size - 1;
    memcpy(out, pystr_utf8(s), n);
    out[n] = 0;
}

/* the name of a text file's codec for codecs.c */
static void codec_of(pyval self, char *out, size_t size)
{
    if (state_of(self)->bom)
        snprintf(out, size, "utf-8");
    else
        pyfile_copy_name(file_of(self)->encoding, out, size);
}

/* utf-8-sig at the start of the file: the byte order mark is not text */
static void skip_bom(struct pyfile_state *st)
{
    if (ftello(st->fp) != 0)
        return;
    unsigned char mark[3];
    size_t got = fread(mark, 1, 3, st->fp);
    if (got == 3 && memcmp(mark, "\xef\xbb\xbf", 3) == 0)
        return;
    clearerr(st->fp);
    fseeko(st->fp, 0, SEEK_SET);
}

/* read (or readline) of a file: str for a text file, bytes otherwise */
static pyval read_impl(pyval self, int64_t limit, bool line, const char *op)
{
    if (check_readable(self, op,
                       line ? "readline of closed file"
                            : "read of closed file") < 0)
        return 0;
    struct pyfile_state *st = state_of(self);
    bool text = is_text(self);
    char encoding[64], errors[64];
    if (text) {
        codec_of(self, encoding, sizeof encoding);
        pyfile_copy_name(file_of(self)->errors, errors, sizeof errors);
    }
    /* a safe point: self may move, its C state and names are copied */
    start_op(st, PYFILE_OP_READ);
    if (text && st->bom)
        skip_bom(st);
    struct bbuf b = {NULL, 0, 0};
    int r = text ? read_text_bytes(st, limit, line, &b)
                 : read_binary_bytes(st, limit, line, &b);
    if (r < 0) {
        free(b.p);
        return 0;
    }
    pyval result;
    if (text) {
        result = pycodec_decode((const uint8_t *)(b.p ? b.p : ""), (int64_t)b.n,
                                encoding, errors);
    } else {
        result = pybytes_from_data(b.p ? b.p : "", (int64_t)b.n);
    }
    free(b.p);
    return result;
}

/* read()'s size argument: an int or None (-1) */
static int size_arg(pyval v, int64_t *out)
{
    *out = -1;
    if (v == 0 || v == py_None)
        return 0;
    if (!pyint_check(v)) {
        pyerr_format(pyexc_TypeError,
                     "argument should be integer or None, not '%T'", v);
        return -1;
    }
    return pyint_as_int64(pyint_value(v), out);
}

static pyval file_read(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    int64_t n;
    if (pyarg_no_keywords("read", kwnames) < 0 ||
        pyarg_count("read", nargs, 0, 1) < 0 ||
        size_arg(nargs ? args[0] : 0, &n) < 0)
        return 0;
    return read_impl(self, n, false, "read");
}

static pyval file_read1(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    int64_t n;
    if (pyarg_no_keywords("read1", kwnames) < 0 ||
        pyarg_count("read1", nargs, 0, 1) < 0 ||
        size_arg(nargs ? args[0] : 0, &n) < 0)
        return 0;
    return read_impl(self, n, false, "read1");
}

/* readinto(b): read into a bytearray, as much as it holds */
static pyval file_readinto(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("readinto", kwnames) < 0 ||
        pyarg_count("readinto", nargs, 1, 1) < 0)
        return 0;
    bool writable_view = pymemview_check(args[0]) &&
                         !((PyMemView *)pyval_obj(args[0]))->readonly;
    if (!pybytearray_check(args[0]) && !writable_view)
        return pyerr_format(pyexc_TypeError,
                            "readinto() argument must be read-write "
                            "bytes-like object, not %T",
                            args[0]);
    int64_t n = pyobj_len(args[0]);
    pyval data = read_impl(self, n, false, "readinto");
    if (data == 0)
        return 0;
    PY_PUSHV(data);
    int64_t got = pybytes_size(data);
    pyval slice =
        pyslice_new(pyval_from_int(0), pyint_from_int64(got), py_None);
    PY_POPV(data);
    if (slice == 0 || pyobj_setitem(args[0], slice, data) < 0)
        return 0;
    return pyint_from_int64(got);
}

static pyval file_readline(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    int64_t n;
    if (pyarg_no_keywords("readline", kwnames) < 0 ||
        pyarg_count("readline", nargs, 0, 1) < 0 ||
        size_arg(nargs ? args[0] : 0, &n) < 0)
        return 0;
    return read_impl(self, n, true, "read");
}

static pyval file_readlines(pyval self, const pyval *args, size_t nargs,
                            PyObj *kwnames)
{
    int64_t hint;
    if (pyarg_no_keywords("readlines", kwnames) < 0 ||
        pyarg_count("readlines", nargs, 0, 1) < 0 ||
        size_arg(nargs ? args[0] : 0, &hint) < 0)
        return 0;
    if (check_open(self, closed_dot) < 0)
        return 0;
    PY_PUSHV(self);
    pyval list = pylist_new(0);
    PY_POPV(self);
    if (list == 0)
        return 0;
    /* self and the list stay rooted: reading allocates */
    pyval *slots = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(self);
    PY_PUSHV(list);
    pyval result = 0;
    int64_t total = 0;
    for (;;) {
        pyval line = read_impl(slots[0], -1, true, "read");
        if (line == 0)
            goto done;
        int64_t n = pyval_obj(line)->layout == PYL_STR ? pystr_length(line)
                                                       : pybytes_size(line);
        if (n == 0)
            break;
        if (pylist_append(slots[1], line) < 0)
            goto done;
        total += n;
        if (hint > 0 && total >= hint)
            break;
    }
    result = slots[1];
done:
    pyrt_tl.shadowstack -= 2;
    return result;
}

static pyval file_iter(pyval self)
{
    if (check_open(self, closed_dot) < 0)
        return 0;
    return self;
}

static pyval file_iternext(pyval self)
{
    pyval line = read_impl(self, -1, true, "read");
    if (line == 0)
        return 0;
    int64_t n = pyval_obj(line)->layout == PYL_STR ? pystr_length(line)
                                                   : pybytes_size(line);
    return n == 0 ? 0 : line;
}

/* ------------------------------------------------------------ writing */

static bool has_surrogates(pyval s)
{
    PyStr *p = pystr(s);
    if (p->ascii || p->width == 1)
        return false;
    const uint8_t *u = (const uint8_t *)pystr_utf8(s);
    int64_t n = pystr_nbytes(s);
    for (int64_t i = 0; i + 1 < n; i++)
        if (u[i] == 0xED && u[i + 1] >= 0xA0)
            return true;
    return false;
}

/* line buffering flushes after text holding \n or \r, as CPython's */
static bool has_line_end(pyval s)
{
    size_t n = (size_t)pystr_nbytes(s);
    return memchr(pystr_utf8(s), '\n', n) || memchr(pystr_utf8(s), '\r', n);
}

static int write_bytes(struct pyfile_state *st, const char *p, size_t n)
{
    errno = 0;
    if (fwrite(p, 1, n, st->fp) != n || ferror(st->fp)) {
        stream_error(st);
        return -1;
    }
    return 0;
}

/* *sp (a str in a root the caller keeps) written to a text file: its
   length */
static int64_t text_write_impl(pyval self, const pyval *sp)
{
    if (check_writable(self) < 0)
        return -1;
    if (pystr_nbytes(*sp) == 0)
        return 0;
    struct pyfile_state *st = state_of(self);
    char encoding[64], errors[64];
    codec_of(self, encoding, sizeof encoding);
    pyfile_copy_name(file_of(self)->errors, errors, sizeof errors);
    /* a safe point: objects may move, so self is not read after it */
    start_op(st, PYFILE_OP_WRITE);
    if (st->bom && ftello(st->fp) == 0 &&
        write_bytes(st, "\xef\xbb\xbf", 3) < 0)
        return -1;
    pyval s = *sp;
    int64_t length = pystr_length(s);
    enum pyfile_newline nl = (enum pyfile_newline)st->newline;
    bool translate = (nl == PYNL_CR || nl == PYNL_CRLF) &&
                     memchr(pystr_utf8(s), '\n', (size_t)pystr_nbytes(s));
    if (st->utf8 && !translate && !has_surrogates(s)) {
        bool flush = st->line_buffering && has_line_end(s);
        if (write_bytes(st, pystr_utf8(s), (size_t)pystr_nbytes(s)) < 0 ||
            (flush && fflush(st->fp) != 0))
            return -1;
        return length;
    }
    bool flush = st->line_buffering && has_line_end(s);
    if (translate) {
        struct bbuf b = {NULL, 0, 0};
        size_t n = (size_t)pystr_nbytes(s);
        if (bbuf_reserve(&b, 2 * n + 1) < 0)
            return -1;
        const char *u = pystr_utf8(s);
        for (size_t i = 0; i < n; i++) {
            if (u[i] == '\n') {
                b.p[b.n++] = '\r';
                if (nl == PYNL_CRLF)
                    b.p[b.n++] = '\n';
            } else {
                b.p[b.n++] = u[i];
            }
        }
        s = pystr_from_utf8(b.p, b.n);
        free(b.p);
        if (s == 0)
            return -1;
    }
    pyval bytes = pycodec_encode(s, encoding, errors);
    if (bytes == 0)
        return -1;
    if (write_bytes(st, pybytes_data(bytes), (size_t)pybytes_size(bytes)) < 0 ||
        (flush && fflush(st->fp) != 0))
        return -1;
    return length;
}

/* *vp: in a root the caller keeps */
static int64_t write_impl(pyval self, const pyval *vp)
{
    pyval v = *vp;
    if (is_text(self)) {
        if (!pyval_is_obj(v) || pyval_obj(v)->layout != PYL_STR) {
            pyerr_format(pyexc_TypeError,
                         "write() argument must be str, not %T", v);
            return -1;
        }
        return text_write_impl(self, vp);
    }
    if (check_writable(self) < 0)
        return -1;
    struct pybuf buf;
    if (!pybuf_get(v, &buf)) {
        pyerr_format(pyexc_TypeError,
                     "a bytes-like object is required, not '%T'", v);
        return -1;
    }
    if (buf.n == 0)
        return 0; /* moves nothing, not even an appending file's position */
    struct pyfile_state *st = state_of(self);
    start_op(st, PYFILE_OP_WRITE);
    pybuf_get(*vp, &buf); /* again: the safe point may have moved it */
    if (write_bytes(st, (const char *)buf.p, (size_t)buf.n) < 0)
        return -1;
    return buf.n;
}

static pyval file_write(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("write", kwnames) < 0 ||
        pyarg_count("write", nargs, 1, 1) < 0)
        return 0;
    int64_t n = write_impl(self, &args[0]);
    return n < 0 ? 0 : pyint_from_int64(n);
}

static pyval file_writelines(pyval self, const pyval *args, size_t nargs,
                             PyObj *kwnames)
{
    if (pyarg_no_keywords("writelines", kwnames) < 0 ||
        pyarg_count("writelines", nargs, 1, 1) < 0)
        return 0;
    if (check_open(self, closed_dot) < 0)
        return 0;
    PY_PUSHV(self);
    pyval it = pyobj_iter(args[0]);
    PY_POPV(self);
    if (it == 0)
        return 0;
    pyval *slots = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(self);
    PY_PUSHV(it);
    for (;;) {
        pyval item = pyiter_next(slots[1]);
        if (item == 0)
            break;
        PY_PUSHV(item);
        int64_t n = write_impl(slots[0], (pyval *)pyrt_tl.shadowstack - 1);
        PY_DROP();
        if (n < 0)
            break;
    }
    pyrt_tl.shadowstack -= 2;
    return pyerr_occurred() ? 0 : py_None;
}

static int flush_impl(pyval self)
{
    if (check_open(self, !is_text(self) && state_of(self)->writable
                             ? "flush of closed file"
                             : closed_dot) < 0)
        return -1;
    struct pyfile_state *st = state_of(self);
    if (!st->writable)
        return 0;
    stm_become_inevitable(&pyrt_tl, "file flush");
    errno = 0;
    if (fflush(st->fp) != 0) {
        stream_error(st);
        return -1;
    }
    return 0;
}

static pyval file_flush(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("flush", kwnames) < 0 ||
        pyarg_count("flush", nargs, 0, 0) < 0)
        return 0;
    return flush_impl(self) < 0 ? 0 : py_None;
}

/* ------------------------------------------------------------ position */

static pyval tell_impl(pyval self)
{
    if (check_open(self, is_text(self) ? closed_dot : closed_nodot) < 0)
        return 0;
    struct pyfile_state *st = state_of(self);
    stm_become_inevitable(&pyrt_tl, "file tell");
    errno = 0;
    off_t pos = ftello(st->fp);
    if (pos < 0)
        return stream_error(st);
    return pyint_from_int64((int64_t)pos);
}

static pyval file_tell(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("tell", kwnames) < 0 ||
        pyarg_count("tell", nargs, 0, 0) < 0)
        return 0;
    return tell_impl(self);
}

int pyfile_int_arg(pyval v, int64_t *out)
{
    pyval i = pynum_index(v);
    if (i == 0)
        return -1;
    return pyint_as_int64(i, out);
}

static pyval file_seek(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    if (pyarg_no_keywords("seek", kwnames) < 0 ||
        pyarg_count("seek", nargs, 1, 2) < 0)
        return 0;
    bool text = is_text(self);
    if (check_open(self, text ? closed_dot : "seek of closed file") < 0)
        return 0;
    /* the C state, not self: __index__ may run Python code and move it */
    struct pyfile_state *st = state_of(self);
    int64_t offset, whence = 0;
    if (pyfile_int_arg(args[0], &offset) < 0 ||
        (nargs > 1 && pyfile_int_arg(args[1], &whence) < 0))
        return 0;
    if (st->closed)
        return pyerr_format(pyexc_ValueError, "%s", closed_dot);
    if (text) {
        if (whence == SEEK_CUR && offset != 0)
            return pyfile_unsupported("can't do nonzero cur-relative seeks");
        if (whence == SEEK_END && offset != 0)
            return pyfile_unsupported("can't do nonzero end-relative seeks");
        if (whence < 0 || whence > 2)
            return pyerr_format(pyexc_ValueError,
                                "invalid whence (%lld, should be 0, 1 or 2)",
                                (long long)whence);
        if (offset < 0)
            return pyerr_format(pyexc_ValueError, "negative seek position %lld",
                                (long long)offset);
    }
    stm_become_inevitable(&pyrt_tl, "file seek");
    errno = 0;
    if (st->writable && fflush(st->fp) != 0)
        return stream_error(st);
    st->last_op = PYFILE_OP_NONE;
    if (whence < 0 || whence > 2) {
        /* SEEK_DATA, SEEK_HOLE...: the system's answer */
        off_t pos = lseek(st->fd, (off_t)offset, (int)whence);
        if (pos < 0)
            return pyerr_from_errno(errno, 0);
        offset = (int64_t)pos;
        whence = SEEK_SET;
    }
    if (fseeko(st->fp, (off_t)offset, (int)whence) != 0)
        return stream_error(st);
    off_t pos = ftello(st->fp);
    if (pos < 0)
        return stream_error(st);
    return pyint_from_int64((int64_t)pos);
}

static pyval file_truncate(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("truncate", kwnames) < 0 ||
        pyarg_count("truncate", nargs, 0, 1) < 0)
        return 0;
    if (check_open(self,
                   is_text(self) ? closed_dot : "truncate of closed file") < 0)
        return 0;
    struct pyfile_state *st = state_of(self);
    if (!st->writable)
        return pyfile_unsupported("truncate");
    int64_t size = -1;
    if (nargs == 1 && args[0] != py_None && pyfile_int_arg(args[0], &size) < 0)
        return 0;
    if (st->closed)
        return pyerr_format(pyexc_ValueError, "%s", closed_dot);
    stm_become_inevitable(&pyrt_tl, "file truncate");
    errno = 0;
    if (fflush(st->fp) != 0)
        return stream_error(st);
    if (size < 0) {
        off_t pos = ftello(st->fp);
        if (pos < 0)
            return stream_error(st);
        size = (int64_t)pos;
    }
    if (ftruncate(st->fd, (off_t)size) != 0)
        return pyerr_from_errno(errno, 0);
    st->last_op = PYFILE_OP_NONE;
    return pyint_from_int64(size);
}

/* ------------------------------------------------------------ state */

static int close_impl(pyval self)
{
    struct pyfile_state *st = state_of(self);
    if (st->closed)
        return 0;
    stm_become_inevitable(&pyrt_tl, "file close");
    errno = 0;
    int r = st->standard ? fflush(st->fp) : fclose(st->fp);
    st->closed = true;
    if (r != 0) {
        pyerr_from_errno(errno ? errno : EIO, 0);
        return -1;
    }
    return 0;
}

static pyval file_close(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("close", kwnames) < 0 ||
        pyarg_count("close", nargs, 0, 0) < 0)
        return 0;
    return close_impl(self) < 0 ? 0 : py_None;
}

static pyval file_enter(pyval self, const pyval *args, size_t nargs,
                        PyObj *kwnames)
{
    if (pyarg_no_keywords("__enter__", kwnames) < 0 ||
        pyarg_count("__enter__", nargs, 0, 0) < 0 ||
        check_open(self, closed_dot) < 0)
        return 0;
    return self;
}

static pyval file_exit(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    (void)args;
    (void)nargs;
    if (pyarg_no_keywords("__exit__", kwnames) < 0)
        return 0;
    return close_impl(self) < 0 ? 0 : py_None;
}

/* reconfigure(*, encoding, errors, newline, line_buffering,
   write_through) of a text file */
static pyval text_reconfigure(pyval self, const pyval *args, size_t nargs,
                              PyObj *kwnames)
{
    static const char *const names[] = {"encoding", "errors", "newline",
                                        "line_buffering", "write_through"};
    if (nargs > 0)
        return pyerr_format(pyexc_TypeError,
                            "reconfigure() takes no positional arguments");
    /* where each argument is in args[] (rooted, unlike copies of it) */
    int64_t at[5] = {-1, -1, -1, -1, -1};
    int64_t nkw = kwnames ? pytuple_size(pyval_from_obj(kwnames)) : 0;
    for (int64_t k = 0; k < nkw; k++) {
        const char *name = pystr_utf8(pytuple_get(pyval_from_obj(kwnames), k));
        int i = 0;
        while (i < 5 && strcmp(names[i], name) != 0)
            i++;
        if (i == 5)
            return pyerr_format(
                pyexc_TypeError,
                "'%s' is an invalid keyword argument for reconfigure()", name);
        at[i] = k;
    }
#define ARG(i)   (at[i] >= 0 ? args[at[i]] : 0)
#define GIVEN(i) (ARG(i) != 0 && ARG(i) != py_None)
    for (int i = 0; i < 2; i++)
        if (GIVEN(i) && !is_str(ARG(i)))
            return pyerr_format(pyexc_TypeError,
                                "reconfigure() argument '%s' must be str or "
                                "None, not %T",
                                names[i], ARG(i));
    if (GIVEN(2) && !is_str(ARG(2)))
        return pyerr_format(pyexc_TypeError,
                            "reconfigure() argument 'newline' must be str or "
                            "None, not %T",
                            ARG(2));
    /* the C state stays put; self is rooted for what follows */
    struct pyfile_state *st = state_of(self);
    uint8_t newline = st->newline;
    if (at[2] >= 0 && pyfile_newline_mode(ARG(2), &newline) < 0)
        return 0;
    bool new_encoding = GIVEN(0);
    char encoding[64];
    if (new_encoding)
        pyfile_copy_name(ARG(0), encoding, sizeof encoding);
    PY_PUSHV(self);
    pyval *selfp = (pyval *)pyrt_tl.shadowstack - 1;
    pyval r = 0;
    if (new_encoding && !pyfile_codec_is_utf8_sig(encoding) &&
        pycodec_decode((const uint8_t *)"", 0, encoding, "strict") == 0)
        goto done;
    int lb = -1, wt = -1;
    if ((GIVEN(3) && (lb = pyobj_truth(ARG(3))) < 0) ||
        (GIVEN(4) && (wt = pyobj_truth(ARG(4))) < 0))
        goto done;
    (void)wt; /* write_through: nothing waits in the text layer here */
    if (flush_impl(*selfp) < 0) /* a safe point */
        goto done;
    pyval strict = pystr_name("strict");
    if (strict == 0)
        goto done;
    /* everything checked: the changes */
    if (new_encoding) {
        st->bom = pyfile_codec_is_utf8_sig(encoding);
        st->utf8 = st->bom || pyfile_codec_is_utf8(encoding);
    }
    if (at[2] >= 0)
        st->newline = newline;
    if (lb >= 0)
        st->line_buffering = lb;
    PyFile *f = (PyFile *)pyval_obj(*selfp);
    pyobj_write((PyObj *)f);
    if (new_encoding)
        f->encoding = ARG(0);
    if (GIVEN(1))
        f->errors = ARG(1);
    else if (new_encoding)
        f->errors = strict;
    if (at[2] >= 0)
        f->newline = ARG(2);
    r = py_None;
done:
    PY_DROP();
    return r;
#undef ARG
#undef GIVEN
}

static pyval file_fileno(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("fileno", kwnames) < 0 ||
        pyarg_count("fileno", nargs, 0, 0) < 0 ||
        check_open(self, closed_nodot) < 0)
        return 0;
    return pyval_from_int(state_of(self)->fd);
}

static pyval file_isatty(pyval self, const pyval *args, size_t nargs,
                         PyObj *kwnames)
{
    if (pyarg_no_keywords("isatty", kwnames) < 0 ||
        pyarg_count("isatty", nargs, 0, 0) < 0 ||
        check_open(self, closed_nodot) < 0)
        return 0;
    return pybool(isatty(state_of(self)->fd));
}

static pyval file_readable(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("readable", kwnames) < 0 ||
        pyarg_count("readable", nargs, 0, 0) < 0)
        return 0;
    /* a file that cannot says so even when closed */
    if (!state_of(self)->readable)
        return py_False;
    if (check_open(self, closed_nodot) < 0)
        return 0;
    return py_True;
}

static pyval file_writable(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("writable", kwnames) < 0 ||
        pyarg_count("writable", nargs, 0, 0) < 0)
        return 0;
    /* a file that cannot says so even when closed */
    if (!state_of(self)->writable)
        return py_False;
    if (check_open(self, closed_nodot) < 0)
        return 0;
    return py_True;
}

static pyval file_seekable(pyval self, const pyval *args, size_t nargs,
                           PyObj *kwnames)
{
    if (pyarg_no_keywords("seekable", kwnames) < 0 ||
        pyarg_count("seekable", nargs, 0, 0) < 0 ||
        check_open(self, closed_nodot) < 0)
        return 0;
    return pybool(lseek(state_of(self)->fd, 0, SEEK_CUR) >= 0);
}

static pyval get_closed(pyval self)
{
    return pybool(state_of(self)->closed);
}

static pyval get_name(pyval self)
{
    return file_of(self)->name;
}

static pyval get_mode(pyval self)
{
    pyval mode = file_of(self)->mode;
    if (mode == 0) /* a TextIOWrapper made directly */
        return pyerr_format(pyexc_AttributeError,
                            "'%T' object has no attribute 'mode'", self);
    return mode;
}

static pyval get_encoding(pyval self)
{
    return file_of(self)->encoding;
}

static pyval get_errors(pyval self)
{
    return file_of(self)->errors;
}

static pyval get_none(pyval self)
{
    (void)self;
    return py_None;
}

static pyval get_line_buffering(pyval self)
{
    return pybool(state_of(self)->line_buffering);
}

static pyval get_closefd(pyval self)
{
    return pybool(state_of(self)->closefd);
}


/* a text file's .buffer: a binary file on the same stream */
static pyval get_buffer(pyval self)
{
    PyFile *f = file_of(self);
    if (f->buffer != 0)
        return f->buffer;
    struct pyfile_state *st = f->st;
    pyval fields[5];
    fields[0] = f->name;
    fields[2] = fields[3] = fields[4] = py_None;
    PY_PUSHV(self);
    PY_PUSHV(fields[0]);
    fields[1] = pystr_from_cstr(pyfile_binary_mode(st, false));
    PY_POPV(fields[0]);
    if (fields[1] == 0) {
        PY_DROP();
        return 0;
    }
    __atomic_add_fetch(&st->refs, 1, __ATOMIC_ACQ_REL);
    pyval r = pyfile_make(pyfile_binary_type(st), st, fields);
    PY_POPV(self);
    if (r == 0) {
        state_release(st);
        return 0;
    }
    /* remembered: f.buffer is f.buffer */
    f = (PyFile *)pyval_obj(self);
    pyobj_write((PyObj *)f);
    f->buffer = r;
    return r;
}

/* repr() of name, mode and encoding first, each rooted: a %R of
   pystr_from_format allocates, and would leave the next values stale */
static pyval file_repr(pyval self)
{
    pyval *r = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(self);
    for (int i = 0; i < 3; i++)
        PY_PUSHV(0);
    pyval result = 0;
    bool text = is_text(self);
    bool fileio = pyval_type(self) == pytype_fileio;
    struct pyfile_state *st = state_of(self);
    bool has_mode = (text || fileio) && file_of(self)->mode != 0;
    if (fileio && st->closed) {
        result = pystr_from_cstr("<_io.FileIO [closed]>");
        goto done;
    }
    if ((r[1] = pyobj_repr(file_of(r[0])->name)) == 0)
        goto done;
    if (has_mode && (r[2] = pyobj_repr(file_of(r[0])->mode)) == 0)
        goto done;
    if (text && (r[3] = pyobj_repr(file_of(r[0])->encoding)) == 0)
        goto done;
    if (text && has_mode)
        result =
            pystr_from_format("<_io.TextIOWrapper name=%U mode=%U encoding=%U>",
                              r[1], r[2], r[3]);
    else if (text)
        result = pystr_from_format("<_io.TextIOWrapper name=%U encoding=%U>",
                                   r[1], r[3]);
    else if (fileio)
        result = pystr_from_format("<_io.FileIO name=%U mode=%U closefd=%s>",
                                   r[1], r[2], st->closefd ? "True" : "False");
    else
        result = pystr_from_format("<%s name=%U>",
                                   pytype_name(pyval_type(r[0])), r[1]);
done:
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)r;
    return result;
}

/* ------------------------------------------------------------ print() */

/* sys.<name> (0 without an exception if sys has none) */
static pyval sys_stream(const char *name)
{
    pyval sys = pydict_get_cstr(pyimport_modules(), "sys");
    if (sys == 0) {
        /* sys is made at its first import */
        pyval key = pystr_name("sys");
        sys = key ? pyimport(key, 0, 0, 0) : 0;
        if (sys == 0)
            return 0;
    }
    if (!pyval_is_obj(sys) || pyval_obj(sys)->layout != PYL_MODULE)
        return 0;
    PyModule *mod = (PyModule *)pyval_obj(sys);
    pyobj_read((PyObj *)mod);
    return pydict_get_cstr(mod->dict, name);
}

/* sys.stdout, or 0 with RuntimeError */
static pyval sys_stdout(void)
{
    pyval out = sys_stream("stdout");
    if (out == 0 && !pyerr_occurred())
        pyerr_format(pyexc_RuntimeError, "lost sys.stdout");
    return out;
}

/* s written to the file at *filep (a root) */
static int print_piece(pyval *filep, pyval s)
{
    PY_PUSHV(s);
    pyval *sp = (pyval *)pyrt_tl.shadowstack - 1;
    pyval file = *filep;
    int r;
    if (pyfile_check(file) && is_text(file)) {
        r = text_write_impl(file, sp) < 0 ? -1 : 0;
    } else {
        pyval name = pystr_name("write");
        pyval write = name ? pyobj_getattr(*filep, name) : 0;
        r = write && pyobj_call(write, sp, 1, NULL) ? 0 : -1;
    }
    PY_DROP();
    return r;
}

pyval pyfile_print(const pyval *args, size_t nargs, ssize_t sep_i,
                   ssize_t end_i, ssize_t file_i, ssize_t flush_i)
{
    pyval file = file_i >= 0 ? args[file_i] : py_None;
    if (file == py_None) {
        file = sys_stdout();
        if (file == 0)
            return 0;
        if (file == py_None)
            return py_None;
    }
    PY_PUSHV(file);
    pyval *filep = (pyval *)pyrt_tl.shadowstack - 1;
    pyval r = 0;
    for (size_t i = 0; i < nargs; i++) {
        if (i > 0) {
            pyval sep = sep_i >= 0 ? args[sep_i] : py_None;
            if (sep == py_None)
                sep = pystr_name(" ");
            if (sep == 0 || print_piece(filep, sep) < 0)
                goto done;
        }
        pyval s = pyobj_str(args[i]);
        if (s == 0 || print_piece(filep, s) < 0)
            goto done;
    }
    pyval end = end_i >= 0 ? args[end_i] : py_None;
    if (end == py_None)
        end = pystr_name("\n");
    if (end == 0 || print_piece(filep, end) < 0)
        goto done;
    if (flush_i >= 0) {
        int flush = pyobj_truth(args[flush_i]);
        if (flush < 0)
            goto done;
        if (flush) {
            if (pyfile_check(*filep)) {
                if (flush_impl(*filep) < 0)
                    goto done;
            } else {
                pyval name = pystr_name("flush");
                pyval f = name ? pyobj_getattr(*filep, name) : 0;
                if (f == 0 || pyobj_call(f, NULL, 0, NULL) == 0)
                    goto done;
            }
        }
    }
    r = py_None;
done:
    PY_DROP();
    return r;
}

/* ------------------------------------------------------------ input() */

/* file.flush() (the C flush for pystm's files) */
static int flush_any(pyval *filep)
{
    if (pyfile_check(*filep))
        return flush_impl(*filep);
    pyval name = pystr_name("flush");
    pyval f = name ? pyobj_getattr(*filep, name) : 0;
    return f != 0 && pyobj_call(f, NULL, 0, NULL) != 0 ? 0 : -1;
}

pyval pyfile_input(const pyval *args, size_t nargs)
{
    pyval *slots = (pyval *)pyrt_tl.shadowstack;
    for (int i = 0; i < 3; i++)
        PY_PUSHV(0);
    pyval r = 0;
    static const char *const names[] = {"stdin", "stdout", "stderr"};
    for (int i = 0; i < 3; i++) {
        slots[i] = sys_stream(names[i]);
        if (slots[i] == 0 || slots[i] == py_None) {
            if (!pyerr_occurred())
                pyerr_format(pyexc_RuntimeError, "input(): lost sys.%s",
                             names[i]);
            goto done;
        }
    }
    if (flush_any(&slots[2]) < 0)
        pyerr_clear(); /* as CPython: a failing stderr does not matter */
    if (nargs == 1) {
        pyval prompt = pyobj_str(args[0]);
        if (prompt == 0 || print_piece(&slots[1], prompt) < 0)
            goto done;
    }
    if (flush_any(&slots[1]) < 0)
        pyerr_clear();
    pyval line;
    if (pyfile_check(slots[0])) {
        line = read_impl(slots[0], -1, true, "read");
    } else {
        pyval name = pystr_name("readline");
        pyval m = name ? pyobj_getattr(slots[0], name) : 0;
        line = m ? pyobj_call(m, NULL, 0, NULL) : 0;
    }
    if (line == 0)
        goto done;
    if (!pyval_is_obj(line) || pyval_obj(line)->layout != PYL_STR) {
        pyerr_format(pyexc_TypeError, "object.readline() returned non-string");
        goto done;
    }
    int64_t n = pystr_nbytes(line);
    if (n == 0) {
        pyerr_format(pyexc_EOFError, "EOF when reading a line");
        goto done;
    }
    if (pystr_utf8(line)[n - 1] == '\n')
        line = pystr_substring(line, 0, pystr_length(line) - 1);
    r = line;
done:
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)slots;
    return r;
}

/* ------------------------------------------------------------ types */

static const struct pymethod_def text_methods[] = {
    {"read", file_read, 0, NULL},
    {"readline", file_readline, 0, NULL},
    {"readlines", file_readlines, 0, NULL},
    {"write", file_write, 0, NULL},
    {"writelines", file_writelines, 0, NULL},
    {"flush", file_flush, 0, NULL},
    {"close", file_close, 0, NULL},
    {"seek", file_seek, 0, NULL},
    {"tell", file_tell, 0, NULL},
    {"truncate", file_truncate, 0, NULL},
    {"fileno", file_fileno, 0, NULL},
    {"isatty", file_isatty, 0, NULL},
    {"readable", file_readable, 0, NULL},
    {"writable", file_writable, 0, NULL},
    {"seekable", file_seekable, 0, NULL},
    {"__enter__", file_enter, 0, NULL},
    {"__exit__", file_exit, 0, NULL},
    {"reconfigure", text_reconfigure, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct pymethod_def binary_methods[] = {
    {"read", file_read, 0, NULL},
    {"read1", file_read1, 0, NULL},
    {"readinto", file_readinto, 0, NULL},
    {"readline", file_readline, 0, NULL},
    {"readlines", file_readlines, 0, NULL},
    {"write", file_write, 0, NULL},
    {"writelines", file_writelines, 0, NULL},
    {"flush", file_flush, 0, NULL},
    {"close", file_close, 0, NULL},
    {"seek", file_seek, 0, NULL},
    {"tell", file_tell, 0, NULL},
    {"truncate", file_truncate, 0, NULL},
    {"fileno", file_fileno, 0, NULL},
    {"isatty", file_isatty, 0, NULL},
    {"readable", file_readable, 0, NULL},
    {"writable", file_writable, 0, NULL},
    {"seekable", file_seekable, 0, NULL},
    {"__enter__", file_enter, 0, NULL},
    {"__exit__", file_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static const struct pygetset_def text_getset[] = {
    {"closed", get_closed, NULL},
    {"name", get_name, NULL},
    {"mode", get_mode, NULL},
    {"encoding", get_encoding, NULL},
    {"errors", get_errors, NULL},
    {"newlines", get_none, NULL},
    {"line_buffering", get_line_buffering, NULL},
    {"buffer", get_buffer, NULL},
    {NULL, NULL, NULL},
};

static const struct pygetset_def binary_getset[] = {
    {"closed", get_closed, NULL},
    {"name", get_name, NULL},
    {"mode", get_mode, NULL},
    {NULL, NULL, NULL},
};

static const struct pygetset_def fileio_getset[] = {
    {"closed", get_closed, NULL}, {"name", get_name, NULL},
    {"mode", get_mode, NULL},     {"closefd", get_closefd, NULL},
    {NULL, NULL, NULL},
};

static const struct pytype_slots text_slots = {
    .repr = file_repr,
    .new_ = pyfile_textiowrapper_new,
    .iter = file_iter,
    .iternext = file_iternext,
    .methods = text_methods,
    .getset = text_getset,
};

static const struct pytype_slots binary_slots = {
    .repr = file_repr,
    .iter = file_iter,
    .iternext = file_iternext,
    .methods = binary_methods,
    .getset = binary_getset,
};

static const struct pytype_slots fileio_slots = {
    .repr = file_repr,
    .iter = file_iter,
    .iternext = file_iternext,
    .methods = binary_methods,
    .getset = fileio_getset,
};

void pyfile_setup_types(void)
{
    /* the abstract bases: io.IOBase and its three kinds (empty: they
       make isinstance() work, and StringIO/BytesIO derive from them) */
    pytype_iobase =
        pytype_new_builtin("io.IOBase", NULL, PYL_PLAIN, NULL, PYTYPE_BASETYPE);
    pytype_rawiobase = pytype_new_builtin("io.RawIOBase", NULL, PYL_PLAIN,
                                          pytype_iobase, PYTYPE_BASETYPE);
    pytype_bufferediobase = pytype_new_builtin(
        "io.BufferedIOBase", NULL, PYL_PLAIN, pytype_iobase, PYTYPE_BASETYPE);
    pytype_textiobase = pytype_new_builtin("io.TextIOBase", NULL, PYL_PLAIN,
                                           pytype_iobase, PYTYPE_BASETYPE);
    pytype_textiowrapper = pytype_new_builtin("_io.TextIOWrapper", &text_slots,
                                              PYL_FILE, pytype_textiobase, 0);
    pytype_bufferedreader =
        pytype_new_builtin("_io.BufferedReader", &binary_slots, PYL_FILE,
                           pytype_bufferediobase, 0);
    pytype_bufferedwriter =
        pytype_new_builtin("_io.BufferedWriter", &binary_slots, PYL_FILE,
                           pytype_bufferediobase, 0);
    pytype_bufferedrandom =
        pytype_new_builtin("_io.BufferedRandom", &binary_slots, PYL_FILE,
                           pytype_bufferediobase, 0);
    pytype_fileio = pytype_new_builtin("_io.FileIO", &fileio_slots, PYL_FILE,
                                       pytype_rawiobase, 0);
    stmcb_light_finalizer = file_light_finalizer;
}
