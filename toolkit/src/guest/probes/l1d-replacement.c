/*
 * L1D replacement: a cyclic walk (the same random order every round) over the L1D's size plus one
 * way, i.e. one line more per set than the cache has ways. Under LRU every access misses (the line
 * needed next is always the one evicted); random or pseudo-LRU replacement keeps some. The load
 * latency of that walk, placed between the L1D hit latency (half the cache) and the L2 hit latency
 * (eight times the cache), gives result = the share of accesses that miss, in percent (the cost
 * model's LRU: 100). Arguments: l1d=BYTES ways=N line=BYTES.
 */
#include "chase.h"

int main(int argc, char **argv)
{
	probe_init(argc, argv, "l1d-replacement");
	u64 l1d = arg_u64(argc, argv, "l1d", 32 << 10);
	u64 ways = arg_u64(argc, argv, "ways", 8);
	u64 line = arg_u64(argc, argv, "line", 64);
	if (ways == 0)
		ways = 1;
	i64 hit = chase_x100(l1d / 2, line);
	i64 edge = chase_x100(l1d + l1d / ways, line);
	i64 l2 = chase_x100(8 * l1d, line);
	print_fixed("cycles_per_load_half_l1d", hit);
	print_fixed("cycles_per_load_l1d_plus_one_way", edge);
	print_fixed("cycles_per_load_8x_l1d", l2);
	print_fixed("result", l2 > hit ? (edge - hit) * 10000 / (l2 - hit) : 0);
	return 0;
}
