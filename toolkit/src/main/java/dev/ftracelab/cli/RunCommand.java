package dev.ftracelab.cli;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.util.BadInputException;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab run}: a static user-mode ELF on the emulator, like qemu-user. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a static RISC-V or AArch64 Linux user-mode ELF on the emulator (arch from the ELF header).",
                "The program's stdout/stderr pass through; the exit status is the program's, or 128 + signal"
                        + " if a trap ended it (SIGILL 4, SIGTRAP 5, SIGBUS 7, SIGSEGV 11, SIGKILL 9 when the"
                        + " instruction budget ran out, with a message on stderr).",
                "Exit status 2 for a file that is not a runnable ELF, or a program touching more than --max-memory."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM.elf", description = "The program.")
    Path program;

    @Option(names = "--stats", description = "Print instructions retired by class and emulated MIPS on stderr.")
    boolean stats;

    @Option(names = "--max-instructions", paramLabel = "N", defaultValue = "20000000000",
            description = "Stop the program after N instructions (exit status 137). Default: ${DEFAULT-VALUE}.")
    long maxInstructions;

    @Option(names = "--max-memory", paramLabel = "SIZE", defaultValue = "4G",
            description = "Refuse a program that touches more guest memory than this (exit status 2; pages mapped"
                    + " but never touched are free): bytes, or with a K, M or G suffix. Default: ${DEFAULT-VALUE}.")
    String maxMemory;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
            description = "Run K times in this JVM (output of the last run only; --stats shows each run's speed,"
                    + " so JIT warm-up is visible). Default: ${DEFAULT-VALUE}.")
    int repeat;

    /** Parses a size such as {@code 4G}, {@code 512M}, {@code 64k} or {@code 1048576}. */
    static long size(String option, String text) {
        return dev.ftracelab.util.InputLimits.size(option, text);
    }

    @Override
    public Integer call() {
        if (maxInstructions < 1) {
            throw new BadInputException("--max-instructions: expected a positive instruction budget, got " + maxInstructions);
        }
        if (repeat < 1) {
            throw new BadInputException("--repeat: expected a positive number of runs, got " + repeat);
        }
        long memory = size("--max-memory", maxMemory);
        if (memory < Memory.PAGE_SIZE) {
            throw new BadInputException("--max-memory: expected at least one page (4K), got '" + maxMemory + "'");
        }
        ElfFile elf = ElfFile.read(program);
        PrintWriter err = spec.commandLine().getErr();
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        OutputStream discard = OutputStream.nullOutputStream();
        LinuxUser.Result r = null;
        for (int i = 1; i <= repeat; i++) {
            Machine m = LinuxUser.load(elf, 1, List.of("prog"), memory);
            boolean last = i >= repeat;
            r = LinuxUser.run(m, last ? stdout : discard, last ? stderr : discard, maxInstructions);
            if (stats) {
                err.printf(Locale.ROOT, "run %d: %,d instructions in %.3f s: %.1f emulated MIPS, %d blocks compiled%n",
                        i, r.instructions(), r.nanos() / 1e9, r.mips(), m.hart(0).compiledBlocks());
            }
        }
        if (r.trap() != null) {
            err.println("ftrace-lab: " + program + ": " + r.trap().describe());
        } else if (r.outOfBudget()) {
            err.printf(Locale.ROOT, "ftrace-lab: %s: stopped at the instruction budget (--max-instructions %d)"
                    + " with exit status 137, as SIGKILL: raise it with --max-instructions N if the program needs more%n",
                    program, maxInstructions);
        }
        if (stats) {
            for (Counter c : Counter.values()) {
                if (r.count(c) > 0) {
                    err.printf(Locale.ROOT, "  %-17s %,15d%n", c.name().toLowerCase(Locale.ROOT), r.count(c));
                }
            }
        }
        err.flush();
        return r.exitStatus();
    }
}
