package dev.ftracelab.emu;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.LASTORE;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LMUL;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.LALOAD;
import static org.objectweb.asm.Opcodes.DUP2;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LCONST_1;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V17;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/** Bytecode helpers the block compilers and the host trampolines share: class scaffolding, constants in their shortest form. */
public final class Bytecode {
    private Bytecode() {
    }

    /**
     * A class writer for one compiled block: a final class named {@code internalName} that
     * implements {@link CompiledBlock}, with its no-argument constructor written; the caller adds
     * {@code run}.
     */
    public static ClassWriter compiledBlockClass(String internalName) {
        return finalClass(internalName, CompiledBlock.class);
    }

    /**
     * A class writer for a final class named {@code internalName} that implements
     * {@code implemented}, with its no-argument constructor written; the caller adds the methods.
     * Frames are computed; they only ever merge primitives and a few fixed types.
     */
    public static ClassWriter finalClass(String internalName, Class<?> implemented) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_FINAL | ACC_SUPER, internalName, null, "java/lang/Object",
                new String[] {Type.getInternalName(implemented)});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        return cw;
    }

    /** Pushes an int constant. */
    public static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes a long constant. */
    public static void pushLong(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(v == 0 ? LCONST_0 : LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /**
     * Emits {@code counters[c] += per[c]} for every non-zero {@code per[c]}, the counters array in
     * local {@code counters}; with {@code passes} >= 0, {@code counters[c] += passes * per[c]}
     * with the int count in that local (the passes round a loop a compiled block made).
     */
    public static void addCounts(MethodVisitor mv, int counters, int[] per, int passes) {
        for (int c = 0; c < per.length; c++) {
            if (per[c] == 0) {
                continue;
            }
            mv.visitVarInsn(ALOAD, counters);
            pushInt(mv, c);
            mv.visitInsn(DUP2);
            mv.visitInsn(LALOAD);
            if (passes < 0) {
                pushLong(mv, per[c]);
            } else {
                mv.visitVarInsn(ILOAD, passes);
                mv.visitInsn(I2L);
                if (per[c] != 1) {
                    pushLong(mv, per[c]);
                    mv.visitInsn(LMUL);
                }
            }
            mv.visitInsn(LADD);
            mv.visitInsn(LASTORE);
        }
    }
}
