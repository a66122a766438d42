package dev.ftracelab.emu.arm64;

import dev.ftracelab.emu.Access;
import dev.ftracelab.emu.Memory;
import dev.ftracelab.emu.MemoryFault;
import dev.ftracelab.isa.Arch;
import dev.ftracelab.isa.DecodeException;
import dev.ftracelab.isa.arm64.A64Insn;
import dev.ftracelab.isa.arm64.A64Op;

/**
 * Semantics of the Advanced SIMD and FP loads, stores, moves and integer vector ops
 * ({@link dev.ftracelab.isa.arm64.A64Op#isSimd}), on the hart's {@code v} registers. The
 * interpreter and compiled blocks both call {@link #execute}, so they cannot disagree.
 *
 * <p>Vectors are handled as {@code long[2]} (bits 63:0, 127:64); lanes are read and written
 * with {@link #get} and {@link #set}, lane sizes in bits. Loads read everything before writing
 * any register, stores check the last page before writing the first byte, and the base is
 * written back only after the access succeeded, so a fault leaves the hart unchanged. The
 * saturating ops set FPSR.QC. Crypto ops other than PMULL are decoded only: executing one is an
 * illegal-instruction trap.
 */
final class A64Simd {
    private A64Simd() {
    }

    /**
     * Executes {@code i} at {@code pc} on hart {@code h}; returns the effective address of a
     * memory access (for the retire listener), or -1.
     */
    static long execute(A64Hart h, A64Insn i, long pc, Memory mem) {
        switch (i.op()) {
            case A64Op.V_LOAD, A64Op.V_STORE -> {
                return loadStore(h, i, pc, mem);
            }
            case A64Op.V_LDP, A64Op.V_STP -> {
                return pair(h, i, mem);
            }
            case A64Op.V_LD_MULTI, A64Op.V_ST_MULTI -> {
                return multi(h, i, mem);
            }
            case A64Op.V_LD_LANE, A64Op.V_ST_LANE, A64Op.V_LD_REPL -> {
                return single(h, i, mem);
            }
            default -> {
                if (A64Op.isCrypto(i.op())) {
                    throw new DecodeException(Arch.ARM64, pc, i.word(), "crypto extension not executed: "
                            + i.mnemonic());
                }
                A64SimdOps.dataProcessing(h, i);
                return -1;
            }
        }
    }

    // ---- register access

    static long[] read(A64Hart h, int n) {
        return new long[] {h.v[2 * n], h.v[2 * n + 1]};
    }

    /** Writes Vn; a 64-bit result ({@code q} false) clears bits 127:64. */
    static void write(A64Hart h, int n, long[] x, boolean q) {
        h.v[2 * n] = x[0];
        h.v[2 * n + 1] = q ? x[1] : 0;
    }

    /** Writes a scalar of {@code bits} bits into Vn, clearing the rest. */
    static void writeScalar(A64Hart h, int n, long x, int bits) {
        h.v[2 * n] = x & ones(bits);
        h.v[2 * n + 1] = 0;
    }

    static long ones(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    /** Lane {@code idx} of {@code es}-bit lanes, zero-extended. */
    static long get(long[] x, int idx, int es) {
        int bit = idx * es;
        long word = x[bit >>> 6];
        return es == 64 ? word : (word >>> (bit & 63)) & ((1L << es) - 1);
    }

    static void set(long[] x, int idx, int es, long value) {
        int bit = idx * es;
        if (es == 64) {
            x[bit >>> 6] = value;
            return;
        }
        long m = ((1L << es) - 1) << (bit & 63);
        x[bit >>> 6] = (x[bit >>> 6] & ~m) | ((value << (bit & 63)) & m);
    }

    // ---- memory

    private static long loadSized(Memory mem, int log2, long ea) {
        return A64Hart.load(mem, log2, ea); // MK_U8..MK_U64 are 0..3
    }

    private static void storeSized(Memory mem, int log2, long ea, long value) {
        A64Hart.store(mem, log2, ea, value);
    }

    /** Faults before anything is written when the last byte of a store is on an unwritable page. */
    private static void checkStore(Memory mem, long ea, long bytes) {
        long end = ea + bytes - 1;
        if ((end >>> Memory.PAGE_BITS) != (ea >>> Memory.PAGE_BITS) && (mem.permissions(end) & Memory.W) == 0) {
            throw new MemoryFault(end, Access.WRITE, mem.isMapped(end) ? "not writable" : "unmapped");
        }
    }

    /** Loads a B/H/S/D/Q register's worth at {@code ea}: {low, high}. */
    private static long[] loadRegister(Memory mem, int log2, long ea) {
        if (log2 == 4) {
            long lo = mem.load64(ea);
            return new long[] {lo, mem.load64(ea + 8)};
        }
        return new long[] {loadSized(mem, log2, ea), 0};
    }

    private static void storeRegister(Memory mem, int log2, long ea, long lo, long hi) {
        if (log2 == 4) {
            checkStore(mem, ea, 16);
            mem.store64(ea, lo);
            mem.store64(ea + 8, hi);
        } else {
            storeSized(mem, log2, ea, lo);
        }
    }

    private static long loadStore(A64Hart h, A64Insn i, long pc, Memory mem) {
        long[] r = h.r;
        long base = i.b() == A64Op.V_LITERAL ? pc : r[i.rn()];
        long ea = switch (i.b()) {
            case A64Op.V_POST -> base;
            case A64Op.V_REGISTER -> base + (A64Hart.extend(r[i.rm()], i.ra()) << i.imm());
            default -> base + i.imm();
        };
        int t = i.rd();
        if (i.op() == A64Op.V_LOAD) {
            long[] x = loadRegister(mem, i.a(), ea);
            h.v[2 * t] = x[0];
            h.v[2 * t + 1] = x[1];
        } else {
            storeRegister(mem, i.a(), ea, h.v[2 * t], h.v[2 * t + 1]);
        }
        if (i.b() == A64Op.V_PRE || i.b() == A64Op.V_POST) {
            r[i.rn()] = base + i.imm();
        }
        return ea;
    }

    private static long pair(A64Hart h, A64Insn i, Memory mem) {
        long[] r = h.r;
        long base = r[i.rn()];
        long ea = i.b() == A64Op.PAIR_POST ? base : base + i.imm();
        int log2 = i.a();
        int size = 1 << log2;
        int t1 = i.rd();
        int t2 = i.rm();
        if (i.op() == A64Op.V_LDP) {
            long[] x1 = loadRegister(mem, log2, ea);
            long[] x2 = loadRegister(mem, log2, ea + size);
            h.v[2 * t1] = x1[0];
            h.v[2 * t1 + 1] = x1[1];
            h.v[2 * t2] = x2[0];
            h.v[2 * t2 + 1] = x2[1];
        } else {
            checkStore(mem, ea, 2L * size);
            storeRegister(mem, log2, ea, h.v[2 * t1], h.v[2 * t1 + 1]);
            storeRegister(mem, log2, ea + size, h.v[2 * t2], h.v[2 * t2 + 1]);
        }
        if (i.b() != A64Op.PAIR_OFFSET) {
            r[i.rn()] = base + i.imm();
        }
        return ea;
    }

    /** Structure elements per register list of LD1-LD4 / ST1-ST4 (multiple), by opcode. */
    private static int selem(int opcode) {
        return switch (opcode) {
            case 0b0000 -> 4;
            case 0b0100 -> 3;
            case 0b1000 -> 2;
            default -> 1;
        };
    }

    private static long multi(A64Hart h, A64Insn i, Memory mem) {
        long[] r = h.r;
        long ea = r[i.rn()];
        int regs = (int) i.imm();
        int selem = selem(i.a());
        int rpt = regs / selem;
        int log2 = i.b() & 3;
        int es = 8 << log2;
        int elements = (i.sf() ? 128 : 64) / es;
        int t = i.rd();
        long bytes = (long) regs * (i.sf() ? 16 : 8);
        boolean load = i.op() == A64Op.V_LD_MULTI;
        long[][] vs = new long[regs][];
        for (int k = 0; k < regs; k++) {
            vs[k] = load ? new long[2] : read(h, (t + k) % 32);
        }
        if (!load) {
            checkStore(mem, ea, bytes);
        }
        long offs = 0;
        for (int rep = 0; rep < rpt; rep++) {
            for (int e = 0; e < elements; e++) {
                for (int s = 0; s < selem; s++) {
                    long[] x = vs[rep + s];
                    if (load) {
                        set(x, e, es, loadSized(mem, log2, ea + offs));
                    } else {
                        storeSized(mem, log2, ea + offs, get(x, e, es));
                    }
                    offs += es / 8;
                }
            }
        }
        if (load) {
            for (int k = 0; k < regs; k++) {
                write(h, (t + k) % 32, vs[k], i.sf());
            }
        }
        postIndex(h, i, bytes);
        return ea;
    }

    /** LDn / STn of one lane, and LDnR: a = lane, b = log2(element bytes), imm = structure elements. */
    private static long single(A64Hart h, A64Insn i, Memory mem) {
        long ea = h.r[i.rn()];
        int selem = (int) i.imm();
        int log2 = i.b() & 3;
        int es = 8 << log2;
        int t = i.rd();
        int ebytes = 1 << log2;
        if (i.op() == A64Op.V_ST_LANE) {
            checkStore(mem, ea, (long) selem * ebytes);
            for (int s = 0; s < selem; s++) {
                storeSized(mem, log2, ea + (long) s * ebytes, get(read(h, (t + s) % 32), i.a(), es));
            }
        } else {
            long[] values = new long[selem];
            for (int s = 0; s < selem; s++) {
                values[s] = loadSized(mem, log2, ea + (long) s * ebytes);
            }
            for (int s = 0; s < selem; s++) {
                int reg = (t + s) % 32;
                if (i.op() == A64Op.V_LD_LANE) {
                    long[] x = read(h, reg);
                    set(x, i.a(), es, values[s]);
                    write(h, reg, x, true);
                } else {
                    long[] x = new long[2];
                    for (int e = 0; e < 128 / es; e++) {
                        set(x, e, es, values[s]);
                    }
                    write(h, reg, x, i.sf());
                }
            }
        }
        postIndex(h, i, (long) selem * ebytes);
        return ea;
    }

    private static void postIndex(A64Hart h, A64Insn i, long bytes) {
        if ((i.b() & 4) != 0) {
            h.r[i.rn()] += i.rm() == A64Insn.ZR ? bytes : h.r[i.rm()];
        }
    }
}
