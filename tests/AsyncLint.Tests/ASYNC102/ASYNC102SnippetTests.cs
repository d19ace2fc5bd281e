using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>;

namespace AsyncLint.Tests.ASYNC102;

/// <summary>Held-out-style snippets for the known-blocking waits (vs-threading #586: WaitAll unreported by peers).</summary>
public sealed class ASYNC102SnippetTests
{
    [Fact]
    public Task Trap_probes_and_non_blocking_takes() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task DrainAsync(BlockingCollection<int> queue, ManualResetEventSlim ready, CountdownEvent countdown, Thread worker)
            {
                while (queue.TryTake(out var item))
                {
                    await Task.Yield();
                }

                if (queue.TryTake(out _, 0) || ready.Wait(TimeSpan.Zero) || countdown.Wait(0) || worker.Join(0))
                {
                    return;
                }

                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Trap_wait_in_a_synchronous_local_function_and_a_Task_Run_lambda() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(ManualResetEventSlim gate, Task[] tasks)
            {
                await Task.Run(() => gate.Wait());
                await Task.Run(() => Task.WaitAll(tasks));
                Block();

                void Block() => Task.WaitAny(tasks);
            }
        }
        """);

    [Fact]
    public Task Token_wait_handle_and_consuming_enumerable_block() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(CancellationToken token, BlockingCollection<int> queue, Task first, Task second)
            {
                await Task.Yield();
                {|ASYNC102:token.WaitHandle.WaitOne()|};
                var item = {|ASYNC102:queue.Take()|};
                {|ASYNC102:Task.WaitAll(first, second)|};
            }
        }
        """);
}
