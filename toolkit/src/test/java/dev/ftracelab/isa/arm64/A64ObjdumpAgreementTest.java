package dev.ftracelab.isa.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.DecodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * For every instruction GNU objdump lists in compiled freestanding C (and in the committed guest
 * corpus, when present), our decoder + disassembler print the same text. objdump's
 * {@code <symbol>} annotations and {@code // ...} comments are dropped, whitespace normalised.
 */
class A64ObjdumpAgreementTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{8})\\s+(.*)$");
    private static final Path CORPUS = Path.of("src/main/resources/dev/ftracelab/guest/arm64");

    /** Flag variants: plain, ftrace's patchable entries, PAC/BTI, and ARMv8.1 for LSE atomics. */
    private static final List<List<String>> VARIANTS = List.of(
            List.of(),
            List.of("-fpatchable-function-entry=4,2", "-falign-functions=8"),
            List.of("-mbranch-protection=standard"),
            List.of("-march=armv8.1-a"));

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> compiledSnippetsAgreeWithObjdump() {
        A64CrossTools.require(A64CrossTools.GCC, A64CrossTools.OBJDUMP);
        List<DynamicTest> tests = new ArrayList<>();
        for (String source : List.of("snippets.c", "prog.c")) {
            for (int v = 0; v < VARIANTS.size(); v++) {
                List<String> flags = VARIANTS.get(v);
                String out = source.replace(".c", "") + v + ".elf";
                tests.add(DynamicTest.dynamicTest(source + " " + String.join(" ", flags), () -> {
                    Path src = A64CrossTools.resource(source, tmp);
                    Path elf = A64CrossTools.compile(tmp, src, out, flags);
                    assertAgrees(elf, false);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> committedCorpusAgreesWithObjdump() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return Stream.empty();
        }
        A64CrossTools.require(A64CrossTools.OBJDUMP);
        List<Path> elfs;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            elfs = s.filter(p -> p.toString().endsWith(".elf")).sorted().toList();
        }
        return elfs.stream().map(p -> DynamicTest.dynamicTest(CORPUS.relativize(p).toString(), () -> assertAgrees(p, false)));
    }

    /**
     * Random words from the integer encoding groups, assembled with {@code .inst}: wherever we
     * decode a word, objdump must print the same text (and must not call it undefined). Words we
     * reject are outside the subset and skipped.
     */
    @Test
    void randomIntegerEncodingsAgreeWithObjdump() throws IOException {
        A64CrossTools.require(AS, A64CrossTools.OBJDUMP);
        Random random = new Random(20261126);
        StringBuilder src = new StringBuilder();
        int n = 0;
        while (n < 40_000) {
            int w = random.nextInt();
            int op0 = (w >>> 25) & 0xf;
            if ((op0 & 0b1110) == 0b1000 || (op0 & 0b1110) == 0b1010 || (op0 & 0b0111) == 0b0101
                    || (op0 & 0b0101) == 0b0100) {
                src.append(".inst 0x").append(Integer.toHexString(w)).append('\n');
                n++;
            }
        }
        Files.writeString(tmp.resolve("random.s"), src);
        A64CrossTools.check(tmp, List.of(AS, "-march=armv8.5-a+lse", "random.s", "-o", "random.o"));
        int decoded = assertAgrees(tmp.resolve("random.o"), true);
        assertTrue(decoded > n / 3, "only " + decoded + " of " + n + " random words decoded");
    }

    /** Every register of {@link A64SysReg}, read and (where allowed) written, and the DAIF immediates. */
    @Test
    void systemRegistersAgreeWithObjdump() throws IOException {
        A64CrossTools.require(AS, A64CrossTools.OBJDUMP);
        StringBuilder src = new StringBuilder();
        int n = 0;
        for (A64SysReg reg : A64SysReg.values()) {
            src.append("mrs x").append(n++ % 31).append(", ").append(reg.objdumpName()).append('\n');
            if (reg.writable()) {
                src.append("msr ").append(reg.objdumpName()).append(", x").append(n++ % 31).append('\n');
            }
        }
        src.append("msr daifset, #3\nmsr daifclr, #2\nmsr daifset, #0xf\nmsr daifclr, #0\nmrs xzr, sp_el0\n");
        Files.writeString(tmp.resolve("sysregs.s"), src);
        A64CrossTools.check(tmp, List.of(AS, "-march=armv8.5-a", "sysregs.s", "-o", "sysregs.o"));
        int decoded = assertAgrees(tmp.resolve("sysregs.o"), false);
        assertEquals(A64SysReg.values().length + 5 + (int) java.util.Arrays.stream(A64SysReg.values())
                .filter(A64SysReg::writable).count(), decoded);
    }

    /**
     * Every MRS and MSR (register) encoding, 2 x 32768 words: each prints with the register name
     * objdump 2.40 gives it (the generated A64SysRegNames table) or in the generic
     * {@code s3_<op1>_c<n>_c<m>_<op2>} form, whether or not it executes.
     */
    @Test
    void everyMrsAndMsrEncodingAgreesWithObjdump() throws IOException {
        A64CrossTools.require(AS, A64CrossTools.OBJDUMP);
        StringBuilder src = new StringBuilder();
        for (int l = 0; l < 2; l++) {
            for (int e = 0; e < 1 << 15; e++) {
                int w = 0xd5100000 | l << 21 | e << 5 | (e % 32);
                src.append(".inst 0x").append(Integer.toHexString(w)).append('\n');
            }
        }
        Files.writeString(tmp.resolve("allsysregs.s"), src);
        A64CrossTools.check(tmp, List.of(AS, "allsysregs.s", "-o", "allsysregs.o"));
        assertEquals(2 << 15, assertAgrees(tmp.resolve("allsysregs.o"), false));
    }

    /** Every HINT number (NOP, YIELD, the PAC and BTI hints, ...) prints as objdump prints it. */
    @Test
    void everyHintAgreesWithObjdump() throws IOException {
        A64CrossTools.require(AS, A64CrossTools.OBJDUMP);
        StringBuilder src = new StringBuilder();
        for (int h = 0; h < 128; h++) {
            src.append(".inst 0x").append(Integer.toHexString(0xd503201f | h << 5)).append('\n');
        }
        Files.writeString(tmp.resolve("hints.s"), src);
        A64CrossTools.check(tmp, List.of(AS, "hints.s", "-o", "hints.o"));
        assertEquals(128, assertAgrees(tmp.resolve("hints.o"), false));
    }

    private static final String AS = "aarch64-linux-gnu-as";

    /**
     * Compares every instruction objdump lists; returns how many we decoded. With
     * {@code subsetOnly}, words we do not decode are skipped instead of counted as mismatches.
     */
    private int assertAgrees(Path elf, boolean subsetOnly) {
        String listing = A64CrossTools.check(tmp, List.of(A64CrossTools.OBJDUMP, "-d", elf.toAbsolutePath().toString()));
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        int decoded = 0;
        for (String line : listing.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            count++;
            long pc = Long.parseUnsignedLong(m.group(1), 16);
            int word = (int) Long.parseLong(m.group(2), 16);
            String expected = normalise(m.group(3));
            String actual;
            try {
                actual = normalise(A64Isa.INSTANCE.disassemble(pc, A64Isa.INSTANCE.decode(pc, word)));
                decoded++;
            } catch (DecodeException e) {
                if (subsetOnly) {
                    continue;
                }
                actual = "<" + e.getMessage() + ">";
            }
            if (!expected.equals(actual)) {
                mismatches.add(String.format("%x: %08x objdump '%s' ours '%s'", pc, word, expected, actual));
            }
        }
        assertTrue(count > 0, "objdump listed only " + count + " instructions in " + elf);
        assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())),
                elf + ": " + mismatches.size() + " of " + count + " differ");
        return decoded;
    }

    /** Drops {@code <sym+off>} and {@code // comments}, collapses whitespace. */
    static String normalise(String text) {
        return text.replaceAll("//.*$", "").replaceAll("<[^>]*>", "").trim().replaceAll("\\s+", " ");
    }
}
