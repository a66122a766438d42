#!/usr/bin/env bash
# Builds the guest corpus and the guest kernel image for riscv64 and arm64 with Debian's cross
# compilers and writes the binaries to toolkit/src/main/resources/dev/ftracelab/:
#   guest/<arch>/NAME.elf, NAME.pfe.elf, index.txt   the corpus (corpus/*.c)
#   kernel/<arch>/kimage.elf                         the ftrace guest kernel image (kernel/)
#   kernel/<arch>/sample-module.o                    the traced side alone, relocatable, for a real
#                                                    vmlinux (tracee.c with SAMPLE_MODULE)
#   probe/<arch>/NAME.elf, index.txt                 the microbenchmark probes (probes/*.c)
#   guest/<arch>/PROG.TAG.On.elf, ext-index.txt       the ISA-extension builds (ext/builds.txt)
#
#   build.sh           rebuild; each file is written to a temporary name and renamed into place
#   build.sh --check   rebuild into a temporary directory and exit 1, listing every committed
#                      binary that differs or is missing (CI runs this when the compilers exist)
#
# The output depends only on the sources and the compiler version: no debug info, no build id,
# no .comment, source paths mapped to '.'.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out_root=$(cd "$here/.." && pwd)/main/resources/dev/ftracelab
outputs=(guest kernel probe)
check=0
case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

common=(-O2 -g0 -std=gnu11 -Wall -Wextra -Werror -ffreestanding -fno-builtin
        -fno-tree-loop-distribute-patterns -fno-stack-protector -fno-asynchronous-unwind-tables
        -fno-ident -nostdlib -static -fno-pie -no-pie "-ffile-prefix-map=$here=."
        -Wl,--build-id=none -Wl,-z,separate-code -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 -I "$here/include")
# rv64imac: what the emulator's hart implements (no F/D, no V); lp64 so no FP argument registers.
riscv64_cc=riscv64-linux-gnu-gcc
riscv64_flags=(-march=rv64imac -mabi=lp64)
riscv64_pfe=(-fpatchable-function-entry=8,4 -falign-functions=8)
# No NEON (GCC 12 vectorizes at -O2) and no libgcc out-of-line atomics (-nostdlib).
arm64_cc=aarch64-linux-gnu-gcc
arm64_flags=(-march=armv8-a -mgeneral-regs-only -mno-outline-atomics)
arm64_pfe=(-fpatchable-function-entry=4,2 -falign-functions=8)
# The ftrace core (core.c) gets the code-generation options of Debian's 6.12 kernels (their
# /boot/config-6.12.117+deb13-<arch>): FRAME_POINTER, STACKPROTECTOR_STRONG with the canary in
# the task (STACKPROTECTOR_PER_TASK; task_struct.stack_canary at 1400 / 1384, read through
# `current`: tp and SP_EL0), INIT_STACK_ALL_ZERO,
# arm64 PTR_AUTH_KERNEL (pac-ret, no BTI_KERNEL); riscv medany and without linker relaxation, so
# addresses are AUIPC-relative and calls stay AUIPC+JALR as in the kernel.
kernel_common=(-fno-omit-frame-pointer -fstack-protector-strong -ftrivial-auto-var-init=zero)
# riscv -fno-move-loop-invariants: Debian's GCC 14 recomputes ftrace_list_end's address and the
# flag mask in every iteration of the list loop (two fewer saved registers); GCC 12 would hoist
# them. (On arm64 GCC 14 keeps them in registers: see END_IN_REGISTER_AS_DEBIAN in core.c.)
riscv64_kernel=(-fno-move-loop-invariants -mcmodel=medany -mno-relax -mstack-protector-guard=tls -mstack-protector-guard-reg=tp
                -mstack-protector-guard-offset=1400)
arm64_kernel=(-mbranch-protection=pac-ret -mstack-protector-guard=sysreg -mstack-protector-guard-reg=sp_el0
              -mstack-protector-guard-offset=1384)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftracelab-guest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

build() { # arch name output extra-flags...
    local arch=$1 name=$2 output=$3
    shift 3
    local cc_var=${arch}_cc flags_var=${arch}_flags[@]
    "${!cc_var}" "${common[@]}" "${!flags_var}" "$@" -o "$output" \
        "$here/start/$arch.S" "$here/corpus/$name.c"
}

# An ISA-extension build: only the line's own -march/-mabi flags (not the arch defaults, which
# forbid FP and SIMD), at one optimisation level; libgcc for what -O0 or soft-float calls need.
build_ext() { # arch program tag level output flags...
    local arch=$1 prog=$2 tag=$3 level=$4 output=$5
    shift 5
    local cc_var=${arch}_cc
    "${!cc_var}" "${common[@]}" "$@" "-$level" -o "$output" \
        "$here/start/$arch.S" "$here/ext/$prog.c" -lgcc
}

# A probe: its own _start passes argc/argv to main (probes take key=value arguments).
build_probe() { # arch name output
    local arch=$1 name=$2 output=$3
    local cc_var=${arch}_cc flags_var=${arch}_flags[@]
    "${!cc_var}" "${common[@]}" "${!flags_var}" -I "$here/probes" -o "$output" \
        "$here/probes/start/$arch.S" "$here/probes/$name.c"
}

# The kernel image: the ftrace core without patchable entries (the kernel's notrace), the traced
# functions with them, the trampolines in assembly.
build_kernel() { # arch output
    local arch=$1 output=$2
    local cc_var=${arch}_cc flags_var=${arch}_flags[@] pfe_var=${arch}_pfe[@] kernel_var=${arch}_kernel[@]
    local flags=("${common[@]}" "${!flags_var}" -I "$here/kernel")
    local obj="$tmp/obj-$arch"
    mkdir -p "$obj"
    "${!cc_var}" "${flags[@]}" "${kernel_common[@]}" "${!kernel_var}" -c -o "$obj/core.o" "$here/kernel/core.c"
    "${!cc_var}" "${flags[@]}" "${!pfe_var}" -c -o "$obj/tracee.o" "$here/kernel/tracee.c"
    "${!cc_var}" "${flags[@]}" -c -o "$obj/entry.o" "$here/kernel/$arch.S"
    "${!cc_var}" "${flags[@]}" -o "$output" "$obj/entry.o" "$obj/core.o" "$obj/tracee.o"
    # The same traced functions as a module object, loaded beside a real vmlinux: riscv medany
    # without relaxation (kernel modules are), so it runs at any address; no unwind tables.
    local module_flags=(-DSAMPLE_MODULE -fno-unwind-tables)
    [ "$arch" = riscv64 ] && module_flags+=(-mcmodel=medany -mno-relax)
    "${!cc_var}" "${flags[@]}" "${!pfe_var}" "${module_flags[@]}" -c -o "$(dirname "$output")/sample-module.o" \
        "$here/kernel/tracee.c"
}

for arch in riscv64 arm64; do
    cc_var=${arch}_cc
    command -v "${!cc_var}" >/dev/null || { echo "build.sh: ${!cc_var} not found (apt-get install gcc-${arch/arm64/aarch64}-linux-gnu)" >&2; exit 2; }
    pfe_var=${arch}_pfe[@]
    mkdir -p "$tmp/guest/$arch" "$tmp/kernel/$arch" "$tmp/probe/$arch"
    build_kernel "$arch" "$tmp/kernel/$arch/kimage.elf"
    : > "$tmp/guest/$arch/index.txt"
    for src in "$here"/corpus/*.c; do
        name=$(basename "$src" .c)
        build "$arch" "$name" "$tmp/guest/$arch/$name.elf"
        build "$arch" "$name" "$tmp/guest/$arch/$name.pfe.elf" "${!pfe_var}"
        echo "$name" >> "$tmp/guest/$arch/index.txt"
    done
    if [ "$arch" = arm64 ]; then
        # The same atomics program with ARMv8.1 LSE instructions (ldadd, swp, cas) instead of LL/SC.
        build arm64 atomics "$tmp/guest/arm64/atomics-lse.elf" -march=armv8.1-a
        build arm64 atomics "$tmp/guest/arm64/atomics-lse.pfe.elf" -march=armv8.1-a "${arm64_pfe[@]}"
        echo atomics-lse >> "$tmp/guest/arm64/index.txt"
    fi
    LC_ALL=C sort -o "$tmp/guest/$arch/index.txt" "$tmp/guest/$arch/index.txt"
    : > "$tmp/guest/$arch/ext-index.txt"
    while read -r line_arch prog tag flags; do
        case "$line_arch" in ''|'#'*) continue ;; esac
        [ "$line_arch" = "$arch" ] || continue
        for level in O0 O2 O3 Os; do
            # shellcheck disable=SC2086 # the flags column is a word list
            build_ext "$arch" "$prog" "$tag" "$level" "$tmp/guest/$arch/$prog.$tag.$level.elf" $flags
            echo "$prog.$tag.$level" >> "$tmp/guest/$arch/ext-index.txt"
        done
    done < "$here/ext/builds.txt"
    LC_ALL=C sort -o "$tmp/guest/$arch/ext-index.txt" "$tmp/guest/$arch/ext-index.txt"
    : > "$tmp/probe/$arch/index.txt"
    for src in "$here"/probes/*.c; do
        name=$(basename "$src" .c)
        build_probe "$arch" "$name" "$tmp/probe/$arch/$name.elf"
        echo "$name" >> "$tmp/probe/$arch/index.txt"
    done
    LC_ALL=C sort -o "$tmp/probe/$arch/index.txt" "$tmp/probe/$arch/index.txt"
done

if [ $check -eq 1 ]; then
    status=0
    for o in "${outputs[@]}"; do
        for f in "$tmp/$o"/*/*; do
            rel=${f#"$tmp"/}
            if ! cmp -s "$f" "$out_root/$rel"; then
                echo "differs: toolkit/src/main/resources/dev/ftracelab/$rel"
                status=1
            fi
        done
        for f in "$out_root/$o"/*/*; do
            rel=${f#"$out_root"/}
            [ -e "$tmp/$rel" ] || { echo "stale: toolkit/src/main/resources/dev/ftracelab/$rel"; status=1; }
        done
    done
    [ $status -eq 0 ] && echo "build.sh --check: all committed guest binaries are up to date"
    exit $status
fi

for o in "${outputs[@]}"; do
    for arch in riscv64 arm64; do
        mkdir -p "$out_root/$o/$arch"
        for f in "$tmp/$o/$arch"/*; do
            # Copy next to the target, then rename: readers never see a half-written binary.
            part="$out_root/$o/$arch/.$(basename "$f").part"
            cp "$f" "$part"
            mv -f "$part" "$out_root/$o/$arch/$(basename "$f")"
        done
        for f in "$out_root/$o/$arch"/*; do
            [ -e "$tmp/$o/$arch/$(basename "$f")" ] || rm -f "$f"
        done
    done
done
echo "build.sh: wrote $(find "$out_root/guest" "$out_root/kernel" "$out_root/probe" -name '*.elf' | wc -l) binaries to $out_root"
