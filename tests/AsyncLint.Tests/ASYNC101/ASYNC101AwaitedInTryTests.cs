using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A <c>try</c> whose first statement awaits <c>Task.WhenAll(tasks)</c> (or one task) can only throw from that await once
/// the tasks are complete: in its <c>catch</c> and <c>finally</c>, and after a <c>catch</c> that swallows, each element read
/// is complete. Work before the await, or an operand that calls something, may throw first.
/// </summary>
public sealed class ASYNC101AwaitedInTryTests
{
    [Fact]
    public Task Trap_elements_read_after_they_were_all_awaited() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class Directory
        {
            Task<int> RegisterAsync(int address) => Task.FromResult(address);
            Task<bool> ProbeAsync(int silo) => Task.FromResult(true);

            async Task AcceptAsync(int[] addresses)
            {
                var tasks = addresses.Select(a => RegisterAsync(a)).ToArray();
                try
                {
                    await Task.WhenAll(tasks);
                }
                finally
                {
                    for (var i = tasks.Length - 1; i >= 0; i--)
                    {
                        // Retry failed tasks next time.
                        if (!tasks[i].IsCompletedSuccessfully) continue;
                        var winner = tasks[i].Result;
                    }
                }
            }

            async Task<List<int>> ProbeAllAsync(int[] members)
            {
                var tasks = new List<Task<bool>>();
                foreach (var silo in members)
                {
                    tasks.Add(ProbeAsync(silo));
                }

                try
                {
                    await Task.WhenAll(tasks);
                }
                catch
                {
                    // Failures are read below.
                }

                var failed = new List<int>();
                for (var i = 0; i < tasks.Count; i++)
                {
                    if (tasks[i].Status != TaskStatus.RanToCompletion || !tasks[i].GetAwaiter().GetResult())
                    {
                        failed.Add(members[i]);
                    }
                }

                return failed;
            }
        }
        """);

    [Fact]
    public Task Work_that_may_throw_before_the_await_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Directory
        {
            Task<int> RegisterAsync(int address) => Task.FromResult(address);
            void Prepare() { }

            async Task<int> PreparedAsync(List<Task<int>> tasks)
            {
                try
                {
                    Prepare();
                    await Task.WhenAll(tasks);
                }
                catch
                {
                }

                return {|ASYNC101:tasks[0].Result|};
            }

            async Task<int> StartedInTheTryAsync(int a, int b)
            {
                Task<int> first = null!;
                try
                {
                    await Task.WhenAll(first = RegisterAsync(a), RegisterAsync(b));
                }
                catch
                {
                }

                return {|ASYNC101:first.Result|};
            }
        }
        """);
}
