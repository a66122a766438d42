/*
 * arm64 trampolines of the guest kernel image. A patch site (MOV X9, X30 ; BL tramp) enters one
 * with
 *   x9 = the function's caller (its LR), x30 = the function's entry + 8 (where it goes on),
 * and the arguments in x0-x8. Each builds a struct ftrace_regs frame, calls the tracer as
 * func(ip = x30 - 4, the BL's address; parent_ip = x9; ops; fregs), restores, and returns with
 * `ret x9` after putting the caller back in x30 -- or goes on to a direct trampoline if a direct
 * ops asked for one (fregs->direct_tramp), entered with the same x9/x30 as the trampoline was.
 *
 *   ftrace_caller_precallops  before CALL_OPS: calls through `ftrace_call`, a BL the toolkit
 *                             patches (ftrace_stub or the list function)
 *   ftrace_caller_callops     CALL_OPS: the ops literal at entry - 8 is found from x30 (clear
 *                             the low bits, 16 bytes back); ops->direct_call first, else ops->func
 *   ftrace_ops_tramp_*        template of a per-ops trampoline (x86 style), see riscv64.S
 *   ftrace_direct_tramp_*     template of a direct trampoline, see riscv64.S
 */
#include "ftrace.h"

	.file "arm64.S"
	.text

	/* The frame of Debian 6.12's ftrace_caller (struct __arch_ftrace_regs, then two frame records
	 * so an unwinder sees the traced function and its caller). */
	.macro SAVE_FREGS
	mov	x10, sp
	sub	sp, sp, #FREGS_FRAME
	stp	x0, x1, [sp, #FREGS_ARGS + 0]
	stp	x2, x3, [sp, #FREGS_ARGS + 16]
	stp	x4, x5, [sp, #FREGS_ARGS + 32]
	stp	x6, x7, [sp, #FREGS_ARGS + 48]
	str	x8, [sp, #FREGS_ARGS + 64]
	str	xzr, [sp, #FREGS_DIRECT]
	str	x29, [sp, #FREGS_FP]
	str	x9, [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]
	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE
	sub	x0, x30, #4
	mov	x1, x9
	mov	x3, sp
	.endm

	.macro RESTORE_FREGS_AND_RETURN
	ldp	x0, x1, [sp, #FREGS_ARGS + 0]
	ldp	x2, x3, [sp, #FREGS_ARGS + 16]
	ldp	x4, x5, [sp, #FREGS_ARGS + 32]
	ldp	x6, x7, [sp, #FREGS_ARGS + 48]
	ldr	x8, [sp, #FREGS_ARGS + 64]
	ldr	x29, [sp, #FREGS_FP]
	ldr	x17, [sp, #FREGS_DIRECT]
	cbnz	x17, 1f
	ldr	x30, [sp, #FREGS_LR]
	ldr	x9, [sp, #FREGS_PC]	/* a tracer may redirect the function (livepatch) */
	add	sp, sp, #FREGS_FRAME
	ret	x9
1:	ldr	x9, [sp, #FREGS_LR]	/* the direct trampoline expects the site's x9 / x30 */
	ldr	x30, [sp, #FREGS_PC]
	add	sp, sp, #FREGS_FRAME
	br	x17
	.endm

	.balign 8
	.globl ftrace_caller_precallops
	.type ftrace_caller_precallops, %function
ftrace_caller_precallops:
	hint	#34		/* bti c */
	SAVE_FREGS
	adrp	x2, function_trace_op
	ldr	x2, [x2, #:lo12:function_trace_op]
	.globl ftrace_call_precallops
ftrace_call_precallops:
	nop			/* placeholder: the toolkit writes BL to the tracer */
	RESTORE_FREGS_AND_RETURN
	.size ftrace_caller_precallops, . - ftrace_caller_precallops

	/* Private trampolines the toolkit allocates near the common ones: on riscv's atomic and
	 * CALL_OPS layouts the AUIPC at each site is fixed, so the JALR reaches only +-2 KiB. */
	.balign 8
	.globl ftrace_tramp_pool
ftrace_tramp_pool:
	.zero	FTRACE_TRAMP_POOL_SIZE	/* zeros: an illegal instruction on both arches */
	.globl ftrace_tramp_pool_end
ftrace_tramp_pool_end:

	.balign 8
	.globl ftrace_caller_callops
	.type ftrace_caller_callops, %function
ftrace_caller_callops:
	hint	#34		/* bti c */
	and	x11, x30, #~7
	ldur	x11, [x11, #-16]	/* the ops literal */
	ldr	x17, [x11, #OPS_DIRECT_CALL]
	cbnz	x17, 4f			/* a direct ops alone on the site: no frame, no tracer call */
	SAVE_FREGS
	mov	x2, x11
	ldr	x4, [x2, #OPS_FUNC]
	blr	x4
	RESTORE_FREGS_AND_RETURN
4:	br	x17
	.size ftrace_caller_callops, . - ftrace_caller_callops

	/* Never executed in place: only copies run. */
	.balign 8
	.globl ftrace_ops_tramp_template
	.type ftrace_ops_tramp_template, %function
ftrace_ops_tramp_template:
	hint	#34		/* bti c */
	SAVE_FREGS
	ldr	x2, ftrace_ops_tramp_ops
	.globl ftrace_ops_tramp_call
ftrace_ops_tramp_call:
	nop			/* the toolkit encodes the call to the ops' function here (two slots) */
	nop
	RESTORE_FREGS_AND_RETURN
	.balign 8
	.globl ftrace_ops_tramp_ops
ftrace_ops_tramp_ops:
	.quad	0
	.globl ftrace_ops_tramp_template_end
ftrace_ops_tramp_template_end:
	.size ftrace_ops_tramp_template, . - ftrace_ops_tramp_template

	.balign 8
	.globl ftrace_direct_tramp_template
	.type ftrace_direct_tramp_template, %function
ftrace_direct_tramp_template:
	ldr	x16, ftrace_direct_tramp_counter
	ldr	w17, [x16]		/* the sample's counter is an unsigned int */
	add	w17, w17, #1
	str	w17, [x16]
	mov	x16, x30
	mov	x30, x9
	ret	x16
	.balign 8
	.globl ftrace_direct_tramp_counter
ftrace_direct_tramp_counter:
	.quad	0
	.globl ftrace_direct_tramp_template_end
ftrace_direct_tramp_template_end:
	.size ftrace_direct_tramp_template, . - ftrace_direct_tramp_template

	/* The stub the list ends with and an idle common trampoline calls: a bare return. */
	.balign 4
	.globl ftrace_stub
	.type ftrace_stub, %function
ftrace_stub:
	ret
	.size ftrace_stub, . - ftrace_stub

	/* Where a call the toolkit makes returns to: the breakpoint tells it the call is over. */
	.balign 8
	.globl guest_call_return
	.type guest_call_return, %function
guest_call_return:
	brk	#0
	.size guest_call_return, . - guest_call_return

	.section .text._start, "ax", %progbits
	.globl _start
	.type _start, %function
_start:
	/* No `current` here: it lives in SP_EL0, which EL0 (qemu-user) cannot write, and main's
	 * untraced loops never read it. The toolkit sets SP_EL0 before each call it makes. */
	mov	x29, #0
	mov	x30, #0
	bl	main
	mov	x8, #93
	svc	#0
1:	b	1b
	.size _start, . - _start
