/* typeobject.c -- type objects: the built-in ones (prebuilt before the
 * first transaction, completed in it), their names, bases and MRO, and
 * attribute lookup along the MRO.
 */
#include "typeobject.h"
#include "genericalias.h"
#include "metaclass.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "dictobject.h"
#include "exceptionobject.h"
#include "funcobject.h"
#include "classobject.h"
#include "strobject.h"
#include "tupleobject.h"
#include "../runtime/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PyType *pytype_type;
PyType *pytype_object;

/* built-in types waiting for pytype_finish_builtins() */
struct builtin {
    PyType *type;
    const char *name;
    PyType *base;
};
static struct builtin builtins[256];
static int nb_builtins;
static struct pytype_s *type_template;

static const struct pytype_slots no_slots;

static void fatal(const char *what, const char *name)
    __attribute__((noreturn, cold));
static void fatal(const char *what, const char *name)
{
    fprintf(stderr, "pystm: fatal: %s %s\n", what, name);
    exit(1);
}

static PyType *prebuilt_type(struct pytype_s *template, const char *name,
                             PyType *base)
{
    if (nb_builtins == (int)(sizeof(builtins) / sizeof(builtins[0])))
        fatal("too many built-in types at", name);
    template->version = pytype_new_version();
    PyType *t = (PyType *)stm_setup_prebuilt((object_t *)(uintptr_t) template);
    builtins[nb_builtins++] = (struct builtin){t, name, base};
    return t;
}

/* Outside transactions: a bare prebuilt type; its type is 'type' (the
   template's reference to type's template becomes one to its copy). */
PyType *pytype_new_builtin(const char *name, const struct pytype_slots *slots,
                           enum pylayout instance_layout, PyType *base,
                           uint32_t flags)
{
    if (type_template == NULL) {
        type_template = calloc(1, sizeof(*type_template));
        if (type_template == NULL)
            fatal("out of memory making type", "type");
        type_template->ob.layout = PYL_TYPE;
        type_template->ob.type = (PyType *)(uintptr_t)type_template;
        type_template->slots = &pytype_type_slots;
        type_template->instance_layout = PYL_TYPE;
        type_template->tflags = PYTYPE_BASETYPE | PYTYPE_TYPE_SUB;
        pytype_type = prebuilt_type(type_template, "type", NULL);
    }
    if (strcmp(name, "type") == 0)
        return pytype_type;
    struct pytype_s *t = calloc(1, sizeof(*t));
    if (t == NULL)
        fatal("out of memory making type", name);
    t->ob.layout = PYL_TYPE;
    t->ob.type = (PyType *)(uintptr_t)type_template;
    t->slots = slots ? slots : &no_slots;
    t->instance_layout = (uint16_t)instance_layout;
    t->tflags = flags;
    return prebuilt_type(t, name, base);
}

/* In the setup transaction, once str and dict work: names, bases, and
   dicts holding the C methods. */
void pytype_finish_builtins(void)
{
    for (int i = 0; i < nb_builtins; i++) {
        struct builtin *b = &builtins[i];
        pyval name = pystr_intern_utf8(b->name, strlen(b->name));
        PyType *t = b->type;
        pyobj_write((PyObj *)t);
        t->name = pyval_obj(name);
        t->qualname = pyval_obj(name);
        t->base = b->base                    ? b->base
                  : b->type == pytype_object ? NULL
                                             : pytype_object;
        pyval dict = pydict_new();
        t = b->type;
        pyobj_write((PyObj *)t);
        t->dict = pyval_obj(dict);
        const struct pymethod_def *m = t->slots->methods;
        for (; m && m->name; m++) {
            pyval key = pystr_intern_utf8(m->name, strlen(m->name));
            PY_PUSHV(key);
            pyval d = pybuiltin_descriptor(m, b->type);
            PY_POPV(key);
            pydict_set(pyval_from_obj(b->type->dict), key, d);
        }
        const struct pygetset_def *g = b->type->slots->getset;
        for (; g && g->name; g++) {
            pyval key = pystr_intern_utf8(g->name, strlen(g->name));
            PY_PUSHV(key);
            pyval d = pygetset_descriptor(g, b->type);
            PY_POPV(key);
            pydict_set(pyval_from_obj(b->type->dict), key, d);
        }
        pyslot_add_wrappers(b->type);
    }
    /* __bases__ and __mro__: the chain of single bases */
    for (int i = 0; i < nb_builtins; i++) {
        PyType *t = builtins[i].type, *chain[16];
        int n = 0;
        for (PyType *k = t; k != NULL && n < 16; k = k->base)
            chain[n++] = k;
        pyval mro = pytuple_new(n);
        for (int k = 0; mro && k < n; k++)
            pytuple_init_item(mro, k, pyval_from_obj((PyObj *)chain[k]));
        PY_PUSHV(mro);
        pyval bases = n > 1 ? pytuple_pack(1, pyval_from_obj((PyObj *)t->base))
                            : pytuple_new(0);
        PY_POPV(mro);
        t = builtins[i].type;
        pyobj_write((PyObj *)t);
        t->mro = pyval_obj(mro);
        t->bases = pyval_obj(bases);
    }
    pytype_modified(); /* nothing found before this counts */
}

/* ------------------------------------------------------------ method cache

   pytype_lookup() answers from a per-thread cache keyed by (type
   version, name).  Versions are unique and never change; any change to
   a class's namespace bumps the global epoch instead, which empties
   every cache at once (classes rarely change after they are made).  A
   transaction that changed a class bumps it again when it commits, so
   no other thread keeps an answer from before the commit.  Entries only
   hold interned names and values that no longer move. */

static uint64_t version_counter;
uint64_t pytype_epoch = 1;
static __thread bool changed_classes;

#define MCACHE_SIZE 4096

struct mcache_entry {
    uint64_t version, epoch;
    pyval name, value;
};
static __thread struct mcache_entry mcache[MCACHE_SIZE];

uint64_t pytype_new_version(void)
{
    return __atomic_add_fetch(&version_counter, 1, __ATOMIC_RELAXED);
}

void pytype_modified(void)
{
    __atomic_add_fetch(&pytype_epoch, 1, __ATOMIC_SEQ_CST);
    changed_classes = true;
}

void pytype_after_commit(void)
{
    if (changed_classes) {
        changed_classes = false;
        __atomic_add_fetch(&pytype_epoch, 1, __ATOMIC_SEQ_CST);
    }
}

static pyval lookup_uncached(PyType *t, pyval name);

pyval pytype_lookup(PyType *t, pyval name)
{
    uint64_t e = pytype_cache_epoch();
    uint64_t version = t->version;
    struct mcache_entry *m =
        &mcache[(version * 0x9E3779B1u ^ (name >> 4)) & (MCACHE_SIZE - 1)];
    if (m->version == version && m->name == name && m->epoch == e)
        return m->value;
    PY_PUSHV(name);
    pyval v = lookup_uncached(t, name);
    PY_POPV(name);
    if ((v != 0 || !pyerr_occurred()) && version != 0 &&
        (pyval_obj(name)->flags & PYOBJ_INTERNED) &&
        !stm_can_move((object_t *)name) &&
        (!pyval_is_obj(v) || !stm_can_move((object_t *)v))) {
        m->version = version;
        m->name = name;
        m->value = v;
        m->epoch = e;
    }
    return v;
}

/* the attribute 'name' (an interned str) found along the type's bases,
   or 0 (no exception) */
static pyval lookup_uncached(PyType *t, pyval name)
{
    pyobj_read((PyObj *)t);
    if (t->mro != NULL) {
        pyval mro = pyval_from_obj(t->mro);
        int64_t n = pytuple_size(mro);
        PY_PUSHV(mro);
        PY_PUSHV(name);
        for (int64_t i = 0; i < n; i++) {
            PyType *k = (PyType *)pyval_obj(
                pytuple_get((pyval)pyrt_tl.shadowstack[-2].ss, i));
            pyobj_read((PyObj *)k);
            if (k->dict == NULL)
                continue;
            pyval v = pydict_get_str(pyval_from_obj(k->dict),
                                     (pyval)pyrt_tl.shadowstack[-1].ss);
            if (v != 0 || pyerr_occurred()) {
                pyrt_tl.shadowstack -= 2;
                return v;
            }
        }
        pyrt_tl.shadowstack -= 2;
        return 0;
    }
    for (; t != NULL; t = t->base) {
        pyobj_read((PyObj *)t);
        if (t->dict == NULL)
            continue;
        pyval v = pydict_get_str(pyval_from_obj(t->dict), name);
        if (v != 0 || pyerr_occurred())
            return v;
    }
    return 0;
}

/* object.__getattribute__ for objects without instance attributes:
   what the type provides, bound through its descriptor protocol */
pyval pyobj_generic_getattr(pyval v, pyval name)
{
    PyType *t = pyval_type(v);
    PY_PUSHV(v);
    pyval found = pytype_lookup(t, name);
    PY_POPV(v);
    if (found == 0)
        return 0;
    pyval (*get)(pyval, pyval, pyval) = pyval_type(found)->slots->descr_get;
    if (get == NULL)
        return found;
    return get(found, v, pyval_from_obj((PyObj *)pyval_type(v)));
}

/* How default reprs name a type: "module.qualname" for a class whose
   __module__ is not builtins, else its name.  May allocate: type is
   rooted here. */
void pytype_display_name(pyval type, char *buf, size_t size)
{
    PyType *t = (PyType *)pyval_obj(type);
    pyval mod = 0;
    if ((t->tflags & PYTYPE_HEAPTYPE) && t->dict) {
        PY_PUSHV(type);
        mod = pydict_get_cstr(pyval_from_obj(t->dict), "__module__");
        PY_POPV(type);
        if (mod == 0)
            pyerr_clear();
    }
    t = (PyType *)pyval_obj(type);
    if (mod && pyval_is_obj(mod) && pyval_obj(mod)->layout == PYL_STR &&
        strcmp(pystr_utf8(mod), "builtins") != 0)
        snprintf(buf, size, "%s.%s", pystr_utf8(mod),
                 pystr_utf8(pyval_from_obj(t->qualname)));
    else
        snprintf(buf, size, "%s", pytype_name(t));
}

static pyval type_repr(pyval self)
{
    PyType *t = (PyType *)pyval_obj(self);
    pyval mod = 0;
    if ((t->tflags & PYTYPE_HEAPTYPE) && t->dict)
        mod = pydict_get_cstr(pyval_from_obj(t->dict), "__module__");
    t = (PyType *)pyval_obj(self);
    if (mod && pyval_is_obj(mod) && pyval_obj(mod)->layout == PYL_STR &&
        strcmp(pystr_utf8(mod), "builtins") != 0)
        return pystr_from_format("<class '%U.%U'>", mod,
                                 pyval_from_obj(t->qualname));
    return pystr_from_format("<class '%s'>", pytype_name(t));
}

/* type(x) with one argument; T(args) calls T's constructor */
static pyval type_call(pyval self, const pyval *args, size_t nargs,
                       PyObj *kwnames)
{
    PyType *t = (PyType *)pyval_obj(self);
    if (t == pytype_type && nargs == 1 && kwnames == NULL)
        return pyval_from_obj((PyObj *)pyval_type(args[0]));
    pyval (*new_)(PyType *, const pyval *, size_t, PyObj *) = t->slots->new_;
    if (new_ == NULL)
        return pyerr_format(pyexc_TypeError, "cannot create '%s' instances",
                            pytype_name(t));
    /* a class made in this transaction may move while __new__ runs */
    pyval kw = pyval_from_obj(kwnames);
    PY_PUSHV(self);
    PY_PUSHV(kw);
    pyval obj = new_(t, args, nargs, kwnames);
    PY_POPV(kw);
    PY_POPV(self);
    if (obj == 0)
        return 0;
    /* __init__ runs when __new__ made an instance of this type */
    t = (PyType *)pyval_obj(self);
    int (*init)(pyval, const pyval *, size_t, PyObj *) = t->slots->init;
    if (init != NULL && pytype_is_subtype(pyval_type(obj), t)) {
        PY_PUSHV(obj);
        int r = init(obj, args, nargs, (PyObj *)pyval_obj(kw));
        PY_POPV(obj);
        if (r < 0)
            return 0;
    }
    return obj;
}

static pyval type_getattr(pyval self, PyObj *name)
{
    /* the type's own __dict__ and __class__, not the descriptors its
       instances get them from */
    const char *special = pystr_utf8(pyval_from_obj(name));
    if (special[0] == '_' && special[1] == '_') {
        PyType *t = (PyType *)pyval_obj(self);
        if (strcmp(special, "__dict__") == 0 && t->dict)
            return pyval_from_obj(t->dict);
        if (strcmp(special, "__class__") == 0)
            return pyval_from_obj((PyObj *)pyval_type(self));
        /* type's data descriptors win over the class's dict (function
           has its own __name__ for its instances) */
        if (strcmp(special, "__name__") == 0)
            return pyval_from_obj(t->name);
        if (strcmp(special, "__qualname__") == 0)
            return pyval_from_obj(t->qualname);
    }
    /* the type's own dict and bases (descriptors bound to the class),
       then what 'type' itself provides */
    PY_PUSHV(self);
    pyval v = pytype_lookup((PyType *)pyval_obj(self), pyval_from_obj(name));
    PY_POPV(self);
    if (v != 0) {
        pyval (*get)(pyval, pyval, pyval) = pyval_type(v)->slots->descr_get;
        return get ? get(v, 0, self) : v;
    }
    if (pyerr_occurred())
        return 0;
    const char *n = pystr_utf8(pyval_from_obj(name));
    PyType *t = (PyType *)pyval_obj(self);
    if (strcmp(n, "__name__") == 0)
        return pyval_from_obj(t->name);
    if (strcmp(n, "__qualname__") == 0)
        return pyval_from_obj(t->qualname);
    if (strcmp(n, "__mro__") == 0 && t->mro)
        return pyval_from_obj(t->mro);
    if (strcmp(n, "__bases__") == 0 && t->bases)
        return pyval_from_obj(t->bases);
    if (strcmp(n, "__base__") == 0)
        return t->base ? pyval_from_obj((PyObj *)t->base) : py_None;
    if (strcmp(n, "__dict__") == 0 && t->dict)
        return pyval_from_obj(t->dict);
    return pyobj_generic_getattr(self, pyval_from_obj(name));
}

/* C.x = v: a heap type's dict changes; built-in types are immutable */
static int type_setattr(pyval self, PyObj *name, pyval value)
{
    PyType *t = (PyType *)pyval_obj(self);
    if (!(t->tflags & PYTYPE_HEAPTYPE)) {
        pyerr_format(pyexc_TypeError,
                     "cannot set '%U' attribute of immutable type '%s'",
                     pyval_from_obj(name), pytype_name(t));
        return -1;
    }
    pyobj_read((PyObj *)t);
    pytype_modified();
    if (value != 0)
        return pydict_set(pyval_from_obj(t->dict), pyval_from_obj(name), value);
    int r = pydict_del(pyval_from_obj(t->dict), pyval_from_obj(name));
    if (r < 0 && pyerr_matches(pyexc_KeyError)) {
        pyerr_clear();
        pyerr_format(
            pyexc_AttributeError, "type object '%s' has no attribute '%U'",
            pytype_name((PyType *)pyval_obj(self)), pyval_from_obj(name));
    }
    return r;
}

static pyval type_getitem(pyval self, pyval key)
{
    return pygeneric_class_getitem(self, key);
}

const struct pytype_slots pytype_type_slots = {
    .getitem = type_getitem,
    .new_ = pymeta_type_new,
    .init = pymeta_type_init,
    .setattr = type_setattr,
    .repr = type_repr,
    .call = type_call,
    .getattr = type_getattr,
};

/* true if 'sub' is 'base' or derives from it, by the __base__ chain
   (enough until multiple inheritance of heap types exists: then MRO) */
bool pytype_is_subtype(PyType *sub, PyType *base)
{
    if (sub->mro != NULL) {
        pyval mro = pyval_from_obj(sub->mro);
        for (int64_t i = 0; i < pytuple_size(mro); i++) {
            if (pytuple_get(mro, i) == pyval_from_obj((PyObj *)base))
                return true;
        }
        return false;
    }
    for (PyType *t = sub; t != NULL; t = t->base) {
        if (t == base)
            return true;
    }
    return false;
}

void pytype_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pytype_s *t = (struct pytype_s *)o;
    visit((object_t **)&t->name);
    visit((object_t **)&t->qualname);
    visit((object_t **)&t->base);
    visit((object_t **)&t->bases);
    visit((object_t **)&t->mro);
    visit((object_t **)&t->dict);
}
