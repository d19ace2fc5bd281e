namespace AsyncLint.Timing.Variants;

/// <summary>
/// 3. async + non-blocking, task list: start every request, then <c>await Task.WhenAll</c>. All requests
/// are in flight together and no thread waits for any of them: the elapsed time is the slowest one.
/// Results come back in the order of the URLs.
/// </summary>
public static class TaskList
{
    public static async Task<string[]> FetchAllAsync(HttpClient client, IReadOnlyList<Uri> urls)
    {
        var tasks = new List<Task<string>>();
        foreach (var url in urls)
        {
            tasks.Add(Fetch.NonBlockingAsync(client, url));
        }

        return await Task.WhenAll(tasks);
    }
}
