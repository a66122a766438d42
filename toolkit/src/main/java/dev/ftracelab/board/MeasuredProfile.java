package dev.ftracelab.board;

import dev.ftracelab.cost.Probe;
import dev.ftracelab.cost.Profile;
import dev.ftracelab.util.BadInputException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A hardware profile from a board's probe output ({@link ProbeOutput}): the base profile with
 * every probed parameter replaced by the value the probe measured, each with the source
 * {@code measured on <board>, <date> (probe NAME: ...)}; the parameters no probe measures keep
 * the base's value and source.
 *
 * <p>Each probe's result is what {@link Probe#expected(Profile)} says it is, so the parameter
 * is that relation solved for it, rounded to the profile's whole cycles. Where the result is a
 * sum, the other term is taken from the profile as built so far, which is why the steps run in
 * this order (a missing probe leaves the base's value in place for the later steps):
 * <ol>
 * <li>{@code load-l1d}: {@code latency.load_to_use}</li>
 * <li>{@code load-l2}: {@code l2.hit_latency} = result - load_to_use</li>
 * <li>{@code load-memory}: {@code memory_latency} = result - load_to_use</li>
 * <li>{@code taken-branch}, {@code direct-jump}, {@code indirect-jump}: the branch bubbles</li>
 * <li>{@code branch-mispredict}: {@code branch.mispredict_penalty} = result + taken_bubble</li>
 * <li>{@code store-forward}: {@code store_buffer.forward_latency} = result, less the cycle an
 *     in-order single-issue core adds (core fields from the base)</li>
 * <li>{@code release-load}: {@code store_buffer.visibility_latency} = result - latency.store
 *     (base: no probe measures it) - load_to_use</li>
 * </ol>
 * The other probes ({@code return}, {@code indirect-call}, {@code spanning-load},
 * {@code store-fence}, {@code l1d-replacement}) measure the same parameters again or what the
 * model takes as given; they are {@link Check checks} against the new profile.
 *
 * <pre>{@code
 * MeasuredProfile m = MeasuredProfile.of(ProbeOutput.read(Path.of("probes.txt")), "vf2", "vf2-mine", "");
 * Files.writeString(Path.of("vf2-mine.yaml"), m.yaml());
 * Profile.load("vf2-mine.yaml").latency().loadToUse();   // what load-l1d measured
 * }</pre>
 *
 * @param profile the new profile
 * @param changes one entry per probed parameter, in step order
 * @param checks  the other probes against the new profile
 * @param yaml    the new profile as a YAML file that {@link Profile#load(String)} reads
 * @param base    the base profile's name
 * @param runner  what the probes ran under instead of a board ({@link ProbeOutput#runner()}), or empty
 */
public record MeasuredProfile(Profile profile, List<Change> changes, List<Check> checks, String yaml, String base,
        String runner) {

    /**
     * One parameter set from a probe.
     *
     * @param path     the parameter, e.g. {@code l2.hit_latency}
     * @param base     the base profile's value
     * @param value    the new value (whole cycles)
     * @param probe    the probe it comes from
     * @param measured the probe's result
     * @param exact    the parameter before rounding (and before clamping at 0)
     * @param source   the source text it carries
     */
    public record Change(String path, double base, int value, String probe, double measured, double exact,
            String source) {
    }

    /**
     * A probe that sets nothing, beside what the new profile says it should have found.
     *
     * @param probe    the probe
     * @param measured its result
     * @param expected {@link Probe#expected(Profile)} on the new profile
     */
    public record Check(String probe, double measured, double expected) {
    }

    /** How a step turns a result into its parameter, given the profile as built so far. */
    private interface Solve {
        double apply(double result, Profile soFar);
    }

    /** How a step names the other term, given the profile as built so far ("" for none). */
    private interface Term {
        String describe(Profile soFar);
    }

    /** A step: the probe, the parameter it sets, the relation solved for it, and its other term. */
    private record Step(String probe, String path, Solve solve, Term term) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("load-l1d", "latency.load_to_use", (r, p) -> r, p -> ""),
            new Step("load-l2", "l2.hit_latency", (r, p) -> r - p.latency().loadToUse(),
                    p -> " - latency.load_to_use " + p.latency().loadToUse()),
            new Step("load-memory", "memory_latency", (r, p) -> r - p.latency().loadToUse(),
                    p -> " - latency.load_to_use " + p.latency().loadToUse()),
            new Step("taken-branch", "branch.taken_bubble", (r, p) -> r, p -> ""),
            new Step("direct-jump", "branch.direct_jump", (r, p) -> r, p -> ""),
            new Step("indirect-jump", "branch.indirect_jump", (r, p) -> r, p -> ""),
            new Step("branch-mispredict", "branch.mispredict_penalty", (r, p) -> r + p.branch().takenBubble(),
                    p -> " + branch.taken_bubble " + p.branch().takenBubble()),
            new Step("store-forward", "store_buffer.forward_latency", (r, p) -> r - singleIssueCycle(p),
                    p -> singleIssueCycle(p) == 0 ? "" : " - 1 (in-order, single issue)"),
            new Step("release-load", "store_buffer.visibility_latency",
                    (r, p) -> r - p.latency().store() - p.latency().loadToUse(),
                    p -> " - latency.store " + p.latency().store() + " - latency.load_to_use " + p.latency().loadToUse()));

    /** The extra cycle {@code store-forward} sees on an in-order core issuing one instruction a cycle. */
    private static int singleIssueCycle(Profile p) {
        return !p.outOfOrder() && p.issueWidth() < 2 ? 1 : 0;
    }

    public MeasuredProfile {
        Objects.requireNonNull(profile, "profile");
        changes = List.copyOf(changes);
        checks = List.copyOf(checks);
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(runner, "runner");
    }

    /**
     * The base profile {@code base} (a name or a {@code .yaml} path) with every probed
     * parameter replaced.
     *
     * @param name  the new profile's name; blank: the board's, made a file name
     * @param board the board for the sources; blank: the output's {@code # board:} note
     * @throws BadInputException for an output of another arch, or no board named anywhere
     */
    public static MeasuredProfile of(ProbeOutput out, String base, String name, String board) {
        Profile baseProfile = Profile.load(base);
        if (out.arch().isPresent() && out.arch().get() != baseProfile.arch()) {
            throw new BadInputException(out.file().toString(), null, "probes ran on " + out.arch().get().id()
                    + " but the base profile " + baseProfile.name() + " is " + baseProfile.arch().id()
                    + ": expected a base of the same arch");
        }
        String boardName = board == null || board.isBlank() ? out.board() : board.strip();
        if (boardName.isBlank()) {
            throw new BadInputException(out.file().toString(), null, "no '# board:' note: expected one, or --board NAME");
        }
        String date = day(out.date());
        String profileName = name == null || name.isBlank() ? fileName(boardName) : name.strip();

        Map<String, Number> overrides = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>();
        Profile soFar = baseProfile;
        for (Step s : STEPS) {
            Optional<ProbeOutput.Result> r = out.result(s.probe());
            if (r.isEmpty()) {
                continue;
            }
            double measured = r.get().value();
            double exact = s.solve().apply(measured, soFar);
            int value = (int) Math.max(0, Math.round(exact));
            String how = String.format(Locale.ROOT, "%.2f", measured) + s.term().describe(soFar)
                    + (exact < -0.5 ? ", below 0: set to 0" : "");
            String source = "measured on " + boardName + ", " + date + " (probe " + s.probe() + ": " + how + ")";
            changes.add(new Change(s.path(), current(baseProfile, s.path()), value, s.probe(), measured, exact, source));
            overrides.put(s.path(), value);
            sources.put(s.path(), source);
            soFar = Profile.load(base, overrides);
        }
        List<Check> checks = new ArrayList<>();
        for (ProbeOutput.Result r : out.results()) {
            if (STEPS.stream().noneMatch(s -> s.probe().equals(r.probe().name()))) {
                checks.add(new Check(r.probe().name(), r.value(), r.probe().expected(soFar)));
            }
        }
        String description = "measured by the ftrace-lab probes on " + boardName + ", " + date + "; the rest from "
                + baseProfile.name();
        Profile measuredProfile = new Profile(profileName, description, soFar.arch(), soFar.clockGhz(),
                soFar.issueWidth(), soFar.outOfOrder(), soFar.robEntries(), soFar.latency(), soFar.branch(),
                soFar.predictor(), soFar.l1i(), soFar.l1d(), soFar.l2(), soFar.memoryLatency(), soFar.storeBuffer(),
                withSources(baseProfile.sources(), sources));
        List<String> header = List.of(
                profileName + ": the profile " + baseProfile.name() + " with the parameters the probes measured on "
                        + boardName + " (" + date + ").",
                "Written by ftrace-lab profile-from " + out.file().getFileName() + " --base " + base + ".",
                "Format: README.md, \"Hardware profiles\".");
        return new MeasuredProfile(measuredProfile, changes, checks, ProfileYaml.write(measuredProfile, header),
                baseProfile.name(), out.runner());
    }

    private static Map<String, Profile.Source> withSources(Map<String, Profile.Source> base, Map<String, String> measured) {
        Map<String, Profile.Source> all = new LinkedHashMap<>(base);
        measured.forEach((path, text) -> all.put(path, new Profile.Source(text, false)));
        return all;
    }

    /** A parameter's value in {@code p}, for the changes' "base" column. */
    private static double current(Profile p, String path) {
        return switch (path) {
            case "latency.load_to_use" -> p.latency().loadToUse();
            case "l2.hit_latency" -> p.l2().hitLatency();
            case "memory_latency" -> p.memoryLatency();
            case "branch.taken_bubble" -> p.branch().takenBubble();
            case "branch.direct_jump" -> p.branch().directJump();
            case "branch.indirect_jump" -> p.branch().indirectJump();
            case "branch.mispredict_penalty" -> p.branch().mispredictPenalty();
            case "store_buffer.forward_latency" -> p.storeBuffer().forwardLatency();
            case "store_buffer.visibility_latency" -> p.storeBuffer().visibilityLatency();
            default -> throw new IllegalArgumentException(path);
        };
    }

    /** The day of an ISO date-time note (2025-03-01T10:00:00Z -> 2025-03-01); other text as is. */
    static String day(String date) {
        if (date == null || date.isBlank()) {
            return "an unrecorded date";
        }
        try {
            return Instant.parse(date.strip()).atZone(ZoneOffset.UTC).toLocalDate().toString();
        } catch (DateTimeParseException e) {
            return date.strip();
        }
    }

    /** A board name as a profile and file name: "StarFive VisionFive 2" -> "starfive-visionfive-2". */
    static String fileName(String board) {
        String s = board.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "board" : s;
    }
}
