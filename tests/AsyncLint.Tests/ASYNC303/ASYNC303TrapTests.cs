using AsyncLint.Tests.Verifiers;
using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC303QuadraticWhenAnyLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC303;

public sealed class ASYNC303TrapTests
{
    private const string Loop = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<Task<int>> tasks)
            {
                while (tasks.Count > 0)
                {
                    var t = await Task.WhenAny(tasks);
                    tasks.Remove(t);
                    Console.WriteLine(await t);
                }
            }
        }
        """;

    [Fact]
    public Task Silent_before_Net9_where_there_is_no_WhenEach() => Verify.AnalyzerAsync(Loop, TargetFramework.Net80);

    [Fact]
    public Task Work_queue_that_adds_tasks_inside_the_loop() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task CrawlAsync(List<Task<string[]>> tasks, System.Func<string, Task<string[]>> fetch)
            {
                while (tasks.Count > 0)
                {
                    var t = await Task.WhenAny(tasks);
                    tasks.Remove(t);
                    foreach (var link in await t) tasks.Add(fetch(link));
                }
            }
        }
        """);

    [Fact]
    public Task WhenAny_without_Remove_is_a_timeout_race() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> RaceAsync(List<Task> tasks)
            {
                while (tasks.Count > 0)
                {
                    var t = await Task.WhenAny(tasks);
                    if (t.IsFaulted) return false;
                    break;
                }

                return true;
            }
        }
        """);

    [Fact]
    public Task Single_WhenAny_outside_a_loop() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<Task> FirstAsync(List<Task> tasks)
            {
                var t = await Task.WhenAny(tasks);
                tasks.Remove(t);
                return t;
            }
        }
        """);

    [Fact]
    public Task Loop_condition_that_is_not_the_list_being_drained() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<Task> tasks, int budget)
            {
                while (budget > 0)
                {
                    var t = await Task.WhenAny(tasks);
                    tasks.Remove(t);
                    budget--;
                }
            }
        }
        """);
}
