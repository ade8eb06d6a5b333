/* runtime.c -- process setup (stmgc, hash key, built-in types) and the
 * calling thread's registration and transactions.
 */
#include "runtime.h"

#include "../objects/strobject.h"
#include "../objects/typeobject.h"
#include "hash.h"

#include <stdio.h>
#include <stdlib.h>

__thread stm_thread_local_t pyrt_tl;

void pyrt_register_thread(void)
{
    stm_register_thread_local(&pyrt_tl);
}

void pyrt_unregister_thread(void)
{
    stm_unregister_thread_local(&pyrt_tl);
}

void pyrt_start_transaction(void)
{
    stm_start_transaction(&pyrt_tl);
}

void pyrt_commit_transaction(void)
{
    stm_commit_transaction();
}

/* the main thread is registered; called outside transactions */
void pyrt_setup(void)
{
    const char *error;
    if (pyhash_init(getenv("PYTHONHASHSEED"), &error) != 0) {
        fprintf(stderr, "Fatal Python error: %s\n", error);
        exit(1);
    }
    stm_hashtable_entry_userdata = PYL_HTENTRY;
    pytype_object =
        pytype_new_builtin("object", NULL, PYL_PLAIN, NULL, PYTYPE_BASETYPE);
    pytype_type = pytype_new_builtin("type", NULL, PYL_TYPE, NULL, 0);
    pytype_str = pytype_new_builtin("str", NULL, PYL_STR, NULL,
                                    PYTYPE_BASETYPE | PYTYPE_STR_SUB);
    pystr_setup();
    pyrt_start_transaction();
    pytype_finish_builtins();
    pyrt_commit_transaction();
}

void pyrt_teardown(void)
{
}
