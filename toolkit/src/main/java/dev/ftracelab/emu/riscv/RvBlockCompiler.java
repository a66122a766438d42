package dev.ftracelab.emu.riscv;

import static dev.ftracelab.isa.riscv.RvExec.*;
import static org.objectweb.asm.Opcodes.*;

import static dev.ftracelab.emu.Bytecode.pushInt;
import static dev.ftracelab.emu.Bytecode.pushLong;

import dev.ftracelab.emu.Bytecode;
import dev.ftracelab.emu.CompiledBlock;
import dev.ftracelab.emu.Counter;
import dev.ftracelab.isa.Instruction;
import dev.ftracelab.isa.riscv.RvInsn;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Compiles a hot RISC-V block to JVM bytecode: one hidden class whose {@code run} is the block's
 * instructions as straight-line code, register numbers, immediates and addresses as constants.
 * The JIT then compiles a hot guest loop like a hot Java loop, with no decode, no dispatch and no
 * operand loads per instruction. Semantics are the interpreter's, op for op (tests run every
 * corpus program both ways and compare output and counters); the M-extension helpers are the
 * interpreter's own methods.
 *
 * <p>The code counts its own retirements, with constants per exit. Zba/Zbb/Zbs ops call the
 * interpreter's {@code RvHart.bitmanip}, F and D ops its {@link RvFpu#execute} with the
 * instruction as a constant, so compiled = interpreted by construction. A block is compiled up
 * to its first op outside the compiled set (atomics, CSRs, fences, ecall, ebreak, FP ops with a
 * reserved static rounding mode), where the interpreter goes on; one that starts with such an op
 * stays interpreted: {@link CompiledBlock#NOT_COMPILABLE}.
 *
 * <p>Within a block the x registers it names live in JVM locals: loaded on entry, stored back
 * at every exit and, on a fault, by a handler that also tells the run loop how far the block
 * got. An FP op's call gets the registers it reads stored first and its integer result loaded
 * after. A block whose exit jumps back to its own start loops in place while
 * {@code Hart.blockBudget()} covers another whole pass; a pass only counts itself, and the
 * counters of all passes are added when the method leaves.
 *
 * <p>Blocks are superblocks ({@link RvHart#blocksGoOnPastBranches()}): they go on past a
 * conditional branch on its not-taken path, and a taken one leaves at once through a side exit
 * that counts the instructions before it, its earlier branches as not taken.
 */
final class RvBlockCompiler {
    private static final String MEMORY = "dev/ftracelab/emu/Memory";
    private static final String HART = "dev/ftracelab/emu/Hart";
    private static final String RV_HART = Type.getInternalName(RvHart.class);
    private static final String NAME = "dev/ftracelab/emu/riscv/RvCompiledBlock";
    private static final String INSNS = Type.getInternalName(RvInsn[].class);
    private static final String INSNS_DESC = Type.getDescriptor(RvInsn[].class);
    private static final String RUN_DESC = "([JLdev/ftracelab/emu/Memory;Ldev/ftracelab/emu/Hart;)J";
    // locals of run(): 0 this, 1 registers, 2 memory, 3 hart, 4-5 a jump target, 6 the counters,
    // 7 the index of the instruction that may fault next, 8-9 instructions retired by earlier
    // passes of a block that loops, 10 its budget, from 12 on x1..x31 (x_n in 10 + 2n), from 74
    // on the passes not yet counted of each exit that loops back
    private static final int R = 1;
    private static final int MEM = 2;
    private static final int HART_ARG = 3;
    private static final int TARGET = 4;
    private static final int COUNTERS = 6;
    private static final int PROGRESS = 7;
    private static final int TOTAL = 8;
    private static final int BUDGET = 10;
    private static final int REGS = 10;
    private static final int PASSES = REGS + 2 * 32;

    /**
     * What one pass of code generation learns and the next uses: which registers the block
     * reads or writes (each lives in a JVM local while the block runs, stored back at its exits)
     * and whether an exit jumps back to the block's start (then the block loops in place, while
     * its instruction budget allows, without returning to the run loop).
     */
    private static final class Plan {
        final boolean[] used = new boolean[32];
        final boolean[] written = new boolean[32];
        /** Registers written so far in the pass being generated (bit n: x_n). */
        long dirty;
        boolean loops;
        /**
         * The exits that jump back to the block's start, by the index of their instruction and way, and
         * the counts of one pass through each, added once per run ({@link #flushPasses}).
         */
        final java.util.Map<Integer, int[]> loopSites = new java.util.LinkedHashMap<>();
        long start;
        int length;
        /** The loop header, after the registers were loaded. */
        Label top;
    }

    /** The method being written, with its block's plan. */
    private static final class Code extends MethodVisitor {
        final Plan plan;

        Code(MethodVisitor target, Plan plan) {
            super(ASM9, target);
            this.plan = plan;
        }
    }

    private static Plan plan(MethodVisitor mv) {
        return ((Code) mv).plan;
    }
    private static final int NOT_TAKEN = Counter.BRANCH_NOT_TAKEN.ordinal();
    private static final int TAKEN = Counter.BRANCH_TAKEN.ordinal();

    private RvBlockCompiler() {
    }

    /**
     * The block as a compiled class, up to its first instruction outside the compiled set (the
     * interpreter goes on there), or {@link CompiledBlock#NOT_COMPILABLE} if it starts with one.
     */
    static CompiledBlock compile(Instruction[] block, long[] pcs) {
        int n = 0;
        while (n < block.length && compilable((RvInsn) block[n])) {
            n++;
        }
        if (n == 0) {
            return CompiledBlock.NOT_COMPILABLE;
        }
        Instruction[] insns = java.util.Arrays.copyOf(block, n);
        byte[] bytes = generate(insns, pcs);
        try {
            // the instructions are class data: FP ops pass theirs to the interpreter's semantics
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes,
                    java.util.Arrays.copyOf(insns, n, RvInsn[].class), true);
            return (CompiledBlock) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load a compiled block at 0x" + Long.toHexString(pcs[0]), e);
        }
    }

    private static boolean compilable(RvInsn i) {
        int op = i.execId();
        if (i.op().isFp()) {
            int rm = (int) (i.imm() & 7);
            return rm != 5 && rm != 6 || op <= FSD; // a reserved static rm traps: left to the interpreter
        }
        return op <= SRAW || op >= MUL && op <= REMUW || op >= SH1ADD && op <= BEXTI;
    }

    private static byte[] generate(Instruction[] insns, long[] pcs) {
        Plan plan = new Plan();
        plan.start = pcs[0];
        plan.length = insns.length;
        {
            // a first pass into a visitor that drops the code fills in the plan
            body(new Code(null, plan), insns, pcs);
            ClassWriter cw = Bytecode.compiledBlockClass(NAME);
            boolean fp = false;
            for (Instruction i : insns) {
                fp |= ((RvInsn) i).op().isFp();
            }
            if (fp) {
                insnsField(cw);
            }
            MethodVisitor mv = new Code(cw.visitMethod(ACC_PUBLIC, "run", RUN_DESC, null, null), plan);
            mv.visitCode();
            mv.visitVarInsn(ALOAD, HART_ARG);
            mv.visitTypeInsn(CHECKCAST, RV_HART);
            mv.visitMethodInsn(INVOKEVIRTUAL, RV_HART, "counterArray", "()[J", false);
            mv.visitVarInsn(ASTORE, COUNTERS);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, PROGRESS);
            if (plan.loops) {
                mv.visitInsn(LCONST_0);
                mv.visitVarInsn(LSTORE, TOTAL);
                mv.visitVarInsn(ALOAD, HART_ARG);
                mv.visitMethodInsn(INVOKEVIRTUAL, HART, "blockBudget", "()I", false);
                mv.visitVarInsn(ISTORE, BUDGET);
                for (int j = 0; j < plan.loopSites.size(); j++) {
                    mv.visitInsn(ICONST_0);
                    mv.visitVarInsn(ISTORE, PASSES + j);
                }
            }
            reloadRegisters(mv);
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
            mv.visitLabel(start);
            plan.top = new Label();
            mv.visitLabel(plan.top);
            body(mv, insns, pcs);
            mv.visitLabel(end);
            // a fault: the registers as they are; the run loop counts the instructions before it
            mv.visitLabel(handler);
            writeBack(mv);
            flushPasses(mv);
            mv.visitVarInsn(ALOAD, HART_ARG);
            mv.visitVarInsn(ILOAD, PROGRESS);
            mv.visitMethodInsn(INVOKEVIRTUAL, HART, "markProgress", "(I)V", false);
            mv.visitInsn(ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            return cw.toByteArray();
        }
    }

    private static void body(MethodVisitor mv, Instruction[] insns, long[] pcs) {
        plan(mv).dirty = 0;
        int last = insns.length - 1;
        boolean returned = false;
        for (int k = 0; k <= last; k++) {
            returned = emit(mv, (RvInsn) insns[k], pcs[k], k, insns);
        }
        if (!returned) {
            RvInsn end = (RvInsn) insns[last];
            exitTo(mv, insns, insns.length, end.counter(), pcs[last] + end.length());
        }
    }

    /** Stores every register the block writes from its local to the register array. */
    private static void writeBack(MethodVisitor mv) {
        writeBack(mv, -1L);
    }

    /** Stores the registers the block writes and {@code mask} names (bit n: x_n) to the array. */
    private static void writeBack(MethodVisitor mv, long mask) {
        Plan plan = plan(mv);
        for (int n = 1; n < 32; n++) {
            if (plan.written[n] && (mask >>> n & 1) != 0) {
                mv.visitVarInsn(ALOAD, R);
                pushInt(mv, n);
                mv.visitVarInsn(LLOAD, REGS + 2 * n);
                mv.visitInsn(LASTORE);
            }
        }
    }

    /** Loads every register the block uses into its local. */
    private static void reloadRegisters(MethodVisitor mv) {
        reload(mv, -1L);
    }

    /**
     * Loads the registers the block uses and {@code mask} names (bit n: x_n) from the array into
     * their locals; a register no instruction of the block names stays in the array only.
     */
    private static void reload(MethodVisitor mv, long mask) {
        Plan plan = plan(mv);
        for (int n = 1; n < 32; n++) {
            if (plan.used[n] && (mask >>> n & 1) != 0) {
                mv.visitVarInsn(ALOAD, R);
                pushInt(mv, n);
                mv.visitInsn(LALOAD);
                mv.visitVarInsn(LSTORE, REGS + 2 * n);
            }
        }
    }

    /**
     * Leaves the block after its first {@code retired} instructions for the constant
     * {@code target} (-1: the value on the stack): counts them ({@link #counts}, the last one's
     * as {@code lastCounter}), stores the registers and returns. To the block's own start it goes
     * round again instead while the budget covers another pass, and only counts the pass: the
     * counters of every pass are added at once when the method leaves, so a hot loop does not
     * load and store them on every iteration.
     */
    private static void exitTo(MethodVisitor mv, Instruction[] insns, int retired, int lastCounter, long target) {
        Plan plan = plan(mv);
        int[] per = counts(insns, retired, lastCounter);
        if (target == plan.start) {
            plan.loops = true;
            // one counter per exit: a final branch whose both ways go back counts them apart
            int site = 2 * (retired - 1) + (lastCounter == NOT_TAKEN ? 1 : 0);
            plan.loopSites.putIfAbsent(site, per);
            mv.visitIincInsn(PASSES + List.copyOf(plan.loopSites.keySet()).indexOf(site), 1);
            mv.visitVarInsn(LLOAD, TOTAL);
            pushLong(mv, retired);
            mv.visitInsn(LADD);
            mv.visitInsn(DUP2);
            mv.visitVarInsn(LSTORE, TOTAL);
            pushLong(mv, plan.length);
            mv.visitInsn(LADD);
            mv.visitVarInsn(ILOAD, BUDGET);
            mv.visitInsn(I2L);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFLE, plan.top);
        } else {
            Bytecode.addCounts(mv, COUNTERS, per, -1);
        }
        flushPasses(mv);
        if (target != -1) {
            pushLong(mv, target);
        }
        // a side exit stores only what this pass wrote so far; a block that loops, all it writes
        writeBack(mv, plan.loops ? -1L : plan.dirty);
        mv.visitVarInsn(ALOAD, HART_ARG);
        if (plan.loops) {
            // passes before this one, and this one (TOTAL already holds it if it was a back edge)
            mv.visitVarInsn(LLOAD, TOTAL);
            mv.visitInsn(L2I);
            if (target != plan.start) {
                pushInt(mv, retired);
                mv.visitInsn(IADD);
            }
        } else {
            pushInt(mv, retired);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, HART, "markProgress", "(I)V", false);
        mv.visitInsn(LRETURN);
    }

    /** Adds the counts of the passes round the loop made so far (none in a block that does not loop). */
    private static void flushPasses(MethodVisitor mv) {
        Plan plan = plan(mv);
        if (!plan.loops) {
            return;
        }
        int j = 0;
        for (int[] per : plan.loopSites.values()) {
            Bytecode.addCounts(mv, COUNTERS, per, PASSES + j++);
        }
    }

    /** A static final field {@code I}, the block's instructions, from the class data. */
    private static void insnsField(ClassWriter cw) {
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "I", INSNS_DESC, null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitLdcInsn("_");
        mv.visitLdcInsn(Type.getType(INSNS_DESC));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        mv.visitTypeInsn(CHECKCAST, INSNS);
        mv.visitFieldInsn(PUTSTATIC, NAME, "I", INSNS_DESC);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * The retirement counts of an exit after the first {@code retired} instructions, constant per
     * exit: every instruction's class, the last one's as {@code lastCounter} (taken or not
     * taken, for a branch).
     */
    private static int[] counts(Instruction[] insns, int retired, int lastCounter) {
        int[] per = new int[Counter.COUNT];
        for (int k = 0; k < retired - 1; k++) {
            int c = ((RvInsn) insns[k]).counter();
            per[c == TAKEN ? NOT_TAKEN : c]++; // a branch the block went on past was not taken
        }
        per[lastCounter]++;
        return per;
    }


    /** Emits one instruction; returns true if it ended the method (a control transfer). */
    private static boolean emit(MethodVisitor mv, RvInsn i, long pc, int k, Instruction[] insns) {
        int rd = i.rd();
        long imm = i.imm();
        long next = pc + i.length();
        switch (i.execId()) {
            case LUI -> {
                begin(mv, rd);
                pushLong(mv, imm);
                end(mv, rd);
            }
            case AUIPC -> {
                begin(mv, rd);
                pushLong(mv, pc + imm);
                end(mv, rd);
            }
            case JAL -> {
                begin(mv, rd);
                pushLong(mv, next);
                end(mv, rd);
                if (k < insns.length - 1) {
                    return false; // the block goes on at the target
                }
                exitTo(mv, insns, insns.length, i.counter(), pc + imm);
                return true;
            }
            case JALR -> {
                reg(mv, i.rs1()); // target first: rd may be rs1
                pushLong(mv, imm);
                mv.visitInsn(LADD);
                pushLong(mv, ~1L);
                mv.visitInsn(LAND);
                mv.visitVarInsn(LSTORE, TARGET);
                begin(mv, rd);
                pushLong(mv, next);
                end(mv, rd);
                mv.visitVarInsn(LLOAD, TARGET);
                exitTo(mv, insns, insns.length, i.counter(), -1);
                return true;
            }
            case BEQ, BNE, BLT, BGE, BLTU, BGEU -> {
                reg(mv, i.rs1());
                reg(mv, i.rs2());
                int op = i.execId();
                if (op == BLTU || op == BGEU) {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                } else {
                    mv.visitInsn(LCMP);
                }
                int holds = switch (op) {
                    case BEQ -> IFEQ;
                    case BNE -> IFNE;
                    case BLT, BLTU -> IFLT;
                    default -> IFGE;
                };
                if (k < insns.length - 1) {
                    // a superblock goes on past it: taken, it is a side exit
                    Label goOn = new Label();
                    mv.visitJumpInsn(IFEQ + ((holds - IFEQ) ^ 1), goOn); // IFEQ/IFNE and IFLT/IFGE are pairs
                    exitTo(mv, insns, k + 1, i.counter(), pc + imm);
                    mv.visitLabel(goOn);
                    return false;
                }
                Label taken = new Label();
                mv.visitJumpInsn(holds, taken);
                exitTo(mv, insns, insns.length, NOT_TAKEN, next);
                mv.visitLabel(taken);
                exitTo(mv, insns, insns.length, i.counter(), pc + imm);
                return true;
            }
            case LB, LH, LW, LD, LBU, LHU, LWU -> {
                progress(mv, k);
                begin(mv, rd);
                mv.visitVarInsn(ALOAD, MEM);
                address(mv, i);
                switch (i.execId()) {
                    case LB -> load(mv, "load8", "(J)I", I2B);
                    case LH -> load(mv, "load16", "(J)I", I2S);
                    case LW -> load(mv, "load32", "(J)I", NOP);
                    case LBU -> load(mv, "load8", "(J)I", NOP);
                    case LHU -> load(mv, "load16", "(J)I", NOP);
                    case LWU -> {
                        load(mv, "load32", "(J)I", NOP);
                        pushLong(mv, 0xffffffffL);
                        mv.visitInsn(LAND);
                    }
                    default -> mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "load64", "(J)J", false);
                }
                end(mv, rd); // a load into x0 still happens (it may fault), its value is dropped
            }
            case SB, SH, SW, SD -> {
                progress(mv, k);
                mv.visitVarInsn(ALOAD, MEM);
                address(mv, i);
                reg(mv, i.rs2());
                switch (i.execId()) {
                    case SB -> store(mv, "store8", true);
                    case SH -> store(mv, "store16", true);
                    case SW -> store(mv, "store32", true);
                    default -> store(mv, "store64", false);
                }
            }
            default -> {
                if (i.op().isFp()) { // the interpreter's semantics, with the instruction a constant
                    progress(mv, k);
                    // the semantics read and write the register array: hand over the x registers
                    // the op reads, take back the one it writes (the masks name exactly those)
                    writeBack(mv, i.readMask());
                    mv.visitVarInsn(ALOAD, HART_ARG);
                    mv.visitTypeInsn(CHECKCAST, RV_HART);
                    mv.visitVarInsn(ALOAD, R);
                    mv.visitFieldInsn(GETSTATIC, NAME, "I", INSNS_DESC);
                    pushInt(mv, k);
                    mv.visitInsn(AALOAD);
                    pushLong(mv, pc);
                    mv.visitVarInsn(ALOAD, MEM);
                    mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(RvFpu.class), "execute",
                            "(L" + RV_HART + ";[J" + Type.getDescriptor(RvInsn.class) + "JL" + MEMORY + ";)J", false);
                    mv.visitInsn(POP2);
                    reload(mv, i.writeMask());
                    return false;
                }
                begin(mv, rd);
                value(mv, i);
                end(mv, rd);
            }
        }
        return false;
    }

    /** Pushes the result of an arithmetic instruction (long). */
    private static void value(MethodVisitor mv, RvInsn i) {
        int a = i.rs1();
        int b = i.rs2();
        long imm = i.imm();
        switch (i.execId()) {
            case ADDI -> immOp(mv, a, imm, LADD);
            case XORI -> immOp(mv, a, imm, LXOR);
            case ORI -> immOp(mv, a, imm, LOR);
            case ANDI -> immOp(mv, a, imm, LAND);
            case SLTI, SLTIU -> {
                reg(mv, a);
                pushLong(mv, imm);
                lessThan(mv, i.execId() == SLTIU);
            }
            case SLLI -> shiftImm(mv, a, imm, LSHL);
            case SRLI -> shiftImm(mv, a, imm, LUSHR);
            case SRAI -> shiftImm(mv, a, imm, LSHR);
            case ADD -> regOp(mv, a, b, LADD);
            case SUB -> regOp(mv, a, b, LSUB);
            case XOR -> regOp(mv, a, b, LXOR);
            case OR -> regOp(mv, a, b, LOR);
            case AND -> regOp(mv, a, b, LAND);
            case MUL -> regOp(mv, a, b, LMUL);
            case SLL, SRL, SRA -> {
                reg(mv, a);
                reg(mv, b);
                mv.visitInsn(L2I); // the JVM masks a long shift count to 6 bits, as RV64 does
                mv.visitInsn(i.execId() == SLL ? LSHL : i.execId() == SRL ? LUSHR : LSHR);
            }
            case SLT, SLTU -> {
                reg(mv, a);
                reg(mv, b);
                lessThan(mv, i.execId() == SLTU);
            }
            case ADDIW -> {
                immOp(mv, a, imm, LADD);
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
            }
            case SLLIW, SRLIW, SRAIW -> {
                reg(mv, a);
                mv.visitInsn(L2I);
                pushInt(mv, (int) imm);
                mv.visitInsn(i.execId() == SLLIW ? ISHL : i.execId() == SRLIW ? IUSHR : ISHR);
                mv.visitInsn(I2L);
            }
            case ADDW, SUBW, SLLW, SRLW, SRAW, MULW -> {
                reg(mv, a);
                mv.visitInsn(L2I);
                reg(mv, b);
                mv.visitInsn(L2I); // the JVM masks an int shift count to 5 bits, as the W forms do
                mv.visitInsn(switch (i.execId()) {
                    case ADDW -> IADD;
                    case SUBW -> ISUB;
                    case SLLW -> ISHL;
                    case SRLW -> IUSHR;
                    case SRAW -> ISHR;
                    default -> IMUL;
                });
                mv.visitInsn(I2L);
            }
            case MULH -> {
                reg(mv, a);
                reg(mv, b);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "multiplyHigh", "(JJ)J", false);
            }
            case MULHSU, MULHU, DIV, DIVU, REM, REMU -> {
                reg(mv, a);
                reg(mv, b);
                helper(mv, i.execId());
            }
            case DIVW, REMW -> { // on sign-extended 32-bit operands, result truncated and sign-extended
                reg(mv, a);
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
                reg(mv, b);
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
                helper(mv, i.execId() == DIVW ? DIV : REM);
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
            }
            case DIVUW, REMUW -> { // on zero-extended 32-bit operands
                reg(mv, a);
                pushLong(mv, 0xffffffffL);
                mv.visitInsn(LAND);
                reg(mv, b);
                pushLong(mv, 0xffffffffL);
                mv.visitInsn(LAND);
                helper(mv, i.execId() == DIVUW ? DIVU : REMU);
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
            }
            default -> {
                if (i.execId() < SH1ADD || i.execId() > BEXTI) {
                    throw new IllegalStateException("not a compiled op: " + i.op());
                }
                // Zba/Zbb/Zbs: the interpreter's helper; with a constant op the JIT folds its switch
                pushInt(mv, i.execId());
                reg(mv, a);
                if (i.exec().readsRs2()) {
                    reg(mv, b);
                } else {
                    pushLong(mv, imm);
                }
                mv.visitMethodInsn(INVOKESTATIC, RV_HART, "bitmanip", "(IJJ)J", false);
            }
        }
    }

    private static void helper(MethodVisitor mv, int op) {
        String name = switch (op) {
            case MULHSU -> "mulhsu";
            case MULHU -> "mulhu";
            case DIV -> "div";
            case DIVU -> "divu";
            case REM -> "rem";
            default -> "remu";
        };
        mv.visitMethodInsn(INVOKESTATIC, RV_HART, name, "(JJ)J", false);
    }

    /** (a < b) ? 1 : 0 without a branch: compare gives -1, 0 or 1, and only -1 has the sign bit. */
    private static void lessThan(MethodVisitor mv, boolean unsigned) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", unsigned ? "compareUnsigned" : "compare", "(JJ)I", false);
        pushInt(mv, 31);
        mv.visitInsn(IUSHR);
        mv.visitInsn(I2L);
    }

    private static void immOp(MethodVisitor mv, int a, long imm, int opcode) {
        reg(mv, a);
        pushLong(mv, imm);
        mv.visitInsn(opcode);
    }

    private static void shiftImm(MethodVisitor mv, int a, long imm, int opcode) {
        reg(mv, a);
        pushInt(mv, (int) imm);
        mv.visitInsn(opcode);
    }

    private static void regOp(MethodVisitor mv, int a, int b, int opcode) {
        reg(mv, a);
        reg(mv, b);
        mv.visitInsn(opcode);
    }

    private static void address(MethodVisitor mv, RvInsn i) {
        reg(mv, i.rs1());
        pushLong(mv, i.imm());
        mv.visitInsn(LADD);
    }

    private static void load(MethodVisitor mv, String name, String desc, int narrow) {
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, name, desc, false);
        if (narrow != NOP) {
            mv.visitInsn(narrow);
        }
        mv.visitInsn(I2L);
    }

    private static void store(MethodVisitor mv, String name, boolean narrow) {
        if (narrow) {
            mv.visitInsn(L2I);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, name, narrow ? "(JI)V" : "(JJ)V", false);
    }

    /** Before an instruction that may fault: the handler tells the run loop how far the block got. */
    private static void progress(MethodVisitor mv, int k) {
        pushInt(mv, k);
        mv.visitVarInsn(ISTORE, PROGRESS);
    }

    /** Reads register n from its local (x0 is the constant 0). */
    private static void reg(MethodVisitor mv, int n) {
        if (n == 0) {
            mv.visitInsn(LCONST_0);
        } else {
            plan(mv).used[n] = true;
            mv.visitVarInsn(LLOAD, REGS + 2 * n);
        }
    }

    /** Before a value for register rd: nothing (registers live in locals). */
    private static void begin(MethodVisitor mv, int rd) {
    }

    /** After the value: store it to rd's local, or drop it for x0. */
    private static void end(MethodVisitor mv, int rd) {
        if (rd == 0) {
            mv.visitInsn(POP2);
            return;
        }
        Plan plan = plan(mv);
        plan.used[rd] = true;
        plan.written[rd] = true;
        plan.dirty |= 1L << rd;
        mv.visitVarInsn(LSTORE, REGS + 2 * rd);
    }
}
