namespace AsyncLint.Timing.Variants;

/// <summary>
/// 4. async + non-blocking, as completed: start every request, then handle each response the moment it
/// arrives, in completion order, with <c>await foreach (var t in Task.WhenEach(tasks))</c> (.NET 9+).
/// </summary>
public static class AsCompleted
{
    public static async Task<List<string>> FetchAllAsync(HttpClient client, IReadOnlyList<Uri> urls, Action<string> onResult)
    {
        var tasks = new List<Task<string>>();
        foreach (var url in urls)
        {
            tasks.Add(Fetch.NonBlockingAsync(client, url));
        }

        var results = new List<string>();
        await foreach (var task in Task.WhenEach(tasks))
        {
            var body = await task;
            onResult(body);
            results.Add(body);
        }

        return results;
    }
}
