using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Dispatchers doing their job: a synchronization context's <c>Post</c> running its callback on the pool, a task scheduler
/// running a queued task, a continuation taken from a field into a local and started on a scheduler. Other work started
/// from the same places stays reported.
/// </summary>
public sealed class ASYNC201DispatcherTests
{
    [Fact]
    public Task Posting_callbacks_and_queued_tasks_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class PoolContext : SynchronizationContext
        {
            public override void Post(SendOrPostCallback d, object? state)
            {
                Task.Run(delegate
                {
                    SetSynchronizationContext(this);
                    d(state);
                });
            }
        }

        sealed class QueueScheduler : TaskScheduler
        {
            private readonly Queue<Task> tasks = new();
            protected override void QueueTask(Task task) { lock (tasks) tasks.Enqueue(task); }
            protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
            protected override IEnumerable<Task> GetScheduledTasks() => tasks;

            public void Drain()
            {
                lock (tasks)
                {
                    while (tasks.Count > 0)
                    {
                        var task = tasks.Dequeue();
                        Task.Run(() => TryExecuteTask(task));
                    }
                }
            }
        }

        sealed class LockAwaiter
        {
            private Action? continuation;
            private readonly TaskScheduler scheduler = TaskScheduler.Default;

            internal bool TrySchedule()
            {
                Action? continuation = Interlocked.Exchange(ref this.continuation, null);
                if (continuation is null) return false;
                Task.Factory.StartNew(continuation, CancellationToken.None, TaskCreationOptions.PreferFairness, scheduler);
                return true;
            }
        }
        """);

    [Fact]
    public Task Other_work_started_from_a_dispatcher_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class LoggingContext : SynchronizationContext
        {
            public override void Post(SendOrPostCallback d, object? state)
            {
                {|ASYNC201:Task.Run(() => Console.Out.WriteLineAsync("posted"))|};
                base.Post(d, state);
            }
        }

        sealed class QueueScheduler : TaskScheduler
        {
            private readonly Queue<Task> tasks = new();
            protected override void QueueTask(Task task) { lock (tasks) tasks.Enqueue(task); {|ASYNC201:Task.Run(() => Flush())|}; }
            protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;
            protected override IEnumerable<Task> GetScheduledTasks() => tasks;
            private static void Flush() { }
        }
        """);
}
