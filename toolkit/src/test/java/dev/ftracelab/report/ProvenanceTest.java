package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.cost.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {
    private static final Provenance FIXED = new Provenance("1.2.3", "0123456789abcdef0123", false, "Some JVM 17",
            "Linux 6.1 amd64", "AMD EPYC 7B13, 2 logical CPUs", Provenance.Hardware.NONE, Map.of(),
            Instant.parse("2026-01-02T03:04:05Z"));

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
        assertEquals(Provenance.Hardware.NONE, p.hardware());
    }

    @Test
    void parametersKeepTheirOrderAndCopiesAreIndependent() {
        Provenance base = Provenance.capture();
        Provenance p = base.with("arch", "riscv64").with("calls", 100_000).withProfile("vf2");
        assertTrue(base.parameters().isEmpty());
        assertEquals(List.of("arch", "calls"), List.copyOf(p.parameters().keySet()));
        assertTrue(p.oneLine().contains("| modelled: vf2 profile - not measured | arch=riscv64, calls=100000"),
                p.oneLine());
        assertTrue(p.toText().contains("parameters: arch=riscv64, calls=100000\n"), p.toText());
        assertEquals("vf2", p.toMap().get("profile"));
    }

    @Test
    void computingMachineAndModelledHardwareAreApart() {
        Provenance p = FIXED.withProfile(Profile.load("vf2")).with("command", "dispatch");
        assertEquals(List.of(
                "computed on:",
                "  toolkit:  ftrace-lab 1.2.3 (commit 0123456789ab)",
                "  jvm:      Some JVM 17",
                "  os:       Linux 6.1 amd64",
                "  cpu:      AMD EPYC 7B13, 2 logical CPUs",
                "modelled:   vf2 profile: StarFive VisionFive 2 (JH7110, SiFive U74 @",
                "            1.5 GHz) - not measured",
                "parameters: command=dispatch",
                "date:       2026-01-02T03:04:05Z"), p.lines());
        assertEquals("modelled:   vf2 profile: StarFive VisionFive 2 (JH7110, SiFive U74 @ 1.5 GHz) - not measured",
                p.fieldLines().get(5), "CSV keeps each field on one line");
        assertTrue(p.oneLine().contains("computed on: Some JVM 17, Linux 6.1 amd64, AMD EPYC 7B13, 2 logical CPUs"
                + " | modelled: vf2 profile: StarFive VisionFive 2 (JH7110, SiFive U74 @ 1.5 GHz) - not measured"),
                p.oneLine());
        @SuppressWarnings("unchecked")
        Map<String, String> hw = (Map<String, String>) p.toMap().get("hardware");
        assertEquals(Map.of("kind", "modelled", "name", "vf2",
                "description", "StarFive VisionFive 2 (JH7110, SiFive U74 @ 1.5 GHz)"), hw);
        assertEquals("AMD EPYC 7B13, 2 logical CPUs", p.toMap().get("cpu"));
    }

    @Test
    void measuredSaysThisMachineAndInstructionCountsSayNothing() {
        assertTrue(FIXED.measuredHere("JMH").lines().contains("measured:   on the machine it was computed on (JMH)"),
                FIXED.measuredHere("JMH").toText());
        assertEquals("none", FIXED.measuredHere("JMH").profile());
        assertTrue(FIXED.lines().stream().noneMatch(l -> l.startsWith("modelled") || l.startsWith("measured")
                || l.startsWith("hardware")), FIXED.toText());
    }

    @Test
    void everyMailLineFitsBesideATwoSpaceIndentAndLongValuesWrap() {
        Provenance p = FIXED.withProfile(Profile.load("k1")).with("command", "bench")
                .with("jmh", "1 fork, warm-up 3 x 1 s, 5 x 1 s measured, mode average time")
                .with("outliers", "iterations above median + 3 x 1.4826 x MAD dropped")
                .with("paths", "/home/someone/.cache/ftrace-lab/kernels/linux-image-6.12.117+deb13-riscv64/"
                        + "usr/lib/debug/boot/vmlinux-6.12.117+deb13-riscv64");
        for (String l : p.lines()) {
            assertTrue(l.length() <= Provenance.TEXT_WIDTH, "over " + Provenance.TEXT_WIDTH + ": " + l);
        }
        assertTrue(p.lines().size() > 10, p.toText());
        String joined = String.join("", p.lines()).replace(" ", "");
        assertTrue(joined.contains("/home/someone/.cache/ftrace-lab/kernels/linux-image-6.12.117+deb13-riscv64/usr"
                .replace(" ", "")), "a long path is cut, not lost: " + p.toText());
        assertTrue(p.fieldLines().stream().anyMatch(l -> l.contains("paths=/home/someone/.cache/ftrace-lab/kernels/"
                + "linux-image-6.12.117+deb13-riscv64/usr/lib/debug/boot/vmlinux-6.12.117+deb13-riscv64")));
    }

    @Test
    void cpuModelIsReadFromEachArchitecturesCpuinfo() {
        assertEquals("AMD EPYC 7B13", Provenance.cpuModel(List.of("processor\t: 0", "model name\t: AMD EPYC 7B13")));
        assertEquals("sifive,u74-mc", Provenance.cpuModel(List.of("isa\t\t: rv64imafdc", "uarch\t\t: sifive,u74-mc")));
        assertEquals("Arm CPU part 0xd08", Provenance.cpuModel(List.of("CPU implementer\t: 0x41", "CPU part\t: 0xd08")));
        assertNull(Provenance.cpuModel(List.of("processor : 0")));
    }
}
