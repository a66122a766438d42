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
     * @param length    2 or 4, or 8 for a data quad; 1, 2 or 4 for data marked by a {@code $d} mapping symbol
     * @param word      the encoding (unsigned), or the quad's value
     * @param text      objdump-style text: for an unsupported encoding what objdump prints for one it does
     *                  not know ({@code .inst 0x... ; undefined}, {@code .4byte 0x...}); for data in
     *                  the text ({@code $d} mapping symbols) {@code .word} / {@code .short} / {@code .byte}; or
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
                case 1 -> zeroPadded(word & 0xff, 2);
                case 2 -> zeroPadded(word & 0xffff, 4);
                case 8 -> zeroPadded(word, 16);
                default -> zeroPadded(word & 0xffffffffL, 8);
            };
        }
    }

    public Listing {
        lines = List.copyOf(lines);
    }

    /** {@code v} in lowercase hex, zero-padded to {@code digits} (as {@code %0<digits>x}). */
    static String zeroPadded(long v, int digits) {
        String h = Long.toHexString(v);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
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
        Map<Integer, MappingSymbols> maps = MappingSymbols.of(elf);
        for (Section s : elf.sections()) {
            // A NOBITS section has no instructions in the file (objdump -d lists none either).
            if (s.isExecutable() && s.size() > 0 && !s.isNobits() && (only == null || only.section() == s.index())) {
                Map<Long, Long> relocated = elf.type() == ElfType.REL && isa.printsRelocations()
                        ? relocatedSymbolValues(elf, s) : Map.of();
                disassemble(elf, isa, s, contents.apply(s), starts.getOrDefault(s.index(), Set.of()), quads, only,
                        maps.getOrDefault(s.index(), MappingSymbols.NONE), relocated, sink);
            }
        }
    }

    /**
     * The mapping symbols of each section ({@code $x} code, {@code $d} data; AArch64 also
     * {@code $x.N}/{@code $d.N}, RISC-V {@code $x<arch>} such as {@code $xrv64i2p1_m2p0}), as
     * objdump reads them: from an address on, the state of the last such symbol at or before it.
     */
    private record MappingSymbols(long[] addresses, boolean[] data) {
        static final MappingSymbols NONE = new MappingSymbols(new long[0], new boolean[0]);

        static Map<Integer, MappingSymbols> of(ElfFile elf) {
            Map<Integer, List<Symbol>> bySection = new HashMap<>();
            for (Symbol y : elf.symbols()) {
                String n = y.name();
                if (n.length() >= 2 && n.charAt(0) == '$' && y.isInSection() && y.type() == SymbolType.NOTYPE
                        && mapping(elf, n) != 0) {
                    bySection.computeIfAbsent(y.sectionIndex(), k -> new ArrayList<>()).add(y);
                }
            }
            Map<Integer, MappingSymbols> out = new HashMap<>();
            bySection.forEach((sec, list) -> {
                list.sort((a, b) -> Long.compareUnsigned(a.value(), b.value())); // stable: table order at one address
                long[] at = new long[list.size()];
                boolean[] data = new boolean[list.size()];
                for (int i = 0; i < at.length; i++) {
                    at[i] = list.get(i).value();
                    data[i] = mapping(elf, list.get(i).name()) == 'd';
                }
                out.put(sec, new MappingSymbols(at, data));
            });
            return out;
        }

        /** 'x', 'd', or 0 when {@code name} is not a mapping symbol objdump honours for this arch. */
        private static char mapping(ElfFile elf, String name) {
            char c = name.charAt(1);
            if (c != 'x' && c != 'd') {
                return 0;
            }
            if (name.length() == 2) {
                return c;
            }
            return switch (elf.arch()) {
                case ARM64 -> name.charAt(2) == '.' ? c : 0;
                case RISCV64 -> c == 'x' && name.startsWith("$xrv") ? c : 0;
            };
        }

        /** Index of the last symbol at or before {@code address} (from {@code from} on), or from - 1. */
        int advance(int from, long address) {
            int i = from;
            while (i + 1 < addresses.length && Long.compareUnsigned(addresses[i + 1], address) <= 0) {
                i++;
            }
            return i;
        }

        /** The address of the first mapping symbol after {@code address}, or -1. */
        long nextAfter(int from, long address) {
            for (int i = Math.max(from, 0); i < addresses.length; i++) {
                if (Long.compareUnsigned(addresses[i], address) > 0) {
                    return addresses[i];
                }
            }
            return -1;
        }
    }

    /**
     * In a relocatable file, by offset into {@code s}: the value of the symbol of the (first)
     * relocation applying there, for {@link InstructionSet#disassembleRelocated}.
     */
    private static Map<Long, Long> relocatedSymbolValues(ElfFile elf, Section s) {
        Map<Long, Long> out = new HashMap<>();
        for (Section rela : elf.sections()) {
            if (rela.type() == Section.SHT_RELA && rela.info() == s.index()) {
                for (Relocation r : elf.relocations(rela)) {
                    Symbol y = elf.symbols().isEmpty() ? null : elf.symbols().get(r.symbolIndex());
                    // bfd's symbol value: the section's address (some .ko sections have one) + st_value
                    out.putIfAbsent(r.offset(), y == null || !y.isInSection() || y.sectionIndex() >= elf.sections().size()
                            ? 0L : elf.sections().get(y.sectionIndex()).address() + y.value());
                }
            }
        }
        return out;
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
            // as "%8x:\t%-20s\t%s%s%n", without a Formatter per line: it was most of disasm's time
            String address = Long.toHexString(l.address());
            String hex = l.hex();
            StringBuilder b = new StringBuilder(64);
            b.append(" ".repeat(Math.max(0, 8 - address.length()))).append(address).append(":\t")
                    .append(hex).append(" ".repeat(Math.max(0, 20 - hex.length()))).append('\t').append(l.text());
            if (l.patchSite()) {
                b.append("\t# patch site");
            }
            out.append(b.append(System.lineSeparator()));
        }
    }

    private static void disassemble(ElfFile elf, InstructionSet isa, Section s, ByteBuffer code, Set<Long> sites,
                                    Map<Long, String> quads, Range only, MappingSymbols map, Map<Long, Long> relocated,
                                    LineSink out) throws IOException {
        long base = s.address();
        int step = isa.alignment();
        int size = code.limit();
        boolean inArea = false;
        int mapAt = -1;
        for (int off = 0; off < size; ) {
            long addr0 = base + off;
            mapAt = map.advance(mapAt, addr0);
            if (mapAt >= 0 && map.data()[mapAt]) {
                // data in the text ($d): listed in chunks as objdump prints them, never decoded
                int len = dataLength(elf, map, mapAt, addr0, size - off);
                if (only == null || only.contains(addr0)) {
                    long v = 0;
                    for (int k = len - 1; k >= 0; k--) {
                        v = v << 8 | (code.get(off + k) & 0xff);
                    }
                    String text = switch (len) {
                        case 1 -> String.format(Locale.ROOT, ".byte\t0x%02x", v);
                        case 2 -> String.format(Locale.ROOT, ".short\t0x%04x", v);
                        case 8 -> String.format(Locale.ROOT, ".dword\t0x%016x", v);
                        default -> String.format(Locale.ROOT, ".word\t0x%08x", v);
                    };
                    out.accept(new Line(s.name(), addr0, len, v, text,
                            elf.functionAt(s, addr0).map(Symbol::name).orElse(""), false, true));
                } else if (Long.compareUnsigned(addr0, only.to()) >= 0) {
                    return;
                }
                inArea = false;
                off += len;
                continue;
            }
            if (off + step > size) {
                break;
            }
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
                Long symbolValue = relocated.isEmpty() ? null : relocated.get(addr - base);
                text = symbolValue == null ? isa.disassemble(addr, insn)
                        : isa.disassembleRelocated(addr, insn, symbolValue);
            } catch (DecodeException e) {
                ok = false;
                text = isa.undecodable(word, len);
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

    /**
     * How many bytes of data objdump prints on one line at {@code address}: AArch64 up to the next
     * 4-byte boundary, RISC-V 4 bytes; either cut at the next mapping symbol (and the section's
     * end), and a 3-byte rest printed as 2 (AArch64: 1 at an odd address).
     */
    private static int dataLength(ElfFile elf, MappingSymbols map, int mapAt, long address, int left) {
        long len = elf.arch() == dev.ftracelab.isa.Arch.ARM64 ? 4 - (address & 3) : 4;
        long next = map.nextAfter(mapAt, address);
        if (next != -1 && next - address < len) {
            len = next - address;
        }
        len = Math.min(len, left);
        if (len == 3) {
            len = elf.arch() == dev.ftracelab.isa.Arch.ARM64 && (address & 1) != 0 ? 1 : 2;
        }
        return (int) Math.max(len, 1);
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
