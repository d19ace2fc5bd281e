using AsyncLint.Tests.Verifiers;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

public sealed class ASYNC101PositiveTests
{
    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public Task Result_Wait_and_GetResult_on_every_task_type(TargetFramework framework) => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");
            Task SaveAsync() => Task.CompletedTask;
            ValueTask<int> CountAsync() => new ValueTask<int>(Task.FromResult(1));
            ValueTask FlushAsync() => default;

            async Task RunAsync()
            {
                var text = {|ASYNC101:LoadAsync().Result|};
                {|ASYNC101:SaveAsync().Wait()|};
                var same = {|ASYNC101:LoadAsync().GetAwaiter().GetResult()|};
                var count = {|ASYNC101:CountAsync().Result|};
                {|ASYNC101:FlushAsync().GetAwaiter().GetResult()|};
                var n = {|ASYNC101:CountAsync().GetAwaiter().GetResult()|};
                var configured = {|ASYNC101:LoadAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
                {|ASYNC101:FlushAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
                await Task.Yield();
            }
        }
        """, framework);

    [Fact]
    public Task Wait_overloads_with_timeout_and_token() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task a, Task b, Task c, Task d, Task e, CancellationToken ct)
            {
                {|ASYNC101:a.Wait(ct)|};
                {|ASYNC101:b.Wait(1000)|};
                {|ASYNC101:c.Wait(TimeSpan.FromSeconds(1))|};
                {|ASYNC101:d.Wait(1000, ct)|};
                if ({|ASYNC101:e.Wait(Timeout.Infinite)|}) { }
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task A_blocking_read_before_the_await_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending)
            {
                var early = {|ASYNC101:pending.Result|};
                await pending;
                return early + pending.Result;
            }
        }
        """);

    [Fact]
    public Task Awaited_on_only_some_paths_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending, bool fast)
            {
                if (fast)
                {
                    await pending;
                }

                return {|ASYNC101:pending.Result|};
            }
        }
        """);

    [Fact]
    public Task Awaited_only_inside_a_try_is_not_known_in_its_catch() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending, Func<Task> before)
            {
                try
                {
                    await before();
                    await pending;
                }
                catch (InvalidOperationException)
                {
                    return {|ASYNC101:pending.Result|};
                }

                return pending.Result;
            }
        }
        """);

    [Fact]
    public Task Reassigned_after_the_await_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> NextAsync() => Task.FromResult(1);

            async Task<int> RunAsync()
            {
                var pending = NextAsync();
                await pending;
                pending = NextAsync();
                return {|ASYNC101:pending.Result|};
            }
        }
        """);

    [Fact]
    public Task Guard_on_another_task_does_not_cover_this_one() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> first, Task<int> second)
            {
                await Task.Yield();
                if (first.IsCompleted)
                {
                    return {|ASYNC101:second.Result|};
                }

                if (!first.IsCompleted)
                {
                    return {|ASYNC101:first.Result|};
                }

                return first.Result;
            }
        }
        """);

    [Fact]
    public Task WhenAll_over_other_tasks_does_not_cover_this_one() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c)
            {
                await Task.WhenAll(a, b);
                return a.Result + b.Result + {|ASYNC101:c.Result|};
            }
        }
        """);

    [Fact]
    public Task WhenAny_does_not_complete_every_argument() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b)
            {
                var first = await Task.WhenAny(a, b);
                return first.Result + {|ASYNC101:a.Result|};
            }
        }
        """);

    [Fact]
    public Task Race_of_three_or_the_wrong_comparison_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c)
            {
                var winner = await Task.WhenAny(a, b, c);
                if (winner != a)
                {
                    return {|ASYNC101:b.Result|};
                }

                var next = await Task.WhenAny(a, b);
                if (next == a)
                {
                    return {|ASYNC101:b.Result|};
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Task_added_after_the_WhenAll_or_replaced_before_it_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> RunAsync()
            {
                var a = LoadAsync(1);
                var list = new List<Task<int>>();
                await Task.WhenAll(list);
                list.Add(a);

                var b = LoadAsync(2);
                var tasks = new[] { b };
                tasks[0] = LoadAsync(3);
                await Task.WhenAll(tasks);

                var c = LoadAsync(4);
                var queue = new List<Task<int>> ();
                queue.Add(c);
                queue.Clear();
                await Task.WhenAll(queue);
                return {|ASYNC101:a.Result|} + {|ASYNC101:b.Result|} + {|ASYNC101:c.Result|};
            }
        }
        """);

    [Fact]
    public Task Collection_changed_after_WhenAll_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            Task<int> NextAsync() => Task.FromResult(1);

            async Task<int> RunAsync(List<Task<int>> tasks)
            {
                await Task.WhenAll(tasks);
                tasks.Add(NextAsync());
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += {|ASYNC101:task.Result|};
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Lazy_query_enumerated_again_after_WhenAll_starts_new_tasks() => VerifyCS.AnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> RunAsync(int[] ids)
            {
                var tasks = ids.Select(LoadAsync);
                await Task.WhenAll(tasks);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += {|ASYNC101:task.Result|};
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Async_lambda_and_local_function() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task RunAsync()
            {
                Func<Task<int>> load = async () => {|ASYNC101:LoadAsync().Result|};
                await Local();

                async Task Local()
                {
                    {|ASYNC101:LoadAsync().Wait()|};
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task Conditional_access_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int?> RunAsync(Task<int>? pending)
            {
                await Task.Yield();
                return {|ASYNC101:pending?.Result|};
            }
        }
        """);

    [Fact]
    public Task Top_level_program() => VerifyCS.ProgramAsync("""
        using System.Threading.Tasks;

        await Task.Yield();
        var value = {|ASYNC101:Task.Run(() => 42).Result|};
        System.Console.WriteLine(value);
        """);

    [Fact]
    public Task Loop_that_reassigns_the_task_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> NextAsync() => Task.FromResult(1);

            async Task<int> RunAsync()
            {
                var pending = NextAsync();
                await pending;
                var sum = 0;
                for (var i = 0; i < 3; i++)
                {
                    sum += {|ASYNC101:pending.Result|};
                    pending = NextAsync();
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Awaiting_an_extension_that_is_not_a_ConfigureAwait_shorthand_completes_nothing() => VerifyCS.AnalyzerAsync("""
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        static class AwaitExtensions
        {
            public static Task Logged(this Task task) => Task.CompletedTask;
            public static ConfiguredTaskAwaitable Either(this Task task, Task other) => other.ConfigureAwait(false);
        }

        class C
        {
            Task<int> CountAsync() => Task.FromResult(1);

            async Task<int> RunAsync()
            {
                var first = CountAsync();
                var second = CountAsync();
                await first.Logged();
                await first.Either(Task.CompletedTask);
                return {|ASYNC101:first.Result|} + {|ASYNC101:second.Result|};
            }
        }
        """);

    [Fact]
    public Task A_helper_that_may_return_before_the_task_completes_proves_nothing() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        sealed class Connection
        {
            public bool WaitAll(Task[] tasks, int milliseconds) => false;
            public void Wait(Task task, TimeSpan timeout) { }
            public Task<long> IncrementAsync(string key) => Task.FromResult(1L);
        }

        class C
        {
            async Task<long> RunAsync(Connection connection)
            {
                var first = connection.IncrementAsync("a");
                connection.WaitAll(new Task[] { first }, 100);
                var second = connection.IncrementAsync("b");
                connection.Wait(second, TimeSpan.FromSeconds(1));
                await Task.Yield();
                return {|ASYNC101:first.Result|} + {|ASYNC101:second.Result|};
            }
        }
        """);

    [Fact]
    public Task Awaited_in_an_earlier_statement_then_replaced_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task<int> ReassignedAsync()
            {
                var t = LoadAsync();
                await t;
                t = LoadAsync();
                return {|ASYNC101:t.Result|};
            }

            async Task<int> DeconstructedAsync()
            {
                var t = LoadAsync();
                var u = LoadAsync();
                await Task.WhenAll(t, u);
                (t, u) = (LoadAsync(), LoadAsync());
                return {|ASYNC101:t.Result|} + {|ASYNC101:u.Result|};
            }

            async Task<int> ReplacedThroughOutAsync()
            {
                var t = LoadAsync();
                await t;
                Replace(out t);
                return {|ASYNC101:t.Result|};
            }

            void Replace(out Task<int> task) => task = LoadAsync();
        }
        """);

    [Fact]
    public Task Awaited_only_on_some_paths_or_after_a_label_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task<int> ConditionalAsync(bool wait)
            {
                var t = LoadAsync();
                if (wait)
                {
                    await t;
                }

                return {|ASYNC101:t.Result|};
            }

            async Task<int> JumpedOverAsync(bool skip)
            {
                var t = LoadAsync();
                if (skip)
                {
                    goto read;
                }

                await t;
            read:
                return {|ASYNC101:t.Result|};
            }

            async Task<int> OtherTaskAwaitedAsync()
            {
                var t = LoadAsync();
                var other = LoadAsync();
                await Task.WhenAll(other, Task.Delay(1));
                return {|ASYNC101:t.Result|};
            }
        }
        """);

    [Fact]
    public Task Assertions_about_another_task_or_that_it_is_not_complete_prove_nothing() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        static class Assert
        {
            public static void True(bool condition) { }
            public static void False(bool condition) { }
        }

        class Tests
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task RunAsync()
            {
                var a = LoadAsync();
                var b = LoadAsync();
                await Task.Yield();
                Assert.True(b.IsCompleted);
                Assert.False(a.IsCompleted);
                System.Console.WriteLine({|ASYNC101:a.Result|});
            }

            async Task HelpersThatMayReturnAnotherTaskAsync()
            {
                var a = LoadAsync();
                var b = LoadAsync();
                await Task.Yield();
                Assert.True(Pick(a, b).IsCompleted);
                Assert.True(Replace(a).IsCompleted);
                System.Console.WriteLine({|ASYNC101:a.Result|});
            }

            // Not the same task handed back: it may return the other one, or a new one.
            static Task<T> Pick<T>(Task<T> first, Task<T> second) => first.IsCompleted ? first : second;

            static Task<T> Replace<T>(Task<T> task)
            {
                task = Task.FromResult(default(T));
                return task;
            }
        }
        """);

    [Fact]
    public Task A_batch_not_run_or_run_before_queuing_or_only_sometimes_completes_nothing() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IBatch
        {
            Task<long> IncrementAsync(string key);
            bool Execute();
            Task<bool> ExecuteAsync();
        }

        class Tests
        {
            async Task RunBeforeQueuingAsync(IBatch tran)
            {
                tran.Execute();
                var x = tran.IncrementAsync("a");
                System.Console.WriteLine({|ASYNC101:x.Result|});
                await Task.Yield();
            }

            async Task OtherBatchAsync(IBatch first, IBatch second)
            {
                var x = first.IncrementAsync("a");
                second.Execute();
                System.Console.WriteLine({|ASYNC101:x.Result|});
                await Task.Yield();
            }

            async Task SometimesAsync(IBatch tran, bool run)
            {
                var x = tran.IncrementAsync("a");
                var ok = run && tran.Execute();
                System.Console.WriteLine({|ASYNC101:x.Result|});
                await Task.Yield();
            }

            async Task StartedNotAwaitedAsync(IBatch tran)
            {
                var x = tran.IncrementAsync("a");
                _ = tran.ExecuteAsync();
                System.Console.WriteLine({|ASYNC101:x.Result|});
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Read_after_a_try_that_may_fail_before_awaiting() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class MetaIndexer
        {
            async Task<int> SearchAsync(Task<int> search, Func<Task> prepare)
            {
                try
                {
                    await prepare();
                    await search;
                }
                catch
                {
                    Console.Error.WriteLine("failed");
                }

                return {|ASYNC101:search.Result|};
            }
        }
        """);
}
