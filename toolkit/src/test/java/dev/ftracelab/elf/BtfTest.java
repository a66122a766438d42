package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.util.BadInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** BTF struct layouts, on a hand-built section shaped like a kernel's (anonymous unions, typedefs, bit fields). */
class BtfTest {
    /** Builds the type and string sections of a little BTF blob. */
    private static final class Blob {
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

        void type(String name, int kind, int vlen, boolean kindFlag, int sizeOrType) {
            types.putInt(str(name)).putInt((kindFlag ? 1 << 31 : 0) | kind << 24 | vlen).putInt(sizeOrType);
        }

        void member(String name, int type, int offset) {
            types.putInt(str(name)).putInt(type).putInt(offset);
        }

        byte[] bytes(int magic) {
            byte[] s = strings.toByteArray();
            int typeLen = types.position();
            ByteBuffer b = ByteBuffer.allocate(24 + typeLen + s.length).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) magic).put((byte) 1).put((byte) 0).putInt(24).putInt(0).putInt(typeLen).putInt(typeLen).putInt(s.length);
            b.put(types.array(), 0, typeLen).put(s);
            return b.array();
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
        assertThrows(BadInputException.class, () -> btf.size("task_struct"));
        e = assertThrows(BadInputException.class, () -> btf.offset("outer", "bits"));
        assertTrue(e.getMessage().contains("bit field"), e.getMessage());
    }

    @Test
    void wrongMagicIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> Btf.parse(sample(0x9feb), "test.BTF"));
        assertTrue(e.getMessage().contains("expected the BTF magic 0xeb9f"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(sample(0xeb9f), 40);
        assertThrows(BadInputException.class, () -> Btf.parse(cut, "test.BTF"));
    }
}
