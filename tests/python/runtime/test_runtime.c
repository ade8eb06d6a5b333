/* test_runtime.c -- the object model's foundations: strings (shape,
 * hash, index, equality, order, slicing, concatenation, interning) and
 * built-in types, checked exactly, also across collections.
 */
#include "interp/objects/strobject.h"
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
