#!/usr/bin/env bash
# Emulated instructions per second of ftrace-lab's emulator beside qemu-user, on the same corpus
# binary, in one run. The emulator runs the program RUNS times in one JVM (the best, warmed-up
# run counts); qemu-user runs it RUNS times as separate processes (the best wall time counts).
# Both rates divide the same instruction count, the one the emulator retires.
#
# Usage: toolkit/src/guest/speed-vs-qemu.sh [PROGRAM] [RUNS]     (default: bench 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
prog="${1:-bench}"
runs="${2:-5}"

printf '%-8s %-10s %15s %12s %12s %8s\n' arch program instructions "emu MIPS" "qemu MIPS" "emu/qemu"
for arch in riscv64 arm64; do
    elf="$root/toolkit/src/main/resources/dev/ftracelab/guest/$arch/$prog.elf"
    qemu="qemu-riscv64"
    [ "$arch" = arm64 ] && qemu="qemu-aarch64"
    command -v "$qemu" >/dev/null || { echo "$qemu not found (apt-get install qemu-user)" >&2; exit 2; }

    stats="$("$root/ftrace-lab" run --stats --repeat "$runs" "$elf" 2>&1 >/dev/null || true)"
    insns="$(sed -n 's/^run [0-9]*: \([0-9,]*\) instructions.*/\1/p' <<<"$stats" | tail -1 | tr -d ,)"
    emu_mips="$(sed -n 's/.*: \([0-9.]*\) emulated MIPS.*/\1/p' <<<"$stats" | sort -g | tail -1)"
    [ -n "$insns" ] && [ -n "$emu_mips" ] || { echo "could not read the emulator's --stats:" >&2; echo "$stats" >&2; exit 1; }

    best_ns=""
    for _ in $(seq "$runs"); do
        t0=$(date +%s%N)
        "$qemu" "$elf" >/dev/null || true
        t1=$(date +%s%N)
        ns=$((t1 - t0))
        if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then best_ns=$ns; fi
    done
    qemu_mips="$(awk -v i="$insns" -v ns="$best_ns" 'BEGIN { printf "%.1f", i * 1000 / ns }')"
    ratio="$(awk -v e="$emu_mips" -v q="$qemu_mips" 'BEGIN { printf "%.2f", e / q }')"
    printf '%-8s %-10s %15s %12s %12s %8s\n' "$arch" "$prog" "$insns" "$emu_mips" "$qemu_mips" "$ratio"
done
