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

ssize_t stmcb_size_rounded_up(struct object_s *obj)
{
    return node_size(((struct node_s *)obj)->nrefs);
}

void stmcb_trace(struct object_s *obj, void visit(object_t **))
{
    struct node_s *n = (struct node_s *)obj;
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
    return ((struct node_s *)obj)->nrefs >= 64;
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

#endif
