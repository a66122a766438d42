/*
 * Floating point as C uses it, for RISC-V F and D: double and float arithmetic over special
 * values (NaNs with payloads, infinities, subnormals, signed zeros, the largest and smallest
 * normals), fused multiply-add, square root, conversions between integers and both formats,
 * comparisons, min/max and classification, each under all five rounding modes set with an
 * inline `fsrm`, with the accrued flags read by `frflags`. Results are folded into hashes of
 * their bit patterns and printed as hex, so the emulator must match qemu bit for bit; a few
 * hand-computed results are self-checked (the exit status is the first failed check).
 */
#include "guest.h"

typedef union { double d; u64 u; } dbits;
typedef union { float f; unsigned int u; } fbits;

static u64 bits_d(double d) { dbits b; b.d = d; return b.u; }
static unsigned int bits_f(float f) { fbits b; b.f = f; return b.u; }
static double from_bits_d(u64 u) { dbits b; b.u = u; return b.d; }
static float from_bits_f(unsigned int u) { fbits b; b.u = u; return b.f; }

static void set_rm(int rm) { __asm__ volatile("fsrm %0" : : "r"(rm)); }
static unsigned flags(void) { unsigned long v; __asm__ volatile("frflags %0" : "=r"(v)); return (unsigned)v; }
static void clear_flags(void) { __asm__ volatile("fsflags zero"); }

static const u64 dvals[] = {
	0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
	0x3fb999999999999aull, 0x400921fb54442d18ull, 0x7fefffffffffffffull, 0x0010000000000000ull,
	0x000fffffffffffffull, 0x8000000000000001ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
	0x7ff8000000000000ull, 0x7ff4000000000123ull, 0xfff8000000000abcull, 0x4330000000000001ull,
	0xc1e0000000000000ull, 0x43e0000000000000ull, 0x3ca0000000000000ull, 0x41dfffffffc00000ull,
	0xc3e0000000000001ull, 0x4004000000000000ull, 0xc00c000000000000ull, 0x3fe0000000000000ull,
};
#define ND (sizeof dvals / sizeof dvals[0])

static const unsigned int fvals[] = {
	0x00000000u, 0x80000000u, 0x3f800000u, 0xbfc00000u, 0x3dcccccdu, 0x40490fdbu, 0x7f7fffffu,
	0x00800000u, 0x007fffffu, 0x80000001u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fa00123u,
	0x4b000001u, 0xcf000000u, 0x40200000u, 0xc0600000u, 0x3f000000u, 0x4f800000u,
};
#define NF (sizeof fvals / sizeof fvals[0])

static const i64 ivals[] = {
	0, 1, -1, 3, 16777217, -16777217, 9007199254740993LL, -9007199254740993LL,
	0x7fffffffffffffffLL, (i64)0x8000000000000000ULL, 0x7fffffffLL, -0x80000000LL, 0x123456789abcdefLL,
};
#define NI (sizeof ivals / sizeof ivals[0])

/*
 * Keeps the compiler from folding, or from moving an operation across an fsrm (GCC does not
 * model the rounding mode): every operand comes through an opaque call made after the fsrm.
 */
#define OPAQUE __attribute__((noipa))
static OPAQUE double vd(unsigned i) { return from_bits_d(dvals[i]); }
static OPAQUE float vf(unsigned i) { return from_bits_f(fvals[i]); }
static OPAQUE i64 vi(unsigned i) { return ivals[i]; }

static u64 hash;

static void mixin(u64 v)
{
	hash = (hash ^ v) * 0x100000001b3ull;
}

/* Each result together with the flags its operation raised. */
static void result(u64 v)
{
	__asm__ volatile("" : : "r"(v)); /* v is computed before the frflags below */
	mixin(v);
	mixin(flags());
	clear_flags();
}

static NOINLINE double sqrt_d(double a) { double r; __asm__("fsqrt.d %0,%1" : "=f"(r) : "f"(a)); return r; }
static NOINLINE float sqrt_f(float a) { float r; __asm__("fsqrt.s %0,%1" : "=f"(r) : "f"(a)); return r; }
static NOINLINE double fma_d(double a, double b, double c) { return __builtin_fma(a, b, c); }
static NOINLINE float fma_f(float a, float b, float c) { return __builtin_fmaf(a, b, c); }
static NOINLINE double min_d(double a, double b) { double r; __asm__("fmin.d %0,%1,%2" : "=f"(r) : "f"(a), "f"(b)); return r; }
static NOINLINE float max_f(float a, float b) { float r; __asm__("fmax.s %0,%1,%2" : "=f"(r) : "f"(a), "f"(b)); return r; }
static NOINLINE long class_d(double a) { long r; __asm__("fclass.d %0,%1" : "=r"(r) : "f"(a)); return r; }
static NOINLINE long class_f(float a) { long r; __asm__("fclass.s %0,%1" : "=r"(r) : "f"(a)); return r; }
/* conversions that round by frm (C casts always truncate) */
static NOINLINE long lrint_d(double a) { long r; __asm__("fcvt.l.d %0,%1" : "=r"(r) : "f"(a)); return r; }
static NOINLINE long wrint_f(float a) { long r; __asm__("fcvt.wu.s %0,%1" : "=r"(r) : "f"(a)); return r; }

static void doubles(void)
{
	for (unsigned i = 0; i < ND; i++) {
		double a = vd(i);
		result(bits_d(sqrt_d(a)));
		result((u64)lrint_d(a));
		result((u64)(long)a);
		result((u64)(int)a);
		result((u64)(unsigned long)a);
		result((u64)(unsigned)a);
		result(bits_f((float)a));
		result((u64)class_d(a));
		for (unsigned j = 0; j < ND; j++) {
			double b = vd(j);
			result(bits_d(a + b));
			result(bits_d(a - b));
			result(bits_d(a * b));
			result(bits_d(a / b));
			result(bits_d(min_d(a, b)));
			result((u64)((a < b) | (a <= b) << 1 | (a == b) << 2));
			result(bits_d(fma_d(a, b, vd((i + j) % ND))));
			result(bits_d(fma_d(-a, b, vd(3))));
		}
	}
}

static void floats(void)
{
	for (unsigned i = 0; i < NF; i++) {
		float a = vf(i);
		result(bits_f(sqrt_f(a)));
		result((u64)wrint_f(a));
		result((u64)(long)a);
		result((u64)(int)a);
		result(bits_d((double)a));
		result((u64)class_f(a));
		for (unsigned j = 0; j < NF; j++) {
			float b = vf(j);
			result(bits_f(a + b));
			result(bits_f(a - b));
			result(bits_f(a * b));
			result(bits_f(a / b));
			result(bits_f(max_f(a, b)));
			result((u64)((a < b) | (a >= b) << 1 | (a != b) << 2));
			result(bits_f(fma_f(a, b, vf((i * 7 + j) % NF))));
		}
	}
}

static void integers(void)
{
	for (unsigned i = 0; i < NI; i++) {
		i64 v = vi(i);
		result(bits_d((double)v));
		result(bits_d((double)(u64)v));
		result(bits_f((float)v));
		result(bits_f((float)(u64)v));
		result(bits_f((float)(int)v));
		result(bits_d((double)(unsigned)v));
	}
}

/* A little numeric code: a dot product, Horner's polynomial, a Newton iteration. */
static double NOINLINE numeric(void)
{
	double x[32], y[32], s = 0, p = 0;
	for (int i = 0; i < 32; i++) {
		x[i] = vd(4) * i - vd(23);
		y[i] = 1.0 / (i + vd(2));
	}
	for (int i = 0; i < 32; i++)
		s += x[i] * y[i];
	for (int i = 31; i >= 0; i--)
		p = p * vd(4) + y[i];
	double r = vd(21);
	for (int k = 0; k < 6; k++)
		r = 0.5 * (r + vd(5) / r);
	return s + p + r;
}

int main(void)
{
	static const char *names[] = {"rne", "rtz", "rdn", "rup", "rmm"};
	for (int rm = 0; rm < 5; rm++) {
		set_rm(rm);
		clear_flags();
		hash = 0xcbf29ce484222325ull;
		doubles();
		print_str(names[rm]);
		print_kx(" doubles", hash);
		hash = 0xcbf29ce484222325ull;
		floats();
		print_str(names[rm]);
		print_kx(" floats", hash);
		hash = 0xcbf29ce484222325ull;
		integers();
		print_str(names[rm]);
		print_kx(" integers", hash);
		print_str(names[rm]);
		print_kx(" numeric", bits_d(numeric()));
		clear_flags();
	}
	/* hand-computed: one third in each direction, the flags of an inexact and an invalid op */
	set_rm(0);
	check(bits_d(vd(2) / 3.0) == 0x3fd5555555555555ull);
	set_rm(3);
	check(bits_d(vd(2) / 3.0) == 0x3fd5555555555556ull);
	set_rm(2);
	check(bits_d(-vd(2) / 3.0) == 0xbfd5555555555556ull);
	set_rm(0);
	clear_flags();
	u64 sum = bits_d(vd(4) + vd(4) * 2);
	__asm__ volatile("" : : "r"(sum));
	check(sum == 0x3fd3333333333334ull && (flags() & 1));
	clear_flags();
	int big = (int)vd(17);
	__asm__ volatile("" : : "r"(big));
	check(big == 0x7fffffff && flags() == 0x10);
	check(bits_d(sqrt_d(vd(3))) == 0x7ff8000000000000ull);
	check(bits_f(vf(13) + vf(2)) == 0x7fc00000u);
	check(bits_d(min_d(vd(12), vd(2))) == 0x3ff0000000000000ull);
	print_kv("checks", guest_checks);
	return check_status();
}
