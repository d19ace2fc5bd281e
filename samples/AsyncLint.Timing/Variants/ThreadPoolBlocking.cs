namespace AsyncLint.Timing.Variants;

/// <summary>
/// 2. async + blocking + thread pool: each blocking request wrapped in <c>Task.Run</c>. The requests overlap
/// only as far as there are pool threads to block; the pool starts with one thread per core and injects
/// more slowly, so with more requests than cores the elapsed time grows in steps. The waiting is still
/// there, moved to other threads: one blocked thread per request in flight.
/// </summary>
public static class ThreadPoolBlocking
{
    public static async Task<string[]> FetchAllAsync(HttpClient client, IReadOnlyList<Uri> urls)
    {
        var tasks = new List<Task<string>>();
        foreach (var url in urls)
        {
            tasks.Add(Task.Run(() => Fetch.Blocking(client, url)));
        }

        return await Task.WhenAll(tasks);
    }
}
