package dev.ftracelab.vmlinux;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.ElfType;
import dev.ftracelab.elf.PatchSite;
import dev.ftracelab.elf.Relocation;
import dev.ftracelab.elf.Section;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.elf.SymbolType;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.arm64.A64Encoder;
import dev.ftracelab.isa.riscv.RvEncoder;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The traced side of the ftrace-ops sample, loaded as a kernel module is: the committed
 * {@code sample-module.o} (the guest's {@code tracee.c} built with the guest kernel's
 * patchable-entry flags and {@code SAMPLE_MODULE}: tracees, their loops, the tracers) laid out
 * section by section at a module address and relocated there, so its patch sites call into a real
 * vmlinux as a module's do. A sample ops' call counter sits in the 8 bytes before the ops
 * ({@link #COUNT_FROM_OPS}), since {@code struct ftrace_ops} has the kernel's own size.
 *
 * <pre>{@code
 * SampleModule m = SampleModule.load(Arch.RISCV64, memory, 0xffff_ffff_7c00_0000L);
 * m.symbol("loop_tracee_relevant");    // where the loop landed
 * m.patchSites();                      // function name -> entry, for every traceable function
 * }</pre>
 */
public final class SampleModule {
    /** Where a sample ops' {@code unsigned int} call count is, relative to the ops. */
    public static final long COUNT_FROM_OPS = -8;
    /** R_RISCV_64, BRANCH, JAL, CALL, CALL_PLT, RVC_BRANCH, RVC_JUMP, RELAX. */
    private static final int RV_64 = 2, RV_BRANCH = 16, RV_JAL = 17, RV_CALL = 18, RV_CALL_PLT = 19,
            RV_RVC_BRANCH = 44, RV_RVC_JUMP = 45, RV_RELAX = 51;
    /** R_AARCH64_ABS64, R_AARCH64_JUMP26, R_AARCH64_CALL26. */
    private static final int A64_ABS64 = 257, A64_JUMP26 = 282, A64_CALL26 = 283;

    private final Arch arch;
    private final long base;
    private final long end;
    private final Map<String, Symbol> functions = new LinkedHashMap<>();
    private final Map<String, Long> symbols = new LinkedHashMap<>();
    private final Map<String, Long> sites = new LinkedHashMap<>();
    private final long returnStub;

    private SampleModule(Arch arch, ElfFile o, Memory mem, long base) {
        this.arch = arch;
        this.base = base;
        if (o.type() != ElfType.REL || o.arch() != arch) {
            throw new BadInputException(o.source(), null, "expected a relocatable " + arch + " object");
        }
        // lay the allocated sections out one after another, each at its alignment
        Map<Integer, Long> placed = new LinkedHashMap<>();
        long at = base;
        for (Section s : o.sections()) {
            if (s.isAllocated() && s.size() > 0) {
                long align = Math.max(1, s.alignment());
                at = (at + align - 1) & -align;
                placed.put(s.index(), at);
                at += s.size();
            }
        }
        long stub = (at + 7) & -8L;
        this.end = (stub + 8 + Memory.PAGE_SIZE - 1) & -(long) Memory.PAGE_SIZE;
        mem.map(base, end - base, Memory.R | Memory.W | Memory.X);
        for (Section s : o.sections()) {
            Long a = placed.get(s.index());
            if (a != null && !s.isNobits()) {
                mem.write(a, o.contents(s));
            }
        }
        // a breakpoint to return to: the end of a call the toolkit makes
        this.returnStub = stub;
        mem.writeValue(stub, (arch == Arch.ARM64 ? A64Encoder.brk(0) : RvEncoder.ebreak()) & 0xffffffffL, 4);
        for (Symbol sym : o.symbols()) {
            Long a = sym.isInSection() ? placed.get(sym.sectionIndex()) : null;
            if (a != null && !sym.name().isEmpty()) {
                symbols.put(sym.name(), a + sym.value());
                if (sym.type() == SymbolType.FUNC) {
                    functions.put(sym.name(), sym);
                }
            }
        }
        for (Section rela : o.sections()) {
            if (rela.type() == Section.SHT_RELA && placed.containsKey(rela.info())) {
                long target = placed.get(rela.info());
                for (Relocation r : o.relocations(rela)) {
                    apply(o, mem, rela, r, target + r.offset(), symbolAddress(o, r, placed));
                }
            }
        }
        for (PatchSite p : o.patchSites()) {
            long area = placed.get(p.section().index()) + p.sectionOffset();
            long entry = area + 8; // both layouts leave 8 bytes of NOPs before the entry
            String name = symbols.entrySet().stream().filter(e -> e.getValue() == entry && functions.containsKey(e.getKey()))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new BadInputException(o.source(), null,
                            "no function starts 8 bytes into the patch area at 0x" + Long.toHexString(area)));
            sites.put(name, entry);
        }
    }

    /**
     * Loads the committed sample module of {@code arch} at {@code base} (page aligned) in {@code mem}.
     *
     * @throws IllegalArgumentException if {@code base} is not page aligned
     */
    public static SampleModule load(Arch arch, Memory mem, long base) {
        String path = "/dev/ftracelab/kernel/" + arch.id() + "/sample-module.o";
        return load(ElfFile.parse(Resources.read(path), path), mem, base);
    }

    /** Loads the relocatable object {@code o} at {@code base}; the module's arch is the object's. */
    public static SampleModule load(ElfFile o, Memory mem, long base) {
        if ((base & (Memory.PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("a module goes at a page boundary, not 0x" + Long.toHexString(base));
        }
        return new SampleModule(o.arch(), o, mem, base);
    }

    private static long symbolAddress(ElfFile o, Relocation r, Map<Integer, Long> placed) {
        Symbol s = o.symbols().stream().filter(x -> x.index() == r.symbolIndex()).findFirst().orElse(null);
        if (s == null || !s.isInSection() || !placed.containsKey(s.sectionIndex())) {
            throw new BadInputException(o.source(), null, "relocation at 0x" + Long.toHexString(r.offset())
                    + " names symbol " + (s == null ? "#" + r.symbolIndex() : "'" + s.name() + "'")
                    + ", which the module does not define: expected a self-contained object");
        }
        return placed.get(s.sectionIndex()) + s.value();
    }

    private void apply(ElfFile o, Memory mem, Section rela, Relocation r, long place, long symbol) {
        long value = symbol + r.addend();
        switch (arch == Arch.ARM64 ? r.type() | 0x10000 : r.type()) {
            case RV_64, A64_ABS64 | 0x10000 -> mem.writeValue(place, value, 8);
            case RV_CALL, RV_CALL_PLT -> {
                // the object's own registers: ra for a call, t1 and x0 for a tail call
                int link = (mem.load32(place + 4) >>> 7) & 31;
                int tmp = (mem.load32(place) >>> 7) & 31;
                int[] pair = RvEncoder.auipcJalr(link, tmp, place, value);
                mem.writeValue(place, pair[0] & 0xffffffffL, 4);
                mem.writeValue(place + 4, pair[1] & 0xffffffffL, 4);
            }
            case RV_BRANCH -> {
                long off = checkReach(o, r, value - place, 13);
                int insn = mem.load32(place) & 0x01fff07f;
                insn |= (int) ((off >> 12 & 1) << 31 | (off >> 5 & 0x3f) << 25 | (off >> 1 & 0xf) << 8 | (off >> 11 & 1) << 7);
                mem.writeValue(place, insn & 0xffffffffL, 4);
            }
            case RV_JAL -> {
                long off = checkReach(o, r, value - place, 21);
                int insn = mem.load32(place) & 0xfff;
                insn |= (int) ((off >> 20 & 1) << 31 | (off >> 1 & 0x3ff) << 21 | (off >> 11 & 1) << 20 | (off >> 12 & 0xff) << 12);
                mem.writeValue(place, insn & 0xffffffffL, 4);
            }
            case RV_RVC_BRANCH -> {
                long off = checkReach(o, r, value - place, 9);
                int insn = mem.load16(place) & 0xe383;
                insn |= (int) ((off >> 8 & 1) << 12 | (off >> 3 & 3) << 10 | (off >> 6 & 3) << 5 | (off >> 1 & 3) << 3
                        | (off >> 5 & 1) << 2);
                mem.writeValue(place, insn & 0xffff, 2);
            }
            case RV_RVC_JUMP -> {
                long off = checkReach(o, r, value - place, 12);
                int insn = mem.load16(place) & 0xe003;
                insn |= (int) ((off >> 11 & 1) << 12 | (off >> 4 & 1) << 11 | (off >> 8 & 3) << 9 | (off >> 10 & 1) << 8
                        | (off >> 6 & 1) << 7 | (off >> 7 & 1) << 6 | (off >> 1 & 7) << 3 | (off >> 5 & 1) << 2);
                mem.writeValue(place, insn & 0xffff, 2);
            }
            case RV_RELAX -> {
                // a hint that the linker may shorten the sequence; the module loader does not
            }
            case A64_CALL26 | 0x10000, A64_JUMP26 | 0x10000 -> {
                int insn = mem.load32(place);
                int encoded = A64Encoder.b(place, value); // throws if out of ±128 MiB
                mem.writeValue(place, ((insn & 0xfc000000) | (encoded & 0x03ffffff)) & 0xffffffffL, 4);
            }
            default -> throw new BadInputException(o.source(), String.format(Locale.ROOT, "%s entry at 0x%x",
                    rela.name(), r.offset()), "unsupported relocation type " + r.type() + ": the loader applies "
                    + (arch == Arch.ARM64 ? "R_AARCH64_ABS64, CALL26 and JUMP26"
                    : "R_RISCV_64, BRANCH, JAL, CALL, CALL_PLT, RVC_BRANCH, RVC_JUMP and RELAX"));
        }
    }

    /** {@code off}, if it is even and fits a signed {@code bits}-bit field. */
    private static long checkReach(ElfFile o, Relocation r, long off, int bits) {
        if ((off & 1) != 0 || off < -(1L << (bits - 1)) || off >= 1L << (bits - 1)) {
            throw new BadInputException(o.source(), String.format(Locale.ROOT, "relocation at 0x%x", r.offset()),
                    "branch offset " + off + " does not fit the instruction's " + bits + "-bit field");
        }
        return off;
    }

    public Arch arch() {
        return arch;
    }

    /** The first address of the module. */
    public long base() {
        return base;
    }

    /** One past the module's last mapped byte (page aligned). */
    public long end() {
        return end;
    }

    /** Whether {@code pc} is in the module. */
    public boolean contains(long pc) {
        return pc >= base && pc < end;
    }

    /** Where a toolkit call returns to: a breakpoint after the module's sections. */
    public long returnAddress() {
        return returnStub;
    }

    /** The address of the module's symbol {@code name}, if it has one. */
    public Optional<Long> symbol(String name) {
        return Optional.ofNullable(symbols.get(name));
    }

    /** Whether {@code name} is a function of the module. */
    public boolean isFunction(String name) {
        return functions.containsKey(name);
    }

    /** The traceable functions (with a patch area) and their entries, in table order. */
    public Map<String, Long> patchSites() {
        return java.util.Collections.unmodifiableMap(sites);
    }

    /** {@code function+0xoff} for a pc in the module, if a function holds it. */
    public Optional<String> where(long pc) {
        String best = null;
        long bestAt = Long.MIN_VALUE;
        for (Map.Entry<String, Symbol> f : functions.entrySet()) {
            long a = symbols.get(f.getKey());
            if (a <= pc && pc < a + Math.max(1, f.getValue().size()) && a > bestAt) {
                best = f.getKey();
                bestAt = a;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best + "+0x" + Long.toHexString(pc - bestAt));
    }

    /** The module's functions, by name, in symbol-table order. */
    public List<String> functions() {
        return new ArrayList<>(functions.keySet());
    }
}
