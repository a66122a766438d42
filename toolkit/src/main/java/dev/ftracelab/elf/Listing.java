package dev.ftracelab.elf;

import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.InstructionSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * Listing.write(elf, null, writer);   // a whole text, streamed: no line is kept
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

    /** Receives the listed lines one at a time, in address order, section after section. */
    @FunctionalInterface
    public interface LineSink {
        void accept(Line line) throws IOException;
    }

    /** Every executable section, in file order (all lines held: for a whole text use {@link #write}). */
    public static Listing of(ElfFile elf) {
        return collect(elf, elf::view, Map.of());
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
        return collect(elf, wrap(contents), quads);
    }

    private static Listing collect(ElfFile elf, Function<Section, ByteBuffer> contents, Map<Long, String> quads) {
        List<Line> lines = new ArrayList<>();
        try {
            walk(elf, contents, quads, null, lines::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // adding to a list does not throw
        }
        return new Listing(elf, lines);
    }

    /**
     * Streams the listing of every executable section to {@code sink}, one line at a time, as it
     * is decoded: memory stays bounded however large the text (no line is kept), time is linear.
     * {@code contents} and {@code quads} are as in {@link #of(ElfFile, Function, Map)}.
     *
     * <pre>{@code
     * Listing.stream(elf, elf::contents, Map.of(), line -> count[0]++);
     * }</pre>
     */
    public static void stream(ElfFile elf, Function<Section, byte[]> contents, Map<Long, String> quads, LineSink sink)
            throws IOException {
        walk(elf, wrap(contents), quads, null, sink);
    }

    /**
     * Writes the text of {@link #toText()} for the whole file (or only function {@code symbol}
     * when not null, as {@link #function}) to {@code out} line by line, reading the section bytes
     * in place: a text of hundreds of MB is listed in bounded memory.
     *
     * <pre>{@code
     * Listing.write(ElfFile.read(Path.of("vmlinux")), null, new PrintWriter(System.out));
     * }</pre>
     *
     * @throws dev.ftracelab.util.BadInputException if {@code symbol} names no function in a section
     */
    public static void write(ElfFile elf, String symbol, Appendable out) throws IOException {
        walk(elf, elf::view, Map.of(), symbol == null ? null : range(elf, symbol), new TextSink(elf, out));
    }

    private static Function<Section, ByteBuffer> wrap(Function<Section, byte[]> contents) {
        return s -> ByteBuffer.wrap(contents.apply(s)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The addresses listed for a function: its patchable area in front of the entry, then its body. */
    private record Range(int section, long from, long to) {
        boolean contains(long address) {
            return Long.compareUnsigned(address, from) >= 0 && Long.compareUnsigned(address, to) < 0;
        }
    }

    /** Decodes the executable sections (or only the one holding {@code only}) into {@code sink}. */
    private static void walk(ElfFile elf, Function<Section, ByteBuffer> contents, Map<Long, String> quads, Range only,
                             LineSink sink) throws IOException {
        InstructionSet isa = InstructionSet.of(elf.arch());
        // Sites once for the file, grouped by section: recomputing them per section was quadratic.
        Map<Integer, Set<Long>> starts = new HashMap<>();
        for (PatchSite p : elf.patchSites()) {
            starts.computeIfAbsent(p.section().index(), k -> new HashSet<>()).add(p.address());
        }
        for (Section s : elf.sections()) {
            // A NOBITS section has no instructions in the file (objdump -d lists none either).
            if (s.isExecutable() && s.size() > 0 && !s.isNobits() && (only == null || only.section() == s.index())) {
                disassemble(elf, isa, s, contents.apply(s), starts.getOrDefault(s.index(), Set.of()), quads, only, sink);
            }
        }
    }

    /**
     * Only the lines of function {@code name}, including the patchable area in front of its entry.
     *
     * @throws dev.ftracelab.util.BadInputException if there is no such function
     */
    public Listing function(String name) {
        Range r = range(elf, name);
        String section = elf.sections().get(r.section()).name();
        return new Listing(elf, lines.stream()
                .filter(l -> l.section().equals(section) && r.contains(l.address())).toList());
    }

    private static Range range(ElfFile elf, String name) {
        Symbol f = elf.symbol(name).filter(s -> s.type() == SymbolType.FUNC)
                .orElseThrow(() -> new dev.ftracelab.util.BadInputException(elf.source(), null,
                        "no function named '" + name + "'"));
        if (!f.isInSection()) {
            throw new dev.ftracelab.util.BadInputException(elf.source(), null, "function '" + name + "' (symbol " + f.index()
                    + ") has st_shndx 0x" + Integer.toHexString(f.sectionIndex()) + (f.sectionIndex() == Symbol.SHN_ABS ? " (SHN_ABS)"
                    : f.sectionIndex() == Symbol.SHN_COMMON ? " (SHN_COMMON)" : "") + ": expected a function defined in a section");
        }
        long before = patchBytesBefore(elf, f);
        return new Range(f.sectionIndex(), f.value() - before, f.value() + Math.max(f.size(), 1));
    }

    /** The listing as objdump -d prints it (normalised: one space less fuss, same fields). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        TextSink text = new TextSink(elf, sb);
        try {
            for (Line l : lines) {
                text.accept(l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }

    /** Formats lines as objdump does, with a header per section and a label per function entry. */
    private static final class TextSink implements LineSink {
        private final ElfFile elf;
        private final Appendable out;
        private String function;
        private String section;

        TextSink(ElfFile elf, Appendable out) {
            this.elf = elf;
            this.out = out;
        }

        @Override
        public void accept(Line l) throws IOException {
            if (!l.section().equals(section)) {
                section = l.section();
                out.append("\nDisassembly of section ").append(section).append(":\n");
                function = null;
            }
            String f = l.function();
            if (!f.equals(function) && !f.isEmpty()) {
                Optional<Symbol> sym = elf.symbol(f);
                if (sym.isPresent() && sym.get().value() == l.address()) {
                    out.append(String.format(Locale.ROOT, "%n%016x <%s>:%n", l.address(), f));
                }
                function = f;
            }
            out.append(String.format(Locale.ROOT, "%8x:\t%-20s\t%s%s%n", l.address(), l.hex(), l.text(),
                    l.patchSite() ? "\t# patch site" : ""));
        }
    }

    private static void disassemble(ElfFile elf, InstructionSet isa, Section s, ByteBuffer code, Set<Long> sites,
                                    Map<Long, String> quads, Range only, LineSink out) throws IOException {
        long base = s.address();
        int step = isa.alignment();
        int size = code.limit();
        boolean inArea = false;
        for (int off = 0; off + step <= size; ) {
            long addr = base + off;
            if (only != null && Long.compareUnsigned(addr, only.to()) >= 0) {
                return; // past the function: nothing further is listed
            }
            boolean emit = only == null || only.contains(addr);
            String quad = quads.get(addr);
            if (quad != null && off + 8 <= size) {
                long v = code.getLong(off);
                inArea = sites.contains(addr) || inArea; // data in the patch area: the area goes on after it
                if (emit) {
                    String text = String.format(Locale.ROOT, ".quad\t0x%016x", v) + (quad.isEmpty() ? "" : "\t<" + quad + ">");
                    out.accept(new Line(s.name(), addr, 8, v, text, elf.functionAt(s, addr).map(Symbol::name).orElse(""),
                            inArea, true));
                }
                off += 8;
                continue;
            }
            int low = u16(code, off);
            int len = isa.length(low);
            if (off + len > size) {
                len = step;
            }
            int word = len == 2 ? low : low | (off + 3 < size ? u16(code, off + 2) << 16 : 0);
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
            if (emit) {
                String fn = elf.functionAt(s, addr).map(Symbol::name).orElse("");
                out.accept(new Line(s.name(), addr, len, word & 0xffffffffL, text, fn, inArea && ok, ok));
            }
            off += len;
        }
    }

    private static int u16(ByteBuffer b, int off) {
        return (b.get(off) & 0xff) | (off + 1 < b.limit() ? (b.get(off + 1) & 0xff) << 8 : 0);
    }

    /** Distance from the nearest patch site at or before the entry (the area in front of it), else 0. */
    private static long patchBytesBefore(ElfFile elf, Symbol f) {
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
