package dev.ftracelab.census;

import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each patch-site layout would make of one module's text (or of a total over modules).
 *
 * <pre>{@code
 * ModuleGrowth g = ModuleGrowth.of(module);
 * g.growth(Layout.CALL_OPS);          // bytes CALL_OPS adds to the text as built
 * g.growthPercent(Layout.CALL_OPS);   // the same, in % of the text as built
 * }</pre>
 *
 * @param module the module's name, or {@code total} for a sum
 * @param arch its architecture
 * @param built the layout it was built with (told from its patch areas); null for a total over modules built differently
 * @param modules how many modules this row sums (1 for a module)
 * @param functions functions in its text
 * @param traceable functions with a patch site
 * @param textBytes bytes of executable text as built
 * @param patchBytes bytes of patch area as built (before and at the entries of traceable functions)
 * @param textBytesUnder the modelled text bytes under each of the arch's layouts, oldest layout first
 */
public record ModuleGrowth(String module, Arch arch, Layout built, int modules, long functions, long traceable,
        long textBytes, long patchBytes, Map<Layout, Long> textBytesUnder) {
    public ModuleGrowth {
        textBytesUnder = Collections.unmodifiableMap(new LinkedHashMap<>(textBytesUnder));
    }

    /** Relays {@code m} out under every layout of its arch. */
    public static ModuleGrowth of(ModuleText m) {
        TextLayout built = m.builtLayout();
        Map<Layout, Long> under = new LinkedHashMap<>();
        for (TextLayout l : TextLayout.all(m.arch(), m.rvc())) {
            under.put(l.layout(), Relayout.textBytes(m, built, l));
        }
        long traceable = 0;
        long patch = 0;
        for (FunctionEntry f : m.functions()) {
            if (f.traceable()) {
                traceable++;
                patch += f.patchBefore() + f.patchAfter();
            }
        }
        return new ModuleGrowth(m.module(), m.arch(), built.layout(), 1, m.functions().size(), traceable, m.textBytes(), patch, under);
    }

    /** The sum of {@code this} and {@code o} (same arch), named {@code name}. */
    public ModuleGrowth plus(ModuleGrowth o, String name) {
        if (o.arch != arch) {
            throw new IllegalArgumentException("cannot add " + o.arch + " text to " + arch + " text");
        }
        Map<Layout, Long> under = new LinkedHashMap<>(textBytesUnder);
        o.textBytesUnder.forEach((k, v) -> under.merge(k, v, Long::sum));
        // a module without traceable functions has no patch area to tell its layout by: it does not decide
        Layout both = traceable == 0 ? o.built : o.traceable == 0 || built == o.built ? built : null;
        return new ModuleGrowth(name, arch, both, modules + o.modules, functions + o.functions,
                traceable + o.traceable, textBytes + o.textBytes, patchBytes + o.patchBytes, under);
    }

    /** This row under another name. */
    public ModuleGrowth named(String name) {
        return new ModuleGrowth(name, arch, built, modules, functions, traceable, textBytes, patchBytes, textBytesUnder);
    }

    /** Bytes {@code layout} adds to the text as built (negative if it saves). */
    public long growth(Layout layout) {
        return bytesUnder(layout) - textBytes;
    }

    /** {@link #growth} in % of the text as built. */
    public double growthPercent(Layout layout) {
        return textBytes == 0 ? 0 : 100.0 * growth(layout) / textBytes;
    }

    /**
     * What CALL_OPS costs this module: its bytes under {@code call-ops} minus its bytes under the
     * arch's layout before CALL_OPS ({@code nop-nop} on riscv64, {@code pre-call-ops} on arm64),
     * whichever of them it was built with.
     */
    public long callOpsCost() {
        return bytesUnder(Layout.CALL_OPS) - bytesUnder(Layout.before(arch));
    }

    /** {@link #callOpsCost} in % of the text under the layout before CALL_OPS. */
    public double callOpsCostPercent() {
        long base = bytesUnder(Layout.before(arch));
        return base == 0 ? 0 : 100.0 * callOpsCost() / base;
    }

    /** Modelled bytes under {@code layout}. */
    public long bytesUnder(Layout layout) {
        Long v = textBytesUnder.get(layout);
        if (v == null) {
            throw new IllegalArgumentException("layout " + layout + " does not exist on " + arch);
        }
        return v;
    }
}
