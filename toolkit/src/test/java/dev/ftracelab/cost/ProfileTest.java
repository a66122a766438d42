package dev.ftracelab.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed hardware profiles carry the values of {@code /work/shared/reference/hardware-facts.md}
 * with their sources, and a malformed profile is rejected with a message naming the file, the
 * field and the reason. Bad profiles are made by editing the text of vf2.yaml in a temporary folder.
 */
class ProfileTest {
    /** Every parameter path a profile has. */
    private static final Set<String> PARAMETERS = Set.of("core.clock_ghz", "core.issue_width", "core.out_of_order",
            "core.rob_entries", "latency.alu", "latency.mul", "latency.div", "latency.load_to_use", "latency.store",
            "branch.taken_bubble", "branch.direct_jump", "branch.indirect_jump", "branch.mispredict_penalty",
            "predictor.bht_entries", "predictor.btb_entries", "predictor.ras_entries", "predictor.history_bits",
            "l1i.size_kib", "l1i.ways",
            "l1i.line_bytes", "l1i.hit_latency", "l1d.size_kib", "l1d.ways", "l1d.line_bytes", "l1d.hit_latency",
            "l2.size_kib", "l2.ways", "l2.line_bytes", "l2.hit_latency", "memory_latency",
            "store_buffer.forward_latency", "store_buffer.visibility_latency");

    @TempDir
    Path dir;

    // ---- the committed profiles ----

    @Test
    void namesListsTheCommittedProfiles() {
        assertEquals(List.of("k1", "m1", "vf2"), Profile.names());
        assertEquals(Profile.folder(), dev.ftracelab.util.ProjectPaths.datasets().resolve("profiles"));
    }

    @Test
    void vf2HasTheU74Values() {
        Profile p = Profile.load("vf2");
        assertEquals("vf2", p.name());
        assertEquals(Arch.RISCV64, p.arch());
        assertEquals(1.5, p.clockGhz());
        assertEquals(2, p.issueWidth());
        assertFalse(p.outOfOrder());
        assertEquals(new Profile.Latencies(1, 3, 66, 3, 1), p.latency());
        assertEquals(3, p.branch().mispredictPenalty());
        assertEquals(2, p.branch().indirectJump());
        assertEquals(new Profile.Cache(32, 8, 64, 3), p.l1d());
        assertEquals(64, p.l1d().sets()); // jh7110.dtsi: 64 sets
        assertEquals(32, p.l1i().sizeKib());
        assertEquals(64, p.l1i().lineBytes());
        assertEquals(64, p.l1i().sets());
        assertEquals(2048, p.l2().sizeKib());
        assertEquals(16, p.l2().ways());
        assertEquals(64, p.l2().lineBytes());
        assertEquals(16, p.predictor().btbEntries());
        assertEquals(6, p.predictor().rasEntries());
    }

    @Test
    void k1HasTheX60Values() {
        Profile p = Profile.load("k1");
        assertEquals(Arch.RISCV64, p.arch());
        assertEquals(1.6, p.clockGhz());
        assertEquals(2, p.issueWidth());
        assertFalse(p.outOfOrder());
        assertEquals(4, p.latency().loadToUse());
        assertEquals(5, p.latency().mul());
        assertEquals(20, p.latency().div());
        assertEquals(9, p.branch().mispredictPenalty());
        assertEquals(new Profile.Cache(32, 4, 64, 4), p.l1d());
        assertEquals(128, p.l1d().sets()); // k1.dtsi: 128 sets
        assertEquals(128, p.l1i().sets());
        assertEquals(512, p.l2().sizeKib());
    }

    @Test
    void m1HasTheFirestormValues() {
        Profile p = Profile.load("m1");
        assertEquals(Arch.ARM64, p.arch());
        assertEquals(3.204, p.clockGhz());
        assertEquals(8, p.issueWidth());
        assertTrue(p.outOfOrder());
        assertEquals(623, p.robEntries());
        assertEquals(128, p.l1d().lineBytes());
        assertEquals(128, p.l1i().lineBytes());
        assertEquals(128, p.l2().lineBytes());
        assertEquals(192, p.l1i().sizeKib());
        assertEquals(6, p.l1i().ways());
        assertEquals(128, p.l1d().sizeKib());
        assertEquals(8, p.l1d().ways());
        assertEquals(3, p.l1d().hitLatency());
        assertEquals(12288, p.l2().sizeKib());
        assertEquals(14, p.branch().mispredictPenalty());
        assertEquals(0, p.branch().takenBubble());
        assertEquals(1024, p.predictor().btbEntries());
        assertEquals(new Profile.Latencies(1, 3, 7, 4, 1), p.latency());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vf2", "k1", "m1"})
    void everyParameterHasASource(String name) {
        Profile p = Profile.load(name);
        assertEquals(PARAMETERS, p.sources().keySet(), name);
        for (String path : PARAMETERS) {
            Profile.Source s = p.source(path);
            assertFalse(s.text().isBlank(), name + " " + path);
        }
        assertTrue(p.description().length() > 0);
        assertThrows(IllegalArgumentException.class, () -> p.source("core.nope"));
    }

    @Test
    void estimatesAreMarked() {
        Profile vf2 = Profile.load("vf2");
        assertTrue(vf2.source("branch.taken_bubble").estimate());
        assertTrue(vf2.source("l2.hit_latency").estimate());
        assertTrue(vf2.source("memory_latency").estimate());
        assertFalse(vf2.source("latency.mul").estimate());
        assertFalse(vf2.source("branch.mispredict_penalty").estimate());
        assertTrue(vf2.source("latency.load_to_use").text().contains("RISCVSchedSiFive7"),
                vf2.source("latency.load_to_use").text());
        Profile k1 = Profile.load("k1");
        assertTrue(k1.source("predictor.ras_entries").estimate());
        assertFalse(k1.source("latency.load_to_use").estimate());
        Profile m1 = Profile.load("m1");
        assertTrue(m1.source("l2.hit_latency").estimate());
        assertFalse(m1.source("core.issue_width").estimate());
    }

    @Test
    void loadByPathReadsTheFile() throws IOException {
        Path copy = dir.resolve("copy.yaml");
        Files.writeString(copy, vf2Text().replace("name: vf2", "name: copy"));
        Profile p = Profile.load(copy.toString());
        assertEquals("copy", p.name());
        assertEquals(Profile.load("vf2").latency(), p.latency());
    }

    @Test
    void overridesReplaceValuesAndAreCheckedLikeTheFile() {
        Profile p = Profile.load("vf2", java.util.Map.of("store_buffer.visibility_latency", 8, "core.clock_ghz", 1.0));
        assertEquals(8, p.storeBuffer().visibilityLatency());
        assertEquals(1.0, p.clockGhz());
        assertEquals(Profile.load("vf2").latency(), p.latency(), "the rest as committed");
        assertEquals(3, Profile.load("vf2", java.util.Map.of("latency.load_to_use", 2.6)).latency().loadToUse(),
                "an integer field stays an integer");
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> Profile.load("vf2", java.util.Map.of("latency.nope", 1)));
        assertTrue(unknown.getMessage().contains("latency.nope: no numeric parameter of that name"), unknown.getMessage());
        BadInputException negative = assertThrows(BadInputException.class,
                () -> Profile.load("vf2", java.util.Map.of("latency.alu", -1)));
        assertTrue(negative.getMessage().contains("latency.alu: expected a value of 0 or more"), negative.getMessage());
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        BadInputException e = assertThrows(BadInputException.class, () -> Profile.load("nope"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertTrue(e.getMessage().contains("k1, m1, vf2"), e.getMessage());
    }

    // ---- rejections ----

    @Test
    void unknownTopLevelKey() throws IOException {
        rejected(vf2Text() + "colour: red\n", "colour", "unknown key");
    }

    @Test
    void unknownKeyInAGroup() throws IOException {
        rejected(edit("  rob_entries:", "  pipeline_depth: {value: 8, source: \"x\"}\n  rob_entries:"),
                "core.pipeline_depth", "unknown key");
    }

    @Test
    void unknownKeyInAParameter() throws IOException {
        rejected(edit("issue_width: {value: 2, source:", "issue_width: {value: 2, sourc:"), "core.issue_width.sourc",
                "unknown key");
    }

    @Test
    void missingParameter() throws IOException {
        String text = vf2Text().replaceAll("(?m)^  div: .*\\n", "");
        assertNotEquals(vf2Text(), text);
        rejected(text, "latency.div", "missing");
    }

    @Test
    void missingGroup() throws IOException {
        String text = vf2Text().replaceAll("(?ms)^predictor:.*?(?=^l1i:)", "");
        assertNotEquals(vf2Text(), text);
        rejected(text, "predictor", "missing");
    }

    @Test
    void missingValue() throws IOException {
        rejected(edit("mul: {value: 3, source:", "mul: {source:"), "latency.mul.value", "missing");
    }

    @Test
    void wrongTypeForACount() throws IOException {
        rejected(edit("issue_width: {value: 2,", "issue_width: {value: \"two\","), "core.issue_width",
                "expected a whole number");
    }

    @Test
    void fractionalCount() throws IOException {
        rejected(edit("alu: {value: 1,", "alu: {value: 1.5,"), "latency.alu", "expected a whole number");
    }

    @Test
    void wrongTypeForAFlag() throws IOException {
        rejected(edit("out_of_order: {value: false,", "out_of_order: {value: 1,"), "core.out_of_order",
                "expected true or false");
    }

    @Test
    void negativeLatency() throws IOException {
        rejected(edit("load_to_use: {value: 3,", "load_to_use: {value: -1,"), "latency.load_to_use",
                "0 or more");
    }

    @Test
    void zeroClock() throws IOException {
        rejected(edit("clock_ghz: {value: 1.5,", "clock_ghz: {value: 0,"), "core.clock_ghz", "above 0");
    }

    @Test
    void zeroWays() throws IOException {
        rejected(edit("  ways: {value: 16,", "  ways: {value: 0,"), "l2.ways", "at least 1");
    }

    @Test
    void cacheSizeNotWholeSets() throws IOException {
        // 32 KiB / (3 ways x 64 B) is not whole
        rejected(edit("  ways: {value: 8, source: \"jh7110.dtsi (64 sets)\"}", "  ways: {value: 3, source: \"x\"}"),
                "l1d", "not a whole number of sets");
    }

    @Test
    void lineNotAPowerOfTwo() throws IOException {
        String text = vf2Text().replaceFirst("(?s)(l1d:.*?line_bytes: \\{value: )64", "$148");
        assertNotEquals(vf2Text(), text);
        rejected(text, "l1d.line_bytes", "power of two");
    }

    @Test
    void storeBufferFieldsAreReadWithTheirSources() {
        assertEquals(new Profile.StoreBuffer(8, 4), Profile.load("vf2").storeBuffer());
        assertEquals(new Profile.StoreBuffer(5, 4), Profile.load("k1").storeBuffer());
        Profile m1 = Profile.load("m1");
        assertEquals(new Profile.StoreBuffer(5, 3), m1.storeBuffer());
        assertFalse(m1.source("store_buffer.forward_latency").estimate()); // ocxtal's measurement
        assertTrue(m1.source("store_buffer.visibility_latency").estimate());
        assertTrue(Profile.load("vf2").source("store_buffer.forward_latency").estimate());
    }

    @Test
    void missingStoreBufferGroup() throws IOException {
        String text = vf2Text().replaceAll("(?ms)^store_buffer:.*", "");
        assertNotEquals(vf2Text(), text);
        rejected(text, "store_buffer", "missing");
    }

    @Test
    void missingStoreBufferField() throws IOException {
        String text = vf2Text().replaceAll("(?m)^  visibility_latency: .*\\n", "");
        assertNotEquals(vf2Text(), text);
        rejected(text, "store_buffer.visibility_latency", "missing");
    }

    @Test
    void negativeForwardLatency() throws IOException {
        rejected(edit("forward_latency: {value: 8,", "forward_latency: {value: -2,"), "store_buffer.forward_latency",
                "0 or more");
    }

    @Test
    void fractionalVisibilityLatency() throws IOException {
        rejected(edit("visibility_latency: {value: 4,", "visibility_latency: {value: 2.5,"),
                "store_buffer.visibility_latency", "expected a whole number");
    }

    @Test
    void historyBitsAtMost64() throws IOException {
        rejected(edit("history_bits: {value: 11,", "history_bits: {value: 65,"), "predictor.history_bits", "at most 64");
        assertEquals(32, Profile.load("m1").predictor().historyBits());
        assertEquals(11, Profile.load("vf2").predictor().historyBits());
    }

    @Test
    void emptySource() throws IOException {
        rejected(edit("mul: {value: 3, source: \"LLVM RISCVSchedSiFive7.td\"}", "mul: {value: 3, source: \"\"}"),
                "latency.mul", "non-empty source");
    }

    @Test
    void emptyEstimate() throws IOException {
        rejected(edit("estimate: \"folded into the pipeline\"", "estimate: \"  \""), "l1i.hit_latency",
                "non-empty estimate");
    }

    @Test
    void parameterNotAMapping() throws IOException {
        rejected(edit("div: {value: 66, source: \"LLVM RISCVSchedSiFive7.td (64-bit, not pipelined)\"}", "div: 66"),
                "latency.div", "expected {value");
    }

    @Test
    void unknownArch() throws IOException {
        rejected(edit("arch: riscv64", "arch: sparc64"), "arch", "unknown arch 'sparc64'");
    }

    @Test
    void malformedYaml() throws IOException {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, vf2Text().replace("core:\n", "core: [\n"));
        BadInputException e = assertThrows(BadInputException.class, () -> Profile.read(f));
        // Regression (issue 17): the parser's line and column were dropped
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(f.toString()) + ":\\d+:\\d+: not a readable YAML profile: .+"),
                e.getMessage());
        assertEquals(f.toString(), e.source().orElseThrow());
    }

    @Test
    void duplicateKeyIsRejected() throws IOException {
        // YAML allows the parser to keep the last of two equal keys: a profile would silently
        // take whichever value came second
        Path f = dir.resolve("dup.yaml");
        Files.writeString(f, edit("  alu: {value: 1,", "  alu: {value: 7, source: \"x\"}\n  alu: {value: 1,"));
        BadInputException e = assertThrows(BadInputException.class, () -> Profile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("alu"), e.getMessage());
    }

    @Test
    void notAMapping() throws IOException {
        Path f = dir.resolve("list.yaml");
        Files.writeString(f, "- 1\n- 2\n");
        BadInputException e = assertThrows(BadInputException.class, () -> Profile.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected a mapping"), e.getMessage());
    }

    @Test
    void missingFileNamesIt() {
        Path f = dir.resolve("absent.yaml");
        BadInputException e = assertThrows(BadInputException.class, () -> Profile.load(f.toString()));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void hugeTablesAndOverflowingCachesAreRefusedWithTheirLine() throws IOException {
        // Regression (issue 17): these passed 'profiles --show' and then ran out of memory, or
        // overflowed sets x ways into a NegativeArraySizeException, in the cost model.
        rejected(edit("rob_entries: {value: 0,", "rob_entries: {value: 2000000000,"), "core.rob_entries",
                "expected at most " + Profile.MAX_ROB_ENTRIES + " (the toolkit's limit), got 2000000000");
        rejected(edit("bht_entries: {value: 3584,", "bht_entries: {value: 2147483647,"), "predictor.bht_entries",
                "expected at most " + Profile.MAX_PREDICTOR_ENTRIES);
        rejected(edit("btb_entries: {value: 16,", "btb_entries: {value: 1073741824,"), "predictor.btb_entries",
                "expected at most " + Profile.MAX_PREDICTOR_ENTRIES);
        rejected(edit("size_kib: {value: 2048,", "size_kib: {value: 2097152,"), "l2.size_kib",
                "2097152 KiB is 33554432 lines of 64 B: expected at most " + Profile.MAX_CACHE_LINES + " lines");
        rejected(edit("line_bytes: {value: 64,", "line_bytes: {value: 1073741824,"), "l1i.line_bytes",
                "expected at most " + Profile.MAX_LINE_BYTES);
        rejected(edit("ways: {value: 16,", "ways: {value: 1048576,"), "l2.ways", "expected at most " + Profile.MAX_WAYS);
        // the line is the field's own: rob_entries is on line 11 of vf2.yaml
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, edit("rob_entries: {value: 0,", "rob_entries: {value: 70000,"));
        BadInputException e = assertThrows(BadInputException.class, () -> Profile.read(f));
        assertEquals(f + ":11: core.rob_entries: expected at most 65536 (the toolkit's limit), got 70000", e.getMessage());
    }

    @Test
    void theLimitsStillAllowEveryCommittedProfileDoubled() {
        // calibrate --sensitivity doubles estimates: the committed values must leave room for that
        for (String n : Profile.names()) {
            Profile p = Profile.load(n);
            assertTrue(2 * p.robEntries() <= Profile.MAX_ROB_ENTRIES, n);
            assertTrue(2 * p.predictor().bhtEntries() <= Profile.MAX_PREDICTOR_ENTRIES, n);
            assertTrue(2 * p.l2().sizeKib() * 1024L / p.l2().lineBytes() <= Profile.MAX_CACHE_LINES, n);
        }
    }

    @Test
    void aProfileThatIsNotUtf8IsRefusedWithItsOffset() throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, vf2Text().replace("name: vf2", "name: vf\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        BadInputException e = assertThrows(BadInputException.class, () -> Profile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":offset 0x"), e.getMessage());
        assertTrue(e.getMessage().contains("is not UTF-8: expected UTF-8 text (a YAML hardware profile)"), e.getMessage());
    }

    // ---- helpers ----

    private static String vf2Text() throws IOException {
        return Files.readString(Profile.folder().resolve("vf2.yaml"));
    }

    /** vf2.yaml with the first {@code from} replaced by {@code to} (which must be there). */
    private static String edit(String from, String to) throws IOException {
        String text = vf2Text();
        assertTrue(text.contains(from), "vf2.yaml has no '" + from + "'");
        return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    /** Writes {@code text} as a profile and checks that reading it names the file, the field and the reason. */
    private void rejected(String text, String field, String reason) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, text);
        BadInputException e = assertThrows(BadInputException.class, () -> Profile.read(f));
        String m = e.getMessage();
        // file:LINE: field: reason, the line where the field (or its group) is; a missing group has none
        boolean missingGroup = !field.contains(".") && reason.startsWith("missing");
        assertTrue(m.matches(java.util.regex.Pattern.quote(f.toString()) + (missingGroup ? "" : ":\\d+") + ": "
                + java.util.regex.Pattern.quote(field) + ": .*"), m);
        assertTrue(e.reason().startsWith(field + ": "), m);
        assertTrue(e.reason().contains(reason), m);
    }
}
