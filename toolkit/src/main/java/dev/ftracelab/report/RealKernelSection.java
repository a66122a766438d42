package dev.ftracelab.report;

import dev.ftracelab.cost.Profile;
import dev.ftracelab.ftrace.Conformance;
import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.vmlinux.KernelCache;
import dev.ftracelab.vmlinux.Vmlinux;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's section on real kernels: every kernel in the fetch script's cache run with its own
 * dispatch code — the conformance of the guest image to each, and the kernels of the profile's
 * arch priced side by side with the guest's list and CALL_OPS designs (for riscv64, Debian's 6.12
 * list processing against 7.x CALL_OPS: the thread's question with the code that shipped). With
 * an empty cache it says how to fill it.
 *
 * <pre>{@code
 * RealKernelSection.cached(Profile.load("vf2")).addTo(bundle);
 * }</pre>
 *
 * @param base the profile, seeds and priced calls (its kernels are set from {@code kernels})
 * @param kernels the vmlinux files, read when the section is written (those of the profile's arch
 *     are priced; the guest is held to every one)
 */
public record RealKernelSection(AnswerTables.Settings base, List<Path> kernels) implements ReportSection {
    /** Calls per row of a conformance run (counts are exact for any number). */
    static final long CONFORMANCE_CALLS = 100;

    public RealKernelSection {
        kernels = List.copyOf(kernels);
    }

    /** The kernels in {@link KernelCache#standard()}, priced on {@code profile} with the answer page's defaults. */
    public static RealKernelSection cached(Profile profile) {
        KernelCache cache = KernelCache.standard();
        return new RealKernelSection(AnswerTables.Settings.of(profile),
                cache.packages().stream().map(p -> cache.vmlinux(p).orElseThrow()).toList());
    }

    @Override
    public String title() {
        return "Real kernels: the sample on Debian's own dispatch code";
    }

    /** An upper bound (the arch of each image is known once it is read): the write-up evens it out. */
    @Override
    public long steps() {
        return kernels.size() + (kernels.size() + 2L) * AnswerTables.POINTS.size() * base.seeds();
    }

    /** The guest's list (nop-nop) and CALL_OPS designs, then one per kernel, all plotted. */
    private static List<AnswerTables.Design> designs(AnswerTables.Settings settings) {
        if (settings.kernels().isEmpty()) {
            return List.of();
        }
        List<AnswerTables.Design> out = new ArrayList<>();
        for (AnswerTables.Design d : AnswerTables.designs(settings)) {
            // the guest's list processing on the layout before CALL_OPS, and its CALL_OPS
            FtraceOpsSample s = d.sample();
            boolean guest = s.vmlinux() == null && s.direct() == dev.ftracelab.ftrace.DirectCall.NONE
                    && s.strategy() == dev.ftracelab.ftrace.Strategy.COMMON
                    && (s.layout() == dev.ftracelab.ftrace.Layout.CALL_OPS || s.layout() == dev.ftracelab.ftrace.Layout.before(s.arch()));
            if (guest || s.vmlinux() != null) {
                out.add(new AnswerTables.Design(d.key(), d.name(), d.sample(), d.scheme(), d.reach(), true));
            }
        }
        return out;
    }

    @Override
    public void addTo(Bundle.Builder b, Progress progress) {
        b.heading(title());
        List<Vmlinux> conformance = kernels.stream().map(Vmlinux::open).toList();
        AnswerTables.Settings settings = base.kernels(conformance.stream().filter(v -> v.arch() == base.profile().arch())
                .toList());
        if (conformance.isEmpty()) {
            b.text("No kernel in " + KernelCache.standard().dir() + ": `datasets/fetch-kernels.sh --arch riscv64 --arch"
                    + " arm64` and `datasets/fetch-kernels.sh --suite sid --arch riscv64` fetch Debian's 6.12 and 7.x"
                    + " kernels, and this section then runs their own ftrace code (README, \"Real kernels in the loop\").");
            return;
        }
        StringBuilder which = new StringBuilder("The traced call runs through each kernel's own `ftrace_caller`, list"
                + " function and hash lookups on the emulator, the sample module loaded beside it; instruction counts"
                + " are executed, nanoseconds modelled. Kernels:");
        for (Vmlinux v : conformance) {
            which.append(String.format(Locale.ROOT, "\n- `%s` (%s, built with %s): build id `%s`, SHA-256 `%s`",
                    v.release().isEmpty() ? v.source() : v.release(), v.arch().id(), FtraceOpsSample.of(v).layout().id(),
                    v.buildId(), v.sha256()));
        }
        b.text(which.toString());
        if (!settings.kernels().isEmpty()) {
            AnswerTables.Answer a = AnswerTables.overheads(settings, designs(settings), note -> {
                progress.note("real kernels: " + note);
                progress.step();
            });
            b.text(AnswerTables.title(a).replace('\n', ' ').strip() + " The guest image's list (L) and CALL_OPS (CO)"
                    + " designs beside the kernels' own code (V). Regenerate with `./ftrace-lab answer --profile "
                    + settings.profile().name() + settings.kernels().stream().map(v -> " --vmlinux "
                    + KernelCache.standard().argument(v)).reduce("", String::concat) + "`.");
            b.table("real-kernel-overheads", AnswerTables.table(a), AnswerTables.OVERHEAD_LAYOUT);
            b.text(designs(settings).stream().map(d -> "- " + d.key() + ": " + d.name()).reduce((x, y) -> x + "\n" + y).orElse(""));
            b.chart("real-kernel-overheads-plot", AnswerTables.chart(a));
        }
        b.text("The guest image held to each kernel (`./ftrace-lab conformance`): instructions per traced call, or"
                + " per ops added, in all and by class.");
        for (Vmlinux v : conformance) {
            progress.note("conformance: " + v.release());
            Conformance c = Conformance.run(v, CONFORMANCE_CALLS);
            b.table(itemName(v), ConformanceTables.table(c), ConformanceTables.LAYOUT);
            b.text(ConformanceTables.summary(c));
            progress.step();
        }
    }

    /** {@code conformance-6.12.117-deb13-riscv64}: the release in the characters a bundle item name may use. */
    static String itemName(Vmlinux v) {
        String r = v.release().isEmpty() ? v.arch().id() + "-" + v.sha256().substring(0, 12) : v.release();
        return "conformance-" + r.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }
}
