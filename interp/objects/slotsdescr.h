/* slotsdescr.h -- __slots__ (see slotsdescr.c). */
#ifndef PYSTM_SLOTSDESCR_H
#define PYSTM_SLOTSDESCR_H

#include "typeobject.h"

extern PyType *pytype_member_descriptor;

/* outside transactions */
void pyslots_setup_types(void);
/* for a new class whose namespace has __slots__: its member
   descriptors, and PYTYPE_NO_DICT when instances get no __dict__ */
int pyslots_apply(PyType *cls);

#endif
