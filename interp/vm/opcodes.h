/* opcodes.h -- pystm's bytecode.
 *
 * An instruction is one 32-bit word: the opcode in the low 8 bits, the
 * argument in the high 24 (no EXTENDED_ARG; a function needing more is
 * refused by the compiler).  Jump arguments are absolute instruction
 * indexes.  The evaluation stack holds pyvals; a call sees
 *     [callable, self_or_NULL, arg1, ..., argN]   CALL N
 * (LOAD_METHOD leaves a function and its self, LOAD_* + PUSH_NULL a
 * plain callable), with keyword names set just before by KW_NAMES.
 *
 * Exceptions use a table, not a block stack: each protected range of
 * instructions names its handler and the stack depth to unwind to
 * (code.h); entering a try costs nothing.
 *
 * X(name, has_arg, is_jump)
 */
#ifndef PYSTM_OPCODES_H
#define PYSTM_OPCODES_H

#define PYVM_OPCODES(X)                                                     \
    X(NOP, 0, 0)                                                            \
    X(POP_TOP, 0, 0)                                                        \
    X(PUSH_NULL, 0, 0)                                                      \
    X(COPY, 1, 0) /* push a copy of the arg-th item (1 = top) */            \
    X(SWAP, 1, 0) /* swap the top with the arg-th item */                   \
    X(LOAD_CONST, 1, 0)                                                     \
    X(LOAD_FAST, 1, 0)                                                      \
    X(STORE_FAST, 1, 0)                                                     \
    X(DELETE_FAST, 1, 0)                                                    \
    X(LOAD_DEREF, 1, 0) /* cell slot arg (cells follow the locals) */       \
    X(STORE_DEREF, 1, 0)                                                    \
    X(DELETE_DEREF, 1, 0)                                                   \
    X(LOAD_CLOSURE, 1, 0)    /* the cell object itself */                   \
    X(LOAD_CLASSDEREF, 1, 0) /* class body: locals dict, then the cell */   \
    X(LOAD_GLOBAL, 1, 0)     /* names[arg] in globals, then builtins */     \
    X(STORE_GLOBAL, 1, 0)                                                   \
    X(DELETE_GLOBAL, 1, 0)                                                  \
    X(LOAD_NAME, 1, 0) /* locals dict, globals, builtins */                 \
    X(STORE_NAME, 1, 0)                                                     \
    X(DELETE_NAME, 1, 0)                                                    \
    X(LOAD_ATTR, 1, 0)                                                      \
    X(STORE_ATTR, 1, 0)                                                     \
    X(DELETE_ATTR, 1, 0)                                                    \
    X(LOAD_METHOD, 1, 0) /* pushes [function, self] or [attr, NULL] */      \
    X(BINARY_SUBSCR, 0, 0)                                                  \
    X(STORE_SUBSCR, 0, 0) /* TOS1[TOS] = TOS2 */                            \
    X(DELETE_SUBSCR, 0, 0)                                                  \
    X(BUILD_SLICE, 1, 0)                                                    \
    X(BINARY_OP, 1, 0) /* enum pybinop, + PYVM_INPLACE for x op= y */       \
    X(UNARY_NEGATIVE, 0, 0)                                                 \
    X(UNARY_POSITIVE, 0, 0)                                                 \
    X(UNARY_INVERT, 0, 0)                                                   \
    X(UNARY_NOT, 0, 0)                                                      \
    X(COMPARE_OP, 1, 0)  /* enum pycmpop */                                 \
    X(IS_OP, 1, 0)       /* arg 1: is not */                                \
    X(CONTAINS_OP, 1, 0) /* arg 1: not in */                                \
    X(BUILD_TUPLE, 1, 0)                                                    \
    X(BUILD_LIST, 1, 0)                                                     \
    X(BUILD_SET, 1, 0)                                                      \
    X(BUILD_MAP, 1, 0) /* arg pairs key, value */                           \
    X(BUILD_CONST_KEY_MAP, 1, 0)                                            \
    X(BUILD_STRING, 1, 0) /* concatenates arg strs (f-strings) */           \
    X(LIST_APPEND, 1, 0)  /* to the list arg items down (comprehensions) */ \
    X(SET_ADD, 1, 0)                                                        \
    X(MAP_ADD, 1, 0)                                                        \
    X(LIST_EXTEND, 1, 0)                                                    \
    X(SET_UPDATE, 1, 0)                                                     \
    X(DICT_UPDATE, 1, 0)                                                    \
    X(DICT_MERGE, 1, 0) /* ** in calls: duplicate keys are errors */        \
    X(LIST_TO_TUPLE, 0, 0)                                                  \
    X(FORMAT_VALUE, 1, 0) /* conversion in bits 0-1, spec on stack: 4 */    \
    X(UNPACK_SEQUENCE, 1, 0)                                                \
    X(UNPACK_EX, 1, 0) /* before | after << 8 */                            \
    X(JUMP, 1, 1)                                                           \
    X(POP_JUMP_IF_FALSE, 1, 1)                                              \
    X(POP_JUMP_IF_TRUE, 1, 1)                                               \
    X(POP_JUMP_IF_NONE, 1, 1)                                               \
    X(POP_JUMP_IF_NOT_NONE, 1, 1)                                           \
    X(JUMP_IF_FALSE_OR_POP, 1, 1)                                           \
    X(JUMP_IF_TRUE_OR_POP, 1, 1)                                            \
    X(GET_ITER, 0, 0)                                                       \
    X(FOR_ITER, 1, 1) /* exhausted: pop the iterator and jump */            \
    X(KW_NAMES, 1, 0) /* consts[arg]: the next CALL's keyword names */      \
    X(CALL, 1, 0)                                                           \
    X(CALL_FUNCTION_EX, 1, 0) /* [callable, NULL, args, (kwargs if 1)] */   \
    X(MAKE_FUNCTION, 1, 0)    /* flags PYVM_MAKE_* */                       \
    X(RETURN_VALUE, 0, 0)                                                   \
    X(LOAD_BUILD_CLASS, 0, 0)                                               \
    X(SETUP_ANNOTATIONS, 0, 0)                                              \
    X(RAISE_VARARGS, 1, 0)                                                  \
    X(RERAISE, 1, 0) /* arg 1: restore f_lasti from the stack */            \
    X(PUSH_EXC_INFO, 0, 0)                                                  \
    X(POP_EXCEPT, 0, 0)                                                     \
    X(CHECK_EXC_MATCH, 0, 0)                                                \
    X(LOAD_ASSERTION_ERROR, 0, 0)                                           \
    X(BEFORE_WITH, 0, 0)                                                    \
    X(WITH_EXCEPT_START, 0, 0)                                              \
    X(YIELD_VALUE, 0, 0)                                                    \
    X(GET_YIELD_FROM_ITER, 0, 0)                                            \
    X(SEND, 1, 1)                                                           \
    X(RETURN_GENERATOR, 0, 0)                                               \
    X(IMPORT_NAME, 1, 0)                                                    \
    X(IMPORT_FROM, 1, 0)                                                    \
    X(IMPORT_STAR, 0, 0)                                                    \
    X(PRINT_EXPR, 0, 0)                                                     \
    X(GET_LEN, 0, 0)                                                        \
    X(DELETE_LOCALS_ENTRY, 0, 0)

enum pyvm_opcode {
#define PYVM_ENUM_(name, a, j) OP_##name,
    PYVM_OPCODES(PYVM_ENUM_)
#undef PYVM_ENUM_
        OP__COUNT
};

#define PYVM_INPLACE 16 /* BINARY_OP arg for an augmented assignment */

/* MAKE_FUNCTION flags: what is on the stack below the code object */
#define PYVM_MAKE_DEFAULTS    0x01 /* a tuple */
#define PYVM_MAKE_KWDEFAULTS  0x02 /* a dict */
#define PYVM_MAKE_ANNOTATIONS 0x04 /* a tuple of name, value pairs */
#define PYVM_MAKE_CLOSURE     0x08 /* a tuple of cells */

#define PYVM_OP(word)  ((enum pyvm_opcode)((word)&0xFF))
#define PYVM_ARG(word) ((word) >> 8)
#define PYVM_MAX_ARG   0xFFFFFF

extern const char *const pyvm_opcode_names[OP__COUNT];

#endif
