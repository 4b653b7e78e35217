#!/usr/bin/env bash
# The test command of README.md: installs what the tests need (Debian's python3-h5py, read by the
# HDF5 tests through /usr/bin/python3), runs every test in Release, and ends with the line
#   Tests: N passed, N failed
set -uo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c "import h5py" >/dev/null 2>&1; then
    echo "installing python3-h5py (Debian) for the HDF5 tests ..."
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-h5py >/dev/null
fi

results="$(mktemp -d)"
dotnet test Spiking.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?

trx="$(find "$results" -name '*.trx' | head -n 1)"
if [ -n "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    passed="$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')"
    failed="$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')"
    echo "Tests: ${passed:-0} passed, ${failed:-0} failed"
else
    echo "Tests: 0 passed, 1 failed"
    status=1
fi
rm -rf "$results"
exit $status
