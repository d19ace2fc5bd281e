using AsyncLint.Tests.Infrastructure;

namespace AsyncLint.Tests.Cli;

/// <summary>The README's path for the CLI: pack it, <c>dotnet tool install</c> it from a folder feed, scan the showcase.</summary>
[Trait("Category", "Cli")]
[Collection(PackingCollection.Name)]
public sealed class ToolInstallTests
{
    [Fact]
    public async Task Packed_tool_installs_from_a_folder_feed_and_scans_the_showcase()
    {
        var root = Path.Combine(Path.GetTempPath(), "asynclint-tool-" + Guid.NewGuid().ToString("N")[..8]);
        var feed = Path.Combine(root, "feed");
        var tools = Path.Combine(root, "tools");
        Directory.CreateDirectory(feed);
        try
        {
            var version = "0.0.0-tool" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var pack = await DotnetCli.RunAsync(RepoPaths.Root, TimeSpan.FromMinutes(5),
                "pack", RepoPaths.Combine("src", "Cli", "AsyncLint.Cli.csproj"), "-c", "Release", "-o", feed, "-p:Version=" + version, "-nodeReuse:false");
            Assert.True(pack.ExitCode == 0, pack.ToString());

            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            var install = await DotnetCli.RunAsync(root, TimeSpan.FromMinutes(3),
                "tool", "install", "AsyncLint.Cli", "--tool-path", tools, "--version", version, "--configfile", Path.Combine(root, "nuget.config"));
            Assert.True(install.ExitCode == 0, install.ToString());

            var scan = await DotnetCli.RunExecutableAsync(Path.Combine(tools, "asynclint"), RepoPaths.Root, TimeSpan.FromMinutes(5),
                "scan", RepoPaths.Combine("samples", "AsyncLint.Showcase"), "--fail-on", "never");
            Assert.True(scan.ExitCode == 0, scan.ToString());
            Assert.Contains("warning ASYNC103", scan.Output, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not a failure.
            }
        }
    }
}
