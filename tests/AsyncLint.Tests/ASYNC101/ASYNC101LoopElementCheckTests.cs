using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A loop's element proven complete inside the iteration (an assertion or a check on the element itself) is read without
/// blocking, as a plain local would be; the collection need not be awaited as a whole.
/// </summary>
public sealed class ASYNC101LoopElementCheckTests
{
    [Fact]
    public Task An_element_asserted_or_checked_complete_in_its_iteration_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;

        class Tally
        {
            // Yields each reply once it has arrived, like Task.WhenEach.
            async IAsyncEnumerable<Task<int>> RepliesAsArrived()
            {
                await Task.Yield();
                yield return Task.FromResult(1);
            }

            async Task<int> CountVotesAsync()
            {
                var votes = 0;
                await foreach (var reply in RepliesAsArrived().ConfigureAwait(false))
                {
                    Debug.Assert(reply.IsCompleted);
                    try
                    {
                        switch (reply.GetAwaiter().GetResult())
                        {
                            case 1: votes++; break;
                            default: votes--; break;
                        }
                    }
                    catch (System.Exception)
                    {
                    }
                }

                return votes;
            }

            async Task<int> SumFinishedAsync(List<Task<int>> pending)
            {
                await Task.Yield();
                var sum = 0;
                foreach (var part in pending)
                {
                    if (part.IsCompletedSuccessfully)
                    {
                        sum += part.Result;
                    }
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task An_element_read_without_a_check_or_before_it_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;

        class Tally
        {
            async Task<int> SumAsync(List<Task<int>> pending, Task<int> bonus)
            {
                await Task.Yield();
                var sum = 0;
                foreach (var part in pending)
                {
                    sum += {|ASYNC101:part.Result|};
                    Debug.Assert(bonus.IsCompleted);
                }

                foreach (var part in pending)
                {
                    var early = {|ASYNC101:part.GetAwaiter().GetResult()|};
                    Debug.Assert(part.IsCompleted);
                    sum += early;
                }

                return sum;
            }
        }
        """);
}
