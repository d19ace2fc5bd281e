using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC103;

/// <summary>Code that looks guilty and is not: no ASYNC103 anywhere here.</summary>
public sealed class ASYNC103TrapTests
{
    [Fact]
    public Task Sync_method_may_sleep() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void Backoff() => Thread.Sleep(100);

            Task NotAsyncButReturnsTask()
            {
                Thread.Sleep(100);
                return Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task Lambda_given_to_Task_Run_is_the_thread_pool_pattern() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync()
            {
                await Task.Run(() => Thread.Sleep(100));
                await Task.Run(async () => { Thread.Sleep(100); await Task.Yield(); });
                await Task.Factory.StartNew(() => Thread.Sleep(100));
                ThreadPool.QueueUserWorkItem(_ => Thread.Sleep(100));
                new Thread(() => Thread.Sleep(100)).Start();
            }
        }
        """);

    [Fact]
    public Task Non_async_lambda_and_local_function_inside_async_method() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync()
            {
                Action later = () => Thread.Sleep(100);
                void SyncHelper() => Thread.Sleep(100);
                Func<int, int> anonymous = delegate (int x) { Thread.Sleep(x); return x; };
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task A_Sleep_method_of_another_type() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Thread
        {
            public static void Sleep(int ms) { }
        }

        class C
        {
            async Task RunAsync()
            {
                Thread.Sleep(100);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Sync_property_and_constructor_bodies() => VerifyCS.AnalyzerAsync("""
        using System.Threading;

        class C
        {
            C() => Thread.Sleep(1);
            int P { get { Thread.Sleep(1); return 1; } }
        }
        """);
}
