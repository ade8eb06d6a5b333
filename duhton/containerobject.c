/* containerobject.c -- containers: a mutable box holding one value. */
#include "duhton.h"

DuObject *du_container_new(DuObject *v)
{
    DU_PUSH(v);
    DuContainer *c = (DuContainer *)stm_allocate(sizeof(struct du_container_s));
    DU_POP(v);
    c->ob.type = DUTYPE_CONTAINER;
    c->value = v;
    return (DuObject *)c;
}

DuObject *du_container_get(DuObject *c)
{
    du_read(c);
    return ((DuContainer *)c)->value;
}

void du_container_set(DuObject *c, DuObject *v)
{
    du_write(c);
    ((DuContainer *)c)->value = v;
}
