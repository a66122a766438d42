package dev.ftracelab.isa.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
                    A64Objdump.assertAgrees(tmp, elf, A64Objdump.EVERY_WORD);
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
        return elfs.stream().map(p -> DynamicTest.dynamicTest(CORPUS.relativize(p).toString(), () ->
                A64Objdump.assertAgrees(tmp, p, A64Objdump.EVERY_WORD)));
    }

    /**
     * Random words from the integer encoding groups, assembled with {@code .inst}: wherever we
     * decode a word, objdump must print the same text (and must not call it undefined). Words we
     * reject are outside the subset and skipped.
     */
    @Test
    void randomIntegerEncodingsAgreeWithObjdump() {
        A64Objdump.require();
        Random random = new Random(20261126);
        int n = 40_000;
        int[] words = A64Objdump.randomWords(random, n, w -> {
            int op0 = (w >>> 25) & 0xf;
            return (op0 & 0b1110) == 0b1000 || (op0 & 0b1110) == 0b1010 || (op0 & 0b0111) == 0b0101
                    || (op0 & 0b0101) == 0b0100;
        });
        Path obj = A64Objdump.assemble(tmp, "random", A64Objdump.inst(words), "-march=armv8.5-a+lse");
        int decoded = A64Objdump.assertAgrees(tmp, obj, i -> true);
        assertTrue(decoded > n / 3, "only " + decoded + " of " + n + " random words decoded");
    }

    /** Every register of {@link A64SysReg}, read and (where allowed) written, and the DAIF immediates. */
    @Test
    void systemRegistersAgreeWithObjdump() {
        A64Objdump.require();
        StringBuilder src = new StringBuilder();
        int n = 0;
        for (A64SysReg reg : A64SysReg.values()) {
            src.append("mrs x").append(n++ % 31).append(", ").append(reg.objdumpName()).append('\n');
            if (reg.writable()) {
                src.append("msr ").append(reg.objdumpName()).append(", x").append(n++ % 31).append('\n');
            }
        }
        src.append("msr daifset, #3\nmsr daifclr, #2\nmsr daifset, #0xf\nmsr daifclr, #0\nmrs xzr, sp_el0\n");
        Path obj = A64Objdump.assemble(tmp, "sysregs", src, "-march=armv8.5-a");
        int decoded = A64Objdump.assertAgrees(tmp, obj, A64Objdump.EVERY_WORD);
        assertEquals(A64SysReg.values().length + 5 + (int) java.util.Arrays.stream(A64SysReg.values())
                .filter(A64SysReg::writable).count(), decoded);
    }

    /**
     * Every MRS and MSR (register) encoding, 2 x 32768 words: each prints with the register name
     * objdump 2.40 gives it (the generated A64SysRegNames table) or in the generic
     * {@code s3_<op1>_c<n>_c<m>_<op2>} form, whether or not it executes.
     */
    @Test
    void everyMrsAndMsrEncodingAgreesWithObjdump() {
        A64Objdump.require();
        int[] words = new int[2 << 15];
        for (int l = 0; l < 2; l++) {
            for (int e = 0; e < 1 << 15; e++) {
                words[l << 15 | e] = 0xd5100000 | l << 21 | e << 5 | (e % 32);
            }
        }
        Path obj = A64Objdump.assemble(tmp, "allsysregs", A64Objdump.inst(words));
        assertEquals(2 << 15, A64Objdump.assertAgrees(tmp, obj, A64Objdump.EVERY_WORD));
    }

    /** Every HINT number (NOP, YIELD, the PAC and BTI hints, ...) prints as objdump prints it. */
    @Test
    void everyHintAgreesWithObjdump() {
        A64Objdump.require();
        int[] words = new int[128];
        for (int h = 0; h < 128; h++) {
            words[h] = 0xd503201f | h << 5;
        }
        Path obj = A64Objdump.assemble(tmp, "hints", A64Objdump.inst(words));
        assertEquals(128, A64Objdump.assertAgrees(tmp, obj, A64Objdump.EVERY_WORD));
    }
}
