package dev.ftracelab.isa.arm64;

/**
 * The system registers {@code MRS} / {@code MSR} (register form) decode: the EL0 registers user
 * programs touch and the few EL1/EL2 registers kernel code on a fast path reads (the current task
 * in {@code SP_EL0}, the per-CPU offset in {@code TPIDR_EL1} or {@code TPIDR_EL2}, the interrupt
 * masks). Any other encoding does not decode, so executing it is an illegal-instruction trap.
 * Names are objdump's; the encoding is {@code op0:op1:CRn:CRm:op2} (bits 20:5 of the word).
 *
 * <pre>{@code
 * A64SysReg.byEncoding(0b11_000_0100_0001_000) == A64SysReg.SP_EL0;   // mrs x0, sp_el0
 * }</pre>
 */
public enum A64SysReg {
    //           objdump name       op0 op1 CRn CRm op2 MSR allowed
    TPIDR_EL0("tpidr_el0",            3, 3, 13, 0, 2, true),
    TPIDRRO_EL0("tpidrro_el0",        3, 3, 13, 0, 3, false),
    CNTVCT_EL0("cntvct_el0",          3, 3, 14, 0, 2, false),
    CNTPCT_EL0("cntpct_el0",          3, 3, 14, 0, 1, false),
    CNTFRQ_EL0("cntfrq_el0",          3, 3, 14, 0, 0, false),
    PMCCNTR_EL0("pmccntr_el0",        3, 3, 9, 13, 0, false),
    CTR_EL0("ctr_el0",                3, 3, 0, 0, 1, false),
    DCZID_EL0("dczid_el0",            3, 3, 0, 0, 7, false),
    NZCV("nzcv",                      3, 3, 4, 2, 0, true),
    DAIF("daif",                      3, 3, 4, 2, 1, true),
    FPCR("fpcr",                      3, 3, 4, 4, 0, true),
    FPSR("fpsr",                      3, 3, 4, 4, 1, true),
    SP_EL0("sp_el0",                  3, 0, 4, 1, 0, true),
    CURRENTEL("currentel",            3, 0, 4, 2, 2, false),
    ICC_PMR_EL1("icc_pmr_el1",        3, 0, 4, 6, 0, true),
    TPIDR_EL1("tpidr_el1",            3, 0, 13, 0, 4, true),
    TPIDR_EL2("tpidr_el2",            3, 4, 13, 0, 2, true);

    private static final A64SysReg[] VALUES = values();

    private final String objdumpName;
    private final int encoding;
    private final boolean writable;

    A64SysReg(String objdumpName, int op0, int op1, int crn, int crm, int op2, boolean writable) {
        this.objdumpName = objdumpName;
        this.encoding = op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
        this.writable = writable;
    }

    /** The name objdump prints, e.g. {@code sp_el0}. */
    public String objdumpName() {
        return objdumpName;
    }

    /** {@code op0:op1:CRn:CRm:op2}, bits 20:5 of an MRS/MSR word. */
    public int encoding() {
        return encoding;
    }

    /** Whether {@code MSR} to it decodes (read-only registers such as the counters do not). */
    public boolean writable() {
        return writable;
    }

    /** The register with this encoding, or null when it is not in the table. */
    public static A64SysReg byEncoding(int encoding) {
        for (A64SysReg r : VALUES) {
            if (r.encoding == encoding) {
                return r;
            }
        }
        return null;
    }

    /** The register called {@code name} (objdump's spelling, any case), or null. */
    public static A64SysReg byName(String name) {
        for (A64SysReg r : VALUES) {
            if (r.objdumpName.equalsIgnoreCase(name)) {
                return r;
            }
        }
        return null;
    }

    /** The register at {@code ordinal()}: what {@link A64Insn#b()} of an MRS/MSR holds. */
    public static A64SysReg of(int ordinal) {
        return VALUES[ordinal];
    }
}
