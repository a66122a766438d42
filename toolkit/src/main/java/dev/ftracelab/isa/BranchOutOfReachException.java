package dev.ftracelab.isa;

import java.util.Locale;

/**
 * An encoder was asked for a PC-relative branch whose target it cannot reach (e.g. a BL more
 * than 128 MiB away, a JAL beyond 1 MiB). The caller must fall back, as the kernel does, to a
 * trampoline in reach.
 */
public final class BranchOutOfReachException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long from;
    private final long to;

    /**
     * @param instruction the instruction being encoded, e.g. "bl"
     * @param reach       its reach as written in the ISA manual, e.g. "±128 MiB"
     */
    public BranchOutOfReachException(String instruction, long from, long to, String reach) {
        super(String.format(Locale.ROOT, "%s at 0x%x cannot reach 0x%x: offset %+d is outside %s",
                instruction, from, to, to - from, reach));
        this.from = from;
        this.to = to;
    }

    public long from() {
        return from;
    }

    public long to() {
        return to;
    }
}
