package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ftracelab.isa.Arch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's cross binutils and compilers as test oracles. A missing tool skips the test, unless
 * {@code FTRACELAB_REQUIRE_TOOLS=1} is set (CI with the packages installed), where it fails.
 */
final class Binutils {
    private Binutils() {
    }

    static String prefix(Arch arch) {
        return arch == Arch.RISCV64 ? "riscv64-linux-gnu-" : "aarch64-linux-gnu-";
    }

    /** The tool's path, or skip / fail the test if it is not on the PATH. */
    static String require(String tool) {
        dev.ftracelab.testing.HostTools.require(tool);
        return tool;
    }

    /** Runs a command and returns its stdout; a non-zero exit fails the test with its stderr. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("ftracelab-tool", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            assertEquals(0, p.exitValue(), () -> command + " failed: " + readQuietly(err));
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    /** One row of {@code readelf -S -W}. */
    record SectionRow(int index, String name, String type, long address, long offset, long size, long entrySize,
            String flags, int link, int info, long alignment) {
    }

    private static final Pattern SECTION = Pattern.compile(
            "^\\s*\\[\\s*(\\d+)]\\s+(\\S*)\\s+(\\S+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+(\\S*)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$");

    static List<SectionRow> sections(Arch arch, Path file) throws IOException, InterruptedException {
        String out = run(List.of(require(prefix(arch) + "readelf"), "-S", "-W", file.toString()));
        List<SectionRow> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                rows.add(new SectionRow(Integer.parseInt(m.group(1)), m.group(2), m.group(3), hex(m.group(4)),
                        hex(m.group(5)), hex(m.group(6)), hex(m.group(7)), m.group(8), Integer.parseInt(m.group(9)),
                        Integer.parseInt(m.group(10)), Long.parseLong(m.group(11))));
            }
        }
        return rows;
    }

    /** One row of {@code readelf -s -W}. */
    record SymbolRow(int index, long value, long size, String type, String binding, String ndx, String name) {
    }

    private static final Pattern SYMBOL = Pattern.compile(
            "^\\s*(\\d+):\\s+([0-9a-f]+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s?(.*)$");

    static List<SymbolRow> symbols(Arch arch, Path file) throws IOException, InterruptedException {
        String out = run(List.of(require(prefix(arch) + "readelf"), "-s", "-W", file.toString()));
        List<SymbolRow> rows = new ArrayList<>();
        boolean inSymtab = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("Symbol table")) {
                inSymtab = line.contains("'.symtab'");
                continue;
            }
            Matcher m = SYMBOL.matcher(line);
            if (inSymtab && m.matches()) {
                String size = m.group(3);
                rows.add(new SymbolRow(Integer.parseInt(m.group(1)), hex(m.group(2)),
                        size.startsWith("0x") ? hex(size.substring(2)) : Long.parseLong(size), m.group(4), m.group(5),
                        m.group(7), m.group(8)));
            }
        }
        return rows;
    }

    /** One row of {@code readelf -r -W}, with the RELA section it is in. */
    record RelocationRow(String section, long offset, long info, long addend) {
    }

    private static final Pattern RELOC_SECTION = Pattern.compile("^Relocation section '([^']+)'.*");
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

    static List<RelocationRow> relocations(Arch arch, Path file) throws IOException, InterruptedException {
        String out = run(List.of(require(prefix(arch) + "readelf"), "-r", "-W", file.toString()));
        List<RelocationRow> rows = new ArrayList<>();
        String section = null;
        for (String line : out.split("\n")) {
            Matcher s = RELOC_SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                continue;
            }
            String[] t = line.trim().split("\\s+");
            if (section == null || t.length < 3 || !HEX16.matcher(t[0]).matches() || !HEX16.matcher(t[1]).matches()) {
                continue;
            }
            // "... symbol + 18" / "... symbol - 8", or just "6" when there is no symbol (R_RISCV_ALIGN).
            long addend = 0;
            if (t.length >= 5 && (t[t.length - 2].equals("+") || t[t.length - 2].equals("-"))) {
                addend = hex(t[t.length - 1]) * (t[t.length - 2].equals("-") ? -1 : 1);
            } else if (t.length == 4) {
                addend = hex(t[3]);
            }
            rows.add(new RelocationRow(section, hex(t[0]), hex(t[1]), addend));
        }
        return rows;
    }

    /** The bytes of a section as {@code readelf -x} dumps them. */
    static byte[] hexDump(Arch arch, Path file, String section) throws IOException, InterruptedException {
        String out = run(List.of(require(prefix(arch) + "readelf"), "-x", section, file.toString()));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (String line : out.split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 2 || !t[0].startsWith("0x")) {
                continue;
            }
            // Up to four groups of 8 hex digits, then the ASCII column.
            for (int g = 1; g < t.length && g <= 4 && t[g].matches("[0-9a-f]{2,8}"); g++) {
                for (int k = 0; k < t[g].length(); k += 2) {
                    bytes.write(Integer.parseInt(t[g].substring(k, k + 2), 16));
                }
            }
        }
        return bytes.toByteArray();
    }

    static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }
}
