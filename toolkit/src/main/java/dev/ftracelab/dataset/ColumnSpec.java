package dev.ftracelab.dataset;

import java.util.Objects;

/**
 * One expected column of a typed CSV dataset: its header name, value type, and whether an empty
 * cell is allowed.
 *
 * <pre>{@code
 * ColumnSpec.integer("relevant").nonNegative()
 * }</pre>
 *
 * @param name        header name, matched exactly
 * @param type        the value type every non-empty cell must parse as
 * @param nullable    whether an empty cell (a missing value) is allowed
 * @param rejectsNegative whether numbers below zero are rejected
 */
public record ColumnSpec(String name, Type type, boolean nullable, boolean rejectsNegative) {

    /** The value types a dataset column can hold. */
    public enum Type {
        STRING("text"), INTEGER("an integer"), LONG("an integer"), DOUBLE("a number");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        /** How the type reads in an error message, e.g. "an integer". */
        public String description() {
            return description;
        }
    }

    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static ColumnSpec string(String name) {
        return new ColumnSpec(name, Type.STRING, false, false);
    }

    public static ColumnSpec integer(String name) {
        return new ColumnSpec(name, Type.INTEGER, false, false);
    }

    public static ColumnSpec longInteger(String name) {
        return new ColumnSpec(name, Type.LONG, false, false);
    }

    public static ColumnSpec number(String name) {
        return new ColumnSpec(name, Type.DOUBLE, false, false);
    }

    /** The same column, allowing empty cells. */
    public ColumnSpec optional() {
        return new ColumnSpec(name, type, true, rejectsNegative);
    }

    /** The same column, rejecting negative numbers. */
    public ColumnSpec nonNegative() {
        return new ColumnSpec(name, type, nullable, true);
    }
}
