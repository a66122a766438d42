/*
 * Load-to-use along a pointer chase over size=BYTES in lines of line=BYTES: the latency of a load
 * whose address is the previous load's result. Within the L1D (size well below it) that is the
 * profile's latency.load_to_use; over a set larger than the L1D and well within the L2 it adds
 * l2.hit_latency; over a set several times the last-level cache it adds memory_latency (on a
 * board also TLB misses, unless the buffer is on huge pages). result = cycles per load.
 */
#include "chase.h"

int main(int argc, char **argv)
{
	probe_init(argc, argv, "load-chain");
	u64 size = arg_u64(argc, argv, "size", 16 << 10);
	u64 line = arg_u64(argc, argv, "line", 64);
	print_kv("size", (i64)size);
	print_kv("line", (i64)line);
	print_fixed("result", chase_x100(size, line));
	return 0;
}
