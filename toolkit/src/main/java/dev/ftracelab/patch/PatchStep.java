package dev.ftracelab.patch;

import java.util.HexFormat;
import java.util.List;

/**
 * One step of a {@link PatchPlan}. A step is a value; the explorer decides what every hart and
 * task can observe while it happens.
 */
public sealed interface PatchStep {
    /** One line, for a plan listing or a counterexample trace. */
    String describe();

    /**
     * Stores {@code bytes} at {@code address}. The store is single-copy atomic when it is 2, 4 or
     * 8 bytes wide and naturally aligned (a fetch sees all of it or none of it, given Ziccif on
     * RISC-V); otherwise other harts may see it byte by byte.
     */
    record Write(long address, byte[] bytes, String what) implements PatchStep {
        public Write {
            if (bytes.length == 0) {
                throw new IllegalArgumentException("a write needs at least one byte");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public boolean atomic() {
            int n = bytes.length;
            return (n == 2 || n == 4 || n == 8) && address % n == 0;
        }

        @Override
        public String describe() {
            return String.format("write 0x%x <- %s%s (%d bytes%s)%s", address, HexFormat.of().formatHex(bytes), value(),
                    bytes.length, atomic() ? ", atomic" : "", what.isEmpty() ? "" : ": " + what);
        }

        /**
         * The bytes as the number a plan file writes ({@code " = word 0xbb0282e7"} for the bytes
         * {@code e78202bb}; both guest arches are little-endian), or "" for other sizes.
         */
        private String value() {
            String kind = switch (bytes.length) {
                case 2 -> "half";
                case 4 -> "word";
                case 8 -> "quad";
                default -> null;
            };
            if (kind == null) {
                return "";
            }
            long v = 0;
            for (int i = bytes.length - 1; i >= 0; i--) {
                v = v << 8 | (bytes[i] & 0xff);
            }
            return String.format(" = %s 0x%0" + 2 * bytes.length + "x", kind, v);
        }
    }

    /** {@code fence.i} / {@code ISB} on the patching hart only: other harts keep what they fetched. */
    record LocalFlush() implements PatchStep {
        @Override
        public String describe() {
            return "local icache flush (fence.i / isb)";
        }
    }

    /** An IPI making every hart discard what it fetched (remote fence.i, {@code flush_icache_all}). */
    record RemoteFlush() implements PatchStep {
        @Override
        public String describe() {
            return "remote icache flush on every hart (IPI)";
        }
    }

    /**
     * {@code stop_machine()}: every running hart spins at an instruction boundary while
     * {@code steps} run; tasks that were preempted stay where they were.
     */
    record StopMachine(List<PatchStep> steps) implements PatchStep {
        public StopMachine {
            steps = List.copyOf(steps);
            for (PatchStep s : steps) {
                if (s instanceof StopMachine) {
                    throw new IllegalArgumentException("stop_machine cannot nest");
                }
            }
        }

        @Override
        public String describe() {
            return "stop_machine { " + steps.size() + " steps }";
        }
    }

    /** {@code synchronize_rcu_tasks()}: returns once every task has passed a voluntary schedule point. */
    record SyncRcuTasks() implements PatchStep {
        @Override
        public String describe() {
            return "synchronize_rcu_tasks()";
        }
    }

    /**
     * Installs a fix-up for the trap instruction at {@code address}: a hart that traps there
     * resumes at {@code resumeAt} (x86's int3 handler emulating the call, or skipping it).
     */
    record InstallTrapHandler(long address, long resumeAt, String what) implements PatchStep {
        @Override
        public String describe() {
            return String.format("install trap fix-up at 0x%x -> resume at 0x%x%s", address, resumeAt,
                    what.isEmpty() ? "" : ": " + what);
        }
    }

    /** Removes the fix-up installed for {@code address}. */
    record RemoveTrapHandler(long address) implements PatchStep {
        @Override
        public String describe() {
            return String.format("remove trap fix-up at 0x%x", address);
        }
    }
}
