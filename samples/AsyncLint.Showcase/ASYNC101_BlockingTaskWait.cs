namespace AsyncLint.Showcase;

/// <summary>ASYNC101: .Result, .Wait() and .GetAwaiter().GetResult() hold the thread; await gives it back.</summary>
public sealed class ASYNC101_BlockingTaskWait
{
    private readonly HttpClient http = new();

    public async Task<int> GetLengthAsync(string url, CancellationToken cancellationToken)
    {
        var body = http.GetStringAsync(url, cancellationToken).Result;        // ASYNC101 → await http.GetStringAsync(url, cancellationToken)
        http.PostAsync(url, new StringContent(body)).Wait(cancellationToken);  // ASYNC101 → await ….WaitAsync(cancellationToken)
        await Task.Yield();
        return CountAsync().GetAwaiter().GetResult();                          // ASYNC101 → await CountAsync()
    }

    // Not flagged: every task is complete where it is read (the fan-out fix writes exactly this shape).
    public async Task<string> BothAsync(string first, string second)
    {
        var a = http.GetStringAsync(first);
        var b = http.GetStringAsync(second);
        await Task.WhenAll(a, b);
        return a.Result + b.Result;
    }

    // Not flagged: the fast path reads the result only when the task has already completed.
    public ValueTask<int> CountFastAsync()
    {
        var pending = CountAsync();
        return pending.IsCompletedSuccessfully ? new ValueTask<int>(pending.Result) : new ValueTask<int>(pending);
    }

    private static Task<int> CountAsync() => Task.FromResult(42);
}
