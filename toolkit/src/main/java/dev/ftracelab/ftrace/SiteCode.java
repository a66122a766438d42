package dev.ftracelab.ftrace;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.BranchOutOfReachException;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.riscv.RvEncoder;
import java.util.List;

/**
 * The instructions of one function's patch site in each state of a {@link Layout}: what boot
 * writes, what traces it (a call to a target), what untraces it. Only encodes; {@link FtraceModel}
 * decides and writes; the patch schemes ({@code dev.ftracelab.patch}) build plans from the same
 * encodings.
 *
 * <p>riscv64: the compiler leaves 8 bytes of C.NOPs before the entry and 8 at it. The call is
 * {@code AUIPC t0 ; JALR t0} at the entry (so t0 = entry + 8 in the trampoline). arm64: two NOPs
 * before and two at the entry; the call is {@code MOV X9,X30 ; BL} at the entry. With CALL_OPS the
 * 8 bytes before the entry hold the ops literal.
 *
 * @param entry the function's entry address
 * @param common the layout's common trampoline: the fixed AUIPC of {@code atomic} and
 *     {@code call-ops} points there
 */
public record SiteCode(Arch arch, Layout layout, String function, long entry, long common) {
    /** Where the ops literal lives (CALL_OPS). */
    public long literal() {
        return entry - 8;
    }

    /**
     * The address the kernel records for the site and a trampoline passes as the call's
     * {@code ip}: the call instruction (the BL on arm64, the JALR of riscv's atomic and CALL_OPS
     * layouts, v6.16 on), or the entry (riscv nop-nop, up to v6.15).
     */
    public long ip() {
        return arch == Arch.RISCV64 && layout == Layout.NOP_NOP ? entry : entry + 4;
    }

    /** What {@code ftrace_init} writes over the compiler's NOPs: the untraced state. */
    public List<TextWrite> boot() {
        if (arch == Arch.ARM64) {
            return List.of(TextWrite.word(entry, A64Encoder.movReg(true, 9, 30), at(0) + "mov x9, x30"),
                    TextWrite.word(entry + 4, A64Encoder.nop(), at(4) + "nop"));
        }
        if (layout == Layout.NOP_NOP) {
            return List.of(TextWrite.word(entry, RvEncoder.nop(), at(0) + "nop"),
                    TextWrite.word(entry + 4, RvEncoder.nop(), at(4) + "nop"));
        }
        int auipc = RvEncoder.auipcJalr(RvEncoder.T0, RvEncoder.T0, entry, common)[0];
        return List.of(TextWrite.word(entry, auipc, at(0) + "auipc t0 (to the common trampoline)"),
                TextWrite.word(entry + 4, RvEncoder.nop(), at(4) + "nop"));
    }

    /** Untraces the site. */
    public List<TextWrite> disable() {
        if (arch == Arch.RISCV64 && layout == Layout.NOP_NOP) {
            return boot();
        }
        return List.of(TextWrite.word(entry + 4, arch == Arch.ARM64 ? A64Encoder.nop() : RvEncoder.nop(), at(4) + "nop"));
    }

    /**
     * Makes the site call {@code target}.
     *
     * @throws BranchOutOfReachException if the layout's call cannot reach it: BL ±128 MiB; JALR
     *     ±2 KiB from the fixed AUIPC's base (atomic, call-ops); the AUIPC+JALR pair (nop-nop)
     */
    public List<TextWrite> enable(long target, String targetName) {
        if (arch == Arch.ARM64) {
            return List.of(TextWrite.word(entry + 4, A64Encoder.bl(entry + 4, target), at(4) + "bl " + targetName));
        }
        if (layout == Layout.NOP_NOP) {
            int[] pair = RvEncoder.auipcJalr(RvEncoder.T0, RvEncoder.T0, entry, target);
            return List.of(TextWrite.word(entry, pair[0], at(0) + "auipc t0"),
                    TextWrite.word(entry + 4, pair[1], at(4) + "jalr t0 -> " + targetName));
        }
        int jalr = RvEncoder.jalrFrom(RvEncoder.T0, RvEncoder.T0, auipcBase(), target);
        return List.of(TextWrite.word(entry + 4, jalr, at(4) + "jalr t0 -> " + targetName));
    }

    /** Whether {@link #enable} can reach {@code target}. */
    public boolean reaches(long target) {
        try {
            enable(target, "");
            return true;
        } catch (BranchOutOfReachException e) {
            return false;
        }
    }

    /** The value t0 holds after the boot-time AUIPC (riscv atomic and call-ops). */
    private long auipcBase() {
        return RvEncoder.auipcBase(entry, common);
    }

    private String at(int offset) {
        return function + "+" + offset + ": ";
    }
}
