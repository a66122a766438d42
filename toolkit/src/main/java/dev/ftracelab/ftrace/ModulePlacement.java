package dev.ftracelab.ftrace;

import dev.ftracelab.util.Ids;

/**
 * Where the sample module goes beside a real vmlinux, below the image's lowest address.
 *
 * <ul>
 *   <li>{@link #NEAR} 64 MiB below: a site's {@code BL} reaches {@code ftrace_caller} (arm64, ±128
 *       MiB), as it does for a module the kernel placed in its preferred range.
 *   <li>{@link #FAR} 1 GiB below: out of a {@code BL}'s reach, so an arm64 site calls
 *       {@code ftrace_caller} through the module's ftrace PLT ({@code adrp x16; add x16; br x16}),
 *       as a module loaded past the preferred range does. A riscv site's {@code AUIPC+JALR}
 *       reaches ±2 GiB, so riscv modules never need one.
 * </ul>
 *
 * <pre>{@code
 * FtraceOpsSample.of(vmlinux).module(ModulePlacement.FAR).run(1, 0).site().target(); // "ftrace_caller via the module PLT"
 * }</pre>
 */
public enum ModulePlacement {
    NEAR("near", 64L << 20),
    FAR("far", 1L << 30);

    private final String id;
    private final long below;

    ModulePlacement(String id, long below) {
        this.id = id;
        this.below = below;
    }

    /** The name used on the command line and in tables. */
    public String id() {
        return id;
    }

    /** How far below the image's lowest address the module starts. */
    public long below() {
        return below;
    }

    /**
     * Parses {@code near} or {@code far}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ModulePlacement parse(String name) {
        return Ids.parse(ModulePlacement.class, ModulePlacement::id, "module placement", name);
    }

    @Override
    public String toString() {
        return id;
    }
}
