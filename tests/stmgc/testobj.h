/* testobj.h -- the object model of the stmgc tests and stress programs:
 * a node with an integer value and a variable number of references.
 * Include it in exactly one .c file of a program (it defines the stmcb_
 * callbacks). */
#ifndef TESTOBJ_H
#define TESTOBJ_H

#include <stmgc.h>

struct node_s {
    struct object_s hdr;
    uint32_t nrefs;
    int64_t value;
    object_t *refs[];
};
typedef TLPREFIX struct node_s node_t;

#define NODE(o) ((node_t *)(o))

static inline ssize_t node_size(uint32_t nrefs)
{
    return 16 + 8 * (ssize_t)nrefs;
}

/* A hashtable's holder: a node whose 'nrefs' is this tag, and whose
   first reference slot holds the stm_hashtable_t (not an object).
   Hashtable entries look like nodes with one reference (their userdata,
   where nrefs is, is 1), so they need nothing special. */
#define HASHTABLE_HOLDER 0x7fffffffu

ssize_t stmcb_size_rounded_up(struct object_s *obj)
{
    uint32_t nrefs = ((struct node_s *)obj)->nrefs;
    return node_size(nrefs == HASHTABLE_HOLDER ? 1 : nrefs);
}

void stmcb_trace(struct object_s *obj, void visit(object_t **))
{
    struct node_s *n = (struct node_s *)obj;
    if (n->nrefs == HASHTABLE_HOLDER) {
        stm_hashtable_tracefn(obj, (stm_hashtable_t *)(uintptr_t)n->refs[0],
                              visit);
        return;
    }
    for (uint32_t i = 0; i < n->nrefs; i++)
        visit(&n->refs[i]);
}

void stmcb_commit_soon(void)
{
}

/* Card marking: nodes with many references support it; the tests count
   the items traced through cards. */
long cards_traced_items;

long stmcb_obj_supports_cards(struct object_s *obj)
{
    uint32_t nrefs = ((struct node_s *)obj)->nrefs;
    return nrefs >= 64 && nrefs != HASHTABLE_HOLDER;
}

void stmcb_trace_cards(struct object_s *obj, void visit(object_t **),
                       uintptr_t start, uintptr_t stop)
{
    struct node_s *n = (struct node_s *)obj;
    if (stop > n->nrefs)
        stop = n->nrefs;
    for (uintptr_t i = start; i < stop; i++) {
        visit(&n->refs[i]);
        cards_traced_items++;
    }
}

void stmcb_get_card_base_itemsize(struct object_s *obj,
                                  uintptr_t offset_itemsize[2])
{
    (void)obj;
    offset_itemsize[0] = offsetof(struct node_s, refs);
    offset_itemsize[1] = sizeof(object_t *);
}

/* A new node; references start NULL.  Call inside a transaction. */
static inline object_t *new_node(uint32_t nrefs, int64_t value)
{
    object_t *o = stm_allocate(node_size(nrefs));
    NODE(o)->nrefs = nrefs;
    NODE(o)->value = value;
    for (uint32_t i = 0; i < nrefs; i++)
        NODE(o)->refs[i] = NULL;
    return o;
}

/* An old node, outside any transaction. */
static inline object_t *new_old_node(uint32_t nrefs, int64_t value)
{
    object_t *o = _stm_allocate_old(node_size(nrefs));
    struct node_s *n = (struct node_s *)_stm_real_address(o);
    n->nrefs = nrefs;
    n->value = value;
    return o;
}

static inline int64_t get_value(object_t *o)
{
    stm_read(o);
    return NODE(o)->value;
}

static inline void set_value(object_t *o, int64_t v)
{
    stm_write(o);
    NODE(o)->value = v;
}

static inline object_t *get_ref(object_t *o, uint32_t i)
{
    stm_read(o);
    return NODE(o)->refs[i];
}

static inline void set_ref(object_t *o, uint32_t i, object_t *target)
{
    stm_write(o);
    NODE(o)->refs[i] = target;
}

/* An old holder of a new hashtable (entries: userdata 1). */
static inline object_t *new_hashtable_holder(void)
{
    stm_hashtable_entry_userdata = 1;
    object_t *o = _stm_allocate_old(node_size(1));
    struct node_s *n = (struct node_s *)_stm_real_address(o);
    n->nrefs = HASHTABLE_HOLDER;
    n->refs[0] = (object_t *)(uintptr_t)stm_hashtable_create();
    return o;
}

static inline stm_hashtable_t *hashtable_of(object_t *holder)
{
    /* the table pointer never changes: no barrier needed */
    return (stm_hashtable_t *)(uintptr_t)NODE(holder)->refs[0];
}

#endif
