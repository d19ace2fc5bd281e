using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC303QuadraticWhenAnyLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC303;

/// <summary>Held-out-style WhenAny loops: a deadline race is not a drain, a plain drain is.</summary>
public sealed class ASYNC303SnippetTests
{
    [Fact]
    public Task Trap_drain_racing_a_deadline() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> DrainAsync(List<Task<int>> pending)
            {
                var deadline = Task.Delay(5000);
                var sum = 0;
                while (pending.Count > 0)
                {
                    var finished = await Task.WhenAny(pending.Append(deadline));
                    if (finished == deadline)
                    {
                        break;
                    }

                    pending.Remove((Task<int>)finished);
                    sum += await (Task<int>)finished;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Top_level_drain_is_reported() => Verify.ProgramAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        var tasks = new List<Task<int>> { Task.FromResult(1), Task.FromResult(2) };
        var sum = 0;
        while (tasks.Count > 0)
        {
            var done = await {|ASYNC303:Task.WhenAny(tasks)|};
            tasks.Remove(done);
            sum += await done;
        }

        System.Console.WriteLine(sum);
        """);
}
