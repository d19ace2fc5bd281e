using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC303QuadraticWhenAnyLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC303;

public sealed class ASYNC303PositiveTests
{
    [Fact]
    public Task Count_greater_than_zero() => Verify.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<Task<int>> tasks)
            {
                while (tasks.Count > 0)
                {
                    var t = await {|ASYNC303:Task.WhenAny(tasks)|};
                    tasks.Remove(t);
                    Console.WriteLine(await t);
                }
            }
        }
        """);

    [Theory]
    [InlineData("tasks.Count != 0")]
    [InlineData("0 < tasks.Count")]
    [InlineData("tasks.Count >= 1")]
    [InlineData("tasks.Any()")]
    [InlineData("tasks.Count() > 0")]
    public Task Non_empty_tests(string condition) => Verify.AnalyzerAsync($$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(IEnumerable<Task> work)
            {
                var tasks = work.ToList();
                while ({{condition}})
                {
                    Task finished = await {|ASYNC303:Task.WhenAny(tasks)|}.ConfigureAwait(false);
                    tasks.Remove(finished);
                    await finished.ConfigureAwait(false);
                }
            }
        }
        """);
}
