package dev.ftracelab.census;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.BranchReach;
import dev.ftracelab.isa.riscv.RvEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * When does a direct call (a BPF trampoline, say) really bypass the common trampoline? Only when
 * the patch site's call instruction can reach it: the share of callsites within reach of a
 * direct trampoline, for each call instruction the designs use, where the trampoline lies in a
 * region (the module area, the kernel text) or at measured distances.
 *
 * <ul>
 *   <li>riscv64 {@code nop-nop}: the whole {@code AUIPC;JALR} pair is rewritten, so {@link BranchReach#AUIPC_JALR}.
 *   <li>riscv64 {@code atomic}, {@code call-ops}: the AUIPC stays pointed at {@code ftrace_caller}; only
 *       the JALR's 12-bit offset changes, so {@link BranchReach#JALR_FIXED_AUIPC} around that base.
 *   <li>a riscv64 site with one {@code JAL} (discussed, not merged): {@link BranchReach#JAL}.
 *   <li>arm64 {@code call-ops}: {@link BranchReach#BL}.
 * </ul>
 *
 * <p>A trampoline in a region is equally likely anywhere in it; the share for a callsite is the
 * part of the region its reach covers, exactly, and the table's figure is the mean over
 * callsites. Module callsites are spread evenly over the module area ({@value #MODULE_SITES} points).
 *
 * <pre>{@code
 * List<ReachRow> rows = DirectReach.table(KernelImage.of(ElfFile.read(vmlinux), "vmlinux"));
 * }</pre>
 */
public final class DirectReach {
    /** Evenly spaced stand-ins for module callsites, whose load addresses are not known ahead. */
    static final int MODULE_SITES = 4096;

    private DirectReach() {
    }

    /**
     * A region a direct trampoline is placed in, [lo, hi).
     *
     * @param name e.g. {@code module area}
     */
    public record Placement(String name, long lo, long hi) {
        public Placement {
            if (hi <= lo) {
                throw new IllegalArgumentException("placement " + name + " is empty: 0x" + Long.toHexString(lo) + "-0x" + Long.toHexString(hi));
            }
        }

        /**
         * Where modules, BPF programs and their trampolines are allocated, below the kernel image,
         * as of v6.12: riscv64 keeps them within the 2 GiB below {@code _end} so AUIPC+JALR
         * reaches the kernel; arm64 first fills the 128 MiB below {@code _end}, within BL range
         * of all kernel text (and falls back to a 2 GiB area with PLTs, not modelled).
         */
        public static Placement moduleArea(KernelImage k) {
            return below(k, "module area", k.arch() == Arch.RISCV64 ? 2L << 30 : 128L << 20);
        }

        /** arm64's fallback once the 128 MiB next to the kernel is full: 2 GiB below {@code _end}. */
        public static Placement moduleAreaFallback(KernelImage k) {
            return below(k, "module area (2 GiB fallback)", 2L << 30);
        }

        private static Placement below(KernelImage k, String name, long size) {
            long end = (k.end() + 0xfff) & -0x1000L;
            return new Placement(name, end - size, k.stext());
        }

        /** Anywhere in the kernel's own text (a trampoline built into the kernel). */
        public static Placement kernelText(KernelImage k) {
            return new Placement("kernel text", k.stext(), k.etext());
        }
    }

    /**
     * One row of the reach table: % of callsites each instruction reaches a trampoline from;
     * null where the instruction does not exist on the arch (or, for measured distances, where
     * the fixed AUIPC's base is unknown).
     */
    public record ReachRow(String arch, String callsites, String placement, long sites, Double jal, Double jalrFixedAuipc,
            Double auipcJalr, Double bl) {
    }

    /**
     * Kernel callsites and module callsites, each with the trampoline in the module area (on
     * arm64 also in its 2 GiB fallback) and in the kernel text.
     */
    public static List<ReachRow> table(KernelImage k) {
        Placement modules = Placement.moduleArea(k);
        Placement text = Placement.kernelText(k);
        List<Placement> placements = k.arch() == Arch.ARM64 ? List.of(modules, Placement.moduleAreaFallback(k), text) : List.of(modules, text);
        long[] moduleSites = new long[MODULE_SITES];
        for (int i = 0; i < MODULE_SITES; i++) {
            moduleSites[i] = modules.lo() + (long) ((i + 0.5) * ((double) (modules.hi() - modules.lo()) / MODULE_SITES)) & -4L;
        }
        List<ReachRow> rows = new ArrayList<>();
        for (Placement p : placements) {
            rows.add(row(k, "kernel text", k.callsites(), p));
        }
        for (Placement p : placements) {
            rows.add(row(k, "module area", moduleSites, p));
        }
        return rows;
    }

    /** The shares for {@code sites} with a trampoline anywhere in {@code p}. */
    public static ReachRow row(KernelImage k, String callsites, long[] sites, Placement p) {
        if (k.arch() == Arch.ARM64) {
            return new ReachRow(k.arch().id(), callsites, p.name(), sites.length, null, null, null,
                    mean(sites, p, BranchReach.BL, 4, null));
        }
        return new ReachRow(k.arch().id(), callsites, p.name(), sites.length, mean(sites, p, BranchReach.JAL, 0, null),
                mean(sites, p, BranchReach.JALR_FIXED_AUIPC, 0, k.ftraceCaller()), mean(sites, p, BranchReach.AUIPC_JALR, 0, null), null);
    }

    /**
     * The shares for measured site-to-trampoline distances (target minus site), e.g. from a
     * running system's BPF trampolines.
     */
    public static ReachRow measured(Arch arch, String name, long[] distances) {
        if (arch == Arch.ARM64) {
            return new ReachRow(arch.id(), name, "measured", distances.length, null, null, null, fraction(distances, BranchReach.BL, 4));
        }
        return new ReachRow(arch.id(), name, "measured", distances.length, fraction(distances, BranchReach.JAL, 0), null,
                fraction(distances, BranchReach.AUIPC_JALR, 0), null);
    }

    /**
     * The mean, over sites, of the share of {@code p} within {@code r}'s reach of the site's base:
     * the site plus {@code insnOffset}, or, when a fixed AUIPC points at {@code common}, the value
     * that AUIPC computes. In %.
     */
    static double mean(long[] sites, Placement p, BranchReach r, int insnOffset, Long common) {
        double width = (double) (p.hi() - p.lo());
        double sum = 0;
        for (long s : sites) {
            long base = s + insnOffset;
            if (common != null) {
                base = RvEncoder.auipcBase(s, common);
            }
            long lo = Math.max(p.lo(), base + r.min());
            long hi = Math.min(p.hi(), base + r.max() + 1);
            sum += hi > lo ? (hi - lo) / width : 0;
        }
        return sites.length == 0 ? Double.NaN : 100.0 * sum / sites.length;
    }

    private static double fraction(long[] distances, BranchReach r, int insnOffset) {
        long n = 0;
        for (long d : distances) {
            n += r.reaches(d - insnOffset) ? 1 : 0;
        }
        return distances.length == 0 ? Double.NaN : 100.0 * n / distances.length;
    }
}
