package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ftracelab.emu.GuestCorpus;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.util.BadInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The listing streams: each line reaches the sink before the next instruction is decoded (so
 * a text of hundreds of MB needs no list of lines), and the streamed text is the same as
 * {@link Listing#toText()}.
 */
class ListingStreamTest {
    static ElfFile strfmt() {
        return ElfFile.parse(GuestCorpus.bytes(Arch.RISCV64, "strfmt.pfe"), "strfmt.pfe.elf");
    }

    /**
     * The sink rewrites the code ahead of the decoder (nop -> addi a0,zero,1 at the next
     * address): a listing made whole before it is written would still show the old word.
     */
    @Test
    void eachLineIsHandedOnBeforeTheNextIsDecoded() throws IOException {
        ElfFile elf = strfmt();
        Section text = elf.section(".text").orElseThrow();
        byte[] code = elf.contents(text);
        List<String> seen = new ArrayList<>();
        Listing.stream(elf, s -> code, Map.of(), line -> {
            if (seen.isEmpty()) {
                int next = line.length();
                code[next] = 0x13;
                code[next + 1] = 0x05;
                code[next + 2] = 0x10;
                code[next + 3] = 0x00; // 00100513: li a0,1
            }
            seen.add(line.hex() + " " + line.text());
        });
        assertEquals("00100513 li\ta0,1", seen.get(1));
        // and the rest is the listing of the rewritten code, line for line
        assertEquals(Listing.of(elf, s -> code).lines().stream().map(l -> l.hex() + " " + l.text()).toList(), seen);
    }

    @Test
    void writtenTextIsTheListingText() throws IOException {
        ElfFile elf = strfmt();
        StringWriter whole = new StringWriter();
        Listing.write(elf, null, whole);
        assertEquals(Listing.of(elf).toText(), whole.toString());

        StringWriter one = new StringWriter();
        Listing.write(elf, "format", one);
        assertEquals(Listing.of(elf).function("format").toText(), one.toString());
        assertEquals("\nDisassembly of section .text:\n", one.toString().substring(0, 31));
    }

    @Test
    void anUnknownFunctionIsRefusedBeforeAnythingIsWritten() {
        StringWriter out = new StringWriter();
        BadInputException e = assertThrows(BadInputException.class, () -> Listing.write(strfmt(), "nope", out));
        assertEquals("strfmt.pfe.elf: no function named 'nope'", e.getMessage());
        assertEquals("", out.toString());
    }
}
