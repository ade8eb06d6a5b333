/* runtime.c -- process setup (stmgc, hash key, built-in types) and the
 * calling thread's registration and transactions.
 */
#include "runtime.h"

#include "../objects/abstract.h"
#include "../objects/bigint.h"
#include "../objects/bytesobject.h"
#include "../objects/memoryobject.h"
#include "../objects/classobject.h"
#include "../objects/codeobject.h"
#include "../objects/complexobject.h"
#include "../objects/dictobject.h"
#include "../objects/funcobject.h"
#include "../objects/genobject.h"
#include "../objects/iterobject.h"
#include "../objects/listobject.h"
#include "../objects/moduleobject.h"
#include "../objects/rangeobject.h"
#include "../objects/setobject.h"
#include "../objects/sliceobject.h"
#include "../objects/slotsdescr.h"
#include "../objects/genericalias.h"
#include "../vm/frame.h"
#include "../objects/exceptionobject.h"
#include "../objects/fileobject.h"
#include "../objects/strobject.h"
#include "../objects/tupleobject.h"
#include "../objects/typeobject.h"
#include "errors.h"
#include "hash.h"

#include <stdio.h>
#include <stdlib.h>

__thread stm_thread_local_t pyrt_tl;

/* The thread state is the thread's stmgc thread_local_obj: a root, and
   restored by an abort. */
static void make_thread_state(void)
{
    pyrt_start_transaction();
    PyThreadState *ts = (PyThreadState *)pyobj_alloc(
        sizeof(struct pythreadstate_s), PYL_THREADSTATE, pytype_object);
    ts->curexc = 0;
    ts->handled = 0;
    ts->frame = 0;
    ts->depth = 0;
    ts->recursion_limit = 1000;
    pyrt_tl.thread_local_obj = (object_t *)ts;
    pyrt_commit_transaction();
}

void pyrt_register_thread(void)
{
    stm_register_thread_local(&pyrt_tl);
    if (pytype_object != NULL)
        make_thread_state();
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
    pytype_after_commit();
}

PyObj *pyrt_new_immortal(size_t size, enum pylayout layout, PyType *type)
{
    size = pyrt_round_size(size);
    struct pyobj_s *template = calloc(1, size);
    if (template == NULL) {
        fprintf(stderr, "pystm: fatal: out of memory at setup\n");
        exit(1);
    }
    /* a template may only refer to other templates: the type is set in
       the heap copy */
    template->layout = (uint16_t)layout;
    PyObj *o = (PyObj *)stm_setup_prebuilt((object_t *)(uintptr_t) template);
    pyobj_write(o);
    o->type = type;
    return o;
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
    pybig_setup();
    pytype_object = pytype_new_builtin("object", &pyobject_slots, PYL_PLAIN,
                                       NULL, PYTYPE_BASETYPE);
    pytype_type = pytype_new_builtin("type", NULL, PYL_TYPE, NULL, 0);
    pytype_str = pytype_new_builtin("str", &pystr_slots, PYL_STR, NULL,
                                    PYTYPE_BASETYPE | PYTYPE_STR_SUB);
    pystr_setup_types();
    pytuple_setup_types();
    pyabstract_setup_types();
    pycomplex_setup_types();
    pylist_setup_types();
    pydict_setup_types();
    pyset_setup_types();
    pyrange_setup_types();
    pyslice_setup_types();
    pyclass_setup_types();
    pyslots_setup_types();
    pygeneric_setup_types();
    pygen_setup_types();
    pyiterobj_setup_types();
    pymodule_setup_types();
    pyfunc_setup_types();
    pybytes_setup_types();
    pymemview_setup_types();
    pyfile_setup_types();
    pytype_code = pytype_new_builtin("code", &pycode_slots, PYL_CODE, NULL, 0);
    pytype_frame =
        pytype_new_builtin("frame", &pyframe_slots, PYL_FRAME, NULL, 0);
    pyexc_setup_types();
    make_thread_state();
    pystr_setup();
    pyrt_start_transaction();
    pytype_finish_builtins();
    pytuple_setup();
    pyabstract_setup_objects();
    pyinstattrs_setup();
    pyrt_commit_transaction();
}

void pyrt_teardown(void)
{
}
