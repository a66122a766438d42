package dev.ftracelab.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.InstructionMix;
import dev.ftracelab.emu.ListPathMix;
import dev.ftracelab.emu.MixClass;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListPathMixDatasetTest {
    private static InstructionMix mix(long instructions, long loads, long stores, long release, long fences, long calls,
            long returns, long taken) {
        return InstructionMix.of(new long[] {instructions, loads, stores, release, fences, calls, returns, taken});
    }

    @Test
    void committedDatasetHasBothArchesAndTheHandCountedPerOpsPath() {
        ListPathMixDataset d = ListPathMixDataset.read(ProjectPaths.root().resolve(ListPathMixDataset.FILE));
        assertEquals(List.of(Arch.RISCV64, Arch.ARM64), List.copyOf(d.entries().keySet()));
        assertEquals("6.12.117-1", d.entries().get(Arch.RISCV64).packageVersion());
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("riscv64: ") && n.contains("build-id")), d.notes().toString());
        // Counted by hand along objdump's listing of the same vmlinux files, one irrelevant ops:
        // riscv64: 23 in the loop body up to the call (6 ld, 8 sd, 2 fence rw,w), 24 in
        // hash_contains_ip.isra.0 (8 ld, 2 sd, 3 taken, ret), 11 after it (ld next, bne back: taken)
        assertEquals(mix(58, 15, 10, 0, 2, 1, 1, 4), d.mix(Arch.RISCV64).get(ListPathMix.Component.PER_IRRELEVANT_OPS));
        // arm64: 17 up to the bl (6 loads with the ldp, 3 stp + 2 stlr), 16 in hash_contains_ip.isra.0
        // (6 ldr, cbnz and cbz taken, ret), 5 after it (ldr next, b.ne back: taken)
        assertEquals(mix(38, 13, 5, 2, 0, 1, 1, 3), d.mix(Arch.ARM64).get(ListPathMix.Component.PER_IRRELEVANT_OPS));
    }

    @Test
    void writeThenReadGivesTheSameMixes(@TempDir Path dir) {
        Map<ListPathMix.Component, InstructionMix> parts = new EnumMap<>(ListPathMix.Component.class);
        int i = 1;
        for (ListPathMix.Component c : ListPathMix.Component.values()) {
            parts.put(c, mix(10 * i, i, i, 0, 1, 1, 1, i == 1 ? -1 : i));
            i++;
        }
        ListPathMix m = new ListPathMix(parts);
        KernelListPath.Result r = new KernelListPath.Result(Arch.ARM64, "linux-image-x-arm64", "1.0-1", "abcd", "00ff", m);
        Path f = dir.resolve("mix.csv");
        ListPathMixDataset.write(f, List.of(r));
        ListPathMixDataset d = ListPathMixDataset.read(f);
        assertEquals(m, d.mix(Arch.ARM64));
        assertEquals("linux-image-x-arm64", d.entries().get(Arch.ARM64).packageName());
        assertTrue(d.notes().contains("arm64: linux-image-x-arm64 1.0-1, vmlinux build-id abcd, sha256 00ff"), d.notes().toString());
        assertThrows(IllegalArgumentException.class, () -> d.mix(Arch.RISCV64));
    }

    @Test
    void unknownClassOrMissingRowIsBadInput(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "arch,package,package_version,component,class,count\n"
                + "riscv64,p,1,per_call,branches,3\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ListPathMixDataset.read(f));
        assertTrue(e.getMessage().contains("unknown instruction-mix class 'branches'"), e.getMessage());
        Files.writeString(f, "arch,package,package_version,component,class,count\n"
                + "riscv64,p,1,per_call,loads,3\n");
        e = assertThrows(BadInputException.class, () -> ListPathMixDataset.read(f));
        assertTrue(e.getMessage().contains("riscv64 per_call: expected a row for every class"), e.getMessage());
    }
}
