using AsyncLint.Analyzers.FanOut;
using AsyncLint.CodeFixes.FanOut;
using AsyncLint.Tests.Verifiers;

namespace AsyncLint.Tests.FanOut;

/// <summary>
/// The fixes run: the same scenario compiled before and after the real code fix produces the same results and the same
/// order of side effects, while the operations overlap (and the total time drops).
/// 10 operations × 100 ms: one at a time takes ≥ 900 ms; overlapped well under 500 ms.
/// </summary>
[Collection(nameof(AsyncLint.Tests.Timing.TimingCollection))]
public sealed class FanOutExecutableFixTests
{
    private const string Services = """

        public interface IUsers { System.Threading.Tasks.Task<string> GetUserAsync(int id); }
        public interface IOrders { System.Threading.Tasks.Task<int> CountOrdersAsync(int id); }
        public interface IPrices { System.Threading.Tasks.ValueTask<decimal> GetPriceAsync(string sku); }
        public sealed class Users : IUsers { public System.Threading.Tasks.Task<string> GetUserAsync(int id) => Probe.Operation("user" + id, 100); }
        public sealed class Orders : IOrders { public System.Threading.Tasks.Task<int> CountOrdersAsync(int id) => Probe.Operation(id * 3, 100); }
        public sealed class Prices : IPrices { public async System.Threading.Tasks.ValueTask<decimal> GetPriceAsync(string sku) => await Probe.Operation(sku.Length * 1.5m, 100); }
        """ + ExecutableFix.Probe;

    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public async Task ASYNC301_task_list_keeps_results_and_order_and_overlaps(TargetFramework framework)
    {
        var before = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Scenario
            {
                public static async Task<string> RunAsync()
                {
                    IUsers users = new Users();
                    IOrders orders = new Orders();
                    IPrices prices = new Prices();
                    var log = new List<string>();
                    var user = await users.GetUserAsync(1);
                    var count = await orders.CountOrdersAsync(2);
                    var key = "sku-" + count;
                    var price = await prices.GetPriceAsync("sku-1");
                    var other = await users.GetUserAsync(4);
                    var more = await orders.CountOrdersAsync(5);
                    log.Add("user " + user);
                    log.Add("count " + count + " " + key);
                    log.Add("last " + price + " " + other + " " + more);
                    return string.Join(";", log);
                }
            }
            """ + Services;
        var after = await ExecutableFix.ApplyAsync<ASYNC301SequentialAwaitsAnalyzer, ASYNC301SequentialAwaitsCodeFix>(
            before, ASYNC301SequentialAwaitsCodeFix.TaskListKey, framework);
        Assert.Contains("Task.WhenAll", after);

        var (sequential, overlapped) = await ExecutableFix.RunPairAsync(before, after, framework, fasterThan: 0.5);

        Assert.Equal(sequential.Output, overlapped.Output);
        Assert.Equal(1, sequential.MaxConcurrency);
        Assert.True(overlapped.MaxConcurrency > 1, $"max concurrency {overlapped.MaxConcurrency}\n{after}");
        Assert.Equal(5, overlapped.MaxConcurrency);
        Assert.True(sequential.Elapsed >= TimeSpan.FromMilliseconds(450), $"before: {sequential.Elapsed}");
        Assert.True(overlapped.Elapsed < sequential.Elapsed * 0.5, $"after: {overlapped.Elapsed}, before: {sequential.Elapsed}");
    }

    private const string LoopScenario = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public static class Scenario
        {
            public static async Task<string> RunAsync()
            {
                IUsers users = new Users();
                var ids = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
                var log = new List<string>();
                foreach (var id in ids)
                {
                    var user = await users.GetUserAsync(id);
                    log.Add(id + "=" + user);
                }

                return string.Join(";", log);
            }
        }
        """ + Services;

    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public async Task ASYNC302_task_list_keeps_the_body_order_and_overlaps(TargetFramework framework)
    {
        var after = await ExecutableFix.ApplyAsync<ASYNC302SequentialAwaitInLoopAnalyzer, ASYNC302SequentialAwaitInLoopCodeFix>(
            LoopScenario, ASYNC302SequentialAwaitInLoopCodeFix.TaskListKey, framework);
        Assert.Contains("Task.WhenAll", after);

        var (sequential, overlapped) = await ExecutableFix.RunPairAsync(LoopScenario, after, framework, fasterThan: 0.5);

        Assert.Equal("1=user1;2=user2;3=user3;4=user4;5=user5;6=user6;7=user7;8=user8;9=user9;10=user10", sequential.Output);
        Assert.Equal(sequential.Output, overlapped.Output);
        Assert.Equal(1, sequential.MaxConcurrency);
        Assert.Equal(10, overlapped.MaxConcurrency);
        Assert.True(sequential.Elapsed >= TimeSpan.FromMilliseconds(900), $"before: {sequential.Elapsed}");
        Assert.True(overlapped.Elapsed < sequential.Elapsed * 0.5, $"after: {overlapped.Elapsed}, before: {sequential.Elapsed}");
    }

    private const string SetScenario = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public static class Scenario
        {
            public static async Task<string> RunAsync()
            {
                IUsers users = new Users();
                var ids = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
                var seen = new HashSet<string>();
                var total = 0;
                foreach (var id in ids)
                {
                    var user = await users.GetUserAsync(id);
                    seen.Add(user);
                    total += id;
                }

                return string.Join(";", seen.OrderBy(s => s)) + " total=" + total;
            }
        }
        """ + Services;

    [Theory]
    [InlineData(TargetFramework.Net100, "Task.WhenEach")]
    [InlineData(TargetFramework.Net80, "Task.WhenAny")]
    public async Task ASYNC302_as_completed_gives_the_same_set_and_overlaps(TargetFramework framework, string expectedApi)
    {
        var after = await ExecutableFix.ApplyAsync<ASYNC302SequentialAwaitInLoopAnalyzer, ASYNC302SequentialAwaitInLoopCodeFix>(
            SetScenario, ASYNC302SequentialAwaitInLoopCodeFix.AsCompletedKey, framework);
        Assert.Contains(expectedApi, after);

        var (sequential, overlapped) = await ExecutableFix.RunPairAsync(SetScenario, after, framework, fasterThan: 0.5);

        Assert.Equal(sequential.Output, overlapped.Output);
        Assert.Equal(1, sequential.MaxConcurrency);
        Assert.Equal(10, overlapped.MaxConcurrency);
        Assert.True(sequential.Elapsed >= TimeSpan.FromMilliseconds(900), $"before: {sequential.Elapsed}");
        Assert.True(overlapped.Elapsed < sequential.Elapsed * 0.5, $"after: {overlapped.Elapsed}, before: {sequential.Elapsed}");
    }

    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public async Task ASYNC302_bounded_never_runs_more_than_the_degree(TargetFramework framework)
    {
        var before = """
            using System.Collections.Concurrent;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Scenario
            {
                public static async Task<string> RunAsync()
                {
                    using var cts = new CancellationTokenSource();
                    IOrders orders = new Orders();
                    var ids = Enumerable.Range(1, 12).ToArray();
                    var counts = new ConcurrentBag<int>();
                    foreach (var id in ids)
                    {
                        var count = await orders.CountOrdersAsync(id);
                        counts.Add(count);
                    }

                    return string.Join(";", counts.OrderBy(c => c));
                }
            }
            """ + Services;
        var after = await ExecutableFix.ApplyAsync<ASYNC302SequentialAwaitInLoopAnalyzer, ASYNC302SequentialAwaitInLoopCodeFix>(
            before, ASYNC302SequentialAwaitInLoopCodeFix.BoundedKey, framework, "root = true\n[*.cs]\nasynclint.max_degree_of_parallelism = 4\n");
        Assert.Contains("MaxDegreeOfParallelism = 4", after);
        Assert.Contains("CancellationToken = cts.Token", after);

        var (sequential, bounded) = await ExecutableFix.RunPairAsync(before, after, framework, fasterThan: 0.6);

        Assert.Equal(sequential.Output, bounded.Output);
        Assert.Equal(1, sequential.MaxConcurrency);
        Assert.InRange(bounded.MaxConcurrency, 2, 4);
        Assert.True(sequential.Elapsed >= TimeSpan.FromMilliseconds(1100), $"before: {sequential.Elapsed}");
        Assert.True(bounded.Elapsed < sequential.Elapsed * 0.6, $"after: {bounded.Elapsed}, before: {sequential.Elapsed}");
    }

    [Fact]
    public async Task ASYNC303_WhenEach_processes_every_task_once()
    {
        var before = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public static class Scenario
            {
                public static async Task<string> RunAsync()
                {
                    var tasks = Enumerable.Range(1, 10).Select(i => Probe.Operation(i, 50 + (i % 3) * 40)).ToList();
                    var seen = new List<int>();
                    while (tasks.Count > 0)
                    {
                        var t = await Task.WhenAny(tasks);
                        tasks.Remove(t);
                        seen.Add(await t);
                    }

                    return string.Join(";", seen.OrderBy(x => x));
                }
            }
            """ + ExecutableFix.Probe;
        var after = await ExecutableFix.ApplyAsync<ASYNC303QuadraticWhenAnyLoopAnalyzer, ASYNC303QuadraticWhenAnyLoopCodeFix>(
            before, ASYNC303QuadraticWhenAnyLoopCodeFix.WhenEachKey, TargetFramework.Net100);
        Assert.Contains("Task.WhenEach", after);

        var quadratic = await ExecutableFix.RunAsync(before, TargetFramework.Net100);
        var linear = await ExecutableFix.RunAsync(after, TargetFramework.Net100);

        Assert.Equal("1;2;3;4;5;6;7;8;9;10", quadratic.Output);
        Assert.Equal(quadratic.Output, linear.Output);
        Assert.Equal(10, linear.MaxConcurrency);
    }
}
