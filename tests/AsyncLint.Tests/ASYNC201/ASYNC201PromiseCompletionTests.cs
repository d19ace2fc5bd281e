using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Completing a promise off the caller's thread (so that its continuations do not run inline) returns a task only
/// as a by-product: whoever waits, waits on the promise itself. Gateway clients do this on every reconnect.
/// </summary>
public sealed class ASYNC201PromiseCompletionTests
{
    [Fact]
    public Task Trap_extension_that_completes_a_TaskCompletionSource_on_the_thread_pool() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        static class PromiseExtensions
        {
            public static Task TrySetResultAsync<T>(this TaskCompletionSource<T> source, T result)
                => Task.Run(() => source.TrySetResult(result));

            public static Task TrySetCanceledAsync(this TaskCompletionSource source)
                => Task.Run(() => source.TrySetCanceled());
        }

        sealed class Downloader
        {
            private readonly TaskCompletionSource<bool> done = new();
            private TaskCompletionSource? connecting;

            public void OnFinished()
            {
                done.TrySetResultAsync(true);
                connecting?.TrySetCanceledAsync();
            }
        }
        """);

    [Fact]
    public Task Other_extensions_on_other_receivers_are_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        sealed class Channel { }

        static class ChannelExtensions
        {
            public static Task TrySendAsync(this Channel channel, string text) => Task.Delay(1);
        }

        sealed class Sender
        {
            public void Send(Channel channel)
            {
                {|ASYNC201:channel.TrySendAsync("hi")|};
            }
        }
        """);

    [Fact]
    public Task Trap_promise_completed_inline_on_the_thread_pool() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        sealed class AdminEvents
        {
            public void OnDescribed(object state, List<string> configs, Exception? error)
            {
                if (error is not null)
                {
                    Task.Run(() => ((TaskCompletionSource<List<string>>)state).TrySetException(new InvalidOperationException(error.Message, error)));
                    return;
                }

                Task.Run(() => ((TaskCompletionSource<List<string>>)state).TrySetResult(configs));
            }

            public void OnCanceled(TaskCompletionSource promise)
            {
                Task.Factory.StartNew(() => promise.TrySetCanceled());
            }

            // The error is built from the native handle's report: TrySet... never throws, whatever it is given.
            public void OnFailed(object state, int code)
            {
                Task.Run(() => ((TaskCompletionSource<int>)state).TrySetException(new InvalidOperationException(Describe(code))));
            }

            private static string Describe(int code) => "error " + code;
        }
        """);

    [Fact]
    public Task Pool_work_that_does_more_than_complete_a_promise_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        sealed class AdminEvents
        {
            public void OnDescribed(TaskCompletionSource<int> promise, Func<int> read)
            {
                {|ASYNC201:Task.Run(() => promise.SetResult(read()))|};
                {|ASYNC201:Task.Run(() => { promise.TrySetResult(1); read(); })|};
            }
        }
        """);

    [Fact]
    public Task Trap_shutdown_endpoint_that_stops_the_host_after_answering() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        namespace Microsoft.Extensions.Hosting
        {
            public interface IHostApplicationLifetime
            {
                CancellationToken ApplicationStopping { get; }
                void StopApplication();
            }
        }

        namespace App
        {
            using Microsoft.Extensions.Hosting;

            public sealed class ServerController
            {
                private readonly IHostApplicationLifetime lifetime;

                public ServerController(IHostApplicationLifetime lifetime) => this.lifetime = lifetime;

                public string Shutdown()
                {
                    Task.Factory.StartNew(() => lifetime.StopApplication());
                    return "shutting down";
                }

                public string Restart()
                {
                    Task.Run(() => { lifetime.StopApplication(); });
                    return "restarting";
                }
            }
        }
        """);

    [Fact]
    public Task Stopping_more_than_the_host_or_a_look_alike_lifetime_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Microsoft.Extensions.Hosting
        {
            public interface IHostApplicationLifetime
            {
                void StopApplication();
            }
        }

        namespace App
        {
            using Microsoft.Extensions.Hosting;

            public interface IGameLifetime
            {
                void StopApplication();
            }

            public sealed class ServerController
            {
                public void Shutdown(IHostApplicationLifetime lifetime, IGameLifetime game, System.Action flush)
                {
                    {|ASYNC201:Task.Run(() => { flush(); lifetime.StopApplication(); })|};
                    {|ASYNC201:Task.Run(() => game.StopApplication())|};
                }
            }
        }
        """);

    [Fact]
    public Task Trap_a_deadline_that_completes_a_promise_later() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        sealed class StepContext
        {
            private TaskCompletionSource<int>? forceCompleted = new();

            public void ForceTaskComplete()
            {
                Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    forceCompleted?.TrySetResult(1);
                });
            }

            // SetResult throws only when the promise is already complete: its waiter has an outcome either way.
            public Task<int> CompletesLaterAsync()
            {
                var promise = new TaskCompletionSource<int>();
                var later = Task.Run(async () =>
                {
                    await Task.Delay(100);
                    promise.SetResult(42);
                });
                Task.Run(() => promise.SetException(new TimeoutException("late")));
                return promise.Task;
            }
        }
        """);

    [Fact]
    public Task Trap_cancellation_moved_off_the_calling_thread() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Monitor
        {
            private readonly CancellationTokenSource stopping = new();

            public void Stop(IEnumerable<CancellationTokenSource> handles)
            {
                foreach (var source in handles)
                {
                    // Cancel in the background in case a callback hangs or runs inline under our lock.
                    Task.Run(() =>
                    {
                        try { source.Cancel(); }
                        finally { source.Dispose(); }
                    });
                }

                Task.Run(() => stopping.Cancel());
                Task.Run(stopping.Cancel);
            }
        }
        """);

    [Fact]
    public Task Trap_cancellation_of_a_resettable_source_under_its_lock_moved_off_the_calling_thread() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        sealed class TransferController
        {
            private readonly object cancelGate = new();
            private CancellationTokenSource? source = new();

            // Cancel returns only when every callback has run: do it on the pool, under the lock that guards the reset.
            public void CancelWork()
            {
                Task.Run(() =>
                {
                    lock (cancelGate)
                    {
                        if (source != null)
                        {
                            source.Cancel();
                        }
                    }
                });
                Task.Run(() => { lock (cancelGate) source?.Cancel(); });
                Task.Run(() => source?.Cancel());
            }

            public void Reset()
            {
                lock (cancelGate)
                {
                    source?.Dispose();
                    source = null;
                }
            }
        }
        """);

    [Fact]
    public Task Cancellation_under_a_lock_or_check_with_more_work_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class TransferController
        {
            private readonly object cancelGate = new();
            private CancellationTokenSource? source = new();

            public void CancelWork(Func<bool> shouldCancel, Action flush)
            {
                {|ASYNC201:Task.Run(() =>
                {
                    lock (cancelGate)
                    {
                        source?.Cancel();
                        flush();
                    }
                })|};
                // The test itself runs user code that can throw.
                {|ASYNC201:Task.Run(() => { if (shouldCancel()) source?.Cancel(); })|};
                {|ASYNC201:Task.Run(() => { if (source != null) source.Cancel(); else flush(); })|};
            }
        }
        """);

    [Fact]
    public Task Cancellation_with_more_work_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Monitor
        {
            public void Stop(CancellationTokenSource source, CancellationTokenSource other, Action flush)
            {
                {|ASYNC201:Task.Run(() => { source.Cancel(); flush(); })|};
                {|ASYNC201:Task.Run(() =>
                {
                    try { source.Cancel(); }
                    finally { other.Dispose(); }
                })|};
                {|ASYNC201:Task.Run(() =>
                {
                    try { source.Cancel(); }
                    catch (ObjectDisposedException) { flush(); }
                })|};
            }
        }
        """);

    [Fact]
    public Task A_deadline_with_a_token_or_more_work_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class StepContext
        {
            private readonly TaskCompletionSource<int> forceCompleted = new();

            public void ForceTaskComplete(CancellationToken token, Action cleanup)
            {
                // A cancelled token faults the delay.
                {|ASYNC201:Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), token);
                    forceCompleted.TrySetResult(1);
                })|};

                {|ASYNC201:Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    cleanup();
                })|};
            }
        }
        """);

    [Fact]
    public Task A_promise_completed_on_the_pool_inside_its_own_using_with_a_logged_outcome_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Awaiter : TaskCompletionSource<string>, IDisposable
        {
            private readonly CancellationTokenRegistration registration;
            public Awaiter(CancellationToken token) => registration = token.Register(() => TrySetCanceled());
            public void Dispose() => registration.Dispose();
        }

        public static class Log { public static void Debug(string message) { } }

        public sealed class Pump
        {
            private readonly ConcurrentDictionary<long, Awaiter> awaiters = new();

            public void Deliver(long token, string response)
            {
                if (awaiters.TryRemove(token, out var waiter))
                {
                    Task.Run(() =>
                    {
                        using (waiter)
                        {
                            if (!waiter.TrySetResult(response))
                                Log.Debug($"The waiter for {token} was already cancelled");
                        }
                    });
                }
            }

            public void DeliverParsed(long token, string response)
            {
                if (awaiters.TryRemove(token, out var waiter))
                {
                    {|ASYNC201:Task.Run(() => { var parsed = Parse(response); waiter.TrySetResult(parsed); })|};
                    {|ASYNC201:Task.Run(() =>
                    {
                        using (waiter)
                        {
                            if (!waiter.TrySetResult(response))
                                Parse(response);
                        }
                    })|};

                    // Another resource's Dispose may throw, and nobody would know.
                    var connection = new System.IO.MemoryStream();
                    {|ASYNC201:Task.Run(() =>
                    {
                        using (connection)
                        {
                            waiter.TrySetResult(response);
                        }
                    })|};
                }
            }

            private static string Parse(string text) => text.Trim();
        }
        """);
}
