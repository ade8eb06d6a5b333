/* reprguard.h -- the recursion guard of container reprs: a container
 * that (directly or not) contains itself shows as {...} / [...] / ...
 * the second time its repr is asked for on the same thread.
 *
 *     int r = pyreprguard_enter(v);
 *     if (r != 0)          // 1: already being shown; -1: MemoryError
 *         return r > 0 ? pystr_from_cstr("[...]") : 0;
 *     ... build the repr (may run any code) ...
 *     pyreprguard_leave(v);
 *
 * The guard is per thread, in C memory, keyed by stm_id() (an object may
 * move while its repr is built; its id does not).  An abort puts the
 * guard back as the transaction found it, so a restart never sees a
 * stale "already being shown" nor misses a real one.
 */
#ifndef PYSTM_REPRGUARD_H
#define PYSTM_REPRGUARD_H

#include "object.h"

/* 0: entered (call pyreprguard_leave when done); 1: v is already being
   shown by this thread (do not leave); -1: MemoryError set */
int pyreprguard_enter(pyval v);
/* ends the innermost pyreprguard_enter(v) that returned 0 */
void pyreprguard_leave(pyval v);

#endif
