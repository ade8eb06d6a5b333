/* test_runtime.c -- the object model's foundations: strings (shape,
 * hash, index, equality, order, slicing, concatenation, interning) and
 * built-in types, checked exactly, also across collections.
 */
#include "interp/objects/abstract.h"
#include "interp/objects/exceptionobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/strobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/runtime/errors.h"
#include "interp/objects/typeobject.h"
#include "interp/runtime/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures, checks;

#define CHECK(cond)                                                          \
    do {                                                                     \
        checks++;                                                            \
        if (!(cond)) {                                                       \
            failures++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

static bool text_is(pyval s, const char *expected)
{
    return pystr_nbytes(s) == (int64_t)strlen(expected) &&
           memcmp(pystr_utf8(s), expected, strlen(expected)) == 0;
}

static void test_shapes(void)
{
    pyval a = pystr_from_cstr("abc");
    CHECK(pystr_length(a) == 3 && pystr(a)->ascii && pystr(a)->width == 1);
    /* hashes: CPython 3.11 with PYTHONHASHSEED=0 (the runner sets it) */
    CHECK(pystr(a)->hash == -4594863902769663758LL);
    pyval e = pystr_from_cstr("\xc3\xa9"); /* é: latin-1, width 1 */
    CHECK(pystr_length(e) == 1 && !pystr(e)->ascii && pystr(e)->width == 1);
    CHECK(pystr(e)->hash == 6047309291227476195LL);
    pyval euro = pystr_from_cstr("\xe2\x82\xac");
    CHECK(pystr(euro)->width == 2 &&
          pystr(euro)->hash == -5529981157763016009LL);
    pyval smile = pystr_from_cstr("\xf0\x9f\x98\x80");
    CHECK(pystr(smile)->width == 4 &&
          pystr(smile)->hash == -3536540696076613844LL);
    CHECK(pystr(pystr_from_cstr(""))->hash == 0);
}

static void test_index(void)
{
    /* 100 code points of mixed widths: index by code point */
    char buf[400];
    size_t n = 0;
    uint32_t cps[100];
    for (int i = 0; i < 100; i++) {
        uint32_t cp = i % 3 == 0   ? 'a' + i % 26
                      : i % 3 == 1 ? 0x400 + i
                                   : 0x1F600 + i;
        cps[i] = cp;
        pyval c = pystr_from_codepoint(cp);
        memcpy(buf + n, pystr_utf8(c), (size_t)pystr_nbytes(c));
        n += (size_t)pystr_nbytes(c);
    }
    pyval s = pystr_from_utf8(buf, n);
    CHECK(pystr_length(s) == 100 && pystr(s)->width == 4);
    int bad = 0;
    for (int i = 0; i < 100; i++)
        bad += pystr_char_at(s, i) != cps[i];
    CHECK(bad == 0);
    pyval sub = pystr_substring(s, 31, 66);
    CHECK(pystr_length(sub) == 35 && pystr_char_at(sub, 0) == cps[31] &&
          pystr_char_at(sub, 34) == cps[65]);
    /* survives a collection with the right contents */
    PY_PUSHV(sub);
    stm_collect(0);
    PY_POPV(sub);
    CHECK(pystr_char_at(sub, 1) == cps[32]);
}

/* compare two fresh strings (the first is rooted while the second is
   made: any allocation may move it) */
static int compare_texts(const char *x, const char *y, bool *equal)
{
    pyval a = pystr_from_cstr(x);
    PY_PUSHV(a);
    pyval b = pystr_from_cstr(y);
    PY_POPV(a);
    *equal = pystr_eq(a, b);
    return pystr_compare(a, b);
}

static void test_equality_order(void)
{
    bool eq;
    CHECK(compare_texts("hello", "hello", &eq) == 0 && eq);
    CHECK(compare_texts("hello", "hellp", &eq) < 0 && !eq);
    CHECK(compare_texts("abc", "abd", &eq) < 0);
    CHECK(compare_texts("ab", "abc", &eq) < 0 && !eq);
    CHECK(compare_texts("\xc3\xa9", "z", &eq) > 0);
    CHECK(compare_texts("x", "x", &eq) == 0 && eq);
}

static void test_concat_intern(void)
{
    pyval a = pystr_from_cstr("foo");
    PY_PUSHV(a);
    pyval b = pystr_from_cstr("\xe2\x82\xac");
    PY_POPV(a);
    pyval c = pystr_concat(a, b);
    CHECK(text_is(c, "foo\xe2\x82\xac") && pystr_length(c) == 4 &&
          pystr(c)->width == 2 && pystr_char_at(c, 3) == 0x20AC);
    int64_t hash = pystr(c)->hash;
    CHECK(hash == pystr(pystr_from_cstr("foo\xe2\x82\xac"))->hash);
    pyval i1 = pystr_intern(pystr_from_cstr("attribute"));
    PY_PUSHV(i1);
    pyval i2 = pystr_intern_utf8("attribute", 9);
    PY_POPV(i1);
    CHECK(i1 == i2);
    CHECK(pystr_from_cstr("a") == pystr_from_codepoint('a'));
}

/* repr(v) == expected; v == 0 means "an exception is set": then the
   expected text is "Type: message" */
static bool shows(pyval v, const char *expected)
{
    if (v == 0) {
        pyval exc = pyerr_fetch();
        if (exc == 0)
            return false;
        PY_PUSHV(exc);
        pyval msg = pytuple_get(((PyExc *)pyval_obj(exc))->args, 0);
        PY_POPV(exc);
        char buf[512];
        snprintf(buf, sizeof(buf), "%s: %s", pytype_name(pyval_type(exc)),
                 pystr_utf8(msg));
        if (strcmp(buf, expected) != 0) {
            fprintf(stderr, "  got %s\n", buf);
            return false;
        }
        return true;
    }
    pyval r = pyobj_repr(v);
    if (r == 0 || !text_is(r, expected)) {
        fprintf(stderr, "  got %s\n", r ? pystr_utf8(r) : "(error)");
        return false;
    }
    return true;
}

static pyval I(int64_t v)
{
    return pyint_from_int64(v);
}

/* a ** b with small operands */
static pyval power(int64_t a, int64_t b)
{
    return pynum_binop(I(a), I(b), PYOP_POW);
}

static pyval op(pyval a, pyval b, enum pybinop o)
{
    PY_PUSHV(a);
    PY_PUSHV(b);
    pyval r = pynum_binop(a, b, o);
    PY_POPV(b);
    PY_POPV(a);
    return r;
}

/* (a1 ** b1) o (a2 ** b2), the first rooted while the second is made */
static pyval op_powers(int64_t a1, int64_t b1, int64_t a2, int64_t b2,
                       enum pybinop o)
{
    pyval x = power(a1, b1);
    PY_PUSHV(x);
    pyval y = power(a2, b2);
    PY_POPV(x);
    return op(x, y, o);
}

static pyval F(double d);

static pyval op_floats(double a, double b, enum pybinop o)
{
    pyval x = F(a);
    PY_PUSHV(x);
    pyval y = F(b);
    PY_POPV(x);
    return op(x, y, o);
}

static void test_ints(void)
{
    CHECK(shows(power(2, 100), "1267650600228229401496703205376"));
    CHECK(shows(op_powers(2, 100, 2, 100, PYOP_SUB), "0"));
    CHECK(
        shows(op(I(PYINT_TAGGED_MAX), I(1), PYOP_ADD), "4611686018427387904"));
    CHECK(shows(op(op(I(PYINT_TAGGED_MAX), I(1), PYOP_ADD), I(1), PYOP_SUB),
                "4611686018427387903"));
    CHECK(pyval_is_int(
        op(op(I(PYINT_TAGGED_MAX), I(1), PYOP_ADD), I(1), PYOP_SUB)));
    CHECK(shows(op(I(-7), I(2), PYOP_FLOORDIV), "-4"));
    CHECK(shows(op(I(-7), I(2), PYOP_MOD), "1"));
    CHECK(shows(op(I(7), I(-2), PYOP_MOD), "-1"));
    CHECK(shows(op(power(10, 30), I(-7), PYOP_FLOORDIV),
                "-142857142857142857142857142858"));
    CHECK(shows(op(power(-10, 30), I(7), PYOP_MOD), "1"));
    CHECK(shows(op(I(1), I(3), PYOP_TRUEDIV), "0.3333333333333333"));
    CHECK(shows(op_powers(10, 400, 10, 399, PYOP_TRUEDIV), "10.0"));
    CHECK(shows(op(I(-1), I(70), PYOP_LSHIFT), "-1180591620717411303424"));
    CHECK(shows(op(pynum_neg(power(2, 70)), I(3), PYOP_RSHIFT),
                "-147573952589676412928"));
    CHECK(
        shows(op(power(-2, 71), I(3), PYOP_RSHIFT), "-295147905179352825856"));
    CHECK(shows(op(power(2, 70), I(-1), PYOP_AND), "1180591620717411303424"));
    CHECK(shows(op(power(2, 70), I(-3), PYOP_XOR), "-1180591620717411303427"));
    CHECK(shows(power(2, -2), "0.25"));
    CHECK(shows(op(I(1), I(0), PYOP_FLOORDIV),
                "ZeroDivisionError: integer division or modulo by zero"));
    CHECK(shows(op(I(1), I(0), PYOP_MOD),
                "ZeroDivisionError: integer modulo by zero"));
    CHECK(shows(op(I(1), I(-1), PYOP_LSHIFT),
                "ValueError: negative shift count"));
    CHECK(
        shows(op(I(1), pystr_from_cstr("a"), PYOP_ADD),
              "TypeError: unsupported operand type(s) for +: 'int' and 'str'"));
    CHECK(shows(op(pystr_from_cstr("a"), I(1), PYOP_POW),
                "TypeError: unsupported operand type(s) for ** or pow(): 'str' "
                "and 'int'"));
    int64_t h;
    pyval big = power(2, 64);
    CHECK(pyobj_hash(big, &h) == 0 && h == 8);
    CHECK(pyobj_hash(I(-1), &h) == 0 && h == -2);
    CHECK(shows(pybool(true), "True") && shows(py_None, "None"));
    CHECK(shows(op(py_True, py_True, PYOP_ADD), "2"));
}

static pyval F(double d)
{
    return pyfloat_from_double(d);
}

static void test_floats(void)
{
    CHECK(shows(F(0.1), "0.1") && shows(F(1e16), "1e+16") &&
          shows(F(-0.0), "-0.0") && shows(F(1.0 / 0.0), "inf"));
    CHECK(shows(op_floats(7.5, -2, PYOP_FLOORDIV), "-4.0"));
    CHECK(shows(op_floats(-7.5, 2, PYOP_MOD), "0.5"));
    CHECK(shows(op(F(1), I(0), PYOP_TRUEDIV),
                "ZeroDivisionError: float division by zero"));
    CHECK(shows(op(I(3), F(0.5), PYOP_MUL), "1.5"));
    pyval two70 = power(2, 70);
    PY_PUSHV(two70);
    pyval f = F(1180591620717411303424.0);
    PY_POPV(two70);
    CHECK(pyobj_richcompare(f, two70, PYCMP_EQ) == py_True);
    CHECK(pyobj_richcompare(two70, f, PYCMP_LT) == py_False);
    PY_PUSHV(two70);
    f = F(1180591620717411303424.5 + 262144.0);
    PY_POPV(two70);
    CHECK(pyobj_richcompare(f, two70, PYCMP_GT) == py_True);
    CHECK(pyobj_richcompare(F(0.0 / 0.0), I(1), PYCMP_NE) == py_True);
    CHECK(shows(
        pyobj_richcompare(I(1), pystr_from_cstr("a"), PYCMP_LT),
        "TypeError: '<' not supported between instances of 'int' and 'str'"));
    int64_t h;
    CHECK(pyobj_hash(F(1.5), &h) == 0 && h == 1152921504606846977LL);
    CHECK(pyobj_hash(F(2.0), &h) == 0 && h == 2);
}

int main(void)
{
    rewind_jmp_buf rjbuf;
    stm_setup();
    pyrt_register_thread();
    stm_rewind_jmp_enterframe(&pyrt_tl, &rjbuf);
    pyrt_setup();

    pyrt_start_transaction();
    CHECK(text_is(pyval_from_obj(pytype_str->name), "str"));
    CHECK(pytype_str->ob.type == pytype_type &&
          pytype_type->ob.type == pytype_type);
    CHECK(pytype_str->base == pytype_object && pytype_object->base == NULL);
    test_shapes();
    test_index();
    test_equality_order();
    test_concat_intern();
    test_ints();
    test_floats();
    pyrt_commit_transaction();

    /* interned strings stay unique and alive across a major collection */
    pyrt_start_transaction();
    pyval x = pystr_intern_utf8("survivor", 8);
    PY_PUSHV(x); /* the commit moves it out of the nursery */
    pyrt_commit_transaction();
    pyrt_start_transaction();
    stm_collect(1);
    PY_POPV(x);
    pyval y = pystr_intern_utf8("survivor", 8);
    CHECK(x == y && text_is(y, "survivor"));
    pyrt_commit_transaction();

    stm_rewind_jmp_leaveframe(&pyrt_tl, &rjbuf);
    pyrt_unregister_thread();
    printf("%d checks, %d failed\n", checks, failures);
    return failures != 0;
}
