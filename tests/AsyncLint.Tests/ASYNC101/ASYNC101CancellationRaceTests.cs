using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A race against a task that ends only when the token is cancelled, followed by the token's check: past the check the
/// race ended with the other task complete. A race against a timeout proves nothing of the kind.
/// </summary>
public sealed class ASYNC101CancellationRaceTests
{
    [Fact]
    public Task Racing_a_cancellation_only_task_then_checking_the_token_completes_the_other() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class CancellableTask : TaskCompletionSource<int>, IDisposable
        {
            private readonly CancellationTokenRegistration registration;
            public CancellableTask(CancellationToken token) => registration = token.Register(() => TrySetCanceled());
            public void Dispose() => registration.Dispose();
        }

        public sealed class Cursor
        {
            private Task<int> pending = Task.Run(() => 42);

            public async Task<int> NextAsync(CancellationToken token)
            {
                if (!pending.IsCompleted)
                {
                    using (var cancel = new CancellableTask(token))
                    {
                        await Task.WhenAny(pending, cancel.Task).ConfigureAwait(false);
                        token.ThrowIfCancellationRequested();
                    }
                }

                return pending.Result;
            }

            public async Task<int> DelayRaceAsync(CancellationToken token)
            {
                await Task.WhenAny(pending, Task.Delay(Timeout.Infinite, token));
                token.ThrowIfCancellationRequested();
                return pending.Result;
            }

            public async Task<int> TimeoutRaceAsync(CancellationToken token)
            {
                await Task.WhenAny(pending, Task.Delay(1000, token));
                token.ThrowIfCancellationRequested();
                return {|ASYNC101:pending.Result|};
            }

            public async Task<int> OtherTokenAsync(CancellationToken token, CancellationToken other)
            {
                await Task.WhenAny(pending, Task.Delay(Timeout.Infinite, other));
                token.ThrowIfCancellationRequested();
                return {|ASYNC101:pending.Result|};
            }
        }
        """);

    [Fact]
    public Task A_promise_that_can_also_succeed_is_no_cancellation_only_task() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Signal : TaskCompletionSource<int>
        {
            public Signal(CancellationToken token) { token.Register(() => TrySetCanceled()); }
            public void Fire() => TrySetResult(1);
        }

        public sealed class Cursor
        {
            private Task<int> pending = Task.Run(() => 42);

            public async Task<int> NextAsync(CancellationToken token)
            {
                var signal = new Signal(token);
                await Task.WhenAny(pending, signal.Task);
                token.ThrowIfCancellationRequested();
                return {|ASYNC101:pending.Result|};
            }
        }
        """);
}
