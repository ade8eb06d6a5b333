/* Python 3.11 tokenizer for pystm: UTF-8 source bytes -> an array of
   tokens (NAME, NUMBER, STRING, operators, keywords, NEWLINE, INDENT,
   DEDENT, ENDMARKER), with CPython's error messages.  See
   doc/pystm-parser.md. */
#ifndef PYSTM_TOKENIZER_H
#define PYSTM_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

/* ---- errors (shared with the parser) ---- */

typedef enum {
    PYERR_NONE = 0,
    PYERR_SYNTAX,      /* SyntaxError */
    PYERR_INDENTATION, /* IndentationError */
    PYERR_TAB,         /* TabError */
} pyerr_kind;

/* A syntax error as CPython reports it: lineno 1-based; offset and
   end_offset are 1-based character (not byte) columns, 0 when unknown
   (lineno 0 too for errors about the whole source).  `text` is the
   offending line with its newline, in the caller's arena. */
typedef struct pytok_error {
    pyerr_kind kind;
    char msg[256];
    int lineno, offset, end_lineno, end_offset;
    const char *text;
    /* a tokenizer error CPython reports only when the parser reaches it
       (bad indentation, line continuation, EOF after a backslash); the
       others also replace any parser error found earlier */
    bool soft;
} pytok_error;

const char *pytok_error_kind_name(pyerr_kind kind);

/* ---- tokens ---- */

#define PYTOK_KEYWORDS(X)   \
    X(FALSE, "False")       \
    X(NONE, "None")         \
    X(TRUE, "True")         \
    X(AND, "and")           \
    X(AS, "as")             \
    X(ASSERT, "assert")     \
    X(ASYNC, "async")       \
    X(AWAIT, "await")       \
    X(BREAK, "break")       \
    X(CLASS, "class")       \
    X(CONTINUE, "continue") \
    X(DEF, "def")           \
    X(DEL, "del")           \
    X(ELIF, "elif")         \
    X(ELSE, "else")         \
    X(EXCEPT, "except")     \
    X(FINALLY, "finally")   \
    X(FOR, "for")           \
    X(FROM, "from")         \
    X(GLOBAL, "global")     \
    X(IF, "if")             \
    X(IMPORT, "import")     \
    X(IN, "in")             \
    X(IS, "is")             \
    X(LAMBDA, "lambda")     \
    X(NONLOCAL, "nonlocal") \
    X(NOT, "not")           \
    X(OR, "or")             \
    X(PASS, "pass")         \
    X(RAISE, "raise")       \
    X(RETURN, "return")     \
    X(TRY, "try")           \
    X(WHILE, "while")       \
    X(WITH, "with")         \
    X(YIELD, "yield")

/* operators in any order: the scanner takes the longest match */
#define PYTOK_OPERATORS(X)     \
    X(LPAR, "(")               \
    X(RPAR, ")")               \
    X(LSQB, "[")               \
    X(RSQB, "]")               \
    X(LBRACE, "{")             \
    X(RBRACE, "}")             \
    X(COLON, ":")              \
    X(COMMA, ",")              \
    X(SEMI, ";")               \
    X(PLUS, "+")               \
    X(MINUS, "-")              \
    X(STAR, "*")               \
    X(SLASH, "/")              \
    X(VBAR, "|")               \
    X(AMPER, "&")              \
    X(LESS, "<")               \
    X(GREATER, ">")            \
    X(EQUAL, "=")              \
    X(DOT, ".")                \
    X(PERCENT, "%")            \
    X(EQEQUAL, "==")           \
    X(NOTEQUAL, "!=")          \
    X(LESSEQUAL, "<=")         \
    X(GREATEREQUAL, ">=")      \
    X(TILDE, "~")              \
    X(CIRCUMFLEX, "^")         \
    X(LEFTSHIFT, "<<")         \
    X(RIGHTSHIFT, ">>")        \
    X(DOUBLESTAR, "**")        \
    X(PLUSEQUAL, "+=")         \
    X(MINEQUAL, "-=")          \
    X(STAREQUAL, "*=")         \
    X(SLASHEQUAL, "/=")        \
    X(PERCENTEQUAL, "%=")      \
    X(AMPEREQUAL, "&=")        \
    X(VBAREQUAL, "|=")         \
    X(CIRCUMFLEXEQUAL, "^=")   \
    X(LEFTSHIFTEQUAL, "<<=")   \
    X(RIGHTSHIFTEQUAL, ">>=")  \
    X(DOUBLESTAREQUAL, "**=")  \
    X(DOUBLESLASH, "//")       \
    X(DOUBLESLASHEQUAL, "//=") \
    X(AT, "@")                 \
    X(ATEQUAL, "@=")           \
    X(RARROW, "->")            \
    X(ELLIPSIS, "...")         \
    X(COLONEQUAL, ":=")        \
    X(EXCLAMATION, "!")

typedef enum {
    PYTOK_ENDMARKER,
    PYTOK_NAME,
    PYTOK_NUMBER,
    PYTOK_STRING,
    PYTOK_NEWLINE,
    PYTOK_INDENT,
    PYTOK_DEDENT,
    /* end of input inside brackets: the parser reports "'(' was never
       closed" when it needs this token */
    PYTOK_EOF_IN_BRACKETS,
    /* a printable ASCII character that is no operator ($ ? `): CPython
       makes it an OP token that no rule accepts */
    PYTOK_UNKNOWN_OP,
    /* where the tokenizer stopped with an error: the parser reports that
       error when it gets there */
    PYTOK_ERRORTOKEN,
#define PYTOK_ENUM_(n, s) PYTOK_##n,
    PYTOK_OPERATORS(PYTOK_ENUM_) PYTOK_KEYWORDS(PYTOK_ENUM_)
#undef PYTOK_ENUM_
        PYTOK_NTYPES
} pytok_type;

#define PYTOK_FIRST_KEYWORD PYTOK_FALSE

/* Columns are 0-based byte offsets in the physical line; `start`/`len`
   is the token's text in the tokenizer's normalized source (newlines
   translated to \n), valid while the pytok_tokens lives. */
typedef struct pytok_token {
    pytok_type type;
    int lineno, col, end_lineno, end_col;
    const char *start;
    uint32_t len;
} pytok_token;

typedef struct pytok_tokens {
    /* ends with ENDMARKER, EOF_IN_BRACKETS or (after an error) ERRORTOKEN */
    pytok_token *toks;
    int n;
    char *src; /* the normalized source, NUL-terminated */
    size_t srclen;
    /* innermost unclosed bracket when the input ended inside brackets */
    int open_lineno, open_col;
    char open_char;
    bool added_newline; /* the source did not end with a newline */
} pytok_tokens;

/* Tokenizes `len` bytes.  Returns 0 and fills `out`, or -1 and fills
   `err` (its text allocated in `arena`); then `out` still holds the tokens
   before the error, ended by an ERRORTOKEN (none if the source itself was
   refused: null bytes, encoding).  Either way call pytok_free().
   The source may start with a UTF-8 BOM and declare a coding cookie. */
int pytok_tokenize(const char *source, size_t len, pytok_tokens *out,
                   pytok_error *err, pyast_arena *arena);
/* The same for the UTF-8 of a str (compile(), exec() and eval() of a
   str): already decoded, so no BOM is dropped and no cookie obeyed. */
int pytok_tokenize_text(const char *source, size_t len, pytok_tokens *out,
                        pytok_error *err, pyast_arena *arena);
void pytok_free(pytok_tokens *t);

const char *pytok_type_name(pytok_type t);

/* Fill `err` for a position given as a byte column of a line of `src`
   (NUL-terminated, lines split on \n); offsets become 1-based character
   columns.  `end_lineno` 0 means "same as start". */
void pytok_set_error(pytok_error *err, pyast_arena *arena, const char *src,
                     pyerr_kind kind, int lineno, int bcol, int end_lineno,
                     int end_bcol, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));

/* The first byte where strict UTF-8 decoding of s[0..n) fails, or NULL;
   *reason is then Python's ("invalid start byte", "invalid continuation
   byte", "unexpected end of data"). */
const char *pytok_find_bad_utf8(const char *s, size_t n, const char **reason);

/* Decode one UTF-8 sequence at s (n bytes available); returns its length
   (0 if invalid) and stores the code point.  Accepts the 3-byte surrogate
   forms only when `allow_surrogates`. */
int pytok_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp,
                      int allow_surrogates);

/* str.isprintable() for one code point */
bool pytok_is_printable(uint32_t cp);

#endif
