namespace AsyncLint.Showcase;

/// <summary>ASYNC303: the WhenAny + Remove loop is O(n²); Task.WhenEach (.NET 9+) is O(n).</summary>
public sealed class ASYNC303_QuadraticWhenAnyLoop
{
    private static readonly HttpClient Http = new();

    public async Task<int> TotalLengthAsync(IEnumerable<string> urls)
    {
        var tasks = urls.Select(url => Http.GetStringAsync(url)).ToList();
        var total = 0;
        while (tasks.Count > 0)
        {
            var finished = await Task.WhenAny(tasks); // ASYNC303 → await foreach (var finished in Task.WhenEach(tasks))
            tasks.Remove(finished);
            total += (await finished).Length;
        }

        return total;
    }

    // Not flagged: a work queue that adds tasks while it drains them.
    public async Task<int> CrawlAsync(string start, Func<string, Task<string[]>> links)
    {
        var pending = new List<Task<string[]>> { links(start) };
        var seen = 0;
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            foreach (var link in await finished)
            {
                seen++;
                pending.Add(links(link));
            }
        }

        return seen;
    }
}
