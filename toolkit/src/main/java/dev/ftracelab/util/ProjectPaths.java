package dev.ftracelab.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the ftrace-lab checkout (the folder holding {@code datasets/}) so the CLI, tests and
 * notebooks read the same committed data wherever they run from.
 *
 * <p>Looked up in order: system property {@code ftracelab.root} (set by the notebook kernel and
 * the launcher), environment variable {@code FTRACELAB_ROOT}, then the current directory and its
 * parents.
 *
 * <pre>{@code
 * Path csv = ProjectPaths.datasets().resolve("published/ftrace-ops.csv");
 * }</pre>
 */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** The checkout's root folder. */
    public static Path root() {
        return find().orElseThrow(() -> new BadInputException(
                "cannot find the ftrace-lab checkout (a folder with datasets/): run from inside it,"
                        + " or set -Dftracelab.root=DIR or FTRACELAB_ROOT=DIR"));
    }

    /** {@code root()/datasets}. */
    public static Path datasets() {
        return root().resolve("datasets");
    }

    static Optional<Path> find() {
        String prop = System.getProperty("ftracelab.root");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop).toAbsolutePath().normalize());
        }
        String env = System.getenv("FTRACELAB_ROOT");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env).toAbsolutePath().normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("datasets")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
