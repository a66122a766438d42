/*
 * A full fence after a store: riscv `sd zero, 0(sp); fence rw,rw`, arm64 `str xzr, [sp]; dmb ish`.
 * The fence holds every later access until the store is visible, so the next pair's store waits
 * for this one (in order: issue stalls; out of order: the store waits), and
 *   result = cycles per store+fence = latency.store + store_buffer.visibility_latency
 * on the model (as long as that is at least the pair's two issue slots). The store's data is the
 * zero register, so nothing else chains the pairs.
 */
#include "probe.h"

#if defined(__riscv)
#define SETUP "addi sp, sp, -16"
#define UNIT "sd zero, 0(sp)\nfence rw, rw"
#define EXIT "addi sp, sp, 16\nret"
#else
#define SETUP "sub sp, sp, #16"
#define UNIT "str xzr, [sp]\ndmb ish"
#define EXIT "add sp, sp, #16\nret"
#endif
LOOP_FN(fence_8, SETUP, UNIT, 8, EXIT);
LOOP_FN(fence_16, SETUP, UNIT, 16, EXIT);
void fence_8(u64 iters);
void fence_16(u64 iters);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "store-fence");
	print_fixed("result", UNIT_X100(fence_8(opt_iters), fence_16(opt_iters), 8, opt_iters));
	return 0;
}
