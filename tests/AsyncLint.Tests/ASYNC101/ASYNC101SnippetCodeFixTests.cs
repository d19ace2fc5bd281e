using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC101BlockingTaskWaitCodeFix>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>The fixes for the snippet positives: each await compiles where the blocking read was.</summary>
public sealed class ASYNC101SnippetCodeFixTests
{
    [Fact]
    public Task Lazy_task_value_and_thread_pool_task_become_awaits() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            private readonly Lazy<Task<string>> settings = new Lazy<Task<string>>(() => Task.Run(() => "s"));

            async Task<string> RunAsync()
            {
                var computed = {|ASYNC101:Task.Run(() => 42).Result|};
                await Task.Yield();
                return {|ASYNC101:settings.Value.Result|} + computed;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            private readonly Lazy<Task<string>> settings = new Lazy<Task<string>>(() => Task.Run(() => "s"));

            async Task<string> RunAsync()
            {
                var computed = await Task.Run(() => 42);
                await Task.Yield();
                return await settings.Value + computed;
            }
        }
        """);

    [Fact]
    public Task Async_continuation_and_route_handler_lambda() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class Router
        {
            public void MapGet(string pattern, Func<Task<string>> handler) { }
        }

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");
            Task SaveAsync(int value) => Task.CompletedTask;

            async Task RunAsync(Task<int> first, Task<int> other)
            {
                await first.ContinueWith(async t => await SaveAsync(t.Result + {|ASYNC101:other.Result|})).Unwrap();
            }

            void Configure(Router router)
            {
                router.MapGet("/", async () =>
                {
                    await Task.Yield();
                    return {|ASYNC101:LoadAsync().Result|};
                });
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class Router
        {
            public void MapGet(string pattern, Func<Task<string>> handler) { }
        }

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");
            Task SaveAsync(int value) => Task.CompletedTask;

            async Task RunAsync(Task<int> first, Task<int> other)
            {
                await first.ContinueWith(async t => await SaveAsync(t.Result + await other)).Unwrap();
            }

            void Configure(Router router)
            {
                router.MapGet("/", async () =>
                {
                    await Task.Yield();
                    return await LoadAsync();
                });
            }
        }
        """);

    [Fact]
    public Task Dictionary_values_read_after_a_change_become_awaits() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(string key) => Task.Run(() => key.Length);

            async Task<int> SumAsync(string[] keys)
            {
                var map = keys.ToDictionary(k => k, k => LoadAsync(k));
                await Task.WhenAll(map.Values);
                map["late"] = LoadAsync("late");
                var total = 0;
                foreach (var pair in map)
                {
                    total += {|ASYNC101:pair.Value.Result|};
                }

                return total + {|ASYNC101:map["late"].Result|};
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(string key) => Task.Run(() => key.Length);

            async Task<int> SumAsync(string[] keys)
            {
                var map = keys.ToDictionary(k => k, k => LoadAsync(k));
                await Task.WhenAll(map.Values);
                map["late"] = LoadAsync("late");
                var total = 0;
                foreach (var pair in map)
                {
                    total += await pair.Value;
                }

                return total + await map["late"];
            }
        }
        """);

    [Fact]
    public Task Unprojected_member_and_changed_collection_become_awaits() => VerifyFix.CodeFixAsync("""
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

                return total;
            }
        }
        """, """
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
                    total += job.price.Result + await job.stock;
                }

                jobs.Add((PriceAsync("x"), PriceAsync("y")));
                foreach (var job in jobs)
                {
                    total += await job.price;
                }

                return total;
            }
        }
        """);
}
