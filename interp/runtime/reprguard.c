/* reprguard.c -- the per-thread stack of objects whose repr is being
 * built (see reprguard.h).
 *
 * The stack holds stm_id()s, which never change, rather than pointers,
 * which a minor collection may change under it.  Reprs nest like calls,
 * so the stack is searched from the top and popped from the top.
 *
 * It lives in C memory, which an abort does not roll back, while the
 * code that pushed and popped it is re-executed from the transaction's
 * start.  So the first change in a transaction saves a copy of the stack
 * and registers two callbacks: an abort puts the copy back, a commit
 * forgets it.  (An inevitable transaction cannot abort: its commit
 * callback runs at once, so every change saves a fresh copy -- a few
 * words.)
 */
#include "reprguard.h"

#include "../objects/exceptionobject.h"
#include "errors.h"

#include <stdlib.h>
#include <string.h>

struct guard {
    long *id; /* stm_id()s, innermost last */
    int64_t depth, cap;
};

static __thread struct guard guard;
static __thread struct guard saved; /* as at the transaction's start */
static __thread bool saved_valid;

static int reserve(struct guard *g, int64_t need)
{
    if (need <= g->cap)
        return 0;
    int64_t cap = g->cap ? g->cap : 16;
    while (cap < need)
        cap *= 2;
    long *id = realloc(g->id, (size_t)cap * sizeof(long));
    if (id == NULL)
        return -1;
    g->id = id;
    g->cap = cap;
    return 0;
}

static void restore_on_abort(void *key)
{
    if (saved_valid) {
        memcpy(guard.id, saved.id, (size_t)saved.depth * sizeof(long));
        guard.depth = saved.depth;
    }
    saved_valid = false;
}

static void forget_on_commit(void *key)
{
    saved_valid = false;
}

/* before a change: keep the stack as the transaction found it */
static int save(void)
{
    if (saved_valid)
        return 0;
    if (reserve(&saved, guard.depth) < 0)
        return -1;
    memcpy(saved.id, guard.id, (size_t)guard.depth * sizeof(long));
    saved.depth = guard.depth;
    saved_valid = true;
    stm_call_on_abort(&pyrt_tl, &saved, restore_on_abort);
    stm_call_on_commit(&pyrt_tl, &saved, forget_on_commit);
    return 0;
}

int pyreprguard_enter(pyval v)
{
    if (!pyval_is_obj(v))
        return 0; /* a tagged int contains nothing */
    long id = stm_id((object_t *)v);
    for (int64_t i = guard.depth - 1; i >= 0; i--) {
        if (guard.id[i] == id)
            return 1;
    }
    if (save() < 0 || reserve(&guard, guard.depth + 1) < 0) {
        pyerr_no_memory();
        return -1;
    }
    guard.id[guard.depth++] = id;
    return 0;
}

void pyreprguard_leave(pyval v)
{
    if (!pyval_is_obj(v))
        return;
    long id = stm_id((object_t *)v);
    /* normally the top entry; searched in case an inner repr returned
       without leaving */
    for (int64_t i = guard.depth - 1; i >= 0; i--) {
        if (guard.id[i] == id) {
            if (save() == 0)
                guard.depth = i;
            return;
        }
    }
}
