/* genericalias.h -- C[x]: __class_getitem__ and generic aliases such as
 * list[int] (genericalias.c). */
#ifndef PYSTM_GENERICALIAS_H
#define PYSTM_GENERICALIAS_H

#include "typeobject.h"

extern PyType *pytype_generic_alias;

/* outside transactions */
void pygeneric_setup_types(void);
/* cls[key] for a class */
pyval pygeneric_class_getitem(pyval cls, pyval key);

#endif
