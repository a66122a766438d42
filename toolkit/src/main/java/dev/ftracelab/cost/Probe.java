package dev.ftracelab.cost;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.emu.CounterSource;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.arm64.A64Hart;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64SysReg;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Resources;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A microbenchmark probe: a committed static program ({@code toolkit/src/guest/probes/}) that
 * measures one profile parameter the way one would on a board, by timing loops with the cycle
 * counter, and prints it as {@code result=}. {@link #run} runs it under the {@link CostModel}
 * with the hart's counters reading the model's cycles, so the program measures what the model
 * charges; {@link #expected} is what the profile says it should find. The model and its profile
 * agree with themselves when the two match.
 *
 * <pre>{@code
 * Probe.Run r = Probe.named("load-l2").run(Profile.load("vf2"));
 * r.measured();   // 23.0 cycles per load, from the program's own timing
 * r.expected();   // latency.load_to_use + l2.hit_latency = 3 + 20
 * }</pre>
 *
 * @param name        the probe's name ({@code ftrace-lab probe NAME})
 * @param program     the binary it runs, {@code probe/<arch>/<program>.elf}
 * @param parameter   the profile parameter(s) the result stands for, as the profile's paths
 * @param description what is measured, in a line
 * @param arguments   the program's arguments for a profile (cache sizes and line), besides iters/reps
 * @param expected    the value the profile implies for the result
 * @param arches      the architectures it exists for
 */
public record Probe(String name, String program, String parameter, String description,
        Function<Profile, List<String>> arguments, ToDoubleFunction<Profile> expected, Set<Arch> arches) {

    /**
     * Loop iterations per timing under the model. The model is deterministic, so a few hundred
     * iterations after the warm-up run give the steady-state figure; a board needs the programs'
     * defaults (100000 iterations, best of 5 timings) to beat timer resolution and noise.
     */
    public static final int MODEL_ITERATIONS = 5000;
    /** Timings per figure under the model: the fastest counts, as on a board. */
    public static final int MODEL_REPETITIONS = 2;

    private static final Set<Arch> BOTH = Set.of(Arch.RISCV64, Arch.ARM64);

    private static final List<Probe> ALL = List.of(
            new Probe("taken-branch", "taken-branch", "branch.taken_bubble",
                    "cycles per always-taken conditional branch, minus its own cycle",
                    p -> List.of(), p -> p.branch().takenBubble(), BOTH),
            new Probe("direct-jump", "direct-jump", "branch.direct_jump",
                    "cycles per direct jump (j / b), minus its own cycle",
                    p -> List.of(), p -> p.branch().directJump(), BOTH),
            new Probe("indirect-jump", "indirect-jump", "branch.indirect_jump",
                    "cycles per predicted register jump (jr / br), minus its own cycle",
                    p -> List.of(), p -> p.branch().indirectJump(), BOTH),
            new Probe("return", "return", "branch.indirect_jump",
                    "cycles per call+return minus a direct jump's, minus the return's own cycle",
                    p -> List.of(), p -> p.branch().indirectJump(), BOTH),
            new Probe("indirect-call", "indirect-call", "branch.mispredict_penalty - branch.indirect_jump",
                    "extra cycles of an indirect call whose target changed (random targets vs one target)",
                    p -> List.of(), p -> p.branch().mispredictPenalty() - p.branch().indirectJump(), BOTH),
            new Probe("load-l1d", "load-chain", "latency.load_to_use",
                    "cycles per load of a pointer chase over half the L1D",
                    p -> List.of("size=" + p.l1d().sizeKib() * 512L, "line=" + p.l1d().lineBytes()),
                    p -> p.latency().loadToUse(), BOTH),
            new Probe("load-l2", "load-chain", "latency.load_to_use + l2.hit_latency",
                    "cycles per load of a pointer chase over 8 x the L1D (within the L2)",
                    p -> List.of("size=" + p.l1d().sizeKib() * 8192L, "line=" + p.l1d().lineBytes()),
                    p -> p.latency().loadToUse() + p.l2().hitLatency(), BOTH),
            new Probe("load-memory", "load-chain", "latency.load_to_use + memory_latency",
                    "cycles per load of a pointer chase over 4 x the L2",
                    p -> List.of("size=" + p.l2().sizeKib() * 4096L, "line=" + p.l2().lineBytes()),
                    p -> p.latency().loadToUse() + p.memoryLatency(), BOTH),
            new Probe("l1d-replacement", "l1d-replacement", "l1d replacement (the model's LRU: 100)",
                    "percent of loads missing on a cyclic walk over the L1D plus one way",
                    p -> List.of("l1d=" + p.l1d().sizeKib() * 1024L, "ways=" + p.l1d().ways(),
                            "line=" + p.l1d().lineBytes()),
                    p -> 100, BOTH),
            new Probe("store-forward", "store-forward", "store_buffer.forward_latency",
                    "cycles per store + load of the same 8 bytes, chained through the register",
                    p -> List.of(), Probe::storeForward, BOTH),
            new Probe("release-load", "release-load",
                    "latency.store + store_buffer.visibility_latency + latency.load_to_use",
                    "cycles per release store + load of it (arm64 stlr; ldr, riscv fence rw,w; sd; ld), chained",
                    p -> List.of(), Probe::releaseLoad, BOTH),
            new Probe("spanning-load", "spanning-load",
                    "latency.store + store_buffer.visibility_latency + latency.load_to_use",
                    "cycles per two stores + a load spanning both (arm64 str; str; ldp, riscv sh; sh; lw), chained",
                    p -> List.of(), Probe::spanningLoad, BOTH),
            new Probe("store-fence", "store-fence", "latency.store + store_buffer.visibility_latency",
                    "cycles per store + full fence (riscv fence rw,rw, arm64 dmb ish)",
                    p -> List.of(), Probe::storeFence, BOTH),
            new Probe("branch-mispredict", "branch-mispredict", "branch.mispredict_penalty - branch.taken_bubble",
                    "extra cycles of a mispredicted alternating branch (after 64 taken ones) over an always-taken one",
                    p -> List.of(), Probe::branchMispredict, BOTH));

    /*
     * The store-buffer probes under CostModel's rules (S: the cycle the unit's first store starts,
     * st = latency.store, V = store_buffer.visibility_latency, L = latency.load_to_use):
     * a store commits at S + st (out of order: no earlier than the retirement of everything before
     * it, which in these chains is the previous load, done at S) and is visible at commit + V; a
     * load that cannot be forwarded starts at that visibility and has its result L later, which
     * is when the next unit's store can start.
     */

    /**
     * store-forward: the load is forwarded from the store, its result F after the later of its own
     * start and the store's: F per pair, when the load can issue beside the store (out of order,
     * or in order at width 2 and more); at one instruction per cycle it starts a cycle later: F + 1.
     */
    static double storeForward(Profile p) {
        return p.storeBuffer().forwardLatency() + (!p.outOfOrder() && p.issueWidth() < 2 ? 1 : 0);
    }

    /**
     * release-load: the release store commits at S + st; being a release it is visible no
     * earlier than the earlier stores (visible before S) and loads (done at S): S + st + V. The
     * load is never forwarded from a release store, so it starts then: st + V + L per pair, in
     * order and out of order. (riscv: the fence rw,w before the store holds it until the earlier
     * load is done and the earlier store visible, both no later than S, so it costs nothing more.)
     */
    static double releaseLoad(Profile p) {
        return p.latency().store() + p.storeBuffer().visibilityLatency() + p.latency().loadToUse();
    }

    /**
     * spanning-load: both stores take their data from the previous load, done at S. The youngest
     * store overlapping the load holds only part of its bytes, so the load waits for that second
     * store to be visible. In order it issues beside the first when two instructions issue per
     * cycle (S, else S + 1): st + V + L (+ 1 at width 1). Out of order it starts at S too but
     * commits no earlier than the first store's completion (S + alu): max(st, alu) + V + L.
     */
    static double spanningLoad(Profile p) {
        int v = p.storeBuffer().visibilityLatency() + p.latency().loadToUse();
        if (p.outOfOrder()) {
            return Math.max(p.latency().store(), p.latency().alu()) + v;
        }
        return p.latency().store() + v + (p.issueWidth() >= 2 ? 0 : 1);
    }

    /**
     * store-fence: the fence holds every later store until the earlier ones are visible, so each
     * pair's store starts when the previous one is visible, st + V after it started; at least the
     * cycles the pair's two instructions take to issue (1 cycle at width 2 and more, 2 at width 1).
     */
    static double storeFence(Profile p) {
        return Math.max(p.latency().store() + p.storeBuffer().visibilityLatency(), p.issueWidth() >= 2 ? 1 : 2);
    }

    /**
     * branch-mispredict: each copy of the alternating branch
     * follows 64 taken branches, so with history_bits <= 64 its gshare index never changes and its
     * 2-bit counter, left at "strongly taken" by the always-taken run, moves between the two taken
     * states: every not-taken instance mispredicts and the next instruction starts penalty cycles
     * after the branch completes, where the predicted taken branch's target started taken_bubble
     * cycles after it. Both paths then take one direct jump to the same place, so each
     * mispredict adds mispredict_penalty - taken_bubble, in order and out of order.
     */
    static double branchMispredict(Profile p) {
        return p.branch().mispredictPenalty() - p.branch().takenBubble();
    }

    /** Every probe, in the order {@code probe --list} prints them. */
    public static List<Probe> all() {
        return ALL;
    }

    /**
     * The probe called {@code name}.
     *
     * @throws BadInputException naming the probes there are
     */
    public static Probe named(String name) {
        for (Probe p : ALL) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        throw new BadInputException("no probe '" + name + "': expected one of "
                + String.join(", ", ALL.stream().map(Probe::name).toList()));
    }

    /** The profile's value for the result. */
    public double expected(Profile profile) {
        return expected.applyAsDouble(profile);
    }

    /** The command line for {@code profile}'s core, program name first, without iters/reps. */
    public List<String> commandLine(Profile profile) {
        List<String> argv = new ArrayList<>();
        argv.add(program + ".elf");
        argv.addAll(arguments.apply(profile));
        return argv;
    }

    /** The committed binary for {@code arch}, as {@code /dev/ftracelab/probe/<arch>/<program>.elf}. */
    public ElfFile binary(Arch arch) {
        String path = "/dev/ftracelab/probe/" + arch.id() + "/" + program + ".elf";
        return ElfFile.parse(Resources.read(path), path);
    }

    /**
     * What the probe measured on the model and what the profile says.
     *
     * @param argv       the program's command line
     * @param stdout     everything it printed
     * @param exitStatus its exit status (0: it ran to the end)
     * @param measured   its {@code result=} value (NaN if it printed none)
     * @param expected   {@link Probe#expected(Profile)}
     */
    public record Run(Probe probe, Profile profile, List<String> argv, String stdout, int exitStatus,
            double measured, double expected) {
    }

    /**
     * Runs the probe under {@link CostModel} for {@code profile}: every instruction priced as it
     * retires, and the program's cycle counter ({@code rdcycle}, {@code rdtime},
     * {@code CNTVCT_EL0}, {@code PMCCNTR_EL0}) reading the model's cycles so far as a serializing
     * read ({@link CostModel#counterRead()}), with
     * {@code CNTFRQ_EL0} set to the profile's clock (one tick per modelled cycle).
     *
     * @throws BadInputException if the probe does not exist for the profile's architecture
     */
    public Run run(Profile profile) {
        return run(profile, MODEL_ITERATIONS, MODEL_REPETITIONS);
    }

    /** As {@link #run(Profile)}, with the program's {@code iters} and {@code reps} arguments. */
    public Run run(Profile profile, int iterations, int repetitions) {
        if (!arches.contains(profile.arch())) {
            throw new BadInputException("probe " + name + " has no " + profile.arch().id() + " build (profile "
                    + profile.name() + ")");
        }
        List<String> argv = new ArrayList<>(commandLine(profile));
        argv.add("iters=" + iterations);
        argv.add("reps=" + repetitions);
        Machine m = LinuxUser.load(binary(profile.arch()), 1, argv);
        Hart h = m.hart(0);
        CostModel model = new CostModel(profile);
        h.setListener(model);
        h.setCounterSource((hart, kind) -> kind == CounterSource.Kind.INSTRET ? hart.retired() : model.counterRead());
        if (h instanceof A64Hart a) {
            a.setSystemRegister(A64SysReg.CNTFRQ_EL0, Math.round(profile.clockGhz() * 1e9));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxUser.Result r = LinuxUser.run(m, out, out, LinuxUser.DEFAULT_LIMIT);
        String text = out.toString(StandardCharsets.UTF_8);
        return new Run(this, profile, argv, text, r.exitStatus(), result(text), expected(profile));
    }

    /** The value of the last {@code result=} line, or NaN. */
    static double result(String stdout) {
        double v = Double.NaN;
        for (String line : stdout.split("\n")) {
            if (line.startsWith("result=")) {
                try {
                    v = Double.parseDouble(line.substring(7).strip());
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
            }
        }
        return v;
    }
}
