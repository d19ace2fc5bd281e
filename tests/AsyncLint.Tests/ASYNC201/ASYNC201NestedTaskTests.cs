using AsyncLint.CodeFixes.Unobserved;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC201DroppedTaskCodeFix>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// <c>await Task.Factory.StartNew(async () =&gt; …)</c> waits for the outer task, which completes at the delegate's first
/// await: the inner task, the work itself, is dropped. Also <c>ContinueWith</c> given an async delegate. <c>Task.Run</c>
/// unwraps by itself, and <c>await Task.WhenAny(…)</c> hands back a task that exists anyway.
/// </summary>
public sealed class ASYNC201NestedTaskTests
{
    [Fact]
    public Task The_delegates_task_is_dropped_by_an_await_of_the_factory() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Worker
        {
            async Task ProcessAsync(Task previous, CancellationToken ct)
            {
                {|ASYNC201:await Task.Factory.StartNew(async () => await Task.Delay(10), TaskCreationOptions.LongRunning)|};
                {|ASYNC201:await Task.Factory.StartNew(async () => { await Task.Delay(10); return 1; }, ct).ConfigureAwait(false)|};
                {|ASYNC201:await previous.ContinueWith(async p => await Task.Delay(10))|};

                // Started first, awaited later: the same dropped inner task.
                var counting = Task.Factory.StartNew(async () => await Task.Delay(10));
                await Task.Delay(1);
                {|ASYNC201:await counting|};
                {|ASYNC201:await previous.ContinueWith(p => p.IsFaulted ? Task.CompletedTask : Task.Delay(10))|};
            }
        }
        """);

    [Fact]
    public Task Trap_awaits_that_wait_for_the_work() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Worker
        {
            async Task ProcessAsync(Task a, Task b)
            {
                await Task.Run(async () => await Task.Delay(10));
                await Task.Factory.StartNew(async () => await Task.Delay(10)).Unwrap();
                await await Task.Factory.StartNew(async () => await Task.Delay(10));
                var inner = await Task.Factory.StartNew(async () => await Task.Delay(10));
                await inner;
                var outer = Task.Factory.StartNew(async () => await Task.Delay(10));
                await await outer;
                var replaced = Task.Factory.StartNew(async () => await Task.Delay(10));
                replaced = Task.FromResult(Task.CompletedTask);
                await replaced;
                await Task.Factory.StartNew(() => Compute());
                await Task.WhenAny(a, b);
                await a.ContinueWith(p => Compute());

                // Waits for the delay without throwing when it is cancelled: the continuation hands back its antecedent.
                await Task.Delay(10, default).ContinueWith(t => t, default, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);

                // Swallows the failure, keeping it for the assertions: every return is the antecedent or a completed task.
                System.Exception? error = null;
                await a.ContinueWith(t =>
                {
                    if (t.IsFaulted)
                    {
                        error = t.Exception;
                        return Task.CompletedTask;
                    }

                    return t;
                });
                await b.ContinueWith(_ => Task.CompletedTask);
            }

            static int Compute() => 42;
        }
        """);

    [Fact]
    public Task Unwrap_awaits_the_delegates_task() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class Worker
        {
            async Task ProcessAsync()
            {
                // keep this comment
                {|ASYNC201:await Task.Factory.StartNew(async () => await Task.Delay(10))|};
                {|ASYNC201:await Task.Factory.StartNew(async () => await Task.Delay(20)).ConfigureAwait(false)|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class Worker
        {
            async Task ProcessAsync()
            {
                // keep this comment
                await Task.Factory.StartNew(async () => await Task.Delay(10)).Unwrap();
                await Task.Factory.StartNew(async () => await Task.Delay(20)).Unwrap().ConfigureAwait(false);
            }
        }
        """, ASYNC201DroppedTaskCodeFix.AwaitKey);

    [Fact]
    public Task Unwrap_a_local_that_holds_the_factorys_task() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class Worker
        {
            async Task ProcessAsync()
            {
                var counting = Task.Factory.StartNew(async () => await Task.Delay(10));
                {|ASYNC201:await counting|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class Worker
        {
            async Task ProcessAsync()
            {
                var counting = Task.Factory.StartNew(async () => await Task.Delay(10));
                await counting.Unwrap();
            }
        }
        """, ASYNC201DroppedTaskCodeFix.AwaitKey);

    [Fact]
    public Task Discard_the_delegates_task() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class Worker
        {
            async Task ProcessAsync()
            {
                {|ASYNC201:await Task.Factory.StartNew(async () => await Task.Delay(10))|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class Worker
        {
            async Task ProcessAsync()
            {
                _ = await Task.Factory.StartNew(async () => await Task.Delay(10));
            }
        }
        """, ASYNC201DroppedTaskCodeFix.DiscardKey);
}
