using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC102BlockingWaitPrimitiveCodeFix>;

namespace AsyncLint.Tests.ASYNC102;

/// <summary>The fix for the snippet positives: WaitAll becomes an awaited WhenAll; the known-blocking waits keep no fix.</summary>
public sealed class ASYNC102SnippetCodeFixTests
{
    [Fact]
    public Task WaitAll_on_two_parameters_becomes_await_WhenAll() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task first, Task second)
            {
                await Task.Yield();
                {|ASYNC102:Task.WaitAll(first, second)|};
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task first, Task second)
            {
                await Task.Yield();
                await Task.WhenAll(first, second);
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_token_wait_handle_or_a_consuming_take() => VerifyFix.NoCodeFixAsync("""
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(CancellationToken token, BlockingCollection<int> queue)
            {
                await Task.Yield();
                {|ASYNC102:token.WaitHandle.WaitOne()|};
                var item = {|ASYNC102:queue.Take()|};
            }
        }
        """);
}
