package dev.ftracelab.isa.arm64;

/**
 * Operation ids of {@link A64Insn#op()}: small dense ints so the executor's run loop is one
 * {@code switch}. Aliases (mov, cmp, lsl, ...) share the id of the instruction they alias.
 */
public final class A64Op {
    private A64Op() {
    }

    // Data processing, immediate
    public static final int ADD_IMM = 0, ADDS_IMM = 1, SUB_IMM = 2, SUBS_IMM = 3;
    public static final int AND_IMM = 4, ORR_IMM = 5, EOR_IMM = 6, ANDS_IMM = 7;
    public static final int MOVN = 8, MOVZ = 9, MOVK = 10;
    public static final int SBFM = 11, BFM = 12, UBFM = 13, EXTR = 14;
    public static final int ADR = 15, ADRP = 16;
    // Data processing, register
    public static final int ADD_SHIFT = 17, ADDS_SHIFT = 18, SUB_SHIFT = 19, SUBS_SHIFT = 20;
    public static final int ADD_EXT = 21, ADDS_EXT = 22, SUB_EXT = 23, SUBS_EXT = 24;
    public static final int AND = 25, BIC = 26, ORR = 27, ORN = 28, EOR = 29, EON = 30, ANDS = 31, BICS = 32;
    public static final int ADC = 33, ADCS = 34, SBC = 35, SBCS = 36;
    public static final int CCMN_REG = 37, CCMP_REG = 38, CCMN_IMM = 39, CCMP_IMM = 40;
    public static final int CSEL = 41, CSINC = 42, CSINV = 43, CSNEG = 44;
    public static final int RBIT = 45, REV16 = 46, REV32 = 47, REV = 48, CLZ = 49, CLS = 50;
    public static final int UDIV = 51, SDIV = 52, LSLV = 53, LSRV = 54, ASRV = 55, RORV = 56;
    public static final int MADD = 57, MSUB = 58, SMADDL = 59, SMSUBL = 60, UMADDL = 61, UMSUBL = 62;
    public static final int SMULH = 63, UMULH = 64;
    // Loads and stores; a = memory kind (MK_*), for register offset b = extend option, imm = shift
    public static final int LDR_IMM = 65, LDR_PRE = 66, LDR_POST = 67, LDR_REG = 68, LDR_LIT = 69;
    public static final int STR_IMM = 70, STR_PRE = 71, STR_POST = 72, STR_REG = 73;
    /** Pairs: a = MK_U32, MK_U64 or MK_S32_64 (ldpsw), b = PAIR_OFFSET / PAIR_PRE / PAIR_POST. */
    public static final int LDP = 74, STP = 75;
    /** Exclusives and acquire/release: a = log2(size). */
    public static final int LDXR = 76, STXR = 77, LDAR = 78, STLR = 79;
    /** LSE atomics: a = log2(size). */
    public static final int LD_ADD = 80, LD_CLR = 81, LD_EOR = 82, LD_SET = 83, LD_SMAX = 84, LD_SMIN = 85,
            LD_UMAX = 86, LD_UMIN = 87, SWP = 88, CAS = 89;
    public static final int PRFM = 90;
    // Branches
    public static final int B = 91, BL = 92, B_COND = 93, CBZ = 94, CBNZ = 95, TBZ = 96, TBNZ = 97;
    public static final int BR = 98, BLR = 99, RET = 100;
    // System; HINT covers NOP, BTI and the PAC hints (no-ops here), a = the hint number
    public static final int HINT = 101, DMB = 102, DSB = 103, ISB = 104, CLREX = 105;
    public static final int IC_IVAU = 106, IC_IALLU = 107, DC = 108, MRS = 109, MSR = 110;
    /** SVC, and HVC / SMC with a = 2 / 3 (undefined at EL0). */
    public static final int SVC = 111, BRK = 112, UDF = 113;
    /** MSR DAIFSet / DAIFClr, #imm: a = 6 (set) or 7 (clear), imm = the mask. */
    public static final int MSR_IMM = 114;

    // SIMD and floating point: each part of the A64 SIMD&FP encoding space has its own id range,
    // so its decoder rows, semantics and printing live in their own files (see the is* methods).
    /** First id of the Advanced SIMD and FP loads, stores, moves and integer vector ops ({@code A64Simd*}). */
    public static final int SIMD_FIRST = 115;
    /** First id of the scalar and vector floating-point ops ({@code A64Fp*}). */
    public static final int FP_FIRST = 300;
    /** First id of the crypto extensions (AES, SHA, PMULL), decoded and printed only. */
    public static final int CRYPTO_FIRST = 460;

    // Floating point (A64Fp*): a = format (FP_H, FP_S, FP_D), sf = Q for vector forms.
    /** Format codes of field a for FP ops. */
    public static final int FP_H = 0, FP_S = 1, FP_D = 2;
    /** Scalar two-source: rd = rn op rm. */
    public static final int FADD = 300, FSUB = 301, FMUL = 302, FDIV = 303, FNMUL = 304, FMAX = 305, FMIN = 306,
            FMAXNM = 307, FMINNM = 308;
    /** Scalar fused multiply-add: rd = +-ra +- rn * rm. */
    public static final int FMADD = 309, FMSUB = 310, FNMADD = 311, FNMSUB = 312;
    /** Scalar one-source; FCVT: b = destination format; FRINT: b = rounding (FP_RN...; FP_RX = exact, FP_RI = FPCR). */
    public static final int FABS = 313, FNEG = 314, FSQRT = 315, FCVT = 316, FRINT = 317;
    /** FCMP(E): b = 1 for E, | 2 for #0.0; FCCMP(E): b = cond, imm = nzcv | E << 4; FCSEL: b = cond. */
    public static final int FCMP = 318, FCCMP = 319, FCSEL = 320;
    /** FMOV (scalar immediate): imm = the bit pattern. */
    public static final int FMOV_IMM = 321;
    /**
     * FCVT[NPMZA][SU] to a general register: b = rounding | 8 if unsigned, imm = fbits (fixed
     * point), sf = 64-bit integer; SCVTF/UCVTF from one: b = 8 if unsigned.
     */
    public static final int FCVT_GEN = 322, CVTF_GEN = 323, FJCVTZS = 324;
    /** Vector (or SIMD scalar, b bit 8) three-same FP ops. */
    public static final int VFADD = 330, VFSUB = 331, VFMUL = 332, VFDIV = 333, VFMAX = 334, VFMIN = 335,
            VFMAXNM = 336, VFMINNM = 337, VFMLA = 338, VFMLS = 339, VFMULX = 340, VFABD = 341, VFRECPS = 342,
            VFRSQRTS = 343, VFCMEQ = 344, VFCMGE = 345, VFCMGT = 346, VFACGE = 347, VFACGT = 348, VFADDP = 349,
            VFMAXP = 350, VFMINP = 351, VFMAXNMP = 352, VFMINNMP = 353;
    /**
     * Vector (or SIMD scalar, b bit 8) two-register misc; VFRINT: b low bits = rounding;
     * VFCVT_INT: b low bits = rounding | 8 if unsigned, imm = fbits; VCVTF: b bit 3 = unsigned.
     */
    public static final int VFABS = 354, VFNEG = 355, VFSQRT = 356, VFRINT = 357, VFCVT_INT = 358, VCVTF = 359,
            VFCMEQ0 = 360, VFCMGE0 = 361, VFCMGT0 = 362, VFCMLE0 = 363, VFCMLT0 = 364, VFCVTL = 365, VFCVTN = 366,
            VFCVTXN = 367, VFRECPE = 368, VFRSQRTE = 369, VFRECPX = 370;
    /** By element: b low bits = index (bit 8 = scalar form). */
    public static final int VFMUL_E = 371, VFMLA_E = 372, VFMLS_E = 373, VFMULX_E = 374;
    /** Across lanes (4S only). */
    public static final int FMAXV = 375, FMINV = 376, FMAXNMV = 377, FMINNMV = 378;
    /** Scalar pairwise: rd = op(rn[0], rn[1]). */
    public static final int FADDP_S = 379, FMAXP_S = 380, FMINP_S = 381, FMAXNMP_S = 382, FMINNMP_S = 383;
    /** FMOV (vector, immediate): imm = the per-lane bit pattern. */
    public static final int VFMOV_IMM = 384;
    /** Rounding codes of FRINT/FCVT fields: FPCR.RMode order, then ties-away, exact (X), FPCR (I). */
    public static final int FP_RN = 0, FP_RP = 1, FP_RM = 2, FP_RZ = 3, FP_RA = 4, FP_RX = 5, FP_RI = 6;
    // ---- Advanced SIMD (A64Simd*): one id per encoding class; the class's own sub-opcode sits in
    // field a (usually U:opcode), the element size in b, Q in sf. See A64SimdDecoder's Javadoc.
    /** B/H/S/D/Q load and store: a = log2(bytes), b = V_OFFSET..V_LITERAL; register offset: ra = extend, imm = shift. */
    public static final int V_LOAD = 115, V_STORE = 116;
    /** S/D/Q pairs: a = log2(bytes), b = PAIR_OFFSET / PAIR_PRE / PAIR_POST. */
    public static final int V_LDP = 117, V_STP = 118;
    /** LD1-LD4 / ST1-ST4 (multiple structures): a = opcode (bits 15:12), b = size | post << 2, imm = registers. */
    public static final int V_LD_MULTI = 119, V_ST_MULTI = 120;
    /** Single structure: a = lane, b = log2(element bytes) | post << 2, imm = structure elements (1-4). */
    public static final int V_LD_LANE = 121, V_ST_LANE = 122, V_LD_REPL = 123;
    /** MOVI / MVNI / ORR / BIC (vector, immediate): a = 0-3 in that order, imm = the 64-bit lane pattern. */
    public static final int V_MOVI = 124;
    /** Copies: a = log2(element bytes), imm = lane of Vd (INS) or Vn, b = the source lane of INS (element). */
    public static final int V_DUP_ELEM = 125, V_DUP_GEN = 126, V_INS_ELEM = 127, V_INS_GEN = 128, V_UMOV = 129,
            V_SMOV = 130, S_DUP_ELEM = 131;
    /** FMOV between general and FP registers: a = 0 to general, 1 from; b = log2(bytes) (4 = the top half of Vn). */
    public static final int V_FMOV_GEN = 132;
    /** FMOV (register): b = log2(bytes). */
    public static final int V_FMOV_REG = 133;
    /** EXT: imm = byte position; permutes: a = opcode (1 uzp1, 2 trn1, 3 zip1, 5 uzp2, 6 trn2, 7 zip2). */
    public static final int V_EXT = 134, V_PERM = 135;
    /** TBL / TBX: a = table registers, b = 1 for TBX. */
    public static final int V_TBL = 136;
    /** Vector and scalar "three same": a = U:opcode (6 bits), b = size. */
    public static final int V_3SAME = 137, S_3SAME = 138;
    /** Three different (long, wide, narrow): a = U:opcode (5 bits), b = size. */
    public static final int V_3DIFF = 139;
    /** Two-register misc: a = U:opcode (6 bits), b = size. */
    public static final int V_2MISC = 140, S_2MISC = 141;
    /** Across lanes: a = U:opcode, b = size. */
    public static final int V_ACROSS = 142;
    /** Shift by immediate: a = U:opcode, b = immh:immb. */
    public static final int V_SHIFT = 143, S_SHIFT = 144;
    /** By element: a = U:opcode (5 bits), b = size, imm = lane. */
    public static final int V_ELEM = 145;
    /** Scalar pairwise ADDP. */
    public static final int S_ADDP = 146;

    // ---- Crypto (decoded and printed; PMULL is part of V_3DIFF and executed). a = opcode.
    public static final int C_AES = 460, C_SHA_3REG = 461, C_SHA_2REG = 462, C_SHA512_3REG = 463,
            C_SHA512_2REG = 464, C_4REG = 465, C_XAR = 466;

    /** Number of operation ids. */
    public static final int COUNT = 480;

    /** Whether {@code op} is an Advanced SIMD/FP load, store, move or integer vector op. */
    public static boolean isSimd(int op) {
        return op >= SIMD_FIRST && op < FP_FIRST;
    }

    /** Whether {@code op} is a scalar or vector floating-point op. */
    public static boolean isFp(int op) {
        return op >= FP_FIRST && op < CRYPTO_FIRST;
    }

    /** Whether {@code op} is a crypto-extension op (printed, not executed). */
    public static boolean isCrypto(int op) {
        return op >= CRYPTO_FIRST && op < COUNT;
    }

    // Memory kinds (field a of loads and stores): zero- or sign-extended, result width
    public static final int MK_U8 = 0, MK_U16 = 1, MK_U32 = 2, MK_U64 = 3;
    public static final int MK_S8_32 = 4, MK_S16_32 = 5, MK_S8_64 = 6, MK_S16_64 = 7, MK_S32_64 = 8;

    // Pair addressing modes (field b of LDP/STP)
    public static final int PAIR_OFFSET = 0, PAIR_PRE = 1, PAIR_POST = 2;

    // SIMD&FP register load/store addressing (field b of V_LOAD / V_STORE)
    public static final int V_OFFSET = 0, V_PRE = 1, V_POST = 2, V_REGISTER = 3, V_LITERAL = 4;

    /** Access size in bytes of a memory kind. */
    public static int size(int kind) {
        return switch (kind) {
            case MK_U8, MK_S8_32, MK_S8_64 -> 1;
            case MK_U16, MK_S16_32, MK_S16_64 -> 2;
            case MK_U32, MK_S32_64 -> 4;
            default -> 8;
        };
    }
}
