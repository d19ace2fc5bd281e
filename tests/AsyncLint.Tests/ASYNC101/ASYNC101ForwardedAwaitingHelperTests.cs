using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A project's deadline helper for <c>Task&lt;T&gt;</c> whose normal exit is <c>return await task;</c>, and the non-async
/// overloads in front of it that only hand the task on (default timeouts, another unit): awaiting any of them completes
/// the task, so a later <c>.Result</c> does not block. An overload that forwards a different task, or to a helper that
/// may return before awaiting, keeps the report.
/// </summary>
public sealed class ASYNC101ForwardedAwaitingHelperTests
{
    private const string Deadlines = """

        public static class Deadlines
        {
            public const int DefaultMs = 30_000;

            public static async Task<T> WithDeadline<T>(this Task<T> task, TimeSpan timeout)
            {
                if (await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false) != task)
                {
                    throw new TimeoutException();
                }

                return await task.ConfigureAwait(false);
            }

            public static Task<T> WithDeadline<T>(this Task<T> task, int? milliseconds = null)
                => WithDeadline(task, TimeSpan.FromMilliseconds(milliseconds ?? DefaultMs));

            public static Task<T> WithShortDeadline<T>(this Task<T> task)
            {
                return task.WithDeadline(100);
            }

            public static async Task WithDeadline(this Task task, TimeSpan timeout)
            {
                if (await Task.WhenAny(task, Task.Delay(timeout)) != task)
                {
                    throw new TimeoutException();
                }

                await task;
            }

            public static Task WithDeadlineMs(this Task task, int milliseconds) => task.WithDeadline(TimeSpan.FromMilliseconds(milliseconds));

            public static async Task<T> Lenient<T>(this Task<T> task, TimeSpan timeout)
            {
                if (await Task.WhenAny(task, Task.Delay(timeout)) != task)
                {
                    return default!;
                }

                return await task;
            }

            public static Task<T> Lenient<T>(this Task<T> task) => task.Lenient(TimeSpan.FromSeconds(1));

            public static Task<T> Other<T>(this Task<T> task, Task<T> other) => other.WithDeadline(100);
        }
        """;

    [Fact]
    public Task Read_after_a_helper_that_returns_await_task_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Pages
        {
            static Task<string> LoadAsync() => Task.Run(() => "page");

            async Task<int> Direct()
            {
                var page = LoadAsync();
                await page.WithDeadline(TimeSpan.FromSeconds(5));
                return page.Result.Length;
            }
        }
        """ + Deadlines);

    [Fact]
    public Task Read_after_a_forwarding_overload_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Pages
        {
            static Task<string> LoadAsync() => Task.Run(() => "page");
            static Task<int> CountAsync() => Task.Run(() => 1);

            async Task<int> Defaulted()
            {
                var page = LoadAsync();
                await page.WithDeadline();
                return page.Result.Length;
            }

            async Task<int> TwoHops()
            {
                var page = LoadAsync();
                await page.WithShortDeadline();
                return page.Result.Length;
            }

            async Task<int> AllOfThem()
            {
                var page = LoadAsync();
                var count = CountAsync();
                await Task.WhenAll(page, count).WithDeadlineMs(1000);
                return page.Result.Length + count.Result;
            }
        }
        """ + Deadlines);

    [Fact]
    public Task Forwarding_to_a_helper_that_may_return_early_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Pages
        {
            static Task<string> LoadAsync() => Task.Run(() => "page");

            async Task<int> Swallowed()
            {
                var page = LoadAsync();
                await page.Lenient();
                return {|ASYNC101:page.Result|}.Length;
            }
        }
        """ + Deadlines);

    [Fact]
    public Task Forwarding_another_task_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Pages
        {
            static Task<string> LoadAsync() => Task.Run(() => "page");

            async Task<int> Swapped()
            {
                var page = LoadAsync();
                var other = LoadAsync();
                await page.Other(other);
                return {|ASYNC101:page.Result|}.Length + other.Result.Length;
            }
        }
        """ + Deadlines);
}
