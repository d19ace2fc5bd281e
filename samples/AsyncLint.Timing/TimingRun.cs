using System.Diagnostics;
using System.Net;
using AsyncLint.Timing.Server;
using AsyncLint.Timing.Variants;

namespace AsyncLint.Timing;

/// <summary>One variant's measurements.</summary>
/// <param name="Elapsed">Wall-clock time of the variant.</param>
/// <param name="PeakConcurrent">The most requests the server had in flight at once.</param>
/// <param name="PeakBusyThreads">The most pool threads busy at once (running or blocked) during the variant.</param>
/// <param name="PeakPoolThreads">The largest size of the thread pool during the variant.</param>
/// <param name="Responses">The bodies, in the order the variant produced them.</param>
public sealed record VariantResult(
    Variant Variant, TimeSpan Elapsed, int PeakConcurrent, int Served, int PeakBusyThreads, int PeakPoolThreads, IReadOnlyList<string> Responses)
{
    public string Name => TimingOptions.Name(Variant);
}

/// <summary>Starts the server, runs each chosen variant against it and measures it.</summary>
public static class TimingRun
{
    /// <param name="onResult">Called by the as-completed variant with each response as it arrives, and the time since the variant started.</param>
    public static async Task<IReadOnlyList<VariantResult>> RunAsync(TimingOptions options, Action<string, TimeSpan>? onResult = null)
    {
        await using var server = await ServerProcess.StartAsync();

        // Enough connections that the client is never the bottleneck: every request may have its own.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false };
        using var client = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version11 };
        var urls = Enumerable.Range(0, options.Requests).Select(i => server.ItemUrl(i, options.DelayFor(i))).ToArray();

        // Warm up both code paths (JIT, first connection) so that no variant pays for it.
        Fetch.Blocking(client, server.ItemUrl(0, 1));
        await Fetch.NonBlockingAsync(client, server.ItemUrl(0, 1));

        var results = new List<VariantResult>();
        foreach (var variant in options.Variants)
        {
            await server.ResetAsync();
            IReadOnlyList<string> responses;
            using var sampler = new ThreadSampler();
            var stopwatch = Stopwatch.StartNew();
            try
            {
                responses = variant switch
                {
                    // Run on a pool thread like the others, so that the thread columns count it the same way.
                    Variant.Sync => await Task.Run(() => SyncBlocking.FetchAll(client, urls)),
                    Variant.ThreadPool => await ThreadPoolBlocking.FetchAllAsync(client, urls),
                    Variant.TaskList => await TaskList.FetchAllAsync(client, urls),
                    Variant.AsCompleted => await AsCompleted.FetchAllAsync(client, urls, body => onResult?.Invoke(body, stopwatch.Elapsed)),
                    Variant.Bounded => await Bounded.FetchAllAsync(client, urls, options.Parallelism),
                    _ => throw new ArgumentOutOfRangeException(nameof(options), variant, "unknown variant"),
                };
            }
            finally
            {
                stopwatch.Stop();
                sampler.Stop();
            }

            var (peak, served) = await server.StatsAsync();
            results.Add(new VariantResult(variant, stopwatch.Elapsed, peak, served, sampler.PeakBusyThreads, sampler.PeakPoolThreads, responses));
        }

        return results;
    }
}
