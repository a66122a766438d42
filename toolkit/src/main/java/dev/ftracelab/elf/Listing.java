package dev.ftracelab.elf;

import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.InstructionSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An objdump-like disassembly of an ELF file's executable sections, or of one function: one
 * {@link Line} per instruction with its address, encoding, text, the function it belongs to and
 * whether it is a patch site (in a function's patchable-entry area).
 *
 * <pre>{@code
 * ElfFile elf = ElfFile.read(Path.of("fib.pfe.elf"));
 * System.out.print(Listing.of(elf).function("fib").toText());
 * }</pre>
 *
 * @param elf   the file
 * @param lines the instructions listed, in address order
 */
public record Listing(ElfFile elf, List<Line> lines) {

    /**
     * One listed instruction.
     *
     * @param section   section name
     * @param address   address (section offset in a relocatable file)
     * @param length    2 or 4, or 8 for a data quad
     * @param word      the encoding (unsigned), or the quad's value
     * @param text      objdump-style text, {@code .word 0x...} / {@code .short} for an unsupported encoding, or
     *                  {@code .quad 0x... <name>} for a literal given as data
     * @param function  the function symbol containing it, or "" if none
     * @param patchSite whether it lies in a patchable-entry area recorded by the compiler
     * @param supported false if the encoding is outside the supported set
     */
    public record Line(String section, long address, int length, long word, String text, String function,
                       boolean patchSite, boolean supported) {
        /** The encoding as objdump prints it: {@code 1141} (2 bytes), {@code 00000513}, or 16 digits for a quad. */
        public String hex() {
            return switch (length) {
                case 2 -> String.format(Locale.ROOT, "%04x", word & 0xffff);
                case 8 -> String.format(Locale.ROOT, "%016x", word);
                default -> String.format(Locale.ROOT, "%08x", word & 0xffffffffL);
            };
        }
    }

    public Listing {
        lines = List.copyOf(lines);
    }

    /** Every executable section, in file order. */
    public static Listing of(ElfFile elf) {
        return of(elf, elf::contents);
    }

    /**
     * Every executable section with its bytes from {@code contents}: e.g. from an emulated
     * machine's memory, to list the text as patched rather than as compiled.
     */
    public static Listing of(ElfFile elf, Function<Section, byte[]> contents) {
        return of(elf, contents, Map.of());
    }

    /**
     * As {@link #of(ElfFile, Function)}, with 8-byte data words among the code listed as data:
     * at each address of {@code quads}, {@code .quad 0x... <name>} (e.g. a CALL_OPS ops literal
     * before a function's entry, which would otherwise be disassembled as instructions).
     *
     * <pre>{@code
     * Listing.of(elf, contents, Map.of(entry - 8, "ftrace_nop_ops"));  // ".quad 0xffff... <ftrace_nop_ops>"
     * }</pre>
     */
    public static Listing of(ElfFile elf, Function<Section, byte[]> contents, Map<Long, String> quads) {
        InstructionSet isa = InstructionSet.of(elf.arch());
        List<Line> lines = new ArrayList<>();
        // Sites once for the file, grouped by section: recomputing them per section was quadratic.
        Map<Integer, Set<Long>> starts = new HashMap<>();
        for (PatchSite p : elf.patchSites()) {
            starts.computeIfAbsent(p.section().index(), k -> new HashSet<>()).add(p.address());
        }
        for (Section s : elf.sections()) {
            // A NOBITS section has no instructions in the file (objdump -d lists none either).
            if (s.isExecutable() && s.size() > 0 && !s.isNobits()) {
                disassemble(elf, isa, s, contents.apply(s), starts.getOrDefault(s.index(), Set.of()), quads, lines);
            }
        }
        return new Listing(elf, lines);
    }

    /**
     * Only the lines of function {@code name}, including the patchable area in front of its entry.
     *
     * @throws dev.ftracelab.util.BadInputException if there is no such function
     */
    public Listing function(String name) {
        Symbol f = elf.symbol(name).filter(s -> s.type() == SymbolType.FUNC)
                .orElseThrow(() -> new dev.ftracelab.util.BadInputException(elf.source(), null,
                        "no function named '" + name + "'"));
        if (!f.isInSection()) {
            throw new dev.ftracelab.util.BadInputException(elf.source(), null, "function '" + name + "' (symbol " + f.index()
                    + ") has st_shndx 0x" + Integer.toHexString(f.sectionIndex()) + (f.sectionIndex() == Symbol.SHN_ABS ? " (SHN_ABS)"
                    : f.sectionIndex() == Symbol.SHN_COMMON ? " (SHN_COMMON)" : "") + ": expected a function defined in a section");
        }
        long before = patchBytesBefore(f);
        long from = f.value() - before;
        long to = f.value() + Math.max(f.size(), 1);
        String section = elf.sections().get(f.sectionIndex()).name();
        return new Listing(elf, lines.stream()
                .filter(l -> l.section().equals(section) && l.address() >= from && l.address() < to).toList());
    }

    /** The listing as objdump -d prints it (normalised: one space less fuss, same fields). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        String function = null;
        String section = null;
        for (Line l : lines) {
            if (!l.section().equals(section)) {
                section = l.section();
                sb.append("\nDisassembly of section ").append(section).append(":\n");
                function = null;
            }
            String f = l.function();
            if (!f.equals(function) && !f.isEmpty()) {
                Optional<Symbol> sym = elf.symbol(f);
                if (sym.isPresent() && sym.get().value() == l.address()) {
                    sb.append(String.format(Locale.ROOT, "%n%016x <%s>:%n", l.address(), f));
                }
                function = f;
            }
            sb.append(String.format(Locale.ROOT, "%8x:\t%-20s\t%s%s%n", l.address(), l.hex(), l.text(),
                    l.patchSite() ? "\t# patch site" : ""));
        }
        return sb.toString();
    }

    private static void disassemble(ElfFile elf, InstructionSet isa, Section s, byte[] code, Set<Long> sites,
                                    Map<Long, String> quads, List<Line> out) {
        long base = s.address();
        int step = isa.alignment();
        boolean inArea = false;
        for (int off = 0; off + step <= code.length; ) {
            long addr = base + off;
            String quad = quads.get(addr);
            if (quad != null && off + 8 <= code.length) {
                long v = 0;
                for (int i = 7; i >= 0; i--) {
                    v = v << 8 | (code[off + i] & 0xff);
                }
                String text = String.format(Locale.ROOT, ".quad\t0x%016x", v) + (quad.isEmpty() ? "" : "\t<" + quad + ">");
                inArea = sites.contains(addr) || inArea; // data in the patch area: the area goes on after it
                out.add(new Line(s.name(), addr, 8, v, text, elf.functionAt(s, addr).map(Symbol::name).orElse(""),
                        inArea, true));
                off += 8;
                continue;
            }
            int low = u16(code, off);
            int len = isa.length(low);
            if (off + len > code.length) {
                len = step;
            }
            int word = len == 2 ? low : low | (off + 3 < code.length ? u16(code, off + 2) << 16 : 0);
            String text;
            boolean ok = true;
            try {
                Instruction insn = isa.decode(addr, word);
                text = isa.disassemble(addr, insn);
            } catch (DecodeException e) {
                ok = false;
                text = len == 2 ? String.format(Locale.ROOT, ".short\t0x%04x", word & 0xffff)
                        : String.format(Locale.ROOT, ".word\t0x%08x", word);
            }
            // A patch area is the run of NOPs (and a BTI landing pad at the entry) from a recorded site.
            inArea = sites.contains(addr) || inArea && (text.equals("nop") || text.startsWith("bti"));
            String fn = elf.functionAt(s, addr).map(Symbol::name).orElse("");
            out.add(new Line(s.name(), addr, len, word & 0xffffffffL, text, fn, inArea && ok, ok));
            off += len;
        }
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (off + 1 < b.length ? (b[off + 1] & 0xff) << 8 : 0);
    }

    /** Distance from the nearest patch site at or before the entry (the area in front of it), else 0. */
    private long patchBytesBefore(Symbol f) {
        long best = 0;
        boolean found = false;
        for (PatchSite p : elf.patchSites()) {
            long d = f.value() - p.address();
            if (p.section().index() == f.sectionIndex() && d >= 0 && d <= 64 && (!found || d < best)) {
                best = d;
                found = true;
            }
        }
        return best;
    }
}
