package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.elf.ElfFile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * The arch-independent half of the random-instruction differential tests (both ISAs): a guest
 * program runs random blocks and writes a register dump of a fixed number of 64-bit slots after
 * each, then possibly more bytes (a memory buffer); it runs here interpreted and with every
 * block compiled at its first entry, and each dump must equal qemu-user's bit for bit.
 *
 * <pre>{@code
 * for (RegisterDumps.Mode mode : RegisterDumps.Mode.values()) {
 *     RegisterDumps.assertSame(mode.name(), qemuStdout, RegisterDumps.run(elf, mode), blocks, slots, names, listings);
 * }
 * }</pre>
 */
public final class RegisterDumps {
    /** Blocks named in a failure message; the rest are only counted. */
    private static final int SHOWN = 8;

    /** How the emulator runs a program: every block interpreted, or compiled at its first entry. */
    public enum Mode {
        INTERPRETED(Integer.MAX_VALUE), COMPILED(1);

        private final int threshold;

        Mode(int threshold) {
            this.threshold = threshold;
        }
    }

    private RegisterDumps() {
    }

    /**
     * Runs a static ELF on the emulator in {@code mode}; it must exit 0 without a trap. Compiled,
     * at least {@code minCompiled} blocks must have been compiled (else the mode tested nothing).
     *
     * @return what it wrote to stdout and stderr
     */
    public static byte[] run(Path elf, Mode mode, int minCompiled) {
        Machine m = LinuxUser.load(ElfFile.read(elf));
        Hart h = m.hart(0);
        h.setCompileThreshold(mode.threshold);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxUser.Result r = LinuxUser.run(m, out, out, LinuxUser.DEFAULT_LIMIT);
        assertNull(r.trap(), () -> mode + ": " + r.trap().describe());
        assertEquals(0, r.exitStatus(), mode + ": exit status");
        if (mode == Mode.COMPILED) {
            assertTrue(h.compiledBlocks() >= minCompiled, mode + ": only " + h.compiledBlocks() + " blocks compiled");
        } else {
            assertEquals(0, h.compiledBlocks(), "interpreted");
        }
        return out.toByteArray();
    }

    /**
     * Requires {@code actual} to equal {@code expected}: {@code blocks} dumps of {@code slots}
     * little-endian 64-bit slots, then any further bytes. Every differing block is counted, the
     * first few are named with the slot, both values and the block's listing.
     *
     * @param what     the run compared (a mode), for the message
     * @param slotName names a slot of a dump ("x3", "FPSR")
     * @param listing  the instructions of a block
     */
    public static void assertSame(String what, byte[] expected, byte[] actual, int blocks, int slots,
                                  IntFunction<String> slotName, IntFunction<String> listing) {
        assertEquals(expected.length, actual.length, what + ": output length");
        assertTrue(expected.length >= blocks * slots * 8, what + ": output shorter than the dumps");
        ByteBuffer q = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer o = ByteBuffer.wrap(actual).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        for (int b = 0; b < blocks; b++) {
            for (int slot = 0; slot < slots; slot++) {
                long e = q.getLong((b * slots + slot) * 8);
                long a = o.getLong((b * slots + slot) * 8);
                if (e != a) {
                    if (failed++ < SHOWN) {
                        failures.append(String.format("block %d: %s is %x under qemu, %x here; block:%n%s", b,
                                slotName.apply(slot), e, a, listing.apply(b)));
                    }
                    break;
                }
            }
        }
        if (failed > 0) {
            fail(String.format("%s: %d of %d blocks differ%n%s", what, failed, blocks, failures));
        }
        for (int k = blocks * slots * 8; k < expected.length; k++) {
            if (expected[k] != actual[k]) {
                fail(String.format("%s: output after the dumps differs first at its byte 0x%x: %02x under qemu, %02x here",
                        what, k - blocks * slots * 8, expected[k], actual[k]));
            }
        }
    }
}
