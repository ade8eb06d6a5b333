/* consobject.c -- cons cells: immutable pairs; the parser builds programs
 * out of them, so evaluation reads them without read barriers.
 */
#include "duhton.h"

DuObject *du_cons_new(DuObject *car, DuObject *cdr)
{
    DU_PUSH(car);
    DU_PUSH(cdr);
    DuCons *c = (DuCons *)stm_allocate(sizeof(struct du_cons_s));
    DU_POP(cdr);
    DU_POP(car);
    c->ob.type = DUTYPE_CONS;
    c->car = car;
    c->cdr = cdr;
    return (DuObject *)c;
}
