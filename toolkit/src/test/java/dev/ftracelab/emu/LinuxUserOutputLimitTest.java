package dev.ftracelab.emu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftracelab.elf.ElfFile;
import dev.ftracelab.isa.riscv.RvEncoder;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * A program that loops on 1 MiB writes stops getting output at {@link LinuxUser#MAX_OUTPUT}:
 * the later writes return -EFBIG at once, so its instruction budget bounds its time (the
 * LoadRunFuzzTest timeout: a few instructions per 16 MiB write, minutes for 20,000).
 */
class LinuxUserOutputLimitTest {
    private static final long BASE = 0x10000;
    private static final int A1 = 11;
    private static final int A2 = 12;
    private static final int A7 = 17;

    @Test
    void writesStopAtTheOutputLimit() {
        long entry = BASE + 64 + 56;
        int[] code = {
            RvEncoder.addi(A7, RvEncoder.ZERO, 64), // write
            RvEncoder.addi(RvEncoder.A0, RvEncoder.ZERO, 1), // stdout
            RvEncoder.lui(RvEncoder.T0, 0x400), // 4 MiB below sp: inside the 8 MiB stack
            0x40000000 | RvEncoder.T0 << 20 | RvEncoder.SP << 15 | A1 << 7 | 0x33, // sub a1, sp, t0
            RvEncoder.lui(A2, 0x100), // 1 MiB
            0x00000073, // ecall
            RvEncoder.jal(RvEncoder.ZERO, entry + 24, entry),
        };
        long[] bytes = new long[1];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes[0] += len;
            }
        };
        // 7 instructions per 1 MiB write: 700 instructions would write 100 MiB without the limit
        LinuxUser.Result r = LinuxUser.run(LinuxUser.load(ElfFile.parse(riscvExecutable(code), "writer")), counting,
                counting, 700);
        assertEquals(LinuxUser.MAX_OUTPUT, bytes[0]);
        assertEquals(128 + 9, r.exitStatus(), "the budget ends the run");
    }

    /**
     * A write whose buffer runs past the top of the address space gets -EFAULT (14), and nothing
     * is written: a1 = -16, a2 = 32 (wrapping to address 16).
     */
    @Test
    void aBufferThatWrapsPastTheTopOfTheAddressSpaceIsAFault() {
        int[] code = {
            RvEncoder.addi(A7, RvEncoder.ZERO, 64), // write
            RvEncoder.addi(RvEncoder.A0, RvEncoder.ZERO, 1), // stdout
            RvEncoder.addi(A1, RvEncoder.ZERO, -16),
            RvEncoder.addi(A2, RvEncoder.ZERO, 32),
            0x00000073, // ecall: a0 = -EFAULT
            RvEncoder.addi(RvEncoder.A0, RvEncoder.A0, 14), // 0 if it was -EFAULT
            RvEncoder.addi(A7, RvEncoder.ZERO, 93), // exit(a0)
            0x00000073,
        };
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        LinuxUser.Result r = LinuxUser.run(LinuxUser.load(ElfFile.parse(riscvExecutable(code), "wrapper")), out, out,
                1000);
        assertEquals(0, r.exitStatus(), "write returned -EFAULT");
        assertEquals(0, out.size());
    }

    /** An ELF64 RISC-V executable: the header, one R+X PT_LOAD of the whole file, then the code. */
    private static byte[] riscvExecutable(int[] code) {
        ByteBuffer b = ByteBuffer.allocate(64 + 56 + 4 * code.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort((short) 243).putInt(1); // ET_EXEC, EM_RISCV, EV_CURRENT
        b.putLong(BASE + 64 + 56).putLong(64).putLong(0); // entry, phoff, shoff
        b.putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1); // flags, ehsize, phentsize, phnum
        b.putShort((short) 64).putShort((short) 0).putShort((short) 0); // shentsize, shnum, shstrndx
        b.putInt(1).putInt(5).putLong(0).putLong(BASE).putLong(BASE); // PT_LOAD, R+X, offset, vaddr, paddr
        b.putLong(b.capacity()).putLong(b.capacity()).putLong(0x1000); // filesz, memsz, align
        for (int w : code) {
            b.putInt(w);
        }
        return b.array();
    }
}
