using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>Held-out-style top-level program: a loop of independent downloads, and its task-list fix (System.Linq added).</summary>
public sealed class ASYNC302SnippetTopLevelTests
{
    [Fact]
    public Task Top_level_download_loop_becomes_a_task_list()
    {
        var test = new AsyncLintCodeFixTest<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer, AsyncLint.CodeFixes.FanOut.ASYNC302SequentialAwaitInLoopCodeFix>
        {
            TestCode = """
                using System;
                using System.Net.Http;

                var http = new HttpClient();
                string[] urls = ["https://a.example", "https://b.example"];
                foreach (var url in urls)
                {
                    var body = {|ASYNC302:await http.GetStringAsync(url)|};
                    Console.WriteLine(body.Length);
                }
                """,
            FixedCode = """
                using System;
                using System.Linq;
                using System.Net.Http;
                using System.Threading.Tasks;

                var http = new HttpClient();
                string[] urls = ["https://a.example", "https://b.example"];
                var bodyTasks = urls.Select(url => (url, bodyTask: http.GetStringAsync(url))).ToList();
                await Task.WhenAll(bodyTasks.Select(started => started.bodyTask));
                foreach (var (url, bodyTask) in bodyTasks)
                {
                    var body = await bodyTask;
                    Console.WriteLine(body.Length);
                }
                """,
            CodeActionEquivalenceKey = AsyncLint.CodeFixes.FanOut.ASYNC302SequentialAwaitInLoopCodeFix.TaskListKey,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        test.BatchFixedState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }
}
