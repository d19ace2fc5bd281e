using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// <c>task.IsCompletedSuccessfully()</c> or <c>IsCompletedSuccessfully(task)</c>: the extension-method or static shim of libraries that target frameworks without the property
/// guards the read like the property does.
/// </summary>
public sealed class ASYNC101CompletionShimTests
{
    [Fact]
    public Task Trap_extension_completion_test() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        static class TaskCompat
        {
            public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;
        }

        class Call
        {
            public Task<string> Committed { get; } = Task.FromResult("x");

            static Task<string> LogAsync(string line) => Task.FromResult(line);

            async Task<string> FinishAsync(Task<string> current)
            {
                await Task.Yield();
                if (current.IsCompletedSuccessfully() && current.Result == "done")
                {
                    return current.Result;
                }

                if (Committed.IsCompletedSuccessfully())
                {
                    return await LogAsync(Committed.Result);
                }

                return "";
            }
        }
        """);

    [Fact]
    public Task A_shim_on_another_task_or_negated_is_no_guard() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        static class TaskCompat
        {
            public static bool IsCompletedSuccessfully(this Task task) => task.Status == TaskStatus.RanToCompletion;
        }

        class Call
        {
            static Task<string> LogAsync(string line) => Task.FromResult(line);

            async Task<string> FinishAsync(Task<string> current, Task<string> other)
            {
                await Task.Yield();
                var text = "";
                if (other.IsCompletedSuccessfully())
                {
                    text = {|ASYNC101:current.Result|};
                }

                if (!current.IsCompletedSuccessfully())
                {
                    text += {|ASYNC101:current.Result|};
                }

                return await LogAsync(text);
            }
        }
        """);

    [Fact]
    public Task A_plain_static_helper_guards_like_the_extension() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Router
        {
            private static bool IsCompletedSuccessfully<T>(Task<T> t) => t.IsCompleted && !t.IsFaulted && !t.IsCanceled;

            static Task<string> LogAsync(string line) => Task.FromResult(line);

            async Task<string> RouteAsync(Task<string> front, Task<string> back)
            {
                await Task.Yield();
                var text = "";
                if (IsCompletedSuccessfully(front))
                {
                    text = front.Result;
                }

                if (IsCompletedSuccessfully(front))
                {
                    text += {|ASYNC101:back.Result|};
                }

                return await LogAsync(text);
            }
        }
        """);
}
