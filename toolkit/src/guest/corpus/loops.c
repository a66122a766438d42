/* Counted and data-dependent loops: a prime sieve, Collatz lengths, nested loops over a matrix. */
#include "guest.h"

#define N 20000
static u8 composite[N];
static i64 mat[24][24];

int main(void)
{
	int primes = 0;
	for (int i = 2; i < N; i++) {
		if (composite[i])
			continue;
		primes++;
		for (int j = i * 2; j < N; j += i)
			composite[j] = 1;
	}
	print_kv("primes_below_20000", primes);
	check(primes == 2262);

	u64 best = 0, best_len = 0;
	for (u64 start = 1; start < 3000; start++) {
		u64 x = start, len = 1;
		while (x != 1) {
			x = (x & 1) ? 3 * x + 1 : x / 2;
			len++;
		}
		if (len > best_len) {
			best_len = len;
			best = start;
		}
	}
	print_kv("collatz_best", (i64)best);
	print_kv("collatz_len", (i64)best_len);
	check(best == 2919 && best_len == 217);

	for (int i = 0; i < 24; i++)
		for (int j = 0; j < 24; j++)
			mat[i][j] = (i * 24 + j) % 7 - 3;
	i64 trace = 0;
	for (int i = 0; i < 24; i++) {
		i64 acc = 0;
		for (int k = 0; k < 24; k++)
			acc += mat[i][k] * mat[k][i];
		trace += acc;
	}
	print_kv("trace_of_square", trace);
	check(trace == -46);
	return check_status();
}
