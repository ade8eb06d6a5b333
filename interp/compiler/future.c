/* future.c -- "from __future__ import name": which features a module
 * turns on.  Such imports count only at the very top of a module (after
 * its docstring); the compiler rejects any later one (by line, as
 * CPython does, so several on one line with a semicolon are fine).
 * Features of Python 3 that were once optional are accepted and do
 * nothing; 'annotations' makes every annotation a string.
 */
#include "future.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int flag;
} features[] = {
    {"nested_scopes", 0},
    {"generators", 0},
    {"division", 0x20000},
    {"absolute_import", 0x40000},
    {"with_statement", 0x80000},
    {"print_function", 0x100000},
    {"unicode_literals", 0x200000},
    {"barry_as_FLUFL", PYCOMP_FUTURE_BARRY_AS_BDFL},
    {"generator_stop", 0x800000},
    {"annotations", PYCOMP_FUTURE_ANNOTATIONS},
};

static void error(struct pycomp_future *out, const char *msg, pyast_node *at)
{
    if (out->error == NULL) {
        out->error = msg;
        out->error_at = at;
    }
}

static void check_names(pyast_node *s, pyast_arena *arena,
                        struct pycomp_future *out)
{
    for (int i = 0; i < PYAST_SEQ_LEN(s->v.ImportFrom.names); i++) {
        pyast_node *alias = PYAST_SEQ_GET(s->v.ImportFrom.names, i);
        const char *name = alias->v.alias.name;
        size_t n = sizeof(features) / sizeof(features[0]);
        size_t k = 0;
        while (k < n && strcmp(features[k].name, name) != 0)
            k++;
        if (k < n) {
            out->flags |= features[k].flag;
            continue;
        }
        if (strcmp(name, "braces") == 0) {
            error(out, "not a chance", s);
            return;
        }
        size_t len = strlen(name) + 40;
        char *msg = pyast_alloc(arena, len);
        snprintf(msg, len, "future feature %s is not defined", name);
        error(out, msg, s);
        return;
    }
}

void pycomp_future_scan(pyast_node *mod, pyast_arena *arena,
                        struct pycomp_future *out)
{
    memset(out, 0, sizeof(*out));
    pyast_seq *body;
    if (mod->kind == PYAST_Module)
        body = mod->v.Module.body;
    else if (mod->kind == PYAST_Interactive)
        body = mod->v.Interactive.body;
    else
        return;
    bool docstring_seen = false;
    for (int i = 0; i < PYAST_SEQ_LEN(body) && !out->error; i++) {
        pyast_node *s = PYAST_SEQ_GET(body, i);
        if (s->kind == PYAST_ImportFrom && s->v.ImportFrom.module &&
            strcmp(s->v.ImportFrom.module, "__future__") == 0) {
            check_names(s, arena, out);
            out->lineno = s->lineno;
            continue;
        }
        bool is_str = s->kind == PYAST_Expr &&
                      s->v.Expr.value->kind == PYAST_Constant &&
                      s->v.Expr.value->v.Constant.value.kind == PYAST_CONST_STR;
        if (is_str && !docstring_seen && i == 0) {
            docstring_seen = true;
            continue;
        }
        break;
    }
}
