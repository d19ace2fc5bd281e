using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;
using VerifyLocal = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// An awaiter handing its continuation to the project's own scheduler, inside a lambda (also through a local function that
/// runs it): the scheduling task, dropped (ASYNC201) or kept in a local nobody reads (ASYNC202), has nothing to observe.
/// </summary>
public sealed class ASYNC201AwaiterOwnSchedulerTests
{
    private const string Scheduler = """
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;

        public interface ILoop
        {
            ValueTask PostAsync(Func<CancellationToken, ValueTask> work, CancellationToken token);
        }

        """;

    [Fact]
    public Task Continuation_run_by_a_lambda_or_a_local_function_on_the_own_scheduler_is_silent() => VerifyCS.AnalyzerAsync(Scheduler + """
        public readonly struct LoopAwaiter : INotifyCompletion
        {
            private readonly ILoop loop;

            public LoopAwaiter(ILoop loop) => this.loop = loop;

            public bool IsCompleted => false;

            public void GetResult() { }

            public void OnCompleted(Action continuation)
            {
                loop.PostAsync(_ => { continuation(); return default; }, CancellationToken.None);
            }
        }

        public sealed class GuardedAwaiter : ICriticalNotifyCompletion
        {
            private readonly ILoop loop = null!;
            private IDisposable? registration;

            public bool IsCompleted => false;

            public void GetResult() { }

            public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

            public void UnsafeOnCompleted(Action continuation)
            {
                void Resume()
                {
                    registration?.Dispose();
                    Interlocked.Exchange(ref continuation, null!)?.Invoke();
                }

                loop.PostAsync(_ => { Resume(); return default; }, CancellationToken.None);
            }
        }
        """);

    [Fact]
    public Task Other_work_posted_from_an_awaiter_or_elsewhere_is_reported() => VerifyCS.AnalyzerAsync(Scheduler + """
        public sealed class NoisyAwaiter : INotifyCompletion
        {
            private readonly ILoop loop = null!;

            public bool IsCompleted => false;

            public void GetResult() { }

            public void OnCompleted(Action continuation)
            {
                {|ASYNC201:loop.PostAsync(async token => await Task.Delay(10, token), CancellationToken.None)|};
                continuation();
            }
        }

        public sealed class Refresher
        {
            private readonly ILoop loop = null!;

            public void Kick(Action done) => {|ASYNC201:loop.PostAsync(_ => { done(); return default; }, CancellationToken.None)|};
        }
        """);

    [Fact]
    public Task Scheduling_task_kept_in_an_unread_local_is_silent_in_an_awaiter_only() => VerifyLocal.AnalyzerAsync(Scheduler + """
        public readonly struct LoopAwaiter : INotifyCompletion
        {
            private readonly ILoop loop;

            public LoopAwaiter(ILoop loop) => this.loop = loop;

            public bool IsCompleted => false;

            public void GetResult() { }

            public void OnCompleted(Action continuation)
            {
                var posted = loop.PostAsync(_ => { continuation(); return default; }, CancellationToken.None);
            }
        }

        public sealed class Refresher
        {
            private readonly ILoop loop = null!;

            public Task ReloadAsync(CancellationToken token) => Task.Delay(10, token);

            public void Kick()
            {
                var {|ASYNC202:posted|} = loop.PostAsync(async token => await ReloadAsync(token), CancellationToken.None);
            }
        }
        """);
}
