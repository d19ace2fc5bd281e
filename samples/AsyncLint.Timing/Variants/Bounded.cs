namespace AsyncLint.Timing.Variants;

/// <summary>
/// 5. async + non-blocking, bounded: <c>Parallel.ForEachAsync</c> keeps at most
/// <c>MaxDegreeOfParallelism</c> requests in flight, for large lists that must not flood a server.
/// </summary>
public static class Bounded
{
    public static async Task<string[]> FetchAllAsync(HttpClient client, IReadOnlyList<Uri> urls, int maxDegreeOfParallelism)
    {
        var results = new string[urls.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        await Parallel.ForEachAsync(Enumerable.Range(0, urls.Count), options, async (i, cancellationToken) =>
        {
            results[i] = await Fetch.NonBlockingAsync(client, urls[i], cancellationToken);
        });

        return results;
    }
}
