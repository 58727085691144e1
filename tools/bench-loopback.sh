#!/usr/bin/env bash
# `cpds bench` end to end on one machine: two connectors over h2c on loopback (A, the provider,
# and B, the consumer, trusting one development issuer), a second participant (a recycler), an
# offer, an agreement and a data-access token; then every scenario. Prints each result line;
# BENCH_JSON=1 prints one JSON object per scenario instead.
#   tools/bench-loopback.sh [publish-count]      (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-20000}
work=$(mktemp -d /tmp/cpds-bench.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

dotnet build CircularPartners.DataSpace.sln -c Release -v quiet -nologo > "$work/build.log"
bin=src/CircularPartners.DataSpace.Connector/bin/Release/net10.0
start() { # name grpc-port rest-port
  mkdir -p "$work/$1/identity"
  [ "$1" = b ] && cp "$work/a/identity/dev-issuer.key.pem" "$work/b/identity/"
  (cd "$bin" && exec dotnet CircularPartners.DataSpace.Connector.dll --Storage:DataDirectory="$work/$1" \
    --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$2" --Kestrel:Endpoints:Grpc:Protocols=Http2 \
    --Kestrel:Endpoints:Rest:Url="http://127.0.0.1:$3" --Logging:LogLevel:Default=Warning > "$work/$1.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$3/" && return; sleep 0.2; done
  echo "connector $1 did not start; see $work/$1.log" >&2; exit 1
}
start a 57080 57081
start b 57180 57181

cpds() { dotnet src/CircularPartners.DataSpace.Cli/bin/Release/net10.0/cpds.dll ${BENCH_JSON:+--json} "$@"; }
owner="$work/a/identity/credential.jwt"
recycler="$work/recycler.jwt"
dotnet tests/CircularPartners.DataSpace.Benchmarks/bin/Release/net10.0/CircularPartners.DataSpace.Benchmarks.dll \
  dev-credential "$work/a" 5010001000005 venous > "$recycler"
rest() { # credential url json
  curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $(cat "$1")" -d "$3" "$2"
}
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
cpds --connector http://127.0.0.1:57080 --credential "$owner" bench publish --count "$count" --concurrency 4 --warmup 2000
cpds --connector http://127.0.0.1:57080 --credential "$owner" bench get --count 60000 --concurrency 16 --warmup 3000
for filter in "--cas 1309-64-4" "--material copper" "--category electrical-and-electronic-equipment"; do
  # shellcheck disable=SC2086
  cpds --connector http://127.0.0.1:57080 --credential "$owner" bench query $filter --count 30000 --concurrency 16
done

offer=$(rest "$owner" http://127.0.0.1:57081/v1/offers '{"title":"battery passports for recyclers",
  "selector":{"use_case":"battery"},"access_classes":["legitimate-interest"],
  "constraints":{"allowed_roles":["venous"],"purposes":["recycling"]}}' | field "['offerId']")
agreement=$(rest "$recycler" http://127.0.0.1:57181/v1/negotiations \
  "{\"provider_address\":\"http://127.0.0.1:57080\",\"offer_id\":\"$offer\",\"purpose\":\"recycling\"}" | field "['agreementId']")
token=$(rest "$recycler" "http://127.0.0.1:57181/v1/agreements/$agreement:transfer" '{}' | field "['token']")
battery=$(curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer $(cat "$recycler")" -H "x-data-access-token: $token" \
  -d '{"use_case":"battery","page_size":1}' http://127.0.0.1:57081/v1/passports:query | field "['passports'][0]['passportId']")

for concurrency in 2 16 64; do
  cpds --connector http://127.0.0.1:57080 --credential "$recycler" bench get --access-token "$token" \
    --count 20000 --concurrency "$concurrency" --warmup 1000
done
cpds --connector http://127.0.0.1:57180 --credential "$recycler" bench negotiate --provider http://127.0.0.1:57080 \
  --offer "$offer" --purpose recycling --count 200 --warmup 10 --id "$battery"
