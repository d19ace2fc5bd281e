using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// The fire-and-forget helper's own body drops the task it was given: that is what it is for. A method merely named with
/// "Forget" that drops other work, and a helper that drops something other than its task, stay reported.
/// </summary>
public sealed class ASYNC201ForgetHelperBodyTests
{
    [Fact]
    public Task Forget_helper_dropping_its_task_parameter_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public static class TaskForgetting
        {
            public static void Forget(this ValueTask task) => task.Preserve();

            public static void Forget<T>(this ValueTask<T> task) => task.Preserve();

            public static void FireAndForget(this Task task) => task.ConfigureAwait(false);
        }
        """);

    [Fact]
    public Task Other_drops_in_a_method_named_forget_are_still_told() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface IUserStore { Task DeleteAsync(int id); Task AuditAsync(string what); }

        public sealed class Privacy
        {
            private readonly IUserStore store = null!;

            // Forgetting a user is real work: dropping its task loses the failure.
            public void ForgetUser(int id) => {|ASYNC201:store.DeleteAsync(id)|};

            public void Forget(Task task)
            {
                {|ASYNC201:store.AuditAsync("forget")|};
                _ = task;
            }
        }
        """);
}
