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
}
