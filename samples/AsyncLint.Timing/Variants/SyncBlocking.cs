namespace AsyncLint.Timing.Variants;

/// <summary>
/// 1. sync + blocking: one blocking request after another. The elapsed time is the sum of the latencies,
/// and one thread spends all of it waiting.
/// </summary>
public static class SyncBlocking
{
    public static List<string> FetchAll(HttpClient client, IReadOnlyList<Uri> urls)
    {
        var results = new List<string>();
        foreach (var url in urls)
        {
            results.Add(Fetch.Blocking(client, url));
        }

        return results;
    }
}
