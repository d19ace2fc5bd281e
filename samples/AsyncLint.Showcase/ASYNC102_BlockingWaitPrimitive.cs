using System.Collections.Concurrent;

namespace AsyncLint.Showcase;

/// <summary>ASYNC102: Task.WaitAll/WaitAny and the thread synchronization waits block an async method.</summary>
public sealed class ASYNC102_BlockingWaitPrimitive
{
    private readonly ManualResetEventSlim ready = new();
    private readonly BlockingCollection<string> queue = new();

    public async Task ProcessAsync(Task[] downloads, CancellationToken cancellationToken)
    {
        var first = Task.WaitAny(downloads);         // ASYNC102 → Array.IndexOf(downloads, await Task.WhenAny(downloads))
        Task.WaitAll(downloads, cancellationToken);  // ASYNC102 → await Task.WhenAll(downloads).WaitAsync(cancellationToken)
        ready.Wait(cancellationToken);               // ASYNC102: use a TaskCompletionSource (await tcs.Task)
        var next = queue.Take(cancellationToken);    // ASYNC102: use Channel<T> (await reader.ReadAsync())
        await Task.Delay(first, cancellationToken);
        Console.WriteLine(next);
    }

    // Not flagged: a zero-timeout probe never blocks, and a dedicated consumer thread may block.
    public async Task<bool> PollAsync()
    {
        await Task.Yield();
        _ = Task.Run(() => queue.Take());
        return ready.Wait(0) || queue.TryTake(out _);
    }
}
