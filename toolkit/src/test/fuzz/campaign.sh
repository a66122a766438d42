#!/usr/bin/env bash
# A reproducible fuzz campaign: each Jazzer target in turn, for a fixed number of executions,
# one JVM at a time; prints executions, time and findings per target.
#
#   toolkit/src/test/fuzz/campaign.sh                      # every target, 10^6 executions each
#   toolkit/src/test/fuzz/campaign.sh -n 20000 ElfFuzzTest#parse CsvFuzzTest#typed
#   toolkit/src/test/fuzz/campaign.sh -n 1000000 -t 1800   # at most 30 min per target
#
# -n RUNS executions per target (libFuzzer -runs; the seeds count), -t SECONDS a time cap per
# target (0: none), -k N findings to go on past (JAZZER_KEEP_GOING), -m the JVM heap (-Xmx).
# Jazzer 0.24 takes libFuzzer flags as the configuration parameters jazzer.internal.arg.N;
# later flags win over the annotation's maxDuration. Logs: toolkit/target/fuzz-campaign/.
# Findings are saved to the target's committed inputs folder (crash-*, timeout-*), where the
# normal test run replays them once they are kept. The regression mode (no JAZZER_FUZZ) is
# untouched by this script.
set -euo pipefail
cd "$(dirname "$0")/../../../.."

runs=1000000 max_time=0 keep_going=20 heap=2g
while getopts "n:t:k:m:" o; do
    case $o in
        n) runs=$OPTARG ;;
        t) max_time=$OPTARG ;;
        k) keep_going=$OPTARG ;;
        m) heap=$OPTARG ;;
        *) sed -n '2,16p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ElfFuzzTest#parse DecoderFuzzTest#riscv64 DecoderFuzzTest#arm64 LoadRunFuzzTest#loadAndRun
             ListingFuzzTest#listing BtfFuzzTest#parse KernelDatasetFuzzTest#census KernelDatasetFuzzTest#reach
             ProfileFuzzTest#read PlanFileFuzzTest#parseAndCheck CsvFuzzTest#typed CsvFuzzTest#published
             ImporterFuzzTest#readText CliFuzzTest#distances CliFuzzTest#main)
fi

logs=toolkit/target/fuzz-campaign
mkdir -p "$logs"
# Compile once, so that the time per target is fuzzing.
./mvnw -B -q -o test-compile -DskipNotebooks >"$logs/build.log" 2>&1 || { cat "$logs/build.log"; exit 1; }

printf '%-32s %12s %8s %8s %8s  %s\n' target executions seconds exec/s findings status
for t in "${targets[@]}"; do
    log="$logs/${t//#/-}.log"
    stamp="$logs/.${t//#/-}.start"
    touch "$stamp"
    status=ok
    JAZZER_FUZZ=1 JAZZER_KEEP_GOING=$keep_going nice -n 10 ./mvnw -B -o test -DskipNotebooks \
        -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false -DargLine="-Xmx$heap" \
        -Djunit.jupiter.execution.timeout.mode=disabled \
        -Djazzer.internal.arg.0=fake_argv0 -Djazzer.internal.arg.1="-runs=$runs" \
        -Djazzer.internal.arg.2="-max_total_time=$max_time" >"$log" 2>&1 || status=failed
    # libFuzzer's summary line; without it (a JVM crash) the last status line it printed
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
    if [ -n "$done_line" ]; then
        execs=$(awk '{print $2}' <<<"$done_line")
        secs=$(awk '{print $5}' <<<"$done_line")
    else
        execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
        secs="?"
        status="$status (no summary)"
    fi
    findings=$(grep -cE '^== Java Exception|^==[0-9]+== ERROR: libFuzzer|^ALARM: working on the last Unit' "$log" || true)
    rate="?"
    if [ -n "$execs" ] && [ "$secs" != "?" ] && [ "$secs" -gt 0 ]; then
        rate=$((execs / secs))
    fi
    printf '%-32s %12s %8s %8s %8s  %s\n' "$t" "${execs:-0}" "$secs" "$rate" "$findings" "$status"
    find toolkit/src/test/resources -newer "$stamp" -type f \( -name 'crash-*' -o -name 'timeout-*' \) \
        -printf '    finding saved: %p\n'
    # libFuzzer also saves an input slower than 10 s: not a finding (the 30 s limit is), and
    # too slow to replay in every test run, so it is moved out of the inputs folder
    find toolkit/src/test/resources -newer "$stamp" -type f -name 'slow-unit-*' -print0 | while IFS= read -r -d '' f; do
        mv "$f" "$logs/" && echo "    slow input (not a finding): $logs/${f##*/}"
    done
    rm -f "$stamp"
done
