package dev.ftracelab.ftrace;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.Ids;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a function's patch area is laid out and toggled, per arch (see the table in the README):
 *
 * <ul>
 *   <li>{@link #NOP_NOP} riscv64 up to v6.15: {@code NOP;NOP} ↔ {@code AUIPC t0;JALR t0}, both
 *       instructions written to trace or untrace.
 *   <li>{@link #ATOMIC} riscv64 v6.16: {@code AUIPC t0} written once at boot, only the aligned
 *       4-byte {@code NOP} ↔ {@code JALR} toggles; the trampoline loads its destination from memory.
 *   <li>{@link #PRE_CALL_OPS} arm64 before v6.3: {@code MOV X9,X30} at boot, {@code NOP} ↔
 *       {@code BL ftrace_caller}; the trampoline calls through a patched BL.
 *   <li>{@link #CALL_OPS} both arches: an 8-byte ops literal before the entry, the single
 *       call instruction toggles, the trampoline calls {@code ops->func} from the literal.
 * </ul>
 *
 * <pre>{@code Layout l = Layout.parse("call-ops"); l.supports(Arch.RISCV64); // true}</pre>
 */
public enum Layout {
    NOP_NOP("nop-nop", Arch.RISCV64),
    ATOMIC("atomic", Arch.RISCV64),
    PRE_CALL_OPS("pre-call-ops", Arch.ARM64),
    CALL_OPS("call-ops", Arch.RISCV64, Arch.ARM64);

    private final String id;
    private final Arch[] arches;

    Layout(String id, Arch... arches) {
        this.id = id;
        this.arches = arches;
    }

    /** The name used on the command line and in tables. */
    public String id() {
        return id;
    }

    public boolean supports(Arch arch) {
        return Arrays.asList(arches).contains(arch);
    }

    /** Whether the site has an ops literal before the entry. */
    public boolean hasLiteral() {
        return this == CALL_OPS;
    }

    /** The layouts available on {@code arch}, oldest first. */
    public static Layout[] of(Arch arch) {
        return Arrays.stream(values()).filter(l -> l.supports(arch)).toArray(Layout[]::new);
    }

    /** The layout the kernel used before CALL_OPS on {@code arch}: the list-processing baseline. */
    public static Layout before(Arch arch) {
        return arch == Arch.ARM64 ? PRE_CALL_OPS : NOP_NOP;
    }

    /**
     * Parses {@code nop-nop}, {@code atomic}, {@code pre-call-ops} or {@code call-ops}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Layout parse(String name) {
        return Ids.parse(Layout.class, Layout::id, "layout", name);
    }

    /**
     * This layout, checked against {@code arch}.
     *
     * @throws IllegalArgumentException naming the layouts {@code arch} has
     */
    public Layout checkArch(Arch arch) {
        if (!supports(arch)) {
            throw new IllegalArgumentException("layout " + id + " does not exist on " + arch + ": expected one of "
                    + Arrays.stream(of(arch)).map(Layout::id).collect(Collectors.joining(", ")));
        }
        return this;
    }

    @Override
    public String toString() {
        return id;
    }
}
