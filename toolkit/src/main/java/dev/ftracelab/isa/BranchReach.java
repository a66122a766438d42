package dev.ftracelab.isa;

import java.util.Locale;

/**
 * How far a PC-relative call can reach: the offsets (target minus the instruction's base) its
 * immediate can encode. The encoders check their branches against these ranges, and the census
 * measures which callsites a direct trampoline is within reach of.
 *
 * <pre>{@code
 * BranchReach.BL.reaches(64L << 20);   // true: ±128 MiB
 * BranchReach.JAL.reaches(2L << 20);   // false: ±1 MiB
 * }</pre>
 */
public enum BranchReach {
    /** riscv {@code jal}: a 21-bit signed, even offset from the instruction. */
    JAL("jal", "±1 MiB", -(1L << 20), (1L << 20) - 2),
    /**
     * riscv {@code jalr rd, lo(t0)} after an {@code auipc t0} that is never rewritten: only the
     * 12-bit immediate can change, so the offset counts from the AUIPC's result, not the site.
     */
    JALR_FIXED_AUIPC("jalr (fixed auipc)", "±2 KiB of the auipc's base", -2048, 2047),
    /**
     * riscv {@code auipc; jalr} rewritten together: every signed 32-bit offset except
     * [2^31 - 2^11, 2^31 - 1], where rounding the high part up would overflow.
     */
    AUIPC_JALR("auipc+jalr", "[-2^31, 2^31 - 2^11)", Integer.MIN_VALUE, (1L << 31) - (1 << 11) - 1),
    /** arm64 {@code bl} (and {@code b}): a 26-bit signed word offset. */
    BL("bl", "±128 MiB", -(128L << 20), (128L << 20) - 4);

    private final String id;
    private final String described;
    private final long min;
    private final long max;

    BranchReach(String id, String described, long min, long max) {
        this.id = id;
        this.described = described;
        this.min = min;
        this.max = max;
    }

    /** The name used in tables: {@code jal}, {@code jalr (fixed auipc)}, {@code auipc+jalr}, {@code bl}. */
    public String id() {
        return id;
    }

    /** The reach as the ISA manuals state it, e.g. {@code ±128 MiB}. */
    public String described() {
        return described;
    }

    /** The most negative encodable offset. */
    public long min() {
        return min;
    }

    /** The most positive encodable offset. */
    public long max() {
        return max;
    }

    /** Whether {@code offset} (target minus base) is in range; alignment is the encoder's concern. */
    public boolean reaches(long offset) {
        return offset >= min && offset <= max;
    }

    /**
     * Throws unless {@code to} is within reach of {@code from}.
     *
     * @throws BranchOutOfReachException naming {@code insn}, both addresses and this reach
     */
    public void check(String insn, long from, long to) {
        if (!reaches(to - from)) {
            throw new BranchOutOfReachException(insn, from, to, described);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", id, described);
    }
}
