using System.Diagnostics;
using System.Globalization;

namespace AsyncLint.Timing.Server;

/// <summary>The delay server started as a child process of this program (<c>--serve</c>), and its statistics.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient control;

    private ServerProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        control = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> StartAsync()
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Started through the apphost (AsyncLint.Timing) or through `dotnet AsyncLint.Timing.dll`, e.g. by the tests.
        var host = Environment.ProcessPath ?? "dotnet";
        var assembly = typeof(ServerProcess).Assembly.Location;
        if (string.Equals(Path.GetFileNameWithoutExtension(host), Path.GetFileNameWithoutExtension(assembly), StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = host;
        }
        else
        {
            start.FileName = Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
            start.ArgumentList.Add(assembly);
        }

        start.ArgumentList.Add("--serve");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the delay server");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("the delay server exited before it listened");
                if (line.StartsWith(DelayServer.ListeningPrefix, StringComparison.Ordinal))
                {
                    return new ServerProcess(process, new Uri(line[DelayServer.ListeningPrefix.Length..].TrimEnd('/') + "/"));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The URL of item <paramref name="index"/>, answered after <paramref name="delayMs"/> ms.</summary>
    public Uri ItemUrl(int index, int delayMs)
        => new(BaseAddress, string.Create(CultureInfo.InvariantCulture, $"item/{index}?delay={delayMs}"));

    public async Task ResetAsync()
    {
        using var response = await control.PostAsync(new Uri("reset", UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The most requests the server had in flight at once since the last reset, and how many it served.</summary>
    public async Task<(int PeakConcurrent, int Served)> StatsAsync()
    {
        var text = await control.GetStringAsync(new Uri("stats", UriKind.Relative));
        var parts = text.Split(' ');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        control.Dispose();
        try
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
        }
        finally
        {
            process.Dispose();
        }
    }
}
