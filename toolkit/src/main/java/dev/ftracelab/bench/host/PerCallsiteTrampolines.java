package dev.ftracelab.bench.host;

import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.H_INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.RETURN;

import dev.ftracelab.emu.Bytecode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Design 2, x86 style: a site traced by exactly one ops calls a trampoline made for that ops at
 * run time — a hidden class whose ops and func are constants of its code, so the call to the func
 * is direct; any other traced site calls the list function. One trampoline per ops, shared by the
 * sites it traces alone, freed when the ops is unregistered.
 */
final class PerCallsiteTrampolines extends HostFtrace {
    private static final String NAME = PerCallsiteTrampolines.class.getPackageName().replace('.', '/') + "/OpsTrampoline";
    private static final Handle CLASS_DATA_AT = new Handle(H_INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)Ljava/lang/Object;", false);

    private final Map<FtraceOps, Trampoline> trampolines = new IdentityHashMap<>();

    @Override
    public Design design() {
        return Design.PER_CALLSITE_TRAMPOLINE;
    }

    @Override
    void update(Callsite site, List<FtraceOps> tracing) {
        if (tracing.isEmpty()) {
            patch(site, nopOps, null, "nop");
        } else if (tracing.size() == 1) {
            FtraceOps ops = tracing.get(0);
            patch(site, nopOps, trampolines.computeIfAbsent(ops, PerCallsiteTrampolines::generate), "per-callsite-trampoline " + ops);
        } else {
            patch(site, nopOps, listCaller, "list");
        }
    }

    @Override
    public synchronized void unregister(FtraceOps ops) {
        super.unregister(ops);
        trampolines.remove(ops);
    }

    /** The number of trampolines allocated now (one per ops that traces some site alone). */
    synchronized int trampolineCount() {
        return trampolines.size();
    }

    /**
     * {@code create_trampoline}: a hidden class implementing {@link Trampoline} whose {@code call}
     * is {@code func.call(site.ip, parentIp, ops, current)} with {@code func} and {@code ops} loaded
     * as constants (class data), so the JIT sees one fixed target.
     */
    static Trampoline generate(FtraceOps ops) {
        ClassWriter cw = Bytecode.finalClass(NAME, Trampoline.class);
        String callsite = Type.getInternalName(Callsite.class);
        String task = Type.getDescriptor(Task.class);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "call", "(L" + callsite + ";J" + task + ")V", null, null);
        mv.visitCode();
        mv.visitLdcInsn(new ConstantDynamic("_", Type.getDescriptor(TracerFunc.class), CLASS_DATA_AT, 0));
        mv.visitVarInsn(ALOAD, 1);
        mv.visitFieldInsn(GETFIELD, callsite, "ip", "J");
        mv.visitVarInsn(LLOAD, 2);
        mv.visitLdcInsn(new ConstantDynamic("_", Type.getDescriptor(FtraceOps.class), CLASS_DATA_AT, 1));
        mv.visitVarInsn(ALOAD, 4);
        mv.visitMethodInsn(INVOKEINTERFACE, Type.getInternalName(TracerFunc.class), "call",
                "(JJ" + Type.getDescriptor(FtraceOps.class) + task + ")V", true);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        try {
            MethodHandles.Lookup l = MethodHandles.lookup()
                    .defineHiddenClassWithClassData(cw.toByteArray(), List.of(opsGetFunc(ops), ops), true);
            return (Trampoline) l.findConstructor(l.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("generating the trampoline of ops " + ops + " failed", e);
        }
    }
}
