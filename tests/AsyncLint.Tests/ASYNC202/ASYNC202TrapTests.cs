using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>Task locals that are observed one way or another: no ASYNC202 anywhere here.</summary>
public sealed class ASYNC202TrapTests
{
    private const string Repository = """

        class Repository
        {
            public System.Threading.Tasks.Task SaveAsync() => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task<int> CountAsync() => System.Threading.Tasks.Task.FromResult(1);
        }
        """;

    [Fact]
    public Task Awaited_later() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var save = repo.SaveAsync();
                var count = repo.CountAsync();
                await save;
                return await count.ConfigureAwait(false);
            }
        }
        """ + Repository);

    [Fact]
    public Task Returned() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task RunAsync(Repository repo)
            {
                var save = repo.SaveAsync();
                return save;
            }
        }
        """ + Repository);

    [Fact]
    public Task Passed_to_Task_WhenAll() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var a = repo.SaveAsync();
                var b = repo.CountAsync();
                await Task.WhenAll(a, b);
            }
        }
        """ + Repository);

    [Fact]
    public Task Stored_in_a_field_a_list_an_array_or_a_tuple() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            private Task background;
            private readonly List<Task> pending = new List<Task>();

            async Task RunAsync(Repository repo)
            {
                var a = repo.SaveAsync();
                background = a;
                var b = repo.SaveAsync();
                pending.Add(b);
                var c = repo.SaveAsync();
                var array = new[] { c };
                var d = repo.CountAsync();
                var pair = (d, 1);
                await Task.WhenAll(pending);
            }
        }
        """ + Repository);

    [Fact]
    public Task Captured_by_a_lambda_or_local_function() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> Run(Repository repo)
            {
                var a = repo.SaveAsync();
                var b = repo.SaveAsync();
                Func<Task> waitB = () => b;
                return async () =>
                {
                    await a;
                    await Local();
                };

                Task Local() => b;
            }
        }
        """ + Repository);

    [Fact]
    public Task Assigned_to_another_variable_or_an_out_parameter() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo, out Task started)
            {
                var a = repo.SaveAsync();
                started = a;
                var b = repo.SaveAsync();
                Task alias = b;
                _ = alias;
            }
        }
        """ + Repository);

    [Fact]
    public Task Continuations_blocking_waits_and_status_reads_observe_it() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo)
            {
                var a = repo.SaveAsync();
                a.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                var b = repo.CountAsync();
                Console.WriteLine(b.Result);
                var c = repo.SaveAsync();
                c.Wait();
                var d = repo.SaveAsync();
                d.GetAwaiter().GetResult();
                var e = repo.SaveAsync();
                if (e.IsCompleted) { }
                var f = repo.SaveAsync();
                Console.WriteLine(f.Status);
            }
        }
        """ + Repository);

    [Fact]
    public Task Completed_tasks_and_tasks_not_started_here() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run(TaskCompletionSource<int> tcs, Task parameter, bool flag, Repository repo)
            {
                var done = Task.CompletedTask;
                var one = Task.FromResult(1);
                var valueOne = ValueTask.FromResult(1);
                var fromSource = tcs.Task;
                var copy = parameter;
                var unstarted = new Task(() => { });
                var chosen = flag ? repo.SaveAsync() : Task.CompletedTask;
            }
        }
        """ + Repository);

    [Fact]
    public Task Using_declarations_dispose_it() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo)
            {
                using var t = repo.SaveAsync();
                using (var u = repo.SaveAsync())
                {
                }
            }
        }
        """ + Repository);

    [Fact]
    public Task Underscore_names_say_unused_on_purpose() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo)
            {
                var _ = repo.SaveAsync();
                Task __ = repo.SaveAsync();
            }
        }
        """ + Repository);

    [Fact]
    public Task Fire_and_forget_flags_and_observer_continuations() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        [Flags]
        enum CommandFlags { None = 0, FireAndForget = 2 }

        class Database
        {
            public Task<bool> StringSetAsync(string key, string value, CommandFlags flags = CommandFlags.None) => Task.FromResult(true);
        }

        class C
        {
            async Task RunAsync(Database db, Repository repo)
            {
                var sent = db.StringSetAsync("k", "v", CommandFlags.FireAndForget);
                var save = repo.SaveAsync();
                var logged = save.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                await Task.Yield();
            }
        }
        """ + Repository);

    [Fact]
    public Task Not_a_task() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo)
            {
                var text = repo.ToString();
                var task = repo.CountAsync();
                var value = task.Result;
            }
        }
        """ + Repository);

    [Fact]
    public Task Local_holding_guarded_background_work() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Cache
        {
            public void Warm()
            {
                var refresh = Task.Run(RefreshAsync);
                var {|ASYNC202:risky|} = Task.Run(() => RiskyAsync());
            }

            private async Task RefreshAsync()
            {
                try
                {
                    await Task.Delay(10);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }
            }

            private async Task RiskyAsync() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task A_kept_deadline_that_completes_the_awaited_promise() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class OrchestrationTests
        {
            async Task<int> WaitsForTheResultAsync()
            {
                var promise = new TaskCompletionSource<int>();
                var completion = Task.Run(async () =>
                {
                    await Task.Delay(100);
                    promise.SetResult(42);
                });
                return await promise.Task;
            }
        }
        """);

    [Fact]
    public Task A_name_that_says_the_drop_is_on_purpose() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Listener
        {
            void StartInBackground(CancellationToken token)
            {
                Task taskIgnore = Task.Run(() => RetryStartAsync(token));
                var ignored = RetryStartAsync(token);
                var fireAndForget = RetryStartAsync(token);
                var discarded = RetryStartAsync(token);
                Task unawaited = Task.Run(() => RetryStartAsync(token), token);
                var notAwaitedRetry = RetryStartAsync(token);
                var unused = RetryStartAsync(token);
                var retryUnused = RetryStartAsync(token);

                // A name about something else: reported (runUsed holds "unused" only as letters).
                var {|ASYNC202:retry|} = RetryStartAsync(token);
                var {|ASYNC202:runUsed|} = RetryStartAsync(token);
                var {|ASYNC202:awaitedLater|} = RetryStartAsync(token);
            }

            private static Task RetryStartAsync(CancellationToken token) => Task.Delay(1000, token);
        }
        """);
}
