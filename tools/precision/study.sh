#!/usr/bin/env bash
# The precision study (docs/precision.md): scan real async-heavy repositories at pinned commits with the
# asynclint CLI built from this checkout, and keep every hit as JSON for triage. The repositories, commits,
# projects and build properties of every round are in tools/precision/projects.tsv (one row per scanned
# project). Nothing of theirs is committed here: clone each repository into REPOS_DIR under the row's clone
# folder name, e.g.
#   git clone https://github.com/npgsql/npgsql "$REPOS/npgsql"
# The script checks out the pinned commit (not when HEAD is already there), runs prepare() below, builds the
# project and scans it from the project's folder. Rows whose edits column says "hand" are skipped unless the
# clone already has local edits and the project exists (docs/precision.md, in the row's round, says what to do).
# Usage: tools/precision/study.sh REPOS_DIR [OUT_DIR] [--round N]... [LABEL...]
#   (no label and no --round: every row; OUT_DIR defaults to artifacts/precision)
set -euo pipefail
usage="usage: study.sh REPOS_DIR [OUT_DIR] [--round N]... [LABEL...]"
here=$(cd "$(dirname "$0")/../.." && pwd)
manifest="$here/tools/precision/projects.tsv"
positional=() rounds=()
while (($#)); do
  case $1 in
    --round) rounds+=("${2:?$usage}"); shift 2 ;;
    --round=*) rounds+=("${1#--round=}"); shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    *) positional+=("$1"); shift ;;
  esac
done
repos=${positional[0]:?$usage}
out=${positional[1]:-artifacts/precision}
only=("${positional[@]:2}")
repos=$(cd "$repos" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

dotnet build "$here/src/Cli" -c Release -nodeReuse:false -v q
cli="$here/src/Cli/bin/Release/net10.0/asynclint.dll"

# Replace a clone's NuGet config (feeds this machine cannot reach) with nuget.org only, which the local feed serves.
nuget_org_only() {
  cat > "$1" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
}
# Move a file aside (a global.json that pins an SDK this machine does not have, a NuGet config with other feeds).
aside() { if [[ -f $1 ]]; then mv "$1" "$1.off"; fi; }

# Steps some rows need before their build, on the local package feed. Each step is idempotent.
prepare() {
  local label=$1 clone=$2 dir=$3
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
      aside "$dir/global.json"
      ;;
    mailkit|mailkit-tests)
      # The MimeKit submodule, from the MimeKit clone beside it.
      [[ -e "$dir/submodules/MimeKit/MimeKit" ]] || { rmdir "$dir/submodules/MimeKit" 2>/dev/null || true; ln -sfn "$repos/mimekit" "$dir/submodules/MimeKit"; }
      if [[ $label == mailkit-tests ]]; then
        # AltCover and NUnit.ConsoleRunner (run-time tools) are not on the feed; the test packages at the feed's versions.
        sed -i -e '/"AltCover"/d' -e '/"NUnit.ConsoleRunner"/d' \
               -e 's|"Microsoft.NET.Test.Sdk" Version="18.5.1"|"Microsoft.NET.Test.Sdk" Version="18.11.0"|' \
               -e 's|"nunit" Version="4.5.1"|"nunit" Version="4.4.0"|' \
               -e 's|"NUnit.Analyzers" Version="4.13.0"|"NUnit.Analyzers" Version="4.15.0"|' \
               -e 's|"NUnit3TestAdapter" Version="6.2.0"|"NUnit3TestAdapter" Version="6.3.1"|' "$dir/UnitTests/UnitTests.csproj"
      fi
      ;;
    sshnet)
      # global.json pins an older SDK; three style analyzers and two build packages are not on the feed at these versions.
      aside "$dir/global.json"
      sed -i -e '/PackageReference Include="\(StyleCop.Analyzers\|Meziantou.Analyzer\|SonarAnalyzer.CSharp\)"/d' "$dir/Directory.Build.props"
      sed -i -e 's|"Nerdbank.GitVersioning" Version="3.7.70-alpha"|"Nerdbank.GitVersioning" Version="3.10.94"|' \
             -e 's|"PolySharp" Version="1.14.1"|"PolySharp" Version="1.16.0"|' "$dir/Directory.Packages.props"
      ;;
    grpc-client)
      # Its nuget.config points at feeds this machine cannot reach.
      aside "$dir/nuget.config"
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
    couchbase|couchbase-di)
      # Its NuGet.Config lists feeds this machine cannot reach (the unit tests need hand edits: row couchbase-unit).
      nuget_org_only "$dir/NuGet.Config"
      ;;
  esac
  # Steps for every row of a clone (sixth round on).
  case $clone in
    kafka)
      # The unit-test projects pin test packages older than the feed serves.
      local t
      for t in Confluent.Kafka.UnitTests Confluent.SchemaRegistry.Serdes.UnitTests Confluent.SchemaRegistry.UnitTests; do
        sed -i -e 's|"Microsoft.NET.Test.Sdk" Version="15.5.0"|"Microsoft.NET.Test.Sdk" Version="16.2.0"|' \
               -e 's|"Microsoft.TestPlatform.ObjectModel" Version="15.5.0"|"Microsoft.TestPlatform.ObjectModel" Version="16.2.0"|' \
               -e 's|"xunit" Version="2.[23].[01]"|"xunit" Version="2.4.1"|' \
               -e 's|"xunit.runner.visualstudio" Version="2.[23].[01]"|"xunit.runner.visualstudio" Version="2.4.1"|' \
               -e 's|"Moq" Version="4.8.2"|"Moq" Version="4.18.2"|' "$dir/test/$t/$t.csproj"
      done
      ;;
    marten)
      # JasperFx.Events.SourceGenerator is not on the feed (it is only bundled for Marten's consumers).
      sed -i '/PackageReference Include="JasperFx.Events.SourceGenerator"/,/<\/PackageReference>/d' "$dir/src/Marten/Marten.csproj"
      ;;
    cassandra)
      # Microsoft.Extensions.Logging 1.0.0 and DiagnosticSource 8.0.0 are below what the feed's other packages need
      # (the tests need hand edits: row cassandra-tests).
      sed -i 's|\("Microsoft.Extensions.Logging[A-Za-z.]*" Version=\)"1.0.0"|\1"2.1.0"|' "$dir/src/Cassandra/Cassandra.csproj"
      sed -i 's|"System.Diagnostics.DiagnosticSource" Version="8.0.0"|"System.Diagnostics.DiagnosticSource" Version="10.0.0"|' \
          "$dir/src/Extensions/Cassandra.OpenTelemetry/Cassandra.OpenTelemetry.csproj"
      ;;
    rebus)
      # net10.0 only; SourceLink is not on the feed (the tests need hand edits: row rebus-test).
      sed -i -e 's|<TargetFrameworks>[^<]*</TargetFrameworks>|<TargetFramework>net10.0</TargetFramework>|' \
             -e '/PackageReference Include="Microsoft.SourceLink.GitHub"/d' "$dir/Rebus/Rebus.csproj"
      ;;
    sqlclient)
      # Its governed feed is unreachable; global.json pins SDK 10.0.3xx; no net46 reference pack on the feed.
      nuget_org_only "$dir/NuGet.config"
      aside "$dir/global.json"
      sed -i 's|<TargetFrameworks>net46;netstandard2.0</TargetFrameworks>|<TargetFrameworks>netstandard2.0</TargetFrameworks>|' \
          "$dir/src/Microsoft.SqlServer.Server/Microsoft.SqlServer.Server.csproj"
      ;;
    minio)
      # One target framework: the older ones' reference packs are not all on the feed.
      sed -i 's|<TargetFrameworks>net8.0;net9.0;net10.0</TargetFrameworks>|<TargetFramework>net10.0</TargetFramework>|' "$dir/Directory.Build.props"
      ;;
    refit)
      # One target framework; Windows targeting pulls the missing WindowsDesktop reference pack; analyzers and
      # SourceLink/MinVer are not on the feed and change nothing AsyncLint sees.
      sed -i -e 's|<EnableWindowsTargeting>true</EnableWindowsTargeting>|<EnableWindowsTargeting>false</EnableWindowsTargeting>|' \
             -e 's|<RefitModernTargets>.*</RefitModernTargets>|<RefitModernTargets>net10.0</RefitModernTargets>|' \
             -e 's|<RefitShippingTargets>.*</RefitShippingTargets>|<RefitShippingTargets>net10.0</RefitShippingTargets>|' \
             -e '/PackageReference Include="\(Microsoft.SourceLink.GitHub\|Microsoft.VisualStudio.Threading.Analyzers\|MinVer\|StyleSharp.Analyzers\|PerformanceSharp.Analyzers\|SecuritySharp.Analyzers\|Roslynator.Analyzers\|SonarAnalyzer.CSharp\|PublicApiSharp.Analyzers\)"/d' \
             "$dir/src/Directory.Build.props"
      ;;
    akka)
      # Akka.Analyzers and SourceLink are not on the feed; net6.0 only (scanned with LangVersion=latest, see the row).
      sed -i -e '/PackageReference Include="\(Akka.Analyzers\|Microsoft.SourceLink.GitHub\)"/d' "$dir/src/Directory.Build.props"
      sed -i -e 's|<TargetFrameworks>$(NetStandardLibVersion);$(NetLibVersion)</TargetFrameworks>|<TargetFramework>net6.0</TargetFramework>|' \
             -e '/PackageReference Include="Akka.Analyzers"/d' "$dir/src/core/Akka/Akka.csproj"
      ;;
    eventstore)
      # net8.0 only; ConfigureAwaitChecker, MinVer and SourceLink are not on the feed.
      sed -i 's|<TargetFrameworks>net48;net6.0;net7.0;net8.0</TargetFrameworks>|<TargetFrameworks>net8.0</TargetFrameworks>|' "$dir/Directory.Build.props"
      sed -i -e '/PackageReference Include="ConfigureAwaitChecker.Analyzer"/,/<\/PackageReference>/d' \
             -e '/PackageReference Include="MinVer"/d' "$dir/src/Directory.Build.props"
      sed -i '/PackageReference Include="Microsoft.SourceLink.GitHub"/d' "$dir/src/EventStore.Client/EventStore.Client.csproj"
      ;;
    flurl)
      # net8.0 only (net461/net48 reference packs are not on the feed); SourceLink is not on the feed.
      local p
      for p in src/Flurl.Http.Newtonsoft/Flurl.Http.Newtonsoft.csproj src/Flurl.Http/Flurl.Http.csproj src/Flurl/Flurl.csproj test/Flurl.Test/Flurl.Test.csproj; do
        sed -i -e 's|<TargetFrameworks>[^<]*</TargetFrameworks>|<TargetFramework>net8.0</TargetFramework>|' \
               -e '/PackageReference Include="Microsoft.SourceLink.GitHub"/d' "$dir/$p"
      done
      ;;
    telegram.bot)
      # net8.0 only; polyfill packages (not needed on net8.0), Meziantou.Analyzer and SourceLink are not on the feed.
      sed -i -e 's|<TargetFrameworks>netstandard2.0;net6.0</TargetFrameworks>|<TargetFramework>net8.0</TargetFramework>|' \
             -e '/PackageReference Include="\(IsExternalInit\|Required\|Nullable\|Meziantou.Analyzer\|Microsoft.SourceLink.GitHub\)"/d' \
             "$dir/src/Telegram.Bot/Telegram.Bot.csproj"
      ;;
    eshop7)
      # The feed resolves Aspire 13.6.5 rather than 13.1.0, which needs newer pins (else NU1109 downgrades).
      # A clone of its own: the second round scanned the same commit without these pins.
      sed -i -e 's|<ApiVersioningVersion>8.1.0</ApiVersioningVersion>|<ApiVersioningVersion>8.1.1</ApiVersioningVersion>|' \
             -e 's#\("Microsoft.Extensions.\(Identity.Stores\|Options\|Configuration.Abstractions\|Logging.Abstractions\)" Version=\)"10.0.1"#\1"10.0.14"#' \
             -e 's|\("OpenTelemetry[A-Za-z.]*" Version=\)"1.14.0"|\1"1.17.0"|' \
             -e 's|"Npgsql.EntityFrameworkCore.PostgreSQL" Version="10.0.0"|"Npgsql.EntityFrameworkCore.PostgreSQL" Version="10.0.3"|' \
             "$dir/Directory.Packages.props"
      ;;
    testcontainers)
      # SauceControl.InheritDoc (a doc-comment build step) is not on the feed.
      sed -i '/GlobalPackageReference Include="SauceControl.InheritDoc"/d' "$dir/Directory.Build.props"
      ;;
    playwright)
      # MicroBuild.Core (signing) is not on the feed; the build expects the driver folder.
      sed -i '/PackageReference Include="Microsoft.VisualStudioEng.MicroBuild.Core"/,/<\/PackageReference>/d' "$dir/src/Playwright/Playwright.csproj"
      mkdir -p "$dir/src/Playwright/.drivers"
      ;;
    brighter)
      # FakeItEasy 9.0.1 and Serilog.Sinks.TestCorrelator are not on the feed (the core tests keep 42 compiler errors
      # in the TestCorrelator files, none in a file with hits).
      sed -i 's|"FakeItEasy" Version="9.0.1"|"FakeItEasy" Version="6.0.1"|' "$dir/Directory.Packages.props"
      sed -i '/PackageReference Include="Serilog.Sinks.TestCorrelator"/d' "$dir/tests/Paramore.Brighter.Core.Tests/Paramore.Brighter.Core.Tests.csproj"
      ;;
    simpl)
      # global.json pins an older SDK; MediatR 12.1.1 and cloudscribe.Web.Pagination are not on the feed.
      aside "$dir/global.json"
      sed -i -e 's|"MediatR" Version="12.1.1"|"MediatR" Version="5.1.0"|' -e '/PackageReference Include="cloudscribe.Web.Pagination"/d' \
          "$dir/src/SimplCommerce.Infrastructure/SimplCommerce.Infrastructure.csproj"
      ;;
    nuget)
      # Its NuGet.Config maps packages to dnceng feeds; MicroBuild.Core (signing) is not on the feed.
      nuget_org_only "$dir/NuGet.Config"
      sed -i '/GlobalPackageReference Include="Microsoft.VisualStudioEng.MicroBuild.Core"/d' "$dir/Directory.Packages.props"
      ;;
    easynetq)
      # FluentAssertions 8.x is not on the feed.
      sed -i 's|"FluentAssertions" Version="8.9.0"|"FluentAssertions" Version="7.2.2"|' "$dir/Source/Directory.Packages.props"
      ;;
    ollamasharp)
      # 10.0.5 is below what its other packages need on the feed (NU1605).
      sed -i 's|"Microsoft.Bcl.AsyncInterfaces" Version="10.0.5"|"Microsoft.Bcl.AsyncInterfaces" Version="10.0.6"|' "$dir/Directory.Packages.props"
      ;;
    stateless)
      # xunit 2.4.0 (its xunit.assert) is not on the feed.
      sed -i -e 's|"xunit" Version="2.4.0"|"xunit" Version="2.4.1"|' -e 's|"xunit.runner.visualstudio" Version="2.4.0"|"xunit.runner.visualstudio" Version="2.4.1"|' \
          "$dir/test/Stateless.Tests/Stateless.Tests.csproj"
      ;;
    kafkaflow)
      # 9.0.3 is below what its other packages need (NU1605); Confluent's Protobuf serdes is not on the feed, so the unit
      # tests leave out that serializer and its one test file (4 compiler errors remain in DummyProtobufObject.cs).
      sed -i 's|"Microsoft.Bcl.AsyncInterfaces" Version="9.0.3"|"Microsoft.Bcl.AsyncInterfaces" Version="9.0.4"|' "$dir/src/KafkaFlow/KafkaFlow.csproj"
      local t="$dir/tests/KafkaFlow.UnitTests/KafkaFlow.UnitTests.csproj"
      sed -i '/KafkaFlow.Serializer.SchemaRegistry.ConfluentProtobuf.csproj/d' "$t"
      grep -q 'ConfluentProtobufTypeNameResolverTests.cs' "$t" ||
        sed -i 's|</Project>|  <ItemGroup><Compile Remove="Middlewares/Serialization/ConfluentProtobufTypeNameResolverTests.cs" /></ItemGroup>\n</Project>|' "$t"
      ;;
    oqtane.framework)
      # 10.0.11 of these is not on the feed (10.0.12 is), nor ImageSharp 3.1.12.
      sed -i -e 's#\("Microsoft.\(AspNetCore.Identity.EntityFrameworkCore\|EntityFrameworkCore.Relational\|EntityFrameworkCore.Sqlite\|EntityFrameworkCore.SqlServer\)" Version=\)"10.0.11"#\1"10.0.12"#' \
             -e 's|"SixLabors.ImageSharp" Version="\[3.1.12\]"|"SixLabors.ImageSharp" Version="2.1.13"|' "$dir/Oqtane.Server/Oqtane.Server.csproj"
      ;;
    baget)
      # netstandard2.0/netcoreapp3.1 to net8.0 (the old reference packs and ASP.NET Core 3.1 are not on the feed).
      local p
      for p in src/BaGet.Core/BaGet.Core.csproj src/BaGet.Protocol/BaGet.Protocol.csproj src/BaGet.Web/BaGet.Web.csproj tests/BaGet.Core.Tests/BaGet.Core.Tests.csproj; do
        sed -i 's#<TargetFramework>\(netstandard2.0\|netcoreapp3.1\)</TargetFramework>#<TargetFramework>net8.0</TargetFramework>#' "$dir/$p"
      done
      ;;
    coravel)
      # xunit 2.4.0 is not on the feed.
      sed -i 's|"xunit" Version="2.4.0"|"xunit" Version="2.4.1"|' "$dir/Src/UnitTests/CoravelUnitTests/CoravelUnitTests.csproj"
      ;;
    miniprofiler)
      # Dapper.StrongName and BuildBundlerMinifier are not on the feed (Dapper is the same code).
      local p
      for p in MySql PostgreSql SqlServer Sqlite; do
        sed -i 's|"Dapper.StrongName"|"Dapper"|' "$dir/src/MiniProfiler.Providers.$p/MiniProfiler.Providers.$p.csproj"
      done
      sed -i '/PackageReference Include="BuildBundlerMinifier"/d' "$dir/src/MiniProfiler.Shared/MiniProfiler.Shared.csproj"
      ;;
    netdaemon)
      # global.json pins SDK 10.0.0 (latestMinor); FluentAssertions 8.x and Reactive.Testing 7 (HassModel tests) are not on the feed.
      aside "$dir/global.json"
      local p
      for p in AppModel/NetDaemon.AppModel.Tests/NetDaemon.AppModel.Tests Client/NetDaemon.HassClient.Tests/NetDaemon.HassClient.Tests \
               Extensions/NetDaemon.Extensions.Scheduling.Tests/NetDaemon.Extensions.Scheduling.Tests HassModel/NetDaemon.HassModel.Tests/NetDaemon.HassModel.Tests \
               Runtime/NetDaemon.Runtime.Tests/NetDaemon.Runtime.Tests; do
        sed -i 's|"FluentAssertions" Version="8.10.0"|"FluentAssertions" Version="7.2.2"|' "$dir/src/$p.csproj"
      done
      sed -i 's|"Microsoft.Reactive.Testing" Version="7.0.0"|"Microsoft.Reactive.Testing" Version="3.1.1"|' \
          "$dir/src/HassModel/NetDaemon.HassModel.Tests/NetDaemon.HassModel.Tests.csproj"
      ;;
  esac
}

mapfile -t rows < <(tail -n +2 "$manifest" | tr '\t' '|')
scanned=0 skipped=0
for row in "${rows[@]}"; do
  IFS='|' read -r round label clone repo commit project props edits <<<"$row"
  if ((${#rounds[@]})) && [[ ! " ${rounds[*]} " == *" $round "* ]]; then continue; fi
  if ((${#only[@]})) && [[ ! " ${only[*]} " == *" $label "* ]]; then continue; fi
  dir="$repos/$clone"
  if ! git -C "$dir" rev-parse -q --verify HEAD >/dev/null 2>&1; then
    echo "== $label: no clone at $dir (git clone $repo \"$dir\"), skipped"; skipped=$((skipped + 1)); continue
  fi
  # The physical path: MSBuild and NuGet must see one path per project (a symlinked clone otherwise loses
  # project references and their packages in restore).
  dir=$(cd "$dir" && pwd -P)
  head=$(git -C "$dir" rev-parse HEAD)
  if [[ $head != "$commit" ]]; then
    if [[ -n $(git -C "$dir" status --porcelain --untracked-files=no) ]]; then
      echo "error: $dir is at ${head:0:12}, not ${commit:0:12} ($label), and has uncommitted edits;" \
           "commit, stash or drop them, or check out $commit yourself" >&2
      exit 1
    fi
    git -C "$dir" checkout -q "$commit"
  fi
  if [[ $edits == hand* ]] && { [[ -z $(git -C "$dir" status --porcelain) ]] || [[ ! -f $dir/$project ]]; }; then
    echo "== $label: skipped, the clone needs edits by hand first ($edits)"; skipped=$((skipped + 1)); continue
  fi
  prepare "$label" "$clone" "$dir"
  # Build first (Release, as scanned): source generators that come from project references must exist, or the scan
  # sees a compilation with errors. Build and scan run from the project's folder, as the re-scans did (global.json
  # and the SDK are found from the working directory). A failed build is reported and the project still scanned:
  # some rows keep a few compiler errors (docs/precision.md counts them per round).
  restore=()
  [[ $label == restsharp ]] && restore=(--no-restore)
  projdir=$(dirname "$dir/$project")
  if ((round >= 7)); then
    # From the seventh round on, the helpers restored each project with the scan's properties before scanning. The
    # implicit restore of `dotnet build` does not take a global TargetFramework (NETSDK1005 on a project that
    # declares another single target, e.g. Coravel's), so restore first, the same way, and build without restoring.
    # shellcheck disable=SC2086
    (cd "$projdir" && dotnet restore "$dir/$project" $props -nodeReuse:false -v q) || echo "warning: the restore of $label failed"
    restore=(--no-restore)
  fi
  # shellcheck disable=SC2086
  (cd "$projdir" && dotnet build "$dir/$project" "${restore[@]}" -c Release $props -nodeReuse:false -v q) ||
    echo "warning: the build of $label failed; scanning anyway"
  echo "== $label (round $round, $clone @ ${commit:0:12}) $project"
  # shellcheck disable=SC2086
  (cd "$projdir" && dotnet "$cli" scan "$dir/$project" $props -p:Configuration=Release --severity info --fail-on never --timing --json) \
    > "$out/$label.json" 2> "$out/$label.log" || true
  scanned=$((scanned + 1))
  python3 - "$out/$label.json" <<'PY' || echo "  no scan result: see ${out}/${label}.log"
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
echo "$scanned scanned, $skipped skipped"
