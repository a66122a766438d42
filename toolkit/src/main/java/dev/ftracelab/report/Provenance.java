package dev.ftracelab.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a result came from: toolkit version and commit, JVM, OS, CPU, hardware profile, the
 * parameters of the run, and the date. Every exported table, plot and report carries one, so a
 * figure pasted into a mail can be traced back and reproduced.
 *
 * <p>The date honours {@code SOURCE_DATE_EPOCH} (reproducible-builds convention) so two runs
 * with the same inputs can produce byte-identical output.
 *
 * <pre>{@code
 * Provenance p = Provenance.capture().with("dataset", "m1-before").withProfile("vf2");
 * System.out.println(p.toText());
 * }</pre>
 *
 * @param toolkitVersion the toolkit's Maven version
 * @param gitCommit      the commit the toolkit was built from ("unknown" outside a git checkout)
 * @param gitDirty       whether the build had uncommitted changes
 * @param jvm            JVM vendor, name and version
 * @param os             OS name, version and architecture
 * @param cpu            host CPU model and logical core count
 * @param profile        the hardware profile results were modelled for, or "none"
 * @param parameters     the run's parameters, in the order they were added
 * @param date           when the result was produced (UTC, seconds)
 */
public record Provenance(String toolkitVersion, String gitCommit, boolean gitDirty, String jvm, String os,
                         String cpu, String profile, Map<String, String> parameters, Instant date) {

    public Provenance {
        Objects.requireNonNull(toolkitVersion, "toolkitVersion");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(profile, "profile");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The provenance of this process now, with no parameters and no profile. */
    public static Provenance capture() {
        BuildInfo b = BuildInfo.get();
        return new Provenance(b.version(), b.commit(), b.dirty(), jvmDescription(), osDescription(),
                cpuDescription(), "none", Map.of(), now());
    }

    /** A copy with one more parameter (its value as {@code String.valueOf}). */
    public Provenance with(String name, Object value) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put(name, String.valueOf(value));
        return new Provenance(toolkitVersion, gitCommit, gitDirty, jvm, os, cpu, profile, p, date);
    }

    /** A copy for results modelled on the named hardware profile. */
    public Provenance withProfile(String profileName) {
        return new Provenance(toolkitVersion, gitCommit, gitDirty, jvm, os, cpu, profileName, parameters, date);
    }

    /** "ftrace-lab 0.1.0 (commit 1a2b3c4d5e6f, dirty)". */
    public String toolkit() {
        String commit = gitCommit.length() > 12 ? gitCommit.substring(0, 12) : gitCommit;
        return "ftrace-lab " + toolkitVersion + " (commit " + commit + (gitDirty ? ", dirty" : "") + ")";
    }

    /** The stamp as "key: value" lines. */
    public List<String> lines() {
        List<String> out = new java.util.ArrayList<>();
        out.add("toolkit:    " + toolkit());
        out.add("jvm:        " + jvm);
        out.add("os:         " + os);
        out.add("cpu:        " + cpu);
        out.add("profile:    " + profile);
        out.add("parameters: " + (parameters.isEmpty() ? "none" : formatParameters()));
        out.add("date:       " + DateTimeFormatter.ISO_INSTANT.format(date));
        return out;
    }

    /** The stamp as a block of text, one field per line. */
    public String toText() {
        return String.join("\n", lines()) + "\n";
    }

    /** The stamp in one line, short enough to print under a plot. */
    public String oneLine() {
        return toolkit() + " | " + jvm + " | " + os + " | profile " + profile
                + (parameters.isEmpty() ? "" : " | " + formatParameters())
                + " | " + DateTimeFormatter.ISO_INSTANT.format(date);
    }

    /** The stamp as a JSON-ready map (strings, a boolean, and a nested parameter map). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("toolkit_version", toolkitVersion);
        m.put("git_commit", gitCommit);
        m.put("git_dirty", gitDirty);
        m.put("jvm", jvm);
        m.put("os", os);
        m.put("cpu", cpu);
        m.put("profile", profile);
        m.put("parameters", parameters);
        m.put("date", DateTimeFormatter.ISO_INSTANT.format(date));
        return m;
    }

    private String formatParameters() {
        StringBuilder sb = new StringBuilder();
        parameters.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static Instant now() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        if (epoch != null && epoch.matches("\\d+")) {
            return Instant.ofEpochSecond(Long.parseLong(epoch));
        }
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String jvmDescription() {
        return System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "?")
                + " " + System.getProperty("java.runtime.version", System.getProperty("java.version", "?"));
    }

    private static String osDescription() {
        return System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " "
                + System.getProperty("os.arch", "?");
    }

    /** The CPU model from /proc/cpuinfo where there is one, else the architecture. */
    static String cpuDescription() {
        int cores = Runtime.getRuntime().availableProcessors();
        String model = null;
        try {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo)) {
                model = cpuModel(Files.readAllLines(cpuinfo, StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            model = null;
        }
        if (model == null) {
            model = System.getProperty("os.arch", "unknown CPU");
        }
        return model + ", " + cores + " logical CPUs";
    }

    /** Picks the model line of a /proc/cpuinfo listing (x86 "model name", arm "CPU part", riscv "uarch"). */
    static String cpuModel(List<String> cpuinfo) {
        for (String key : List.of("model name", "uarch", "Hardware", "CPU part", "isa")) {
            for (String line : cpuinfo) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    String v = line.substring(colon + 1).trim();
                    if (!v.isEmpty()) {
                        return key.equals("CPU part") ? "Arm CPU part " + v : v;
                    }
                }
            }
        }
        return null;
    }

    /** The build's version and commit, read once from resources generated by Maven. */
    record BuildInfo(String version, String commit, boolean dirty) {
        private static final BuildInfo INSTANCE = load();

        static BuildInfo get() {
            return INSTANCE;
        }

        private static BuildInfo load() {
            Properties version = resource("version.properties");
            Properties git = resource("git.properties");
            String v = version.getProperty("version", "unknown");
            String commit = git.getProperty("git.commit.id.full", "unknown");
            if (commit.isBlank()) {
                commit = "unknown";
            }
            return new BuildInfo(v, commit, Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
        }

        private static Properties resource(String name) {
            Properties p = new Properties();
            try (InputStream in = Provenance.class.getResourceAsStream("/dev/ftracelab/" + name)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // A missing build stamp reads as "unknown"; it never stops a run.
            }
            return p;
        }
    }
}
