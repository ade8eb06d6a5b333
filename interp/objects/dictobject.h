/* dictobject.h -- dict: CPython 3.11's compact, insertion-ordered hash
 * table (design notes in dictobject.c), its views and iterators.
 *
 * A dict is a small PYL_DICT object (length + a pointer to its table)
 * and a PYL_DICTKEYS table: an index array (hash -> entry number) and
 * the entries (hash, key, value) in insertion order.  Both are mutable:
 * read them after pyobj_read(), change them after pyobj_write() -- again
 * after anything that may allocate or run Python code.  Comparing keys
 * may run Python code (__eq__), which may change the dict: every lookup
 * copes, as CPython's does.
 */
#ifndef PYSTM_DICTOBJECT_H
#define PYSTM_DICTOBJECT_H

#include "../runtime/object.h"
#include "typeobject.h"

typedef TLPREFIX struct pydict_s PyDict;
typedef TLPREFIX struct pydictkeys_s PyDictKeys;

struct pydict_s {
    struct pyobj_s ob;
    int64_t used; /* len() */
    PyObj *keys;  /* PYL_DICTKEYS, NULL while nothing was ever stored */
};

struct pydictentry {
    int64_t hash;
    pyval key;   /* 0: deleted */
    pyval value; /* 0: deleted */
};

/* PYL_DICTKEYS */
struct pydictkeys_s {
    struct pyobj_s ob;
    int64_t log2size; /* the index array has 1 << log2size slots */
    int64_t usable;   /* entries that may still be appended */
    int64_t nentries; /* entries appended so far (deleted ones too) */
    /* a new value (unique in the process) whenever a key is added: a
       (table, stamp) pair names one set of keys, so the VM's hints can
       check that a name is still absent */
    uint64_t stamp;
    /* the index array (1, 2, 4 or 8 bytes per slot: -1 empty, -2
       deleted, else an entry number), then the entries, 8-aligned */
    char data[];
};

/* the entries of a table: after the index, whose slots take 1, 2, 4 or
   8 bytes as the table's size needs */
static inline int pydictkeys_ix_log2width(int64_t log2size)
{
    return log2size <= 7 ? 0 : log2size <= 15 ? 1 : log2size <= 31 ? 2 : 3;
}

static inline size_t pydictkeys_entries_offset(int64_t log2size)
{
    return offsetof(struct pydictkeys_s, data) +
           ((size_t)1 << (log2size + pydictkeys_ix_log2width(log2size)));
}

/* entry i of a table (read after pyobj_read(k)) */
static inline TLPREFIX struct pydictentry *pydictkeys_entry(PyObj *k, int64_t i)
{
    return (TLPREFIX struct pydictentry *)((stm_char *)k +
                                           pydictkeys_entries_offset(
                                               ((PyDictKeys *)k)->log2size)) +
           i;
}

extern PyType *pytype_dict;
extern PyType *pytype_dict_keys, *pytype_dict_values, *pytype_dict_items;
extern PyType *pytype_dict_keyiterator, *pytype_dict_valueiterator,
    *pytype_dict_itemiterator;
extern PyType *pytype_dict_reversekeyiterator,
    *pytype_dict_reversevalueiterator, *pytype_dict_reverseitemiterator;

static inline PyDict *pydict(pyval v)
{
    return (PyDict *)pyval_obj(v);
}

/* dict or a subclass */
bool pydict_check(pyval v);
bool pydict_check_exact(pyval v);

pyval pydict_new(void);
/* the value, or 0: absent (no exception) or an error (exception set:
   the key is unhashable, or its __eq__ failed) */
pyval pydict_get(pyval dict, pyval key);
/* the same for a str key (compares the hash and pointer, then the text;
   other kinds of keys with the same hash are compared by __eq__) */
pyval pydict_get_str(pyval dict, pyval key);
/* pydict_get_str that also gives the entry number of the key (-1 if
   absent), for the VM's hints */
pyval pydict_get_str_index(pyval dict, pyval key, int64_t *index);
/* the same with a hint: *hint is the entry number where the key was
   last found (in this dict or one built the same way, as the
   attributes of instances of a class are); checked, then updated */
pyval pydict_get_str_hinted(pyval dict, pyval key, int64_t *hint);
/* d[key] = value for a str key, trying the hinted entry first */
int pydict_set_str_hinted(pyval dict, pyval key, pyval value, int64_t *hint);
/* the same for a C string whose address never changes (a literal: its
   interned str is remembered, see pystr_name) */
pyval pydict_get_cstr(pyval dict, const char *key);
/* 1, 0, or -1 on error */
int pydict_contains(pyval dict, pyval key);
int pydict_set(pyval dict, pyval key, pyval value);
int pydict_set_cstr(pyval dict, const char *key, pyval value);
/* KeyError if absent */
int pydict_del(pyval dict, pyval key);
int64_t pydict_len(pyval dict);
/* Iteration in insertion order: *pos starts at 0; false at the end.
   Changing the dict meanwhile does not crash (CPython's PyDict_Next). */
bool pydict_next(pyval dict, int64_t *pos, pyval *key, pyval *value);
/* the same, also giving the stored hash */
bool pydict_next_hash(pyval dict, int64_t *pos, pyval *key, pyval *value,
                      int64_t *hash);
pyval pydict_copy(pyval dict);
/* dict.update(other): a mapping (a dict, or anything with keys()) or an
   iterable of pairs */
int pydict_update(pyval dict, pyval other);
/* dict.update from a mapping: existing keys are replaced if 'override' */
int pydict_merge(pyval dict, pyval other, bool override);
void pydict_clear(pyval dict);
/* dict.pop(key[, default]): dflt 0 = KeyError when absent */
pyval pydict_pop(pyval dict, pyval key, pyval dflt);
/* dict.setdefault(key, dflt) */
pyval pydict_setdefault(pyval dict, pyval key, pyval dflt);
/* known-hash lookups (the hash stored in another table): the value or
   0 (absent, or an error with an exception set); 1, 0, -1 */
pyval pydict_get_hash(pyval dict, pyval key, int64_t hash);
int pydict_contains_hash(pyval dict, pyval key, int64_t hash);

extern const struct pytype_slots pydict_slots;
extern const struct pymethod_def pydict_methods[];

size_t pydictkeys_gc_size(struct pyobj_s *o);
void pydictkeys_gc_trace(struct pyobj_s *o, void visit(object_t **));
void pydict_gc_trace(struct pyobj_s *o, void visit(object_t **));

/* outside transactions, before pytype_finish_builtins(): the types */
void pydict_setup_types(void);

#endif
