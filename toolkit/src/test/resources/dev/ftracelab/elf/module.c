/*
 * A kernel-module-like translation unit, compiled at test time with the kernel's code
 * generation flags into a relocatable object (ModuleDisasmParityTest): calls and address
 * references to undefined symbols, static data referenced through section symbols, code in
 * .init.text and .text.unlikely, data in .text through inline asm (as the kernel's
 * alternatives and ALTERNATIVE-less .4byte encodings put it there), system-register reads.
 * Our own code: no kernel source.
 */
typedef unsigned long u64;

extern void kfree(void *p);
extern void *kmalloc(u64 size, int flags);
extern int printk(const char *fmt, ...);
extern int register_thing(void *ops);
extern void unregister_thing(void *ops);
extern u64 jiffies;
extern int ext_table[];

struct ops { int (*fn)(int); const char *name; };

static int counter;
static int table[64] = {1, 2, 3};
static const char banner[] = "module %d\n";
static int twice(int x) { return 2 * x + counter; }
static struct ops my_ops = { twice, "mod" };
int exported_value = 7;

__attribute__((noinline)) static int helper(int x)
{
	counter += x;
	return table[x & 63] + ext_table[x & 7];
}

__attribute__((cold, noinline)) static void report(int n)
{
	printk(banner, n);
}

int do_work(void *p, int n)
{
	int r = helper(n);
	if (n < 0) {
		report(n);
		return -1;
	}
	kfree(p);
	r += (int)jiffies + exported_value;
#if defined(__aarch64__)
	__asm__ volatile(".word 0x12345678\n\t.word 0xd503201f\n\t.short 0x1234\n\t.byte 0x56\n\t.balign 4" ::: "memory");
#else
	__asm__ volatile(".4byte 0x0100000f\n\t.4byte 0xdeadbeef\n\t.2byte 0x1234" ::: "memory");
#endif
	return r;
}

u64 read_sysregs(void)
{
	u64 a, b, c;
#if defined(__aarch64__)
	__asm__ volatile("mrs %0, tcr_el1" : "=r"(a));
	__asm__ volatile("mrs %0, sp_el0" : "=r"(b));
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(c));
	__asm__ volatile("msr tpidr_el1, %0" :: "r"(a));
	__asm__ volatile("mrs %0, s3_0_c15_c2_0" : "=r"(a));
#else
	__asm__ volatile("csrr %0, sstatus" : "=r"(a));
	__asm__ volatile("csrr %0, satp" : "=r"(b));
	__asm__ volatile("csrr %0, time" : "=r"(c));
	__asm__ volatile("csrw sscratch, %0" :: "r"(a));
#endif
	return a + b + c;
}

void *make(u64 n)
{
	void *p = kmalloc(n * sizeof(struct ops), 0xcc0);
	if (p)
		((struct ops *)p)->fn = twice;
	return p;
}

__attribute__((section(".init.text"))) int init_module(void)
{
	return register_thing(&my_ops);
}

__attribute__((section(".exit.text"))) void cleanup_module(void)
{
	unregister_thing(&my_ops);
}
