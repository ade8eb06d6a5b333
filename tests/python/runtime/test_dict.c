/* test_dict.c -- dict, set and frozenset checked exactly against CPython:
 * a replay of the operation sequences of gen_dict_cases.py (expected
 * reprs, orders and errors computed by python3), then hand-made checks
 * of what the generator cannot express (recursive reprs, mutation during
 * iteration and during a comparison, the C API, big tables).
 *
 *   test_dict CASES          the replay and the checks
 *   test_dict --bench        ns per insert / lookup (doc/pystm-dict.md)
 *
 * Prints "N passed, N failed"; exits 1 if any failed.  Run it under
 * STMGC_GC_STRESS=1 and STMGC_NURSERY=16384 STMGC_POISON_NURSERY=1 too
 * (build_dict.sh does).
 */
#include "interp/objects/abstract.h"
#include "interp/objects/dictobject.h"
#include "interp/objects/exceptionobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/setobject.h"
#include "interp/objects/strobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/objects/typeobject.h"
#include "interp/runtime/errors.h"
#include "interp/runtime/reprguard.h"
#include "interp/runtime/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* a shadow-stack slot read or written as a value (stmgc writes it as a
   pointer: the type may alias) */
typedef pyval __attribute__((may_alias)) slotval;

static int passed, failed;

static void fail_at(int line, const char *what, const char *got,
                    const char *want)
{
    failed++;
    if (failed <= 30)
        fprintf(stderr, "line %d: %s\n  got  %s\n  want %s\n", line, what, got,
                want);
}

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond) {                                                          \
            passed++;                                                        \
        } else {                                                             \
            failed++;                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

/* ------------------------------------------------------------ helpers */

static char *repr_text(pyval v)
{
    pyval r = pyobj_repr(v);
    if (r == 0)
        return NULL;
    return strndup(pystr_utf8(r), (size_t)pystr_nbytes(r));
}

/* what the generator prints for a result: repr, or E:Type:message */
static char *result_text(pyval v)
{
    if (v != 0)
        return repr_text(v);
    pyval exc = pyerr_fetch();
    if (exc == 0)
        return strdup("(no result, no exception)");
    PY_PUSHV(exc);
    pyval args = ((PyExc *)pyval_obj(exc))->args;
    char *msg;
    if (pytuple_size(args) == 0) {
        msg = strdup("");
    } else {
        pyval a = pytuple_get(args, 0);
        bool keyerr = pyval_type(exc) == pyexc_KeyError;
        if (!keyerr && pyval_type(a) == pytype_str)
            msg = strndup(pystr_utf8(a), (size_t)pystr_nbytes(a));
        else
            msg = repr_text(a);
    }
    PY_POPV(exc);
    if (msg == NULL) {
        pyerr_clear();
        msg = strdup("(repr failed)");
    }
    const char *tn = pytype_name(pyval_type(exc));
    char *out = malloc(strlen(tn) + strlen(msg) + 4);
    sprintf(out, "E:%s:%s", tn, msg);
    free(msg);
    return out;
}

static bool shows(pyval v, const char *want, int line)
{
    char *got = result_text(v);
    bool ok = got && strcmp(got, want) == 0;
    if (ok)
        passed++;
    else
        fail_at(line, "result", got ? got : "(null)", want);
    free(got);
    return ok;
}

static const struct pymethod_def *find_method(PyType *t, const char *name)
{
    for (; t != NULL; t = t->base) {
        const struct pymethod_def *m = t->slots->methods;
        for (; m && m->name; m++) {
            if (strcmp(m->name, name) == 0)
                return m;
        }
    }
    return NULL;
}

static pyval call_method(pyval self, const char *name, const pyval *args,
                         size_t nargs)
{
    PyType *t = pyval_obj(self)->layout == PYL_TYPE ? (PyType *)pyval_obj(self)
                                                    : pyval_type(self);
    const struct pymethod_def *m = find_method(t, name);
    if (m == NULL)
        return pyerr_format(pyexc_AttributeError, "no method %s", name);
    return m->fn(self, args, nargs, NULL);
}

/* ------------------------------------------------------------ the replay */

#define NREGS 10
static slotval *regs; /* NREGS rooted slots (on the shadow stack) */

#define REG(i) regs[i]

/* an operand: r<n>, i<int>, s<text>, or "dict"/"set"/"frozenset" */
static pyval operand(const char *tok)
{
    if (strcmp(tok, "dict") == 0)
        return pyval_from_obj((PyObj *)pytype_dict);
    if (strcmp(tok, "set") == 0)
        return pyval_from_obj((PyObj *)pytype_set);
    if (strcmp(tok, "frozenset") == 0)
        return pyval_from_obj((PyObj *)pytype_frozenset);
    if (tok[0] == 'r')
        return REG(atoi(tok + 1));
    if (tok[0] == 'i')
        return pyint_from_int64(strtoll(tok + 1, NULL, 10));
    if (tok[0] == 's')
        return pystr_from_cstr(tok + 1);
    fprintf(stderr, "bad operand %s\n", tok);
    exit(2);
}

/* pushes operands f[0..n) on the shadow stack: the returned array is
   kept up to date by the GC until pop_operands(n) */
static slotval *push_operands(char **f, int n)
{
    slotval *base = (slotval *)pyrt_tl.shadowstack;
    for (int i = 0; i < n; i++) {
        pyval v = operand(f[i]);
        PY_PUSHV(v);
    }
    return base;
}

static void pop_operands(int n)
{
    pyrt_tl.shadowstack -= n;
}

static int binop_of(const char *s)
{
    switch (s[0]) {
    case '|':
        return PYOP_OR;
    case '&':
        return PYOP_AND;
    case '-':
        return PYOP_SUB;
    default:
        return PYOP_XOR;
    }
}

static int cmp_of(const char *s)
{
    static const char *names[] = {"<", "<=", "==", "!=", ">", ">="};
    for (int i = 0; i < 6; i++) {
        if (strcmp(s, names[i]) == 0)
            return i;
    }
    return PYCMP_EQ;
}

/* "[a, b]" of what iterating v gives */
static pyval iterate_text(pyval it)
{
    size_t len = 1, cap = 64;
    char *buf = malloc(cap);
    buf[0] = '[';
    bool first = true;
    for (;;) {
        PY_PUSHV(it);
        pyval x = pyiter_next(it);
        char *s = x ? repr_text(x) : NULL;
        PY_POPV(it);
        if (x == 0 || s == NULL) {
            if (pyerr_occurred()) {
                free(buf);
                return 0;
            }
            break;
        }
        size_t sl = strlen(s);
        if (len + sl + 4 > cap) {
            cap = (len + sl + 4) * 2;
            buf = realloc(buf, cap);
        }
        if (!first)
            memcpy(buf + len, ", ", 2), len += 2;
        first = false;
        memcpy(buf + len, s, sl);
        len += sl;
        free(s);
    }
    buf[len++] = ']';
    /* a str whose repr is the text itself: mark it by a prefix */
    pyval r = pystr_from_utf8(buf, len);
    free(buf);
    return r;
}

/* runs one line; the result's text is compared by the caller */
static char *run_line(char **f, int n)
{
    const char *op = f[0];
    pyval r = 0;
    bool raw = false; /* r is already the text (a str) */
    if (strcmp(op, "reset") == 0) {
        for (int i = 0; i < NREGS; i++)
            REG(i) = 0;
        return strdup("");
    }
    if (strcmp(op, "set") == 0 || strcmp(op, "frozenset") == 0 ||
        strcmp(op, "tuple") == 0) {
        slotval *v = push_operands(f + 2, n - 2);
        pyval t = pytuple_new(n - 2);
        for (int i = 0; i < n - 2; i++)
            pytuple_init_item(t, i, v[i]);
        pop_operands(n - 2);
        r = op[0] == 't' ? t : op[0] == 's' ? pyset_new(t) : pyfrozenset_new(t);
        REG(atoi(f[1] + 1)) = r;
    } else if (strcmp(op, "pairs") == 0) {
        int np = (n - 2) / 2;
        slotval *v = push_operands(f + 2, n - 2);
        pyval t = pytuple_new(np);
        PY_PUSHV(t);
        for (int i = 0; i < np; i++) {
            pyval p = pytuple_pack(2, v[2 * i], v[2 * i + 1]);
            pyval tt = ((slotval *)pyrt_tl.shadowstack)[-1];
            pytuple_init_item(tt, i, p);
        }
        PY_POPV(t);
        pop_operands(n - 2);
        r = t;
        REG(atoi(f[1] + 1)) = r;
    } else if (strcmp(op, "dict") == 0) {
        slotval *v = push_operands(f + 2, n - 2);
        r = pydict_new();
        PY_PUSHV(r);
        for (int i = 2; i + 1 < n; i += 2) {
            if (pydict_set(r, v[i - 2], v[i - 1]) < 0)
                break;
            r = ((slotval *)pyrt_tl.shadowstack)[-1];
        }
        PY_POPV(r);
        pop_operands(n - 2);
        REG(atoi(f[1] + 1)) = r;
    } else if (strcmp(op, "new") == 0) {
        PyType *t = (PyType *)pyval_obj(operand(f[2]));
        slotval *v = push_operands(f + 3, n - 3);
        r = t->slots->new_(t, v, (size_t)(n - 3), NULL);
        if (r != 0 && t->slots->init) {
            PY_PUSHV(r);
            int rc = t->slots->init(r, v, (size_t)(n - 3), NULL);
            PY_POPV(r);
            if (rc < 0)
                r = 0;
        }
        pop_operands(n - 3);
        if (r)
            REG(atoi(f[1] + 1)) = r;
    } else if (strcmp(op, "call") == 0) {
        slotval *v = push_operands(f + 2, 1);
        push_operands(f + 4, n - 4);
        r = call_method(v[0], f[3], v + 1, (size_t)(n - 4));
        pop_operands(n - 3);
        if (r != 0 && f[1][0] == 'r')
            REG(atoi(f[1] + 1)) = r;
    } else if (strcmp(op, "binop") == 0 || strcmp(op, "keysop") == 0) {
        pyval a = operand(f[2]), b = operand(f[4]);
        if (op[0] == 'k') {
            PY_PUSHV(b);
            a = call_method(a, "keys", NULL, 0);
            PY_POPV(b);
            if (pydict_check(b)) {
                PY_PUSHV(a);
                b = call_method(b, "keys", NULL, 0);
                PY_POPV(a);
            }
        }
        r = pynum_binop(a, b, binop_of(f[3]));
        if (r)
            REG(atoi(f[1] + 1)) = r;
    } else if (strncmp(op, "view", 4) == 0) {
        /* viewop VIEW R D OP B swap / viewcmp VIEW D OP B /
           viewdisjoint VIEW D B */
        bool isop = strcmp(op, "viewop") == 0;
        const char *view = f[1];
        int di = isop ? 3 : 2;
        int bi = strcmp(op, "viewdisjoint") == 0 ? 3 : di + 2;
        slotval *v = push_operands(f + di, 1);
        push_operands(f + bi, 1);
        v[0] = call_method(v[0], view, NULL, 0);
        if (pydict_check(v[1]))
            v[1] = call_method(v[1], view, NULL, 0);
        if (isop && strcmp(f[6], "swap") == 0)
            r = pynum_binop(v[1], v[0], binop_of(f[4]));
        else if (isop)
            r = pynum_binop(v[0], v[1], binop_of(f[4]));
        else if (op[4] == 'c')
            r = pyobj_richcompare(v[0], v[1], cmp_of(f[3]));
        else
            r = call_method(v[0], "isdisjoint", v + 1, 1);
        pop_operands(2);
        if (r && isop)
            REG(atoi(f[2] + 1)) = r;
    } else if (strcmp(op, "inplace") == 0) {
        r = pynum_inplace(operand(f[1]), operand(f[3]), binop_of(f[2]));
        if (r)
            REG(atoi(f[1] + 1)) = r;
    } else if (strcmp(op, "cmp") == 0) {
        r = pyobj_richcompare(operand(f[1]), operand(f[3]), cmp_of(f[2]));
    } else if (strcmp(op, "hash") == 0) {
        int64_t h;
        r = pyobj_hash(operand(f[1]), &h) < 0 ? 0 : pyint_from_int64(h);
    } else if (strcmp(op, "len") == 0) {
        int64_t l = pyobj_len(operand(f[1]));
        r = l < 0 ? 0 : pyint_from_int64(l);
    } else if (strcmp(op, "in") == 0) {
        slotval *v = push_operands(f + 1, 2);
        int c = pyobj_contains(v[0], v[1]);
        pop_operands(2);
        r = c < 0 ? 0 : pybool(c);
    } else if (strcmp(op, "show") == 0) {
        r = operand(f[1]);
    } else if (strcmp(op, "iter") == 0 || strcmp(op, "rev") == 0) {
        pyval x = operand(f[1]);
        pyval it = op[0] == 'i' ? pyobj_iter(x)
                                : call_method(x, "__reversed__", NULL, 0);
        r = it ? iterate_text(it) : 0;
        raw = r != 0;
    } else if (strcmp(op, "setitem") == 0 || strcmp(op, "delitem") == 0 ||
               strcmp(op, "getitem") == 0) {
        slotval *v = push_operands(f + 1, n - 1);
        int rc = 0;
        if (op[0] == 's')
            rc = pyobj_setitem(v[0], v[1], v[2]);
        else if (op[0] == 'd')
            rc = pyobj_delitem(v[0], v[1]);
        else
            r = pyobj_getitem(v[0], v[1]);
        if (op[0] != 'g')
            r = rc < 0 ? 0 : v[0];
        pop_operands(n - 1);
    } else {
        fprintf(stderr, "unknown op %s\n", op);
        exit(2);
    }
    if (raw)
        return strndup(pystr_utf8(r), (size_t)pystr_nbytes(r));
    return result_text(r);
}

static void dump_regs(void)
{
    for (int i = 0; i < NREGS; i++) {
        pyval v = REG(i);
        if (!pyset_check_any(v))
            continue;
        PySet *so = pyset(v);
        fprintf(stderr, "r%d %p fill %ld used %ld mask %ld table %p:", i,
                (void *)(uintptr_t)so, (long)so->fill, (long)so->used,
                (long)so->mask, (void *)(uintptr_t)so->table);
        PySetTable *t = (PySetTable *)so->table;
        for (int64_t j = 0; t && j <= so->mask; j++)
            fprintf(stderr, " %lx/%lx", (long)t->entry[j].hash & 0xff,
                    (long)t->entry[j].key);
        fprintf(stderr, "\n");
    }
}

static void replay(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        perror(path);
        exit(2);
    }
    regs = (slotval *)pyrt_tl.shadowstack;
    for (int i = 0; i < NREGS; i++)
        PY_PUSHV(0);
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    int ops = 0;
    while (getline(&line, &cap, fp) > 0) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        char *f[512];
        int n = 0;
        char *save = NULL;
        for (char *p = line; n < 512;) {
            char *tab = strchr(p, '\t');
            if (tab)
                *tab = 0;
            f[n++] = p;
            if (!tab)
                break;
            p = tab + 1;
        }
        (void)save;
        const char *want = f[n - 1] + 1; /* after '=' */
        if (getenv("DUMP_AT") && atoi(getenv("DUMP_AT")) == lineno)
            dump_regs();
        char *got = run_line(f, n - 1);
        if (strcmp(f[0], "reset") != 0) {
            if (strcmp(got, want) == 0)
                passed++;
            else
                fail_at(lineno, f[0], got, want);
        }
        free(got);
        /* break the transaction now and then, as the VM does */
        if (++ops % 64 == 0) {
            pyrt_commit_transaction();
            pyrt_start_transaction();
        }
    }
    free(line);
    fclose(fp);
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)regs;
}

/* ------------------------------------------------------------ checks */

static pyval S(const char *s)
{
    return pystr_from_cstr(s);
}

static pyval I(int64_t v)
{
    return pyint_from_int64(v);
}

#define TOP(n) (((slotval *)pyrt_tl.shadowstack)[-(n)])

static void test_mutation_during_iteration(void)
{
    /* D and IT live on the shadow stack: re-read after every call */
#define D  TOP(2)
#define IT TOP(1)
    PY_PUSHV(pydict_new());
    PY_PUSHV(0);
    for (int i = 0; i < 5; i++)
        pydict_set(D, I(i), I(i * 10));
    IT = pyobj_iter(D);
    CHECK(pyiter_next(IT) == I(0));
    pydict_set(D, I(99), I(1));
    CHECK(shows(pyiter_next(IT),
                "E:RuntimeError:dictionary changed size during iteration",
                __LINE__));
    /* sticky */
    CHECK(shows(pyiter_next(IT),
                "E:RuntimeError:dictionary changed size during iteration",
                __LINE__));
    /* same size, other keys */
    pydict_del(D, I(99));
    IT = pyobj_iter(D);
    CHECK(pyiter_next(IT) == I(0));
    for (int i = 0; i < 5; i++)
        pydict_del(D, I(i));
    for (int i = 10; i < 15; i++)
        pydict_set(D, I(i), I(i));
    /* the table was rebuilt: the new keys are at positions 0..4 and the
       iterator goes on from position 1 (CPython does the same) */
    CHECK(pyiter_next(IT) == I(11));
    CHECK(pyiter_next(IT) == I(12));
    CHECK(pyiter_next(IT) == I(13));
    CHECK(pyiter_next(IT) == I(14));
    CHECK(pyiter_next(IT) == 0 && pyerr_occurred() == 0);
    /* one more key found than expected: {1: 1, 2: 2}, del 1, add 3 */
    pydict_clear(D);
    pydict_set(D, I(1), I(1));
    pydict_set(D, I(2), I(2));
    IT = pyobj_iter(D);
    CHECK(pyiter_next(IT) == I(1));
    pydict_del(D, I(1));
    pydict_set(D, I(3), I(3));
    CHECK(pyiter_next(IT) == I(2));
    CHECK(shows(pyiter_next(IT),
                "E:RuntimeError:dictionary keys changed during iteration",
                __LINE__));
    CHECK(pyiter_next(IT) == 0 && pyerr_occurred() == 0);
    /* reversed: keys 2, 3 left */
    IT = call_method(D, "__reversed__", NULL, 0);
    CHECK(pyiter_next(IT) == I(3));
    CHECK(pyiter_next(IT) == I(2));
    CHECK(pyiter_next(IT) == 0 && pyerr_occurred() == 0);
    /* sets */
    D = pyset_new(0);
    pyset_add(D, I(1));
    pyset_add(D, I(2));
    IT = pyobj_iter(D);
    CHECK(pyiter_next(IT) == I(1));
    pyset_add(D, I(3));
    CHECK(shows(pyiter_next(IT),
                "E:RuntimeError:Set changed size during iteration", __LINE__));
    PY_DROP();
    PY_DROP();
#undef D
#undef IT
}

static void test_recursive_reprs(void)
{
    /* R(i): rooted slots, re-read after every call */
    slotval *base = (slotval *)pyrt_tl.shadowstack;
#define R(i) base[i]
    for (int i = 0; i < 4; i++)
        PY_PUSHV(0);
    R(0) = pydict_new();
    R(1) = S("self");
    pydict_set(R(0), R(1), R(0));
    CHECK(shows(R(0), "{'self': {...}}", __LINE__));
    /* d['v'] = d.values(): the view shows ... inside itself */
    pydict_clear(R(0));
    R(2) = call_method(R(0), "values", NULL, 0);
    R(1) = S("v");
    pydict_set(R(0), R(1), R(2));
    CHECK(shows(R(0), "{'v': dict_values([...])}", __LINE__));
    /* the same set twice in a dict: no false "already shown" */
    R(0) = pydict_new();
    R(3) = pyset_new(0);
    pyset_add(R(3), I(1));
    pydict_set(R(0), I(1), R(3));
    pydict_set(R(0), I(2), R(3));
    CHECK(shows(R(0), "{1: {1}, 2: {1}}", __LINE__));
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)base;
#undef R
}

/* a key type whose __eq__ empties a container: lookups restart */
static slotval *victim; /* a rooted slot holding the container, or NULL */
static int evil_calls;

static int evil_hash(pyval v, int64_t *out)
{
    *out = 7;
    return 0;
}

static pyval evil_richcompare(pyval a, pyval b, enum pycmpop op)
{
    evil_calls++;
    if (victim != NULL) {
        if (pydict_check(*victim))
            pydict_clear(*victim);
        else
            pyset_clear(*victim);
        victim = NULL;
    }
    /* allocate, so that a missing root shows under GC stress */
    pyval junk = pytuple_new(50);
    (void)junk;
    return pybool(false);
}

static const struct pytype_slots evil_slots = {.hash = evil_hash,
                                               .richcompare = evil_richcompare};
static PyType *evil_type;

static pyval new_evil(void)
{
    return pyval_from_obj(
        pyobj_alloc(sizeof(struct pyobj_s), PYL_PLAIN, evil_type));
}

static void test_mutation_during_compare(void)
{
    slotval *base = (slotval *)pyrt_tl.shadowstack;
#define R(i) base[i]
    for (int i = 0; i < 3; i++)
        PY_PUSHV(0);
    R(0) = pydict_new();
    R(1) = new_evil();
    pydict_set(R(0), R(1), I(1));
    R(2) = new_evil();
    victim = &R(0);
    evil_calls = 0;
    pyval r = pyobj_getitem(R(0), R(2));
    CHECK(r == 0 && pyerr_matches(pyexc_KeyError) && evil_calls == 1);
    pyerr_clear();
    CHECK(pydict_len(R(0)) == 0);
    /* set add: the table changed under the probe: it starts again */
    R(0) = pyset_new(0);
    pyset_add(R(0), R(1));
    victim = &R(0);
    evil_calls = 0;
    CHECK(pyset_add(R(0), R(2)) == 0 && evil_calls == 1);
    CHECK(pyset_len(R(0)) == 1 && pyset_contains(R(0), R(2)) == 1);
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)base;
#undef R
}

static void test_set_as_key(void)
{
    slotval *base = (slotval *)pyrt_tl.shadowstack;
#define R(i) base[i]
    for (int i = 0; i < 3; i++)
        PY_PUSHV(0);
    /* {1} in {frozenset({1})} */
    R(0) = pyset_new(0);
    pyset_add(R(0), I(1));
    R(1) = pyfrozenset_new(R(0));
    R(2) = pyset_new(0);
    pyset_add(R(2), R(1));
    CHECK(pyset_contains(R(2), R(0)) == 1);
    CHECK(pyset_discard(R(2), R(0)) == 1);
    CHECK(pyset_len(R(2)) == 0);
    /* the error of an unhashable key that is not a set is kept */
    R(1) = pydict_new();
    CHECK(shows(pyset_contains(R(2), R(1)) < 0 ? 0 : py_None,
                "E:TypeError:unhashable type: 'dict'", __LINE__));
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)base;
#undef R
}

static void test_c_api(void)
{
    pyval d = pydict_new();
    PY_PUSHV(d);
    const int N = 3000;
    for (int i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof(name), "k%d", i);
        d = ((slotval *)pyrt_tl.shadowstack)[-1];
        pydict_set_cstr(d, name, I(i));
    }
    d = ((slotval *)pyrt_tl.shadowstack)[-1];
    CHECK(pydict_len(d) == N);
    int bad = 0;
    for (int i = 0; i < N; i += 7) {
        char name[32];
        snprintf(name, sizeof(name), "k%d", i);
        d = ((slotval *)pyrt_tl.shadowstack)[-1];
        pyval v = pydict_get_cstr(d, name);
        bad += v != I(i);
    }
    CHECK(bad == 0);
    d = ((slotval *)pyrt_tl.shadowstack)[-1];
    CHECK(pydict_get_cstr(d, "nope") == 0 && pyerr_occurred() == 0);
    /* delete the even ones: order of the rest kept */
    for (int i = 0; i < N; i += 2) {
        char name[32];
        snprintf(name, sizeof(name), "k%d", i);
        d = ((slotval *)pyrt_tl.shadowstack)[-1];
        pyval k = pystr_from_cstr(name);
        d = ((slotval *)pyrt_tl.shadowstack)[-1];
        if (pydict_del(d, k) < 0)
            bad++;
    }
    d = ((slotval *)pyrt_tl.shadowstack)[-1];
    int64_t pos = 0, expect = 1;
    pyval key, value;
    while (pydict_next(d, &pos, &key, &value)) {
        bad += value != I(expect);
        expect += 2;
    }
    CHECK(bad == 0 && expect == N + 1);
    pyval c = pydict_copy(d);
    d = ((slotval *)pyrt_tl.shadowstack)[-1];
    CHECK(pydict_len(c) == N / 2 && pyobj_eq(c, d) == 1);
    /* popitem is LIFO */
    PY_PUSHV(c);
    pyval p = call_method(c, "popitem", NULL, 0);
    CHECK(shows(p, "('k2999', 2999)", __LINE__));
    PY_POPV(c);
    d = ((slotval *)pyrt_tl.shadowstack)[-1];
    CHECK(pyobj_eq(c, d) == 0);
    PY_POPV(d);
    /* a big set of ints keeps them all */
    pyval s = pyset_new(0);
    PY_PUSHV(s);
    for (int i = 0; i < 20000; i += 3) {
        s = ((slotval *)pyrt_tl.shadowstack)[-1];
        pyset_add(s, I(i * 8));
    }
    s = ((slotval *)pyrt_tl.shadowstack)[-1];
    bad = 0;
    for (int i = 0; i < 20000; i++)
        bad += pyset_contains(s, I(i * 8)) != (i % 3 == 0);
    CHECK(bad == 0 && pyset_len(s) == 6667);
    PY_POPV(s);
}

/* ------------------------------------------------------------ bench */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void bench(void)
{
    const int N = 1000000;
    pyval d = pydict_new();
    PY_PUSHV(d);
    double t0 = now();
    for (int i = 0; i < N; i++)
        pydict_set(((slotval *)pyrt_tl.shadowstack)[-1], I(i), I(i));
    double t1 = now();
    int64_t sum = 0;
    for (int r = 0; r < 5; r++)
        for (int i = 0; i < N; i++)
            sum += pyval_int(
                pydict_get(((slotval *)pyrt_tl.shadowstack)[-1], I(i)));
    double t2 = now();
    printf("dict int keys: insert %.1f ns/op, lookup %.1f ns/op (sum %ld)\n",
           (t1 - t0) * 1e9 / N, (t2 - t1) * 1e9 / (5.0 * N), (long)sum);
    PY_POPV(d);
    /* str keys, made beforehand and kept in a tuple */
    pyval keys = pytuple_new(N);
    PY_PUSHV(keys);
    for (int i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof(name), "key%d", i);
        pyval k = pystr_from_cstr(name);
        pytuple_init_item(((slotval *)pyrt_tl.shadowstack)[-1], i, k);
    }
    d = pydict_new();
    PY_PUSHV(d);
    t0 = now();
    for (int i = 0; i < N; i++) {
        slotval *ss = (slotval *)pyrt_tl.shadowstack;
        pydict_set(ss[-1], pytuple_get(ss[-2], i), I(i));
    }
    t1 = now();
    for (int r = 0; r < 5; r++)
        for (int i = 0; i < N; i++) {
            slotval *ss = (slotval *)pyrt_tl.shadowstack;
            sum += pyval_int(pydict_get(ss[-1], pytuple_get(ss[-2], i)));
        }
    t2 = now();
    printf("dict str keys: insert %.1f ns/op, lookup %.1f ns/op\n",
           (t1 - t0) * 1e9 / N, (t2 - t1) * 1e9 / (5.0 * N));
    PY_POPV(d);
    pyval s = pyset_new(0);
    PY_PUSHV(s);
    t0 = now();
    for (int i = 0; i < N; i++)
        pyset_add(((slotval *)pyrt_tl.shadowstack)[-1], I(i));
    t1 = now();
    for (int r = 0; r < 5; r++)
        for (int i = 0; i < N; i++)
            sum += pyset_contains(((slotval *)pyrt_tl.shadowstack)[-1], I(i));
    t2 = now();
    printf("set int keys: add %.1f ns/op, contains %.1f ns/op\n",
           (t1 - t0) * 1e9 / N, (t2 - t1) * 1e9 / (5.0 * N));
    PY_POPV(s);
    PY_POPV(keys);
}

/* An abort puts the repr guard back as the transaction found it: d is
   entered in one transaction, left in the next, which aborts; after the
   restart d is being shown again.  (Called between transactions.) */
static void test_reprguard_abort(void)
{
    pyrt_start_transaction();
    PY_PUSHV(pydict_new());
    CHECK(pyreprguard_enter(TOP(1)) == 0);
    pyrt_commit_transaction();
    volatile long restarts = stm_start_transaction(&pyrt_tl);
    if (restarts == 0) {
        pyreprguard_leave(TOP(1));
        CHECK(pyreprguard_enter(TOP(1)) == 0);
        pyreprguard_leave(TOP(1));
        stm_abort_transaction();
    }
    CHECK(restarts == 1);
    CHECK(pyreprguard_enter(TOP(1)) == 1);
    pyreprguard_leave(TOP(1));
    CHECK(pyreprguard_enter(TOP(1)) == 0);
    pyreprguard_leave(TOP(1));
    PY_DROP();
    pyrt_commit_transaction();
}

int main(int argc, char **argv)
{
    rewind_jmp_buf rjbuf;
    stm_setup();
    pyrt_register_thread();
    stm_rewind_jmp_enterframe(&pyrt_tl, &rjbuf);
    /* this test's own types, then the runtime's (which finishes every
       built-in type in its setup transaction) */
    evil_type = pytype_new_builtin("evil", &evil_slots, PYL_PLAIN, NULL, 0);
    pyrt_setup();

    pyrt_start_transaction();
    if (argc > 1 && strcmp(argv[1], "--bench") == 0) {
        bench();
        pyrt_commit_transaction();
        return 0;
    }
    if (argc > 1)
        replay(argv[1]);
    test_recursive_reprs();
    test_mutation_during_iteration();
    test_mutation_during_compare();
    test_set_as_key();
    test_c_api();
    pyrt_commit_transaction();
    test_reprguard_abort();

    stm_rewind_jmp_leaveframe(&pyrt_tl, &rjbuf);
    pyrt_unregister_thread();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
