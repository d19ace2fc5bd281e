using AsyncLint.Tests.Verifiers;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC101BlockingTaskWaitCodeFix>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A synchronous lambda that runs where it is written (a LINQ query consumed in the same expression, List.ForEach) blocks
/// the async method around it: <c>urls.Select(u =&gt; Fetch(u).Result).ToList()</c> fetches one URL at a time on a blocked
/// thread. A deferred query, a continuation and work handed to the pool stay silent, and so does a query over tasks that
/// are already complete.
/// </summary>
public sealed class ASYNC101InPlaceLambdaTests
{
    [Fact]
    public Task Result_inside_a_query_consumed_in_place_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<string> FetchAsync(string url) => Task.FromResult(url);

            async Task<List<string>> ToListAsync(string[] urls)
            {
                await Task.Yield();
                return urls.Select(u => {|ASYNC101:FetchAsync(u).Result|}).ToList();
            }

            async Task<int> SumAsync(string[] urls)
            {
                await Task.Yield();
                return urls.Sum(u => {|ASYNC101:FetchAsync(u).Result|}.Length);
            }

            async Task ForEachAsync(List<string> urls)
            {
                await Task.Yield();
                urls.ForEach(u => Console.WriteLine({|ASYNC101:FetchAsync(u).Result|}));
                Array.ForEach(urls.ToArray(), u => {|ASYNC101:FetchAsync(u).Wait()|});
            }

            async Task<string> JoinAsync(List<Task<string>> pending)
            {
                await Task.Yield();
                var count = 0;
                foreach (var text in pending.Select(t => {|ASYNC101:t.Result|}))
                {
                    count += text.Length;
                }

                return string.Join(",", pending.Select(t => {|ASYNC101:t.Result|})) + count;
            }

            async Task<List<string>> QuerySyntaxAsync(List<Task<string>> pending)
            {
                await Task.Yield();
                return (from t in pending where t != null select {|ASYNC101:t.Result|}).ToList();
            }

            async Task<List<string>> SpreadAsync(List<Task<string>> pending)
            {
                await Task.Yield();
                List<string> texts = [.. pending.Select(t => {|ASYNC101:t.Result|})];
                return texts;
            }
        }
        """);

    [Fact]
    public Task The_message_names_the_async_method_around_the_lambda() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>
    {
        TestCode = """
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                Task<int> LoadAsync(int id) => Task.FromResult(id);

                async Task<int[]> LoadAllAsync(int[] ids)
                {
                    await Task.Yield();
                    return ids.Select(id => LoadAsync(id).Result).ToArray();
                }
            }
            """,
        ExpectedDiagnostics =
        {
            VerifyCS.Diagnostic("ASYNC101").WithSpan(11, 33, 11, 53).WithArguments("Task<T>.Result", "method 'LoadAllAsync'", "await"),
        },
    }.RunAsync();

    [Fact]
    public Task A_query_over_tasks_already_complete_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        record Job(string Name, Task<int> Work);

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> AfterWhenAllAsync(int[] ids, List<Job> jobs, Dictionary<string, Task<int>> byName)
            {
                var tasks = ids.Select(LoadAsync).ToList();
                await Task.WhenAll(tasks).ConfigureAwait(false);
                var values = tasks.Select(t => t.Result).ToList();
                var total = tasks.Sum(t => t.Result) + tasks.OrderBy(t => t.Result).First().Result;
                tasks.ForEach(t => Console.WriteLine(t.Result));
                var text = string.Join(",", from t in tasks select t.Result);
                List<int> spread = [.. tasks.Select(t => t.Result)];

                await Task.WhenAll(jobs.Select(j => j.Work));
                total += jobs.Sum(j => j.Work.Result);

                await Task.WhenAll(byName.Values);
                var map = byName.ToDictionary(p => p.Key, p => p.Value.Result);

                var one = LoadAsync(0);
                await one;
                total += ids.Select(i => i + one.Result).Sum();
                return total + values.Count + map.Count + text.Length + spread.Count;
            }

            async Task<int[]> FilteredAsync(List<Task<int>> tasks)
            {
                await Task.Yield();
                return tasks.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToArray();
            }
        }
        """);

    [Fact]
    public Task A_lambda_that_runs_later_or_elsewhere_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<IEnumerable<int>> DeferredAsync(List<Task<int>> tasks)
            {
                await Task.Yield();
                var query = tasks.Select(t => t.Result);
                return query;
            }

            async Task<List<int>> ContinuationAsync(List<Task<int>> tasks)
                => await Task.WhenAll(tasks).ContinueWith(_ => tasks.Select(t => t.Result).ToList());

            async Task<List<int>> OnThePoolAsync(int[] ids)
                => await Task.Run(() => ids.Select(id => LoadAsync(id).Result).ToList());

            async Task<List<int>> ParallelAsync(List<Task<int>> tasks)
            {
                await Task.Yield();
                return tasks.AsParallel().Select(t => t.Result).ToList();
            }

            List<int> Synchronous(List<Task<int>> tasks) => tasks.Select(t => t.Result).ToList();
        }
        """);

    [Fact]
    public Task The_look_alikes_without_the_completion_proof_are_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        record Job(string Name, Task<int> Work);

        class C
        {
            async Task<int> NotAwaitedAsync(List<Task<int>> tasks, List<Job> jobs, List<Task<int>> others)
            {
                await Task.WhenAll(others);
                var total = tasks.Sum(t => {|ASYNC101:t.Result|});
                total += jobs.Sum(j => {|ASYNC101:j.Work.Result|});
                return total + tasks.Where(t => t.Id > 0).Select(t => {|ASYNC101:t.Result|}).Sum();
            }
        }
        """);

    [Fact]
    public Task No_fix_inside_the_synchronous_lambda() => VerifyFix.NoCodeFixAsync("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int[]> LoadAllAsync(int[] ids)
            {
                await Task.Yield();
                return ids.Select(id => {|ASYNC101:LoadAsync(id).Result|}).ToArray();
            }
        }
        """);
}
