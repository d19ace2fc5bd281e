using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>Held-out-style snippets that do block an async context, next to the traps they resemble.</summary>
public sealed class ASYNC101SnippetPositiveTests
{
    [Fact]
    public Task Async_continuation_reading_another_task_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);
            Task SaveAsync(int value) => Task.CompletedTask;

            async Task RunAsync(Task<int> other)
            {
                await LoadAsync().ContinueWith(async t => await SaveAsync(t.Result + {|ASYNC101:other.Result|})).Unwrap();
            }
        }
        """);

    [Fact]
    public Task Lazy_task_value_and_thread_pool_task_blocked_on() => VerifyCS.AnalyzerAsync("""
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
        """);

    [Fact]
    public Task Guard_that_only_proves_not_completed_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadAsync(Task<int> pending)
            {
                if (!pending.IsCompleted)
                {
                    await Task.Delay(10);
                    return {|ASYNC101:pending.Result|};
                }

                await Task.Yield();
                return pending.Result;
            }
        }
        """);

    [Fact]
    public Task Async_lambda_given_to_a_method_that_is_not_the_thread_pool() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Router
        {
            public void MapGet(string pattern, Func<Task<string>> handler) { }
        }

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");

            void Configure(Router router)
            {
                router.MapGet("/", async () =>
                {
                    await Task.Yield();
                    return {|ASYNC101:LoadAsync().Result|};
                });
            }
        }
        """);

    [Fact]
    public Task Dictionary_changed_or_awaited_only_in_part_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(string key) => Task.Run(() => key.Length);

            async Task<int> SumAsync(string[] keys, Dictionary<string, Task<int>> other)
            {
                var map = keys.ToDictionary(k => k, k => LoadAsync(k));
                await Task.WhenAll(map.Values);
                map["late"] = LoadAsync("late");
                var total = 0;
                foreach (var pair in map)
                {
                    total += {|ASYNC101:pair.Value.Result|};
                }

                foreach (var pair in other)
                {
                    total += {|ASYNC101:pair.Value.Result|};
                }

                return total + {|ASYNC101:map["late"].Result|};
            }
        }
        """);
}
