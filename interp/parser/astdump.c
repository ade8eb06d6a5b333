/* ast.dump() for pystm's AST: walks the reflection tables of ast.c and
   prints Python's repr of every value.  Python's rules reproduced here:
   an optional field that is None is left out, lists always print; ints
   print in decimal whatever their base (exact, any size); floats use the
   shortest digits that read back to the same double, in Python's
   fixed/exponent layout; strings and bytes use repr's quote choice and
   escapes. */
#include "astdump.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tokenizer.h"

typedef struct obuf {
    char *d;
    size_t n, cap;
} obuf;

static void ob_add(obuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *d = realloc(b->d, cap);
        if (!d) {
            fprintf(stderr, "pystm: out of memory in astdump\n");
            abort();
        }
        b->d = d;
        b->cap = cap;
    }
    memcpy(b->d + b->n, s, n);
    b->n += n;
    b->d[b->n] = 0;
}

static void ob_str(obuf *b, const char *s)
{
    ob_add(b, s, strlen(s));
}

/* ---- numbers ---- */

/* decimal digits of a big integer given in base 2, 8, 10 or 16 */
static void int_repr(obuf *b, const char *digits, size_t n, int base)
{
    while (n > 1 && *digits == '0')
        digits++, n--;
    if (base == 10) {
        ob_add(b, digits, n);
        return;
    }
    /* little-endian limbs of 10^9 */
    size_t cap = n / 2 + 2, used = 1;
    uint32_t *limbs = calloc(cap, sizeof *limbs);
    if (!limbs)
        abort();
    for (size_t i = 0; i < n; i++) {
        char c = digits[i];
        uint64_t carry = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        for (size_t k = 0; k < used; k++) {
            uint64_t v = (uint64_t)limbs[k] * base + carry;
            limbs[k] = (uint32_t)(v % 1000000000);
            carry = v / 1000000000;
        }
        if (carry)
            limbs[used++] = (uint32_t)carry;
    }
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%u", limbs[used - 1]);
    ob_str(b, tmp);
    for (size_t k = used - 1; k-- > 0;) {
        snprintf(tmp, sizeof tmp, "%09u", limbs[k]);
        ob_str(b, tmp);
    }
    free(limbs);
}

/* repr(float); without ".0" for whole numbers when `dot0` is false (the
   imaginary part of a complex) */
static void float_repr(obuf *b, double v, bool dot0)
{
    if (isinf(v)) {
        ob_str(b, v < 0 ? "-inf" : "inf");
        return;
    }
    if (isnan(v)) {
        ob_str(b, "nan");
        return;
    }
    char buf[64];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* buf is [-]d[.ddd]e[+-]XX */
    char digs[32];
    int nd = 0;
    const char *s = buf;
    bool neg = *s == '-';
    if (neg)
        s++;
    for (; *s && *s != 'e'; s++)
        if (*s != '.')
            digs[nd++] = *s;
    int exp = atoi(s + 1);
    while (nd > 1 && digs[nd - 1] == '0')
        nd--;
    if (v == 0)
        nd = 1, exp = 0;
    int decpt = exp + 1;
    if (neg)
        ob_str(b, "-");
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            ob_str(b, "0.");
            for (int i = 0; i < -decpt; i++)
                ob_str(b, "0");
            ob_add(b, digs, nd);
        } else if (decpt >= nd) {
            ob_add(b, digs, nd);
            for (int i = nd; i < decpt; i++)
                ob_str(b, "0");
            if (dot0)
                ob_str(b, ".0");
        } else {
            ob_add(b, digs, decpt);
            ob_str(b, ".");
            ob_add(b, digs + decpt, nd - decpt);
        }
    } else {
        ob_add(b, digs, 1);
        if (nd > 1) {
            ob_str(b, ".");
            ob_add(b, digs + 1, nd - 1);
        }
        snprintf(buf, sizeof buf, "e%c%02d", decpt - 1 < 0 ? '-' : '+',
                 abs(decpt - 1));
        ob_str(b, buf);
    }
}

/* ---- strings ---- */

static void str_repr(obuf *b, const char *s, size_t n, bool bytes)
{
    bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
    char quote = sq && !dq ? '"' : '\'';
    char tmp[16];
    if (bytes)
        ob_str(b, "b");
    ob_add(b, &quote, 1);
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    while (p < e) {
        uint32_t c = *p;
        int len = 1;
        if (c >= 0x80 && !bytes) {
            len = pytok_utf8_decode(p, e - p, &c, 1);
            if (len == 0)
                len = 1, c = *p;
        }
        p += len;
        if (c == (uint32_t)quote || c == '\\') {
            tmp[0] = '\\', tmp[1] = (char)c;
            ob_add(b, tmp, 2);
        } else if (c == '\t') {
            ob_str(b, "\\t");
        } else if (c == '\n') {
            ob_str(b, "\\n");
        } else if (c == '\r') {
            ob_str(b, "\\r");
        } else if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80)) {
            snprintf(tmp, sizeof tmp, "\\x%02x", c);
            ob_str(b, tmp);
        } else if (c < 0x80 || pytok_is_printable(c)) {
            ob_add(b, (const char *)p - len, len);
        } else if (c < 0x100) {
            snprintf(tmp, sizeof tmp, "\\x%02x", c);
            ob_str(b, tmp);
        } else if (c < 0x10000) {
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            ob_str(b, tmp);
        } else {
            snprintf(tmp, sizeof tmp, "\\U%08x", c);
            ob_str(b, tmp);
        }
    }
    ob_add(b, &quote, 1);
}

static void const_repr(obuf *b, const pyast_constant *c)
{
    switch (c->kind) {
    case PYAST_CONST_NONE:
        ob_str(b, "None");
        break;
    case PYAST_CONST_TRUE:
        ob_str(b, "True");
        break;
    case PYAST_CONST_FALSE:
        ob_str(b, "False");
        break;
    case PYAST_CONST_ELLIPSIS:
        ob_str(b, "Ellipsis");
        break;
    case PYAST_CONST_INT:
        int_repr(b, c->s, c->len, c->base);
        break;
    case PYAST_CONST_FLOAT:
        float_repr(b, c->f, true);
        break;
    case PYAST_CONST_COMPLEX:
        float_repr(b, c->f, false);
        ob_str(b, "j");
        break;
    case PYAST_CONST_STR:
        str_repr(b, c->s, c->len, false);
        break;
    case PYAST_CONST_BYTES:
        str_repr(b, c->s, c->len, true);
        break;
    }
}

char *pyast_constant_repr(const pyast_constant *c)
{
    obuf b = {0};
    const_repr(&b, c);
    return b.d;
}

/* ---- nodes ---- */

static void dump(obuf *b, const pyast_node *n, bool attrs);

static void dump_field(obuf *b, const pyast_node *n, const pyast_field *f,
                       bool attrs)
{
    const char *base = (const char *)n + f->offset;
    const pyast_seq *seq;
    switch (f->type) {
    case PYAST_F_NODE:
    case PYAST_F_NODE_OPT:
        dump(b, *(pyast_node *const *)base, attrs);
        break;
    case PYAST_F_NODES:
    case PYAST_F_IDENTS:
    case PYAST_F_CMPOPS:
        seq = *(pyast_seq *const *)base;
        ob_str(b, "[");
        for (int i = 0; i < PYAST_SEQ_LEN(seq); i++) {
            if (i)
                ob_str(b, ", ");
            if (f->type == PYAST_F_NODES) {
                dump(b, PYAST_SEQ_GET(seq, i), attrs);
            } else if (f->type == PYAST_F_IDENTS) {
                const char *s = PYAST_SEQ_GET(seq, i);
                str_repr(b, s, strlen(s), false);
            } else {
                ob_str(b, pyast_cmpop_name(PYAST_SEQ_OP(seq, i)));
                ob_str(b, "()");
            }
        }
        ob_str(b, "]");
        break;
    case PYAST_F_IDENT:
    case PYAST_F_IDENT_OPT:
    case PYAST_F_STR_OPT: {
        const char *s = *(const char *const *)base;
        if (s)
            str_repr(b, s, strlen(s), false);
        else
            ob_str(b, "None");
        break;
    }
    case PYAST_F_INT: {
        char tmp[24];
        snprintf(tmp, sizeof tmp, "%d", *(const int *)base);
        ob_str(b, tmp);
        break;
    }
    case PYAST_F_CONST:
        const_repr(b, (const pyast_constant *)base);
        break;
    case PYAST_F_CTX:
        ob_str(b, pyast_ctx_name(*(const int *)base));
        ob_str(b, "()");
        break;
    case PYAST_F_BOOLOP:
        ob_str(b, pyast_boolop_name(*(const int *)base));
        ob_str(b, "()");
        break;
    case PYAST_F_OPERATOR:
        ob_str(b, pyast_operator_name(*(const int *)base));
        ob_str(b, "()");
        break;
    case PYAST_F_UNARYOP:
        ob_str(b, pyast_unaryop_name(*(const int *)base));
        ob_str(b, "()");
        break;
    }
}

static bool field_is_none(const pyast_node *n, const pyast_field *f)
{
    const char *base = (const char *)n + f->offset;
    switch (f->type) {
    case PYAST_F_NODE_OPT:
    case PYAST_F_IDENT_OPT:
    case PYAST_F_STR_OPT:
        return *(void *const *)base == NULL;
    default:
        return false;
    }
}

static void dump(obuf *b, const pyast_node *n, bool attrs)
{
    if (!n) {
        ob_str(b, "None");
        return;
    }
    const pyast_kind_desc *d = pyast_kind_info(n->kind);
    if (!d) {
        ob_str(b, "?");
        return;
    }
    ob_str(b, d->name);
    ob_str(b, "(");
    bool first = true;
    for (int i = 0; i < d->nfields; i++) {
        const pyast_field *f = &d->fields[i];
        if (field_is_none(n, f))
            continue;
        if (!first)
            ob_str(b, ", ");
        first = false;
        ob_str(b, f->name);
        ob_str(b, "=");
        dump_field(b, n, f, attrs);
    }
    if (attrs && d->has_position) {
        char tmp[128];
        snprintf(tmp, sizeof tmp,
                 "%slineno=%d, col_offset=%d, end_lineno=%d, "
                 "end_col_offset=%d",
                 first ? "" : ", ", n->lineno, n->col_offset, n->end_lineno,
                 n->end_col_offset);
        ob_str(b, tmp);
    }
    ob_str(b, ")");
}

void pyast_dump(FILE *out, const pyast_node *node, bool include_attributes)
{
    obuf b = {0};
    dump(&b, node, include_attributes);
    if (b.d)
        fwrite(b.d, 1, b.n, out);
    free(b.d);
}
