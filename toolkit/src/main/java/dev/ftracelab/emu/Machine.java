package dev.ftracelab.emu;

import dev.ftracelab.isa.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A shared-memory machine: one {@link Memory} and any number of {@link Hart}s of one arch. Harts
 * are driven by one external scheduler thread (tests, the Linux user-mode runner, the
 * patch-safety explorer), which makes every interleaving explicit and reproducible.
 *
 * <pre>{@code
 * Machine m = Machine.create(Arch.ARM64, 4);
 * m.memory().map(0x400000, 0x10000, Memory.R | Memory.X);
 * m.flushFetchCaches();   // an IPI asking every hart to drop its fetched text
 * }</pre>
 */
public final class Machine {
    /** Makes the hart of one arch. */
    @FunctionalInterface
    public interface HartFactory {
        Hart create(Machine machine, int id);
    }

    private final Arch arch;
    private final Memory memory = new Memory();
    private final List<Hart> harts;

    /** A machine of {@code arch} with {@code hartCount} harts and empty memory. */
    public static Machine create(Arch arch, int hartCount) {
        return new Machine(arch, hartCount, switch (arch) {
            case RISCV64 -> dev.ftracelab.emu.riscv.RvHart::new;
            case ARM64 -> dev.ftracelab.emu.arm64.A64Hart::new;
        });
    }

    /** A machine with {@code hartCount} harts made by {@code factory}. */
    public Machine(Arch arch, int hartCount, HartFactory factory) {
        if (hartCount < 1) {
            throw new IllegalArgumentException("a machine needs at least one hart, got " + hartCount);
        }
        this.arch = Objects.requireNonNull(arch, "arch");
        List<Hart> hs = new ArrayList<>(hartCount);
        for (int i = 0; i < hartCount; i++) {
            Hart h = factory.create(this, i);
            if (h.arch() != arch) {
                throw new IllegalArgumentException("hart factory made a " + h.arch() + " hart for a " + arch + " machine");
            }
            hs.add(h);
        }
        this.harts = List.copyOf(hs);
    }

    public Arch arch() {
        return arch;
    }

    public Memory memory() {
        return memory;
    }

    public List<Hart> harts() {
        return harts;
    }

    public Hart hart(int i) {
        return harts.get(i);
    }

    /** A remote instruction-cache flush on every hart (what an IPI-based flush does). */
    public void flushFetchCaches() {
        harts.forEach(Hart::flushFetchCache);
    }
}
