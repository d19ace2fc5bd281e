using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>Held-out-style loop over one repository: every iteration uses the request's one DbContext.</summary>
public sealed class ASYNC302SnippetRepositoryTests
{
    [Fact]
    public Task Trap_lookup_per_element_through_one_repository() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        interface IProductRepository { Task<string> GetNameAsync(int id); }

        class C
        {
            async Task<List<string>> NamesAsync(IProductRepository products, int[] ids)
            {
                var names = new List<string>();
                foreach (var id in ids)
                {
                    names.Add(await products.GetNameAsync(id));
                }

                return names;
            }
        }
        """);
}
