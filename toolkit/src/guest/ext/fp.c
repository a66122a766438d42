/*
 * Floating point as ordinary C uses it: double and float arithmetic over special values
 * (NaNs, infinities, denormals, signed zeros), fused multiply-add, libm-free math (Newton
 * square root, a polynomial exp), conversions between integers and floating point, NaN-aware
 * comparisons, and every FPCR rounding mode set with an inline `msr fpcr`. Results are
 * printed as hex bit patterns (with FPSR's flags), so the emulator must match qemu bit for bit.
 */
#include "guest.h"

typedef union { double d; u64 u; } dbits;
typedef union { float f; unsigned int u; } fbits;

static u64 bits_d(double d) { dbits b; b.d = d; return b.u; }
static unsigned int bits_f(float f) { fbits b; b.f = f; return b.u; }
static double from_bits_d(u64 u) { dbits b; b.u = u; return b.d; }
static float from_bits_f(unsigned int u) { fbits b; b.u = u; return b.f; }

static u64 get_fpcr(void) { u64 v; __asm__ volatile("mrs %0, fpcr" : "=r"(v)); return v; }
static void set_fpcr(u64 v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static u64 get_fpsr(void) { u64 v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }
static void set_fpsr(u64 v) { __asm__ volatile("msr fpsr, %0" : : "r"(v)); }

static const u64 dvals[] = {
	0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
	0x3fb999999999999aull, 0x400921fb54442d18ull, 0x7fefffffffffffffull, 0x0010000000000000ull,
	0x000fffffffffffffull, 0x8000000000000001ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
	0x7ff8000000000000ull, 0x7ff4000000000123ull, 0xfff8000000000abcull, 0x4330000000000001ull,
	0xc1e0000000000000ull, 0x43e0000000000000ull, 0x3ca0000000000000ull,
};
#define ND (sizeof dvals / sizeof dvals[0])

static const unsigned int fvals[] = {
	0x00000000u, 0x80000000u, 0x3f800000u, 0xbfc00000u, 0x3dcccccdu, 0x40490fdbu, 0x7f7fffffu,
	0x00800000u, 0x007fffffu, 0x80000001u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7fa00123u,
	0x4b000001u, 0xcf000000u,
};
#define NF (sizeof fvals / sizeof fvals[0])

/* Keeps the compiler from folding: every operand comes through here at run time. */
static NOINLINE double vd(int i) { return from_bits_d(dvals[i]); }
static NOINLINE float vf(int i) { return from_bits_f(fvals[i]); }

static u64 mix;

static void out(const char *k, u64 v)
{
	mix = (mix ^ v) * 0x100000001b3ull;
	(void)k;
}

static NOINLINE double fmad(double a, double b, double c) { return a * b + c; }
static NOINLINE float fmaf_(float a, float b, float c) { return a * b + c; }

static void double_table(void)
{
	for (unsigned i = 0; i < ND; i++) {
		for (unsigned j = 0; j < ND; j++) {
			double a = vd(i), b = vd(j);
			out("add", bits_d(a + b));
			out("sub", bits_d(a - b));
			out("mul", bits_d(a * b));
			out("div", bits_d(a / b));
			out("fma", bits_d(fmad(a, b, vd((i + j) % ND))));
			out("lt", (a < b) | (a <= b) << 1 | (a == b) << 2 | (a != a) << 3);
		}
	}
}

static void float_table(void)
{
	for (unsigned i = 0; i < NF; i++) {
		for (unsigned j = 0; j < NF; j++) {
			float a = vf(i), b = vf(j);
			out("fadd", bits_f(a + b));
			out("fsub", bits_f(a - b));
			out("fmul", bits_f(a * b));
			out("fdiv", bits_f(a / b));
			out("ffma", bits_f(fmaf_(a, b, vf((i * 3 + j) % NF))));
			out("fcmp", (a > b) | (a >= b) << 1 | (b != b) << 2);
			out("f2d", bits_d((double)a * (double)b));
		}
		out("d2f", bits_f((float)vd(i % ND)));
	}
}

/* Newton's method for the square root, libm-free. */
static NOINLINE double newton_sqrt(double x)
{
	double r = x > 1 ? x / 2 : 1;
	for (int k = 0; k < 60; k++)
		r = 0.5 * (r + x / r);
	return r;
}

/* exp(x) by range reduction and a Taylor polynomial. */
static NOINLINE double poly_exp(double x)
{
	int k = (int)(x * 1.4426950408889634);
	double r = x - k * 0.6931471805599453;
	double s = 1, t = 1;
	for (int n = 1; n < 20; n++) {
		t = t * r / n;
		s += t;
	}
	while (k > 0) { s *= 2; k--; }
	while (k < 0) { s /= 2; k++; }
	return s;
}

static NOINLINE long to_long(double d) { return (long)d; }
static NOINLINE unsigned to_uint(float f) { return (unsigned)f; }
static NOINLINE int to_int(double d) { return (int)d; }
static NOINLINE double from_long(long v) { return (double)v; }
static NOINLINE float from_ulong(u64 v) { return (float)v; }
static NOINLINE double from_uint(unsigned v) { return (double)v; }

static void conversions(void)
{
	static const double in[] = {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 1e10, -1e18, 4294967295.9, 123456.789};
	for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
		double d = in[i] * (vd(2) + 0); /* keep it a run-time value */
		print_kx("cvt.l", (u64)to_long(d));
		print_kx("cvt.i", (u64)(unsigned)to_int(d > 2e9 || d < -2e9 ? 0.0 : d));
		print_kx("cvt.u", to_uint(d < 0 || d > 4e9 ? 1.0f : (float)d));
	}
	static const long li[] = {0, 1, -1, 9007199254740993L, -9223372036854775807L - 1, 123456789012345L};
	for (unsigned i = 0; i < sizeof li / sizeof li[0]; i++) {
		print_kx("scvtf.d", bits_d(from_long(li[i])));
		print_kx("ucvtf.s", bits_f(from_ulong((u64)li[i])));
		print_kx("ucvtf.d", bits_d(from_uint((unsigned)li[i])));
	}
}

/* The same sums under each rounding mode: RN, RP, RM, RZ. */
static void rounding_modes(void)
{
	u64 saved = get_fpcr();
	for (u64 mode = 0; mode < 4; mode++) {
		set_fpcr((saved & ~(3ull << 22)) | mode << 22);
		set_fpsr(0);
		volatile double third = vd(2) / 3.0;
		volatile double m = -vd(2) / 3.0;
		volatile float ft = vf(2) / 3.0f;
		volatile double big = vd(6) * 2.0;
		volatile double sq = newton_sqrt(2.0 * vd(2));
		volatile double tiny = vd(8) / 3.0;
		u64 flags = get_fpsr();
		set_fpcr(saved);
		print_kx("rm.third", bits_d(third));
		print_kx("rm.m", bits_d(m));
		print_kx("rm.f", bits_f(ft));
		print_kx("rm.big", bits_d(big));
		print_kx("rm.sqrt", bits_d(sq));
		print_kx("rm.tiny", bits_d(tiny));
		print_kx("rm.fpsr", flags);
	}
}

/* A loop GCC vectorises at -O3: float saxpy and a double dot product. */
static float xs[64], ys[64];
static double da[32], db[32];

static NOINLINE void saxpy(float a)
{
	for (int i = 0; i < 64; i++)
		ys[i] = a * xs[i] + ys[i];
}

static NOINLINE double dot(void)
{
	double s = 0;
	for (int i = 0; i < 32; i++)
		s += da[i] * db[i];
	return s;
}

int main(void)
{
	double_table();
	print_kx("double.mix", mix);
	mix = 0;
	float_table();
	print_kx("float.mix", mix);

	double s2 = newton_sqrt(2.0 * vd(2));
	print_kx("sqrt2", bits_d(s2));
	check(bits_d(s2) == 0x3ff6a09e667f3bcdull || bits_d(s2) == 0x3ff6a09e667f3bccull);
	double e1 = poly_exp(vd(2));
	print_kx("exp1", bits_d(e1));
	check(e1 > 2.718281828 && e1 < 2.718281829);
	check(bits_d(vd(4) + 0.2) == 0x3fd3333333333334ull);

	conversions();
	rounding_modes();

	for (int i = 0; i < 64; i++) {
		xs[i] = (float)i * 0.25f;
		ys[i] = 1.0f / (float)(i + 1);
	}
	saxpy(from_bits_f(fvals[4]));
	mix = 0;
	for (int i = 0; i < 64; i++)
		out("y", bits_f(ys[i]));
	print_kx("saxpy.mix", mix);
	for (int i = 0; i < 32; i++) {
		da[i] = (double)i / 7.0;
		db[i] = 1.0 - (double)i / 31.0;
	}
	print_kx("dot", bits_d(dot()));

	set_fpsr(0);
	volatile double nan = vd(12);
	int un = nan < 1.0;
	print_kx("nan.lt", (u64)un);
	print_kx("nan.fpsr", get_fpsr());
	print_kx("checks.failed", (u64)check_status());
	return check_status();
}
