/*
 * Conditional-branch mispredict: a branch whose outcome alternates from one loop iteration to the
 * next (bit 0 of the loop counter, masked) against the same code with the mask 0 (always taken).
 * A history-based predictor learns an alternating branch from the outcomes before it, so each
 * copy of the branch comes after PAD (64) always-taken branches: a predictor that remembers no
 * more than the last 64 branches (the model's predictor.history_bits is at most 64) sees the same
 * history at every instance and is left with the branch's own 2-bit counter. After the
 * always-taken run that counter is "strongly taken", and alternation keeps it between the two
 * taken states: every not-taken instance mispredicts, every taken one is predicted. Both paths
 * of the branch end in one direct jump to the same place, so the run with the mask 1 differs from
 * the other only in its mispredicted not-taken instances, each costing the mispredict penalty
 * where the always-taken branch paid its taken bubble:
 *   result = (cycles alternating - cycles always taken) / not-taken instances
 *          = branch.mispredict_penalty - branch.taken_bubble
 * On a board whose predictor learns the alternation across 64 taken branches the result tends to
 * 0, and one whose counters mispredict every alternating instance gives twice the figure; the
 * model's own value needs a predictor like its gshare stand-in.
 */
#include "probe.h"

#define COPIES 4
#if defined(__riscv)
/* a0 = iterations (its bit 0 alternates), a1 = mask */
#define UNIT                                                  \
	"and t0, a0, a1\n"                                    \
	".rept 64\nbeq zero, zero, .+8\nunimp\n.endr\n"       \
	"beqz t0, 2f\nj 3f\nunimp\n2:\nj 3f\nunimp\n3:"
#else
/* x0 = iterations, x1 = mask */
#define UNIT                                                  \
	"and x2, x0, x1\n"                                    \
	".rept 64\ncbz xzr, .+8\nudf #0\n.endr\n"             \
	"cbz x2, 2f\nb 3f\nudf #0\n2:\nb 3f\nudf #0\n3:"
#endif
LOOP_FN(pattern_4, "", UNIT, 4, RETURN);
/* Runs the COPIES branch copies `iters` times; mask 1: alternating outcomes, 0: always taken. */
void pattern_4(u64 iters, u64 mask);

int main(int argc, char **argv)
{
	probe_init(argc, argv, "branch-mispredict");
	/* even, so every run starts with a taken instance (the counters stay "taken") */
	u64 iters = (opt_iters + 1) & ~1ul;
	u64 not_taken = COPIES * (iters / 2);
	u64 a = TIMED(pattern_4(iters, 0));
	u64 b = TIMED(pattern_4(iters, 1));
	print_kv("not_taken_instances", (i64)not_taken);
	print_fixed("cycles_per_taken_copy", per_unit_x100((i64)a, COPIES * iters));
	print_fixed("result", per_unit_x100((i64)b - (i64)a, not_taken));
	return 0;
}
