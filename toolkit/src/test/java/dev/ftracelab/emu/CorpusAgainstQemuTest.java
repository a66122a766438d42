package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.testing.HostTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Differential test: every corpus program prints the same and exits the same under the emulator and qemu-user. */
class CorpusAgainstQemuTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyProgramMatchesQemu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            for (String name : GuestCorpus.names(arch)) {
                for (String variant : new String[] {name, name + ".pfe"}) {
                    tests.add(DynamicTest.dynamicTest(arch.id() + "/" + variant, () -> compare(arch, variant)));
                }
            }
            for (String build : GuestCorpus.extensionBuilds(arch)) {
                tests.add(DynamicTest.dynamicTest(arch.id() + "/" + build, () -> compare(arch, build)));
            }
        }
        assertTrue(tests.size() >= 40, "corpus has programs for both arches");
        return tests.stream();
    }

    private void compare(Arch arch, String name) throws Exception {
        String qemu = arch == Arch.RISCV64 ? "qemu-riscv64" : "qemu-aarch64";
        HostTools.require(qemu);
        LinuxUser.Captured emu = LinuxUser.capture(GuestCorpus.load(arch, name), LinuxUser.DEFAULT_LIMIT);
        assertNull(emu.result().trap(), () -> "emulator trapped: " + emu.result().trap().describe());

        Path elf = tmp.resolve(arch.id() + "-" + name);
        Files.write(elf, GuestCorpus.bytes(arch, name));
        assertTrue(elf.toFile().setExecutable(true), "qemu-user needs an executable file");
        Process p = new ProcessBuilder(qemu, elf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), qemu + " did not finish");
        assertEquals(out, emu.stdout(), "stdout");
        assertEquals(p.exitValue(), emu.result().exitStatus(), "exit status");
        assertTrue(emu.result().instructions() > 100, "the program really ran");
    }
}
