/*
 * Compiled at test time into ET_REL objects (stand-ins for .ko files) with the kernel's
 * -fpatchable-function-entry flags: four traceable functions (three in .text, one in
 * .init.text) and one notrace function without a patch area.
 */
int table[16];
int counter;

static __attribute__((noinline)) int helper(int x)
{
	return table[x & 15] * 3 + 1;
}

int traced_a(int x)
{
	return helper(x) + 2;
}

int traced_b(int x, int y)
{
	counter++;
	return x / (y | 1) + traced_a(y);
}

/* The kernel's notrace with patchable entries: no patch area, no patch site. */
__attribute__((patchable_function_entry(0, 0))) int untraced(int x)
{
	return x * 7 + counter;
}

__attribute__((section(".init.text"))) int init_fn(int x)
{
	return x ^ 0x5a;
}
