using AsyncLint.CodeFixes.FanOut;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC303QuadraticWhenAnyLoopAnalyzer, AsyncLint.CodeFixes.FanOut.ASYNC303QuadraticWhenAnyLoopCodeFix>;

namespace AsyncLint.Tests.ASYNC303;

public sealed class ASYNC303CodeFixTests
{
    [Fact]
    public Task WhenAny_loop_becomes_await_foreach_over_WhenEach() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(IEnumerable<Task<int>> work)
            {
                var tasks = new List<Task<int>>(work);
                while (tasks.Count > 0)
                {
                    var t = await {|ASYNC303:Task.WhenAny(tasks)|};
                    tasks.Remove(t);
                    Console.WriteLine(await t);
                }
            }
        }
        """, """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(IEnumerable<Task<int>> work)
            {
                var tasks = new List<Task<int>>(work);
                await foreach (var t in Task.WhenEach(tasks))
                {
                    Console.WriteLine(await t);
                }
            }
        }
        """, ASYNC303QuadraticWhenAnyLoopCodeFix.WhenEachKey);

    [Fact]
    public Task FixAll_keeps_explicit_types_and_ConfigureAwait() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(IEnumerable<Task<int>> work, IEnumerable<Task> more)
            {
                var tasks = work.ToList();
                var other = more.ToList();
                var sum = 0;
                while (tasks.Any())
                {
                    Task<int> finished = await {|ASYNC303:Task.WhenAny(tasks)|}.ConfigureAwait(false);
                    tasks.Remove(finished);
                    sum += await finished.ConfigureAwait(false);
                }

                while (other.Count != 0)
                {
                    var t = await {|ASYNC303:Task.WhenAny(other)|}.ConfigureAwait(false);
                    other.Remove(t);
                }

                return sum;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(IEnumerable<Task<int>> work, IEnumerable<Task> more)
            {
                var tasks = work.ToList();
                var other = more.ToList();
                var sum = 0;
                await foreach (Task<int> finished in Task.WhenEach(tasks).ConfigureAwait(false))
                {
                    sum += await finished.ConfigureAwait(false);
                }

                await foreach (var t in Task.WhenEach(other).ConfigureAwait(false))
                {
                }

                return sum;
            }
        }
        """, ASYNC303QuadraticWhenAnyLoopCodeFix.WhenEachKey);

    [Fact]
    public Task No_fix_when_the_list_belongs_to_the_caller() => VerifyFix.NoCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<Task<int>> tasks)
            {
                while (tasks.Count > 0)
                {
                    var t = await {|ASYNC303:Task.WhenAny(tasks)|};
                    tasks.Remove(t);
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_when_the_list_is_read_after_the_loop() => VerifyFix.NoCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(IEnumerable<Task<int>> work)
            {
                var tasks = new List<Task<int>>(work);
                while (tasks.Count > 0)
                {
                    var t = await {|ASYNC303:Task.WhenAny(tasks)|};
                    tasks.Remove(t);
                    if (await t < 0) break;
                }

                return tasks.Count;
            }
        }
        """);
}
