package dev.ftracelab.emu.arm64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftracelab.isa.arm64.A64CrossTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A freestanding C program (sorting, 64/128-bit arithmetic, division, bit tricks, atomics,
 * linked lists; write and exit by {@code svc}) runs on {@link A64Hart} with the same output and
 * exit status as under {@code qemu-aarch64}.
 */
class A64EndToEndTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"", "-march=armv8.1-a", "-mbranch-protection=standard -fpatchable-function-entry=4,2"})
    void sameOutputAndExitStatusAsQemu(String flags) {
        A64CrossTools.require(A64CrossTools.GCC, A64CrossTools.OBJCOPY, A64CrossTools.OBJDUMP, A64CrossTools.QEMU);
        Path src = A64CrossTools.resource("prog.c", tmp);
        List<String> extra = flags.isEmpty() ? List.of() : List.of(flags.split(" "));
        Path elf = A64CrossTools.compile(tmp, src, "prog.elf", extra);

        A64FlatGuest.Outcome ours = A64FlatGuest.run(tmp, elf);

        A64CrossTools.Result qemu = A64CrossTools.run(tmp, List.of(A64CrossTools.QEMU, elf.toString()));
        assertEquals(qemu.stdout(), new String(ours.stdout(), StandardCharsets.UTF_8));
        assertEquals(qemu.exitCode(), ours.status());
    }
}
