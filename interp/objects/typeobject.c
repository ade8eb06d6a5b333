/* typeobject.c -- type objects: the built-in ones (prebuilt before the
 * first transaction, completed in it), their names, bases and MRO, and
 * attribute lookup along the MRO.
 */
#include "typeobject.h"

#include "strobject.h"

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
        type_template->slots = &no_slots;
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

/* In the setup transaction, once str works: names and bases. */
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
    }
}

/* true if 'sub' is 'base' or derives from it, by the __base__ chain
   (enough until multiple inheritance of heap types exists: then MRO) */
bool pytype_is_subtype(PyType *sub, PyType *base)
{
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
