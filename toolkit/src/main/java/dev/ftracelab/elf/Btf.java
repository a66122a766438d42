package dev.ftracelab.elf;

import dev.ftracelab.elf.BtfType.Kind;
import dev.ftracelab.util.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel image's BPF Type Format section ({@code .BTF}), decoded whole: every type of every
 * kind ({@link BtfType}), and the look-ups the toolkit needs to lay out kernel structs in guest
 * memory: struct and union sizes, member offsets (bit fields, array indexes and anonymous members
 * included) and enumerator values, all read from the image rather than assumed. Malformed data is
 * refused at {@link #parse} with a {@link BadInputException} naming the byte offset in the section.
 *
 * <pre>{@code
 * Btf btf = Btf.of(ElfFile.read(vmlinux));
 * long off = btf.offset("task_struct", "thread_info.preempt_count");   // 8 on riscv64 and arm64
 * long size = btf.size("ftrace_ops");                                  // 216 on Debian's 6.12
 * long dynamic = btf.enumValue("FTRACE_OPS_FL_DYNAMIC").orElseThrow(); // 2
 * }</pre>
 */
public final class Btf {
    private static final int MAGIC = 0xeb9f;
    private static final int HEADER = 24;
    private static final Kind[] KINDS = Kind.values();

    private final String source;
    private final List<BtfType> types; // index = type id; 0 is void
    private final Map<String, Integer> structs = new HashMap<>();
    private final Map<String, Integer> unions = new HashMap<>();
    private final Map<String, Long> enumerators = new HashMap<>();
    private final long pointerSize;
    /** Anonymous struct/union members inside one another; kernel types nest a few levels. */
    static final int MAX_NESTING = 64;
    /** Types visited to print one type name; beyond it the name ends in "..." (BTF may loop). */
    private static final int NAME_BUDGET = 64;
    private static final Pattern PATH_PART = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[[0-9]+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)\\]");

    private Btf(String source, List<BtfType> types) {
        this.source = source;
        this.types = Collections.unmodifiableList(types);
        long pointer = 8;
        for (int i = 1; i < types.size(); i++) {
            BtfType t = types.get(i);
            if (t instanceof BtfType.Composite c && !c.name().isEmpty()) {
                (c.union() ? unions : structs).putIfAbsent(c.name(), i);
            } else if (t instanceof BtfType.Enum e) {
                for (BtfType.Enumerator v : e.values()) {
                    enumerators.putIfAbsent(v.name(), v.value());
                }
            } else if (t instanceof BtfType.Int n && n.name().equals("long int") && n.size() > 0) {
                pointer = n.size(); // BTF has no pointer size; a kernel's long has it (as libbpf assumes)
            }
        }
        this.pointerSize = pointer;
    }

    /**
     * The {@code .BTF} section of {@code elf}.
     *
     * <pre>{@code
     * Btf btf = Btf.of(ElfFile.read(Path.of("vmlinux")));
     * }</pre>
     *
     * @throws BadInputException if there is none or it is malformed
     */
    public static Btf of(ElfFile elf) {
        Section s = elf.section(".BTF").orElseThrow(() -> new BadInputException(elf.source(), null,
                "no .BTF section: expected a kernel image built with CONFIG_DEBUG_INFO_BTF"));
        return parse(elf.contents(s), elf.source() + " .BTF");
    }

    /**
     * Parses the raw bytes of a {@code .BTF} section; {@code source} names it in errors, which
     * give the byte offset in {@code data}.
     *
     * <pre>{@code
     * Btf btf = Btf.parse(Files.readAllBytes(Path.of("vmlinux.btf")), "vmlinux.btf");
     * }</pre>
     *
     * @throws BadInputException if the header, a section bound, a string, a type id, a record
     *                           length or a kind is not what BTF allows
     */
    public static Btf parse(byte[] data, String source) {
        return new Reader(data, source).read();
    }

    /** One pass over the type section; every read is bounds-checked first. */
    private static final class Reader {
        final byte[] data;
        final ByteBuffer b;
        final String source;
        int strStart;
        int strEnd;
        final Map<Integer, String> strings = new HashMap<>();
        /** {byte offset, type id} of every type reference, checked once the type count is known. */
        final List<long[]> refs = new ArrayList<>();

        Reader(byte[] data, String source) {
            this.data = data;
            this.b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            this.source = source;
        }

        BadInputException bad(long offset, String reason) {
            return new BadInputException(source, String.format(Locale.ROOT, "offset 0x%x", offset), reason);
        }

        long u32(int at) {
            return b.getInt(at) & 0xffffffffL;
        }

        Btf read() {
            if (data.length < HEADER) {
                throw bad(0, "expected a BTF header of " + HEADER + " bytes, got " + data.length + " bytes");
            }
            int magic = b.getShort(0) & 0xffff;
            if (magic != MAGIC) {
                throw bad(0, String.format(Locale.ROOT, "expected the BTF magic 0xeb9f (little-endian), got 0x%04x", magic));
            }
            if (data[2] != 1) {
                throw bad(2, "expected BTF version 1, got " + (data[2] & 0xff));
            }
            if (data[3] != 0) {
                throw bad(3, "expected header flags 0, got 0x" + Integer.toHexString(data[3] & 0xff));
            }
            long hdrLen = u32(4);
            if (hdrLen < HEADER || hdrLen > data.length) {
                throw bad(4, "header length " + hdrLen + ": expected " + HEADER + " to " + data.length
                        + " (the data's length)");
            }
            long typeStart = hdrLen + u32(8);
            long typeEnd = typeStart + u32(12);
            long strStartL = hdrLen + u32(16);
            long strEndL = strStartL + u32(20);
            section(8, "type", typeStart, typeEnd);
            section(16, "string", strStartL, strEndL);
            if (u32(8) % 4 != 0) {
                throw bad(8, "type section offset " + u32(8) + ": expected a multiple of 4");
            }
            if (typeStart < strEndL && strStartL < typeEnd) {
                throw bad(16, String.format(Locale.ROOT, "string section 0x%x-0x%x overlaps the type section 0x%x-0x%x",
                        strStartL, strEndL, typeStart, typeEnd));
            }
            strStart = (int) strStartL;
            strEnd = (int) strEndL;
            if (strEnd == strStart || data[strStart] != 0) {
                throw bad(strStart, "expected the string section to start with a NUL (the empty name)");
            }
            List<BtfType> types = new ArrayList<>();
            types.add(new BtfType.VoidType());
            int p = (int) typeStart;
            while (p < typeEnd) {
                if (typeEnd - p < 12) {
                    throw bad(p, String.format(Locale.ROOT, "type %d: a 12-byte record header runs past the end of "
                            + "the type section at 0x%x", types.size(), typeEnd));
                }
                p = type(types, p, (int) typeEnd);
            }
            for (long[] ref : refs) {
                if (ref[1] >= types.size()) {
                    throw bad(ref[0], "type id " + ref[1] + " out of range: expected 0-" + (types.size() - 1));
                }
            }
            return new Btf(source, types);
        }

        void section(int field, String what, long start, long end) {
            if (end > data.length) {
                throw bad(field, String.format(Locale.ROOT, "%s section 0x%x-0x%x runs past the end of the data "
                        + "(0x%x bytes)", what, start, end, data.length));
            }
        }

        /** Decodes the type record at {@code p} into {@code types}; returns the next record's offset. */
        int type(List<BtfType> types, int p, int typeEnd) {
            int id = types.size();
            long info = u32(p + 4);
            int kindNo = (int) (info >>> 24) & 0x1f;
            int vlen = (int) (info & 0xffff);
            boolean kindFlag = (info & 0x8000_0000L) != 0;
            long sizeOrType = u32(p + 8);
            if (kindNo == 0 || kindNo >= KINDS.length) {
                throw bad(p + 4, "type " + id + ": unknown BTF kind " + kindNo + ": expected 1-" + (KINDS.length - 1));
            }
            Kind kind = KINDS[kindNo];
            String name = string(p, u32(p));
            long extra = switch (kind) {
                case INT, VAR, DECL_TAG -> 4;
                case ARRAY -> 12;
                case STRUCT, UNION, DATASEC, ENUM64 -> 12L * vlen;
                case ENUM, FUNC_PROTO -> 8L * vlen;
                default -> 0;
            };
            int q = p + 12;
            if (extra > typeEnd - q) {
                throw bad(p, String.format(Locale.ROOT, "type %d: %s with vlen %d needs %d bytes after its header, "
                        + "but the type section ends at 0x%x", id, kind, vlen, extra, typeEnd));
            }
            BtfType t = switch (kind) {
                case INT -> {
                    long enc = u32(q);
                    int bits = (int) (enc & 0xff);
                    int off = (int) (enc >>> 16) & 0xff;
                    if (sizeOrType > 16 || bits + off > 8 * sizeOrType) {
                        throw bad(q, "type " + id + ": INT " + name + " of " + sizeOrType + " bytes with " + bits
                                + " bits at bit " + off + ": expected at most 16 bytes holding the bits");
                    }
                    yield new BtfType.Int(name, sizeOrType, (enc & 1 << 24) != 0, (enc & 2 << 24) != 0,
                            (enc & 4 << 24) != 0, off, bits);
                }
                case PTR -> new BtfType.Ptr(ref(p + 8));
                case ARRAY -> new BtfType.Array(ref(q), ref(q + 4), u32(q + 8));
                case STRUCT, UNION -> {
                    List<BtfType.Member> members = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, q += 12) {
                        long off = u32(q + 8);
                        members.add(new BtfType.Member(string(q, u32(q)), ref(q + 4),
                                kindFlag ? off & 0xffffff : off, kindFlag ? (int) (off >>> 24) : 0));
                    }
                    yield new BtfType.Composite(name, kind == Kind.UNION, sizeOrType, members);
                }
                case ENUM, ENUM64 -> {
                    List<BtfType.Enumerator> values = new ArrayList<>(vlen);
                    int step = kind == Kind.ENUM ? 8 : 12;
                    for (int i = 0; i < vlen; i++, q += step) {
                        long v = kind == Kind.ENUM64 ? u32(q + 4) | u32(q + 8) << 32
                                : kindFlag ? b.getInt(q + 4) : u32(q + 4);
                        values.add(new BtfType.Enumerator(string(q, u32(q)), v));
                    }
                    yield new BtfType.Enum(name, kind == Kind.ENUM64, kindFlag, sizeOrType, values);
                }
                case FWD -> new BtfType.Fwd(name, kindFlag);
                case TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG -> new BtfType.Modifier(kind, name, ref(p + 8));
                case FUNC -> new BtfType.Func(name, ref(p + 8), vlen);
                case FUNC_PROTO -> {
                    List<BtfType.Param> params = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, q += 8) {
                        params.add(new BtfType.Param(string(q, u32(q)), ref(q + 4)));
                    }
                    yield new BtfType.FuncProto(ref(p + 8), params);
                }
                case VAR -> new BtfType.Var(name, ref(p + 8), b.getInt(q));
                case DATASEC -> {
                    List<BtfType.SecVar> vars = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, q += 12) {
                        vars.add(new BtfType.SecVar(ref(q), u32(q + 4), u32(q + 8)));
                    }
                    yield new BtfType.Datasec(name, sizeOrType, vars);
                }
                case FLOAT -> new BtfType.FloatType(name, sizeOrType);
                case DECL_TAG -> new BtfType.DeclTag(name, ref(p + 8), b.getInt(q));
                case VOID -> throw new AssertionError(); // refused above
            };
            types.add(t);
            return (int) (p + 12 + extra);
        }

        /** The type id stored at {@code at}, range-checked once all types are read. */
        int ref(int at) {
            long id = u32(at);
            refs.add(new long[] {at, id});
            return (int) id;
        }

        /** The NUL-terminated string at {@code off} in the string section, for the record at {@code at}. */
        String string(int at, long off) {
            if (off >= strEnd - strStart) {
                throw bad(at, String.format(Locale.ROOT, "name offset 0x%x outside the string section "
                        + "(0x%x bytes)", off, strEnd - strStart));
            }
            int start = strStart + (int) off;
            String cached = strings.get(start);
            if (cached != null) {
                return cached;
            }
            int end = start;
            while (end < strEnd && data[end] != 0) {
                end++;
            }
            if (end == strEnd) {
                throw bad(at, String.format(Locale.ROOT, "the name at 0x%x is not NUL-terminated within the "
                        + "string section (ends at 0x%x)", start, strEnd));
            }
            String s = new String(data, start, end - start, StandardCharsets.ISO_8859_1);
            strings.put(start, s);
            return s;
        }
    }

    /** The number of type ids, void (id 0) included. */
    public int typeCount() {
        return types.size();
    }

    /**
     * Type {@code id} (0 is void).
     *
     * <pre>{@code
     * BtfType t = btf.type(1); // e.g. BtfType.Int[name=long unsigned int, size=8, ...]
     * }</pre>
     *
     * @throws BadInputException if there is no such id
     */
    public BtfType type(int id) {
        if (id < 0 || id >= types.size()) {
            throw new BadInputException(source, null, "type id " + Integer.toUnsignedString(id)
                    + " out of range: expected 0-" + (types.size() - 1));
        }
        return types.get(id);
    }

    /**
     * Whether the data has a struct named {@code name}.
     *
     * <pre>{@code
     * if (btf.hasStruct("ftrace_ops")) { ... }
     * }</pre>
     */
    public boolean hasStruct(String name) {
        return structs.containsKey(name);
    }

    /**
     * The value of enumerator {@code name}, from the first ENUM or ENUM64 that has it; a signed
     * enum's value is sign-extended, an unsigned one's zero-extended.
     *
     * <pre>{@code
     * long dynamic = btf.enumValue("FTRACE_OPS_FL_DYNAMIC").orElseThrow(); // 2
     * }</pre>
     */
    public OptionalLong enumValue(String name) {
        Long v = enumerators.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /**
     * Byte size of {@code struct name}, or of {@code union name} when there is no such struct.
     *
     * <pre>{@code
     * long size = btf.size("ftrace_ops"); // 216 on Debian's 6.12
     * }</pre>
     *
     * @throws BadInputException if the image has no such struct or union
     */
    public long size(String struct) {
        return ((BtfType.Composite) types.get(compositeId(struct))).size();
    }

    /**
     * Byte size of type {@code typeId}, through typedefs, qualifiers and variables; an array's is
     * its count times its element's, a pointer's that of {@code long}.
     *
     * <pre>{@code
     * long n = btf.sizeOf(btf.member("ftrace_ops", "local_hash").typeId()); // 48
     * }</pre>
     *
     * @throws BadInputException if the type has no size (void, a function, a forward declaration)
     *                           or its typedefs loop
     */
    public long sizeOf(int typeId) {
        type(typeId);
        int id = typeId;
        long count = 1;
        for (int steps = 0; ; steps++) {
            if (steps > types.size()) {
                throw new BadInputException(source, null, "type " + typeId + ": a loop of typedefs, qualifiers or arrays");
            }
            BtfType t = types.get(id);
            long size;
            if (t instanceof BtfType.Int n) {
                size = n.size();
            } else if (t instanceof BtfType.Composite c) {
                size = c.size();
            } else if (t instanceof BtfType.Enum e) {
                size = e.size();
            } else if (t instanceof BtfType.FloatType f) {
                size = f.size();
            } else if (t instanceof BtfType.Datasec d) {
                size = d.size();
            } else if (t instanceof BtfType.Ptr) {
                size = pointerSize;
            } else if (t instanceof BtfType.Modifier m) {
                id = m.type();
                continue;
            } else if (t instanceof BtfType.Var v) {
                id = v.type();
                continue;
            } else if (t instanceof BtfType.Array a) {
                count = multiply(count, a.count(), typeId);
                id = a.elementType();
                continue;
            } else {
                throw new BadInputException(source, null, "type " + typeId + " (" + typeName(typeId) + ", "
                        + t.kind() + "): has no size");
            }
            return multiply(count, size, typeId);
        }
    }

    private long multiply(long a, long b, int typeId) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new BadInputException(source, null, "type " + typeId + ": size overflows 64 bits");
        }
    }

    /**
     * Type {@code typeId} roughly as C would print it: {@code struct ftrace_ops *},
     * {@code long unsigned int}, {@code ftrace_func_t}, {@code u32[4]}, {@code void (*)(long)}.
     *
     * <pre>{@code
     * String s = btf.typeName(btf.member("ftrace_ops", "next").typeId()); // "struct ftrace_ops *"
     * }</pre>
     *
     * @throws BadInputException if there is no such id
     */
    public String typeName(int typeId) {
        type(typeId);
        return name(typeId, new int[] {NAME_BUDGET});
    }

    private String name(int id, int[] budget) {
        if (--budget[0] < 0) {
            return "...";
        }
        BtfType t = types.get(id);
        if (t instanceof BtfType.Composite c) {
            return (c.union() ? "union " : "struct ") + (c.name().isEmpty() ? "{...}" : c.name());
        } else if (t instanceof BtfType.Enum e) {
            return "enum " + (e.name().isEmpty() ? "{...}" : e.name());
        } else if (t instanceof BtfType.Fwd f) {
            return (f.union() ? "union " : "struct ") + f.name();
        } else if (t instanceof BtfType.Modifier m) {
            if (m.kind() == Kind.TYPEDEF) {
                return m.name();
            }
            String inner = name(m.type(), budget);
            return switch (m.kind()) {
                case CONST, VOLATILE -> {
                    String q = m.kind().name().toLowerCase(Locale.ROOT);
                    yield inner.endsWith("*") ? inner + " " + q : q + " " + inner;
                }
                case RESTRICT -> inner + " restrict";
                default -> inner; // a type tag prints as the type it tags
            };
        } else if (t instanceof BtfType.Ptr p) {
            if (types.get(p.type()) instanceof BtfType.FuncProto fp) {
                return name(fp.returnType(), budget) + " (*)" + params(fp, budget);
            }
            String inner = name(p.type(), budget);
            return inner.endsWith("*") ? inner + "*" : inner + " *";
        } else if (t instanceof BtfType.Array a) {
            String elem = name(a.elementType(), budget);
            int bracket = elem.indexOf('[');
            String dim = "[" + a.count() + "]";
            return bracket < 0 ? elem + dim : elem.substring(0, bracket) + dim + elem.substring(bracket);
        } else if (t instanceof BtfType.FuncProto fp) {
            return name(fp.returnType(), budget) + " " + params(fp, budget);
        } else if (t instanceof BtfType.DeclTag d) {
            return name(d.type(), budget);
        }
        return t.name(); // void, int, float, func, var, datasec
    }

    private String params(BtfType.FuncProto fp, int[] budget) {
        if (fp.params().isEmpty()) {
            return "(void)";
        }
        StringBuilder s = new StringBuilder("(");
        for (BtfType.Param p : fp.params()) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(p.type() == 0 && p.name().isEmpty() ? "..." : name(p.type(), budget));
        }
        return s.append(')').toString();
    }

    /**
     * The member at {@code path} in {@code struct name} (a union when there is no such struct):
     * dot-separated member names, each optionally indexed as arrays are in C, e.g.
     * {@code local_hash.filter_hash} or {@code a.b[3].c}. Members of anonymous structs and unions
     * are found as if they were the parent's own, as in C. Bit fields are described by their bit
     * offset and width (from the struct's kind flag, or from an old-style INT encoding).
     *
     * <pre>{@code
     * BtfMember m = btf.member("task_struct", "sched_reset_on_fork"); // a 1-bit field
     * long bit = m.bitOffset() % 8;
     * }</pre>
     *
     * @throws BadInputException if the struct or a member is missing, the path is malformed, or an
     *                           index goes into something that is not an array or past its end
     */
    public BtfMember member(String struct, String path) {
        int id = compositeId(struct);
        String[] parts = path.split("\\.", -1);
        long bits = 0;
        int bitSize = 0;
        int type = id;
        String done = "";
        for (String part : parts) {
            Matcher pm = PATH_PART.matcher(part);
            if (!pm.matches()) {
                throw new BadInputException(source, null, "member path '" + path + "' of struct " + struct
                        + ": expected names separated by '.', each with optional [index]es, got '" + part + "'");
            }
            String name = pm.group(1);
            if (bitSize != 0) {
                throw new BadInputException(source, null, "struct " + struct + " member " + done
                        + " is a bit field: it has no member " + name);
            }
            BtfType.Member found = find(resolve(type), name, 0, new HashSet<>());
            if (found == null) {
                throw new BadInputException(source, null, "struct " + struct + " has no member " + path
                        + " (no '" + name + "')");
            }
            bits = add(bits, found.bitOffset(), struct, path);
            type = found.type();
            bitSize = found.bitfieldSize();
            if (bitSize == 0 && types.get(resolve(type)) instanceof BtfType.Int n
                    && (n.bitOffset() != 0 || n.bits() != 8 * n.size())) {
                // old-style BTF (no kind flag): the INT's encoding holds the bit field
                bits = add(bits, n.bitOffset(), struct, path);
                bitSize = n.bits();
            }
            done = done.isEmpty() ? name : done + "." + name;
            Matcher im = INDEX.matcher(pm.group(2));
            while (im.find()) {
                long index = parseIndex(im.group(1), struct, path);
                if (bitSize != 0 || !(types.get(resolve(type)) instanceof BtfType.Array a)) {
                    throw new BadInputException(source, null, "struct " + struct + " member " + done + " is "
                            + typeName(type) + ", not an array: cannot index it in '" + path + "'");
                }
                if (a.count() != 0 && index >= a.count()) { // count 0: a flexible array member
                    throw new BadInputException(source, null, "struct " + struct + " member " + done + "[" + index
                            + "] is past the end of " + typeName(type) + " in '" + path + "'");
                }
                long elemBits;
                try {
                    elemBits = Math.multiplyExact(Math.multiplyExact(index, sizeOf(a.elementType())), 8);
                } catch (ArithmeticException e) {
                    throw new BadInputException(source, null, "struct " + struct + " member " + path
                            + ": offset overflows 64 bits");
                }
                bits = add(bits, elemBits, struct, path);
                type = a.elementType();
                done += "[" + index + "]";
            }
        }
        return new BtfMember(path, Math.floorDiv(bits, 8), bits, bitSize, type, typeName(type), sizeOf(type));
    }

    private long add(long a, long b, String struct, String path) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new BadInputException(source, null, "struct " + struct + " member " + path + ": offset overflows 64 bits");
        }
    }

    private long parseIndex(String digits, String struct, String path) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new BadInputException(source, null, "struct " + struct + " member " + path + ": index " + digits
                    + " is too large");
        }
    }

    /**
     * Byte offset of the member at {@code path} in {@code struct name}, as {@link #member} finds
     * it (dot-separated, with array indexes: {@code thread_info.preempt_count},
     * {@code a.b[3].c}).
     *
     * <pre>{@code
     * long off = btf.offset("ftrace_ops", "local_hash.filter_hash"); // 48 on Debian's 6.12
     * }</pre>
     *
     * @throws BadInputException if the struct or a member is missing, or the member is a bit field
     */
    public long offset(String struct, String path) {
        BtfMember m = member(struct, path);
        if (m.isBitfield() || m.bitOffset() % 8 != 0) {
            throw new BadInputException(source, null, "struct " + struct + " member " + path + " is a bit field ("
                    + m.bitSize() + " bits at bit " + m.bitOffset() + "): expected a byte-aligned member; "
                    + "member() gives its bits");
        }
        return m.byteOffset();
    }

    /**
     * Member {@code name} of the struct or union {@code id}, looking into anonymous members, with
     * its bit offset from the start of {@code id}; null if none. {@code seen} holds the types
     * already searched for this name: a type nested twice is searched once, and a loop ends.
     */
    private BtfType.Member find(int id, String name, int depth, Set<Integer> seen) {
        if (depth > MAX_NESTING) { // nesting no C compiler emits
            throw new BadInputException(source, null, "type " + id + ": anonymous members nested deeper than "
                    + MAX_NESTING + ": expected acyclic types");
        }
        if (!(types.get(id) instanceof BtfType.Composite c) || !seen.add(id)) {
            return null;
        }
        for (BtfType.Member m : c.members()) {
            if (m.name().equals(name)) {
                return m;
            }
            if (m.name().isEmpty()) {
                BtfType.Member inner = find(resolve(m.type()), name, depth + 1, seen);
                if (inner != null) {
                    return new BtfType.Member(inner.name(), inner.type(), m.bitOffset() + inner.bitOffset(),
                            inner.bitfieldSize());
                }
            }
        }
        return null;
    }

    /** Follows typedefs and qualifiers to the underlying type. */
    private int resolve(int id) {
        for (int steps = 0; ; steps++) {
            if (steps > types.size()) {
                throw new BadInputException(source, null, "type " + id + ": a loop of typedefs or qualifiers");
            }
            if (types.get(id) instanceof BtfType.Modifier m) {
                id = m.type();
            } else {
                return id;
            }
        }
    }

    private int compositeId(String name) {
        Integer id = structs.get(name);
        if (id == null) {
            id = unions.get(name);
        }
        if (id == null) {
            throw new BadInputException(source, null, "no struct " + name + " in the BTF data");
        }
        return id;
    }
}
