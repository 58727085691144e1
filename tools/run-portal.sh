#!/usr/bin/env bash
# Starts the connector on its embedded store (./data, gRPC on 127.0.0.1:5080) and the membership
# portal next to it (http://127.0.0.1:5090), signed in as the development participant. Ctrl+C stops both.
# PORTAL_URL, CPDS_CONNECTOR (gRPC), CPDS_REST and CPDS_DATA override the addresses and the data
# directory; PORTAL_BUILD=0 skips the build; PORTAL_CONFIGURATION picks Release (default) or Debug.
set -euo pipefail
cd "$(dirname "$0")/.."
portal_url=${PORTAL_URL:-http://127.0.0.1:5090}
connector=${CPDS_CONNECTOR:-http://127.0.0.1:5080}
rest=${CPDS_REST:-http://127.0.0.1:5081}
data=${CPDS_DATA:-$(pwd)/data}
credential="$data/identity/credential.jwt"
config=${PORTAL_CONFIGURATION:-Release}

if [ "${PORTAL_BUILD:-1}" != 0 ]; then
  dotnet build src/CircularPartners.DataSpace.Connector -c "$config" -v quiet -nologo >/dev/null
  dotnet build src/CircularPartners.DataSpace.Portal -c "$config" -v quiet -nologo >/dev/null
fi

# The built programs run directly (not through `dotnet run`), so stopping them here stops them.
dotnet src/CircularPartners.DataSpace.Connector/bin/$config/net10.0/CircularPartners.DataSpace.Connector.dll \
  --Storage:DataDirectory="$data" --Kestrel:Endpoints:Grpc:Url="$connector" --Kestrel:Endpoints:Rest:Url="$rest" &
connector_pid=$!
portal_pid=""
stop() {
  [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null || true
  kill "$connector_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

# The connector's development profile writes the credential the portal signs in with.
for _ in $(seq 1 120); do
  [ -s "$credential" ] && break
  kill -0 "$connector_pid" 2>/dev/null || { echo "the connector did not start" >&2; exit 1; }
  sleep 0.5
done
[ -s "$credential" ] || { echo "no development credential at $credential" >&2; exit 1; }

dotnet src/CircularPartners.DataSpace.Portal/bin/$config/net10.0/CircularPartners.DataSpace.Portal.dll \
  --urls "$portal_url" --Portal:Connector="$connector" \
  --Portal:DevelopmentCredential="$credential" --Portal:DevelopmentAutoSignIn=true &
portal_pid=$!
echo "portal: $portal_url (signed in as the development participant; the connector at $connector)"
wait "$portal_pid"
