#!/bin/sh
# ftrace-ops-board.sh: the per-call cost of ftrace on this board, measured
# with the kernel's own ftrace-ops sample module, for `ftrace-lab import`.
# Written by
#   ftrace-lab board-script @ARGS@
#   (@TOOLKIT@).
#
# What it does
#   Loads samples/ftrace/ftrace-ops.ko @LOADS@ times: @RUNS@ run(s) of each row
#   below with nr_ops_relevant=R nr_ops_irrelevant=I
#   nr_function_calls=@CALLS@. Each load registers the ops, times the
#   calls and then refuses to stay loaded (-EINVAL) on purpose, so every
#   insmod/modprobe "fails" with "Invalid parameters/argument": that is
#   expected. Any other failure stops the script. The kernel log lines each
#   load printed are collected into one file.
#   Rows (R/I; R=0 rows are the untraced baselines):
@ROW_COMMENT@
# What it needs
#   root (it loads a module); a kernel with the sample module
#   (CONFIG_SAMPLE_FTRACE_OPS=m, file ftrace-ops.ko; it looks with modinfo
#   and under /lib/modules/$(uname -r), and says how to build it when it is
#   missing) or FTRACE_OPS_KO=/path/to/ftrace-ops.ko; dmesg (or journalctl)
#   to read the kernel log. Nothing else should be tracing meanwhile.
# How long
#   @LOADS@ loads registering @OPS@ ops in all: a few minutes on a
#   VF2-class board (registering and removing an ops takes milliseconds, the
#   calls themselves well under a second per load). It prints each row.
# What it writes
#   OUT (the first argument; default ftrace-ops-board.log): '#' lines
#   describing the board (uname, /proc/cpuinfo, device-tree model, kernel
#   config, date), then for every load a '#' line and the kernel log lines
#   it printed. It is written to OUT.partial and renamed when complete.
#   `ftrace-lab import OUT --board B --kernel K --variant V` reads it
#   ('#' lines are notes); the script prints that command at the end.
# Usage
#   sudo sh ftrace-ops-board.sh [OUT]
# Exit status
#   0 done; 1 not root or bad usage; 2 no ftrace-ops module; 3 a load failed
#   other than by design, or the kernel log could not be read; 4 some loads
#   printed no "Attempted ... calls" line (see the notes in OUT).
# Environment
#   FTRACE_OPS_KO  the module file to insmod instead of looking for it
#   BOARD          the board name for the import command (default: the
#                  device-tree model, else the host name)
#   FTRACE_LAB_KMSG  where the per-load markers go (default /dev/kmsg)

set -u

ROWS='@ROWS@'
RUNS=@RUNS@
CALLS=@CALLS@
OUT=${1:-ftrace-ops-board.log}
KMSG=${FTRACE_LAB_KMSG:-/dev/kmsg}
ME=ftrace-ops-board

say() {
    printf '%s: %s\n' "$ME" "$*" >&2
}

die() {
    code=$1
    shift
    say "$*"
    exit "$code"
}

if [ "$#" -gt 1 ]; then
    die 1 "usage: sudo sh $0 [OUT]"
fi
if [ "$(id -u)" != 0 ]; then
    die 1 "loading a module needs root: sudo sh $0 $*"
fi

KVER=$(uname -r)

# --- the module -------------------------------------------------------------
LOAD=
MODULE=
if [ -n "${FTRACE_OPS_KO:-}" ]; then
    [ -r "$FTRACE_OPS_KO" ] || die 2 "FTRACE_OPS_KO=$FTRACE_OPS_KO: no such readable file"
    LOAD=insmod
    MODULE=$FTRACE_OPS_KO
elif modinfo ftrace-ops >/dev/null 2>&1; then
    LOAD=modprobe
    MODULE=ftrace-ops
else
    ko=$(find "/lib/modules/$KVER" -name 'ftrace-ops.ko*' 2>/dev/null | head -n 1)
    if [ -n "$ko" ]; then
        LOAD=insmod
        MODULE=$ko
    fi
fi
if [ -z "$LOAD" ]; then
    cat >&2 <<EOF
$ME: this kernel ($KVER) has no ftrace-ops sample module
(modinfo ftrace-ops finds nothing, no ftrace-ops.ko* under /lib/modules/$KVER).
Build it from the source and .config this kernel was built from:
  1. enable it: scripts/config -e SAMPLES -m SAMPLE_FTRACE_OPS
     (CONFIG_SAMPLES=y, CONFIG_SAMPLE_FTRACE_OPS=m; it needs
     CONFIG_FUNCTION_TRACER=y), then make olddefconfig
  2. build: make modules_prepare && make M=samples/ftrace
     (or the full build: make -j\$(nproc))
  3. install: make modules_install (full build) and run this again, or
     point at the file: sudo FTRACE_OPS_KO=samples/ftrace/ftrace-ops.ko sh $0
The module must match the running kernel exactly (uname -r, config).
EOF
    exit 2
fi
if [ -d /sys/module/ftrace_ops ]; then
    die 3 "the ftrace_ops module is loaded already (persist=1?): rmmod ftrace_ops first"
fi

# --- the kernel log ---------------------------------------------------------
if dmesg >/dev/null 2>&1; then
    LOG=dmesg
elif journalctl -k -b -q --no-pager -n 1 >/dev/null 2>&1; then
    LOG=journalctl
else
    die 3 "cannot read the kernel log: dmesg fails (kernel.dmesg_restrict, or a container without CAP_SYSLOG?) and so does journalctl -k"
fi

klog() {
    if [ "$LOG" = dmesg ]; then
        dmesg 2>/dev/null
    else
        journalctl -k -b -q --no-pager -o short-monotonic 2>/dev/null
    fi
}

# --- the board --------------------------------------------------------------
MODEL=
if [ -r /proc/device-tree/model ]; then
    MODEL=$(tr -d '\000' </proc/device-tree/model)
fi
CONFIG=
for f in "/boot/config-$KVER" "/lib/modules/$KVER/config" "/usr/lib/modules/$KVER/config"; do
    if [ -r "$f" ]; then
        CONFIG=$(grep -E '^(# )?CONFIG_(DYNAMIC_FTRACE_WITH_CALL_OPS|DYNAMIC_FTRACE_WITH_ARGS|DYNAMIC_FTRACE_WITH_REGS|PREEMPT[A-Z_]*|HZ)[ =]' "$f")
        break
    fi
done
if [ -z "$CONFIG" ] && [ -r /proc/config.gz ]; then
    CONFIG=$(gzip -dc /proc/config.gz | grep -E '^(# )?CONFIG_(DYNAMIC_FTRACE_WITH_CALL_OPS|DYNAMIC_FTRACE_WITH_ARGS|DYNAMIC_FTRACE_WITH_REGS|PREEMPT[A-Z_]*|HZ)[ =]')
fi
case "$CONFIG" in
    *CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS=y*) VARIANT=call-ops ;;
    '') VARIANT= ;;
    *) VARIANT=no-call-ops ;;
esac
if [ -n "${BOARD:-}" ]; then
    NAME=$BOARD
else
    NAME=${MODEL:-$(uname -n)}
fi
NAME=$(printf '%s' "$NAME" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9.\n' '-' | sed 's/--*/-/g; s/^-//; s/-$//')
[ -n "$NAME" ] || NAME=board
TRACING=
for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
    if [ -r "$d/current_tracer" ]; then
        TRACING=$(cat "$d/current_tracer")
        break
    fi
done

PART=$OUT.partial
trap 'say "interrupted: what was collected is in $PART"; exit 130' INT TERM
{
    echo "# ftrace-lab board log: kernel log lines of the ftrace-ops sample module,"
    echo "# written by ftrace-ops-board.sh (@TOOLKIT@)."
    echo "# Read it with: ftrace-lab import $OUT --board $NAME --kernel $KVER${VARIANT:+ --variant $VARIANT}"
    echo "# board: ${MODEL:-unknown (no /proc/device-tree/model)}"
    echo "# host: $(uname -n)"
    echo "# uname: $(uname -a)"
    echo "# kernel: $KVER"
    echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# cpus: $(grep -c '^processor' /proc/cpuinfo 2>/dev/null)"
    grep -E '^(model name|isa|uarch|mvendorid|marchid|mimpid|hart isa|CPU implementer|CPU architecture|CPU variant|CPU part|CPU revision|Hardware|Model)[[:space:]]*:' /proc/cpuinfo 2>/dev/null |
        sort -u | sed 's/^/# cpuinfo: /'
    gov=/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor
    [ -r "$gov" ] && echo "# cpufreq governor: $(cat "$gov")"
    printf '%s\n' "$CONFIG" | sed '/^$/d; s/^/# config: /'
    echo "# ftrace current_tracer: ${TRACING:-unknown}"
    echo "# module: $LOAD $MODULE"
    echo "# log: $LOG"
    echo "# rows (R/I): $ROWS; runs: $RUNS; calls: $CALLS"
} >"$PART" || die 3 "cannot write $PART"
if [ -n "$TRACING" ] && [ "$TRACING" != nop ]; then
    say "warning: the $TRACING tracer is on; its ops add to every row's list"
fi

# --- the runs ---------------------------------------------------------------
MISSING=0
N=0
# The lines the kernel logged after our marker; without one (no writable
# /dev/kmsg) after the log's last line before the load (BEFORE, line SKIP).
lines_after() {
    klog | awk -v m="$1" -v skip="$2" -v before="$3" '
        { line[NR] = $0 }
        m != "" && index($0, m) { mark = NR }
        $0 == before { last = NR }
        END {
            if (mark) start = mark
            else if (skip == 0) start = 0
            else if (line[skip] == before) start = skip
            else if (last) start = last
            else exit
            for (n = start + 1; n <= NR; n++) print line[n]
        }'
}
for row in $ROWS; do
    r=${row%/*}
    i=${row#*/}
    say "R=$r I=$i: $RUNS run(s) of $CALLS calls ($(date -u +%H:%M:%S))"
    k=1
    while [ "$k" -le "$RUNS" ]; do
        N=$((N + 1))
        marker="ftrace-lab: load $$-$N R=$r I=$i run $k/$RUNS"
        skip=$(klog | wc -l)
        before=$(klog | tail -n 1)
        if ! { printf '%s\n' "$marker" >>"$KMSG"; } 2>/dev/null; then
            marker=
        fi
        err=$("$LOAD" "$MODULE" nr_function_calls="$CALLS" \
            nr_ops_relevant="$r" nr_ops_irrelevant="$i" 2>&1)
        status=$?
        if [ "$status" -eq 0 ]; then
            say "warning: the module stayed loaded (persist=1 in modprobe.d?); removing it"
            rmmod ftrace_ops || die 3 "rmmod ftrace_ops failed"
        elif ! printf '%s' "$err" | grep -qi 'invalid'; then
            printf '# load %s R=%s I=%s run %s/%s failed: %s\n' "$N" "$r" "$i" "$k" "$RUNS" "$err" >>"$PART"
            die 3 "R=$r I=$i run $k: $LOAD failed other than by design: $err (partial results: $PART)"
        fi
        got=$(lines_after "$marker" "$skip" "$before")
        tries=0
        # journald may pick the lines up a moment later
        while ! printf '%s' "$got" | grep -q 'Attempted [0-9]* calls' && [ "$tries" -lt 3 ]; do
            sleep 1
            tries=$((tries + 1))
            got=$(lines_after "$marker" "$skip" "$before")
        done
        {
            printf '# load %s: R=%s I=%s calls=%s run %s/%s (%s exit %s: expected)\n' \
                "$N" "$r" "$i" "$CALLS" "$k" "$RUNS" "$LOAD" "$status"
            printf '%s\n' "$got" | sed '/^$/d'
        } >>"$PART" || die 3 "cannot write $PART"
        if ! printf '%s' "$got" | grep -q 'Attempted [0-9]* calls'; then
            MISSING=$((MISSING + 1))
            echo "# load $N printed no 'Attempted ... calls' line" >>"$PART"
            say "warning: R=$r I=$i run $k: no 'Attempted ... calls' line in the kernel log"
        fi
        k=$((k + 1))
    done
done
mv -f "$PART" "$OUT" || die 3 "cannot rename $PART to $OUT"

say "wrote $OUT ($N loads)"
echo "Import it with:"
if [ -n "$VARIANT" ]; then
    echo "  ftrace-lab import $OUT --board $NAME --kernel $KVER --variant $VARIANT"
else
    echo "  ftrace-lab import $OUT --board $NAME --kernel $KVER --variant call-ops|no-call-ops"
    echo "(the kernel config was not readable: CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS=y is call-ops)"
fi
if [ "$MISSING" -gt 0 ]; then
    say "$MISSING load(s) printed no 'Attempted ... calls' line"
    exit 4
fi
exit 0
