using AsyncLint.Tests.Verifiers;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>;

namespace AsyncLint.Tests.ASYNC102;

/// <summary>Code that looks like a blocking wait and is not: one test per silent case.</summary>
public sealed class ASYNC102TrapTests
{
    [Fact]
    public Task Synchronous_method_is_not_an_async_context() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void Run(Task[] tasks, ManualResetEventSlim ready, Thread worker)
            {
                Task.WaitAll(tasks);
                Task.WaitAny(tasks);
                ready.Wait();
                worker.Join();
            }
        }
        """);

    [Fact]
    public Task Non_async_lambda_and_Task_Run_lambda() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task[] tasks, ManualResetEventSlim ready)
            {
                Action block = () => Task.WaitAll(tasks);
                await Task.Run(() => ready.Wait());
                await Task.Run(async () => { ready.Wait(); await Task.Yield(); });
                var thread = new Thread(() => ready.Wait());
            }
        }
        """);

    [Fact]
    public Task Short_timed_waits_whose_result_is_checked_are_probes() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> RunAsync(Task[] tasks, ManualResetEventSlim slim, ManualResetEvent manual, Thread worker)
            {
                await Task.Yield();
                if (manual.WaitOne(10) || slim.Wait(TimeSpan.FromMilliseconds(50)))
                {
                    return false;
                }

                return !Task.WaitAll(tasks, 20) && !worker.Join(1);
            }
        }
        """);

    [Fact]
    public Task Short_timed_waits_whose_result_is_ignored_still_block() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task[] tasks, ManualResetEvent manual, TimeSpan patience)
            {
                await Task.Yield();
                {|ASYNC102:manual.WaitOne(10)|};
                {|ASYNC102:Task.WaitAll(tasks, 20)|};
                if ({|ASYNC102:manual.WaitOne(patience)|} || {|ASYNC102:manual.WaitOne(500)|})
                {
                    Console.WriteLine("signalled");
                }
            }
        }
        """);

    [Fact]
    public Task Zero_timeout_probes_never_block() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task[] tasks, ManualResetEventSlim slim, ManualResetEvent manual, Mutex mutex,
                BlockingCollection<int> queue, Thread worker, CountdownEvent countdown, Barrier barrier, CancellationToken ct)
            {
                await Task.Yield();
                var done = Task.WaitAll(tasks, 0) | Task.WaitAny(tasks, 0) >= 0;
                done |= slim.Wait(0) | slim.Wait(TimeSpan.Zero) | slim.Wait(0, ct);
                done |= manual.WaitOne(0) | manual.WaitOne(0, false) | mutex.WaitOne(TimeSpan.Zero);
                done |= WaitHandle.WaitAny(new WaitHandle[] { manual }, 0) >= 0;
                done |= worker.Join(0) | countdown.Wait(0) | barrier.SignalAndWait(0);
                done |= SpinWait.SpinUntil(() => true, 0) | SpinWait.SpinUntil(() => true, TimeSpan.FromMilliseconds(0));
                queue.TryTake(out var item);
                queue.TryTake(out item, 0);
                queue.TryTake(out item, TimeSpan.Zero);
                queue.TryTake(out item, 0, ct);
                return done ? item : 0;
            }
        }
        """);

    [Fact]
    public Task SemaphoreSlim_Wait_belongs_to_ASYNC104() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1, 1);

            async Task RunAsync()
            {
                gate.Wait();
                gate.Release();
                await gate.WaitAsync();
            }
        }
        """);

    [Fact]
    public Task WaitAll_on_tasks_already_awaited() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task a, Task b, Task[] tasks)
            {
                await Task.WhenAll(a, b);
                Task.WaitAll(a, b);
                await Task.WhenAll(tasks);
                Task.WaitAll(tasks);
                Task.WaitAny(tasks);
            }
        }
        """);

    [Fact]
    public Task Deliberate_dual_code_path() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task WaitCoreAsync(Task[] tasks, SemaphoreSlim gate, bool async)
            {
                if (async)
                {
                    await Task.WhenAll(tasks);
                }
                else
                {
                    Task.WaitAll(tasks);
                }
            }
        }
        """);

    [Fact]
    public Task Non_consuming_BlockingCollection_calls() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(BlockingCollection<int> queue)
            {
                await Task.Yield();
                queue.Add(1);
                queue.CompleteAdding();
                var snapshot = queue.ToArray();
                var consumer = queue.GetConsumingEnumerable();
                return snapshot.Length + queue.Count;
            }
        }
        """);

    [Fact]
    public Task Same_named_methods_on_other_types() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Worker { public void Join() { } public bool WaitOne() => true; public static void WaitAll(params object[] items) { } }

        class C
        {
            async Task RunAsync(Worker worker)
            {
                await Task.Yield();
                worker.Join();
                worker.WaitOne();
                Worker.WaitAll(1, 2);
            }
        }
        """);

    [Fact]
    public Task Trap_a_thread_joined_right_after_it_was_told_to_stop() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Committer
        {
            private volatile bool disposed;
            private readonly CancellationTokenSource stopping = new();
            private Thread? background;

            public async Task RunAsync()
            {
                var commit = new Thread(() => { while (!disposed) { Thread.Sleep(1); } });
                commit.Start();
                await Task.Delay(10);
                disposed = true;
                commit.Join();
            }

            public async Task StopAsync()
            {
                await Task.Yield();
                stopping.Cancel();
                background?.Join();
            }
        }
        """);

    [Fact]
    public Task A_thread_joined_for_its_work_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Committer
        {
            private bool disposed;

            public async Task RunAsync()
            {
                var work = new Thread(() => Thread.Sleep(5000));
                work.Start();
                await Task.Delay(10);
                {|ASYNC102:work.Join()|};

                // The flag is set after the join: the join still waits for the work.
                {|ASYNC102:work.Join()|};
                disposed = true;
            }
        }
        """);

    [Fact]
    public Task Half_typed_code_does_not_throw() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>
    {
        TestCode = """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task[] tasks, ManualResetEventSlim ready)
                {
                    await Task.Yield();
                    Task.{|CS0117:WaitAlll|}(tasks);
                    {|CS0103:missing|}.WaitOne();
                    ready.Wait({|CS0103:unknownTimeout|});
                    Task.WaitAny({|CS0103:nothing|});
                }
            }
            """,
    }.RunAsync();
}
