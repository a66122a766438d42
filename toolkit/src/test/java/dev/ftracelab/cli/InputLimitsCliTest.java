package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the input size limits (1 GiB inflated, 512 MiB of CSV text) can be raised (and
 * lowered, which is how they are tested here with small files): by the environment, read once
 * in {@link Main}, and by {@code census --max-inflated / --max-csv}.
 */
class InputLimitsCliTest {
    @TempDir
    Path tmp;

    static HostileBinaryInputTest.Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new HostileBinaryInputTest.Run(status, out.toString(), err.toString());
    }

    @Test
    void limitsFromTheEnvironment() {
        assertEquals(InputLimits.DEFAULTS, InputLimits.fromEnvironment(Map.of()));
        assertEquals(new InputLimits(2L << 30, 1L << 30),
                InputLimits.fromEnvironment(Map.of("FTRACE_LAB_MAX_INFLATED", "2G", "FTRACE_LAB_MAX_CSV", "1g")));
        assertEquals(1L << 30, InputLimits.DEFAULTS.inflated());
        assertEquals(512L << 20, InputLimits.DEFAULTS.csvText());
        BadInputException e = assertThrows(BadInputException.class,
                () -> InputLimits.fromEnvironment(Map.of("FTRACE_LAB_MAX_CSV", "-5")));
        assertEquals("FTRACE_LAB_MAX_CSV: expected a positive size in bytes, or with a K, M, G or T suffix (e.g. 4G),"
                + " got '-5'", e.getMessage());
        assertEquals(64L << 10, InputLimits.size("x", "64k"));
        assertThrows(BadInputException.class, () -> InputLimits.size("x", "+5"));
        assertThrows(BadInputException.class, () -> InputLimits.size("x", "9999999999T"));
    }

    @Test
    void aBadLimitInTheEnvironmentIsBadInputForAnyCommand() {
        HostileBinaryInputTest.Run r = run(Map.of("FTRACE_LAB_MAX_INFLATED", "lots"), "published");
        assertEquals(2, r.status());
        assertEquals("ftrace-lab: FTRACE_LAB_MAX_INFLATED: expected a positive size in bytes, or with a K, M, G or T"
                + " suffix (e.g. 4G), got 'lots'\n", r.err());
    }

    @Test
    void theCsvLimitComesFromTheEnvironment() throws IOException {
        Path csv = tmp.resolve("p.csv");
        Files.copy(dev.ftracelab.dataset.PublishedMeasurements.defaultFile(), csv);
        long size = Files.size(csv);
        assertTrue(size > 1024, "the committed dataset is larger than 1 KiB");
        HostileBinaryInputTest.Run small = run(Map.of("FTRACE_LAB_MAX_CSV", "1K"), "published", "--file", csv.toString());
        assertEquals(2, small.status(), small.err());
        assertEquals("ftrace-lab: " + csv + ": " + size + " bytes: expected a CSV file of at most 1 KiB"
                + " (FTRACE_LAB_MAX_CSV or census --max-csv raises the limit)\n", small.err());
        assertEquals(0, run(Map.of("FTRACE_LAB_MAX_CSV", "1M"), "published", "--file", csv.toString()).status());
        assertEquals(0, run(Map.of(), "published", "--file", csv.toString()).status());
    }

    @Test
    void censusMaxInflatedRaisesOrLowersTheLimit() throws IOException {
        byte[] elf = GuestCorpus.bytes(Arch.RISCV64, "strfmt.pfe");
        Path dir = Files.createDirectories(tmp.resolve("mods"));
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("zipped.ko.gz")))) {
            gz.write(elf);
        }
        Files.write(dir.resolve("plain.ko"), elf);
        assertTrue(elf.length > 4096 && elf.length < 1 << 20, "strfmt is between 4 KiB and 1 MiB");

        HostileBinaryInputTest.Run low = run(Map.of(), "census", "--max-inflated", "4K", dir.toString());
        assertEquals(2, low.status(), "nothing could be read: " + low.err());
        String err = MainTest.flat(low.err());
        assertTrue(err.contains("plain.ko: larger than 4 KiB: expected a kernel module or image"
                + " (census --max-inflated raises the limit)"), err);
        assertTrue(err.contains("zipped.ko.gz: gzip data inflates to more than 4 KiB: expected at most that (a compression"
                + " bomb, or a file too large to read whole; census --max-inflated raises the limit)"), err);

        // the environment sets it, the option overrides the environment
        assertEquals(2, run(Map.of("FTRACE_LAB_MAX_INFLATED", "4K"), "census", dir.toString()).status());
        HostileBinaryInputTest.Run ok = run(Map.of("FTRACE_LAB_MAX_INFLATED", "4K"), "census", "--max-inflated", "1M",
                "--format", "csv", dir.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("plain") && ok.out().contains("zipped"), ok.out());

        assertEquals(2, run(Map.of(), "census", "--max-inflated", "0", dir.toString()).status());
    }

    @Test
    void censusMaxCsvLimitsTheDatasetRead() throws IOException {
        Path src = ReachCommand.committedDatasets().get(0);
        HostileBinaryInputTest.Run r = run(Map.of(), "census", "--max-csv", "64K", src.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("gzip-compressed CSV inflates to more than 64 KiB: expected at most that (a compression"
                + " bomb, or a file too large to read whole; FTRACE_LAB_MAX_CSV or census --max-csv raises the limit)"), r.err());
    }
}
