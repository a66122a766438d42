package dev.ftracelab.elf;

import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputFiles;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed ELF64 little-endian file (RISC-V or AArch64): header, sections, segments, the
 * {@code .symtab} symbols, RELA relocations and ftrace patch sites. Immutable; the file's bytes
 * are kept privately and copied out on request.
 *
 * <pre>{@code
 * ElfFile elf = ElfFile.read(Path.of("hello.ko"));
 * elf.arch();                                 // Arch.RISCV64
 * for (PatchSite p : elf.patchSites()) {      // from __patchable_function_entries / __mcount_loc
 *     System.out.println(p.section().name() + "+0x" + Long.toHexString(p.sectionOffset()));
 * }
 * byte[] text = elf.contents(elf.section(".text").orElseThrow());
 * }</pre>
 *
 * <p><b>Why our own reader and not net.fornwall:jelf 0.9.0.</b> We need three things jelf does not
 * give us: (1) every error names the byte offset and what was expected — jelf throws
 * {@code ElfException} with a message only, and for many truncations a plain
 * {@code IndexOutOfBoundsException} from its buffer reads; (2) robustness on hostile input for
 * fuzzing — every size and offset here is checked against the file length with overflow-safe
 * arithmetic before anything is read or allocated, and what we allocate is bounded by the file
 * size; (3) the relocations of {@code .rela__patchable_function_entries} /
 * {@code .rela__mcount_loc} in ET_REL kernel modules, resolved through the symbol table. It also
 * keeps the toolkit free of another dependency. The subset we need (ELF64 LE, sections, program
 * headers, one symbol table, RELA) is small enough that owning it is cheaper than working around
 * a general library.
 *
 * <p>Parsing reads the header, section and program header tables and the symbol table up front
 * (all proportional to the file's size, no per-byte objects); relocations, patch sites and
 * contents are computed on request. Every malformed or truncated input is reported as a
 * {@link BadInputException} "{@code file:offset 0x..: what was expected}".
 */
public final class ElfFile {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int EHDR_SIZE = 64;
    private static final int SHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SYM_SIZE = 24;
    private static final int RELA_SIZE = 24;
    private static final int PN_XNUM = 0xffff;
    /** Larger NOBITS sections are refused by {@link #contents}: map them as zero pages instead. */
    static final long MAX_ZERO_FILL = 64L << 20;

    /** Names of the tables whose 8-byte entries locate ftrace patch sites. */
    public static final String PATCHABLE_FUNCTION_ENTRIES = "__patchable_function_entries";
    public static final String MCOUNT_LOC = "__mcount_loc";

    private final byte[] data;
    private final String source;
    private final Arch arch;
    private final ElfType type;
    private final long entry;
    private final long programHeaderOffset;
    private final int flags;
    private final List<Section> sections;
    private final List<Segment> segments;
    private final List<Symbol> symbols;
    private final int symtabIndex;
    private final Map<String, Section> sectionsByName;
    private final Map<String, Symbol> symbolsByName;
    private final FunctionIndex functions;
    private final Map<Integer, FunctionIndex> functionsBySection;

    /**
     * Reads and parses a file.
     *
     * @throws BadInputException if the file cannot be read or is not a supported, well-formed ELF file
     */
    public static ElfFile read(Path file) {
        InputFiles.requireRegularFile(file, "an ELF file");
        byte[] bytes;
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new BadInputException(file.toString(), null, "file is larger than 2 GiB, expected an ELF object");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), null, "cannot read: " + e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses an ELF image held in memory; {@code sourceName} is used in error messages. The array
     * is not copied: do not modify it afterwards.
     *
     * @throws BadInputException if {@code data} is not a supported, well-formed ELF file
     */
    public static ElfFile parse(byte[] data, String sourceName) {
        return new ElfFile(data, sourceName);
    }

    private ElfFile(byte[] data, String source) {
        this.data = data;
        this.source = source;
        checkIdent();
        int eType = u16(16);
        type = ElfType.of(eType);
        if (type == null) {
            throw error(16, "expected e_type ET_REL (1), ET_EXEC (2) or ET_DYN (3), got " + eType
                    + (eType == 4 ? " (ET_CORE)" : eType == 0 ? " (ET_NONE)" : ""));
        }
        int machine = u16(18);
        arch = Arch.fromElfMachine(machine);
        if (arch == null) {
            throw error(18, "unsupported e_machine " + machine + machineName(machine)
                    + ": expected EM_RISCV (243) or EM_AARCH64 (183)");
        }
        expectEquals(20, u32(20), 1, "e_version EV_CURRENT");
        entry = u64(24);
        programHeaderOffset = u64(32);
        flags = u32(48);
        expectEquals(52, u16(52), EHDR_SIZE, "e_ehsize");

        List<Section> secs = readSections();
        sections = List.copyOf(secs);
        segments = List.copyOf(readSegments());
        Map<String, Section> byName = new HashMap<>();
        for (Section s : sections) {
            byName.putIfAbsent(s.name(), s);
        }
        sectionsByName = Map.copyOf(byName);

        int symtab = -1;
        for (Section s : sections) {
            if (s.type() == Section.SHT_SYMTAB) {
                symtab = s.index();
                break;
            }
        }
        symtabIndex = symtab;
        symbols = symtab < 0 ? List.of() : List.copyOf(readSymbols(sections.get(symtab)));
        Map<String, Symbol> symByName = new HashMap<>();
        for (Symbol s : symbols) {
            // A definition wins over an undefined reference, then a global over same-named locals
            // (static functions in several files); otherwise the first in the table.
            if (s.name().isEmpty()) {
                continue;
            }
            Symbol old = symByName.get(s.name());
            if (old == null || preference(s) > preference(old)) {
                symByName.put(s.name(), s);
            }
        }
        symbolsByName = Map.copyOf(symByName);

        List<Symbol> funcs = new ArrayList<>();
        Map<Integer, List<Symbol>> funcsBySection = new HashMap<>();
        for (Symbol s : symbols) {
            if (s.type() == SymbolType.FUNC && s.sectionIndex() != Symbol.SHN_UNDEF) {
                funcs.add(s);
                funcsBySection.computeIfAbsent(s.sectionIndex(), k -> new ArrayList<>()).add(s);
            }
        }
        functions = new FunctionIndex(funcs);
        Map<Integer, FunctionIndex> fbs = new HashMap<>();
        funcsBySection.forEach((k, v) -> fbs.put(k, new FunctionIndex(v)));
        functionsBySection = Map.copyOf(fbs);
    }

    private static int preference(Symbol s) {
        return (s.sectionIndex() != Symbol.SHN_UNDEF ? 2 : 0) + (s.binding() != SymbolBinding.LOCAL ? 1 : 0);
    }

    // ---- header -------------------------------------------------------------------------------

    private void checkIdent() {
        byte[] magic = {0x7f, 'E', 'L', 'F'};
        for (int i = 0; i < magic.length; i++) {
            if (i >= data.length) {
                throw error(data.length, "truncated: file is " + data.length + " bytes, expected ELF magic 7f 45 4c 46");
            }
            if (data[i] != magic[i]) {
                throw error(i, "expected ELF magic 7f 45 4c 46, got " + hexBytes(0, Math.min(4, data.length)));
            }
        }
        if (data.length < 16) {
            throw error(data.length, "truncated: file is " + data.length + " bytes, expected a 16-byte e_ident");
        }
        expectEquals(4, data[4] & 0xff, 2, "ELFCLASS64");
        if (data[5] != 1) {
            throw error(5, "expected ELFDATA2LSB (1, little-endian), got " + (data[5] & 0xff)
                    + (data[5] == 2 ? " (big-endian)" : ""));
        }
        expectEquals(6, data[6] & 0xff, 1, "EI_VERSION EV_CURRENT");
        if (data.length < EHDR_SIZE) {
            throw error(data.length, "truncated: file is " + data.length + " bytes, expected a 64-byte ELF64 header");
        }
    }

    private static String machineName(int machine) {
        return switch (machine) {
            case 3 -> " (EM_386)";
            case 8 -> " (EM_MIPS)";
            case 20 -> " (EM_PPC)";
            case 21 -> " (EM_PPC64)";
            case 22 -> " (EM_S390)";
            case 40 -> " (EM_ARM)";
            case 62 -> " (EM_X86_64)";
            case 258 -> " (EM_LOONGARCH)";
            default -> "";
        };
    }

    // ---- section headers ----------------------------------------------------------------------

    private List<Section> readSections() {
        long shoff = u64(40);
        int shentsize = u16(58);
        long shnum = u16(60);
        int shstrndx = u16(62);
        if (shoff == 0) {
            return List.of();
        }
        checkTable(40, shoff, 1, SHDR_SIZE, "section header table");
        if (shentsize != SHDR_SIZE) {
            throw error(58, "expected e_shentsize 64, got " + shentsize);
        }
        if (shnum == 0) {
            // More than 0xff00 sections: the real count is in section 0's sh_size.
            shnum = u64(shoff + 32);
            if (shnum < 0 || shnum > Integer.MAX_VALUE) {
                throw error(shoff + 32, "expected a section count in section 0's sh_size, got 0x" + Long.toHexString(shnum));
            }
        }
        checkTable(40, shoff, shnum, SHDR_SIZE, "section header table");
        if (shstrndx == 0xffff) {
            shstrndx = u32(shoff + 40);
        }
        int n = (int) shnum;
        if (shstrndx != 0 && Integer.toUnsignedLong(shstrndx) >= shnum) {
            throw error(62, "e_shstrndx " + Integer.toUnsignedString(shstrndx) + " is out of range: expected below e_shnum (" + n + ")");
        }
        long strOff = 0;
        long strSize = 0;
        long strHdr = shoff + (long) shstrndx * SHDR_SIZE;
        if (shstrndx != 0) {
            checkSectionBounds(strHdr, shstrndx, "");
            int t = u32(strHdr + 4);
            if (t != Section.SHT_STRTAB) {
                throw error(strHdr + 4, "expected section " + shstrndx + " (e_shstrndx) to be SHT_STRTAB (3), got type " + Integer.toUnsignedString(t));
            }
            strOff = u64(strHdr + 24);
            strSize = u64(strHdr + 32);
        }
        StringTable names = new StringTable(strOff, strSize, "section name string table (section " + shstrndx + ")");
        List<Section> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long h = shoff + (long) i * SHDR_SIZE;
            String name = shstrndx == 0 ? "" : names.get(Integer.toUnsignedLong(u32(h)), h, "sh_name of section " + i);
            checkSectionBounds(h, i, name);
            out.add(new Section(i, name, u32(h + 4), u64(h + 8), u64(h + 16), u64(h + 24), u64(h + 32), u64(h + 48),
                    u32(h + 40), u32(h + 44), u64(h + 56)));
        }
        return out;
    }

    private void checkSectionBounds(long h, int index, String name) {
        int t = u32(h + 4);
        if (t == Section.SHT_NULL || t == Section.SHT_NOBITS) {
            return;
        }
        long off = u64(h + 24);
        long size = u64(h + 32);
        if (size != 0 && !fits(off, size)) { // an empty section may sit anywhere
            throw error(h + 24, "section " + index + describe(name) + " at file offset 0x" + Long.toHexString(off)
                    + " with size 0x" + Long.toHexString(size) + " extends past the end of the file (0x"
                    + Integer.toHexString(data.length) + " bytes)");
        }
    }

    // ---- program headers ----------------------------------------------------------------------

    private List<Segment> readSegments() {
        long phoff = u64(32);
        int phentsize = u16(54);
        int phnum = u16(56);
        if (phnum == 0) {
            return List.of();
        }
        if (phnum == PN_XNUM) {
            throw error(56, "e_phnum PN_XNUM (0xffff, count in section 0) is not supported: expected fewer than 65535 program headers");
        }
        if (phentsize != PHDR_SIZE) {
            throw error(54, "expected e_phentsize 56, got " + phentsize);
        }
        checkTable(32, phoff, phnum, PHDR_SIZE, "program header table");
        List<Segment> out = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            long h = phoff + (long) i * PHDR_SIZE;
            Segment s = new Segment(u32(h), u32(h + 4), u64(h + 16), u64(h + 8), u64(h + 32), u64(h + 40), u64(h + 48));
            // a segment with nothing in the file (.bss only) may have its offset past the end:
            // GNU ld places it at the aligned offset where its contents would start
            if (s.fileSize() != 0 && !fits(s.offset(), s.fileSize())) {
                throw error(h + 8, "program header " + i + " at file offset 0x" + Long.toHexString(s.offset())
                        + " with p_filesz 0x" + Long.toHexString(s.fileSize()) + " extends past the end of the file (0x"
                        + Integer.toHexString(data.length) + " bytes)");
            }
            if (s.isLoad() && s.memSize() != 0 && Long.compareUnsigned(s.vaddr() + s.memSize() - 1, s.vaddr()) < 0) {
                throw error(h + 40, "program header " + i + " at p_vaddr 0x" + Long.toHexString(s.vaddr()) + " with p_memsz 0x"
                        + Long.toHexString(s.memSize()) + ": expected it to end below 2^64");
            }
            if (s.isLoad() && Long.compareUnsigned(s.memSize(), s.fileSize()) < 0) {
                throw error(h + 40, "program header " + i + ": expected p_memsz (0x" + Long.toHexString(s.memSize())
                        + ") >= p_filesz (0x" + Long.toHexString(s.fileSize()) + ")");
            }
            out.add(s);
        }
        return out;
    }

    // ---- symbols ------------------------------------------------------------------------------

    private List<Symbol> readSymbols(Section symtab) {
        long h = headerOffset(symtab);
        checkEntries(symtab, SYM_SIZE, "symbol table");
        Section strtab = linkedSection(symtab, Section.SHT_STRTAB, "string table");
        StringTable names = new StringTable(strtab.offset(), strtab.size(), "string table " + strtab.name());
        int count = (int) (symtab.size() / SYM_SIZE);
        Section shndx = null;
        for (Section s : sections) {
            if (s.type() == Section.SHT_SYMTAB_SHNDX && s.link() == symtab.index()) {
                shndx = s;
            }
        }
        List<Symbol> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long o = symtab.offset() + (long) i * SYM_SIZE;
            String name = names.get(Integer.toUnsignedLong(u32(o)), o, "st_name of symbol " + i);
            int info = data[(int) o + 4] & 0xff;
            int sec = u16(o + 6);
            if (sec == Symbol.SHN_XINDEX) {
                if (shndx == null || Long.compareUnsigned(shndx.size() / 4, i) <= 0) {
                    throw error(o + 6, "symbol " + i + describe(name)
                            + " has st_shndx SHN_XINDEX: expected a SHT_SYMTAB_SHNDX section with an entry for it");
                }
                sec = u32(shndx.offset() + 4L * i);
                checkSymbolSection(shndx.offset() + 4L * i, i, name, sec);
            } else if (sec < Symbol.SHN_LORESERVE) {
                checkSymbolSection(o + 6, i, name, sec);
            }
            out.add(new Symbol(i, name, u64(o + 8), u64(o + 16), SymbolType.of(info & 0xf), SymbolBinding.of(info >>> 4), sec));
        }
        return out;
    }

    private void checkSymbolSection(long at, int i, String name, int sec) {
        if (sec != Symbol.SHN_UNDEF && Integer.toUnsignedLong(sec) >= sections.size()) {
            throw error(at, "symbol " + i + describe(name) + " has section index " + Integer.toUnsignedString(sec)
                    + ": expected below e_shnum (" + sections.size() + ") or a reserved index (ABS, COMMON)");
        }
    }

    // ---- relocations and patch sites ----------------------------------------------------------

    /**
     * The entries of a RELA section. Symbol indexes are checked against the symbol table the
     * section links to ({@link Symbol#index()} of {@link #symbols()} when that is {@code .symtab}).
     *
     * <pre>{@code
     * elf.section(".rela.text").map(elf::relocations).orElse(List.of());
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code rela} is not an SHT_RELA section of this file
     * @throws BadInputException if the section or an entry is malformed
     */
    public List<Relocation> relocations(Section rela) {
        ownSection(rela);
        if (rela.type() != Section.SHT_RELA) {
            throw new IllegalArgumentException("section " + rela.name() + " is not SHT_RELA (4) but type " + rela.type());
        }
        checkEntries(rela, RELA_SIZE, "RELA section");
        Section symtab = linkedSection(rela, -1, "symbol table");
        if (symtab.type() != Section.SHT_SYMTAB && symtab.type() != Section.SHT_DYNSYM) {
            throw error(headerOffset(rela) + 40, "RELA section " + rela.index() + describe(rela.name())
                    + ": expected sh_link to name a symbol table, got section " + symtab.index() + " of type " + symtab.type());
        }
        long symCount = symtab.size() / SYM_SIZE;
        int count = (int) (rela.size() / RELA_SIZE);
        List<Relocation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long o = rela.offset() + (long) i * RELA_SIZE;
            long info = u64(o + 8);
            long sym = info >>> 32;
            if (sym >= symCount) {
                throw error(o + 8, "relocation " + i + " in " + rela.name() + " refers to symbol " + sym
                        + ": expected below " + symCount + " (the size of its symbol table)");
            }
            out.add(new Relocation(u64(o), (int) info, (int) sym, u64(o + 16)));
        }
        return out;
    }

    /**
     * The ftrace patch sites recorded in {@code __patchable_function_entries} and
     * {@code __mcount_loc}, in table order. In EXEC/DYN files each 8-byte entry is the site's
     * address (zero entries — the kernel's sorttable clears those of discarded weak functions —
     * are skipped); in REL files (kernel modules) the entries are filled in by relocations, so
     * the sites come from the RELA sections applying to those tables: symbol value + addend in
     * the symbol's section.
     *
     * <pre>{@code
     * List<PatchSite> sites = ElfFile.read(Path.of("nf_tables.ko")).patchSites();
     * }</pre>
     *
     * @throws BadInputException if a table, relocation or entry is malformed or points nowhere
     */
    public List<PatchSite> patchSites() {
        List<PatchSite> out = new ArrayList<>();
        boolean tables = false;
        // Built once per call, so that thousands of sections cost a sort, not a scan per entry.
        SectionIndex index = new SectionIndex(sections);
        Map<Integer, List<Section>> relaFor = new HashMap<>();
        if (type == ElfType.REL) {
            for (Section rela : sections) {
                if (rela.type() == Section.SHT_RELA) {
                    relaFor.computeIfAbsent(rela.info(), k -> new ArrayList<>()).add(rela);
                }
            }
        }
        for (Section table : sections) {
            if (!table.name().equals(PATCHABLE_FUNCTION_ENTRIES) && !table.name().equals(MCOUNT_LOC)
                    || table.type() == Section.SHT_NULL) { // an inactive header: its offset and size mean nothing
                continue;
            }
            if (table.size() % 8 != 0) {
                throw error(headerOffset(table) + 32, "section " + table.index() + describe(table.name())
                        + " has size 0x" + Long.toHexString(table.size()) + ": expected a multiple of 8 (64-bit entries)");
            }
            tables = true;
            if (type == ElfType.REL) {
                relocatedSites(table, relaFor.getOrDefault(table.index(), List.of()), out);
            } else if (!table.isNobits()) {
                absoluteSites(table.name(), table.offset(), table.size(), index, out);
            }
        }
        if (!tables && type != ElfType.REL) {
            linkedSites(index, out);
        }
        return List.copyOf(out);
    }

    /**
     * A linked kernel keeps the table inside a data section, between {@code __start_mcount_loc}
     * and {@code __stop_mcount_loc} (the linker script gathers the compiler's
     * {@code __patchable_function_entries} there).
     */
    private void linkedSites(SectionIndex index, List<PatchSite> out) {
        Symbol start = symbolsByName.get("__start_mcount_loc");
        Symbol stop = symbolsByName.get("__stop_mcount_loc");
        if (start == null || stop == null || !start.isInSection()) {
            return;
        }
        Section holder = sections.get(start.sectionIndex());
        long size = stop.value() - start.value();
        long from = start.value() - holder.address();
        if (size < 0 || size % 8 != 0 || from < 0 || from + size > holder.size() || holder.isNobits()) {
            throw error(headerOffset(holder), "__start_mcount_loc..__stop_mcount_loc (0x" + Long.toHexString(start.value()) + "..0x"
                    + Long.toHexString(stop.value()) + "): expected a table of 8-byte entries inside " + holder.name());
        }
        absoluteSites(MCOUNT_LOC, holder.offset() + from, size, index, out);
    }

    /** Entries holding absolute addresses; 0 marks a discarded function. */
    private void absoluteSites(String table, long fileOffset, long size, SectionIndex index, List<PatchSite> out) {
        for (long e = 0; e < size; e += 8) {
            long at = fileOffset + e;
            long addr = u64(at);
            if (addr == 0) {
                continue;
            }
            Section target = index.containing(addr);
            if (target == null) {
                throw error(at, table + " entry 0x" + Long.toHexString(addr) + ": expected an address inside an allocated section");
            }
            out.add(new PatchSite(table, e, target, addr, addr - target.address()));
        }
    }

    /** {@code relas}: the RELA sections whose sh_info names {@code table}, in table order. */
    private void relocatedSites(Section table, List<Section> relas, List<PatchSite> out) {
        int abs64 = arch == Arch.RISCV64 ? Relocation.R_RISCV_64 : Relocation.R_AARCH64_ABS64;
        String abs64Name = arch == Arch.RISCV64 ? "R_RISCV_64 (2)" : "R_AARCH64_ABS64 (257)";
        List<PatchSite> sites = new ArrayList<>();
        for (Section rela : relas) {
            if (rela.link() != symtabIndex || symtabIndex < 0) {
                throw error(headerOffset(rela) + 40, "RELA section " + rela.index() + describe(rela.name())
                        + ": expected sh_link to name .symtab (section " + symtabIndex + "), got " + rela.link());
            }
            List<Relocation> relocs = relocations(rela);
            for (int i = 0; i < relocs.size(); i++) {
                Relocation r = relocs.get(i);
                long at = rela.offset() + (long) i * RELA_SIZE;
                if (r.type() != abs64) {
                    throw error(at + 8, "relocation " + i + " in " + rela.name() + ": expected " + abs64Name
                            + " for a 64-bit patch-site entry, got type " + Integer.toUnsignedString(r.type()));
                }
                if (table.size() == 0 || Long.compareUnsigned(r.offset(), table.size() - 8) > 0 || r.offset() % 8 != 0) {
                    throw error(at, "relocation " + i + " in " + rela.name() + " at r_offset 0x" + Long.toHexString(r.offset())
                            + ": expected an 8-byte-aligned entry inside " + table.name() + " (0x" + Long.toHexString(table.size()) + " bytes)");
                }
                Symbol s = symbols.get(r.symbolIndex());
                if (!s.isInSection()) {
                    throw error(at + 8, "relocation " + i + " in " + rela.name() + " refers to symbol " + s.index()
                            + describe(s.name()) + ": expected a symbol defined in a section");
                }
                Section target = sections.get(s.sectionIndex());
                long off = s.value() + r.addend();
                if (Long.compareUnsigned(off, target.size()) >= 0) {
                    throw error(at + 16, "relocation " + i + " in " + rela.name() + " points to offset 0x" + Long.toHexString(off)
                            + " of section " + target.name() + ": expected below its size 0x" + Long.toHexString(target.size()));
                }
                sites.add(new PatchSite(table.name(), r.offset(), target, target.address() + off, off));
            }
        }
        sites.sort(Comparator.comparingLong(PatchSite::entryOffset));
        out.addAll(sites);
    }

    // ---- accessors ----------------------------------------------------------------------------

    /** The name used in error messages: the path for {@link #read}, the given name for {@link #parse}. */
    public String source() {
        return source;
    }

    /** The architecture from {@code e_machine}. */
    public Arch arch() {
        return arch;
    }

    /** {@code e_type}. */
    public ElfType type() {
        return type;
    }

    /** {@code e_entry}: the entry point address (0 in relocatable files). */
    public long entry() {
        return entry;
    }

    /**
     * {@code e_phoff}: where the program header table ({@link #segments()}, 56 bytes each) starts
     * in the file; a loader tells the program where it lies in memory ({@code AT_PHDR}).
     */
    public long programHeaderOffset() {
        return programHeaderOffset;
    }

    /** {@code e_flags}, e.g. {@code EF_RISCV_RVC} (1) when compressed instructions are used. */
    public int flags() {
        return flags;
    }

    /** The size of the file in bytes. */
    public int length() {
        return data.length;
    }

    /** All section headers in table order, index 0 (the null section) included. */
    public List<Section> sections() {
        return sections;
    }

    /** The first section with this name. */
    public Optional<Section> section(String name) {
        return Optional.ofNullable(sectionsByName.get(name));
    }

    /** All program headers in table order (none in relocatable files). */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * The symbols of {@code .symtab} (the first SHT_SYMTAB section) in table order, entry 0 (the
     * null symbol) included so that {@code symbols().get(relocation.symbolIndex())} works.
     * Empty for stripped files.
     */
    public List<Symbol> symbols() {
        return symbols;
    }

    /**
     * The symbol with this name: a defined one before an undefined reference, a GLOBAL or WEAK one
     * before LOCAL ones of the same name, else the first in the table.
     */
    public Optional<Symbol> symbol(String name) {
        return Optional.ofNullable(symbolsByName.get(name));
    }

    /**
     * The FUNC symbol containing {@code address}, for annotating listings. In REL files symbol
     * values are section offsets; use {@link #functionAt(Section, long)} there.
     */
    public Optional<Symbol> functionAt(long address) {
        return functions.find(address);
    }

    /** The FUNC symbol of {@code section} containing {@code address} (an offset into the section in REL files). */
    public Optional<Symbol> functionAt(Section section, long address) {
        FunctionIndex idx = functionsBySection.get(section.index());
        return idx == null ? Optional.empty() : idx.find(address);
    }

    /**
     * A copy of the section's bytes; for NOBITS sections (e.g. {@code .bss}) {@code size} zero
     * bytes, refused above 64 MiB (map such sections as zero pages instead).
     *
     * @throws IllegalArgumentException if {@code section} is not one of this file's sections
     */
    public byte[] contents(Section section) {
        ownSection(section);
        if (section.type() == Section.SHT_NULL || section.size() == 0) {
            return new byte[0]; // an empty section's offset may lie past the end of the file
        }
        if (section.isNobits()) {
            if (Long.compareUnsigned(section.size(), MAX_ZERO_FILL) > 0) {
                throw error(headerOffset(section) + 32, "NOBITS section " + section.index() + describe(section.name())
                        + " has size 0x" + Long.toHexString(section.size()) + ": expected at most 64 MiB to materialise as zeros");
            }
            return new byte[(int) section.size()];
        }
        return Arrays.copyOfRange(data, (int) section.offset(), (int) (section.offset() + section.size()));
    }

    /**
     * The file bytes of a section with bytes in the file, as a read-only little-endian view (no
     * copy): the listing walks a text of hundreds of MB without doubling it in memory.
     */
    ByteBuffer view(Section section) {
        ownSection(section);
        if (section.type() == Section.SHT_NULL || section.isNobits()) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        return ByteBuffer.wrap(data, (int) section.offset(), (int) section.size()).slice().asReadOnlyBuffer()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A copy of the segment's file bytes ({@code fileSize} of them); the rest of {@code memSize}
     * is zeros the loader must provide.
     *
     * @throws IllegalArgumentException if {@code segment} is not one of this file's segments
     */
    public byte[] segmentBytes(Segment segment) {
        if (!segments.contains(segment)) {
            throw new IllegalArgumentException("not a segment of " + source + ": " + segment);
        }
        if (segment.fileSize() == 0) {
            return new byte[0]; // its offset may lie past the end of the file
        }
        return Arrays.copyOfRange(data, (int) segment.offset(), (int) (segment.offset() + segment.fileSize()));
    }

    @Override
    public String toString() {
        return "ElfFile[" + source + ", " + arch + ", " + type + ", " + sections.size() + " sections, "
                + symbols.size() + " symbols]";
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void ownSection(Section s) {
        if (s.index() < 0 || s.index() >= sections.size() || !sections.get(s.index()).equals(s)) {
            throw new IllegalArgumentException("not a section of " + source + ": " + s);
        }
    }

    private long headerOffset(Section s) {
        return u64(40) + (long) s.index() * SHDR_SIZE;
    }

    /** Checks that a table section holds whole entries of the expected size. */
    private void checkEntries(Section s, int entrySize, String what) {
        long h = headerOffset(s);
        if (s.entrySize() != entrySize) {
            throw error(h + 56, what + " " + s.index() + describe(s.name()) + ": expected sh_entsize " + entrySize
                    + ", got " + Long.toUnsignedString(s.entrySize()));
        }
        if (s.isNobits() || s.size() % entrySize != 0) {
            throw error(h + 32, what + " " + s.index() + describe(s.name()) + " has size 0x" + Long.toHexString(s.size())
                    + ": expected a multiple of " + entrySize + " bytes in the file");
        }
    }

    /** The section named by {@code s.link()}, checked to exist (and to have {@code type} unless -1). */
    private Section linkedSection(Section s, int type, String what) {
        long h = headerOffset(s);
        if (Integer.toUnsignedLong(s.link()) >= sections.size() || s.link() == 0) {
            throw error(h + 40, "section " + s.index() + describe(s.name()) + ": sh_link " + Integer.toUnsignedString(s.link())
                    + " should name its " + what + ", expected a section index in 1.." + (sections.size() - 1));
        }
        Section linked = sections.get(s.link());
        if (type >= 0 && linked.type() != type) {
            throw error(h + 40, "section " + s.index() + describe(s.name()) + ": expected sh_link to name a " + what
                    + " (type " + type + "), got section " + linked.index() + " of type " + Integer.toUnsignedString(linked.type()));
        }
        return linked;
    }

    /** Checks that {@code count} entries of {@code size} bytes at {@code off} lie inside the file. */
    private void checkTable(long fieldOffset, long off, long count, int size, String what) {
        long len;
        try {
            len = Math.multiplyExact(count, size);
        } catch (ArithmeticException e) {
            len = -1;
        }
        if (!fits(off, len)) {
            throw error(fieldOffset, what + " at 0x" + Long.toHexString(off) + " (" + count + (count == 1 ? " entry" : " entries")
                    + " of " + size + " bytes) extends past the end of the file (0x" + Integer.toHexString(data.length) + " bytes)");
        }
    }

    /** Whether [off, off + len) lies inside the file, for unsigned 64-bit {@code off} and {@code len}. */
    private boolean fits(long off, long len) {
        return off >= 0 && len >= 0 && off <= data.length && len <= data.length - off;
    }

    private void expectEquals(long at, long actual, long expected, String what) {
        if (actual != expected) {
            throw error(at, "expected " + what + " (" + expected + "), got " + actual);
        }
    }

    private BadInputException error(long offset, String reason) {
        return new BadInputException(source, "offset 0x" + Long.toHexString(offset), reason);
    }

    private static String describe(String name) {
        return name.isEmpty() ? "" : " (" + name + ")";
    }

    private String hexBytes(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i > from ? " " : "").append(String.format("%02x", data[i] & 0xff));
        }
        return sb.toString();
    }

    // Callers have checked the range; the casts are safe because offsets are below data.length.
    private int u16(long off) {
        return (short) U16.get(data, (int) off) & 0xffff;
    }

    private int u32(long off) {
        return (int) U32.get(data, (int) off);
    }

    private long u64(long off) {
        return (long) U64.get(data, (int) off);
    }

    /**
     * A string table whose strings are looked up by offset. The positions of its NUL bytes are
     * indexed once, so hostile tables (many names pointing into one long string) stay linear.
     */
    private final class StringTable {
        private final long offset;
        private final long size;
        private final String what;
        private int[] nuls;

        StringTable(long offset, long size, String what) {
            this.offset = offset;
            this.size = size;
            this.what = what;
        }

        String get(long index, long fieldOffset, String field) {
            if (index >= size) {
                throw error(fieldOffset, field + " is 0x" + Long.toHexString(index) + ": expected an offset below the size of the "
                        + what + " (0x" + Long.toHexString(size) + ")");
            }
            if (nuls == null) {
                nuls = indexNuls();
            }
            int start = (int) (offset + index);
            int pos = Arrays.binarySearch(nuls, start);
            int i = pos >= 0 ? pos : -pos - 1;
            if (i >= nuls.length) {
                throw error(start, field + ": expected a NUL-terminated string inside the " + what);
            }
            return new String(data, start, nuls[i] - start, StandardCharsets.UTF_8);
        }

        private int[] indexNuls() {
            int from = (int) offset;
            int to = (int) (offset + size);
            int count = 0;
            for (int p = from; p < to; p++) {
                if (data[p] == 0) {
                    count++;
                }
            }
            int[] out = new int[count];
            int k = 0;
            for (int p = from; p < to; p++) {
                if (data[p] == 0) {
                    out[k++] = p;
                }
            }
            return out;
        }
    }

    /** FUNC symbols sorted by value (unsigned) for containment lookups. */
    private static final class FunctionIndex {
        private final Symbol[] byValue;
        private final long maxSize;

        FunctionIndex(List<Symbol> funcs) {
            byValue = funcs.toArray(new Symbol[0]);
            Arrays.sort(byValue, (a, b) -> Long.compareUnsigned(a.value(), b.value()));
            long max = 0;
            for (Symbol s : byValue) {
                max = Math.max(max, s.size() < 0 ? Long.MAX_VALUE : s.size());
            }
            maxSize = max;
        }

        Optional<Symbol> find(long address) {
            // The last symbol starting at or below address, then back over any that start earlier
            // and may still reach it (nested or overlapping symbols), at most maxSize back.
            int lo = 0;
            int hi = byValue.length - 1;
            int last = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(byValue[mid].value(), address) <= 0) {
                    last = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            for (int i = last; i >= 0; i--) {
                Symbol s = byValue[i];
                if (s.contains(address)) {
                    return Optional.of(s);
                }
                if (Long.compareUnsigned(address - s.value(), maxSize) > 0) {
                    break;
                }
            }
            return Optional.empty();
        }
    }
}
