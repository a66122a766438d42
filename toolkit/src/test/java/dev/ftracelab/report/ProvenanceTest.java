package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void captureDescribesThisBuildAndHost() {
        Provenance p = Provenance.capture();
        assertFalse(p.toolkitVersion().isBlank());
        assertTrue(p.toolkitVersion().matches("\\d+\\.\\d+\\.\\d+.*"), "version comes from the Maven build: "
                + p.toolkitVersion());
        assertTrue(p.gitCommit().matches("[0-9a-f]{40}|unknown"), p.gitCommit());
        assertTrue(p.jvm().contains(System.getProperty("java.vm.name")));
        assertTrue(p.cpu().endsWith(Runtime.getRuntime().availableProcessors() + " logical CPUs"), p.cpu());
        assertEquals("none", p.profile());
    }

    @Test
    void parametersKeepTheirOrderAndCopiesAreIndependent() {
        Provenance base = Provenance.capture();
        Provenance p = base.with("arch", "riscv64").with("calls", 100_000).withProfile("vf2");
        assertTrue(base.parameters().isEmpty());
        assertEquals(List.of("arch", "calls"), List.copyOf(p.parameters().keySet()));
        assertTrue(p.oneLine().contains("profile vf2 | arch=riscv64, calls=100000"), p.oneLine());
        assertTrue(p.toText().contains("parameters: arch=riscv64, calls=100000\n"), p.toText());
        assertEquals("vf2", p.toMap().get("profile"));
    }

    @Test
    void cpuModelIsReadFromEachArchitecturesCpuinfo() {
        assertEquals("AMD EPYC 7B13", Provenance.cpuModel(List.of("processor\t: 0", "model name\t: AMD EPYC 7B13")));
        assertEquals("sifive,u74-mc", Provenance.cpuModel(List.of("isa\t\t: rv64imafdc", "uarch\t\t: sifive,u74-mc")));
        assertEquals("Arm CPU part 0xd08", Provenance.cpuModel(List.of("CPU implementer\t: 0x41", "CPU part\t: 0xd08")));
        assertNull(Provenance.cpuModel(List.of("processor : 0")));
    }
}
