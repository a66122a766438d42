/*
 * A load of a slot just written by a release store: arm64 `stlr x1, [sp]; ldr x1, [sp]`; riscv
 * `fence rw,w; sd a1, 0(sp); ld a1, 0(sp)` (rcu_assign_pointer's pattern: the fence makes the
 * store a release). Chained through the register, so each pair waits for the one before.
 * A release store is not forwarded: the load reads it from the L1D once it is visible, so
 *   result = cycles per pair = latency.store + store_buffer.visibility_latency + latency.load_to_use
 * on the model (in order and out of order); on a board, subtract the store and load-to-use
 * latencies (store-forward and load-l1d give them) to get the visibility latency.
 */
#include "probe.h"

#if defined(__riscv)
#define SETUP "addi sp, sp, -16\nsd zero, 0(sp)"
#define UNIT "fence rw, w\nsd a1, 0(sp)\nld a1, 0(sp)"
#define EXIT "addi sp, sp, 16\nret"
#else
#define SETUP "sub sp, sp, #16\nstr xzr, [sp]\nmov x1, sp"
#define UNIT "stlr x2, [x1]\nldr x2, [x1]"
#define EXIT "add sp, sp, #16\nret"
#endif
LOOP_FN(release_8, SETUP, UNIT, 8, EXIT);
LOOP_FN(release_16, SETUP, UNIT, 16, EXIT);
void release_8(u64 iters);
void release_16(u64 iters);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "release-load");
	print_fixed("result", UNIT_X100(release_8(opt_iters), release_16(opt_iters), 8, opt_iters));
	return 0;
}
