package dev.ftracelab.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Host tools some tests compare against (cross compilers, objdump, qemu-user). Without one, such a
 * test is skipped on a developer machine but fails in CI, where {@code FTRACELAB_REQUIRE_TOOLS=1}
 * says the tools must be there.
 */
public final class HostTools {
    private HostTools() {
    }

    /** Whether {@code tool} is on the PATH. */
    public static boolean present(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the calling test (or fails it in CI) unless every tool is on the PATH. */
    public static void require(String... tools) {
        for (String tool : tools) {
            if (!present(tool)) {
                if ("1".equals(System.getenv("FTRACELAB_REQUIRE_TOOLS"))) {
                    fail(tool + " is required (FTRACELAB_REQUIRE_TOOLS=1) but not on the PATH");
                }
                Assumptions.abort(tool + " not on the PATH");
            }
        }
    }
}
