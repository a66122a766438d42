package dev.ftracelab.census;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a module's text out again under another {@link TextLayout}, the way the compiler and
 * assembler would: function after function, each start placed by the layout's alignment rule, each
 * traceable function carrying the target layout's patch bytes instead of the built one's.
 * Bytes between functions that are not alignment padding (unnamed code, jump tables) are kept.
 *
 * <p>Laying a module out under the layout it was built with gives back its size exactly; the
 * tests hold the model to that.
 *
 * <pre>{@code
 * long grown = Relayout.textBytes(m, m.builtLayout(), TextLayout.of(m.arch(), Layout.CALL_OPS, m.rvc())) - m.textBytes();
 * }</pre>
 */
public final class Relayout {
    private Relayout() {
    }

    /** The module's text bytes when built with {@code target} instead of {@code built}. */
    public static long textBytes(ModuleText m, TextLayout built, TextLayout target) {
        Map<String, List<FunctionEntry>> bySection = new HashMap<>();
        for (FunctionEntry f : m.functions()) {
            bySection.computeIfAbsent(f.section(), k -> new ArrayList<>()).add(f);
        }
        long total = 0;
        for (TextSection s : m.sections()) {
            List<FunctionEntry> fs = bySection.getOrDefault(s.name(), List.of());
            total += sectionBytes(s, fs, built, target);
        }
        return total;
    }

    /** One section's bytes under {@code target}; functions in any order. */
    static long sectionBytes(TextSection s, List<FunctionEntry> functions, TextLayout built, TextLayout target) {
        List<FunctionEntry> fs = new ArrayList<>(functions);
        fs.sort(Comparator.comparingLong(FunctionEntry::start));
        long oldEnd = 0; // section-relative
        long newEnd = 0;
        for (FunctionEntry f : fs) {
            long start = f.start() - s.address();
            if (start < oldEnd) {
                continue; // nested in or overlapping the previous function: its bytes are already counted
            }
            // The gap before f was padding to the built alignment, then other bytes; keep the other bytes.
            long other = start - built.place(oldEnd);
            newEnd = Math.max(newEnd, target.place(newEnd) + other);
            // Traceable functions trade the built layout's patch bytes for the target's; what a
            // function had beyond the built layout's (rare) it keeps.
            long patch = f.traceable() ? Math.max(0, f.patchBefore() + f.patchAfter() + target.patchBytes() - built.patchBytes()) : 0;
            newEnd += f.size() - f.patchAfter() + patch;
            oldEnd = f.end() - s.address();
        }
        return newEnd + Math.max(0, s.size() - oldEnd);
    }
}
