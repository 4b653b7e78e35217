#!/usr/bin/env bash
# CUBA (models/cuba.toml: Brette et al. 2007 benchmark 2, 80 synapses per neuron at every size) on each
# backend at N = 4,000 up to a maximum, reporting build, upload, wall time, real-time factor and synaptic
# events per second, from the CLI's own summary.
#
#   benchmarks/gpu/run.sh publish        # on a machine with the .NET SDK: self-contained CLI in publish/linux-x64
#   benchmarks/gpu/run.sh run [options]  # anywhere that folder is (the GPU machine needs no SDK)
#   benchmarks/gpu/run.sh                # both
#   benchmarks/gpu/run.sh microcircuit   # the Potjans & Diesmann microcircuit with the PD14 benchmark protocol (below)
#
# Options of run (environment variables):
#   SIZES="4000 40000 400000 1000000"    neuron counts
#   BACKENDS="cpu cuda"                  any of cpu cuda opencl ilgpu-cpu (ilgpu-cpu is ~1000x slower: tiny N only)
#   SUMS="deterministic fast"            device summation modes (the cpu backend runs once per size)
#   DURATION="1000 ms"  SEEDS="1"        simulated time and seeds
#   OUT=benchmarks/gpu/results.tsv       where the table is written (also printed)
# Options of microcircuit: BACKENDS, SUMS as above; SCALE=1 (population scale, in-degrees kept);
#   SEED=1. Protocol (Potjans & Diesmann 2014, as Golosio et al. 2023 and Knight & Nowotny 2018 time it):
#   RTF = (wall of a 10.5 s run - wall of a 0.5 s run) / 10 s, simulation loop alone (the CLI's
#   "simulated ... in X s wall"), spike recording off, then once more with all spikes recorded. Where
#   nvidia-smi is present, GPU power is sampled every 100 ms during the 10.5 s run and the energy per
#   synaptic event is printed. Population rates over 0.5-10.5 s come from `spiking info --from 500ms`.
# Nothing here is a measurement: run it on the machine you want figures for and report what it prints.
set -euo pipefail
cd "$(dirname "$0")/../.."
PUBLISH=publish/linux-x64
BIN="${SPIKING:-$PUBLISH/spiking}"   # SPIKING="dotnet src/Spiking.Cli/bin/Release/net10.0/spiking.dll" runs a local build

publish() {
    dotnet publish src/Spiking.Cli -c Release -r linux-x64 --self-contained -o "$PUBLISH"
}

model() { # model N FILE: cuba.toml at N neurons (80 % excitatory), p = 80/N, without the state monitor
    local n=$1 file=$2 ne=$(( $1 * 4 / 5 )) ni=$(( $1 - $1 * 4 / 5 ))
    local p
    p=$(awk -v n="$n" 'BEGIN { printf "%.10g", 80 / n }')
    local state
    state=$(grep -n 'kind = "state"' models/cuba.toml | cut -d: -f1)
    head -n $(( state - 2 )) models/cuba.toml \
        | sed -e "s/^size = 3200 .*/size = $ne/" -e "s/^size = 800 .*/size = $ni/" -e "s/p = 0.02 }/p = $p }/" > "$file"
}

wall_of() { # the simulation loop's wall seconds from a run's log
    awk '/^simulated / { for (i = 1; i <= NF; i++) if ($i == "in") print $(i + 1) }' "$1"
}

events_of() {
    awk '/^neurons / { gsub(",", "", $NF); print $NF }' "$1"
}

phases_of() { # "device_s<TAB>record_s<TAB>launches_per_step" from a device run's log ("-" on the cpu backend)
    awk '/^time per phase: device / { d = $5; for (i = 1; i <= NF; i++) { if ($i == "per" && $(i + 1) ~ /^step/) l = $(i - 1); if ($i == "recording") r = $(i + 1) } }
         END { if (d == "") print "-\t-\t-"; else printf "%s\t%s\t%s\n", d, r, l }' "$1"
}

microcircuit() {
    local backends=${BACKENDS:-cpu cuda} sums=${SUMS:-deterministic fast} scale=${SCALE:-1} seed=${SEED:-1}
    local tmp
    tmp=$(mktemp -d)
    # Recording off: the model without its [[monitors]] blocks.
    awk '/^\[\[monitors\]\]/ { skip = 1; next } skip && /^$/ { skip = 0; next } !skip' models/microcircuit.toml > "$tmp/norec.toml"
    cp models/microcircuit.toml "$tmp/rec.toml"
    printf "backend\tsums\tscale\trecording\twall_0.5s\twall_10.5s\tRTF\tevents_10.5s\tmean_power_W\tnJ_per_event\tdevice_s\trecord_s\tlaunches_per_step\n"
    for backend in $backends; do
        local modes=$sums
        [ "$backend" = cpu ] && modes=-
        for mode in $modes; do
            for rec in off on; do
                local file="$tmp/norec.toml"
                [ "$rec" = on ] && file="$tmp/rec.toml"
                local args=(run "$file" --out "$tmp/out.h5" --seed "$seed" --scale "$scale" --backend "$backend")
                [ "$mode" != - ] && args+=(--device-sums "$mode")
                if ! $BIN "${args[@]}" --duration "500 ms" > "$tmp/short.log" 2>&1; then
                    printf "%s\t%s\t%s\t%s\tfailed: %s\n" "$backend" "$mode" "$scale" "$rec" "$(tail -n 1 "$tmp/short.log")"
                    continue
                fi
                local power=-
                if command -v nvidia-smi > /dev/null && [ "$backend" != cpu ]; then
                    nvidia-smi --query-gpu=power.draw --format=csv,noheader,nounits -lms 100 > "$tmp/power.log" 2>/dev/null &
                    power=$!
                fi
                $BIN "${args[@]}" --duration "10500 ms" > "$tmp/long.log" 2>&1 || { [ "$power" != - ] && kill "$power"; printf "%s\t%s\t%s\t%s\tfailed: %s\n" "$backend" "$mode" "$scale" "$rec" "$(tail -n 1 "$tmp/long.log")"; continue; }
                local watts=- nj=-
                if [ "$power" != - ]; then
                    kill "$power"; wait "$power" 2>/dev/null || true
                    watts=$(awk '{ s += $1; n++ } END { if (n) printf "%.1f", s / n; else print "-" }' "$tmp/power.log")
                fi
                local short long events
                short=$(wall_of "$tmp/short.log"); long=$(wall_of "$tmp/long.log"); events=$(events_of "$tmp/long.log")
                local rtf
                rtf=$(awk -v a="$short" -v b="$long" 'BEGIN { printf "%.4g", (b - a) / 10 }')
                [ "$watts" != - ] && nj=$(awk -v w="$watts" -v t="$long" -v e="$events" 'BEGIN { printf "%.4g", w * t / e * 1e9 }')
                printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$backend" "$mode" "$scale" "$rec" "$short" "$long" "$rtf" "$events" "$watts" "$nj" "$(phases_of "$tmp/long.log")"
                if [ "$rec" = on ]; then $BIN info "$tmp/out.h5" --from 500ms | sed -n '/^population/,$p'; fi
            done
        done
    done
    rm -rf "$tmp"
}

run() {
    [ -n "${SPIKING:-}" ] || [ -x "$BIN" ] || { echo "no $BIN: run '$0 publish' first (on a machine with the .NET SDK) and carry $PUBLISH" >&2; exit 2; }
    local sizes=${SIZES:-4000 40000 400000 1000000} backends=${BACKENDS:-cpu cuda} sums=${SUMS:-deterministic fast}
    local duration=${DURATION:-1000 ms} seeds=${SEEDS:-1} out=${OUT:-benchmarks/gpu/results.tsv}
    local tmp
    tmp=$(mktemp -d)
    command -v nvidia-smi > /dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >&2
    printf "N\tbackend\tsums\tseed\tbuild_s\tupload_s\tdevice_MiB\twall_s\tx_real_time\tevents\tevents_per_s\texc_rate_hz\tdevice_s\trecord_s\tlaunches_per_step\n" | tee "$out"
    for n in $sizes; do
        model "$n" "$tmp/cuba-$n.toml"
        for backend in $backends; do
            local modes=$sums
            [ "$backend" = cpu ] && modes=-
            for mode in $modes; do
                for seed in $seeds; do
                    local args=(run "$tmp/cuba-$n.toml" --out "$tmp/out.h5" --seed "$seed" --duration "$duration" --backend "$backend")
                    [ "$mode" != - ] && args+=(--device-sums "$mode")
                    if ! $BIN "${args[@]}" > "$tmp/log" 2>&1; then
                        printf "%s\t%s\t%s\t%s\tfailed: %s\n" "$n" "$backend" "$mode" "$seed" "$(tail -n 1 "$tmp/log")" | tee -a "$out"
                        continue
                    fi
                    awk -v n="$n" -v backend="$backend" -v mode="$mode" -v seed="$seed" '
                        /^built / { for (i = 1; i <= NF; i++) { if ($i == "in" && build == "") build = $(i + 1); if ($i == "in" && $(i - 1) ~ /\)$/) upload = $(i + 1); if ($i == "MiB" && $(i + 1) == "of") mib = $(i - 1) } }
                        /^exc / { rate = $NF }
                        /^neurons / { gsub(",", "", $NF); events = $NF }
                        /^simulated / { for (i = 1; i <= NF; i++) if ($i == "in") wall = $(i + 1); r = $0; sub(/.*\(/, "", r); sub(/x real.*/, "", r); rtf = r }
                        END { if (upload == "") upload = "-"; if (mib == "") mib = "-"; printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.4g\t%s\t", n, backend, mode, seed, build, upload, mib, wall, rtf, events, events / wall, rate }
                    ' "$tmp/log" | tee -a "$out"
                    phases_of "$tmp/log" | tee -a "$out"
                done
            done
        done
    done
    rm -rf "$tmp"
}

case "${1:-all}" in
    publish) publish ;;
    run) run ;;
    microcircuit) [ -n "${SPIKING:-}" ] || [ -x "$BIN" ] || publish; microcircuit ;;
    all) [ -x "$BIN" ] || publish; run ;;
    *) echo "usage: $0 [publish|run|all|microcircuit]" >&2; exit 2 ;;
esac
