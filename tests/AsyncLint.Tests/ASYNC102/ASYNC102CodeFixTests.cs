using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC102BlockingWaitPrimitiveCodeFix>;

namespace AsyncLint.Tests.ASYNC102;

public sealed class ASYNC102CodeFixTests
{
    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public Task WaitAll_becomes_await_WhenAll(TargetFramework framework) => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task RunAsync(Task[] tasks)
            {
                var a = LoadAsync();
                var b = LoadAsync();
                {|ASYNC102:Task.WaitAll(a, b)|};
                {|ASYNC102:Task.WaitAll(tasks)|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task RunAsync(Task[] tasks)
            {
                var a = LoadAsync();
                var b = LoadAsync();
                await Task.WhenAll(a, b);
                await Task.WhenAll(tasks);
                await Task.Yield();
            }
        }
        """, framework: framework);

    [Fact]
    public Task Span_and_collection_expression_arguments_on_net10() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task LoadAsync() => Task.CompletedTask;

            async Task RunAsync()
            {
                {|ASYNC102:Task.WaitAll([LoadAsync(), LoadAsync()])|};
                {|ASYNC102:Task.WaitAll(tasks: [LoadAsync()])|};
                await Task.Yield();
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task LoadAsync() => Task.CompletedTask;

            async Task RunAsync()
            {
                await Task.WhenAll([LoadAsync(), LoadAsync()]);
                await Task.WhenAll([LoadAsync()]);
                await Task.Yield();
            }
        }
        """);

    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public Task Token_moves_to_WaitAsync(TargetFramework framework) => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task[] all, Task[] any, CancellationToken ct)
            {
                {|ASYNC102:Task.WaitAll(all, ct)|};
                {|ASYNC102:Task.WaitAny(any, cancellationToken: ct)|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task[] all, Task[] any, CancellationToken ct)
            {
                await Task.WhenAll(all).WaitAsync(ct);
                await Task.WhenAny(any).WaitAsync(ct);
                await Task.Yield();
            }
        }
        """, framework: framework);

    [Fact]
    public Task WaitAny_statement_becomes_await_WhenAny() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task a, Task b)
            {
                {|ASYNC102:Task.WaitAny(a, b)|};
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task a, Task b)
            {
                await Task.WhenAny(a, b).ConfigureAwait(false);
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task WaitAny_index_on_an_array_keeps_its_meaning() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly Task<int>[] pending = new Task<int>[0];

            async Task<int> RunAsync(Task[] tasks, CancellationToken ct)
            {
                var first = {|ASYNC102:Task.WaitAny(tasks)|};
                var next = {|ASYNC102:Task.WaitAny(pending, ct)|};
                await Task.Yield();
                return first + next;
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly Task<int>[] pending = new Task<int>[0];

            async Task<int> RunAsync(Task[] tasks, CancellationToken ct)
            {
                var first = Array.IndexOf(tasks, await Task.WhenAny(tasks));
                var next = Array.IndexOf(pending, await Task.WhenAny(pending).WaitAsync(ct));
                await Task.Yield();
                return first + next;
            }
        }
        """);

    [Fact]
    public Task Infinite_timeout_with_the_result_unused() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task[] tasks)
            {
                {|ASYNC102:Task.WaitAll(tasks, Timeout.Infinite)|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task[] tasks)
            {
                await Task.WhenAll(tasks);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task FixAll_rewrites_every_WaitAll_and_WaitAny() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task RunAsync(CancellationToken ct)
            {
                {|ASYNC102:Task.WaitAll(LoadAsync(1), LoadAsync(2))|};
                {|ASYNC102:Task.WaitAny(LoadAsync(3), LoadAsync(4))|};
                var batch = new[] { LoadAsync(5), LoadAsync(6) };
                {|ASYNC102:Task.WaitAll(batch, ct)|};
                await Task.Yield();
            }

            async Task<int> FirstAsync(Task<int>[] tasks)
            {
                await Task.Yield();
                return {|ASYNC102:Task.WaitAny(tasks)|};
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task RunAsync(CancellationToken ct)
            {
                await Task.WhenAll(LoadAsync(1), LoadAsync(2));
                await Task.WhenAny(LoadAsync(3), LoadAsync(4));
                var batch = new[] { LoadAsync(5), LoadAsync(6) };
                await Task.WhenAll(batch).WaitAsync(ct);
                await Task.Yield();
            }

            async Task<int> FirstAsync(Task<int>[] tasks)
            {
                await Task.Yield();
                return Array.IndexOf(tasks, await Task.WhenAny(tasks));
            }
        }
        """);

    [Fact]
    public Task No_fix_for_timed_waits_or_an_index_of_inline_tasks() => VerifyFix.NoCodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task LoadAsync() => Task.CompletedTask;
            Task[] Start() => new[] { LoadAsync() };

            async Task<int> RunAsync()
            {
                await Task.Yield();
                var done = {|ASYNC102:Task.WaitAll(Start(), 1000)|};
                {|ASYNC102:Task.WaitAny(Start(), TimeSpan.FromSeconds(1))|};
                return {|ASYNC102:Task.WaitAny(LoadAsync(), LoadAsync())|} + {|ASYNC102:Task.WaitAny(Start())|};
            }
        }
        """);

    [Fact]
    public Task No_fix_for_the_known_blocking_waits() => VerifyFix.NoCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(ManualResetEventSlim ready, Thread worker)
            {
                await Task.Yield();
                {|ASYNC102:ready.Wait()|};
                {|ASYNC102:worker.Join()|};
            }
        }
        """);

    [Fact]
    public Task No_fix_inside_lock() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            readonly object gate = new();

            async Task RunAsync(Task[] tasks)
            {
                await Task.Yield();
                lock (gate)
                {
                    {|ASYNC102:Task.WaitAll(tasks)|};
                }
            }
        }
        """);
}
