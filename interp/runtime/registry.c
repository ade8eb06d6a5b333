/* registry.c -- shared maps with per-key conflicts (see registry.h). */
#include "registry.h"

#include <stdlib.h>

PyRegistry *pyreg_new(void)
{
    /* a static template copied into the heap as an immortal object */
    struct pyregistry_s *template = calloc(1, sizeof(*template));
    template->ob.layout = PYL_REGISTRY;
    template->table = stm_hashtable_create();
    return (PyRegistry *)stm_setup_prebuilt((object_t *)(uintptr_t)template);
}

pyval pyreg_get(PyRegistry *r, uint64_t key)
{
    return (pyval)stm_hashtable_read((object_t *)r, r->table, key);
}

void pyreg_set(PyRegistry *r, uint64_t key, pyval value)
{
    stm_hashtable_write((object_t *)r, r->table, key, (object_t *)value,
                        &pyrt_tl);
}

void pyreg_gc_trace(struct pyobj_s *o, void visit(object_t **))
{
    struct pyregistry_s *r = (struct pyregistry_s *)o;
    stm_hashtable_tracefn((struct object_s *)o, r->table, visit);
}
