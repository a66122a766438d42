package dev.ftracelab.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML or JSON syntax error as a {@link BadInputException} that keeps the parser's line and
 * column ({@code plan.yaml:4:3: ...}), with the parser's problem rather than its context line.
 *
 * <pre>{@code
 * try { tree = mapper.readTree(text); }
 * catch (JsonProcessingException e) { throw YamlErrors.located(source, e, "not a YAML or JSON plan"); }
 * // -> plan.yaml:2:1: not a YAML or JSON plan: expected ',' or ']', but got <stream end>
 * }</pre>
 */
public final class YamlErrors {
    private YamlErrors() {
    }

    /** {@code e} located in {@code source}; {@code what} says what the input should have been. */
    public static BadInputException located(String source, JsonProcessingException e, String what) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException y) {
                // SnakeYAML: the problem and where it is ("expected ',' or ']'"), the context is secondary
                Mark m = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                String problem = y.getProblem() != null ? y.getProblem() : y.getContext();
                String at = m == null ? null : (m.getLine() + 1) + ":" + (m.getColumn() + 1);
                return new BadInputException(source, at, what + ": " + firstLine(problem));
            }
        }
        JsonLocation l = e.getLocation();
        String at = null;
        if (l != null && l.getLineNr() >= 1) {
            at = l.getColumnNr() >= 1 ? l.getLineNr() + ":" + l.getColumnNr() : Integer.toString(l.getLineNr());
        }
        return new BadInputException(source, at, what + ": " + firstLine(e.getOriginalMessage()));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }
}
