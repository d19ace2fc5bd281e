using AsyncLint.Tests.Verifiers;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC101BlockingTaskWaitCodeFix>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A synchronous helper that only blocks on the task it is given (<c>RunSync(() =&gt; LoadAsync())</c>,
/// <c>task.BlockingWait()</c>) blocks its async caller just as the read in its body would.
/// </summary>
public sealed class ASYNC101BlockingHelperTests
{
    [Fact]
    public Task RunSync_over_a_lambda_becomes_await_of_its_task() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        static class AsyncHelper
        {
            public static T RunSync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
        }

        class C
        {
            Task<string> LoadAsync(int id) => Task.FromResult("x" + id);

            async Task<int> RunAsync(int id)
            {
                var text = {|ASYNC101:AsyncHelper.RunSync(() => LoadAsync(id))|};
                await Task.Yield();
                return text.Length + {|ASYNC101:AsyncHelper.RunSync(() => LoadAsync(id + 1))|}.Length;
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        static class AsyncHelper
        {
            public static T RunSync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
        }

        class C
        {
            Task<string> LoadAsync(int id) => Task.FromResult("x" + id);

            async Task<int> RunAsync(int id)
            {
                var text = await LoadAsync(id);
                await Task.Yield();
                return text.Length + (await LoadAsync(id + 1)).Length;
            }
        }
        """);

    [Fact]
    public Task Extension_that_blocks_on_its_receiver_becomes_await() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static void BlockingWait(this Task task) => task.GetAwaiter().GetResult();

            public static T Sync<T>(this Task<T> task)
            {
                return task.ConfigureAwait(false).GetAwaiter().GetResult();
            }
        }

        class C
        {
            Task SaveAsync() => Task.CompletedTask;
            Task<int> CountAsync() => Task.FromResult(1);

            async Task RunAsync()
            {
                {|ASYNC101:SaveAsync().BlockingWait()|};
                var n = {|ASYNC101:CountAsync().Sync()|};
                await Task.Delay(n);
            }
        }
        """, """
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static void BlockingWait(this Task task) => task.GetAwaiter().GetResult();

            public static T Sync<T>(this Task<T> task)
            {
                return task.ConfigureAwait(false).GetAwaiter().GetResult();
            }
        }

        class C
        {
            Task SaveAsync() => Task.CompletedTask;
            Task<int> CountAsync() => Task.FromResult(1);

            async Task RunAsync()
            {
                await SaveAsync();
                var n = await CountAsync();
                await Task.Delay(n);
            }
        }
        """);

    [Fact]
    public Task Helper_that_swaps_the_context_around_the_wait_and_a_method_group() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        static class Bridge
        {
            public static T Run<T>(Func<Task<T>> work)
            {
                var previous = SynchronizationContext.Current;
                try
                {
                    SynchronizationContext.SetSynchronizationContext(null);
                    return work().Result;
                }
                finally
                {
                    SynchronizationContext.SetSynchronizationContext(previous);
                }
            }

            public static void Run(Func<Task> work) => Task.Factory.StartNew(work).Unwrap().Wait();
        }

        class C
        {
            Task<int> CountAsync() => Task.FromResult(1);
            Task FlushAsync() => Task.CompletedTask;

            async Task<int> RunAsync()
            {
                await Task.Yield();
                {|ASYNC101:Bridge.Run(async () => await FlushAsync())|};
                return {|ASYNC101:Bridge.Run(CountAsync)|};
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        static class Bridge
        {
            public static T Run<T>(Func<Task<T>> work)
            {
                var previous = SynchronizationContext.Current;
                try
                {
                    SynchronizationContext.SetSynchronizationContext(null);
                    return work().Result;
                }
                finally
                {
                    SynchronizationContext.SetSynchronizationContext(previous);
                }
            }

            public static void Run(Func<Task> work) => Task.Factory.StartNew(work).Unwrap().Wait();
        }

        class C
        {
            Task<int> CountAsync() => Task.FromResult(1);
            Task FlushAsync() => Task.CompletedTask;

            async Task<int> RunAsync()
            {
                await Task.Yield();
                await FlushAsync();
                return await CountAsync();
            }
        }
        """);

    [Fact]
    public Task Local_function_helper_and_an_argument_that_needs_parentheses() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<string>? cached;
            Task<string> LoadAsync() => Task.FromResult("x");

            async Task<string> RunAsync()
            {
                await Task.Yield();
                return {|ASYNC101:Wait(cached ?? LoadAsync())|};

                static string Wait(Task<string> pending) => pending.Result;
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            Task<string>? cached;
            Task<string> LoadAsync() => Task.FromResult("x");

            async Task<string> RunAsync()
            {
                await Task.Yield();
                return await (cached ?? LoadAsync());

                static string Wait(Task<string> pending) => pending.Result;
            }
        }
        """);

    /// <summary>
    /// Nito.AsyncEx's shape, as a referenced library would show it: the rule knows these bridges by name and namespace,
    /// not by their bodies (which block; here they only stand in, so that the source-reading path cannot be what finds them).
    /// </summary>
    private const string NitoAsyncEx = """
        using System;
        using System.Threading.Tasks;
        using Nito.AsyncEx;
        using Nito.AsyncEx.Synchronous;

        namespace Nito.AsyncEx.Synchronous
        {
            public static class TaskExtensions
            {
                public static void WaitAndUnwrapException(this Task task) { }
                public static T WaitAndUnwrapException<T>(this Task<T> task) => default!;
            }
        }

        namespace Nito.AsyncEx
        {
            public sealed class AsyncContext
            {
                public static T Run<T>(Func<Task<T>> action) => default!;
            }
        }

        """;

    [Fact]
    public Task Nito_AsyncEx_bridges() => VerifyFix.CodeFixAsync(NitoAsyncEx + """
        class C
        {
            Task SaveAsync() => Task.CompletedTask;
            Task<int> CountAsync() => Task.FromResult(1);

            async Task<int> RunAsync()
            {
                await Task.Yield();
                {|ASYNC101:SaveAsync().WaitAndUnwrapException()|};
                return {|ASYNC101:CountAsync().WaitAndUnwrapException()|} + {|ASYNC101:AsyncContext.Run(() => CountAsync())|};
            }
        }
        """, NitoAsyncEx + """
        class C
        {
            Task SaveAsync() => Task.CompletedTask;
            Task<int> CountAsync() => Task.FromResult(1);

            async Task<int> RunAsync()
            {
                await Task.Yield();
                await SaveAsync();
                return await CountAsync() + await CountAsync();
            }
        }
        """);

    [Fact]
    public Task Reported_without_a_fix_when_the_helper_or_the_delegate_does_more() => VerifyFix.NoCodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        static class Helpers
        {
            public static int Measure(Task<string> pending)
            {
                var text = pending.GetAwaiter().GetResult();
                return text.Length;
            }

            public static T RunSync<T>(Func<Task<T>> work) => Task.Run(work).Result;
            public static T RunSync<T>(Func<CancellationToken, Task<T>> work) => work(CancellationToken.None).Result;
        }

        class C
        {
            Task<string> LoadAsync() => Task.FromResult("x");

            async Task<int> RunAsync()
            {
                await Task.Yield();
                var a = {|ASYNC101:Helpers.Measure(LoadAsync())|};
                var b = {|ASYNC101:Helpers.RunSync(async () => { var s = await LoadAsync(); return s.Length; })|};
                var c = {|ASYNC101:Helpers.RunSync(token => LoadAsync())|};
                return a + b + c.Length;
            }
        }
        """);

    [Fact]
    public Task Trap_helpers_that_read_a_finished_task_or_do_not_block_on_their_argument() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class Helpers
        {
            static readonly Task Pending = Task.CompletedTask;

            public static T ResultOf<T>(Task<T> task)
            {
                if (!task.IsCompleted)
                {
                    throw new InvalidOperationException("not finished");
                }

                return task.Result;
            }

            public static T ResultOrDefault<T>(Task<T> task) => task.Status == TaskStatus.RanToCompletion ? task.Result : default!;

            public static void Observe(Task task)
            {
                if (task.Exception is { } error)
                {
                    Console.WriteLine(error);
                }
            }

            public static void FlushAll(Task unused) => Pending.Wait();

            public static async Task<T> WithLog<T>(Task<T> task)
            {
                var value = await task;
                Console.WriteLine(value);
                return value;
            }
        }

        class C
        {
            Task<int> CountAsync() => Task.FromResult(1);

            async Task<int> RunAsync()
            {
                var pending = CountAsync();
                Helpers.Observe(pending);
                Helpers.FlushAll(pending);
                var a = Helpers.ResultOf(pending);
                var b = Helpers.ResultOrDefault(pending);
                return a + b + await Helpers.WithLog(pending);
            }
        }
        """);

    [Fact]
    public Task Trap_helper_called_on_a_complete_task_from_sync_code_or_in_the_sync_arm() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static T Sync<T>(this Task<T> task) => task.GetAwaiter().GetResult();
        }

        class C
        {
            Task<int> CountAsync() => Task.FromResult(1);

            int Count() => CountAsync().Sync();

            async Task<int> AfterAwaitAsync()
            {
                var pending = CountAsync();
                await pending;
                return pending.Sync();
            }

            async Task<int> ReadAsync(bool async)
            {
                return async ? await CountAsync() : CountAsync().Sync();
            }

            async Task RunAsync()
            {
                await Task.Yield();
                Func<int> later = () => CountAsync().Sync();
                await Task.Run(() => CountAsync().Sync());
            }
        }
        """);
}
