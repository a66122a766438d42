package dev.ftracelab.util;

import java.util.Arrays;
import java.util.List;
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
     * @throws IllegalArgumentException "unknown WHAT 'name': expected one of ...", with "did you
     *     mean X?" when one id shares more of the name's words than any other (an old name such
     *     as {@code ops-trampoline} is refused, not silently taken as {@code per-callsite-trampoline})
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> id, String what, String name) {
        for (E e : type.getEnumConstants()) {
            if (id.apply(e).equals(name.toLowerCase(Locale.ROOT)) || e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        String hint = closest(Arrays.stream(type.getEnumConstants()).map(id).toList(), name);
        throw new IllegalArgumentException("unknown " + what + " '" + name + "': expected one of "
                + Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(", "))
                + (hint.isEmpty() ? "" : " (did you mean " + hint + "?)"));
    }

    /**
     * The id sharing the most letters of whole words with {@code name} (a word matches when one is
     * a prefix of the other, at least 4 letters: {@code tramp} and {@code trampoline}), if one
     * alone scores best; else empty.
     */
    static String closest(List<String> ids, String name) {
        String best = "";
        int bestScore = 0;
        boolean tie = false;
        for (String candidate : ids) {
            int score = 0;
            for (String w : name.toLowerCase(Locale.ROOT).split("[-_ ]+")) {
                for (String c : candidate.split("-")) {
                    if (Math.min(w.length(), c.length()) >= 4 && (w.startsWith(c) || c.startsWith(w))) {
                        score += Math.min(w.length(), c.length());
                        break;
                    }
                }
            }
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
                tie = false;
            } else if (score == bestScore && score > 0) {
                tie = true;
            }
        }
        return tie ? "" : best;
    }
}
