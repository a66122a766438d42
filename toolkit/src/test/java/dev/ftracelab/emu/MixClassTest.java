package dev.ftracelab.emu;

import static dev.ftracelab.emu.MixClass.CALLS;
import static dev.ftracelab.emu.MixClass.FENCES;
import static dev.ftracelab.emu.MixClass.INSTRUCTIONS;
import static dev.ftracelab.emu.MixClass.LOADS;
import static dev.ftracelab.emu.MixClass.RELEASE_STORES;
import static dev.ftracelab.emu.MixClass.RETURNS;
import static dev.ftracelab.emu.MixClass.STORES;
import static dev.ftracelab.emu.MixClass.TAKEN_BRANCHES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.arm64.A64Decoder;
import dev.ftracelab.isa.riscv.RvDecoder;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared classifier: encodings from GNU as (riscv64-linux-gnu-as, aarch64-linux-gnu-as). */
class MixClassTest {
    private static Set<MixClass> classes(Instruction insn, boolean taken) {
        int m = MixClass.mask(insn, taken);
        Set<MixClass> s = EnumSet.noneOf(MixClass.class);
        for (MixClass c : MixClass.values()) {
            if ((m & c.bit()) != 0) {
                s.add(c);
            }
        }
        return s;
    }

    private static Set<MixClass> rv(int word, boolean taken) {
        return classes(RvDecoder.decode(0x1000, word), taken);
    }

    private static Set<MixClass> a64(int word, boolean taken) {
        return classes(A64Decoder.decode(0x1000, word), taken);
    }

    @Test
    void riscvFencesAndMemory() {
        assertEquals(EnumSet.of(INSTRUCTIONS, FENCES), rv(0x0310000f, false)); // fence rw,w (rcu_assign_pointer)
        assertEquals(EnumSet.of(INSTRUCTIONS, FENCES), rv(0x0330000f, false)); // fence rw,rw
        assertEquals(EnumSet.of(INSTRUCTIONS), rv(0x0000100f, false)); // fence.i orders fetch, not memory
        assertEquals(EnumSet.of(INSTRUCTIONS, LOADS), rv(0x6cbc, false)); // c.ld a5,88(s1)
        assertEquals(EnumSet.of(INSTRUCTIONS, STORES), rv(0xf8e43c23, false)); // sd a4,-104(s0)
        assertEquals(EnumSet.of(INSTRUCTIONS), rv(0x00b6352f, false)); // amoadd.d: neither
    }

    @Test
    void riscvControlFlow() {
        assertEquals(EnumSet.of(INSTRUCTIONS, CALLS), rv(0x9782, true)); // c.jalr a5
        assertEquals(EnumSet.of(INSTRUCTIONS, CALLS), rv(0x040000ef, true)); // jal ra
        assertEquals(EnumSet.of(INSTRUCTIONS, RETURNS), rv(0x8082, true)); // ret
        // t0 is the alternate link register: `jr t0` pops the return-address stack like ret
        assertEquals(EnumSet.of(INSTRUCTIONS, RETURNS), rv(0x8282, true));
        assertEquals(EnumSet.of(INSTRUCTIONS, TAKEN_BRANCHES), rv(0x8302, true)); // jr t1
        assertEquals(EnumSet.of(INSTRUCTIONS, TAKEN_BRANCHES), rv(0xa801, true)); // c.j
        assertEquals(EnumSet.of(INSTRUCTIONS, TAKEN_BRANCHES), rv(0x00d70463, true)); // beq, taken
        assertEquals(EnumSet.of(INSTRUCTIONS), rv(0x00d70463, false)); // beq, fell through
    }

    @Test
    void arm64ReleaseStoresAndBarriers() {
        assertEquals(EnumSet.of(INSTRUCTIONS, STORES, RELEASE_STORES), a64(0xc89ffc20, false)); // stlr x0,[x1]
        assertEquals(EnumSet.of(INSTRUCTIONS, STORES), a64(0xf9000020, false)); // str x0,[x1]
        assertEquals(EnumSet.of(INSTRUCTIONS, LOADS), a64(0xa9408be1, false)); // ldp: one load instruction
        assertEquals(EnumSet.of(INSTRUCTIONS, LOADS), a64(0xf9400a60, false)); // ldr
        assertEquals(EnumSet.of(INSTRUCTIONS, FENCES), a64(0xd5033bbf, false)); // dmb ish
        assertEquals(EnumSet.of(INSTRUCTIONS), a64(0xd5384102, false)); // mrs x2, sp_el0
        assertEquals(EnumSet.of(INSTRUCTIONS), a64(0xd503233f, false)); // paciasp: a hint
    }

    @Test
    void arm64ControlFlow() {
        assertEquals(EnumSet.of(INSTRUCTIONS, CALLS), a64(0x94000010, true)); // bl
        assertEquals(EnumSet.of(INSTRUCTIONS, CALLS), a64(0xd63f0080, true)); // blr x4
        assertEquals(EnumSet.of(INSTRUCTIONS, RETURNS), a64(0xd65f03c0, true)); // ret
        assertEquals(EnumSet.of(INSTRUCTIONS, RETURNS), a64(0xd65f0120, true)); // ret x9 (ftrace_caller's exit)
        assertEquals(EnumSet.of(INSTRUCTIONS, TAKEN_BRANCHES), a64(0x14000002, true)); // b
        assertEquals(EnumSet.of(INSTRUCTIONS, TAKEN_BRANCHES), a64(0xd61f0220, true)); // br x17
        assertEquals(EnumSet.of(INSTRUCTIONS, TAKEN_BRANCHES), a64(0x54000041, true)); // b.ne, taken
        assertEquals(EnumSet.of(INSTRUCTIONS), a64(0xb4000040, false)); // cbz, fell through
    }

    @Test
    void csvNamesRoundTrip() {
        for (MixClass c : MixClass.values()) {
            assertEquals(c, MixClass.ofCsvName(c.csvName()));
        }
        assertEquals("release_stores", RELEASE_STORES.csvName());
        assertThrows(IllegalArgumentException.class, () -> MixClass.ofCsvName("branches"));
    }

    @Test
    void counterCountsOnlyAcceptedPcs() {
        MixCounter c = new MixCounter(pc -> pc < 0x2000);
        c.retired(null, 0x1000, RvDecoder.decode(0x1000, 0x0310000f), -1, false);
        c.retired(null, 0x1004, RvDecoder.decode(0x1004, 0xf8e43c23), 0x5000, false);
        c.retired(null, 0x2000, RvDecoder.decode(0x2000, 0x8082), -1, true); // outside: not counted
        assertEquals("{instructions=2, loads=0, stores=1, release_stores=0, fences=1, calls=0, returns=0, taken_branches=0}",
                c.mix().toString());
    }
}
