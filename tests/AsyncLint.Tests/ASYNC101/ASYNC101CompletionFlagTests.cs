using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// The completion test kept in a bool local and tested later (<c>var finished = job.IsCompleted; … if (finished) job.Result</c>):
/// the read is of a finished task, as with the test written in the <c>if</c> itself, unless the flag or the task changes in between.
/// </summary>
public sealed class ASYNC101CompletionFlagTests
{
    [Fact]
    public Task Trap_flag_from_a_completion_test() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Poller
        {
            static Task<int> PublishAsync(int value) => Task.FromResult(value);

            async Task<int> ReportAsync(Task<int> job)
            {
                var finished = job.IsCompleted;
                var total = 0;
                if (finished)
                {
                    total = job.Result;
                }

                bool succeeded = job.IsCompletedSuccessfully;
                if (!succeeded)
                {
                    return -1;
                }

                total += job.Result;
                return await PublishAsync(total);
            }
        }
        """);

    [Fact]
    public Task Trap_flag_through_a_null_conditional_access_on_a_task_property() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        sealed class Upload
        {
            private readonly TaskCompletionSource<(long Bytes, Exception? Error)> done = new();
            public Task<(long Bytes, Exception? Error)> Finished => done.Task;
        }

        class Forwarder
        {
            static Task<long> LogAsync(long bytes) => Task.FromResult(bytes);

            async Task<long> CompleteAsync(Upload? upload)
            {
                var uploaded = upload?.Finished.IsCompleted == true;
                long bytes = 0;
                if (uploaded)
                {
                    var (sent, _) = upload!.Finished.Result;
                    bytes = sent;
                }

                return await LogAsync(bytes);
            }
        }
        """);

    [Fact]
    public Task A_task_replaced_after_the_test_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Poller
        {
            static Task<int> StartAsync() => Task.Run(() => 1);
            static Task<int> PublishAsync(int value) => Task.FromResult(value);

            async Task<int> ReportAsync(Task<int> job)
            {
                var finished = job.IsCompleted;
                job = StartAsync();
                var total = 0;
                if (finished)
                {
                    total = {|ASYNC101:job.Result|};
                }

                return await PublishAsync(total);
            }
        }
        """);

    [Fact]
    public Task A_flag_assigned_twice_or_tested_the_wrong_way_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Poller
        {
            static Task<int> PublishAsync(int value) => Task.FromResult(value);

            async Task<int> ReportAsync(Task<int> job, Task<int> other, bool force)
            {
                var finished = job.IsCompleted;
                if (force)
                {
                    finished = true;
                }

                var total = 0;
                if (finished)
                {
                    total = {|ASYNC101:job.Result|};
                }

                var running = !other.IsCompleted;
                if (running)
                {
                    total += {|ASYNC101:other.Result|};
                }

                return await PublishAsync(total);
            }
        }
        """);
}
