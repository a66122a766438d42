package dev.ftracelab.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Classpath resources the toolkit ships (guest binaries, indexes). */
public final class Resources {
    private Resources() {
    }

    /**
     * The bytes of the classpath resource at {@code path} (absolute, e.g.
     * {@code /dev/ftracelab/kernel/riscv64/kimage.elf}).
     *
     * @throws IllegalStateException if it is missing: the guest binaries are built by
     *     {@code toolkit/src/guest/build.sh}
     */
    public static byte[] read(String path) {
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path + " (run toolkit/src/guest/build.sh)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + path, e);
        }
    }
}
