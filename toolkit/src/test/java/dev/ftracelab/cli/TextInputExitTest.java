package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 17, text inputs: every case exits 2 with its location, never 1 (= UNSAFE) or 70, and a
 * JVM {@link Error} becomes one line and 70. Small generated inputs; no benchmark or search runs.
 */
class TextInputExitTest {
    private static final String PUBLISHED_HEADER = "dataset,arch,platform,variant,relevant,irrelevant,calls,total_ns,"
            + "per_call_ns,overhead_ns,runs,per_call_min_ns,per_call_max_ns,kernel";

    @TempDir
    Path tmp;

    private static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Runnable {
        @CommandLine.Option(names = "--error")
        String error;

        @Override
        public void run() {
            switch (error) {
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "stack" -> throw new StackOverflowError();
                default -> throw new IllegalStateException("a bug");
            }
        }
    }

    private static MainTest.Run boom(String error) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.configure(new CommandLine(new Boom()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new MainTest.Run(Main.execute(cl, new String[] {"--error", error}), out.toString(), err.toString());
    }

    @Test
    void anErrorIsOneLineAndExit70NotTheJvmsExit1() {
        // Regression (issue 17): an OutOfMemoryError or StackOverflowError left picocli, and the JVM
        // exited 1, which check-patch uses for UNSAFE.
        for (String e : new String[] {"oom", "stack"}) {
            MainTest.Run r = boom(e);
            assertEquals(Main.INTERNAL_ERROR, r.status(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("ftrace-lab: internal error: java.lang."), r.err());
            assertTrue(r.err().contains(" at dev.ftracelab.cli.TextInputExitTest$Boom.run("), r.err());
        }
        assertEquals(Main.INTERNAL_ERROR, boom("bug").status(), "an exception is still an internal error");
    }

    @Test
    void aPlanWritingUnmappedMemoryNamesTheStepAndExits2() throws Exception {
        Path plan = tmp.resolve("plan.yaml");
        Files.writeString(plan, "name: x\nsteps:\n  - remote_flush\n  - write: {at: 0x10, word: 0x13}\n");
        MainTest.Run r = run("check-patch", "--plan", plan.toString(), "--preempt", "none");
        assertEquals(2, r.status(), r.err());
        assertEquals("ftrace-lab: " + plan + ": step 2: the write of 4 bytes at 0x10 reaches unmapped 0x10: expected an"
                + " address in the guest image (a symbol, e.g. tracee_relevant)", r.err().strip());
    }

    @Test
    void aPlanNumberAbove64BitsExits2() throws Exception {
        Path plan = tmp.resolve("plan.yaml");
        Files.writeString(plan, "name: x\nsteps:\n  - write: {at: tracee_relevant-8, quad: 36893488147419103232}\n");
        MainTest.Run r = run("check-patch", "--plan", plan.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(plan + ":step 1 quad: 36893488147419103232 does not fit in 64 bits"), r.err());
    }

    @Test
    void distancesRefuseDoubleSignsAndSignedHex() throws Exception {
        // Regression (issue 17): "--5" read as 5 and "0x-5" as -5.
        for (String bad : new String[] {"--5", "0x-5", "- 5", "0x", "5e3", "+-5"}) {
            Path d = tmp.resolve("d.txt");
            Files.writeString(d, "# distances\n4096\n" + bad + "\n");
            MainTest.Run r = run("reach", "--distances", d.toString(), "--arch", "riscv64");
            assertEquals(2, r.status(), bad + ": " + r.err());
            assertEquals("ftrace-lab: " + d + ":3: expected a distance in bytes (decimal or 0x hex, - for a target below"
                    + " the site), got '" + bad + "'", r.err().strip());
        }
        Path ok = tmp.resolve("ok.txt");
        Files.writeString(ok, "\uFEFF4096\n-0x100000\n0X40000000 # far\n-9223372036854775808\n");
        MainTest.Run r = run("reach", "--distances", ok.toString(), "--arch", "riscv64", "--format", "csv");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("riscv64,ok.txt,measured,4,"), r.out());
    }

    @Test
    void distancesThatAreNotUtf8NameTheOffset() throws Exception {
        Path d = tmp.resolve("latin1.txt");
        Files.write(d, "4096\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        MainTest.Run r = run("reach", "--distances", d.toString(), "--arch", "riscv64");
        assertEquals(2, r.status(), r.err());
        assertEquals("ftrace-lab: " + d + ":offset 0xa: byte 0xe9 (line 2) is not UTF-8:"
                + " expected UTF-8 text (distances, one per line); convert it, e.g. iconv -f latin1 -t utf-8", r.err().strip());
    }

    @Test
    void publishedOfAHeaderOnlyCsvExits2() throws Exception {
        // Regression (issue 17): csv, json and md took the first dataset of none (exit 70).
        Path f = tmp.resolve("header.csv");
        Files.writeString(f, "# notes\n" + PUBLISHED_HEADER + "\n");
        for (String format : new String[] {"text", "csv", "json", "md"}) {
            MainTest.Run r = run("published", "--file", f.toString(), "--format", format);
            assertEquals(2, r.status(), format + ": " + r.err());
            assertEquals("ftrace-lab: " + f + ": no measurement rows after the header: expected at least one row",
                    r.err().strip());
        }
    }

    @Test
    void publishedOfAHugeValidValueFitsTheMailTable() throws Exception {
        // Regression (issue 17): 1e300 printed as 301 digits and the mail table refused its width (exit 70).
        Path f = tmp.resolve("huge.csv");
        Files.writeString(f, PUBLISHED_HEADER + "\nm1,arm64,p,v,0,0,100000,94583,1e300,1e300,3,1e300,1e300,\n");
        MainTest.Run r = run("published", "--file", f.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("|      1.0E300 |     1.0E300"), r.out());
        // values wide enough in every column still overflow 72 columns: bad input, not a crash
        Path wide = tmp.resolve("wide.csv");
        Files.writeString(wide, PUBLISHED_HEADER + "\nm1,arm64,p,v,2000000000,2000000000,100000,9223372036854775807,"
                + "9999999999.99,9999999999.99,3,,,\n");
        MainTest.Run w = run("published", "--file", wide.toString());
        assertEquals(2, w.status(), w.err());
        assertTrue(w.err().startsWith("ftrace-lab: " + wide + ": values too wide for the mail layout (table 'm1' is "), w.err());
        assertTrue(w.err().strip().endsWith("): use --format csv, json or md"), w.err());
        assertEquals(0, run("published", "--file", wide.toString(), "--format", "csv").status());
    }

    @Test
    void benchRefusesANonFiniteTarget() {
        // Regression (issue 17): NaN and Infinity were taken, and a benchmark run began.
        for (String t : new String[] {"NaN", "Infinity", "-Infinity", "101"}) {
            MainTest.Run r = run("bench", "--quick", "--target-ci", t);
            assertEquals(2, r.status(), t + ": " + r.err());
            assertTrue(r.err().startsWith("ftrace-lab: --target-ci: expected a percentage from 0 (off) to 100, got "), r.err());
        }
    }

    @Test
    void calibrateRefusesZeroPricedCalls() {
        MainTest.Run r = run("calibrate", "--priced-calls", "0");
        assertEquals(2, r.status(), r.err());
        assertEquals("ftrace-lab: --priced-calls: expected at least 1, got 0", r.err().strip());
    }
}
