/* errors.c -- the current exception and pyerr_format's message builder
 * (see errors.h).
 */
#include "errors.h"

#include "../objects/abstract.h"
#include "../objects/exceptionobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pythreadstate_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pythreadstate_s *ts = (struct pythreadstate_s *)o;
    pyval_visit(&ts->curexc, visit);
    pyval_visit(&ts->handled, visit);
    pyval_visit(&ts->frame, visit);
}

static void set_current(pyval exc)
{
    PyThreadState *ts = pythreadstate();
    pyobj_write((PyObj *)ts);
    ts->curexc = exc;
}

pyval pyerr_occurred(void)
{
    return pythreadstate()->curexc;
}

pyval pyerr_fetch(void)
{
    pyval exc = pythreadstate()->curexc;
    if (exc != 0)
        set_current(0);
    return exc;
}

void pyerr_clear(void)
{
    pyerr_fetch();
}

bool pyerr_matches(PyType *type)
{
    pyval exc = pythreadstate()->curexc;
    return exc != 0 && pytype_is_subtype(pyval_type(exc), type);
}

void pyerr_set(pyval exc)
{
    if (pyval_is_obj(exc) && pyval_obj(exc)->layout == PYL_TYPE) {
        /* a class: instantiate it with no arguments */
        PyType *type = (PyType *)pyval_obj(exc);
        exc = pyexc_new(type, pytuple_empty);
    }
    set_current(exc);
}

void pyerr_set_none(PyType *type)
{
    set_current(pyexc_new(type, pytuple_empty));
}

/* A growable C buffer for messages. */
struct msgbuf {
    char *data;
    size_t len, cap;
};

static void put(struct msgbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *data = realloc(b->data, cap);
        if (data == NULL)
            return; /* the message is cut short; MemoryError comes next */
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

/* the text of a str value (or of repr/str of any value) */
static bool put_value(struct msgbuf *b, pyval v, char how)
{
    if (how == 'T') {
        const char *name = pytype_name(pyval_type(v));
        put(b, name, strlen(name));
        return true;
    }
    pyval s = v;
    if (how == 'R')
        s = pyobj_repr(v);
    else if (how == 'S')
        s = pyobj_str(v);
    if (s == 0)
        return false;
    put(b, pystr_utf8(s), (size_t)pystr_nbytes(s));
    return true;
}

/* fmt's text into b; false if repr() or str() of an argument failed */
static bool format_into(struct msgbuf *b_, const char *fmt, va_list ap)
{
#define b (*b_)
    put(&b, "", 0);
    bool ok = true;
    for (const char *p = fmt; *p && ok;) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            put(&b, p, n);
            p += n;
            continue;
        }
        /* a directive: %T %U %R %S take a pyval, the rest printf's */
        char c = p[1];
        if (c == 'T' || c == 'U' || c == 'R' || c == 'S') {
            ok = put_value(&b, va_arg(ap, pyval), c);
            p += 2;
            continue;
        }
        if (c == '%') {
            put(&b, "%", 1);
            p += 2;
            continue;
        }
        char spec[16], out[64];
        size_t k = 0;
        spec[k++] = *p++;
        while (*p && strchr("0123456789.-lzh", *p) && k < 12)
            spec[k++] = *p++;
        spec[k++] = *p;
        spec[k] = 0;
        char conv = *p++;
        int n = 0;
        if (conv == 's') {
            const char *s = va_arg(ap, const char *);
            put(&b, s, strlen(s));
            continue;
        } else if (conv == 'c') {
            n = snprintf(out, sizeof(out), "%c", va_arg(ap, int));
        } else if (strstr(spec, "ll")) {
            n = snprintf(out, sizeof(out), spec, va_arg(ap, long long));
        } else if (strchr(spec, 'l') || strchr(spec, 'z')) {
            n = snprintf(out, sizeof(out), spec, va_arg(ap, long));
        } else {
            n = snprintf(out, sizeof(out), spec, va_arg(ap, int));
        }
        put(&b, out, (size_t)(n < 0 ? 0 : n));
    }
    return ok;
#undef b
}

/* the str made from fmt, or 0 with an exception */
static pyval vformat_str(const char *fmt, va_list ap)
{
    struct msgbuf b = {NULL, 0, 0};
    bool ok = format_into(&b, fmt, ap);
    if (!ok) { /* repr() of an argument failed: that error wins */
        free(b.data);
        return 0;
    }
    pyval msg = pystr_from_utf8(b.data ? b.data : "", b.len);
    free(b.data);
    return msg;
}

pyval pystr_from_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pyval s = vformat_str(fmt, ap);
    va_end(ap);
    return s;
}

pyval pyerr_format(PyType *type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pyval msg = vformat_str(fmt, ap);
    va_end(ap);
    if (msg == 0)
        return 0;
    pyval args = pytuple_pack(1, msg);
    set_current(pyexc_new(type, args));
    return 0;
}

pyval pyerr_no_memory(void)
{
    /* no allocation may work now: a prebuilt instance would be better;
       until then the type is raised with empty args */
    set_current(pyexc_new(pyexc_MemoryError, pytuple_empty));
    return 0;
}
