#!/usr/bin/env bash
# The test command of README.md: installs what the tests need (Debian's python3-h5py, read by the
# HDF5 tests through /usr/bin/python3), builds every project of the solution (examples and benchmarks
# too), runs every test in Release, then tests/golden/outputs.py (every shipped model's output byte for
# byte against hashes taken before the runtime redesign), tests/architecture/namespaces.py (no namespace
# cycles) and `dotnet format whitespace --verify-no-changes`
# (each counted as one test), and ends with the line
#   Tests: N passed, N failed
set -uo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c "import h5py" >/dev/null 2>&1; then
    echo "installing python3-h5py (Debian) for the HDF5 tests ..."
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-h5py >/dev/null
fi

dotnet build Spiking.sln -c Release -nologo -v quiet || { echo "Tests: 0 passed, 1 failed"; exit 1; }

results="$(mktemp -d)"
dotnet test Spiking.sln -c Release --no-build --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?

# Shipped models' outputs, byte for byte (a short run of each; about 30 s), the namespaces' layering
# (no two use each other) and the code's layout against .editorconfig: three more tests.
golden_passed=0; golden_failed=0
if /usr/bin/python3 tests/golden/outputs.py; then golden_passed=$((golden_passed + 1)); else golden_failed=$((golden_failed + 1)); status=1; fi
if /usr/bin/python3 tests/architecture/namespaces.py; then golden_passed=$((golden_passed + 1)); else golden_failed=$((golden_failed + 1)); status=1; fi
if dotnet format whitespace Spiking.sln --verify-no-changes; then
    golden_passed=$((golden_passed + 1))
else
    echo "dotnet format whitespace --verify-no-changes: the files above differ from .editorconfig's layout (run dotnet format whitespace Spiking.sln)"
    golden_failed=$((golden_failed + 1)); status=1
fi

trx="$(find "$results" -name '*.trx' | head -n 1)"
if [ -n "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    passed="$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
    failed="$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
    echo "Tests: $(( ${passed:-0} + golden_passed )) passed, $(( ${failed:-0} + golden_failed )) failed"
else
    echo "Tests: 0 passed, 1 failed"
    status=1
fi
rm -rf "$results"
exit $status
