using System.Reflection.Metadata;
using System.Text.Json;
using AsyncLint.Catalog;
using Microsoft.CodeAnalysis;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using AsyncLint.Tests.Infrastructure;

namespace AsyncLint.Tests.Package;

/// <summary>The package as a user gets it: its contents, and a fresh project that installs it from a folder feed.</summary>
[Trait("Category", "Package")]
[Collection(PackingCollection.Name)]
public sealed class PackageTests : IClassFixture<PackageFixture>
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private readonly PackageFixture package;

    public PackageTests(PackageFixture package)
    {
        this.package = package;
    }

    [Fact]
    public void Package_holds_exactly_the_analyzers_presets_readme_and_license()
    {
        var files = package.Entries()
            .Where(e => !e.StartsWith("package/services/", StringComparison.Ordinal) && !e.StartsWith("_rels/", StringComparison.Ordinal) && e != "[Content_Types].xml")
            .ToList();

        Assert.Equal(
            new[]
            {
                "AsyncLint.nuspec",
                "LICENSE",
                "README.md",
                "analyzers/dotnet/cs/AsyncLint.Analyzers.dll",
                "analyzers/dotnet/cs/AsyncLint.CodeFixes.dll",
                "build/AsyncLint.props",
                "build/AsyncLint.targets",
                "presets/recommended.globalconfig",
                "presets/strict.globalconfig",
            },
            files);
        Assert.DoesNotContain(package.Entries(), e => e.StartsWith("lib/", StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_is_a_development_dependency_without_dependencies()
    {
        var nuspec = XDocument.Load(new MemoryStream(package.ReadEntry("AsyncLint.nuspec")));
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Theory]
    [InlineData("analyzers/dotnet/cs/AsyncLint.Analyzers.dll")]
    [InlineData("analyzers/dotnet/cs/AsyncLint.CodeFixes.dll")]
    public void Packed_assemblies_reference_Roslyn_no_newer_than_4_8(string entry)
    {
        // A newer reference than the user's compiler fails to load with CS8032 on the .NET 8 SDK.
        using var stream = new MemoryStream(package.ReadEntry(entry));
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        var roslynReferences = metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .Where(r => metadata.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(roslynReferences);
        Assert.All(roslynReferences, r => Assert.True(
            r.Version <= new Version(4, 8, 0, 0),
            $"{metadata.GetString(r.Name)} {r.Version} is newer than 4.8.0.0"));
        Assert.DoesNotContain(roslynReferences, r => entry.Contains("Analyzers", StringComparison.Ordinal) && metadata.GetString(r.Name).Contains("Workspaces", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fresh_project_builds_with_warnings_and_sarif_then_dotnet_format_applies_the_fix()
    {
        var project = CreateConsumer("consumer", outputType: "Exe");
        var program = Path.Combine(project, "Program.cs");
        File.WriteAllText(program, """
            static async Task PollAsync(CancellationToken cancellationToken)
            {
                Thread.Sleep(100);
                await Task.Yield();
            }

            await PollAsync(CancellationToken.None);
            """);

        var sarif = Path.Combine(package.WorkDirectory, "build.sarif");
        var build = await DotnetCli.RunAsync(project, CommandTimeout, "build", "-nodeReuse:false", $"-p:ErrorLog={sarif},version=2.1");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning ASYNC103", build.Output, StringComparison.Ordinal);
        Assert.Contains("\"ruleId\": \"ASYNC103\"", File.ReadAllText(sarif), StringComparison.Ordinal);

        var format = await DotnetCli.RunAsync(project, CommandTimeout, "format", "analyzers", "--diagnostics", "ASYNC103", "--severity", "warn", "--verbosity", "diagnostic");
        Assert.True(format.ExitCode == 0, format.ToString());
        var fixedSource = File.ReadAllText(program);
        Assert.Contains("await Task.Delay(100, cancellationToken);", fixedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("Thread.Sleep", fixedSource, StringComparison.Ordinal);

        var rebuild = await DotnetCli.RunAsync(project, CommandTimeout, "build", "-nodeReuse:false");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.DoesNotContain("ASYNC103", rebuild.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multi_targeted_project_is_not_told_to_call_a_twin_one_of_its_frameworks_lacks()
    {
        // netstandard2.0 has Stream.CopyToAsync(Stream) but not File.ReadAllTextAsync: the net8.0 build reports only the first.
        var project = CreateConsumer("multi-target-consumer", outputType: "Library");
        // The other framework's reference packages (NETStandard.Library, net8.0's targeting pack) come from nuget.org.
        var config = Path.Combine(project, "nuget.config");
        File.WriteAllText(config, File.ReadAllText(config).Replace("<clear />", "<clear />\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />", StringComparison.Ordinal));
        var file = Path.Combine(project, "multi-target-consumer.csproj");
        File.WriteAllText(file, File.ReadAllText(file).Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks><LangVersion>latest</LangVersion>", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(project, "Loader.cs"), """
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

        var build = await DotnetCli.RunAsync(project, CommandTimeout, "build", "-nodeReuse:false", "-p:TargetFramework=net8.0");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("'Stream.CopyTo' blocks the thread", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("'File.ReadAllText' blocks the thread", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Packed_presets_are_the_generated_ones()
    {
        var catalog = RuleCatalog.Load();
        Assert.Equal(CatalogGenerator.RecommendedPreset(catalog), System.Text.Encoding.UTF8.GetString(package.ReadEntry("presets/recommended.globalconfig")).ReplaceLineEndings("\n"));
        Assert.Equal(CatalogGenerator.StrictPreset(catalog), System.Text.Encoding.UTF8.GetString(package.ReadEntry("presets/strict.globalconfig")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Strict_preset_makes_every_rule_a_warning_and_the_users_editorconfig_still_wins()
    {
        // The showcase trips every rule; compile its code in a project that installs the package.
        var project = CreateConsumer("showcase-consumer", outputType: "Library");
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("samples", "AsyncLint.Showcase"), "*.cs"))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        }

        var rules = RuleCatalog.Load().Rules;
        Assert.NotEmpty(rules);

        var strict = await DotnetCli.RunAsync(project, CommandTimeout, "build", "-nodeReuse:false", "-p:AsyncLintPreset=strict");
        Assert.True(strict.ExitCode == 0, strict.ToString());
        Assert.All(rules, rule => Assert.True(strict.Output.Contains("warning " + rule.Id, StringComparison.Ordinal), $"strict: no warning {rule.Id}\n{strict}"));

        // Without a preset every rule keeps its default: suggestions (Info) are not build warnings.
        var defaults = await DotnetCli.RunAsync(project, CommandTimeout, "build", "-nodeReuse:false", "--no-incremental");
        Assert.True(defaults.ExitCode == 0, defaults.ToString());
        Assert.All(rules, rule => Assert.Equal(
            rule.Severity == DiagnosticSeverity.Warning,
            defaults.Output.Contains("warning " + rule.Id, StringComparison.Ordinal)));

        // The preset sets severities by category, so a category (or rule) line in .editorconfig overrides it.
        File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n[*.cs]\n" + string.Concat(
            rules.Select(r => r.Category).Distinct().Select(c => $"dotnet_analyzer_diagnostic.category-{c}.severity = none\n")));
        var overridden = await DotnetCli.RunAsync(project, CommandTimeout, "build", "-nodeReuse:false", "--no-incremental", "-p:AsyncLintPreset=strict");
        Assert.True(overridden.ExitCode == 0, overridden.ToString());
        Assert.DoesNotContain("warning ASYNC", overridden.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsyncLintPreset_hands_the_packaged_global_config_to_the_compiler_and_rejects_unknown_names()
    {
        var project = CreateConsumer("preset-consumer", outputType: "Library");
        File.WriteAllText(Path.Combine(project, "Class1.cs"), "public static class Class1 { }\n");
        var restore = await DotnetCli.RunAsync(project, CommandTimeout, "restore");
        Assert.True(restore.ExitCode == 0, restore.ToString());

        foreach (var preset in new[] { "recommended", "strict" })
        {
            var path = Assert.Single(PresetItems(await GlobalAnalyzerConfigFilesAsync(project, "-p:AsyncLintPreset=" + preset)));
            Assert.EndsWith(Path.Combine("presets", preset + ".globalconfig"), path, StringComparison.Ordinal);
            Assert.StartsWith(Path.Combine(package.WorkDirectory, "packages", "asynclint"), path, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(package.ReadEntry("presets/" + preset + ".globalconfig"), File.ReadAllBytes(path));
        }

        Assert.Empty(PresetItems(await GlobalAnalyzerConfigFilesAsync(project)));

        var unknown = await DotnetCli.RunAsync(project, CommandTimeout, "build", "-nodeReuse:false", "-p:AsyncLintPreset=fast");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("ASYNCLINT001", unknown.Output, StringComparison.Ordinal);
    }

    private static IEnumerable<string> PresetItems(IEnumerable<string> paths)
        => paths.Where(p => p.Contains(Path.DirectorySeparatorChar + "presets" + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    /// <summary>The global config files the project hands the compiler (MSBuild's evaluation of the item).</summary>
    private static async Task<IReadOnlyList<string>> GlobalAnalyzerConfigFilesAsync(string project, params string[] properties)
    {
        var items = await DotnetCli.RunAsync(project, CommandTimeout, ["msbuild", "-nodeReuse:false", "-getItem:GlobalAnalyzerConfigFiles", .. properties]);
        Assert.True(items.ExitCode == 0, items.ToString());
        using var json = JsonDocument.Parse(items.Output[items.Output.IndexOf('{', StringComparison.Ordinal)..]);
        return json.RootElement.GetProperty("Items").TryGetProperty("GlobalAnalyzerConfigFiles", out var files)
            ? files.EnumerateArray().Select(i => i.GetProperty("FullPath").GetString()!).ToList()
            : [];
    }

    /// <summary>A fresh project that installs the package from the local feed, as a user would.</summary>
    private string CreateConsumer(string name, string outputType)
    {
        var project = Path.Combine(package.WorkDirectory, name);
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{package.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{Path.Combine(package.WorkDirectory, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AsyncLint" Version="{package.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        return project;
    }
}
