package dev.ftracelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MailTextTest {
    @Test
    void wrapsAtSpacesWithinTheWidthIndentIncluded() {
        assertEquals("  aaa bbb\n  ccc\n", MailText.wrap("aaa bbb ccc", 9, "  "));
        assertEquals("  aaa\n  bbb\n", MailText.wrap(" aaa   bbb ", 8, "  "));
    }

    @Test
    void aWordLongerThanTheWidthStandsAlone() {
        assertEquals("a\nbbbbbbbbbb\nc\n", MailText.wrap("a bbbbbbbbbb c", 5, ""));
        assertEquals("", MailText.wrap("   ", 5, "  "));
    }

    @Test
    void aHangingIndentContinuesUnderTheFirstLine() {
        assertEquals("key: aaa\n     bbb\n", MailText.wrap("key: aaa bbb", 9, "", "     "));
    }

    @Test
    void reflowJoinsAnEntrysContinuationLinesAndRewrapsIt() {
        java.util.List<String> note = java.util.List.of("Sources:", "  a: one two", "    three four", "  b: five");
        assertEquals("> Sources:\n>   a: one two\n>     three\n>     four\n>   b: five\n",
                MailText.reflow(note, 15, "> "));
    }
}
