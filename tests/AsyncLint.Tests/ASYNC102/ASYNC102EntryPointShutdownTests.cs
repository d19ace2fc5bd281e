using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>;

namespace AsyncLint.Tests.ASYNC102;

/// <summary>
/// async Main parks on a shutdown signal once the service runs: the process's main flow waits to stop, one thread for the
/// life of the process, as app.Run() does. Waits elsewhere, or on a lock, stay reported.
/// </summary>
public sealed class ASYNC102EntryPointShutdownTests
{
    [Fact]
    public Task Trap_async_main_waits_for_the_shutdown_signal() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        static class Program
        {
            static async Task<int> Main(string[] args)
            {
                var stopped = new ManualResetEvent(false);
                var done = new ManualResetEventSlim(false);
                Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.Set(); done.Set(); };
                await Task.Delay(10);
                stopped.WaitOne();
                done.Wait();
                return 0;
            }
        }
        """);

    [Fact]
    public Task Signal_wait_in_a_lambda_of_main_or_a_lock_in_main_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        static class Program
        {
            static async Task Main()
            {
                var stopped = new ManualResetEvent(false);
                var gate = new Mutex();
                Func<Task> worker = async () =>
                {
                    await Task.Yield();
                    {|ASYNC102:stopped.WaitOne()|};
                };
                await worker();
                {|ASYNC102:gate.WaitOne()|};
            }
        }

        class Service
        {
            async Task RunAsync(ManualResetEvent stopped)
            {
                await Task.Yield();
                {|ASYNC102:stopped.WaitOne()|};
            }
        }
        """);
}
