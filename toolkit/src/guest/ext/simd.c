/*
 * Integer code GCC turns into Advanced SIMD when NEON is allowed: struct copies through Q
 * registers, copy loops, the varargs save area, and vectorised loops over u8/u16/u32/u64 arrays
 * (sums, widening sums, min/max, compares, shifts, byte swaps, absolute differences, averages,
 * interleaving, narrowing, selects, table lookups, popcounts, dot products). No floating point:
 * results are printed as integers and hashed; main returns 0 when the self-checks pass.
 */
#include <stdarg.h>
#include "guest.h"

typedef unsigned short u16;
typedef signed char i8;
typedef short i16;

#define N 256

static u8 a8[N], b8[N], c8[N], rgb[3 * N];
static u16 a16[N], b16[N];
static u32 a32[N], b32[N], c32[N];
static u64 a64[N], b64[N];
static i8 s8[N];
static i16 s16[N];
static i32 s32[N];

static u64 seed = 0x9e3779b97f4a7c15UL;

static u64 next(void)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return seed >> 11;
}

static u64 hash = 1469598103934665603UL;

static void mix(u64 v)
{
	hash = (hash ^ v) * 1099511628211UL;
}

static NOINLINE void fill(void)
{
	for (int i = 0; i < N; i++) {
		a8[i] = (u8)next();
		b8[i] = (u8)next();
		a16[i] = (u16)next();
		b16[i] = (u16)next();
		a32[i] = (u32)next();
		b32[i] = (u32)next();
		a64[i] = next() << 13 ^ next();
		b64[i] = next();
		s8[i] = (i8)next();
		s16[i] = (i16)next();
		s32[i] = (i32)next();
	}
	for (int i = 0; i < 3 * N; i++)
		rgb[i] = (u8)next();
}

/* ---- struct copies and copy loops: ldp/stp q, ld1/st1 */

struct rec {
	u64 key;
	u32 vals[6];
	u8 tag[16];
};

static struct rec recs[8];

static NOINLINE struct rec pick(int i)
{
	return recs[i & 7];
}

static NOINLINE void structs(void)
{
	for (int i = 0; i < 8; i++) {
		recs[i].key = next();
		for (int k = 0; k < 6; k++)
			recs[i].vals[k] = (u32)next();
		for (int k = 0; k < 16; k++)
			recs[i].tag[k] = (u8)(i * 16 + k);
	}
	struct rec r = pick(3);
	recs[0] = r;
	recs[7] = pick(5);
	u64 h = 0;
	for (int i = 0; i < 8; i++)
		h = h * 31 + recs[i].key + recs[i].vals[2] + recs[i].tag[15];
	print_kx("structs", h);
	check(recs[0].tag[15] == 3 * 16 + 15);
}

static NOINLINE void copy_bytes(u8 *restrict d, const u8 *restrict s, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = s[i];
}

/* ---- varargs: the prologue saves q0-q7 to the FP/SIMD save area */

static NOINLINE u64 vsum(int n, ...)
{
	va_list ap;
	va_start(ap, n);
	u64 s = 0;
	for (int i = 0; i < n; i++)
		s = s * 3 + va_arg(ap, u64);
	va_end(ap);
	return s;
}

/* ---- reductions */

static NOINLINE u32 sum_u8(const u8 *p, int n)
{
	u32 s = 0;
	for (int i = 0; i < n; i++)
		s += p[i];
	return s;
}

static NOINLINE u32 sum_u16(const u16 *p, int n)
{
	u32 s = 0;
	for (int i = 0; i < n; i++)
		s += p[i];
	return s;
}

static NOINLINE u64 sum_u32(const u32 *p, int n)
{
	u64 s = 0;
	for (int i = 0; i < n; i++)
		s += p[i];
	return s;
}

static NOINLINE u64 sum_u64(const u64 *p, int n)
{
	u64 s = 0;
	for (int i = 0; i < n; i++)
		s += p[i];
	return s;
}

static NOINLINE i32 sum_s8(const i8 *p, int n)
{
	i32 s = 0;
	for (int i = 0; i < n; i++)
		s += p[i];
	return s;
}

static NOINLINE u8 max_u8(const u8 *p, int n)
{
	u8 m = 0;
	for (int i = 0; i < n; i++)
		m = p[i] > m ? p[i] : m;
	return m;
}

static NOINLINE i16 min_s16(const i16 *p, int n)
{
	i16 m = 32767;
	for (int i = 0; i < n; i++)
		m = p[i] < m ? p[i] : m;
	return m;
}

static NOINLINE u32 max_u32(const u32 *p, int n)
{
	u32 m = 0;
	for (int i = 0; i < n; i++)
		m = p[i] > m ? p[i] : m;
	return m;
}

static NOINLINE i32 min_s32(const i32 *p, int n)
{
	i32 m = 0x7fffffff;
	for (int i = 0; i < n; i++)
		m = p[i] < m ? p[i] : m;
	return m;
}

static NOINLINE int count_greater(const u8 *p, const u8 *q, int n)
{
	int c = 0;
	for (int i = 0; i < n; i++)
		c += p[i] > q[i];
	return c;
}

static NOINLINE int count_equal16(const u16 *p, u16 v, int n)
{
	int c = 0;
	for (int i = 0; i < n; i++)
		c += (p[i] & 0xf) == v;
	return c;
}

static NOINLINE u32 sad(const u8 *p, const u8 *q, int n)
{
	u32 s = 0;
	for (int i = 0; i < n; i++)
		s += p[i] > q[i] ? p[i] - q[i] : q[i] - p[i];
	return s;
}

static NOINLINE u64 dot16(const u16 *p, const u16 *q, int n)
{
	u64 s = 0;
	for (int i = 0; i < n; i++)
		s += (u32)p[i] * q[i];
	return s;
}

static NOINLINE i64 dot32(const i32 *p, const i16 *q, int n)
{
	i64 s = 0;
	for (int i = 0; i < n; i++)
		s += (i64)p[i] * q[i];
	return s;
}

static NOINLINE u64 popcount_all(const u64 *p, int n)
{
	u64 s = 0;
	for (int i = 0; i < n; i++)
		s += __builtin_popcountll(p[i]);
	return s;
}

static NOINLINE int popcount_one(u64 x)
{
	return __builtin_popcountll(x);
}

/* ---- element-wise maps */

static NOINLINE void add_mul(u32 *restrict d, const u32 *restrict p, const u32 *restrict q, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = p[i] * 3 + q[i] * p[i] - (q[i] >> 3);
}

static NOINLINE void shifts(u32 *restrict d, const u32 *restrict p, const u32 *restrict q, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (p[i] << (q[i] & 31)) ^ (p[i] >> (q[i] & 7)) ^ ((i32)p[i] >> 5);
}

static NOINLINE void rotate64(u64 *restrict d, const u64 *restrict p, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (p[i] << 13 | p[i] >> 51) + (p[i] >> 7);
}

static NOINLINE void bswap32(u32 *restrict d, const u32 *restrict p, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = __builtin_bswap32(p[i]);
}

static NOINLINE void bswap64(u64 *restrict d, const u64 *restrict p, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = __builtin_bswap64(p[i]);
}

static NOINLINE void average(u8 *restrict d, const u8 *restrict p, const u8 *restrict q, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (u8)((p[i] + q[i] + 1) >> 1);
}

static NOINLINE void saturate_add(u8 *restrict d, const u8 *restrict p, const u8 *restrict q, int n)
{
	for (int i = 0; i < n; i++) {
		unsigned s = p[i] + q[i];
		d[i] = s > 255 ? 255 : (u8)s;
	}
}

static NOINLINE void select_max(u8 *restrict d, const u8 *restrict p, const u8 *restrict q, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = p[i] > q[i] ? p[i] : (u8)(q[i] ^ 0x55);
}

static NOINLINE void abs_neg(i16 *restrict d, const i16 *restrict p, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (i16)(p[i] < 0 ? -p[i] : p[i]) - (i16)(p[i] >> 15);
}

static NOINLINE void widen(u32 *restrict d, const u8 *restrict p, const i8 *restrict q, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (u32)p[i] * 257 + (u32)(i32)q[i];
}

static NOINLINE void narrow(u8 *restrict d, const u32 *restrict p, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (u8)(p[i] >> 8);
}

static NOINLINE void gray(u8 *restrict d, const u8 *restrict p, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (u8)((p[3 * i] * 77 + p[3 * i + 1] * 150 + p[3 * i + 2] * 29) >> 8);
}

static NOINLINE void interleave(u16 *restrict d, const u16 *restrict p, const u16 *restrict q, int n)
{
	for (int i = 0; i < n; i++) {
		d[2 * i] = p[i];
		d[2 * i + 1] = (u16)(q[i] + 1);
	}
}

static NOINLINE void reverse(u32 *restrict d, const u32 *restrict p, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = p[n - 1 - i];
}

static NOINLINE void lookup(u8 *restrict d, const u8 *restrict p, int n)
{
	static const u8 table[16] = {7, 3, 11, 0, 15, 2, 9, 4, 13, 1, 6, 12, 5, 10, 8, 14};
	for (int i = 0; i < n; i++)
		d[i] = table[p[i] & 15];
}

static NOINLINE void splat(u64 *d, u64 v, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = v | (u64)i;
}

static NOINLINE void mul64(u64 *restrict d, const u64 *restrict p, const u64 *restrict q, int n)
{
	for (int i = 0; i < n; i++)
		d[i] = (p[i] ^ q[i]) + (p[i] == q[i]) + (p[i] < q[i] ? 5 : 0);
}

static void mix_bytes(const void *p, int n)
{
	const u8 *b = p;
	for (int i = 0; i < n; i++)
		mix(b[i]);
}

int main(void)
{
	fill();
	structs();

	copy_bytes(c8, a8, N - 3);
	check(c8[N - 4] == a8[N - 4]);
	mix_bytes(c8, N);

	u64 v = vsum(5, 1UL, 2UL, 3UL, 4UL, 5UL);
	print_kv("vsum", (i64)v);
	check(v == ((((1 * 3 + 2) * 3 + 3) * 3 + 4) * 3 + 5));

	u8 ramp[N];
	for (int i = 0; i < N; i++)
		ramp[i] = (u8)i;
	check(sum_u8(ramp, N) == 255 * 256 / 2);
	print_kv("sum_u8", sum_u8(a8, N));
	print_kv("sum_u8_odd", sum_u8(a8 + 1, N - 7));
	print_kv("sum_u16", sum_u16(a16, N));
	print_kv("sum_u32", (i64)sum_u32(a32, N));
	print_kx("sum_u64", sum_u64(a64, N));
	print_kv("sum_s8", sum_s8(s8, N));
	print_kv("max_u8", max_u8(a8, N));
	print_kv("min_s16", min_s16(s16, N));
	print_kv("max_u32", max_u32(a32, N));
	print_kv("min_s32", min_s32(s32, N));
	print_kv("count_greater", count_greater(a8, b8, N));
	print_kv("count_equal16", count_equal16(a16, 7, N));
	print_kv("sad", sad(a8, b8, N));
	print_kx("dot16", dot16(a16, b16, N));
	print_kx("dot32", (u64)dot32(s32, s16, N));
	print_kv("popcount_all", (i64)popcount_all(a64, N));
	print_kv("popcount_one", popcount_one(0xf0f0f0f0f0f0f0f1UL));
	check(popcount_one(0xf0f0f0f0f0f0f0f1UL) == 33);

	add_mul(c32, a32, b32, N);
	mix_bytes(c32, sizeof c32);
	shifts(c32, a32, b32, N - 1);
	mix_bytes(c32, sizeof c32);
	u64 r64[N];
	rotate64(r64, a64, N);
	mix_bytes(r64, sizeof r64);
	bswap32(c32, a32, N);
	check(c32[5] == __builtin_bswap32(a32[5]));
	mix_bytes(c32, sizeof c32);
	bswap64(r64, b64, N);
	mix_bytes(r64, sizeof r64);
	average(c8, a8, b8, N);
	mix_bytes(c8, N);
	saturate_add(c8, a8, b8, N);
	mix_bytes(c8, N);
	select_max(c8, a8, b8, N);
	mix_bytes(c8, N);
	i16 t16[N];
	abs_neg(t16, s16, N);
	mix_bytes(t16, sizeof t16);
	widen(c32, a8, s8, N);
	mix_bytes(c32, sizeof c32);
	narrow(c8, a32, N);
	mix_bytes(c8, N);
	gray(c8, rgb, N);
	mix_bytes(c8, N);
	u16 pairs[2 * N];
	interleave(pairs, a16, b16, N);
	mix_bytes(pairs, sizeof pairs);
	reverse(c32, a32, N);
	check(c32[0] == a32[N - 1]);
	mix_bytes(c32, sizeof c32);
	lookup(c8, a8, N);
	mix_bytes(c8, N);
	splat(r64, 0x0123456789abcdefUL, N);
	mix_bytes(r64, sizeof r64);
	mul64(r64, a64, b64, N);
	mix_bytes(r64, sizeof r64);

	print_kx("hash", hash);
	return check_status();
}
