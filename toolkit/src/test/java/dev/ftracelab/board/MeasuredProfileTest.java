package dev.ftracelab.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.Probe;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * profile-from's round trip: the probes run under the cost model of a profile whose probed
 * parameters differ from the base's (the emulator stands in for a board whose parameters are
 * known), their output written as run-probes.sh writes it, and {@link MeasuredProfile} must give
 * back exactly those parameters, the rest untouched.
 */
class MeasuredProfileTest {
    @TempDir
    Path tmp;

    /** The parameters each step sets, moved away from vf2's (3, 20, 150, 2, 2, 2, 3, 8, 4). */
    private static final Map<String, Integer> BOARD = new LinkedHashMap<>();

    static {
        BOARD.put("latency.load_to_use", 4);
        BOARD.put("l2.hit_latency", 27);
        BOARD.put("memory_latency", 120);
        BOARD.put("branch.taken_bubble", 1);
        BOARD.put("branch.direct_jump", 3);
        BOARD.put("branch.indirect_jump", 4);
        BOARD.put("branch.mispredict_penalty", 7);
        BOARD.put("store_buffer.forward_latency", 6);
        BOARD.put("store_buffer.visibility_latency", 5);
    }

    /** Probe output as run-probes.sh writes it, from runs under the model. */
    static String probeOutput(String board, String arch, List<Probe.Run> runs) {
        StringBuilder b = new StringBuilder();
        b.append("# ftrace-lab probe output: test\n# arch: ").append(arch).append("\n# board: ").append(board)
                .append("\n# date: 2025-03-01T10:20:30Z\n# runner: none\n");
        for (Probe.Run r : runs) {
            b.append("run=").append(r.probe().name()).append('\n');
            b.append("command=").append(String.join(" ", r.argv())).append('\n');
            b.append(r.stdout());
            if (!r.stdout().endsWith("\n")) {
                b.append('\n');
            }
            b.append("exit=").append(r.exitStatus()).append('\n');
        }
        return b.toString();
    }

    @Test
    void theProbedParametersComeBackFromTheModelsOwnMeasurements() throws IOException {
        Profile board = Profile.load("vf2", BOARD);
        List<Probe.Run> runs = new ArrayList<>();
        for (Probe p : Probe.all()) {
            runs.add(p.run(board));
        }
        Path file = tmp.resolve("probes.txt");
        Files.writeString(file, probeOutput("Test Board v1", "riscv64", runs));

        MeasuredProfile m = MeasuredProfile.of(ProbeOutput.read(file), "vf2", "", "");
        Profile got = m.profile();
        assertEquals("test-board-v1", got.name());
        assertEquals(BOARD.keySet().stream().toList(), m.changes().stream().map(MeasuredProfile.Change::path).toList());
        assertEquals(4, got.latency().loadToUse());
        assertEquals(27, got.l2().hitLatency());
        assertEquals(120, got.memoryLatency());
        assertEquals(new Profile.Branch(1, 3, 4, 7), got.branch());
        assertEquals(new Profile.StoreBuffer(6, 5), got.storeBuffer());
        for (MeasuredProfile.Change c : m.changes()) {
            assertEquals(BOARD.get(c.path()), c.exact(), 0.01, c.toString());
            Profile.Source s = got.source(c.path());
            assertTrue(!s.estimate() && s.text().startsWith("measured on Test Board v1, 2025-03-01 (probe "
                    + c.probe() + ": "), s.text());
        }
        // l2.hit_latency = 31.00 - load_to_use 4, the term from the step before
        assertEquals("measured on Test Board v1, 2025-03-01 (probe load-l2: 31.00 - latency.load_to_use 4)",
                got.source("l2.hit_latency").text());
        // what no probe measures keeps vf2's value and source
        Profile vf2 = Profile.load("vf2");
        assertEquals(vf2.latency().store(), got.latency().store());
        assertEquals(vf2.source("latency.store"), got.source("latency.store"));
        assertEquals(vf2.source("l2.size_kib"), got.source("l2.size_kib"));
        assertEquals(vf2.predictor(), got.predictor());
        // the probes that set nothing agree with the new profile
        assertEquals(List.of("return", "indirect-call", "l1d-replacement", "spanning-load", "store-fence"),
                m.checks().stream().map(MeasuredProfile.Check::probe).toList());
        for (MeasuredProfile.Check c : m.checks()) {
            assertEquals(c.expected(), c.measured(), 0.01, c.toString());
        }
        // the YAML is a profile file equal to the record
        Path yaml = tmp.resolve("board.yaml");
        Files.writeString(yaml, m.yaml());
        Profile loaded = Profile.load(yaml.toString());
        assertEquals(got, loaded);
        assertEquals("", m.runner());
    }

    /**
     * On an in-order single-issue core store-forward sees one cycle more; the inversion takes it
     * (and latency.store for release-load) from the base, which here is a file written by
     * ProfileYaml, and each step uses the load-to-use measured before it.
     */
    @Test
    void theOtherTermsComeFromTheBaseAndTheEarlierSteps() throws IOException {
        Map<String, Integer> single = Map.of("core.issue_width", 1, "latency.store", 2);
        Path base = tmp.resolve("single.yaml");
        Files.writeString(base, ProfileYaml.write(Profile.load("vf2", single), List.of("vf2, single issue")));
        Map<String, Integer> board = new LinkedHashMap<>(single);
        board.put("latency.load_to_use", 5);
        board.put("store_buffer.forward_latency", 9);
        board.put("store_buffer.visibility_latency", 2);
        Profile truth = Profile.load(base.toString(), board);
        List<Probe.Run> runs = new ArrayList<>();
        for (String name : List.of("store-forward", "release-load", "load-l1d")) {
            runs.add(Probe.named(name).run(truth));
        }
        assertEquals(10.0, runs.get(0).measured(), 0.005, "forward 9 + the single-issue cycle");
        assertEquals(2 + 2 + 5, runs.get(1).measured(), 0.005, "store 2 + visibility 2 + load-to-use 5");
        Path file = tmp.resolve("p.txt");
        Files.writeString(file, probeOutput("b", "riscv64", runs));

        MeasuredProfile m = MeasuredProfile.of(ProbeOutput.read(file), base.toString(), "mine", "VF2 #7");
        assertEquals("mine", m.profile().name());
        assertEquals(5, m.profile().latency().loadToUse());
        assertEquals(9, m.profile().storeBuffer().forwardLatency());
        assertEquals(2, m.profile().storeBuffer().visibilityLatency());
        assertEquals("measured on VF2 #7, 2025-03-01 (probe store-forward: 10.00 - 1 (in-order, single issue))",
                m.profile().source("store_buffer.forward_latency").text());
        assertEquals("measured on VF2 #7, 2025-03-01 (probe release-load: 9.00 - latency.store 2"
                + " - latency.load_to_use 5)", m.profile().source("store_buffer.visibility_latency").text());
    }

    @Test
    void aResultBelowTheOtherTermIsClampedAtZeroAndSaysSo() throws IOException {
        Path file = tmp.resolve("p.txt");
        Files.writeString(file, "# board: b\n# date: 2025-01-02\nrun=load-l1d\nresult=3.00\nexit=0\n"
                + "run=load-l2\nresult=1.20\nexit=0\n");
        MeasuredProfile m = MeasuredProfile.of(ProbeOutput.read(file), "vf2", "", "");
        assertEquals(0, m.profile().l2().hitLatency());
        assertEquals("measured on b, 2025-01-02 (probe load-l2: 1.20 - latency.load_to_use 3, below 0: set to 0)",
                m.profile().source("l2.hit_latency").text());
    }

    @Test
    void everyCommittedProfileSurvivesProfileYaml() throws IOException {
        for (String name : Profile.names()) {
            Profile p = Profile.load(name);
            Path f = tmp.resolve(name + "-copy.yaml");
            Files.writeString(f, ProfileYaml.write(p, List.of("copy")));
            assertEquals(p, Profile.load(f.toString()), name);
        }
    }

    @Test
    void anOutputOfTheOtherArchOrWithoutABoardIsRefused() throws IOException {
        Path file = tmp.resolve("arm.txt");
        Files.writeString(file, "# arch: arm64\n# board: m\nrun=load-l1d\nresult=4\nexit=0\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> MeasuredProfile.of(ProbeOutput.read(file), "vf2", "", ""));
        assertTrue(e.getMessage().contains("arm64") && e.getMessage().contains("vf2"), e.getMessage());
        Path nameless = tmp.resolve("nameless.txt");
        Files.writeString(nameless, "run=load-l1d\nresult=4\nexit=0\n");
        e = assertThrows(BadInputException.class, () -> MeasuredProfile.of(ProbeOutput.read(nameless), "vf2", "", ""));
        assertTrue(e.getMessage().contains("--board"), e.getMessage());
        assertEquals("x", MeasuredProfile.of(ProbeOutput.read(nameless), "vf2", "x", "given").profile().name());
    }
}
