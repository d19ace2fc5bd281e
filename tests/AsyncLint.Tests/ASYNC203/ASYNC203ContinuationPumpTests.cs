using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>
/// The continuation pump of a custom awaitable: a private async void method that only an awaiter's <c>OnCompleted</c>
/// (<c>IValueTaskSource</c>, <c>INotifyCompletion</c>, <c>ICriticalNotifyCompletion</c>) calls, handing it the continuation;
/// it awaits inside a catch-all and then hands the continuation on. Unguarded, called from an ordinary method, from an
/// <c>OnCompleted</c> that is no awaiter's, or doing anything else after the guard, it stays reported.
/// </summary>
public sealed class ASYNC203ContinuationPumpTests
{
    [Fact]
    public Task Trap_a_value_task_source_resuming_its_awaiter_after_a_guarded_await() => VerifyAnalyzer.AnalyzerAsync("""
        #nullable enable
        using System;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Sources;

        public sealed class LazyLookup : IValueTaskSource<string>
        {
            private readonly Task<string> fetch;

            public LazyLookup(Task<string> fetch) => this.fetch = fetch;

            public string GetResult(short token) => fetch.GetAwaiter().GetResult();

            public ValueTaskSourceStatus GetStatus(short token) => fetch.Status switch
            {
                TaskStatus.RanToCompletion => ValueTaskSourceStatus.Succeeded,
                TaskStatus.Faulted => ValueTaskSourceStatus.Faulted,
                TaskStatus.Canceled => ValueTaskSourceStatus.Canceled,
                _ => ValueTaskSourceStatus.Pending,
            };

            public void OnCompleted(Action<object?> resume, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            {
                if (fetch.IsCompleted)
                {
                    resume(state);
                }
                else
                {
                    WhenFetched(fetch, resume, state);
                }
            }

            // The failure is read by GetResult: the pump only waits for the end, whatever it is, and wakes the awaiter.
            private static async void WhenFetched(Task<string> pending, Action<object?> wake, object? state)
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch
                {
                }

                wake(state);
            }
        }
        """);

    [Fact]
    public Task Trap_awaiters_that_hand_the_continuation_to_a_dispatcher_after_the_guard() => VerifyAnalyzer.AnalyzerAsync("""
        #nullable enable
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Sources;

        public readonly struct DelayedAwaiter : ICriticalNotifyCompletion
        {
            private readonly Task gate;

            public DelayedAwaiter(Task gate) => this.gate = gate;

            public bool IsCompleted => gate.IsCompleted;

            public void GetResult() { }

            public void OnCompleted(Action continuation) => Pump(gate, continuation, ExecutionContext.Capture());

            void ICriticalNotifyCompletion.UnsafeOnCompleted(Action continuation) => Pump(gate, continuation, null);

            private static async void Pump(Task gate, Action next, ExecutionContext? flow)
            {
                try { await gate.ConfigureAwait(false); }
                catch (Exception) { }

                if (flow is null)
                {
                    next();
                }
                else
                {
                    ExecutionContext.Run(flow, _ => next(), null);
                }
            }
        }

        public sealed class PostingSource : IValueTaskSource
        {
            private readonly Task gate = Task.Delay(10);

            public void GetResult(short token) { }

            public ValueTaskSourceStatus GetStatus(short token) => gate.IsCompleted ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;

            public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
                => Resume(continuation, state, SynchronizationContext.Current);

            private async void Resume(Action<object?> continuation, object? state, SynchronizationContext? context)
            {
                try
                {
                    await gate;
                }
                catch (Exception e)
                {
                    Console.WriteLine(e.Message);
                }

                if (context is null)
                {
                    ThreadPool.QueueUserWorkItem(continuation, state, preferLocal: false);
                }
                else
                {
                    context.Post(s => continuation(s), state);
                }
            }
        }
        """);

    [Fact]
    public Task Pumps_without_a_guard_or_with_other_callers_or_other_steps_are_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        #nullable enable
        using System;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Sources;

        public sealed class Lookups : IValueTaskSource<int>
        {
            private readonly Task<int> fetch = Task.FromResult(1);
            private Action? onWake;

            public int GetResult(short token) => fetch.Result;

            public ValueTaskSourceStatus GetStatus(short token) => ValueTaskSourceStatus.Pending;

            public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            {
                Unguarded(fetch, continuation, state);
                AlsoStartedElsewhere(fetch, continuation, state);
                WakesSomethingElse(fetch, continuation, state);
                NotifiesFirst(fetch, continuation, state);
                WakesTwice(fetch, continuation, state);
            }

            public void Prefetch() => AlsoStartedElsewhere(fetch, static _ => { }, null);

            // The await is not guarded: a failed fetch would escape the pump and end the process.
            private static async void {|ASYNC203:Unguarded|}(Task<int> pending, Action<object?> wake, object? state)
            {
                await pending.ConfigureAwait(false);
                wake(state);
            }

            // An ordinary method starts it too: its caller could wait for a Task.
            private static async void {|ASYNC203:AlsoStartedElsewhere|}(Task<int> pending, Action<object?> wake, object? state)
            {
                try { await pending.ConfigureAwait(false); } catch { }
                wake(state);
            }

            // After the guard it runs a callback of its own, not the continuation it was handed.
            private async void {|ASYNC203:WakesSomethingElse|}(Task<int> pending, Action<object?> wake, object? state)
            {
                try { await pending.ConfigureAwait(false); } catch { }
                onWake!();
            }

            // Something that may throw before the hand-off.
            private static async void {|ASYNC203:NotifiesFirst|}(Task<int> pending, Action<object?> wake, object? state)
            {
                try { await pending.ConfigureAwait(false); } catch { }
                Console.Out.Flush();
                wake(state);
            }

            // The continuation handed on twice: only one hand-off, last, is the pump's.
            private static async void {|ASYNC203:WakesTwice|}(Task<int> pending, Action<object?> wake, object? state)
            {
                try { await pending.ConfigureAwait(false); } catch { }
                wake(state);
                wake(state);
            }
        }

        // An OnCompleted of the same shape on a type that is no awaiter: its caller is an ordinary caller.
        public sealed class ProgressReporter
        {
            public void OnCompleted(Action<object?> continuation, object? state) => Report(Task.Delay(1), continuation, state);

            private static async void {|ASYNC203:Report|}(Task done, Action<object?> continuation, object? state)
            {
                try { await done; } catch { }
                continuation(state);
            }
        }

        // An awaiter's OnCompleted that hands the pump something else than its continuation.
        public readonly struct SwappedAwaiter : System.Runtime.CompilerServices.INotifyCompletion
        {
            public bool IsCompleted => false;

            public void GetResult() { }

            public void OnCompleted(Action continuation) => Pump(Task.Delay(1), () => Console.WriteLine("done"));

            private static async void {|ASYNC203:Pump|}(Task gate, Action next)
            {
                try { await gate; } catch { }
                next();
            }
        }
        """);

    [Fact]
    public Task Trap_a_pump_that_captures_the_flowed_contexts_and_packs_the_continuation_for_its_own_callbacks() => VerifyAnalyzer.AnalyzerAsync("""
        #nullable enable
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Sources;

        public static class Deferred
        {
            public sealed class Source<T> : IValueTaskSource<T>
            {
                private static readonly ContextCallback resumeInFlow = ResumeInFlow;
                private static readonly SendOrPostCallback resumePosted = ResumePosted;

                private readonly ValueTask<T> inner;

                public Source(ValueTask<T> inner) => this.inner = inner;

                public T GetResult(short token) => inner.Result;

                public ValueTaskSourceStatus GetStatus(short token) => inner.IsCompleted ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;

                public void OnCompleted(Action<object?> resume, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
                {
                    if (inner.IsCompleted)
                    {
                        resume(state);
                        return;
                    }

                    AfterInner(inner, resume, state, flags);
                }

                // Captures what the flags ask it to flow, waits for the inner task whatever its end, then resumes the
                // awaiter in the captured context through its own callbacks, the continuation packed in their state.
                private static async void AfterInner(ValueTask<T> pending, Action<object?> resume, object? state, ValueTaskSourceOnCompletedFlags flags)
                {
                    ExecutionContext? flow = null;
                    SynchronizationContext? scheduling = null;
                    if ((flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0)
                    {
                        flow = ExecutionContext.Capture();
                    }

                    if ((flags & ValueTaskSourceOnCompletedFlags.UseSchedulingContext) != 0)
                    {
                        scheduling = SynchronizationContext.Current;
                    }

                    try
                    {
                        await pending.ConfigureAwait(false);
                    }
                    catch
                    {
                    }

                    if (flow != null)
                    {
                        ExecutionContext.Run(flow, resumeInFlow, Tuple.Create(resume, state, scheduling));
                    }
                    else if (scheduling != null)
                    {
                        scheduling.Post(resumePosted, Tuple.Create(resume, state, scheduling));
                    }
                    else
                    {
                        resume(state);
                    }
                }

                private static void ResumeInFlow(object? packed)
                {
                    var parts = (Tuple<Action<object?>, object?, SynchronizationContext?>)packed!;
                    if (parts.Item3 != null)
                    {
                        ResumePosted(packed);
                    }
                    else
                    {
                        parts.Item1(parts.Item2);
                    }
                }

                private static void ResumePosted(object? packed)
                {
                    var parts = (Tuple<Action<object?>, object?, SynchronizationContext?>)packed!;
                    parts.Item1.Invoke(parts.Item2);
                }
            }
        }

        // The same with a tuple literal queued to the pool through a method group, the scheduler captured in a declaration.
        public sealed class PooledSource : IValueTaskSource
        {
            private readonly Task gate = Task.Delay(5);

            public void GetResult(short token) { }

            public ValueTaskSourceStatus GetStatus(short token) => gate.IsCompleted ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Pending;

            public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
                => Pump(gate, continuation, state);

            private static async void Pump(Task gate, Action<object?> continuation, object? state)
            {
                var scheduler = TaskScheduler.Current;
                try { await gate.ConfigureAwait(false); } catch (Exception) { }

                if (scheduler == TaskScheduler.Default)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(Resume, (continuation, state));
                }
                else
                {
                    continuation(state);
                }
            }

            private static void Resume(object? packed)
            {
                var (next, nextState) = ((Action<object?>, object?))packed!;
                next(nextState);
            }
        }
        """);

    [Fact]
    public Task Pumps_that_capture_by_a_call_or_pack_something_else_or_post_a_lambda_are_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        #nullable enable
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Threading.Tasks.Sources;

        public sealed class Lookalikes : IValueTaskSource
        {
            private static readonly ContextCallback runLogged = RunLogged;
            private static readonly SendOrPostCallback resumePacked = ResumePacked;
            private static SendOrPostCallback swappable = ResumePacked;

            private readonly Task gate = Task.Delay(5);
            private readonly Action<object?> audit = _ => { };

            public void GetResult(short token) { }

            public ValueTaskSourceStatus GetStatus(short token) => ValueTaskSourceStatus.Pending;

            public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            {
                CapturesThroughAHelper(gate, continuation, state, flags);
                PacksTheAudit(gate, continuation, state);
                PostsALambda(gate, continuation, state);
                PostsThroughAMutableField(gate, continuation, state);
            }

            private static ExecutionContext? CaptureFlow() => ExecutionContext.Capture();

            private static void Remember(object? packed) { }

            // A project method before the guard: it may throw before anything is guarded.
            private static async void {|ASYNC203:CapturesThroughAHelper|}(Task gate, Action<object?> continuation, object? state, ValueTaskSourceOnCompletedFlags flags)
            {
                ExecutionContext? flow = null;
                if ((flags & ValueTaskSourceOnCompletedFlags.FlowExecutionContext) != 0)
                {
                    flow = CaptureFlow();
                }

                try { await gate.ConfigureAwait(false); } catch { }
                continuation(state);
            }

            // The packed state carries another delegate, not the continuation, for a callback that runs that one.
            private async void {|ASYNC203:PacksTheAudit|}(Task gate, Action<object?> continuation, object? state)
            {
                var flow = ExecutionContext.Capture();
                try { await gate.ConfigureAwait(false); } catch { }
                ExecutionContext.Run(flow!, runLogged, Tuple.Create(audit, state));
            }

            // The continuation is packed, but the posted callback is a lambda that runs another method.
            private static async void {|ASYNC203:PostsALambda|}(Task gate, Action<object?> continuation, object? state)
            {
                var context = SynchronizationContext.Current;
                try { await gate.ConfigureAwait(false); } catch { }
                context!.Post(s => Remember(s), Tuple.Create(continuation, state));
            }

            // A callback field anyone may reassign is not the pump's fixed code.
            private static async void {|ASYNC203:PostsThroughAMutableField|}(Task gate, Action<object?> continuation, object? state)
            {
                var context = SynchronizationContext.Current;
                try { await gate.ConfigureAwait(false); } catch { }
                context!.Post(swappable, Tuple.Create(continuation, state));
            }

            private static void RunLogged(object? packed)
            {
                var parts = (Tuple<Action<object?>, object?>)packed!;
                parts.Item1(parts.Item2);
            }

            private static void ResumePacked(object? packed)
            {
                var parts = (Tuple<Action<object?>, object?>)packed!;
                parts.Item1(parts.Item2);
            }
        }
        """);

    [Fact]
    public Task Half_typed_awaiters_do_not_crash() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public struct BrokenAwaiter : {|CS0246:IMissingCompletion|}
        {
            public void OnCompleted(Action continuation) => Pump({|CS0103:gate|}, continuation);

            public void UnsafeOnCompleted({|CS0246:Missing|} continuation) => Pump(Task.CompletedTask, continuation);

            private static async void {|ASYNC203:Pump|}(Task gate, Action next)
            {
                try { await gate; } catch { }
                next();
            }
        }
        """);
}
