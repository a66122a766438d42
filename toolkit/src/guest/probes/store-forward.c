/*
 * Store-to-load forwarding: a store and a load of the same eight bytes, chained through the
 * register (the next store stores what the load read), so each pair waits for the previous one.
 * result = cycles per store+load pair: the latency from a store's data to a load that reads it
 * back from the store buffer (the profile's store_buffer.forward_latency).
 */
#include "probe.h"

#if defined(__riscv)
#define SETUP "addi sp, sp, -16\nsd zero, 0(sp)"
#define UNIT "sd a1, 0(sp)\nld a1, 0(sp)"
#define EXIT "addi sp, sp, 16\nret"
#else
#define SETUP "sub sp, sp, #16\nstr xzr, [sp]"
#define UNIT "str x1, [sp]\nldr x1, [sp]"
#define EXIT "add sp, sp, #16\nret"
#endif
LOOP_FN(forward_8, SETUP, UNIT, 8, EXIT);
LOOP_FN(forward_16, SETUP, UNIT, 16, EXIT);
void forward_8(u64 iters);
void forward_16(u64 iters);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "store-forward");
	print_fixed("result", UNIT_X100(forward_8(opt_iters), forward_16(opt_iters), 8, opt_iters));
	return 0;
}
