using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// <c>Set()</c> dropping <c>SetAsync()</c>, which completes its promise and returns that promise's task: the task is complete
/// when the call returns. A method that returns the promise's task before or without completing it stays reported.
/// </summary>
public sealed class ASYNC201JustCompletedPromiseTests
{
    [Fact]
    public Task Dropping_the_task_of_a_promise_just_completed_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public sealed class ManualResetSignal
        {
            private readonly object gate = new();
            private TaskCompletionSource<bool> source = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public Task WaitAsync() { lock (gate) { return source.Task; } }

            public Task SetAsync()
            {
                TaskCompletionSource<bool> current;
                lock (gate) { current = source; }
                current.TrySetResult(true);
                return current.Task;
            }

            public void Set() => SetAsync();
        }
        """);

    [Fact]
    public Task A_promise_returned_before_it_is_completed_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public sealed class Signal
        {
            private readonly TaskCompletionSource<bool> source = new();
            private bool ready;

            public Task ArmAsync()
            {
                var next = new TaskCompletionSource<bool>();
                if (ready) return next.Task;
                next.TrySetResult(true);
                return next.Task;
            }

            public Task WhenSetAsync() => source.Task;

            public void Arm()
            {
                {|ASYNC201:ArmAsync()|};
                {|ASYNC201:WhenSetAsync()|};
            }
        }
        """);
}
