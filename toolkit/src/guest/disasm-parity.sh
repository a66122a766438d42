#!/bin/sh
# Disassembly parity of `ftrace-lab disasm` with the cross objdump over the kernel modules of a
# Debian kernel package: for every line objdump -d lists (instruction, or data under a $d
# mapping symbol), whether we list the same text at the same address. objdump's <symbol>
# annotations and // or # comments are dropped, whitespace normalised (as ModuleDisasmParityTest).
#
#   disasm-parity.sh ARCH [SAMPLE]    ARCH: arm64 or riscv64; SAMPLE: every n-th module so that
#                                     about SAMPLE are compared (default: all of them)
#   PACKAGE=dir disasm-parity.sh ...  another unpacked package (default: the kernel cache)
#
# Prints the agreement and the most frequent differences by objdump mnemonic. Run from the
# repository root after `./mvnw -B -q package -DskipTests -DskipNotebooks`. Modules are listed
# 100 per run of each tool (one JVM for 100 modules), so a whole package takes minutes.
set -eu
arch=${1:?usage: disasm-parity.sh arm64|riscv64 [SAMPLE]}
sample=${2:-0}
case $arch in
    arm64) objdump=aarch64-linux-gnu-objdump ;;
    riscv64) objdump=riscv64-linux-gnu-objdump ;;
    *) echo "unknown arch $arch: expected arm64 or riscv64" >&2; exit 2 ;;
esac
pkg=${PACKAGE:-$(ls -d "$HOME"/.cache/ftrace-lab/kernels/linux-image-*-"$arch" 2>/dev/null | sort | tail -1)}
[ -d "$pkg" ] || { echo "no unpacked $arch kernel package in ~/.cache/ftrace-lab/kernels (set PACKAGE)" >&2; exit 2; }
tool=$(cd "$(dirname "$0")/../../.." && pwd)/ftrace-lab
exec python3 - "$objdump" "$tool" "$pkg" "$sample" <<'PY'
import collections, os, re, subprocess, sys
objdump, tool, pkg, sample = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
mods = sorted(os.path.join(d, f) for d, _, fs in os.walk(pkg) for f in fs if f.endswith('.ko'))
if sample and sample < len(mods):
    step = len(mods) / sample
    mods = [mods[int(i * step)] for i in range(sample)]

def norm(s):
    s = s.split('\t//')[0].split(' //')[0].split(' # ')[0].split('\t# ')[0]
    s = re.sub(r'\s+<[^>]*>', '', s)
    s = s.replace('# patch site', '')
    return re.sub(r'\s+', ' ', s).strip()

LINE = re.compile(r'\s+([0-9a-f]+):\t([0-9a-f]{8}|[0-9a-f]{4}(?: [0-9a-f]{4})?|[0-9a-f]{2})\s+\t?(.*)$')
def parse(text, header):
    out, f, sec = {}, None, None
    for line in text.splitlines():
        m = header.match(line)
        if m:
            f, sec = m.group(1), None
            continue
        m = re.match(r'Disassembly of section (\S+):', line)
        if m:
            sec = m.group(1)
            continue
        m = LINE.match(line)
        if m and sec and f:
            out[(f, sec, int(m.group(1), 16))] = norm(m.group(3))
    return out

total = agree = 0
cats, example = collections.Counter(), {}
for i in range(0, len(mods), 100):
    batch = mods[i:i + 100]
    a = parse(subprocess.run([objdump, '-d'] + batch, capture_output=True, text=True).stdout,
              re.compile(r'^(\S+):\s+file format '))
    b = parse(subprocess.run([tool, 'disasm'] + batch, capture_output=True, text=True).stdout,
              re.compile(r'^(\S+):\s+(?:arm64|riscv64), '))
    for k, v in a.items():
        total += 1
        if b.get(k) == v:
            agree += 1
        else:
            key = v.split(' ')[0] if v else '?'
            cats[key] += 1
            example.setdefault(key, (os.path.basename(k[0]), k[1], hex(k[2]), v, b.get(k)))
    print(f'{min(i + 100, len(mods))}/{len(mods)} modules: {agree}/{total}', file=sys.stderr, flush=True)
print(f'{os.path.basename(pkg)}: {len(mods)} modules, {agree}/{total} lines agree = {100 * agree / max(total, 1):.3f}%')
for c, n in cats.most_common(30):
    print(f'  {n:8d} {c:12s} e.g. {example[c]}')
PY
