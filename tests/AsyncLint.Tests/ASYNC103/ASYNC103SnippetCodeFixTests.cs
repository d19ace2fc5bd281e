using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC103ThreadSleepCodeFix>;

namespace AsyncLint.Tests.ASYNC103;

/// <summary>The fix for the snippet positives: a static async lambda and a static local function get an awaited delay.</summary>
public sealed class ASYNC103SnippetCodeFixTests
{
    [Fact]
    public Task Static_async_lambda_and_static_local_function() => VerifyFix.CodeFixAsync("""
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

                static async Task BackOffAsync(int attempt, CancellationToken token)
                {
                    {|ASYNC103:Thread.Sleep(attempt * 100)|};
                    await Task.Yield();
                }
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void Configure()
            {
                Func<Task> poll = static async () =>
                {
                    await Task.Delay(100);
                    await Task.Yield();
                };

                static async Task BackOffAsync(int attempt, CancellationToken token)
                {
                    await Task.Delay(attempt * 100, token);
                    await Task.Yield();
                }
            }
        }
        """);
}
