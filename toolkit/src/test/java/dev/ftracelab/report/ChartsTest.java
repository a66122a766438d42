package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.dataset.PublishedMeasurements;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Tests the data behind each plot and that it renders; pixels are not compared (fragile across OSes). */
class ChartsTest {
    @Test
    void aStampLineWithoutBlanksOrCommasIsBrokenNotCutOff() {
        java.awt.FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
                .getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        String path = "/root/.cache/ftrace-lab/kernels/linux-image-7.2.13+deb14-riscv64/usr/lib/debug/boot/"
                + "vmlinux-7.2.13+deb14-riscv64".repeat(3);
        String stamp = "ftrace-lab 0.1.0 | command=answer, vmlinux_V1=" + path + " (Linux version 7.2.13) | date";
        List<String> lines = Charts.wrap(stamp, fm, 300);
        for (String l : lines) {
            assertTrue(fm.stringWidth(l) <= 300, "wider than 300 px: " + l);
        }
        assertEquals(stamp.replace(" ", "").replace("|", ""), String.join("", lines).replace(" ", "").replace("|", ""),
                "every character is kept: " + lines);
    }


    @Test
    void lineChartCarriesSeriesErrorsAndLogAxes() {
        XYChart c = Charts.line("t").xAxis("ops").yAxis("ns").logX().logY()
                .series("a", new double[] {1, 10}, new double[] {2, 20}, new double[] {0.5, 1})
                .build();
        XYSeries a = c.getSeries("a");
        assertArrayEquals(new double[] {1, 10}, a.getXData());
        assertArrayEquals(new double[] {0.5, 1}, a.getExtraValues());
        assertTrue(c.getStyler().isXAxisLogarithmic());
        assertTrue(c.getStyler().isYAxisLogarithmic());
    }

    @Test
    void aBandIsAClosedPolygonInItsSeriesColourAndOutOfTheLegend() {
        XYChart c = Charts.line("t").logY()
                .series("a", new double[] {1, 2, 3}, new double[] {2, 3, 4})
                .band("a", new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[] {4, 5, 6})
                .guide("y = x", new double[] {1, 3}, new double[] {1, 3}, true)
                .points("p", new double[] {1}, new double[] {2})
                .build();
        XYSeries band = c.getSeries("a interval");
        assertArrayEquals(new double[] {1, 2, 3, 3, 2, 1}, band.getXData());
        assertArrayEquals(new double[] {4, 5, 6, 3, 2, 1}, band.getYData(), "upper edge out, lower edge back");
        assertEquals(java.util.Optional.of(XYSeries.XYSeriesRenderStyle.PolygonArea), band.getXYSeriesRenderStyle());
        assertEquals(false, band.isShowInLegend());
        java.awt.Color line = c.getSeries("a").getLineColor();
        java.awt.Color fill = band.getFillColor();
        assertEquals(List.of(line.getRed(), line.getGreen(), line.getBlue()), List.of(fill.getRed(), fill.getGreen(),
                fill.getBlue()));
        assertTrue(fill.getAlpha() < 255, "translucent");
        assertEquals(java.util.Optional.of(XYSeries.XYSeriesRenderStyle.Scatter), c.getSeries("p").getXYSeriesRenderStyle());
        Charts.png(c, Provenance.capture());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.line("t")
                .series("a", new double[] {1}, new double[] {2})
                .band("a", new double[] {1}, new double[] {3}, new double[] {2}).build());
        assertTrue(e.getMessage().contains("low 3.0 is above high 2.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.line("t")
                .band("b", new double[] {1}, new double[] {1}, new double[] {2}).build());
    }

    @Test
    void logAxisRejectsNonPositiveValuesByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.line("t").logX()
                .series("zero", new double[] {0, 1}, new double[] {1, 1}).build());
        assertTrue(e.getMessage().contains("series 'zero' point 0: x = 0.0"), e.getMessage());
    }

    @Test
    void groupedBarsNeedOneValuePerCategory() {
        CategoryChart c = Charts.bars("t").categories(List.of("a", "b"))
                .series("x", new double[] {1, 2}).series("y", new double[] {3, 4}).build();
        assertEquals(2, c.getSeriesCollection().size());
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t").categories(List.of("a"))
                .series("x", new double[] {1, 2}).build());
    }

    @Test
    void stackedBarsStackAndRefuseALogAxis() {
        CategoryChart c = Charts.bars("mix").categories(List.of("fib", "sort")).stacked()
                .series("alu", new double[] {0.6, 0.5}).series("load", new double[] {0.4, 0.5}).build();
        assertTrue(c.getStyler().isStacked());
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t").stacked().logY().build());
    }

    @Test
    void publishedPerCallChartPlotsEachSweepAgainstRegisteredOps() {
        PublishedMeasurements pm = PublishedMeasurements.load();
        XYChart c = PublishedSection.perCallChart(pm, "M1", "m1-before", "m1-after");
        assertEquals(4, c.getSeriesCollection().size());
        XYSeries irr = c.getSeries("m1 before CALL_OPS (list): 1 relevant + N irrelevant");
        assertArrayEquals(new double[] {2, 3, 11, 101}, irr.getXData());
        assertArrayEquals(new double[] {64.68, 75.10, 237.87, 1064.43}, irr.getYData());
        XYSeries rel = c.getSeries("m1 with CALL_OPS: N relevant");
        assertArrayEquals(new double[] {1, 2, 10, 100}, rel.getXData());
        // the flat CALL_OPS line is labelled with its value (2.81 ns published at every I)
        assertEquals(List.of("CALL_OPS: ~2.8 ns at any number of irrelevant ops"),
                Charts.notes(c).stream().map(Charts.Note::text).toList());
        assertTrue(Charts.notes(PublishedSection.perCallChart(pm, "M1", "m1-before")).isEmpty(), "no CALL_OPS, no note");
    }

    @Test
    void beforeAfterChartPairsConfigurations() {
        CategoryChart c = PublishedSection.beforeAfterChart(PublishedMeasurements.load(), "M1", "m1-before", "m1-after");
        List<?> x = List.copyOf(c.getSeries("m1 with CALL_OPS").getXData());
        assertEquals(List.of("R1 I0", "R1 I1", "R1 I2", "R1 I10", "R1 I100", "R2 I0", "R10 I0", "R100 I0"), x,
                "untraced-but-one first, then the irrelevant sweep, then the relevant one");
        assertEquals(2.81, c.getSeries("m1 with CALL_OPS").getYData()[1]);
    }

    @Test
    void logAxisTicksArePlainNumbersWithSeparators() {
        assertEquals("10,000", Charts.plain(1e4));
        assertEquals("1,000", Charts.plain(1000));
        assertEquals("0.5", Charts.plain(0.5));
        XYChart c = Charts.line("t").logY().series("a", new double[] {1, 2}, new double[] {10, 20000}).build();
        assertEquals("10,000", c.getStyler().getyAxisTickLabelsFormattingFunction().apply(1e4));
    }

    @Test
    void coincidingSeriesAreDrawnOnceUnderANameThatSaysSo() {
        XYChart c = Charts.line("t")
                .series("nop-nop site, list: R", new double[] {1, 2}, new double[] {100, 200})
                .series("atomic site, list: R", new double[] {1, 2}, new double[] {101, 200})
                .series("call-ops site, CALL_OPS: R", new double[] {1, 2}, new double[] {50, 200})
                .build();
        assertEquals(2, c.getSeriesCollection().size());
        XYSeries merged = c.getSeries("nop-nop = atomic site, list: R (within 5%)");
        assertArrayEquals(new double[] {100, 200}, merged.getYData());
        assertEquals("a x = y c", Charts.mergedName(List.of("a x c", "a y c")));
        // XChart would cut a long legend entry off: it goes on two lines
        assertEquals("riscv64 nop-nop = atomic site, list processing\n  1 relevant + N irrelevant",
                Charts.legendLines("riscv64 nop-nop = atomic site, list processing: 1 relevant + N irrelevant"));
        assertEquals("V1: list processing, nop-nop site, vmlinux\n  6.12.117+deb13-riscv64 (its own code)",
                Charts.legendLines("V1: list processing, nop-nop site, vmlinux 6.12.117+deb13-riscv64 (its own code)"),
                "a short key is not a line of its own; no line is over 52");
    }

    @Test
    void aBarSeriesThatIsZeroEverywhereIsLeftOut() {
        CategoryChart c = Charts.bars("t").stacked().categories(List.of("a", "b"))
                .series("issue", new double[] {1, 2}).series("cache", new double[] {0, 0}).build();
        assertEquals(1, c.getSeriesCollection().size());
        assertTrue(c.getSeries("issue") != null);
    }

    @Test
    void aLongTitleShrinksToFitThePlot() {
        String title = "States explored per plan (full preemption, 2 tasks on 2 harts, 2 calls each, Ziccif, preemption bound 2)";
        CategoryChart c = Charts.bars(title).categories(List.of("a")).series("x", new double[] {1}).build();
        assertTrue(c.getStyler().getChartTitleFont().getSize() < 14, "title font shrunk");
    }

    @Test
    void aNoteIsKeptWithItsPointAndRendersInsideThePlot() throws Exception {
        XYChart c = Charts.line("t").logX().logY()
                .series("flat", new double[] {1, 10, 100}, new double[] {3, 3, 3})
                .series("up", new double[] {1, 10, 100}, new double[] {1, 40, 900})
                .note("flat: ~3 ns at any count", 10, 3, Charts.Side.ABOVE)
                .build();
        assertEquals(List.of(new Charts.Note("flat: ~3 ns at any count", 10, 3, Charts.Side.ABOVE)), Charts.notes(c));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Charts.png(c, Provenance.capture())));
        assertTrue(img.getWidth() == Charts.WIDTH);
        debugPng("note-line", c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.line("t").logY()
                .series("a", new double[] {1}, new double[] {2}).note("n", 1, 0, Charts.Side.ABOVE).build());
        assertTrue(e.getMessage().contains("note 'n'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Charts.Note(" ", 1, 1, Charts.Side.LEFT));
    }

    @Test
    void aBarNoteStandsOverTheBarsItNames() throws Exception {
        CategoryChart c = Charts.bars("t").logY().categories(List.of("a", "b"))
                .series("s0", new double[] {10, 20}).series("s1", new double[] {10, 20})
                .series("s2", new double[] {100, 20}).series("zero", new double[] {0, 0})
                .note("mid", "b", 20, Charts.Side.ABOVE)
                .note("UNSAFE", "a", List.of("s0", "s1"), 10, Charts.Side.ABOVE)
                .build();
        List<Charts.Note> notes = Charts.notes(c);
        assertEquals(1.5, notes.get(0).x(), 1e-9, "the middle of category 1");
        // three bars share 0.9 of category 0: s0 centred at 0.5 - 0.3, s1 at 0.5
        assertEquals(0.5 - 0.15, notes.get(1).x(), 1e-9);
        debugPng("note-bars", c);
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t").categories(List.of("a"))
                .series("s", new double[] {1}).note("n", "z", 1, Charts.Side.ABOVE).build());
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t").categories(List.of("a"))
                .series("s", new double[] {1}).note("n", "a", List.of("zz"), 1, Charts.Side.ABOVE).build());
    }

    /** With -Dcharts.debug=DIR the test writes the PNG there, to look at. */
    static void debugPng(String name, org.knowm.xchart.internal.chartpart.Chart<?, ?> c) {
        String dir = System.getProperty("charts.debug");
        if (dir != null) {
            Charts.writePng(c, Provenance.capture(), java.nio.file.Path.of(dir, name + ".png"));
        }
    }

    @Test
    void pngIsDecodableAndCarriesARowForTheStamp() throws Exception {
        XYChart c = Charts.line("t").size(400, 300).series("a", new double[] {1, 2}, new double[] {1, 2}).build();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Charts.png(c, TableFormatTest.P)));
        assertEquals(400, img.getWidth());
        assertTrue(img.getHeight() > 300, "stamp strip under the plot");
    }

    @Test
    void aLongParameterListBreaksAfterItsCommasInsteadOfRunningOffThePlot() {
        XYChart c = Charts.line("t").size(400, 300).series("a", new double[] {1, 2}, new double[] {1, 2}).build();
        Provenance p = TableFormatTest.P;
        int one = Charts.stampedImage(c, p.with("a", "1")).getHeight();
        Provenance many = p;
        for (int i = 0; i < 12; i++) {
            many = many.with("parameter_" + i, "value-" + i);
        }
        // about 200 characters of parameters: three or more lines at 400 pixels, not one cut off
        assertTrue(Charts.stampedImage(c, many).getHeight() >= one + 2 * 12, "taller by two stamp lines at least");
    }
}
