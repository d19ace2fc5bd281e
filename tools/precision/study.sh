#!/usr/bin/env bash
# The precision study (docs/precision.md): scan real async-heavy repositories at pinned commits with the
# asynclint CLI built from this checkout, and keep every hit as JSON for triage. Nothing of theirs is
# committed here: pass the folder that holds local clones, e.g.
#   git clone https://github.com/npgsql/npgsql                     "$REPOS/npgsql"
#   git clone https://github.com/StackExchange/StackExchange.Redis  "$REPOS/redis"
#   git clone https://github.com/discord-net/Discord.Net           "$REPOS/discord"
#   git clone https://github.com/restsharp/RestSharp               "$REPOS/restsharp"
#   git clone https://github.com/octokit/octokit.net               "$REPOS/octokit"
#   git clone https://github.com/dotnet/eShop                      "$REPOS/eshop"
#   git clone https://github.com/mysql-net/MySqlConnector          "$REPOS/mysqlconnector"
#   git clone https://github.com/dotnet/yarp                       "$REPOS/yarp"
#   git clone https://github.com/DapperLib/Dapper                  "$REPOS/dapper"
#   git clone https://github.com/rabbitmq/rabbitmq-dotnet-client   "$REPOS/rabbitmq"   (sparse: without .ci/windows/)
#   git clone https://github.com/nats-io/nats.net                  "$REPOS/nats"
#   git clone https://github.com/quartznet/quartznet               "$REPOS/quartz"     (sparse: without tools/NuGet/, qodana.sarif.json)
#   git clone https://github.com/mongodb/mongo-csharp-driver       "$REPOS/mongo"      (sparse: without specifications/, tests/)
#   git clone https://github.com/jstedfast/MimeKit                 "$REPOS/mimekit"
#   git clone https://github.com/jstedfast/MailKit                 "$REPOS/mailkit"    (its MimeKit submodule: the clone above)
#   git clone https://github.com/robinrodricks/FluentFTP           "$REPOS/fluentftp"
#   git clone https://github.com/sshnet/SSH.NET                    "$REPOS/sshnet"
#   git clone https://github.com/grpc/grpc-dotnet                  "$REPOS/grpc"
#   git clone https://github.com/MassTransit/MassTransit           "$REPOS/masstransit"
#   git clone https://github.com/dotnetcore/CAP                    "$REPOS/cap"
#   git clone https://github.com/confluentinc/confluent-kafka-dotnet "$REPOS/kafka"
#   git clone https://github.com/App-vNext/Polly                   "$REPOS/polly"
#   (sixth round, not scripted here because their clones need hand edits to restore: SqlClient, Marten, Cassandra,
#    Couchbase, Ocelot, Kavita; docs/precision.md lists the edits)
# Usage: tools/precision/study.sh REPOS_DIR [OUT_DIR] [LABEL...]   (no label: every entry)
set -euo pipefail
repos=${1:?usage: study.sh REPOS_DIR [OUT_DIR] [LABEL...]}
out=${2:-artifacts/precision}
shift $(( $# > 1 ? 2 : 1 ))
only=("$@")
here=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"

dotnet build "$here/src/Cli" -c Release -nodeReuse:false -v q
cli="$here/src/Cli/bin/Release/net10.0/asynclint.dll"

# label | clone dir | commit | project | build properties (their own warnings are not ours to fail on)
study=(
  "npgsql|npgsql|3cb5804b769b000a1fc88ad8e5e764667f0df4a1|src/Npgsql/Npgsql.csproj|-p:TreatWarningsAsErrors=false"
  "npgsql-tests|npgsql|3cb5804b769b000a1fc88ad8e5e764667f0df4a1|test/Npgsql.Tests.NoGeo/Npgsql.Tests.NoGeo.csproj|-p:TreatWarningsAsErrors=false"
  "redis|redis|90bbf1fcba1c9cc464c94b96d16c2706f590383f|src/StackExchange.Redis/StackExchange.Redis.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net8.0"
  "redis-tests|redis|90bbf1fcba1c9cc464c94b96d16c2706f590383f|tests/StackExchange.Redis.Tests/StackExchange.Redis.Tests.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net8.0"
  "discord|discord|8b929690a9a89a9aa8a8b8e43ec0dd2e1ab685db|src/Discord.Net.WebSocket/Discord.Net.WebSocket.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net6.0 -p:LangVersion=12"
  "discord-rest|discord|8b929690a9a89a9aa8a8b8e43ec0dd2e1ab685db|src/Discord.Net.Rest/Discord.Net.Rest.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net6.0 -p:LangVersion=12"
  "discord-commands|discord|8b929690a9a89a9aa8a8b8e43ec0dd2e1ab685db|src/Discord.Net.Commands/Discord.Net.Commands.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net6.0 -p:LangVersion=12"
  "discord-interactions|discord|8b929690a9a89a9aa8a8b8e43ec0dd2e1ab685db|src/Discord.Net.Interactions/Discord.Net.Interactions.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net6.0 -p:LangVersion=12"
  "discord-tests-unit|discord|8b929690a9a89a9aa8a8b8e43ec0dd2e1ab685db|test/Discord.Net.Tests.Unit/Discord.Net.Tests.Unit.csproj|-p:TreatWarningsAsErrors=false -p:LangVersion=12"
  "discord-tests-integration|discord|8b929690a9a89a9aa8a8b8e43ec0dd2e1ab685db|test/Discord.Net.Tests.Integration/Discord.Net.Tests.Integration.csproj|-p:TreatWarningsAsErrors=false -p:LangVersion=12"
  "restsharp|restsharp|9b2fe0a054eb732d4246ae5e117ffa02c703abd2|src/RestSharp/RestSharp.csproj|-p:TreatWarningsAsErrors=false -p:TargetFramework=net8.0"
  "octokit|octokit|7fa5b0fe4a18c9b981b21290c3ca9320b2d6415b|Octokit/Octokit.csproj|-p:TreatWarningsAsErrors=false"
  "octokit-tests|octokit|7fa5b0fe4a18c9b981b21290c3ca9320b2d6415b|Octokit.Tests/Octokit.Tests.csproj|-p:TreatWarningsAsErrors=false"
  "eshop-basket|eshop|5624ad564d1602a927879df32a79b94522eb6101|src/Basket.API/Basket.API.csproj|-p:TreatWarningsAsErrors=false -p:CentralPackageTransitivePinningEnabled=false"
  "eshop-webhooks|eshop|5624ad564d1602a927879df32a79b94522eb6101|src/Webhooks.API/Webhooks.API.csproj|-p:TreatWarningsAsErrors=false -p:CentralPackageTransitivePinningEnabled=false"
  "eshop-orderprocessor|eshop|5624ad564d1602a927879df32a79b94522eb6101|src/OrderProcessor/OrderProcessor.csproj|-p:TreatWarningsAsErrors=false -p:CentralPackageTransitivePinningEnabled=false"
  # Fifth round (repositories first scanned after the rules were tuned on the ones above).
  "mysqlconnector|mysqlconnector|61366757a2ae58e9ec0624518d437212ffae04eb|src/MySqlConnector/MySqlConnector.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "mysqlconnector-tests|mysqlconnector|61366757a2ae58e9ec0624518d437212ffae04eb|tests/MySqlConnector.Tests/MySqlConnector.Tests.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "yarp|yarp|bd11867bee7df522e7fd3effb08a9c85fd616908|standalone/Yarp.ReverseProxy.csproj|-p:TreatWarningsAsErrors=false"
  "dapper|dapper|6d48ef664acc7298c649e2d449d903b3360d5a90|Dapper/Dapper.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false"
  "rabbitmq|rabbitmq|9579b3d5acb77457ddbd8ad8df655c39ddf00eaf|projects/RabbitMQ.Client/RabbitMQ.Client.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false -p:GeneratePackageOnBuild=false"
  "nats|nats|0033cfd7ab941262b2ba15521ba947cc7575aa1a|src/NATS.Client.Core/NATS.Client.Core.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "nats-jetstream|nats|0033cfd7ab941262b2ba15521ba947cc7575aa1a|src/NATS.Client.JetStream/NATS.Client.JetStream.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "quartz|quartz|d97e7822f25987ad7944249c37ca5573835f171e|src/Quartz/Quartz.csproj|-p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "mongo|mongo|97e3979258ffff5cba91d76780f14ae9f4693c4c|src/MongoDB.Driver/MongoDB.Driver.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "mimekit|mimekit|cf6d38dd0a1a26b5145c10b35e971efc133e1fb3|MimeKit/MimeKit.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "mailkit|mailkit|d1f7aa7655d50777c4ece3803ff86f3591e60db5|MailKit/MailKit.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "fluentftp|fluentftp|e6d1f4e1643257594facf4fb6559ad33c79f501e|FluentFTP/FluentFTP.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "sshnet|sshnet|3e12c9631770b4c943863b68f072e22659fda27a|src/Renci.SshNet/Renci.SshNet.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "grpc-client|grpc|91c8faf22c6571643a4a90026816bfc01e8f4946|src/Grpc.Net.Client/Grpc.Net.Client.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  # Sixth round.
  "masstransit|masstransit|c1e5caa9a49ba4e56dbad6ed1b9c8f7843a9dba5|src/MassTransit/MassTransit.csproj|-p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "cap|cap|e52b8508e54cdb7a9ce7f9fec03d9ea8ad2710fb|src/DotNetCore.CAP/DotNetCore.CAP.csproj|-p:TargetFramework=net10.0 -p:TreatWarningsAsErrors=false"
  "kafka|kafka|f96837a9cc47b1e51cb66ef5b4e80660c33535c6|src/Confluent.Kafka/Confluent.Kafka.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false"
  "polly|polly|173d6d1d2e28a4697f1ac1d22da68f77ff19a0c9|src/Polly/Polly.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false -p:NoWarn=NU1605 -p:WarningsNotAsErrors=NU1605"
  "polly-core-tests|polly|173d6d1d2e28a4697f1ac1d22da68f77ff19a0c9|test/Polly.Core.Tests/Polly.Core.Tests.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false -p:NoWarn=NU1605 -p:WarningsNotAsErrors=NU1605"
  "polly-specs|polly|173d6d1d2e28a4697f1ac1d22da68f77ff19a0c9|test/Polly.Specs/Polly.Specs.csproj|-p:TargetFrameworks=net8.0 -p:TargetFramework=net8.0 -p:TreatWarningsAsErrors=false -p:EnablePackageValidation=false -p:NoWarn=NU1605 -p:WarningsNotAsErrors=NU1605"
)

# Steps some entries need before their build, on the local package feed.
prepare() {
  local label=$1 dir=$2
  case $label in
    npgsql-tests)
      # Npgsql.Tests references Npgsql.GeoJSON, whose GeoJSON.Net package is not on the feed: scan the same sources
      # from an untracked project that leaves out the GeoJSON plugin and its one test file.
      mkdir -p "$dir/test/Npgsql.Tests.NoGeo"
      sed -e 's|<Project Sdk="Microsoft.NET.Sdk" ToolsVersion="15.0">|<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup><EnableDefaultCompileItems>false</EnableDefaultCompileItems><AssemblyName>Npgsql.Tests</AssemblyName><RootNamespace>Npgsql.Tests</RootNamespace></PropertyGroup>\n  <ItemGroup><Compile Include="../Npgsql.Tests/**/*.cs" Exclude="../Npgsql.Tests/obj/**;../Npgsql.Tests/bin/**;../Npgsql.Tests/Plugins/GeoJSONTests.cs" /></ItemGroup>|' \
          -e '/Npgsql.GeoJSON/d' \
          -e 's|<PackageReference Include="OpenTelemetry" />|<PackageReference Include="OpenTelemetry" VersionOverride="1.19.0" />|' \
          "$dir/test/Npgsql.Tests/Npgsql.Tests.csproj" > "$dir/test/Npgsql.Tests.NoGeo/Npgsql.Tests.NoGeo.csproj"
      ;;
    mysqlconnector|mysqlconnector-tests)
      # 8.0.16 of this package is not on the feed; the next patch is.
      sed -i 's|"Microsoft.AspNetCore.Cryptography.KeyDerivation" Version="8.0.16"|"Microsoft.AspNetCore.Cryptography.KeyDerivation" Version="8.0.31"|' "$dir/Directory.Packages.props"
      ;;
    yarp)
      # YARP builds with the Arcade SDK, which is not on the feed: compile src/ReverseProxy from a plain SDK project.
      mkdir -p "$dir/standalone"
      cat > "$dir/standalone/Yarp.ReverseProxy.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <AssemblyName>Yarp.ReverseProxy</AssemblyName>
    <RootNamespace>Yarp.ReverseProxy</RootNamespace>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <Nullable>enable</Nullable>
    <LangVersion>12.0</LangVersion>
    <ImplicitUsings>disable</ImplicitUsings>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../src/ReverseProxy/**/*.cs" Exclude="../src/ReverseProxy/obj/**;../src/ReverseProxy/bin/**" />
    <PackageReference Include="System.IO.Hashing" Version="8.0.0" />
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
  </ItemGroup>
</Project>
XML
      ;;
    rabbitmq)
      # global.json pins SDK 8.0.100 without roll-forward to the installed SDK.
      [[ -f "$dir/global.json" ]] && mv "$dir/global.json" "$dir/global.json.off"
      ;;
    mailkit)
      # The MimeKit submodule, from the MimeKit clone beside it.
      [[ -e "$dir/submodules/MimeKit/MimeKit" ]] || { rmdir "$dir/submodules/MimeKit" 2>/dev/null || true; ln -sfn "$repos/mimekit" "$dir/submodules/MimeKit"; }
      ;;
    sshnet)
      # global.json pins an older SDK; three style analyzers and two build packages are not on the feed at these versions.
      [[ -f "$dir/global.json" ]] && mv "$dir/global.json" "$dir/global.json.off"
      sed -i -e '/PackageReference Include="\(StyleCop.Analyzers\|Meziantou.Analyzer\|SonarAnalyzer.CSharp\)"/d' "$dir/Directory.Build.props"
      sed -i -e 's|"Nerdbank.GitVersioning" Version="3.7.70-alpha"|"Nerdbank.GitVersioning" Version="3.10.94"|' \
             -e 's|"PolySharp" Version="1.14.1"|"PolySharp" Version="1.16.0"|' "$dir/Directory.Packages.props"
      ;;
    grpc-client)
      # Its nuget.config points at feeds this machine cannot reach.
      [[ -f "$dir/nuget.config" ]] && mv "$dir/nuget.config" "$dir/nuget.config.off"
      ;;
    polly-core-tests|polly-specs)
      # NSubstitute 6.2.0 is not on the feed; 6.1.0 is.
      sed -i 's|"NSubstitute" Version="6.2.0"|"NSubstitute" Version="6.1.0"|' "$dir/Directory.Packages.props"
      ;;
    dapper)
      # ReferenceTrimmer (a build-time package) is not on the feed and changes nothing AsyncLint sees.
      sed -i '/ReferenceTrimmer/d' "$dir/Directory.Packages.props"
      ;;
    restsharp)
      # A global TargetFramework also reaches the source generator (netstandard2.0): restore it on its own last.
      dotnet restore "$dir/src/RestSharp" -p:TargetFramework=net8.0 -nodeReuse:false -v q
      dotnet restore "$dir/gen/SourceGenerator" -nodeReuse:false -v q
      ;;
  esac
}

for entry in "${study[@]}"; do
  IFS='|' read -r label name commit project props <<<"$entry"
  if ((${#only[@]})) && [[ ! " ${only[*]} " == *" $label "* ]]; then
    continue
  fi
  dir="$repos/$name"
  git -C "$dir" checkout -q "$commit"
  prepare "$label" "$dir"
  # Build first (Release, as scanned): source generators that come from project references must exist,
  # or the scan sees a compilation with errors.
  restore=()
  [[ $label == restsharp ]] && restore=(--no-restore)
  # shellcheck disable=SC2086
  dotnet build "$dir/$project" "${restore[@]}" -c Release $props -nodeReuse:false -v q
  echo "== $label ($name @ ${commit:0:12}) $project"
  # shellcheck disable=SC2086
  dotnet "$cli" scan "$dir/$project" $props -p:Configuration=Release --severity info --fail-on never --timing --json > "$out/$label.json" 2> "$out/$label.log"
  python3 - "$out/$label.json" <<'PY'
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
