using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Tests.ASYNC303;

/// <summary>The WhenEach fix for the snippet positive, in top-level statements.</summary>
public sealed class ASYNC303SnippetCodeFixTests
{
    [Fact]
    public Task Top_level_drain_becomes_await_foreach_over_WhenEach()
    {
        var test = new AsyncLintCodeFixTest<AsyncLint.Analyzers.FanOut.ASYNC303QuadraticWhenAnyLoopAnalyzer, AsyncLint.CodeFixes.FanOut.ASYNC303QuadraticWhenAnyLoopCodeFix>
        {
            TestCode = """
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
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                var tasks = new List<Task<int>> { Task.FromResult(1), Task.FromResult(2) };
                var sum = 0;
                await foreach (var done in Task.WhenEach(tasks))
                {
                    sum += await done;
                }

                System.Console.WriteLine(sum);
                """,
            CodeActionEquivalenceKey = AsyncLint.CodeFixes.FanOut.ASYNC303QuadraticWhenAnyLoopCodeFix.WhenEachKey,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        test.BatchFixedState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }
}
