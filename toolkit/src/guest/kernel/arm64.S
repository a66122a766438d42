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

	.macro SAVE_FREGS
	sub	sp, sp, #FREGS_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	str	x8, [sp, #64]
	str	x30, [sp, #FREGS_PC]
	str	x9, [sp, #FREGS_LR]
	str	x29, [sp, #FREGS_FP]
	str	xzr, [sp, #FREGS_DIRECT]
	sub	x0, x30, #4
	mov	x1, x9
	mov	x3, sp
	.endm

	.macro RESTORE_FREGS_AND_RETURN
	ldr	x17, [sp, #FREGS_DIRECT]
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldr	x8, [sp, #64]
	ldr	x29, [sp, #FREGS_FP]
	cbnz	x17, 1f
	ldr	x9, [sp, #FREGS_PC]	/* a tracer may redirect the function (livepatch) */
	ldr	x30, [sp, #FREGS_LR]
	add	sp, sp, #FREGS_SIZE
	ret	x9
1:	ldr	x30, [sp, #FREGS_PC]	/* the direct trampoline expects the site's x9 / x30 */
	ldr	x9, [sp, #FREGS_LR]
	add	sp, sp, #FREGS_SIZE
	br	x17
	.endm

	.balign 8
	.globl ftrace_caller_precallops
	.type ftrace_caller_precallops, %function
ftrace_caller_precallops:
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
	bic	x11, x30, #7
	ldr	x11, [x11, #-16]	/* the ops literal */
	ldr	x17, [x11, #OPS_DIRECT_CALL]
	cbnz	x17, 4f			/* a direct ops alone on the site: no frame, no tracer call */
	SAVE_FREGS
	mov	x2, x11
	ldr	x16, [x11, #OPS_FUNC]
	blr	x16
	RESTORE_FREGS_AND_RETURN
4:	br	x17
	.size ftrace_caller_callops, . - ftrace_caller_callops

	/* Never executed in place: only copies run. */
	.balign 8
	.globl ftrace_ops_tramp_template
	.type ftrace_ops_tramp_template, %function
ftrace_ops_tramp_template:
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
	ldr	x17, [x16]
	add	x17, x17, #1
	str	x17, [x16]
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
	adrp	x0, init_task
	add	x0, x0, #:lo12:init_task
	msr	tpidr_el0, x0		/* current */
	mov	x29, #0
	mov	x30, #0
	bl	main
	mov	x8, #93
	svc	#0
1:	b	1b
	.size _start, . - _start
