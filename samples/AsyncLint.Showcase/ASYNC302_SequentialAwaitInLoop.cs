namespace AsyncLint.Showcase;

/// <summary>ASYNC302: a loop that awaits one independent operation per element; task list, as completed or bounded.</summary>
public sealed class ASYNC302_SequentialAwaitInLoop
{
    private static readonly HttpClient Http = new();

    public async Task<List<string>> DownloadAllAsync(IEnumerable<string> urls, CancellationToken cancellationToken)
    {
        var pages = new List<string>();
        foreach (var url in urls)
        {
            var page = await Http.GetStringAsync(url, cancellationToken); // ASYNC302 → task list / as completed / bounded
            pages.Add(page);
        }

        return pages;
    }

    // Not flagged: the loop stops at the first match (early exit).
    public async Task<string?> FindFirstAsync(IEnumerable<string> urls, string text, CancellationToken cancellationToken)
    {
        foreach (var url in urls)
        {
            var page = await Http.GetStringAsync(url, cancellationToken);
            if (page.Contains(text, StringComparison.Ordinal))
            {
                return url;
            }
        }

        return null;
    }
}
