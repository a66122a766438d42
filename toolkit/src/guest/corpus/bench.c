/* Throughput workload (tens of millions of instructions): insert, look up and delete keys in an
 * open-addressing hash table, then sort the survivors with a heap sort. Prints a checksum. */
#include "guest.h"

#define BITS 14
#define SIZE (1 << BITS)
#define ROUNDS 12
static u64 keys[SIZE];
static u64 vals[SIZE];
static u64 sorted[SIZE];

static inline u64 next(u64 *s)
{
	/* xorshift64 */
	u64 x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static inline u64 slot(u64 k)
{
	return (k * 0x61C8864680B583EBUL) >> (64 - BITS);
}

static NOINLINE int put(u64 k, u64 v)
{
	for (u64 i = slot(k);; i = (i + 1) & (SIZE - 1)) {
		if (keys[i] == k || keys[i] == 0) {
			int fresh = keys[i] == 0;
			keys[i] = k;
			vals[i] = v;
			return fresh;
		}
	}
}

static NOINLINE u64 get(u64 k)
{
	for (u64 i = slot(k);; i = (i + 1) & (SIZE - 1)) {
		if (keys[i] == k)
			return vals[i];
		if (keys[i] == 0)
			return 0;
	}
}

static NOINLINE void sift(u64 *a, usize start, usize end)
{
	usize root = start;
	while (2 * root + 1 < end) {
		usize child = 2 * root + 1;
		if (child + 1 < end && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		u64 t = a[root];
		a[root] = a[child];
		a[child] = t;
		root = child;
	}
}

static NOINLINE void heapsort(u64 *a, usize n)
{
	for (usize i = n / 2; i-- > 0;)
		sift(a, i, n);
	for (usize end = n; end-- > 1;) {
		u64 t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift(a, 0, end);
	}
}

int main(void)
{
	u64 seed = 0x9e3779b97f4a7c15UL, sum = 0;
	usize live = 0;
	for (int round = 0; round < ROUNDS; round++) {
		for (int i = 0; i < SIZE / 2; i++)
			live += put(next(&seed) | 1, (u64)i);
		u64 probe = 0x9e3779b97f4a7c15UL;
		for (int i = 0; i < SIZE / 2; i++)
			sum += get(next(&probe) | 1);
		/* Empty the table for the next round so the load factor stays at one half. */
		usize n = 0;
		for (int i = 0; i < SIZE; i++) {
			if (keys[i])
				sorted[n++] = keys[i] ^ vals[i];
			keys[i] = 0;
		}
		heapsort(sorted, n);
		for (usize i = 1; i < n; i++)
			if (sorted[i - 1] > sorted[i])
				return 100;
		sum += sorted[n / 2];
	}
	print_kv("live", (i64)live);
	print_kx("sum", sum);
	check(live == (usize)ROUNDS * SIZE / 2);
	return check_status();
}
