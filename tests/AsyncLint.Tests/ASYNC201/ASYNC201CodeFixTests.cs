using AsyncLint.Analyzers.Unobserved;
using AsyncLint.CodeFixes.Unobserved;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC201DroppedTaskCodeFix>;

namespace AsyncLint.Tests.ASYNC201;

public sealed class ASYNC201CodeFixTests
{
    private const string Await = ASYNC201DroppedTaskCodeFix.AwaitKey;
    private const string Discard = ASYNC201DroppedTaskCodeFix.DiscardKey;

    private const string Repository = """

        class Repository
        {
            public Task SaveAsync() => Task.CompletedTask;
            public Task<int> CountAsync() => Task.FromResult(1);
            public ValueTask FlushAsync() => default;
            public ValueTask<int> ReadAsync() => default;
            public async Task SourceAsync() => await Task.Yield();
        }
        """;

    /// <summary>A fix test with compiler warnings on, for CS4014 diagnostics (the fixed code must not keep a CS4014).</summary>
    private static Task VerifyWithWarningsAsync(string source, string fixedSource, string equivalenceKey)
    {
        var test = new AsyncLintCodeFixTest<ASYNC201DroppedTaskAnalyzer, ASYNC201DroppedTaskCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        return test.RunAsync();
    }

    /// <summary>A fix test whose fixed code still has diagnostics the chosen fix does not apply to (markup in the fixed code).</summary>
    private static Task VerifyKeepingDiagnosticsAsync(string source, string fixedSource, string equivalenceKey)
    {
        var test = new AsyncLintCodeFixTest<ASYNC201DroppedTaskAnalyzer, ASYNC201DroppedTaskCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    [Fact]
    public Task Discard_in_a_sync_method() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Save(Repository repo)
            {
                // keep this comment
                {|ASYNC201:repo.SaveAsync()|}; // and this one
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            void Save(Repository repo)
            {
                // keep this comment
                _ = repo.SaveAsync(); // and this one
            }
        }
        """ + Repository, Discard);

    [Fact]
    public Task No_await_in_a_sync_method() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Save(Repository repo)
            {
                {|ASYNC201:repo.SaveAsync()|};
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            void Save(Repository repo)
            {
                {|ASYNC201:repo.SaveAsync()|};
            }
        }
        """ + Repository, Await);

    [Fact]
    public Task Discard_in_an_expression_bodied_void_method() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly Repository repo = new Repository();

            void Save() => {|ASYNC201:repo.SaveAsync()|};
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            private readonly Repository repo = new Repository();

            void Save() => _ = repo.SaveAsync();
        }
        """ + Repository, Discard);

    [Fact]
    public Task Discard_in_a_void_lambda() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action Wire(Repository repo) => () => {|ASYNC201:repo.SaveAsync()|};
        }
        """ + Repository, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action Wire(Repository repo) => () => _ = repo.SaveAsync();
        }
        """ + Repository, Discard);

    [Fact]
    public Task No_discard_where_underscore_is_a_lambda_parameter() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void Wire(Repository repo, List<int> ids) => ids.ForEach(_ => {|ASYNC201:repo.SaveAsync()|});
        }
        """ + Repository, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void Wire(Repository repo, List<int> ids) => ids.ForEach(_ => {|ASYNC201:repo.SaveAsync()|});
        }
        """ + Repository, Discard);

    [Fact]
    public Task No_discard_for_a_dropped_delay() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Backoff()
            {
                {|ASYNC201:Task.Delay(100)|};
            }
        }
        """);

    [Fact]
    public Task Await_a_null_conditional_task_call_safely() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                {|ASYNC201:repo?.SaveAsync()|};
                {|ASYNC201:repo?.CountAsync()|};
                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                await (repo?.SaveAsync() ?? Task.CompletedTask);
                await (repo?.CountAsync() ?? Task.CompletedTask);
                await Task.Yield();
            }
        }
        """ + Repository, Await);

    [Fact]
    public Task Await_a_null_conditional_ValueTask_call_safely() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                {|ASYNC201:repo?.FlushAsync()|};
                {|ASYNC201:repo?.ReadAsync()|};
                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                await (repo?.FlushAsync() ?? default);
                await (repo?.ReadAsync() ?? default);
                await Task.Yield();
            }
        }
        """ + Repository, Await);

    [Fact]
    public Task Await_and_discard_on_NET_8_and_CSharp_12() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                {|ASYNC201:repo?.FlushAsync()|};
                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                await (repo?.FlushAsync() ?? default);
                await Task.Yield();
            }
        }
        """ + Repository, Await, TargetFramework.Net80);

    [Fact]
    public Task Await_keeps_ConfigureAwait_false_where_the_method_uses_it() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                {|ASYNC201:repo?.SaveAsync()|};
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                await (repo?.SaveAsync() ?? Task.CompletedTask).ConfigureAwait(false);
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        """ + Repository, Await);

    [Fact]
    public Task Await_adds_the_using_for_Task_CompletedTask() => VerifyFix.CodeFixAsync("""
        class C
        {
            async System.Threading.Tasks.Task SaveAsync(Repository repo)
            {
                {|ASYNC201:repo?.SaveAsync()|};
                await System.Threading.Tasks.Task.Yield();
            }
        }

        class Repository
        {
            public System.Threading.Tasks.Task SaveAsync() => System.Threading.Tasks.Task.CompletedTask;
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async System.Threading.Tasks.Task SaveAsync(Repository repo)
            {
                await (repo?.SaveAsync() ?? Task.CompletedTask);
                await System.Threading.Tasks.Task.Yield();
            }
        }

        class Repository
        {
            public System.Threading.Tasks.Task SaveAsync() => System.Threading.Tasks.Task.CompletedTask;
        }
        """, Await);

    [Fact]
    public Task Lock_body_offers_the_discard_but_not_await() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task SaveAsync(Repository repo)
            {
                lock (gate)
                {
                    {|ASYNC201:repo.SaveAsync()|};
                }

                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task SaveAsync(Repository repo)
            {
                lock (gate)
                {
                    _ = repo.SaveAsync();
                }

                await Task.Yield();
            }
        }
        """ + Repository, Discard);

    [Fact]
    public Task Lock_body_has_no_await_fix() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task SaveAsync(Repository repo)
            {
                lock (gate)
                {
                    {|ASYNC201:repo.SaveAsync()|};
                }

                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task SaveAsync(Repository repo)
            {
                lock (gate)
                {
                    {|ASYNC201:repo.SaveAsync()|};
                }

                await Task.Yield();
            }
        }
        """ + Repository, Await);

    [Fact]
    public Task CS4014_await_fix() => VerifyWithWarningsAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                {|CS4014:repo.SaveAsync()|};
                {|CS4014:repo.FlushAsync().ConfigureAwait(false)|};
                {|CS4014:Task.Yield()|};
                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                await repo.SaveAsync();
                await repo.FlushAsync().ConfigureAwait(false);
                await Task.Yield();
                await Task.Yield();
            }
        }
        """ + Repository, Await);

    [Fact]
    public Task CS4014_discard_fix_including_source_async_calls_from_sync_code() => VerifyWithWarningsAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                {|CS4014:repo.SaveAsync()|};
                await Task.Yield();
            }

            void Run(Repository repo)
            {
                {|CS4014:repo.SourceAsync()|};
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                _ = repo.SaveAsync();
                await Task.Yield();
            }

            void Run(Repository repo)
            {
                _ = repo.SourceAsync();
            }
        }
        """ + Repository, Discard);

    [Fact]
    public Task CS4014_in_an_async_expression_bodied_lambda_is_awaited() => VerifyWithWarningsAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> Wire(Repository repo) => async () => {|CS4014:repo.SaveAsync()|};
        }
        """ + Repository, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> Wire(Repository repo) => async () => await repo.SaveAsync();
        }
        """ + Repository, Await);

    [Fact]
    public Task FixAll_discards_every_dropped_task() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void Save(Repository repo)
            {
                {|ASYNC201:repo.SaveAsync()|};
                {|ASYNC201:repo.CountAsync()|};
                {|ASYNC201:repo?.FlushAsync()|};
                {|ASYNC201:repo.ReadAsync().ConfigureAwait(false)|};
                Action later = () => {|ASYNC201:repo.SaveAsync()|};
            }

            void Flush(Repository repo) => {|ASYNC201:repo.FlushAsync()|};
        }

        class D
        {
            void Save(Repository repo) => {|ASYNC201:Task.Run(() => repo.SaveAsync())|};
        }
        """ + Repository, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            void Save(Repository repo)
            {
                _ = repo.SaveAsync();
                _ = repo.CountAsync();
                _ = repo?.FlushAsync();
                _ = repo.ReadAsync().ConfigureAwait(false);
                Action later = () => _ = repo.SaveAsync();
            }

            void Flush(Repository repo) => _ = repo.FlushAsync();
        }

        class D
        {
            void Save(Repository repo) => _ = Task.Run(() => repo.SaveAsync());
        }
        """ + Repository, Discard);

    [Fact]
    public Task FixAll_awaits_every_dropped_task_that_can_be_awaited() => VerifyKeepingDiagnosticsAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task SaveAsync(Repository repo, Repository other)
            {
                {|ASYNC201:repo?.SaveAsync()|};
                {|ASYNC201:other?.CountAsync()|};
                {|ASYNC201:repo?.FlushAsync()|};
                lock (gate)
                {
                    {|ASYNC201:repo.SaveAsync()|};
                }

                await Task.Yield();
            }

            void Sync(Repository repo)
            {
                {|ASYNC201:repo.SaveAsync()|};
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task SaveAsync(Repository repo, Repository other)
            {
                await (repo?.SaveAsync() ?? Task.CompletedTask);
                await (other?.CountAsync() ?? Task.CompletedTask);
                await (repo?.FlushAsync() ?? default);
                lock (gate)
                {
                    {|ASYNC201:repo.SaveAsync()|};
                }

                await Task.Yield();
            }

            void Sync(Repository repo)
            {
                {|ASYNC201:repo.SaveAsync()|};
            }
        }
        """ + Repository, Await);
}
