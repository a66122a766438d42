/*
 * Predicted indirect jump (riscv jalr x0 / jr, arm64 br): a run of register jumps, each to the
 * next instruction, through a register set up before the loop (so the target is known long before
 * the jump and the branch target buffer predicts it every time after the first iteration).
 * result = cycles per jump - 1: the bubble after a predicted indirect jump (branch.indirect_jump).
 * Four and eight jumps: few enough for a 16-entry BTB. Both loops set up the same eight registers.
 */
#include "probe.h"

#if defined(__riscv)
#define SETUP4 "lla t0, 1f+4\nlla t1, 1f+8\nlla t2, 1f+12\nlla t3, 1f+16"
#define SETUP8 SETUP4 "\nlla t4, 1f+20\nlla t5, 1f+24\nlla t6, 1f+28\nlla a1, 1f+32"
#define JUMPS4 ".irp r, t0, t1, t2, t3\njr \\r\n.endr"
#define JUMPS8 ".irp r, t0, t1, t2, t3, t4, t5, t6, a1\njr \\r\n.endr"
#else
#define SETUP4 "adr x1, 1f+4\nadr x2, 1f+8\nadr x3, 1f+12\nadr x4, 1f+16"
#define SETUP8 SETUP4 "\nadr x5, 1f+20\nadr x6, 1f+24\nadr x7, 1f+28\nadr x8, 1f+32"
#define JUMPS4 ".irp r, x1, x2, x3, x4\nbr \\r\n.endr"
#define JUMPS8 ".irp r, x1, x2, x3, x4, x5, x6, x7, x8\nbr \\r\n.endr"
#endif
/* the same setup for both, so only the jumps differ */
LOOP_FN(ijump_4, SETUP8, JUMPS4, 1, RETURN);
LOOP_FN(ijump_8, SETUP8, JUMPS8, 1, RETURN);
void ijump_4(u64 iters);
void ijump_8(u64 iters);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "indirect-jump");
	i64 unit = UNIT_X100(ijump_4(opt_iters), ijump_8(opt_iters), 4, opt_iters);
	print_fixed("cycles_per_indirect_jump", unit);
	print_fixed("result", unit - 100);
	return 0;
}
