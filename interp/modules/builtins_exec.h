/* builtins_exec.h -- compile, exec, eval, locals, vars, dir, setattr,
 * delattr, __import__, input, exit, quit (builtins_exec.c). */
#ifndef PYSTM_BUILTINS_EXEC_H
#define PYSTM_BUILTINS_EXEC_H

#include "../objects/typeobject.h"

extern const struct pymethod_def pybuiltins_exec_functions[];
/* aiter, anext (builtins_async.c) */
extern const struct pymethod_def pybuiltins_async_functions[];

#endif
