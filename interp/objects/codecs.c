/* codecs.c -- str.encode() and bytes.decode() for the built-in codecs
 * (utf-8, ascii, latin-1 and their aliases) with the built-in error
 * handlers, and the messages of UnicodeEncodeError / UnicodeDecodeError.
 *
 * The UTF-8 work is runtime/utf8.c's; encoding to any codec is
 * strmethods.c's pystr_encode().  As in CPython, an unknown error
 * handler name is only an error when a handler is needed: the text is
 * first converted strictly, and a failure then becomes the LookupError.
 */
#include "bytesobject.h"

#include "../runtime/errors.h"
#include "../runtime/utf8.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "intobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the value k entries down the shadow stack (1: the top) */
#define ROOT(k) ((pyval)(uintptr_t)pyrt_tl.shadowstack[-(k)].ss)

enum codec { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1 };

/* the codec named 'name' (Python's normalization: case, '-' and ' ' as
   '_'), or -1 */
static int codec_named(const char *name)
{
    char n[64];
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < sizeof(n); p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        n[k++] = c == '-' || c == ' ' ? '_' : c;
    }
    n[k] = 0;
    static const char *const names[][10] = {
        [CODEC_UTF8] = {"utf_8", "utf8", "u8", "utf", "cp65001", NULL},
        [CODEC_ASCII] = {"ascii", "us_ascii", "646", NULL},
        [CODEC_LATIN1] = {"latin_1", "latin1", "iso_8859_1", "iso8859_1",
                          "8859", "cp819", "latin", "l1", "iso_ir_100", NULL},
    };
    for (int c = 0; c < 3; c++)
        for (int i = 0; names[c][i] != NULL; i++)
            if (strcmp(n, names[c][i]) == 0)
                return c;
    return -1;
}

static const char *const codec_names[] = {"utf-8", "ascii", "latin-1"};

static void unknown_handler(const char *errors)
{
    pyerr_clear();
    pyerr_format(pyexc_LookupError, "unknown error handler name '%s'", errors);
}

pyval pycodec_encode(pyval s, const char *encoding, const char *errors)
{
    struct pyutf8_buf out = {NULL, 0, 0};
    bool known = pyutf8_handler_from_name(errors) >= 0;
    if (pystr_encode(s, encoding, known ? errors : "strict", &out) < 0) {
        free(out.data);
        if (!known && pyerr_matches(pyexc_UnicodeEncodeError))
            unknown_handler(errors);
        return 0;
    }
    pyval r = pybytes_from_data(out.data, (int64_t)out.len);
    free(out.data);
    return r;
}

static void decode_error(const char *codec, const uint8_t *data, int64_t n,
                         int64_t start, int64_t end, const char *reason)
{
    pyval obj = pybytes_from_data(data, n);
    if (obj == 0)
        return;
    PY_PUSHV(obj);
    pyval enc = pystr_from_cstr(codec);
    PY_PUSHV(enc);
    pyval why = pystr_from_cstr(reason);
    PY_PUSHV(why);
    pyval args = pytuple_pack(5, ROOT(2), ROOT(3), pyval_from_int(start),
                              pyval_from_int(end), ROOT(1));
    pyrt_tl.shadowstack -= 3;
    if (args != 0)
        pyerr_set(pyexc_new(pyexc_UnicodeDecodeError, args));
}

static bool put_cp(struct pyutf8_buf *out, uint32_t cp)
{
    if (!pyutf8_buf_reserve(out, 4))
        return false;
    out->len += (size_t)pyutf8_put(out->data + out->len, cp);
    return true;
}

/* ascii and latin-1: one code point per byte, bytes >= limit are errors */
static enum pyutf8_status decode_8bit(const uint8_t *in, int64_t n,
                                      unsigned limit, int handler,
                                      struct pyutf8_buf *out,
                                      struct pyutf8_error *err)
{
    for (int64_t i = 0; i < n; i++) {
        uint8_t c = in[i];
        bool ok = true;
        if (c < limit) {
            ok = put_cp(out, c);
        } else {
            switch (handler) {
            case PYUTF8_IGNORE:
                break;
            case PYUTF8_REPLACE:
                ok = put_cp(out, 0xFFFD);
                break;
            case PYUTF8_SURROGATEESCAPE:
                ok = put_cp(out, 0xDC00 + c);
                break;
            case PYUTF8_BACKSLASHREPLACE: {
                char tmp[8];
                snprintf(tmp, sizeof(tmp), "\\x%02x", c);
                for (int k = 0; k < 4 && ok; k++)
                    ok = put_cp(out, (uint8_t)tmp[k]);
                break;
            }
            case PYUTF8_XMLCHARREFREPLACE:
                return PYUTF8_BAD_HANDLER;
            default:
                err->start = (size_t)i;
                err->end = (size_t)i + 1;
                err->reason = "ordinal not in range(128)";
                return PYUTF8_ERROR;
            }
        }
        if (!ok)
            return PYUTF8_NOMEM;
    }
    return PYUTF8_OK;
}

pyval pycodec_decode(const uint8_t *data, int64_t n, const char *encoding,
                     const char *errors)
{
    int codec = codec_named(encoding);
    if (codec < 0)
        return pyerr_format(pyexc_LookupError, "unknown encoding: %s",
                            encoding);
    int handler = pyutf8_handler_from_name(errors);
    bool known = handler >= 0;
    if (!known)
        handler = PYUTF8_STRICT;
    struct pyutf8_buf out = {NULL, 0, 0};
    struct pyutf8_error err;
    enum pyutf8_status st;
    if (codec == CODEC_UTF8)
        st = pyutf8_decode(data, (size_t)n, (enum pyutf8_handler)handler, true,
                           &out, NULL, NULL, &err);
    else
        st = decode_8bit(data, n, codec == CODEC_ASCII ? 0x80 : 0x100, handler,
                         &out, &err);
    pyval r = 0;
    if (st == PYUTF8_OK) {
        r = pystr_from_utf8(out.data ? (const char *)out.data : "", out.len);
    } else if (st == PYUTF8_NOMEM) {
        pyerr_no_memory();
    } else if (st == PYUTF8_BAD_HANDLER) {
        pyerr_format(pyexc_TypeError,
                     "don't know how to handle UnicodeDecodeError in error "
                     "callback");
    } else if (!known) {
        unknown_handler(errors);
    } else {
        decode_error(codec_names[codec], data, n, (int64_t)err.start,
                     (int64_t)err.end, err.reason);
    }
    free(out.data);
    return r;
}

pyval pycodec_not_str(const char *fname, const char *param, pyval v)
{
    if (v == py_None)
        return pyerr_format(pyexc_TypeError,
                            "%s() argument '%s' must be str, not None", fname,
                            param);
    return pyerr_format(pyexc_TypeError,
                        "%s() argument '%s' must be str, not %T", fname, param,
                        v);
}

pyval pystr_decode_args(pyval obj, pyval encoding, pyval errors)
{
    pyval a[2] = {encoding, errors};
    static const char *const names[] = {"encoding", "errors"};
    char text[2][64] = {"utf-8", "strict"};
    for (int i = 0; i < 2; i++) {
        if (a[i] == 0)
            continue;
        if (!(pyval_is_obj(a[i]) && pyval_obj(a[i])->layout == PYL_STR))
            return pycodec_not_str("str", names[i], a[i]);
        snprintf(text[i], sizeof(text[i]), "%s", pystr_utf8(a[i]));
    }
    struct pybuf b;
    pybuf_get(obj, &b);
    uint8_t *copy = malloc((size_t)b.n + 1);
    if (copy == NULL)
        return pyerr_no_memory();
    memcpy(copy, b.p, (size_t)b.n);
    pyval r = pycodec_decode(copy, b.n, text[0], text[1]);
    free(copy);
    return r;
}

/* ------------------------------------------------------------ messages */

static bool is_str(pyval v)
{
    return pyval_is_obj(v) && pyval_obj(v)->layout == PYL_STR;
}

pyval pycodec_error_attr(pyval exc, pyval name)
{
    static const char *const fields[] = {"encoding", "object", "start", "end",
                                         "reason"};
    pyval args = ((PyExc *)pyval_obj(exc))->args;
    if (pytuple_size(args) != 5)
        return 0;
    const char *text = pystr_utf8(name);
    for (int i = 0; i < 5; i++)
        if (strcmp(text, fields[i]) == 0)
            return pytuple_get(args, i);
    return 0;
}

pyval pycodec_error_str(pyval exc)
{
    pyval args = ((PyExc *)pyval_obj(exc))->args;
    if (pytuple_size(args) != 5)
        return 0;
    pyval enc = pytuple_get(args, 0), obj = pytuple_get(args, 1);
    pyval vstart = pytuple_get(args, 2), vend = pytuple_get(args, 3);
    pyval reason = pytuple_get(args, 4);
    bool encode = pytype_is_subtype(pyval_type(exc), pyexc_UnicodeEncodeError);
    if (!is_str(enc) || !is_str(reason) || !pyval_is_int(vstart) ||
        !pyval_is_int(vend) || (encode ? !is_str(obj) : !pybytes_check(obj)))
        return 0;
    int64_t start = pyval_int(vstart), end = pyval_int(vend);
    int64_t len = encode ? pystr_length(obj) : pybytes_size(obj);
    char buf[512];
    if (start >= 0 && start < len && end == start + 1) {
        if (encode) {
            uint32_t cp = pystr_char_at(obj, start);
            const char *fmt = cp <= 0xff     ? "\\x%02x"
                              : cp <= 0xffff ? "\\u%04x"
                                             : "\\U%08x";
            char ch[16];
            snprintf(ch, sizeof(ch), fmt, cp);
            snprintf(buf, sizeof(buf),
                     "'%.100s' codec can't encode character '%s' in "
                     "position %lld: %.300s",
                     pystr_utf8(enc), ch, (long long)start, pystr_utf8(reason));
        } else {
            snprintf(buf, sizeof(buf),
                     "'%.100s' codec can't decode byte 0x%02x in position "
                     "%lld: %.300s",
                     pystr_utf8(enc), (uint8_t)pybytes_data(obj)[start],
                     (long long)start, pystr_utf8(reason));
        }
    } else {
        snprintf(buf, sizeof(buf),
                 "'%.100s' codec can't %s %s in position %lld-%lld: %.300s",
                 pystr_utf8(enc), encode ? "encode" : "decode",
                 encode ? "characters" : "bytes", (long long)start,
                 (long long)(end - 1), pystr_utf8(reason));
    }
    return pystr_from_cstr(buf);
}
