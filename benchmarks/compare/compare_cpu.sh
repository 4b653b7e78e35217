#!/bin/sh
# CPU speed and scale: Spiking against Brian2 2.5.1 (cpp_standalone with OpenMP, and the runtime
# device) on CUBA (N = 4k, 40k, 400k, 1M) and COBA (4k, 40k). Options are compare_cpu.py's
# (--sizes, --models, --duration, --threads, --repeats, --skip-runtime, --out, ...; --help).
#
#   sudo apt-get install python3-brian        # Brian2 2.5.1 under /usr/bin/python3 (Debian 12)
#   benchmarks/compare/compare_cpu.sh --out results.json
#   benchmarks/compare/compare_cpu.sh --threads 1          # 1 thread against 1 OpenMP thread
set -e
here=$(cd "$(dirname "$0")" && pwd)
if ! /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
    echo "Brian2 is missing: sudo apt-get install python3-brian" >&2
    exit 2
fi
if ! command -v dotnet >/dev/null 2>&1; then
    echo "dotnet (the .NET 10 SDK) is missing" >&2
    exit 2
fi
exec /usr/bin/python3 -W ignore::FutureWarning "$here/compare_cpu.py" "$@"
