/* slotsdescr.c -- __slots__: the member descriptors a class statement
 * makes for the names it lists, and instances without a __dict__.
 *
 * A slot's value is kept in the instance's attribute storage under its
 * name, like any attribute; what __slots__ changes is what Python can
 * see: the class gets one data descriptor per name (found before the
 * storage), and a class whose every class level lists __slots__ without
 * '__dict__' is marked PYTYPE_NO_DICT, so no other name can be set and
 * obj.__dict__ does not exist.
 */
#include "slotsdescr.h"

#include "../runtime/errors.h"
#include "abstract.h"
#include "exceptionobject.h"
#include "classobject.h"
#include "dictobject.h"
#include "listobject.h"
#include "strobject.h"
#include "tupleobject.h"

#include <stdio.h>
#include <string.h>

/* the i-th value pushed since "saved" */
#define SS(i) ((pyval)saved[i].ss)

PyType *pytype_member_descriptor;

/* The dict of obj's slot values (made if 'create'): a field of its own
   in plain instances, so that __dict__ does not show them; the
   attribute storage in instances of built-in types' subclasses. */
static pyval slot_values(pyval obj, bool create)
{
    PyObj *o = pyval_obj(obj);
    if (o->layout != PYL_INSTANCE)
        return pyobj_instance_dict(obj, create);
    pyobj_read(o);
    pyval d = ((PyInstance *)o)->slots;
    if (d != 0 || !create)
        return d;
    PY_PUSHV(obj);
    d = pydict_new();
    PY_POPV(obj);
    if (d == 0)
        return 0;
    o = pyval_obj(obj);
    pyobj_write(o);
    ((PyInstance *)o)->slots = d;
    return d;
}

/* PYL_PROPERTY: get = the slot's name, set = the class listing it */
static pyval member_get(pyval self, pyval obj, pyval type)
{
    if (obj == 0)
        return self;
    PyDescr *d = (PyDescr *)pyval_obj(self);
    pyval name = d->get;
    PY_PUSHV(obj);
    PY_PUSHV(name);
    pyval dict = slot_values(obj, false);
    pyval r = dict ? pydict_get_str(dict, name) : 0;
    PY_POPV(name);
    PY_POPV(obj);
    if (r == 0 && !pyerr_occurred())
        pyerr_format(pyexc_AttributeError, "'%T' object has no attribute '%U'",
                     obj, name);
    return r;
}

static int member_set(pyval self, pyval obj, pyval value)
{
    PyDescr *d = (PyDescr *)pyval_obj(self);
    pyval name = d->get;
    PY_PUSHV(name);
    PY_PUSHV(value);
    pyval dict = slot_values(obj, true);
    PY_POPV(value);
    PY_POPV(name);
    if (dict == 0)
        return -1;
    if (value != 0)
        return pydict_set(dict, name, value);
    PY_PUSHV(name);
    int r = pydict_del(dict, name);
    PY_POPV(name);
    if (r < 0 && pyerr_matches(pyexc_KeyError)) {
        pyerr_clear();
        pyerr_format(pyexc_AttributeError, "%U", name);
    }
    return r;
}

static pyval member_repr(pyval self)
{
    PyDescr *d = (PyDescr *)pyval_obj(self);
    PyType *owner = (PyType *)pyval_obj(d->set);
    return pystr_from_format("<member '%U' of '%s' objects>", d->get,
                            pytype_name(owner));
}

static const struct pytype_slots member_slots = {
    .descr_get = member_get,
    .descr_set = member_set,
    .repr = member_repr,
};

void pyslots_setup_types(void)
{
    pytype_member_descriptor = pytype_new_builtin(
        "member_descriptor", &member_slots, PYL_PROPERTY, NULL, 0);
}

/* _Class__name for a private name, as the compiler mangles them */
static pyval mangle(pyval class_name, pyval name)
{
    const char *n = pystr_utf8(name);
    size_t len = strlen(n);
    if (len < 3 || n[0] != '_' || n[1] != '_' ||
        (n[len - 1] == '_' && n[len - 2] == '_') || strchr(n, '.'))
        return name;
    const char *c = pystr_utf8(class_name);
    while (*c == '_')
        c++;
    if (*c == '\0')
        return name;
    return pystr_from_format("_%s%s", c, n);
}

/* the names __slots__ lists: a str is one name */
static pyval slot_names(pyval slots)
{
    if (pyval_is_obj(slots) && pyval_obj(slots)->layout == PYL_STR)
        return pytuple_pack(1, slots);
    pyval list = pylist_from_iterable(slots);
    if (list == 0)
        return 0;
    for (int64_t i = 0; i < pylist_len(list); i++) {
        pyval n = pylist_get(list, i);
        if (!pyval_is_obj(n) || pyval_obj(n)->layout != PYL_STR)
            return pyerr_format(pyexc_TypeError,
                                "__slots__ items must be strings, not '%T'",
                                n);
    }
    return pylist_as_tuple(list);
}

int pyslots_apply(PyType *cls)
{
    struct stm_shadowentry_s *saved = pyrt_tl.shadowstack;
    PY_PUSHV(pyval_from_obj((PyObj *)cls)); /* 0 */
    pyval slots = pydict_get_cstr(pyval_from_obj(cls->dict), "__slots__");
    if (slots == 0) {
        pyrt_tl.shadowstack = saved;
        return pyerr_occurred() ? -1 : 0;
    }
    pyval names = slot_names(slots);
    if (names == 0)
        goto fail;
    PY_PUSHV(names); /* 1 */
    bool has_dict = false;
    for (int64_t i = 0; i < pytuple_size(SS(1)); i++) {
        pyval name = pytuple_get(SS(1), i);
        const char *n = pystr_utf8(name);
        if (strcmp(n, "__dict__") == 0) {
            has_dict = true;
            continue;
        }
        if (strcmp(n, "__weakref__") == 0)
            continue;
        cls = (PyType *)pyval_obj(SS(0));
        name = mangle(pyval_from_obj(cls->name), name);
        if (name == 0)
            goto fail;
        PY_PUSHV(name); /* 2 */
        cls = (PyType *)pyval_obj(SS(0));
        pyval clash = pydict_get_str(pyval_from_obj(cls->dict), name);
        if (clash != 0) {
            pyerr_format(pyexc_ValueError,
                         "'%U' in __slots__ conflicts with class variable",
                         SS(2));
            goto fail;
        }
        PyDescr *d = (PyDescr *)pyobj_alloc(
            sizeof(struct pydescr_s), PYL_PROPERTY, pytype_member_descriptor);
        d->get = SS(2);
        d->set = SS(0);
        d->del = d->doc = d->name = 0;
        cls = (PyType *)pyval_obj(SS(0));
        if (pydict_set(pyval_from_obj(cls->dict), SS(2),
                       pyval_from_obj((PyObj *)d)) < 0)
            goto fail;
        PY_DROP();
    }
    /* no __dict__ unless a class level (other than built-in types, which
       have none) provides one */
    cls = (PyType *)pyval_obj(SS(0));
    bool no_dict = !has_dict && cls->instance_layout != PYL_EXCEPTION;
    pyval mro = pyval_from_obj(cls->mro);
    for (int64_t i = 1; no_dict && i < pytuple_size(mro); i++) {
        PyType *t = (PyType *)pyval_obj(pytuple_get(mro, i));
        if ((t->tflags & PYTYPE_HEAPTYPE) && !(t->tflags & PYTYPE_NO_DICT))
            no_dict = false;
    }
    if (no_dict) {
        pyobj_write((PyObj *)cls);
        cls->tflags |= PYTYPE_NO_DICT;
    }
    pyrt_tl.shadowstack = saved;
    return 0;
fail:
    pyrt_tl.shadowstack = saved;
    return -1;
}
