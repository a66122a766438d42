/*
 * A miniature "vmlinux" for VmlinuxFuzzTest's seeds: a static executable with a symbol table and
 * a .BTF section (GCC's -gbtf) holding the structs and symbols the toolkit reads from a real
 * image, at a tiny size. Its ftrace_caller only returns: a model boots on it, the sample's check
 * then fails with a clear error. Built by
 *   for a in riscv64 aarch64; do $a-linux-gnu-gcc -O2 -gbtf -nostdlib -static -fno-pie -no-pie \
 *     -ffreestanding -fno-asynchronous-unwind-tables -fno-unwind-tables -Wl,--build-id=sha1 \
 *     -o VmlinuxFuzzTestInputs/open/mini-$a.elf mini-vmlinux.c; done
 * and, relocatable as arm64 kernels are (RELATIVE relocations, not applied in the file),
 *   aarch64-linux-gnu-gcc -O2 -gbtf -nostdlib -static-pie -fpie -ffreestanding -fno-asynchronous-unwind-tables \
 *     -fno-unwind-tables -Wl,--build-id=sha1 -Wl,--no-apply-dynamic-relocs -Wl,-z,max-page-size=4096 \
 *     -Wl,-z,common-page-size=4096 -o VmlinuxFuzzTestInputs/open/mini-pie-aarch64.elf mini-vmlinux.c
 */
struct ftrace_hash { unsigned long size_bits; void *buckets; unsigned long count; unsigned long flags; char pad[16]; };
struct ftrace_ops_hash { struct ftrace_hash *notrace_hash; struct ftrace_hash *filter_hash; void *regex_lock[4]; };
struct hlist_node { struct hlist_node *next, **pprev; };
struct ftrace_func_entry { struct hlist_node hlist; unsigned long ip; unsigned long direct; };
struct ftrace_ops { void *func; struct ftrace_ops *next; unsigned long flags; void *private; void *saved_func;
	struct ftrace_ops_hash local_hash; struct ftrace_ops_hash *func_hash; void *trampoline; unsigned long trampoline_size;
	unsigned long direct_call; };
struct preempt { unsigned int count; unsigned int need_resched; };
struct thread_info { unsigned long flags; union { int preempt_count; struct preempt preempt; }; };
struct task_struct { struct thread_info thread_info; unsigned long stack_canary; unsigned long trace_recursion; };
enum ftrace_ops_flag { FTRACE_OPS_FL_ENABLED = 1, FTRACE_OPS_FL_DYNAMIC = 2, FTRACE_OPS_FL_RCU = 1 << 14 } ftrace_flags;

struct ftrace_ops ftrace_list_end, *ftrace_ops_list = &ftrace_list_end, *function_trace_op;
struct ftrace_hash empty_hash;
struct task_struct init_task;
struct ftrace_func_entry an_entry;
unsigned long __per_cpu_offset[4];
const char linux_banner[] = "Linux version 0.0.1-mini (fuzz seed) #1\n";

void ftrace_stub(void) {}
void ftrace_ops_list_func(void) {}
void ftrace_caller(void) { __asm__ volatile(".globl ftrace_call\nftrace_call: nop\n nop"); }
void _start(void) { for (;;) ; }
