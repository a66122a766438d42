package dev.ftracelab.isa.riscv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The CSR names objdump 2.40 prints (every standard CSR it knows: user, supervisor, hypervisor,
 * machine, debug, counters and their {@code h} halves), from {@code objdump-csrs.tsv} beside
 * this class, which {@code toolkit/src/guest/objdump-sysreg-names.sh} generated from objdump
 * itself. Others print as their number in hex, as objdump does.
 *
 * <pre>{@code
 * RvCsrNames.name(0x180);   // "satp"
 * RvCsrNames.name(0x7c0);   // "0x7c0"
 * }</pre>
 */
public final class RvCsrNames {
    private RvCsrNames() {
    }

    private static final String[] NAMES = load();

    /** objdump's name for CSR {@code csr} (0-4095), or {@code 0x...}. */
    public static String name(int csr) {
        String n = NAMES[csr & 0xfff];
        return n != null ? n : String.format(Locale.ROOT, "0x%x", csr & 0xfff);
    }

    /** Whether objdump has a name for {@code csr}. */
    public static boolean isNamed(int csr) {
        return NAMES[csr & 0xfff] != null;
    }

    private static String[] load() {
        String[] t = new String[4096];
        try (InputStream in = RvCsrNames.class.getResourceAsStream("objdump-csrs.tsv")) {
            if (in == null) {
                throw new IllegalStateException("objdump-csrs.tsv missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split("\t");
                    t[Integer.parseInt(f[0].substring(2), 16)] = f[1];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }
}
