#!/usr/bin/env bash
# ftrace-lab's emulator beside qemu-user on the same binary, in one run: the wall time of the whole
# `ftrace-lab run` process (JVM start, class loading and warm-up included, as a user sees it)
# against the wall time of `qemu-<arch>`, each the best of RUNS, and both as emulated MIPS (the
# instruction count is the one the emulator retires). Exit statuses and stdout must agree.
#
# Usage: toolkit/src/guest/speed-vs-qemu.sh [-n RUNS] [-s SCALE] [TARGET...]
#   TARGET  an ELF file (riscv64 or arm64, told by its e_machine);
#           a corpus program (bench, loops, ...): its build for each arch;
#           an extension build (heavy.imac.O2): guest/<arch>/NAME.elf of the arch that has it;
#           heavy or heavy:KERNEL (sha crc sort interp matmul lz): ext/heavy.c built at -O2 with
#           -DSCALE=SCALE (and -DONLY=KERNEL) for both arches, with its ext/builds.txt flags
#           (needs the cross compilers); default: every kernel of heavy, one row each
#   -n RUNS   runs of each side, the best counts (default 3)
#   -s SCALE  work of the heavy builds: SCALE 1000 is about 10^9 instructions a kernel (default)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
guest="$root/toolkit/src/main/resources/dev/ftracelab/guest"
runs=3
scale=1000
while getopts "n:s:" opt; do
    case $opt in
        n) runs=$OPTARG ;;
        s) scale=$OPTARG ;;
        *) sed -n '2,17p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- heavy:sha heavy:crc heavy:sort heavy:interp heavy:matmul heavy:lz

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftracelab-speed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The arch of an ELF file from e_machine (bytes 18-19): 0xf3 RISC-V, 0xb7 AArch64.
elf_arch() {
    case "$(od -An -tx1 -j18 -N2 "$1" | tr -d ' \n')" in
        f300) echo riscv64 ;;
        b700) echo arm64 ;;
        *) echo "speed-vs-qemu.sh: $1 is not a riscv64 or arm64 ELF file" >&2; return 1 ;;
    esac
}

# heavy.c at -O2 for one arch, with the flags of its ext/builds.txt line.
build_heavy() { # arch kernel-number output
    local arch=$1 only=$2 out=$3 cc flags
    cc=riscv64-linux-gnu-gcc
    [ "$arch" = arm64 ] && cc=aarch64-linux-gnu-gcc
    command -v "$cc" >/dev/null || { echo "speed-vs-qemu.sh: $cc not found (needed to build heavy.c)" >&2; return 1; }
    flags=$(awk -v a="$arch" '$1 == a && $2 == "heavy" { $1 = $2 = $3 = ""; print; exit }' "$here/ext/builds.txt")
    # shellcheck disable=SC2086 # the flags column is a word list
    "$cc" -O2 -g0 -std=gnu11 -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns -fno-stack-protector \
        -fno-asynchronous-unwind-tables -nostdlib -static -fno-pie -no-pie -I "$here/include" $flags \
        "-DSCALE=$scale" "-DONLY=$only" -o "$out" "$here/start/$arch.S" "$here/ext/heavy.c" -lgcc
}

# Lines "arch label path" for one target.
expand() {
    local t=$1
    if [ -f "$t" ]; then
        echo "$(elf_arch "$t") $(basename "$t") $t"
    elif [ "${t%%:*}" = heavy ]; then
        local kernel=${t#heavy} only=0 k=1
        kernel=${kernel#:}
        if [ -n "$kernel" ]; then
            only=
            for name in sha crc sort interp matmul lz; do
                [ "$name" = "$kernel" ] && only=$k
                k=$((k + 1))
            done
            [ -n "$only" ] || { echo "speed-vs-qemu.sh: no heavy kernel '$kernel'" >&2; return 1; }
        fi
        for arch in riscv64 arm64; do
            build_heavy "$arch" "$only" "$tmp/heavy-$arch-$only.elf"
            echo "$arch heavy${kernel:+:$kernel} $tmp/heavy-$arch-$only.elf"
        done
    else
        local found=0
        for arch in riscv64 arm64; do
            if [ -f "$guest/$arch/$t.elf" ]; then
                echo "$arch $t $guest/$arch/$t.elf"
                found=1
            fi
        done
        [ $found = 1 ] || { echo "speed-vs-qemu.sh: no ELF file, corpus program or extension build '$t'" >&2; return 1; }
    fi
}

now() { date +%s%N; }

printf '%-8s %-14s %14s %9s %9s %9s %9s %9s\n' arch program instructions "emu s" "qemu s" "emu/qemu" "emu MIPS" "qemu MIPS"
for t in "$@"; do
    lines=$(expand "$t")
    while read -r arch label elf; do
        qemu=qemu-riscv64
        [ "$arch" = arm64 ] && qemu=qemu-aarch64
        command -v "$qemu" >/dev/null || { echo "$qemu not found (apt-get install qemu-user)" >&2; exit 2; }
        best_emu="" best_qemu="" insns=""
        for _ in $(seq "$runs"); do
            # alternate the two, so that a busy moment of the machine hits both alike
            t0=$(now)
            set +e
            "$root/ftrace-lab" run --stats "$elf" >"$tmp/emu.out" 2>"$tmp/emu.err"
            emu_rc=$?
            t1=$(now)
            "$qemu" "$elf" >"$tmp/qemu.out" 2>/dev/null
            qemu_rc=$?
            t2=$(now)
            set -e
            if [ $emu_rc != $qemu_rc ] || ! cmp -s "$tmp/emu.out" "$tmp/qemu.out"; then
                echo "speed-vs-qemu.sh: $label ($arch): the emulator (exit $emu_rc) and $qemu (exit $qemu_rc) disagree" >&2
                cat "$tmp/emu.err" >&2
                exit 1
            fi
            insns=$(sed -n 's/^run [0-9]*: \([0-9,]*\) instructions.*/\1/p' "$tmp/emu.err" | tail -1 | tr -d ,)
            [ -n "$insns" ] || { echo "could not read the emulator's --stats:" >&2; cat "$tmp/emu.err" >&2; exit 1; }
            e=$((t1 - t0))
            q=$((t2 - t1))
            if [ -z "$best_emu" ] || [ $e -lt "$best_emu" ]; then best_emu=$e; fi
            if [ -z "$best_qemu" ] || [ $q -lt "$best_qemu" ]; then best_qemu=$q; fi
        done
        awk -v a="$arch" -v l="$label" -v i="$insns" -v e="$best_emu" -v q="$best_qemu" 'BEGIN {
            printf "%-8s %-14s %14d %9.2f %9.2f %9.2f %9.0f %9.0f\n", a, l, i, e / 1e9, q / 1e9, e / q, i * 1e3 / e, i * 1e3 / q }'
    done <<<"$lines"
done
