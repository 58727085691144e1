#!/usr/bin/env bash
# Replica freshness and idle cost of the Azure Blob store, on one machine against Azurite (started
# by the benchmark from tools/node_modules): replica lag p50/p99 while replica A publishes at a
# sustained rate and replica B follows the change journal, and B's storage requests per second
# while idle (journal and sharing polls). Figures in docs/scale-out.md.
#   tools/bench-replicas.sh [rate/s] [seconds] [in-flight] [idle-seconds]   (default 137 30 32 10)
#   rate 0: publish as fast as the in-flight bound allows (the store's sustained rate)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x tools/node_modules/.bin/azurite-blob ] || npm install --prefix tools --no-audit --no-fund > /dev/null
dotnet build tests/CircularPartners.DataSpace.Benchmarks -c Release -v quiet -nologo > /dev/null
exec dotnet tests/CircularPartners.DataSpace.Benchmarks/bin/Release/net10.0/CircularPartners.DataSpace.Benchmarks.dll \
  replica-lag "${1:-137}" "${2:-30}" "${3:-32}" "${4:-10}"
