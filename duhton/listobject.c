/* listobject.c -- lists: a growable array of items.
 *
 * The list object points to a separate items object with spare capacity:
 * appending writes the items in place (one write barrier) until they are
 * full, then a twice bigger items object replaces them.  Two transactions
 * appending to one list conflict, as they must.
 */
#include "duhton.h"

static DuItems *items_new(int32_t capacity)
{
    DuItems *it = (DuItems *)stm_allocate(sizeof(struct du_items_s) +
                                          capacity * sizeof(DuObject *));
    it->ob.type = DUTYPE_ITEMS;
    it->count = 0;
    it->capacity = capacity;
    return it;
}

DuObject *du_list_new(void)
{
    DuItems *it = items_new(4);
    DU_PUSH(it);
    DuList *l = (DuList *)stm_allocate(sizeof(struct du_list_s));
    DU_POP(it);
    l->ob.type = DUTYPE_LIST;
    l->items = it;
    return (DuObject *)l;
}

static DuItems *items_of(DuObject *list)
{
    du_read(list);
    DuItems *it = ((DuList *)list)->items;
    du_read((DuObject *)it);
    return it;
}

int32_t du_list_length(DuObject *list)
{
    return items_of(list)->count;
}

static void check_index(DuItems *it, int32_t index, const char *form)
{
    if (UNLIKELY(index < 0 || index >= it->count))
        du_fatal("%s: index %d out of range for a list of length %d", form,
                 index, it->count);
}

DuObject *du_list_get(DuObject *list, int32_t index, const char *form)
{
    DuItems *it = items_of(list);
    check_index(it, index, form);
    return it->item[index];
}

void du_list_set(DuObject *list, int32_t index, DuObject *v, const char *form)
{
    DuItems *it = items_of(list);
    check_index(it, index, form);
    du_write((DuObject *)it);
    it->item[index] = v;
}

void du_list_append(DuObject *list, DuObject *v)
{
    DuItems *it = items_of(list);
    if (it->count == it->capacity) {
        if (it->capacity >= (1 << 28))
            du_fatal("append: list too long");
        DU_PUSH(list);
        DU_PUSH(v);
        DuItems *bigger = items_new(it->capacity * 2);
        DU_POP(v);
        DU_POP(list);
        it = items_of(list); /* may have moved */
        for (int32_t i = 0; i < it->count; i++)
            bigger->item[i] = it->item[i];
        bigger->count = it->count;
        du_write(list);
        ((DuList *)list)->items = bigger;
        it = bigger;
    } else {
        du_write((DuObject *)it);
    }
    it->item[it->count++] = v;
}

DuObject *du_list_pop(DuObject *list, int32_t index, const char *form)
{
    DuItems *it = items_of(list);
    if (UNLIKELY(it->count == 0))
        du_fatal("%s: empty list", form);
    check_index(it, index, form);
    du_write((DuObject *)it);
    DuObject *result = it->item[index];
    for (int32_t i = index; i < it->count - 1; i++)
        it->item[i] = it->item[i + 1];
    it->count--;
    it->item[it->count] = NULL;
    return result;
}
