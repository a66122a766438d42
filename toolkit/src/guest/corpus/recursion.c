/* Deep and branching recursion: Fibonacci, Ackermann, Towers of Hanoi, mutual recursion. */
#include "guest.h"

static volatile int in_n = 22;

static NOINLINE u64 fib(int n)
{
	return n < 2 ? (u64)n : fib(n - 1) + fib(n - 2);
}

static NOINLINE u64 ack(u64 m, u64 n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

static NOINLINE u64 hanoi(int n, int from, int to, int via)
{
	if (n == 0)
		return 0;
	return hanoi(n - 1, from, via, to) + 1 + hanoi(n - 1, via, to, from);
}

static NOINLINE int is_odd(u64 n);

static NOINLINE int is_even(u64 n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}

static NOINLINE int is_odd(u64 n)
{
	return n == 0 ? 0 : is_even(n - 1);
}

int main(void)
{
	u64 f = fib(in_n);
	print_kv("fib22", (i64)f);
	check(f == 17711);
	u64 a = ack(2, 3), b = ack(3, 3);
	print_kv("ack23", (i64)a);
	print_kv("ack33", (i64)b);
	check(a == 9 && b == 61);
	u64 h = hanoi(in_n - 8, 1, 3, 2);
	print_kv("hanoi14", (i64)h);
	check(h == 16383);
	print_kv("even1001", is_even(1001));
	check(!is_even(1001) && is_odd(777));
	return check_status();
}
