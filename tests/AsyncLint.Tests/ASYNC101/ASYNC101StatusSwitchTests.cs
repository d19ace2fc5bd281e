using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A <c>switch</c> on the task's <c>Status</c> (also through <c>?.</c>): the <c>RanToCompletion</c>, <c>Faulted</c> and
/// <c>Canceled</c> sections hold a complete task. Other sections, and another task's status, stay reported.
/// </summary>
public sealed class ASYNC101StatusSwitchTests
{
    [Fact]
    public Task Read_in_a_terminal_section_of_a_status_switch_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public sealed class LazyValue
        {
            private Task<int>? value;
            private readonly object gate = new();

            public async Task<int> GetAsync(Task<int> fallback)
            {
                await Task.Yield();
                int local = 0;
                lock (gate)
                {
                    switch (this.value?.Status)
                    {
                        case TaskStatus.RanToCompletion:
                            local = this.value.Result;
                            break;
                    }
                }

                switch (fallback.Status)
                {
                    case TaskStatus.RanToCompletion:
                    case TaskStatus.Faulted:
                        return local + fallback.Result;
                    default:
                        return local;
                }
            }
        }
        """);

    [Fact]
    public Task Read_in_another_section_or_of_another_task_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public static class Reader
        {
            public static async Task<int> GetAsync(Task<int> first, Task<int> second)
            {
                await Task.Yield();
                switch (first.Status)
                {
                    case TaskStatus.RanToCompletion:
                        return {|ASYNC101:second.Result|};
                    case TaskStatus.Running:
                        return {|ASYNC101:first.Result|};
                    default:
                        return 0;
                }
            }
        }
        """);
}
