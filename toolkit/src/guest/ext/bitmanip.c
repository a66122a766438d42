/*
 * Bit manipulation that GCC turns into Zba/Zbb/Zbs instructions when the target has them
 * (and into shifts, masks and libgcc calls when it does not): population count, leading and
 * trailing zeros at both widths, rotates, min/max, byte reversal, sign and zero extension,
 * and-not/or-not/xnor, shifted-index address arithmetic, single-bit set/clear/invert/extract.
 * Results are folded into hashes printed as hex; hand-computed cases are self-checked.
 */
#include "guest.h"

static const u64 vals[] = {
	0, 1, 2, 0x80, 0xff, 0x8000, 0xffff, 0x80000000ull, 0xffffffffull, 0x100000000ull,
	0x8000000000000000ull, 0xffffffffffffffffull, 0x0123456789abcdefull, 0xfedcba9876543210ull,
	0x00ff00ff00ff00ffull, 0x7fffffffffffffffull, 0x5555555555555555ull, 0xdeadbeefcafef00dull,
};
#define NV (sizeof vals / sizeof vals[0])

static __attribute__((noipa)) u64 v(unsigned i) { return vals[i % NV]; }

static u64 hash;

static void mixin(u64 x)
{
	hash = (hash ^ x) * 0x100000001b3ull;
}

static NOINLINE int pop64(u64 x) { return __builtin_popcountll(x); }
static NOINLINE int pop32(unsigned x) { return __builtin_popcount(x); }
static NOINLINE int clz64(u64 x) { return x ? __builtin_clzll(x) : 64; }
static NOINLINE int clz32(unsigned x) { return x ? __builtin_clz(x) : 32; }
static NOINLINE int ctz64(u64 x) { return x ? __builtin_ctzll(x) : 64; }
static NOINLINE int ctz32(unsigned x) { return x ? __builtin_ctz(x) : 32; }
static NOINLINE u64 rotl64(u64 x, unsigned r) { return (x << (r & 63)) | (x >> (-r & 63)); }
static NOINLINE u64 rotr64(u64 x, unsigned r) { return (x >> (r & 63)) | (x << (-r & 63)); }
static NOINLINE unsigned rotl32(unsigned x, unsigned r) { return (x << (r & 31)) | (x >> (-r & 31)); }
static NOINLINE u64 rotr64_13(u64 x) { return (x >> 13) | (x << 51); }
static NOINLINE unsigned rotr32_7(unsigned x) { return (x >> 7) | (x << 25); }
static NOINLINE i64 smax(i64 a, i64 b) { return a > b ? a : b; }
static NOINLINE i64 smin(i64 a, i64 b) { return a < b ? a : b; }
static NOINLINE u64 umax(u64 a, u64 b) { return a > b ? a : b; }
static NOINLINE u64 umin(u64 a, u64 b) { return a < b ? a : b; }
static NOINLINE u64 bswap64(u64 x) { return __builtin_bswap64(x); }
static NOINLINE unsigned bswap32(unsigned x) { return __builtin_bswap32(x); }
static NOINLINE i64 sext8(u64 x) { return (signed char)x; }
static NOINLINE i64 sext16(u64 x) { return (short)x; }
static NOINLINE u64 zext16(u64 x) { return (unsigned short)x; }
static NOINLINE u64 zext32(u64 x) { return (unsigned)x; }
static NOINLINE u64 andn(u64 a, u64 b) { return a & ~b; }
static NOINLINE u64 orn(u64 a, u64 b) { return a | ~b; }
static NOINLINE u64 xnor(u64 a, u64 b) { return ~(a ^ b); }
static NOINLINE u64 bset(u64 x, unsigned n) { return x | 1ull << (n & 63); }
static NOINLINE u64 bclr(u64 x, unsigned n) { return x & ~(1ull << (n & 63)); }
static NOINLINE u64 binv(u64 x, unsigned n) { return x ^ 1ull << (n & 63); }
static NOINLINE u64 bext(u64 x, unsigned n) { return x >> (n & 63) & 1; }
static NOINLINE u64 bits_imm(u64 x) { return (x | 1ull << 40) ^ (1ull << 3) ^ (x >> 33 & 1) ^ (x & ~(1ull << 62)); }

static u64 table[64];
static unsigned itable[64];
static NOINLINE u64 at(long i) { return table[i & 63]; }
static NOINLINE u64 at_u(unsigned i) { return table[i & 63] + itable[i & 63]; }
static NOINLINE u64 addr_uw(u64 base, unsigned i) { return base + ((u64)i << 3) + (u64)i; }
static NOINLINE u64 shl_uw(unsigned i) { return (u64)i << 5; }

int main(void)
{
	hash = 0xcbf29ce484222325ull;
	for (unsigned i = 0; i < 64; i++) {
		table[i] = v(i) * 0x9e3779b97f4a7c15ull + i;
		itable[i] = (unsigned)table[i] ^ i;
	}
	for (unsigned i = 0; i < NV; i++) {
		u64 a = v(i);
		mixin(pop64(a));
		mixin(pop32((unsigned)a));
		mixin(clz64(a));
		mixin(clz32((unsigned)a));
		mixin(ctz64(a));
		mixin(ctz32((unsigned)a));
		mixin(rotr64_13(a));
		mixin(rotr32_7((unsigned)a));
		mixin(bswap64(a));
		mixin(bswap32((unsigned)a));
		mixin(sext8(a));
		mixin(sext16(a));
		mixin(zext16(a));
		mixin(zext32(a));
		mixin(bits_imm(a));
		mixin(shl_uw((unsigned)a));
		for (unsigned j = 0; j < NV; j++) {
			u64 b = v(j);
			unsigned r = (unsigned)(b * 7 + j);
			mixin(rotl64(a, r));
			mixin(rotr64(a, r));
			mixin(rotl32((unsigned)a, r));
			mixin(smax(a, b));
			mixin(smin(a, b));
			mixin(umax(a, b));
			mixin(umin(a, b));
			mixin(andn(a, b));
			mixin(orn(a, b));
			mixin(xnor(a, b));
			mixin(bset(a, r));
			mixin(bclr(a, r));
			mixin(binv(a, r));
			mixin(bext(a, r));
			mixin(at((long)(a + b)));
			mixin(at_u((unsigned)(a ^ b)));
			mixin(addr_uw(a, (unsigned)b));
		}
	}
	print_kx("hash", hash);
	check(pop64(0xdeadbeefcafef00dull) == 42);
	check(clz64(0x0123456789abcdefull) == 7);
	check(ctz32(0x80000000u) == 31);
	check(clz32(0) == 32);
	check(rotr64_13(1) == 1ull << 51);
	check(bswap64(0x0123456789abcdefull) == 0xefcdab8967452301ull);
	check(sext8(0x80) == -128);
	check(zext16(0xfffff) == 0xffff);
	check(smin(-1, 1) == -1 && umin((u64)-1, 1) == 1);
	check(bext(0x10, 4) == 1 && binv(0, 63) == 0x8000000000000000ull);
	print_kv("checks", guest_checks);
	return check_status();
}
