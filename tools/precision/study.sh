#!/usr/bin/env bash
# The precision study (docs/precision.md): scan real async-heavy repositories at pinned commits with the
# asynclint CLI built from this checkout, and keep every hit as JSON for triage. Nothing of theirs is
# committed here: pass the folder that holds local clones (npgsql, redis, discord), e.g.
#   git clone https://github.com/npgsql/npgsql                     "$REPOS/npgsql"
#   git clone https://github.com/StackExchange/StackExchange.Redis  "$REPOS/redis"
#   git clone https://github.com/discord-net/Discord.Net           "$REPOS/discord"
# Usage: tools/precision/study.sh REPOS_DIR [OUT_DIR]
set -euo pipefail
repos=${1:?usage: study.sh REPOS_DIR [OUT_DIR]}
out=${2:-artifacts/precision}
here=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"

dotnet build "$here/src/Cli" -c Release -nodeReuse:false -v q
cli="$here/src/Cli/bin/Release/net10.0/asynclint.dll"

# name | commit | project | build properties (their own warnings are not ours to fail on)
study=(
  "npgsql|3cb5804b769b000a1fc88ad8e5e764667f0df4a1|src/Npgsql/Npgsql.csproj|-p:TreatWarningsAsErrors=false"
  "redis|90bbf1fcba1c9cc464c94b96d16c2706f590383f|src/StackExchange.Redis/StackExchange.Redis.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net8.0"
  "discord|8b929690a9a89a9aa8a8b8e43ec0dd2e1ab685db|src/Discord.Net.WebSocket/Discord.Net.WebSocket.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net6.0 -p:LangVersion=12"
)

for entry in "${study[@]}"; do
  IFS='|' read -r name commit project props <<<"$entry"
  dir="$repos/$name"
  git -C "$dir" checkout -q "$commit"
  # Build first (Release, as scanned): source generators that come from project references must exist,
  # or the scan sees a compilation with errors.
  # shellcheck disable=SC2086
  dotnet build "$dir/$project" -c Release $props -nodeReuse:false -v q
  echo "== $name @ ${commit:0:12}"
  # shellcheck disable=SC2086
  dotnet "$cli" scan "$dir/$project" $props -p:Configuration=Release --severity info --fail-on never --timing --json > "$out/$name.json" 2> "$out/$name.log"
  python3 - "$out/$name.json" <<'PY'
import json, sys, collections
scan = json.load(open(sys.argv[1]))
counts = collections.Counter(h["id"] for h in scan["hits"])
share = scan["analyzerSeconds"] / scan["compilerSeconds"] if scan["compilerSeconds"] else 0
print(f'{scan["documents"]} files, {len(scan["hits"])} hits, analyzer time {share:.1%} of the compiler, '
      f'{len(scan["analyzerExceptions"])} analyzer exceptions, {scan["compilerErrors"]} compiler errors')
for rule, count in sorted(counts.items()):
    print(f"  {rule} {count}")
PY
done
