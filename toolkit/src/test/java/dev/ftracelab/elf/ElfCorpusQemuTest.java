package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.isa.Arch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed guest program runs on qemu-user and exits 0 (all its self-checks passed), and
 * the patchable-entry build prints exactly what the plain build prints.
 */
class ElfCorpusQemuTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> programs() {
        List<Arguments> out = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            for (String name : GuestCorpus.names(arch)) {
                out.add(Arguments.of(arch, name));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("programs")
    void runsOnQemuAndPassesItsChecks(Arch arch, String name) throws Exception {
        String qemu = Binutils.require(arch == Arch.RISCV64 ? "qemu-riscv64" : "qemu-aarch64");
        String plain = run(qemu, arch, name);
        String pfe = run(qemu, arch, name + ".pfe");
        assertTrue(plain.contains("="), plain);
        assertEquals(plain, pfe);
    }

    private String run(String qemu, Arch arch, String name) throws Exception {
        Path exe = tmp.resolve(name + ".elf");
        Files.write(exe, GuestCorpus.bytes(arch, name));
        // qemu-user exits 1 without a message on a file that is not executable.
        assertTrue(exe.toFile().setExecutable(true));
        Process p = new ProcessBuilder(qemu, exe.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + name);
        assertEquals(0, p.exitValue(), () -> name + ": first failed check (exit status), output:\n" + out);
        return out;
    }
}
