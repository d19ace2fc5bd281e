using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC103ThreadSleepCodeFix>;

namespace AsyncLint.Tests.ASYNC103;

public sealed class ASYNC103CodeFixTests
{
    [Fact]
    public Task Sleep_becomes_await_Task_Delay() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task LoadAsync()
            {
                {|ASYNC103:Thread.Sleep(100)|};
                await Task.CompletedTask;
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task LoadAsync()
            {
                await Task.Delay(100);
                await Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task Forwards_the_CancellationToken_parameter() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task PollAsync(int attempts, CancellationToken cancellationToken)
            {
                {|ASYNC103:Thread.Sleep(TimeSpan.FromSeconds(attempts))|};
                await Task.CompletedTask;
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task PollAsync(int attempts, CancellationToken cancellationToken)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempts), cancellationToken);
                await Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task Forwards_a_local_token_source_created_in_the_method() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task PollAsync(CancellationToken outer)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(outer);
                {|ASYNC103:Thread.Sleep(100)|};
                await Task.CompletedTask;
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task PollAsync(CancellationToken outer)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(outer);
                await Task.Delay(100, timeout.Token);
                await Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task Never_forwards_a_token_that_belongs_to_another_object() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly CancellationTokenSource shutdown = new();
            CancellationToken Token => shutdown.Token;

            async Task PollAsync()
            {
                {|ASYNC103:Thread.Sleep(100)|};
                await Task.CompletedTask;
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly CancellationTokenSource shutdown = new();
            CancellationToken Token => shutdown.Token;

            async Task PollAsync()
            {
                await Task.Delay(100);
                await Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task Sleep_zero_becomes_Task_Yield() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task SpinAsync()
            {
                {|ASYNC103:Thread.Sleep(0)|};
                await Task.CompletedTask.ConfigureAwait(false);
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task SpinAsync()
            {
                await Task.Yield();
                await Task.CompletedTask.ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Keeps_ConfigureAwait_false_where_the_method_uses_it() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task LoadAsync(CancellationToken ct)
            {
                await Task.Yield();
                {|ASYNC103:Thread.Sleep(millisecondsTimeout: 100)|};
                await Task.CompletedTask.ConfigureAwait(false);
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task LoadAsync(CancellationToken ct)
            {
                await Task.Yield();
                await Task.Delay(100, ct).ConfigureAwait(false);
                await Task.CompletedTask.ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_async_lambda() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Func<CancellationToken, Task> Poll => async token => {|ASYNC103:Thread.Sleep(10)|};
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Func<CancellationToken, Task> Poll => async token => await Task.Delay(10, token);
        }
        """);

    [Fact]
    public Task Adds_the_Tasks_using_when_missing() => VerifyFix.CodeFixAsync("""
        class C
        {
            async System.Threading.Tasks.Task LoadAsync()
            {
                {|ASYNC103:System.Threading.Thread.Sleep(100)|};
                await System.Threading.Tasks.Task.CompletedTask;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async System.Threading.Tasks.Task LoadAsync()
            {
                await Task.Delay(100);
                await System.Threading.Tasks.Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task FixAll_rewrites_every_sleep_in_the_document() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RetryAsync(CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    {|ASYNC103:Thread.Sleep(100 * attempt)|};
                    await Task.Yield();
                }

                {|ASYNC103:Thread.Sleep(10)|};
            }

            async Task OtherAsync()
            {
                {|ASYNC103:Thread.Sleep(5)|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RetryAsync(CancellationToken ct)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    await Task.Delay(100 * attempt, ct);
                    await Task.Yield();
                }

                await Task.Delay(10, ct);
            }

            async Task OtherAsync()
            {
                await Task.Delay(5);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task No_fix_inside_lock_where_await_cannot_be_written() => VerifyFix.NoCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly object gate = new();

            async Task WorkAsync()
            {
                await Task.Yield();
                lock (gate)
                {
                    {|ASYNC103:Thread.Sleep(10)|};
                }
            }
        }
        """);
}
