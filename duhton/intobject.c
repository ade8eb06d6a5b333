/* intobject.c -- ints: immutable 32-bit values that wrap like C's int.
 * Small ones are prebuilt and shared, as most ints a program makes are
 * loop counters and indexes.
 */
#include "duhton.h"

#define SMALL_MIN (-16)
#define SMALL_MAX 1023

static DuObject *small_ints[SMALL_MAX - SMALL_MIN + 1];

void du_ints_setup(void)
{
    static struct du_int_s templates[SMALL_MAX - SMALL_MIN + 1];
    for (int32_t v = SMALL_MIN; v <= SMALL_MAX; v++) {
        struct du_int_s *t = &templates[v - SMALL_MIN];
        t->ob.type = DUTYPE_INT;
        t->value = v;
        small_ints[v - SMALL_MIN] =
            (DuObject *)stm_setup_prebuilt((object_t *)(uintptr_t)t);
    }
}

DuObject *du_int_new(int32_t v)
{
    if (v >= SMALL_MIN && v <= SMALL_MAX)
        return small_ints[v - SMALL_MIN];
    DuInt *o = (DuInt *)stm_allocate((sizeof(struct du_int_s) + 7) & ~7);
    o->ob.type = DUTYPE_INT;
    o->value = v;
    return (DuObject *)o;
}

int32_t du_int_value(DuObject *o, const char *form)
{
    if (UNLIKELY(o->type != DUTYPE_INT))
        du_fatal_type(form, "int", o);
    return ((DuInt *)o)->value;
}
