using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>Held-out-style loops over a static helper that keeps one connection: each iteration is a step on it.</summary>
public sealed class ASYNC302SnippetStaticStateTests
{
    [Fact]
    public Task Trap_static_helper_over_one_static_connection() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Threading.Tasks;

        static class Database
        {
            public static DbConnection? Connection { get; set; }

            public static Task<int> CountAsync(string table) => Task.FromResult(table.Length);
        }

        class C
        {
            async Task<int> TotalAsync(IEnumerable<string> tables)
            {
                var total = 0;
                foreach (var table in tables)
                {
                    total += await Database.CountAsync(table);
                }

                return total;
            }
        }
        """);
}
