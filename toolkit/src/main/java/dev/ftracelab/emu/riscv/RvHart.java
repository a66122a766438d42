package dev.ftracelab.emu.riscv;

import dev.ftracelab.emu.Access;
import dev.ftracelab.emu.CompiledBlock;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.CounterSource;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.Machine;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.MemoryFault;
import dev.ftracelab.emu.RetireListener;
import dev.ftracelab.emu.Trap;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.Instruction;
import static dev.ftracelab.isa.riscv.RvExec.*;

import dev.ftracelab.isa.riscv.RvDecoder;
import dev.ftracelab.isa.riscv.RvInsn;
import dev.ftracelab.isa.riscv.RvCsrNames;
import dev.ftracelab.isa.riscv.RvOp;
import java.util.Locale;

/**
 * An RV64GC (IMAFDC + Zicsr + Zifencei) + Zba/Zbb/Zbs user-mode hart.
 *
 * <ul>
 *   <li>{@code ecall} and {@code ebreak} stop the hart with a trap value, PC on the instruction.</li>
 *   <li>{@code fence.i} flushes this hart's fetch cache only (remote harts need
 *       {@link Machine#flushFetchCaches()}, as Linux does with an IPI); {@code fence} is a no-op
 *       because the machine is sequentially consistent.</li>
 *   <li>CSRs: the read-only user counters {@code cycle}, {@code time} and {@code instret},
 *       all reading the retired-instruction count (a deterministic clock) unless a
 *       {@link dev.ftracelab.emu.CounterSource} is installed, and {@code fflags}, {@code frm},
 *       {@code fcsr}; in supervisor mode ({@link #setSupervisor}) also the supervisor CSRs of
 *       {@link RvSupervisorCsrs}, with the values the toolkit sets ({@link #setCsr}); anything
 *       else, or a counter write, is an illegal-instruction trap naming the CSR.</li>
 *   <li>F and D: see {@link RvFpu} (bit-exact rounding, flags, NaN boxing).</li>
 *   <li>LR/SC: one reservation per hart. SC succeeds only if this hart's reservation is on that
 *       address and memory still holds the value LR read (so a store by another hart in between
 *       makes it fail, unless it wrote back the same value); every SC clears the reservation.</li>
 *   <li>Atomics must be naturally aligned ({@link Trap.Misaligned}); plain loads and stores
 *       may be misaligned, as Linux user mode allows.</li>
 * </ul>
 *
 * <pre>{@code
 * Machine m = new Machine(Arch.RISCV64, 1, RvHart::new);
 * Hart h = m.hart(0);
 * h.setPc(entry);
 * Trap t = h.run(1_000_000);
 * }</pre>
 */
public final class RvHart extends Hart {
    private static final int NOT_TAKEN = Counter.BRANCH_NOT_TAKEN.ordinal();
    private static final int TAKEN = Counter.BRANCH_TAKEN.ordinal();
    private static final int CSR_CYCLE = 0xc00;
    private static final int CSR_INSTRET = 0xc02;

    private static final int CSR_FFLAGS = 0x001;
    private static final int CSR_FRM = 0x002;
    private static final int CSR_FCSR = 0x003;

    /** The F and D registers and fcsr. */
    private final RvFpu fpu = new RvFpu();

    /** Supervisor CSRs, executed only in supervisor mode. */
    private final RvSupervisorCsrs scsrs = new RvSupervisorCsrs();
    private boolean supervisor;
    /** Address reserved by the last LR, or -1. */
    private long reservation = -1;
    private long reservedValue;

    public RvHart(Machine machine, int id) {
        super(machine, id);
    }

    @Override
    public Arch arch() {
        return Arch.RISCV64;
    }

    @Override
    protected Instruction decode(long pc, int word) {
        return RvDecoder.decode(pc, word);
    }

    @Override
    protected int instructionLength(int low16) {
        return (low16 & 3) == 3 ? 4 : 2;
    }

    @Override
    protected int pcAlignment() {
        return 2;
    }

    @Override
    public void setReg(int i, long value) {
        if (i != 0) {
            x[i] = value;
        }
    }

    @Override
    public void setRegisters(long[] regs) {
        super.setRegisters(regs);
        x[0] = 0;
        reservation = -1; // a context switch breaks an LR/SC pair
    }

    RvFpu fpu() {
        return fpu;
    }

    /** f register {@code i} as its 64 bits (a single is NaN-boxed: upper half all ones). */
    public long fpRegister(int i) {
        return fpu.f[i];
    }

    /** Sets f register {@code i} to raw bits (box a single with {@code 0xffffffff00000000L | bits}). */
    public void setFpRegister(int i, long bits) {
        fpu.f[i] = bits;
    }

    /** The {@code fcsr} CSR: {@code frm << 5 | fflags}. */
    public int fcsr() {
        return fpu.frm << 5 | fpu.fflags;
    }

    /** The retirement counters, for compiled blocks (which count themselves). */
    long[] counterArray() {
        return counters;
    }

    /** Superblocks: a conditional branch does not end a block; taken, it leaves it early. */
    @Override
    protected boolean blocksGoOnPastBranches() {
        return true;
    }

    @Override
    public Trap run(long maxInstructions) {
        // pc and the register file live in locals; this.pc is written back only when leaving
        final long[] r = x;
        final long[] cnt = counters;
        final Memory mem = memory;
        final RetireListener l = listener;
        long pc = this.pc;
        Block[] blocks = NO_BLOCKS; // block slots of the page at blocksBase
        long blocksBase = 0;
        long n = 0;
        try {
            while (n < maxInstructions) {
                long off = pc - blocksBase;
                Block b = Long.compareUnsigned(off, Memory.PAGE_SIZE) < 0 ? blocks[(int) off >>> 1] : null;
                if (b == null && maxInstructions - n == 1) {
                    b = singleStep(pc); // a single step: no block that would run no further
                } else if (b == null) {
                    b = block(pc);
                    blocks = blockSlots(pc);
                    blocksBase = pc & -Memory.PAGE_SIZE;
                }
                CompiledBlock cb = compiledForm(b, RvBlockCompiler::compile);
                // compiled FP code cannot raise the illegal-instruction trap of a reserved frm,
                // and cannot change frm (CSR accesses are not compiled): so it runs while frm is valid
                if (cb != null && l == null && maxInstructions - n >= b.insns.length && fpu.frmValid()) {
                    try {
                        n += runCompiled(b, blocks, blocksBase, maxInstructions - n, r);
                    } finally {
                        pc = this.pc; // on a fault, the faulting instruction's
                    }
                    continue;
                }
                Instruction[] insns = b.insns;
                long[] pcs = b.pcs;
                int count = (int) Math.min(insns.length, maxInstructions - n);
                n += count;
                for (int k = 0; k < count; k++) {
                pc = pcs[k];
                RvInsn i = (RvInsn) insns[k];
                long next = pc + i.length();
                int cls = i.counter();
                long addr = -1;
                switch (i.execId()) {
                    case LUI -> r[i.rd()] = i.imm();
                    case AUIPC -> r[i.rd()] = pc + i.imm();
                    case JAL -> {
                        r[i.rd()] = next;
                        next = pc + i.imm();
                    }
                    case JALR -> {
                        long target = (r[i.rs1()] + i.imm()) & ~1L; // before the link write: rd may be rs1
                        r[i.rd()] = next;
                        next = target;
                    }
                    case BEQ -> {
                        if (r[i.rs1()] == r[i.rs2()]) {
                            next = pc + i.imm();
                        } else {
                            cls = NOT_TAKEN;
                        }
                    }
                    case BNE -> {
                        if (r[i.rs1()] != r[i.rs2()]) {
                            next = pc + i.imm();
                        } else {
                            cls = NOT_TAKEN;
                        }
                    }
                    case BLT -> {
                        if (r[i.rs1()] < r[i.rs2()]) {
                            next = pc + i.imm();
                        } else {
                            cls = NOT_TAKEN;
                        }
                    }
                    case BGE -> {
                        if (r[i.rs1()] >= r[i.rs2()]) {
                            next = pc + i.imm();
                        } else {
                            cls = NOT_TAKEN;
                        }
                    }
                    case BLTU -> {
                        if (Long.compareUnsigned(r[i.rs1()], r[i.rs2()]) < 0) {
                            next = pc + i.imm();
                        } else {
                            cls = NOT_TAKEN;
                        }
                    }
                    case BGEU -> {
                        if (Long.compareUnsigned(r[i.rs1()], r[i.rs2()]) >= 0) {
                            next = pc + i.imm();
                        } else {
                            cls = NOT_TAKEN;
                        }
                    }
                    case LB -> r[i.rd()] = (byte) mem.load8(addr = r[i.rs1()] + i.imm());
                    case LH -> r[i.rd()] = (short) mem.load16(addr = r[i.rs1()] + i.imm());
                    case LW -> r[i.rd()] = mem.load32(addr = r[i.rs1()] + i.imm());
                    case LD -> r[i.rd()] = mem.load64(addr = r[i.rs1()] + i.imm());
                    case LBU -> r[i.rd()] = mem.load8(addr = r[i.rs1()] + i.imm());
                    case LHU -> r[i.rd()] = mem.load16(addr = r[i.rs1()] + i.imm());
                    case LWU -> r[i.rd()] = mem.load32(addr = r[i.rs1()] + i.imm()) & 0xffffffffL;
                    case SB -> mem.store8(addr = r[i.rs1()] + i.imm(), (int) r[i.rs2()]);
                    case SH -> mem.store16(addr = r[i.rs1()] + i.imm(), (int) r[i.rs2()]);
                    case SW -> mem.store32(addr = r[i.rs1()] + i.imm(), (int) r[i.rs2()]);
                    case SD -> mem.store64(addr = r[i.rs1()] + i.imm(), r[i.rs2()]);
                    case ADDI -> r[i.rd()] = r[i.rs1()] + i.imm();
                    case SLTI -> r[i.rd()] = r[i.rs1()] < i.imm() ? 1 : 0;
                    case SLTIU -> r[i.rd()] = Long.compareUnsigned(r[i.rs1()], i.imm()) < 0 ? 1 : 0;
                    case XORI -> r[i.rd()] = r[i.rs1()] ^ i.imm();
                    case ORI -> r[i.rd()] = r[i.rs1()] | i.imm();
                    case ANDI -> r[i.rd()] = r[i.rs1()] & i.imm();
                    case SLLI -> r[i.rd()] = r[i.rs1()] << i.imm();
                    case SRLI -> r[i.rd()] = r[i.rs1()] >>> i.imm();
                    case SRAI -> r[i.rd()] = r[i.rs1()] >> i.imm();
                    case ADD -> r[i.rd()] = r[i.rs1()] + r[i.rs2()];
                    case SUB -> r[i.rd()] = r[i.rs1()] - r[i.rs2()];
                    case SLL -> r[i.rd()] = r[i.rs1()] << r[i.rs2()]; // Java masks the count to 6 bits, as RV64 does
                    case SLT -> r[i.rd()] = r[i.rs1()] < r[i.rs2()] ? 1 : 0;
                    case SLTU -> r[i.rd()] = Long.compareUnsigned(r[i.rs1()], r[i.rs2()]) < 0 ? 1 : 0;
                    case XOR -> r[i.rd()] = r[i.rs1()] ^ r[i.rs2()];
                    case SRL -> r[i.rd()] = r[i.rs1()] >>> r[i.rs2()];
                    case SRA -> r[i.rd()] = r[i.rs1()] >> r[i.rs2()];
                    case OR -> r[i.rd()] = r[i.rs1()] | r[i.rs2()];
                    case AND -> r[i.rd()] = r[i.rs1()] & r[i.rs2()];
                    case ADDIW -> r[i.rd()] = (int) (r[i.rs1()] + i.imm());
                    case SLLIW -> r[i.rd()] = (int) r[i.rs1()] << i.imm();
                    case SRLIW -> r[i.rd()] = (int) r[i.rs1()] >>> i.imm();
                    case SRAIW -> r[i.rd()] = (int) r[i.rs1()] >> i.imm();
                    case ADDW -> r[i.rd()] = (int) r[i.rs1()] + (int) r[i.rs2()];
                    case SUBW -> r[i.rd()] = (int) r[i.rs1()] - (int) r[i.rs2()];
                    case SLLW -> r[i.rd()] = (int) r[i.rs1()] << (int) r[i.rs2()]; // int shifts mask to 5 bits
                    case SRLW -> r[i.rd()] = (int) r[i.rs1()] >>> (int) r[i.rs2()];
                    case SRAW -> r[i.rd()] = (int) r[i.rs1()] >> (int) r[i.rs2()];
                    case MUL -> r[i.rd()] = r[i.rs1()] * r[i.rs2()];
                    case MULH -> r[i.rd()] = Math.multiplyHigh(r[i.rs1()], r[i.rs2()]);
                    case MULHSU -> r[i.rd()] = mulhsu(r[i.rs1()], r[i.rs2()]);
                    case MULHU -> r[i.rd()] = mulhu(r[i.rs1()], r[i.rs2()]);
                    case DIV -> r[i.rd()] = div(r[i.rs1()], r[i.rs2()]);
                    case DIVU -> r[i.rd()] = divu(r[i.rs1()], r[i.rs2()]);
                    case REM -> r[i.rd()] = rem(r[i.rs1()], r[i.rs2()]);
                    case REMU -> r[i.rd()] = remu(r[i.rs1()], r[i.rs2()]);
                    case MULW -> r[i.rd()] = (int) r[i.rs1()] * (int) r[i.rs2()];
                    case DIVW -> r[i.rd()] = (int) div((int) r[i.rs1()], (int) r[i.rs2()]);
                    case DIVUW -> r[i.rd()] = (int) divu(r[i.rs1()] & 0xffffffffL, r[i.rs2()] & 0xffffffffL);
                    case REMW -> r[i.rd()] = (int) rem((int) r[i.rs1()], (int) r[i.rs2()]);
                    case REMUW -> r[i.rd()] = (int) remu(r[i.rs1()] & 0xffffffffL, r[i.rs2()] & 0xffffffffL);
                    case FENCE -> {
                        // sequentially consistent machine: nothing to order
                    }
                    case FENCE_I -> {
                        flushFetchCache();
                        blocks = NO_BLOCKS; // the flush dropped the page these blocks belong to
                        blocksBase = 0;
                    }
                    case ECALL -> {
                        this.pc = pc;
                        return new Trap.EnvironmentCall(pc, 0);
                    }
                    case EBREAK -> {
                        this.pc = pc;
                        return new Trap.Breakpoint(pc, 0);
                    }
                    case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> {
                        Trap t = csr(i, pc);
                        if (t != null) {
                            this.pc = pc;
                            return t;
                        }
                    }
                    case LR_W, SC_W, AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W,
                            AMOMINU_W, AMOMAXU_W, LR_D, SC_D, AMOSWAP_D, AMOADD_D, AMOXOR_D, AMOAND_D, AMOOR_D,
                            AMOMIN_D, AMOMAX_D, AMOMINU_D, AMOMAXU_D -> {
                        addr = r[i.rs1()];
                        Trap t = atomic(i, pc, addr);
                        if (t != null) {
                            this.pc = pc;
                            return t;
                        }
                    }
                    case SH1ADD, SH2ADD, SH3ADD, SH1ADD_UW, SH2ADD_UW, SH3ADD_UW, ADD_UW, ANDN, ORN, XNOR, MAX, MIN,
                            MAXU, MINU, ROL, ROR, ROLW, RORW, BCLR, BSET, BINV, BEXT ->
                            r[i.rd()] = bitmanip(i.execId(), r[i.rs1()], r[i.rs2()]);
                    case SLLI_UW, CLZ, CTZ, CPOP, CLZW, CTZW, CPOPW, SEXT_B, SEXT_H, ZEXT_H, RORI, RORIW, ORC_B, REV8,
                            BCLRI, BSETI, BINVI, BEXTI -> r[i.rd()] = bitmanip(i.execId(), r[i.rs1()], i.imm());
                    default -> {
                        if (!i.op().isFp()) {
                            throw new IllegalStateException("no executor for " + i.op()); // a decoder/executor mismatch
                        }
                        addr = RvFpu.execute(this, r, i, pc, mem);
                    }
                }
                r[0] = 0; // one store is cheaper than testing rd != 0 on every register write
                cnt[cls]++;
                if (l != null) {
                    this.pc = next;
                    l.retired(this, pc, i, addr, next != pc + i.length());
                }
                pc = next; // a block's last instruction may jump; the others fall through
                if (cls == TAKEN && k < count - 1) { // a side exit: the rest of the block did not run
                    n -= count - 1 - k;
                    break;
                }
                }
            }
        } catch (MemoryFault | DecodeException e) {
            this.pc = pc;
            return trapFor(e, pc);
        }
        this.pc = pc;
        return null;
    }

    /** High 64 bits of signed × unsigned. */
    static long mulhsu(long a, long b) {
        return Math.multiplyHigh(a, b) + ((b >> 63) & a);
    }

    /** High 64 bits of unsigned × unsigned. */
    static long mulhu(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    // Division never traps on RISC-V: x/0 = -1, x%0 = x; MIN/-1 = MIN and MIN%-1 = 0 (as in Java).
    static long div(long a, long b) {
        return b == 0 ? -1 : a / b;
    }

    static long divu(long a, long b) {
        return b == 0 ? -1 : Long.divideUnsigned(a, b);
    }

    static long rem(long a, long b) {
        return b == 0 ? a : a % b;
    }

    static long remu(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    /**
     * Zba, Zbb and Zbs on x values {@code a} and {@code b} (rs2's value, or the immediate): the
     * interpreter's and the compiled blocks' one implementation.
     */
    static long bitmanip(int op, long a, long b) {
        return switch (op) {
            case SH1ADD -> (a << 1) + b;
            case SH2ADD -> (a << 2) + b;
            case SH3ADD -> (a << 3) + b;
            case SH1ADD_UW -> ((a & 0xffffffffL) << 1) + b;
            case SH2ADD_UW -> ((a & 0xffffffffL) << 2) + b;
            case SH3ADD_UW -> ((a & 0xffffffffL) << 3) + b;
            case ADD_UW -> (a & 0xffffffffL) + b;
            case SLLI_UW -> (a & 0xffffffffL) << b;
            case ANDN -> a & ~b;
            case ORN -> a | ~b;
            case XNOR -> ~(a ^ b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case MAXU -> Long.compareUnsigned(a, b) >= 0 ? a : b;
            case MINU -> Long.compareUnsigned(a, b) <= 0 ? a : b;
            case ROL -> Long.rotateLeft(a, (int) b); // Java masks the count to 6 bits, as RV64 does
            case ROR, RORI -> Long.rotateRight(a, (int) b);
            case ROLW -> Integer.rotateLeft((int) a, (int) b);
            case RORW, RORIW -> Integer.rotateRight((int) a, (int) b);
            case CLZ -> Long.numberOfLeadingZeros(a);
            case CTZ -> Long.numberOfTrailingZeros(a);
            case CPOP -> Long.bitCount(a);
            case CLZW -> Integer.numberOfLeadingZeros((int) a);
            case CTZW -> Integer.numberOfTrailingZeros((int) a);
            case CPOPW -> Integer.bitCount((int) a);
            case SEXT_B -> (byte) a;
            case SEXT_H -> (short) a;
            case ZEXT_H -> a & 0xffff;
            case ORC_B -> {
                long r = 0;
                for (int k = 0; k < 64; k += 8) {
                    if ((a >>> k & 0xff) != 0) {
                        r |= 0xffL << k;
                    }
                }
                yield r;
            }
            case REV8 -> Long.reverseBytes(a);
            case BCLR, BCLRI -> a & ~(1L << b);
            case BSET, BSETI -> a | 1L << b;
            case BINV, BINVI -> a ^ 1L << b;
            case BEXT, BEXTI -> a >>> b & 1;
            default -> throw new IllegalStateException("not a Zba/Zbb/Zbs op: " + op);
        };
    }

    /**
     * Whether the hart runs kernel code: then the supervisor CSRs of {@link RvSupervisorCsrs}
     * execute. A new hart is in user mode, where they are illegal instructions (as under
     * qemu-user).
     */
    public void setSupervisor(boolean supervisor) {
        this.supervisor = supervisor;
    }

    public boolean isSupervisor() {
        return supervisor;
    }

    /**
     * Sets a supervisor CSR as the toolkit prepares the hart (e.g. {@code sscratch},
     * {@code sstatus}, {@code satp}); only its writable bits are kept, see {@link RvSupervisorCsrs}.
     *
     * <pre>{@code
     * hart.setCsr(RvSupervisorCsrs.SATP, 8L << 60 | rootPpn);
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code csr} is not an emulated supervisor CSR
     */
    public void setCsr(int csr, long value) {
        scsrs.write(csr, value, true);
    }

    /** The value of supervisor CSR {@code csr}, as {@code csrr} in supervisor mode would read it. */
    public long csr(int csr) {
        if (!RvSupervisorCsrs.isEmulated(csr)) {
            throw new IllegalArgumentException("CSR " + RvCsrNames.name(csr) + " is not an emulated supervisor CSR");
        }
        return scsrs.read(csr);
    }

    /** Zicsr: the user counters (read-only), the FP CSRs, and the supervisor CSRs in supervisor mode; null when it retired. */
    private Trap csr(RvInsn i, long pc) {
        int csr = (int) i.imm();
        boolean immediate = i.exec() == RvOp.CSRRWI || i.exec() == RvOp.CSRRSI || i.exec() == RvOp.CSRRCI;
        boolean writes = i.exec() == RvOp.CSRRW || i.exec() == RvOp.CSRRWI
                || (immediate ? i.rs2() != 0 : i.rs1() != 0);
        if (csr >= CSR_FFLAGS && csr <= CSR_FCSR) {
            long old = csr == CSR_FFLAGS ? fpu.fflags : csr == CSR_FRM ? fpu.frm : fcsr();
            long src = immediate ? i.rs2() : x[i.rs1()];
            long v = switch (i.exec()) {
                case CSRRW, CSRRWI -> src;
                case CSRRS, CSRRSI -> old | src;
                default -> old & ~src;
            };
            if (writes) {
                if (csr == CSR_FFLAGS) {
                    fpu.fflags = (int) v & 0x1f;
                } else if (csr == CSR_FRM) {
                    fpu.frm = (int) v & 7;
                } else {
                    fpu.fflags = (int) v & 0x1f;
                    fpu.frm = (int) v >>> 5 & 7;
                }
            }
            setReg(i.rd(), old);
            return null;
        }
        if (supervisor && RvSupervisorCsrs.isEmulated(csr)) {
            long old = scsrs.read(csr);
            long operand = immediate ? i.rs2() : reg(i.rs1());
            if (writes) {
                scsrs.write(csr, switch (i.exec()) {
                    case CSRRW, CSRRWI -> operand;
                    case CSRRS, CSRRSI -> old | operand;
                    default -> old & ~operand;
                }, false);
            }
            setReg(i.rd(), old);
            return null;
        }
        if (csr < CSR_CYCLE || csr > CSR_INSTRET) {
            return new Trap.IllegalInstruction(pc, i.word(), String.format(Locale.ROOT, "CSR %s (0x%03x) is not %s",
                    RvCsrNames.name(csr), csr, RvSupervisorCsrs.isEmulated(csr) ? "accessible in user mode"
                            : "emulated"));
        }
        if (writes) {
            return new Trap.IllegalInstruction(pc, i.word(), String.format(Locale.ROOT, "CSR 0x%03x is read-only", csr));
        }
        setReg(i.rd(), readCounter(csr == CSR_CYCLE ? CounterSource.Kind.CYCLE
                : csr == CSR_INSTRET ? CounterSource.Kind.INSTRET : CounterSource.Kind.TIME));
        return null;
    }

    /** LR, SC and AMOs on {@code addr}; null when it retired, else the trap. */
    private Trap atomic(RvInsn i, long pc, long addr) {
        RvOp op = i.exec();
        boolean word = op.compareTo(RvOp.LR_D) < 0;
        int size = word ? 4 : 8;
        boolean lr = op == RvOp.LR_W || op == RvOp.LR_D;
        if ((addr & (size - 1)) != 0) {
            return new Trap.Misaligned(pc, addr, lr ? Access.READ : Access.WRITE);
        }
        long src = x[i.rs2()];
        if (lr) {
            long v = word ? memory.load32(addr) : memory.load64(addr);
            reservation = addr;
            reservedValue = v;
            setReg(i.rd(), v);
            return null;
        }
        if (op == RvOp.SC_W || op == RvOp.SC_D) {
            boolean ok = reservation == addr
                    && (word ? memory.load32(addr) : memory.load64(addr)) == reservedValue;
            if (ok) {
                if (word) {
                    memory.store32(addr, (int) src);
                } else {
                    memory.store64(addr, src);
                }
            }
            reservation = -1;
            setReg(i.rd(), ok ? 0 : 1);
            return null;
        }
        if (word) {
            int old = memory.load32(addr);
            memory.store32(addr, (int) amo(op, old, (int) src));
            setReg(i.rd(), old);
        } else {
            long old = memory.load64(addr);
            memory.store64(addr, amo(op, old, src));
            setReg(i.rd(), old);
        }
        return null;
    }

    /** The value an AMO stores; for .w ops the operands are sign-extended words. */
    private static long amo(RvOp op, long old, long src) {
        boolean word = op.compareTo(RvOp.LR_D) < 0;
        long uOld = word ? old & 0xffffffffL : old;
        long uSrc = word ? src & 0xffffffffL : src;
        return switch (op) {
            case AMOSWAP_W, AMOSWAP_D -> src;
            case AMOADD_W, AMOADD_D -> old + src;
            case AMOXOR_W, AMOXOR_D -> old ^ src;
            case AMOAND_W, AMOAND_D -> old & src;
            case AMOOR_W, AMOOR_D -> old | src;
            case AMOMIN_W, AMOMIN_D -> Math.min(old, src);
            case AMOMAX_W, AMOMAX_D -> Math.max(old, src);
            case AMOMINU_W, AMOMINU_D -> Long.compareUnsigned(uOld, uSrc) <= 0 ? old : src;
            case AMOMAXU_W, AMOMAXU_D -> Long.compareUnsigned(uOld, uSrc) >= 0 ? old : src;
            default -> throw new IllegalStateException("not an AMO: " + op);
        };
    }
}
