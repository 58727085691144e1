#!/usr/bin/env bash
# Builds the cpds CLI as a .NET tool and installs it in ./.tools (put that folder on PATH).
# Re-run after pulling changes: the previous install is replaced, never reused from a cache.
set -euo pipefail
cd -P "$(dirname "$0")/.."
rm -rf .tools/packages
dotnet pack src/CircularPartners.DataSpace.Cli -c Release -o .tools/packages --nologo -v quiet
dotnet tool uninstall CircularPartners.DataSpace.Cli --tool-path .tools >/dev/null 2>&1 || true
dotnet tool install CircularPartners.DataSpace.Cli --tool-path .tools --add-source .tools/packages >/dev/null
echo "installed cpds $(.tools/cpds --version) in $(pwd)/.tools"
