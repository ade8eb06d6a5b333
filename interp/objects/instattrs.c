/* instattrs.c -- instances' attributes: maps, values, dict mode (see
 * instattrs.h). */
#include "instattrs.h"

#include "../runtime/errors.h"
#include "../runtime/registry.h"
#include "../runtime/runtime.h"
#include "abstract.h"
#include "dictobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdatomic.h>
#include <string.h>

/* inline values of a class's first instances, before it knows better */
#define DEFAULT_INLINE 4

static PyObj *empty_map; /* immortal: the map of an instance made now */
/* (map id, name) -> the map with that name appended */
static PyRegistry *transitions;
static _Atomic uint64_t next_map_id = 1;

void pyinstattrs_setup(void)
{
    empty_map =
        pyrt_new_immortal(sizeof(struct pymap_s), PYL_MAP, pytype_object);
    PyMap *m = (PyMap *)empty_map;
    m->nattrs = 0;
    m->id = 0;
    m->parent = 0;
    m->names = pytuple_empty;
    transitions = pyreg_new();
}

size_t pyinstance_gc_size(struct pyobj_s *o)
{
    return sizeof(struct pyinstance_s) +
           (size_t)((struct pyinstance_s *)o)->ninline * sizeof(pyval);
}

void pyinstance_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyinstance_s *inst = (struct pyinstance_s *)o;
    pyval_visit(&inst->map, visit);
    pyval_visit(&inst->dict, visit);
    pyval_visit(&inst->slots, visit);
    for (int64_t i = 0; i < inst->ninline; i++)
        pyval_visit(&inst->values[i], visit);
}

void pymap_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pymap_s *m = (struct pymap_s *)o;
    pyval_visit(&m->parent, visit);
    pyval_visit(&m->names, visit);
}

static inline PyInstance *inst(pyval v)
{
    return (PyInstance *)pyval_obj(v);
}

static inline PyMap *map_of(PyInstance *o)
{
    return (PyMap *)pyval_obj(o->map);
}

pyval pyinstance_new(PyType *type)
{
    int64_t n = (type->tflags & PYTYPE_NO_DICT) ? 0
                : type->inline_values != 0      ? type->inline_values
                                                : DEFAULT_INLINE;
    PyInstance *o = (PyInstance *)pyobj_alloc(sizeof(struct pyinstance_s) +
                                                  (size_t)n * sizeof(pyval),
                                              PYL_INSTANCE, type);
    o->map = pyval_from_obj(empty_map);
    o->dict = 0;
    o->slots = 0;
    o->ninline = n;
    memset(pyobj_real((PyObj *)o) + offsetof(struct pyinstance_s, values), 0,
           (size_t)n * sizeof(pyval));
    return pyval_from_obj((PyObj *)o);
}

/* where 'name' is in the map, or -1.  Maps never change: no barrier.
   Names in maps are interned, so an interned name is found by identity;
   another one is compared by value. */
static int64_t map_index(PyMap *m, pyval name)
{
    int64_t n = m->nattrs;
    pyval names = m->names;
    for (int64_t i = 0; i < n; i++)
        if (pytuple_get(names, i) == name)
            return i;
    if (pyval_obj(name)->flags & PYOBJ_INTERNED)
        return -1;
    for (int64_t i = 0; i < n; i++)
        if (pystr_eq(pytuple_get(names, i), name))
            return i;
    return -1;
}

pyval pyinstance_get(pyval obj, pyval name)
{
    PyInstance *o = inst(obj);
    int64_t i = map_index(map_of(o), name);
    return i < 0 ? 0 : pyinstance_value_at(o, i);
}

int64_t pyinstance_index(pyval obj, pyval name)
{
    return map_index(map_of(inst(obj)), name);
}

/* the map of 'map' plus 'name' (an interned str, whose hash is h), made
   on first use: 0 with an exception */
static uint64_t transition_key(pyval map, int64_t h)
{
    return ((PyMap *)pyval_obj(map))->id * 0x9E3779B97F4A7C15ULL ^ (uint64_t)h;
}

/* the map of 'map' plus 'name' if it was made; *key: where to put it if
   not */
static pyval find_next(pyval map, pyval name, int64_t h, uint64_t *key)
{
    for (*key = transition_key(map, h);; ++*key) {
        pyval c = pyreg_get(transitions, *key);
        if (c == 0)
            return 0;
        PyMap *cm = (PyMap *)pyval_obj(c);
        if (cm->parent == map && pytuple_get(cm->names, cm->nattrs - 1) == name)
            return c;
    }
}

pyval pyinstance_next_map(pyval obj, pyval name)
{
    uint64_t key;
    return find_next(inst(obj)->map, name, pystr(name)->hash, &key);
}

static pyval map_with(pyval map, pyval name, int64_t h)
{
    uint64_t key;
    pyval found = find_next(map, name, h, &key);
    if (found != 0)
        return found;
    /* [map, name, names, child] */
    pyval *saved = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(map);
    PY_PUSHV(name);
    int64_t n = ((PyMap *)pyval_obj(map))->nattrs;
    pyval names = pytuple_new(n + 1);
    if (names == 0) {
        pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
        return 0;
    }
    for (int64_t i = 0; i < n; i++)
        pytuple_init_item(
            names, i, pytuple_get(((PyMap *)pyval_obj(saved[0]))->names, i));
    pytuple_init_item(names, n, saved[1]);
    PY_PUSHV(names);
    PyMap *child =
        (PyMap *)pyobj_alloc(sizeof(struct pymap_s), PYL_MAP, pytype_object);
    child->nattrs = n + 1;
    child->id =
        atomic_fetch_add_explicit(&next_map_id, 1, memory_order_relaxed);
    child->parent = saved[0];
    child->names = saved[2];
    PY_PUSHV(pyval_from_obj((PyObj *)child));
    /* the entry may be a new object: the child is rooted across it */
    pyreg_set(transitions, key, saved[3]);
    pyval r = saved[3];
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
    return r;
}

/* the class's instances will be made with room for n values inline */
static void note_size(PyType *t, int64_t n)
{
    if (n > t->inline_values && n <= PYMAP_MAX_ATTRS) {
        pyobj_write((PyObj *)t);
        t->inline_values = (uint16_t)n;
    }
}

/* appends a value at index n (= the old map's nattrs) and switches to
   'child': 0, or -1 with MemoryError */
static int append_value(pyval obj, pyval child, pyval value, int64_t n)
{
    PyInstance *o = inst(obj);
    pyobj_read((PyObj *)o);
    if (n < o->ninline) {
        pyobj_write((PyObj *)o);
        o->values[n] = value;
        o->map = child;
        return 0;
    }
    int64_t j = n - o->ninline;
    PyObj *overflow = o->dict ? pyval_obj(o->dict) : NULL;
    if (overflow != NULL)
        pyobj_read(overflow);
    if (overflow == NULL || j >= ((PyValues *)overflow)->capacity) {
        /* [obj, child, value] */
        pyval *saved = (pyval *)pyrt_tl.shadowstack;
        PY_PUSHV(obj);
        PY_PUSHV(child);
        PY_PUSHV(value);
        int64_t cap = overflow ? 2 * ((PyValues *)overflow)->capacity : 4;
        PyObj *grown = pyvalues_new(cap);
        obj = saved[0];
        child = saved[1];
        value = saved[2];
        pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
        if (grown == NULL)
            return -1;
        o = inst(obj);
        pyobj_read((PyObj *)o);
        if (o->dict != 0) {
            PyObj *old = pyval_obj(o->dict);
            pyobj_read(old);
            pyobj_write(grown);
            memcpy(pyvalues_items_real(grown), pyvalues_items_real(old),
                   (size_t)j * sizeof(pyval));
        }
        pyobj_write((PyObj *)o);
        o->dict = pyval_from_obj(grown);
        overflow = grown;
    }
    pyobj_write(overflow);
    ((PyValues *)overflow)->item[j] = value;
    pyobj_write((PyObj *)o);
    o->map = child;
    return 0;
}

int pyinstance_set(pyval obj, pyval name, pyval value)
{
    PyInstance *o = inst(obj);
    pyobj_read((PyObj *)o);
    PyMap *m = map_of(o);
    if (value == 0)
        return pyinstance_dict(obj) == 0 ? -1 : 1;
    int64_t i = map_index(m, name);
    if (i >= 0) {
        pyinstance_store_at(o, i, value);
        return 0;
    }
    if (pyval_type(name) != pytype_str || m->nattrs >= PYMAP_MAX_ATTRS)
        return pyinstance_dict(obj) == 0 ? -1 : 1;

    /* [obj, value, name] */
    pyval *saved = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(obj);
    PY_PUSHV(value);
    if (!(pyval_obj(name)->flags & PYOBJ_INTERNED)) {
        name = pystr_intern(name);
        if (name == 0)
            goto fail;
    }
    PY_PUSHV(name);
    int64_t h = pystr(name)->hash; /* a str's is made with it */
    o = inst(saved[0]);
    pyobj_read((PyObj *)o);
    int64_t n = map_of(o)->nattrs;
    pyval child = map_with(o->map, saved[2], h);
    if (child == 0 || append_value(saved[0], child, saved[1], n) < 0)
        goto fail;
    note_size(pyval_type(saved[0]), n + 1);
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
    return 0;
fail:
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
    return -1;
}

/* dict mode from now on, with 'dict' (the inline values let go) */
static void switch_to_dict(PyInstance *o, pyval dict)
{
    pyobj_write((PyObj *)o);
    o->map = 0;
    o->dict = dict;
    for (int64_t i = 0; i < o->ninline; i++)
        o->values[i] = 0;
}

pyval pyinstance_dict(pyval obj)
{
    PyInstance *o = inst(obj);
    pyobj_read((PyObj *)o);
    if (o->map == 0 && o->dict != 0)
        return o->dict;
    /* [obj, dict] */
    pyval *saved = (pyval *)pyrt_tl.shadowstack;
    PY_PUSHV(obj);
    pyval d = pydict_new();
    if (d == 0)
        goto fail;
    PY_PUSHV(d);
    o = inst(saved[0]);
    pyobj_read((PyObj *)o);
    int64_t n = o->map ? map_of(o)->nattrs : 0;
    for (int64_t i = 0; i < n; i++) {
        o = inst(saved[0]);
        pyobj_read((PyObj *)o);
        if (pydict_set(saved[1], pytuple_get(map_of(o)->names, i),
                       pyinstance_value_at(o, i)) < 0)
            goto fail;
    }
    switch_to_dict(inst(saved[0]), saved[1]);
    d = saved[1];
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
    return d;
fail:
    pyrt_tl.shadowstack = (struct stm_shadowentry_s *)saved;
    return 0;
}

void pyinstance_set_dict(pyval obj, pyval dict)
{
    switch_to_dict(inst(obj), dict);
}
