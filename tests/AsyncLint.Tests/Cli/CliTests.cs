using System.Text.Json;
using AsyncLint.Tests.Infrastructure;

namespace AsyncLint.Tests.Cli;

/// <summary><c>asynclint scan</c> and <c>asynclint fix</c> on a real project, run as a separate process.</summary>
[Trait("Category", "Cli")]
public sealed class CliTests : IClassFixture<CliFixture>
{
    private readonly CliFixture fixture;

    public CliTests(CliFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task Scan_lists_hits_by_rule_and_file_writes_valid_sarif_and_fails_on_warnings()
    {
        var sarif = Path.Combine(fixture.Root, "scan.sarif");
        var scan = await fixture.AsyncLintAsync(fixture.Root, "scan", fixture.ProjectPath, "--sarif", sarif);

        Assert.True(scan.ExitCode == 1, scan.ToString());
        Assert.Matches(@"ASYNC103\s+2\s+warning\s+Thread\.Sleep inside async code", scan.Output);
        Assert.Contains("Poller.cs(11,13): warning ASYNC103: 'Thread.Sleep' blocks the thread inside async method 'PollAsync'", scan.Output, StringComparison.Ordinal);
        Assert.Contains("Poller.cs(14,9): warning ASYNC103", scan.Output, StringComparison.Ordinal);
        Assert.Contains("    Thread.Sleep(100);", scan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Clean.cs(", scan.Output, StringComparison.Ordinal);
        Assert.Contains("analyzing Sample", scan.Output, StringComparison.Ordinal);

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var run = log.RootElement.GetProperty("runs")[0];
        Assert.Equal("AsyncLint", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("ASYNC103", r.GetProperty("ruleId").GetString()));
        var region = results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(11, region.GetProperty("startLine").GetInt32());
        Assert.Contains(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(),
            rule => rule.GetProperty("id").GetString() == "ASYNC103" && rule.GetProperty("helpUri").GetString()!.EndsWith("docs/rules/ASYNC103.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scan_json_filters_by_rule_prefix_and_threshold()
    {
        var scan = await fixture.AsyncLintAsync(fixture.Root, "scan", fixture.ProjectDirectory, "--json", "--rules", "ASYNC10", "--fail-on", "never");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        var json = scan.Output[scan.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json[..(json.LastIndexOf('}') + 1)]);
        var hits = document.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Equal("ASYNC103", h.GetProperty("id").GetString()));
        Assert.Equal(0, document.RootElement.GetProperty("analyzerExceptions").GetArrayLength());
    }

    [Fact]
    public async Task Scan_timing_measures_warm_runs_until_they_settle()
    {
        var scan = await fixture.AsyncLintAsync(fixture.Root, "scan", fixture.ProjectDirectory, "--json", "--timing", "--fail-on", "never");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        var json = scan.Output[scan.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json[..(json.LastIndexOf('}') + 1)]);
        var root = document.RootElement;
        Assert.True(root.GetProperty("warmTiming").GetBoolean());
        var runs = root.GetProperty("warmRuns").GetInt32();
        Assert.InRange(runs, 5, 12);
        Assert.True(root.GetProperty("compilerSeconds").GetDouble() > 0);
        Assert.True(root.GetProperty("firstRunAnalyzerSeconds").GetDouble() > 0);
        var perAnalyzer = root.GetProperty("analyzerSecondsPerAnalyzer").EnumerateObject().ToList();
        Assert.Contains(perAnalyzer, p => p.Name == "ASYNC10xBlockingCallAnalyzer");
        Assert.Equal(root.GetProperty("analyzerSeconds").GetDouble(), perAnalyzer.Sum(p => p.Value.GetDouble()), 6);
    }

    [Fact]
    public async Task Fix_dry_run_shows_the_diff_then_fix_rewrites_and_the_project_still_builds()
    {
        var copy = Path.Combine(fixture.Root, "FixCopy");
        CopyDirectory(fixture.ProjectDirectory, copy);
        var poller = Path.Combine(copy, "Poller.cs");

        var dryRun = await fixture.AsyncLintAsync(fixture.Root, "fix", Path.Combine(copy, "Sample.csproj"), "--rule", "ASYNC103", "--dry-run");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("-            Thread.Sleep(100);", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("+            await Task.Delay(100, cancellationToken);", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("would be fixed", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(CliFixture.PollerSource, File.ReadAllText(poller));

        var fix = await fixture.AsyncLintAsync(fixture.Root, "fix", Path.Combine(copy, "Sample.csproj"), "--rule", "ASYNC103");
        Assert.True(fix.ExitCode == 0, fix.ToString());
        Assert.Contains("fixed 2 hit(s) in 1 file(s)", fix.Output, StringComparison.Ordinal);
        var fixedSource = File.ReadAllText(poller);
        Assert.Contains("await Task.Delay(100, cancellationToken);", fixedSource, StringComparison.Ordinal);
        Assert.Contains("await Task.Delay(10, cancellationToken);", fixedSource, StringComparison.Ordinal);
        Assert.Contains("public void Backoff() => Thread.Sleep(100);", fixedSource, StringComparison.Ordinal);
        Assert.StartsWith("namespace Sample;", fixedSource, StringComparison.Ordinal);

        var build = await DotnetCli.RunAsync(copy, TimeSpan.FromMinutes(3), "build", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, build.ToString());

        var rescan = await fixture.AsyncLintAsync(fixture.Root, "scan", Path.Combine(copy, "Sample.csproj"), "--rules", "ASYNC103");
        Assert.True(rescan.ExitCode == 0, rescan.ToString());
    }

    [Fact]
    public async Task Scan_says_when_the_projects_configuration_turns_rules_off_and_can_ignore_it()
    {
        var copy = Path.Combine(fixture.Root, "SilencedCopy");
        CopyDirectory(fixture.ProjectDirectory, copy);
        var project = Path.Combine(copy, "Sample.csproj");
        var editorConfig = Path.Combine(copy, ".editorconfig");

        // A repository-wide bulk key silences every analyzer: the scan must not look clean without a word.
        File.WriteAllText(editorConfig, "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.severity = none\n");
        var silenced = await fixture.AsyncLintAsync(fixture.Root, "scan", project);
        Assert.True(silenced.ExitCode == 0, silenced.ToString());
        Assert.Contains("0 hit(s)", silenced.Output, StringComparison.Ordinal);
        Assert.Contains("warning: the project's configuration turns every AsyncLint rule off", silenced.Output, StringComparison.Ordinal);

        var ignored = await fixture.AsyncLintAsync(fixture.Root, "scan", project, "--ignore-severity-config");
        Assert.True(ignored.ExitCode == 1, ignored.ToString());
        Assert.Matches(@"ASYNC103\s+2\s+warning", ignored.Output);
        Assert.DoesNotContain("turns every AsyncLint rule off", ignored.Output, StringComparison.Ordinal);

        // A rule's own entry wins over the bulk key; the rules left off are named.
        File.WriteAllText(editorConfig, "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.severity = none\ndotnet_diagnostic.ASYNC103.severity = warning\n");
        var oneRule = await fixture.AsyncLintAsync(fixture.Root, "scan", project, "--json");
        Assert.True(oneRule.ExitCode == 1, oneRule.ToString());
        var json = oneRule.Output[oneRule.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json[..(json.LastIndexOf('}') + 1)]);
        var off = document.RootElement.GetProperty("rulesTurnedOff").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("ASYNC101", off);
        Assert.Contains("ASYNC301", off);
        Assert.DoesNotContain("ASYNC103", off);
        Assert.Equal(2, document.RootElement.GetProperty("hits").GetArrayLength());

        // The fix follows the project's policy and says why it has nothing to do.
        File.WriteAllText(editorConfig, "root = true\n\n[*.cs]\ndotnet_diagnostic.ASYNC103.severity = none\n");
        var fix = await fixture.AsyncLintAsync(fixture.Root, "fix", project, "--rule", "ASYNC103", "--dry-run");
        Assert.True(fix.ExitCode == 0, fix.ToString());
        Assert.Contains("turns ASYNC103 off", fix.Output, StringComparison.Ordinal);
        Assert.Equal(CliFixture.PollerSource, File.ReadAllText(Path.Combine(copy, "Poller.cs")));
    }

    [Fact]
    public async Task Clear_errors_for_missing_paths_files_that_are_not_projects_and_unknown_rules()
    {
        var missing = await fixture.AsyncLintAsync(fixture.Root, "scan", Path.Combine(fixture.Root, "nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Output, StringComparison.Ordinal);

        var notProject = await fixture.AsyncLintAsync(fixture.Root, "scan", fixture.PollerPath);
        Assert.Equal(2, notProject.ExitCode);
        Assert.Contains("is not a C# project or solution", notProject.Output, StringComparison.Ordinal);

        var unknownRule = await fixture.AsyncLintAsync(fixture.Root, "fix", fixture.ProjectPath, "--rule", "ASYNC999");
        Assert.Equal(2, unknownRule.ExitCode);
        Assert.Contains("unknown rule 'ASYNC999'", unknownRule.Output, StringComparison.Ordinal);

        var usage = await fixture.AsyncLintAsync(fixture.Root, "scan");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("PATH is missing", usage.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_of_a_multi_targeted_project_does_not_suggest_a_twin_one_target_lacks()
    {
        // The project does not reference the package: the CLI evaluates its TargetFrameworks itself. netstandard2.0 has
        // Stream.CopyToAsync(Stream) but not File.ReadAllTextAsync, so the net10.0 scan reports only the copy.
        var directory = Path.Combine(fixture.Root, "MultiTarget");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "MultiTarget.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>netstandard2.0;net10.0</TargetFrameworks>
                <LangVersion>latest</LangVersion>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Loader.cs"), """
            using System.IO;
            using System.Threading.Tasks;

            public static class Loader
            {
                public static async Task<int> LoadAsync(string path, Stream input, Stream output)
                {
                    await Task.Yield();
                    input.CopyTo(output);
                    return File.ReadAllText(path).Length;
                }
            }
            """);

        var scan = await fixture.AsyncLintAsync(fixture.Root, "scan", Path.Combine(directory, "MultiTarget.csproj"), "-p:TargetFramework=net10.0", "--json", "--fail-on", "never");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        var json = scan.Output[scan.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json[..(json.LastIndexOf('}') + 1)]);
        var hit = Assert.Single(document.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal("ASYNC104", hit.GetProperty("id").GetString());
        Assert.Contains("Stream.CopyTo", hit.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_runs_the_projects_source_generators_with_the_sdks_razor_generator_among_them()
    {
        // The SDK's Razor generator is built against a newer compiler than the .NET 10.0.1xx SDK's: a host compiler older
        // than it cannot load it, and every reference to a component becomes a compiler error the analyzers then see.
        var directory = Path.Combine(fixture.Root, "Components");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Components.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk.Razor">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <SupportedPlatform Include="browser" />
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Greeting.razor"), """
            <p>Hello, @Name</p>
            @code {
                [Parameter] public string Name { get; set; } = "";

                protected override async Task OnInitializedAsync()
                {
                    await Task.Yield();
                    Thread.Sleep(10);
                }
            }
            """);
        File.WriteAllText(Path.Combine(directory, "_Imports.razor"), "@using Microsoft.AspNetCore.Components\n");
        File.WriteAllText(Path.Combine(directory, "Catalog.cs"), """
            namespace Components;

            public static class Catalog
            {
                public static Type Greeting => typeof(Greeting);

                public static async Task<string> LoadAsync(string path)
                {
                    await Task.Yield();
                    return File.ReadAllText(path);
                }
            }
            """);
        var restore = await DotnetCli.RunAsync(directory, TimeSpan.FromMinutes(3), "restore");
        Assert.True(restore.ExitCode == 0, restore.ToString());

        var scan = await fixture.AsyncLintAsync(fixture.Root, "scan", Path.Combine(directory, "Components.csproj"), "--json", "--fail-on", "never");

        Assert.True(scan.ExitCode == 0, scan.ToString());
        var json = scan.Output[scan.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json[..(json.LastIndexOf('}') + 1)]);
        Assert.True(document.RootElement.GetProperty("compilerErrors").GetInt32() == 0, scan.ToString());
        // A component's @code is the generator's output, generated code: skipped, like every analyzer's default.
        var hit = Assert.Single(document.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal("ASYNC104", hit.GetProperty("id").GetString());

        // Marked as the project's own code, it is analyzed, and the hit points at the component's line (#line mapping).
        File.WriteAllText(Path.Combine(directory, ".editorconfig"), "[*_razor.g.cs]\ngenerated_code = false\n");
        var optedIn = await fixture.AsyncLintAsync(fixture.Root, "scan", Path.Combine(directory, "Components.csproj"), "--fail-on", "never");
        Assert.True(optedIn.ExitCode == 0, optedIn.ToString());
        Assert.Matches(@"Greeting\.razor\(8,9\): warning ASYNC103", optedIn.Output);
    }

    [Fact]
    public async Task Clear_error_for_a_project_that_does_not_load()
    {
        var broken = Path.Combine(fixture.Root, "Broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");

        var scan = await fixture.AsyncLintAsync(fixture.Root, "scan", Path.Combine(broken, "Broken.csproj"));
        Assert.Equal(2, scan.ExitCode);
        Assert.Contains("asynclint: could not load", scan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_error_when_no_SDK_can_be_found()
    {
        var pinned = Path.Combine(fixture.Root, "PinnedToMissingSdk");
        Directory.CreateDirectory(pinned);
        File.WriteAllText(Path.Combine(pinned, "global.json"), """{ "sdk": { "version": "99.0.100", "rollForward": "disable" } }""");

        var scan = await fixture.AsyncLintAsync(pinned, "scan", fixture.ProjectPath);
        Assert.Equal(2, scan.ExitCode);
        Assert.Contains("no .NET SDK found", scan.Output, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(source, destination, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(source, destination, StringComparison.Ordinal), overwrite: true);
        }
    }
}
