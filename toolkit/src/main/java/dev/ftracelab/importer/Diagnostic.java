package dev.ftracelab.importer;

import java.util.Objects;

/**
 * Something the importer could not read, or wants the reader to know, at a place in an input:
 * {@code vf2.log:212: expected 'Attempted N calls to ...', got '...'}. Printed one per line on
 * stderr by {@code ftrace-lab import}; the rest of the input still imports.
 *
 * <pre>{@code
 * result.diagnostics().forEach(d -> System.err.println(d));
 * boolean lost = result.diagnostics().stream().anyMatch(Diagnostic::isError);
 * }</pre>
 *
 * @param source  the input (file path as given, or the name a text was read under)
 * @param line    1-based line number, or 0 when the message is about the whole input
 * @param kind    {@link Kind#ERROR}: something was not imported; {@link Kind#NOTE}: imported, but read this
 * @param message what was wrong and what was expected
 */
public record Diagnostic(String source, int line, Kind kind, String message) {

    /** Whether something was lost. */
    public enum Kind {
        /** A line, row, run or file could not be read and is not in the dataset. */
        ERROR,
        /** Everything was read, but a choice was made the user should know about. */
        NOTE
    }

    public Diagnostic {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    static Diagnostic error(String source, int line, String message) {
        return new Diagnostic(source, line, Kind.ERROR, message);
    }

    static Diagnostic note(String source, int line, String message) {
        return new Diagnostic(source, line, Kind.NOTE, message);
    }

    /** Whether something was not imported. */
    public boolean isError() {
        return kind == Kind.ERROR;
    }

    /** {@code file:line: message}, or {@code file:line: note: message} for a note. */
    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + (kind == Kind.NOTE ? "note: " : "") + message;
    }
}
