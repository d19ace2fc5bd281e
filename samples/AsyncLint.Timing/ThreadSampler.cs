namespace AsyncLint.Timing;

/// <summary>
/// Samples the thread pool on a dedicated (non-pool) thread while a variant runs: the peak number of pool
/// threads busy at once (running or blocked in a work item), and the peak size of the pool.
/// </summary>
public sealed class ThreadSampler : IDisposable
{
    private readonly Thread thread;
    private volatile bool stopping;

    public ThreadSampler()
    {
        thread = new Thread(Sample) { IsBackground = true, Name = "thread sampler" };
        thread.Start();
    }

    public int PeakBusyThreads { get; private set; }

    public int PeakPoolThreads { get; private set; }

    public static int BusyPoolThreads()
    {
        ThreadPool.GetMaxThreads(out var maxWorkers, out _);
        ThreadPool.GetAvailableThreads(out var availableWorkers, out _);
        return maxWorkers - availableWorkers;
    }

    /// <summary>Stops sampling; the peaks are final after this.</summary>
    public void Stop()
    {
        stopping = true;
        thread.Join();
    }

    public void Dispose() => Stop();

    private void Sample()
    {
        // A pool thread that wakes up to look for work counts as busy for a moment; a thread is counted only
        // when it is busy in three samples in a row (a few ms), so the column shows threads held by work.
        int older = 0, previous = 0, busy = 0, pool = 0;
        do
        {
            var now = BusyPoolThreads();
            busy = Math.Max(busy, Math.Min(older, Math.Min(previous, now)));
            older = previous;
            previous = now;
            pool = Math.Max(pool, ThreadPool.ThreadCount);
            Thread.Sleep(1);
        }
        while (!stopping);

        // Publish; Join orders these writes before the reads.
        PeakBusyThreads = busy;
        PeakPoolThreads = pool;
    }
}
