/* parser.c -- source text to cons chains.
 *
 * Tokens end at whitespace or a parenthesis; a token that strtol() reads
 * completely is an int (truncated to 32 bits like the original's C int),
 * anything else a symbol; ';' at the start of a token comments out the
 * rest of the line.  The items of a list being read wait on the shadow
 * stack (they may move while later items are allocated) and are linked
 * into a chain at its ')'.
 */
#include "duhton.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct parser {
    const char *p, *end;
    bool *incomplete; /* non-NULL: report a missing ')' here, no error */
};

static void skip_blanks_and_comments(struct parser *ps)
{
    while (ps->p < ps->end) {
        unsigned char c = (unsigned char)*ps->p;
        if (isspace(c)) {
            ps->p++;
        } else if (c == ';') {
            while (ps->p < ps->end && *ps->p != '\n')
                ps->p++;
        } else {
            break;
        }
    }
}

static DuObject *parse_token(struct parser *ps)
{
    const char *start = ps->p;
    while (ps->p < ps->end && !isspace((unsigned char)*ps->p) &&
           *ps->p != '(' && *ps->p != ')')
        ps->p++;
    size_t len = (size_t)(ps->p - start);
    char small[64];
    char *token = len < sizeof(small) ? small : malloc(len + 1);
    if (token == NULL)
        du_fatal("out of memory (a token of %zu bytes)", len);
    memcpy(token, start, len);
    token[len] = 0;
    char *tail;
    long number = strtol(token, &tail, 0);
    DuObject *result = (*tail == 0 && tail != token)
                           ? du_int_new((int32_t)number)
                           : du_symbol_intern_len(token, len);
    if (token != small)
        free(token);
    return result;
}

/* Links the top 'n' shadow-stack entries into a chain, pops them. */
static DuObject *chain_from_roots(int32_t n)
{
    struct stm_shadowentry_s *first = du_tl.shadowstack - n;
    DuObject *chain = Du_None;
    for (int32_t i = n - 1; i >= 0; i--)
        chain = du_cons_new((DuObject *)first[i].ss, chain);
    du_tl.shadowstack = first;
    return chain;
}

/* Items up to the matching ')' (level > 0) or the end (level 0).
   Returns NULL if the text ends inside a list and ps->incomplete is set. */
static DuObject *parse_items(struct parser *ps, int level)
{
    int32_t n = 0;
    du_check_depth();
    while (1) {
        skip_blanks_and_comments(ps);
        if (ps->p == ps->end) {
            if (level > 0) {
                if (ps->incomplete == NULL)
                    du_fatal("more '(' than ')'");
                *ps->incomplete = true;
                du_tl.shadowstack -= n;
                return NULL;
            }
            break;
        }
        DuObject *item;
        char c = *ps->p;
        if (c == '(') {
            ps->p++;
            item = parse_items(ps, level + 1);
            if (item == NULL) {
                du_tl.shadowstack -= n;
                return NULL;
            }
        } else if (c == ')') {
            if (level == 0)
                du_fatal("more ')' than '('");
            ps->p++;
            break;
        } else {
            item = parse_token(ps);
        }
        DU_PUSH(item);
        n++;
    }
    return chain_from_roots(n);
}

/* Checks the parentheses before building anything, so that an
   unbalanced program fails before any of it runs; returns false for a
   missing ')' when the caller can read more text. */
static bool balanced(const char *p, const char *end, bool incomplete_ok)
{
    long depth = 0;
    while (p < end) {
        char c = *p;
        if (c == ';') {
            while (p < end && *p != '\n')
                p++;
            continue;
        }
        if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (--depth < 0)
                du_fatal("more ')' than '('");
        } else if (!isspace((unsigned char)c)) {
            /* a token: ';' inside it does not start a comment */
            while (p < end && !isspace((unsigned char)*p) && *p != '(' &&
                   *p != ')')
                p++;
            continue;
        }
        p++;
    }
    if (depth > 0) {
        if (incomplete_ok)
            return false;
        du_fatal("more '(' than ')'");
    }
    return true;
}

DuObject *du_parse(const char *text, size_t len, bool *incomplete)
{
    if (incomplete != NULL)
        *incomplete = false;
    if (!balanced(text, text + len, incomplete != NULL)) {
        *incomplete = true;
        return NULL;
    }
    struct parser ps = {text, text + len, incomplete};
    return parse_items(&ps, 0);
}
