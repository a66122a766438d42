package dev.ftracelab.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Every ISA's decoder on arbitrary words: {@code decode(pc, word)} returns an instruction or
 * throws {@link DecodeException} (nothing else), and whatever it returns disassembles without
 * throwing. Committed inputs: {@code src/test/resources/dev/ftracelab/isa/DecoderFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1 ./mvnw -B test -Dtest=DecoderFuzzTest#riscv64} fuzzes one arch.
 */
class DecoderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void riscv64(FuzzedDataProvider in) {
        check(InstructionSet.of(Arch.RISCV64), in);
    }

    @FuzzTest(maxDuration = "30s")
    void arm64(FuzzedDataProvider in) {
        check(InstructionSet.of(Arch.ARM64), in);
    }

    static void check(InstructionSet isa, FuzzedDataProvider in) {
        int word = in.consumeInt();
        // Any aligned pc, including ones near the top of the address space (branch targets wrap).
        long pc = in.consumeLong() & -isa.alignment();
        Instruction insn;
        try {
            insn = isa.decode(pc, word);
        } catch (DecodeException e) {
            assertEquals(isa.arch(), e.arch());
            assertEquals(pc, e.address());
            return;
        }
        assertNotNull(insn);
        assertEquals(isa.arch(), insn.arch());
        assertEquals(isa.length(word & 0xffff), insn.length(), "length() agrees with the decoded instruction");
        assertTrue(insn.length() == 4 || insn.length() == 2 && isa.alignment() == 2, () -> "length " + insn.length());
        assertNotNull(insn.insnClass());
        String text = isa.disassemble(pc, insn);
        assertNotNull(text);
        assertFalse(text.isBlank(), "empty disassembly");
        insn.target(pc);
        insn.readMask();
        insn.writeMask();
    }
}
