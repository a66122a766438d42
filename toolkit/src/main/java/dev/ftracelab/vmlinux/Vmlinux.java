package dev.ftracelab.vmlinux;

import dev.ftracelab.elf.Btf;
import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.elf.Section;
import dev.ftracelab.elf.Segment;
import dev.ftracelab.elf.Symbol;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import dev.ftracelab.elf.SymbolType;

/**
 * A shipped kernel image ({@code vmlinux} with its symbol table and BTF), checked and ready to be
 * mapped into an emulator's memory at its link addresses, with the image's own dynamic
 * relocations applied as boot would apply them for a kernel that is not moved.
 *
 * <pre>{@code
 * Vmlinux k = Vmlinux.open(Path.of("vmlinux-6.12.117+deb13-riscv64"));
 * k.version();                        // "Linux version 6.12.117+deb13-riscv64 (...) ..."
 * k.load(machine.memory());           // segments mapped, relocations applied
 * long caller = k.symbol("ftrace_caller");
 * }</pre>
 */
public final class Vmlinux {
    /** R_AARCH64_NONE, R_AARCH64_ABS64, R_AARCH64_GLOB_DAT, R_AARCH64_RELATIVE. */
    private static final int A64_NONE = 0, A64_ABS64 = 257, A64_GLOB_DAT = 1025, A64_RELATIVE = 1027;
    /** R_RISCV_NONE, R_RISCV_64, R_RISCV_RELATIVE. */
    private static final int RV_NONE = 0, RV_64 = 2, RV_RELATIVE = 3;

    private final ElfFile elf;
    private final Btf btf;
    private final String sha256;
    private final String buildId;
    private final String version;
    /** Where → value of every dynamic relocation the image carries, resolved at the link address. */
    private final Map<Long, Long> relocations;

    private Vmlinux(ElfFile elf, byte[] bytes) {
        this.elf = elf;
        if (elf.arch() != Arch.RISCV64 && elf.arch() != Arch.ARM64) {
            throw new BadInputException(elf.source(), null, "a " + elf.arch() + " image: expected riscv64 or arm64");
        }
        if (elf.symbols().isEmpty()) {
            throw new BadInputException(elf.source(), null,
                    "no symbol table: expected a vmlinux with symbols (Debian's -dbg package has one)");
        }
        this.btf = Btf.of(elf);
        this.sha256 = sha256(bytes);
        this.buildId = buildId(elf);
        this.version = elf.symbol("linux_banner").map(s -> cString(s.value())).orElse("").strip();
        this.relocations = dynamicRelocations(elf);
    }

    /**
     * Reads and checks {@code file}.
     *
     * @throws BadInputException if it is not a regular file, not an ELF image of a supported arch,
     *     or lacks a symbol table or BTF, or carries a relocation the loader does not apply
     */
    public static Vmlinux open(Path file) {
        InputFiles.requireRegularFile(file, "a vmlinux (an ELF kernel image with symbols and BTF)");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), null, "cannot read: " + e.getMessage());
        }
        return of(bytes, file.toString());
    }

    /** As {@link #open}, from the bytes of a file; {@code source} names it in errors. */
    public static Vmlinux of(byte[] bytes, String source) {
        return new Vmlinux(ElfFile.parse(bytes, source), bytes);
    }

    public ElfFile elf() {
        return elf;
    }

    public Arch arch() {
        return elf.arch();
    }

    public Btf btf() {
        return btf;
    }

    /** The file or resource it was read from. */
    public String source() {
        return elf.source();
    }

    /** SHA-256 of the file, hex. */
    public String sha256() {
        return sha256;
    }

    /** The GNU build id (hex), or "" if the image has none. */
    public String buildId() {
        return buildId;
    }

    /** The image's {@code linux_banner} without its newline, or "" if it has none. */
    public String version() {
        return version;
    }

    /** The release alone ({@code 6.12.117+deb13-riscv64}), or "" if the banner is missing. */
    public String release() {
        String[] w = version.split(" ");
        return w.length >= 3 && w[0].equals("Linux") && w[1].equals("version") ? w[2] : "";
    }

    /** Whether the image defines {@code name}. */
    public boolean has(String name) {
        return elf.symbol(name).isPresent();
    }

    /**
     * The address of {@code name}.
     *
     * @throws BadInputException naming the symbol, if the image lacks it
     */
    public long symbol(String name) {
        return elf.symbol(name).map(Symbol::value).orElseThrow(() -> new BadInputException(elf.source(), null,
                "no symbol " + name + ": expected a vmlinux of a kernel with DYNAMIC_FTRACE and its symbol table"));
    }

    /**
     * {@code function+0xoff} for {@code pc}: the function that holds it, else the nearest function
     * symbol below it (assembly entry points such as {@code ftrace_caller} often carry no size), or
     * the bare address.
     */
    public String where(long pc) {
        Optional<Symbol> f = elf.functionAt(pc);
        if (f.isEmpty()) {
            Map.Entry<Long, Symbol> below = functionsByAddress().floorEntry(pc);
            f = below == null || pc - below.getKey() > MAX_UNSIZED ? Optional.empty() : Optional.of(below.getValue());
        }
        return f.map(s -> s.name() + "+0x" + Long.toHexString(pc - s.value())).orElse("0x" + Long.toHexString(pc));
    }

    /** How far past an unsized function symbol {@link #where} still names it. */
    private static final long MAX_UNSIZED = 64 << 10;
    private TreeMap<Long, Symbol> functions;

    private synchronized TreeMap<Long, Symbol> functionsByAddress() {
        if (functions == null) {
            functions = new TreeMap<>();
            for (Symbol s : elf.symbols()) {
                // assembly entry points are often NOTYPE; mapping symbols ($x, $d) and local labels are not names
                boolean named = s.type() == SymbolType.FUNC || s.type() == SymbolType.NOTYPE && !s.name().isEmpty()
                        && !s.name().startsWith("$") && !s.name().startsWith(".L");
                if (named && s.isInSection() && s.sectionIndex() < elf.sections().size()
                        && elf.sections().get(s.sectionIndex()).isExecutable()) {
                    functions.merge(s.value(), s, (a, b) -> a.size() >= b.size() ? a : b);
                }
            }
        }
        return functions;
    }

    /** The lowest and one past the highest address of the loadable segments. */
    public long[] extent() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Segment s : elf.segments()) {
            if (s.isLoad() && s.memSize() > 0) {
                lo = Math.min(lo, s.vaddr());
                hi = Math.max(hi, s.vaddr() + s.memSize());
            }
        }
        if (lo == Long.MAX_VALUE) {
            throw new BadInputException(elf.source(), null, "no PT_LOAD segment: expected a linked kernel image");
        }
        return new long[] {lo, hi};
    }

    /**
     * Maps every loadable segment at its link address (readable, and writable: the path writes
     * the image's own data) and applies the dynamic relocations.
     */
    public void load(Memory mem) {
        for (Segment s : elf.segments()) {
            if (!s.isLoad() || s.memSize() == 0) {
                continue;
            }
            int perms = Memory.R | Memory.W | ((s.flags() & Segment.PF_X) != 0 ? Memory.X : 0);
            mem.map(s.vaddr(), s.memSize(), perms);
            mem.write(s.vaddr(), elf.segmentBytes(s));
        }
        relocations.forEach((where, value) -> {
            if (mem.isMapped(where)) {
                mem.writeValue(where, value, 8);
            }
        });
    }

    /** The NUL-terminated string at {@code address} in the file's segments (at most 512 bytes). */
    private String cString(long address) {
        for (Segment s : elf.segments()) {
            if (s.isLoad() && address >= s.vaddr() && address < s.vaddr() + s.fileSize()) {
                byte[] b = elf.segmentBytes(s);
                int start = (int) (address - s.vaddr());
                int end = start;
                while (end < b.length && end - start < 512 && b[end] != 0) {
                    end++;
                }
                return new String(b, start, end - start, StandardCharsets.US_ASCII);
            }
        }
        return "";
    }

    /**
     * The relocations of {@code .rela.dyn}, resolved for an image at its link address. A
     * relocatable arm64 image is linked with {@code --no-apply-dynamic-relocs}: these words hold 0
     * until boot applies them. RELR-packed ones already hold their value in place.
     */
    private static Map<Long, Long> dynamicRelocations(ElfFile elf) {
        Map<Long, Long> m = new LinkedHashMap<>();
        Section rela = elf.section(".rela.dyn").orElse(null);
        if (rela == null) {
            return m;
        }
        boolean a64 = elf.arch() == Arch.ARM64;
        ByteBuffer b = ByteBuffer.wrap(elf.contents(rela)).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer dynsym = elf.section(".dynsym").map(s -> ByteBuffer.wrap(elf.contents(s)).order(ByteOrder.LITTLE_ENDIAN))
                .orElse(null);
        for (int p = 0; p + 24 <= b.limit(); p += 24) {
            long where = b.getLong(p);
            long info = b.getLong(p + 8);
            long addend = b.getLong(p + 16);
            int type = (int) info;
            int sym = (int) (info >>> 32);
            if (type == (a64 ? A64_NONE : RV_NONE)) {
                continue;
            }
            if (type == (a64 ? A64_RELATIVE : RV_RELATIVE)) {
                m.put(where, addend);
            } else if (a64 && (type == A64_ABS64 || type == A64_GLOB_DAT)) {
                // arm64's boot-time relocation applies RELATIVE (and RELR) entries only; the few
                // symbolic ones name symbols the image does not export, and stay as linked
                continue;
            } else if (!a64 && type == RV_64) {
                m.put(where, symbolValue(elf, dynsym, sym, rela.offset() + p) + addend);
            } else {
                throw new BadInputException(elf.source(), String.format(Locale.ROOT, "offset 0x%x", rela.offset() + p),
                        "unsupported dynamic relocation type " + type + " in .rela.dyn: expected "
                        + (a64 ? "R_AARCH64_RELATIVE (ABS64 and GLOB_DAT are left, as boot leaves them)"
                        : "R_RISCV_RELATIVE or R_RISCV_64"));
            }
        }
        return m;
    }

    /** st_value of dynamic symbol {@code index} (0 for an undefined one, as for an unresolved weak symbol). */
    private static long symbolValue(ElfFile elf, ByteBuffer dynsym, int index, long at) {
        if (index == 0) {
            return 0;
        }
        if (dynsym == null || (long) index * 24 + 24 > dynsym.limit()) {
            throw new BadInputException(elf.source(), String.format(Locale.ROOT, "offset 0x%x", at),
                    "relocation names dynamic symbol " + index + ", which .dynsym does not have");
        }
        int shndx = dynsym.getShort(index * 24 + 6) & 0xffff;
        return shndx == Symbol.SHN_UNDEF ? 0 : dynsym.getLong(index * 24 + 8);
    }

    /** The GNU build id note's descriptor in hex, or "" if the image has none. */
    public static String buildId(ElfFile elf) {
        for (Section s : elf.sections()) {
            if (s.type() != 7 || s.isNobits()) { // SHT_NOTE
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(elf.contents(s)).order(ByteOrder.LITTLE_ENDIAN);
            int p = 0;
            while (p + 12 <= b.limit()) {
                int namesz = b.getInt(p);
                int descsz = b.getInt(p + 4);
                int type = b.getInt(p + 8);
                int name = p + 12;
                if (namesz < 0 || descsz < 0 || name + ((namesz + 3L) & ~3L) + descsz > b.limit()) {
                    break;
                }
                int desc = name + ((namesz + 3) & ~3);
                if (type == 3 && namesz == 4 && b.get(name) == 'G' && b.get(name + 1) == 'N' && b.get(name + 2) == 'U') {
                    byte[] id = new byte[descsz];
                    b.get(desc, id);
                    return HexFormat.of().formatHex(id);
                }
                p = desc + ((descsz + 3) & ~3);
            }
        }
        return "";
    }

    /** SHA-256 of {@code bytes}, hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return elf.source() + " (" + (version.isEmpty() ? arch().id() : release()) + ")";
    }
}
