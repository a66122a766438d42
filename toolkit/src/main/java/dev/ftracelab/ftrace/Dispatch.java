package dev.ftracelab.ftrace;

import dev.ftracelab.util.Ids;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a traced call finds its tracer: the project's one vocabulary for dispatch designs. Every
 * table, chart legend, JSON/CSV value and CLI text names a design by {@link #id()} (machine
 * form), {@link #title()} (prose, legends, headers) or, where a column is too narrow,
 * {@link #abbreviation()} with {@link #legend} under the table. What the site itself looks like
 * is the {@link Layout} ({@code nop-nop}, {@code atomic}, {@code pre-call-ops}, {@code call-ops});
 * {@link #of(Layout, Strategy)} says which dispatch a layout and strategy give one ops.
 *
 * <pre>{@code
 * Dispatch d = Dispatch.of(Layout.NOP_NOP, Strategy.PER_CALLSITE_TRAMPOLINE);
 * d.id();           // "per-callsite-trampoline"
 * d.title();        // "per-callsite trampoline"
 * d.abbreviation(); // "per-site tramp"
 * }</pre>
 */
public enum Dispatch {
    /** The site is a NOP: no tracer. */
    UNTRACED("untraced", "untraced", "untraced"),
    /** The common trampoline calls the list function, which walks every ops and tests its hash. */
    LIST("list", "list processing", "list"),
    /** The common trampoline calls {@code ops->func} of the ops in the site's literal. */
    CALL_OPS("call-ops", "CALL_OPS", "CALL_OPS"),
    /** The site calls a trampoline generated for (and private to) its one ops, x86 style. */
    PER_CALLSITE_TRAMPOLINE("per-callsite-trampoline", "per-callsite trampoline", "per-site tramp"),
    /** The site calls its one direct ops' trampoline (a BPF trampoline) straight. */
    DIRECT("direct", "direct call", "direct");

    private final String id;
    private final String title;
    private final String abbreviation;

    Dispatch(String id, String title, String abbreviation) {
        this.id = id;
        this.title = title;
        this.abbreviation = abbreviation;
    }

    /** The machine name: CLI values, JSON/CSV values, file names, e.g. {@code per-callsite-trampoline}. */
    public String id() {
        return id;
    }

    /** The name a kernel developer uses, for prose, legends and table headers, e.g. {@code list processing}. */
    public String title() {
        return title;
    }

    /** The fixed short form for narrow columns, e.g. {@code per-site tramp}; explain it with {@link #legend}. */
    public String abbreviation() {
        return abbreviation;
    }

    /**
     * The legend line for a table whose headers use {@link #abbreviation()}s, naming only those
     * that differ from the title: {@code "list: list processing; per-site tramp: per-callsite
     * trampoline."}, or empty when none does.
     */
    public static String legend(Dispatch... used) {
        String s = Arrays.stream(used).distinct().filter(d -> !d.abbreviation.equals(d.title))
                .map(d -> d.abbreviation + ": " + d.title).collect(Collectors.joining("; "));
        return s.isEmpty() ? "" : s + ".";
    }

    /**
     * The dispatch a site of {@code layout} gets under {@code strategy} when one (non-direct) ops
     * traces it and its trampoline is in reach: a per-callsite trampoline with that strategy,
     * else CALL_OPS on a {@code call-ops} site, else list processing. With two or more ops every
     * design falls back to {@link #LIST}.
     */
    public static Dispatch of(Layout layout, Strategy strategy) {
        if (strategy == Strategy.PER_CALLSITE_TRAMPOLINE) {
            return PER_CALLSITE_TRAMPOLINE;
        }
        return layout.hasLiteral() ? CALL_OPS : LIST;
    }

    /**
     * Parses an {@link #id()} ({@code list}, {@code call-ops}, ...).
     *
     * @throws IllegalArgumentException naming the accepted values (and the likely one for an old
     *     name such as {@code ops-trampoline})
     */
    public static Dispatch parse(String name) {
        return Ids.parse(Dispatch.class, Dispatch::id, "dispatch", name);
    }

    @Override
    public String toString() {
        return id;
    }
}
