/* exceptionobject.h -- BaseException and the built-in hierarchy. */
#ifndef PYSTM_EXCEPTIONOBJECT_H
#define PYSTM_EXCEPTIONOBJECT_H

#include "../runtime/object.h"
#include "codeobject.h"

typedef TLPREFIX struct pyexc_s PyExc;

struct pyexc_s {
    struct pyobj_s ob;
    pyval args;      /* tuple */
    pyval traceback; /* 0: None */
    pyval cause;     /* 0: None */
    pyval context;   /* 0: None */
    pyval dict;      /* 0 until an attribute is set (subclasses' fields) */
    int64_t suppress_context;
};

/* X(name, base) in CPython 3.11's hierarchy order */
#define PYEXC_TYPES(X)                         \
    X(BaseException, object)                   \
    X(BaseExceptionGroup, BaseException)       \
    X(GeneratorExit, BaseException)            \
    X(KeyboardInterrupt, BaseException)        \
    X(SystemExit, BaseException)               \
    X(Exception, BaseException)                \
    X(ArithmeticError, Exception)              \
    X(FloatingPointError, ArithmeticError)     \
    X(OverflowError, ArithmeticError)          \
    X(ZeroDivisionError, ArithmeticError)      \
    X(AssertionError, Exception)               \
    X(AttributeError, Exception)               \
    X(BufferError, Exception)                  \
    X(EOFError, Exception)                     \
    X(ExceptionGroup, BaseExceptionGroup)      \
    X(ImportError, Exception)                  \
    X(ModuleNotFoundError, ImportError)        \
    X(LookupError, Exception)                  \
    X(IndexError, LookupError)                 \
    X(KeyError, LookupError)                   \
    X(MemoryError, Exception)                  \
    X(NameError, Exception)                    \
    X(UnboundLocalError, NameError)            \
    X(OSError, Exception)                      \
    X(BlockingIOError, OSError)                \
    X(ChildProcessError, OSError)              \
    X(ConnectionError, OSError)                \
    X(BrokenPipeError, ConnectionError)        \
    X(ConnectionAbortedError, ConnectionError) \
    X(ConnectionRefusedError, ConnectionError) \
    X(ConnectionResetError, ConnectionError)   \
    X(FileExistsError, OSError)                \
    X(FileNotFoundError, OSError)              \
    X(InterruptedError, OSError)               \
    X(IsADirectoryError, OSError)              \
    X(NotADirectoryError, OSError)             \
    X(PermissionError, OSError)                \
    X(ProcessLookupError, OSError)             \
    X(TimeoutError, OSError)                   \
    X(ReferenceError, Exception)               \
    X(RuntimeError, Exception)                 \
    X(NotImplementedError, RuntimeError)       \
    X(RecursionError, RuntimeError)            \
    X(StopAsyncIteration, Exception)           \
    X(StopIteration, Exception)                \
    X(SyntaxError, Exception)                  \
    X(IndentationError, SyntaxError)           \
    X(TabError, IndentationError)              \
    X(SystemError, Exception)                  \
    X(TypeError, Exception)                    \
    X(ValueError, Exception)                   \
    X(UnicodeError, ValueError)                \
    X(UnicodeDecodeError, UnicodeError)        \
    X(UnicodeEncodeError, UnicodeError)        \
    X(UnicodeTranslateError, UnicodeError)     \
    X(Warning, Exception)                      \
    X(BytesWarning, Warning)                   \
    X(DeprecationWarning, Warning)             \
    X(EncodingWarning, Warning)                \
    X(FutureWarning, Warning)                  \
    X(ImportWarning, Warning)                  \
    X(PendingDeprecationWarning, Warning)      \
    X(ResourceWarning, Warning)                \
    X(RuntimeWarning, Warning)                 \
    X(SyntaxWarning, Warning)                  \
    X(UnicodeWarning, Warning)                 \
    X(UserWarning, Warning)

#define PYEXC_DECLARE_(name, base) extern PyType *pyexc_##name;
PYEXC_TYPES(PYEXC_DECLARE_)
#undef PYEXC_DECLARE_

typedef TLPREFIX struct pytraceback_s PyTraceback;

/* one frame an exception went through; tb_next goes toward where it
   was raised */
struct pytraceback_s {
    struct pyobj_s ob;
    pyval next;    /* PyTraceback or 0 */
    pyval frame;   /* the frame (its code gives file and name) */
    int64_t lasti; /* the instruction */
    int64_t lineno;
};

extern PyType *pytype_traceback;

/* prepends an entry for (frame, lasti) to exc's traceback */
int pyexc_add_traceback(pyval exc, pyval frame, int64_t lasti);
void pytraceback_gc_trace(struct pyobj_s *o, void visit(object_t **));
/* tracebackobject.c: tb_frame, tb_next, tb_lineno; an entry's source
   line and CPython's indicator line under it (the columns of instruction
   'lasti') */
extern const struct pytype_slots pytraceback_slots;
void pytb_print_source(const char *file, int64_t lineno, PyCode *code,
                       int64_t lasti);
/* writes CPython's report of an uncaught exception to stderr: the
   chained ones first, then "Traceback (most recent call last):", the
   entries, and "Type: message" */
void pyexc_print(pyval exc);

/* an exception instance of 'type' with these args (a tuple) */
pyval pyexc_new(PyType *type, pyval args);

size_t pyexc_gc_size(struct pyobj_s *o);
void pyexc_gc_trace(struct pyobj_s *o, void visit(object_t **));
/* outside transactions: the types */
void pyexc_setup_types(void);

#endif
