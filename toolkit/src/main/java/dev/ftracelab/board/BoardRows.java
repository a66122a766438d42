package dev.ftracelab.board;

import dev.ftracelab.dataset.PublishedMeasurements;
import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The (R, I) rows a board run measures: R relevant and I irrelevant ops of the ftrace-ops
 * sample. Parsed from {@code published} (every pair of the published datasets) or a list such
 * as {@code R1-I0,R1-I10}, then completed with the untraced baselines the overheads need.
 *
 * <pre>{@code
 * List<BoardRows.Row> rows = BoardRows.withBaselines(BoardRows.parse("R1-I10,R2-I0"));
 * // [R0-I0, R0-I10, R1-I10, R2-I0]
 * }</pre>
 */
public final class BoardRows {
    /**
     * The most ops of either kind a row may register. The sample kcallocs that many ops and
     * registers each one (a text patch and an RCU grace period apiece), so a mistyped
     * 100000 would keep the board busy for hours; the published rows stop at 200.
     */
    public static final int MAX_OPS = 10_000;

    private static final Pattern ROW = Pattern.compile("R(\\d{1,9})-I(\\d{1,9})", Pattern.CASE_INSENSITIVE);

    private BoardRows() {
    }

    /** R relevant and I irrelevant ops; {@code R0-I*} is an untraced baseline. */
    public record Row(int relevant, int irrelevant) {
        public Row {
            if (relevant < 0 || irrelevant < 0 || relevant > MAX_OPS || irrelevant > MAX_OPS) {
                throw new BadInputException("row R" + relevant + "-I" + irrelevant + ": expected 0 to " + MAX_OPS
                        + " ops of each kind");
            }
        }

        /** "R1-I10". */
        public String id() {
            return "R" + relevant + "-I" + irrelevant;
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /**
     * The rows named by {@code spec}: {@code published}, or comma-separated {@code R<r>-I<i>}
     * ids (case and blanks around commas do not matter; a repeated row counts once).
     *
     * @throws BadInputException naming the word that is not a row, or a count out of range
     */
    public static List<Row> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new BadInputException("--rows: expected 'published' or rows like R1-I0,R1-I10");
        }
        if (spec.strip().toLowerCase(Locale.ROOT).equals("published")) {
            return published(PublishedMeasurements.load());
        }
        Set<Row> rows = new LinkedHashSet<>();
        for (String word : spec.split(",", -1)) {
            Matcher m = ROW.matcher(word.strip());
            if (!m.matches()) {
                throw new BadInputException("--rows: '" + word.strip() + "' is not a row: expected R<relevant>-I<irrelevant>,"
                        + " e.g. R1-I10 (or 'published')");
            }
            rows.add(new Row(count(m.group(1), word), count(m.group(2), word)));
        }
        return List.copyOf(rows);
    }

    private static int count(String digits, String word) {
        long v = Long.parseLong(digits);
        if (v > MAX_OPS) {
            throw new BadInputException("--rows: '" + word.strip() + "': at most " + MAX_OPS + " ops of each kind, got " + v);
        }
        return (int) v;
    }

    /** Every distinct (R, I) pair of {@code pm}, in file order. */
    public static List<Row> published(PublishedMeasurements pm) {
        Table t = pm.table();
        IntColumn rel = t.intColumn("relevant");
        IntColumn irr = t.intColumn("irrelevant");
        Set<Row> rows = new LinkedHashSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            rows.add(new Row(rel.getInt(i), irr.getInt(i)));
        }
        return List.copyOf(rows);
    }

    /**
     * {@code rows} with the untraced baselines first: R0-I0, then R0-I{@code i} for every other I
     * the rows use (in order of first use; the overhead of a row with I irrelevant ops is its
     * per-call time less that baseline's), then the traced rows in their order.
     */
    public static List<Row> withBaselines(List<Row> rows) {
        Set<Row> baselines = new LinkedHashSet<>();
        baselines.add(new Row(0, 0));
        for (Row r : rows) {
            baselines.add(new Row(0, r.irrelevant()));
        }
        List<Row> out = new ArrayList<>(baselines);
        for (Row r : rows) {
            if (r.relevant() > 0) {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }
}
