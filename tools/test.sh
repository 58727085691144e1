#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: restores, builds, runs every test project, and
# ends with one plain line "N passed, N failed". Exit code 0 only when tests ran and none failed.
# Whatever the tests need beyond the .NET SDK is installed, started and stopped here.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

cleanup() { :; }
trap cleanup EXIT

# Azurite and buf (pinned in tools/package.json): Azurite backs the Azure Blob store tests (each test fixture starts
# and stops its own instance on a free port); buf runs the README's gRPC example in the docs tests.
if [ ! -x tools/node_modules/.bin/azurite-blob ] || [ ! -x tools/node_modules/.bin/buf ]; then
  npm install --prefix tools --no-audit --no-fund
fi

# jq shapes request bodies in the README's examples, which the docs tests run as written.
if ! command -v jq >/dev/null; then
  (apt-get install -y jq >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y jq >/dev/null 2>&1)) \
    || echo "warning: jq could not be installed; the docs tests will fail" >&2
fi

# The portal's browser tests drive the system Chromium (Playwright's own browser download is not
# reachable); without the CJK fonts every Japanese glyph in the screenshots is an empty box.
if ! command -v chromium >/dev/null || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  (apt-get install -y chromium fonts-noto-cjk >/dev/null 2>&1 \
    || (apt-get update >/dev/null 2>&1 && apt-get install -y chromium fonts-noto-cjk >/dev/null 2>&1)) \
    || echo "warning: chromium and fonts-noto-cjk could not be installed; the portal's browser tests will fail" >&2
fi

# Helm cannot be installed here; at least the chart's own YAML files must be valid.
lint_status=0
if command -v yamllint >/dev/null; then
  yamllint -d "{extends: default, rules: {line-length: {max: 120}}}" \
    charts/circularpartners-dataspace/Chart.yaml charts/circularpartners-dataspace/values.yaml || lint_status=1
fi

set +e
dotnet test CircularPartners.DataSpace.sln -c Release --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
if [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ] || [ "$status" -ne 0 ] || [ "$lint_status" -ne 0 ]; then
  exit 1
fi
