using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

/// <summary>
/// A guarded lambda posted to a synchronization context that hands its outcome back through a promise: a declaration
/// before the catch-all try, <c>tcs.SetResult(reply)</c> after it. Without the catch, or completing something that is not
/// a TaskCompletionSource, or computing the result outside the guard, it stays reported.
/// </summary>
public sealed class ASYNC204GuardedPromiseTests
{
    [Fact]
    public Task Trap_a_guarded_lambda_that_completes_a_promise_after_its_try() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public class Adapter
        {
            readonly SynchronizationContext context = new SynchronizationContext();

            public async Task<string> HandleAsync(Func<Task<string>> handler)
            {
                var tcs = new TaskCompletionSource<string>();
                context.Post(async _ =>
                {
                    string reply;
                    try
                    {
                        reply = await handler();
                    }
                    catch (InvalidOperationException e) { reply = "error: " + e.Message; }
                    catch (Exception e) { reply = "failed: " + e.GetType().Name; }
                    tcs.SetResult(reply);
                }, null);
                return await tcs.Task;
            }

            public async Task HandleVoidAsync(Func<Task> handler)
            {
                var done = new TaskCompletionSource();
                context.Post(async _ =>
                {
                    Exception? failure = null;
                    try { await handler(); }
                    catch (Exception e) { failure = e; }
                    done.TrySetResult();
                }, null);
                await done.Task;
            }
        }
        """);

    [Fact]
    public Task The_same_post_without_a_catch_or_completing_something_else_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Reply
        {
            public void SetResult(string value) => throw new InvalidOperationException(value);
        }

        public class Adapter
        {
            readonly SynchronizationContext context = new SynchronizationContext();

            public async Task<string> HandleUnguardedAsync(Func<Task<string>> handler)
            {
                var tcs = new TaskCompletionSource<string>();
                context.Post({|ASYNC204:async _ =>|} tcs.SetResult(await handler()), null);
                return await tcs.Task;
            }

            public void HandleIntoReply(Func<Task<string>> handler, Reply target)
            {
                context.Post({|ASYNC204:async _ =>|}
                {
                    string reply;
                    try { reply = await handler(); }
                    catch (Exception) { reply = "failed"; }
                    target.SetResult(reply);
                }, null);
            }

            public async Task<string> HandleComputedAsync(Func<Task<string>> handler)
            {
                var tcs = new TaskCompletionSource<string>();
                context.Post({|ASYNC204:async _ =>|}
                {
                    string reply;
                    try { reply = await handler(); }
                    catch (Exception) { reply = "failed"; }
                    tcs.SetResult(reply.Trim());
                }, null);
                return await tcs.Task;
            }
        }
        """);

    [Fact]
    public Task Trap_a_timer_lambda_that_casts_its_state_before_the_guard_and_a_state_used_outside_it_is_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Heartbeat
        {
            public Task PingAsync() => Task.Delay(1);

            public Timer Start() => new Timer(async state =>
            {
                var self = (Heartbeat)state!;
                try { await self.PingAsync(); }
                catch (Exception e) { Console.Error.WriteLine(e); }
            }, this, 1000, 1000);

            public Timer StartLoud() => new Timer({|ASYNC204:async state =>|}
            {
                var self = (Heartbeat)state!;
                try { await self.PingAsync(); }
                catch (Exception e) { Console.Error.WriteLine(e); }
                Console.WriteLine(self.GetHashCode());
            }, this, 1000, 1000);
        }
        """);
}
