/* Bit manipulation written out by hand (no builtins: without Zbb they would call libgcc):
 * population count, leading/trailing zeros, bit reversal, rotates, byte swaps, masks. */
#include "guest.h"

static NOINLINE int popcount(u64 x)
{
	x = x - ((x >> 1) & 0x5555555555555555UL);
	x = (x & 0x3333333333333333UL) + ((x >> 2) & 0x3333333333333333UL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fUL;
	return (int)((x * 0x0101010101010101UL) >> 56);
}

static NOINLINE int clz(u64 x)
{
	int n = 0;
	if (!x)
		return 64;
	while (!(x & (1UL << 63))) {
		x <<= 1;
		n++;
	}
	return n;
}

static NOINLINE int ctz(u64 x)
{
	int n = 0;
	if (!x)
		return 64;
	while (!(x & 1)) {
		x >>= 1;
		n++;
	}
	return n;
}

static NOINLINE u64 reverse(u64 x)
{
	x = ((x >> 1) & 0x5555555555555555UL) | ((x & 0x5555555555555555UL) << 1);
	x = ((x >> 2) & 0x3333333333333333UL) | ((x & 0x3333333333333333UL) << 2);
	x = ((x >> 4) & 0x0f0f0f0f0f0f0f0fUL) | ((x & 0x0f0f0f0f0f0f0f0fUL) << 4);
	x = ((x >> 8) & 0x00ff00ff00ff00ffUL) | ((x & 0x00ff00ff00ff00ffUL) << 8);
	x = ((x >> 16) & 0x0000ffff0000ffffUL) | ((x & 0x0000ffff0000ffffUL) << 16);
	return (x >> 32) | (x << 32);
}

static NOINLINE u64 rotl(u64 x, unsigned r)
{
	return (x << (r & 63)) | (x >> (-r & 63));
}

static NOINLINE u64 bswap(u64 x)
{
	u64 r = 0;
	for (int i = 0; i < 8; i++)
		r = (r << 8) | ((x >> (8 * i)) & 0xff);
	return r;
}

static volatile u64 in_x = 0x0123456789abcdefUL;

int main(void)
{
	u64 x = in_x;
	print_kv("popcount", popcount(x));
	print_kv("clz", clz(x));
	print_kv("ctz", ctz(x << 4));
	print_kx("reverse", reverse(x));
	print_kx("rotl13", rotl(x, 13));
	print_kx("bswap", bswap(x));
	check(popcount(x) == 32 && popcount(0) == 0 && popcount(~0UL) == 64);
	check(clz(x) == 7 && clz(1) == 63 && clz(0) == 64);
	check(ctz(x << 4) == 4 && ctz(1UL << 63) == 63);
	check(reverse(x) == 0xf7b3d591e6a2c480UL && reverse(reverse(x)) == x);
	check(rotl(x, 13) == 0x68acf13579bde024UL && rotl(x, 64) == x);
	check(bswap(x) == 0xefcdab8967452301UL);
	/* Sign and zero extension of narrower values. */
	i64 sb = (signed char)(u8)x, sh = (short)(x >> 48), sw = (i32)(x >> 8);
	print_kv("sext8", sb);
	check(sb == -17 && sh == 0x0123 && sw == (i32)0x6789abcd);
	u64 mix = 0;
	for (u64 i = 0; i < 256; i++)
		mix ^= rotl(i * 0x9e3779b97f4a7c15UL, (unsigned)i) + (u64)popcount(i);
	print_kx("mix", mix);
	check(mix != 0);
	return check_status();
}
