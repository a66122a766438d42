package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import org.junit.jupiter.api.Test;

/** Hand-computed Advanced SIMD results on {@link A64Hart}: GCC's popcount, saturation, structure loads, faults. */
class A64SimdTest {
    private static final long TEXT = 0x10000;
    private static final long DATA = 0x20000;
    private final Machine m = new Machine(Arch.ARM64, 1, A64Hart::new);
    private final A64Hart h = (A64Hart) m.hart(0);

    A64SimdTest() {
        m.memory().map(TEXT, 0x1000, Memory.R | Memory.X);
        m.memory().map(DATA, 0x1000, Memory.R | Memory.W);
    }

    private Trap run(int... words) {
        for (int k = 0; k < words.length; k++) {
            m.memory().writeValue(TEXT + 4L * k, words[k], 4);
        }
        h.setPc(TEXT);
        return h.run(words.length);
    }

    /** {@code fmov d0, x0; cnt v0.8b, v0.8b; addv b0, v0.8b; fmov w0, s0}: __builtin_popcountll. */
    @Test
    void popcountThroughTheVectorUnit() {
        h.setReg(0, 0xf0f0_f0f0_f0f0_f0f1L);
        h.setVector(0, -1, -1);
        assertNull(run(0x9e670000, 0x0e205800, 0x0e31b800, 0x1e260000));
        assertEquals(33, h.reg(0));
        assertEquals(33, h.vectorLow(0), "addv writes b0 and clears the rest of v0");
        assertEquals(0, h.vectorHigh(0));
    }

    /** {@code ld1 {v0.16b, v1.16b}, [x1], #32; uqadd v2.16b, v0.16b, v1.16b}: loads, post-index, QC. */
    @Test
    void structureLoadAndSaturatingAdd() {
        m.memory().writeValue(DATA, 0x0000_0000_0000_00f0L, 8);
        m.memory().writeValue(DATA + 16, 0x0000_0000_0000_0020L, 8);
        h.setReg(1, DATA);
        assertNull(run(0x4cdfa020, 0x6e210c02));
        assertEquals(DATA + 32, h.reg(1));
        assertEquals(0xf0, h.vectorLow(0));
        assertEquals(0x20, h.vectorLow(1));
        assertEquals(0xff, h.vectorLow(2), "0xf0 + 0x20 saturates");
        assertEquals(1L << 27, h.systemRegister(dev.ftracelab.isa.arm64.A64SysReg.FPSR), "QC is set");
        assertEquals(32, dev.ftracelab.isa.arm64.A64Decoder.decode(0, 0x4cdfa020).memoryAccess().bytes());
    }

    /** {@code str q0, [x1]} with its second half on an unmapped page faults before writing the first. */
    @Test
    void aStoreCrossingIntoAnUnmappedPageWritesNothing() {
        h.setVector(0, 0x1111_1111_1111_1111L, 0x2222_2222_2222_2222L);
        h.setReg(1, DATA + 0x1000 - 8);
        Trap t = run(0x3d800020);
        assertInstanceOf(Trap.AccessFault.class, t);
        assertEquals(0, m.memory().readValue(DATA + 0x1000 - 8, 8));
    }
}
