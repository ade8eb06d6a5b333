/* runtime.h -- process and thread setup, and the transactions the VM
 * runs in (design: doc/pystm.md §6).
 */
#ifndef PYSTM_RUNTIME_H
#define PYSTM_RUNTIME_H

#include "object.h"

/* Once, on the main thread, before anything else: stmgc, the thread,
   the built-in types.  Prints a message and exits with status 1 on a
   bad environment (PYTHONHASHSEED). */
void pyrt_setup(void);
void pyrt_teardown(void);

/* Every thread that runs Python code registers first. */
void pyrt_register_thread(void);
void pyrt_unregister_thread(void);

/* Inside a transaction: an immortal object that never moves (C globals
   may point to it), fields zeroed; the caller fills them after
   pyobj_write(). */
PyObj *pyrt_new_immortal(size_t size, enum pylayout layout, PyType *type);

void pyrt_start_transaction(void);
void pyrt_commit_transaction(void);

#endif
