package dev.ftracelab.report;

import dev.ftracelab.util.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * XChart plots for results: lines (with optional error bars and log axes), bars and grouped bars,
 * rendered headless to PNG with the provenance stamp printed under the plot.
 *
 * <pre>{@code
 * XYChart c = Charts.line("Per-call cost vs number of ops")
 *         .xAxis("ops").yAxis("ns per call").logX().logY()
 *         .series("before", new double[] {1, 10, 100}, new double[] {64.7, 237.9, 1064.4})
 *         .build();
 * Charts.writePng(c, Provenance.capture(), Path.of("build/plot.png"));
 * }</pre>
 */
public final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 480;
    private static final int STAMP_LINE = 13;

    private Charts() {
    }

    /** Starts a line chart (XY series). */
    public static LineBuilder line(String title) {
        return new LineBuilder(title);
    }

    /** Starts a bar chart; with more than one series it is a grouped bar chart. */
    public static BarBuilder bars(String title) {
        return new BarBuilder(title);
    }

    /** The chart as an image, without stamp (for notebook display). */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The chart with the provenance stamp drawn underneath, wrapped to the image width. */
    public static BufferedImage stampedImage(Chart<?, ?> chart, Provenance provenance) {
        BufferedImage plot = image(chart);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        Graphics2D probe = plot.createGraphics();
        List<String> lines = wrap(provenance.oneLine(), probe.getFontMetrics(font), plot.getWidth() - 8);
        probe.dispose();
        BufferedImage out = new BufferedImage(plot.getWidth(), plot.getHeight() + STAMP_LINE * lines.size() + 4,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(plot, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.DARK_GRAY);
            g.setFont(font);
            for (int i = 0; i < lines.size(); i++) {
                g.drawString(lines.get(i), 4, plot.getHeight() + STAMP_LINE * (i + 1));
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Breaks the " | "-separated stamp into lines no wider than {@code width} pixels; a part
     * wider than that on its own (a long parameter list) breaks after its commas.
     */
    static List<String> wrap(String stamp, java.awt.FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : stamp.split(" \\| ")) {
            String candidate = line.length() == 0 ? part : line + " | " + part;
            if (line.length() > 0 && fm.stringWidth(candidate) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(part);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
            while (fm.stringWidth(line.toString()) > width) {
                int cut = lastFitting(line, ", ", fm, width);
                if (cut <= 0) {
                    cut = lastFitting(line, " ", fm, width) - 1; // a long value: break at a blank
                }
                if (cut <= 0) {
                    // one long word (a path): break it where the width ends, nothing is cut off
                    int n = line.length();
                    while (n > 1 && fm.stringWidth(line.substring(0, n)) > width) {
                        n--;
                    }
                    lines.add(line.substring(0, n));
                    line.delete(0, n);
                    continue;
                }
                lines.add(line.substring(0, cut + 1));
                line.delete(0, cut + 2);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** The last index of {@code sep} in {@code line} whose text before it (and sep's first char) fits, or -1. */
    private static int lastFitting(CharSequence line, String sep, java.awt.FontMetrics fm, int width) {
        String l = line.toString();
        int cut = l.length();
        do {
            cut = l.lastIndexOf(sep, cut - 1);
        } while (cut > 0 && fm.stringWidth(l.substring(0, cut + 1)) > width);
        return cut;
    }

    /** PNG bytes of {@link #stampedImage}. */
    public static byte[] png(Chart<?, ?> chart, Provenance provenance) {
        return png(stampedImage(chart, provenance));
    }

    /** PNG bytes of any image. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the stamped PNG atomically. */
    public static void writePng(Chart<?, ?> chart, Provenance provenance, Path file) {
        AtomicFiles.writeBytes(file, png(chart, provenance));
    }

    // 16 distinguishable colours (XChart's default palette repeats after 8, which a mix chart exceeds).
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207), new Color(174, 199, 232), new Color(255, 187, 120),
        new Color(152, 223, 138), new Color(255, 152, 150), new Color(197, 176, 213), new Color(0, 0, 0)
    };

    /**
     * A log axis tick as a plain number with thousands separators ({@code 10,000}, {@code 0.5}):
     * XChart's default mixes {@code 1E4} with {@code 1000} on the same axis.
     */
    static String plain(double v) {
        java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0.###",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        return f.format(v);
    }

    /**
     * One legend name for series with the same values: the words they share once, the ones
     * that differ joined by " = ", e.g. {@code riscv64 nop-nop = atomic, list: 1 relevant}.
     */
    static String mergedName(List<String> names) {
        List<String[]> words = names.stream().map(n -> n.split(" ")).toList();
        String[] w0 = words.get(0);
        int shortest = words.stream().mapToInt(w -> w.length).min().orElse(0);
        int head = 0;
        while (head < shortest) {
            final int i = head;
            if (!words.stream().allMatch(w -> w[i].equals(w0[i]))) {
                break;
            }
            head++;
        }
        int tail = 0;
        while (tail < shortest - head) {
            final int i = tail;
            if (!words.stream().allMatch(w -> w[w.length - 1 - i].equals(w0[w0.length - 1 - i]))) {
                break;
            }
            tail++;
        }
        List<String> middles = new ArrayList<>();
        for (String[] w : words) {
            middles.add(String.join(" ", java.util.Arrays.copyOfRange(w, head, w.length - tail)));
        }
        String first = String.join(" ", java.util.Arrays.copyOfRange(w0, 0, head));
        String last = String.join(" ", java.util.Arrays.copyOfRange(w0, w0.length - tail, w0.length));
        return (first + " " + String.join(" = ", middles) + " " + last).trim().replaceAll(" +", " ");
    }

    /**
     * A legend name longer than 52 characters broken into lines of at most 52: first at the last
     * ": " that keeps the first line at least half that long, else at a blank; the rest at blanks,
     * indented.
     */
    static String legendLines(String name) {
        int max = 52;
        if (name.length() <= max) {
            return name;
        }
        int cut = name.lastIndexOf(": ", max);
        String rest;
        StringBuilder b = new StringBuilder();
        if (cut >= max / 2) {
            b.append(name, 0, cut);
            rest = name.substring(cut + 2);
        } else {
            cut = name.lastIndexOf(' ', max);
            if (cut <= 0) {
                return name;
            }
            b.append(name, 0, cut);
            rest = name.substring(cut + 1);
        }
        while (rest.length() > max - 2) {
            int c = rest.lastIndexOf(' ', max - 2);
            if (c <= 0) {
                break;
            }
            b.append("\n  ").append(rest, 0, c);
            rest = rest.substring(c + 1);
        }
        return b.append("\n  ").append(rest).toString();
    }

    /** Which side of its point a {@link Note}'s text goes. */
    public enum Side { ABOVE, BELOW, LEFT, RIGHT }

    /**
     * A short text pinned to a point of the plot, for a number the reader should not have to
     * read off an axis ({@code "CALL_OPS: ~2.8 ns at any number of irrelevant ops"}). Lines
     * break at {@code \n}.
     *
     * @param text the note
     * @param x    on a line chart the x value; on a bar chart the category index, with the
     *             fraction placing it over one bar of the group ({@code 0.5} = the group's centre)
     * @param y    the y value
     * @param side where the text goes from the point
     */
    public record Note(String text, double x, double y, Side side) {
        public Note {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a note needs a text");
            }
        }
    }

    /** The notes a chart was built with (its {@link Note} annotations), in the order added. */
    static List<Note> notes(Chart<?, ?> chart) {
        try {
            java.lang.reflect.Field f = org.knowm.xchart.internal.chartpart.AxesChart.class.getDeclaredField("annotations");
            f.setAccessible(true);
            List<Note> out = new ArrayList<>();
            for (Object a : (List<?>) f.get(chart)) {
                if (a instanceof NoteAnnotation n) {
                    out.add(n.note);
                }
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("XChart no longer keeps its annotations in 'annotations'", e);
        }
    }

    /**
     * Draws a {@link Note}: XChart's {@code AnnotationText} centres its text on the point and
     * lets it run off the plot; this one puts it beside the point, on a white ground so grid
     * lines do not cross it, and keeps it inside the plot area.
     */
    private static final class NoteAnnotation extends org.knowm.xchart.internal.chartpart.Annotation {
        private static final Font FONT = new Font(Font.SANS_SERIF, Font.BOLD, 11);
        private static final int GAP = 6;
        private final Note note;
        private final int categories; // > 0 on a bar chart: x is in category units

        NoteAnnotation(Note note, int categories) {
            super(false);
            this.note = note;
            this.categories = categories;
        }

        @Override
        public void paint(Graphics2D g) {
            double left = getXAxisScreenValueForMin();
            double right = getXAxisScreenValueForMax();
            double top = getYAxisScreenValueForMax();
            double bottom = getYAxisScreenValueForMin();
            double px;
            if (categories > 0) {
                // the categories share the middle plotContentSize of the plot's width
                double content = (right - left) * styler.getPlotContentSize();
                px = left + ((right - left) - content) / 2 + content * note.x() / categories;
            } else {
                px = getXAxisScreenValue(note.x());
            }
            double py = getYAxisScreenValue(note.y());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(FONT);
            java.awt.FontMetrics fm = g.getFontMetrics();
            String[] lines = note.text().split("\n");
            int w = java.util.Arrays.stream(lines).mapToInt(fm::stringWidth).max().orElse(0);
            int h = fm.getHeight() * lines.length;
            double x = switch (note.side()) {
                case ABOVE, BELOW -> px - w / 2.0;
                case LEFT -> px - GAP - w;
                case RIGHT -> px + GAP;
            };
            double y = switch (note.side()) {
                case ABOVE -> py - GAP - h;
                case BELOW -> py + GAP;
                case LEFT, RIGHT -> py - h / 2.0;
            };
            x = Math.max(Math.min(left, right) + 2, Math.min(x, Math.max(left, right) - 2 - w));
            y = Math.max(Math.min(top, bottom) + 2, Math.min(y, Math.max(top, bottom) - 2 - h));
            g.setColor(new Color(255, 255, 255, 215));
            g.fillRect((int) x - 2, (int) y, w + 4, h);
            g.setColor(Color.BLACK);
            for (int i = 0; i < lines.length; i++) {
                g.drawString(lines[i], (int) x, (int) y + fm.getAscent() + i * fm.getHeight());
            }
            bounds = new java.awt.geom.Rectangle2D.Double(x - 2, y, w + 4, h);
        }
    }

    /**
     * Shrinks the title font until {@code title} fits over the plot area of a {@code width}
     * pixel chart (XChart centres it there and cuts it off at the image edge).
     */
    private static void fitTitle(org.knowm.xchart.style.Styler s, String title, int width) {
        Font f = s.getChartTitleFont();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        try {
            while (f.getSize2D() > 9 && g.getFontMetrics(f).stringWidth(title) > width - 110) {
                f = f.deriveFont(f.getSize2D() - 1);
            }
        } finally {
            g.dispose();
        }
        s.setChartTitleFont(f);
    }

    private static void style(org.knowm.xchart.style.AxesChartStyler s) {
        s.setSeriesColors(PALETTE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setChartTitleBoxVisible(false);
    }

    /** Builds an {@link XYChart}; series appear in the order they are added. */
    public static final class LineBuilder {
        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private boolean logX;
        private boolean logY;
        private int width = WIDTH;
        private int height = HEIGHT;
        private final Map<String, double[][]> series = new LinkedHashMap<>();
        private final Map<String, double[][]> bands = new LinkedHashMap<>();
        /** How a series is drawn when not as a line with markers. */
        private enum Look { GUIDE, DASHED_GUIDE, POINTS }
        private final Map<String, Look> looks = new LinkedHashMap<>();
        private final List<Note> notes = new ArrayList<>();

        private LineBuilder(String title) {
            this.title = title;
        }

        public LineBuilder xAxis(String label) {
            this.xLabel = label;
            return this;
        }

        public LineBuilder yAxis(String label) {
            this.yLabel = label;
            return this;
        }

        /** Logarithmic x axis; every x value must then be positive. */
        public LineBuilder logX() {
            this.logX = true;
            return this;
        }

        /** Logarithmic y axis; every y value (minus its error) must then be positive. */
        public LineBuilder logY() {
            this.logY = true;
            return this;
        }

        public LineBuilder size(int widthPx, int heightPx) {
            this.width = widthPx;
            this.height = heightPx;
            return this;
        }

        /** A series of points. */
        public LineBuilder series(String name, double[] x, double[] y) {
            return series(name, x, y, null);
        }

        /** A series of points with symmetric error bars (e.g. a 99.9% confidence half-width). */
        public LineBuilder series(String name, double[] x, double[] y, double[] error) {
            if (x.length != y.length || (error != null && error.length != y.length)) {
                throw new IllegalArgumentException("series '" + name + "': x, y and error must have the same length");
            }
            if (series.containsKey(name)) {
                throw new IllegalArgumentException("series '" + name + "' added twice");
            }
            series.put(name, new double[][] {x.clone(), y.clone(), error == null ? null : error.clone()});
            return this;
        }

        /**
         * A reference line without markers, in grey (dashed if asked): {@code y = x}, a ±25%
         * line. It takes no colour from the data series.
         */
        public LineBuilder guide(String name, double[] x, double[] y, boolean dashed) {
            series(name, x, y);
            looks.put(name, dashed ? Look.DASHED_GUIDE : Look.GUIDE);
            return this;
        }

        /**
         * A note at ({@code x}, {@code y}) in axis units, e.g. the value of a flat line:
         * {@code note("CALL_OPS: ~2.8 ns at any number of irrelevant ops", 10, 2.8, Side.ABOVE)}.
         */
        public LineBuilder note(String text, double x, double y, Side side) {
            notes.add(new Note(text, x, y, side));
            return this;
        }

        /** A series of unconnected points (a scatter). */
        public LineBuilder points(String name, double[] x, double[] y) {
            series(name, x, y);
            looks.put(name, Look.POINTS);
            return this;
        }

        /**
         * A shaded interval around series {@code of} (added before or after it): the area
         * between {@code low} and {@code high} at each {@code x}, in the series' colour. For
         * asymmetric intervals, such as a modelled figure's, where error bars would not do.
         */
        public LineBuilder band(String of, double[] x, double[] low, double[] high) {
            if (x.length != low.length || x.length != high.length) {
                throw new IllegalArgumentException("band of '" + of + "': x, low and high must have the same length");
            }
            for (int i = 0; i < x.length; i++) {
                if (!(low[i] <= high[i])) {
                    throw new IllegalArgumentException("band of '" + of + "' point " + i + ": low " + low[i]
                            + " is above high " + high[i]);
                }
            }
            bands.put(of, new double[][] {x.clone(), low.clone(), high.clone()});
            return this;
        }

        /**
         * One series per distinct value of {@code seriesColumn} (in first-seen order), plotting
         * {@code yColumn} against {@code xColumn}; rows with a missing x or y are left out.
         */
        public LineBuilder seriesFromTable(Table table, String xColumn, String yColumn, String seriesColumn) {
            NumericColumn<?> xs = table.numberColumn(xColumn);
            NumericColumn<?> ys = table.numberColumn(yColumn);
            Map<String, List<double[]>> points = new LinkedHashMap<>();
            for (int r = 0; r < table.rowCount(); r++) {
                if (xs.isMissing(r) || ys.isMissing(r)) {
                    continue;
                }
                String key = String.valueOf(table.column(seriesColumn).get(r));
                points.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {xs.getDouble(r), ys.getDouble(r)});
            }
            points.forEach((name, pts) -> {
                double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
                series(name, x, y);
            });
            return this;
        }

        /**
         * The series to draw: data series within 5% of each other drawn once (their intervals joined), under
         * a name that says they coincide; otherwise one would hide under the other.
         */
        private Map<String, double[][]> merged(Map<String, double[][]> mergedBands) {
            Map<String, double[][]> out = new LinkedHashMap<>();
            List<String> done = new ArrayList<>();
            for (Map.Entry<String, double[][]> e : series.entrySet()) {
                String name = e.getKey();
                if (done.contains(name)) {
                    continue;
                }
                List<String> same = new ArrayList<>(List.of(name));
                if (looks.get(name) == null) {
                    for (Map.Entry<String, double[][]> o : series.entrySet()) {
                        if (!o.getKey().equals(name) && looks.get(o.getKey()) == null && !done.contains(o.getKey())
                                && sameData(e.getValue(), o.getValue())
                                && (bands.get(name) == null) == (bands.get(o.getKey()) == null)) {
                            same.add(o.getKey());
                        }
                    }
                }
                done.addAll(same);
                boolean exact = same.stream().allMatch(o -> java.util.Arrays.deepEquals(series.get(o), e.getValue()));
                String shown = same.size() == 1 ? name
                        : mergedName(same) + (exact ? " (same values)" : " (within 5%)");
                out.put(shown, e.getValue());
                if (bands.containsKey(name)) {
                    // the merged line's interval covers every merged series' interval
                    double[][] b = bands.get(name);
                    double[] low = b[1].clone();
                    double[] high = b[2].clone();
                    for (String o : same) {
                        double[][] ob = bands.get(o);
                        for (int i = 0; i < low.length && i < ob[1].length; i++) {
                            low[i] = Math.min(low[i], ob[1][i]);
                            high[i] = Math.max(high[i], ob[2][i]);
                        }
                    }
                    mergedBands.put(shown, new double[][] {b[0], low, high});
                }
                if (!shown.equals(name) && looks.containsKey(name)) {
                    looks.put(shown, looks.get(name));
                }
            }
            return out;
        }

        // within 5% the lines coincide on a plot this size (log axes): one would hide the other
        private static boolean sameData(double[][] a, double[][] b) {
            return java.util.Arrays.equals(a[0], b[0]) && close(a[1], b[1])
                    && (a[2] == null ? b[2] == null : b[2] != null && close(a[2], b[2]));
        }

        private static boolean close(double[] a, double[] b) {
            if (a.length != b.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (Math.abs(a[i] - b[i]) > 0.05 * Math.max(Math.abs(a[i]), Math.abs(b[i]))) {
                    return false;
                }
            }
            return true;
        }

        public XYChart build() {
            for (String of : bands.keySet()) {
                if (!series.containsKey(of)) {
                    throw new IllegalArgumentException("band of '" + of + "': no such series");
                }
            }
            Map<String, double[][]> mergedBands = new LinkedHashMap<>();
            Map<String, double[][]> mergedSeries = merged(mergedBands);
            // XChart cuts a legend entry off with "..." past about half the chart's width: long
            // names go on two lines instead
            Map<String, double[][]> series = new LinkedHashMap<>();
            Map<String, double[][]> bands = new LinkedHashMap<>();
            mergedSeries.forEach((name, s) -> {
                String shown = legendLines(name);
                series.put(shown, s);
                if (mergedBands.containsKey(name)) {
                    bands.put(shown, mergedBands.get(name));
                }
                if (!shown.equals(name) && looks.containsKey(name)) {
                    looks.put(shown, looks.get(name));
                }
            });
            // many or long names hide the data (and get cut off) inside the plot: the legend
            // goes below it then, with its own room, a line per series
            boolean below = !bands.isEmpty() || series.size() > 4
                    || series.keySet().stream().anyMatch(n -> n.length() > 34);
            int lines = series.keySet().stream().mapToInt(n -> n.split("\n").length).sum();
            int tall = below ? height + 18 * lines : height;
            XYChart chart = new XYChartBuilder().width(width).height(tall).title(title)
                    .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            style(chart.getStyler());
            fitTitle(chart.getStyler(), title, width);
            chart.getStyler().setXAxisLogarithmic(logX);
            chart.getStyler().setYAxisLogarithmic(logY);
            if (logX) {
                chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::plain);
            }
            if (logY) {
                chart.getStyler().setyAxisTickLabelsFormattingFunction(Charts::plain);
            }
            chart.getStyler().setErrorBarsColorSeriesColor(true);
            chart.getStyler().setMarkerSize(7);
            if (below) {
                chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
                chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
            }
            Color[] palette = chart.getStyler().getSeriesColors();
            int index = 0;
            for (Map.Entry<String, double[][]> e : series.entrySet()) {
                String name = e.getKey();
                double[][] s = e.getValue();
                checkLog(name, s[0], null, logX, "x");
                checkLog(name, s[1], s[2], logY, "y");
                Look look = looks.get(name);
                if (look == Look.GUIDE || look == Look.DASHED_GUIDE) {
                    XYSeries g = chart.addSeries(name, s[0], s[1]);
                    g.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    g.setMarker(SeriesMarkers.NONE);
                    g.setLineColor(look == Look.GUIDE ? Color.DARK_GRAY : Color.GRAY);
                    if (look == Look.DASHED_GUIDE) {
                        g.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                                new float[] {6f, 4f}, 0f));
                    }
                    continue;
                }
                Color color = palette[index++ % palette.length];
                double[][] b = bands.get(name);
                if (b != null) {
                    checkLog(name + " interval", b[0], null, logX, "x");
                    checkLog(name + " interval", b[1], null, logY, "y");
                    // a closed polygon: along the upper edge, back along the lower one
                    int n = b[0].length;
                    double[] px = new double[2 * n];
                    double[] py = new double[2 * n];
                    for (int i = 0; i < n; i++) {
                        px[i] = b[0][i];
                        py[i] = b[2][i];
                        px[2 * n - 1 - i] = b[0][i];
                        py[2 * n - 1 - i] = b[1][i];
                    }
                    XYSeries area = chart.addSeries(name + " interval", px, py);
                    area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                    area.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 36));
                    area.setLineColor(new Color(0, 0, 0, 0));
                    area.setMarker(SeriesMarkers.NONE);
                    area.setShowInLegend(false);
                }
                XYSeries xy = s[2] == null ? chart.addSeries(name, s[0], s[1]) : chart.addSeries(name, s[0], s[1], s[2]);
                xy.setXYSeriesRenderStyle(look == Look.POINTS ? XYSeries.XYSeriesRenderStyle.Scatter
                        : XYSeries.XYSeriesRenderStyle.Line);
                xy.setLineColor(color);
                xy.setMarkerColor(color);
            }
            for (Note n : notes) {
                checkLog("note '" + n.text() + "'", new double[] {n.x()}, null, logX, "x");
                checkLog("note '" + n.text() + "'", new double[] {n.y()}, null, logY, "y");
                chart.addAnnotation(new NoteAnnotation(n, 0));
            }
            return chart;
        }

        private static void checkLog(String name, double[] v, double[] err, boolean log, String axis) {
            if (!log) {
                return;
            }
            for (int i = 0; i < v.length; i++) {
                double low = v[i] - (err == null ? 0 : err[i]);
                if (!(low > 0)) {
                    throw new IllegalArgumentException("series '" + name + "' point " + i + ": " + axis + " = "
                            + v[i] + (err == null ? "" : " - " + err[i]) + " cannot be shown on a log " + axis + " axis");
                }
            }
        }
    }

    /** Builds a {@link CategoryChart}: bars, grouped when there are several series. */
    public static final class BarBuilder {
        private static final double BAR_FILL = 0.9; // XChart's default availableSpaceFill
        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private boolean logY;
        private boolean stacked;
        private int width = WIDTH;
        private int height = HEIGHT;
        private List<String> categories = List.of();
        private final Map<String, double[][]> series = new LinkedHashMap<>();
        /** Notes waiting for the bars' positions: text, category, the series it stands over, y, side. */
        private record BarNote(String text, String category, List<String> over, double y, Side side) {
        }
        private final List<BarNote> notes = new ArrayList<>();

        private BarBuilder(String title) {
            this.title = title;
        }

        public BarBuilder xAxis(String label) {
            this.xLabel = label;
            return this;
        }

        public BarBuilder yAxis(String label) {
            this.yLabel = label;
            return this;
        }

        public BarBuilder logY() {
            this.logY = true;
            return this;
        }

        /** Stacks the series in one bar per category (e.g. an instruction mix); not with a log axis. */
        public BarBuilder stacked() {
            this.stacked = true;
            return this;
        }

        public BarBuilder size(int widthPx, int heightPx) {
            this.width = widthPx;
            this.height = heightPx;
            return this;
        }

        /** The bar labels along the x axis, shared by every series. */
        public BarBuilder categories(List<String> labels) {
            this.categories = List.copyOf(labels);
            return this;
        }

        /** One value per category. */
        public BarBuilder series(String name, double[] values) {
            return series(name, values, null);
        }

        /** One value and error per category. */
        public BarBuilder series(String name, double[] values, double[] error) {
            if (error != null && error.length != values.length) {
                throw new IllegalArgumentException("series '" + name + "': values and error must have the same length");
            }
            series.put(name, new double[][] {values.clone(), error == null ? null : error.clone()});
            return this;
        }

        /** A note over the middle of a category's group of bars, at {@code y}. */
        public BarBuilder note(String text, String category, double y, Side side) {
            return note(text, category, List.of(), y, side);
        }

        /**
         * A note over the bars of series {@code over} in {@code category} (their centre), at
         * {@code y}: {@code note("UNSAFE", "riscv-nop-nop", List.of("enable", "retarget"), 600, Side.ABOVE)}.
         * With no series named, over the whole group.
         */
        public BarBuilder note(String text, String category, List<String> over, double y, Side side) {
            new Note(text, 0, y, side); // checks the text
            notes.add(new BarNote(text, category, List.copyOf(over), y, side));
            return this;
        }

        public CategoryChart build() {
            // labels wider than their share of the axis overlap their neighbours: they slant, and
            // the chart grows by their height so the plot keeps its size
            int labelChars = categories.stream().mapToInt(String::length).max().orElse(0);
            boolean slant = categories.size() > 6 || labelChars * 8 > (width - 120) / Math.max(1, categories.size());
            int tall = slant && categories.size() <= 6 ? height + labelChars * 5 : height;
            CategoryChart chart = new CategoryChartBuilder().width(width).height(tall).title(title)
                    .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            style(chart.getStyler());
            if (stacked && logY) {
                throw new IllegalArgumentException("a stacked bar chart cannot have a log axis");
            }
            fitTitle(chart.getStyler(), title, width);
            chart.getStyler().setYAxisLogarithmic(logY);
            if (logY) {
                chart.getStyler().setyAxisTickLabelsFormattingFunction(Charts::plain);
            }
            chart.getStyler().setStacked(stacked);
            chart.getStyler().setAvailableSpaceFill(BAR_FILL);
            chart.getStyler().setErrorBarsColorSeriesColor(true);
            // a series that is zero in every category draws nothing but a legend entry
            Map<String, double[][]> series = new LinkedHashMap<>();
            this.series.forEach((name, s) -> {
                if (this.series.size() == 1 || java.util.Arrays.stream(s[0]).anyMatch(v -> v != 0)) {
                    series.put(name, s);
                }
            });
            chart.getStyler().setLegendVisible(series.size() > 1);
            if (!notes.isEmpty() && !stacked && series.size() <= 5) {
                // notes stand in the free space above the bars, where a legend inside would be
                chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
                chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            } else if (series.size() > 5 || stacked) {
                // a stack fills its bars to the top: a legend inside would cover the tallest
                chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            }
            if (slant) {
                chart.getStyler().setXAxisLabelRotation(45);
                chart.getStyler().setXAxisTickMarkSpacingHint(10); // else XChart drops every other label
            }
            double lowest = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, double[][]> e : series.entrySet()) {
                double[][] s = e.getValue();
                if (s[0].length != categories.size()) {
                    throw new IllegalArgumentException("series '" + e.getKey() + "' has " + s[0].length
                            + " values for " + categories.size() + " categories");
                }
                LineBuilder.checkLog(e.getKey(), s[0], s[1], logY, "y");
                for (int i = 0; i < s[0].length; i++) {
                    lowest = Math.min(lowest, s[0][i] - (s[1] == null ? 0 : s[1][i]));
                }
            }
            // a note above the tallest bar (below the lowest) needs room inside the plot, where
            // XChart would end the axis at the bar
            double top = notes.stream().filter(n -> n.side() == Side.ABOVE).mapToDouble(BarNote::y).max().orElse(Double.NaN);
            double bottom = notes.stream().filter(n -> n.side() == Side.BELOW).mapToDouble(BarNote::y).min().orElse(Double.NaN);
            double highest = 0;
            for (int i = 0; i < categories.size(); i++) {
                double stack = 0;
                for (double[][] v : series.values()) {
                    highest = Math.max(highest, v[0][i]);
                    stack += Math.max(0, v[0][i]);
                }
                highest = stacked ? Math.max(highest, stack) : highest;
            }
            if (!Double.isNaN(top)) {
                double room = logY ? top * 4 : top + 0.12 * Math.abs(top - Math.min(0, lowest));
                if (room > highest) {
                    chart.getStyler().setYAxisMax(room);
                }
            }
            if (!Double.isNaN(bottom) && bottom < 0 && !logY) {
                chart.getStyler().setYAxisMin(bottom - 0.12 * Math.abs(Math.max(0, top) - bottom));
            }
            if (logY && lowest < Double.POSITIVE_INFINITY) {
                // Bars grow from the axis minimum, which XChart puts at 0 unless told otherwise.
                chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lowest))));
            }
            List<String> shown = List.copyOf(series.keySet());
            for (BarNote n : notes) {
                int c = categories.indexOf(n.category());
                if (c < 0) {
                    throw new IllegalArgumentException("note '" + n.text() + "': no category '" + n.category() + "'");
                }
                LineBuilder.checkLog("note '" + n.text() + "'", new double[] {n.y()}, null, logY, "y");
                double x = c + 0.5;
                if (!n.over().isEmpty() && !stacked) {
                    // XChart gives a group BAR_FILL of its category's width, split evenly between the series
                    double sum = 0;
                    for (String o : n.over()) {
                        int k = shown.indexOf(o);
                        if (k < 0) {
                            throw new IllegalArgumentException("note '" + n.text() + "': no series '" + o + "' drawn");
                        }
                        sum += ((k + 0.5) / shown.size() - 0.5) * BAR_FILL;
                    }
                    x += sum / n.over().size();
                }
                chart.addAnnotation(new NoteAnnotation(new Note(n.text(), x, n.y(), n.side()), categories.size()));
            }
            series.forEach((name, s) -> {
                List<Double> ys = java.util.Arrays.stream(s[0]).boxed().toList();
                if (s[1] == null) {
                    chart.addSeries(name, categories, ys);
                } else {
                    chart.addSeries(name, categories, ys, java.util.Arrays.stream(s[1]).boxed().toList());
                }
            });
            return chart;
        }
    }
}
