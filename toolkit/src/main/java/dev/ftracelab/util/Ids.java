package dev.ftracelab.util;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parsing the short names users type for enum constants ({@code call-ops}, {@code per-callsite-trampoline}). */
public final class Ids {
    private Ids() {
    }

    /**
     * The constant of {@code type} whose {@code id} is {@code name} (case-insensitive), also accepting
     * the constant's Java name ({@code CALL_OPS}).
     *
     * <pre>{@code Layout l = Ids.parse(Layout.class, Layout::id, "layout", "call-ops");}</pre>
     *
     * @throws IllegalArgumentException "unknown WHAT 'name': expected one of ..."
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> id, String what, String name) {
        for (E e : type.getEnumConstants()) {
            if (id.apply(e).equals(name.toLowerCase(Locale.ROOT)) || e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "': expected one of "
                + Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(", ")));
    }
}
