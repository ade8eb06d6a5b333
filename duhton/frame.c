/* frame.c -- scopes: the globals and one frame per function call.
 *
 * A frame points to a bindings object: entries sorted by symbol id, found
 * by binary search, with spare capacity so that a new name is usually
 * inserted in place.  An entry holds a variable, a function, or both:
 * duhton keeps the two namespaces apart.  Frames change, so they take
 * read and write barriers; a call's frame is private to its transaction
 * and never conflicts.
 */
#include "duhton.h"

static DuBindings *bindings_new(int32_t capacity)
{
    DuBindings *b = (DuBindings *)stm_allocate(
        sizeof(struct du_bindings_s) + capacity * sizeof(struct du_binding));
    b->ob.type = DUTYPE_BINDINGS;
    b->count = 0;
    b->capacity = capacity;
    return b;
}

DuFrame *du_frame_new(int32_t capacity)
{
    DuBindings *b = NULL;
    if (capacity > 0) {
        b = bindings_new(capacity);
        DU_PUSH(b);
    }
    DuFrame *f = (DuFrame *)stm_allocate(sizeof(struct du_frame_s));
    if (capacity > 0)
        DU_POP(b);
    f->ob.type = DUTYPE_FRAME;
    f->bindings = b;
    return f;
}

/* The entry for 'id', or NULL; *slot gets where it is or would go. */
static DuBinding *find(DuFrame *frame, int32_t id, int32_t *slot)
{
    du_read((DuObject *)frame);
    DuBindings *b = frame->bindings;
    if (b == NULL) {
        *slot = 0;
        return NULL;
    }
    du_read((DuObject *)b);
    int32_t lo = 0, hi = b->count;
    while (lo < hi) {
        int32_t mid = (lo + hi) / 2;
        int32_t found = b->entry[mid].symbol->id;
        if (found == id)
            return &b->entry[mid];
        if (found < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    *slot = lo;
    return NULL;
}

DuObject *du_frame_get_variable(DuFrame *frame, DuObject *symbol)
{
    int32_t slot;
    DuBinding *e = find(frame, ((DuSymbol *)symbol)->id, &slot);
    return e ? e->value : NULL;
}

bool du_frame_get_function(DuFrame *frame, DuObject *symbol, DuObject **params,
                           DuObject **body)
{
    int32_t slot;
    DuBinding *e = find(frame, ((DuSymbol *)symbol)->id, &slot);
    if (e == NULL || e->body == NULL)
        return false;
    *params = e->params;
    *body = e->body;
    return true;
}

/* The entry for 'symbol', writable, created empty if missing.  May
   allocate: the caller keeps its own pointers on the shadow stack. */
static DuBinding *entry_for_write(DuFrame *frame, DuObject *symbol)
{
    int32_t slot;
    DuBinding *e = find(frame, ((DuSymbol *)symbol)->id, &slot);
    if (e != NULL) {
        du_write((DuObject *)frame->bindings);
        return e;
    }
    DuBindings *b = frame->bindings;
    if (b == NULL || b->count == b->capacity) {
        int32_t capacity = b == NULL ? 4 : b->capacity * 2;
        DU_PUSH(frame);
        DU_PUSH(symbol);
        DuBindings *bigger = bindings_new(capacity);
        DU_POP(symbol);
        DU_POP(frame);
        du_read((DuObject *)frame);
        b = frame->bindings;
        if (b != NULL) {
            du_read((DuObject *)b);
            for (int32_t i = 0; i < b->count; i++)
                bigger->entry[i] = b->entry[i];
            bigger->count = b->count;
        }
        du_write((DuObject *)frame);
        frame->bindings = bigger;
        b = bigger;
    } else {
        du_write((DuObject *)b);
    }
    for (int32_t i = b->count; i > slot; i--)
        b->entry[i] = b->entry[i - 1];
    b->count++;
    e = &b->entry[slot];
    e->symbol = (DuSymbol *)symbol;
    e->value = NULL;
    e->params = NULL;
    e->body = NULL;
    return e;
}

/* 'symbol' is one: setq and defun check what they are given */
void du_frame_set_variable(DuFrame *frame, DuObject *symbol, DuObject *value)
{
    DU_PUSH(value);
    DuBinding *e = entry_for_write(frame, symbol);
    DU_POP(value);
    e->value = value;
}

void du_frame_set_function(DuFrame *frame, DuObject *symbol, DuObject *params,
                           DuObject *body)
{
    DU_PUSH(params);
    DU_PUSH(body);
    DuBinding *e = entry_for_write(frame, symbol);
    DU_POP(body);
    DU_POP(params);
    e->params = params;
    e->body = body;
    atomic_store(&((DuSymbol *)symbol)->info->maybe_function, true);
}
