/*
 * A load spanning two stores just made: arm64 `str x2, [x1]; str x2, [x1, #8]; ldp x2, x3, [x1]`;
 * riscv (no pair load) `sh a1, 0(sp); sh a1, 2(sp); lw a1, 0(sp)`, a 4-byte load over two
 * 2-byte stores. Chained through the first register. No single store holds all the loaded bytes,
 * so the load is not forwarded: it waits until the second store is visible and reads the L1D:
 *   result = cycles per store+store+load
 *          = latency.store + store_buffer.visibility_latency + latency.load_to_use
 * on the model, plus 1 on an in-order core that issues one instruction per cycle (the second
 * store a cycle after the first).
 */
#include "probe.h"

#if defined(__riscv)
#define SETUP "addi sp, sp, -16\nsd zero, 0(sp)"
#define UNIT "sh a1, 0(sp)\nsh a1, 2(sp)\nlw a1, 0(sp)"
#define EXIT "addi sp, sp, 16\nret"
#else
#define SETUP "sub sp, sp, #16\nstp xzr, xzr, [sp]\nmov x1, sp"
#define UNIT "str x2, [x1]\nstr x2, [x1, #8]\nldp x2, x3, [x1]"
#define EXIT "add sp, sp, #16\nret"
#endif
LOOP_FN(spanning_8, SETUP, UNIT, 8, EXIT);
LOOP_FN(spanning_16, SETUP, UNIT, 16, EXIT);
void spanning_8(u64 iters);
void spanning_16(u64 iters);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "spanning-load");
	print_fixed("result", UNIT_X100(spanning_8(opt_iters), spanning_16(opt_iters), 8, opt_iters));
	return 0;
}
