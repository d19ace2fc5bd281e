using VerifyDropped = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;
using VerifyReturned = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A wrapper that hands a callback to the pool through a helper catching everything it throws
/// (<c>return Task.Run(() =&gt; Guard.Run(callback));</c>) returns a task that cannot fault: dropping it loses nothing, and the
/// catch around the return is there for the synchronous part. The same wrapper around unguarded work keeps both reports.
/// </summary>
public sealed class ASYNC201GuardedPoolWrapperTests
{
    private const string Notifier = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        static class Guard
        {
            public static void Run(Action action)
            {
                try { action(); }
                catch (Exception e) { Console.Error.WriteLine("callback failed: " + e.Message); }
            }
        }

        static class Safe
        {
            public static void Execute(Action action, string caller = null) => Execute(action, caller == null ? (Func<string>)null : () => caller);

            public static async Task Execute(Func<Task> action, string caller = null)
            {
                await Execute(action, caller == null ? (Func<string>)null : () => caller).ConfigureAwait(false);
            }

            private static void Execute(Action action, Func<string> caller)
            {
                try { action(); }
                catch (Exception e) { Console.Error.WriteLine(caller?.Invoke() + e.Message); }
            }

            private static async Task Execute(Func<Task> action, Func<string> caller)
            {
                try { await action(); }
                catch (Exception e) { Console.Error.WriteLine(caller?.Invoke() + e.Message); }
            }
        }

        static class Unsafe
        {
            public static void Execute(Action action, string caller = null) => Execute(action, () => caller);

            private static void Execute(Action action, Func<string> caller)
            {
                Console.WriteLine(caller());
                action();
            }
        }

        class Notifier
        {
            private Task NotifyForwarded(Func<Task> callback) => Task.Run(() => Safe.Execute(callback));

            private Task NotifyForwardedAction(Action callback) => Task.Run(() => Safe.Execute(callback, "notify"));

            private Task NotifyThroughUnsafe(Action callback) => Task.Run(() => Unsafe.Execute(callback));

            private readonly Stream log = Stream.Null;

            private Task Notify(Action callback, string reason)
            {
                try
                {
                    Console.WriteLine("notifying " + reason);
                    return Task.Run(() => Guard.Run(callback));
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }

                return Task.CompletedTask;
            }

            private Task NotifyUnguarded(Action callback, string reason)
            {
                try
                {
                    Console.WriteLine("notifying " + reason);
                    return Task.Run(() => callback());
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }

                return Task.CompletedTask;
            }

        """;

    [Fact]
    public Task A_dropped_wrapper_of_guarded_pool_work_is_silent_and_of_unguarded_work_reported() => VerifyDropped.AnalyzerAsync(Notifier + """
            public void OnActivated(Action callback)
            {
                Notify(callback, "activated");
                NotifyForwarded(() => Task.Run(callback));
                NotifyForwardedAction(callback);
                {|ASYNC201:NotifyUnguarded(callback, "activated")|};
                {|ASYNC201:NotifyThroughUnsafe(callback)|};
            }
        }
        """);

    [Fact]
    public Task A_return_of_guarded_pool_work_from_a_try_is_silent() => VerifyReturned.AnalyzerAsync(
        (Notifier + "}\n").Replace("return Task.Run(() => callback());", "{|ASYNC205:return Task.Run(() => callback());|}"));
}
