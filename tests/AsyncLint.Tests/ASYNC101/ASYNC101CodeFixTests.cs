using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC101BlockingTaskWaitCodeFix>;

namespace AsyncLint.Tests.ASYNC101;

public sealed class ASYNC101CodeFixTests
{
    [Fact]
    public Task Result_becomes_await() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");

            async Task<string> RunAsync()
            {
                var text = {|ASYNC101:LoadAsync().Result|};
                await Task.Yield();
                return text;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");

            async Task<string> RunAsync()
            {
                var text = await LoadAsync();
                await Task.Yield();
                return text;
            }
        }
        """);

    [Fact]
    public Task Member_access_on_the_result_keeps_precedence() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");

            async Task<int> RunAsync()
            {
                await Task.Yield();
                return {|ASYNC101:LoadAsync().Result|}.Length + {|ASYNC101:LoadAsync().GetAwaiter().GetResult()|}.Length;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");

            async Task<int> RunAsync()
            {
                await Task.Yield();
                return (await LoadAsync()).Length + (await LoadAsync()).Length;
            }
        }
        """);

    [Fact]
    public Task Wait_statement_becomes_await_statement() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task SaveAsync() => Task.CompletedTask;

            async Task RunAsync(Task other)
            {
                // save first
                {|ASYNC101:SaveAsync().Wait()|}; // then go on
                {|ASYNC101:other.Wait(Timeout.Infinite)|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task SaveAsync() => Task.CompletedTask;

            async Task RunAsync(Task other)
            {
                // save first
                await SaveAsync(); // then go on
                await other;
                await Task.Yield();
            }
        }
        """);

    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public Task Wait_with_a_token_becomes_WaitAsync(TargetFramework framework) => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task work, CancellationToken ct)
            {
                {|ASYNC101:work.Wait(ct)|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task work, CancellationToken ct)
            {
                await work.WaitAsync(ct);
                await Task.Yield();
            }
        }
        """, framework: framework);

    [Fact]
    public Task GetResult_keeps_an_existing_ConfigureAwait() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);
            ValueTask FlushAsync() => default;

            async Task<int> RunAsync()
            {
                {|ASYNC101:FlushAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
                var n = {|ASYNC101:LoadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
                await Task.Delay(1).ConfigureAwait(false);
                return n;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);
            ValueTask FlushAsync() => default;

            async Task<int> RunAsync()
            {
                await FlushAsync().ConfigureAwait(false);
                var n = await LoadAsync().ConfigureAwait(false);
                await Task.Delay(1).ConfigureAwait(false);
                return n;
            }
        }
        """);

    [Fact]
    public Task Adds_ConfigureAwait_false_where_the_method_uses_it() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);
            ValueTask<int> CountAsync() => new ValueTask<int>(2);

            async Task<int> RunAsync()
            {
                await Task.Delay(1).ConfigureAwait(false);
                return {|ASYNC101:LoadAsync().Result|} + {|ASYNC101:CountAsync().GetAwaiter().GetResult()|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);
            ValueTask<int> CountAsync() => new ValueTask<int>(2);

            async Task<int> RunAsync()
            {
                await Task.Delay(1).ConfigureAwait(false);
                return await LoadAsync().ConfigureAwait(false) + await CountAsync().ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_async_lambda_and_ValueTask() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            ValueTask<int> CountAsync() => new ValueTask<int>(2);

            Func<Task<int>> Count => async () => {|ASYNC101:CountAsync().Result|} * 2;
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            ValueTask<int> CountAsync() => new ValueTask<int>(2);

            Func<Task<int>> Count => async () => await CountAsync() * 2;
        }
        """);

    [Fact]
    public Task Cast_receiver_is_kept_parenthesized() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(object boxed)
            {
                await Task.Yield();
                return {|ASYNC101:((Task<int>)boxed).Result|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(object boxed)
            {
                await Task.Yield();
                return await (Task<int>)boxed;
            }
        }
        """);

    [Fact]
    public Task FixAll_rewrites_every_blocking_read() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> SumAsync(CancellationToken ct)
            {
                var a = {|ASYNC101:LoadAsync(1).Result|};
                var b = {|ASYNC101:LoadAsync(2).GetAwaiter().GetResult()|};
                var pending = LoadAsync(3);
                {|ASYNC101:pending.Wait(ct)|};
                await Task.Yield();
                return a + b + pending.Result;
            }

            async Task OtherAsync()
            {
                {|ASYNC101:LoadAsync(4).Wait()|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> SumAsync(CancellationToken ct)
            {
                var a = await LoadAsync(1);
                var b = await LoadAsync(2);
                var pending = LoadAsync(3);
                await pending.WaitAsync(ct);
                await Task.Yield();
                return a + b + pending.Result;
            }

            async Task OtherAsync()
            {
                await LoadAsync(4);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task No_WaitAsync_fix_when_a_target_framework_of_the_project_lacks_it()
    {
        // net8.0 has Task.WaitAsync(CancellationToken); the project's netstandard2.0 build does not: no fix that breaks it.
        const string source = """
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(Task work, CancellationToken ct)
                {
                    {|ASYNC101:work.Wait(ct)|};
                    await Task.Yield();
                }
            }
            """;
        var test = new AsyncLintCodeFixTest<Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer, CodeFixes.Blocking.ASYNC101BlockingTaskWaitCodeFix>(TargetFramework.Net80)
        {
            TestCode = source,
            FixedCode = source,
        };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.AsyncLintTargetFrameworks = net8.0,netstandard2.0\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_for_a_timed_wait() => VerifyFix.NoCodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> RunAsync(Task work, Task other)
            {
                {|ASYNC101:work.Wait(TimeSpan.FromSeconds(1))|};
                await Task.Yield();
                return {|ASYNC101:other.Wait(100)|};
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_bool_of_an_infinite_wait_is_used() => VerifyFix.NoCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> RunAsync(Task work)
            {
                await Task.Yield();
                return {|ASYNC101:work.Wait(Timeout.Infinite)|};
            }
        }
        """);

    [Fact]
    public Task No_fix_inside_lock_or_catch_filter_or_conditional_access() => VerifyFix.NoCodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            readonly object gate = new();

            async Task<int?> RunAsync(Task<int> a, Task<bool> b, Task<int>? c)
            {
                await Task.Yield();
                lock (gate)
                {
                    {|ASYNC101:a.Wait()|};
                }

                try
                {
                    await Task.Yield();
                }
                catch (Exception) when ({|ASYNC101:b.Result|})
                {
                }

                return {|ASYNC101:c?.Result|};
            }
        }
        """);
}
