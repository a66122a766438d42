package dev.ftracelab.elf;

import dev.ftracelab.util.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The struct layouts of a kernel image's BPF Type Format section ({@code .BTF}): byte offsets of
 * members and sizes of structs, read from the image itself rather than assumed. Only what
 * struct layouts need is decoded; every other kind is skipped by its record size.
 *
 * <pre>{@code
 * Btf btf = Btf.of(ElfFile.read(vmlinux));
 * long off = btf.offset("task_struct", "thread_info.preempt_count");   // 8 on riscv64 and arm64
 * long size = btf.size("ftrace_ops");
 * }</pre>
 */
public final class Btf {
    private static final int MAGIC = 0xeb9f;
    private static final int KIND_INT = 1, KIND_PTR = 2, KIND_ARRAY = 3, KIND_STRUCT = 4, KIND_UNION = 5,
            KIND_ENUM = 6, KIND_FWD = 7, KIND_TYPEDEF = 8, KIND_VOLATILE = 9, KIND_CONST = 10, KIND_RESTRICT = 11,
            KIND_FUNC = 12, KIND_FUNC_PROTO = 13, KIND_VAR = 14, KIND_DATASEC = 15, KIND_FLOAT = 16,
            KIND_DECL_TAG = 17, KIND_TYPE_TAG = 18, KIND_ENUM64 = 19;

    /** One member of a struct or union: its name (empty if anonymous), type id and bit offset. */
    private record Member(String name, int type, long bitOffset) {
    }

    /** One type: kind, name, size (structs, unions, ints) or referenced type, and members. */
    private record Type(int kind, String name, long sizeOrType, List<Member> members) {
    }

    private final String source;
    private final List<Type> types; // index = type id; 0 is void
    private final Map<String, Integer> structs = new HashMap<>();
    /** Anonymous struct/union members inside one another; kernel types nest a few levels. */
    static final int MAX_NESTING = 64;

    private Btf(String source, List<Type> types) {
        this.source = source;
        this.types = types;
        for (int i = 1; i < types.size(); i++) {
            Type t = types.get(i);
            if (t.kind == KIND_STRUCT && !t.name.isEmpty()) {
                structs.putIfAbsent(t.name, i);
            }
        }
    }

    /**
     * The {@code .BTF} section of {@code elf}.
     *
     * @throws BadInputException if there is none or it is malformed
     */
    public static Btf of(ElfFile elf) {
        Section s = elf.section(".BTF").orElseThrow(() -> new BadInputException(elf.source(), null,
                "no .BTF section: expected a kernel image built with CONFIG_DEBUG_INFO_BTF"));
        return parse(elf.contents(s), elf.source() + " .BTF");
    }

    /** Parses the raw bytes of a {@code .BTF} section; {@code source} names it in errors. */
    public static Btf parse(byte[] data, String source) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if ((b.getShort(0) & 0xffff) != MAGIC) {
                throw new BadInputException(source, "offset 0x0", String.format(Locale.ROOT,
                        "expected the BTF magic 0xeb9f (little-endian), got 0x%04x", b.getShort(0) & 0xffff));
            }
            int hdrLen = b.getInt(4);
            int typeOff = hdrLen + b.getInt(8);
            int typeLen = b.getInt(12);
            int strOff = hdrLen + b.getInt(16);
            int strLen = b.getInt(20);
            List<Type> types = new ArrayList<>();
            types.add(new Type(0, "", 0, List.of()));
            int p = typeOff;
            while (p < typeOff + typeLen) {
                String name = string(data, strOff, strLen, b.getInt(p));
                int info = b.getInt(p + 4);
                long sizeOrType = b.getInt(p + 8) & 0xffffffffL;
                int kind = (info >>> 24) & 0x1f;
                int vlen = info & 0xffff;
                boolean kindFlag = info < 0;
                p += 12;
                List<Member> members = List.of();
                switch (kind) {
                    case KIND_INT, KIND_VAR, KIND_DECL_TAG -> p += 4;
                    case KIND_ARRAY -> p += 12;
                    case KIND_STRUCT, KIND_UNION -> {
                        members = new ArrayList<>(vlen);
                        for (int i = 0; i < vlen; i++, p += 12) {
                            int off = b.getInt(p + 8);
                            long bits = kindFlag ? off & 0xffffff : off & 0xffffffffL;
                            members.add(new Member(string(data, strOff, strLen, b.getInt(p)), b.getInt(p + 4), bits));
                        }
                    }
                    case KIND_ENUM, KIND_FUNC_PROTO -> p += 8 * vlen;
                    case KIND_DATASEC, KIND_ENUM64 -> p += 12 * vlen;
                    case KIND_PTR, KIND_FWD, KIND_TYPEDEF, KIND_VOLATILE, KIND_CONST, KIND_RESTRICT, KIND_FUNC,
                            KIND_FLOAT, KIND_TYPE_TAG -> {
                    }
                    default -> throw new BadInputException(source, String.format(Locale.ROOT, "offset 0x%x", p - 12),
                            "unknown BTF kind " + kind + ": expected 1-19");
                }
                types.add(new Type(kind, name, sizeOrType, members));
            }
            return new Btf(source, types);
        } catch (IndexOutOfBoundsException e) {
            throw new BadInputException(source, null, "truncated BTF data");
        }
    }

    private static String string(byte[] data, int strOff, int strLen, int off) {
        int start = strOff + off;
        int end = start;
        while (end < strOff + strLen && data[end] != 0) {
            end++;
        }
        return new String(data, start, end - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Byte size of {@code struct name}.
     *
     * @throws BadInputException if the image has no such struct
     */
    public long size(String struct) {
        return types.get(structId(struct)).sizeOrType;
    }

    /**
     * Byte offset of the member at {@code path} (dot-separated, e.g. {@code thread_info.preempt_count})
     * in {@code struct name}. Members of anonymous structs and unions are found as if they were
     * the parent's own, as in C.
     *
     * @throws BadInputException if the struct or a member is missing, or a member is a bit field
     */
    public long offset(String struct, String path) {
        int id = structId(struct);
        long bits = 0;
        for (String part : path.split("\\.")) {
            long[] found = find(resolve(id), part);
            if (found == null) {
                throw new BadInputException(source, null, "struct " + struct + " has no member " + path
                        + " (no '" + part + "')");
            }
            bits += found[0];
            id = (int) found[1];
        }
        if (bits % 8 != 0) {
            throw new BadInputException(source, null, "struct " + struct + " member " + path + " is a bit field");
        }
        return bits / 8;
    }

    /** {bit offset, type id} of member {@code name} of the struct or union {@code id}, looking into anonymous members. */
    private long[] find(int id, String name) {
        return find(id, name, 0);
    }

    private long[] find(int id, String name, int depth) {
        if (depth > MAX_NESTING) { // a loop of anonymous members, or nesting no C compiler emits
            throw new BadInputException(source, null, "type " + id + ": anonymous members nested deeper than "
                    + MAX_NESTING + ": expected acyclic types");
        }
        Type t = type(id);
        if (t.kind != KIND_STRUCT && t.kind != KIND_UNION) {
            return null;
        }
        for (Member m : t.members) {
            if (m.name.equals(name)) {
                return new long[] {m.bitOffset, m.type};
            }
            if (m.name.isEmpty()) {
                long[] inner = find(resolve(m.type), name, depth + 1);
                if (inner != null) {
                    return new long[] {m.bitOffset + inner[0], inner[1]};
                }
            }
        }
        return null;
    }

    /** Type {@code id}, which a member or typedef of the data names. */
    private Type type(int id) {
        if (id < 0 || id >= types.size()) {
            throw new BadInputException(source, null, "type id " + Integer.toUnsignedString(id)
                    + " out of range: expected 0-" + (types.size() - 1));
        }
        return types.get(id);
    }

    /** Follows typedefs and qualifiers to the underlying type. */
    private int resolve(int id) {
        for (int steps = 0; ; steps++) {
            if (steps > types.size()) {
                throw new BadInputException(source, null, "type " + id + ": a loop of typedefs or qualifiers");
            }
            Type t = type(id);
            if (t.kind == KIND_TYPEDEF || t.kind == KIND_VOLATILE || t.kind == KIND_CONST || t.kind == KIND_RESTRICT
                    || t.kind == KIND_TYPE_TAG) {
                id = (int) t.sizeOrType;
            } else {
                return id;
            }
        }
    }

    private int structId(String struct) {
        Integer id = structs.get(struct);
        if (id == null) {
            throw new BadInputException(source, null, "no struct " + struct + " in the BTF data");
        }
        return id;
    }
}
