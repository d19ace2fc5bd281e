using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC202UnobservedTaskLocalCodeFix>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>The fix for the snippet positive: the forgotten second task is awaited before the return.</summary>
public sealed class ASYNC202SnippetCodeFixTests
{
    [Fact]
    public Task Second_task_of_a_pair_is_awaited() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class Repository
        {
            public Task<int> LoadAsync(int id) => Task.FromResult(id);
        }

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var first = repo.LoadAsync(1);
                var {|ASYNC202:second|} = repo.LoadAsync(2);
                return await first;
            }
        }
        """, """
        using System.Threading.Tasks;

        class Repository
        {
            public Task<int> LoadAsync(int id) => Task.FromResult(id);
        }

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var first = repo.LoadAsync(1);
                var second = repo.LoadAsync(2);
                await second;
                return await first;
            }
        }
        """);
}
