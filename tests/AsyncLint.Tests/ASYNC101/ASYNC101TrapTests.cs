using AsyncLint.Tests.Verifiers;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>Code that looks like a blocking wait and is not: one test per silent case.</summary>
public sealed class ASYNC101TrapTests
{
    [Fact]
    public Task Synchronous_method_is_not_an_async_context() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            int Run(Task<int> pending) => pending.Result;
            void Block(Task pending) => pending.Wait();
        }
        """);

    [Fact]
    public Task Non_async_lambda_inside_async_method() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task<int> pending)
            {
                Func<int> read = () => pending.Result;
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Lambda_handed_to_Task_Run() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task<int> RunAsync() => await Task.Run(async () => LoadAsync().Result);
        }
        """);

    [Fact]
    public Task Awaited_earlier_on_every_path() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending)
            {
                await pending;
                Log("done");
                pending.Wait();
                return pending.Result + pending.GetAwaiter().GetResult();
            }

            static void Log(string message) { }
        }
        """);

    [Fact]
    public Task Awaited_with_ConfigureAwait_or_WaitAsync() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b)
            {
                await a.ConfigureAwait(false);
                await b.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                return a.Result + b.Result;
            }
        }
        """);

    [Fact]
    public Task Awaited_on_both_branches() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending, bool fast)
            {
                if (fast)
                {
                    await pending;
                }
                else
                {
                    await pending.ConfigureAwait(false);
                }

                return pending.Result;
            }
        }
        """);

    [Fact]
    public Task Fan_out_fix_shape_WhenAll_then_Result_or_await() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> AAsync() => Task.FromResult(1);
            Task<string> BAsync() => Task.FromResult("b");

            async Task<string> RunAsync()
            {
                var t1 = AAsync();
                var t2 = BAsync();
                await Task.WhenAll(t1, t2);
                var a = t1.Result;
                var b = await t2;
                return a + b + t2.Result;
            }
        }
        """);

    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public Task WhenAll_over_a_list_then_foreach_index_and_linq(TargetFramework framework) => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> RunAsync(int[] ids)
            {
                var tasks = new List<Task<int>>();
                foreach (var id in ids)
                {
                    tasks.Add(LoadAsync(id));
                }

                await Task.WhenAll(tasks).ConfigureAwait(false);
                var sum = 0;
                foreach (var task in tasks)
                {
                    sum += task.Result;
                }

                for (var i = 0; i < tasks.Count; i++)
                {
                    sum += tasks[i].Result;
                }

                sum += tasks.Select(t => t.Result).Sum();
                return sum + tasks.First().Result;
            }
        }
        """, framework);

    [Fact]
    public Task Tasks_put_in_an_array_or_list_then_WhenAll_over_it() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> RunAsync()
            {
                var a = LoadAsync(1);
                var b = LoadAsync(2);
                var tasks = new[] { a, b };
                await Task.WhenAll(tasks);

                var c = LoadAsync(3);
                Task<int>[] literal = [c];
                await Task.WhenAll(literal).ConfigureAwait(false);

                var d = LoadAsync(4);
                var list = new List<Task>();
                list.Add(d);
                await Task.WhenAll(list);
                return a.Result + b.Result + c.Result + d.Result;
            }
        }
        """);

    [Fact]
    public Task WhenAll_over_a_materialized_query_array() => VerifyCS.AnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<int> RunAsync(int[] ids)
            {
                var tasks = ids.Select(LoadAsync).ToArray();
                await Task.WhenAll(tasks);
                return tasks[0].Result + tasks.Sum(t => t.Result);
            }
        }
        """);

    [Fact]
    public Task WhenAll_with_an_array_literal_or_collection_expression() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b, Task<int> c, Task<int> d)
            {
                await Task.WhenAll(new[] { a, b });
                await Task.WhenAll([c, d]);
                return a.Result + b.Result + c.Result + d.Result;
            }
        }
        """);

    [Fact]
    public Task What_was_known_before_a_try_survives_its_catch_and_finally() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b, Func<Task> step)
            {
                await Task.WhenAll(a, b);
                try
                {
                    await step();
                }
                catch (InvalidOperationException)
                {
                    Console.WriteLine(a.Result);
                }
                finally
                {
                    Console.WriteLine(b.Result);
                }

                return a.Result + b.Result;
            }
        }
        """);

    [Fact]
    public Task WhenAll_kept_in_a_local_then_awaited_in_a_try() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b)
            {
                var all = Task.WhenAll(a, b);
                try
                {
                    await all;
                }
                catch (Exception)
                {
                    Console.WriteLine(all.Exception);
                    throw;
                }

                return a.Result + b.Result;
            }
        }
        """);

    [Fact]
    public Task Awaited_inside_using_and_loop_bodies_before_the_read() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            private readonly Dictionary<string, Task<int>> pending = new();

            async Task<int> RunAsync(Task<int> a, Stream stream)
            {
                using (stream)
                {
                    await a;
                }

                await using (var copy = new MemoryStream())
                {
                    await Task.WhenAll(pending.Values);
                }

                var sum = a.Result;
                foreach (var task in pending.Values)
                {
                    sum += task.Result;
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Switch_expression_on_Status() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending)
            {
                await Task.Yield();
                return pending.Status switch
                {
                    TaskStatus.RanToCompletion => pending.Result,
                    _ => await pending,
                };
            }
        }
        """);

    [Fact]
    public Task Task_returned_by_awaited_WhenAny_is_complete() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b)
            {
                var done = await Task.WhenAny(a, b);
                var first = (await Task.WhenAny(a, b).ConfigureAwait(false)).Result;
                return done.Result + first;
            }
        }
        """);

    [Fact]
    public Task WhenAny_against_a_delay_compared_with_the_task() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> work)
            {
                if (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1))) == work)
                {
                    return work.Result;
                }

                if (work != await Task.WhenAny(work, Task.Delay(100)))
                {
                    return -1;
                }

                return work.Result;
            }
        }
        """);

    [Fact]
    public Task Two_task_race_whose_winner_is_not_the_other() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task<byte[]> ReceiveAsync() => Task.FromResult(new byte[0]);

            async Task RunAsync(CancellationToken cancelToken)
            {
                var closeTask = Task.Delay(-1, cancelToken);
                while (!cancelToken.IsCancellationRequested)
                {
                    var receiveTask = ReceiveAsync();
                    var task = await Task.WhenAny(closeTask, receiveTask).ConfigureAwait(false);
                    if (task == closeTask)
                        break;

                    var result = receiveTask.Result;
                }

                var other = ReceiveAsync();
                if (await Task.WhenAny(other, closeTask) != closeTask)
                {
                    _ = other.Result;
                }
            }
        }
        """);

    [Fact]
    public Task Pattern_variable_of_an_awaited_task() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task RespondAsync() => Task.FromResult("ok");

            async Task<string?> RunAsync()
            {
                var task = RespondAsync();
                await task;
                if (task is Task<string> text)
                {
                    return text.Result;
                }

                var typed = task as Task<string>;
                return typed?.Result;
            }
        }
        """);

    [Fact]
    public Task WhenEach_yields_completed_tasks() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(List<Task<int>> tasks)
            {
                var sum = 0;
                await foreach (var task in Task.WhenEach(tasks))
                {
                    sum += task.Result;
                }

                await foreach (var task in Task.WhenEach(tasks).ConfigureAwait(false))
                {
                    sum += task.GetAwaiter().GetResult();
                }

                return sum;
            }
        }
        """);

    [Fact]
    public Task Guarded_by_IsCompleted_in_if_else_if_and_ternary() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b, bool flag)
            {
                if (a.IsCompleted)
                {
                    return a.Result;
                }
                else if (b.IsCompletedSuccessfully)
                {
                    return b.Result;
                }

                var x = a.IsCompleted ? a.Result : await a;
                var y = flag && b.IsCompleted && b.Result > 0 ? 1 : 0;
                return x + y;
            }
        }
        """);

    [Fact]
    public Task Guarded_by_IsFaulted_IsCanceled_and_Status() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task<int> a, Task b, Task<int> c, Task<int> d)
            {
                await Task.Yield();
                if (a.IsFaulted || a.IsCanceled)
                {
                    a.Wait();
                }

                if (b.Status == TaskStatus.RanToCompletion)
                {
                    b.GetAwaiter().GetResult();
                }

                if (c.Status is TaskStatus.RanToCompletion or TaskStatus.Faulted)
                {
                    _ = c.Result;
                }

                switch (d.Status)
                {
                    case TaskStatus.RanToCompletion:
                        _ = d.Result;
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task Guarded_by_early_return_and_while_loop() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> a, Task<int> b)
            {
                if (!a.IsCompleted)
                {
                    return -1;
                }

                while (!b.IsCompleted)
                {
                    await Task.Delay(10);
                }

                return a.Result + b.Result;
            }
        }
        """);

    [Fact]
    public Task Fast_path_on_a_ValueTask_and_property_patterns() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            ValueTask<int> ReadAsync() => new ValueTask<int>(1);

            async ValueTask<int> RunAsync(Task<int> other)
            {
                var pending = ReadAsync();
                if (pending.IsCompletedSuccessfully)
                {
                    return pending.Result;
                }

                if (other is { IsCompleted: true })
                {
                    return other.Result;
                }

                return await pending;
            }
        }
        """);

    [Fact]
    public Task Guarded_field_and_member_chain() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            private Task<int> loading = Task.FromResult(0);
            private readonly TaskCompletionSource<int> ready = new();

            async Task<int> RunAsync()
            {
                await Task.Yield();
                if (loading.IsCompleted)
                {
                    return loading.Result;
                }

                if (this.ready.Task.IsCompleted)
                {
                    return ready.Task.Result;
                }

                return 0;
            }
        }
        """);

    [Fact]
    public Task Completed_by_construction() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(bool flag)
            {
                await Task.Yield();
                Task.CompletedTask.Wait();
                var a = Task.FromResult(1).Result;
                var b = new ValueTask<int>(2).Result;
                var cached = Task.FromResult(3);
                var c = cached.Result;
                ValueTask<int> vt = default;
                var d = vt.GetAwaiter().GetResult();
                ValueTask.CompletedTask.GetAwaiter().GetResult();
                var e = ValueTask.FromResult(4).Result;
                var picked = flag ? Task.FromResult(5) : Task.FromResult(6);
                return a + b + c + d + e + picked.Result;
            }
        }
        """);

    [Fact]
    public Task Continuation_antecedent_is_complete() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending, Task<int>[] all)
            {
                var doubled = await pending.ContinueWith(t => t.Result * 2);
                var viaAsync = await await pending.ContinueWith(async t => { await Task.Yield(); return t.Result; });
                var sum = await await Task.Factory.ContinueWhenAll(all, async done => { await Task.Yield(); return done[0].Result; });
                return doubled + viaAsync + sum;
            }
        }
        """);

    [Fact]
    public Task Deliberate_dual_code_path() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> ReadAsync() => Task.FromResult(1);

            async Task<int> ReadCoreAsync(bool async)
            {
                var n = async ? await ReadAsync() : ReadAsync().Result;
                if (async)
                {
                    await ReadAsync();
                }
                else
                {
                    ReadAsync().Wait();
                }

                return n;
            }
        }
        """);

    [Fact]
    public Task Zero_timeout_probe_never_blocks() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending)
            {
                await Task.Yield();
                if (pending.Wait(0))
                {
                    return pending.Result;
                }

                return pending.Wait(TimeSpan.Zero) ? 1 : 0;
            }
        }
        """);

    [Fact]
    public Task Short_timed_wait_whose_result_is_checked_is_a_probe() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        static class Check
        {
            public static void IsFalse(this bool value) { if (value) throw new Exception("still pending expected"); }
        }

        class C
        {
            async Task StillPendingAsync(Task<int> pending, CancellationToken ct)
            {
                await Task.Yield();
                pending.Wait(20, ct).IsFalse();
                pending.Wait(TimeSpan.FromMilliseconds(10)).IsFalse();
                if (!pending.Wait(new TimeSpan(5000)))
                {
                    Console.WriteLine("not yet");
                }
            }
        }
        """);

    [Fact]
    public Task Timed_waits_that_block_are_still_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(20);

            async Task<bool> RunAsync(Task a, Task b, Task c, Task d, Task e, Task f)
            {
                await Task.Yield();
                {|ASYNC101:a.Wait(20)|};
                _ = {|ASYNC101:b.Wait(TimeSpan.FromMilliseconds(20))|};
                var slow = {|ASYNC101:c.Wait(TimeSpan.FromSeconds(1))|};
                var unknown = {|ASYNC101:d.Wait(Patience)|};
                return slow | unknown | {|ASYNC101:e.Wait(-1)|} | {|ASYNC101:f.Wait(51)|};
            }
        }
        """);

    [Fact]
    public Task Guarded_read_in_a_local_function_declared_inside_a_try_of_its_method() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Collector
        {
            public Task<int> SumAsync(IEnumerator<Task<int>> parts)
            {
                var total = 0;
                var owned = true;
                try
                {
                    async Task<int> Finish(Task<int> pending)
                    {
                        try
                        {
                            total += pending.Status == TaskStatus.RanToCompletion ? pending.Result : await pending;
                            return total;
                        }
                        finally
                        {
                            parts.Dispose();
                        }
                    }

                    while (parts.MoveNext())
                    {
                        var part = parts.Current;
                        if (part is null)
                        {
                            continue;
                        }

                        if (part.IsCanceled)
                        {
                            break;
                        }

                        if (part.Status == TaskStatus.RanToCompletion)
                        {
                            total += part.Result;
                        }
                        else if (part.IsFaulted)
                        {
                            total -= 1;
                        }
                        else
                        {
                            owned = false;
                            return Finish(part);
                        }
                    }
                }
                finally
                {
                    if (owned)
                    {
                        parts.Dispose();
                    }
                }

                return Task.FromResult(total);
            }
        }
        """);

    [Fact]
    public Task Read_after_awaiting_a_project_timeout_helper() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        static class TaskTimeouts
        {
            public static async Task WithTimeout(this Task task, int milliseconds = Timeout.Infinite)
            {
                if (milliseconds == Timeout.Infinite)
                {
                    await task.ConfigureAwait(false);
                    return;
                }

                var winner = await Task.WhenAny(task, Task.Delay(milliseconds)).ConfigureAwait(false);
                if (winner != task)
                {
                    throw new TimeoutException();
                }

                await task.ConfigureAwait(false);
            }

            public static async Task GiveUpAfter(this Task task, int milliseconds)
            {
                var winner = await Task.WhenAny(task, Task.Delay(milliseconds));
                if (winner == task)
                {
                    await task;
                }
            }
        }

        class Metadata
        {
            async Task<int> RefreshAsync(Task<int> hosts, Task<int> peers, Task<int> keyspaces)
            {
                await Task.WhenAll(hosts, peers).WithTimeout(1000);
                await keyspaces.WithTimeout();
                return hosts.Result + peers.Result + keyspaces.Result;
            }

            async Task<int> MaybeAsync(Task<int> hosts)
            {
                await hosts.GiveUpAfter(1000);
                return {|ASYNC101:hosts.Result|};
            }
        }
        """);

    [Fact]
    public Task Already_blocked_on_is_reported_once() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Task<int> pending)
            {
                {|ASYNC101:pending.Wait()|};
                await Task.Yield();
                return pending.Result;
            }
        }
        """);

    [Fact]
    public Task Nameof_Result_is_not_a_read() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> RunAsync(Task<int> pending)
            {
                await Task.Yield();
                return nameof(pending.Result);
            }
        }
        """);

    [Fact]
    public Task Result_of_a_non_task_type_is_not_a_task_wait() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Response { public int Result { get; set; } public void Wait() { } }

        class C
        {
            async Task<int> RunAsync(Response response)
            {
                await Task.Yield();
                response.Wait();
                return response.Result;
            }
        }
        """);

    [Fact]
    public Task WhenAll_awaited_through_a_project_ConfigureAwait_shorthand() => VerifyCS.AnalyzerAsync("""
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        static class AwaitExtensions
        {
            public static ConfiguredTaskAwaitable NoContext(this Task task) => task.ConfigureAwait(false);
            public static ConfiguredValueTaskAwaitable<T> NoContext<T>(this ValueTask<T> task) => task.ConfigureAwait(false);
        }

        class C
        {
            Task<int> CountAsync(int shard) => Task.FromResult(shard);

            async Task<int> TotalAsync()
            {
                var parts = new Task<int>[3];
                for (var i = 0; i < parts.Length; i++)
                {
                    parts[i] = CountAsync(i);
                }

                await Task.WhenAll(parts).NoContext();
                var first = CountAsync(10);
                var second = CountAsync(20);
                await Task.WhenAll(first, second).NoContext();
                return parts[0].Result + parts[parts.Length - 1].Result + first.Result + second.Result;
            }

            async Task<int> SingleAsync(Task<int> pending)
            {
                await ((Task)pending).NoContext();
                return pending.Result;
            }
        }
        """);

    [Fact]
    public Task Task_added_to_a_list_that_an_awaited_WhenAll_copies() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            Task<string[]> MembersAsync(string key) => Task.FromResult(new[] { key });
            Task TouchAsync(string key) => Task.CompletedTask;

            async Task<int> RunAsync(string key)
            {
                var pending = new List<Task>();
                pending.Add(TouchAsync(key));
                var members = MembersAsync(key);
                pending.Add(members);
                await Task.WhenAll(pending.ToArray());
                return members.Result.Length;
            }
        }
        """);

    [Fact]
    public Task Read_after_a_project_wait_helper_that_throws_on_timeout() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        sealed class Connection
        {
            public void WaitAll(params Task[] tasks) { }
            public T Wait<T>(Task<T> task) => default!;
            public Task<long> IncrementAsync(string key) => Task.FromResult(1L);
        }

        class C
        {
            async Task<long> RunAsync(Connection connection)
            {
                var counts = new Task<long>[2];
                counts[0] = connection.IncrementAsync("a");
                counts[1] = connection.IncrementAsync("b");
                connection.WaitAll(counts);
                var first = connection.IncrementAsync("c");
                var second = connection.IncrementAsync("d");
                connection.WaitAll(first, second);
                var third = connection.IncrementAsync("e");
                var value = connection.Wait(third);
                await Task.Yield();
                return counts[0].Result + counts[1].Result + first.Result + second.Result + third.Result + value;
            }
        }
        """);

    [Fact]
    public Task Very_deep_expression_does_not_overflow_the_stack()
    {
        var sum = string.Join(" + ", Enumerable.Repeat("part", 3000));
        return VerifyCS.AnalyzerAsync($$"""
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> pending, string part)
                {
                    await pending;
                    var text = {{sum}};
                    return text.Length + pending.Result;
                }
            }
            """);
    }

    [Fact]
    public Task Result_after_the_task_ran_synchronously() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class AuditLog
        {
            public async Task<int> CountAsync(Task<int> pending)
            {
                await Task.Yield();
                var entries = new Task<int>(() => 3);
                entries.RunSynchronously();
                var other = new Task<int>(() => 4);
                other.Start();
                return entries.Result + {|ASYNC101:other.Result|} + {|ASYNC101:pending.Result|};
            }
        }
        """);

    [Fact]
    public Task Half_typed_code_does_not_throw() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>
    {
        TestCode = """
            using System.Threading.Tasks;

            class C
            {
                async Task<int> RunAsync(Task<int> pending)
                {
                    var x = {|CS0103:missing|}.Result;
                    {|CS0103:unknown|}.Wait();
                    var y = {|ASYNC101:pending.Result|}.{|CS1061:Nope|};
                    await {|CS0103:Nothing|}();
                    if ({|CS0103:other|}.IsCompleted) { return pending.{|CS1061:Reslt|}; }
                    return pending.GetAwaiter().{|CS1061:GetResul|}();
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Awaited_by_an_earlier_statement_of_the_same_block() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task<int> RunAsync(bool log)
            {
                var a = LoadAsync();
                var b = LoadAsync();
                var c = LoadAsync();
                var first = await a.ConfigureAwait(false);
                await Task.WhenAll(new[] { b, c });
                if (log)
                {
                    System.Console.WriteLine(a.Result + b.Result);
                }

                return first + a.Result + b.GetAwaiter().GetResult() + c.Result;
            }
        }
        """);

    [Fact]
    public Task Read_after_an_assertion_that_the_task_is_complete() => VerifyCS.AnalyzerAsync("""
        using System.Diagnostics;
        using System.Threading.Tasks;

        static class Assert
        {
            public static void True(bool condition, string message = null) { if (!condition) throw new System.Exception(message); }
            public static void False(bool condition) { if (condition) throw new System.Exception(); }
        }

        class Tests
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task AssertedAsync()
            {
                var a = LoadAsync();
                var b = LoadAsync();
                await Task.Delay(10);
                Assert.True(a.IsCompleted, a.Status.ToString());
                Debug.Assert(b.IsCompletedSuccessfully);
                System.Console.WriteLine(a.Result + b.Result);
            }

            async Task AssertedThroughAHelperThatHandsTheTaskBackAsync()
            {
                var a = LoadAsync();
                await Task.Yield();
                Assert.True(QuickWait(a).IsCompleted);
                Assert.False(!Echo(a).IsCompleted);
                System.Console.WriteLine(a.Result);
            }

            static Task<T> QuickWait<T>(Task<T> task)
            {
                if (!task.IsCompleted)
                {
                    try { task.Wait(200); } catch { }
                }

                return task;
            }

            static Task<T> Echo<T>(Task<T> task) => task;
        }
        """);

    [Fact]
    public Task Tasks_queued_on_a_batch_read_after_the_batch_ran_synchronously() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IBatch
        {
            Task<long> IncrementAsync(string key);
            bool Execute();
        }

        static class Check
        {
            public static void True(bool value) { }
        }

        class Tests
        {
            async Task TransactionAsync(IBatch tran)
            {
                var x = tran.IncrementAsync("a");
                var y = tran.IncrementAsync("b");
                Check.True(tran.Execute());
                System.Console.WriteLine(x.Result + y.Result);
                await Task.Yield();
            }

            async Task BatchAsync(System.Func<IBatch> create)
            {
                var batch = create();
                var hits = batch.IncrementAsync("hits");
                batch.Execute();
                await Task.Yield();
                System.Console.WriteLine(hits.Result);
            }
        }
        """);

    [Fact]
    public Task A_task_in_a_concatenation_given_to_an_awaited_WhenAll_is_complete() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class FrameManager
        {
            async Task<int> AttachAsync(Task<int> first, Task<int> second, IEnumerable<Task> more)
            {
                await Task.WhenAll(new Task[] { first }.Concat(more));
                await Task.WhenAll(more.Append(second));
                return first.Result + second.Result;
            }
        }
        """);

    [Fact]
    public Task Read_after_a_try_that_awaits_the_task_first() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        class MetaIndexer
        {
            async Task<int> SearchAsync(Task<int[]>[] searches)
            {
                var all = Task.WhenAll(searches);
                try
                {
                    await all;
                }
                catch
                {
                    Console.Error.WriteLine(all.Exception);
                }

                return all.Result.Sum(r => r.Length);
            }
        }
        """);

    [Fact]
    public Task A_promise_just_completed_has_a_complete_task() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class EndpointWriter
        {
            async Task<bool> WriteAsync(Task work)
            {
                var tcs = new TaskCompletionSource<bool>();
                _ = work.ContinueWith(_ => tcs.TrySetResult(true));
                await Task.WhenAny(tcs.Task, Task.Delay(100));

                // Either set already or set now: complete past this line.
                tcs.TrySetResult(false);
                if (tcs.Task.Result)
                {
                    return true;
                }

                var other = new TaskCompletionSource<bool>();
                _ = work.ContinueWith(_ => other.TrySetResult(true));
                await Task.WhenAny(other.Task, Task.Delay(100));
                return {|ASYNC101:other.Task.Result|};
            }
        }
        """);
}
