using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// <c>task.ConfigureAwait(false);</c> as a statement on a task held in a variable drops only a view of that task: the task
/// is where it was. A configured call whose task exists nowhere else is still dropped work.
/// </summary>
public sealed class ASYNC201HeldTaskViewTests
{
    [Fact]
    public Task Configuring_a_task_held_in_a_variable_drops_nothing() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Dispatcher
        {
            Task pending = Task.CompletedTask;

            public Task Dispatch(Func<Task> handler, bool background)
            {
                Task task;
                if (background)
                {
                    task = Task.Run(handler);
                    task.ConfigureAwait(false);
                }
                else
                {
                    task = handler();
                }

                pending.ConfigureAwait(false);
                return task;
            }

            public Task Forward(Task inner)
            {
                inner.ConfigureAwait(false);
                return inner;
            }
        }
        """);

    [Fact]
    public Task A_configured_call_is_still_dropped_work() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Dispatcher
        {
            public void Dispatch(Func<Task> handler)
            {
                {|ASYNC201:Task.Run(handler).ConfigureAwait(false)|};
            }
        }
        """);
}
