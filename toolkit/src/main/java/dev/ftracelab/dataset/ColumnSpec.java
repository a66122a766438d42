package dev.ftracelab.dataset;

import java.util.Objects;

/**
 * One expected column of a typed CSV dataset: its header name, value type, and whether an empty
 * cell is allowed.
 *
 * <pre>{@code
 * ColumnSpec.integer("relevant").nonNegative()
 * ColumnSpec.longInteger("size").nonNegative().atMost(1L << 32)
 * }</pre>
 *
 * @param name        header name, matched exactly
 * @param type        the value type every non-empty cell must parse as
 * @param nullable    whether an empty cell (a missing value) is allowed
 * @param rejectsNegative whether numbers below zero are rejected
 * @param max         the largest value accepted in an integer column ({@link Long#MAX_VALUE}: no bound)
 */
public record ColumnSpec(String name, Type type, boolean nullable, boolean rejectsNegative, long max) {

    /** The value types a dataset column can hold. */
    public enum Type {
        STRING("text"), INTEGER("an integer"), LONG("an integer"), DOUBLE("a number"),
        /** A 64-bit address as unsigned hex ({@code 0xffffffff80002000}); read into a long (bits as is). */
        ADDRESS("an address (0x hex)");

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

    /** A column without an upper bound. */
    public ColumnSpec(String name, Type type, boolean nullable, boolean rejectsNegative) {
        this(name, type, nullable, rejectsNegative, Long.MAX_VALUE);
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

    /**
     * A 64-bit address, written {@code 0x} + hex; kernel addresses have the top bit set, which a
     * signed decimal would print as a negative number. A plain decimal is still read (older files).
     */
    public static ColumnSpec address(String name) {
        return new ColumnSpec(name, Type.ADDRESS, false, false);
    }

    /** How {@link #address} columns are written: {@code 0x} and lower-case hex, unsigned. */
    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    public static ColumnSpec number(String name) {
        return new ColumnSpec(name, Type.DOUBLE, false, false);
    }

    /** The same column, allowing empty cells. */
    public ColumnSpec optional() {
        return new ColumnSpec(name, type, true, rejectsNegative, max);
    }

    /** The same column, rejecting negative numbers. */
    public ColumnSpec nonNegative() {
        return new ColumnSpec(name, type, nullable, true, max);
    }

    /**
     * The same integer column, rejecting values above {@code max} (a size no real input has,
     * which would overflow the sums made of it).
     */
    public ColumnSpec atMost(long max) {
        if (type != Type.INTEGER && type != Type.LONG) {
            throw new IllegalArgumentException("atMost: only integer columns have an upper bound, not " + type);
        }
        return new ColumnSpec(name, type, nullable, rejectsNegative, max);
    }
}
