using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A continuation that returns a task of its own (<c>ContinueWith(async t =&gt; …)</c>) starts new work: dropped, its faults are
/// lost. A synchronous continuation observes the antecedent, and a continuation whose whole body is guarded loses nothing.
/// </summary>
public sealed class ASYNC201AsyncContinuationTests
{
    [Fact]
    public Task An_async_continuation_dropped_is_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Endpoint
        {
            private Task WaitForConnection() => Task.Delay(1);
            private Task OnConnect() => Task.Delay(1);
            private void StartDispatcher() { }
            private Task Reconnect(Task previous) => OnConnect();

            public void Start()
            {
                {|ASYNC201:WaitForConnection().ContinueWith(async t =>
                {
                    StartDispatcher();
                    await OnConnect();
                })|};

                {|ASYNC201:Task.Factory.ContinueWhenAll(new[] { WaitForConnection() }, async _ => await OnConnect())|};
                {|ASYNC201:WaitForConnection().ContinueWith(t => OnConnect())|};
                {|ASYNC201:WaitForConnection().ContinueWith(Reconnect)|};
            }
        }
        """);

    [Fact]
    public Task Synchronous_and_guarded_continuations_are_observers() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Endpoint
        {
            private Task WaitForConnection() => Task.Delay(1);
            private Task OnConnect() => Task.Delay(1);

            public void Start()
            {
                WaitForConnection().ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                WaitForConnection().ContinueWith(t => OnConnect()).Unwrap().ContinueWith(t => Console.Error.WriteLine(t.Exception));
                pending = WaitForConnection();
                pending.ContinueWith(_ => pending = null);
                WaitForConnection().ContinueWith(async _ =>
                {
                    try { await OnConnect(); }
                    catch (Exception e) { Console.Error.WriteLine(e); }
                });
            }

            private Task? pending;
        }
        """);
}
