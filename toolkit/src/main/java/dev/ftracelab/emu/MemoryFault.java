package dev.ftracelab.emu;

/**
 * A guest access to unmapped memory, or without the needed permission. Thrown by {@link Memory}
 * inside a hart's run loop and turned there into a {@link Trap.AccessFault} value; it never
 * leaves {@link Hart#run}. No stack trace: it is control flow, not a bug report.
 */
public final class MemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long address;
    private final Access access;

    public MemoryFault(long address, Access access, String reason) {
        super(reason, null, false, false);
        this.address = address;
        this.access = access;
    }

    public long address() {
        return address;
    }

    public Access access() {
        return access;
    }
}
