using AsyncLint.Tests.Verifiers;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>;

namespace AsyncLint.Tests.ASYNC102;

public sealed class ASYNC102PositiveTests
{
    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public Task Every_WaitAll_and_WaitAny_overload(TargetFramework framework) => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task LoadAsync() => Task.CompletedTask;
            Task[] Start() => new[] { LoadAsync(), LoadAsync() };

            async Task RunAsync(CancellationToken ct)
            {
                // Each wait gets tasks of its own: after a blocking wait its tasks are complete, and not reported again.
                {|ASYNC102:Task.WaitAll(LoadAsync(), LoadAsync())|};
                {|ASYNC102:Task.WaitAll(Start())|};
                {|ASYNC102:Task.WaitAll(Start(), 1000)|};
                {|ASYNC102:Task.WaitAll(Start(), TimeSpan.FromSeconds(1))|};
                {|ASYNC102:Task.WaitAll(Start(), ct)|};
                {|ASYNC102:Task.WaitAll(Start(), 1000, ct)|};
                {|ASYNC102:Task.WaitAny(LoadAsync(), LoadAsync())|};
                var index = {|ASYNC102:Task.WaitAny(Start())|};
                {|ASYNC102:Task.WaitAny(Start(), 1000)|};
                {|ASYNC102:Task.WaitAny(Start(), TimeSpan.FromSeconds(1))|};
                {|ASYNC102:Task.WaitAny(Start(), ct)|};
                {|ASYNC102:Task.WaitAny(Start(), 1000, ct)|};
                await Task.Yield();
            }
        }
        """, framework);

    [Fact]
    public Task Params_span_and_enumerable_overloads_on_net10() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task LoadAsync() => Task.CompletedTask;

            async Task RunAsync(List<Task> list, CancellationToken ct)
            {
                // Binds Task.WaitAll(params ReadOnlySpan<Task>) with C# 13+ on .NET 9+.
                {|ASYNC102:Task.WaitAll(LoadAsync(), LoadAsync())|};
                ReadOnlySpan<Task> span = [LoadAsync(), LoadAsync()];
                {|ASYNC102:Task.WaitAll(span)|};
                {|ASYNC102:Task.WaitAll([LoadAsync(), LoadAsync()])|};
                {|ASYNC102:Task.WaitAll(list, ct)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Known_blocking_synchronization_waits() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly ManualResetEventSlim slim = new();
            readonly ManualResetEvent manual = new(false);
            readonly AutoResetEvent auto = new(false);
            readonly Mutex mutex = new();
            readonly Semaphore semaphore = new(1, 1);
            readonly CountdownEvent countdown = new(2);
            readonly Barrier barrier = new(2);
            readonly BlockingCollection<int> queue = new();
            readonly object gate = new();

            async Task RunAsync(Thread worker, CancellationToken ct)
            {
                await Task.Yield();
                {|ASYNC102:slim.Wait()|};
                {|ASYNC102:slim.Wait(ct)|};
                {|ASYNC102:slim.Wait(100)|};
                {|ASYNC102:manual.WaitOne()|};
                {|ASYNC102:auto.WaitOne(TimeSpan.FromSeconds(1))|};
                {|ASYNC102:mutex.WaitOne()|};
                {|ASYNC102:semaphore.WaitOne(500)|};
                {|ASYNC102:WaitHandle.WaitAll(new WaitHandle[] { manual, auto })|};
                {|ASYNC102:WaitHandle.WaitAny(new WaitHandle[] { manual, auto }, 100)|};
                {|ASYNC102:WaitHandle.SignalAndWait(manual, auto)|};
                {|ASYNC102:Monitor.Wait(gate)|};
                {|ASYNC102:worker.Join()|};
                {|ASYNC102:worker.Join(1000)|};
                {|ASYNC102:countdown.Wait()|};
                {|ASYNC102:barrier.SignalAndWait()|};
                var item = {|ASYNC102:queue.Take()|};
                {|ASYNC102:queue.TryTake(out item, 1000)|};
                {|ASYNC102:queue.TryTake(out item, Timeout.Infinite, ct)|};
                {|ASYNC102:SpinWait.SpinUntil(() => item > 0)|};
                {|ASYNC102:SpinWait.SpinUntil(() => item > 0, 100)|};
                foreach (var next in {|ASYNC102:queue.GetConsumingEnumerable()|})
                {
                }
            }
        }
        """);

    [Fact]
    public Task Message_names_the_async_replacement() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>
    {
        TestCode = """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task[] tasks, ManualResetEventSlim ready, Mutex mutex)
                {
                    await Task.Yield();
                    Task.WaitAll(tasks);
                    ready.Wait();
                    mutex.WaitOne();
                }
            }
            """,
        ExpectedDiagnostics =
        {
            Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>.Diagnostic("ASYNC102").WithSpan(9, 9, 9, 28)
                .WithArguments("Task.WaitAll", "method 'RunAsync'", "await Task.WhenAll(...)"),
            Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>.Diagnostic("ASYNC102").WithSpan(10, 9, 10, 21)
                .WithArguments("ManualResetEventSlim.Wait", "method 'RunAsync'", "a TaskCompletionSource (await tcs.Task)"),
            Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>.Diagnostic("ASYNC102").WithSpan(11, 9, 11, 24)
                .WithArguments("Mutex.WaitOne", "method 'RunAsync'", "SemaphoreSlim(1, 1).WaitAsync"),
        },
    }.RunAsync();

    [Fact]
    public Task Async_lambda_and_local_function() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task[] tasks, ManualResetEventSlim ready)
            {
                Func<Task> wait = async () => {|ASYNC102:Task.WaitAll(tasks)|};
                await Local();

                async Task Local()
                {
                    {|ASYNC102:ready.Wait()|};
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task WaitAll_on_tasks_awaited_only_on_some_paths() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task a, Task b, bool fast)
            {
                if (fast)
                {
                    await Task.WhenAll(a, b);
                }

                {|ASYNC102:Task.WaitAll(a, b)|};
            }
        }
        """);
}
