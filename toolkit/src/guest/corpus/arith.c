/* 64-bit multiply/divide/remainder edge cases, including what the hardware does for division by
 * zero and INT64_MIN / -1 (defined per ISA, undefined in C, hence the inline asm). */
#include "guest.h"

#define INT64_MIN_ (-0x7fffffffffffffffL - 1)

static volatile i64 in_a[] = { 100, -100, 7, INT64_MIN_, 0x7fffffffffffffffL, -1 };
static volatile i64 in_b[] = { 7, 7, -3, -1, 2, 0 };

static NOINLINE i64 hw_div(i64 a, i64 b)
{
	i64 q;
#if defined(__riscv)
	__asm__("div %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
#else
	__asm__("sdiv %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
#endif
	return q;
}

static NOINLINE u64 hw_divu(u64 a, u64 b)
{
	u64 q;
#if defined(__riscv)
	__asm__("divu %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
#else
	__asm__("udiv %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
#endif
	return q;
}

static NOINLINE i64 hw_rem(i64 a, i64 b)
{
	i64 r;
#if defined(__riscv)
	__asm__("rem %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
#else
	i64 q;
	__asm__("sdiv %1, %2, %3\n\tmsub %0, %1, %3, %2" : "=r"(r), "=&r"(q) : "r"(a), "r"(b));
#endif
	return r;
}

static NOINLINE i64 mulh(i64 a, i64 b)
{
	return (i64)(((__int128)a * b) >> 64);
}

static NOINLINE u64 mulhu(u64 a, u64 b)
{
	return (u64)(((unsigned __int128)a * b) >> 64);
}

int main(void)
{
	i64 sum = 0;
	for (int i = 0; i < 3; i++) {
		i64 a = in_a[i], b = in_b[i];
		print_kv("div", a / b);
		print_kv("rem", a % b);
		sum += a / b * 31 + a % b;
	}
	check(in_a[0] / in_b[0] == 14 && in_a[0] % in_b[0] == 2);
	check(in_a[1] / in_b[1] == -14 && in_a[1] % in_b[1] == -2);
	check(in_a[2] / in_b[2] == -2 && in_a[2] % in_b[2] == 1);

	i64 min = in_a[3], m1 = in_b[3], zero = in_b[5];
	print_kv("min_div_m1", hw_div(min, m1));
	print_kv("min_rem_m1", hw_rem(min, m1));
	print_kv("div_by_zero", hw_div(42, zero));
	print_kv("rem_by_zero", hw_rem(42, zero));
	print_kx("divu_by_zero", hw_divu(42, (u64)zero));
	check(hw_div(min, m1) == min);
	check(hw_rem(min, m1) == 0);
	check(hw_rem(42, zero) == 42);
#if defined(__riscv)
	check(hw_div(42, zero) == -1);
	check(hw_divu(42, (u64)zero) == ~0UL);
#else
	check(hw_div(42, zero) == 0);
	check(hw_divu(42, (u64)zero) == 0);
#endif

	i64 max = in_a[4];
	print_kx("mulh_min_min", (u64)mulh(min, min));
	print_kx("mulhu_max_max", mulhu(~0UL, ~0UL));
	print_kv("mulh_m1_1", mulh(m1, 1));
	print_kx("mul_wrap", (u64)max * 3);
	check(mulh(min, min) == 0x4000000000000000L);
	check(mulhu(~0UL, ~0UL) == 0xfffffffffffffffeUL);
	check(mulh(m1, 1) == -1);
	check((u64)max * 3 == 0x7ffffffffffffffdUL);

	u64 u = (u64)in_a[1];
	print_kx("udiv", u / 7);
	print_kx("urem", u % 7);
	check(u / 7 == 0x2492492492492484UL && u % 7 == 0);
	print_kv("sra", in_a[1] >> 3);
	print_kx("srl", (u64)in_a[1] >> 60);
	check((in_a[1] >> 3) == -13 && ((u64)in_a[1] >> 60) == 15);
	/* 32-bit arithmetic wraps and sign-extends (addw / add w-registers). */
	i32 w = (i32)((u32)0x7fffffff + (u32)in_b[0]);
	print_kv("addw_wrap", w);
	check(w == -2147483642);
	print_kv("sum", sum);
	check(sum == 14 * 31 + 2 - 14 * 31 - 2 - 2 * 31 + 1);
	return check_status();
}
