package dev.ftracelab.elf;

import java.util.List;

/**
 * One decoded type of a {@code .BTF} section, by kind. Type ids index {@link Btf#type(int)}; id 0
 * is {@code void}. Every record is immutable and holds ids, not other records, as BTF does (types
 * refer to each other in cycles: a struct holding a pointer to itself).
 *
 * <pre>{@code
 * if (btf.type(id) instanceof BtfType.Composite s && !s.union()) {
 *     s.members().forEach(m -> System.out.println(m.name() + " at bit " + m.bitOffset()));
 * }
 * }</pre>
 */
public sealed interface BtfType {
    /** The BTF kinds; {@code ordinal()} is the kind number in the section (0 is void). */
    enum Kind {
        VOID, INT, PTR, ARRAY, STRUCT, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FUNC_PROTO, VAR,
        DATASEC, FLOAT, DECL_TAG, TYPE_TAG, ENUM64
    }

    /** This type's kind. */
    Kind kind();

    /** Its name; empty for anonymous types and for kinds without one (pointers, arrays, qualifiers). */
    String name();

    /** Type 0. */
    record VoidType() implements BtfType {
        @Override
        public Kind kind() {
            return Kind.VOID;
        }

        @Override
        public String name() {
            return "void";
        }
    }

    /**
     * An integer of {@code size} bytes; {@code bits} value bits starting {@code bitOffset} bits in
     * (a bit field in old-style BTF when they do not cover the whole size).
     */
    record Int(String name, long size, boolean signed, boolean isChar, boolean isBool, int bitOffset, int bits)
            implements BtfType {
        @Override
        public Kind kind() {
            return Kind.INT;
        }
    }

    /** A pointer to {@code type}. */
    record Ptr(int type) implements BtfType {
        @Override
        public Kind kind() {
            return Kind.PTR;
        }

        @Override
        public String name() {
            return "";
        }
    }

    /** {@code count} elements of {@code elementType}, indexed by {@code indexType}. */
    record Array(int elementType, int indexType, long count) implements BtfType {
        @Override
        public Kind kind() {
            return Kind.ARRAY;
        }

        @Override
        public String name() {
            return "";
        }
    }

    /**
     * A member of a struct or union: bit offset from the start of the enclosing type, and the bit
     * field's width ({@code 0} when it is not a bit field).
     */
    record Member(String name, int type, long bitOffset, int bitfieldSize) {
    }

    /** A struct or union of {@code size} bytes. */
    record Composite(String name, boolean union, long size, List<Member> members) implements BtfType {
        public Composite {
            members = List.copyOf(members);
        }

        @Override
        public Kind kind() {
            return union ? Kind.UNION : Kind.STRUCT;
        }
    }

    /** One enumerator; the value is the raw 64 bits, read as signed or unsigned by its enum. */
    record Enumerator(String name, long value) {
    }

    /** An enum (32-bit values, or 64-bit for {@code ENUM64}) of {@code size} bytes. */
    record Enum(String name, boolean wide, boolean signed, long size, List<Enumerator> values) implements BtfType {
        public Enum {
            values = List.copyOf(values);
        }

        @Override
        public Kind kind() {
            return wide ? Kind.ENUM64 : Kind.ENUM;
        }
    }

    /** A forward declaration of a struct or union. */
    record Fwd(String name, boolean union) implements BtfType {
        @Override
        public Kind kind() {
            return Kind.FWD;
        }
    }

    /**
     * A type that names or qualifies another: {@code TYPEDEF} (named), {@code VOLATILE},
     * {@code CONST}, {@code RESTRICT}, or {@code TYPE_TAG} (named by its tag).
     */
    record Modifier(Kind kind, String name, int type) implements BtfType {
    }

    /** A function; {@code type} is its {@code FUNC_PROTO}; linkage 0 static, 1 global, 2 extern. */
    record Func(String name, int type, int linkage) implements BtfType {
        @Override
        public Kind kind() {
            return Kind.FUNC;
        }
    }

    /** One parameter; a last one with type 0 and no name means {@code ...}. */
    record Param(String name, int type) {
    }

    /** A function type: return type and parameters. */
    record FuncProto(int returnType, List<Param> params) implements BtfType {
        public FuncProto {
            params = List.copyOf(params);
        }

        @Override
        public Kind kind() {
            return Kind.FUNC_PROTO;
        }

        @Override
        public String name() {
            return "";
        }
    }

    /** A variable; linkage 0 static, 1 global, 2 extern. */
    record Var(String name, int type, int linkage) implements BtfType {
        @Override
        public Kind kind() {
            return Kind.VAR;
        }
    }

    /** One variable of a data section: its {@code VAR} type id, byte offset and size. */
    record SecVar(int type, long offset, long size) {
    }

    /** A data section ({@code .data..percpu} and so on) with the variables placed in it. */
    record Datasec(String name, long size, List<SecVar> vars) implements BtfType {
        public Datasec {
            vars = List.copyOf(vars);
        }

        @Override
        public Kind kind() {
            return Kind.DATASEC;
        }
    }

    /** A floating-point type of {@code size} bytes. */
    record FloatType(String name, long size) implements BtfType {
        @Override
        public Kind kind() {
            return Kind.FLOAT;
        }
    }

    /**
     * A tag (an {@code __attribute__((btf_decl_tag))} string) on {@code type}, or on its member or
     * parameter number {@code componentIndex} ({@code -1}: the type itself).
     */
    record DeclTag(String name, int type, int componentIndex) implements BtfType {
        @Override
        public Kind kind() {
            return Kind.DECL_TAG;
        }
    }
}
