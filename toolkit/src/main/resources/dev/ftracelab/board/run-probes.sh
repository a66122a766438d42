#!/bin/sh
# run-probes.sh: the cost model's parameters measured on this board by
# ftrace-lab's microbenchmark probes, for `ftrace-lab profile-from`.
# Written by
#   ftrace-lab probe-script @ARGS@
#   (@TOOLKIT@).
#
# What it does
#   Runs each probe program in this folder (static @ARCH@ binaries, no
#   libraries) with the programs' defaults (100000 iterations, fastest of 5
#   timings) and the cache sizes of this board, and collects what each
#   printed. Probes: @PROBES@.
#   Cache sizes come from /sys/devices/system/cpu/cpu0/cache (else those of
#   the profile @BASE@).
# What it needs
#   Nothing but sh; no root. riscv64 reads the cycle counter (rdcycle),
#   which Linux 6.6 and later hide unless kernel.perf_user_access=2
#   (sudo sysctl kernel.perf_user_access=2); without it the probes use the
#   timer (rdtime) and convert ticks to cycles. Keep the board otherwise
#   idle; pin it with taskset -c N sh run-probes.sh for steadier figures.
# How long
#   Well under a minute: each probe times a few 100000-iteration loops
#   (load-memory walks a buffer four times the L2, a miss per load).
# What it writes
#   OUT (the first argument; default probes.txt): '#' lines describing the
#   board (uname, /proc/cpuinfo, device-tree model, caches, counter, date),
#   then per probe a run=NAME line, the command, what it printed and
#   exit=STATUS. `ftrace-lab profile-from OUT --base @BASE@` turns it into a
#   profile; the script prints that command at the end.
# Usage
#   sh run-probes.sh [OUT]
# Exit status
#   0 every probe printed a result; 1 bad usage or wrong machine; 2 some
#   probe failed (its block in OUT says how).
# Environment
#   BOARD   the board name for the profile (default: the device-tree model,
#           else the host name)
#   ITERS, REPS   the programs' iters= and reps= (quick trials only)
#   RUNNER  a command to run each program with (e.g. qemu-@QEMU@, to
#           try the script elsewhere; its figures are not the board's)

set -u

ARCH=@ARCH@
OUT=${1:-probes.txt}
RUNNER=${RUNNER:-}
ITERS=${ITERS:-}
REPS=${REPS:-}
SYS=${FTRACE_LAB_SYSFS:-/sys/devices/system/cpu/cpu0/cache}
ME=run-probes

say() {
    printf '%s: %s\n' "$ME" "$*" >&2
}

if [ "$#" -gt 1 ]; then
    say "usage: sh $0 [OUT]"
    exit 1
fi
HERE=$(cd "$(dirname "$0")" && pwd) || exit 1
case "$ARCH:$(uname -m)" in
    riscv64:riscv64 | arm64:aarch64 | arm64:arm64) ;;
    *)
        if [ -z "$RUNNER" ]; then
            say "these are $ARCH programs and this machine is $(uname -m): run the script on the board (or set RUNNER)"
            exit 1
        fi
        ;;
esac

# --- caches: the probes size their buffers from them -------------------------
L1D_KIB=@L1D_KIB@
L1D_WAYS=@L1D_WAYS@
L1D_LINE=@L1D_LINE@
L2_KIB=@L2_KIB@
L2_WAYS=@L2_WAYS@
L2_LINE=@L2_LINE@
L1D_FROM="profile @BASE@"
L2_FROM="profile @BASE@"

# A sysfs size (32K, 2048K, 1M, or bytes) in KiB; nothing if it is not one.
kib() {
    case "$1" in
        *[!0-9KM]* | '' | K | M) ;;
        *K) echo "${1%K}" ;;
        *M) echo "$((${1%M} * 1024))" ;;
        *) echo "$(($1 / 1024))" ;;
    esac
}

# A positive decimal number, or nothing.
number() {
    case "$1" in
        '' | *[!0-9]* | 0) ;;
        *) echo "$1" ;;
    esac
}

for d in "$SYS"/index*; do
    if [ ! -r "$d/level" ] || [ ! -r "$d/type" ]; then
        continue
    fi
    level=$(cat "$d/level")
    type=$(cat "$d/type")
    size=$(kib "$(cat "$d/size" 2>/dev/null)")
    ways=$(number "$(cat "$d/ways_of_associativity" 2>/dev/null)")
    line=$(number "$(cat "$d/coherency_line_size" 2>/dev/null)")
    if [ -z "$size" ] || [ -z "$ways" ] || [ -z "$line" ]; then
        continue
    fi
    case "$level:$type" in
        1:Data)
            L1D_KIB=$size L1D_WAYS=$ways L1D_LINE=$line L1D_FROM=sysfs
            ;;
        2:Unified)
            L2_KIB=$size L2_WAYS=$ways L2_LINE=$line L2_FROM=sysfs
            ;;
    esac
done

# --- the counter --------------------------------------------------------------
COUNTER=
if [ "$ARCH" = riscv64 ] && [ -z "$RUNNER" ] && [ -r /proc/sys/kernel/perf_user_access ] &&
    [ "$(cat /proc/sys/kernel/perf_user_access)" != 2 ]; then
    COUNTER="time"
    say "rdcycle is hidden from user space (kernel.perf_user_access=$(cat /proc/sys/kernel/perf_user_access)): using rdtime"
    say "(for the cycle counter: sudo sysctl kernel.perf_user_access=2)"
fi

MODEL=
if [ -r /proc/device-tree/model ]; then
    MODEL=$(tr -d '\000' </proc/device-tree/model)
fi
if [ -n "${BOARD:-}" ]; then
    NAME=$BOARD
else
    NAME=${MODEL:-$(uname -n)}
fi

PART=$OUT.partial
ERR=$OUT.stderr
trap 'say "interrupted: what was collected is in $PART"; rm -f "$ERR"; exit 130' INT TERM
{
    echo "# ftrace-lab probe output: the cost model's parameters measured on a board,"
    echo "# written by run-probes.sh (@TOOLKIT@)."
    echo "# Read it with: ftrace-lab profile-from $OUT --base @BASE@"
    echo "# arch: $ARCH"
    echo "# board: $NAME"
    echo "# device-tree model: ${MODEL:-none}"
    echo "# host: $(uname -n)"
    echo "# uname: $(uname -a)"
    echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    grep -E '^(model name|isa|uarch|mvendorid|marchid|mimpid|CPU implementer|CPU architecture|CPU variant|CPU part|CPU revision|Hardware|Model)[[:space:]]*:' /proc/cpuinfo 2>/dev/null |
        sort -u | sed 's/^/# cpuinfo: /'
    gov=/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor
    [ -r "$gov" ] && echo "# cpufreq governor: $(cat "$gov")"
    echo "# l1d: $L1D_KIB KiB, $L1D_WAYS ways, $L1D_LINE B lines (from $L1D_FROM)"
    echo "# l2: $L2_KIB KiB, $L2_WAYS ways, $L2_LINE B lines (from $L2_FROM)"
    echo "# runner: ${RUNNER:-none}"
} >"$PART" || exit 1

FAILED=0
# run_probe NAME PROGRAM ARG...: one block of OUT
run_probe() {
    name=$1
    shift
    set -- "$@" ${COUNTER:+"counter=$COUNTER"} ${ITERS:+"iters=$ITERS"} ${REPS:+"reps=$REPS"}
    say "$name: $*"
    {
        echo "run=$name"
        echo "command=$*"
    } >>"$PART"
    prog=$HERE/$1
    shift
    if [ -n "$RUNNER" ]; then
        "$RUNNER" "$prog" "$@" >>"$PART" 2>"$ERR"
    else
        "$prog" "$@" >>"$PART" 2>"$ERR"
    fi
    status=$?
    sed 's/^/# stderr: /' "$ERR" >>"$PART"
    echo "exit=$status" >>"$PART"
    return "$status"
}

# probe NAME PROGRAM ARG...: run_probe, counting failures
probe() {
    if ! run_probe "$@"; then
        FAILED=$((FAILED + 1))
        say "$1 failed (exit status $status)"
    fi
}

# riscv64: a SIGILL (status 132) from rdcycle means the kernel hides it
if [ "$ARCH" = riscv64 ] && [ -z "$COUNTER" ]; then
    if [ -n "$RUNNER" ]; then
        "$RUNNER" "$HERE/@FIRST@" iters=1 reps=1 >/dev/null 2>&1
    else
        "$HERE/@FIRST@" iters=1 reps=1 >/dev/null 2>&1
    fi
    if [ "$?" -eq 132 ]; then
        COUNTER="time"
        say "rdcycle traps: using rdtime (sudo sysctl kernel.perf_user_access=2 for cycles)"
    fi
fi
echo "# counter: ${COUNTER:-default}" >>"$PART"

@RUNS@

rm -f "$ERR"
mv -f "$PART" "$OUT" || exit 1
say "wrote $OUT"
echo "Turn it into a profile with:"
echo "  ftrace-lab profile-from $OUT --base @BASE@ --out $(printf '%s' "$NAME" | tr '[:upper:]' '[:lower:]' | tr ' ' '-').yaml"
if [ "$FAILED" -gt 0 ]; then
    say "$FAILED probe(s) failed; their blocks in $OUT say how"
    exit 2
fi
exit 0
