/*
 * riscv64 trampolines of the guest kernel image. A patch site enters one with
 *   t0 = the traced function's entry + 8 (where it goes on), ra = the function's caller,
 * and the function's arguments in a0-a7. Each builds a struct ftrace_regs frame, calls the
 * tracer as func(ip, parent_ip = ra, ops, fregs), restores, and returns through t0 --
 * or goes on to a direct trampoline if a direct ops asked for one (fregs->direct_tramp).
 *
 *   ftrace_caller_nopnop   up to v6.15: calls through `ftrace_call`, an AUIPC+JALR pair the
 *                          toolkit patches (ftrace_stub or the list function)
 *   ftrace_caller_atomic   v6.16: calls the function whose address is in ftrace_call_dest
 *   ftrace_caller_callops  CALL_OPS: loads the ops literal at entry - 8 (t0 - 16), goes straight
 *                          to ops->direct_call if set, else calls ops->func
 *   ftrace_ops_tramp_*     template of a per-ops trampoline (x86 style): the toolkit copies it,
 *                          fills the ops slot and encodes the call to the ops' function
 *   ftrace_tramp_pool      room for private trampolines within the JALR reach of the sites
 *   ftrace_direct_tramp_*  template of a direct trampoline (a stand-in for a BPF trampoline):
 *                          increments the counter its slot points at and returns
 */
#include "ftrace.h"

	.file "riscv64.S"
	.option norelax	/* keep every AUIPC+JALR pair: the toolkit patches them in place */
	.text

	/* The frame of Debian 6.12's ftrace_caller (struct __arch_ftrace_regs): t1 holds no direct
	 * trampoline yet, the stack pointer at entry is saved too. The call's ip is t0 + ipoff: the
	 * entry (-8) up to v6.15, the JALR (-4) from v6.16 (atomic and CALL_OPS: the kernel records
	 * the JALR's address); iplabel names that instruction where the toolkit rewrites it. */
	.macro SAVE_FREGS ipoff, iplabel=
	.option push
	.option norvc
	li	t1, 0		/* 4 bytes, as in the kernel: the call slot after the frame stays aligned */
	.option pop
	mv	t4, sp
	addi	sp, sp, -FREGS_FRAME
	sd	t0, FREGS_PC(sp)
	sd	ra, FREGS_LR(sp)
	sd	t4, FREGS_SP(sp)
	sd	s0, FREGS_FP(sp)
	sd	t1, FREGS_DIRECT(sp)
	sd	a0, FREGS_ARGS+0(sp)
	sd	a1, FREGS_ARGS+8(sp)
	sd	a2, FREGS_ARGS+16(sp)
	sd	a3, FREGS_ARGS+24(sp)
	sd	a4, FREGS_ARGS+32(sp)
	sd	a5, FREGS_ARGS+40(sp)
	sd	a6, FREGS_ARGS+48(sp)
	sd	a7, FREGS_ARGS+56(sp)
	.ifnb \iplabel
	.globl \iplabel
\iplabel:
	.endif
	addi	a0, t0, \ipoff
	mv	a1, ra
	mv	a3, sp
	.endm

	/* Restores the caller's view and returns into the function, or to the direct trampoline. */
	.macro RESTORE_FREGS_AND_RETURN
	ld	t0, FREGS_PC(sp)	/* a tracer may redirect the function (livepatch) */
	ld	ra, FREGS_LR(sp)
	ld	s0, FREGS_FP(sp)
	ld	t1, FREGS_DIRECT(sp)
	ld	a0, FREGS_ARGS+0(sp)
	ld	a1, FREGS_ARGS+8(sp)
	ld	a2, FREGS_ARGS+16(sp)
	ld	a3, FREGS_ARGS+24(sp)
	ld	a4, FREGS_ARGS+32(sp)
	ld	a5, FREGS_ARGS+40(sp)
	ld	a6, FREGS_ARGS+48(sp)
	ld	a7, FREGS_ARGS+56(sp)
	addi	sp, sp, FREGS_FRAME
	bnez	t1, 1f
	jr	t0
1:	jr	t1
	.endm

	.balign 8
	.globl ftrace_caller_nopnop
	.type ftrace_caller_nopnop, @function
ftrace_caller_nopnop:
	SAVE_FREGS -8
	lla	a2, function_trace_op
	ld	a2, 0(a2)
	.balign 4		/* naturally aligned, like every patched instruction */
	.option push
	.option norvc
	.globl ftrace_call_nopnop
ftrace_call_nopnop:		/* two 4-byte slots, whatever the toolkit writes into them */
	auipc	ra, 0
	jalr	ra, 0(ra)	/* placeholder: the toolkit writes the call */
	.option pop
	RESTORE_FREGS_AND_RETURN
	.size ftrace_caller_nopnop, . - ftrace_caller_nopnop

	.balign 8
	.globl ftrace_caller_atomic
	.type ftrace_caller_atomic, @function
ftrace_caller_atomic:
	SAVE_FREGS -4
	lla	a2, function_trace_op
	ld	a2, 0(a2)
3:	auipc	t1, %pcrel_hi(ftrace_call_dest)
	ld	t1, %pcrel_lo(3b)(t1)
	jalr	ra, 0(t1)
	RESTORE_FREGS_AND_RETURN
	.size ftrace_caller_atomic, . - ftrace_caller_atomic

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
	.type ftrace_caller_callops, @function
ftrace_caller_callops:
	ld	t3, -16(t0)		/* the ops literal, 8 bytes before the function */
	ld	t2, OPS_DIRECT_CALL(t3)
	bnez	t2, 4f			/* a direct ops alone on the site: no frame, no tracer call */
	SAVE_FREGS -4			/* (clobbers t1 and t4) */
	mv	a2, t3
	ld	t1, OPS_FUNC(t3)
	jalr	ra, 0(t1)
	RESTORE_FREGS_AND_RETURN
4:	jr	t2
	.size ftrace_caller_callops, . - ftrace_caller_callops

	/* Never executed in place: only copies run. */
	.balign 8
	.globl ftrace_ops_tramp_template
	.type ftrace_ops_tramp_template, @function
ftrace_ops_tramp_template:
	SAVE_FREGS -8, ftrace_ops_tramp_ip	/* rewritten to the layout's ip in each copy */
	lla	a2, ftrace_ops_tramp_ops	/* as the common one loads function_trace_op */
	ld	a2, 0(a2)
	.balign 4
	.option push
	.option norvc
	.globl ftrace_ops_tramp_call
ftrace_ops_tramp_call:
	nop			/* the toolkit encodes the call to the ops' function here (two 4-byte slots) */
	nop
	.option pop
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
	.type ftrace_direct_tramp_template, @function
ftrace_direct_tramp_template:
	addi	sp, sp, -16
	sd	a0, 0(sp)
	sd	a1, 8(sp)
2:	auipc	a0, %pcrel_hi(ftrace_direct_tramp_counter)
	ld	a0, %pcrel_lo(2b)(a0)
	lw	a1, 0(a0)		/* the sample's counter is an unsigned int */
	addiw	a1, a1, 1
	sw	a1, 0(a0)
	ld	a0, 0(sp)
	ld	a1, 8(sp)
	addi	sp, sp, 16
	jr	t0
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
	.type ftrace_stub, @function
ftrace_stub:
	ret
	.size ftrace_stub, . - ftrace_stub

	/* Where a call the toolkit makes returns to: the breakpoint tells it the call is over. */
	.balign 8
	.globl guest_call_return
	.type guest_call_return, @function
guest_call_return:
	ebreak
	.size guest_call_return, . - guest_call_return

	.section .text._start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	lla	gp, __global_pointer$
	lla	tp, init_task		/* current */
	andi	sp, sp, -16
	call	main
	li	a7, 93
	ecall
1:	j	1b
	.size _start, . - _start
