package dev.ftracelab.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading run-probes.sh output, and every way it can be wrong reported at its line. */
class ProbeOutputTest {
    @TempDir
    Path tmp;

    private static final String HEAD = "# ftrace-lab probe output\n# arch: riscv64\n# board: VF2\n"
            + "# date: 2025-03-01T10:00:00Z\n";

    private Path write(String text) throws IOException {
        Path f = tmp.resolve("probes.txt");
        Files.writeString(f, text);
        return f;
    }

    private String error(String text) throws IOException {
        Path f = write(text);
        return assertThrows(BadInputException.class, () -> ProbeOutput.read(f)).getMessage()
                .replace(f.toString(), "FILE");
    }

    @Test
    void readsTheNotesAndEveryBlock() throws IOException {
        ProbeOutput o = ProbeOutput.read(write(HEAD + "run=load-l2\ncommand=load-chain.elf size=262144 line=64\n"
                + "probe=load-chain\ncounter=cycle\niters=100000\nreps=5\nsize=262144\nline=64\nresult=23.04\n"
                + "# stderr: nothing\nexit=0\n\nrun=taken-branch\nresult=-0.25\nexit=0\n"));
        assertEquals("VF2", o.board());
        assertEquals("2025-03-01T10:00:00Z", o.date());
        assertEquals(Optional.of(Arch.RISCV64), o.arch());
        assertEquals(2, o.results().size());
        assertEquals(23.04, o.result("load-l2").orElseThrow().value());
        assertEquals(13, o.result("load-l2").orElseThrow().line());
        assertEquals("load-chain.elf size=262144 line=64", o.result("load-l2").orElseThrow().command());
        assertEquals(-0.25, o.result("taken-branch").orElseThrow().value());
        assertEquals(Optional.empty(), o.result("load-l1d"));
    }

    @Test
    void aBlockWithoutResultIsReportedAtItsRunLine() throws IOException {
        assertEquals("FILE:5: probe load-l1d printed no result= line: expected its result (rerun it, or delete"
                + " its block)", error(HEAD + "run=load-l1d\nprobe=load-chain\nexit=0\nrun=load-l2\nresult=1\nexit=0\n"));
        // also the last block
        assertEquals("FILE:7: probe load-l2 printed no result= line: expected its result (rerun it, or delete"
                + " its block)", error(HEAD + "run=load-l1d\nresult=3\nrun=load-l2\niters=5\n"));
    }

    @Test
    void anUnknownProbeIsReportedWithTheKnownOnes() throws IOException {
        String e = error(HEAD + "run=load-l3\nresult=40\nexit=0\n");
        assertTrue(e.startsWith("FILE:5: unknown probe 'load-l3': expected one of taken-branch, direct-jump,"), e);
    }

    @Test
    void aResultThatIsNotANumberIsReported() throws IOException {
        assertEquals("FILE:6: result of load-l1d: expected a number of cycles, got '3,5'",
                error(HEAD + "run=load-l1d\nresult=3,5\nexit=0\n"));
        assertEquals("FILE:6: result of load-l1d: expected a number of cycles, got 'NaN'",
                error(HEAD + "run=load-l1d\nresult=NaN\nexit=0\n"));
    }

    @Test
    void otherMistakesAreReportedAtTheirLine() throws IOException {
        assertEquals("FILE:7: probe load-l1d exited with status 132: expected 0 (rerun it, or delete its block to"
                + " keep the base value)", error(HEAD + "run=load-l1d\nprobe=load-chain\nexit=132\n"));
        assertEquals("FILE:5: expected run=PROBE before the probe's output, got 'result=3'", error(HEAD + "result=3\n"));
        assertEquals("FILE:6: expected run=PROBE, key=value probe output or a '#' note, got 'Illegal instruction'",
                error(HEAD + "run=load-l1d\nIllegal instruction\n"));
        assertEquals("FILE:8: probe load-l1d again (first at line 5): expected one block per probe",
                error(HEAD + "run=load-l1d\nresult=3\nexit=0\nrun=load-l1d\nresult=3\n"));
        assertEquals("FILE: no probe output (no run=PROBE line): expected the output of run-probes.sh", error(HEAD));
        assertEquals("FILE:2: # arch: expected riscv64 or arm64, got 'x86'", error("# x\n# arch: x86\n"));
    }
}
