#!/usr/bin/env bash
# Assembles every device kernel's PTX with NVIDIA's ptxas for sm_90 (H100), as ILGPU writes it and as the
# device backend loads it (rounded: .rn on every float add, sub and mul; src/Spiking.Gpu/PtxRounding.cs),
# and counts the fused multiply-adds in the machine code. No GPU needed.
#
#   benchmarks/gpu/ptxas-check.sh            # prints a table; exit 1 if a kernel does not assemble, or if
#                                            # a rounded kernel has a DFMA without a division, square root,
#                                            # reciprocal or explicit fma.rn.f64 in its PTX (whose correctly
#                                            # rounded sequences are made of DFMAs): that would be the
#                                            # driver fusing the model's own multiplies and adds
#
# ptxas comes from Debian 12's nvidia-cuda-toolkit (non-free, CUDA 11.8): the .deb is downloaded and
# unpacked into a temporary folder, nothing is installed. PTXAS=/path/to/ptxas (and CUOBJDUMP) use others.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${PTXAS:-}" ]; then
    if ! apt-cache show nvidia-cuda-toolkit > /dev/null 2>&1; then
        # Debian's non-free component, for this one download (root needed, as for apt-get)
        cat > /etc/apt/sources.list.d/spiking-nonfree.sources <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
        apt-get update -qq
    fi
    (cd "$work" && apt-get download -qq nvidia-cuda-toolkit && dpkg-deb -x nvidia-cuda-toolkit_*.deb cuda)
    PTXAS="$work/cuda/usr/bin/ptxas"
    CUOBJDUMP="$work/cuda/usr/bin/cuobjdump"
fi
"$PTXAS" --version | tail -1

mkdir -p "$work/ptx"
SPIKING_PTX_DIR="$work/ptx" dotnet test tests/Spiking.Tests -c Release --filter "FullyQualifiedName~PtxTests.Kernel_compiles" > "$work/test.log" 2>&1 \
    || { tail -20 "$work/test.log"; exit 1; }

bad=0
printf "%-40s %9s %9s  %s\n" kernel DFMA_raw DFMA_rn "div/sqrt/rcp/fma in the rounded PTX"
for f in "$work"/ptx/*.rn.ptx; do
    k=$(basename "$f" .rn.ptx)
    for v in raw rn; do
        if ! "$PTXAS" -arch=sm_90 -O3 -o "$work/$k.$v.cubin" "$work/ptx/$k.$v.ptx" 2> "$work/$k.$v.err"; then
            echo "$k ($v): ptxas failed: $(head -3 "$work/$k.$v.err")"; bad=1; continue
        fi
    done
    raw=$("$CUOBJDUMP" -sass "$work/$k.raw.cubin" | grep -c DFMA || true)
    rn=$("$CUOBJDUMP" -sass "$work/$k.rn.cubin" | grep -c DFMA || true)
    ops=$(grep -cE '^\s*(@!?%p[0-9]+\s+)?((div|sqrt|rcp)\.rn\.f64|fma\.rn\.f64)' "$f" || true)
    printf "%-40s %9s %9s  %s\n" "$k" "$raw" "$rn" "$ops"
    if [ "$rn" -gt 0 ] && [ "$ops" -eq 0 ]; then echo "  $k: DFMA in the rounded kernel without a division, root or fma"; bad=1; fi
done
exit $bad
