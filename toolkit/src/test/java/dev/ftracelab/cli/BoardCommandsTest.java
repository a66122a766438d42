package dev.ftracelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** board-script, probe-script and profile-from on the command line: files, exit status, 72 columns. */
class BoardCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void boardScriptWritesAnExecutableScriptOrPrintsIt() throws IOException {
        Path sh = tmp.resolve("b.sh");
        MainTest.Run r = MainTest.run("board-script", "--rows", "R1-I0,R1-I10", "--runs", "2", "--out", sh.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.getPosixFilePermissions(sh).contains(PosixFilePermission.OWNER_EXECUTE));
        assertTrue(MainTest.flat(r.out()).contains("4 rows (with the untraced baselines) x 2 runs of 100000 calls = 8 loads"),
                r.out());
        MailWidthTest.assertFits("board-script --out", r.out());
        MainTest.Run printed = MainTest.run("board-script", "--rows", "R1-I0,R1-I10", "--runs", "2");
        assertEquals(Files.readString(sh), printed.out());
    }

    @Test
    void boardScriptRefusesBadRowsRunsAndCalls() {
        MainTest.Run r = MainTest.run("board-script", "--rows", "R1-I0,1/10");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("'1/10' is not a row"), r.err());
        assertEquals(2, MainTest.run("board-script", "--rows", "published", "--runs", "0").status());
        assertEquals(2, MainTest.run("board-script", "--rows", "published", "--calls", "-5").status());
    }

    @Test
    void probeScriptWritesTheFolderAndProfileFromReadsWhatItsScriptWrites() throws IOException {
        Path dir = tmp.resolve("p");
        MainTest.Run r = MainTest.run("probe-script", "--arch", "arm64", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        MailWidthTest.assertFits("probe-script", r.out());
        assertTrue(Files.isExecutable(dir.resolve("run-probes.sh")) && Files.isExecutable(dir.resolve("load-chain.elf")));
        assertTrue(Files.readString(dir.resolve("run-probes.sh")).contains("ftrace-lab profile-from $OUT --base m1"));
        assertEquals(2, MainTest.run("probe-script", "--arch", "x86").status());
        MainTest.Run wrong = MainTest.run("probe-script", "--arch", "arm64", "--base", "vf2", "--out", dir.toString());
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("--base vf2 is a riscv64 profile: expected arm64"), wrong.err());
    }

    @Test
    void profileFromWritesAProfileThatProfilesShowReads() throws IOException {
        Path in = Files.writeString(tmp.resolve("probes.txt"), "# arch: arm64\n# board: Some Board\n"
                + "# date: 2025-04-05T06:07:08Z\nrun=load-l1d\nresult=4.02\nexit=0\nrun=load-l2\nresult=18.96\nexit=0\n"
                + "run=store-fence\nresult=3.50\nexit=0\n");
        Path yaml = tmp.resolve("some.yaml");
        MainTest.Run r = MainTest.run("profile-from", in.toString(), "--out", yaml.toString());
        assertEquals(0, r.status(), r.err());
        MailWidthTest.assertFits("profile-from", r.out());
        assertTrue(r.out().contains("latency.load_to_use") && r.out().contains("store-fence"), r.out());
        Profile p = Profile.load(yaml.toString());
        assertEquals("some-board", p.name());
        assertEquals(4, p.latency().loadToUse());
        assertEquals(15, p.l2().hitLatency());
        assertEquals("measured on Some Board, 2025-04-05 (probe load-l2: 18.96 - latency.load_to_use 4)",
                p.source("l2.hit_latency").text());
        MainTest.Run show = MainTest.run("profiles", "--show", yaml.toString());
        assertEquals(0, show.status(), show.err());
        MailWidthTest.assertFits("profiles --show", show.out());
        assertTrue(MainTest.flat(show.out()).contains("measured on Some Board, 2025-04-05 (probe load-l1d: 4.02)"), show.out());

        // without --out: the YAML on stdout, the summary on stderr
        MainTest.Run stdout = MainTest.run("profile-from", in.toString(), "--name", "x", "--board", "B");
        assertEquals(0, stdout.status(), stdout.err());
        assertTrue(stdout.out().contains("name: \"x\"") && stdout.err().contains("parameter"), stdout.err());
    }

    @Test
    void badProbeOutputIsExitStatus2WithFileAndLine() throws IOException {
        Path in = Files.writeString(tmp.resolve("bad.txt"), "# board: b\nrun=load-l1d\nresult=fast\nexit=0\n");
        MainTest.Run r = MainTest.run("profile-from", in.toString(), "--base", "vf2");
        assertEquals(2, r.status());
        assertEquals("ftrace-lab: " + in + ":3: result of load-l1d: expected a number of cycles, got 'fast'",
                r.err().strip());
    }
}
