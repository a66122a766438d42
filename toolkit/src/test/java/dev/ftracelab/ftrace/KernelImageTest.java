package dev.ftracelab.ftrace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Listing;
import dev.ftracelab.elf.SymbolType;
import dev.ftracelab.emu.LinuxUser;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.InstructionSet;
import dev.ftracelab.testing.HostTools;
import dev.ftracelab.util.Resources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed guest kernel image: it runs untraced as compiled (under the emulator and under
 * qemu-user), its patch areas are the compiler's NOPs, and after {@link FtraceModel} boots it every
 * patch area holds the layout's instructions, traced and untraced.
 */
class KernelImageTest {
    private static final String REL = "tracee_relevant";
    /** The ftrace core (core.c) and the trampolines are built notrace: no patch site. */
    private static final List<String> NOTRACE = List.of("ftrace_ops_list_func", "ftrace_ops_assist_func",
            "call_direct_funcs", "ftrace_lookup_ip", "ftrace_ops_test", "ftrace_stub", "rcu_is_watching");

    @TempDir
    Path tmp;

    static Stream<Arguments> archLayouts() {
        List<Arguments> out = new ArrayList<>();
        for (Arch a : Arch.values()) {
            for (Layout l : Layout.of(a)) {
                out.add(Arguments.of(a, l));
            }
        }
        return out.stream();
    }

    private static String resource(Arch arch) {
        return "/dev/ftracelab/kernel/" + arch.id() + "/kimage.elf";
    }

    /** What main() prints: the loop sums of 1000 calls, computed here. */
    private static String expectedStdout() {
        long rel = 0;
        long irr = 0;
        long nested = 0;
        for (long i = 0; i < 1000; i++) {
            rel += 3 * i + 1;
            irr += i ^ 0x5a;
            nested += 2 * (i - 7);
        }
        return "loop_tracee_relevant=" + rel + "\nloop_tracee_irrelevant=" + irr + "\nloop_tracee_nested=" + nested + "\n";
    }

    // ---- untraced, as compiled ----

    @ParameterizedTest
    @EnumSource(Arch.class)
    void imageRunsUntracedUnderTheEmulator(Arch arch) {
        ElfFile image = Kernel.Guest.load(arch);
        assertEquals(arch, image.arch());
        LinuxUser.Captured emu = LinuxUser.capture(image, LinuxUser.DEFAULT_LIMIT);
        assertNull(emu.result().trap(), () -> "emulator trapped: " + emu.result().trap().describe());
        assertEquals(0, emu.result().exitStatus(), "main's checks passed");
        assertEquals(expectedStdout(), emu.stdout());
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void imageRunsTheSameUnderQemu(Arch arch) throws Exception {
        String qemu = arch == Arch.RISCV64 ? "qemu-riscv64" : "qemu-aarch64";
        HostTools.require(qemu);
        LinuxUser.Captured emu = LinuxUser.capture(Kernel.Guest.load(arch), LinuxUser.DEFAULT_LIMIT);
        assertNull(emu.result().trap(), () -> "emulator trapped: " + emu.result().trap().describe());

        Path elf = tmp.resolve("kimage-" + arch.id());
        Files.write(elf, Resources.read(resource(arch)));
        assertTrue(elf.toFile().setExecutable(true), "qemu-user needs an executable file");
        Process p = new ProcessBuilder(qemu, elf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), qemu + " did not finish");
        assertEquals(out, emu.stdout(), "stdout");
        assertEquals(0, p.exitValue(), "exit status under " + qemu);
        assertEquals(p.exitValue(), emu.result().exitStatus(), "exit status");
        assertTrue(out.contains("loop_tracee_relevant="), out);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void compiledPatchAreasAreNops(Arch arch) {
        ElfFile image = Kernel.Guest.load(arch);
        Listing listing = Listing.of(image);
        List<String> traceable = FtraceModel.boot(arch, Layout.CALL_OPS).traceableFunctions();
        assertTrue(traceable.containsAll(List.of(REL, "tracee_irrelevant", "tracee_leaf", "tracee_nested",
                "loop_tracee_relevant", "ops_func_count")), traceable.toString());
        int bytes = 16; // riscv: 8 C.NOPs, 4 before the entry; arm64: 4 NOPs, 2 before
        for (String f : traceable) {
            long entry = image.symbol(f).orElseThrow().value();
            assertEquals(0, entry % 8, f + " is 8-byte aligned");
            List<Listing.Line> area = listing.function(f).lines().stream()
                    .filter(l -> l.address() >= entry - 8 && l.address() < entry + 8).toList();
            assertEquals(arch == Arch.RISCV64 ? 8 : 4, area.size(), f + ": " + area);
            for (Listing.Line l : area) {
                assertEquals("nop", l.text(), f + " at 0x" + Long.toHexString(l.address()));
                assertTrue(l.patchSite(), f + " at 0x" + Long.toHexString(l.address()));
                assertEquals(bytes / area.size(), l.length());
            }
            Listing.Line after = listing.function(f).lines().stream().filter(l -> l.address() == entry + 8)
                    .findFirst().orElseThrow();
            assertFalse(after.patchSite(), f + ": the body follows the patch area");
        }
        for (String f : NOTRACE) {
            assertTrue(image.symbol(f).filter(s -> s.type() == SymbolType.FUNC).isPresent(), f);
            assertFalse(traceable.contains(f), f + " is notrace");
            assertTrue(listing.function(f).lines().stream().noneMatch(Listing.Line::patchSite), f + " has no patch area");
        }
    }

    // ---- after boot ----

    private static String text(FtraceModel m, long pc) {
        InstructionSet isa = InstructionSet.of(m.arch());
        return isa.disassemble(pc, isa.decode(pc, m.machine().memory().load32(pc)));
    }

    private static long symbol(FtraceModel m, String name) {
        return m.image().symbol(name).orElseThrow().value();
    }

    private static String commonTrampoline(Layout layout) {
        return switch (layout) {
            case NOP_NOP -> "ftrace_caller_nopnop";
            case ATOMIC -> "ftrace_caller_atomic";
            case PRE_CALL_OPS -> "ftrace_caller_precallops";
            case CALL_OPS -> "ftrace_caller_callops";
        };
    }

    /** The %pcrel_hi part of {@code target - pc}. */
    private static long hi(long pc, long target) {
        return (target - pc + 0x800) >> 12;
    }

    private static String auipc(long pc, long target) {
        return "auipc\tt0,0x" + Long.toHexString(hi(pc, target) & 0xfffff);
    }

    /** The JALR at pc + 4 after an AUIPC at pc whose %pcrel_hi was computed for {@code base}. */
    private static String jalr(long pc, long auipcFor, long target) {
        return "jalr\tt0," + (target - pc - (hi(pc, auipcFor) << 12)) + "(t0)";
    }

    /** The entry's two instructions, untraced, as the layout's boot writes them. */
    private static List<String> untraced(FtraceModel m, long entry) {
        long common = symbol(m, commonTrampoline(m.layout()));
        return switch (m.layout()) {
            case NOP_NOP -> List.of("nop", "nop");
            case ATOMIC, CALL_OPS -> m.arch() == Arch.RISCV64 ? List.of(auipc(entry, common), "nop")
                    : List.of("mov\tx9, x30", "nop");
            case PRE_CALL_OPS -> List.of("mov\tx9, x30", "nop");
        };
    }

    /** The entry's two instructions calling {@code target}. */
    private static List<String> traced(FtraceModel m, long entry, long target) {
        long common = symbol(m, commonTrampoline(m.layout()));
        if (m.arch() == Arch.ARM64) {
            return List.of("mov\tx9, x30", "bl\t" + Long.toHexString(target));
        }
        if (m.layout() == Layout.NOP_NOP) {
            return List.of(auipc(entry, target), jalr(entry, target, target));
        }
        return List.of(auipc(entry, common), jalr(entry, common, target));
    }

    private static List<String> entryTexts(FtraceModel m, long entry) {
        return List.of(text(m, entry), text(m, entry + 4));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("archLayouts")
    void bootWritesTheLayoutsUntracedPatchArea(Arch arch, Layout layout) {
        FtraceModel m = FtraceModel.boot(arch, layout);
        Memory mem = m.machine().memory();
        long nopOps = symbol(m, "ftrace_nop_ops");
        for (String f : m.traceableFunctions()) {
            long entry = m.callsite(f).entry();
            assertEquals(untraced(m, entry), entryTexts(m, entry), f);
            assertEquals(4, InstructionSet.of(arch).length(mem.load16(entry)), f + ": 4-byte, naturally aligned");
            if (layout.hasLiteral()) {
                assertEquals(nopOps, mem.load64(entry - 8), f + ": the ops literal");
            } else {
                // the compiler's NOPs before the entry stay
                InstructionSet isa = InstructionSet.of(arch);
                for (long pc = entry - 8; pc < entry; ) {
                    int len = isa.length(mem.load16(pc));
                    assertEquals("nop", text(m, pc), f + " at 0x" + Long.toHexString(pc));
                    pc += len;
                }
            }
        }
        if (arch == Arch.RISCV64 && layout != Layout.NOP_NOP) {
            // the fixed AUIPC's JALR reaches the common trampoline: ±2 KiB of its base
            long common = symbol(m, commonTrampoline(layout));
            for (String f : m.traceableFunctions()) {
                long entry = m.callsite(f).entry();
                long off = common - (entry + (hi(entry, common) << 12));
                assertTrue(off >= -2048 && off < 2048, f + ": " + off);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("archLayouts")
    void tracingWritesTheCallAndUntracingRestoresTheBootState(Arch arch, Layout layout) {
        FtraceModel m = FtraceModel.boot(arch, layout);
        Memory mem = m.machine().memory();
        Map<String, byte[]> boot = new LinkedHashMap<>();
        for (String f : m.traceableFunctions()) {
            boot.put(f, mem.read(m.callsite(f).entry() - 8, 16));
        }
        long entry = m.callsite(REL).entry();

        m.register(Ops.named("r0").filter(REL));
        long common = symbol(m, commonTrampoline(layout));
        assertEquals(traced(m, entry, common), entryTexts(m, entry));
        if (layout.hasLiteral()) {
            assertEquals(m.opsAddress("r0"), mem.load64(entry - 8));
        }
        for (String f : m.traceableFunctions()) {
            if (!f.equals(REL)) {
                assertArrayEquals(boot.get(f), mem.read(m.callsite(f).entry() - 8, 16), f + " is not touched");
            }
        }

        m.unregister("r0");
        for (String f : m.traceableFunctions()) {
            assertArrayEquals(boot.get(f), mem.read(m.callsite(f).entry() - 8, 16), f + " is back to its boot state");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("archLayouts")
    void aPrivateTrampolineIsCalledFromTheSite(Arch arch, Layout layout) {
        FtraceModel m = FtraceModel.builder(arch).layout(layout).strategy(Strategy.PER_CALLSITE_TRAMPOLINE).boot();
        long entry = m.callsite(REL).entry();
        m.register(Ops.named("r0").filter(REL));
        long tramp = m.trampolineAddress("r0");
        assertEquals(Callsite.Route.PER_CALLSITE_TRAMPOLINE, m.callsite(REL).route());
        assertTrue(tramp >= symbol(m, "ftrace_tramp_pool") && tramp < symbol(m, "ftrace_tramp_pool_end"),
                "in the pool beside the common trampolines: 0x" + Long.toHexString(tramp));
        assertEquals(traced(m, entry, tramp), entryTexts(m, entry));
        // the copy calls the ops' tracer directly
        long call = tramp + symbol(m, "ftrace_ops_tramp_call") - symbol(m, "ftrace_ops_tramp_template");
        long tracer = symbol(m, Ops.COUNT);
        String expected = arch == Arch.ARM64 ? "bl\t" + Long.toHexString(tracer) : "jal\t" + Long.toHexString(tracer);
        assertEquals(expected, text(m, call));
    }
}
