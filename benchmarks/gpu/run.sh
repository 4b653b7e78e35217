#!/usr/bin/env bash
# CUBA (models/cuba.toml: Brette et al. 2007 benchmark 2, 80 synapses per neuron at every size) on each
# backend at N = 4,000 up to a maximum, reporting build, upload, wall time, real-time factor and synaptic
# events per second, from the CLI's own summary.
#
#   benchmarks/gpu/run.sh publish        # on a machine with the .NET SDK: self-contained CLI in publish/linux-x64
#   benchmarks/gpu/run.sh run [options]  # anywhere that folder is (the GPU machine needs no SDK)
#   benchmarks/gpu/run.sh                # both
#
# Options of run (environment variables):
#   SIZES="4000 40000 400000 1000000"    neuron counts
#   BACKENDS="cpu cuda"                  any of cpu cuda opencl ilgpu-cpu (ilgpu-cpu is ~1000x slower: tiny N only)
#   SUMS="deterministic fast"            device summation modes (the cpu backend runs once per size)
#   DURATION="1000 ms"  SEEDS="1"        simulated time and seeds
#   OUT=benchmarks/gpu/results.tsv       where the table is written (also printed)
# Nothing here is a measurement: run it on the machine you want figures for and report what it prints.
set -euo pipefail
cd "$(dirname "$0")/../.."
PUBLISH=publish/linux-x64
BIN="$PUBLISH/spiking"

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

run() {
    [ -x "$BIN" ] || { echo "no $BIN: run '$0 publish' first (on a machine with the .NET SDK) and carry $PUBLISH" >&2; exit 2; }
    local sizes=${SIZES:-4000 40000 400000 1000000} backends=${BACKENDS:-cpu cuda} sums=${SUMS:-deterministic fast}
    local duration=${DURATION:-1000 ms} seeds=${SEEDS:-1} out=${OUT:-benchmarks/gpu/results.tsv}
    local tmp
    tmp=$(mktemp -d)
    printf "N\tbackend\tsums\tseed\tbuild_s\tupload_s\twall_s\trtf\tevents\tevents_per_s\texc_rate_hz\n" | tee "$out"
    for n in $sizes; do
        model "$n" "$tmp/cuba-$n.toml"
        for backend in $backends; do
            local modes=$sums
            [ "$backend" = cpu ] && modes=-
            for mode in $modes; do
                for seed in $seeds; do
                    local args=(run "$tmp/cuba-$n.toml" --out "$tmp/out.h5" --seed "$seed" --duration "$duration" --backend "$backend")
                    [ "$mode" != - ] && args+=(--device-sums "$mode")
                    if ! "$BIN" "${args[@]}" > "$tmp/log" 2>&1; then
                        printf "%s\t%s\t%s\t%s\tfailed: %s\n" "$n" "$backend" "$mode" "$seed" "$(tail -n 1 "$tmp/log")" | tee -a "$out"
                        continue
                    fi
                    awk -v n="$n" -v backend="$backend" -v mode="$mode" -v seed="$seed" '
                        /^built / { for (i = 1; i <= NF; i++) { if ($i == "in" && build == "") build = $(i + 1); if ($i == "in" && $(i - 1) ~ /\)$/) upload = $(i + 1) } }
                        /^exc / { rate = $NF }
                        /^neurons / { gsub(",", "", $NF); events = $NF }
                        /^simulated / { for (i = 1; i <= NF; i++) if ($i == "in") wall = $(i + 1); r = $0; sub(/.*\(/, "", r); sub(/x real.*/, "", r); rtf = r }
                        END { if (upload == "") upload = "-"; printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.4g\t%s\n", n, backend, mode, seed, build, upload, wall, rtf, events, events / wall, rate }
                    ' "$tmp/log" | tee -a "$out"
                done
            done
        done
    done
    rm -rf "$tmp"
}

case "${1:-all}" in
    publish) publish ;;
    run) run ;;
    all) [ -x "$BIN" ] || publish; run ;;
    *) echo "usage: $0 [publish|run|all]" >&2; exit 2 ;;
esac
