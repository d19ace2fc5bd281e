using AsyncLint.Tests.Infrastructure;

namespace AsyncLint.Tests.Cli;

/// <summary>A small restored sample project in a temp folder, and the path of the built <c>asynclint</c>.</summary>
public sealed class CliFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "asynclint-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public string ProjectDirectory => Path.Combine(Root, "Sample");

    public string ProjectPath => Path.Combine(ProjectDirectory, "Sample.csproj");

    public string PollerPath => Path.Combine(ProjectDirectory, "Poller.cs");

    /// <summary>The CLI built beside this test assembly's configuration.</summary>
    public static string CliPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return RepoPaths.Combine("src", "Cli", "bin", configuration, "net10.0", "asynclint.dll");
        }
    }

    public const string PollerSource = """
        namespace Sample;

        public sealed class Poller
        {
            public async Task<int> PollAsync(Func<Task<bool>> ready, CancellationToken cancellationToken)
            {
                var attempts = 0;
                while (!await ready())
                {
                    attempts++;
                    Thread.Sleep(100);
                }

                Thread.Sleep(10);
                return attempts;
            }

            public void Backoff() => Thread.Sleep(100);
        }
        """;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ProjectDirectory);
        File.WriteAllText(ProjectPath, """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(PollerPath, PollerSource);
        File.WriteAllText(Path.Combine(ProjectDirectory, "Clean.cs"), """
            namespace Sample;

            public static class Clean
            {
                public static Task DelayAsync(CancellationToken cancellationToken) => Task.Delay(10, cancellationToken);
            }
            """);
        var restore = await DotnetCli.RunAsync(ProjectDirectory, TimeSpan.FromMinutes(3), "restore");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.True(File.Exists(CliPath), "the CLI is not built at " + CliPath);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a failure.
        }

        return Task.CompletedTask;
    }

    public Task<DotnetCli.Result> AsyncLintAsync(string workingDirectory, params string[] arguments)
        => DotnetCli.RunAsync(workingDirectory, TimeSpan.FromMinutes(5), [CliPath, .. arguments]);
}
