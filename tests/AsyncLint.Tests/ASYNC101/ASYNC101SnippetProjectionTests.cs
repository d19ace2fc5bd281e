using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>Held-out-style WhenAll over a projection of started work, then reading each task's result.</summary>
public sealed class ASYNC101SnippetProjectionTests
{
    [Fact]
    public Task Trap_WhenAll_with_WaitAsync_then_results() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> first, Task<int> second)
            {
                await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5));
                return first.Result + second.Result;
            }
        }
        """);

    [Fact]
    public Task Trap_WhenAll_over_a_projection_of_started_jobs() => VerifyCS.AnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<decimal> PriceAsync(string sku) => Task.FromResult(1m);

            async Task<decimal> TotalAsync(string[] skus)
            {
                var jobs = skus.Select(sku => (sku, task: PriceAsync(sku))).ToList();
                await Task.WhenAll(jobs.Select(job => job.task));
                var total = 0m;
                foreach (var job in jobs)
                {
                    total += job.task.Result;
                }

                foreach (var (sku, task) in jobs)
                {
                    total += task.Result;
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Other_member_changed_collection_or_lazy_query_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<decimal> PriceAsync(string sku) => Task.Run(() => 1m);

            async Task<decimal> TotalAsync(string[] skus)
            {
                var jobs = skus.Select(sku => (price: PriceAsync(sku), stock: PriceAsync(sku))).ToList();
                await Task.WhenAll(jobs.Select(job => job.price));
                var total = 0m;
                foreach (var job in jobs)
                {
                    total += job.price.Result + {|ASYNC101:job.stock.Result|};
                }

                jobs.Add((PriceAsync("x"), PriceAsync("y")));
                foreach (var job in jobs)
                {
                    total += {|ASYNC101:job.price.Result|};
                }

                IEnumerable<(string sku, Task<decimal> task)> lazy = skus.Select(sku => (sku, task: PriceAsync(sku)));
                await Task.WhenAll(lazy.Select(job => job.task));
                foreach (var (sku, task) in lazy)
                {
                    total += {|ASYNC101:task.Result|};
                }

                return total;
            }
        }
        """);
    [Fact]
    public Task Trap_WhenAll_over_ConvertAll_of_a_keyed_array_in_a_try_that_rethrows() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task<string> ResolveAsync(string request, CancellationToken cancellationToken) => Task.Run(() => request, cancellationToken);

            async Task<Dictionary<string, string>> ResolveAllAsync(IReadOnlyDictionary<string, string> requests, CancellationToken cancellationToken)
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var keyed = new (string Key, Task<string> Task)[requests.Count];
                var i = 0;
                foreach (var pair in requests)
                {
                    keyed[i++] = (pair.Key, ResolveAsync(pair.Value, linked.Token));
                }

                try
                {
                    await Task.WhenAll(Array.ConvertAll(keyed, k => k.Task)).ConfigureAwait(false);
                }
                catch
                {
                    linked.Cancel();
                    throw;
                }

                var responses = new Dictionary<string, string>(keyed.Length);
                foreach (var (key, task) in keyed)
                {
                    responses[key] = task.Result;
                }

                var jobs = new List<(string Key, Task<string> Task)>(keyed);
                await Task.WhenAll(jobs.ConvertAll(job => job.Task));
                foreach (var job in jobs)
                {
                    responses[job.Key] = job.Task.Result;
                }

                return responses;
            }
        }
        """);

    [Fact]
    public Task ConvertAll_of_another_member_or_a_changed_array_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task<int> CountAsync(string key) => Task.Run(() => key.Length);

            async Task<int> SumAsync(string[] keys)
            {
                var keyed = Array.ConvertAll(keys, key => (Count: CountAsync(key), Check: CountAsync(key)));
                await Task.WhenAll(Array.ConvertAll(keyed, k => k.Count));
                var total = 0;
                foreach (var (count, check) in keyed)
                {
                    total += count.Result + {|ASYNC101:check.Result|};
                }

                keyed[0] = (CountAsync("late"), CountAsync("late"));
                foreach (var (count, check) in keyed)
                {
                    total += {|ASYNC101:count.Result|};
                }

                return total;
            }
        }
        """);
}
