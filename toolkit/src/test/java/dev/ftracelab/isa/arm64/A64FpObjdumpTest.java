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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every FP form {@link A64FpDecoder} decodes prints as {@code aarch64-linux-gnu-objdump} 2.40
 * prints it: random words of each FP encoding class and a hand-written sample of each form,
 * assembled by the cross assembler.
 */
class A64FpObjdumpTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{8})\\s+(.*)$");
    private static final String AS = "aarch64-linux-gnu-as";
    private static final int[][] CLASSES = {
        {0x5f200000, 0x1e000000}, {0x5f20fc00, 0x1e200000}, {0x5f207c00, 0x1e204000}, {0x5f203c00, 0x1e202000},
        {0x5f201c00, 0x1e201000}, {0x5f200c00, 0x1e200400}, {0x5f200c00, 0x1e200800}, {0x5f200c00, 0x1e200c00},
        {0x5f000000, 0x1f000000}, {0x9f20c400, 0x0e20c400}, {0xdf20c400, 0x5e20c400}, {0x9f3e0c00, 0x0e200800},
        {0xdf3e0c00, 0x5e200800}, {0xdf3e0c00, 0x5e300800}, {0x9f3e0c00, 0x0e300800}, {0x9f000400, 0x0f000000},
        {0xdf000400, 0x5f000000}, {0x9ff80400, 0x0f000400}, {0x9f800400, 0x0f000400}, {0xdf800400, 0x5f000400},
    };

    /** One sample of each form, as GCC and hand-written assembly use them. */
    private static final String FORMS = """
            fadd s0, s1, s2
            fsub d3, d4, d5
            fmul h6, h7, h8
            fdiv d0, d1, d2
            fnmul s0, s1, s2
            fmax d0, d1, d2
            fmin s0, s1, s2
            fmaxnm d0, d1, d2
            fminnm s0, s1, s2
            fmadd d0, d1, d2, d3
            fmsub s0, s1, s2, s3
            fnmadd d0, d1, d2, d3
            fnmsub s0, s1, s2, s3
            fabs d0, d1
            fneg s0, s1
            fsqrt d0, d1
            fcvt d0, s1
            fcvt s0, d1
            fcvt h0, s1
            fcvt d0, h1
            frintn d0, d1
            frintp s0, s1
            frintm d0, d1
            frintz s0, s1
            frinta d0, d1
            frintx s0, s1
            frinti d0, d1
            fcmp d0, d1
            fcmpe s0, s1
            fcmp s0, #0.0
            fcmpe d0, #0.0
            fccmp s0, s1, #0x4, eq
            fccmpe d0, d1, #0xf, hi
            fcsel d0, d1, d2, lt
            fmov d0, #1.0
            fmov s0, #-31.0
            fmov h0, #0.5
            fcvtzs w0, d1
            fcvtzu x0, s1
            fcvtns x0, d1
            fcvtnu w0, s1
            fcvtps x0, d1
            fcvtms w0, d1
            fcvtas x0, s1
            fcvtau w0, d1
            fcvtzs w0, s1, #5
            fcvtzu x0, d1, #64
            scvtf d0, x1
            ucvtf s0, w1
            scvtf s0, w1, #16
            ucvtf d0, x1, #1
            fadd v0.4s, v1.4s, v2.4s
            fsub v0.2d, v1.2d, v2.2d
            fmul v0.2s, v1.2s, v2.2s
            fdiv v0.4s, v1.4s, v2.4s
            fmla v0.2d, v1.2d, v2.2d
            fmls v0.4s, v1.4s, v2.4s
            fmax v0.4s, v1.4s, v2.4s
            fminnm v0.2d, v1.2d, v2.2d
            faddp v0.4s, v1.4s, v2.4s
            fmaxnmp v0.2d, v1.2d, v2.2d
            fabd v0.4s, v1.4s, v2.4s
            fmulx v0.2d, v1.2d, v2.2d
            frecps v0.4s, v1.4s, v2.4s
            frsqrts v0.2d, v1.2d, v2.2d
            fcmeq v0.4s, v1.4s, v2.4s
            fcmge v0.2d, v1.2d, v2.2d
            fcmgt v0.2s, v1.2s, v2.2s
            facge v0.4s, v1.4s, v2.4s
            facgt d0, d1, d2
            fcmeq s0, s1, s2
            fabd d0, d1, d2
            fabs v0.4s, v1.4s
            fneg v0.2d, v1.2d
            fsqrt v0.4s, v1.4s
            frintn v0.2d, v1.2d
            frinti v0.4s, v1.4s
            fcvtzs v0.4s, v1.4s
            fcvtau v0.2d, v1.2d
            scvtf v0.2d, v1.2d
            ucvtf s0, s1
            fcvtzs d0, d1
            fcmeq v0.4s, v1.4s, #0.0
            fcmge v0.2d, v1.2d, #0.0
            fcmgt s0, s1, #0.0
            fcmle v0.2s, v1.2s, #0.0
            fcmlt d0, d1, #0.0
            fcvtl v0.2d, v1.2s
            fcvtl2 v0.4s, v1.8h
            fcvtn v0.2s, v1.2d
            fcvtn2 v0.8h, v1.4s
            fcvtxn s0, d1
            fcvtxn2 v0.4s, v1.2d
            frecpe v0.4s, v1.4s
            frsqrte d0, d1
            frecpx s0, s1
            fmul v0.4s, v1.4s, v2.s[3]
            fmla v0.2d, v1.2d, v2.d[1]
            fmls s0, s1, v2.s[2]
            fmulx d0, d1, v31.d[0]
            fmaxv s0, v1.4s
            fminnmv s0, v1.4s
            faddp s0, v1.2s
            faddp d0, v1.2d
            fmaxp d0, v1.2d
            fminnmp s0, v1.2s
            fmov v0.4s, #1.0
            fmov v0.2s, #-2.0
            fmov v0.2d, #0.25
            scvtf v0.4s, v1.4s, #3
            fcvtzu v0.2d, v1.2d, #64
            scvtf d0, d1, #10
            fcvtzs s0, s1, #1
            """;

    @TempDir
    Path tmp;

    @Test
    void everyFormAgreesWithObjdump() throws IOException {
        A64CrossTools.require(AS, A64CrossTools.OBJDUMP);
        Files.writeString(tmp.resolve("forms.s"), FORMS);
        A64CrossTools.check(tmp, List.of(AS, "-march=armv8.2-a+fp16", "forms.s", "-o", "forms.o"));
        int decoded = assertAgrees(tmp.resolve("forms.o"), false);
        assertEquals(FORMS.strip().split("\n").length, decoded);
    }

    @Test
    void randomFpEncodingsAgreeWithObjdump() throws IOException {
        A64CrossTools.require(AS, A64CrossTools.OBJDUMP);
        Random random = new Random(0xf00d);
        StringBuilder src = new StringBuilder();
        int n = 0;
        while (n < 30_000) {
            int[] c = CLASSES[random.nextInt(CLASSES.length)];
            int w = c[1] | (random.nextInt() & ~c[0]);
            src.append(".inst 0x").append(Integer.toHexString(w)).append('\n');
            n++;
        }
        Files.writeString(tmp.resolve("random.s"), src);
        A64CrossTools.check(tmp, List.of(AS, "-march=armv8.2-a+fp16", "random.s", "-o", "random.o"));
        int decoded = assertAgrees(tmp.resolve("random.o"), true);
        assertTrue(decoded > n / 10, "only " + decoded + " of " + n + " random words decoded");
    }

    /** Compares what we decode as FP with objdump's text; returns how many we decoded. */
    private int assertAgrees(Path obj, boolean subsetOnly) {
        String listing = A64CrossTools.check(tmp, List.of(A64CrossTools.OBJDUMP, "-d", obj.toString()));
        List<String> mismatches = new ArrayList<>();
        int decoded = 0;
        for (String line : listing.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int word = (int) Long.parseLong(m.group(2), 16);
            String expected = A64ObjdumpAgreementTest.normalise(m.group(3));
            String actual;
            try {
                A64Insn i = A64Decoder.decode(0, word);
                if (!A64Op.isFp(i.op()) && subsetOnly) {
                    continue;
                }
                actual = A64ObjdumpAgreementTest.normalise(A64Disassembler.format(0, i));
                decoded++;
            } catch (DecodeException e) {
                if (subsetOnly) {
                    continue;
                }
                actual = "<" + e.getMessage() + ">";
            }
            if (!expected.equals(actual)) {
                mismatches.add(String.format("%08x objdump '%s' ours '%s'", word, expected, actual));
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())),
                mismatches.size() + " differ");
        return decoded;
    }
}
