namespace AsyncLint.Showcase;

/// <summary>ASYNC103: Thread.Sleep holds the thread; await Task.Delay frees it while the time passes.</summary>
public sealed class ASYNC103_ThreadSleep
{
    public async Task<string> PollUntilReadyAsync(Func<Task<bool>> isReady, CancellationToken cancellationToken)
    {
        while (!await isReady())
        {
            Thread.Sleep(250); // ASYNC103 → await Task.Delay(250, cancellationToken)
        }

        return "ready";
    }

    // Not flagged: the deliberate "blocking work on the thread pool" pattern.
    public Task BackgroundBackoffAsync() => Task.Run(() => Thread.Sleep(250));
}
