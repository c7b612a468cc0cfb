#!/usr/bin/env bash
# Accepts what a card change changes, in one step: the generator's snapshots (tests/FluxSpecs.Generator.Tests/Snapshots)
# and the generated public API of the shipped models (src/FluxSpecs.Models/PublicAPI.Unshipped.txt). Review the diff,
# then commit it. Run from anywhere: bash eng/accept-card-changes.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

api=src/FluxSpecs.Models/PublicAPI.Unshipped.txt

# The models' API is what the cards generate, so it is rewritten from scratch: with an empty list the public API
# analyzer reports every public symbol as RS0016, quoting the exact line each needs; those lines become the list.
# Symbols already in PublicAPI.Shipped.txt are not reported, so shipped API stays where it is.
printf '#nullable enable\n' > "$api"
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
dotnet build src/FluxSpecs.Models/FluxSpecs.Models.csproj -c Release -m:2 -nologo -clp:NoSummary >"$build_log" 2>&1 || true
if grep -q "error FSPEC" "$build_log"; then
  grep "error FSPEC" "$build_log" | sort -u >&2
  echo "A card has errors (above); fix them first. $api was left with only its header." >&2
  exit 1
fi
grep "error RS0016" "$build_log" | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" | sort -u >> "$api"
if grep -E " error " "$build_log" | grep -qv "error RS0016"; then
  grep -E " error " "$build_log" | grep -v "error RS0016" | sort -u >&2
  echo "The models do not build for another reason (above)." >&2
  exit 1
fi
dotnet build src/FluxSpecs.Models/FluxSpecs.Models.csproj -c Release -m:2 -nologo -v q

# Then the generator's snapshots, accepted by its own tests.
FLUXSPECS_ACCEPT_SNAPSHOTS=1 dotnet test tests/FluxSpecs.Generator.Tests/FluxSpecs.Generator.Tests.csproj -c Release -m:2 >/dev/null || true
dotnet test tests/FluxSpecs.Generator.Tests/FluxSpecs.Generator.Tests.csproj -c Release -m:2 --no-build -v q

echo "Accepted: $api and the snapshots under tests/FluxSpecs.Generator.Tests/Snapshots. Review 'git diff', then commit."
