namespace AsyncLint.Showcase;

/// <summary>ASYNC206: a task made with 'new Task' is cold; whoever awaits it waits forever.</summary>
public sealed class ASYNC206_NeverStartedTask
{
    public Task CloseLater(TimeSpan? after)
    {
        if (after is { } delay)
        {
            return Task.Delay(delay).ContinueWith(_ => Close(), TaskScheduler.Default);
        }

        return new Task(Close); // ASYNC206: returned beside a running task, never started → Task.Run(Close)
    }

    // Not flagged: the cold task is started before anyone waits for it.
    public async Task RunNowAsync()
    {
        var work = new Task(Close);
        work.Start(TaskScheduler.Default);
        await work;
    }

    private void Close()
    {
    }
}
