/* Compiled at test time into ET_REL objects with the kernel's -fpatchable-function-entry flags. */
static int table[16];
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

__attribute__((weak)) int weak_fn(void)
{
	return 7;
}

__attribute__((section(".text.unlikely"))) int cold_fn(int x)
{
	return x ^ 0x5a;
}
