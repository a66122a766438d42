/*
 * Taken conditional branch: a run of always-taken branches, each over one instruction that never
 * runs (a branch to the next instruction would not count as taken everywhere).
 * A taken branch costs its own issue cycle plus the front end's bubble before its target issues:
 * result = cycles per taken branch - 1 (the profile's branch.taken_bubble).
 */
#include "probe.h"

#if defined(__riscv)
#define UNIT "beq zero, zero, .+8\nunimp"
#else
#define UNIT "cbz xzr, .+8\nudf #0"
#endif
LOOP_FN(taken_8, "", UNIT, 8, RETURN);
LOOP_FN(taken_16, "", UNIT, 16, RETURN);
void taken_8(u64 iters);
void taken_16(u64 iters);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "taken-branch");
	i64 unit = UNIT_X100(taken_8(opt_iters), taken_16(opt_iters), 8, opt_iters);
	print_fixed("cycles_per_taken_branch", unit);
	print_fixed("result", unit - 100);
	return 0;
}
