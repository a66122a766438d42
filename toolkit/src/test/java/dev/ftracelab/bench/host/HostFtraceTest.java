package dev.ftracelab.bench.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.ftrace.FtraceOpsSample;
import dev.ftracelab.ftrace.FtraceOpsSample.Point;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The host designs dispatch like the kernel: counts, routes, recursion, register and unregister (no timing). */
class HostFtraceTest {
    private static final int CALLS = 1000;

    static Stream<Arguments> everyDesignAndRow() {
        return Stream.of(Design.values())
                .flatMap(d -> FtraceOpsSample.PUBLISHED_MATRIX.stream().map(p -> Arguments.of(d, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyDesignAndRow")
    void everyRelevantTracerRunsOncePerCallAndNoIrrelevantOne(Design design, Point point) {
        HostSample s = HostSample.of(design, point);
        Task current = new Task();
        int sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += s.tracee().call(current, i);
        }
        assertEquals(CALLS * 17 + 31 * (CALLS * (CALLS - 1) / 2), sum, "the function's results are unchanged");
        assertEquals(point.relevant(), s.relevantOps().size());
        assertEquals(point.irrelevant(), s.irrelevantOps().size());
        s.relevantOps().forEach(op -> assertEquals(CALLS, op.count(), op.name()));
        s.irrelevantOps().forEach(op -> assertEquals(0, op.count(), op.name()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyDesignAndRow")
    void theSiteDispatchesAsTheDesignSays(Design design, Point point) {
        String route = HostSample.of(design, point).tracee().site().route();
        String expected = point.relevant() == 0 ? "nop"
                : switch (design) {
                    case LIST -> "list";
                    case PER_CALLSITE_TRAMPOLINE -> point.relevant() == 1 ? "per-callsite-trampoline relevant0" : "list";
                    case CALL_OPS -> point.relevant() == 1 ? "call-ops relevant0" : "call-ops ftrace_list_ops";
                };
        assertEquals(expected, route);
    }

    @ParameterizedTest
    @EnumSource(Design.class)
    void unregisteringTheLastOpsLeavesTheSiteUntraced(Design design) {
        HostFtrace f = HostFtrace.of(design);
        Callsite site = f.function("f");
        FtraceOps a = FtraceOps.counting("a", FilterHash.of(site.ip()));
        FtraceOps b = FtraceOps.counting("b", FilterHash.of(site.ip()));
        f.register(a);
        f.register(b);
        assertEquals(List.of(b, a), f.registered(), "linked at the head");
        f.unregister(b);
        site.enter(0, new Task());
        assertEquals(1, a.count());
        assertEquals(0, b.count());
        f.unregister(a);
        assertEquals("nop", site.route());
        site.enter(0, new Task());
        assertEquals(1, a.count());
        assertThrows(IllegalStateException.class, () -> f.unregister(a));
    }

    @ParameterizedTest
    @EnumSource(Design.class)
    void filtersNotraceAndStubsDecideWhoIsCalled(Design design) {
        HostFtrace f = HostFtrace.of(design);
        Callsite one = f.function("one");
        Callsite two = f.function("two");
        FtraceOps all = FtraceOps.counting("all", FilterHash.EMPTY);
        FtraceOps notTwo = new FtraceOps("not-two", FtraceOps.COUNT, 0, FilterHash.EMPTY, FilterHash.of(two.ip()));
        FtraceOps stub = new FtraceOps("stub", FtraceOps.COUNT, FtraceOps.FL_STUB, FilterHash.EMPTY, FilterHash.EMPTY);
        f.register(all);
        f.register(notTwo);
        f.register(stub);
        Task t = new Task();
        one.enter(0, t);
        two.enter(0, t);
        assertEquals(2, all.count());
        assertEquals(1, notTwo.count());
        assertEquals(0, stub.count());
    }

    @ParameterizedTest
    @EnumSource(Design.class)
    void aTracerCallingATracedFunctionDoesNotRecurseForever(Design design) {
        HostFtrace f = HostFtrace.of(design);
        Callsite site = f.function("f");
        Task current = new Task();
        int[] depth = {0};
        TracerFunc reentrant = (ip, parentIp, op, task) -> {
            if (++depth[0] < 100) {
                site.enter(ip, task); // the tracer calls the traced function again
            }
        };
        f.register(new FtraceOps("outer", reentrant, FtraceOps.FL_RECURSION, FilterHash.of(site.ip()), FilterHash.EMPTY));
        site.enter(0, current);
        assertEquals(1, depth[0], "the recursion guard turns the nested call away");
        depth[0] = 0;
        site.enter(0, current);
        assertEquals(1, depth[0], "and is released afterwards");
    }

    @Test
    void anOpsThatWantsRecursionProtectionLosesTheCallOpsFastPath() {
        HostFtrace f = HostFtrace.of(Design.CALL_OPS);
        Callsite site = f.function("f");
        f.register(new FtraceOps("guarded", FtraceOps.COUNT, FtraceOps.FL_RECURSION, FilterHash.of(site.ip()),
                FilterHash.EMPTY));
        assertEquals("call-ops ftrace_list_ops", site.route());
    }

    @Test
    void perCallsiteTrampolinesAreHiddenClassesOnePerOpsFreedOnUnregister() {
        PerCallsiteTrampolines f = (PerCallsiteTrampolines) HostFtrace.of(Design.PER_CALLSITE_TRAMPOLINE);
        Callsite one = f.function("one");
        Callsite two = f.function("two");
        FtraceOps both = FtraceOps.counting("both", FilterHash.of(one.ip(), two.ip()));
        f.register(both);
        assertEquals(1, f.trampolineCount(), "one trampoline, shared by the ops' sites");
        assertTrue(one.call.getClass().isHidden());
        assertEquals(one.call, two.call);
        Task t = new Task();
        one.enter(0, t);
        two.enter(0, t);
        assertEquals(2, both.count());
        f.unregister(both);
        assertEquals(0, f.trampolineCount());
    }

    @Test
    void rowIdsRoundTripAndBadOnesAreRefused() {
        for (Point p : FtraceOpsSample.PUBLISHED_MATRIX) {
            assertEquals(p, HostSample.parseRow(HostSample.rowId(p)));
        }
        assertEquals("R1-I10", HostSample.rowId(new Point(1, 10)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostSample.parseRow("R1I10"));
        assertTrue(e.getMessage().contains("R<relevant>-I<irrelevant>"), e.getMessage());
        assertEquals(Design.PER_CALLSITE_TRAMPOLINE, Design.parse("per-callsite-trampoline"));
        assertThrows(IllegalArgumentException.class, () -> Design.parse("direct"));
    }
}
