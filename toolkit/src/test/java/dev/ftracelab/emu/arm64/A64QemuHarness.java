package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftracelab.emu.RegisterDumps;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.arm64.A64CrossTools;
import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.arm64.A64Disassembler;
import dev.ftracelab.isa.arm64.A64Insn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * The harness of the AArch64 random-instruction differential tests: a test adds blocks (the
 * state each starts from, its random instructions with any set-up of their own) and says what
 * is dumped after each; the harness writes the program, has the cross gcc build it into a
 * static ELF, runs it on {@code qemu-aarch64} and on {@link A64Hart} interpreted and with every
 * block compiled, and requires the dumps to be identical bit for bit. Without the cross tools
 * the test is skipped (a failure in CI).
 *
 * <p>Before each block the harness loads the block's state from a data section: V0-V31 (when
 * given), x0 upwards, NZCV and FPCR; FPSR starts clear. x28 is the dump cursor, x29 the data
 * cursor, x30 scratch: random instructions must leave x28-x30 alone.
 *
 * <pre>{@code
 * A64QemuHarness h = new A64QemuHarness(new A64QemuHarness.Dump(false, 28, true, false));
 * h.block(new A64QemuHarness.State(null, x, nzcv, 0), A64QemuHarness.inst(words), A64QemuHarness.listing(words));
 * h.assertAgreesWithQemu(tmp, "random");
 * }</pre>
 */
final class A64QemuHarness {
    /**
     * What is dumped after every block, in this order: V0-V31 (two slots each, low half first),
     * x0 to x{@code x - 1}, NZCV, FPSR; an odd count is padded with a zero slot.
     */
    record Dump(boolean vectors, int x, boolean nzcv, boolean fpsr) {
        int slots() {
            int n = (vectors ? 64 : 0) + x + (nzcv ? 1 : 0) + (fpsr ? 1 : 0);
            return n + (n & 1);
        }

        String slotName(int slot) {
            int s = slot;
            if (vectors && s < 64) {
                return "v" + s / 2 + (s % 2 == 0 ? " low" : " high");
            }
            s -= vectors ? 64 : 0;
            if (s < x) {
                return "x" + s;
            }
            s -= x;
            if (nzcv && s-- == 0) {
                return "NZCV";
            }
            return fpsr && s == 0 ? "FPSR" : "padding";
        }
    }

    /**
     * The state a block starts from: {@code v} holds V0-V31 as 64 quads ({@code v[2n]} the low
     * half of Vn; null leaves the V registers as they are), {@code x} the values of x0 upwards,
     * {@code nzcv} NZCV in bits 31:28, {@code fpcr} the FPCR.
     */
    record State(long[] v, long[] x, long nzcv, long fpcr) {
    }

    private final Dump dump;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private final List<String> listings = new ArrayList<>();
    private String prologue = "";
    private String epilogue = "";
    private String bss = "";
    private int extraOutput;

    A64QemuHarness(Dump dump) {
        this.dump = dump;
    }

    /** Code run once before the first block; it must leave x28 and x29 alone. */
    A64QemuHarness prologue(String asm) {
        this.prologue = asm;
        return this;
    }

    /** Code run after the dumps are written, which writes {@code outputBytes} more to stdout. */
    A64QemuHarness epilogue(String asm, int outputBytes) {
        this.epilogue = asm;
        this.extraOutput = outputBytes;
        return this;
    }

    /** .bss contents of the test's own (page aligned), such as a buffer its blocks access. */
    A64QemuHarness bss(String asm) {
        this.bss = asm;
        return this;
    }

    /**
     * Adds a block: the harness loads {@code start}, runs {@code body} (assembly: the random
     * words and any set-up around them) and dumps; {@code listing} describes the block in a
     * failure message.
     */
    void block(State start, String body, String listing) {
        List<Long> quads = new ArrayList<>();
        if (start.v() != null) {
            assertEquals(64, start.v().length, "V0-V31 are 64 quads");
            for (int r = 0; r < 32; r += 2) {
                text.append(String.format("    ldp q%d, q%d, [x29], #32%n", r, r + 1));
            }
            for (long q : start.v()) {
                quads.add(q);
            }
        }
        long[] x = start.x();
        for (int r = 0; r < x.length; r += 2) {
            text.append(r + 1 < x.length ? String.format("    ldp x%d, x%d, [x29], #16%n", r, r + 1)
                    : String.format("    ldr x%d, [x29], #8%n", r));
            quads.add(x[r]);
            if (r + 1 < x.length) {
                quads.add(x[r + 1]);
            }
        }
        text.append("    ldr x30, [x29], #8\n    msr nzcv, x30\n    ldr x30, [x29], #8\n    msr fpcr, x30\n");
        text.append("    msr fpsr, xzr\n");
        quads.add(start.nzcv());
        quads.add(start.fpcr());
        if (quads.size() % 2 != 0) {
            quads.add(0L); // keep the next block's Q loads 16-byte aligned
            text.append("    add x29, x29, #8\n");
        }
        for (long q : quads) {
            data.append(String.format("    .quad 0x%x%n", q));
        }
        text.append(body);
        appendDump();
        listings.add(listing);
    }

    /** Stores the dump at x28: V, then x pairs; status registers go through x30 (and x0, once stored). */
    private void appendDump() {
        if (dump.vectors()) {
            for (int r = 0; r < 32; r += 2) {
                text.append(String.format("    stp q%d, q%d, [x28], #32%n", r, r + 1));
            }
        }
        List<String> regs = new ArrayList<>();
        for (int r = 0; r < dump.x(); r++) {
            regs.add("x" + r);
        }
        if (dump.nzcv()) {
            regs.add("nzcv");
        }
        if (dump.fpsr()) {
            regs.add("fpsr");
        }
        if (regs.size() % 2 != 0) {
            regs.add("xzr");
        }
        for (int k = 0; k < regs.size(); k += 2) {
            String[] pair = {regs.get(k), regs.get(k + 1)};
            String[] scratch = {"x30", "x0"}; // x0 is stored before any status register is read
            int used = 0;
            for (int j = 0; j < 2; j++) {
                if (pair[j].equals("nzcv") || pair[j].equals("fpsr")) {
                    text.append(String.format("    mrs %s, %s%n", scratch[used], pair[j]));
                    pair[j] = scratch[used++];
                }
            }
            text.append(String.format("    stp %s, %s, [x28], #16%n", pair[0], pair[1]));
        }
    }

    int blocks() {
        return listings.size();
    }

    /** The assembly program of the blocks added so far. */
    String program() {
        int dumpBytes = blocks() * dump.slots() * 8;
        return """
                    .text
                    .globl _start
                _start:
                    adrp x28, dump
                    add x28, x28, :lo12:dump
                    adrp x29, data
                    add x29, x29, :lo12:data
                """ + prologue + text + """
                    mov x8, #64
                    mov x0, #1
                    adrp x1, dump
                    add x1, x1, :lo12:dump
                    sub x2, x28, x1
                    svc #0
                """ + epilogue + """
                    mov x8, #93
                    mov x0, #0
                    svc #0
                    .data
                    .balign 16
                data:
                """ + data + """
                    .bss
                    .balign 4096
                """ + bss + """
                    .balign 16
                dump:
                    .skip %d
                """.formatted(dumpBytes);
    }

    /**
     * Builds the program as {@code name}.S in {@code dir} with {@code gccFlags}, runs it under
     * qemu (it must exit 0 with every dump and the epilogue's output) and here, interpreted and
     * compiled, and requires the same output from each.
     */
    void assertAgreesWithQemu(Path dir, String name, String... gccFlags) {
        A64CrossTools.require(A64CrossTools.GCC, A64CrossTools.QEMU);
        Path src = dir.resolve(name + ".S");
        try {
            Files.writeString(src, program());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path elf = A64CrossTools.compile(dir, src, name + ".elf", List.of(gccFlags));
        A64CrossTools.Result qemu = A64CrossTools.run(dir, List.of(A64CrossTools.QEMU, elf.toString()));
        assertEquals(0, qemu.exitCode(), qemu.stdout());
        assertEquals(blocks() * dump.slots() * 8 + extraOutput, qemu.rawStdout().length, "qemu's output length");
        for (RegisterDumps.Mode mode : RegisterDumps.Mode.values()) {
            byte[] ours = RegisterDumps.run(elf, mode, blocks());
            RegisterDumps.assertSame(mode.name().toLowerCase(), qemu.rawStdout(), ours, blocks(), dump.slots(),
                    dump::slotName, listings::get);
        }
    }

    /**
     * Draws random words until {@code count} are memory accesses {@code accept} takes (it returns
     * null for the others); each goes into {@code body} after the set-up {@code aim} writes for
     * it (pointing its base at a buffer, drawing a small index). Returns the words.
     */
    static List<Integer> aimedAccesses(Random random, int count, IntFunction<A64Insn> accept,
                                       BiFunction<A64Insn, Random, String> aim, StringBuilder body) {
        List<Integer> words = new ArrayList<>();
        while (words.size() < count) {
            int w = random.nextInt();
            A64Insn i = accept.apply(w);
            if (i != null) {
                words.add(w);
                body.append(aim.apply(i, random)).append(String.format("    .inst 0x%08x%n", w));
            }
        }
        return words;
    }

    /** The word decoded, or null where the decoder rejects it. */
    static A64Insn decodeOrNull(int w) {
        try {
            return A64Decoder.decode(0, w);
        } catch (DecodeException e) {
            return null;
        }
    }

    /** The words as {@code .inst} lines. */
    static String inst(List<Integer> words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(String.format("    .inst 0x%08x%n", w));
        }
        return sb.toString();
    }

    /** The words with their disassembly, one a line, for a failure message. */
    static String listing(List<Integer> words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) {
            sb.append(String.format("  %08x  %s%n", w, A64Disassembler.format(0, A64Decoder.decode(0, w))));
        }
        return sb.toString();
    }
}
