package dev.ftracelab.cli;

import dev.ftracelab.cost.Profile;
import dev.ftracelab.report.MailTable;
import dev.ftracelab.report.MailText;
import dev.ftracelab.report.Provenance;
import dev.ftracelab.report.TableFormat;
import dev.ftracelab.report.Tables;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ftrace-lab profiles}: the hardware profiles the cost model can use. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"List the hardware profiles (datasets/profiles/*.yaml) the cost model prices runs on;"
                + " with --show, every parameter of one profile with its source."})
final class ProfilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--show", paramLabel = "PROFILE", description = "Every parameter of this profile (name or .yaml file).")
    String show;

    @Mixin
    FormatOption output;

    /** Mail layout of the profile list. */
    private static final MailTable LIST = MailTable.builder()
            .column("name", "Profile").column("arch", "Arch").column("clockGhz", "GHz").column("issueWidth", "Width")
            .column("order", "Order").column("mispredict", "Misp.").column("loadToUse", "Load")
            .column("estimates", "Est.").decimals("clockGhz", 3).keyColumns(1).build();

    public record Summary(String name, String arch, double clockGhz, int issueWidth, String order, int mispredict,
            int loadToUse, long estimates) {
    }

    public record Parameter(String parameter, String value, String kind, String source) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Provenance p = Provenance.capture().with("command", "profiles");
        if (show == null) {
            List<Summary> rows = new ArrayList<>();
            for (String n : Profile.names()) {
                Profile pr = Profile.load(n);
                rows.add(new Summary(pr.name(), pr.arch().id(), pr.clockGhz(), pr.issueWidth(),
                        pr.outOfOrder() ? "OoO" : "in-order", pr.branch().mispredictPenalty(),
                        pr.latency().loadToUse(), pr.sources().values().stream().filter(Profile.Source::estimate).count()));
            }
            out.print(output.format.render(Tables.of("hardware profiles", rows), LIST, p));
            if (output.format == TableFormat.TEXT) {
                out.println();
                Profile.names().forEach(n -> out.print(MailText.wrap(n + ": " + Profile.load(n).description(),
                        MailTable.MAIL_WIDTH, "  ", "    ")));
                out.print(MailText.wrap("(read from " + Profile.folder() + "; 'profiles --show NAME' for every"
                        + " parameter and its source)", MailTable.MAIL_WIDTH, "  ", "   "));
            }
        } else {
            Profile pr = Profile.load(show);
            List<Parameter> rows = new ArrayList<>();
            for (Map.Entry<String, Object> e : values(pr).entrySet()) {
                Profile.Source s = pr.source(e.getKey());
                rows.add(new Parameter(e.getKey(), String.valueOf(e.getValue()), s.estimate() ? "estimate" : "source",
                        s.text()));
            }
            if (output.format == TableFormat.TEXT) {
                out.print(MailText.wrap(pr.name() + ": " + pr.description() + " (" + pr.arch() + ")",
                        MailTable.MAIL_WIDTH, "", "  "));
                out.println();
                // sources are long: one parameter per line, the source wrapped under itself
                int name = rows.stream().mapToInt(r -> r.parameter().length()).max().orElse(0);
                int value = rows.stream().mapToInt(r -> r.value().length()).max().orElse(0);
                for (Parameter r : rows) {
                    String head = String.format(java.util.Locale.ROOT, "  %-" + name + "s %-" + value + "s %s ",
                            r.parameter(), r.value(), r.kind().equals("estimate") ? "E" : "S");
                    out.print(MailText.wrap(r.source(), MailTable.MAIL_WIDTH, head, " ".repeat(head.length())));
                }
                out.println();
                out.print(MailText.wrap("S: the value comes from the source named; E: an estimate, for the reason"
                        + " given.", MailTable.MAIL_WIDTH, "  "));
                out.println();
                p.withProfile(pr).lines().forEach(l -> out.println("  " + l));
            } else {
                out.print(output.format.render(Tables.of("profile " + pr.name(), rows), MailTable.plain(), p.withProfile(pr)));
            }
        }
        out.flush();
        return 0;
    }

    /** Every parameter's value by its path, in the file's order. */
    private static Map<String, Object> values(Profile p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("core.clock_ghz", p.clockGhz());
        m.put("core.issue_width", p.issueWidth());
        m.put("core.out_of_order", p.outOfOrder());
        m.put("core.rob_entries", p.robEntries());
        m.put("latency.alu", p.latency().alu());
        m.put("latency.mul", p.latency().mul());
        m.put("latency.div", p.latency().div());
        m.put("latency.load_to_use", p.latency().loadToUse());
        m.put("latency.store", p.latency().store());
        m.put("branch.taken_bubble", p.branch().takenBubble());
        m.put("branch.direct_jump", p.branch().directJump());
        m.put("branch.indirect_jump", p.branch().indirectJump());
        m.put("branch.mispredict_penalty", p.branch().mispredictPenalty());
        m.put("predictor.bht_entries", p.predictor().bhtEntries());
        m.put("predictor.btb_entries", p.predictor().btbEntries());
        m.put("predictor.ras_entries", p.predictor().rasEntries());
        for (var c : List.of(Map.entry("l1i", p.l1i()), Map.entry("l1d", p.l1d()), Map.entry("l2", p.l2()))) {
            m.put(c.getKey() + ".size_kib", c.getValue().sizeKib());
            m.put(c.getKey() + ".ways", c.getValue().ways());
            m.put(c.getKey() + ".line_bytes", c.getValue().lineBytes());
            m.put(c.getKey() + ".hit_latency", c.getValue().hitLatency());
        }
        m.put("memory_latency", p.memoryLatency());
        return m;
    }
}
