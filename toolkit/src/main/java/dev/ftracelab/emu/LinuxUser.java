package dev.ftracelab.emu;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.ElfType;
import dev.ftracelab.elf.Segment;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a static, freestanding Linux user-mode program on one hart, as {@code qemu-riscv64} /
 * {@code qemu-aarch64} would: loads its {@code PT_LOAD} segments with their permissions, builds
 * the initial stack (argc, argv, envp, and an auxv as qemu-user lays it out: see
 * {@link #hwcap}), and serves the system calls test programs use —
 * {@code write} (64), {@code exit} (93), {@code exit_group} (94); others return {@code -ENOSYS}.
 * A run writes at most {@link #MAX_OUTPUT} bytes; past that, {@code write} returns
 * {@code -EFBIG} (as Linux does past a file size limit), so the instruction budget also bounds
 * the time a run takes.
 *
 * <p>A trap the program does not recover from ends it like the matching signal would, with exit
 * status 128 + signal number (SIGILL 4, SIGTRAP 5, SIGBUS 7, SIGSEGV 11), as a shell reports a
 * program killed by it.
 *
 * <pre>{@code
 * LinuxUser.Result r = LinuxUser.run(ElfFile.read(Path.of("fib.elf")), System.out, LinuxUser.DEFAULT_LIMIT);
 * System.exit(r.exitStatus());
 * }</pre>
 */
public final class LinuxUser {
    /** Default instruction budget: generous for test programs, finite for runaway ones. */
    public static final long DEFAULT_LIMIT = 20_000_000_000L;
    /** Top of the initial stack; below 2^38 so it is a valid user address on both arches. */
    public static final long STACK_TOP = 0x3f_ffff_0000L;
    public static final long STACK_SIZE = 8L << 20;

    static final int SYS_WRITE = 64;
    static final int SYS_EXIT = 93;
    static final int SYS_EXIT_GROUP = 94;
    static final long ENOSYS = 38;
    static final long EFAULT = 14;
    static final long EBADF = 9;
    static final long EFBIG = 27;

    /**
     * Most bytes a run writes to stdout and stderr together (16 MiB; the test programs write a few
     * lines). Without it a loop of large writes, a few instructions each, costs seconds per
     * instruction: a budget of 20,000 instructions ran for minutes (found by LoadRunFuzzTest).
     */
    public static final long MAX_OUTPUT = 16L << 20;

    private static final int SLICE = 1 << 20;

    /**
     * How a run ended.
     *
     * @param exitStatus   the program's exit status, or 128 + signal if a trap ended it
     * @param trap         the trap that ended it, or null if it exited
     * @param instructions instructions retired
     * @param nanos        wall-clock time of the run (emulation only, loading excluded)
     * @param counters     retirement counters, indexed by {@link Counter#ordinal()}
     * @param outOfBudget  whether the instruction budget ran out (exit status 137, as SIGKILL)
     */
    public record Result(int exitStatus, Trap trap, long instructions, long nanos, long[] counters, boolean outOfBudget) {
        /** Emulated million instructions per second. */
        public double mips() {
            return nanos == 0 ? 0 : instructions * 1e3 / nanos;
        }

        public long count(Counter c) {
            return counters[c.ordinal()];
        }
    }

    private LinuxUser() {
    }

    /**
     * Loads {@code elf} into a fresh one-hart machine, with the PC at the entry point and the
     * stack set up.
     *
     * @throws BadInputException if the file is not a static executable the emulator can run
     */
    public static Machine load(ElfFile elf) {
        return load(elf, 1);
    }

    /** As {@link #load(ElfFile)}, with {@code harts} harts sharing the memory (hart 0 set up to start). */
    public static Machine load(ElfFile elf, int harts) {
        return load(elf, harts, List.of("prog"));
    }

    /**
     * As {@link #load(ElfFile, int)}, with {@code argv} on the initial stack (argv[0] is the
     * program name), as a shell would pass {@code prog key=value ...}.
     *
     * <pre>{@code
     * Machine m = LinuxUser.load(elf, 1, List.of("load-chain", "size=16k"));
     * }</pre>
     */
    public static Machine load(ElfFile elf, int harts, List<String> argv) {
        return load(elf, harts, argv, Memory.DEFAULT_MAX_TOUCHED);
    }

    /**
     * As {@link #load(ElfFile, int, List)}, with at most {@code maxMemory} bytes of guest memory
     * touched, loading included ({@link Memory#maxTouched(long)}).
     *
     * @throws BadInputException if the file cannot run, or loading it touches more than {@code maxMemory}
     */
    public static Machine load(ElfFile elf, int harts, List<String> argv, long maxMemory) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv needs at least the program name");
        }
        if (elf.type() != ElfType.EXEC) {
            throw new BadInputException(elf.source(), null, "expected a static executable (ET_EXEC), got "
                    + elf.type() + (elf.type() == ElfType.DYN ? ": link with -static -no-pie" : ""));
        }
        Machine m = Machine.create(elf.arch(), harts);
        Memory mem = m.memory();
        mem.maxTouched(maxMemory);
        boolean loaded = false;
        for (Segment s : elf.segments()) {
            if (!s.isLoad() || s.memSize() == 0) {
                continue;
            }
            mem.map(s.vaddr(), s.memSize(), permissions(s));
            mem.write(s.vaddr(), elf.segmentBytes(s));
            loaded = true;
        }
        if (!loaded) {
            throw new BadInputException(elf.source(), null, "expected at least one PT_LOAD segment");
        }
        mem.map(STACK_TOP - STACK_SIZE, STACK_SIZE, Memory.R | Memory.W);
        Hart h = m.hart(0);
        h.setPc(elf.entry());
        h.setReg(elf.arch().stackPointer(), initialStack(mem, argv, elf));
        return m;
    }

    /** Loads and runs {@code elf}, writing its stdout (and stderr) to {@code out}. */
    public static Result run(ElfFile elf, OutputStream out, long maxInstructions) {
        return run(load(elf), out, out, maxInstructions);
    }

    /** Runs hart 0 of a loaded machine until the program exits, traps, or the budget ends. */
    public static Result run(Machine m, OutputStream stdout, OutputStream stderr, long maxInstructions) {
        if (maxInstructions < 1) {
            throw new IllegalArgumentException("the instruction budget must be at least 1, got " + maxInstructions);
        }
        Hart h = m.hart(0);
        Arch arch = m.arch();
        long start = System.nanoTime();
        long left = maxInstructions;
        long written = 0;
        while (true) {
            long before = h.retired();
            Trap t = h.run(Math.min(left, SLICE));
            left -= h.retired() - before;
            if (t == null) {
                if (left <= 0) {
                    return new Result(128 + 9, null, h.retired(), System.nanoTime() - start, h.counters(), true);
                }
                continue;
            }
            if (t instanceof Trap.EnvironmentCall) {
                long nr = h.reg(arch == Arch.RISCV64 ? 17 : 8);
                if (nr == SYS_EXIT || nr == SYS_EXIT_GROUP) {
                    int status = (int) (h.reg(arch.argument(0)) & 0xff);
                    return new Result(status, null, h.retired(), System.nanoTime() - start, h.counters(), false);
                }
                long ret = nr == SYS_WRITE ? write(h, arch, stdout, stderr, MAX_OUTPUT - written) : -ENOSYS;
                if (nr == SYS_WRITE && ret > 0) {
                    written += ret;
                }
                h.setReg(arch.argument(0), ret);
                h.setPc(h.pc() + 4);
                continue;
            }
            return new Result(128 + signal(t), t, h.retired(), System.nanoTime() - start, h.counters(), false);
        }
    }

    /** Convenience for tests and notebooks: runs and captures stdout as text. */
    public static Captured capture(ElfFile elf, long maxInstructions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Result r = run(elf, bytes, maxInstructions);
        return new Captured(r, bytes.toString(StandardCharsets.UTF_8));
    }

    /** A result with the program's output. */
    public record Captured(Result result, String stdout) {
    }

    /** ELF segment flags (PF_X 1, PF_W 2, PF_R 4) as memory permissions. */
    private static int permissions(Segment s) {
        int f = s.flags();
        return ((f & Segment.PF_R) != 0 ? Memory.R : 0) | ((f & Segment.PF_W) != 0 ? Memory.W : 0)
                | ((f & Segment.PF_X) != 0 ? Memory.X : 0);
    }

    // Auxiliary vector keys (the Linux UAPI's auxvec.h)
    static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
            AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15,
            AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31;

    /**
     * The 16 bytes {@code AT_RANDOM} points at. Fixed, so runs are reproducible (qemu draws them
     * at random): a C library seeds its stack canary and pointer guard from them.
     */
    static final byte[] AT_RANDOM_BYTES = {
        (byte) 0x8c, 0x1f, 0x5e, (byte) 0xa3, 0x27, (byte) 0xd0, 0x64, (byte) 0xb9,
        0x13, 0x7a, (byte) 0xe6, 0x42, (byte) 0x9d, 0x05, (byte) 0xc8, 0x31};

    /**
     * {@code AT_HWCAP}: the features the emulator executes, with the bits Linux uses. AArch64:
     * FP (0), ASIMD (1), ATOMICS (8, LSE), LRCPC (15, LDAPR); not the crypto extensions (printed
     * only), not CPUID (ID registers do not read), not PACA/PACG (only the PAC hints, as NOPs).
     * RISC-V: the letters I, M, A, F, D, C (bit = letter - 'a'), as qemu-riscv64 reports rv64gc.
     * qemu-user 7.2's default cpus report more on AArch64 (0xecfffffb: every extension of its
     * {@code max} cpu) and the same IMAFDC on RISC-V.
     *
     * <pre>{@code
     * LinuxUser.hwcap(Arch.RISCV64) == 0x112d;   // IMAFDC
     * }</pre>
     */
    public static long hwcap(Arch arch) {
        return switch (arch) {
            case ARM64 -> 1L | 1L << 1 | 1L << 8 | 1L << 15;
            case RISCV64 -> letters("imafdc");
        };
    }

    private static long letters(String ext) {
        long bits = 0;
        for (char c : ext.toCharArray()) {
            bits |= 1L << (c - 'a');
        }
        return bits;
    }

    /** AT_PHDR: where the program headers are in memory (in the PT_LOAD holding them), or 0. */
    private static long programHeaders(ElfFile elf) {
        long off = elf.programHeaderOffset();
        for (Segment s : elf.segments()) {
            if (s.isLoad() && off >= s.offset() && off - s.offset() < s.fileSize()) {
                return s.vaddr() + (off - s.offset());
            }
        }
        return 0;
    }

    /**
     * argc, argv, envp = {NULL} and the auxiliary vector as qemu-user 7.2 orders it (PHDR, PHENT,
     * PHNUM, PAGESZ, BASE, FLAGS, ENTRY, UID, EUID, GID, EGID, HWCAP, CLKTCK, RANDOM, SECURE,
     * EXECFN; AArch64 then HWCAP2 and PLATFORM), the strings and random bytes above them. The
     * user and group ids are 0 and AT_EXECFN points at argv[0]'s string.
     */
    private static long initialStack(Memory mem, List<String> argv, ElfFile elf) {
        List<byte[]> strings = argv.stream().map(a -> (a + "\0").getBytes(StandardCharsets.UTF_8)).toList();
        int total = strings.stream().mapToInt(b -> b.length).sum();
        long start = STACK_TOP - Math.max(64, (total + 15) & ~15); // {"prog"} lands where it always did
        long at = start;
        long[] pointers = new long[argv.size()];
        for (int i = 0; i < strings.size(); i++) {
            mem.write(at, strings.get(i));
            pointers[i] = at;
            at += strings.get(i).length;
        }
        boolean arm = elf.arch() == Arch.ARM64;
        long platform = start - 16;
        if (arm) {
            mem.write(platform, "aarch64\0".getBytes(StandardCharsets.US_ASCII));
        }
        long random = platform - 16;
        mem.write(random, AT_RANDOM_BYTES);
        long[] auxv = {
            AT_PHDR, programHeaders(elf), AT_PHENT, 56, AT_PHNUM, elf.segments().size(), AT_PAGESZ, Memory.PAGE_SIZE,
            AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, elf.entry(), AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0,
            AT_HWCAP, hwcap(elf.arch()), AT_CLKTCK, 100, AT_RANDOM, random, AT_SECURE, 0, AT_EXECFN, pointers[0],
        };
        if (arm) {
            auxv = java.util.Arrays.copyOf(auxv, auxv.length + 4);
            auxv[auxv.length - 4] = AT_HWCAP2;
            auxv[auxv.length - 2] = AT_PLATFORM;
            auxv[auxv.length - 1] = platform;
        }
        // argc, argv[0..n-1], NULL, envp NULL, auxv pairs, AT_NULL (two words)
        long[] words = new long[argv.size() + 5 + auxv.length];
        words[0] = argv.size();
        System.arraycopy(pointers, 0, words, 1, pointers.length);
        System.arraycopy(auxv, 0, words, argv.size() + 3, auxv.length);
        long sp = (random - 8L * words.length) & ~15L;
        for (int i = 0; i < words.length; i++) {
            mem.writeValue(sp + 8L * i, words[i], 8);
        }
        return sp;
    }

    /** The write system call; {@code allowance}: the bytes this run may still write. */
    private static long write(Hart h, Arch arch, OutputStream stdout, OutputStream stderr, long allowance) {
        long fd = h.reg(arch.argument(0));
        long buf = h.reg(arch.argument(1));
        long count = h.reg(arch.argument(2));
        OutputStream out = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (out == null) {
            return -EBADF;
        }
        if (count < 0 || count > (1 << 24)) {
            return -EFAULT;
        }
        if (count > allowance) {
            return -EFBIG;
        }
        if (count > 0 && Long.compareUnsigned(buf + count - 1, buf) < 0) {
            return -EFAULT; // runs past the top of the address space
        }
        // a buffer that is not readable to its end faults before anything is copied: copying up to
        // the fault first made a loop of failing 16 MiB writes cost seconds per instruction
        for (long page = buf & -Memory.PAGE_SIZE; count > 0 && Long.compareUnsigned(page, buf + count - 1) <= 0;
                page += Memory.PAGE_SIZE) {
            if ((h.memory.permissions(page) & Memory.R) == 0) {
                return -EFAULT;
            }
            if (page + Memory.PAGE_SIZE == 0) {
                break; // the last page of the address space
            }
        }
        byte[] data = h.memory.read(buf, (int) count); // every page is mapped and readable (checked above)
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the guest's output", e);
        }
        return count;
    }

    private static int signal(Trap t) {
        if (t instanceof Trap.IllegalInstruction) {
            return 4;
        }
        if (t instanceof Trap.Breakpoint) {
            return 5;
        }
        if (t instanceof Trap.Misaligned) {
            return 7;
        }
        return 11;
    }
}
