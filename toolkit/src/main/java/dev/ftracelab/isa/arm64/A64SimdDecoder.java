package dev.ftracelab.isa.arm64;

import static dev.ftracelab.isa.arm64.A64Insn.SP;
import static dev.ftracelab.isa.arm64.A64Insn.ZR;
import static dev.ftracelab.isa.arm64.A64Insn.ZR_SINK;

import dev.ftracelab.isa.InsnClass;
import dev.ftracelab.isa.arm64.A64Decoder.Row;
import java.util.List;

/**
 * Decoder rows for the Advanced SIMD and FP register file: loads and stores of B/H/S/D/Q
 * registers, moves between registers, integer vector operations and the crypto extensions.
 * {@link A64Decoder} consults these rows after its own for the same op0 groups; a handler
 * returns null for an encoding it does not cover (floating point is {@link A64FpDecoder}'s),
 * and the next matching row is tried.
 *
 * <p>Fields of the decoded {@link A64Insn}: {@code rd}, {@code rn}, {@code rm} are V register
 * numbers (or X registers where the instruction names one: a base, an index, the source of
 * DUP/INS, the destination of UMOV/SMOV); {@code sf} is Q (a 128-bit vector); for the
 * data-processing classes {@code a} is the class's U:opcode and {@code b} its size field, so
 * one op id ({@link A64Op#V_3SAME}, ...) covers a whole encoding class and the class's table
 * below names each opcode. The other classes document their fields in {@link A64Op}.
 *
 * <pre>{@code
 * A64Insn i = A64Decoder.decode(0, 0x4e218400);   // add v0.16b, v0.16b, v1.16b
 * i.op() == A64Op.V_3SAME; i.a() == 0b010000; i.b() == 0; i.sf();
 * }</pre>
 */
final class A64SimdDecoder {
    private A64SimdDecoder() {
    }

    /** Rows of the load/store groups (op0 = x1x0) whose V bit (26) is set. */
    static List<Row> loadsAndStores() {
        return List.of(
                new Row(0xbfbf0000, 0x0c000000, "advsimd load/store multiple structures", w -> multi(w, false)),
                new Row(0xbfa00000, 0x0c800000, "advsimd load/store multiple structures (post-indexed)",
                        w -> multi(w, true)),
                new Row(0xbf9f0000, 0x0d000000, "advsimd load/store single structure", w -> single(w, false)),
                new Row(0xbf800000, 0x0d800000, "advsimd load/store single structure (post-indexed)",
                        w -> single(w, true)),
                new Row(0x3f000000, 0x1c000000, "load register (literal), simd&fp", A64SimdDecoder::literal),
                new Row(0x3e000000, 0x2c000000, "load/store register pair, simd&fp", A64SimdDecoder::pair),
                new Row(0x3f200000, 0x3c000000, "load/store register (imm9), simd&fp", A64SimdDecoder::imm9),
                new Row(0x3f200c00, 0x3c200800, "load/store register (register offset), simd&fp",
                        A64SimdDecoder::regOffset),
                new Row(0x3f000000, 0x3d000000, "load/store register (unsigned immediate), simd&fp",
                        A64SimdDecoder::unsignedImm));
    }

    /** Rows of the data-processing SIMD&FP groups (op0 = x111) for integer vector work and moves. */
    static List<Row> dataProcessing() {
        return List.of(
                new Row(0xfffe0c00, 0x4e280800, "crypto aes", A64SimdDecoder::aes),
                new Row(0xffe08c00, 0x5e000000, "crypto three-register sha", A64SimdDecoder::sha3),
                new Row(0xfffe0c00, 0x5e280800, "crypto two-register sha", A64SimdDecoder::sha2),
                new Row(0xffe0f000, 0xce608000, "crypto three-register sha512", A64SimdDecoder::sha512x3),
                new Row(0xfffff000, 0xcec08000, "crypto two-register sha512", A64SimdDecoder::sha512x2),
                new Row(0xff808000, 0xce000000, "crypto four-register", A64SimdDecoder::crypto4),
                new Row(0xffe00000, 0xce800000, "crypto xar", A64SimdDecoder::xar),
                new Row(0x9fe08400, 0x0e000400, "advsimd copy", A64SimdDecoder::copy),
                new Row(0xffe08400, 0x5e000400, "advsimd scalar copy", A64SimdDecoder::scalarCopy),
                new Row(0xbfe08c00, 0x0e000000, "advsimd table lookup", A64SimdDecoder::table),
                new Row(0xbf208c00, 0x0e000800, "advsimd permute", A64SimdDecoder::permute),
                new Row(0xbf208400, 0x2e000000, "advsimd extract", A64SimdDecoder::extract),
                new Row(0x9f200400, 0x0e200400, "advsimd three same", w -> threeSame(w, false)),
                new Row(0xdf200400, 0x5e200400, "advsimd scalar three same", w -> threeSame(w, true)),
                new Row(0x9f200c00, 0x0e200000, "advsimd three different", A64SimdDecoder::threeDiff),
                new Row(0x9f3e0c00, 0x0e200800, "advsimd two-register misc", w -> twoMisc(w, false)),
                new Row(0xdf3e0c00, 0x5e200800, "advsimd scalar two-register misc", w -> twoMisc(w, true)),
                new Row(0x9f3e0c00, 0x0e300800, "advsimd across lanes", A64SimdDecoder::across),
                new Row(0xff3e0c00, 0x5e300800, "advsimd scalar pairwise", A64SimdDecoder::scalarPairwise),
                new Row(0x9ff80c00, 0x0f000400, "advsimd modified immediate", A64SimdDecoder::modifiedImm),
                new Row(0x9f800400, 0x0f000400, "advsimd shift by immediate", w -> shiftImm(w, false)),
                new Row(0xdf800400, 0x5f000400, "advsimd scalar shift by immediate", w -> shiftImm(w, true)),
                new Row(0x9f000400, 0x0f000000, "advsimd vector x indexed element", A64SimdDecoder::byElement),
                new Row(0x7f20fc00, 0x1e200000, "conversion between fp and integer (fmov)",
                        A64SimdDecoder::fmovGeneral),
                new Row(0xff3ffc00, 0x1e204000, "fp data-processing 1 source (fmov)", A64SimdDecoder::fmovRegister));
    }

    // ---- tables: U:opcode -> mnemonic "/" allowed sizes (b h s d); null = not ours

    /** Three same, vector: index U:opcode (6 bits). Logic (opcode 00011) is chosen by size, see {@link #LOGIC}. */
    static final String[] THREE_SAME = table(64,
            0b000000, "shadd/bhs", 0b000001, "sqadd/bhsd", 0b000010, "srhadd/bhs", 0b000100, "shsub/bhs",
            0b000101, "sqsub/bhsd", 0b000110, "cmgt/bhsd", 0b000111, "cmge/bhsd", 0b001000, "sshl/bhsd",
            0b001001, "sqshl/bhsd", 0b001010, "srshl/bhsd", 0b001011, "sqrshl/bhsd", 0b001100, "smax/bhs",
            0b001101, "smin/bhs", 0b001110, "sabd/bhs", 0b001111, "saba/bhs", 0b010000, "add/bhsd",
            0b010001, "cmtst/bhsd", 0b010010, "mla/bhs", 0b010011, "mul/bhs", 0b010100, "smaxp/bhs",
            0b010101, "sminp/bhs", 0b010110, "sqdmulh/hs", 0b010111, "addp/bhsd",
            0b100000, "uhadd/bhs", 0b100001, "uqadd/bhsd", 0b100010, "urhadd/bhs", 0b100100, "uhsub/bhs",
            0b100101, "uqsub/bhsd", 0b100110, "cmhi/bhsd", 0b100111, "cmhs/bhsd", 0b101000, "ushl/bhsd",
            0b101001, "uqshl/bhsd", 0b101010, "urshl/bhsd", 0b101011, "uqrshl/bhsd", 0b101100, "umax/bhs",
            0b101101, "umin/bhs", 0b101110, "uabd/bhs", 0b101111, "uaba/bhs", 0b110000, "sub/bhsd",
            0b110001, "cmeq/bhsd", 0b110010, "mls/bhs", 0b110011, "pmul/b", 0b110100, "umaxp/bhs",
            0b110101, "uminp/bhs", 0b110110, "sqrdmulh/hs");

    /** Three same, scalar: index U:opcode. */
    static final String[] SCALAR_THREE_SAME = table(64,
            0b000001, "sqadd/bhsd", 0b000101, "sqsub/bhsd", 0b000110, "cmgt/d", 0b000111, "cmge/d",
            0b001000, "sshl/d", 0b001001, "sqshl/bhsd", 0b001010, "srshl/d", 0b001011, "sqrshl/bhsd",
            0b010000, "add/d", 0b010001, "cmtst/d", 0b010110, "sqdmulh/hs",
            0b100001, "uqadd/bhsd", 0b100101, "uqsub/bhsd", 0b100110, "cmhi/d", 0b100111, "cmhs/d",
            0b101000, "ushl/d", 0b101001, "uqshl/bhsd", 0b101010, "urshl/d", 0b101011, "uqrshl/bhsd",
            0b110000, "sub/d", 0b110001, "cmeq/d", 0b110110, "sqrdmulh/hs");

    /** The logic ops of three same opcode 00011 by U:size. */
    static final String[] LOGIC = {"and", "bic", "orr", "orn", "eor", "bsl", "bit", "bif"};

    /** Three different: index U:opcode (5 bits); sizes of the narrow operands. */
    static final String[] THREE_DIFF = table(32,
            0b00000, "saddl/bhs", 0b00001, "saddw/bhs", 0b00010, "ssubl/bhs", 0b00011, "ssubw/bhs",
            0b00100, "addhn/bhs", 0b00101, "sabal/bhs", 0b00110, "subhn/bhs", 0b00111, "sabdl/bhs",
            0b01000, "smlal/bhs", 0b01010, "smlsl/bhs", 0b01100, "smull/bhs", 0b01110, "pmull/bd",
            0b10000, "uaddl/bhs", 0b10001, "uaddw/bhs", 0b10010, "usubl/bhs", 0b10011, "usubw/bhs",
            0b10100, "raddhn/bhs", 0b10101, "uabal/bhs", 0b10110, "rsubhn/bhs", 0b10111, "uabdl/bhs",
            0b11000, "umlal/bhs", 0b11010, "umlsl/bhs", 0b11100, "umull/bhs");

    /** Two-register misc, vector: index U:opcode. NOT and RBIT (100101) are chosen by size. */
    static final String[] TWO_MISC = table(64,
            0b000000, "rev64/bhs", 0b000001, "rev16/b", 0b000010, "saddlp/bhs", 0b000011, "suqadd/bhsd",
            0b000100, "cls/bhs", 0b000101, "cnt/b", 0b000110, "sadalp/bhs", 0b000111, "sqabs/bhsd",
            0b001000, "cmgt/bhsd", 0b001001, "cmeq/bhsd", 0b001010, "cmlt/bhsd", 0b001011, "abs/bhsd",
            0b010010, "xtn/bhs", 0b010100, "sqxtn/bhs",
            0b100000, "rev32/bh", 0b100010, "uaddlp/bhs", 0b100011, "usqadd/bhsd", 0b100100, "clz/bhs",
            0b100110, "uadalp/bhs", 0b100111, "sqneg/bhsd", 0b101000, "cmge/bhsd", 0b101001, "cmle/bhsd",
            0b101011, "neg/bhsd", 0b110010, "sqxtun/bhs", 0b110011, "shll/bhs", 0b110100, "uqxtn/bhs");

    /** Two-register misc, scalar: index U:opcode. */
    static final String[] SCALAR_TWO_MISC = table(64,
            0b000011, "suqadd/bhsd", 0b000111, "sqabs/bhsd", 0b001000, "cmgt/d", 0b001001, "cmeq/d",
            0b001010, "cmlt/d", 0b001011, "abs/d", 0b010100, "sqxtn/bhs",
            0b100011, "usqadd/bhsd", 0b100111, "sqneg/bhsd", 0b101000, "cmge/d", 0b101001, "cmle/d",
            0b101011, "neg/d", 0b110010, "sqxtun/bhs", 0b110100, "uqxtn/bhs");

    /** Across lanes: index U:opcode. */
    static final String[] ACROSS = table(64,
            0b000011, "saddlv/bhs", 0b001010, "smaxv/bhs", 0b011010, "sminv/bhs", 0b011011, "addv/bhs",
            0b100011, "uaddlv/bhs", 0b101010, "umaxv/bhs", 0b111010, "uminv/bhs");

    /** Shift by immediate, vector: index U:opcode; sizes allowed by immh. */
    static final String[] SHIFT = table(64,
            0b000000, "sshr/bhsd", 0b000010, "ssra/bhsd", 0b000100, "srshr/bhsd", 0b000110, "srsra/bhsd",
            0b001010, "shl/bhsd", 0b001110, "sqshl/bhsd", 0b010000, "shrn/bhs", 0b010001, "rshrn/bhs",
            0b010010, "sqshrn/bhs", 0b010011, "sqrshrn/bhs", 0b010100, "sshll/bhs",
            0b100000, "ushr/bhsd", 0b100010, "usra/bhsd", 0b100100, "urshr/bhsd", 0b100110, "ursra/bhsd",
            0b101000, "sri/bhsd", 0b101010, "sli/bhsd", 0b101100, "sqshlu/bhsd", 0b101110, "uqshl/bhsd",
            0b110000, "sqshrun/bhs", 0b110001, "sqrshrun/bhs", 0b110010, "uqshrn/bhs", 0b110011, "uqrshrn/bhs",
            0b110100, "ushll/bhs");

    /** Shift by immediate, scalar: index U:opcode. */
    static final String[] SCALAR_SHIFT = table(64,
            0b000000, "sshr/d", 0b000010, "ssra/d", 0b000100, "srshr/d", 0b000110, "srsra/d",
            0b001010, "shl/d", 0b001110, "sqshl/bhsd", 0b010010, "sqshrn/bhs", 0b010011, "sqrshrn/bhs",
            0b100000, "ushr/d", 0b100010, "usra/d", 0b100100, "urshr/d", 0b100110, "ursra/d",
            0b101000, "sri/d", 0b101010, "sli/d", 0b101100, "sqshlu/bhsd", 0b101110, "uqshl/bhsd",
            0b110000, "sqshrun/bhs", 0b110001, "sqrshrun/bhs", 0b110010, "uqshrn/bhs", 0b110011, "uqrshrn/bhs");

    /** Vector x indexed element (integer): index U:opcode (5 bits). */
    static final String[] BY_ELEMENT = table(32,
            0b00010, "smlal/hs", 0b00110, "smlsl/hs", 0b01000, "mul/hs", 0b01010, "smull/hs",
            0b01100, "sqdmulh/hs", 0b01101, "sqrdmulh/hs",
            0b10000, "mla/hs", 0b10010, "umlal/hs", 0b10100, "mls/hs", 0b10110, "umlsl/hs", 0b11010, "umull/hs");

    private static String[] table(int n, Object... pairs) {
        String[] t = new String[n];
        for (int k = 0; k < pairs.length; k += 2) {
            t[(Integer) pairs[k]] = (String) pairs[k + 1];
        }
        return t;
    }

    /** The mnemonic of a table entry if {@code size} is allowed, else null. */
    private static String entry(String[] table, int index, int size) {
        String e = table[index];
        if (e == null) {
            return null;
        }
        int slash = e.indexOf('/');
        return e.indexOf("bhsd".charAt(size), slash) > 0 ? e.substring(0, slash) : null;
    }

    // ---- field helpers

    private static int bits(int w, int hi, int lo) {
        return (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static A64Insn insn(int w, int op, InsnClass cls, String mn, int rd, int rn, int rm, int ra, long imm,
            int a, int b, boolean q, long reads, long writes) {
        return new A64Insn(w, op, cls.ordinal(), mn, rd, rn, rm, ra, imm, a, b, q, reads, writes);
    }

    /** A register-to-register vector op: no X register read or written. */
    private static A64Insn vec(int w, int op, String mn, int a, int b, long imm) {
        return insn(w, op, InsnClass.ALU, mn, bits(w, 4, 0), bits(w, 9, 5), bits(w, 20, 16), ZR, imm, a, b,
                bits(w, 30, 30) == 1, 0, 0);
    }

    private static boolean q(int w) {
        return bits(w, 30, 30) == 1;
    }

    // ---- loads and stores

    /** A single-register load or store; {@code log2} is the access size, {@code rm} an index register or ZR. */
    private static A64Insn ldst(int w, int log2, int mode, long imm, int rm, int extend, String mn, boolean load) {
        int rn = bits(w, 9, 5);
        boolean wb = mode == A64Op.V_PRE || mode == A64Op.V_POST;
        long base = mode == A64Op.V_LITERAL ? 0 : A64Decoder.mask(rn, rm);
        return insn(w, load ? A64Op.V_LOAD : A64Op.V_STORE, load ? InsnClass.LOAD : InsnClass.STORE, mn,
                bits(w, 4, 0), mode == A64Op.V_LITERAL ? ZR : rn, rm, extend, imm, log2, mode, log2 == 4,
                base, wb ? A64Decoder.mask(rn) : 0);
    }

    /** log2 of the access size of a size:opc load/store, or -1 if reserved. */
    private static int log2Size(int w) {
        int size = bits(w, 31, 30);
        return bits(w, 23, 23) == 0 ? size : size == 0 ? 4 : -1;
    }

    private static A64Insn unsignedImm(int w) {
        int log2 = log2Size(w);
        if (log2 < 0) {
            return null;
        }
        boolean load = bits(w, 22, 22) == 1;
        return ldst(w, log2, A64Op.V_OFFSET, (long) bits(w, 21, 10) << log2, ZR, 0, load ? "ldr" : "str", load);
    }

    private static A64Insn imm9(int w) {
        int log2 = log2Size(w);
        int kind = bits(w, 11, 10);
        if (log2 < 0 || kind == 2) {
            return null; // LDTR/STTR have no SIMD&FP form
        }
        boolean load = bits(w, 22, 22) == 1;
        long imm = A64Decoder.sext(bits(w, 20, 12), 9);
        int mode = kind == 0 ? A64Op.V_OFFSET : kind == 1 ? A64Op.V_POST : A64Op.V_PRE;
        String mn = (load ? "ld" : "st") + (kind == 0 ? "ur" : "r");
        return ldst(w, log2, mode, imm, ZR, 0, mn, load);
    }

    private static A64Insn regOffset(int w) {
        int log2 = log2Size(w);
        int option = bits(w, 15, 13);
        if (log2 < 0 || (option & 2) == 0) {
            return null;
        }
        boolean load = bits(w, 22, 22) == 1;
        int shift = bits(w, 12, 12) == 1 ? log2 : 0;
        int rm = bits(w, 20, 16);
        return ldst(w, log2, A64Op.V_REGISTER, shift, rm == 31 ? ZR : rm, option, load ? "ldr" : "str", load);
    }

    private static A64Insn literal(int w) {
        int opc = bits(w, 31, 30);
        if (opc == 3) {
            return null;
        }
        return ldst(w, opc + 2, A64Op.V_LITERAL, A64Decoder.sext(bits(w, 23, 5), 19) << 2, ZR, 0, "ldr", true);
    }

    private static A64Insn pair(int w) {
        int opc = bits(w, 31, 30);
        boolean load = bits(w, 22, 22) == 1;
        int modeBits = bits(w, 24, 23);
        if (opc == 3) {
            return null;
        }
        int log2 = opc + 2;
        long imm = A64Decoder.sext(bits(w, 21, 15), 7) << log2;
        int mode = switch (modeBits) {
            case 1 -> A64Op.PAIR_POST;
            case 3 -> A64Op.PAIR_PRE;
            default -> A64Op.PAIR_OFFSET;
        };
        int rt = bits(w, 4, 0);
        int rt2 = bits(w, 14, 10);
        if (load && rt == rt2) {
            return null; // unpredictable; objdump says undefined
        }
        String mn = (load ? "ld" : "st") + (modeBits == 0 ? "np" : "p");
        int rn = bits(w, 9, 5);
        boolean wb = mode != A64Op.PAIR_OFFSET;
        return insn(w, load ? A64Op.V_LDP : A64Op.V_STP, load ? InsnClass.LOAD : InsnClass.STORE, mn, rt, rn, rt2,
                ZR, imm, log2, mode, log2 == 4, A64Decoder.mask(rn), wb ? A64Decoder.mask(rn) : 0);
    }

    /** LD1-LD4 / ST1-ST4 (multiple structures): opcode -> registers, structure elements. */
    private static A64Insn multi(int w, boolean post) {
        int opcode = bits(w, 15, 12);
        int size = bits(w, 11, 10);
        boolean load = bits(w, 22, 22) == 1;
        int regs;
        int selem;
        switch (opcode) {
            case 0b0000 -> { regs = 4; selem = 4; }
            case 0b0010 -> { regs = 4; selem = 1; }
            case 0b0100 -> { regs = 3; selem = 3; }
            case 0b0110 -> { regs = 3; selem = 1; }
            case 0b0111 -> { regs = 1; selem = 1; }
            case 0b1000 -> { regs = 2; selem = 2; }
            case 0b1010 -> { regs = 2; selem = 1; }
            default -> {
                return null;
            }
        }
        if (selem > 1 && size == 3 && !q(w)) {
            return null;
        }
        String mn = (load ? "ld" : "st") + selem;
        return structure(w, load ? A64Op.V_LD_MULTI : A64Op.V_ST_MULTI, mn, post, opcode, size, regs, load);
    }

    /** LD1-LD4 / ST1-ST4 (single structure) and LD1R-LD4R. */
    private static A64Insn single(int w, boolean post) {
        boolean load = bits(w, 22, 22) == 1;
        int opcode = bits(w, 15, 13);
        int s = bits(w, 12, 12);
        int size = bits(w, 11, 10);
        int qv = bits(w, 30, 30);
        int selem = ((opcode & 1) << 1 | bits(w, 21, 21)) + 1;
        int scale = opcode >>> 1;
        int lane;
        switch (scale) {
            case 0 -> lane = qv << 3 | s << 2 | size;
            case 1 -> {
                if ((size & 1) != 0) {
                    return null;
                }
                lane = qv << 2 | s << 1 | size >>> 1;
            }
            case 2 -> {
                if (size == 0) {
                    lane = qv << 1 | s;
                } else if (size == 1 && s == 0) {
                    scale = 3;
                    lane = qv;
                } else {
                    return null;
                }
            }
            default -> {
                if (!load || s != 0) {
                    return null;
                }
                return structure(w, A64Op.V_LD_REPL, "ld" + selem + "r", post, 0, size, selem, true);
            }
        }
        String mn = (load ? "ld" : "st") + selem;
        A64Insn i = structure(w, load ? A64Op.V_LD_LANE : A64Op.V_ST_LANE, mn, post, lane, scale, selem, load);
        return i;
    }

    /** A structure load/store: a = opcode or lane, b = size | post << 2, imm = registers, rm = Xm or ZR. */
    private static A64Insn structure(int w, int op, String mn, boolean post, int a, int size, int regs,
            boolean load) {
        int rn = bits(w, 9, 5);
        int rmField = bits(w, 20, 16);
        int rm = post && rmField != 31 ? rmField : ZR;
        return insn(w, op, load ? InsnClass.LOAD : InsnClass.STORE, mn, bits(w, 4, 0), rn, rm, ZR, regs, a,
                size | (post ? 4 : 0), q(w), A64Decoder.mask(rn, rm), post ? A64Decoder.mask(rn) : 0);
    }

    // ---- moves and permutes

    private static A64Insn copy(int w) {
        int imm5 = bits(w, 20, 16);
        int imm4 = bits(w, 14, 11);
        boolean op = bits(w, 29, 29) == 1;
        boolean qb = q(w);
        int size = Integer.numberOfTrailingZeros(imm5);
        if (size > 3) {
            return null;
        }
        int index = imm5 >>> (size + 1);
        int rd = bits(w, 4, 0);
        int rn = bits(w, 9, 5);
        if (op) {
            if (!qb) {
                return null;
            }
            return insn(w, A64Op.V_INS_ELEM, InsnClass.ALU, "ins", rd, rn, ZR, ZR, index, size, imm4 >>> size, true,
                    0, 0);
        }
        return switch (imm4) {
            case 0b0000 -> size == 3 && !qb ? null
                    : insn(w, A64Op.V_DUP_ELEM, InsnClass.ALU, "dup", rd, rn, ZR, ZR, index, size, 0, qb, 0, 0);
            case 0b0001 -> size == 3 && !qb ? null
                    : insn(w, A64Op.V_DUP_GEN, InsnClass.ALU, "dup", rd, rn == 31 ? ZR : rn, ZR, ZR, index, size, 0,
                            qb, A64Decoder.mask(rn == 31 ? ZR : rn), 0);
            case 0b0011 -> !qb ? null
                    : insn(w, A64Op.V_INS_GEN, InsnClass.ALU, "ins", rd, rn == 31 ? ZR : rn, ZR, ZR, index, size, 0,
                            true, A64Decoder.mask(rn == 31 ? ZR : rn), 0);
            case 0b0101 -> (qb ? size > 2 : size > 1) ? null
                    : insn(w, A64Op.V_SMOV, InsnClass.ALU, "smov", rd == 31 ? ZR_SINK : rd, rn, ZR, ZR, index, size, 0,
                            qb, 0, A64Decoder.mask(rd == 31 ? ZR_SINK : rd));
            case 0b0111 -> (qb ? size != 3 : size > 2) ? null
                    : insn(w, A64Op.V_UMOV, InsnClass.ALU, "umov", rd == 31 ? ZR_SINK : rd, rn, ZR, ZR, index, size, 0,
                            qb, 0, A64Decoder.mask(rd == 31 ? ZR_SINK : rd));
            default -> null;
        };
    }

    private static A64Insn scalarCopy(int w) {
        int imm5 = bits(w, 20, 16);
        int size = Integer.numberOfTrailingZeros(imm5);
        if (bits(w, 14, 11) != 0 || size > 3) {
            return null;
        }
        return insn(w, A64Op.S_DUP_ELEM, InsnClass.ALU, "dup", bits(w, 4, 0), bits(w, 9, 5), ZR, ZR,
                imm5 >>> (size + 1), size, 0, false, 0, 0);
    }

    private static A64Insn table(int w) {
        boolean tbx = bits(w, 12, 12) == 1;
        return vec(w, A64Op.V_TBL, tbx ? "tbx" : "tbl", bits(w, 14, 13) + 1, tbx ? 1 : 0, 0);
    }

    private static A64Insn permute(int w) {
        int opcode = bits(w, 14, 12);
        int size = bits(w, 23, 22);
        if ((opcode & 3) == 0 || (size == 3 && !q(w))) {
            return null;
        }
        String mn = new String[] {null, "uzp1", "trn1", "zip1", null, "uzp2", "trn2", "zip2"}[opcode];
        return vec(w, A64Op.V_PERM, mn, opcode, size, 0);
    }

    private static A64Insn extract(int w) {
        int imm4 = bits(w, 14, 11);
        if (bits(w, 23, 22) != 0 || (!q(w) && imm4 >= 8)) {
            return null;
        }
        return vec(w, A64Op.V_EXT, "ext", 0, 0, imm4);
    }

    /**
     * AdvSIMDExpandImm: the 64-bit pattern of MOVI/MVNI/ORR/BIC, or null for FMOV (vector,
     * immediate), which is floating point's.
     */
    private static A64Insn modifiedImm(int w) {
        int cmode = bits(w, 15, 12);
        boolean op = bits(w, 29, 29) == 1;
        long imm8 = bits(w, 18, 16) << 5 | bits(w, 9, 5);
        if (cmode == 0b1111) {
            return null;
        }
        long lane;
        int kind; // 0 movi, 1 mvni, 2 orr, 3 bic
        if (cmode < 8) {
            lane = replicate(imm8 << (8 * (cmode >>> 1)), 32);
            kind = (cmode & 1) == 0 ? (op ? 1 : 0) : (op ? 3 : 2);
        } else if (cmode < 12) {
            lane = replicate(imm8 << (8 * ((cmode >>> 1) & 1)), 16);
            kind = (cmode & 1) == 0 ? (op ? 1 : 0) : (op ? 3 : 2);
        } else if (cmode < 14) {
            lane = replicate(cmode == 12 ? imm8 << 8 | 0xff : imm8 << 16 | 0xffff, 32);
            kind = op ? 1 : 0;
        } else if (!op) {
            lane = replicate(imm8, 8);
            kind = 0;
        } else {
            lane = 0;
            for (int k = 0; k < 8; k++) {
                lane |= ((imm8 >>> k) & 1) * (0xffL << (8 * k));
            }
            kind = 0;
        }
        String mn = new String[] {"movi", "mvni", "orr", "bic"}[kind];
        return vec(w, A64Op.V_MOVI, mn, kind, cmode, lane);
    }

    private static long replicate(long v, int esize) {
        long r = v;
        for (int e = esize; e < 64; e *= 2) {
            r |= r << e;
        }
        return r;
    }

    // ---- integer data processing

    private static A64Insn threeSame(int w, boolean scalar) {
        int index = bits(w, 29, 29) << 5 | bits(w, 15, 11);
        int size = bits(w, 23, 22);
        if (!scalar && (index & 0x1f) == 0b00011) {
            return vec(w, A64Op.V_3SAME, LOGIC[bits(w, 29, 29) << 2 | size], index, size, 0);
        }
        String mn = entry(scalar ? SCALAR_THREE_SAME : THREE_SAME, index, size);
        if (mn == null || (!scalar && size == 3 && !q(w))) {
            return null;
        }
        return vec(w, scalar ? A64Op.S_3SAME : A64Op.V_3SAME, mn, index, size, 0);
    }

    private static A64Insn threeDiff(int w) {
        int index = bits(w, 29, 29) << 4 | bits(w, 15, 12);
        int size = bits(w, 23, 22);
        String mn = entry(THREE_DIFF, index, size);
        if (mn == null) {
            return null;
        }
        return vec(w, A64Op.V_3DIFF, q(w) ? mn + "2" : mn, index, size, 0);
    }

    private static A64Insn twoMisc(int w, boolean scalar) {
        int index = bits(w, 29, 29) << 5 | bits(w, 16, 12);
        int size = bits(w, 23, 22);
        String mn;
        if (!scalar && index == 0b100101) {
            mn = size == 0 ? "not" : size == 1 ? "rbit" : null;
        } else {
            mn = entry(scalar ? SCALAR_TWO_MISC : TWO_MISC, index, size);
        }
        if (mn == null || (!scalar && size == 3 && !q(w))) {
            return null;
        }
        boolean narrow = (index & 0x1f) == 0b10010 || (index & 0x1f) == 0b10100 || index == 0b110011;
        if (!scalar && narrow && q(w)) {
            mn = mn + "2";
        }
        return vec(w, scalar ? A64Op.S_2MISC : A64Op.V_2MISC, mn, index, size, 0);
    }

    private static A64Insn across(int w) {
        int index = bits(w, 29, 29) << 5 | bits(w, 16, 12);
        int size = bits(w, 23, 22);
        String mn = entry(ACROSS, index, size);
        if (mn == null || (size == 2 && !q(w))) {
            return null;
        }
        return vec(w, A64Op.V_ACROSS, mn, index, size, 0);
    }

    private static A64Insn scalarPairwise(int w) {
        if (bits(w, 16, 12) != 0b11011 || bits(w, 23, 22) != 3) {
            return null; // the FP pairwise ops are floating point's
        }
        return vec(w, A64Op.S_ADDP, "addp", 0, 3, 0);
    }

    private static A64Insn shiftImm(int w, boolean scalar) {
        int immh = bits(w, 22, 19);
        int index = bits(w, 29, 29) << 5 | bits(w, 15, 11);
        if (immh == 0) {
            return null; // modified immediate (FMOV's forms land here too)
        }
        int size = 31 - Integer.numberOfLeadingZeros(immh);
        String mn = entry(scalar ? SCALAR_SHIFT : SHIFT, index, size);
        if (mn == null || (!scalar && size == 3 && !q(w))) {
            return null;
        }
        int op = index & 0x1f;
        boolean narrowOrLong = op >= 0b10000;
        if (!scalar && narrowOrLong && q(w)) {
            mn = mn + "2";
        }
        return vec(w, scalar ? A64Op.S_SHIFT : A64Op.V_SHIFT, mn, index, bits(w, 22, 16), size);
    }

    private static A64Insn byElement(int w) {
        int index = bits(w, 29, 29) << 4 | bits(w, 15, 12);
        int size = bits(w, 23, 22);
        String mn = entry(BY_ELEMENT, index, size);
        if (mn == null) {
            return null;
        }
        int h = bits(w, 11, 11);
        int l = bits(w, 21, 21);
        int m = bits(w, 20, 20);
        int lane = size == 1 ? h << 2 | l << 1 | m : h << 1 | l;
        int rm = size == 1 ? bits(w, 19, 16) : bits(w, 20, 16);
        boolean longOp = (index & 0b0011) == 0b0010;
        String name = longOp && q(w) ? mn + "2" : mn;
        return insn(w, A64Op.V_ELEM, InsnClass.ALU, name, bits(w, 4, 0), bits(w, 9, 5), rm, ZR, lane, index, size,
                q(w), 0, 0);
    }

    /** FMOV between a general register and an FP register or the top half of a vector. */
    private static A64Insn fmovGeneral(int w) {
        boolean sf = w < 0;
        int type = bits(w, 23, 22);
        int rmode = bits(w, 20, 19);
        int opcode = bits(w, 18, 16);
        if (bits(w, 29, 29) != 0 || (opcode & 6) != 6) {
            return null;
        }
        int log2;
        if (rmode == 0 && type == 0 && !sf) {
            log2 = 2;
        } else if (rmode == 0 && type == 1 && sf) {
            log2 = 3;
        } else if (rmode == 0 && type == 3) {
            log2 = 1;
        } else if (rmode == 1 && type == 2 && sf) {
            log2 = 4; // Vn.D[1]
        } else {
            return null;
        }
        boolean toGeneral = opcode == 6;
        int rd = bits(w, 4, 0);
        int rn = bits(w, 9, 5);
        if (toGeneral) {
            int xd = rd == 31 ? ZR_SINK : rd;
            return insn(w, A64Op.V_FMOV_GEN, InsnClass.ALU, "fmov", xd, rn, ZR, ZR, 0, 0, log2, sf, 0, A64Decoder.mask(xd));
        }
        int xn = rn == 31 ? ZR : rn;
        return insn(w, A64Op.V_FMOV_GEN, InsnClass.ALU, "fmov", rd, xn, ZR, ZR, 0, 1, log2, sf, A64Decoder.mask(xn), 0);
    }

    private static A64Insn fmovRegister(int w) {
        int type = bits(w, 23, 22);
        if (type == 2) {
            return null;
        }
        int log2 = type == 0 ? 2 : type == 1 ? 3 : 1;
        return insn(w, A64Op.V_FMOV_REG, InsnClass.ALU, "fmov", bits(w, 4, 0), bits(w, 9, 5), ZR, ZR, 0, 0, log2,
                false, 0, 0);
    }

    // ---- crypto (decoded and printed only)

    private static A64Insn crypto(int w, int op, String mn, int a) {
        return insn(w, op, InsnClass.ALU, mn, bits(w, 4, 0), bits(w, 9, 5), bits(w, 20, 16), bits(w, 14, 10),
                bits(w, 15, 10), a, 0, true, 0, 0);
    }

    private static A64Insn aes(int w) {
        int opcode = bits(w, 16, 12);
        if (opcode < 4 || opcode > 7) {
            return null;
        }
        return crypto(w, A64Op.C_AES, new String[] {"aese", "aesd", "aesmc", "aesimc"}[opcode - 4], opcode);
    }

    private static A64Insn sha3(int w) {
        int opcode = bits(w, 14, 12);
        if (opcode == 7) {
            return null;
        }
        String mn = new String[] {"sha1c", "sha1p", "sha1m", "sha1su0", "sha256h", "sha256h2", "sha256su1"}[opcode];
        return crypto(w, A64Op.C_SHA_3REG, mn, opcode);
    }

    private static A64Insn sha2(int w) {
        int opcode = bits(w, 16, 12);
        if (opcode > 2) {
            return null;
        }
        return crypto(w, A64Op.C_SHA_2REG, new String[] {"sha1h", "sha1su1", "sha256su0"}[opcode], opcode);
    }

    private static A64Insn sha512x3(int w) {
        int opcode = bits(w, 11, 10);
        return crypto(w, A64Op.C_SHA512_3REG, new String[] {"sha512h", "sha512h2", "sha512su1", "rax1"}[opcode],
                opcode);
    }

    private static A64Insn sha512x2(int w) {
        int opcode = bits(w, 11, 10);
        return opcode != 0 ? null : crypto(w, A64Op.C_SHA512_2REG, "sha512su0", 0);
    }

    private static A64Insn crypto4(int w) {
        int op0 = bits(w, 22, 21);
        if (op0 > 1) {
            return null;
        }
        return crypto(w, A64Op.C_4REG, op0 == 0 ? "eor3" : "bcax", op0);
    }

    private static A64Insn xar(int w) {
        return crypto(w, A64Op.C_XAR, "xar", 0);
    }
}
