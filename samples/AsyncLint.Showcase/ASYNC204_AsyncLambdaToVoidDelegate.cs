namespace AsyncLint.Showcase;

/// <summary>ASYNC204: an async lambda passed as an Action is async void: nothing waits for it.</summary>
public sealed class ASYNC204_AsyncLambdaToVoidDelegate
{
    public async Task SaveAllAsync(List<string> names, CancellationToken cancellationToken)
    {
        // ASYNC204 → foreach (var name in names) { await SaveAsync(name, cancellationToken); }
        names.ForEach(async name => await SaveAsync(name, cancellationToken));

        // ASYNC204 → await Parallel.ForEachAsync(names, cancellationToken, async (name, ct) => ...)
        Parallel.ForEach(names, async name => await SaveAsync(name, cancellationToken));

        await Task.Yield();
    }

    public Thread StartWorker() => new(async () => await SaveAsync("worker", CancellationToken.None)); // ASYNC204, no fix

    // Not flagged: Task.Run picks its Func<Task> overload, so the lambda returns a task.
    public Task RunInBackground() => Task.Run(async () => await SaveAsync("background", CancellationToken.None));

    private static Task SaveAsync(string name, CancellationToken cancellationToken) => Task.Delay(name.Length, cancellationToken);
}
