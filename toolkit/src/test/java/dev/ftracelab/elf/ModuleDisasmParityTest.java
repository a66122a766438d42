package dev.ftracelab.elf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftracelab.isa.arm64.A64CrossTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ftrace-lab disasm} of a kernel module prints what {@code objdump -d} prints, line for
 * line: module.c (our own code shaped like a module: calls to undefined functions, adrp of
 * undefined and static symbols, .init.text/.exit.text/.text.unlikely, data in .text, system
 * registers and CSRs) is compiled at test time into a relocatable object with the code
 * generation flags of Debian's 6.12 kernels, and every line objdump lists, instruction or
 * {@code $d} data, must be listed at the same address with the same encoding and text
 * (objdump's {@code <symbol>} annotations and comments dropped). Real modules are compared by
 * {@code toolkit/src/guest/disasm-parity.sh}.
 */
class ModuleDisasmParityTest {
    private static final Pattern LINE = Pattern.compile(
            "^\\s+([0-9a-f]+):\\t([0-9a-f]{8}|[0-9a-f]{4}(?: [0-9a-f]{4})?|[0-9a-f]{2})\\s+\\t?(.*)$");
    private static final Pattern SECTION = Pattern.compile("^Disassembly of section (\\S+):$");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "arm64;-mgeneral-regs-only -mbranch-protection=pac-ret+bti -fpatchable-function-entry=4,2 -falign-functions=8"
                + " -fstack-protector-strong -mstack-protector-guard=sysreg -mstack-protector-guard-reg=sp_el0"
                + " -mstack-protector-guard-offset=1384",
        "arm64;-mgeneral-regs-only -mcmodel=small -fno-omit-frame-pointer -ffunction-sections",
        "riscv64;-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -mno-relax -fpatchable-function-entry=8,4",
        "riscv64;-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany -ffunction-sections",
    })
    void moduleListingMatchesObjdump(String arch, String flags) throws IOException {
        boolean arm = arch.equals("arm64");
        String gcc = arm ? A64CrossTools.GCC : "riscv64-linux-gnu-gcc";
        String objdump = arm ? A64CrossTools.OBJDUMP : "riscv64-linux-gnu-objdump";
        A64CrossTools.require(gcc, objdump);
        try (InputStream in = ModuleDisasmParityTest.class.getResourceAsStream("module.c")) {
            Files.write(tmp.resolve("module.c"), in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(gcc, "-O2", "-c", "-fno-pic", "-ffreestanding", "-fno-common",
                "-fno-asynchronous-unwind-tables", "-Wall", "-Werror"));
        cmd.addAll(List.of(flags.split(" ")));
        cmd.addAll(List.of("module.c", "-o", "module.ko"));
        A64CrossTools.check(tmp, cmd);
        Path ko = tmp.resolve("module.ko");

        Map<String, Listing.Line> ours = new HashMap<>();
        for (Listing.Line l : Listing.of(ElfFile.read(ko)).lines()) {
            ours.put(l.section() + ":" + l.address(), l);
        }
        String section = null;
        int compared = 0;
        int data = 0;
        List<String> mismatches = new ArrayList<>();
        for (String line : A64CrossTools.check(tmp, List.of(objdump, "-d", "module.ko")).split("\n")) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || section == null) {
                continue;
            }
            long address = Long.parseLong(m.group(1), 16);
            String expected = normalise(m.group(3));
            Listing.Line l = ours.get(section + ":" + address);
            String actual = l == null ? "(not listed)" : l.hex() + " " + normalise(l.text());
            if (!actual.equals(m.group(2).replace(" ", "") + " " + expected)) {
                mismatches.add(section + "+" + Long.toHexString(address) + ": objdump '" + m.group(2) + " "
                        + expected + "', ours '" + actual + "'");
            }
            compared++;
            data += expected.startsWith(".") ? 1 : 0;
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + compared + " differ:\n"
                + String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))));
        assertTrue(compared > 60 && data >= 3, compared + " lines, " + data + " of them data");
    }

    /** As the parity script: no {@code <symbol>}, no {@code //} or {@code #} comment, single spaces. */
    static String normalise(String text) {
        String t = text.split("\t//")[0].split(" //")[0].split(" # ")[0].split("\t# ")[0];
        t = t.replaceAll("\\s+<[^>]*>", "");
        return t.replaceAll("\\s+", " ").strip();
    }
}
