using System.Reflection.Metadata;
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
    public void Package_holds_exactly_the_analyzers_readme_and_license()
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
        var project = Path.Combine(package.WorkDirectory, "consumer");
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
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
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
}
