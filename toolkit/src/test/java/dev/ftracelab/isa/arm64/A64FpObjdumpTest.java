package dev.ftracelab.isa.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every FP form {@link A64FpDecoder} decodes prints as {@code aarch64-linux-gnu-objdump} 2.40
 * prints it: random words of each FP encoding class and a hand-written sample of each form,
 * assembled by the cross assembler.
 */
class A64FpObjdumpTest {
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
    void everyFormAgreesWithObjdump() {
        A64Objdump.require();
        Path obj = A64Objdump.assemble(tmp, "forms", FORMS, "-march=armv8.2-a+fp16");
        int decoded = A64Objdump.assertAgrees(tmp, obj, A64Objdump.EVERY_WORD);
        assertEquals(FORMS.strip().split("\n").length, decoded);
    }

    @Test
    void randomFpEncodingsAgreeWithObjdump() {
        A64Objdump.require();
        Random random = new Random(0xf00d);
        int n = 30_000;
        int[] words = new int[n];
        for (int k = 0; k < n; k++) {
            words[k] = A64FpEncodings.randomWord(random);
        }
        Path obj = A64Objdump.assemble(tmp, "random", A64Objdump.inst(words), "-march=armv8.2-a+fp16");
        int decoded = A64Objdump.assertAgrees(tmp, obj, i -> A64Op.isFp(i.op()));
        assertTrue(decoded > n / 10, "only " + decoded + " of " + n + " random words decoded");
    }
}
