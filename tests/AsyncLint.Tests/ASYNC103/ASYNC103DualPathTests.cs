using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC103;

/// <summary>The deliberate dual sync/async code path: the sync arm's Thread.Sleep is no diagnostic.</summary>
public sealed class ASYNC103DualPathTests
{
    [Fact]
    public Task Sleep_in_the_sync_arm_of_if_async() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Retry
        {
            async Task Backoff(int ms, bool async, CancellationToken ct)
            {
                if (async)
                    await Task.Delay(ms, ct);
                else
                    Thread.Sleep(ms);
            }
        }
        """);

    [Fact]
    public Task Sleep_after_an_async_early_exit() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Retry
        {
            async ValueTask Backoff(int ms, bool useAsync)
            {
                if (useAsync)
                {
                    await Task.Delay(ms);
                    return;
                }

                Thread.Sleep(ms);
            }
        }
        """);

    [Fact]
    public Task Sleep_in_a_branch_on_something_else_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Retry
        {
            async Task Backoff(int attempt, bool verbose)
            {
                if (attempt > 3)
                    await Task.Delay(10);
                else
                    {|ASYNC103:Thread.Sleep(10)|};

                if (verbose)
                    {|ASYNC103:Thread.Sleep(1)|};
            }
        }
        """);

    [Fact]
    public Task Sleep_in_the_other_arm_of_a_flag_named_for_something_else_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Downloader
        {
            async Task FetchAsync(bool highQuality)
            {
                var selected = highQuality;
                if (highQuality)
                    await Task.Delay(10);
                else
                    {|ASYNC103:Thread.Sleep(200)|};

                if (!selected)
                {
                    await Task.Delay(10);
                    return;
                }

                {|ASYNC103:Thread.Sleep(200)|};
            }

            async Task PollAsync(bool isSync)
            {
                if (isSync)
                    Thread.Sleep(200);
                else
                    await Task.Delay(200);
            }
        }
        """);
}
