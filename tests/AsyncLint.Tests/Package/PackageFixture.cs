using System.IO.Compression;
using AsyncLint.Tests.Infrastructure;

namespace AsyncLint.Tests.Package;

/// <summary>Packs the AsyncLint NuGet package once for all package tests, into a fresh local folder feed.</summary>
public sealed class PackageFixture : IAsyncLifetime
{
    /// <summary>A version no earlier run has put in any package cache.</summary>
    public string Version { get; } = "0.0.0-e2e" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "asynclint-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    public string PackagePath => Path.Combine(FeedDirectory, $"AsyncLint.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);
        var pack = await DotnetCli.RunAsync(
            RepoPaths.Root,
            TimeSpan.FromMinutes(5),
            "pack", RepoPaths.Combine("src", "Package", "AsyncLint.csproj"),
            "-c", "Release", "-o", FeedDirectory, "-p:Version=" + Version, "-nodeReuse:false");
        Assert.True(pack.ExitCode == 0, "dotnet pack failed: " + pack);
        Assert.True(File.Exists(PackagePath), "no package at " + PackagePath + "\n" + pack);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<string> Entries()
    {
        using var archive = ZipFile.OpenRead(PackagePath);
        return archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
    }

    public byte[] ReadEntry(string name)
    {
        using var archive = ZipFile.OpenRead(PackagePath);
        var entry = archive.GetEntry(name) ?? throw new FileNotFoundException(name);
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
