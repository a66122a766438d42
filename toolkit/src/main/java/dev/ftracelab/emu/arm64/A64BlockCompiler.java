package dev.ftracelab.emu.arm64;

import static org.objectweb.asm.Opcodes.*;

import dev.ftracelab.emu.Bytecode;
import dev.ftracelab.emu.CompiledBlock;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.emu.Hart;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles a hot AArch64 block to a hidden class whose {@code run} is the block as straight-line
 * bytecode: register numbers, immediates and PCs are constants, so the JIT turns a guest loop
 * into a tight Java loop. Anything with non-trivial semantics (flags, shifts, bitfields, extends,
 * conditions, variable shifts, long multiplies, sized loads and stores, pairs, division) calls
 * the same {@link A64Hart} helper the interpreter uses, with the instruction itself as a
 * {@code static final} constant of the hidden class (its class data), so the JIT folds the
 * helper's decisions on the instruction's fields away. A condition after a CMP or TST in the same
 * block is a compare of its operands instead of a lookup of the flags it still stores.
 *
 * <p>Blocks go on past conditional branches ({@link A64Hart#blocksGoOnPastBranches()}): a taken
 * one returns its target at once, a side exit. The code also counts the retired instructions,
 * with constant counter indices and amounts at each exit (each conditional branch counted as
 * taken or not taken by the exit it leaves through or passes): cheaper than the hart's per-block
 * counting loop, which matters for blocks of a few instructions. A block is compiled up to its
 * first op not handled here, where the compiled code returns to the interpreter; a block that
 * starts with one is {@link CompiledBlock#NOT_COMPILABLE}.
 *
 * <p>The guest registers a block uses live in JVM locals while it runs (loaded at entry, stored
 * back at each exit, around calls into the SIMD&FP semantics, and by an exception handler when
 * an instruction faults), and an exit that jumps back to the block's first instruction goes round
 * again inside the method while {@link Hart#blockBudget} covers another pass: a hot inner loop
 * never leaves its compiled code. Two passes generate the code: the first, into a visitor that
 * drops it, finds the registers used and written and whether the block loops.
 *
 * <p>Two things a hot loop would otherwise do on every pass are deferred. A CMP/CMN (SUBS/ADDS)
 * keeps its operands in locals and computes NZCV only when something needs them: an exit, a
 * fault, or an instruction that reads the flags without comparing the operands directly (as
 * QEMU keeps its condition-code operands). And a pass round the loop only counts itself: the
 * counters of all passes are added once, when the method leaves.
 */
final class A64BlockCompiler {
    private static final long W = 0xffff_ffffL;
    private static final String HART = Type.getInternalName(A64Hart.class);
    private static final String INSN_DESC = Type.getDescriptor(A64Insn.class);
    private static final String MEMORY_DESC = Type.getDescriptor(Memory.class);
    private static final String NAME = A64BlockCompiler.class.getPackageName().replace('.', '/') + "/A64Compiled";
    /**
     * Locals of the generated {@code run}: the parameters, the hart as A64Hart, two long
     * temporaries, the counters, and the operands of the block's last CMP or TST.
     */
    private static final int R = 1, MEM = 2, GENERIC_HART = 3, HART_LOCAL = 4, T0 = 5, T1 = 7, COUNTERS = 9,
            FLAG_A = 10, FLAG_B = 12, PROGRESS = 14, TOTAL = 15, BUDGET = 17;
    /** Guest register n lives in local {@code REGS + 2n} (a long) while the block runs. */
    private static final int REGS = 18;
    /**
     * After the registers: the deferred flag setter (0: none, else {@link A64Hart#deferredFlags}'s
     * kind), then one count of passes per exit that loops back ({@link Emitter#loopSites}).
     */
    private static final int PENDING = REGS + 2 * (A64Insn.SP + 1), PASSES = PENDING + 1;
    /** What set the flags a condition reads, as far as the emitter knows: a SUBS or an ANDS/BICS. */
    private static final int FLAGS_UNKNOWN = 0, FLAGS_COMPARED = 1, FLAGS_TESTED = 2;
    private static final int NOT_TAKEN = Counter.BRANCH_NOT_TAKEN.ordinal();
    private static final int TAKEN = Counter.BRANCH_TAKEN.ordinal();

    private A64BlockCompiler() {
    }

    /**
     * The compiled form of a block (its instructions and their addresses), or
     * {@link CompiledBlock#NOT_COMPILABLE}.
     */
    static CompiledBlock compile(Instruction[] block, long[] pcs) {
        int n = 0;
        while (n < block.length && supported((A64Insn) block[n], n == block.length - 1)) {
            n++;
        }
        if (n == 0) {
            return CompiledBlock.NOT_COMPILABLE;
        }
        A64Insn[] insns = new A64Insn[n];
        for (int k = 0; k < n; k++) {
            insns[k] = (A64Insn) block[k];
        }
        byte[] bytes = new Emitter(insns, pcs).classBytes();
        try {
            MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, insns, true);
            return (CompiledBlock) l.findConstructor(l.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("compiling the block at 0x" + Long.toHexString(pcs[0]) + " failed", e);
        }
    }

    /** Whether the compiler handles {@code i}; indirect branches only as the last instruction. */
    static boolean supported(A64Insn i, boolean last) {
        return switch (i.op()) {
            case A64Op.ADD_IMM, A64Op.ADDS_IMM, A64Op.SUB_IMM, A64Op.SUBS_IMM, A64Op.AND_IMM, A64Op.ORR_IMM,
                    A64Op.EOR_IMM, A64Op.ANDS_IMM, A64Op.MOVN, A64Op.MOVZ, A64Op.MOVK, A64Op.SBFM, A64Op.BFM,
                    A64Op.UBFM, A64Op.ADR, A64Op.ADRP, A64Op.ADD_SHIFT, A64Op.ADDS_SHIFT, A64Op.SUB_SHIFT,
                    A64Op.SUBS_SHIFT, A64Op.ADD_EXT, A64Op.ADDS_EXT, A64Op.SUB_EXT, A64Op.SUBS_EXT, A64Op.AND,
                    A64Op.BIC, A64Op.ORR, A64Op.ORN, A64Op.EOR, A64Op.EON, A64Op.ANDS, A64Op.BICS, A64Op.CSEL,
                    A64Op.CSINC, A64Op.CSINV, A64Op.CSNEG, A64Op.UDIV, A64Op.SDIV, A64Op.LSLV, A64Op.LSRV,
                    A64Op.ASRV, A64Op.RORV, A64Op.MADD, A64Op.MSUB, A64Op.SMADDL, A64Op.SMSUBL, A64Op.UMADDL,
                    A64Op.UMSUBL, A64Op.SMULH, A64Op.UMULH, A64Op.LDR_IMM, A64Op.LDR_PRE, A64Op.LDR_POST,
                    A64Op.LDR_REG, A64Op.LDR_LIT, A64Op.STR_IMM, A64Op.STR_PRE, A64Op.STR_POST, A64Op.STR_REG,
                    A64Op.LDP, A64Op.STP, A64Op.PRFM, A64Op.HINT, A64Op.DMB, A64Op.DSB -> true;
            case A64Op.DC -> i.a() != A64Hart.DC_ZVA; // DC ZVA stores: left to the interpreter
            // rotates (ror is EXTR), carries, conditional compares and bit reversals: C's hash and bignum loops
            case A64Op.EXTR, A64Op.ADC, A64Op.ADCS, A64Op.SBC, A64Op.SBCS, A64Op.CCMN_REG, A64Op.CCMP_REG,
                    A64Op.CCMN_IMM, A64Op.CCMP_IMM, A64Op.RBIT, A64Op.REV16, A64Op.REV32, A64Op.REV, A64Op.CLZ,
                    A64Op.CLS -> true;
            // direct: the block may go on at the target, or past a conditional branch not taken
            case A64Op.B, A64Op.BL, A64Op.B_COND, A64Op.CBZ, A64Op.CBNZ, A64Op.TBZ, A64Op.TBNZ -> true;
            case A64Op.BR, A64Op.BLR, A64Op.RET -> last;
            // SIMD&FP: a call of the interpreter's own semantics, with the instruction a constant
            default -> A64Op.isSimd(i.op()) || A64Op.isFp(i.op());
        };
    }

    /** Generates the class for one block. */
    private static final class Emitter {
        private final A64Insn[] insns;
        private final long[] pcs;
        /** Which instructions the code refers to as constants (they get a static field). */
        private final boolean[] referenced;
        private MethodVisitor mv;
        private int k;
        /** The last flag setter so far in the block (its operands are in FLAG_A, FLAG_B), and its width. */
        private int flags = FLAGS_UNKNOWN;
        private boolean flagsSf;
        /** Registers the block reads or writes (they get a local), and the ones it writes; from the first pass. */
        private final boolean[] used = new boolean[A64Insn.SP + 1];
        private final boolean[] written = new boolean[A64Insn.SP + 1];
        /** Registers written so far in the pass, in program order. */
        private final boolean[] dirty = new boolean[A64Insn.SP + 1];
        /** Whether an exit jumps back to the block's first instruction: then it loops in place. */
        private boolean loops;
        /** The register the value being computed goes to ({@link #setReg}, {@link #store}). */
        private int dest = -1;
        /**
         * The exits that jump back to the block's start, by instruction index and way, and the counts of
         * one pass through each (from the first pass; each has a pass-count local).
         */
        private final java.util.Map<Integer, int[]> loopSites = new java.util.LinkedHashMap<>();

        Emitter(A64Insn[] insns, long[] pcs) {
            this.insns = insns;
            this.pcs = pcs;
            this.referenced = new boolean[insns.length];
        }

        byte[] classBytes() {
            // a first pass into a visitor that drops the code finds which registers the block
            // uses and writes, and whether it jumps back to its start
            mv = new MethodVisitor(ASM9) {
            };
            body();
            java.util.Arrays.fill(dirty, false);
            flags = FLAGS_UNKNOWN;

            ClassWriter cw = Bytecode.compiledBlockClass(NAME);
            mv = cw.visitMethod(ACC_PUBLIC, "run",
                    "([J" + MEMORY_DESC + Type.getDescriptor(Hart.class) + ")J", null, null);
            mv.visitCode();
            mv.visitVarInsn(ALOAD, GENERIC_HART);
            mv.visitTypeInsn(CHECKCAST, HART);
            mv.visitVarInsn(ASTORE, HART_LOCAL);
            mv.visitVarInsn(ALOAD, HART_LOCAL);
            mv.visitMethodInsn(INVOKEVIRTUAL, HART, "counterArray", "()[J", false);
            mv.visitVarInsn(ASTORE, COUNTERS);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, PROGRESS);
            if (loops) {
                mv.visitInsn(LCONST_0);
                mv.visitVarInsn(LSTORE, TOTAL);
                mv.visitVarInsn(ALOAD, GENERIC_HART);
                mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Hart.class), "blockBudget", "()I", false);
                mv.visitVarInsn(ISTORE, BUDGET);
                for (int j = 0; j < loopSites.size(); j++) {
                    mv.visitInsn(ICONST_0);
                    mv.visitVarInsn(ISTORE, PASSES + j);
                }
            }
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, PENDING);
            mv.visitInsn(LCONST_0); // for the verifier: settleFlags reads them only when PENDING is set
            mv.visitVarInsn(LSTORE, FLAG_A);
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, FLAG_B);
            reloadRegisters();
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
            mv.visitLabel(start);
            top = new Label();
            mv.visitLabel(top);
            body();
            mv.visitLabel(end);
            // a fault: the registers as they are, and the run loop counts the instructions before it
            mv.visitLabel(handler);
            writeBack(written);
            settleFlags();
            addPasses();
            mv.visitVarInsn(ALOAD, GENERIC_HART);
            mv.visitVarInsn(ILOAD, PROGRESS);
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Hart.class), "markProgress", "(I)V", false);
            mv.visitInsn(ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();

            for (int j = 0; j < insns.length; j++) {
                if (referenced[j]) {
                    cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "i" + j, INSN_DESC, null, null).visitEnd();
                }
            }
            mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
            mv.visitCode();
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                    "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
            mv.visitLdcInsn("_");
            mv.visitLdcInsn(Type.getType(A64Insn[].class));
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                    "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;",
                    false);
            mv.visitTypeInsn(CHECKCAST, Type.getInternalName(A64Insn[].class));
            mv.visitVarInsn(ASTORE, 0);
            for (int j = 0; j < insns.length; j++) {
                if (referenced[j]) {
                    mv.visitVarInsn(ALOAD, 0);
                    pushInt(j);
                    mv.visitInsn(AALOAD);
                    mv.visitFieldInsn(PUTSTATIC, NAME, "i" + j, INSN_DESC);
                }
            }
            mv.visitInsn(RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            return cw.toByteArray();
        }

        /** The loop header, after the registers were loaded into locals. */
        private Label top;

        private void body() {
            for (k = 0; k < insns.length; k++) {
                instruction(insns[k]);
            }
        }

        /** Loads every register the block uses into its local. */
        private void reloadRegisters() {
            for (int idx = 0; idx < used.length; idx++) {
                if (used[idx]) {
                    mv.visitVarInsn(ALOAD, R);
                    pushInt(idx);
                    mv.visitInsn(LALOAD);
                    mv.visitVarInsn(LSTORE, REGS + 2 * idx);
                }
            }
        }

        /** Stores the locals of the registers in {@code which} to the register array. */
        private void writeBack(boolean[] which) {
            for (int idx = 0; idx < which.length; idx++) {
                if (which[idx]) {
                    mv.visitVarInsn(ALOAD, R);
                    pushInt(idx);
                    mv.visitVarInsn(LLOAD, REGS + 2 * idx);
                    mv.visitInsn(LASTORE);
                }
            }
        }

        /**
         * The registers an exit must store: the ones written so far; in a block that loops, every
         * register it writes (an earlier pass may have written those after this point).
         */
        private boolean[] toWriteBack() {
            return loops ? written : dirty;
        }

        /** Emits instruction {@code k}; the last one also returns the next PC. */
        private void instruction(A64Insn i) {
            long pc = pcs[k];
            long m = i.sf() ? -1L : W;
            switch (i.op()) {
                case A64Op.ADD_IMM, A64Op.SUB_IMM -> {
                    setReg(i.rd());
                    reg(i.rn());
                    pushLong(i.imm());
                    mv.visitInsn(i.op() == A64Op.ADD_IMM ? LADD : LSUB);
                    andMask(m);
                    store();
                }
                case A64Op.ADDS_IMM, A64Op.SUBS_IMM -> addWithFlags(i, i.op() == A64Op.SUBS_IMM, () -> pushLong(i.imm()));
                case A64Op.AND_IMM, A64Op.ORR_IMM, A64Op.EOR_IMM -> {
                    setReg(i.rd());
                    reg(i.rn());
                    pushLong(i.imm());
                    mv.visitInsn(i.op() == A64Op.AND_IMM ? LAND : i.op() == A64Op.ORR_IMM ? LOR : LXOR);
                    andMask(i.op() == A64Op.AND_IMM ? -1L : m); // a logical immediate already has the width
                    store();
                }
                case A64Op.ANDS_IMM -> {
                    setReg(i.rd());
                    hart();
                    insn();
                    reg(i.rn());
                    pushLong(i.imm());
                    mv.visitInsn(LAND);
                    testWithFlags(i);
                }
                case A64Op.MOVZ, A64Op.MOVN -> {
                    setReg(i.rd());
                    pushLong(i.op() == A64Op.MOVZ ? i.imm() : ~i.imm() & m);
                    store();
                }
                case A64Op.MOVK -> {
                    setReg(i.rd());
                    reg(i.rn());
                    pushLong(~(0xffffL << (i.a() * 16)));
                    mv.visitInsn(LAND);
                    pushLong(i.imm());
                    mv.visitInsn(LOR);
                    andMask(m);
                    store();
                }
                case A64Op.SBFM, A64Op.UBFM, A64Op.BFM -> {
                    setReg(i.rd());
                    insn();
                    reg(i.rn());
                    reg(i.rm());
                    callStatic("bitfield", "(" + INSN_DESC + "JJ)J");
                    store();
                }
                case A64Op.ADR, A64Op.ADRP -> {
                    setReg(i.rd());
                    pushLong(i.op() == A64Op.ADR ? pc + i.imm() : (pc & ~0xfffL) + i.imm());
                    store();
                }
                case A64Op.ADD_SHIFT, A64Op.SUB_SHIFT -> {
                    setReg(i.rd());
                    reg(i.rn());
                    shiftedOperand(i);
                    mv.visitInsn(i.op() == A64Op.ADD_SHIFT ? LADD : LSUB);
                    andMask(m);
                    store();
                }
                case A64Op.ADDS_SHIFT, A64Op.SUBS_SHIFT -> addWithFlags(i, i.op() == A64Op.SUBS_SHIFT,
                        () -> shiftedOperand(i));
                case A64Op.ADD_EXT, A64Op.SUB_EXT -> {
                    setReg(i.rd());
                    reg(i.rn());
                    extendedOperand(i);
                    mv.visitInsn(i.op() == A64Op.ADD_EXT ? LADD : LSUB);
                    andMask(m);
                    store();
                }
                case A64Op.ADDS_EXT, A64Op.SUBS_EXT -> addWithFlags(i, i.op() == A64Op.SUBS_EXT,
                        () -> extendedOperand(i));
                case A64Op.AND, A64Op.BIC, A64Op.ORR, A64Op.ORN, A64Op.EOR, A64Op.EON -> {
                    setReg(i.rd());
                    reg(i.rn());
                    shiftedOperand(i);
                    int op = i.op();
                    if (op == A64Op.BIC || op == A64Op.ORN || op == A64Op.EON) {
                        not();
                    }
                    mv.visitInsn(op == A64Op.AND || op == A64Op.BIC ? LAND : op == A64Op.ORR || op == A64Op.ORN ? LOR
                            : LXOR);
                    andMask(m);
                    store();
                }
                case A64Op.ANDS, A64Op.BICS -> {
                    setReg(i.rd());
                    hart();
                    insn();
                    reg(i.rn());
                    shiftedOperand(i);
                    if (i.op() == A64Op.BICS) {
                        not();
                    }
                    mv.visitInsn(LAND);
                    testWithFlags(i);
                }
                case A64Op.CSEL, A64Op.CSINC, A64Op.CSINV, A64Op.CSNEG -> {
                    setReg(i.rd());
                    Label otherwise = new Label();
                    Label done = new Label();
                    mv.visitJumpInsn(inverse(condition(i.a())), otherwise);
                    reg(i.rn());
                    mv.visitJumpInsn(GOTO, done);
                    mv.visitLabel(otherwise);
                    reg(i.rm());
                    switch (i.op()) {
                        case A64Op.CSINC -> {
                            mv.visitInsn(LCONST_1);
                            mv.visitInsn(LADD);
                        }
                        case A64Op.CSINV -> not();
                        case A64Op.CSNEG -> mv.visitInsn(LNEG);
                        default -> {
                        }
                    }
                    mv.visitLabel(done);
                    andMask(m);
                    store();
                }
                case A64Op.MADD, A64Op.MSUB -> {
                    setReg(i.rd());
                    reg(i.ra());
                    reg(i.rn());
                    reg(i.rm());
                    mv.visitInsn(LMUL);
                    mv.visitInsn(i.op() == A64Op.MADD ? LADD : LSUB);
                    andMask(m);
                    store();
                }
                case A64Op.EXTR -> {
                    setReg(i.rd());
                    int lsb = i.b();
                    if (i.sf()) {
                        reg(i.rm());
                        if (lsb != 0) {
                            pushInt(lsb);
                            mv.visitInsn(LUSHR);
                            reg(i.rn());
                            pushInt(64 - lsb);
                            mv.visitInsn(LSHL);
                            mv.visitInsn(LOR);
                        }
                    } else { // (rn:rm)[lsb + 31 : lsb]
                        reg(i.rn());
                        pushInt(32);
                        mv.visitInsn(LSHL);
                        reg(i.rm());
                        andMask(W);
                        mv.visitInsn(LOR);
                        pushInt(lsb);
                        mv.visitInsn(LUSHR);
                        andMask(W);
                    }
                    store();
                }
                case A64Op.ADC, A64Op.SBC -> {
                    settleFlags(); // the carry
                    setReg(i.rd());
                    reg(i.rn());
                    reg(i.rm());
                    if (i.op() == A64Op.SBC) {
                        not();
                    }
                    mv.visitInsn(LADD);
                    hart();
                    callHart("carry", "()J");
                    mv.visitInsn(LADD);
                    andMask(m);
                    store();
                }
                case A64Op.ADCS, A64Op.SBCS -> {
                    settleFlags(); // the carry
                    setReg(i.rd());
                    hart();
                    insn();
                    reg(i.rn());
                    reg(i.rm());
                    if (i.op() == A64Op.SBCS) {
                        not();
                    }
                    hart();
                    callHart("carry", "()J");
                    callHart("adds", "(" + INSN_DESC + "JJJ)J");
                    store();
                    flagsSet();
                    flags = FLAGS_UNKNOWN;
                }
                case A64Op.CCMN_REG, A64Op.CCMP_REG, A64Op.CCMN_IMM, A64Op.CCMP_IMM -> {
                    settleFlags(); // kept as they are when the condition fails
                    hart();
                    insn();
                    reg(i.rn());
                    if (i.op() == A64Op.CCMN_IMM || i.op() == A64Op.CCMP_IMM) {
                        pushLong(i.imm());
                    } else {
                        reg(i.rm());
                    }
                    callHart("condCompare", "(" + INSN_DESC + "JJ)V");
                    flagsSet();
                    flags = FLAGS_UNKNOWN;
                }
                case A64Op.RBIT, A64Op.REV, A64Op.CLZ, A64Op.CLS -> {
                    setReg(i.rd());
                    reg(i.rn());
                    String box = i.sf() ? "java/lang/Long" : "java/lang/Integer";
                    if (!i.sf()) {
                        mv.visitInsn(L2I);
                    }
                    String t = i.sf() ? "J" : "I";
                    switch (i.op()) {
                        case A64Op.RBIT -> mv.visitMethodInsn(INVOKESTATIC, box, "reverse", "(" + t + ")" + t, false);
                        case A64Op.REV -> mv.visitMethodInsn(INVOKESTATIC, box, "reverseBytes", "(" + t + ")" + t, false);
                        case A64Op.CLZ -> mv.visitMethodInsn(INVOKESTATIC, box, "numberOfLeadingZeros", "(" + t + ")I", false);
                        default -> { // CLS: leading zeros of v ^ (v >> 1), less one
                            if (i.sf()) {
                                mv.visitInsn(DUP2);
                                mv.visitInsn(ICONST_1);
                                mv.visitInsn(LSHR);
                                mv.visitInsn(LXOR);
                            } else {
                                mv.visitInsn(DUP);
                                mv.visitInsn(ICONST_1);
                                mv.visitInsn(ISHR);
                                mv.visitInsn(IXOR);
                            }
                            mv.visitMethodInsn(INVOKESTATIC, box, "numberOfLeadingZeros", "(" + t + ")I", false);
                            mv.visitInsn(ICONST_M1);
                            mv.visitInsn(IADD);
                        }
                    }
                    if (!i.sf() || i.op() == A64Op.CLZ || i.op() == A64Op.CLS) {
                        mv.visitInsn(I2L);
                    }
                    if (!i.sf() && (i.op() == A64Op.RBIT || i.op() == A64Op.REV)) {
                        andMask(W);
                    }
                    store();
                }
                case A64Op.REV16 -> {
                    setReg(i.rd());
                    reg(i.rn());
                    mv.visitInsn(DUP2);
                    pushInt(8);
                    mv.visitInsn(LUSHR);
                    pushLong(0x00ff00ff00ff00ffL);
                    mv.visitInsn(LAND);
                    mv.visitInsn(DUP2_X2);
                    mv.visitInsn(POP2);
                    pushLong(0x00ff00ff00ff00ffL);
                    mv.visitInsn(LAND);
                    pushInt(8);
                    mv.visitInsn(LSHL);
                    mv.visitInsn(LOR);
                    andMask(m);
                    store();
                }
                case A64Op.REV32 -> {
                    setReg(i.rd());
                    reg(i.rn());
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
                    pushInt(32);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "rotateRight", "(JI)J", false);
                    store();
                }
                case A64Op.UDIV, A64Op.SDIV -> {
                    setReg(i.rd());
                    insn();
                    reg(i.rn());
                    reg(i.rm());
                    callStatic(i.op() == A64Op.UDIV ? "udiv" : "sdiv", "(" + INSN_DESC + "JJ)J");
                    store();
                }
                case A64Op.LSLV, A64Op.LSRV, A64Op.ASRV, A64Op.RORV -> {
                    setReg(i.rd());
                    insn();
                    reg(i.rn());
                    reg(i.rm());
                    callStatic("shiftVariable", "(" + INSN_DESC + "JJ)J");
                    store();
                }
                case A64Op.SMADDL, A64Op.SMSUBL, A64Op.UMADDL, A64Op.UMSUBL, A64Op.SMULH, A64Op.UMULH -> {
                    setReg(i.rd());
                    insn();
                    reg(i.ra());
                    reg(i.rn());
                    reg(i.rm());
                    callStatic("multiplyLong", "(" + INSN_DESC + "JJJ)J");
                    store();
                }
                case A64Op.LDR_IMM, A64Op.LDR_REG, A64Op.LDR_LIT -> {
                    markProgress();
                    setReg(i.rd());
                    mv.visitVarInsn(ALOAD, MEM);
                    pushInt(i.a());
                    address(i, pc);
                    callStatic("load", "(" + MEMORY_DESC + "IJ)J");
                    store();
                }
                case A64Op.STR_IMM, A64Op.STR_REG -> {
                    markProgress();
                    mv.visitVarInsn(ALOAD, MEM);
                    pushInt(i.a());
                    address(i, pc);
                    reg(i.rd());
                    callStatic("store", "(" + MEMORY_DESC + "IJJ)V");
                }
                case A64Op.LDR_PRE, A64Op.LDR_POST, A64Op.STR_PRE, A64Op.STR_POST -> indexed(i);
                case A64Op.LDP, A64Op.STP -> pair(i);
                case A64Op.PRFM, A64Op.HINT, A64Op.DMB, A64Op.DSB, A64Op.DC -> {
                    // no architectural effect, as in the interpreter
                }
                case A64Op.B -> {
                    if (k == insns.length - 1) {
                        returnConstant(pc + i.imm()); // else the block goes on at the target
                    }
                }
                case A64Op.BL -> {
                    setReg(30);
                    pushLong(pc + 4);
                    store();
                    if (k == insns.length - 1) {
                        returnConstant(pc + i.imm());
                    }
                }
                case A64Op.B_COND -> branchOn(condition(i.a()), pc + i.imm());
                case A64Op.CBZ, A64Op.CBNZ -> {
                    reg(i.rn());
                    andMask(m);
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                    branchOn(i.op() == A64Op.CBZ ? IFEQ : IFNE, pc + i.imm());
                }
                case A64Op.TBZ, A64Op.TBNZ -> {
                    reg(i.rn());
                    pushLong(1L << i.a());
                    mv.visitInsn(LAND);
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                    branchOn(i.op() == A64Op.TBZ ? IFEQ : IFNE, pc + i.imm());
                }
                case A64Op.BR, A64Op.RET -> {
                    reg(i.rn());
                    exit(insns.length, false);
                }
                case A64Op.BLR -> {
                    reg(i.rn()); // read before the link: blr x30 jumps to the old x30
                    mv.visitVarInsn(LSTORE, T0);
                    setReg(30);
                    pushLong(pc + 4);
                    store();
                    mv.visitVarInsn(LLOAD, T0);
                    exit(insns.length, false);
                }
                default -> {
                    if (!A64Op.isSimd(i.op()) && !A64Op.isFp(i.op())) {
                        throw new IllegalStateException("unsupported op " + i.mnemonic());
                    }
                    markProgress();
                    settleFlags(); // fcsel and fccmp read NZCV
                    // the semantics read and write the hart's register array: hand it over and back
                    writeBack(toWriteBack());
                    hart();
                    insn();
                    pushLong(pc);
                    mv.visitVarInsn(ALOAD, MEM);
                    String owner = Type.getInternalName(A64Op.isFp(i.op()) ? A64Fp.class : A64Simd.class);
                    mv.visitMethodInsn(INVOKESTATIC, owner, "execute",
                            "(L" + HART + ";" + INSN_DESC + "J" + MEMORY_DESC + ")J", false);
                    mv.visitInsn(POP2);
                    reloadRegisters();
                    // any X register may have changed (fmov, umov, fcvtzs, a post-indexed base)
                    for (int idx = 0; idx < used.length; idx++) {
                        markWritten(idx);
                    }
                    flagsSet(); // settled above, and fcmp and friends set NZCV
                    flags = FLAGS_UNKNOWN;
                }
            }
            if (k == insns.length - 1 && !isControlTransfer(i.op())) {
                returnConstant(pc + 4);
            }
        }

        private static boolean isControlTransfer(int op) {
            return op >= A64Op.B && op <= A64Op.RET;
        }

        /** LDP / LDPSW / STP, as {@link A64Hart#pair}: the base is written back after both accesses. */
        private void pair(A64Insn i) {
            int kind = i.a();
            int size = A64Op.size(kind);
            markProgress();
            reg(i.rn());
            mv.visitVarInsn(LSTORE, T0); // the base
            if (i.op() == A64Op.LDP) {
                mv.visitVarInsn(ALOAD, MEM);
                pushInt(kind);
                pairAddress(i, 0);
                callStatic("load", "(" + MEMORY_DESC + "IJ)J");
                mv.visitVarInsn(LSTORE, T1);
                mv.visitVarInsn(ALOAD, MEM);
                pushInt(kind);
                pairAddress(i, size);
                callStatic("load", "(" + MEMORY_DESC + "IJ)J"); // the second value stays on the stack
                if (i.b() != A64Op.PAIR_OFFSET) {
                    setReg(i.rn());
                    mv.visitVarInsn(LLOAD, T0);
                    pushLong(i.imm());
                    mv.visitInsn(LADD);
                    store();
                }
                setReg(i.rd());
                mv.visitVarInsn(LLOAD, T1);
                store();
                setReg(i.rm());
                store();
            } else {
                mv.visitVarInsn(ALOAD, MEM);
                pushInt(kind);
                pairAddress(i, 0);
                reg(i.rd());
                reg(i.rm());
                callStatic("storePair", "(" + MEMORY_DESC + "IJJJ)V");
                if (i.b() != A64Op.PAIR_OFFSET) {
                    setReg(i.rn());
                    mv.visitVarInsn(LLOAD, T0);
                    pushLong(i.imm());
                    mv.visitInsn(LADD);
                    store();
                }
            }
        }

        /** Pushes a pair's address plus {@code plus}: from the base in T0, offset unless post-indexed. */
        private void pairAddress(A64Insn i, int plus) {
            mv.visitVarInsn(LLOAD, T0);
            long off = (i.b() == A64Op.PAIR_POST ? 0 : i.imm()) + plus;
            if (off != 0) {
                pushLong(off);
                mv.visitInsn(LADD);
            }
        }

        /** Pre- and post-indexed loads and stores: the base is written back only once the access succeeded. */
        private void indexed(A64Insn i) {
            boolean pre = i.op() == A64Op.LDR_PRE || i.op() == A64Op.STR_PRE;
            boolean isLoad = i.op() == A64Op.LDR_PRE || i.op() == A64Op.LDR_POST;
            markProgress();
            reg(i.rn());
            mv.visitVarInsn(LSTORE, T0); // the base
            mv.visitVarInsn(ALOAD, MEM);
            pushInt(i.a());
            mv.visitVarInsn(LLOAD, T0);
            if (pre) {
                pushLong(i.imm());
                mv.visitInsn(LADD);
            }
            if (isLoad) {
                callStatic("load", "(" + MEMORY_DESC + "IJ)J");
                mv.visitVarInsn(LSTORE, T1);
            } else {
                reg(i.rd());
                callStatic("store", "(" + MEMORY_DESC + "IJJ)V");
            }
            setReg(i.rn());
            mv.visitVarInsn(LLOAD, T0);
            pushLong(i.imm());
            mv.visitInsn(LADD);
            store();
            if (isLoad) {
                setReg(i.rd());
                mv.visitVarInsn(LLOAD, T1);
                store();
            }
        }

        /** The effective address of an immediate-offset, register-offset or literal access. */
        private void address(A64Insn i, long pc) {
            if (i.op() == A64Op.LDR_LIT) {
                pushLong(pc + i.imm());
                return;
            }
            reg(i.rn());
            if (i.op() == A64Op.LDR_IMM || i.op() == A64Op.STR_IMM) {
                pushLong(i.imm());
            } else {
                reg(i.rm());
                pushInt(i.b());
                callStatic("extend", "(JI)J");
                pushInt((int) i.imm());
                mv.visitInsn(LSHL);
            }
            mv.visitInsn(LADD);
        }

        /** The shifted-register operand; an unshifted register is used as it is, as the helper does. */
        private void shiftedOperand(A64Insn i) {
            if (i.b() == 0) {
                reg(i.rm());
                return;
            }
            insn();
            reg(i.rm());
            callStatic("shifted", "(" + INSN_DESC + "J)J");
        }

        /** The extended-register operand: field a is the extend option, b the left shift. */
        private void extendedOperand(A64Insn i) {
            reg(i.rm());
            pushInt(i.a());
            callStatic("extend", "(JI)J");
            pushInt(i.b());
            mv.visitInsn(LSHL);
        }

        /**
         * Returns {@code target} (a side exit unless last) if the int condition on the stack
         * satisfies {@code opcode}; else goes on with the next instruction, or returns it if last.
         */
        private void branchOn(int opcode, long target) {
            Label notTaken = new Label();
            mv.visitJumpInsn(inverse(opcode), notTaken);
            exit(k + 1, false, target);
            mv.visitLabel(notTaken);
            if (k == insns.length - 1) {
                exit(k + 1, true, pcs[k] + 4);
            }
        }

        /** The opposite of an {@code IFxx} opcode. */
        private static int inverse(int opcode) {
            return IFEQ + ((opcode - IFEQ) ^ 1); // IFEQ/IFNE, IFLT/IFGE, IFGT/IFLE are pairs
        }

        /**
         * Pushes an int and returns the {@code IFxx} opcode under which condition {@code cond}
         * holds on it. After a CMP or TST in the same block, most conditions are a direct compare
         * of its operands (as in a RISC-V branch), which the JIT fuses with the jump; the others
         * read the flags.
         */
        private int condition(int cond) {
            int base = cond >>> 1; // EQ, HS, MI, VS, HI, GE, GT, AL; odd conditions invert
            boolean unsigned = base == 1 || base == 4;
            boolean direct = flags == FLAGS_COMPARED && base != 2 && base != 3 && base != 7
                    || flags == FLAGS_TESTED && (base == 0 || base == 2 || base == 5 || base == 6); // C = V = 0
            if (!direct) {
                settleFlags();
                hart();
                pushInt(cond);
                mv.visitMethodInsn(INVOKEVIRTUAL, HART, "holds", "(I)Z", false);
                return IFNE;
            }
            compareOperand(FLAG_A, unsigned);
            if (flags == FLAGS_COMPARED) {
                compareOperand(FLAG_B, unsigned);
            } else {
                mv.visitInsn(LCONST_0); // TST sets N and Z as a compare of the result with 0
            }
            mv.visitInsn(LCMP);
            int holds = switch (base) {
                case 0 -> IFEQ;
                case 1, 5 -> IFGE;
                case 2 -> IFLT;
                default -> IFGT;
            };
            return (cond & 1) == 0 ? holds : inverse(holds);
        }

        /** Pushes a saved flag operand at the flag setter's width, so that LCMP compares as signed or unsigned. */
        private void compareOperand(int local, boolean unsigned) {
            mv.visitVarInsn(LLOAD, local);
            if (flagsSf) {
                if (unsigned) {
                    pushLong(Long.MIN_VALUE);
                    mv.visitInsn(LXOR);
                }
            } else if (unsigned) {
                andMask(W);
            } else {
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
            }
        }

        /** ADDS / SUBS (CMN / CMP) of rn and the operand {@code operand} pushes; a SUBS's operands are kept for conditions. */
        private void addWithFlags(A64Insn i, boolean sub, Runnable operand) {
            setReg(i.rd());
            reg(i.rn());
            mv.visitVarInsn(LSTORE, FLAG_A);
            operand.run();
            mv.visitVarInsn(LSTORE, FLAG_B);
            mv.visitVarInsn(LLOAD, FLAG_A);
            mv.visitVarInsn(LLOAD, FLAG_B);
            mv.visitInsn(sub ? LSUB : LADD);
            andMask(i.sf() ? -1L : W);
            store();
            // NZCV later, from FLAG_A and FLAG_B, if anything needs it (settleFlags)
            pushInt(A64Hart.deferredKind(sub, i.sf()));
            mv.visitVarInsn(ISTORE, PENDING);
            flags = sub ? FLAGS_COMPARED : FLAGS_UNKNOWN;
            flagsSf = i.sf();
        }

        /** Computes a deferred compare's NZCV into the hart, if one is pending. */
        private void settleFlags() {
            Label none = new Label();
            mv.visitVarInsn(ILOAD, PENDING);
            mv.visitJumpInsn(IFEQ, none);
            hart();
            mv.visitVarInsn(ILOAD, PENDING);
            mv.visitVarInsn(LLOAD, FLAG_A);
            mv.visitVarInsn(LLOAD, FLAG_B);
            callHart("deferredFlags", "(IJJ)V");
            flagsSet();
            mv.visitLabel(none);
        }

        /** After an instruction that set NZCV in the hart itself: nothing is pending. */
        private void flagsSet() {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, PENDING);
        }

        /** Adds the counts of the passes round the loop made so far, at each exit that loops back. */
        private void addPasses() {
            if (!loops) {
                return;
            }
            int j = 0;
            for (int[] per : loopSites.values()) {
                Bytecode.addCounts(mv, COUNTERS, per, PASSES + j++);
            }
        }

        /** ANDS / BICS (TST) of the hart, the instruction and the AND on the stack; the result is kept for conditions. */
        private void testWithFlags(A64Insn i) {
            callHart("logicFlags", "(" + INSN_DESC + "J)J");
            mv.visitInsn(DUP2);
            mv.visitVarInsn(LSTORE, FLAG_A);
            store();
            flagsSet();
            flags = FLAGS_TESTED;
            flagsSf = i.sf();
        }

        /** Before an instruction that may fault: the handler reports how far the block got. */
        private void markProgress() {
            pushInt(k);
            mv.visitVarInsn(ISTORE, PROGRESS);
        }

        private void returnConstant(long pc) {
            exit(insns.length, false, pc);
        }

        /**
         * Counts the first {@code retired} instructions, as the interpreter would have instruction
         * by instruction, tells the run loop how many retired, and returns the next PC on the
         * stack. Conditional branches before the last were not taken; {@code notTaken}: nor was
         * the last one.
         */
        private void exit(int retired, boolean notTaken) {
            exit(retired, notTaken, -1);
        }

        /**
         * {@link #exit(int, boolean)} to the constant {@code target} (-1: the value on the stack);
         * an exit to the block's own start goes round again instead while the budget allows.
         */
        private void exit(int retired, boolean notTaken, long target) {
            int[] per = new int[Counter.COUNT];
            for (int j = 0; j < retired; j++) {
                int c = insns[j].counter();
                per[c == TAKEN && (notTaken || j < retired - 1) ? NOT_TAKEN : c]++;
            }
            if (target == pcs[0]) {
                loops = true;
                // one counter per exit: a final branch whose both ways go back counts them apart
                int site = 2 * k + (notTaken ? 1 : 0);
                loopSites.putIfAbsent(site, per);
                // count the pass; total += retired; another pass if the budget covers the whole block again
                mv.visitIincInsn(PASSES + java.util.List.copyOf(loopSites.keySet()).indexOf(site), 1);
                mv.visitVarInsn(LLOAD, TOTAL);
                pushLong(retired);
                mv.visitInsn(LADD);
                mv.visitInsn(DUP2);
                mv.visitVarInsn(LSTORE, TOTAL);
                pushLong(insns.length);
                mv.visitInsn(LADD);
                mv.visitVarInsn(ILOAD, BUDGET);
                mv.visitInsn(I2L);
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFLE, top);
                settleFlags();
                addPasses();
                writeBack(toWriteBack());
                mv.visitVarInsn(ALOAD, GENERIC_HART);
                mv.visitVarInsn(LLOAD, TOTAL);
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Hart.class), "markProgress", "(I)V", false);
                pushLong(target);
                mv.visitInsn(LRETURN);
                return;
            }
            settleFlags();
            addPasses();
            Bytecode.addCounts(mv, COUNTERS, per, -1);
            if (target != -1) {
                pushLong(target);
            }
            writeBack(toWriteBack());
            mv.visitVarInsn(ALOAD, GENERIC_HART);
            if (loops) {
                mv.visitVarInsn(LLOAD, TOTAL);
                mv.visitInsn(L2I);
                pushInt(retired);
                mv.visitInsn(IADD);
            } else {
                pushInt(retired);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Hart.class), "markProgress", "(I)V", false);
            mv.visitInsn(LRETURN);
        }

        /** Pushes register {@code idx} (its local); XZR reads as the constant 0. */
        private void reg(int idx) {
            if (idx == A64Insn.ZR) {
                mv.visitInsn(LCONST_0);
                return;
            }
            used[idx] = true;
            mv.visitVarInsn(LLOAD, REGS + 2 * idx);
        }

        /** Names the register the next {@link #store} writes. */
        private void setReg(int idx) {
            if (dest != -1) {
                throw new IllegalStateException("nested register writes");
            }
            dest = idx;
        }

        /** Stores the value on the stack to the register named by {@link #setReg} (a write to XZR is dropped). */
        private void store() {
            int idx = dest;
            dest = -1;
            if (idx == A64Insn.ZR_SINK || idx == A64Insn.ZR) {
                mv.visitInsn(POP2);
                return;
            }
            markWritten(idx);
            mv.visitVarInsn(LSTORE, REGS + 2 * idx);
        }

        private void markWritten(int idx) {
            used[idx] = true;
            written[idx] = true;
            dirty[idx] = true;
        }

        private void hart() {
            mv.visitVarInsn(ALOAD, HART_LOCAL);
        }

        /** Pushes the current instruction, a constant of the class. */
        private void insn() {
            referenced[k] = true;
            mv.visitFieldInsn(GETSTATIC, NAME, "i" + k, INSN_DESC);
        }

        private void callHart(String name, String desc) {
            mv.visitMethodInsn(INVOKEVIRTUAL, HART, name, desc, false);
        }

        private void callStatic(String name, String desc) {
            mv.visitMethodInsn(INVOKESTATIC, HART, name, desc, false);
        }

        private void not() {
            pushLong(-1L);
            mv.visitInsn(LXOR);
        }

        private void andMask(long m) {
            if (m != -1L) {
                pushLong(m);
                mv.visitInsn(LAND);
            }
        }

        private void pushLong(long v) {
            Bytecode.pushLong(mv, v);
        }

        private void pushInt(int v) {
            Bytecode.pushInt(mv, v);
        }
    }
}
