package dev.ftracelab.board;

import dev.ftracelab.board.BoardRows.Row;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Resources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The POSIX shell script a board owner runs as root to measure the kernel's ftrace-ops sample
 * on their board: it loads the module with each row's {@code nr_ops_relevant},
 * {@code nr_ops_irrelevant} and {@code nr_function_calls}, {@code runs} times, and collects the
 * kernel log lines of every load into one file that {@code ftrace-lab import} reads. The
 * script's own header says what it does, needs, takes and writes; the text is the template
 * {@code /dev/ftracelab/board/ftrace-ops-board.sh} with the rows filled in.
 *
 * <pre>{@code
 * String sh = BoardScript.builder().rows(BoardRows.parse("R1-I0,R1-I10")).runs(5).build().text();
 * }</pre>
 *
 * @param rows        the rows to load, baselines first ({@link BoardRows#withBaselines})
 * @param runs        loads per row
 * @param calls       {@code nr_function_calls} of every load
 * @param generatedBy the toolkit and version, for the header
 * @param arguments   the {@code board-script} arguments that wrote it, for the header
 */
public record BoardScript(List<Row> rows, int runs, long calls, String generatedBy, String arguments) {
    /** Loads per row at most: enough for any spread, and it keeps a typo from running for days. */
    public static final int MAX_RUNS = 1000;
    /**
     * Calls per load at most. The sample's {@code nr_function_calls} is an unsigned int; 10^8
     * calls through 200 ops already take minutes per load on a board.
     */
    public static final long MAX_CALLS = 100_000_000L;
    /** The sample's default {@code nr_function_calls}, which the published rows used. */
    public static final long DEFAULT_CALLS = 100_000L;
    /** Loads per row unless told otherwise. */
    public static final int DEFAULT_RUNS = 5;

    private static final String TEMPLATE = "/dev/ftracelab/board/ftrace-ops-board.sh";
    private static final int WIDTH = 72;

    public BoardScript {
        rows = List.copyOf(rows);
        Objects.requireNonNull(generatedBy, "generatedBy");
        Objects.requireNonNull(arguments, "arguments");
        if (arguments.contains("\n") || generatedBy.contains("\n")) {
            throw new IllegalArgumentException("the header's texts are one line each");
        }
        if (rows.isEmpty()) {
            throw new BadInputException("board-script: expected at least one row");
        }
        if (runs < 1 || runs > MAX_RUNS) {
            throw new BadInputException("--runs: expected 1 to " + MAX_RUNS + ", got " + runs);
        }
        if (calls < 1 || calls > MAX_CALLS) {
            throw new BadInputException("--calls: expected 1 to " + MAX_CALLS + ", got " + calls);
        }
    }

    /** A builder with the defaults: 5 runs of 100,000 calls. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loads the script makes: rows x runs. */
    public int loads() {
        return rows.size() * runs;
    }

    /** Ops registered over the whole run (sum of R + I over the loads). */
    public long opsRegistered() {
        return rows.stream().mapToLong(r -> (long) r.relevant() + r.irrelevant()).sum() * runs;
    }

    /** The script. */
    public String text() {
        String t = new String(Resources.read(TEMPLATE), StandardCharsets.UTF_8);
        List<String> ids = rows.stream().map(Row::id).toList();
        List<String> pairs = rows.stream().map(r -> r.relevant() + "/" + r.irrelevant()).toList();
        return t.replace("@ARGS@", arguments)
                .replace("@TOOLKIT@", generatedBy)
                .replace("@LOADS@", Integer.toString(loads()))
                .replace("@RUNS@", Integer.toString(runs))
                .replace("@CALLS@", Long.toString(calls))
                .replace("@OPS@", Long.toString(opsRegistered()))
                .replace("@ROW_COMMENT@", String.join("\n", fill(ids, "#     ")))
                .replace("@ROWS@", String.join("\n", fill(pairs, "")));
    }

    /** Words joined by blanks into lines of at most 72 columns, each starting with {@code prefix}. */
    private static List<String> fill(List<String> words, String prefix) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(prefix);
        for (String w : words) {
            if (line.length() > prefix.length() && line.length() + 1 + w.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(prefix);
            }
            if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(w);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Collects the script's settings; rows are completed with their baselines on build. */
    public static final class Builder {
        private List<Row> rows = List.of();
        private int runs = DEFAULT_RUNS;
        private long calls = DEFAULT_CALLS;
        private String generatedBy = "ftrace-lab";
        private String arguments = "";

        private Builder() {
        }

        /** The rows to measure; the untraced baselines are added in front. */
        public Builder rows(List<Row> rows) {
            this.rows = List.copyOf(rows);
            return this;
        }

        public Builder runs(int runs) {
            this.runs = runs;
            return this;
        }

        public Builder calls(long calls) {
            this.calls = calls;
            return this;
        }

        /** E.g. "ftrace-lab 0.1 (commit abc)". */
        public Builder generatedBy(String generatedBy) {
            this.generatedBy = generatedBy;
            return this;
        }

        /** The command line that wrote the script, e.g. "--rows published". */
        public Builder arguments(String arguments) {
            this.arguments = arguments;
            return this;
        }

        /** @throws BadInputException for no rows, or runs or calls out of range */
        public BoardScript build() {
            if (rows.isEmpty()) {
                throw new BadInputException("board-script: expected at least one row");
            }
            return new BoardScript(BoardRows.withBaselines(rows), runs, calls, generatedBy, arguments);
        }
    }
}
