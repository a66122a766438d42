package dev.ftracelab.isa.arm64;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The names objdump 2.40 prints for the register operand of {@code MRS} / {@code MSR}, for
 * every encoding it knows (about a thousand, far more than {@link A64SysReg} executes). The
 * table is data generated from objdump itself by {@code toolkit/src/guest/objdump-sysreg-names.sh}
 * ({@code objdump-sysregs.tsv} beside this class); an encoding it does not name prints in the
 * generic {@code s<op0>_<op1>_c<CRn>_c<CRm>_<op2>} form, as objdump does.
 *
 * <pre>{@code
 * A64SysRegNames.name(0b11_000_0010_0000_010, true);   // "tcr_el1"
 * A64SysRegNames.name(0b11_000_1111_0010_000, true);   // "s3_0_c15_c2_0"
 * }</pre>
 */
public final class A64SysRegNames {
    private A64SysRegNames() {
    }

    /** By {@code o0:op1:CRn:CRm:op2} (15 bits; op0 = 2 + o0): the name after MRS, then after MSR; null if generic. */
    private static final String[][] NAMES = load();

    /**
     * The name objdump prints for the system register {@code encoding} ({@code op0:op1:CRn:CRm:op2},
     * bits 20:5 of the word) after {@code mrs} ({@code read}) or {@code msr}.
     */
    public static String name(int encoding, boolean read) {
        String[] n = NAMES[encoding & 0x7fff];
        String s = n == null ? null : n[read ? 0 : 1];
        return s != null ? s : generic(encoding);
    }

    /** Whether objdump knows a name for {@code encoding} (after MRS or MSR). */
    public static boolean isNamed(int encoding) {
        return (encoding >>> 14) >= 2 && NAMES[encoding & 0x7fff] != null;
    }

    /** The generic spelling {@code s3_0_c2_c0_2}. */
    public static String generic(int encoding) {
        return String.format(Locale.ROOT, "s%d_%d_c%d_c%d_%d", encoding >>> 14 & 3, encoding >>> 11 & 7,
                encoding >>> 7 & 15, encoding >>> 3 & 15, encoding & 7);
    }

    private static String[][] load() {
        String[][] t = new String[1 << 15][];
        try (InputStream in = A64SysRegNames.class.getResourceAsStream("objdump-sysregs.tsv")) {
            if (in == null) {
                throw new IllegalStateException("objdump-sysregs.tsv missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                int e = (Integer.parseInt(f[0]) - 2) << 14 | Integer.parseInt(f[1]) << 11 | Integer.parseInt(f[2]) << 7
                        | Integer.parseInt(f[3]) << 3 | Integer.parseInt(f[4]);
                t[e] = new String[] {f[5].equals("-") ? null : f[5], f[6].equals("-") ? null : f[6]};
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }
}
