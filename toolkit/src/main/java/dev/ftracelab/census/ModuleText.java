package dev.ftracelab.census;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.ElfType;
import dev.ftracelab.elf.PatchSite;
import dev.ftracelab.elf.Section;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.elf.SymbolType;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The executable text of one module (a {@code .ko} or a {@code vmlinux}): its sections and
 * functions, which of them have a patch site, and how big their patch areas are.
 *
 * <pre>{@code
 * ModuleText m = ModuleText.read(ElfFile.read(Path.of("af_key.ko")), "af_key.ko");
 * long traceable = m.functions().stream().filter(FunctionEntry::traceable).count();
 * }</pre>
 *
 * @param module the module's name (its path below the census root, or the file name)
 * @param arch the module's architecture
 * @param rvc whether riscv code uses compressed instructions ({@code EF_RISCV_RVC})
 * @param sections its executable sections
 * @param functions its functions, by section then address
 */
public record ModuleText(String module, Arch arch, boolean rvc, List<TextSection> sections, List<FunctionEntry> functions) {
    private static final int EF_RISCV_RVC = 1;
    /** How far before an entry a patch site may start: the largest prefix any layout uses, with slack. */
    private static final int MAX_PREFIX = 32;

    public ModuleText {
        sections = List.copyOf(sections);
        functions = List.copyOf(functions);
    }

    /** Bytes of executable text. */
    public long textBytes() {
        return sections.stream().mapToLong(TextSection::size).sum();
    }

    /** The layout the module was built with, told from its patch areas ({@link TextLayout#detect}). */
    public TextLayout builtLayout() {
        int[] before = functions.stream().filter(FunctionEntry::traceable).mapToInt(FunctionEntry::patchBefore).sorted().toArray();
        long minAlignment = functions.stream().mapToLong(FunctionEntry::alignment).min().orElse(1);
        return TextLayout.detect(arch, rvc, before.length == 0 ? -1 : before[before.length / 2], minAlignment, functions.size());
    }

    /**
     * Measures {@code elf}'s text. A FUNC symbol with a size, in an executable section, is a
     * function (aliases at the same address count once); it is traceable when a patch site points
     * at its entry or into the few bytes before it. The patch bytes at the entry are the NOPs found
     * there, capped at the count most traceable functions of the file have.
     */
    public static ModuleText read(ElfFile elf, String module) {
        Arch arch = elf.arch();
        boolean rvc = arch == Arch.RISCV64 && (elf.flags() & EF_RISCV_RVC) != 0;
        boolean rel = elf.type() == ElfType.REL;
        List<TextSection> sections = new ArrayList<>();
        Map<Integer, Section> text = new HashMap<>();
        for (Section s : elf.sections()) {
            if (s.isExecutable() && s.isAllocated() && !s.isNobits() && s.size() > 0) {
                sections.add(new TextSection(s.name(), s.address(), s.size(), Math.max(1, s.alignment())));
                text.put(s.index(), s);
            }
        }
        // Functions per section, sorted by entry, one per address.
        Map<Integer, List<Symbol>> bySection = new HashMap<>();
        for (Symbol sym : elf.symbols()) {
            if (sym.type() == SymbolType.FUNC && sym.size() > 0 && text.containsKey(sym.sectionIndex())) {
                bySection.computeIfAbsent(sym.sectionIndex(), k -> new ArrayList<>()).add(sym);
            }
        }
        Map<Integer, long[]> sitesBySection = new HashMap<>();
        Map<Integer, List<Long>> collect = new HashMap<>();
        for (PatchSite p : elf.patchSites()) {
            collect.computeIfAbsent(p.section().index(), k -> new ArrayList<>()).add(p.sectionOffset());
        }
        collect.forEach((k, v) -> sitesBySection.put(k, v.stream().mapToLong(Long::longValue).sorted().toArray()));

        List<Raw> raws = new ArrayList<>();
        for (Section s : elf.sections()) {
            List<Symbol> syms = bySection.get(s.index());
            if (syms == null) {
                continue;
            }
            syms.sort(Comparator.comparingLong(Symbol::value).thenComparingInt(Symbol::index));
            byte[] bytes = elf.contents(s);
            long[] sites = sitesBySection.getOrDefault(s.index(), new long[0]);
            long base = rel ? 0 : s.address();
            long prevEntry = Long.MIN_VALUE;
            for (Symbol sym : syms) {
                long entry = sym.value() - base;
                if (entry == prevEntry || entry < 0 || entry >= s.size()) {
                    continue;
                }
                if (sym.size() > s.size() - entry) { // also keeps every sum of sizes below 2^63
                    throw new BadInputException(elf.source(), symbolSizeField(elf, sym), "function " + sym.name() + " (symbol "
                            + sym.index() + ") at 0x" + Long.toHexString(sym.value()) + " has st_size 0x" + Long.toHexString(sym.size())
                            + ": expected it to end inside " + s.name() + " (0x" + Long.toHexString(s.size()) + " bytes)");
                }
                // The nearest site at or before the entry, within the prefix window and after the previous function's entry.
                int i = Arrays.binarySearch(sites, entry);
                long site = -1;
                if (i >= 0) {
                    site = entry;
                } else if (-i - 2 >= 0) {
                    long cand = sites[-i - 2];
                    if (entry - cand <= MAX_PREFIX && cand > prevEntry) {
                        site = cand;
                    }
                }
                prevEntry = entry;
                long cap = rel ? Math.max(1, s.alignment()) : 1L << 12;
                raws.add(new Raw(sym.name(), s.name(), sym.value(), sym.size(), alignmentOf(sym.value(), cap), site >= 0,
                        site >= 0 ? (int) (entry - site) : 0, site >= 0 ? nopBytesAt(arch, bytes, entry, sym.size()) : 0));
            }
        }
        int usual = mode(raws);
        List<FunctionEntry> functions = new ArrayList<>(raws.size());
        for (Raw r : raws) {
            functions.add(new FunctionEntry(r.name, r.section, r.address, r.size, r.alignment, r.traceable, r.before,
                    r.traceable ? Math.min(r.nops, usual) : 0));
        }
        return new ModuleText(module, arch, rvc, sections, functions);
    }

    /** Where a symbol's st_size is in the file, e.g. "offset 0x1a2b", if the symbol table is found. */
    private static String symbolSizeField(ElfFile elf, Symbol sym) {
        return elf.sections().stream().filter(s -> s.type() == Section.SHT_SYMTAB).findFirst()
                .map(t -> "offset 0x" + Long.toHexString(t.offset() + 24L * sym.index() + 16)).orElse(null);
    }

    private record Raw(String name, String section, long address, long size, long alignment, boolean traceable,
            int before, int nops) {
    }

    /** The NOP bytes most traceable functions start with: the compiler's patch-area size. */
    private static int mode(List<Raw> raws) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Raw r : raws) {
            if (r.traceable) {
                counts.merge(r.nops, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0);
    }

    /** Bytes of consecutive NOPs from {@code at} within the function (C.NOP and NOP on riscv, NOP on arm64). */
    static int nopBytesAt(Arch arch, byte[] bytes, long at, long size) {
        int p = (int) at;
        int end = (int) Math.min(bytes.length, at + Math.min(size, 64));
        while (p + 2 <= end) {
            int half = bytes[p] & 0xff | (bytes[p + 1] & 0xff) << 8;
            if (arch == Arch.RISCV64 && half == 0x0001) {
                p += 2;
            } else if (p + 4 <= end && word(bytes, p) == (arch == Arch.RISCV64 ? 0x00000013 : 0xd503201f)) {
                p += 4;
            } else {
                break;
            }
        }
        return p - (int) at;
    }

    private static int word(byte[] b, int p) {
        return b[p] & 0xff | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    /** The largest power of two dividing {@code address}, at most {@code cap}. */
    static long alignmentOf(long address, long cap) {
        long low = address == 0 ? cap : Long.lowestOneBit(address);
        return Math.min(low, Long.highestOneBit(cap));
    }
}
