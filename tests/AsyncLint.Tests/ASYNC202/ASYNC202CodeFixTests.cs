using AsyncLint.Analyzers.Unobserved;
using AsyncLint.CodeFixes.Unobserved;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC202UnobservedTaskLocalCodeFix>;

namespace AsyncLint.Tests.ASYNC202;

public sealed class ASYNC202CodeFixTests
{
    private const string Repository = """

        class Repository
        {
            public Task SaveAsync() => Task.CompletedTask;
            public Task<int> CountAsync() => Task.FromResult(1);
            public ValueTask FlushAsync() => default;
            public void Work() { }
        }
        """;

    /// <summary>A fix test whose fixed code still has diagnostics the fix does not apply to (markup in the fixed code).</summary>
    private static Task VerifyKeepingDiagnosticsAsync(string source, string fixedSource)
    {
        var test = new AsyncLintCodeFixTest<ASYNC202UnobservedTaskLocalAnalyzer, ASYNC202UnobservedTaskLocalCodeFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
        };
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    [Fact]
    public Task Await_at_the_end_of_the_block() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                repo.Work();
                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var save = repo.SaveAsync();
                repo.Work();
                await Task.Yield();
                await save;
            }
        }
        """ + Repository);

    [Fact]
    public Task Await_before_the_closing_return() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                repo.Work();
                return await repo.CountAsync();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var save = repo.SaveAsync();
                repo.Work();
                await save;
                return await repo.CountAsync();
            }
        }
        """ + Repository);

    [Fact]
    public Task Await_when_the_declaration_is_the_last_statement_in_a_nested_block() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo, bool flush)
            {
                if (flush)
                {
                    var {|ASYNC202:t|} = repo.FlushAsync();
                }

                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo, bool flush)
            {
                if (flush)
                {
                    var t = repo.FlushAsync();
                    await t;
                }

                await Task.Yield();
            }
        }
        """ + Repository);

    [Fact]
    public Task Await_keeps_ConfigureAwait_false_where_the_method_uses_it() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var save = repo.SaveAsync();
                await Task.Delay(1).ConfigureAwait(false);
                await save.ConfigureAwait(false);
            }
        }
        """ + Repository);

    [Fact]
    public Task Await_in_an_async_lambda() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> Wire(Repository repo) => async () =>
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                repo.Work();
            };
        }
        """ + Repository, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> Wire(Repository repo) => async () =>
            {
                var save = repo.SaveAsync();
                repo.Work();
                await save;
            };
        }
        """ + Repository);

    [Fact]
    public Task Await_a_null_conditional_task_safely() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var {|ASYNC202:save|} = repo?.SaveAsync();
                await Task.Yield();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var save = repo?.SaveAsync();
                await Task.Yield();
                await (save ?? Task.CompletedTask);
            }
        }
        """ + Repository);

    [Fact]
    public Task Await_on_NET_8_and_CSharp_12() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var {|ASYNC202:count|} = repo.CountAsync();
                repo.Work();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var count = repo.CountAsync();
                repo.Work();
                await count;
            }
        }
        """ + Repository, framework: TargetFramework.Net80);

    [Fact]
    public Task No_fix_in_a_sync_method() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
            }
        }
        """ + Repository);

    [Fact]
    public Task No_fix_inside_a_lock() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task RunAsync(Repository repo)
            {
                lock (gate)
                {
                    var {|ASYNC202:save|} = repo.SaveAsync();
                }

                await Task.Yield();
            }
        }
        """ + Repository);

    [Fact]
    public Task No_fix_when_the_block_never_reaches_its_end() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo, bool flag)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                if (flag)
                {
                    return 1;
                }
                else
                {
                    return await repo.CountAsync();
                }
            }
        }
        """ + Repository);

    [Fact]
    public Task FixAll_awaits_every_local_in_declaration_order() => VerifyKeepingDiagnosticsAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                var {|ASYNC202:flush|} = repo.FlushAsync();
                repo.Work();
                var {|ASYNC202:count|} = repo.CountAsync();
                return 1;
            }

            async Task OtherAsync(Repository repo)
            {
                var {|ASYNC202:a|} = repo.SaveAsync();
                var {|ASYNC202:b|} = repo.SaveAsync();
            }

            void Sync(Repository repo)
            {
                var {|ASYNC202:c|} = repo.SaveAsync();
            }
        }
        """ + Repository, """
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var save = repo.SaveAsync();
                var flush = repo.FlushAsync();
                repo.Work();
                var count = repo.CountAsync();
                await save;
                await flush;
                await count;
                return 1;
            }

            async Task OtherAsync(Repository repo)
            {
                var a = repo.SaveAsync();
                var b = repo.SaveAsync();
                await a;
                await b;
            }

            void Sync(Repository repo)
            {
                var {|ASYNC202:c|} = repo.SaveAsync();
            }
        }
        """ + Repository);
}
