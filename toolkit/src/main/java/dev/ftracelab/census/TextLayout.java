package dev.ftracelab.census;

import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import java.util.Arrays;
import java.util.List;

/**
 * What a patch-site {@link Layout} costs in text: the patch bytes each traceable function carries
 * before and at its entry, and the alignment every function gets.
 *
 * <ul>
 *   <li>riscv64 {@code nop-nop} (up to v6.15): 8 bytes at the entry (four C.NOPs, two NOPs without
 *       RVC); functions as the compiler aligns them, 2 bytes with RVC, 4 without.
 *   <li>riscv64 {@code atomic} (v6.16): the same 8 bytes, but functions 4-byte aligned so the
 *       4-byte JALR that toggles is naturally aligned.
 *   <li>arm64 {@code pre-call-ops}: 8 bytes at the entry; no alignment flag, so GCC's default for
 *       generic AArch64 applies: 16 bytes when that takes at most 11 bytes of padding
 *       ({@code .p2align 4,,11}), else the 4 every instruction has.
 *   <li>{@code call-ops}: an 8-byte literal slot before the entry on top, functions 8-byte aligned
 *       so the literal is naturally aligned.
 * </ul>
 *
 * <pre>{@code
 * TextLayout l = TextLayout.of(Arch.RISCV64, Layout.CALL_OPS, true);  // 8 before, 8 at, align 8
 * }</pre>
 */
public record TextLayout(Arch arch, Layout layout, int before, int after, int alignment, int maxSkip) {
    public TextLayout {
        if (alignment < 1 || Integer.bitCount(alignment) != 1 || maxSkip < 0 || maxSkip >= alignment) {
            throw new IllegalArgumentException("alignment must be a power of two above maxSkip: " + alignment + ", " + maxSkip);
        }
    }

    /** A layout that always pads to {@code alignment}. */
    public TextLayout(Arch arch, Layout layout, int before, int after, int alignment) {
        this(arch, layout, before, after, alignment, alignment - 1);
    }

    /** Where a function placed after {@code offset} starts: aligned, unless that takes more than {@code maxSkip} bytes. */
    public long place(long offset) {
        long aligned = (offset + alignment - 1) & -alignment;
        if (aligned - offset <= maxSkip) {
            return aligned;
        }
        long insn = arch == Arch.ARM64 ? 4 : 2;
        return (offset + insn - 1) & -insn;
    }

    /** The layout's costs on {@code arch}; {@code rvc} says whether riscv code is compressed. */
    public static TextLayout of(Arch arch, Layout layout, boolean rvc) {
        layout.checkArch(arch);
        if (layout == Layout.CALL_OPS) {
            return new TextLayout(arch, layout, 8, 8, 8);
        }
        if (layout == Layout.NOP_NOP) {
            return new TextLayout(arch, layout, 0, 8, rvc ? 2 : 4);
        }
        if (layout == Layout.PRE_CALL_OPS) {
            return new TextLayout(arch, layout, 0, 8, 16, 11);
        }
        return new TextLayout(arch, layout, 0, 8, 4); // atomic
    }

    /** Every layout of {@code arch}, oldest first. */
    public static List<TextLayout> all(Arch arch, boolean rvc) {
        return Arrays.stream(Layout.of(arch)).map(l -> of(arch, l, rvc)).toList();
    }

    /**
     * The layout a module was built with, told from its patch sites and alignment: a literal slot
     * before the entry means CALL_OPS; on riscv64 with RVC, entries all 4-byte aligned (over at
     * least {@value #ALIGNMENT_EVIDENCE} functions, which 2-byte alignment would rarely give by
     * chance) mean {@code atomic}; otherwise the arch's layout before CALL_OPS. A module without
     * patch sites (built without ftrace flags) still got the build's alignment: two or more
     * functions, all 8-byte aligned, mean the CALL_OPS build's {@code -falign-functions=8}.
     *
     * @param medianBefore the median of the traceable functions' patch bytes before the entry, or -1 if none
     * @param minAlignment the smallest alignment among the module's function entries
     * @param functions how many functions that minimum is over
     */
    public static TextLayout detect(Arch arch, boolean rvc, int medianBefore, long minAlignment, int functions) {
        if (medianBefore >= 8 || medianBefore < 0 && functions >= 2 && minAlignment >= 8) {
            return of(arch, Layout.CALL_OPS, rvc);
        }
        if (arch == Arch.RISCV64 && rvc && functions >= ALIGNMENT_EVIDENCE && minAlignment >= 4) {
            return of(arch, Layout.ATOMIC, rvc);
        }
        return of(arch, Layout.before(arch), rvc);
    }

    /** Functions needed before their alignment counts as the build's rather than chance. */
    static final int ALIGNMENT_EVIDENCE = 8;

    /** Patch-area bytes of one traceable function. */
    public int patchBytes() {
        return before + after;
    }

    @Override
    public String toString() {
        return layout.id();
    }
}
