package dev.ftracelab.report;

import dev.ftracelab.cost.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a result came from, in two parts a reader must not confuse: the machine that
 * <em>computed</em> it (toolkit version and commit, JVM, OS, CPU) and the hardware it
 * <em>describes</em> ({@link Hardware}: a profile that was modelled, this machine when it was
 * measured, or nothing for pure instruction counts); then the run's parameters and the date.
 * Every exported table, plot and report carries one, so a figure pasted into a mail can be
 * traced back and reproduced.
 *
 * <p>{@link #lines()} is the mail form, wrapped to fit 72 columns behind a two-space indent;
 * {@link #fieldLines()} (CSV), {@link #oneLine()} (PNG, Markdown) and {@link #toMap()} (JSON)
 * are complete and unwrapped.
 *
 * <p>The date honours {@code SOURCE_DATE_EPOCH} (reproducible-builds convention) so two runs
 * with the same inputs can produce byte-identical output.
 *
 * <pre>{@code
 * Provenance p = Provenance.capture().with("dataset", "m1-before").withProfile(Profile.load("vf2"));
 * System.out.println(p.toText());   // ... "modelled:   vf2 profile: StarFive VisionFive 2 ..."
 * }</pre>
 *
 * @param toolkitVersion the toolkit's Maven version
 * @param gitCommit      the commit the toolkit was built from ("unknown" outside a git checkout)
 * @param gitDirty       whether the build had uncommitted changes
 * @param jvm            JVM vendor, name and version (of the computing machine)
 * @param os             OS name, version and architecture (of the computing machine)
 * @param cpu            CPU model and logical core count of the computing machine
 * @param hardware       the hardware the result describes
 * @param parameters     the run's parameters, in the order they were added
 * @param date           when the result was produced (UTC, seconds)
 */
public record Provenance(String toolkitVersion, String gitCommit, boolean gitDirty, String jvm, String os,
                         String cpu, Hardware hardware, Map<String, String> parameters, Instant date) {

    /** Widest stamp line of {@link #lines()}: callers indent by two, a mail holds 72 columns. */
    public static final int TEXT_WIDTH = 70;
    private static final String VALUE_INDENT = " ".repeat(12);

    /**
     * The hardware a result describes. {@code MODELLED}: priced on a hardware profile, never run
     * on it; {@code MEASURED}: timed on the computing machine; {@code NONE}: nothing timed or
     * priced (instruction counts, code sizes, verdicts).
     *
     * @param kind        which of the three
     * @param name        the profile name when modelled, else "none" or "this machine"
     * @param description the profile's description, or what was measured; may be empty
     */
    public record Hardware(Kind kind, String name, String description) {
        /** Nothing modelled or measured. */
        public static final Hardware NONE = new Hardware(Kind.NONE, "none", "");

        /** The three kinds of result. */
        public enum Kind { NONE, MODELLED, MEASURED }

        public Hardware {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            description = description == null ? "" : description;
        }

        /** Priced on profile {@code name}; {@code description} as in the profile file. */
        public static Hardware modelled(String name, String description) {
            return new Hardware(Kind.MODELLED, name, description);
        }

        /** Timed on the computing machine; {@code what} says how (e.g. "JMH on the host JVM"). */
        public static Hardware measured(String what) {
            return new Hardware(Kind.MEASURED, "this machine", what);
        }

        /**
         * The stamp's hardware line without its key: "vf2 profile: StarFive VisionFive 2 (...) -
         * not measured", "on the machine it was computed on (JMH ...)", or "" for none.
         */
        public String describe() {
            return switch (kind) {
                case NONE -> "";
                case MODELLED -> name + " profile" + (description.isEmpty() ? "" : ": " + description)
                        + " - not measured";
                case MEASURED -> "on the machine it was computed on" + (description.isEmpty() ? "" : " (" + description + ")");
            };
        }

        /** "modelled" or "measured" (the stamp's key); "hardware" for none. */
        public String key() {
            return switch (kind) {
                case NONE -> "hardware";
                case MODELLED -> "modelled";
                case MEASURED -> "measured";
            };
        }
    }

    public Provenance {
        Objects.requireNonNull(toolkitVersion, "toolkitVersion");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(hardware, "hardware");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The provenance of this process now, with no parameters and nothing modelled. */
    public static Provenance capture() {
        BuildInfo b = BuildInfo.get();
        return new Provenance(b.version(), b.commit(), b.dirty(), jvmDescription(), osDescription(),
                cpuDescription(), Hardware.NONE, Map.of(), now());
    }

    /** A copy with one more parameter (its value as {@code String.valueOf}). */
    public Provenance with(String name, Object value) {
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put(name, String.valueOf(value));
        return new Provenance(toolkitVersion, gitCommit, gitDirty, jvm, os, cpu, hardware, p, date);
    }

    /** A copy describing {@code h}. */
    public Provenance withHardware(Hardware h) {
        return new Provenance(toolkitVersion, gitCommit, gitDirty, jvm, os, cpu, h, parameters, date);
    }

    /** A copy for results modelled on the hardware profile {@code profile} (name and description). */
    public Provenance withProfile(Profile profile) {
        return withHardware(Hardware.modelled(profile.name(), profile.description()));
    }

    /** A copy for results modelled on the named profile, when only its name is at hand. */
    public Provenance withProfile(String profileName) {
        return withHardware(Hardware.modelled(profileName, ""));
    }

    /** A copy for results timed on the computing machine; {@code how}, e.g. "JMH on the host JVM". */
    public Provenance measuredHere(String how) {
        return withHardware(Hardware.measured(how));
    }

    /** The modelled profile's name, or "none" when nothing was modelled. */
    public String profile() {
        return hardware.kind() == Hardware.Kind.MODELLED ? hardware.name() : "none";
    }

    /** "ftrace-lab 0.1.0 (commit 1a2b3c4d5e6f, dirty)". */
    public String toolkit() {
        String commit = gitCommit.length() > 12 ? gitCommit.substring(0, 12) : gitCommit;
        return "ftrace-lab " + toolkitVersion + " (commit " + commit + (gitDirty ? ", dirty" : "") + ")";
    }

    /**
     * The stamp for a mail: "computed on:" with toolkit, JVM, OS and CPU; the hardware modelled
     * or measured (no line when none); parameters; date. Values wrap onto indented lines so no
     * line is wider than {@link #TEXT_WIDTH}.
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String[] f : fields()) {
            out.addAll(wrapField(f[0], f[1]));
        }
        return out;
    }

    /** The same fields as {@link #lines()}, each on one line however long (CSV {@code #} lines). */
    public List<String> fieldLines() {
        List<String> out = new ArrayList<>();
        for (String[] f : fields()) {
            out.add(f[1].isEmpty() ? f[0].stripTrailing() : f[0] + f[1]);
        }
        return out;
    }

    /** The stamp as a block of text, one field per line, wrapped as {@link #lines()}. */
    public String toText() {
        return String.join("\n", lines()) + "\n";
    }

    /** The stamp in one line (complete, not wrapped), to print under a plot. */
    public String oneLine() {
        String hw = hardware.kind() == Hardware.Kind.NONE ? "" : " | " + hardware.key() + ": " + hardware.describe();
        return toolkit() + " | computed on: " + jvm + ", " + os + ", " + cpu + hw
                + (parameters.isEmpty() ? "" : " | " + formatParameters())
                + " | " + DateTimeFormatter.ISO_INSTANT.format(date);
    }

    /** The stamp as a JSON-ready map (strings, a boolean, and nested maps). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("toolkit_version", toolkitVersion);
        m.put("git_commit", gitCommit);
        m.put("git_dirty", gitDirty);
        m.put("jvm", jvm);
        m.put("os", os);
        m.put("cpu", cpu);
        m.put("profile", profile());
        Map<String, String> hw = new LinkedHashMap<>();
        hw.put("kind", hardware.kind().name().toLowerCase(java.util.Locale.ROOT));
        hw.put("name", hardware.name());
        hw.put("description", hardware.description());
        m.put("hardware", hw);
        m.put("parameters", new LinkedHashMap<>(parameters)); // a visibly ordered map (DeterminismTest)
        m.put("date", DateTimeFormatter.ISO_INSTANT.format(date));
        return m;
    }

    /** {key with padding, value} pairs in stamp order; an empty value is a group heading. */
    private List<String[]> fields() {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {"computed on:", ""});
        f.add(new String[] {"  toolkit:  ", toolkit()});
        f.add(new String[] {"  jvm:      ", jvm});
        f.add(new String[] {"  os:       ", os});
        f.add(new String[] {"  cpu:      ", cpu});
        if (hardware.kind() != Hardware.Kind.NONE) {
            f.add(new String[] {String.format("%-12s", hardware.key() + ":"), hardware.describe()});
        }
        f.add(new String[] {"parameters: ", parameters.isEmpty() ? "none" : formatParameters()});
        f.add(new String[] {"date:       ", DateTimeFormatter.ISO_INSTANT.format(date)});
        return f;
    }

    /** {@code key + value} wrapped at spaces, continuation lines under the value; over-long words are cut. */
    private static List<String> wrapField(String key, String value) {
        if (value.isEmpty()) {
            return List.of(key.stripTrailing());
        }
        int room = TEXT_WIDTH - VALUE_INDENT.length();
        StringBuilder words = new StringBuilder();
        for (String w : value.trim().split("\\s+")) {
            for (int i = 0; i < w.length(); i += room) {
                words.append(words.length() == 0 ? "" : " ").append(w, i, Math.min(w.length(), i + room));
            }
        }
        List<String> wrapped = MailText.wrap(words.toString(), TEXT_WIDTH, VALUE_INDENT).lines().toList();
        List<String> out = new ArrayList<>(wrapped);
        out.set(0, key + wrapped.get(0).substring(VALUE_INDENT.length()));
        return out;
    }

    private String formatParameters() {
        StringBuilder sb = new StringBuilder();
        parameters.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * True when {@code SOURCE_DATE_EPOCH} is set: the same inputs must then give the same bytes,
     * so outputs leave out wall-clock timings (and stamps carry that date, see {@link #capture()}).
     *
     * <pre>{@code
     * if (!Provenance.reproducible()) { b.table("timings", timings); }
     * }</pre>
     */
    public static boolean reproducible() {
        return System.getenv("SOURCE_DATE_EPOCH") != null;
    }

    private static Instant now() {
        return date(System.getenv("SOURCE_DATE_EPOCH"), Instant.now());
    }

    /**
     * The stamp date: {@code sourceDateEpoch} (seconds since 1970, UTC) when set, else {@code now}
     * to the second.
     *
     * @throws dev.ftracelab.util.BadInputException if {@code sourceDateEpoch} is not a whole number
     *     of seconds: a typo must not silently give output that differs run to run
     */
    static Instant date(String sourceDateEpoch, Instant now) {
        if (sourceDateEpoch == null) {
            return now.truncatedTo(ChronoUnit.SECONDS);
        }
        if (!sourceDateEpoch.matches("\\d{1,12}")) {
            throw new dev.ftracelab.util.BadInputException("SOURCE_DATE_EPOCH='" + sourceDateEpoch
                    + "': expected whole seconds since 1970-01-01 UTC, e.g. 1767225600");
        }
        return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch));
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
