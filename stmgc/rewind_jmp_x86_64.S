/* rewind_jmp_x86_64.S -- the register half of the rewind setjmp (x86-64,
 * System V ABI).  rewind_setjmp.c does the stack copying.
 *
 * Written in assembly rather than with __builtin_setjmp/__builtin_longjmp or
 * libc's setjmp: the builtin pair is miscompiled by gcc 12 -O2 in this use,
 * and neither lets the stack be copied at the exact moment of the save.
 *
 * jmpbuf layout (8 words): rbx, rbp, r12, r13, r14, r15, the caller's stack
 * pointer after the return, the return address.
 */

    .text

/* long _rewind_jmp_asm_setjmp(void **jmpbuf,
 *                             void (*after_save)(void *arg, char *resume_sp),
 *                             void *arg);
 *
 * Saves the callee-saved registers, then (if after_save is not NULL) calls
 * after_save(arg, resume_sp) while the caller's frame is untouched, and
 * returns 0.  _rewind_jmp_asm_longjmp makes it return again. */
    .globl  _rewind_jmp_asm_setjmp
    .hidden _rewind_jmp_asm_setjmp
    .type   _rewind_jmp_asm_setjmp, @function
    .p2align 4
_rewind_jmp_asm_setjmp:
    .cfi_startproc
    movq    (%rsp), %rax            /* where the caller resumes */
    leaq    8(%rsp), %rcx           /* its stack pointer once we return */
    movq    %rbx, 0(%rdi)
    movq    %rbp, 8(%rdi)
    movq    %r12, 16(%rdi)
    movq    %r13, 24(%rdi)
    movq    %r14, 32(%rdi)
    movq    %r15, 40(%rdi)
    movq    %rcx, 48(%rdi)
    movq    %rax, 56(%rdi)
    testq   %rsi, %rsi
    je      1f
    /* Entered with rsp = 8 (mod 16): realign for the call. */
    subq    $8, %rsp
    .cfi_adjust_cfa_offset 8
    movq    %rsi, %rax
    movq    %rdx, %rdi
    movq    %rcx, %rsi
    call    *%rax
    addq    $8, %rsp
    .cfi_adjust_cfa_offset -8
1:
    xorl    %eax, %eax
    ret
    .cfi_endproc
    .size   _rewind_jmp_asm_setjmp, .-_rewind_jmp_asm_setjmp

/* void _rewind_jmp_asm_longjmp(void **jmpbuf, long value);
 *
 * Reloads the registers saved in jmpbuf and resumes after the call to
 * _rewind_jmp_asm_setjmp, which then returns value.  The caller has already
 * put the stack back in place. */
    .globl  _rewind_jmp_asm_longjmp
    .hidden _rewind_jmp_asm_longjmp
    .type   _rewind_jmp_asm_longjmp, @function
    .p2align 4
_rewind_jmp_asm_longjmp:
    .cfi_startproc
    movq    0(%rdi), %rbx
    movq    8(%rdi), %rbp
    movq    16(%rdi), %r12
    movq    24(%rdi), %r13
    movq    32(%rdi), %r14
    movq    40(%rdi), %r15
    movq    %rsi, %rax
    movq    48(%rdi), %rsp
    jmpq    *56(%rdi)
    .cfi_endproc
    .size   _rewind_jmp_asm_longjmp, .-_rewind_jmp_asm_longjmp

    .section .note.GNU-stack,"",@progbits
