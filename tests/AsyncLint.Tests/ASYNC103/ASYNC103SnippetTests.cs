using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC103;

/// <summary>Held-out-style snippets for Thread.Sleep (dotnet/roslyn-analyzers #6268: CA1849 missed it).</summary>
public sealed class ASYNC103SnippetTests
{
    [Fact]
    public Task Trap_sleep_handed_to_the_thread_pool_or_a_thread() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync()
            {
                await Task.Factory.StartNew(() => Thread.Sleep(10), TaskCreationOptions.LongRunning);
                await Task.Run(static async () => { Thread.Sleep(10); await Task.Yield(); });
                ThreadPool.UnsafeQueueUserWorkItem(_ => Thread.Sleep(10), null);
                new Thread(() => Thread.Sleep(10)).Start();
                Parallel.Invoke(() => Thread.Sleep(1), () => Thread.Sleep(2));
            }
        }
        """);

    [Fact]
    public Task Static_async_lambda_and_static_local_function_are_async_contexts() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void Configure()
            {
                Func<Task> poll = static async () =>
                {
                    {|ASYNC103:Thread.Sleep(100)|};
                    await Task.Yield();
                };

                static async Task BackOffAsync(int attempt)
                {
                    {|ASYNC103:Thread.Sleep(attempt * 100)|};
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_async_member_and_generic_method() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C<T>
        {
            async Task<T> EchoAsync(T value)
            {
                {|ASYNC103:Thread.Sleep(1)|};
                return await Task.FromResult(value);
            }

            async Task PauseAsync() => await Task.Run(() => Thread.Sleep(1)).ContinueWith(_ => { });

        async Task WaitAsync() => await Task.Delay(1).ContinueWith(async _ => {|ASYNC103:Thread.Sleep(1)|}).Unwrap();
        }
        """);
}
