/* fileobject.h -- file objects: what open() returns (io.TextIOWrapper,
 * io.BufferedReader/Writer/Random, io.FileIO) and sys.stdin/stdout/stderr
 * (design: doc/pystm.md, "I/O").
 *
 * A file object is a small heap object (name, mode, encoding, errors,
 * newline: only reconfigure() changes the last three) pointing to a C state
 * (struct pyfile_state) that owns a C stdio stream: its buffer lives in C
 * memory and is freed when the file is closed, or when the object dies (a light
 * finalizer).  Every operation on the stream makes the transaction inevitable
 * first, so the C state only changes in the one transaction that can never
 * abort. sys.stdout is the C `stdout` stream, so print() and sys.stdout.write()
 * share one buffer and their output stays in order.
 */
#ifndef PYSTM_FILEOBJECT_H
#define PYSTM_FILEOBJECT_H

#include "../runtime/object.h"
#include "typeobject.h"

#include <stdio.h>

typedef TLPREFIX struct pyfile_s PyFile;

/* how a text file splits and translates lines (open()'s newline=) */
enum pyfile_newline {
    PYNL_UNIVERSAL,    /* None: \n, \r, \r\n end lines, read as \n */
    PYNL_UNTRANSLATED, /* '': the same ends, kept as they are */
    PYNL_LF,
    PYNL_CR,
    PYNL_CRLF,
};

struct pyfile_state {
    FILE *fp;
    int fd;      /* what fileno() says (fp may use a dup of it) */
    int refs;    /* objects pointing here (a text file and its .buffer) */
    int last_op; /* PYFILE_OP_*: stdio needs a seek between the two */
    bool readable, writable, appending;
    bool closed;
    bool closefd;
    bool standard;       /* stdin/stdout/stderr: flushed, never fclose'd */
    bool regular;        /* a regular file: seeks back within it work */
    bool utf8;           /* text codec is UTF-8 (the fast path of writes) */
    bool bom;            /* utf-8-sig: a byte order mark at the start */
    bool line_buffering; /* flushed at each newline (buffering=1, a tty) */
    uint8_t newline;     /* enum pyfile_newline */
};

#define PYFILE_OP_NONE  0
#define PYFILE_OP_READ  1
#define PYFILE_OP_WRITE 2

/* PYL_FILE */
struct pyfile_s {
    struct pyobj_s ob;
    struct pyfile_state *st; /* C memory, set once when made */
    pyval name;              /* str, bytes or int */
    pyval mode;              /* str */
    pyval encoding;          /* text: str; binary: None */
    pyval errors;            /* text: str; binary: None */
    pyval newline;           /* text: str or None; binary: None */
    pyval buffer;            /* text: its .buffer once asked for, or 0 */
};

extern PyType *pytype_textiowrapper, *pytype_bufferedreader,
    *pytype_bufferedwriter, *pytype_bufferedrandom, *pytype_fileio;
/* io.IOBase, io.RawIOBase, io.BufferedIOBase, io.TextIOBase */
extern PyType *pytype_iobase, *pytype_rawiobase, *pytype_bufferediobase,
    *pytype_textiobase;

static inline bool pyfile_check(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_FILE;
}

/* open(file, mode, buffering, encoding, errors, newline, closefd,
   opener) */
pyval pyfile_open(pyval self, const pyval *args, size_t nargs, PyObj *kwnames);
/* io.TextIOWrapper(buffer, ...) */
pyval pyfile_textiowrapper_new(PyType *type, const pyval *args, size_t nargs,
                               PyObj *kwnames);
/* sys.stdin (0), sys.stdout (1), sys.stderr (2) */
pyval pyfile_standard_stream(int fd);
/* print()'s output: args[0..nargs) joined by args[sep_i], then
   args[end_i], to args[file_i] (or sys.stdout); an index < 0 means
   absent */
pyval pyfile_print(const pyval *args, size_t nargs, ssize_t sep_i,
                   ssize_t end_i, ssize_t file_i, ssize_t flush_i);
/* input()'s work (args[0], if nargs is 1, is the prompt): the prompt
   written to sys.stdout, a line read from sys.stdin */
pyval pyfile_input(const pyval *args, size_t nargs);
/* io.UnsupportedOperation(message) raised; 0 */
pyval pyfile_unsupported(const char *message);

/* ---- shared by fileobject.c and fileopen.c ---- */
/* a file object of 'type' on st; fields: name, mode, encoding, errors,
   newline (rooted by the caller, or immortal) */
pyval pyfile_make(PyType *type, struct pyfile_state *st, pyval *fields);
/* the Buffered* type and FileIO's mode string of a binary file */
PyType *pyfile_binary_type(const struct pyfile_state *st);
const char *pyfile_binary_mode(const struct pyfile_state *st, bool created);
/* encoding names (Python's normalization) */
bool pyfile_codec_is_utf8(const char *name);
bool pyfile_codec_is_utf8_sig(const char *name);
/* newline= (None or a str) as enum pyfile_newline, or ValueError */
int pyfile_newline_mode(pyval v, uint8_t *out);
/* a str's text into out (truncated to size - 1 bytes) */
void pyfile_copy_name(pyval s, char *out, size_t size);
/* an __index__ argument as an int64 */
int pyfile_int_arg(pyval v, int64_t *out);

void pyfile_gc_trace(struct pyobj_s *o, void visit(object_t **));
/* outside transactions, before pytype_finish_builtins() */
void pyfile_setup_types(void);

#endif
