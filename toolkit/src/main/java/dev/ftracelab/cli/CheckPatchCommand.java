package dev.ftracelab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ftracelab.ftrace.Layout;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.patch.CheckOptions;
import dev.ftracelab.patch.CheckResult;
import dev.ftracelab.patch.Explorer;
import dev.ftracelab.patch.PatchPlan;
import dev.ftracelab.patch.PatchPlan.Op;
import dev.ftracelab.patch.PlanFile;
import dev.ftracelab.patch.Preemption;
import dev.ftracelab.patch.Scenario;
import dev.ftracelab.patch.Scheme;
import dev.ftracelab.report.PatchSafetyTables;
import dev.ftracelab.report.Progress;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.util.BadInputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab check-patch}: explore a patch plan against preempted tasks; SAFE or a counterexample. */
@Command(name = "check-patch", mixinStandardHelpOptions = true,
        description = {"Check a text-patching plan: run it against tasks calling the patched function on emulated harts,"
                + " through every interleaving up to a preemption bound, and print SAFE or the shortest counterexample"
                + " found as a disassembled trace. Exit status 0 SAFE, 1 UNSAFE, 2 bad input."})
final class CheckPatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--scheme", paramLabel = "SCHEME", converter = SchemeConverter.class,
                completionCandidates = SchemeConverter.class,
                description = "A built-in scheme: riscv-nop-nop-stop-machine, riscv-atomic, riscv-call-ops, arm64-pre-call-ops, arm64-call-ops, breakpoint.")
        Scheme scheme;

        @Option(names = "--plan", paramLabel = "FILE", description = "A plan written in YAML or JSON (see the README); its op is in the file.")
        Path plan;
    }

    @Option(names = "--arch", paramLabel = "ARCH", converter = DesignOptions.ArchConverter.class,
            description = "With --plan: the arch whose guest image the plan patches. Default: riscv64.")
    Arch arch = Arch.RISCV64;

    @Option(names = "--layout", paramLabel = "LAYOUT", converter = DesignOptions.LayoutConverter.class,
            description = "With --plan: the patch-site layout the plan patches. Default: call-ops.")
    Layout layout = Layout.CALL_OPS;

    @Option(names = "--op", paramLabel = "OP", defaultValue = "all",
            description = "With --scheme: enable, retarget, disable or all. Default: ${DEFAULT-VALUE}.")
    String op;

    @Option(names = "--preempt", paramLabel = "MODE", defaultValue = "full", converter = PreemptionConverter.class,
            description = "none, voluntary or full. Default: ${DEFAULT-VALUE}.")
    Preemption preempt;

    @Option(names = "--tasks", paramLabel = "K", defaultValue = "2", description = "Tasks calling the function. Default: ${DEFAULT-VALUE}.")
    int tasks;

    @Option(names = "--harts", paramLabel = "H", defaultValue = "2", description = "Harts running them. Default: ${DEFAULT-VALUE}.")
    int harts;

    @Option(names = "--calls", paramLabel = "C", defaultValue = "2", description = "Calls per task. Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(names = "--ziccif", paramLabel = "on|off", defaultValue = "on", converter = OnOff.class, arity = "1",
            description = "RISC-V Ziccif (aligned instruction stores fetched whole). Default: ${DEFAULT-VALUE}.")
    boolean ziccif;

    @Option(names = "--bound", paramLabel = "N", defaultValue = "2",
            description = "Preemption bound: involuntary preemptions per path. Default: ${DEFAULT-VALUE}.")
    int bound;

    @Option(names = "--free-check", paramLabel = "on|off", defaultValue = "on", converter = OnOff.class, arity = "1",
            description = "Check that nothing the plan frees is used afterwards. Default: ${DEFAULT-VALUE}.")
    boolean freeCheck;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (fit for a mail) or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new BadInputException("--format: expected text or json, got '" + format + "'");
        }
        CheckOptions options;
        try {
            options = CheckOptions.builder().preemption(preempt).tasks(tasks).harts(harts).calls(calls).ziccif(ziccif)
                    .preemptionBound(bound).freeCheck(freeCheck).build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        List<CheckResult> results = new ArrayList<>();
        List<PatchPlan> plans = new ArrayList<>();
        Provenance prov = Provenance.capture().with("command", "check-patch").with("options", options.describe());
        try (Progress progress = Progress.start("states explored", -1)) {
            CheckOptions o = options.toBuilder().progress(progress::stepTo).build();
            if (source.scheme != null) {
                Scheme s = source.scheme;
                prov = prov.with("scheme", s.id()).with("arch", s.arch().id()).with("layout", s.layout().id());
                for (Op op : ops()) {
                    Scenario sc = Scenario.of(s.arch(), s.layout(), op, harts);
                    PatchPlan plan = sc.plan(s);
                    plans.add(plan);
                    results.add(Explorer.check(sc, plan, o));
                }
            } else {
                Layout l = checkedLayout();
                prov = prov.with("plan", source.plan.toString()).with("arch", arch.id()).with("layout", l.id());
                // the plan names the scenario's ops (A, B) and trampolines, which exist per op
                Map<Op, Scenario> made = new EnumMap<>(Op.class);
                PatchPlan plan = PlanFile.readFor(source.plan,
                        o2 -> made.computeIfAbsent(o2, k -> Scenario.of(arch, l, k, harts))::symbolAddress);
                Scenario sc = made.get(plan.op());
                plans.add(plan);
                try {
                    results.add(Explorer.check(sc, plan, o));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(source.plan.toString(), null, e.getMessage());
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(json(results, plans, prov));
        } else {
            for (int i = 0; i < results.size(); i++) {
                out.print(PatchSafetyTables.text(plans.get(i), results.get(i)));
                out.println();
            }
            out.print(prov.toText());
        }
        out.flush();
        return results.stream().allMatch(CheckResult::safe) ? 0 : 1;
    }

    private List<Op> ops() {
        if (op.equals("all")) {
            return Arrays.asList(Op.values());
        }
        try {
            return List.of(Op.parse(op));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--op: unknown op '" + op + "': expected enable, retarget, disable or all");
        }
    }

    private Layout checkedLayout() {
        try {
            return layout.checkArch(arch);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--layout: " + e.getMessage());
        }
    }

    private static String json(List<CheckResult> results, List<PatchPlan> plans, Provenance prov) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("provenance", prov.toMap());
        List<Object> rs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            rs.add(PatchSafetyTables.toMap(plans.get(i), results.get(i)));
        }
        root.put("results", rs);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class SchemeConverter extends DesignOptions.Converter<Scheme> {
        SchemeConverter() {
            super(Scheme::parse, Arrays.stream(Scheme.values()).map(Scheme::id).toList());
        }
    }

    static final class PreemptionConverter extends DesignOptions.Converter<Preemption> {
        PreemptionConverter() {
            super(Preemption::parse, Arrays.stream(Preemption.values()).map(Preemption::id).toList());
        }
    }

    static final class OnOff implements CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new CommandLine.TypeConversionException("expected on or off, got '" + value + "'");
            };
        }
    }
}
