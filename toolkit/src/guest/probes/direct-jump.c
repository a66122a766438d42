/*
 * Direct jump (riscv jal x0 / j, arm64 b): a run of jumps, each over one instruction that never
 * runs.
 * result = cycles per jump - 1: the bubble after a direct jump (the profile's branch.direct_jump).
 */
#include "probe.h"

#if defined(__riscv)
#define UNIT "j .+8\nunimp"
#else
#define UNIT "b .+8\nudf #0"
#endif
LOOP_FN(jump_8, "", UNIT, 8, RETURN);
LOOP_FN(jump_16, "", UNIT, 16, RETURN);
void jump_8(u64 iters);
void jump_16(u64 iters);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "direct-jump");
	i64 unit = UNIT_X100(jump_8(opt_iters), jump_16(opt_iters), 8, opt_iters);
	print_fixed("cycles_per_jump", unit);
	print_fixed("result", unit - 100);
	return 0;
}
