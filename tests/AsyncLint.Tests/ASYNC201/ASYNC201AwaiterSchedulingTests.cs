using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A custom awaiter scheduling the continuation it was handed: the continuation resumes the awaiting method, which keeps
/// its own exceptions, so the scheduling task never faults. Any other work dropped there is still reported.
/// </summary>
public sealed class ASYNC201AwaiterSchedulingTests
{
    [Fact]
    public Task Trap_awaiter_starts_its_continuation_on_the_pool() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;

        public readonly struct PoolHop
        {
            public Awaiter GetAwaiter() => new Awaiter();

            public readonly struct Awaiter : ICriticalNotifyCompletion
            {
                public bool IsCompleted => false;

                public void OnCompleted(Action continuation)
                    => Task.Factory.StartNew(continuation, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

                public void UnsafeOnCompleted(Action continuation)
                {
                    Task.Run(continuation);
                }

                public void GetResult() { }
            }
        }
        """);

    [Fact]
    public Task Other_work_dropped_in_an_awaiter_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        public readonly struct Logged
        {
            public Awaiter GetAwaiter() => new Awaiter();

            public readonly struct Awaiter : INotifyCompletion
            {
                static Task WriteLogAsync(string line) => Task.Delay(1);

                public bool IsCompleted => false;

                public void OnCompleted(Action continuation)
                {
                    {|ASYNC201:WriteLogAsync("resuming")|};
                    Task.Run(continuation);
                }

                public void GetResult() { }
            }
        }
        """);

    [Fact]
    public Task Trap_a_continuation_posted_to_its_captured_scheduler() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Resumption
        {
            private readonly Action<object?> continuation;

            public Resumption(Action<object?> continuation) => this.continuation = continuation;

            public void Resume(object? state, object capturedContext)
            {
                switch (capturedContext)
                {
                    case SynchronizationContext context:
                        context.Post(continuation.Invoke, state);
                        break;
                    case TaskScheduler scheduler:
                        Task.Factory.StartNew(continuation, state, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler);
                        break;
                }
            }

            public static void Schedule(Action<object?> onContinuation, object? state, TaskScheduler scheduler)
                => Task.Factory.StartNew(onContinuation, state, CancellationToken.None, TaskCreationOptions.None, scheduler);
        }
        """);

    [Fact]
    public Task Other_work_started_on_a_scheduler_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Jobs
        {
            public void Start(Action<object?> work, object? state, TaskScheduler scheduler, Action<object?> continuation)
            {
                {|ASYNC201:Task.Factory.StartNew(work, state, CancellationToken.None, TaskCreationOptions.None, scheduler)|};
                {|ASYNC201:Task.Factory.StartNew(continuation, state)|};
            }
        }
        """);

    [Fact]
    public Task Trap_a_synchronization_context_posting_its_callback_to_its_scheduler() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class OrchestrationContext : SynchronizationContext
        {
            private readonly TaskScheduler scheduler;

            public OrchestrationContext(TaskScheduler scheduler) => this.scheduler = scheduler;

            public override void Post(SendOrPostCallback callback, object? state)
                => Task.Factory.StartNew(() => callback(state), CancellationToken.None, TaskCreationOptions.None, scheduler);

            // More than the callback in the lambda, or no scheduler: reported.
            public void PostLogged(SendOrPostCallback callback, object? state)
            {
                {|ASYNC201:Task.Factory.StartNew(() => { Console.WriteLine("post"); callback(state); }, CancellationToken.None, TaskCreationOptions.None, scheduler)|};
                {|ASYNC201:Task.Factory.StartNew(() => callback(state))|};
            }
        }
        """);
}
