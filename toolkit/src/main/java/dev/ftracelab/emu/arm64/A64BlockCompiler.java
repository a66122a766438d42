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
            FLAG_A = 10, FLAG_B = 12;
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

        Emitter(A64Insn[] insns, long[] pcs) {
            this.insns = insns;
            this.pcs = pcs;
            this.referenced = new boolean[insns.length];
        }

        byte[] classBytes() {
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
            for (k = 0; k < insns.length; k++) {
                instruction(insns[k]);
            }
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
                case A64Op.LDP, A64Op.STP -> {
                    markProgress();
                    hart();
                    insn();
                    mv.visitVarInsn(ALOAD, MEM);
                    callHart("pair", "(" + INSN_DESC + MEMORY_DESC + ")J");
                    mv.visitInsn(POP2);
                }
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
                    hart();
                    insn();
                    pushLong(pc);
                    mv.visitVarInsn(ALOAD, MEM);
                    String owner = Type.getInternalName(A64Op.isFp(i.op()) ? A64Fp.class : A64Simd.class);
                    mv.visitMethodInsn(INVOKESTATIC, owner, "execute",
                            "(L" + HART + ";" + INSN_DESC + "J" + MEMORY_DESC + ")J", false);
                    mv.visitInsn(POP2);
                }
            }
            if (k == insns.length - 1 && !isControlTransfer(i.op())) {
                returnConstant(pc + 4);
            }
        }

        private static boolean isControlTransfer(int op) {
            return op >= A64Op.B && op <= A64Op.RET;
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
            pushLong(target);
            exit(k + 1, false);
            mv.visitLabel(notTaken);
            if (k == insns.length - 1) {
                pushLong(pcs[k] + 4);
                exit(k + 1, true);
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
            hart();
            insn();
            mv.visitVarInsn(LLOAD, FLAG_A);
            mv.visitVarInsn(LLOAD, FLAG_B);
            if (sub) {
                not();
            }
            pushLong(sub ? 1 : 0);
            callHart("adds", "(" + INSN_DESC + "JJJ)J");
            store();
            flags = sub ? FLAGS_COMPARED : FLAGS_UNKNOWN;
            flagsSf = i.sf();
        }

        /** ANDS / BICS (TST) of the hart, the instruction and the AND on the stack; the result is kept for conditions. */
        private void testWithFlags(A64Insn i) {
            callHart("logicFlags", "(" + INSN_DESC + "J)J");
            mv.visitInsn(DUP2);
            mv.visitVarInsn(LSTORE, FLAG_A);
            store();
            flags = FLAGS_TESTED;
            flagsSf = i.sf();
        }

        private void markProgress() {
            markProgress(k);
        }

        private void markProgress(int index) {
            mv.visitVarInsn(ALOAD, GENERIC_HART);
            pushInt(index);
            mv.visitMethodInsn(INVOKEVIRTUAL, Type.getInternalName(Hart.class), "markProgress", "(I)V", false);
        }

        private void returnConstant(long pc) {
            pushLong(pc);
            exit(insns.length, false);
        }

        /**
         * Counts the first {@code retired} instructions, as the interpreter would have instruction
         * by instruction, tells the run loop how many retired, and returns the next PC on the
         * stack. Conditional branches before the last were not taken; {@code notTaken}: nor was
         * the last one.
         */
        private void exit(int retired, boolean notTaken) {
            int[] per = new int[Counter.COUNT];
            for (int j = 0; j < retired; j++) {
                int c = insns[j].counter();
                per[c == TAKEN && (notTaken || j < retired - 1) ? NOT_TAKEN : c]++;
            }
            for (int c = 0; c < per.length; c++) {
                if (per[c] > 0) {
                    mv.visitVarInsn(ALOAD, COUNTERS);
                    pushInt(c);
                    mv.visitInsn(DUP2);
                    mv.visitInsn(LALOAD);
                    pushLong(per[c]);
                    mv.visitInsn(LADD);
                    mv.visitInsn(LASTORE);
                }
            }
            markProgress(retired);
            mv.visitInsn(LRETURN);
        }

        /** Pushes register {@code idx}; XZR reads as the constant 0. */
        private void reg(int idx) {
            if (idx == A64Insn.ZR) {
                mv.visitInsn(LCONST_0);
                return;
            }
            mv.visitVarInsn(ALOAD, R);
            pushInt(idx);
            mv.visitInsn(LALOAD);
        }

        /** Starts a register write (array and index); {@link #store} finishes it after the value. */
        private void setReg(int idx) {
            mv.visitVarInsn(ALOAD, R);
            pushInt(idx);
        }

        private void store() {
            mv.visitInsn(LASTORE);
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
