using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// An awaited helper of the project that ends by awaiting the task it was given inside a <c>using</c> of its timer: the task
/// is complete when the helper's await returns, also when the caller hands it over through a cast. A helper with a path
/// that returns before awaiting it stays unproven.
/// </summary>
public sealed class ASYNC101AwaitingHelperScopeTests
{
    [Fact]
    public Task Read_after_awaiting_a_timeout_helper_that_awaits_inside_a_using_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public static class TaskTimeouts
        {
            public static async Task WithTimeout(this Task task, TimeSpan timeout)
            {
                using (var timer = new CancellationTokenSource())
                {
                    var delay = Task.Delay(timeout, timer.Token);
                    if (await Task.WhenAny(task, delay).ConfigureAwait(false) == delay)
                    {
                        throw new TimeoutException();
                    }

                    timer.Cancel();
                    await task.ConfigureAwait(false);
                }
            }

            public static async Task<T> WithTimeout<T>(this Task<T> task, TimeSpan timeout)
            {
                await WithTimeout((Task)task, timeout).ConfigureAwait(false);
                return task.GetAwaiter().GetResult();
            }
        }
        """);

    [Fact]
    public Task Helper_that_may_return_before_awaiting_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public static class TaskTimeouts
        {
            public static async Task WithTimeout(this Task task, TimeSpan timeout)
            {
                using (var timer = new CancellationTokenSource())
                {
                    if (timeout == TimeSpan.Zero)
                    {
                        return;
                    }

                    await task.ConfigureAwait(false);
                }
            }

            public static async Task<T> WithTimeout<T>(this Task<T> task, TimeSpan timeout)
            {
                await WithTimeout((Task)task, timeout).ConfigureAwait(false);
                return {|ASYNC101:task.GetAwaiter().GetResult()|};
            }
        }
        """);
}
