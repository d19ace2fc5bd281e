using AsyncLint.Analyzers.Blocking;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// In the IDE a project reference is a compilation reference: the helper's symbols carry syntax from the other project's
/// trees, which this compilation cannot bind. Reading such a helper must not throw; it is simply not followed.
/// </summary>
public sealed class ASYNC101CrossProjectHelperTests
{
    [Fact]
    public async Task Forwarding_helper_in_a_referenced_project_does_not_throw()
    {
        var test = new AsyncLintAnalyzerTest<ASYNC101BlockingTaskWaitAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Helpers;

                class Pages
                {
                    static Task<string> LoadAsync() => Task.Run(() => "page");

                    async Task<int> Defaulted()
                    {
                        var page = LoadAsync();
                        await page.WithDeadline();
                        return {|ASYNC101:page.Result|}.Length;
                    }
                }
                """,
        };

        var helpers = new ProjectState("Helpers", Microsoft.CodeAnalysis.LanguageNames.CSharp, "/1/Test", "cs")
        {
            ReferenceAssemblies = test.ReferenceAssemblies,
        };
        helpers.AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        helpers.Sources.Add(("/1/Deadlines.cs", """
            using System;
            using System.Threading.Tasks;

            namespace Helpers
            {
                public static class Deadlines
                {
                    public static async Task<T> WithDeadline<T>(this Task<T> task, TimeSpan timeout)
                    {
                        if (await Task.WhenAny(task, Task.Delay(timeout)) != task)
                        {
                            throw new TimeoutException();
                        }

                        return await task;
                    }

                    public static Task<T> WithDeadline<T>(this Task<T> task, int? milliseconds = null)
                        => WithDeadline(task, TimeSpan.FromMilliseconds(milliseconds ?? 1000));
                }
            }
            """));
        test.TestState.AdditionalProjects.Add("Helpers", helpers);
        test.TestState.AdditionalProjectReferences.Add("Helpers");
        await test.RunAsync();
    }
}
