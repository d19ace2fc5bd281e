using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>Held-out-style completion proofs: compound guards, dictionaries of tasks and fields awaited together.</summary>
public sealed class ASYNC101SnippetMoreTrapTests
{
    [Fact]
    public Task Compound_guards() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadAsync(Task<int>? pending, bool cached)
            {
                if (pending != null && pending.IsCompletedSuccessfully)
                {
                    return pending.Result;
                }

                if (cached && pending is { Status: TaskStatus.RanToCompletion })
                {
                    return pending.Result;
                }

                return pending is null ? 0 : await pending;
            }

            async Task<int> SlowPathAsync(Task<int> pending)
            {
                if (!pending.IsCompleted || pending.IsFaulted)
                {
                    return await pending;
                }

                return pending.Result;
            }
        }
        """);

    [Fact]
    public Task Dictionary_of_tasks_awaited_through_its_values() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(string key) => Task.FromResult(key.Length);

            async Task<int> SumAsync(string[] keys)
            {
                var map = keys.ToDictionary(k => k, k => LoadAsync(k));
                await Task.WhenAll(map.Values);
                var total = 0;
                foreach (var pair in map)
                {
                    total += pair.Value.Result;
                }

                foreach (var task in map.Values)
                {
                    total += task.Result;
                }

                return total + map[keys[0]].Result;
            }
        }
        """);

    [Fact]
    public Task Fields_awaited_together() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            private Task<int> users = Task.Run(() => 1);
            private Task<int> orders = Task.Run(() => 2);

            async Task<int> CountAsync()
            {
                await Task.WhenAll(users, orders);
                return users.Result + orders.Result;
            }
        }
        """);
}
