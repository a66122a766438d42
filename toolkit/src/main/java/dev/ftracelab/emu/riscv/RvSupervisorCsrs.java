package dev.ftracelab.emu.riscv;

import dev.ftracelab.isa.riscv.RvCsrNames;

/**
 * The supervisor CSRs kernel code reads and writes, one set per hart: what a hart in
 * supervisor mode ({@link RvHart#setSupervisor}) executes {@code csrr}/{@code csrw}/... on,
 * with the values the toolkit sets before running kernel code ({@link RvHart#setCsr}). Each
 * register keeps only its writable bits (WARL, as a real hart with Sstc and Sv39..Sv57 would):
 *
 * <pre>
 *   sstatus    0x100  SIE SPIE UBE SPP VS FS XS SUM MXR SD writable; UXL reads 2 (64-bit U-mode)
 *   sie        0x104  SSIE STIE SEIE
 *   stvec      0x105  BASE, MODE direct (0) or vectored (1)
 *   scounteren 0x106  32 bits
 *   senvcfg    0x10a  FIOM, CBIE, CBCFE, CBZE, PBMTE
 *   sscratch   0x140  any value
 *   sepc       0x141  bit 0 reads 0 (IALIGN 16)
 *   scause     0x142  any value
 *   stval      0x143  any value
 *   sip        0x144  SSIP writable; STIP, SEIP only through setCsr
 *   stimecmp   0x14d  any value
 *   satp       0x180  any value (MODE is not checked: the emulator does not translate)
 * </pre>
 *
 * Nothing has side effects: writing {@code sie} or {@code sstatus.SIE} delivers no interrupt and
 * {@code satp} switches no address space (the emulator runs on physical = virtual addresses).
 * The counters ({@code cycle}, {@code time}, {@code instret}) are the hart's, in any mode; the
 * RV32-only halves ({@code cycleh}...) and every other CSR are illegal instructions, as on an
 * RV64 hart.
 *
 * <pre>{@code
 * hart.setSupervisor(true);
 * hart.setCsr(RvSupervisorCsrs.SSCRATCH, 0);          // kernel entry: sscratch 0 in S-mode
 * hart.setCsr(RvSupervisorCsrs.SSTATUS, RvSupervisorCsrs.SSTATUS_SIE);
 * }</pre>
 */
public final class RvSupervisorCsrs {
    public static final int SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106, SENVCFG = 0x10a;
    public static final int SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142, STVAL = 0x143, SIP = 0x144;
    public static final int STIMECMP = 0x14d, SATP = 0x180;
    /** sstatus.SIE: supervisor interrupts enabled. */
    public static final long SSTATUS_SIE = 1L << 1;

    /** UXL = 2 (U-mode is 64-bit), read-only. */
    private static final long SSTATUS_UXL = 2L << 32;
    // SIE 1, SPIE 5, UBE 6, SPP 8, VS 10:9, FS 14:13, XS 16:15, SUM 18, MXR 19, SD 63
    private static final long SSTATUS_MASK = 1L << 1 | 1L << 5 | 1L << 6 | 1L << 8 | 3L << 9 | 3L << 13 | 3L << 15
            | 1L << 18 | 1L << 19 | 1L << 63;
    private static final long S_INTERRUPTS = 1L << 1 | 1L << 5 | 1L << 9;

    private static final int[] NUMBERS = {SSTATUS, SIE, STVEC, SCOUNTEREN, SENVCFG, SSCRATCH, SEPC, SCAUSE, STVAL, SIP,
        STIMECMP, SATP};

    private final long[] values = new long[NUMBERS.length];

    RvSupervisorCsrs() {
        values[0] = SSTATUS_UXL;
    }

    /** Whether {@code csr} is one of the emulated supervisor CSRs. */
    public static boolean isEmulated(int csr) {
        return slot(csr) >= 0;
    }

    private static int slot(int csr) {
        for (int i = 0; i < NUMBERS.length; i++) {
            if (NUMBERS[i] == csr) {
                return i;
            }
        }
        return -1;
    }

    long read(int csr) {
        return values[slot(csr)];
    }

    /** Writes as software does: only the writable bits change. {@code toolkit} may also set sip's STIP/SEIP. */
    void write(int csr, long value, boolean toolkit) {
        int s = slot(csr);
        if (s < 0) {
            throw new IllegalArgumentException("CSR " + RvCsrNames.name(csr) + " is not an emulated supervisor CSR");
        }
        long old = values[s];
        values[s] = switch (csr) {
            case SSTATUS -> value & SSTATUS_MASK | SSTATUS_UXL;
            case SIE -> value & S_INTERRUPTS;
            case SIP -> toolkit ? value & S_INTERRUPTS : old & ~2L | value & 2L;
            case STVEC -> (value & 3) <= 1 ? value : value & ~3L | old & 3; // reserved modes keep the old one
            case SCOUNTEREN -> value & 0xffff_ffffL;
            case SENVCFG -> value & (1L | 3L << 4 | 1L << 6 | 1L << 7 | 1L << 62);
            case SEPC -> value & ~1L;
            default -> value;
        };
    }
}
