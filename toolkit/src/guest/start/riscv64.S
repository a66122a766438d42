/* Entry point: no libc, no auxv parsing; call main and exit with its return value. */
	.file "riscv64.S"	/* a fixed name: otherwise the temporary object name lands in the symbol table */
	.section .text._start, "ax", @progbits
	.globl _start
	.type _start, @function
_start:
	.option push
	.option norelax
	/* gp-relative relaxation needs gp; set it so the linker's relaxed accesses stay valid. */
	lla	gp, __global_pointer$
	.option pop
	andi	sp, sp, -16
	call	main
	li	a7, 93
	ecall
1:	j	1b
	.size _start, . - _start
