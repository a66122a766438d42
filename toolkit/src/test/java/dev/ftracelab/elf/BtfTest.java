package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.elf.BtfType.Kind;
import dev.ftracelab.util.BadInputException;
import dev.ftracelab.util.ProjectPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The BTF reader on hand-built sections: one shaped like a kernel's (anonymous unions, typedefs,
 * bit fields), one with every kind, each malformation with its offset; and on the cached Debian
 * vmlinux files, checked against pahole's layout of the same images.
 */
class BtfTest {
    /** Builds the type and string sections of a little BTF blob. */
    static final class Blob {
        final ByteArrayOutputStream strings = new ByteArrayOutputStream();
        final ByteBuffer types = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        Blob() {
            strings.write(0); // offset 0 is the empty name
        }

        int str(String s) {
            if (s.isEmpty()) {
                return 0;
            }
            int off = strings.size();
            strings.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            strings.write(0);
            return off;
        }

        Blob type(String name, int kind, int vlen, boolean kindFlag, int sizeOrType) {
            types.putInt(str(name)).putInt((kindFlag ? 1 << 31 : 0) | kind << 24 | vlen).putInt(sizeOrType);
            return this;
        }

        Blob member(String name, int type, int offset) {
            types.putInt(str(name)).putInt(type).putInt(offset);
            return this;
        }

        Blob word(int... words) {
            for (int w : words) {
                types.putInt(w);
            }
            return this;
        }

        byte[] bytes(int magic) {
            byte[] s = strings.toByteArray();
            int typeLen = types.position();
            ByteBuffer b = ByteBuffer.allocate(24 + typeLen + s.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) magic).put((byte) 1).put((byte) 0).putInt(24).putInt(0).putInt(typeLen).putInt(typeLen).putInt(s.length);
            b.put(types.array(), 0, typeLen).put(s);
            return b.array();
        }

        byte[] bytes() {
            return bytes(0xeb9f);
        }
    }

    private static byte[] sample(int magic) {
        Blob b = new Blob();
        b.type("long", 1, 0, false, 8); // 1: INT
        b.types.putInt(64);
        b.type("", 4, 2, false, 16); // 2: anonymous struct { long count; long need; }
        b.member("count", 1, 0);
        b.member("need", 1, 64);
        b.type("", 5, 2, false, 16); // 3: anonymous union { long pc; struct {...}; }
        b.member("pc", 1, 0);
        b.member("", 2, 0);
        b.type("ti_t", 8, 0, false, 3); // 4: typedef of the union
        b.type("outer", 4, 3, true, 40); // 5: struct outer, bit-field offsets
        b.member("a", 1, 0);
        b.member("ti", 4, 64);
        b.member("bits", 1, 3 << 24 | 258);
        b.type("outer_ptr", 2, 0, false, 5); // 6: PTR, no extra data
        b.type("e", 6, 2, false, 4); // 7: ENUM with two values, skipped by size
        b.types.putInt(b.str("E0")).putInt(0).putInt(b.str("E1")).putInt(1);
        b.type("last", 4, 1, false, 8); // 8: after the enum: found only if the enum was skipped right
        b.member("x", 1, 0);
        return b.bytes(magic);
    }

    private static final int SIGNED = 1 << 24;

    /** One type of every kind; the ids are in the comments. Also the fuzz seed {@code all-kinds.btf}. */
    static byte[] allKinds() {
        Blob b = new Blob();
        b.type("int", 1, 0, false, 4).word(SIGNED | 32); // 1
        b.type("long int", 1, 0, false, 8).word(SIGNED | 64); // 2
        b.type("unsigned int", 1, 0, false, 4).word(32); // 3
        b.type("", 2, 0, false, 5); // 4: struct outer *
        b.type("outer", 4, 7, true, 64) // 5
                .member("a", 2, 0)
                .member("next", 4, 64)
                .member("arr", 6, 128) // int[4] at byte 16
                .member("lo", 3, 3 << 24 | 256) // unsigned int lo:3 at byte 32
                .member("hi", 3, 5 << 24 | 259) // unsigned int hi:5
                .member("", 10, 288) // union { int u_a; unsigned int u_b; } at byte 36
                .member("grid", 8, 320); // struct pt grid[2][3] at byte 40
        b.type("", 3, 0, false, 0).word(1, 3, 4); // 6: int[4]
        b.type("", 3, 0, false, 0).word(9, 3, 3); // 7: struct pt[3]
        b.type("", 3, 0, false, 0).word(7, 3, 2); // 8: struct pt[2][3]
        b.type("pt", 4, 1, false, 4).member("x", 1, 0); // 9
        b.type("", 5, 2, false, 4).member("u_a", 1, 0).member("u_b", 3, 0); // 10
        b.type("myint", 8, 0, false, 1); // 11: typedef int myint
        b.type("", 10, 0, false, 11); // 12: const myint
        b.type("", 9, 0, false, 12); // 13: volatile const myint
        b.type("", 11, 0, false, 4); // 14: struct outer * restrict
        b.type("color", 6, 2, false, 4).word(b.str("RED"), 0, b.str("BIG"), -1); // 15: unsigned
        b.type("sgn", 6, 1, true, 4).word(b.str("NEG"), -1); // 16: signed
        b.type("wide", 19, 1, false, 8).word(b.str("HUGE"), 1, 2); // 17: ENUM64
        b.type("later", 7, 0, true, 0); // 18: union later (FWD)
        b.type("", 13, 2, false, 1).word(b.str("n"), 1, 0, 0); // 19: int (int, ...)
        b.type("f", 12, 1, false, 19); // 20: global FUNC
        b.type("v", 14, 0, false, 5).word(1); // 21: global VAR struct outer v
        b.type(".data", 15, 1, false, 64).word(21, 0, 64); // 22: DATASEC
        b.type("double", 16, 0, false, 8); // 23: FLOAT
        b.type("tag", 17, 0, false, 5).word(0); // 24: DECL_TAG on outer's member 0
        b.type("user", 18, 0, false, 1); // 25: TYPE_TAG on int
        b.type("", 2, 0, false, 19); // 26: int (*)(int, ...)
        b.type("old", 4, 1, false, 4).member("bf", 28, 0); // 27: old-style bit field
        b.type("int", 1, 0, false, 4).word(SIGNED | 2 << 16 | 3); // 28: 3 bits at bit 2
        b.type("u", 5, 1, false, 8).member("l", 2, 0); // 29: union u
        return b.bytes();
    }

    @Test
    void offsetsFollowNamedAnonymousAndTypedefMembers() {
        Btf btf = Btf.parse(sample(0xeb9f), "test.BTF");
        assertEquals(0, btf.offset("outer", "a"));
        assertEquals(8, btf.offset("outer", "ti"));
        assertEquals(8, btf.offset("outer", "ti.pc"));
        assertEquals(8, btf.offset("outer", "ti.count")); // through the union's anonymous struct
        assertEquals(16, btf.offset("outer", "ti.need"));
        assertEquals(40, btf.size("outer"));
        assertEquals(0, btf.offset("last", "x"));
    }

    @Test
    void missingStructsMembersAndBitFieldsAreBadInput() {
        Btf btf = Btf.parse(sample(0xeb9f), "test.BTF");
        BadInputException e = assertThrows(BadInputException.class, () -> btf.offset("outer", "ti.nope"));
        assertTrue(e.getMessage().contains("struct outer has no member ti.nope (no 'nope')"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> btf.size("task_struct"));
        assertEquals("test.BTF: no struct task_struct in the BTF data", e.getMessage());
        e = assertThrows(BadInputException.class, () -> btf.offset("outer", "bits"));
        assertTrue(e.getMessage().contains("bit field"), e.getMessage());
    }

    @Test
    void wrongMagicIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> Btf.parse(sample(0x9feb), "test.BTF"));
        assertTrue(e.getMessage().contains("expected the BTF magic 0xeb9f"), e.getMessage());
        byte[] cut = Arrays.copyOf(sample(0xeb9f), 40);
        assertThrows(BadInputException.class, () -> Btf.parse(cut, "test.BTF"));
    }

    @Test
    void everyKindIsDecoded() {
        Btf btf = Btf.parse(allKinds(), "all.BTF");
        assertEquals(30, btf.typeCount());
        Map<Kind, Integer> seen = new EnumMap<>(Kind.class);
        for (int id = 0; id < btf.typeCount(); id++) {
            seen.merge(btf.type(id).kind(), 1, Integer::sum);
        }
        assertEquals(Kind.values().length, seen.size(), "every kind: " + seen);

        assertEquals(new BtfType.Int("int", 4, true, false, false, 0, 32), btf.type(1));
        assertEquals(new BtfType.Ptr(5), btf.type(4));
        BtfType.Composite outer = assertInstanceOf(BtfType.Composite.class, btf.type(5));
        assertEquals(Kind.STRUCT, outer.kind());
        assertEquals(64, outer.size());
        assertEquals(new BtfType.Member("lo", 3, 256, 3), outer.members().get(3));
        assertEquals(new BtfType.Member("hi", 3, 259, 5), outer.members().get(4));
        assertEquals(new BtfType.Array(1, 3, 4), btf.type(6));
        assertEquals(Kind.UNION, btf.type(10).kind());
        assertEquals(new BtfType.Modifier(Kind.TYPEDEF, "myint", 1), btf.type(11));
        assertEquals(new BtfType.Modifier(Kind.CONST, "", 11), btf.type(12));
        assertEquals(new BtfType.Modifier(Kind.VOLATILE, "", 12), btf.type(13));
        assertEquals(new BtfType.Modifier(Kind.RESTRICT, "", 4), btf.type(14));
        assertEquals(new BtfType.Enum("color", false, false, 4,
                List.of(new BtfType.Enumerator("RED", 0), new BtfType.Enumerator("BIG", 0xffff_ffffL))), btf.type(15));
        assertEquals(new BtfType.Enum("sgn", false, true, 4, List.of(new BtfType.Enumerator("NEG", -1))), btf.type(16));
        assertEquals(new BtfType.Enum("wide", true, false, 8, List.of(new BtfType.Enumerator("HUGE", 0x2_0000_0001L))),
                btf.type(17));
        assertEquals(new BtfType.Fwd("later", true), btf.type(18));
        assertEquals(new BtfType.FuncProto(1, List.of(new BtfType.Param("n", 1), new BtfType.Param("", 0))), btf.type(19));
        assertEquals(new BtfType.Func("f", 19, 1), btf.type(20));
        assertEquals(new BtfType.Var("v", 5, 1), btf.type(21));
        assertEquals(new BtfType.Datasec(".data", 64, List.of(new BtfType.SecVar(21, 0, 64))), btf.type(22));
        assertEquals(new BtfType.FloatType("double", 8), btf.type(23));
        assertEquals(new BtfType.DeclTag("tag", 5, 0), btf.type(24));
        assertEquals(new BtfType.Modifier(Kind.TYPE_TAG, "user", 1), btf.type(25));
        assertEquals(Kind.VOID, btf.type(0).kind());
    }

    @Test
    void sizesFollowTypedefsQualifiersArraysAndVariables() {
        Btf btf = Btf.parse(allKinds(), "all.BTF");
        assertEquals(64, btf.size("outer"));
        assertEquals(8, btf.size("u")); // no struct u: the union
        assertEquals(4 * 4, btf.sizeOf(6));
        assertEquals(2 * 3 * 4, btf.sizeOf(8));
        assertEquals(4, btf.sizeOf(13)); // volatile const myint
        assertEquals(8, btf.sizeOf(4)); // a pointer is as wide as long int
        assertEquals(64, btf.sizeOf(21)); // the variable's struct
        assertEquals(64, btf.sizeOf(22));
        assertEquals(8, btf.sizeOf(23));
        assertEquals(8, btf.sizeOf(17));
        for (int noSize : new int[] {0, 18, 19, 20, 24}) {
            BadInputException e = assertThrows(BadInputException.class, () -> btf.sizeOf(noSize));
            assertTrue(e.getMessage().contains("has no size"), e.getMessage());
        }
        assertThrows(BadInputException.class, () -> btf.sizeOf(30));
    }

    @Test
    void typeNamesReadRoughlyAsC() {
        Btf btf = Btf.parse(allKinds(), "all.BTF");
        assertEquals("void", btf.typeName(0));
        assertEquals("struct outer *", btf.typeName(4));
        assertEquals("int[4]", btf.typeName(6));
        assertEquals("struct pt[2][3]", btf.typeName(8));
        assertEquals("union {...}", btf.typeName(10));
        assertEquals("volatile const myint", btf.typeName(13));
        assertEquals("struct outer * restrict", btf.typeName(14));
        assertEquals("enum color", btf.typeName(15));
        assertEquals("union later", btf.typeName(18));
        assertEquals("int (int, ...)", btf.typeName(19));
        assertEquals("int", btf.typeName(25));
        assertEquals("int (*)(int, ...)", btf.typeName(26));
    }

    @Test
    void membersGiveBitsIndexesAndTypes() {
        Btf btf = Btf.parse(allKinds(), "all.BTF");
        assertEquals(new BtfMember("next", 8, 64, 0, 4, "struct outer *", 8), btf.member("outer", "next"));
        assertEquals(new BtfMember("arr", 16, 128, 0, 6, "int[4]", 16), btf.member("outer", "arr"));
        assertEquals(new BtfMember("arr[2]", 24, 192, 0, 1, "int", 4), btf.member("outer", "arr[2]"));
        assertEquals(new BtfMember("lo", 32, 256, 3, 3, "unsigned int", 4), btf.member("outer", "lo"));
        assertEquals(new BtfMember("hi", 32, 259, 5, 3, "unsigned int", 4), btf.member("outer", "hi"));
        assertEquals(new BtfMember("u_b", 36, 288, 0, 3, "unsigned int", 4), btf.member("outer", "u_b"));
        assertEquals(new BtfMember("grid[1]", 52, 416, 0, 7, "struct pt[3]", 12), btf.member("outer", "grid[1]"));
        // 40 + 1 * 12 + 2 * 4
        assertEquals(new BtfMember("grid[1][2].x", 60, 480, 0, 1, "int", 4), btf.member("outer", "grid[1][2].x"));
        assertEquals(new BtfMember("bf", 0, 2, 3, 28, "int", 4), btf.member("old", "bf")); // old-style: INT encoding
        assertEquals(new BtfMember("l", 0, 0, 0, 2, "long int", 8), btf.member("u", "l"));
        assertEquals(28, btf.offset("outer", "arr[3]"));
        assertEquals(60, btf.offset("outer", "grid[1][2].x"));
    }

    @Test
    void enumeratorsAndStructNamesAreFound() {
        Btf btf = Btf.parse(allKinds(), "all.BTF");
        assertEquals(OptionalLong.of(0), btf.enumValue("RED"));
        assertEquals(OptionalLong.of(0xffff_ffffL), btf.enumValue("BIG")); // unsigned: zero-extended
        assertEquals(OptionalLong.of(-1), btf.enumValue("NEG")); // signed: sign-extended
        assertEquals(OptionalLong.of(0x2_0000_0001L), btf.enumValue("HUGE"));
        assertEquals(OptionalLong.empty(), btf.enumValue("GREEN"));
        assertTrue(btf.hasStruct("outer"));
        assertFalse(btf.hasStruct("u")); // a union
        assertFalse(btf.hasStruct("later")); // only declared
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lo|struct outer member lo is a bit field (3 bits at bit 256): expected a byte-aligned member",
        "arr[4]|struct outer member arr[4] is past the end of int[4] in 'arr[4]'",
        "a[0]|struct outer member a is long int, not an array: cannot index it in 'a[0]'",
        "lo[0]|struct outer member lo is unsigned int, not an array",
        "lo.x|struct outer member lo is a bit field: it has no member x",
        "next.a|struct outer has no member next.a (no 'a')",
        "arr[x]|member path 'arr[x]' of struct outer: expected names separated by '.'",
        "a..b|got ''",
        "arr[99999999999999999999]|index 99999999999999999999 is too large"})
    void badPathsAndBitFieldsAreRefusedWithTheirReason(String path, String message) {
        Btf btf = Btf.parse(allKinds(), "all.BTF");
        BadInputException e = assertThrows(BadInputException.class, () -> btf.offset("outer", path));
        assertTrue(e.getMessage().startsWith("all.BTF: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** allKinds() with {@code edit} applied to its bytes. */
    private static byte[] edited(Consumer<ByteBuffer> edit) {
        byte[] data = allKinds();
        edit.accept(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
        return data;
    }

    private static void refused(byte[] data, String message) {
        Executable parse = () -> Btf.parse(data, "bad.BTF");
        BadInputException e = assertThrows(BadInputException.class, parse);
        assertEquals(message, e.getMessage());
    }

    /** Type record 1 starts right after the header; record 4 (a PTR) at 24 + 3 * 16. */
    private static final int PTR4 = 24 + 3 * 16;
    private static final int OUTER5 = PTR4 + 12;

    @Test
    void malformedHeadersAreRefusedWithTheirOffset() {
        refused(Arrays.copyOf(allKinds(), 10), "bad.BTF:offset 0x0: expected a BTF header of 24 bytes, got 10 bytes");
        refused(edited(b -> b.put(2, (byte) 2)), "bad.BTF:offset 0x2: expected BTF version 1, got 2");
        refused(edited(b -> b.put(3, (byte) 1)), "bad.BTF:offset 0x3: expected header flags 0, got 0x1");
        refused(edited(b -> b.putInt(4, 16)), "bad.BTF:offset 0x4: header length 16: expected 24 to "
                + allKinds().length + " (the data's length)");
        int len = allKinds().length;
        int typeLen = ByteBuffer.wrap(allKinds()).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        refused(edited(b -> b.putInt(12, len)), String.format("bad.BTF:offset 0x8: type section 0x18-0x%x runs past "
                + "the end of the data (0x%x bytes)", 24 + len, len));
        refused(edited(b -> b.putInt(20, len)), String.format("bad.BTF:offset 0x10: string section 0x%x-0x%x runs "
                + "past the end of the data (0x%x bytes)", 24 + typeLen, 24 + typeLen + len, len));
        refused(edited(b -> b.putInt(8, 2)), "bad.BTF:offset 0x8: type section offset 2: expected a multiple of 4");
        refused(edited(b -> b.putInt(16, 0)), String.format("bad.BTF:offset 0x10: string section 0x18-0x%x overlaps "
                + "the type section 0x18-0x%x", 24 + len - 24 - typeLen, 24 + typeLen));
        refused(edited(b -> b.put(24 + typeLen, (byte) 'x')), String.format("bad.BTF:offset 0x%x: expected the string "
                + "section to start with a NUL (the empty name)", 24 + typeLen));
    }

    @Test
    void malformedTypesAreRefusedWithTheirOffset() {
        byte[] all = allKinds();
        int typeLen = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
        int strLen = all.length - 24 - typeLen;
        refused(edited(b -> b.putInt(24, strLen)), String.format("bad.BTF:offset 0x18: name offset 0x%x outside the "
                + "string section (0x%x bytes)", strLen, strLen));
        refused(edited(b -> b.putInt(PTR4 + 8, 30)), String.format("bad.BTF:offset 0x%x: type id 30 out of range: "
                + "expected 0-29", PTR4 + 8));
        refused(edited(b -> b.putInt(OUTER5 + 12 + 4, -1)), String.format("bad.BTF:offset 0x%x: type id 4294967295 out "
                + "of range: expected 0-29", OUTER5 + 16));
        refused(edited(b -> b.putInt(PTR4 + 4, 20 << 24)), String.format("bad.BTF:offset 0x%x: type 4: unknown BTF kind "
                + "20: expected 1-19", PTR4 + 4));
        refused(edited(b -> b.putInt(PTR4 + 4, 0)), String.format("bad.BTF:offset 0x%x: type 4: unknown BTF kind "
                + "0: expected 1-19", PTR4 + 4));
        refused(edited(b -> b.putInt(24 + 12, SIGNED | 33)), "bad.BTF:offset 0x24: type 1: INT int of 4 bytes with 33 "
                + "bits at bit 0: expected at most 16 bytes holding the bits");
        // the last record (union u, 24 bytes) claims 3 members: 24 more bytes than the section has
        int last = 24 + typeLen - 24;
        refused(edited(b -> b.putInt(last + 4, 5 << 24 | 3)), String.format("bad.BTF:offset 0x%x: type 29: UNION with "
                + "vlen 3 needs 36 bytes after its header, but the type section ends at 0x%x", last, 24 + typeLen));
        // the type section 4 bytes short: the last member's record is cut
        refused(edited(b -> b.putInt(12, typeLen - 4).putInt(16, typeLen - 4)),
                String.format("bad.BTF:offset 0x%x: type 29: UNION with vlen 1 needs 12 bytes after its header, but "
                        + "the type section ends at 0x%x", last, 24 + typeLen - 4));
        // the type section 8 bytes longer than its records: a cut header
        Blob b = new Blob();
        b.type("int", 1, 0, false, 4).word(SIGNED | 32).word(0, 0);
        refused(b.bytes(), "bad.BTF:offset 0x28: type 2: a 12-byte record header runs past the end of the type "
                + "section at 0x30");
    }

    @Test
    void unterminatedNamesAndTypeLoopsAreRefused() {
        Blob b = new Blob();
        b.type("int", 1, 0, false, 4).word(SIGNED | 32);
        byte[] data = b.bytes();
        data[data.length - 1] = 'x'; // "int" runs into the end of the section
        refused(data, "bad.BTF:offset 0x18: the name at 0x29 is not NUL-terminated within the string section "
                + "(ends at 0x2d)");

        Blob loop = new Blob();
        loop.type("a", 8, 0, false, 2).type("b", 8, 0, false, 1); // typedef a b; typedef b a;
        loop.type("s", 4, 1, false, 8).member("m", 1, 0);
        loop.type("self", 4, 1, false, 8).member("", 4, 0); // an anonymous member of itself
        Btf btf = Btf.parse(loop.bytes(), "loop.BTF");
        BadInputException e = assertThrows(BadInputException.class, () -> btf.sizeOf(1));
        assertEquals("loop.BTF: type 1: a loop of typedefs, qualifiers or arrays", e.getMessage());
        assertEquals("a", btf.typeName(1));
        assertThrows(BadInputException.class, () -> btf.member("s", "m"));
        e = assertThrows(BadInputException.class, () -> btf.member("self", "x"));
        assertEquals("loop.BTF: struct self has no member x (no 'x')", e.getMessage());
    }

    @Test
    void theFuzzSeedIsTheAllKindsBlob() throws IOException {
        Path seed = ProjectPaths.root().resolve("toolkit/src/test/resources/dev/ftracelab/elf/BtfFuzzTestInputs/parse/all-kinds.btf");
        if (Boolean.getBoolean("btf.writeSeed")) {
            Files.write(seed, allKinds());
        }
        assertArrayEquals(allKinds(), Files.readAllBytes(seed), "rerun with -Dbtf.writeSeed=true to refresh " + seed);
    }

    /** The cached Debian vmlinux files, by package; skipped when the cache lacks them. */
    private static Path vmlinux(String pkg) {
        Path dir = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
                "ftrace-lab", "kernels", pkg, "usr/lib/debug/boot");
        Path file = null;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                file = s.filter(p -> p.getFileName().toString().startsWith("vmlinux-")).findFirst().orElse(null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Assumptions.assumeTrue(file != null, "no -dbg vmlinux of " + pkg + " in " + dir
                + ": run datasets/fetch-kernels.sh to fetch it");
        return file;
    }

    /** Expected values from {@code pahole -F btf -C ftrace_ops|ftrace_ops_hash|task_struct} on each image. */
    @ParameterizedTest
    @CsvSource({
        // package,                          ops size, func_hash, filter_hash, reset_on_fork bit
        "linux-image-6.12.117+deb13-riscv64, 216,      88,        48,          10528",
        "linux-image-6.12.117+deb13-arm64,   216,      88,        48,          10400",
        "linux-image-7.2.13+deb14-riscv64,   200,      80,        48,          14688"})
    void aRealVmlinuxGivesPaholesLayout(String pkg, long opsSize, long funcHash, long filterHash, long resetOnFork) {
        Btf btf = Btf.of(ElfFile.read(vmlinux(pkg)));
        assertEquals(opsSize, btf.size("ftrace_ops"));
        assertEquals(0, btf.offset("ftrace_ops", "func"));
        assertEquals(8, btf.offset("ftrace_ops", "next"));
        assertEquals(16, btf.offset("ftrace_ops", "flags"));
        assertEquals(funcHash, btf.offset("ftrace_ops", "func_hash"));
        assertEquals(filterHash, btf.offset("ftrace_ops", "local_hash.filter_hash"));
        assertEquals("ftrace_func_t", btf.member("ftrace_ops", "func").typeName());
        assertEquals("struct ftrace_ops *", btf.member("ftrace_ops", "next").typeName());
        assertEquals("long unsigned int", btf.member("ftrace_ops", "flags").typeName());
        assertEquals(8, btf.offset("task_struct", "thread_info.preempt_count"));
        assertEquals(OptionalLong.of(1), btf.enumValue("FTRACE_OPS_FL_ENABLED"));
        assertEquals(OptionalLong.of(2), btf.enumValue("FTRACE_OPS_FL_DYNAMIC"));
        BtfMember reset = btf.member("task_struct", "sched_reset_on_fork");
        assertEquals(new BtfMember("sched_reset_on_fork", resetOnFork / 8, resetOnFork, 1, reset.typeId(),
                "unsigned int", 4), reset);
        BadInputException e = assertThrows(BadInputException.class, () -> btf.offset("task_struct", "sched_reset_on_fork"));
        assertTrue(e.getMessage().contains("is a bit field (1 bits at bit " + resetOnFork + ")"), e.getMessage());
        assertTrue(btf.hasStruct("task_struct"));
        // every type decodes to a name, and every sized kind to a size
        for (int id = 1; id < btf.typeCount(); id++) {
            BtfType t = btf.type(id);
            btf.typeName(id);
            if (t instanceof BtfType.Composite || t instanceof BtfType.Int || t instanceof BtfType.Ptr) {
                assertTrue(btf.sizeOf(id) >= 0);
            }
        }
    }
}
