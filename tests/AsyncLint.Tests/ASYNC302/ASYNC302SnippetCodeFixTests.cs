using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer, AsyncLint.CodeFixes.FanOut.ASYNC302SequentialAwaitInLoopCodeFix>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>The task-list fix for the snippet positive: a running total over element lookups keeps its order.</summary>
public sealed class ASYNC302SnippetCodeFixTests
{
    [Fact]
    public Task Running_total_over_lookups_becomes_a_task_list() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        interface IPrices { Task<decimal> GetPriceAsync(string sku); }

        class C
        {
            async Task<decimal> TotalAsync(IPrices prices, IEnumerable<string> skus)
            {
                var total = 0m;
                foreach (var sku in skus)
                {
                    total += {|ASYNC302:await prices.GetPriceAsync(sku)|};
                }

                return total;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        interface IPrices { Task<decimal> GetPriceAsync(string sku); }

        class C
        {
            async Task<decimal> TotalAsync(IPrices prices, IEnumerable<string> skus)
            {
                var total = 0m;
                var getPriceTasks = skus.Select(sku => (sku, getPriceTask: prices.GetPriceAsync(sku))).ToList();
                await Task.WhenAll(getPriceTasks.Select(started => started.getPriceTask));
                foreach (var (sku, getPriceTask) in getPriceTasks)
                {
                    total += await getPriceTask;
                }

                return total;
            }
        }
        """, AsyncLint.CodeFixes.FanOut.ASYNC302SequentialAwaitInLoopCodeFix.TaskListKey);
}
