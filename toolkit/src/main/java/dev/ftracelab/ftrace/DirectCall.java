package dev.ftracelab.ftrace;

import dev.ftracelab.util.Ids;

/**
 * Whether the ftrace-ops sample's first relevant ops is a direct call (a BPF trampoline
 * stand-in, {@link Ops#directCall()}), and where its trampoline lies.
 *
 * <ul>
 *   <li>{@link #NONE} the sample as published: every ops calls a tracer.
 *   <li>{@link #NEAR} the trampoline is in the module area just above the guest image: in reach
 *       of a {@code BL} and of an {@code AUIPC+JALR} pair, never of the {@code JALR} of a fixed
 *       {@code AUIPC} (riscv64 {@code atomic}, {@code call-ops}), which only reaches ±2 KiB
 *       around {@code ftrace_caller}.
 *   <li>{@link #FAR} the module area is at 64 GiB ({@link #FAR_MODULE_AREA}): out of every site's
 *       reach, so the call goes through {@code ftrace_caller} and {@code ops->direct_call}.
 * </ul>
 *
 * <pre>{@code
 * FtraceOpsSample s = FtraceOpsSample.of(Arch.RISCV64, Layout.NOP_NOP).direct(DirectCall.FAR);
 * s.run(1, 0).site().route();   // COMMON_TRAMPOLINE: the trampoline is out of reach
 * }</pre>
 */
public enum DirectCall {
    NONE("none"),
    NEAR("near"),
    FAR("far");

    /** Where {@link #FAR} puts the module area: 64 GiB up, beyond a BL (±128 MiB) and AUIPC+JALR (±2 GiB). */
    public static final long FAR_MODULE_AREA = 0x10_0000_0000L;

    private final String id;

    DirectCall(String id) {
        this.id = id;
    }

    /** The name used on the command line and in tables. */
    public String id() {
        return id;
    }

    /**
     * Parses {@code none}, {@code near} or {@code far}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DirectCall parse(String name) {
        return Ids.parse(DirectCall.class, DirectCall::id, "direct call", name);
    }

    @Override
    public String toString() {
        return id;
    }
}
