using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

/// <summary>Held-out-style snippets: framework APIs that take a plain Action and so make an async lambda async void.</summary>
public sealed class ASYNC204SnippetMoreTests
{
    [Fact]
    public Task Task_constructor_Array_ForEach_Parallel_Invoke_and_thread_pool_item_are_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task SaveAsync(int item) => Task.CompletedTask;

            void Run(int[] items)
            {
                var task = new Task({|ASYNC204:async () =>|} await SaveAsync(1));
                Array.ForEach(items, {|ASYNC204:async item =>|} await SaveAsync(item));
                Parallel.Invoke({|ASYNC204:async () =>|} await SaveAsync(2));
                ThreadPool.QueueUserWorkItem({|ASYNC204:async _ =>|} await SaveAsync(3));
            }
        }
        """);
}
