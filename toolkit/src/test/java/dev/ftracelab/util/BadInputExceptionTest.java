package dev.ftracelab.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BadInputExceptionTest {
    @Test
    void messagesNameWhereAndWhat() {
        assertEquals("a.csv:3: expected x", BadInputException.atLine(Path.of("a.csv"), 3, "expected x").getMessage());
        assertEquals("k.ko:offset 0x40: bad magic",
                BadInputException.atOffset(Path.of("k.ko"), 64, "bad magic").getMessage());
        assertEquals("no such profile", new BadInputException("no such profile").getMessage());
        assertEquals("expected x", BadInputException.atLine(Path.of("a"), 1, "expected x").reason());
    }
}
