package dev.ftracelab.board;

import dev.ftracelab.cost.Probe;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Resources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The probe programs of one architecture ({@link Probe}, built static by
 * {@code toolkit/src/guest/build.sh}) and a POSIX script, {@code run-probes.sh}, that runs each
 * on a board with the programs' defaults and the board's cache sizes (from sysfs; else the base
 * profile's) and collects their output with a description of the board into one file for
 * {@link ProbeOutput} and {@code ftrace-lab profile-from}.
 *
 * <pre>{@code
 * ProbeScript ps = ProbeScript.of(Profile.load("vf2"), "ftrace-lab 0.1", "--arch riscv64");
 * ps.files().keySet();   // [run-probes.sh, taken-branch.elf, ..., load-chain.elf, ...]
 * }</pre>
 *
 * @param base        the profile whose arch the programs are for and whose caches are the fallback
 * @param generatedBy the toolkit and version, for the header
 * @param arguments   the {@code probe-script} arguments that wrote it, for the header
 */
public record ProbeScript(Profile base, String generatedBy, String arguments) {
    /** The script's file name in the folder. */
    public static final String SCRIPT = "run-probes.sh";

    private static final String TEMPLATE = "/dev/ftracelab/board/run-probes.sh";

    /**
     * Each probe's arguments as shell words over the script's cache variables: the same rules as
     * {@link Probe#commandLine(Profile)} (ProbeScriptTest holds them equal for several
     * geometries), evaluated on the board where the caches are known.
     */
    private static final Map<String, List<String>> SHELL_ARGUMENTS = Map.of(
            "load-l1d", List.of("size=$((L1D_KIB * 512))", "line=$L1D_LINE"),
            "load-l2", List.of("size=$((L1D_KIB * 8192))", "line=$L1D_LINE"),
            "load-memory", List.of("size=$((L2_KIB * 4096))", "line=$L2_LINE"),
            "l1d-replacement", List.of("l1d=$((L1D_KIB * 1024))", "ways=$L1D_WAYS", "line=$L1D_LINE"));

    public ProbeScript {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(generatedBy, "generatedBy");
        Objects.requireNonNull(arguments, "arguments");
        // the name goes into the script's commands: only characters that need no quoting
        if (!base.name().matches("[A-Za-z0-9._+-]+")) {
            throw new BadInputException("profile name '" + base.name() + "': expected letters, digits and . _ + -"
                    + " only (it is written into the script)");
        }
        if (arguments.contains("\n") || generatedBy.contains("\n")) {
            throw new IllegalArgumentException("the header's texts are one line each");
        }
    }

    /** The script and programs for {@code base}'s architecture. */
    public static ProbeScript of(Profile base, String generatedBy, String arguments) {
        return new ProbeScript(base, generatedBy, arguments);
    }

    /** The default base profile of an architecture: the board the project models first. */
    public static String defaultBase(Arch arch) {
        return arch == Arch.ARM64 ? "m1" : "vf2";
    }

    /** The probes that exist for the base profile's architecture, in {@link Probe#all()} order. */
    public List<Probe> probes() {
        return Probe.all().stream().filter(p -> p.arches().contains(base.arch())).toList();
    }

    /** The folder's files by name: the script first, then each program once ({@code NAME.elf}). */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(SCRIPT, script().getBytes(StandardCharsets.UTF_8));
        for (Probe p : probes()) {
            String file = p.program() + ".elf";
            if (!files.containsKey(file)) {
                files.put(file, Resources.read("/dev/ftracelab/probe/" + base.arch().id() + "/" + file));
            }
        }
        return files;
    }

    /** The script's text. */
    public String script() {
        String t = new String(Resources.read(TEMPLATE), StandardCharsets.UTF_8);
        List<String> runs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Probe p : probes()) {
            names.add(p.name());
            List<String> words = new ArrayList<>(List.of("probe", p.name(), p.program() + ".elf"));
            words.addAll(shellArguments(p));
            runs.add(String.join(" ", words.stream().map(ProbeScript::quote).toList()));
        }
        Profile.Cache l1d = base.l1d();
        Profile.Cache l2 = base.l2();
        return t.replace("@ARGS@", arguments)
                .replace("@TOOLKIT@", generatedBy)
                .replace("@ARCH@", base.arch().id())
                .replace("@QEMU@", base.arch() == Arch.ARM64 ? "aarch64" : "riscv64")
                .replace("@BASE@", base.name())
                .replace("@PROBES@", String.join(", ", names))
                .replace("@L1D_KIB@", Integer.toString(l1d.sizeKib()))
                .replace("@L1D_WAYS@", Integer.toString(l1d.ways()))
                .replace("@L1D_LINE@", Integer.toString(l1d.lineBytes()))
                .replace("@L2_KIB@", Integer.toString(l2.sizeKib()))
                .replace("@L2_WAYS@", Integer.toString(l2.ways()))
                .replace("@L2_LINE@", Integer.toString(l2.lineBytes()))
                .replace("@FIRST@", probes().get(0).program() + ".elf")
                .replace("@RUNS@", String.join("\n", runs));
    }

    /** A probe's arguments as shell words; one without arguments has none. */
    List<String> shellArguments(Probe p) {
        List<String> words = SHELL_ARGUMENTS.get(p.name());
        if (words == null && p.commandLine(base).size() > 1) {
            throw new IllegalStateException("probe " + p.name() + " takes arguments the board script does not know");
        }
        return words == null ? List.of() : words;
    }

    /** A word in double quotes when it holds shell syntax ($((...)) expands inside them). */
    private static String quote(String word) {
        return word.matches("[A-Za-z0-9._=-]+") ? word : "\"" + word + "\"";
    }
}
