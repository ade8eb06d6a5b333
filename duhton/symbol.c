/* symbol.c -- symbols: unique per name and immortal (prebuilt objects).
 * The name table is plain C: symbols are only made by the parser and at
 * start-up, while no worker thread runs.
 */
#include "duhton.h"

#include <stdlib.h>
#include <string.h>

struct symbol_record {
    struct du_symbol_info info;
    struct du_symbol_s heap_template; /* what stm_setup_prebuilt copies */
};

static struct symbol_record **table; /* open addressing, by name */
static size_t table_size, table_count;
static int32_t next_id = 1;

static uint64_t hash_name(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static void grow_table(void)
{
    size_t new_size = table_size ? table_size * 2 : 256;
    struct symbol_record **t = calloc(new_size, sizeof(*t));
    if (t == NULL)
        du_fatal("out of memory (symbol table)");
    for (size_t i = 0; i < table_size; i++) {
        struct symbol_record *r = table[i];
        if (r == NULL)
            continue;
        size_t j =
            hash_name(r->info.name, strlen(r->info.name)) & (new_size - 1);
        while (t[j] != NULL)
            j = (j + 1) & (new_size - 1);
        t[j] = r;
    }
    free(table);
    table = t;
    table_size = new_size;
}

DuObject *du_symbol_intern_len(const char *name, size_t len)
{
    size_t j = 0;
    if (table_size != 0) {
        j = hash_name(name, len) & (table_size - 1);
        for (; table[j] != NULL; j = (j + 1) & (table_size - 1)) {
            struct symbol_record *r = table[j];
            if (strncmp(r->info.name, name, len) == 0 && r->info.name[len] == 0)
                return (DuObject *)r->info.heap;
        }
    }
    /* a new symbol: only the parser and the start-up get here */
    if ((table_count + 1) * 2 > table_size) {
        grow_table();
        j = hash_name(name, len) & (table_size - 1);
        while (table[j] != NULL)
            j = (j + 1) & (table_size - 1);
    }
    struct symbol_record *r = calloc(1, sizeof(*r));
    char *copy = malloc(len + 1);
    if (r == NULL || copy == NULL)
        du_fatal("out of memory (symbol table)");
    memcpy(copy, name, len);
    copy[len] = 0;
    r->info.name = copy;
    r->info.id = next_id++;
    r->heap_template.ob.type = DUTYPE_SYMBOL;
    r->heap_template.id = r->info.id;
    r->heap_template.info = &r->info;
    r->info.heap = (DuSymbol *)stm_setup_prebuilt(
        (object_t *)(uintptr_t)&r->heap_template);
    table[j] = r;
    table_count++;
    return (DuObject *)r->info.heap;
}

DuObject *du_symbol_intern(const char *name)
{
    return du_symbol_intern_len(name, strlen(name));
}

void du_symbol_set_builtin(const char *name, du_builtin_fn fn)
{
    ((DuSymbol *)du_symbol_intern(name))->info->builtin = fn;
}
